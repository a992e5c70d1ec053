"""Rebuild the derived name lists in this folder (run by hand, never at run time).

Sources (see SOURCE.txt):
- deduce 3.0.6 (``pip install --no-deps deduce==3.0.6``): first names, surnames,
  interfixes (tussenvoegsels), common and stop words, Dutch place names and streets.
- The two sentiment lexicons in ``shared/data`` (glender_dutch_sentiment, LUPJE; MIT) and
  deduce's frequent-word list: only used to mark which names are also frequent Dutch words
  (``word_names.txt``); no word of theirs is copied except such names.
- ``places_be.txt``, ``not_names.txt`` and ``word_names_extra.txt``: written by hand.

Usage: ``python src/krantentoets/data/names/make_lists.py``
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[4] / "shared" / "data"

# Suffixes that already mark a street name by pattern (see detect/addresses.py); streets
# without one of them are kept in streets.txt so that "Tuinen 21" or "Schrans 45A" is known.
STREET_SUFFIX = re.compile(
    r"(straat|weg|laan|plein|kade|gracht|singel|dijk|pad|hof|park|steeg|dreef|markt|"
    r"plantsoen|erf|wal|baan|allee|boulevard|dam|veld|akker|kamp|ring|oord|haven|brug|"
    r"kanaal|vaart|zijde|dyk|wei|weide|loane|leane|reed|tuin|lei|vest|poort|steenweg|"
    r"straatje|steegje|paadje|laantje|pleintje|dijkje|hofje)$",
    re.IGNORECASE,
)


def _lines(path: Path) -> list[str]:
    return [s.strip() for s in path.read_text(encoding="utf-8").splitlines() if s.strip()]


def _items(base: Path, rel: str) -> set[str]:
    folder = base / rel
    items = set(_lines(folder / "items.txt"))
    exc = folder / "exceptions.txt"
    if exc.exists():
        items -= set(_lines(exc))
    return items


def _write(name: str, header: str, items: set[str]) -> None:
    body = "\n".join(sorted(items, key=lambda s: (s.casefold(), s)))
    (HERE / name).write_text(header.rstrip() + "\n" + body + "\n", encoding="utf-8")
    print(f"{name}: {len(items)}")


def main() -> None:
    base = Path(str(resources.files("deduce") / "data" / "lookup" / "src"))
    interfix = _items(base, "names/lst_interfix")
    interfix_lower = {i.lower() for i in interfix}
    single_interfix = {w for i in interfix_lower for w in i.split()}

    first = {
        n
        for n in _items(base, "names/lst_first_name")
        if len(n) > 1 and n.lower() not in single_interfix and not n.isupper()
    }
    surnames = _items(base, "names/lst_surname") | _items(base, "names/lst_interfix_surname")
    surnames = {s for s in surnames if len(s) > 1 and s.lower() not in single_interfix}

    common = {w.lower() for w in _items(base, "whitelist/lst_common_word")}
    common |= {w.lower() for w in _items(base, "whitelist/lst_stop_word")}

    frequent = set(common)
    with (SHARED / "glender_dutch_sentiment" / "dutch_sentiment_dictionary.csv").open() as fh:
        frequent |= {line.split(",")[0].strip().lower() for line in fh}
    with (SHARED / "lupje_sentiment_lexicon" / "LUPJE.txt").open() as fh:
        frequent |= {line.split("\t")[0].strip().lower() for line in fh}
    word_names = {n for n in first | surnames if " " not in n and n.lower() in frequent}
    word_names |= {w for w in _lines(HERE / "word_names_extra.txt") if not w.startswith("#")}

    places: set[str] = set()
    for rel in (
        "locations/lst_placename/lst_residence",
        "locations/lst_placename/lst_municipality",
        "locations/lst_placename/lst_province",
        "locations/lst_placename/lst_region",
    ):
        places |= _items(base, rel)
    # deduce writes multi-word places in title case ("Aa En Hunze"); keep them as written
    # in text as well ("Aa en Hunze").
    places |= {
        re.sub(r"(?<= )(En|De|Het|Van|Aan|Op|In|Bij|Der|Den)(?= )", lambda m: m.group(1).lower(), p)
        for p in places
    }
    places |= {p for p in _lines(HERE / "places_be.txt") if not p.startswith("#")}

    streets = {
        s
        for s in _items(base, "locations/lst_street")
        if not STREET_SUFFIX.search(s) and not s.startswith(("'", '"')) and len(s) > 2
    }

    lgpl = (
        "# Derived from deduce 3.0.6 (LGPL-3.0-or-later); see SOURCE.txt and LICENSE-deduce.md.\n"
    )
    _write("first_names.txt", lgpl + "# Dutch first names, one per line.", first)
    _write("surnames.txt", lgpl + "# Dutch surnames without their tussenvoegsel.", surnames)
    _write("interfixes.txt", lgpl + "# Tussenvoegsels (lower case).", interfix_lower)
    _write("common_words.txt", lgpl + "# Frequent Dutch words and stop words (lower case).", common)
    _write(
        "word_names.txt",
        lgpl + "# Names from first_names.txt/surnames.txt that are also frequent Dutch words\n"
        "# (see SOURCE.txt) plus word_names_extra.txt; they count as names only with support.",
        word_names,
    )
    _write(
        "places.txt",
        lgpl + "# Dutch places, municipalities, provinces, regions; plus places_be.txt.",
        places,
    )
    _write(
        "streets.txt",
        lgpl + "# Dutch street names that do not end in a common street suffix (straat, weg, ...).",
        streets,
    )


if __name__ == "__main__":
    main()
