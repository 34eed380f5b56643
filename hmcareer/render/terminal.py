"""The terminal environment as one object: streams, colour, width and character set.

Tests build a Terminal directly to pretend to be a pipe or a colour terminal.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from typing import IO, Any

# What data text may not carry to a terminal (or a file read in one): control characters (C0 but tab
# and newline, DEL, C1: ESC starts the sequences that clear screens, write the clipboard or make
# links), format characters (bidirectional overrides, isolates and marks such as U+202E, U+2066,
# U+200F and U+061C, which show text in another order than it is stored; zero-width characters
# such as U+200B and U+FEFF, which hide inside names; soft hyphens, tag characters), the line and
# paragraph separators U+2028/U+2029, and lone surrogates (undecodable bytes in arguments). By
# Unicode category, so characters a later Unicode adds to these categories are covered as well.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
KEPT = frozenset("\t\n")


def visible_escape(char: str) -> str:
    """How `printable` spells a character: `\\x1b`, `\\u202e`, `\\U000e0041`, as Python writes them."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def json_escape(char: str) -> str:
    """How JSON spells a character: `\\u001b`, and a pair of surrogates above U+FFFF."""
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def printable(text: str, spell: Callable[[str], str] = visible_escape) -> str:
    """`text` with every character in HIDDEN_CATEGORIES (but tab and newline) spelled out (`\\x1b`, `\\u202e`).

    The one escaper of data text: tables, csv, markdown, JSON (with `json_escape`), messages and
    the explorer all go through it, so data can never drive the terminal or hide what it says.
    """
    if text.isprintable():  # no control, format or separator character at all: the common case, checked in C
        return text
    from unicodedata import category

    return "".join([char if char.isprintable() or char in KEPT or category(char) not in HIDDEN_CATEGORIES else spell(char)
                    for char in text])


def printable_values(value: Any, _memo: dict[int, Any] | None = None) -> Any:
    """`value` (records, tuples, lists, dicts, text) with every string made `printable`.

    What has nothing to escape is returned as it is, so renderers can still compare rows with `is`.
    """
    if isinstance(value, str):  # most of what is walked; needs no memo
        return value if value.isprintable() else printable(value)
    if not isinstance(value, (tuple, list, dict)):
        return value
    memo = {} if _memo is None else _memo
    if id(value) in memo:
        return memo[id(value)]
    out = value
    if isinstance(value, dict):
        pairs = [(printable_values(k, memo), printable_values(v, memo)) for k, v in value.items()]
        if any(k is not old_k or v is not old_v for (k, v), (old_k, old_v) in zip(pairs, value.items(), strict=True)):
            out = dict(pairs)
    else:
        items = [printable_values(v, memo) for v in value]
        if any(new is not old for new, old in zip(items, value, strict=True)):
            out = value._make(items) if hasattr(value, "_make") else type(value)(items)  # a record, or a plain sequence
    memo[id(value)] = out
    return out


def _encoding_is_unicode(stream: IO[str]) -> bool:
    encoding = (getattr(stream, "encoding", None) or "ascii").lower().replace("-", "")
    return encoding.startswith("utf")


# Widths and heights outside these are not a terminal's: COLUMNS=0, LINES=0, COLUMNS=1000000000 are read as unknown.
SANE_COLUMNS = range(20, 10_001)
SANE_LINES = range(2, 10_001)
PIPE_WIDTH = 100  # what a pipe or file gets without a sane COLUMNS: readable, and the same everywhere
DEFAULT_SIZE = (80, 25)  # a terminal that reports no size (some pseudo-terminals say 0 x 0)


def _setting(name: str, sane: range) -> int | None:
    """The environment variable `name` as a size, or None when it is unset or nonsense (text, 0, negative, huge)."""
    value = os.environ.get(name, "").strip()
    if not (value.isdigit() and len(value) <= 6):
        return None
    number = int(value)
    return number if number in sane else None


def screen_size(stream: IO[str], tty: bool, width: int | None = None) -> tuple[int, int]:
    """(columns, lines) to draw for: `width` if given; else COLUMNS and LINES when sane; else, on a terminal, the size it
    reports (when sane); else PIPE_WIDTH for a pipe or file, DEFAULT_SIZE for a terminal."""
    columns, lines = width or _setting("COLUMNS", SANE_COLUMNS), _setting("LINES", SANE_LINES)
    if tty and (columns is None or lines is None):
        try:
            real = os.get_terminal_size(stream.fileno())
        except (AttributeError, ValueError, OSError):  # no descriptor (io.UnsupportedOperation is an OSError)
            real = None
        if real is not None:
            columns = columns or (real.columns if 0 < real.columns < SANE_COLUMNS.stop else None)
            lines = lines or (real.lines if 0 < real.lines < SANE_LINES.stop else None)
    return columns or (DEFAULT_SIZE[0] if tty else PIPE_WIDTH), lines or DEFAULT_SIZE[1]


def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


_TRAILING_SPACES = re.compile(r" +\n")


class _TrimmedLines:
    """A text stream that drops the spaces Rich pads table lines with, which a pipe or file has no use for.

    Only spaces before a newline go, so a prompt that ends in a space stays as it is.
    """

    def __init__(self, stream: IO[str]):
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(_TRAILING_SPACES.sub("\n", text))

    def __getattr__(self, name: str) -> Any:  # flush, isatty, encoding, fileno...
        return getattr(self.stream, name)


# What makes Rich treat a pipe or file as a terminal (and colour it): then its own console is used.
_TERMINAL_SETTINGS = frozenset({"FORCE_COLOR", "TTY_COMPATIBLE"})


class PlainConsole:
    """What human output needs of a Rich console when it goes to a pipe or file: its width, and printing a Text as Rich
    does there (no colour, no wrapping), without importing rich.console, which is a tenth of a command's start-up.

    `print` draws with Rich's own Text.wrap, as Console.print(text, soft_wrap=True) does for a stream that is no
    terminal, so the bytes are Rich's (tests/test_terminal.py compares them for every view).
    """

    def __init__(self, file: Any, width: int, height: int):
        self.file = file
        self.width, self.height = width, height

    def print(self, text: Any, soft_wrap: bool = True, end: str = "\n") -> None:
        if not soft_wrap:
            raise ValueError("PlainConsole prints without wrapping only")
        lines = text.wrap(self, self.width, overflow="ignore", no_wrap=True)  # tabs expanded, trailing spaces cut: as Rich
        self.file.write("\n".join(line.plain for line in lines) + end)


class Terminal:
    # A plain class: @dataclass would compile its methods at every start.
    def __init__(self, stdout: IO[str], stderr: IO[str], color: bool | None = None, width: int | None = None,
                 unicode: bool | None = None):
        self.stdout = stdout
        self.stderr = stderr
        self.color = color  # None: decide from the stream, NO_COLOR and TERM
        self.width = width
        self.unicode = unicode

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

    def unencodable(self, text: str) -> int:
        """How many characters of `text` stdout's encoding cannot carry (0 for an in-memory stream, which has none)."""
        encoding = getattr(self.stdout, "encoding", None)
        if not encoding or self.unicode:
            return 0
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            return sum(text.count(char) for char in set(text) if not _encodes(char, encoding))
        except LookupError:  # an encoding Python does not know
            return 0
        return 0

    def output_console(self) -> Any:
        """The console a command's output is drawn on: for a pipe or file (no colour), a PlainConsole; else Rich's."""
        tty = self.stdout.isatty()
        if not tty and self.color is not True and not _TERMINAL_SETTINGS.intersection(os.environ):
            return PlainConsole(_TrimmedLines(self.stdout), *screen_size(self.stdout, tty, self.width))
        return self.console()

    def console(self, stderr: bool = False) -> Any:
        """Rich's console on stdout (or stderr), set up for hmcareer."""
        from rich.console import Console, ConsoleDimensions

        stream = self.stderr if stderr else self.stdout
        options: dict[str, Any] = {"file": stream, "highlight": False, "emoji": False, "soft_wrap": False}
        if self.color is False:
            options["color_system"] = None
            options["no_color"] = True
        elif self.color is True:
            options["force_terminal"] = True
            options["color_system"] = "truecolor"
        if self.ascii_only:
            options["safe_box"] = True
        tty = stream.isatty()
        if not tty:
            options["file"] = _TrimmedLines(stream)
        fixed_width = self.width
        # Given to Rich too, so that it never reads COLUMNS itself (int() of 5,000 digits raises).
        options["width"], options["height"] = screen_size(stream, tty, fixed_width)

        class HmcareerConsole(Console):
            def on_broken_pipe(self) -> None:
                # Rich would exit 1 here; let the CLI's handler end quietly with 0 instead.
                raise BrokenPipeError

            @property
            def size(self) -> ConsoleDimensions:
                # Asked again at each use, as Rich does, so that a terminal resized during the explorer is followed; but a
                # COLUMNS or LINES of 0 or 10**9 is unknown, not a width (Rich would print nothing, or pad lines for ever).
                return ConsoleDimensions(*screen_size(stream, tty, fixed_width))

            @size.setter
            def size(self, new_size: tuple[int, int]) -> None:
                nonlocal fixed_width
                fixed_width = new_size[0]

        return HmcareerConsole(**options)

    def message(self, text: str) -> None:
        """One line for the user on stderr: never markup-interpreted, control characters shown as escapes."""
        # Escaped first, so that only real newlines are left to join (U+2028, \\x1c... are shown, not split on).
        self.stderr.write(" ".join(printable(text).split("\n")) + "\n")
        self.stderr.flush()
