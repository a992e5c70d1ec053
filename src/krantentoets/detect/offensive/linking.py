"""Whether a weak predicate is said of a target: through a copula, a comparison, or as an
adjective right before it.
"""

from __future__ import annotations

from krantentoets.detect.offensive.doc import Doc, Pred, Tok, adjacent


def linked_target(doc: Doc, idx: list[int], p: Pred, tg: list[int]) -> int | None:
    """The target a weak predicate is said of, through a copula or comparison."""
    toks = doc.toks
    g = doc.lex.grammar
    cop = g.get("copulas", frozenset())
    comp = g.get("comparison", frozenset())
    modals = g.get("modals", frozenset())
    clause = toks[p.i].clause
    in_clause = [k for k in idx if toks[k].clause == clause]
    near_clauses = {clause} | {toks[t].clause for t in tg if toks[t].sent == toks[p.i].sent}
    in_reach = [k for k in idx if toks[k].clause in near_clauses]
    cops = [k for k in in_reach if toks[k].canon in cop and not toks[k].exempt]
    small = g.get("small_clause", frozenset())
    cops += [k for k in in_clause if toks[k].canon in small]  # "ik vind X smerig"
    cops += [k for k in in_clause if toks[k].canon == "om"]  # "voor een X om zo dom te zijn"
    comps = [k for k in in_clause if toks[k].canon in comp]
    if comps and _treated(toks, in_clause, comps, p, g.get("treatment", frozenset())):
        return None
    adjective = p.cls in ("attr", "pos")
    for t in tg:
        if toks[t].clause != clause and not _reaches(toks, t, p):
            continue
        if (
            adjective
            and p.j == t
            and "attrib" in p.flags
            and not toks[p.i].exempt
            and adjacent(doc.text, toks[p.i], toks[t])
        ):
            return t  # "hersenloze ambtenaren", "die domme vrouwen"
        for c in cops:
            if t < c < p.i and _other_subject(doc, idx, t, c):
                continue  # "de mannen van de reiniging, binnen een uur was de troep weg"
            if t < c < p.i or c < t < p.i:
                return t
            if (
                adjective
                and t < p.i < c
                and (
                    _predicative(toks, p)
                    or any(
                        t < m < p.i
                        for m in in_clause
                        if toks[m].canon in modals
                        or toks[m].canon in ("die", "dat", "kunnen", "kan")
                    )
                )
            ):
                return t
        for c in comps:
            if min(t, p.i) < c < max(t, p.j) and not _object_between(toks, t, c):
                return t
    return None


def _treated(
    toks: list[Tok], in_clause: list[int], comps: list[int], p: Pred, treatment: frozenset[str]
) -> bool:
    """A comparison that describes how people are treated ("behandeld als beesten", "als vee
    vervoerd"): a word of ``treatment`` in the clause and "als" right before the predicate
    (an article or adjective between)."""
    if not any(toks[k].canon in treatment for k in in_clause):
        return False
    return any(0 < p.i - c <= 3 for c in comps)


def _object_between(toks: list[Tok], t: int, c: int) -> bool:
    """Another noun phrase between the target and "als": "X ervaren de stoep als een last"
    compares the pavement, not X."""
    return any(toks[m].canon in _ARTICLES and not toks[m + 1].target for m in range(t + 1, c - 1))


_ARTICLES = frozenset({"de", "het", "een"})


def _other_subject(doc: Doc, idx: list[int], t: int, c: int) -> bool:
    """Does the copula at ``c``, in another clause than the target ``t``, have a subject of
    its own ("..., binnen een uur was de troep weg")? Only pronouns and function words
    before it ("..., dat zijn ratten") leave the target as the subject."""
    toks = doc.toks
    if toks[t].clause == toks[c].clause:
        return False
    not_nouns = doc.lex.not_nouns
    return any(
        toks[m].clause == toks[c].clause
        and m < c
        and not toks[m].target
        and toks[m].canon not in not_nouns
        for m in idx
    )


def _reaches(toks: list[Tok], t: int, p: Pred) -> bool:
    return toks[t].sent == toks[p.i].sent and abs(toks[t].clause - toks[p.i].clause) <= 1


def _predicative(toks: list[Tok], p: Pred) -> bool:
    """An adjective used of someone ("zo dom"), not before a noun ("vieze containers")."""
    t = toks[p.i]
    nxt = toks[p.j] if p.j < len(toks) else None
    if t.canon.endswith("e") and nxt is not None and nxt.sent == t.sent:
        return nxt.canon in ("is", "zijn", "te", "was", "ben", "bent") or bool(nxt.target)
    return True
