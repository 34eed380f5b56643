"""Inline SVG charts for HTML output: a box plot of pay percentiles and a bar chart, each an accessible image.

Every chart carries a <title> and a <desc> (named by aria-labelledby) and prints its figures as text, so a screen
reader, a search and a reader of the printed page all get the numbers. A figure that is not published is written out
and not drawn. All text is escaped; nothing is fetched.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from .brief_doc import BarChart, BoxPlot
from .figures import dollars

WIDTH = 420  # two charts side by side on a page; each scales to its box
LEFT, RIGHT = 12, 12
INK, MUTED, BOX_FILL, BOX_LINE, BAR_FILL = "#1a1a1a", "#4a4a4a", "#cfe0f3", "#1f4e79", "#2f6aa3"


def _nice_step(span: float) -> int:
    """A round tick step giving at most five ticks over `span` dollars (their labels need room on a narrow chart)."""
    raw = span / 4 or 1
    power = 10 ** math.floor(math.log10(raw))
    return int(next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw))


def _open(chart_id: str, height: int, title: str, description: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" '
            f'class="chart" aria-labelledby="{chart_id}-title {chart_id}-desc">',
            f'<title id="{chart_id}-title">{escape(title)}</title>', f'<desc id="{chart_id}-desc">{escape(description)}</desc>']


def _lines(text: str, size: int, width: float) -> list[str]:
    """`text` wrapped at spaces to fit `width` pixels, at an average glyph width of 0.55 of the font size."""
    most = max(10, int(width / (size * 0.55)))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= most:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _text(x: float, y: float, value: str, anchor: str = "start", size: int = 12, fill: str = INK, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{fill}"{weight}>'
            f"{escape(value)}</text>")


def box_plot(chart: BoxPlot, chart_id: str) -> str:
    """Whiskers from p10 to p90, a box from p25 to p75, a thick line at the median; one row per place."""
    values = [v for r in chart.rows for v in (r.p10, r.p25, r.median, r.p75, r.p90) if v is not None]
    row_height, top = 74, 2
    height = top + row_height * len(chart.rows) + 34
    parts = _open(chart_id, height, chart.title, chart.description)
    if not values:
        parts += [_text(LEFT, 24, "Percentiles not published."), "</svg>"]
        return "\n".join(parts)
    step = _nice_step(max(values) - min(values))
    low, high = math.floor(min(values) / step) * step, math.ceil(max(values) / step) * step
    span = (high - low) or 1

    def x(v: float) -> float:
        return LEFT + (v - low) / span * (WIDTH - LEFT - RIGHT)

    for n, r in enumerate(chart.rows):
        y = top + n * row_height
        parts.append(_text(LEFT, y + 12, r.label, 13, bold=True))
        mid = y + 44
        stats = (r.p10, r.p25, r.median, r.p75, r.p90)
        if any(v is None for v in stats):
            parts.append(_text(LEFT, mid + 4, "Some percentiles not published: no plot.", fill=MUTED))
            continue
        p10, p25, median, p75, p90 = stats
        parts += [f'<line x1="{x(p10):.1f}" y1="{mid}" x2="{x(p90):.1f}" y2="{mid}" stroke="{BOX_LINE}" stroke-width="1.5"/>',
                  *(f'<line x1="{x(v):.1f}" y1="{mid - 8}" x2="{x(v):.1f}" y2="{mid + 8}" stroke="{BOX_LINE}" '
                    'stroke-width="1.5"/>' for v in (p10, p90)),
                  f'<rect x="{x(p25):.1f}" y="{mid - 12}" width="{x(p75) - x(p25):.1f}" height="24" fill="{BOX_FILL}" '
                  f'stroke="{BOX_LINE}" stroke-width="1.5"/>',
                  f'<line x1="{x(median):.1f}" y1="{mid - 12}" x2="{x(median):.1f}" y2="{mid + 12}" stroke="{INK}" '
                  'stroke-width="3"/>',
                  _text(x(median), mid - 16, f"median {dollars(median)}", "middle", 12, bold=True),
                  _text(x(p10), mid + 24, f"p10 {dollars(p10)}", "start", 11, MUTED),
                  _text(x(p90), mid + 24, f"p90 {dollars(p90)}", "end", 11, MUTED)]
    axis = top + row_height * len(chart.rows) + 6
    parts.append(f'<line x1="{LEFT}" y1="{axis}" x2="{WIDTH - RIGHT}" y2="{axis}" stroke="{MUTED}" stroke-width="1"/>')
    for tick in range(int(low), int(high) + 1, step):
        anchor = "start" if tick == low else "end" if tick == high else "middle"
        parts += [f'<line x1="{x(tick):.1f}" y1="{axis}" x2="{x(tick):.1f}" y2="{axis + 5}" stroke="{MUTED}"/>',
                  _text(x(tick), axis + 18, dollars(tick), anchor, 11, MUTED)]
    parts.append("</svg>")
    return "\n".join(parts)


def bar_chart(chart: BarChart, chart_id: str) -> str:
    """One bar per item, its label above it and its figure at its end; an item without a figure says so, undrawn."""
    bars: Sequence = chart.bars
    labels = [_lines(b.label, 11, WIDTH - LEFT - RIGHT) for b in bars]
    y, body = 4, []
    largest = max((b.value for b in bars if b.value is not None), default=0)
    room = WIDTH - LEFT - RIGHT - 80  # space for the figure after the longest bar
    for b, label in zip(bars, labels, strict=True):
        for line in label:
            y += 14
            body.append(_text(LEFT, y, line, size=11))
        if b.value is None or largest <= 0:
            body.append(_text(LEFT, y + 17, b.text, size=11, fill=MUTED))
        else:
            length = max(2.0, b.value / largest * room)
            # A total is an outline: its parts, drawn solid below it, are inside it, not beside it.
            paint = f'fill="#ffffff" stroke="{BAR_FILL}" stroke-width="2"' if b.total else f'fill="{BAR_FILL}"'
            body += [f'<rect x="{LEFT}" y="{y + 5}" width="{length:.1f}" height="14" {paint}/>',
                     _text(LEFT + length + 6, y + 17, b.text, size=11, bold=True)]
        y += 28
    parts = _open(chart_id, y + 4, chart.title, chart.description) + body
    parts.append("</svg>")
    return "\n".join(parts)
