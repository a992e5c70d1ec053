"""Speed shortcuts give what the full way gives (issue 18).

Each shortcut skips work that cannot change the answer: a cheap test that a pattern cannot
match, a table worked out once. Each is compared here with the full way on texts made of
the words that matter to it, in every case, with the letters ``(?i)`` and ``str.lower``
disagree on (İ ı ſ).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krantentoets.detect import rhetoric

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
