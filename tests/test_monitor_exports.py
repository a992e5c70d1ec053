"""Exports people really have, laid out as the platforms write them.

The files are in tests/fakes/recorded/exports (see the README there).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from fakes.server import RECORDED
from krantentoets.monitor.sources import FetchContext, SourceError, fetcher
from krantentoets.monitor.sources.exports import fix_mojibake
from krantentoets.platforms.net import Budget
from krantentoets.policy.model import MonitorSourceSettings

EXPORTS = RECORDED / "exports"


def read(path: str | Path, base: Path = EXPORTS, **options: Any) -> tuple[list[Any], list[Any]]:
    src = MonitorSourceSettings.model_validate({"kind": "import", "path": str(path), **options})
    ctx = FetchContext(None, (), (), base, 500, Budget())  # type: ignore[arg-type]
    batches = list(fetcher("import")(src, {}, ctx))
    return [i for b in batches for i in b.items], [s for b in batches for s in b.skipped]


def test_meta_business_suite_csv_is_month_first() -> None:
    items, skipped = read("meta_business_suite_posts.csv")
    assert skipped == []
    first, second = items
    assert first.external_id == "1234567890123456_987654321098765"
    assert first.text.startswith("Vanaf maandag 16 juni is de Dijkstraat afgesloten")
    assert first.url == "https://www.facebook.com/1234567890123456/posts/987654321098765"
    assert first.author_name == "Gemeente Dijkstad"
    # 06/13/2025: the 13th can only be a day, so the file is month first: June 2, not Feb 6.
    assert first.published_at == datetime(2025, 6, 13, 7, 30, tzinfo=UTC)
    assert second.published_at == datetime(2025, 6, 2, 15, 5, tzinfo=UTC)


def test_facebook_download_with_mojibake_repaired() -> None:
    posts, skipped = read("your_posts_1.json")
    assert [p.text for p in posts] == [
        "De brug bij het café is weer open, dank Gemeente Dijkstad 👍",
        "Wanneer wordt het fietspad in Dijkstad-Noord gerepareerd?",
    ]
    assert posts[0].url == "https://www.dijkstad.example/nieuws/brug"
    assert posts[0].published_at == datetime.fromtimestamp(1749564000, tz=UTC)
    assert [s.reason for s in skipped] == ["regel 3: geen tekst"]  # a photo without words
    comments, _ = read("comments.json")
    assert comments[0].text.startswith("Goed geregeld, gemeente Dijkstad! Één ding")
    assert comments[0].author_name == "Jeroen Müller"
    assert fix_mojibake("gewoon") == "gewoon" and fix_mojibake("Één") == "Één"


def test_x_archive_tweets_js() -> None:
    tweets, skipped = read("tweets.js")
    assert skipped == []
    first = tweets[0]
    assert first.external_id == "1799000000000000001"
    assert "https://www.dijkstad.example/afval" in first.text and "t.co" not in first.text
    assert first.published_at == datetime(2025, 6, 4, 12, 0, tzinfo=UTC)
    assert first.details["mentions"] == ["@gemeentedijkstad"]
    assert first.url == "https://x.com/i/web/status/1799000000000000001"


def test_x_archive_tweets_json(tmp_path: Path) -> None:
    text = (EXPORTS / "tweets.js").read_text("utf-8").split("=", 1)[1]
    (tmp_path / "tweets.json").write_text(text, encoding="utf-8")
    tweets, _ = read("tweets.json", tmp_path)
    assert len(tweets) == 2


def test_linkedin_shares_and_comments() -> None:
    shares, skipped = read("Shares.csv")
    assert skipped == []
    assert (
        shares[0].text
        == 'Trots op ons team bij Gemeente Dijkstad!\n"Samen maken we de stad." #werkenbij'
    )
    assert shares[0].published_at == datetime(2025, 6, 3, 7, 45, 12, tzinfo=UTC)  # UTC
    comments, _ = read("Comments.csv")
    assert [c.text for c in comments][1] == "Waarom reageert Dijkstad niet op mijn bericht?"
    assert comments[0].url.startswith("https://www.linkedin.com/feed/update/")


def test_xlsx_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Berichten"
    sheet.append(["Datum", "Auteur", "Bericht", "URL"])
    sheet.append(
        [datetime(2025, 6, 2, 14, 0), "@inwoner", "Dijkstad is top", "https://x.example/1"]
    )
    sheet.append([None, None, None, None])
    sheet.append(["02-06-2025 15:00", "@ander", "Nog een over Dijkstad", None])
    book.save(tmp_path / "export.xlsx")
    items, skipped = read("export.xlsx", tmp_path)
    assert [i.text for i in items] == ["Dijkstad is top", "Nog een over Dijkstad"]
    assert items[0].published_at == datetime(2025, 6, 2, 12, 0, tzinfo=UTC)  # Amsterdam
    assert items[1].published_at == datetime(2025, 6, 2, 13, 0, tzinfo=UTC)
    assert skipped == []
    with pytest.raises(SourceError, match="werkblad 'Blad9' bestaat niet; werkbladen: Berichten"):
        read("export.xlsx", tmp_path, sheet="Blad9")


def test_utf16_text_from_excel(tmp_path: Path) -> None:
    rows = "Datum\tAuteur\tBericht\r\n13-06-2025 10:00\t@a\tCafé bij Dijkstad dicht\r\n"
    (tmp_path / "export.txt").write_bytes(rows.encode("utf-16"))  # BOM, little endian
    items, _ = read("export.txt", tmp_path)
    assert items[0].text == "Café bij Dijkstad dicht"
    assert items[0].published_at == datetime(2025, 6, 13, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["13/06/2025 10:00", "02/06/2025 10:00"], [(6, 13), (6, 2)]),  # day first, by the 13
        (["06/13/2025 10:00", "06/02/2025 10:00"], [(6, 13), (6, 2)]),  # month first
        (["02-06-2025 10:00", "03-06-2025 10:00"], [(6, 2), (6, 3)]),  # dashes: day first
    ],
)
def test_date_order_detected_per_file(
    tmp_path: Path, dates: list[str], expected: list[tuple[int, int]]
) -> None:
    body = "".join(f"{d};Bericht {n} over Dijkstad\n" for n, d in enumerate(dates))
    (tmp_path / "x.csv").write_text("Datum;Bericht\n" + body, encoding="utf-8")
    items, _ = read("x.csv", tmp_path)
    assert [(i.published_at.month, i.published_at.day) for i in items] == expected


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (["02/06/2025 10:00", "03/06/2025 10:00"], "dubbelzinnig"),
        (["13/06/2025 10:00", "06/13/2025 10:00"], "twee volgordes"),
    ],
)
def test_ambiguous_or_mixed_dates_are_an_error_never_a_guess(
    tmp_path: Path, dates: list[str], message: str
) -> None:
    body = "".join(f"{d};Bericht {n}\n" for n, d in enumerate(dates))
    (tmp_path / "x.csv").write_text("Datum;Bericht\n" + body, encoding="utf-8")
    with pytest.raises(SourceError, match=f"{message}.*date_format"):
        read("x.csv", tmp_path)
    items, _ = read("x.csv", tmp_path, date_format="%d/%m/%Y %H:%M")
    assert items[0].published_at is not None


def test_unknown_layout_names_the_columns_found(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("Kanaal,Bereik,Score\nfb,10,3\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"onbekende indeling.*Kanaal, Bereik, Score"):
        read("x.csv", tmp_path)


def test_one_bad_record_is_skipped_and_the_file_is_done(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text(
        '{"id": "1", "text": "Dijkstad goed", "date": "2025-06-02"}\n'
        '{"id": "2", "text": ["geen", "tekst"], "date": {"dag": 2}}\n'
        '{"id": "3", "text": "Dijkstad ook", "date": "2025-06-03"}\n',
        encoding="utf-8",
    )
    src = MonitorSourceSettings.model_validate({"kind": "import", "path": "x.jsonl"})
    ctx = FetchContext(None, (), (), tmp_path, 500, Budget())  # type: ignore[arg-type]
    batches = list(fetcher("import")(src, {}, ctx))
    assert [i.external_id for b in batches for i in b.items] == ["1", "3"]
    assert [s.external_id for b in batches for s in b.skipped] == ["x.jsonl:2"]
    # The file is marked done: the next run does not stumble on the same line again.
    assert list(fetcher("import")(src, batches[-1].state or {}, ctx)) == []
