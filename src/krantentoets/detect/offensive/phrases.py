"""The multi-word frames of ``phrases.txt`` matched on one sentence."""

from __future__ import annotations

from krantentoets.detect.offensive.doc import Doc, Pred


def _render(doc: Doc, idx: list[int]) -> tuple[str, list[int]]:
    """The sentence as phrases.txt sees it, and the character offset of each token."""
    parts: list[str] = []
    offs: list[int] = []
    pos = 0
    for k in idx:
        t = doc.toks[k]
        w = "GRP" if t.target == "G" else "PRS" if t.target == "P" else t.canon.replace(" ", "_")
        offs.append(pos)
        parts.append(w)
        pos += len(w) + 1
    return " ".join(parts), offs


def match_phrases(doc: Doc, idx: list[int]) -> list[Pred]:
    lex = doc.lex
    words = {doc.toks[k].canon for k in idx} | {"GRP", "PRS", "*"}
    todo: set[int] = set()
    for w in words:
        todo.update(lex.phrase_index.get(w, ()))
    if not todo:
        return []
    rendered, offs = _render(doc, idx)
    preds: list[Pred] = []
    for n in sorted(todo):
        ph = lex.phrases[n]
        for m in ph.pattern.finditer(rendered):
            if m.end() == m.start():
                continue
            i = _tok_at(offs, m.start())
            j = _tok_at(offs, m.end() - 1) + 1
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


def _tok_at(offs: list[int], pos: int) -> int:
    lo = 0
    for n, o in enumerate(offs):
        if o <= pos:
            lo = n
        else:
            break
    return lo
