"""Results must not depend on PYTHONHASHSEED (issue 10: ``heikel`` became ``eikel`` for
some seeds). The check runs in fresh interpreters with different hash seeds over posts
that exercise spelling correction, compounds, run-together words and every rule family;
the JSON reports must be identical."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

POSTS = [
    "Dit is een heikel punt voor de coalitie.",
    "Wat een eikel is die wethouder.",
    "Ik h44t moslims en die klootzakk van hiernaast.",
    "Die moslma's moeten weg, ikhaat ze allemaal.",
    "Wij worden voor de gek gehouden door dit kabinet.",
    "Het mes zetten in de subsidies is dom beleid.",
    "Stelletje sukkels en lafaards in de Kamer!",
    "Het geheim van de smid: goed gereedschap.",
    "Bel me op 06-12345678 of mail j.devries@gmail.com.",
    "Gisteren sprak ik met buurtbewoner Pieter de Vries over de brand in de wijk Heechterp.",
    "De wethouder zou hebben gezegd dat het zwembad dichtgaat. Naar verluidt is er ruzie.",
    "Uitvreters en ongedierte, dat zijn het. Tuig dat ons land uit moet.",
    "Stem 15 maart op onze partij! #StemVoorVerandering",
    "Kutgemeente met je tyfusambtenaren, ik maak jullie af.",
]


def _run(tmp: Path, seed: str) -> str:
    src = tmp / "posts.jsonl"
    src.write_text(
        "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(POSTS)),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    code = "import sys; from krantentoets.cli import main; sys.exit(main())"
    out = []
    for profile in ("medewerkers", "mandatarissen"):
        proc = subprocess.run(
            [sys.executable, "-c", code, "check", "--input", str(src), "--format", "jsonl",
             "--profile", profile, "--platform", "x"],
            capture_output=True, text=True, env=env, timeout=300, check=False,
        )  # fmt: skip
        assert proc.returncode in (0, 1), proc.stderr
        out.append(proc.stdout)
    return "".join(out)


def test_results_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    runs = {seed: _run(tmp_path, seed) for seed in ("0", "1", "7", "4242")}
    first = runs["0"]
    assert first.count("\n") == 2 * len(POSTS)
    for seed, out in runs.items():
        assert out == first, f"PYTHONHASHSEED={seed} gives other findings"
    # and the real word is never read as the insult it resembles
    heikel = json.loads(first.splitlines()[0])
    assert not [f for f in heikel["findings"] if f["category"] == "offensive"]
