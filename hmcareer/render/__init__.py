"""Renderers: the only code that writes to the terminal or to an output file."""

from __future__ import annotations

import errno
import io
import os
import re
import stat
from pathlib import Path
from typing import Any

from ..atomic import write_atomically
from ..errors import OUTPUT_FAILURES, OutputError, ReaderGone
from .terminal import Terminal, printable_values


def view_sources(catalog: Any, result: Any) -> Any:
    """The sources behind what the table view of `result` shows (those its footer counts), in the order it cites
    them, as a `query.SourceList`: what `--sources` prints instead of the view, in any format."""
    import io

    from rich.console import Console

    from ..query import SourceList
    from .human import Human
    from .registry import human_view, view_for

    human = Human(Console(file=io.StringIO(), width=200, color_system=None), catalog.sources)
    human_view(view_for(result))(human, printable_values(result))
    return SourceList(tuple(catalog.sources[sid] for sid in human.cited if sid in catalog.sources), of_view=True)


def emit(terminal: Terminal, catalog: Any, result: Any, fmt: str, commands: bool = True, list_sources: bool = False,
         session: dict[str, bool] | None = None) -> None:
    """Write `result` to stdout as a table for people, or as json, csv or markdown (render/registry.py picks the views).

    commands: whether a table's hints may name commands and options (the explorer says no).
    list_sources: the sources of the view (`view_sources`) instead of the view.
    session: what earlier views of one explorer session have said, so that it is said once (the 2012 text's line).
    """
    from .registry import function, human_view, view_for

    if list_sources:
        result = view_sources(catalog, result)
    view = view_for(result)
    if fmt != "table":
        from . import machine  # not for a table: machine.py imports the queries of every view
    if fmt == "json":
        # JSON escapes control characters itself and keeps the data's exact text.
        document = machine.document(view.kind, function(view.body)(result), catalog.sources, catalog.release_name())
        terminal.stdout.write(machine.to_json(document, ascii_only=terminal.ascii_only))
        terminal.stdout.flush()
        return
    # Everything else shows data text literally: an escape sequence in a title prints as "\x1b[31m".
    result = printable_values(result)
    if fmt == "table":
        from .human import Human

        # The views look sources up only for their tags, never print them: ids are [a-z0-9-] by validation.
        human = Human(terminal.output_console(), catalog.sources, terminal.ascii_only, commands)
        if session is not None:
            human.explained_2012 = session.get("explained_2012", False)
        human_view(view)(human, result)
        human.footer()
        if session is not None:
            session["explained_2012"] = human.explained_2012
        return
    if fmt == "csv":
        text = machine.to_csv(*function(view.rows)(result))
    else:  # markdown is for people: the view's own, or what the table view shows, then its sources in full
        body = function(view.body)(result)
        if view.markdown:
            text = function(view.markdown)(result, printable_values(machine.cited_sources(body, catalog.sources)))
        else:
            from .markdown import MarkdownHuman

            writer = MarkdownHuman(printable_values(catalog.sources), commands)
            human_view(view)(writer, result)
            text = writer.markdown()
        if "onet_data" in body:  # the attribution O*NET's licence asks for, wherever its data is shown
            text += f"\n{body['onet_data']['attribution']}\n"
    lost = terminal.unencodable(text)
    if lost:  # the stream's encoding shows these as "?" (see Terminal.from_environment): say so, and how to keep them
        terminal.message(f"hmcareer: standard output's encoding ({terminal.stdout.encoding}) lacks {lost} character(s) of "
                         f"this {fmt}, shown as '?'; use --output FILE (always UTF-8) or --format json for the exact text")
    terminal.stdout.write(text)
    terminal.stdout.flush()


# How a user names an open descriptor: the file behind it is written where it is (appended to), never replaced.
OPEN_DESCRIPTOR = re.compile(r"/dev/(?:std(?P<std>out|err)|fd/(?P<fd>\d+))|/proc/(?:self|thread-self|\d+)/fd/(?P<proc>\d+)")


def written_in_place(path: Path) -> bool:
    """Whether --output writes into `path` as it is rather than replacing a file: a terminal, /dev/null or another
    character device, a pipe (a FIFO, `>(cmd)`'s /dev/fd/63, /dev/stdout in a pipeline) or a socket, which hold no
    file to destroy; and a file reached through an open descriptor (`-o /dev/stdout > out.txt`, `/dev/fd/3`), which
    is appended to. Neither needs --force. A block device holds data: it is not written in place without --force."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return True
    return stat.S_ISREG(mode) and _descriptor(path) is not None


def _descriptor(path: Path) -> int | None:
    """The descriptor number a path such as /dev/stdout or /dev/fd/3 names, or None."""
    found = OPEN_DESCRIPTOR.fullmatch(os.path.abspath(path))
    if found is None:
        return None
    return {"out": 1, "err": 2}[found["std"]] if found["std"] else int(found["fd"] or found["proc"])


def refuse_to_overwrite(path: Path, force: bool) -> None:
    """Checked before any work, so a command that would be refused costs nothing."""
    if written_in_place(path):
        return
    try:
        is_dir, exists = path.is_dir(), os.path.lexists(path)
    except OSError as exc:  # a name too long for the file system, say
        raise OutputError(str(path), exc.strerror or str(exc), usage=True) from None
    if is_dir:
        raise OutputError(str(path), "directory", usage=True)
    if exists and not force:
        raise OutputError(str(path), "exists", usage=True, existed=True)


def emit_to_file(path: Path, force: bool, terminal: Terminal, catalog: Any, result: Any, fmt: str,
                 list_sources: bool = False) -> None:
    """Render to memory, then write the file atomically (hmcareer.atomic): an error while rendering or writing
    leaves no file, or the file that was there, unchanged.

    The file is always UTF-8 and plain (no colour codes). Without --force an existing file is never
    replaced, not even one that appeared since the check. A device, pipe or open descriptor (see
    `written_in_place`) is written where it is.
    """
    buffer = io.StringIO()
    emit(Terminal(buffer, terminal.stderr, color=False, width=terminal.width, unicode=True), catalog, result, fmt,
         list_sources=list_sources)
    write_output(path, force, buffer.getvalue())


def write_output(path: Path, force: bool, text: str) -> None:
    """Write `text` (UTF-8) to the --output file as `emit_to_file` says: atomically, never replacing a file without
    `force`, into a device, pipe or open descriptor where it is."""
    data = text.encode("utf-8")
    if written_in_place(path) or (force and os.path.exists(path) and not os.path.isfile(path) and not os.path.isdir(path)):
        _write_in_place(path, data)
        return
    # Through a symlink to the file it names.
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    existed = os.path.lexists(target)
    try:
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
                          existed=existed) from None


def _write_in_place(path: Path, data: bytes) -> None:
    """Into a device, pipe or descriptor as it is: appended (no O_TRUNC), so a file behind `>>` keeps what it held."""
    from ..streams import closed_at_start

    if _descriptor(path) in closed_at_start():  # held by /dev/null since hmcareer started: the stream was closed
        raise OutputError(str(path), "that descriptor was closed when hmcareer started", usage=False, existed=None)
    try:
        # Non-blocking, so that a named pipe nobody reads fails at once (ENXIO) instead of waiting forever.
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CLOEXEC | os.O_NONBLOCK)
        os.set_blocking(fd, True)  # then written as any file: a slow reader is waited for
        with open(fd, "wb") as out:
            out.write(data)
    except BrokenPipeError:  # the pipe's reader went away: as on stdout, not an error
        raise ReaderGone from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(str(path), "no program is reading from that pipe", usage=True,
                              existed=None) from None
        raise OutputError(str(path), exc.strerror or str(exc), usage=exc.errno not in OUTPUT_FAILURES, existed=None) from None
