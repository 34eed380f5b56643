"""`hmcareer salary`: its options and how they combine; registered by cli.py.

No `from __future__ import annotations`, for the reason cli.py gives.
"""

from typing import Annotated, Any

import typer

from .cli_support import MANAGERS_SOC, run, usage_error
from .options import (
    ForceOpt,
    Format,
    FormatOpt,
    OutputOpt,
    SourcesOpt,
    complete_industry,
    complete_occupation,
    complete_state,
)


def salary(
    ctx: typer.Context,
    industry: Annotated[list[str] | None, typer.Option(
        "--industry", "-i", metavar="NAME", autocompletion=complete_industry,
        help="Industry by BLS code, alias or name (repeatable): pharma, hospitals, nursing, 622100; 'all' lists every one.")] = None,
    state: Annotated[list[str] | None, typer.Option(
        "--state", "-s", metavar="STATE", autocompletion=complete_state,
        help="State or territory by postal code or name (repeatable): NY, 'new york', DC, PR; 'all' lists every one.")] = None,
    metro: Annotated[list[str] | None, typer.Option(
        "--metro", "-m", metavar="NAME",
        help="Metro or nonmetro area by name fragment (repeatable): boston, honolulu; 'all' lists every one.")] = None,
    sort: Annotated[str | None, typer.Option(
        "--sort", metavar="KEY", help="Order by employment, mean, median, p90, lq (location quotient) or, with --cost-of-living, adjusted "
        "(mean pay after state prices). Default: employment; industries in BLS's hierarchy.")] = None,
    top: Annotated[int | None, typer.Option("--top", min=1, metavar="N", help="Show only the first N rows.")] = None,
    hourly: Annotated[bool, typer.Option("--hourly", help="Hourly wages instead of annual.")] = False,
    percentiles: Annotated[bool, typer.Option("--percentiles", help="Show the p10-p90 spread.")] = False,
    where: Annotated[str | None, typer.Option(
        "--where", metavar="states|metros",
        help="'states' or 'metros': where it pays most, where the jobs are, where they are concentrated.")] = None,
    min_jobs: Annotated[int | None, typer.Option(
        "--min-jobs", min=0, metavar="N",
        help="With --where: rank by pay and concentration only areas with at least N jobs. Default: 500.")] = None,
    cost_of_living: Annotated[bool, typer.Option(
        "--cost-of-living", help="States only: pay divided by the state's price level (BEA regional price parity, "
        "U.S. = 100, 2023), beside BLS's figures.")] = False,
    history: Annotated[bool, typer.Option("--history", help="National median pay by year, also in 2025 dollars (CPI-U), "
                                          "with sources and growth.")] = False,
    occupation: Annotated[str | None, typer.Option(
        "--occupation", "-O", metavar="OCCUPATION", autocompletion=complete_occupation,
        help="Another occupation's pay: SOC code, title or alias (rn, lpn, np, pa, coder, pt, 'medical assistant'). "
        "Default: 11-9111, the managers. hmcareer occupations lists them.")] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """Pay from the BLS OEWS May 2025 survey: national, by industry, state and metro, and over time.

    \b
    Examples:
      hmcareer salary --industry pharma --industry hospitals
      hmcareer salary --state NY --state TX --percentiles
      hmcareer salary --metro honolulu
      hmcareer salary --state all --sort lq --top 10
      hmcareer salary --where metros
      hmcareer salary --history
      hmcareer salary --occupation rn --metro boston
      hmcareer salary --state all --cost-of-living --sort adjusted
      hmcareer salary --where states --cost-of-living
    """
    from . import salary as pay

    listing_options = {"--industry": industry, "--state": state, "--metro": metro, "--sort": sort is not None,
                       "--top": top is not None, "--hourly": hourly, "--percentiles": percentiles}
    if min_jobs is not None and where is None:
        usage_error(ctx, "--min-jobs goes with --where (the other listings show every row; --top N shortens them)")
    for view, used, ignored in (("--history", history, {**listing_options, "--where": where is not None,
                                                        "--cost-of-living": cost_of_living}),
                                ("--where", where is not None, {k: v for k, v in listing_options.items()
                                                                if k not in ("--top", "--hourly")})):
        clash = [name for name, value in ignored.items() if value]
        if used and clash:
            usage_error(ctx, f"{view} is a view of its own; it does not combine with {', '.join(clash)}")
    def soc(c: Any) -> str:
        if occupation is None:
            return MANAGERS_SOC
        from .occupations import find_occupation, occupation_wages

        return occupation_wages(c, find_occupation(c, occupation)).release.soc

    if history:
        run(ctx, lambda c: pay.history_report(c, soc=soc(c)), fmt, output, force, sources)
    elif where is not None:
        jobs = pay.MIN_JOBS if min_jobs is None else min_jobs
        run(ctx, lambda c: pay.where_report(c, where, top, hourly, soc(c), jobs, cost_of_living), fmt, output, force, sources)
    else:
        run(ctx, lambda c: pay.salary_report(c, industry or (), state or (), metro or (), sort, top, hourly, percentiles,
                                             soc(c), cost_of_living), fmt, output, force, sources)
