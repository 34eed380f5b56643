"""Writing a file so that its readers find the old file or the whole new one, never a part of either.

The bytes go to a new file beside the target (an unpredictable name, created exclusively, no
symlink followed), are flushed (and, for files people keep, synced to disk), and only then take
the target's name. A write that fails or is stopped (Ctrl-C, SIGTERM) removes its temporary file
and leaves the target as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

TEMP_SUFFIX = ".tmp"


def temporary_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.urandom(8).hex()}{TEMP_SUFFIX}")


def write_atomically(path: Path, chunks: Iterable[bytes], *, replace: bool, durable: bool, mode: int = 0o666,
                     keep_mode: bool = True) -> None:
    """Write `chunks` as the file `path`.

    replace: take the place of an existing file (otherwise FileExistsError, even for a file that
    appears while writing); durable: fsync the file and its folder (output people keep, not a cache);
    mode: permission bits for a new file (less the umask); keep_mode: a replaced regular file keeps
    its read/write/execute bits (never setuid, setgid or sticky; never taken from a symlink's target).
    Raises OSError for anything else that goes wrong; the target is then untouched.
    """
    kept_mode = None
    if replace and keep_mode:
        with contextlib.suppress(OSError):
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode):
                kept_mode = stat.S_IMODE(info.st_mode) & 0o777
    temporary = temporary_name(path)
    with _removed_unless_renamed(temporary) as created:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
        created()
        with open(fd, "wb") as out:
            if kept_mode is not None:
                os.fchmod(out.fileno(), kept_mode)
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            _link_without_replacing(temporary, path)
    if durable:
        _sync_folder(path.parent)


def _link_without_replacing(temporary: Path, path: Path) -> None:
    """Give the file its name unless that name is taken (atomically, where the file system can link)."""
    try:
        os.link(temporary, path, follow_symlinks=False)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if os.path.lexists(path):  # a file system without hard links: check, then rename
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every system can open or sync a folder
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _removed_unless_renamed(temporary: Path) -> Iterator[Callable[[], None]]:
    """Delete `temporary`, once created (the caller says when), if anything stops the write before its rename:
    an error, Ctrl-C, or a SIGTERM (whose handler is in place before the file exists)."""
    import signal

    def terminate(signum: int, _frame: Any) -> None:
        raise SystemExit(128 + signum)

    exists = []
    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread: no handler can be installed
        previous = False
    try:
        yield lambda: exists.append(True)
    except BaseException:
        if exists:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise
    finally:
        if previous is not False:
            signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)
