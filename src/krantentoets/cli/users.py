"""``krantentoets user …`` and ``krantentoets token …``: users of the web app and API tokens.

    krantentoets user add --name NAAM --role ROL [--full-name "Voor Achternaam"]
        (password prompted twice, or read from standard input when that is not a terminal)
    krantentoets user list [--format text|json]
    krantentoets user password --name NAAM
    krantentoets user role --name NAAM --role ROL
    krantentoets user disable --name NAAM | enable --name NAAM

    krantentoets token create --role ROL --name NAAM   (the token is the LAST line printed)
    krantentoets token list [--format text|json]
    krantentoets token revoke ID

The database is the one of ``KRANTENTOETS_DATABASE_URL`` (or the SQLite default);
it must be migrated (``krantentoets db upgrade``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from krantentoets.auth import ROLE_DESCRIPTIONS, Role
from krantentoets.cli.common import engine_or_fail, fail

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ROLE_METAVAR = "|".join(r.value for r in Role)


@contextmanager
def _session() -> Iterator[Session]:
    from krantentoets.store import session_scope

    with engine_or_fail() as engine, session_scope(engine) as session:
        yield session


def _read_password(confirm: bool = True) -> str:
    """A password: prompted (hidden, twice) on a terminal, else the first line of stdin."""
    if sys.stdin.isatty():
        password: str = click.prompt(
            "Wachtwoord", hide_input=True, confirmation_prompt="Nog een keer" if confirm else False
        )
        return password
    line = sys.stdin.readline()
    if not line:
        fail("geen wachtwoord op standaardinvoer")
    return line.rstrip("\r\n")


def _role_help() -> str:
    return "Rol: " + "; ".join(f"{r.value} ({ROLE_DESCRIPTIONS[r]})" for r in Role) + "."


def _user_or_fail(session: Session, name: str) -> Any:
    from krantentoets.store.users import get_user

    user = get_user(session, name)
    if user is None:
        fail(f"geen gebruiker met de naam '{name}' (zie: krantentoets user list)")
    return user


@click.group("user", context_settings={"help_option_names": ["-h", "--help"]})
def user_group() -> None:
    """Gebruikers van de webapplicatie beheren."""


@user_group.command("add")
@click.option("--name", required=True, metavar="NAAM", help="Gebruikersnaam om mee in te loggen.")
@click.option("--role", required=True, metavar=ROLE_METAVAR, help=_role_help())
@click.option("--full-name", "full_name", metavar="NAAM", help="Voor- en achternaam (getoond).")
def user_add(name: str, role: str, full_name: str | None) -> None:
    """Voeg een gebruiker toe. Het wachtwoord wordt gevraagd, of gelezen van standaardinvoer."""
    from krantentoets.auth import AuthError, parse_role
    from krantentoets.store.users import UserError, create_user

    try:
        parse_role(role)
    except AuthError as exc:
        fail(str(exc))
    password = _read_password()
    with _session() as session:
        try:
            user = create_user(session, name, role, password, full_name=full_name)
        except UserError as exc:
            fail(str(exc))
        click.echo(f"Gebruiker '{user.name}' toegevoegd met de rol {user.role}.")


@user_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def user_list(fmt: str) -> None:
    """Toon alle gebruikers met hun rol."""
    from krantentoets.store.users import list_users

    with _session() as session:
        rows = [
            {
                "name": u.name,
                "full_name": u.full_name,
                "role": u.role,
                "active": u.active,
                "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
            }
            for u in list_users(session)
        ]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("Nog geen gebruikers. Voeg er een toe met: krantentoets user add")
        return
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        status = "" if r["active"] else "  (uitgeschakeld)"
        name = f"  {r['full_name']}" if r["full_name"] else ""
        click.echo(f"{r['name']:<{width}}  {r['role']:<14}{name}{status}")


@user_group.command("password")
@click.option("--name", required=True, metavar="NAAM")
def user_password(name: str) -> None:
    """Geef een gebruiker een nieuw wachtwoord (open sessies worden beëindigd)."""
    from krantentoets.store.users import UserError, set_password

    password = _read_password()
    with _session() as session:
        user = _user_or_fail(session, name)
        try:
            set_password(session, user, password)
        except UserError as exc:
            fail(str(exc))
        click.echo(f"Het wachtwoord van '{user.name}' is gewijzigd.")


@user_group.command("role")
@click.option("--name", required=True, metavar="NAAM")
@click.option("--role", required=True, metavar=ROLE_METAVAR)
def user_role(name: str, role: str) -> None:
    """Geef een gebruiker een andere rol."""
    from krantentoets.store.users import UserError, set_role

    with _session() as session:
        user = _user_or_fail(session, name)
        try:
            set_role(session, user, role)
        except UserError as exc:
            fail(str(exc))
        click.echo(f"'{user.name}' heeft nu de rol {user.role}.")


def _set_active(name: str, active: bool) -> None:
    from krantentoets.store.users import UserError, set_active

    with _session() as session:
        user = _user_or_fail(session, name)
        try:
            set_active(session, user, active)
        except UserError as exc:
            fail(str(exc))
        click.echo(f"'{user.name}' is {'ingeschakeld' if active else 'uitgeschakeld'}.")


@user_group.command("disable")
@click.option("--name", required=True, metavar="NAAM")
def user_disable(name: str) -> None:
    """Schakel een gebruiker uit (kan niet meer inloggen; sessies eindigen)."""
    _set_active(name, False)


@user_group.command("enable")
@click.option("--name", required=True, metavar="NAAM")
def user_enable(name: str) -> None:
    """Schakel een gebruiker weer in."""
    _set_active(name, True)


@click.group("token", context_settings={"help_option_names": ["-h", "--help"]})
def token_group() -> None:
    """API-tokens beheren (voor koppelingen met de JSON-API)."""


@token_group.command("create")
@click.option("--role", required=True, metavar=ROLE_METAVAR, help="Rol van het token.")
@click.option("--name", required=True, metavar="NAAM", help="Wie of wat het token gebruikt.")
def token_create(role: str, name: str) -> None:
    """Maak een token. Het token staat op de laatste regel en wordt maar één keer getoond."""
    from krantentoets.store.users import UserError, create_token

    with _session() as session:
        try:
            row, token = create_token(session, name, role)
        except UserError as exc:
            fail(str(exc))
        number = row.id
    click.echo(
        f"Token {number} voor '{name}' (rol {role}) aangemaakt. Bewaar het veilig: "
        "het wordt niet opgeslagen en niet nog eens getoond.",
        err=False,
    )
    click.echo(token)


@token_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def token_list(fmt: str) -> None:
    """Toon alle tokens (zonder het geheim zelf)."""
    from krantentoets.store.users import list_tokens

    with _session() as session:
        rows = [
            {
                "id": t.id,
                "name": t.name,
                "role": t.role,
                "created_at": t.created_at.isoformat(),
                "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
            }
            for t in list_tokens(session)
        ]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("Nog geen tokens. Maak er een met: krantentoets token create")
        return
    for r in rows:
        status = f"  ingetrokken {r['revoked_at'][:10]}" if r["revoked_at"] else ""
        click.echo(f"{r['id']:>4}  {r['role']:<14}  {r['name']}{status}")


@token_group.command("revoke")
@click.argument("token_id", type=int, metavar="NUMMER")
def token_revoke(token_id: int) -> None:
    """Trek een token in (het nummer staat in: krantentoets token list)."""
    from krantentoets.store.users import UserError, revoke_token

    with _session() as session:
        try:
            row = revoke_token(session, token_id)
        except UserError as exc:
            fail(str(exc))
        click.echo(f"Token {row.id} ('{row.name}') is ingetrokken.")
