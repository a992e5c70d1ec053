"""Generalisation of the offensive-language check: hand-written Dutch sentences.

None of them comes from HateCheck.

Written to check that the check generalises beyond the development data: other target
groups (disabled people, Jews, Muslims, Black people, trans people, Roma, elderly people,
Christians, Chinese, refugees), other phrasings, and ordinary municipal posts that contain
words that look offensive but are not.
"""

from __future__ import annotations

import pytest

from krantentoets.check import check
from krantentoets.detect.offensive import OffensiveSpan, detect_offensive
from krantentoets.post import Post
from krantentoets.report import Category, Severity

#: Hate against protected groups that are NOT in the development set.
HATEFUL_OTHER_GROUPS: list[str] = [
    # disabled people
    "Gehandicapten zijn een last voor de samenleving en kosten ons alleen maar geld.",
    "Mensen met een beperking zijn gewoon minderwaardig.",
    "Ik haat gehandicapten.",
    "Die mongolen horen niet thuis in een normale klas.",
    "Rolstoelgebruikers zijn niets anders dan parasieten.",
    "Autisten zijn walgelijk.",
    "Ik walg van al die invaliden hier in de straat.",
    "Gehandicapten zoals jij verdienen het niet om te leven.",
    # Jews
    "Joden zijn ratten.",
    "Alle joden moeten het land uit.",
    "Ik ga die joden allemaal vermoorden.",
    "Vuile joden, jullie zijn niets waard.",
    "Kankerjoden!",
    "De wereld zou beter af zijn zonder joden.",
    "Joodse mensen zijn een plaag voor dit land.",
    # Muslims
    "Moslims zijn tuig.",
    "Ik heb een gruwelijke hekel aan moslims.",
    "Moslims zijn kakkerlakken die ons land overspoelen.",
    "Al die moslims moeten worden gedeporteerd, terug naar hun eigen land.",
    "Die muzzies kunnen allemaal de kanker krijgen.",
    "Moslims zijn nooit te vertrouwen.",
    "Ik h4at m0slims.",
    "M o s l i m s zijn walgelijk.",
    "Mslims zijn uitschot.",
    "Moslims zoals jij horen hier niet.",
    # Black people
    "Zwarte mensen zijn dom.",
    "Die negers moeten oprotten.",
    "Zwarten zijn apen.",
    "Ik kan die zwarte mensen echt niet uitstaan.",
    "Zwarte mensen zijn minder waard dan wij.",
    "Nog zo'n nikker.",
    "Laten we die zwarten uitroeien.",
    # trans people
    "Transgenders zijn ziek in hun hoofd.",
    "Transpersonen zijn walgelijk.",
    "Transgenders moeten allemaal worden opgesloten.",
    "Ik veracht transpersonen.",
    "Trans vrouwen zijn geen echte vrouwen, het zijn gestoorde mannen.",
    "Die travo's zijn een gevaar voor onze kinderen.",
    # Roma
    "Zigeuners zijn allemaal dieven.",
    "Roma zijn tuig en horen hier niet.",
    "Woonwagenbewoners zijn parasieten van onze samenleving.",
    # elderly
    "Ouderen zijn waardeloos en kosten alleen maar geld.",
    "Bejaarden moeten allemaal dood.",
    "Ik haat ouderen.",
    # others
    "Chinezen zijn smerige beesten.",
    "Christenen zijn hersenloos.",
    "Vluchtelingen zijn tuig, ze moeten allemaal het land uit.",
    "Asielzoekers zijn gelukszoekers en profiteurs.",
    "Statushouders zijn ongedierte.",
    "Polen zijn allemaal zuiplappen.",
    "Marokkanen zijn criminelen.",
    "Turken zijn barbaren.",
    "Dood aan alle moslims.",
    "Vr0uwen en h0mo's zijn uitschot.",
]

#: Threats and insults at individuals and at non-protected groups (still out of place).
INSULTS_AND_THREATS: list[str] = [
    "Jij bent een vieze klootzak.",
    "Wat een eikel ben jij.",
    "Die wethouder is een idioot.",
    "Ik sla je verrot als ik je tegenkom.",
    "Ik maak je af.",
    "Die raadsleden zijn allemaal tuig.",
    "Ik ga die ambtenaar neersteken.",
    "Kankerlijer!",
    "Tyfuslijers zijn het, allemaal.",
    "Hou je bek.",
    "Die kutgemeente doet ook nooit wat.",
    "Wat een k*tweer vandaag.",
    "Godverdomme, alweer een file.",
    "Die fietsers zijn echt debiel.",
    "Rot op met je zielige verhaal.",
]

#: Slander: an identifiable person accused of a crime or fraud.
SLANDER: list[str] = [
    "Wethouder Jansen is een fraudeur.",
    "De burgemeester steelt ons belastinggeld.",
    "Die ambtenaar is corrupt.",
    "Raadslid De Vries heeft steekpenningen aangenomen.",
    "Schepen Peeters is een oplichter.",
    "De wethouder zit in de zak van de projectontwikkelaar, hij is gewoon omgekocht.",
]

#: Must pass clean: positive, neutral and negated statements about groups, counter-speech
#: is allowed at info (tested separately), and ordinary municipal posts.
CLEAN_ABOUT_GROUPS: list[str] = [
    "Moslims zijn welkom in onze gemeente.",
    "Ik ben homo.",
    "Ik ben trots op de joodse gemeenschap in onze stad.",
    "Mensen met een beperking verdienen een toegankelijke stad.",
    "Gehandicapten hebben recht op een aangepaste woning.",
    "Zwarte mensen zijn net zo slim als iedereen.",
    "Transpersonen zijn mensen zoals jij en ik.",
    "Ik haat moslims niet.",
    "Ouderen zijn een aanwinst voor de buurt.",
    "De Roma-gemeenschap organiseert zaterdag een muziekfestival.",
    "Vluchtelingen zijn geen bedreiging voor onze samenleving.",
    "We mogen niet toestaan dat gehandicapten worden gepest.",
    "Niemand zou gediscrimineerd mogen worden omdat hij zwart is.",
    "De allochtone ondernemers krijgen een prijs.",
    "We strijden tegen racisme en discriminatie.",
    "Statushouders krijgen hulp bij het vinden van werk.",
    "In de moskee is zondag een open dag voor iedereen.",
    "Ik heb niets tegen moslims.",
    "Joden werden in de oorlog weggevoerd; we herdenken de slachtoffers op 4 mei.",
    "De zwarte piet discussie laat zien hoe belangrijk inclusie is.",
]

MUNICIPAL_HARD_NEGATIVES: list[str] = [
    "De kankerpatiënten in het ziekenhuis krijgen bezoek van de burgemeester.",
    "Tyfus-epidemie in 1850: lees het verhaal in het stadsarchief.",
    "Het museum over tyfus en cholera is vanaf zaterdag open.",
    "Samen tegen kanker: loop mee met de KWF-collecte.",
    "Het dak is een ramp na de storm, we repareren het volgende week.",
    "Wat een mooie dag!",
    "Laat je zwarte bak buiten staan op maandag.",
    "Het afval wordt dinsdag opgehaald.",
    "Er zijn ratten gezien bij de containers; bewoners kunnen dit melden.",
    "We bestrijden de eikenprocessierups in de wijk.",
    "Onkruid tussen de stoeptegels? Wij halen het weg.",
    "Onze stedenband met Kloten in Zwitserland bestaat tien jaar.",
    "Kuttekoven en Neukirchen zijn zusterdorpen van onze gemeente.",
    "De Dodenherdenking begint om 19.45 uur bij het monument.",
    "Dit is een doodlopende weg.",
    "De pot met geld voor buurtinitiatieven is nog niet leeg.",
    "Mijn nicht werkt bij de gemeente.",
    "Eikels en kastanjes zoeken in het park met de kinderen.",
    "De teef en haar pups zijn geplaatst door het dierenasiel.",
    "Hondenpoep op de stoep? Bel de handhavers.",
    "Een man is gisteravond neergestoken in de Kerkstraat; de politie onderzoekt de zaak.",
    "Kinderen kunnen verdrinken in de vijver: let op uw kinderen.",
    "We hangen samen met de buurtbewoners de kerstverlichting op.",
    "De vlaggen worden morgen opgehangen.",
    "De oude documenten worden vernietigd volgens de archiefwet.",
    "De pest in de middeleeuwen: een lezing in de bibliotheek.",
    "Pesten op school pakken we samen aan.",
    "Borstkanker vroeg ontdekken redt levens.",
    "Wij gaan vertrouwelijk om met uw gegevens.",
    "Dank je wel voor je compliment over het zwembad!",
    "Je kapotte fiets kun je bij de milieustraat inleveren.",
    "De containers in de Oranjewijk zijn smerig; we maken ze schoon.",
    "De jongeren zijn weer bezig met het opknappen van het speelveld.",
    "Het was een rotdag voor de brandweer, maar iedereen is veilig.",
    "De bewoners klagen over het afval op straat.",
    "Help de daklozen de winter door: doneer een slaapzak.",
    "De tering naar de nering zetten: zo houden we de begroting sluitend.",
    "Eerlijk gezegd zijn we blij met de opkomst.",
    "De Zwarte Cross komt dit jaar naar onze regio.",
    "Het zwarte pad langs de rivier is afgesloten.",
    "Homo's en lesbiennes zijn welkom bij de Pride-viering.",
    "De raad besluit dinsdag over de nieuwe opvang voor asielzoekers.",
    "De wethouder is veroordeeld voor fraude, meldt de rechtbank; hij is afgetreden.",
    "De buurman heeft zijn fiets gestolen zien worden.",
    "Kom ook naar de kermis met de hele familie!",
    "Wat een drukte bij de opening van het nieuwe zwembad.",
    "Vanaf maandag is de Stationsweg afgesloten voor verkeer.",
    "De brandweer heeft de brand snel geblust.",
    "Honden zijn niet welkom in het park tijdens het broedseizoen.",
    "Ik ga de tijd doden met een goed boek.",
]

#: Counter-speech: quoting or reporting hate to condemn it. At most info (not warn/block).
COUNTER_SPEECH: list[str] = [
    "'Moslims zijn tuig' schreef iemand onder ons bericht; dat is onacceptabel.",
    "Iemand noemde onze collega een vieze neger. Daar doen we aangifte van.",
    'Uitspraken als "gehandicapten zijn een last" tolereren wij niet.',
    "Wie zegt dat joden ratten zijn, discrimineert en hoort niet op onze pagina.",
]

#: A second batch, written before the first batch was tuned on (a held-out check).
HATEFUL_BATCH2: list[str] = [
    "Al die gehandicapten zijn toch gewoon nutteloos.",
    "Ik kots van moslims.",
    "Joden zijn de kanker van Europa.",
    "Mongolen moet je gewoon opsluiten.",
    "Zwarten horen in de jungle, niet hier.",
    "Transgenders zijn gestoorde gekken.",
    "Homo's zijn vies en ziek.",
    "Die zigeuners stelen alles, het is tuig.",
    "Ik zou alle moslims het land uit schoppen.",
    "Jullie joden zijn allemaal hetzelfde: gierig en smerig.",
    "Lesbiennes zijn walgelijk.",
    "Gehandicapte kinderen hadden nooit geboren moeten worden.",
    "Asielzoekers zijn een plaag.",
    "Ik heb een hekel aan Marokkanen.",
    "Zwarte mensen zijn minderwaardig.",
    "We moeten die moslims allemaal ophangen.",
    "Bejaarden zijn parasieten die alleen maar geld kosten.",
    "Chinezen eten honden, het zijn beesten.",
    "Trans mensen zijn een gevaar voor kinderen.",
    "Dood aan de joden!",
    "Ik wil alle asielzoekers dood zien.",
    "Roma zijn criminelen, allemaal.",
    "Vrouwen met een hoofddoek zijn achterlijk.",
    "Ik walg van homo's die hand in hand lopen.",
    "Die debielen in hun rolstoel moeten niet zeuren.",
]
CLEAN_BATCH2: list[str] = [
    "Moslims vieren vandaag het Suikerfeest; fijne feestdagen!",
    "Joodse ondernemers openen een nieuwe bakkerij in het centrum.",
    "Gehandicapten kunnen gratis parkeren op de aangewezen plekken.",
    "De zwarte container wordt voortaan om de week geleegd.",
    "Transgender jongeren kunnen terecht bij het jongerenloket.",
    "Ouderen kunnen een beroep doen op de thuiszorg.",
    "We heten de nieuwe statushouders van harte welkom.",
    "Homo's, lesbiennes en transpersonen zijn welkom bij het regenboogfeest.",
    "Ik heb geen hekel aan mensen met een beperking.",
    "Zwarte mensen werden vroeger gediscrimineerd; dat mag nooit meer gebeuren.",
    "Het slachtoffer is gisteren doodgeschoten; de dader is opgepakt.",
    "De kankerbestrijding krijgt extra geld van de gemeente.",
    "Zijn er eikels gevallen op het fietspad? Wij ruimen ze op.",
    "De pokkenvaccinatie was een groot succes in de vorige eeuw.",
    "Kloten is een mooie stad in Zwitserland.",
    "De vuilnismannen zijn weer geweest.",
    "De jongeren van de wijk hebben het park schoongemaakt.",
    "Op de kinderboerderij lopen varkens, geiten en een ezel.",
    "Help mee: de ratten in de haven worden bestreden.",
    "Deze ambtenaar heeft de prijs voor beste collega gewonnen.",
]


def _blocking(text: str) -> list[OffensiveSpan]:
    return [s for s in detect_offensive(text) if not s.counter]


@pytest.mark.parametrize("text", HATEFUL_OTHER_GROUPS + HATEFUL_BATCH2)
def test_hate_against_other_groups_is_flagged(text: str) -> None:
    assert _blocking(text), text


@pytest.mark.parametrize("text", INSULTS_AND_THREATS)
def test_insults_and_threats_are_flagged(text: str) -> None:
    spans = _blocking(text)
    assert spans and {s.kind for s in spans} <= {"insult", "obscenity", "threat", "hate"}


@pytest.mark.parametrize("text", SLANDER)
def test_slander_is_flagged(text: str) -> None:
    assert "slander" in {s.kind for s in _blocking(text)}, text


@pytest.mark.parametrize("text", CLEAN_ABOUT_GROUPS + CLEAN_BATCH2 + MUNICIPAL_HARD_NEGATIVES)
def test_clean_posts_stay_clean(text: str) -> None:
    assert _blocking(text) == [], [(s.kind, s.text, s.trace) for s in _blocking(text)]


@pytest.mark.parametrize("text", COUNTER_SPEECH)
def test_counter_speech_is_at_most_info(text: str) -> None:
    report = check(Post(text))
    offensive = [f for f in report.findings if f.category is Category.OFFENSIVE]
    assert all(f.severity is Severity.INFO for f in offensive), offensive


def test_hate_against_other_groups_is_classified_as_hate() -> None:
    kinds = [{s.kind for s in _blocking(t)} for t in HATEFUL_OTHER_GROUPS]
    share = sum(("hate" in k or "threat" in k) for k in kinds) / len(kinds)
    assert share >= 0.9


# -- issue 10, third round: exceptions and segmentation (own sentences) --------------------


def _spans(text: str) -> list[tuple[str, str, bool]]:
    return [(s.text, s.kind, s.counter) for s in detect_offensive(text)]


@pytest.mark.parametrize(
    "text",
    [
        # how people are treated is criticised, the people are not compared to animals
        "Statushouders worden in die loodsen behandeld als beesten.",
        "Arbeidsmigranten worden als vee vervoerd naar de kassen.",
        "Gezinnen moeten daar leven als dieren, zonder water of stroom.",
        # a surname after a capitalised particle is no animal or insult
        "Volgens de peiling van De Hond zien kiezers dit wel zitten.",
        "Wethouder De Vos en raadslid Van Dam openden de brug.",
        # threats the author received and reports
        "Weer mails van mensen die een kogel in mijn hoofd willen schieten.",
        "Ze dreigen mijn keel door te snijden. Ik doe aangifte.",
    ],
)
def test_reported_treatment_names_and_received_threats_are_not_findings(text: str) -> None:
    assert [s for s in _spans(text) if not s[2]] == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Statushouders zijn beesten.", "Statushouders zijn beesten"),
        ("Die kiezers zijn honden.", "kiezers zijn honden"),
        ("Ik schiet een kogel in je hoofd.", "kogel in je hoofd"),
    ],
)
def test_the_same_words_said_of_people_still_count(text: str, words: str) -> None:
    assert words in [s[0] for s in _spans(text) if not s[2]]


def test_a_number_glued_to_a_capital_opens_a_new_sentence() -> None:
    # a lost line break: the quotation's reporting verb does not reach the next sentence
    text = "Wie zijn vrouw slaat, zegt het boek - vers 2:12De islam hoort niet bij Nederland!"
    assert ("islam hoort niet bij Nederland", "hate", False) in _spans(text)
    glued = "Zo zei hij het, om 20:00Vanavond is het debat."
    assert _spans(glued) == []


def test_an_adjective_before_a_thing_says_nothing_of_the_people_further_on() -> None:
    assert _spans("Weg met de weerzinwekkende regelzucht rond slachtoffers van de ramp.") == []
    assert ("weerzinwekkende slachtoffers", "insult", False) in _spans(
        "Die weerzinwekkende slachtoffers."
    )
    assert ("domme migranten", "hate", False) in _spans("Die domme migranten.")


# -- user review, 2026-12-07: nouns read as verbs, animals, Flemish reports (own sentences) -----


def _offensive_warn_or_block(text: str) -> list[str]:
    report = check(Post(text))
    return [
        f.rule
        for f in report.findings
        if f.category is Category.OFFENSIVE and f.severity is not Severity.INFO
    ]


@pytest.mark.parametrize(
    "text",
    [
        # "de doden" after an article, possessive or number is the noun (the dead)
        "Op 4 mei herdenken we de doden van beide wereldoorlogen bij het monument.",
        "Wij eren de doden van alle oorlogen en vredesmissies.",
        "Morgen gedenken wij onze doden op de begraafplaats aan de Dorpsstraat.",
        "Bij het ongeval op de N201 vielen twee doden.",
        # a compound about the animals themselves
        "Rattenbestrijding in de wijk Oosterpark start maandag.",
        "Last van een rattenplaag? Meld het bij de gemeente.",
        "Ongediertebestrijding in de sporthal: de zaal is dicht tot vrijdag.",
    ],
)
def test_the_dead_and_vermin_control_are_no_findings(text: str) -> None:
    assert _offensive_warn_or_block(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Ik ga je doden.",
        "Jij bent een rattenkop.",
        "Die politici zijn ratten.",
    ],
)
def test_the_verb_and_the_insult_still_count(text: str) -> None:
    assert _offensive_warn_or_block(text), text


def test_a_threat_reported_to_the_flemish_police_is_at_most_info() -> None:
    text = (
        'Sinds mijn tussenkomst krijg ik doodsbedreigingen zoals "we gaan je afmaken". '
        "Ik heb klacht ingediend."
    )
    assert _offensive_warn_or_block(text) == []


# -- user review, 2026-12-07 (qa2): intensifiers and "allemaal" (own sentences) -----------------


@pytest.mark.parametrize(
    "text",
    [
        "Het was idioot druk op de braderie van zaterdag.",
        "Morgen wordt het krankzinnig warm: drink voldoende water.",
        "De nieuwe fietsen zijn belachelijk goedkoop te huur bij de dienst toerisme.",
        "Gestoord lekker, de soep van het buurthuis.",
    ],
)
def test_an_insult_word_as_intensifier_of_an_adjective_is_no_finding(text: str) -> None:
    assert _offensive_warn_or_block(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Jij bent idioot.",
        "Die idioot heeft de bank bekrast.",
        "Dat zijn allemaal fascisten.",
        "Die raadsleden van de oppositie zijn allemaal fascisten.",
    ],
)
def test_the_insult_said_of_people_still_counts(text: str) -> None:
    assert _offensive_warn_or_block(text), text


@pytest.mark.parametrize(
    "text",
    [
        "We gaan de wachtlijsten in de kinderopvang de nek omdraaien.",
        "We gaan de files op de ring de nek omdraaien.",
        "Winstmarges horen niet thuis in het onderwijs.",
    ],
)
def test_an_unknown_plural_thing_is_not_guessed_to_be_people(text: str) -> None:
    assert _offensive_warn_or_block(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "We gaan de Zworkianen de nek omdraaien.",
        "Die Plonkisten zijn ongedierte.",
        "De Vremelaars horen niet thuis in ons land.",
    ],
)
def test_an_unknown_group_of_people_is_still_guessed(text: str) -> None:
    assert _offensive_warn_or_block(text), text


@pytest.mark.parametrize(
    "text",
    [
        "De clown op het kinderfeest in de Zonnewijk was geweldig.",
        "Zaterdag clown-workshop in de bibliotheek voor kinderen vanaf 6 jaar.",
        "Een clown maakt ballonnen op de kerstmarkt van zondag.",
    ],
)
def test_a_literal_clown_at_an_event_is_no_insult(text: str) -> None:
    assert _offensive_warn_or_block(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Die schepen is een clown.",
        "Jij bent een clown, ook op het feest van gisteren.",
    ],
)
def test_a_clown_said_of_a_person_still_counts(text: str) -> None:
    assert _offensive_warn_or_block(text), text


def test_a_named_person_called_a_clown_still_counts() -> None:
    assert _offensive_warn_or_block("Wethouder Jansen is een clown op elk feest.")


@pytest.mark.parametrize(
    "text",
    [
        "Die makakken hebben weer de fietsenstalling vernield.",
        "Die makak van hiernaast moet oprotten.",
    ],
)
def test_the_flemish_slur_makak_is_flagged(text: str) -> None:
    assert "OF03" in _offensive_warn_or_block(text), text


@pytest.mark.parametrize(
    "text",
    [
        "In de dierentuin zijn twee jonge makakken geboren.",
        "De makaken in het apenpark krijgen een nieuw verblijf.",
    ],
)
def test_the_monkey_in_an_animal_context_is_no_slur(text: str) -> None:
    assert _offensive_warn_or_block(text) == [], text


def _offensive_severities(text: str) -> set[Severity]:
    report = check(Post(text))
    return {f.severity for f in report.findings if f.category is Category.OFFENSIVE}


@pytest.mark.parametrize(
    "text",
    [
        "Prettige kerst, ook aan alle mopperende zeurpieten!",
        "Kom op, watjes, die regen is maar water.",
    ],
)
def test_a_mild_jab_is_at_most_doubt(text: str) -> None:
    assert _offensive_severities(text) == {Severity.WARN}, text


@pytest.mark.parametrize(
    "text",
    [
        "Jij bent een idioot.",
        "Jij bent een teringzeurpiet.",
        "Jammer dat die zeurpiet Van Dijk weer dwarslag in de raad.",
    ],
)
def test_a_real_insult_is_still_do_not_post(text: str) -> None:
    assert Severity.BLOCK in _offensive_severities(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Let op: oplichters bellen namens de gemeente. Geef nooit uw pincode.",
        "Pas op voor oplichters die zich voordoen als medewerker van het OCMW.",
        "Opgelet: er zijn weer nep-oplichters actief die namens de stad mailen.",
    ],
)
def test_a_scam_warning_about_unnamed_people_is_no_slander(text: str) -> None:
    assert _offensive_warn_or_block(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Let op: wethouder Jansen is een oplichter.",
        "De burgemeester is een oplichter, pas op.",
    ],
)
def test_an_accusation_of_a_named_person_still_counts_beside_a_warning(text: str) -> None:
    assert "OF05" in _offensive_warn_or_block(text), text


@pytest.mark.parametrize(
    "text",
    [
        # a protected group in general as the subject of a crime verb
        "Die zigeuners stelen alles wat niet vastgeschroefd is.",
        "Marokkanen stelen de fietsen bij het station.",
        # women or gay people put in their "place"
        "Vrouwen horen gewoon achter het fornuis.",
        "Moslims horen niet in de politiek.",
        "Domme vrouwen moeten niet in de gemeenteraad zitten.",
        "Homo's moeten hun geaardheid niet zo etaleren.",
    ],
)
def test_stereotypes_of_protected_groups_are_hate(text: str) -> None:
    assert "OF03" in _offensive_warn_or_block(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Twee jongeren stalen gisteren een fiets bij het station.",
        "Vrouwen horen in de politiek, niet alleen achter de schermen.",
        "Ik sta elke avond zelf achter het fornuis.",
        "Iedereen mag zijn geaardheid tonen op de Pride in onze stad.",
        "Vrouwen zijn niet dom.",
    ],
)
def test_reports_and_support_are_no_stereotype(text: str) -> None:
    assert _offensive_warn_or_block(text) == [], text
