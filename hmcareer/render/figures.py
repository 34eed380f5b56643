"""Figures as people read them, without Rich: for markdown and the career brief (the terminal views use human.money).

A figure BLS did not publish says so, never 0; one at or above BLS's top code says "at or above" (>=), never a
figure of its own; one that does not apply to the row is "n/a".
"""

from __future__ import annotations

import re

from ..models import Release, WageEstimate

NOT_PUBLISHED = "not published"
NOT_APPLICABLE = "n/a"
PAY_STATS = (("p10", "p10"), ("p25", "p25"), ("median", "median"), ("p75", "p75"), ("p90", "p90"), ("mean", "mean"))
PERCENTILES_NOTE = "p10, p25, p75, p90: the 10th, 25th, 75th and 90th percentiles (a tenth of jobs pay less than p10)."


def dollars(value: float | int, hourly: bool = False) -> str:
    """$140,970 a year; $67.78 an hour."""
    return f"${value:,.2f}" if hourly else f"${value:,.0f}"


def wage(e: WageEstimate, stat: str, hourly: bool, release: Release | None) -> str:
    """One of a row's wage figures (`mean`, `median`, `p90`...) for people."""
    name = f"{'hourly' if hourly else 'annual'}_{stat}"
    value = getattr(e, name)
    if value is not None:
        return dollars(value, hourly)
    if name in e.top_coded:
        top = release and (release.top_hourly if hourly else release.top_annual)
        return f">= {dollars(top, hourly)}" if top is not None else "at or above BLS's top code"
    return NOT_PUBLISHED if name in e.not_published else NOT_APPLICABLE


def jobs(e: WageEstimate) -> str:
    if e.employment is not None:
        return f"{e.employment:,}"
    return NOT_PUBLISHED if "employment" in e.not_published else NOT_APPLICABLE


def place_name(e: WageEstimate) -> str:
    """A wage row's place or industry in words: "United States" (all industries), "Ohio", "Nursing Care Facilities"."""
    if e.area_type == "N":
        return "United States" if e.industry_code == "000000" else e.industry_name
    return e.area_name


def pay_rows(rows: tuple[WageEstimate, ...] | list[WageEstimate], release: Release | None, hourly: bool = False,
             stats: tuple[str, ...] = ("median", "mean")) -> tuple[list[str], list[list[str]]]:
    """Wage rows as a table for people: the place or industry, jobs, then the figures asked for, formatted."""
    names = dict(PAY_STATS)
    header = ["where", "jobs", *(names[s] for s in stats)]
    return header, [[place_name(e), jobs(e), *(wage(e, s, hourly, release) for s in stats)] for e in rows]


def markdown_text(value: str, line_start: bool = True) -> str:
    """Data text as written, never as markdown markup: emphasis, code, links, tags, table cells, a heading and, at the
    start of a line, a quote (`>=` in a table cell or inside a line stays as it is)."""
    escaped = re.sub(r"([\\`*_<\[\]|#])", r"\\\1", value)
    return "\\" + escaped if line_start and escaped.startswith(">") else escaped
