"""Speed shortcuts give what the full way gives (issue 18).

Each shortcut skips work that cannot change the answer: a cheap test that a pattern cannot
match, a table worked out once. Each is compared here with the full way on texts made of
the words that matter to it, in every case, with the letters ``(?i)`` and ``str.lower``
disagree on (İ ı ſ).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import krantentoets.detect.offensive as offensive
from krantentoets.detect import names, persons, rhetoric
from krantentoets.detect.offensive import OffensiveSpan, reach
from krantentoets.detect.offensive.prefilter import scan
from krantentoets.detect.offensive.wordlists import lexicon

_HEADS, _BEHAVIOUR = rhetoric._heads(())
_GROUP_WORDS = ("asiel", "moslim", "azc", "allochtonen", "islam", "vluchtelingen")
_PIECES = (
    *sorted(_HEADS | _BEHAVIOUR),
    *_GROUP_WORDS,
    "-",
    " ",
    ", ",
    "#",
    "@",
    "x",
    "de",
    "\u0130",  # İ
    "\u0131",  # ı
    "\u017f",  # ſ
    "\u212a",  # Kelvin sign
    "é",
)


def _cased(piece: str, how: int) -> str:
    return (piece, piece.upper(), piece.title(), piece.swapcase())[how]


_texts = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.integers(0, 3)), min_size=1, max_size=12
).map(lambda parts: "".join(_cased(p, how) for p, how in parts))


def _full_compound_putdowns(text: str) -> list[rhetoric.PhraseMatch]:
    """The compound put-downs without the substring test in front of the pattern."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(rhetoric, "_may_hold_compound", lambda text, ends: True)
        return rhetoric._compound_putdowns(text, rhetoric._matchers(()), ())


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_compound_putdown_shortcut_is_the_pattern(text: str) -> None:
    got = rhetoric._compound_putdowns(text, rhetoric._matchers(()), ())
    assert got == _full_compound_putdowns(text)


@pytest.mark.parametrize(
    "text",
    [
        "Dat asieltuig moet weg.",  # a compound put-down
        "AZC-TUIG",  # a hyphen compound in capitals
        "asieltu\u0131g",  # no "tuig" to str.lower(), but (?i) reads ı as i
        "Gewoon tuig, zonder meer.",  # the word alone is no compound
        "Een mooie dag in de stad.",  # nothing at all
    ],
)
def test_compound_putdown_shortcut_examples(text: str) -> None:
    assert rhetoric._compound_putdowns(text, rhetoric._matchers(()), ()) == _full_compound_putdowns(
        text
    )


def test_compound_putdown_shortcut_finds_the_compound() -> None:
    found = rhetoric._compound_putdowns("Dat asieltuig moet weg.", rhetoric._matchers(()), ())
    assert [(m.start, m.end) for m in found] == [(4, 13)]
    assert rhetoric._compound_putdowns("Een mooie dag.", rhetoric._matchers(()), ()) == []


# -- offensive: a text that can make no span skips tokens, sentences and verdict -------------


def _offensive_full(text: str) -> list[OffensiveSpan]:
    """detect_offensive without the reach test after the prefilter."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(offensive, "may_find", lambda lex, words: True)
        return offensive.detect_offensive(text)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_frame_conditions_hold_in_every_match(data: st.DataObject) -> None:
    phrases = lexicon().phrases
    phrase = phrases[data.draw(st.integers(0, len(phrases) - 1))]
    rendered = data.draw(st.from_regex(phrase.pattern))
    assume(phrase.pattern.search(rendered) is not None)
    plain = rendered.replace("_", " ")
    for clause in reach._plain_needs(phrase.source):
        assert any(piece in plain for piece in clause), (phrase.source, clause)


def test_needs_reads_words_alternatives_and_optional_parts() -> None:
    assert reach.needs(re.compile(r"(?:mooi|lelijk) weer(?: vandaag)?")) == (
        frozenset({"mooi weer", "lelijk weer", "mooi weer vandaag", "lelijk weer vandaag"}),
    )
    # a gap of any words splits the frame into two conditions
    clauses = reach.needs(re.compile(r"grenzen (?:\S+ ){0,2}?dicht"))
    assert set(clauses) == {frozenset({"grenzen "}), frozenset({"dicht"})}
    assert reach.needs(re.compile(r"(?i)grenzen dicht")) == ()  # case ignored: nothing told
    assert reach.needs(re.compile(r"\w+")) == ()


_SNAPSHOT = Path(__file__).resolve().parent / "data" / "offensive_snapshot.jsonl"
_SNAPSHOT_TEXTS = [
    json.loads(line)["text"] for line in _SNAPSHOT.read_text(encoding="utf-8").splitlines()
]


@pytest.mark.parametrize("text", _SNAPSHOT_TEXTS, ids=lambda t: t[:40])
def test_offensive_reach_skips_only_texts_without_spans(text: str) -> None:
    words = scan(text)
    if words is not None and not reach.may_find(lexicon(), words):
        assert _offensive_full(text) == []
    assert offensive.detect_offensive(text) == _offensive_full(text)


_OFFENSIVE_PIECES = (
    "bij",
    "geen",
    "laten",
    "voor jan lul",
    "te vertrouwen",
    "mensen",
    "moslims",
    "zijn",
    "ratten",
    "grenzen",
    "dicht",
    "niet",
    "welkom",
    "zo dm",
    "ik haat",
    "jullie",
    "weg met",
    "het land uit",
    "kop",
    "koel",
    "hou je",
    "idioot",
    ".",
    ",",
    "!",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_OFFENSIVE_PIECES), min_size=1, max_size=10))
def test_offensive_reach_is_the_full_analysis(pieces: list[str]) -> None:
    text = " ".join(pieces)
    assert offensive.detect_offensive(text) == _offensive_full(text)


def test_offensive_reach_examples() -> None:
    lex = lexicon()
    # an anchor word alone: through the prefilter, but no frame can match
    words = scan("We gaan bij de buren langs.")
    assert words is not None and not reach.may_find(lex, words)
    # a frame that matches, a word of a predicate class, and a multi-word entry of one
    for text in ("Die mensen moeten het land uit.", "Ik haat moslims.", "Ik ga jou kapot slaan."):
        words = scan(text)
        assert words is not None and reach.may_find(lex, words)
        assert offensive.detect_offensive(text)


# -- is this a Dutch word: plain lower-case words read from wordfreq's list at once ---------


def test_dutch_word_shortcut_is_wordfreq() -> None:
    import random

    from wordfreq import get_frequency_dict, zipf_frequency

    from krantentoets.detect import dutch_words, word_frequency

    zipf = word_frequency.dutch_zipf()
    listed = sorted(get_frequency_dict("nl", "best"))[::10]
    rng = random.Random(18)
    made_up = ["".join(rng.choices("abcdeijklnorstuz", k=rng.randint(1, 14))) for _ in range(3000)]
    odd = ["Huis", "huis1", "café", "", "ab-cd", "x y", "straße", "\u0130k", "\u017foep", "haat"]
    words = listed + made_up + odd
    assert [zipf(w) for w in words] == [zipf_frequency(w, "nl") for w in words]
    assert [word_frequency.is_dutch_word(w) for w in words] == [
        dutch_words.is_dutch_word(w) for w in words
    ]
    assert word_frequency.is_dutch_word("heikel") and not word_frequency.is_dutch_word("qzxqv")


# -- phrase entries of one word without stars: matched without their pattern ---------------


@pytest.mark.parametrize(
    "text",
    [
        "Katten en een kat.",  # the first alternative is a prefix of the second
        "KAT, kattenkwaad; de kat_x en kat-achtig",  # word characters after it
        "\u212aat",  # the Kelvin sign, which both (?i) and str.lower read as k
        "de kat\u0130",  # İ: the text is searched the plain way
    ],
)
def test_plain_entries_match_as_their_pattern(text: str) -> None:
    from krantentoets.detect.phrases import PhraseMatch, PhraseMatcher, parse_entry

    entries = [parse_entry("kat|katten", "pets"), parse_entry("een kat", "pets")]
    assert entries[0].plain == ("kat", "katten") and entries[1].plain is None
    expected = sorted(
        (
            PhraseMatch(m.start(), m.end(), e.group, e.source)
            for e in entries
            for m in e.pattern.finditer(text)
        ),
        key=lambda x: (x.start, -x.end),
    )
    assert PhraseMatcher(entries).find(text) == expected


# -- hashtag splitting: only the split points reached so far are tried ----------------------


def _split_hashtag_every_point(tag: str) -> tuple[str, ...]:
    """rhetoric._split_hashtag as it was: every earlier position tried as a split point."""
    parts = rhetoric._CAMEL.findall(tag)
    if len(parts) > 1 and "".join(parts) == tag:
        return tuple(parts)
    low = tag.lower()
    known = rhetoric.is_dutch_word
    if not low.isalpha() or len(low) > 30 or known(low):
        return (tag,)
    best: dict[int, list[str]] = {0: []}
    for i in range(1, len(low) + 1):
        cands = [
            best[j] + [low[j:i]]
            for j in range(i)
            if j in best and (low[j:i] in rhetoric._SHORT_WORDS or known(low[j:i]))
        ]
        if cands:
            best[i] = min(cands, key=len)
    words = best.get(len(low))
    return tuple(words) if words and 1 < len(words) <= 4 else (tag,)


_TAG_PIECES = ("stop", "de", "invasie", "islam", "weg", "met", "nep", "nieuws", "azc", "nee")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_TAG_PIECES), min_size=1, max_size=5), st.booleans())
def test_hashtag_split_is_the_full_search(pieces: list[str], camel: bool) -> None:
    tag = "".join(p.title() if camel else p for p in pieces)
    assert rhetoric._split_hashtag.__wrapped__(tag) == _split_hashtag_every_point(tag)


def test_hashtag_split_examples() -> None:
    assert rhetoric.split_hashtag("stopdeinvasie") == ["stop", "de", "invasie"]
    assert rhetoric.split_hashtag("StopDeInvasie") == ["Stop", "De", "Invasie"]
    assert rhetoric.split_hashtag("gemeenteraad") == ["gemeenteraad"]


# -- person names: the word tests of the candidate passes, cached per word -----------------

_NAME_PIECES = (
    "Jan", "Bakker", "de", "Vries", "van", "der", "Berg", "De", "Van", "meneer", "mevrouw",
    "minister", "buurman", "Kamer", "Gemeente", "Rotterdam", "VVD", "J.", "J", "v.d.",
    "Kowalczyk", "Bolkestein", "Gisteren", "Mark", "Roos", "zei", "met", "@", "#", "^",
    ". ", ", ", "\n", " ", " ", " ",
)  # fmt: skip


def _full_candidates(text: str) -> list[int]:
    """:func:`persons._candidates` with the word tests after the position tests, uncached
    (the way before the per-word cache)."""
    L = names.lists()
    context = persons._context_words()
    out = []
    n = len(text)
    for s, e, w in persons._cap_words(text):
        followed = (
            e + 1 < n
            and text[e] == " "
            and (text[e + 1].isupper() or persons._interfix_at(text, e + 1, L))
        )
        cue = False
        if not followed:
            if s < 2 or text[s - 1] != " ":
                continue
            prev = text[text.rfind(" ", 0, s - 1) + 1 : s - 1]
            low = prev.lower()
            cue = low in context
            if not (cue or (prev[:1].isupper() and len(prev.rstrip(".")) == 1)):
                continue
            if (
                low in persons._WEAK_CONTEXT
                and w not in L.surnames
                and not persons._role_before(text, s - len(prev) - 1)
            ):
                continue
        if len(w) > 1 and w.isupper():
            continue
        if not (w in L.first or w in L.surnames or not persons._plain(w, L)):
            continue
        if cue or not names._sentence_initial(text, s):
            out.append(s)
    return out


_name_texts = st.lists(st.sampled_from(_NAME_PIECES), min_size=1, max_size=14).map(
    lambda parts: " ".join(parts)
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_name_texts)
def test_name_candidates_are_the_full_tests(text: str) -> None:
    assert persons._candidates(text) == _full_candidates(text)
    L = names.lists()
    full_lone = [s for s, _, w in persons._cap_words(text) if persons._lone_surname(w, text, s, L)]
    assert persons._lone_candidates(text) == full_lone


def test_name_candidates_examples() -> None:
    text = "Gisteren sprak ik met buurman Kowalczyk en Jan Bakker over de VVD."
    found = {text[s : text.index(" ", s)] for s in persons._candidates(text)}
    assert found == {"Kowalczyk", "Jan"}
    assert persons._candidates(text) == _full_candidates(text)
    assert persons._candidates("Het VVD en CDA zijn partijen.") == []
