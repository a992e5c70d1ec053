""":func:`.dutch_words.is_dutch_word`, answered faster for the words most look-ups are.

The offensive analysis and the rhetoric's hashtag splitting ask whether thousands of
strings are Dutch words (every piece of a run-together hashtag, every word that may be a
misspelling). wordfreq normalises and tokenises each string before it looks it up, which
costs about ten times the look-up. A string of plain lower-case letters (``a``-``z``) is
its own single token in Dutch, so its frequency is read from wordfreq's list at once, with
wordfreq's own arithmetic for one token (``wordfreq==3.1.1``); any other string goes
through wordfreq as before. ``tests/test_shortcuts.py`` compares both ways on a tenth of
the Dutch list and on made-up strings.

The name tagger keeps :mod:`.dutch_words` itself (its model records that file's hash).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

from krantentoets.detect.dutch_words import DUTCH_WORD_ZIPF, MIN_LENGTH


@lru_cache(maxsize=1)
def dutch_zipf() -> Callable[[str], float]:
    """``wordfreq.zipf_frequency(word, "nl")`` (the list is loaded on first use)."""
    from wordfreq import freq_to_zipf, get_frequency_dict, zipf_frequency, zipf_to_freq

    freqs = get_frequency_dict("nl", "best")
    minimum = zipf_to_freq(0.0)
    unknown = round(freq_to_zipf(minimum), 2)

    def zipf(word: str) -> float:
        if not (word.isascii() and word.isalpha() and word.islower()):
            return float(zipf_frequency(word, "nl"))
        freq = freqs.get(word)
        if freq is None:
            return unknown
        # wordfreq for one token: 1 / f = 1 / f1, at least the minimum, rounded to three
        # significant digits, then on the Zipf scale rounded to two decimals
        unrounded = max(1.0 / (0.0 + 1.0 / freq), minimum)
        rounded = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
        return round(freq_to_zipf(rounded), 2)

    return zipf


@lru_cache(maxsize=65536)
def is_dutch_word(word: str) -> bool:
    """The answer of :func:`.dutch_words.is_dutch_word` for ``word``."""
    if len(word) < MIN_LENGTH or not word.isalpha():
        return False
    return dutch_zipf()(word) >= DUTCH_WORD_ZIPF
