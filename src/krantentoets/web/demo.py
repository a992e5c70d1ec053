"""Sample data for ``krantentoets demo`` (USERS.md, moment 6): a newcomer sees every page filled.

- a user for every role, all with :data:`DEMO_PASSWORD`, named after the role;
- mentions in the inbox spread over the past weeks (triaged by the real triage
  when it is installed, else with the labels written here);
- example drafts on the check page (:data:`EXAMPLES`), one click to check each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.engine import Engine

from krantentoets.auth import Role
from krantentoets.store import session_scope
from krantentoets.store.base import utcnow

DEMO_PASSWORD = "demo-wachtwoord"

DEMO_NAMES: dict[Role, str] = {
    Role.MEDEWERKER: "Mila de Vries",
    Role.MANDATARIS: "Wethouder Jan Bakker",
    Role.COMMUNICATIE: "Sanne Visser",
    Role.LEIDINGGEVENDE: "Ahmed El Amrani",
    Role.ARCHIVARIS: "Joke Mulder",
    Role.BEHEERDER: "Pieter Smit",
}


@dataclass(frozen=True, slots=True)
class Example:
    title: str
    text: str
    platform: str = ""
    account: str = "organisation"
    profile: str = "medewerkers"
    reply_to: str = ""


#: Drafts shown on the check page in demo mode (the moments of USERS.md).
EXAMPLES: tuple[Example, ...] = (
    Example(
        "Antwoord op een vraag over grofvuil, met een privénummer",
        "Hoi Karin, het grofvuil wordt in jouw wijk op de eerste dinsdag van de maand "
        "opgehaald. Heb je nog vragen? Bel me gerust op 06-12345678.",
        platform="facebook",
        reply_to="Wanneer halen jullie eigenlijk het grofvuil op in Bilgaard?",
    ),
    Example(
        "Hetzelfde antwoord, aangepast",
        "Hoi Karin, het grofvuil wordt in jouw wijk op de eerste dinsdag van de maand "
        "opgehaald. Aanmelden kan via de website of via 14 058.",
        platform="facebook",
        reply_to="Wanneer halen jullie eigenlijk het grofvuil op in Bilgaard?",
    ),
    Example(
        "Geruststellen na een brand",
        "Na de brand in de Vlietzone van vannacht is de situatie onder controle. De oorzaak "
        "is nog niet bekend. Bewoners die vragen hebben kunnen terecht in het buurthuis.",
        platform="x",
    ),
    Example(
        "Avondpost van een wethouder",
        "Vanavond heeft de raad eindelijk ingestemd met het nieuwe zwembad! Jammer dat die "
        "zeurpiet De Boer weer eens alleen maar kon dwarsliggen. Dank aan alle bewoners die "
        "kwamen.",
        platform="facebook",
        account="personal",
        profile="mandatarissen",
    ),
    Example(
        "Te lang voor X",
        "Beste inwoners, de werkzaamheden aan de Harlingerstraatweg duren langer dan gepland. "
        "De aannemer heeft meer tijd nodig omdat er onder de weg oude leidingen zijn gevonden "
        "die eerst vervangen moeten worden. Fietsers kunnen via de Spanjaardslaan omrijden; "
        "voor auto's staan er gele borden. We verwachten dat de weg half december weer open is.",
        platform="x",
    ),
)

#: (source, author, text, days ago, label, advice, reasons) for the inbox.
MENTIONS: tuple[tuple[str, str, str, int, str, str, str], ...] = (
    (
        "rss:omroep",
        "Redactie Omroep",
        "Gemeente opent nieuw zwembad in de zomer van 2026: "
        "de bouw ligt op schema, meldt de wethouder.",
        1,
        "other",
        "no-response",
        "Nieuwsbericht zonder oordeel.",
    ),
    (
        "mastodon:#gemeente",
        "@karin",
        "Wat een snelle reactie van de gemeente op mijn melding "
        "over de kapotte lantaarnpaal. Dank jullie wel!",
        0,
        "compliment",
        "no-response",
        "Dankbetuiging aan de organisatie.",
    ),
    (
        "mastodon:#gemeente",
        "@pieter_b",
        "Alweer drie weken geen grofvuil opgehaald in de Vlietzone. Belachelijk gewoon.",
        0,
        "criticism",
        "no-response",
        "Kritiek op de dienstverlening; een mening, geen vraag.",
    ),
    (
        "bluesky:gemeente",
        "anna.bsky.social",
        "Weet iemand tot hoe laat het stadskantoor vandaag open is? Ik moet mijn paspoort ophalen.",
        0,
        "question",
        "answer",
        "Vraag over openingstijden: een antwoord helpt.",
    ),
    (
        "rss:omroep",
        "Lezersbrief",
        "De gemeente heeft de subsidie voor het buurthuis "
        "stopgezet, zonder het buurthuis ook maar te informeren.",
        2,
        "claim",
        "communications",
        "Bewering over een besluit van de gemeente: controleer de feiten.",
    ),
    (
        "mastodon:#gemeente",
        "@jeroen",
        "De ambtenaren bij het loket zijn allemaal zakkenvullers en idioten.",
        3,
        "abuse",
        "communications",
        "Medewerkers worden beledigd.",
    ),
    (
        "bluesky:gemeente",
        "lisa.bsky.social",
        "Complimenten voor de mensen van de groenvoorziening, het park ziet er prachtig uit.",
        5,
        "compliment",
        "no-response",
        "Compliment voor een team.",
    ),
    (
        "bluesky:gemeente",
        "tom.bsky.social",
        "Waarom duurt een vergunning voor een dakkapel bij jullie 12 weken? Hoe zit dat?",
        6,
        "question",
        "answer",
        "Vraag over beleid: een medewerker kan uitleg geven.",
    ),
    (
        "mastodon:#gemeente",
        "@marleen",
        "Het nieuwe parkeerbeleid is slecht nagedacht. Ondernemers in de binnenstad zijn de dupe.",
        9,
        "criticism",
        "no-response",
        "Kritiek op beleid; iedereen mag een mening hebben.",
    ),
    (
        "rss:omroep",
        "Redactie Omroep",
        "Bewoners tevreden over nieuwe speeltuin in Heechterp.",
        12,
        "compliment",
        "no-response",
        "Positief bericht over de gemeente.",
    ),
    (
        "mastodon:#gemeente",
        "@sander",
        "Fijn dat de gemeente zo snel de gladheid heeft bestreden, top gedaan.",
        16,
        "compliment",
        "no-response",
        "Dankbetuiging.",
    ),
    (
        "bluesky:gemeente",
        "ruud.bsky.social",
        "Drie keer gebeld over de lekkage, nog steeds niemand geweest. Slechte service.",
        19,
        "criticism",
        "no-response",
        "Kritiek op de dienstverlening.",
    ),
    (
        "mastodon:#gemeente",
        "@fatima",
        "Dank aan de wijkagent en de gemeente voor de buurtbijeenkomst gisteren!",
        23,
        "compliment",
        "no-response",
        "Dankbetuiging.",
    ),
    (
        "rss:omroep",
        "Lezersbrief",
        "De afvalstoffenheffing stijgt volgend jaar met 40 procent, heeft de gemeente besloten.",
        26,
        "claim",
        "communications",
        "Bewering met een getal: controleer of het klopt.",
    ),
    (
        "mastodon:#gemeente",
        "@henk",
        "Wanneer gaat de gemeente eindelijk iets doen aan het hardrijden in de Tesselschadestraat?",
        30,
        "criticism",
        "no-response",
        "Kritiek in vraagvorm.",
    ),
    (
        "bluesky:gemeente",
        "eva.bsky.social",
        "Wat een mooie opening van de bibliotheek, "
        "complimenten aan iedereen die eraan gewerkt heeft.",
        33,
        "compliment",
        "no-response",
        "Compliment.",
    ),
    (
        "mastodon:#gemeente",
        "@bas",
        "Het loket was weer eens dicht terwijl de website zei dat het open was. Slordig.",
        38,
        "criticism",
        "no-response",
        "Kritiek.",
    ),
    (
        "bluesky:gemeente",
        "noor.bsky.social",
        "Hoe vraag ik een gehandicaptenparkeerkaart aan?",
        41,
        "question",
        "answer",
        "Vraag over een dienst.",
    ),
    (
        "mastodon:#gemeente",
        "@willem",
        "Prima geregeld, de nieuwe fietsenstalling bij het station. Dank!",
        47,
        "compliment",
        "no-response",
        "Compliment.",
    ),
    (
        "mastodon:#gemeente",
        "@ingrid",
        "Onbegrijpelijk dat de bomen aan de singel gekapt worden.",
        52,
        "criticism",
        "no-response",
        "Kritiek op een besluit.",
    ),
)


def _triage() -> Any:
    try:
        from krantentoets.monitor.triage import triage
    except ImportError:
        return None
    return triage


def seed_demo(engine: Engine) -> None:
    """Fill an empty, migrated database with the demo users and inbox."""
    from argon2 import PasswordHasher

    from krantentoets.auth import use_hasher
    from krantentoets.policy import default_policy
    from krantentoets.store.monitor import Mention, MonitorSource
    from krantentoets.store.users import create_user

    # Demo passwords are public; a light hash keeps the start quick.
    use_hasher(PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1))
    try:
        with session_scope(engine) as session:
            for role in Role:
                create_user(session, role.value, role, DEMO_PASSWORD, full_name=DEMO_NAMES[role])
    finally:
        use_hasher(None)
    triage = _triage()
    policy = default_policy()
    now = utcnow()
    with session_scope(engine) as session:
        sources: dict[str, MonitorSource] = {}
        for name in sorted({m[0] for m in MENTIONS}):
            sources[name] = MonitorSource(name=name, kind=name.split(":")[0], state={})
            session.add(sources[name])
        session.flush()
        for i, (source, author, text, days, label, advice, reason) in enumerate(MENTIONS):
            reasons: list[Any] = [reason]
            tone = None
            if triage is not None:
                try:
                    result = triage(text, policy)
                    label = str(result.label)
                    advice = str(result.advice)
                    reasons = list(result.reasons)
                    tone = getattr(result, "sentiment", None)
                except Exception:  # the demo shows the written labels instead
                    pass
            when = now - timedelta(days=days, hours=(i * 5) % 11)
            session.add(
                Mention(
                    source_id=sources[source].id,
                    external_id=f"demo-{i}",
                    url=None,
                    author=author,
                    author_name=author,
                    text=text,
                    published_at=when,
                    fetched_at=when,
                    matched=["gemeente"],
                    label=label,
                    signal=label in ("compliment", "criticism", "claim", "abuse"),
                    advice=advice,
                    reasons=[r if isinstance(r, str | dict) else str(r) for r in reasons],
                    sentiment=None if tone is None else tone.label,
                    sentiment_score=None if tone is None else tone.score,
                    handled_at=when + timedelta(hours=3) if days > 20 else None,
                    handled_by="communicatie" if days > 20 else None,
                )
            )
    seed_settings(engine)
    seed_signals(engine)
    seed_alignment(engine)
    seed_archive(engine)


#: Settings the demo organisation "changed in the app" (so the settings page has a history
#: and the header names an organisation).
DEMO_SETTINGS: dict[str, Any] = {
    "organisation.name": "gemeente Noordwaard",
    "organisation.website": "https://www.noordwaard.example",
    "allowlist.phones": ["14 0519"],
    "allowlist.emails": ["info@noordwaard.example"],
    "spokesperson.topics": ["zwembad De Welle"],
    "confidential.terms": ["Project Zuidrand"],
    "archive.office_holders": ["Jan Bakker", "Burgemeester De Haan"],
}

#: (who, role, text, link, note) signalled by colleagues from places monitoring cannot reach.
SIGNALS: tuple[tuple[str, str, str, str], ...] = (
    (
        "medewerker",
        "In de buurtapp van Vlietzone: 'Al drie weken ligt er een berg afval bij de "
        "glasbak aan de Kastanjelaan. Belt de gemeente eigenlijk ooit terug?'",
        "",
        "Buurtapp Vlietzone, gisteravond. Veel reacties eronder.",
    ),
    (
        "mandataris",
        "Mooi om te zien hoe snel de gemeente de speeltuin in Heechterp heeft gerepareerd. "
        "Complimenten aan de buitendienst!",
        "https://facebook.example/groups/heechterp/posts/123",
        "Besloten Facebookgroep van de wijk; doorgestuurd door een bewoner.",
    ),
)


def seed_settings(engine: Engine) -> None:
    from krantentoets.store.settings import set_override

    with session_scope(engine) as session:
        for key, value in DEMO_SETTINGS.items():
            set_override(session, key, value, "beheerder")


def seed_signals(engine: Engine) -> None:
    from krantentoets.monitor.signal import add_signal
    from krantentoets.policy import default_policy

    policy = default_policy()
    with session_scope(engine) as session:
        for who, text, link, note in SIGNALS:
            add_signal(session, who, text=text, url=link, note=note, policy=policy)


FIRE = (
    "Na de brand in de Vlietzone van vannacht is de situatie onder controle. De oorzaak "
    "is nog niet bekend. Bewoners met vragen kunnen vandaag terecht in buurthuis De Schakel."
)
FIRE_QUESTION = "Wat is er vannacht gebeurd in de Vlietzone? Overal sirenes en rook."


def seed_alignment(engine: Engine) -> None:
    """A request in every state: waiting (one urgent), a conflict about who responds,
    changes asked, approved, rejected, withdrawn (published ones: :func:`seed_archive`)."""
    from krantentoets.policy import default_policy
    from krantentoets.workflow.rules import Actor
    from krantentoets.workflow.service import decide, submit, withdraw

    policy = default_policy()
    mila = Actor("medewerker", "medewerker")
    jan = Actor("mandataris", "mandataris")
    ahmed = Actor("leidinggevende", "leidinggevende")
    sanne = Actor("communicatie", "communicatie")
    with session_scope(engine) as s:
        submit(
            s,
            mila,
            FIRE,
            policy=policy,
            platform="facebook",
            reply_to_text=FIRE_QUESTION,
            reply_to_author="Karin de Jong",
            comment="Veel vragen op onze Facebookpagina; graag snel.",
        )
        submit(
            s,
            jan,
            "De rechtszaak over de bouw van het nieuwe zwembad loopt nog, maar ik verwacht "
            "dat we volgend jaar kunnen beginnen.",
            policy=default_policy("mandatarissen"),
            platform="x",
            account_kind="in-function",
        )
        rid = submit(
            s,
            mila,
            "De werkzaamheden aan de Harlingerstraatweg lopen uit door de reorganisatie bij "
            "de aannemer. We verwachten dat de weg half december weer open is.",
            policy=policy,
            platform="facebook",
        ).id
        decide(s, rid, ahmed, "approve", responder="medewerker")
        decide(s, rid, sanne, "approve", responder="communicatie")  # a conflict to settle
        rid = submit(
            s,
            mila,
            "Over de ontslagen bij de afdeling Wijkbeheer kan ik nog niets zeggen, dat hoor je "
            "binnenkort.",
            policy=policy,
            platform="linkedin",
            account_kind="in-function",
        ).id
        decide(
            s,
            rid,
            ahmed,
            "request-changes",
            comment="Zeg niets over personeelszaken; verwijs naar het persbericht van vrijdag.",
        )
        rid = submit(
            s,
            jan,
            "Bewoners van Heechterp: de nieuwe speeltuin gaat zaterdag om 11 uur open. "
            "Kom gezellig langs!",
            policy=default_policy("mandatarissen"),
            platform="facebook",
            account_kind="in-function",
            comment="Mag dit zo vanaf mijn wethoudersaccount?",
        ).id
        decide(s, rid, ahmed, "approve", responder="mandataris")
        decide(s, rid, sanne, "approve", responder="mandataris", comment="Prima, plaats maar.")
        rid = submit(
            s,
            mila,
            "Wij begrijpen de boosheid over de bomenkap aan de singel, maar het besluit van de "
            "raad staat en daar valt niets meer aan te veranderen.",
            policy=policy,
            platform="facebook",
        ).id
        decide(
            s,
            rid,
            sanne,
            "reject",
            comment="Niet reageren: iedereen mag een mening hebben (MW-3). Laat het rusten.",
        )
        rid = submit(
            s,
            mila,
            "Het college neemt morgen een besluit over de afvalstoffenheffing.",
            policy=policy,
            platform="x",
        ).id
        withdraw(s, rid, mila, comment="Toch niet nodig: het persbericht is al uit.")


def seed_archive(engine: Engine) -> None:
    """Published requests (archived with their dialogue and approvals) and two archived
    threads from the account of the organisation."""
    from datetime import UTC, datetime

    from krantentoets.archive.service import Archive
    from krantentoets.policy import default_policy
    from krantentoets.workflow.rules import Actor
    from krantentoets.workflow.service import decide, publish, submit

    policy = default_policy()
    archive = Archive(engine)
    mila = Actor("medewerker", "medewerker")
    ahmed = Actor("leidinggevende", "leidinggevende")
    sanne = Actor("communicatie", "communicatie")
    with session_scope(engine) as s:
        rid = submit(
            s,
            mila,
            "Er is een gaslek aan de Tesselschadestraat. De brandweer is ter plaatse; houd "
            "ramen en deuren dicht. Meer informatie volgt op noordwaard.example.",
            policy=policy,
            platform="x",
            reply_to_text="Waarom staat de hele Tesselschadestraat vol brandweerauto's?",
            reply_to_author="@henk",
            reply_to_url="https://x.example/henk/status/1",
        ).id
        decide(s, rid, ahmed, "approve", responder="communicatie")
        decide(s, rid, sanne, "approve", responder="communicatie")
        publish(
            s,
            rid,
            sanne,
            archive=archive,
            published_at=datetime(2025, 10, 14, 9, 40, tzinfo=UTC),
            url="https://x.example/noordwaard/status/2",
            account="@gemeentenoordwaard",
        )
    threads = [
        {
            "id": "facebook-2025-06-zwembad",
            "platform": "facebook",
            "account": "Gemeente Noordwaard",
            "author": "communicatie",
            "role": "communicatie",
            "text": "Goede vraag, Petra! Zwembad De Welle is in de zomervakantie elke dag open "
            "van 10 tot 18 uur. De tijden staan ook op noordwaard.example/zwembad.",
            "published_at": "2025-06-20T08:15:00Z",
            "url": "https://facebook.example/noordwaard/posts/77",
            "in_reply_to": {
                "author": "Petra Zijlstra",
                "text": "Is het zwembad in de zomervakantie ook open? Ik bel al de hele ochtend "
                "maar krijg niemand. Mijn nummer is 06-11223344.",
                "published_at": "2025-06-20T07:52:00Z",
            },
            "thread": [
                {
                    "author": "Kees Postma",
                    "text": "Ja, vorig jaar was het ook open. Wel druk!",
                    "published_at": "2025-06-20T08:01:00Z",
                },
                {
                    "author": "Petra Zijlstra",
                    "text": "Dank jullie wel, dan gaan we morgen.",
                    "published_at": "2025-06-20T08:30:00Z",
                },
            ],
        },
        {
            "id": "x-2025-09-zwembad-renovatie",
            "platform": "x",
            "account": "@gemeentenoordwaard",
            "author": "communicatie",
            "role": "communicatie",
            "text": "De renovatie van zwembad De Welle begint op 1 oktober. Tot de "
            "heropening kun je zwemmen in Sportbad Oost. Meer: noordwaard.example/zwembad",
            "published_at": "2025-09-02T10:00:00Z",
            "thread": [
                {
                    "author": "@bas",
                    "text": "Hoe lang gaat dat duren? Mijn kinderen hebben zwemles.",
                    "published_at": "2025-09-02T10:20:00Z",
                },
                {
                    "author": "@gemeentenoordwaard",
                    "text": "Naar verwachting tot de zomer van 2026. De zwemlessen gaan door "
                    "in Sportbad Oost.",
                    "published_at": "2025-09-02T11:05:00Z",
                },
            ],
        },
    ]
    from krantentoets.archive.record import parse_input

    for record in threads:
        archive.append_one(parse_input(record))
