"""``krantentoets triage``: TEXT, -, --input JSONL, formats, errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from krantentoets.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, cli


def run(*args: str, stdin: bytes | str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["triage", *args], input=stdin)


def test_text_format_is_dutch_and_exit_code_follows_signal() -> None:
    result = run("waarom doet de gemeente nooit iets aan de gaten in de weg??")
    assert result.exit_code == EXIT_FINDINGS
    assert result.output.startswith("Kritiek — niet reageren (signaleren aan Communicatie)")
    assert "MW-3" in result.output
    question = run("weet iemand wanneer het grofvuil wordt opgehaald")
    assert question.exit_code == EXIT_OK
    assert question.output.startswith("Vraag — beantwoorden")


def test_json_and_stdin() -> None:
    result = run("-", "--format", "json", stdin=b"Het zwembad gaat volgend jaar dicht")
    assert result.exit_code == EXIT_FINDINGS
    data = json.loads(result.output)
    assert set(data) == {"id", "label", "signal", "advice", "reasons", "sentiment"}
    assert (data["label"], data["advice"], data["signal"]) == ("claim", "communications", True)


def test_jsonl_batch_continues_after_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "Complimenten aan de groendienst, het park ligt er prachtig bij!"}\n'
        b"dit is geen json\n"
        b'{"id": 7, "text": "Kan ik mijn paspoort ook op zaterdag ophalen?", "author": "x"}\n'
        b'{"id": "leeg", "text": "  "}\n'
        b'{"id": "c", "text": "caf\xe9"}\n'
        b"\n"
        b'["geen", "object"]\n'
    )
    result = run("--input", str(path), "--format", "jsonl")
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert lines[0]["id"] == "a" and lines[0]["label"] == "compliment"
    assert lines[0]["advice"] == "forward"
    assert lines[1] == {"line": 2, "error": lines[1]["error"]}
    assert lines[2]["id"] == "7" and lines[2]["label"] == "question"
    assert lines[3]["line"] == 4 and "leeg" in lines[3]["error"]
    assert lines[4]["line"] == 5 and "UTF-8" in lines[4]["error"]
    assert lines[5]["line"] == 7
    assert len(lines) == 6
    assert result.exit_code == EXIT_ERROR


def test_text_batch_summary_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    rows = [
        {"id": "q1", "text": "Tot hoe laat is de milieustraat open?"},
        {"id": "o1", "text": "@kim haha dit is jouw oude straat"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = run("--input", str(path))
    assert result.exit_code == EXIT_OK
    assert "q1: Vraag — beantwoorden" in result.stdout
    assert "2 bericht(en) beoordeeld" in result.stderr


def test_profile_policy_and_usage_errors(tmp_path: Path) -> None:
    ma = run("Het zwembad gaat volgend jaar dicht", "--profile", "mandatarissen")
    assert "MA-9" in ma.output
    bad_profile = run("tekst", "--profile", "burgemeesters")
    assert bad_profile.exit_code == EXIT_ERROR
    assert "onbekend profiel" in bad_profile.output
    policy = tmp_path / "beleid.toml"
    policy.write_text('[organisatie]\nnaam = "x"\n', encoding="utf-8")
    bad_policy = run("tekst", "--policy", str(policy))
    assert bad_policy.exit_code == EXIT_ERROR
    assert "onbekende sleutel" in bad_policy.output
    assert run().exit_code == EXIT_ERROR
    both = run("tekst", "--input", str(policy))
    assert both.exit_code == EXIT_ERROR and "niet allebei" in both.output
    assert run("   ").exit_code == EXIT_ERROR
    missing = run("--input", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == EXIT_ERROR and "niet gevonden" in missing.output
    assert "Traceback" not in missing.output


def test_invalid_utf8_on_stdin() -> None:
    result = run("-", stdin=b"caf\xe9 is dicht")
    assert result.exit_code == EXIT_ERROR
    assert "geen geldige UTF-8" in result.output


def test_json_batch_is_one_array(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "x", "text": "Het zwembad gaat volgend jaar dicht"}\n{"text": 5}\n', "utf-8"
    )
    result = run("--input", str(path), "--format", "json")
    data = json.loads(result.stdout)
    assert data[0]["id"] == "x" and data[0]["label"] == "claim"
    assert data[1] == {"line": 2, "error": "sleutel 'text' ontbreekt of is geen tekst"}
    assert result.exit_code == EXIT_ERROR
