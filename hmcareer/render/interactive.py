"""What the interactive explorer draws: menus, hints and results (through the same views as the commands).

On a terminal, an answer is held until what follows it is known (a menu, a hint, a prompt), so that it is never
pushed off the screen: the two are written together when they fit; the menu is written in a line or two when only
that fits; and an answer taller than the screen opens in a pager (less when present, else a page at a time here),
after which `again` opens it once more. A pipe or file gets everything in order, as it comes, and never a pager.
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from rich.pager import Pager
from rich.text import Text

from . import emit
from .terminal import Terminal, printable

KEYS_HELP = (
    "Type an option's number or name (a unique start of it is enough).  "
    "b or back: up one level (in find my fit: the previous question).  home: the main menu.  "
    "roles, salary, fit, search: straight to that section, from any question.  q or quit: leave.  "
    "? or help: this text.  sources: the sources of the view above.  save, or save FILE.md or FILE.html: keep the "
    "last answer in a file.  again: show the last answer again.  Enter skips a find-my-fit question."
)
MENU_KEYS = "b back, home, q quit, ? help"
# less: colours as they are (-R), Ctrl-C closes it (-K), a line too wide (a long web address) chopped, never broken (-S;
# the arrow keys show the rest), a prompt that says first how to get back, then where the reader
# is; a shorter one where the screen is narrow, so that it is never cut off.
LESS_OPTIONS = ("-R", "-K", "-S")
LESS_PROMPT = r"-Psq returns to the explorer (lines %lt-%lb?L of %L.?e, end.)"
LESS_PROMPT_NARROW = r"-Psq returns to the explorer %lt-%lb?L/%L."
NARROW = 60  # columns below which prompts take their short form


def less_options(width: int) -> tuple[str, ...]:
    """The options less is started with, its prompt fitting `width` columns."""
    return (*LESS_OPTIONS, LESS_PROMPT if width >= NARROW else LESS_PROMPT_NARROW)


def more_prompt(first: int, last: int, total: int, width: int) -> str:
    """The explorer's own pager's prompt: the fullest form that fits one line of `width` columns (with the cursor)."""
    forms = (f"(lines {first}-{last} of {total}: Enter for more, q to stop) ",
             f"(lines {first}-{last} of {total}: Enter, q stops) ", f"({first}-{last}/{total} Enter, q) ")
    return next((form for form in forms if len(form) < width), forms[-1])


@contextlib.contextmanager
def interrupts_ignored() -> Iterator[None]:
    """Ctrl-C does nothing inside (a Python handler, not SIG_IGN, which programs started later would inherit)."""
    import signal

    try:
        previous = signal.signal(signal.SIGINT, lambda *_: None)
    except ValueError:  # only the main thread may set handlers
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def pager_command(width: int = 80) -> list[str] | None:
    """The program that pages a long answer: $PAGER when set (none when it is empty or cat), else less when
    installed and the terminal can take it (with LESS_OPTIONS), else None: the explorer's own page-at-a-time view."""
    chosen = os.environ.get("PAGER")
    if chosen is not None:
        words = shlex.split(chosen) if chosen.strip() else []
        if not words or os.path.basename(words[0]) == "cat":
            return []
        if os.path.basename(words[0]) != "less":
            return words
    less = shutil.which("less")
    # A terminal that cannot move the cursor (TERM unset, dumb, an editor's shell) would make less ask for RETURN.
    capable = os.environ.get("TERM", "dumb") not in ("dumb", "emacs", "unknown")
    return [less, *less_options(width)] if less and capable else None


class ProgramPager(Pager):
    """Rich's Pager, showing the text through a program such as less (Rich's own SystemPager takes pydoc's choice)."""

    def __init__(self, command: list[str]):
        self.command = command

    def show(self, content: str) -> None:
        # LESSSECURE: no shell, editor or log file from inside the pager. Ctrl-C closes less (-K), never the explorer.
        env = {**os.environ, "LESSSECURE": "1"}
        with interrupts_ignored():
            try:
                subprocess.run(self.command, input=content, text=True, env=env, check=False,
                               errors="backslashreplace")
            except OSError:  # the program vanished or cannot run: the text, as it is
                print(content, end="", flush=True)


class Screen:
    """The explorer's output: everything goes to stdout, as in the commands.

    Menus, titles and hints show role titles, credential names, area and industry names and what
    the user typed: every text drawn here goes through `printable`, as the commands' output does
    (results through `emit`), so neither an escape sequence nor a bidi or zero-width character in
    the data reaches the terminal; and through `Text`, never markup.
    """

    def __init__(self, terminal: Terminal, catalog: Any, paging: bool = False):
        self.terminal = terminal
        self.catalog = catalog
        self.console = terminal.console()
        self.shown: Any = None  # the last result shown, whose sources `sources` lists
        self.session: dict[str, bool] = {}  # what the views have said once for the whole session
        self.paging = paging  # a terminal that a person reads and types in: answers are held, long ones paged
        self.held: str | None = None  # an answer drawn but not yet written (see the module's docstring)
        self.last: str | None = None  # the last answer as drawn, for `again`
        self.below: int | None = None  # lines on screen since the last answer (or its pager note), until a prompt
        self.read_more: Callable[[str], str] = input  # the keys of the page-at-a-time view
        self.page: Callable[[str], bool | None] = self.pager

    def result(self, result: Any) -> None:
        self.shown = result
        self._answer(result)

    def _answer(self, result: Any, list_sources: bool = False) -> None:
        """Draw a result (or the sources behind it): at once on a pipe; on a terminal, held (see the module)."""
        if not self.paging:
            self.console.print()
            emit(self.terminal, self.catalog, result, "table", commands=False, list_sources=list_sources,
                 session=self.session)
            return
        self.settle(0)
        buffer = io.StringIO()
        drawn = Terminal(buffer, self.terminal.stderr, color=self.console.color_system is not None, width=self.console.width,
                         unicode=not self.terminal.ascii_only)
        emit(drawn, self.catalog, result, "table", commands=False, list_sources=list_sources, session=self.session)
        self.held = self.last = "\n" + buffer.getvalue()

    def again(self) -> None:
        """The last answer once more, through the pager when it is long."""
        if self.shown is None:
            self.hint("No answer shown yet.")
            return
        if not self.paging:
            self.console.print()
            emit(self.terminal, self.catalog, self.shown, "table", commands=False, session=self.session)
            return
        self.held = self.last

    def settle(self, following: int) -> None:
        """Write the held answer, with `following` lines to come after it and a prompt: as it is where all of that
        fits the screen, else in the pager."""
        if self.held is None:
            return
        text, self.held = self.held, None
        lines = text.count("\n")
        if lines + following + 1 <= self.console.height:
            self._write(text)
            self.below = lines
            return
        if self.page(text) is False:  # no pager wanted ($PAGER=cat): written as it is
            self.below = lines
            return
        shown = len(text.strip("\n").split("\n"))  # the answer's own lines, as the pager counts them
        note = Text(f"(The answer, {shown} lines, was shown in a pager; again shows it once more.)", style="dim")
        self._write(note)
        self.below = len(self.console.render_lines(note, pad=False))

    def pager(self, text: str) -> bool:
        """A long answer, from its top: through less or $PAGER (Rich's console.pager), else a page at a time here.
        False when $PAGER asks for none: the answer is written as it is."""
        command = pager_command(self.console.width)
        if command == []:
            self._write(text)
            return False
        if command is None or not shutil.which(command[0]):  # none, or one that cannot be started: the explorer's own
            self.pages(text)
            return True
        with self.console.pager(pager=ProgramPager(command), styles=True):
            self.console.print(Text.from_ansi(text.lstrip("\n")), soft_wrap=True, end="")
        return True

    def pages(self, text: str) -> None:
        """The explorer's own pager: a screenful at a time, Enter for the next, q to stop. A line wider than the screen
        (a long web address, left whole) takes the rows the terminal wraps it into."""
        from rich.cells import cell_len

        lines = text.strip("\n").split("\n")
        room, width = max(1, self.console.height - 1), max(1, self.console.width)
        at = 0
        while at < len(lines):
            end, rows = at, 0
            while end < len(lines):
                taken = max(1, -(-cell_len(Text.from_ansi(lines[end]).plain) // width))
                if rows + taken > room and end > at:
                    break
                rows, end = rows + taken, end + 1
            self._write("\n".join(lines[at:end]) + "\n")
            if end >= len(lines):
                return
            if self.read_more(more_prompt(at + 1, end, len(lines), width)).strip().lower() in ("q", "quit", "b", "back"):
                return
            at = end

    def _write(self, text: str | Text) -> None:
        if isinstance(text, Text):
            self.console.print(text)
        else:
            self.console.file.write(text)
            self.console.file.flush()

    def sources(self) -> None:
        """The sources of the last view shown (as `--sources` lists them), or a hint if none was shown yet."""
        if self.shown is None:
            self.hint("No view shown yet: pick one, then type sources to list the sources behind it.")
            return
        self._answer(self.shown, list_sources=True)

    MENU_FORMS = ("full", "names", "inline")  # labels beside or under the names; names one a line; names in a row

    def menu(self, title: str, options: Sequence[tuple[str, str]], footer: str = MENU_KEYS) -> None:
        """A menu: each option's number, name and what it shows. On a terminal, the fullest form that leaves the answer
        above it (if any) on screen: without the labels, then the names in a row; where none does, the answer goes to
        the pager first."""
        title = printable(title)
        options = [(printable(name), printable(label)) for name, label in options]
        if not self.paging:
            self._menu(title, options, footer, "full")
            return
        drawn = {form: self._captured(lambda form=form: self._menu(title, options, footer, form))
                 for form in (self.MENU_FORMS if options else ("full",))}
        above = self.held.count("\n") if self.held is not None else (self.below or 0)  # what must stay on screen

        def fullest(room: int) -> str:
            return next((text for text in drawn.values() if text.count("\n") <= room), list(drawn.values())[-1])

        room = self.console.height - 1 - above
        text = fullest(room)
        if self.held is not None and text.count("\n") > room:
            if room >= 0:  # the answer fits with the prompt under it: on screen, the menu left out but for its keys
                self.settle(room)
                if room:
                    self._write(Text(printable(footer), style="dim"))
                    self.below = (self.below or 0) + 1
                return
            text = fullest(self.console.height - 3)  # the answer goes to the pager; its note takes a line or two
        self.settle(text.count("\n"))
        self._write(text)

    def _captured(self, draw: Callable[[], None]) -> str:
        with self.console.capture() as capture:
            draw()
        return capture.get()

    def _menu(self, title: str, options: Sequence[tuple[str, str]], footer: str, form: str) -> None:
        from rich.table import Table

        self.console.print()
        self.console.print(Text(title, style="bold underline"))
        if options and form == "inline":  # numbers and names only, as many to a line as fit
            lines: list[Text] = []
            for number, (name, _) in enumerate(options, 1):
                item = Text(str(number), style="cyan") + " " + Text(name, style="bold")
                if lines and lines[-1].cell_len + 2 + item.cell_len <= self.console.width:
                    lines[-1] += Text("  ") + item
                else:
                    lines.append(Text("  ") + item)
            self.console.print(Text("\n").join(lines), soft_wrap=True)
        elif options:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(justify="right", style="cyan", no_wrap=True)
            # Labels go beside the names when there is room for them, else under each name.
            beside = self.console.width - max(len(name) for name, _ in options) - len(str(len(options))) - 8 >= 24
            grid.add_column(style="bold", overflow="fold")
            if beside and form == "full":
                grid.add_column(style="dim", ratio=1, overflow="fold")
            for number, (name, label) in enumerate(options, 1):
                shown = Text(label if label != name and form == "full" else "", style="dim")
                if beside and form == "full":
                    grid.add_row(Text(f"  {number}"), Text(name), shown)
                else:
                    grid.add_row(Text(f"  {number}"), Text(name) + (Text("\n") + shown if shown.plain else Text("")))
            self.console.print(grid)
        self.console.print(Text(printable(footer), style="dim"))

    def say(self, text: str, style: str = "") -> None:
        self._line(Text(printable(text), style=style))

    def hint(self, text: str) -> None:
        if len(text) > 300:  # an enormous paste echoed back helps nobody
            text = text[:300] + "..."
        self._line(Text(printable(text), style="yellow"))  # hints quote what the user typed

    def help(self) -> None:
        self._line(Text(KEYS_HELP, style="dim"))

    def _line(self, text: Text) -> None:
        """A line of the explorer's own, after the held answer (settled with room for it)."""
        lines = len(self.console.render_lines(text, pad=False))
        if self.held is not None:
            self.settle(lines)
        self.console.print(text)
        if self.below is not None:
            self.below += lines

    # The prompt and the echo are plain text, written as they are: through Rich, each line of piped input cost two
    # Rich prints, most of the time of a long piped session.

    def show_prompt(self, prompt: str) -> None:
        """A prompt without a newline, for input read from a pipe (a terminal's input() shows its own)."""
        self.settle(0)
        self.below = None
        self.console.file.write(printable(prompt))
        self.console.file.flush()

    def echo(self, typed: str) -> None:
        """What was read from a pipe, after its prompt, so that a transcript reads like a session."""
        self.console.file.write(printable(typed) + "\n")

    def prompt(self, text: str) -> str:
        """The prompt line as plain text, for the input function to show; what is held is written first."""
        self.settle(0)
        self.below = None
        return f"{text}> "
