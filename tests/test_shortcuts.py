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
    """detect_offensive without the reach test after the prefilter, and with every frame's
    pattern run on each sentence (not only those whose conditions it meets)."""
    from krantentoets.detect.offensive import phrases

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(offensive, "may_find", lambda lex, words: True)
        mp.setattr(phrases, "may_match", lambda clauses, text: True)
        return offensive.detect_offensive(text)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_frame_conditions_hold_in_every_match(data: st.DataObject) -> None:
    phrases = lexicon().phrases
    phrase = phrases[data.draw(st.integers(0, len(phrases) - 1))]
    rendered = data.draw(st.from_regex(phrase.pattern))
    assume(phrase.pattern.search(rendered) is not None)
    plain = rendered.replace("_", " ")
    for clause in reach.plain_needs(phrase.source):
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


def _class_entry_pieces() -> list[str]:
    entries = sorted(w for ws in reach._class_multi().values() for w in ws)[::3]
    return [*(" ".join(w) for w in entries), *(w[0] for w in entries), "en", "de", "niet"]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_multiword_merge_test_is_the_word_by_word_test(data: st.DataObject) -> None:
    from krantentoets.detect.offensive import prefilter

    pieces = data.draw(st.lists(st.sampled_from(_class_entry_pieces()), min_size=1, max_size=6))
    words = prefilter.lettered(
        [prefilter.WORDS[w] for w in prefilter.TOKEN.findall(" ".join(pieces))]
    )
    text = " ".join(w[3] for w in words)
    assert reach._merges_to_class(words, text) == reach._merges_word_by_word(words)


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


# -- offensive: the words of a text -------------------------------------------------------

_TOKEN_PIECES = (
    "kut", "Moslims", "h4at", "k", "a", " ", "  ", "_", "*", "**", "@", "$", "€", "'", "’",
    "-", "!", "1", "0", ".", ",", "é", "ß", "\u0301", "\u0130", "\u00b2", "\n", "#", "x",
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_TOKEN_PIECES), min_size=1, max_size=16))
def test_token_pattern_is_the_plain_pattern(pieces: list[str]) -> None:
    from krantentoets.detect.offensive import prefilter, tokenise
    from krantentoets.detect.offensive.tokenise import TOKEN, TOKEN_PLAIN

    text = "".join(pieces)
    assert [m.span() for m in TOKEN.finditer(text)] == [
        m.span() for m in TOKEN_PLAIN.finditer(text)
    ]
    # the words' places found from their text, after the word before
    infos = [prefilter.WORDS[w] for w in TOKEN.findall(text)]
    assert prefilter.words_at(text, infos) == tokenise.words_of(text)


def test_token_pattern_examples() -> None:
    from krantentoets.detect.offensive.tokenise import TOKEN, TOKEN_PLAIN

    text = "Wat een k a n k e r-zooi, k*t!! h@@t je m'n auto's? a_b -x- zo'n"
    assert TOKEN.findall(text) == TOKEN_PLAIN.findall(text)
    assert TOKEN.findall("k a n k e r") == ["k a n k e r"]
    assert TOKEN.findall("ik h@at jou, k*t") == ["ik", "h@at", "jou", "k*t"]


# -- offensive: what one word is, with look-ups that cannot succeed skipped ---------------


def test_sentence_marks_need_more_than_a_space() -> None:
    """segment_sentences reads a gap of one space (or none) between two words as no mark at
    all, without its patterns."""
    from krantentoets.detect.offensive import segment

    for gap in ("", " "):
        assert segment._SENT_BREAK.search(gap) is None
        assert segment._QUOTE_MARK.search(gap) is None
        assert segment._CLAUSE_BREAK.search(gap) is None
    assert segment._SENT_BREAK.search(" . ") and segment._CLAUSE_BREAK.search(", ")


_QUOTE_PIECES = (
    "'", "‘", "’", '"', "“", "”", "„", "«", "»", "ab", "x", " ", ".", "!", ",", "\n", "zo'n",
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_QUOTE_PIECES), min_size=1, max_size=14))
def test_quote_pattern_is_the_plain_pattern(pieces: list[str]) -> None:
    from krantentoets.detect.offensive.segment import QUOTES, QUOTES_PLAIN

    text = "".join(pieces)
    assert [m.span() for m in QUOTES.finditer(text)] == [
        m.span() for m in QUOTES_PLAIN.finditer(text)
    ]


def test_quote_pattern_examples() -> None:
    from krantentoets.detect.offensive.segment import QUOTES, QUOTES_PLAIN

    text = "Hij zei 'ga weg' en ‘kom hier’, niet zo'n \"grap\" of „dit”; d'r 'x'"
    assert [m.span() for m in QUOTES.finditer(text)] == [
        m.span() for m in QUOTES_PLAIN.finditer(text)
    ]
    assert len(QUOTES.findall(text)) == 4


class _Everything:
    """A set that holds every string: the tables of :func:`.wordlists._index_forms` skip
    nothing with it."""

    def __contains__(self, item: object) -> bool:
        return True


def _analysis_words() -> list[str]:
    forms = sorted(lexicon().forms)[::7]
    made = []
    for k, f in enumerate(forms):
        made += [f, f + "s", "x" + f, f[:-1], f[1:], f[: len(f) // 2] + "e" + f[len(f) // 2 :]]
        made += ["kut" + f, "rot" + f, f + forms[k - 1], "ik" + f, "hedgefonds" + f]
        made += ["dedeelnemers", "investeringsbankier", "moslimvrouwen", "ikhaat"]
        made += ["mensenmeteenbeperking", "iemandmeteenhandicap", "vrouwenmeteenhoofddoek"]
    return made


def test_word_tables_skip_only_look_ups_that_fail() -> None:
    from krantentoets.detect.offensive import words

    lex = lexicon()
    made = _analysis_words()
    quick = [words.analyse.__wrapped__(w) for w in made]
    with pytest.MonkeyPatch.context() as mp:
        for table in ("compound_starts", "form_starts", "form_ends"):
            mp.setattr(lex, table, _Everything())
        mp.setattr(lex, "glued_heads", ("",))  # every word starts with ""
        full = [words.analyse.__wrapped__(w) for w in made]
    assert quick == full
    assert any(p.how == "fuzzy" for parts in quick for p in parts)
    assert any(p.how == "compound" for parts in quick for p in parts)
    assert any(p.note == "phrase" for parts in quick for p in parts)  # a glued group phrase


def test_word_record_is_what_the_word_lists_say() -> None:
    """What the reach test reads of a word, worked out plainly from its token parts."""
    from krantentoets.detect.offensive import prefilter, tokenise

    lex = lexicon()
    for w in [*_analysis_words()[::5], "Ik", "haat", "bij", "kapot", "dm", "ga", "zo'n"]:
        info = prefilter.word_info(w)
        specs = tokenise.word_specs(w)
        canons = [spec[0] for spec in specs]
        assert info[1] == specs and info[3] == " ".join(canons) and info[6] == w
        assert info[0] == prefilter.screen(w)
        assert info[2] == (
            any(spec[5] & reach.WORD_CLASSES for spec in specs)
            or any(c in lex.short_fuzzy for c in canons)
        )
        assert info[4] == tuple(sorted({n for c in canons for n in lex.phrase_index.get(c, ())}))
        assert info[5] == any(
            e.cls in reach.WORD_CLASSES for c in canons for _words, e in lex.multi.get(c, ())
        )


def test_word_table_is_the_analysis_of_each_word() -> None:
    from krantentoets.detect.offensive import prefilter

    texts = ["Ik haat jullie, k*t!", "We gaan bij de buren langs.", "Die mensen moeten weg"]
    expected = [scan(t) for t in texts]
    for t in texts:
        for w in prefilter.TOKEN.findall(t):
            assert prefilter.WORDS[w] == prefilter.word_info(w)
    with pytest.MonkeyPatch.context() as mp:  # a table that starts afresh all the time
        mp.setattr(prefilter, "MAX_WORDS", 2)
        mp.setattr(prefilter, "WORDS", prefilter._Words())
        assert [scan(t) for t in texts] == expected
        assert len(prefilter.WORDS) <= 2
        for t in texts:
            infos = [prefilter.WORDS[w] for w in prefilter.TOKEN.findall(t)]
            assert prefilter.words_at(t, infos) == offensive.tokenise.words_of(t)


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


#: The capitalised-word pattern with the look-behind first, as it was written before the
#: capital was put in front of it (issue 18): both must find the same words.
_CAP_WORD_LOOKBEHIND_FIRST = re.compile(
    r"(?<![\w@#'’\-])[" + names._UPPER + r"][^\W\d_]*(?:['’\-][^\W\d_]+)*"
)
_CAP_PIECES = ("Jan", "de", "VVD", "@", "#", "'", "’", "-", "_", "x", "7", " ", "\n", "É", "ß")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CAP_PIECES), min_size=1, max_size=14).map("".join))
def test_capitalised_words_capital_first_is_lookbehind_first(text: str) -> None:
    spans = [m.span() for m in persons._CAP_WORD.finditer(text)]
    assert spans == [m.span() for m in _CAP_WORD_LOOKBEHIND_FIRST.finditer(text)]


def test_capitalised_words_examples() -> None:
    text = "Jan sprak @Piet en #Gouda toe; oud-Wethouder Kees en d'Ancona\nBakker"
    assert [w for *_, w in persons._cap_words(text)] == ["Jan", "Kees", "Bakker"]
    assert [w for *_, w in persons._cap_words("Ik zie Noor-Marie")] == ["Ik", "Noor-Marie"]


_SAID_PIECES = (
    "Bakker", "Vries", "Jansen-Smit", "Jan", "Gent", "De", "Van", "Van der", "zei", "Zegt",
    "ALDUS", "vindt", "en", "de", " ", " ", "\u00a0", "-", "'", "’", "@", "#", ".", ",", "x",
)  # fmt: skip


def _said_by_full(text: str) -> list[tuple[int, int, str]]:
    """:func:`persons._said_by` without the listed-surname test in front of it."""
    listed = next(iter(names.lists().surnames))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(persons, "_cap_words", lambda text: ((0, len(listed), listed),))
        return persons._said_by(text, persons.Disjoint())


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_SAID_PIECES), min_size=1, max_size=12).map("".join))
def test_said_by_surname_gate_is_the_full_search(text: str) -> None:
    assert persons._said_by(text, persons.Disjoint()) == _said_by_full(text)


def test_said_by_surname_gate_examples() -> None:
    for text in ("Bakker zei dat het klopt.", "Dat klopt, zegt De Vries.", "aldus Van der Berg"):
        found = persons._said_by(text, persons.Disjoint())
        assert found
        assert found == _said_by_full(text)
    assert persons._said_by("Het plan is goed, zei de wethouder.", persons.Disjoint()) == []
