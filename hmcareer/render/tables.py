"""Drawing a table at the widths `layout` chose, as lines of Text: what Rich's Table would draw, without its renderer.

hmcareer's tables are plain: text cells, no expanding, no edges, a rule under the header (or
none, for grids). Rich's general-purpose renderer measures and renders every cell through its
render protocol, which made the widest lists spend a tenth of their start-up drawing. Here each
cell is wrapped by `layout.wrap` (the one wrapping rule of all human output), padded to its
column's width and joined, with the box characters of the table's own Box (public attributes).
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Span, Text

from . import layout


def draw(table: Table, widths: list[int]) -> list[Text]:
    """The table's lines (header, rule, rows) with each column `widths[i]` cells wide, padding excluded."""
    columns = table.columns
    box = table.box
    lefts, rights = _paddings(table)
    lines: list[Text] = []
    if table.show_header:
        header = [_cell(column.header, "bold") for column in columns]
        lines += _row(header, columns, widths, lefts, rights, box.head_vertical if box else "", style="")
        if box:
            spans = [width + left + right for width, left, right in zip(widths, lefts, rights, strict=True)]
            lines.append(Text(box.head_row_cross.join(box.head_row_horizontal * span for span in spans)))
    vertical = box.mid_vertical if box else ""
    by_column = [list(column.cells) for column in columns]
    for index, row in enumerate(table.rows):
        cells = [_cell(column_cells[index], "") for column_cells in by_column]
        lines += _row(cells, columns, widths, lefts, rights, vertical, style=row.style or "")
    return lines


def _paddings(table: Table) -> tuple[list[int], list[int]]:
    """Each column's left and right padding, as `layout.padding` counts them."""
    _, right, _, left = table.padding
    count = len(table.columns)
    lefts = [left if i else 0 for i in range(count)] if not table.pad_edge else [left] * count
    if table.collapse_padding:
        lefts = [max(0, pad - right) if i else pad for i, pad in enumerate(lefts)]
    rights = [right if i < count - 1 else 0 for i in range(count)] if not table.pad_edge else [right] * count
    return lefts, rights


def _cell(value: Any, style: str) -> Text:
    text = value.copy() if isinstance(value, Text) else Text(value or "")
    if style:
        text.stylize(style)
    return text


def _row(cells: list[Text], columns: list[Any], widths: list[int], lefts: list[int], rights: list[int], vertical: str,
         style: str) -> list[Text]:
    """One row of cells as lines: each cell wrapped to its width, justified and padded; the row's style beneath all of
    it, each column's style beneath its cells' own. Each line is built as one string and its spans: a table of a few
    dozen rows would otherwise cost thousands of Text copies."""
    wrapped = [cell.split("\n", allow_blank=True) if column.no_wrap else layout.wrap(cell, width)
               for cell, column, width in zip(cells, columns, widths, strict=True)]
    lines = []
    for n in range(max(map(len, wrapped), default=1)):
        parts: list[str] = []
        spans: list[Span] = []
        at = 0  # characters so far (spans count characters; widths count cells)
        for i, (cell_lines, column, width) in enumerate(zip(wrapped, columns, widths, strict=True)):
            lead = (vertical if i else "") + " " * lefts[i]
            parts.append(lead)
            at += len(lead)
            line = cell_lines[n] if n < len(cell_lines) else Text()
            gap = max(0, width - line.cell_len)
            before = gap if column.justify == "right" else gap // 2 if column.justify == "center" else 0
            start, end = at + before, at + before + len(line.plain)
            spans += [Span(start, end, cell_style) for cell_style in (column.style, line.style) if cell_style]
            spans += [Span(start + span.start, start + span.end, span.style) for span in line.spans]
            parts.append(" " * before + line.plain + " " * (gap - before + rights[i]))
            at = end + gap - before + rights[i]
        text = "".join(parts).rstrip()
        kept = [Span(span.start, min(span.end, len(text)), span.style) for span in spans if span.start < len(text)]
        lines.append(Text(text, style=style, spans=kept))
    return lines
