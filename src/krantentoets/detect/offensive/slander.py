"""Accusations of a crime against a named person, an official or an organisation."""

from __future__ import annotations

from krantentoets.detect.offensive.doc import Doc, Pred, add_span, emit_statement, noun_after
from krantentoets.detect.offensive.linking import linked_target

_ATTRIBUTIVE_BEFORE = frozenset(
    {"een", "de", "het", "dit", "dat", "die", "deze", "zo'n", "zo", "zeer", "erg", "zwaar"}
)


def _crime_said_of_a_thing(doc: Doc, idx: list[int], p: Pred) -> bool:
    """An accusation word as an adjective before a thing: "een corrupt land"."""
    if p.j - p.i != 1:
        return False
    t = doc.toks[p.i]
    if t.canon.endswith(("er", "ers", "aar", "aars", "ie", "ij", "ijen")):
        return False  # a noun: "fraudeur", "oplichterij"
    pos = idx.index(p.i) if p.i in idx else 0
    if pos == 0 or doc.toks[idx[pos - 1]].canon not in _ATTRIBUTIVE_BEFORE:
        return False  # only in "een corrupt land", not in "heeft steekpenningen aangenomen"
    n = noun_after(doc, idx, p.i)
    orgs = doc.lex.gram("organisations")
    return n is not None and not n.target and not n.has("person") and n.canon not in orgs


def _victim_after(doc: Doc, p: Pred, k: int) -> bool:
    """``k`` is the victim in "de moordenaar van X", "de dief van X's fiets"."""
    toks = doc.toks
    return k >= p.j and any(toks[m].canon == "van" for m in range(p.j, min(k, p.j + 2)))


def _group_commits(doc: Doc, idx: list[int], p: Pred, tg: list[int]) -> bool:
    """A protected group in general as the subject of a present-tense crime verb: "die
    zigeuners stelen alles", "Marokkanen stelen fietsen" (grammar.txt [habitual_crime_verbs],
    [generic_group_before]); not "twee jongeren stalen een fiets"."""
    toks = doc.toks
    if toks[p.i].canon not in doc.lex.gram("habitual_crime_verbs"):
        return False
    generic = doc.lex.gram("generic_group_before")
    for k in tg:
        if toks[k].target != "G" or not 0 < p.i - k <= 2:
            continue
        pos = idx.index(k)
        prev = toks[idx[pos - 1]].canon if pos else ""
        if pos == 0 or prev in generic:
            return True
    return False


def slander(doc: Doc, idx: list[int], p: Pred, targets: list[int]) -> None:
    toks = doc.toks
    g = doc.lex.grammar
    orgs = g.get("organisations", frozenset())
    cop = g.get("copulas", frozenset())
    clause = toks[p.i].clause
    cands = []
    for k in targets:
        t = toks[k]
        if toks[k].clause != clause:
            continue
        official = t.entry("person") is not None and t.entry("person").has("official")
        if (
            t.target == "N"
            or official
            or t.canon in ("hij", "zij", "hem")
            or (t.target == "J" and t.canon in ("je", "jij", "u"))
        ):
            cands.append(k)
    orgs_in = [k for k in idx if toks[k].canon in orgs and toks[k].clause == clause]
    chosen = cands or orgs_in
    if not chosen:
        # plural groups: an insult ("alle politici zijn corrupt")
        tg = [
            k
            for k in targets
            if toks[k].clause == clause
            and (
                toks[k].target == "G"
                or (toks[k].target == "P" and toks[k].canon.endswith(("en", "s", "ers", "ici")))
                or (toks[k].target == "J" and toks[k].canon == "jullie")
            )
        ]
        if tg and linked_target(doc, idx, p, tg) is not None:
            emit_statement(doc, idx, p, tg, "insult")
        elif tg and _group_commits(doc, idx, p, tg):
            emit_statement(doc, idx, p, tg, "hate")  # "die zigeuners stelen alles"
        return
    if _crime_said_of_a_thing(doc, idx, p):
        return  # "een corrupt land", "corrupte regelingen"
    chosen = [k for k in chosen if not _victim_after(doc, p, k)]
    if not chosen:
        return  # "de moordenaar van X": X is the victim
    k = min(chosen, key=lambda k: abs(k - p.i))
    verb_like = not toks[p.i].canon.endswith(("er", "ers", "aar", "aars", "ie", "ij")) or any(
        toks[m].canon in cop for m in idx if toks[m].clause == clause
    )
    if not verb_like:
        return
    lo, hi = min(k, p.i), max(k, p.j - 1)
    legal = doc.lex.gram("legal")
    is_legal = any(toks[m].canon in legal for m in idx)
    target = "organisation" if k in orgs_in and k not in cands else "person"
    trace = (
        f"{p.source}",
        f"about {toks[k].surface!r} ({'organisation' if target == 'organisation' else 'person'})",
    )
    if is_legal:
        trace += ("reports a court or police matter",)
    add_span(doc, toks[lo].start, toks[hi].end, "slander", target, None, trace, counter=is_legal)
