"""``krantentoets archive``: the tamper-evident archive of online dialogues (MW-7).

    krantentoets archive add --input FILE.jsonl [--check] [--progress]
    krantentoets archive verify [--anchor SEQ:HASH] [--no-anchor]
    krantentoets archive anchor
    krantentoets archive search QUERY [--from DATE] [--to DATE] [--limit N]
    krantentoets archive export --format jsonl|csv|html|woo --output PATH [--from] [--to] [--force]
    krantentoets archive expire [--today DATE] [--destroy --by NAME --approved-by NAME]
    krantentoets archive hold place|release|list

Exit status: 0 = done (verify: chain intact), 1 = verify found a record that
does not match, 2 = error (in ``add``: at least one line was not archived).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from krantentoets.cli import EXIT_ERROR, EXIT_FINDINGS
from krantentoets.cli.common import (
    POLICY_OPTION,
    effective_policy_or_fail,
    fail,
    line_failed,
    load_policy_or_fail,
    read_jsonl,
)

if TYPE_CHECKING:
    from krantentoets.archive.service import Archive

URL_OPTION = click.option(
    "--database-url",
    "url",
    default=None,
    metavar="URL",
    help="Database-URL; standaard KRANTENTOETS_DATABASE_URL of het SQLite-bestand.",
)
FROM_OPTION = click.option(
    "--from", "date_from", metavar="DATUM", help="Vanaf dit tijdstip (2025-01-01 of ISO 8601)."
)
TO_OPTION = click.option(
    "--to", "date_to", metavar="DATUM", help="Tot en met dit tijdstip (een datum: die hele dag)."
)


def _fail(message: str) -> NoReturn:
    fail(message)


def _open(url: str | None, policy_path: str | None = None) -> Archive:
    from sqlalchemy.exc import SQLAlchemyError

    from krantentoets import store
    from krantentoets.archive.service import Archive

    load_policy_or_fail(policy_path, None)
    try:
        engine = store.open_engine(url)
    except store.StoreError as exc:
        _fail(str(exc))
    except SQLAlchemyError as exc:
        _fail(f"database niet te openen ({str(exc).splitlines()[0]})")
    policy = effective_policy_or_fail(policy_path, engine)
    return Archive.from_policy(engine, policy.settings)


def _time_bound(value: str | None, *, end: bool) -> str | None:
    from krantentoets.archive.record import RecordInputError, format_time, parse_time

    if value is None:
        return None
    try:
        parsed = format_time(parse_time(value))
    except RecordInputError as exc:
        _fail(str(exc))
    if end and len(value.strip()) == 10:
        return parsed[:10] + "T23:59:59Z"
    return parsed


@click.group("archive")
def archive_group() -> None:
    """Archief van online dialogen: toevoegen, controleren, zoeken, exporteren, bewaren.

    Records worden nooit gewijzigd of verwijderd: elk record draagt de SHA-256
    van zijn inhoud samen met de hash van het vorige record. Een correctie is
    een nieuw record dat naar het oude verwijst.
    """


# -- add ---------------------------------------------------------------------------


def _items(
    path: str, errors: list[dict[str, Any]], policy: Any | None
) -> Iterator[tuple[int, dict[str, Any]]]:
    from krantentoets.archive.canonical import CanonicalError, canonical_json
    from krantentoets.archive.record import RecordInputError, parse_input

    def canonical_check(report: dict[str, Any]) -> dict[str, Any]:
        canonical_json(report)  # refuses floats before anything is sealed
        return report

    for line in read_jsonl(path):
        if line.data is None:
            errors.append({"line": line.number, "error": line.error})
            click.echo(json.dumps(errors[-1], ensure_ascii=False))
            continue
        try:
            payload = parse_input(line.data)
            if policy is not None and "check" not in payload:
                payload["check"] = canonical_check(_check(payload, policy))
        except (RecordInputError, CanonicalError, ValueError) as exc:
            errors.append({"line": line.number, "error": str(exc)})
            click.echo(json.dumps(errors[-1], ensure_ascii=False))
            continue
        except Exception as exc:  # one line never ends the batch
            errors.append(line_failed(line.number, exc))
            click.echo(json.dumps(errors[-1], ensure_ascii=False))
            continue
        yield line.number, payload


def _check(payload: dict[str, Any], policy: Any) -> dict[str, Any]:
    from krantentoets.check import check
    from krantentoets.post import Platform, Post

    platform = payload.get("platform")
    post = Post(
        text=payload["text"],
        platform=platform if platform in {p.value for p in Platform} else None,
        reply_to=(payload.get("in_reply_to") or {}).get("text"),
        id=payload["id"],
    )
    return check(post, policy).to_dict()


@archive_group.command("add")
@click.option(
    "--input",
    "input_path",
    required=True,
    metavar="BESTAND.jsonl",
    help="Records, één JSON-object per regel ('-' = standaardinvoer).",
)
@click.option(
    "--check", "run_check", is_flag=True, help="Voeg het toetsrapport toe waar het ontbreekt."
)
@click.option("--batch-size", default=1000, show_default=True, help="Records per transactie.")
@click.option("--progress", is_flag=True, help="Meld op stderr elke vastgelegde transactie.")
@POLICY_OPTION
@URL_OPTION
def add_cmd(
    input_path: str,
    run_check: bool,
    batch_size: int,
    progress: bool,
    policy_path: str | None,
    url: str | None,
) -> None:
    """Voeg records toe aan het archief (velden: id, platform, account, author, text,
    published_at, url, in_reply_to {author, text, url}; optioneel role, thread, check,
    approvals, type=correction met corrects)."""
    from sqlalchemy.exc import SQLAlchemyError

    archive = _open(url, policy_path)
    policy = load_policy_or_fail(policy_path, None) if run_check else None
    errors: list[dict[str, Any]] = []

    def committed(result: Any, last_line: int) -> None:
        if progress:
            click.echo(
                f"vastgelegd: {result.appended} records, t/m regel {last_line}, "
                f"nr. {result.last_seq}",
                err=True,
            )

    try:
        result = archive.append(
            _items(input_path, errors, policy),
            batch_size=max(1, batch_size),
            on_commit=committed,
        )
    except SQLAlchemyError as exc:
        _fail(f"archiveren mislukt ({str(exc).splitlines()[0]})")
    finally:
        archive.engine.dispose()
    for line, message in result.rejected:
        errors.append({"line": line, "error": message})
        click.echo(json.dumps(errors[-1], ensure_ascii=False))
    click.echo(
        f"Toegevoegd: {result.appended} record(s); niet toegevoegd: {len(errors)}."
        + (f" Laatste hash (nr. {result.last_seq}): {result.last_hash}" if result.appended else ""),
        err=True,
    )
    anchor_failed = bool(result.anchor_error)
    if result.anchor_error:
        click.echo(f"Fout: {result.anchor_error}", err=True)
    elif result.anchor is not None:
        click.echo(f"Anker geschreven: {result.anchor.path}", err=True)
        anchor_failed = not _notify(archive, result.anchor)
    if errors or anchor_failed:
        sys.exit(EXIT_ERROR)


def _notify(archive: Archive, anchor: Any) -> bool:
    """Send an anchor to the records officer (e-mail/webhook in [archive]); False on an error."""
    from krantentoets.monitor.digest import DigestError, post_webhook, send_mail, text_payload

    anchoring = archive.anchoring
    if anchoring is None:
        return True
    title = f"Anker archief online dialogen (nr. {anchor.seq})"
    ok = True
    for channel, settings in (("e-mail", anchoring.email), ("webhook", anchoring.webhook)):
        if settings is None:
            continue
        try:
            if channel == "e-mail":
                send_mail(title, anchor.message() + "\n", settings)
            else:
                post_webhook(text_payload(title, anchor.message(), settings.flavour), settings)
            click.echo(f"Anker verstuurd per {channel}.", err=True)
        except DigestError as exc:
            click.echo(f"Fout: anker niet verstuurd per {channel}: {exc}", err=True)
            ok = False
    return ok


@archive_group.command("anchor")
@POLICY_OPTION
@URL_OPTION
def anchor_cmd(policy_path: str | None, url: str | None) -> None:
    """Schrijf de kop van de keten, ondertekend, naar de ankermap (dagelijks via cron).

    De map staat in [archive] anchor_dir of KRANTENTOETS_ANCHOR_DIR; met
    [archive.anchor_email] of [archive.anchor_webhook] gaat het anker ook naar
    de archivaris. 'archive verify' controleert de keten tegen het laatste anker.
    """
    from krantentoets.archive.service import ArchiveError

    archive = _open(url, policy_path)
    try:
        anchor = archive.write_anchor()
    except ArchiveError as exc:
        _fail(str(exc))
    finally:
        archive.engine.dispose()
    click.echo(f"Anker: nr. {anchor.seq}, hash {anchor.hash}, geschreven naar {anchor.path}")
    if not _notify(archive, anchor):
        sys.exit(EXIT_ERROR)


# -- verify ------------------------------------------------------------------------


def _anchor(values: tuple[str, ...]) -> dict[int, str]:
    anchors: dict[int, str] = {}
    for value in values:
        seq, _, digest = value.partition(":")
        if not seq.isdigit() or len(digest) != 64:
            _fail(f"ongeldig anker '{value}'; gebruik NR:HASH (64 hextekens)")
        anchors[int(seq)] = digest.lower()
    return anchors


@archive_group.command("verify")
@click.option(
    "--anchor",
    multiple=True,
    metavar="NR:HASH",
    help="Een eerder genoteerde hash (uit een vorige verify) die nog in de keten moet staan.",
)
@click.option(
    "--no-anchor",
    "no_anchor",
    is_flag=True,
    help="Controleer niet tegen het laatste anker in de ankermap.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@POLICY_OPTION
@URL_OPTION
def verify_cmd(
    anchor: tuple[str, ...], no_anchor: bool, fmt: str, policy_path: str | None, url: str | None
) -> None:
    """Herbereken de hele keten en noem het eerste record dat niet klopt.

    Standaard ook tegen het laatste ondertekende anker in de ankermap (zie
    'archive anchor'): zo valt een afgeknipte of opnieuw verzegelde keten op.
    """
    anchors = _anchor(anchor)
    archive = _open(url, policy_path)
    try:
        result = archive.verify(anchors, latest_anchor=not no_anchor)
    finally:
        archive.engine.dispose()
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "ok": result.ok,
                    "records": result.count,
                    "destroyed": result.destroyed,
                    "head": {"seq": result.last_seq, "hash": result.head_hash},
                    "first_problem": None
                    if result.problem is None
                    else {
                        "seq": result.problem.seq,
                        "id": result.problem.record_id,
                        "reason": result.problem.reason_nl,
                    },
                    "problems": result.problems_found,
                    "anchor": result.anchor_note or None,
                },
                ensure_ascii=False,
            )
        )
    elif result.ok:
        click.echo(
            f"Keten in orde: {result.count} record(s)"
            + (f", waarvan {result.destroyed} vernietigd" if result.destroyed else "")
            + f". Laatste hash (nr. {result.last_seq}): {result.head_hash}"
        )
        if result.anchor_note:
            click.echo(f"Anker: {result.anchor_note}.")
    else:
        assert result.problem is not None
        click.echo(f"Keten verbroken: {result.problem.message()}", err=True)
        if result.problems_found > 1:
            click.echo(f"({result.problems_found} records wijken af)", err=True)
        if result.anchor_note:
            click.echo(f"Anker: {result.anchor_note}.", err=True)
    if not result.ok:
        sys.exit(EXIT_FINDINGS)


# -- search ------------------------------------------------------------------------


@archive_group.command("search")
@click.argument("query")
@FROM_OPTION
@TO_OPTION
@click.option("--limit", default=20, show_default=True, help="Hoeveel resultaten (nieuwste eerst).")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text")
@URL_OPTION
def search_cmd(
    query: str, date_from: str | None, date_to: str | None, limit: int, fmt: str, url: str | None
) -> None:
    """Zoek in tekst, gesprek, auteur en account (woorden; "zinsdeel"; voorvoegsel*)."""
    start, end = _time_bound(date_from, end=False), _time_bound(date_to, end=True)
    archive = _open(url)
    try:
        found = archive.search(query, limit=limit, published_from=start, published_to=end)
    finally:
        archive.engine.dispose()
    for rec in found:
        if fmt == "jsonl":
            click.echo(json.dumps(rec, ensure_ascii=False, sort_keys=True))
            continue
        text = (rec.get("text") or "").replace("\n", " ")
        click.echo(
            f"{rec.get('id')}  {rec.get('published_at')}  {rec.get('platform') or '-'}  "
            f"{text[:100]}{'…' if len(text) > 100 else ''}"
        )
    if fmt == "text":
        click.echo(f"{len(found)} resultaat/resultaten.", err=True)


# -- export ------------------------------------------------------------------------


@archive_group.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "html", "woo"]),
    required=True,
    help="jsonl/csv/html: volledig archief (intern); woo: gelakt, met metadata, voor publicatie.",
)
@click.option(
    "--output", required=True, metavar="PAD", help="Bestand (jsonl, csv, html) of map (woo)."
)
@click.option(
    "--force",
    is_flag=True,
    help="Overschrijf een bestaand bestand of een map die niet leeg is.",
)
@FROM_OPTION
@TO_OPTION
@POLICY_OPTION
@URL_OPTION
def export_cmd(
    fmt: str,
    output: str,
    force: bool,
    date_from: str | None,
    date_to: str | None,
    policy_path: str | None,
    url: str | None,
) -> None:
    """Exporteer records (streamend: ook een heel groot archief past)."""
    from krantentoets.archive.export import ExportError
    from krantentoets.archive.redaction import RedactionUnavailable, detector_available

    start, end = _time_bound(date_from, end=False), _time_bound(date_to, end=True)
    out = Path(output)
    if fmt == "woo":
        if out.exists() and not out.is_dir():
            _fail(f"{out}: een Woo-export schrijft een map; dit is een bestand")
        if out.is_dir() and any(out.iterdir()) and not force:
            _fail(
                f"{out}: deze map is niet leeg; kies een nieuwe map of voeg --force toe om "
                "de export erin te schrijven"
            )
        if not detector_available():
            _fail("de herkenning van persoonsgegevens ontbreekt: een Woo-export kan niet lakken")
    elif out.is_dir():
        _fail(f"{out}: dit is een map; geef een bestandsnaam")
    elif out.exists() and not force:
        _fail(f"{out}: dit bestand bestaat al; kies een andere naam of voeg --force toe")
    archive = _open(url, policy_path)
    try:
        n = archive.export(fmt, out, published_from=start, published_to=end)
    except (ExportError, RedactionUnavailable) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{out}: niet te schrijven ({exc.strerror})")
    finally:
        archive.engine.dispose()
    click.echo(f"Geëxporteerd: {n} record(s) naar {out}", err=True)


# -- retention ---------------------------------------------------------------------


@archive_group.command("expire")
@click.option("--today", metavar="DATUM", help="Rekendatum (standaard vandaag).")
@click.option("--destroy", is_flag=True, help="Vernietig de inhoud (vraagt --by en --approved-by).")
@click.option("--by", metavar="NAAM", help="Wie vernietigt.")
@click.option("--approved-by", metavar="NAAM", help="Wie de vernietiging goedkeurde (een ander).")
@click.option("--reason", default="bewaartermijn verstreken", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text")
@POLICY_OPTION
@URL_OPTION
def expire_cmd(
    today: str | None,
    destroy: bool,
    by: str | None,
    approved_by: str | None,
    reason: str,
    fmt: str,
    policy_path: str | None,
    url: str | None,
) -> None:
    """Toon wat na de bewaartermijn vernietigd mag worden (een blokkade houdt het tegen)."""
    from datetime import date

    from krantentoets.archive.service import ArchiveError

    try:
        day = date.fromisoformat(today) if today else None
    except ValueError:
        _fail(f"ongeldige datum '{today}'; gebruik JJJJ-MM-DD")
    archive = _open(url, policy_path)
    try:
        if destroy:
            if not by or not approved_by:
                _fail("vernietigen vraagt --by NAAM en --approved-by NAAM (twee personen)")
            try:
                n, made = archive.destroy(by=by, approved_by=approved_by, reason=reason, today=day)
            except ArchiveError as exc:
                _fail(str(exc))
            click.echo(
                f"Vernietigd: inhoud van {n} record(s); vastgelegd in "
                f"{', '.join(made) if made else '(niets te vernietigen)'}"
            )
            return
        due = held = 0
        for item in archive.expiring(day):
            if item.held_by:
                held += 1
            else:
                due += 1
            if fmt == "jsonl":
                click.echo(
                    json.dumps(
                        {
                            "seq": item.seq,
                            "id": item.record_id,
                            "type": item.type,
                            "published_at": item.published_at,
                            "expires_on": item.expires_on.isoformat(),
                            "held_by": list(item.held_by),
                        }
                    )
                )
            else:
                status = f"geblokkeerd ({', '.join(item.held_by)})" if item.held_by else "mag weg"
                click.echo(
                    f"{item.record_id}  {item.type}  gepubliceerd {item.published_at}  "
                    f"termijn verstreken {item.expires_on.isoformat()}  {status}"
                )
        click.echo(
            f"Mag vernietigd worden: {due} record(s); tegengehouden door een blokkade: {held}. "
            "Vernietigen: archive expire --destroy --by NAAM --approved-by NAAM.",
            err=True,
        )
    finally:
        archive.engine.dispose()


@archive_group.group("hold")
def hold_group() -> None:
    """Juridische blokkade (legal hold): records die niet vernietigd mogen worden."""


@hold_group.command("place")
@click.option("--id", "record_ids", multiple=True, metavar="ID", help="Record-id (herhaalbaar).")
@FROM_OPTION
@TO_OPTION
@click.option("--reason", required=True, help="Waarom (bijvoorbeeld: Woo-verzoek 2025-17).")
@click.option("--by", required=True, metavar="NAAM", help="Wie de blokkade plaatst.")
@URL_OPTION
def hold_place_cmd(
    record_ids: tuple[str, ...],
    date_from: str | None,
    date_to: str | None,
    reason: str,
    by: str,
    url: str | None,
) -> None:
    """Plaats een blokkade op records of op een periode."""
    from krantentoets.archive.service import ArchiveError

    start, end = _time_bound(date_from, end=False), _time_bound(date_to, end=True)
    archive = _open(url)
    try:
        hold_id = archive.place_hold(
            reason=reason, by=by, record_ids=record_ids, period_from=start, period_to=end
        )
    except ArchiveError as exc:
        _fail(str(exc))
    finally:
        archive.engine.dispose()
    click.echo(hold_id)


@hold_group.command("release")
@click.argument("hold_id")
@click.option("--reason", required=True, help="Waarom de blokkade vervalt.")
@click.option("--by", required=True, metavar="NAAM")
@URL_OPTION
def hold_release_cmd(hold_id: str, reason: str, by: str, url: str | None) -> None:
    """Hef een blokkade op (vastgelegd als nieuw record)."""
    from krantentoets.archive.service import ArchiveError

    archive = _open(url)
    try:
        click.echo(archive.release_hold(hold_id, reason=reason, by=by))
    except ArchiveError as exc:
        _fail(str(exc))
    finally:
        archive.engine.dispose()


@hold_group.command("list")
@URL_OPTION
def hold_list_cmd(url: str | None) -> None:
    """Toon de blokkades die gelden."""
    archive = _open(url)
    try:
        holds = archive.holds()
    finally:
        archive.engine.dispose()
    for h in holds:
        scope = ", ".join(sorted(h.record_ids))
        if h.period_from or h.period_to:
            scope += f" periode {h.period_from or '…'} t/m {h.period_to or '…'}"
        click.echo(f"{h.id}  {h.placed_at}  door {h.by}: {h.reason}  [{scope.strip(', ')}]")
    click.echo(f"{len(holds)} blokkade(s).", err=True)


# -- Woo requests ----------------------------------------------------------------------


@archive_group.group("woo")
def woo_group() -> None:
    """Woo-verzoek: besluit per document en per lakking, vastleggen, exporteren.

    Hetzelfde als het beoordelingsscherm in de webapp (/archief/woo).
    """


def _requests(url: str | None, policy_path: str | None = None) -> Any:
    from krantentoets.archive.requests import WooRequests

    return WooRequests(_open(url, policy_path))


@woo_group.command("open")
@click.option("--reference", required=True, help="Kenmerk van het verzoek, bijv. Woo-2025-17.")
@click.option("--query", default=None, help="Alleen records met deze woorden (zoals search).")
@FROM_OPTION
@TO_OPTION
@click.option("--by", required=True, metavar="NAAM", help="Wie het verzoek behandelt.")
@POLICY_OPTION
@URL_OPTION
def woo_open_cmd(
    reference: str,
    query: str | None,
    date_from: str | None,
    date_to: str | None,
    by: str,
    policy_path: str | None,
    url: str | None,
) -> None:
    """Open een Woo-verzoek over een periode (en eventueel zoekwoorden); toont het id."""
    from krantentoets.archive.service import ArchiveError

    start, end = _time_bound(date_from, end=False), _time_bound(date_to, end=True)
    requests = _requests(url, policy_path)
    try:
        req = requests.open(
            reference=reference, by=by, query=query, period_from=start, period_to=end
        )
    except ArchiveError as exc:
        _fail(str(exc))
    finally:
        requests.engine.dispose()
    click.echo(req.id)


@woo_group.command("list")
@URL_OPTION
def woo_list_cmd(url: str | None) -> None:
    """Toon de Woo-verzoeken."""
    requests = _requests(url)
    try:
        for req in requests.list():
            state = (
                f"vastgesteld {req.settled_at} door {req.settled_by}" if req.settled_at else "open"
            )
            click.echo(f"{req.id}  {req.reference}  {req.query or ''}  {state}")
    finally:
        requests.engine.dispose()


@woo_group.command("show")
@click.argument("request_id")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text")
@POLICY_OPTION
@URL_OPTION
def woo_show_cmd(request_id: str, fmt: str, policy_path: str | None, url: str | None) -> None:
    """Toon per document het besluit en per lakking de grond (voorstel of besluit)."""
    from krantentoets.archive.grounds import KEEP
    from krantentoets.archive.service import ArchiveError

    requests = _requests(url, policy_path)
    try:
        req = requests.get(request_id)
        for r in requests.review(req):
            doc = r.document
            if fmt == "jsonl":
                click.echo(
                    json.dumps(
                        {
                            "document": doc.number,
                            "id": r.rec.get("id"),
                            "decision": doc.openness.value,
                            "items": [
                                {
                                    "item": it.key,
                                    "category": it.category,
                                    "text": it.original,
                                    "value": r.values[it.key],
                                    "proposed": it.default,
                                    "decided_by": (r.decided.get(it.key) or (None, None))[1],
                                }
                                for it in r.items
                            ],
                        },
                        ensure_ascii=False,
                    )
                )
                continue
            click.echo(f"{doc.number}. {r.rec.get('id')}  {doc.openness.label}")
            for it in r.items:
                value = "niet lakken" if r.values[it.key] == KEEP else r.values[it.key]
                who = r.decided.get(it.key)
                source = f"besluit {who[1]}" if who else "voorstel"
                click.echo(f"   {it.key}  «{it.original}»  {value} ({source})")
    except ArchiveError as exc:
        _fail(str(exc))
    finally:
        requests.engine.dispose()


@woo_group.command("decide")
@click.argument("request_id")
@click.option("--record", "record_id", required=True, metavar="ID")
@click.option(
    "--set",
    "values",
    multiple=True,
    metavar="ITEM=WAARDE",
    help="Een lakking (ITEM uit 'show') met een grond (5.1.2e) of niet-lakken. Herhaalbaar.",
)
@click.option(
    "--document",
    "openness",
    type=click.Choice(["openbaar", "deels-openbaar", "niet-openbaar"]),
    help="Besluit over het document als geheel.",
)
@click.option("--ground", default=None, help="Grond als het document niet openbaar is.")
@click.option("--by", required=True, metavar="NAAM")
@POLICY_OPTION
@URL_OPTION
def woo_decide_cmd(
    request_id: str,
    record_id: str,
    values: tuple[str, ...],
    openness: str | None,
    ground: str | None,
    by: str,
    policy_path: str | None,
    url: str | None,
) -> None:
    """Leg besluiten vast voor één document (wie en wanneer worden bewaard)."""
    from krantentoets.archive.review import DOCUMENT, DOCUMENT_GROUND
    from krantentoets.archive.service import ArchiveError

    chosen: dict[str, str] = {}
    for value in values:
        item, sep, val = value.partition("=")
        if not sep or not item or not val:
            _fail(f"ongeldig --set '{value}'; gebruik ITEM=WAARDE")
        chosen[item] = val
    if openness:
        chosen[DOCUMENT] = openness
    if ground:
        chosen[DOCUMENT_GROUND] = ground
    requests = _requests(url, policy_path)
    try:
        n = requests.decide(requests.get(request_id), record_id, chosen, by=by)
    except ArchiveError as exc:
        _fail(str(exc))
    finally:
        requests.engine.dispose()
    click.echo(f"Vastgelegd: {n} besluit(en) voor {record_id}.", err=True)


@woo_group.command("settle")
@click.argument("request_id")
@click.option("--by", required=True, metavar="NAAM")
@POLICY_OPTION
@URL_OPTION
def woo_settle_cmd(request_id: str, by: str, policy_path: str | None, url: str | None) -> None:
    """Stel de besluiten vast: open voorstellen worden besluiten van NAAM."""
    from krantentoets.archive.service import ArchiveError

    requests = _requests(url, policy_path)
    try:
        n = requests.settle(requests.get(request_id), by=by)
    except ArchiveError as exc:
        _fail(str(exc))
    finally:
        requests.engine.dispose()
    click.echo(f"Vastgesteld; {n} voorstel(len) als besluit opgeslagen.", err=True)


@woo_group.command("export")
@click.argument("request_id")
@click.option("--output", required=True, metavar="MAP", help="Nieuwe map voor het pakket.")
@POLICY_OPTION
@URL_OPTION
def woo_export_cmd(request_id: str, output: str, policy_path: str | None, url: str | None) -> None:
    """Schrijf het Woo-pakket (BagIt) met de besluiten van het verzoek."""
    from krantentoets.archive.export import ExportError
    from krantentoets.archive.redaction import RedactionUnavailable
    from krantentoets.archive.service import ArchiveError

    requests = _requests(url, policy_path)
    try:
        n = requests.export(requests.get(request_id), Path(output))
    except (ArchiveError, ExportError, RedactionUnavailable) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{output}: niet te schrijven ({exc.strerror})")
    finally:
        requests.engine.dispose()
    click.echo(f"Geëxporteerd: {n} document(en) naar {output}", err=True)
