"""USERS.md moment 3 in headless chromium: a fire. Check, align, approve, publish with one click,
a citizen's reply captured, the thread in the archive (issue 14).

The organisation's Mastodon account is a local fake answering with recorded Mastodon
responses; the browser only ever talks to ``krantentoets serve``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fakes.mastodon import FakeMastodon

pytestmark = pytest.mark.browser

FIRE = "Er is een grote brand in de wijk Vlietzone. Blijf binnen en sluit ramen en deuren."
SECRET = "e2e-publish-secret-" + "z" * 40


def _seed(url: str, password: str) -> None:
    from argon2 import PasswordHasher

    from krantentoets import auth
    from krantentoets.store import make_engine, session_scope, upgrade
    from krantentoets.store.users import create_user

    upgrade(url)
    engine = make_engine(url)
    auth.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    try:
        with session_scope(engine) as s:
            for role in ("medewerker", "leidinggevende", "communicatie", "beheerder"):
                create_user(s, role, role, password, full_name=f"E2E {role}")
    finally:
        auth.use_hasher(None)
        engine.dispose()


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, e2e_tools: tuple[Any, str]
) -> Iterator[tuple[str, dict[str, str]]]:
    serving, password = e2e_tools
    folder = tmp_path_factory.mktemp("e2e-publish")
    url = f"sqlite:///{folder / 'kt.sqlite3'}"
    _seed(url, password)
    policy = folder / "krantentoets.toml"
    policy.write_text('[spokesperson]\ntopics = ["brand"]\n', encoding="utf-8")
    env = {"KRANTENTOETS_POLICY": str(policy), "KRANTENTOETS_SECRET_KEY": SECRET}
    with serving(folder, url, env) as base:
        yield (
            base,
            {
                **env,
                "KRANTENTOETS_DATA_DIR": str(folder),
                "KRANTENTOETS_DATABASE_URL": url,
            },
        )


PASSWORD = "e2e-wachtwoord-1"  # as tests/e2e/conftest.py seeds


def _as(browser: Any, base: str, name: str) -> Any:
    page = browser.new_context(base_url=base, locale="nl-NL").new_page()
    page.set_default_timeout(60_000)
    page.goto("/inloggen")
    page.get_by_label("Gebruikersnaam").fill(name)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    return page


def test_moment_3_the_fire(browser: Any, site: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    base, env = site
    with FakeMastodon() as fake:
        # The beheerder connects the organisation's account once.
        admin = _as(browser, base, "beheerder")
        admin.goto("/beheer/accounts")
        admin.get_by_label("Platform").select_option("mastodon")
        admin.get_by_label("Account (handle of pagina-id)").fill("@gemeente_dijkstad")
        admin.get_by_label("Server (Mastodon)").fill(fake.url)
        admin.get_by_label("Token of app-wachtwoord").fill(fake.token)
        admin.get_by_role("button", name="Koppelen").click()
        assert "versleuteld opgeslagen" in admin.content()

        # The employee checks a reassuring post: a spokesperson topic, so align first.
        employee = _as(browser, base, "medewerker")
        employee.goto("/controleren")
        employee.get_by_label("Je concept").fill(FIRE)
        employee.get_by_label("Platform").select_option("mastodon")
        employee.get_by_role("button", name="Controleer bericht").click()
        employee.wait_for_selector("#uitkomst")
        employee.get_by_role("button", name="Ter afstemming voorleggen").click()
        employee.wait_for_url("**/afstemming/*")
        request_url = employee.url.split("?")[0]

        # The manager and Communications approve; Communications posts it.
        for name in ("leidinggevende", "communicatie"):
            decider = _as(browser, base, name)
            decider.goto(request_url)
            decider.get_by_role("radio", name="Goedkeuren").check()
            decider.locator("#b-wie").select_option("communicatie")
            decider.get_by_role("button", name="Besluit vastleggen").click()
            decider.wait_for_selector("text=Je besluit is vastgelegd.")
        decider.goto(request_url)
        decider.get_by_role("button", name="Publiceren").click()
        decider.wait_for_url("**melding=gepubliceerd")
        assert "Geplaatst en gearchiveerd" in decider.content()
        ours = [
            s for s in fake.statuses.values() if s["account"]["username"] == "gemeente_dijkstad"
        ]
        assert len(ours) == 1 and "Vlietzone" in ours[0]["content"]

        # A resident replies on Mastodon; the capture (as run by cron) archives it in the thread.
        reply = fake.reply(
            ours[0]["id"], "Ik zie de rook vanaf het Zuiderplein. Is de school dicht?"
        )
        run_env = {k: v for k, v in os.environ.items() if not k.startswith("KRANTENTOETS_")}
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "from krantentoets.cli import main; main()",
                "publish",
                "capture",
            ],
            env={**run_env, **env},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "1 nieuw" in done.stderr + done.stdout

        decider.goto("/archief?q=Zuiderplein")
        assert "Zuiderplein" in decider.content()
        rid = request_url.rsplit("/", 1)[-1]
        decider.goto(f"/archief/record/workflow-{rid}")
        page = decider.content()
        assert (
            "Vlietzone" in page and "(Leidinggevende) · goedgekeurd" in page
        )  # approvals archived
        decider.goto(f"/archief/record/capture-mastodon-{reply}")
        page = decider.content()  # the resident's reply, in the thread of our post
        assert "Zuiderplein" in page and "Reactie op @gemeente_dijkstad" in page
        assert "Vlietzone" in page
