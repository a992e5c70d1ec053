"""The alignment and archive pages: submit, decide, revise, publish (archived), search, verify."""

from __future__ import annotations

import json
import re
from typing import Any

from krantentoets.auth import Role
from web_fixtures import client_for, csrf_of

pytest_plugins = ["web_fixtures"]

FIRE = "Er is een grote brand in de wijk Vlietzone. Blijf binnen en sluit ramen en deuren."
FIRE_2 = "Brand in Vlietzone: de brandweer is ter plaatse. Houd ramen en deuren dicht."


def _post(client: Any, page_url: str, action: str, data: dict[str, str]) -> Any:
    page = client.get(page_url)
    assert page.status_code == 200, page.text[:300]
    return client.post(action, data={"csrf_token": csrf_of(page.text), **data})


def test_menu_shows_the_pages_per_role(app: Any, users: None) -> None:
    medewerker = client_for(app, Role.MEDEWERKER).get("/afstemming")
    assert 'href="/afstemming"' in medewerker.text and 'href="/archief"' not in medewerker.text
    assert client_for(app, Role.MEDEWERKER).get("/archief").status_code == 403
    archivaris = client_for(app, Role.ARCHIVARIS).get("/archief")
    assert archivaris.status_code == 200 and "Archief van online dialogen" in archivaris.text


def test_flow_through_the_pages(app: Any, users: None) -> None:
    author = client_for(app, Role.MEDEWERKER)
    prefilled = author.get("/afstemming", params={"tekst": "Brand <b>!", "platform": "x"})
    assert "Brand &lt;b&gt;!</textarea>" in prefilled.text
    assert '<option value="x" selected>' in prefilled.text
    # A draft that must not be posted goes back to the check, findings shown.
    bad = _post(author, "/afstemming", "/afstemming", {"tekst": "Bel me op 06-12345678, Karin."})
    assert bad.status_code == 422 and "Nog niet voorgelegd" in bad.text
    assert 'id="bevinding-1"' in bad.text
    sent = _post(
        author,
        "/afstemming",
        "/afstemming",
        {
            "tekst": FIRE,
            "platform": "facebook",
            "account": "organisation",
            "reactie_op": "Wat is er aan de hand?",
            "reactie_auteur": "Jan Jansen",
        },
    )
    assert sent.status_code == 303
    url = sent.headers["location"].split("?")[0]
    rid = int(url.rsplit("/", 1)[1])
    # The author cannot decide; a manager asks for a change.
    own = _post(author, url, f"{url}/stap", {"stap": "approve", "reageerder": "medewerker"})
    assert own.status_code == 422 and "Alleen een leidinggevende" in own.text
    manager = client_for(app, Role.LEIDINGGEVENDE)
    form = manager.get(url).text
    assert "Besluit vastleggen" in form and "Spoed: incident" in form
    assert " checked" not in form.split('id="besluit-kop"')[1]  # nothing preselected
    select = form.split('id="b-wie"')[1].split("</select>")[0]
    choices = re.findall(r'<option value="([^"]*)"', select)
    assert choices[0] == "" and "archivaris" not in choices and "beheerder" not in choices
    assert "medewerker" in choices
    # The queue count is in the menu; a manager lands on the queue.
    assert re.search(r'Afstemming <span class="nav-count">1', form)
    nothing = _post(manager, url, f"{url}/stap", {"toelichting": "?"})
    assert nothing.status_code == 422 and "Kies een besluit" in nothing.text
    ghost = _post(manager, url, f"{url}/stap", {"stap": "approve", "reageerder": "spook"})
    assert ghost.status_code == 422 and "geen (actieve) gebruiker" in ghost.text
    r = _post(
        manager,
        url,
        f"{url}/stap",
        {"stap": "request-changes", "toelichting": "Noem de brandweer."},
    )
    assert r.status_code == 303
    r = _post(author, url, f"{url}/stap", {"stap": "revise", "tekst": FIRE_2})
    assert r.status_code == 303
    r = _post(manager, url, f"{url}/stap", {"stap": "approve", "reageerder": "communicatie"})
    assert r.status_code == 303
    comms = client_for(app, Role.COMMUNICATIE)
    r = _post(comms, url, f"{url}/stap", {"stap": "approve", "reageerder": "communicatie"})
    assert r.status_code == 303
    page = comms.get(url).text
    assert "Goedgekeurd" in page and "Vastleggen en archiveren" in page
    r = _post(
        comms,
        url,
        f"{url}/stap",
        {
            "stap": "publish",
            "link": "https://facebook.example/p/9",
            "geplaatst_op": "2025-06-01T14:00",
        },
    )
    assert r.status_code == 303
    page = comms.get(url).text
    assert "Geplaatst en gearchiveerd" in page and f"/archief/record/workflow-{rid}" in page
    # The author has no archive role: no link that would refuse, but what was archived.
    mine = author.get(url).text
    assert "/archief/record/" not in mine and "Gearchiveerd" in mine
    # The archive shows it, finds it, and the chain holds.
    archivaris = client_for(app, Role.ARCHIVARIS)
    record = archivaris.get(f"/archief/record/workflow-{rid}")
    assert record.status_code == 200 and "Jan Jansen" in record.text and "brandweer" in record.text
    assert "2025-06-01T12:00:00Z" in record.text  # 14:00 Amsterdam summer time, stored in UTC
    found = archivaris.get("/archief", params={"q": "brandweer"})
    assert f"workflow-{rid}" in found.text
    verified = _post(archivaris, "/archief", "/archief/controleren", {})
    assert verified.status_code == 200 and "Keten in orde" in verified.text
    export = archivaris.get("/archief/export", params={"formaat": "jsonl"})
    assert export.status_code == 200
    (line,) = export.text.splitlines()
    assert json.loads(line)["id"] == f"workflow-{rid}"
    assert re.search(r"approve.*approve.*publish", line)


def test_check_page_carries_the_draft_into_alignment(app: Any, users: None) -> None:
    author = client_for(app, Role.MEDEWERKER)
    page = author.get("/controleren")
    checked = author.post(
        "/controleren",
        data={
            "csrf_token": csrf_of(page.text),
            "text": FIRE,
            "platform": "facebook",
            "account": "organisation",
            "reply_to": "Wat is er aan de hand?",
        },
    )
    assert "Ter afstemming voorleggen" in checked.text
    form = checked.text.split('action="/afstemming"')[1].split("</form>")[0]
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    assert fields["platform"] == "facebook" and fields["reactie_op"] == "Wat is er aan de hand?"
    sent = author.post("/afstemming", data=fields)
    assert sent.status_code == 303
    detail = author.get(sent.headers["location"]).text
    assert "Wat is er aan de hand?" in detail and "Facebook" in detail


def test_a_manager_lands_on_the_queue(app: Any, users: None) -> None:
    from krantentoets.web.nav import home_for

    assert home_for("leidinggevende") == "/afstemming"
    assert home_for("medewerker") == "/controleren"


def test_the_404_page_keeps_the_menu_and_api_docs_lead_back(app: Any, users: None) -> None:
    page = client_for(app, Role.COMMUNICATIE).get("/bestaat-niet")
    assert page.status_code == 404 and 'aria-label="Hoofdmenu"' in page.text
    assert 'href="/inbox"' in page.text
    docs = client_for(app).get("/api/docs")
    assert "Terug naar krantentoets" in docs.text and "/beheer/gebruikers" in docs.text
