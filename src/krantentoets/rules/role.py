"""Category ``role`` (MW-4, MA-1): make clear in which role you post; no pseudonyms.

MW-4: "Als je zelf reageert, maak dan altijd je rol duidelijk als vertegenwoordiger
van de gemeente. Het is niet acceptabel om een schuilnaam te gebruiken." MA-1:
"Maak eventueel in uw profiel duidelijk vanuit welke rol de berichten worden
geplaatst."

Only ``in-function`` accounts are checked: a person speaking in their role. An
``organisation`` account speaks as the organisation itself and a ``personal``
account as a private person; neither has a role to state here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from krantentoets.post import AccountKind, Post
from krantentoets.report import Category, Severity
from krantentoets.rules.base import CheckContext, Example, Hit, Msg, Rule, RuleMeta

_I = re.IGNORECASE

#: Offices and job titles that say in which role someone speaks.
_OFFICE = (
    r"(?:gemeente)?raadslid|raadsleden|wethouder|schepen|(?:loco-?)?burgemeester"
    r"|fractievoorzitter|fractielid|steunfractielid|commissielid|gedeputeerde|statenlid"
    r"|ocmw-voorzitter|bcsd-voorzitter|gemeentesecretaris|algemeen\s+directeur|griffier"
    r"|woordvoerder|communicatieadviseur|communicatiemedewerker|ambtenaar|beleidsmedewerker"
    r"|beleidsadviseur|wijkregisseur|wijkmanager|handhaver|boa|gemeenteambtenaar"
)
#: Job words that say a role only together with an employer ("medewerker bij ...").
_JOB = r"\w*(?:medewerker|adviseur|coördinator|coordinator|leider|manager|consulent|directeur)"

_ROLE_IN_BIO = re.compile(
    rf"\b(?:{_OFFICE})\b"
    rf"|\b{_JOB}\b[^\n]{{0,40}}?(?:\b(?:bij|van|voor|gemeente|stad)\b|@)"
    r"|\bnamens\b|\bwerkzaam\s+(?:bij|voor)\b|\bwerk\s+(?:bij|voor)\b|\bin\s+dienst\s+(?:van|bij)\b"
    r"|\b(?:gemeente|stad|provincie)\s+\w"
    r"|\b(?:ocmw|cpas)\b",
    _I,
)

_ROLE_IN_TEXT = re.compile(
    rf"\b(?:als|ik\s+ben|ben\s+ik|in\s+mijn\s+(?:rol|functie)\s+(?:als|van))\s+(?:\w+\s+){{0,2}}?"
    rf"(?:{_OFFICE}|{_JOB})\b"
    r"|\bnamens\s+(?:de|het|onze|ons)?\s*\w"
    r"|\bwerkzaam\s+(?:bij|voor)\b|\bik\s+werk\s+(?:bij|voor)\b"
    r"|\(\s*(?:gemeente|stad|provincie)\s+[^()\n]{1,40}\)",
    _I,
)

#: A sign-off at the end: "..., wethouder Sport" / "– Wethouder Anna de Vries".
_SIGNATURE = re.compile(rf"[,–—|-]\s*(?:{_OFFICE}|{_JOB})\b[^\n.!?]{{0,50}}$", _I)
#: A sign-off line of its own: "Anna de Vries, wethouder Sport" / "– Anna, raadslid".
_SIGNATURE_LINE = re.compile(
    rf"^\s*(?:[-–—]\s*[^\n]{{0,60}}?\b|(?:[\w.'-]+\s+){{0,4}}?[\w.'-]+,\s*)"
    rf"(?:{_OFFICE}|{_JOB})\b[^\n.!?]{{0,50}}$",
    _I,
)


#: Cheap pre-filter for the text: without one of these, no role statement can match.
_TEXT_STEMS = (
    "namens", "werkzaam", "ik werk", "(gemeente", "(stad", "(provincie", "raadsl", "wethouder",
    "schepen", "burgemeester", "fractie", "commissielid", "gedeputeerde", "statenlid", "ocmw",
    "bcsd", "secretaris", "directeur", "griffier", "woordvoerder", "communicatie", "ambtenaar",
    "beleids", "wijkregisseur", "wijkmanager", "handhaver", "boa", "medewerker", "adviseur",
    "coördinator", "coordinator", "leider", "manager", "consulent",
)  # fmt: skip


@lru_cache(maxsize=32)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = [r"\s+".join(re.escape(w) for w in n.split()) for n in names if n.strip()]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", _I)


def role_is_clear(post: Post, organisation_names: tuple[str, ...] = ()) -> str | None:
    """Where the role is made clear (``"bio"``/``"text"``), or ``None``."""
    names = _names_pattern(organisation_names)
    bio = post.bio or ""
    if bio and (_ROLE_IN_BIO.search(bio) or (names and names.search(bio))):
        return "bio"
    low = post.text.lower()
    if not any(stem in low for stem in _TEXT_STEMS):
        return None
    if _ROLE_IN_TEXT.search(post.text):
        return "text"
    text = post.text.rstrip()
    if _SIGNATURE.search(text[-120:]):
        return "text"
    if "\n" in text and _SIGNATURE_LINE.search(text.rsplit("\n", 1)[-1][-160:]):
        return "text"
    return None


def _organisation_names(ctx: CheckContext) -> tuple[str, ...]:
    """The organisation's name, aliases and handles: naming it shows the role too."""
    org = ctx.policy.settings.organisation
    return tuple(n for n in (org.name, *org.aliases, *org.handles) if n)


class RoleNotClear(Rule):
    meta = RuleMeta(
        id="RO01",
        name="role-not-clear",
        title=Msg("Rol niet duidelijk", "Role not clear"),
        category=Category.ROLE,
        severity=Severity.WARN,
        guidelines=("MW-4", "MA-1"),
        why=Msg(
            "Wie in functie reageert, spreekt namens de organisatie. Lezers moeten kunnen zien "
            "vanuit welke rol je schrijft: zet je functie en organisatie in je profiel of in het "
            "bericht.",
            "Whoever responds in their role speaks for the organisation. Readers must be able to "
            "see in which role you write: state your position and organisation in your profile "
            "or in the post.",
        ),
        bad=Example(
            "Goed nieuws: de skatebaan in Bilgaard gaat eind mei open!",
            account=AccountKind.IN_FUNCTION,
            bio="Papa van twee, fietser, koffieliefhebber.",
        ),
        good=Example(
            "Goed nieuws: de skatebaan in Bilgaard gaat eind mei open, kom je ook?",
            account=AccountKind.IN_FUNCTION,
            bio="Wethouder Sport en Jeugd, gemeente Leeuwarden.",
        ),
        known_problems="Looks for role words (wethouder, raadslid, schepen, medewerker bij, "
        "namens, ...) and the organisation's name in the profile text and the post; a role "
        "described in other words is missed, and a role word in the profile is trusted.",
    )

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        if post.account is not AccountKind.IN_FUNCTION:
            return
        org = ctx.policy.settings.organisation
        if role_is_clear(post, _organisation_names(ctx)) is not None:
            return
        yield Hit(
            start=None,
            end=None,
            message=Msg(
                "Je plaatst dit in functie, maar je profiel en je bericht maken niet duidelijk "
                "in welke rol je spreekt.",
                "You post this in your role, but neither your profile nor the post says in "
                "which role you speak.",
            ),
            suggestion=Msg(
                "Zet je functie en organisatie in je profiel (bijvoorbeeld 'Wethouder Sport en "
                "Jeugd' of 'Medewerker Klantcontact bij {org}'), of noem je rol in het bericht.",
                "Put your position and organisation in your profile (for example 'Alderman for "
                "Sport and Youth' or 'Customer service at {org}'), or mention your role in the "
                "post.",
            ).format(org=org.name),
            trace=("account in-function", "no role word in bio or text"),
        )


#: Name particles that two different names often share.
_PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "t",
        "ter",
        "ten",
        "te",
        "la",
        "le",
        "du",
        "von",
        "vande",
        "vander",
        "in",
        "op",
        "s",
        "d",
        "v",
    ]
)
_NAME_PART = re.compile(r"[^\W\d_]+")


def _fold(s: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)
    ).lower()


def name_parts(name: str) -> set[str]:
    """Lower-cased, accent-free parts of a name, without particles and initials."""
    return {p for p in _NAME_PART.findall(_fold(name)) if len(p) > 1 and p not in _PARTICLES}


_HANDLE_LIKE = re.compile(r"[@_#\d]|^[a-z][\w.]*$|^[A-Z]?[a-z]+(?:[A-Z][a-z]+)+$")


def looks_like_handle(display_name: str) -> bool:
    """``@wim_wethouder``, ``wim88``, ``dewethouder``, ``WethouderWim``: not a person's name."""
    name = display_name.strip()
    return bool(name) and bool(_HANDLE_LIKE.search(name))


def pseudonym_reason(display_name: str, author: str | None) -> str | None:
    """Why ``display_name`` hides the author's real name, or ``None``."""
    shown = name_parts(display_name)
    if author:
        real = name_parts(author)
        if real:
            if shown & real:
                return None
            squashed = "".join(_NAME_PART.findall(_fold(display_name)))
            if any(len(p) >= 3 and p in squashed for p in real):
                return None
            return "shares no name part with the author"
    if looks_like_handle(display_name):
        return "looks like a handle or nickname"
    return None


def names_an_organisation(display_name: str, ctx: CheckContext) -> bool:
    """A party's name (``D66``, ``GroenLinks``, ``JA21``; data/people/parties.txt) or the
    organisation's own name, alias or handle is who speaks, not a pseudonym or a nickname."""
    from krantentoets.detect.public_persons import norm, parties

    org = ctx.policy.settings.organisation
    known = {norm(n) for n in (*parties(), org.name, *org.aliases, *org.handles)}
    return norm(display_name.lstrip("@")) in known - {""}


class Pseudonym(Rule):
    meta = RuleMeta(
        id="RO02",
        name="pseudonym",
        title=Msg("Schuilnaam", "Pseudonym"),
        category=Category.ROLE,
        severity=Severity.WARN,
        guidelines=("MW-4", "MA-1"),
        why=Msg(
            "Wie in functie reageert, doet dat onder de eigen naam. Een schuilnaam of bijnaam "
            "misleidt lezers over wie er namens de organisatie spreekt.",
            "Whoever responds in their role does so under their own name. A pseudonym or "
            "nickname misleads readers about who speaks for the organisation.",
        ),
        bad=Example(
            "Het parkeerbeleid in de binnenstad wordt per 1 juli aangepast.",
            account=AccountKind.IN_FUNCTION,
            display_name="Parkeerheld",
            author="Anna de Vries",
            bio="Beleidsadviseur parkeren bij gemeente Leeuwarden",
        ),
        good=Example(
            "Het parkeerbeleid in de binnenstad wordt per 1 juli aangepast. Meer uitleg volgt.",
            account=AccountKind.IN_FUNCTION,
            display_name="Anna de Vries",
            author="Anna de Vries",
            bio="Beleidsadviseur parkeren bij gemeente Leeuwarden",
        ),
        known_problems="Without the author's real name only handle-like display names "
        "(@, _, digits, all lower case, CamelCase) are noticed; a made-up name that looks "
        "like a real one is missed. A party's or the organisation's own name is no pseudonym.",
    )

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        if post.account is not AccountKind.IN_FUNCTION or not post.display_name:
            return
        if names_an_organisation(post.display_name, ctx):
            return
        reason = pseudonym_reason(post.display_name, post.author)
        if reason is None:
            return
        yield Hit(
            start=None,
            end=None,
            message=Msg(
                "Je weergavenaam '{name}' laat niet zien wie je bent. Het is niet acceptabel "
                "om een schuilnaam te gebruiken als je in functie reageert.",
                "Your display name '{name}' does not show who you are. Using a pseudonym is not "
                "acceptable when you respond in your role.",
            ).format(name=post.display_name),
            suggestion=Msg(
                "Gebruik je echte naam als weergavenaam, eventueel met je functie erbij "
                "(bijvoorbeeld 'Anna de Vries | gemeente').",
                "Use your real name as display name, optionally with your position (for example "
                "'Anna de Vries | municipality').",
            ),
            trace=("account in-function", f"display name {reason}"),
        )


#: Business of the council or the executive: decisions, votes, meetings, motions.
_OFFICE_BUSINESS = re.compile(
    r"\b(?:de\s+(?:gemeente)?raad|het\s+college|gemeenteraad|provincieraad|districtsraad)\s+"
    r"(?:\w+\s+){0,4}?(?:ingestemd|besloten|beslist|gestemd|aangenomen|verworpen|goedgekeurd"
    r"|afgewezen|akkoord)\b"
    r"|\b(?:raadsvergadering|raadsavond|raadsdebat|raadsvoorstel|raadsbesluit|collegebesluit"
    r"|collegevoorstel|gemeenteraadszitting|commissievergadering|motie|amendement)\w*\b",
    _I,
)


class OfficeBusinessOnPersonalAccount(Rule):
    meta = RuleMeta(
        id="RO03",
        name="office-business-on-personal-account",
        title=Msg("Raadswerk vanaf een privéaccount", "Council business from a personal account"),
        category=Category.ROLE,
        severity=Severity.INFO,
        guidelines=("MW-4", "MA-1"),
        why=Msg(
            "Wie vanaf een privéaccount schrijft over besluiten van de raad of het college, "
            "wordt toch gelezen als iemand van de organisatie. Maak duidelijk in welke rol je "
            "dit zegt: als privépersoon of in functie.",
            "Whoever writes about decisions of the council or the executive from a personal "
            "account is still read as someone of the organisation. Make clear in which role you "
            "say it: as a private person or in office.",
        ),
        bad=Example(
            "Vanavond heeft de raad ingestemd met het nieuwe zwembad. Mooie avond!",
            account=AccountKind.PERSONAL,
            bio="Fietser, vader, Leeuwarder.",
        ),
        good=Example(
            "Vanavond heeft de raad ingestemd met het nieuwe zwembad. Mooie avond!",
            account=AccountKind.PERSONAL,
            bio="Raadslid voor de Partij van Leeuwarden; hier schrijf ik privé.",
        ),
        known_problems="Only a note (info): a resident sharing council news is not wrong. "
        "Council business is recognised by words such as 'de raad heeft ingestemd', "
        "'raadsvergadering', 'motie'; other wordings are missed.",
    )

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        if post.account is not AccountKind.PERSONAL:
            return
        m = _OFFICE_BUSINESS.search(post.text)
        if m is None:
            return
        if role_is_clear(post, _organisation_names(ctx)) is not None:
            return
        yield Hit(
            start=m.start(),
            end=m.end(),
            message=Msg(
                "Je schrijft vanaf een privéaccount over werk van de raad of het college. "
                "Lezers zien niet of je dit als privépersoon of in functie zegt.",
                "You write from a personal account about the work of the council or the "
                "executive. Readers cannot see whether you say this privately or in office.",
            ),
            suggestion=Msg(
                "Maak in je profiel duidelijk vanuit welke rol je hier schrijft (bijvoorbeeld "
                "'Raadslid; hier schrijf ik privé'), of plaats het via je account in functie.",
                "State in your profile in which role you write here (for example 'Council "
                "member; personal views'), or post it from your account in office.",
            ),
            trace=("account personal", f"council business: {m.group()!r}", "no role in bio"),
        )


RULES: tuple[type[Rule], ...] = (RoleNotClear, Pseudonym, OfficeBusinessOnPersonalAccount)
