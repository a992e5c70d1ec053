"""Persons named in Dutch and Flemish text: the rules of :mod:`.names` and the trained tagger
of :mod:`.name_tagger`, combined, with evidence whether each person is public or private.

The tagger proposes, evidence decides. The rules (lists, titles, patterns) find the names
they are sure of; the tagger runs only on sentences with a name candidate (a capitalised word
inside the sentence, or a title) and proposes names the rules missed, such as a surname alone
after person context (``sprak met Bakker-van Dijk``), ``van den Heuvel``, ``J Smit``,
``v.d. Berg``, ``De Smedt`` or an unlisted foreign surname. A proposal is kept only with
support:

- a title or person context right before it (``mevrouw``, ``de familie``, ``sprak met``,
  ``buurman``), or
- for two or more words: a listed first name or surname, initials, a tussenvoegsel, or two
  capitalised words that are not places, organisations or ordinary words.

Never kept: a proposal at a handle or hashtag, in capitals (``VVD``), whose capitalised words
are all places, ordinary words, titles or roles, or that is followed by an organisation word
(``Anne Frank Huis``).

Every person carries ``public``: ``True`` with the reason when a public role or function is
next to the name (``wethouder``, ``CDA-wethouder``, ``ploegvoorzitter``; ``…, woordvoerder
van``; see ``data/names/public_functions.txt``), when the name is on
``data/names/public_figures.txt`` or on the organisation's own list of office holders and
officials (the policy's ``[archive] office_holders``). Public persons are not a private
person's personal data: :func:`find_names` (the check, ``krantentoets redact``, the Woo
export) returns only the private ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from krantentoets.detect import name_tagger, names
from krantentoets.detect.personal_data import Disjoint, PIISpan


@dataclass(frozen=True, slots=True)
class PersonName:
    """One mention of a person: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    #: Why this is a name (rules, tagger, evidence), in short English.
    trace: tuple[str, ...]
    #: ``True`` for a public person (in their role); ``public_reason`` says why.
    public: bool = False
    public_reason: str = ""

    @property
    def kind(self) -> str:
        return "public" if self.public else "private"


@cache
def public_functions() -> tuple[str, ...]:
    ref = resources.files("krantentoets.data") / "names" / "public_functions.txt"
    with ref.open(encoding="utf-8") as fh:
        words = {ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")}
    return tuple(sorted(words | set(names.PUBLIC_ROLES), key=len, reverse=True))


@cache
def _function_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    alt = "|".join(re.escape(f) for f in public_functions())
    # Before the name: the function as a word or at the end of a compound ("CDA-wethouder",
    # "clubvoorzitter"), an optional "de"/"onze", then the name.
    before = re.compile(r"(?i)(?:" + alt + r")\s+(?:(?:de|het|onze|ons|jullie)\s+)?$")
    after = re.compile(
        r"(?i)^\s*(?:,|\(|–|-)\s*(?:de\s+|het\s+|onze\s+|oud-|voormalig\s+)?[\w-]*(?:"
        + alt
        + r")\b"
    )
    return before, after


def public_context(text: str, start: int, end: int) -> str:
    """The public role or function next to ``text[start:end]`` ("" if none)."""
    before_re, after_re = _function_res()
    m = before_re.search(text, max(0, start - 50), start)
    if m:
        return m.group().strip()
    m = after_re.match(text[end : end + 60])
    return m.group().strip(" ,(–-") if m else ""


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


@cache
def _known_public(office_holders: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """Full names and surnames (the words after the first) of the public figures and the
    organisation's office holders, normalised."""
    full: set[str] = set()
    surnames: set[str] = set()
    for name in (*names.lists().public, *office_holders):
        n = _norm(name)
        if not n:
            continue
        full.add(n)
        words = n.split(" ")
        if len(words) > 1:
            surnames.add(" ".join(words[1:]))
    return frozenset(full), frozenset(surnames)


def _public(text: str, start: int, end: int, office_holders: tuple[str, ...]) -> str:
    role = public_context(text, start, end)
    if role:
        return f"public function '{role}'"
    full, surnames = _known_public(office_holders)
    n = _norm(text[start:end])
    if n in full or n in surnames:
        return "on the list of public figures and office holders"
    return ""


# -- the tagger's proposals -----------------------------------------------------------------

_UPPER = names._UPPER
#: A capitalised word inside a sentence (after a lower-case word, a comma or a closing
#: bracket): where the tagger may find something the rules did not.
_MID_CAPITAL = re.compile(r"[^\W_][,;:)]?[ \u00a0]+(?:[" + _UPPER + r"]|v\.|v/)")
_SENTENCE_END = frozenset(".!?…;:")
#: Words right before a name that say a person follows.
_PERSON_BEFORE = frozenset(
    """
    met genaamd heet heette namens buurman buurvrouw buren collega familie fam fam. zoon
    dochter vader moeder broer zus opa oma weduwe weduwnaar echtgenoot echtgenote vriend
    vriendin bewoner bewoonster inwoner inwoonster patiënt cliënt klant melder aanvrager
    """.split()  # noqa: SIM905
)
#: Person nouns after which a capitalised word is a name even when the tagger missed it
#: ("haar buurman Kowalczyk").
_PERSON_NOUNS = frozenset(
    """
    buurman buurvrouw collega zoon dochter vader moeder broer zus opa oma weduwe weduwnaar
    echtgenoot echtgenote kleinzoon kleindochter neef nicht oom tante schoonzoon schoondochter
    """.split()  # noqa: SIM905
)
#: Abbreviated tussenvoegsels ("v.d. Berg", "v/d Veen").
_PARTICLES = frozenset(("v.d.", "v/d", "vd", "v.", "v.d", "d'"))
_MAX_SENTENCE = 80


def _sentences(toks: list[name_tagger.Token], text: str) -> list[tuple[int, int]]:
    """``[lo, hi)`` token ranges of the sentences (at most ``_MAX_SENTENCE`` tokens each)."""
    out: list[tuple[int, int]] = []
    lo = 0
    for i, t in enumerate(toks):
        end = t.word in _SENTENCE_END or (
            i + 1 < len(toks) and "\n" in text[t.end : toks[i + 1].start]
        )
        if end or i + 1 - lo >= _MAX_SENTENCE:
            out.append((lo, i + 1))
            lo = i + 1
    if lo < len(toks):
        out.append((lo, len(toks)))
    return out


def _has_candidate(toks: list[name_tagger.Token], text: str, lo: int, hi: int) -> bool:
    titles = names.TITLES
    for i in range(lo, hi):
        w = toks[i].word
        if i > lo and w[:1].isupper() and not _at_handle(text, toks[i].start):
            return True
        if w.lower() in titles:
            return True
    return False


def _at_handle(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] in "@#"


def _plain(word: str, L: names.Lists) -> bool:
    """A capitalised word that says nothing of a person on its own."""
    low = word.lower()
    if word in L.first and word not in L.word_names:
        return False
    if word in L.surnames and low not in L.common and word not in L.places:
        return False
    return (
        word in L.places
        or low in L.common
        or word in L.not_names
        or word in names.ORG_WORDS
        or low.rstrip(".") in names.TITLES
        or low in names.PUBLIC_ROLES
        or _org_word(word, L)
    )


def _org_word(word: str, L: names.Lists) -> bool:
    """A street, building or organisation word by its ending ("Ligthartschool",
    "Nassauplein"); a listed surname ("Dijk", "Verhoef") or the bare ending is not."""
    m = names._ORG_SUFFIX.search(word.lower())
    return m is not None and m.start() > 1 and word not in L.surnames


def _evidence(
    toks: list[name_tagger.Token], text: str, lo: int, a: int, b: int
) -> tuple[int, int, str] | None:
    """The proposal ``toks[a..b]`` trimmed to the name, with the evidence for it, or None."""
    L = names.lists()
    interfix = L.interfixes | _PARTICLES
    # Trim words that cannot start or end a name, and a sentence's first word that is no
    # listed name or tussenvoegsel ("Hoi Anja", "Gisteren Jan Smit").
    while a <= b and not (toks[a].word[:1].isupper() or toks[a].word.lower() in interfix):
        a += 1
    while a <= b and not toks[b].word[:1].isupper():
        b -= 1
    if a < b and a == lo and _first_word_not_name(toks[a].word, L):
        a += 1
    if a > b:
        return None
    words = [t.word for t in toks[a : b + 1]]
    if any(_at_handle(text, t.start) for t in toks[a : b + 1]):
        return None
    if any(len(w) > 1 and w.isupper() and not w.endswith(".") for w in words):
        return None  # "VVD", "NOS"
    caps = [w for w in words if w[:1].isupper()]
    abbreviated = any(w.lower() in _PARTICLES for w in words[:-1])  # "v.d. Berg": a name
    # "van den Heuvel": two or more tussenvoegsels before one capitalised word that is a
    # listed surname or no place, and no organisation.
    particles = len(words) >= 3 and all(w.lower() in interfix for w in words[:-1])
    last = words[-1]
    if particles and (last not in L.places or last in L.surnames) and last not in names.ORG_WORDS:
        return a, b, "tussenvoegsels + capitalised surname"
    if not abbreviated and all(_plain(w, L) for w in caps if w.lower() not in interfix):
        return None
    if any(_org_word(w, L) or w in names.ORG_WORDS for w in caps):
        return None  # "Jan Ligthartschool", "Anne Frank Huis", "Nassauplein"
    article = toks[a - 1].word.lower() if a > lo else ""
    if words[0].lower() in ("de", "het"):
        article, words0 = words[0].lower(), words[1:]
    else:
        words0 = words
    if article == "het" or (article == "de" and words0 and words0[0] in L.first):
        return None  # "het Piter Jelles", "De Albert Heijn": an organisation or building
    if b + 1 < len(toks) and (
        toks[b + 1].word in names.ORG_WORDS or names._HOUSE_NUMBER_AFTER.match(text, toks[b].end)
    ):
        return None
    prev = toks[a - 1].word.lower() if a > lo else ""
    prev2 = f"{toks[a - 2].word.lower()} {prev}" if a - 1 > lo else ""
    if prev.rstrip(".") in {t.rstrip(".") for t in names.TITLES}:
        return a, b, f"after the title '{toks[a - 1].word}'"
    if prev in _PERSON_BEFORE or prev2 in _PERSON_BEFORE:
        return a, b, f"after '{prev}'"
    if a == b:
        return None  # one word needs a title or person context
    low = [w.lower() for w in words]
    if abbreviated:
        return a, b, "abbreviated tussenvoegsel + surname"
    if all(w in L.first and w not in L.surnames for w in caps if w.lower() not in interfix):
        return None  # first names only ("Anja", "Jan Willem"): not identifying on their own
    if any(w in L.first and w not in L.word_names for w in words) or any(
        w in L.surnames and not _plain(w, L) for w in words[1:]
    ):
        return a, b, "a listed name"
    if any(w in interfix or w in ("v.d.", "v/d", "vd") for w in low[:-1]):
        return a, b, "tussenvoegsel + capitalised surname"
    if words[0].endswith(".") or (len(words[0]) == 1 and words[0].isupper()):
        return a, b, "initials + surname"
    solid = [w for w in caps if not _plain(w, L) and w.lower() not in interfix]
    if len(solid) >= 2:
        return a, b, "two capitalised words"
    return None


def _first_word_not_name(word: str, L: names.Lists) -> bool:
    low = word.lower()
    return not (
        word in L.first
        or word in L.surnames
        or low in L.interfixes
        or low in ("vanden", "vander", "vande", "ver")
        or word.endswith(".")
        or len(word) == 1
    )


def _after_person_noun(
    toks: list[name_tagger.Token], text: str, lo: int, hi: int
) -> list[tuple[int, int, str]]:
    """A capitalised word right after a person noun ("buurman Kowalczyk")."""
    L = names.lists()
    out = []
    for i in range(lo, hi - 1):
        if toks[i].word.lower() not in _PERSON_NOUNS:
            continue
        j = i + 1
        w = toks[j].word
        if not w[:1].isupper() or w.isupper() or _plain(w, L) or _at_handle(text, toks[j].start):
            continue
        k = j
        while k + 1 < hi and toks[k + 1].word[:1].isupper() and not _plain(toks[k + 1].word, L):
            k += 1
        out.append((j, k, f"after '{toks[i].word}'"))
    return out


def _tagger_names(text: str, taken: Disjoint) -> list[tuple[int, int, str]]:
    """``(start, end, evidence)`` of the tagger's proposals that have support."""
    if _MID_CAPITAL.search(text) is None and not names._maybe_titles(text.lower()):
        return []
    toks = name_tagger.tokenize(text)
    out: list[tuple[int, int, str]] = []
    for lo, hi in _sentences(toks, text):
        if not _has_candidate(toks, text, lo, hi):
            continue
        words = [t.word for t in toks[lo:hi]]
        proposals = [
            _evidence(toks, text, lo, lo + a, lo + b) for a, b in name_tagger.person_spans(words)
        ]
        for found in [*proposals, *_after_person_noun(toks, text, lo, hi)]:
            if found is None:
                continue
            s, e = toks[found[0]].start, toks[found[1]].end
            if taken.overlaps(s, e):
                continue
            taken.add(s, e)
            out.append((s, e, found[2]))
    return out


def _surname_of(name: str) -> str:
    """The surname part of a tagger-found name: after first names and initials."""
    L = names.lists()
    words = name.split(" ")
    i = 0
    while i < len(words) - 1 and (
        words[i] in L.first or words[i].endswith(".") or (len(words[i]) == 1)
    ):
        i += 1
    return " ".join(words[i:])


def find_person_names(text: str, office_holders: Iterable[str] = ()) -> list[PersonName]:
    """Every person named in ``text``, public and private, in text order."""
    if not text:
        return []
    holders = tuple(office_holders)
    found: list[tuple[int, int, tuple[str, ...], str]] = []  # start, end, trace, surname
    starts = names._candidate_starts(text)
    if starts:
        L = names.lists()
        starts = [c for c in starts if names._may_start(text, c, L)]
        if starts:
            found = list(names._Finder(text, starts).find())
    taken = Disjoint()
    for s, e, *_ in found:
        taken.add(s, e)
    for s, e, why in _tagger_names(text, taken):
        found.append((s, e, ("name tagger", why), _surname_of(text[s:e])))
    out: list[PersonName] = []
    for s, e, trace, _ in found:
        reason = _public(text, s, e, holders)
        out.append(PersonName(s, e, text[s:e], trace, bool(reason), reason))
    # Later (or earlier) mentions of a surname already found: "Jansen zei ...". A mention
    # of a public person's surname is public too.
    by_surname: dict[str, PersonName] = {}
    for (*_, sur), person in zip(found, out, strict=True):
        if len(sur) > 2 and (sur not in by_surname or by_surname[sur].public):
            by_surname[sur] = person
    L = names.lists()
    for sur, first in by_surname.items():
        for variant in {sur, sur[:1].upper() + sur[1:]}:  # "de Vries" / "De Vries"
            if text.count(variant) < 2 and variant == sur:
                continue  # only the mention already found
            for start in names._occurrences(text, variant):
                end = start + len(variant)
                if taken.overlaps(start, end):
                    continue
                if (
                    " " not in sur
                    and (sur in L.word_names or sur.lower() in L.common)
                    and names._sentence_initial(text, start)
                ):
                    continue  # "Post je bericht" after "mevrouw Post"
                reason = _public(text, start, end, holders) or (
                    first.public_reason if first.public else ""
                )
                out.append(
                    PersonName(
                        start, end, variant, ("surname mentioned earlier",), bool(reason), reason
                    )
                )
                taken.add(start, end)
    out.sort(key=lambda p: p.start)
    return out


def find_names(text: str, office_holders: Iterable[str] = ()) -> list[PIISpan]:
    """The private persons' names in ``text``, as personal-data spans."""
    return [
        PIISpan(p.start, p.end, p.text, "person-name", p.trace)
        for p in find_person_names(text, office_holders)
        if not p.public
    ]
