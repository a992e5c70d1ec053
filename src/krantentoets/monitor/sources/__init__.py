"""Source clients. Each kind maps to a fetcher ``(source, state, ctx) -> Iterator[Batch]``."""

from __future__ import annotations

from krantentoets.monitor.sources.base import Batch, FetchContext, Fetcher, Item, SourceError

__all__ = ["FETCHERS", "Batch", "FetchContext", "Fetcher", "Item", "SourceError", "fetcher"]

#: kind -> "module:function", imported on first use.
FETCHERS: dict[str, str] = {
    "rss": "krantentoets.monitor.sources.rss:fetch_rss",
    "mastodon": "krantentoets.monitor.sources.mastodon:fetch_mastodon",
    "bluesky": "krantentoets.monitor.sources.bluesky:fetch_bluesky",
    "import": "krantentoets.monitor.sources.exports:fetch_export",
}


def fetcher(kind: str) -> Fetcher:
    """The fetch function for a source kind."""
    import importlib

    module, _, attr = FETCHERS[kind].partition(":")
    func: Fetcher = getattr(importlib.import_module(module), attr)
    return func
