"""The digest for Communications: collection, rendering, e-mail (local SMTP) and webhook."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from fakes import FakeServer, Request, Response
from fakes.smtp import SmtpSink
from krantentoets.monitor.digest import (
    DigestError,
    collect_digest,
    render_text,
    run_digest,
    webhook_payload,
)
from krantentoets.policy import Policy, parse_policy
from krantentoets.store import session_scope
from krantentoets.store.monitor import DigestLog, Mention, MonitorSource

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture(autouse=True, scope="module")
def _aiosmtpd() -> None:
    pytest.importorskip("aiosmtpd", reason="aiosmtpd (test extra) runs the local SMTP server")


ORG = {"name": "Gemeente Dijkstad", "aliases": ["Dijkstad"]}
MENTIONS = [
    ("criticism", "no-response", "Alweer geen vuilniswagen in de Lindenlaan, Dijkstad!"),
    ("compliment", None, "Top geregeld door Gemeente Dijkstad, de lantaarnpaal is al gemaakt."),
    ("claim", "communications", "Dijkstad sluit volgend jaar het zwembad, las ik."),
    ("abuse", "communications", "Die wethouder van Dijkstad is een sukkel."),
    ("question", "answer", "Wanneer haalt Dijkstad het grofvuil op?"),
    ("other", None, "Dijkstad in het nieuws."),
]


def make_policy(**monitor: Any) -> Policy:
    return parse_policy({"organisation": ORG, "monitor": monitor}, "test-beleid.toml")


def add_mentions(
    migrated_engine: Any, rows: list[tuple[str, str | None, str]], start: int = 0
) -> None:
    with session_scope(migrated_engine) as session:
        source = session.scalars(
            select(MonitorSource).where(MonitorSource.name == "mastodon")
        ).first()
        if source is None:
            source = MonitorSource(name="mastodon", kind="mastodon")
            session.add(source)
            session.flush()
        for n, (label, advice, text) in enumerate(rows, start=start):
            session.add(
                Mention(
                    source_id=source.id,
                    external_id=str(n),
                    text=text,
                    author=f"@inwoner{n}@mastodon.nl",
                    url=f"https://mastodon.nl/@inwoner{n}/{n}",
                    published_at=datetime(2025, 3, 12, 8, n % 60, tzinfo=UTC),
                    label=label,
                    signal=label in ("criticism", "compliment", "claim", "abuse"),
                    advice=advice,
                    reasons=[{"nl": f"Reden {n}.", "en": f"Reason {n}."}],
                )
            )


def test_collect_and_render(migrated_sqlite_engine: Any) -> None:
    add_mentions(migrated_sqlite_engine, MENTIONS)
    digest = collect_digest(migrated_sqlite_engine, make_policy())
    assert digest.counts == {"compliment": 1, "criticism": 1, "claim": 1, "abuse": 1}
    assert {e.label for e in digest.entries} == set(digest.counts)
    text = render_text(digest)
    assert "4 nieuwe vermeldingen" in text
    # Most urgent first: abuse, claims, criticism, compliments.
    order = [
        text.index(h) for h in ("Beledigingen", "Beweringen", "Kritiek (1)", "Complimenten (1)")
    ]
    assert order == sorted(order)
    assert "Wanneer haalt Dijkstad" not in text  # questions are not in the default digest
    assert "@inwoner2@mastodon.nl, 12-03-2025 09:02 (mastodon)" in text  # shown in Dutch time
    assert "Advies: niet reageren" in text and "Reden 0." in text
    assert "https://mastodon.nl/@inwoner3/3" in text


def test_digest_labels_are_configurable(migrated_sqlite_engine: Any) -> None:
    add_mentions(migrated_sqlite_engine, MENTIONS)
    digest = collect_digest(migrated_sqlite_engine, make_policy(digest_labels=["question"]))
    assert digest.counts == {"question": 1}


def test_long_sections_are_cut_but_counted(migrated_sqlite_engine: Any) -> None:
    add_mentions(
        migrated_sqlite_engine,
        [("criticism", "no-response", f"Klacht {n} over Dijkstad") for n in range(20)],
    )
    digest = collect_digest(migrated_sqlite_engine, make_policy())
    assert digest.counts == {"criticism": 20} and len(digest.entries) == 15
    assert "en nog 5: zie de inbox" in render_text(digest)


def test_email_digest_over_local_smtp(
    migrated_engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_mentions(migrated_engine, MENTIONS)
    monkeypatch.setenv("KT_SMTP_PASSWORD", "s3cret")
    with SmtpSink(username="krantentoets", password="s3cret") as smtp:
        policy = make_policy(
            email={
                "host": "127.0.0.1",
                "port": smtp.port,
                "security": "none",
                "username": "krantentoets",
                "password_env": "KT_SMTP_PASSWORD",
                "sender": "krantentoets@dijkstad.example",
                "recipients": ["communicatie@dijkstad.example", "woordvoerder@dijkstad.example"],
            }
        )
        result = run_digest(migrated_engine, policy)
        assert result.sent == ["email"] and result.errors == []
        # Nothing new since: nothing sent.
        again = run_digest(migrated_engine, policy)
        assert again.digest.empty and again.sent == []
        # New mentions: only those are in the next digest.
        add_mentions(
            migrated_engine,
            [("compliment", None, "Dank Dijkstad voor het nieuwe park!")],
            start=100,
        )
        third = run_digest(migrated_engine, policy)
    assert len(smtp.messages) == 2
    first = smtp.messages[0]
    assert first.sender == "krantentoets@dijkstad.example"
    assert first.recipients == ["communicatie@dijkstad.example", "woordvoerder@dijkstad.example"]
    assert "4 nieuwe vermeldingen van Gemeente Dijkstad" in str(first.message["Subject"])
    body = first.message.get_content()
    assert "Die wethouder van Dijkstad is een sukkel." in body
    assert third.digest.counts == {"compliment": 1}
    assert "Dank Dijkstad voor het nieuwe park!" in smtp.messages[1].message.get_content()
    assert "Alweer geen vuilniswagen" not in smtp.messages[1].message.get_content()
    with session_scope(migrated_engine) as session:
        logs = session.scalars(select(DigestLog).order_by(DigestLog.id)).all()
    assert [(log.status, log.channels) for log in logs] == [("sent", "email"), ("sent", "email")]
    assert logs[0].counts == {"compliment": 1, "criticism": 1, "claim": 1, "abuse": 1}


def test_email_wrong_password_is_a_failed_digest_that_is_retried(
    migrated_sqlite_engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_mentions(migrated_sqlite_engine, MENTIONS)
    monkeypatch.setenv("KT_SMTP_PASSWORD", "fout")
    with SmtpSink(username="krantentoets", password="s3cret") as smtp:
        email = {
            "host": "127.0.0.1",
            "port": smtp.port,
            "security": "none",
            "username": "krantentoets",
            "password_env": "KT_SMTP_PASSWORD",
            "sender": "krantentoets@dijkstad.example",
            "recipients": ["communicatie@dijkstad.example"],
        }
        result = run_digest(migrated_sqlite_engine, make_policy(email=email))
        assert result.status == "failed"
        assert "aanmelden bij 127.0.0.1 mislukt" in result.errors[0]
        monkeypatch.setenv("KT_SMTP_PASSWORD", "s3cret")
        retry = run_digest(migrated_sqlite_engine, make_policy(email=email))
    assert retry.status == "sent" and retry.digest.total == 4  # nothing was skipped
    assert len(smtp.messages) == 1


@pytest.mark.parametrize("flavour", ["slack", "mattermost", "teams", "teams-workflow"])
def test_webhook_digest_to_local_receiver(migrated_sqlite_engine: Any, flavour: str) -> None:
    add_mentions(migrated_sqlite_engine, MENTIONS)
    with FakeServer() as srv:
        srv.route(
            "POST", "/hooks/abc", lambda request: Response(200, b"ok", content_type="text/plain")
        )
        policy = make_policy(webhook={"url": f"{srv.url}/hooks/abc", "flavour": flavour})
        result = run_digest(migrated_sqlite_engine, policy)
        posted = srv.requests_to("/hooks/abc")
    assert result.sent == ["webhook"]
    assert len(posted) == 1 and posted[0].headers["content-type"] == "application/json"
    payload = posted[0].json()
    if flavour == "teams-workflow":
        card = payload["attachments"][0]
        assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
        text = "\n".join(block["text"] for block in card["content"]["body"])
    else:
        assert set(payload) == {"text"}
        text = payload["text"]
        bold = "*" if flavour == "slack" else "**"
        assert text.startswith(f"{bold}Overzicht voor Communicatie")
    assert "Die wethouder van Dijkstad is een sukkel." in text


def test_webhook_url_from_environment_and_refusal(
    migrated_sqlite_engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_mentions(migrated_sqlite_engine, MENTIONS)

    def refuse(request: Request) -> Response:
        return Response(403, b"invalid_token", content_type="text/plain")

    with FakeServer() as srv:
        srv.route("POST", "/hooks/geheim", refuse)
        monkeypatch.setenv("KT_WEBHOOK", f"{srv.url}/hooks/geheim")
        result = run_digest(migrated_sqlite_engine, make_policy(webhook={"url_env": "KT_WEBHOOK"}))
    assert result.status == "failed" and "HTTP 403" in result.errors[0]
    monkeypatch.delenv("KT_WEBHOOK")
    missing = run_digest(migrated_sqlite_engine, make_policy(webhook={"url_env": "KT_WEBHOOK"}))
    assert missing.status == "failed" and "KT_WEBHOOK" in missing.errors[0]


def test_partial_when_one_channel_fails(migrated_sqlite_engine: Any) -> None:
    add_mentions(migrated_sqlite_engine, MENTIONS)
    with FakeServer() as srv:
        srv.route("POST", "/hook", Response(200, b"ok"))
        dead = FakeServer()
        dead_port = dead._server.server_address[1]
        dead._server.server_close()
        policy = make_policy(
            webhook={"url": f"{srv.url}/hook"},
            email={
                "host": "127.0.0.1",
                "port": dead_port,
                "security": "none",
                "sender": "a@b.example",
                "recipients": ["c@b.example"],
                "timeout": 2,
            },
        )
        result = run_digest(migrated_sqlite_engine, policy)
    assert result.status == "partial" and result.sent == ["webhook"]
    assert "e-mail via 127.0.0.1" in result.errors[0]
    # A partial digest counts as delivered: the next one starts after it.
    assert collect_digest(migrated_sqlite_engine, policy).empty


def test_dry_run_sends_and_logs_nothing(migrated_sqlite_engine: Any) -> None:
    add_mentions(migrated_sqlite_engine, MENTIONS)
    result = run_digest(migrated_sqlite_engine, make_policy(), dry_run=True)
    assert result.digest.total == 4 and result.sent == []
    with session_scope(migrated_sqlite_engine) as session:
        assert session.scalars(select(DigestLog)).all() == []
    with pytest.raises(DigestError, match="geen e-mail of webhook ingesteld"):
        run_digest(migrated_sqlite_engine, make_policy())


def test_webhook_payload_shapes() -> None:
    from krantentoets.monitor.digest import Digest

    empty = Digest("Gemeente Dijkstad", 0, 0, None, (), {})
    assert webhook_payload(empty, "mattermost") == {
        "text": "**Overzicht voor Communicatie: wat er gezegd wordt over Gemeente Dijkstad**\n"
        "Niets nieuws tot nu toe dat Communicatie moet zien.\n"
    }
