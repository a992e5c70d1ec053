"""Names of persons in Dutch and Flemish running text.

A name is found when the text has the shape of one and the lists agree:

- a title and a capitalised word: ``mevrouw Bakker``, ``dhr. Van Dam``, ``de familie De Vries``;
- a first name (``data/names/first_names.txt``), optionally more first names or initials, an
  optional tussenvoegsel (``de``, ``van der``, Flemish ``Van den``, ``El``) and a capitalised
  surname: ``Anouk de Graaf``, ``Jan-Willem Smit``, ``Mohamed El Idrissi``;
- initials and a known surname: ``J. van Wijk``, ``P. Bergsma``;
- a later mention of a surname already found (``Pieter Jansen ... Jansen zei``).

Guards against false alarms (most posts are fine):

- a first name that is also an ordinary word (``Roos``, ``Mark``, ``Hoop``; see
  ``word_names.txt``) at the start of a sentence needs a known surname after it;
- a "surname" that is a place, a month, a street (``Willem Lodewijkstraat``) or the start
  of an organisation (``Anne Frank Huis``, ``het Piter Jelles``) ends the match;
- office holders introduced by their role (``wethouder Jansen``, ``Bart De Wever,
  burgemeester van Antwerpen``) and the well-known public figures of
  ``public_figures.txt`` are public persons and are not returned;
- a first name on its own (``Groet, Anouk``) is not returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import NamedTuple

from krantentoets.detect.personal_data import PIISpan

_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
# Quick test: where could a name start? Two capitalised words in a row (with tussenvoegsels
# between), a title before a word, or an initial or abbreviated title before a word. The
# patterns start with a character class, so the regex engine skips ahead in C to the next
# capital (or non-word character) instead of trying every position.
_INTERFIX_WORDS = r"(?:van|d(?:e[rn]?|el|[ua])|te[nr]?|het|'t|op|in|uit|a(?:an|l)|l[ae]|el)"
_CAP = "[" + _UPPER + "]"
_MAYBE_NAME = re.compile(
    _CAP + r"(?<![\w'’\-].)"  # a capital that starts a word
    # the word; a dot only after an initial or abbreviated title ("J.", "Chr.", "Mevr."). The
    # quantifiers are possessive: a shorter word is followed by a letter, never by what must
    # come next, so there is nothing to backtrack for.
    r"(?:[\w'’\-]{0,3}+\.|[\w'’\-]*+)"
    # then a capital, or lower-case tussenvoegsels and a capital ("Jan de Vries")
    rf"(?=[ \u00a0](?:{_CAP}|{_INTERFIX_WORDS}(?:[ \u00a0]{_INTERFIX_WORDS})*[ \u00a0]{_CAP}))"
)
_TITLE_WORDS = (
    "mevrouw", "meneer", "mijnheer", "mevr", "mw", "dhr", "heer", "juffrouw", "mej", "familie",
    "fam", "dokter", "dr", "drs", "ir", "mr", "prof", "professor", "ing", "ds", "dominee",
    "pastoor", "pater", "kapelaan", "zuster", "broeder", "juf", "meester", "notaris",
)  # fmt: skip


def _by_first_letter(words: tuple[str, ...]) -> str:
    """An alternation of ``words`` grouped by first letter ("m(?:evrouw|w|r)|d(?:hr|r)"):
    the regex engine tests each first letter once instead of every word."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "(?:" + "|".join(f"{c}(?:{'|'.join(tails)})" for c, tails in groups.items()) + ")"


# A title that starts a word, then a space and more text: searched in " " + the lower-cased
# text, so a match starts at the character before the title, which is the title's offset in
# the text. The match ends at the space, leaving "(" in "mevrouw (mevrouw X" to the next title.
_MAYBE_TITLE = re.compile(r"\W" + _by_first_letter(_TITLE_WORDS) + r"\.?[ \u00a0](?=\S)")

TITLES = frozenset(
    """
    mevrouw meneer mijnheer mevr mw mevr. mw. dhr dhr. heer juffrouw mej mej. familie fam fam.
    dokter dr dr. drs drs. ir ir. mr mr. prof prof. professor ing ing. ds ds. dominee pastoor
    pater kapelaan zuster broeder juf meester notaris
    """.split()  # noqa: SIM905
)

#: Role words that make the person named after (or before) them a public office holder.
PUBLIC_ROLES = (
    "burgemeester", "wethouder", "schepen", "raadslid", "gemeenteraadslid", "oud-raadslid",
    "oud-wethouder", "oud-burgemeester", "oud-schepen", "minister", "oud-minister",
    "staatssecretaris", "premier", "minister-president", "gedeputeerde", "gouverneur",
    "kamerlid", "tweede-kamerlid", "eerste-kamerlid", "europarlementariër", "fractievoorzitter",
    "partijvoorzitter", "partijleider", "lijsttrekker", "senator", "volksvertegenwoordiger",
    "commissaris van de koning", "commissaris van de koningin", "koning", "koningin", "prins",
    "prinses", "dijkgraaf", "gemeentesecretaris", "griffier", "ombudsman", "burgervader",
    "bisschop", "paus", "president", "ocmw-voorzitter", "provinciegouverneur", "raadsvoorzitter",
)  # fmt: skip
_ROLE_ALT = "|".join(re.escape(r) for r in sorted(PUBLIC_ROLES, key=len, reverse=True))
_ROLE_BEFORE = re.compile(r"(?i)(?:^|[^\w-])(?:" + _ROLE_ALT + r")\s+$")
_ROLE_AFTER = re.compile(r"(?i)^\s*(?:,|\()\s*(?:de\s+|het\s+|oud-)?(?:" + _ROLE_ALT + r")\b")

#: Words after a "name" that make it part of an organisation, building, street or event.
ORG_WORDS = frozenset(
    """
    Huis Museum School College Lyceum Gymnasium Academie Instituut Stichting Fonds Prijs Award
    Centrum Stadion Arena ArenA Zaal Theater Kerk Kapel Brug Tunnel Sluis Plein Park Bos
    Ziekenhuis Kliniek Fabriek Hal Hallen Markt Straat Laan Weg Kade Toren Poort Paviljoen
    Bibliotheek Show Festival Trofee Cup Bokaal Kazerne Kazematten Gasthuis Hofje Hof Ring Route
    Tour Lezing Memorial Foundation Groep Group Bouw Holding BV B.V. NV N.V. VOF
    """.split()  # noqa: SIM905
)
_ORG_SUFFIX = re.compile(
    r"(?:straat|weg|laan|plein|kade|gracht|singel|dijk|pad|hof|park|steeg|dreef|markt|"
    r"plantsoen|school|college|huis|kerk|museum|centrum|brug|haven|tunnel|stadion|zaal|"
    r"hal|fonds|prijs|kazerne|ziekenhuis|kliniek|bad|theater|bibliotheek|steenweg|lei|vest|"
    r"kanaal|vaart|singel|boulevard|allee|straatweg)$"
)

_HOUSE_NUMBER_AFTER = re.compile(r"[ \u00a0][1-9]\d{0,3}(?:[A-Za-z]|-\w{1,3})?(?![\w:.,]\d|\d)")
_INITIAL = re.compile(r"^(?:[A-Z]|Ch|Chr|Th|Ph|Joh|Wm)$")


@cache
def _load(name: str) -> frozenset[str]:
    ref = resources.files("krantentoets.data") / "names" / name
    with ref.open(encoding="utf-8") as fh:
        return frozenset(
            line.rstrip("\n").strip() for line in fh if line.strip() and not line.startswith("#")
        )


@dataclass(frozen=True, slots=True)
class Lists:
    first: frozenset[str]
    surnames: frozenset[str]
    word_names: frozenset[str]
    common: frozenset[str]
    places: frozenset[str]
    not_names: frozenset[str]
    interfixes: frozenset[str]
    public: frozenset[str]


@cache
def lists() -> Lists:
    """The name lists, loaded once on first use (about 40,000 short strings)."""
    return Lists(
        first=_load("first_names.txt"),
        surnames=_load("surnames.txt"),
        word_names=_load("word_names.txt"),
        common=_load("common_words.txt"),
        places=_load("places.txt") | _load("places_extra.txt"),
        not_names=_load("not_names.txt"),
        interfixes=_load("interfixes.txt"),
        public=_load("public_figures.txt"),
    )


class _Tok(NamedTuple):
    start: int
    end: int
    word: str


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0\"'“‘„«([":
        i -= 1
    if i < 0:
        return True
    ch = text[i]
    return ch in ".!?;\n…" or not (ch.isalnum() or ch in ",&:")


def _joined(text: str, a: _Tok, b: _Tok) -> bool:
    """``a`` and ``b`` are adjacent words of one name (one space between them)."""
    gap = text[a.end : b.start]
    return gap in (" ", "\u00a0")


def _is_cap(word: str) -> bool:
    return (word[:1].isupper() and not word.isupper()) or (len(word) <= 2 and word[:1].isupper())


@cache
def _title_automaton():  # type: ignore[no-untyped-def]
    """Each title of ``_MAYBE_TITLE`` with the character that must follow it."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for title in _TITLE_WORDS:
        for after in ". \u00a0":
            automaton.add_word(title + after, len(title))
    automaton.make_automaton()
    return automaton


def _maybe_titles(low: str) -> bool:
    """Whether ``_MAYBE_TITLE`` can match the lower-cased text: a title that starts a word.
    One Aho-Corasick pass; most posts have no title at all."""
    for end, n in _title_automaton().iter(low):
        before = end - n - 1  # the character before the title (end: its last key char)
        if before < 0 or not (low[before].isalnum() or low[before] == "_"):
            return True
    return False


def _candidate_starts(text: str) -> list[int]:
    """Where a name may start: two capitalised words in a row, or a title."""
    starts = [m.start() for m in _MAYBE_NAME.finditer(text)]
    low = text.lower()
    if _maybe_titles(low):
        titles = [m.start() for m in _MAYBE_TITLE.finditer(" " + low)]
        if titles:
            starts = sorted({*starts, *titles})
    return starts


def _may_start(text: str, start: int, L: Lists) -> bool:
    """Whether a name can begin with the word at ``start``: a cheap test of the word alone
    that says no only where :meth:`_Finder.find` would find nothing there either."""
    m = _TOKEN.match(text, start)
    if m is None:
        return False
    word = m.group()
    if start and text[start - 1] in "@#":
        return False
    low = word.lower()
    if low in TITLES or low + "." in TITLES:
        return True  # try_title() (hopeless() lets titles through)
    initial = _INITIAL.match(word) is not None and text[m.end() : m.end() + 1] == "."
    if word in L.not_names:
        return initial  # given() and try_unknown_given() refuse it: only try_initials()
    if low in L.common:
        return initial or word in L.first  # hopeless() unless so
    if initial or word in L.first:
        return True  # try_initials() / try_given()
    if "-" in word and all(p in L.first for p in word.split("-")):
        return True  # a double first name ("Jan-Willem")
    # try_unknown_given(): a capitalised word mid-sentence before a listed surname
    return not (
        _compound_with_lower_part(word)
        or len(word) < 3
        or not _is_cap(word)
        or low in TITLES
        or low in role_words()
        or word in L.places
        or word in L.surnames
        or word in L.word_names
        or _ORG_SUFFIX.search(low) is not None
        or _sentence_initial(text, start)
    )


@cache
def role_words() -> frozenset[str]:
    """Lower-case role words that never start a name ("Informateur Karel Wouters"): the office
    holders of :data:`PUBLIC_ROLES`, ``data/names/public_functions.txt`` and the public and
    private roles of ``data/people/``."""
    out = set(PUBLIC_ROLES)
    for folder, name in (
        ("names", "public_functions.txt"),
        ("people", "public_roles.txt"),
        ("people", "private_roles.txt"),
    ):
        ref = resources.files("krantentoets.data") / folder / name
        for line in ref.read_text(encoding="utf-8").splitlines():
            word = line.split("#", 1)[0].strip().lower()
            if word and " " not in word:
                out.add(word)
    return frozenset(out)


def _compound_with_lower_part(word: str) -> bool:
    """A hyphenated word with a lower-case part ("CDA-wethouder", "Oud-raadslid"), a word
    with a capital inside ("BuZa", "GroenLinks") or a plural role ("Ministers"): never a
    first name."""
    low = word.lower()
    return (
        ("-" in word and any(p[:1].islower() for p in word.split("-")[1:]))
        or camel_case(word)
        or (low.endswith("s") and low[:-1] in PUBLIC_ROLES)
    )


def camel_case(word: str) -> bool:
    """A capital inside a word, not after a hyphen or apostrophe ("BuZa", "GroenLinks");
    "McDonald" and "O'Brien" are names."""
    if word[1:].islower():
        return False  # no capital after the first letter (the usual case, tested in C)
    return not word.startswith(("Mc", "Mac", "O'")) and any(
        c.isupper() and word[i - 1].isalpha() for i, c in enumerate(word) if i > 0
    )


def _windows(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Stretches of text around the candidate starts (whole words), merged."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for c in starts:
        lo = text.rfind(" ", 0, max(0, c - 8)) + 1
        hi = text.find(" ", min(n, c + 64))
        hi = n if hi < 0 else hi
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


class _Finder:
    def __init__(self, text: str, starts: list[int] | None = None) -> None:
        self.text = text
        if starts is None:
            starts = _candidate_starts(text)
        self.starts = frozenset(starts)
        new = tuple.__new__  # skips the NamedTuple's Python-level __new__
        self.toks = [
            new(_Tok, (m.start(), m.end(), m.group()))
            for lo, hi in _windows(text, starts)
            for m in _TOKEN.finditer(text, lo, hi)
        ]
        self.L = lists()
        #: Tokens up to this index belong to a rejected street/organisation name.
        self.skip_to = 0
        #: initials_at() per token index: a run of n initials from i holds n - 1 from i + 1,
        #: so each run is counted once ("J. J. J. ..." stays linear).
        self._initials: dict[int, int] = {}

    # -- token predicates -------------------------------------------------------------------
    def given(self, word: str) -> bool:
        if word in self.L.not_names:
            return False
        if word in self.L.first:
            return True
        parts = word.split("-")
        return len(parts) > 1 and all(p in self.L.first for p in parts)

    def known_surname(self, word: str) -> bool:
        if word in self.L.surnames:
            return True
        parts = word.split("-")
        return len(parts) > 1 and any(p in self.L.surnames for p in parts if p[:1].isupper())

    def plain_word(self, word: str) -> bool:
        """A capitalised word that is just an ordinary word, place or non-name."""
        return (
            word in self.L.not_names
            or word.lower() in self.L.common
            or word.lower() in TITLES
            or word.lower() in PUBLIC_ROLES
        )

    def hopeless(self, word: str) -> bool:
        """A frequent word or non-name that cannot start a name ("Het", "Gemeente")."""
        low = word.lower()
        return (
            (word in self.L.not_names or low in self.L.common)
            and low not in TITLES
            and word not in self.L.first
            and not _INITIAL.match(word)
        )

    def interfix_at(self, i: int) -> int:
        """Number of tokens from ``i`` that form a tussenvoegsel (0 if none)."""
        for n in (3, 2, 1):
            if i + n > len(self.toks):
                continue
            toks = self.toks[i : i + n]
            if any(not _joined(self.text, a, b) for a, b in pairwise(toks)):
                continue
            phrase = " ".join(t.word for t in toks).lower()
            if phrase in self.L.interfixes:
                # The next token must be joined and capitalised: the surname.
                j = i + n
                if (
                    j < len(self.toks)
                    and _joined(self.text, toks[-1], self.toks[j])
                    and _is_cap(self.toks[j].word)
                ):
                    return n
        return 0

    def initials_at(self, i: int) -> int:
        """Number of initials (``J.``, ``J.P.``, ``Th.``) from token ``i``."""
        known = self._initials.get(i)
        if known is not None:
            return known
        n = 0
        while i + n < len(self.toks):
            t = self.toks[i + n]
            if not _INITIAL.match(t.word) or self.text[t.end : t.end + 1] != ".":
                break
            n += 1
            nxt = i + n
            if nxt < len(self.toks):
                gap = self.text[t.end : self.toks[nxt].start]
                if gap not in (".", ". ", ".\u00a0"):
                    break
        self._initials[i] = n
        for d in range(1, n):
            self._initials[i + d] = n - d
        return n

    # -- the surname at token j (after an optional interfix) --------------------------------
    def surname_end(self, j: int) -> int | None:
        """Index after the surname that starts at token ``j`` (double names included)."""
        if j >= len(self.toks):
            return None
        tok = self.toks[j]
        if not _is_cap(tok.word) or tok.word in self.L.not_names:
            return None
        end = j + 1
        # "Jansen-de Vries": a hyphenated part that is an interfix continues the name.
        last_part = tok.word.rsplit("-", 1)[-1]
        if (
            "-" in tok.word
            and last_part.islower()
            and last_part in self.L.interfixes
            and end < len(self.toks)
            and _joined(self.text, tok, self.toks[end])
        ):
            end += 1
        return end

    def org_follows(self, k: int) -> bool:
        """What follows token ``k - 1`` makes the name part of an organisation, building or
        street: "Anne Frank Huis", "Johan de Witt 12" (a street and house number)."""
        prev_end = self.toks[k - 1].end
        if _HOUSE_NUMBER_AFTER.match(self.text, prev_end):
            self.skip_to = k
            return True
        if k >= len(self.toks):
            return False
        tok = self.toks[k]
        if _joined(self.text, self.toks[k - 1], tok) and tok.word in ORG_WORDS:
            self.skip_to = k + 1
            return True
        return False

    def public_role(self, start: int, end: int) -> bool:
        before = self.text[max(0, start - 40) : start]
        after = self.text[end : end + 40]
        return bool(_ROLE_BEFORE.search(before) or _ROLE_AFTER.match(after))

    # -- the search -------------------------------------------------------------------------
    def find(self) -> list[tuple[int, int, tuple[str, ...], str]]:
        """``(start, end, trace, surname)`` for each name, public persons included (whether a
        person is public is decided by :mod:`.persons`)."""
        out: list[tuple[int, int, tuple[str, ...], str]] = []
        i = 0
        n = len(self.toks)
        while i < n:
            tok = self.toks[i]
            if tok.start not in self.starts or self.hopeless(tok.word):
                i += 1
                continue
            if tok.start and self.text[tok.start - 1] in "@#":
                i += 1
                continue
            found = self.try_title(i) or self.try_given(i) or self.try_initials(i)
            if found is None:
                i = max(i + 1, self.skip_to)
                continue
            first_i, last_i, trace, surname_i = found
            start, end = self.toks[first_i].start, self.toks[last_i].end
            surname = self.text[self.toks[surname_i].start : end]
            out.append((start, end, trace, surname))
            i = last_i + 1
        return out

    def _title_len(self, i: int) -> int:
        tok = self.toks[i]
        word = tok.word.lower()
        dotted = self.text[tok.end : tok.end + 1] == "."
        if word == "de" and i + 1 < len(self.toks) and self.toks[i + 1].word.lower() == "heer":
            return 0  # "de heer X": the title is "heer"
        if word in TITLES or (dotted and f"{word}." in TITLES):
            return 1
        return 0

    def _next_joined(self, i: int) -> int | None:
        """Index of the token after ``i`` if it follows after one space (or ``. `` after a
        dotted title)."""
        if i + 1 >= len(self.toks):
            return None
        a, b = self.toks[i], self.toks[i + 1]
        gap = self.text[a.end : b.start]
        if gap in (" ", "\u00a0"):
            return i + 1
        # "mevr. Post", "dhr. Van Dam": only after an abbreviated title, not "familie. Zo".
        if gap in (". ", ".\u00a0") and f"{a.word.lower()}." in TITLES:
            return i + 1
        return None

    def try_title(self, i: int) -> tuple[int, int, tuple[str, ...], int] | None:
        if not self._title_len(i):
            return None
        title = self.toks[i].word
        j = self._next_joined(i)
        if j is None:
            return None
        k = j
        k += self.initials_at(k)
        while k < len(self.toks) and self.given(self.toks[k].word) and k + 1 < len(self.toks):
            nxt = self.toks[k + 1]
            if not (
                _joined(self.text, self.toks[k], nxt)
                and (_is_cap(nxt.word) or self.interfix_at(k + 1))
            ):
                break
            k += 1
        k_name = k
        k += self.interfix_at(k)
        end = self.surname_end(k)
        if end is None:
            return None
        word = self.toks[k].word
        if self.plain_word(word) and k == k_name and not self.known_surname(word):
            return None
        if word in self.L.places and not self.known_surname(word) and k == k_name:
            return None
        if _ORG_SUFFIX.search(word.lower()) and not self.known_surname(word):
            return None
        if self.org_follows(end):
            return None
        return j, end - 1, (f"after the title '{title}'",), k

    def try_given(self, i: int) -> tuple[int, int, tuple[str, ...], int] | None:
        L = self.L
        tok = self.toks[i]
        if not self.given(tok.word):
            return self.try_unknown_given(i)
        if (
            i > 0
            and self.toks[i - 1].word.lower() == "het"
            and _joined(self.text, self.toks[i - 1], tok)
        ):
            # "het Piter Jelles", "het Anne Frank Huis": an organisation or building.
            k = i + 1
            while (
                k < len(self.toks)
                and _joined(self.text, self.toks[k - 1], self.toks[k])
                and _is_cap(self.toks[k].word)
            ):
                k += 1
            self.skip_to = k
            return None
        initial = _sentence_initial(self.text, tok.start)
        ambiguous = tok.word in L.word_names
        k = i + 1
        # More first names ("Jan Willem de Vries"), then initials ("Jan P. de Vries").
        while (
            k < len(self.toks)
            and k - i < 3
            and _joined(self.text, self.toks[k - 1], self.toks[k])
            and self.given(self.toks[k].word)
            and not self.known_surname(self.toks[k].word)
        ):
            k += 1
        if k < len(self.toks) and not _joined(self.text, self.toks[k - 1], self.toks[k]):
            return None
        k += self.initials_at(k)
        nif = self.interfix_at(k)
        k += nif
        if k >= len(self.toks) or not _joined(self.text, self.toks[k - 1], self.toks[k]):
            return None
        end = self.surname_end(k)
        if end is None:
            return None
        sur = self.toks[k].word
        if self.org_follows(end):
            return None
        if _ORG_SUFFIX.search(sur.lower()) and not self.known_surname(sur):
            return None
        known = self.known_surname(sur)
        trace = ["first-name list"]
        if nif:
            # "de Graaf", "van der Veen", "El Idrissi": a strong pattern.
            vanplace = self.toks[k - 1].word.lower() == "van" and sur in L.places and not known
            if vanplace or sur in L.not_names:
                return None
            if initial and ambiguous and not known:
                return None
            trace.append("tussenvoegsel + capitalised surname")
        else:
            if self.plain_word(sur) and not (known and not (ambiguous and initial)):
                return None
            if sur in L.places and not known:
                return None
            if known:
                if initial and ambiguous and sur in L.word_names:
                    return None
                trace.append("surname list")
            else:
                if initial and ambiguous:
                    return None
                if self.given(sur) and end == k + 1:
                    return None  # two first names ("Henk Ingrid"), no surname
                trace.append("capitalised word after a first name")
        return i, end - 1, tuple(trace), k

    def try_unknown_given(self, i: int) -> tuple[int, int, tuple[str, ...], int] | None:
        """An unlisted first name mid-sentence before a listed surname ("Xiomara Jansen")."""
        L = self.L
        tok = self.toks[i]
        word = tok.word
        if (
            _compound_with_lower_part(word)
            or len(word) < 3
            or not _is_cap(word)
            or _sentence_initial(self.text, tok.start)
            or self.plain_word(word)
            or word.lower() in role_words()
            or word in L.places
            or word in L.surnames
            or word in L.word_names
            or _ORG_SUFFIX.search(word.lower())
        ):
            return None
        k = i + 1
        if k >= len(self.toks) or not _joined(self.text, tok, self.toks[k]):
            return None
        nif = self.interfix_at(k)
        k += nif
        end = self.surname_end(k)
        if end is None:
            return None
        sur = self.toks[k].word
        if not self.known_surname(sur) or sur in L.word_names or sur in L.places:
            return None
        if self.org_follows(end) or (i > 0 and self.toks[i - 1].word.lower() in ("het", "de")):
            return None
        # The whole is a place ("in Den Bosch", "voorbij Den Dolder").
        if " ".join(t.word for t in self.toks[i:end]) in L.places:
            return None
        return i, end - 1, ("capitalised word before a listed surname",), k

    def try_initials(self, i: int) -> tuple[int, int, tuple[str, ...], int] | None:
        n = self.initials_at(i)
        if not n:
            return None
        k = i + n
        if k >= len(self.toks):
            return None
        nif = self.interfix_at(k)
        k += nif
        end = self.surname_end(k)
        if end is None:
            return None
        sur = self.toks[k].word
        known = self.known_surname(sur)
        if (self.plain_word(sur) or sur in self.L.places) and not known:
            return None
        if not (nif or known):
            return None
        if self.org_follows(end) or (
            _ORG_SUFFIX.search(sur.lower()) and not self.known_surname(sur)
        ):
            return None
        return i, end - 1, ("initials + surname",), k


def _occurrences(text: str, word: str) -> list[int]:
    """Starts of ``word`` in ``text`` as a whole word."""
    out = []
    i = text.find(word)
    while i >= 0:
        j = i + len(word)
        before = text[i - 1] if i else " "
        after = text[j] if j < len(text) else " "
        if not (before.isalnum() or before in "-_") and not (after.isalnum() or after in "-_"):
            out.append(i)
        i = text.find(word, i + 1)
    return out


def find_names(text: str) -> list[PIISpan]:
    """The private persons' names in ``text``: the rules of this module combined with the
    name tagger, see :func:`krantentoets.detect.persons.find_names`."""
    from krantentoets.detect import persons

    return persons.find_names(text)
