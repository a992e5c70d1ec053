"""Metadata per record in the spirit of MDTO (the national archive metadata standard).

Each exported record gets one XML file with an ``informatieobject`` (identifier,
name, date, the author's role, retention period, the Woo restriction) and a
``bestand`` (the checksum of the record as exported, with its algorithm). The
element names follow MDTO 1.0; the file is not validated against the XSD.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

MDTO_NAMESPACE = "https://www.nationaalarchief.nl/mdto"
SOURCE = "krantentoets-archief"


@dataclass(frozen=True, slots=True)
class Metadata:
    identifier: str
    naam: str
    datum: str  # ISO 8601 publication time
    auteur_rol: str
    checksum: str
    checksum_algorithm: str
    checksum_date: str
    bewaartermijn: str | None  # ISO 8601 duration, None = permanent
    bewaartermijn_einde: date | None
    archiefvormer: str
    redactions: int
    restriction_ground: str
    file_name: str

    def to_dict(self) -> dict[str, object]:
        return {
            "identificatie": self.identifier,
            "naam": self.naam,
            "datum": self.datum,
            "auteur_rol": self.auteur_rol,
            "checksum": {
                "algoritme": self.checksum_algorithm,
                "waarde": self.checksum,
                "datum": self.checksum_date,
            },
            "bewaartermijn": {
                "looptijd": self.bewaartermijn or "permanent",
                "einddatum": self.bewaartermijn_einde.isoformat()
                if self.bewaartermijn_einde
                else None,
            },
            "archiefvormer": self.archiefvormer,
            "lakkingen": self.redactions,
            "grond_lakking": self.restriction_ground if self.redactions else None,
        }


def _e(value: object) -> str:
    return escape(str(value))


def _label(tag: str, label: str, indent: str) -> str:
    return f"{indent}<{tag}>\n{indent}  <begripLabel>{_e(label)}</begripLabel>\n{indent}</{tag}>\n"


def to_xml(m: Metadata) -> str:
    """The MDTO-style XML document for one record."""
    i2, i3 = "    ", "      "
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<MDTO xmlns="{MDTO_NAMESPACE}">\n',
        "  <informatieobject>\n",
        f"{i2}<identificatie>\n",
        f"{i3}<identificatieKenmerk>{_e(m.identifier)}</identificatieKenmerk>\n",
        f"{i3}<identificatieBron>{SOURCE}</identificatieBron>\n",
        f"{i2}</identificatie>\n",
        f"{i2}<naam>{_e(m.naam)}</naam>\n",
        _label("aggregatieniveau", "Archiefstuk", i2),
        f"{i2}<dekkingInTijd>\n",
        _label("dekkingInTijdType", "Publicatie", i3),
        f"{i3}<dekkingInTijdBegindatum>{_e(m.datum)}</dekkingInTijdBegindatum>\n",
        f"{i2}</dekkingInTijd>\n",
        f"{i2}<betrokkene>\n",
        _label("betrokkeneTypeRelatie", m.auteur_rol, i3),
        f"{i2}</betrokkene>\n",
        f"{i2}<bewaartermijn>\n",
        _label("termijnTriggerStartLooptijd", "Publicatiedatum", i3),
        f"{i3}<termijnStartdatumLooptijd>{_e(m.datum[:10])}</termijnStartdatumLooptijd>\n",
    ]
    if m.bewaartermijn is None:
        parts.append(_label("termijnLooptijd", "Permanent te bewaren", i3))
    else:
        parts.append(f"{i3}<termijnLooptijd>{_e(m.bewaartermijn)}</termijnLooptijd>\n")
        if m.bewaartermijn_einde:
            parts.append(
                f"{i3}<termijnEinddatum>{m.bewaartermijn_einde.isoformat()}</termijnEinddatum>\n"
            )
    parts.append(f"{i2}</bewaartermijn>\n")
    if m.redactions:
        parts += [
            f"{i2}<beperkingGebruik>\n",
            _label("beperkingGebruikType", "Openbaar met lakkingen", i3),
            f"{i3}<beperkingGebruikNadereBeschrijving>{m.redactions} lakking(en) op grond van "
            f"{_e(m.restriction_ground)}</beperkingGebruikNadereBeschrijving>\n",
            f"{i2}</beperkingGebruik>\n",
        ]
    parts += [
        f"{i2}<archiefvormer>\n{i3}<verwijzingNaam>{_e(m.archiefvormer)}</verwijzingNaam>\n"
        f"{i2}</archiefvormer>\n",
        "  </informatieobject>\n",
        "  <bestand>\n",
        f"{i2}<naam>{_e(m.file_name)}</naam>\n",
        f"{i2}<checksum>\n",
        _label("checksumAlgoritme", m.checksum_algorithm, i3),
        f"{i3}<checksumWaarde>{_e(m.checksum)}</checksumWaarde>\n",
        f"{i3}<checksumDatum>{_e(m.checksum_date)}</checksumDatum>\n",
        f"{i2}</checksum>\n",
        f"{i2}<isRepresentatieVan>{_e(m.identifier)}</isRepresentatieVan>\n",
        "  </bestand>\n",
        "</MDTO>\n",
    ]
    return "".join(parts)
