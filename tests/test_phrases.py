"""The phrase matcher gives what each entry's pattern finds over the whole text, and the
keyword index's one pass what each matcher and each stem test gives on its own.

:class:`PhraseMatcher` runs an entry's pattern only where the entry's first word occurs
(found in the same Aho-Corasick pass as the anchors). The plain way runs ``finditer`` over
the whole text for every entry whose anchor occurs. Both are compared here on the built-in
word lists, on texts made of their own words in every case, with separators, stars inside
words and the letters ``(?i)`` and ``str.lower`` disagree on.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krantentoets.detect import rhetoric
from krantentoets.detect.phrases import (
    KeywordIndex,
    PhraseMatch,
    PhraseMatcher,
    lower_same_length,
    parse_entry,
)
from krantentoets.policy import default_policy, parse_policy
from krantentoets.rules import certainty, confidential, personal_data, spokesperson, stance


def plain_find(matcher: PhraseMatcher, text: str) -> list[PhraseMatch]:
    low = lower_same_length(text)
    found = [
        PhraseMatch(m.start(), m.end(), entry.group, entry.source)
        for entry in matcher._entries
        if any(a in low for a in entry.anchors)
        for m in entry.pattern.finditer(text)
    ]
    found.sort(key=lambda x: (x.start, -x.end))
    return found


def _matchers() -> dict[str, PhraseMatcher]:
    out = {
        "topics": spokesperson.topic_matcher(),
        "exceptions": spokesperson.exception_matcher(),
        "local": spokesperson.local_matcher(),
        "remote": spokesperson.remote_matcher(),
        "partisan": stance.partisan_matcher(),
        "service": personal_data._service_matcher(),
        "custom": PhraseMatcher(
            parse_entry(line, "custom")
            for line in (
                "*verkiezing*",
                "=OM",
                "raad ... besluit*",
                "µg|ſoep",
                "*minister ... *zaken",
            )
        ),
    }
    out.update({f"rhetoric {k}": m for k, m in rhetoric._matchers(()).items()})
    return out


MATCHERS = _matchers()


def _words(matcher: PhraseMatcher) -> list[str]:
    words = set()
    for entry in matcher._entries:
        body = entry.source.lstrip("=")
        for token in body.split():
            for alt in token.split("|"):
                words.add(alt.strip("*"))
    return sorted(w for w in words if w and w != "...")


def _texts(words: list[str]) -> st.SearchStrategy[str]:
    cased = st.sampled_from(words).flatmap(
        lambda w: st.sampled_from([w, w.upper(), w.capitalize(), "x" + w, w + "en"])
    )
    bits = cased | st.sampled_from(
        [" ", " ", " ", ", ", ". ", "\n", "-", "'", "@", "#", "de ", "van ", "İ", "ı", "ſ", "é"]
    )
    return st.lists(bits, max_size=25).map("".join)


@pytest.mark.parametrize("name", sorted(MATCHERS))
@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_same_as_finditer_over_the_whole_text(name: str, data: st.DataObject) -> None:
    matcher = MATCHERS[name]
    text = data.draw(_texts(_words(matcher)))
    assert matcher.find(text) == plain_find(matcher, text)


@pytest.mark.parametrize(
    ("entry", "text", "spans"),
    [
        ("*verkiezingen", "De gemeenteraadsverkiezingen en verkiezingen.", [(3, 28), (32, 44)]),
        ("=OM", "Het OM en het om.", [(4, 6)]),
        ("raad ... besluit*", "De raad heeft gisteren besluiten genomen.", [(3, 32)]),
        ("*minister", "oud-minister en staatsminister", [(4, 12), (16, 30)]),
    ],
)
def test_examples(entry: str, text: str, spans: list[tuple[int, int]]) -> None:
    found = PhraseMatcher([parse_entry(entry, "x")]).find(text)
    assert [(m.start, m.end) for m in found] == spans


def test_odd_case_letters_are_searched_in_full() -> None:
    # (?i) takes 'ſ' for 's': the first word is not found in the lowered text, the pattern is
    matcher = PhraseMatcher([parse_entry("stem ... volkspartij", "x")])
    text = "ſtem Volkspartij"
    assert matcher.find(text) == plain_find(matcher, text)
    assert [(m.start, m.end) for m in matcher.find(text)] == [(0, 16)]


STEMS = {
    "confidential": confidential._STEMS,
    "hearsay": certainty._HEARSAY_STEMS,
    "zou": ("zou",),
    "odd": ("i̇s", "straße"),
}
INDEX = KeywordIndex(MATCHERS, STEMS)
ALL_WORDS = sorted({w for m in MATCHERS.values() for w in _words(m)} | set(confidential._STEMS))


@settings(max_examples=200, deadline=None)
@given(_texts(ALL_WORDS))
def test_one_scan_finds_what_each_matcher_and_stem_test_finds(text: str) -> None:
    scan = INDEX.scan(text)
    for name, matcher in MATCHERS.items():
        assert scan.find(name) == matcher.find(text), name
    low = text.lower()
    assert scan.stems == {name for name, stems in STEMS.items() if any(s in low for s in stems)}


def test_a_policy_extends_the_lists_of_its_keyword_index() -> None:
    policy = parse_policy(
        {"spokesperson": {"topics": ["Zuidlanden-deal"]}, "stance": {"partisan": ["stem ... ons"]}},
        "test.toml",
    )
    text = "Over de Zuidlanden-deal: stem vooral op ons!"
    scan = policy.keyword_index.scan(text)
    assert [(m.start, m.end) for m in scan.find(spokesperson.POLICY_TOPICS)] == [(8, 23)]
    assert [m.group for m in scan.find(stance.POLICY_PARTISAN)] == ["policy"]
    assert default_policy().keyword_index.scan(text).find(spokesperson.POLICY_TOPICS) == []
    assert policy.keyword_index is policy.keyword_index  # built once per policy
