"""The policy file: validation with clear errors, profiles, switches and severities."""

from __future__ import annotations

from pathlib import Path

import pytest

from krantentoets.cli.init import starter_policy
from krantentoets.policy import PolicyError, default_policy, load_policy, parse_policy
from krantentoets.policy.profile import builtin_profile
from krantentoets.report import Category, Severity


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "beleid.toml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("profile", ["medewerkers", "mandatarissen"])
def test_starter_policy_is_valid(tmp_path: Path, profile: str) -> None:
    p = write(tmp_path, starter_policy(profile, 'Gemeente "Test"', "https://www.test.nl"))
    policy = load_policy(p)
    assert policy.profile.id == profile
    assert policy.organisation == 'Gemeente "Test"'
    assert policy.settings.allowlist.phones == ["14 058"]


def test_no_file_gives_builtin_defaults() -> None:
    policy = load_policy(None)
    assert policy.profile.id == "medewerkers"
    assert len(policy.active_rules) == len(policy.registry)


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('colour = "red"', ["beleid.toml", "colour", "profile, language"]),
        ('[organisation]\nnmae = "x"', ["organisation.nmae", "name, website"]),
        ('profile = "raad"', ["profile", "medewerkers", "mandatarissen"]),
        ('[severity]\nlength = "fatal"', ["severity.length", "'block', 'warn', 'info'"]),
        ('[severity]\nXX99 = "warn"', ["[severity]", "XX99", "personal-data"]),
        ("[rules]\nnope = false", ["[rules]", "nope"]),
        ('[rules]\nlength = "no"', ["rules.length", "true of false"]),
        ("[organisation]\nname = 12", ["organisation.name", "tekst"]),
        ('[allowlist]\nphones = "058"', ["allowlist.phones", "lijst"]),
        ("profile = ", ["geen geldige TOML"]),
    ],
)
def test_bad_policy_names_file_key_and_allowed_values(
    tmp_path: Path, toml: str, expected: list[str]
) -> None:
    p = write(tmp_path, toml)
    with pytest.raises(PolicyError) as err:
        load_policy(p)
    message = str(err.value)
    assert "\n" not in message
    for part in expected:
        assert part in message, message


def test_missing_and_non_utf8_policy(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="niet gevonden"):
        load_policy(tmp_path / "nope.toml")
    p = tmp_path / "bad.toml"
    p.write_bytes(b'profile = "medewerkers"\n# \xff\n')
    with pytest.raises(PolicyError, match="UTF-8 op byte 26"):
        load_policy(p)


def test_unknown_profile_override() -> None:
    with pytest.raises(PolicyError, match="medewerkers, mandatarissen"):
        load_policy(None, profile="raad")


def test_switches_by_category_id_and_name() -> None:
    reg_rule = default_policy().registry.get("LE01")
    for key in ("length", "LE01", "too-long-for-platform"):
        policy = parse_policy({"rules": {key: False}}, "t")
        assert reg_rule not in policy.active_rules
    # a rule-level switch wins over its category
    policy = parse_policy({"rules": {"length": False, "LE01": True}}, "t")
    assert reg_rule in policy.active_rules


def test_severity_override_order() -> None:
    rule = default_policy().registry.get("LE01")
    assert default_policy().severity(rule) is Severity.WARN
    p = parse_policy({"severity": {"length": "block"}}, "t")
    assert p.severity(rule) is Severity.BLOCK
    p = parse_policy({"severity": {"length": "block", "LE01": "info"}}, "t")
    assert p.severity(rule) is Severity.INFO


def test_profiles_quote_both_seeds_and_fill_the_organisation() -> None:
    mw = builtin_profile("medewerkers")
    assert sorted(mw.guidelines) == sorted(f"MW-{i}" for i in range(1, 9))
    ma = builtin_profile("mandatarissen")
    assert sorted(ma.guidelines, key=lambda g: int(g[3:])) == [f"MA-{i}" for i in range(1, 11)]
    policy = parse_policy({"profile": "mandatarissen", "organisation": {"name": "Gent"}}, "t")
    assert "informatie van Gent" in policy.guideline("MA-7").text
    assert "{organisation}" not in policy.guideline("MA-2").text
    assert "PLAATS DAN GEEN BERICHT" in default_policy().guideline("MW-1").text


def test_profile_cites_its_own_guidelines() -> None:
    assert default_policy("medewerkers").cite(Category.PERSONAL_DATA) == ("MW-4",)
    assert default_policy("mandatarissen").cite(Category.PERSONAL_DATA) == ("MA-6",)


def test_unknown_key_in_an_array_of_tables_lists_allowed_keys(tmp_path: Path) -> None:
    p = write(tmp_path, '[[monitor.sources]]\nkind = "rss"\nurl = "http://x"\ncolour = "x"\n')
    with pytest.raises(PolicyError) as err:
        load_policy(p)
    assert "monitor.sources[1].colour" in str(err.value)
    assert "url" in str(err.value).split("toegestaan:")[1]


def test_commented_examples_in_the_starter_policy_are_valid(tmp_path: Path) -> None:
    """Uncommenting the starter file's examples must give a valid policy."""
    text = starter_policy("medewerkers", "Gemeente Test", "https://www.test.nl")
    lines = []
    for line in text.splitlines():
        stripped = line.lstrip()
        body = stripped[2:] if stripped.startswith("# ") else None
        if body and (
            body.startswith(
                (
                    "[",
                    "kind",
                    "name",
                    "url",
                    "instance",
                    "hashtag",
                    "path",
                    "columns",
                    "host",
                    "username",
                    "password_env",
                    "sender",
                    "recipients",
                    "retention_years",
                    "office_holders",
                    "interval",
                )
            )
        ):
            lines.append(body)
        else:
            lines.append(line)
    p = write(tmp_path, "\n".join(lines))
    policy = load_policy(p)
    assert len(policy.settings.monitor.sources) == 3
    assert policy.settings.archive.retention_years["post"] == 10


def test_findings_quote_the_sentences_that_apply() -> None:
    from krantentoets.check import check
    from krantentoets.post import Post

    report = check(Post("Bel me op 06-12345678", platform="x"))
    [f] = [f for f in report.findings if f.rule == "PD01"]
    assert f.quotes == (
        "Geef nooit persoonlijke gegevens vrij zoals je huisadres en privételefoonnummers.",
    )
    # a category without a chosen excerpt quotes the whole guideline
    assert default_policy().quote(Category.CONFIDENTIAL, "MW-6") == (
        default_policy().guideline("MW-6").text
    )
    # the organisation is filled in in excerpts too
    gent = parse_policy({"profile": "mandatarissen", "organisation": {"name": "Gent"}}, "t")
    assert "het imago van Gent" in gent.quote(Category.STANCE, "MA-2")


def test_profile_quote_must_be_in_the_guideline() -> None:
    from krantentoets.policy.profile import ProfileError, _parse

    data = {
        "id": "x",
        "title": "x",
        "source": "x",
        "guidelines": {"MW-1": {"title": "t", "text": "Plaats geen onzin."}},
        "cite": {c.value: ["MW-1"] for c in Category},
        "quote": {"offensive": {"MW-1": ["Iets anders."]}},
    }
    with pytest.raises(ProfileError, match="not in the guideline"):
        _parse(data, "test")


@pytest.mark.parametrize("profile", ["medewerkers", "mandatarissen"])
def test_citations_are_resolved_once_per_policy_and_agree_with_the_profile(profile: str) -> None:
    policy = parse_policy({"profile": profile, "organisation": {"name": "Gemeente Sneek"}}, "t")
    for category in Category:
        cited, quotes = policy.citation(category)
        assert cited == policy.cite(category)
        assert quotes == tuple(policy.quote(category, gid) for gid in cited)
        assert policy.citation(category) is policy.citation(category)
        for gid in cited:
            assert policy.guideline_text(gid) == policy.guideline(gid).text
    other = policy.with_profile("mandatarissen" if profile == "medewerkers" else "medewerkers")
    assert other.citation(Category.PERSONAL_DATA)[0] == other.cite(Category.PERSONAL_DATA)
