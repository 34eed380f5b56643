"""What every command shares: the global State (data directory, colour, debug), running a query and rendering its
result, and turning errors into one line and an exit code. The commands themselves are in cli.py.

No `from __future__ import annotations` here, for the reason cli.py gives.
"""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from .errors import EXIT_DATA, EXIT_USAGE, ReaderGone
from .options import Format

MANAGERS_SOC = "11-9111"  # the occupation hmcareer is about (catalog.MANAGERS_SOC, not imported at start-up)

# Click's UsageError, the base of every usage error it raises (a bad value, an unknown option or command). Typer 0.26+
# carries its own copy of Click, so the class is reached through Typer's public BadParameter rather than by import.
CLICK_USAGE_ERROR: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


HELP_WIDTH = 80  # help is never wider than this, however wide the terminal
FIRST_COMMAND = "explore"  # listed first in help: the way in for someone who does not know the commands yet


class StackedHelpFormatter(typer.Context.formatter_class):  # type: ignore[misc, name-defined]
    """Click's help formatter; below 60 columns each option or command goes on a line of its own with its text under
    it, wrapped at spaces only, so that no name (HMCAREER_DATA_DIR, --install-completion) is broken."""

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        if self.width - self.current_indent >= 60:
            super().write_dl(rows, col_max, col_spacing)
            return
        import textwrap

        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}\n")
            if second:
                self.write(textwrap.fill(second, max(self.width - 2, 20), initial_indent=indent + "    ",
                                         subsequent_indent=indent + "    ", break_long_words=False,
                                         break_on_hyphens=False) + "\n")


    def write_text(self, text: str) -> None:
        """Click's paragraphs; below 60 columns an example line too long for the width is broken between its arguments
        (an option kept with its value), each line but the last ending in a shell continuation, so no token is split."""
        start = len(self.buffer)
        super().write_text(text)
        if self.width - self.current_indent >= 60:
            return
        written = "".join(self.buffer[start:])
        del self.buffer[start:]
        self.write("\n".join(folded_example(line, self.width) for line in written.split("\n")))


def folded_example(line: str, width: int) -> str:
    """`line` as it is where it fits `width`, else broken between its words (quoted words whole, an option with its
    value) into lines ending in ` \\`, the later ones indented 4 more."""
    import re

    if len(line) <= width:
        return line
    indent = line[:len(line) - len(line.lstrip())]
    words = re.findall(r"(?:'[^']*'|\"[^\"]*\"|\S)+", line)
    groups: list[str] = []
    for word in words:
        if groups and groups[-1].startswith("-") and " " not in groups[-1] and not word.startswith("-"):
            groups[-1] += " " + word  # an option and its value stay together
        else:
            groups.append(word)
    lines = [indent + groups[0]]
    for group in groups[1:]:
        if len(lines[-1]) + 1 + len(group) + 2 <= width:  # room for the word and a continuation after it
            lines[-1] += " " + group
        else:
            lines[-1] += " \\"
            lines.append(indent + "    " + group)
    return "\n".join(lines)


class HelpContext(typer.Context):
    formatter_class = StackedHelpFormatter


class OneLineUsageErrors(TyperGroup):
    """The app's command group: Click's usage errors (4 lines: usage, a hint, a blank line, the error) become one line
    on stderr, exit 2, as hmcareer's own are (errors.click_usage_message); the rest is Typer's.

    Help is laid out for the terminal's width (Click alone never goes below 50 columns), lists the explorer first, and
    gives each command's first sentence whole rather than cut to "..."."""

    context_class = HelpContext

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        if parent is None:
            from .render.terminal import screen_size

            # Subcommands' contexts inherit the width from this one; their help is laid out as this one's.
            extra.setdefault("terminal_width", min(screen_size(sys.stdout, sys.stdout.isatty())[0], HELP_WIDTH))
            for command in self.commands.values():
                command.context_class = HelpContext
        return super().make_context(info_name, args, parent, **extra)

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted(super().list_commands(ctx), key=lambda name: name != FIRST_COMMAND)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except CLICK_USAGE_ERROR as exc:
            from .errors import click_usage_message
            from .render.terminal import Terminal

            Terminal(sys.stdout, sys.stderr).message(f"hmcareer: {click_usage_message(exc)}")
            code = EXIT_USAGE
        except typer.Abort:
            sys.stderr.write("hmcareer: aborted\n")
            code = EXIT_DATA
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


class State:
    """What the global options decide, shared by every command."""

    def __init__(self, data_dir: Path | None = None, no_color: bool = False, debug: bool = False):
        self.data_dir = data_dir
        self.no_color = no_color
        self.debug = debug
        self._catalog = None

    @property
    def catalog(self):
        if self._catalog is None:
            from .catalog import Catalog

            self._catalog = Catalog(self.data_dir, warn=self.terminal().message)
            if self.data_dir is not None and not any(f.origin == "user" for f in self._catalog.data_files()):
                # Most likely a wrong path: say so, though the answer (from the bundled data) is still right.
                self.terminal().message(f"hmcareer: note: {self.data_dir} holds none of the data files; the bundled data is "
                                        "used. Is it the right folder?")
        return self._catalog

    def terminal(self):
        from .render.terminal import Terminal

        return Terminal.from_environment(no_color=self.no_color)


def state_of(ctx: typer.Context) -> State:
    if not isinstance(ctx.obj, State):
        ctx.obj = State()
    return ctx.obj


def debug_enabled(state: State | None = None) -> bool:
    from .settings import enabled

    return bool(state and state.debug) or enabled("HMCAREER_DEBUG")


@contextmanager
def errors_mapped(state: State, terminal: Any) -> Iterator[None]:
    """Any error becomes one line and its exit code (errors.describe); with --debug (or HMCAREER_DEBUG=1) the
    traceback comes first, and the exit code stays the same."""
    try:
        yield
    except (typer.Exit, KeyboardInterrupt, ReaderGone):
        raise
    except BrokenPipeError:  # the reader went away: not an error (Click would exit 1 for an EPIPE)
        raise ReaderGone from None
    except Exception as exc:
        from .errors import describe

        debug = debug_enabled(state)
        if debug:
            import traceback

            traceback.print_exc(file=terminal.stderr)
        message, code = describe(exc, debug)
        terminal.message(f"hmcareer: {message}")
        raise typer.Exit(code) from None


def run(ctx: typer.Context, produce: Callable[[Any], Any], fmt: Format, output: Path | None = None, force: bool = False,
        sources: bool = False) -> None:
    """Call the query and render its result (with --sources, the sources behind it) in the chosen format, on stdout or
    into the --output file."""
    state = state_of(ctx)
    terminal = state.terminal()
    if output is not None and str(output) == "-":  # the usual spelling of "standard output"
        output = None
    if force and output is None:
        usage_error(ctx, "--force only applies with --output FILE (it allows replacing an existing file)")
    with errors_mapped(state, terminal):
        from . import render

        if output is not None:
            render.refuse_to_overwrite(output, force)
        catalog = state.catalog
        result = produce(catalog)
        if output is None:
            render.emit(terminal, catalog, result, fmt.value, list_sources=sources)
        else:
            render.emit_to_file(output, force, terminal, catalog, result, fmt.value, list_sources=sources)
            terminal.message(f"hmcareer: wrote {output}")


def usage_error(ctx: typer.Context, text: str) -> None:
    state_of(ctx).terminal().message(f"hmcareer: {text}")
    raise typer.Exit(EXIT_USAGE)
