"""What the interactive explorer draws: menus, hints and results (through the same views as the commands)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text

from . import emit
from .terminal import Terminal

KEYS_HELP = (
    "Type an option's number or name (a unique start of it is enough).  "
    "b or back: up one level.  q or quit: leave.  ? or help: this text."
)


class Screen:
    """The explorer's output: everything goes to stdout, as in the commands; data text is never markup."""

    def __init__(self, terminal: Terminal, catalog: Any):
        self.terminal = terminal
        self.catalog = catalog
        self.console = terminal.console()

    def result(self, kind: str, result: Any) -> None:
        self.console.print()
        emit(self.terminal, self.catalog, kind, result, "table")

    def menu(self, title: str, options: Sequence[tuple[str, str]], footer: str = "b back, q quit, ? help") -> None:
        self.console.print()
        self.console.print(Text(title, style="bold underline"))
        width = len(str(len(options)))
        for number, (name, label) in enumerate(options, 1):
            line = Text(f"  {number:>{width}}  ", style="cyan") + Text(name, style="bold")
            if label and label != name:
                line.append("  " + label, style="dim")
            self.console.print(line)
        self.console.print(Text(footer, style="dim"))

    def say(self, text: str, style: str = "") -> None:
        self.console.print(Text(text, style=style))

    def hint(self, text: str) -> None:
        self.console.print(Text(text, style="yellow"))

    def help(self) -> None:
        self.console.print(Text(KEYS_HELP, style="dim"))

    def prompt(self, text: str) -> str:
        """The prompt line as plain text, for the input function to show."""
        return f"{text}> "
