"""The data layer: the only package that knows data files, YAML, JSON and the cache exist.

    files.py       where data lives, reading a file safely
    yamlio.py      safe YAML, and line numbers for problems
    checker.py     reading parsed values with a Problem (file, key path) for each mismatch
    schema.py      builders, one per hand-curated subject: parsed YAML -> typed records
    wages.py       the OEWS wage table in memory and lookups over it
    wagefile.py    the OEWS wage file (JSON Lines): parsing and checking
    onetfile.py    an O*NET profile file (JSON): parsing and checking
    references.py  checks of the ids one file uses from another
    cache.py       entries that are served only while they equal what the data files say

`Catalog` reads each subject's file when a command first asks for it, from the cache when the
cache holds exactly the file's bytes, else by parsing and checking it (and then caching it).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DataError, NotFound, Problem
from ..models import (
    Association,
    CheckedClaim,
    Credential,
    DataFile,
    Education,
    Occupation,
    OccupationEntry,
    OewsRelease,
    OnetProfile,
    Prices,
    Role,
    Source,
    WagePoint,
)
from . import onetcodec
from .cache import Cache, configured_directory, decode_records, encode_records, open_cache
from .checker import MAX_PROBLEMS
from .files import MAX_TABLE_BYTES, MAX_YAML_BYTES, bundled_data_dir, read_data_file
from .references import reference_problems
from .wages import WageTable, from_plain, to_plain
from .yamlio import parse_yaml

if TYPE_CHECKING:  # read only by the licence views and --state: not imported by every command
    from ..licence_models import Licensing

__all__ = ["MAX_TABLE_BYTES", "MAX_YAML_BYTES", "SUBJECTS", "Catalog", "WageTable", "bundled_data_dir", "default_cache_dir",
           "file_name", "parse_yaml", "validate"]

SUBJECTS = (
    "sources", "roles", "credentials", "associations", "education", "occupation",
    "claims", "wage_history", "industry_aliases", "oews", "occupation_index", "prices",
)
# The wage table is generated from BLS's CSV as JSON Lines; every hand-curated subject is YAML.
WAGE_SUBJECT = "oews"
# Other occupations' wage tables (scripts/import_related.py): data/occupations/SOC.jsonl, read through the cache as
# OTHER_WAGES, one entry per file.
OCCUPATIONS_DIR, OTHER_WAGES, MANAGERS_SOC = "occupations", "other_wages", "11-9111"
# O*NET profiles (scripts/import_onet.py): data/onet/SOC.json, one per SOC code, read through the cache as ONET.
ONET_DIR, ONET = "onet", "onet"
# The nursing home administrator licence by state (scripts/import_nha.py): read on first use, not cached (it is read
# only by the commands about the licence). Its sources join `sources` when it is read.
LICENSING_FILE = "nha_licensing.json"
SOC = r"\d\d-\d{4}"


def file_name(subject: str) -> str:
    return f"{subject}.jsonl" if subject == WAGE_SUBJECT else f"{subject}.yaml"


def default_cache_dir() -> Path | None:
    """Where settings put the cache (HMCAREER_CACHE_DIR, XDG_CACHE_HOME, ~/.cache), or None for no cache."""
    return configured_directory()[0]


class _Subject:
    """A Catalog attribute that is its subject's records, read on first use (`Catalog.subject`)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, catalog: Catalog | None, owner: type | None = None) -> Any:
        return self if catalog is None else catalog.subject(self.name)


class Catalog:
    """Lazy, validated access to every subject. Files in `data_dir` override the bundled ones.

    Each subject file is read on first use. As soon as two files that refer to each other
    have both been read, the references between them are checked: a command whose files
    disagree fails with a data error naming the file, without reading files it does not need.

    `cache_dir`: True for the configured location, None or False for none, or a directory.
    `warn` receives the one line that says why a cache location is not used.
    """

    def __init__(self, data_dir: Path | None = None, cache_dir: Path | None | bool = True, check_keys: bool = False,
                 warn: Callable[[str], None] | None = None):
        self.check_keys = check_keys  # also report keys no builder reads (validate does; commands need not)
        self.bundled_dir = bundled_data_dir()
        self.data_dir = data_dir
        self.warnings: list[str] = []
        self._warn = warn or self.warnings.append
        self._cache_setting = cache_dir
        self._cache: Cache | None | bool = False  # False: not opened yet
        self.origins: dict[str, Path] = {}
        self._subjects: dict[str, Any] = {}
        self._other_wages: dict[str, OewsRelease] = {}
        # Every data file read, as read: what a remembered result (hmcareer/remembered.py) was computed from.
        self.files_read: dict[Path, bytes | memoryview] = {}  # each data file's bytes as they were read
        self.files_built = 0  # how many of them no cache entry held: parsed and checked in this run
        self._onet: dict[str, OnetProfile] = {}
        self._licensing: Licensing | None = None

    # -- files ----------------------------------------------------------------------------

    def locate(self, name: str) -> Path:
        filename = file_name(name)
        if self.data_dir is not None:
            candidate = self.data_dir / filename
            try:
                os.lstat(candidate)
                return candidate
            except (FileNotFoundError, NotADirectoryError):
                pass
            except OSError:  # there, but not to be looked at (a folder without read permission): reading it says why
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

    @property
    def cache(self) -> Cache | None:
        """The cache, opened on first use; None for none (validate never uses one: it must read every file)."""
        if self._cache is False:
            setting = self._cache_setting
            if self.check_keys or setting is None or setting is False:
                self._cache = None
            elif setting is True:
                directory, why = configured_directory()
                if why:
                    self._warn(f"hmcareer: not using a cache: {why}")
                self._cache = open_cache(directory, self._warn)
            else:
                self._cache = open_cache(Path(setting), self._warn)
        return self._cache

    # -- loading --------------------------------------------------------------------------

    def _load(self, name: str) -> Any:
        """The records of one subject's file."""
        path = self.locate(name)
        if name == WAGE_SUBJECT and self.data_dir is not None and path.parent != self.data_dir:
            self._refuse_old_wage_file(self.data_dir)
        self.origins[name] = path
        return self._load_file(name, path, self.label(name))

    def _load_file(self, name: str, path: Path, label: str) -> Any:
        """The records of one file: from the cache entry made from exactly its bytes when there is one, else built.
        `name` is the subject, or OTHER_WAGES for another occupation's wage table."""
        limit = MAX_TABLE_BYTES if name in (WAGE_SUBJECT, OTHER_WAGES) else MAX_YAML_BYTES
        to_plain, from_plain = _CODECS.get(name, (encode_records, decode_records))
        cache = self.cache
        if cache is not None:
            try:
                plain, as_read = cache.load_file(name, path, limit)
                records = from_plain(plain)
                if _has_shape(name, records):
                    self.files_read[path] = as_read
                    return records
            except Exception:  # noqa: BLE001 - missing, damaged, or not ours: decoding bad values can raise almost anything
                pass
        raw = read_data_file(path, label, limit)
        self.files_read[path] = raw
        records = self._build(name, raw, label)
        self.files_built += 1
        if cache is not None:
            cache.store(name, path, raw, to_plain(records))
        return records

    # -- other occupations' wage tables: data/occupations/SOC.jsonl, each read on first use -------------------------

    def _codes_in(self, folder: str, suffix: str) -> set[str]:
        """The SOC codes of the files named SOC + suffix in `folder` of the bundled data and of the data directory."""
        found = set()
        for base in (self.bundled_dir, self.data_dir):
            if base is not None:
                with contextlib.suppress(OSError):  # no such folder, or one not to be read: no files from it
                    found.update(p.stem for p in (base / folder).glob(f"*{suffix}") if re.fullmatch(SOC, p.stem))
        return found

    def _soc_file(self, folder: str, soc: str, suffix: str) -> tuple[Path, str]:
        """(path, label for messages) of one SOC code's file: the data directory's if it has one, else the bundled."""
        relative = f"{folder}/{soc}{suffix}"
        path = self.bundled_dir / relative
        if self.data_dir is not None and (self.data_dir / relative).exists():
            path = self.data_dir / relative
        return path, str(path) if self.data_dir is not None else f"data/{relative}"

    def _soc_file_origin(self, folder: str, soc: str, suffix: str) -> str:
        path, _ = self._soc_file(folder, soc, suffix)
        return "user" if self.data_dir is not None and path.parent.parent == self.data_dir else "bundled"

    def occupation_codes(self) -> tuple[str, ...]:
        """The SOC codes with a wage table: 11-9111 and every data/occupations/SOC.jsonl (a data directory's too)."""
        return tuple(sorted({MANAGERS_SOC} | self._codes_in(OCCUPATIONS_DIR, ".jsonl")))

    def occupation_origin(self, soc: str) -> str:
        """Where an occupation's table comes from: user (the data directory) or bundled."""
        return self._soc_file_origin(OCCUPATIONS_DIR, soc, ".jsonl")

    def wages_of(self, soc: str) -> OewsRelease:
        """The OEWS release for one SOC code (11-9111 is `oews`); NotFound for a code without a table."""
        if soc == MANAGERS_SOC:
            return self.oews
        if soc not in self._other_wages:
            if not re.fullmatch(SOC, soc) or soc not in self.occupation_codes():
                raise NotFound("occupation", soc, self.occupation_codes())
            path, label = self._soc_file(OCCUPATIONS_DIR, soc, ".jsonl")
            release = self._load_file(OTHER_WAGES, path, label)
            if release.release.soc != soc:
                raise DataError([Problem(label, "release.soc", f"expected {soc!r} (the file's name), got "
                                                               f"{release.release.soc!r}", 1)], self._dir_name())
            self._other_wages[soc] = release
        return self._other_wages[soc]

    def wage_table_title(self, soc: str) -> str | None:
        """The occupation title a wage table's header line gives, without reading its rows (validate compares it with
        data/occupation_index.yaml); None when the header says none (the table's own check reports that)."""
        if soc == MANAGERS_SOC or soc in self._other_wages:
            return self.wages_of(soc).release.occupation
        from .wagefile import load_json

        path, label = self._soc_file(OCCUPATIONS_DIR, soc, ".jsonl")
        first = read_data_file(path, label, MAX_TABLE_BYTES).split(b"\n", 1)[0]
        header = load_json(first.decode("utf-8", "replace"), label, 1)
        release = header.get("release") if isinstance(header, dict) else None
        title = release.get("occupation") if isinstance(release, dict) else None
        return title if isinstance(title, str) else None

    # -- O*NET profiles: data/onet/SOC.json, each read on first use ------------------------------------------------

    def onet_codes(self) -> tuple[str, ...]:
        """The SOC codes with an O*NET profile: every data/onet/SOC.json (a data directory's too)."""
        return tuple(sorted(self._codes_in(ONET_DIR, ".json")))

    def onet_origin(self, soc: str) -> str:
        """Where an occupation's O*NET profile comes from: user (the data directory) or bundled."""
        return self._soc_file_origin(ONET_DIR, soc, ".json")

    def onet_of(self, soc: str) -> OnetProfile:
        """The O*NET profile that stands for one BLS SOC code; NotFound for a code without one."""
        if soc not in self._onet:
            if not re.fullmatch(SOC, soc) or soc not in self.onet_codes():
                raise NotFound("occupation profile", soc, self.onet_codes())
            path, label = self._soc_file(ONET_DIR, soc, ".json")
            profile = self._load_file(ONET, path, label)
            if profile.soc != soc:
                raise DataError([Problem(label, "soc", f"expected {soc!r} (the file's name), got {profile.soc!r}")],
                                self._dir_name())
            self._onet[soc] = profile
        return self._onet[soc]

    # -- the NHA licence by state: data/nha_licensing.json -----------------------------------------------------------

    @property
    def licensing(self) -> Licensing:
        """The licence facts by state; their sources (ids "nha-...") are added to `sources`, so views resolve them."""
        if self._licensing is None:
            from .checker import Checker
            from .licensingfile import build_licensing

            path = self.bundled_dir / LICENSING_FILE
            if self.data_dir is not None and (self.data_dir / LICENSING_FILE).exists():
                path = self.data_dir / LICENSING_FILE
            label = str(path) if self.data_dir is not None else f"data/{LICENSING_FILE}"
            raw = read_data_file(path, label, MAX_TABLE_BYTES)
            self.files_read[path] = raw
            ck = Checker(label, track_keys=self.check_keys)
            licensing = build_licensing(ck, raw, label)
            clashes = sorted(set(licensing.sources) & set(self.sources))
            for sid in clashes:
                ck.problem("sources", f"source id {sid!r} is also in {self.label('sources')}; ids must differ")
            if ck.problems:
                raise DataError(ck.problems, self._dir_name(), ck.omitted)
            self.sources.update(licensing.sources)
            self._licensing = licensing
        return self._licensing

    def _build(self, name: str, raw: bytes, label: str) -> Any:
        from .checker import Checker

        ck = Checker(label, track_keys=self.check_keys)
        if name in (WAGE_SUBJECT, OTHER_WAGES):
            from .wagefile import build_oews, parse_wage_file

            result = build_oews(ck, *parse_wage_file(raw, label))
            problems = ck.problems  # each with its line
        elif name == ONET:
            from .onetfile import build_profile

            result = build_profile(ck, raw, label)
            problems = ck.problems
        else:
            from .schema import BUILDERS
            from .yamlio import parse_yaml_nodes, with_lines_of

            parsed, nodes = parse_yaml_nodes(raw, label)
            if parsed is None:
                raise DataError([Problem(label, "", "file is empty (or only comments)")])
            result = BUILDERS[name](ck, parsed)
            ck.unknown_keys()
            problems = with_lines_of(nodes, ck.problems) if ck.problems else []
        if problems:
            raise DataError(problems, self._dir_name(), ck.omitted)
        return result

    def _refuse_old_wage_file(self, data_dir: Path) -> None:
        """A data directory with the wage table in the YAML of hmcareer 0.1 must not silently fall back to ours."""
        old = data_dir / "oews.yaml"
        if old.exists():
            raise DataError([Problem(str(old), "", "the wage table is now oews.jsonl (JSON Lines, see docs/data-schema.md); "
                                                   f"regenerate it with scripts/import_oews.py --out {data_dir / 'oews.jsonl'}")],
                            str(data_dir))

    def subject(self, name: str) -> Any:
        """The records of one subject (also its attribute: `catalog.roles`), checked against the files read before."""
        if name not in self._subjects:
            self._subjects[name] = self._load(name)
            found = reference_problems(self, name, self._subjects)
            problems = [p for ps in found.values() for p in ps]
            if problems:
                kept = {subject: ps[:MAX_PROBLEMS] for subject, ps in found.items()}
                listed = [p for subject, ps in kept.items() for p in self._with_lines(subject, ps)]
                raise DataError(listed, self._dir_name(), len(problems) - len(listed))
        return self._subjects[name]

    def _with_lines(self, subject: str, problems: list[Problem]) -> list[Problem]:
        if subject == WAGE_SUBJECT:  # only the header (line 1) holds references
            return [p._replace(line=1) for p in problems]
        from .yamlio import with_lines

        try:
            return with_lines(self.locate(subject).read_bytes(), problems)
        except OSError:
            return problems

    # -- subjects: each read on first use -------------------------------------------------

    sources: dict[str, Source] = _Subject()  # type: ignore[assignment]
    roles: tuple[Role, ...] = _Subject()  # type: ignore[assignment]
    credentials: tuple[Credential, ...] = _Subject()  # type: ignore[assignment]
    associations: tuple[Association, ...] = _Subject()  # type: ignore[assignment]
    education: Education = _Subject()  # type: ignore[assignment]
    occupation: Occupation = _Subject()  # type: ignore[assignment]
    claims: tuple[CheckedClaim, ...] = _Subject()  # type: ignore[assignment]
    wage_history: tuple[WagePoint, ...] = _Subject()  # type: ignore[assignment]
    industry_aliases: dict[str, str] = _Subject()  # type: ignore[assignment]
    oews: OewsRelease = _Subject()  # type: ignore[assignment]
    occupation_index: tuple[OccupationEntry, ...] = _Subject()  # type: ignore[assignment]
    prices: Prices = _Subject()  # type: ignore[assignment]

    def release_name(self) -> str:
        return f"OEWS {self.oews.release.name}"


# What each subject's records are: (container, item type), the item type None for a single record.
_SHAPES: dict[str, tuple[type, type | None]] = {
    "sources": (dict, Source), "roles": (tuple, Role), "credentials": (tuple, Credential), "associations": (tuple, Association),
    "education": (Education, None), "occupation": (Occupation, None), "claims": (tuple, CheckedClaim),
    "wage_history": (tuple, WagePoint), "industry_aliases": (dict, str), "oews": (OewsRelease, None),
    OTHER_WAGES: (OewsRelease, None), ONET: (OnetProfile, None), "occupation_index": (tuple, OccupationEntry),
    "prices": (Prices, None),
}


def _has_shape(name: str, records: Any) -> bool:
    """Whether decoded cache values are the kind of records `name` has (a cheap guard; the checksums are the real one)."""
    container, item = _SHAPES[name]
    if type(records) is not container:
        return False
    items = records.values() if container is dict else records if item is not None else ()
    return all(type(x) is item for x in items)


# How each subject's records are kept in the cache: the wage table in its compact form (wages.py), the rest as encoded
# records (cache.py).
_CODECS = {WAGE_SUBJECT: (to_plain, from_plain), OTHER_WAGES: (to_plain, from_plain),
           ONET: (onetcodec.to_plain, onetcodec.from_plain)}


def validate(catalog: Catalog) -> tuple[list[Problem], int]:
    """The problems in every file, including references between files (at most MAX_PROBLEMS a file), and how many more
    were found and not listed."""
    problems: list[Problem] = []
    omitted = 0
    for name in SUBJECTS:
        try:
            getattr(catalog, name)
        except DataError as exc:
            problems.extend(exc.problems)
            omitted += exc.omitted
    # Other occupations' tables refer to nothing else: with a data directory, only its own copies are checked (the
    # bundled ones are checked by `hmcareer validate` without one).
    for soc in catalog.occupation_codes():
        if soc == MANAGERS_SOC or (catalog.data_dir is not None and catalog.occupation_origin(soc) != "user"):
            continue
        try:
            catalog.wages_of(soc)
        except DataError as exc:
            problems.extend(exc.problems)
            omitted += exc.omitted
    # O*NET profiles likewise; each names a source of sources.yaml.
    for soc in catalog.onet_codes():
        if catalog.data_dir is not None and catalog.onet_origin(soc) != "user":
            continue
        try:
            profile = catalog.onet_of(soc)
        except DataError as exc:
            problems.extend(exc.problems)
            omitted += exc.omitted
            continue
        if "sources" not in catalog._subjects:  # a broken sources.yaml is reported once, above
            continue
        if profile.source not in catalog.sources:
            problems.append(Problem(catalog._soc_file(ONET_DIR, soc, ".json")[1], "source",
                                    f"unknown source id {profile.source!r}"))
    problems += _index_problems(catalog)
    try:
        _ = catalog.licensing
    except DataError as exc:
        problems.extend(exc.problems)
        omitted += exc.omitted
    return problems, omitted


def _index_problems(catalog: Catalog) -> list[Problem]:
    """data/occupation_index.yaml names each occupation with a wage table, by the title its table gives."""
    try:
        entries = {e.soc: e for e in catalog.occupation_index}
    except DataError:
        return []  # reported with the file's own problems
    label, found = catalog.label("occupation_index"), []
    for soc in catalog.occupation_codes():
        if soc not in entries:
            found.append(Problem(label, "occupations", f"no entry for {soc}, which has a wage table; add one"))
    for soc, entry in entries.items():
        if soc not in catalog.occupation_codes():
            found.append(Problem(label, f"occupations[{soc}]", "no wage table for this SOC code (occupations/SOC.jsonl)"))
            continue
        try:
            title = catalog.wage_table_title(soc)
        except DataError:
            continue  # its table's problems are listed with the table's own
        if title is not None and title != entry.title:
            found.append(Problem(label, f"occupations[{soc}].title", f"{entry.title!r} is not its wage table's title, {title!r}"))
    return found
