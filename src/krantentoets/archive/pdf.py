"""PDFs of a Woo export: each document (redacted, the ground printed at each redaction) and the
inventory list. Written with fpdf2 (pure Python, no network).

Fonts: DejaVu Sans from the system (Debian ``fonts-dejavu-core``) when it is
there, for every character of Dutch and of names from elsewhere; otherwise
fpdf2's built-in Helvetica, which covers Latin-1 only: other characters are
replaced by ``?`` (the HTML and JSONL keep them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from fpdf import FPDF

from krantentoets.archive.grounds import grounds
from krantentoets.archive.redaction import Redacted, Redaction

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/local/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
)
_TOKEN_RE = re.compile(r"\n|[^\S\n]+|\S+")
LINE = 5.0


def _font_files() -> tuple[Path, Path] | None:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    return None


class _Pdf(FPDF):
    def __init__(self, footer_text: str, created: datetime) -> None:
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.set_creation_date(created)
        self.set_auto_page_break(True, margin=18)
        self.set_margins(18, 18, 18)
        fonts = _font_files()
        if fonts:
            self.add_font("DejaVu", "", str(fonts[0]))
            self.add_font("DejaVu", "B", str(fonts[1]))
            self.family_name = "DejaVu"
            self.unicode = True
        else:
            self.family_name = "helvetica"
            self.unicode = False
        self.use(size=10)

    def use(self, style: str = "", size: float = 10) -> None:
        self.set_font(self.family_name, style, size)

    def t(self, text: object) -> str:
        value = "" if text is None else str(text)
        if self.unicode:
            return value
        return value.encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-12)
        self.use(size=8)
        self.set_text_color(90)
        self.cell(0, 5, self.t(f"{self.footer_text} · pagina {self.page_no()} van {{nb}}"))
        self.set_text_color(0)

    def para(self, text: str, *, style: str = "", size: float = 10) -> None:
        self.use(style, size)
        height = LINE + (size - 10) / 2
        self.multi_cell(0, height, self.t(text), align="L", new_x="LMARGIN", new_y="NEXT")

    def box(self, label: str, left: float, right: float) -> None:
        """A redaction: a black box with its marker and ground in white."""
        self.use("B", 9)
        width = self.get_string_width(self.t(label)) + 2
        if self.get_x() + width > right:
            self.ln(LINE)
            self.set_x(left)
        self.set_fill_color(0)
        self.set_text_color(255)
        margin, self.c_margin = self.c_margin, 1.0  # 1 mm of black on either side
        self.cell(width, LINE, self.t(label), fill=True)
        self.c_margin = margin
        self.set_text_color(0)
        self.use(size=10)

    def flow(self, segments: Iterable[tuple[str, Redaction | None]], indent: float = 0) -> None:
        """Running text with redaction boxes, wrapped at the right margin."""
        # Words are cells exactly as wide as the word: no inner margin, or each word would be
        # drawn 1 mm right of its cell and run into the next one. The text starts where the
        # headings' text does (their cells keep the margin).
        margin, self.c_margin = self.c_margin, 0.0
        left = self.l_margin + indent + margin
        right = self.w - self.r_margin - margin
        self.set_x(left)
        self.use(size=10)
        for piece, red in segments:
            if red is not None:
                self.box(f"{piece} {red.ground}".strip(), left, right)
                continue
            for token in _TOKEN_RE.findall(piece):
                if token == "\n":
                    self.ln(LINE)
                    self.set_x(left)
                    continue
                text = self.t(token)
                width = self.get_string_width(text)
                if token.isspace():
                    if self.get_x() + width <= right:
                        self.cell(width, LINE, text)
                    continue
                if self.get_x() + width > right:
                    self.ln(LINE)
                    self.set_x(left)
                while self.get_string_width(text) > right - left:  # a very long word (a URL)
                    n = len(text)
                    while n > 1 and self.get_string_width(text[:n]) > right - self.get_x():
                        n -= 1
                    self.cell(self.get_string_width(text[:n]), LINE, text[:n])
                    self.ln(LINE)
                    self.set_x(left)
                    text = text[n:]
                self.cell(self.get_string_width(text), LINE, text)
        self.c_margin = margin
        self.ln(LINE + 1)


def _segments(value: str | Redacted | None) -> list[tuple[str, Redaction | None]]:
    if value is None:
        return []
    if isinstance(value, str):
        return [(value, None)]
    return list(value.segments())


def ground_legend(codes: Iterable[str]) -> list[str]:
    table = grounds()
    return [f"{c}: {table[c].text}" for c in sorted(set(codes)) if c in table]


def document_pdf(
    path: Path,
    *,
    title: str,
    header: str,
    facts: Sequence[tuple[str, str]],
    blocks: Sequence[tuple[str, str | Redacted | None]],
    ground_codes: Iterable[str],
    created: datetime,
) -> None:
    """One document: title, facts (label, value), then text blocks (heading, text)."""
    pdf = _Pdf(header, created)
    pdf.set_title(title)
    pdf.set_lang("nl")
    pdf.add_page()
    pdf.para(title, style="B", size=14)
    pdf.ln(1)
    pdf.use(size=9)
    for label, value in facts:
        pdf.use("B", 9)
        pdf.cell(42, LINE, pdf.t(label))
        pdf.use(size=9)
        pdf.multi_cell(0, LINE, pdf.t(value), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for heading, text in blocks:
        if heading:
            pdf.para(heading, style="B", size=10)
        pdf.flow(_segments(text), indent=4 if heading.startswith("Reactie op") else 0)
    legend = ground_legend(ground_codes)
    if legend:
        pdf.ln(2)
        pdf.para("Gelakt op grond van:", style="B", size=9)
        for line in legend:
            pdf.para(line, size=9)
    pdf.output(str(path))


def inventory_pdf(
    path: Path,
    *,
    title: str,
    intro: Sequence[str],
    rows: Iterable[Sequence[str]],
    created: datetime,
) -> None:
    """The inventory list as a table: nr., date, title, decision, grounds."""
    pdf = _Pdf(title, created)
    pdf.set_title(title)
    pdf.set_lang("nl")
    pdf.add_page(orientation="landscape")
    pdf.para(title, style="B", size=14)
    for line in intro:
        pdf.para(line, size=9)
    pdf.ln(2)
    pdf.use(size=8)
    headings = ("Nr.", "Datum", "Titel", "Besluit", "Gronden")
    with pdf.table(
        col_widths=(10, 38, 118, 30, 40),
        text_align=("RIGHT", "LEFT", "LEFT", "LEFT", "LEFT"),
        line_height=4.5,
        first_row_as_headings=True,
    ) as table:
        for row in [headings, *rows]:
            cells = table.row()
            for value in row:
                cells.cell(pdf.t(value))
    pdf.output(str(path))
