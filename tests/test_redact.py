"""Redaction: merging, markers, exceptions, the real detector on running Dutch text, the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from krantentoets.archive import redaction
from krantentoets.archive.redaction import Redactor, apply, detector_available, marker
from krantentoets.cli import cli

needs_detector = pytest.mark.skipif(
    not detector_available(), reason="krantentoets.detect.find_personal_data is not available"
)


@dataclass(frozen=True)
class FakeSpan:
    start: int
    end: int
    text: str
    kind: str
    trace: tuple[str, ...] = ()


def fake(*spans: tuple[str, str]) -> Callable[..., list[FakeSpan]]:
    """A detector that finds the given (text, kind) pairs wherever they occur."""

    def detect(text: str, allowlist: object = None) -> list[FakeSpan]:
        found = []
        for needle, kind in spans:
            i = text.find(needle)
            while i >= 0:
                found.append(FakeSpan(i, i + len(needle), needle, kind))
                i = text.find(needle, i + 1)
        return found

    return detect


@pytest.fixture
def use_fake(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    def install(*spans: tuple[str, str]) -> None:
        monkeypatch.setattr(redaction, "_detector", lambda: fake(*spans))

    return install


def test_markers_and_offsets(use_fake: Callable[..., None]) -> None:
    use_fake(("Jan Jansen", "person-name"), ("06-12345678", "phone"))
    text = "Bel Jan Jansen op 06-12345678."
    red = Redactor().redact(text)
    assert red.text == "Bel [naam] op [telefoonnummer]."
    for r in red.redactions:
        assert red.text[r.out_start : r.out_end] == marker(r.category)
    assert [(text[r.start : r.end], r.category) for r in red.redactions] == [
        ("Jan Jansen", "person-name"),
        ("06-12345678", "phone"),
    ]


def test_overlapping_spans_are_merged(use_fake: Callable[..., None]) -> None:
    use_fake(("Kerkstraat 12", "address"), ("12, 8911 AB", "postcode"))
    red = Redactor().redact("Kerkstraat 12, 8911 AB Leeuwarden")
    assert red.text == "[adres] Leeuwarden"
    assert len(red.redactions) == 1


def test_office_holders_and_own_accounts_stay(use_fake: Callable[..., None]) -> None:
    use_fake(
        ("Sybrand de Vries", "person-name"),
        ("De Vries", "person-name"),
        ("Els Bakker", "person-name"),
    )
    r = Redactor(keep_names=("Sybrand de Vries",), keep_handles=("@gemeente",))
    red = r.redact(
        "Sybrand de Vries (wethouder) en Els Bakker; De Vries reageert. @gemeente @els_b"
    )
    assert (
        red.text
        == "Sybrand de Vries (wethouder) en [naam]; De Vries reageert. @gemeente [accountnaam]"
    )
    assert r.redact_name("sybrand  de vries") == "sybrand  de vries"
    assert r.redact_name("Els Bakker") == "[naam]"


def test_known_author_names_are_redacted_in_the_text(use_fake: Callable[..., None]) -> None:
    use_fake()
    # (a person thanked by name, "en Jansen!", is found by the built-in name finder too)
    red = Redactor().redact("Dank je, pietje88 en het team!", known_names=["pietje88"])
    assert red.text == "Dank je, [naam] en het team!"


def test_without_a_detector_nothing_is_published(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(redaction, "_detector", lambda: None)
    with pytest.raises(redaction.RedactionUnavailable):
        Redactor().redact("Jan Jansen")


def test_apply_keeps_text_between_spans() -> None:
    spans = [redaction.Redaction(0, 3, "person-name"), redaction.Redaction(4, 7, "phone")]
    assert apply("abc def ghi", spans).text == "[naam] [telefoonnummer] ghi"


# -- with the real detector -----------------------------------------------------------

NEWS = [
    (
        "Volgens Pieter de Vries was het druk bij het zwembad. Hij sprak met Fatima El Amrani "
        "en haar buurman Sjoerd Hoekstra over de sluiting.",
        ["Pieter de Vries", "Fatima El Amrani", "Sjoerd Hoekstra"],
    ),
    (
        # The spokesperson speaks in a public function: not redacted (see --public-names).
        "Marieke Jansen (42) uit Leeuwarden en Kees van den Berg vonden het besluit "
        "onbegrijpelijk, zei woordvoerder Anna Bakker.",
        ["Marieke Jansen", "Kees van den Berg"],
    ),
    (
        "Gisteren vertelde Henk Dijkstra dat zijn dochter Sanne Dijkstra niet meer durft te "
        "fietsen over de brug. De politie hield Bram Mulder aan nadat hij met Eva de Jong had "
        "gesproken.",
        ["Henk Dijkstra", "Sanne Dijkstra", "Bram Mulder", "Eva de Jong"],
    ),
    (
        "Anne-Marie Verhoeven en J. de Vries schreven een brief aan mevrouw Jansen.",
        ["Anne-Marie Verhoeven", "J. de Vries", "Jansen"],
    ),
]


@needs_detector
@pytest.mark.parametrize(("text", "names"), NEWS)
def test_names_in_running_news_text_are_found(text: str, names: list[str]) -> None:
    red = Redactor().redact(text)
    found = [text[r.start : r.end] for r in red.redactions if r.category == "person-name"]
    assert found == names
    for name in names:
        assert name not in red.text


@needs_detector
def test_contact_details_are_redacted_and_office_holders_stay() -> None:
    text = (
        "Wethouder Jan de Vries reageerde op de vragen van inwoner Tom Peeters: bel "
        "06-12345678 of mail tom.peeters@gmail.com."
    )
    red = Redactor(keep_names=("Jan de Vries",)).redact(text)
    assert "Jan de Vries" in red.text
    assert {r.category for r in red.redactions} == {"person-name", "phone", "email"}
    assert "Tom Peeters" not in red.text and "06-12345678" not in red.text


@needs_detector
def test_redact_cli_text_and_jsonl(tmp_path: Path) -> None:
    runner = CliRunner()
    run = runner.invoke(cli, ["redact", "Bel Marieke Jansen op 06-12345678."])
    assert run.exit_code == 1 and run.stdout.strip() == "Bel [naam] op [telefoonnummer]."
    run = runner.invoke(cli, ["redact", "Het zwembad is open."])
    assert run.exit_code == 0 and run.stdout.strip() == "Het zwembad is open."
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "Groet, Kees van den Berg"})
        + "\n{kapot\n"
        + json.dumps({"id": "b", "text": "Niets bijzonders."})
        + "\n",
        encoding="utf-8",
    )
    run = runner.invoke(cli, ["redact", "--input", str(src)])
    assert run.exit_code == 2  # one line could not be read; the others were done
    out = [json.loads(x) for x in run.stdout.splitlines()]
    assert out[0]["id"] == "a" and out[0]["text"] == "Groet, [naam]"
    (r,) = out[0]["redactions"]
    assert (r["start"], r["end"], r["category"]) == (7, 24, "person-name")
    assert out[1]["line"] == 2 and "error" in out[1]
    assert out[2] == {"id": "b", "text": "Niets bijzonders.", "redactions": []}
    run = runner.invoke(cli, ["redact", "-"], input="Mail tom.peeters@gmail.com\n")
    assert run.exit_code == 1 and "[e-mailadres]" in run.stdout


@needs_detector
def test_a_team_name_stays_a_persons_name_goes() -> None:
    r = Redactor(keep_handles=("@gemeente", "Gemeente Leeuwarden"))
    assert r.redact_name("Team Webcare", strict=False) == "Team Webcare"
    assert r.redact_name("Marieke Jansen", strict=False) == "[naam]"
    assert r.redact_name("Team Webcare") == "[naam]"  # strict: a citizen's or colleague's name
    assert r.keeps_account("gemeente") and r.keeps_account("gemeente leeuwarden")
    assert not r.keeps_account("@marieke_j")


@needs_detector
def test_public_persons_stay_unless_asked() -> None:
    text = "Woordvoerder Anna Bakker sprak met mevrouw Jansen. Ook Mark Rutte was er."
    kept = Redactor().redact(text).text
    assert "Anna Bakker" in kept and "Mark Rutte" in kept and "Jansen" not in kept
    red = Redactor(public_names=True, keep_names=("Mark Rutte",)).redact(text).text
    assert "Anna Bakker" not in red and "Jansen" not in red and "Mark Rutte" in red
    run = CliRunner().invoke(cli, ["redact", "--public-names", text])
    assert run.exit_code == 1 and "Anna Bakker" not in run.stdout and "Rutte" not in run.stdout


def test_redact_cli_empty_text_is_an_error_like_check() -> None:
    runner = CliRunner()
    for empty in ("", "   \n"):
        run = runner.invoke(cli, ["redact", empty])
        assert run.exit_code == 2 and run.stdout == ""
        assert "leeg" in run.stderr
        assert runner.invoke(cli, ["check", empty]).exit_code == 2
    run = runner.invoke(cli, ["redact", "-"], input="")
    assert run.exit_code == 2 and "leeg" in run.stderr
