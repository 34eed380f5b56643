"""`hmcareer licence [STATE]` (also `license`): the nursing home administrator licence, state by state.

Registered by cli.py under both spellings. No `from __future__ import annotations`, for the reason cli.py gives.
"""

from typing import Annotated

import typer

from .cli_support import run, usage_error
from .options import ForceOpt, Format, FormatOpt, LicenceStateOpt, OutputOpt, SourcesOpt, complete_licence_state


def licence(
    ctx: typer.Context,
    state: Annotated[str | None, typer.Argument(
        help="A state or DC by postal code or name (OH, ohio, 'new york'); default: every state.",
        autocompletion=complete_licence_state)] = None,
    state_option: LicenceStateOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """The nursing home administrator licence, state by state: board, degree, AIT, exams, CE, with every source.

    \b
    Examples:
      hmcareer licence
      hmcareer licence OH
      hmcareer licence --state ohio
      hmcareer license texas --format json
    """
    from . import licensing

    if state is not None and state_option is not None and not _same_state(ctx, state, state_option):
        usage_error(ctx, f"the state is given twice and differs ({state!r}, --state {state_option!r}): give one")
    state = state if state is not None else state_option
    if state is None:
        run(ctx, licensing.licence_table, fmt, output, force, sources)
    else:
        run(ctx, lambda c: licensing.licence_detail(c, state), fmt, output, force, sources)



def _same_state(ctx: typer.Context, one: str, other: str) -> bool:
    """Whether two names of a state find the same one (OH and ohio); a name that finds none leaves the lookup to say so."""
    from .cli_support import state_of
    from .errors import UsageError
    from .licensing import find_state

    catalog = state_of(ctx).catalog
    try:
        return find_state(catalog, one).code == find_state(catalog, other).code
    except UsageError:
        return one.strip().lower() == other.strip().lower()
