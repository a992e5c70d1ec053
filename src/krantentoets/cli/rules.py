"""``krantentoets rules``: list every rule with its guidelines."""

from __future__ import annotations

import json

import click


@click.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text: een tabel; json: voor programma's; markdown: docs/rules.md.",
)
@click.option(
    "--profile", metavar="medewerkers|mandatarissen", help="Toon de richtlijn per profiel."
)
def rules_cmd(fmt: str, profile: str | None) -> None:
    """Toon alle regels: id, naam, categorie, ernst en richtlijn."""
    from krantentoets.cli.common import load_policy_or_fail
    from krantentoets.rules.registry import builtin_registry

    registry = builtin_registry()
    rules = sorted(registry, key=lambda r: r.meta.id)
    if fmt == "markdown":
        from krantentoets.docs.rules import rules_markdown

        click.echo(rules_markdown(registry), nl=False)
        return
    policy = load_policy_or_fail(None, profile) if profile else None
    if fmt == "json":
        rows = []
        for r in rules:
            m = r.meta
            rows.append(
                {
                    "id": m.id,
                    "name": m.name,
                    "category": m.category.value,
                    "severity": (policy.severity(r) if policy else m.severity).value,
                    "guidelines": list(policy.cite(m.category) if policy else m.guidelines),
                    "title": m.title.nl,
                    "why": m.why.nl,
                }
            )
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rules:
        m = r.meta
        sev = (policy.severity(r) if policy else m.severity).value
        cites = ", ".join(policy.cite(m.category) if policy else m.guidelines)
        click.echo(f"{m.id:<5} {m.category.value:<19} {sev:<6} {cites:<12} {m.title.nl}")
