"""Find data/, read it safely, validate it and build typed records.

The only module that knows YAML exists. Each subject file is parsed only when a command
asks for it; the records built from it are cached together with the exact YAML they came from,
and used only while the file still holds those bytes, so a cache can never serve stale data (see
`_read_entry`). The OEWS rows, the one subject that grows with the data, are cached once
validated as an indexed SQLite file, so a command reads only the rows it shows, however many
there are (see `WageRows` and `SqliteWageRows`).
"""

from __future__ import annotations

import codecs
import contextlib
import datetime
import io
import math
import os
import re
import stat as file_mode
import sys
import time
import zlib
from collections.abc import Callable, Iterable
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from . import __version__
from .errors import DataError, Problem
from .models import (
    DEGREE_LEVELS,
    FIT_BACKGROUNDS,
    FIT_INTERESTS,
    LICENCES,
    OEWS_COLUMNS,
    WAGE_FIELDS,
    Accreditor,
    Association,
    Coursework,
    Credential,
    DataFile,
    Degree,
    Education,
    ExampleProgram,
    Fact,
    NamedValue,
    Occupation,
    OewsRelease,
    PathStep,
    ProgramCount,
    Quality,
    QuickFacts,
    Release,
    Requirement,
    Role,
    SeedClaim,
    Source,
    Task,
    WageEstimate,
    WagePoint,
    normalize,
)

SUBJECTS = (
    "sources", "roles", "credentials", "associations", "education", "occupation",
    "seed_claims", "wage_history", "industry_aliases", "oews",
)
MAX_FILE_BYTES = 20 * 1024 * 1024
SOURCE_TAGS = frozenset({"BLS", "O*NET", "OFF", "CH", "MIR", "WIKI", "3P", "SEED"})
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# An anchor (&a) or alias (*a) may only start after space or a flow indicator; text that
# never matches cannot contain one, so the fast C parser is safe for it.
# Patterns used only on a parse or an error stay strings, compiled (and kept by `re`) on first use.
_MAYBE_ANCHOR = rb"(?m)(?:^|[\s\[{,:])[&*][^\s,\]}]"
# Byte-order marks of text a YAML file must not be in (UTF-32 first: its little-endian mark starts like UTF-16's).
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"), (codecs.BOM_UTF16_LE, "UTF-16"),
              (codecs.BOM_UTF16_BE, "UTF-16"))
# BLS annual figures are hourly x 2,080 from unrounded hourly values, rounded to $10.
ANNUAL_TOLERANCE = 15.5


def bundled_data_dir() -> Path:
    """data/ inside the installed package, or the repository's top-level data/."""
    # The wheel puts data/ in the package directory, which is what importlib.resources.files()
    # would return for it; looking there directly spares every command importing importlib.resources.
    package = Path(__file__).parent
    packaged = package / "data"
    if packaged.is_dir():
        return packaged
    return package.resolve().parent / "data"


def default_cache_dir() -> Path | None:
    if os.environ.get("HMCAREER_NO_CACHE"):
        return None
    explicit = os.environ.get("HMCAREER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if not os.path.isdir(home):  # no home (a service account, HOME=/nonexistent): run uncached, create nothing
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "hmcareer"


# --- reading --------------------------------------------------------------------------


def _yaml_problem(file: str, exc: Exception) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and start is not None and line is not None and start.line + 1 != line:
        reason += f" ({context} that starts on line {start.line + 1})"  # e.g. where an unclosed quote opened
    if "python/" in str(exc) or "could not determine a constructor" in str(exc):
        reason = "YAML tags such as !!python/... are not allowed (nothing was executed)"
    return Problem(file, "", f"invalid YAML: {reason}", line)


def _decode(raw: bytes, file: str) -> str:
    """The file's text; refuses huge, binary and non-UTF-8 input before any YAML parsing."""
    if len(raw) > MAX_FILE_BYTES:
        raise DataError([Problem(file, "", f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; refusing to read it")])
    for bom, encoding in _WIDE_BOMS:
        if raw.startswith(bom):
            raise DataError([Problem(file, "", f"the file is {encoding} text; save it as UTF-8")])
    if b"\x00" in raw:
        raise DataError([Problem(file, "", "binary data (or UTF-16 text), not a UTF-8 YAML file")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError([Problem(file, "", f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", line)]) from None


def _loader_for(raw: bytes) -> type:
    fast, pure, strict = _loaders()
    if re.search(_MAYBE_ANCHOR, raw):
        return strict
    # HMCAREER_PURE_YAML: parse as on a platform without libyaml (benchmarks and tests).
    return pure if os.environ.get("HMCAREER_PURE_YAML") else fast


def parse_yaml(raw: bytes, file: str) -> Any:
    """Safe-load YAML text; refuse binary, non-UTF-8, tags, anchors/aliases, duplicate keys and huge input."""
    import yaml

    text = _decode(raw, file)
    try:
        return yaml.load(text, Loader=_loader_for(raw))  # noqa: S506 - both loaders are safe loaders
    except yaml.YAMLError as exc:
        raise DataError([_yaml_problem(file, exc)]) from None
    except RecursionError:
        raise DataError([Problem(file, "", "YAML nested too deeply; refusing to read it")]) from None


# oews.yaml, as scripts/import_oews.py writes it, ends in `rows:` and one flow list per line.
_ROWS_KEY = "\nrows:\n"
_ROWS_PER_CHUNK = 500


def parse_oews(raw: bytes, file: str) -> Any:
    """oews.yaml parsed as parse_yaml would, but its rows a few hundred at a time when each sits on one line.

    PyYAML holds a node for every value of a document until the whole of it is built: over
    100 MB for 7,000 rows. Parsed a chunk at a time, the rows cost little more than their
    values. Any other layout, and any error (for its line number), gets the whole-file parse.
    """
    import yaml

    text = _decode(raw, file)
    head, found, rows = text.partition(_ROWS_KEY)
    lines = rows.split("\n")
    if not found or not rows.startswith("- [") or re.search(_MAYBE_ANCHOR, raw) or not all(
            (line.startswith("- [") and line.endswith("]")) or not line or line.startswith("#") for line in lines):
        return parse_yaml(raw, file)
    loader = _loader_for(raw)
    try:
        document = yaml.load(head + "\nrows: []\n", Loader=loader)  # noqa: S506 - a safe loader
        if not isinstance(document, dict) or document.get("rows") != []:
            return parse_yaml(raw, file)
        parsed_rows = document["rows"]
        for start in range(0, len(lines), _ROWS_PER_CHUNK):
            parsed_rows += yaml.load("\n".join(lines[start:start + _ROWS_PER_CHUNK]), Loader=loader) or []  # noqa: S506
    except (yaml.YAMLError, RecursionError):
        return parse_yaml(raw, file)
    return document


@cache
def _loaders() -> tuple[type, type, type]:
    """(fast, pure, strict) safe loaders, built on first use so importing this module stays cheap.

    Both refuse duplicate keys (YAML would silently keep the last one). The strict one is pure
    Python and also refuses anchors and aliases, so an alias bomb cannot expand.
    """
    import yaml

    class NoDuplicateKeys:
        def construct_mapping(self, node, deep=False):
            seen = set()
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value != "<<":
                    if key_node.value in seen:
                        raise yaml.constructor.ConstructorError(
                            "while reading a mapping", node.start_mark, f"duplicate key {key_node.value!r}", key_node.start_mark)
                    seen.add(key_node.value)
            return super().construct_mapping(node, deep)

    class FastLoader(NoDuplicateKeys, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    class PureLoader(NoDuplicateKeys, yaml.SafeLoader):
        pass

    class StrictLoader(NoDuplicateKeys, yaml.SafeLoader):
        def compose_node(self, parent, index):  # type: ignore[override]
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise yaml.composer.ComposerError(
                    None, None, "anchors and aliases (&name / *name) are not allowed", event.start_mark
                )
            return super().compose_node(parent, index)

    return FastLoader, PureLoader, StrictLoader


# A cache entry holds an exact copy of the YAML it was made from and is used only while the
# file still holds those bytes: comparing them is as cheap as hashing, and needs no hashlib
# (whose import alone costs a few ms at every start). It holds the records built and validated
# from that YAML, pickled: reading them back takes a tenth of the time parsing and checking
# took. The unpickler accepts no class but hmcareer's records, so an entry can hold data and
# nothing that runs, and a checksum in the header line keeps a damaged file from reaching it.


@cache
def _cache_stamp() -> str:
    """The app version, the Python and a checksum of the code that builds records, so that an
    entry written by other code (an upgrade, an edit) is never used."""
    here = Path(__file__).parent
    try:
        code = b"".join((here / name).read_bytes() for name in ("catalog.py", "models.py", "record.py"))
    except OSError:  # installed without sources: the version alone has to do
        code = b""
    return f"{__version__}-{sys.implementation.cache_tag}-{zlib.crc32(code):08x}"


def _cache_file(cache_dir: Path, name: str, raw: bytes) -> Path:
    """Where the entry for these bytes lives; the checksum only spreads entries, the copy inside decides."""
    return cache_dir / f"{name}-{zlib.crc32(raw):08x}.cache"


@cache
def _records_unpickler() -> type:
    import pickle

    from . import models

    class RecordsOnly(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> type:
            found = getattr(models, name, None) if module == models.__name__ else None
            if isinstance(found, type) and issubclass(found, models.Record):
                return found
            raise pickle.UnpicklingError(f"{module}.{name} is not a hmcareer record")

    return RecordsOnly


def _read_entry(path: Path, raw: bytes) -> Any:
    """The records of the cache entry made from exactly `raw`; LookupError when there is none to trust."""
    if not path.is_file():  # missing, or not a regular file (a named pipe would block the read)
        raise LookupError(path)
    header, _, payload = path.read_bytes().partition(b"\n")
    if header != f"hmcareer-cache {_cache_stamp()} {zlib.crc32(payload):08x}".encode():
        raise LookupError(path)
    cached_raw, records = _records_unpickler()(io.BytesIO(payload)).load()
    if cached_raw != raw:
        raise LookupError(path)
    return records


def _write_entry(path: Path, raw: bytes, records: Any) -> None:
    """Store `records`, built from `raw`; caching is an optimisation only, so failing to is no error."""
    import pickle

    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = pickle.dumps((raw, records), protocol=5)
        tmp.write_bytes(f"hmcareer-cache {_cache_stamp()} {zlib.crc32(payload):08x}\n".encode() + payload)
        os.replace(tmp, path)
        name = path.name.rpartition("-")[0]
        for legacy in path.parent.glob(f"{name}-*.json"):  # entries in the JSON format of earlier versions
            legacy.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


# --- the OEWS rows ----------------------------------------------------------------------


class WageRows:
    """A release's rows held in memory, in file order: what a fresh parse gives, and the reference
    behaviour that SqliteWageRows reproduces."""

    def __init__(self, estimates: tuple[WageEstimate, ...]):
        self.estimates = estimates

    @cached_property
    def industry_codes(self) -> frozenset[str]:
        """The industry codes of the national rows (what references to an industry may name)."""
        return frozenset(e.industry_code for e in self.estimates if e.area_type == "N")

    def select(self, area_type: str | None = None, *, industry_code: str | None = None, area_code: str | None = None,
               name_contains: str | None = None) -> tuple[WageEstimate, ...]:
        """Rows in file order, by area type (N, S, M), industry code, area code (leading zeros ignored)
        and a fragment of the area name in `normalize`d form."""
        code = area_code.lstrip("0") if area_code is not None else None
        return tuple(
            e for e in self.estimates
            if (area_type is None or e.area_type == area_type)
            and (industry_code is None or e.industry_code == industry_code)
            and (code is None or e.area_code.lstrip("0") == code)
            and (name_contains is None or name_contains in normalize(e.area_name))
        )


_WAGE_COLUMNS = ", ".join(OEWS_COLUMNS)


class SqliteWageRows:
    """The same rows read from the SQLite cache file, which only ever holds validated rows.

    Each lookup reads just the rows it returns, so commands cost the same whatever the data size.
    If the file turns out to be damaged part-way, the rows are re-read from the YAML (`reload`).
    """

    def __init__(self, connection: Any, reload: Callable[[], WageRows]):
        self.connection = connection
        self.reload = reload
        self.in_memory: WageRows | None = None

    @cached_property
    def industry_codes(self) -> frozenset[str]:
        import sqlite3

        if self.in_memory is None:
            try:  # read from the index alone, without building a record per row
                return frozenset(code for (code,) in self.connection.execute(
                    "SELECT DISTINCT industry_code FROM estimates WHERE area_type = 'N'"))
            except sqlite3.DatabaseError:
                self.in_memory = self.reload()
        return self.in_memory.industry_codes

    def select(self, area_type: str | None = None, *, industry_code: str | None = None, area_code: str | None = None,
               name_contains: str | None = None) -> tuple[WageEstimate, ...]:
        import sqlite3

        if self.in_memory is None:
            conditions = {"area_type = ?": area_type, "industry_code = ?": industry_code,
                          "ltrim(area_code, '0') = ?": area_code.lstrip("0") if area_code is not None else None,
                          "instr(name_key, ?) > 0": name_contains}
            used = {sql: value for sql, value in conditions.items() if value is not None}
            where = f" WHERE {' AND '.join(used)}" if used else ""
            try:
                rows = self.connection.execute(f"SELECT {_WAGE_COLUMNS}, not_published FROM estimates{where} ORDER BY rowid",
                                               tuple(used.values())).fetchall()
                return tuple(WageEstimate._make((*row[:-1], tuple(row[-1].split()))) for row in rows)
            except UnicodeEncodeError:  # text with lone surrogates (undecodable bytes in argv) matches no row
                return ()
            except sqlite3.DatabaseError:
                self.in_memory = self.reload()
        return self.in_memory.select(area_type, industry_code=industry_code, area_code=area_code, name_contains=name_contains)


_TOKEN_BYTES = 16
# A file changed less than this long ago might change again within the same clock tick without
# its ctime moving on, so its signature is not trusted yet (git's "racily clean" rule).
_RACY_NS = 2_000_000_000


def _signature(info: os.stat_result) -> str:
    """What any write to a file changes: a new file gets a new inode, a rewrite a new ctime (which no tool can set back)."""
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


class _WageCache:
    """The validated OEWS rows of one data file, as three files in the cache directory:

    - NAME.sqlite, the rows, indexed, with the stamp of the code that wrote them and a random token;
    - NAME.source, the token and an exact copy of the YAML the rows were built from;
    - NAME.stat, the token and the stat signature the YAML had when last found equal to that copy.

    The token ties the three together, so a file left by another writer never vouches for this
    database. While the YAML's signature is the recorded one, it is not read at all (reading a
    large file costs more than everything else a command does); otherwise it is read and compared
    byte for byte with the copy. So the rows are never stale, and a cache built from other bytes
    is never used.
    """

    def __init__(self, cache_dir: Path, yaml_path: Path):
        # One entry per data file: a new version of the file replaces the entry of the old one.
        key = f"oews-{zlib.crc32(os.fsencode(yaml_path.absolute())):08x}"
        self.database, self.copy, self.stat = (cache_dir / f"{key}{suffix}" for suffix in (".sqlite", ".source", ".stat"))

    def open(self, signature: str, raw_and_signature: Callable[[], tuple[bytes, str | None]],
             reload: Callable[[], WageRows]) -> OewsRelease | None:
        """The release, when the cache holds exactly the file's current bytes; None otherwise."""
        if not self.database.is_file():
            return None
        try:
            import sqlite3
        except ImportError:  # a Python built without sqlite3: the rows are parsed every time
            return None
        connection = None
        try:
            # immutable: the file never changes once written (a new version replaces it), so
            # SQLite needs no locks or journal, and a read-only cache directory works.
            connection = sqlite3.connect(f"{self.database.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
            stamp, token = connection.execute("SELECT stamp, token FROM source").fetchone()
            if stamp != _cache_stamp() or len(token) != _TOKEN_BYTES or not self._current(token, signature, raw_and_signature):
                connection.close()
                return None
            release = Release._make(connection.execute(f"SELECT {', '.join(Release._fields)} FROM release").fetchone())
            connection.execute(f"SELECT {_WAGE_COLUMNS}, not_published FROM estimates LIMIT 0")
        except (OSError, sqlite3.Error, TypeError, ValueError):  # not a database, another layout, no rows
            if connection is not None:
                connection.close()
            return None
        return OewsRelease(release, SqliteWageRows(connection, reload))

    def _current(self, token: bytes, signature: str, raw_and_signature: Callable[[], tuple[bytes, str | None]]) -> bool:
        with contextlib.suppress(OSError):
            if self.stat.is_file() and self.stat.read_bytes() == token + signature.encode():
                return True
        raw, read_signature = raw_and_signature()
        if not self.copy.is_file():  # a named pipe here would block the read
            return False
        copy = self.copy.read_bytes()
        if len(copy) != _TOKEN_BYTES + len(raw) or not copy.startswith(token) or not copy.endswith(raw):
            return False  # (endswith compares in place, without copying)
        self._record(token, read_signature)
        return True

    def _record(self, token: bytes, signature: str | None) -> None:
        """Remember that the file with this signature holds the cached bytes, unless it changed too recently to be sure."""
        if signature is None:  # changed while read, or too recently to be sure (see Catalog._read_signed)
            return
        tmp = self.stat.with_suffix(f".{os.getpid()}.stat-tmp")
        try:
            tmp.write_bytes(token + signature.encode())
            os.replace(tmp, self.stat)
        except OSError:  # a read-only cache: the bytes are compared each time instead
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)

    def write(self, raw: bytes, signature: str | None, oews: OewsRelease) -> None:
        """Save validated rows as an indexed SQLite file, atomically; a failure only costs speed later."""
        try:
            import sqlite3
        except ImportError:
            return
        pid = os.getpid()
        tmp, copy_tmp = self.database.with_suffix(f".{pid}.tmp"), self.copy.with_suffix(f".{pid}.source-tmp")
        token = os.urandom(_TOKEN_BYTES)
        try:
            self.database.parent.mkdir(parents=True, exist_ok=True)
            copy_tmp.write_bytes(token + raw)
            os.replace(copy_tmp, self.copy)
            tmp.unlink(missing_ok=True)
            connection = sqlite3.connect(tmp)
            try:
                connection.execute("PRAGMA journal_mode = OFF")  # a half-written temporary file is never renamed
                connection.execute("CREATE TABLE source (stamp, token)")
                connection.execute("INSERT INTO source VALUES (?, ?)", (_cache_stamp(), token))
                connection.execute(f"CREATE TABLE release ({', '.join(Release._fields)})")
                connection.execute(f"INSERT INTO release VALUES ({', '.join('?' * len(Release._fields))})", oews.release)
                # Columns without a declared type keep each value's own type (int, float, text, NULL).
                connection.execute(f"CREATE TABLE estimates (name_key, {_WAGE_COLUMNS}, not_published)")
                connection.executemany(
                    f"INSERT INTO estimates VALUES ({', '.join('?' * (len(OEWS_COLUMNS) + 2))})",
                    ((normalize(e.area_name), *e[:-1], " ".join(e.not_published)) for e in oews.estimates),
                )
                # Indexes for the lookups commands make; `select` reads through them rather than the table.
                connection.execute("CREATE INDEX by_industry ON estimates (area_type, industry_code)")
                connection.execute("CREATE INDEX by_area_code ON estimates (area_type, ltrim(area_code, '0'))")
                connection.execute("CREATE INDEX by_name ON estimates (area_type, name_key)")
                connection.commit()
            finally:
                connection.close()
            os.replace(tmp, self.database)
        except (OSError, sqlite3.Error, OverflowError, ValueError):  # caching is an optimisation only
            for leftover in (tmp, copy_tmp):
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)
            return
        self._record(token, signature)


# --- checking -------------------------------------------------------------------------


class _ReadKeys(dict):
    """A mapping that remembers which of its keys were looked at."""

    def __init__(self, value: dict):
        super().__init__(value)
        self.read: set[Any] = set()

    def get(self, key: Any, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: Any) -> bool:
        self.read.add(key)
        return super().__contains__(key)

    def items(self) -> Any:  # a free-form map (industry aliases) is read whole
        self.read.update(self.keys())
        return super().items()


class Checker:
    """Reads values out of parsed YAML, recording a Problem (file + key path) for each mismatch.

    With `track_keys` (for `hmcareer validate`, not every command) it also reports keys no
    builder read: a typo such as `titel:` would otherwise be silently ignored.
    """

    def __init__(self, file: str, track_keys: bool = False):
        self.file = file
        self.problems: list[Problem] = []
        self.tracked: dict[int, tuple[str, _ReadKeys]] | None = {} if track_keys else None

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, path, message))

    def mapping(self, value: Any, path: str) -> dict:
        if isinstance(value, dict):
            if self.tracked is None or isinstance(value, _ReadKeys):
                return value
            if id(value) not in self.tracked:  # the same node may be asked for twice; track it once
                self.tracked[id(value)] = (path, _ReadKeys(value))
            return self.tracked[id(value)][1]
        self.problem(path, f"expected a mapping, got {_kind(value)}")
        return {}

    def unknown_keys(self) -> None:
        for path, node in (self.tracked or {}).values():
            for key in sorted(node.keys() - node.read, key=str):
                known = ", ".join(sorted(map(str, node.read)))
                # A "key" with spaces and no value is usually text after an unquoted comma in {a: x, y}.
                why = "text after an unquoted comma? Quote the value" if " " in str(key) and node[key] is None else "a typo?"
                self.problem(_join(path, str(key)), f"unknown key ({why})" + (f"; known here: {known}" if known else ""))

    def seq(self, parent: dict, key: str, path: str, required: bool = True) -> list:
        value = parent.get(key)
        if value is None:
            if required and key not in parent:
                self.problem(_join(path, key), "missing required key")
            return []
        if not isinstance(value, list):
            self.problem(_join(path, key), f"expected a list, got {_kind(value)}")
            return []
        return value

    def text(self, parent: dict, key: str, path: str, required: bool = True) -> str | None:
        value = parent.get(key)
        if value is None:
            if required:
                self.problem(_join(path, key), "missing required key" if key not in parent else "must not be empty")
            return None
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()  # an unquoted YAML date such as 2026-05-15
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(_join(path, key), f"expected text, got {_kind(value)}")
            return None
        if required and isinstance(value, str) and not value.strip():
            self.problem(_join(path, key), "must not be empty")
            return None
        return str(value)

    def number(self, parent: dict, key: str, path: str, kind: type = int, required: bool = False):
        value = parent.get(key)
        if value is None:
            if required:
                self.problem(_join(path, key), "missing required key")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int)):
            self.problem(_join(path, key), f"expected {'a whole number' if kind is int else 'a number'}, got {_kind(value)}")
            return None
        if not _finite(value):
            self.problem(_join(path, key), f"expected a finite number up to {MAX_FIGURE:,}, got {value!r}")
            return None
        if value < 0:
            self.problem(_join(path, key), "must not be negative")
        return kind(value)

    def flag(self, parent: dict, key: str, path: str) -> bool:
        value = parent.get(key, False)
        if not isinstance(value, bool):
            self.problem(_join(path, key), f"expected true or false, got {_kind(value)}")
            return False
        return value

    def strings(self, parent: dict, key: str, path: str, required: bool = False) -> tuple[str, ...]:
        out = []
        for i, item in enumerate(self.seq(parent, key, path, required)):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                self.problem(f"{_join(path, key)}[{i}]", f"expected text, got {_kind(item)}")
            else:
                out.append(str(item))
        return tuple(out)

    def source_ids(self, parent: dict, path: str, required: bool = True) -> tuple[str, ...]:
        ids = self.strings(parent, "sources", path, required)
        if required and "sources" in parent and not ids:
            self.problem(_join(path, "sources"), "must name at least one source id")
        return ids

    def fact(self, value: Any, path: str) -> Fact | None:
        if value is None:
            return None
        node = self.mapping(value, path)
        text = self.text(node, "text", path)
        period = self.text(node, "period", path, required=False)
        quoted = node.get("quoted")  # marks a verbatim quotation, whose figures need no period of their own
        if text and period is None and re.search(r"\d", text) and not quoted:
            self.problem(_join(path, "period"), "a fact that states a figure needs its reference period")
        return Fact(text or "", self.source_ids(node, path), period)

    def facts(self, parent: dict, key: str, path: str, required: bool = False) -> tuple[Fact, ...]:
        items = self.seq(parent, key, path, required)
        return tuple(f for i, v in enumerate(items) if (f := self.fact(v, f"{_join(path, key)}[{i}]")))

    def named(self, value: Any, path: str) -> NamedValue | None:
        if value is None:
            return None
        node = self.mapping(value, path)
        return NamedValue(self.text(node, "value", path) or "", self.source_ids(node, path))

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataError(self.problems)


# No count or wage comes near this; larger values are typos, and would overflow SQLite's integers.
MAX_FIGURE = 10**12


def _finite(value: int | float) -> bool:
    """False for .nan, .inf and implausibly huge numbers (SQLite, JSON and arithmetic would choke on them)."""
    try:
        return math.isfinite(value) and abs(value) <= MAX_FIGURE
    except OverflowError:
        return False


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _records(ck: Checker, raw: Any, key: str) -> list[tuple[str, dict]]:
    """The list under `key` as (path, mapping) pairs; checks unique `id`s."""
    root = ck.mapping(raw, "")
    out, seen = [], set()
    for i, item in enumerate(ck.seq(root, key, "")):
        path = f"{key}[{i}]"
        node = ck.mapping(item, path)
        ident = node.get("id")
        if ident is not None:
            if not isinstance(ident, str) or not ID_RE.match(ident):
                ck.problem(f"{path}.id", f"ids are lowercase letters, digits and '-', got {ident!r}")
            elif ident in seen:
                ck.problem(f"{path}.id", f"duplicate id {ident!r}")
            seen.add(ident)
            path = f"{key}[{ident}]"
        out.append((path, node))
    return out


# --- builders, one per subject ---------------------------------------------------------


def build_sources(ck: Checker, raw: Any) -> dict[str, Source]:
    out = {}
    for path, n in _records(ck, raw, "sources"):
        tag = ck.text(n, "tag", path)
        if tag is not None and tag not in SOURCE_TAGS:
            ck.problem(f"{path}.tag", f"unknown provenance tag {tag!r} (one of {', '.join(sorted(SOURCE_TAGS))})")
        src = Source(
            id=ck.text(n, "id", path) or "",
            publisher=ck.text(n, "publisher", path) or "",
            title=ck.text(n, "title", path) or "",
            url=ck.text(n, "url", path, required=False),
            date=ck.text(n, "date", path) or "",
            tag=tag or "",
            note=ck.text(n, "note", path, required=False),
        )
        out[src.id] = src
    return out


def build_roles(ck: Checker, raw: Any) -> tuple[Role, ...]:
    roles = []
    for path, n in _records(ck, raw, "roles"):
        edu = ck.mapping(n.get("education") or {}, f"{path}.education")
        fit = ck.mapping(n.get("fit") or {}, f"{path}.fit")
        steps = []
        for i, s in enumerate(ck.seq(n, "path", path)):
            sp = f"{path}.path[{i}]"
            s = ck.mapping(s, sp)
            kind = ck.text(s, "step", sp)
            if kind not in (None, "degree", "experience", "licence", "certification"):
                ck.problem(f"{sp}.step", f"expected degree, experience, licence or certification, got {kind!r}")
            ref = ck.text(s, "ref", sp, required=False)
            text = ck.text(s, "text", sp, required=False)
            if ref is None and text is None:
                ck.problem(sp, "a step needs a ref (degree or credential id) or a text")
            steps.append(PathStep(
                step=kind or "", ref=ref, text=text, note=ck.text(s, "note", sp, required=False),
                optional=ck.flag(s, "optional", sp), sources=ck.source_ids(s, sp, required=False),
                period=ck.text(s, "period", sp, required=False),
                requires=_requirement(ck, s["requires"], f"{sp}.requires") if s.get("requires") is not None else None,
                any_field=ck.flag(s, "any_field", sp),
            ))
        roles.append(Role(
            id=ck.text(n, "id", path) or "",
            title=ck.text(n, "title", path) or "",
            aliases=ck.strings(n, "aliases", path),
            seed_named=ck.flag(n, "seed_named", path),
            setting=ck.text(n, "setting", path) or "",
            summary=ck.text(n, "summary", path) or "",
            responsibilities=ck.strings(n, "responsibilities", path, required=True),
            sources=ck.source_ids(n, path),
            degrees=ck.strings(edu, "degrees", f"{path}.education"),
            education_note=ck.text(edu, "note", f"{path}.education", required=False),
            education_sources=ck.source_ids(edu, f"{path}.education", required=False),
            experience=ck.fact(n.get("experience"), f"{path}.experience"),
            licence=ck.text(n, "licence", path, required=False),
            clinical_licence=ck.flag(n, "clinical_licence", path),
            certifications=ck.strings(n, "certifications", path),
            associations=ck.strings(n, "associations", path),
            industries=ck.strings(n, "industries", path),
            path=tuple(steps),
            ladder=ck.facts(n, "ladder", path),
            backgrounds=_vocabulary(ck, fit, "backgrounds", f"{path}.fit", FIT_BACKGROUNDS),
            interests=_vocabulary(ck, fit, "interests", f"{path}.fit", FIT_INTERESTS),
        ))
    return tuple(roles)


def _one_of(ck: Checker, node: dict, key: str, path: str, allowed: tuple[str, ...], default: str) -> str:
    value = ck.text(node, key, path, required=False)
    if value is None:
        return default
    if value not in allowed:
        ck.problem(f"{path}.{key}", f"expected one of {', '.join(allowed)}, got {value!r}")
    return value


def _vocabulary(ck: Checker, parent: dict, key: str, path: str, known: dict) -> tuple[str, ...]:
    words = ck.strings(parent, key, path)
    for i, word in enumerate(words):
        if word not in known:
            ck.problem(f"{path}.{key}[{i}]", f"expected one of {', '.join(known)}, got {word!r}")
    return words


def _requirement(ck: Checker, value: Any, path: str) -> Requirement:
    node = ck.mapping(value, path)
    degree = ck.text(node, "degree", path, required=False)
    licence = ck.text(node, "licence", path, required=False)
    for key, given, known in (("degree", degree, DEGREE_LEVELS), ("licence", licence, LICENCES)):
        if given is not None and given not in known:
            ck.problem(f"{path}.{key}", f"expected one of {', '.join(known)}, got {given!r}")
    return Requirement(
        degree=degree, years=ck.number(node, "years", path), experience=ck.text(node, "experience", path, required=False),
        licence=licence, note=ck.text(node, "note", path, required=False), sources=ck.source_ids(node, path),
        period=ck.text(node, "period", path, required=False),
    )


CREDENTIAL_STATUSES = ("current", "replaced", "discontinued", "uncertain")


def build_credentials(ck: Checker, raw: Any) -> tuple[Credential, ...]:
    out = []
    for path, n in _records(ck, raw, "credentials"):
        issuer = ck.mapping(n.get("issuer") or {}, f"{path}.issuer")
        kind = ck.text(n, "kind", path)
        if kind not in (None, "certification", "licence"):
            ck.problem(f"{path}.kind", f"expected certification or licence, got {kind!r}")
        status = ck.text(n, "status", path)
        if status not in (None, *CREDENTIAL_STATUSES):
            ck.problem(f"{path}.status", f"expected one of {', '.join(CREDENTIAL_STATUSES)}, got {status!r}")
        out.append(Credential(
            id=ck.text(n, "id", path) or "",
            abbreviation=ck.text(n, "abbreviation", path) or "",
            variants=ck.strings(n, "variants", path),
            name=ck.text(n, "name", path) or "",
            kind=kind or "",
            issuer_abbreviation=ck.text(issuer, "abbreviation", f"{path}.issuer", required=False),
            issuer_name=ck.text(issuer, "name", f"{path}.issuer") or "",
            association=ck.text(n, "association", path, required=False),
            status=status or "",
            level=ck.text(n, "level", path, required=False),
            seed_named=ck.flag(n, "seed_named", path),
            audience=ck.text(n, "audience", path) or "",
            eligibility=ck.facts(n, "eligibility", path),
            exam=ck.facts(n, "exam", path),
            renewal=ck.facts(n, "renewal", path),
            replaced_by=ck.strings(n, "replaced_by", path),
            replacement_note=ck.fact(n.get("replacement_note"), f"{path}.replacement_note"),
            sources=ck.source_ids(n, path),
            requires=tuple(_requirement(ck, r, f"{path}.requires[{i}]") for i, r in enumerate(ck.seq(n, "requires", path, False))),
        ))
    return tuple(out)


def build_associations(ck: Checker, raw: Any) -> tuple[Association, ...]:
    out = []
    for path, n in _records(ck, raw, "associations"):
        out.append(Association(
            id=ck.text(n, "id", path) or "",
            abbreviation=ck.text(n, "abbreviation", path) or "",
            name=ck.text(n, "name", path) or "",
            seed_named=ck.flag(n, "seed_named", path),
            website=ck.text(n, "website", path, required=False),
            founded=ck.named(n.get("founded"), f"{path}.founded"),
            headquarters=ck.named(n.get("headquarters"), f"{path}.headquarters"),
            members=ck.facts(n, "members", path),
            purpose=ck.fact(n.get("purpose"), f"{path}.purpose"),
            offers=ck.facts(n, "offers", path),
            credentials=ck.strings(n, "credentials", path),
            sources=ck.source_ids(n, path),
        ))
    return tuple(out)


def _coursework(ck: Checker, value: Any, label: str, path: str) -> Coursework:
    node = ck.mapping(value or {}, path)
    older = node.get("older")
    return Coursework(label, ck.strings(node, "items", path, required=True), ck.source_ids(node, path),
                      ck.text(node, "period", path, required=False), ck.fact(node.get("note"), f"{path}.note"),
                      _coursework(ck, older, f"{label}, earlier list", f"{path}.older") if older is not None else None)


def build_education(ck: Checker, raw: Any) -> Education:
    root = ck.mapping(raw, "")
    degrees = []
    for path, n in _records(ck, root, "degrees"):
        degrees.append(Degree(
            id=ck.text(n, "id", path) or "",
            name=ck.text(n, "name", path) or "",
            level=ck.text(n, "level", path) or "",
            field=ck.text(n, "field", path) or "",
            seed_named=ck.flag(n, "seed_named", path),
            summary=ck.text(n, "summary", path) or "",
            duration=ck.fact(n.get("duration"), f"{path}.duration"),
            prerequisites=ck.facts(n, "prerequisites", path),
            accreditor=ck.text(n, "accreditor", path, required=False),
            sources=ck.source_ids(n, path),
            notes=ck.facts(n, "notes", path),
        ))
    accreditors = []
    for path, n in _records(ck, root, "accreditors"):
        counts = []
        for i, c in enumerate(ck.seq(n, "program_counts", path, required=False)):
            cp = f"{path}.program_counts[{i}]"
            c = ck.mapping(c, cp)
            counts.append(ProgramCount(
                count=ck.number(c, "count", cp, required=True) or 0,
                what=ck.text(c, "what", cp) or "",
                period=ck.text(c, "period", cp) or "",
                sources=ck.source_ids(c, cp),
            ))
        accreditors.append(Accreditor(
            id=ck.text(n, "id", path) or "",
            abbreviation=ck.text(n, "abbreviation", path) or "",
            name=ck.text(n, "name", path) or "",
            scope=ck.fact(n.get("scope"), f"{path}.scope"),
            founded=ck.named(n.get("founded"), f"{path}.founded"),
            program_counts=tuple(counts),
            notes=ck.facts(n, "notes", path),
            review=_one_of(ck, n, "review", path, ("accreditation", "certification"), "accreditation"),
        ))
    cw = ck.mapping(root.get("coursework") or {}, "coursework")
    coursework = []
    for key, label in (("seed", "Seed text (2012)"), ("ooh", "Occupational Outlook Handbook")):
        if key in cw:
            coursework.append(_coursework(ck, cw[key], label, f"coursework.{key}"))
    programs = []
    for i, p in enumerate(ck.seq(cw, "example_programs", "coursework", required=False)):
        pp = f"coursework.example_programs[{i}]"
        p = ck.mapping(p, pp)
        programs.append(ExampleProgram(
            name=ck.text(p, "name", pp) or "",
            length=ck.fact(p.get("length"), f"{pp}.length"),
            topics=ck.strings(p, "topics", pp),
            admission=ck.facts(p, "admission", pp),
            sources=ck.source_ids(p, pp),
        ))
    return Education(tuple(degrees), tuple(accreditors), tuple(coursework), tuple(programs))


def build_occupation(ck: Checker, raw: Any) -> Occupation:
    root = ck.mapping(raw, "")
    editions = []
    for i, q in enumerate(ck.seq(root, "quick_facts", "")):
        qp = f"quick_facts[{i}]"
        q = ck.mapping(q, qp)
        editions.append(QuickFacts(
            edition=ck.text(q, "edition", qp) or "",
            median_annual=ck.number(q, "median_annual", qp),
            median_hourly=ck.number(q, "median_hourly", qp, float),
            pay_period=ck.text(q, "pay_period", qp, required=False),
            jobs=ck.number(q, "jobs", qp),
            jobs_year=ck.text(q, "jobs_year", qp, required=False),
            growth_pct=ck.number(q, "growth_pct", qp),
            growth_label=ck.text(q, "growth_label", qp, required=False),
            employment_change=ck.number(q, "employment_change", qp),
            openings_per_year=ck.number(q, "openings_per_year", qp),
            entry_education=ck.text(q, "entry_education", qp, required=False),
            work_experience=ck.text(q, "work_experience", qp, required=False),
            on_the_job_training=ck.text(q, "on_the_job_training", qp, required=False),
            sources=ck.source_ids(q, qp),
            note=ck.fact(q.get("note"), f"{qp}.note"),
        ))
    tasks = []
    for i, t in enumerate(ck.seq(root, "tasks", "")):
        tp = f"tasks[{i}]"
        t = ck.mapping(t, tp)
        tasks.append(Task(ck.number(t, "rank", tp, required=True) or 0, ck.number(t, "importance", tp),
                          ck.text(t, "text", tp) or "", ck.source_ids(t, tp)))
    qualities = []
    for i, q in enumerate(ck.seq(root, "qualities", "")):
        qp = f"qualities[{i}]"
        q = ck.mapping(q, qp)
        qualities.append(Quality(ck.text(q, "name", qp) or "", ck.text(q, "text", qp) or "", ck.source_ids(q, qp)))
    outlook = ck.mapping(root.get("outlook") or {}, "outlook")
    definition = ck.fact(root.get("definition"), "definition")
    if definition is None:
        ck.problem("definition", "missing required key")
    return Occupation(
        soc=ck.text(root, "soc", "") or "",
        title=ck.text(root, "title", "") or "",
        definition=definition or Fact("", ()),
        quick_facts=tuple(editions),
        unverified=ck.facts(root, "unverified", ""),
        duties=ck.facts(root, "duties", ""),
        types=ck.facts(root, "types", ""),
        tasks=tuple(tasks),
        sample_titles=_coursework(ck, root.get("sample_titles"), "Sample titles", "sample_titles"),
        qualities=tuple(qualities),
        advancement=ck.facts(root, "advancement", ""),
        work_environment=ck.facts(root, "work_environment", ""),
        outlook_growth=ck.facts(outlook, "growth", "outlook"),
        outlook_reasons=ck.facts(outlook, "reasons", "outlook"),
        job_zone=ck.fact(root.get("job_zone"), "job_zone"),
    )


def build_seed_claims(ck: Checker, raw: Any) -> tuple[SeedClaim, ...]:
    out = []
    for path, n in _records(ck, raw, "claims"):
        subject = ck.mapping(n.get("subject") or {}, f"{path}.subject")
        out.append(SeedClaim(
            id=ck.text(n, "id", path) or "",
            subject_kind=ck.text(subject, "kind", f"{path}.subject") or "",
            subject_ref=ck.text(subject, "ref", f"{path}.subject", required=False),
            claim=ck.text(n, "claim", path) or "",
            verdict=ck.text(n, "verdict", path) or "",
            check=ck.text(n, "check", path) or "",
            sources=ck.source_ids(n, path),
            period=ck.text(n, "period", path, required=False),
        ))
    return tuple(out)


def build_wage_history(ck: Checker, raw: Any) -> tuple[WagePoint, ...]:
    root = ck.mapping(raw, "")
    out = []
    for key, third_party in (("points", False), ("third_party", True)):
        for i, p in enumerate(ck.seq(root, key, "", required=key == "points")):
            pp = f"{key}[{i}]"
            p = ck.mapping(p, pp)
            out.append(WagePoint(
                year=ck.number(p, "year", pp, required=True) or 0,
                reference=ck.text(p, "reference", pp) or "",
                median_annual=ck.number(p, "median_annual", pp),
                median_hourly=ck.number(p, "median_hourly", pp, float),
                sources=ck.source_ids(p, pp),
                third_party=third_party,
                **{f"annual_{q}": ck.number(p, q, pp) for q in ("p10", "p25", "p75", "p90")},
                note=ck.text(p, "note", pp, required=False),
            ))
    return tuple(sorted(out, key=lambda p: (p.year, p.third_party)))


def build_industry_aliases(ck: Checker, raw: Any) -> dict[str, str]:
    root = ck.mapping(raw, "")
    aliases = ck.mapping(root.get("aliases") or {}, "aliases")
    out = {}
    for word, code in aliases.items():
        if not isinstance(code, str):
            ck.problem(f"aliases.{word}", f"expected an industry code in quotes, got {_kind(code)}")
            continue
        out[str(word).lower()] = code
    return out


_INT_COLUMNS = {"industry_level", "employment", "annual_mean", "annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90"}
_TEXT_COLUMNS = ("area_type", "area_code", "area_name", "state_code", "industry_code", "industry_name")


def build_oews(ck: Checker, raw: Any) -> OewsRelease:
    root = ck.mapping(raw, "")
    rel = ck.mapping(root.get("release") or {}, "release")
    release = Release(
        name=ck.text(rel, "name", "release") or "",
        code=ck.text(rel, "code", "release") or "",
        soc=ck.text(rel, "soc", "release") or "",
        occupation=ck.text(rel, "occupation", "release") or "",
        source=ck.text(rel, "source", "release") or "",
    )
    columns = tuple(ck.strings(root, "columns", "", required=True))
    if columns != OEWS_COLUMNS:
        unknown = [c for c in columns if c not in OEWS_COLUMNS]
        missing = [c for c in OEWS_COLUMNS if c not in columns]
        differences = "; ".join(f"{label}: {', '.join(names)}" for label, names in (("unknown", unknown), ("missing", missing)) if names)
        ck.problem("columns", f"expected the {len(OEWS_COLUMNS)} OEWS columns of the bundled oews.yaml, in its order ("
                              f"{differences or 'same names, other order'})")
        return OewsRelease(release, WageRows(()))
    width = len(columns)
    estimates, seen = [], set()
    for i, row in enumerate(ck.seq(root, "rows", "")):
        rp = f"rows[{i}]"
        if not isinstance(row, list) or len(row) != width:
            ck.problem(rp, f"expected a list of {width} values, got {_kind(row) if not isinstance(row, list) else len(row)}")
            continue
        values: dict[str, Any] = {}
        missing = []
        for name, value in zip(columns, row, strict=True):
            if name in _TEXT_COLUMNS:
                if not isinstance(value, str):
                    ck.problem(f"{rp}.{name}", f"expected text in quotes, got {_kind(value)}")
                values[name] = str(value)
            elif value == "-":
                values[name] = None
                missing.append(name)
            elif value is None:
                values[name] = None
            elif (isinstance(value, bool) or not isinstance(value, (int, float)) or (name in _INT_COLUMNS and not isinstance(value, int))
                  or not _finite(value)):
                ck.problem(f"{rp}.{name}", f"expected a {'whole ' if name in _INT_COLUMNS else ''}number, \"-\" or null, got {value!r}")
                values[name] = None
            elif value < 0:
                ck.problem(f"{rp}.{name}", "must not be negative")
                values[name] = None
            else:
                values[name] = value
        if values["area_type"] not in ("N", "S", "M"):
            ck.problem(f"{rp}.area_type", f"expected N, S or M, got {values['area_type']!r}")
        key = (values["area_type"], values["area_code"], values["industry_code"])
        if key in seen:
            ck.problem(rp, f"duplicate row for area {key[1]} and industry {key[2]}")
        seen.add(key)
        est = WageEstimate(**values, not_published=tuple(missing))
        _check_wages(ck, est, f"{rp} ({est.area_name} / {est.industry_name})")
        estimates.append(est)
    return OewsRelease(release, WageRows(tuple(estimates)))


def _check_wages(ck: Checker, est: WageEstimate, path: str) -> None:
    for unit in (True, False):
        pcts = [(s, est.wage(s, unit)) for s in ("p10", "p25", "median", "p75", "p90")]
        shown = [(s, v) for s, v in pcts if v is not None]
        for (a, va), (b, vb) in zip(shown, shown[1:], strict=False):
            if va > vb:
                ck.problem(path, f"percentiles out of order: {'hourly' if unit else 'annual'} {a} {va} > {b} {vb}")
    for stat in WAGE_FIELDS:
        hourly, annual = est.wage(stat, True), est.wage(stat, False)
        if hourly is not None and annual is not None and abs(hourly * 2080 - annual) > ANNUAL_TOLERANCE:
            ck.problem(path, f"annual {stat} {annual} does not match hourly {hourly} x 2080 = {hourly * 2080:.0f}")


BUILDERS = {
    "sources": build_sources,
    "roles": build_roles,
    "credentials": build_credentials,
    "associations": build_associations,
    "education": build_education,
    "occupation": build_occupation,
    "seed_claims": build_seed_claims,
    "wage_history": build_wage_history,
    "industry_aliases": build_industry_aliases,
    "oews": build_oews,
}


# --- the catalog ----------------------------------------------------------------------


class Catalog:
    """Lazy, validated access to every subject. Files in `data_dir` override the bundled ones.

    Each subject file is read on first use. As soon as two files that refer to each other
    have both been read, the references between them are checked: a command whose files
    disagree fails with a data error naming the file, without reading files it does not need.
    """

    def __init__(self, data_dir: Path | None = None, cache_dir: Path | None | bool = True, check_keys: bool = False):
        self.check_keys = check_keys  # also report keys no builder reads (validate does; commands need not)
        self.bundled_dir = bundled_data_dir()
        self.data_dir = data_dir
        self.cache_dir = default_cache_dir() if cache_dir is True else (cache_dir or None)
        self.origins: dict[str, Path] = {}
        self._subjects: dict[str, Any] = {}

    def locate(self, name: str) -> Path:
        filename = f"{name}.yaml"
        if self.data_dir is not None:
            candidate = self.data_dir / filename
            if candidate.exists() or candidate.is_symlink():
                return candidate
        return self.bundled_dir / filename

    def label(self, name: str) -> str:
        """How messages name a subject's file: its full path when a data directory is in use."""
        path = self.locate(name)
        return str(path) if self.data_dir is not None else f"data/{path.name}"

    def _dir_name(self) -> str | None:
        return str(self.data_dir) if self.data_dir is not None else None

    def data_files(self) -> tuple[DataFile, ...]:
        """Where each subject's file comes from (the user's data directory or the bundled data), without reading it."""
        files = []
        for name in SUBJECTS:
            path = self.locate(name)
            origin = "user" if self.data_dir is not None and path.parent == self.data_dir else "bundled"
            files.append(DataFile(path.name, origin, str(path)))
        return tuple(files)

    def _read(self, name: str) -> bytes:
        return self._read_signed(name)[0]

    def _read_signed(self, name: str) -> tuple[bytes, str | None]:
        """The file's bytes, and its stat signature when the file certainly did not change while read."""
        path, label = self.locate(name), self.label(name)
        read_start = time.time_ns()
        try:
            self._check_file(label, path.stat())  # before opening: opening a named pipe would wait for a writer
            with path.open("rb") as stream:
                before = os.fstat(stream.fileno())
                raw = stream.read(MAX_FILE_BYTES + 1)  # a file still growing is caught by parse_yaml's size check
                after = os.fstat(stream.fileno())
        except FileNotFoundError:
            raise DataError([Problem(label, "", "file not found")]) from None
        except PermissionError:
            raise DataError([Problem(label, "", "permission denied; make the file readable")]) from None
        except OSError as exc:
            raise DataError([Problem(label, "", f"cannot read: {exc.strerror or exc}")]) from None
        self.origins[name] = path
        signature = _signature(before)
        # Vouch for the bytes only if the file stayed the same while read, and had settled before the read began.
        unchanged = signature == _signature(after) and len(raw) == after.st_size
        settled = read_start - max(before.st_mtime_ns, before.st_ctime_ns) > _RACY_NS
        return raw, signature if unchanged and settled else None

    @staticmethod
    def _check_file(label: str, info: os.stat_result) -> None:
        if file_mode.S_ISDIR(info.st_mode):
            raise DataError([Problem(label, "", "is a directory, expected a YAML file")])
        if not file_mode.S_ISREG(info.st_mode):  # a pipe would block forever, /dev/zero never end
            raise DataError([Problem(label, "", "is not a regular file (a device, pipe or socket); expected a YAML file")])
        if info.st_size > MAX_FILE_BYTES:
            raise DataError([Problem(label, "", f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; refusing to read it")])

    def _build(self, name: str, raw: bytes, parsed: Any) -> Any:
        label = self.label(name)
        if parsed is None:
            raise DataError([Problem(label, "", "file is empty (or only comments)")])
        ck = Checker(label, track_keys=self.check_keys)
        result = BUILDERS[name](ck, parsed)
        ck.unknown_keys()
        if ck.problems:
            raise DataError(with_lines(raw, ck.problems), self._dir_name())
        return result

    def _load(self, name: str) -> Any:
        """The records of one file, from the cache entry made from exactly its bytes when there is one.

        validate (check_keys) always parses: an entry holds records, not the keys they came from.
        A corrupt or unreadable entry is ignored; an unwritable cache directory only costs speed.
        """
        raw = self._read(name)
        if self.cache_dir is None or self.check_keys:
            return self._build(name, raw, parse_yaml(raw, self.label(name)))
        path = _cache_file(self.cache_dir, name, raw)
        try:
            return _read_entry(path, raw)
        except Exception:  # noqa: BLE001 - missing, damaged or not ours: unpickling bad bytes can raise almost anything
            pass
        records = self._build(name, raw, parse_yaml(raw, self.label(name)))
        _write_entry(path, raw, records)
        return records

    def _load_oews(self) -> OewsRelease:
        """The OEWS release, from the SQLite row cache of this file when it holds exactly these bytes.

        The file can be large, so it is not even read while its stat signature is the one recorded
        when the cache was last checked against its bytes (see `_WageCache`).
        """
        if self.cache_dir is None or self.check_keys:
            raw = self._read("oews")
            return self._build("oews", raw, parse_oews(raw, self.label("oews")))
        path, label = self.locate("oews"), self.label("oews")
        wage_cache = _WageCache(self.cache_dir, path)
        raw_and_signature = cache(lambda: self._read_signed("oews"))  # read at most once, and only if needed

        def rebuild() -> WageRows:  # the cache turned out to be damaged: replace it
            raw, signature = raw_and_signature()
            oews = self._build("oews", raw, parse_oews(raw, label))
            wage_cache.write(raw, signature, oews)
            return oews.rows

        try:
            info = path.stat()
        except OSError:
            info = None
        if info is not None and file_mode.S_ISREG(info.st_mode):
            cached = wage_cache.open(_signature(info), raw_and_signature, reload=rebuild)
            if cached is not None:
                self.origins["oews"] = path
                return cached
        raw, signature = raw_and_signature()
        oews = self._build("oews", raw, parse_oews(raw, label))
        wage_cache.write(raw, signature, oews)
        return oews

    def _subject(self, name: str) -> Any:
        if name not in self._subjects:
            self._subjects[name] = self._load_oews() if name == "oews" else self._load(name)
            problems = self._reference_problems(name)
            if problems:
                raise DataError(problems, self._dir_name())
        return self._subjects[name]

    def _reference_problems(self, name: str) -> list[Problem]:
        """Unknown ids between `name` and every file already read (each pair is checked once, when its second file is read)."""
        refs = _References(self)
        for files, check in _REFERENCE_CHECKS:
            if name in files and files <= self._subjects.keys():
                check(self, refs)
        problems = []
        for subject, found in refs.found.items():
            try:
                problems += with_lines(self.locate(subject).read_bytes(), found)
            except OSError:
                problems += found
        return problems

    @property
    def sources(self) -> dict[str, Source]:
        return self._subject("sources")

    @property
    def roles(self) -> tuple[Role, ...]:
        return self._subject("roles")

    @property
    def credentials(self) -> tuple[Credential, ...]:
        return self._subject("credentials")

    @property
    def associations(self) -> tuple[Association, ...]:
        return self._subject("associations")

    @property
    def education(self) -> Education:
        return self._subject("education")

    @property
    def occupation(self) -> Occupation:
        return self._subject("occupation")

    @property
    def seed_claims(self) -> tuple[SeedClaim, ...]:
        return self._subject("seed_claims")

    @property
    def wage_history(self) -> tuple[WagePoint, ...]:
        return self._subject("wage_history")

    @property
    def industry_aliases(self) -> dict[str, str]:
        return self._subject("industry_aliases")

    @property
    def oews(self) -> OewsRelease:
        return self._subject("oews")

    def release_name(self) -> str:
        rel = self.oews.release
        return f"OEWS {rel.name}"


def validate(catalog: Catalog) -> list[Problem]:
    """Every problem in every file, including references between files."""
    problems: list[Problem] = []
    for name in SUBJECTS:
        try:
            getattr(catalog, name)
        except DataError as exc:
            problems.extend(exc.problems)
    return problems


# --- line numbers, found only when there is a problem to report ---------------------------

_PATH_PART = r"\[([^\]]*)\]|([^.\[\]]+)"
_PATH_LABEL = r" \(.*\)$"  # as in "rows[3] (Boston / Hospitals)": a label, not part of the path
_QUOTED = r"'([^']*)'"


def with_lines(raw: bytes, problems: list[Problem]) -> list[Problem]:
    """`problems` with the YAML line of each key path filled in where it can be found.

    Loading never keeps YAML positions (that would slow every start-up); instead, once a
    problem is found, the file is composed again (nodes with marks, nothing constructed).
    """
    import yaml

    try:
        root = yaml.compose(raw.decode("utf-8"), Loader=_loader_for(raw))  # noqa: S506 - composes nodes only
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
        return problems
    if root is None:
        return problems
    return [p if p.line is not None else p._replace(line=_line_of(root, p.path, p.message)) for p in problems]


def _line_of(root: Any, path: str, message: str) -> int | None:
    """The line of the deepest node `path` reaches; inside it, the line of a value the message quotes (an unknown id)."""
    import yaml

    columns = _column_names(root)
    node, line = root, None
    for index, key in (m.groups() for m in re.finditer(_PATH_PART, re.sub(_PATH_LABEL, "", path))):
        found = _child(node, index, key, columns)
        if found is None:
            break
        node, marked = found
        line = marked.start_mark.line + 1
    quoted = re.search(_QUOTED, message)
    if quoted and not isinstance(node, yaml.ScalarNode):
        scalar = _find_scalar(node, quoted.group(1))
        if scalar is not None:
            return scalar.start_mark.line + 1
    return line


def _column_names(root: Any) -> list[str]:
    """The `columns` header of a tabular file (oews.yaml), which names the cells of each row."""
    import yaml

    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "columns" and isinstance(value, yaml.SequenceNode):
                return [getattr(cell, "value", None) for cell in value.value]
    return []


def _child(node: Any, index: str | None, key: str | None, columns: list[str]) -> tuple[Any, Any] | None:
    """(child node, node whose line to report) for one path part: `key`, `[id]`, `[year]`, `[position]` or a column name."""
    import yaml

    if isinstance(node, yaml.MappingNode) and key is not None:
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v, k
    if isinstance(node, yaml.SequenceNode):
        if index is not None:
            for item in node.value:  # a record is named by its id (a wage point by its year), else by position
                if isinstance(item, yaml.MappingNode) and any(
                        k.value in ("id", "year") and isinstance(v, yaml.ScalarNode) and v.value == index for k, v in item.value):
                    return item, item
            if index.isdigit() and int(index) < len(node.value):
                return node.value[int(index)], node.value[int(index)]
        elif key in columns and columns.index(key) < len(node.value):
            cell = node.value[columns.index(key)]
            return cell, cell
    return None


def _find_scalar(node: Any, value: str) -> Any:
    import yaml

    pending = [node]
    while pending:
        current = pending.pop(0)
        if isinstance(current, yaml.ScalarNode):
            if current.value == value:
                return current
        elif isinstance(current, yaml.MappingNode):
            pending.extend(v for pair in current.value for v in pair)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
    return None


# --- references between files --------------------------------------------------------------

_REFERENCE_CHECKS: list[tuple[frozenset[str], Callable[[Catalog, _References], None]]] = []


def _references(*files: str):
    """Register a check of the ids that `files[0]` uses from `files[-1]` (the same file for internal references)."""
    def register(check: Callable[[Catalog, _References], None]):
        _REFERENCE_CHECKS.append((frozenset(files), check))
        return check

    return register


class _References:
    """Collects unknown ids, per file that uses them."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.found: dict[str, list[Problem]] = {}

    def need(self, name: str, path: str, ref: str | None, known: Any, kind: str) -> None:
        if ref is not None and ref not in known:
            self.found.setdefault(name, []).append(Problem(self.catalog.label(name), path, f"unknown {kind} {ref!r}"))

    def sources(self, name: str, path: str, ids: Iterable[str]) -> None:
        for sid in ids:
            self.need(name, _join(path, "sources"), sid, self.catalog.sources, "source id")


def _industry_codes(c: Catalog) -> frozenset[str]:
    return c.oews.rows.industry_codes


@_references("roles", "sources")
def _role_sources(c: Catalog, refs: _References) -> None:
    for r in c.roles:
        p = f"roles[{r.id}]"
        refs.sources("roles", p, r.sources)
        refs.sources("roles", f"{p}.education", r.education_sources)
        if r.experience:
            refs.sources("roles", f"{p}.experience", r.experience.sources)
        for i, f in enumerate(r.ladder):
            refs.sources("roles", f"{p}.ladder[{i}]", f.sources)
        for i, s in enumerate(r.path):
            refs.sources("roles", f"{p}.path[{i}]", s.sources)
            if s.requires:
                refs.sources("roles", f"{p}.path[{i}].requires", s.requires.sources)


@_references("roles", "education")
def _role_degrees(c: Catalog, refs: _References) -> None:
    degree_ids = {d.id for d in c.education.degrees}
    for r in c.roles:
        p = f"roles[{r.id}]"
        for d in r.degrees:
            refs.need("roles", f"{p}.education.degrees", d, degree_ids, "degree")
        for i, s in enumerate(r.path):
            if s.step == "degree":
                refs.need("roles", f"{p}.path[{i}].ref", s.ref, degree_ids, "degree")


@_references("roles", "credentials")
def _role_credentials(c: Catalog, refs: _References) -> None:
    cred_ids = {x.id for x in c.credentials}
    for r in c.roles:
        p = f"roles[{r.id}]"
        refs.need("roles", f"{p}.licence", r.licence, cred_ids, "credential")
        for x in r.certifications:
            refs.need("roles", f"{p}.certifications", x, cred_ids, "credential")
        for i, s in enumerate(r.path):
            if s.step in ("licence", "certification"):
                refs.need("roles", f"{p}.path[{i}].ref", s.ref, cred_ids, "credential")


@_references("roles", "associations")
def _role_associations(c: Catalog, refs: _References) -> None:
    assoc_ids = {a.id for a in c.associations}
    for r in c.roles:
        for a in r.associations:
            refs.need("roles", f"roles[{r.id}].associations", a, assoc_ids, "association")


@_references("roles", "oews")
def _role_industries(c: Catalog, refs: _References) -> None:
    codes = _industry_codes(c)
    for r in c.roles:
        for code in r.industries:
            refs.need("roles", f"roles[{r.id}].industries", code, codes, "OEWS industry code")


@_references("credentials")
def _credential_successors(c: Catalog, refs: _References) -> None:
    cred_ids = {x.id for x in c.credentials}
    for x in c.credentials:
        for r in x.replaced_by:
            refs.need("credentials", f"credentials[{x.id}].replaced_by", r, cred_ids, "credential")


@_references("credentials", "associations")
def _credential_associations(c: Catalog, refs: _References) -> None:
    assoc_ids = {a.id for a in c.associations}
    for x in c.credentials:
        refs.need("credentials", f"credentials[{x.id}].association", x.association, assoc_ids, "association")


@_references("credentials", "sources")
def _credential_sources(c: Catalog, refs: _References) -> None:
    for x in c.credentials:
        facts = (*x.eligibility, *x.exam, *x.renewal, *([x.replacement_note] if x.replacement_note else []), *x.requires)
        refs.sources("credentials", f"credentials[{x.id}]", x.sources + tuple(s for f in facts for s in f.sources))


@_references("associations", "credentials")
def _association_credentials(c: Catalog, refs: _References) -> None:
    cred_ids = {x.id for x in c.credentials}
    for a in c.associations:
        for x in a.credentials:
            refs.need("associations", f"associations[{a.id}].credentials", x, cred_ids, "credential")


@_references("associations", "sources")
def _association_sources(c: Catalog, refs: _References) -> None:
    for a in c.associations:
        named = tuple(v for v in (a.founded, a.headquarters) if v)
        facts = (*a.members, *a.offers, *([a.purpose] if a.purpose else []))
        refs.sources("associations", f"associations[{a.id}]", a.sources + tuple(s for f in (*facts, *named) for s in f.sources))


@_references("education")
def _degree_accreditors(c: Catalog, refs: _References) -> None:
    accreditor_ids = {a.id for a in c.education.accreditors}
    for d in c.education.degrees:
        refs.need("education", f"degrees[{d.id}].accreditor", d.accreditor, accreditor_ids, "accreditor")


@_references("education", "sources")
def _education_sources(c: Catalog, refs: _References) -> None:
    edu = c.education
    for d in edu.degrees:
        facts = (*d.prerequisites, *d.notes, *([d.duration] if d.duration else []))
        refs.sources("education", f"degrees[{d.id}]", d.sources + tuple(s for f in facts for s in f.sources))
    for a in edu.accreditors:
        facts = (*a.notes, *([a.scope] if a.scope else []), *([a.founded] if a.founded else []), *a.program_counts)
        refs.sources("education", f"accreditors[{a.id}]", tuple(s for f in facts for s in f.sources))
    for cw in (*edu.coursework, *edu.example_programs):
        refs.sources("education", "coursework", cw.sources)


@_references("occupation", "sources")
def _occupation_sources(c: Catalog, refs: _References) -> None:
    occ = c.occupation
    for group in (occ.quick_facts, occ.unverified, occ.duties, occ.types, occ.tasks, occ.qualities,
                  occ.advancement, occ.work_environment, occ.outlook_growth, occ.outlook_reasons,
                  (occ.definition, occ.sample_titles, *([occ.job_zone] if occ.job_zone else []))):
        for item in group:
            refs.sources("occupation", "", item.sources)


@_references("seed_claims", "sources")
def _claim_sources(c: Catalog, refs: _References) -> None:
    for claim in c.seed_claims:
        refs.sources("seed_claims", f"claims[{claim.id}]", claim.sources)


SUBJECT_KINDS = {"industry": "oews", "role": "roles", "credential": "credentials", "education": "education",
                 "accreditor": "education", "association": "associations", "general": None}


@_references("seed_claims")
def _claim_kinds(c: Catalog, refs: _References) -> None:
    for claim in c.seed_claims:
        refs.need("seed_claims", f"claims[{claim.id}].subject.kind", claim.subject_kind, SUBJECT_KINDS, "subject kind")


def _claim_subjects(kind: str, known: Callable[[Catalog], set[str]]) -> None:
    @_references("seed_claims", SUBJECT_KINDS[kind])
    def check(c: Catalog, refs: _References) -> None:
        for claim in c.seed_claims:
            if claim.subject_kind == kind:
                refs.need("seed_claims", f"claims[{claim.id}].subject.ref", claim.subject_ref, known(c), kind)


_claim_subjects("industry", _industry_codes)
_claim_subjects("role", lambda c: {r.id for r in c.roles})
_claim_subjects("credential", lambda c: {x.id for x in c.credentials})
_claim_subjects("education", lambda c: {d.id for d in c.education.degrees})
_claim_subjects("accreditor", lambda c: {a.id for a in c.education.accreditors})
_claim_subjects("association", lambda c: {a.id for a in c.associations})


@_references("wage_history", "sources")
def _wage_history_sources(c: Catalog, refs: _References) -> None:
    for point in c.wage_history:
        refs.sources("wage_history", f"{'third_party' if point.third_party else 'points'}[{point.year}]", point.sources)


@_references("industry_aliases", "oews")
def _alias_codes(c: Catalog, refs: _References) -> None:
    codes = _industry_codes(c)
    for word, code in c.industry_aliases.items():
        refs.need("industry_aliases", f"aliases.{word}", code, codes, "OEWS industry code")


@_references("oews", "sources")
def _release_source(c: Catalog, refs: _References) -> None:
    refs.need("oews", "release.source", c.oews.release.source, c.sources, "source id")
