"""Offensive language in Dutch text: insults, obscenity, hate, threats and slander.

:func:`detect_offensive` is a pure function from a text to spans. It is used by the
``offensive`` rules (MA-4, MW-1) and by monitoring triage. How it decides:

1. **Words.** Each word is normalised (lower case, accents, leetspeak ``h44t``, letters
   spaced out ``k a n k e r`` or masked ``k*t``) and looked up in the word lists of
   ``data/offensive/`` (see :mod:`.wordlists` and :mod:`.words`), also as an
   inflection, a compound (``kutgemeente``), a misspelling (``hata``) or two words run
   together (``ikhaat``).
2. **Standalone words.** Slurs, insults and obscene words are findings by themselves;
   the ambiguous ones (``pot``, ``eikel``, ``pik``) only where they name a person.
3. **Who is meant.** Identity terms and person nouns are context, never evidence. Noun
   phrases that name a protected group are read as one group reference: an identity
   adjective or noun before a person noun ("een zwarte man", "trans personen"), a person
   noun with a condition ("iemand met een beperking", ``conditions.txt``), an identity
   adjective used as a noun ("een oudere die ..."), also written as one word or spaced
   out (:mod:`.groups`).
4. **Statements about people.** A finding needs a statement about people: dehumanising
   ("X zijn ratten"), derogatory ("X zijn dom", "hersenloze X"), hateful emotion ("ik
   haat X"), exclusion ("X moeten het land uit"), a threat ("ik ga X vermoorden", also
   against a building: "het stadhuis mag de lucht in"), or a negated positive ("X zijn
   nooit intelligent"); the multi-word frames are in ``phrases.txt``.
5. **Negation** is scoped per clause ("ik haat X niet", "we mogen niet toestaan dat X
   worden aangevallen"); **quoted or reported hate in a post that condemns it** is
   marked ``counter`` (the rules report it as ``info`` at most).

The modules, in the order a text passes through them:

- ``wordlists``: the word lists of ``data/offensive/`` loaded once into lookup tables
  (``inflect`` makes the inflections, ``words`` analyses one word);
- ``prefilter``: a cheap look at the words that lets a text without any trigger, anchor
  or group word go at once;
- ``tokenise``: the words with what the lists say about them; ``groups`` merges the noun
  phrases that name a protected group; ``segment`` finds sentences, clauses and quotes;
- ``targets``: who each word may refer to (a group, people, you, a pronoun, a name);
- ``verdict``: one sentence: its predicates (``phrases`` for the multi-word frames),
  ``negation``, ``linking`` of a predicate to its target, ``standalone`` words and
  ``slander``; ``doc`` holds the shared types;
- ``counter``: quoted or reported hate in a post that condemns it, and the final merge.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from krantentoets.detect.offensive.counter import finish
from krantentoets.detect.offensive.doc import (
    KINDS,
    MAX_SPANS,
    TARGET_KINDS,
    Doc,
    OffensiveSpan,
    Tok,
)
from krantentoets.detect.offensive.prefilter import scan, words_at
from krantentoets.detect.offensive.reach import may_find
from krantentoets.detect.offensive.segment import QUOTES, segment_sentences
from krantentoets.detect.offensive.targets import mark_targets
from krantentoets.detect.offensive.tokenise import tokenize
from krantentoets.detect.offensive.verdict import judge_sentence
from krantentoets.detect.offensive.wordlists import lexicon

__all__ = ["KINDS", "TARGET_KINDS", "OffensiveSpan", "Tok", "detect_offensive", "kinds", "tokenize"]


def detect_offensive(text: str) -> list[OffensiveSpan]:
    """Offensive passages in ``text``, in text order (see the module docstring)."""
    lex = lexicon()
    words = scan(text)
    if words is None or not may_find(lex, words):
        return []
    toks = tokenize(text, words_at(text, words))
    if not toks:
        return []
    doc = Doc(text, toks, lex, [(m.start(), m.end()) for m in QUOTES.finditer(text)])
    starts = segment_sentences(doc)
    mark_targets(doc)
    for start, end in pairwise((*starts, len(toks))):  # the tokens of each sentence
        if len(doc.spans) >= MAX_SPANS:
            break
        judge_sentence(doc, list(range(start, end)))
    return finish(doc)


def kinds(spans: Iterable[OffensiveSpan]) -> set[str]:
    """The kinds present (helper for callers that only need a yes/no per kind)."""
    return {s.kind for s in spans}
