"""What an archive record holds, and how input becomes one.

A record is a plain JSON object (its *payload*). The payload of every record
has ``seq`` (its place in the chain), ``id`` (unique, chosen by the caller),
``type``, ``published_at`` and ``text``; the other keys depend on the type.
Keys whose value is ``None`` are left out, so the canonical JSON is short and
the same for every writer.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

#: Longest text a record may hold (a post is much shorter; a thread is kept per message).
MAX_TEXT = 100_000


class RecordType(StrEnum):
    """The kinds of record; each has its own retention period in the policy."""

    POST = "post"  # a published post or reply with the dialogue it belongs to
    CORRECTION = "correction"  # a correction of an earlier record (points to it)
    HOLD = "hold"  # a legal hold placed on records: they may not be destroyed
    HOLD_RELEASE = "hold-release"  # a legal hold lifted
    DESTRUCTION = "destruction"  # an approved destruction: which records, their hashes

    @property
    def label(self) -> str:
        return RECORD_TYPE_LABELS[self]


RECORD_TYPE_LABELS: dict[RecordType, str] = {
    RecordType.POST: "bericht",
    RecordType.CORRECTION: "correctie",
    RecordType.HOLD: "juridische blokkade",
    RecordType.HOLD_RELEASE: "blokkade opgeheven",
    RecordType.DESTRUCTION: "vernietiging",
}

#: Types a caller may add with ``archive add``; the others are written by the archive itself.
INPUT_TYPES = (RecordType.POST, RecordType.CORRECTION)


class RecordInputError(ValueError):
    """One input record is not valid. The message (Dutch) names the field."""


def format_time(value: datetime) -> str:
    """A timestamp as stored: UTC, whole seconds, ``YYYY-MM-DDTHH:MM:SSZ``."""
    if value.tzinfo is None:
        raise RecordInputError("tijdstip zonder tijdzone; geef bijvoorbeeld 2025-03-01T10:00:00Z")
    return value.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: str) -> datetime:
    """Parse an ISO 8601 time with zone (``Z`` allowed); a date alone means 00:00 UTC."""
    text = value.strip()
    try:
        if len(text) == 10:
            return datetime.fromisoformat(text).replace(tzinfo=UTC)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise RecordInputError(
            f"ongeldig tijdstip {value!r}; gebruik ISO 8601, bijvoorbeeld 2025-03-01T10:00:00Z"
        ) from None
    if parsed.tzinfo is None:
        raise RecordInputError(f"tijdstip {value!r} zonder tijdzone; voeg Z (UTC) of +01:00 toe")
    return parsed


#: Time zone of times shown in exports when the policy names none.
DEFAULT_TIMEZONE = "Europe/Amsterdam"


def display_time(value: str | None, zone: str = DEFAULT_TIMEZONE, *, with_zone: bool = True) -> str:
    """A stored time in the organisation's zone, e.g. ``2025-05-03 10:00 CEST``.

    Never fails: a value that is not a time is shown as it is.
    """
    from zoneinfo import ZoneInfo

    if not isinstance(value, str) or not value:
        return ""
    try:
        moment = parse_time(value).astimezone(ZoneInfo(zone))
    except (RecordInputError, ValueError, KeyError):
        return value
    text = moment.strftime("%Y-%m-%d %H:%M")
    return f"{text} {moment.tzname()}" if with_zone else text


def local_iso(value: str, zone: str = DEFAULT_TIMEZONE) -> str:
    """A stored time as ISO 8601 in ``zone`` with its offset; a non-time as it is."""
    from zoneinfo import ZoneInfo

    try:
        return parse_time(value).astimezone(ZoneInfo(zone)).isoformat()
    except (RecordInputError, ValueError, KeyError):
        return value


def now_text() -> str:
    return format_time(datetime.now(UTC))


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Message(_Input):
    """A message of the dialogue that a record answers (the incoming post, the thread)."""

    author: str | None = None
    text: str = Field(max_length=MAX_TEXT)
    url: str | None = None
    published_at: str | None = None

    @field_validator("published_at")
    @classmethod
    def _time(cls, v: str | None) -> str | None:
        return None if v is None else format_time(parse_time(v))


class Approval(_Input):
    """A decision in the alignment workflow, as archived with the published post."""

    by: str = Field(min_length=1)
    role: str = Field(min_length=1)
    decision: str = Field(min_length=1)
    at: str
    comment: str | None = None
    responder: str | None = None

    @field_validator("at")
    @classmethod
    def _time(cls, v: str) -> str:
        return format_time(parse_time(v))


class CheckFinding(BaseModel):
    """One finding of an archived check report (the ``check`` contract; other keys kept)."""

    model_config = ConfigDict(extra="allow", frozen=True, strict=True)

    rule: str = Field(min_length=1)
    category: str | None = None
    severity: Literal["block", "warn", "info"] | None = None
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    text: str | None = None


class CheckReport(BaseModel):
    """An archived check report: what ``krantentoets check --format json`` gives."""

    model_config = ConfigDict(extra="allow", frozen=True, strict=True)

    verdict: Literal["post", "doubt", "do-not-post"]
    findings: list[CheckFinding] = Field(default_factory=list)


class RecordInput(_Input):
    """One line of ``archive add --input FILE.jsonl``."""

    id: str = Field(min_length=1, max_length=200)
    type: RecordType = RecordType.POST
    platform: str | None = None
    account: str | None = None
    author: str | None = None
    role: str | None = None
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    published_at: str
    url: str | None = None
    in_reply_to: Message | None = None
    thread: list[Message] = Field(default_factory=list)
    check: CheckReport | None = None
    approvals: list[Approval] = Field(default_factory=list)
    corrects: str | None = None
    #: Free metadata of the caller (workflow request id, ...); must be JSON without floats.
    meta: dict[str, Any] | None = None

    @field_validator("published_at")
    @classmethod
    def _time(cls, v: str) -> str:
        return format_time(parse_time(v))

    @field_validator("type")
    @classmethod
    def _type(cls, v: RecordType) -> RecordType:
        if v not in INPUT_TYPES:
            allowed = ", ".join(t.value for t in INPUT_TYPES)
            raise ValueError(
                f"type '{v.value}' wordt door het archief zelf geschreven; kies uit {allowed}"
            )
        return v

    @field_validator("check", "meta", mode="before")
    @classmethod
    def _no_floats(cls, v: Any) -> Any:
        from krantentoets.archive.canonical import canonical_json

        if v is not None:
            canonical_json(v)  # CanonicalError (a ValueError) names the path
        return v

    def payload(self) -> dict[str, Any]:
        """The record's content without ``seq`` (added when it is appended)."""
        if self.type is RecordType.CORRECTION and not self.corrects:
            raise RecordInputError(
                "een correctie moet met 'corrects' het record noemen dat ze corrigeert"
            )
        data = self.model_dump(mode="json", exclude_none=True)
        if not data.get("thread"):
            data.pop("thread", None)
        if not data.get("approvals"):
            data.pop("approvals", None)
        return data


_MESSAGES = {
    "list_type": "moet een lijst zijn",
    "dict_type": "moet een object zijn",
    "model_type": "moet een object zijn",
    "model_attributes_type": "moet een object zijn",
    "string_type": "moet tekst zijn",
    "int_type": "moet een geheel getal zijn",
    "bool_type": "moet true of false zijn",
    "string_too_short": "mag niet leeg zijn",
    "too_short": "mag niet leeg zijn",
    "string_too_long": "is te lang",
    "greater_than_equal": "mag niet negatief zijn",
}


def _dutch(err: Any) -> str:
    """A pydantic error in Dutch (the common kinds; the rest as pydantic says it)."""
    if err["type"] == "literal_error":
        return f"kies uit {err.get('ctx', {}).get('expected', '')}".replace("' or '", "', '")
    if err["type"] == "enum":
        return f"kies uit {err.get('ctx', {}).get('expected', '')}".replace("' or '", "', '")
    return _MESSAGES.get(err["type"], str(err["msg"]))


def parse_input(data: Any) -> dict[str, Any]:
    """Validate one input object and return its payload; :class:`RecordInputError` if invalid."""
    if not isinstance(data, dict):
        raise RecordInputError("elke regel moet een JSON-object zijn")
    try:
        record = RecordInput.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(x) for x in err["loc"]) or "(record)"
        if err["type"] == "extra_forbidden":
            allowed = ", ".join(RecordInput.model_fields)
            raise RecordInputError(f"onbekend veld '{key}'; toegestaan: {allowed}") from None
        if err["type"] == "missing":
            raise RecordInputError(f"veld '{key}' ontbreekt") from None
        msg = str(err.get("ctx", {}).get("error", "") or _dutch(err))
        raise RecordInputError(f"veld '{key}': {msg}") from None
    return record.payload()
