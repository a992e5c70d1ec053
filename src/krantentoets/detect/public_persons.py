"""Public or private: is a person named in a post named in a public role?

Naming a minister, an alderman, a party leader, a journalist or a credited
photographer is not a privacy problem; naming a resident, a patient or a suspect
is (issue 10). This module takes name spans from any tagger (the list-based
finder in :mod:`krantentoets.detect.names`, or a statistical one) and judges each
span on its context; it never finds names itself.

Evidence, strongest first:

- the name is the author's own, one of the organisation's own people (policy
  ``[organisation] people``) or in ``data/names/public_figures.txt``: public;
- a private-role word next to it (``data/people/private_roles.txt``: "buurtbewoner
  Pieter", "mijn buurman", "de verdachte"), an age in brackets ("Kim (28)") or the
  initial-and-full-stop of a suspect or victim ("Saleh A."): private;
- a function or title next to it (``data/people/public_roles.txt``: "Kamerlid X",
  "X, minister van ...", "foto: X"), a party in brackets or a party compound
  ("(VVD)", "D66-Kamerlid"), or a public handle right after it ("X @USER"): public;
- otherwise: unknown. The rule reports an unknown name as a note only: severity
  follows evidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

Kind = Literal["public", "private", "unknown"]

#: Words of context looked at on each side of a name.
WINDOW_WORDS = 3
#: A role word matches at the end of a compound only when at least this long.
COMPOUND_MIN = 5


@dataclass(frozen=True, slots=True)
class Judgement:
    kind: Kind
    reason: str


def _read(folder: str, name: str) -> frozenset[str]:
    ref = resources.files("krantentoets") / "data" / folder / name
    lines = ref.read_text(encoding="utf-8").splitlines()
    return frozenset(s.lower() for raw in lines if (s := raw.split("#", 1)[0].strip()))


@cache
def public_roles() -> frozenset[str]:
    return _read("people", "public_roles.txt")


@cache
def private_roles() -> frozenset[str]:
    return _read("people", "private_roles.txt")


@cache
def public_figures() -> frozenset[str]:
    return frozenset(norm(n) for n in _read("names", "public_figures.txt"))


@cache
def parties() -> frozenset[str]:
    return _read("people", "parties.txt")


def norm(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", text.lower()))


@lru_cache(maxsize=8)
def _compound_ends(roles: frozenset[str]) -> tuple[str, ...]:
    return tuple(r for r in roles if len(r) >= COMPOUND_MIN)


@lru_cache(maxsize=4096)
def _role_word(word: str, roles: frozenset[str]) -> bool:
    w = word.lower().strip("-'’")
    if w in roles:
        return True
    for part in re.split(r"[-–]", w):
        if part in roles:
            return True
    return w.endswith(_compound_ends(roles))


_WORD = re.compile(r"[\w'’-]+|[():,@]")
_AGE_AFTER = re.compile(r"^\s*\(\s*\d{1,3}\s*\)")
_INITIAL_END = re.compile(r"(?:^|\s)\w{2,}\s+[A-Z]\.$")
_HANDLE_AFTER = re.compile(r"^\s*(?:\(\s*)?@\w")


@lru_cache(maxsize=4096)
def _party_word(word: str) -> bool:
    """A party or a party compound: "VVD", "D66-Kamerlid", "PVV'er"."""
    low = word.lower()
    return low in parties() or low.startswith(_party_prefixes())


@cache
def _party_prefixes() -> tuple[str, ...]:
    return tuple(p + sep for p in parties() for sep in "-'")


@lru_cache(maxsize=64)
def _people(extra: tuple[str, ...]) -> frozenset[str]:
    return frozenset(norm(p) for p in extra if p.strip())


@lru_cache(maxsize=64)
def _listed(extra: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The listed public persons (the policy's and ``public_figures.txt``), normalised, and
    the last words of their names ("rutte") and their endings after the first word."""
    listed = _people(extra) | public_figures()
    tails = set()
    for p in listed:
        words = p.split()
        tails.add(words[-1])
        tails.update(" ".join(words[k:]) for k in range(1, len(words)))
    return listed, frozenset(tails)


def judge(
    text: str,
    start: int,
    end: int,
    *,
    own: Iterable[str] = (),
    people: tuple[str, ...] = (),
) -> Judgement:
    """Judge the name ``text[start:end]``: public, private or unknown, with the reason.

    ``own`` are the account's own names (author, display name); ``people`` the
    organisation's own office holders and officials (policy).
    """
    name = norm(text[start:end])
    if not name:
        return Judgement("unknown", "no name")
    for o in own:
        on = norm(o)
        if on and (name == on or name in on.split() or name in on):
            return Judgement("public", "the account's own name")
    listed, tails = _listed(people)
    if name in listed or name in tails:
        return Judgement("public", "a listed public person")
    before_text = text[max(0, start - 80) : start]
    after_text = text[end : end + 80]
    before = _WORD.findall(before_text)[-WINDOW_WORDS:]
    after = _WORD.findall(after_text)[:WINDOW_WORDS]
    # private evidence first: a role word of a private person wins over "collega"
    if _AGE_AFTER.match(after_text):
        return Judgement("private", "an age in brackets after the name")
    if _INITIAL_END.search(text[start:end]) or re.match(r"^\s[A-Z]\.(?!\w)", after_text):
        return Judgement("private", "first name and initial: how suspects and victims are named")
    for w in before[-2:]:
        if _role_word(w, private_roles()):
            return Judgement("private", f"private role {w!r} before the name")
    if after[:1] == [","] and len(after) > 1 and _role_word(after[1], private_roles()):
        return Judgement("private", f"private role {after[1]!r} after the name")
    # public evidence
    for w in before:
        if _role_word(w, public_roles()):
            return Judgement("public", f"function {w!r} before the name")
        if _party_word(w):
            return Judgement("public", f"party {w!r} before the name")
    if after[:1] in ([","], ["("]) and len(after) > 1:
        w = after[1]
        if _role_word(w, public_roles()):
            return Judgement("public", f"function {w!r} after the name")
        if w.lower() in parties():
            return Judgement("public", f"party {w!r} after the name")
    if _HANDLE_AFTER.match(after_text):
        return Judgement("public", "a public account handle after the name")
    return Judgement("unknown", "no role next to the name")
