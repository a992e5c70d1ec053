"""Export formats: JSONL, CSV, HTML; the Woo package is :mod:`.woo`. All stream.

Writers take records as dicts (the sealed payload plus ``hash`` and
``prev_hash``) from an iterator and write them out at once, so memory stays
the same for ten records or ten million. The JSONL/CSV/HTML exports are the
full, unredacted archive for the records officer; the Woo export is for
publication and redacts personal data (see :mod:`krantentoets.archive.redaction`).
"""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from krantentoets.archive.canonical import HASH_ALGORITHM
from krantentoets.archive.grounds import grounds, label
from krantentoets.archive.record import (
    DEFAULT_TIMEZONE,
    RECORD_TYPE_LABELS,
    RecordType,
    display_time,
)
from krantentoets.archive.redaction import Redacted, Redactor
from krantentoets.archive.review import check_summary

if TYPE_CHECKING:
    from krantentoets.archive.woo import WooOptions

FORMATS = ("jsonl", "csv", "html", "woo")

#: Record types that are dialogues (the rest are the archive's own bookkeeping).
DIALOGUE_TYPES = (RecordType.POST.value, RecordType.CORRECTION.value)

CSV_COLUMNS = (
    "seq",
    "id",
    "type",
    "published_at",
    "platform",
    "account",
    "author",
    "role",
    "url",
    "text",
    "in_reply_to_author",
    "in_reply_to_text",
    "corrects",
    "verdict",
    "approvals",
    "archived_at",
    "hash",
    "prev_hash",
)


class ExportError(RuntimeError):
    """The export cannot be written. Message in Dutch."""


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False, sort_keys=True))
        out.write("\n")
        n += 1
    return n


def _approvals(rec: dict[str, Any]) -> list[dict[str, Any]]:
    value = rec.get("approvals")
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def _approvals_text(rec: dict[str, Any]) -> str:
    return "; ".join(
        f"{label(a.get('decision'))} door {a.get('by')} ({a.get('role')}) op {a.get('at')}"
        for a in _approvals(rec)
    )


def write_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for rec in records:
        reply = rec.get("in_reply_to") or {}
        if not isinstance(reply, dict):
            reply = {}
        row = {
            **rec,
            "in_reply_to_author": reply.get("author"),
            "in_reply_to_text": reply.get("text"),
            "verdict": check_summary(rec.get("check")).get("verdict"),
            "approvals": _approvals_text(rec),
        }
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in CSV_COLUMNS])
        n += 1
    return n


_CSS = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1b1b1b;line-height:1.5}
article{border-top:1px solid #bbb;padding:1rem 0}
.meta{color:#555;font-size:.9rem}
blockquote{border-left:4px solid #ccc;margin:.5rem 0;padding:.25rem .75rem;background:#f6f6f6}
.tekst{white-space:pre-wrap}
mark.gelakt{background:#1b1b1b;color:#fff;padding:0 .25rem;border-radius:2px}
.hash{font-family:monospace;font-size:.8rem;color:#555;word-break:break-all}
"""


def _h(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _html_head(title: str, intro: str) -> str:
    return (
        '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_h(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{_h(title)}</h1>\n<p>{intro}</p>\n"
    )


_HTML_FOOT = "</body>\n</html>\n"


def _html_text(value: str | Redacted | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return _h(value)
    parts = []
    for piece, red in value.segments():
        if red is None:
            parts.append(_h(piece))
        else:
            found = grounds().get(red.ground)
            title = found.text if found else red.ground
            parts.append(
                f'<mark class="gelakt" title="{_h(title)}">{_h(piece)} {_h(red.ground)}</mark>'
            )
    return "".join(parts)


def _html_record(
    rec: dict[str, Any], texts: dict[str, Any] | None = None, zone: str = DEFAULT_TIMEZONE
) -> str:
    texts = texts or {}
    rtype = rec.get("type")
    kind = RECORD_TYPE_LABELS[RecordType(rtype)] if rtype in set(RecordType) else rtype
    parts = [f'<article id="r{_h(rec.get("seq"))}">\n']
    heading = f"{_h(kind)} {_h(rec.get('id'))}"
    if rec.get("document"):
        title = _h(rec["title"]) if rec.get("title") else heading
        heading = f"Document {_h(rec['document'])}: {title}"
    parts.append(f"<h2>{heading}</h2>\n")
    meta = [_h(display_time(rec.get("published_at"), zone)), _h(rec.get("platform"))]
    account = texts.get("account", rec.get("account"))
    if account:
        meta.append(f"account {_h(account)}")
    author = texts.get("author", rec.get("author"))
    if author:
        meta.append(_h(author) + (f" ({_h(rec['role'])})" if rec.get("role") else ""))
    parts.append('<p class="meta">' + " · ".join(m for m in meta if m))
    if rec.get("url"):
        parts.append(f' · <a href="{_h(rec["url"])}">bron</a>')
    parts.append("</p>\n")
    if rec.get("decision"):
        ground_codes = sorted({r["ground"] for r in rec.get("redactions") or ()})
        if rec.get("ground"):
            ground_codes.append(rec["ground"])
        decision = rec["decision"].replace("-", " ").capitalize()
        parts.append(
            f'<p class="besluit">Besluit: <strong>{_h(decision)}</strong>'
            + (f" (gronden: {_h(', '.join(ground_codes))})" if ground_codes else "")
            + "</p>\n"
        )
    if rec.get("destroyed"):
        parts.append("<p><em>Inhoud vernietigd na afloop van de bewaartermijn.</em></p>\n")
    thread = rec.get("thread") if isinstance(rec.get("thread"), list) else []
    for i, msg in enumerate(m for m in thread if isinstance(m, dict)):
        who = texts.get(f"thread.{i}.author", msg.get("author"))
        body = texts.get(f"thread.{i}.text", msg.get("text"))
        parts.append(
            f'<blockquote><p class="meta">{_h(who)} · '
            f"{_h(display_time(msg.get('published_at'), zone))}</p>"
            f'<div class="tekst">{_html_text(body)}</div></blockquote>\n'
        )
    reply = rec.get("in_reply_to")
    if isinstance(reply, dict) and reply:
        who = texts.get("in_reply_to.author", reply.get("author"))
        body = texts.get("in_reply_to.text", reply.get("text"))
        parts.append(
            f'<p class="meta">Reactie op {_h(who or "onbekend")}:</p>'
            f'<blockquote><div class="tekst">{_html_text(body)}</div></blockquote>\n'
        )
    if rec.get("corrects"):
        parts.append(f"<p>Corrigeert record {_h(rec['corrects'])}.</p>\n")
    if "text" in rec or "text" in texts:
        parts.append(f'<div class="tekst">{_html_text(texts.get("text", rec.get("text")))}</div>\n')
    verdict = check_summary(rec.get("check")).get("verdict")
    if verdict:
        parts.append(f'<p class="meta">Toets: {_h(label(verdict))}</p>\n')
    approvals = texts.get("approvals", _approvals(rec))
    if approvals:
        parts.append('<ul class="meta">\n')
        for i, a in enumerate(approvals):
            comment = texts.get(f"approvals.{i}.comment", a.get("comment"))
            parts.append(
                f"<li>{_h(label(a.get('decision')))} door {_h(a.get('by'))} "
                f"({_h(a.get('role'))}) op {_h(display_time(a.get('at'), zone))}"
                f"{' — ' + _html_text(comment) if comment else ''}</li>\n"
            )
        parts.append("</ul>\n")
    if rec.get("hash"):
        parts.append(f'<p class="hash">{HASH_ALGORITHM} {_h(rec["hash"])}</p>\n')
    parts.append("</article>\n")
    return "".join(parts)


def write_html(
    records: Iterable[dict[str, Any]], out: IO[str], title: str, zone: str = DEFAULT_TIMEZONE
) -> int:
    out.write(
        _html_head(
            title,
            f"Volledig archief, niet gelakt: alleen voor intern gebruik. Tijden in {_h(zone)}.",
        )
    )
    n = 0
    for rec in records:
        out.write(_html_record(rec, zone=zone))
        n += 1
    out.write(_HTML_FOOT)
    return n


def write_export(
    records: Iterator[dict[str, Any]],
    fmt: str,
    output: Path,
    *,
    redactor: Redactor | None = None,
    woo: WooOptions | None = None,
    title: str = "Archief online dialogen",
) -> int:
    """Write ``records`` in ``fmt`` to ``output`` (a folder for ``woo``); the number written."""
    from krantentoets.archive.woo import WooOptions, write_woo

    woo = woo or WooOptions()
    if fmt == "woo":
        if redactor is None:
            raise ExportError("een Woo-export heeft de herkenning van persoonsgegevens nodig")
        return write_woo(records, output, redactor, woo)
    if fmt not in FORMATS:
        raise ExportError(f"onbekend formaat '{fmt}'; kies uit: {', '.join(FORMATS)}")
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="" if fmt == "csv" else "\n") as fh:
        if fmt == "jsonl":
            return write_jsonl(records, fh)
        if fmt == "csv":
            return write_csv(records, fh)
        return write_html(records, fh, title, woo.timezone)
