"""A statistical person-name tagger: a linear-chain CRF (python-crfsuite) over word tokens.

The model (``data/names/person_tagger.crfsuite``) is trained by
``training/name_tagger/train.py`` on the Dutch UD dev treebanks (CC BY-SA 4.0), with person
labels made at build time by Frog and corrected by rules (see that folder's README). Frog is
never needed at run time.

The tagger only *proposes* names: :mod:`.names` decides with evidence (name lists, titles,
person context) whether a proposal is a person, and whether the person is public.

Features per token (the same code builds them for training and for tagging):

- the word lower-cased, its prefixes and suffixes (2-4 letters), its shape (``Xx``, ``X.``,
  ``x``, ``d``), capitals, hyphen, apostrophe, length;
- gazetteers from the shipped lists: first name, surname, place, common word, name that is also
  a word, tussenvoegsel, title, public role, organisation word, person context, a word of
  saying (``volgens``, ``zei``);
- for a capitalised word, how common it is as a Dutch word (wordfreq's Zipf scale in five
  bins): a capitalised word that is rare as a word is more likely a name;
- the same for the two words before and after (lower-cased word and a few flags), and whether
  the token starts the sentence.
"""

from __future__ import annotations

import math
import re
import struct
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

#: Tokens: a word (with inner hyphens, apostrophes, or the dots of initials and abbreviations
#: such as ``J.``, ``v.d.``, ``W.H.``), a number, or one other character.
_TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){1,4}(?![^\W\d_])"  # initials / abbreviations: "J.", "v.d.", "W.H."
    r"|[^\W\d_]+(?:['’\-/][^\W\d_]+)*(?:'s)?"  # words, "Bakker-van", "v/d", "Morgan's"
    r"|\d+(?:[.,]\d+)*"
    r"|\S"
)

LABELS = ("B-PER", "I-PER", "O")

#: Words that introduce a person right after them (lower-cased).
PERSON_CONTEXT = frozenset(
    """
    met door van voor aan tegen namens heet genaamd zoon dochter vader moeder broer zus
    buurman buurvrouw collega vriend vriendin man vrouw echtgenoot echtgenote weduwe opa oma
    """.split()  # noqa: SIM905
)


#: Words of saying and attribution around a person ("volgens X", "X zei", "aldus X").
SAY_CONTEXT = frozenset(
    """
    volgens aldus zei zegt zeggen vindt vond meent meende stelt stelde schrijft schreef vertelt
    vertelde verklaarde verklaart benadrukt benadrukte reageert reageerde liet laat noemt
    noemde denkt dacht wil wilde kreeg krijgt won wint speelde speelt scoorde
    """.split()  # noqa: SIM905
)


class Token(NamedTuple):
    start: int
    end: int
    word: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens of ``text[start:end]`` with their offsets."""
    new = tuple.__new__
    return [
        new(Token, (m.start(), m.end(), m.group()))
        for m in _TOKEN_RE.finditer(text, start, len(text) if end is None else end)
    ]


def shape(word: str) -> str:
    """``Xx`` (capitalised), ``X`` (all capitals), ``x``, ``d``, ``X.`` (initial), ``p``."""
    if word[:1].isdigit():
        return "d"
    if not word[:1].isalpha():
        return "p"
    if word.endswith(".") and len(word) <= 5:
        return "X." if word[:1].isupper() else "x."
    if word.isupper():
        return "X" if len(word) > 1 else "X1"
    if word[:1].isupper():
        return "Xx-" if "-" in word else "Xx"
    rest = word[1:]
    if not rest.islower() and any(c.isupper() for c in rest):  # islower(): none is
        return "xX"  # "van-Dijk", "iPhone"
    return "x"


class Gazetteers(NamedTuple):
    first: frozenset[str]
    surnames: frozenset[str]
    places: frozenset[str]
    common: frozenset[str]
    word_names: frozenset[str]
    interfixes: frozenset[str]
    titles: frozenset[str]
    roles: frozenset[str]
    org_words: frozenset[str]


@cache
def gazetteers() -> Gazetteers:
    from krantentoets.detect import names

    L = names.lists()
    return Gazetteers(
        first=L.first,
        surnames=L.surnames,
        places=L.places,
        common=L.common,
        word_names=L.word_names,
        interfixes=frozenset(w for w in L.interfixes if " " not in w),
        titles=frozenset(t.rstrip(".") for t in names.TITLES),
        roles=frozenset(names.PUBLIC_ROLES),
        org_words=names.ORG_WORDS,
    )


def _flags(word: str, g: Gazetteers) -> list[str]:
    low = word.lower()
    bare = word.rstrip(".")
    out = []
    if word in g.first or (bare and "-" in bare and all(p in g.first for p in bare.split("-"))):
        out.append("first")
    if word in g.surnames or any(p in g.surnames for p in word.split("-")[1:]):
        out.append("sur")
    if word in g.places:
        out.append("place")
    if low in g.common:
        out.append("common")
    if word in g.word_names:
        out.append("wordname")
    if low in g.interfixes or low in ("v.d.", "v/d", "vd", "v.", "d'"):
        out.append("interfix")
    if low.rstrip(".") in g.titles:
        out.append("title")
    if low in g.roles or low.endswith(("voorzitter", "woordvoerder", "directeur")):
        out.append("role")
    if word in g.org_words:
        out.append("org")
    if low in PERSON_CONTEXT:
        out.append("pctx")
    if low in SAY_CONTEXT:
        out.append("say")
    return out


class _WordInfo(NamedTuple):
    low: str
    shape: str
    flags: tuple[str, ...]
    #: the word's own features
    own: tuple[str, ...]
    #: the features it gives the word 2 after, 1 after, 1 before and 2 before it: to that
    #: word it is the word d = -2, -1, 1, 2 places away (:func:`_context`)
    ctx: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=1 << 16)
def _word(word: str) -> _WordInfo:
    """Everything :func:`features` needs of one word, cached per word."""
    low, shp, flags, own = _word_own(word)
    # the same strings as f"{d}w={low}", f"{d}s={shp}", f"{d}g={x}" for d in -2, -1, 1, 2
    # (spelled out: a generator of f-strings per word costs twice as much)
    ctx = (
        ("-2w=" + low, "-2s=" + shp, *["-2g=" + x for x in flags]),
        ("-1w=" + low, "-1s=" + shp, *["-1g=" + x for x in flags]),
        ("1w=" + low, "1s=" + shp, *["1g=" + x for x in flags]),
        ("2w=" + low, "2s=" + shp, *["2g=" + x for x in flags]),
    )
    return tuple.__new__(_WordInfo, (low, shp, flags, own, ctx))


def _word_own(word: str) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """``(lower, shape, gazetteer flags, the word's own features)``."""
    g = gazetteers()
    low = word.lower()
    shp = shape(word)
    flags = tuple(_flags(word, g))
    own = [
        "b",
        "w=" + low,
        "s=" + shp,
        "p2=" + low[:2],
        "p3=" + low[:3],
        "x2=" + low[-2:],
        "x3=" + low[-3:],
        "x4=" + low[-4:],
        "len=" + (str(len(word)) if len(word) < 4 else "4+"),
    ]
    if "-" in word:
        own.append("hyph")
        own.append("hl=" + low.rsplit("-", 1)[-1])
    if "'" in word or "’" in word:
        own.append("apos")
    own.extend("g=" + x for x in flags)
    if word[:1].isupper() and len(word) > 2:
        own.append("z=" + _zipf_bin(low))
    return low, shp, flags, tuple(own)


@lru_cache(maxsize=1 << 16)
def zipf(low: str) -> float:
    """How common the lower-case word is in Dutch: wordfreq's Zipf scale (log10 of
    occurrences per billion words; 0 for a word it does not know). Loaded on first use.

    A plain lower-case word (letters only, no digits, apostrophes or marks to split on) is
    one token to wordfreq: its value is looked up in the frequency table directly, with
    wordfreq's own rounding (``tests/test_name_tagger.py`` checks that both agree). Plain
    words joined by hyphens ("vvd-kamerlid", most of the other words the names ask about)
    are those words to wordfreq, combined as it combines tokens (``1/f = 1/f1 + 1/f2``,
    0 when one is unknown). Any other word goes through ``wordfreq.zipf_frequency``."""
    if _PLAIN_WORD.fullmatch(low):
        freq = _nl_frequencies().get(low)
        return 0.0 if freq is None else _freq_to_zipf(freq)
    if _PLAIN_PARTS.fullmatch(low):
        freqs = _nl_frequencies()
        one_over = 0.0
        for part in low.split("-"):
            freq = freqs.get(part)
            if freq is None:
                return 0.0  # wordfreq's minimum
            one_over += 1.0 / freq
        return _freq_to_zipf(1.0 / one_over)
    from krantentoets.detect.dutch_words import _zipf

    return float(_zipf()(low, "nl"))


#: Lower-case letters of Dutch and its loanwords, as precomposed characters: a word of
#: these alone is a single token to wordfreq's Dutch tokenizer, unchanged.
_PLAIN_WORD = re.compile(r"[a-zàáâäçèéêëìíîïñòóôöùúûü]+")
#: Two or more plain words joined by single hyphens: each part is a token to wordfreq.
_PLAIN_PARTS = re.compile(r"[a-zàáâäçèéêëìíîïñòóôöùúûü]+(?:-[a-zàáâäçèéêëìíîïñòóôöùúûü]+)+")


def plain_word(low: str) -> bool:
    """A plain lower-case word: :func:`zipf` reads it from the table (and so any part)."""
    return _PLAIN_WORD.fullmatch(low) is not None


@cache
def frequencies_from(zipf_min: float) -> tuple[dict[str, float], float]:
    """The Dutch frequency table and a least frequency for ``zipf_min``: a plain word ``w``
    has ``zipf(w) >= zipf_min`` exactly when ``table.get(w, 0) >= least``.

    ``least`` is the smallest positive float whose Zipf value (as :func:`zipf` rounds it) is
    ``zipf_min`` or more, found by bisection over the floats in order (their bit patterns),
    about 60 steps, instead of going through the 300,000 values of the table: the rounding
    is monotonic, so a value of the table reaches ``zipf_min`` exactly when it is ``least``
    or more (``tests/test_name_tagger.py`` checks every distinct value of the table)."""
    return _nl_frequencies(), least_frequency(zipf_min)


def least_frequency(zipf_min: float) -> float:
    """The smallest positive float ``f`` with ``_freq_to_zipf(f) >= zipf_min`` (infinity if
    none up to 1)."""

    def value(bits: int) -> float:
        return float(struct.unpack("<d", struct.pack("<q", bits))[0])

    lo = 0  # the bits of 0.0: Zipf 0, below any threshold that matters
    hi = struct.unpack("<q", struct.pack("<d", 1.0))[0]
    if _freq_to_zipf(value(hi)) < zipf_min:
        return float("inf")
    if _freq_to_zipf(value(lo)) >= zipf_min:
        return value(lo)
    while hi - lo > 1:  # zipf(value(lo)) < zipf_min <= zipf(value(hi))
        mid = (lo + hi) // 2
        if _freq_to_zipf(value(mid)) >= zipf_min:
            hi = mid
        else:
            lo = mid
    return value(hi)


@cache
def _nl_frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("nl", "best")  # type: ignore[no-any-return]


def _freq_to_zipf(freq: float) -> float:
    """``wordfreq.zipf_frequency`` of a word found once in the table with ``freq``: the
    frequency rounded to three significant digits, then log10 per billion words rounded
    to two decimals (wordfreq 3's ``_word_frequency`` and ``zipf_frequency``)."""
    unrounded = max(freq, 1e-9)
    rounded = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


def _zipf_bin(low: str) -> str:
    """:func:`zipf`, binned: a capitalised word that is rare as a word is more likely a
    name."""
    z = zipf(low)
    return "0" if z == 0 else "1" if z < 2 else "2" if z < 3 else "3" if z < 4 else "4"


def _context(word: str, d: int) -> tuple[str, ...]:
    """The features a word gives the word ``d`` places away (``d`` in -2, -1, 1, 2)."""
    return _word(word).ctx[(-2, -1, 1, 2).index(d)]


_BOS = ("bos",)
#: Context features where a neighbour is missing: 2 before, 1 before, 1 after, 2 after.
_PAD = (("-2w=<pad>",), ("-1w=<pad>",), ("1w=<pad>",), ("2w=<pad>",))


@cache
def _shape_pair(prev: str, cur: str) -> tuple[str, ...]:
    return (f"-1s|s={prev}|{cur}",)


@cache
def _shape_pair_next(cur: str, nxt: str) -> tuple[str, ...]:
    return (f"s|+1s={cur}|{nxt}",)


class _Parts(NamedTuple):
    """Where :func:`_features` takes each part of a token's features from."""

    word: Callable[[str], _WordInfo]
    bos: tuple[str, ...]
    pad: tuple[tuple[str, ...], ...]
    pair: Callable[[str, str], tuple[str, ...]]
    pair_next: Callable[[str, str], tuple[str, ...]]


_ALL = _Parts(_word, _BOS, _PAD, _shape_pair, _shape_pair_next)


def features(
    words: list[str], lo: int = 0, hi: int | None = None, *, bos: bool = True
) -> list[tuple[str, ...]]:
    """CRF features for the words ``words[lo:hi]`` of one sentence (the words around them
    are context). ``bos``: ``words[0]`` starts the sentence (else it is a piece of one).

    Per token, in this order: its own features, ``bos``, what the words 2 and 1 before and
    1 and 2 after give it (or a pad), and its shape with the previous and the next word's
    shapes. Every part is a cached tuple per word (or pair of shapes)."""
    return _features(words, lo, hi, bos, _ALL)


def _features(
    words: list[str], lo: int, hi: int | None, bos: bool, parts: _Parts
) -> list[tuple[str, ...]]:
    n = len(words)
    hi = n if hi is None else hi
    base = max(0, lo - 2)
    word = parts.word
    info = [word(w) for w in words[base : min(n, hi + 2)]]
    out: list[tuple[str, ...]] = []
    pad_m2, pad_m1, pad_p1, pad_p2 = parts.pad
    bos_feats, pair, pair_next = parts.bos, parts.pair, parts.pair_next
    no_bos: tuple[str, ...] = ()
    append = out.append
    for i in range(lo, hi):
        k = i - base
        cur = info[k]
        shp = cur.shape
        prev = info[k - 1] if i >= 1 else None
        nxt = info[k + 1] if i + 1 < n else None
        at_bos = bos and (i == 0 or (i == 1 and prev is not None and prev.shape == "p"))
        append(
            (
                *cur.own,
                *(bos_feats if at_bos else no_bos),
                *(info[k - 2].ctx[0] if i >= 2 else pad_m2),
                *(prev.ctx[1] if prev is not None else pad_m1),
                *(nxt.ctx[2] if nxt is not None else pad_p1),
                *(info[k + 2].ctx[3] if i + 2 < n else pad_p2),
                *(pair(prev.shape, shp) if prev is not None else no_bos),
                *(pair_next(shp, nxt.shape) if nxt is not None else no_bos),
            )
        )
    return out


MODEL = "person_tagger.crfsuite"


@cache
def _tagger():  # type: ignore[no-untyped-def]
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    ref = resources.files("krantentoets.data") / "names" / MODEL
    with resources.as_file(ref) as path:
        tagger.open(str(path))
    return tagger


@cache
def model_attributes() -> frozenset[str] | None:
    """The attributes the model has weights for, read from the model file (``None`` if the
    file is not laid out as expected).

    crfsuite ignores an attribute it has no weight for when it tags: it looks each one up
    in this dictionary and drops those it does not find before any arithmetic, so tagging
    with only these gives the same labels and marginals to the bit, with about a quarter
    fewer strings to pass (``tests/test_name_tagger.py`` compares both ways).

    The file (crfsuite's ``crf1m`` format) starts with a header of little-endian 32-bit
    fields, the tenth of which is the offset of the attribute dictionary: a CQDB chunk whose
    header holds the number of keys and the offset of a table with, for each id, the offset
    of its record (the id, the key's size and the key with a closing NUL)."""
    data = (resources.files("krantentoets.data") / "names" / MODEL).read_bytes()
    try:
        magic, _, kind, _, _, _, n_attrs, _, _, off = struct.unpack_from("<4sI4s7I", data, 0)
        if magic != b"lCRF" or kind != b"FOMC":
            return None
        cqdb, _, _, _, size, table = struct.unpack_from("<4s5I", data, off)
        if cqdb != b"CQDB" or size != n_attrs:
            return None
        out = []
        for i, rec in enumerate(struct.unpack_from(f"<{size}I", data, off + table)):
            key_id, key_size = struct.unpack_from("<2I", data, off + rec)
            if key_id != i or key_size < 1:
                return None
            start = off + rec + 8
            out.append(data[start : start + key_size - 1].decode("utf-8"))
    except (struct.error, UnicodeDecodeError):
        return None
    return frozenset(out)


def _known(feats: tuple[str, ...]) -> tuple[str, ...]:
    known = model_attributes()
    return feats if known is None else tuple([f for f in feats if f in known])


@lru_cache(maxsize=1 << 16)
def _tag_word(word: str) -> _WordInfo:
    """:func:`_word` with only the attributes the model has weights for. Built directly: of
    the features a word gives its neighbours only the word itself varies much (``-1w=...``);
    those of its shape and gazetteer flags are filtered once per combination."""
    known = model_attributes()
    if known is None:
        return _word(word)
    low, shp, flags, own = _word_own(word)
    m2, m1, p1, p2 = _known_shape_flags(shp, flags)
    w = "-2w=" + low
    c_m2 = (w, *m2) if w in known else m2
    w = "-1w=" + low
    c_m1 = (w, *m1) if w in known else m1
    w = "1w=" + low
    c_p1 = (w, *p1) if w in known else p1
    w = "2w=" + low
    c_p2 = (w, *p2) if w in known else p2
    own = tuple([f for f in own if f in known])
    return tuple.__new__(_WordInfo, (low, shp, flags, own, (c_m2, c_m1, c_p1, c_p2)))


@lru_cache(maxsize=1 << 12)
def _known_shape_flags(shp: str, flags: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The shape and gazetteer features a word gives the words -2, -1, 1 and 2 places away,
    those the model knows (the part of :func:`_word`'s ``ctx`` after the word itself)."""
    return tuple(
        _known((f"{d}s={shp}", *[f"{d}g={x}" for x in flags])) for d in ("-2", "-1", "1", "2")
    )


@cache
def _tag_pair(prev: str, cur: str) -> tuple[str, ...]:
    return _known(_shape_pair(prev, cur))


@cache
def _tag_pair_next(cur: str, nxt: str) -> tuple[str, ...]:
    return _known(_shape_pair_next(cur, nxt))


@cache
def _tag_parts() -> _Parts:
    return _Parts(_tag_word, _known(_BOS), tuple(map(_known, _PAD)), _tag_pair, _tag_pair_next)


def tag_features(
    words: list[str], lo: int = 0, hi: int | None = None, *, bos: bool = True
) -> list[tuple[str, ...]]:
    """:func:`features` without the attributes the model has no weights for: what
    :func:`tag` passes to crfsuite (training uses :func:`features`)."""
    return _features(words, lo, hi, bos, _tag_parts())


def tag(words: list[str], lo: int = 0, hi: int | None = None, *, bos: bool = True) -> list[str]:
    """``B-PER``/``I-PER``/``O`` for each word of ``words[lo:hi]`` of one sentence."""
    if not words or lo >= (len(words) if hi is None else hi):
        return []
    return list(_tagger().tag(tag_features(words, lo, hi, bos=bos)))


def person_spans(
    words: list[str], lo: int = 0, hi: int | None = None, *, bos: bool = True
) -> list[tuple[int, int]]:
    """``(first, last)`` word indices (inclusive, in ``words``) of the persons the tagger
    proposes in ``words[lo:hi]``."""
    return [(a, b) for a, b, _ in scored_person_spans(words, lo, hi, bos=bos)]


def scored_person_spans(
    words: list[str], lo: int = 0, hi: int | None = None, *, bos: bool = True
) -> list[tuple[int, int, float]]:
    """:func:`person_spans` with the tagger's confidence in each: the lowest marginal
    probability of the span's labels."""
    labels = tag(words, lo, hi, bos=bos)
    if "B-PER" not in labels and "I-PER" not in labels:
        return []
    tagger = _tagger()
    spans: list[list[float]] = []
    for k, label in enumerate(labels):
        i = lo + k
        if label == "O":
            continue
        p = tagger.marginal(label, k)
        if label == "B-PER" or not spans or spans[-1][1] != i - 1:
            spans.append([i, i, p])
        else:
            spans[-1][1] = i
            spans[-1][2] = min(spans[-1][2], p)
    return [(int(a), int(b), p) for a, b, p in spans]
