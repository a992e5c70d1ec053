"""Shared setup for the publishing tests: an approved request, an account, the vault."""

from __future__ import annotations

import base64
from typing import Any

from krantentoets.policy import parse_policy
from krantentoets.publish.accounts import add_account
from krantentoets.publish.base import Media
from krantentoets.publish.credentials import Vault
from krantentoets.store import session_scope
from krantentoets.workflow.rules import Action, Actor
from krantentoets.workflow.service import decide, submit

POLICY = parse_policy(
    {
        "organisation": {"name": "Gemeente Dijkstad", "handles": ["@gemeente_dijkstad"]},
        "spokesperson": {"topics": ["brand"]},
    },
    "test.toml",
)
SECRET = "test-secret-" + "k" * 40
FIRE = "Er is een grote brand in de wijk Vlietzone. Blijf binnen en sluit ramen en deuren."
ANNA = Actor("anna", "medewerker")
MAX = Actor("max", "leidinggevende")
CHRIS = Actor("chris", "communicatie")
#: A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
IMAGE = Media(PNG, "image/png", "Rookwolk boven de wijk Vlietzone", "brand.png")


def vault() -> Vault:
    return Vault(SECRET)


def ensure_people(engine: Any) -> None:
    """The users the requests name (a responder must be a real, active user)."""
    from argon2 import PasswordHasher

    from krantentoets import auth
    from krantentoets.store.users import create_user, get_user

    auth.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    try:
        with session_scope(engine) as s:
            for actor in (ANNA, MAX, CHRIS):
                if get_user(s, actor.name) is None:
                    create_user(s, actor.name, actor.role, "wachtwoord-lang-genoeg-123")
    finally:
        auth.use_hasher(None)


def approved_request(
    engine: Any,
    platform: str,
    *,
    text: str = FIRE,
    reply_to_url: str | None = None,
    reply_to_text: str | None = None,
) -> int:
    ensure_people(engine)
    with session_scope(engine) as s:
        req = submit(
            s,
            ANNA,
            text,
            policy=POLICY,
            platform=platform,
            reply_to_text=reply_to_text,
            reply_to_url=reply_to_url,
            reply_to_author="Jan de Vries" if reply_to_text else None,
        )
        rid = req.id
    with session_scope(engine) as s:
        decide(s, rid, MAX, Action.APPROVE, responder="chris")
        decide(s, rid, CHRIS, Action.APPROVE, responder="chris")
    return rid


def connect(engine: Any, platform: str, handle: str, instance: str | None, creds: dict) -> int:
    with session_scope(engine) as s:
        acc = add_account(
            s,
            vault(),
            platform=platform,
            handle=handle,
            instance=instance,
            credentials=creds,
            roles=["communicatie"],
            created_by="beheerder",
        )
        return acc.id
