"""Offensive language in Dutch text: insults, obscenity, hate, threats and slander.

:func:`detect_offensive` is a pure function from a text to spans. It is used by the
``offensive`` rules (MA-4, MW-1) and by monitoring triage. How it decides:

1. **Words.** Each word is normalised (lower case, accents, leetspeak ``h44t``, letters
   spaced out ``k a n k e r`` or masked ``k*t``) and looked up in the word lists of
   ``data/offensive/`` (see :mod:`krantentoets.detect.offensive_lexicon`), also as an
   inflection, a compound (``kutgemeente``), a misspelling (``hata``) or two words run
   together (``ikhaat``).
2. **Standalone words.** Slurs, insults and obscene words are findings by themselves;
   the ambiguous ones (``pot``, ``eikel``, ``pik``) only where they name a person.
3. **Who is meant.** Identity terms and person nouns are context, never evidence. Noun
   phrases that name a protected group are read as one group reference: an identity
   adjective or noun before a person noun ("een zwarte man", "trans personen"), a person
   noun with a condition ("iemand met een beperking", ``conditions.txt``), an identity
   adjective used as a noun ("een oudere die ..."), also written as one word or spaced
   out (:func:`_merge_group_phrases`).
4. **Statements about people.** A finding needs a statement about people: dehumanising
   ("X zijn ratten"), derogatory ("X zijn dom", "hersenloze X"), hateful emotion ("ik
   haat X"), exclusion ("X moeten het land uit"), a threat ("ik ga X vermoorden", also
   against a building: "het stadhuis mag de lucht in"), or a negated positive ("X zijn
   nooit intelligent"); the multi-word frames are in ``phrases.txt``.
5. **Negation** is scoped per clause ("ik haat X niet", "we mogen niet toestaan dat X
   worden aangevallen"); **quoted or reported hate in a post that condemns it** is
   marked ``counter`` (the rules report it as ``info`` at most).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from krantentoets.detect.offensive_lexicon import (
    PP_PREPOSITIONS,
    STANDALONE,
    Entry,
    Lexicon,
    Part,
    analyse,
    fold,
    group_entry,
    is_exception,
    lexicon,
)

KINDS = ("insult", "obscenity", "hate", "threat", "slander")
TARGET_KINDS = ("group", "person", "organisation")


@dataclass(frozen=True, slots=True)
class OffensiveSpan:
    """One offensive passage: where, what kind, against whom, and why it was flagged.

    ``counter`` is true when the passage is quoted or reported in order to condemn it
    (counter-speech); ``quoted`` when it stands between quotation marks. ``group`` names
    the protected group when the target is one (``"women"``, ``"muslims"``).
    """

    start: int
    end: int
    text: str
    kind: str
    target: str | None = None
    quoted: bool = False
    counter: bool = False
    group: str | None = None
    trace: tuple[str, ...] = ()
    #: "warn" or "block" when the finder grades it (detect/rhetoric.py); None: the rule's own.
    severity: str | None = None


# -- tokens --------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?<![^\W_])(?:(?:[^\W_] ){2,}[^\W_](?![^\W_])"
    r"|[^\W_](?:[^\W_]|[*@$€](?=[^\W_*])|\*|['’\-](?=[^\W_]))*)"
)
_LEET = str.maketrans(
    {
        "4": "a",
        "@": "a",
        "3": "e",
        "€": "e",
        "1": "i",
        "!": "i",
        "0": "o",
        "5": "s",
        "$": "s",
        "7": "t",
        "8": "b",
        "9": "g",
    }
)
_LETTER = re.compile(r"[^\W\d_]")
_SENT_BREAK = re.compile(r"[.!?…]|\n")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]–—]")
_QUOTE_MARK = re.compile(r"[\"“”„«»‘’']")
_QUOTES = re.compile(
    r"\"[^\"\n]{2,}?\"|“[^”\n]{2,}?[”“]|„[^”“\n]{2,}?[”“]|«[^»\n]{2,}?»"
    r"|(?<![\w'])[‘'](?=\w)[^'’\n]{2,}?(?<=[\w.!?,])[’'](?!\w)"
)


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    surface: str
    canon: str
    entries: tuple[Entry, ...]
    how: str
    note: str
    cap: bool
    sent: int = 0
    clause: int = 0
    target: str = ""  # G (protected group), P (person), J (you), H (he/she/they), N (name)
    group: str | None = None
    exempt: bool = False
    classes: frozenset[str] = frozenset()

    def has(self, cls: str) -> bool:
        return cls in self.classes

    def entry(self, cls: str) -> Entry | None:
        for e in self.entries:
            if e.cls == cls:
                return e
        return None


def _norm_variants(surface: str) -> list[tuple[str, str]]:
    """Normalised forms of one raw token, with how it was spelled."""
    w = fold(surface)
    how = ""
    if " " in w:
        w = w.replace(" ", "")
        how = "spaced"
    if any(c in w for c in "0134578@$€!9") and _LETTER.search(w):
        if "1" in w:
            return [
                (w.translate(_LEET), how or "leet"),
                (w.replace("1", "l").translate(_LEET), how or "leet"),
            ]
        w = w.translate(_LEET)
        how = how or "leet"
    if "*" in w:
        stars = w.count("*")
        if stars <= 2:
            out = []
            for v in "aeiou":
                out.append((w.replace("*", v), "masked"))
            out.append((w.replace("*", ""), "masked"))
            return out
        w = w.replace("*", "")
    return [(w, how)]


@lru_cache(maxsize=131072)
def _analyse_token(surface: str) -> tuple[tuple[Part, ...], str]:
    variants = _norm_variants(surface)
    best: tuple[Part, ...] | None = None
    best_how = ""
    for w, how in variants:
        parts = analyse(w)
        if any(p.entries for p in parts):
            return parts, how
        if best is None:
            best, best_how = parts, how
    assert best is not None
    return best, best_how


def tokenize(text: str) -> list[Tok]:
    """Words of ``text`` with what the word lists say about them."""
    lex = lexicon()
    toks: list[Tok] = []
    for m in _TOKEN.finditer(text):
        surface = m.group()
        if not _LETTER.search(surface):
            continue
        parts, how = _analyse_token(surface)
        cap = surface[:1].isupper()
        for p in parts:
            note = p.note
            if how:
                note = f"{how}:{surface}" + (f" {note}" if note else "")
            toks.append(
                Tok(
                    m.start(),
                    m.end(),
                    surface,
                    p.canon,
                    p.entries,
                    p.how,
                    note,
                    cap,
                    classes=p.classes,
                )
            )
    _merge_multiword(lex, toks)
    _merge_group_phrases(text, lex, toks)
    _short_typos(lex, toks)
    return toks


#: Degree words before an adjective: "zo dm te zijn" is "zo dom te zijn".
_INTENSIFIERS = frozenset(
    {"zo", "heel", "erg", "echt", "te", "nogal", "best", "zeer", "ontzettend", "super", "zó"}
)


def _short_typos(lex: Lexicon, toks: list[Tok]) -> None:
    """A three-letter adjective with a letter dropped or swapped, after an intensifier."""
    for k in range(1, len(toks)):
        t = toks[k]
        form = lex.short_fuzzy.get(t.canon) if not t.entries else None
        if form is not None and toks[k - 1].canon in _INTENSIFIERS:
            entries = tuple(lex.forms.get(form, ()))
            toks[k] = Tok(
                t.start,
                t.end,
                t.surface,
                form,
                entries,
                "fuzzy",
                f"fuzzy:{t.surface}",
                t.cap,
                classes=frozenset(e.cls for e in entries),
            )


def _merge_multiword(lex: Lexicon, toks: list[Tok]) -> None:
    i = 0
    while i < len(toks):
        cands = lex.multi.get(toks[i].canon)
        if cands:
            for words, entry in sorted(cands, key=lambda c: -len(c[0])):
                n = len(words)
                if tuple(t.canon for t in toks[i : i + n]) == words:
                    t0, t1 = toks[i], toks[i + n - 1]
                    merged = Tok(
                        t0.start,
                        t1.end,
                        " ".join(words),
                        " ".join(words),
                        (entry,),
                        "form",
                        "",
                        t0.cap,
                        classes=frozenset({entry.cls}),
                    )
                    toks[i : i + n] = [merged]
                    break
        i += 1


# -- noun phrases that name a group ----------------------------------------------------------

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


def _adjacent(text: str, a: Tok, b: Tok) -> bool:
    """Nothing but spaces between two tokens (or two halves of one word)."""
    return a.start == b.start or not text[a.end : b.start].strip()


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


def _merge_group_phrases(text: str, lex: Lexicon, toks: list[Tok]) -> None:
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
    if not any(any(e.cls in ("group", "cond") for e in t.entries) for t in toks):
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
    while j < len(toks) and j - i <= _MAX_MODIFIERS and _adjacent(text, toks[j - 1], toks[j]):
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
    if not _adjacent(text, toks[i - 1], t):
        return
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and _adjacent(text, t, nxt):
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
    if k >= len(toks) or not _adjacent(text, toks[i], toks[k]):
        return
    prep = toks[k].canon
    if prep not in PP_PREPOSITIONS:
        return
    k += 1
    if (
        k < len(toks)
        and toks[k].canon in ("een", "de", "het")
        and _adjacent(text, toks[k - 1], toks[k])
    ):
        k += 1
    origin: Entry | None = None
    for _ in range(3):  # up to two adjectives, then the condition
        if k >= len(toks) or not _adjacent(text, toks[k - 1], toks[k]):
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


# -- the analysis of one text ----------------------------------------------------------------


@dataclass(slots=True)
class Pred:
    cls: str  # dehum attr emote violent pos crime excl threat curse insult link
    i: int  # first token
    j: int  # one past the last token
    weak: bool = False
    flags: frozenset[str] = frozenset()
    source: str = ""
    neg: int = 0  # negations that apply
    standalone: bool = False


@dataclass(slots=True)
class _Doc:
    text: str
    toks: list[Tok]
    lex: Lexicon
    quotes: list[tuple[int, int]] = field(default_factory=list)
    spans: list[OffensiveSpan] = field(default_factory=list)


def detect_offensive(text: str) -> list[OffensiveSpan]:
    """Offensive passages in ``text``, in text order (see the module docstring)."""
    lex = lexicon()
    bits = 0
    for m in _TOKEN.finditer(text):
        bits |= _screen(m.group())
        if bits & _STRONG:
            break
    else:
        if not (bits & _GROUP and bits & _WEAK):
            return []
    toks = tokenize(text)
    if not toks:
        return []
    doc = _Doc(text, toks, lex, [(m.start(), m.end()) for m in _QUOTES.finditer(text)])
    _segment(doc)
    _mark_targets(doc)
    sentences: dict[int, list[int]] = {}
    for k, t in enumerate(toks):
        sentences.setdefault(t.sent, []).append(k)
    for idx in sentences.values():
        if len(doc.spans) >= _MAX_SPANS:
            break
        _sentence(doc, idx)
    return _finish(doc)


#: Longest stretch of words analysed as one sentence, and most findings per text.
_MAX_SENTENCE = 120
_MAX_SPANS = 200
#: How far back a pronoun looks for the people it refers to.
_LOOKBACK = 60

_TRIGGER, _ANCHOR, _GROUP, _WEAK = 1, 2, 4, 8
_STRONG = _TRIGGER | _ANCHOR
_TRIGGER_CLASSES = STANDALONE | {"dehum", "attr", "emote", "violent", "pos", "crime"}
#: Anchors so common that they only matter in a post that also names a group.
_COMMON_ANCHORS = frozenset(
    {
        "veel",
        "welkom",
        "willen",
        "weg",
        "leven",
        "levens",
        "beter",
        "maken",
        "land",
        "landen",
        "wereld",
        "planeet",
        "aarde",
    }
)


@lru_cache(maxsize=131072)
def _screen(surface: str) -> int:
    """Cheap first look at one word: could it take part in a finding?"""
    lex = lexicon()
    parts, _how = _analyse_token(surface)
    bits = 0
    for p in parts:
        cls = p.classes
        if cls & _TRIGGER_CLASSES:
            bits |= _TRIGGER
        if (
            cls & {"group", "person"}
            or p.canon in lex.gram("second_person")
            or (p.canon in lex.gram("third_person"))
        ):
            bits |= _GROUP
        if p.canon in lex.anchor_words:
            bits |= _WEAK if p.canon in _COMMON_ANCHORS else _ANCHOR
    return bits


def _segment(doc: _Doc) -> None:
    sent = clause = 0
    g = doc.lex.grammar
    breaks = g.get("clause_breaks", frozenset())
    prev_end = 0
    prev_start = -1
    in_sentence = 0
    for k, t in enumerate(doc.toks):
        gap = doc.text[prev_end : t.start] if t.start > prev_end else ""
        in_sentence += 1
        if in_sentence > _MAX_SENTENCE:  # not a real sentence: keep the work linear
            sent += 1
            clause += 1
            in_sentence = 0
        elif t.start != prev_start:
            quote_mark = bool(doc.quotes) and _QUOTE_MARK.search(gap) is not None
            if _SENT_BREAK.search(gap) or quote_mark:
                sent += 1
                clause += 1
                in_sentence = 0
            elif _CLAUSE_BREAK.search(gap) or (t.canon in breaks and not _glued(doc, k)):
                clause += 1
        t.sent, t.clause = sent, clause
        prev_end, prev_start = t.end, t.start


#: "zijn leven", "je keel": the person is the target, not the noun after the possessive.
def _glued(doc: _Doc, k: int) -> bool:
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


_LIFE = frozenset(
    {
        "leven",
        "levens",
        "lot",
        "keel",
        "kelen",
        "nek",
        "nekken",
        "kop",
        "hoofd",
        "strot",
        "lijf",
        "hart",
        "kanis",
        "harses",
        "bestaan",
        "schedel",
        "hersens",
        "hersenen",
        "smoel",
        "bek",
        "tanden",
    }
)


def _mark_targets(doc: _Doc) -> None:
    lex = doc.lex
    toks = doc.toks
    second = lex.gram("second_person")
    third = lex.gram("third_person")
    known = lex.known
    for k, t in enumerate(toks):
        g = t.entry("group")
        if g is not None and (not g.has("adj") or t.how == "compound"):
            t.target, t.group = "G", g.section
        elif g is not None:
            pass  # an identity adjective names a group only in a phrase (_merge_group_phrases)
        elif t.entry("person") is not None and not t.target:
            t.target = "P"
        s = t.entry("slur")
        if s is not None and not t.target:
            plural = t.canon != s.lemma and t.canon.endswith(("en", "s"))
            if (
                (not s.has("ambiguous") and not s.has("animal"))
                or plural
                or _person_context(doc, _sentence_idx(doc, k), k, s)
            ):
                if s.has("general"):
                    t.target = "P"  # "debielen": people, not necessarily disabled people
                else:
                    t.target, t.group = "G", s.section
    for k, t in enumerate(toks):
        if t.target:
            continue
        c = t.canon
        nxt = toks[k + 1] if k + 1 < len(toks) and toks[k + 1].sent == t.sent else None
        if c in second:
            if c in ("jouw", "uw"):
                if nxt is not None and nxt.canon in _LIFE:
                    t.target = "J"
                continue
            if c in ("je", "jullie") and nxt is not None and _is_noun_after(lex, nxt):
                if nxt.canon in _LIFE:
                    t.target = "J"
                continue
            t.target = "J"
        elif c == "zijn" and nxt is not None and nxt.canon in _LIFE:
            t.target = "H"
        elif c in third:
            if c in ("zijn", "haar", "hun") and nxt is not None and _is_noun_after(lex, nxt):
                if nxt.canon in _LIFE:
                    t.target = "H"
                continue
            if c in ("ze", "zij", "hen", "hun") and not _antecedent_is_person(doc, k):
                continue
            t.target = "H"
        elif (
            t.cap
            and not t.entries
            and c not in known
            and len(c) >= 2
            and t.how in ("word", "")
            and k > 0
            and toks[k - 1].sent == t.sent
        ):
            t.target = "N"


def _sentence_idx(doc: _Doc, k: int) -> list[int]:
    """Indexes of the tokens in the sentence of token ``k`` (sentences are contiguous)."""
    toks = doc.toks
    sent = toks[k].sent
    lo = k
    while lo > 0 and toks[lo - 1].sent == sent and k - lo < _MAX_SENTENCE:
        lo -= 1
    hi = k
    while hi + 1 < len(toks) and toks[hi + 1].sent == sent and hi - k < _MAX_SENTENCE:
        hi += 1
    return list(range(lo, hi + 1))


def _is_noun_after(lex: Lexicon, nxt: Tok) -> bool:
    """Whether ``je``/``haar``/... before ``nxt`` is a possessive (``je kapotte platen``)."""
    c = nxt.canon
    if nxt.entries or c in lex.phrase_words:
        return bool(nxt.entry("group") or nxt.entry("person")) or c in _LIFE
    if c in lex.known or len(c) <= 3 or c in _PARTICLES:
        return False
    return not c.endswith("t") or c.endswith("e")


_PARTICLES = frozenset({"neer", "terug", "kapot", "dood", "binnen", "buiten", "open", "dicht"})


def _antecedent_is_person(doc: _Doc, k: int) -> bool:
    """Does ``ze``/``hen`` at ``k`` point back to people (default) or to things?"""
    lex = doc.lex
    dets = lex.gram("determiners") | {"twee", "drie", "vier", "wat", "paar", "die", "hun"}
    toks = doc.toks
    for m in range(k - 1, max(-1, k - _LOOKBACK), -1):
        t = toks[m]
        if t.target in ("G", "P"):
            return True
        c = t.canon
        if t.entries or c in lex.known or len(c) < 4:
            continue
        prev = toks[m - 1].canon if m > 0 else ""
        if c.endswith(("en", "s")) and prev in dets:
            return False  # an unknown plural noun: things ("ik heb veel diëten geprobeerd")
    return True


# -- one sentence ------------------------------------------------------------------------------


def _render(doc: _Doc, idx: list[int]) -> tuple[str, list[int]]:
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


def _phrases(doc: _Doc, idx: list[int]) -> list[Pred]:
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


_NEG_CLASSES = frozenset({"dehum", "attr", "emote", "violent", "excl", "threat", "crime"})


def _sentence(doc: _Doc, idx: list[int]) -> None:
    lex = doc.lex
    toks = doc.toks
    g = lex.grammar
    preds = _phrases(doc, idx)
    # 'ok' and 'counter' phrases exempt their words; 'null' ones use up their negations.
    used_neg: set[int] = set()
    for p in preds:
        if p.cls in ("ok", "counter"):
            for k in range(p.i, p.j):
                toks[k].exempt = True
        if "neg" in p.flags:
            used_neg.update(range(p.i, p.j))
    covered: set[int] = set()
    for p in preds:
        if p.cls not in ("ok", "counter", "null", "link"):
            covered.update(range(p.i, p.j))
    preds = [p for p in preds if p.cls not in ("ok", "counter", "null")]
    # word-level predicates and standalone words
    for k in idx:
        t = toks[k]
        if t.exempt:
            continue
        seen_cls: set[str] = set()
        for e in t.entries:
            if e.cls in seen_cls:
                continue
            seen_cls.add(e.cls)
            if e.cls in ("dehum", "attr", "emote", "violent", "pos", "crime") and k not in covered:
                preds.append(
                    Pred(
                        e.cls,
                        k,
                        k + 1,
                        weak=e.has("weak"),
                        flags=e.flags,
                        source=f"{e.source}: {e.lemma}",
                    )
                )
        _standalone(doc, idx, k)
    if not preds:
        return
    _negate(doc, idx, preds, used_neg)
    first_person = g.get("first_person", frozenset())
    modals = g.get("modals", frozenset())
    sent_words = {toks[k].canon for k in idx}
    targets = [k for k in idx if toks[k].target and not toks[k].exempt]
    has_violence = any(toks[k].has("violent") for k in idx)
    for p in preds:
        pol = 1 if p.cls == "pos" else -1
        if p.neg % 2:
            pol = -pol
        if pol > 0 or p.cls == "link":
            continue
        if p.cls in ("curse", "insult"):
            _emit_standalone_phrase(doc, p, idx)
            continue
        if p.cls == "crime":
            _slander(doc, idx, p, targets)
            continue
        if "place" in p.flags:
            _place_threat(doc, idx, p, targets, sent_words)
            continue
        tg = [k for k in targets if toks[k].target in ("G", "P", "J", "H")]
        if not tg and p.cls in ("dehum", "excl", "threat", "violent") and not p.weak:
            tg = _unknown_people(doc, idx, p)
        if p.cls == "pos" or "group" in p.flags:
            tg = [k for k in tg if toks[k].target == "G" or _pronoun_for_group(doc, k)]
        if not tg:
            continue
        clause = toks[p.i].clause
        if p.cls == "emote" and not p.source.startswith("phrase"):
            if not any(toks[k].canon in first_person for k in idx if toks[k].clause == clause):
                continue
            if any(toks[k].canon == "tegen" for k in range(max(idx[0], p.i - 3), p.i)):
                continue
            after = [toks[k].canon for k in idx if p.j <= k < p.j + 2]
            if after[:1] == ["het"] and after[1:2] in (["als"], ["wanneer"], ["hoe"]):
                continue  # "ik haat het als X worden uitgescholden": about what happens
        if "violence" in p.flags and not has_violence:
            continue
        if "near" in p.flags or (p.cls == "violent" and p.weak):
            if not any(p.i - 3 <= k < p.i for k in tg):
                continue
        elif p.weak or (
            p.cls == "pos" and "strong" not in p.flags and not p.source.startswith("phrase")
        ):
            linked = _linked(doc, idx, p, tg)
            if linked is None:
                continue
            tg = [linked]
        if p.cls == "violent" and _is_report(doc, idx, p, modals, sent_words):
            continue
        if p.cls in ("violent", "threat") and _against_author(doc, idx, p):
            continue
        kind = (
            "threat"
            if p.cls in ("violent", "threat")
            else (
                "hate"
                if any(toks[k].target == "G" or _pronoun_for_group(doc, k) for k in tg)
                else "insult"
            )
        )
        _emit_pred(doc, idx, p, tg, kind)


def _place_threat(doc: _Doc, idx: list[int], p: Pred, targets: list[int], words: set[str]) -> None:
    """A threat to destroy a building or an institution ("het gemeentehuis mag de lucht in
    vliegen", "blaas dat stadhuis op"), or people, where it is wished or ordered."""
    toks = doc.toks
    lex = doc.lex
    clause = toks[p.i].clause
    in_clause = [k for k in idx if toks[k].clause == clause]
    wished = (
        bool(words & lex.gram("modals"))
        or p.i == idx[0]
        or any(toks[k].canon in lex.gram("first_person") for k in in_clause)
    )
    if not wished:
        return
    people = [k for k in targets if toks[k].clause == clause and toks[k].target in "GPJH"]
    if people:
        _emit_pred(doc, idx, p, people, "threat")
        return
    places = lex.gram("buildings") | lex.gram("organisations")
    dets = lex.gram("determiners")
    for k in in_clause:
        if toks[k].canon not in places:
            continue
        inside = p.i <= k < p.j
        before = (
            k < p.i and p.i - k <= 6 and not any(toks[m].canon in dets for m in range(k + 1, p.i))
        )
        if inside or before:
            lo, hi = min(k, p.i), max(k, p.j - 1)
            trace = (p.source, f"about {toks[k].surface!r} (building or institution)")
            _add(doc, toks[lo].start, toks[hi].end, "threat", "organisation", None, trace)
            return


_THINGS = frozenset(
    {
        "dingen",
        "spullen",
        "zaken",
        "producten",
        "gerechten",
        "films",
        "series",
        "boeken",
        "auto's",
        "autos",
        "treinen",
        "bussen",
        "huizen",
        "gebouwen",
        "regels",
        "plannen",
        "ideeen",
        "berichten",
        "mails",
        "e-mails",
        "kosten",
        "prijzen",
        "belastingen",
        "lantaarnpalen",
        "bomen",
        "planten",
        "straten",
        "wegen",
        "containers",
        "bakken",
        "afval",
        "resten",
        "restjes",
        "broodjes",
    }
)


def _unknown_people(doc: _Doc, idx: list[int], p: Pred) -> list[int]:
    """Guess that an unknown plural noun in subject position names people.

    Only for unmistakable statements (dehumanising nouns, exclusion, threats), so that a
    group missing from identity.txt is still caught: "Blurbianen zijn ongedierte".
    """
    lex = doc.lex
    dets = lex.gram("determiners") | {"jullie", "meeste"}
    toks = doc.toks
    for pos, k in enumerate(idx):
        t = toks[k]
        c = t.canon
        if k >= p.i or t.entries or c in lex.known or c in _THINGS or len(c) < 5:
            continue
        if not c.isalpha() or not c.endswith(("en", "s")) or c.startswith("ge"):
            continue
        prev = toks[idx[pos - 1]].canon if pos else ""
        if pos == 0 or prev in dets:
            t.target = "P"
            return [k]
    return []


def _pronoun_for_group(doc: _Doc, k: int) -> bool:
    t = doc.toks[k]
    if t.target not in ("H", "J"):
        return False
    for prev in reversed(doc.toks[max(0, k - _LOOKBACK) : k]):
        if prev.target == "G":
            return True
        if prev.target == "P":
            return False
    return False


def _linked(doc: _Doc, idx: list[int], p: Pred, tg: list[int]) -> int | None:
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
    adjective = p.cls in ("attr", "pos")
    for t in tg:
        if toks[t].clause != clause and not _reaches(toks, t, p):
            continue
        if (
            adjective
            and p.j == t
            and "attrib" in p.flags
            and not toks[p.i].exempt
            and _adjacent(doc.text, toks[p.i], toks[t])
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


def _object_between(toks: list[Tok], t: int, c: int) -> bool:
    """Another noun phrase between the target and "als": "X ervaren de stoep als een last"
    compares the pavement, not X."""
    return any(toks[m].canon in _ARTICLES and not toks[m + 1].target for m in range(t + 1, c - 1))


_ARTICLES = frozenset({"de", "het", "een"})


def _other_subject(doc: _Doc, idx: list[int], t: int, c: int) -> bool:
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


def _is_report(doc: _Doc, idx: list[int], p: Pred, modals: frozenset[str], words: set[str]) -> bool:
    """A verb of violence in a report of what happened ("een man is neergestoken")."""
    if words & modals:
        return False
    toks = doc.toks
    aux = doc.lex.gram("report_aux")
    first = doc.lex.gram("first_person")
    t = toks[p.i]
    participle = t.canon.startswith(("ge", "neerge", "doodge", "afge", "uitge", "opge")) or (
        t.canon.endswith(("d", "t")) and t.canon.startswith(("ver", "be", "ont"))
    )
    if any(toks[k].canon in aux for k in idx) and participle:
        return True
    # present tense with a third-person subject and no first person: a news report
    return (
        not any(toks[k].canon in first for k in idx)
        and not any(toks[k].target in ("J",) for k in idx)
        and idx[0] != p.i
    )


_COMPLEMENTIZERS = frozenset({"dat", "hoe", "hoeveel", "of", "wat", "waarom", "wanneer"})


def _negate(doc: _Doc, idx: list[int], preds: list[Pred], used: set[int]) -> None:
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
        left = [p for p in cands if p.j <= k and not _coordinated(doc, p.j, k)]
        if left:
            max(left, key=lambda p: p.j).neg += 1


def _coordinated(doc: _Doc, lo: int, hi: int) -> bool:
    """A second verb phrase starts between ``lo`` and ``hi``: "X zijn tuig en horen niet
    hier" (the "niet" belongs to "horen"), unlike "ik haat X en Y niet"."""
    toks = doc.toks
    dets = doc.lex.gram("determiners")
    for m in range(lo, hi - 1):
        nxt = toks[m + 1]
        if toks[m].canon in ("en", "of") and not nxt.target and nxt.canon not in dets:
            return True
    return False


# -- standalone words ------------------------------------------------------------------------------


def _standalone(doc: _Doc, idx: list[int], k: int) -> None:
    t = doc.toks[k]
    for cls in ("slur", "insult", "obscene"):
        e = t.entry(cls)
        if e is None:
            continue
        compound = t.how == "compound"
        aimed = False
        if e.has("curse") and not compound:
            aimed = _curse_before_people(doc, idx, k)
            if not aimed:
                continue
        if (
            (e.has("ambiguous") or e.has("animal"))
            and not compound
            and not _person_context(doc, idx, k, e)
        ):
            continue
        if cls == "insult" and not compound and _said_of_a_thing(doc, idx, k, e):
            continue  # "idiote vergelijkingen", "deze maatregel is asociaal": criticism
        kind = {"slur": "hate", "insult": "insult", "obscene": "obscenity"}[cls]
        target = None
        group = None
        if cls == "slur":
            target, group = "group", e.section
            if e.has("general") and not _names_group(doc, idx, e.section):
                # "debiel": also a general term of abuse ("die fietsers zijn debiel")
                kind, target, group = "insult", "person", None
        if aimed:  # "tyfus ambtenaren": a swear word glued in front of people, spaced
            kind, target = "insult", "person"
        about = _group_said_of(doc, idx, k)
        if about is not None and cls != "obscene":
            # "joodse ratten", "moslims zijn idioten": abuse of a protected group is hate
            kind, target, group = "hate", "group", about
        heads = [h for h in t.entries if h is not e]
        if compound and any(h.cls == "group" for h in heads):
            kind, target = "hate", "group"
            group = next(h.section for h in heads if h.cls == "group")
        elif compound and any(h.cls in ("person", "insult", "slur") for h in heads):
            kind = "hate" if any(h.cls == "slur" for h in heads) else "insult"
            target = "person"
        how = f" ({t.how}: {t.note})" if t.note else ""
        _add(doc, t.start, t.end, kind, target, group, (f"{cls} '{e.lemma}' from {e.source}{how}",))
        return


#: First-person objects: a threat against "me" is one the author received and reports.
_AUTHOR_OBJECTS = frozenset({"me", "mij"})


def _against_author(doc: _Doc, idx: list[int], p: Pred) -> bool:
    """The author is the victim ("moslims die me willen vermoorden", "ze dreigen mijn hoofd
    eraf te hakken"): the post reports a threat received, it does not make one."""
    toks = doc.toks
    window = [m for m in idx if p.i - 4 <= m < p.j]
    return any(
        toks[m].canon in _AUTHOR_OBJECTS
        and not (m + 1 < len(toks) and toks[m + 1].canon == "betreft")  # "wat mij betreft"
        for m in window
    )


_ADJ_ENDINGS = ("e", "aal", "ig", "isch", "ief")


def _adjective_form(t: Tok, e: Entry) -> bool:
    """An insult used as an adjective: "asociaal", "idiote", "schofterige"."""
    c = t.canon
    return c != e.lemma and c.endswith(_ADJ_ENDINGS) and not c.endswith("je")  # "sukkeltje"


def _noun_after(doc: _Doc, idx: list[int], k: int) -> Tok | None:
    pos = idx.index(k) if k in idx else -1
    if pos < 0 or pos + 1 >= len(idx):
        return None
    n = doc.toks[idx[pos + 1]]
    if not _adjacent(doc.text, doc.toks[k], n) or n.canon in doc.lex.not_nouns:
        return None
    return n


def _said_of_a_thing(doc: _Doc, idx: list[int], k: int, e: Entry) -> bool:
    """A term of abuse used as an adjective of a thing or a policy, not of people:
    "idiote vergelijkingen", "asociale mondkapjes", "deze maatregel is asociaal"."""
    t = doc.toks[k]
    if not _adjective_form(t, e):
        return False
    n = _noun_after(doc, idx, k)
    if n is not None:
        return not n.target and not n.has("person") and not n.has("group")
    clause = t.clause
    return not any(
        doc.toks[m].target in ("G", "P", "J", "H", "N") or doc.toks[m].canon in _PERSONAL
        for m in idx
        if doc.toks[m].clause == clause and m != k
    )


#: Personal pronouns: "dat was schofterig van mij" is said of a person.
_PERSONAL = frozenset(
    {"ik", "mij", "me", "jij", "je", "jou", "u", "hij", "hem", "zij", "ze", "haar", "wij", "we"}
    | {"ons", "jullie", "hen", "hun"}
)


_ATTRIBUTIVE_BEFORE = frozenset(
    {"een", "de", "het", "dit", "dat", "die", "deze", "zo'n", "zo", "zeer", "erg", "zwaar"}
)


def _crime_said_of_a_thing(doc: _Doc, idx: list[int], p: Pred) -> bool:
    """An accusation word as an adjective before a thing: "een corrupt land"."""
    if p.j - p.i != 1:
        return False
    t = doc.toks[p.i]
    if t.canon.endswith(("er", "ers", "aar", "aars", "ie", "ij", "ijen")):
        return False  # a noun: "fraudeur", "oplichterij"
    pos = idx.index(p.i) if p.i in idx else 0
    if pos == 0 or doc.toks[idx[pos - 1]].canon not in _ATTRIBUTIVE_BEFORE:
        return False  # only in "een corrupt land", not in "heeft steekpenningen aangenomen"
    n = _noun_after(doc, idx, p.i)
    orgs = doc.lex.gram("organisations")
    return n is not None and not n.target and not n.has("person") and n.canon not in orgs


def _victim_after(doc: _Doc, p: Pred, k: int) -> bool:
    """``k`` is the victim in "de moordenaar van X", "de dief van X's fiets"."""
    toks = doc.toks
    return k >= p.j and any(toks[m].canon == "van" for m in range(p.j, min(k, p.j + 2)))


def _curse_before_people(doc: _Doc, idx: list[int], k: int) -> bool:
    """A disease swear word written before a word for people or the organisation, as a
    compound written apart ("tyfus ambtenaren", "kanker gemeente"), unless the compound is
    an ordinary word ("kanker onderzoekers", "kanker patiënten")."""
    toks = doc.toks
    pos = idx.index(k)
    if pos + 1 >= len(idx):
        return False
    t, n = toks[k], toks[idx[pos + 1]]
    if not _adjacent(doc.text, t, n) or is_exception(doc.lex, t.canon + n.canon):
        return False
    g = doc.lex.grammar
    return bool(
        n.target in ("G", "P")
        or n.canon in g.get("organisations", frozenset())
        or n.canon in g.get("buildings", frozenset())
    )


def _names_group(doc: _Doc, idx: list[int], section: str) -> bool:
    return any(doc.toks[m].target == "G" and doc.toks[m].group == section for m in idx)


def _group_said_of(doc: _Doc, idx: list[int], k: int) -> str | None:
    """The protected group a term of abuse at ``k`` is aimed at: an identity adjective right
    before it ("joodse ratten") or a group linked by a copula ("moslims zijn idioten")."""
    toks = doc.toks
    pos = idx.index(k) if k in idx else -1
    if pos > 0:
        prev = toks[idx[pos - 1]]
        for e in prev.entries:
            if e.cls == "group" and e.has("adj") and not e.has("colour"):
                return e.section
    cop = doc.lex.gram("copulas")
    clause = toks[k].clause
    seen_cop = False
    for m in reversed(idx[:pos] if pos > 0 else []):
        t = toks[m]
        if t.clause != clause:
            break
        if t.canon in cop:
            seen_cop = True
        elif t.target == "G" and seen_cop:
            return t.group
    return None


def _person_context(doc: _Doc, idx: list[int], k: int, e: Entry) -> bool:
    """Is an ambiguous word (pot, eikel, pik) used for a person here?"""
    toks = doc.toks
    g = doc.lex.grammar
    ctx = g.get("person_context", frozenset())
    poss = g.get("possessives", frozenset())
    t = toks[k]
    if e.has("animal") and any(
        toks[m].canon in g.get("animal_context", frozenset()) for m in idx[:_MAX_SENTENCE]
    ):
        return False
    if not e.has("ambiguous"):
        return True
    pos = k - idx[0]
    before = [toks[m] for m in idx[max(0, pos - 3) : pos]]
    after = [toks[m] for m in idx[pos + 1 : pos + 3]]
    if before and before[-1].canon in poss and before[-1].canon not in ("je", "jullie"):
        return False
    if (
        before
        and before[-1].canon in ("je", "jouw")
        and not any(b.canon in ("ben", "bent", "is", "was") for b in before)
    ):
        return False
    if any(b.canon in ctx for b in before):
        return True
    if before and _insulting_modifier(before[-1]):
        return True  # "hersenloze schapen", "joodse ratten"
    wider = [toks[m].canon for m in idx[max(0, pos - 5) : pos]]
    if any(w in ("ben", "bent", "is", "was", "zijn", "blijft") for w in wider) and any(
        w in ("je", "jij", "jullie", "hij", "zij", "ze", "u") for w in wider
    ):
        return True
    words = [b.canon for b in before]
    if words[-2:] in (["wat", "een"], ["nog", "een"]):
        return True
    if any(
        w in ("typisch", "logisch", "gedraag", "gedraagt", "gedroeg", "gedragen")
        for w in (toks[m].canon for m in idx[max(0, pos - 5) : pos])
    ):
        return True
    if [a.canon for a in after[:2]] in (["zoals", "jij"], ["als", "jij"], ["zoals", "jullie"]):
        return True
    if after and after[0].canon in ("zoals",):
        return True
    lenient = (e.cls == "insult" and not e.has("animal")) or e.lemma in ("pik", "lul")
    if lenient:
        if pos == 0 and (
            not after or doc.text[t.end : t.end + 1] in (",", "!") or t.end == len(doc.text)
        ):
            return True
        if before and before[-1].canon in ("een", "geen", "zo'n", "die", "deze", "de", "soort"):
            return True
        if before and before[-1].canon.endswith(("e", "ste")) and len(before[-1].canon) > 3:
            return True
    # "een eikel te zijn", "geen eikel te zijn"
    return bool(
        before
        and before[-1].canon in ("een", "geen")
        and after
        and after[0].canon in ("te", "ben", "bent", "is", "was", "geweest", "word", "wordt")
    )


def _insulting_modifier(t: Tok) -> bool:
    """An adjective that makes the ambiguous noun after it name people: a derogatory one
    used attributively ("hersenloze schapen") or an identity adjective that is not a colour
    ("joodse ratten"; "zwarte ratten" are animals)."""
    for e in t.entries:
        if e.cls == "attr" and e.has("attrib") and t.canon.endswith("e"):
            return True
        if e.cls == "group" and e.has("adj") and not e.has("colour"):
            return True
    return False


def _emit_standalone_phrase(doc: _Doc, p: Pred, idx: list[int]) -> None:
    toks = doc.toks
    group = next((toks[k].group for k in idx if toks[k].target == "G"), None)
    you = any(toks[k].target in ("J", "H", "P") for k in idx)
    if any(toks[k].target == "G" for k in idx):
        kind, target = "hate", "group"
    elif p.cls == "insult" or you:
        kind, target = "insult", "person" if you else None
    else:
        kind, target = "obscenity", None
    _add(doc, toks[p.i].start, toks[p.j - 1].end, kind, target, group, (p.source,))


# -- statements -------------------------------------------------------------------------------


def _emit_pred(doc: _Doc, idx: list[int], p: Pred, tg: list[int], kind: str) -> None:
    toks = doc.toks
    # the nearest target in the same clause widens the span to the whole statement
    clause = toks[p.i].clause
    same = [k for k in tg if toks[k].clause == clause]
    near = min(same or tg, key=lambda k: min(abs(k - p.i), abs(k - (p.j - 1))))
    group_tok = next((k for k in tg if toks[k].target == "G"), None)
    lo, hi = p.i, p.j - 1
    if toks[near].clause == clause:
        lo, hi = min(lo, near), max(hi, near)
    target = (
        "group"
        if toks[near].target in ("G",)
        or (toks[near].target in ("P",) and toks[near].canon.endswith(("en", "s", "ers")))
        else "person"
    )
    if kind == "hate":
        target = "group"
    group = toks[group_tok].group if group_tok is not None else None
    if group is None and kind == "hate":
        for prev in reversed(toks[max(0, p.i - _LOOKBACK) : p.i]):
            if prev.target == "G":
                group = prev.group
                break
    t = toks[near]
    what = _TARGET_NAMES.get(t.target, t.target)
    trace = (p.source, f"about {t.surface!r} ({what})")
    if p.neg:
        trace += (f"negated {p.neg}x",)
    _add(doc, toks[lo].start, toks[hi].end, kind, target, group, trace)


_TARGET_NAMES = {"G": "protected group", "P": "people", "J": "you", "H": "pronoun", "N": "name"}


def _slander(doc: _Doc, idx: list[int], p: Pred, targets: list[int]) -> None:
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
        if tg and _linked(doc, idx, p, tg) is not None:
            _emit_pred(doc, idx, p, tg, "insult")
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
    _add(doc, toks[lo].start, toks[hi].end, "slander", target, None, trace, counter=is_legal)


# -- output -------------------------------------------------------------------------------------


def _add(
    doc: _Doc,
    start: int,
    end: int,
    kind: str,
    target: str | None,
    group: str | None,
    trace: tuple[str, ...],
    counter: bool = False,
) -> None:
    doc.spans.append(
        OffensiveSpan(start, end, doc.text[start:end], kind, target, False, counter, group, trace)
    )


def _finish(doc: _Doc) -> list[OffensiveSpan]:
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
    for s in sorted(doc.spans, key=lambda s: (s.start, -s.end))[:_MAX_SPANS]:
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


def kinds(spans: Iterable[OffensiveSpan]) -> set[str]:
    """The kinds present (helper for callers that only need a yes/no per kind)."""
    return {s.kind for s in spans}
