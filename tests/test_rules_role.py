"""Rule family ``role``: role not clear (RO01) and pseudonym (RO02), for in-function accounts."""

from __future__ import annotations

import pytest

from guards import cpu_budget
from krantentoets.check import check
from krantentoets.policy import default_policy, parse_policy
from krantentoets.post import AccountKind, Post
from krantentoets.report import Category, Verdict
from krantentoets.rules.base import CheckContext
from krantentoets.rules.role import Pseudonym, RoleNotClear, looks_like_handle, name_parts

TEXT = "Goed nieuws: de skatebaan in Bilgaard gaat eind mei open!"


def role_hits(text: str = TEXT, policy=None, **kw) -> list:
    kw.setdefault("account", AccountKind.IN_FUNCTION)
    ctx = CheckContext(policy or default_policy())
    return list(RoleNotClear().check(Post(text, **kw), ctx))


def pseudonym_hits(display_name: str, author: str | None, **kw) -> list:
    kw.setdefault("account", AccountKind.IN_FUNCTION)
    post = Post(TEXT, display_name=display_name, author=author, **kw)
    return list(Pseudonym().check(post, CheckContext(default_policy())))


@pytest.mark.parametrize("bio", [None, "", "Papa van twee, fietser.", "Leeuwarder in hart en ziel"])
def test_no_role_in_bio_or_text_fires(bio: str | None) -> None:
    (hit,) = role_hits(bio=bio)
    assert hit.start is None and hit.end is None


@pytest.mark.parametrize(
    "bio",
    [
        "Wethouder Sport en Jeugd",
        "Raadslid voor de Partij van Leeuwarden",
        "Gemeenteraadslid | vader | fietser",
        "Schepen van Cultuur in Gent",
        "Burgemeester",
        "Fractievoorzitter CDA",
        "Beleidsadviseur bij Leeuwarden",
        "Medewerker Klantcontact @gemeente",
        "Werkzaam bij de gemeente",
        "Ik werk bij de gemeente Leeuwarden",
        "Woordvoerder",
        "Communicatieadviseur",
        "Gemeente Leeuwarden, team Wijken",
    ],
)
def test_role_in_bio_is_enough(bio: str) -> None:
    assert role_hits(bio=bio) == [], bio


@pytest.mark.parametrize(
    "text",
    [
        "Als wethouder ben ik blij: de skatebaan gaat open!",
        "Namens de gemeente: de skatebaan gaat eind mei open.",
        "De skatebaan gaat open (gemeente Leeuwarden).",
        "Ik werk bij de gemeente en ben trots: de skatebaan gaat open.",
        "De skatebaan gaat open!\n– Anna de Vries, wethouder Sport",
        "In mijn rol als raadslid was ik bij de opening van de skatebaan.",
    ],
)
def test_role_in_text_is_enough(text: str) -> None:
    assert role_hits(text, bio="Fietser") == [], text


def test_role_word_about_someone_else_is_not_enough() -> None:
    assert role_hits("Wethouder Jansen opent vandaag de skatebaan.", bio="Fietser")


def test_organisation_name_and_aliases_from_policy_count_in_bio() -> None:
    policy = parse_policy(
        {"organisation": {"name": "Stad Gent", "aliases": ["Gent"], "handles": ["@StadGent"]}},
        "t",
    )
    assert role_hits(bio="Team jeugd, @StadGent", policy=policy) == []
    assert role_hits(bio="Team jeugd", policy=policy)


@pytest.mark.parametrize("account", [AccountKind.ORGANISATION, AccountKind.PERSONAL])
def test_other_accounts_are_exempt(account: AccountKind) -> None:
    assert role_hits(account=account, bio="Papa") == []
    assert pseudonym_hits("ZonneKoning058", "Pieter de Boer", account=account) == []


@pytest.mark.parametrize(
    ("display_name", "author"),
    [
        ("Parkeerheld", "Anna de Vries"),
        ("ZonneKoning058", "Pieter de Boer"),
        ("Jan de Groot", "Anna de Vries"),  # shares only the particle "de"
        ("Wethouder Sport", "Anna de Vries"),
        ("wim_wethouder", None),
        ("@anna88", None),
        ("WethouderWim", None),
        ("dewethouder", None),
    ],
)
def test_pseudonym_fires(display_name: str, author: str | None) -> None:
    (hit,) = pseudonym_hits(display_name, author)
    assert "schuilnaam" in hit.message.nl
    assert hit.start is None


@pytest.mark.parametrize(
    ("display_name", "author"),
    [
        ("Anna de Vries", "Anna de Vries"),
        ("A. de Vries | gemeente Leeuwarden", "Anna de Vries"),
        ("Anna", "Anna de Vries"),
        ("Anna de Vriës", "Anna de Vries"),
        ("annadevries", "Anna de Vries"),
        ("Anna de Vries", None),
        ("Anneke", None),
        ("Sjoerd Hoekstra (wethouder)", None),
    ],
)
def test_real_name_is_no_pseudonym(display_name: str, author: str | None) -> None:
    assert pseudonym_hits(display_name, author) == []


def test_no_display_name_no_pseudonym_finding() -> None:
    assert pseudonym_hits("", "Anna de Vries") == []


def test_name_helpers() -> None:
    assert name_parts("Jan van der Berg-Ëlzinga") == {"jan", "berg", "elzinga"}
    assert looks_like_handle("jan_b") and not looks_like_handle("Jan Berg")


def test_check_role_category_and_citation() -> None:
    post = Post(TEXT, account="in-function", bio="Fietser")
    for profile, gid in (("medewerkers", "MW-4"), ("mandatarissen", "MA-1")):
        report = check(post, default_policy(profile))
        roles = [f for f in report.findings if f.category is Category.ROLE]
        assert [f.rule for f in roles] == ["RO01"]
        assert roles[0].guidelines == (gid,)
        assert report.verdict is Verdict.DOUBT


def test_pathological_input_is_fast() -> None:
    with cpu_budget():
        role_hits(("als " * 12000 + "x")[:50000], bio="als " * 500)
        role_hits("- " + "aa " * 16000, bio="x")
        pseudonym_hits("A" * 5000, "b " * 2000)


# -- RO03: council business from a personal account ---------------------------------------------


def _ro03(text: str, account: str = "personal", bio: str | None = None) -> list:
    from krantentoets.rules.role import OfficeBusinessOnPersonalAccount

    ctx = CheckContext(default_policy())
    post = Post(text, account=account, bio=bio)
    return list(OfficeBusinessOnPersonalAccount().check(post, ctx))


def test_ro03_council_business_from_a_personal_account_is_a_note() -> None:
    [hit] = _ro03("Motie over de parkeergarage is aangenomen, eindelijk!")
    assert hit.start == 0
    assert _ro03("Het college heeft gisteren besloten het zwembad te renoveren.")


def test_ro03_not_for_other_accounts_a_stated_role_or_other_topics() -> None:
    text = "Vanavond heeft de raad ingestemd met het nieuwe zwembad."
    assert _ro03(text, account="in-function") == []
    assert _ro03(text, account="organisation") == []
    assert _ro03(text, bio="Wethouder Sport, gemeente Leeuwarden") == []
    assert _ro03("Vanavond lekker gezwommen in het nieuwe zwembad.") == []
    assert _ro03("De raadsheer van het hof sprak recht.") == []


@pytest.mark.parametrize("display_name", ["D66", "GroenLinks", "JA21", "ChristenUnie", "50PLUS"])
def test_party_name_is_no_pseudonym(display_name: str) -> None:
    """A party account's name says who speaks (issue 10: 1,619 real party posts warned)."""
    assert pseudonym_hits(display_name, None) == []


def test_organisation_own_name_alias_and_handle_are_no_pseudonym() -> None:
    policy = parse_policy(
        {"organisation": {"name": "WaterNet", "aliases": ["HHNK"], "handles": ["@waternet_nl"]}},
        "t",
    )
    for name in ("WaterNet", "@waternet_nl"):
        post = Post(TEXT, display_name=name, account=AccountKind.IN_FUNCTION)
        assert list(Pseudonym().check(post, CheckContext(policy))) == []
    assert pseudonym_hits("WaterNet", None) != []  # without the policy: CamelCase, a nickname
