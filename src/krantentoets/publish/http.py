"""The HTTP plumbing the httpx-based platform modules share (LinkedIn, Facebook, X).

One function sends a request and turns every failure into a
:class:`~krantentoets.publish.base.PlatformError`: the HTTP status decides the
kind, the platform module's ``reason`` function reads the platform's own error
body (each documents a different shape), and a module may refine the kind
(Facebook's OAuth error code 190 arrives as HTTP 400).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from krantentoets.publish.base import PlatformError, kind_for_status

__all__ = ["TIMEOUT", "send"]

TIMEOUT = 30.0

#: Reads an error response: (reason text, kind override or None).
ErrorReader = Callable[[int, Any], tuple[str | None, str | None]]


def send(
    client: httpx.Client,
    platform: str,
    method: str,
    url: str,
    read_error: ErrorReader,
    **kwargs: Any,
) -> httpx.Response:
    try:
        response = client.request(method, url, **kwargs)
    except httpx.HTTPError as exc:
        raise PlatformError(platform, "network", None, type(exc).__name__) from None
    if response.status_code < 400:
        return response
    try:
        body: Any = response.json()
    except ValueError:
        body = response.text[:300]
    reason, kind = read_error(response.status_code, body)
    raise PlatformError(
        platform, kind or kind_for_status(response.status_code), response.status_code, reason
    )
