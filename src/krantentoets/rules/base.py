"""What a rule is: typed metadata plus a ``check`` method that yields hits.

A rule never builds a :class:`~krantentoets.report.Finding` itself. It yields
:class:`Hit` objects (where, what, why, how to fix); the checker turns them into
findings with the severity and guideline ids of the active policy profile. That
keeps every profile running every rule while the citation and severity come from
policy data.

To add a rule: write a subclass with a ``meta`` in the module of its family
(``rules/<family>.py``), add it to that module's ``RULES`` tuple, and give it a
positive and a negative example in ``meta``; the test suite checks both, and
``docs/rules.md`` is generated from ``meta``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from krantentoets.detect.phrases import KeywordIndex, KeywordScan, PhraseMatcher
from krantentoets.post import AccountKind, Platform, Post
from krantentoets.report import Category, Severity

if TYPE_CHECKING:
    from krantentoets.policy import Policy

T = TypeVar("T")

LANGUAGES = ("nl", "en")


@dataclass(frozen=True, slots=True)
class Msg:
    """A user-facing text in Dutch and English. ``{name}`` fields are filled by :meth:`format`."""

    nl: str
    en: str

    def format(self, **values: Any) -> Msg:
        return Msg(self.nl.format(**values), self.en.format(**values))

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.nl


@dataclass(frozen=True, slots=True)
class Example:
    """A post used as documentation and as a test case for a rule."""

    text: str
    platform: Platform | None = None
    account: AccountKind = AccountKind.ORGANISATION
    bio: str | None = None
    display_name: str | None = None
    author: str | None = None
    reply_to: str | None = None

    def post(self) -> Post:
        return Post(
            text=self.text,
            platform=self.platform,
            account=self.account,
            bio=self.bio,
            display_name=self.display_name,
            author=self.author,
            reply_to=self.reply_to,
        )


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """Everything a reader needs to know about a rule, kept beside its code.

    ``id`` is a stable code (``PD01``) that never changes once released; a renamed
    or split rule keeps its old id as a redirect in the registry. ``name`` is a
    readable slug that the policy file may use instead of the id.
    """

    id: str
    name: str
    title: Msg
    category: Category
    severity: Severity
    guidelines: tuple[str, ...]
    why: Msg
    bad: Example
    good: Example
    known_problems: str = ""
    #: Needs attached images; excluded from text-only benchmarks.
    uses_images: bool = False

    def __post_init__(self) -> None:
        if not self.guidelines:
            raise ValueError(f"rule {self.id} cites no guideline")
        if self.bad == self.good:
            raise ValueError(f"rule {self.id}: bad and good example are the same")


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule saw. ``start``/``end`` are ``None`` for a finding about the whole post.

    ``severity`` lets a rule lower (or raise) its default for this one hit, e.g.
    quoted hate in a post that condemns it is only ``info``. ``trace`` says, in a
    few short English phrases, why it fired (pattern, list, context word).
    """

    start: int | None
    end: int | None
    message: Msg
    suggestion: Msg
    trace: tuple[str, ...] = ()
    severity: Severity | None = None

    def __post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ValueError("a hit has both start and end, or neither")


@dataclass(frozen=True, slots=True)
class Keywords:
    """A rule's keyword lists, found in one pass over the post with every other rule's.

    ``phrases`` are phrase matchers by name (built from the word-list files and the
    policy's own entries), ``stems`` lists of lower-case stems by name: a rule's cheap
    test that its patterns can match at all. Names are shared by all rules: two rules
    that name the same list must give the same matcher.
    """

    phrases: Mapping[str, PhraseMatcher] = field(default_factory=dict)
    stems: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def keyword_index(policy: Policy) -> KeywordIndex:
    """The one keyword automaton of ``policy``: every registered rule's lists, built once
    per policy (and shared by policies whose lists are the same)."""
    phrases: dict[str, PhraseMatcher] = {}
    stems: dict[str, tuple[str, ...]] = {}
    for rule in policy.registry:
        keywords = rule.keywords(policy)
        for name, matcher in keywords.phrases.items():
            if phrases.setdefault(name, matcher) is not matcher:
                raise ValueError(f"two rules name different keyword lists {name!r}")
        for name, listed in keywords.stems.items():
            if stems.setdefault(name, listed) != listed:
                raise ValueError(f"two rules name different stem lists {name!r}")
    return _keyword_index(tuple(phrases.items()), tuple(stems.items()))


@lru_cache(maxsize=16)
def _keyword_index(
    phrases: tuple[tuple[str, PhraseMatcher], ...], stems: tuple[tuple[str, tuple[str, ...]], ...]
) -> KeywordIndex:
    return KeywordIndex(dict(phrases), dict(stems))


_MISSING: Any = object()


@dataclass(slots=True)
class CheckContext:
    """Per-check state shared by rules: the policy, and a memo for shared analyses.

    ``memo`` lets two rules share one expensive analysis of the same post (e.g.
    the personal-data spans used by both the personal-data and the redaction code)
    without global state.
    """

    policy: Policy
    _memo: dict[str, Any] = field(default_factory=dict)
    _scans: dict[str, KeywordScan] = field(default_factory=dict)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            found = self._memo[key] = compute()
        return found  # type: ignore[no-any-return]

    def keywords(self, text: str) -> KeywordScan:
        """The policy's keyword lists found in ``text``: one automaton pass per text."""
        scans = self._scans
        found = scans.get(text)
        if found is None:
            found = scans[text] = self.policy.keyword_index.scan(text)
        return found


class Rule(ABC):
    """Base class of every rule. Subclasses must set ``meta`` and implement ``check``."""

    meta: ClassVar[RuleMeta]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if getattr(cls, "__abstractmethods__", None):
            return
        meta = cls.__dict__.get("meta")
        if not isinstance(meta, RuleMeta):
            raise TypeError(f"rule class {cls.__name__} must define meta = RuleMeta(...)")

    @abstractmethod
    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        """Yield a :class:`Hit` for each problem in ``post``."""

    def keywords(self, policy: Policy) -> Keywords:
        """The keyword lists this rule reads through :meth:`CheckContext.keywords`."""
        return Keywords()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.meta.id} {self.meta.name}>"
