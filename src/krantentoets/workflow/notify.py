"""Tell people that an alignment request needs them, over the monitoring digest's channels.

The channels are the ones the policy configures for the digest
(``[monitor.email]``, ``[monitor.webhook]``). A notice that cannot be sent
never blocks a step of the workflow: the failure is logged and returned.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
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
    from krantentoets.monitor.digest import send_mail

    send_mail(notice.subject, notice.body, settings)


def _send_webhook(notice: Notice, settings: Any) -> None:
    from krantentoets.monitor.digest import post_webhook, text_payload

    post_webhook(text_payload(notice.subject, notice.body, settings.flavour), settings)


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
