"""``krantentoets serve`` and ``krantentoets demo``: run the web application.

    krantentoets serve [--host 127.0.0.1] [--port 8000] [--workers N] [--policy FILE]
    krantentoets demo  [--host 127.0.0.1] [--port 8000] [--data-dir MAP]

``serve`` uses the configured database (``KRANTENTOETS_DATABASE_URL`` or the
SQLite file in ``KRANTENTOETS_DATA_DIR``) and refuses to start when it is not
migrated. ``demo`` makes a fresh SQLite database in a temporary folder, fills it
with demo users (one per role), inbox posts and example drafts, and serves it.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

import click

from krantentoets.cli.common import fail

APP_FACTORY = "krantentoets.web.app:app_from_env"


def _prepare(database_url: str | None = None) -> int:
    """Check what the workers will need; returns the number of users. Fails in Dutch."""
    from krantentoets.policy import PolicyError
    from krantentoets.store import StoreError, make_engine, require_current, session_scope
    from krantentoets.web.config import ConfigError, config_from_env

    try:
        config = config_from_env(database_url)  # creates the secret key once, before workers
        engine = make_engine(config.database_url)
    except (ConfigError, StoreError) as exc:
        fail(str(exc))
    try:
        require_current(engine)
        from krantentoets.policy import load_policy
        from krantentoets.store.users import count_users

        load_policy(config.policy_path)
        with session_scope(engine) as session:
            return count_users(session)
    except (StoreError, PolicyError) as exc:
        fail(str(exc))
    except Exception as exc:  # e.g. PostgreSQL not reachable
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        fail(f"de database is niet bereikbaar ({exc.__class__.__name__}: {first})")
    finally:
        engine.dispose()


def check_port(host: str, port: int) -> None:
    """Fail in Dutch when ``host:port`` cannot be listened on (in use, not allowed), instead
    of uvicorn's English error after start-up."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        fail(f"het adres '{host}' is onbekend; gebruik bijvoorbeeld --host 127.0.0.1")
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        if hasattr(socket, "SO_REUSEADDR"):
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                fail(
                    f"poort {port} is al in gebruik (draait krantentoets al?). Stop dat "
                    f"programma of kies een andere poort, bijvoorbeeld --port {port + 1}"
                )
            if exc.errno == errno.EACCES:
                fail(f"je mag niet luisteren op poort {port}; kies een poort boven 1024")
            fail(f"kan niet luisteren op {host}:{port} ({exc.strerror})")


def _run(host: str, port: int, workers: int, access_log: bool) -> None:
    import uvicorn

    check_port(host, port)
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=False,  # the app trusts only KRANTENTOETS_TRUSTED_PROXIES
        access_log=access_log,
        log_level="info",
        server_header=False,
    )


HOST_OPTION = click.option(
    "--host", default="127.0.0.1", show_default=True, help="Adres om op te luisteren."
)
PORT_OPTION = click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Poort."
)


@click.command("serve")
@HOST_OPTION
@PORT_OPTION
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Aantal processen (één per processorkern is een goede keuze).",
)
@click.option(
    "--policy",
    "policy_path",
    metavar="BESTAND.toml",
    envvar="KRANTENTOETS_POLICY",
    help="Beleidsbestand van de organisatie.",
)
@click.option("--access-log/--no-access-log", default=True, help="Elk verzoek loggen.")
def serve_cmd(
    host: str, port: int, workers: int, policy_path: str | None, access_log: bool
) -> None:
    """Start de webapplicatie en de JSON-API."""
    if policy_path:
        os.environ["KRANTENTOETS_POLICY"] = str(Path(policy_path).resolve())
    users = _prepare()
    url = f"http://{host}:{port}"
    click.echo(f"krantentoets draait op {url} (stoppen: Ctrl+C)", err=True)
    if users == 0:
        click.echo(
            f"Er zijn nog geen gebruikers: open {url}/eerste-gebruik om de beheerder aan te "
            "maken, of gebruik: krantentoets user add --name NAAM --role beheerder",
            err=True,
        )
    _run(host, port, workers, access_log)


@click.command("demo")
@HOST_OPTION
@PORT_OPTION
@click.option(
    "--data-dir",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Map voor de demodatabase (standaard: een tijdelijke map die daarna verdwijnt).",
)
def demo_cmd(host: str, port: int, data_dir: Path | None) -> None:
    """Start de webapplicatie met voorbeeldgegevens, zonder iets in te stellen."""
    from krantentoets.store import make_engine, upgrade
    from krantentoets.web.demo import DEMO_PASSWORD, seed_demo

    temporary = data_dir is None
    folder = Path(tempfile.mkdtemp(prefix="krantentoets-demo-")) if temporary else data_dir
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    db_file = folder / "demo.sqlite3"
    fresh = not db_file.exists()
    url = f"sqlite:///{db_file}"
    os.environ["KRANTENTOETS_DATA_DIR"] = str(folder)
    os.environ["KRANTENTOETS_DATABASE_URL"] = url
    os.environ["KRANTENTOETS_DEMO"] = "1"
    os.environ.pop("KRANTENTOETS_SECRET_KEY", None)
    try:
        upgrade(url)
        if fresh:
            engine = make_engine(url)
            try:
                seed_demo(engine)
            finally:
                engine.dispose()
        _prepare(url)
        site = f"http://{host}:{port}"
        click.echo(f"Demo van krantentoets: open {site}", err=True)
        click.echo(
            "Log in als medewerker, mandataris, communicatie, leidinggevende, archivaris of "
            f"beheerder; het wachtwoord is steeds: {DEMO_PASSWORD}",
            err=True,
        )
        click.echo(f"Gegevens: {folder}{' (verdwijnt na afloop)' if temporary else ''}", err=True)
        # uvicorn re-raises SIGTERM after shutting down; exit normally so the folder is removed.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        _run(host, port, 1, access_log=False)
    finally:
        if temporary:
            shutil.rmtree(folder, ignore_errors=True)
