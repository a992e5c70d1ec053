"""The demo (USERS.md moment 6): every page has realistic content, alignment in every state,
an archive with threads and signalled posts in the inbox."""

from __future__ import annotations

from typing import Any

import pytest

from krantentoets.auth import Role

pytest_plugins = ["web_fixtures"]


@pytest.fixture
def demo_app(engine: Any) -> Any:
    from krantentoets.web.demo import DEMO_PASSWORD, seed_demo
    from web_fixtures import make_app

    seed_demo(engine)
    assert DEMO_PASSWORD
    return make_app(engine, demo=True)


def _login(app: Any, role: Role) -> Any:
    from fastapi.testclient import TestClient

    from krantentoets.web.demo import DEMO_PASSWORD
    from web_fixtures import csrf_of

    client = TestClient(app, follow_redirects=False)
    page = client.get("/inloggen")
    r = client.post(
        "/inloggen",
        data={"csrf_token": csrf_of(page.text), "name": role.value, "password": DEMO_PASSWORD},
    )
    assert r.status_code == 303
    return client


def test_the_demo_fills_every_page(demo_app: Any) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.workflow import WorkflowRequest

    with session_scope(demo_app.state.kt.engine) as s:
        statuses = {r.status for r in s.query(WorkflowRequest)}
    assert statuses == {
        "submitted",
        "changes-requested",
        "approved",
        "rejected",
        "published",
        "withdrawn",
    }
    manager = _login(demo_app, Role.LEIDINGGEVENDE)
    queue = manager.get("/afstemming").text
    assert "Spoed: incident" in queue and "gemeente Noordwaard" in queue
    comms = _login(demo_app, Role.COMMUNICATIE)
    inbox = comms.get("/inbox").text
    assert inbox.count("Doorgegeven door <strong>") == 2
    conflict = comms.get("/afstemming/3").text
    assert "Kies samen wie reageert" in conflict
    archive = _login(demo_app, Role.ARCHIVARIS).get("/archief").text
    assert "facebook-2025-06-zwembad" in archive and "workflow-8" in archive
    record = _login(demo_app, Role.ARCHIVARIS).get("/archief/record/facebook-2025-06-zwembad")
    assert "Kees Postma" in record.text and "(Nederlandse tijd)" in record.text
    settings = _login(demo_app, Role.BEHEERDER).get("/beheer/instellingen").text
    assert "Gewijzigd in de app door" in settings
    mine = _login(demo_app, Role.MEDEWERKER).get("/signaleren").text
    assert "Buurtapp Vlietzone" in mine
