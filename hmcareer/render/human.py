"""Human output with Rich: tables, bars, trees and panels, each with a sources footer.

Every string that comes from a data file goes through `Text(...)` (never markup), so a `[`
in a title can neither style nor break the output.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich import box
from rich._ratio import ratio_reduce
from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Column, Table
from rich.text import Text
from rich.tree import Tree

from ..models import THIRD_PARTY_TAGS, Coursework, Fact, Role, SeedClaim, Source, WageEstimate
from ..query import (
    POSTAL_BY_FIPS,
    SEARCH_KINDS,
    CredentialDetail,
    CredentialList,
    EducationReport,
    HistoryReport,
    OutlookReport,
    ResolvedStep,
    RoleDetail,
    RolePath,
    SalaryReport,
    SearchReport,
    SourcesReport,
    WhereReport,
    concentration,
)
from ..query import normalize as query_normalize
from ..record import Record

WIDE = 10_000  # measure tables without a width limit to learn the narrowest they can be
WORD_ROOM = 20  # the fewest characters a wrapping column needs to stay readable
NOT_PUBLISHED = "not published"
NOT_APPLICABLE = "n/a"


def _longest_word(console: Console, options: Any, cell: Any) -> int:
    """A cell's widest word: counted directly for plain text (measuring every cell through Rich costs ms per table)."""
    if isinstance(cell, Text):
        return max((cell_len(word) for word in cell.plain.split()), default=0)
    return Measurement.get(console, options, cell).minimum


def _is_plain(cell: Any) -> bool:
    """Text, or a str that Rich shows as it is (no markup, no :emoji: code): what `_plain_columns` measures itself."""
    return isinstance(cell, Text) or cell is None or (isinstance(cell, str) and "[" not in cell and cell.count(":") < 2)


def _plain(cell: Text | str | None) -> str:
    return cell.plain if isinstance(cell, Text) else cell or ""


def _widest(pieces: list[str]) -> int:
    return max(map(cell_len, pieces), default=0)


class _Column(Record):
    """A column measured as Rich measures it: its cells' widest word and widest line plus padding, and the
    width it needs to stay readable."""

    column: Column
    padding: int
    minimum: int
    maximum: int
    required: int

    def width_within(self, width: int) -> int:
        """The width Rich gives the column when it may take `width` (Table._measure_column, then its maximum)."""
        column, padding = self.column, self.padding
        if width < 1:
            return 0
        if column.width is not None:
            return min(column.width + padding, width)
        minimum, maximum = min(self.minimum, width), min(self.maximum, width)
        if column.min_width is not None:
            minimum, maximum = max(minimum, column.min_width + padding), max(maximum, column.min_width + padding)
        if column.max_width is not None:
            minimum, maximum = min(minimum, column.max_width + padding), min(maximum, column.max_width + padding)
        return maximum


def _plain_columns(table: Table) -> list[_Column] | None:
    """Each column measured here directly, as Rich would (Text.__rich_measure__, Table._measure_column);
    None when a cell is something other than text. Rich measures every cell through its render
    machinery, which costs as much as drawing the table."""
    columns = table.columns
    if table.expand or table.collapse_padding or table.width is not None or table.min_width is not None:
        return None  # layouts `_rich_widths` does not follow
    if not all(_is_plain(cell) for column in columns for cell in (column.header, column.footer, *column.cells)):
        return None
    measured = []
    for index, column in enumerate(columns):
        padding = _padding(table, index)
        body = [_plain(cell) for cell in column.cells]
        shown = body + [_plain(column.header)] * table.show_header + [_plain(column.footer)] * table.show_footer
        if shown:
            # Rich's minimum for a cell: its longest word, or its widest line when it has no words.
            minimum = max(_widest(text.split()) or _widest(text.splitlines()) for text in shown) + padding
            maximum = max(_widest(text.splitlines()) for text in shown) + padding
        else:
            minimum, maximum = 1, WIDE
        if column.overflow == "crop":
            needs = column.min_width or 1
        elif column.no_wrap:
            needs = maximum - padding  # whole
        else:
            needs = max(min(max((_widest(text.split()) for text in body), default=0), WORD_ROOM), column.min_width or 0)
        row = _Column(column, padding, minimum, maximum, 0)
        measured.append(row._replace(required=min(needs + padding, row.width_within(WIDE))))
    return measured


def _pin_widths(table: Table, widths: list[int]) -> None:
    """Give Rich the widths it would pick (`_rich_widths`), so that it measures no cell again: a third of its time."""
    for index, (column, width) in enumerate(zip(table.columns, widths, strict=True)):
        column.width = width - _padding(table, index)


def _padding(table: Table, index: int) -> int:
    """The left and right padding of column `index` (Table._get_padding_width, without collapse_padding)."""
    _, pad_right, _, pad_left = table.padding
    first, last = index == 0, index == len(table.columns) - 1
    return (0 if first and not table.pad_edge else pad_left) + (0 if last and not table.pad_edge else pad_right)


def _extra_width(table: Table) -> int:
    """Borders and column separators (Table._extra_width)."""
    return (2 if table.box and table.show_edge else 0) + (len(table.columns) - 1 if table.box else 0)


def _rich_widths(columns: list[_Column], available: int) -> list[int]:
    """The column widths Rich's Table._calculate_column_widths picks, for a table that does not expand."""
    widths = [c.width_within(available) or 1 for c in columns]
    if sum(widths) <= available:
        return widths
    widths = Table._collapse_widths(widths, [c.column.width is None and not c.column.no_wrap for c in columns], available)
    if sum(widths) > available:  # Rich's last resort: take the rest evenly from every column
        widths = ratio_reduce(sum(widths) - available, [1] * len(widths), widths, widths)
    return [c.width_within(width) for c, width in zip(columns, widths, strict=True)]


class Human:
    """Draws one result on a console; collects the source ids it shows for the footer."""

    def __init__(self, console: Console, sources: dict[str, Source], ascii_only: bool = False):
        self.console = console
        self.sources = sources
        self.ascii_only = ascii_only
        self.cited: dict[str, str | None] = {}  # source id -> period shown

    # -- small pieces ------------------------------------------------------------------

    def cite(self, ids: Iterable[str], period: str | None = None) -> None:
        for sid in ids:
            if sid not in self.cited or self.cited[sid] is None:
                self.cited[sid] = period

    def third_party(self, ids: Iterable[str]) -> bool:
        tags = [self.sources[s].tag for s in ids if s in self.sources]
        return bool(tags) and all(t in THIRD_PARTY_TAGS for t in tags)

    def fact(self, f: Fact) -> Text:
        self.cite(f.sources, f.period)
        text = Text(f.text)
        if f.period:
            text.append(f" ({f.period})", style="dim")
        if self.third_party(f.sources):
            text.append(" [third-party, unconfirmed]", style="yellow")
        text.append(" [" + ", ".join(f.sources) + "]", style="dim")
        return text

    def table(self, title: str | None = None, **kwargs: Any) -> Table:
        return Table(title=Text(title, style="bold") if title else None, box=box.ASCII if self.ascii_only else box.SIMPLE_HEAD,
                     title_justify="left", show_edge=False, pad_edge=False, **kwargs)

    def print_table(self, table: Table) -> None:
        """The table; or, where the terminal is too narrow for its columns, one block per row.

        Rich would otherwise squeeze the columns until names and figures are cut to "...".
        """
        for column in table.columns:
            if not column.no_wrap:
                column.overflow = "fold"  # a word too long for its column (a URL) wraps rather than losing its end to "..."
        widths = self._readable_widths(table)
        if widths:
            _pin_widths(table, widths)
            self.console.print(table)
            return
        if widths is None and self._narrowest_by_rich(table) <= self.console.width:
            self.console.print(table)
            return
        if table.title:
            self.console.print(table.title)
        cells = [list(column.cells) for column in table.columns]
        labels = [Text(f"{column.header}:" if column.header else "", style="dim") for column in table.columns]
        # Labels go beside their values unless the longest would leave the values too little room.
        label_width = max(label.cell_len for label in labels[1:])
        beside = label_width <= self.console.width // 3
        for i, row in enumerate(table.rows):
            first = cells[0][i]
            self.console.print(first if isinstance(first, Text) else Text(str(first)), style=row.style or "bold")
            fields = Table.grid(padding=(0, 1), pad_edge=False)
            if beside:
                fields.add_column(no_wrap=True, min_width=label_width)
            fields.add_column(overflow="fold")
            for label, values in zip(labels[1:], cells[1:], strict=True):
                value = values[i]
                if isinstance(value, Text) and not value.plain.strip():
                    continue
                if beside:
                    fields.add_row(label, value)
                else:
                    fields.add_row(label)
                    fields.add_row(Padding(value, (0, 0, 0, 2)))
            self.console.print(Padding(fields, (0, 0, 0, 2)))

    def fits(self, table: Table) -> bool:
        """Whether Rich, at this width, draws the table with every cell readable.

        Readable: no-wrap columns whole; wrapping columns at least as wide as their longest word,
        or WORD_ROOM (a longer word, a URL say, folds); cropped columns (bars) at their min_width.
        Rich itself would squeeze columns until names are cut or split mid-word.
        """
        widths = self._readable_widths(table)
        return bool(widths) if widths is not None else self._narrowest_by_rich(table) <= self.console.width

    def _readable_widths(self, table: Table) -> list[int] | None:
        """The column widths Rich will pick when they keep every cell readable, else []; None for tables not all text."""
        columns = _plain_columns(table)
        if columns is None:
            return None
        available = self.console.width - _extra_width(table)
        widths = _rich_widths(columns, available)
        readable = sum(widths) <= available and all(width >= c.required for width, c in zip(widths, columns, strict=True))
        return widths if readable else []

    def _narrowest_by_rich(self, table: Table) -> int:
        """For tables with cells other than text: the narrowest width at which Rich's measurement says they show."""
        options = self.console.options.update_width(WIDE)
        needed = Measurement.get(self.console, options, table).minimum
        for column in table.columns:
            if column.no_wrap and column.overflow != "crop":
                continue
            room = column.min_width or (1 if column.overflow == "crop" else WORD_ROOM)
            longest_word = max((_longest_word(self.console, options, cell) for cell in column.cells), default=0)
            needed -= max(0, longest_word - room)
        return needed

    def heading(self, text: str) -> None:
        self.console.print(Text(text, style="bold underline"))

    def line(self, text: str | Text = "", style: str | None = None) -> None:
        self.console.print(text if isinstance(text, Text) else Text(text, style=style or ""))

    def bullets(self, items: Iterable[Text | str]) -> None:
        mark = "-" if self.ascii_only else "•"
        for item in items:
            self.hanging(f"  {mark} ", item if isinstance(item, Text) else Text(item))

    def hanging(self, prefix: str, text: Text) -> None:
        """`prefix`, then `text` wrapped so that its later lines line up under its first word, not the margin."""
        indent = cell_len(prefix)
        for i, line in enumerate(text.wrap(self.console, max(10, self.console.width - indent))):
            line.rstrip()  # the space a wrap leaves at the end of a line
            self.console.print(Text(prefix if i == 0 else " " * indent) + line)

    def claims(self, claims: Iterable[SeedClaim]) -> None:
        for claim in claims:
            self.cite(claim.sources, claim.period)
            t = Text("2012 seed text claimed: ", style="bold yellow")
            t.append(f'"{claim.claim}"')
            self.console.print(t)
            check = Text(f"  Check ({claim.verdict}): ", style="bold")
            check.append(claim.check)
            check.append(" [" + ", ".join(claim.sources) + "]", style="dim")
            self.console.print(check)

    def footer(self) -> None:
        if not self.cited:
            return
        parts = []
        for sid, period in self.cited.items():
            src = self.sources.get(sid)
            label = f"{sid}" + (f" ({period})" if period and period != "undated" else "")
            if src and src.tag in THIRD_PARTY_TAGS:
                label += " third-party"
            parts.append(label)
        self.console.print()
        self.console.print(Text("Sources: " + "; ".join(parts) + ". Details: hmcareer sources ID", style="dim"))

    def bar(self, value: float | None, top: float, width: int = 16) -> Text:
        if value is None or top <= 0:
            return Text("")
        filled = max(1, round(width * value / top))
        return Text(("#" if self.ascii_only else "█") * filled, style="cyan")


def money(value: float | int | None, hourly: bool, est: WageEstimate | None = None, name: str = "") -> str:
    if value is None:
        return NOT_PUBLISHED if est is not None and name in est.not_published else NOT_APPLICABLE
    return f"${value:,.2f}" if hourly else f"${value:,.0f}"


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


# -- views -------------------------------------------------------------------------------


def show_roles(h: Human, roles: tuple[Role, ...]) -> None:
    t = h.table("Management roles (hmcareer roles ROLE for one in full)")
    t.add_column("id", no_wrap=True, style="cyan")
    t.add_column("role")
    t.add_column("setting", ratio=2)
    t.add_column("licence")
    for r in roles:
        h.cite(r.sources)
        title = Text(r.title)
        if r.seed_named:
            title.append(" *", style="dim")
        t.add_row(Text(r.id), title, Text(r.setting), Text("required" if r.licence else ("clinical" if r.clinical_licence else "-")))
    h.print_table(t)
    h.line(Text("* one of the six role types the 2012 seed text describes", style="dim"))


def show_role(h: Human, d: RoleDetail) -> None:
    r = d.role
    h.heading(r.title)
    if r.aliases:
        h.line(Text("Also called: " + ", ".join(r.aliases), style="dim"))
    h.cite(r.sources)
    h.line(Text("Setting: ", style="bold") + Text(r.setting))
    h.line(Text(r.summary))
    h.line()
    h.heading("What they do")
    h.bullets(r.responsibilities)
    h.line()
    h.heading("Education and experience")
    h.bullets(Text(x.name) for x in d.degrees)
    if r.education_note:
        h.cite(r.education_sources)
        h.line(Text(r.education_note, style="dim"))
    if r.experience:
        h.line(Text("Experience: ", style="bold") + h.fact(r.experience))
    licence = f"{d.licence.abbreviation}: {d.licence.name} (required)" if d.licence else (
        "a clinical licence in their specialty" if r.clinical_licence else "none required")
    h.line(Text("Licence: ", style="bold") + Text(licence))
    if d.certifications:
        h.line(Text("Certifications (voluntary): ", style="bold") + Text(", ".join(x.abbreviation for x in d.certifications)))
    if d.associations:
        h.line(Text("Associations: ", style="bold") + Text(", ".join(a.abbreviation for a in d.associations)))
    if r.ladder:
        h.line()
        h.heading("Where it leads")
        h.bullets(h.fact(f) for f in r.ladder)
    h.line()
    _pay_table(h, f"Pay where they work (OEWS {d.release}, all 11-9111 managers in the industry)",
               d.national, d.industries)
    h.cite([d.source], d.release)
    h.claims(d.seed_claims)


def _row_label(e: WageEstimate, national: WageEstimate | None) -> tuple[str, str]:
    if e is national:
        return e.industry_code, "United States, all industries"
    if e.area_type == "N":
        return e.industry_code, e.industry_name
    if e.area_type == "S":
        return POSTAL_BY_FIPS.get(e.state_code, e.state_code), e.area_name
    return e.area_code, e.area_name


BAR_LABELS = {"employment": "bar: jobs", "lq": "bar: LQ", "mean": "bar: mean", "median": "bar: median", "p90": "bar: p90"}


def _pay_table(h: Human, title: str, national: WageEstimate | None, rows: Iterable[WageEstimate], hourly: bool = False,
               percentiles: bool = False, bar: str = "mean") -> None:
    """One row per estimate (national first when given); a bar for `bar`; areas also get their LQ.

    Figures are never wrapped or cut: their columns get the width of their longest value and
    only the name column shrinks. With --percentiles, or on a narrow terminal, the code, LQ
    and bar columns give way.
    """
    rows = list(rows)
    shown = [national, *rows] if national is not None else rows
    areas = any(e.area_type != "N" for e in rows)
    stats = ["p10", "p25", "median", "p75", "p90"] if percentiles else ["mean", "median"]
    # The nation's job count and LQ are not comparable with a row's, so it never sets the bar scale for them.
    scaled = rows if bar in ("employment", "lq") else shown
    top = max([v for e in scaled if (v := _bar_value(e, bar, hourly))] or [0])
    table_rows, notes = [], []
    for e in shown:
        code, label = _row_label(e, national)
        flag = reliability(e)
        if flag:
            notes.append(f"{label}: {flag}")
        cells = {"code": code, "name": label + (" !" if flag else ""), "jobs": count(e.employment, e, "employment")}
        for stat in stats:
            cells[stat] = money(e.wage(stat, hourly), hourly, e, f"{'hourly' if hourly else 'annual'}_{stat}")
        lq = e.location_quotient
        cells["LQ"] = f"{lq:.2f}" if lq is not None else count(None, e, "location_quotient")
        skip = e is national and bar in ("employment", "lq")
        table_rows.append((e, cells, Text("") if skip else h.bar(_bar_value(e, bar, hourly), top, 12)))
    columns = ([] if percentiles else ["code"]) + ["name", "jobs", *stats] + (["LQ"] if areas and not percentiles else [])
    columns += [] if percentiles else ["bar"]

    def build(columns: list[str]) -> Table:
        t = h.table(title)
        for col in columns:
            if col == "name":
                t.add_column("area" if areas else "industry", ratio=1, min_width=12, overflow="fold")
            elif col == "bar":
                t.add_column(BAR_LABELS[bar], no_wrap=True, overflow="crop", min_width=6)
            else:
                width = max(len(col), *(len(cells[col]) for _, cells, _ in table_rows))
                t.add_column(col, justify="left" if col == "code" else "right", no_wrap=True, min_width=width,
                             style="cyan" if col == "code" else None)
        for e, cells, bar_text in table_rows:
            t.add_row(*(bar_text if c == "bar" else Text(cells[c]) for c in columns), style="bold" if e is national else None)
        return t

    t = build(columns)
    # On a narrow terminal the bar, then the code, then the LQ give way; if that is not enough,
    # print_table shows every column as blocks, one per row.
    narrower = list(columns)
    for extra in ("bar", "code", "LQ"):
        if extra in narrower and not h.fits(t):
            narrower.remove(extra)
            candidate = build(narrower)
            if h.fits(candidate):
                t = candidate
    h.print_table(t)
    for note in notes:
        h.line(Text(f"! less reliable estimate, {note}", style="yellow"))


def _bar_value(e: WageEstimate, key: str, hourly: bool):
    if key == "employment":
        return e.employment
    if key == "lq":
        return e.location_quotient
    return e.wage(key, hourly)


LQ_NOTE = ("LQ (location quotient) compares this occupation's share of local jobs with its national share: "
           "above 1.2 = above-average concentration, 0.8-1.2 = about average, below 0.8 = below average.")


def show_salary(h: Human, s: SalaryReport) -> None:
    unit = "hourly" if s.hourly else "annual"
    h.cite([s.source], s.release)
    n = s.national
    h.heading(f"Medical and health services managers: {unit} pay, OEWS {s.release}")
    h.line(Text(f"National: {count(n.employment)} jobs; mean {money(n.wage('mean', s.hourly), s.hourly)}, "
                f"median {money(n.wage('median', s.hourly), s.hourly)}"))
    h.line(_box_line(h, n, s.hourly))
    h.line()
    if s.selected:
        title = "Compared with the national figures" if len(s.selected) > 1 else "Beside the national figures"
        _pay_table(h, title, n, s.selected, s.hourly, s.percentiles, s.sort or "mean")
        if len(s.selected) == 1:
            label = _row_label(s.selected[0], n)[1]
            h.line(Text(f"{label}: ", style="bold") + _box_line(h, s.selected[0], s.hourly))
        h.line()
    if s.listing_kind:
        hint = {"industries": "--industry X for one", "states": "--state NY for one", "metros": "--metro NAME for one"}
        order = s.sort or "employment"
        _pay_table(h, f"{s.listing_kind.capitalize()} by {order} ({len(s.listing)} shown; {hint[s.listing_kind]}, "
                      "--top N, --sort)", n, s.listing, s.hourly, s.percentiles, order)
    if any(e.area_type != "N" for e in (*s.selected, *s.listing)):
        h.line(Text(LQ_NOTE, style="dim"))
    h.claims(s.seed_claims)
    h.line(Text("OEWS counts wage and salary jobs only (no self-employed). 'not published' = BLS did not "
                "release the estimate; '!' = relative standard error above 25% (jobs) or 10% (wages).", style="dim"))


def _box_line(h: Human, e: WageEstimate, hourly: bool) -> Text:
    """A text box plot: whiskers p10-p90, box p25-p75, a mark at the median, then the figures.

    The plot narrows on a narrow terminal so "p10 $X <plot> p90 $Y" still fits one line.
    """
    width = max(10, min(30, h.console.width - 28))
    vals = [e.wage(s, hourly) for s in ("p10", "p25", "median", "p75", "p90")]
    if any(v is None for v in vals):
        return Text("percentiles not published", style="dim")
    low, high = vals[0], vals[4]
    span = (high - low) or 1
    pos = [round((v - low) / span * (width - 1)) for v in vals]
    whisker, box_char, mid = ("-", "=", "|") if h.ascii_only else ("─", "█", "┃")
    chars = [whisker] * width
    for i in range(pos[1], pos[3] + 1):
        chars[i] = box_char
    chars[pos[2]] = mid
    text = Text(f"p10 {money(low, hourly)} ")
    text.append("".join(chars), style="cyan")
    text.append(f" p90 {money(high, hourly)}  (p25 {money(vals[1], hourly)}, median {money(vals[2], hourly)}, "
                f"p75 {money(vals[3], hourly)})")
    return text


def show_where(h: Human, w: WhereReport) -> None:
    h.cite([w.source], w.release)
    h.heading(f"Where medical and health services managers are paid most and work most ({w.level}, OEWS {w.release})")
    for title, rows, sort in (("Where it pays most (mean pay)", w.pays_most, "mean"),
                              ("Where the jobs are (employment)", w.most_jobs, "employment"),
                              ("Where the jobs are most concentrated (location quotient)", w.most_concentrated, "lq")):
        _pay_table(h, title, None, rows, w.hourly, bar=sort)
        if sort == "lq":
            words = [f"{_row_label(e, None)[1]}: {concentration(e.location_quotient)}" for e in rows[:3]]
            h.line(Text("In plain words: " + "; ".join(words) + ".", style="dim"))
        h.line()
    h.line(Text(LQ_NOTE, style="dim"))


def show_history(h: Human, r: HistoryReport) -> None:
    h.heading("National median pay of medical and health services managers, by reference year")
    t = h.table()
    t.add_column("period", no_wrap=True, min_width=8)
    t.add_column("median/yr", justify="right", no_wrap=True, min_width=9)
    t.add_column("/hr", justify="right", no_wrap=True, min_width=6)
    t.add_column("change", justify="right", no_wrap=True, min_width=6)
    t.add_column("", no_wrap=True, overflow="crop")
    t.add_column("source", no_wrap=True, overflow="ellipsis")
    top = max(p.median_annual or 0 for p in r.points)
    for p in r.points:
        h.cite(p.sources, p.reference)
        source = Text(p.sources[0] + (" +" if len(p.sources) > 1 else ""), style="dim")
        if p.third_party:
            source = Text("3P ", style="yellow") + source
        change = f"{p.change_pct:+.1f}%" if p.change_pct is not None else ""
        t.add_row(Text(p.reference), Text(money(p.median_annual, False)), Text(money(p.median_hourly, True)),
                  Text(change), h.bar(p.median_annual, top, 10), source, style="dim" if p.third_party else None)
    h.print_table(t)
    if r.growth_pct is not None:
        h.line(Text(f"Growth of the BLS median from {r.first.reference} (${r.first.median_annual:,}) to "
                    f"{r.last.reference} (${r.last.median_annual:,}): {r.growth_pct:+.1f}% in nominal dollars "
                    "(not adjusted for inflation).", style="bold"))
    for p in r.points:
        spread = ", ".join(f"{q} ${v:,}" for q, v in (("p10", p.annual_p10), ("p25", p.annual_p25), ("p75", p.annual_p75),
                                                     ("p90", p.annual_p90)) if v is not None)
        for text in filter(None, (spread and f"spread: {spread}", p.note)):
            h.hanging(f"{p.reference}{' (3P)' if p.third_party else ''}: ", Text(text) + Text(f" [{', '.join(p.sources)}]",
                                                                                        style="dim"))
    h.line(Text("change = versus the previous BLS point. BLS points come from OOH editions, the OES May 2019 "
                "profile and OEWS May 2025; 3P = third-party page quoting BLS, unconfirmed, shown for context only "
                "and not used for growth. n/a = no hourly figure in that source.", style="dim"))


def show_credentials(h: Human, result: CredentialList) -> None:
    # No "kind" column: it said "certification" on every row but one. A licence says so in its name
    # column, in bold, which leaves the names room to stay on one line.
    t = h.table("Credentials (hmcareer certs ABBR for one in full)")
    t.add_column("abbr", style="cyan", no_wrap=True)
    t.add_column("name")
    # Rich narrows the widest columns first; capping these two leaves the names room for one line.
    t.add_column("issuer", max_width=16)
    t.add_column("status", max_width=26)
    for x in result.credentials:
        h.cite(x.sources)
        status = Text(x.status)
        if x.status == "replaced" and x.replaced_by:
            successors = "/".join(r.upper() for r in x.replaced_by)
            status.append(f" (likely {successors}, unconfirmed)" if x.replacement_note else f" by {successors}", style="dim")
        name = Text(x.name, style="bold" if x.kind == "licence" else "")
        if x.kind == "licence" and "licen" not in x.name.lower():
            name.append(" (licence)")
        if x.seed_named:
            name.append(" *", style="dim")
        t.add_row(Text(x.abbreviation), name, Text(short_issuer(x)), status)
    h.print_table(t)
    if not result.credentials:
        h.line("No credentials match those filters.")
    h.line(Text("* named in the 2012 seed text. A licence (in bold) is required by law; certifications are voluntary.",
                style="dim"))


def short_issuer(x: Any) -> str:
    """The issuer as a list shows it: its abbreviation, or its name without the parenthesised detail."""
    return x.issuer_abbreviation or x.issuer_name.split(" (")[0]


def show_credential(h: Human, d: CredentialDetail) -> None:
    x = d.credential
    h.heading(f"{x.abbreviation}: {x.name}")
    h.cite(x.sources)
    kind = "Licence (required by law)" if x.kind == "licence" else "Voluntary certification"
    h.line(Text(f"{kind}. Issuer: {x.issuer_name}" + (f" ({x.issuer_abbreviation})" if x.issuer_abbreviation else "")))
    status = Text("Status: ", style="bold") + Text(x.status)
    if x.level:
        status.append(f"; level: {x.level}")
    if x.variants:
        status.append("; variants: " + ", ".join(x.variants))
    h.line(status)
    h.line(Text(x.audience))
    if d.replaced_by:
        h.line()
        h.heading("What it became" + (" (likely; not confirmed by the issuer)" if x.replacement_note else ""))
        h.bullets(Text(f"{r.abbreviation}: {r.name}") for r in d.replaced_by)
    if x.replacement_note:
        h.line(h.fact(x.replacement_note))
    if d.replaces:
        unconfirmed = any(r.replacement_note for r in d.replaces)
        h.line(Text("Likely successor of (not confirmed by the issuer): " if unconfirmed else "Replaces: ")
               + Text(", ".join(r.abbreviation for r in d.replaces)))
    for title, facts in (("Eligibility", x.eligibility), ("Exam", x.exam), ("Renewal", x.renewal)):
        h.line()
        h.heading(title)
        if facts:
            h.bullets(h.fact(f) for f in facts)
        else:
            h.line(Text("  no source found", style="dim"))
    if d.roles:
        h.line()
        h.line(Text("Relevant to: ", style="bold") + Text(", ".join(r.title for r in d.roles)))
    h.line()
    h.claims(d.seed_claims)


def show_education(h: Human, e: EducationReport) -> None:
    edu = e.education
    t = h.table("Degrees")
    t.add_column("degree (id)", ratio=3)
    t.add_column("level")
    t.add_column("program review")
    t.add_column("typical length", ratio=2)
    reviews = {a.id: f"{a.abbreviation} {a.review}" for a in edu.accreditors}
    for d in edu.degrees:
        h.cite(d.sources)
        length = h.fact(d.duration) if d.duration else Text("no source found", style="dim")
        for note in d.notes:
            length = length + Text("\n") + h.fact(note)
        name = Text(d.name) + (Text(" *", style="dim") if d.seed_named else Text("")) + Text(f"\n{d.id}", style="dim cyan")
        t.add_row(name, Text(d.level), Text(reviews.get(d.accreditor, "-") if d.accreditor else "-"), length)
    h.print_table(t)
    h.line(Text("* named in the 2012 seed text", style="dim"))
    h.line()
    h.heading("Accreditation")
    for a in edu.accreditors:
        h.line(Text(f"{a.abbreviation}: {a.name}", style="bold"))
        if a.scope:
            h.bullets([h.fact(a.scope)])
        for pc in a.program_counts:
            h.cite(pc.sources, pc.period)
            t3 = Text(f"{pc.count:,} {pc.what} ({pc.period})")
            if h.third_party(pc.sources):
                t3.append(" [third-party, unconfirmed]", style="yellow")
            t3.append(" [" + ", ".join(pc.sources) + "]", style="dim")
            h.bullets([t3])
        h.bullets(h.fact(n) for n in a.notes)
    h.line()
    h.heading("Coursework")
    for cw in edu.coursework:
        _item_list(h, cw)
    for p in edu.example_programs:
        h.cite(p.sources)
        line = Text(f"Example: {p.name}", style="bold")
        if p.length:
            line.append(" - ")
            line.append_text(h.fact(p.length))
        h.line(line)
    h.line()
    h.claims(e.seed_claims)


def _step_label(h: Human, s: ResolvedStep) -> Text:
    h.cite(s.sources, s.period)
    label = Text(f"{s.step}: ", style="cyan") + Text(s.label)
    if s.detail:
        label.append(f" - {s.detail}", style="dim")
    if s.duration:
        label.append(" - how long: ", style="dim")
        label.append_text(h.fact(s.duration))
    for note in s.notes:
        label.append(" - also: ", style="dim")
        label.append_text(h.fact(note))
    return label


def _path_tree(h: Human, root: Tree, role: Role, steps: Iterable[Any], label_for) -> None:
    """Required steps nest one under the other; optional ones hang beside the step they follow."""
    node, extras = root, None
    for item in steps:
        step = item.step if hasattr(item, "status") else item  # a checked step (render.fit) or a plain one
        label = label_for(item)
        if step.optional:
            extras = extras or node.add(Text("optional, any time after this step:", style="dim"))
            extras.add(label)
        else:
            node, extras = node.add(label), None
    target = node.add(Text(f"role: {role.title}", style="bold green"))
    for f in role.ladder:
        target.add(Text("then: ", style="dim") + h.fact(f))


def show_paths(h: Human, paths: tuple[RolePath, ...]) -> None:
    for p in paths:
        tree = Tree(Text(f"Path to {p.role.title}", style="bold"), guide_style="dim")
        _path_tree(h, tree, p.role, p.steps, lambda s: _step_label(h, s))
        h.console.print(tree)
        h.line()


SEARCH_HEADINGS = {"role": "Roles", "credential": "Credentials", "association": "Associations", "degree": "Degrees",
                   "accreditor": "Accreditors", "industry": "Industries (OEWS)"}


def _quoted(term: str) -> str:
    """The search term as typed (already made printable), cut short if someone pasted a book."""
    return "'" + (term if len(term) <= 60 else term[:60] + "...") + "'"


def show_search(h: Human, r: SearchReport) -> None:
    if not r.hits:
        h.line(f"Nothing matches {_quoted(r.term)}. Try fewer or shorter words, or an abbreviation (FACHE, MHA, HIM). "
               "Places are in hmcareer salary --state NAME or --metro NAME.")
        return
    h.line(Text(f"{len(r.hits)} match{'es' if len(r.hits) != 1 else ''} for {_quoted(r.term)}", style="bold"))
    for kind in SEARCH_KINDS:
        hits = [x for x in r.hits if x.kind == kind]
        if not hits:
            continue
        h.line()
        h.heading(f"{SEARCH_HEADINGS[kind]} ({len(hits)})")
        # A grid, not a table: the id stays whole and the text wraps under itself at any width.
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="cyan", overflow="fold")
        grid.add_column(ratio=2, overflow="fold")
        for x in hits:
            text = Text(x.label)
            if query_normalize(x.snippet) != query_normalize(x.label):
                text.append(f"\n{x.matched}: ", style="dim")
                text.append(x.snippet, style="dim")
            grid.add_row(Text(x.id), text)
        h.console.print(grid)
    h.line()
    h.line(Text("Open one: hmcareer roles ID | certs ID | salary --industry CODE | education | associations", style="dim"))


def show_associations(h: Human, assocs: tuple) -> None:
    t = h.table("Professional associations")
    t.add_column("abbr", style="cyan", no_wrap=True)
    t.add_column("name", ratio=2)
    t.add_column("what it offers a manager", ratio=3)
    t.add_column("website", no_wrap=True)
    for a in assocs:
        h.cite(a.sources)
        offers = Text("\n").join(Text("- ") + h.fact(f) for f in a.offers)
        name = Text(a.name) + (Text(" *", style="dim") if a.seed_named else Text(""))
        t.add_row(Text(a.abbreviation), name, offers, Text(a.website or "not confirmed"))
    h.print_table(t)
    h.line(Text("* named in the 2012 seed text", style="dim"))


def _item_list(h: Human, items: Coursework) -> None:
    """A sourced list (coursework, job titles) on one wrapped line, then its note and any earlier list."""
    h.cite(items.sources, items.period)
    period = f" ({items.period})" if items.period and items.period != "undated" else ""
    text = Text(", ".join(items.items)) + Text(f"{period} [{', '.join(items.sources)}]", style="dim")
    if len(items.label) + 2 <= h.console.width // 4:
        h.hanging(f"{items.label}: ", text)
    else:  # a long label would leave the list a narrow column: give it a line of its own
        h.line(Text(f"{items.label}:", style="bold"))
        h.hanging("  ", text)
    if items.note:
        h.bullets([h.fact(items.note)])
    if items.older:
        _item_list(h, items.older)


def show_outlook(h: Human, o: OutlookReport) -> None:
    occ = o.occupation
    h.heading(f"{occ.title} (SOC {occ.soc})")
    h.cite(occ.definition.sources)
    h.line(Text(occ.definition.text))
    _item_list(h, occ.sample_titles)
    h.line()
    t = h.table("Occupational Outlook Handbook quick facts, by edition")
    for col, just in (("edition", "left"), ("median pay", "right"), ("jobs", "right"), ("growth", "right"),
                      ("change", "right"), ("openings/yr", "right")):
        t.add_column(col, justify=just)
    for q in occ.quick_facts:
        h.cite(q.sources, q.edition)
        pay = f"${q.median_annual:,} ({q.pay_period})" if q.median_annual else "unknown"
        t.add_row(Text(q.edition), Text(pay), Text(f"{q.jobs:,} ({q.jobs_year})" if q.jobs else "unknown"),
                  Text(f"{q.growth_pct}%" if q.growth_pct is not None else "unknown"),
                  Text(f"{q.employment_change:,}" if q.employment_change else "unknown"),
                  Text(f"{q.openings_per_year:,}" if q.openings_per_year else "not shown"))
    h.print_table(t)
    for q in occ.quick_facts:
        if q.note:
            h.line(Text(f"{q.edition}: ", style="dim") + h.fact(q.note))
    n = o.national
    h.cite([o.source], o.release)
    h.line(Text(f"Latest BLS survey (OEWS {o.release}): {n.employment:,} jobs, median ${n.annual_median:,}, "
                f"mean ${n.annual_mean:,} a year."))
    if occ.unverified:
        h.line()
        h.heading("Newer figures seen only on third-party sites")
        h.bullets(h.fact(f) for f in occ.unverified)
    if occ.outlook_reasons:
        h.line()
        h.heading("Why demand grows")
        h.bullets(h.fact(f) for f in occ.outlook_reasons)
    if occ.job_zone:
        h.line()
        h.line(Text("Preparation: ", style="bold") + h.fact(occ.job_zone))


def show_sources(h: Human, sources: tuple[Source, ...]) -> None:
    t = h.table("Sources (each figure in hmcareer names one of these ids)")
    t.add_column("id", style="cyan", no_wrap=True)
    t.add_column("tag", no_wrap=True)
    t.add_column("publisher / title", ratio=3)
    t.add_column("date", no_wrap=True)
    for s in sources:
        title = Text(f"{s.publisher}: {s.title}")
        if s.url:
            title.append(f"\n{s.url}", style="dim")
        if s.note:
            title.append(f"\n{s.note}", style="dim italic")
        t.add_row(Text(s.id), Text(s.tag), title, Text(s.date))
    h.print_table(t)
    h.line(Text("Tags: BLS, O*NET, OFF (issuer's own site), CH (official chapter), MIR (copy of an official "
                "document), WIKI, 3P (third party, unconfirmed), SEED (the 2012 seed text).", style="dim"))


def show_sources_report(h: Human, report: SourcesReport) -> None:
    show_sources(h, report.sources)
    if report.data_dir is None:
        return
    h.line()
    t = h.table(f"Data files: from {report.data_dir} where present there, else the bundled copy")
    t.add_column("file", style="cyan", no_wrap=True)
    t.add_column("read from", no_wrap=True)
    t.add_column("path", overflow="fold")
    for f in report.data_files:
        t.add_row(Text(f.file), Text("your data dir" if f.origin == "user" else "bundled", style="bold" if f.origin == "user" else ""),
                  Text(f.path, style="dim"))
    h.print_table(t)


VIEWS = {
    RoleDetail: show_role,
    SalaryReport: show_salary,
    CredentialList: show_credentials,
    CredentialDetail: show_credential,
    EducationReport: show_education,
    OutlookReport: show_outlook,
    WhereReport: show_where,
    HistoryReport: show_history,
    SearchReport: show_search,
    SourcesReport: show_sources_report,
}


def show(h: Human, kind: str, result: Any) -> None:
    if type(result) in VIEWS:
        VIEWS[type(result)](h, result)
    elif kind == "roles":
        show_roles(h, result)
    elif kind == "paths":
        show_paths(h, result)
    elif kind == "associations":
        show_associations(h, result)
    elif kind in ("match", "plan"):
        from . import fit  # only find-my-fit output needs the matching module

        (fit.show_match if kind == "match" else fit.show_plan)(h, result)
    elif kind == "sources":
        show_sources(h, result)
    else:  # pragma: no cover - a programming error, not a user one
        raise TypeError(f"no human view for {kind}")
    h.footer()
