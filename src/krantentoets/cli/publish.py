"""``krantentoets account`` and ``krantentoets publish``: connected accounts, posting, capture.

    krantentoets account add --platform P --handle H [--instance URL]
        (--token-stdin | --token-env NAME) [--role R]... [--user NAME]... [--expires YYYY-MM-DD]
    krantentoets account list [--format text|json]
    krantentoets account remove ACCOUNT
    krantentoets account mastodon-login --instance URL --handle H  (authorisation code)
    krantentoets publish REQUEST --as USER [--account ACCOUNT] [--image PATH --alt TEXT]...
    krantentoets publish capture [--post ID]...
    krantentoets publish release REQUEST   (a publish left pending by a crash, after checking)

Exit status: 0 done; 1 the platform refused or a capture had errors (the
message says why; nothing was half-archived); 2 usage or setup error.
"""

from __future__ import annotations

import json
import mimetypes
import secrets
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from krantentoets.cli import EXIT_ERROR, EXIT_FINDINGS
from krantentoets.cli.common import POLICY_OPTION, engine_or_fail, fail, load_policy_or_fail


def _vault() -> Any:
    from krantentoets.publish.credentials import CredentialError, installation_vault

    try:
        return installation_vault()
    except (CredentialError, RuntimeError) as exc:
        fail(str(exc))


@click.group("account")
def account_group() -> None:
    """Gekoppelde accounts waarvoor krantentoets plaatst (beheerder)."""


@account_group.command("add")
@click.option("--platform", required=True, help="mastodon, bluesky, linkedin, facebook of x.")
@click.option(
    "--handle", required=True, help="Het account: @naam, handle, pagina- of organisatie-id."
)
@click.option(
    "--instance", default=None, help="Server-URL (Mastodon verplicht; anders: API-adres)."
)
@click.option("--token-stdin", is_flag=True, help="Lees de inloggegevens van standaardinvoer.")
@click.option(
    "--token-env", default=None, metavar="NAAM", help="Omgevingsvariabele met de gegevens."
)
@click.option("--role", "roles", multiple=True, help="Rol die mag plaatsen (mag vaker).")
@click.option("--user", "users", multiple=True, help="Gebruiker die mag plaatsen (mag vaker).")
@click.option("--expires", default=None, metavar="JJJJ-MM-DD", help="Wanneer het token verloopt.")
@click.option("--label", default=None, help="Omschrijving, bijvoorbeeld 'Webcare'.")
@click.option("--by", "by", default="beheerder", help="Wie het account koppelt.")
def account_add(
    platform: str,
    handle: str,
    instance: str | None,
    token_stdin: bool,
    token_env: str | None,
    roles: tuple[str, ...],
    users: tuple[str, ...],
    expires: str | None,
    label: str | None,
    by: str,
) -> None:
    """Koppel een account. Het token wordt versleuteld opgeslagen en nooit meer getoond.

    Standaardinvoer: een access token, of een JSON-object (Bluesky:
    {"identifier": ..., "password": "app-wachtwoord"}).
    """
    from krantentoets.publish.accounts import AccountError, add_account
    from krantentoets.store import session_scope

    creds = None
    if token_stdin:
        raw = sys.stdin.read().strip()
        if not raw:
            fail("geen inloggegevens op standaardinvoer")
        try:
            creds = json.loads(raw) if raw.startswith("{") else {"access_token": raw}
        except ValueError:
            fail("de inloggegevens op standaardinvoer zijn geen geldige JSON")
    expires_at = None
    if expires:
        try:
            expires_at = datetime.fromisoformat(expires).replace(tzinfo=UTC)
        except ValueError:
            fail(f"ongeldige datum '{expires}'; gebruik JJJJ-MM-DD")
    vault = _vault()
    with engine_or_fail() as engine:
        try:
            with session_scope(engine) as session:
                account = add_account(
                    session,
                    vault,
                    platform=platform,
                    handle=handle,
                    instance=instance,
                    credentials=creds,
                    credentials_env=token_env,
                    roles=roles or ("communicatie",),
                    users=users,
                    label=label,
                    expires_at=expires_at,
                    created_by=by,
                )
                click.echo(f"Gekoppeld: #{account.id} {account.platform} {account.handle}")
        except AccountError as exc:
            fail(str(exc))


@account_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def account_list(fmt: str) -> None:
    """Toon de gekoppelde accounts (zonder inloggegevens)."""
    from krantentoets.publish.accounts import account_warnings, list_accounts
    from krantentoets.store import session_scope

    with engine_or_fail() as engine, session_scope(engine) as session:
        rows = [
            {
                "id": a.id,
                "platform": a.platform,
                "handle": a.handle,
                "instance": a.instance,
                "label": a.label,
                "roles": a.allowed_roles,
                "users": a.allowed_users,
                "status": a.status,
                "credentials": f"omgeving:{a.credentials_env}"
                if a.credentials_env
                else "versleuteld",
                "expires_at": a.expires_at.isoformat() if a.expires_at else None,
            }
            for a in list_accounts(session)
        ]
        warnings = [w.text for w in account_warnings(session)]
    if fmt == "json":
        click.echo(json.dumps({"accounts": rows, "warnings": warnings}, ensure_ascii=False))
        return
    if not rows:
        click.echo("Geen gekoppelde accounts.")
    for r in rows:
        who = ", ".join([*r["roles"], *r["users"]]) or "niemand"
        click.echo(
            f"#{r['id']} {r['platform']} {r['handle']} ({r['status']}; plaatsen: {who}; "
            f"inloggegevens: {r['credentials']}"
            + (f"; verloopt {r['expires_at'][:10]}" if r["expires_at"] else "")
            + ")"
        )
    for w in warnings:
        click.echo(f"Let op: {w}", err=True)


@account_group.command("remove")
@click.argument("account")
def account_remove(account: str) -> None:
    """Ontkoppel een account (id, platform:handle of handle); de inloggegevens worden gewist."""
    from krantentoets.publish.accounts import AccountError, remove_account
    from krantentoets.store import session_scope

    with engine_or_fail() as engine:
        try:
            with session_scope(engine) as session:
                acc = remove_account(session, account)
                click.echo(f"Ontkoppeld: #{acc.id} {acc.platform} {acc.handle}")
        except AccountError as exc:
            fail(str(exc))


@account_group.command("mastodon-login")
@click.option(
    "--instance", required=True, help="De Mastodon-server, bijvoorbeeld https://social.example."
)
@click.option("--redirect-uri", default="urn:ietf:wg:oauth:2.0:oob", show_default=True)
@click.option("--handle", required=True)
@click.option("--role", "roles", multiple=True)
@click.option("--user", "users", multiple=True)
def mastodon_login(
    instance: str, redirect_uri: str, handle: str, roles: tuple[str, ...], users: tuple[str, ...]
) -> None:
    """Koppel een Mastodon-account met de autorisatiecode-flow (app per server)."""
    from krantentoets.publish import mastodon
    from krantentoets.publish.accounts import AccountError, add_account
    from krantentoets.publish.base import PlatformError
    from krantentoets.store import session_scope

    try:
        app = mastodon.register_app(instance, redirect_uri)
        url = mastodon.authorise_url(instance, app, redirect_uri, secrets.token_urlsafe(16))
        click.echo(f"Open deze pagina, log in als {handle} en sta krantentoets toe:\n{url}")
        code = click.prompt("Autorisatiecode").strip()
        creds = mastodon.exchange_code(instance, app, redirect_uri, code)
    except PlatformError as exc:
        fail(exc.dutch())
    vault = _vault()
    with engine_or_fail() as engine:
        try:
            with session_scope(engine) as session:
                acc = add_account(
                    session,
                    vault,
                    platform="mastodon",
                    handle=handle,
                    instance=instance,
                    credentials=creds,
                    roles=roles or ("communicatie",),
                    users=users,
                    created_by="beheerder",
                )
                click.echo(f"Gekoppeld: #{acc.id} mastodon {acc.handle}")
        except AccountError as exc:
            fail(str(exc))


class _PublishGroup(click.Group):
    """``publish REQUEST`` posts a request; ``publish capture`` captures dialogues."""

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["request", *args]
        return super().resolve_command(ctx, args)


@click.group("publish", cls=_PublishGroup)
def publish_group() -> None:
    """Plaats een goedgekeurd bericht en archiveer het; leg de reacties vast."""


@publish_group.command("request")
@click.argument("request_id", type=int)
@click.option("--as", "as_user", required=True, metavar="GEBRUIKER", help="Wie plaatst.")
@click.option("--account", default=None, help="Account (id, platform:handle of handle).")
@click.option("--image", "images", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--alt", "alts", multiple=True, help="Alt-tekst per --image, in dezelfde volgorde.")
@POLICY_OPTION
def publish_request_cmd(
    request_id: int,
    as_user: str,
    account: str | None,
    images: tuple[str, ...],
    alts: tuple[str, ...],
    policy_path: str | None,
) -> None:
    """Plaats afstemmingsverzoek REQUEST en archiveer het in dezelfde stap."""
    from krantentoets.archive.service import Archive
    from krantentoets.publish.base import Media
    from krantentoets.publish.service import PublishFailed, publish_request
    from krantentoets.store import session_scope
    from krantentoets.store.users import get_user
    from krantentoets.workflow.rules import Actor, WorkflowError

    if len(alts) != len(images):
        fail("geef bij elke --image een --alt (beschrijving van de afbeelding)")
    media = [
        Media(
            data=Path(p).read_bytes(),
            mime_type=mimetypes.guess_type(p)[0] or "application/octet-stream",
            alt=alt,
            filename=Path(p).name,
        )
        for p, alt in zip(images, alts, strict=True)
    ]
    policy = load_policy_or_fail(policy_path, None)
    vault = _vault()
    with engine_or_fail() as engine:
        with session_scope(engine) as session:
            user = get_user(session, as_user)
            if user is None or not user.active:
                fail(f"gebruiker '{as_user}' bestaat niet of is uitgeschakeld")
            actor = Actor(user.name, user.role)
        archive = Archive.from_policy(engine, policy.settings)
        try:
            outcome = publish_request(
                engine,
                request_id,
                actor,
                archive=archive,
                vault=vault,
                account=account,
                media=media,
            )
        except PublishFailed as exc:
            click.echo(f"krantentoets: {exc}", err=True)
            sys.exit(EXIT_FINDINGS)
        except WorkflowError as exc:
            fail(str(exc))
    click.echo(f"Geplaatst: {outcome.url or outcome.platform_id}")
    click.echo(f"Gearchiveerd als {outcome.record_id}")


@publish_group.command("release")
@click.argument("claim")
def release_cmd(claim: str) -> None:
    """Geef een publicatie vrij die bleef hangen (REQUEST of draft-SLEUTEL).

    Alleen nadat je op het platform zag dat het bericht er niet staat: daarna
    plaatst Publiceren het opnieuw.
    """
    from krantentoets.publish.service import PublishRefused, release_claim

    with engine_or_fail() as engine:
        try:
            release_claim(engine, claim)
        except PublishRefused as exc:
            fail(str(exc))
    click.echo(f"Vrijgegeven: {claim}. Publiceren kan opnieuw.")


@publish_group.command("capture")
@click.option("--post", "posts", multiple=True, type=int, help="Alleen deze publicatie (id).")
@POLICY_OPTION
def capture_cmd(posts: tuple[int, ...], policy_path: str | None) -> None:
    """Leg reacties, citaten en vermeldingen van onze berichten vast in het archief."""
    policy = load_policy_or_fail(policy_path, None)
    with engine_or_fail() as engine:
        report = run_capture(engine, policy, list(posts) or None)
    sys.exit(EXIT_FINDINGS if report.errors else 0)


def has_publications(engine: Any) -> bool:
    """Whether any post was published through krantentoets (so there is a dialogue to capture)."""
    from sqlalchemy import inspect, select

    from krantentoets.store.publish import PublishPost

    if not inspect(engine).has_table("publish_posts"):
        return False
    with engine.connect() as conn:
        return conn.execute(select(PublishPost.id).limit(1)).first() is not None


def run_capture(
    engine: Any, policy: Any, post_ids: list[int] | None = None, quiet: bool = False
) -> Any:
    """The capture step, shared by ``publish capture`` and ``monitor run``."""
    from krantentoets.archive.service import Archive
    from krantentoets.publish.capture import capture_dialogues

    archive = Archive.from_policy(engine, policy.settings)
    report = capture_dialogues(engine, archive, _vault(), post_ids=post_ids)
    if not quiet or report.errors:
        click.echo(report.line(), err=bool(report.errors))
    for error in report.errors:
        click.echo(f"  {error}", err=True)
    return report


__all__ = ["EXIT_ERROR", "account_group", "publish_group", "run_capture"]
