"""The Typer app. Each command parses options, calls one query and hands the result to a renderer.

No `from __future__ import annotations` here: Typer reads every command's annotations at each
start, and string annotations would have to be evaluated again each time (a few ms).
"""

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .cli_brief import brief
from .cli_fit import match, none_answered, occupations, profile_of, switch
from .cli_salary import salary
from .cli_support import OneLineUsageErrors, State, debug_enabled, errors_mapped, run, state_of, usage_error
from .errors import EXIT_DATA, EXIT_INTERRUPTED, EXIT_USAGE, ReaderGone
from .options import (
    ForceOpt,
    Format,
    FormatOpt,
    LicenceStateOpt,
    OutputOpt,
    ProfileBackground,
    ProfileDegree,
    ProfileDegreeField,
    ProfileExecutiveYears,
    ProfileLicence,
    ProfileManagerYears,
    ProfileOccupation,
    ProfileYears,
    SourcesOpt,
    complete_credential,
    complete_role,
    env_catalog,
    folder_name,
)

APP_SETTINGS: dict[str, Any] = {
    "cls": OneLineUsageErrors,
    "name": "hmcareer",
    "help": "Offline career explorer for medical and health services managers (SOC 11-9111): roles, pay, "
    "education, credentials, associations and outlook, and the move from 29 other jobs into management, from sourced "
    "BLS, O*NET and issuer data.\n\n\b\nExamples:\n  hmcareer explore\n  hmcareer salary --industry pharma\n  hmcareer roles\n"
    "  hmcareer certs",
    # No command: on a terminal, `root` starts the explorer; elsewhere it prints help.
    "invoke_without_command": True,
    "context_settings": {"help_option_names": ["-h", "--help"]},
    "pretty_exceptions_enable": False,
    "add_completion": True,
    "rich_markup_mode": None,
}
app = typer.Typer(**APP_SETTINGS)


# --- global options ------------------------------------------------------------------


def _version(value: bool) -> None:
    if not value:
        return
    from .errors import DataError

    try:
        rel = env_catalog().oews.release
        data = f"data: BLS OEWS {rel.name} (release {rel.code}), SOC {rel.soc}"
    except DataError as exc:
        data = f"data: unreadable ({exc.problems[0]})"
    _echo(f"hmcareer {__version__} ({data})")
    raise typer.Exit()


def _echo(text: str) -> None:
    try:
        typer.echo(text)
    except BrokenPipeError:
        raise ReaderGone from None


def _not_a_directory(path: Path) -> str | None:
    """Why `path` cannot be read as a data directory (None if it can), for any name a user may type."""
    try:
        if path.is_dir():
            return None
        return "is not a directory" if path.exists() else "does not exist"
    except OSError as exc:  # a name too long for the file system, say
        return f"cannot be read ({exc.strerror or exc})"


def _existing_directory(value: Path | None) -> Path | None:
    if value is not None and (problem := _not_a_directory(value)):
        raise typer.BadParameter(f"{str(value)!r} {problem}; give a folder that holds your data files (*.yaml, oews.jsonl)")
    return value


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Show the app version and the data release, then exit.")] = False,
    data_dir: Annotated[Path | None, typer.Option(
        # HMCAREER_DATA_DIR='' counts as not set (Click ignores an empty variable), like an unset XDG_CACHE_HOME.
        "--data-dir", envvar="HMCAREER_DATA_DIR", callback=_existing_directory, parser=folder_name, metavar="DIR",
        help="Read data files from this directory first (missing files fall back to the bundled data).")] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain output without colour or styles (also NO_COLOR=1).")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show full tracebacks for errors (also HMCAREER_DEBUG=1).")] = False,
) -> None:
    from .settings import warn_about_flags

    ctx.obj = State(data_dir, no_color, debug)
    warn_about_flags(ctx.obj.terminal().message)
    if ctx.invoked_subcommand is None:
        # No command: on a terminal, start the explorer; in a pipe or script, show help instead of waiting for input.
        if sys.stdin.isatty() and sys.stdout.isatty():
            _explore(ctx.obj)
        _echo(ctx.get_help())
        raise typer.Exit()


# --- commands ---------------------------------------------------------------------------


@app.command()
def roles(
    ctx: typer.Context,
    role: Annotated[str | None, typer.Argument(metavar="ROLE", help="A role by id, title, alias or prefix, any case.",
                                               autocompletion=complete_role)] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """List management roles, or show one in full.

    \b
    Examples:
      hmcareer roles
      hmcareer roles clinical
      hmcareer roles nha --format json
    """
    from . import query

    if role is None:
        run(ctx, query.list_roles, fmt, output, force, sources)
    else:
        run(ctx, lambda c: query.role_detail(c, query.find_role(c, role)), fmt, output, force, sources)


app.command()(salary)


@app.command()
def certs(
    ctx: typer.Context,
    credential: Annotated[str | None, typer.Argument(metavar="CREDENTIAL", help="A credential by abbreviation or name (CPAM, FACHE, nha).",
                                                     autocompletion=complete_credential)] = None,
    body: Annotated[str | None, typer.Option("--body", metavar="BODY",
                                             help="Only credentials issued by this body (AAHAM, AHIMA, ACHE...).")] = None,
    role: Annotated[str | None, typer.Option("--role", metavar="ROLE", help="Only credentials relevant to this role.",
                                             autocompletion=complete_role)] = None,
    state: LicenceStateOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """List certifications and licences, or show one (including what an old credential became).

    \b
    Examples:
      hmcareer certs
      hmcareer certs --body aaham
      hmcareer certs CPAM
      hmcareer certs --role nha
      hmcareer certs NHA --state OH
    """
    from . import query

    if credential is not None and (body is not None or role is not None):
        usage_error(ctx, "--body and --role filter the list; leave them out when you name one credential")
    if state is not None:
        if credential is None:
            usage_error(ctx, "--state needs the licence: hmcareer certs NHA --state OH (hmcareer licence lists every state)")
        from .licensing import credential_in_state

        run(ctx, lambda c: credential_in_state(c, credential, state), fmt, output, force, sources)
        return
    if credential is None:
        run(ctx, lambda c: query.list_credentials(c, body, role), fmt, output, force, sources)
    else:
        run(ctx, lambda c: query.credential_detail(c, query.find_credential(c, credential)), fmt, output, force, sources)


@app.command()
def education(ctx: typer.Context, fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False,
              sources: SourcesOpt = False) -> None:
    """Degrees, accreditation with dated program counts, and coursework.

    \b
    Example:
      hmcareer education --format markdown
    """
    from . import query

    run(ctx, query.education_report, fmt, output, force, sources)


@app.command()
def paths(
    ctx: typer.Context,
    role: Annotated[str | None, typer.Argument(metavar="ROLE", help="One role (default: every role).",
                                               autocompletion=complete_role)] = None,
    background: ProfileBackground = None,
    degree: ProfileDegree = None,
    degree_field: ProfileDegreeField = None,
    years: ProfileYears = None,
    manager_years: ProfileManagerYears = None,
    executive_years: ProfileExecutiveYears = None,
    licence: ProfileLicence = None,
    occupation: ProfileOccupation = None,
    state: LicenceStateOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """Education paths as trees: degree -> experience -> licence or certification -> role -> what comes next.

    With --from (and optionally --degree, --years, --manager-years, --licence...) each step is marked done, to do, check or unknown
    for you. With --state, a nursing home administrator's path shows that state's licence steps.

    \b
    Examples:
      hmcareer paths
      hmcareer paths nursing-home-administrator --from nurse --degree bachelor
      hmcareer paths nha --state OH
    """
    from . import query
    from .licensing import with_state

    if state is not None and role is None:
        usage_error(ctx, "--state needs a role: hmcareer paths nha --state OH (the licence is set state by state)")
    kinds = {"degree_field": degree_field, "manager_years": manager_years, "executive_years": executive_years}
    if background is None and occupation is None and degree is None and years is None and not licence and none_answered(kinds):
        run(ctx, lambda c: with_state(c, query.role_paths(c, role), role, state), fmt, output, force, sources)
        return
    if role is None:
        usage_error(ctx, "--from needs a role: hmcareer paths ROLE --from BACKGROUND (hmcareer match ranks the roles)")
    from . import matching

    run(ctx, lambda c: with_state(c, matching.plan_path(c, role, profile_of(c, background, occupation, degree, years, licence, (),
                                                                             kinds)), role, state),
        fmt, output, force, sources)


app.command()(match)
app.command()(switch)
app.command()(occupations)


@app.command()
def search(
    ctx: typer.Context,
    term: Annotated[list[str], typer.Argument(
        metavar="TERM", help="Words to find (all must match), e.g. billing, 'long-term care', cahme.")],
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """Search roles, credentials, associations, degrees, accreditors and industries at once.

    \b
    Examples:
      hmcareer search billing
      hmcareer search long-term care
      hmcareer search quality --format json
    """
    from .search import search as find

    run(ctx, lambda c: find(c, " ".join(term)), fmt, output, force, sources)


def _register_licence() -> None:
    from .cli_licence import licence

    app.command("licence")(licence)
    app.command("license", hidden=True)(licence)


_register_licence()


@app.command()
def explore(ctx: typer.Context) -> None:
    """Browse everything interactively: menus by number or name, b to go back, q to quit.

    \b
    Example:
      hmcareer explore
    """
    _explore(state_of(ctx))


def _explore(state: State) -> None:
    import gc

    from .explore import Explorer

    # A session can last hours: collect its garbage (one-shot commands run with the collector paused, see __main__).
    gc.freeze()
    gc.enable()
    terminal = state.terminal()
    with errors_mapped(state, terminal):
        code = Explorer(state.catalog, terminal).run()
    raise typer.Exit(code)


app.command(name="brief")(brief)


@app.command()
def associations(ctx: typer.Context, fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False,
                 sources: SourcesOpt = False) -> None:
    """Professional associations and what each offers a manager.

    \b
    Example:
      hmcareer associations --format csv
    """
    from . import query

    run(ctx, query.list_associations, fmt, output, force, sources)


@app.command()
def claims(
    ctx: typer.Context,
    verdict: Annotated[str | None, typer.Option(
        "--verdict", metavar="VERDICT", help="Only claims with this verdict: true, out-of-date, wrong or unverified.")] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """Every claim of the 2012 job description that hmcareer checks, with its verdict and evidence.

    \b
    Examples:
      hmcareer claims
      hmcareer claims --verdict wrong
      hmcareer claims --format markdown
    """
    from . import query

    run(ctx, lambda c: query.list_claims(c, verdict), fmt, output, force, sources)


@app.command()
def outlook(ctx: typer.Context, fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False,
            sources: SourcesOpt = False) -> None:
    """Job outlook: OOH quick facts by edition, growth, openings and what drives demand.

    \b
    Example:
      hmcareer outlook
    """
    from . import query

    run(ctx, query.outlook_report, fmt, output, force, sources)


@app.command()
def sources(
    ctx: typer.Context,
    source: Annotated[str | None, typer.Argument(
        metavar="SOURCE", help="One source id (as printed beside facts, e.g. bls-ooh-2023).")] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Every source behind the data: publisher, title, URL, the source's own date and its kind (official, BLS, third party...).

    \b
    Examples:
      hmcareer sources
      hmcareer sources bls-oews-may2025
    """
    from . import query

    if source is None:
        run(ctx, query.sources_report, fmt, output, force)
    else:
        run(ctx, lambda c: query.source_detail(c, source), fmt, output, force)


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[Path | None, typer.Argument(help="A data directory to check (default: the data in use).",
                                                parser=folder_name, metavar="[DIR]")] = None,
) -> None:
    """Check a data directory and list every problem (exit 1 if any).

    \b
    Example:
      hmcareer validate ~/my-hmcareer-data
    """
    from .catalog import Catalog
    from .catalog import validate as check

    state = state_of(ctx)
    terminal = state.terminal()
    directory = path or state.data_dir
    if directory is not None and (problem := _not_a_directory(directory)):
        terminal.message(f"hmcareer: {directory} {problem}. Give a folder that holds the data files (*.yaml, oews.jsonl).")
        raise typer.Exit(2)
    catalog = Catalog(directory, check_keys=True)
    with errors_mapped(state, terminal):
        problems, omitted = check(catalog)
    for p in problems:
        terminal.message(str(p))
    where = directory or "bundled data"
    if problems:
        listed = f"; the first {len(problems)} are listed: fix them and run validate again" if omitted else ""
        terminal.message(f"{len(problems) + omitted} problem(s) in {where}{listed}")
        raise typer.Exit(EXIT_DATA)
    if directory is None:
        terminal.message("bundled data: all data files are valid")
    else:
        # A folder without any of the data files is more likely a wrong path than a finished check: say so.
        files = catalog.data_files()
        own = sum(f.origin == "user" for f in files)
        if not own:
            terminal.message(f"hmcareer: {directory} holds none of the data files ({', '.join(f.file for f in files)}); "
                             "nothing of yours to check. Is it the right folder?")
            raise typer.Exit(EXIT_USAGE)
        terminal.message(f"{directory}: all data files are valid ({own} of {len(files)} read from there, the rest bundled)")


def _debug_requested() -> bool:
    """For errors that escape every command, where the parsed --debug flag is no longer at hand."""
    return debug_enabled() or "--debug" in sys.argv[1:]


# Root options that may come before the command name, and whether each takes a value.
ROOT_OPTIONS = {"--data-dir": True, "--no-color": False, "--debug": False}


def app_for(args: list[str]) -> typer.Typer:
    """`app`, trimmed to the one command `args` runs when that is plain.

    Typer builds the options of every registered command at each start; building only the one
    that runs keeps start-up from growing with the number of commands. Anything else (help,
    --version, a typo, shell completion) gets the whole app, so its messages are unchanged.
    """
    i = 0
    while i < len(args):
        option, inline_value, _ = args[i].partition("=")
        if option not in ROOT_OPTIONS:
            break
        i += 2 if ROOT_OPTIONS[option] and not inline_value else 1
    wanted = args[i] if i < len(args) else None
    commands = [c for c in app.registered_commands if c.callback is not None and (c.name or c.callback.__name__) == wanted]
    if not commands or "_HMCAREER_COMPLETE" in os.environ:
        return app
    trimmed = typer.Typer(**APP_SETTINGS)
    trimmed.registered_callback = app.registered_callback
    trimmed.registered_commands = commands
    return trimmed


def main() -> None:
    """Console-script entry point: the app, plus clean exits for closed streams, pipes, Ctrl-C and anything unexpected.

    Exit codes: 0 success, also when the reader of stdout goes away (`| head -1`); 1 data or internal error, or
    stdout closed (`>&-`); 2 usage error; 130 interrupted. See hmcareer/streams.py for closed streams.
    """
    from .streams import guard_standard_streams, silence_stdout

    guard_standard_streams()
    try:
        app_for(sys.argv[1:])(prog_name="hmcareer")
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    except (ReaderGone, BrokenPipeError):
        # The reader (e.g. `head`) went away: stop quietly, and keep Python from complaining at exit.
        silence_stdout()
        sys.exit(0)
    except Exception as exc:  # raised outside any command (a callback, Typer itself)
        if _debug_requested():
            raise
        from .errors import describe

        message, code = describe(exc)
        sys.stderr.write(f"hmcareer: {message}\n")
        sys.exit(code)
