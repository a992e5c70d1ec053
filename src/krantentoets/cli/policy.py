"""``krantentoets policy export|import``: the effective policy as a policy file, and back.

The web app keeps settings changed by people in the database, over the policy
file that bootstrapped the installation. ``export`` writes the effective policy
(file + changes) as TOML, with a header that names the settings that came from
the app; ``import`` validates a policy file and stores every setting in which it
differs from this installation's policy file as a change in the app (and sets
back the ones where it agrees), recorded with who and when. Import the file that
another installation exported, and the check behaves the same.
"""

from __future__ import annotations

from pathlib import Path

import click

from krantentoets.cli.common import (
    POLICY_OPTION,
    db_overrides,
    effective_policy_or_fail,
    fail,
    load_policy_or_fail,
)
from krantentoets.cli.monitor import DB_OPTION, _engine


@click.group("policy")
def policy_group() -> None:
    """Het beleid: het beleidsbestand met de wijzigingen uit de webapp."""


@policy_group.command("export")
@POLICY_OPTION
@DB_OPTION
@click.option(
    "--output", "-o", metavar="BESTAND.toml", default="-", help="Waarheen (standaard: scherm)."
)
def export_cmd(policy_path: str | None, url: str | None, output: str) -> None:
    """Schrijf het geldende beleid (beleidsbestand + wijzigingen in de app) als TOML."""
    from krantentoets.policy.effective import to_toml

    engine = _engine(url)
    policy = effective_policy_or_fail(policy_path, engine)
    changed = sorted(db_overrides(engine))
    header = "krantentoets: het geldende beleid, geëxporteerd met 'krantentoets policy export'."
    if changed:
        header += "\nIn de webapp gewijzigd: " + ", ".join(changed) + "."
    text = to_toml(policy.settings, header)
    if output == "-":
        click.echo(text, nl=False)
    else:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"Geschreven: {output}", err=True)


@policy_group.command("import")
@click.argument("file", metavar="BESTAND.toml")
@POLICY_OPTION
@DB_OPTION
@click.option("--by", "by", default="opdrachtregel", help="Wie de wijziging doet (voor de log).")
def import_cmd(file: str, policy_path: str | None, url: str | None, by: str) -> None:
    """Neem een beleidsbestand over als instellingen in de app (gecontroleerd, met log)."""
    from krantentoets.policy import PolicyError
    from krantentoets.policy.effective import all_keys, apply_overrides, diff_keys, file_data
    from krantentoets.store import session_scope
    from krantentoets.store.settings import set_override

    imported = load_policy_or_fail(file, None)
    base = load_policy_or_fail(policy_path, None)
    engine = _engine(url)
    wanted = diff_keys(imported.settings, base.settings)
    try:  # checked before anything is stored: never an unusable policy in the database
        apply_overrides(file_data(policy_path), wanted, source=file)
    except PolicyError as exc:
        fail(str(exc))
    changed = []
    with session_scope(engine) as session:
        for key in all_keys():
            if set_override(session, key, wanted.get(key), by):
                changed.append(key)
    if not changed:
        click.echo("Niets veranderd: de instellingen kwamen al overeen.")
        return
    click.echo(f"Overgenomen ({len(changed)}): {', '.join(changed)}")
