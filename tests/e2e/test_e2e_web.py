"""End-to-end in headless chromium against ``krantentoets serve``: log in, check a draft and
see the finding marked, the inbox for Communications, and a medewerker refused the inbox."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from krantentoets.check import check
from krantentoets.post import Platform, Post
from krantentoets.rules.length import count

pytestmark = pytest.mark.browser

PERSONAL = "Heb je nog vragen over het grofvuil? Bel me op 06-12345678."
LONG_FOR_X = (
    "Beste inwoners, de werkzaamheden aan de Harlingerstraatweg duren langer dan gepland. "
    "De aannemer heeft meer tijd nodig omdat er onder de weg oude leidingen zijn gevonden die "
    "eerst vervangen moeten worden. Fietsers kunnen via de Spanjaardslaan omrijden; voor "
    "auto's staan er gele borden. We verwachten dat de weg half december weer open is."
)
#: Where to keep screenshots for a person to look at (default: the test's tmp folder).
ENV_SCREENSHOTS = "KRANTENTOETS_E2E_SCREENSHOTS"


def _personal_rule_works() -> bool:
    return any(f.category.value == "personal-data" for f in check(Post(PERSONAL)).findings)


def test_check_a_draft_and_see_the_finding_marked(page: Any, login: Any, tmp_path: Path) -> None:
    login("medewerker")
    personal = _personal_rule_works()
    draft, platform = (PERSONAL, "facebook") if personal else (LONG_FOR_X, "x")
    page.get_by_label("Je concept").fill(draft)
    page.get_by_label("Platform").select_option(platform)
    # The live counter mirrors the server's count before anything is sent.
    expected = count(draft, Platform(platform))
    assert page.locator("#teller").get_attribute("data-count") == str(expected)
    page.get_by_role("button", name="Controleer bericht").click()
    page.wait_for_selector("#uitkomst")
    banner = page.locator("#uitkomst")
    assert banner.is_visible()
    title = banner.locator("h2").inner_text()
    assert title.strip() in ("Niet plaatsen", "Twijfel: laat je adviseren door Communicatie")
    # Keyboard and screen-reader users land on the outcome.
    assert page.evaluate("document.activeElement.id") == "uitkomst"
    mark = page.locator("mark.hl").first
    assert mark.is_visible()
    marked = mark.inner_text()
    if personal:
        assert "06-12345678" in marked
    else:
        assert marked.strip().endswith("open is.")
    # The reference next to the mark leads to the finding's card.
    page.locator("a.hl-ref").first.click()
    assert page.url.endswith("#bevinding-1")
    card = page.locator("#bevinding-1")
    assert card.locator(".guideline__caption").first.inner_text().startswith("Richtlijn M")
    folder = Path(os.environ.get(ENV_SCREENSHOTS) or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(folder / "controleren.png"), full_page=True)
    assert (folder / "controleren.png").stat().st_size > 10_000


def test_communicatie_opens_the_inbox_and_handles_a_post(page: Any, login: Any) -> None:
    login("communicatie")
    page.get_by_role("link", name="Inbox").click()
    page.wait_for_url("**/inbox")
    assert page.locator("svg.chart--wide").is_visible()  # the six-week one is for phones
    # Three charts: compliments against criticism (wide and phone), and positive against
    # negative tone.
    assert page.locator("svg.chart").count() == 3
    texts = page.locator(".mention__text").all_inner_texts()
    assert any("grofvuil" in t for t in texts)
    page.get_by_label("Soort").select_option("criticism")
    page.get_by_role("button", name="Filter toepassen").click()
    page.wait_for_url("**/inbox?*label=criticism*")
    # Other browser tests may add criticism (a signalled post): look at the seeded one.
    post = page.locator(".mention", has_text="Alweer geen grofvuil opgehaald")
    assert post.count() == 1
    assert page.locator(".mention", has_text="park is prachtig").count() == 0
    post.get_by_role("button", name="Afgehandeld").click()
    page.wait_for_selector("text=Gemarkeerd als afgehandeld.")
    assert page.locator(".mention", has_text="Alweer geen grofvuil opgehaald").count() == 0


def test_medewerker_is_refused_the_inbox(page: Any, login: Any) -> None:
    login("medewerker")
    assert page.get_by_role("link", name="Inbox").count() == 0
    response = page.goto("/inbox")
    assert response.status == 403
    assert page.get_by_role("heading", name="Geen toegang").is_visible()


def test_skip_link_is_the_first_tab_stop(page: Any, login: Any) -> None:
    login("medewerker")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Direct naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


@pytest.mark.parametrize(
    "text",
    [
        "Gewoon een zin met één é en een ü.",
        "Kijk op https://www.leeuwarden.nl/afval/grofvuil-ophalen-en-brengen voor de data",
        "Kijk op www.leeuwarden.nl/afval voor de data",
        "Feest! 🎉🎉 Dank je wel 👍🏽 en 👨‍👩‍👧",
        "東京 en Köln",
        "regel één\nregel twee\n",
    ],
)
def test_live_counter_mirrors_the_server(page: Any, login: Any, text: str) -> None:
    login("medewerker")
    for platform in Platform:
        js = page.evaluate("([t, p]) => window.krantentoetsCount(t, p)", [text, platform.value])
        assert js == count(text, platform), (platform.value, text)
