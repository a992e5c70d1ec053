"""README.md stays true: the commands it gives exist and every setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

from krantentoets.cli import COMMANDS

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_environment_variable_is_documented() -> None:
    used = set()
    for path in (REPO / "src").rglob("*.py"):
        used |= set(re.findall(r"KRANTENTOETS_[A-Z_]+", path.read_text(encoding="utf-8")))
    missing = sorted(v for v in used if f"`{v}`" not in README)
    assert not missing, f"document these in README.md: {missing}"


def test_every_command_is_documented() -> None:
    for name in COMMANDS:
        assert f"krantentoets {name}" in README, name


def test_ci_runs_the_readme_test_command() -> None:
    assert "bash scripts/test.sh" in README
    assert "bash scripts/test.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/start.sh" in README
    for script in ("start.sh", "test.sh", "install.sh"):
        assert (REPO / "scripts" / script).exists()
