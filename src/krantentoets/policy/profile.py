"""Built-in policy profiles, made from the two seed documents.

A profile carries the guideline texts (so a finding can quote them), which
guideline each category cites, and per-category severities. Profiles are data:
``profiles/<id>.toml`` inside the package.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

from krantentoets.report import Category, Severity


@dataclass(frozen=True, slots=True)
class Guideline:
    id: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Profile:
    id: str
    title: str
    source: str
    guidelines: Mapping[str, Guideline]
    cite: Mapping[Category, tuple[str, ...]]
    severity: Mapping[Category, Severity]

    def guideline(self, gid: str, organisation: str) -> Guideline:
        g = self.guidelines[gid]
        return Guideline(g.id, g.title, g.text.replace("{organisation}", organisation))


class ProfileError(ValueError):
    pass


def _parse(data: dict, origin: str) -> Profile:
    guidelines = {
        gid: Guideline(gid, str(g["title"]), str(g["text"]))
        for gid, g in data.get("guidelines", {}).items()
    }
    cite: dict[Category, tuple[str, ...]] = {}
    for cat_name, ids in data.get("cite", {}).items():
        cat = Category(cat_name)
        for gid in ids:
            if gid not in guidelines:
                raise ProfileError(f"{origin}: [cite] {cat_name} cites unknown guideline {gid}")
        cite[cat] = tuple(ids)
    missing = set(Category) - set(cite)
    if missing:
        raise ProfileError(f"{origin}: [cite] lacks {sorted(c.value for c in missing)}")
    severity = {Category(k): Severity(v) for k, v in data.get("severity", {}).items()}
    return Profile(
        id=str(data["id"]),
        title=str(data["title"]),
        source=str(data["source"]),
        guidelines=MappingProxyType(guidelines),
        cite=MappingProxyType(cite),
        severity=MappingProxyType(severity),
    )


@cache
def builtin_profile(profile_id: str) -> Profile:
    ref = resources.files("krantentoets.policy") / "profiles" / f"{profile_id}.toml"
    with ref.open("rb") as fh:
        data = tomllib.load(fh)
    return _parse(data, f"profiles/{profile_id}.toml")
