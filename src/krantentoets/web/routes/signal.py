"""Signaleren (MW-2): every role passes on a message seen elsewhere to Communications.

``/signaleren`` takes a link and/or the text, an optional screenshot and a
note, and lists what this user passed on with what became of it (seen,
assigned, handled). ``/signaleren/{id}/afbeelding`` serves the screenshot to
Communications and to the one who sent it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import UploadFile
from starlette.responses import Response

from krantentoets.auth import allowed
from krantentoets.monitor.signal import Screenshot, SignalError, add_signal, signals_by
from krantentoets.store.settings import Signal
from krantentoets.store.users import User, list_users
from krantentoets.web.deps import DB, CsrfForm, form_str, render, require, sentence, state
from krantentoets.web.present import local_time
from krantentoets.web.routes.inbox import LABEL_TEXT
from krantentoets.web.uploads import sniff

router = APIRouter()

SignalUser = Annotated[User, Depends(require("signal"))]
IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


def _fate(signal: Signal, labels: dict[str, str]) -> str:
    """What became of a signal, in one sentence for the one who sent it."""
    m = signal.mention
    if m.handled_at is not None:
        who = labels.get(m.handled_by or "", m.handled_by or "Communicatie")
        return f"Afgehandeld door {who} op {local_time(m.handled_at)}."
    if m.assigned_to:
        who = labels.get(m.assigned_to, m.assigned_to)
        return f"Communicatie heeft het opgepakt: {who} kijkt ernaar."
    return "Ontvangen in de inbox van Communicatie; nog niet opgepakt."


def _page(
    request: Request,
    session: DB,
    user: User,
    *,
    values: dict[str, str] | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    labels = {u.name: u.label for u in list_users(session)}
    mine = [
        {
            "id": s.id,
            "when": local_time(s.created_at),
            "text": s.mention.text,
            "url": s.mention.url,
            "note": s.note,
            "label": LABEL_TEXT.get(s.mention.label or "", "nog niet beoordeeld"),
            "fate": _fate(s, labels),
            "handled": s.mention.handled_at is not None,
            "screenshot": s.screenshot_type is not None,
        }
        for s in signals_by(session, user.name)
    ]
    values = values or {"tekst": "", "link": "", "notitie": ""}
    return render(
        request, "signal.html", {"mine": mine, "values": values, "error": error}, status_code
    )


@router.get("/signaleren", include_in_schema=False)
def signal_page(request: Request, user: SignalUser, session: DB) -> Response:
    return _page(request, session, user)


@router.post("/signaleren", include_in_schema=False)
def signal_submit(request: Request, user: SignalUser, form: CsrfForm, session: DB) -> Response:
    st = state(request)
    values = {k: form_str(form, k).replace("\r\n", "\n") for k in ("tekst", "link", "notitie")}
    shot = None
    upload = form.get("afbeelding")
    try:
        if isinstance(upload, UploadFile) and upload.filename:
            data = upload.file.read(st.config.max_image_bytes + 1)
            if len(data) > st.config.max_image_bytes:
                raise SignalError("de schermafbeelding is te groot (hoogstens 10 MB)")
            suffix = sniff(data)
            if suffix is None:
                raise SignalError("de schermafbeelding is geen JPEG, PNG, GIF of WebP")
            shot = Screenshot(data, IMAGE_TYPES[suffix])
        add_signal(
            session,
            user.name,
            text=values["tekst"],
            url=values["link"],
            note=values["notitie"],
            screenshot=shot,
            policy=st.policy(),
        )
    except SignalError as exc:
        session.rollback()
        return _page(
            request, session, user, values=values, error=sentence(str(exc)), status_code=422
        )
    return RedirectResponse("/signaleren?melding=gesignaleerd", status_code=303)


@router.get("/signaleren/{signal_id}/afbeelding", include_in_schema=False)
def signal_image(request: Request, signal_id: int, user: SignalUser, session: DB) -> Response:
    row = session.get(Signal, signal_id)
    if (
        row is None
        or row.screenshot is None
        or not (allowed(user.role, "inbox.all") or row.signalled_by == user.name)
    ):
        return render(
            request,
            "error.html",
            {
                "title": "Niet gevonden",
                "detail": "Deze schermafbeelding bestaat niet of is niet voor jou.",
            },
            404,
        )
    return Response(
        row.screenshot,
        media_type=row.screenshot_type or "application/octet-stream",
        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"},
    )
