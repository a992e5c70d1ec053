"""The settings page: what the policy file holds that an organisation changes over time.

``/beheer/instellingen`` shows every setting of
:data:`krantentoets.policy.effective.SETTINGS` with where its value comes from
(the policy file, the built-in default, or a change in the app: by whom and
when) and lets the beheerder (and communicatie, for its settings) change it.
A change is validated with the policy file's own model before it is stored;
the page also places and lifts legal holds on the archive.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from krantentoets.archive.service import Archive, ArchiveError
from krantentoets.policy import PolicyError
from krantentoets.policy.effective import (
    BY_KEY,
    SETTINGS,
    Setting,
    apply_overrides,
    from_form,
    get_value,
    to_form,
)
from krantentoets.store.settings import changes, overrides, set_override
from krantentoets.store.users import User, list_users
from krantentoets.web.deps import DB, CsrfForm, form_str, render, require, sentence, state
from krantentoets.web.present import local_time

router = APIRouter(prefix="/beheer")

SettingsUser = Annotated[User, Depends(require("settings"))]

MESSAGES = {
    "opgeslagen": "De instellingen zijn opgeslagen. Ze gelden meteen.",
    "niets": "Er was niets veranderd.",
    "teruggezet": "De instelling volgt weer het beleidsbestand.",
    "blokkade": "De blokkade is geplaatst: deze records worden niet vernietigd.",
    "opgeheven": "De blokkade is opgeheven.",
}


def _may_change(user: User, setting: Setting) -> bool:
    return user.role == "beheerder" or user.role in setting.roles


def _rows(request: Request, session: Session, user: User, posted: dict[str, str]) -> list[Any]:
    st = state(request)
    base = st.file_data()
    rows = overrides(session)
    effective = st.policy().settings.model_dump(mode="json", exclude_none=True)
    labels = {u.name: u.label for u in list_users(session)}
    path = st.config.policy_path
    groups: dict[str, list[dict[str, Any]]] = {}
    for s in SETTINGS:
        row = rows.get(s.key)
        in_file = get_value(base, s.key)
        if row is not None:
            origin = (
                f"Gewijzigd in de app door {labels.get(row.changed_by, row.changed_by)} "
                f"op {local_time(row.changed_at)}"
            )
            if in_file is not None and in_file != row.value:
                origin += ". Het beleidsbestand zegt iets anders; deze waarde gaat voor"
        elif in_file is not None:
            origin = f"Uit het beleidsbestand ({path})"
        else:
            origin = "Standaardwaarde (nog nergens ingesteld)"
        groups.setdefault(s.group, []).append(
            {
                "s": s,
                "id": "i-" + s.key.replace(".", "-").replace("_", "-"),
                "value": posted.get(s.key, to_form(s, get_value(effective, s.key))),
                "origin": origin,
                "overridden": row is not None,
                "may_change": _may_change(user, s),
            }
        )
    return list(groups.items())


def _page(
    request: Request,
    session: Session,
    user: User,
    *,
    posted: dict[str, str] | None = None,
    error: str | None = None,
    hold_error: str | None = None,
    status_code: int = 200,
) -> Response:
    st = state(request)
    labels = {u.name: u.label for u in list_users(session)}
    holds = []
    if user.role == "beheerder":
        holds = Archive.from_policy(st.engine, st.policy().settings).holds()
    return render(
        request,
        "settings.html",
        {
            "groups": _rows(request, session, user, posted or {}),
            "error": error,
            "hold_error": hold_error,
            "holds": holds,
            "changes": [
                {
                    "when": local_time(c.at),
                    "who": labels.get(c.by, c.by),
                    "what": BY_KEY[c.key].label if c.key in BY_KEY else c.key,
                    "back": c.new is None,
                }
                for c in changes(session, 20)
            ],
            "policy_path": st.config.policy_path,
            "message": MESSAGES.get(request.query_params.get("melding", "")),
        },
        status_code,
    )


@router.get("/instellingen", include_in_schema=False)
def settings_page(request: Request, user: SettingsUser, session: DB) -> Response:
    return _page(request, session, user)


@router.post("/instellingen", include_in_schema=False)
def settings_save(request: Request, user: SettingsUser, form: CsrfForm, session: DB) -> Response:
    st = state(request)
    current = st.policy().settings.model_dump(mode="json", exclude_none=True)
    posted = {s.key: form_str(form, s.key) for s in SETTINGS if s.key in form}
    new: dict[str, Any] = {}
    try:
        for key, text in posted.items():
            setting = BY_KEY[key]
            if not _may_change(user, setting):
                continue
            value = from_form(setting, text)
            if value != get_value(current, key):
                new[key] = value
        merged = {k: row.value for k, row in overrides(session).items()}
        for key, value in new.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        # The same model as the policy file decides: what the file refuses, the app refuses.
        apply_overrides(st.file_data(), merged, source="instellingen")
    except PolicyError as exc:
        return _page(
            request, session, user, posted=posted, error=sentence(str(exc)), status_code=422
        )
    changed = [set_override(session, key, value, user.name) for key, value in new.items()]
    key = "opgeslagen" if any(changed) else "niets"
    return RedirectResponse(f"/beheer/instellingen?melding={key}", status_code=303)


@router.post("/instellingen/terugzetten", include_in_schema=False)
def settings_reset(request: Request, user: SettingsUser, form: CsrfForm, session: DB) -> Response:
    setting = BY_KEY.get(form_str(form, "sleutel"))
    if setting is None or not _may_change(user, setting):
        return _page(request, session, user, error="Deze instelling kun je niet terugzetten.")
    set_override(session, setting.key, None, user.name)
    return RedirectResponse("/beheer/instellingen?melding=teruggezet", status_code=303)


@router.post("/instellingen/blokkade", include_in_schema=False)
def legal_hold(request: Request, user: SettingsUser, form: CsrfForm, session: DB) -> Response:
    if user.role != "beheerder":
        return _page(request, session, user, hold_error="Alleen de beheerder doet dit.")
    st = state(request)
    archive = Archive.from_policy(st.engine, st.policy().settings)
    reason = form_str(form, "reden").strip()
    try:
        if not reason:
            raise ArchiveError("geef een reden (bijvoorbeeld het zaaknummer van het Woo-verzoek)")
        hold_id = form_str(form, "opheffen")
        if hold_id:
            archive.release_hold(hold_id, reason=reason, by=user.name)
            key = "opgeheven"
        else:
            ids = [x.strip() for x in form_str(form, "records").split() if x.strip()]
            archive.place_hold(
                reason=reason,
                by=user.name,
                record_ids=ids,
                period_from=form_str(form, "van").strip() or None,
                period_to=form_str(form, "tot").strip() or None,
            )
            key = "blokkade"
    except ArchiveError as exc:
        return _page(request, session, user, hold_error=sentence(str(exc)), status_code=422)
    return RedirectResponse(f"/beheer/instellingen?melding={key}#blokkades", status_code=303)
