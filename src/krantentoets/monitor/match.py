"""Does a post name the organisation? Matched on its names, aliases, handles and hashtags.

Names match case-insensitively as whole words, with any run of spaces between
words ("Gemeente  utrecht"); handles match with their ``@`` (``@gemeente`` also
matches ``@gemeente@social.example``); hashtags with their ``#``. The
built-in placeholder name ("de gemeente") is not a name and is never matched:
it would flag every local news item about any municipality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from krantentoets.policy.model import Organisation

_PLACEHOLDER_NAME = Organisation.model_fields["name"].default


def _name_pattern(name: str) -> str:
    return r"\s+".join(re.escape(word) for word in name.split())


@dataclass(frozen=True)
class MentionMatcher:
    """Finds the organisation's names, handles and hashtags in a text."""

    names: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    _pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _canonical: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        canonical: dict[str, str] = {}
        alternatives: list[tuple[int, str]] = []
        for name in self.names:
            key = " ".join(name.split()).casefold()
            if key and key not in canonical:
                canonical[key] = name
                alternatives.append((len(key), _name_pattern(name)))
        for handle in self.handles:
            local = handle.strip().lstrip("@").split("@")[0]
            if local:
                canonical.setdefault("@" + local.casefold(), handle)
                alternatives.append((len(local) + 1, "@" + re.escape(local) + r"(?:@[\w.-]+)?"))
        for tag in self.hashtags:
            bare = tag.strip().lstrip("#")
            if bare:
                canonical.setdefault("#" + bare.casefold(), "#" + bare)
                alternatives.append((len(bare) + 1, "#" + re.escape(bare)))
        # Longest first: "Gemeente Utrecht" wins over "Utrecht".
        alternatives.sort(key=lambda pair: -pair[0])
        pattern = None
        if alternatives:
            body = "|".join(alt for _, alt in alternatives)
            pattern = re.compile(rf"(?<![\w@#])(?:{body})(?![\w])", re.IGNORECASE)
        object.__setattr__(self, "_pattern", pattern)
        object.__setattr__(self, "_canonical", canonical)

    @classmethod
    def from_organisation(cls, org: Organisation) -> MentionMatcher:
        names = [org.name] if org.name.strip() and org.name != _PLACEHOLDER_NAME else []
        return cls(tuple(names + list(org.aliases)), tuple(org.handles), tuple(org.hashtags))

    @property
    def search_names(self) -> tuple[str, ...]:
        """Names to search for at sources that need a query (no handles: they are not words)."""
        return self.names

    @property
    def search_hashtags(self) -> tuple[str, ...]:
        return tuple(t.strip().lstrip("#") for t in self.hashtags if t.strip().lstrip("#"))

    def __bool__(self) -> bool:
        return self._pattern is not None

    def find(self, text: str) -> list[str]:
        """The configured terms found in ``text``, each once, in order of appearance."""
        if self._pattern is None:
            return []
        found: list[str] = []
        for match in self._pattern.finditer(text):
            raw = match.group(0)
            if raw[0] == "@":
                key = "@" + raw[1:].split("@")[0].casefold()
            elif raw[0] == "#":
                key = raw.casefold()
            else:
                key = " ".join(raw.split()).casefold()
            term = self._canonical.get(key, raw)
            if term not in found:
                found.append(term)
        return found
