"""A career brief as a document: headings, paragraphs, lists, tables and charts, with numbered sources.

The html and markdown writers (brief_html.py, brief_md.py) draw the same blocks, so both say the same thing with the
same source numbers. Text here is plain data text: each writer escapes it for its own format.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import __version__
from ..brief import CareerBrief
from ..industries import nested
from ..licence_models import CITED, abbreviations_in
from ..licensing import LicenceStep, nothing_found, state_reading, where_to_check
from ..models import ONET_ATTRIBUTION, Fact, Source, kind_label, unconfirmed_by
from ..record import Record
from . import figures


class Ref(Record):
    """A citation: the numbers of the sources in the brief's list."""

    numbers: tuple[int, ...]


class Link(Record):
    text: str
    url: str


class Strong(Record):
    text: str


Part = str | Ref | Link | Strong
Inline = tuple[Part, ...]


class Heading(Record):
    level: int
    text: str


class Para(Record):
    parts: Inline
    note: bool = False  # a smaller, quieter line (a caveat, a footnote)


class Items(Record):
    items: tuple[Inline, ...]
    ordered: bool = False
    short: bool = False  # short items, which a printed page may set in columns


class Table(Record):
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # right-aligned columns
    charted: bool = False  # its figures are in a chart too: a page with charts may leave the table out


class BoxRow(Record):
    label: str
    p10: int | None
    p25: int | None
    median: int | None
    p75: int | None
    p90: int | None


class BoxPlot(Record):
    title: str
    description: str  # what the chart shows, in words, for readers who cannot see it
    rows: tuple[BoxRow, ...]


class Bar(Record):
    label: str
    value: int | None
    text: str  # the figure as shown beside the bar ("$105,550", "not published")
    total: bool = False  # a total of the bars marked part of it: drawn as an outline, so that nobody adds them up
    part: bool = False  # part of the total above it


class BarChart(Record):
    title: str
    description: str
    bars: tuple[Bar, ...]


class Charts(Record):
    """Charts shown side by side where there is room."""

    charts: tuple[BoxPlot | BarChart, ...]


class Side(Record):
    """Two short runs of blocks, side by side where the page has room (else one after the other)."""

    left: tuple[Heading | Para | Items, ...]
    right: tuple[Heading | Para | Items, ...]


class Sources(Record):
    sources: tuple[Source, ...]


Block = Heading | Para | Items | Table | Charts | Side | Sources


class BriefDocument(Record):
    title: str
    subtitle: str
    blocks: tuple[Block, ...]


class _Citations:
    """Numbers sources in the order the brief first cites them."""

    def __init__(self, sources: dict[str, Source]):
        self.sources = sources
        self.numbers: dict[str, int] = {}

    def ref(self, ids: Iterable[str]) -> tuple[Part, ...]:
        ids = [sid for sid in ids if sid in self.sources]
        if not ids:
            return ()
        for sid in ids:
            self.numbers.setdefault(sid, len(self.numbers) + 1)
        return (Ref(tuple(dict.fromkeys(self.numbers[s] for s in ids))),)

    def fact(self, f: Fact) -> Inline:
        """A sourced statement: its text, its period, a third-party warning where only a third party says it, sources."""
        who = unconfirmed_by({self.sources[s].tag for s in f.sources if s in self.sources})
        extra = (f" ({f.period})" if f.period and f.period != "undated" else "") + (f" ({who}, unconfirmed)" if who else "")
        return (f.text + extra, *self.ref(f.sources))

    def cited(self) -> tuple[Source, ...]:
        return tuple(self.sources[sid] for sid in self.numbers)


def brief_document(b: CareerBrief, sources: dict[str, Source]) -> BriefDocument:
    cite = _Citations(sources)
    role = b.detail.role
    place = b.place.area_name if b.place is not None else None
    subtitle = ". ".join(filter(None, (f"Background: {b.path.background}" if b.path.background else "",
                                       f"Pay in {place} and nationally" if place else "")))
    blocks: list[Block] = [
        Para((f"Prepared with hmcareer {__version__} from the BLS Occupational Employment and Wage Statistics survey, "
              f"{b.release.name}, and the sources listed at the end.",), note=True),
    ]
    blocks += _role(b, cite)
    blocks += _pay(b, cite)
    blocks += _path(b, cite)
    blocks += _licence(b, cite)
    blocks += _credentials(b, cite)
    blocks += _outlook(b, cite)
    cited = cite.cited()
    blocks += [Heading(2, "Sources"), Sources(cited)]
    if any(s.tag == "O*NET" for s in cited):  # the attribution O*NET's licence asks for
        blocks.append(Para((ONET_ATTRIBUTION + ".",), note=True))
    return BriefDocument(f"Career brief: {role.title}", subtitle, tuple(blocks))


def _role(b: CareerBrief, cite: _Citations) -> list[Block]:
    role = b.detail.role
    blocks: list[Block] = [Heading(2, "What the role does")]
    only_2012 = bool(role.sources) and all(cite.sources[s].tag == "CLAIMS" for s in role.sources if s in cite.sources)
    if only_2012:
        blocks.append(Para(("Only a widely copied 2012 job description describes this role; what follows restates it in "
                            "our words, and its check is given below.",), note=True))
    blocks += [Para((Strong("Where: "), role.setting)), Para((role.summary, *cite.ref(role.sources))),
               Items(tuple((r,) for r in role.responsibilities), short=True)]
    # The 2012 text's other claims about the role are checked in `hmcareer roles ROLE`; a handout needs only the check
    # of a description that rests on that text alone.
    for claim in b.detail.checked_claims if only_2012 else ():
        blocks.append(Para((Strong(f"Checked claim ({claim.verdict}): "), f'"{claim.claim}" {claim.check}',
                            *cite.ref(claim.sources)), note=True))
    return blocks


def _pay(b: CareerBrief, cite: _Citations) -> list[Block]:
    d, rel = b.detail, b.release
    rows = [d.national, *([b.place] if b.place is not None else [])]
    stats = ("p10", "p25", "median", "p75", "p90", "mean")
    header, cells = figures.pay_rows(rows, rel, stats=stats)
    where = f"the United States and {b.place.area_name}" if b.place is not None else "the United States"
    blocks: list[Block] = [
        Heading(2, "Pay"),
        Para((f"BLS publishes pay for the occupation as a whole, medical and health services managers (SOC {rel.soc}), "
              "not for this role alone: the figures below are for every such manager in the place or industry. Annual "
              f"wages, {rel.name}; jobs exclude the self-employed.", *cite.ref([rel.source])),),
        Table(f"Annual pay in {where}, all industries (OEWS {rel.name})", tuple(header), tuple(map(tuple, cells)),
              (False, *[True] * (len(header) - 1))),
    ]
    charts: list[BoxPlot | BarChart] = [
        BoxPlot(f"Spread of annual pay, {rel.name}",
                f"Box plot of annual pay in {where}: whiskers from the 10th to the 90th percentile, the box from the 25th "
                "to the 75th, a line at the median. "
                + " ".join(f"{figures.place_name(e)}: median {figures.wage(e, 'median', False, rel)}, p10 "
                           f"{figures.wage(e, 'p10', False, rel)}, p90 {figures.wage(e, 'p90', False, rel)}." for e in rows),
                tuple(BoxRow(figures.place_name(e), e.annual_p10, e.annual_p25, e.annual_median, e.annual_p75, e.annual_p90)
                      for e in rows))]
    tree = nested(d.industries)  # totals before their parts, so that nobody adds a total to its parts
    # One note for the table above and the industries below: a paragraph fewer keeps the brief to two printed pages.
    blocks.append(Para((figures.PERCENTILES_NOTE + (f" {TOTALS}" if any(total for _, _, total in tree) else ""),),
                       note=True))
    industries = [e for e, _, _ in tree]
    names = {e.industry_code: ("· " * n) + e.industry_name + (" (total)" if total else "") for e, n, total in tree}
    any_total = any(total for _, _, total in tree)
    if industries:
        charts.append(BarChart(
            f"Median annual pay in the role's industries, nationally, {rel.name}",
            "Bar chart of the median annual pay of medical and health services managers in each industry where the role "
            "works, nationally. " + " ".join(f"{names[e.industry_code].removeprefix('· ')}: "
                                             f"{figures.wage(e, 'median', False, rel)} ({figures.jobs(e)} jobs)."
                                             for e in industries) + (f" {TOTALS}" if any_total else ""),
            tuple(Bar(f"{names[e.industry_code].removeprefix('· ')}: {figures.jobs(e)} jobs", e.annual_median,
                      figures.wage(e, "median", False, rel), total, n > 0) for e, n, total in tree)))
    blocks.append(Charts(tuple(charts)))
    if industries:
        header, cells = figures.pay_rows(industries, rel)
        cells = [[names[e.industry_code], *row[1:]] for e, row in zip(industries, cells, strict=True)]
        blocks.append(Table(f"Pay in the role's industries, nationally (OEWS {rel.name})", ("industry", *header[1:]),
                            tuple(map(tuple, cells)), (False, True, True, True), charted=True))
    return blocks


TOTALS = "An industry marked (total) includes the ones listed under it (marked · in a table): do not add them up."


def _path(b: CareerBrief, cite: _Citations) -> list[Block]:
    path, role = b.path, b.detail.role
    title = f"The path from {path.background}" if path.background else "The path into the role"
    blocks: list[Block] = [Heading(2, title)]
    if path.background:
        fit = ("People with this background commonly move into this role." if path.fits_background else
               "This role is not among the usual moves for this background; the steps below still apply.")
        blocks.append(Para((fit,)))
    statuses = path.statuses or (None,) * len(path.steps)
    state = b.licence.state_steps
    items: list[Inline] = []
    for s, status in zip(path.steps, statuses, strict=True):
        own = state_reading(s, state)
        label = own.label if own is not None else s.label
        parts: list[Part] = [Strong(f"{s.step.capitalize()}: "), label + (" (optional)" if s.optional else "")]
        if own is not None:  # what the state itself asks replaces what states in general ask
            parts.append(f"; in {state.name}: {own.reading}")
        else:
            if s.detail:
                parts.append(f"; {s.detail}")
            parts += cite.ref(s.sources)
        if s.duration:
            parts += ["; how long: ", *cite.fact(s.duration)]
        elif s.step == "degree":
            parts.append("; how long: no source found")  # as the education view says: unknown, never guessed
        if status and status[0] != "unknown":
            parts.append(f" For you: {status[0]} ({status[1]}).")
        items.append(tuple(parts))
    items.append((Strong("Role: "), role.title))
    blocks.append(Items(tuple(items), ordered=True))
    # Where it leads, as official sources say (the third-party views are in `hmcareer roles ROLE`).
    ladder = [f for f in role.ladder if not unconfirmed_by({cite.sources[s].tag for s in f.sources if s in cite.sources})]
    if ladder:
        blocks += [Para((Strong("Where it leads"),)), Items(tuple(cite.fact(f) for f in ladder))]
    return blocks


def _licence(b: CareerBrief, cite: _Citations) -> list[Block]:
    section = b.licence
    blocks: list[Block] = [Heading(2, "Licence")]
    x = section.licence
    if x is None:
        return [*blocks, Para(("None required for the post itself.",))]
    blocks.append(Para((Strong(f"{x.abbreviation}: {x.name}. "), f"Required by law; issued by {x.issuer_name}. {x.audience}")))
    steps = section.state_steps
    if steps is not None and nothing_found(steps):
        blocks.append(Para((f"{steps.name} was searched and no licence facts were found for it, though the line above "
                            "speaks of every state and DC: " + steps.board.text.removeprefix("not found").strip().strip("()")
                            + ". No board, website or requirement can be shown for it.",), note=True))
    # With the state's own rules below, the general ones (what many states ask) would only repeat them less exactly.
    general = (("Exam", x.exam),) if steps is not None else (("Eligibility", x.eligibility), ("Exam", x.exam),
                                                               ("Renewal", x.renewal))
    blocks.append(Items(tuple((Strong(f"{heading}: "), *cite.fact(f)) for heading, facts in general for f in facts)))
    if steps is not None and not nothing_found(steps):
        where = (Link(steps.board_url, steps.board_url),) if steps.board_url else ("no website found",)
        blocks.append(Para((Strong(f"In {steps.name}"), f" (facts compiled {steps.compiled}; check the board: ", *where,
                            ")")))
        check = where_to_check(steps, site_only=True)  # the full address is in the line above
        blocks.append(Items(tuple(_licence_step(s, cite, check) for s in (steps.board, *steps.steps))))
        if section.also:
            names = _and(tuple(name for _, name in section.also))
            first, *more = (code for code, _ in section.also)
            command = f"hmcareer licence {first}" + (f" (or {', '.join(more)})" if more else "")
            blocks.append(Para((f"These are {steps.name}'s steps, where BLS files the {section.metro} area; it also "
                                f"covers {names}: {command}.",), note=True))
        glossary = abbreviations_in([s.text for s in (steps.board, *steps.steps)],
                                    (steps.code, *(code for code, _ in section.also)))
        if glossary:
            blocks.append(Para(("Abbreviations: " + "; ".join(f"{w} {m}" for w, m in glossary) + ".",), note=True))
    elif section.state and section.state_steps is None:
        blocks.append(Para((f"Rules differ by state: check the {section.state} licensing board's current requirements.",),
                           note=True))
    return blocks


def _and(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _licence_step(step: LicenceStep, cite: _Citations, check: str | None) -> Inline:
    """One of a state's licence steps: its label, reading and status, then its text with each source cited by number.
    A step not found says so once, and where to check."""
    text, status = step.text, "" if step.status == "V" else f" ({step.status_label})"
    if step.status == "N" and step.kind != "board":  # "not found" once, then where to check
        text, status = text + (f": check {check}" if check else ""), ""
    found_short = step.short and step.short not in ("not found", "see state")
    heading = f"{step.label}" + (f" ({step.short})" if found_short else "") + ": "
    parts: list[Part] = [Strong(heading)]
    pieces = CITED.split(text)
    cited: list[str] = []  # a run of citations ("[nha-oh3][nha-oh4]") becomes one reference
    for i, piece in enumerate(pieces):
        if i % 2:
            cited.append(piece)
        elif piece.strip() or i == len(pieces) - 1:
            parts += cite.ref(cited)
            cited = []
            if piece.strip():
                parts.append(piece.rstrip() if i < len(pieces) - 1 else piece)
    if status:
        parts.append(status)
    if len(pieces) == 1:  # the text cites nothing itself: its sources follow it
        parts += cite.ref(s.id for s in step.sources)
    return tuple(parts)




def _credentials(b: CareerBrief, cite: _Citations) -> list[Block]:
    """Certifications and associations: two short sections, side by side where the page has room."""
    d = b.detail
    left: list[Block] = []
    right: list[Block] = []
    if d.certifications:
        left += [Heading(2, "Certifications (voluntary)"),
                 Items(tuple((Strong(f"{x.abbreviation}: "), f"{x.name}, from {x.issuer_abbreviation or x.issuer_name}"
                              + (f" (status: {x.status})" if x.status != "current" else ""), *cite.ref(x.sources))
                             for x in d.certifications))]
    if d.associations:
        items = []
        for a in d.associations:
            parts: list[Part] = [Strong(f"{a.name} ({a.abbreviation})")]
            if a.purpose:
                parts += [": ", *cite.fact(a.purpose)]
            else:
                parts += cite.ref(a.sources)
            if a.website:
                parts += [" ", Link(a.website, a.website)]
            items.append(tuple(parts))
        right += [Heading(2, "Professional associations"), Items(tuple(items))]
    if left and right:
        return [Side(tuple(left), tuple(right))]
    return left + right


def _outlook(b: CareerBrief, cite: _Citations) -> list[Block]:
    q, n, rel = b.latest_facts, b.detail.national, b.release
    blocks: list[Block] = [Heading(2, "Outlook")]
    if q is not None:
        facts = [f"employment of medical and health services managers is projected to grow {q.growth_pct}% "
                 f"({q.growth_label.lower() if q.growth_label else 'no label given'})"]
        if q.employment_change:
            facts.append(f"{q.employment_change:,} more jobs")
        if q.openings_per_year:
            facts.append(f"about {q.openings_per_year:,} openings a year")
        blocks.append(Para((f"Occupational Outlook Handbook, {q.edition} edition: " + ", ".join(facts) + ".",
                            *cite.ref(q.sources))))
    blocks.append(Para((f"Latest BLS survey ({rel.name}): {figures.jobs(n)} jobs, median {figures.wage(n, 'median', False, rel)}"
                        f" a year.", *cite.ref([rel.source]))))
    # Why: the newest official reason (the reasons of older editions and third parties are in `hmcareer outlook`).
    official = [f for f in b.outlook.occupation.outlook_reasons
                if not f.period and not unconfirmed_by({cite.sources[s].tag for s in f.sources if s in cite.sources})]
    if official:
        blocks.append(Para((Strong("Why: "), *cite.fact(official[0]))))
    return blocks


def source_line(s: Source) -> tuple[str, str, str | None]:
    """(what, date, url) of a numbered source: publisher, title and its kind where it is not the issuer or BLS (a copy,
    a third party); its own date; its address."""
    kind = "" if s.tag in ("BLS", "O*NET", "OFF", "CH") else f" ({kind_label(s.tag)})"
    return f"{s.publisher}, {s.title}{kind}", s.date, s.url
