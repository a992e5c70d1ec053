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
