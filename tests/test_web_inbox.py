"""The inbox page: filters, assigning, handling, the weekly chart; and the admin page."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from krantentoets.auth import Role
from krantentoets.web import chart
from web_fixtures import PASSWORD, client_for, csrf_of

NOW = datetime.now(UTC)

# (source, label, advice, days ago, text)
MENTIONS = [
    (
        "rss:omroep",
        "claim",
        "communications",
        1,
        "De gemeente schrapt de subsidie voor het buurthuis.",
    ),
    (
        "mastodon:gemeente",
        "compliment",
        "forward",
        0,
        "Dank aan de groenvoorziening, het park is prachtig.",
    ),
    (
        "mastodon:gemeente",
        "criticism",
        "no-response",
        2,
        "Alweer geen grofvuil opgehaald, belachelijk.",
    ),
    ("bluesky:gemeente", "question", "answer", 3, "Tot hoe laat is het stadskantoor open?"),
    ("bluesky:gemeente", "criticism", "no-response", 9, "Het parkeerbeleid is slecht nagedacht."),
    ("rss:omroep", "compliment", "forward", 15, "Bewoners tevreden over de nieuwe speeltuin."),
]

#: The tone stored with each mention, by its label (the tone of a claim or question: neutral).
TONE = {"compliment": "positive", "criticism": "negative"}

pytest_plugins = ["web_fixtures"]


@pytest.fixture
def mentions(engine: Any) -> list[int]:
    from krantentoets.store import session_scope
    from krantentoets.store.monitor import Mention, MonitorSource

    ids = []
    with session_scope(engine) as session:
        sources = {}
        for name in sorted({m[0] for m in MENTIONS}):
            sources[name] = MonitorSource(name=name, kind=name.split(":")[0], state={})
            session.add(sources[name])
        session.flush()
        for i, (source, label, advice, days, text) in enumerate(MENTIONS):
            m = Mention(
                source_id=sources[source].id,
                external_id=f"t{i}",
                url=f"https://voorbeeld.nl/{i}",
                author=f"@inwoner{i}",
                text=text,
                published_at=NOW - timedelta(days=days, hours=1),
                label=label,
                signal=label != "question",
                advice=advice,
                reasons=[f"reden {i}", {"nl": f"Nederlandse reden {i}", "en": "English"}],
                sentiment=TONE.get(label, "neutral"),
                sentiment_score={"compliment": 0.7, "criticism": -0.6}.get(label, 0.0),
            )
            session.add(m)
            session.flush()
            ids.append(m.id)
    return ids


def _texts(html: str) -> list[str]:
    return re.findall(r'<blockquote class="mention__text">(.*?)</blockquote>', html, re.S)


def test_inbox_lists_open_mentions_newest_first_with_advice(
    app: Any, users: None, mentions: list[int]
) -> None:
    html = client_for(app, Role.COMMUNICATIE).get("/inbox").text
    texts = _texts(html)
    assert len(texts) == len(MENTIONS)
    assert texts[0].startswith("Dank aan de groenvoorziening")
    assert "Communicatie beoordeelt" in html and "Beantwoorden" in html
    assert "Nederlandse reden 0" in html and "English" not in html
    assert 'href="https://voorbeeld.nl/0"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("label=criticism", {"Alweer geen grofvuil", "Het parkeerbeleid"}),
        ("advice=answer", {"Tot hoe laat"}),
        ("source=rss:omroep", {"De gemeente schrapt", "Bewoners tevreden"}),
        ("label=criticism&source=bluesky:gemeente", {"Het parkeerbeleid"}),
        ("toon=negative", {"Alweer geen grofvuil", "Het parkeerbeleid"}),
        ("toon=neutral&source=rss:omroep", {"De gemeente schrapt"}),
    ],
)
def test_inbox_filters(
    app: Any, users: None, mentions: list[int], query: str, expected: set[str]
) -> None:
    html = client_for(app, Role.COMMUNICATIE).get(f"/inbox?{query}").text
    found = {t for t in _texts(html)}
    assert {next(e for e in expected if t.startswith(e)) for t in found} == expected
    assert len(found) == len(expected)


def test_inbox_date_filter(app: Any, users: None, mentions: list[int]) -> None:
    client = client_for(app, Role.COMMUNICATIE)
    since = (NOW - timedelta(days=5)).date().isoformat()
    html = client.get(f"/inbox?van={since}").text
    assert len(_texts(html)) == 4
    until = (NOW - timedelta(days=8)).date().isoformat()
    html = client.get(f"/inbox?tot={until}").text
    assert len(_texts(html)) == 2
    bad = client.get("/inbox?van=gisteren").text
    assert "Vul een geldige datum in" in bad


def test_assign_handle_and_reopen(app: Any, engine: Any, users: None, mentions: list[int]) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.monitor import Mention

    client = client_for(app, Role.COMMUNICATIE)
    token = csrf_of(client.get("/inbox").text)
    first, second, third = mentions[:3]
    r = client.post(
        "/inbox/acties",
        data={
            "csrf_token": token,
            "actie": "toewijzen",
            "ids": str(first),
            "toegewezen_aan": "leidinggevende",
            "terug": "/inbox?label=claim",
        },
    )
    assert r.status_code == 303
    assert r.headers["location"].startswith("/inbox?label=claim")
    r = client.post(
        "/inbox/acties",
        data={"csrf_token": token, "actie": "afhandelen", "ids": [str(second), str(third)]},
    )
    assert r.status_code == 303
    with session_scope(engine) as session:
        rows = {m.id: m for m in session.query(Mention)}
        assert rows[first].assigned_to == "leidinggevende"
        assert rows[second].handled_by == rows[third].handled_by == "communicatie"
        assert rows[second].handled_at is not None
        assert rows[first].handled_at is None
    open_html = client.get("/inbox").text
    assert len(_texts(open_html)) == len(MENTIONS) - 2
    handled_html = client.get("/inbox?status=afgehandeld").text
    assert len(_texts(handled_html)) == 2
    assert "Afgehandeld door Test communicatie" in handled_html
    client.post(
        "/inbox/acties", data={"csrf_token": token, "actie": "heropenen", "ids": str(second)}
    )
    assert len(_texts(client.get("/inbox").text)) == len(MENTIONS) - 1
    # "Assigned to me" for the manager.
    mine = client_for(app, Role.BEHEERDER)
    mine_token = csrf_of(mine.get("/inbox").text)
    mine.post(
        "/inbox/acties",
        data={
            "csrf_token": mine_token,
            "actie": "toewijzen",
            "ids": str(third),
            "toegewezen_aan": "beheerder",
        },
    )
    assert len(_texts(mine.get("/inbox?mij=1&status=alle").text)) == 1


def test_inbox_redirect_target_stays_on_the_inbox(
    app: Any, users: None, mentions: list[int]
) -> None:
    client = client_for(app, Role.COMMUNICATIE)
    token = csrf_of(client.get("/inbox").text)
    for evil in ("https://evil.example/", "//evil.example/inbox", "/inbox//evil"):
        r = client.post(
            "/inbox/acties",
            data={"csrf_token": token, "actie": "afhandelen", "ids": "1", "terug": evil},
        )
        assert r.headers["location"].startswith("/inbox?"), evil


def test_inbox_chart_counts_compliments_and_criticism(
    app: Any, users: None, mentions: list[int]
) -> None:
    html = client_for(app, Role.COMMUNICATIE).get("/inbox").text
    svg = re.search(r"<svg class=\"chart chart--wide\".*?</svg>", html, re.S)
    assert svg is not None
    assert 'role="img"' in svg.group(0)
    desc = re.search(r"<desc [^>]*>(.*?)</desc>", svg.group(0)).group(1)
    assert "2 complimenten en 2 berichten met kritiek" in desc
    labels_part = html.split('id="toon-grafiek-kop"')[0]  # the tone chart's table comes after
    rows = re.findall(
        r"<tr><th scope=\"row\">[^<]+</th><td>(\d+)</td><td>(\d+)</td></tr>", labels_part
    )
    assert sum(int(c) for c, _ in rows) == 2
    assert sum(int(k) for _, k in rows) == 2


def test_inbox_shows_the_tone_and_charts_it(app: Any, users: None, mentions: list[int]) -> None:
    html = client_for(app, Role.COMMUNICATIE).get("/inbox").text
    assert 'id="f-toon"' in html
    assert "Toon: Negatief" in html and "(-0,60)" in html
    svgs = re.findall(r"<svg class=\"chart[^\"]*\".*?</svg>", html, re.S)
    assert len(svgs) == 3  # labels (wide and phone) and tone
    desc = re.search(r"<desc [^>]*>(.*?)</desc>", svgs[2]).group(1)
    assert "2 positief en 2 negatieve berichten" in desc


def test_weekly_counts_put_posts_in_their_iso_week() -> None:
    today = date(2026, 11, 18)  # a Wednesday
    rows = [
        (datetime(2026, 11, 16, 8, tzinfo=UTC), "compliment"),  # this week (Monday)
        (datetime(2026, 11, 15, 23, tzinfo=UTC), "criticism"),  # last week (Sunday)
        (datetime(2026, 11, 15, 22, tzinfo=UTC), "question"),  # not counted
        (datetime(2026, 8, 1, tzinfo=UTC), "compliment"),  # before the window
    ]
    weeks = chart.weekly_counts(rows, today, 4)
    assert [w.start for w in weeks] == [
        date(2026, 10, 26),
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
    ]
    assert [(w.compliments, w.criticism) for w in weeks] == [(0, 0), (0, 0), (0, 1), (1, 0)]
    svg = str(chart.svg(weeks))
    assert svg.count("<rect ") == 8 + 1  # two bars per week, plus the hatch pattern tile


# -- admin page -------------------------------------------------------------------------------


def test_admin_adds_a_user_who_can_log_in(app: Any, users: None) -> None:
    admin = client_for(app, Role.BEHEERDER)
    token = csrf_of(admin.get("/beheer/gebruikers").text)
    data = {
        "csrf_token": token,
        "name": "j.jansen",
        "full_name": "Jan Jansen",
        "role": "communicatie",
        "password": PASSWORD,
        "password2": PASSWORD,
    }
    r = admin.post("/beheer/gebruikers", data=data)
    assert r.status_code == 303
    assert "j.jansen" in admin.get("/beheer/gebruikers").text
    again = admin.post("/beheer/gebruikers", data={**data, "name": "J.Jansen"})
    assert again.status_code == 422
    assert "er is al een gebruiker" in again.text.lower()
    jan = client_for(app)
    t = csrf_of(jan.get("/inloggen").text)
    r = jan.post("/inloggen", data={"csrf_token": t, "name": "J.JANSEN", "password": PASSWORD})
    assert r.headers["location"] == "/controleren"
    assert jan.get("/inbox").status_code == 200


def test_admin_changes_roles_but_keeps_one_beheerder(app: Any, engine: Any, users: None) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.users import get_user

    admin = client_for(app, Role.BEHEERDER)
    token = csrf_of(admin.get("/beheer/gebruikers").text)
    with session_scope(engine) as session:
        medewerker_id = get_user(session, "medewerker").id
        admin_id = get_user(session, "beheerder").id
    r = admin.post(
        f"/beheer/gebruikers/{medewerker_id}", data={"csrf_token": token, "role": "communicatie"}
    )
    assert r.status_code == 303
    assert client_for(app, "medewerker").get("/inbox").status_code == 200
    refused = admin.post(
        f"/beheer/gebruikers/{admin_id}", data={"csrf_token": token, "role": "medewerker"}
    )
    assert refused.status_code == 422
    assert "laatste beheerder" in refused.text
    refused = admin.post(
        f"/beheer/gebruikers/{admin_id}", data={"csrf_token": token, "active": "0"}
    )
    assert refused.status_code == 422


def test_admin_creates_a_token_shown_once_and_revokes_it(
    app: Any, engine: Any, users: None
) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.users import lookup_token

    admin = client_for(app, Role.BEHEERDER)
    token = csrf_of(admin.get("/beheer/gebruikers").text)
    r = admin.post(
        "/beheer/tokens", data={"csrf_token": token, "name": "intranet", "role": "medewerker"}
    )
    assert r.status_code == 200
    secret = re.search(r'id="nieuw-token"[^>]*value="(kt_[^"]+)"', r.text).group(1)
    assert secret not in admin.get("/beheer/gebruikers").text
    api = client_for(app)
    headers = {"Authorization": f"Bearer {secret}"}
    assert api.post("/api/v1/check", json={"text": "Hallo"}, headers=headers).status_code == 200
    with session_scope(engine) as session:
        row = lookup_token(session, secret)
        assert row is not None and row.role == "medewerker"
        token_id = row.id
    admin.post(f"/beheer/tokens/{token_id}/intrekken", data={"csrf_token": token})
    assert api.post("/api/v1/check", json={"text": "Hallo"}, headers=headers).status_code == 401


def test_inbox_item_to_reply_and_bulk_assign(app: Any, users: None, mentions: list[int]) -> None:
    comms = client_for(app, Role.COMMUNICATIE)
    page = comms.get("/inbox")
    assert "Bluesky: gemeente" in page.text and ">bluesky:gemeente<" not in page.text
    question = mentions[3]
    assert f'href="/controleren?bericht={question}"' in page.text
    draft = comms.get("/controleren", params={"bericht": question})
    assert "Tot hoe laat is het stadskantoor open?</textarea>" in draft.text
    assert '<option value="bluesky" selected>' in draft.text
    assert f'name="mention_id" value="{question}"' in draft.text
    # A medewerker cannot read inbox posts through the check page.
    other = client_for(app, Role.MEDEWERKER).get("/controleren", params={"bericht": question})
    assert "stadskantoor" not in other.text
    r = comms.post(
        "/inbox/acties",
        data={
            "csrf_token": csrf_of(page.text),
            "actie": "toewijzen",
            "toegewezen_aan": "medewerker",
            "ids": [str(mentions[0]), str(mentions[1])],
        },
    )
    assert r.status_code == 303
    mine = client_for(app, Role.MEDEWERKER)
    assert mine  # the assignee exists
    assigned = comms.get("/inbox").text
    assert assigned.count('<option value="medewerker" selected>') == 2


def test_a_reversed_date_range_says_so(app: Any, users: None, mentions: list[int]) -> None:
    page = client_for(app, Role.COMMUNICATIE).get(
        "/inbox", params={"van": "2025-06-10", "tot": "2025-06-01"}
    )
    assert "vóór de datum bij Vanaf" in page.text
