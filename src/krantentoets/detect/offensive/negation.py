"""Negation scoped per clause: which predicate a ``niet``/``geen``/``nooit`` applies to."""

from __future__ import annotations

from krantentoets.detect.offensive.doc import Doc, Pred

_NEG_CLASSES = frozenset({"dehum", "attr", "emote", "violent", "excl", "threat", "crime"})


_COMPLEMENTIZERS = frozenset({"dat", "hoe", "hoeveel", "of", "wat", "waarom", "wanneer"})


def negate(doc: Doc, idx: list[int], preds: list[Pred], used: set[int]) -> None:
    toks = doc.toks
    g = doc.lex.grammar
    negators = g.get("negators", frozenset())
    factive = g.get("factive", frozenset())
    nonfactive = g.get("nonfactive", frozenset())
    clauses: dict[int, list[int]] = {}
    last_comp: dict[int, int] = {}
    for m in idx:
        clauses.setdefault(toks[m].clause, []).append(m)
        if toks[m].canon in _COMPLEMENTIZERS:
            last_comp[toks[m].clause] = m
    by_clause: dict[int, list[Pred]] = {}
    for p in preds:
        by_clause.setdefault(toks[p.i].clause, []).append(p)
    for k in idx:
        t = toks[k]
        if t.canon not in negators or k in used or t.exempt:
            continue
        clause = clauses[t.clause]
        # a matrix verb near the negation takes it: "beseffen mensen niet dat ...",
        # "ik heb nooit gezegd dat ...", "we mogen niet toestaan dat ..."
        comp_after = last_comp.get(t.clause, -1) > k
        near = [m for m in range(max(clause[0], k - 4), min(clause[-1], k + 3) + 1)]
        matrix = [
            m
            for m in near
            if m != k
            and (
                (toks[m].canon in factive and comp_after)
                or (toks[m].canon in nonfactive and (comp_after or abs(m - k) <= 3))
            )
        ]
        if matrix:
            m = min(matrix, key=lambda m: abs(m - k))
            if _apophasis(doc, idx, k, m):
                continue
            if toks[m].canon in nonfactive and toks[m].canon not in factive:
                for p in by_clause.get(t.clause, ()):
                    p.neg += 1
            continue
        cands = by_clause.get(t.clause, [])
        right = [p for p in cands if k <= p.i <= k + 5 or p.i <= k < p.j]
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if t.canon == "geen" and nxt is not None and nxt.target == "G":
            right = [p for p in cands if p.i > k] or right
        if right:
            min(right, key=lambda p: abs(p.i - k)).neg += 1
            continue
        left = [
            p
            for p in cands
            if p.j <= k
            and not _coordinated(doc, p.j, k)
            and not _attributive(doc, p, k)
            and not any(toks[m].canon in _COMPLEMENTIZERS for m in range(p.j, k))
        ]
        if left:
            max(left, key=lambda p: p.j).neg += 1


def _apophasis(doc: Doc, idx: list[int], k: int, m: int) -> bool:
    """ "Ik zeg niet dat X tuig zijn, maar ...": saying it by saying one does not say it
    (grammar.txt ``[apophasis]``). The writer as the subject, "niet", and a "maar" that goes
    on with a sentence of its own, not with what is said instead ("maar dat ...")."""
    toks = doc.toks
    g = doc.lex.grammar
    if toks[k].canon != "niet" or toks[m].canon not in g.get("apophasis", ()):
        return False
    first = g.get("first_person", frozenset())
    if not any(toks[n].canon in first for n in range(max(idx[0], m - 2), min(idx[-1], m + 2) + 1)):
        return False
    return any(
        toks[n].canon == "maar" and n + 1 <= idx[-1] and toks[n + 1].canon not in ("dat", "om")
        for n in idx
        if n > k
    )


def _coordinated(doc: Doc, lo: int, hi: int) -> bool:
    """A second verb phrase starts between ``lo`` and ``hi``: "X zijn tuig en horen niet
    hier" (the "niet" belongs to "horen"), unlike "ik haat X en Y niet"."""
    toks = doc.toks
    dets = doc.lex.gram("determiners")
    for m in range(lo, hi - 1):
        nxt = toks[m + 1]
        if toks[m].canon in ("en", "of") and not nxt.target and nxt.canon not in dets:
            return True
    return False


# A complementizer or relative pronoun between a predicate and a later negation opens a
# clause of its own: "X stelen alles wat niet vastzit" (the "niet" is in "wat ...").


def _attributive(doc: Doc, p: Pred, k: int) -> bool:
    """An adjective right before the people it describes, with the negation further on:
    "domme vrouwen moeten niet in de politiek" (the "niet" negates the verb, not "domme")."""
    toks = doc.toks
    if p.j - p.i != 1 or p.j >= k or not toks[p.i].canon.endswith("e"):
        return False
    return bool(toks[p.j].target) and doc.text[toks[p.i].end : toks[p.j].start].strip() == ""
