"""What the interactive explorer draws: menus, hints and results (through the same views as the commands)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text

from . import emit
from .terminal import Terminal, printable

KEYS_HELP = (
    "Type an option's number or name (a unique start of it is enough).  "
    "b or back: up one level (in find my fit: the previous question).  q or quit: leave.  "
    "? or help: this text.  sources: the sources of the view above.  Enter skips a find-my-fit question."
)


class Screen:
    """The explorer's output: everything goes to stdout, as in the commands.

    Menus, titles and hints show role titles, credential names, area and industry names and what
    the user typed: every text drawn here goes through `printable`, as the commands' output does
    (results through `emit`), so neither an escape sequence nor a bidi or zero-width character in
    the data reaches the terminal; and through `Text`, never markup.
    """

    def __init__(self, terminal: Terminal, catalog: Any):
        self.terminal = terminal
        self.catalog = catalog
        self.console = terminal.console()
        self.shown: Any = None  # the last result shown, whose sources `sources` lists
        self.session: dict[str, bool] = {}  # what the views have said once for the whole session

    def result(self, result: Any) -> None:
        self.console.print()
        emit(self.terminal, self.catalog, result, "table", commands=False, session=self.session)
        self.shown = result

    def sources(self) -> None:
        """The sources of the last view shown (as `--sources` lists them), or a hint if none was shown yet."""
        if self.shown is None:
            self.hint("No view shown yet: pick one, then type sources to list the sources behind it.")
            return
        self.console.print()
        emit(self.terminal, self.catalog, self.shown, "table", commands=False, list_sources=True)

    def menu(self, title: str, options: Sequence[tuple[str, str]], footer: str = "b back, q quit, ? help") -> None:
        from rich.table import Table

        title = printable(title)
        options = [(printable(name), printable(label)) for name, label in options]
        self.console.print()
        self.console.print(Text(title, style="bold underline"))
        if options:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(justify="right", style="cyan", no_wrap=True)
            # Labels go beside the names when there is room for them, else under each name.
            beside = self.console.width - max(len(name) for name, _ in options) - len(str(len(options))) - 8 >= 24
            grid.add_column(style="bold", overflow="fold")
            if beside:
                grid.add_column(style="dim", ratio=1, overflow="fold")
            for number, (name, label) in enumerate(options, 1):
                shown = Text(label if label != name else "", style="dim")
                if beside:
                    grid.add_row(Text(f"  {number}"), Text(name), shown)
                else:
                    grid.add_row(Text(f"  {number}"), Text(name) + (Text("\n") + shown if shown.plain else Text("")))
            self.console.print(grid)
        self.console.print(Text(printable(footer), style="dim"))

    def say(self, text: str, style: str = "") -> None:
        self.console.print(Text(printable(text), style=style))

    def hint(self, text: str) -> None:
        if len(text) > 300:  # an enormous paste echoed back helps nobody
            text = text[:300] + "..."
        self.console.print(Text(printable(text), style="yellow"))  # hints quote what the user typed

    def help(self) -> None:
        self.console.print(Text(KEYS_HELP, style="dim"))

    # The prompt and the echo are plain text, written as they are: through Rich, each line of piped input cost two
    # Rich prints, most of the time of a long piped session.

    def show_prompt(self, prompt: str) -> None:
        """A prompt without a newline, for input read from a pipe (a terminal's input() shows its own)."""
        self.console.file.write(printable(prompt))
        self.console.file.flush()

    def echo(self, typed: str) -> None:
        """What was read from a pipe, after its prompt, so that a transcript reads like a session."""
        self.console.file.write(printable(typed) + "\n")

    def prompt(self, text: str) -> str:
        """The prompt line as plain text, for the input function to show."""
        return f"{text}> "
