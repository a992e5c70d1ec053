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
  capitalised words that are not places, organisations or ordinary words, or
- for one word (a surname alone in news text, "volgens Bolkestein"): the tagger's
  confidence (``LONE_MIN_PROB``) and a word that is rare as a Dutch word (wordfreq) and no
  compound of two frequent words ("Kamerdebat").

A capitalised tussenvoegsel inside a sentence starts a surname ("belde De Smedt", "met Van
Hecke") unless a place or building follows ("in De Kuip", "De Telegraaf").

Never kept: a proposal at a handle or hashtag, in capitals (``VVD``), whose capitalised words
are all places, ordinary words, titles or roles, or that is followed by an organisation word
(``Anne Frank Huis``).

Every person has a ``kind``, judged the way a careful adviser would, strongest evidence
first:

- ``public``: a public role or function next to the name (``wethouder``, ``CDA-wethouder``,
  ``ploegvoorzitter``, a plural before a list, ``minister van BuZa X``; ``…, woordvoerder
  van``; see ``data/names/public_functions.txt``), a webcare signature (``^Kim``), the name
  on ``data/names/public_figures.txt`` or on the organisation's own list of office holders
  and officials (the policy's ``[archive] office_holders``);
- ``private``: a private role (``bewoner``, ``buurman``, ``mijn moeder``, ``onze
  vrijwilliger``; ``data/people/private_roles.txt``), an age (``Kim (28)``, ``de
  23-jarige``), a first name and initial (``Saleh A.``, ``Dennis K``), ``X uit <place>``,
  ``de familie X``, a person greeted or addressed in a reply (``@USER Hoi Adam``, ``…,
  Nikki.``, ``… je aanvraag Fenna?``, ``Goed geregeld Joost 👍``);
- ``public`` on weaker evidence: the person's own handle or organisation after the name
  (``Lilian Helder @USER``, ``X van @USER``), ``als <function>`` in the sentence, a civil
  title and surname in a post about parliament, council or parties (``meneer Dijkhoff``
  with ``#PVV``), a name in a list with a public person;
- ``private`` on weaker evidence, only in a post that is not about parliament, council or
  parties: a civil title (``mevrouw Jansen belde``), a private role said of the person
  (``X is vrijwilliger``, ``X werkt als postbode``), a group of private persons the
  person is named with (``X en andere bewoners``), and for a first name alone such a group
  anywhere after it in the post (a first name alone is how private persons are named);
- ``unknown``: neither. On the tune posts most of these were public persons, so the check
  reports them as a note ("is this a public person?") and only ``private`` as a warning;
  redaction removes ``unknown`` names as it does private ones.

Public persons are not a private person's personal data: :func:`find_names` (the check,
``krantentoets redact``, the Woo export) returns the private and unknown ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources

from krantentoets.detect import name_tagger, names
from krantentoets.detect.dutch_words import is_dutch_word
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
    #: A first name on its own ("Hoi Murat", "^Kim"): not identifying by itself, so the
    #: check does not flag it (``find_names``); redaction removes a private one.
    first_name_only: bool = False
    #: Why the person is a private citizen ("" if nothing says so): a private role next to
    #: the name, an age, "X uit <place>", a citizen addressed in a reply.
    private_reason: str = ""

    @property
    def kind(self) -> str:
        """``public``, ``private`` (evidence says so) or ``unknown`` (neither: the check
        reports it as a note, "is this a public person?", and redaction removes it)."""
        if self.public:
            return "public"
        return "private" if self.private_reason else "unknown"


@cache
def public_functions() -> tuple[str, ...]:
    ref = resources.files("krantentoets.data") / "names" / "public_functions.txt"
    with ref.open(encoding="utf-8") as fh:
        words = {ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")}
    return tuple(sorted(words | set(names.PUBLIC_ROLES), key=len, reverse=True))


@cache
def _function_after() -> re.Pattern[str]:
    alt = "|".join(re.escape(f) for f in public_functions())
    # After a comma, bracket or dash, or on the next line (a letter's signature: "Wim de
    # Graaf\nwethouder Financiën"); not when a name follows the function, whose function it
    # is ("de heer Yilmaz, wethouder Van Dam").
    return re.compile(
        r"(?i)(?:\s*(?:,|\(|–|-)|[ \t\u00a0]*\n)\s*(?:de\s+|het\s+|onze\s+|oud-|voormalig\s+)?"
        r"[\w-]*(?:" + alt + r")\b"
    )


_DETERMINERS = frozenset(("de", "het", "onze", "ons", "jullie", "uw"))


def _function_before(text: str, start: int) -> str:
    """The function right before ``start``: "wethouder", "CDA-wethouder", "clubvoorzitter",
    "commissaris van de koning", optionally with "de"/"onze" between; a plural before a list
    ("lijsttrekkers Eric de Bie en ..."); a function of an organisation ("minister van BuZa
    Alexander Grushko", "burgemeester van Leeuwarden Sybrand Buma")."""
    if start == 0 or not text[start - 1].isspace():
        return ""
    tail = text[max(0, start - 80) : start]
    words = tail.split()[-8:]
    found = _function_at_end(words)
    if found:
        # A plural before a comma or a line break is no list's function: "namens het college
        # van burgemeester en wethouders,\nPeter Bakker" (a letter's signature).
        body = tail.rstrip()
        broken = body.endswith((",", ":")) or "\n" in tail[len(body) :]
        if broken and not found.rstrip(",:").endswith(public_functions()):
            return ""
        return found
    # "<function>, de heer X" in minutes ("De voorzitter, de heer Lammers, opent ..."): the
    # civil title names the person the function is said of.
    if len(words) >= 3 and words[-1].lower().rstrip(".") in _CIVIL_TITLES:
        k = len(words) - 1
        if words[k - 1].lower() == "de":
            k -= 1
        if k >= 1 and words[k - 1].endswith(","):
            role = _function_at_end(words[:k])
            if role and role.rstrip(",:").endswith(public_functions()):
                return role
    # "<function> van (de) <Organisation> <name>": up to three capitalised words after "van"
    k = len(words)
    while k > 0 and len(words) - k < 3 and words[k - 1][:1].isupper():
        k -= 1
    if k < len(words) and k >= 2 and words[k - 1].lower() in _DETERMINERS:
        k -= 1
    if k < len(words) and k >= 2 and words[k - 1].lower() == "van":
        return _function_at_end(words[: k - 1], determiners=False)
    return ""


def _function_at_end(words: list[str], determiners: bool = True) -> str:
    words = list(words)
    if determiners and words and words[-1].lower() in _DETERMINERS:
        words.pop()
    functions = public_functions()
    for k in range(1, min(len(words), 4) + 1):
        phrase = " ".join(words[-k:]).lower().rstrip(",:")
        for form in _singulars(phrase):
            if form.endswith(functions):
                return phrase
    return ""


def _singulars(phrase: str) -> tuple[str, ...]:
    """``phrase`` and its singular forms if it ends in a plural ("lijsttrekkers",
    "kamerleden", "schepenen")."""
    if phrase.endswith("leden"):
        return (phrase, phrase[:-5] + "lid")
    if phrase.endswith("en"):
        return (phrase, phrase[:-2])
    if phrase.endswith("s"):
        return (phrase, phrase[:-1])
    return (phrase,)


def public_context(text: str, start: int, end: int) -> str:
    """The public role or function next to ``text[start:end]`` ("" if none)."""
    before = _function_before(text, start)
    if before:
        return before
    m = _function_after().match(text, end)
    if not m or _name_follows(text, m.end()):
        return ""
    return m.group().strip(" ,(–-\n\t\u00a0")


_NEXT_WORDS = re.compile(r"[ \u00a0]+((?:[A-Z]\.)+|[A-Z][\w'-]*)(?:[ \u00a0]+([A-Z][\w'-]*))?")


def _name_follows(text: str, at: int) -> bool:
    """A person's name starts right after ``at`` (a function before it is that person's:
    "de heer Yilmaz, wethouder Van Dam"): initials, a capitalised tussenvoegsel and a
    capitalised word, or a listed first name or surname."""
    m = _NEXT_WORDS.match(text, at)
    if not m:
        return False
    first, second = m.group(1), m.group(2)
    L = names.lists()
    if first.endswith("."):
        return second is not None
    if first.lower() in L.interfixes:
        return second is not None
    return (first in L.first or first in L.surnames) and first.lower() not in L.common


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


#: A webcare signature: "^Kim", "^ Kim", "-Tom" at the end of a line (staff in role).
_SIGNATURE = re.compile(r"(?:\^\s?|(?:^|\s)[-–—/]\s?)$")
#: The person's own handle right after the name ("Lilian Helder @USER", "Jan (@USER)"), or
#: the organisation they speak for ("Neil Harvey van @USER"): named in a public role.
_HANDLE_AFTER = re.compile(r"[ \u00a0]*(?:\([ \u00a0]*)?@\w")
_AFFILIATION_AFTER = re.compile(r"[ \u00a0]+(?:van|namens|bij)[ \u00a0]+@\w")


@cache
def _as_function() -> re.Pattern[str]:
    """ "als <function>" in the name's sentence ("Sigrid vloog de wereld over als minister")."""
    alt = "|".join(re.escape(f) for f in public_functions())
    return re.compile(r"(?i)\bals\s+(?:de\s+|nieuwe\s+|onze\s+)?[\w-]*(?:" + alt + r")\b")


@cache
def _is_function() -> re.Pattern[str]:
    """ "is <function>" right after the name ("Karin de Boer is wethouder van Zeist", "X
    was jarenlang wethouder")."""
    alt = "|".join(re.escape(f) for f in public_functions())
    return re.compile(
        r"(?i)[ \u00a0]+(?:is|was|wordt|werd|blijft|blijkt)[ \u00a0]+(?:\w+[ \u00a0]+)?"
        r"(?:(?:de|het|een|onze|hun|jullie|nieuwe|eerste)[ \u00a0]+){0,2}[\w-]*(?:" + alt + r")\b"
    )


#: Characters looked at either side of a name for its sentence.
_SENTENCE_REACH = 300


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or line) around ``text[start:end]``, at most
    ``_SENTENCE_REACH`` characters either side."""
    floor = max(0, start - _SENTENCE_REACH)
    ceiling = min(len(text), end + _SENTENCE_REACH)
    lo = max(floor - 1, *(text.rfind(c, floor, start) for c in ".!?\n")) + 1
    his = [i for i in (text.find(c, end, ceiling) for c in ".!?\n") if i >= 0]
    return lo, min(his) if his else ceiling


def _public(text: str, start: int, end: int, office_holders: tuple[str, ...]) -> str:
    role = public_context(text, start, end)
    if role:
        return f"public function '{role}'"
    if _SIGNATURE.search(text, max(0, start - 3), start):
        return "signature of a staff member"
    full, surnames = _known_public(office_holders)
    n = _norm(text[start:end])
    if n in full:
        return "on the list of public figures and office holders"
    if n in surnames:
        # A surname alone is that public person's, unless a civil title or what news writes
        # after a private person's name says otherwise ("Rutte" yes; "geachte heer Van der
        # Laan" and "Peeters uit Turnhout" are someone else).
        before = text[max(0, start - 20) : start].split()
        if not (
            (before and before[-1].lower().rstrip(".") in _CIVIL_TITLES)
            or _UIT_PLACE.match(text, end)
            or _private_role_list_before(text, start)
        ):
            return "surname of a public figure or office holder"
    return ""


#: Surnames of a list before a name: "Kuipers, Smit en " in "de bewoners Kuipers, Smit en X".
_LIST_BEFORE = re.compile(
    r"(?:(?:(?:[Vv]an|[Dd]e|[Dd]e[nr]|[Tt]e[nr])[ \u00a0]+){0,3}[" + names._UPPER + r"][^\W\d_]+"
    r"[ \u00a0]*(?:,[ \u00a0]*(?:en[ \u00a0]+)?|[ \u00a0]+(?:en|&)[ \u00a0]+)){0,6}"
    r"(?:(?:van|de|der|den|ter|ten|Van|De|Den|Ter|Ten)[ \u00a0]+){0,3}$"
)


def _private_role_list_before(text: str, start: int) -> bool:
    """A private role right before the name or before the list it ends: "bewoner Smit",
    "de bewoners Kuipers en Smit" (a public figure's surname there is someone else's)."""
    m = _LIST_BEFORE.search(text, max(0, start - 160), start)
    at = m.start() if m else start
    before = text[max(0, at - 24) : at].split()
    if not before:
        return False
    role = before[-1]
    return role[:1].islower() and _private_role_cached(role, role.endswith(("s", "en")))


def _public_more(text: str, start: int, end: int) -> str:
    """Weaker public evidence, weighed after the private evidence: the person's handle or
    organisation after the name, "als <function>" in the sentence, a title and surname in a
    post about parliament or parties ("meneer Dijkhoff" in a debate)."""
    if _HANDLE_AFTER.match(text, end):
        return "the person's handle after the name"
    if _AFFILIATION_AFTER.match(text, end):
        return "speaks for an organisation ('van @...')"
    lo, hi = _sentence(text, start, end)
    m = _as_function().search(text, lo, hi)
    if m:
        return f"'{m.group()}' in the sentence"
    m = _is_function().match(text, end)
    if m:
        return f"'{m.group().strip()}' after the name"
    before = text[max(0, start - 12) : start].split()
    if (
        before
        and before[-1].lower().rstrip(".") in _ADDRESS_TITLES
        and text[start:end].split(" ", 1)[0] not in names.lists().first
        and _political(text)
    ):
        return "a title and surname in a post about parliament or parties"
    return ""


#: Civil titles by which MPs and council members are addressed in a debate.
_ADDRESS_TITLES = frozenset(("heer", "meneer", "mijnheer", "mevrouw", "mevr", "mw", "dhr"))


@cache
def _political_words() -> frozenset[str]:
    ref = resources.files("krantentoets.data") / "people" / "political_context.txt"
    with ref.open(encoding="utf-8") as fh:
        words = {ln.split("#", 1)[0].strip().lower() for ln in fh}
    from krantentoets.detect.public_persons import parties

    return frozenset(w for w in words if w) | parties()


_WORDS = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@lru_cache(maxsize=16)
def _political(text: str) -> bool:
    """The post is about parliament, a council debate or parties: a party (also as a
    hashtag or compound, "PVV-Kamerlid") or a parliamentary word."""
    words = _political_words()
    for m in _WORDS.finditer(text):
        w = m.group().lower()
        if w in words or any(p in words for p in w.split("-")):
            return True
    return False


#: Words right before a first name that address the person: a greeting or thanks.
_GREETING = re.compile(
    r"(?i)(?:^|\W)(?:hoi|hallo|hey|hi|ha|beste|dag|lieve|geachte|dank(?:\s?je(?:\s?wel)?)?|"
    r"dankjewel|bedankt|thanks|gefeliciteerd|proficiat|welkom|sorry|"
    r"(?:met\s)?dank\saan|bedankt\svoor)[,!]?\s+$"
)
#: A name addressed at the end of a clause in a reply: ", Nikki." / "mee eens Rens!".
_VOCATIVE_AFTER = re.compile(r"[ \u00a0]*(?:[!?]|[.,](?:\s|$)|$|[\U0001F300-\U0001FAFF])")
_UIT_PLACE = re.compile(r"[ \u00a0]+(?:\(\d{1,3}\)[ \u00a0]+)?uit[ \u00a0]+[" + names._UPPER + r"]")
_REPLY = re.compile(r"^\s*(?:@\w+[\s,]*)+")


#: After a name that ends a clause of a reply: "!", "?", an emoji, or the end of the text
#: (hashtags, a link or a staff signature may follow): "Goed geregeld Joost 👍",
#: "Is het zo duidelijk, Fenna?".
_CLAUSE_END_AFTER = re.compile(
    r"[ \u00a0]*(?:[!?]|[\U0001F300-\U0001FAFF\u2600-\u27BF]|"
    r"(?:[ \u00a0]*(?:#\w+|https?://\S+|\^\s?\w+))*[ \u00a0]*$)"
)


#: A hashtag right before a name: "#TeamWijk Noor" signs a post, it addresses no one.
_TAG_BEFORE = re.compile(r"#\w+[ \u00a0]+$")


def _vocative(text: str, start: int, end: int, after_handles: int) -> bool:
    """``text[start:end]`` is the person a reply speaks to: "@USER Sander, ...", ", Nikki.",
    "Helemaal mee eens Rens!", "Is het zo duidelijk Fenna?", "Goed geregeld Joost 👍"
    (a single name ending the clause)."""
    if _SIGNATURE.search(text, max(0, start - 3), start) or _TAG_BEFORE.search(
        text, max(0, start - 40), start
    ):
        return False  # "^Kim", "#TeamWijk Noor": a staff member's signature
    if start == after_handles:
        return text[end : end + 1] in (",", "!")
    if text[max(0, start - 2) : start].startswith(",") and _VOCATIVE_AFTER.match(text, end):
        return True
    return " " not in text[start:end] and _CLAUSE_END_AFTER.match(text, end) is not None


def _private_evidence(text: str, start: int, end: int) -> str:
    """Why the person at ``text[start:end]`` is a private citizen ("" if nothing says so): a
    private role, an age, first name and initial (``public_persons.judge``), "X uit
    <place>", "de familie X", or a person greeted or addressed in a reply."""
    from krantentoets.detect.public_persons import judge

    verdict = judge(text, start, end)
    if verdict.kind == "private":
        return verdict.reason
    if _UIT_PLACE.match(text, end):
        return "'uit <place>' after the name"
    before = text[max(0, start - 24) : start]
    prev = before.split()[-1:] or [""]
    if prev[0].lower().rstrip(".") in ("familie", "fam"):
        return "'de familie' before the name"
    if _AGE_BEFORE.search(before):
        return "an age before the name ('de 23-jarige')"
    if _COMMA_AGE_AFTER.match(text, end):
        return "an age between commas after the name ('Piet Jansen, 54,')"
    if _BARE_INITIAL.fullmatch(text, start, end) and text[start:end].split(" ")[0] in (
        names.lists().first
    ):
        return "first name and initial: how suspects and victims are named"
    if _GREETING.search(before):
        return "greeted or thanked by name"
    reply = _REPLY.match(text)
    if reply and _vocative(text, start, end, reply.end()):
        return "addressed by name in a reply"
    return _plural_private_role(text, start, end) or _role_phrase_around(text, start, end)


def _first_name_private(text: str, start: int, end: int) -> str:
    """A first name on its own is how private persons are named (public persons go by
    surname or full name): for one, a group of private persons named anywhere after it in
    the post is evidence ("Mehmet is vrijgelaten. Alle gevangenen verdienen een eerlijk proces")."""
    m = _GROUP_AFTER.search(text, end)
    while m:
        for w in m.group(1).split():
            if _private_role(w, plural=True):
                return f"a first name in a post about a group ('{m.group().strip()}')"
        m = _GROUP_AFTER.search(text, m.end())
    return ""


#: An age between commas right after the name, as news writes it: "Piet Jansen, 54, ...".
_COMMA_AGE_AFTER = re.compile(r",[ \u00a0]?\d{1,3}(?:[ \u00a0]jaar)?,[ \u00a0]")
#: "de 23-jarige", "de 8-jarige", "een 80-jarige" right before the name.
_AGE_BEFORE = re.compile(r"(?i)\b\d{1,3}-?jarige\s+$")
#: A first name and a bare initial at the end ("Dennis K", as "Dennis K." without the dot).
_BARE_INITIAL = re.compile(r"\w{2,}[ \u00a0][A-Z]")
#: After the name: "is" / "was" / "werkt als" and a private role within a few words
#: ("Anja is vrijwilliger", "Bram werkt al jaren als postbode").
_IS_ROLE_AFTER = re.compile(
    r"(?i)[ \u00a0]+(?:is|was|werkt(?:e)?(?:[ \u00a0]+\w+){0,2}?[ \u00a0]+als)"
    r"((?:[ \u00a0]+[\w'’-]+){1,4})"
)
#: After the name: the group of private persons the person is one of ("X en andere
#: bewoners", "X en alle andere koeriers", "net als andere maaltijdbezorgers").
_GROUP_AFTER = re.compile(
    r"(?i)\b(?:andere|alle|overige|mede)[ \u00a0]*((?:[\w'’-]+[ \u00a0]+)?[\w'’-]+)"
)


def _private_role(word: str, plural: bool = False) -> bool:
    """``word`` is a private role of ``data/people/private_roles.txt`` (also at the end of
    a compound: "maaltijdbezorger" via "bezorger"), with ``plural`` also in the plural."""
    from krantentoets.detect import public_persons

    roles = public_persons.private_roles()
    low = word.lower()
    forms = [low]
    if plural:
        forms += [low[:-1]] if low.endswith("s") else []
        forms += [low[:-2], low[:-2] + "e"] if low.endswith("en") else []
        forms += [low[:-3]] if low.endswith("ers") else []
    return any(public_persons._role_word(f, roles) for f in forms if f)


def _private_role_in_sentence(text: str, start: int, end: int) -> str:
    """A private role said of the person after the name in its sentence: "X is
    vrijwilliger", "X en andere bewoners" (a person named as one of a group of residents,
    couriers, patients ...)."""
    hi = _sentence(text, start, end)[1]
    m = _IS_ROLE_AFTER.match(text, end, hi)
    if m:
        for w in m.group(1).split():
            if _private_role(w):
                return f"a private role said of the name ('{w}')"
    m = _GROUP_AFTER.search(text, end, min(hi, end + 80))
    if m:
        for w in m.group(1).split():
            if _private_role(w, plural=True):
                return f"named as one of a group ('{m.group().strip()}')"
    return ""


def _weak_private(text: str, start: int, end: int) -> str:
    """Weak private evidence, weighed after the weak public evidence and only in a post that
    is not about parliament, council or parties (there a civil title is how members are
    addressed, :func:`_public_more`, and a candidate's day job is no private role): a civil
    title before the name ("mevrouw Jansen belde", "de heer Bakker"), a private role said
    of the person after the name ("X is vrijwilliger") or a group of private persons the
    person is named with ("X en andere bewoners")."""
    if _political(text):
        return ""
    before = text[max(0, start - 12) : start].split()
    if before and before[-1].lower().rstrip(".") in _ADDRESS_TITLES:
        return f"civil title '{before[-1]}' outside politics"
    return _private_role_in_sentence(text, start, end)


_CIVIL_TITLES = frozenset(
    "heer meneer mijnheer mevrouw mevr mw dhr juffrouw mej familie fam".split()  # noqa: SIM905
)


# -- the tagger's proposals -----------------------------------------------------------------

_UPPER = names._UPPER
_SENTENCE_END = frozenset(".!?…;:")
#: Words right before a name that say a person follows.
_PERSON_BEFORE = frozenset(
    """
    met genaamd heet heette namens buurman buurvrouw buren familie fam fam. zoon
    dochter vader moeder broer zus opa oma weduwe weduwnaar echtgenoot echtgenote vriend
    vriendin bewoner bewoonster inwoner inwoonster patiënt cliënt klant melder aanvrager
    """.split()  # noqa: SIM905
)
#: Person nouns after which a capitalised word is a name even when the tagger missed it
#: ("haar buurman Kowalczyk").
_PERSON_NOUNS = frozenset(
    """
    buurman buurvrouw zoon dochter vader moeder broer zus opa oma weduwe weduwnaar
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
    # a line break between two tokens ends a sentence; a text without one needs no look
    lines = bool(toks) and "\n" in text[toks[0].start : toks[-1].end]
    for i, t in enumerate(toks):
        end = t.word in _SENTENCE_END or (
            lines and i + 1 < len(toks) and "\n" in text[t.end : toks[i + 1].start]
        )
        if end or i + 1 - lo >= _MAX_SENTENCE:
            out.append((lo, i + 1))
            lo = i + 1
    if lo < len(toks):
        out.append((lo, len(toks)))
    return out


#: A capitalised word (not a handle or hashtag, not inside a word). The capital comes first
#: and the look-behind after it (the two characters before its end, the capital and the one
#: before it), so the regex engine skips ahead in C to the next capital instead of trying
#: the look-behind at every position.
_CAP_WORD = re.compile(r"[" + _UPPER + r"](?<![\w@#'’\-].)[^\W\d_]*(?:['’\-][^\W\d_]+)*")


@lru_cache(maxsize=4)
def _cap_words(text: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, word)`` of each :data:`_CAP_WORD` in ``text``: one scan shared by the
    candidate, lone-surname, first-name and public-surname passes over the same text."""
    return tuple([(m.start(), m.end(), m.group()) for m in _CAP_WORD.finditer(text)])


_WEAK_CONTEXT = frozenset(("de", "van", "het", "'t", "in", "op", "aan", "uit", "te", "el", "la"))


@cache
def _context_words() -> frozenset[str]:
    """Lower-cased words after which a single capitalised word may be a name."""
    L = names.lists()
    return frozenset(
        {*_PERSON_BEFORE, *_PERSON_NOUNS, *_TITLES_BARE, *names.TITLES, *L.interfixes} | _PARTICLES
    )


def _candidates(text: str) -> list[int]:
    """Where a name the rules missed may be: a capitalised word inside a sentence that is a
    listed name, or no ordinary word, place or organisation, next to another capitalised
    word or after a title, person noun, person context or tussenvoegsel."""
    L = names.lists()
    context = _context_words()
    out = []
    n = len(text)
    for s, e, w in _cap_words(text):
        if not _candidate_word(w):
            continue  # the word alone rules it out (one cached look-up per word)
        # Only where a proposal can pass _evidence(): a word before or after it that can be
        # part of the name, or person context before it.
        followed = (
            e + 1 < n and text[e] == " " and (text[e + 1].isupper() or _interfix_at(text, e + 1, L))
        )
        cue = False
        if not followed:
            if s < 2 or text[s - 1] != " ":
                continue
            prev = text[text.rfind(" ", 0, s - 1) + 1 : s - 1]
            low = prev.lower()
            cue = low in context
            # an initial before it ("J Smit"); "de"/"van" alone are mostly an article or a
            # preposition ("aan de Voorstreek"): only before a listed surname ("de Vries")
            if not (cue or (prev[:1].isupper() and len(prev.rstrip(".")) == 1)):
                continue
            if (
                low in _WEAK_CONTEXT
                and w not in L.surnames
                and not _role_before(text, s - len(prev) - 1)
            ):
                continue  # unless a role comes first: "minister van Wijngaarden"
        # "meneer v.d. Berg": the dot before is an abbreviation's, not a sentence end
        if cue or not names._sentence_initial(text, s):
            out.append(s)
    return out


@lru_cache(maxsize=1 << 15)
def _candidate_word(word: str) -> bool:
    """The tests of :func:`_candidates` on the capitalised word alone (not in capitals, and
    a listed name or no plain word), cached per word; all its tests are pure, so testing
    the word first gives the same candidates (``tests/test_shortcuts.py``)."""
    if len(word) > 1 and word.isupper():
        return False
    L = names.lists()
    return word in L.first or word in L.surnames or not _plain(word, L)


_TITLES_BARE = frozenset(t.rstrip(".") for t in names.TITLES)


def _role_before(text: str, i: int) -> bool:
    """A public role, title or person noun ends right before ``text[i]`` (a space)."""
    if i < 2 or text[i - 1] != " ":
        return False
    word = text[text.rfind(" ", 0, i - 1) + 1 : i - 1].lower()
    return _role_word(word) or word in _PERSON_NOUNS


def _interfix_at(text: str, i: int, L: names.Lists) -> bool:
    word = text[i : i + 8].split(" ", 1)[0].lower()
    return word in L.interfixes or word in _PARTICLES


def _regions(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Stretches of text around the candidates (whole words, merged)."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for c in starts:
        lo = text.rfind(" ", 0, max(0, c - _REGION)) + 1
        hi = text.find(" ", min(n, c + _REGION))
        hi = n if hi < 0 else hi
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


#: Characters of context the tagger sees either side of a candidate (about six words).
_REGION = 40


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
    toks: list[name_tagger.Token],
    text: str,
    lo: int,
    a: int,
    b: int,
    bos: bool = True,
    prob: float = 0.0,
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
    if a < b and a == lo and bos and _first_word_not_name(toks[a].word, L):
        a += 1
    # A role or title the tagger took in ("Minister Blok", "Ministers Blok"): the name
    # starts after it (and public_context() sees the role).
    while a < b and _role_word(toks[a].word.lower()):
        a += 1
    # "van Rutte", "van Financiën": one "van" and one word is a preposition, not a name.
    if b == a + 1 and toks[a].word.lower() == "van":
        a += 1
    # "Saleh A. Joods restaurant": a first name and an initial (how suspects and victims are
    # named) end the name when an ordinary word or a place follows the initial.
    for k in range(a + 1, b):
        w = toks[k].word
        if len(w) == 2 and w.endswith(".") and w[0].isupper() and toks[k - 1].word in L.first:
            nxt = toks[k + 1].word
            if _plain(nxt, L) or (nxt not in L.surnames and is_dutch_word(nxt.lower())):
                b = k
                break
    if a > b:
        return None
    words = [t.word for t in toks[a : b + 1]]
    if any(_at_handle(text, t.start) for t in toks[a : b + 1]):
        return None
    if any(len(w) > 1 and w.isupper() and not w.endswith(".") for w in words):
        return None  # "VVD", "NOS"
    if any(names.camel_case(w) for w in words):
        return None  # "BuZa", "GroenLinks": organisations
    if any(" ".join(words[k:]) in L.places for k in range(1, len(words) - 1)):
        return None  # "Van Den Helder": a place after a preposition
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
    if prev.rstrip(".") in _TITLES_BARE:
        return a, b, f"after the title '{toks[a - 1].word}'"
    if prev in _PERSON_BEFORE or prev2 in _PERSON_BEFORE:
        return a, b, f"after '{prev}'"
    if a == b:
        # one word needs a title or person context, or a confident tagger on a word that
        # can be a surname on its own ("Capirossi baalde", "volgens Bolkestein")
        if prob >= LONE_MIN_PROB and _lone_surname(toks[a].word, text, toks[a].start, L):
            return a, b, f"tagger confident ({prob:.2f}) of a surname alone"
        return None
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
    if (words[0].endswith(".") or (len(words[0]) == 1 and words[0].isupper())) and not _plain(
        words[-1], L
    ):
        return a, b, "initials + surname"
    solid = [w for w in caps if not _plain(w, L) and w.lower() not in interfix]
    if len(solid) >= 2:
        return a, b, "two capitalised words"
    return None


#: The tagger's confidence from which a single word is a name without other support
#: (chosen by two-fold cross-validation on the UD dev silver labels, see
#: training/name_tagger/NOTICE.md).
LONE_MIN_PROB = 0.8
#: A surname alone is rare as a word: wordfreq's Zipf frequency of the lower-case word
#: below this (Dutch words a name can be mistaken for, "Europese", "Kabinet", are 4 and
#: more; "Bolkestein" 2.8, "Capirossi" 1.3). The same at the start of a sentence (2.0 there
#: gave a cross-validated recall of 0.66, 3.5 0.70 with precision 0.79 both times).
LONE_MAX_ZIPF = 3.5


def _lone_surname(word: str, text: str, start: int, L: names.Lists) -> bool:
    """A capitalised word that may be a surname on its own: no ordinary word, place,
    organisation, title or role, not a first name only, not in capitals or a compound with
    a lower-case part; at the start of a sentence also no Dutch word ("Tops" mid-sentence
    may be a name, "Gisteren" at the start is not), and no frequent Dutch word unless it is
    a listed surname ("Europese", "Kabinet" are no names; "Bolkestein" is rare as a word)."""
    return _lone_surname_at(word, _lone_word(word), text, start, L)


def _lone_surname_at(
    word: str, rarity: float | None, text: str, start: int, L: names.Lists
) -> bool:
    """:func:`_lone_surname` with the word's :func:`_lone_word` already looked up."""
    if rarity is None or _at_handle(text, start) or _SIGNATURE.search(text, start - 3, start):
        return False  # "^Tom": a signature, see _first_names_alone
    if names._sentence_initial(text, start):
        # "Mark je agenda", "Roos en tulpen": a name that is also a word or a first name
        # does not start a sentence on its own
        return rarity < LONE_MAX_ZIPF and word not in L.first and word not in L.word_names
    return word in L.surnames or rarity < LONE_MAX_ZIPF


@lru_cache(maxsize=1 << 15)
def _lone_word(word: str) -> float | None:
    """The word's Zipf frequency if the word alone may be a surname (-1 for a listed
    surname), else None: :func:`_lone_surname` without the position."""
    L = names.lists()
    if len(word) < 3 or word.isupper() or not word[:1].isupper():
        return None
    if _plain(word, L) or names._compound_with_lower_part(word) or word in L.not_names:
        return None
    if (word in L.first and word not in L.surnames) or "http" in word:
        return None  # a first name alone: _first_names_alone; "Lizhttps": a glued link
    low = word.lower()
    if low in _known_public(())[1]:
        return None  # a public figure's surname: _public_surnames_alone
    if word not in L.surnames and _compound(low):
        return None  # "Kamerdebat", "Luistertip", "Doorberekening"
    return name_tagger.zipf(low)


#: A part of a compound is a Dutch word at least this frequent (Zipf).
_COMPOUND_PART_ZIPF = 3.0


def _compound(low: str) -> bool:
    """A Dutch compound of two frequent words ("kamer|debat", "luister|tip"): no surname
    on its own, however rare the whole."""
    n = len(low)
    if n < 7:
        return False
    if name_tagger.plain_word(low):  # every part is plain too: one table look-up each
        freqs, least = name_tagger.frequencies_from(_COMPOUND_PART_ZIPF)
        return any(
            freqs.get(low[k:], 0.0) >= least and freqs.get(low[:k], 0.0) >= least
            for k in range(3, n - 2)
        )
    zipf = name_tagger.zipf
    return any(
        zipf(low[k:]) >= _COMPOUND_PART_ZIPF and zipf(low[:k]) >= _COMPOUND_PART_ZIPF
        for k in range(3, n - 2)
    )


def _lone_candidates(text: str) -> list[int]:
    """Capitalised words that may be a surname alone (:func:`_lone_surname`)."""
    L = names.lists()
    out = []
    for s, _, w in _cap_words(text):
        rarity = _lone_word(w)
        if rarity is not None and _lone_surname_at(w, rarity, text, s, L):
            out.append(s)
    return out


def _role_word(low: str) -> bool:
    """A public role or title, also in the plural ("ministers", "wethouders")."""
    return low in _role_forms() or low.rstrip(".") in _TITLES_BARE


@cache
def _role_forms() -> frozenset[str]:
    """The office holders of ``names.PUBLIC_ROLES`` and the functions of
    :func:`public_functions`, each also with a plural "s"."""
    roles = {*names.PUBLIC_ROLES, *public_functions()}
    return frozenset(roles | {r + "s" for r in roles})


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


def _after_role_particle(
    toks: list[name_tagger.Token], text: str, lo: int, hi: int
) -> list[tuple[int, int, str]]:
    """A tussenvoegsel and a surname right after a role, title or person noun: "minister de
    Jonge", "minister Van Wijngaarden", "buurman van Dijk". The surname is a listed one
    that is no ordinary word, or a word that is rare as a word and no compound, so that
    "minister van Financiën" and "burgemeester van Leeuwarden" stay a function."""
    L = names.lists()
    out = []
    for i in range(lo, hi - 2):
        if toks[i + 1].word.lower() not in L.interfixes:
            continue  # no tussenvoegsel after it (the cheaper test first)
        low = toks[i].word.lower()
        if not (_role_word(low) or low in _PERSON_NOUNS):
            continue
        if i > lo and toks[i].word[:1].isupper() and toks[i - 1].word[:1].isupper():
            continue  # a surname that is also a role: "Anneke Bisschop van ..."
        j = i + 1
        while j < hi - 1 and j - i <= 3 and toks[j].word.lower() in L.interfixes:
            j += 1
        if j == i + 1 or j >= hi:
            continue
        sur = toks[j].word
        if not sur[:1].isupper() or sur.isupper() or _at_handle(text, toks[j].start):
            continue
        only_van = j == i + 2 and toks[i + 1].word.lower() == "van"
        listed = sur in L.surnames and sur.lower() not in L.common
        rare = (
            not listed
            and not _plain(sur, L)
            and not _org_word(sur, L)
            and name_tagger.zipf(sur.lower()) < LONE_MAX_ZIPF
            and not _compound(sur.lower())
        )
        if not (listed or rare) or (only_van and sur in L.places):
            continue
        if j + 1 < len(toks) and toks[j + 1].word in names.ORG_WORDS:
            continue
        out.append((i + 1, j, f"after '{toks[i].word}' and a tussenvoegsel"))
    return out


#: Capitalised tussenvoegsels that start a surname in Flemish and Dutch ("De Smedt",
#: "Van Hecke", "Vanden Bossche", "Van der Linden").
_CAPITAL_PARTICLES = frozenset(
    ("De", "Van", "Vanden", "Vander", "Vande", "Ver", "Van der", "Van den", "Van de", "Op de")
)


@cache
def _place_nouns() -> frozenset[str]:
    """Nouns before the name of a place or organisation (``data/names/place_nouns.txt``):
    "de gemeente De Lier", "café De Hoef"."""
    ref = resources.files("krantentoets.data") / "names" / "place_nouns.txt"
    words = {ln.split("#", 1)[0].strip().lower() for ln in ref.read_text("utf-8").splitlines()}
    return frozenset(w for w in words if w)


#: Prepositions before a place or building rather than a person ("in De Kuip").
_PLACE_PREPOSITIONS = frozenset(("in", "naar", "op", "te", "uit", "vanuit", "richting"))


def _particle_names(
    toks: list[name_tagger.Token], text: str, lo: int, hi: int
) -> list[tuple[int, int, str]]:
    """A surname with a capitalised tussenvoegsel inside a sentence ("belde De Smedt",
    "met Van Hecke"): a capitalised "De" or "Van" there is not a sentence's first word, so it
    starts a name when a surname follows: a listed one, or a word that is rare as a word
    (not "De Telegraaf", "Van Gogh Museum", "De Haag")."""
    L = names.lists()
    out = []
    i = lo + 1
    while i < hi - 1:
        w = toks[i].word
        n = 0
        if (
            w in _CAPITAL_PARTICLES
            and not names._sentence_initial(text, toks[i].start)
            and toks[i - 1].word.lower() not in _PLACE_PREPOSITIONS  # "in De Kuip"
        ):
            n = 1
            if i + 2 < hi and f"{w} {toks[i + 1].word}" in _CAPITAL_PARTICLES:
                n = 2
        if not n:
            i += 1
            continue
        j = i + n
        sur = toks[j].word
        # "De Vries", "Van Gent": a surname, also one that is a place, unless a place noun
        # comes first ("de gemeente De Lier", "sportpark De Bongerd")
        place_noun = toks[i - 1].word.lower() in _place_nouns()
        ok = (
            j < hi
            and sur[:1].isupper()
            and not sur.isupper()
            and sur not in names.ORG_WORDS
            and not place_noun
            and (sur not in L.places or sur in L.surnames)
            and (
                sur in L.surnames  # "De Vos", "Van Dam": listed, also when a word
                or (
                    not _plain(sur, L)
                    and not _org_word(sur, L)
                    and name_tagger.zipf(sur.lower()) < LONE_MAX_ZIPF
                )
            )
            and not (j + 1 < len(toks) and toks[j + 1].word in names.ORG_WORDS)
            and not (j + 1 < hi and toks[j + 1].word[:1].isupper())
        )
        if ok:
            out.append((i, j, "capitalised tussenvoegsel + surname inside a sentence"))
        i = j + 1
    return out


@cache
def _context_automaton():  # type: ignore[no-untyped-def]
    """Person-context words, titles and abbreviated tussenvoegsels, each with the space
    after it, for one Aho-Corasick pass over the lower-cased text."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for word in _context_words() - _WEAK_CONTEXT:
        automaton.add_word(word + " ", len(word) + 1)
    automaton.make_automaton()
    return automaton


def _context_capital(text: str) -> bool:
    """Whether a person-context word, title or abbreviated tussenvoegsel stands before a
    capital ("met Bakker", "buurman Kowalczyk", "v.d. Berg")."""
    n = len(text)
    for end, length in _context_automaton().iter(text.lower()):
        start = end - length + 1
        if (
            end + 1 < n
            and text[end + 1].isupper()
            and (start == 0 or not text[start - 1].isalnum())
        ):
            return True
    return False


def _tagger_names(text: str, taken: Disjoint, pairs: bool = True) -> list[tuple[int, int, str]]:
    """``(start, end, evidence)`` of the tagger's proposals that have support. The tagger
    runs only around the candidates the rules did not already cover. ``pairs``: the text
    has two capitalised words in a row (``names._candidate_starts``); without them and
    without person context nothing can pass :func:`_evidence` (a quick test in C)."""
    lone = [c for c in _lone_candidates(text) if not taken.overlaps(c, c + 1)]
    if not pairs and not lone and not _context_capital(text):
        return []
    starts = [c for c in _candidates(text) if not taken.overlaps(c, c + 1)]
    if lone:
        starts = sorted({*starts, *lone})
    if not starts:
        return []
    out: list[tuple[int, int, str]] = []
    for r_lo, r_hi in _regions(text, starts):
        toks = name_tagger.tokenize(text, r_lo, r_hi)
        first_bos = bool(toks) and names._sentence_initial(text, toks[0].start)
        inside = [c for c in starts if r_lo <= c < r_hi]
        for lo, hi in _sentences(toks, text):
            if hi <= lo or not any(toks[lo].start <= c < toks[hi - 1].end for c in inside):
                continue  # a piece of the region without a candidate
            bos = lo > 0 or first_bos
            words = [t.word for t in toks[lo:hi]]
            proposals = [
                _evidence(toks, text, lo, lo + a, lo + b, bos, p)
                for a, b, p in name_tagger.scored_person_spans(words, bos=bos)
            ]
            particles = [
                *_after_role_particle(toks, text, lo, hi),
                *_particle_names(toks, text, lo, hi),
            ]
            for found in [*particles, *proposals, *_after_person_noun(toks, text, lo, hi)]:
                if found is None:
                    continue
                s, e = toks[found[0]].start, toks[found[1]].end
                if taken.overlaps(s, e):
                    continue
                taken.add(s, e)
                out.append((s, e, found[2]))
    return out


@cache
def _saying_verbs() -> frozenset[str]:
    ref = resources.files("krantentoets.data") / "names" / "saying_verbs.txt"
    words = {ln.split("#", 1)[0].strip().lower() for ln in ref.read_text("utf-8").splitlines()}
    return frozenset(w for w in words if w)


@cache
def _saying_automaton():  # type: ignore[no-untyped-def]
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for verb in _saying_verbs():
        for form in (verb, verb.capitalize(), verb.upper()):  # the text is not lower-cased
            automaton.add_word(form, form)
    automaton.make_automaton()
    return automaton


#: A capitalised word (with a capitalised tussenvoegsel: "De Vries", "Van der Berg") and
#: the word after it, or the word before it and the capitalised word.
_SURNAME_SAY = re.compile(
    r"(?<![\w@#'’-])((?:(?:De|Van|Van de[nr]?|Ver|Ten|Ter)[ \u00a0])?[" + _UPPER + r"]"
    r"[^\W\d_]+(?:-[" + _UPPER + r"][^\W\d_]+)?)[ \u00a0]+([^\W\d_]+)\b"
)
_SAY_SURNAME = re.compile(
    r"\b([^\W\d_]+)[ \u00a0]+((?:(?:De|Van|Van de[nr]?|Ver|Ten|Ter)[ \u00a0])?["
    + _UPPER
    + r"][^\W\d_]+(?:-["
    + _UPPER
    + r"][^\W\d_]+)?)(?![\w@'’-])"
)


def _said_by(text: str, taken: Disjoint) -> list[tuple[int, int, str]]:
    """A listed surname on its own next to a verb of saying (``data/names/saying_verbs.txt``):
    "Bakker zei dat ...", "zegt De Vries", "aldus Van Dam": how news quotes a source, also
    at the start of a sentence where "Bakker" could be a word. Not a first name only, a
    place that is no surname, an ordinary word or a handle."""
    L = names.lists()
    # The surname a match keeps is a whole capitalised word of _cap_words() (both patterns
    # end it where _CAP_WORD ends, at a space or a character that is no letter, "-" or
    # apostrophe, and start it where _CAP_WORD may): without a listed surname among those
    # words nothing is kept (most texts; the words are already scanned).
    surnames = L.surnames
    if not any(w in surnames for _, _, w in _cap_words(text)):
        return []
    verbs = _saying_verbs()
    if next(_saying_automaton().iter(text), None) is None:
        return []  # most texts have no verb of saying at all (one pass in C)
    out = []
    spans = [(m.span(1), m.group(2)) for m in _SURNAME_SAY.finditer(text)]
    spans += [(m.span(2), m.group(1)) for m in _SAY_SURNAME.finditer(text)]
    for (s, e), verb in spans:
        if verb.lower() not in verbs or taken.overlaps(s, e):
            continue
        name = text[s:e]
        sur = name.rsplit(" ", 1)[-1]
        if sur not in L.surnames or (sur in L.first and " " not in name):
            continue  # "Jan zei": a first name alone is another pass's
        if " " not in name and (sur in L.places or sur in L.not_names or _role_word(sur.lower())):
            continue
        taken.add(s, e)
        out.append((s, e, f"a surname next to '{verb}'"))
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


_WORD_BEFORE = re.compile(r"(\w+)[ \u00a0]+$")
_PLACE_ARTICLES = frozenset(("De", "Het", "Den", "'t", "Ten", "Ter"))


def _names_a_place(text: str, start: int, end: int) -> bool:
    """The name of a place or organisation after its noun (``data/names/place_nouns.txt``):
    "sporthal De Koppel", "Buurthuis De Schakel", "Stichting Welzijn Oost"; a capitalised
    noun is part of the name, a lower-case one only before an article."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if not m or m.group(1).lower() not in _place_nouns():
        return False
    return m.group(1)[:1].isupper() or text[start:end].split(" ", 1)[0] in _PLACE_ARTICLES


def find_person_names(
    text: str,
    office_holders: Iterable[str] = (),
    *,
    first_names: bool = True,
    recase: bool = True,
) -> list[PersonName]:
    """Every person named in ``text``, public and private, in text order. ``first_names``:
    also first names on their own (``first_name_only``). ``recase``: text in capitals or
    without capitals is read with the capitals names would have (:func:`_recased`)."""
    if not text:
        return []
    recased = _recased(text) if recase else None
    if recased is not None:  # "PIET JANSEN UIT ZWOLLE", "mijn buurman piet jansen"
        return [
            replace(p, text=text[p.start : p.end], trace=("case restored", *p.trace))
            for p in find_person_names(
                recased, office_holders, first_names=first_names, recase=False
            )
        ]
    holders = tuple(office_holders)
    found: list[tuple[int, int, tuple[str, ...], str]] = []  # start, end, trace, surname
    starts = names._candidate_starts(text)
    pairs = bool(starts)
    if starts:
        L = names.lists()
        starts = [c for c in starts if names._may_start(text, c, L)]
        if starts:
            found = list(names._Finder(text, starts).find())
    taken = Disjoint()
    for s, e, *_ in found:
        taken.add(s, e)
    for s, e, why in _tagger_names(text, taken, pairs):
        e = _cut_uit_place(text, s, e)
        found.append((s, e, ("name tagger", why), _surname_of(text[s:e])))
    for s, e, why in _said_by(text, taken):
        found.append((s, e, (why,), text[s:e]))
    for s, e, why in _lone_private_names(text, taken):
        found.append((s, e, (why,), _surname_of(text[s:e])))
    for s, e, why in _role_list_surnames(text, taken):
        found.append((s, e, (why,), text[s:e]))
    found = [f for f in found if not _names_a_place(text, f[0], f[1])]
    if not found and not first_names:
        return []  # what follows only judges and extends the names found (most posts)
    out: list[PersonName] = []
    L = names.lists()
    for s, e, trace, _ in found:
        word = text[s:e]
        # "sprak met Anouk"; a word alone that is a first name and a surname ("Ruben") counts
        # as a first name: not identifying on its own
        alone = word in L.first and (word not in L.surnames or "surname alone" in trace[-1])
        out.append(_judged(text, s, e, trace, holders, alone))
    # A single word that is the first name of a person found ("Mark Rutte ... Mark") is
    # that person.
    firsts = {p.text.split(" ", 1)[0]: p for p in out if " " in p.text}
    for k, p in enumerate(out):
        if " " not in p.text and p.text in firsts and p.kind == "unknown":
            out[k] = _judged(
                text, p.start, p.end, p.trace, holders, p.first_name_only, firsts[p.text]
            )
    # The same full name again ("Anouk Brouwer (voorzitter) ... Anouk Brouwer opent") is
    # that person, judged where the evidence stands.
    full = {p.text: p for p in out if " " in p.text and p.kind != "unknown"}
    for k, p in enumerate(out):
        if p.kind == "unknown" and p.text in full:
            out[k] = _judged(
                text, p.start, p.end, p.trace, holders, p.first_name_only, full[p.text]
            )
    # Later (or earlier) mentions of a surname already found: "Jansen zei ...". A mention
    # of a public person's surname is public too.
    by_surname: dict[str, PersonName] = {}
    for (*_, sur), person in zip(found, out, strict=True):
        if person.first_name_only:
            continue
        if len(sur) > 2 and (sur not in by_surname or by_surname[sur].public):
            by_surname[sur] = person
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
                    and (" " not in first.text or _OBJECT_AFTER.match(text, end))
                ):
                    continue  # "Post je bericht" after "mevrouw Post"
                out.append(
                    _judged(text, start, end, ("surname mentioned earlier",), holders, like=first)
                )
                taken.add(start, end)
    if first_names:
        out.extend(_public_surnames_alone(text, taken, holders))
        out.extend(_first_names_alone(text, taken, out, holders))
        out.extend(_caret_signatures(text, taken))
    out = [p for p in out if not _in_institution_name(text, p.start, p.end)]
    out.sort(key=lambda p: p.start)
    return _lists_share_kind(text, _mentions_share_kind(text, out))


#: A pronoun or article after a sentence's first word: an imperative with its object ("Post
#: je bericht", "Bakker het brood"), not a later mention of a surname.
_OBJECT_AFTER = re.compile(
    r"(?i)[ \u00a0]+(?:je|jij|u|uw|jouw|jullie|het|de|een|dit|deze|die|dat|ze|hem|haar|ons|"
    r"me|mij|er|eens|even|maar|nu|dan|toch|vooral|gerust|snel)\b"
)


def _judged(
    text: str,
    start: int,
    end: int,
    trace: tuple[str, ...],
    holders: tuple[str, ...],
    first_name_only: bool = False,
    like: PersonName | None = None,
) -> PersonName:
    """The person at ``text[start:end]`` with its kind. Evidence, strongest first: a public
    function next to the name, a signature, the lists of public figures and office holders;
    then private evidence (a private role, an age, "uit <place>", a citizen greeted or
    addressed in a reply); then weaker public evidence (:func:`_public_more`); then what an
    earlier mention of the same person (``like``) said. Neither: ``unknown``."""
    word = text[start:end]
    public = _public(text, start, end, holders)
    if not public and like is not None and like.kind != "unknown":
        # a later mention of a person already judged is that person, unless a function
        # stands right beside it
        return PersonName(
            start, end, word, trace, like.public, like.public_reason, first_name_only,
            like.private_reason,
        )  # fmt: skip
    private = "" if public else _private_evidence(text, start, end)
    if not (public or private):
        public = _public_more(text, start, end)
    if not (public or private):
        private = _weak_private(text, start, end)
    if not (public or private) and first_name_only and like is None and not _political(text):
        private = _first_name_private(text, start, end)
    if not (public or private) and like is not None:
        public = like.public_reason
        private = like.private_reason
    return PersonName(start, end, word, trace, bool(public), public, first_name_only, private)


#: Between two names of one list: "X en Y", "X, Y", "X (Noord-Brabant) en Y", "X @USER Y".
_LIST_GAP = re.compile(
    r"[ \u00a0]*(?:\([^()\n]{1,40}\)[ \u00a0]*)?(?:@\w+[ \u00a0]*)?(?:,|en|&|and|\n)?[ \u00a0]*$"
)


def _lists_share_kind(text: str, persons: list[PersonName]) -> list[PersonName]:
    """A name without evidence in a list with a public person is public too ("Sietse
    Fritsma en Roy van Aalst", "lijsttrekkers Eric de Bie (Noord-Brabant) en Fred
    Walrvens")."""
    out = list(persons)
    for _ in range(2):  # forwards, then backwards through the list
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if not _LIST_GAP.match(text[a.end : b.start]):
                continue
            for src, dst, k in ((a, b, i + 1), (b, a, i)):
                # "Anouk Brouwer (voorzitter), Daan Hoekstra": a function said of one name
                # in the list is that person's only.
                own = src.public and bool(_function_after().match(text, src.end))
                if src.public and not own and dst.kind == "unknown" and not dst.first_name_only:
                    out[k] = replace(dst, public=True, public_reason="in a list with " + src.text)
                elif (
                    src.kind == "private"
                    and not src.first_name_only
                    and dst.kind == "unknown"
                    and not dst.first_name_only
                ):
                    out[k] = replace(dst, private_reason="in a list with " + src.text)
    return out


def _public_surnames_alone(
    text: str, taken: Disjoint, holders: tuple[str, ...]
) -> list[PersonName]:
    """The surname of a public figure or office holder on its own ("Rutte zei"), where no
    civil title says it is someone else."""
    _, surnames = _known_public(holders)
    out = []
    for s, e, w in _cap_words(text):
        if w.lower() not in surnames or taken.overlaps(s, e):
            continue
        if e < len(text) and text[e] in "@-":
            continue
        reason = _public(text, s, e, holders)
        if reason:
            out.append(PersonName(s, e, w, ("surname of a public figure",), True, reason))
            taken.add(s, e)
    return out


#: A webcare signature after a caret: initials ("^JV", "^M") or a name the lists do not
#: hold ("^KeesW", "^Wessel").
_CARET_SIGNATURE = re.compile(r"\^[ \u00a0]?([" + _UPPER + r"][^\W\d_]{0,19})(?![\w@'’-])")


def _caret_signatures(text: str, taken: Disjoint) -> list[PersonName]:
    """Webcare signatures after a caret that no list holds: a staff member in role, so a
    public person and, like a first name, not identifying on its own."""
    if "^" not in text:
        return []
    out = []
    for m in _CARET_SIGNATURE.finditer(text):
        s, e = m.span(1)
        if taken.overlaps(s, e):
            continue
        out.append(
            PersonName(
                s,
                e,
                m.group(1),
                ("signature after '^'",),
                public=True,
                public_reason="signature of a staff member",
                first_name_only=True,
            )
        )
        taken.add(s, e)
    return out


#: Words right before a first name on its own: a greeting, a signature, "met".
_FIRST_NAME_CUE = re.compile(
    r"(?i)(?:\^|(?:^|\W)(?:hoi|hallo|hey|hi|beste|dag|lieve|groet|groeten|met|dank je|"
    r"bedankt)[,!]?\s+)$"
)


def _first_names_alone(
    text: str, taken: Disjoint, found: list[PersonName], holders: tuple[str, ...]
) -> list[PersonName]:
    """Listed first names on their own ("Hoi Murat", "^Kim", "met Jan"). A first name that
    is also an ordinary word or a place is left alone at the start of a sentence; one of a
    person already found ("Lilian Marijnissen ... Lilian") takes that person's kind."""
    L = names.lists()
    known = {p.text.split(" ", 1)[0]: p for p in found if " " in p.text}
    reply = _REPLY.match(text)
    handles_end = reply.end() if reply else -1
    out = []
    for s, e, w in _cap_words(text):
        if len(w) < 3 or w not in L.first or w in L.not_names or w in L.places or w.isupper():
            continue
        if taken.overlaps(s, e):
            continue
        # addressed in a reply: "Dank voor je steun, Jan.", "Mooie tweet Ruben!"
        vocative = reply is not None and _vocative(text, s, e, handles_end)
        if e < len(text) and text[e] in "@.-'’" and not (vocative and text[e] == "."):
            continue
        signed = _SIGNATURE.search(text, max(0, s - 3), s) is not None  # "^Bas", "^Lot"
        if (
            (w in L.word_names or w.lower() in L.common)
            and not signed
            and (names._sentence_initial(text, s) or s == handles_end)
        ):
            continue  # "Wil je ...", also right after the handles of a reply
        if (
            w in L.surnames
            and w not in known
            and not (vocative or signed)
            and not _FIRST_NAME_CUE.search(text, max(0, s - 12), s)
        ):
            continue  # "Jansen", "Tom": also a surname; only after "Hoi", "^", "met" ...
        out.append(_judged(text, s, e, ("first name alone",), holders, True, known.get(w)))
        taken.add(s, e)
    return out


def more_evidence(text: str, start: int, end: int) -> tuple[str, str]:
    """``(kind, reason)`` from the evidence this module adds to
    :func:`krantentoets.detect.public_persons.judge`: ``private`` ("uit <place>", "de
    familie", greeted, addressed in a reply), ``public`` (a function before the name, also
    plural or of an organisation; a handle or organisation after it; "als <function>"; a
    title and surname in a post about parliament), or ``unknown``."""
    public = public_context(text, start, end)
    if public:
        return "public", f"public function '{public}'"
    private = _private_evidence(text, start, end)
    if private:
        return "private", private
    public = _public_more(text, start, end)
    if public:
        return "public", public
    private = _weak_private(text, start, end)
    return ("private", private) if private else ("unknown", "")


def is_known_public(name: str, office_holders: Iterable[str] = ()) -> bool:
    """``name`` (a full name or a surname) is on the list of public figures or of the
    organisation's office holders and officials."""
    full, surnames = _known_public(tuple(office_holders))
    n = _norm(name)
    return n in full or n in surnames


def find_names(text: str, office_holders: Iterable[str] = ()) -> list[PIISpan]:
    """The private persons' names in ``text``, as personal-data spans."""
    return [
        PIISpan(p.start, p.end, p.text, "person-name", p.trace)
        for p in find_person_names(text, office_holders, first_names=False)
        if not (p.public or p.first_name_only)
    ]


# -- a single word with news-style private evidence after it, kinds shared by mentions ------


#: After a single capitalised word, what news writes after a private person's name: an age
#: in brackets ("Hans (71)"), "uit <place>" ("Bakker uit Oss"), an age between commas, a
#: bare initial with a dot ("Saleh A.") or a private role after a comma ("Vermeulen,
#: bewoner van ...", checked by the caller).
_AGE_CUE = re.compile(r"\(\d{1,3}\)")
_UIT_CUE = re.compile(r"uit[ \u00a0]+[" + _UPPER + r"]")
_INITIAL_CUE = re.compile(r"\.(?<=[ \u00a0][" + _UPPER + r"]\.)(?!\w)")
_COMMA_CUE = re.compile(
    r",[ \u00a0]?(?:\d{1,3}(?:[ \u00a0]jaar)?,[ \u00a0]|[ \u00a0]*(?:een[ \u00a0]+)?([a-zé]\w+))"
)


def _private_cues(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, kind, role)`` of each cue in ``text``, in text order; one scan per
    kind of cue, each from a plain character ("(", "uit", ".", ",")."""
    cues = [(m.start(), m.end(), "(", "") for m in _AGE_CUE.finditer(text)]
    cues += [(m.start(), m.end(), "u", "") for m in _UIT_CUE.finditer(text)]
    cues += [(m.start(), m.end(), ".", "") for m in _INITIAL_CUE.finditer(text)]
    for m in _COMMA_CUE.finditer(text):
        role = m.group(1)
        if role is None or _private_role_word(role):  # not "Jansen, de wethouder"
            cues.append((m.start(), m.end(), ",", role or ""))
    if len(cues) > 1:
        cues.sort()
    return cues


#: The capitalised word right before a cue.
_WORD_BEFORE_CUE = re.compile(r"(?<![\w@#'’\-])[" + _UPPER + r"][^\W\d_]*(?:['’\-][^\W\d_]+)*$")
#: The verb after "uit <place>": "Bakker uit Oss belde", not "Boeren uit Brabant protesteren".
_VERB_AFTER_PLACE = re.compile(
    r"[ \u00a0]+uit[ \u00a0]+(?:[" + _UPPER + r"][\w'’-]*[ \u00a0]+)+([a-z]\w*)"
)


@lru_cache(maxsize=4096)
def _private_role_word(word: str) -> bool:
    return _private_role(word)


#: A surname with its capitalised or lower-case tussenvoegsels: "Jansen", "De Vries", "van Dijk".
_SURNAME_AT = re.compile(
    r"(?:(?:[Vv]an|[Dd]e|[Dd]e[nr]|[Tt]e[nr]|[Hh]et|'t)[ \u00a0]+){0,3}"
    r"([" + _UPPER + r"][^\W\d_]+(?:-[" + _UPPER + r"][^\W\d_]+)?)(?![\w'’@-])"
)
_LIST_SEP = re.compile(r"[ \u00a0]*(?:,[ \u00a0]*(?:en[ \u00a0]+)?|[ \u00a0]+(?:en|&)[ \u00a0]+)")
#: A lower-case word right before a capital (maybe after tussenvoegsels): a role before a name.
_ROLE_BEFORE_CAP = re.compile(
    r"(?<![\w-])([a-zà-ÿ]{4,})[ \u00a0]+(?=(?:(?:van|de|der|den|ter|ten)[ \u00a0]+){0,3}["
    + _UPPER
    + r"]|(?:Van|De|Den|Ter|Ten)[ \u00a0])"
)


@cache
def _private_role_cached(word: str, plural: bool) -> bool:
    return _private_role(word, plural) and not (plural and _family_plural(word))


def _role_list_surnames(text: str, taken: Disjoint) -> list[tuple[int, int, str]]:
    """Listed surnames on their own after a private role: "bewoner Verhoeven", and a list
    after the role in the plural: "de buren Jansen, Pietersen en De Vries" (family in the
    plural, "de broers X en Y", are often sportspeople: not here)."""
    L = names.lists()
    out: list[tuple[int, int, str]] = []
    for m in _ROLE_BEFORE_CAP.finditer(text):
        role = m.group(1)
        plural = role.endswith(("s", "en"))
        if not _private_role_cached(role, plural):
            continue
        at = m.end()
        while True:
            n = _SURNAME_AT.match(text, at)
            if n is None:
                break
            sur = n.group(1)
            last = sur.split("-")[-1]
            if (
                not (sur in L.surnames or last in L.surnames)
                or sur in L.places
                or sur in L.not_names
                or sur in names.ORG_WORDS
                or _role_word(sur.lower())
            ):
                break
            if not taken.overlaps(n.start(), n.end()):
                taken.add(n.start(), n.end())
                why = "plural" if plural else "singular"
                out.append((n.start(), n.end(), f"a listed surname after a private role ({why})"))
            if not plural:
                break
            sep = _LIST_SEP.match(text, n.end())
            if sep is None:
                break
            at = sep.end()
    return out


def _lone_private_names(text: str, taken: Disjoint) -> list[tuple[int, int, str]]:
    """A listed first name or surname on its own, also at the start of a sentence where the
    tagger does not look, with what news writes after a private person's name: "Bakker uit
    Oss belde", "Hans (71) zag ...", "Saleh A. moet ...". At the start of a sentence
    "uit <place>" needs a verb in the singular after it ("Boeren uit Brabant protesteren"
    are farmers)."""
    L = names.lists()
    out = []
    for c_start, c_end, first, _ in _private_cues(text):
        initial = first == "."
        e = c_start - 2 if initial else c_start  # "Saleh A.": before " A."
        if first in "(u":
            while e > 0 and text[e - 1] in " \u00a0":
                e -= 1
            if e == c_start:
                continue  # "(12)" right after a word, "muit"
        m = _WORD_BEFORE_CUE.search(text, max(0, e - 40), e)
        if m is None:
            continue
        s, w = m.start(), m.group()
        if len(w) < 3 or w.isupper() or taken.overlaps(s, e) or _at_handle(text, s):
            continue
        if initial and w not in L.first:
            continue  # an initial after a first name only
        listed = w in L.first or w in L.surnames or w.lower() in _known_public(())[1]
        if not listed or w in L.places or w in L.not_names:
            continue
        if w in names.ORG_WORDS or _org_word(w, L) or _role_word(w.lower()):
            continue
        if first == "u" and names._sentence_initial(text, s):
            verb = _VERB_AFTER_PLACE.match(text, e)
            if verb is None or verb.group(1).endswith("en"):
                continue  # "Boeren uit Brabant protesteren": a plural, no person
        s = _particles_before(text, s, L)
        if taken.overlaps(s, e):
            continue
        if initial:
            e = c_end
            out.append((s, e, "a first name and an initial (news style)"))
        else:
            out.append((s, e, "a listed name on its own before an age or 'uit <place>'"))
        taken.add(s, e)
    return out


_UIT_PLACE_IN = re.compile(
    r"[ \u00a0]uit[ \u00a0]+([" + _UPPER + r"][\w'’-]*(?:[ \u00a0][\w'’-]+)?)$"
)


def _cut_uit_place(text: str, start: int, end: int) -> int:
    """The end of a tagger's name without "uit <place>" ("Jansen uit Oss": "Uit den
    Bogaard" is a surname, "uit Oss" is where Jansen lives)."""
    m = _UIT_PLACE_IN.search(text, start, end)
    if m and m.start() > start and m.group(1) in names.lists().places:
        return m.start()
    return end


def _particles_before(text: str, start: int, L: names.Lists) -> int:
    """Where a surname at ``start`` begins with the tussenvoegsels before it, the first one
    capitalised ("Van Leeuwen", "Van den Berg"; not "de brief van Jansen")."""
    i, first = start, start
    while True:
        m = _PARTICLE_BEFORE.search(text, max(0, i - 8), i)
        if m is None or m.group(1).lower() not in L.interfixes:
            break
        i = m.start(1)
        if m.group(1)[:1].isupper():
            first = i
    return first


_PARTICLE_BEFORE = re.compile(r"(?<![\w'’-])([\w'’]{1,4})[ \u00a0]$")


def _mentions_share_kind(text: str, persons: list[PersonName]) -> list[PersonName]:
    """A surname on its own without evidence is the person found earlier or later with that
    surname and a first name ("Wethouder Lotte Smeets ... Volgens Smeets"): it takes that
    person's kind."""
    judged = {}
    for p in persons:
        if " " in p.text and p.kind != "unknown" and not p.first_name_only:
            sur = _surname_of(p.text)
            judged.setdefault(sur[:1].upper() + sur[1:], p)
    if not judged:
        return persons
    out = list(persons)
    for k, p in enumerate(out):
        if p.kind != "unknown" or p.first_name_only:
            continue
        q = judged.get(p.text[:1].upper() + p.text[1:])
        if q is not None and q is not p:
            out[k] = replace(
                p, public=q.public, public_reason=q.public_reason, private_reason=q.private_reason
            )
    return out


#: Words before a first name that make it a saint's, a holiday's or a place's name
#: ("Sint Maarten", "Sint Franciscus Gasthuis").
_SAINT_BEFORE = re.compile(r"(?:^|[^\w-])(?:Sint|Sinte|St\.|Sankt|Saint|San|Santa)[ \u00a0]+$")
#: A Roman numeral between a name and the word after it ("Koning Willem I College").
_ROMAN_AFTER = re.compile(r"[ \u00a0]+(?:I{1,3}|IV|V|VI{1,3}|IX|X)(?=[ \u00a0])")
#: A house number after a street: "Willemijn Ploeg Dorpsstraat 4" is a name and an address.
_NUMBER_AFTER = re.compile(r"[ \u00a0]+\d")


def _in_institution_name(text: str, start: int, end: int) -> bool:
    """The name at ``text[start:end]`` is part of the name of a building, school, hospital,
    fund or saint: an organisation word follows ("Anne Frank Huis", "Jan Pieterszoon
    Coenschool", "Koning Willem I College", "Wilhelmina Kinderziekenhuis") or "Sint"
    stands before it ("Sint Maarten")."""
    if _SAINT_BEFORE.search(text, max(0, start - 8), start):
        return True
    i = end
    m = _ROMAN_AFTER.match(text, i)
    if m:
        i = m.end()
    L = names.lists()
    for _ in range(2):  # the organisation word, or one more name word and then it
        if i >= len(text) or text[i] not in " \u00a0":
            return False
        m = _CAP_WORD.match(text, i + 1)
        if m is None or _NUMBER_AFTER.match(text, m.end()):
            return False
        w = m.group()
        if w in names.ORG_WORDS or _org_word(w, L):
            return True
        i = m.end()
    return False


def _plural_private_role(text: str, start: int, end: int) -> str:
    """A private role in the plural right before a list of names or after it, after a
    comma: "de bewoners Ali Demir, Sanne Kuipers en ...", "..., bewoners van de flat"."""
    before = text[max(0, start - 24) : start].split()
    if (
        before
        and before[-1].lower().endswith(("s", "en"))
        and _NEXT_IN_LIST.match(text, end)
        and _private_role(before[-1], True)
        and not _family_plural(before[-1])
    ):
        return f"private role {before[-1]!r} (plural) before the name"
    m = _PLURAL_ROLE_AFTER.match(text, end)
    if (
        m
        and _PREV_IN_LIST.search(text, max(0, start - 60), start)
        and _private_role(m.group(1), True)
    ):
        return f"private role {m.group(1)!r} (plural) after the name"
    return ""


@cache
def _family_roles() -> tuple[str, ...]:
    ref = resources.files("krantentoets.data") / "people" / "family_roles.txt"
    with ref.open(encoding="utf-8") as fh:
        return tuple(w.strip() for w in fh if w.strip() and not w.startswith("#"))


def _family_plural(word: str) -> bool:
    """``word`` is family or friends in the plural ("broers", "zussen", "kleinkinderen"):
    :data:`data/people/family_roles.txt`."""
    low = word.lower()
    forms = {low, low[:-1], low[:-2], low[:-2] + "e", low[:-3], low[:-4]}
    return any(f.endswith(_family_roles()) for f in forms if f)


#: Another name follows in the list, or one comes before: "A, B en C".
_NEXT_IN_LIST = re.compile(r"[ \u00a0]*(?:,|en|&)[ \u00a0]+[" + _UPPER + r"]")
_PREV_IN_LIST = re.compile(r"[" + _UPPER + r"][^\W\d_]+[ \u00a0]*(?:,|en|&)[ \u00a0]+$")
_PLURAL_ROLE_AFTER = re.compile(
    r",[ \u00a0]+(?:de[ \u00a0]+|allebei[ \u00a0]+|beiden?[ \u00a0]+)?(\w+(?:s|en))\b"
)


#: A private role with an article after the name and a comma: "Dmitri Volkov, een inwoner
#: van Emmen, ...", "X, de eigenaar van de zaak".
_ROLE_PHRASE_AFTER = re.compile(r",[ \u00a0]+(?:een|de)[ \u00a0]+([\w'’-]+)")
#: A private role with an article and a "van" phrase before the name and a comma: "De
#: eigenaar van de hond, Gerard Bosman, ...", "een buurtbewoner, Henk ...".
_ROLE_PHRASE_BEFORE = re.compile(
    r"(?i)(?:^|\W)(?:een|de)[ \u00a0]+([\w'’-]+)(?:[ \u00a0]+van[ \u00a0]+"
    r"(?:de|het|een|zijn|haar|hun)[ \u00a0]+[\w'’-]+)?,[ \u00a0]*$"
)


def _role_phrase_around(text: str, start: int, end: int) -> str:
    """A private role in a phrase with an article next to the name, set off by a comma:
    "X, een inwoner van Emmen," or "De eigenaar van de hond, X,"."""
    m = _ROLE_PHRASE_AFTER.match(text, end)
    if m and _private_role(m.group(1)):
        return f"private role {m.group(1)!r} after the name"
    m = _ROLE_PHRASE_BEFORE.search(text, max(0, start - 60), start)
    if m and _private_role(m.group(1)):
        return f"private role {m.group(1)!r} before the name"
    return ""


# -- text in capitals or without capitals ----------------------------------------------------

_LOWER_RUN = re.compile(r"[a-zà-ÿ]{3}")
_UPPER_WORD = re.compile(r"\b[A-ZÀ-Þ]{2,}\b")
_UPPER_LETTER = re.compile(r"[" + _UPPER + r"]")
_LETTERS = re.compile(r"[^\W\d_]+")
_MIXED_WORD = re.compile(r"[" + _UPPER + r"][a-zà-ÿ]")
_HANDLE_OR_LINK = re.compile(r"[@#^]\w+|https?://\S+")


def _recased(text: str) -> str | None:
    """``text`` in capitals ("BEWONER PIET JANSEN UIT ZWOLLE") or without any capital ("mijn
    buurman piet jansen") with the capitals a name would have: on listed first names,
    surnames and places that are no ordinary words, and on a listed surname after a first
    name and tussenvoegsels ("jan de boer"). Same length, so the spans stay. ``None`` for
    text written with capitals as usual."""
    m = _MIXED_WORD.search(text)
    if m is not None and not _in_handle_or_link(text, m.start()):
        return None  # a capital before a small letter: the usual capitals (most texts)
    m = _LOWER_RUN.search(text)
    if m is not None and _in_handle_or_link(text, m.start()):
        m = _LOWER_RUN.search(_HANDLE_OR_LINK.sub(" ", text))  # "https://t.co/...", "@mail"
    if m is None:
        bare = _HANDLE_OR_LINK.sub(" ", text)  # "@USER", "#STEM", links say nothing
        if len(_UPPER_WORD.findall(bare)) < 4 or _MIXED_WORD.search(bare):
            return None
    elif not _without_capitals(text):
        return None
    L = names.lists()
    out = list(text.lower())
    after_first = False  # after a first name and any tussenvoegsels
    for m in _LETTERS.finditer(text):
        low = m.group().lower()
        if text[m.start() - 1 : m.start()] in ("@", "#"):
            after_first = False
            continue
        cap = low[:1].upper() + low[1:]
        plain = low in L.common or cap in L.word_names
        if low in L.interfixes and after_first:
            continue
        listed = cap in L.first or cap in L.surnames or cap in L.places
        if (listed and not plain) or (after_first and cap in L.surnames):
            out[m.start()] = cap[0]
            after_first = cap in L.first
        else:
            after_first = False
    return "".join(out)


def _in_handle_or_link(text: str, i: int) -> bool:
    j = i
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    return text[j : j + 1] in ("@", "#", "^") or text.startswith("http", j)


def _without_capitals(text: str) -> bool:
    """No capital outside handles, hashtags and links."""
    return all(_in_handle_or_link(text, m.start()) for m in _UPPER_LETTER.finditer(text))
