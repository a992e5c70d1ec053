"""The Woo's grounds for redaction, the decision per document, and Dutch labels for the export.

The grounds (art. 5.1 lid 1 a-e, lid 2 a-i and 5.2 Woo) and the ground proposed
for each detected kind of personal data are data: ``data/woo/grounds.toml``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

#: Value of a redaction decision that leaves the span readable.
KEEP = "niet-lakken"


@dataclass(frozen=True, slots=True)
class Ground:
    code: str  # "5.1.2e"
    article: str  # "art. 5.1 lid 2 sub e Woo"
    label: str  # "de eerbiediging van de persoonlijke levenssfeer"
    absolute: bool = False

    @property
    def text(self) -> str:
        return f"{self.article} ({self.label})"


class Openness(StrEnum):
    """The decision on one document of a Woo request."""

    PUBLIC = "openbaar"
    PARTLY = "deels-openbaar"
    CLOSED = "niet-openbaar"

    @property
    def label(self) -> str:
        return {"openbaar": "Openbaar", "deels-openbaar": "Deels openbaar"}.get(
            self.value, "Niet openbaar"
        )


@cache
def _data() -> dict[str, object]:
    text = resources.files("krantentoets.data").joinpath("woo/grounds.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def grounds() -> dict[str, Ground]:
    """Every ground by code, in the order of the act."""
    table = _data()["grounds"]
    assert isinstance(table, dict)
    return {
        code: Ground(code, v["article"], v["label"], bool(v.get("absolute", False)))
        for code, v in table.items()
    }


def ground(code: str) -> Ground:
    """The ground with ``code``; :class:`KeyError` names the allowed codes."""
    found = grounds().get(code)
    if found is None:
        raise KeyError(f"onbekende grond '{code}'; kies uit {', '.join(grounds())}")
    return found


def default_ground(category: str) -> str:
    """The ground proposed for a detected kind of data (``person-name``, ``bsn``, ...)."""
    defaults = _data()["default"]
    assert isinstance(defaults, dict)
    return str(defaults.get(category, defaults["other"]))


#: Workflow decisions and check verdicts as archived (English values) -> Dutch labels.
ARCHIVED_LABELS: dict[str, str] = {
    "submit": "ingediend",
    "approve": "goedgekeurd",
    "reject": "afgewezen",
    "request-changes": "aanpassing gevraagd",
    "revise": "aangepast",
    "publish": "geplaatst",
    "withdraw": "ingetrokken",
    "post": "Plaatsen",
    "doubt": "Twijfel",
    "do-not-post": "Niet plaatsen",
}


def label(value: object) -> str:
    """A Dutch label for an archived workflow decision or verdict (unknown values as they are)."""
    text = "" if value is None else str(value)
    return ARCHIVED_LABELS.get(text, text)
