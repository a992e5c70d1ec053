"""Sentences, clauses and quotations of a text."""

from __future__ import annotations

import re

from krantentoets.detect.offensive.doc import MAX_SENTENCE, Doc

_SENT_BREAK = re.compile(r"[.!?…]|\n")


_CLAUSE_BREAK = re.compile(r"[,;:()\[\]–—]")

#: A number glued to a capitalised word ("soera 4:34De islam ...", "om 20:00Vanavond"):
#: the text lost its line break, and a new sentence opens there.
_GLUED_OPENING = re.compile(r"\d+[A-Z][a-z]")


_QUOTE_MARK = re.compile(r"[\"“”„«»‘’']")


#: A quotation. Each alternative starts with its quotation mark, so that Python's matcher
#: skips to the next mark; :data:`QUOTES_PLAIN` is the same pattern as first written (the
#: look-behind before ‘ or ' is read after it here), ``tests/test_shortcuts.py`` compares them.
QUOTES = re.compile(
    r"\"[^\"\n]{2,}?\"|“[^”\n]{2,}?[”“]|„[^”“\n]{2,}?[”“]|«[^»\n]{2,}?»"
    r"|‘(?<![\w']‘)(?=\w)[^'’\n]{2,}?(?<=[\w.!?,])[’'](?!\w)"
    r"|'(?<![\w']')(?=\w)[^'’\n]{2,}?(?<=[\w.!?,])[’'](?!\w)"
)


QUOTES_PLAIN = re.compile(
    r"\"[^\"\n]{2,}?\"|“[^”\n]{2,}?[”“]|„[^”“\n]{2,}?[”“]|«[^»\n]{2,}?»"
    r"|(?<![\w'])[‘'](?=\w)[^'’\n]{2,}?(?<=[\w.!?,])[’'](?!\w)"
)


def segment_sentences(doc: Doc) -> list[int]:
    """Number the sentences and clauses of ``doc.toks`` (``sent``, ``clause``, from 0 and
    never going down); the index of the first token of each sentence."""
    starts = [0] if doc.toks else []
    sent = clause = 0
    g = doc.lex.grammar
    breaks = g.get("clause_breaks", frozenset())
    prev_end = 0
    prev_start = -1
    in_sentence = 0
    for k, t in enumerate(doc.toks):
        gap = doc.text[prev_end : t.start] if t.start > prev_end else ""
        in_sentence += 1
        if in_sentence > MAX_SENTENCE:  # not a real sentence: keep the work linear
            sent += 1
            clause += 1
            in_sentence = 0
            if k:
                starts.append(k)
        elif t.start != prev_start and (gap == " " or not gap):  # no mark between them
            if _GLUED_OPENING.match(t.surface):
                sent += 1
                clause += 1
                in_sentence = 0
                if k:
                    starts.append(k)
            elif t.canon in breaks and not _glued(doc, k):
                clause += 1
        elif t.start != prev_start:
            quote_mark = bool(doc.quotes) and _QUOTE_MARK.search(gap) is not None
            if _SENT_BREAK.search(gap) or quote_mark or _GLUED_OPENING.match(t.surface):
                sent += 1
                clause += 1
                in_sentence = 0
                if k:
                    starts.append(k)
            elif _CLAUSE_BREAK.search(gap) or (t.canon in breaks and not _glued(doc, k)):
                clause += 1
        t.sent, t.clause = sent, clause
        prev_end, prev_start = t.end, t.start
    return starts


#: "zijn leven", "je keel": the person is the target, not the noun after the possessive.
def _glued(doc: Doc, k: int) -> bool:
    """``maar`` in "ook maar één", "alleen maar" is no conjunction."""
    prev = doc.toks[k - 1].canon if k else ""
    return doc.toks[k].canon == "maar" and prev in (
        "ook",
        "alleen",
        "nog",
        "gewoon",
        "even",
        "zomaar",
    )
