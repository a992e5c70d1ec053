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
from krantentoets.archive.record import RECORD_TYPE_LABELS, RecordType
from krantentoets.archive.redaction import detector_available
from krantentoets.archive.service import Archive
from krantentoets.store import archive as db
from krantentoets.store.users import User
from krantentoets.web.deps import CsrfForm, render, require, state
from krantentoets.web.present import local_iso, people


def _approvals(rec: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    """The steps of the alignment, in words: names, Dutch actions, local times."""
    from krantentoets.auth import ROLE_LABELS, Role
    from krantentoets.workflow.rules import ACTION_LABELS, Action

    out = []
    for a in rec.get("approvals") or ():
        decision = a.get("decision", "")
        role = a.get("role", "")
        out.append(
            {
                "by": labels.get(a.get("by", ""), a.get("by", "")),
                "role": ROLE_LABELS[Role(role)] if role in set(Role) else role,
                "decision": ACTION_LABELS[Action(decision)]
                if decision in set(Action)
                else decision,
                "at": local_iso(a.get("at")),
                "responder": labels.get(a.get("responder") or "", a.get("responder") or ""),
                "comment": a.get("comment"),
            }
        )
    return out


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


def _row(rec: dict[str, Any]) -> dict[str, Any]:
    rtype = rec.get("type", "")
    label = RECORD_TYPE_LABELS.get(RecordType(rtype)) if rtype in set(RecordType) else rtype
    text = rec.get("text") or ""
    return {
        "id": rec.get("id"),
        "type": label,
        "published_at": local_iso(rec.get("published_at"), zone=False),
        "platform": rec.get("platform") or "",
        "author": rec.get("author") or "",
        "excerpt": text if len(text) <= 200 else text[:199] + "…",
        "destroyed": bool(rec.get("destroyed")),
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
        title = f"{len(found)} {'resultaat' if len(found) == 1 else 'resultaten'} voor ‘{query}’"
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
            "records": [_row(r) for r in found],
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
    rec = _archive(request).get(record_id)
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
            "approvals": _approvals(rec, people(state(request).engine)),
            "published_local": local_iso(rec.get("published_at")),
            "author_label": people(state(request).engine).get(
                rec.get("author") or "", rec.get("author") or ""
            ),
            "rec": rec,
            "row": _row(rec),
            "check": rec.get("check") or {},
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
