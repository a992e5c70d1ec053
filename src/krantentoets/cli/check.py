"""``krantentoets check``: check draft posts against the policy.

Contract (scripts depend on it)::

    krantentoets check [TEXT | -] [--input FILE.jsonl] [--profile medewerkers|mandatarissen]
        [--policy FILE.toml] [--platform x|bluesky|mastodon|threads|instagram|linkedin|facebook]
        [--account organisation|in-function|personal] [--reply-to TEXT] [--image PATH]...
        [--format text|json|jsonl]

Exit status: 0 every post may be published (*Plaatsen*), 1 at least one post has
findings that stop it (*Twijfel* or *Niet plaatsen*), 2 an error (bad input,
bad policy; in a batch: at least one line could not be checked).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from krantentoets.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from krantentoets.cli.common import (
    INPUT_OPTION,
    POLICY_OPTION,
    PROFILE_OPTION,
    fail,
    format_option,
    line_failed,
    load_policy_or_fail,
    read_jsonl,
    read_text_argument,
)
from krantentoets.cli.output import Output
from krantentoets.post import (
    AccountKind,
    Platform,
    PostError,
    parse_account,
    parse_platform,
    post_from_record,
)
from krantentoets.report import Report, Verdict


def _exit_code(verdicts: list[Verdict], errors: int) -> int:
    if errors:
        return EXIT_ERROR
    if any(v is not Verdict.POST for v in verdicts):
        return EXIT_FINDINGS
    return EXIT_OK


@click.command("check")
@click.argument("text", required=False)
@INPUT_OPTION
@PROFILE_OPTION
@POLICY_OPTION
@click.option(
    "--platform",
    metavar="|".join(p.value for p in Platform),
    help="Platform waarop je plaatst (bepaalt de lengtelimiet).",
)
@click.option(
    "--account",
    metavar="|".join(a.value for a in AccountKind),
    help="Namens wie: de organisatie, jij in je functie, of jij privé.",
)
@click.option("--reply-to", "reply_to", metavar="TEKST", help="Het bericht waarop je reageert.")
@click.option("--image", "images", multiple=True, metavar="PAD", help="Bijgevoegde afbeelding.")
@click.option("--author", metavar="NAAM", help="Je echte naam.")
@click.option(
    "--display-name", "display_name", metavar="NAAM", help="De naam die het account toont."
)
@click.option("--bio", metavar="TEKST", help="De profieltekst van het account.")
@format_option()
def check_cmd(
    text: str | None,
    input_path: str | None,
    profile: str | None,
    policy_path: str | None,
    platform: str | None,
    account: str | None,
    reply_to: str | None,
    images: tuple[str, ...],
    author: str | None,
    display_name: str | None,
    bio: str | None,
    fmt: str,
) -> None:
    """Controleer een conceptbericht tegen de richtlijnen.

    TEXT is het bericht; '-' leest het van standaardinvoer. Met --input
    controleer je een JSON Lines-bestand met één bericht per regel.
    Exitcode: 0 = plaatsen, 1 = twijfel of niet plaatsen, 2 = fout.
    """
    from krantentoets.check import check

    if text is not None and input_path is not None:
        fail("geef een tekst óf --input, niet allebei")
    policy = load_policy_or_fail(policy_path, profile)
    try:
        defaults: dict[str, Any] = {
            "platform": parse_platform(platform).value if platform else None,
            "account": parse_account(account).value if account else None,
            "reply_to": reply_to,
            "author": author,
            "display_name": display_name,
            "bio": bio,
            "images": list(images) or None,
        }
    except PostError as exc:
        fail(str(exc))
    for image in images:
        if not Path(image).is_file():
            fail(f"{image}: afbeelding niet gevonden")
    colour = sys.stdout.isatty()
    out = Output()

    if input_path is None:
        body = read_text_argument(text)
        try:
            post = post_from_record({"text": body}, defaults, None)
        except PostError as exc:
            fail(str(exc))
        report = check(post, policy)
        _emit_one(report, fmt, colour, out)
        out.flush()
        sys.exit(_exit_code([report.verdict], 0))

    base = None if input_path == "-" else Path(input_path).resolve().parent
    verdicts: list[Verdict] = []
    errors = 0
    results: list[dict[str, Any]] = []
    for line in read_jsonl(input_path):
        if line.data is None:
            errors += 1
            _emit_error(line.number, line.error or "", fmt, results, out)
            continue
        try:
            post = post_from_record(line.data, defaults, base)
            report = check(post, policy)
        except PostError as exc:
            errors += 1
            _emit_error(line.number, str(exc), fmt, results, out)
            continue
        except Exception as exc:  # one line never ends the batch
            errors += 1
            failed = line_failed(line.number, exc)
            _emit_error(line.number, failed["error"], fmt, results, out)
            continue
        verdicts.append(report.verdict)
        if fmt == "jsonl":
            out.json(report.to_dict())
        elif fmt == "json":
            results.append(report.to_dict())
        else:
            from krantentoets.cli.render import render_report

            heading = post.id or f"regel {line.number}"
            out.text(render_report(report, colour=colour, heading=heading) + "\n")
    out.flush()
    if fmt == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    elif fmt == "text":
        n = len(verdicts)
        summary = ", ".join(
            f"{sum(v is k for v in verdicts)} {k.label(policy.language).split(':')[0].lower()}"
            for k in Verdict
        )
        click.echo(f"{n} bericht(en) gecontroleerd: {summary}; {errors} fout(en).", err=True)
    sys.exit(_exit_code(verdicts, errors))


def _emit_one(report: Report, fmt: str, colour: bool, out: Output) -> None:
    if fmt == "jsonl":
        out.json(report.to_dict())
    elif fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        from krantentoets.cli.render import render_report

        click.echo(render_report(report, colour=colour))


def _emit_error(
    number: int, message: str, fmt: str, results: list[dict[str, Any]], out: Output
) -> None:
    error = {"line": number, "error": message}
    if fmt == "jsonl":
        out.json(error)
    elif fmt == "json":
        results.append(error)
    else:
        click.echo(f"krantentoets: fout: regel {number}: {message}", err=True)
