"""The terminal environment as one object: streams, colour, width and character set.

Tests build a Terminal directly to pretend to be a pipe or a colour terminal.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import IO, Any


def _encoding_is_unicode(stream: IO[str]) -> bool:
    encoding = (getattr(stream, "encoding", None) or "ascii").lower().replace("-", "")
    return encoding.startswith("utf")


@dataclass
class Terminal:
    stdout: IO[str]
    stderr: IO[str]
    color: bool | None = None  # None: decide from the stream, NO_COLOR and TERM
    width: int | None = None
    unicode: bool | None = None

    @classmethod
    def from_environment(cls, no_color: bool = False) -> Terminal:
        for stream in (sys.stdout, sys.stderr):
            # Never crash on a character the terminal's encoding lacks (LANG=C, PYTHONIOENCODING=ascii).
            if not _encoding_is_unicode(stream) and hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="replace")
        color = False if (no_color or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb") else None
        return cls(sys.stdout, sys.stderr, color=color)

    @property
    def ascii_only(self) -> bool:
        return not (self.unicode if self.unicode is not None else _encoding_is_unicode(self.stdout))

    def console(self, stderr: bool = False) -> Any:
        from rich.console import Console

        stream = self.stderr if stderr else self.stdout
        options: dict[str, Any] = {"file": stream, "highlight": False, "emoji": False, "soft_wrap": False}
        if self.color is False:
            options["color_system"] = None
            options["no_color"] = True
        elif self.color is True:
            options["force_terminal"] = True
            options["color_system"] = "truecolor"
        if self.width:
            options["width"] = self.width
        elif not stream.isatty():
            # Pipes get a fixed, readable width; a nonsense COLUMNS (text, 0, negative) is ignored.
            columns = os.environ.get("COLUMNS", "")
            options["width"] = int(columns) if columns.isdigit() and int(columns) >= 20 else 100
        if self.ascii_only:
            options["safe_box"] = True
        class QuietPipeConsole(Console):
            def on_broken_pipe(self) -> None:
                # Rich would exit 1 here; let the CLI's handler end quietly with 0 instead.
                raise BrokenPipeError

        return QuietPipeConsole(**options)

    def message(self, text: str) -> None:
        """One line for the user on stderr (never markup-interpreted)."""
        self.stderr.write(text.rstrip("\n") + "\n")
        self.stderr.flush()
