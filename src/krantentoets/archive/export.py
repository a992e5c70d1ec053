"""Export formats: JSONL, CSV, HTML and the Woo package. All stream, one record at a time.

Writers take records as dicts (the sealed payload plus ``hash`` and
``prev_hash``) from an iterator and write them out at once, so memory stays
the same for ten records or ten million. The JSONL/CSV/HTML exports are the
full, unredacted archive for the records officer; the Woo export is for
publication and redacts personal data (see :mod:`krantentoets.archive.redaction`).
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from krantentoets.archive.canonical import HASH_ALGORITHM, canonical_json
from krantentoets.archive.mdto import Metadata, to_xml
from krantentoets.archive.record import RECORD_TYPE_LABELS, RecordType
from krantentoets.archive.redaction import (
    WOO_GROUND,
    WOO_GROUND_SHORT,
    Redacted,
    Redactor,
)
from krantentoets.archive.retention import expiry_date, iso_duration, retention_for

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


def _approvals_text(rec: dict[str, Any]) -> str:
    return "; ".join(
        f"{a.get('decision')} door {a.get('by')} ({a.get('role')}) op {a.get('at')}"
        for a in rec.get("approvals", ())
    )


def write_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for rec in records:
        reply = rec.get("in_reply_to") or {}
        row = {
            **rec,
            "in_reply_to_author": reply.get("author"),
            "in_reply_to_text": reply.get("text"),
            "verdict": (rec.get("check") or {}).get("verdict"),
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
            parts.append(
                f'<mark class="gelakt" title="{_h(WOO_GROUND)}">{_h(piece)} '
                f"{WOO_GROUND_SHORT}</mark>"
            )
    return "".join(parts)


def _html_record(rec: dict[str, Any], texts: dict[str, Any] | None = None) -> str:
    texts = texts or {}
    label = (
        RECORD_TYPE_LABELS.get(RecordType(rec["type"]), rec["type"])
        if rec.get("type") in {t.value for t in RecordType}
        else rec.get("type")
    )
    parts = [f'<article id="r{_h(rec.get("seq"))}">\n']
    parts.append(
        f'<h2>{_h(label)} {_h(rec.get("id"))}</h2>\n<p class="meta">'
        f"{_h(rec.get('published_at'))} · {_h(rec.get('platform'))} · "
        f"account {_h(texts.get('account', rec.get('account')))} · "
        f"{_h(texts.get('author', rec.get('author')))}"
        f"{' (' + _h(rec.get('role')) + ')' if rec.get('role') else ''}"
    )
    if rec.get("url"):
        parts.append(f' · <a href="{_h(rec["url"])}">link</a>')
    parts.append("</p>\n")
    if rec.get("destroyed"):
        parts.append("<p><em>Inhoud vernietigd na afloop van de bewaartermijn.</em></p>\n")
    for i, msg in enumerate(rec.get("thread") or ()):
        who = texts.get(f"thread.{i}.author", msg.get("author"))
        body = texts.get(f"thread.{i}.text", msg.get("text"))
        parts.append(
            f'<blockquote><p class="meta">{_h(who)} · {_h(msg.get("published_at"))}</p>'
            f'<div class="tekst">{_html_text(body)}</div></blockquote>\n'
        )
    reply = rec.get("in_reply_to")
    if reply:
        who = texts.get("in_reply_to.author", reply.get("author"))
        body = texts.get("in_reply_to.text", reply.get("text"))
        parts.append(
            f'<p class="meta">Reactie op {_h(who)}:</p>'
            f'<blockquote><div class="tekst">{_html_text(body)}</div></blockquote>\n'
        )
    if rec.get("corrects"):
        parts.append(f"<p>Corrigeert record {_h(rec['corrects'])}.</p>\n")
    if "text" in rec or "text" in texts:
        parts.append(f'<div class="tekst">{_html_text(texts.get("text", rec.get("text")))}</div>\n')
    check = rec.get("check") or {}
    if check.get("verdict"):
        parts.append(f'<p class="meta">Toets: {_h(check.get("verdict"))}</p>\n')
    approvals = texts.get("approvals", rec.get("approvals"))
    if approvals:
        parts.append('<ul class="meta">\n')
        for a in approvals:
            parts.append(
                f"<li>{_h(a.get('decision'))} door {_h(a.get('by'))} ({_h(a.get('role'))}) "
                f"op {_h(a.get('at'))}"
                f"{' — ' + _html_text(a.get('comment')) if a.get('comment') else ''}</li>\n"
            )
        parts.append("</ul>\n")
    if rec.get("hash"):
        parts.append(f'<p class="hash">{HASH_ALGORITHM} {_h(rec["hash"])}</p>\n')
    parts.append("</article>\n")
    return "".join(parts)


def write_html(records: Iterable[dict[str, Any]], out: IO[str], title: str) -> int:
    out.write(_html_head(title, "Volledig archief, niet gelakt: alleen voor intern gebruik."))
    n = 0
    for rec in records:
        out.write(_html_record(rec))
        n += 1
    out.write(_HTML_FOOT)
    return n


# -- Woo -----------------------------------------------------------------------


@dataclass
class WooOptions:
    organisation: str = "de gemeente"
    retention_years: dict[str, Any] = field(default_factory=dict)
    period: str = ""


class _HashingWriter:
    """A text file that also computes the SHA-256 of what is written to it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh = path.open("w", encoding="utf-8", newline="\n")
        self._sha = hashlib.sha256()

    def write(self, text: str) -> None:
        self._fh.write(text)
        self._sha.update(text.encode("utf-8"))

    def close(self) -> str:
        self._fh.close()
        return self._sha.hexdigest()


def _redact_message(
    redactor: Redactor, msg: dict[str, Any], names: list[str], prefix: str
) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    """A thread message redacted: (for JSONL, for HTML, redactions)."""
    red = redactor.redact(msg.get("text", ""), names)
    author = redactor.redact_name(msg.get("author"))
    out = {k: v for k, v in msg.items() if k not in ("text", "author", "url")}
    out["text"] = red.text
    if author is not None:
        out["author"] = author
    if msg.get("url") and author == msg.get("author"):
        out["url"] = msg["url"]
    reds = [dict(r.to_dict(ground=True), field=f"{prefix}.text") for r in red.redactions]
    if author is not None and author != msg.get("author"):
        reds.append({"field": f"{prefix}.author", "category": "person-name", "ground": WOO_GROUND})
    return out, {"author": author, "text": red}, reds


def woo_record(
    rec: dict[str, Any], redactor: Redactor
) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    """One record made fit for publication: (JSONL object, texts for HTML, redactions)."""
    names = [
        n
        for n in [
            rec.get("author"),
            (rec.get("in_reply_to") or {}).get("author"),
            *[m.get("author") for m in rec.get("thread") or ()],
        ]
        if n
    ]
    out: dict[str, Any] = {
        k: rec[k]
        for k in ("seq", "id", "type", "published_at", "platform", "role", "corrects")
        if rec.get(k) is not None
    }
    texts: dict[str, Any] = {}
    reds: list[dict[str, Any]] = []
    # The organisation's own post: a team name stays, a person's name goes.
    author = redactor.redact_name(rec.get("author"), strict=False)
    if author is not None:
        out["author"] = texts["author"] = author
        if author != rec.get("author"):
            reds.append({"field": "author", "category": "person-name", "ground": WOO_GROUND})
    keep_account = redactor.is_office_holder(rec.get("author")) or redactor.keeps_account(
        rec.get("account")
    )
    if rec.get("account"):
        out["account"] = texts["account"] = rec["account"] if keep_account else "[accountnaam]"
        if not keep_account:
            reds.append({"field": "account", "category": "account-handle", "ground": WOO_GROUND})
    if rec.get("url") and keep_account:
        out["url"] = rec["url"]
    if rec.get("destroyed"):
        out["destroyed"] = True
    if "text" in rec:
        red = redactor.redact(rec["text"], names)
        out["text"] = red.text
        texts["text"] = red
        reds += [dict(r.to_dict(ground=True), field="text") for r in red.redactions]
    if rec.get("in_reply_to"):
        m_out, m_texts, m_reds = _redact_message(redactor, rec["in_reply_to"], names, "in_reply_to")
        out["in_reply_to"] = m_out
        texts["in_reply_to.author"] = m_texts["author"]
        texts["in_reply_to.text"] = m_texts["text"]
        reds += m_reds
    if rec.get("thread"):
        out["thread"] = []
        for i, msg in enumerate(rec["thread"]):
            m_out, m_texts, m_reds = _redact_message(redactor, msg, names, f"thread.{i}")
            out["thread"].append(m_out)
            texts[f"thread.{i}.author"] = m_texts["author"]
            texts[f"thread.{i}.text"] = m_texts["text"]
            reds += m_reds
    check = rec.get("check") or {}
    if check:
        # Only the verdict and the rules: a finding's quoted text may be personal data.
        out["check"] = {
            "verdict": check.get("verdict"),
            "rules": sorted({f.get("rule") for f in check.get("findings", ()) if f.get("rule")}),
        }
    if rec.get("approvals"):
        approvals = []
        for i, a in enumerate(rec["approvals"]):
            item = {k: a.get(k) for k in ("role", "decision", "at")}
            item["by"] = redactor.redact_name(a.get("by"))
            if a.get("responder"):
                item["responder"] = redactor.redact_name(a.get("responder"))
            if a.get("comment"):
                red = redactor.redact(a["comment"], names)
                item["comment"] = red.text
                reds += [
                    dict(r.to_dict(ground=True), field=f"approvals.{i}.comment")
                    for r in red.redactions
                ]
            approvals.append(item)
        out["approvals"] = approvals
        texts["approvals"] = approvals
    out["redactions"] = reds
    return out, texts, reds


def _safe_name(seq: int) -> str:
    return f"record-{seq:09d}.mdto.xml"


def write_woo(
    records: Iterable[dict[str, Any]],
    folder: Path,
    redactor: Redactor,
    options: WooOptions,
) -> int:
    """Write a Woo package into ``folder``: HTML, JSONL, MDTO metadata per record, checksums."""
    folder.mkdir(parents=True, exist_ok=True)
    meta_dir = folder / "metadata"
    meta_dir.mkdir(exist_ok=True)
    today = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    jsonl = _HashingWriter(folder / "dialogen.jsonl")
    page = _HashingWriter(folder / "dialogen.html")
    sums = (folder / "checksums.sha256").open("w", encoding="utf-8", newline="\n")
    title = f"Online dialogen {options.organisation} {options.period}".strip()
    page.write(
        _html_head(
            title,
            "Persoonsgegevens van burgers en medewerkers die geen ambtsdrager zijn, zijn "
            f"gelakt op grond van {_h(WOO_GROUND)}; elke lakking is gemarkeerd met "
            f'<mark class="gelakt">[soort] {WOO_GROUND_SHORT}</mark>.',
        )
    )
    n = redacted_total = 0
    try:
        for rec in records:
            if rec.get("type") not in DIALOGUE_TYPES:
                continue
            out, texts, reds = woo_record(rec, redactor)
            line = canonical_json(out, checked=False)
            jsonl.write(line + "\n")
            page.write(_html_record({**out, "hash": None}, texts))
            years = retention_for(rec["type"], options.retention_years)
            meta = Metadata(
                identifier=str(rec["id"]),
                naam=_record_name(rec, options.organisation),
                datum=rec["published_at"],
                auteur_rol=rec.get("role") or "onbekend",
                checksum=hashlib.sha256(line.encode("utf-8")).hexdigest(),
                checksum_algorithm=HASH_ALGORITHM,
                checksum_date=today,
                bewaartermijn=iso_duration(years),
                bewaartermijn_einde=expiry_date(rec["published_at"], years),
                archiefvormer=options.organisation,
                redactions=len(reds),
                restriction_ground=WOO_GROUND,
                file_name="dialogen.jsonl#" + str(rec["id"]),
            )
            name = _safe_name(int(rec["seq"]))
            xml = to_xml(meta)
            (meta_dir / name).write_text(xml, encoding="utf-8")
            sums.write(f"{hashlib.sha256(xml.encode('utf-8')).hexdigest()}  metadata/{name}\n")
            n += 1
            redacted_total += len(reds)
        page.write(f'<p class="meta">{n} record(s), {redacted_total} lakking(en).</p>\n')
        page.write(_HTML_FOOT)
    finally:
        sums.write(f"{jsonl.close()}  dialogen.jsonl\n")
        sums.write(f"{page.close()}  dialogen.html\n")
        sums.close()
    (folder / "LEESMIJ.txt").write_text(
        f"Woo-export van online dialogen ({options.organisation}) {options.period}\n"
        f"Records: {n}; lakkingen: {redacted_total}.\n"
        f"Grond voor elke lakking: {WOO_GROUND}.\n"
        "dialogen.html: leesbare weergave; dialogen.jsonl: dezelfde records als JSON;\n"
        "metadata/: per record metagegevens in de geest van MDTO (identificatie, naam, datum,\n"
        "rol van de auteur, checksum met algoritme, bewaartermijn).\n"
        "checksums.sha256: controleer met `sha256sum -c checksums.sha256`.\n"
        "De hashes van de archiefketen zelf staan niet in deze export: ze zijn berekend over\n"
        "de ongelakte inhoud en zouden gelakte gegevens te raden kunnen geven.\n",
        encoding="utf-8",
    )
    return n


def _record_name(rec: dict[str, Any], organisation: str) -> str:
    kind = "Reactie" if rec.get("in_reply_to") else "Bericht"
    if rec.get("type") == RecordType.CORRECTION.value:
        kind = "Correctie"
    platform = rec.get("platform") or "sociale media"
    return f"{kind} van {organisation} op {platform}, {rec['published_at'][:10]}"


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
    if fmt == "woo":
        if redactor is None:
            raise ExportError("een Woo-export heeft de herkenning van persoonsgegevens nodig")
        return write_woo(records, output, redactor, woo or WooOptions())
    if fmt not in FORMATS:
        raise ExportError(f"onbekend formaat '{fmt}'; kies uit: {', '.join(FORMATS)}")
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="" if fmt == "csv" else "\n") as fh:
        if fmt == "jsonl":
            return write_jsonl(records, fh)
        if fmt == "csv":
            return write_csv(records, fh)
        return write_html(records, fh, title)
