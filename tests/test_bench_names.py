"""bench/names.py scores names by overlap and kind; its pattern types name the shapes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def test_score_counts_kinds_separately(repo_script: Callable[[str], Any]) -> None:
    b = repo_script("bench/names.py")
    text = "Ik sprak met buurman Bakker-van Dijk en wethouder Piet Jansen."
    a, c = text.index("Bakker"), text.index("Piet")
    gold = [b.Name(a, a + 15, "private"), b.Name(c, c + 11, "public")]
    res = b.score([b.Doc("1", text, gold)])
    assert res["private"] == {
        "gold": 1,
        "predicted": 1,
        "recall": 1.0,
        "precision": 1.0,
        "recall_with_unknown": 1.0,
    }
    assert res["public"]["recall"] == 1.0
    wrong = b.score([b.Doc("2", text, [b.Name(a, a + 15, "public")])])
    assert wrong["private"]["precision"] == 0.0 and wrong["public"]["recall"] == 0.0


def test_names_without_evidence_are_counted_apart(repo_script: Callable[[str], Any]) -> None:
    """A name with no evidence either way is ``unknown``: not a private prediction, but
    counted as noted and redacted for the gold private names."""
    b = repo_script("bench/names.py")
    text = "Ik sprak met Bakker-van Dijk over de brug."
    a = text.index("Bakker")
    res = b.score([b.Doc("1", text, [b.Name(a, a + 15, "private")])])
    assert res["private"]["predicted"] == 0 and res["private"]["recall"] == 0.0
    assert res["private"]["recall_with_unknown"] == 1.0
    assert res["unknown"] == {
        "predicted": 1,
        "on_gold_private": 1,
        "on_gold_public": 0,
        "on_no_name": 0,
    }


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


def test_labels2_reads_label_files_in_the_folder_and_its_subfolders(
    repo_script: Callable[[str], Any], tmp_path: Any
) -> None:
    b = repo_script("bench/names.py")
    (tmp_path / "D").mkdir()
    (tmp_path / "D" / "work").mkdir()
    for path in ("labels_X.jsonl", "D/labels_D.jsonl", "D/posts.jsonl", "D/work/labels_old.jsonl"):
        (tmp_path / path).write_text("", encoding="utf-8")
    got = [p for p in b._label_files(tmp_path) if p.is_relative_to(tmp_path)]
    assert [p.relative_to(tmp_path).as_posix() for p in got] == [
        "labels_X.jsonl",
        "D/labels_D.jsonl",
    ]  # not posts.jsonl, not two levels down
