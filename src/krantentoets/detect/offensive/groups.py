"""Noun phrases that name a protected group, merged into one token ("een zwarte man",
"iemand met een beperking", "een oudere die ...").
"""

from __future__ import annotations

import re

from krantentoets.detect.offensive.doc import Tok, adjacent
from krantentoets.detect.offensive.wordlists import PP_PREPOSITIONS, Entry, Lexicon, group_entry

#: Determiners and quantifiers before an identity adjective used as a noun ("een oudere").
_NOMINAL_DETS = frozenset(
    {
        "een",
        "de",
        "die",
        "deze",
        "elke",
        "iedere",
        "ieder",
        "geen",
        "alle",
        "al",
        "zo'n",
        "sommige",
        "veel",
        "vele",
        "enkele",
        "meeste",
        "twee",
        "drie",
        "vier",
        "welke",
        "zulke",
        "zoveel",
        "elk",
    }
)


_PUNCT = re.compile(r"[.,!?;:…()\[\]\"“”„«»–—]")


def _modifier(t: Tok) -> Entry | None:
    """An identity adjective ("zwarte", "joodse"), or an identity noun used as one ("moslim
    mannen", "transgender vrouwen")."""
    for e in t.entries:
        if e.cls != "group" or e.has("np"):
            continue
        if e.has("adj") or (t.canon == e.lemma and t.how != "compound"):
            return e
    return None


def _head(t: Tok) -> bool:
    """A noun for people that an identity adjective or a condition can be said of."""
    return any(e.cls == "person" or (e.cls == "group" and not e.has("adj")) for e in t.entries)


_GROUP_CLASSES = frozenset({"group", "cond"})


def merge_group_phrases(text: str, lex: Lexicon, toks: list[Tok]) -> None:
    """Merge the noun phrases that name a protected group into one token.

    - identity adjective(s) + person noun: "zwarte vrouwen", "een joodse man", "trans
      personen", "oudere mensen" (a comparative only before [adult_heads]);
    - person noun + preposition + [article] + [adjectives] + condition (conditions.txt):
      "iemand met een (verstandelijke) beperking", "mensen in een rolstoel", "vrouwen met
      een hoofddoek", "mensen van Surinaamse afkomst";
    - an identity adjective used as a noun after a determiner: "een oudere die ...",
      "ik ga een zwarte ...", "geen homoseksuele zou ..." (no noun follows it).

    The merged token carries a group entry without the ``adj`` flag, so it is read as the
    group (``GRP`` in phrases.txt) wherever a plural identity noun would be.
    """
    if not any(t.classes & _GROUP_CLASSES for t in toks):
        return
    adult = lex.gram("adult_heads")
    i = 0
    while i < len(toks):
        t = toks[i]
        mod = _modifier(t)
        if mod is not None:
            j = _adjective_phrase(text, lex, toks, i, mod, adult)
            if j > i:
                _replace(toks, i, j, _pick_section(toks[i:j], mod))
            elif mod.has("adj"):
                _nominalise(text, lex, toks, i, mod)
        t = toks[i]
        if _head(t) or t.canon in lex.gram("pp_heads"):
            _condition_phrase(text, lex, toks, i)
        i += 1


#: Most adjectives before the noun of a group phrase ("oudere zwarte joodse mannen").
_MAX_MODIFIERS = 4


def _adjective_phrase(
    text: str, lex: Lexicon, toks: list[Tok], i: int, mod: Entry, adult: frozenset[str]
) -> int:
    """The index of the person noun that ends an identity phrase starting at ``i`` (or i)."""
    j = i + 1
    comparative = mod.has("comparative")
    filler = 0
    while j < len(toks) and j - i <= _MAX_MODIFIERS and adjacent(text, toks[j - 1], toks[j]):
        n = toks[j]
        m = _modifier(n)
        if m is not None and m.has("adj"):
            comparative = comparative and m.has("comparative")
            j += 1
            continue
        if _head(n):
            if comparative and n.canon not in adult:
                return i
            return j
        # one plain adjective may stand between: "zwarte jonge mannen"
        if not n.entries and filler == 0 and len(n.canon) >= 4 and n.canon.endswith("e"):
            filler += 1
            j += 1
            continue
        return i
    return i


def _pick_section(toks: list[Tok], first: Entry) -> Entry:
    for t in toks:
        m = _modifier(t)
        if m is not None and not m.has("comparative"):
            return m
    return first


def _replace(toks: list[Tok], i: int, j: int, group: Entry) -> None:
    """Replace tokens ``i..j`` (inclusive) by one token naming ``group``."""
    t0, t1 = toks[i], toks[j]
    words = " ".join(t.canon for t in toks[i : j + 1])
    entry = group_entry(group.section, words, group.source)
    toks[i : j + 1] = [
        Tok(
            t0.start,
            t1.end,
            words,
            words,
            (entry,),
            "phrase",
            "",
            t0.cap,
            classes=frozenset({"group"}),
        )
    ]


def _nominalise(text: str, lex: Lexicon, toks: list[Tok], i: int, mod: Entry) -> None:
    """An identity adjective used as a noun after a determiner: "een oudere", "die zwarte"."""
    t = toks[i]
    if i == 0 or toks[i - 1].canon not in _NOMINAL_DETS:
        return
    if not adjacent(text, toks[i - 1], t):
        return
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and adjacent(text, t, nxt):
        if nxt.canon not in lex.not_nouns and not (nxt.classes & {"violent", "emote"}):
            return
    elif nxt is not None:
        gap = text[t.end : nxt.start]
        # "een donkere, koude nacht": a second adjective after the comma
        if gap.strip() == "," and nxt.canon.endswith("e") and not nxt.entries:
            return
        if not _PUNCT.search(gap):
            return
    entry = group_entry(mod.section, t.canon, mod.source)
    t.entries = (entry, *(e for e in t.entries if e is not mod))
    t.classes = frozenset(e.cls for e in t.entries)


def _condition_phrase(text: str, lex: Lexicon, toks: list[Tok], i: int) -> None:
    """A person noun with a condition: "iemand met een (verstandelijke) beperking"."""
    k = i + 1
    if k >= len(toks) or not adjacent(text, toks[i], toks[k]):
        return
    prep = toks[k].canon
    if prep not in PP_PREPOSITIONS:
        return
    k += 1
    if (
        k < len(toks)
        and toks[k].canon in ("een", "de", "het")
        and adjacent(text, toks[k - 1], toks[k])
    ):
        k += 1
    origin: Entry | None = None
    for _ in range(3):  # up to two adjectives, then the condition
        if k >= len(toks) or not adjacent(text, toks[k - 1], toks[k]):
            return
        n = toks[k]
        cond = n.entry("cond")
        if cond is not None and cond.has(prep):
            if cond.has("origin"):
                if origin is None:
                    return
                cond = origin
            _replace(toks, i, k, cond)
            return
        m = _modifier(n)
        if m is not None and m.has("adj"):
            origin = origin or m
        elif n.entries or not (n.canon.endswith("e") or n.canon in lex.gram("pp_modifiers")):
            return
        k += 1
