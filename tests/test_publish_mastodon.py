"""Publishing to Mastodon and capturing the dialogue, against a fake built from real recordings.

Every response the fake gives is a recorded Mastodon response (status, headers,
body shape) from ../shared/data/platform_samples/mastodon/cassettes, with only
the stateful fields filled in; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from fakes.mastodon import FakeMastodon
from krantentoets.archive.service import Archive
from krantentoets.publish import mastodon as mastodon_client
from krantentoets.publish.accounts import account_warnings
from krantentoets.publish.capture import capture_dialogues
from krantentoets.publish.service import (
    AlreadyPublishing,
    PublishFailed,
    PublishRefused,
    publish_request,
)
from krantentoets.store import session_scope
from krantentoets.store.publish import PublishAccount, PublishPost
from krantentoets.store.workflow import WorkflowRequest
from publish_helpers import (
    CHRIS,
    IMAGE,
    PNG,
    POLICY,
    approved_request,
    connect,
    vault,
)

FIRE_2 = "Brand in Vlietzone: de brandweer is ter plaatse. Houd ramen en deuren dicht."


@pytest.fixture
def fake() -> Any:
    with FakeMastodon() as server:
        yield server


@pytest.fixture
def engine(migrated_sqlite_engine: Any) -> Any:
    return migrated_sqlite_engine


def _setup(engine: Any, fake: FakeMastodon, **kw: Any) -> tuple[int, Archive]:
    connect(engine, "mastodon", "@gemeente_dijkstad", fake.url, {"access_token": fake.token})
    return approved_request(engine, "mastodon", **kw), Archive.from_policy(engine, POLICY.settings)


def _publish(engine: Any, rid: int, archive: Archive, tmp_path: Path, **kw: Any) -> Any:
    return publish_request(
        engine, rid, CHRIS, archive=archive, vault=vault(), media_folder=tmp_path, **kw
    )


def _capture(engine: Any, archive: Archive, tmp_path: Path) -> Any:
    return capture_dialogues(engine, archive, vault(), media_folder=tmp_path)


def _status_posts(fake: FakeMastodon) -> list[Any]:
    return [r for r in fake.requests if r.method == "POST" and r.path == "/api/v1/statuses"]


def test_publish_with_image_then_capture_reply_edit_and_deletion(
    engine: Any, fake: FakeMastodon, tmp_path: Path
) -> None:
    rid, archive = _setup(engine, fake)
    out = _publish(engine, rid, archive, tmp_path, media=[IMAGE])
    # Posted once, with the image and its alt text.
    assert len(_status_posts(fake)) == 1
    media = next(iter(fake.media.values()))
    assert media["description"] == IMAGE.alt
    assert fake.media_bytes[media["id"]] == PNG
    rec = archive.get(out.record_id)
    assert rec is not None
    assert rec["meta"]["platform_id"] == out.platform_id
    assert rec["url"] == out.url and out.url.startswith(fake.url)
    assert rec["meta"]["media"][0]["sha256"] == IMAGE.sha256
    assert (tmp_path / IMAGE.sha256).read_bytes() == PNG
    assert rec["check"]["verdict"] == "doubt"
    assert [a["decision"] for a in rec["approvals"]] == ["submit", "approve", "approve", "publish"]
    with session_scope(engine) as s:
        assert s.get(WorkflowRequest, rid).status == "published"

    # A citizen replies (with a photo and a phone number), then edits, then deletes.
    reply = fake.reply(out.platform_id, "Ik zie rook. Bel me op 06-12345678", image=PNG, alt="rook")
    first = _capture(engine, archive, tmp_path)
    assert (first.new, first.edited, first.deleted, first.errors) == (1, 0, 0, [])
    fake.edit(reply, "Ik zie rook bij de school.")
    second = _capture(engine, archive, tmp_path)
    assert (second.new, second.edited, second.deleted) == (0, 1, 0)
    fake.delete(reply)
    third = _capture(engine, archive, tmp_path)
    assert (third.new, third.edited, third.deleted) == (0, 0, 1)
    again = _capture(engine, archive, tmp_path)
    assert (again.new, again.edited, again.deleted) == (0, 0, 0)

    original = archive.get(f"capture-mastodon-{reply}")
    edited = archive.get(f"capture-mastodon-{reply}-v2")
    deleted = archive.get(f"capture-mastodon-{reply}-deleted")
    assert original and edited and deleted
    assert original["text"] == "Ik zie rook. Bel me op 06-12345678"  # the original is kept
    assert original["author"] == "Jan de Vries" and original["account"] == "@jan_inwoner"
    assert original["in_reply_to"]["text"] == rec["text"]
    assert original["meta"]["media"][0]["sha256"] == hashlib.sha256(PNG).hexdigest()
    assert original["meta"]["media"][0]["alt"] == "rook"
    assert edited["type"] == "correction" and edited["corrects"] == original["id"]
    assert edited["text"] == "Ik zie rook bij de school."
    assert deleted["corrects"] == edited["id"] and deleted["meta"]["event"] == "deleted"
    assert {r["meta"]["thread"] for r in (original, edited, deleted)} == {out.record_id}
    assert archive.verify().ok

    # The Woo export shows the thread, the citizen's personal data redacted.
    folder = tmp_path / "woo"
    archive.export("woo", folder)
    lines = [json.loads(x) for x in (folder / "data" / "dialogen.jsonl").read_text().splitlines()]
    ids = {x["id"] for x in lines}
    assert {out.record_id, original["id"], edited["id"], deleted["id"]} <= ids
    everything = (folder / "data" / "dialogen.jsonl").read_text() + (
        folder / "data" / "dialogen.html"
    ).read_text()
    for personal in ("06-12345678", "Jan de Vries", "jan_inwoner"):
        assert personal not in everything
    assert "Blijf binnen" in everything


def test_a_reply_is_posted_as_a_reply(engine: Any, fake: FakeMastodon, tmp_path: Path) -> None:
    citizen = fake.citizen("jan_inwoner", "Jan de Vries")
    question = fake._status(citizen, "Is er brand in Vlietzone?")
    url = fake._fill(question)["url"]
    rid, archive = _setup(engine, fake, reply_to_url=url, reply_to_text="Is er brand?")
    out = _publish(engine, rid, archive, tmp_path)
    assert fake.statuses[out.platform_id]["in_reply_to_id"] == question["id"]


@pytest.mark.parametrize("status", [401, 403, 422, 429, 500])
def test_platform_refusal_leaves_request_unpublished_and_unarchived(
    engine: Any, fake: FakeMastodon, tmp_path: Path, status: int
) -> None:
    rid, archive = _setup(engine, fake)
    fake.fail("POST", "/api/v1/statuses", status)
    with pytest.raises(PublishFailed) as err:
        _publish(engine, rid, archive, tmp_path)
    assert "Niet geplaatst" in str(err.value) and f"HTTP {status}" in str(err.value)
    assert archive.verify().count == 0
    with session_scope(engine) as s:
        assert s.get(WorkflowRequest, rid).status == "approved"
        post = s.scalar(select(PublishPost))
        assert post.status == "failed" and post.error
        account = s.scalar(select(PublishAccount))
        assert (account.status == "revoked") == (status == 401)
    if status == 401:
        warnings = account_warnings_now(engine)
        assert warnings and "niet meer gekoppeld" in warnings[0]
        with pytest.raises(PublishRefused, match="niet meer"):
            _publish(engine, rid, archive, tmp_path)
        return
    # A retry after the platform recovers posts once and archives.
    out = _publish(engine, rid, archive, tmp_path)
    assert (
        len([s for s in fake.statuses.values() if s["account"]["username"] == "gemeente_dijkstad"])
        == 1
    )
    assert archive.get(out.record_id) is not None


def account_warnings_now(engine: Any) -> list[str]:
    with session_scope(engine) as s:
        return [w.text for w in account_warnings(s)]


def test_the_same_request_is_published_once(
    migrated_engine: Any, fake: FakeMastodon, tmp_path: Path
) -> None:
    engine = migrated_engine  # SQLite and PostgreSQL: the unique claim decides, not timing
    rid, archive = _setup(engine, fake)
    results: list[Any] = []
    start = threading.Barrier(2)

    def attempt() -> None:
        start.wait()
        try:
            results.append(_publish(engine, rid, archive, tmp_path))
        except AlreadyPublishing as exc:
            results.append(exc)

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(results) == 2
    assert sum(isinstance(r, AlreadyPublishing) for r in results) == 1
    assert len(_status_posts(fake)) == 1
    assert archive.verify().count == 1
    with pytest.raises(AlreadyPublishing, match="al geplaatst"):
        _publish(engine, rid, archive, tmp_path)


@pytest.mark.parametrize("status", [401, 429, 500])
def test_capture_failure_loses_nothing(
    engine: Any, fake: FakeMastodon, tmp_path: Path, status: int
) -> None:
    rid, archive = _setup(engine, fake)
    out = _publish(engine, rid, archive, tmp_path)
    fake.reply(out.platform_id, "Dank voor de info")
    fake.fail("GET", f"/api/v1/statuses/{out.platform_id}/context", status)
    report = _capture(engine, archive, tmp_path)
    assert report.new == 0 and report.errors and f"HTTP {status}" in report.errors[0]
    assert archive.verify().count == 1
    if status == 401:
        assert "niet meer gekoppeld" in account_warnings_now(engine)[0]
        return
    report = _capture(engine, archive, tmp_path)
    assert report.new == 1 and not report.errors
    assert archive.verify().ok


def test_our_post_deleted_before_capture(engine: Any, fake: FakeMastodon, tmp_path: Path) -> None:
    rid, archive = _setup(engine, fake)
    out = _publish(engine, rid, archive, tmp_path)
    fake.delete(out.platform_id)
    report = _capture(engine, archive, tmp_path)
    assert report.deleted == 1 and not report.errors
    gone = archive.get(f"{out.record_id}-deleted")
    assert gone and gone["corrects"] == out.record_id
    assert archive.get(out.record_id)["text"]  # the original is kept
    assert _capture(engine, archive, tmp_path).posts == 0  # not asked again
    assert archive.verify().ok


def test_quotes_are_captured_and_our_own_replies_skipped(
    engine: Any, fake: FakeMastodon, tmp_path: Path
) -> None:
    rid, archive = _setup(engine, fake)
    out = _publish(engine, rid, archive, tmp_path)
    fake.quote(out.platform_id, "Goed dat jullie dit melden", username="piet", display_name="Piet")
    report = _capture(engine, archive, tmp_path)
    assert report.new == 1
    quote = [r for r in archive.records() if r.get("meta", {}).get("kind") == "quote"]
    assert quote and quote[0]["meta"]["thread"] == out.record_id


def test_mastodon_authorisation_code_flow(fake: FakeMastodon) -> None:
    redirect = "http://127.0.0.1/beheer/accounts/mastodon"
    app = mastodon_client.register_app(fake.url, redirect)
    assert app["client_id"] in fake.apps
    url = mastodon_client.authorise_url(fake.url, app, redirect, "state-1")
    assert url.startswith(fake.url + "/oauth/authorize") and app["client_id"] in url
    code = fake.authorise()
    creds = mastodon_client.exchange_code(fake.url, app, redirect, code)
    assert creds["access_token"] == "org-token-2"
    publisher = mastodon_client.MastodonPublisher(fake.url, creds)
    assert publisher.whoami() == "@gemeente_dijkstad"


def test_our_post_edited_on_the_platform_becomes_a_new_record(
    engine: Any, fake: FakeMastodon, tmp_path: Path
) -> None:
    rid, archive = _setup(engine, fake)
    out = _publish(engine, rid, archive, tmp_path)
    assert _capture(engine, archive, tmp_path).edited == 0  # the platform's rendering noted
    fake.edit(out.platform_id, "Update: de brand is onder controle.")
    assert _capture(engine, archive, tmp_path).edited == 1
    edited = archive.get(f"{out.record_id}-v2")
    assert edited["corrects"] == out.record_id and edited["text"].startswith("Update")
    assert archive.get(out.record_id)["text"].startswith("Er is een grote brand")  # kept
    assert _capture(engine, archive, tmp_path).edited == 0
    assert archive.verify().ok


def test_our_reply_to_a_captured_reply_joins_the_thread(
    engine: Any, fake: FakeMastodon, tmp_path: Path
) -> None:
    rid, archive = _setup(engine, fake)
    first = _publish(engine, rid, archive, tmp_path)
    question = fake.reply(first.platform_id, "Moet de school ook dicht?")
    assert _capture(engine, archive, tmp_path).new == 1
    url = fake._fill(fake.statuses[question])["url"]
    rid2 = approved_request(
        engine, "mastodon", text=FIRE_2, reply_to_url=url, reply_to_text="Moet de school dicht?"
    )
    second = _publish(engine, rid2, archive, tmp_path)
    assert fake.statuses[second.platform_id]["in_reply_to_id"] == question
    assert archive.get(second.record_id)["meta"]["thread"] == first.record_id
    again = _capture(engine, archive, tmp_path)  # our own reply is not archived twice
    assert (again.new, again.errors) == (0, [])


def test_a_removed_account_is_no_longer_asked(
    engine: Any, fake: FakeMastodon, tmp_path: Path
) -> None:
    from krantentoets.publish.accounts import remove_account

    rid, archive = _setup(engine, fake)
    _publish(engine, rid, archive, tmp_path)
    with session_scope(engine) as s:
        remove_account(s, "mastodon:@gemeente_dijkstad")
        assert s.scalar(select(PublishAccount)).credentials is None
    report = _capture(engine, archive, tmp_path)
    assert (report.posts, report.errors) == (0, [])


def test_a_claim_left_pending_by_a_crash_is_named_and_can_be_released(
    engine: Any, fake: FakeMastodon, tmp_path: Path
) -> None:
    from datetime import timedelta

    from krantentoets.publish.service import release_claim
    from krantentoets.store.base import utcnow

    rid, archive = _setup(engine, fake)
    with session_scope(engine) as s:
        s.add(
            PublishPost(
                claim_key=f"request-{rid}",
                request_id=rid,
                account_id=1,
                platform="mastodon",
                status="pending",
                text="x",
                author="chris",
                updated_at=utcnow() - timedelta(minutes=30),
            )
        )
    with pytest.raises(AlreadyPublishing, match=f"publish release request-{rid}"):
        _publish(engine, rid, archive, tmp_path)
    assert not _status_posts(fake)
    release_claim(engine, str(rid))
    out = _publish(engine, rid, archive, tmp_path)
    assert len(_status_posts(fake)) == 1 and archive.get(out.record_id)
    with pytest.raises(PublishRefused, match="hangt niet"):
        release_claim(engine, str(rid))


def test_a_mention_linking_to_our_post_is_captured(
    engine: Any, fake: FakeMastodon, tmp_path: Path
) -> None:
    rid, archive = _setup(engine, fake)
    out = _publish(engine, rid, archive, tmp_path)
    fake.mention(f"@gemeente_dijkstad zie {out.url} klopt dit?", username="els", display_name="Els")
    fake.mention("@gemeente_dijkstad iets anders", username="kees", display_name="Kees")
    report = _capture(engine, archive, tmp_path)
    assert (report.new, report.errors) == (1, [])
    kinds = [r["meta"].get("kind") for r in archive.records() if r["id"].startswith("capture-")]
    assert kinds == ["mention"]
