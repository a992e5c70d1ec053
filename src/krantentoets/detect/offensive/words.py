"""The analysis of one normalised word: a listed word, a compound, a misspelling, or two
words run together (cached per distinct word).
"""

from __future__ import annotations

import re
from functools import lru_cache

from krantentoets.detect.offensive.wordlists import Entry, Lexicon, Part, group_entry, lexicon
from krantentoets.detect.word_frequency import is_dutch_word

#: Unknown words ending like this are taken to name people ("rugbyspelers", "lobbyisten").
PERSON_SUFFIXES = (
    "aars",
    "isten",
    "ici",
    "logen",
    "eurs",
    "iers",
    "ianen",
    "mannen",
    "vrouwen",
    "igden",
    "lozen",
    "ers",
)


#: Words ending in a person suffix that are things (checked before PERSON_SUFFIXES).
NOT_PERSONS = frozenset(
    {
        "computers",
        "containers",
        "printers",
        "posters",
        "flyers",
        "stickers",
        "lockers",
        "scooters",
        "trailers",
        "campers",
        "sensors",
        "filters",
        "papieren",
        "banners",
        "markers",
        "meters",
        "liters",
        "kilometers",
        "centimeters",
        "registers",
        "routers",
        "servers",
        "tickers",
        "burgers",
        "hamburgers",
        "cijfers",
        "getallen",
        "nummers",
        "kamers",
        "vensters",
        "winters",
        "zomers",
        "letters",
        "lakens",
        "parameters",
        "theaters",
        "centers",
        "folders",
        "dossiers",
        "papiers",
        "formulieren",
        "elementen",
        "momenten",
        "documenten",
        "instrumenten",
        "argumenten",
        "experimenten",
        "monumenten",
        "segmenten",
        "fragmenten",
        "sentimenten",
        "parlementen",
        "departementen",
        "regimenten",
        "complimenten",
        "supplementen",
        "percenten",
        "cementen",
        "planten",
        "kanten",
        "kranten",
        "tanten",
        "wanten",
        "panten",
        "varianten",
        "restanten",
        "diamanten",
        "olifanten",
        "ingrediënten",
        "coëfficiënten",
        "patiënten",
        "beslissingen",
        "woningen",
        "regelingen",
        "kettingen",
        "tekeningen",
        "oefeningen",
        "rekeningen",
        "lessen",
        "oktober",
        "vingers",
        "immers",
        "elders",
        "jaloers",
        "schouders",
        "monsters",
        "vlinders",
        "toppers",
        "orders",
        "karakters",
        "oevers",
        "koffers",
        "beters",
        "covers",
        "bijzonders",
        "lekkers",
        "starters",
        "schaars",
        "maskers",
        "ieders",
        "slippers",
        "helikopters",
        "voorwaarts",
        "telefoonnummers",
        "offers",
        "waters",
        "sneakers",
        "spijkers",
        "transfers",
        "kikkers",
        "klinkers",
        "kijkcijfers",
        "klassiekers",
        "tijgers",
        "slaapkamers",
        "treffers",
        "westers",
        "luidsprekers",
        "providers",
        "bekers",
        "steigers",
        "rivers",
        "schijnwerpers",
        "flanders",
        "stroomopwaarts",
        "gelijkvloers",
        "pijlers",
        "cilinders",
        "wimpers",
        "pijnstillers",
        "speakers",
        "donders",
        "suikers",
        "emmers",
        "hoofdletters",
        "towers",
        "kwartiers",
        "manieren",
        "plezier",
        "vizier",
        "kwartier",
        "wisten",
        "misten",
        "vermisten",
        "eisten",
        "twisten",
        "listen",
        "kisten",
        "vuisten",
        "oorlogen",
        "schouder",
        "zenders",
        "hamburger",
        "oesters",
        "vijvers",
        "kelders",
        "kloosters",
        "veters",
        "ateliers",
        "bunkers",
        "polders",
        "kleedkamers",
        "kaders",
        "thrillers",
        "crackers",
        "studiebeurs",
        "jaarbeurs",
        "dialogen",
        "blunders",
        "gletsjers",
        "vereisten",
        "opwarmen",
        "verwarmen",
        "verrijken",
        "transporteren",
        "uitproberen",
        "verbazen",
        "eindigden",
        "bevlogen",
        "vlogen",
        "verwaarlozen",
        "koninkrijken",
        "hongaars",
        "oosters",
        "cheers",
        "borders",
        "powers",
        "flowers",
        "summers",
        "chambers",
        "brothers",
        "sisters",
        "avengers",
        "rangers",
        "masters",
    }
)


def glued_group(lex: Lexicon, w: str) -> Entry | None:
    """The group a glued phrase names ("mensenmeteenbeperking" -> disabled people)."""
    if (
        lex.glued_np is None
        or len(w) < 9
        or not w.startswith(lex.glued_heads)  # where the pattern starts
        or not lex.glued_np.fullmatch(w)
    ):
        return None
    for n in range(1, len(w) - 2):  # the longest condition first
        for e in lex.forms.get(w[n:], ()):
            if e.cls == "cond":
                return group_entry(e.section, w, e.source)
    return None


def _is_exception(lex: Lexicon, w: str) -> bool:
    return w in lex.exceptions or w.startswith(lex.exception_prefix_index.get(w[:2], ()))


def is_exception(lex: Lexicon, w: str) -> bool:
    """Is ``w`` a word of exceptions.txt (a place name, a medical or historical term)?"""
    return _is_exception(lex, w)


def _lookup(lex: Lexicon, w: str) -> tuple[Entry, ...]:
    return tuple(lex.forms.get(w, ()))


_LONGEST_WORD = 40


_REPEAT = re.compile(r"([a-z])\1{2,}")


@lru_cache(maxsize=65536)
def analyse(word: str) -> tuple[Part, ...]:
    """What a normalised word is: one part, or two when two words were run together."""
    lex = lexicon()
    if len(word) > _LONGEST_WORD:  # no word is this long: a URL, a hash, a run of letters
        return (Part(word, (), "word"),)
    w = _REPEAT.sub(r"\1\1", word) if _REPEAT.search(word) else word
    if _is_exception(lex, w):
        return (Part(w, (), "exception"),)
    entries = _lookup(lex, w)
    if not entries and w in lex.not_variants:
        return (Part(w, (), "word"),)
    if entries or w in lex.known or len(w) < 3:
        return (Part(w, entries, "form" if entries else "word"),)
    bare = w.replace("'", "").replace("-", "")
    if bare != w:
        entries = _lookup(lex, bare)
        if entries:
            return (Part(bare, entries, "form"),)
        if "-" in w:
            parts = [p for p in w.split("-") if p]
            compound = _compound(lex, bare)
            if compound:
                return (compound,)
            if len(parts) == 2:
                first = analyse(parts[0])
                second = analyse(parts[1])
                if any(p.entries for p in first + second):
                    return first + second
    glued = glued_group(lex, w)
    if glued is not None:
        return (Part(w, (glued,), "compound", "phrase"),)
    compound = _compound(lex, w)
    if compound:
        return (compound,)
    split = _split(lex, w)
    if split:
        return split
    fixed = _fix_typo(lex, w) or (_fix_typo(lex, bare) if "'" in w else None)
    if fixed:  # "hata", "moslma's"
        return (fixed,)
    if w not in NOT_PERSONS and len(w) >= 6 and w.endswith(PERSON_SUFFIXES):
        return (Part(w, (_PERSON_GUESS,), "suffix"),)
    # "investeringsbankier", "hedgefondsmanagers": a person noun of five letters or more,
    # not ending in -e, at the end (every such tail ends as the word does)
    if not w.endswith("e") and w[-4:] in lex.form_ends:
        forms = lex.forms
        for i in range(3, len(w) - 4):
            head = forms.get(w[i:])
            if head and any(e.cls == "person" and e.section != "officials" for e in head):
                return (Part(w, (_PERSON_GUESS,), "suffix", f"+{w[i:]}"),)
    return (Part(w, (), "word"),)


_PERSON_GUESS = Entry("(person noun)", "person", "guess", frozenset({"guess"}), "suffix")


def _compound(lex: Lexicon, w: str) -> Part | None:
    """``kutgemeente``, ``tyfuslijers``, ``rotallochtonen``, ``moslimvrouwen``."""
    if len(w) < 6:
        return None
    starts = lex.compound_starts
    for n in range(min(len(w) - 3, 8), 1, -1):
        prefix = w[:n]
        if prefix not in starts:
            continue  # none of the three readings below can apply
        rest = w[n:]
        head = _head_entries(lex, rest)
        if prefix in lex.prefixes:
            pe = lex.prefixes[prefix]
            if _is_exception(lex, w):
                return None
            return Part(w, (pe, *head), "compound", f"{prefix}+{rest}")
        if (
            prefix == "rot"
            and head
            and any(e.cls in ("person", "group", "insult", "slur") for e in head)
        ):
            rot = Entry("rot-", "insult", "", frozenset(), "insults.txt")
            return Part(w, (rot, *head), "compound", f"rot+{rest}")
        if head and prefix in lex.forms:
            pre = lex.forms[prefix]
            # identity + person head: "moslimvrouwen", "homojongeren"
            if any(e.cls == "group" for e in pre) and any(
                e.cls in ("person", "group") for e in head
            ):
                group = next(e for e in pre if e.cls == "group")
                return Part(w, (group,), "compound", f"{prefix}+{rest}")
            if any(e.cls in ("obscene", "slur") for e in pre) and any(
                e.cls in ("person", "group", "slur", "insult") for e in head
            ):
                return Part(w, (*pre, *head), "compound", f"{prefix}+{rest}")
    if not w.endswith(lex.head_ends):
        return None
    for h, entry in lex.heads.items():
        if w.endswith(h) and len(w) - len(h) >= 3 and not _is_exception(lex, w):
            return Part(w, (entry,), "compound", f"{w[: -len(h)]}+{h}")
    return None


def _head_entries(lex: Lexicon, rest: str) -> tuple[Entry, ...]:
    entries = _lookup(lex, rest)
    if not entries and len(rest) > 4 and rest[0] in "se":  # linking -s-/-e-
        entries = _lookup(lex, rest[1:])
    return entries


def _fix_typo(lex: Lexicon, w: str) -> Part | None:
    """A listed word with one letter dropped, swapped or added."""
    if len(w) < 3:
        return None
    fixed = _typo_candidate(lex, w)
    # "heikel" is a word, not a misspelt "eikel" (asked last: the word-frequency look-up
    # is the dearest step, and most words have no candidate)
    if fixed is None or is_dutch_word(w):
        return None
    return fixed


def _typo_candidate(lex: Lexicon, w: str) -> Part | None:
    form = lex.fuzzy.get(w)
    if form:
        return Part(form, _lookup(lex, form), "fuzzy", w)
    n = len(w)
    if n >= 6:  # one letter too many (the first listed form in alphabetical order)
        forms = lex.forms
        # what is left is a form of five letters or more, so it begins and ends with four
        # letters a listed form of that length begins and ends with: dropping a letter
        # after the fourth keeps the first four, dropping one before the last four keeps those
        lo = 0 if w[-4:] in lex.form_ends else n - 4
        hi = n if w[:4] in lex.form_starts else 4
        listed = [v for i in range(lo, hi) if (v := w[:i] + w[i + 1 :]) in forms]
        if listed:
            v = min(listed)
            return Part(v, _lookup(lex, v), "fuzzy", w)
    return None


_SPLIT_MIN = 2


_PREFIXES = frozenset({"ge", "be", "ver", "ont", "her", "er"})


#: Halves that are word endings, not words: "zak|en" is "zaken", not "zak en".
_ENDINGS = frozenset(
    {
        "en",
        "e",
        "s",
        "er",
        "ers",
        "ste",
        "st",
        "te",
        "de",
        "je",
        "tje",
        "jes",
        "ge",
        "be",
        "ver",
        "ont",
        "her",
        "t",
        "d",
        "n",
    }
)


def _split(lex: Lexicon, w: str) -> tuple[Part, ...] | None:
    """Two words run together: ``ikhaat``, ``gewoonvermoorden``, ``vrouwendoorsnijden``."""
    if len(w) < 5:
        return None
    best: tuple[Part, ...] | None = None
    known = lex.known
    for i in range(_SPLIT_MIN, len(w) - _SPLIT_MIN + 1):
        right = w[i:]
        if right not in known or right in _ENDINGS:
            continue
        left = w[:i]
        if left not in known or left in _PREFIXES:
            continue
        le, re_ = _lookup(lex, left), _lookup(lex, right)
        interesting = any(e.cls not in ("person",) for e in le + re_) or (
            left in lex.phrase_words or right in lex.phrase_words
        )
        if not interesting:
            continue
        cand = (Part(left, le, "split", w), Part(right, re_, "split", w))
        # prefer the split with the longest lexicon word
        if best is None or max(len(left), len(right)) > max(len(p.canon) for p in best):
            best = cand
    if best is None or is_dutch_word(w):  # a word in its own right is not two words
        return None
    return best
