"""`hmcareer match`, `switch` and `occupations`: the user's profile and job, towards a role; registered by cli.py.

No `from __future__ import annotations`, for the reason cli.py gives.
"""

import sys
from typing import Annotated, Any

import typer

from .cli_support import errors_mapped, run, state_of, usage_error
from .options import (
    ForceOpt,
    Format,
    FormatOpt,
    OutputOpt,
    ProfileBackground,
    ProfileDegree,
    ProfileDegreeField,
    ProfileExecutiveYears,
    ProfileInterest,
    ProfileLicence,
    ProfileManagerYears,
    ProfileOccupation,
    ProfileYears,
    SourcesOpt,
    complete_occupation,
    complete_state,
)


def profile_of(c: Any, background: str | None, occupation: str | None, degree: str | None, years: int | None,
               licence: list[str] | None, interest: Any, kinds: dict[str, Any]) -> Any:
    """The user's answers as a matching.Profile; --occupation stands in for --from."""
    from .matching import make_profile, with_occupation
    from .occupations import profile_answers

    background, entry = profile_answers(c, background, occupation)
    profile = make_profile(background, degree, years, licence or (), interest or (), **kinds)
    return with_occupation(profile, entry) if entry is not None else profile


def none_answered(answers: dict[str, object]) -> bool:
    return all(value is None for value in answers.values())


def match(
    ctx: typer.Context,
    background: ProfileBackground = None,
    degree: ProfileDegree = None,
    degree_field: ProfileDegreeField = None,
    years: ProfileYears = None,
    manager_years: ProfileManagerYears = None,
    executive_years: ProfileExecutiveYears = None,
    licence: ProfileLicence = None,
    interest: ProfileInterest = None,
    occupation: ProfileOccupation = None,
    state: Annotated[str | None, typer.Option("--state", "-s", metavar="STATE", autocompletion=complete_state,
                                              help="Show each role's pay in this state (default: national).")] = None,
    metro: Annotated[str | None, typer.Option("--metro", "-m", metavar="NAME", help="Show each role's pay in this metro area.")] = None,
    top: Annotated[int, typer.Option("--top", min=1, metavar="N", help="How many of the best matches get a full gap list.")] = 3,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """Find my fit: rank the roles for your background and interests, with what each still needs.

    Each role shows its pay (national, or --state/--metro) and the change from your occupation's pay (--occupation, or
    the usual one of your background, said so).
    Unanswered questions count as unknown. With no options, in a terminal, it asks the questions.

    \b
    Examples:
      hmcareer match --background nurse --degree bachelor --interest ltc
      hmcareer match --occupation rn --metro boston
    """
    from . import matching

    def ranked(c: Any, profile: Any) -> Any:
        from .occupations import find_occupation, usual_occupation
        from .rolepay import priced

        current = find_occupation(c, occupation) if occupation is not None else usual_occupation(c, profile.background)
        report = priced(c, matching.match_roles(c, profile, top), current, state, metro,
                        assumed=occupation is None and current is not None)
        if state is None:
            return report
        from .licensing import steps_in

        return report._replace(licence_state=steps_in(c, state))

    session = state_of(ctx)
    kinds = {"degree_field": degree_field, "manager_years": manager_years, "executive_years": executive_years}
    unanswered = background is None and occupation is None and degree is None and years is None and not licence
    if unanswered and not interest and none_answered(kinds):
        # The questions go to stdout, so they need a terminal there and stdout free of json/csv.
        if not (sys.stdin.isatty() and sys.stdout.isatty() and (fmt is Format.table or output is not None)):
            usage_error(ctx, "give at least one answer, e.g. --background nurse --interest leadership "
                              "(or run hmcareer match in a terminal for the questions)")
        from .explore import Explorer, GoBack, Leave

        with errors_mapped(session, session.terminal()):
            try:
                profile = Explorer(session.catalog, session.terminal()).questionnaire()
            except (GoBack, Leave, EOFError):
                raise typer.Exit(0) from None
        run(ctx, lambda c: ranked(c, profile), fmt, output, force, sources)
        return
    run(ctx, lambda c: ranked(c, profile_of(c, background, occupation, degree, years, licence, interest, kinds)), fmt, output,
        force, sources)


def switch(
    ctx: typer.Context,
    current: Annotated[str, typer.Option(
        "--from", "-b", metavar="JOB", autocompletion=complete_occupation,
        help="Your job now: an occupation (rn, lpn, coder, pt, 'medical assistant', 29-1141) or a background (nurse).")],
    state: Annotated[str | None, typer.Option("--state", "-s", metavar="STATE", autocompletion=complete_state,
                                              help="Compare in this state (default: national).")] = None,
    metro: Annotated[str | None, typer.Option("--metro", "-m", metavar="NAME", help="Compare in this metro or nonmetro area.")] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """From your job now to health services manager: pay there, what transfers, what to learn, which roles fit.

    \b
    Examples:
      hmcareer switch --from rn --metro boston
      hmcareer switch --from coder --state OH
    """
    from .switching import switch_report

    run(ctx, lambda c: switch_report(c, current, state, metro), fmt, output, force, sources)


def occupations(
    ctx: typer.Context,
    occupation: Annotated[str | None, typer.Argument(
        metavar="OCCUPATION", help="One occupation's O*NET profile (SOC code, title or alias); default: the list.",
        autocompletion=complete_occupation)] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """The occupations with pay here (11-9111 and 29 that people move from), or one occupation's profile.

    \b
    Examples:
      hmcareer occupations
      hmcareer occupations 11-9111
      hmcareer occupations rn
    """
    from . import occupations as found

    if occupation is None:
        run(ctx, found.list_occupations, fmt, output, force, sources)
    else:
        from .occupations import occupation_profile

        run(ctx, lambda c: occupation_profile(c, found.find_occupation(c, occupation)), fmt, output, force, sources)
