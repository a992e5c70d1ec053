"""End-to-end fixtures: ``krantentoets serve`` on a free loopback port, and headless chromium.

Chromium is Debian's (``/usr/bin/chromium``), driven by the Python ``playwright`` package;
``playwright install`` is never used. Tests are skipped, with the reason, when either is missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("KRANTENTOETS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "e2e-wachtwoord-1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _seed(url: str) -> None:
    from datetime import timedelta

    from argon2 import PasswordHasher

    from krantentoets import auth
    from krantentoets.store import make_engine, session_scope, upgrade
    from krantentoets.store.base import utcnow
    from krantentoets.store.monitor import Mention, MonitorSource
    from krantentoets.store.users import create_user

    upgrade(url)
    engine = make_engine(url)
    auth.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    try:
        with session_scope(engine) as s:
            for role, full in (
                ("medewerker", "Mila de Vries"),
                ("communicatie", "Sanne Visser"),
                ("leidinggevende", "Ahmed El Amrani"),
                ("mandataris", "Jan Bakker"),
                ("archivaris", "Joke Mulder"),
                ("beheerder", "Pieter Smit"),
            ):
                create_user(s, role, role, PASSWORD, full_name=full)
            source = MonitorSource(name="rss:omroep", kind="rss", state={})
            s.add(source)
            s.flush()
            now = utcnow()
            for i, (label, advice, text) in enumerate(
                [
                    ("criticism", "no-response", "Alweer geen grofvuil opgehaald in de Vlietzone."),
                    (
                        "compliment",
                        "forward",
                        "Dank aan de groenvoorziening, het park is prachtig.",
                    ),
                    (
                        "question",
                        "answer",
                        "Wanneer wordt het grofvuil in Bilgaard opgehaald? "
                        "https://www.example.nl/een/heel/lange/link/naar/een/bericht/"
                        "over/grofvuil/in/bilgaard?met=parameters&die=niet&afbreken=1",
                    ),
                ]
            ):
                s.add(
                    Mention(
                        source_id=source.id,
                        external_id=str(i),
                        text=text,
                        author=f"@inwoner{i}",
                        published_at=now - timedelta(hours=i + 1),
                        label=label,
                        advice=advice,
                        signal=True,
                        reasons=["Voorbeeldreden."],
                    )
                )
        _seed_archive(engine)
    finally:
        auth.use_hasher(None)
        engine.dispose()


#: Archived dialogues for the Woo request of USERS.md moment 5 (test_e2e_woo.py).
ARCHIVED = [
    {
        "id": "fb-zwembad-1",
        "platform": "facebook",
        "author": "Team Webcare",
        "text": "Dag Marieke Jansen, het zwembad is vanaf zaterdag weer open. Bel 06-12345678.",
        "published_at": "2025-05-03T10:00:00Z",
        "in_reply_to": {"author": "Marieke Jansen", "text": "Wanneer gaat het zwembad open?"},
    },
    {
        "id": "fb-zwembad-2",
        "platform": "facebook",
        "author": "Team Webcare",
        "text": "Het zwembad is op zondag gesloten.",
        "published_at": "2025-06-01T10:00:00Z",
    },
    {
        "id": "fb-brug-3",
        "platform": "facebook",
        "author": "Team Webcare",
        "text": "De brug is dicht.",
        "published_at": "2025-06-02T10:00:00Z",
    },
]


def _seed_archive(engine: Any) -> None:
    from krantentoets.archive.record import parse_input
    from krantentoets.archive.service import Archive

    Archive(engine).append([(i, parse_input(r)) for i, r in enumerate(ARCHIVED)])


@contextmanager
def serving(folder: Path, url: str, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``krantentoets serve`` on a free port over database ``url``; yields its base URL."""
    import httpx

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KRANTENTOETS_")}
    env.update({"KRANTENTOETS_DATA_DIR": str(folder), "KRANTENTOETS_DATABASE_URL": url})
    env.update(extra_env or {})
    log = open(folder / "serve.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from krantentoets.cli import main; main()",
            "serve",
            "--port",
            str(port),
            "--no-access-log",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                raise RuntimeError((folder / "serve.log").read_text(errors="replace"))
            try:
                if httpx.get(base + "/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("krantentoets serve did not start within 30 s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def e2e_tools() -> tuple[Any, str]:
    """(:func:`serving`, the seeded users' password) for test modules with their own server."""
    return serving, PASSWORD


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a running ``krantentoets serve`` with two users and two mentions."""
    folder = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{folder / 'e2e.sqlite3'}"
    _seed(url)
    with serving(folder, url) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the Python package playwright is not installed (pip install -e '.[test]')")
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        pytest.skip(f"chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server, locale="nl-NL")
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    outside: list[str] = []
    pg.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith((server, "data:")) else None,
    )
    yield pg
    context.close()
    assert outside == [], f"the page loaded something from elsewhere: {outside}"


@pytest.fixture
def login(page: Any) -> Any:
    """``login("medewerker")``: log the page in as that user, through the login form."""

    def do(name: str) -> None:
        page.goto("/inloggen")
        page.get_by_label("Gebruikersnaam").fill(name)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(lambda url: "/inloggen" not in url)

    return do


@pytest.fixture(scope="session")
def e2e_password() -> str:
    """The password of every seeded user."""
    return PASSWORD
