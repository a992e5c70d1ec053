"""How the offensive-language check recognises groups of people, and what it says of them.

Hand-written sentences (none from HateCheck or the benchmarks) for each protected group
and each mechanism that finds a reference to a group:

- identity adjective + person noun, also with an article or inflected ("een joodse
  buurman", "zwarte voetballers", "trans personen");
- person noun + preposition + condition ("iemand met een verstandelijke beperking",
  "mensen in een rolstoel", "mensen van Surinaamse afkomst");
- an identity adjective used as a noun ("een oudere", "die zwarte");
- the same phrases written as one word or letter by letter.

Identity terms stay context: positive and neutral statements about every group pass.
Also: threats and insults aimed at officials and buildings, and the words that look like
abuse in ordinary municipal posts.
"""

from __future__ import annotations

import pytest

from guards import cpu_budget
from krantentoets.detect.offensive import OffensiveSpan, detect_offensive, tokenize
from krantentoets.detect.offensive_lexicon import analyse, lexicon


def _blocking(text: str) -> list[OffensiveSpan]:
    return [s for s in detect_offensive(text) if not s.counter]


def _groups(text: str) -> set[str | None]:
    return {s.group for s in _blocking(text) if s.kind in ("hate", "threat")}


def _targets(text: str) -> list[tuple[str, str | None]]:
    """The words the checker reads as a protected group, with the group."""
    out = []
    for t in tokenize(text):
        for e in t.entries:
            if e.cls == "group" and (not e.has("adj") or t.how == "compound"):
                out.append((t.canon, e.section))
                break
    return out


# -- group phrases -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "group"),
    [
        ("Die joodse buurman zegt niks.", "joodse buurman", "jews"),
        ("Zwarte voetballers spelen vanavond.", "zwarte voetballers", "black people"),
        ("Trans personen zijn er ook.", "trans personen", "trans people"),
        ("Non-binaire jongeren komen langs.", "non-binaire jongeren", "trans people"),
        ("Islamitische meiden doen mee.", "islamitische meiden", "muslims"),
        ("Dove kinderen leren gebarentaal.", "dove kinderen", "disabled people"),
        ("Oudere mensen stemmen vaker.", "oudere mensen", "elderly"),
        ("Donkere Nederlanders praten mee.", "donkere nederlanders", "black people"),
        ("Zwarte jonge vrouwen organiseren een debat.", "zwarte jonge vrouwen", "black people"),
        ("Een moslim vader brengt zijn kind.", "moslim vader", "muslims"),
        ("Iemand met een ernstige verstandelijke beperking woont hier.", None, "disabled people"),
        ("Kinderen met autisme spelen buiten.", None, "disabled people"),
        ("Mensen in een rolstoel nemen de lift.", None, "disabled people"),
        ("Vrouwen met een hoofddoek werken bij de bank.", None, "muslims"),
        ("Mensen van Surinaamse afkomst vieren feest.", None, "black people"),
        ("Jongeren met een migratieachtergrond zoeken werk.", None, "immigrants"),
        ("Mensen met een donkere huidskleur kijken mee.", None, "black people"),
    ],
)
def test_group_phrases_are_one_group_reference(text: str, phrase: str | None, group: str) -> None:
    found = _targets(text)
    assert any(g == group for _w, g in found), found
    if phrase is not None:
        assert (phrase, group) in found


@pytest.mark.parametrize(
    "text",
    [
        "Mijn oudere broer helpt mee.",  # comparative: "older", not elderly
        "De oudere kinderen fietsen alleen.",
        "Er geldt een beperking voor vrachtverkeer.",  # a condition alone names nobody
        "Zijn golfhandicap is gedaald.",
        "Een rolstoel kun je lenen bij de thuiszorgwinkel.",
        "De zwarte container gaat morgen mee.",  # an identity adjective before a thing
        "Het was een donkere, koude avond.",
        "De joodse begraafplaats is open.",
        "De invalide parkeerplaats is bezet.",
        "Die blinde hoek bij de rotonde wordt aangepakt.",
        "Zwarte Piet komt zaterdag aan met de boot.",  # decided: no group (identity.txt)
        "De Zwarte Piet-discussie kwam in de raad.",
    ],
)
def test_no_group_reference_where_there_is_none(text: str) -> None:
    assert _targets(text) == [], _targets(text)


def test_identity_adjective_used_as_a_noun() -> None:
    assert ("oudere", "elderly") in _targets("Ik help een oudere met de boodschappen.")
    assert ("zwarte", "black people") in _targets("Daar loopt een zwarte.")
    assert ("homoseksuele", "gay people") in _targets("Geen homoseksuele komt hier.")
    assert ("blinde", "disabled people") in _targets("Een blinde hoort erbij.")
    # before a noun the adjective stays an adjective
    assert _targets("Een zwarte kat steekt over.") == []


@pytest.mark.parametrize(
    ("word", "group"),
    [
        ("mensenmeteenbeperking", "disabled people"),
        ("iemandmeteenhandicap", "disabled people"),
        ("kinderenmetautisme", "disabled people"),
        ("zwartemensen", "black people"),
        ("transvrouwen", "trans people"),
    ],
)
def test_group_phrases_written_as_one_word(word: str, group: str) -> None:
    parts = analyse(word)
    assert any(e.cls == "group" and e.section == group for p in parts for e in p.entries)


def test_group_phrase_spelled_out_letter_by_letter() -> None:
    assert _groups("Die m e n s e n m e t e e n h a n d i c a p moeten weg.") == {"disabled people"}
    assert _groups("Ik walg van d o n k e r e m e n s e n.") == {"black people"}


def test_identity_lexicon_covers_the_groups() -> None:
    lex = lexicon()
    expect = {
        "trans people": [
            "transgenders",
            "transpersonen",
            "transvrouwen",
            "transmannen",
            "non-binaire",
        ],
        "black people": ["zwarten", "afrikanen", "surinamers", "antillianen", "creolen"],
        "disabled people": [
            "gehandicapten",
            "mindervaliden",
            "rolstoelgebruikers",
            "autisten",
            "doven",
            "blinden",
        ],
        "muslims": ["moslims", "moslima's", "islamieten", "moslimvrouwen"],
        "jews": ["joden", "jodinnen"],
        "roma and travellers": ["roma", "sinti", "woonwagenbewoners"],
    }
    for section, words in expect.items():
        for w in words:
            entries = lex.forms.get(w, [])
            assert any(e.cls == "group" and e.section == section for e in entries), (w, section)


# -- hate against each group, through each mechanism ----------------------------------------------

HATEFUL: list[tuple[str, str]] = [
    # trans people
    ("Transvrouwen zijn verklede mannen en walgelijk.", "trans people"),
    ("Ik kan die trans personen echt niet luchten.", "trans people"),
    ("Een transgender hoort niet thuis op onze school.", "trans people"),
    ("Non-binaire mensen zijn gestoord.", "trans people"),
    # Black people
    ("Donkere mensen zijn tuig.", "black people"),
    ("Die zwarte jongens moeten oprotten uit onze wijk.", "black people"),
    ("Ik ga die zwarte vanavond in elkaar slaan.", "black people"),
    ("Mensen met een donkere huidskleur zijn minderwaardig.", "black people"),
    ("Afrikanen zijn beesten.", "black people"),
    ("Zwarte vrouwen vertrouw ik nooit.", "black people"),
    # disabled people
    ("Mensen met een verstandelijke beperking zijn een last voor ons allemaal.", "disabled people"),
    ("Ik wil iemand met een handicap vermoorden.", "disabled people"),
    ("Mindervaliden zijn parasieten.", "disabled people"),
    ("Die mensen in een rolstoel zijn nutteloos.", "disabled people"),
    ("Elke gehandicapte is een kostenpost.", "disabled people"),
    ("Kinderen met autisme horen in een kooi.", "disabled people"),
    # Muslims
    ("Moslima's zijn achterlijk.", "muslims"),
    ("Die islamitische moet terug naar haar land.", "muslims"),
    ("Vrouwen met een hoofddoek moeten het land uit.", "muslims"),
    ("Ik ga elke moslim die ik zie neersteken.", "muslims"),
    # Jews
    ("Joodse mensen zijn ongedierte.", "jews"),
    ("Ik ga die joodse kapot slaan.", "jews"),
    ("Die joodse ratten.", "jews"),
    # Roma
    ("Roma zijn allemaal uitschot.", "roma and travellers"),
    # elderly
    ("Ik sla die oudere in elkaar.", "elderly"),
    # immigrants, with an origin phrase
    ("Iemand van Marokkaanse afkomst vertrouw ik nooit.", "immigrants"),
]


@pytest.mark.parametrize(("text", "group"), HATEFUL)
def test_hate_against_each_group(text: str, group: str) -> None:
    assert group in _groups(text), [(s.kind, s.group, s.text) for s in _blocking(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Ik zie liever geen transpersonen in ons zwembad, ze zijn smerig.",
        "Zwarten zijn minder intelligent dan wij.",
        "Ik vind zwarte mensen smerig.",
        "Transgenders zoals jij zijn een schande.",
        "Zo'n transgender moet je niet vertrouwen.",
        "Transvrouwen zijn geen echte vrouwen en horen niet in de kleedkamer.",
        "Iemand in een rolstoel is geen volwaardig mens.",
        "Een moslima blijft een kakkerlak.",
    ],
)
def test_other_phrasings_of_hate(text: str) -> None:
    assert _blocking(text), text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Nog zo'n mongool.", "hate"),
        ("Je bent een spast.", "hate"),
        ("Wat een trannie.", "hate"),
        ("Die kaffers moeten weg.", "hate"),
        ("Er zijn te veel downies in dit land.", "hate"),
        ("Wat een debiel.", "insult"),  # also a general term of abuse
        ("Die fietsers zijn debiel.", "insult"),
        ("Gehandicapten zijn debielen.", "hate"),  # ... but of a protected group it is hate
    ],
)
def test_slurs(text: str, kind: str) -> None:
    assert kind in {s.kind for s in _blocking(text)}, [(s.kind, s.text) for s in _blocking(text)]


def test_history_is_not_a_slur() -> None:
    assert _blocking("De Mongolen van Dzjengis Khan trokken tot aan Polen.") == []


# -- identity terms stay context -----------------------------------------------------------------

CLEAN: list[str] = [
    "Transgenders zijn welkom bij ons.",
    "Transvrouwen zijn vrouwen.",
    "Non-binaire inwoners kunnen een X in hun paspoort laten zetten.",
    "Ik ben trots op mijn gehandicapte zoon.",
    "Iemand met een handicap reist gratis met de buurtbus.",
    "De bus is toegankelijk voor mensen in een rolstoel.",
    "Mensen met een beperking verdienen een eerlijke kans op werk.",
    "Ik heb niets tegen mensen met een migratieachtergrond.",
    "Ik haat het als mensen met een beperking worden uitgescholden.",
    "De moskee organiseert een open dag.",
    "Moslima's met een hoofddoek zijn van harte welkom bij de taalcursus.",
    "Zwarte mensen worden nog te vaak gediscrimineerd op de woningmarkt.",
    "Zwarten zijn niet dommer dan wie dan ook.",
    "Donkere mensen zijn net zo slim als iedereen.",
    "Een oudere dame heeft de loterij gewonnen.",
    "Mensen van Surinaamse afkomst vieren Keti Koti op 1 juli.",
    "Joodse inwoners herdenken de Kristallnacht bij het monument.",
    "Roma-kinderen krijgen extra taalles.",
    "Doven en slechthorenden kunnen de raad volgen met een tolk.",
    "Autisten zijn vaak heel precies in hun werk.",
    "Mensen zonder papieren kunnen terecht bij het inloophuis.",
    "De Zwarte Piet-discussie laait weer op.",
    "Zwarte Piet is volgens veel inwoners een kwetsende figuur.",
    "Een zwarte Mercedes stond fout geparkeerd.",
    "De islamitische slager bestaat vijfentwintig jaar.",
    "Een dove kat zoekt een nieuw baasje.",
    "Dove noten: een recept van de bakker om de hoek.",
    "Ik vind ouderen een aanwinst voor de wijk.",
    "Vrouwen verdienen gemiddeld minder dan mannen.",
    "Deze auto is minder slim dan de vorige.",
    "Het is een schande dat gehandicapten zo lang op een woning wachten.",
    "Het is niet waar dat migranten lui zijn.",
    "Ouderen moeten weg kunnen blijven van de drukte; daarom komt er een stiltezone.",
    "Vluchtelingen moeten weg uit de noodopvang vanwege de verbouwing.",
    "Mensen met een beperking ervaren de stoep vaak als een last.",
    "Die oudere heeft zijn portemonnee laten liggen bij de balie.",
    "De transgender wethouder opende de Pride.",
    "Ouderen zijn geen last, ze zijn een zegen voor de buurt.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_positive_and_neutral_statements_pass(text: str) -> None:
    assert _blocking(text) == [], [(s.kind, s.text, s.trace) for s in _blocking(text)]


# -- officials, the organisation and its buildings ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Als ik die raadsheer zie, trap ik zijn hersens in.", "threat"),
        ("Ik ram zijn kop kapot als hij nog eens belt.", "threat"),
        ("Wij weten waar die ambtenaar woont.", "threat"),
        ("Ik weet waar jij slaapt, wethouder.", "threat"),
        ("Dat stadskantoor moet wat mij betreft de lucht in.", "threat"),
        ("Blaas dat raadhuis maar op.", "threat"),
        ("Die burgemeester verdient een pak slaag.", "threat"),
        ("Ik hoop dat die gedeputeerde een hartaanval krijgt.", "threat"),
        ("Stelletje hersenloze ambtenaren.", "insult"),
        ("Dom volk op dat gemeentekantoor.", "insult"),
        ("Het college is een kudde hersenloze schapen.", "insult"),
        ("Kanker bestuurders, allemaal.", "insult"),
        ("Jullie zijn gewoon zakkenvullers en dieven.", "insult"),
        ("Ga toch dood met je parkeerbeleid.", "insult"),
        ("Wat een klootviool, die wethouder.", "insult"),
    ],
)
def test_threats_and_insults_toward_officials(text: str, kind: str) -> None:
    assert kind in {s.kind for s in _blocking(text)}, [(s.kind, s.text) for s in _blocking(text)]


def test_a_threat_against_a_building_targets_the_organisation() -> None:
    [span] = _blocking("Dat gemeentekantoor mag van mij in de fik.")
    assert span.kind == "threat" and span.target == "organisation"


@pytest.mark.parametrize(
    "text",
    [
        "Wat fijn dat jullie de troep op het plein zo snel hebben opgeruimd!",
        "Dank aan de mannen van de groendienst: na een uur was alle troep weg.",
        "Het oude stadskantoor wordt volgende maand gesloopt.",
        "Het raadhuis werd in 1944 opgeblazen door de bezetter.",
        "Om middernacht gaat het vuurwerk de lucht in boven het stadhuis.",
        "We laten ballonnen de lucht in gaan bij het gemeentehuis.",
        "Ik weet niet waar hij woont.",
        "Weet u waar u moet stemmen? Kijk op onze site.",
        "We weten waar de knelpunten zitten.",
        "Ik hoop dat niemand een ongeluk krijgt op de nieuwe rotonde.",
        "Er gaan jaarlijks te veel mensen dood in het verkeer.",
        "Hij kreeg een pak slaag van zijn broer, meldt de politie.",
        "Kanker onderzoekers krijgen extra subsidie.",
        "Hou je kop koel bij deze hitte!",
        "Op de kinderboerderij staan domme schapen en een ezel.",
        "Er lopen schapen los op de dijk.",
        "Dat was dom van me, de link is aangepast.",
        "De jongens waren echt dom bezig met vuurwerk, maar ze zeiden sorry.",
        "Het volk heeft gekozen.",
        "Moet de gemeente niet gewoon meer bankjes neerzetten?",
        "We weten waar u woont, daarom sturen we de stempas per post.",
        "De oude watertoren gaat morgen de lucht in: hij wordt om tien uur opgeblazen.",
        "Het stadhuis stond vannacht in brand; niemand raakte gewond.",
        "De oude bankjes op het plein moeten weg.",
    ],
)
def test_ordinary_posts_about_officials_and_things_pass(text: str) -> None:
    assert _blocking(text) == [], [(s.kind, s.text, s.trace) for s in _blocking(text)]


def test_rhetorical_question_is_no_negation() -> None:
    spans = _blocking("Moet die schepen niet gewoon opgehangen worden?")
    assert "threat" in {s.kind for s in spans}


def test_general_abuse_word_is_an_insult_not_hate() -> None:
    assert {s.kind for s in _blocking("Wat een achterlijke regel.")} == {"insult"}


# -- spelling -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Typisch voor een transpersoon om zo dm te zijn.",  # a dropped letter in a short word
        "Moslma's zijn uitschot.",  # a dropped letter before an apostrophe
        "Ik v3racht m3ns3n m3t 33n b3p3rk1ng.",  # leetspeak in a group phrase
        "Ik veracht mensen met een bepeking.",  # a dropped letter in a condition
    ],
)
def test_spelling_variants_of_group_phrases(text: str) -> None:
    assert _blocking(text), text


def test_short_typo_only_after_an_intensifier() -> None:
    assert _blocking("Stuur ons een dm met je vraag.") == []


# -- speed and safety ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "zwarte " * 20_000 + "zijn walgelijk",
        "mensen met een " * 6_000 + "walgelijk",
        "een oudere " * 10_000 + "walgelijk",
        ("vrouwen , uur zijn " * 30 + "troep troep. ") * 100,
        "tyfus ambtenaren " * 8_000,
    ],
)
def test_pathological_group_phrases_are_fast(text: str) -> None:
    with cpu_budget():
        detect_offensive(text)


def test_flemish_insults_at_the_opposition() -> None:
    from krantentoets.check import check
    from krantentoets.post import Post

    text = "De oppositie is een bende zageventen. Ze zouden beter hun mond houden."
    assert [f.span.text for f in check(Post(text)).findings if f.rule == "OF01"] == ["zageventen"]
