"""What every source gives: items in batches, each batch with the poll state to save with it."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Protocol

import httpx

from krantentoets import __version__

__all__ = [
    "USER_AGENT",
    "Batch",
    "FetchContext",
    "Fetcher",
    "Item",
    "SourceError",
    "html_to_text",
    "parse_datetime",
    "stable_id",
]

USER_AGENT = f"krantentoets/{__version__} (+monitoring; self-hosted)"
#: Longest text stored for one item; longer texts (whole articles) are cut.
MAX_ITEM_TEXT = 20_000


class SourceError(RuntimeError):
    """A source could not be read. The message (Dutch) says what went wrong."""


@dataclass(frozen=True, slots=True)
class Item:
    """One post or article as a source gives it."""

    external_id: str
    text: str
    url: str | None = None
    author: str | None = None
    author_name: str | None = None
    published_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.external_id:
            raise ValueError("item without an id")
        if self.published_at is not None and self.published_at.tzinfo is None:
            raise ValueError("published_at must be timezone-aware")


@dataclass(frozen=True, slots=True)
class Batch:
    """Items to store together, and the poll state to save in the same transaction.

    ``state`` is None when the state does not change with this batch; a
    source advances its cursor only with the batch after which nothing can be
    missed if the process stops.
    """

    items: list[Item]
    state: dict[str, Any] | None = None
    #: Problems with single records (a bad line in an export), in Dutch; the rest goes on.
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class FetchContext:
    """What a fetcher may use: an HTTP client, the search terms, where relative paths start."""

    client: httpx.Client
    #: The organisation's names and aliases (for searches without an explicit query).
    names: tuple[str, ...] = ()
    #: The organisation's hashtags without '#'.
    hashtags: tuple[str, ...] = ()
    base_dir: Path = field(default_factory=Path.cwd)
    #: Items per import batch (one transaction each).
    batch_size: int = 500


class Fetcher(Protocol):
    def __call__(
        self, source: Any, state: dict[str, Any], ctx: FetchContext
    ) -> Iterator[Batch]: ...


def make_client(
    timeout: float = 20.0, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """The HTTP client all sources share: a timeout, redirects, our user agent."""
    return httpx.Client(
        timeout=timeout,
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT},
        transport=transport,
    )


def get_json(ctx: FetchContext, url: str, **kwargs: Any) -> Any:
    """GET ``url`` and decode JSON; HTTP and decoding problems become :class:`SourceError`."""
    response = ctx.client.get(url, **kwargs)
    if response.status_code >= 400:
        raise SourceError(http_problem(response))
    try:
        return response.json()
    except ValueError:
        raise SourceError(f"{url}: antwoord is geen geldige JSON") from None


def http_problem(response: httpx.Response) -> str:
    reason = {
        401: "niet aangemeld (token of wachtwoord nodig of onjuist)",
        403: "geweigerd (aanmelden nodig of geen toegang)",
        404: "niet gevonden",
        429: "te veel verzoeken; probeer later opnieuw",
    }.get(response.status_code, response.reason_phrase or "fout")
    return f"{response.request.url.copy_with(query=None)}: HTTP {response.status_code} {reason}"


def stable_id(*parts: str | None) -> str:
    """An id for an item that has none of its own: a hash of what identifies it."""
    digest = hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()
    return f"sha256:{digest[:32]}"


# -- text ---------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
)
_SKIP_TAGS = frozenset({"script", "style"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n" if tag == "br" else "\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS and tag != "br":
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str | None) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, paragraphs kept."""
    if not markup:
        return ""
    if "<" not in markup:
        text = html.unescape(markup)
    else:
        parser = _TextExtractor()
        parser.feed(markup)
        parser.close()
        text = "".join(parser.parts)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return text[:MAX_ITEM_TEXT]


def parse_datetime(value: Any) -> datetime | None:
    """An ISO 8601 timestamp (``Z`` or offset) as aware UTC; None when absent or unreadable."""
    if not value or not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
