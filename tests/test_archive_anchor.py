"""Automatic anchors: the signed head outside the database reveals a cut or re-sealed chain."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text
from sqlalchemy.engine import Connection

from fakes import FakeServer, Response
from krantentoets.archive.anchor import (
    KEY_FILE,
    AnchorError,
    check_signature,
    latest_anchor,
    load_or_create_key,
)
from krantentoets.archive.chain import seal
from krantentoets.cli import cli


def _records(n: int, start: int = 1) -> str:
    return "".join(
        json.dumps(
            {
                "id": f"fb-{i}",
                "platform": "facebook",
                "text": f"Het zwembad is open van 9 tot {i} uur.",
                "published_at": f"2025-05-{i:02d}T10:00:00Z",
            }
        )
        + "\n"
        for i in range(start, start + n)
    )


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    data, anchors = tmp_path / "data", tmp_path / "ankers"
    monkeypatch.setenv("KRANTENTOETS_DATA_DIR", str(data))
    monkeypatch.setenv("KRANTENTOETS_ANCHOR_DIR", str(anchors))
    monkeypatch.delenv("KRANTENTOETS_POLICY", raising=False)
    return {"data": data, "anchors": anchors, "tmp": tmp_path}


def _run(*args: str, url: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--database-url", url])


def _add(env: dict[str, Path], url: str, n: int, start: int = 1) -> Result:
    src = env["tmp"] / f"in-{start}.jsonl"
    src.write_text(_records(n, start), encoding="utf-8")
    return _run("archive", "add", "--input", str(src), "--batch-size", "2", url=url)


def test_every_batch_writes_a_signed_anchor(env: dict[str, Path], sqlite_url: str) -> None:
    run = _add(env, sqlite_url, 5)
    assert run.exit_code == 0, run.output
    files = sorted(env["anchors"].glob("krantentoets-anker-*.json"))
    assert len(files) == 3  # batches of 2, 2 and 1
    anchor = latest_anchor(env["anchors"])
    assert anchor is not None and anchor.seq == 5
    key_file = env["data"] / KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    check_signature(anchor, load_or_create_key(env["data"]).public_key())
    verify = _run("archive", "verify", url=sqlite_url)
    assert verify.exit_code == 0 and "gecontroleerd tegen het laatste anker: nr. 5" in verify.output


def test_a_forged_anchor_is_refused(env: dict[str, Path], sqlite_url: str) -> None:
    assert _add(env, sqlite_url, 3).exit_code == 0
    anchor = latest_anchor(env["anchors"])
    assert anchor is not None and anchor.path is not None
    data = json.loads(anchor.path.read_text("utf-8"))
    data["hash"] = "0" * 64
    anchor.path.write_text(json.dumps(data), encoding="utf-8")
    forged = latest_anchor(env["anchors"])
    assert forged is not None
    with pytest.raises(AnchorError, match="handtekening"):
        check_signature(forged, load_or_create_key(env["data"]).public_key())
    verify = _run("archive", "verify", url=sqlite_url)
    assert verify.exit_code == 1 and "handtekening" in verify.output


def _drop_guard(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("DROP TRIGGER archive_records_no_update"))
        conn.execute(text("DROP TRIGGER archive_records_no_delete"))
    else:
        conn.execute(text("DROP TRIGGER archive_records_append_only ON archive_records"))


def _cut_tail(url: str) -> None:
    from krantentoets.store import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        _drop_guard(conn)
        conn.execute(text("DELETE FROM archive_records WHERE seq = 4"))
        prev = conn.execute(text("SELECT hash FROM archive_records WHERE seq = 3")).scalar_one()
        conn.execute(
            text("UPDATE archive_chain_head SET last_seq = 3, last_hash = :h"), {"h": prev}
        )
    engine.dispose()


def _reseal(url: str) -> None:
    """Change record 2 and re-seal it and everything after it, head included."""
    from krantentoets.store import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        _drop_guard(conn)
        rows = conn.execute(
            text("SELECT seq, payload, prev_hash FROM archive_records ORDER BY seq")
        ).all()
        prev = rows[0].prev_hash
        for seq, payload, _ in rows:
            data = json.loads(payload)
            if seq == 2:
                data["text"] = "Het zwembad is dicht."
            canonical, digest = seal(data, prev if seq > 1 else rows[0].prev_hash)
            if seq == 1:
                prev = digest
                continue
            conn.execute(
                text("UPDATE archive_records SET payload=:p, prev_hash=:ph, hash=:h WHERE seq=:s"),
                {"p": canonical, "ph": prev, "h": digest, "s": seq},
            )
            prev = digest
        conn.execute(text("UPDATE archive_chain_head SET last_hash = :h"), {"h": prev})
    engine.dispose()


@pytest.mark.parametrize("tamper", [_cut_tail, _reseal], ids=["cut-tail", "re-sealed"])
def test_a_cut_or_resealed_chain_fails_verify_through_the_automatic_anchor(
    env: dict[str, Path], db_url: str, tamper: object
) -> None:
    from krantentoets.store import upgrade

    upgrade(db_url)
    assert _add(env, db_url, 4).exit_code == 0
    tamper(db_url)  # type: ignore[operator]
    # Without the anchor the tampered chain holds together...
    blind = _run("archive", "verify", "--no-anchor", url=db_url)
    assert blind.exit_code == 0, blind.output
    # ...the automatic anchor (no --anchor given by hand) reveals it.
    verify = _run("archive", "verify", url=db_url)
    assert verify.exit_code == 1
    assert "anker" in verify.output and "nr. 4" in verify.output


def test_daily_anchor_command_and_webhook(
    env: dict[str, Path], sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _add(env, sqlite_url, 2).exit_code == 0
    with FakeServer() as srv:
        srv.route("POST", "/anker", Response(200, b"ok", content_type="text/plain"))
        policy = env["tmp"] / "beleid.toml"
        policy.write_text(f'[archive.anchor_webhook]\nurl = "{srv.url}/anker"\n', encoding="utf-8")
        run = _run("archive", "anchor", "--policy", str(policy), url=sqlite_url)
        posted = srv.requests_to("/anker")
    assert run.exit_code == 0, run.output
    assert "nr. 2" in run.output and len(posted) == 1
    assert "nr. 2" in posted[0].json()["text"]
    assert len(list(env["anchors"].glob("*.json"))) == 2


def test_verify_says_when_no_anchor_folder_is_set(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KRANTENTOETS_ANCHOR_DIR", raising=False)
    monkeypatch.setenv("KRANTENTOETS_DATA_DIR", str(tmp_path))
    src = tmp_path / "in.jsonl"
    src.write_text(_records(1), encoding="utf-8")
    assert _run("archive", "add", "--input", str(src), url=sqlite_url).exit_code == 0
    verify = _run("archive", "verify", url=sqlite_url)
    assert verify.exit_code == 0 and "geen ankermap ingesteld" in verify.output
    assert _run("archive", "anchor", url=sqlite_url).exit_code == 2


def test_verify_names_records_appended_after_the_latest_anchor(
    env: dict[str, Path], sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _add(env, sqlite_url, 2).exit_code == 0
    monkeypatch.delenv("KRANTENTOETS_ANCHOR_DIR")  # e.g. appended by a process without it
    assert _add(env, sqlite_url, 3, start=3).exit_code == 0
    monkeypatch.setenv("KRANTENTOETS_ANCHOR_DIR", str(env["anchors"]))
    verify = _run("archive", "verify", url=sqlite_url)
    assert verify.exit_code == 0
    assert "anker: nr. 2" in verify.output and "3 record(s) na het anker" in verify.output
