"""docs/rules.md is generated from the rule metadata and must not drift."""

from __future__ import annotations

from pathlib import Path

from krantentoets.docs.rules import rules_markdown
from krantentoets.rules.registry import builtin_registry

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent


def test_rules_md_matches_metadata() -> None:
    path = REPO / "docs" / "rules.md"
    generated = rules_markdown(builtin_registry())
    assert path.read_text(encoding="utf-8") == generated, (
        "docs/rules.md is out of date: run `krantentoets rules --format markdown > docs/rules.md`"
    )


def test_every_rule_is_documented() -> None:
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in builtin_registry():
        assert f"### {rule.meta.id}" in text
