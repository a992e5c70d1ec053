"""Helpers for monitoring tests: poll one source, read back what was stored."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from krantentoets.monitor.ingest import SourceReport, poll_sources
from krantentoets.store import session_scope
from krantentoets.store.monitor import Mention


def stored(engine: Any) -> dict[str, Mention]:
    """Every stored mention by external id (detached, safe to read after the session)."""
    with session_scope(engine) as session:
        rows = list(session.scalars(select(Mention)))
        session.expunge_all()
    return {row.external_id: row for row in rows}


def poll(engine: Any, policy: Any) -> SourceReport:
    """Poll the policy's only source once, without triage."""
    (report,) = poll_sources(engine, policy, triage=False)
    return report
