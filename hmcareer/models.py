"""Typed, immutable records built from the bundled YAML (see docs/data-schema.md).

Records are `Record` tuples rather than frozen dataclasses or NamedTuples, which compile methods
for every class they define: every command pays for every class (see record.py).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from .record import Record

# Each provenance tag of sources.yaml (docs/data-schema.md) in the words a reader sees: footers, `hmcareer sources`,
# markdown source lists, JSON's `kind_label` and the explorer all read them here. The order is the footers' order.
SOURCE_KINDS = {
    "BLS": "BLS",
    "O*NET": "O*NET",
    "OFF": "official",
    "CH": "official (chapter)",
    "MIR": "copy of an official document",
    "CFR": "federal regulation text",
    "WIKI": "Wikipedia",
    "3P": "third party",
    "CLAIMS": "2012 job description (checked)",
}
THIRD_PARTY_TAGS = frozenset({"3P", "WIKI"})  # not confirmed by the issuer or by BLS
# Sources that speak for an issuer or a statistics office: its own site, an official chapter, a copy of an official
# document, BLS, O*NET. Neither these nor third parties: the 2012 job description, which is only ever checked.
OFFICIAL_TAGS = frozenset(SOURCE_KINDS) - THIRD_PARTY_TAGS - {"CLAIMS"}


def kind_label(tag: str) -> str:
    """A source's kind in words (`SOURCE_KINDS`); an unknown tag as it is written."""
    return SOURCE_KINDS.get(tag, tag)


def unconfirmed_by(tags: set[str] | frozenset[str]) -> str | None:
    """Who alone vouches for a statement whose sources carry `tags`, when no official or BLS source does:
    "third party", "Wikipedia" or "third party and Wikipedia"; None when any other kind of source stands behind it."""
    if not tags or not tags <= THIRD_PARTY_TAGS:
        return None
    return " and ".join(SOURCE_KINDS[t] for t in ("3P", "WIKI") if t in tags)


class Source(Record):
    id: str
    publisher: str
    title: str
    url: str | None
    date: str
    tag: str
    note: str | None = None


class DataFile(Record):
    """Where one data file is read from: the user's data directory or the data bundled with hmcareer."""

    file: str
    origin: str  # user | bundled
    path: str


class Fact(Record):
    """One sourced statement in our own words; `period` dates any figure in it."""

    text: str
    sources: tuple[str, ...]
    period: str | None = None


class NamedValue(Record):
    value: str
    sources: tuple[str, ...]


class Requirement(Record):
    """One sourced way to qualify: every condition given must be met (None = no such condition)."""

    degree: str | None = None  # a DEGREE_LEVELS id
    degree_field: str | None = None  # a DEGREE_FIELDS id the degree must be in
    degree_from: str | None = None  # the kind of programme it must come from ("an HSE-accredited program"); never shown
    years: int | None = None  # years of work in `field`, at any level
    manager_years: int | None = None  # of them, years as a manager (executive years count too)
    executive_years: int | None = None  # of them, years in an executive role
    field: str | None = None  # an EXPERIENCE_FIELDS id the years must be in; None: any work
    manager_only: bool = False  # manager_years below the executive level (CNML's nurse-manager role)
    cannot_show: tuple[str, ...] = ()  # conditions no answer can show ("an executive post now"): "check" at best
    usual: bool = False  # the usual route, not a rule: a condition not met is "check", never "to do"
    licence: str | None = None  # a LICENCES id
    note: str | None = None
    sources: tuple[str, ...] = ()
    period: str | None = None


class PathStep(Record):
    step: str  # degree | experience | licence | certification
    ref: str | None = None
    text: str | None = None
    note: str | None = None
    optional: bool = False
    sources: tuple[str, ...] = ()
    period: str | None = None
    requires: Requirement | None = None  # structured form of an experience step, where a source gives one
    any_field: bool = False  # a degree step that any field of study at that level satisfies
    accredited: bool = False  # a degree step that only a programme its accreditor approved satisfies
    varies: bool = False  # an experience step some routes (states, issuers) do without: never "to do" for certain
    lowest: str | None = None  # a degree step: the lowest DEGREE_LEVELS id some route accepts instead


class Role(Record):
    id: str
    title: str
    aliases: tuple[str, ...]
    named_in_2012_text: bool
    setting: str
    summary: str
    responsibilities: tuple[str, ...]
    sources: tuple[str, ...]
    degrees: tuple[str, ...]
    education_note: str | None
    education_sources: tuple[str, ...]
    experience: Fact | None
    licence: str | None
    clinical_licence: bool
    certifications: tuple[str, ...]
    associations: tuple[str, ...]
    industries: tuple[str, ...]
    path: tuple[PathStep, ...]
    ladder: tuple[Fact, ...]
    backgrounds: tuple[str, ...]
    interests: tuple[str, ...]


class Credential(Record):
    id: str
    abbreviation: str
    variants: tuple[str, ...]
    name: str
    kind: str  # certification | licence
    issuer_abbreviation: str | None
    issuer_name: str
    association: str | None
    status: str  # current | replaced | discontinued | uncertain
    level: str | None
    named_in_2012_text: bool
    audience: str
    eligibility: tuple[Fact, ...]
    exam: tuple[Fact, ...]
    renewal: tuple[Fact, ...]
    replaced_by: tuple[str, ...]
    replacement_note: Fact | None
    sources: tuple[str, ...]
    requires: tuple[Requirement, ...] = ()  # structured eligibility pathways, any one qualifies


class Association(Record):
    id: str
    abbreviation: str
    name: str
    named_in_2012_text: bool
    website: str | None
    founded: NamedValue | None
    headquarters: NamedValue | None
    members: tuple[Fact, ...]
    purpose: Fact | None
    offers: tuple[Fact, ...]
    credentials: tuple[str, ...]
    sources: tuple[str, ...]


class Degree(Record):
    id: str
    name: str
    level: str
    field: str
    named_in_2012_text: bool
    summary: str
    duration: Fact | None
    prerequisites: tuple[Fact, ...]
    accreditor: str | None
    sources: tuple[str, ...]
    notes: tuple[Fact, ...] = ()


class ProgramCount(Record):
    count: int
    what: str
    period: str
    sources: tuple[str, ...]


class Accreditor(Record):
    id: str
    abbreviation: str
    name: str
    scope: Fact | None
    founded: NamedValue | None
    program_counts: tuple[ProgramCount, ...]
    notes: tuple[Fact, ...]
    review: str = "accreditation"  # what its approval is: accreditation | certification (AUPHA certifies)


class Coursework(Record):
    label: str
    items: tuple[str, ...]
    sources: tuple[str, ...]
    period: str | None = None
    note: Fact | None = None
    older: Coursework | None = None  # an earlier list from another edition of the source


class ExampleProgram(Record):
    name: str
    length: Fact | None
    topics: tuple[str, ...]
    admission: tuple[Fact, ...]
    sources: tuple[str, ...]


class Education(Record):
    degrees: tuple[Degree, ...]
    accreditors: tuple[Accreditor, ...]
    coursework: tuple[Coursework, ...]
    example_programs: tuple[ExampleProgram, ...]


class QuickFacts(Record):
    edition: str
    median_annual: int | None
    median_hourly: float | None
    pay_period: str | None
    jobs: int | None
    jobs_year: str | None
    growth_pct: int | None
    growth_label: str | None
    employment_change: int | None
    openings_per_year: int | None
    entry_education: str | None
    work_experience: str | None
    on_the_job_training: str | None
    sources: tuple[str, ...]
    note: Fact | None = None


class Task(Record):
    rank: int
    importance: int | None
    text: str
    sources: tuple[str, ...]


class Quality(Record):
    name: str
    text: str
    sources: tuple[str, ...]


class Occupation(Record):
    soc: str
    title: str
    definition: Fact
    quick_facts: tuple[QuickFacts, ...]
    unverified: tuple[Fact, ...]
    duties: tuple[Fact, ...]
    types: tuple[Fact, ...]
    tasks: tuple[Task, ...]
    sample_titles: Coursework
    qualities: tuple[Quality, ...]
    advancement: tuple[Fact, ...]
    work_environment: tuple[Fact, ...]
    outlook_growth: tuple[Fact, ...]
    outlook_reasons: tuple[Fact, ...]
    job_zone: Fact | None


# A check's verdict on a claim: true; out of date (so in older sources, or once, but not now); wrong; unverified (no source
# found either way; the check says what was looked for).
class OccupationEntry(Record):
    """An occupation hmcareer has pay for (data/occupation_index.yaml): how users name it and which background it is."""

    soc: str
    title: str  # BLS's title, as the occupation's wage table gives it
    short: str  # a short plural name for tables and sentences
    aliases: tuple[str, ...]
    background: str | None  # a FIT_BACKGROUNDS id (hmcareer/vocabulary.py); None for 11-9111 itself
    usual: bool  # the occupation a user who names only the background is taken to mean
    why: str | None  # why it is that background, in our words
    sources: tuple[str, ...]
    licence: str | None = None  # a LICENCES id every holder of the occupation has (RNs: rn), assumed when they say none


VERDICTS = ("true", "out of date", "wrong", "unverified")


class CheckedClaim(Record):
    """One claim of the 2012 job description, quoted as written, with its check in our own words (data/claims.yaml)."""

    id: str
    subject_kind: str
    subject_ref: str | None
    claim: str
    verdict: str
    check: str
    sources: tuple[str, ...]
    period: str | None


class WagePoint(Record):
    year: int
    reference: str
    median_annual: int | None
    median_hourly: float | None
    sources: tuple[str, ...]
    third_party: bool = False
    annual_p10: int | None = None  # percentiles, where the source gives them
    annual_p25: int | None = None
    annual_p75: int | None = None
    annual_p90: int | None = None
    note: str | None = None  # own words: a caveat about the source or more figures it gives


class Prices(Record):
    """Price levels to restate pay beside BLS's own figures (data/prices.yaml, scripts/import_prices.py): CPI-U annual
    averages by year, and BEA's regional price parities (all items, U.S. = 100) by state FIPS code and year."""

    cpi_source: str
    cpi_series: str
    cpi_title: str
    cpi: dict[int, float]  # year -> CPI-U annual average
    rpp_source: str
    rpp_title: str
    rpp: dict[str, dict[int, float]]  # state FIPS (two digits) -> year -> RPP
    rpp_names: dict[str, str]  # state FIPS -> BEA's name


class Release(Record):
    name: str  # e.g. "May 2025"
    code: str
    soc: str
    occupation: str
    source: str
    top_hourly: float | None = None  # BLS's top code: a top-coded wage is at or above this, never a figure of its own
    top_annual: int | None = None


WAGE_FIELDS = ("mean", "p10", "p25", "median", "p75", "p90")


class WageEstimate(Record):
    """One published OEWS cell: an area (national, state or metro) by an industry.

    A value of None is either not published by BLS (its name is in `not_published`), at or above
    BLS's top code (its name is in `top_coded`; the release holds the code), or not applicable to
    that kind of row (e.g. location quotient for the nation).
    """

    area_type: str  # N | S | M
    area_code: str
    area_name: str
    state_code: str
    industry_code: str
    industry_name: str
    industry_level: int
    employment: int | None
    employment_rse_pct: float | None
    hourly_mean: float | None
    annual_mean: int | None
    wage_rse_pct: float | None
    hourly_p10: float | None
    hourly_p25: float | None
    hourly_median: float | None
    hourly_p75: float | None
    hourly_p90: float | None
    annual_p10: int | None
    annual_p25: int | None
    annual_median: int | None
    annual_p75: int | None
    annual_p90: int | None
    employment_per_1000_jobs: float | None
    location_quotient: float | None
    not_published: tuple[str, ...] = ()
    top_coded: tuple[str, ...] = ()

    def wage(self, stat: str, hourly: bool = False) -> float | int | None:
        return getattr(self, f"{'hourly' if hourly else 'annual'}_{stat}")


OEWS_COLUMNS = WageEstimate._fields[:-2]  # all but not_published and top_coded
ALL_INDUSTRIES = "000000"  # BLS's industry code for all industries together


class WageRows(Protocol):
    """A release's rows, looked up rather than handed out whole (catalog.wages.WageTable is the one implementation)."""

    @property
    def industry_codes(self) -> frozenset[str]:
        """The industry codes of the national rows."""

    def select(self, area_type: str | None = None, *, industry_code: str | None = None, area_code: str | None = None,
               name_contains: str | None = None, industry_codes: Collection[str] | None = None) -> tuple[WageEstimate, ...]:
        """Rows in file order, by area type (N, S, M), industry code (or any of `industry_codes`), area code (leading
        zeros ignored) and a fragment of the area name in `normalize`d form."""


class OewsRelease(Record):
    """A release's metadata and its rows."""

    release: Release
    rows: WageRows

    @property
    def estimates(self) -> tuple[WageEstimate, ...]:
        """Every row, in file order."""
        return self.rows.select()


# --- O*NET 29.3 occupation profiles (data/onet/SOC.json, written by scripts/import_onet.py) -------------------------
# Values are O*NET's own, unrounded; None where O*NET gives none. A flag is True for O*NET's "Y", False for "N" and
# None where O*NET gives neither.

# The licence (CC BY 4.0) asks for this wherever O*NET data is shown: the release and USDOL/ETA by name.
ONET_ATTRIBUTION = "O*NET 29.3 Database (May 2025) by USDOL/ETA, used under CC BY 4.0"
# The scales of O*NET's education, training and experience ratings, in O*NET's order.
ONET_EDUCATION_SCALES = {
    "RL": "Required Level of Education",
    "RW": "Related Work Experience",
    "PT": "On-Site or In-Plant Training",
    "OJ": "On-the-Job Training",
}


class OnetJobZone(Record):
    zone: int  # 1-5
    name: str  # "Job Zone Four: Considerable Preparation Needed"
    date: str  # MM/YYYY
    domain_source: str


class OnetRating(Record):
    """A skill, knowledge area or work style on O*NET's scales: importance (IM, 1-5) and level (LV, 0-7; work styles have
    no level). `n`, `se`, `lower` and `upper` (the 95% confidence interval) are per scale."""

    element_id: str
    name: str
    importance: float
    importance_n: int | None
    importance_se: float | None
    importance_lower: float | None
    importance_upper: float | None
    importance_suppressed: bool | None  # O*NET's "Recommend Suppress" on the importance scale
    level: float | None
    level_n: int | None
    level_se: float | None
    level_lower: float | None
    level_upper: float | None
    level_suppressed: bool | None
    not_relevant: bool | None  # O*NET's "Not Relevant" on the level scale
    date: str  # MM/YYYY
    domain_source: str  # Incumbent, Occupational Expert, Analyst...

    @property
    def suppressed(self) -> bool:
        """O*NET recommends suppressing this rating on either scale: never show it as if it were reliable."""
        return bool(self.importance_suppressed or self.level_suppressed)


class OnetTechnology(Record):
    example: str
    commodity_code: int  # UNSPSC
    commodity_title: str
    hot: bool | None  # O*NET's "Hot Technology"
    in_demand: bool | None


class OnetShare(Record):
    """The percent of respondents in one category of an education, training or experience scale."""

    scale: str  # an ONET_EDUCATION_SCALES key
    category: int
    description: str  # O*NET's words for the category
    percent: float
    n: int | None
    se: float | None
    lower: float | None
    upper: float | None
    suppressed: bool | None
    date: str
    domain_source: str


class OnetInterest(Record):
    """One RIASEC interest on O*NET's occupational interest scale (OI, 1-7)."""

    element_id: str
    name: str
    value: float
    date: str
    domain_source: str


class OnetTask(Record):
    task_id: int
    text: str
    task_type: str | None  # Core | Supplemental
    incumbents_responding: int | None
    date: str
    domain_source: str

    @property
    def core(self) -> bool:
        return self.task_type == "Core"


class OnetTitle(Record):
    """An alternate title (with O*NET's short form and source codes) or a sample of reported titles."""

    title: str
    short_title: str | None = None
    sources: str | None = None  # O*NET's codes of where an alternate title comes from, as written ("02, 09")
    shown_in_my_next_move: bool | None = None  # reported titles only


class OnetRelated(Record):
    onet_soc: str
    title: str
    tier: str  # Primary-Short | Primary-Long | Supplemental
    index: int


class OnetProfile(Record):
    """What O*NET says of the one O*NET-SOC occupation that stands for a BLS SOC code (`note` says when it is not simply
    the SOC code's own, or covers only part of it). Tasks, titles and related occupations: 11-9111 only."""

    soc: str  # the BLS SOC code, e.g. 29-1141
    onet_soc: str  # e.g. 29-1141.00
    title: str
    description: str
    release: str  # "O*NET 29.3"
    source: str  # a source id
    note: str | None
    job_zone: OnetJobZone | None
    skills: tuple[OnetRating, ...]
    knowledge: tuple[OnetRating, ...]
    work_styles: tuple[OnetRating, ...]
    technology: tuple[OnetTechnology, ...]
    education: tuple[OnetShare, ...]
    interests: tuple[OnetInterest, ...]
    tasks: tuple[OnetTask, ...]
    alternate_titles: tuple[OnetTitle, ...]
    reported_titles: tuple[OnetTitle, ...]
    related: tuple[OnetRelated, ...]
