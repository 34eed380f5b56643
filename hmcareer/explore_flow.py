"""How the explorer's menus hand control back (the user went back, home, to another section, left, or sent nothing),
and how they read what was typed: `pick` an option, `explain` an error in the explorer's words."""

from __future__ import annotations

import contextlib
import select
from collections.abc import Callable, Sequence
from typing import IO, Any

from . import query
from .errors import Ambiguous, Conflict, DataError, InvalidChoice, NotCovered, NotFound, OutOfRange, TooShort, UsageError


def stdin_reader(screen: Any, stdin: IO[str], timeout: float) -> Callable[[str], str]:
    """Read one line per prompt; on a terminal with line editing, on a pipe with a timeout."""
    interactive = stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):  # line editing at the prompt; without it an arrow key arrives as "^[[A"
            import readline  # noqa: F401

    def read(prompt: str) -> str:
        if interactive:
            # The prompt goes through input(), so readline knows it is there: editing keys redraw the line correctly,
            # and the prompt appears only once readline is ready to read.
            return input(prompt)
        screen.show_prompt(prompt)
        try:
            ready, _, _ = select.select([stdin], [], [], timeout)
        except (ValueError, OSError, TypeError):  # no file descriptor (e.g. an in-memory stream): just read
            ready = [stdin]
        if not ready:
            raise NoInput
        line = stdin.readline()
        if not line:
            raise EOFError
        screen.echo(line.rstrip("\n"))  # so that a transcript of piped choices reads like a session
        return line.rstrip("\n")

    return read



class GoBack(Exception):
    """The user typed b: leave the current menu."""


class GoHome(Exception):
    """The user typed home or main: back to the main menu from any depth."""


class Jump(Exception):
    """The user typed a section's name (salary, roles, fit, search) at any prompt: go straight there."""

    def __init__(self, section: str):
        super().__init__(section)
        self.section = section


class Leave(Exception):
    """The user typed q: leave the explorer."""


class NoInput(Exception):
    """stdin is not a terminal and nothing arrived in time."""


def explain(exc: UsageError | DataError) -> str:
    """An error in the explorer's words: what went wrong and what to type, never a command-line option."""
    if isinstance(exc, DataError):
        more = len(exc.problems) - 1
        return (f"This part of the data cannot be shown: {exc.problems[0]}" + (f" (and {more} more problems)" if more else "")
                + ". Other sections may still work.")
    value = exc.value if exc.value is None or len(exc.value) <= 40 else exc.value[:40] + "..."
    if isinstance(exc, NotFound):
        text = f"No {exc.kind} matches {value!r}."
        if exc.choices:
            text += f" Did you mean {' or '.join(exc.choices)}?" if len(exc.choices) <= 3 else f" Choose from: {', '.join(exc.choices)}."
        return text + (" Try pharma, hospitals, NY, texas or boston." if exc.kind == "industry, state or metro" else "")
    if isinstance(exc, Ambiguous):
        shown = "; ".join(exc.choices[:8]) + ("; ..." if len(exc.choices) > 8 else "")
        return f"{value!r} fits several: {shown}. Type more of the name."
    if isinstance(exc, InvalidChoice):
        return f"{value!r} is not one of: {', '.join(exc.choices)}."
    if isinstance(exc, OutOfRange) and exc.kind == "places compared":
        return f"That is {exc.value} names; up to {exc.choices[1]} fit side by side."
    if isinstance(exc, OutOfRange):
        return f"Type a number from {exc.choices[0]} to {exc.choices[1]}."
    if isinstance(exc, Conflict) and exc.kind == "occupation":  # the query says what does not fit, in a sentence
        return f"{exc.value}."
    if isinstance(exc, Conflict):
        return f"'{exc.value}' cannot be combined with another {exc.kind}."
    if isinstance(exc, NotCovered):  # the query says what is not covered, in a sentence
        return f"{exc.value}."
    if isinstance(exc, TooShort):
        return "Type a word of at least 2 letters or digits, such as billing."
    return "That is not something the explorer can show."


def pick(options: Sequence[tuple[str, str]], text: str, aliases: dict[str, Sequence[str]] | None = None) -> int | str:
    """The chosen option's index, or a hint saying why the text chose none.

    Accepts the option's number, its name or label, an alias, or a unique start of any of them.
    """
    shown = repr(text if len(text) <= 40 else text[:40] + "...")
    if text.isdigit():
        number = int(text)
        if 1 <= number <= len(options):
            return number - 1
        return f"There is no option {number}; type 1 to {len(options)}."
    wanted = query.normalize(text)
    if not wanted:
        return "Type a number or a name. ? for help."
    keys = [{query.normalize(name), query.normalize(label), *(query.normalize(a) for a in (aliases or {}).get(name, ()))}
            for name, label in options]
    # A start of a name is no better than a start of a word in one ("manager" opens no role: it is a word in several).
    for test in (lambda k: k == wanted, lambda k: f" {wanted}" in f" {k}"):
        hits = [i for i, ks in enumerate(keys) if any(test(k) for k in ks)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            listed = "; ".join(f"{i + 1} {options[i][0]}" for i in hits[:8]) + (f"; ... ({len(hits)} in all)"
                                                                                 if len(hits) > 8 else "")
            return f"{shown} fits several: {listed}. Type the number of the one you mean."
    return f"{shown} is not an option here. Type a number from 1 to {len(options)} or a name; ? for help."
