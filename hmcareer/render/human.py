"""The drawing helper of human output: tables, wrapped lines, bullets, bars and the sources footer.

The footer counts the sources a view cites by kind (models.SOURCE_KINDS) in at most two lines and says how to list
them (`--sources` on the command, `sources` in the explorer); a fact known only from a third party or Wikipedia is
marked as such where it is shown (`Human.unconfirmed`).

The views that use it are in views.py (catalogue pages), pay.py (salary), paths.py and fit.py.
Every string that comes from a data file goes through `Text(...)` (never markup), so a `[`
in a title can neither style nor break the output. Lines are wrapped by `layout.wrap`, at
spaces only, and tables get their column widths from `layout`, so no word, id, figure or
URL is ever cut or broken.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from ..models import (
    SOURCE_KINDS,
    THIRD_PARTY_TAGS,
    CheckedClaim,
    Fact,
    Release,
    Source,
    WageEstimate,
    kind_label,
    unconfirmed_by,
)
from . import layout, tables

if TYPE_CHECKING:  # importing either imports rich.console, which output to a pipe or file does without (terminal.py)
    from rich.console import Console
    from rich.tree import Tree

# Guides as Rich draws them (blank, line, branch, last branch), four cells a level or two; Unicode, then ASCII.
TREE_GUIDES = {4: (("    ", "│   ", "├── ", "└── "), ("    ", "|   ", "+-- ", "`-- ")),
               2: (("  ", "│ ", "├ ", "└ "), ("  ", "| ", "+ ", "` "))}
CODE_HEADERS = ("code", "id", "soc", "abbr")  # columns of codes (a SOC code, an abbreviation): a block puts them after its name
NOT_PUBLISHED = "not published"
SOURCES_HINT = "to list them, type sources"  # the footer's pointer in the explorer
NOT_APPLICABLE = "n/a"
JOB_DESCRIPTION_2012 = "job-description-2012"  # the source id of the 2012 text itself
ABOUT_2012 = 'The 2012 job description: a widely copied web text on "Medical and Health Manager", checked here claim by claim'
VERDICT_STYLES = {"true": "green", "out of date": "yellow", "wrong": "red", "unverified": "magenta"}


def _as_text(cell: Any) -> Text:
    return cell if isinstance(cell, Text) else Text(str(cell or ""))


def _rstripped(text: Text) -> Text:
    text = text.copy()
    text.rstrip()
    return text


class Human:
    """Draws one result on a console; collects the source ids it shows for the footer (and for `--sources`)."""

    writes_markdown = False  # True where lines become markdown: no text charts, and spaces that lead a cell are not kept

    def __init__(self, console: Console, sources: dict[str, Source], ascii_only: bool = False, commands: bool = True):
        self.console = console
        self.sources = sources
        self.ascii_only = ascii_only
        self.commands = commands  # whether hints may name commands and options (not in the explorer, which has menus)
        self.cited: dict[str, None] = {}  # the source ids shown, in the order first shown
        self.explained_2012 = False  # whether this view has said what the 2012 job description is
        self.pending: list[Text] = []  # lines wrapped here, written together: each console.print costs about a millisecond

    # -- small pieces ------------------------------------------------------------------

    def cite(self, ids: Iterable[str], period: str | None = None) -> None:
        """Note sources for the footer. `period` is the fact's reference period, shown beside the fact, never
        beside a source (a source's own date is in `hmcareer sources`); accepted so callers need not drop it."""
        for sid in ids:
            self.cited.setdefault(sid, None)

    def unconfirmed(self, ids: Iterable[str]) -> Text:
        """" [third party, unconfirmed]" (or Wikipedia) after a statement only a third party or Wikipedia vouches for;
        else nothing."""
        who = unconfirmed_by({self.sources[s].tag for s in ids if s in self.sources})
        return Text(f" [{who}, unconfirmed]", style="yellow") if who else Text("")

    def fact(self, f: Fact) -> Text:
        self.cite(f.sources)
        text = Text(f.text)
        if f.period:
            text.append(f" ({f.period})", style="dim")
        text.append_text(self.unconfirmed(f.sources))
        text.append(" [" + ", ".join(f.sources) + "]", style="dim")
        return text

    # -- tables ------------------------------------------------------------------------

    def table(self, title: str | None = None, **kwargs: Any) -> Table:
        return Table(title=Text(title, style="bold") if title else None, box=box.ASCII if self.ascii_only else box.SIMPLE_HEAD,
                     title_justify="left", show_edge=False, pad_edge=False, **kwargs)

    def fits(self, table: Table) -> bool:
        """Whether the table fits the terminal with every cell readable (see `layout`)."""
        return layout.column_widths(table, self.console.width) is not None

    def print_table(self, table: Table) -> None:
        """The table (or grid) at the widths `layout` decides; where none keeps every cell readable, one block per row."""
        if table.title:
            self.hanging("", _as_text(table.title))  # wrapped at the terminal's width, not the table's
            table.title = None
        widths = layout.column_widths(table, self.console.width)
        if widths is None:
            self._blocks(table)
            return
        self.pending += tables.draw(table, widths)

    def _blocks(self, table: Table) -> None:
        """Each row as a block: its first cell in bold, then its other cells, each after its column's header.

        A block is headed by a name rather than a code: where the first column is headed as codes (`code`, `id`, `SOC`,
        `abbr`: a BLS code, a role's id, an association's abbreviation) and a later one holds text that wraps (its
        name), the name heads the block and the code follows it, labelled.
        """
        columns = list(table.columns)
        named = next((i for i, column in enumerate(columns) if not column.no_wrap and column.overflow != "crop"), 0)
        if table.show_header and columns and _as_text(columns[0].header).plain.lower() in CODE_HEADERS and named:
            columns.insert(0, columns.pop(named))
        cells = [list(column.cells) for column in columns]
        labels = [f"{_as_text(column.header).plain}:" if column.header else "" for column in columns[1:]]
        # Labels go beside their values unless the longest would leave the values too little room.
        label_width = max(map(cell_len, labels), default=0)
        beside = label_width <= self.console.width // 3
        room = self.console.width - label_width - 3
        for i, row in enumerate(table.rows):
            head = _as_text(cells[0][i])
            lead = len(head.plain) - len(head.plain.lstrip(" "))  # an indent (a tree level) holds for every line
            self.hanging(" " * lead, head[lead:], style=row.style or "bold")
            for label, values in zip(labels, cells[1:], strict=True):
                value = _as_text(values[i])
                if "\n" in value.plain:  # a cell set on two lines to keep its column narrow reads as one line here
                    value = Text(" ".join(value.plain.split("\n")), style=value.style)
                if not value.plain.strip():
                    continue
                if not label:
                    self.hanging("  ", value)
                elif beside and (layout.longest_word(value.plain) <= room or (  # whole beside its label, or else
                        layout.longest_word(value.plain) > self.console.width - 4  # too long for any line, so it breaks
                        and layout.narrowest(value.plain) <= room)):
                    self.hanging(Text(f"  {label}", style="dim") + " " * (label_width - cell_len(label) + 1), value)
                else:
                    self.hanging("  ", Text(label, style="dim"))
                    self.hanging("    ", value)

    # -- trees -------------------------------------------------------------------------

    def print_tree(self, tree: Tree) -> None:
        """A Rich Tree drawn here with Rich's guides, each label wrapped by `layout.wrap` beside its guides.

        Where a label's longest word would not fit beside the usual guides (deep nesting on a
        narrow terminal), the guides narrow from four cells a level to two.
        """
        guides = TREE_GUIDES[4 if self._tree_fits(tree, 4) else 2][self.ascii_only]

        def draw(node: Tree, first: Text, rest: Text) -> None:
            self.hanging(first, _as_text(node.label), rest=rest)
            for i, child in enumerate(node.children):
                last = i == len(node.children) - 1
                draw(child, rest + Text(guides[3 if last else 2], style=tree.guide_style),
                     rest + Text(guides[0 if last else 1], style=tree.guide_style))

        draw(tree, Text(""), Text(""))

    def _tree_fits(self, tree: Tree, step: int) -> bool:
        def fits(node: Tree, indent: int) -> bool:
            words = max(map(cell_len, _as_text(node.label).plain.split()), default=0)
            return indent + words <= self.console.width and all(fits(child, indent + step) for child in node.children)

        return fits(tree, 0)

    # -- lines -------------------------------------------------------------------------

    def heading(self, text: str) -> None:
        self.line(Text(text, style="bold underline"))

    def line(self, text: str | Text = "", style: str | None = None) -> None:
        self.hanging("", text if isinstance(text, Text) else Text(text, style=style or ""))

    def bullets(self, items: Iterable[Text | str]) -> None:
        mark = "-" if self.ascii_only else "•"
        for item in items:
            self.hanging(f"  {mark} ", item if isinstance(item, Text) else Text(item))

    def hanging(self, prefix: str | Text, text: Text, style: str | None = None, rest: Text | None = None) -> None:
        """`prefix`, then `text` wrapped so that its later lines line up under its first word, not the margin.

        Later lines start with `rest` (as wide as `prefix`; spaces unless given). A word longer than
        the room (a long URL) goes whole on a line of its own at the margin: the terminal soft-wraps
        it, and copying it gives the whole address.
        """
        prefix = prefix if isinstance(prefix, Text) else Text(prefix)
        indent = prefix.cell_len
        rest = rest if rest is not None else Text(" " * indent)
        lines = []
        if self.console.width - indent < 10:  # too little room beside the prefix: the text goes under it
            if prefix.plain.strip():
                lines.append(_rstripped(prefix))
            prefix, rest, indent = Text(""), Text(""), 0
        room = self.console.width - indent
        for i, line in enumerate(layout.wrap(text, room)):
            if line.cell_len > room:
                if i == 0 and prefix.plain.strip():
                    lines.append(_rstripped(prefix))
                lines.append(line)
            else:
                lines.append((prefix if i == 0 else rest) + line)
        self.pending += [Text("", style=style) + line for line in lines] if style else lines

    def flush(self) -> None:
        """Write the lines wrapped so far. Rich must neither wrap nor crop them (soft_wrap): it would fold a long word."""
        if self.pending:
            self.console.print(Text("\n").join(self.pending), soft_wrap=True)
            self.pending = []

    def about_2012_text(self) -> None:
        """Once a view, where the 2012 job description first appears: one short line on what it is and where its checks
        are listed."""
        if self.explained_2012:
            return
        self.explained_2012 = True
        where = "hmcareer claims lists every check" if self.commands else "claims, in the main menu, lists every check"
        self.line(Text(f"{ABOUT_2012} ({where}).", style="dim"))

    def claims(self, claims: Iterable[CheckedClaim]) -> None:
        """The 2012 job description's claims, each only beside its check: verdict, check, sources and period."""
        claims = list(claims)
        if not claims:
            return
        if self.pending and self.pending[-1].plain:  # a blank line before, unless the view just wrote one
            self.line()
        self.about_2012_text()
        if JOB_DESCRIPTION_2012 in self.sources:  # what is quoted, beside the sources of its check
            self.cite([JOB_DESCRIPTION_2012])
        for claim in claims:
            self.hanging("", Text("Checked claim: ", style="bold yellow") + Text(f'"{claim.claim}"'))
            self.hanging("  ", self.check(claim))

    def check(self, claim: CheckedClaim) -> Text:
        """A claim's verdict and check, then its sources and period."""
        self.cite(claim.sources, claim.period)
        text = Text("Verdict: ", style="bold") + Text(claim.verdict, style=f"bold {VERDICT_STYLES.get(claim.verdict, '')}")
        text.append(". ")
        text.append(claim.check)
        text.append(" [" + ", ".join(claim.sources) + "]", style="dim")
        if claim.period and claim.period != "undated":
            text.append(f" ({claim.period})", style="dim")
        return text

    def footer(self) -> None:
        """The sources line that ends every view: how many sources, of which kinds, and how to list them, in at most
        two lines (fewer details where the terminal is narrow); it also writes whatever is pending."""
        if not self.cited:
            self.flush()
            return
        if not self.pending or self.pending[-1].plain:  # one blank line before it, not two
            self.line()
        for text in self.footer_texts():
            if len(layout.wrap(Text(text), self.console.width)) <= 2:
                break
        self.line(Text(text, style="dim"))
        self.flush()

    def footer_texts(self) -> list[str]:
        """The footer from the fullest to the shortest: every kind counted; only the unconfirmed kinds; the total."""
        tags = [self.sources[sid].tag for sid in self.cited if sid in self.sources]
        counts = {tag: tags.count(tag) for tag in SOURCE_KINDS if tag in tags}
        if len(counts) == 1:  # "Sources: 1 (BLS)", "Sources: 3 (all official)"
            kinds = ("all " if len(tags) > 1 else "") + kind_label(tags[0])
        else:
            kinds = ", ".join(f"{kind_label(tag)} {n}" for tag, n in counts.items())
        unconfirmed = ", ".join(f"{n} {kind_label(tag)}" for tag, n in counts.items() if tag in THIRD_PARTY_TAGS)
        how = "to list them, rerun with --sources" if self.commands else SOURCES_HINT
        head = f"Sources: {len(self.cited)}"
        return [f"{head} ({kinds}); {how}.", *([f"{head}, of which {unconfirmed}; {how}."] if unconfirmed else []),
                f"{head}; {how}."]

    def bar(self, value: float | None, top: float, width: int = 16) -> Text:
        if value is None or top <= 0:
            return Text("")
        filled = max(1, round(width * value / top))
        return Text(("#" if self.ascii_only else "█") * filled, style="cyan")


def money(value: float | int | None, hourly: bool, est: WageEstimate | None = None, name: str = "",
          release: Release | None = None) -> str:
    """A wage for people: dollars; a cell BLS did not publish says so; one at or above BLS's top code says that
    (`>= $239,200`), never a figure of its own; blank-like "n/a" where the figure does not apply."""
    if value is not None:
        return f"${value:,.2f}" if hourly else f"${value:,.0f}"
    if est is not None and name in est.top_coded:
        return at_or_above(release and (release.top_hourly if hourly else release.top_annual), hourly)
    return NOT_PUBLISHED if est is not None and name in est.not_published else NOT_APPLICABLE


def at_or_above(top: float | int | None, hourly: bool) -> str:
    """A wage at or above BLS's top code, for people: `>= $239,200`."""
    return f">= {money(top, hourly)}" if top is not None else "at or above BLS's top code"


def wage_text(e: WageEstimate, stat: str, hourly: bool, release: Release | None) -> str:
    """One of a row's wage figures (`mean`, `median`, `p90`...) as `money` shows it."""
    return money(e.wage(stat, hourly), hourly, e, f"{'hourly' if hourly else 'annual'}_{stat}", release)


def count(value: int | float | None, est: WageEstimate | None = None, name: str = "") -> str:
    if value is None:
        return NOT_PUBLISHED if est is not None and name in est.not_published else NOT_APPLICABLE
    return f"{value:,}"


def reliability(est: WageEstimate) -> str:
    """Flag estimates BLS itself marks as imprecise (relative standard error)."""
    flags = []
    if est.employment_rse_pct is not None and est.employment_rse_pct > 25:
        flags.append(f"employment RSE {est.employment_rse_pct}%")
    if est.wage_rse_pct is not None and est.wage_rse_pct > 10:
        flags.append(f"wage RSE {est.wage_rse_pct}%")
    return ", ".join(flags)
