"""`hmcareer brief`: a career brief to hand out, as one HTML page or markdown (registered on the app in cli.py).

No `from __future__ import annotations` here, for the reason cli.py gives.
"""

from pathlib import Path
from typing import Annotated

import typer

from .cli_support import errors_mapped, state_of, usage_error
from .options import ForceOpt, complete_role, complete_state, file_name

# The brief's formats, by the output file's extension.
BRIEF_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def brief(
    ctx: typer.Context,
    role: Annotated[str, typer.Argument(metavar="ROLE", help="A role by id, title, alias or prefix (nha, clinical, 'health information').",
                                        autocompletion=complete_role)],
    state: Annotated[str | None, typer.Option("--state", "-s", metavar="STATE", autocompletion=complete_state,
                                              help="Pay in this state too, and its licensing board to check.")] = None,
    metro: Annotated[str | None, typer.Option("--metro", "-m", metavar="METRO", help="Pay in this metro or nonmetro area too.")] = None,
    background: Annotated[str | None, typer.Option(
        "--from", "--background", "-b", metavar="BACKGROUND",
        help="Where the reader starts (nurse, billing, records, business...): the path from there.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", parser=file_name,
        help="FILE.html (one self-contained page, prints on A4 and Letter) or FILE.md; without it, markdown on "
        "stdout (drawn for reading on a terminal).")] = None,
    force: ForceOpt = False,
) -> None:
    """A one-to-two page career brief to hand out: the role, pay with charts, the path, licence, certifications,
    associations, outlook and numbered sources.

    \b
    Examples:
      hmcareer brief nha --state OH --from nurse -o ohio-nha.html
      hmcareer brief clinical --metro boston -o brief.md
    """
    session = state_of(ctx)
    terminal = session.terminal()
    if output is not None and str(output) == "-":
        output = None
    if force and output is None:
        usage_error(ctx, "--force only applies with --output FILE (it allows replacing an existing file)")
    fmt = "markdown" if output is None else BRIEF_FORMATS.get(output.suffix.lower())
    if fmt is None:
        usage_error(ctx, f"--output: {str(output)!r} should end in .html or .md (the brief's two formats)")
    with errors_mapped(session, terminal):
        from . import render
        from .brief import career_brief
        from .render.brief_doc import brief_document

        if output is not None:
            render.refuse_to_overwrite(output, force)
        catalog = session.catalog
        document = brief_document(career_brief(catalog, role, state, metro, background), catalog.sources)
        if fmt == "html":
            from .render.brief_html import brief_html as write
        else:
            from .render.brief_md import brief_markdown as write
        text = write(document)
        if output is None:
            if terminal.stdout.isatty():  # laid out for the screen: else the terminal breaks lines inside words
                from .render.brief_md import for_screen
                from .render.terminal import screen_size

                text = for_screen(text, screen_size(terminal.stdout, True)[0])
            terminal.stdout.write(text)
            terminal.stdout.flush()
            return
        render.write_output(output, force, text)
        terminal.message(f"hmcareer: wrote {output}")
