"""The multi-word frames of ``phrases.txt`` matched on one sentence."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from krantentoets.detect.offensive.doc import Doc, Pred
from krantentoets.detect.offensive.reach import may_match, plain_needs
from krantentoets.detect.offensive.wordlists import compile_pattern

#: Anchors every sentence has: the stand-ins for people, and "always try".
_ALWAYS = frozenset({"GRP", "PRS", "*"})


def _words(doc: Doc, idx: list[int]) -> list[str]:
    """The sentence's words as phrases.txt sees them (people read GRP or PRS)."""
    toks = doc.toks
    out = []
    for k in idx:
        t = toks[k]
        target = t.target
        out.append(
            "GRP" if target == "G" else "PRS" if target == "P" else t.canon.replace(" ", "_")
        )
    return out


def match_phrases(doc: Doc, idx: list[int]) -> list[Pred]:
    lex = doc.lex
    toks = doc.toks
    index = lex.phrase_index
    todo: set[int] = set()
    for w in {toks[k].canon for k in idx} | _ALWAYS:
        found = index.get(w)
        if found:
            todo.update(found)
    if not todo:
        return []
    words = _words(doc, idx)
    rendered = " ".join(words)
    plain = rendered.replace("_", " ")
    offs: list[int] = []  # the character offset of each word, made at the first match
    preds: list[Pred] = []
    phrases = lex.phrases
    for n in sorted(todo):
        ph = phrases[n]
        # a frame whose conditions (.reach) the sentence does not meet cannot match in it
        if not may_match(plain_needs(ph.source), plain):
            continue
        for m in compile_pattern(ph.source).finditer(rendered):
            if m.end() == m.start():
                continue
            if not offs:
                offs = [0, *accumulate(len(w) + 1 for w in words[:-1])]
            i = bisect_right(offs, m.start()) - 1
            j = bisect_right(offs, m.end() - 1)
            preds.append(
                Pred(
                    ph.cls,
                    idx[i],
                    idx[j - 1] + 1,
                    weak="weak" in ph.flags,
                    flags=ph.flags,
                    source=f"phrase: {ph.source[:60]}",
                )
            )
    return preds
