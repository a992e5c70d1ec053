"""Speed shortcuts in the rules and the checker give what the full way gives (issue 18).

Each is compared with the full way on texts made of the words that matter to it, in every
case, with the letters ``(?i)`` and ``str.lower`` disagree on (İ ı ſ) and the Kelvin sign.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from krantentoets.check import check
from krantentoets.detect.context import quoted_spans
from krantentoets.policy import default_policy
from krantentoets.post import AccountKind, Post
from krantentoets.rules import copyright as cr

_ODD = ("\u0130", "\u0131", "\u017f", "\u212a")  # İ ı ſ and the Kelvin sign


def _cased(piece: str, how: int) -> str:
    return (piece, piece.upper(), piece.title(), piece.swapcase())[how]


def _texts(pieces: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.lists(
        st.tuples(st.sampled_from(pieces), st.integers(0, 3)), min_size=1, max_size=14
    ).map(lambda parts: "".join(_cased(p, how) for p, how in parts))


# -- CR01: a quotation needs an opening mark; a source needs one of its words ---------------

_QUOTE_PIECES = (
    '"',
    "“",
    "”",
    "„",
    "«",
    "»",
    "'",
    " ",
    "woord ",
    "x",
    "\n",
)


@settings(max_examples=300, deadline=None)
@given(_texts(_QUOTE_PIECES))
def test_a_text_without_an_opening_mark_quotes_nothing(text: str) -> None:
    if quoted_spans(text):
        assert any(mark in text for mark in cr._QUOTE_OPENERS)


_SOURCE_PIECES = (
    *cr._QUOTE_SOURCE_STEMS,
    "schrijft",
    "schrijver",
    "zeggen",
    "vertelt",
    "vertelde",
    "citeert",
    "https://",
    "http:/",
    "www",
    "uit het boek",
    "uit de roman",
    "uit het gedicht",
    "uit",
    "door",
    "van",
    "(",
    ")",
    "c",
    " ",
    "-",
    ".",
    ":",
    "a",
    *_ODD,
    "é",
)


@settings(max_examples=600, deadline=None)
@given(_texts(_SOURCE_PIECES))
def test_names_a_source_is_the_expression(text: str) -> None:
    assert cr.names_a_source(text) == (cr._QUOTE_SOURCE.search(text) is not None)


def test_names_a_source_examples() -> None:
    for text in (
        "Volgens de dichter",
        "ALDUS DE BURGEMEESTER",
        "zo ſchrijft de krant",  # long s: (?i) reads it as s, str.lower() does not
        "zoals \u0130k al zei",
        "lees het op https://example.org",
        "Zij — de wethouder",
        "uit  het   boek",
        "HTTPS://example.org",
        "httpſ://example.org",  # (?i) reads the long s as s
        "zie (C) 2024",
    ):
        assert cr.names_a_source(text) == (cr._QUOTE_SOURCE.search(text) is not None), text
    assert cr.names_a_source("uit het gedicht")
    assert not cr.names_a_source("Een gewone zin over het weer")


def _long_quote(words: int) -> str:
    return '"' + " ".join(f"woord{i}" for i in range(words)) + '"'


def test_long_quote_rule_with_and_without_marks() -> None:
    policy = default_policy()

    def cr01(text: str) -> int:
        post = Post(text, account=AccountKind.PERSONAL)
        return sum(f.rule == "CR01" for f in check(post, policy).findings)

    assert cr01("mooi gezegd " + _long_quote(30)) == 1
    assert cr01("mooi, aldus de schrijver " + _long_quote(30)) == 0
    assert cr01("mooi gezegd " + _long_quote(30).replace('"', "“", 1).replace('"', "”")) == 1
    assert cr01("mooi gezegd " + _long_quote(30).replace('"', "")) == 0  # no marks, no quotation
    assert cr01("mooi gezegd " + _long_quote(10)) == 0


# -- CR02: the stems of pasted text come from the one keyword pass ----------------------------

_PASTED_PIECES = (*cr._PASTED_STEMS, "kran", "cop", "(", "c)", " ", "x", *_ODD, "é")


@settings(max_examples=400, deadline=None)
@given(_texts(_PASTED_PIECES))
def test_pasted_stems_from_the_keyword_pass_are_the_substring_test(text: str) -> None:
    scan = default_policy().keyword_index.scan(text)
    assert (cr.PASTED_STEMS in scan.stems) == any(s in text.lower() for s in cr._PASTED_STEMS)
