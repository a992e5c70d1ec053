"""E-mail addresses, BSN, Belgian national numbers, IBANs, birth dates and licence plates.

Identifiers are found by a pattern and confirmed by their checksum (``python-stdnum``): a
random 9-digit number passes the BSN eleven-test one time in eleven, so a 9-digit number
without a BSN word in front of it counts only when written as one plain number and when no
other kind of number is named before it (``klantnummer``, ``kenmerk`` ...). Dates count as
birth dates only next to a birth word (``geboren``, ``geb.``, ``geboortedatum``,
``verjaardag``, ``jarig``, Flemish ``°``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from stdnum import iban as _iban
from stdnum.be import nn as _nn
from stdnum.nl import bsn as _bsn

from krantentoets.detect.personal_data import KeywordRegex, PIISpan, Runs, anchored, digit_runs

if TYPE_CHECKING:
    from krantentoets.detect.personal_data import Allowlist

# -- URLs (numbers inside a link are not personal data) ----------------------------------------

_URL = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"']+")


def url_spans(text: str) -> list[tuple[int, int]]:
    if "www." not in text and "://" not in text:
        return []
    return [(m.start(), m.end()) for m in _URL.finditer(text)]


# -- e-mail ----------------------------------------------------------------------------------

# Bounded repetitions and a look-behind that allows a match to start only at the beginning of
# a run of address characters: linear even on 50,000 letters without an "@".
_EMAIL = re.compile(
    r"(?<![\w.+\-])[\w.+\-]{1,64}@[\w\-]{1,63}(?:\.[\w\-]{1,63}){1,8}",
)
#: What every match of ``_EMAIL`` contains: an @ and a domain with a dot. Posts mention
#: accounts (``@gemeente``) far more often than they hold an address; this search finds the
#: literal @ fast, where ``_EMAIL`` tries a local part at every word.
_EMAIL_DOMAIN = re.compile(r"@[\w\-]{1,63}\.[\w\-]")

#: Local parts of role addresses: an organisation's mailbox, not a person's.
ROLE_LOCAL_PARTS = frozenset(
    """
    info informatie contact post mail email office algemeen gemeente stad stadhuis noreply no-reply
    donotreply do-not-reply communicatie comms pers press persvoorlichting media redactie nieuws
    nieuwsbrief webmaster web website admin beheer support service klantenservice klantcontact
    klantcontactcentrum kcc servicedesk helpdesk balie loket publiekszaken burgerzaken
    secretariaat bestuurssecretariaat griffie raadsgriffie college burgemeester klachten
    meldingen melding afval grofvuil vergunningen omgevingsloket subsidie subsidies evenementen
    sport cultuur onderwijs jeugd wmo zorg werk inkomen belastingen parkeren handhaving toezicht
    privacy fg avg woo wob vacatures werkenbij sollicitaties sollicitatie hr personeelszaken
    financien facturen factuur administratie crediteuren debiteuren inkoop ict it marketing
    sales vragen team welkom hallo hello reserveringen receptie planning schoon zomerschool
    bibliotheek bib onthaal dienstverlening wijkteam gebiedsteam buurtteam sociaalteam
    jongerenwerk ombudsman integriteit juridisch bezwaar bezwaarschriften archief postbus
    inschrijving aanmelden events
    """.split()  # noqa: SIM905
)

#: Free mail providers: an address there belongs to a person even with a role-like name.
_PERSONAL_DOMAINS = frozenset(
    """
    gmail.com googlemail.com hotmail.com hotmail.nl hotmail.be outlook.com outlook.be outlook.nl
    live.nl live.com live.be msn.com yahoo.com yahoo.nl yahoo.be icloud.com me.com ziggo.nl
    kpnmail.nl kpnplanet.nl planet.nl home.nl hetnet.nl xs4all.nl chello.nl casema.nl upcmail.nl
    online.nl quicknet.nl zeelandnet.nl telenet.be skynet.be proximus.be scarlet.be pandora.be
    gmx.com gmx.net protonmail.com proton.me
    """.split()  # noqa: SIM905
)


def is_role_address(address: str) -> bool:
    """``info@``, ``gemeente@``, ``noreply@`` ...: a mailbox of a role, not of a person."""
    local, _, domain = address.lower().rpartition("@")
    if domain in _PERSONAL_DOMAINS:
        return False
    first = re.split(r"[.\-_+]", local, maxsplit=1)[0]
    return local in ROLE_LOCAL_PARTS or first in ROLE_LOCAL_PARTS or _functional_word(local)


def _functional_word(local: str) -> bool:
    """A mailbox named by one ordinary Dutch word, not a name: ``zuidwest@``, ``fractie@``,
    ``campagne@``, ``vrijwilligers@`` (issue 10). A name (``jansen@``, ``anja@``), initials
    with a surname (``jdevries@``) or digits stay personal."""
    if len(local) < 4 or not local.isalpha():
        return False
    from krantentoets.detect.dutch_words import is_dutch_word
    from krantentoets.detect.names import lists

    names = lists()
    if local in names.first or local in names.surnames or local.capitalize() in names.first:
        return False
    if local.capitalize() in names.surnames:
        return False
    return is_dutch_word(local)


def find_emails(text: str, allow: Allowlist) -> list[PIISpan]:
    if "@" not in text or not _EMAIL_DOMAIN.search(text):
        return []
    spans = []
    for m in _EMAIL.finditer(text):
        address = m.group().rstrip(".-")
        local = address.partition("@")[0]
        if not local.strip(".+-"):
            continue
        if allow.allows_email(address) or is_role_address(address):
            continue
        domain = address.rpartition("@")[2].lower()
        why = "free mail provider" if domain in _PERSONAL_DOMAINS else "personal local part"
        spans.append(
            PIISpan(m.start(), m.start() + len(address), address, "email", ("e-mail address", why))
        )
    return spans


# -- IBAN ------------------------------------------------------------------------------------

_IBAN = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?"
    r"(?![A-Za-z0-9])"
)


# "... t.n.v. Gemeente Leeuwarden", "ten name van Stichting ...": an organisation's account.
_ORGANISATION_ACCOUNT = re.compile(
    r"(?i)^\s*[,(]?\s*(?:t\.?\s?n\.?\s?v\.?|ten\s+name\s+van|op\s+naam\s+van)\s*:?\s*"
    r"(?:de\s+|het\s+)?(?:gemeente|stad|stichting|vereniging|provincie|waterschap|school|kerk|"
    r"parochie|club|voedselbank|ocmw|vzw|bv|b\.v\.|nv|n\.v\.|fonds|comité|comite|"
    r"buurtvereniging|dorpsbelang|sportvereniging|[\w'’\- ]{1,40}\s(?:b\.?v\.?|n\.?v\.?|vzw)\b)"
)


def _valid_ibans(text: str, runs: Runs | None = None) -> list[tuple[int, int, bool]]:
    """``(start, end, organisation's)`` of every IBAN whose checksum holds."""
    runs = digit_runs(text) if runs is None else runs
    starts = [s - 2 for s, _ in runs if s >= 2 and text[s - 2 : s].isalpha()]
    found = []
    for m in anchored(_IBAN, text, starts):
        cand = m.group()
        # Trim trailing chunks until the checksum holds ("... 49 ten name van").
        while cand:
            if _iban.is_valid(cand):
                end = m.start() + len(cand)
                found.append(
                    (m.start(), end, bool(_ORGANISATION_ACCOUNT.match(text[end : end + 60])))
                )
                break
            if " " not in cand:
                break
            cand = cand.rsplit(" ", 1)[0]
    return found


def find_ibans(text: str, runs: Runs | None = None) -> list[PIISpan]:
    """Persons' IBANs (an account 't.n.v.' an organisation is not personal data)."""
    return [
        PIISpan(start, end, text[start:end], "iban", ("IBAN checksum valid",))
        for start, end, organisation in _valid_ibans(text, runs)
        if not organisation
    ]


def organisation_ibans(text: str, runs: Runs | None = None) -> list[tuple[int, int]]:
    """Organisations' IBANs: no other kind may be found inside them (a phone in the digits)."""
    return [(start, end) for start, end, organisation in _valid_ibans(text, runs) if organisation]


# -- BSN and Belgian national number ---------------------------------------------------------

_BSN_WORDS = KeywordRegex(
    re.compile(
        r"(?i)(?:\bbsn|burgerservicenummer|burger\s?service\s?nummer|sofi-?nummer|\bsofi\b|"
        r"sofinr)[^\n]{0,30}$"
    ),
    ("bsn", "burger", "sofi"),
)
_OTHER_NUMBER_TERMS = (
    "kenmerk", "zaak", "dossier", "factuur", "klant", "order", "bestel", "referentie", "artikel",
    "project", "polis", "pas", "rijbewijs", "document", "isbn", "kvk", "btw", "registratie",
    "vergunning", "lid", "relatie", "contract", "aanslag", "volg", "rekening", "ticket", "track",
    "zending", "pakket", "code", "subsidiesysteem",
)  # fmt: skip
_OTHER_NUMBER = KeywordRegex(
    re.compile(
        r"(?i)(?:" + "|".join(_OTHER_NUMBER_TERMS) + r"|nummer\s+\d)"
        r"\w*\W{0,3}(?:\w+\W{1,3}){0,3}$"
    ),
    (*_OTHER_NUMBER_TERMS, "nummer"),
)
_AMOUNT_BEFORE = re.compile(r"(?:€|\beur\b|\beuro\b|\$|£)\s*$", re.IGNORECASE)
_BSN = re.compile(
    r"(?<![\d.,/\-])(?:\d{9}|\d{8}|\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{2}[ .]\d{3})"
    r"(?!\d|[.,\-/]\d)"
)


def find_bsns(text: str, runs: Runs | None = None) -> list[PIISpan]:
    runs = digit_runs(text) if runs is None else runs
    starts = [s for s, e in runs if e - s in (3, 4, 8, 9)]
    spans = []
    for m in anchored(_BSN, text, starts):
        number = m.group()
        digits = re.sub(r"\D", "", number)
        if not _bsn.is_valid(digits):
            continue
        before = text[max(0, m.start() - 45) : m.start()]
        word = _BSN_WORDS.search(before)
        if word:
            trace = ("eleven-test valid", "BSN word before it")
        else:
            plain = len(number) == 9 and number.isdigit()
            if not plain or _OTHER_NUMBER.search(before) or _AMOUNT_BEFORE.search(before):
                continue
            trace = ("eleven-test valid", "nine digits, no other number type named")
        spans.append(PIISpan(m.start(), m.end(), number, "bsn", trace))
    return spans


_NN = re.compile(r"(?<![\d.\-])\d{2}\.?\d{2}\.?\d{2}[\- .]?\d{3}[. ]?\d{2}(?![\d]|[.\-]\d)")
_NN_WORDS = KeywordRegex(
    re.compile(
        r"(?i)(?:rijksregister|nationaal\s+nummer|rrn|insz|identificatienummer)[^\n]{0,30}$"
    ),
    ("rijksregister", "nationaal", "rrn", "insz", "identificatienummer"),
)


def find_national_numbers(text: str, runs: Runs | None = None) -> list[PIISpan]:
    runs = digit_runs(text) if runs is None else runs
    starts = [s for s, e in runs if e - s in (2, 6, 11)]
    spans = []
    for m in anchored(_NN, text, starts):
        number = m.group()
        if not _nn.is_valid(number):
            continue
        before = text[max(0, m.start() - 45) : m.start()]
        trace = ["Belgian national number checksum valid"]
        if _NN_WORDS.search(before):
            trace.append("national-number word before it")
        elif number.isdigit() and _OTHER_NUMBER.search(before):
            continue
        spans.append(PIISpan(m.start(), m.end(), number, "national-number", tuple(trace)))
    return spans


# -- dates of birth --------------------------------------------------------------------------

_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = re.compile(
    r"(?<![\w/.\-])(?P<deg>°\s?)?(?:"
    r"(?P<d>\d{1,2})[\-/.](?P<m>\d{1,2})[\-/.](?P<y>(?:19|20)\d{2}|\d{2})"
    r"|(?P<d2>\d{1,2})(?:e|ste|de)?\s+(?P<mon>" + _MONTH_ALT + r")\.?(?:\s+(?P<y2>(?:19|20)\d{2}))?"
    r"|(?P<degyear>(?:19|20)\d{2})"
    r")(?![\w/]|[\-.]\d)",
    re.IGNORECASE,
)
_BIRTH_BEFORE = KeywordRegex(
    re.compile(
        r"(?i)(?:geboren|\bgeb\b\.?|geboortedatum|geboortedag|geb\.\s?datum|verjaardag|"
        r"(?<![\w-])jarig|\bborn\b|date of birth|\bdob\b|°)[^.!?\n]{0,60}$"
    ),
    ("geb", "verjaardag", "jarig", "born", "birth", "dob", "°"),
)
_BIRTH_AFTER = re.compile(r"(?i)^[^.!?\n]{0,25}?(?<![\w-])(?:geboren|jarig)\b")


def _plausible(d: int, m: int, y: int | None) -> bool:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return False
    if y is None:
        return True
    try:
        date(y, m, d)
    except ValueError:
        return False
    return 1900 <= y <= date.today().year


def _birth_hint(text: str) -> bool:
    """A birth word anywhere in the text (substring tests: much cheaper than a regex with
    ``(?i)``, which cannot skip ahead)."""
    if "°" in text:
        return True
    low = text.lower()
    return (
        "geb" in low
        or "jarig" in low
        or "verjaardag" in low
        or "born" in low
        or "dob" in low
        or "birth" in low
    )


def find_birth_dates(text: str, runs: Runs | None = None) -> list[PIISpan]:
    if not _birth_hint(text):
        return []
    runs = digit_runs(text) if runs is None else runs
    starts: list[int] = []
    for s, e in runs:
        if e - s <= 2 or (e - s == 4 and "°" in text[max(0, s - 2) : s]):
            starts.append(s)
            if s and text[s - 1] == "°":
                starts.append(s - 1)
            elif s > 1 and text[s - 2] == "°":
                starts.append(s - 2)
    spans = []
    for m in anchored(_DATE, text, starts):
        g = m.groupdict()
        degree = bool(g["deg"])
        if g["degyear"]:
            if not degree:
                continue
        elif g["d"]:
            y = int(g["y"])
            y = y + (1900 if y > date.today().year % 100 else 2000) if y < 100 else y
            if not _plausible(int(g["d"]), int(g["m"]), y):
                continue
        else:
            year = int(g["y2"]) if g["y2"] else None
            if not _plausible(int(g["d2"]), _MONTHS[g["mon"].lower()], year):
                continue
        before = text[max(0, m.start() - 70) : m.start()]
        after = text[m.end() : m.end() + 40]
        if degree:
            trace = ("date after the Flemish birth sign °",)
        elif _BIRTH_BEFORE.search(before):
            trace = ("date", "birth word before it")
        elif _BIRTH_AFTER.search(after):
            trace = ("date", "birth word after it")
        else:
            continue
        spans.append(PIISpan(m.start(), m.end(), m.group(), "birth-date", trace))
    return spans


# -- licence plates --------------------------------------------------------------------------

# Dutch side codes 1-14 (with dashes, as on the plate) and the Belgian 1-ABC-234.
_SIDECODES = (
    r"[A-Z]{2}-\d{2}-\d{2}",
    r"\d{2}-\d{2}-[A-Z]{2}",
    r"\d{2}-[A-Z]{2}-\d{2}",
    r"[A-Z]{2}-\d{2}-[A-Z]{2}",
    r"[A-Z]{2}-[A-Z]{2}-\d{2}",
    r"\d{2}-[A-Z]{2}-[A-Z]{2}",
    r"\d{2}-[A-Z]{3}-\d",
    r"\d-[A-Z]{3}-\d{2,3}",
    r"[A-Z]{2}-\d{3}-[A-Z]",
    r"[A-Z]-\d{3}-[A-Z]{2}",
    r"[A-Z]{3}-\d{2}-[A-Z]",
    r"[A-Z]-\d{2}-[A-Z]{3}",
    r"\d-[A-Z]{2}-\d{3}",
    r"\d{3}-[A-Z]{2}-\d",
)
_PLATE = re.compile(r"(?<![\w\-])(?:" + "|".join(_SIDECODES) + r")(?![\w\-])")
_PLATE_WORDS = KeywordRegex(
    re.compile(r"(?i)(?:kenteken|nummerplaat|plaat|auto|wagen|voertuig)"),
    ("kenteken", "plaat", "auto", "wagen", "voertuig"),
)


def _plate_dashes(text: str) -> bool:
    """Two dashes two or three characters apart, as every side code has ("AB-12-CD")."""
    i = text.find("-")
    while i >= 0:
        j = text.find("-", i + 1)
        if j < 0:
            return False
        if j - i in (3, 4):
            return True
        i = j
    return False


def find_licence_plates(text: str) -> list[PIISpan]:
    if not _plate_dashes(text):
        return []
    spans = []
    for m in _PLATE.finditer(text):
        plate = m.group()
        if plate.replace("-", "").isdigit():
            continue
        near = text[max(0, m.start() - 60) : m.start()]
        trace = ["licence-plate side code"]
        if _PLATE_WORDS.search(near):
            trace.append("vehicle word before it")
        spans.append(PIISpan(m.start(), m.end(), plate, "licence-plate", tuple(trace)))
    return spans
