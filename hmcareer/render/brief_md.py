"""The career brief as markdown: headings, lists and tables a person reads, sources numbered with full addresses."""

from __future__ import annotations

import re
import textwrap

from .brief_doc import (
    BoxPlot,
    BriefDocument,
    Charts,
    Heading,
    Inline,
    Items,
    Link,
    Para,
    Ref,
    Side,
    Sources,
    Strong,
    Table,
    source_line,
)
from .figures import dollars, markdown_text


def text(value: str, line_start: bool = True) -> str:
    """Data text as written (figures.markdown_text); spaces at either end are kept, those inside collapse."""
    words = " ".join(value.split())
    lead, trail = " " if value[:1].isspace() and words else "", " " if value[-1:].isspace() and words else ""
    return lead + markdown_text(words, line_start) + trail


def inline(parts: Inline) -> str:
    out = []
    for part in parts:
        if isinstance(part, Ref):
            out.append(" [" + ", ".join(map(str, part.numbers)) + "]")
        elif isinstance(part, Link):
            out.append(f"<{part.url}>")
        elif isinstance(part, Strong):
            out.append(f"**{text(part.text).strip()}**" + (" " if part.text.endswith(" ") else ""))
        else:
            out.append(text(part, line_start=not out))
    return "".join(out).strip()


def _table(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], numeric: tuple[bool, ...]) -> list[str]:
    lines = ["| " + " | ".join(text(h) for h in header) + " |",
             "|" + "|".join("---:" if right else "---" for right in numeric) + "|"]
    return lines + ["| " + " | ".join(text(c, line_start=False) for c in row) + " |" for row in rows]


def _flat(blocks: tuple) -> list:
    """Blocks in reading order: what stands side by side on a page comes one after the other."""
    return [inner for block in blocks for inner in ((*block.left, *block.right) if isinstance(block, Side) else (block,))]


def brief_markdown(doc: BriefDocument) -> str:
    lines = [f"# {text(doc.title)}", ""]
    if doc.subtitle:
        lines += [f"*{text(doc.subtitle)}*", ""]
    for block in _flat(doc.blocks):
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + text(block.text), ""]
        elif isinstance(block, Para):
            lines += [inline(block.parts), ""]
        elif isinstance(block, Items):
            lines += [(f"{i}. " if block.ordered else "- ") + inline(item) for i, item in enumerate(block.items, 1)] + [""]
        elif isinstance(block, Table):
            lines += [f"**{text(block.caption)}**", "", *_table(block.header, block.rows, block.numeric), ""]
        elif isinstance(block, Charts):  # the tables give every figure; a box plot's middle half in words
            spans = [f"{text(r.label)}: the middle half of jobs pay {dollars(r.p25)} to {dollars(r.p75)}"
                     for chart in block.charts if isinstance(chart, BoxPlot)
                     for r in chart.rows if r.p25 is not None and r.p75 is not None]
            if spans:
                lines += ["; ".join(spans) + ".", ""]
        elif isinstance(block, Sources):
            for n, s in enumerate(block.sources, 1):
                what, date, url = source_line(s)
                lines.append(f"{n}. {text(what)}, {text(date)}" + (f", <{url}>" if url else ""))
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


_ITEM = re.compile(r"(\s*(?:[-*]|\d+\.)\s+)")  # a list item's marker, whose width its continuation lines are indented by


def for_screen(markdown: str, width: int) -> str:
    """The brief's markdown laid out for a terminal `width` wide: lines wrapped between words (an address or a long
    word stays whole), and a table too wide for the screen given as one item per row ("**Ohio**: jobs 24,390;
    ..."). Still markdown, and nothing left out."""
    out: list[str] = []
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].startswith("|"):
            table = []
            while i < len(lines) and lines[i].startswith("|"):
                table.append(lines[i])
                i += 1
            if max(map(len, table)) <= width:
                out += table
                continue
            header, *rows = (_cells(line) for line in table[:1] + table[2:])
            for row in rows:
                pairs = "; ".join(f"{name} {value}" for name, value in zip(header[1:], row[1:], strict=False))
                out += _wrapped(f"- **{row[0]}**: {pairs}", width)
            continue
        out += _wrapped(lines[i], width)
        i += 1
    return "\n".join(out)


def _cells(line: str) -> list[str]:
    # Data text escapes "|" as "\|" (figures.markdown_text): split only on the bare ones.
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def _wrapped(line: str, width: int) -> list[str]:
    if len(line) <= width:
        return [line]
    marker = _ITEM.match(line)
    indent = " " * len(marker.group(1)) if marker else ""
    return textwrap.wrap(line, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False) or [line]
