"""The word lists of the offensive-language check: moved to :mod:`krantentoets.detect.offensive`.

Kept so that existing imports go on working: the loader is
:mod:`krantentoets.detect.offensive.wordlists`, the analysis of one word
:mod:`krantentoets.detect.offensive.words`.
"""

from krantentoets.detect.offensive.wordlists import (
    ADJ_CLASSES,
    FILES,
    NOUN_CLASSES,
    PP_PREPOSITIONS,
    PREDICATES,
    STANDALONE,
    TARGETS,
    Entry,
    Lexicon,
    Part,
    Phrase,
    compile_pattern,
    fold,
    group_entry,
    lexicon,
)
from krantentoets.detect.offensive.words import (
    NOT_PERSONS,
    PERSON_SUFFIXES,
    analyse,
    glued_group,
    is_exception,
)

__all__ = [
    "ADJ_CLASSES",
    "FILES",
    "NOT_PERSONS",
    "NOUN_CLASSES",
    "PERSON_SUFFIXES",
    "PP_PREPOSITIONS",
    "PREDICATES",
    "STANDALONE",
    "TARGETS",
    "Entry",
    "Lexicon",
    "Part",
    "Phrase",
    "analyse",
    "compile_pattern",
    "fold",
    "glued_group",
    "group_entry",
    "is_exception",
    "lexicon",
]
