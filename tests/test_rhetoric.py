"""Political rhetoric (detect/rhetoric.py): jabs, accusations, group put-downs, in own words."""

from __future__ import annotations

import pytest

from krantentoets.detect.rhetoric import detect_rhetoric


def kinds(text: str, extra: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    return [(text[s.start : s.end], s.kind, s.severity) for s in detect_rhetoric(text, extra)]


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        ("Wat een lafaard, die wethouder van ons.", "lafaard", "insult"),
        ("Politiek lichtgewicht Jansen duikt weer weg.", "lichtgewicht", "insult"),
        ("De burgemeester is een prutser.", "prutser", "insult"),
        ("Het corrupte college houdt alles stil.", "corrupte", "slander"),
        ("Minister @USER liegt de Kamer voor.", "liegt", "slander"),
        ("Al die uitvreters kosten ons miljarden.", "uitvreters", "hate"),
        ("De wijk wordt overspoeld door migranten.", "overspoeld", "hate"),
        ("Het nep-parlement stemt weer alles weg.", "nep-parlement", "insult"),
        (
            "Moslims zijn een bedreiging voor onze vrijheid.",
            "Moslims zijn een bedreiging voor",
            "hate",
        ),
        ("Al die moslimfans in de gemeenteraad stemmen voor.", "moslimfans", "hate"),
    ],
)
def test_finds_the_type(text: str, word: str, kind: str) -> None:
    assert (word, kind) in [(w, k) for w, k, _ in kinds(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Een laffe aanslag op twee agenten van de politie vannacht.",  # a deed, not a person
        "De wethouder is geen lafaard: hij kwam zelf uitleggen.",  # negated
        "Nederland is geen corrupt land, zegt de minister.",  # negated, reported
        "Wethouder Jansen is veroordeeld voor fraude, oordeelde de rechtbank.",  # a ruling
        "Relschoppers die geweld gebruiken, pakken we aan.",  # behaviour, no group named
        "Het asielbeleid is het probleem, niet de asielzoekers.",  # no generalisation
        "De rivier overstroomde en het water overspoelde de kades.",  # no group named
    ],
)
def test_no_finding(text: str) -> None:
    assert kinds(text) == []


def test_severity_follows_evidence() -> None:
    assert ("tuig", "hate", "block") in kinds("Al dat tuig moet ons land uit.")
    assert ("uitvreters", "hate", "warn") in kinds("Al die uitvreters kosten geld.")
    assert all(sev == "warn" for _, _, sev in kinds("De minister is een prutser."))


def test_policy_extends_sections() -> None:
    text = "De dijkgraaf is een stuntelaar."
    assert kinds(text) == []
    assert ("stuntelaar", "insult", "warn") in kinds(
        text, ("targets: dijkgraaf", "jab: stuntelaar")
    )


def test_data_file_sections_are_known_and_entries_parse() -> None:
    from importlib import resources

    from krantentoets.detect.rhetoric import SECTIONS, read_sections
    from krantentoets.rules.spokesperson import parse_entry

    text = (resources.files("krantentoets") / "data" / "offensive" / "rhetoric.txt").read_text()
    sections = read_sections(text)
    assert set(sections) <= set(SECTIONS)  # no entry outside a section, no unknown section
    for name, entries in sections.items():
        for entry in entries:
            assert not entry.startswith("["), entry
            parse_entry(entry, name)


def test_name_calling_reported_as_others_words_is_no_finding() -> None:
    assert kinds("Kritische burgers worden weggezet als 'wappies' door het kabinet.") == []
    assert ("wappies", "insult", "warn") in kinds("Die wappies van het kabinet weer.")


def test_policy_rhetoric_reaches_the_check() -> None:
    from krantentoets.check import check
    from krantentoets.policy import parse_policy
    from krantentoets.post import Post

    text = "De dijkgraaf is een stuntelaar."
    plain = parse_policy({}, "t")
    own = parse_policy({"offensive": {"rhetoric": ["targets: dijkgraaf", "jab: stuntelaar"]}}, "t")
    assert not [f for f in check(Post(text), plain).findings if f.rule == "OF01"]
    hits = [f for f in check(Post(text), own).findings if f.rule == "OF01"]
    assert hits and hits[0].severity == "warn"


# -- failure types of issue 10, second round: general mechanisms, own sentences -------------


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        # dehumanising framing that names its own group: no group word needed
        ("Stop de invasie! Stem op ons.", "Stop de invasie", "hate"),
        ("Dit is wat omvolking betekent in onze wijk.", "omvolking", "hate"),
        ("Tijd om het land te de-islamiseren.", "de-islamiseren", "hate"),
        ("Weg met de islam!", "Weg met de islam", "hate"),
        # a hashtag read as words: CamelCase and run-together
        ("Vanavond debat. #StopDeInvasie", "#StopDeInvasie", "hate"),
        ("Vanavond debat. #stopislam", "#stopislam", "hate"),
        # a group word compounded with a word for bad people
        ("Het AZC-tuig maakt de buurt onveilig.", "AZC-tuig", "hate"),
        ("Weer zijn er moslimcriminelen vrijgelaten.", "moslimcriminelen", "hate"),
        ("Eruit met dat antifa-tuig.", "antifa-tuig", "hate"),
        # a behaviour word in a post about migration
        ("Profiteurs. Ze krijgen meteen een verblijfsvergunning.", "Profiteurs", "hate"),
        # a generalisation about a religion
        ("De islam is een ideologie van haat.", "islam is een ideologie van haat", "hate"),
        # fear-mongering in a post about a group
        ("Nog even en Nederland is een moslimland. Moslims nemen het over.", "Nog even", "hate"),
        # a comparison that belittles the person compared
        ("Mijn buurman is tien keer slimmer dan u, minister.", "keer slimmer dan u", "insult"),
        # a jab or accusation that is a sentence of its own: about the post's subject
        ("Prutsers! #debat", "Prutsers", "insult"),
        ("LEUGENAARS. #kabinet", "LEUGENAARS", "slander"),
        # a party is a target
        ("Oplichters, dat zijn ze bij de VVD.", "Oplichters", "slander"),
        ("Alle andere partijen zijn te laf om te kiezen.", "laf", "insult"),
        # a named subject right before a verb of deceit, also opening the sentence
        ("Jansen liegt en bedriegt de kiezer.", "liegt", "slander"),
        ("Een liegende wethouder, dat willen we niet.", "liegende", "slander"),
        ("Welke CDA-gek heeft dit bedacht?", "CDA-gek", "insult"),
        # a religion reduced to violence, fought as such, or "fewer" of a group
        ("Dat bewijst dat de islam voor geweld staat.", "voor geweld staat", "hate"),
        ("Weg uit Europa met die gewelddadige ideologie islam.", "gewelddadige ideologie", "hate"),
        ("Wij strijden tegen de islam.", "strijden tegen de islam", "hate"),
        ("Willen jullie meer of minder moslims? Minder moslims!", "Minder moslims", "hate"),
        # a generalisation of vice or danger, a likening to animals
        ("Die nieuwkomers zijn allemaal gevaarlijk.", "allemaal gevaarlijk", "hate"),
        ("Al die Roemenen zijn dronkaards.", "zijn dronkaards", "hate"),
        ("Ze fokken als konijnen, die migranten.", "als konijnen", "hate"),
        # a person named by a hashtag is a target
        ("De lafaard draait weer om de vraag heen #Jansen", "lafaard", "insult"),
        # an infinitive of saying reports nobody's words
        ("Tijd om te zeggen waar het op staat: de wethouder liegt.", "liegt", "slander"),
    ],
)
def test_finds_the_general_type(text: str, word: str, kind: str) -> None:
    found = [(w, k) for w, k, _ in kinds(text)]
    assert any(word in w and k == kind for w, k in found), found


@pytest.mark.parametrize(
    "text",
    [
        # neutral news and policy sentences a municipality or party writes
        "Het vliegtuig landde veilig op Schiphol.",
        "De gemeente zoekt een plek voor een nieuw azc.",
        "Stop de invasie van Oekraïne: de raad steunt de motie.",
        "Het asielzoekerscentrum opent in maart; omwonenden zijn welkom.",
        "Jeugdcriminelen krijgen een taakstraf, zegt de rechter.",
        "Dit plan is tien keer beter dan het vorige.",
        "Het incompetente beleid van de vorige coalitie kostte geld.",
        "Ik wil een verbod op misleidende VVD-campagnes.",  # a thing, not a person
        "Nog even en we zijn jarig!",
        "Straks is Nederland kampioen.",
        "De VVD wil meer woningen bouwen.",
        "De cijfers liegen niet: de wachtlijst is korter.",
        "Dit liegt er niet om: de begroting sluit.",
        "Kinderen liegen soms uit angst, zegt de jeugdarts.",
        "De raad strijdt tegen discriminatie van moslims en joden.",
        "Het Rode Kruis staat voor hulp aan vluchtelingen.",
        "Een vraag over meer of minder Marokkanen was de kern van het proces.",
        "Minder asielzoekers kwamen dit jaar naar Friesland, meldt het COA.",
        "Statushouders zijn altijd welkom bij het taalcafé.",
        "Vluchtelingen werden in het kamp behandeld als beesten.",
        "Dit ziet eruit als een goed plan.",
        "Vandaag #Koningsdag in de stad. #Leeuwarden",
        # denied or mentioned, not said
        "Ik heb nooit gezegd dat nieuwkomers uitschot zijn.",
        "Vluchtelingen kakkerlakken noemen is onacceptabel.",
        "Tuig dat een bushokje vernielt, pakken we aan.",  # behaviour, no group
    ],
)
def test_no_finding_on_neutral_text(text: str) -> None:
    assert kinds(text) == []


def test_hashtag_slogan_beside_another_finding_is_context() -> None:
    text = "Moslims zijn een bedreiging voor onze vrijheid. #stopislam"
    found = [w for w, _, _ in kinds(text)]
    assert "#stopislam" not in found
    assert found


@pytest.mark.parametrize(
    ("tag", "words"),
    [
        ("StopDeInvasie", ["Stop", "De", "Invasie"]),
        ("stopislam", ["stop", "islam"]),
        ("tuig", ["tuig"]),
        ("Leeuwarden", ["Leeuwarden"]),
        ("PVV", ["PVV"]),
    ],
)
def test_split_hashtag(tag: str, words: list[str]) -> None:
    from krantentoets.detect.rhetoric import split_hashtag

    assert split_hashtag(tag) == words


# -- issue 10, third round: types that generalise (own sentences) ---------------------------


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        # a pejorative adjective before a group word or an adjective of origin or religion
        ("Plunderende statushouders maken de wijk onveilig.", "Plunderende statushouders", "hate"),
        ("Weer zo'n primitieve Afghaanse bende in het nieuws.", "primitieve Afghaanse", "hate"),
        ("Die luie buitenlandse uitkeringstrekkers kosten ons veel.", "luie buitenlandse", "hate"),
        # compounds: a group word + a word for crooks; a vermin compound said of people
        ("Die asielrovers moeten worden aangepakt.", "asielrovers", "hate"),
        ("Wethouder Pietersen en zijn beerputratten zwijgen.", "beerputratten", "insult"),
        # name-calling of opponents by a compound of a vice
        ("Daar gaan de windmolendrammers weer.", "windmolendrammers", "insult"),
        ("De boeren-haters in Den Haag hebben weer gewonnen.", "boeren-haters", "insult"),
        ("Die NSB'ers in de Kamer verkopen ons land.", "NSB'ers", "insult"),
        # a belittling diminutive, contempt for a person's mind, manners or morals
        ("Dat ministertje van Financiën weet van niets.", "ministertje", "insult"),
        ("Wat een gestoorde geest heeft die wethouder.", "gestoorde geest", "insult"),
        ("Wethouder Bakker gedroeg zich opnieuw lomp.", "lomp", "insult"),
        ("Wat een hoogmoed, wat een minachting. #burgemeester", "hoogmoed", "insult"),
        ("Wat een hoogmoed, wat een minachting. #burgemeester", "minachting", "insult"),
        # accusations: crooks, cover-up, ruthless intent
        ("Minister Vos en zijn boevenstreken: genoeg is genoeg.", "boevenstreken", "slander"),
        ("De wethouder moffelt alles weg.", "moffelt alles weg", "slander"),
        ("De oppositie gaat over lijken voor een zetel.", "gaat over lijken", "slander"),
        ("Een man die fraudeerde met subsidies zit nu in het college.", "fraudeerde", "slander"),
        # a put-down inside a question: whoever answers is called so
        ("Wie is de grootste zakkenvuller van de provincie?", "zakkenvuller", "slander"),
        ("Wie is volgens u de ergste leugenaar in de raad?", "leugenaar", "slander"),
        # exclusion by claiming the country, banning one religion, the multicultural "hell"
        ("Geef ons land terug aan de Nederlanders!", "ons land terug aan de Nederlanders", "hate"),
        ("Wij willen een verbod op moskeeën.", "verbod op moskeeën", "hate"),
        ("Welkom in de multiculturele nachtmerrie van Zuid.", "multiculturele nachtmerrie", "hate"),
        # a person likened to a dictator
        ("Burgemeester Smit regeert net als Erdogan.", "Erdogan", "insult"),
        ("Jansen en Loekasjenko kunnen elkaar de hand schudden.", "Loekasjenko", "insult"),
    ],
)
def test_generalised_types(text: str, word: str, kind: str) -> None:
    assert (word, kind) in [(w, k) for w, k, _ in kinds(text)]


@pytest.mark.parametrize(
    "text",
    [
        # an adjective before a thing, or a neutral adjective before a group
        "Een barbaarse aanslag op een moskee in Utrecht.",
        "Agressieve honden moeten aan de lijn.",
        "Criminele asielzoekers worden vaker uitgezet, meldt het COA.",
        "De Afghaanse tolken krijgen eindelijk asiel.",
        # a compound that names no people as vermin, or a vice of a thing
        "De waterratten van de zwemclub wonnen goud.",
        "Het nieuwe plan van de wethouder is een mislukking.",
        # diminutives and idioms that belittle nobody
        "Onze wethouder stond haar mannetje in het debat.",
        "Het mannetje van de eendjes zwemt voorop.",
        # a question that accuses nobody
        "Wie is de grootste fan van de club?",
        "Wie wil er meedoen aan de schoonmaakactie?",
        # crimes in the news, not accusations
        "De politie pakt de witwaspraktijken van drugsbendes aan.",
        # people treated like animals: the treatment is criticised
        "Asielzoekers worden in Ter Apel als vee behandeld.",
        "In die kampen moeten mensen leven als beesten.",
        # a dictator named without a likening, or without a person likened
        "Poetin en Xi spraken elkaar in Moskou.",
        "Leiders zoals Poetin voeren oorlog tegen hun buren.",
        "Stalin stierf in 1953.",
    ],
)
def test_generalised_types_not_said(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        # a scare-quoted role before the person named
        ('Vandaag weer een stuk van "journalist" @USER vol fouten.', '"journalist"', "insult"),
        # a crime attributed by a possessive
        ("Hij kreeg applaus voor zijn chantage van de raad.", "zijn chantage", "slander"),
        # a vice, danger or enemy said of a group with a copula
        ("Nieuwkomers zijn onbetrouwbaar, zeg ik.", "Nieuwkomers zijn onbetrouwbaar", "hate"),
        ("Salafisten zijn een tikkende tijdbom.", "Salafisten zijn een tikkende tijdbom", "hate"),
        ("Somaliërs willen niet integreren.", "Somaliërs willen niet integreren", "hate"),
        # a name opening the sentence is the subject of what follows
        ("Jansen is een oplichter.", "oplichter", "slander"),
        ("Wethouder Kok moet worden opgepakt.", "moet worden opgepakt", "slander"),
        ("Die Pietersen is een feeks.", "is een feeks", "insult"),
    ],
)
def test_generalised_types_second_part(text: str, word: str, kind: str) -> None:
    assert (word, kind) in [(w, k) for w, k, _ in kinds(text)]


@pytest.mark.parametrize(
    "text",
    [
        'De "experts" van het instituut kwamen met een rapport.',  # nobody named after it
        'De film "Kinderen" draait vanavond in het filmhuis.',  # a title
        "Vuurwerk is gevaarlijk voor asielzoekers en hun kinderen.",  # the group is no subject
        "Statushouders zijn niet gevaarlijk.",  # negated
        "De heks van Hans en Grietje komt naar het theater.",  # a fairy tale
        "De daders moeten worden opgepakt, zegt de politie.",  # real offenders, reported
        "Jansen gaat naar Brussel voor overleg.",  # a subject, nothing said of him
    ],
)
def test_generalised_types_second_part_not_said(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        ("De relschoppers van gisteren in het centrum. Gespuis!", "Gespuis", "insult"),
        ("Weer een nota van het ministerie. Leugens en bedrog!", "Leugens", "slander"),
        ("Meineed, liegen en bedriegen. Bah.", "Meineed", "slander"),
        ("De wethouder in het debat. Bijna zielig.", "zielig", "insult"),
        ("Het geld gaat naar corrupte Afrikaanse regimes.", "corrupte Afrikaanse", "hate"),
        ("Dat verachtelijke joodse ritueel moet weg.", "verachtelijke joodse", "hate"),
        ("Eritreeërs terug naar Eritrea!", "Eritreeërs terug naar Eritrea", "hate"),
        ("De omvolkingsplannen van de coalitie.", "omvolkingsplannen", "hate"),
        ("Die journalisten storten zich erop als aasgieren.", "als aasgieren", "insult"),
        ("Het college, een stel draaiers zonder ruggengraat.", "zonder ruggengraat", "insult"),
    ],
)
def test_generalised_types_third_part(text: str, word: str, kind: str) -> None:
    assert (word, kind) in [(w, k) for w, k, _ in kinds(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Na de oorlog gingen veel Syriërs terug naar Syrië.",  # a journey
        "Een leugen over de begroting werd rechtgezet door de wethouder.",  # no jab sentence
        "Corrupte bestuurders worden vervolgd, zegt de officier.",  # reported
        "Tuig dat een bushokje vernielt, pakken we aan.",  # behaviour, no group, not alone
        "In het bos jagen wolven als roofdieren op herten.",  # animals, no person named
        "De wethouder werkt als een paard aan de begroting.",  # praise, no vermin
    ],
)
def test_generalised_types_third_part_not_said(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        ("Sluiten die moskeeën!", "Sluiten die moskeeën", "hate"),
        ("Die schepen is een stoefer van jewelste.", "stoefer", "insult"),
        ("De coalitie, puppets of Brussels.", "puppets", "insult"),
    ],
)
def test_generalised_types_fourth_part(text: str, word: str, kind: str) -> None:
    assert (word, kind) in [(w, k) for w, k, _ in kinds(text)]


def test_generalised_types_fourth_part_not_said() -> None:
    assert kinds("De moskeeën sluiten om tien uur hun deuren.") == []
    assert kinds("De kiekens van de kinderboerderij zijn weer terug.") == []


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        ("Nog een haatmoskee erbij in de wijk.", "haatmoskee", "hate"),
        ("Stuur die nieuwkomers maar terugsturen naar hun eigen land.", "nieuwkomers", "hate"),
        ("Samen strijden we voor vrijheid en tegen de islam.", "strijden", "hate"),
        ("Zo importeren we criminaliteit en ellende.", "importeren we criminaliteit", "hate"),
        ("Daar zijn de moslimknuffelaars weer.", "moslimknuffelaars", "insult"),
        ("Stop de gendergekte op school.", "gendergekte", "insult"),
    ],
)
def test_generalised_types_fifth_part(text: str, word: str, kind: str) -> None:
    found = [(w, k) for w, k, _ in kinds(text)]
    assert any(word in w and k == kind for w, k in found), found


@pytest.mark.parametrize(
    "text",
    [
        "We importeren steeds meer sojabonen uit Brazilië.",
        "De vluchtelingen keerden na de oorlog terug naar hun eigen land.",
        "Wij strijden tegen armoede en eenzaamheid.",
    ],
)
def test_generalised_types_fifth_part_not_said(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Die gedeputeerde is niet het scherpste mes in de la.", "niet het scherpste mes"),
        ("Die wethouder ziet ze vliegen.", "ziet ze vliegen"),
        ("Een kippenbrein, die minister.", "kippenbrein"),
        ("Misschien eerst een IQ-test voor de raadsleden van de coalitie?", "IQ-test"),
    ],
)
def test_stupidity_by_idiom_said_of_a_person(text: str, word: str) -> None:
    assert (word, "insult") in [(w, k) for w, k, _ in kinds(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Ons team is niet de snelste, maar wel het hardst werkende.",
        "De IQ-test op school is vrijwillig.",
        "Een klap van de molen kreeg de oude molenaar nooit.",
    ],
)
def test_stupidity_idioms_without_a_person_are_not_said(text: str) -> None:
    assert kinds(text) == []


def test_lying_to_and_cheating_people_colloquially() -> None:
    assert ("voorgelogen", "slander") in [
        (w, k) for w, k, _ in kinds("Hoe vaak heeft de premier de Kamer voorgelogen?")
    ]
    assert ("bedondert", "slander") in [
        (w, k) for w, k, _ in kinds("De gedeputeerde bedondert de boeren.")
    ]
    assert kinds("Ik voel me bedonderd door het weer.") == []
