"""Matching posts to the organisation: names, aliases, handles, hashtags; no false hits."""

from __future__ import annotations

import pytest

from guards import cpu_budget
from krantentoets.monitor.match import MentionMatcher
from krantentoets.monitor.sources.base import html_to_text
from krantentoets.policy.model import Organisation

ORG = Organisation(
    name="Gemeente Dijkstad",
    aliases=["Dijkstad", "gem. Dijkstad"],
    handles=["@gemeentedijkstad", "dijkstad.bsky.social"],
    hashtags=["#dijkstad030"],
)


@pytest.fixture(scope="module")
def matcher() -> MentionMatcher:
    return MentionMatcher.from_organisation(ORG)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Goed geregeld door gemeente  dijkstad!", ["Gemeente Dijkstad"]),
        ("In Dijkstad is het druk.", ["Dijkstad"]),
        ("Dank @gemeentedijkstad@social.example voor de hulp", ["@gemeentedijkstad"]),
        ("Vraag aan @dijkstad.bsky.social: wanneer?", ["dijkstad.bsky.social"]),
        ("#Dijkstad030 staat op de kaart", ["#dijkstad030"]),
        ("gem. Dijkstad en Dijkstad", ["gem. Dijkstad", "Dijkstad"]),
    ],
)
def test_finds_the_organisation(matcher: MentionMatcher, text: str, expected: list[str]) -> None:
    assert matcher.find(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dijkstadse kermis begint morgen",  # a longer word is not the name
        "Oud-Dijkstadder vertelt",
        "#dijkstad0301 is een andere hashtag",
        "mail naar info@gemeentedijkstad.nl",  # an e-mail address is not the handle
        "De gemeente heeft besloten",  # the built-in placeholder is never a name
    ],
)
def test_does_not_cry_wolf(matcher: MentionMatcher, text: str) -> None:
    assert matcher.find(text) == []


def test_placeholder_organisation_matches_nothing() -> None:
    matcher = MentionMatcher.from_organisation(Organisation())
    assert not matcher and matcher.find("de gemeente doet het goed") == []


def test_pathological_inputs_are_linear(matcher: MentionMatcher) -> None:
    inputs = [
        "gemeente " * 20_000 + "x",
        "@" * 50_000,
        "@gemeentedijkstad" + "@a" * 20_000 + "!",
        "#" * 50_000 + "dijkstad03",
        "\n \n" * 20_000,
    ]
    with cpu_budget():
        for text in inputs:
            matcher.find(text)
            html_to_text(text)
            html_to_text("<p>" + text + "</p>")
