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
from fastapi.responses import FileResponse, RedirectResponse
from starlette.background import BackgroundTask
from starlette.responses import Response

from krantentoets.archive.export import FORMATS
from krantentoets.archive.grounds import KEEP, grounds
from krantentoets.archive.grounds import label as label_of
from krantentoets.archive.record import (
    DEFAULT_TIMEZONE,
    RECORD_TYPE_LABELS,
    RecordType,
    display_time,
)
from krantentoets.archive.redaction import CATEGORY_LABELS, detector_available
from krantentoets.archive.requests import WooRequests
from krantentoets.archive.review import COMMENT, DOCUMENT, DOCUMENT_GROUND, check_summary
from krantentoets.archive.service import Archive, ArchiveError
from krantentoets.archive.woo import document_title
from krantentoets.store import archive as db
from krantentoets.store.users import User
from krantentoets.web.deps import CsrfForm, form_str, render, require, state
from krantentoets.web.present import people

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


class BadDate(ValueError):
    """A date field that is not a date; the message is Dutch and names the field."""


def _bound(value: str | None, end: bool) -> str | None:
    """``JJJJ-MM-DD`` -> the first or last moment of that day; empty -> no bound.

    Anything else is refused (never silently "no bound": that would export everything)."""
    if not value:
        return None
    from datetime import date

    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        field = "tot" if end else "van"
        raise BadDate(
            f"‘{value[:40]}’ in het veld {field} is geen datum; gebruik JJJJ-MM-DD"
        ) from None
    return day.isoformat() + ("T23:59:59Z" if end else "T00:00:00Z")


def _bad_date(request: Request, exc: BadDate) -> Response:
    return render(
        request, "error.html", {"title": "Ongeldige datum", "detail": str(exc)}, status_code=400
    )


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
        "author": _text(rec.get("author")),
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


def _named(shown: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    """People by their names (not user names) and roles in Dutch, on the record page."""
    from krantentoets.auth import ROLE_LABELS, Role

    for a in shown["approvals"]:
        a["by"] = labels.get(a["by"], a["by"])
        a["responder"] = labels.get(a["responder"], a["responder"])
        a["role"] = ROLE_LABELS[Role(a["role"])] if a["role"] in set(Role) else a["role"]
    shown["author_label"] = labels.get(shown["author"], shown["author"])
    return shown


@router.get("/archief", include_in_schema=False)
def archive_page(request: Request, user: ArchiveUser) -> Response:
    q = request.query_params
    query = (q.get("q") or "").strip()[:300]
    van, tot = q.get("van") or "", q.get("tot") or ""
    try:
        start, end = _bound(van, False), _bound(tot, True)
    except BadDate as exc:
        return _bad_date(request, exc)
    archive = _archive(request)
    if query:
        found = archive.search(query, limit=LATEST, published_from=start, published_to=end)
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


@router.get("/archief/record/{record_id:path}", include_in_schema=False)
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
            "rec": _named(_shown(rec, archive.timezone), people(state(request).engine)),
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


def _zip(folder: Path, zipped: Path) -> None:
    """A folder (a BagIt bag) as a zip file, paths relative to the folder."""
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")


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
    try:
        start, end = _bound(van, False), _bound(tot, True)
    except BadDate as exc:
        return _bad_date(request, exc)
    folder = Path(tempfile.mkdtemp(prefix="kt-export-"))
    target = folder / ("woo" if fmt == "woo" else f"archief.{fmt}")
    _archive(request).export(fmt, target, published_from=start, published_to=end)
    # The name is built from the parsed dates only, never from what the visitor typed.
    name = "archief" + (f"-{start[:10]}" if start else "") + (f"-tot-{end[:10]}" if end else "")
    if fmt == "woo":
        zipped = folder / "woo.zip"
        _zip(target, zipped)
        target, filename = zipped, f"{name}-woo.zip"
    else:
        filename = f"{name}.{fmt}"
    return FileResponse(
        target,
        media_type=MEDIA[fmt],
        filename=filename,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


# -- Woo requests: the review screen ---------------------------------------------------

#: Item field -> what the review screen calls it.
FIELD_LABELS = {
    "author": "Geplaatst door",
    "account": "Account",
    "text": "Bericht",
    "in_reply_to.author": "Schrijver van het bericht waarop gereageerd is",
    "in_reply_to.text": "Bericht waarop gereageerd is",
}
CATEGORY_LABELS_NL = {**CATEGORY_LABELS, COMMENT: "opmerking uit intern beraad"}
WOO_MESSAGES = {
    "geopend": "Het Woo-verzoek is geopend. Beoordeel hieronder elk document.",
    "opgeslagen": "De besluiten voor dit document zijn opgeslagen.",
    "vastgesteld": "De besluiten zijn vastgesteld. Je kunt het pakket nu downloaden.",
}


def _field_label(fld: str) -> str:
    if fld in FIELD_LABELS:
        return FIELD_LABELS[fld]
    parts = fld.split(".")
    if parts[0] == "thread" and len(parts) == 3:
        return f"Eerder bericht {int(parts[1]) + 1} in het gesprek" + (
            " (schrijver)" if parts[2] == "author" else ""
        )
    if parts[0] == "approvals" and len(parts) == 3:
        what = {"by": "wie besloot", "responder": "wie reageert", "comment": "opmerking"}
        return f"Afstemming {int(parts[1]) + 1}: {what.get(parts[2], parts[2])}"
    return fld


def _requests(request: Request) -> WooRequests:
    return WooRequests(_archive(request))


def _woo_page(
    request: Request, requests: WooRequests, errors: dict[str, str] | None = None, status: int = 200
) -> Response:
    return render(
        request,
        "archive_woo.html",
        {
            "requests": requests.list(),
            "woo_available": detector_available(),
            "errors": errors or {},
            "form": {},
        },
        status_code=status,
    )


@router.get("/archief/woo", include_in_schema=False)
def woo_list(request: Request, user: ArchiveUser) -> Response:
    return _woo_page(request, _requests(request))


@router.post("/archief/woo", include_in_schema=False)
def woo_open(request: Request, user: ArchiveUser, form: CsrfForm) -> Response:
    requests = _requests(request)
    reference = form_str(form, "kenmerk").strip()
    if not reference:
        return _woo_page(request, requests, {"kenmerk": "Vul het kenmerk van het verzoek in."}, 400)
    req = requests.open(
        reference=reference,
        by=user.name,
        query=form_str(form, "woorden").strip()[:300] or None,
        period_from=_bound(form_str(form, "van"), False),
        period_to=_bound(form_str(form, "tot"), True),
    )
    return RedirectResponse(f"/archief/woo/{req.id}?melding=geopend", status_code=303)


def _review_context(requests: WooRequests, req: Any) -> dict[str, Any]:
    zone = requests.archive.timezone
    docs = []
    for r in requests.review(req):
        doc = r.document
        docs.append(
            {
                "number": doc.number,
                "id": str(r.rec.get("id")),
                "title": document_title(r.rec, requests.archive.organisation, zone),
                "when": display_time(_text(r.rec.get("published_at")), zone),
                "openness": doc.openness.value,
                "openness_label": doc.openness.label,
                "document_ground": doc.document_ground or "",
                "decided": bool(r.decided),
                "found": [
                    {
                        "key": it.key,
                        "field": _field_label(it.field),
                        "category": CATEGORY_LABELS_NL.get(it.category, it.category),
                        "original": it.original,
                        "value": r.values[it.key],
                        "proposed": it.default,
                        "reason": it.reason,
                        "who": r.decided.get(it.key),
                    }
                    for it in r.items
                ],
            }
        )
    return {"req": req, "docs": docs, "grounds": list(grounds().values()), "keep": KEEP}


@router.get("/archief/woo/{request_id}", include_in_schema=False)
def woo_review(request: Request, request_id: str, user: ArchiveUser) -> Response:
    requests = _requests(request)
    try:
        req = requests.get(request_id)
        context = _review_context(requests, req)
    except ArchiveError as exc:
        return render(
            request, "error.html", {"title": "Niet gevonden", "detail": str(exc)}, status_code=404
        )
    context["message"] = WOO_MESSAGES.get(request.query_params.get("melding", ""))
    return render(request, "archive_woo_review.html", context)


@router.post("/archief/woo/{request_id}/document/{record_id}", include_in_schema=False)
def woo_decide(
    request: Request, request_id: str, record_id: str, user: ArchiveUser, form: CsrfForm
) -> Response:
    requests = _requests(request)
    values = {
        key[2:]: str(value) for key, value in form.multi_items() if key.startswith("g:") and value
    }
    openness = form_str(form, "besluit")
    if openness:
        values[DOCUMENT] = openness
        if openness == "niet-openbaar":
            values[DOCUMENT_GROUND] = form_str(form, "grond") or "5.1.2e"
    try:
        req = requests.get(request_id)
        requests.decide(req, record_id, values, by=user.name)
    except ArchiveError as exc:
        return render(
            request, "error.html", {"title": "Niet opgeslagen", "detail": str(exc)}, status_code=400
        )
    return RedirectResponse(
        f"/archief/woo/{request_id}?melding=opgeslagen#doc-{record_id}", status_code=303
    )


@router.post("/archief/woo/{request_id}/vaststellen", include_in_schema=False)
def woo_settle(request: Request, request_id: str, user: ArchiveUser, form: CsrfForm) -> Response:
    requests = _requests(request)
    try:
        requests.settle(requests.get(request_id), by=user.name)
    except ArchiveError as exc:
        return render(
            request,
            "error.html",
            {"title": "Niet vastgesteld", "detail": str(exc)},
            status_code=400,
        )
    return RedirectResponse(f"/archief/woo/{request_id}?melding=vastgesteld", status_code=303)


@router.get("/archief/woo/{request_id}/pakket", include_in_schema=False)
def woo_package(request: Request, request_id: str, user: ArchiveUser) -> Response:
    requests = _requests(request)
    try:
        req = requests.get(request_id)
    except ArchiveError as exc:
        return render(
            request, "error.html", {"title": "Niet gevonden", "detail": str(exc)}, status_code=404
        )
    folder = Path(tempfile.mkdtemp(prefix="kt-woo-"))
    target = folder / "pakket"
    requests.export(req, target)
    zipped = folder / "pakket.zip"
    _zip(target, zipped)
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in req.reference)
    return FileResponse(
        zipped,
        media_type="application/zip",
        filename=f"woo-pakket-{safe}.zip",
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
