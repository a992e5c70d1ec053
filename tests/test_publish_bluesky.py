"""Publishing to Bluesky (atproto SDK) and capturing the thread, against a local XRPC fake."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from fakes.bluesky import FakeBluesky
from krantentoets.archive.service import Archive
from krantentoets.publish.capture import capture_dialogues
from krantentoets.publish.service import PublishFailed, publish_request
from krantentoets.store import session_scope
from krantentoets.store.publish import PublishAccount
from krantentoets.store.workflow import WorkflowRequest
from publish_helpers import CHRIS, IMAGE, PNG, POLICY, approved_request, connect, vault


@pytest.fixture
def fake() -> Any:
    with FakeBluesky() as server:
        yield server


def _setup(engine: Any, fake: FakeBluesky) -> tuple[int, Archive]:
    creds = {"identifier": fake.handle, "password": fake.password}
    connect(engine, "bluesky", "@" + fake.handle, fake.url, creds)
    return approved_request(engine, "bluesky"), Archive.from_policy(engine, POLICY.settings)


def _publish(engine: Any, rid: int, archive: Archive, tmp_path: Path, **kw: Any) -> Any:
    return publish_request(
        engine, rid, CHRIS, archive=archive, vault=vault(), media_folder=tmp_path, **kw
    )


def _capture(engine: Any, archive: Archive, tmp_path: Path) -> Any:
    return capture_dialogues(engine, archive, vault(), media_folder=tmp_path)


def test_publish_with_image_then_capture_reply_edit_and_deletion(
    migrated_engine: Any, fake: FakeBluesky, tmp_path: Path
) -> None:
    engine = migrated_engine
    rid, archive = _setup(engine, fake)
    out = _publish(engine, rid, archive, tmp_path, media=[IMAGE])
    record = fake.posts[out.platform_id]["record"]
    assert record["embed"]["images"][0]["alt"] == IMAGE.alt
    assert len(fake.calls("com.atproto.repo.uploadBlob")) == 1
    rec = archive.get(out.record_id)
    assert rec["meta"]["platform_id"] == out.platform_id
    assert rec["meta"]["media"][0]["sha256"] == IMAGE.sha256

    reply = fake.reply(out.platform_id, "Bel me op 06-12345678 als het kan", image=PNG, alt="rook")
    assert _capture(engine, archive, tmp_path).new == 1
    fake.edit(reply, "Bedankt voor de informatie.")
    assert _capture(engine, archive, tmp_path).edited == 1
    fake.delete(reply)
    assert _capture(engine, archive, tmp_path).deleted == 1
    rkey = f"capture-bluesky-{reply}"
    first, second, gone = (
        archive.get(rkey),
        archive.get(rkey + "-v2"),
        archive.get(rkey + "-deleted"),
    )
    assert first["text"].startswith("Bel me op") and first["author"] == "Jan de Vries"
    assert first["meta"]["media"][0]["sha256"] == IMAGE.sha256
    assert second["corrects"] == rkey and gone["corrects"] == rkey + "-v2"
    assert {r["meta"]["thread"] for r in (first, second, gone)} == {out.record_id}
    assert archive.verify().ok
    folder = tmp_path / "woo"
    archive.export("woo", folder)
    text = (folder / "data" / "dialogen.jsonl").read_text()
    ids = {json.loads(x)["id"] for x in text.splitlines()}
    assert {out.record_id, rkey, rkey + "-v2", rkey + "-deleted"} <= ids
    for personal in ("06-12345678", "Jan de Vries", "jan.bsky.social"):
        assert personal not in text


@pytest.mark.parametrize("status", [401, 403, 429, 500])
def test_refusal_leaves_nothing_half_done(
    migrated_sqlite_engine: Any, fake: FakeBluesky, tmp_path: Path, status: int
) -> None:
    engine = migrated_sqlite_engine
    rid, archive = _setup(engine, fake)
    fake.fail("com.atproto.repo.createRecord", status)
    with pytest.raises(PublishFailed, match=f"HTTP {status}"):
        _publish(engine, rid, archive, tmp_path)
    assert archive.verify().count == 0
    with session_scope(engine) as s:
        assert s.get(WorkflowRequest, rid).status == "approved"
        assert (s.scalar(select(PublishAccount)).status == "revoked") == (status == 401)


def test_session_is_refreshed_and_stored_again(
    migrated_sqlite_engine: Any, fake: FakeBluesky, tmp_path: Path
) -> None:
    engine = migrated_sqlite_engine
    fake.access_lifetime = 60  # the SDK refreshes access tokens 15 minutes before they expire
    rid, archive = _setup(engine, fake)
    with session_scope(engine) as s:
        before = s.scalar(select(PublishAccount)).credentials
    _publish(engine, rid, archive, tmp_path)
    assert fake.calls("com.atproto.server.refreshSession")
    with session_scope(engine) as s:
        after = s.scalar(select(PublishAccount)).credentials
    assert after != before and "session" in vault().open(after)
    assert fake.password not in after  # stored encrypted


def test_revoked_app_password_on_capture(
    migrated_sqlite_engine: Any, fake: FakeBluesky, tmp_path: Path
) -> None:
    engine = migrated_sqlite_engine
    rid, archive = _setup(engine, fake)
    out = _publish(engine, rid, archive, tmp_path)
    fake.reply(out.platform_id, "Top")
    fake.revoke()
    report = _capture(engine, archive, tmp_path)
    assert report.new == 0 and "HTTP 401" in report.errors[0]
    with session_scope(engine) as s:
        assert s.scalar(select(PublishAccount)).status == "revoked"
    assert archive.verify().count == 1


def test_our_post_deleted_before_capture(
    migrated_sqlite_engine: Any, fake: FakeBluesky, tmp_path: Path
) -> None:
    engine = migrated_sqlite_engine
    rid, archive = _setup(engine, fake)
    out = _publish(engine, rid, archive, tmp_path)
    fake.delete(out.platform_id)
    assert _capture(engine, archive, tmp_path).deleted == 1
    assert archive.get(out.record_id + "-deleted")["corrects"] == out.record_id
    assert archive.verify().ok


def test_a_mention_linking_to_our_post_is_captured(
    migrated_sqlite_engine: Any, fake: FakeBluesky, tmp_path: Path
) -> None:
    engine = migrated_sqlite_engine
    rid, archive = _setup(engine, fake)
    out = _publish(engine, rid, archive, tmp_path)
    fake.mention(f"@{fake.handle} klopt dit? {out.url}", handle="els.bsky.social", name="Els")
    fake.mention(f"@{fake.handle} iets anders", handle="kees.bsky.social", name="Kees")
    fake.quote(out.platform_id, "Delen!", handle="piet.bsky.social", name="Piet")
    report = _capture(engine, archive, tmp_path)
    assert (report.new, report.errors) == (2, [])
    kinds = sorted(r["meta"]["kind"] for r in archive.records() if r["id"].startswith("capture-"))
    assert kinds == ["mention", "quote"]
