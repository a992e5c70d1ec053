"""Dutch and Belgian phone numbers in every common notation, checked with ``phonenumbers``.

Notations found: ``06-12345678``, ``0612345678``, ``06 - 123 456 78``, ``+31 6 1234 5678``,
``+31 (0)6 12345678``, ``0031 6 12345678``, ``(020) 123 45 67``, ``058-2123456``,
``0470 12 34 56``, ``0486/12.34.56``, ``02/123.45.67``, ``+32 470 12 34 56``.

Not personal, so not returned: the ``14 0xx`` government numbers, ``112``, free and paid
service numbers (``0800``, ``0900``, ``0906``, ``0909``; Belgian ``0800``, ``070``, ``078``,
``090x``), company numbers (Dutch ``088``, and ``085``/``091`` VoIP ranges), dates, times,
amounts and numbers with a context that says what else they are (``kenmerk``,
``factuurnummer``, ``bestelnummer`` ...).

How: one linear regex finds runs of digits and separators (tried only where a run of digits
starts with ``0`` or follows ``+``/``(``); each run is split into digit
groups; from each group that can start a number (``0``, ``+``, ``00``, ``(0``) the longest
sequence of groups that ``phonenumbers`` accepts as a valid Dutch or Belgian number wins.
A number that is only *possible* (right length, unassigned range) counts when it is written
the way phone numbers are (three or more groups, or ``0x/``) or a phone word precedes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from krantentoets.detect.personal_data import KeywordRegex, PIISpan, Runs, anchored, digit_runs

if TYPE_CHECKING:
    from krantentoets.detect.personal_data import Allowlist

# A run of digit groups joined by up to three separator characters. Every repetition starts
# with a separator, a class disjoint from the digits, so the regex stays linear.
_RUN = re.compile(r"(?<![\w,])(?:\+|\(\s?\+?)?\d[\d()]*(?:[ \u00a0\t\-./]{1,3}\(?\+?\d[\d()]*)*")
_GROUP = re.compile(r"[+(]*\d[\d()]*")
_DATE = re.compile(r"\d{1,2}[-./]\d{1,2}[-./](?:19|20)?\d{2}(?!\d)")

_PHONE_WORDS = KeywordRegex(
    re.compile(
        r"(?i)(?:\btel\b|\btelefoon|\bbel\b|\bbellen|\bbelt\b|\bgsm|\bmobiel|\bnummer|\bnr\b|"
        r"\bapp\b|\bappen|\bwhatsapp|\bsms|\bfax|\blijn\b|\bbereikbaar|☎|📞|📱)[^\n]{0,25}$"
    ),
    ("tel", "bel", "gsm", "mobiel", "nummer", "nr", "app", "sms", "fax", "lijn", "bereikbaar",
     "☎", "📞", "📱"),
)  # fmt: skip
_OTHER_NUMBER_TERMS = (
    "kenmerk", "zaaknummer", "dossiernummer", "dossiernr", "factuurnummer", "factuurnr",
    "klantnummer", "klantnr", "ordernummer", "ordernr", "bestelnummer", "bestelnr", "referentie",
    "artikelnummer", "projectnummer", "polisnummer", "pasnummer", "rijbewijs", "documentnummer",
    "isbn", "kvk", "btw", "registratienummer", "vergunningnummer", "vergunningsnummer", "code",
    "wedstrijdnummer", "lidnummer", "relatienummer", "contractnummer", "aanslagnummer",
    "volgnummer", "bsn", "burgerservicenummer", "rekeningnummer", "iban",
)  # fmt: skip
_OTHER_NUMBER_WORDS = KeywordRegex(
    re.compile(r"(?i)(?:" + "|".join(_OTHER_NUMBER_TERMS) + r")\W{0,3}(?:\w+\W{1,3}){0,2}$"),
    _OTHER_NUMBER_TERMS,
)

_MIN_DIGITS = 9
_MAX_DIGITS = 15
_MAX_GROUPS = 8


@lru_cache(maxsize=1)
def _pn():  # type: ignore[no-untyped-def]
    import phonenumbers

    return phonenumbers


@lru_cache(maxsize=1)
def _not_personal_types() -> frozenset[int]:
    pt = _pn().PhoneNumberType
    # VoIP (Dutch 085/091) and UAN (088) ranges are company numbers in practice.
    return frozenset({pt.TOLL_FREE, pt.PREMIUM_RATE, pt.SHARED_COST, pt.UAN, pt.VOICEMAIL, pt.VOIP})


def _parse(candidate: str, region: str):  # type: ignore[no-untyped-def]
    pn = _pn()
    try:
        return pn.parse(candidate, region)
    except pn.NumberParseException:
        return None


def _regions(candidate: str) -> tuple[str, ...]:
    return ("NL",) if candidate.lstrip("( ").startswith(("+", "00")) else ("NL", "BE")


@lru_cache(maxsize=4096)
def classify(candidate: str) -> tuple[str, str] | None:
    """``(status, detail)`` for a candidate string: status is ``valid``, ``possible``,
    ``service`` (a number, but not personal) or ``None`` when it is no NL/BE phone number."""
    pn = _pn()
    possible: tuple[str, str] | None = None
    for region in _regions(candidate):
        num = _parse(candidate, region)
        if num is None or num.country_code not in (31, 32):
            continue
        where = "NL" if num.country_code == 31 else "BE"
        # +31 and +32 each belong to one region, so a known type is the same test as
        # is_valid_number (which would compute the type a second time).
        kind = pn.number_type(num)
        if kind != pn.PhoneNumberType.UNKNOWN:
            if kind in _not_personal_types():
                return ("service", f"{where} service number")
            return ("valid", f"valid {where} number ({_type_name(kind)})")
        if possible is None and pn.is_possible_number(num):
            nsn = str(num.national_number)
            if _is_plausible_range(where, nsn):
                possible = ("possible", f"possible {where} number")
    return possible


def _is_plausible_range(where: str, nsn: str) -> bool:
    """Unassigned but plausible subscriber ranges (not service prefixes)."""
    if where == "NL":
        return len(nsn) == 9 and not nsn.startswith(("800", "90", "88", "84", "87", "14"))
    return len(nsn) in (8, 9) and not nsn.startswith(("800", "70", "77", "78", "90"))


def _type_name(kind: int) -> str:
    return {0: "fixed line", 1: "mobile", 2: "fixed line or mobile", 6: "VoIP"}.get(kind, str(kind))


def phone_keys(text: str) -> set[str]:
    """Normalised forms of a phone number, for allowlist comparison."""
    keys = {re.sub(r"\D", "", text)}
    pn = _pn()
    for region in ("NL", "BE"):
        num = _parse(text, region)
        if num is not None:
            keys.add(pn.format_number(num, pn.PhoneNumberFormat.E164))
    keys.discard("")
    return keys


def _digit_count(s: str) -> int:
    return sum(ch.isdigit() for ch in s)


def _can_start(group: str) -> bool:
    g = group.lstrip("(")
    return g.startswith(("+", "0"))


def _run_starts(text: str, runs: Runs) -> list[int]:
    """Where a phone number may begin: a ``0`` run, or ``+``/``(`` just before a run."""
    starts = []
    for s, _ in runs:
        k = s
        while k > 0 and text[k - 1] in "+( " and s - k < 3:
            k -= 1
        k += len(text[k:s]) - len(text[k:s].lstrip(" "))
        if k > 1 and text[k - 1] in ".-/" and text[k - 2].isdigit():
            continue  # inside another number: "85.07.30-033.62" holds no "07.30..."
        if text[k] in "+(" or text[s] == "0":
            starts.append(k)
    return starts


def _candidates(text: str, runs: Runs) -> Iterator[tuple[int, int, str, str]]:
    """``(start, end, status, detail)`` for each phone-like stretch of ``text``."""
    for run in anchored(_RUN, text, _run_starts(text, runs)):
        if _digit_count(run.group()) < _MIN_DIGITS:
            continue
        base = run.start()
        groups = [(base + g.start(), base + g.end()) for g in _GROUP.finditer(run.group())]
        i = 0
        while i < len(groups):
            start = groups[i][0]
            # A number starts a run or follows a space: "85.07.30" holds no "07.30...".
            mid_token = i > 0 and not any(c.isspace() for c in text[groups[i - 1][1] : start])
            if mid_token or not _can_start(text[start : groups[i][1]]):
                i += 1
                continue
            best: tuple[int, int, str, str] | None = None
            digits = 0
            for j in range(i, min(i + _MAX_GROUPS, len(groups))):
                digits += _digit_count(text[groups[j][0] : groups[j][1]])
                if digits > _MAX_DIGITS:
                    break
                if digits < _MIN_DIGITS:
                    continue
                cand = text[start : groups[j][1]]
                status = classify(cand)
                if status is None:
                    continue
                if best is None or status[0] == "valid" or best[2] != "valid":
                    best = (j, groups[j][1], status[0], status[1])
            if best is None:
                i += 1
                continue
            j, end, status, detail = best
            yield start, end, status, detail
            i = j + 1


def find_phones(text: str, allow: Allowlist, runs: Runs | None = None) -> list[PIISpan]:
    runs = digit_runs(text) if runs is None else runs
    if sum(e - s for s, e in runs) < _MIN_DIGITS:
        return []
    spans: list[PIISpan] = []
    for start, end, status, detail in _candidates(text, runs):
        number = text[start:end]
        if status == "service":
            continue
        before = text[max(0, start - 40) : start]
        if _OTHER_NUMBER_WORDS.search(before) and not _PHONE_WORDS.search(before[-12:]):
            continue
        if _DATE.fullmatch(number.strip("() ")):
            continue
        trace = [detail]
        if status == "possible":
            groups = len(_GROUP.findall(number))
            phone_word = _PHONE_WORDS.search(before)
            slash_style = re.match(r"\(?0\d{1,3}\)?/", number) is not None
            if not (phone_word or slash_style or groups >= 3):
                continue
            trace.append("phone word before it" if phone_word else "written as a phone number")
        if allow.phones and allow.allows_phone(phone_keys(number)):
            continue
        start, end = _without_outer_brackets(text, start, end)
        spans.append(PIISpan(start, end, text[start:end], "phone", tuple(trace)))
    return spans


def _without_outer_brackets(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop brackets that belong to the sentence, not to the number.

    "(06-12345678)" and "bel mij (06-12345678)" keep their brackets outside the
    span; "(020) 123 45 67" keeps the area-code brackets.
    """
    number = text[start:end]
    if number.startswith("(") and number.endswith(")") and number.count("(") == 1:
        return start + 1, end - 1
    while number.endswith(")") and number.count(")") > number.count("("):
        end -= 1
        number = number[:-1]
    while number.startswith("(") and number.count("(") > number.count(")"):
        start += 1
        number = number[1:]
    return start, end
