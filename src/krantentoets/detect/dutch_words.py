"""Is this a Dutch word? For spelling correction: only a word that is NOT Dutch may be a typo.

The offensive-language check reads ``h44t``, ``moslma's`` and ``klootzakk`` as the
listed words they misspell. A real word one letter away from a listed one must never
be "corrected" into it: ``heikel`` (delicate) is not ``eikel`` (issue 10). The test is
the word's frequency in wordfreq's Dutch list (``wordfreq``, Apache-2.0 code; its
word-frequency data are CC BY-SA 4.0, built from Wikipedia, subtitles, news, web
text and social media; used as a library, nothing derived is shipped). The list is
loaded on first use (about half a second) and each word's answer is cached.
"""

from __future__ import annotations

from functools import lru_cache

#: Zipf frequency (log10 of occurrences per billion words) from which a word counts as
#: Dutch: 2.0 is about one in ten million words; rare real words such as ``heikel``
#: (2.4) pass, the noise of the list's long tail (misspellings, names) does not.
DUTCH_WORD_ZIPF = 2.0
#: Shorter words are not looked up: the Dutch list's three-letter words include English
#: ones (``hat``, 3.4), and a three-letter misspelling ("hat" for "haat") is still caught.
MIN_LENGTH = 4


@lru_cache(maxsize=1)
def _zipf():  # type: ignore[no-untyped-def]
    from wordfreq import zipf_frequency

    return zipf_frequency


@lru_cache(maxsize=65536)
def is_dutch_word(word: str) -> bool:
    """``True`` when ``word`` (lower case) is a word of Dutch in its own right."""
    if len(word) < MIN_LENGTH or not word.isalpha():
        return False
    return bool(_zipf()(word, "nl") >= DUTCH_WORD_ZIPF)
