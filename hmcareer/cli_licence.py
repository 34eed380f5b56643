"""`hmcareer licence [STATE]` (also `license`): the nursing home administrator licence, state by state.

Registered by cli.py under both spellings. No `from __future__ import annotations`, for the reason cli.py gives.
"""

from typing import Annotated

import typer

from .cli_support import run
from .options import ForceOpt, Format, FormatOpt, OutputOpt, SourcesOpt, complete_licence_state


def licence(
    ctx: typer.Context,
    state: Annotated[str | None, typer.Argument(
        help="A state or DC by postal code or name (OH, ohio, 'new york'); default: every state.",
        autocompletion=complete_licence_state)] = None,
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
      hmcareer license texas --format json
    """
    from . import licensing

    if state is None:
        run(ctx, licensing.licence_table, fmt, output, force, sources)
    else:
        run(ctx, lambda c: licensing.licence_detail(c, state), fmt, output, force, sources)

