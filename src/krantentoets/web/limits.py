"""Request limits for every endpoint: body size (declared and streamed) and API rate.

``BodyLimit`` answers 413 before the app reads a body that is too large, whatever the
endpoint: a form, the JSON API or a path that takes no body at all. Paths that take images
(the check page and ``POST /api/v1/check``) may carry the configured images; every other
request at most :data:`krantentoets.limits.MAX_JSON_BYTES`. A JSON path answers in the
API's error shape (``{"error": "..."}``), a page in plain Dutch HTML.

``RateLimiter`` is a token bucket per API token in each worker process: a script that
floods the API gets 429 with ``Retry-After`` instead of taking the workers for itself.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from krantentoets.limits import MAX_JSON_BYTES

#: Paths whose body may carry images (prefixes).
UPLOAD_PATHS: tuple[str, ...] = ("/api/v1/check", "/controleren")


@dataclass(frozen=True, slots=True)
class BodyLimits:
    default: int
    uploads: int

    def for_path(self, path: str) -> int:
        return self.uploads if path.startswith(UPLOAD_PATHS) else self.default


def body_limits(config: object) -> BodyLimits:
    images = getattr(config, "max_images", 4) * getattr(config, "max_image_bytes", 10 << 20)
    # base64 in JSON makes images a third larger; multipart adds a little per part.
    return BodyLimits(default=MAX_JSON_BYTES, uploads=MAX_JSON_BYTES + images * 4 // 3 + 65536)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Pure ASGI middleware: 413 for a body over the path's limit."""

    def __init__(self, app: ASGIApp, limits: BodyLimits):
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.for_path(scope["path"])
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > limit
            except ValueError:
                too_large = False
            if too_large:
                await _send_413(scope, send, limit)
                return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        async def watch_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, watch_send)
        except _TooLarge:
            if not started:
                await _send_413(scope, send, limit)


async def _send_413(scope: Scope, send: Send, limit: int) -> None:
    megabytes = max(1, limit // (1024 * 1024))
    text = f"het verzoek is te groot (hoogstens {megabytes} MB)"
    if scope["path"].startswith("/api/"):
        import orjson

        body = orjson.dumps({"error": text})
        content_type = b"application/json"
    else:
        body = (
            '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Te groot</title>'
            f"<h1>Het verzoek is te groot</h1><p>Stuur hoogstens {megabytes} MB.</p>"
            '<p><a href="/">Terug naar krantentoets</a></p></html>'
        ).encode()
        content_type = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """Token bucket per key: ``rate`` per second, bursts up to ``2 * rate``; bounded memory."""

    MAX_KEYS = 10_000

    def __init__(self, rate: float, clock=time.monotonic) -> None:
        self.rate = rate
        self.burst = max(1.0, 2 * rate)
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def acquire(self, key: str) -> float:
        """0 when the request may go ahead, else the seconds to wait before retrying."""
        if self.rate <= 0:
            return 0.0
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1:
                self._buckets[key] = (tokens - 1, now)
                wait = 0.0
            else:
                self._buckets[key] = (tokens, now)
                wait = (1 - tokens) / self.rate
            while len(self._buckets) > self.MAX_KEYS:
                self._buckets.popitem(last=False)
            return wait
