"""The standard streams as the process got them: closed ones made safe, and a reader that went away.

A program started with a standard stream closed (`hmcareer <&-`, `>&-`, `2>&-`) gets None for it
in Python. hmcareer then behaves as follows (README, "Streams and exit codes"):

- stdin closed: read as empty input, as from /dev/null (no arguments: help; `explore`: the menu
  and goodbye; `match` without answers: the usage error a pipe gets).
- stdout closed: the command runs; its first write fails with one line on stderr and exit 1 (a
  usage error is still exit 2, and `--output FILE` works, as it needs no stdout).
- stderr closed: messages are dropped; the exit code is what it would have been.

Descriptors 0-2 are kept taken (by /dev/null) meanwhile, so that no file hmcareer opens (a cache
entry, an --output file) gets one of their numbers, where a stray write would land in it.
"""

from __future__ import annotations

import io
import os
import sys

from .errors import StreamClosed


class ClosedOutput(io.TextIOBase):
    """stdout when it was closed at start: writing anything raises StreamClosed (one line, exit 1)."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            raise StreamClosed
        return 0


_CLOSED: set[int] = set()  # descriptors 0-2 that were closed at start (and are now /dev/null)


def closed_at_start() -> frozenset[int]:
    """The standard descriptors that were closed when hmcareer started: `-o /dev/stdout` must not write into the
    /dev/null that keeps the number taken."""
    return frozenset(_CLOSED)


def guard_standard_streams() -> None:
    """Make closed standard streams behave as the module docstring says."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one
            _CLOSED.add(fd)
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - the process's stdin, open until it ends
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = ClosedOutput()


def silence_stdout() -> None:
    """After the reader went away: point stdout at /dev/null, so that Python's flush at exit has nowhere to fail."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file: nothing will be flushed to a pipe
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
