"""The project's exceptions, and the one mapping from any exception to (message, exit code).

Queries and matching raise structured errors: what kind of thing, the value given, the
candidates. `describe` phrases them for the command line (option names, commands to run);
the explorer phrases the same errors in its own words (explore.explain).
"""

from __future__ import annotations

import errno

from .record import Record

EXIT_OK = 0
EXIT_DATA = 1  # data or internal error
EXIT_USAGE = 2  # bad option or unknown value
EXIT_INTERRUPTED = 130

# What writing output can run into that is no fault of the path chosen: a full disk or quota, a file-size limit, a
# failing device.
OUTPUT_FAILURES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


class HmcareerError(Exception):
    exit_code = EXIT_DATA


class Problem(Record):
    """One thing wrong with a data file: where (file, key path, line) and what."""

    file: str
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.path:
            where += f": {self.path}"
        return f"{where}: {self.message}"


class DataError(HmcareerError):
    """A data file is missing, unreadable, unsafe or does not match the schema."""

    def __init__(self, problems: list[Problem], data_dir: str | None = None, omitted: int = 0):
        self.problems = problems
        self.data_dir = data_dir  # where the files are, so the hint to validate checks the same ones
        self.omitted = omitted  # problems found beyond those listed
        super().__init__(str(problems[0]))


class OutputError(HmcareerError):
    """The --output file could not be written.

    `problem`: "exists", "directory", "no folder", or the system's reason; `usage`: whether the
    path chosen is at fault (exit 2) rather than the system (a full disk: exit 1); `existed`:
    whether a file of that name was there before (and is still there, unchanged); None for a
    device or pipe, which holds no file.
    """

    def __init__(self, path: str, problem: str, usage: bool, existed: bool | None = False):
        self.path, self.problem, self.usage, self.existed = path, problem, usage, existed
        self.exit_code = EXIT_USAGE if usage else EXIT_DATA
        super().__init__(f"{path}: {problem}")


class StreamClosed(HmcareerError):
    """stdout was closed when hmcareer started (`hmcareer roles >&-`): what a command prints can go nowhere."""

    def __init__(self) -> None:
        super().__init__("standard output is closed; nothing to write the answer to")


class ReaderGone(Exception):
    """Whoever read stdout went away (`hmcareer salary | head -1`): stop quietly. Not an OSError, so that nothing on
    the way (Click treats an EPIPE as a failure) takes it for one."""


class UsageError(HmcareerError):
    """The user asked for something that does not exist or cannot be combined: `kind` says what (a role, a sort key)."""

    exit_code = EXIT_USAGE

    def __init__(self, kind: str, value: str | None = None, choices: tuple[str, ...] = ()):
        self.kind, self.value, self.choices = kind, value, tuple(choices)
        super().__init__(f"{kind}: {value!r}" if value is not None else kind)


class NotFound(UsageError):
    """No `kind` is called `value`; `choices` holds the closest names (or, for short vocabularies, all of them)."""


class Ambiguous(UsageError):
    """Several `kind`s fit `value`; `choices` names them."""


class InvalidChoice(UsageError):
    """`value` is not one of the `choices` for `kind` (a sort key, a --where level, a history year)."""


class OutOfRange(UsageError):
    """`value` is outside `choices` = (lowest, highest)."""


class Conflict(UsageError):
    """The values given for `kind` cannot be combined (several listings at once; no licence and a licence)."""


class NotCovered(UsageError):
    """`kind` is known elsewhere but not here: `value` says so in a sentence (Guam has pay figures, no licence facts)."""


class TooShort(UsageError):
    """`value` is too short to be useful (a search term)."""


# --- the command line's words ----------------------------------------------------------------

# How to list every value of a kind.
LIST_HINTS = {
    "role": "Run `hmcareer roles` to list them.",
    "credential": "Run `hmcareer certs` to list them.",
    "industry": "Run `hmcareer salary` to list industries with their codes.",
    "state": "Run `hmcareer salary --state all` to list them.",
    "metro": "Run `hmcareer salary --metro all` to list them.",
    "source id": "Run `hmcareer sources` to list them.",
    "occupation": "Run `hmcareer occupations` to list them.",
    "licence state": "Run `hmcareer licence` to list them.",
}
# Kinds the user gives through an option whose values are a short fixed list, named in full.
OPTIONS = {"background": "--background", "interest": "--interest", "degree level": "--degree", "licence": "--licence",
           "degree field": "--degree-field",
           "sort key": "--sort", "where": "--where"}
AMBIGUOUS_HINTS = {"metro": "Give more of the name, or the BLS area code.",
                   "state": "Give more of the name, or the postal code (NY).",
                   "industry": "Give more of the name, or the BLS industry code.",
                   "occupation": "Give more of the name, or the SOC code (hmcareer occupations lists them)."}


def quoted(value: str | None, limit: int = 60) -> str:
    """A value the user gave, quoted for a message; an enormous one is cut ("'aaaa...' (100,000 characters)")."""
    if value is None or len(value) <= limit:
        return repr(value)
    return f"{value[:limit - 20]!r}... ({len(value):,} characters)"


def _usage_message(exc: UsageError) -> str:
    kind, value, choices = exc.kind, exc.value, exc.choices
    if isinstance(exc, NotFound):
        text = f"unknown {kind} {quoted(value)}."
        if kind in OPTIONS:
            return f"{text} Valid {OPTIONS[kind]} values: {', '.join(choices)}."
        if kind == "issuing body":
            return f"{text} Bodies: {', '.join(choices)}."
        if choices:
            # "; " where names hold commas themselves ("Cleveland, TN; Cleveland, OH")
            text += " Did you mean: " + ("; " if any("," in c for c in choices) else ", ").join(choices) + "?"
        return f"{text} {LIST_HINTS.get(kind, '')}".rstrip()
    if isinstance(exc, Ambiguous):
        # "; " because names such as "Springfield, IL" hold commas themselves
        shown = "; ".join(choices[:8]) + (f"; ... ({len(choices)} in all)" if len(choices) > 8 else "")
        return f"{kind} {quoted(value)} matches several: {shown}. {AMBIGUOUS_HINTS.get(kind, 'Give more of the name, or the id.')}"
    if isinstance(exc, InvalidChoice):
        if kind == "where":
            return f"--where takes {' or '.join(choices)}, not {quoted(value)}"
        if kind == "industry sort key":
            return (f"--sort {value} compares places with the nation; BLS publishes no location quotient for an industry. "
                    f"Sort industries by {', '.join(choices)}")
        if kind == "verdict":
            guess = f"did you mean {' or '.join(choices)}? " if choices else ""
            return f"unknown --verdict {quoted(value)}; {guess}Verdicts: true, out-of-date, wrong, unverified"
        if kind == "history year":
            return f"no BLS median for {value}; years with one: {', '.join(choices)}"
        return f"unknown {kind} {quoted(value)}; use one of {', '.join(choices)}"
    if isinstance(exc, OutOfRange):
        part = {"manager-years": " (they are part of --years)",
                "executive-years": " (they are part of --manager-years and --years)"}.get(kind, "")
        return f"{OPTIONS.get(kind, '--' + kind)} must be between {choices[0]} and {choices[1]}, not {value}{part}"
    if isinstance(exc, Conflict):
        if kind == "listing":
            return "list one kind at a time: --industry all, --state all or --metro all"
        if kind == "history":
            return "--history is the managers' (11-9111) pay over time only; leave out --occupation"
        if kind == "cost-of-living" and value == "metros":
            return ("--cost-of-living is for states: BEA's regional price parities bundled here are by state only, with no "
                    "metro figures; use --state, --state all or --where states")
        if kind == "adjusted":
            return "--sort adjusted orders by pay after state prices: add --cost-of-living (with --state all or --state X)"
        if kind == "cost-of-living":
            return "--cost-of-living needs states: add --state NY, --state all, or use --where states --cost-of-living"
        if kind == "place" and value == "all":
            return "this view compares one place: give one state or metro (salary --state all lists them all)"
        if kind == "place":
            return "give one place: --state or --metro, not both"
        if kind in ("occupation", "licence-state"):  # the query says what does not fit, in a sentence
            return str(value)
        if kind == "degree-field":
            return (f"--degree-field {value} does not fit the --degree given (a field needs a degree above high school, and "
                    "bsn, mha, mba... name their own field); give one or the other")
        return f"--{kind} {value} cannot be combined with a {kind}"
    if isinstance(exc, NotCovered):
        return f"{value}; {LIST_HINTS[kind][0].lower()}{LIST_HINTS[kind][1:]}" if kind in LIST_HINTS else str(value)
    if isinstance(exc, TooShort):
        return "give a search word of at least 2 letters (a-z) or digits, e.g. hmcareer search billing"
    return str(exc)


def _data_message(exc: DataError) -> str:
    text = f"data error: {exc.problems[0]}"
    more = len(exc.problems) - 1 + exc.omitted
    if more:
        import shlex

        command = "hmcareer validate" + (f" {shlex.quote(exc.data_dir)}" if exc.data_dir else "")
        listed = "them" if not exc.omitted else f"the first {len(exc.problems)}"
        text += f" (and {more} more; run `{command}` to list {listed})"
    return text


def _output_message(exc: OutputError) -> str:
    path, problem = exc.path, exc.problem
    if problem == "exists":
        return f"{path} already exists; add --force to replace it, or choose another --output path"
    if problem == "directory":
        return f"{path} is a directory; give a file name for --output"
    if problem == "no folder":
        return f"cannot write {path}: its folder does not exist; create it or choose another --output path"
    if exc.usage:
        return f"cannot write {path}: {problem}. Choose another --output path"
    if exc.existed is None:
        return f"cannot write {path}: {problem}"
    return f"cannot write {path}: {problem}; " + ("the existing file is unchanged" if exc.existed else "no file was written")


def click_usage_message(exc: Exception) -> str:
    """One line for Click's own usage errors (a bad value, an unknown option or command, a missing argument), from
    their public attributes, ending with where help is: "--top: 0 is not in the range x>=1 (see hmcareer salary -h)"."""
    ctx = getattr(exc, "ctx", None)
    param = getattr(exc, "param", None)
    message = getattr(exc, "message", "") or ""
    if hasattr(exc, "possibilities") and getattr(exc, "option_name", None):  # NoSuchOption
        text = f"no such option: {exc.option_name}"
        if exc.possibilities:
            text += f"; did you mean {' or '.join(sorted(exc.possibilities))}?"
    elif param is not None and message:  # BadParameter: a value its type or callback refused
        opts = [o for o in getattr(param, "opts", ()) if o.startswith("--")] or [param.human_readable_name.strip("[]")]
        text = f"{opts[0]}: {message}"
    else:
        text = exc.format_message()  # type: ignore[attr-defined]
        if ctx is not None and text.startswith("No such command") and "Did you mean" not in text:
            text = f"{text.rstrip('.')}; commands: {', '.join(ctx.command.list_commands(ctx))}"
    text = " ".join(text.split()).rstrip(".").replace(". Did you mean", "; did you mean")
    if text[:2].istitle():  # "No such command", "Missing argument": our messages start in lower case
        text = text[0].lower() + text[1:]
    return f"{text} (see {ctx.command_path if ctx is not None else 'hmcareer'} -h)"


def describe(exc: BaseException, debug: bool = False) -> tuple[str, int]:
    """The one line (without "hmcareer: ") and the exit code the command line gives for `exc`."""
    if isinstance(exc, UsageError):
        return _usage_message(exc), exc.exit_code
    if isinstance(exc, DataError):
        return _data_message(exc), exc.exit_code
    if isinstance(exc, OutputError):
        return _output_message(exc), exc.exit_code
    if isinstance(exc, StreamClosed):
        return str(exc), EXIT_DATA
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted", EXIT_INTERRUPTED
    if isinstance(exc, OSError) and exc.errno in OUTPUT_FAILURES:  # writing to stdout
        return f"cannot write the output: {exc.strerror or exc}", EXIT_DATA
    if debug:
        return f"internal error ({type(exc).__name__}: {exc}); please report it with the traceback above.", EXIT_DATA
    return (f"internal error ({type(exc).__name__}: {exc}). Rerun with --debug for the traceback and please report it.",
            EXIT_DATA)
