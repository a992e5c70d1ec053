"""The personal-data detector's shortcuts give the same answers as the plain way.

The detector skips work with cheap tests (a character-class-first regex for name starts, an
Aho-Corasick pass for titles, a word-level pre-screen of name starts, digit gates, a sorted
overlap check). Each test here compares a shortcut with the straightforward version it
replaces, on fixed examples and on generated text, so a later change to one side that the
other does not follow shows up here.
"""

from __future__ import annotations

import json
import re
import re._constants as C  # the regex parser's names, to walk a pattern
import re._parser as re_parser
from pathlib import Path

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krantentoets.detect import addresses, identifiers, names, phone
from krantentoets.detect.personal_data import (
    EMPTY_ALLOWLIST,
    KINDS,
    KeywordRegex,
    PIISpan,
    _resolve_overlaps,
)

LABELLED = Path(__file__).resolve().parents[1] / "bench" / "data" / "pii_labelled.jsonl"

SENTENCES = [
    "Beste meneer Hoekstra, dank voor uw bericht.",
    "Ik heb even met mevrouw Bakker gesproken; zij komt volgende week.",
    "Volgens dr. A. Groen van de Rijksuniversiteit Groningen is het water gedaald.",
    "Geachte heer Van der Laan, dank voor uw brief van 3 maart.",
    "Wie heeft de ring gevonden die mevr. Post gisteren verloor? Post je reactie hier.",
    "Het ingezonden stuk van dhr. P. Hoogstra gaat over de bomenkap.",
    "Anouk de Graaf en Mohamed El Idrissi openden de moestuin, samen met Jan-Willem Smit.",
    "Hoi Jan, goede vraag. Over de parkeervergunning lees je alles op onze website.",
    "Xiomara Jansen en J.P. van Wijk waren er ook. Jansen zei dat het goed ging.",
    "Wethouder Hein de Haan opende de brug. Bart De Wever, burgemeester van Antwerpen, ook.",
    "Het Anne Frank Huis en het Piter Jelles. Johan de Wittlaan 5 is afgesloten.",
    "Roos Bakker 12 en Mark je agenda: (mevrouw de Vries) x/dhr. Jansen",
    "Vanaf maandag is de Kerkstraat afgesloten. Fietsers rijden om via de Schrans.",
    "Gisteren was Chr. de Boer op het stadhuis; dhr. mevrouw Pietersen? fam. El Amrani",
    "MEVROUW BAKKER belde. De familie Van der Wal uit Stiens wint. Groet, Anouk",
    "Trots op ons team! Vandaag ronden Martijn Bloemhof, Esra Kaya en Jorien ter Horst af.",
]


def _labelled_texts() -> list[str]:
    if not LABELLED.exists():
        return []
    lines = LABELLED.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def _fragments(words: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(words), max_size=30).map("".join)


# -- where a name may start ---------------------------------------------------------------------

_TITLES_PLAIN = re.compile(r"\b(?:" + "|".join(names._TITLE_WORDS) + r")\.?[ \u00a0]\S")
_U = names._UPPER
_INTERFIXES_PLAIN = "(?:van|de|der|den|ten|ter|te|het|'t|op|in|uit|aan|la|le|du|da|del|el|al)"
_NAME_START_PLAIN = re.compile(
    r"(?<![\w'’\-])[" + _U + r"](?:[\w'’\-]{0,3}\.|[\w'’\-]*)"
    r"(?=(?:[ \u00a0]" + _INTERFIXES_PLAIN + r")*[ \u00a0][" + _U + r"])"
)
_TEXT_BITS = [
    *names._TITLE_WORDS,
    "Mevrouw", "Dhr", "Jan", "J", "Chr", "Vries", "Bakker", "Schieringen", "van", "de", "der",
    "'t", "x", "ing", "_", "5", ".", ".", " ", " ", " ", "\u00a0", "\n", "(", "-", "'", "’", "/",
    ",", "\u200b", "É", "é",
]  # fmt: skip


def _title_starts(text: str) -> list[int]:
    return [m.start() for m in names._MAYBE_TITLE.finditer(" " + text.lower())]


@pytest.mark.parametrize("text", SENTENCES)
def test_title_scan_finds_what_a_plain_search_finds(text: str) -> None:
    low = text.lower()
    plain = [m.start() for m in _TITLES_PLAIN.finditer(low)]
    assert _title_starts(text) == plain
    assert names._maybe_titles(low) == bool(plain)


@settings(max_examples=400, deadline=None)
@given(_fragments(_TEXT_BITS))
def test_title_scan_agrees_on_generated_text(text: str) -> None:
    low = text.lower()
    plain = [m.start() for m in _TITLES_PLAIN.finditer(low)]
    assert _title_starts(text) == plain
    if plain:
        assert names._maybe_titles(low)


@pytest.mark.parametrize("text", SENTENCES)
def test_name_start_scan_finds_what_a_plain_search_finds(text: str) -> None:
    plain = [m.start() for m in _NAME_START_PLAIN.finditer(text)]
    assert [m.start() for m in names._MAYBE_NAME.finditer(text)] == plain


@settings(max_examples=400, deadline=None)
@given(_fragments(_TEXT_BITS))
def test_name_start_scan_agrees_on_generated_text(text: str) -> None:
    plain = [m.start() for m in _NAME_START_PLAIN.finditer(text)]
    assert [m.start() for m in names._MAYBE_NAME.finditer(text)] == plain


# Any capitalised word before another (also "Word. Word"), with tussenvoegsels in any case.
_BROAD_NAME_START = re.compile(
    r"(?<![\w'’\-])[" + _U + r"][\w'’\-]*\.?"
    r"(?=(?:[ \u00a0](?i:" + _INTERFIXES_PLAIN + r"))*[ \u00a0][" + _U + r"])"
)


def _names_with_and_without_prescreen(text: str) -> tuple[list, list]:
    """Names found from every broad candidate start, and as find_names() screens them."""
    broad = {m.start() for m in _BROAD_NAME_START.finditer(text)}
    broad.update(m.start() for m in _TITLES_PLAIN.finditer(text.lower()))
    everywhere = names._Finder(text, sorted(broad)).find() if broad else []
    starts = names._candidate_starts(text)
    kept = [c for c in starts if names._may_start(text, c, names.lists())]
    screened = names._Finder(text, kept).find() if kept else []
    return everywhere, screened


def test_prescreen_keeps_every_start_a_name_can_begin_at() -> None:
    texts = SENTENCES + _labelled_texts()
    for text in texts:
        everywhere, screened = _names_with_and_without_prescreen(text)
        assert screened == everywhere, text


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_prescreen_agrees_on_generated_names(data: st.DataObject) -> None:
    lists = names.lists()
    pool = [
        *sorted(names.TITLES),
        *sorted(lists.first)[::500],
        *sorted(lists.surnames)[::400],
        *sorted(lists.word_names)[::20],
        *sorted(lists.common)[::40],
        *sorted(lists.places)[::300],
        *sorted(lists.interfixes),
        "Jan", "Roos", "Mark", "Hoi", "Jansen", "de", "van der", "J.", "P.J.", "Th.", "het",
        "wethouder", "Huis", "School", "12", "Leeuwarden", "Mevrouw", "Dhr.",
    ]  # fmt: skip
    words = data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=12))
    seps = data.draw(
        st.lists(st.sampled_from([" ", " ", " ", ", ", ". ", "\n", " (", "-"]), min_size=12)
    )
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    everywhere, screened = _names_with_and_without_prescreen(text)
    assert screened == everywhere


def test_initials_are_counted_from_any_token() -> None:
    finder = names._Finder("Zie J. P. K. Jansen en A.B. de Vries.", [4, 23])
    words = [t.word for t in finder.toks]
    counts = [finder.initials_at(i) for i in range(len(words))]
    fresh = [names._Finder(finder.text, [4, 23]).initials_at(i) for i in range(len(words))]
    assert counts == fresh
    assert counts[words.index("J")] == 3
    assert counts[words.index("P")] == 2
    assert counts[words.index("A")] == 2


# -- numbers ------------------------------------------------------------------------------------

_BIRTH_PLAIN = re.compile(r"(?i)geb|°|jarig|verjaardag|born|dob|birth")


@settings(max_examples=300, deadline=None)
@given(
    _fragments(["geb", "GEB", "Jarig", "verjaardag", "BORN", "dob", "Birth", "°", "x", " ", "1"])
)
def test_birth_hint_is_the_plain_search(text: str) -> None:
    assert identifiers._birth_hint(text) == bool(_BIRTH_PLAIN.search(text))


@pytest.mark.parametrize(
    "number",
    ["06-12345678", "0612345678", "058-2123456", "+31 6 1234 5678", "0470 12 34 56",
     "02/123.45.67", "0800-1351", "0900-8844", "088-4255500", "085-1234567", "06-00000000",
     "020-0000000", "0470 00 00 00", "+32 470 12 34 56", "091-1234567", "0031 6 12345678"],
)  # fmt: skip
def test_a_known_type_is_a_valid_number_for_31_and_32(number: str) -> None:
    # classify() asks number_type() only; is_valid_number() is the same test when a calling
    # code belongs to one region, as +31 and +32 do.
    assert phonenumbers.region_codes_for_country_code(31) == ("NL",)
    assert phonenumbers.region_codes_for_country_code(32) == ("BE",)
    for region in ("NL", "BE"):
        num = phonenumbers.parse(number, region)
        known = phonenumbers.number_type(num) != phonenumbers.PhoneNumberType.UNKNOWN
        assert known == phonenumbers.is_valid_number(num)
    assert phone.classify(number) == _classify_plain(number)


def _classify_plain(candidate: str) -> tuple[str, str] | None:
    """classify() as it was, with is_valid_number()."""
    possible = None
    for region in phone._regions(candidate):
        num = phone._parse(candidate, region)
        if num is None or num.country_code not in (31, 32):
            continue
        where = "NL" if num.country_code == 31 else "BE"
        if phonenumbers.is_valid_number(num):
            kind = phonenumbers.number_type(num)
            if kind in phone._not_personal_types():
                return ("service", f"{where} service number")
            return ("valid", f"valid {where} number ({phone._type_name(kind)})")
        if (
            possible is None
            and phonenumbers.is_possible_number(num)
            and phone._is_plausible_range(where, str(num.national_number))
        ):
            possible = ("possible", f"possible {where} number")
    return possible


# -- overlaps -----------------------------------------------------------------------------------


def _resolve_overlaps_plain(spans: list[PIISpan]) -> list[PIISpan]:
    ranked = sorted(spans, key=lambda s: (KINDS.index(s.kind), -(s.end - s.start), s.start))
    kept: list[PIISpan] = []
    for span in ranked:
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.end))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12), st.sampled_from(KINDS)), max_size=25)
)
def test_overlap_resolution_is_the_plain_one(raw: list[tuple[int, int, str]]) -> None:
    text = "x" * 80
    spans = [PIISpan(s, s + n, text[s : s + n], kind) for s, n, kind in raw]
    assert _resolve_overlaps(spans) == _resolve_overlaps_plain(spans)


# -- context words ------------------------------------------------------------------------------


def _keyword_regexes() -> list[tuple[str, KeywordRegex]]:
    return [
        (f"{module.__name__.rsplit('.', 1)[-1]}.{name}", value)
        for module in (phone, identifiers, addresses)
        for name, value in vars(module).items()
        if isinstance(value, KeywordRegex)
    ]


def _sample(items: list) -> str:
    """The shortest obvious text for a parsed regex (literals, minimal repeats)."""
    out = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(chr(av))
        elif op is C.IN:
            iop, iav = av[0]
            if iop is C.LITERAL:
                out.append(chr(iav))
            elif iop is C.RANGE:
                out.append(chr(iav[0]))
            else:  # a category or a negated set
                digit = iop is C.CATEGORY and iav == C.CATEGORY_DIGIT
                space = iop is C.CATEGORY and iav == C.CATEGORY_SPACE
                out.append("1" if digit else " " if space else "a")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            out.append(_sample(list(av[2])) * av[0])
        elif op is C.SUBPATTERN:
            out.append(_sample(list(av[3])))
        elif op is C.BRANCH:
            out.append(_sample(list(av[1][0])))
        elif op in (C.ANY, C.NOT_LITERAL):
            out.append("a")
        # AT, ASSERT, ASSERT_NOT: zero width
    return "".join(out)


def _one_text_per_alternative(regex: re.Pattern[str]) -> list[str]:
    """For the first alternation in ``regex``: one matching text per alternative."""

    def walk(items: list, before: str) -> list[str] | None:
        for i, (op, av) in enumerate(items):
            after = _sample(items[i + 1 :])
            if op is C.BRANCH:
                return [before + _sample(list(b)) + after for b in av[1]]
            if op is C.SUBPATTERN:
                inner = walk(list(av[3]), before)
                if inner is not None:
                    return [text + after for text in inner]
            before += _sample([(op, av)])
        return None

    return walk(list(re_parser.parse(regex.pattern, regex.flags)), " ") or []


@pytest.mark.parametrize(("name", "gate"), _keyword_regexes())
def test_every_alternative_of_a_context_regex_passes_its_keyword_gate(
    name: str, gate: KeywordRegex
) -> None:
    texts = _one_text_per_alternative(gate.regex)
    assert len(texts) >= 5
    for text in texts:
        for variant in (text, text.upper(), text.title()):
            assert gate.regex.search(variant), (name, variant)
            assert gate.search(variant), (name, variant)


@pytest.mark.parametrize(("name", "gate"), _keyword_regexes())
def test_a_keyword_gate_agrees_with_its_regex(name: str, gate: KeywordRegex) -> None:
    @settings(max_examples=150, deadline=None)
    @given(st.from_regex(gate.regex), st.sampled_from(["", "s", "i", "S", "I"]))
    def agree(text: str, odd: str) -> None:
        # (?i) also matches ſ to s and ı, İ to i, which str.lower() does not do
        text = text.replace(odd, {"s": "ſ", "S": "ſ", "i": "ı", "I": "İ"}[odd]) if odd else text
        assert bool(gate.search(text)) == bool(gate.regex.search(text)), (name, text)

    agree()


def _words_before_plain(text: str, pos: int, limit: int = 4) -> list[tuple[int, str]]:
    """_words_before() as it was: tokenise the window, then walk back."""
    lo = max(0, pos - 80)
    tokens = [(m.start(), m.group()) for m in re.compile(r"\S+").finditer(text, lo, pos)]
    words: list[tuple[int, str]] = []
    expected_end = pos - 1
    for start, word in reversed(tokens):
        if start + len(word) != expected_end or text[expected_end] not in " \u00a0":
            break
        words.append((start, word))
        expected_end = start - 1
        if len(words) == limit or expected_end < 0:
            break
    return words


@settings(max_examples=300, deadline=None)
@given(
    _fragments(["Kerk", "straat", "Jan", "de", "van", " ", " ", "  ", "\u00a0", "\t", "12", ","]),
    st.integers(0, 120),
)
def test_words_before_is_the_plain_scan(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    assert addresses._words_before(text, pos) == _words_before_plain(text, pos)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(identifiers._PLATE))
def test_every_licence_plate_passes_the_dash_test(text: str) -> None:
    assert identifiers._plate_dashes(text)


# -- the e-mail gate ----------------------------------------------------------------------------

EMAIL_PIECES = ["@", "@USER", ".", "-", "_", "+", "a", "jan", "gmail", "nl", " ", "\n", "é", "1"]


@settings(max_examples=300, deadline=None)
@given(_fragments(EMAIL_PIECES))
def test_email_gate_passes_every_text_the_full_pattern_matches(text: str) -> None:
    if identifiers._EMAIL.search(text):
        assert identifiers._EMAIL_DOMAIN.search(text)


def test_email_gate_skips_mentions_and_keeps_addresses() -> None:
    allow = EMPTY_ALLOWLIST
    assert identifiers.find_emails("Dank @USER en @gemeente_sneek. Tot morgen!", allow) == []
    found = identifiers.find_emails("Mail @USER: j.devries@gmail.com.", allow)
    assert [s.text for s in found] == ["j.devries@gmail.com"]
