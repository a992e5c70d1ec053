"""``krantentoets db``: bring the database schema up to date and show where it is."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from krantentoets.cli import EXIT_ERROR

URL_HELP = "Database-URL; standaard KRANTENTOETS_DATABASE_URL of het SQLite-bestand."


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _fail(message: str) -> NoReturn:
    from krantentoets.cli.common import fail

    fail(message)


@click.group("db")
def db_group() -> None:
    """Database beheren: migraties uitvoeren en de stand tonen."""


@db_group.command("upgrade")
@click.option("--database-url", "url", default=None, help=URL_HELP)
def upgrade_cmd(url: str | None) -> None:
    """Werk de database bij tot de nieuwste versie (veilig om te herhalen)."""
    from sqlalchemy.exc import SQLAlchemyError

    from krantentoets import store

    try:
        url = store.normalise_url(url or store.database_url())
        engine = store.make_engine(url)
        before = store.current_revisions(engine)
        engine.dispose()
        store.upgrade(url)
        engine = store.make_engine(url)
        after = store.current_revisions(engine)
        engine.dispose()
    except store.StoreError as exc:
        _fail(str(exc))
    except (SQLAlchemyError, OSError) as exc:
        _fail(f"database niet bij te werken ({_short(exc)})")
    except Exception as exc:  # alembic: unknown revision (database newer than this version)
        _fail(f"database niet bij te werken ({_short(exc)})")
    where = _redact(url)
    if before == after:
        click.echo(f"Database is al bijgewerkt (revisie {_revs(after)}): {where}")
    else:
        click.echo(f"Database bijgewerkt van {_revs(before)} naar {_revs(after)}: {where}")


@db_group.command("current")
@click.option("--database-url", "url", default=None, help=URL_HELP)
def current_cmd(url: str | None) -> None:
    """Toon de revisie van de database en of er een upgrade nodig is."""
    from sqlalchemy.exc import SQLAlchemyError

    from krantentoets import store

    try:
        url = store.normalise_url(url or store.database_url())
        engine = store.make_engine(url)
        current = store.current_revisions(engine)
        engine.dispose()
    except store.StoreError as exc:
        _fail(str(exc))
    except (SQLAlchemyError, OSError) as exc:
        _fail(f"database niet te lezen ({_short(exc)})")
    heads = store.head_revisions()
    click.echo(f"Database: {_redact(url)}")
    click.echo(f"Revisie: {_revs(current)} (nieuwste: {_revs(heads)})")
    if current == heads:
        click.echo("Bijgewerkt.")
    else:
        click.echo("Niet bijgewerkt; voer `krantentoets db upgrade` uit.")
        sys.exit(EXIT_ERROR)


def _revs(revs: tuple[str, ...]) -> str:
    return ", ".join(revs) if revs else "geen"


def _short(exc: BaseException) -> str:
    first = str(exc).strip().splitlines()
    return first[0] if first else type(exc).__name__
