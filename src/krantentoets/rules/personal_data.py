"""Category ``personal-data`` (MW-4, MA-6): phone numbers, e-mail, addresses, identifiers, names,
and health or money details next to a name (PD11).

MW-4: "Geef nooit persoonlijke gegevens vrij zoals je huisadres en privételefoonnummers."
MA-6: no information or photos of individuals without their consent.

Every rule here reads the spans of one shared detector
(:func:`krantentoets.detect.personal_data.find_personal_data`), computed once per post and
shared through ``ctx.memo``; the archive's redaction uses the same detector. The
organisation's own public contact details (``[allowlist]`` in the policy file) are never
flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from krantentoets.detect.personal_data import PIISpan, find_personal_data
from krantentoets.detect.persons import is_known_public, more_evidence
from krantentoets.detect.phrases import PhraseMatcher, parse_entry
from krantentoets.detect.public_persons import Judgement, judge
from krantentoets.post import AccountKind, Post
from krantentoets.report import Category, Severity
from krantentoets.rules.base import CheckContext, Example, Hit, Keywords, Msg, Rule, RuleMeta

if TYPE_CHECKING:
    from krantentoets.policy import Policy

GUIDELINES = ("MW-4", "MA-6")
MEMO_KEY = "personal-data.spans"

_MW4 = (
    "MW-4: Geef nooit persoonlijke gegevens vrij zoals je huisadres en privételefoonnummers. "
    "MA-6: plaats geen informatie over personen zonder hun toestemming."
)
_MW4_EN = (
    "MW-4: never disclose personal data such as your home address or private phone numbers. "
    "MA-6: do not publish information about individuals without their consent."
)
_ALLOWLIST_TIP = Msg(
    " Is dit een openbaar gegeven van de organisatie zelf? Laat het dan toevoegen aan de "
    "openbare contactgegevens van de organisatie (Instellingen, bij Contactgegevens).",
    " Is this a public detail of the organisation itself? Then add it to the [allowlist] of "
    "the policy file.",
)


def personal_data_spans(post: Post, ctx: CheckContext) -> list[PIISpan]:
    """The post's personal data under the policy's allowlist, computed once per check."""
    allow = ctx.policy.settings.allowlist
    return ctx.memo(MEMO_KEY, lambda: find_personal_data(post.text, allow))


def _website(ctx: CheckContext) -> Msg:
    site = ctx.policy.settings.organisation.website
    if site:
        return Msg(f"een pagina op {site}", f"a page on {site}")
    return Msg("een pagina op de website", "a page on the website")


class _PersonalDataRule:
    """Mixin for a rule about one kind of personal data: subclasses (also :class:`Rule`)
    set ``kinds`` and say what it is and how to fix it."""

    kinds: tuple[str, ...] = ()

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        for span in personal_data_spans(post, ctx):
            if span.kind not in self.kinds or self.skip(span, post, ctx):
                continue
            message, suggestion = self.explain(span, ctx)
            lowered = self.lower(span, post, ctx)
            if lowered is not None:
                severity, message, suggestion, why = lowered
                trace: tuple[str, ...] = (f"personal data: {span.kind}", *span.trace, why)
            else:
                severity = None
                trace = (f"personal data: {span.kind}", *span.trace)
            yield Hit(
                start=span.start,
                end=span.end,
                message=message,
                suggestion=suggestion,
                trace=trace,
                severity=severity,
            )

    def skip(self, span: PIISpan, post: Post, ctx: CheckContext) -> bool:
        return False

    def lower(
        self, span: PIISpan, post: Post, ctx: CheckContext
    ) -> tuple[Severity, Msg, Msg, str] | None:
        """A lower severity with its own message, suggestion and trace note, or ``None``."""
        return None

    def explain(self, span: PIISpan, ctx: CheckContext) -> tuple[Msg, Msg]:
        """``(message, suggestion)`` for one span."""
        raise NotImplementedError


#: Words that present a number as the organisation's own ("ons algemene nummer").
_GENERAL_NUMBER = re.compile(
    r"(?i)(?:algeme(?:en|ne)\s+(?:telefoon)?nummer|\bons\s+(?:telefoon)?nummer|\bonthaal|"
    r"klantcontact\w*|\bcentrale\b|\breceptie\b|servicenummer|\bbel\s+ons\b|"
    r"\b(?:nummer|telefoon)\s+van\s+(?:de\s+gemeente|het\s+ocmw|het\s+stadhuis|"
    r"het\s+gemeentehuis|ons\s+kantoor|de\s+stad|het\s+sociaal\s+huis))[^.!?\n]{0,25}$"
)


#: A number presented as one's own: never a public line ("bel me", "mijn nummer").
_OWN_NUMBER = re.compile(r"(?i)\b(?:me|mij|mijn|privé|prive|thuis|privénummer)\b")


def _contact_lines(name: str) -> list[str]:
    ref = resources.files("krantentoets") / "data" / "contact" / name
    lines = ref.read_text(encoding="utf-8").splitlines()
    return [s for raw in lines if (s := raw.strip()) and not s.startswith("#")]


@cache
def _service_matcher() -> PhraseMatcher:
    return PhraseMatcher(
        parse_entry(line, "service") for line in _contact_lines("service_lines.txt")
    )


@cache
def _opening_hours() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(line, re.IGNORECASE) for line in _contact_lines("opening_hours.txt"))


#: An account named as one's own right after it: "NL.. t.n.v. mij", "NL.. (mijn rekening)".
_OWN_ACCOUNT_AFTER = re.compile(
    r"[A-Z]{2}\d{2}[\dA-Z ]{10,34}?[^\w\n]{0,3}(?:\S+\s+){0,3}?(?:t\.?n\.?v\.?\s+)?"
    r"(?:mij|mijzelf|mijn|me)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.!?](?:\s|$)|\n")


@cache
def _donation_matcher() -> PhraseMatcher:
    return PhraseMatcher(
        parse_entry(line, "donation") for line in _contact_lines("donation_lines.txt")
    )


def donation_account(text: str, start: int) -> str | None:
    """Why the account starting at ``text[start]`` is presented as the organisation's
    account for donations ("doneer via", "steun ons: stort op"; data/contact/), or ``None``.
    An account presented as one's own ("mijn rekening") never is."""
    before = text[max(0, start - 60) : start]
    if _OWN_NUMBER.search(before) or _OWN_ACCOUNT_AFTER.match(text, start):
        return None
    # the sentence the account stands in: a full stop inside a link ("t.co") is no end
    ends = [m.end() for m in _CLAUSE_END.finditer(before)]
    clause = before[ends[-1] :] if ends else before
    found = list(_donation_matcher().find(clause))
    if not found:
        return None
    m = found[-1]
    return repr(clause[m.start : m.end])


def service_line(text: str, start: int, end: int) -> str | None:
    """Why the number at ``text[start:end]`` is a public service line, or ``None``:
    "app ons op ...", "onze hulplijn ...", "... (ma-vr 9-17 uur)" (data/contact/)."""
    lo = max(0, start - 60)
    before = text[lo:start]
    if _OWN_NUMBER.search(before):
        return None
    cut = max(before.rfind("."), before.rfind("!"), before.rfind("?"), before.rfind("\n"))
    found = [m for m in _service_matcher().find(before[cut + 1 :])]
    if found:
        m = found[-1]
        return repr(before[cut + 1 :][m.start : m.end])
    after = text[end : end + 60]
    for pattern in _opening_hours():
        m = pattern.search(after)
        if m:
            return f"opening hours {m.group()!r}"
    return None


class PhoneNumber(_PersonalDataRule, Rule):
    kinds = ("phone",)
    meta = RuleMeta(
        id="PD01",
        name="phone-number",
        title=Msg("Telefoonnummer", "Phone number"),
        category=Category.PERSONAL_DATA,
        severity=Severity.BLOCK,
        guidelines=GUIDELINES,
        why=Msg(
            "Een privé- of mobiel nummer in een openbaar bericht is voor altijd vindbaar en "
            "wordt misbruikt. " + _MW4,
            "A private or mobile number in a public post stays findable forever and gets "
            "misused. " + _MW4_EN,
        ),
        bad=Example(
            "Hoi! Het grofvuil wordt bij jou op donderdag opgehaald. Nog vragen? Bel me gerust "
            "op 06-12345678."
        ),
        good=Example(
            "Hoi! Het grofvuil wordt bij jou op donderdag opgehaald. Nog vragen? Bel 14 058 of "
            "kijk op de website."
        ),
        known_problems="Dutch and Belgian numbers only. A number that is valid in both countries "
        "is reported once. Company numbers written as ordinary landlines (020, 058 ...) are "
        "flagged unless the policy allowlists them; 14 0xx, 0800/0900 and Dutch 085/088 numbers "
        "are not. A landline that an organisation or in-function account presents as the "
        "general number ('ons algemene nummer', 'onthaal') is only a note.",
    )

    def lower(
        self, span: PIISpan, post: Post, ctx: CheckContext
    ) -> tuple[Severity, Msg, Msg, str] | None:
        if post.account is AccountKind.PERSONAL:
            return None
        before = post.text[max(0, span.start - 60) : span.start]
        fixed = any("fixed line" in t for t in span.trace)
        if fixed and _GENERAL_NUMBER.search(before):
            return self._note(span, "presented as the general number of the organisation")
        service = service_line(post.text, span.start, span.end)
        if service is not None:
            return self._note(span, f"presented as a public service line ({service})")
        return None

    def _note(self, span: PIISpan, why: str) -> tuple[Severity, Msg, Msg, str]:
        return (
            Severity.INFO,
            Msg(
                f"Dit lijkt een openbaar nummer van de organisatie ({span.text}: het algemene "
                "nummer of een hulp- of campagnelijn); dat mag in een bericht.",
                f"This looks like a public number of the organisation ({span.text}: the general "
                "number or a help or campaign line); that may be in a post.",
            ),
            Msg(
                "Laat het toevoegen aan de openbare telefoonnummers van de organisatie "
                "(Instellingen, bij Contactgegevens), dan herkent de controle het voortaan meteen.",
                "Add it to the [allowlist] of the policy file (phones), so the check knows it "
                "from now on.",
            ),
            why,
        )

    def explain(self, span: PIISpan, ctx: CheckContext) -> tuple[Msg, Msg]:
        phones = ctx.policy.settings.allowlist.phones
        general = (
            Msg(f"het algemene nummer {phones[0]}", f"the general number {phones[0]}")
            if phones
            else Msg(
                "het algemene nummer van de organisatie (in Nederland 14 + netnummer, zoals "
                "14 058)",
                "the organisation's general number (in the Netherlands 14 + area code, such as "
                "14 058)",
            )
        )
        site = _website(ctx)
        return (
            Msg(
                f"Dit is een telefoonnummer ({span.text}). Een privé- of mobiel nummer hoort "
                "niet in een openbaar bericht: geef nooit persoonlijke gegevens vrij zoals "
                "privételefoonnummers.",
                f"This is a phone number ({span.text}). A private or mobile number does not "
                "belong in a public post: never disclose personal data such as private phone "
                "numbers.",
            ),
            Msg(
                f"Verwijs naar {general.nl} of naar {site.nl}.{_ALLOWLIST_TIP.nl}",
                f"Refer to {general.en} or to {site.en}.{_ALLOWLIST_TIP.en}",
            ),
        )


#: Mail providers for private persons: an address there is private, not a work address.
_FREE_MAIL = frozenset(
    (
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.nl",
        "outlook.com",
        "outlook.be",
        "live.nl",
        "live.com",
        "live.be",
        "msn.com",
        "icloud.com",
        "me.com",
        "yahoo.com",
        "yahoo.nl",
        "ziggo.nl",
        "kpnmail.nl",
        "kpnplanet.nl",
        "planet.nl",
        "hetnet.nl",
        "home.nl",
        "xs4all.nl",
        "casema.nl",
        "chello.nl",
        "upcmail.nl",
        "online.nl",
        "zeelandnet.nl",
        "telenet.be",
        "skynet.be",
        "proximus.be",
        "scarlet.be",
        "gmx.com",
        "gmx.net",
        "proton.me",
        "protonmail.com",
        "tutanota.com",
    )
)


def _domain(address_or_url: str) -> str:
    host = address_or_url.rpartition("@")[2] if "@" in address_or_url else address_or_url
    host = host.split("//", 1)[-1].split("/", 1)[0].lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


class PersonalEmail(_PersonalDataRule, Rule):
    kinds = ("email",)
    meta = RuleMeta(
        id="PD02",
        name="personal-email",
        title=Msg("Persoonlijk e-mailadres", "Personal e-mail address"),
        category=Category.PERSONAL_DATA,
        severity=Severity.BLOCK,
        guidelines=GUIDELINES,
        why=Msg(
            "Een persoonlijk e-mailadres (van jezelf of van een inwoner) is een persoonsgegeven; "
            "een algemeen adres zoals info@ is dat niet. " + _MW4,
            "A personal e-mail address (yours or a resident's) is personal data; a role "
            "address such as info@ is not. " + _MW4_EN,
        ),
        bad=Example("Stuur je foto's maar naar mijn eigen mailadres: jan.devries1978@gmail.com"),
        good=Example("Stuur je foto's naar info@leeuwarden.nl, dan kijken we ernaar."),
        known_problems="Role addresses are recognised by their first word (info, gemeente, "
        "noreply, communicatie ...); an unusual role address is flagged until it is "
        "allowlisted. An allowlist entry '@domain' allows a whole domain.",
    )

    def lower(
        self, span: PIISpan, post: Post, ctx: CheckContext
    ) -> tuple[Severity, Msg, Msg, str] | None:
        if post.account is AccountKind.PERSONAL:
            return None
        domain = _domain(span.text)
        website = ctx.policy.settings.organisation.website
        own = website is not None and (
            domain == _domain(website) or domain.endswith("." + _domain(website))
        )
        if not own and (domain in _FREE_MAIL or not domain):
            return None
        return (
            Severity.INFO if own else Severity.WARN,
            Msg(
                f"Dit lijkt een persoonsgebonden werkadres ({span.text}). Dat is geen "
                "privégegeven, maar mail naar één persoon loopt vast bij ziekte of vakantie.",
                f"This looks like a personal work address ({span.text}). It is not private, but "
                "mail to one person gets stuck during illness or holidays.",
            ),
            Msg(
                "Verwijs liever naar een algemeen adres van de organisatie of het contactformulier "
                "op de website.",
                "Prefer a general address of the organisation or the contact form on the website.",
            ),
            "work address on an organisation or in-function account"
            + (" (the organisation's own domain)" if own else ""),
        )

    def explain(self, span: PIISpan, ctx: CheckContext) -> tuple[Msg, Msg]:
        emails = [e for e in ctx.policy.settings.allowlist.emails if not e.startswith(("@", "*"))]
        general = (
            Msg(f"het algemene adres {emails[0]}", f"the general address {emails[0]}")
            if emails
            else Msg(
                "een algemeen adres van de organisatie", "a general address of the organisation"
            )
        )
        site = _website(ctx)
        return (
            Msg(
                f"Dit is een persoonlijk e-mailadres ({span.text}). Zo'n adres is een "
                "persoonsgegeven en hoort niet in een openbaar bericht.",
                f"This is a personal e-mail address ({span.text}). It is personal data and does "
                "not belong in a public post.",
            ),
            Msg(
                f"Gebruik {general.nl} of een contactformulier op {site.nl}.{_ALLOWLIST_TIP.nl}",
                f"Use {general.en} or a contact form on {site.en}.{_ALLOWLIST_TIP.en}",
            ),
        )


class HomeAddress(_PersonalDataRule, Rule):
    kinds = ("address",)
    meta = RuleMeta(
        id="PD03",
        name="street-address",
        title=Msg("Straat en huisnummer", "Street and house number"),
        category=Category.PERSONAL_DATA,
        severity=Severity.BLOCK,
        guidelines=GUIDELINES,
        why=Msg(
            "Een straat met huisnummer wijst één woning aan: iemands huisadres. " + _MW4,
            "A street with a house number points at one home: someone's home address. " + _MW4_EN,
        ),
        bad=Example("Kom gerust eens langs, ik woon zelf op de Kerkstraat 12."),
        good=Example("De werkzaamheden in de Kerkstraat duren nog tot vrijdag."),
        known_problems="A public building's address is not flagged when the sentence names the "
        "building (stadhuis, bibliotheek, milieustraat ...), unless the words just before the "
        "street tie it to a person ('uit de', 'woont aan', 'Fatima van de': "
        "data/names/address_person_ties.txt); otherwise allowlist it. Streets "
        "without a usual suffix are recognised from a list of Dutch streets, not Belgian ones.",
    )

    def explain(self, span: PIISpan, ctx: CheckContext) -> tuple[Msg, Msg]:
        return (
            Msg(
                f"Dit is een straat met huisnummer ({span.text}). Een huisadres hoort niet in "
                "een openbaar bericht: geef nooit persoonlijke gegevens vrij zoals je huisadres.",
                f"This is a street with a house number ({span.text}). A home address does not "
                "belong in a public post: never disclose personal data such as your home "
                "address.",
            ),
            Msg(
                "Laat het huisnummer weg en noem alleen de straat of de wijk, of vraag het adres "
                f"in een privébericht.{_ALLOWLIST_TIP.nl}",
                "Leave out the house number and name only the street or the neighbourhood, or "
                f"ask for the address in a private message.{_ALLOWLIST_TIP.en}",
            ),
        )


class Postcode(_PersonalDataRule, Rule):
    kinds = ("postcode",)
    meta = RuleMeta(
        id="PD04",
        name="postcode",
        title=Msg("Postcode", "Postcode"),
        category=Category.PERSONAL_DATA,
        severity=Severity.WARN,
        guidelines=GUIDELINES,
        why=Msg(
            "Een volledige postcode wijst een paar huizen aan; met een huisnummer erbij één "
            "woning. " + _MW4,
            "A full postcode points at a few houses; with a house number, at one home. " + _MW4_EN,
        ),
        bad=Example("Mijn postcode is 8911 AB, op welke dag wordt de groene bak geleegd?"),
        good=Example("In postcodegebied 8911 wordt de groene bak op dinsdag geleegd."),
        known_problems="Only counted with a context (after an address, before a place name, or "
        "after the word postcode). A postcode right after a flagged address is reported with "
        "the address only.",
    )

    def skip(self, span: PIISpan, post: Post, ctx: CheckContext) -> bool:
        # Right after an address the address finding already covers it.
        return any(
            s.kind == "address" and 0 <= span.start - s.end <= 8
            for s in personal_data_spans(post, ctx)
        )

    def explain(self, span: PIISpan, ctx: CheckContext) -> tuple[Msg, Msg]:
        return (
            Msg(
                f"Dit is een postcode ({span.text}). Samen met een huisnummer wijst die één "
                "woning aan.",
                f"This is a postcode ({span.text}). With a house number it points at one home.",
            ),
            Msg(
                "Noem de wijk of de plaats in plaats van de postcode, of vraag de postcode in een "
                "privébericht.",
                "Name the neighbourhood or the town instead of the postcode, or ask for it in a "
                "private message.",
            ),
        )


class CitizenServiceNumber(_PersonalDataRule, Rule):
    kinds = ("bsn",)
    meta = RuleMeta(
        id="PD05",
        name="bsn",
        title=Msg("Burgerservicenummer (BSN)", "Citizen service number (BSN)"),
        category=Category.PERSONAL_DATA,
        severity=Severity.BLOCK,
        guidelines=GUIDELINES,
        why=Msg(
            "Een BSN is een bijzonder gevoelig persoonsgegeven: met een BSN is identiteitsfraude "
            "mogelijk. " + _MW4,
            "A BSN is especially sensitive personal data: it enables identity fraud. " + _MW4_EN,
        ),
        bad=Example("Mijn BSN is 111222333, kunnen jullie mijn aanvraag bekijken?"),
        good=Example(
            "Vermeld nooit je BSN in een bericht; we vragen het via een beveiligd kanaal."
        ),
        known_problems="A nine-digit number without the word BSN counts only when it passes the "
        "eleven-test and no other kind of number (klantnummer, kenmerk ...) is named before it; "
        "one in eleven random numbers passes.",
    )

    def explain(self, span: PIISpan, ctx: CheckContext) -> tuple[Msg, Msg]:
        return (
            Msg(
                f"Dit is een burgerservicenummer ({span.text}); het klopt met de elfproef. Een "
                "BSN deel je nooit openbaar.",
                f"This is a citizen service number ({span.text}); it passes the eleven-test. "
                "Never share a BSN publicly.",
            ),
            Msg(
                "Haal het BSN weg. Is het van een inwoner, vraag dan om het bericht aan te passen "
                "en ga verder via een privébericht of een beveiligd kanaal.",
                "Remove the BSN. If it is a resident's, ask them to edit their message and "
                "continue by private message or a secure channel.",
            ),
        )


class NationalRegisterNumber(_PersonalDataRule, Rule):
    kinds = ("national-number",)
    meta = RuleMeta(
        id="PD06",
        name="national-register-number",
        title=Msg("Rijksregisternummer", "Belgian national register number"),
        category=Category.PERSONAL_DATA,
        severity=Severity.BLOCK,
        guidelines=GUIDELINES,
        why=Msg(
            "Het Belgische rijksregisternummer bevat iemands geboortedatum en is een gevoelig "
            "persoonsgegeven. " + _MW4,
            "The Belgian national register number contains a person's date of birth and is "
            "sensitive personal data. " + _MW4_EN,
        ),
        bad=Example(
            "Mijn rijksregisternummer is 85.07.30-033.28, kunnen jullie mijn dossier nakijken?"
        ),
        good=Example(
            "Deel je rijksregisternummer nooit op sociale media; wij vragen het via het e-loket."
        ),
        known_problems="Checked with the mod-97 checksum, dotted or not; numbers of people born "
        "in 2000 or later are checked too.",
    )

    def explain(self, span: PIISpan, ctx: CheckContext) -> tuple[Msg, Msg]:
        return (
            Msg(
                f"Dit is een rijksregisternummer ({span.text}); de controlecijfers kloppen. Dat "
                "nummer deel je nooit openbaar.",
                f"This is a Belgian national register number ({span.text}); its check digits "
                "are right. Never share it publicly.",
            ),
            Msg(
                "Haal het nummer weg en ga verder via een privébericht of het e-loket.",
                "Remove the number and continue by private message or the e-counter.",
            ),
        )


class BankAccount(_PersonalDataRule, Rule):
    kinds = ("iban",)
    meta = RuleMeta(
        id="PD07",
        name="iban",
        title=Msg("Rekeningnummer (IBAN)", "Bank account number (IBAN)"),
        category=Category.PERSONAL_DATA,
        severity=Severity.BLOCK,
        guidelines=GUIDELINES,
        why=Msg(
            "Een rekeningnummer van een persoon is een persoonsgegeven en wordt gebruikt voor "
            "fraude. " + _MW4,
            "A person's bank account number is personal data and is used for fraud. " + _MW4_EN,
        ),
        bad=Example("Maak het geld maar over naar mijn rekening NL91 ABNA 0417 1643 00."),
        good=Example("Betalen kan via de betaalpagina op onze website."),
        known_problems="An account followed by 't.n.v.' and an organisation (gemeente, stichting, "
        "vereniging, ... B.V.) is the organisation's and is not flagged. On an organisation or "
        "in-function account, an account presented for donations ('doneer via', 'steun ons', "
        "data/contact/donation_lines.txt) is only a note.",
    )

    def lower(
        self, span: PIISpan, post: Post, ctx: CheckContext
    ) -> tuple[Severity, Msg, Msg, str] | None:
        if post.account is AccountKind.PERSONAL:
            return None
        why = donation_account(post.text, span.start)
        if why is None:
            return None
        return (
            Severity.INFO,
            Msg(
                f"Dit lijkt het rekeningnummer van de organisatie voor giften ({span.text}); "
                "dat mag in een bericht.",
                f"This looks like the organisation's account for donations ({span.text}); "
                "that may be in a post.",
            ),
            Msg(
                "Zet de naam van de organisatie erbij ('t.n.v. ...'), dan is het voor iedereen "
                "duidelijk.",
                "Add the organisation's name ('t.n.v. ...') so that it is clear to everyone.",
            ),
            f"presented as the organisation's account for donations ({why})",
        )

    def explain(self, span: PIISpan, ctx: CheckContext) -> tuple[Msg, Msg]:
        return (
            Msg(
                f"Dit is een rekeningnummer ({span.text}); het IBAN-controlegetal klopt. Het "
                "rekeningnummer van een persoon hoort niet in een openbaar bericht.",
                f"This is a bank account number ({span.text}); its IBAN check digits are "
                "right. A person's account number does not belong in a public post.",
            ),
            Msg(
                "Laat het rekeningnummer weg en regel de betaling via een privébericht of "
                f"{_website(ctx).nl}.",
                "Leave out the account number and arrange payment by private message or "
                f"{_website(ctx).en}.",
            ),
        )


class DateOfBirth(_PersonalDataRule, Rule):
    kinds = ("birth-date",)
    meta = RuleMeta(
        id="PD08",
        name="date-of-birth",
        title=Msg("Geboortedatum", "Date of birth"),
        category=Category.PERSONAL_DATA,
        severity=Severity.BLOCK,
        guidelines=GUIDELINES,
        why=Msg(
            "Een geboortedatum maakt iemand samen met een naam of adres eenduidig "
            "identificeerbaar. " + _MW4,
            "A date of birth, with a name or address, identifies a person. " + _MW4_EN,
        ),
        bad=Example("Mijn moeder, geboren op 12-03-1941, heeft hulp nodig bij haar aanvraag."),
        good=Example("Op 12-03-2024 besloot de raad over het nieuwe plan."),
        known_problems="Only dates next to a birth word (geboren, geb., geboortedatum, "
        "verjaardag, jarig, Flemish °) count; other dates are never flagged.",
    )

    def explain(self, span: PIISpan, ctx: CheckContext) -> tuple[Msg, Msg]:
        return (
            Msg(
                f"Dit is een geboortedatum ({span.text}). Die maakt iemand herkenbaar en hoort "
                "niet in een openbaar bericht.",
                f"This is a date of birth ({span.text}). It identifies a person and does not "
                "belong in a public post.",
            ),
            Msg(
                "Laat de geboortedatum weg; noem zo nodig alleen een leeftijd, of vraag het in "
                "een privébericht.",
                "Leave out the date of birth; mention an age if needed, or ask for it in a "
                "private message.",
            ),
        )


class LicencePlate(_PersonalDataRule, Rule):
    kinds = ("licence-plate",)
    meta = RuleMeta(
        id="PD09",
        name="licence-plate",
        title=Msg("Kenteken", "Licence plate"),
        category=Category.PERSONAL_DATA,
        severity=Severity.WARN,
        guidelines=GUIDELINES,
        why=Msg(
            "Via een kenteken is de eigenaar van een voertuig te vinden; een kenteken noemen "
            "kan iemand aan de schandpaal nagelen. " + _MW4,
            "A licence plate leads to the owner of a vehicle; naming one can pillory someone. "
            + _MW4_EN,
        ),
        bad=Example("De auto met kenteken 12-ABC-3 staat al weken op de stoep."),
        good=Example(
            "De auto staat al weken op de stoep; we hebben het doorgegeven aan handhaving."
        ),
        known_problems="Dutch side codes 1-14 and the Belgian 1-ABC-234, written with dashes; "
        "plates without dashes are not recognised.",
    )

    def explain(self, span: PIISpan, ctx: CheckContext) -> tuple[Msg, Msg]:
        return (
            Msg(
                f"Dit lijkt een kenteken ({span.text}). Via een kenteken is de eigenaar te vinden.",
                f"This looks like a licence plate ({span.text}). It leads to the vehicle's owner.",
            ),
            Msg(
                "Laat het kenteken weg; meld het zo nodig bij handhaving of de politie in plaats "
                "van in een openbaar bericht.",
                "Leave out the licence plate; report it to enforcement or the police instead of "
                "in a public post.",
            ),
        )


#: The private evidence of greeting or addressing the person the post replies to.
_ADDRESSED = ("greeted or thanked by name", "addressed by name in a reply")


def _addressee_first_name(span: PIISpan, verdict: Judgement) -> bool:
    """A first name on its own, greeted or addressed ("@USER Hoi Hans, ..."): the person the
    post answers, whose name is already public in their own post; a surname would add to it.
    """
    name = _GREETING_IN_SPAN.sub("", span.text)  # the tagger may take "Hoi" into the name
    return verdict.reason.startswith(_ADDRESSED) and len(name.split()) == 1


#: A greeting the name tagger took into the name ("Hoi Hans", "Dankjewel Bart").
_GREETING_IN_SPAN = re.compile(
    r"(?i)^(?:hoi|hallo|hey|hi|beste|dag|lieve|dankjewel|dank\s?je(?:\s?wel)?|bedankt|thanks)"
    r"[,!]?\s+"
)


class PersonName(_PersonalDataRule, Rule):
    kinds = ("person-name",)
    meta = RuleMeta(
        id="PD10",
        name="person-name",
        title=Msg("Naam van een persoon", "Name of a person"),
        category=Category.PERSONAL_DATA,
        severity=Severity.WARN,
        guidelines=GUIDELINES,
        why=Msg(
            "Een naam van een inwoner of een andere privépersoon is een persoonsgegeven; noem "
            "die alleen met toestemming. Namen van bestuurders in hun rol zijn geen probleem. "
            + _MW4,
            "The name of a resident or another private person is personal data; name them only "
            "with their consent. Office holders in their role are fine. " + _MW4_EN,
        ),
        bad=Example("Gisteren sprak ik met buurtbewoner Pieter de Vries over zijn klacht."),
        good=Example("Gisteren sprak ik met een buurtbewoner over zijn klacht."),
        known_problems="Found from Dutch first-name and surname lists, titles (mevrouw, dhr.) "
        "and capitalisation; unusual names without a title can be missed, and a name that is "
        "also a common word at the start of a sentence needs a known surname after it. The "
        "author's own name is not flagged. Whether the person is named in a public role is "
        "judged by detect/public_persons.py and detect/persons.py (a function, title, party "
        "or handle next to the name, the policy's [organisation] people): public names are "
        "not flagged, names with private evidence (buurtbewoner, patiënt, an age, 'uit "
        "<place>', a citizen addressed in a reply) are a warning, other names only a note. "
        "A person named twice is one finding.",
    )

    def _judge(self, span: PIISpan, post: Post, ctx: CheckContext) -> Judgement:
        org = ctx.policy.settings.organisation
        own = tuple(n for n in (post.author, post.display_name) if n)
        people = (*org.people, *ctx.policy.settings.archive.office_holders)

        def judged() -> Judgement:
            verdict = judge(post.text, span.start, span.end, own=own, people=people)
            if verdict.kind != "unknown":
                return verdict
            # the evidence detect/persons.py adds: "uit <place>", a reply to a citizen, a
            # plural function, the person's handle, a title in a debate ...
            kind, reason = more_evidence(post.text, span.start, span.end)
            return Judgement(kind, reason) if kind != "unknown" else verdict

        return ctx.memo(f"public-person:{span.start}:{span.end}", judged)

    def skip(self, span: PIISpan, post: Post, ctx: CheckContext) -> bool:
        # One finding per person: a later mention of the same name is the same person.
        if any(
            s.kind == "person-name" and s.text == span.text and s.end <= span.start
            for s in personal_data_spans(post, ctx)
        ):
            return True
        # The organisation's own office holders and officials (policy) are public persons.
        holders = ctx.policy.settings.archive.office_holders
        if holders and is_known_public(span.text, holders):
            return True
        return self._judge(span, post, ctx).kind == "public"

    def lower(
        self, span: PIISpan, post: Post, ctx: CheckContext
    ) -> tuple[Severity, Msg, Msg, str] | None:
        verdict = self._judge(span, post, ctx)
        if verdict.kind == "private" and _addressee_first_name(span, verdict):
            return self._addressee_note(span, verdict)
        if verdict.kind == "private":
            return None
        # Severity follows evidence: a bare name may well be a public person's.
        return (
            Severity.INFO,
            Msg(
                f"Dit lijkt de naam van een persoon ({span.text}). Is het een inwoner of een "
                "andere privépersoon, noem de naam dan alleen met toestemming; iemand in een "
                "publieke rol mag je noemen.",
                f"This looks like a person's name ({span.text}). If it is a resident or another "
                "private person, name them only with consent; someone in a public role is fine.",
            ),
            Msg(
                "Zet de functie bij de naam ('wethouder ...') als het om een publieke rol gaat; "
                "anders: laat de naam weg of vraag toestemming.",
                "Add the function to the name ('alderman ...') for a public role; otherwise "
                "leave out the name or ask for consent.",
            ),
            f"no private role next to the name ({verdict.reason}): a note only",
        )

    def _addressee_note(self, span: PIISpan, verdict: Judgement) -> tuple[Severity, Msg, Msg, str]:
        return (
            Severity.INFO,
            Msg(
                f"Je spreekt iemand aan met de voornaam ({span.text}). Dat is de persoon aan wie "
                "je antwoordt; noem geen achternaam of andere gegevens van een inwoner.",
                f"You address someone by first name ({span.text}): the person you reply to. Do "
                "not add a surname or other details of a resident.",
            ),
            Msg(
                "Prima zo; zet er geen achternaam of andere gegevens bij.",
                "Fine as it is; do not add a surname or other details.",
            ),
            f"{verdict.reason}, a first name only: the addressee, a note only",
        )

    def explain(self, span: PIISpan, ctx: CheckContext) -> tuple[Msg, Msg]:
        return (
            Msg(
                f"Dit lijkt de naam van een persoon ({span.text}). Noem geen namen van inwoners "
                "of andere privépersonen zonder hun toestemming.",
                f"This looks like a person's name ({span.text}). Do not name residents or "
                "other private persons without their consent.",
            ),
            Msg(
                "Laat de naam weg, gebruik alleen een voornaam of een omschrijving ('een "
                "bewoner'), of vraag eerst toestemming.",
                "Leave out the name, use only a first name or a description ('a resident'), or "
                "ask for consent first.",
            ),
        )


#: The name of the health and money words in the policy's keyword index.
SENSITIVE = "personal-data-sensitive"


@cache
def _sensitive_matcher() -> PhraseMatcher:
    """Health details and financial troubles (data/people/health_words.txt, per section)."""
    ref = resources.files("krantentoets") / "data" / "people" / "health_words.txt"
    group = "health"
    entries = []
    for raw in ref.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
            continue
        entries.append(parse_entry(line, group))
    return PhraseMatcher(entries)


_SENTENCE_END = re.compile(r"[.!?\n]")
#: A first name with an age: "Anouk (34)", "Anouk, 34,": a private person made identifiable.
_NAME_WITH_AGE = re.compile(
    r"\b([A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)\s*(?:\((\d{1,2})\)|,\s*\d{1,2}\s*,)"
)


def _sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    m = _SENTENCE_END.search(text, end)
    return lo, m.start() if m else len(text)


class SensitiveDetail(Rule):
    """Health (AVG art. 9) or financial details in the sentence of a private person's name."""

    meta = RuleMeta(
        id="PD11",
        name="health-or-money-of-person",
        title=Msg("Gezondheid of geldzaken van een persoon", "Health or money matters of a person"),
        category=Category.PERSONAL_DATA,
        severity=Severity.WARN,
        guidelines=GUIDELINES,
        why=Msg(
            "Gegevens over iemands gezondheid (ziekte, burn-out, zwangerschap, een opname) zijn "
            "bijzondere persoonsgegevens (AVG artikel 9); schulden of een uitkering zijn ook "
            "gevoelig. Samen met een naam is de persoon herkenbaar. " + _MW4,
            "Details about someone's health (illness, burn-out, pregnancy, a hospital stay) "
            "are special-category personal data (GDPR article 9); debts or benefits are "
            "sensitive too. Together with a name the person is identifiable. " + _MW4_EN,
        ),
        bad=Example("Onze collega Sanne Visser is met burn-out thuis."),
        good=Example("Een van onze collega's is een tijdje afwezig."),
        known_problems="Only a detail in the same sentence as the name counts (not 'zij' in "
        "the next sentence). A name in a public role (wethouder, a party) is not flagged. A "
        "first name alone counts only with an age ('Anouk (34)'). The words are in "
        "data/people/health_words.txt.",
    )

    def keywords(self, policy: Policy) -> Keywords:
        return Keywords(phrases={SENSITIVE: _sensitive_matcher()})

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        text = post.text
        found = ctx.keywords(text).find(SENSITIVE)
        topics = [m for m in found if m.group == "topic"]
        owns = [m for m in found if m.group == "own"]
        # A detail after a topic word ("over", "mensen met", "strijd tegen") is a subject, not
        # the state of the person named, unless a possessive stands between ("over haar
        # schulden").
        details = [
            d
            for d in found
            if d.group in ("health", "finance")
            and not any(
                0 <= d.start - t.end <= 30
                and not any(t.end <= o.start and o.end <= d.start for o in owns)
                for t in topics
            )
        ]
        if not details:
            return
        persons: list[tuple[int, int, str]] = []
        for span in personal_data_spans(post, ctx):
            if span.kind != "person-name":
                continue
            # Also a colleague or an office holder: a health detail is about the person, not
            # their role (a detail in their role is a topic, see above).
            persons.append((span.start, span.end, span.text))
        from krantentoets.detect.names import lists

        first = lists().first
        for m in _NAME_WITH_AGE.finditer(text):
            if m.group(1) in first and not any(s <= m.start(1) < e for s, e, _ in persons):
                persons.append((m.start(1), m.end(1), m.group(1)))
        seen: set[str] = set()
        for start, end, name in sorted(persons):
            if name in seen:
                continue
            lo, hi = _sentence_of(text, start, end)
            detail = next((d for d in details if lo <= d.start and d.end <= hi), None)
            if detail is None:
                continue
            seen.add(name)
            health = detail.group == "health"
            what = Msg(
                "een gezondheidsgegeven" if health else "een gegeven over geldzaken",
                "a health detail" if health else "a detail about money matters",
            )
            said = text[detail.start : detail.end]
            yield Hit(
                start=detail.start,
                end=detail.end,
                message=Msg(
                    f"Hier staat {what.nl} ('{said}') bij de naam van een persoon ({name}). "
                    + (
                        "Gegevens over iemands gezondheid zijn bijzondere persoonsgegevens "
                        "(AVG artikel 9). "
                        if health
                        else "Schulden, een uitkering of armoede zijn gevoelige gegevens. "
                    )
                    + "MW-4 en MA-6: plaats geen informatie over personen zonder hun "
                    "toestemming.",
                    f"This puts {what.en} ('{said}') next to a person's name ({name}). "
                    + (
                        "Health data are special-category personal data (GDPR article 9). "
                        if health
                        else "Debts, benefits or poverty are sensitive data. "
                    )
                    + "MW-4 and MA-6: do not publish information about individuals without "
                    "their consent.",
                ),
                suggestion=Msg(
                    "Laat de naam of het detail weg ('een collega is een tijdje afwezig'), of "
                    "vraag de persoon eerst uitdrukkelijk toestemming.",
                    "Leave out the name or the detail ('a colleague is away for a while'), or "
                    "ask the person for explicit consent first.",
                ),
                trace=(
                    f"personal data: {detail.group} detail",
                    f"entry {detail.source!r}",
                    f"same sentence as the name {name!r}",
                ),
            )


RULES: tuple[type[Rule], ...] = (
    PhoneNumber,
    PersonalEmail,
    HomeAddress,
    Postcode,
    CitizenServiceNumber,
    NationalRegisterNumber,
    BankAccount,
    DateOfBirth,
    LicencePlate,
    PersonName,
    SensitiveDetail,
)
