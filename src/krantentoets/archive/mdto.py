"""MDTO metadata (the Nationaal Archief's standard), written with lxml and validated.

An MDTO document holds exactly one ``informatieobject`` or one ``bestand``.
The Woo export writes one informatieobject per archived record (aggregation
level *Archiefstuk*), one per conversation that several records belong to
(*Dossier*), one for the publication itself, and one ``bestand`` per file it
hands over (checksum, size, PRONOM format). Every file is validated against
the shipped schemas of MDTO 1.0.1 and 1.0.2 (``data/mdto/``) before the export
finishes: :func:`validate` raises :class:`MdtoInvalid` rather than letting an
invalid file through. The mapping per field is documented in docs/archive.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree

MDTO_NAMESPACE = "https://www.nationaalarchief.nl/mdto"
#: Schema versions every written file must satisfy.
SCHEMA_VERSIONS = ("1.0.1", "1.0.2")

# Closed MDTO lists (names as the Nationaal Archief's examples cite them).
AGGREGATIENIVEAUS = "Begrippenlijst Aggregatieniveaus MDTO"
WAARDERINGEN = "Begrippenlijst Waarderingen MDTO"
CHECKSUM_ALGORITMEN = "Begrippenlijst ChecksumAlgoritme MDTO"
EVENTTYPEN = "Begrippenlijst EventTypeLijst MDTO"
PRONOM = "PRONOM-register"
# Lists MDTO leaves to the organisation: named for what they are.
DEKKING_TYPEN = "krantentoets: typen dekking in tijd"
WOO_BESLUITEN = "Woo-besluit per document (openbaar, deels openbaar, niet openbaar)"
WOO_GRONDEN = "Weigeringsgronden Wet open overheid (art. 5.1 en 5.2)"
RELATIETYPEN = "krantentoets: relaties tussen archiefrecords"
EIGEN_FORMATEN = "krantentoets: bestandsformaten zonder PRONOM-code"

#: Waardering: (label, code) in the MDTO list.
BLIJVEND = ("Blijvend te bewaren", "B")
TIJDELIJK = ("Tijdelijk te bewaren", "V")

#: File extension -> (PRONOM label, PUID); PDF is looked up by its header version.
FORMATS: dict[str, tuple[str, str | None, str]] = {
    "html": ("Hypertext Markup Language 5", "fmt/471", PRONOM),
    "csv": ("Comma Separated Values", "x-fmt/18", PRONOM),
    "json": ("JSON Data Interchange Format", "fmt/817", PRONOM),
    "txt": ("Plain Text File", "x-fmt/111", PRONOM),
    "xml": ("Extensible Markup Language 1.0", "fmt/101", PRONOM),
    # PRONOM has no PUID for JSON Lines (each line is one JSON text).
    "jsonl": ("JSON Lines (één JSON-object per regel, UTF-8)", None, EIGEN_FORMATEN),
}
PDF_FORMATS = {
    "1.3": ("Acrobat PDF 1.3 - Portable Document Format", "fmt/17"),
    "1.4": ("Acrobat PDF 1.4 - Portable Document Format", "fmt/18"),
    "1.5": ("Acrobat PDF 1.5 - Portable Document Format", "fmt/19"),
    "1.6": ("Acrobat PDF 1.6 - Portable Document Format", "fmt/20"),
    "1.7": ("Acrobat PDF 1.7 - Portable Document Format", "fmt/276"),
}


class MdtoInvalid(ValueError):
    """A written MDTO file does not validate. The message (Dutch) names the file and error."""


@dataclass(frozen=True, slots=True)
class Begrip:
    label: str
    lijst: str
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Verwijzing:
    naam: str
    kenmerk: str | None = None
    bron: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    type: str  # label in the MDTO event type list ("Creatie", "Publicatie", ...)
    tijd: str | None = None  # xsd:dateTime/date
    actor: str | None = None


@dataclass(frozen=True, slots=True)
class Termijn:
    trigger: str | None = None  # event type label that starts the period
    start: str | None = None  # xsd:date
    looptijd: str | None = None  # xsd:duration (P10Y)
    einde: str | None = None  # xsd:date


@dataclass(slots=True)
class Informatieobject:
    identificatie: list[tuple[str, str]]  # (kenmerk, bron)
    naam: str
    aggregatieniveau: str  # "Archiefstuk", "Dossier", ...
    archiefvormer: str
    waardering: tuple[str, str]  # BLIJVEND or TIJDELIJK
    beperkingen: list[tuple[Begrip, str | None]]  # (type, nadere beschrijving)
    dekking: tuple[str, str | None] | None = None  # (begin, end) as xsd:date
    dekking_type: str = "Datum van plaatsing"
    taal: str = "nl"
    events: list[Event] = field(default_factory=list)
    bewaartermijn: Termijn | None = None
    is_onderdeel_van: list[Verwijzing] = field(default_factory=list)
    bevat_onderdeel: list[Verwijzing] = field(default_factory=list)
    heeft_representatie: list[Verwijzing] = field(default_factory=list)
    gerelateerd: list[tuple[Verwijzing, str]] = field(default_factory=list)  # (target, relation)


@dataclass(frozen=True, slots=True)
class Bestand:
    kenmerk: str
    bron: str
    naam: str
    omvang: int
    formaat: Begrip
    checksum: str  # SHA-256, hex
    checksum_datum: str  # xsd:dateTime
    representatie_van: Verwijzing


def _q(tag: str) -> str:
    return f"{{{MDTO_NAMESPACE}}}{tag}"


def _text(parent: etree._Element, tag: str, value: object) -> etree._Element:
    el = etree.SubElement(parent, _q(tag))
    el.text = str(value)
    return el


def _verwijzing(parent: etree._Element, tag: str, v: Verwijzing) -> None:
    el = etree.SubElement(parent, _q(tag))
    _text(el, "verwijzingNaam", v.naam)
    if v.kenmerk and v.bron:
        ident = etree.SubElement(el, _q("verwijzingIdentificatie"))
        _text(ident, "identificatieKenmerk", v.kenmerk)
        _text(ident, "identificatieBron", v.bron)


def _begrip(parent: etree._Element, tag: str, b: Begrip) -> None:
    el = etree.SubElement(parent, _q(tag))
    _text(el, "begripLabel", b.label)
    if b.code:
        _text(el, "begripCode", b.code)
    _verwijzing(el, "begripBegrippenlijst", Verwijzing(b.lijst))


def _termijn(parent: etree._Element, tag: str, t: Termijn) -> None:
    el = etree.SubElement(parent, _q(tag))
    if t.trigger:
        _begrip(el, "termijnTriggerStartLooptijd", Begrip(t.trigger, EVENTTYPEN))
    if t.start:
        _text(el, "termijnStartdatumLooptijd", t.start)
    if t.looptijd:
        _text(el, "termijnLooptijd", t.looptijd)
    if t.einde:
        _text(el, "termijnEinddatum", t.einde)


def _root() -> etree._Element:
    return etree.Element(_q("MDTO"), nsmap={None: MDTO_NAMESPACE})


def informatieobject_xml(io: Informatieobject) -> bytes:
    """The MDTO document for one informatieobject (elements in the schema's order)."""
    root = _root()
    el = etree.SubElement(root, _q("informatieobject"))
    for kenmerk, bron in io.identificatie:
        ident = etree.SubElement(el, _q("identificatie"))
        _text(ident, "identificatieKenmerk", kenmerk)
        _text(ident, "identificatieBron", bron)
    _text(el, "naam", io.naam)
    _begrip(el, "aggregatieniveau", Begrip(io.aggregatieniveau, AGGREGATIENIVEAUS))
    if io.dekking:
        dek = etree.SubElement(el, _q("dekkingInTijd"))
        _begrip(dek, "dekkingInTijdType", Begrip(io.dekking_type, DEKKING_TYPEN))
        _text(dek, "dekkingInTijdBegindatum", io.dekking[0])
        if io.dekking[1]:
            _text(dek, "dekkingInTijdEinddatum", io.dekking[1])
    _text(el, "taal", io.taal)
    for ev in io.events:
        e = etree.SubElement(el, _q("event"))
        _begrip(e, "eventType", Begrip(ev.type, EVENTTYPEN))
        if ev.tijd:
            _text(e, "eventTijd", ev.tijd)
        if ev.actor:
            _verwijzing(e, "eventVerantwoordelijkeActor", Verwijzing(ev.actor))
    _begrip(el, "waardering", Begrip(io.waardering[0], WAARDERINGEN, io.waardering[1]))
    if io.bewaartermijn:
        _termijn(el, "bewaartermijn", io.bewaartermijn)
    for v in io.is_onderdeel_van:
        _verwijzing(el, "isOnderdeelVan", v)
    for v in io.bevat_onderdeel:
        _verwijzing(el, "bevatOnderdeel", v)
    for v in io.heeft_representatie:
        _verwijzing(el, "heeftRepresentatie", v)
    for target, relation in io.gerelateerd:
        rel = etree.SubElement(el, _q("gerelateerdInformatieobject"))
        _verwijzing(rel, "gerelateerdInformatieobjectVerwijzing", target)
        _begrip(rel, "gerelateerdInformatieobjectTypeRelatie", Begrip(relation, RELATIETYPEN))
    _verwijzing(el, "archiefvormer", Verwijzing(io.archiefvormer))
    for begrip, beschrijving in io.beperkingen:
        bep = etree.SubElement(el, _q("beperkingGebruik"))
        _begrip(bep, "beperkingGebruikType", begrip)
        if beschrijving:
            _text(bep, "beperkingGebruikNadereBeschrijving", beschrijving)
    return _serialise(root)


def bestand_xml(b: Bestand) -> bytes:
    """The MDTO document for one file."""
    root = _root()
    el = etree.SubElement(root, _q("bestand"))
    ident = etree.SubElement(el, _q("identificatie"))
    _text(ident, "identificatieKenmerk", b.kenmerk)
    _text(ident, "identificatieBron", b.bron)
    _text(el, "naam", b.naam)
    _text(el, "omvang", b.omvang)
    _begrip(el, "bestandsformaat", b.formaat)
    cs = etree.SubElement(el, _q("checksum"))
    _begrip(cs, "checksumAlgoritme", Begrip("SHA256", CHECKSUM_ALGORITMEN))
    _text(cs, "checksumWaarde", b.checksum)
    _text(cs, "checksumDatum", b.checksum_datum)
    _verwijzing(el, "isRepresentatieVan", b.representatie_van)
    return _serialise(root)


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def file_format(path: Path) -> Begrip:
    """The MDTO ``bestandsformaat`` of an exported file (PRONOM where PRONOM has it)."""
    ext = path.suffix.lower().lstrip(".")
    if ext == "pdf":
        with path.open("rb") as fh:
            head = fh.read(16)
        version = head[5:8].decode("ascii", "replace") if head.startswith(b"%PDF-") else ""
        label, puid = PDF_FORMATS.get(version, PDF_FORMATS["1.7"])
        return Begrip(label, PRONOM, puid)
    if ext not in FORMATS:
        raise MdtoInvalid(f"{path.name}: geen bestandsformaat bekend voor '.{ext}'")
    label, puid, lijst = FORMATS[ext]
    return Begrip(label, lijst, puid)


def sha256_file(path: Path) -> tuple[str, int]:
    """(SHA-256 hex, size in bytes) of a file, read in blocks."""
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


@cache
def schema(version: str) -> etree.XMLSchema:
    ref = resources.files("krantentoets.data").joinpath(f"mdto/MDTO-XML{version}.xsd")
    return etree.XMLSchema(etree.fromstring(ref.read_bytes()))


def validate(xml: bytes, name: str) -> None:
    """Validate one MDTO document against every version in :data:`SCHEMA_VERSIONS`."""
    try:
        doc = etree.fromstring(xml)
    except etree.XMLSyntaxError as exc:
        raise MdtoInvalid(f"{name}: geen geldige XML ({exc})") from None
    for version in SCHEMA_VERSIONS:
        xsd = schema(version)
        if not xsd.validate(doc):
            err = xsd.error_log.last_error
            raise MdtoInvalid(
                f"{name}: ongeldig volgens MDTO {version}, regel {err.line}: {err.message}"
            )


def write(path: Path, xml: bytes) -> None:
    """Validate ``xml`` and write it to ``path`` (nothing is written when it is invalid)."""
    validate(xml, path.name)
    path.write_bytes(xml)
