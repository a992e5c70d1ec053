"""LinkedIn Pages, Facebook Pages and X behind the same interface, against documented-shape fakes.

These platforms are used only for an account that has credentials; the fakes
follow each API's documented requests, responses and errors (tests/fakes/pages.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from fakes.pages import FakeFacebook, FakeLinkedIn, FakeX
from krantentoets.archive.service import Archive
from krantentoets.publish.capture import capture_dialogues
from krantentoets.publish.service import PublishFailed, publish_request
from krantentoets.store import session_scope
from krantentoets.store.publish import PublishAccount
from krantentoets.store.workflow import WorkflowRequest
from publish_helpers import CHRIS, IMAGE, PNG, POLICY, approved_request, connect, vault

FAKES = {"facebook": FakeFacebook, "linkedin": FakeLinkedIn, "x": FakeX}
#: Where each platform takes a new post (for injected failures).
POST_PATH = {"facebook": "/v21.0/", "linkedin": "/rest/posts", "x": "/2/tweets"}
CAPTURE_PATH = {
    "facebook": "/v21.0/",
    "linkedin": "/rest/socialActions/",
    "x": "/2/tweets/search",
}


def _base(platform: str, fake: Any) -> str:
    return fake.url + ("/v21.0" if platform == "facebook" else "")


def _setup(engine: Any, platform: str, fake: Any) -> tuple[int, Archive]:
    connect(engine, platform, fake.handle, _base(platform, fake), fake.creds)
    return approved_request(engine, platform), Archive.from_policy(engine, POLICY.settings)


def _publish(engine: Any, rid: int, archive: Archive, tmp_path: Path, **kw: Any) -> Any:
    return publish_request(
        engine, rid, CHRIS, archive=archive, vault=vault(), media_folder=tmp_path, **kw
    )


def _capture(engine: Any, archive: Archive, tmp_path: Path) -> Any:
    return capture_dialogues(engine, archive, vault(), media_folder=tmp_path)


@pytest.mark.parametrize("platform", sorted(FAKES))
def test_publish_with_image_then_capture_reply_edit_and_deletion(
    migrated_sqlite_engine: Any, tmp_path: Path, platform: str
) -> None:
    engine = migrated_sqlite_engine
    with FAKES[platform]() as fake:
        rid, archive = _setup(engine, platform, fake)
        out = _publish(engine, rid, archive, tmp_path, media=[IMAGE])
        rec = archive.get(out.record_id)
        assert rec["meta"]["platform_id"] == out.platform_id
        assert rec["meta"]["media"][0]["sha256"] == IMAGE.sha256
        assert PNG in [data for data, _mime in fake.images.values()] or any(
            o.get("data") == PNG for o in getattr(fake, "objects", {}).values()
        )
        reply = fake.reply(out.platform_id, "Bel me op 06-12345678", image=PNG, alt="rook")
        first = _capture(engine, archive, tmp_path)
        assert (first.new, first.errors) == (1, [])
        fake.edit(reply, "Waar is de brand precies?")
        assert _capture(engine, archive, tmp_path).edited == 1
        fake.delete(reply)
        assert _capture(engine, archive, tmp_path).deleted == 1
        rid_ = f"capture-{platform}-{reply}"
        original = archive.get(rid_)
        assert original["text"] == "Bel me op 06-12345678"
        assert original["meta"]["media"][0]["sha256"] == IMAGE.sha256  # the citizen's photo
        assert archive.get(rid_ + "-v2")["corrects"] == rid_
        assert archive.get(rid_ + "-deleted")["corrects"] == rid_ + "-v2"
        assert archive.verify().ok
        folder = tmp_path / "woo"
        archive.export("woo", folder)
        text = (folder / "data" / "dialogen.jsonl").read_text()
        assert {out.record_id, rid_, rid_ + "-v2", rid_ + "-deleted"} <= {
            json.loads(x)["id"] for x in text.splitlines()
        }
        assert "06-12345678" not in text and "Jan de Vries" not in text


@pytest.mark.parametrize("status", [401, 403, 429, 500])
@pytest.mark.parametrize("platform", sorted(FAKES))
def test_refusal_on_publish_and_capture(
    migrated_sqlite_engine: Any, tmp_path: Path, platform: str, status: int
) -> None:
    engine = migrated_sqlite_engine
    with FAKES[platform]() as fake:
        rid, archive = _setup(engine, platform, fake)
        fake.fail(POST_PATH[platform], status)
        with pytest.raises(PublishFailed, match=f"HTTP {status}"):
            _publish(engine, rid, archive, tmp_path)
        assert archive.verify().count == 0
        with session_scope(engine) as s:
            assert s.get(WorkflowRequest, rid).status == "approved"
            account = s.scalar(select(PublishAccount))
            assert (account.status == "revoked") == (status == 401)
            account.status = "active"  # the beheerder connected it again
        out = _publish(engine, rid, archive, tmp_path)
        fake.reply(out.platform_id, "Dank")
        fake.fail(CAPTURE_PATH[platform], status)
        report = _capture(engine, archive, tmp_path)
        assert report.new == 0 and f"HTTP {status}" in report.errors[0]
        assert archive.verify().count == 1


def test_x_refreshes_an_expiring_token_and_stores_it_again(
    migrated_sqlite_engine: Any, tmp_path: Path
) -> None:
    engine = migrated_sqlite_engine
    with FakeX() as fake:
        fake.creds["expires_at"] = "2000-01-01T00:00:00+00:00"
        rid, archive = _setup(engine, "x", fake)
        _publish(engine, rid, archive, tmp_path)
        with session_scope(engine) as s:
            stored = vault().open(s.scalar(select(PublishAccount)).credentials)
        assert stored["refresh_token"] in fake.refresh_tokens
        assert stored["access_token"] != "tok-1" and stored["access_token"] in fake.tokens
