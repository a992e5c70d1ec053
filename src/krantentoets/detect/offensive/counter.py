"""The spans as reported: quoted or reported hate in a post that condemns it is marked
``counter`` (counter-speech), and a span inside a graver one is dropped.
"""

from __future__ import annotations

from itertools import pairwise

from krantentoets.detect.offensive.doc import MAX_SPANS, Doc, OffensiveSpan, Tok


def finish(doc: Doc) -> list[OffensiveSpan]:
    if not doc.spans:
        return []
    text = doc.text
    lex = doc.lex
    g = lex.grammar
    reporting = g.get("reporting", frozenset())
    condemn = g.get("condemnation", frozenset())
    endorse = g.get("endorsement", frozenset())
    first = {"ik", "we", "wij"}
    toks = doc.toks

    def inside(start: int, end: int) -> tuple[int, int] | None:
        for qs, qe in doc.quotes:
            if qs <= start and end <= qe:
                return qs, qe
        return None

    outside = [t for t in toks if inside(t.start, t.end) is None]
    condemned = any(t.canon in condemn for t in outside if not t.exempt)
    frame_outside = any(t.canon in reporting for t in outside) or any(
        t.canon in ("dingen", "zoiets", "iets") for t in outside
    )
    by_sent: dict[int, list[Tok]] = {}
    for t in toks:
        by_sent.setdefault(t.sent, []).append(t)
    sent_of_start = {t.start: by_sent[t.sent] for t in toks}
    out: list[OffensiveSpan] = []
    seen: set[tuple[int, int, str]] = set()
    for s in sorted(doc.spans, key=lambda s: (s.start, -s.end))[:MAX_SPANS]:
        key = (s.start, s.end, s.kind)
        if key in seen:
            continue
        seen.add(key)
        q = inside(s.start, s.end)
        counter = s.counter
        trace = s.trace
        if q is not None and (condemned or frame_outside):
            counter = True
            trace += ("quoted in a post that reports or condemns it",)
        elif q is None:
            sent_toks = sent_of_start.get(s.start) or []
            if (
                _reported(sent_toks, reporting, first)
                and condemned
                and not any(t.canon in endorse for t in sent_toks)
            ):
                counter = True
                trace += ("reported speech in a post that condemns it",)
        out.append(
            OffensiveSpan(
                s.start,
                s.end,
                text[s.start : s.end],
                s.kind,
                s.target,
                q is not None,
                counter,
                s.group,
                trace,
                s.severity,
            )
        )
    return _merge(out)


def _reported(sent_toks: list[Tok], reporting: frozenset[str], first: set[str]) -> bool:
    for n, t in enumerate(sent_toks):
        if t.exempt and t.canon not in ("voor", "volgens", "jou", "jullie"):
            continue
        if t.canon in reporting:
            near = sent_toks[max(0, n - 2) : n + 3]
            if not any(x.canon in first for x in near):
                return True
    # "voor jou", "volgens jou", "in jouw ogen": an opinion attributed to someone else
    words = [t.canon for t in sent_toks]
    for a, b in pairwise(words):
        if a in ("voor", "volgens") and b in ("jou", "jullie", "hem", "haar", "hen"):
            return True
        if a in ("jouw", "jullie") and b in ("mening", "ogen"):
            return True
    return False


_RANK = {"obscenity": 0, "insult": 1, "slander": 2, "threat": 3, "hate": 3}


def _merge(spans: list[OffensiveSpan]) -> list[OffensiveSpan]:
    """Drop a span inside another one of the same or a graver kind."""
    out: list[OffensiveSpan] = []
    for s in sorted(spans, key=lambda s: (-(s.end - s.start), -_RANK[s.kind])):
        if any(
            o.start <= s.start
            and s.end <= o.end
            and _RANK[o.kind] >= _RANK[s.kind]
            and (not o.counter or s.counter)
            for o in out
        ):
            continue
        out.append(s)
    return sorted(out, key=lambda s: (s.start, s.end))
