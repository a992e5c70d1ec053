"""Street + house number, and postcodes (Dutch ``1234 AB``, Belgian ``9000`` + place).

A street is recognised by its suffix (``Kerkstraat``, ``Julianalaan``, ``Kortrijksesteenweg``)
or, for streets without one (``Tuinen``, ``Schrans``, ``Dokkumer Ee``), by the street list
in ``data/names/streets.txt`` together with a hint that an address follows (``aan de``,
``op de``, ``woon``, a postcode after it). An address is not personal when the sentence says
it is a public place (``stadhuis``, ``bibliotheek``, ``milieustraat`` ...) and does not say
it is someone's home; the organisation's allowlisted addresses are never returned.

A postcode counts only with a plausible context: right after an address, followed by a
place name, or after the word ``postcode``. ``Postbus 1234, 8900 AE`` is an organisation's
postal address and is skipped.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from krantentoets.detect.personal_data import (
    KeywordRegex,
    PIISpan,
    Runs,
    address_key,
    anchored,
    digit_runs,
)

if TYPE_CHECKING:
    from krantentoets.detect.personal_data import Allowlist

STREET_SUFFIXES: tuple[str, ...] = (
    "straat", "straatje", "straatweg", "steenweg", "weg", "laan", "laantje", "plein",
    "pleintje", "kade", "gracht", "singel", "dijk", "dijkje", "pad", "paadje", "hof", "hofje",
    "park", "steeg", "steegje", "dreef", "markt", "plantsoen", "erf", "wal", "baan", "allee",
    "boulevard", "dam", "akker", "kamp", "ring", "oord", "haven", "vaart", "zijde", "dyk",
    "wei", "weide", "loane", "leane", "reed", "lei", "vest", "poort", "kerkhof", "hoeve",
    "straete", "strjitte", "wâl", "wei",
)  # fmt: skip
_SUFFIX_RE = re.compile(
    r"(?:" + "|".join(sorted(set(STREET_SUFFIXES), key=len, reverse=True)) + r")$"
)

# A house number, optionally with an addition (12A, 12 a, 12-B, 3-1, 15 bus 2, 7 bis, 12hs),
# not followed by a unit, a time or a decimal part.
_NUMBER = re.compile(
    r"(?<![\w.,:/\-])[1-9]\d{0,3}"
    r"(?:[ ]?[A-Za-z](?![\w'’])|-[A-Za-z0-9]{1,3}(?![\w'’])|[ ]?(?:bis|hs|huis)\b)?"
    r"(?:[ ]+bus[ ]+\d{1,4}\b)?"
    r"(?![\w%²³€]|[.,:]\d|\s?(?:%|km\b|m\b|m²|meter|euro|uur|u\b|jaar|kg|x\b|keer|minuten|"
    r"procent|woningen|bezoekers|inwoners|deelnemers|kilometer|cm\b|mm\b))"
)
_INTERFIX_IN_STREET = frozenset(
    {"de", "der", "den", "van", "het", "'t", "’t", "te", "ter", "ten", "op", "in", "aan", "la"}
)
_ADDRESS_HINT = re.compile(
    r"(?i)(?:\b(?:aan|op|in|naar|van|bij)\s+(?:de|het|'t)|\badres\b:?|\bwoon\w*|\bwoont|"
    r"\bwonen|\bthuis|\bbewoner\w*|\bhuisnummer|\bstraat\b|\baan|\bop|\bnaar)\s*$"
)
_VENUE_WORDS = (
    r"stadhuis", r"stadskantoor", r"gemeentehuis", r"raadhuis", r"bibliothe\w*", r"bieb", r"bib",
    r"milieustraat", r"containerpark", r"recyclepark", r"brandweer\w*", r"kazerne",
    r"politiebureau", r"school", r"buurthuis", r"wijkcentrum", r"dorpshuis", r"buurtcentrum",
    r"ontmoetingscentrum", r"museum", r"theater", r"zwembad", r"sporthal", r"sportpark", r"kerk",
    r"moskee", r"station", r"ziekenhuis", r"inloop\w*", r"spreekuur", r"locatie", r"inzamelpunt",
    r"supermarkt", r"winkel", r"loket", r"balie", r"vestiging", r"kantoor", r"scouts?",
    r"vereniging", r"club", r"clubhuis", r"kantine", r"stichting", r"praktijk", r"apotheek",
    r"gebouw", r"hal", r"zaal", r"informatieavond", r"bijeenkomst", r"open\s+van",
    r"openingstijden", r"gesloten", r"ophalen\s+bij", r"verhuist", r"verplaatst",
    r"adres\s+van\s+het",
)  # fmt: skip


def _literal_head(fragment: str) -> str:
    """The letters every match of a regex fragment starts with: ``scouts?`` -> ``scout``,
    ``open\\s+van`` -> ``open``, ``bibliothe\\w*`` -> ``bibliothe``."""
    head = re.match(r"[^\W\d_]*", fragment).group()  # type: ignore[union-attr]
    return head[:-1] if fragment[len(head) : len(head) + 1] in ("?", "*") else head


_VENUE = KeywordRegex(
    re.compile(r"(?i)\b(?:" + "|".join(_VENUE_WORDS) + r")\b"),
    [_literal_head(w) for w in _VENUE_WORDS],
)
_PERSONAL = re.compile(
    r"(?i)\b(?:ik|mijn|m'n|ons|onze|wij|we|thuis|woon\w*|buurman|buurvrouw|bewoner\w*|"
    r"huisadres|familie|fam\.?)\b"
)
_SENTENCE_START = re.compile(r"[.!?\n][^.!?\n]*$")

_NL_POSTCODE = re.compile(r"(?<![\w\-])[1-9]\d{3}[ \u00a0]?[A-Z]{2}(?![\w\-])")
_BE_POSTCODE = re.compile(r"(?<![\w\-.,])[1-9]\d{3}(?=[ \u00a0]+[A-Z])")
_POSTCODE_WORD = re.compile(r"(?i)postcode\w*\W{0,4}(?:\w+\W{1,3}){0,1}$")
_FOLLOWED_BY_POSTCODE = re.compile(
    r"[1-9]\d{0,3}(?:[ ]?[A-Za-z]\b|-\w{1,3})?[ \u00a0]*,?[ \u00a0]*[1-9]\d{3}[ \u00a0]?[A-Z]{2}\b"
)
_AFTER_ADDRESS_GAP = re.compile(r"[ ,\u00a0]*(?:in[ \u00a0]+)?")
_POSTBUS = re.compile(r"(?i)postbus\s*\d+\s*,?\s*$")
_PLACE_AFTER = re.compile(r"[ \u00a0]+([A-Z'][\w'’\-]+(?:[ \-](?:[A-Z][\w'’\-]+|aan|op|en|de))*)")


@cache
def _load(name: str) -> frozenset[str]:
    ref = resources.files("krantentoets.data") / "names" / name
    with ref.open(encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip() and not line.startswith("#"))


def streets() -> frozenset[str]:
    return _load("streets.txt")


def places() -> frozenset[str]:
    return _load("places.txt")


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


_NOT_STREETS = frozenset(
    {
        "postbus",
        "antwoordnummer",
        "bus",
        "groep",
        "kamer",
        "fase",
        "week",
        "route",
        "lijn",
        "zaal",
        "stand",
        "versie",
        "artikel",
        "hoofdstuk",
        "bijlage",
        "pagina",
        "nummer",
        "nr",
    }
)


def _words_before(text: str, pos: int, limit: int = 4) -> list[tuple[int, str]]:
    """Up to ``limit`` words (runs of non-space, within 80 characters) that end just before
    ``pos``, each followed by one space; nearest first."""
    lo = max(0, pos - 80)
    words: list[tuple[int, str]] = []
    sep = pos - 1  # the space after the word
    while sep > lo and text[sep] in " \u00a0" and not text[sep - 1].isspace():
        word = text[lo:sep].rsplit(None, 1)[-1]
        start = sep - len(word)
        words.append((start, word))
        if len(words) == limit:
            break
        sep = start - 1
    return words


_STREET_TITLES = frozenset(
    {
        "Burgemeester",
        "Burg.",
        "Dr.",
        "Dokter",
        "Professor",
        "Prof.",
        "Generaal",
        "Gen.",
        "Admiraal",
        "Kapitein",
        "Koning",
        "Koningin",
        "Prins",
        "Prinses",
        "Graaf",
        "Gravin",
        "Hertog",
        "Sint",
        "St.",
        "Pastoor",
        "Pater",
        "Dominee",
        "Ds.",
        "Mr.",
        "Ir.",
        "Jhr.",
        "Jonkheer",
        "Baron",
        "Van",
        "De",
    }
)


def _street_name_head(word: str) -> bool:
    from krantentoets.detect.names import lists

    return word in _STREET_TITLES or word in lists().first


def _street_before(text: str, pos: int) -> tuple[int, str] | None:
    """``(start, how)`` of a street name that ends just before ``pos`` (a house number)."""
    words = _words_before(text, pos)
    if not words:
        return None
    last = words[0][1]
    if not last[:1].isupper() or len(last) < 2 or not last[-1].isalpha():
        return None
    if last.lower() in _NOT_STREETS:
        return None
    name: list[tuple[int, str]] = [words[0]]
    pending: list[tuple[int, str]] = []
    for w_start, word in words[1:]:
        if word[:1].isupper() and (word[-1].isalpha() or word.endswith(".")):
            # Across an interfix only from a first name or title ("Johan de Wittlaan",
            # "Burgemeester van Roijensingel"), not from any word ("Dijkstra van de ...laan").
            if pending and not _street_name_head(word):
                break
            name = [(w_start, word), *pending, *name]
            pending = []
        elif word.lower() in _INTERFIX_IN_STREET:
            pending.insert(0, (w_start, word))
        else:
            break
    if _SUFFIX_RE.search(last.lower()):
        return name[0][0], "street suffix"
    for k in range(len(name)):
        candidate = text[name[k][0] : pos - 1]
        if candidate in streets():
            return name[k][0], "street list"
    if _FOLLOWED_BY_POSTCODE.match(text, pos):
        return name[0][0], "capitalised words + number + postcode"
    return None


def _word_before_is_capitalised(text: str, space: int) -> bool:
    k = space - 1
    while k > 0 and not text[k - 1].isspace() and space - k < 40:
        k -= 1
    return text[k].isupper()


def find_addresses(text: str, allow: Allowlist, runs: Runs | None = None) -> list[PIISpan]:
    runs = digit_runs(text) if runs is None else runs
    # A house number follows "Word " (a letter, then one space).
    starts = [
        s
        for s, e in runs
        if e - s <= 4
        and s > 2
        and text[s - 1] in " \u00a0"
        and text[s - 2].isalpha()
        and _word_before_is_capitalised(text, s - 1)  # "Kerkstraat 12", not "om 12"
    ]
    spans: list[PIISpan] = []
    for m in anchored(_NUMBER, text, starts):
        found = _street_before(text, m.start())
        if found is None:
            continue
        start, how = found
        before = text[max(0, start - 30) : start]
        if how == "street list":
            after = text[m.end() : m.end() + 12]
            has_postcode = _NL_POSTCODE.match(after.lstrip(" ,")) is not None or bool(
                re.match(r"\s*,?\s*[1-9]\d{3}\b", after)
            )
            if not (_ADDRESS_HINT.search(before) or has_postcode):
                continue
        address = text[start : m.end()]
        if is_public_place_address(text, start):
            continue
        if allow.addresses and allow.allows_address(address_key(address)):
            continue
        spans.append(PIISpan(start, m.end(), address, "address", ("street + house number", how)))
    return spans


@cache
def _person_tie() -> re.Pattern[str]:
    """Words right before a street that tie the address to a person (data file)."""
    ref = resources.files("krantentoets.data") / "names" / "address_person_ties.txt"
    with ref.open(encoding="utf-8") as fh:
        parts = [ln.strip() for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return re.compile(r"(?:" + "|".join(f"(?:{p})" for p in parts) + r")\s*$")


def tied_to_person(text: str, start: int) -> bool:
    """The words just before the street at ``start`` tie it to a person ("mevrouw X uit de
    Tulpstraat 14", "woont aan de ...", "Fatima van de ..."), unless a public building is
    what the address belongs to ("de bibliotheek van de Markt 1")."""
    window = text[max(0, start - 40) : start]
    m = _person_tie().search(window)
    if m is None:
        return False
    # The tie and the two words before it must not name the place itself ("de bibliotheek
    # verhuist uit de Markt 1", "het Museum van de Markt 1").
    before = " ".join(window[: m.start()].split()[-2:])
    return not _VENUE.search(f"{before} {m.group()}")


def is_public_place_address(text: str, start: int) -> bool:
    """The street + number at ``start`` is a public place's address, not a home address: the
    sentence names a public place, says nothing about someone's home, and the address is not
    tied to a person right before it. The check (PD03/PD04) and redaction both use this."""
    sentence = _sentence_before(text, start)
    if not _VENUE.search(sentence) or _PERSONAL.search(sentence):
        return False
    return not tied_to_person(text, start)


def _sentence_before(text: str, start: int) -> str:
    window = text[max(0, start - 160) : start]
    m = _SENTENCE_START.search(window)
    return window[m.start() + 1 :] if m else window


def leading_street_and_number(text: str) -> str | None:
    """The ``street number`` at the start of an allowlist entry ("Stadhuisplein 1, 8911 ...")."""
    m = re.match(
        r"\s*(.+?[ \u00a0][1-9]\d{0,3}(?:[ ]?[A-Za-z](?!\w)|-\w{1,3})?)(?:\s*,|\s|$)", text
    )
    return m.group(1) if m else None


def find_postcodes(text: str, addresses: list[PIISpan], runs: Runs | None = None) -> list[PIISpan]:
    runs = digit_runs(text) if runs is None else runs
    starts = [s for s, e in runs if e - s == 4]
    if not starts:
        return []
    spans: list[PIISpan] = []
    ends = [a.end for a in addresses]
    for pattern, country in ((_NL_POSTCODE, "NL"), (_BE_POSTCODE, "BE")):
        for m in anchored(pattern, text, starts):
            code = m.group()
            if country == "NL" and code[-2:] in ("SA", "SD", "SS"):
                continue
            before = text[max(0, m.start() - 30) : m.start()]
            if _POSTBUS.search(before):
                continue
            # A public place's postcode ("Het stadhuis (Hofplein 38, 8911 HJ)") is not personal.
            if is_public_place_address(text, m.start()) and not any(
                0 <= m.start() - e <= 8 and tied_to_person(text, _address_start(addresses, e))
                for e in ends
            ):
                continue
            after_address = any(
                0 <= m.start() - e <= 8 and _AFTER_ADDRESS_GAP.fullmatch(text[e : m.start()])
                for e in ends
            )
            place = _PLACE_AFTER.match(text, m.end())
            place_name = _place_in(place.group(1)) if place else None
            word = _POSTCODE_WORD.search(before) is not None
            if country == "BE":
                if not place_name or not (after_address or word):
                    continue
            elif not (after_address or place_name or word):
                continue
            trace = [f"{country} postcode"]
            trace.append(
                "after an address"
                if after_address
                else f"before the place {place_name}"
                if place_name
                else "after the word postcode"
            )
            spans.append(PIISpan(m.start(), m.end(), code, "postcode", tuple(trace)))
    return spans


def _address_start(addresses: list[PIISpan], end: int) -> int:
    return next(a.start for a in addresses if a.end == end)


def _place_in(words: str) -> str | None:
    """The longest leading part of ``words`` that is a known place."""
    parts = words.split(" ")
    for k in range(len(parts), 0, -1):
        candidate = " ".join(parts[:k]).rstrip(".,")
        if candidate in places():
            return candidate
    return None
