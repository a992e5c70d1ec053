"""Signaleren (MW-2): any role passes on a message; it lands in the inbox, triaged and marked
with who signalled it; the signaller sees what became of it; the name stays inside."""

from __future__ import annotations

import json
import re
from typing import Any

from krantentoets.auth import Role
from web_fixtures import client_for, csrf_of

pytest_plugins = ["web_fixtures"]

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
TEXT = "In de buurtapp: de gemeente laat het speelveld aan de Kastanjelaan al weken verslonzen."


def _signal(client: Any, data: dict[str, str], files: Any = None) -> Any:
    page = client.get("/signaleren")
    assert page.status_code == 200
    return client.post("/signaleren", data={"csrf_token": csrf_of(page.text), **data}, files=files)


def test_every_role_signals_and_sees_what_became_of_it(app: Any, users: None) -> None:
    for role in Role:
        assert 'href="/signaleren"' in client_for(app, role).get("/signaleren").text
    mila = client_for(app, Role.MEDEWERKER)
    r = _signal(
        mila,
        {"tekst": TEXT, "link": "https://buurt.example/p/1", "notitie": "Buurtgroep Zuid"},
        files={"afbeelding": ("scherm.png", PNG, "image/png")},
    )
    assert r.status_code == 303
    mine = mila.get(r.headers["location"]).text
    assert "Doorgegeven." in mine and "nog niet opgepakt" in mine
    # Communications sees it in the inbox, triaged, with who signalled it and the screenshot.
    comms = client_for(app, Role.COMMUNICATIE)
    inbox = comms.get("/inbox").text
    assert "Kastanjelaan" in inbox and "Doorgegeven door <strong>Test medewerker</strong>" in inbox
    assert "Doorgegeven door een collega" in inbox  # the source
    item = inbox.split("Kastanjelaan")[0].rsplit('<li class="mention', 1)[1]
    assert "Kritiek" in item or "Bewering" in item or "Overig" in item  # triaged
    image = re.search(r'href="(/signaleren/\d+/afbeelding)"', inbox)
    assert image and comms.get(image.group(1)).content == PNG
    assert client_for(app, Role.MANDATARIS).get(image.group(1)).status_code == 404
    mention = re.search(r'name="ids" value="(\d+)" form="bulk"', inbox)
    assert mention
    r = comms.post(
        "/inbox/acties",
        data={"csrf_token": csrf_of(inbox), "actie": "afhandelen", "ids": mention.group(1)},
    )
    assert r.status_code == 303
    assert "Afgehandeld door Test communicatie" in mila.get("/signaleren").text
    # Nobody else sees Mila's signals.
    assert "Kastanjelaan" not in client_for(app, Role.MANDATARIS).get("/signaleren").text


def test_a_signal_needs_something_to_pass_on(app: Any, users: None) -> None:
    client = client_for(app, Role.MANDATARIS)
    r = _signal(client, {"notitie": "zag iets"})
    assert r.status_code == 422 and "Geef de tekst, een link of een schermafbeelding" in r.text
    r = _signal(client, {"link": "javascript:alert(1)"})
    assert r.status_code == 422 and "https://" in r.text
    r = _signal(
        client, {"tekst": "x"}, files={"afbeelding": ("a.png", b"not an image", "image/png")}
    )
    assert r.status_code == 422 and "geen JPEG" in r.text


def test_the_signaller_never_reaches_the_archive(app: Any, users: None, engine: Any) -> None:
    from krantentoets.archive.service import Archive
    from krantentoets.store import session_scope
    from krantentoets.store.monitor import Mention
    from krantentoets.workflow.rules import Actor
    from krantentoets.workflow.service import decide, publish, submit

    mila = client_for(app, Role.MEDEWERKER)
    assert (
        _signal(mila, {"tekst": "Brand bij de Kastanjelaan, wat doet de gemeente?"}).status_code
        == 303
    )
    policy = app.state.kt.policy()
    with session_scope(engine) as s:
        m = s.query(Mention).one()
        rid = submit(
            s,
            Actor("communicatie", "communicatie"),
            "Er is brand aan de Kastanjelaan; de brandweer is ter plaatse.",
            policy=policy,
            reply_to_text=m.text,
            reply_to_author=m.author_name,
            mention_id=m.id,
        ).id
        decide(
            s, rid, Actor("leidinggevende", "leidinggevende"), "approve", responder="communicatie"
        )
    with session_scope(engine) as s:
        # A second Communications adviser decides (nobody decides on their own draft).
        from krantentoets.store.users import create_user

        create_user(s, "sanne", "communicatie", "wachtwoord-123", full_name="Sanne")
    with session_scope(engine) as s:
        decide(s, rid, Actor("sanne", "communicatie"), "approve", responder="communicatie")
        publish(s, rid, Actor("communicatie", "communicatie"), archive=Archive(engine))
    rec = Archive(engine).get(f"workflow-{rid}")
    assert rec is not None
    dumped = json.dumps(rec, ensure_ascii=False)
    assert "Kastanjelaan, wat doet" in dumped  # the dialogue is there ...
    assert '"medewerker"' not in dumped and "Test medewerker" not in dumped  # ... its signaller not
