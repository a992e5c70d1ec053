"""The human-readable report of a check, for a terminal.

Verdict first; then each finding with its span highlighted in context, the
guideline quoted, and the fix. Colour only when the output is a terminal
(click strips styles otherwise); without colour the span is marked »like this«.
"""

from __future__ import annotations

import textwrap

import click

from krantentoets.report import Finding, Report, Severity, Verdict

_VERDICT_COLOUR = {Verdict.POST: "green", Verdict.DOUBT: "yellow", Verdict.DO_NOT_POST: "red"}
_SEVERITY_LABEL = {
    "nl": {Severity.BLOCK: "blokkerend", Severity.WARN: "let op", Severity.INFO: "ter info"},
    "en": {Severity.BLOCK: "blocking", Severity.WARN: "warning", Severity.INFO: "note"},
}
_SEVERITY_COLOUR = {Severity.BLOCK: "red", Severity.WARN: "yellow", Severity.INFO: "blue"}
_WORDS = {
    "nl": {
        "verdict": "Oordeel",
        "fine": "Geen bevindingen. Zou je het in de krant plaatsen? Dan kan het zo.",
        "guideline": "Richtlijn",
        "fix": "Zo los je het op",
        "whole": "(het bericht als geheel)",
        "above": "zie hierboven",
        "post": "Bericht",
        "reminder": "Twijfel je? Plaats dan geen bericht en vraag Communicatie om advies (MW-1).",
        "reminder-mandatarissen": "Denk goed na voor je plaatst: berichten blijven jaren "
        "vindbaar (MA-3). Twijfel je, vraag dan raad.",
    },
    "en": {
        "verdict": "Verdict",
        "fine": "No findings. Would you put it in the newspaper? Then it is fine.",
        "guideline": "Guideline",
        "fix": "How to fix it",
        "whole": "(the post as a whole)",
        "above": "see above",
        "post": "Post",
        "reminder": "In doubt? Do not post, and ask Communications for advice (MW-1).",
        "reminder-mandatarissen": "Think before you post: posts stay findable for years "
        "(MA-3). In doubt, ask for advice.",
    },
}
CONTEXT = 40


def _context(text: str, f: Finding, colour: bool) -> str:
    assert f.span is not None
    start, end = f.span.start, f.span.end
    left = max(0, start - CONTEXT)
    right = min(len(text), end + CONTEXT)
    before = text[left:start]
    after = text[end:right]
    shown = f.span.text if len(f.span.text) <= 120 else f.span.text[:117] + "…"
    mark = (
        click.style(shown, bold=True, reverse=True, fg=_SEVERITY_COLOUR[f.severity])
        if colour
        else f"»{shown}«"
    )
    pre = "…" if left > 0 else ""
    post = "…" if right < len(text) else ""
    return (pre + before + mark + after + post).replace("\n", " ⏎ ")


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=88, initial_indent=indent, subsequent_indent=indent)


def render_report(report: Report, *, colour: bool, heading: str | None = None) -> str:
    lang = report.language if report.language in _WORDS else "nl"
    w = _WORDS[lang]
    lines: list[str] = []
    if heading:
        lines.append(click.style(f"{w['post']} {heading}", bold=True))
    verdict = click.style(report.verdict_label, fg=_VERDICT_COLOUR[report.verdict], bold=True)
    lines.append(f"{w['verdict']}: {verdict}")
    if not report.findings:
        lines.append(w["fine"])
        return "\n".join(lines)
    quoted: set[tuple[str, str]] = set()
    for i, f in enumerate(report.findings, start=1):
        sev = click.style(
            _SEVERITY_LABEL[lang][f.severity], fg=_SEVERITY_COLOUR[f.severity], bold=True
        )
        lines.append("")
        lines.append(f"{i}. [{sev}] {f.message}  ({f.rule} {f.name}, {f.category.value})")
        if f.span is not None:
            lines.append("   " + _context(report.text, f, colour))
        else:
            lines.append("   " + w["whole"])
        for k, gid in enumerate(f.guidelines):
            quote = f.quotes[k] if k < len(f.quotes) else report.guideline_texts.get(gid, "")
            if (gid, quote) in quoted:
                lines.append(f"   {w['guideline']} {gid} ({w['above']})")
                continue
            quoted.add((gid, quote))
            lines.append(_wrap(f"{w['guideline']} {gid}: “{quote}”", "   "))
        lines.append(_wrap(f"{w['fix']}: {f.suggestion}", "   "))
    if report.verdict is not Verdict.POST:
        lines.append("")
        lines.append(w.get(f"reminder-{report.profile}", w["reminder"]))
    return "\n".join(lines)
