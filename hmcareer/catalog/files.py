"""Where the data files are, and reading one safely: a regular file of bounded size, in UTF-8."""

from __future__ import annotations

import codecs
import stat as file_mode
from pathlib import Path

from ..errors import DataError, Problem

# The largest file each kind of data may be: about five times the largest bundled one, and small enough that
# `validate` reads and checks any file of that size, however broken, in under 2 seconds on a slow machine.
MAX_YAML_BYTES = 256 * 1024  # hand-curated YAML (the largest bundled, sources.yaml, is about 47 KB)
MAX_TABLE_BYTES = 4 * 1024 * 1024  # generated JSON Lines tables (oews.jsonl is about 170 KB)
# Byte-order marks of text a data file must not be in (UTF-32 first: its little-endian mark starts like UTF-16's).
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"), (codecs.BOM_UTF16_LE, "UTF-16"),
              (codecs.BOM_UTF16_BE, "UTF-16"))


def bundled_data_dir() -> Path:
    """data/ inside the installed package, or the repository's top-level data/."""
    # The wheel puts data/ in the package directory, which is what importlib.resources.files()
    # would return for it; looking there directly spares every command importing importlib.resources.
    package = Path(__file__).parent.parent
    packaged = package / "data"
    if packaged.is_dir():
        return packaged
    return package.resolve().parent / "data"


def _too_large(label: str, limit: int) -> DataError:
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    return DataError([Problem(label, "", f"file is larger than {size}, the most a data file of its kind may hold; refusing "
                                         "to read it")])


def read_data_file(path: Path, label: str, limit: int) -> bytes:
    """The file's bytes; a DataError naming `label` for anything that is not a readable regular file of at most `limit`
    bytes."""
    try:
        info = path.stat()  # before opening: opening a named pipe would wait for a writer
        if file_mode.S_ISDIR(info.st_mode):
            raise DataError([Problem(label, "", "is a directory, expected a data file")])
        if not file_mode.S_ISREG(info.st_mode):  # a pipe would block forever, /dev/zero never end
            raise DataError([Problem(label, "", "is not a regular file (a device, pipe or socket); expected a data file")])
        if info.st_size > limit:
            raise _too_large(label, limit)
        with path.open("rb") as stream:
            raw = stream.read(limit + 1)
    except FileNotFoundError:
        raise DataError([Problem(label, "", "file not found")]) from None
    except PermissionError:
        raise DataError([Problem(label, "", "permission denied; make the file and its folder readable")]) from None
    except OSError as exc:
        raise DataError([Problem(label, "", f"cannot read: {exc.strerror or exc}")]) from None
    if len(raw) > limit:  # it grew while read
        raise _too_large(label, limit)
    return raw


def decode_text(raw: bytes, label: str) -> str:
    """The file's text; refuses binary and non-UTF-8 input before any parsing."""
    for bom, encoding in _WIDE_BOMS:
        if raw.startswith(bom):
            raise DataError([Problem(label, "", f"the file is {encoding} text; save it as UTF-8")])
    if b"\x00" in raw:
        raise DataError([Problem(label, "", "binary data (or UTF-16 text), not a UTF-8 text file")])
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark, as some editors write, is no part of the text
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError([Problem(label, "", f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", line)]) from None
