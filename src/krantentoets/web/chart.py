"""The inbox's weekly pictures: compliments against criticism, and positive against negative
tone, as inline SVG.

Rendered on the server (no chart library, nothing loaded from elsewhere). The
SVG has a title and description for screen readers, and the page shows the
same numbers in a table; colours are told apart by pattern as well (criticism
bars are hatched), so the chart does not rely on colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape

from markupsafe import Markup


@dataclass(frozen=True, slots=True)
class Week:
    start: date
    compliments: int
    criticism: int

    @property
    def label(self) -> str:
        return f"wk {self.start.isocalendar().week}"

    @property
    def long_label(self) -> str:
        end = self.start + timedelta(days=6)
        return f"week {self.start.isocalendar().week} ({self.start:%d-%m} t/m {end:%d-%m})"


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_counts(
    rows: Iterable[tuple[datetime | date, str]],
    today: date,
    weeks: int,
    kinds: tuple[str, str] = ("compliment", "criticism"),
) -> list[Week]:
    """Count ``(when, kind)`` rows per week for the ``weeks`` weeks up to ``today``'s.

    The first of ``kinds`` is counted as ``compliments``, the second as ``criticism``
    (for the tone chart: ``("positive", "negative")``).
    """
    last = week_start(today)
    first = last - timedelta(weeks=weeks - 1)
    counts = {first + timedelta(weeks=i): [0, 0] for i in range(weeks)}
    for when, label in rows:
        day = when.date() if isinstance(when, datetime) else when
        key = week_start(day)
        if key not in counts:
            continue
        if label == kinds[0]:
            counts[key][0] += 1
        elif label == kinds[1]:
            counts[key][1] += 1
    return [Week(start, c, k) for start, (c, k) in sorted(counts.items())]


# Geometry (SVG user units; the SVG scales to its container).
WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 16, 34


def _nice_max(value: int) -> int:
    for step in (4, 8, 12, 20, 40, 60, 100, 200, 400, 1000):
        if value <= step:
            return step
    return ((value + 999) // 1000) * 1000


@dataclass(frozen=True, slots=True)
class Series:
    """The words of one chart: its title and the names of its two bars (Dutch)."""

    title: str = "Complimenten en kritiek per week"
    first: str = "complimenten"
    second: str = "kritiek"
    #: How the description names the second count ("berichten met kritiek").
    second_long: str = "berichten met kritiek"


LABELS = Series()
TONE = Series(
    "Positieve en negatieve berichten per week",
    "positief",
    "negatief",
    "negatieve berichten",
)


def svg(
    weeks: list[Week],
    title_id: str = "grafiek-titel",
    desc_id: str = "grafiek-uitleg",
    series: Series = LABELS,
    *,
    width: int = WIDTH,
    css_class: str = "chart",
) -> Markup:
    """A grouped bar chart: per week a first bar and a (hatched) second bar (compliments and
    criticism, or positive and negative tone: ``series``).

    A narrow ``width`` (with fewer weeks) keeps the labels readable on a phone.
    """
    WIDTH = width
    top = _nice_max(max([1] + [max(w.compliments, w.criticism) for w in weeks]))
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(weeks), 1)
    bar = slot * 0.34
    total_c = sum(w.compliments for w in weeks)
    total_k = sum(w.criticism for w in weeks)
    out = [
        f'<svg class="{css_class}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(series.title)}</title>',
        f'<desc id="{desc_id}">{len(weeks)} weken: {total_c} {escape(series.first)} en '
        f"{total_k} {escape(series.second_long)}. De tabel onder de grafiek geeft de aantallen "
        "per week.</desc>",
        f'<defs><pattern id="arcering-{title_id}" width="6" height="6" '
        'patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" class="bar-criticism"/>'
        '<line x1="0" y1="0" x2="0" y2="6" class="hatch"/></pattern></defs>',
    ]
    for i in range(5):
        value = top * i // 4
        y = TOP + plot_h - plot_h * i / 4
        out.append(
            f'<line class="gridline" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        out.append(
            f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>'
        )
    for i, w in enumerate(weeks):
        x0 = LEFT + slot * i + (slot - 2 * bar) / 2
        for j, (value, paint) in enumerate(
            (
                (w.compliments, 'class="bar-compliment"'),
                (w.criticism, f'fill="url(#arcering-{title_id})"'),
            )
        ):
            h = plot_h * value / top
            x = x0 + j * bar
            y = TOP + plot_h - h
            out.append(
                f'<rect {paint} x="{x:.1f}" y="{y:.1f}" width="{bar - 1:.1f}" '
                f'height="{h:.1f}"><title>{escape(w.long_label)}: {value} '
                f"{escape(series.first if j == 0 else series.second)}</title></rect>"
            )
        cx = LEFT + slot * i + slot / 2
        out.append(
            f'<text class="axis" x="{cx:.1f}" y="{HEIGHT - 12}" text-anchor="middle">'
            f"{escape(w.label)}</text>"
        )
    out.append("</svg>")
    return Markup("".join(out))
