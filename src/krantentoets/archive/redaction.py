"""Redaction of personal data, for ``krantentoets redact`` and the Woo export.

What counts as personal data comes from the shared detector
(:func:`krantentoets.detect.find_personal_data`); this module only decides what
to keep (the organisation's own contact details, the names of office holders),
adds the names it knows from a record's own fields (a citizen's name as author
of the post that was answered), merges overlapping spans and writes the
redacted text. Every redaction carries the Woo ground it is made on.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

#: The ground for redacting personal data in a Woo publication (Dutch, as cited in decisions).
WOO_GROUND = "Woo art. 5.1 lid 2 sub e (eerbiediging van de persoonlijke levenssfeer)"
WOO_GROUND_SHORT = "5.1.2e"

#: Detector kind -> the Dutch word shown in place of the redacted text.
CATEGORY_LABELS: dict[str, str] = {
    "phone": "telefoonnummer",
    "email": "e-mailadres",
    "address": "adres",
    "postcode": "postcode",
    "bsn": "BSN",
    "national-number": "rijksregisternummer",
    "iban": "rekeningnummer",
    "birth-date": "geboortedatum",
    "licence-plate": "kenteken",
    "person-name": "naam",
    "account-handle": "accountnaam",
    "approval-comment": "opmerking uit intern beraad",
}

#: Category of the names this module adds itself (known authors of a dialogue).
NAME = "person-name"
HANDLE = "account-handle"

_HANDLE_RE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{0,29}(?<!\.)")
_SPACE_RE = re.compile(r"\s+")


class RedactionUnavailable(RuntimeError):
    """The personal-data detector is not installed: nothing may be published unredacted."""


@dataclass(frozen=True, slots=True)
class Redaction:
    """One redacted span: ``[start, end)`` in the original text, and where its marker is."""

    start: int
    end: int
    category: str
    #: Offsets of the marker in the redacted text.
    out_start: int = 0
    out_end: int = 0
    trace: tuple[str, ...] = ()
    #: The Woo ground the redaction is made on (a code from ``data/woo/grounds.toml``).
    ground: str = ""

    def to_dict(self, *, ground: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "redacted_start": self.out_start,
            "redacted_end": self.out_end,
        }
        if ground:
            d["ground"] = self.ground or WOO_GROUND_SHORT
        return d


@dataclass(frozen=True, slots=True)
class Redacted:
    """A text after redaction, with each redaction and the text it was made from."""

    original: str
    text: str
    redactions: tuple[Redaction, ...]

    def segments(self) -> Iterable[tuple[str, Redaction | None]]:
        """The redacted text as (piece, redaction or None) pairs, for rendering markers."""
        pos = 0
        for r in self.redactions:
            if r.out_start > pos:
                yield self.text[pos : r.out_start], None
            yield self.text[r.out_start : r.out_end], r
            pos = r.out_end
        if pos < len(self.text):
            yield self.text[pos:], None


def marker(category: str) -> str:
    """The text put in place of a redacted span: ``[naam]``, ``[telefoonnummer]``, ..."""
    return f"[{CATEGORY_LABELS.get(category, 'persoonsgegeven')}]"


Detector = Callable[..., Sequence[Any]]


@cache
def _detector() -> Detector | None:
    """The shared detector, or ``None`` when it is not installed (or cannot load)."""
    for name in ("krantentoets.detect.personal_data", "krantentoets.detect"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        found = getattr(module, "find_personal_data", None)
        if found is None:
            continue
        try:
            found("Bel Jan de Vries op 06-12345678.")  # loads its word lists once
        except ImportError:
            return None
        return found  # type: ignore[no-any-return]
    return None


def detector_available() -> bool:
    return _detector() is not None


def _norm(name: str) -> str:
    return _SPACE_RE.sub(" ", name).strip().casefold()


@dataclass(frozen=True)
class Redactor:
    """Redacts texts under one set of exceptions (reuse it for a whole export).

    ``keep_names``: office holders whose names stay (a full name; its last
    words, the surname, are kept too). ``keep_handles``: the organisation's own
    accounts (handles, or its name and aliases as an account name).
    ``allowlist``: the policy's ``[allowlist]`` (the organisation's own phone
    numbers, e-mail addresses and addresses), passed to the detector.
    ``public_names``: also redact the names of public persons (a public function
    next to the name, the list of public figures); by default only private
    persons' names are redacted. Office holders of ``keep_names`` always stay.
    """

    keep_names: tuple[str, ...] = ()
    keep_handles: tuple[str, ...] = ()
    allowlist: Any = None
    redact_handles: bool = True
    public_names: bool = False
    #: What finds personal data: ``detector(text, allowlist)`` -> spans with ``start``,
    #: ``end``, ``text``, ``kind`` (and optionally ``trace``). Default: the shared
    #: :func:`krantentoets.detect.find_personal_data`. Swap it here, nothing else changes.
    detector: Detector | None = None

    def _detect(self) -> Detector:
        detect = self.detector or _detector()
        if detect is None:
            raise RedactionUnavailable(
                "de herkenning van persoonsgegevens (krantentoets.detect) is niet beschikbaar"
            )
        return detect

    def _kept_names(self) -> frozenset[str]:
        kept: set[str] = set()
        for name in self.keep_names:
            words = _norm(name).split(" ")
            kept.add(" ".join(words))
            # "Jan de Vries" -> also "de vries" and "vries" (as in "wethouder De Vries").
            for i in range(1, len(words)):
                kept.add(" ".join(words[i:]))
        return frozenset(kept)

    def find(self, text: str, known_names: Iterable[str] = ()) -> list[Redaction]:
        """The spans of ``text`` to redact, merged and in text order."""
        return [r for r, reason in self.proposals(text, known_names) if reason is None]

    def proposals(
        self, text: str, known_names: Iterable[str] = ()
    ) -> list[tuple[Redaction, str | None]]:
        """Every span of personal data in ``text`` with the reason to keep it (``None``: redact).

        Office holders' names and the organisation's own accounts and names are
        found too, with a Dutch reason, so a records officer can still choose to
        redact them; :meth:`find` returns only the spans to redact.
        """
        detect = self._detect()
        found: list[Redaction] = []
        for span in detect(text, self.allowlist):
            kind = str(getattr(span, "kind", "persoonsgegeven"))
            trace = tuple(getattr(span, "trace", ()) or ())
            found.append(Redaction(span.start, span.end, kind, trace=trace))
        if self.detector is None:  # the built-in detection also finds first names alone
            found.extend(self._more_names(text, self._kept_names()))
        for name in known_names:
            if not name:
                continue
            pattern = re.compile(r"(?<!\w)" + re.escape(name.strip()) + r"(?!\w)", re.IGNORECASE)
            for m in pattern.finditer(text):
                found.append(Redaction(m.start(), m.end(), NAME, trace=("known author",)))
        if self.redact_handles:
            for m in _HANDLE_RE.finditer(text):
                found.append(Redaction(m.start(), m.end(), HANDLE, trace=("@handle",)))
        redact = _merge([r for r in found if self.keep_reason(r, text) is None])
        kept = [(r, self.keep_reason(r, text)) for r in found if self.keep_reason(r, text)]
        out: list[tuple[Redaction, str | None]] = [(r, None) for r in redact]
        for r, reason in _merge_kept(kept):
            if not any(r.start < x.end and x.start < r.end for x in redact):
                out.append((r, reason))
        return sorted(out, key=lambda item: item[0].start)

    def keep_reason(self, span: Redaction, text: str) -> str | None:
        """Why a found span stays readable by default (Dutch), or ``None``."""
        value = _norm(text[span.start : span.end].lstrip("@"))
        own = {_norm(h.lstrip("@")) for h in self.keep_handles}
        if span.category in (NAME, HANDLE) and value in own:
            return "eigen account of naam van de organisatie"
        if span.category == NAME and value in self._kept_names():
            return "ambtsdrager"
        return None

    def _more_names(self, text: str, kept: frozenset[str]) -> list[Redaction]:
        """Names the check does not flag but a publication must not show: a private
        person's first name on its own ("Hoi Murat"), and with ``public_names`` the names
        of public persons."""
        try:
            from krantentoets.detect.persons import find_person_names
        except ImportError:
            return []
        out = []
        for person in find_person_names(text):
            if _norm(person.text) in kept:
                continue
            if person.public and self.public_names:
                trace: tuple[str, ...] = ("public person", person.public_reason)
            elif person.first_name_only and not person.public:
                trace = ("first name alone",)
            else:
                continue
            out.append(Redaction(person.start, person.end, NAME, trace=trace))
        return out

    def redact(self, text: str, known_names: Iterable[str] = ()) -> Redacted:
        return apply(text, self.find(text, known_names))

    def is_office_holder(self, name: str | None) -> bool:
        return bool(name) and _norm(name or "") in self._kept_names()

    def keeps_account(self, account: str | None) -> bool:
        """The organisation's own account (its handles, name or aliases) stays."""
        own = {_norm(h.lstrip("@")) for h in self.keep_handles}
        return bool(account) and _norm((account or "").lstrip("@")) in own

    def redact_name(self, name: str | None, *, strict: bool = True) -> str | None:
        """A structured name field: kept for office holders, else replaced by ``[naam]``.

        ``strict=False`` (the author of the organisation's own post) keeps a name
        in which the detector finds no person's name, such as "Team Webcare".
        """
        if name is None or not name.strip():
            return name
        if self.is_office_holder(name):
            return name
        if not strict:
            detect = self._detect()
            if not any(getattr(s, "kind", "") == NAME for s in detect(name, self.allowlist)):
                return name
        return marker(NAME)


def _merge(spans: list[Redaction]) -> list[Redaction]:
    """Union of overlapping spans; the longest original span gives the category."""
    spans = sorted(spans, key=lambda r: (r.start, -(r.end - r.start)))
    merged: list[Redaction] = []
    for r in spans:
        if r.end <= r.start:
            continue
        if merged and r.start < merged[-1].end:
            last = merged[-1]
            if r.end > last.end:
                merged[-1] = Redaction(
                    last.start, r.end, last.category, trace=last.trace + r.trace, ground=last.ground
                )
            continue
        merged.append(r)
    return merged


def _merge_kept(items: list[tuple[Redaction, str | None]]) -> list[tuple[Redaction, str | None]]:
    reasons = {(r.start, r.end): reason for r, reason in items}
    return [(r, reasons.get((r.start, r.end), "")) for r in _merge([r for r, _ in items])]


def apply(text: str, spans: Sequence[Redaction]) -> Redacted:
    """Replace each (non-overlapping, sorted) span by its marker."""
    out: list[str] = []
    done: list[Redaction] = []
    pos = 0
    length = 0
    for r in spans:
        piece = text[pos : r.start]
        out.append(piece)
        length += len(piece)
        mark = marker(r.category)
        out.append(mark)
        done.append(
            Redaction(r.start, r.end, r.category, length, length + len(mark), r.trace, r.ground)
        )
        length += len(mark)
        pos = r.end
    out.append(text[pos:])
    return Redacted(text, "".join(out), tuple(done))


def redact(text: str, **kwargs: Any) -> Redacted:
    """Redact ``text`` with a default :class:`Redactor` (see its arguments)."""
    known = kwargs.pop("known_names", ())
    return Redactor(**kwargs).redact(text, known)
