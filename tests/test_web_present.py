"""How the check page presents a report: overlapping marks, cards, counts, summaries."""

from __future__ import annotations

from krantentoets.policy import default_policy
from krantentoets.report import Category, Finding, Report, Severity, Span, Verdict
from krantentoets.web import present

TEXT = "Bel Jan op 06-12345678 vandaag."


def _finding(rule: str, start: int | None, end: int | None, severity: Severity) -> Finding:
    span = None if start is None else Span.of(TEXT, start, end or start)
    return Finding(
        rule=rule,
        name=rule.lower(),
        category=Category.PERSONAL_DATA,
        severity=severity,
        span=span,
        message="bericht",
        guidelines=("MW-4",),
        suggestion="tip",
    )


def _report(*findings: Finding) -> Report:
    return Report(
        text=TEXT,
        findings=findings,
        verdict=Verdict.from_severities([f.severity for f in findings]),
        profile="medewerkers",
        platform="x",
        guideline_texts={"MW-4": "Geef nooit persoonlijke gegevens vrij."},
    )


def test_segments_cover_the_text_and_name_overlapping_findings() -> None:
    # "Jan op 06-12345678" (warn) overlaps "06-12345678" (block); one whole-post finding.
    report = _report(
        _finding("XX00", None, None, Severity.INFO),
        _finding("XX01", 4, 22, Severity.WARN),
        _finding("XX02", 11, 22, Severity.BLOCK),
    )
    segs = present.segments(report)
    assert "".join(s.text for s in segs) == TEXT
    by_text = {s.text: s for s in segs}
    assert by_text["Bel "].numbers == ()
    assert by_text["Jan op "].numbers == (2,) and by_text["Jan op "].severity == "warn"
    phone = by_text["06-12345678"]
    assert phone.numbers == (2, 3)
    assert phone.severity == "block"  # the most severe colour wins
    assert phone.ends == (2, 3)  # both spans end here: both references follow
    assert by_text["Jan op "].ends == ()


def test_cards_quote_the_guideline_and_number_like_the_marks() -> None:
    report = _report(_finding("XX01", 11, 22, Severity.BLOCK))
    (card,) = present.cards(report, default_policy())
    assert card.number == 1 and card.quoted == "06-12345678"
    assert card.severity_label == "Moet anders"
    assert card.category == "Persoonsgegevens"
    (quote,) = card.guidelines
    assert quote.id == "MW-4" and quote.text == "Geef nooit persoonlijke gegevens vrij."
    assert quote.title  # the guideline's title from the profile


def test_length_info_uses_the_server_count() -> None:
    info = present.length_info(_report())
    assert info is not None
    assert (info.platform, info.limit, info.over) == ("X", 280, False)
    assert info.counted == len(TEXT)


def test_summary_per_verdict() -> None:
    policy = default_policy()
    assert "niets gevonden" in present.verdict_summary(_report(), policy)
    doubt = present.verdict_summary(_report(_finding("XX01", 4, 7, Severity.WARN)), policy)
    assert doubt.startswith("Één punt vraagt om aandacht")
    block = present.verdict_summary(
        _report(_finding("A", 4, 7, Severity.BLOCK), _finding("B", 11, 22, Severity.BLOCK)), policy
    )
    assert "twee punten moeten" in block


def test_a_privacy_finding_cites_what_its_quote_is_about() -> None:
    from krantentoets.check import check
    from krantentoets.policy import default_policy
    from krantentoets.post import Post
    from krantentoets.web import present

    policy = default_policy()
    report = check(Post("Bel me gerust op 06-12345678."), policy)
    cards = [c for c in present.cards(report, policy) if c.category == "Persoonsgegevens"]
    assert cards, "the phone number rule did not fire"
    for g in cards[0].guidelines:
        assert g.id == "MW-4" and "Woordvoering" not in g.title


def test_archive_times_are_local_with_the_zone() -> None:
    from krantentoets.web.present import local_iso

    assert local_iso("2025-06-01T12:00:00Z") == "01-06-2025 14:00 (Nederlandse tijd)"
    assert local_iso("2025-01-01T12:00:00Z", zone=False) == "01-01-2025 13:00"
    assert local_iso("geen tijd") == "geen tijd"
