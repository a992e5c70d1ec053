"""Built-in policy profiles, made from the two seed documents.

A profile carries the guideline texts (so a finding can quote them), which
guideline each category cites, and per-category severities. Profiles are data:
``profiles/<id>.toml`` inside the package.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
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
    #: Category -> guideline id -> the sentences of that guideline a finding quotes.
    quotes: Mapping[Category, Mapping[str, tuple[str, ...]]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def guideline(self, gid: str, organisation: str) -> Guideline:
        g = self.guidelines[gid]
        return Guideline(g.id, g.title, g.text.replace("{organisation}", organisation))

    def quote(self, category: Category, gid: str, organisation: str) -> str:
        """What a finding of ``category`` quotes from ``gid``: the relevant sentences
        (joined with an ellipsis) where the profile names them, else the whole text."""
        fragments = self.quotes.get(category, {}).get(gid)
        if not fragments:
            return self.guideline(gid, organisation).text
        return " … ".join(f.replace("{organisation}", organisation) for f in fragments)


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
    quotes: dict[Category, dict[str, tuple[str, ...]]] = {}
    for cat_name, by_gid in data.get("quote", {}).items():
        cat = Category(cat_name)
        for gid, fragments in by_gid.items():
            if gid not in cite.get(cat, ()):
                raise ProfileError(
                    f"{origin}: [quote.{cat_name}] quotes {gid}, which it does not cite"
                )
            for fragment in fragments:
                if fragment not in guidelines[gid].text:
                    raise ProfileError(
                        f"{origin}: [quote.{cat_name}] {gid}: {fragment!r} is not in the guideline"
                    )
            quotes.setdefault(cat, {})[gid] = tuple(fragments)
    return Profile(
        id=str(data["id"]),
        title=str(data["title"]),
        source=str(data["source"]),
        guidelines=MappingProxyType(guidelines),
        cite=MappingProxyType(cite),
        severity=MappingProxyType(severity),
        quotes=MappingProxyType({k: MappingProxyType(v) for k, v in quotes.items()}),
    )


@cache
def builtin_profile(profile_id: str) -> Profile:
    ref = resources.files("krantentoets.policy") / "profiles" / f"{profile_id}.toml"
    with ref.open("rb") as fh:
        data = tomllib.load(fh)
    return _parse(data, f"profiles/{profile_id}.toml")
