"""Server-rendered SVG charts: no chart library, no JavaScript.

Used by the Trends page and by the GP report (PDF), so colours are SVG
presentation attributes (CSS may override them for dark mode; WeasyPrint
reads them as they are) and nothing is inline-styled (the CSP forbids it).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape

from diary.pain import PAIN_MAX
from diary.trends import DayPoint


@dataclass(frozen=True)
class ChartBox:
    width: int = 360
    height: int = 220
    left: int = 30  # room for the 0/5/10 labels
    right: int = 10
    top: int = 12
    bottom: int = 28  # room for the date labels

    @property
    def plot_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> int:
        return self.height - self.top - self.bottom


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def pain_chart_svg(
    series: Sequence[DayPoint],
    *,
    title: str,
    description: str,
    x_labels: Sequence[tuple[datetime.date, str]] = (),
    box: ChartBox = ChartBox(),
    chart_id: str = "pain-chart",
    bands: Sequence[tuple[datetime.date, datetime.date | None, str]] = (),
) -> str:
    """Day scores as dots (one per scored day; gaps stay empty), the 7-day
    rolling mean as a line that breaks where the mean is missing, and shaded
    bands for periods in which an exercise was paused (start, end, label)."""
    if not series:
        series = []
    first = series[0].date if series else datetime.date.today()
    span_days = max((series[-1].date - first).days, 1) if series else 1

    def x(day: datetime.date) -> float:
        return box.left + (day - first).days / span_days * box.plot_width

    def y(value: float) -> float:
        return box.top + (1 - value / PAIN_MAX) * box.plot_height

    parts = _svg_start(box, chart_id, title, description)
    parts += _pain_grid(box, y)
    for index, (day, label) in enumerate(x_labels):
        # The first label starts at the axis, the last ends at the edge.
        anchor = "start" if index == 0 else "end" if index == len(x_labels) - 1 else "middle"
        parts.append(
            f'<text class="chart-label" x="{_fmt(x(day))}" y="{box.height - 8}" '
            f'text-anchor="{anchor}" font-size="11" fill="#4f5b66">{escape(label)}</text>'
        )
    if series:
        last = series[-1].date
        for since, until, label in bands:
            band_start = max(since, first)
            band_end = min(until - datetime.timedelta(days=1), last) if until else last
            if band_end < band_start:
                continue
            parts.append(
                f'<rect class="chart-pause" x="{_fmt(x(band_start))}" y="{box.top}" '
                f'width="{_fmt(max(x(band_end) - x(band_start), 2))}" height="{box.plot_height}" '
                f'fill="#f2a900" fill-opacity="0.18"><title>{escape(label)}</title></rect>'
            )
    # The rolling mean: one path, a new sub-path after each gap.
    path, drawing = [], False
    for point in series:
        if point.rolling_mean is None:
            drawing = False
            continue
        command = "L" if drawing else "M"
        path.append(f"{command}{_fmt(x(point.date))} {_fmt(y(point.rolling_mean))}")
        drawing = True
    if path:
        parts.append(
            f'<path class="chart-mean" d="{" ".join(path)}" fill="none" stroke="#0b5d8c" '
            'stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>'
        )
    # One dot per scored day.
    radius = 3 if len(series) <= 120 else 1.6
    for point in series:
        if point.score is None:
            continue
        parts.append(
            f'<circle class="chart-dot" cx="{_fmt(x(point.date))}" cy="{_fmt(y(point.score))}" '
            f'r="{radius}" fill="#ef6c00">'
            f"<title>{point.date.isoformat()}: {point.score}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)


# A mid blue with at least 3:1 contrast (WCAG 1.4.11, graphics) on the white
# card (4.1:1) and on the dark-mode card #1b232b (3.8:1), so it needs no
# dark-mode override in the style sheet.
BAR_FILL = "#3b82b8"


def bar_chart_svg(
    bars: Sequence[tuple[datetime.date, float | None, str]],
    *,
    title: str,
    description: str,
    x_labels: Sequence[tuple[datetime.date, str]] = (),
    box: ChartBox = ChartBox(height=180),
    chart_id: str = "week-chart",
) -> str:
    """One bar per week (its Monday, the mean day score or None, and a label
    for the bar's tooltip), on the same 0-10 scale as pain_chart_svg. A week
    without a mean gets no bar: an empty slot, never a bar of zero."""
    slots = max(len(bars), 1)
    slot = box.plot_width / slots
    # Bars at least 1 unit wide so ten years (520 weeks) still show a shape;
    # with few weeks a gap keeps them apart.
    width = min(max(slot * 0.7, 1), 40)
    index_of = {monday: n for n, (monday, _value, _label) in enumerate(bars)}

    def x(n: int) -> float:
        # Centred in its slot; kept inside the plot when a bar is wider than it.
        left = box.left + n * slot + (slot - width) / 2
        return min(max(left, box.left), box.width - box.right - width)

    def y(value: float) -> float:
        return box.top + (1 - value / PAIN_MAX) * box.plot_height

    parts = _svg_start(box, chart_id, title, description)
    parts += _pain_grid(box, y)
    for index, (monday, label) in enumerate(x_labels):
        n = index_of.get(monday)
        if n is None:
            continue
        anchor = "start" if index == 0 else "end" if index == len(x_labels) - 1 else "middle"
        lx = box.left if anchor == "start" else box.width - box.right if anchor == "end" else None
        parts.append(
            f'<text class="chart-label" x="{_fmt(lx if lx is not None else x(n) + width / 2)}" '
            f'y="{box.height - 8}" text-anchor="{anchor}" font-size="11" fill="#4f5b66">'
            f"{escape(label)}</text>"
        )
    for n, (_monday, value, label) in enumerate(bars):
        if value is None:
            continue
        top = y(value)
        # A mean of 0 still gets a sliver, so "no pain" differs from "no data".
        height = max(y(0) - top, 1.5)
        parts.append(
            f'<rect class="chart-bar" x="{_fmt(x(n))}" y="{_fmt(y(0) - height)}" '
            f'width="{_fmt(width)}" height="{_fmt(height)}" fill="{BAR_FILL}">'
            f"<title>{escape(label)}</title></rect>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _svg_start(box, chart_id: str, title: str, description: str) -> list[str]:
    """The opening tag with its accessible name and description."""
    return [
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" '
        f'viewBox="0 0 {box.width} {box.height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def _pain_grid(box, y) -> list[str]:
    """Grid lines and the 0, 5 and 10 labels of the pain axis."""
    parts = []
    for value in (0, 5, 10):
        gy = _fmt(y(value))
        parts.append(
            f'<line class="chart-grid" x1="{box.left}" x2="{box.width - box.right}" '
            f'y1="{gy}" y2="{gy}" stroke="#c9cfd6" stroke-width="1"/>'
        )
        parts.append(
            f'<text class="chart-label" x="{box.left - 6}" y="{_fmt(y(value) + 4)}" '
            f'text-anchor="end" font-size="11" fill="#4f5b66">{value}</text>'
        )
    return parts
