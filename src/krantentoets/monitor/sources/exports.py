"""Import of exports: monitoring tools (Coosto, OBI4wan, ...) and the platforms' own downloads.

Layouts recognised (or named with ``format``):

- ``csv`` / ``jsonl``: any table; which column holds what is configurable
  (``columns = {text = "Bericht", ...}``), else common Dutch and English
  column names are recognised;
- ``meta-csv``: Meta Business Suite's post export (``Post ID``, ``Description``,
  ``Publish time`` in US month-first order, ``Permalink``);
- ``facebook-json``: Facebook's "Download your information" JSON (posts and
  comments), with its known mojibake (UTF-8 read as Latin-1) repaired;
- ``x-archive``: X's archive ``tweets.js`` (``window.YTD.tweets.part0 = [...]``)
  or ``tweets.json``, with t.co links expanded;
- ``linkedin-shares`` / ``linkedin-comments``: LinkedIn's ``Shares.csv`` and
  ``Comments.csv`` (dates in UTC);
- ``xlsx``: an Excel workbook (first sheet, or ``sheet``), read streaming with
  openpyxl, columns as for CSV.

Text files may be UTF-8, UTF-16 (Excel's "Unicode text", tab-separated) or
Windows-1252. Dates: the order of numeric dates (``02-06-2025``) is detected
per file from all its dates; a file whose dates fit both day-first and
month-first is an error that asks for ``date_format``, never a silent guess
(Meta's export is known to be month-first; with ``-`` or ``.`` between the parts a
date is read day first, as Dutch and Flemish tools write it). An unknown layout is an error that
names the columns found. A bad record is skipped with its line and reason, the
rest of the file is imported; a file is marked done (and not read again while
unchanged) only after its last batch.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from krantentoets.monitor.sources.base import (
    MAX_ITEM_TEXT,
    Batch,
    FetchContext,
    Item,
    Skipped,
    SourceError,
    html_to_text,
    stable_id,
)

#: Column names recognised without a ``columns`` table (compared case-insensitively).
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "message id", "message_id", "bericht id", "bericht-id", "post id", "post_id"),
    "text": ("text", "tekst", "bericht", "message", "content", "inhoud", "body"),
    "author": ("author", "auteur", "afzender", "user", "gebruiker", "username", "handle"),
    "author_name": ("author_name", "author name", "naam", "name", "display name"),
    "date": ("date", "datum", "published", "published_at", "created_at", "tijd", "timestamp"),
    "url": ("url", "link", "permalink"),
}
#: Platform layouts: name -> (columns that identify it, field -> column).
LAYOUTS: dict[str, tuple[frozenset[str], dict[str, str]]] = {
    "meta-csv": (
        frozenset({"post id", "publish time", "permalink"}),
        {
            "id": "Post ID",
            "text": "Description",
            "author_name": "Page name",
            "date": "Publish time",
            "url": "Permalink",
        },
    ),
    "linkedin-shares": (
        frozenset({"sharelink", "sharecommentary"}),
        {"text": "ShareCommentary", "date": "Date", "url": "ShareLink", "id": "ShareLink"},
    ),
    "linkedin-comments": (
        frozenset({"date", "link", "message"}),
        {"text": "Message", "date": "Date", "url": "Link"},
    ),
}
#: Layouts whose numeric dates have a known order or zone.
MONTH_FIRST = frozenset({"meta-csv"})
UTC_LAYOUTS = frozenset({"linkedin-shares", "linkedin-comments", "x-archive", "facebook-json"})
_NUMERIC = re.compile(
    r"^\s*(\d{1,2})([-/.])(\d{1,2})[-/.](\d{4})"
    r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?\s*$"
)
_X_DATE = "%a %b %d %H:%M:%S %z %Y"


def fetch_export(source: Any, state: dict[str, Any], ctx: FetchContext) -> Iterator[Batch]:
    pattern = Path(source.path).expanduser()
    if not pattern.is_absolute():
        pattern = ctx.base_dir / pattern
    if glob.has_magic(str(pattern)):
        paths = sorted(Path(p) for p in glob.glob(str(pattern)))
    else:
        if not pattern.exists():
            raise SourceError(f"{pattern}: exportbestand niet gevonden")
        paths = [pattern]
    try:
        zone = ZoneInfo(source.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SourceError(f"onbekende tijdzone '{source.timezone}'") from None
    seen: dict[str, str] = dict(state.get("files", {}))
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SourceError(f"{path}: niet te lezen ({exc.strerror})") from None
        fingerprint = hashlib.sha256(data).hexdigest()
        if seen.get(str(path)) == fingerprint:
            continue
        layout, records = _records(path, data, source)
        dated = [r for _, r in records if isinstance(r, dict) and isinstance(r.get("date"), str)]
        order = None
        if not source.date_format:
            order = detect_order([r["date"] for r in dated], path, layout)
        record_zone = UTC if layout in UTC_LAYOUTS else zone
        batch: list[Item] = []
        skipped: list[Skipped] = []
        for line, record in records:
            if isinstance(record, str):
                skipped.append(Skipped(f"{path.name}:{line}", f"regel {line}: {record}"))
                continue
            try:
                item = _item(record, source.date_format, order, record_zone)
            except Exception as exc:  # one bad record never costs the file
                skipped.append(Skipped(f"{path.name}:{line}", f"regel {line}: {exc}"))
                continue
            batch.append(item)
            if len(batch) >= ctx.batch_size:
                yield Batch(batch, skipped=tuple(skipped))
                batch, skipped = [], []
        seen[str(path)] = fingerprint
        yield Batch(batch, {**state, "files": dict(seen)}, skipped=tuple(skipped))


# -- reading the file -----------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")  # Excel's "Unicode text"
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel on Windows


def _layout(path: Path, data: bytes, explicit: str | None) -> str:
    if explicit:
        return explicit
    name = path.name.lower()
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return "xlsx"
    if name.startswith("tweets") and suffix in (".js", ".json"):
        return "x-archive"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".json", ".js"):
        head = data[:4096].lstrip()
        if head.startswith(b"window.YTD"):
            return "x-archive"
        return "facebook-json"
    return "csv"


def _records(path: Path, data: bytes, source: Any) -> tuple[str, list[tuple[int, Any]]]:
    """The layout and ``(line, record)`` pairs; a record is a dict of fields or a problem."""
    layout = _layout(path, data, source.format)
    if layout == "x-archive":
        return layout, _x_archive(data, path)
    if layout == "facebook-json":
        return layout, _facebook(data, path)
    if layout == "jsonl":
        rows = list(_jsonl_rows(_decode(data)))
    elif layout == "xlsx":
        rows = list(_xlsx_rows(data, path, source.sheet))
    else:
        rows = list(_csv_rows(_decode(data), source.delimiter, path))
    header = next((list(r) for _, r in rows if isinstance(r, dict)), [])
    if layout in ("csv", "xlsx") and not source.columns:
        lower = {h.strip().lower() for h in header if h}
        for name, (marks, _columns) in LAYOUTS.items():
            if marks <= lower:
                layout = name
                break
    columns = dict(source.columns)
    if layout in LAYOUTS and not columns:
        columns = LAYOUTS[layout][1]
    if not header:
        return layout, rows
    mapping = _mapping(columns, header, path)
    return layout, [
        (line, {f: row.get(col) for f, col in mapping.items()} if isinstance(row, dict) else row)
        for line, row in rows
    ]


def _csv_rows(text: str, delimiter: str | None, path: Path) -> Iterator[tuple[int, Any]]:
    if delimiter is None:
        sample = text[:8192]
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
        except csv.Error:
            counts = {d: sample.count(d) for d in ",;\t"}
            delimiter = max(counts, key=lambda d: counts[d])
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames:
        raise SourceError(f"{path}: leeg CSV-bestand (geen kopregel)")
    for row in reader:
        line = reader.line_num
        if None in row:
            yield line, "meer velden dan kolommen in de kopregel"
            continue
        yield line, row


def _xlsx_rows(data: bytes, path: Path, sheet: str | None) -> Iterator[tuple[int, Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise SourceError(f"{path}: geen leesbaar XLSX-bestand ({exc})") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise SourceError(
                f"{path}: werkblad '{sheet}' bestaat niet; werkbladen: {', '.join(book.sheetnames)}"
            )
        ws = book[sheet] if sheet else book.worksheets[0]
        header: list[str] | None = None
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if header is None:
                if any(v not in (None, "") for v in values):
                    header = [str(v).strip() if v is not None else "" for v in values]
                continue
            if all(v in (None, "") for v in values):
                continue
            yield number, {h: v for h, v in zip(header, values, strict=False) if h}
    finally:
        book.close()


def _jsonl_rows(text: str) -> Iterator[tuple[int, Any]]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except ValueError:
            yield number, "geen geldige JSON"
            continue
        if not isinstance(row, dict):
            yield number, "geen JSON-object"
            continue
        yield number, _flatten(row)


def _flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def _mapping(columns: dict[str, str], header: list[str], path: Path) -> dict[str, str]:
    lower = {h.strip().lower(): h for h in header if h is not None}
    mapping: dict[str, str] = {}
    for field, names in DEFAULT_COLUMNS.items():
        if field in columns:
            wanted = columns[field]
            actual = lower.get(wanted.strip().lower())
            if actual is None:
                raise SourceError(
                    f"{path}: kolom '{wanted}' (voor {field}) ontbreekt; "
                    f"kolommen: {', '.join(h for h in header if h)}"
                )
            mapping[field] = actual
            continue
        for name in names:
            if name in lower:
                mapping[field] = lower[name]
                break
    if "text" not in mapping:
        raise SourceError(
            f"{path}: onbekende indeling: geen tekstkolom gevonden. Gevonden kolommen: "
            f"{', '.join(h for h in header if h)}. Zet format (meta-csv, linkedin-shares, ...) "
            'of columns = {text = "..."} bij de bron'
        )
    return mapping


# -- platform downloads ---------------------------------------------------------------------


def fix_mojibake(text: str) -> str:
    """Facebook's JSON download writes UTF-8 bytes as Latin-1 escapes (``\\u00c3\\u00a9``)."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _load_json(data: bytes, path: Path) -> Any:
    text = _decode(data)
    if text.lstrip().startswith("window.YTD"):
        text = text[text.index("=") + 1 :]
    try:
        return json.loads(text)
    except ValueError as exc:
        raise SourceError(f"{path}: geen geldige JSON ({exc})") from None


def _x_archive(data: bytes, path: Path) -> list[tuple[int, Any]]:
    rows = _load_json(data, path)
    if not isinstance(rows, list):
        raise SourceError(f"{path}: geen X-archief (verwacht een lijst met tweets)")
    out: list[tuple[int, Any]] = []
    for number, row in enumerate(rows, start=1):
        tweet = row.get("tweet", row) if isinstance(row, dict) else None
        if not isinstance(tweet, dict):
            out.append((number, "geen tweet"))
            continue
        text = str(tweet.get("full_text") or tweet.get("text") or "")
        entities = tweet.get("entities") or {}
        for link in entities.get("urls") or ():
            if link.get("url") and link.get("expanded_url"):
                text = text.replace(link["url"], link["expanded_url"])
        tweet_id = str(tweet.get("id_str") or tweet.get("id") or "")
        record = {
            "id": tweet_id or None,
            "text": text,
            "date": tweet.get("created_at"),
            "url": f"https://x.com/i/web/status/{tweet_id}" if tweet_id else None,
            "details": {
                k: v
                for k, v in (
                    ("in_reply_to", tweet.get("in_reply_to_screen_name")),
                    (
                        "mentions",
                        ["@" + m["screen_name"] for m in entities.get("user_mentions") or ()],
                    ),
                )
                if v
            },
        }
        out.append((number, record))
    return out


def _facebook(data: bytes, path: Path) -> list[tuple[int, Any]]:
    root = _load_json(data, path)
    if isinstance(root, dict):
        rows = next((v for k, v in root.items() if isinstance(v, list)), None)
    else:
        rows = root
    if not isinstance(rows, list):
        raise SourceError(
            f"{path}: onbekende indeling (geen Facebook-download); gevonden sleutels: "
            f"{', '.join(root) if isinstance(root, dict) else type(root).__name__}"
        )
    out: list[tuple[int, Any]] = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            out.append((number, "geen object"))
            continue
        text, author = "", None
        for part in row.get("data") or ():
            if not isinstance(part, dict):
                continue
            if part.get("post"):
                text = str(part["post"])
            comment = part.get("comment")
            if isinstance(comment, dict):
                text = str(comment.get("comment") or text)
                author = comment.get("author")
        url = None
        for attachment in row.get("attachments") or ():
            for item in attachment.get("data") or ():
                context = item.get("external_context") or {}
                url = url or context.get("url")
        stamp = row.get("timestamp")
        out.append(
            (
                number,
                {
                    "id": None,
                    "text": fix_mojibake(text),
                    "author_name": fix_mojibake(str(author)) if author else None,
                    "date": stamp,
                    "url": url,
                    "details": {"title": fix_mojibake(str(row["title"]))}
                    if row.get("title")
                    else {},
                },
            )
        )
    return out


# -- dates ------------------------------------------------------------------------------------


def detect_order(values: list[str], path: Path, layout: str) -> str | None:
    """``"dmy"``, ``"mdy"`` or None (no numeric dates), from all numeric dates in one file."""
    day_first = month_first = False
    numeric = 0
    separators: set[str] = set()
    for value in values:
        match = _NUMERIC.match(value)
        if not match:
            continue
        first, second = int(match.group(1)), int(match.group(3))
        if not (1 <= first <= 31 and 1 <= second <= 31):
            continue
        numeric += 1
        separators.add(match.group(2))
        if first > 12 >= second:
            day_first = True
        elif second > 12 >= first:
            month_first = True
    if not numeric:
        return None
    if day_first and month_first:
        raise SourceError(
            f"{path}: datums in twee volgordes (dag-maand en maand-dag) in één bestand; "
            'zet date_format bij de bron, bijvoorbeeld "%d-%m-%Y %H:%M"'
        )
    if day_first:
        return "dmy"
    if month_first:
        return "mdy"
    if layout in MONTH_FIRST:
        return "mdy"
    if "/" not in separators:
        return "dmy"  # 02-06-2025, 02.06.2025: the Dutch and Flemish way; US dates use "/"
    raise SourceError(
        f"{path}: datums zijn dubbelzinnig (dag en maand allebei 12 of lager, zoals "
        f"'{next(v for v in values if _NUMERIC.match(v))}'); zet date_format bij de bron, "
        'bijvoorbeeld "%d-%m-%Y %H:%M" (dag eerst) of "%m/%d/%Y %H:%M" (maand eerst)'
    )


def _parse_date(raw: Any, date_format: str | None, order: str | None, zone: Any) -> datetime | None:
    if isinstance(raw, datetime):  # XLSX cells
        parsed = raw
    elif isinstance(raw, int | float) or (isinstance(raw, str) and raw.strip().isdigit()):
        number = float(raw)
        if number > 1e11:  # milliseconds
            number /= 1000
        return datetime.fromtimestamp(number, tz=UTC)
    else:
        text = str(raw).strip()
        parsed = None
        if date_format:
            try:
                parsed = datetime.strptime(text, date_format)
            except ValueError:
                return None
        elif match := _NUMERIC.match(text):
            a, _sep, b, year, hour, minute, second, ampm = match.groups()
            day, month = (int(a), int(b)) if order != "mdy" else (int(b), int(a))
            h = int(hour or 0)
            if ampm:
                h = h % 12 + (12 if ampm.lower() == "pm" else 0)
            try:
                parsed = datetime(int(year), month, day, h, int(minute or 0), int(second or 0))
            except ValueError:
                return None
        else:
            try:
                parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                try:
                    parsed = datetime.strptime(text, _X_DATE)
                except ValueError:
                    return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed.astimezone(UTC)


def _item(record: dict[str, Any], date_format: str | None, order: str | None, zone: Any) -> Item:
    def value(field: str) -> str | None:
        raw = record.get(field)
        if raw is None:
            return None
        if isinstance(raw, list | dict):
            raise ValueError(f"veld '{field}' is geen tekst maar een {type(raw).__name__}")
        raw = str(raw).strip()
        return raw or None

    text = value("text")
    if not text:
        raise ValueError("geen tekst")
    text = html_to_text(text) if "<" in text else text[:MAX_ITEM_TEXT]
    raw_date = record.get("date")
    published = None
    if raw_date not in (None, ""):
        published = _parse_date(raw_date, date_format, order, zone)
        if published is None:
            raise ValueError(f"datum '{raw_date}' niet te lezen (zet date_format)")
    author = value("author")
    external_id = value("id") or stable_id(author, str(raw_date or ""), text)
    return Item(
        external_id=external_id,
        text=text,
        url=value("url"),
        author=author,
        author_name=value("author_name"),
        published_at=published,
        details=dict(record.get("details") or {}),
    )
