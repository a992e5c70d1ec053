"""Category ``spokesperson`` (MW-4, MA-10): align before responding on sensitive topics.

MW-4: "Stem altijd af met je leidinggevende en de afdeling Communicatie of er
gereageerd moet worden en zo ja, wie dit doet." MA-10: "Hou rekening met de
afspraken rond woordvoering: ze gelden zowel offline als online."

Topics are word lists under ``data/topics/`` (one file per group: incidents,
legal, staff, council, press, elections) plus the policy's ``[spokesperson]
topics``. ``data/topics/README.txt`` describes the entry syntax. Matching is one
Aho-Corasick pass over the post for each entry's most distinctive word; only the
entries whose word occurs run their own (precompiled, bounded) pattern. A match
inside a phrase of ``data/topics/exceptions.txt`` ("per ongeluk", "aangifte van
geboorte", "stembureau ... verkiezingen") does not count.

A topic word alone is not enough: it must concern the organisation itself
(issue 10: "de coronacrisis", a minister's press conference or an attack abroad
are news, not spokesperson matters). ``data/topics/weighing.txt`` says per group
and account kind whether a topic counts ``always`` (unless a word of
``remote.txt`` in its sentence places it elsewhere), only with an ``anchor`` to
the organisation (``local.txt``, a street address, the organisation's name and
aliases, the policy's ``[spokesperson] places``), or ``never`` (elections on an
office holder's account: campaigning is their normal business).

A legal topic with a word of ``self.txt`` in its sentence ("het proces tegen mij", "mijn
rechtszaak", "ik word vervolgd") is the author's own matter: it counts on every account,
also beside national words (issue 10: an MP commenting on his own trial).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from krantentoets.detect.phrases import (
    EntrySyntaxError,
    PhraseMatch,
    PhraseMatcher,
    parse_entry,
)
from krantentoets.post import AccountKind, Post
from krantentoets.report import Category, Severity
from krantentoets.rules.base import CheckContext, Example, Hit, Keywords, Msg, Rule, RuleMeta

if TYPE_CHECKING:
    from krantentoets.policy import Policy

#: Topic groups in the order they are reported, with what they are called.
GROUPS: dict[str, Msg] = {
    "incidents": Msg("een incident of crisis", "an incident or crisis"),
    "legal": Msg("een juridische procedure", "legal proceedings"),
    "staff": Msg("een personeelskwestie", "a staff matter"),
    "council": Msg(
        "bestuurlijke besluitvorming die nog niet rond of niet openbaar is",
        "council business that is undecided or not public",
    ),
    "press": Msg("vragen van of contact met de pers", "questions from or contact with the press"),
    "elections": Msg("verkiezingen", "elections"),
}
#: The groups in which a word of ``self.txt`` makes a topic the author's own matter.
SELF_GROUPS = frozenset({"legal"})
#: What a topic of :data:`SELF_GROUPS` tied to the author is called.
SELF_LABELS: dict[str, Msg] = {
    "legal": Msg(
        "een juridische procedure waarin je zelf partij bent",
        "legal proceedings you are a party to",
    ),
}
POLICY_GROUP = "policy"
_POLICY_LABEL = Msg(
    "een onderwerp dat de organisatie als gevoelig heeft aangemerkt",
    "a topic the organisation marked as sensitive",
)


def _read_lines(name: str) -> list[str]:
    ref = resources.files("krantentoets") / "data" / "topics" / name
    lines = ref.read_text(encoding="utf-8").splitlines()
    return [s for raw in lines if (s := raw.split("#", 1)[0].strip())]


@cache
def topic_matcher() -> PhraseMatcher:
    """The built-in topic lists, loaded once."""
    return PhraseMatcher(
        parse_entry(line, group) for group in GROUPS for line in _read_lines(f"{group}.txt")
    )


@cache
def exception_matcher() -> PhraseMatcher:
    return PhraseMatcher(parse_entry(line, "exception") for line in _read_lines("exceptions.txt"))


@cache
def local_matcher() -> PhraseMatcher:
    return PhraseMatcher(parse_entry(line, "local") for line in _read_lines("local.txt"))


@cache
def remote_matcher() -> PhraseMatcher:
    return PhraseMatcher(parse_entry(line, "remote") for line in _read_lines("remote.txt"))


@cache
def self_matcher() -> PhraseMatcher:
    return PhraseMatcher(parse_entry(line, "self") for line in _read_lines("self.txt"))


WEIGHTS = ("always", "anchor", "never")
_ACCOUNT_COLUMNS = (AccountKind.ORGANISATION, AccountKind.IN_FUNCTION, AccountKind.PERSONAL)


@cache
def weighing() -> dict[tuple[str, AccountKind], str]:
    """``data/topics/weighing.txt``: (group, account kind) -> always / anchor / never."""
    table: dict[tuple[str, AccountKind], str] = {}
    for line in _read_lines("weighing.txt"):
        group, *cells = line.split()
        if group not in GROUPS or len(cells) != len(_ACCOUNT_COLUMNS):
            raise ValueError(f"data/topics/weighing.txt: bad line {line!r}")
        for account, cell in zip(_ACCOUNT_COLUMNS, cells, strict=True):
            if cell not in WEIGHTS:
                raise ValueError(f"data/topics/weighing.txt: {cell!r} is not one of {WEIGHTS}")
            table[(group, account)] = cell
    return table


#: A street address: "aan de Drachtsterweg", "in de Kerkstraat", "op het Zaailand".
_STREET = re.compile(
    r"(?<!\w)(?-i:[A-Z])\w{2,}(?:straat|weg|laan|plein|kade|dijk|singel|gracht|steeg|pad"
    r"|markt|zone|park|dreef|buurt|wijk)(?!\w)"
)


@lru_cache(maxsize=32)
def place_matcher(places: tuple[str, ...]) -> PhraseMatcher:
    entries = []
    for place in places:
        try:
            entries.append(parse_entry(place, "local"))
        except EntrySyntaxError:
            continue
    return PhraseMatcher(entries)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    from krantentoets.detect.context import sentence_bounds

    return sentence_bounds(text, start, end)


def concerns_organisation(
    text: str,
    match: PhraseMatch,
    account: AccountKind,
    places: tuple[str, ...] = (),
) -> str | None:
    """Why ``match`` concerns the organisation itself (a trace phrase), or ``None``.

    ``places`` are the organisation's name, aliases and own places (the policy's).
    """
    return _concerns(
        text, match, account, lambda: _surroundings(text, places), lambda: self_matcher().find(text)
    )


def _surroundings(
    text: str, places: tuple[str, ...]
) -> tuple[list[PhraseMatch], list[PhraseMatch]]:
    """What ties ``text`` to the organisation (local words, its places, street addresses) and
    what places it elsewhere (``remote.txt``): found once per post, whatever its topics."""
    return _anchors_and_remote(text, _finder(text, places=places))


def _anchors_and_remote(text: str, find: Finder) -> tuple[list[PhraseMatch], list[PhraseMatch]]:
    anchors = find(LOCAL) + find(PLACES)
    anchors += [PhraseMatch(m.start(), m.end(), "local", "street") for m in _STREET.finditer(text)]
    return anchors, find(REMOTE)


SELF_REASON = "the author's own matter"


def _own_matter(text: str, match: PhraseMatch, find_self: Callable[[], list[PhraseMatch]]):
    """Why ``match`` (a topic of :data:`SELF_GROUPS`) is the author's own matter, or ``None``:
    a word of ``self.txt`` in its sentence."""
    if match.group not in SELF_GROUPS:
        return None
    s, e = _sentence(text, match.start, match.end)
    for a in find_self():
        if s <= a.start and a.end <= e:
            return f"{SELF_REASON}: {text[a.start : a.end]!r}"
    return None


def _concerns(
    text: str,
    match: PhraseMatch,
    account: AccountKind,
    surroundings: Callable[[], tuple[list[PhraseMatch], list[PhraseMatch]]],
    find_self: Callable[[], list[PhraseMatch]] = lambda: [],
) -> str | None:
    if match.group == POLICY_GROUP:
        return "the policy's own topic"
    own = _own_matter(text, match, find_self)
    if own is not None:
        return own
    weight = weighing().get((match.group, account), "always")
    if weight == "never":
        return None
    anchors, remote = surroundings()
    s, e = _sentence(text, match.start, match.end)
    in_sentence = [a for a in anchors if s <= a.start and a.end <= e]
    if not in_sentence and any(s <= r.start and r.end <= e for r in remote):
        return None
    if not anchors and remote:  # national or foreign news, nothing of the organisation's own
        return None
    if weight == "always":
        return "concerns the organisation by its nature"
    if anchors:
        a = (in_sentence or anchors)[0]
        return f"tied to the organisation by {text[a.start : a.end]!r}"
    return None


@lru_cache(maxsize=32)
def policy_matcher(topics: tuple[str, ...]) -> PhraseMatcher:
    entries = []
    for topic in topics:
        try:
            entries.append(parse_entry(topic, POLICY_GROUP))
        except EntrySyntaxError:
            continue
    return PhraseMatcher(entries)


def all_topics(text: str, policy_topics: tuple[str, ...] = ()) -> list[PhraseMatch]:
    """Every topic match outside an exception phrase, in text order."""
    return _topics(_finder(text, policy_topics), text)


#: Finds one of the lists below in one text, by name (a keyword scan or the matchers).
Finder = Callable[[str], list[PhraseMatch]]
TOPICS, EXCEPTIONS, LOCAL, REMOTE = "topics", "topic-exceptions", "local", "remote"
SELF = "spokesperson-self"
POLICY_TOPICS, PLACES = "spokesperson-policy-topics", "spokesperson-places"


def _matchers(
    policy_topics: tuple[str, ...], places: tuple[str, ...]
) -> dict[str, Callable[[], PhraseMatcher]]:
    return {
        TOPICS: topic_matcher,
        EXCEPTIONS: exception_matcher,
        LOCAL: local_matcher,
        REMOTE: remote_matcher,
        SELF: self_matcher,
        POLICY_TOPICS: lambda: policy_matcher(policy_topics),
        PLACES: lambda: place_matcher(places),
    }


def _finder(text: str, policy_topics: tuple[str, ...] = (), places: tuple[str, ...] = ()) -> Finder:
    matchers = _matchers(policy_topics, places)
    return lambda name: matchers[name]().find(text)


#: Quotation marks around a word of its own: a topic word in scare quotes is mentioned (the
#: author distances himself from it), not used: 'voor ‘slachtoffers’'.
_QUOTE_MARKS = frozenset("\"'‘’‚‛“”„«»‹›`")


def _scare_quoted(text: str, m: PhraseMatch) -> bool:
    before = text[m.start - 1] if m.start > 0 else ""
    after = text[m.end] if m.end < len(text) else ""
    return before in _QUOTE_MARKS and after in _QUOTE_MARKS


def _topics(find: Finder, text: str | None = None) -> list[PhraseMatch]:
    matches = find(TOPICS) + find(POLICY_TOPICS)
    if not matches:
        return []
    exceptions = find(EXCEPTIONS)
    return [
        m
        for m in matches
        if not any(e.start <= m.start and m.end <= e.end for e in exceptions)
        and (text is None or m.group == POLICY_GROUP or not _scare_quoted(text, m))
    ]


def _first_per_group(matches: Iterable[PhraseMatch]) -> list[PhraseMatch]:
    first: dict[str, PhraseMatch] = {}
    for m in matches:
        first.setdefault(m.group, m)
    order = [*GROUPS, POLICY_GROUP]
    return sorted(first.values(), key=lambda m: order.index(m.group))


def find_topics(text: str, policy_topics: tuple[str, ...] = ()) -> list[PhraseMatch]:
    """The first match of each topic group (built-in groups, then the policy's), in group order."""
    return _first_per_group(all_topics(text, policy_topics))


class SpokespersonTopic(Rule):
    meta = RuleMeta(
        id="SP01",
        name="spokesperson-topic",
        title=Msg("Woordvoeringsonderwerp: eerst afstemmen", "Spokesperson topic: align first"),
        category=Category.SPOKESPERSON,
        severity=Severity.WARN,
        guidelines=("MW-4", "MA-10"),
        why=Msg(
            "Over incidenten, rechtszaken, personeelszaken, besluiten die nog niet rond zijn, "
            "persvragen en verkiezingen reageert niemand op eigen houtje. De afspraken over "
            "woordvoering gelden online net zo: stem eerst af of er gereageerd wordt en door wie.",
            "Nobody responds on their own to incidents, lawsuits, staff matters, undecided "
            "decisions, press questions or elections. Spokesperson agreements apply online too: "
            "first agree whether to respond, and who does.",
        ),
        bad=Example(
            "Er is brand in de wijk Heechterp; blijf binnen en sluit ramen en deuren.",
            account=AccountKind.IN_FUNCTION,
            bio="Medewerker wijkteam bij gemeente Leeuwarden",
        ),
        good=Example(
            "Open dag bij de brandweerkazerne aan de Hemrik: zaterdag van 10 tot 16 uur, "
            "iedereen is welkom!",
            account=AccountKind.IN_FUNCTION,
            bio="Medewerker wijkteam bij gemeente Leeuwarden",
        ),
        known_problems="Word lists, not understanding: a sensitive topic described in other "
        "words is missed, and a listed word in a harmless sense (a 'crisis' in a quiz) still "
        "asks for alignment. Exceptions live in data/topics/exceptions.txt. The author's own "
        "proceedings are recognised by first-person words in the sentence "
        "(data/topics/self.txt): a trial named only by a hashtag or the author's name is missed.",
    )

    def keywords(self, policy: Policy) -> Keywords:
        settings = policy.settings.spokesperson
        org = policy.settings.organisation
        places = tuple(p for p in (org.name, *org.aliases, *settings.places) if p)
        matchers = _matchers(tuple(settings.topics), places)
        return Keywords(phrases={name: matcher() for name, matcher in matchers.items()})

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        align_with = ctx.policy.settings.spokesperson.align_with
        if ctx.policy.settings.profile == "mandatarissen" and align_with == _EMPLOYEE_ALIGN:
            # an office holder has no manager: the default names whom they do align with
            align_with = _OFFICE_HOLDER_ALIGN
        find = ctx.keywords(post.text).find
        topics = _topics(find, post.text)
        if not topics:
            return
        why: dict[PhraseMatch, str] = {}
        found: list[tuple[list[PhraseMatch], list[PhraseMatch]]] = []

        def surroundings() -> tuple[list[PhraseMatch], list[PhraseMatch]]:
            if not found:
                found.append(_anchors_and_remote(post.text, find))
            return found[0]

        for m in topics:
            reason = _concerns(post.text, m, post.account, surroundings, lambda: find(SELF))
            if reason is not None:
                why[m] = reason
        for m in _first_per_group(why):
            seen = post.text[m.start : m.end]
            label = GROUPS.get(m.group, _POLICY_LABEL)
            if why[m].startswith(SELF_REASON):
                label = SELF_LABELS.get(m.group, label)
            yield Hit(
                start=m.start,
                end=m.end,
                message=Msg(
                    "Dit bericht gaat over {label_nl} ('{seen}'). Daarover reageer je niet "
                    "zonder afstemming: de afspraken over woordvoering gelden ook online.",
                    "This post is about {label_en} ('{seen}'). Do not respond on this without "
                    "alignment: spokesperson agreements apply online too.",
                ).format(label_nl=label.nl, label_en=label.en, seen=seen),
                suggestion=Msg(
                    "Stem eerst af met {align} of er gereageerd wordt en zo ja, door wie. "
                    "Misschien is een collega de aangewezen woordvoerder.",
                    "First agree with {align} whether to respond and, if so, who does. A "
                    "colleague may be the designated spokesperson.",
                ).format(align=align_with),
                trace=(f"topic group {m.group}", f"entry {m.source!r}", why[m]),
            )


#: The policy's default ``align_with`` (written for employees) and what an office holder,
#: who has no manager, is told instead unless the policy file names someone.
_EMPLOYEE_ALIGN = "je leidinggevende en de afdeling Communicatie"
_OFFICE_HOLDER_ALIGN = "de woordvoerder van het bestuur en de afdeling Communicatie"

RULES: tuple[type[Rule], ...] = (SpokespersonTopic,)
