"""Platform clients: one module per platform, shared by monitoring, publishing and capture.

Each platform module (``mastodon``, ``bluesky``) builds its client from a small
connection description, keeps its login session in :mod:`krantentoets.platforms.sessions`
and raises only the errors below, so callers handle every platform alike. All
network traffic goes through :mod:`krantentoets.platforms.net`: a deadline per
job, a maximum response size and no requests to internal addresses.
"""

from __future__ import annotations

__all__ = [
    "AuthRequired",
    "BlockedAddress",
    "DeadlineExceeded",
    "PlatformError",
    "RateLimited",
    "ResponseTooLarge",
]


class PlatformError(RuntimeError):
    """A platform could not be used. The message (Dutch) says what went wrong."""


class AuthRequired(PlatformError):
    """The platform wants a login (or a better one) for this request (HTTP 401/403)."""


class RateLimited(PlatformError):
    """Too many requests (HTTP 429): try again later."""


class BlockedAddress(PlatformError):
    """A request (or a redirect) pointed at an internal address the policy does not allow."""


class DeadlineExceeded(PlatformError):
    """The job (one poll of a source) ran past its deadline."""


class ResponseTooLarge(PlatformError):
    """An answer was larger than the configured maximum."""
