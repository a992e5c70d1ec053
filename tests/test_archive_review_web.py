"""The Woo review screen: open a request, decide per document and redaction, settle, download."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import bagit
import pytest

from krantentoets.archive.record import parse_input
from krantentoets.archive.redaction import detector_available
from krantentoets.archive.service import Archive
from krantentoets.auth import Role

pytest_plugins = ["web_fixtures"]
pytestmark = pytest.mark.skipif(not detector_available(), reason="no personal-data detector")

RECORDS = [
    {
        "id": "fb-1",
        "platform": "facebook",
        "author": "Team Webcare",
        "text": "Dag Marieke Jansen, het zwembad is zaterdag open. Bel 06-12345678 terug.",
        "published_at": "2025-05-03T10:00:00Z",
        "in_reply_to": {"author": "Marieke Jansen", "text": "Is het zwembad open?"},
        "approvals": [
            {
                "by": "Kees van den Berg",
                "role": "leidinggevende",
                "decision": "approve",
                "at": "2025-05-03T09:00:00Z",
                "comment": "Akkoord.",
            }
        ],
    },
    {
        "id": "fb-2",
        "platform": "facebook",
        "author": "Team Webcare",
        "text": "De brug is dicht.",
        "published_at": "2025-05-04T10:00:00Z",
    },
]


@pytest.fixture
def archived(engine: Any) -> None:
    Archive(engine).append([(i, parse_input(r)) for i, r in enumerate(RECORDS)])


def _csrf(html: str) -> str:
    from web_fixtures import csrf_of

    return csrf_of(html)


def test_only_the_archivist_reviews(app: Any, users: None) -> None:
    from web_fixtures import client_for

    assert client_for(app, Role.MEDEWERKER).get("/archief/woo").status_code == 403


def test_review_decide_settle_and_download(
    app: Any, users: None, archived: None, tmp_path: Path
) -> None:
    from web_fixtures import client_for

    client = client_for(app, Role.ARCHIVARIS)
    page = client.get("/archief/woo")
    assert page.status_code == 200 and "Nieuw Woo-verzoek" in page.text
    refused = client.post("/archief/woo", data={"csrf_token": _csrf(page.text), "kenmerk": " "})
    assert refused.status_code == 400 and "Vul het kenmerk" in refused.text
    made = client.post(
        "/archief/woo",
        data={"csrf_token": _csrf(page.text), "kenmerk": "Woo-2025-17", "woorden": "zwembad"},
    )
    assert made.status_code == 303
    url = made.headers["location"].split("?")[0]
    review = client.get(url)
    assert review.status_code == 200
    html = review.text
    assert "Document 1" in html and "Document 2" not in html  # only the pool
    assert "Marieke Jansen" in html and "06-12345678" in html  # the officer sees the original
    visible = re.sub(r"<[^>]+>", " ", html)
    for english in ("approve", "submit", "doubt"):
        assert english not in visible
    # Keep the phone number readable (a ground of "niet lakken"), close nothing.
    phone_key = re.search(r'name="g:(text:\d+:\d+:phone)"', html)
    assert phone_key, html
    saved = client.post(
        f"{url}/document/fb-1",
        data={
            "csrf_token": _csrf(html),
            "besluit": "openbaar",
            f"g:{phone_key.group(1)}": "niet-lakken",
        },
    )
    assert saved.status_code == 303
    html = client.get(url).text
    assert "Besluit van archivaris" in html
    settled = client.post(f"{url}/vaststellen", data={"csrf_token": _csrf(html)})
    assert settled.status_code == 303
    html = client.get(url).text
    assert "vastgesteld door archivaris" in html.lower() and "Besluiten vaststellen" not in html
    package = client.get(f"{url}/pakket")
    assert package.status_code == 200
    assert package.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(package.content)) as zf:
        zf.extractall(tmp_path)
    bag = tmp_path / "pakket"
    bagit.Bag(str(bag)).validate()
    jsonl = (bag / "data" / "dialogen.jsonl").read_text("utf-8")
    assert "06-12345678" in jsonl and "Marieke Jansen" not in jsonl
    assert "approve" not in jsonl and "goedgekeurd" in jsonl
    assert "goedgekeurd" in (bag / "data" / "dialogen.html").read_text("utf-8")
