"""Findings, severities, verdicts and the report of one check.

Everything here is immutable. A :class:`Report` checks that every finding's
span agrees with the text of the post it was made for, so a wrong offset is a
bug found at once rather than a wrong highlight in front of a user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How serious a finding is. ``block`` gives *Niet plaatsen*, ``warn`` gives *Twijfel*."""

    BLOCK = "block"
    WARN = "warn"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARN: 1, Severity.BLOCK: 2}


class Verdict(StrEnum):
    """The overall advice (MW-1: when in doubt, do not post; ask Communications)."""

    POST = "post"
    DOUBT = "doubt"
    DO_NOT_POST = "do-not-post"

    def label(self, language: str = "nl") -> str:
        return VERDICT_LABELS[language][self]

    @classmethod
    def from_severities(cls, severities: list[Severity]) -> Verdict:
        # Module constants: an enum member read through its class costs a lookup each time,
        # and this runs twice for every post checked.
        if _BLOCK in severities:
            return _DO_NOT_POST
        if _WARN in severities:
            return _DOUBT
        return _POST


_BLOCK, _WARN = Severity.BLOCK, Severity.WARN
_DO_NOT_POST, _DOUBT, _POST = Verdict.DO_NOT_POST, Verdict.DOUBT, Verdict.POST


VERDICT_LABELS: dict[str, dict[Verdict, str]] = {
    "nl": {
        Verdict.POST: "Plaatsen",
        Verdict.DOUBT: "Twijfel: laat je adviseren door Communicatie",
        Verdict.DO_NOT_POST: "Niet plaatsen",
    },
    "en": {
        Verdict.POST: "Post",
        Verdict.DOUBT: "Doubt: ask Communications for advice",
        Verdict.DO_NOT_POST: "Do not post",
    },
}


class Category(StrEnum):
    """The fixed vocabulary of finding categories (shared by CLI, API and storage)."""

    PERSONAL_DATA = "personal-data"
    CONFIDENTIAL = "confidential"
    OFFENSIVE = "offensive"
    ROLE = "role"
    SPOKESPERSON = "spokesperson"
    STANCE = "stance"
    LENGTH = "length"
    COPYRIGHT = "copyright"
    PORTRAIT = "portrait"
    CERTAINTY = "certainty"
    REPLY_TO_CRITICISM = "reply-to-criticism"


class SpanError(ValueError):
    """A finding's span does not agree with the text it claims to point at."""


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` in the post text, with the text it covers."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise SpanError(f"invalid span [{self.start}, {self.end})")
        if len(self.text) != self.end - self.start:
            raise SpanError(f"span [{self.start}, {self.end}) has text of length {len(self.text)}")

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``[start, end)`` of ``text``; raises if it falls outside."""
        if not (0 <= start <= end <= len(text)):
            raise SpanError(f"span [{start}, {end}) outside text of length {len(text)}")
        return cls(start, end, text[start:end])

    def agrees_with(self, text: str) -> bool:
        return self.end <= len(text) and text[self.start : self.end] == self.text


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a rule saw in a post, with why it matters and what to do instead.

    ``span`` is ``None`` for findings about the post as a whole (its length, a
    missing role statement, an attached image).
    """

    rule: str
    name: str
    category: Category
    severity: Severity
    span: Span | None
    message: str
    guidelines: tuple[str, ...]
    suggestion: str
    trace: tuple[str, ...] = ()
    #: For each guideline id, the sentences of that guideline that apply here.
    quotes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The CLI/API contract for one finding."""
        return {
            "rule": self.rule,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.value,
            "start": self.span.start if self.span else None,
            "end": self.span.end if self.span else None,
            "text": self.span.text if self.span else None,
            "guidelines": list(self.guidelines),
            "message": self.message,
            "suggestion": self.suggestion,
            "quotes": list(self.quotes),
            "trace": list(self.trace),
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of checking one post: findings (in text order) and the verdict."""

    text: str
    findings: tuple[Finding, ...]
    verdict: Verdict
    profile: str
    language: str = "nl"
    post_id: str | None = None
    platform: str | None = None
    #: Guideline id -> quoted guideline text, for the guidelines the findings cite.
    guideline_texts: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for f in self.findings:
            if f.span is not None and not f.span.agrees_with(self.text):
                raise SpanError(
                    f"rule {f.rule}: span [{f.span.start}, {f.span.end}) "
                    f"{f.span.text!r} does not match the post"
                )
        expected = Verdict.from_severities([f.severity for f in self.findings])
        if expected is not self.verdict:
            raise ValueError(f"verdict {self.verdict} does not follow from the findings")

    @property
    def verdict_label(self) -> str:
        return self.verdict.label(self.language)

    def to_dict(self) -> dict[str, Any]:
        """The CLI/API contract: ``{"id", "verdict", "findings": [...]}`` plus extras."""
        return {
            "id": self.post_id,
            "verdict": self.verdict.value,
            "verdict_label": self.verdict_label,
            "profile": self.profile,
            "findings": [f.to_dict() for f in self.findings],
        }
