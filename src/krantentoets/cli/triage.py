"""``krantentoets triage``: label incoming posts and advise whether to respond.

Contract (scripts depend on it)::

    krantentoets triage [TEXT | -] [--input FILE.jsonl] [--profile medewerkers|mandatarissen]
        [--policy FILE.toml] [--format text|json|jsonl]

JSON Lines in: one ``{"id": …, "text": …}`` per line (``id`` optional; other keys are
ignored, so exports of monitoring tools can be piped in as they are). Out, per post:
``{"id", "label", "signal", "advice", "reasons", "sentiment": {"label", "score"}}``
(``sentiment``: ``positive``, ``negative`` or ``neutral``, score -1..+1); a line that cannot be
read gives ``{"line": N, "error": "…"}`` and the batch goes on. Posts are triaged in batches of
:data:`BATCH` (their tones are embedded together); output keeps the input order.

Exit status: 0 nothing to signal, 1 at least one post Communications must see (compliment,
criticism, claim or abuse), 2 an error (bad input, bad policy; in a batch: a bad line).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any

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
    write_json_line,
)
from krantentoets.post import MAX_TEXT_LENGTH

if TYPE_CHECKING:
    from krantentoets.monitor.triage import Triage

LABEL_NAMES = {
    "nl": {
        "compliment": "Compliment",
        "criticism": "Kritiek",
        "question": "Vraag",
        "claim": "Bewering",
        "abuse": "Beledigend of bedreigend",
        "other": "Overig",
    },
    "en": {
        "compliment": "Compliment",
        "criticism": "Criticism",
        "question": "Question",
        "claim": "Claim",
        "abuse": "Abuse",
        "other": "Other",
    },
}
ADVICE_NAMES = {
    "nl": {
        "forward": "doorgeven aan het team",
        "no-response": "niet reageren",
        "answer": "beantwoorden",
        "service": "beantwoorden of doorzetten naar het vakteam",
        "communications": "Communicatie beslist",
        "none": "geen actie",
    },
    "en": {
        "forward": "pass on to the team",
        "no-response": "do not respond",
        "answer": "answer",
        "service": "answer or pass to the service team",
        "communications": "Communications decides",
        "none": "no action",
    },
}
TONE_NAMES = {
    "nl": {"positive": "positief", "negative": "negatief", "neutral": "neutraal"},
    "en": {"positive": "positive", "negative": "negative", "neutral": "neutral"},
}
_SIGNAL = {"nl": "signaleren aan Communicatie", "en": "flag to Communications"}
_TONE = {"nl": "toon", "en": "tone"}
#: Posts triaged together (their tones are embedded in one batch).
BATCH = 64


def _text_of(data: dict[str, Any]) -> tuple[str | None, str]:
    """(id, text) of a JSONL record; raises ValueError with a Dutch message."""
    text = data.get("text")
    if not isinstance(text, str):
        raise ValueError("sleutel 'text' ontbreekt of is geen tekst")
    if not text.strip():
        raise ValueError("het bericht is leeg")
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(f"het bericht is langer dan {MAX_TEXT_LENGTH:,} tekens".replace(",", "."))
    post_id = data.get("id")
    if post_id is not None and not isinstance(post_id, str | int):
        raise ValueError("sleutel 'id' moet tekst of een getal zijn")
    return (None if post_id is None else str(post_id)), text


def render(result: Triage, text: str, language: str = "nl", heading: str | None = None) -> str:
    """The triage of one post for a person, in Dutch (or English)."""
    label = LABEL_NAMES[language][result.label]
    advice = ADVICE_NAMES[language][result.advice]
    head = f"{label} — {advice}"
    if result.signal:
        head += f" ({_SIGNAL[language]})"
    if result.sentiment is not None:
        tone = TONE_NAMES[language][result.sentiment.label]
        head += f" [{_TONE[language]}: {tone}, {result.sentiment.score:+.2f}]"
    lines = [f"{heading}: {head}" if heading else head]
    shown = " ".join(text.split())
    lines.append(f"  » {shown[:200]}{'…' if len(shown) > 200 else ''}")
    lines.extend(f"  - {reason}" for reason in result.reasons)
    return "\n".join(lines)


@click.command("triage")
@click.argument("text", required=False)
@INPUT_OPTION
@PROFILE_OPTION
@POLICY_OPTION
@format_option()
def triage_cmd(
    text: str | None,
    input_path: str | None,
    profile: str | None,
    policy_path: str | None,
    fmt: str,
) -> None:
    """Beoordeel binnenkomende berichten: compliment, kritiek, vraag, bewering, ...

    TEXT is het bericht; '-' leest het van standaardinvoer. Met --input beoordeel je een
    JSON Lines-bestand met per regel {"id": ..., "text": ...}. Per bericht: het soort
    bericht, of Communicatie het moet zien, en het advies (MW-3): niet reageren,
    beantwoorden, Communicatie beslist, doorgeven aan het team of geen actie.
    Exitcode: 0 = niets te signaleren, 1 = iets voor Communicatie, 2 = fout.
    """
    from krantentoets.monitor.triage import triage, triage_many

    if text is not None and input_path is not None:
        fail("geef een tekst óf --input, niet allebei")
    policy = load_policy_or_fail(policy_path, profile)
    language = policy.language

    if input_path is None:
        body = read_text_argument(text)
        try:
            _, body = _text_of({"text": body})
        except ValueError as exc:
            fail(str(exc))
        result = triage(body, policy)
        if fmt == "text":
            click.echo(render(result, body, language))
        elif fmt == "json":
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        else:
            write_json_line(result.to_dict())
        sys.exit(EXIT_FINDINGS if result.signal else EXIT_OK)

    errors = 0
    signalled = False
    counts: Counter[str] = Counter()
    results: list[dict[str, Any]] = []
    #: (line number, id, text) or (line number, None, error) in input order, until flushed.
    pending: list[tuple[int, str | None, str, bool]] = []

    def flush() -> None:
        nonlocal signalled, errors
        texts = [body for _, _, body, ok in pending if ok]
        try:
            done: list[Any] = list(triage_many(texts, policy))
        except Exception:  # one line never ends the batch: triage this batch one by one
            done = []
            for text in texts:
                try:
                    done.extend(triage_many([text], policy))
                except Exception as exc:
                    done.append(exc)
        triaged = iter(done)
        for number, post_id, body, ok in pending:
            result = next(triaged) if ok else None
            if isinstance(result, Exception):
                errors += 1
                body, ok = line_failed(number, result)["error"], False
            if not ok:
                error = {"line": number, "error": body}
                if fmt == "jsonl":
                    write_json_line(error)
                elif fmt == "json":
                    results.append(error)
                else:
                    click.echo(f"krantentoets: fout: regel {number}: {body}", err=True)
                continue
            counts[result.label] += 1
            signalled = signalled or result.signal
            if fmt == "jsonl":
                write_json_line(result.to_dict(post_id))
            elif fmt == "json":
                results.append(result.to_dict(post_id))
            else:
                heading = post_id or f"regel {number}"
                click.echo(render(result, body, language, heading) + "\n")
        pending.clear()

    for line in read_jsonl(input_path):
        try:
            if line.data is None:
                raise ValueError(line.error or "onleesbare regel")
            post_id, body = _text_of(line.data)
        except ValueError as exc:
            errors += 1
            pending.append((line.number, None, str(exc), False))
        else:
            pending.append((line.number, post_id, body, True))
        if len(pending) >= BATCH:
            flush()
    flush()
    if fmt == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    elif fmt == "text":
        total = sum(counts.values())
        summary = ", ".join(
            f"{counts[k]} {v.lower()}" for k, v in LABEL_NAMES[language].items() if counts[k]
        )
        click.echo(
            f"{total} bericht(en) beoordeeld"
            + (f": {summary}" if summary else "")
            + f"; {errors} fout(en).",
            err=True,
        )
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if signalled else EXIT_OK)
