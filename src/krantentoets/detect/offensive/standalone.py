"""Words that are a finding by themselves: slurs, insults and obscene words."""

from __future__ import annotations

from krantentoets.detect.offensive.doc import Doc, Pred, Tok, add_span, adjacent, noun_after
from krantentoets.detect.offensive.targets import person_context
from krantentoets.detect.offensive.wordlists import Entry
from krantentoets.detect.offensive.words import is_exception


def standalone_word(doc: Doc, idx: list[int], k: int) -> None:
    t = doc.toks[k]
    for cls in ("slur", "insult", "obscene"):
        e = t.entry(cls)
        if e is None:
            continue
        compound = t.how == "compound"
        aimed = False
        if e.has("curse") and not compound:
            aimed = _curse_before_people(doc, idx, k)
            if not aimed:
                continue
        if (
            (e.has("ambiguous") or e.has("animal"))
            and not compound
            and not person_context(doc, idx, k, e)
        ):
            continue
        if not compound and _intensifier(doc, idx, k):
            continue  # "idioot druk op de braderie": a degree adverb, no insult
        if cls == "insult" and not compound and _said_of_a_thing(doc, idx, k, e):
            continue  # "idiote vergelijkingen", "deze maatregel is asociaal": criticism
        kind = {"slur": "hate", "insult": "insult", "obscene": "obscenity"}[cls]
        target = None
        group = None
        if cls == "slur":
            target, group = "group", e.section
            if e.has("general") and not _names_group(doc, idx, e.section):
                # "debiel": also a general term of abuse ("die fietsers zijn debiel")
                kind, target, group = "insult", "person", None
        if aimed:  # "tyfus ambtenaren": a swear word glued in front of people, spaced
            kind, target = "insult", "person"
        about = _group_said_of(doc, idx, k)
        if about is not None and cls != "obscene":
            # "joodse ratten", "moslims zijn idioten": abuse of a protected group is hate
            kind, target, group = "hate", "group", about
        heads = [h for h in t.entries if h is not e]
        if compound and any(h.cls == "group" for h in heads):
            kind, target = "hate", "group"
            group = next(h.section for h in heads if h.cls == "group")
        elif compound and any(h.cls in ("person", "insult", "slur") for h in heads):
            kind = "hate" if any(h.cls == "slur" for h in heads) else "insult"
            target = "person"
        how = f" ({t.how}: {t.note})" if t.note else ""
        # "alle zure zeurpieten": a mild jab at no one in particular is at most doubt; at a
        # named or addressed person ("die zeurpiet De Boer", "jij zeurpiet") it stays
        mild = (
            kind == "insult"
            and e.has("mild")
            and not heads
            and not any(doc.toks[m].target in ("N", "J", "H", "P") for m in idx if m != k)
        )
        add_span(
            doc,
            t.start,
            t.end,
            kind,
            target,
            group,
            (f"{cls} '{e.lemma}' from {e.source}{how}",),
            severity="warn" if mild else None,
        )
        return


_ADJ_ENDINGS = ("e", "aal", "ig", "isch", "ief")

#: Endings of a gradable adjective after an intensifying term of abuse ("bizar moeilijk").
_GRADABLE_ENDINGS = ("ig", "lijk", "isch", "baar", "loos", "zaam", "ige", "lijke", "ische")


def _intensifier(doc: Doc, idx: list[int], k: int) -> bool:
    """A term of abuse used as a degree adverb right before an adjective or adverb:
    "idioot druk", "belachelijk duur", "krankzinnig vroeg" (grammar.txt
    [intensifier_insults] and [gradable])."""
    t = doc.toks[k]
    if t.canon not in doc.lex.gram("intensifier_insults"):
        return False
    pos = idx.index(k) if k in idx else -1
    if pos < 0 or pos + 1 >= len(idx):
        return False
    n = doc.toks[idx[pos + 1]]
    if (
        not adjacent(doc.text, t, n)
        or n.target
        or any(x.cls in ("person", "group", "insult", "slur") for x in n.entries)
    ):
        return False
    c = n.canon
    return c in doc.lex.gram("gradable") or (len(c) > 4 and c.endswith(_GRADABLE_ENDINGS))


def _adjective_form(t: Tok, e: Entry) -> bool:
    """An insult used as an adjective: "asociaal", "idiote", "schofterige"."""
    c = t.canon
    return c != e.lemma and c.endswith(_ADJ_ENDINGS) and not c.endswith("je")  # "sukkeltje"


def _said_of_a_thing(doc: Doc, idx: list[int], k: int, e: Entry) -> bool:
    """A term of abuse used as an adjective of a thing or a policy, not of people:
    "idiote vergelijkingen", "asociale mondkapjes", "deze maatregel is asociaal"."""
    t = doc.toks[k]
    if not _adjective_form(t, e):
        return False
    n = noun_after(doc, idx, k)
    if n is not None:
        return not n.target and not n.has("person") and not n.has("group")
    clause = t.clause
    return not any(
        doc.toks[m].target in ("G", "P", "J", "H", "N") or doc.toks[m].canon in _PERSONAL
        for m in idx
        if doc.toks[m].clause == clause and m != k
    )


#: Personal pronouns: "dat was schofterig van mij" is said of a person.
_PERSONAL = frozenset(
    {"ik", "mij", "me", "jij", "je", "jou", "u", "hij", "hem", "zij", "ze", "haar", "wij", "we"}
    | {"ons", "jullie", "hen", "hun"}
)


def _curse_before_people(doc: Doc, idx: list[int], k: int) -> bool:
    """A disease swear word written before a word for people or the organisation, as a
    compound written apart ("tyfus ambtenaren", "kanker gemeente"), unless the compound is
    an ordinary word ("kanker onderzoekers", "kanker patiënten")."""
    toks = doc.toks
    pos = idx.index(k)
    if pos + 1 >= len(idx):
        return False
    t, n = toks[k], toks[idx[pos + 1]]
    if not adjacent(doc.text, t, n) or is_exception(doc.lex, t.canon + n.canon):
        return False
    g = doc.lex.grammar
    return bool(
        n.target in ("G", "P")
        or n.canon in g.get("organisations", frozenset())
        or n.canon in g.get("buildings", frozenset())
    )


def _names_group(doc: Doc, idx: list[int], section: str) -> bool:
    return any(doc.toks[m].target == "G" and doc.toks[m].group == section for m in idx)


def _group_said_of(doc: Doc, idx: list[int], k: int) -> str | None:
    """The protected group a term of abuse at ``k`` is aimed at: an identity adjective right
    before it ("joodse ratten") or a group linked by a copula ("moslims zijn idioten")."""
    toks = doc.toks
    pos = idx.index(k) if k in idx else -1
    if pos > 0:
        prev = toks[idx[pos - 1]]
        for e in prev.entries:
            if e.cls == "group" and e.has("adj") and not e.has("colour"):
                return e.section
    cop = doc.lex.gram("copulas")
    clause = toks[k].clause
    seen_cop = False
    for m in reversed(idx[:pos] if pos > 0 else []):
        t = toks[m]
        if t.clause != clause:
            break
        if t.canon in cop:
            seen_cop = True
        elif t.target == "G" and seen_cop:
            return t.group
    return None


def emit_standalone_phrase(doc: Doc, p: Pred, idx: list[int]) -> None:
    toks = doc.toks
    group = next((toks[k].group for k in idx if toks[k].target == "G"), None)
    you = any(toks[k].target in ("J", "H", "P") for k in idx)
    if any(toks[k].target == "G" for k in idx):
        kind, target = "hate", "group"
    elif p.cls == "insult" or you:
        kind, target = "insult", "person" if you else None
    else:
        kind, target = "obscenity", None
    add_span(doc, toks[p.i].start, toks[p.j - 1].end, kind, target, group, (p.source,))
