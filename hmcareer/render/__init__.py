"""Renderers: the only code that writes to the terminal or to an output file."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path
from typing import Any

from ..atomic import write_atomically
from ..errors import OUTPUT_FAILURES, OutputError
from .terminal import Terminal, printable_values


def emit(terminal: Terminal, catalog: Any, result: Any, fmt: str, commands: bool = True) -> None:
    """Write `result` to stdout as a table for people, or as json, csv or markdown (render/registry.py picks the views).

    commands: whether a table's hints may name commands and options (the explorer says no).
    """
    from . import machine
    from .registry import human_view, view_for

    view = view_for(result)
    if fmt == "json":
        # JSON escapes control characters itself and keeps the data's exact text.
        document = machine.document(view.kind, view.body(result), catalog.sources, catalog.release_name())
        terminal.stdout.write(machine.to_json(document, ascii_only=terminal.ascii_only))
        terminal.stdout.flush()
        return
    # Everything else shows data text literally: an escape sequence in a title prints as "\x1b[31m".
    result = printable_values(result)
    if fmt == "table":
        from .human import Human

        # The views look sources up only for their tags, never print them: ids are [a-z0-9-] by validation.
        human = Human(terminal.console(), catalog.sources, terminal.ascii_only, commands)
        human_view(view)(human, result)
        human.footer()
        return
    columns, rows = view.rows(result)
    text = machine.to_csv(columns, rows) if fmt == "csv" else machine.to_markdown(columns, rows)
    lost = terminal.unencodable(text)
    if lost:  # the stream's encoding shows these as "?" (see Terminal.from_environment): say so, and how to keep them
        terminal.message(f"hmcareer: standard output's encoding ({terminal.stdout.encoding}) lacks {lost} character(s) of "
                         f"this {fmt}, shown as '?'; use --output FILE (always UTF-8) or --format json for the exact text")
    terminal.stdout.write(text)
    terminal.stdout.flush()


def refuse_to_overwrite(path: Path, force: bool) -> None:
    """Checked before any work, so a command that would be refused costs nothing."""
    try:
        is_dir, exists = path.is_dir(), os.path.lexists(path)
    except OSError as exc:  # a name too long for the file system, say
        raise OutputError(str(path), exc.strerror or str(exc), usage=True) from None
    if is_dir:
        raise OutputError(str(path), "directory", usage=True)
    if exists and not force:
        raise OutputError(str(path), "exists", usage=True, existed=True)


def emit_to_file(path: Path, force: bool, terminal: Terminal, catalog: Any, result: Any, fmt: str) -> None:
    """Render to memory, then write the file atomically (hmcareer.atomic): an error while rendering or writing
    leaves no file, or the file that was there, unchanged.

    The file is always UTF-8 and plain (no colour codes). Without --force an existing file is never
    replaced, not even one that appeared since the check.
    """
    buffer = io.StringIO()
    emit(Terminal(buffer, terminal.stderr, color=False, width=terminal.width, unicode=True), catalog, result, fmt)
    data = buffer.getvalue().encode("utf-8")
    # Through a symlink to the file it names; a device or pipe (/dev/null, a FIFO) holds nothing to keep: write to it.
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    try:
        existed, stream = os.path.lexists(target), not stat.S_ISREG(os.stat(target).st_mode)
    except OSError:
        existed = stream = False
    try:
        if stream:
            with open(target, "wb") as out:
                out.write(data)
        else:
            write_atomically(target, (data,), replace=force, durable=True)
    except FileExistsError:
        raise OutputError(str(path), "exists", usage=True, existed=True) from None
    except IsADirectoryError:
        raise OutputError(str(path), "directory", usage=True) from None
    except FileNotFoundError:
        raise OutputError(str(path), "no folder", usage=True) from None
    except OSError as exc:
        # A full disk or a failing device is no fault of the path chosen (exit 1); anything else is (exit 2).
        raise OutputError(str(path), exc.strerror or str(exc), usage=exc.errno not in OUTPUT_FAILURES,
                          existed=None if stream else existed) from None
