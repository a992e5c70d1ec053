"""The CLI contract of `krantentoets check`, `rules` and `init` (scripts depend on it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from krantentoets.cli import cli

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent

MOMENT_1 = "Hoi Anja, het grofvuil komt donderdag. Vragen? Bel me gerust op 06-12345678."
FIXED_1 = "Hoi Anja, het grofvuil komt donderdag. Vragen? Bel 14 058."
LEEUWARDEN = str(TESTS / "data" / "leeuwarden.toml")


def run(*args: str, stdin: bytes | str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin)


def test_moment_1_number_blocks_and_fix_passes() -> None:
    bad = run("check", "--policy", LEEUWARDEN, "--platform", "facebook", MOMENT_1)
    assert bad.exit_code == 1
    assert "Niet plaatsen" in bad.output and "»06-12345678«" in bad.output
    assert "MW-4" in bad.output
    good = run("check", "--policy", LEEUWARDEN, "--platform", "facebook", FIXED_1)
    assert good.exit_code == 0, good.output
    assert "Plaatsen" in good.output


def test_json_and_jsonl_formats() -> None:
    out = run("check", "--format", "json", MOMENT_1)
    data = json.loads(out.output)
    assert data["verdict"] == "do-not-post"
    finding = next(f for f in data["findings"] if f["category"] == "personal-data")
    assert MOMENT_1[finding["start"] : finding["end"]] == finding["text"] == "06-12345678"
    assert finding["guidelines"] == ["MW-4"]
    out = run("check", "--format", "jsonl", "--profile", "mandatarissen", MOMENT_1)
    line = json.loads(out.output.strip())
    assert set(line) >= {"id", "verdict", "findings"}
    assert line["findings"][0]["guidelines"] == ["MA-6"]


def test_stdin_and_non_utf8() -> None:
    ok = run("check", "-", stdin=FIXED_1.encode())
    assert ok.exit_code == 0
    bad = run("check", "-", stdin=b"goed\nfout \xff hier")
    assert bad.exit_code == 2
    assert "regel 2, kolom 6" in bad.output


def test_batch_goes_on_after_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "posts.jsonl"
    f.write_bytes(
        b'{"id": "a", "text": "Het zwembad is open."}\n'
        b"geen json\n"
        b'{"id": "b", "text": ""}\n'
        b'{"id": "c", "text": "hoi", "platform": "myspace"}\n'
        b'{"id": "d", "text": "hoi", "colour": "red"}\n'
        b"\xff\n"
        b'["list"]\n'
        b'{"id": "e", "text": "Bel me op 06-12345678", "platform": "x"}\n'
    )
    out = run("check", "--input", str(f), "--format", "jsonl")
    lines = [json.loads(line) for line in out.output.splitlines()]
    assert [line.get("id") for line in lines] == ["a", None, None, None, None, None, None, "e"]
    errors = {line["line"]: line["error"] for line in lines if "error" in line}
    assert set(errors) == {2, 3, 4, 5, 6, 7}
    assert "leeg" in errors[3] and "myspace" in errors[4] and "colour" in errors[5]
    assert "UTF-8" in errors[6]
    assert lines[-1]["verdict"] == "do-not-post"
    assert out.exit_code == 2  # some lines could not be checked


def test_input_defaults_from_options(tmp_path: Path) -> None:
    f = tmp_path / "posts.jsonl"
    long = "woord " * 60
    f.write_text(
        json.dumps({"id": "1", "text": long})
        + "\n"
        + json.dumps({"id": "2", "text": long, "platform": "linkedin"})
        + "\n",
        encoding="utf-8",
    )
    out = run("check", "--input", str(f), "--platform", "x", "--format", "jsonl")
    verdicts = [json.loads(line)["verdict"] for line in out.output.splitlines()]
    assert verdicts == ["doubt", "post"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--platform", "myspace", "hoi"], "x, bluesky"),
        (["check", "--account", "prive", "hoi"], "organisation, in-function"),
        (["check", "--profile", "raad", "hoi"], "medewerkers, mandatarissen"),
        (["check", ""], "leeg"),
        (["check", "x" * 50_001], "50.000"),
        (["check", "--policy", "/nonexistent/beleid.toml", "hoi"], "niet gevonden"),
        (["check", "--image", "/nonexistent.png", "hoi"], "niet gevonden"),
        (["check"], "geef een tekst"),
        (["check", "--input", "/nonexistent.jsonl"], "niet gevonden"),
        (["check", "hoi", "--input", "x.jsonl"], "niet allebei"),
    ],
)
def test_bad_input_is_one_clear_line(args: list[str], message: str) -> None:
    out = run(*args)
    assert out.exit_code == 2
    assert message in out.output
    assert "Traceback" not in out.output


def test_rules_listing_and_markdown() -> None:
    out = run("rules")
    assert out.exit_code == 0
    assert "PD01" in out.output and "LE01" in out.output
    rows = json.loads(run("rules", "--format", "json", "--profile", "mandatarissen").output)
    assert {r["id"] for r in rows} >= {"PD01", "OF01", "LE01"}
    assert all(all(g.startswith("MA-") for g in r["guidelines"]) for r in rows)
    md = run("rules", "--format", "markdown").output
    assert md == (REPO / "docs" / "rules.md").read_text(encoding="utf-8")


def test_init_writes_a_valid_policy_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "krantentoets.toml"
    out = run("init", str(target), "--name", "Gemeente Leeuwarden", "--profile", "mandatarissen")
    assert out.exit_code == 0 and target.exists()
    again = run("init", str(target))
    assert again.exit_code == 2 and "--force" in again.output
    check = run("check", "--policy", str(target), "Het zwembad is open.")
    assert check.exit_code == 0


def test_real_entry_point_exit_codes() -> None:
    """The installed console script, as a shell or cron job would call it."""
    exe = Path(sys.executable).parent / "krantentoets"
    if not exe.exists():
        pytest.skip("console script not installed in this environment")
    ok = subprocess.run([exe, "check", FIXED_1], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([exe, "check", MOMENT_1], capture_output=True, text=True)
    assert bad.returncode == 1
    err = subprocess.run([exe, "check", "--platform", "nope", "x"], capture_output=True, text=True)
    assert err.returncode == 2 and err.stderr.startswith("krantentoets: fout:")


def test_no_library_warnings_in_a_users_report() -> None:
    """twitter-text imports the deprecated pkg_resources; its warning must not reach users."""
    code = (
        "from krantentoets.cli import main; "
        "main(['check', '--platform', 'x', 'Kijk op www.leeuwarden.nl 😀'])"
    )
    proc = subprocess.run(
        [sys.executable, "-W", "default", "-c", code], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
