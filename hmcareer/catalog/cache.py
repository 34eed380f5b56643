"""The cache: what was built from each data file, so the next command need not parse and check it again.

A cached answer is served only if it provably equals what the data file says now:
- an entry holds an exact copy of the bytes it was built from, compared in full with the file
  on every read (a file changed in any way, by any means, is never served from an old entry);
- a CRC-32 over its payload, checked on every read, rejects any damaged or edited byte;
- its header names the format, the subject and a stamp of the code that wrote it: the app
  version, the Python, the fields of every record class and a checksum of the modules that
  build records, so an entry from other code is never decoded into today's records;
- the payload is `marshal` data of plain values (str, int, float, None, tuples, lists, dicts)
  rebuilt by our own constructors: reading an entry can create records and nothing else, and
  cannot touch any class or module.
Entries are written to a new file with an unpredictable name (O_EXCL, no symlinks followed) and
renamed into place (hmcareer.atomic), so readers see a whole entry or none; superseded, orphaned and half-written
files are removed. A cache location that is relative, a symlink, another user's, writable by
anyone or unreadable is not used at all (one line on stderr says so); the commands then parse
every time, which costs only speed.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import stat as file_mode
import sys
import time
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from .. import __version__, models
from ..atomic import write_atomically
from ..record import Record
from ..settings import enabled

FORMAT = b"hmcareer-cache-3"
ENTRY_SUFFIX = ".entry"
# A temporary file this old is a writer's leftover (killed mid-write), not a write in progress.
STALE_TEMP_SECONDS = 600
MAX_ENTRY_BYTES = 512 * 1024 * 1024
_PIECE_BYTES = 256 * 1024  # a data file is compared with its entry's copy this much at a time
# Files of earlier cache formats: pickled entries, JSON entries, the SQLite wage cache and its companions.
_LEGACY_NAME = r"^[a-z_]+-[0-9a-f]{8}(\.(cache|json|sqlite|source|stat)|\.\d+\.(tmp|stat-tmp|source-tmp))$"
# Entries, and the temporary files they are written to (atomic.temporary_name).
_ENTRY_NAME = r"^[a-z_]+-[0-9a-f]{8}\.entry$"
_TEMP_NAME = r"^\.[a-z_]+-[0-9a-f]{8}\.entry\.[0-9a-f]{16}\.tmp$"
# The modules whose code decides what a data file's records are.
_RECORD_CODE = ("catalog/__init__", "catalog/cache", "catalog/checker", "catalog/files", "catalog/onetcodec", "catalog/onetfile",
                "catalog/pricefile", "catalog/schema", "catalog/wagefile", "catalog/wages", "catalog/yamlio", "models", "record",
                "vocabulary")
_PACKAGE = Path(__file__).resolve().parent.parent

# Record classes by position, in definition order: an encoded record names its class by index.
RECORD_CLASSES: tuple[type, ...] = tuple(
    value for value in vars(models).values() if isinstance(value, type) and issubclass(value, Record) and value is not Record)
_CLASS_INDEX = {cls: i for i, cls in enumerate(RECORD_CLASSES)}


# --- where the cache lives ---------------------------------------------------------------------


def configured_directory() -> tuple[Path | None, str | None]:
    """(the cache directory settings ask for, or None; why the setting cannot be used, for one line on stderr)."""
    if enabled("HMCAREER_NO_CACHE"):
        return None, None
    explicit = os.environ.get("HMCAREER_CACHE_DIR")
    if explicit:
        if not os.path.isabs(explicit):
            return None, f"HMCAREER_CACHE_DIR must be an absolute path, not {explicit!r}"
        return Path(explicit), None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, empty or relative: the XDG spec says to ignore it
        home = os.path.expanduser("~")
        if not os.path.isabs(home) or not os.path.isdir(home):  # a service account, HOME=/nonexistent: run uncached
            return None, None
        base = os.path.join(home, ".cache")
    return Path(base) / "hmcareer", None


def open_cache(directory: Path | None, warn: Callable[[str], None]) -> Cache | None:
    """The cache in `directory` (created if missing), or None when there is none to use."""
    if directory is None:
        return None
    if not directory.is_absolute():
        warn(f"hmcareer: not using the cache at {directory}: it is a relative path")
        return None
    try:
        info = directory.lstat()
    except FileNotFoundError:
        try:
            directory.mkdir(mode=0o700, parents=True)
            info = directory.lstat()
        except OSError:  # a read-only file system, say: run without a cache, nothing to report
            return None
    except OSError as exc:
        warn(f"hmcareer: not using the cache at {directory}: {exc.strerror or exc}")
        return None
    why = _unusable(directory, info)
    if why:
        warn(f"hmcareer: not using the cache at {directory}: {why}; set HMCAREER_CACHE_DIR to another folder "
             "(commands still work, only slower)")
        return None
    cache = Cache(directory)
    cache.sweep(entries=False)  # a killed writer's leftovers go even when nothing is written for a while
    return cache


def _unusable(directory: Path, info: os.stat_result) -> str | None:
    if file_mode.S_ISLNK(info.st_mode):
        return "it is a symbolic link"
    if not file_mode.S_ISDIR(info.st_mode):
        return "it is not a folder"
    if info.st_uid != os.geteuid():
        return "it belongs to another user"
    if info.st_mode & file_mode.S_IWOTH:
        return "anyone may write to it"
    if not os.access(directory, os.R_OK | os.X_OK):
        return "it cannot be read"
    return None


# --- the code that writes entries ---------------------------------------------------------------


@cache
def stamp() -> bytes:
    """What identifies the code that wrote an entry: version, Python, record layout and record-building code."""
    layout = repr([(cls.__name__, cls._fields, cls._defaults) for cls in RECORD_CLASSES]).encode()
    code = 0
    for name in _RECORD_CODE:
        for suffix in (".py", ".pyc"):  # .pyc alone in an install without sources
            with contextlib.suppress(OSError):
                code = zlib.crc32((_PACKAGE / f"{name}{suffix}").read_bytes(), code)
                break
    python = f"{sys.implementation.cache_tag}-{sys.byteorder}"  # the wage table keeps arrays of native ints
    return f"{__version__}/{python}/{zlib.crc32(layout):08x}/{code:08x}".encode()


def encode_records(value: Any, index: dict[type, int] | None = None) -> Any:
    """Records as lists [class index, field...]; tuples, dicts and scalars as they are. `index`: each record class's
    position (default: the data schema's, RECORD_CLASSES); a record of another class is a TypeError."""
    index = _CLASS_INDEX if index is None else index
    if isinstance(value, Record):
        position = index.get(type(value))
        if position is None:
            raise TypeError(f"cannot cache a {type(value).__name__}")
        return [position, *(encode_records(item, index) for item in value)]
    kind = type(value)
    if kind is tuple:
        return tuple([encode_records(item, index) for item in value])
    if kind is dict:
        return {key: encode_records(item, index) for key, item in value.items()}
    if value is None or kind in (str, int, float, bool):
        return value
    raise TypeError(f"cannot cache a {kind.__name__}")


def decode_records(value: Any, classes: tuple[type, ...] = RECORD_CLASSES) -> Any:
    """The inverse of `encode_records` (with the same classes, in the same order); an error of any kind for anything it
    did not write."""
    kind = type(value)
    if kind is list:
        index = value[0]
        if type(index) is not int or index < 0:
            raise ValueError("not a record")
        # Scalars are taken as they are here rather than in a call each: most fields are (a wage row has thirty).
        return classes[index]._make([item if type(item) in _SCALARS else decode_records(item, classes) for item in value[1:]])
    if kind is tuple:
        return value if all(type(item) is str for item in value) else tuple([decode_records(item, classes) for item in value])
    if kind is dict:
        return {key: decode_records(item, classes) for key, item in value.items()}
    if kind in _SCALARS:
        return value
    raise ValueError(f"not a value hmcareer caches: {kind.__name__}")


_SCALARS = frozenset({str, int, float, bool, type(None)})


# --- entries -------------------------------------------------------------------------------------


class Cache:
    """Entries in one directory that `open_cache` found safe to use: one per subject and data file."""

    def __init__(self, directory: Path):
        self.directory = directory

    def entry_path(self, subject: str, source: Path) -> Path:
        # One entry per data file: a new version of the file replaces the entry of the old one.
        return self.directory / f"{subject}-{zlib.crc32(os.fsencode(source.absolute())):08x}{ENTRY_SUFFIX}"

    def load(self, subject: str, source: Path, raw: bytes | tuple[bytes, ...]) -> Any:
        """The plain values stored for exactly these bytes (`raw`, or its parts one after another, compared without
        joining them); LookupError when there is no entry to trust."""
        parts = raw if type(raw) is tuple else (raw,)

        def same(data: bytes, at: int) -> bool:
            for part in parts:
                if not data.startswith(part, at):
                    return False
                at += len(part)
            return True

        return self._load(subject, source, sum(map(len, parts)), same)[0]

    def load_file(self, subject: str, source: Path, limit: int) -> tuple[Any, memoryview]:
        """The plain values stored for what the data file `source` holds now, and the entry's copy of the file, which is
        the file as it was read. The file is compared with the copy a piece at a time as it is read, so a large file is
        never held twice. LookupError when there is no entry to trust, or the file is not a regular file of at most
        `limit` bytes (then the caller reads it the usual way, which says what is wrong)."""
        try:
            fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # a pipe put in its place never blocks
        except OSError:
            raise LookupError(subject) from None
        with open(fd, "rb", buffering=0) as stream:
            info = os.fstat(fd)
            if not file_mode.S_ISREG(info.st_mode) or info.st_size > limit:
                raise LookupError(subject)

            def same(data: bytes, at: int) -> bool:
                # No larger than the file (most are YAML of a few KB), and one byte more, so that a file grown since is
                # read on and refused.
                piece, done = memoryview(bytearray(min(_PIECE_BYTES, info.st_size + 1))), 0
                while count := stream.readinto(piece):
                    if done + count > info.st_size or not data.startswith(piece[:count], at + done):
                        return False
                    done += count
                return done == info.st_size  # not cut short while read

            try:
                plain, data, start = self._load(subject, source, info.st_size, same)
            except OSError:
                raise LookupError(subject) from None
        return plain, memoryview(data)[start:start + info.st_size]  # a view: the copy is not copied again

    def _load(self, subject: str, source: Path, size: int, same: Callable[[bytes, int], bool]) -> tuple[Any, bytes, int]:
        """The plain values of the entry for `size` bytes that `same(entry, offset)` finds equal to the entry's copy at
        offset, the entry's bytes, and where the copy starts in them.

        The entry is read, not mapped: a mapped file cut short by another program while in use kills the process
        (SIGBUS), and what is read stays as it was read."""
        data = _read_own_file(self.entry_path(subject, source))
        end = data.find(b"\n")
        if end < 0:
            raise LookupError(subject)
        known, _, checksum = data[:end].rpartition(b" ")  # all but the checksum
        known, _, payload_size = known.rpartition(b" ")  # all but the payload's size
        if known != _header_start(subject, source, size) or not payload_size.isdigit():
            raise LookupError(subject)
        start = end + 1 + size  # where the payload starts, after the copy of the data file
        # Every field in its one spelling ("0A" and "0a" are one number, not one header).
        if payload_size != b"%d" % (len(data) - start) or not same(data, end + 1):
            raise LookupError(subject)
        payload = memoryview(data)[start:]
        if checksum != b"%08x" % zlib.crc32(payload):
            raise LookupError(subject)
        try:
            return marshal.loads(payload), data, end + 1
        except (ValueError, EOFError, TypeError):
            raise LookupError(subject) from None

    def store(self, subject: str, source: Path, raw: bytes | tuple[bytes, ...], plain: Any) -> None:
        """Keep `plain`, built from `raw` (or its parts); caching only saves time, so failing to is no error."""
        parts = raw if type(raw) is tuple else (raw,)
        try:
            payload = marshal.dumps(plain)
        except ValueError:
            return
        header = b" ".join((_header_start(subject, source, sum(map(len, parts))), b"%d" % len(payload), b"%08x" % zlib.crc32(payload)))
        try:
            write_atomically(self.entry_path(subject, source), (header + b"\n", *parts, payload), replace=True, durable=False,
                             mode=0o600, keep_mode=False)
        except OSError:
            return
        self.sweep()

    def sweep(self, entries: bool = True) -> None:
        """Remove what no reader will use: leftovers of killed writers (always) and, with `entries`, entries of data
        files that are gone, damaged entries and files of earlier cache formats. Other files are left alone."""
        try:
            names = os.listdir(self.directory)
        except OSError:
            return
        now = time.time()
        for name in names:
            path = self.directory / name
            try:
                if re.match(_TEMP_NAME, name):
                    remove = now - path.lstat().st_mtime > STALE_TEMP_SECONDS
                elif not entries:
                    continue
                elif re.match(_ENTRY_NAME, name):
                    remove = _orphaned(path)
                else:
                    remove = re.match(_LEGACY_NAME, name) is not None
                if remove:
                    path.unlink()
            except OSError:
                continue


def _header_start(subject: str, source: Path, size: int) -> bytes:
    """An entry's header up to its payload's size: format, code stamp, subject, data file (for `sweep`) and its size."""
    return b" ".join((FORMAT, stamp(), subject.encode(), os.fsencode(source.absolute()).hex().encode(), b"%d" % size))


def _open_own(path: Path) -> BinaryIO:
    """A regular file of ours, opened without following a symlink or waiting on a pipe; LookupError otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        raise LookupError(path) from None
    stream = open(fd, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    info = os.fstat(fd)
    if not file_mode.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_size > MAX_ENTRY_BYTES:
        stream.close()
        raise LookupError(path)
    return stream


def _read_own_file(path: Path) -> bytes:
    with _open_own(path) as stream:
        try:
            return stream.read()
        except OSError:
            raise LookupError(path) from None


def _orphaned(path: Path) -> bool:
    """An entry whose data file is gone, or that is not an entry we write (damaged, a pipe, a symlink)."""
    try:
        with _open_own(path) as stream:
            fields = stream.readline(4096).split(b" ")
        source = bytes.fromhex(fields[3].decode("ascii")) if len(fields) == 7 and fields[0] == FORMAT else None
    except (LookupError, OSError, ValueError, UnicodeDecodeError):
        return True
    return source is None or not os.path.exists(os.fsdecode(source))
