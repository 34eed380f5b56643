"""Renderers: the only code that writes to the terminal or to an output file."""

from __future__ import annotations

import errno
import io
from pathlib import Path
from typing import Any

from ..errors import OutputError, UsageError
from .terminal import Terminal, printable_values


def emit(terminal: Terminal, catalog: Any, kind: str, result: Any, fmt: str) -> None:
    """Write `result` to stdout as a table for people, or as json, csv or markdown."""
    if fmt == "json":
        from . import machine

        # JSON escapes control characters itself and keeps the data's exact text.
        body = machine.body_for(kind, result)
        text = machine.to_json(machine.document(kind, body, catalog.sources, catalog.release_name()))
        terminal.stdout.write(text)
        terminal.stdout.flush()
        return
    # Everything else shows data text literally: an escape sequence in a title prints as "\x1b[31m".
    result = printable_values(result)
    if fmt == "table":
        from .human import Human
        from .views import show

        console = terminal.console()
        # The views look sources up only for their tags, never print them: ids are [a-z0-9-] by validation.
        show(Human(console, catalog.sources, terminal.ascii_only), kind, result)
        return
    from . import machine

    columns, rows = machine.tabular(result)
    text = machine.to_csv(columns, rows) if fmt == "csv" else machine.to_markdown(columns, rows)
    terminal.stdout.write(text)
    terminal.stdout.flush()


def refuse_to_overwrite(path: Path, force: bool) -> None:
    """Checked before any work, so a command that would be refused costs nothing."""
    try:
        is_dir, exists = path.is_dir(), path.exists() or path.is_symlink()
    except OSError as exc:  # a name too long for the file system, say
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}. Choose another --output path") from None
    if is_dir:
        raise UsageError(f"{path} is a directory; give a file name for --output")
    if exists and not force:
        raise UsageError(f"{path} already exists; add --force to replace it, or choose another --output path")


def emit_to_file(path: Path, force: bool, terminal: Terminal, catalog: Any, kind: str, result: Any, fmt: str) -> None:
    """Render to memory first, then write: an error while rendering leaves no half-written file.

    The file is always UTF-8 and plain (no colour codes). Without --force it is created
    exclusively, so a file that appeared since the check is not replaced either.
    """
    buffer = io.StringIO()
    emit(Terminal(buffer, terminal.stderr, color=False, width=terminal.width, unicode=True), catalog, kind, result, fmt)
    try:
        with open(path, "w" if force else "x", encoding="utf-8", newline="") as out:
            out.write(buffer.getvalue())
    except FileExistsError:
        raise UsageError(f"{path} already exists; add --force to replace it, or choose another --output path") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a directory; give a file name for --output") from None
    except FileNotFoundError:
        raise UsageError(f"cannot write {path}: its folder does not exist; create it or choose another --output path") from None
    except OSError as exc:
        # A full disk or a failing device is no fault of the path chosen (exit 1); anything else is (exit 2).
        error = OutputError if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO) else UsageError
        raise error(f"cannot write {path}: {exc.strerror or exc}") from None
