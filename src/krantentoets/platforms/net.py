"""Bounded network access for every platform client: deadline, size cap, no internal hosts.

One :class:`Budget` covers a whole job (one poll of one source): every request
made for it, whatever library makes it (httpx for feeds and ``atproto``,
``requests`` inside ``Mastodon.py``), gets at most the time that is left, and
every answer is read in chunks that are counted against ``max_bytes`` and the
deadline, so a server that never stops sending cannot hold a poll.

Before each request, and again before each redirect hop (both libraries send
a redirect through the same transport), the host is resolved and refused when
any of its addresses is loopback, private, link-local (cloud metadata
``169.254.169.254``), multicast, reserved or unspecified, unless the host is
named in ``allow_hosts`` (the policy's ``[monitor] allow_private_hosts``).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from krantentoets.platforms import BlockedAddress, DeadlineExceeded, ResponseTooLarge

__all__ = ["Budget", "GuardedTransport", "check_host", "guarded_httpx", "guarded_requests"]

CHUNK = 64 * 1024
#: Metadata names some clouds answer on besides 169.254.169.254.
_METADATA_NAMES = frozenset({"metadata", "metadata.google.internal", "metadata.goog"})


@dataclass
class Budget:
    """Time and size limits for one job; :meth:`start` begins a new job."""

    #: Seconds one request may wait for the server (connect, each read).
    timeout: float = 20.0
    #: Seconds for the whole job (all pages of one source).
    deadline: float = 120.0
    #: Largest answer read, in bytes.
    max_bytes: int = 20 * 1024 * 1024
    #: Host names (or IP literals) that may be internal: for a local test server or intranet feed.
    allow_hosts: frozenset[str] = frozenset()
    _ends_at: float = field(default=0.0, repr=False)

    def __post_init__(self) -> None:
        self.allow_hosts = frozenset(h.lower().strip("[]") for h in self.allow_hosts)
        self.start()

    def start(self, deadline: float | None = None) -> None:
        self._ends_at = time.monotonic() + (self.deadline if deadline is None else deadline)

    def remaining(self) -> float:
        return self._ends_at - time.monotonic()

    def check(self) -> None:
        if self.remaining() <= 0:
            raise DeadlineExceeded(
                f"tijdslimiet van {self.deadline:g} s voor deze bron verstreken; "
                "de rest volgt bij de volgende ronde"
            )

    def request_timeout(self) -> float:
        self.check()
        return max(0.01, min(self.timeout, self.remaining()))


def _is_internal(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return bool(
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def check_host(url: str, allow_hosts: frozenset[str]) -> None:
    """Raise :class:`BlockedAddress` when ``url``'s host is internal and not allowed."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host:
        raise BlockedAddress(f"{url}: geen host in het adres")
    if host in allow_hosts:
        return
    if host in _METADATA_NAMES or host == "localhost" or host.endswith(".localhost"):
        raise BlockedAddress(_blocked(host))
    try:
        addresses = {ipaddress.ip_address(host).compressed}
    except ValueError:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
        except socket.gaierror:
            return  # the request itself will fail with a clear network error
        addresses = {str(info[4][0]) for info in infos}
    if any(_is_internal(a) for a in addresses):
        raise BlockedAddress(_blocked(host))


def _blocked(host: str) -> str:
    return (
        f"{host}: intern adres (loopback, privé, link-local of metadata) geweigerd; "
        "sta het toe met [monitor] allow_private_hosts als dat zo bedoeld is"
    )


# -- httpx ------------------------------------------------------------------------------


class _BoundedStream(httpx.SyncByteStream):
    def __init__(self, inner: Any, budget: Budget, url: str) -> None:
        self._inner = inner
        self._budget = budget
        self._url = url

    def __iter__(self) -> Iterator[bytes]:
        total = 0
        for chunk in self._inner:
            total += len(chunk)
            if total > self._budget.max_bytes:
                raise ResponseTooLarge(_too_large(self._url, self._budget.max_bytes))
            self._budget.check()
            yield chunk

    def close(self) -> None:
        close = getattr(self._inner, "close", None)
        if close is not None:
            close()


def _too_large(url: str, limit: int) -> str:
    return f"{urlsplit(url)._replace(query='').geturl()}: antwoord groter dan {limit} bytes"


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport that applies a :class:`Budget` to every request and redirect."""

    def __init__(self, budget: Budget, inner: httpx.BaseTransport | None = None) -> None:
        self.budget = budget
        self._inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        check_host(url, self.budget.allow_hosts)
        wait = self.budget.request_timeout()
        request.extensions = {
            **request.extensions,
            "timeout": {"connect": wait, "read": wait, "write": wait, "pool": wait},
        }
        response = self._inner.handle_request(request)
        length = response.headers.get("content-length")
        if length and length.isdigit() and int(length) > self.budget.max_bytes:
            response.close()
            raise ResponseTooLarge(_too_large(url, self.budget.max_bytes))
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_BoundedStream(response.stream, self.budget, url),
            extensions=response.extensions,
        )

    def close(self) -> None:
        self._inner.close()


def guarded_httpx(budget: Budget, user_agent: str, **kwargs: Any) -> httpx.Client:
    """An httpx client whose every request (and redirect) goes through ``budget``."""
    return httpx.Client(
        timeout=budget.timeout,
        follow_redirects=True,
        headers={"User-Agent": user_agent},
        transport=GuardedTransport(budget, kwargs.pop("transport", None)),
        **kwargs,
    )


# -- requests (Mastodon.py) -------------------------------------------------------------


def guarded_requests(budget: Budget, user_agent: str) -> Any:
    """A ``requests.Session`` whose every request (and redirect) goes through ``budget``."""
    import requests
    from requests.adapters import HTTPAdapter

    class _Adapter(HTTPAdapter):
        def send(self, request: Any, stream: bool = False, timeout: Any = None, **kw: Any) -> Any:
            check_host(request.url, budget.allow_hosts)
            response = super().send(request, stream=True, timeout=budget.request_timeout(), **kw)
            chunks: list[bytes] = []
            total = 0
            try:
                for chunk in response.raw.stream(CHUNK, decode_content=True):
                    total += len(chunk)
                    if total > budget.max_bytes:
                        raise ResponseTooLarge(_too_large(request.url, budget.max_bytes))
                    budget.check()
                    chunks.append(chunk)
            finally:
                response.close()
            response._content = b"".join(chunks)
            response._content_consumed = True
            return response

    session = requests.Session()
    session.headers["User-Agent"] = user_agent
    adapter = _Adapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
