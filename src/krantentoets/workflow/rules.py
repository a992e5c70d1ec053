"""The rules of alignment (MW-4, MA-10), as pure functions over a request's state.

Who may do what:

- anyone may **submit** a draft whose check says *Twijfel* (doubt) or that
  touches a spokesperson topic; a clean draft may be submitted too, on the
  author's own request (reason ``request``); a draft that must not be posted
  is fixed first;
- a **leidinggevende** and **communicatie** each decide on the current
  version: approve (and say who responds), reject, or ask for changes, with a
  comment; the draft is approved once both roles approved that version *and*
  named the same responder; when they named different people, neither choice
  wins silently: both deciders see the conflict and one of them settles it
  (``choose-responder``);
- the responder is someone whose role may post (:data:`RESPONDER_ROLES`);
- **nobody decides on their own draft**, and nobody decides twice on one version;
- only the author **revises** (a new version, checked again; earlier
  approvals no longer count) or **withdraws**;
- the approved **responder** (or communicatie) marks it **published**.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes-requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.SUBMITTED: "Wacht op besluit",
    Status.CHANGES_REQUESTED: "Aanpassing gevraagd",
    Status.APPROVED: "Goedgekeurd",
    Status.REJECTED: "Afgewezen",
    Status.PUBLISHED: "Geplaatst en gearchiveerd",
    Status.WITHDRAWN: "Ingetrokken",
}

#: Statuses in which the request is finished.
CLOSED = frozenset({Status.REJECTED, Status.PUBLISHED, Status.WITHDRAWN})


class Action(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request-changes"
    REVISE = "revise"
    PUBLISH = "publish"
    WITHDRAW = "withdraw"
    CHOOSE_RESPONDER = "choose-responder"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.SUBMIT: "ingediend",
    Action.APPROVE: "goedgekeurd",
    Action.REJECT: "afgewezen",
    Action.REQUEST_CHANGES: "aanpassing gevraagd",
    Action.REVISE: "aangepast",
    Action.PUBLISH: "geplaatst",
    Action.WITHDRAW: "ingetrokken",
    Action.CHOOSE_RESPONDER: "koos wie reageert",
}

DECISIONS = (Action.APPROVE, Action.REJECT, Action.REQUEST_CHANGES)

#: Roles that decide; each must approve the current version.
DECIDER_ROLES = ("leidinggevende", "communicatie")

#: Roles that may be named to respond (post the approved text): not the records officer or
#: the IT administrator, whose work is not posting.
RESPONDER_ROLES = ("medewerker", "mandataris", "communicatie", "leidinggevende")

#: Why a request was opened, in words for the pages.
REASON_LABELS = {
    "doubt": "Twijfel",
    "spokesperson": "woordvoeringsonderwerp",
    "request": "op eigen verzoek",
}


class WorkflowError(ValueError):
    """A step that is not allowed now. The message (Dutch) says why and what to do."""


class NotAllowed(WorkflowError):
    """The person may not take this step (role, own draft)."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who takes a step: a user name and their role in the app."""

    name: str
    role: str

    def same_person(self, other: str | None) -> bool:
        return other is not None and self.name.strip().casefold() == other.strip().casefold()


@dataclass(frozen=True, slots=True)
class Step:
    """A recorded step, as the rules need to see it."""

    action: str
    actor: str
    role: str
    version: int
    responder: str | None = None


def alignment_reasons(report: Mapping[str, Any]) -> tuple[str, ...]:
    """Why a checked draft needs alignment: ``doubt`` and/or ``spokesperson`` (or none)."""
    reasons = []
    if report.get("verdict") == "doubt":
        reasons.append("doubt")
    if any(f.get("category") == "spokesperson" for f in report.get("findings", ())):
        reasons.append("spokesperson")
    return tuple(reasons)


def check_submit(report: Mapping[str, Any]) -> tuple[str, ...]:
    """Why ``report``'s draft goes to alignment; a *Niet plaatsen* draft is fixed first."""
    if report.get("verdict") == "do-not-post":
        raise WorkflowError(
            "de toets zegt Niet plaatsen: pas het bericht eerst aan en toets opnieuw"
        )
    return alignment_reasons(report) or ("request",)


def is_urgent(report: Mapping[str, Any]) -> bool:
    """Whether the draft is about an incident (fire, accident, ...): decide on it first."""
    return any(
        f.get("category") == "spokesperson"
        and any("topic group incidents" in str(t) for t in f.get("trace") or ())
        for f in report.get("findings", ())
    )


def _decided(steps: Iterable[Step], version: int) -> list[Step]:
    return [s for s in steps if s.version == version and s.action in DECISIONS]


def check_decision(
    actor: Actor,
    action: Action,
    *,
    author: str,
    status: Status,
    version: int,
    steps: Sequence[Step],
    comment: str | None,
    responder: str | None,
) -> None:
    """Raise unless ``actor`` may take the decision ``action`` now."""
    if actor.role not in DECIDER_ROLES:
        raise NotAllowed(
            "alleen een leidinggevende of iemand van Communicatie beslist over afstemming"
        )
    if actor.same_person(author):
        raise NotAllowed("je beslist niet over je eigen concept; een collega doet dat")
    if status is not Status.SUBMITTED:
        raise WorkflowError(f"er valt nu niets te beslissen (status: {status.label})")
    if any(actor.same_person(s.actor) for s in _decided(steps, version)):
        raise WorkflowError("je hebt over deze versie al beslist")
    if action in (Action.REJECT, Action.REQUEST_CHANGES) and not (comment and comment.strip()):
        raise WorkflowError("geef bij afwijzen of een aanpassing vragen een toelichting")
    if action is Action.APPROVE and not (responder and responder.strip()):
        raise WorkflowError("zeg bij goedkeuren wie reageert")


def approved(steps: Sequence[Step], version: int) -> bool:
    """True when every decider role approved ``version`` (by different people)."""
    roles = {s.role for s in _decided(steps, version) if s.action == Action.APPROVE.value}
    return all(role in roles for role in DECIDER_ROLES)


def _key(name: str | None) -> str:
    return (name or "").strip().casefold()


def responder_choices(steps: Sequence[Step], version: int) -> list[Step]:
    """The approvals of ``version``, each with the responder its decider named."""
    return [s for s in _decided(steps, version) if s.action == Action.APPROVE.value]


def settled_responder(steps: Sequence[Step], version: int) -> str | None:
    """Who responds for an approved ``version``: the one name both approvals agree on, or
    the choice that settled a conflict; ``None`` while the deciders disagree."""
    settled = [
        s for s in steps if s.version == version and s.action == Action.CHOOSE_RESPONDER.value
    ]
    if settled:
        return settled[-1].responder
    names = {_key(s.responder) for s in responder_choices(steps, version)}
    if len(names) == 1:
        return responder_choices(steps, version)[-1].responder
    return None


def responder_conflict(steps: Sequence[Step], version: int) -> bool:
    """Both roles approved ``version`` but named different people, and nobody settled it."""
    return approved(steps, version) and settled_responder(steps, version) is None


def check_choose_responder(
    actor: Actor, *, status: Status, version: int, steps: Sequence[Step], responder: str | None
) -> None:
    """Raise unless ``actor`` may settle a conflict about who responds, now."""
    if not responder_conflict(steps, version) or status is not Status.SUBMITTED:
        raise WorkflowError("er is geen verschil van mening over wie reageert")
    if not any(actor.same_person(s.actor) for s in responder_choices(steps, version)):
        raise NotAllowed("alleen wie dit concept goedkeurde, kiest wie reageert")
    if not (responder and responder.strip()):
        raise WorkflowError("kies wie reageert")


def status_after(action: Action, steps: Sequence[Step], version: int) -> Status:
    """The status after a decision or step has been recorded in ``steps``."""
    if action is Action.REJECT:
        return Status.REJECTED
    if action is Action.REQUEST_CHANGES:
        return Status.CHANGES_REQUESTED
    if action is Action.APPROVE:
        agreed = approved(steps, version) and not responder_conflict(steps, version)
        return Status.APPROVED if agreed else Status.SUBMITTED
    if action is Action.CHOOSE_RESPONDER:
        return Status.APPROVED
    if action in (Action.SUBMIT, Action.REVISE):
        return Status.SUBMITTED
    if action is Action.PUBLISH:
        return Status.PUBLISHED
    return Status.WITHDRAWN


def check_revise(actor: Actor, *, author: str, status: Status) -> None:
    if not actor.same_person(author):
        raise NotAllowed("alleen wie het concept schreef, past het aan")
    if status not in (Status.SUBMITTED, Status.CHANGES_REQUESTED):
        raise WorkflowError(f"aanpassen kan nu niet (status: {status.label})")


def check_withdraw(actor: Actor, *, author: str, status: Status) -> None:
    if not actor.same_person(author):
        raise NotAllowed("alleen wie het concept schreef, trekt het in")
    if status in CLOSED:
        raise WorkflowError(f"intrekken kan niet meer (status: {status.label})")


def check_publish(actor: Actor, *, status: Status, responder: str | None) -> None:
    if status is not Status.APPROVED:
        raise WorkflowError(
            f"alleen een goedgekeurd concept wordt geplaatst (status: {status.label})"
        )
    if not (actor.same_person(responder) or actor.role == "communicatie"):
        raise NotAllowed(f"{responder} is aangewezen om te reageren; die zet het bericht online")
