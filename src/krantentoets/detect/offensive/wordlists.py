"""The word lists of the offensive-language check, loaded once into lookup tables.

The lists are plain text files in ``krantentoets/data/offensive/`` (format in
``identity.txt``). This module turns them into lookup tables:

- every listed form plus its regular inflections (plural, diminutive, adjective endings,
  verb forms) -> the entries it belongs to;
- every misspelling at one edit (a dropped letter, two swapped letters) of a listed form
  -> that form, unless the misspelling is itself a word (``not_variants.txt``);
- compound prefixes (``kut-``, ``kanker-``, ``rot-``) and heads (``-lijer``, ``-wijf``);
- the closed word classes of ``grammar.txt`` and the patterns of ``phrases.txt``.

:func:`.words.analyse` maps one normalised word to what it is (cached per distinct word, so
a stream of posts pays for each new word once): a listed word, a compound, a
misspelling, or two words run together ("ikhaat").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from krantentoets.detect.dutch_words import MIN_LENGTH as DUTCH_MIN_LENGTH
from krantentoets.detect.offensive.inflect import adj_forms, edits, noun_forms, verb_forms

#: Which file holds which class of word.
FILES: dict[str, str] = {
    "identity.txt": "group",
    "conditions.txt": "cond",
    "persons.txt": "person",
    "slurs.txt": "slur",
    "slurs_hades.txt": "slur",
    "insults.txt": "insult",
    "obscene.txt": "obscene",
    "dehumanising.txt": "dehum",
    "dehumanising_hades.txt": "dehum",
    "attributes.txt": "attr",
    "emotions.txt": "emote",
    "threats.txt": "violent",
    "positive.txt": "pos",
    "crimes.txt": "crime",
}


#: Classes that say something about a person (a finding with a target, or by itself).
PREDICATES = frozenset({"dehum", "attr", "emote", "violent", "pos", "crime"})


#: Classes that are a finding by themselves.
STANDALONE = frozenset({"slur", "insult", "obscene"})


#: Classes that name people.
TARGETS = frozenset({"group", "person"})


NOUN_CLASSES = frozenset({"group", "cond", "person", "slur", "insult", "obscene", "dehum", "crime"})


ADJ_CLASSES = frozenset({"attr", "pos"})


def fold(text: str) -> str:
    """Lower case without accents (``Geëxecuteerd`` -> ``geexecuteerd``), length-preserving."""
    return text.lower().translate(_FOLD)


_FOLD = str.maketrans(
    "áàâäãåéèêëíìîïóòôöõúùûüýÿçñ’‘`´",
    "aaaaaaeeeeiiiiooooouuuuyycn''''",
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of a word list."""

    lemma: str
    cls: str
    section: str
    flags: frozenset[str]
    source: str

    def has(self, flag: str) -> bool:
        return flag in self.flags


_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Part:
    """What one word (or one half of two words run together) is."""

    canon: str
    entries: tuple[Entry, ...] = ()
    how: str = "word"  # word, form, fuzzy, compound, split, suffix
    note: str = ""  # e.g. the compound's prefix, or the misspelled form
    #: the classes of ``entries``, worked out once (a word is analysed once per process)
    classes: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        entries = self.entries
        object.__setattr__(
            self, "classes", frozenset([e.cls for e in entries]) if entries else _NONE
        )


@dataclass(frozen=True, slots=True)
class Phrase:
    cls: str
    flags: frozenset[str]
    anchors: frozenset[str]
    source: str  # the pattern as written (folded)

    @property
    def pattern(self) -> re.Pattern[str]:
        return compile_pattern(self.source)


@dataclass(slots=True)
class Lexicon:
    forms: dict[str, list[Entry]] = field(default_factory=dict)
    fuzzy: dict[str, str] = field(default_factory=dict)
    multi: dict[str, list[tuple[tuple[str, ...], Entry]]] = field(default_factory=dict)
    prefixes: dict[str, Entry] = field(default_factory=dict)
    heads: dict[str, Entry] = field(default_factory=dict)
    grammar: dict[str, frozenset[str]] = field(default_factory=dict)
    exceptions: frozenset[str] = frozenset()
    exception_prefixes: tuple[str, ...] = ()
    #: the exception prefixes by their first two letters (a word is checked against few)
    exception_prefix_index: dict[str, tuple[str, ...]] = field(default_factory=dict)
    not_variants: frozenset[str] = frozenset()
    phrases: tuple[Phrase, ...] = ()
    #: anchor word -> indexes into ``phrases``; "*" -> always tried
    phrase_index: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: anchors of phrases that can make a finding (not ok/null/counter/link)
    anchor_words: frozenset[str] = frozenset()
    phrase_words: frozenset[str] = frozenset()
    known: frozenset[str] = frozenset()  # every word a split half may be
    #: a group phrase written as one word ("mensenmeteenbeperking"), see conditions.txt
    glued_np: re.Pattern[str] | None = None
    #: words that never start a noun after an adjective ("een oudere die ...", "een zwarte.")
    not_nouns: frozenset[str] = frozenset()
    #: misspellings of three-letter adjectives ("dm" -> "dom"), only read so after an
    #: intensifier ("zo dm te zijn"); too short to trust anywhere else
    short_fuzzy: dict[str, str] = field(default_factory=dict)
    #: (anchor words, pattern) of the idioms written beside word-list entries ("not:")
    idioms: list[tuple[frozenset[str], str]] = field(default_factory=list)
    #: what a compound may start with: a prefix, "rot", a form of up to eight letters
    compound_starts: frozenset[str] = frozenset()
    #: the compound heads (``heads``) as a tuple, for ``str.endswith``
    head_ends: tuple[str, ...] = ()
    #: the first and the last four letters of each form of five letters or more
    form_starts: frozenset[str] = frozenset()
    form_ends: frozenset[str] = frozenset()
    #: the person nouns ``glued_np`` starts with
    glued_heads: tuple[str, ...] = ()

    def gram(self, name: str) -> frozenset[str]:
        return self.grammar.get(name, frozenset())


def _data_dir():  # type: ignore[no-untyped-def]
    return resources.files("krantentoets").joinpath("data", "offensive")


def _lines(name: str) -> Iterable[str]:
    text = _data_dir().joinpath(name).read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line:
            yield line


def _load_entries(lex: Lexicon) -> list[tuple[str, Entry]]:
    listed: list[tuple[str, Entry]] = []
    for fname, cls in FILES.items():
        section = ""
        for line in _lines(fname):
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1].strip()
                continue
            forms_part, _, flag_part = line.partition("|")
            flag_part, _, idiom_part = flag_part.partition("|")
            flags = set(flag_part.split())
            if idiom_part.strip():
                lex.idioms.extend(_idioms(fname, line, idiom_part))
            if cls == "person" and section == "officials":
                flags.add("official")
            forms = [fold(f.strip()) for f in forms_part.split(",") if f.strip()]
            if not forms:
                continue
            entry = Entry(forms[0], cls, section, frozenset(flags), fname)
            for f in forms:
                listed.append((f, entry))
    return listed


_IDIOM_WORD = re.compile(r"(?<![\\<a-z])[a-z]{3,}")


def _idioms(fname: str, line: str, field: str) -> list[tuple[frozenset[str], str]]:
    """The idioms after an entry: ``word, forms | flags | not: idiom; idiom``.

    Each idiom is a phrases.txt pattern (lower case, ``<w0-2>`` gaps, ``(?:a|b)``); the
    entry's word inside it is never a finding ("voor de gek houden", "de nek omdraaien").
    """
    body = field.strip()
    if not body.startswith("not:"):
        raise ValueError(f"{fname}: a third field must start with 'not:': {line}")
    out = []
    for idiom in body[4:].split(";"):
        pattern = idiom.strip().translate(_FOLD)
        if not pattern:
            continue
        words = frozenset(_IDIOM_WORD.findall(pattern))
        if not words:
            raise ValueError(f"{fname}: idiom without a word: {idiom!r}")
        out.append((words, pattern))
    return out


def _add_form(lex: Lexicon, form: str, entry: Entry) -> None:
    bucket = lex.forms.setdefault(form, [])
    if not any(e.cls == entry.cls and e.lemma == entry.lemma for e in bucket):
        bucket.append(entry)


def _expand(form: str, entry: Entry) -> set[str]:
    if entry.has("exact") or entry.has("noinflect") or (entry.has("prefix") and form.endswith("-")):
        return {form}
    if entry.has("verb"):
        return verb_forms(form)
    if entry.cls in ADJ_CLASSES or entry.has("adj"):
        return adj_forms(form)
    if entry.cls == "emote" or entry.cls == "violent":
        return {form}
    return noun_forms(form)


_MACROS = {
    "<T>": r"(?:GRP|PRS|je|jij|jou|jullie|hij|hem|zij|ze|haar|hen|u)",
    "<P>": r"(?:je|jij|jou|jullie|hij|hem|zij|ze|haar|hen|u)",
}


_GAP = re.compile(r"<w(\d+)-(\d+)>")


@cache
def compile_pattern(src: str) -> re.Pattern[str]:
    """Compile a phrases.txt pattern (macros expanded) anchored on word boundaries."""
    for k, v in _MACROS.items():
        src = src.replace(k, v)
    # "word(?: |$)" means "the whole word": a lookahead, so that words may follow
    src = src.replace("(?: |$)", "(?= |$)")
    src = _GAP.sub(lambda m: f"(?:\\S+ ){{{m.group(1)},{m.group(2)}}}?", src)
    return re.compile(rf"(?:(?<= )|^)(?:{src})(?= |$)")


def _load_phrases(lex: Lexicon) -> None:
    phrases: list[Phrase] = []
    words: set[str] = set()
    for anchors_, pattern_ in lex.idioms:  # idioms beside a word list entry: never a finding
        phrases.append(Phrase("ok", frozenset({"idiom"}), anchors_, pattern_))
    for line in _lines("phrases.txt"):
        try:
            head, anchors, pattern = (p.strip() for p in line.split("|", 2))
        except ValueError:
            raise ValueError(
                f"phrases.txt: a line needs 'class | anchors | pattern': {line}"
            ) from None
        cls, *flags = head.split()
        phrases.append(
            Phrase(
                cls,
                frozenset(flags),
                frozenset(a if a.isupper() else fold(a) for a in anchors.split()),
                pattern.translate(_FOLD),
            )
        )
        words |= {w for w in re.findall(r"(?<![\\a-z])[a-z]{4,}", pattern.translate(_FOLD))}
    lex.phrases = tuple(phrases)
    lex.phrase_words = frozenset(words)
    index: dict[str, list[int]] = {}
    anchors: set[str] = set()
    for n, ph in enumerate(phrases):
        for a in ph.anchors:
            index.setdefault(a, []).append(n)
        if ph.cls not in ("ok", "null", "counter", "link"):
            anchors |= {a for a in ph.anchors if a.islower()}
    lex.phrase_index = {k: tuple(v) for k, v in index.items()}
    lex.anchor_words = frozenset(anchors)


def _load_grammar(lex: Lexicon) -> None:
    grammar: dict[str, set[str]] = {}
    section = ""
    for line in _lines("grammar.txt"):
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            grammar.setdefault(section, set())
            continue
        grammar[section] |= {fold(w) for w in line.split()}
    lex.grammar = {k: frozenset(v) for k, v in grammar.items()}


def _load_exceptions(lex: Lexicon) -> None:
    exact: set[str] = set()
    prefixes: list[str] = []
    for line in _lines("exceptions.txt"):
        w = fold(line)
        if w.endswith("*"):
            prefixes.append(w[:-1])
        else:
            exact.add(w)
    lex.exceptions = frozenset(exact)
    lex.exception_prefixes = tuple(sorted(prefixes))
    by_start: dict[str, list[str]] = {}
    for p in lex.exception_prefixes:
        by_start.setdefault(p[:2], []).append(p)
    lex.exception_prefix_index = {k: tuple(v) for k, v in by_start.items()}
    lex.not_variants = frozenset(fold(w) for w in _lines("not_variants.txt"))


@cache
def lexicon() -> Lexicon:
    """All word lists, built once per process."""
    lex = Lexicon()
    _load_grammar(lex)
    _load_exceptions(lex)
    listed = _load_entries(lex)
    fuzzy_sources: list[tuple[str, Entry]] = []
    for form, entry in listed:
        if " " in form:
            words = tuple(form.split())
            lex.multi.setdefault(words[0], []).append((words, entry))
            continue
        if entry.has("prefix"):
            lex.prefixes[form.rstrip("-")] = entry
            if form.endswith("-"):
                continue
        for f in _expand(form, entry):
            if f == form or f not in lex.not_variants:
                _add_form(lex, f, entry)
        if not entry.has("exact") and not entry.has("nofuzzy"):
            fuzzy_sources.append((form, entry))
            if entry.cls in NOUN_CLASSES and not entry.has("verb"):
                fuzzy_sources.append((form + ("n" if form.endswith("e") else "en"), entry))
                fuzzy_sources.append((form + "s", entry))
    _load_phrases(lex)
    for head in (
        "lijer",
        "lijers",
        "wijf",
        "wijven",
        "flikker",
        "flikkers",
        "mongool",
        "mongolen",
        "hoer",
        "hoeren",
        "neger",
        "negers",
        "nikker",
        "nikkers",
    ):
        entries = lex.forms.get(head)
        if entries:
            lex.heads[head] = entries[0]
    if "lijer" not in lex.heads:
        lex.heads["lijer"] = Entry("lijer", "insult", "", frozenset(), "insults.txt")
        lex.heads["lijers"] = lex.heads["lijer"]
    gram_words = set().union(*lex.grammar.values()) if lex.grammar else set()
    real = (
        set(lex.forms) | gram_words | lex.gram("function_words") | lex.exceptions | lex.not_variants
    )
    fuzzy: dict[str, str] = {}
    targets = [f for f, _e in fuzzy_sources if len(f) >= 4 and f.isalpha()]
    targets += sorted(w for w in lex.phrase_words if len(w) >= 4)  # never hash order
    for form in targets:
        n = len(form)
        for i in range(n):
            fuzzy.setdefault(form[:i] + form[i + 1 :], form)
        for i in range(n - 1):
            if form[i] != form[i + 1]:
                fuzzy.setdefault(form[:i] + form[i + 1] + form[i] + form[i + 2 :], form)
    for w in real:
        fuzzy.pop(w, None)
    # A word too short for the Dutch word list's look-up (``kop``, ``ten``, ``les``) is only
    # read as a misspelt listed word ("hat" for "haat"), never as a misspelt word of a frame:
    # those are ordinary words ("koop", "tien", "lens"), and a real word corrected into one
    # changes what the frames see (``kop`` read as ``koop`` silenced the threat frames on
    # ``kop``).
    lex.fuzzy = {
        k: v
        for k, v in fuzzy.items()
        if len(k) >= 3 and (len(k) >= DUTCH_MIN_LENGTH or v in lex.forms)
    }
    lex.known = frozenset(
        set(lex.forms) | lex.gram("function_words") | lex.phrase_words | gram_words
    )
    lex.not_nouns = (
        (lex.gram("function_words") - _NOUNS_IN_FUNCTION_WORDS)
        | lex.gram("copulas")
        | lex.gram("modals")
        | lex.gram("negators")
        | lex.gram("report_aux")
        | lex.gram("first_person")
        | lex.gram("second_person")
        | lex.gram("third_person")
        | lex.gram("comparison")
        | lex.gram("clause_breaks")
        | lex.gram("determiners")
        | lex.gram("nominal_followers")
    )
    lex.glued_np = _glued_np_pattern(lex)
    short: dict[str, str] = {}
    for form, entries in lex.forms.items():
        if len(form) == 3 and any(e.cls == "attr" and e.lemma == form for e in entries):
            for v in sorted(edits(form)):
                if len(v) >= 2 and v not in lex.known and v not in lex.not_variants:
                    short.setdefault(v, form)
    lex.short_fuzzy = short
    _index_forms(lex)
    return lex


def _index_forms(lex: Lexicon) -> None:
    """The tables :mod:`.words` reads to skip look-ups that cannot succeed."""
    lex.compound_starts = frozenset({*lex.prefixes, "rot", *(f for f in lex.forms if len(f) <= 8)})
    lex.head_ends = tuple(lex.heads)
    long_forms = [f for f in lex.forms if len(f) >= 5]
    lex.form_starts = frozenset(f[:4] for f in long_forms)
    lex.form_ends = frozenset(f[-4:] for f in long_forms)
    lex.glued_heads = tuple(sorted(lex.gram("pp_heads")))


_NOUNS_IN_FUNCTION_WORDS = frozenset({"mensen", "persoon", "types", "soort", "stel"})


#: Prepositions that tie a condition to a person ("iemand met een beperking").
PP_PREPOSITIONS = ("met", "van", "in", "zonder")


def _glued_np_pattern(lex: Lexicon) -> re.Pattern[str] | None:
    """A group phrase of conditions.txt written as one word or spelled out letter by letter.

    "i e m a n d m e t e e n b e p e r k i n g" -> "iemandmeteenbeperking": a person noun of
    ``[pp_heads]``, a preposition the condition allows, an optional article, up to two
    modifiers of ``[pp_modifiers]`` and the condition.
    """
    heads = lex.gram("pp_heads")
    mods = lex.gram("pp_modifiers")
    by_prep: dict[str, set[str]] = {}
    for form, entries in lex.forms.items():
        for e in entries:
            if e.cls == "cond" and not e.has("origin") and form.isalpha():
                for prep in PP_PREPOSITIONS:
                    if e.has(prep):
                        by_prep.setdefault(prep, set()).add(form)
    if not heads or not by_prep:
        return None

    def alt(words: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))

    mod = f"(?:{alt(mods)})" if mods else ""
    branches = [
        f"{prep}(?:een|de|het)?" + (f"{mod}?{mod}?" if mod else "") + f"(?:{alt(conds)})"
        for prep, conds in sorted(by_prep.items())
    ]
    return re.compile(f"(?:{alt(heads)})(?:{'|'.join(branches)})")


@lru_cache(maxsize=4096)
def group_entry(section: str, lemma: str, source: str = "identity.txt") -> Entry:
    """A group entry made from a phrase ("zwarte mensen", "iemand met een beperking")."""
    return Entry(lemma, "group", section, frozenset({"np"}), source)
