"""``krantentoets redact``: redact personal data in a text or a JSON Lines batch.

    krantentoets redact "TEKST"            # or - for standard input
    krantentoets redact --input FILE.jsonl --format jsonl

JSONL in: ``{"id", "text"}``; out: ``{"id", "text" (redacted), "redactions":
[{"start", "end", "category", "redacted_start", "redacted_end"}]}`` where
``start``/``end`` are offsets in the original text and
``redacted_start``/``redacted_end`` those of the marker (``[naam]``, ...) in
the redacted text. The organisation's own contact details (policy
``[allowlist]``) and the names of office holders (policy
``[archive] office_holders``, ``--keep``) are not redacted, nor (unless
``--public-names``) the names of other public persons: a name with a public
function beside it ("woordvoerder Anna Bakker") or on the list of public figures.

Exit status: 0 = nothing to redact, 1 = something was redacted, 2 = error (an
empty text; in a batch: at least one line could not be read).
"""

from __future__ import annotations

import json
import sys

import click

from krantentoets.cli import EXIT_ERROR, EXIT_FINDINGS
from krantentoets.cli.common import (
    INPUT_OPTION,
    POLICY_OPTION,
    fail,
    line_failed,
    load_policy_or_fail,
    read_jsonl,
    read_text_argument,
)


@click.command("redact")
@click.argument("text", required=False)
@INPUT_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default=None,
    help="text: de gelakte tekst; jsonl: met de lakkingen (standaard bij --input).",
)
@click.option(
    "--keep", multiple=True, metavar="NAAM", help="Naam van een ambtsdrager die blijft staan."
)
@click.option(
    "--public-names",
    is_flag=True,
    help="Lak ook namen van publieke personen (met een functie erbij, zoals 'woordvoerder'); "
    "standaard blijven die staan. Ambtsdragers van --keep en het beleidsbestand blijven altijd.",
)
@POLICY_OPTION
def redact_cmd(
    text: str | None,
    input_path: str | None,
    fmt: str | None,
    keep: tuple[str, ...],
    public_names: bool,
    policy_path: str | None,
) -> None:
    """Lak persoonsgegevens (namen, telefoonnummers, adressen, ...) weg in een tekst."""
    from krantentoets.archive.redaction import RedactionUnavailable, Redactor, detector_available

    if text is not None and input_path is not None:
        fail("geef een tekst of --input, niet allebei")
    if not detector_available():
        fail("de herkenning van persoonsgegevens (krantentoets.detect) is niet beschikbaar")
    settings = load_policy_or_fail(policy_path, None).settings
    redactor = Redactor(
        keep_names=tuple(settings.archive.office_holders) + keep,
        keep_handles=tuple(settings.organisation.handles),
        allowlist=settings.allowlist,
        public_names=public_names,
    )
    fmt = fmt or ("jsonl" if input_path else "text")
    found = False
    try:
        if input_path is None:
            source = read_text_argument(text)
            if not source.strip():
                # Like `check`: an empty text is an error, not "nothing to redact".
                fail("de tekst is leeg: er is niets te lakken")
            red = redactor.redact(source)
            found = bool(red.redactions)
            if fmt == "text":
                click.echo(red.text)
            else:
                click.echo(_line(None, red))
        else:
            bad = False
            for line in read_jsonl(input_path):
                data = line.data
                if data is None or not isinstance(data.get("text"), str):
                    bad = True
                    error = line.error or "veld 'text' ontbreekt of is geen tekst"
                    click.echo(
                        json.dumps({"line": line.number, "error": error}, ensure_ascii=False)
                    )
                    continue
                try:
                    red = redactor.redact(data["text"])
                    out = red.text if fmt == "text" else _line(data.get("id"), red)
                except RedactionUnavailable:
                    raise
                except Exception as exc:  # one line never ends the batch
                    bad = True
                    click.echo(json.dumps(line_failed(line.number, exc), ensure_ascii=False))
                    continue
                found = found or bool(red.redactions)
                click.echo(out)
            if bad:
                sys.exit(EXIT_ERROR)
    except RedactionUnavailable as exc:
        fail(str(exc))
    if found:
        sys.exit(EXIT_FINDINGS)


def _line(record_id: object, red: object) -> str:
    return json.dumps(
        {
            "id": record_id,
            "text": red.text,  # type: ignore[attr-defined]
            "redactions": [r.to_dict() for r in red.redactions],  # type: ignore[attr-defined]
        },
        ensure_ascii=False,
    )
