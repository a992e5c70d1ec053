"""The HTTP plumbing the httpx-based platform modules share (LinkedIn, Facebook, X).

One function sends a request and turns every failure into a
:class:`~krantentoets.publish.base.PlatformError`: the HTTP status decides the
kind, the platform module's ``reason`` function reads the platform's own error
body (each documents a different shape), and a module may refine the kind
(Facebook's OAuth error code 190 arrives as HTTP 400).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from krantentoets.publish.base import PlatformError, kind_for_status

__all__ = ["TIMEOUT", "OAuthTokens", "send"]

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


class OAuthTokens:
    """An OAuth 2.0 bearer token on ``client``, renewed with the refresh token before it expires.

    ``creds`` holds ``access_token`` and, when the platform gave them,
    ``refresh_token`` and ``expires_at`` (ISO 8601); ``fields`` names the other
    credentials the token endpoint wants (``client_id``, ``client_secret``).
    After a refresh :attr:`fresh` holds the new credentials to store again.
    """

    def __init__(
        self,
        platform: str,
        client: httpx.Client,
        creds: dict[str, Any],
        *,
        token_url: str,
        read_error: ErrorReader,
        margin: timedelta,
        fields: tuple[str, ...] = ("client_id",),
    ) -> None:
        self.platform, self.client, self.creds = platform, client, creds
        self.token_url, self.read_error, self.margin, self.fields = (
            token_url,
            read_error,
            margin,
            fields,
        )
        self.fresh: dict[str, Any] | None = None
        self._header()

    def _header(self) -> None:
        self.client.headers["Authorization"] = f"Bearer {self.creds['access_token']}"

    def due(self) -> bool:
        expires = self.creds.get("expires_at")
        return bool(
            self.creds.get("refresh_token")
            and isinstance(expires, str)
            and datetime.fromisoformat(expires) - datetime.now(UTC) < self.margin
        )

    def refresh(self) -> None:
        data = {
            "grant_type": "refresh_token",
            "refresh_token": self.creds["refresh_token"],
            **{f: self.creds.get(f, "") for f in self.fields},
        }
        got = send(
            self.client, self.platform, "POST", self.token_url, self.read_error, data=data
        ).json()
        expires = datetime.now(UTC) + timedelta(seconds=int(got.get("expires_in", 0)))
        self.creds.update(
            access_token=got["access_token"],
            refresh_token=got.get("refresh_token", self.creds["refresh_token"]),
            expires_at=expires.isoformat(),
        )
        self.fresh = dict(self.creds)
        self._header()
