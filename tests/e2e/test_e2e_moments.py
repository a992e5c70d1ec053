"""USERS.md moments 1-5 and a signalled post, walked end to end in chromium as the roles
involved, on a laptop (1366x900) and a phone (390x844).

On every page of the walks: no horizontal scrolling of the page body (WCAG 1.4.10) and
zero axe-core violations at WCAG 2.1 A/AA (axe-core vendored under ``vendor/``, see
``vendor/SOURCE.md``). A screenshot of every step is written to
``$KRANTENTOETS_E2E_SCREENSHOTS`` (default: the test's temporary folder) to look at.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

VENDOR = Path(__file__).resolve().parent / "vendor"
VIEWPORTS = {"laptop": (1366, 900), "telefoon": (390, 844)}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _axe_source() -> str:
    data = (VENDOR / "axe.min.js").read_bytes()
    expected = (VENDOR / "axe.min.js.sha256").read_text().strip()
    assert hashlib.sha256(data).hexdigest() == expected, "vendor/axe.min.js was changed"
    return data.decode("utf-8")


@pytest.fixture(scope="module")
def axe_source() -> str:
    return _axe_source()


class Walk:
    """A person walking through the app: each page is checked and photographed."""

    def __init__(
        self,
        browser: Any,
        server: str,
        folder: Path,
        viewport: str,
        axe: str,
        who: str,
        password: str,
    ) -> None:
        width, height = VIEWPORTS[viewport]
        self.context = browser.new_context(
            base_url=server, locale="nl-NL", viewport={"width": width, "height": height}
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self.server = server
        self.outside: list[str] = []
        self.page.on(
            "request",
            lambda r: (
                self.outside.append(r.url) if not r.url.startswith((server, "data:")) else None
            ),
        )
        self.folder = folder
        self.viewport = viewport
        self.axe = axe
        self.who = who
        self.step = 0
        self.prefix = viewport
        self.password = password
        self.login()

    def login(self) -> None:
        page = self.page
        page.goto("/inloggen")
        page.get_by_label("Gebruikersnaam").fill(self.who)
        page.get_by_label("Wachtwoord").fill(self.password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(lambda url: "/inloggen" not in url)

    def check(self, name: str) -> None:
        """Reflow, accessibility and a screenshot of the page as it is now."""
        page = self.page
        page.wait_for_load_state("load")
        overflow = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        self.step += 1
        shot = self.folder / f"{self.prefix}-{self.who}-{self.step:02d}-{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert overflow[0] <= overflow[1], (
            f"{name} ({self.viewport}): the page scrolls sideways ({overflow[0]} > "
            f"{overflow[1]} px); see {shot}"
        )
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(self.axe)
        result = page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
            ".violations.map(v => ({id: v.id, help: v.help, "
            "nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))",
            AXE_TAGS,
        )
        assert result == [], f"{name} ({self.viewport}): axe found {result}; see {shot}"

    def close(self) -> None:
        self.context.close()
        assert self.outside == [], f"loaded from elsewhere: {self.outside}"


@pytest.fixture(params=list(VIEWPORTS))
def walk(
    request: pytest.FixtureRequest,
    browser: Any,
    server: str,
    axe_source: str,
    e2e_password: str,
    tmp_path: Path,
) -> Iterator[Any]:
    folder = Path(os.environ.get("KRANTENTOETS_E2E_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    walks: list[Walk] = []

    def start(who: str) -> Walk:
        w = Walk(browser, server, folder, request.param, axe_source, who, e2e_password)
        moment = request.node.originalname.removeprefix("test_").split("_")[:2]
        w.prefix = f"{request.param}-{'-'.join(moment)}"
        walks.append(w)
        return w

    start.viewport = request.param  # type: ignore[attr-defined]
    yield start
    for w in walks:
        w.close()


def test_moment_1_a_reply_to_a_citizen(walk: Any) -> None:
    mila = walk("medewerker")
    page = mila.page
    mila.check("controleren")
    page.get_by_label("Je concept").fill(
        "Hoi Karin, het grofvuil komt donderdag. Heb je nog vragen? Bel me gerust op 06-12345678."
    )
    page.get_by_label("Platform").select_option("facebook")
    page.get_by_role("button", name="Controleer bericht").click()
    page.wait_for_selector("#uitkomst")
    assert page.locator("#uitkomst h2").inner_text().strip() == "Niet plaatsen"
    assert "06-12345678" in page.locator("mark.hl").first.inner_text()
    assert page.locator(".guideline__caption").first.inner_text().startswith("Richtlijn MW-4")
    assert "Woordvoering" not in page.locator(".guideline__caption").first.inner_text()
    mila.check("niet-plaatsen")
    page.get_by_label("Je concept").fill(
        "Hoi Karin, het grofvuil komt donderdag. Aanmelden kan via de website of via 14 058."
    )
    page.get_by_role("button", name="Controleer bericht").click()
    page.wait_for_selector("#uitkomst")
    assert page.locator("#uitkomst h2").inner_text().strip() == "Plaatsen"
    # Even a clean draft can be put forward on request.
    assert page.get_by_role("button", name="Ter afstemming voorleggen").is_visible()
    mila.check("plaatsen")


def test_moment_2_the_morning_inbox(walk: Any) -> None:
    sanne = walk("communicatie")
    page = sanne.page
    page.goto("/inbox")
    sanne.check("inbox")
    page.goto("/inbox?van=2025-06-10&tot=2025-06-01")
    assert page.get_by_text("vóór de datum bij Vanaf").is_visible()
    sanne.check("inbox-omgekeerde-datums")
    page.goto("/inbox?label=question")
    question = page.locator(".mention", has_text="Bilgaard").first
    # Bulk assign: select, pick a colleague, one button.
    question.locator("input[type=checkbox]").check()
    page.locator("#bulk-aan").select_option("medewerker")
    page.get_by_role("button", name="Toewijzen", exact=True).click()
    page.wait_for_selector("text=Het bericht is toegewezen.")
    sanne.check("toegewezen")
    page.locator(".mention", has_text="Bilgaard").first.get_by_role(
        "link", name=re.compile("Reactie opstellen")
    ).click()
    page.wait_for_url("**/controleren?bericht=*")
    assert "Bilgaard" in page.get_by_label("Het bericht waarop je reageert").input_value()
    sanne.check("reactie-opstellen")


def test_moment_3_an_incident(walk: Any) -> None:
    tag = walk.viewport
    fire = (
        f"Na de brand in de Vlietzone ({tag}) is de situatie onder controle. Bewoners met "
        "vragen kunnen terecht in het buurthuis."
    )
    mila = walk("medewerker")
    page = mila.page
    page.get_by_label("Je concept").fill(fire)
    page.get_by_label("Platform").select_option("facebook")
    page.get_by_text("Meer context").click()
    page.get_by_label("Het bericht waarop je reageert").fill("Wat is er gebeurd in de Vlietzone?")
    page.get_by_role("button", name="Controleer bericht").click()
    page.wait_for_selector("#uitkomst")
    assert page.locator("#uitkomst h2").inner_text().startswith("Twijfel")
    mila.check("twijfel")
    page.get_by_role("button", name="Ter afstemming voorleggen").click()
    page.wait_for_url(re.compile(r"/afstemming/\d+\?melding=ingediend"))
    url = page.url.split("?")[0]
    assert "Wat is er gebeurd in de Vlietzone?" in page.content()  # reply context carried
    mila.check("ingediend")

    ahmed = walk("leidinggevende")
    page = ahmed.page
    assert page.url.endswith("/afstemming")  # lands on the queue
    assert page.locator(".nav-count").first.is_visible()
    assert page.locator(".mention", has_text=tag).get_by_text("Spoed: incident").is_visible()
    ahmed.check("wachtrij")
    page.goto(url)
    assert page.locator("input[name=stap]:checked").count() == 0
    options = page.locator("#b-wie option").all_inner_texts()
    assert options[0] == "Kies een collega"
    assert not any("archivaris" in o or "beheerder" in o for o in options)
    page.get_by_role("radio", name="Goedkeuren").check()
    page.locator("#b-wie").select_option("medewerker")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_selector("text=Je besluit is vastgelegd.")
    ahmed.check("goedgekeurd-door-leidinggevende")

    sanne = walk("communicatie")
    page = sanne.page
    page.goto(url)
    page.get_by_role("radio", name="Goedkeuren").check()
    page.locator("#b-wie").select_option("communicatie")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_selector("text=Kies samen wie reageert")
    sanne.check("conflict")
    ahmed.page.goto(url)
    assert ahmed.page.get_by_text("Kies samen wie reageert").is_visible()  # shown to both
    ahmed.check("conflict-leidinggevende")
    page.locator("#k-wie").select_option("communicatie")
    page.get_by_role("button", name="Vastleggen wie reageert").click()
    page.wait_for_selector("text=Vastgelegd wie reageert")
    page.get_by_label("Link naar het geplaatste bericht").fill(
        "https://facebook.example/noordwaard/posts/" + "9" * 60
    )
    page.get_by_role("button", name="Vastleggen en archiveren").click()
    page.wait_for_selector("text=Geplaatst en gearchiveerd")
    sanne.check("gearchiveerd")

    mila.page.goto(url)
    assert mila.page.get_by_role("heading", name="Gearchiveerd", exact=True).is_visible()
    assert mila.page.locator("a[href^='/archief/record/']").count() == 0  # no 403 link
    mila.check("auteur-ziet-archief")


def test_moment_4_an_aldermans_evening_post(walk: Any) -> None:
    jan = walk("mandataris")
    page = jan.page
    page.get_by_label("Je concept").fill(
        "Vanavond heeft de raad eindelijk ingestemd met het nieuwe zwembad! Jammer dat die "
        "zeurpiet De Boer weer eens alleen maar kon dwarsliggen."
    )
    page.get_by_label("Namens wie plaats je?").select_option("personal")
    page.get_by_role("button", name="Controleer bericht").click()
    page.wait_for_selector("#uitkomst")
    assert page.locator(".finding").count() >= 1
    jan.check("avondpost")
    page.goto("/signaleren")
    jan.check("signaleren-leeg")


def test_moment_5_a_woo_request(walk: Any) -> None:
    joke = walk("archivaris")
    page = joke.page
    page.goto("/archief")
    joke.check("archief")
    page.get_by_label("Woorden").fill("brand")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url("**/archief?*")
    joke.check("zoeken")
    records = page.locator("a[href^='/archief/record/']")
    if records.count():
        records.first.click()
        page.wait_for_url("**/archief/record/*")
        assert "(Nederlandse tijd)" in page.content()
        joke.check("record")
        page.goto("/archief")
    page.get_by_role("button", name="Keten controleren").click()
    page.wait_for_selector("text=Keten in orde")
    joke.check("keten-gecontroleerd")


def test_a_signalled_post_end_to_end(walk: Any) -> None:
    tag = walk.viewport
    mila = walk("medewerker")
    page = mila.page
    page.goto("/signaleren")
    page.get_by_label("Link naar het bericht").fill(
        "https://buurt.example/groepen/vlietzone/berichten/" + "1234567890" * 6
    )
    page.get_by_label("Tekst van het bericht").fill(
        f"Buurtgroep ({tag}): al weken ligt er afval naast de glasbak aan de Kastanjelaan."
    )
    page.get_by_label("Notitie voor Communicatie").fill("Gezien in de buurtapp")
    page.get_by_role("button", name="Doorgeven aan Communicatie").click()
    page.wait_for_selector("text=nog niet opgepakt")
    mila.check("doorgegeven")

    sanne = walk("communicatie")
    page = sanne.page
    page.goto("/inbox")
    item = page.locator(".mention", has_text=f"Buurtgroep ({tag})")
    assert item.get_by_text("Doorgegeven door Mila de Vries").is_visible()
    sanne.check("inbox-met-signaal")
    item.get_by_role("button", name=re.compile("Afgehandeld")).click()
    page.wait_for_selector("text=Gemarkeerd als afgehandeld.")

    mila.page.goto("/signaleren")
    mine = mila.page.locator(".mention", has_text=f"Buurtgroep ({tag})")
    assert mine.get_by_text("Afgehandeld door Sanne Visser").is_visible()
    mila.check("wat-ermee-gebeurde")


def test_settings_and_error_pages(walk: Any) -> None:
    pieter = walk("beheerder")
    page = pieter.page
    page.goto("/beheer/instellingen")
    pieter.check("instellingen")
    name = f"gemeente Noordwaard ({walk.viewport})"
    page.get_by_label("Naam van de organisatie").fill(name)
    page.get_by_role("button", name="Instellingen opslaan").click()
    page.wait_for_selector("text=De instellingen zijn opgeslagen.")
    assert page.locator(".brand__org").inner_text() == name  # the header, at once
    assert page.get_by_text("Gewijzigd in de app door Pieter Smit").first.is_visible()
    pieter.check("instellingen-opgeslagen")
    page.goto("/beheer/gebruikers")
    pieter.check("gebruikers")
    response = page.goto("/bestaat-niet")
    assert response is not None and response.status == 404
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    pieter.check("niet-gevonden")
    ahmed = walk("leidinggevende")
    ahmed.page.goto("/afstemming")
    ahmed.check("afstemming-lijst")
