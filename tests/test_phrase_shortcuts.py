"""Speed shortcuts of the phrase matchers give what the full way gives (issue 18).

An entry is tried only when the lowered text holds an alternative of each of its words
(``PhraseEntry.needs``), an entry's first word found inside another word starts only an
entry that may have any beginning (``*word``), and rhetoric reads all its sections from one
keyword pass; all are compared here with the full way (see also tests/test_phrases.py and
tests/test_shortcuts.py).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krantentoets.detect import rhetoric
from krantentoets.detect.phrases import (
    KeywordIndex,
    PhraseEntry,
    PhraseMatcher,
    parse_entry,
)
from krantentoets.rules import stance
from test_phrases import plain_find  # the full way: each entry's pattern over the text


def _cased(piece: str, how: int) -> str:
    return (piece, piece.upper(), piece.title(), piece.swapcase())[how]


# -- phrase entries: a word that occurs nowhere in the text skips the entry's pattern --------


_NEEDS_ENTRIES = (
    "=stem|Stem|kies|Kies BBB",
    "stem|kies op|voor de kaasunie",
    "wij|we knokken ... voor|tegen",
    "*minister ... *zaken",
    "onze|ons fractie|partij",
    "µg|ſoep de kaas",
    "raad ... besluit*",
)


def _with_and_without_needs(
    entries: list[PhraseEntry],
) -> tuple[PhraseMatcher, PhraseMatcher]:
    return PhraseMatcher(entries), PhraseMatcher(replace(e, needs=()) for e in entries)


_NEEDS_MATCHERS = {
    "entries": _with_and_without_needs([parse_entry(e, "x") for e in _NEEDS_ENTRIES]),
    "partisan": _with_and_without_needs(stance.partisan_matcher()._entries),
    **{
        f"rhetoric {name}": _with_and_without_needs(m._entries)
        for name, m in rhetoric._matchers(()).items()
    },
}


def _entry_words(matchers: tuple[PhraseMatcher, PhraseMatcher]) -> list[str]:
    words = set()
    for entry in matchers[0]._entries:
        for token in entry.source.lstrip("=").split():
            words.update(alt.strip("*") for alt in token.split("|"))
    return sorted(w for w in words if w and w != "...")


_SEPARATORS = (" ", ", ", "-", "\n", "#", "@", "x", "\u0131", "\u017f", "\u212a")


@pytest.mark.parametrize("name", sorted(_NEEDS_MATCHERS))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_needed_words_skip_only_entries_that_cannot_match(name: str, data: st.DataObject) -> None:
    with_needs, without = _NEEDS_MATCHERS[name]
    words = _entry_words(_NEEDS_MATCHERS[name])
    pieces = st.tuples(
        st.sampled_from(
            [*words, " ", ", ", "-", "\n", "#", "@", "x", "\u0131", "\u017f", "\u212a"]
        ),
        st.integers(0, 3),
    )
    text = "".join(_cased(p, how) for p, how in data.draw(st.lists(pieces, max_size=16)))
    assert with_needs.find(text) == without.find(text)
    # an entry's own words in order, one of them left out or not
    entry = data.draw(st.sampled_from(with_needs._entries))
    tokens = [t for t in entry.source.lstrip("=").split() if t != "..."]
    chosen = [data.draw(st.sampled_from(t.split("|"))).strip("*") for t in tokens]
    drop = data.draw(st.integers(-1, len(chosen) - 1))
    sep = data.draw(st.sampled_from([" ", ", ", " de ", "-"]))
    text = sep.join(w for i, w in enumerate(chosen) if i != drop)
    assert with_needs.find(text) == without.find(text)


def test_needed_words_examples() -> None:
    bbb, kaas, knokken, minister, _, soep, raad = (parse_entry(e, "x") for e in _NEEDS_ENTRIES)
    assert bbb.needs == (("bbb",),)  # the anchor ('stem|...') and the first word are known
    assert kaas.needs == (("op", "voor"), ("de",))  # 'kaasunie' is the anchor; rarest first
    assert knokken.needs == (("voor", "tegen"),)
    assert minister.needs == (("zaken",),)  # the anchor is its first word
    assert soep.needs == (("de",),)  # 'kaas' is the anchor; 'µg|ſoep' is not located
    assert raad.needs == ()
    matcher = PhraseMatcher([bbb, kaas, soep])
    assert [m.start for m in matcher.find("Stem BBB en kies BBB.")] == [0, 12]
    # 'stem' and 'kies' occur, 'BBB' and 'op|voor' do not: neither pattern is run
    assert matcher.find("Stem VVD en kies de Kaasunie.") == []
    assert [m.source for m in matcher.find("Kies voor de Kaasunie!")] == [kaas.source]
    # ſ: the text is searched the plain way, whatever the lowered text holds
    assert [m.source for m in matcher.find("ſoep de kaas")] == [soep.source]


# -- rhetoric: one keyword pass for every section ------------------------------------------


_FINDING_ENTRIES = PhraseMatcher(
    e for name in rhetoric._FINDING_SECTIONS for e in rhetoric._matchers(())[name]._entries
)
_RHETORIC_WORDS = sorted(
    {w for name in rhetoric.SECTIONS for w in _entry_words(_NEEDS_MATCHERS[f"rhetoric {name}"])}
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([*_RHETORIC_WORDS, " ", ". ", "#", "\u0130"]), st.integers(0, 3)),
        max_size=14,
    )
)
def test_rhetoric_shared_scan_is_each_section_on_its_own(parts: list[tuple[str, int]]) -> None:
    text = "".join(_cased(p, how) for p, how in parts)
    scan = rhetoric._Scans(())(text)
    for name, matcher in rhetoric._matchers(()).items():
        assert scan.find(name) == matcher.find(text), name
    # the finding sections together: what one matcher of all their entries tells
    assert rhetoric._finds_any(scan) == bool(_FINDING_ENTRIES.find(text))


def test_rhetoric_shared_scan_examples() -> None:
    text = "Dat corrupte kabinet liegt. #StopDeInvasie"
    scans = rhetoric._Scans(())
    assert scans(text) is scans(text)  # one pass per text
    assert rhetoric._finds_any(scans(text)) == bool(_FINDING_ENTRIES.find(text))
    assert not rhetoric._finds_any(scans("Fijne dag allemaal, tot morgen."))
    assert rhetoric.detect_rhetoric(text) != []


# -- the keyword pass: a first word inside another word starts only entries with a left star --


_START_MATCHERS = {
    "plain": PhraseMatcher(
        parse_entry(e, "plain") for e in ("er is", "de kaas", "op|uit de markt", "is", "=Er")
    ),
    "starred": PhraseMatcher(
        parse_entry(e, "starred") for e in ("*er ... kaas", "*de", "*op|uit", "*is*")
    ),
    "both": PhraseMatcher(parse_entry(e, "both") for e in ("*er|er uit", "de|*de markt", "op")),
}
_START_INDEX = KeywordIndex(_START_MATCHERS, {})
_START_WORDS = sorted({w for m in _START_MATCHERS.values() for w in _entry_words((m, m))})


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    *_START_WORDS,
                    *("x" + w for w in _START_WORDS),
                    *(w + "en" for w in _START_WORDS),
                    " ",
                    ", ",
                    "-",
                    "\n",
                    "_",
                    "9",
                    "\u00e9",
                    "h",
                    "\u0130",
                    "\u0131",
                    "\u017f",
                    "\u212a",
                ]
            ),
            st.integers(0, 3),
        ),
        max_size=16,
    )
)
def test_first_words_inside_words_start_only_starred_entries(parts: list[tuple[str, int]]) -> None:
    text = "".join(_cased(p, how) for p, how in parts)
    scan = _START_INDEX.scan(text)
    for name, matcher in _START_MATCHERS.items():
        assert scan.find(name) == matcher.find(text) == plain_find(matcher, text), name


def test_first_words_inside_words_examples() -> None:
    text = "Hier is de kaas, der Markt uit de markt."
    scan = _START_INDEX.scan(text)
    for name, matcher in _START_MATCHERS.items():
        assert scan.find(name) == plain_find(matcher, text), name
    # 'er is' does not start inside 'Hier'; '*er ... kaas' does
    assert [(m.start, m.source) for m in scan.find("plain")] == [
        (5, "is"),
        (8, "de kaas"),
        (27, "op|uit de markt"),
    ]
    assert [(m.start, m.end) for m in scan.find("starred")][:2] == [(0, 15), (5, 7)]
    assert [(m.start, m.end) for m in scan.find("both")] == [(31, 39)]
