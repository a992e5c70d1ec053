"""The ``krantentoets`` command line: a thin layer over the library.

Subcommands live in their own modules and are imported only when used, so
``krantentoets check "…"`` starts fast. Add a command by naming its module and
attribute in :data:`COMMANDS`.

Exit status (all commands): 0 = done and clean, 1 = done with findings
(a check that is not *Plaatsen*), 2 = error (bad input, bad policy, usage).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from typing import Any

import click

from krantentoets import __version__

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

#: command name -> "module:attribute" of a click command, loaded on first use.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("krantentoets.cli.check", "check_cmd"),
    "rules": ("krantentoets.cli.rules", "rules_cmd"),
    "init": ("krantentoets.cli.init", "init_cmd"),
    "triage": ("krantentoets.cli.triage", "triage_cmd"),
    "monitor": ("krantentoets.cli.monitor", "monitor_group"),
    "db": ("krantentoets.cli.db", "db_group"),
    "serve": ("krantentoets.cli.serve", "serve_cmd"),
    "demo": ("krantentoets.cli.serve", "demo_cmd"),
    "user": ("krantentoets.cli.users", "user_group"),
    "token": ("krantentoets.cli.users", "token_group"),
    "archive": ("krantentoets.cli.archive", "archive_group"),
    "redact": ("krantentoets.cli.redact", "redact_cmd"),
    "policy": ("krantentoets.cli.policy", "policy_group"),
    "account": ("krantentoets.cli.publish", "account_group"),
    "publish": ("krantentoets.cli.publish", "publish_group"),
}

HELP = {
    "check": "Controleer een conceptbericht tegen de richtlijnen.",
    "rules": "Toon alle regels met hun richtlijn.",
    "init": "Schrijf een beleidsbestand om mee te beginnen.",
    "triage": "Beoordeel binnenkomende berichten: compliment, kritiek, vraag, ...",
    "monitor": "Haal op wat er over de organisatie gezegd wordt.",
    "db": "Database beheren (migraties).",
    "serve": "Start de webapplicatie.",
    "demo": "Start de webapplicatie met voorbeeldgegevens.",
    "user": "Gebruikers beheren.",
    "token": "API-tokens beheren.",
    "archive": "Archief van online dialogen: toevoegen, controleren, zoeken, exporteren.",
    "redact": "Lak persoonsgegevens weg in een tekst.",
    "policy": "Het geldende beleid als beleidsbestand bewaren of inlezen.",
    "account": "Gekoppelde accounts voor publiceren beheren.",
    "publish": "Plaats een goedgekeurd bericht en leg de reacties vast in het archief.",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    @staticmethod
    def _available(name: str) -> bool:
        module, _ = COMMANDS[name]
        return importlib.util.find_spec(module) is not None

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not self._available(name):
            return None
        module, attr = COMMANDS[name]
        cmd: click.Command = getattr(importlib.import_module(module), attr)
        return cmd

    def format_commands(self, ctx: click.Context, formatter: Any) -> None:
        rows = [(name, HELP.get(name, "")) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Opdrachten"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="krantentoets")
def cli() -> None:
    """krantentoets: zou je het bericht ook in de krant plaatsen?

    Controleert conceptberichten voor sociale media tegen de gedragscode van je
    organisatie. Exitcode: 0 = in orde, 1 = bevindingen, 2 = fout.
    """


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="krantentoets", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        click.echo("Afgebroken.", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: one clear line, the traceback on request
        if os.environ.get("KRANTENTOETS_DEBUG"):
            raise
        click.echo(
            f"krantentoets: interne fout: {type(exc).__name__}: {exc} "
            "(zet KRANTENTOETS_DEBUG=1 voor details en meld het aan de beheerder)",
            err=True,
        )
        sys.exit(EXIT_ERROR)
