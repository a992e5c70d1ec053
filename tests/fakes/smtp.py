"""A local SMTP server (aiosmtpd) that keeps the messages it receives, optionally with AUTH."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class SmtpSink:
    """``with SmtpSink() as smtp: ... smtp.port ... smtp.messages``."""

    username: str | None = None
    password: str | None = None
    messages: list[Received] = field(default_factory=list)
    port: int = 0
    _controller: Any = None

    def __enter__(self) -> SmtpSink:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        sink = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
                msg: Any = message_from_bytes(envelope.content, policy=policy.default)
                sink.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), msg))
                return "250 OK"

        def authenticator(
            server: Any, session: Any, envelope: Any, mechanism: str, data: Any
        ) -> Any:
            ok = (
                isinstance(data, LoginPassword)
                and data.login.decode() == sink.username
                and data.password.decode() == sink.password
            )
            return AuthResult(success=ok, handled=False)

        self.port = _free_port()
        kwargs: dict[str, Any] = {}
        if self.username is not None:
            kwargs = {
                "authenticator": authenticator,
                "auth_require_tls": False,
                "auth_required": True,
            }
        self._controller = Controller(Handler(), hostname="127.0.0.1", port=self.port, **kwargs)
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()
