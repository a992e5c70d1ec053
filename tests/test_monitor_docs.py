"""Every monitoring setting is documented in docs/monitoring.md (a missing one fails here)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from krantentoets.policy.model import Monitor, MonitorSourceSettings, MonitorWatch

DOC = (Path(__file__).resolve().parents[1] / "docs" / "monitoring.md").read_text("utf-8")
SETTINGS = sorted(
    {
        *MonitorSourceSettings.model_fields,
        *(f for f in Monitor.model_fields if f not in ("email", "webhook", "sources", "watch")),
        *MonitorWatch.model_fields,
    }
)


@pytest.mark.parametrize("name", SETTINGS)
def test_setting_is_documented(name: str) -> None:
    assert re.search(rf"(^|[\s`#]){re.escape(name)}\s*=", DOC, re.M) or f"`{name}`" in DOC, name
