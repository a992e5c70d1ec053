"""The offensive-language check: detector, word lists, rules OF01-OF05, HateCheck headline."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from guards import cpu_budget
from krantentoets.check import check
from krantentoets.detect.offensive import detect_offensive
from krantentoets.detect.offensive_lexicon import FILES, analyse, lexicon
from krantentoets.policy import default_policy
from krantentoets.post import Post
from krantentoets.report import Category, Severity
from krantentoets.rules.offensive import RULES

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DATA_DIR = Path(__file__).resolve().parents[1] / "src" / "krantentoets" / "data" / "offensive"


def kinds(text: str) -> set[str]:
    return {s.kind for s in detect_offensive(text) if not s.counter}


# -- kinds -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Wat een klootzak ben jij.", "insult"),
        ("Die idioten van de overkant.", "insult"),
        ("Kut, ik ben mijn sleutels vergeten.", "obscenity"),
        ("Godverdomme, wat een dag.", "obscenity"),
        ("Wat een kutgemeente.", "obscenity"),
        ("Vrouwen zijn uitschot.", "hate"),
        ("Moslims zijn ongedierte.", "hate"),
        ("Ik haat homo's.", "hate"),
        ("Gehandicapten moeten het land uit.", "hate"),
        ("Je bent gewoon een flikker.", "hate"),
        ("Ik ga je neerschieten.", "threat"),
        ("Al die joden moeten worden vergast.", "hate"),
        ("Laten we die zwarten uitroeien.", "threat"),
        ("Wethouder Bakker is een fraudeur.", "slander"),
        ("De burgemeester steelt.", "slander"),
        ("Die ambtenaar is corrupt.", "slander"),
    ],
)
def test_kind(text: str, kind: str) -> None:
    assert kind in kinds(text)


def test_span_points_at_the_statement() -> None:
    text = "Goedemorgen. Vrouwen zijn uitschot."
    [span] = [s for s in detect_offensive(text) if s.kind == "hate"]
    assert text[span.start : span.end] == span.text == "Vrouwen zijn uitschot"
    assert span.target == "group"
    assert span.group == "women"
    assert span.trace


def test_target_kinds() -> None:
    assert {s.target for s in detect_offensive("Ik ga je neerschieten.")} == {"person"}
    assert {s.target for s in detect_offensive("Moslims zijn tuig.")} == {"group"}
    assert {s.target for s in detect_offensive("De gemeente steelt ons geld.")} == {"organisation"}


# -- robustness to spelling -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ik h44t m0slims.",  # leetspeak
        "Ik h a a t joden.",  # letters spaced out
        "Ikhaat transgenders.",  # run together
        "Ik hata gehandicapten.",  # swapped letters
        "Ik veracht zwrte mensen.",  # dropped letter in the group
        "Gehandicaptn zijn uitschot.",  # dropped letter in the group
        "Wat een k4nkerlijer.",
        "Wat een k*tgemeente.",
        "Tyfuslijers zijn het.",
        "Die rotallochtonen.",
        "Kankerhoer!",
        "Wat een k a n k e r l i j e r.",
        "Die idioten!",
    ],
)
def test_spelling_variants(text: str) -> None:
    assert kinds(text), text


def test_word_analysis() -> None:
    assert analyse("kutgemeente")[0].how == "compound"
    assert [p.canon for p in analyse("ikhaat")] == ["ik", "haat"]
    assert analyse("hata")[0].canon == "haat"
    # real words are never read as typos or inflections of listed words
    for word in ("doen", "zaken", "tevens", "algemeen", "stellen", "verwacht", "heerlijk"):
        assert all(not p.entries or p.how == "form" for p in analyse(word)), word
    assert analyse("kankerpatienten")[0].how == "exception"


# -- context: negation, positive statements, counter-speech -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ik haat vrouwen niet.",
        "Moslims zijn welkom.",
        "Ik ben homo.",
        "Ik heb nooit gezegd dat joden ratten zijn.",
        "We mogen niet toestaan dat transpersonen worden aangevallen.",
        "Zwarte mensen zijn geen bedreiging.",
        "Ouderen zijn niet dom.",
        "Ik heb geen minachting voor gehandicapten.",
    ],
)
def test_negated_and_positive_statements_pass(text: str) -> None:
    assert kinds(text) == set(), text


@pytest.mark.parametrize(
    "text",
    [
        "Moslims zijn nooit intelligent.",
        "Vrouwen zijn niet gelijk aan ons.",
        "Joden verdienen het niet om te leven.",
        "Het leven van een gehandicapte is niets waard.",
    ],
)
def test_negated_positive_is_hate(text: str) -> None:
    assert "hate" in kinds(text), text


def test_quoted_hate_that_is_condemned_is_info() -> None:
    text = "'Ik haat moslims' schreef iemand; dat is onacceptabel."
    spans = detect_offensive(text)
    assert spans and all(s.counter and s.quoted for s in spans)
    report = check(Post(text))
    offensive = [f for f in report.findings if f.category is Category.OFFENSIVE]
    assert offensive and {f.severity for f in offensive} == {Severity.INFO}


def test_quoted_hate_without_condemnation_is_not_lowered() -> None:
    spans = detect_offensive('"Moslims zijn tuig."')
    assert spans and not any(s.counter for s in spans)


def test_court_ruling_is_not_slander() -> None:
    spans = detect_offensive("De wethouder is veroordeeld voor fraude door de rechtbank.")
    assert all(s.counter for s in spans if s.kind == "slander")


# -- rules and the check ---------------------------------------------------------------------------


def test_rules_are_registered_with_stable_ids() -> None:
    ids = [r.meta.id for r in RULES]
    assert ids == ["OF01", "OF02", "OF03", "OF04", "OF05"]
    policy = default_policy()
    assert all(i in policy.registry for i in ids)
    assert all(r.meta.category is Category.OFFENSIVE for r in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.meta.id)
def test_rule_examples(rule: type) -> None:
    policy = default_policy()
    bad = check(rule.meta.bad.post(), policy)
    good = check(rule.meta.good.post(), policy)
    assert any(f.rule == rule.meta.id for f in bad.findings)
    assert not any(f.category is Category.OFFENSIVE for f in good.findings)


def test_severity_and_citation() -> None:
    report = check(Post("Al die moslims zijn tuig."))
    [finding] = [f for f in report.findings if f.category is Category.OFFENSIVE]
    assert finding.rule == "OF03"
    assert finding.severity is Severity.BLOCK
    assert finding.guidelines == ("MW-1",)
    assert report.verdict.value == "do-not-post"
    mandataris = check(Post("Al die moslims zijn tuig."), default_policy("mandatarissen"))
    assert mandataris.findings[0].guidelines == ("MA-4",)


def test_insult_is_an_insult_with_the_profiles_severity() -> None:
    """An insult is OF01 (default warn); the built-in profiles make the category block."""
    report = check(Post("Die buurman is een sukkel."))
    [finding] = [f for f in report.findings if f.category is Category.OFFENSIVE]
    assert finding.rule == "OF01"
    assert next(r for r in RULES if r.meta.id == "OF01").meta.severity is Severity.WARN
    assert finding.severity in (Severity.WARN, Severity.BLOCK)


# -- data files ------------------------------------------------------------------------------------


def test_word_lists_load_and_carry_their_sources() -> None:
    lex = lexicon()
    assert len(lex.forms) > 5000
    for name in FILES:
        assert (DATA_DIR / name).is_file(), name
    for name in ("SOURCE.txt", "LICENSE-CC-BY-4.0.txt", "LICENSE-CC-BY-SA-4.0.txt", "README.md"):
        assert (DATA_DIR / name).is_file(), name
    source = (DATA_DIR / "SOURCE.txt").read_text(encoding="utf-8")
    assert "LDNOOBW" in source and "HADES" in source and "CC BY-SA 4.0" in source
    for ph in lex.phrases:
        assert ph.pattern.pattern  # compiles
        assert "vrouw" not in ph.source and "moslim" not in ph.source  # frames, not groups


def test_identity_lexicon_is_broad() -> None:
    sections = {e.section for es in lexicon().forms.values() for e in es if e.cls == "group"}
    for group in (
        "women",
        "gay people",
        "trans people",
        "black people",
        "muslims",
        "jews",
        "disabled people",
        "immigrants",
        "roma and travellers",
        "elderly",
    ):
        assert group in sections


# -- speed and safety ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a " * 20_000,
        "k*" * 20_000,
        "haat " * 8_000,
        "niet " * 8_000 + "vrouwen zijn uitschot",
        "'" * 30_000,
        '"x' * 20_000,
        "ikhaatvrouwen" * 3_000,
    ],
)
def test_pathological_input_is_fast(text: str) -> None:
    with cpu_budget():
        detect_offensive(text)


# -- the development benchmark ---------------------------------------------------------------------


def test_hatecheck_headline_figures() -> None:
    path = SHARED_DATA / "hatecheck_nl_dev" / "hatecheck_nl_dev.csv"
    if not path.is_file():
        pytest.skip(f"HateCheck data not found at {path} (clone the repo beside shared/)")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    must = ("profanity_nh", "target_indiv_nh", "target_group_nh")
    clean = ("ident_pos_nh", "ident_neutral_nh", "negate_neg_nh")
    hit = miss = fp = n_clean = 0
    for r in rows:
        flagged = bool(kinds(r["test_case"]))
        if r["label_gold"] == "hateful" or r["functionality"] in must:
            hit += flagged
            miss += not flagged
        elif r["functionality"] in clean:
            n_clean += 1
            fp += flagged
    assert hit / (hit + miss) >= 0.95
    assert fp / n_clean <= 0.05


def test_idioms_beside_an_entry_and_in_the_policy_are_never_findings() -> None:
    """Issue 10: an idiom built on an insult is no insult; exceptions are data."""
    from krantentoets.check import check
    from krantentoets.policy import parse_policy
    from krantentoets.post import Post

    def offensive(text: str, policy=None) -> list[str]:
        report = check(Post(text), policy) if policy else check(Post(text))
        return [f.rule for f in report.findings if f.category.value == "offensive"]

    assert offensive("We worden voor de gek gehouden door dit kabinet.") == []
    assert offensive("Die wethouder is echt gek.")  # "gek" said of a person still counts
    assert offensive("Wat een eikel is die man.")
    assert offensive("Ik ben niet de gekke Henkie.") == []
    text = "Zaterdag is het boerenlul-toernooi op het dorpsplein."
    policy = parse_policy({"offensive": {"idioms": ["boerenlul-toernooi"]}}, "t")
    assert offensive(text)
    assert offensive(text, policy) == []


def test_a_short_real_word_is_never_read_as_a_misspelt_frame_word() -> None:
    """Words of three letters are too short for the Dutch word list's look-up, so they are
    only read as a misspelt listed (offensive) word, never as a misspelt ordinary word of a
    phrases.txt frame: ``kop`` read as ``koop`` silenced the threat frames on ``kop``."""
    from krantentoets.detect.offensive.wordlists import lexicon as frame_lexicon

    lex = frame_lexicon()
    short = {k: v for k, v in lex.fuzzy.items() if len(k) < 4}
    assert short, "three-letter misspellings of listed words are still read"
    assert all(v in lex.forms for v in short.values())
    for word in ("kop", "ten", "les", "bon"):
        assert [p.canon for p in analyse(word)] == [word]
    assert [p.canon for p in analyse("hat")] == ["haat"]  # a misspelt listed word still is


def test_a_threat_on_someones_head_with_a_short_word_is_found() -> None:
    spans = detect_offensive("Ik ram zijn kop kapot als hij nog eens belt.")
    assert [s.kind for s in spans] == ["threat"]
    assert detect_offensive("Hij kocht zijn kop koffie ten minste op tijd.") == []
