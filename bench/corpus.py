"""Corpora for the speed benchmarks (not for quality).

- :func:`real_posts`: the 4,711 real published tweets of Dutch political parties in
  ``../shared/data/real_posts_party_dev/`` (hashtags, links, mentions, about 250
  characters), read at run time. Their text never enters this repository.
- :func:`make_posts`: a reproducible templated corpus with a fixed seed (municipal
  announcements, replies to citizens, office holders' posts; most are clean, some carry
  personal data, a rumour, a confidential marker, an insult or are too long; at most 280
  characters). Short and written by the team, so it flatters a checker: kept as a second line.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

#: The real-post corpus, relative to the repository (``../shared`` is a symlink beside it).
REAL_POSTS = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "data"
    / "real_posts_party_dev"
    / "party_tweets_dev.csv"
)


class CorpusMissing(RuntimeError):
    """The real-post corpus is not where the benchmark expects it."""


def real_posts(path: Path = REAL_POSTS) -> list[tuple[str, str]]:
    """``(id, text)`` of every real post, in file order."""
    if not path.is_file():
        raise CorpusMissing(
            f"{path}: real-post corpus not found (expected ../shared/data/real_posts_party_dev/ "
            "beside the repository); use --corpus templated to run without it"
        )
    with path.open(encoding="utf-8", newline="") as fh:
        return [(row["id"], row["text"]) for row in csv.DictReader(fh)]


STREETS = [
    "Harlingerstraatweg",
    "Oranjestraat",
    "Nieuwestad",
    "Tesselschadestraat",
    "Voorstreek",
    "Schrans",
    "Kalverdijkje",
    "Valeriusstraat",
    "Kerkstraat",
    "Dorpsstraat",
    "Stationsweg",
]
WIJKEN = [
    "Heechterp",
    "Bilgaard",
    "Huizum",
    "Camminghaburen",
    "Vrijheidswijk",
    "Oranjewijk",
    "Zuiderburen",
    "Schieringen",
    "Gentbrugge",
    "Ledeberg",
]
NAMES = ["Anja", "Pieter", "Sjoerd", "Fatima", "Mohammed", "Els", "Jan", "Wim", "Sanne", "Bram"]
SURNAMES = ["de Vries", "Hoekstra", "Jansen", "Visser", "van der Meer", "Bakker", "El Amrani"]
TOPICS = [
    "het grofvuil",
    "de groene container",
    "de parkeervergunning",
    "het zwembad",
    "de bibliotheek",
    "de paspoortaanvraag",
    "de wegwerkzaamheden",
    "de kinderopvangtoeslag",
    "de subsidie voor zonnepanelen",
    "het nieuwe speelveld",
]
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"]

CLEAN = [
    "Goedemorgen! {topic} wordt in {wijk} op {day} geregeld. Meer info op "
    "www.leeuwarden.nl of bel 14 058.",
    "Vanaf {day} is de {street} afgesloten vanwege werkzaamheden. Fietsers kunnen "
    "omrijden via de {street2}.",
    "Dank je wel voor je compliment over {topic}, {name}! We geven het door aan het team.",
    "Hoi {name}, goede vraag. Over {topic} lees je alles op "
    "www.leeuwarden.nl/{slug}. Kom je er niet uit? Stuur ons een DM.",
    "Zaterdag is er een buurtfeest in {wijk}. Iedereen is welkom van 14:00 tot 18:00 uur! 🎉",
    "Trots op de opening van {topic} in {wijk} vandaag. Goed voor de wijk en de kinderen.",
    "De raadsvergadering van {day} is openbaar. Kijk mee via de livestream of kom "
    "naar de publieke tribune.",
    "Het college investeert € {amount} miljoen in {wijk}. Lees het raadsvoorstel op onze website.",
    "Vandaag samen met bewoners van {wijk} gesproken over {topic}. Veel goede ideeën "
    "opgehaald, dank!",
    "Let op: {day} wordt {topic} een dag later opgehaald vanwege de feestdagen.",
]
RISKY = [
    "Hoi {name}, {topic} regel ik wel voor je. Bel me gerust op 06-{d8}, ook 's avonds.",
    "Je kunt langskomen bij mij thuis op de {street} {num}, dan bespreken we {topic}.",
    "Mail je gegevens naar {first}.{last}@gmail.com, dan kijk ik ernaar.",
    "Ik heb gehoord dat {topic} volgend jaar verdwijnt. Naar verluidt is het college verdeeld.",
    "Vertrouwelijk: in de besloten vergadering is besloten over {topic}. Nog niet "
    "verder vertellen!",
    "Wat een kutgemeente, die idioten snappen niks van {topic}.",
    "Er is brand in {wijk}. Blijf binnen en sluit ramen en deuren.",
    "Ik vind het besluit van het college over {topic} echt belachelijk.",
]
LONG = (
    "Beste inwoners van {wijk}, vanaf {day} starten de werkzaamheden aan de {street}. "
    "De weg is dan zes weken afgesloten voor al het verkeer. Fietsers en voetgangers kunnen "
    "via de {street2} omrijden. De bussen rijden een andere route. Excuses voor het ongemak en "
    "dank voor je begrip; vragen over {topic} kun je stellen via onze website."
)


def make_posts(n: int, seed: int = 20261122) -> list[str]:
    rng = random.Random(seed)
    posts: list[str] = []
    for _ in range(n):
        r = rng.random()
        template = rng.choice(CLEAN) if r < 0.75 else rng.choice(RISKY) if r < 0.95 else LONG
        first = rng.choice(NAMES)
        text = template.format(
            topic=rng.choice(TOPICS),
            wijk=rng.choice(WIJKEN),
            day=rng.choice(DAYS),
            street=rng.choice(STREETS),
            street2=rng.choice(STREETS),
            name=first,
            slug=rng.choice(["afval", "parkeren", "zwemmen", "subsidie"]),
            amount=rng.randint(1, 20),
            d8=f"{rng.randint(10_000_000, 99_999_999)}",
            num=rng.randint(1, 200),
            first=first.lower(),
            last=rng.choice(SURNAMES).replace(" ", "").lower(),
        )
        posts.append(text[:280])
    return posts
