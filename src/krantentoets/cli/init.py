"""``krantentoets init``: write a commented starter policy file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from krantentoets.cli.common import fail


def starter_policy(profile: str, name: str, website: str) -> str:
    """The starter policy text with the organisation filled in (validated by the tests)."""
    template = (resources.files("krantentoets.policy") / "starter.toml").read_text("utf-8")

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace('"', '\\"')

    return (
        template.replace("{profile}", profile)
        .replace("{name}", esc(name))
        .replace("{website}", esc(website))
    )


@click.command("init")
@click.argument("path", default="krantentoets.toml", required=False)
@click.option(
    "--profile",
    type=click.Choice(["medewerkers", "mandatarissen"]),
    default="medewerkers",
    show_default=True,
    help="Profiel van de gedragscode.",
)
@click.option(
    "--name", default="Gemeente Voorbeeld", show_default=True, help="Naam van de organisatie."
)
@click.option("--website", default="https://www.example.nl", show_default=True, help="Website.")
@click.option("--force", is_flag=True, help="Overschrijf een bestaand bestand.")
def init_cmd(path: str, profile: str, name: str, website: str, force: bool) -> None:
    """Schrijf een beleidsbestand met uitleg om mee te beginnen."""
    from krantentoets.policy import PolicyError, load_policy

    target = Path(path)
    if target.exists() and not force:
        fail(f"{target} bestaat al; gebruik --force om het te overschrijven")
    text = starter_policy(profile, name, website)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{target}: niet te schrijven ({exc.strerror})")
    try:
        load_policy(target)
    except PolicyError as exc:  # pragma: no cover - the starter is tested
        fail(f"het voorbeeldbestand is ongeldig: {exc}")
    click.echo(f"Beleidsbestand geschreven: {target}")
    click.echo(f'Probeer het: krantentoets check --policy {target} "Je conceptbericht"')
