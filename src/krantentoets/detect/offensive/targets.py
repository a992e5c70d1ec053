"""Who a word may refer to: a protected group (G), people (P), you (J), a pronoun (H) or a
name (N).
"""

from __future__ import annotations

from krantentoets.detect.offensive.doc import LOOKBACK, MAX_SENTENCE, Doc, Pred, Tok, adjacent
from krantentoets.detect.offensive.wordlists import Entry, Lexicon

_LIFE = frozenset(
    {
        "leven",
        "levens",
        "lot",
        "keel",
        "kelen",
        "nek",
        "nekken",
        "kop",
        "hoofd",
        "strot",
        "lijf",
        "hart",
        "kanis",
        "harses",
        "bestaan",
        "schedel",
        "hersens",
        "hersenen",
        "smoel",
        "bek",
        "tanden",
    }
)


def mark_targets(doc: Doc) -> None:
    lex = doc.lex
    toks = doc.toks
    _surnames(doc)
    second = lex.gram("second_person")
    third = lex.gram("third_person")
    known = lex.known
    for k, t in enumerate(toks):
        if not t.entries:
            continue  # a word of no list names no one by itself
        g = t.entry("group")
        if g is not None and (not g.has("adj") or t.how == "compound"):
            t.target, t.group = "G", g.section
        elif g is not None:
            pass  # an identity adjective names a group only in a phrase (merge_group_phrases)
        elif t.entry("person") is not None and not t.target:
            t.target = "P"
        s = t.entry("slur")
        if s is not None and not t.target:
            plural = t.canon != s.lemma and t.canon.endswith(("en", "s"))
            if (
                (not s.has("ambiguous") and not s.has("animal"))
                or plural
                or person_context(doc, _sentence_idx(doc, k), k, s)
            ):
                if s.has("general"):
                    t.target = "P"  # "debielen": people, not necessarily disabled people
                else:
                    t.target, t.group = "G", s.section
    for k, t in enumerate(toks):
        if t.target:
            continue
        c = t.canon
        nxt = toks[k + 1] if k + 1 < len(toks) and toks[k + 1].sent == t.sent else None
        if c in second:
            if c in ("jouw", "uw"):
                if nxt is not None and nxt.canon in _LIFE:
                    t.target = "J"
                continue
            if c in ("je", "jullie") and nxt is not None and _is_noun_after(lex, nxt):
                if nxt.canon in _LIFE:
                    t.target = "J"
                continue
            t.target = "J"
        elif c == "zijn" and nxt is not None and nxt.canon in _LIFE:
            t.target = "H"
        elif c in third:
            if c in ("zijn", "haar", "hun") and nxt is not None and _is_noun_after(lex, nxt):
                if nxt.canon in _LIFE:
                    t.target = "H"
                continue
            if c in ("ze", "zij", "hen", "hun") and not _antecedent_is_person(doc, k):
                continue
            t.target = "H"
        elif (
            t.cap
            and not t.entries
            and c not in known
            and len(c) >= 2
            and t.how in ("word", "")
            and k > 0
            and toks[k - 1].sent == t.sent
            and not _after_handles_only(doc, k)
        ):
            t.target = "N"


#: Capitalised particles of Dutch surnames: "peiling De Hond", "minister De Wolf".
_SURNAME_PARTICLES = frozenset({"De", "Van", "Den", "Der", "Ter", "Ten", "Te", "Het", "'t"})


def _surnames(doc: Doc) -> None:
    """A capitalised word after a capitalised particle inside a sentence is a surname ("De
    Hond", "Van Dam"), not the word of a list: it names someone and says nothing of them."""
    toks = doc.toks
    for k in range(2, len(toks)):
        t, p, q = toks[k], toks[k - 1], toks[k - 2]
        if (
            t.entries
            and t.cap
            and p.surface in _SURNAME_PARTICLES
            and p.sent == t.sent == q.sent
            and adjacent(doc.text, p, t)
        ):
            t.entries = ()
            t.target = "N"


def _after_handles_only(doc: Doc, k: int) -> bool:
    """Only @handles stand before token ``k`` in its sentence ("@USER @USER Juist daarom
    ..."): the word opens the sentence and is capitalised for that reason."""
    toks = doc.toks
    m = k
    while m > 0 and toks[m - 1].sent == toks[k].sent and k - m < MAX_SENTENCE:
        m -= 1
        if doc.text[toks[m].start - 1 : toks[m].start] != "@":
            return False
    return True


def _sentence_idx(doc: Doc, k: int) -> list[int]:
    """Indexes of the tokens in the sentence of token ``k`` (sentences are contiguous)."""
    toks = doc.toks
    sent = toks[k].sent
    lo = k
    while lo > 0 and toks[lo - 1].sent == sent and k - lo < MAX_SENTENCE:
        lo -= 1
    hi = k
    while hi + 1 < len(toks) and toks[hi + 1].sent == sent and hi - k < MAX_SENTENCE:
        hi += 1
    return list(range(lo, hi + 1))


def _is_noun_after(lex: Lexicon, nxt: Tok) -> bool:
    """Whether ``je``/``haar``/... before ``nxt`` is a possessive (``je kapotte platen``)."""
    c = nxt.canon
    if nxt.entries or c in lex.phrase_words:
        return bool(nxt.entry("group") or nxt.entry("person")) or c in _LIFE
    if c in lex.known or len(c) <= 3 or c in _PARTICLES:
        return False
    return not c.endswith("t") or c.endswith("e")


_PARTICLES = frozenset({"neer", "terug", "kapot", "dood", "binnen", "buiten", "open", "dicht"})


def _antecedent_is_person(doc: Doc, k: int) -> bool:
    """Does ``ze``/``hen`` at ``k`` point back to people (default) or to things?"""
    lex = doc.lex
    dets = lex.gram("determiners") | {"twee", "drie", "vier", "wat", "paar", "die", "hun"}
    toks = doc.toks
    for m in range(k - 1, max(-1, k - LOOKBACK), -1):
        t = toks[m]
        if t.target in ("G", "P"):
            return True
        c = t.canon
        if t.entries or c in lex.known or len(c) < 4:
            continue
        prev = toks[m - 1].canon if m > 0 else ""
        if c.endswith(("en", "s")) and prev in dets:
            return False  # an unknown plural noun: things ("ik heb veel diëten geprobeerd")
    return True


_THINGS = frozenset(
    {
        "dingen",
        "spullen",
        "zaken",
        "producten",
        "gerechten",
        "films",
        "series",
        "boeken",
        "auto's",
        "autos",
        "treinen",
        "bussen",
        "huizen",
        "gebouwen",
        "regels",
        "plannen",
        "ideeen",
        "berichten",
        "mails",
        "e-mails",
        "kosten",
        "prijzen",
        "belastingen",
        "lantaarnpalen",
        "bomen",
        "planten",
        "straten",
        "wegen",
        "containers",
        "bakken",
        "afval",
        "resten",
        "restjes",
        "broodjes",
    }
)


def unknown_people(doc: Doc, idx: list[int], p: Pred) -> list[int]:
    """Guess that an unknown plural noun in subject position names people.

    Only for unmistakable statements (dehumanising nouns, exclusion, threats), so that a
    group missing from identity.txt is still caught: "Blurbianen zijn ongedierte".
    """
    lex = doc.lex
    dets = lex.gram("determiners") | {"jullie", "meeste"}
    toks = doc.toks
    for pos, k in enumerate(idx):
        t = toks[k]
        c = t.canon
        if k >= p.i or t.entries or c in lex.known or c in _THINGS or len(c) < 5:
            continue
        if not c.isalpha() or not c.endswith(("en", "s")) or c.startswith("ge"):
            continue
        if not _person_like_plural(doc, c):
            continue  # "de wachtlijsten de nek omdraaien": a thing, not people
        prev = toks[idx[pos - 1]].canon if pos else ""
        if pos == 0 or prev in dets:
            t.target = "P"
            return [k]
    return []


def _person_like_plural(doc: Doc, c: str) -> bool:
    """An unknown plural that ends like a plural of people ("Blurbianen", "wietkwekers")
    and whose head is no known thing ("wachtlijsten"); grammar.txt [person_plural_endings]
    and [thing_plurals]."""
    g = doc.lex.grammar
    if not c.endswith(tuple(g.get("person_plural_endings", ()))):
        return False
    return not any(
        c == h or (c.endswith(h) and len(c) - len(h) >= 3) for h in g.get("thing_plurals", ())
    )


def _literal_context(doc: Doc, idx: list[int], k: int) -> bool:
    """A sentence about an event, a workshop, a garden ... with no word for the reader or a
    person: an ambiguous term of abuse there is meant literally (grammar.txt
    [literal_context])."""
    toks = doc.toks
    words = doc.lex.gram("literal_context")
    exact = {w for w in words if not w.endswith("*")}
    stems = tuple(w[:-1] for w in words if w.endswith("*"))

    def literal(w: str) -> bool:
        return w in exact or (bool(stems) and w.startswith(stems))

    t = toks[k]
    if "-" in t.canon and any(literal(part) for part in t.canon.split("-")[1:]):
        return True
    sent = [toks[m] for m in idx[:MAX_SENTENCE]]
    if any(x.target in ("J", "H", "P", "G") for x in sent):
        return False
    cop = doc.lex.gram("copulas")
    before = sent[: sent.index(t)] if t in sent else sent
    if any(x.target == "N" for x in before) and any(x.canon in cop for x in before):
        return False  # "Jansen is een clown, op elk feest"
    return any(literal(x.canon) for x in sent if x is not t)


def pronoun_for_group(doc: Doc, k: int) -> bool:
    t = doc.toks[k]
    if t.target not in ("H", "J"):
        return False
    for prev in reversed(doc.toks[max(0, k - LOOKBACK) : k]):
        if prev.target == "G":
            return True
        if prev.target == "P":
            return False
    return False


def person_context(doc: Doc, idx: list[int], k: int, e: Entry) -> bool:
    """Is an ambiguous word (pot, eikel, pik) used for a person here?"""
    toks = doc.toks
    g = doc.lex.grammar
    ctx = g.get("person_context", frozenset())
    poss = g.get("possessives", frozenset())
    t = toks[k]
    if e.has("animal") and any(
        toks[m].canon in g.get("animal_context", frozenset()) for m in idx[:MAX_SENTENCE]
    ):
        return False
    if not e.has("ambiguous"):
        return True
    if _literal_context(doc, idx, k):
        return False  # "de clown op het kinderfeest was geweldig"
    pos = k - idx[0]
    before = [toks[m] for m in idx[max(0, pos - 3) : pos]]
    after = [toks[m] for m in idx[pos + 1 : pos + 3]]
    if before and before[-1].canon in poss and before[-1].canon not in ("je", "jullie"):
        return False
    if (
        before
        and before[-1].canon in ("je", "jouw")
        and not any(b.canon in ("ben", "bent", "is", "was") for b in before)
    ):
        return False
    if any(b.canon in ctx for b in before):
        return True
    if before and _insulting_modifier(before[-1]):
        return True  # "hersenloze schapen", "joodse ratten"
    wider = [toks[m].canon for m in idx[max(0, pos - 5) : pos]]
    if any(w in ("ben", "bent", "is", "was", "zijn", "blijft") for w in wider) and any(
        w in ("je", "jij", "jullie", "hij", "zij", "ze", "u") for w in wider
    ):
        return True
    words = [b.canon for b in before]
    if (
        len(words) >= 2
        and words[-1] in g.get("copula_quantifiers", frozenset())
        and words[-2] in g.get("copulas", frozenset())
    ):
        return True  # "dat zijn allemaal fascisten"
    if words[-2:] in (["wat", "een"], ["nog", "een"]):
        return True
    if any(
        w in ("typisch", "logisch", "gedraag", "gedraagt", "gedroeg", "gedragen")
        for w in (toks[m].canon for m in idx[max(0, pos - 5) : pos])
    ):
        return True
    if [a.canon for a in after[:2]] in (["zoals", "jij"], ["als", "jij"], ["zoals", "jullie"]):
        return True
    if after and after[0].canon in ("zoals",):
        return True
    lenient = (e.cls == "insult" and not e.has("animal")) or e.lemma in ("pik", "lul")
    if lenient:
        if pos == 0 and (
            not after or doc.text[t.end : t.end + 1] in (",", "!") or t.end == len(doc.text)
        ):
            return True
        if before and before[-1].canon in ("een", "geen", "zo'n", "die", "deze", "de", "soort"):
            return True
        if before and before[-1].canon.endswith(("e", "ste")) and len(before[-1].canon) > 3:
            return True
    # "een eikel te zijn", "geen eikel te zijn"
    return bool(
        before
        and before[-1].canon in ("een", "geen")
        and after
        and after[0].canon in ("te", "ben", "bent", "is", "was", "geweest", "word", "wordt")
    )


def _insulting_modifier(t: Tok) -> bool:
    """An adjective that makes the ambiguous noun after it name people: a derogatory one
    used attributively ("hersenloze schapen") or an identity adjective that is not a colour
    ("joodse ratten"; "zwarte ratten" are animals)."""
    for e in t.entries:
        if e.cls == "attr" and e.has("attrib") and t.canon.endswith("e"):
            return True
        if e.cls == "group" and e.has("adj") and not e.has("colour"):
            return True
    return False
