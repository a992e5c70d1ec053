"""The organisation's policy file (TOML), as a validated model.

Every section forbids unknown keys: a typo is an error that names the file, the
key and the allowed values, never a silently ignored setting. ``krantentoets
init`` writes a commented starter file (see :mod:`krantentoets.policy.starter`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from krantentoets.post import Platform
from krantentoets.report import Severity

PROFILE_IDS = ("medewerkers", "mandatarissen")


class Section(BaseModel):
    """Base of every policy section: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Organisation(Section):
    name: str = "de gemeente"
    website: str | None = None
    #: The IANA time zone the app shows times in (stored times are UTC).
    timezone: str = "Europe/Amsterdam"
    communications: str = "de afdeling Communicatie"
    aliases: list[str] = Field(default_factory=list)
    handles: list[str] = Field(default_factory=list)
    hashtags: list[str] = Field(default_factory=list)
    #: The organisation's own office holders and officials: their names are public.
    people: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_zone(self) -> Organisation:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise PydanticCustomError(
                "timezone",
                "onbekende tijdzone '{zone}'; gebruik een naam als Europe/Amsterdam of "
                "Europe/Brussels",
                {"zone": self.timezone},
            ) from None
        return self


class Allowlist(Section):
    """The organisation's own public contact details: never personal data."""

    phones: list[str] = Field(default_factory=list)
    emails: list[str] = Field(default_factory=list)
    addresses: list[str] = Field(default_factory=list)


class Confidential(Section):
    """Dossier terms that are confidential until Communications says otherwise."""

    terms: list[str] = Field(default_factory=list)


class Offensive(Section):
    """The organisation's own idioms: a listed word inside one is never a finding (MA-4)."""

    #: Phrases in the entry syntax of data/topics/README.txt ("iemand ... gek verklaren").
    idioms: list[str] = Field(default_factory=list)
    #: Extra political-rhetoric lines, "section: entry" (sections of data/offensive/rhetoric.txt:
    #: "jab: stuntelaar", "putdown: profiteurs", "targets: dijkgraaf").
    rhetoric: list[str] = Field(default_factory=list)


class Stance(Section):
    """Party politics that an organisation account does not engage in (rule ST02)."""

    #: Extra signals of campaigning or a partisan position (entry syntax of data/topics).
    partisan: list[str] = Field(default_factory=list)


class Spokesperson(Section):
    """Topics that need alignment before anyone responds, and with whom."""

    topics: list[str] = Field(default_factory=list)
    #: The organisation's own places (neighbourhoods, villages, buildings): an incident
    #: or lawsuit mentioned with one of these concerns the organisation.
    places: list[str] = Field(default_factory=list)
    align_with: str = "je leidinggevende en de afdeling Communicatie"


#: Archive record types that have a retention period (see krantentoets.archive.record).
ArchiveRecordType = Literal["post", "correction", "hold", "hold-release", "destruction"]


class Archive(Section):
    """Retention of archived dialogues, and who stays named in Woo exports.

    ``retention_years``: record type -> years after publication (or "permanent");
    a type left out keeps its built-in period (post and correction 10 years, the
    rest permanent). ``office_holders``: names that are not redacted in a Woo
    export (aldermen, council members: public office holders).
    """

    retention_years: dict[ArchiveRecordType, int | Literal["permanent"]] = Field(
        default_factory=dict
    )
    office_holders: list[str] = Field(default_factory=list)
    #: Time zone of the times in exports (IANA name).
    timezone: str = "Europe/Amsterdam"
    #: Folder for signed anchors of the chain head (KRANTENTOETS_ANCHOR_DIR wins).
    anchor_dir: str | None = None
    #: Send each anchor to the records officer (same settings as [monitor.email]/[monitor.webhook]).
    anchor_email: MonitorEmail | None = None
    anchor_webhook: MonitorWebhook | None = None

    @model_validator(mode="after")
    def _known_zone(self) -> Archive:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise PydanticCustomError(
                "archive_timezone",
                "onbekende tijdzone '{zone}'; gebruik een IANA-naam zoals Europe/Amsterdam "
                "of Europe/Brussels",
                {"zone": self.timezone},
            ) from None
        return self


# --- [monitor] section (owned by the monitoring engineer; see krantentoets.monitor) ---

MonitorSourceKind = Literal["rss", "mastodon", "bluesky", "import"]
#: Fields of a mention that an import's ``columns`` table can map to export columns.
IMPORT_FIELDS = ("id", "text", "author", "author_name", "date", "url")
#: Triage labels a digest can report on.
DigestLabel = Literal["compliment", "criticism", "question", "claim", "abuse", "other"]

_SOURCE_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    # kind -> (required, allowed besides the common ones)
    "rss": ({"url"}, {"url", "timezone"}),
    "mastodon": (
        {"instance"},
        {
            "instance",
            "hashtag",
            "query",
            "token_env",
            "notifications",
            "include_private",
            "context",
        },
    ),
    "bluesky": (
        set(),
        {
            "service",
            "query",
            "hashtag",
            "handle",
            "app_password_env",
            "auth_service",
            "notifications",
            "context",
        },
    ),
    "import": (
        {"path"},
        {"path", "format", "columns", "delimiter", "date_format", "timezone", "sheet"},
    ),
}
_COMMON_SOURCE_FIELDS = {"kind", "name", "filter", "max_pages", "enabled"}


class MonitorSourceSettings(Section):
    """One place to listen: a feed, a Mastodon instance, Bluesky search or an export file.

    ``filter = "mentions"`` keeps only posts that name the organisation (its
    name, aliases, handles or hashtags); ``"all"`` keeps everything the source
    gives (for a search or export that is already about the organisation).
    Mastodon/Bluesky without ``query``/``hashtag`` search for the
    organisation's own names and hashtags. Secrets are never in this file:
    ``token_env`` (Mastodon access token) and ``app_password_env`` (Bluesky app
    password, with ``handle``) name the environment variable that holds them.
    Bluesky often refuses search without login: give ``handle`` and
    ``app_password_env`` and the search goes through ``auth_service``.
    """

    kind: MonitorSourceKind
    name: str | None = None
    filter: Literal["mentions", "all"] = "mentions"
    max_pages: int = Field(default=5, ge=1, le=100)
    enabled: bool = True
    url: str | None = None
    instance: str | None = None
    service: str | None = None
    query: str | None = None
    hashtag: str | None = None
    token_env: str | None = None
    handle: str | None = None
    app_password_env: str | None = None
    auth_service: str | None = None
    path: str | None = None
    format: (
        Literal[
            "csv",
            "jsonl",
            "meta-csv",
            "facebook-json",
            "x-archive",
            "linkedin-shares",
            "linkedin-comments",
            "xlsx",
        ]
        | None
    ) = None
    #: Worksheet of an XLSX export (default: the first).
    sheet: str | None = None
    #: Mastodon/Bluesky: also the notifications (mentions, replies, quotes) of the account
    #: whose token or login is given.
    notifications: bool = False
    #: Mastodon: keep followers-only and direct posts too (stored and marked; default: not kept).
    include_private: bool = False
    #: Mastodon/Bluesky: fetch the thread (ancestors) of each reply, for context.
    context: bool = False
    #: Mention field (id, text, author, author_name, date, url) -> column in the export.
    columns: dict[str, str] = Field(default_factory=dict)
    delimiter: str | None = None
    date_format: str | None = None
    #: Zone of dates in a feed or export that carry none.
    timezone: str = "Europe/Amsterdam"

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> MonitorSourceSettings:
        required, allowed = _SOURCE_FIELDS[self.kind]
        given = {k for k in self.model_fields_set if getattr(self, k) not in (None, {}, "")}
        missing = sorted(required - given)
        if missing:
            raise PydanticCustomError(
                "monitor_source",
                "een bron van soort '{kind}' heeft {fields} nodig",
                {"kind": self.kind, "fields": ", ".join(missing)},
            )
        extra = sorted(given - allowed - _COMMON_SOURCE_FIELDS)
        if extra:
            raise PydanticCustomError(
                "monitor_source",
                "'{fields}' hoort niet bij een bron van soort '{kind}'; toegestaan: {allowed}",
                {
                    "fields": ", ".join(extra),
                    "kind": self.kind,
                    "allowed": ", ".join(sorted(allowed | _COMMON_SOURCE_FIELDS)),
                },
            )
        unknown = sorted(set(self.columns) - set(IMPORT_FIELDS))
        if unknown:
            raise PydanticCustomError(
                "monitor_source",
                "onbekend veld '{fields}' in columns; toegestaan: {allowed}",
                {"fields": ", ".join(unknown), "allowed": ", ".join(IMPORT_FIELDS)},
            )
        if self.delimiter is not None and len(self.delimiter) != 1:
            raise PydanticCustomError(
                "monitor_source", 'delimiter moet één teken zijn, bijvoorbeeld ";"', {}
            )
        return self

    @property
    def key(self) -> str:
        """The stable name the database knows this source by."""
        if self.name:
            return self.name
        where = {
            "rss": self.url,
            "mastodon": f"{self.instance} {self.hashtag or ''} {self.query or ''}",
            "bluesky": f"{self.service or ''} {self.hashtag or ''} {self.query or ''}",
            "import": self.path,
        }[self.kind]
        return f"{self.kind}:{' '.join(str(where).split())}"


class MonitorEmail(Section):
    """Send the digest by e-mail (SMTP). The password comes from ``password_env``."""

    host: str
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username: str | None = None
    password_env: str | None = None
    sender: str
    recipients: list[str] = Field(min_length=1)
    timeout: int = Field(default=30, ge=1)


class MonitorWebhook(Section):
    """Post the digest to a chat channel through an incoming webhook.

    ``flavour``: ``slack`` and ``mattermost`` (and Teams' legacy Office 365
    connectors) take ``{"text": "..."}``; ``teams-workflow`` sends an Adaptive
    Card for the Teams Workflows "post to a channel when a webhook request is
    received" template. Give the URL in ``url`` or, as it is a secret, the
    name of an environment variable in ``url_env``.
    """

    url: str | None = None
    url_env: str | None = None
    flavour: Literal["slack", "mattermost", "teams", "teams-workflow"] = "slack"
    timeout: int = Field(default=30, ge=1)

    @model_validator(mode="after")
    def _one_url(self) -> MonitorWebhook:
        if (self.url is None) == (self.url_env is None):
            raise PydanticCustomError(
                "monitor_webhook", "geef precies één van 'url' of 'url_env'", {}
            )
        return self


class MonitorWatch(Section):
    """An office holder whose own names and handles are watched too (MA-9).

    Mentions that name them reach their own inbox view (``user``: their login
    name, role ``mandataris``); Communications sees them as well.
    """

    user: str = Field(min_length=1)
    names: list[str] = Field(default_factory=list)
    handles: list[str] = Field(default_factory=list)


class Monitor(Section):
    """Monitoring: where to listen, how often, and where the digest goes."""

    #: Seconds between polls with ``krantentoets monitor run --watch``.
    interval: int = Field(default=900, ge=10)
    #: Seconds before a source's request gives up.
    timeout: int = Field(default=20, ge=1)
    #: Seconds for one whole poll of one source (all its pages); the rest waits for the next.
    deadline: int = Field(default=120, ge=1)
    #: Largest answer read from a source, in MB.
    max_response_mb: float = Field(default=20, gt=0)
    #: Hosts that may resolve to internal addresses (an intranet feed, a local test server).
    allow_private_hosts: list[str] = Field(default_factory=list)
    #: Office holders whose own names and handles are watched (MA-9).
    watch: list[MonitorWatch] = Field(default_factory=list)
    sources: list[MonitorSourceSettings] = Field(default_factory=list)
    digest_labels: list[DigestLabel] = Field(
        default_factory=lambda: ["compliment", "criticism", "claim", "abuse"]
    )
    email: MonitorEmail | None = None
    webhook: MonitorWebhook | None = None

    @model_validator(mode="after")
    def _unique_names(self) -> Monitor:
        seen: set[str] = set()
        for source in self.sources:
            if source.key in seen:
                raise PydanticCustomError(
                    "monitor_sources",
                    "twee bronnen heten '{name}'; geef elke bron een eigen name",
                    {"name": source.key},
                )
            seen.add(source.key)
        return self


# --- end [monitor] section ---


Archive.model_rebuild()


class PolicySettings(Section):
    """The whole policy file."""

    profile: Literal["medewerkers", "mandatarissen"] = "medewerkers"
    language: Literal["nl", "en"] = "nl"
    default_platform: Platform | None = Field(default=None, strict=False)
    organisation: Organisation = Field(default_factory=Organisation)
    #: Rule id, name or category -> on (true) / off (false).
    rules: dict[str, bool] = Field(default_factory=dict)
    #: Rule id, name or category -> severity.
    severity: dict[str, Annotated[Severity, Field(strict=False)]] = Field(default_factory=dict)
    allowlist: Allowlist = Field(default_factory=Allowlist)
    confidential: Confidential = Field(default_factory=Confidential)
    spokesperson: Spokesperson = Field(default_factory=Spokesperson)
    stance: Stance = Field(default_factory=Stance)
    offensive: Offensive = Field(default_factory=Offensive)
    archive: Archive = Field(default_factory=Archive)
    monitor: Monitor = Field(default_factory=Monitor)
