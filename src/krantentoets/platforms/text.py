"""Plain text from what platforms send: HTML fragments (with their links) and timestamps."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

__all__ = ["MAX_ITEM_TEXT", "Link", "html_links", "html_to_text", "parse_datetime"]

#: Longest text stored for one item; longer texts (whole articles) are cut.
MAX_ITEM_TEXT = 20_000

_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
)
_SKIP_TAGS = frozenset({"script", "style"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


Link = dict[str, str]


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        #: Links (``{"url", "text"}``) except mentions and hashtags.
        self.links: list[Link] = []
        self._anchor: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            attr = dict(attrs)
            classes = (attr.get("class") or "").split()
            href = attr.get("href") or ""
            rel = (attr.get("rel") or "").split()
            if href and not {"mention", "hashtag"} & set(classes) and "tag" not in rel:
                self._anchor = (href, [])
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n" if tag == "br" else "\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._anchor is not None:
            href, words = self._anchor
            self.links.append({"url": href, "text": " ".join("".join(words).split())})
            self._anchor = None
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS and tag != "br":
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)
            if self._anchor is not None:
                self._anchor[1].append(data)


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


def html_links(markup: str | None) -> list[Link]:
    """The links of an HTML fragment with their full target (mentions and hashtags left out)."""
    if not markup or "<a" not in markup:
        return []
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return parser.links


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
