"""Every rule is registered, documented, and its own examples behave.

This is the generic test of STYLE.md habit 7: each rule's ``bad`` example gives
at least one hit of that rule, its ``good`` example none, with the rule run alone.
"""

from __future__ import annotations

import re

import pytest

from krantentoets.policy import default_policy
from krantentoets.report import Category
from krantentoets.rules.base import CheckContext, Rule
from krantentoets.rules.registry import (
    BUILTIN_FAMILIES,
    REDIRECTS,
    Registry,
    UnknownRuleError,
    builtin_registry,
    rule_classes,
)

RULES = list(builtin_registry())
IDS = [r.meta.id for r in RULES]


def hits(rule: Rule, example) -> list:
    ctx = CheckContext(default_policy())
    return list(rule.check(example.post(), ctx))


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_bad_example_fires(rule: Rule) -> None:
    found = hits(rule, rule.meta.bad)
    assert found, f"{rule.meta.id}: its own bad example gives no hit"
    text = rule.meta.bad.text
    for h in found:
        if h.start is not None:
            assert 0 <= h.start < h.end <= len(text)


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_good_example_is_clean(rule: Rule) -> None:
    assert hits(rule, rule.meta.good) == [], f"{rule.meta.id}: its good example gives a hit"


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_metadata_is_complete(rule: Rule) -> None:
    m = rule.meta
    assert re.fullmatch(r"[A-Z]{2}\d{2}", m.id)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", m.name)
    assert m.title.nl and m.title.en and m.why.nl and m.why.en
    for gid in m.guidelines:
        assert re.fullmatch(r"M[WA]-\d+", gid)
    # every rule cites at least one guideline of each profile
    assert any(g.startswith("MW-") for g in m.guidelines), m.id
    assert any(g.startswith("MA-") for g in m.guidelines), m.id


def test_every_rule_class_of_every_family_is_registered() -> None:
    registered = {type(r) for r in RULES}
    assert set(rule_classes()) == registered
    assert len(BUILTIN_FAMILIES) == len(set(BUILTIN_FAMILIES))


def test_ids_and_names_are_unique_and_resolvable() -> None:
    reg = builtin_registry()
    assert len(set(IDS)) == len(IDS)
    for r in RULES:
        assert reg.resolve(r.meta.id) == r.meta.id
        assert reg.resolve(r.meta.name) == r.meta.id
    for old, new in REDIRECTS.items():
        assert reg.resolve(old) == new
    with pytest.raises(UnknownRuleError):
        reg.resolve("XX99")


def test_registry_refuses_duplicates() -> None:
    rule = RULES[0]
    with pytest.raises(ValueError, match="duplicate"):
        Registry([rule, type(rule)()])


def test_registry_refuses_dangling_redirect() -> None:
    with pytest.raises(ValueError, match="redirect"):
        Registry(RULES, {"OLD1": "NOPE"})


def test_rule_without_meta_is_refused() -> None:
    with pytest.raises(TypeError, match="meta"):

        class NoMeta(Rule):  # the class statement itself must fail
            def check(self, post, ctx):
                return iter(())


def test_each_category_has_a_citation_in_each_profile() -> None:
    for profile in ("medewerkers", "mandatarissen"):
        policy = default_policy(profile)
        for cat in Category:
            cited = policy.cite(cat)
            assert cited
            prefix = "MW-" if profile == "medewerkers" else "MA-"
            assert all(g.startswith(prefix) for g in cited)
