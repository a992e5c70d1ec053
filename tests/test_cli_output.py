"""Buffered CLI output: JSON Lines through orjson, one flush at the end (or per record on a tty)."""

from __future__ import annotations

import importlib
import io
import json

import pytest
from click.testing import CliRunner

from krantentoets.cli import cli
from krantentoets.cli.output import Output


class Stream(io.TextIOWrapper):
    """A text stream over bytes that counts flushes and can pretend to be a terminal."""

    def __init__(self, tty: bool = False) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")
        self.tty = tty
        self.flushes = 0

    def isatty(self) -> bool:
        return self.tty

    def flush(self) -> None:
        self.flushes += 1
        super().flush()

    def written(self) -> str:
        self.flush()
        return self.buffer.getvalue().decode("utf-8")


def test_json_lines_are_utf8_json_without_a_flush_per_line() -> None:
    stream = Stream()
    out = Output(stream)
    records = [{"id": str(n), "text": "café 😀 “quote”", "n": n, "x": None} for n in range(50)]
    for r in records:
        out.json(r)
    assert stream.flushes == 0
    out.flush()
    lines = stream.written().splitlines()
    assert [json.loads(line) for line in lines] == records
    assert "café 😀" in lines[0]  # not escaped


def test_a_terminal_sees_each_record_at_once() -> None:
    stream = Stream(tty=True)
    out = Output(stream)
    out.json({"id": "1"})
    out.text("Oordeel: Plaatsen")
    assert stream.flushes >= 2


def test_text_and_json_keep_their_order() -> None:
    stream = Stream()
    out = Output(stream)
    out.text("eerst")
    out.json({"id": "2"})
    out.text("daarna")
    out.flush()
    assert stream.written().splitlines() == ["eerst", '{"id":"2"}', "daarna"]


def test_a_lone_surrogate_still_gives_a_valid_line() -> None:
    stream = Stream()
    out = Output(stream)
    out.json({"id": "s", "text": "a\ud800b"})
    out.flush()
    assert json.loads(stream.written()) == {"id": "s", "text": "a\ud800b"}


def test_a_stream_without_a_byte_buffer_gets_text() -> None:
    stream = io.StringIO()
    out = Output(stream)
    out.json({"id": "é"})
    out.flush()
    assert json.loads(stream.getvalue()) == {"id": "é"}


def test_a_line_that_fails_unexpectedly_gives_an_error_record_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    core = importlib.import_module("krantentoets.check")
    real_check = core.check

    def failing(post, policy=None):  # type: ignore[no-untyped-def]
        if post.text == "boom":
            raise RuntimeError("unexpected")
        return real_check(post, policy)

    monkeypatch.setattr(core, "check", failing)
    lines = [
        {"id": "a", "text": "Fijne dag!"},
        {"id": "b", "text": "boom"},
        {"id": "c", "text": "Tot morgen."},
    ]
    stdin = "".join(json.dumps(x) + "\n" for x in lines)
    result = CliRunner().invoke(cli, ["check", "--input", "-", "--format", "jsonl"], input=stdin)
    records = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r.get("id", r.get("line")) for r in records] == ["a", 2, "c"]
    assert "RuntimeError" in records[1]["error"]
    assert result.exit_code == 2
