"""One sentence: its predicates, their negation and targets, and the spans they make."""

from __future__ import annotations

from krantentoets.detect.offensive.doc import Doc, Pred, add_span, adjacent, emit_statement
from krantentoets.detect.offensive.linking import linked_target
from krantentoets.detect.offensive.negation import negate
from krantentoets.detect.offensive.phrases import match_phrases
from krantentoets.detect.offensive.slander import slander
from krantentoets.detect.offensive.standalone import emit_standalone_phrase, standalone_word
from krantentoets.detect.offensive.targets import pronoun_for_group, unknown_people
from krantentoets.detect.offensive.wordlists import PREDICATES, STANDALONE

#: Classes of a word that may make a span in its sentence.
_WORD_CLASSES = PREDICATES | STANDALONE


def judge_sentence(doc: Doc, idx: list[int]) -> None:
    lex = doc.lex
    toks = doc.toks
    g = lex.grammar
    preds = match_phrases(doc, idx)
    if not preds and not any(toks[k].classes & _WORD_CLASSES for k in idx):
        return  # no predicate and no standalone word: nothing below can make a span
    # 'ok' and 'counter' phrases exempt their words; 'null' ones use up their negations.
    used_neg: set[int] = set()
    endorsed = any(toks[k].canon in g.get("endorsement", ()) for k in idx)
    for p in preds:
        if p.cls == "ok" or (p.cls == "counter" and not endorsed):
            for k in range(p.i, p.j):
                toks[k].exempt = True
        if "neg" in p.flags:
            used_neg.update(range(p.i, p.j))
    covered: set[int] = set()
    for p in preds:
        if p.cls not in ("ok", "counter", "null", "link"):
            covered.update(range(p.i, p.j))
    preds = [p for p in preds if p.cls not in ("ok", "counter", "null") and _kind_ok(doc, p)]
    # word-level predicates and standalone words
    for k in idx:
        t = toks[k]
        if t.exempt:
            continue
        seen_cls: set[str] = set()
        for e in t.entries:
            if e.cls in seen_cls:
                continue
            seen_cls.add(e.cls)
            if e.cls in ("dehum", "attr", "emote", "violent", "pos", "crime") and k not in covered:
                preds.append(
                    Pred(
                        e.cls,
                        k,
                        k + 1,
                        weak=e.has("weak"),
                        flags=e.flags,
                        source=f"{e.source}: {e.lemma}",
                    )
                )
        if t.classes & STANDALONE:
            standalone_word(doc, idx, k)
    if not preds:
        return
    negate(doc, idx, preds, used_neg)
    first_person = g.get("first_person", frozenset())
    modals = g.get("modals", frozenset())
    sent_words = {toks[k].canon for k in idx}
    targets = [k for k in idx if toks[k].target and not toks[k].exempt]
    has_violence = any(toks[k].has("violent") for k in idx)
    for p in preds:
        pol = 1 if p.cls == "pos" else -1
        if p.neg % 2:
            pol = -pol
        if pol > 0 or p.cls == "link":
            continue
        if p.cls in ("curse", "insult"):
            emit_standalone_phrase(doc, p, idx)
            continue
        if p.cls == "crime":
            slander(doc, idx, p, targets)
            continue
        if "place" in p.flags:
            _place_threat(doc, idx, p, targets, sent_words)
            continue
        tg = [k for k in targets if toks[k].target in ("G", "P", "J", "H")]
        if not tg and p.cls in ("dehum", "excl", "threat", "violent") and not p.weak:
            tg = unknown_people(doc, idx, p)
        if p.cls == "pos" or "group" in p.flags:
            tg = [k for k in tg if toks[k].target == "G" or pronoun_for_group(doc, k)]
        if not tg:
            continue
        if _before_a_thing(doc, p, tg):
            continue
        clause = toks[p.i].clause
        if p.cls == "emote" and not p.source.startswith("phrase"):
            if not any(toks[k].canon in first_person for k in idx if toks[k].clause == clause):
                continue
            if any(toks[k].canon == "tegen" for k in range(max(idx[0], p.i - 3), p.i)):
                continue
            after = [toks[k].canon for k in idx if p.j <= k < p.j + 2]
            if after[:1] == ["het"] and after[1:2] in (["als"], ["wanneer"], ["hoe"]):
                continue  # "ik haat het als X worden uitgescholden": about what happens
        if "violence" in p.flags and not has_violence:
            continue
        if "near" in p.flags or (p.cls == "violent" and p.weak):
            if not any(p.i - 3 <= k < p.i for k in tg):
                continue
        elif p.weak or (
            p.cls == "pos" and "strong" not in p.flags and not p.source.startswith("phrase")
        ):
            linked = linked_target(doc, idx, p, tg)
            if linked is None:
                continue
            tg = [linked]
        if p.cls == "violent" and _is_report(doc, idx, p, modals, sent_words):
            continue
        if p.cls in ("violent", "threat") and (
            _against_author(doc, idx, p) or _reported_threat(doc, idx, p)
        ):
            continue
        kind = (
            "threat"
            if p.cls in ("violent", "threat")
            else (
                "hate"
                if any(toks[k].target == "G" or pronoun_for_group(doc, k) for k in tg)
                else "insult"
            )
        )
        emit_statement(doc, idx, p, tg, kind)


def _kind_ok(doc: Doc, p: Pred) -> bool:
    """A frame with flag ``kind`` ("X zijn geen mensen") denies that people are human: its
    last word for people must name human beings (grammar.txt ``[human_kinds]``) or a
    protected group, and bare "mensen zijn geen mensen meer" is about people in general."""
    if "kind" not in p.flags:
        return True
    toks = doc.toks
    people = [k for k in range(p.i, p.j) if toks[k].target in ("G", "P")]
    if not people:
        return True
    last = toks[people[-1]]
    if last.target == "G":
        return True
    if last.canon not in doc.lex.gram("human_kinds"):
        return False
    first = toks[people[0]]
    before = (
        toks[people[0] - 1].canon
        if people[0] > 0 and toks[people[0] - 1].sent == first.sent
        else None
    )
    generic = before is None or before not in doc.lex.gram("determiners")
    return not (people[0] != people[-1] and first.canon == last.canon and generic)


def _place_threat(doc: Doc, idx: list[int], p: Pred, targets: list[int], words: set[str]) -> None:
    """A threat to destroy a building or an institution ("het gemeentehuis mag de lucht in
    vliegen", "blaas dat stadhuis op"), or people, where it is wished or ordered."""
    toks = doc.toks
    lex = doc.lex
    clause = toks[p.i].clause
    in_clause = [k for k in idx if toks[k].clause == clause]
    wished = (
        bool(words & lex.gram("modals"))
        or p.i == idx[0]
        or any(toks[k].canon in lex.gram("first_person") for k in in_clause)
    )
    if not wished:
        return
    people = [k for k in targets if toks[k].clause == clause and toks[k].target in "GPJH"]
    if people:
        emit_statement(doc, idx, p, people, "threat")
        return
    places = lex.gram("buildings") | lex.gram("organisations")
    dets = lex.gram("determiners")
    for k in in_clause:
        if toks[k].canon not in places:
            continue
        inside = p.i <= k < p.j
        before = (
            k < p.i and p.i - k <= 6 and not any(toks[m].canon in dets for m in range(k + 1, p.i))
        )
        if inside or before:
            lo, hi = min(k, p.i), max(k, p.j - 1)
            trace = (p.source, f"about {toks[k].surface!r} (building or institution)")
            add_span(doc, toks[lo].start, toks[hi].end, "threat", "organisation", None, trace)
            return


def _is_report(doc: Doc, idx: list[int], p: Pred, modals: frozenset[str], words: set[str]) -> bool:
    """A verb of violence in a report of what happened ("een man is neergestoken")."""
    if words & modals:
        return False
    toks = doc.toks
    aux = doc.lex.gram("report_aux")
    first = doc.lex.gram("first_person")
    t = toks[p.i]
    participle = t.canon.startswith(("ge", "neerge", "doodge", "afge", "uitge", "opge")) or (
        t.canon.endswith(("d", "t")) and t.canon.startswith(("ver", "be", "ont"))
    )
    if any(toks[k].canon in aux for k in idx) and participle:
        return True
    # present tense with a third-person subject and no first person: a news report
    return (
        not any(toks[k].canon in first for k in idx)
        and not any(toks[k].target in ("J",) for k in idx)
        and idx[0] != p.i
    )


def _before_a_thing(doc: Doc, p: Pred, tg: list[int]) -> bool:
    """An inflected adjective right before a noun that names nobody ("de weerzinwekkende
    bureaucratie ... van slachtoffers"): it describes the thing, not the people further on."""
    toks = doc.toks
    if p.cls != "attr" or p.j != p.i + 1 or p.j >= len(toks) or p.j in tg:
        return False
    adj, nxt = toks[p.i], toks[p.j]
    if nxt.canon.endswith("e") and p.j + 1 in tg:
        return False  # another adjective before the people: "domme grote migranten"
    return (
        adj.canon.endswith("e")
        and nxt.sent == adj.sent
        and not nxt.entries
        and not nxt.target
        and nxt.canon not in doc.lex.not_nouns
        and adjacent(doc.text, adj, nxt)
    )


#: First-person objects: a threat against "me" is one the author received and reports.
_AUTHOR_OBJECTS = frozenset({"me", "mij"})
_AUTHOR_BODY = frozenset(
    {"hoofd", "kop", "keel", "nek", "strot", "lijf", "lichaam", "hart", "leven", "huis"}
    | {"gezin", "kinderen", "kind", "vrouw", "man", "familie", "auto", "gezicht", "rug"}
)


def _reported_threat(doc: Doc, idx: list[int], p: Pred) -> bool:
    """A threat someone else made, in what the writer heard or read ("we horen dat ze daar
    leren dat ongelovigen dood moeten") or after someone else's call or teaching ("ze roepen
    op om X dood te schieten"): the nearest such verb up to ten words before decides, and a
    call with the first person beside it ("ik zeg: ...", "ik roep op ...") is the writer's."""
    toks = doc.toks
    lex = doc.lex
    hearsay, calling = lex.gram("hearsay_verbs"), lex.gram("calling_verbs")
    # the writer or the reader beside a call: "ik zeg: ...", "wat zeg je ervan om ..."
    writer = lex.gram("first_person")
    first = writer | lex.gram("second_person")
    if any(toks[k].canon in lex.gram("endorsement") for k in idx):
        return False  # "wat is er mis met zeggen dat ..."
    for m in range(p.i - 1, max(idx[0], p.i - 10) - 1, -1):
        canon = toks[m].canon
        if (canon in hearsay or canon in calling) and any(
            toks[n].canon in writer for n in range(m + 2, p.i)
        ):
            return False  # the writer in the clause after it: "ik hoor dat ..., en ik ga ..."
        if canon in hearsay:  # what was heard or read: "horen dat" (not "erbij horen")
            return any(toks[n].canon == "dat" for n in range(m + 1, p.i))
        if canon in calling:
            near = range(max(idx[0], m - 2), min(idx[-1], m + 2) + 1)
            return m != idx[0] and not any(toks[n].canon in first for n in near)
    return False


def _against_author(doc: Doc, idx: list[int], p: Pred) -> bool:
    """The author is the victim ("moslims die me willen vermoorden", "ze dreigen mijn hoofd
    eraf te hakken"): the post reports a threat received, it does not make one."""
    toks = doc.toks
    window = [m for m in idx if p.i - 4 <= m < p.j]
    return any(
        toks[m].canon in _AUTHOR_OBJECTS
        and not (m + 1 < len(toks) and toks[m + 1].canon == "betreft")  # "wat mij betreft"
        for m in window
    ) or any(
        # "een kogel in mijn hoofd", "mijn keel doorsnijden": the author's own body or life
        toks[m].canon == "mijn" and m + 1 < len(toks) and toks[m + 1].canon in _AUTHOR_BODY
        for m in window
    )
