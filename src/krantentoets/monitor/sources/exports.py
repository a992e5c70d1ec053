"""Import of CSV and JSONL exports from other monitoring tools (Coosto, OBI4wan, ...).

Which column holds what is configurable (``columns = {text = "Bericht", ...}``);
without it, common Dutch and English column names are recognised. ``path``
may be a glob (``exports/*.csv``): every matching file is read, and a file
that has not changed since the last import is skipped. A bad line is reported
and the rest of the file is still imported.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import io
import json
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
DATE_FORMATS = (
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
)


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
        fmt = source.format or ("jsonl" if path.suffix.lower() in (".jsonl", ".ndjson") else "csv")
        text = _decode(data)
        rows = _jsonl_rows(text) if fmt == "jsonl" else _csv_rows(text, source.delimiter, path)
        batch: list[Item] = []
        errors: list[str] = []
        mapping: dict[str, str] | None = None
        for line, row in rows:
            if isinstance(row, str):
                errors.append(f"{path.name} regel {line}: {row}")
                continue
            if mapping is None:
                mapping = _mapping(source.columns, list(row), path)
            try:
                item = _item(row, mapping, source.date_format, zone)
            except ValueError as exc:
                errors.append(f"{path.name} regel {line}: {exc}")
                continue
            if item is not None:
                batch.append(item)
            if len(batch) >= ctx.batch_size:
                yield Batch(batch, errors=tuple(errors))
                batch, errors = [], []
        seen[str(path)] = fingerprint
        yield Batch(batch, {**state, "files": dict(seen)}, errors=tuple(errors))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel on Windows


def _csv_rows(text: str, delimiter: str | None, path: Path) -> Iterator[tuple[int, Any]]:
    if delimiter is None:
        sample = text[:8192]
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames:
        raise SourceError(f"{path}: leeg CSV-bestand (geen kopregel)")
    for row in reader:
        line = reader.line_num
        if None in row:
            yield line, "meer velden dan kolommen in de kopregel"
            continue
        yield line, row


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
            f'{path}: geen tekstkolom gevonden; zet columns = {{text = "..."}} '
            f"(kolommen: {', '.join(h for h in header if h)})"
        )
    return mapping


def _item(
    row: dict[str, Any], mapping: dict[str, str], date_format: str | None, zone: ZoneInfo
) -> Item | None:
    def value(field: str) -> str | None:
        raw = row.get(mapping[field]) if field in mapping else None
        if raw is None:
            return None
        raw = str(raw).strip()
        return raw or None

    text = value("text")
    if not text:
        raise ValueError("geen tekst")
    text = html_to_text(text) if "<" in text else text[:MAX_ITEM_TEXT]
    raw_date = value("date")
    published = _parse_date(raw_date, date_format, zone) if raw_date else None
    if raw_date and published is None:
        raise ValueError(f"datum '{raw_date}' niet te lezen (zet date_format)")
    author = value("author")
    external_id = value("id") or stable_id(author, raw_date, text)
    return Item(
        external_id=external_id,
        text=text,
        url=value("url"),
        author=author,
        author_name=value("author_name"),
        published_at=published,
    )


def _parse_date(raw: str, date_format: str | None, zone: ZoneInfo) -> datetime | None:
    parsed: datetime | None = None
    if date_format:
        try:
            parsed = datetime.strptime(raw, date_format)
        except ValueError:
            return None
    else:
        if raw.isdigit() and len(raw) >= 9:  # unix timestamp (seconds or milliseconds)
            seconds = int(raw) / (1000 if len(raw) >= 13 else 1)
            return datetime.fromtimestamp(seconds, tz=UTC)
        try:
            parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            for fmt in DATE_FORMATS:
                try:
                    parsed = datetime.strptime(raw, fmt)
                    break
                except ValueError:
                    continue
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed.astimezone(UTC)
