"""The digest for Communications: what came in since the last digest that they must see.

Mentions with a digest label (by default compliments, criticism, claims and
abuse: MW-2, MW-3, MA-9) stored since the last digest that was sent are
grouped per label, with the advice and the reason, and sent by e-mail (SMTP)
and/or to a chat channel (incoming webhook). Each digest sent is logged with
the highest mention id it covered; the next digest starts after it. A digest
whose every channel failed is logged as failed and does not move that mark,
so nothing is skipped.

Webhook payloads: Slack, Mattermost and Teams' legacy Office 365 connectors
all accept ``{"text": "..."}`` (Markdown); ``teams-workflow`` sends an
Adaptive Card as the Teams Workflows webhook template expects.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from krantentoets.policy import Policy
from krantentoets.policy.model import MonitorEmail, MonitorWebhook
from krantentoets.store import session_scope
from krantentoets.store.monitor import DigestLog, Mention, MonitorSource

__all__ = [
    "ADVICE_NL",
    "LABELS_NL",
    "Digest",
    "DigestEntry",
    "DigestError",
    "DigestResult",
    "collect_digest",
    "render_text",
    "run_digest",
    "send_email",
    "send_webhook",
    "webhook_payload",
]

DISPLAY_ZONE = ZoneInfo("Europe/Amsterdam")
#: Mentions shown per label (all are counted); the inbox has the rest.
MAX_PER_LABEL = 15
#: Characters of a mention's text shown in the digest.
EXCERPT = 280

LABELS_NL: dict[str, str] = {
    "criticism": "Kritiek",
    "claim": "Beweringen om te controleren",
    "abuse": "Beledigingen en bedreigingen",
    "compliment": "Complimenten",
    "question": "Vragen",
    "other": "Overig",
}
#: Order of sections: what needs action first.
LABEL_ORDER = ("abuse", "claim", "question", "criticism", "compliment", "other")
ADVICE_NL: dict[str, str] = {
    "no-response": "niet reageren (kritiek en meningen: MW-3); wel doorgeven aan wie het aangaat",
    "communications": "Communicatie kijkt ernaar: feiten rechtzetten als ze duidelijk onjuist "
    "zijn, of melden als medewerkers beledigd of bedreigd worden",
    "answer": "beantwoorden: een antwoord van een medewerker helpt hier",
    "service": "een melding dat een dienst niet goed gaat: beantwoorden of doorzetten naar het "
    "team dat erover gaat",
    "forward": "doorgeven aan het team dat het compliment verdient (MW-2)",
    "none": "geen actie nodig",
}


class DigestError(RuntimeError):
    """The digest could not be sent (message in Dutch)."""


#: The marker of a mention that is not public (kept only when the policy asks for it).
NOT_PUBLIC_NL = {
    "private": " [NIET OPENBAAR: alleen volgers]",
    "direct": " [NIET OPENBAAR: privébericht]",
}


@dataclass(frozen=True)
class DigestEntry:
    id: int
    label: str
    text: str
    source: str
    author: str | None
    url: str | None
    published_at: datetime | None
    advice: str | None
    reasons: tuple[str, ...]
    #: ``private``/``direct`` only when the policy keeps them (include_private): marked.
    visibility: str = "public"


@dataclass(frozen=True)
class Digest:
    organisation: str
    after_id: int
    upto_id: int
    since: datetime | None
    entries: tuple[DigestEntry, ...]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def empty(self) -> bool:
        return self.total == 0


@dataclass
class DigestResult:
    digest: Digest
    sent: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if not self.errors:
            return "sent"
        return "partial" if self.sent else "failed"


def _reason_text(reason: Any) -> str:
    if isinstance(reason, dict):
        return str(reason.get("nl") or reason.get("en") or "")
    return str(reason)


def collect_digest(engine: Engine, policy: Policy) -> Digest:
    """What is new since the last digest that was (at least partly) sent."""
    labels = list(dict.fromkeys(policy.settings.monitor.digest_labels))
    with session_scope(engine) as session:
        last = session.execute(
            select(DigestLog.upto_mention_id, DigestLog.created_at)
            .where(DigestLog.status.in_(("sent", "partial")))
            .order_by(DigestLog.upto_mention_id.desc())
            .limit(1)
        ).first()
        after_id, since = (last[0], last[1]) if last else (0, None)
        upto_id = session.scalar(select(func.max(Mention.id))) or after_id
        window = (Mention.id > after_id, Mention.id <= upto_id, Mention.label.in_(labels))
        counts = {
            label: count
            for label, count in session.execute(
                select(Mention.label, func.count()).where(*window).group_by(Mention.label)
            )
        }
        entries: list[DigestEntry] = []
        for label in labels:
            if not counts.get(label):
                continue
            rows = session.execute(
                select(Mention, MonitorSource.name)
                .join(MonitorSource, Mention.source_id == MonitorSource.id)
                .where(*window, Mention.label == label)
                .order_by(Mention.id)
                .limit(MAX_PER_LABEL)
            ).all()
            for mention, source_name in rows:
                entries.append(
                    DigestEntry(
                        id=mention.id,
                        label=label,
                        text=mention.text,
                        source=source_name,
                        author=mention.author,
                        url=mention.url,
                        published_at=mention.published_at,
                        advice=mention.advice,
                        reasons=tuple(_reason_text(r) for r in (mention.reasons or ())),
                        visibility=mention.visibility or "public",
                    )
                )
    return Digest(
        organisation=policy.settings.organisation.name,
        after_id=after_id,
        upto_id=upto_id,
        since=since,
        entries=tuple(entries),
        counts={label: counts[label] for label in labels if counts.get(label)},
    )


# -- rendering ------------------------------------------------------------------------


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "onbekend tijdstip"
    return moment.astimezone(DISPLAY_ZONE).strftime("%d-%m-%Y %H:%M")


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1].rstrip() + "…"


def subject(digest: Digest) -> str:
    if digest.empty:
        return f"krantentoets: niets nieuws over {digest.organisation}"
    parts = ", ".join(
        f"{n} {LABELS_NL.get(label, label).lower()}" for label, n in _ordered(digest.counts)
    )
    return f"krantentoets: {digest.total} nieuwe vermeldingen van {digest.organisation} ({parts})"


def _ordered(counts: dict[str, int]) -> list[tuple[str, int]]:
    rank = {label: i for i, label in enumerate(LABEL_ORDER)}
    return sorted(counts.items(), key=lambda kv: rank.get(kv[0], len(rank)))


def render_text(digest: Digest, *, bold: str = "", link: bool = False) -> str:
    """The digest as plain text (``bold="*"`` or ``"**"`` for chat Markdown)."""
    b = bold
    lines = [f"{b}Overzicht voor Communicatie: wat er gezegd wordt over {digest.organisation}{b}"]
    since = f"sinds het vorige overzicht ({_when(digest.since)})" if digest.since else "tot nu toe"
    if digest.empty:
        lines.append(f"Niets nieuws {since} dat Communicatie moet zien.")
        return "\n".join(lines) + "\n"
    lines.append(f"{digest.total} nieuwe vermeldingen {since}:")
    for label, n in _ordered(digest.counts):
        lines.append(f"- {LABELS_NL.get(label, label)}: {n}")
    by_label: dict[str, list[DigestEntry]] = {}
    for entry in digest.entries:
        by_label.setdefault(entry.label, []).append(entry)
    for label, n in _ordered(digest.counts):
        lines.append("")
        lines.append(f"{b}{LABELS_NL.get(label, label)} ({n}){b}")
        for entry in by_label.get(label, []):
            who = entry.author or "onbekende afzender"
            hidden = NOT_PUBLIC_NL.get(entry.visibility, "")
            lines.append(f"- {who}, {_when(entry.published_at)} ({entry.source}){hidden}:")
            lines.append(f"  \u201c{_excerpt(entry.text)}\u201d")
            if entry.advice:
                lines.append(f"  Advies: {ADVICE_NL.get(entry.advice, entry.advice)}")
            if entry.reasons:
                lines.append(f"  Waarom: {entry.reasons[0]}")
            if entry.url:
                lines.append(f"  {entry.url}")
        shown = len(by_label.get(label, []))
        if shown < n:
            lines.append(f"- en nog {n - shown}: zie de inbox van krantentoets.")
    lines.append("")
    lines.append(
        "Reageer alleen waar het advies dat zegt; kritiek en meningen laten we staan (MW-3)."
    )
    return "\n".join(lines) + "\n"


def adaptive_card(title: str, body: str) -> dict[str, Any]:
    """A Teams Workflows message: an Adaptive Card with a bold title and a text body."""
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": [
                        {"type": "TextBlock", "text": title, "weight": "Bolder", "wrap": True},
                        {"type": "TextBlock", "text": body, "wrap": True},
                    ],
                },
            }
        ],
    }


def text_payload(title: str, body: str, flavour: str) -> dict[str, Any]:
    """JSON for any short message (title + body) on the chat webhook of ``flavour``."""
    if flavour == "teams-workflow":
        return adaptive_card(title, body)
    bold = "*" if flavour == "slack" else "**"
    return {"text": f"{bold}{title}{bold}\n\n{body}"}


def webhook_payload(digest: Digest, flavour: str) -> dict[str, Any]:
    """JSON for the chat webhook of ``flavour`` (slack, mattermost, teams, teams-workflow)."""
    if flavour == "teams-workflow":
        return adaptive_card(subject(digest), render_text(digest))
    bold = "*" if flavour == "slack" else "**"
    return {"text": render_text(digest, bold=bold)}


# -- sending --------------------------------------------------------------------------


def send_mail(subject_line: str, body: str, settings: MonitorEmail) -> None:
    """Send one plain-text message over SMTP (STARTTLS, SSL or plain as configured).

    Used for the digest and for workflow notices; raises :class:`DigestError`
    with a Dutch message when it cannot be sent.
    """
    message = EmailMessage()
    message["Subject"] = subject_line
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message.set_content(body)
    password = None
    if settings.password_env:
        password = os.environ.get(settings.password_env)
        if password is None:
            raise DigestError(
                f"omgevingsvariabele {settings.password_env} (SMTP-wachtwoord) is niet gezet"
            )
    try:
        if settings.security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host,
                settings.port,
                timeout=settings.timeout,
                context=ssl.create_default_context(),
            )
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with smtp:
            if settings.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if settings.username:
                smtp.login(settings.username, password or "")
            smtp.send_message(message)
    except smtplib.SMTPAuthenticationError:
        raise DigestError(
            f"e-mail: aanmelden bij {settings.host} mislukt (gebruikersnaam of wachtwoord)"
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise DigestError(
            f"e-mail: {settings.host} ondersteunt geen STARTTLS; zet security"
        ) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise DigestError(f"e-mail via {settings.host}:{settings.port} mislukt: {exc}") from None


def send_email(digest: Digest, settings: MonitorEmail) -> None:
    """Send the digest by e-mail."""
    send_mail(subject(digest), render_text(digest), settings)


def post_webhook(
    payload: dict[str, Any], settings: MonitorWebhook, client: httpx.Client | None = None
) -> None:
    """POST a JSON payload to the chat webhook; raises :class:`DigestError` on failure."""
    url = settings.url
    if url is None:
        url = os.environ.get(settings.url_env or "")
        if not url:
            raise DigestError(f"omgevingsvariabele {settings.url_env} (webhook-URL) is niet gezet")
    own = client is None
    http = client or httpx.Client(timeout=settings.timeout)
    try:
        response = http.post(url, json=payload)
    except httpx.HTTPError as exc:
        raise DigestError(f"webhook niet bereikbaar: {exc}") from None
    finally:
        if own:
            http.close()
    if response.status_code >= 300:
        raise DigestError(f"webhook weigerde het bericht: HTTP {response.status_code}")


def send_webhook(
    digest: Digest, settings: MonitorWebhook, client: httpx.Client | None = None
) -> None:
    """POST the digest to the chat webhook."""
    post_webhook(webhook_payload(digest, settings.flavour), settings, client)


def run_digest(
    engine: Engine,
    policy: Policy,
    *,
    dry_run: bool = False,
    send_empty: bool = False,
    client: httpx.Client | None = None,
    channels: Sequence[str] | None = None,
) -> DigestResult:
    """Collect the digest and send it through every configured channel; log the outcome.

    ``dry_run`` collects and renders only: nothing is sent or logged. An empty
    digest is not sent unless ``send_empty``.
    """
    settings = policy.settings.monitor
    digest = collect_digest(engine, policy)
    result = DigestResult(digest)
    configured = [c for c in ("email", "webhook") if getattr(settings, c) is not None]
    if channels is not None:
        configured = [c for c in configured if c in channels]
    if dry_run or (digest.empty and not send_empty):
        return result
    if not configured:
        raise DigestError(
            "geen e-mail of webhook ingesteld; zet [monitor.email] of [monitor.webhook] "
            "in het beleidsbestand"
        )
    for channel in configured:
        try:
            if channel == "email":
                assert settings.email is not None
                send_email(digest, settings.email)
            else:
                assert settings.webhook is not None
                send_webhook(digest, settings.webhook, client)
            result.sent.append(channel)
        except DigestError as exc:
            result.errors.append(str(exc))
    with session_scope(engine) as session:
        session.add(
            DigestLog(
                channels=",".join(configured),
                after_mention_id=digest.after_id,
                upto_mention_id=digest.upto_id,
                counts=digest.counts,
                status=result.status,
                error="\n".join(result.errors) or None,
            )
        )
    return result
