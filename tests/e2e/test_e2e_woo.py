"""USERS.md moment 5 in headless chromium: the records officer searches the archive, verifies
the chain, opens a Woo request, decides on a redaction's ground, settles and downloads the
package, which bagit validates."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest

from krantentoets.archive.redaction import detector_available

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not detector_available(), reason="no personal-data detector"),
]
PASSWORD = "e2e-wachtwoord-1"


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("KRANTENTOETS_E2E_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_woo_request_from_search_to_the_downloaded_package(page: Any, tmp_path: Path) -> None:
    import bagit

    page.goto("/inloggen")
    page.get_by_label("Gebruikersnaam").fill("archivaris")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/controleren")
    page.get_by_role("link", name="Archief").first.click()
    page.wait_for_url("**/archief")

    # Search the archive for the swimming pool.
    page.get_by_label("Woorden").fill("zwembad")
    page.get_by_role("button", name="Zoeken").click()
    assert page.get_by_role("link", name="fb-zwembad-1").is_visible()
    assert page.get_by_role("link", name="fb-brug-3").count() == 0

    # Show that no record was altered.
    page.get_by_role("button", name="Keten controleren").click()
    assert page.get_by_role("heading", name="Keten in orde").is_visible()

    # Open the Woo request.
    page.goto("/archief/woo")
    page.get_by_label("Kenmerk van het verzoek").fill("Woo-2025-17")
    page.get_by_label("Zoekwoorden (niet verplicht)").fill("zwembad")
    page.get_by_label("Vanaf").fill("2025-01-01")
    page.get_by_label("Tot en met").fill("2025-12-31")
    page.get_by_role("button", name="Verzoek openen").click()
    page.wait_for_url("**/archief/woo/woo-*")
    assert page.get_by_role("heading", name="Woo-verzoek Woo-2025-17").is_visible()
    assert page.get_by_role("heading", name="Document 2").count() == 1

    # The citizen's name in the reply: redact it, but on 5.1.1d (chosen, not proposed).
    doc = page.locator("section", has=page.get_by_role("heading", name="Document 1"))
    choice = doc.get_by_label("Lakken van ‘Marieke Jansen’ (Bericht)")
    assert choice.input_value() == "5.1.2e"  # the proposal
    choice.select_option("5.1.1d")
    doc.get_by_role("button", name="Besluiten voor document 1 opslaan").click()
    page.wait_for_url("**melding=opgeslagen**")
    assert page.get_by_text("De besluiten voor dit document zijn opgeslagen.").is_visible()
    page.screenshot(path=str(_shots(tmp_path) / "woo-beoordeling.png"), full_page=True)

    page.get_by_role("button", name="Besluiten vaststellen").click()
    page.wait_for_url("**melding=vastgesteld**")
    with page.expect_download() as info:
        page.get_by_role("link", name="Pakket downloaden (zip)").click()
    zipped = tmp_path / "pakket.zip"
    info.value.save_as(zipped)
    with zipfile.ZipFile(zipped) as zf:
        zf.extractall(tmp_path / "uit")
    bag = tmp_path / "uit" / "pakket"
    bagit.Bag(str(bag)).validate()
    lines = [
        json.loads(x) for x in (bag / "data" / "dialogen.jsonl").read_text("utf-8").splitlines()
    ]
    assert [x["id"] for x in lines] == ["fb-zwembad-1", "fb-zwembad-2"]
    first = lines[0]
    assert "Marieke Jansen" not in json.dumps(first) and "06-12345678" not in first["text"]
    grounds = {(r["field"], r["category"]): r["ground"] for r in first["redactions"]}
    assert grounds[("text", "person-name")] == "5.1.1d"
    assert grounds[("text", "phone")] == "5.1.2e"
    assert (bag / "data" / "documenten" / "000001.pdf").is_file()
