"""The client's address, and https behind a reverse proxy, trusting only named proxies.

``X-Forwarded-For`` and ``X-Forwarded-Proto`` are believed only when the connection comes
from an address listed in ``KRANTENTOETS_TRUSTED_PROXIES`` (addresses or networks, comma
separated; empty by default). Anyone else can write those headers, so without that setting
they are ignored and the connection's own address counts: a local client cannot pose as
many addresses to escape the login throttle.

The app does this itself (``krantentoets serve`` runs uvicorn with its own proxy handling
off), so the rule is the same under every server and in tests.
"""

from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

ENV_TRUSTED_PROXIES = "KRANTENTOETS_TRUSTED_PROXIES"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

log = logging.getLogger("krantentoets.web")


class ProxySettingError(ValueError):
    """The trusted-proxy setting cannot be read; the message is Dutch."""


def parse_trusted_proxies(raw: str | None) -> tuple[Network, ...]:
    """``"10.0.0.5, 192.168.1.0/24"`` -> networks; an empty value trusts no one."""
    networks = []
    for part in (raw or "").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ProxySettingError(
                f"{ENV_TRUSTED_PROXIES}: '{part}' is geen IP-adres of netwerk "
                "(voorbeeld: 127.0.0.1, 10.0.0.0/8)"
            ) from None
    return tuple(networks)


def trusted_proxies_from_env() -> tuple[Network, ...]:
    return parse_trusted_proxies(os.environ.get(ENV_TRUSTED_PROXIES))


def _is_trusted(host: str, trusted: Iterable[Network]) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(address in net for net in trusted)


def forwarded_client(peer: str, forwarded_for: str | None, trusted: tuple[Network, ...]) -> str:
    """The client's address: the peer, or, when the peer is a trusted proxy, the rightmost
    address in ``X-Forwarded-For`` that is not itself a trusted proxy."""
    if not trusted or not forwarded_for or not _is_trusted(peer, trusted):
        return peer
    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # a garbled header from behind the proxy: keep the proxy's address
    return hops[0] if hops else peer


class TrustedProxyMiddleware:
    """Pure ASGI middleware: rewrite ``client`` and ``scheme`` from a trusted proxy's headers."""

    def __init__(self, app: ASGIApp, trusted: tuple[Network, ...]):
        self.app = app
        self.trusted = trusted
        self._warned = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and scope.get("client"):
            headers = dict(scope.get("headers") or ())
            xff = headers.get(b"x-forwarded-for")
            peer, port = scope["client"]
            if xff is not None:
                if _is_trusted(peer, self.trusted):
                    client = forwarded_client(peer, xff.decode("latin-1"), self.trusted)
                    scope = {**scope, "client": (client, port)}
                    proto = headers.get(b"x-forwarded-proto", b"").decode("latin-1").strip()
                    if proto in ("http", "https"):
                        scope["scheme"] = (
                            proto
                            if scope["type"] == "http"
                            else ("wss" if proto == "https" else "ws")
                        )
                elif not self._warned:
                    self._warned = True
                    log.warning(
                        "X-Forwarded-For from %s ignored: not a trusted proxy (set %s)",
                        peer,
                        ENV_TRUSTED_PROXIES,
                    )
        await self.app(scope, receive, send)
