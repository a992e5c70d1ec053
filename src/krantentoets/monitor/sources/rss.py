"""RSS and Atom feeds (local news sites, Google News): streamed, parsed entry by entry.

The feed is asked for with the ETag and Last-Modified of the previous poll,
so an unchanged feed costs one small ``304 Not Modified``. The answer is
streamed to a spool file (bounded by the poll's size limit and deadline) and
read with ``iterparse`` one ``<item>``/``<entry>`` at a time; each entry is
handed to feedparser as a one-entry feed, so feedparser's handling of every
RSS/Atom dialect is kept while memory stays flat on a feed of hundreds of MB.
Entries are committed per batch; the ETag is saved only with the last one.
A feed that is not well-formed XML (feedparser copes with many) is parsed
whole when it is small.

What an entry gives:
- text: the title (kept as text when the feed says it is plain text) and the
  fullest body: ``content:encoded``/Atom content when longer than the summary;
- time: RFC 822, ISO 8601, Dutch (``do, 05 jun 2025 14:00``) and day-first
  numeric (``02-06-2025 14:00``) dates; a date without zone is read in the
  source's ``timezone`` (default Europe/Amsterdam);
- id: GUID (or link) plus a short hash of link and text, so two different
  articles that share a GUID are both kept, and a re-fetched one is not;
- Google News: the publisher (``<source>``), the title without " - Publisher",
  and the article's own link when it can be read from the Google link.
"""

from __future__ import annotations

import base64
import calendar
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import IO, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from krantentoets.monitor.sources.base import (
    Batch,
    FetchContext,
    Item,
    Skipped,
    SourceError,
    html_to_text,
    http_problem,
    safe_items,
    stable_id,
)

ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
#: A feed that is not well-formed XML is handed to feedparser whole up to this size.
MAX_WHOLE_PARSE = 10 * 1024 * 1024
SPOOL_IN_MEMORY = 1024 * 1024
_ENTRY_TAGS = frozenset({"item", "entry"})
ATOM_NS = "http://www.w3.org/2005/Atom"


def fetch_rss(source: Any, state: dict[str, Any], ctx: FetchContext) -> Iterator[Batch]:
    headers = {"Accept": ACCEPT}
    if state.get("etag"):
        headers["If-None-Match"] = state["etag"]
    if state.get("modified"):
        headers["If-Modified-Since"] = state["modified"]
    with (
        tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY) as spool,
        ctx.client.stream("GET", source.url, headers=headers) as response,
    ):
        if response.status_code == 304:
            return
        if response.status_code >= 400:
            raise SourceError(http_problem(response))
        for chunk in response.iter_bytes():
            spool.write(chunk)
        new_state = dict(state)
        for key, header in (("etag", "etag"), ("modified", "last-modified")):
            if response.headers.get(header):
                new_state[key] = response.headers[header]
            else:
                new_state.pop(key, None)
        size = spool.tell()
        spool.seek(0)
        zone = ZoneInfo(source.timezone)
        entries = _stream_entries(spool, size, ctx)
        batch: list[Any] = []
        for entry in entries:
            batch.append(entry)
            if len(batch) >= ctx.batch_size:
                yield _batch(batch, zone)
                batch = []
                ctx.budget.check()
        last = _batch(batch, zone)
        yield Batch(last.items, new_state, last.errors, last.skipped)


def _batch(entries: list[Any], zone: ZoneInfo) -> Batch:
    items, skipped = safe_items(
        entries, lambda e: to_item(e, zone), lambda e: str(e.get("id") or e.get("link") or "?")
    )
    return Batch(items, skipped=tuple(skipped))


def _wrap(element: ET.Element) -> bytes:
    body = ET.tostring(element)
    if element.tag.startswith("{" + ATOM_NS + "}"):
        return b'<feed xmlns="http://www.w3.org/2005/Atom">' + body + b"</feed>"
    if element.tag.startswith("{"):  # RSS 1.0 (RDF): items live in the RSS 1.0 namespace
        return (
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            b'xmlns="http://purl.org/rss/1.0/">' + body + b"</rdf:RDF>"
        )
    return b'<rss version="2.0"><channel>' + body + b"</channel></rss>"


def _stream_entries(spool: IO[bytes], size: int, ctx: FetchContext) -> Iterator[Any]:
    """Each entry as feedparser sees it; a feed that is not well-formed is parsed whole."""
    import feedparser

    given = 0
    open_elements: list[ET.Element] = []
    try:
        for event, element in ET.iterparse(spool, events=("start", "end")):
            if event == "start":
                open_elements.append(element)
                continue
            open_elements.pop()
            if element.tag.rsplit("}", 1)[-1] not in _ENTRY_TAGS:
                continue
            parsed = feedparser.parse(_wrap(element))
            if open_elements:  # drop the entry from its parent: memory stays flat
                open_elements[-1].remove(element)
            for entry in parsed.entries:
                given += 1
                yield entry
            if given % 200 == 0:
                ctx.budget.check()
    except ET.ParseError as exc:
        if given:
            raise SourceError(
                f"feed is geen geldige XML na {given} berichten ({exc}); "
                "de rest volgt bij de volgende ronde"
            ) from None
        if size > MAX_WHOLE_PARSE:
            raise SourceError(f"feed is geen geldige XML ({exc})") from None
        spool.seek(0)
        parsed = feedparser.parse(spool.read())
        if parsed.bozo and not parsed.entries:
            raise SourceError("geen geldige RSS- of Atom-feed") from None
        yield from parsed.entries
        return
    if not given and size == 0:
        raise SourceError("leeg antwoord: geen RSS- of Atom-feed")


# -- one entry ----------------------------------------------------------------------------

_DUTCH_DAYS = {
    "ma": "Mon", "di": "Tue", "wo": "Wed", "do": "Thu", "vr": "Fri", "za": "Sat", "zo": "Sun",
    "maandag": "Mon", "dinsdag": "Tue", "woensdag": "Wed", "donderdag": "Thu",
    "vrijdag": "Fri", "zaterdag": "Sat", "zondag": "Sun",
}  # fmt: skip
_DUTCH_MONTHS = {
    "jan": "Jan", "januari": "Jan", "feb": "Feb", "februari": "Feb", "mrt": "Mar",
    "maart": "Mar", "apr": "Apr", "april": "Apr", "mei": "May", "jun": "Jun", "juni": "Jun",
    "jul": "Jul", "juli": "Jul", "aug": "Aug", "augustus": "Aug", "sep": "Sep", "sept": "Sep",
    "september": "Sep", "okt": "Oct", "oktober": "Oct", "nov": "Nov", "november": "Nov",
    "dec": "Dec", "december": "Dec",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+\.?")
_DAY_FIRST = re.compile(
    r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$"
)


def _english(raw: str) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0).rstrip(".").lower()
        return _DUTCH_DAYS.get(word) or _DUTCH_MONTHS.get(word) or match.group(0)

    return _WORD.sub(swap, raw)


def parse_feed_date(raw: str | None, zone: ZoneInfo) -> datetime | None:
    """A feed date as aware UTC: RFC 822 (also Dutch), ISO 8601 or day-first numeric.

    A date without a zone is read in ``zone``; an unreadable one gives None.
    """
    if not raw or not raw.strip():
        return None
    text = raw.strip()
    when: datetime | None = None
    numeric = _DAY_FIRST.match(text)
    if numeric:
        day, month, year, hour, minute, second = numeric.groups()
        try:
            when = datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
            )
        except ValueError:
            return None
    else:
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                when = parsedate_to_datetime(_english(text).replace(",", ", ").replace("  ", " "))
            except (TypeError, ValueError, IndexError):
                return None
            if "-0000" in text:
                when = when.replace(tzinfo=None)  # RFC 2822: "-0000" means zone unknown
    if when.tzinfo is None:
        when = when.replace(tzinfo=zone)
    return when.astimezone(UTC)


def _title(entry: Any) -> str:
    detail = entry.get("title_detail") or {}
    raw = entry.get("title") or ""
    if detail.get("type") == "text/plain":
        return " ".join(raw.split())  # plain text: "a < b" is text, not markup
    return html_to_text(raw)


def _body(entry: Any) -> str:
    summary = html_to_text(entry.get("summary"))
    content = ""
    for part in entry.get("content") or ():  # content:encoded, Atom <content>
        text = html_to_text(part.get("value"))
        if len(text) > len(content):
            content = text
    return content if len(content) > len(summary) else summary


def _google_target(link: str) -> str | None:
    """The article URL inside a Google News link (older links carry it base64-encoded)."""
    parts = urlsplit(link)
    if parts.hostname != "news.google.com" or "/articles/" not in parts.path:
        return None
    token = parts.path.rsplit("/", 1)[-1]
    try:
        data = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (ValueError, TypeError):
        return None
    match = re.search(rb"https?://[\x21-\x7e]+", data)
    return match.group(0).decode("ascii") if match else None


def _published(entry: Any, zone: ZoneInfo) -> datetime | None:
    for key in ("published", "updated", "created"):
        when = parse_feed_date(entry.get(key), zone)
        if when is not None:
            return when
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC) if parsed else None


def to_item(entry: Any, zone: ZoneInfo) -> Item | Skipped:
    title = _title(entry)
    body = _body(entry)
    link = entry.get("link")
    details: dict[str, Any] = {}
    source = entry.get("source") or {}
    if link and urlsplit(link).hostname == "news.google.com":
        publisher = source.get("title")
        if publisher:
            details["publisher"] = publisher
            if title.endswith(f" - {publisher}"):
                title = title[: -len(publisher) - 3]
        if source.get("href"):
            details["publisher_url"] = source["href"]
        target = _google_target(link)
        if target:
            details["google_news_link"] = link
            link = target
        else:
            details["redirect"] = True  # newer Google links can only be followed online
        if body.startswith(title):
            body = body[len(title) :].strip(" \u00a0-\n")
    text = "\n\n".join(p for p in dict.fromkeys((title, body)) if p)
    guid = entry.get("id") or link
    if not text:
        return Skipped(str(guid or "?"), "leeg bericht (geen titel of tekst)")
    if guid:
        details["guid"] = guid
        external_id = f"{guid}#{stable_id(link, text)[7:19]}"
    else:
        external_id = stable_id(title, body)
    return Item(
        external_id=external_id,
        text=text,
        url=link,
        author=entry.get("author") or None,
        published_at=_published(entry, zone),
        details=details,
    )
