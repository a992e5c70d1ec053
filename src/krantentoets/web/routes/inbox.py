"""The monitoring inbox (MW-2, MA-9): what is said about the organisation, with advice.

Filter by label, tone, advice, source, date and status; assign a post to a colleague;
mark posts handled (one at a time or a selection); weekly charts of compliments against
criticism and of positive against negative tone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session
from starlette.responses import Response

from krantentoets.auth import allowed
from krantentoets.monitor.digest import NOT_PUBLIC_NL
from krantentoets.monitor.listing import watched_by
from krantentoets.store.base import UTCDateTime, utcnow
from krantentoets.store.monitor import LABELS, Mention, MonitorSource
from krantentoets.store.settings import Signal
from krantentoets.store.users import User, get_user, list_users
from krantentoets.web import chart
from krantentoets.web.deps import DB, CsrfForm, form_str, render, require
from krantentoets.web.present import local_time, local_zone

router = APIRouter()

PAGE_SIZE = 50
CHART_WEEKS = 12

LABEL_TEXT: dict[str, str] = {
    "compliment": "Compliment",
    "criticism": "Kritiek",
    "question": "Vraag",
    "claim": "Bewering",
    "abuse": "Beledigend of bedreigend",
    "other": "Overig",
}
ADVICE_TEXT: dict[str, str] = {
    "no-response": "Niet reageren",
    "communications": "Communicatie beoordeelt (feiten of bejegening)",
    "answer": "Beantwoorden",
    "forward": "Doorsturen naar het team dat het compliment verdient",
    "service": "Beantwoorden of doorzetten naar het vakteam (melding over een dienst)",
    "none": "Geen actie nodig",
}
TONE_TEXT: dict[str, str] = {"positive": "Positief", "negative": "Negatief", "neutral": "Neutraal"}
STATUS_TEXT: dict[str, str] = {"open": "Open", "afgehandeld": "Afgehandeld", "alle": "Alle"}

InboxUser = Annotated[User, Depends(require("inbox"))]


@dataclass(frozen=True, slots=True)
class Filters:
    label: str = ""
    toon: str = ""
    advice: str = ""
    source: str = ""
    van: date | None = None
    tot: date | None = None
    status: str = "open"
    mij: bool = False
    pagina: int = 1

    def query(self, **changes: Any) -> str:
        values = {
            "label": self.label,
            "toon": self.toon,
            "advice": self.advice,
            "source": self.source,
            "van": self.van.isoformat() if self.van else "",
            "tot": self.tot.isoformat() if self.tot else "",
            "status": self.status,
            "mij": "1" if self.mij else "",
            "pagina": str(self.pagina) if self.pagina > 1 else "",
        }
        values.update({k: str(v) for k, v in changes.items()})
        return urlencode({k: v for k, v in values.items() if v})


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filters(request: Request) -> tuple[Filters, dict[str, str]]:
    q = request.query_params
    errors: dict[str, str] = {}
    van, tot = _date(q.get("van")), _date(q.get("tot"))
    if q.get("van") and van is None:
        errors["van"] = "Vul een geldige datum in."
    if q.get("tot") and tot is None:
        errors["tot"] = "Vul een geldige datum in."
    if van and tot and tot < van:
        errors["tot"] = "Deze datum ligt vóór de datum bij Vanaf: kies een latere datum."
    try:
        page = max(1, int(q.get("pagina") or 1))
    except ValueError:
        page = 1
    status = q.get("status") or "open"
    return (
        Filters(
            label=q.get("label", "") if q.get("label", "") in LABEL_TEXT else "",
            toon=q.get("toon", "") if q.get("toon", "") in TONE_TEXT else "",
            advice=q.get("advice", "") if q.get("advice", "") in ADVICE_TEXT else "",
            source=q.get("source", "")[:200],
            van=van,
            tot=tot,
            status=status if status in STATUS_TEXT else "open",
            mij=q.get("mij") == "1",
            pagina=page,
        ),
        errors,
    )


SOURCE_KINDS = {
    "rss": "Nieuwsfeed",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "import": "Export",
    "signal": "Gesignaleerd",
}


def source_label(name: str) -> str:
    """A source's name as people read it: ``bluesky:gemeente`` -> ``Bluesky: gemeente``."""
    kind, sep, rest = name.partition(":")
    if kind == "signal":
        return "Doorgegeven door een collega"
    if not sep or kind not in SOURCE_KINDS:
        return name
    return f"{SOURCE_KINDS[kind]}: {rest.strip()}" if rest.strip() else SOURCE_KINDS[kind]


def _when() -> Any:
    return func.coalesce(Mention.published_at, Mention.fetched_at, type_=UTCDateTime())


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=local_zone()).astimezone(UTC)


def own_only(stmt: Select[Any], user: User) -> Select[Any]:
    """A mandataris sees only the mentions that name them (MA-9); others see everything."""
    if allowed(user.role, "inbox.all"):
        return stmt
    return stmt.where(watched_by(user.name))


def _apply(stmt: Select[Any], f: Filters, user: User) -> Select[Any]:
    stmt = own_only(stmt, user)
    if f.label:
        stmt = stmt.where(Mention.label == f.label)
    if f.toon:
        stmt = stmt.where(Mention.sentiment == f.toon)
    if f.advice:
        stmt = stmt.where(Mention.advice == f.advice)
    if f.source:
        stmt = stmt.where(MonitorSource.name == f.source)
    if f.van:
        stmt = stmt.where(_when() >= _local_midnight(f.van))
    if f.tot:
        stmt = stmt.where(_when() < _local_midnight(f.tot + timedelta(days=1)))
    if f.status == "open":
        stmt = stmt.where(Mention.handled_at.is_(None))
    elif f.status == "afgehandeld":
        stmt = stmt.where(Mention.handled_at.is_not(None))
    if f.mij:
        stmt = stmt.where(Mention.assigned_to == user.name)
    return stmt


def _reasons(value: Any) -> list[str]:
    """Triage reasons as Dutch sentences (stored as text or as ``{"nl", "en"}``)."""
    if not value:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        text = (item.get("nl") or item.get("en") or "") if isinstance(item, dict) else str(item)
        if text:
            out.append(text)
    return out


def _chart_weeks(session: Session, column: Any, kinds: tuple[str, str]) -> list[chart.Week]:
    """Weekly counts of the two ``kinds`` of ``column`` (label or tone)."""
    today = datetime.now(local_zone()).date()
    since = _local_midnight(chart.week_start(today) - timedelta(weeks=CHART_WEEKS - 1))
    when = _when()
    rows = session.execute(select(when, column).where(column.in_(kinds), when >= since)).all()
    return chart.weekly_counts(
        ((w.astimezone(local_zone()), kind) for w, kind in rows), today, CHART_WEEKS, kinds
    )


def _our_replies(session: Any, mention_ids: list[int]) -> dict[int, str]:
    """Links to the replies krantentoets published to these inbox items (issue 14)."""
    from krantentoets.store.publish import PublishPost

    if not mention_ids:
        return {}
    stmt = select(PublishPost.mention_id, PublishPost.url).where(
        PublishPost.mention_id.in_(mention_ids),
        PublishPost.status == "archived",
        PublishPost.url.is_not(None),
    )
    return {m: u for m, u in session.execute(stmt) if u.startswith(("https://", "http://"))}


@router.get("/inbox", include_in_schema=False)
def inbox(request: Request, user: InboxUser, session: DB) -> Response:
    f, errors = _filters(request)
    base = select(Mention, MonitorSource.name).join(
        MonitorSource, Mention.source_id == MonitorSource.id
    )
    stmt = _apply(base, f, user)
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(f.pagina, pages)
    rows = session.execute(
        stmt.order_by(_when().desc(), Mention.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    replies = _our_replies(session, [m.id for m, _ in rows])
    users = [u for u in list_users(session) if u.active]
    labels_by_name = {u.name: u.label for u in list_users(session)}
    signals = {
        s.mention_id: s
        for s in session.scalars(
            select(Signal).where(Signal.mention_id.in_([m.id for m, _ in rows]))
        )
    }
    items = [
        {
            "id": m.id,
            "text": m.text,
            "url": m.url if m.url and m.url.startswith(("https://", "http://")) else None,
            "reply_url": replies.get(m.id),
            "author": m.author_name or m.author or "afzender onbekend",
            "not_public": NOT_PUBLIC_NL.get(m.visibility or "public", "").strip(" []"),
            "source": source_label(source_name),
            "when": local_time(m.published_at or m.fetched_at),
            "label": m.label or "",
            "label_text": LABEL_TEXT.get(m.label or "", m.label or "nog niet beoordeeld"),
            "advice": m.advice or "",
            "advice_text": ADVICE_TEXT.get(m.advice or "", m.advice or ""),
            "tone": m.sentiment or "",
            "tone_text": TONE_TEXT.get(m.sentiment or "", ""),
            "tone_score": (
                f"{m.sentiment_score:+.2f}".replace(".", ",")
                if m.sentiment_score is not None
                else ""
            ),
            "reasons": _reasons(m.reasons),
            "signal": {
                "by": labels_by_name.get(signals[m.id].signalled_by, signals[m.id].signalled_by),
                "note": signals[m.id].note,
                "image": f"/signaleren/{signals[m.id].id}/afbeelding"
                if signals[m.id].screenshot_type
                else None,
            }
            if m.id in signals
            else None,
            "assigned_to": m.assigned_to or "",
            "assigned_label": labels_by_name.get(m.assigned_to or "", m.assigned_to or ""),
            "handled": m.handled_at is not None,
            "handled_text": (
                f"Afgehandeld door {labels_by_name.get(m.handled_by or '', m.handled_by or '')} "
                f"op {local_time(m.handled_at)}"
                if m.handled_at
                else ""
            ),
        }
        for m, source_name in rows
    ]
    sources = list(session.scalars(select(MonitorSource.name).order_by(MonitorSource.name)))
    overview = allowed(user.role, "inbox.all")
    weeks = _chart_weeks(session, Mention.label, ("compliment", "criticism")) if overview else []
    tone_weeks = (
        _chart_weeks(session, Mention.sentiment, ("positive", "negative")) if overview else []
    )
    return render(
        request,
        "inbox.html",
        {
            "filters": f,
            "filters_active": f.query(pagina=1) != Filters().query(pagina=1) or bool(errors),
            "errors": errors,
            "items": items,
            "total": total,
            "page": page,
            "pages": pages,
            "labels": [(k, LABEL_TEXT[k]) for k in LABELS if k in LABEL_TEXT],
            "tones": list(TONE_TEXT.items()),
            "advices": list(ADVICE_TEXT.items()),
            "statuses": list(STATUS_TEXT.items()),
            "sources": [(name, source_label(name)) for name in sources],
            "no_sources": not sources,
            "colleagues": [(u.name, u.label) for u in users],
            "weeks": weeks,
            "chart_svg": chart.svg(weeks, css_class="chart chart--wide") if overview else "",
            # Six weeks at phone width: labels stay readable at 390 px.
            "chart_svg_small": chart.svg(
                weeks[-6:],
                "grafiek-titel-klein",
                "grafiek-uitleg-klein",
                width=360,
                css_class="chart chart--small",
            )
            if overview
            else "",
            "show_overview": overview,
            "source_status": _source_status(session) if overview else [],
            "tone_weeks": tone_weeks,
            "tone_chart_svg": chart.svg(
                tone_weeks, "toon-grafiek-titel", "toon-grafiek-uitleg", chart.TONE
            )
            if overview
            else "",
            "back": "/inbox" + ("?" + f.query() if f.query() else ""),
        },
    )


def source_status_text(row: MonitorSource) -> str:
    """One Dutch line: failed, not everything fetched yet (and why), or fine."""
    last = (row.state or {}).get("last_poll") or {}
    if row.last_error:
        return f"Mislukt ({row.error_count}x): {row.last_error}"
    parts = []
    if last.get("pages_left"):
        parts.append(f"Nog niet alles opgehaald: {last['pages_left'][-1]}")
    if last.get("skipped"):
        parts.append(f"{last['skipped']} overgeslagen in de laatste ronde")
    return "; ".join(parts) or "In orde"


def _source_status(session: Session) -> list[dict[str, str]]:
    rows = session.scalars(select(MonitorSource).order_by(MonitorSource.name))
    return [
        {
            "name": source_label(row.name),
            "when": local_time(row.last_polled_at) if row.last_polled_at else "nog niet",
            "status": source_status_text(row),
        }
        for row in rows
    ]


def _back(form_value: str) -> str:
    return form_value if form_value.startswith("/inbox") and "//" not in form_value else "/inbox"


def _with_message(url: str, key: str) -> str:
    return url + ("&" if "?" in url else "?") + "melding=" + key


@router.post("/inbox/acties", include_in_schema=False)
def inbox_action(request: Request, user: InboxUser, form: CsrfForm, session: DB) -> Response:
    back = _back(form_str(form, "terug"))
    action = form_str(form, "actie")
    ids = []
    for raw in form.getlist("ids"):
        if isinstance(raw, str) and raw.isdigit():
            ids.append(int(raw))
    if not ids:
        return RedirectResponse(_with_message(back, "niets-geselecteerd"), status_code=303)
    mentions = list(session.scalars(own_only(select(Mention).where(Mention.id.in_(ids)), user)))
    if action == "toewijzen":
        assignee = form_str(form, "toegewezen_aan").strip()
        target = get_user(session, assignee) if assignee else None
        for m in mentions:
            m.assigned_to = target.name if target else None
        return RedirectResponse(_with_message(back, "toegewezen"), status_code=303)
    if action == "afhandelen":
        now = utcnow()
        for m in mentions:
            if m.handled_at is None:
                m.handled_at = now
                m.handled_by = user.name
        return RedirectResponse(_with_message(back, "afgehandeld"), status_code=303)
    if action == "heropenen":
        for m in mentions:
            m.handled_at = None
            m.handled_by = None
        return RedirectResponse(_with_message(back, "heropend"), status_code=303)
    return RedirectResponse(back, status_code=303)
