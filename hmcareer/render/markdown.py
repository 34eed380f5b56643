"""Markdown for people: each view's own layout (its headings, lines, lists, tables and trees), written as markdown.

`MarkdownHuman` is the drawing helper the human views already call (human.Human), writing markdown instead of
terminal lines: a heading is a markdown heading, a bullet a list item, a table a pipe table (without the bar columns
that only draw figures shown beside them), a tree a nested list. So `--format markdown` shows what the table view
shows, names and formatted figures included, and ends with the sources it cites, each with its address. The raw
fields stay in csv and json.
"""

from __future__ import annotations

import io
import re
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..models import Source
from .figures import markdown_text as text
from .human import Human

WIDE = 10_000  # no line is wrapped: markdown readers wrap it
BAR_CELL = re.compile(r"[█#]*")
# A text chart drawn with box characters (pay.box_line's whiskers and box): its figures are written beside it.
TEXT_CHART = re.compile(r"\s[─█┃=|\-]{6,}\s")


def _plain(cell: Any) -> str:
    value = cell.plain if isinstance(cell, Text) else str(cell or "")
    return " ".join(value.split())


def _cell(cell: Any) -> str:
    """A table cell: its lines (a title, an address, a note) kept apart by <br>, which markdown tables allow."""
    value = cell.plain if isinstance(cell, Text) else str(cell or "")
    return "<br>".join(text(" ".join(line.split()), line_start=False) for line in value.split("\n") if line.strip())


class MarkdownHuman(Human):
    """Draws a view as markdown lines (`markdown()` returns them, with the sources the view cited)."""

    writes_markdown = True

    def __init__(self, sources: dict[str, Source], commands: bool = True):
        super().__init__(Console(file=io.StringIO(), width=WIDE, color_system=None), sources, False, commands)
        self.lines: list[str] = []
        self.headings = 0

    def _blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def heading(self, title: str) -> None:
        self._blank()
        self.lines += [("# " if not self.headings else "## ") + text(" ".join(title.split())), ""]
        self.headings += 1

    def hanging(self, prefix: str | Text, body: Text, style: str | None = None, rest: Text | None = None) -> None:
        lead = _plain(prefix)
        line = text(TEXT_CHART.sub(" - ", _plain(body)))
        if lead in ("•", "-"):
            self.lines.append(f"- {line}")
            return
        if not line and not lead:
            self._blank()
            return
        if self.lines and self.lines[-1].startswith("- ") and _plain(prefix) == "" and str(prefix).startswith(" "):
            self.lines[-1] += " " + line  # the continuation of a list item
            return
        if self.lines and self.lines[-1].startswith("- "):
            self.lines.append("")
        self.lines += [" ".join(filter(None, (text(lead), line))), ""]

    def print_table(self, table: Table) -> None:
        self._blank()
        if table.title:
            self.lines += [f"**{text(_plain(table.title))}**", ""]
        columns = [c for c in table.columns if not all(BAR_CELL.fullmatch(_plain(cell)) for cell in c.cells)]
        if not table.show_header or not any(_plain(c.header) for c in columns):  # a grid: one line per row
            for row in zip(*(list(c.cells) for c in columns), strict=True):
                self.lines.append("- " + " ".join(text(_plain(cell)) for cell in row if _plain(cell)))
            self.lines.append("")
            return
        self.lines.append("| " + " | ".join(text(_plain(c.header)) or " " for c in columns) + " |")
        self.lines.append("|" + "|".join("---:" if c.justify == "right" else "---" for c in columns) + "|")
        for row in zip(*(list(c.cells) for c in columns), strict=True):
            self.lines.append("| " + " | ".join(_cell(cell) for cell in row) + " |")
        self.lines.append("")

    def print_tree(self, tree: Tree) -> None:
        self._blank()

        def walk(node: Tree, depth: int) -> None:
            self.lines.append("  " * depth + "- " + text(_plain(node.label)))
            for child in node.children:
                walk(child, depth + 1)

        self.lines.append(f"**{text(_plain(tree.label))}**")
        self.lines.append("")
        for child in tree.children:
            walk(child, 0)
        self.lines.append("")

    def bar(self, value: float | None, top: float, width: int = 16) -> Text:
        return Text("")  # a bar only draws a figure its row gives

    def flush(self) -> None:
        self.pending = []

    def footer(self) -> None:
        self.pending = []

    def markdown(self) -> str:
        """The view as markdown, then the sources it cites with their addresses."""
        from .machine import markdown_sources

        cited = [self.sources[sid] for sid in self.cited if sid in self.sources]
        body = "\n".join(self.lines).strip("\n")
        return body + "\n" + markdown_sources(cited)
