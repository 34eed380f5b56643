"""Our own column widths for tables, and our own word wrapping.

Rich's layout squeezes columns until figures end in "…" and words break mid-way, and its
arithmetic differs between releases. So hmcareer decides each column's width itself, from
the plain text of the cells (`cell_len`, no rendering), and draws the table at those widths
itself (tables.py); views still describe tables as Rich `Table`s, through its public API.

Each column has a *natural* width, its widest line (header included; never above `max_width`
unless a word needs more, never below `min_width`), and a *need*, the least it can have and
stay readable:

- a no_wrap column (ids, codes, figures): its widest line, whole;
- a cropped column (a bar): its `min_width`, or 1;
- a wrapping column (names, text): its longest word, so that no id, URL, figure or name is
  ever folded; at least its `min_width`.

When the natural widths fit, they are used. Otherwise the wrapping and cropped columns shrink,
widest first (the widest is cut down to the next widest, then both together, and so on), each
never below its need. When even the needs do not fit, there is no readable layout
(`column_widths` returns None) and the caller shows the rows another way. Tables here never
expand, so `Column.ratio` plays no part.

`wrap` breaks text at spaces only: a word longer than the line (a URL) gets a line of its own,
whole, for the terminal to soft-wrap, so that copying it gives the whole address.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

_WORD = re.compile(r"\s*\S+\s*")  # a word with the spaces around it, as a line breaks after it
_HYPHENATED = r"[^-]*-+|[^-]+"  # a word's runs up to and including each hyphen
_IDENTIFIER = r"[\[(]?[a-z0-9-]+[\]),.;:]*"  # as ids are written in text: "[bls-ooh-2023]", "nursing-home-administrator,"


def _plain(cell: Any) -> str:
    """A cell's text. Views build cells as `Text` (data is never markup); a str is taken literally."""
    if isinstance(cell, Text):
        return cell.plain
    if cell is None or isinstance(cell, str):
        return cell or ""
    raise TypeError(f"layout measures text cells only, not {type(cell).__name__}")


def _widest_line(text: str) -> int:
    return max(map(cell_len, text.split("\n")), default=0)


def longest_word(text: str) -> int:
    return max(map(cell_len, text.split()), default=0)


def padding(table: Table, index: int) -> int:
    """The padding cells left and right of column `index`: none at the table's edges unless pad_edge.

    With collapse_padding (grids), the space between two columns is the wider of their paddings.
    """
    _, right, _, left = table.padding
    if table.collapse_padding and index > 0:
        left = max(0, left - right)
    if not table.pad_edge:
        left = 0 if index == 0 else left
        right = 0 if index == len(table.columns) - 1 else right
    return left + right


def rules(table: Table) -> int:
    """The cells a row spends on box lines: one between columns, and the outer edges when shown."""
    if not table.box:
        return 0
    return len(table.columns) - 1 + (2 if table.show_edge else 0)


def _check(table: Table) -> None:
    _, right, _, left = table.padding
    if table.expand or table.width is not None or table.min_width is not None or (table.collapse_padding and left > right):
        # Rich sizes these by rules of its own (and counts collapsed left padding differently from how it draws it).
        raise ValueError("layout lays out tables that do not expand and have no set width")


def measure(table: Table) -> list[tuple[int, int, bool]]:
    """(natural width, need, shrinks) for each column, in cells, padding excluded."""
    _check(table)
    measured = []
    for column in table.columns:
        texts = [_plain(cell) for cell in column.cells]
        if table.show_header:
            texts.append(_plain(column.header))
        if table.show_footer:
            texts.append(_plain(column.footer))
        widest = max(map(_widest_line, texts), default=0)
        least = column.min_width or 0
        if column.width is not None:  # set by the view: kept as it is
            natural = need = column.width
        elif column.overflow == "crop":
            need = max(least, 1)
            natural = max(widest, need)
        elif column.no_wrap:
            natural = need = max(widest, least)
        else:
            need = max(max(map(longest_word, texts), default=0), least)
            natural = max(min(widest, column.max_width) if column.max_width is not None else widest, need)
        shrinks = column.width is None and natural > need
        measured.append((max(natural, 1), max(need, 1), shrinks))
    return measured


def column_widths(table: Table, width: int) -> list[int] | None:
    """Each column's width (padding excluded) for the table to fit `width` cells with every cell readable, or None."""
    measured = measure(table)
    room = width - rules(table) - sum(padding(table, i) for i in range(len(measured)))
    naturals = [natural for natural, _, _ in measured]
    if sum(naturals) <= room:
        return naturals

    def at_level(level: int) -> list[int]:
        """Every shrinking column cut down to `level`, but not below its need."""
        return [max(need, min(natural, level)) if shrinks else natural for natural, need, shrinks in measured]

    if sum(at_level(0)) > room:
        return None  # even the least each column needs is too wide
    low, high = 0, max(naturals)  # the widest level that fits: at_level(low) fits, at_level(high) does not
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if sum(at_level(middle)) <= room else (low, middle)
    widths = at_level(low)
    # One level more would not fit: the cells left over go, one each, to the leftmost columns cut down to it.
    spare = room - sum(widths)
    for i, (natural, _, shrinks) in enumerate(measured):
        if spare and shrinks and widths[i] == low < natural:
            widths[i] += 1
            spare -= 1
    return widths


def wrap(text: Text, width: int) -> list[Text]:
    """`text` in lines of at most `width` cells, broken at spaces; a word longer than a line breaks after its hyphens
    (Nashville-Davidson--Murfreesboro--Franklin,), and one without any (a URL) has a line of its own, whole."""
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        if "\t" in paragraph.plain:
            paragraph.expand_tabs()
        breaks, used = [], 0
        for start, unit in _units(paragraph.plain, width):
            if used and used + cell_len(unit.rstrip()) > width:
                breaks.append(start)
                used = 0
            used += cell_len(unit)
        for line in paragraph.divide(breaks):
            line.rstrip()
            lines.append(line)
    return lines


def narrowest(plain: str) -> int:
    """The fewest cells `wrap` can fit `plain` into: its longest word, or for a word it may hyphenate, longest run."""
    return max((max(map(cell_len, re.findall(_HYPHENATED, word))) if _hyphenates(word) else cell_len(word)
                for word in plain.split()), default=0)


def _hyphenates(word: str) -> bool:
    """Whether a word too long for a line may break after its hyphens: a name may, an id or a URL never (they are
    copied and typed whole: lowercase letters, digits and hyphens, or an address)."""
    return "://" not in word and re.fullmatch(_IDENTIFIER, word.strip()) is None


def _units(plain: str, width: int) -> Iterator[tuple[int, str]]:
    """(offset, text) of each piece a line may end after: words with their spaces, and within a word too long for a
    line (but not a URL), each run up to a hyphen."""
    for word in _WORD.finditer(plain):
        text = word.group()
        if cell_len(text.strip()) <= width or not _hyphenates(text):
            yield word.start(), text
            continue
        for piece in re.finditer(_HYPHENATED, text):
            yield word.start() + piece.start(), piece.group()
