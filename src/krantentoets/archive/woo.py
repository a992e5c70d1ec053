"""The Woo package: what a records officer publishes and an e-Depot ingests.

A BagIt bag (``bagit``, SHA-256 manifests) whose ``data/`` folder holds:

- ``LEESMIJ.txt``: what is in the package, the grounds used, who decided;
- ``inventarislijst.csv`` / ``.pdf``: per document its number, date, title,
  decision (openbaar, deels openbaar, niet openbaar) and grounds;
- ``documenten/NNNNNN.pdf``: each document that is (partly) public, redacted,
  with the ground printed at each redaction;
- ``dialogen.html`` / ``dialogen.jsonl``: all documents in one readable page
  and as JSON, times in the organisation's zone;
- MDTO sidecars beside what they describe: ``documenten/NNNNNN.mdto.xml`` (the
  record, an informatieobject), ``documenten/NNNNNN.pdf.mdto.xml`` (the file, a
  bestand), ``dossiers/*.mdto.xml`` (a conversation of several records),
  ``woo-publicatie.mdto.xml`` and a bestand for each file of the publication;
- ``checksums.sha256``: every other file (``sha256sum -c``).

Every MDTO file is validated against MDTO 1.0.1 and 1.0.2 when it is written;
an invalid one stops the export and nothing is left at ``output``. The package
is built in a sibling folder and moved into place only when it is complete.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from krantentoets.archive import mdto
from krantentoets.archive.canonical import canonical_json
from krantentoets.archive.export import (
    _HTML_FOOT,
    DIALOGUE_TYPES,
    ExportError,
    _h,
    _html_head,
    _html_record,
)
from krantentoets.archive.grounds import Openness, grounds, label
from krantentoets.archive.pdf import document_pdf, ground_legend, inventory_pdf
from krantentoets.archive.record import DEFAULT_TIMEZONE, RecordType, display_time, local_iso
from krantentoets.archive.redaction import Redactor
from krantentoets.archive.retention import expiry_date, iso_duration, retention_for
from krantentoets.archive.review import (
    Document,
    check_summary,
    decide,
    items_for,
    items_from_decisions,
)

INVENTORY_COLUMNS = ("documentnummer", "datum", "titel", "besluit", "gronden", "record")


@dataclass
class WooOptions:
    organisation: str = "de gemeente"
    retention_years: dict[str, Any] = field(default_factory=dict)
    period: str = ""
    timezone: str = DEFAULT_TIMEZONE
    #: The request's reference (kenmerk), e.g. "Woo-2025-17".
    reference: str = ""
    #: record id -> decision key -> value (see krantentoets.archive.review); None: proposals.
    decisions: Mapping[str, Mapping[str, str]] | None = None
    #: Who decided and when (Dutch, for LEESMIJ.txt), e.g. "dina (archivaris), 2025-07-01".
    decided_by: str = ""
    #: The moment of the export (checksum dates, PDF dates); now when None.
    created: datetime | None = None
    #: The decisions are settled: export from them alone, not from what the detector finds.
    settled: bool = False


def document_title(rec: dict[str, Any], organisation: str, zone: str) -> str:
    """The title of a record as a document of the publication (inventory list, PDF, MDTO)."""
    kind = "Reactie" if isinstance(rec.get("in_reply_to"), dict) else "Bericht"
    if rec.get("type") == RecordType.CORRECTION.value:
        kind = "Correctie"
    platform = rec.get("platform") or "sociale media"
    day = display_time(rec.get("published_at"), zone, with_zone=False)[:10]
    return f"{kind} van {organisation} op {platform}, {day}"


def _overall(members: list[tuple[str, mdto.Informatieobject]]) -> str:
    """The decision of a dossier: its members' when they agree, else partly public."""
    labels = {obj.beperkingen[0][0].label for _, obj in members}
    return labels.pop() if len(labels) == 1 else Openness.PARTLY.label


def _published(out: dict[str, Any], zone: str) -> dict[str, Any]:
    """The JSONL object as published: the verdict in Dutch (``Twijfel``, not ``doubt``) and
    times in the organisation's zone with their offset (``2025-05-03T10:00:00+02:00``)."""
    out = dict(out)
    check = out.get("check")
    if isinstance(check, dict) and "verdict" in check:
        out["check"] = {**check, "verdict": label(check["verdict"])}
    if isinstance(out.get("published_at"), str):
        out["published_at"] = local_iso(out["published_at"], zone)
    for key in ("thread", "approvals"):
        if isinstance(out.get(key), list):
            out[key] = [
                {
                    k: local_iso(v, zone)
                    if k in ("published_at", "at") and isinstance(v, str)
                    else v
                    for k, v in item.items()
                }
                for item in out[key]
            ]
    if isinstance(out.get("in_reply_to"), dict) and "published_at" in out["in_reply_to"]:
        reply = out["in_reply_to"]
        out["in_reply_to"] = {**reply, "published_at": local_iso(reply["published_at"], zone)}
    return out


def _date(text: str) -> str | None:
    """``text`` if it is a date (YYYY-MM-DD), else ``None`` (a malformed stored time)."""
    try:
        return date.fromisoformat(text).isoformat() if len(text) == 10 else None
    except ValueError:
        return None


def _conversation(rec: dict[str, Any]) -> str | None:
    """A key shared by the records of one conversation (the message they answer)."""
    thread = rec.get("thread") if isinstance(rec.get("thread"), list) else []
    first = thread[0] if thread and isinstance(thread[0], dict) else {}
    reply = rec.get("in_reply_to") if isinstance(rec.get("in_reply_to"), dict) else {}
    url = first.get("url") or reply.get("url")
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:12] if isinstance(url, str) else None


class _Package:
    """The files of one Woo package, written into ``root`` (the bag's payload before bagging)."""

    def __init__(self, root: Path, options: WooOptions) -> None:
        self.root = root
        self.o = options
        self.created = (options.created or datetime.now(UTC)).astimezone(UTC)
        self.checksum_time = self.created.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.title = " ".join(
            x
            for x in (
                "Woo-publicatie",
                options.reference,
                "online dialogen",
                options.organisation,
                options.period,
            )
            if x
        )
        self.archive_source = f"Archief online dialogen {options.organisation}"
        self.package_source = options.reference or f"Woo-publicatie {self.checksum_time[:10]}"
        self.mdto_files = 0

    def path(self, rel: str) -> Path:
        p = self.root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        return p

    def write_mdto(self, rel: str, xml: bytes) -> None:
        try:
            mdto.write(self.path(rel), xml)
        except mdto.MdtoInvalid as exc:
            raise ExportError(f"metadata niet geldig, export afgebroken: {exc}") from None
        self.mdto_files += 1

    def bestand(self, rel: str, of: mdto.Verwijzing) -> mdto.Verwijzing:
        """Write the MDTO bestand sidecar of the file ``rel``; returns a reference to the file."""
        path = self.root / rel
        digest, size = mdto.sha256_file(path)
        ref = mdto.Verwijzing(path.name, rel, self.package_source)
        self.write_mdto(
            rel + ".mdto.xml",
            mdto.bestand_xml(
                mdto.Bestand(
                    kenmerk=rel,
                    bron=self.package_source,
                    naam=path.name,
                    omvang=size,
                    formaat=mdto.file_format(path),
                    checksum=digest,
                    checksum_datum=self.checksum_time,
                    representatie_van=of,
                )
            ),
        )
        return ref

    def record_object(self, doc: Document, files: list[mdto.Verwijzing]) -> mdto.Informatieobject:
        rec = doc.rec
        years = retention_for(str(rec.get("type")), self.o.retention_years)
        published = str(rec.get("published_at") or "")
        day = _date(display_time(published, self.o.timezone, with_zone=False)[:10])
        try:
            end = expiry_date(published, years) if day else None
        except ValueError:
            end = None
        termijn = None
        if isinstance(years, int):
            termijn = mdto.Termijn(
                "Creatie", day, iso_duration(years), end.isoformat() if end else None
            )
        counts: dict[str, int] = {}
        for r in doc.redactions:
            counts[r["ground"]] = counts.get(r["ground"], 0) + 1
        beperkingen = [
            (
                mdto.Begrip(doc.openness.label, mdto.WOO_BESLUITEN),
                f"Besluit op het Woo-verzoek {self.o.reference}".strip()
                + (f" ({self.o.decided_by})" if self.o.decided_by else ""),
            )
        ]
        table = grounds()
        if doc.document_ground:
            g = table[doc.document_ground]
            beperkingen.append(
                (mdto.Begrip(g.article, mdto.WOO_GRONDEN, g.code), f"{g.label}: hele document")
            )
        for code in sorted(counts):
            g = table[code]
            beperkingen.append(
                (
                    mdto.Begrip(g.article, mdto.WOO_GRONDEN, g.code),
                    f"{g.label}: {counts[code]} lakking(en)",
                )
            )
        related = []
        if isinstance(rec.get("corrects"), str):
            related.append(
                (
                    mdto.Verwijzing(
                        f"Gecorrigeerd record {rec['corrects']}",
                        rec["corrects"],
                        self.archive_source,
                    ),
                    "Correctie van",
                )
            )
        role = rec.get("role") if isinstance(rec.get("role"), str) else None
        return mdto.Informatieobject(
            identificatie=[
                (str(rec.get("id")), self.archive_source),
                (f"{doc.number}", f"Inventarislijst {self.package_source}"),
            ],
            naam=document_title(rec, self.o.organisation, self.o.timezone),
            aggregatieniveau="Archiefstuk",
            archiefvormer=self.o.organisation,
            waardering=mdto.TIJDELIJK if isinstance(years, int) else mdto.BLIJVEND,
            beperkingen=beperkingen,
            dekking=(day, None) if day else None,
            events=[
                mdto.Event(
                    "Creatie",
                    published if day else None,
                    f"{self.o.organisation} ({role})" if role else self.o.organisation,
                )
            ],
            bewaartermijn=termijn,
            heeft_representatie=files,
            gerelateerd=related,
        )

    def document_pdf(self, doc: Document, rel: str) -> None:
        rec, texts, zone = doc.rec, doc.texts, self.o.timezone
        facts = [
            ("Documentnummer", str(doc.number)),
            ("Geplaatst", display_time(rec.get("published_at"), zone)),
            ("Platform", str(rec.get("platform") or "onbekend")),
        ]
        if texts.get("account"):
            facts.append(("Account", doc.shown("account", texts["account"])))
        if texts.get("author"):
            role = f" ({rec['role']})" if isinstance(rec.get("role"), str) else ""
            facts.append(("Geplaatst door", doc.shown("author", texts["author"]) + role))
        if isinstance(rec.get("corrects"), str):
            facts.append(("Corrigeert", rec["corrects"]))
        facts.append(("Besluit", doc.openness.label))
        if doc.grounds:
            facts.append(("Gronden", ", ".join(doc.grounds)))
        verdict = check_summary(rec.get("check")).get("verdict")
        if verdict:
            facts.append(("Toets vooraf", label(verdict)))
        blocks: list[tuple[str, Any]] = []
        for i, msg in enumerate(doc.out.get("thread") or ()):
            when = display_time(msg.get("published_at"), zone)
            who = doc.shown(f"thread.{i}.author", texts.get(f"thread.{i}.author")) or "onbekend"
            heading = f"Eerder in het gesprek: {who}{', ' + when if when else ''}"
            blocks.append((heading, texts.get(f"thread.{i}.text")))
        if "in_reply_to" in doc.out:
            who = doc.shown("in_reply_to.author", texts.get("in_reply_to.author")) or "onbekend"
            blocks.append((f"Reactie op {who}:", texts.get("in_reply_to.text")))
        if texts.get("text") is not None:
            blocks.append(("Bericht", texts["text"]))
        for i, a in enumerate(doc.out.get("approvals") or ()):
            by = doc.shown(f"approvals.{i}.by", a.get("by"))
            line = (
                f"Afstemming: {label(a.get('decision'))} door {by} ({a.get('role')}), "
                f"{display_time(a.get('at'), zone)}"
            )
            blocks.append((line, texts.get(f"approvals.{i}.comment")))
        document_pdf(
            self.path(rel),
            title=f"Document {doc.number}: {document_title(rec, self.o.organisation, zone)}",
            header=self.title,
            facts=facts,
            blocks=blocks,
            ground_codes=doc.grounds,
            created=self.created,
        )


def _leesmij(pkg: _Package, n: int, counts: Mapping[str, int], used: Iterable[str]) -> str:
    o = pkg.o
    lines = [
        pkg.title,
        "=" * len(pkg.title),
        "",
        f"Gemaakt: {display_time(pkg.checksum_time, o.timezone)} (tijden in {o.timezone}).",
        f"Documenten: {n} (openbaar {counts.get('openbaar', 0)}, deels openbaar "
        f"{counts.get('deels-openbaar', 0)}, niet openbaar {counts.get('niet-openbaar', 0)}).",
        "Besluiten: "
        + (o.decided_by or "voorstellen van krantentoets, niet apart beoordeeld")
        + ".",
        "",
        "Gronden waarop is gelakt of geweigerd:",
        *[f"- {line}" for line in ground_legend(used)],
        *([] if used else ["- geen"]),
        "",
        "Inhoud:",
        "- inventarislijst.csv en inventarislijst.pdf: per document het nummer, de datum, de",
        "  titel, het besluit en de gronden.",
        "- documenten/NNNNNN.pdf: elk (deels) openbaar document, gelakt; bij elke lakking staat",
        "  de grond. Een niet openbaar document staat alleen in de inventarislijst.",
        "- dialogen.html en dialogen.jsonl: alle documenten samen, leesbaar en als JSON.",
        "- *.mdto.xml: metagegevens volgens MDTO (Nationaal Archief), gecontroleerd tegen",
        "  MDTO 1.0.1 en 1.0.2: per document een informatieobject, per bestand een bestand met",
        "  checksum, omvang en formaat, per gesprek van meer berichten een dossier.",
        "- checksums.sha256: controleer met `sha256sum -c checksums.sha256` in deze map.",
        "",
        "Het pakket is een BagIt-bag (RFC 8493): de map erboven heeft manifest-sha256.txt;",
        "controleer met `bagit.py --validate MAP`.",
        "De hashes van de archiefketen staan niet in dit pakket: ze zijn berekend over de",
        "ongelakte inhoud en zouden gelakte gegevens te raden kunnen geven.",
    ]
    return "\n".join(lines) + "\n"


def _build(records: Iterable[dict[str, Any]], root: Path, redactor: Redactor, o: WooOptions) -> int:
    pkg = _Package(root, o)
    zone = o.timezone
    decisions = o.decisions or {}
    jsonl = pkg.path("dialogen.jsonl").open("w", encoding="utf-8", newline="\n")
    page = pkg.path("dialogen.html").open("w", encoding="utf-8", newline="\n")
    inv_csv = pkg.path("inventarislijst.csv").open("w", encoding="utf-8", newline="")
    inventory = csv.writer(inv_csv, lineterminator="\r\n")
    inventory.writerow(INVENTORY_COLUMNS)
    inv_rows: list[tuple[str, ...]] = []
    objects: list[tuple[str, mdto.Informatieobject]] = []
    conversations: dict[str, list[tuple[str, mdto.Informatieobject]]] = {}
    conversation_of: dict[str, str] = {}
    counts: dict[str, int] = {}
    used: set[str] = set()
    page.write(
        _html_head(
            pkg.title,
            "Persoonsgegevens van burgers en van medewerkers die geen ambtsdrager zijn, zijn "
            'gelakt; elke lakking is gemarkeerd als <mark class="gelakt">[soort] grond</mark> '
            f"(de grond staat ook in de inventarislijst). Tijden in {_h(zone)}.",
        )
    )
    n = 0
    try:
        for rec in records:
            if rec.get("type") not in DIALOGUE_TYPES:
                continue
            n += 1
            rid = str(rec.get("id"))
            chosen = decisions.get(rid, {})
            items = items_from_decisions(rec, chosen) if o.settled else items_for(rec, redactor)
            doc = decide(rec, n, items, chosen)
            counts[doc.openness.value] = counts.get(doc.openness.value, 0) + 1
            used.update(doc.grounds)
            title = document_title(rec, o.organisation, zone)
            doc.out["title"] = title
            jsonl.write(canonical_json(_published(doc.out, zone), checked=False) + "\n")
            page.write(_html_record(doc.out, doc.texts, zone))
            row = (
                str(n),
                display_time(rec.get("published_at"), zone),
                title,
                doc.openness.label,
                ", ".join(doc.grounds),
            )
            inventory.writerow((*row, rid))
            inv_rows.append(row)
            files = []
            io_ref = mdto.Verwijzing(title, rid, pkg.archive_source)
            if doc.openness is not Openness.CLOSED:
                rel = f"documenten/{n:06d}.pdf"
                pkg.document_pdf(doc, rel)
                files.append(pkg.bestand(rel, io_ref))
            obj = pkg.record_object(doc, files)
            objects.append((f"documenten/{n:06d}.mdto.xml", obj))
            key = _conversation(rec)
            if key is None and isinstance(rec.get("corrects"), str):
                key = conversation_of.get(rec["corrects"])
            if key is not None:
                conversation_of[rid] = key
                conversations.setdefault(key, []).append((rid, obj))
        page.write(f'<p class="meta">{n} document(en).</p>\n')
        page.write(_HTML_FOOT)
    finally:
        jsonl.close()
        page.close()
        inv_csv.close()
    for key, members in conversations.items():
        if len(members) < 2:
            continue
        days = sorted(o.dekking[0] for _, o in members if o.dekking)
        name = f"Gesprek op sociale media, {days[0] if days else ''}".strip(", ")
        dossier_ref = mdto.Verwijzing(name, f"gesprek-{key}", pkg.package_source)
        for _, obj in members:
            obj.is_onderdeel_van.append(dossier_ref)
        permanent = any(obj.waardering == mdto.BLIJVEND for _, obj in members)
        pkg.write_mdto(
            f"dossiers/gesprek-{key}.mdto.xml",
            mdto.informatieobject_xml(
                mdto.Informatieobject(
                    identificatie=[(f"gesprek-{key}", pkg.package_source)],
                    naam=name,
                    aggregatieniveau="Dossier",
                    archiefvormer=o.organisation,
                    waardering=mdto.BLIJVEND if permanent else mdto.TIJDELIJK,
                    beperkingen=[
                        (
                            mdto.Begrip(_overall(members), mdto.WOO_BESLUITEN),
                            "zie het besluit per document",
                        )
                    ],
                    dekking=(days[0], days[-1] if days[-1] != days[0] else None) if days else None,
                    bevat_onderdeel=[
                        mdto.Verwijzing(obj.naam, rid, pkg.archive_source) for rid, obj in members
                    ],
                )
            ),
        )
    for rel, obj in objects:
        pkg.write_mdto(rel, mdto.informatieobject_xml(obj))
    inventory_pdf(
        pkg.path("inventarislijst.pdf"),
        title=f"Inventarislijst {pkg.title}",
        intro=[
            f"{n} document(en); tijden in {zone}. Besluit per document en de gronden "
            "(Wet open overheid, art. 5.1 en 5.2):",
            *ground_legend(used),
        ],
        rows=inv_rows,
        created=pkg.created,
    )
    pkg.path("LEESMIJ.txt").write_text(_leesmij(pkg, n, counts, sorted(used)), encoding="utf-8")
    publication = mdto.Verwijzing(pkg.title, pkg.package_source, o.organisation)
    files = [
        pkg.bestand(rel, publication)
        for rel in (
            "LEESMIJ.txt",
            "inventarislijst.csv",
            "inventarislijst.pdf",
            "dialogen.html",
            "dialogen.jsonl",
        )
    ]
    pkg.write_mdto(
        "woo-publicatie.mdto.xml",
        mdto.informatieobject_xml(
            mdto.Informatieobject(
                identificatie=[(pkg.package_source, o.organisation)],
                naam=pkg.title,
                aggregatieniveau="Archiefstuk",
                archiefvormer=o.organisation,
                waardering=mdto.BLIJVEND,
                beperkingen=[
                    (
                        mdto.Begrip(Openness.PUBLIC.label, mdto.WOO_BESLUITEN),
                        "de publicatie zelf is openbaar; de documenten zijn gelakt",
                    )
                ],
                dekking=(pkg.checksum_time[:10], None),
                dekking_type="Datum van publicatie",
                events=[mdto.Event("Creatie", pkg.checksum_time, o.organisation)],
                heeft_representatie=files,
            )
        ),
    )
    _write_checksums(root)
    return n


def _write_checksums(root: Path) -> None:
    lines = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel == "checksums.sha256":
            continue
        lines.append(f"{mdto.sha256_file(path)[0]}  {rel}\n")
    (root / "checksums.sha256").write_text("".join(lines), encoding="utf-8")


def _make_bag(folder: Path, options: WooOptions, n: int) -> None:
    """Turn ``folder`` into a BagIt bag with the ``bagit`` library, in a child process.

    ``bagit.make_bag`` changes the process's working directory while it runs;
    in a child process that cannot disturb the web server's other threads.
    """
    info = {
        "--source-organization": options.organisation,
        "--external-description": "Woo-publicatie van online dialogen (krantentoets)",
        "--external-identifier": options.reference or "woo-publicatie",
        "--internal-sender-description": json.dumps(
            {"documenten": n, "tijdzone": options.timezone}, ensure_ascii=False
        ),
    }
    args = [sys.executable, "-m", "bagit", "--sha256", "--processes", "1", "--quiet"]
    for flag, value in info.items():
        args += [flag, value]
    done = subprocess.run(
        [*args, str(folder.resolve())], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise ExportError(f"BagIt-pakket niet te maken: {done.stderr.strip()[-500:]}")


def write_woo(
    records: Iterable[dict[str, Any]], output: Path, redactor: Redactor, options: WooOptions
) -> int:
    """Write the Woo package (a BagIt bag) at ``output``; returns the number of documents."""
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise ExportError(f"{output} bestaat al en is niet leeg; kies een nieuwe map")
    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.bezig-", dir=output.parent))
    try:
        n = _build(records, work, redactor, options)
        _make_bag(work, options, n)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    if output.exists():
        output.rmdir()
    work.rename(output)
    return n
