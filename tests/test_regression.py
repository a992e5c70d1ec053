"""Regression corpus: realistic Dutch and Flemish posts with expected categories and verdicts.

Each case in ``data/regression.jsonl`` lists the categories that must be found
(``categories``), those that may be found (``optional``), and the verdict. Any
other category at warn or block level is a false alarm and fails the case: the
product must not cry wolf. Known misses are listed in ``KNOWN_MISSES`` with the
reason, as strict xfails, so a fix is noticed.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from krantentoets.check import check
from krantentoets.policy import Policy, load_policy
from krantentoets.post import post_from_record
from krantentoets.report import Severity

TESTS = Path(__file__).resolve().parent

CASES = [
    json.loads(line)
    for line in (TESTS / "data" / "regression.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]

#: case id -> why it is missed today. Keep this list short and honest.
KNOWN_MISSES: dict[str, str] = {
    "stance-impliciet": "the plan is not named as the organisation's ('de plannen voor de "
    "parkeergarage'); ST01 needs a reference to the organisation, its council or its policy",
}


@cache
def policy_for(profile: str) -> Policy:
    name = "gent.toml" if profile == "mandatarissen" else "leeuwarden.toml"
    return load_policy(TESTS / "data" / name)


def params():
    for case in CASES:
        marks = []
        if case["id"] in KNOWN_MISSES:
            marks.append(pytest.mark.xfail(reason=KNOWN_MISSES[case["id"]], strict=True))
        yield pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.parametrize("case", list(params()))
def test_regression_case(case: dict) -> None:
    record = {k: case[k] for k in case if k not in {"categories", "optional", "verdict", "profile"}}
    post = post_from_record(record, base=TESTS / "data")
    report = check(post, policy_for(case.get("profile", "medewerkers")))
    serious = {f.category.value for f in report.findings if f.severity is not Severity.INFO}
    expected = set(case["categories"])
    optional = set(case.get("optional", []))
    missing = expected - serious
    extra = serious - expected - optional
    detail = [
        (f.rule, f.category.value, f.severity.value, f.span and f.span.text)
        for f in report.findings
    ]
    assert not missing, f"missed {sorted(missing)}; found {detail}"
    assert not extra, f"false alarm {sorted(extra)}; found {detail}"
    assert report.verdict.value == case["verdict"], detail


def test_corpus_covers_every_category_and_has_clean_posts() -> None:
    from krantentoets.report import Category

    covered = {c for case in CASES for c in case["categories"]}
    assert covered >= {c.value for c in Category}
    assert sum(1 for c in CASES if not c["categories"]) >= 15
