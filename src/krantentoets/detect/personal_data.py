"""Personal data in Dutch and Flemish text: one pure detector shared by the rules and redaction.

``find_personal_data(text, allowlist)`` returns :class:`PIISpan` objects, one per piece of
personal data, in text order and without overlaps. Each span carries a short English trace of
why it was found (pattern, checksum, context word, name list), in the spirit of Presidio's
decision process.

What is *not* returned, by design:

- the organisation's own public contact details (the policy's ``allowlist``);
- role e-mail addresses (``info@``, ``gemeente@``, ``noreply@`` ...);
- government and service numbers (``14 058``, ``0800``/``0900``/``070``-style numbers, ``112``);
- numbers whose checksum fails (a random 9-digit number is not a BSN) and numbers with a
  context that says what else they are (``kenmerk``, ``factuurnummer`` ...);
- dates, times and amounts;
- names of office holders introduced by their role (``wethouder Jansen``), names inside
  street and organisation names (``Jan Ligthartschool``, ``Albert Heijn``) and first names on
  their own (``Groet, Anouk``).

The detectors per kind live beside this module: :mod:`.phone`, :mod:`.identifiers`,
:mod:`.addresses` and :mod:`.names`. Word lists load lazily, once, on first use.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

#: The kinds of personal data, in the order they win when two candidates overlap.
KINDS: tuple[str, ...] = (
    "iban",
    "national-number",
    "bsn",
    "email",
    "phone",
    "birth-date",
    "licence-plate",
    "address",
    "postcode",
    "person-name",
)
_PRIORITY = {kind: i for i, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class PIISpan:
    """One piece of personal data: ``text == source[start:end]``; ``kind`` is one of KINDS."""

    start: int
    end: int
    text: str
    kind: str
    trace: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in _PRIORITY:
            raise ValueError(f"unknown personal-data kind {self.kind!r}")
        if not (0 <= self.start < self.end) or len(self.text) != self.end - self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end}) for {self.text!r}")


class AllowlistLike(Protocol):
    """Anything with the three lists of the policy's ``[allowlist]`` section."""

    phones: Iterable[str]
    emails: Iterable[str]
    addresses: Iterable[str]


@dataclass(frozen=True, slots=True)
class Allowlist:
    """The organisation's public contact details, normalised for comparison."""

    phones: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    email_domains: frozenset[str] = frozenset()
    addresses: frozenset[str] = frozenset()

    def allows_phone(self, keys: Iterable[str]) -> bool:
        return any(k in self.phones for k in keys)

    def allows_email(self, address: str) -> bool:
        a = address.lower()
        return a in self.emails or a.rpartition("@")[2] in self.email_domains

    def allows_address(self, key: str) -> bool:
        return key in self.addresses


EMPTY_ALLOWLIST = Allowlist()

_NON_ALNUM = re.compile(r"[\W_]+")
_DIGIT_RUN = re.compile(r"\d+")

#: ``(start, end)`` of each run of digits; the numeric detectors only try their patterns at
#: these anchors instead of at every character (a 280-character post has a handful).
Runs = list[tuple[int, int]]


def digit_runs(text: str) -> Runs:
    return [m.span() for m in _DIGIT_RUN.finditer(text)]


def anchored(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """Matches of ``pattern`` that begin at one of ``starts`` (in order, not overlapping)."""
    out: list[re.Match[str]] = []
    last_end = -1
    for s in sorted(set(starts)):
        if s < last_end or s < 0:
            continue
        m = pattern.match(text, s)
        if m:
            out.append(m)
            last_end = m.end()
    return out


#: Letters that ``(?i)`` matches to ``i`` or ``s`` although ``str.lower()`` keeps them apart.
_ODD_CASE = ("\u0130", "\u0131", "\u017f")  # İ ı ſ


class KeywordRegex:
    """A case-insensitive context regex (``(?i)(?:kenmerk|...)...$``) that can only match
    where one of its ``keywords`` occurs, lower-cased, in the text.

    A regex like that cannot skip ahead and tries all its words at every position; one
    Aho-Corasick pass for the keywords is several times cheaper, and on most context
    windows finds none, so the regex is not run. Every match of the regex must contain one
    of the keywords (a test checks this on generated text).
    """

    __slots__ = ("_automaton", "keywords", "regex")

    def __init__(self, regex: re.Pattern[str], keywords: Iterable[str]) -> None:
        self.regex = regex
        self.keywords = tuple(sorted({k.lower() for k in keywords}))
        self._automaton = None

    def may_match(self, text: str) -> bool:
        if not text.isascii() and any(c in text for c in _ODD_CASE):
            return True
        automaton = self._automaton
        if automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for k in self.keywords:
                automaton.add_word(k, k)
            automaton.make_automaton()
            self._automaton = automaton
        return next(automaton.iter(text.lower()), None) is not None

    def search(self, text: str) -> re.Match[str] | None:
        return self.regex.search(text) if self.may_match(text) else None


def address_key(street_and_number: str) -> str:
    """Street and house number reduced to lower-case letters and digits (for comparison)."""
    return _NON_ALNUM.sub("", street_and_number.casefold())


@lru_cache(maxsize=32)
def _compile_allowlist(
    phones: tuple[str, ...], emails: tuple[str, ...], addresses: tuple[str, ...]
) -> Allowlist:
    from krantentoets.detect.addresses import leading_street_and_number
    from krantentoets.detect.phone import phone_keys

    phone_set: set[str] = set()
    for p in phones:
        phone_set.update(phone_keys(p))
    plain = {e.strip().lower() for e in emails if e.strip()}
    domains = {e[1:] for e in plain if e.startswith("@")}
    domains |= {e[2:] for e in plain if e.startswith("*@")}
    addr: set[str] = set()
    for a in addresses:
        head = leading_street_and_number(a)
        addr.add(address_key(head if head else a))
    return Allowlist(
        phones=frozenset(phone_set),
        emails=frozenset(e for e in plain if not e.startswith(("@", "*@"))),
        email_domains=frozenset(domains),
        addresses=frozenset(addr),
    )


def compile_allowlist(allowlist: AllowlistLike | Allowlist | None) -> Allowlist:
    """Normalise the policy's allowlist (or ``None``) once; results are cached."""
    if allowlist is None:
        return EMPTY_ALLOWLIST
    if isinstance(allowlist, Allowlist):
        return allowlist
    return _compile_allowlist(
        tuple(allowlist.phones), tuple(allowlist.emails), tuple(allowlist.addresses)
    )


class Disjoint:
    """Non-overlapping ``[start, end)`` intervals in order: an overlap test in O(log n), so
    texts with thousands of spans stay fast."""

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []  # in order too: the intervals do not overlap

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        # Only the interval starting at or before ``start`` and the next one can overlap.
        return (i > 0 and self.ends[i - 1] > start) or (
            i < len(self.starts) and self.starts[i] < end
        )

    def add(self, start: int, end: int) -> int:
        """Add an interval that overlaps none; returns its index in text order."""
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        return i


def _resolve_overlaps(spans: list[PIISpan]) -> list[PIISpan]:
    """Keep the strongest of overlapping spans: kind priority first, then the longer one."""
    ranked = sorted(spans, key=lambda s: (_PRIORITY[s.kind], -(s.end - s.start), s.start))
    taken = Disjoint()
    kept: list[PIISpan] = []  # in text order
    for span in ranked:
        if not taken.overlaps(span.start, span.end):
            kept.insert(taken.add(span.start, span.end), span)
    return kept


@lru_cache(maxsize=1)
def _detectors():  # type: ignore[no-untyped-def]
    """The per-kind modules (imported on first use: they import this module)."""
    from krantentoets.detect import addresses, identifiers, names, phone

    return addresses, identifiers, names, phone


def find_personal_data(
    text: str, allowlist: AllowlistLike | Allowlist | None = None, *, names: bool = True
) -> list[PIISpan]:
    """All personal data in ``text``, in text order, without overlaps.

    ``allowlist`` is the policy's ``[allowlist]`` (``phones``, ``emails``, ``addresses``) or
    ``None``; its entries are never returned. An entry of ``emails`` that starts with ``@``
    allows a whole domain. ``names=False`` leaves person names out (the numbers, addresses
    and e-mail addresses alone; ``bench/pii_peers.py`` races a peer without names on that).
    """
    if not text:
        return []
    addresses, identifiers, name_finder, phone = _detectors()
    allow = EMPTY_ALLOWLIST if allowlist is None else compile_allowlist(allowlist)
    spans: list[PIISpan] = []
    masked: list[tuple[int, int]] = []
    if "@" in text:
        spans.extend(identifiers.find_emails(text, allow))
    # Every numeric kind needs a digit: one scan for the runs of digits gates them all (most
    # posts have none).
    runs = [m.span() for m in _DIGIT_RUN.finditer(text)]
    if runs:
        # Each detector needs a number of digits in runs of particular lengths; most posts
        # have too few: an IBAN or BSN has 8 or more, a phone number 9 or more, a Belgian
        # national number 11.
        lengths = [e - s for s, e in runs]
        total = sum(lengths)
        if total >= 8:
            has = set(lengths)
            spans.extend(identifiers.find_ibans(text, runs))
            masked.extend(identifiers.organisation_ibans(text, runs))
            if total >= 11 and not has.isdisjoint((2, 6, 11)):
                spans.extend(identifiers.find_national_numbers(text, runs))
            if not has.isdisjoint((3, 4, 8, 9)):
                spans.extend(identifiers.find_bsns(text, runs))
            if total >= 9:
                spans.extend(phone.find_phones(text, allow, runs))
        spans.extend(identifiers.find_birth_dates(text, runs))
        if "-" in text:
            spans.extend(identifiers.find_licence_plates(text))
        if min(lengths) <= 4:
            found_addresses = addresses.find_addresses(text, allow, runs)
            spans.extend(found_addresses)
            if 4 in lengths:
                spans.extend(addresses.find_postcodes(text, found_addresses, runs))
    if names:
        spans.extend(name_finder.find_names(text))
    if not spans:
        return spans
    masked.extend(identifiers.url_spans(text))
    if masked:
        spans = [
            s
            for s in spans
            if s.kind == "email" or all(s.end <= a or s.start >= b for a, b in masked)
        ]
    return spans if len(spans) < 2 else _resolve_overlaps(spans)
