"""Tell people that an alignment request needs them, over the monitoring digest's channels.

The channels are the ones the policy configures for the digest
(``[monitor.email]``, ``[monitor.webhook]``). A notice that cannot be sent
never blocks a step of the workflow: the failure is logged and returned.
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Notice:
    """One message about a request: to whom (roles and/or names), subject and body (Dutch)."""

    request_id: int
    subject: str
    body: str
    to_roles: tuple[str, ...] = ()
    to_users: tuple[str, ...] = ()


Sender = Callable[[Notice], None]


def _send_email(notice: Notice, settings: Any) -> None:
    message = EmailMessage()
    message["Subject"] = notice.subject
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message.set_content(notice.body)
    password = os.environ.get(settings.password_env) if settings.password_env else None
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


def _send_webhook(notice: Notice, settings: Any) -> None:
    import httpx

    url = settings.url or os.environ.get(settings.url_env or "")
    if not url:
        raise RuntimeError(f"omgevingsvariabele {settings.url_env} (webhook-URL) is niet gezet")
    text = f"{notice.subject}\n\n{notice.body}"
    if settings.flavour == "teams-workflow":
        payload: dict[str, Any] = {
            "type": "message",
            "attachments": [
                {
                    "contentType": "application/vnd.microsoft.card.adaptive",
                    "content": {
                        "type": "AdaptiveCard",
                        "version": "1.4",
                        "body": [{"type": "TextBlock", "text": text, "wrap": True}],
                    },
                }
            ],
        }
    else:
        payload = {"text": text}
    response = httpx.post(url, json=payload, timeout=settings.timeout)
    if response.status_code >= 300:
        raise RuntimeError(f"webhook weigerde het bericht: HTTP {response.status_code}")


def channel_sender(settings: Any) -> Sender | None:
    """A sender over the digest's channels in the policy settings, or ``None`` if none is set."""
    monitor = getattr(settings, "monitor", None)
    email = getattr(monitor, "email", None)
    webhook = getattr(monitor, "webhook", None)
    if email is None and webhook is None:
        return None

    def send(notice: Notice) -> None:
        if email is not None:
            _send_email(notice, email)
        if webhook is not None:
            _send_webhook(notice, webhook)

    return send


def deliver(sender: Sender | None, notice: Notice) -> str | None:
    """Send ``notice``; return the error text if it failed (the step goes on regardless)."""
    if sender is None:
        return None
    try:
        sender(notice)
    except Exception as exc:  # a notice never blocks the workflow
        log.warning("workflow notice for request %s not sent: %s", notice.request_id, exc)
        return str(exc)
    return None
