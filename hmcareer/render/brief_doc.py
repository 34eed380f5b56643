"""A career brief as a document: headings, paragraphs, lists, tables and charts, with numbered sources.

The html and markdown writers (brief_html.py, brief_md.py) draw the same blocks, so both say the same thing with the
same source numbers. Text here is plain data text: each writer escapes it for its own format.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import __version__
from ..brief import CareerBrief
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
        Para((figures.PERCENTILES_NOTE,), note=True),
    ]
    charts: list[BoxPlot | BarChart] = [
        BoxPlot(f"Spread of annual pay, {rel.name}",
                f"Box plot of annual pay in {where}: whiskers from the 10th to the 90th percentile, the box from the 25th "
                "to the 75th, a line at the median. "
                + " ".join(f"{figures.place_name(e)}: median {figures.wage(e, 'median', False, rel)}, p10 "
                           f"{figures.wage(e, 'p10', False, rel)}, p90 {figures.wage(e, 'p90', False, rel)}." for e in rows),
                tuple(BoxRow(figures.place_name(e), e.annual_p10, e.annual_p25, e.annual_median, e.annual_p75, e.annual_p90)
                      for e in rows))]
    industries = sorted(d.industries, key=lambda e: e.employment or 0, reverse=True)
    if industries:
        charts.append(BarChart(
            f"Median annual pay in the role's industries, nationally, {rel.name}",
            "Bar chart of the median annual pay of medical and health services managers in each industry where the role "
            "works, nationally. " + " ".join(f"{e.industry_name}: {figures.wage(e, 'median', False, rel)} "
                                             f"({figures.jobs(e)} jobs)." for e in industries),
            tuple(Bar(f"{e.industry_name}: {figures.jobs(e)} jobs", e.annual_median, figures.wage(e, "median", False, rel))
                  for e in industries)))
    blocks.append(Charts(tuple(charts)))
    if industries:
        header, cells = figures.pay_rows(industries, rel)
        blocks.append(Table(f"Pay in the role's industries, nationally (OEWS {rel.name})", ("industry", *header[1:]),
                            tuple(map(tuple, cells)), (False, True, True, True), charted=True))
    return blocks


def _path(b: CareerBrief, cite: _Citations) -> list[Block]:
    path, role = b.path, b.detail.role
    title = f"The path from {path.background}" if path.background else "The path into the role"
    blocks: list[Block] = [Heading(2, title)]
    if path.background:
        fit = ("People with this background commonly move into this role." if path.fits_background else
               "This role is not among the usual moves for this background; the steps below still apply.")
        blocks.append(Para((fit,)))
    statuses = path.statuses or (None,) * len(path.steps)
    items: list[Inline] = []
    for s, status in zip(path.steps, statuses, strict=True):
        parts: list[Part] = [Strong(f"{s.step.capitalize()}: "), s.label + (" (optional)" if s.optional else "")]
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
    blocks.append(Items(tuple((Strong(f"{heading}: "), *cite.fact(f)) for heading, facts in
                              (("Eligibility", x.eligibility), ("Exam", x.exam), ("Renewal", x.renewal)) for f in facts)))
    if section.state_steps:
        blocks += [Para((Strong(f"In {section.state}"),)), Items(tuple(cite.fact(f) for f in section.state_steps))]
    elif section.state:
        blocks.append(Para((f"Rules differ by state: check the {section.state} licensing board's current requirements.",),
                           note=True))
    return blocks


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
