"""bench/names.py scores names by overlap and kind; its pattern types name the shapes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def test_score_counts_kinds_separately(repo_script: Callable[[str], Any]) -> None:
    b = repo_script("bench/names.py")
    text = "Ik sprak met Bakker-van Dijk en wethouder Piet Jansen."
    gold = [b.Name(13, 28, "private"), b.Name(42, 53, "public")]
    res = b.score([b.Doc("1", text, gold)])
    assert res["private"] == {"gold": 1, "predicted": 1, "recall": 1.0, "precision": 1.0}
    assert res["public"]["recall"] == 1.0
    wrong = b.score([b.Doc("2", text, [b.Name(13, 28, "public")])])
    assert wrong["private"]["precision"] == 0.0 and wrong["public"]["recall"] == 0.0


def test_pattern_types(repo_script: Callable[[str], Any]) -> None:
    b = repo_script("bench/names.py")
    text = "mevrouw Smit, J. de Vries, Bakker-Jansen, Anouk, Jan Smit"
    spans = {"Smit": (8, 12), "J. de Vries": (14, 25), "Bakker-Jansen": (27, 40)}
    types = {k: b.pattern(text, b.Name(s, e, "private")) for k, (s, e) in spans.items()}
    assert types == {
        "Smit": "title + name",
        "J. de Vries": "initials",
        "Bakker-Jansen": "hyphenated",
    }
    assert b.pattern(text, b.Name(42, 47, "private")) == "first name alone"
    assert b.pattern(text, b.Name(49, 57, "private")) == "first + surname"
