"""``krantentoets monitor``: poll the sources (once for cron, or ``--watch``) and send the digest.

    krantentoets monitor run [--watch] [--interval SECONDS] [--source NAME ...] [--format text|json]
    krantentoets monitor list [--source NAME] [--since DATE] [--format jsonl|text]
    krantentoets monitor digest [--dry-run]
    krantentoets monitor sources

Exit status: 0 = done; 2 = error (bad policy, database not migrated, or at
least one source failed: the other sources are still polled).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from krantentoets.cli import EXIT_ERROR, EXIT_OK
from krantentoets.cli.common import POLICY_OPTION, effective_policy_or_fail, fail

#: Skipped records listed one by one in the text summary (all of them with --format json).
SHOW_SKIPPED = 20

DB_OPTION = click.option(
    "--database-url",
    "url",
    default=None,
    help="Database-URL; standaard KRANTENTOETS_DATABASE_URL of het SQLite-bestand.",
)


def _engine(url: str | None):  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import SQLAlchemyError

    from krantentoets.store import StoreError, open_engine

    try:
        return open_engine(url)
    except StoreError as exc:
        fail(str(exc))
    except (SQLAlchemyError, OSError) as exc:
        fail(f"database niet bereikbaar ({_first_line(exc)})")


@click.group("monitor")
def monitor_group() -> None:
    """Haal op wat er over de organisatie gezegd wordt, beoordeel het en meld het."""


@monitor_group.command("run")
@POLICY_OPTION
@DB_OPTION
@click.option(
    "--watch", is_flag=True, help="Blijf ophalen, elke --interval seconden (Ctrl-C stopt)."
)
@click.option(
    "--interval",
    type=click.IntRange(min=10),
    default=None,
    help="Seconden tussen twee rondes met --watch (standaard: [monitor] interval, 900).",
)
@click.option(
    "--source",
    "only",
    multiple=True,
    metavar="NAAM",
    help="Alleen deze bron (naam uit het beleidsbestand); mag vaker.",
)
@click.option("--quiet", "-q", is_flag=True, help="Alleen fouten tonen.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="json: per ronde één JSON-object met per bron opgehaald, nieuw, dubbel, "
    "overgeslagen (met reden) en wat nog openstaat.",
)
def run_cmd(
    policy_path: str | None,
    url: str | None,
    watch: bool,
    interval: int | None,
    only: tuple[str, ...],
    quiet: bool,
    fmt: str,
) -> None:
    """Haal alle ingestelde bronnen één keer op (voor cron), of blijf ophalen met --watch."""
    from sqlalchemy.exc import SQLAlchemyError

    from krantentoets.monitor.ingest import SourceReport, poll_sources

    engine = _engine(url)
    policy = effective_policy_or_fail(policy_path, engine)
    settings = policy.settings.monitor
    known = {s.key for s in settings.sources}
    unknown = [name for name in only if name not in known]
    if unknown:
        fail(f"onbekende bron '{unknown[0]}'; bronnen: {', '.join(sorted(known)) or '(geen)'}")
    capture = _capture_step(engine, policy)
    if not any(s.enabled for s in settings.sources) and capture is None:
        fail(
            "geen bronnen ingesteld; voeg ze toe bij Instellingen in de webapp of als "
            "[[monitor.sources]] in het beleidsbestand"
        )
    base_dir = Path(policy_path).resolve().parent if policy_path else Path.cwd()
    wait = interval or settings.interval

    def progress(report: SourceReport) -> None:
        if fmt == "json":
            return
        if report.failed:
            click.echo(f"{report.line()}: mislukt: {report.errors[-1]}", err=True)
        elif not quiet:
            click.echo(report.line())
            for error in report.errors:
                click.echo(f"  {error}", err=True)
            for skip in report.skipped[:SHOW_SKIPPED]:
                click.echo(f"  overgeslagen {skip['id']}: {skip['reason']}", err=True)
            if len(report.skipped) > SHOW_SKIPPED:
                more = len(report.skipped) - SHOW_SKIPPED
                click.echo(f"  en nog {more} overgeslagen (--format json toont ze alle)", err=True)

    failed = False
    try:
        while True:
            started = time.monotonic()
            try:
                reports = poll_sources(
                    engine, policy, only=only, base_dir=base_dir, progress=progress
                )
            except SQLAlchemyError as exc:
                if not watch:
                    fail(f"databasefout: {_first_line(exc)}")
                click.echo(f"krantentoets: fout: databasefout: {_first_line(exc)}", err=True)
                reports = []
            failed = any(r.failed for r in reports)
            captured = None
            if capture is not None:  # the dialogue of our published posts (issue 14)
                captured = capture(quiet or fmt == "json")
                failed = bool(captured.errors) or failed
            if fmt == "json":
                out: dict[str, object] = {"sources": [r.to_dict() for r in reports]}
                if captured is not None:
                    out["capture"] = {"errors": [str(e) for e in captured.errors]}
                click.echo(json.dumps(out))
            elif not quiet:
                new = sum(r.new for r in reports)
                bad = sum(r.failed for r in reports)
                summary = f"Klaar: {new} nieuw uit {len(reports)} bronnen"
                click.echo(summary + (f", {bad} mislukt." if bad else "."))
            if not watch:
                break
            pause = max(0.0, wait - (time.monotonic() - started))
            if not quiet:
                click.echo(f"Volgende ronde over {round(pause)} s (Ctrl-C stopt).")
            time.sleep(pause)
    except KeyboardInterrupt:
        click.echo("Gestopt.", err=True)
        failed = False
    finally:
        engine.dispose()
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


def _capture_step(engine, policy):  # type: ignore[no-untyped-def]
    """Capturing replies to our own posts, when krantentoets published any (else None)."""
    from krantentoets.cli.publish import has_publications, run_capture

    if not has_publications(engine):
        return None
    return lambda quiet: run_capture(engine, policy, quiet=quiet)


@monitor_group.command("list")
@POLICY_OPTION
@DB_OPTION
@click.option("--source", "only", default=None, metavar="NAAM", help="Alleen deze bron.")
@click.option(
    "--since",
    default=None,
    metavar="DATUM",
    help="Alleen berichten vanaf deze datum (JJJJ-MM-DD of ISO 8601).",
)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text"]), default="jsonl")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Hoogstens zoveel.")
def list_cmd(
    policy_path: str | None,
    url: str | None,
    only: str | None,
    since: str | None,
    fmt: str,
    limit: int | None,
) -> None:
    """Toon wat er is opgeslagen: bron, id, adres, auteur, tekst, zichtbaarheid, tijd."""
    from krantentoets.monitor.listing import list_mentions, parse_since

    when = None
    if since:
        try:
            when = parse_since(since)
        except ValueError:
            fail(f"--since '{since}' is geen datum; gebruik JJJJ-MM-DD")
    engine = _engine(url)
    try:
        for row in list_mentions(engine, source=only, since=when, limit=limit):
            if fmt == "jsonl":
                click.echo(json.dumps(row, ensure_ascii=False))
            else:
                first = row["text"].splitlines()[0] if row["text"] else ""
                click.echo(f"{row['published_at'] or '-'} {row['source']} {row['author']}: {first}")
    finally:
        engine.dispose()
    sys.exit(EXIT_OK)


@monitor_group.command("digest")
@POLICY_OPTION
@DB_OPTION
@click.option("--dry-run", is_flag=True, help="Toon het overzicht; verstuur en registreer niets.")
@click.option(
    "--send-empty", is_flag=True, help="Verstuur ook een overzicht als er niets nieuws is."
)
def digest_cmd(policy_path: str | None, url: str | None, dry_run: bool, send_empty: bool) -> None:
    """Stuur Communicatie een overzicht: complimenten, kritiek, beweringen, beledigingen."""
    from krantentoets.monitor.digest import DigestError, render_text, run_digest

    engine = _engine(url)
    policy = effective_policy_or_fail(policy_path, engine)
    try:
        result = run_digest(engine, policy, dry_run=dry_run, send_empty=send_empty)
    except DigestError as exc:
        fail(str(exc))
    finally:
        engine.dispose()
    digest = result.digest
    if dry_run:
        click.echo(render_text(digest), nl=False)
        click.echo("(proefdraai: niets verstuurd)", err=True)
        sys.exit(EXIT_OK)
    if digest.empty and not send_empty:
        click.echo("Niets nieuws voor Communicatie sinds het vorige overzicht; niets verstuurd.")
        sys.exit(EXIT_OK)
    for channel in result.sent:
        click.echo(f"Overzicht ({digest.total} vermeldingen) verstuurd via {_channel(channel)}.")
    for error in result.errors:
        click.echo(f"krantentoets: fout: {error}", err=True)
    sys.exit(EXIT_ERROR if result.errors else EXIT_OK)


@monitor_group.command("sources")
@POLICY_OPTION
@DB_OPTION
def sources_cmd(policy_path: str | None, url: str | None) -> None:
    """Toon de ingestelde bronnen en hoe het laatste ophalen ging."""
    from sqlalchemy import func, select

    from krantentoets.store import session_scope
    from krantentoets.store.monitor import Mention, MonitorSource

    engine = _engine(url)
    policy = effective_policy_or_fail(policy_path, engine)
    try:
        with session_scope(engine) as session:
            rows = {row.name: row for row in session.scalars(select(MonitorSource))}
            counts = dict(
                session.execute(
                    select(Mention.source_id, func.count()).group_by(Mention.source_id)
                ).all()
            )
    finally:
        engine.dispose()
    if not policy.settings.monitor.sources:
        click.echo("Geen bronnen ingesteld ([[monitor.sources]] in het beleidsbestand).")
    for source in policy.settings.monitor.sources:
        row = rows.get(source.key)
        status = "nog niet opgehaald"
        if row is not None and row.last_polled_at is not None:
            when = row.last_polled_at.astimezone().strftime("%d-%m-%Y %H:%M")
            status = f"laatst {when}, {counts.get(row.id, 0)} vermeldingen"
            last = (row.state or {}).get("last_poll") or {}
            if last.get("skipped"):
                status += f"; laatste ronde {last['skipped']} overgeslagen"
            if last.get("pages_left") and not row.last_error:
                status += f"; nog niet alles opgehaald: {last['pages_left'][-1]}"
            if row.last_error:
                status += f"; fout ({row.error_count}x): {row.last_error}"
        off = "" if source.enabled else " (uit)"
        click.echo(f"{source.key} [{source.kind}]{off}: {status}")


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _channel(channel: str) -> str:
    return {"email": "e-mail", "webhook": "webhook"}.get(channel, channel)
