"""Archive pages (MW-7): search the archive of online dialogues, read a record, verify, export.

``/archief`` searches (full text, newest first) or lists the latest records;
``/archief/record/{id}`` shows one record with the dialogue, check report and
approvals; ``/archief/controleren`` recomputes the hash chain;
``/archief/export`` downloads JSONL, CSV, HTML or a Woo package (zip).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask
from starlette.responses import Response

from krantentoets.archive.export import FORMATS
from krantentoets.archive.grounds import label as label_of
from krantentoets.archive.record import (
    DEFAULT_TIMEZONE,
    RECORD_TYPE_LABELS,
    RecordType,
    display_time,
)
from krantentoets.archive.redaction import detector_available
from krantentoets.archive.review import check_summary
from krantentoets.archive.service import Archive
from krantentoets.store import archive as db
from krantentoets.store.users import User
from krantentoets.web.deps import CsrfForm, render, require, state

router = APIRouter()

ArchiveUser = Annotated[User, Depends(require("archive"))]
LATEST = 50
MEDIA = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv",
    "html": "text/html",
    "woo": "application/zip",
}


def _archive(request: Request) -> Archive:
    return Archive.from_policy(state(request).engine, state(request).policy().settings)


def _bound(value: str | None, end: bool) -> str | None:
    if not value:
        return None
    from datetime import date

    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day.isoformat() + ("T23:59:59Z" if end else "T00:00:00Z")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _row(rec: dict[str, Any], zone: str = DEFAULT_TIMEZONE) -> dict[str, Any]:
    """What a list or a record page shows of a record; never fails on a malformed stored one."""
    rtype = _text(rec.get("type"))
    label = RECORD_TYPE_LABELS.get(RecordType(rtype)) if rtype in set(RecordType) else rtype
    text = _text(rec.get("text"))
    return {
        "id": str(rec.get("id")),
        "type": label,
        "published_at": display_time(_text(rec.get("published_at")), zone),
        "platform": _text(rec.get("platform")),
        "author": _text(rec.get("author")),
        "excerpt": text if len(text) <= 200 else text[:199] + "…",
        "destroyed": bool(rec.get("destroyed")),
    }


def _shown(rec: dict[str, Any], zone: str) -> dict[str, Any]:
    """The parts of a stored record the record page renders, each checked for its shape."""

    def message(m: Any) -> dict[str, str] | None:
        if not isinstance(m, dict):
            return None
        return {
            "author": _text(m.get("author")) or "onbekend",
            "text": _text(m.get("text")),
            "at": display_time(_text(m.get("published_at")), zone),
        }

    thread = rec.get("thread") if isinstance(rec.get("thread"), list) else []
    approvals = rec.get("approvals") if isinstance(rec.get("approvals"), list) else []
    check = rec.get("check")
    findings = check.get("findings") if isinstance(check, dict) else None
    summary = check_summary(check)
    return {
        "account": _text(rec.get("account")),
        "role": _text(rec.get("role")),
        "url": _text(rec.get("url")),
        "text": _text(rec.get("text")),
        "corrects": _text(rec.get("corrects")),
        "reply": message(rec.get("in_reply_to")),
        "thread": [x for x in (message(m) for m in thread) if x],
        "verdict": label_of(summary["verdict"]) if "verdict" in summary else "",
        "findings": len(findings) if isinstance(findings, list) else 0,
        "malformed_check": check is not None and not summary,
        "approvals": [
            {
                "by": _text(a.get("by")),
                "role": _text(a.get("role")),
                "decision": label_of(_text(a.get("decision"))),
                "at": display_time(_text(a.get("at")), zone),
                "responder": _text(a.get("responder")),
                "comment": _text(a.get("comment")),
            }
            for a in approvals
            if isinstance(a, dict)
        ],
    }


@router.get("/archief", include_in_schema=False)
def archive_page(request: Request, user: ArchiveUser) -> Response:
    q = request.query_params
    query = (q.get("q") or "").strip()[:300]
    van, tot = q.get("van") or "", q.get("tot") or ""
    archive = _archive(request)
    if query:
        found = archive.search(
            query, limit=LATEST, published_from=_bound(van, False), published_to=_bound(tot, True)
        )
        title = f"{len(found)} resultaat/resultaten voor ‘{query}’"
    else:
        found = _latest(archive)
        title = "Laatst gearchiveerd"
    last_seq, last_hash = db.head(archive.engine)
    return render(
        request,
        "archive.html",
        {
            "query": query,
            "van": van,
            "tot": tot,
            "records": [_row(r, archive.timezone) for r in found],
            "title": title,
            "count": last_seq,
            "head_hash": last_hash,
            "formats": FORMATS,
            "woo_available": detector_available(),
            "holds": archive.holds(),
        },
    )


def _latest(archive: Archive) -> list[dict[str, Any]]:
    last_seq, _ = db.head(archive.engine)
    start = max(1, last_seq - LATEST + 1)
    rows = list(
        db.stream_rows(
            archive.engine,
            columns=("seq", "record_id", "type", "published_at", "payload"),
            upto_seq=last_seq,
            from_seq=start,
        )
    )
    out = []
    for seq, rid, rtype, published, payload in reversed(rows):
        rec = json.loads(payload) if payload else {"id": rid, "type": rtype, "destroyed": True}
        rec.setdefault("published_at", published)
        rec.setdefault("seq", seq)
        out.append(rec)
    return out


@router.get("/archief/record/{record_id}", include_in_schema=False)
def archive_record(request: Request, record_id: str, user: ArchiveUser) -> Response:
    archive = _archive(request)
    rec = archive.get(record_id)
    if rec is None:
        return render(
            request,
            "error.html",
            {
                "title": "Niet gevonden",
                "detail": f"Er is geen record ‘{record_id}’ in het archief.",
            },
            status_code=404,
        )
    return render(
        request,
        "archive_record.html",
        {
            "rec": _shown(rec, archive.timezone),
            "row": _row(rec, archive.timezone),
            "hash": rec.get("hash"),
            "zone": archive.timezone,
            "json": json.dumps(rec, ensure_ascii=False, indent=2, sort_keys=True),
        },
    )


@router.post("/archief/controleren", include_in_schema=False)
def archive_verify(request: Request, user: ArchiveUser, form: CsrfForm) -> Response:
    result = _archive(request).verify()
    return render(
        request,
        "archive.html",
        {
            "query": "",
            "van": "",
            "tot": "",
            "records": [],
            "title": "",
            "count": result.count,
            "head_hash": result.head_hash,
            "formats": FORMATS,
            "woo_available": detector_available(),
            "holds": [],
            "verify": {
                "ok": result.ok,
                "count": result.count,
                "destroyed": result.destroyed,
                "head": result.head_hash,
                "last_seq": result.last_seq,
                "problem": result.problem.message() if result.problem else None,
                "anchor": result.anchor_note,
            },
        },
        status_code=200 if result.ok else 409,
    )


@router.get("/archief/export", include_in_schema=False)
def archive_export(request: Request, user: ArchiveUser) -> Response:
    q = request.query_params
    fmt = q.get("formaat", "jsonl")
    if fmt not in FORMATS or (fmt == "woo" and not detector_available()):
        return render(
            request,
            "error.html",
            {"title": "Export niet mogelijk", "detail": "Kies jsonl, csv, html of woo."},
            status_code=400,
        )
    van, tot = q.get("van") or "", q.get("tot") or ""
    folder = Path(tempfile.mkdtemp(prefix="kt-export-"))
    target = folder / ("woo" if fmt == "woo" else f"archief.{fmt}")
    _archive(request).export(
        fmt, target, published_from=_bound(van, False), published_to=_bound(tot, True)
    )
    name = f"archief{'-' + van if van else ''}{'-tot-' + tot if tot else ''}"
    if fmt == "woo":
        zipped = folder / "woo.zip"
        with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(target.rglob("*")):
                if path.is_file():
                    zf.write(path, path.relative_to(target).as_posix())
        target, filename = zipped, f"{name}-woo.zip"
    else:
        filename = f"{name}.{fmt}"
    return FileResponse(
        target,
        media_type=MEDIA[fmt],
        filename=filename,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
