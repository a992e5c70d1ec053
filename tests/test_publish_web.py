"""The web side of publishing: the beheerder's accounts page, the Publiceren button, warnings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from fakes.mastodon import FakeMastodon
from krantentoets.auth import Role
from krantentoets.publish.credentials import Vault
from krantentoets.store import session_scope
from krantentoets.store.publish import PublishAccount
from krantentoets.store.workflow import WorkflowRequest
from krantentoets.workflow.rules import Action, Actor
from krantentoets.workflow.service import decide, submit
from publish_helpers import POLICY
from web_fixtures import SECRET, client_for, csrf_of

pytest_plugins = ["web_fixtures"]

FIRE = "Er is een grote brand in de wijk Vlietzone. Blijf binnen en sluit ramen en deuren."


def _post(client: Any, page_url: str, action: str, data: dict[str, Any], **kw: Any) -> Any:
    page = client.get(page_url)
    return client.post(action, data={"csrf_token": csrf_of(page.text), **data}, **kw)


def test_connect_account_publish_with_one_click_and_warn_on_revocation(
    app: Any, users: None, engine: Any
) -> None:
    admin = client_for(app, Role.BEHEERDER)
    with FakeMastodon() as fake:
        r = _post(
            admin,
            "/beheer/accounts",
            "/beheer/accounts",
            {
                "platform": "mastodon",
                "handle": "@gemeente_dijkstad",
                "server": fake.url,
                "token": fake.token,
                "rollen": ["communicatie"],
            },
        )
        assert r.status_code == 303
        page = admin.get("/beheer/accounts").text
        assert "@gemeente_dijkstad" in page and "versleuteld opgeslagen" in page
        assert fake.token not in page  # never shown again
        with session_scope(engine) as s:
            stored = s.scalar(select(PublishAccount)).credentials
            assert fake.token not in stored
            assert Vault(SECRET).open(stored)["access_token"] == fake.token
            req = submit(
                s, Actor("medewerker", "medewerker"), FIRE, policy=POLICY, platform="mastodon"
            )
            rid = req.id
        with session_scope(engine) as s:
            decide(
                s,
                rid,
                Actor("leidinggevende", "leidinggevende"),
                Action.APPROVE,
                responder="communicatie",
            )
            decide(
                s,
                rid,
                Actor("communicatie", "communicatie"),
                Action.APPROVE,
                responder="communicatie",
            )
        comms = client_for(app, Role.COMMUNICATIE)
        url = f"/afstemming/{rid}"
        assert "Publiceren" in comms.get(url).text
        r = _post(comms, url, f"{url}/publiceren", {"alt": ""})
        assert r.status_code == 303, r.text
        page = comms.get(url).text
        assert "Geplaatst en gearchiveerd" in page and f"/archief/record/workflow-{rid}" in page
        again = _post(comms, url, f"{url}/publiceren", {})
        assert again.status_code in (409, 422) and "al geplaatst" in again.text
        assert len([s for s in fake.statuses.values()]) == 1
        with session_scope(engine) as s:
            assert s.get(WorkflowRequest, rid).status == "published"
        # The token is revoked on the platform: a publish says so, and the beheerder is warned.
        fake.revoke()
        with session_scope(engine) as s:
            req2 = submit(
                s, Actor("medewerker", "medewerker"), FIRE, policy=POLICY, platform="mastodon"
            )
            rid2 = req2.id
        with session_scope(engine) as s:
            decide(
                s,
                rid2,
                Actor("leidinggevende", "leidinggevende"),
                Action.APPROVE,
                responder="communicatie",
            )
            decide(
                s,
                rid2,
                Actor("communicatie", "communicatie"),
                Action.APPROVE,
                responder="communicatie",
            )
        url2 = f"/afstemming/{rid2}"
        failed = _post(comms, url2, f"{url2}/publiceren", {})
        assert failed.status_code == 422 and "HTTP 401" in failed.text
        with session_scope(engine) as s:
            assert s.get(WorkflowRequest, rid2).status == "approved"
        assert "niet meer gekoppeld" in admin.get("/beheer/accounts").text


def test_only_the_beheerder_manages_accounts(app: Any, users: None) -> None:
    assert client_for(app, Role.COMMUNICATIE).get("/beheer/accounts").status_code == 403


def test_reply_from_the_inbox_is_checked_published_as_a_reply_and_marks_the_item(
    app: Any, users: None, engine: Any
) -> None:
    from krantentoets.store.monitor import Mention, MonitorSource

    with FakeMastodon() as fake:
        citizen = fake.citizen("jan_inwoner", "Jan de Vries")
        question = fake._fill(fake._status(citizen, "Wanneer komt het grofvuil?"))
        with session_scope(engine) as s:
            source = MonitorSource(name="mastodon", kind="mastodon")
            s.add(source)
            s.flush()
            m = Mention(
                source_id=source.id,
                external_id=question["id"],
                url=question["url"],
                author="@jan_inwoner",
                author_name="Jan de Vries",
                text="Wanneer komt het grofvuil?",
            )
            s.add(m)
            s.flush()
            mention_id = m.id
        admin = client_for(app, Role.BEHEERDER)
        _post(
            admin,
            "/beheer/accounts",
            "/beheer/accounts",
            {"platform": "mastodon", "handle": "@gemeente_dijkstad", "server": fake.url,
             "token": fake.token, "rollen": ["communicatie"]},
        )  # fmt: skip
        comms = client_for(app, Role.COMMUNICATIE)
        inbox = comms.get("/inbox").text
        assert "Reactie opstellen" in inbox and f"bericht={mention_id}" in inbox
        start = f"/controleren?bericht={mention_id}"
        assert "Wanneer komt het grofvuil?" in comms.get(start).text
        checked = _post(
            comms,
            start,
            "/controleren",
            {"text": "Het grofvuil komt donderdag. Kijk op dijkstad.nl/grofvuil.",
             "platform": "mastodon", "account": "organisation", "reply_to": "Wanneer?",
             "reply_url": question["url"], "mention_id": str(mention_id)},
        )  # fmt: skip
        assert checked.status_code == 200 and 'action="/publiceren"' in checked.text
        key = checked.text.split('name="sleutel" value="')[1].split('"')[0]
        form = {
            "csrf_token": csrf_of(checked.text),
            "sleutel": key,
            "text": "Het grofvuil komt donderdag. Kijk op dijkstad.nl/grofvuil.",
            "reply_to": "Wanneer?",
            "reactie_link": question["url"],
            "bericht": str(mention_id),
            "account": "1",
        }
        done = comms.post("/publiceren", data=form)
        assert done.status_code == 303, done.text
        ours = [
            s for s in fake.statuses.values() if s["account"]["username"] == "gemeente_dijkstad"
        ]
        assert len(ours) == 1 and ours[0]["in_reply_to_id"] == question["id"]
        twice = comms.post("/publiceren", data=form)  # the same form again: not posted twice
        assert twice.status_code == 409
        with session_scope(engine) as s:
            assert s.get(Mention, mention_id).handled_at is not None
        assert "Onze reactie" in comms.get("/inbox?status=afgehandeld").text


def test_mastodon_authorisation_code_flow_in_the_web_app(
    app: Any, users: None, engine: Any
) -> None:
    from urllib.parse import parse_qs, urlsplit

    admin = client_for(app, Role.BEHEERDER)
    with FakeMastodon() as fake:
        start = _post(
            admin,
            "/beheer/accounts",
            "/beheer/accounts/mastodon",
            {"server": fake.url, "handle": "@gemeente_dijkstad"},
            follow_redirects=False,
        )
        assert start.status_code == 303
        target = urlsplit(start.headers["location"])
        assert f"{target.scheme}://{target.netloc}" == fake.url
        query = parse_qs(target.query)
        assert query["client_id"][0] in fake.apps
        code = fake.authorise()  # the account owner logs in on the server and allows it
        wrong = admin.get("/beheer/accounts/mastodon/terug", params={"code": code, "state": "vals"})
        assert wrong.status_code == 400
        back = admin.get(
            "/beheer/accounts/mastodon/terug",
            params={"code": code, "state": query["state"][0]},
            follow_redirects=False,
        )
        assert back.status_code == 303, back.text
        with session_scope(engine) as s:
            acc = s.scalar(select(PublishAccount))
            creds = Vault(SECRET).open(acc.credentials)
        assert creds["access_token"] == "org-token-2" and acc.instance == fake.url
