"""Results remembered between runs of a command, for views that read many data files (`switch` reads seven).

A result is served from the cache only while it provably equals what computing it again would give:
- its entry holds an exact copy of the bytes of every data file the catalog had read when the result was computed,
  compared in full with those files as they are now (the cache's own rule, catalog/cache.py), so a file changed in any
  way is never served from an old entry;
- that copy starts with the question (the command's arguments) and the source of the code that computes the result, so
  other arguments or changed query code never match; the cache's header adds its own stamp (app version, Python,
  record classes, the data layer's code);
- with a data directory, the question also holds that directory's path and what its folders hold (see
  `_data_dir_listing`), so a file added, removed or made to resolve there is a new question;
- the result is stored as plain values and rebuilt only into the record classes its caller names.
A second entry, keyed by the question alone, lists which files to compare. Without a cache, or on any
doubt, the result is computed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from .catalog import OCCUPATIONS_DIR, ONET_DIR, Catalog
from .catalog.cache import decode_records, encode_records

R = TypeVar("R")
# The modules whose code decides a remembered result: a change to any of them is a new question.
QUERY_CODE = ("switching", "occupations", "profiles", "rolepay", "matching", "query", "vocabulary", "remembered")


@cache
def query_code() -> bytes:
    """The source of every module in QUERY_CODE, whole: compared byte for byte like the data (about 90 KB; a digest
    would cost importing hashlib, about 5 ms, on every run)."""
    return b"".join(b"\n%s %d\n" % (name.encode(), len(raw)) + raw
                    for name in QUERY_CODE for raw in [(Path(__file__).parent / f"{name}.py").read_bytes()])


def _data_dir_listing(c: Catalog) -> bytes:
    """What decides which file a name means in the data directory (the catalog prefers a data directory's file to the
    bundled one, and lists the SOC codes of both): every name in it and in its occupations/ and onet/ folders, and for
    a symbolic link whether it leads to a file. OSError when a folder is there but cannot be listed."""
    parts = [os.fsencode(c.data_dir)]
    for folder in (c.data_dir, c.data_dir / OCCUPATIONS_DIR, c.data_dir / ONET_DIR):
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except (FileNotFoundError, NotADirectoryError):
            parts.append(b"\n-")
            continue
        parts.append(b"\n+")
        for entry in entries:
            link = b"" if not entry.is_symlink() else b" ->%d" % os.path.exists(entry.path)
            parts.append(b" " + os.fsencode(entry.name) + link)
    return b"".join(parts)


def _inputs(question: bytes, files: list[tuple[str, bytes | memoryview]]) -> tuple[bytes | memoryview, ...]:
    """The question, then each file's path and size and its bytes: what an entry must equal byte for byte (in parts,
    which the cache compares one after another rather than copying them into one)."""
    parts = [question]
    for path, raw in files:
        parts += [b"\n%s %d\n" % (path.encode("utf-8", "surrogateescape"), len(raw)), raw]
    return tuple(parts)


def remembered(c: Catalog, kind: str, arguments: tuple[Any, ...], compute: Callable[[], R], classes: tuple[type, ...]) -> R:
    """`compute()`, or the result it gave for the same arguments while every file it read is still the same. `classes`:
    every record class the result may hold, in a fixed order (an encoded record names its class by position)."""
    store = c.cache
    if store is None:
        return compute()
    question = repr((kind, arguments)).encode("utf-8", "surrogateescape") + b"\n" + query_code()
    if c.data_dir is not None:
        # Which file a name means depends on what the data directory holds at the time: a file added there later would
        # shadow one the result was computed from, unseen by comparing the files read.
        try:
            question += b"\n" + _data_dir_listing(c)
        except OSError:
            return compute()
    anchor = c.locate("occupation_index")  # entries are kept beside a data file that exists (cache.sweep)
    try:
        listed = store.load(f"{kind}_files", anchor, question)
        if type(listed) is not tuple or not all(type(p) is str for p in listed):
            raise ValueError("not a file list")
        files = [(p, Path(p).read_bytes()) for p in listed]
        return decode_records(store.load(kind, anchor, _inputs(question, files)), classes)
    except Exception:  # noqa: BLE001 - no entry, a changed or missing file, a damaged entry: compute it
        pass
    result = compute()
    if c.files_built:
        # A first run after a data change has just parsed its files and written their cache entries; the next run,
        # reading them from the cache, remembers the result, so that the first run is not made slower still.
        return result
    files = sorted((str(p), raw) for p, raw in c.files_read.items())  # the bytes as read, not as they may be now
    try:
        plain = encode_records(result, {cls: i for i, cls in enumerate(classes)})
    except TypeError:
        return result
    store.store(f"{kind}_files", anchor, question, tuple(p for p, _ in files))
    store.store(kind, anchor, _inputs(question, files), plain)
    return result
