"""The alignment workflow: role rules, re-checks after edits, notices, archiving on publish."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from krantentoets.archive.service import Archive
from krantentoets.check import check
from krantentoets.policy import parse_policy
from krantentoets.post import Post
from krantentoets.store import session_scope
from krantentoets.workflow import rules, service
from krantentoets.workflow.notify import Notice, channel_sender, deliver
from krantentoets.workflow.rules import Action, Actor, NotAllowed, Status, Step, WorkflowError
from krantentoets.workflow.service import decide, publish, revise, submit, withdraw

POLICY = parse_policy({"spokesperson": {"topics": ["brand"]}}, "test.toml")
FIRE = "Er is een grote brand in de wijk Vlietzone. Blijf binnen en sluit ramen en deuren."
FIRE_2 = "Brand in Vlietzone: de brandweer is ter plaatse. Houd ramen en deuren dicht."

ANNA = Actor("anna", "medewerker")
MAX = Actor("max", "leidinggevende")
CHRIS = Actor("chris", "communicatie")
DINA = Actor("dina", "communicatie")


# -- pure rules ----------------------------------------------------------------------


def test_alignment_reasons() -> None:
    assert rules.alignment_reasons({"verdict": "doubt", "findings": []}) == ("doubt",)
    spokes = {"verdict": "post", "findings": [{"category": "spokesperson"}]}
    assert rules.alignment_reasons(spokes) == ("spokesperson",)
    # A clean draft may be put forward on the author's own request.
    assert rules.check_submit({"verdict": "post", "findings": []}) == ("request",)
    with pytest.raises(WorkflowError, match="Niet plaatsen"):
        rules.check_submit({"verdict": "do-not-post", "findings": []})


def _decide(actor: Actor, action: Action = Action.APPROVE, **kw: object) -> None:
    args: dict[str, object] = {
        "author": "anna",
        "status": Status.SUBMITTED,
        "version": 1,
        "steps": [],
        "comment": "ok",
        "responder": "anna",
    }
    args.update(kw)
    rules.check_decision(actor, action, **args)  # type: ignore[arg-type]


def test_only_deciders_decide_and_never_on_their_own_draft() -> None:
    _decide(MAX)
    _decide(CHRIS)
    with pytest.raises(NotAllowed, match="leidinggevende"):
        _decide(ANNA)
    with pytest.raises(NotAllowed, match="leidinggevende"):
        _decide(Actor("ed", "archivaris"))
    with pytest.raises(NotAllowed, match="eigen concept"):
        _decide(Actor("Anna ", "communicatie"))  # same person, other spelling


def test_decisions_need_a_comment_or_a_responder_and_come_once() -> None:
    with pytest.raises(WorkflowError, match="toelichting"):
        _decide(MAX, Action.REJECT, comment=" ")
    with pytest.raises(WorkflowError, match="wie reageert"):
        _decide(MAX, Action.APPROVE, responder=None)
    with pytest.raises(WorkflowError, match="al beslist"):
        _decide(MAX, steps=[Step("approve", "max", "leidinggevende", 1)])
    _decide(MAX, steps=[Step("approve", "max", "leidinggevende", 0)])  # earlier version
    with pytest.raises(WorkflowError, match="niets te beslissen"):
        _decide(MAX, status=Status.APPROVED)


def test_approval_needs_both_roles_on_the_current_version() -> None:
    steps = [Step("approve", "max", "leidinggevende", 1)]
    assert not rules.approved(steps, 1)
    steps.append(Step("approve", "dina", "communicatie", 1))
    assert rules.approved(steps, 1)
    assert not rules.approved(steps, 2)


# -- over the database ----------------------------------------------------------------


def _people(engine: object, *pairs: tuple[str, str]) -> None:
    from argon2 import PasswordHasher

    from krantentoets import auth
    from krantentoets.store.users import create_user

    auth.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    try:
        with session_scope(engine) as s:  # type: ignore[arg-type]
            for name, role in pairs:
                create_user(s, name, role, "wachtwoord-123", full_name=name.title())
    finally:
        auth.use_hasher(None)


def test_whole_flow_is_recorded_and_archived(migrated_engine: object) -> None:
    _people(migrated_engine, ("chris", "communicatie"), ("anna", "medewerker"))
    sent: list[Notice] = []
    with session_scope(migrated_engine) as s:  # type: ignore[arg-type]
        req = submit(
            s,
            ANNA,
            FIRE,
            policy=POLICY,
            platform="facebook",
            account="gemeente",
            reply_to_text="Wat is er aan de hand in Vlietzone?",
            reply_to_author="Jan Jansen",
            sender=sent.append,
        )
        rid = req.id
        assert req.status == "submitted" and "spokesperson" in req.reason
        assert sent[-1].to_roles == ("leidinggevende", "communicatie")
    with session_scope(migrated_engine) as s:  # type: ignore[arg-type]
        req = decide(
            s, rid, MAX, "request-changes", comment="Noem de brandweer.", sender=sent.append
        )
        assert req.status == "changes-requested" and sent[-1].to_users == ("anna",)
        with pytest.raises(NotAllowed):
            revise(s, rid, CHRIS, FIRE_2, policy=POLICY)
        req = revise(s, rid, ANNA, FIRE_2, policy=POLICY, sender=sent.append)
        assert req.version == 2 and req.versions[-1].report["findings"]  # checked again
        req = decide(s, rid, MAX, "approve", responder="chris")
        assert req.status == "submitted"  # Communications has not decided yet
        with pytest.raises(WorkflowError, match="goedgekeurd"):
            publish(s, rid, CHRIS, archive=None)  # not approved yet
    with session_scope(migrated_engine) as s:  # type: ignore[arg-type]
        req = decide(
            s, rid, DINA, "approve", responder="chris", comment="Akkoord.", sender=sent.append
        )
        assert req.status == "approved" and req.responder == "chris"
        assert sent[-1].to_users == ("anna", "chris")
        with pytest.raises(NotAllowed, match="chris"):
            publish(s, rid, ANNA, archive=None)
    archive = Archive(migrated_engine)  # type: ignore[arg-type]
    when = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    with session_scope(migrated_engine) as s:  # type: ignore[arg-type]
        req = publish(s, rid, CHRIS, archive=archive, published_at=when, url="https://fb.example/1")
        assert req.status == "published" and req.archive_record_id == f"workflow-{rid}"
        actions = [(e.action, e.actor, e.version) for e in req.events]
    assert actions == [
        ("submit", "anna", 1),
        ("request-changes", "max", 1),
        ("revise", "anna", 2),
        ("approve", "max", 2),
        ("approve", "dina", 2),
        ("publish", "chris", 2),
    ]
    rec = archive.get(f"workflow-{rid}")
    assert rec is not None
    assert rec["text"] == FIRE_2 and rec["published_at"] == "2025-06-01T12:00:00Z"
    assert rec["in_reply_to"]["author"] == "Jan Jansen"
    assert rec["check"]["verdict"] == "doubt"
    assert [a["decision"] for a in rec["approvals"]][-3:] == ["approve", "approve", "publish"]
    assert rec["author"] == "chris" and rec["meta"]["author"] == "anna"
    assert archive.verify().ok


def test_a_clean_draft_on_request_and_steps_are_append_only(migrated_engine: object) -> None:
    with session_scope(migrated_engine) as s:  # type: ignore[arg-type]
        req = submit(s, ANNA, "Het zwembad is zaterdag open van 9 tot 17 uur.", policy=POLICY)
        assert req.reason == "request" and req.status == "submitted"
    with session_scope(migrated_engine) as s, pytest.raises(WorkflowError, match="Niet plaatsen"):  # type: ignore[arg-type]
        submit(s, ANNA, "Bel me gerust op 06-12345678, Karin.", policy=POLICY)
    with session_scope(migrated_engine) as s:  # type: ignore[arg-type]
        rid = submit(s, ANNA, FIRE, policy=POLICY).id
        req = withdraw(s, rid, ANNA)
        assert req.status == "withdrawn"
    with pytest.raises(Exception, match="append-only"), migrated_engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(
            text("UPDATE workflow_events SET actor = 'iemand' WHERE request_id = :r"), {"r": rid}
        )


def test_a_failing_channel_never_blocks_a_step() -> None:
    def broken(_: Notice) -> None:
        raise OSError("smtp weg")

    assert deliver(broken, Notice(1, "s", "b")) == "smtp weg"
    assert deliver(None, Notice(1, "s", "b")) is None
    assert channel_sender(POLICY.settings) is None  # no channel configured


def test_notices_go_over_the_digest_channels(monkeypatch: pytest.MonkeyPatch) -> None:
    import smtplib

    import httpx

    settings = parse_policy(
        {
            "monitor": {
                "webhook": {"url": "https://hooks.example/kt", "flavour": "slack"},
                "email": {
                    "host": "smtp.example",
                    "sender": "krantentoets@gemeente.example",
                    "recipients": ["communicatie@gemeente.example"],
                    "security": "none",
                },
            }
        },
        "test.toml",
    ).settings
    posted: list[tuple[str, object]] = []
    mailed: list[object] = []

    def fake_post(self: httpx.Client, url: str, json: object) -> httpx.Response:
        posted.append((url, json))
        return httpx.Response(200)

    class FakeSMTP:
        def __init__(self, host: str, port: int, timeout: float) -> None:
            assert host == "smtp.example"

        def __enter__(self) -> FakeSMTP:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def send_message(self, message: object) -> None:
            mailed.append(message)

    monkeypatch.setattr(httpx.Client, "post", fake_post)
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    sender = channel_sender(settings)
    assert sender is not None
    notice = Notice(7, "[krantentoets] Afstemming #7: besluit nodig", "Anna vraagt afstemming.")
    assert deliver(sender, notice) is None
    assert posted == [
        ("https://hooks.example/kt", {"text": f"*{notice.subject}*\n\n{notice.body}"})
    ]
    (message,) = mailed
    assert message["Subject"] == notice.subject  # type: ignore[index]
    assert message["To"] == "communicatie@gemeente.example"  # type: ignore[index]


def test_responders_are_real_users_whose_role_posts(migrated_engine: object) -> None:
    _people(migrated_engine, ("anna", "medewerker"), ("ed", "archivaris"), ("bea", "beheerder"))
    with session_scope(migrated_engine) as s:  # type: ignore[arg-type]
        rid = submit(s, ANNA, FIRE, policy=POLICY).id
        for name, match in (("niemand", "geen"), ("ed", "plaatst geen"), ("bea", "plaatst geen")):
            with pytest.raises(WorkflowError, match=match):
                decide(s, rid, MAX, "approve", responder=name)
        assert decide(s, rid, MAX, "approve", responder="Anna").status == "submitted"


def test_a_conflict_on_who_responds_is_shown_and_settled(migrated_engine: object) -> None:
    _people(
        migrated_engine,
        ("anna", "medewerker"),
        ("chris", "communicatie"),
        ("max", "leidinggevende"),
        ("dina", "communicatie"),
    )
    sent: list[Notice] = []
    with session_scope(migrated_engine) as s:  # type: ignore[arg-type]
        rid = submit(s, ANNA, FIRE, policy=POLICY).id
        decide(s, rid, MAX, "approve", responder="anna")
        req = decide(s, rid, DINA, "approve", responder="chris", sender=sent.append)
        # Neither choice wins: the request waits and both deciders are told.
        assert req.status == "submitted" and req.responder is None
        assert set(sent[-1].to_users) == {"max", "dina"}
        assert "kies" in sent[-1].subject.lower()
        with pytest.raises(NotAllowed):
            service.choose_responder(s, rid, CHRIS, "chris")  # did not decide
        req = service.choose_responder(s, rid, MAX, "chris", comment="Chris staat op de site.")
        assert req.status == "approved" and req.responder == "chris"
        assert [e.action for e in req.events][-1] == "choose-responder"


def test_the_same_responder_approves_at_once(migrated_engine: object) -> None:
    _people(migrated_engine, ("anna", "medewerker"))
    with session_scope(migrated_engine) as s:  # type: ignore[arg-type]
        rid = submit(s, ANNA, FIRE, policy=POLICY).id
        decide(s, rid, MAX, "approve", responder="anna")
        req = decide(s, rid, DINA, "approve", responder=" ANNA")
        assert req.status == "approved" and req.responder == "anna"


def test_an_incident_is_urgent() -> None:
    report = check(Post(FIRE), POLICY).to_dict()
    assert rules.is_urgent(report)
    calm = check(Post("Het zwembad is zaterdag open van 9 tot 17 uur."), POLICY).to_dict()
    assert not rules.is_urgent(calm)
