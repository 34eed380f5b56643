"""Catalogue views: roles, credentials, education, associations, outlook, sources and search (pay views are in
pay.py, paths in paths.py, find my fit in fit.py; render/registry.py maps each result type to its view)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.table import Table
from rich.text import Text

from ..models import ONET_ATTRIBUTION, VERDICTS, Coursework, Source, kind_label
from ..query import (
    AssociationList,
    ClaimList,
    CredentialDetail,
    CredentialList,
    EducationReport,
    OutlookReport,
    RoleDetail,
    RoleList,
    SourceList,
    SourcesReport,
)
from ..search import SEARCH_KINDS, SearchReport
from ..vocabulary import normalize
from .human import Human

CLAIMS_TAG = "CLAIMS"  # the provenance tag of the 2012 job description (data/sources.yaml)
CLAIMED_LICENCE = ("clinical-manager-licence",)  # claims that a role needs a licence no other source names


def show_roles(h: Human, result: RoleList) -> None:
    t = h.table("Management roles" + (" (hmcareer roles ROLE for one in full)" if h.commands else ""))
    t.add_column("id", no_wrap=True, style="cyan")
    t.add_column("role")
    t.add_column("setting")
    t.add_column("licence")
    for r in result.roles:
        h.cite(r.sources)
        title = Text(r.title)
        if r.named_in_2012_text:
            title.append(" *", style="dim")
        t.add_row(Text(r.id), title, Text(r.setting), Text("required" if r.licence else "-"))
    h.print_table(t)
    _marked(h, any(r.named_in_2012_text for r in result.roles), "* one of the six role types the 2012 job description describes")


def show_role(h: Human, d: RoleDetail) -> None:
    r = d.role
    h.heading(r.title)
    if r.aliases:
        h.line(Text("Also called: " + ", ".join(r.aliases), style="dim"))
    h.cite(r.sources)
    if r.sources and all(h.sources[s].tag == CLAIMS_TAG for s in r.sources if s in h.sources):
        # No other source describes this role: what follows is that text's account, in our words, checked below.
        h.about_2012_text()
        h.line(Text("Only the 2012 job description describes this role: the setting, summary and duties below restate its "
                    "claim, whose check follows at the end.", style="yellow"))
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
    licence = Text(f"{d.licence.abbreviation}: {d.licence.name} (required)" if d.licence else "none required")
    if d.licence is None and any(x.id in CLAIMED_LICENCE for x in d.checked_claims):
        licence = Text("no source names one for the post itself; the 2012 job description's claim of a licence in the "
                       "clinical specialty is checked below")
    h.line(Text("Licence: ", style="bold") + licence)
    if d.certifications:
        h.line(Text("Certifications (voluntary): ", style="bold") + Text(", ".join(x.abbreviation for x in d.certifications)))
    if d.associations:
        h.line(Text("Associations: ", style="bold") + Text(", ".join(a.abbreviation for a in d.associations)))
    if r.ladder:
        h.line()
        h.heading("Where it leads")
        h.bullets(h.fact(f) for f in r.ladder)
    h.line()
    # Only a role's page draws pay: the list of roles need not import the pay views.
    from ..industries import nested
    from .pay import TOTALS_NOTE, pay_table

    tree = nested(d.industries)
    totals = tuple(e.industry_code for e, _, total in tree if total)
    pay_table(h, f"Pay where they work (OEWS {d.release.name}, all 11-9111 managers in the industry)",
              d.national, [e for e, _, _ in tree], totals=totals, depths={e.industry_code: n for e, n, _ in tree})
    if totals:
        h.line(Text(TOTALS_NOTE.format(indented="marked with a dot" if h.writes_markdown else "indented"), style="dim"))
    h.cite([d.release.source], d.release.name)
    h.claims(d.checked_claims)



def show_credentials(h: Human, result: CredentialList) -> None:
    # No "kind" column: it said "certification" on every row but one. A licence says so in its name
    # column, in bold, which leaves the names room to stay on one line.
    t = h.table("Credentials" + (" (hmcareer certs ABBR for one in full)" if h.commands else ""))
    t.add_column("abbr", style="cyan", no_wrap=True)
    t.add_column("name")
    # Columns narrow widest first (see layout); capping these two leaves the names room for one line.
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
        if x.named_in_2012_text:
            name.append(" *", style="dim")
        t.add_row(Text(x.abbreviation), name, Text(short_issuer(x)), status)
    h.print_table(t)
    if not result.credentials:
        h.line("No credentials match those filters.")
    h.line(Text("A licence (in bold) is required by law; certifications are voluntary.", style="dim"))
    _marked(h, any(x.named_in_2012_text for x in result.credentials), "* named in the 2012 job description")


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
    h.claims(d.checked_claims)


def show_education(h: Human, e: EducationReport) -> None:
    edu = e.education
    t = h.table("Degrees")
    t.add_column("degree (id)")
    t.add_column("level")
    t.add_column("program review")
    t.add_column("typical length")
    reviews = {a.id: f"{a.abbreviation} {a.review}" for a in edu.accreditors}
    for d in edu.degrees:
        h.cite(d.sources)
        length = h.fact(d.duration) if d.duration else Text("no source found", style="dim")
        for note in d.notes:
            length = length + Text("\n") + h.fact(note)
        name = Text(d.name) + (Text(" *", style="dim") if d.named_in_2012_text else Text("")) + Text(f"\n{d.id}", style="dim cyan")
        t.add_row(name, Text(d.level), Text(reviews.get(d.accreditor, "-") if d.accreditor else "-"), length)
    h.print_table(t)
    _marked(h, any(d.named_in_2012_text for d in edu.degrees), "* named in the 2012 job description")
    h.line()
    h.heading("Accreditation")
    for a in edu.accreditors:
        h.line(Text(f"{a.abbreviation}: {a.name}", style="bold"))
        if a.scope:
            h.bullets([h.fact(a.scope)])
        for pc in a.program_counts:
            h.cite(pc.sources, pc.period)
            t3 = Text(f"{pc.count:,} {pc.what} ({pc.period})") + h.unconfirmed(pc.sources)
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
    h.claims(e.checked_claims)


SEARCH_HEADINGS = {"role": "Roles", "credential": "Credentials", "association": "Associations", "degree": "Degrees",
                   "accreditor": "Accreditors", "industry": "Industries (OEWS)", "occupation": "Occupations",
                   "technology": "Technology (O*NET)", "skill": "Skills and knowledge (O*NET)"}


def _quoted(term: str) -> str:
    """The search term as typed (already made printable), cut short if someone pasted a book."""
    return "'" + (term if len(term) <= 60 else term[:60] + "...") + "'"


def show_search(h: Human, r: SearchReport) -> None:
    if not r.hits:
        places = "hmcareer salary --state NAME or --metro NAME" if h.commands else "the salary section"
        h.line(f"Nothing matches {_quoted(r.term)}. Try fewer or shorter words, or an abbreviation (FACHE, MHA, HIM). "
               f"Places are in {places}.")
        return
    h.line(Text(f"{len(r.hits)} match{'es' if len(r.hits) != 1 else ''} for {_quoted(r.term)}", style="bold"))
    for kind in SEARCH_KINDS:
        hits = [x for x in r.hits if x.kind == kind]
        if not hits:
            continue
        h.line()
        h.heading(f"{SEARCH_HEADINGS[kind]} ({len(hits)})")
        # A grid, not a table: the id stays whole and the text wraps under itself (or, where the
        # terminal is too narrow for the two side by side, under the id).
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="cyan", no_wrap=True)
        grid.add_column()
        for x in hits:
            text = Text(x.label)
            if normalize(x.snippet) not in normalize(x.label):
                text.append(f"\n{x.matched}: ", style="dim")
                text.append(x.snippet, style="dim")
            grid.add_row(Text(x.id, style="cyan"), text)
        h.print_table(grid)
    onet = [x.source for x in r.hits if x.source]
    if onet:
        h.cite(dict.fromkeys(onet))
        h.line()
        h.line(Text(f"Technology and skills: {ONET_ATTRIBUTION}.", style="dim"))
    if h.commands:
        h.line()
        h.line(Text("Open one: hmcareer roles ID | certs ID | salary --industry CODE | occupations SOC | education | "
                    "associations", style="dim"))


def show_associations(h: Human, result: AssociationList) -> None:
    t = h.table("Professional associations")
    t.add_column("abbr", style="cyan", no_wrap=True)
    t.add_column("name")
    t.add_column("what it offers a manager")
    t.add_column("website", no_wrap=True)
    for a in result.associations:
        h.cite(a.sources)
        offers = Text("\n").join(Text("- ") + h.fact(f) for f in a.offers)
        name = Text(a.name) + (Text(" *", style="dim") if a.named_in_2012_text else Text(""))
        t.add_row(Text(a.abbreviation), name, offers, Text(a.website or "not confirmed"))
    h.print_table(t)
    _marked(h, any(a.named_in_2012_text for a in result.associations), "* named in the 2012 job description")
    h.claims(result.checked_claims)


def _marked(h: Human, any_marked: bool, footnote: str) -> None:
    """The footnote of a list whose marked items the 2012 job description names, and (once a view) what that text is."""
    if any_marked:
        h.line(Text(footnote, style="dim"))
        h.about_2012_text()


def _item_list(h: Human, items: Coursework) -> None:
    """A sourced list (coursework, job titles) on one wrapped line, then its note and any earlier list."""
    h.cite(items.sources, items.period)
    period = f" ({items.period})" if items.period and items.period != "undated" else ""
    text = Text(", ".join(items.items)) + Text(period, style="dim") + h.unconfirmed(items.sources)
    text.append(f" [{', '.join(items.sources)}]", style="dim")
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
    h.cite([o.release.source], o.release.name)
    h.line(Text(f"Latest BLS survey (OEWS {o.release.name}): {n.employment:,} jobs, median ${n.annual_median:,}, "
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


def show_sources(h: Human, result: SourceList | SourcesReport) -> None:
    """A table where it can hold every URL whole; else one block per source, its URL on a line of its own."""
    sources = result.sources
    if isinstance(result, SourcesReport):
        title = "Sources (each figure in hmcareer names one of these ids)"
    elif result.of_view:
        title = f"The {len(sources)} sources behind this view" if len(sources) != 1 else "The source behind this view"
    else:
        title = "Source"
    if not sources:
        h.line("This view cites no sources.")
        return
    t = h.table(title)
    t.add_column("id", style="cyan", no_wrap=True)
    t.add_column("kind")
    t.add_column("publisher / title")
    t.add_column("date", no_wrap=True)
    for s in sources:
        t.add_row(Text(s.id), Text(kind_label(s.tag)), _source_text(s), Text(s.date))
    if h.fits(t):
        h.print_table(t)
    else:
        h.line(Text(title, style="bold"))
        for s in sources:
            h.line(Text(s.id, style="bold cyan") + Text(f"  {kind_label(s.tag)}, {s.date}", style="dim"))
            h.hanging("  ", _source_text(s))
    h.line(Text("date: the source's own date, where it shows one; third party and Wikipedia: not confirmed by an "
                "official source.", style="dim"))


def _source_text(s: Source) -> Text:
    """Publisher and title, then the URL and any note, each on a line of its own."""
    text = Text(f"{s.publisher}: {s.title}")
    if s.url:
        text.append(f"\n{s.url}", style="dim")
    if s.note:
        text.append(f"\n{s.note}", style="dim italic")
    return text


def show_sources_report(h: Human, report: SourcesReport) -> None:
    show_sources(h, report)
    if report.data_dir is None:
        return
    h.line()
    t = h.table(f"Data files: from {report.data_dir} where present there, else the bundled copy")
    t.add_column("file", style="cyan", no_wrap=True)
    t.add_column("read from", no_wrap=True)
    t.add_column("path")
    for f in report.data_files:
        t.add_row(Text(f.file), Text("your data dir" if f.origin == "user" else "bundled", style="bold" if f.origin == "user" else ""),
                  Text(f.path, style="dim"))
    h.print_table(t)


def show_claims(h: Human, r: ClaimList) -> None:
    """Every checked claim of the 2012 job description: the claim quoted as written, then its verdict and check."""
    h.heading("Checked claims of the 2012 job description" + (f": {r.verdict}" if r.verdict else ""))
    h.about_2012_text()
    if not r.claims:
        h.line(f"No claim has the verdict {r.verdict}.")
        return
    counts = Counter(x.verdict for x in r.claims)
    h.line(Text(f"{len(r.claims)} claim{'s' if len(r.claims) != 1 else ''}: "
                + ", ".join(f"{counts[v]} {v}" for v in VERDICTS if counts[v]) + "."))
    for x in r.claims:
        h.line()
        h.line(Text(x.id, style="bold cyan"))
        h.hanging("  ", Text(f'"{x.claim}"'))
        h.hanging("  ", h.check(x))
    if h.commands:
        h.line()
        h.line(Text("One verdict only: hmcareer claims --verdict true|out-of-date|wrong|unverified", style="dim"))
