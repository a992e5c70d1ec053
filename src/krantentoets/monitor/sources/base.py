"""What every source gives: items in batches, each batch with the poll state to save with it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import httpx

from krantentoets import __version__
from krantentoets.platforms import PlatformError
from krantentoets.platforms.items import VISIBILITIES, Item
from krantentoets.platforms.net import Budget, guarded_httpx
from krantentoets.platforms.text import MAX_ITEM_TEXT, html_to_text, parse_datetime

__all__ = [
    "MAX_ITEM_TEXT",
    "USER_AGENT",
    "VISIBILITIES",
    "Batch",
    "Cursors",
    "FetchContext",
    "Fetcher",
    "Item",
    "Skipped",
    "SourceError",
    "html_to_text",
    "parse_datetime",
    "stable_id",
]

USER_AGENT = f"krantentoets/{__version__} (+monitoring; self-hosted)"


class SourceError(PlatformError):
    """A source could not be read. The message (Dutch) says what went wrong."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """One record a source gave that was not stored, and why (Dutch)."""

    external_id: str | None
    reason: str


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
    #: Records left out on purpose or because they could not be read (each with its reason).
    skipped: tuple[Skipped, ...] = ()
    #: Set when paging stopped before the end (page cap, refused or failed page): why, in
    #: Dutch. The state saved with this batch makes the next poll fetch what is left.
    pages_left: str | None = None


class Cursors:
    """The per-listing cursors in a source's state (``state["cursors"][key]``).

    Every batch carries the whole state with the listing's entry as it stands
    after that batch, so whatever is committed says exactly where to go on.
    """

    def __init__(self, state: dict[str, Any]) -> None:
        self.state = state
        self.entries: dict[str, Any] = dict(state.get("cursors", {}))

    def get(self, key: str) -> dict[str, Any]:
        return dict(self.entries.get(key, {}))

    def batch(
        self,
        key: str,
        entry: dict[str, Any],
        items: list[Item],
        skipped: list[Skipped],
        pages_left: str | None = None,
    ) -> Batch:
        self.entries[key] = entry
        state = {**self.state, "cursors": dict(self.entries)}
        return Batch(items, state, skipped=tuple(skipped), pages_left=pages_left)


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
    #: Time and size limits of the current poll, shared by every client the poll uses.
    budget: Budget = field(default_factory=Budget)
    #: Where platform sessions are kept between runs (None: log in every time).
    engine: Any = None


class Fetcher(Protocol):
    def __call__(
        self, source: Any, state: dict[str, Any], ctx: FetchContext
    ) -> Iterator[Batch]: ...


def make_client(
    timeout: float = 20.0,
    transport: httpx.BaseTransport | None = None,
    *,
    budget: Budget | None = None,
) -> httpx.Client:
    """The HTTP client all sources share: bounded by ``budget``, redirects, our user agent."""
    budget = budget or Budget(timeout=timeout)
    return guarded_httpx(budget, USER_AGENT, transport=transport)


def get_json(ctx: FetchContext, url: str, **kwargs: Any) -> Any:
    """GET ``url`` and decode JSON; HTTP and decoding problems become :class:`SourceError`."""
    response = ctx.client.get(url, **kwargs)
    if response.status_code >= 400:
        raise SourceError(http_problem(response))
    try:
        return response.json()
    except ValueError:
        raise SourceError(f"{url}: antwoord is geen geldige JSON") from None


def safe_items(
    records: Any, normalise: Any, describe: Any = None
) -> tuple[list[Item], list[Skipped]]:
    """Normalise each record; one that cannot be read is skipped with its reason, not the page."""
    items: list[Item] = []
    skipped: list[Skipped] = []
    for record in records:
        try:
            item = normalise(record)
        except Exception as exc:  # one malformed record must not cost its page
            rid = describe(record) if describe is not None else None
            skipped.append(Skipped(rid, f"onleesbaar ({type(exc).__name__}: {exc})"[:300]))
            continue
        if isinstance(item, Skipped):
            skipped.append(item)
        elif item is not None:
            items.append(item)
    return items, skipped


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
