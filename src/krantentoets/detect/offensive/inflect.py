"""Regular Dutch inflections of a listed word (plural, diminutive, adjective and verb forms)
and its misspellings at one edit.
"""

from __future__ import annotations

import re

_VOWELS = "aeiouy"


_SHORT_CVC = re.compile(r"(?:^|[^aeiouy])([aeiou])([bdfgklmnprst])$")


_LONG_VVC = re.compile(r"(aa|ee|oo|uu)([bdfgklmnprstvz])$")


#: A final s/f becomes z/v before a vowel ("baas" -> "bazen", "lief" -> "lieve").
_VOICED = {"s": "z", "f": "v"}


def noun_forms(w: str) -> set[str]:
    out = {w}
    if " " in w or ("-" in w and not w.endswith("-")):
        return out
    out |= {w + "s", w + "'s", w + "je", w + "jes", w + "tje", w + "tjes"}
    if w.endswith("e"):
        out |= {w + "n"}
    elif w[-1] in "aiouy":
        out |= {w + "'s"}
    else:
        out |= {w + "en", w + "e"}
    if _SHORT_CVC.search(w):
        out |= {w + w[-1] + "en", w + w[-1] + "e", w + w[-1] + "etje", w + w[-1] + "etjes"}
    m = _LONG_VVC.search(w)
    if m:
        stem = w[: m.start()] + m.group(1)[0] + _VOICED.get(m.group(2), m.group(2))
        out |= {stem + "en", stem + "e"}
    if w.endswith("f"):
        out |= {w[:-1] + "ven", w[:-1] + "ve"}
    if w.endswith("s") and not w.endswith("ss"):
        out |= {w[:-1] + "zen", w[:-1] + "ze"}
    return out


def adj_forms(w: str) -> set[str]:
    out = {w}
    if " " in w:
        return out
    bases = {w}
    if _SHORT_CVC.search(w):
        bases.add(w + w[-1])
    m = _LONG_VVC.search(w)
    if m:  # "hersenloos" -> "hersenloze", "boos" -> "boze", "braaf" -> "brave"
        bases.add(w[: m.start()] + m.group(1)[0] + _VOICED.get(m.group(2), m.group(2)))
    if w.endswith("f"):
        bases.add(w[:-1] + "v")
    if w.endswith("s") and not w.endswith("ss"):
        bases.add(w[:-1] + "z")
    for b in bases:
        out |= {b + "e", b + "er", b + "ere", b + "ers"}
    out |= {w + "st", w + "ste", w + "sten"}
    if not w.endswith("e"):
        out.add(w + "en")
    return out


_KOFSCHIP = set("tkfschp")


_OPEN = re.compile(r"(?:^|[^aeiouy])[aeou][bdfgklmnprstvz]$")


def verb_forms(inf: str) -> set[str]:
    """Regular forms of a Dutch verb from its infinitive (over-generation is harmless)."""
    out = {inf}
    if not inf.endswith("en") or " " in inf:
        return out
    stem = inf[:-2]
    if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        stem = stem[:-1]
    elif _OPEN.search(stem) and not stem.endswith(("el", "er", "en", "em")):
        # open syllable: "doden" -> "dood", "haten" -> "haat"
        stem = stem[:-2] + stem[-2] * 2 + stem[-1]
    if stem.endswith("v"):
        stem = stem[:-1] + "f"
    if stem.endswith("z"):
        stem = stem[:-1] + "s"
    past = "te" if stem[-1] in _KOFSCHIP else "de"
    out |= {stem, stem + "t", stem + past, stem + past + "n"}
    if stem.endswith(("t", "d")):
        out.add(stem)
    return out


def edits(w: str) -> set[str]:
    """Misspellings at one edit: one letter dropped, two neighbouring letters swapped."""
    out = {w[:i] + w[i + 1 :] for i in range(len(w))}
    out |= {w[:i] + w[i + 1] + w[i] + w[i + 2 :] for i in range(len(w) - 1) if w[i] != w[i + 1]}
    out.discard(w)
    return out
