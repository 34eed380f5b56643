"""The project's exceptions and exit codes, mapped in one place."""

from __future__ import annotations

import shlex

from .record import Record

EXIT_OK = 0
EXIT_DATA = 1  # data or internal error
EXIT_USAGE = 2  # bad option or unknown value
EXIT_INTERRUPTED = 130


class HmcareerError(Exception):
    exit_code = EXIT_DATA

    def message(self) -> str:
        return str(self)


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

    def __init__(self, problems: list[Problem], data_dir: str | None = None):
        self.problems = problems
        self.data_dir = data_dir  # where the files are, so the hint below checks the same ones
        super().__init__(str(problems[0]))

    def message(self) -> str:
        text = f"data error: {self.problems[0]}"
        more = len(self.problems) - 1
        if more:
            command = "hmcareer validate" + (f" {shlex.quote(self.data_dir)}" if self.data_dir else "")
            text += f" (and {more} more; run `{command}` to list them)"
        return text


class OutputError(HmcareerError):
    """The output could not be written for a reason outside the user's choice of path (a full disk, a failing device)."""


class UsageError(HmcareerError):
    """The user asked for something that does not exist or cannot be combined."""

    exit_code = EXIT_USAGE


class NotFound(UsageError):
    """An unknown role, industry, credential...: says what is close and how to list all."""

    def __init__(self, kind: str, value: str, suggestions: list[str], list_hint: str):
        self.kind, self.value, self.suggestions, self.list_hint = kind, value, suggestions, list_hint
        text = f"unknown {kind} {value!r}."
        if suggestions:
            text += " Did you mean: " + ", ".join(suggestions) + "?"
        text += f" {list_hint}"
        super().__init__(text)


class Ambiguous(UsageError):
    def __init__(self, kind: str, value: str, candidates: list[str], hint: str = ""):
        self.kind, self.value, self.candidates = kind, value, candidates
        # "; " because names such as "Springfield, IL" hold commas themselves
        shown = "; ".join(candidates[:8]) + (f"; ... ({len(candidates)} in all)" if len(candidates) > 8 else "")
        text = f"{kind} {value!r} matches several: {shown}."
        if hint:
            text += f" {hint}"
        super().__init__(text)
