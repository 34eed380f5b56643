"""The cache may make commands faster; it may never change what they show.

Every test damages or tricks the cache in one way and checks that the figure shown is the data
file's. Most work on the cache files directly (fast); a few run whole commands in processes.
"""

from __future__ import annotations

import json
import marshal
import mmap
import os
import random
import signal
import stat
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from hmcareer import query
from hmcareer.catalog import SUBJECTS, Catalog
from hmcareer.catalog import cache as cache_module
from hmcareer.errors import DataError
from hmcareer.record import Record

PHARMA_MEAN = 251570


def _warm(data_dir: Path | None, cache: Path) -> Catalog:
    catalog = Catalog(data_dir, cache_dir=cache)
    for name in SUBJECTS:
        getattr(catalog, name)
    return catalog


def _fresh(data_dir: Path | None = None) -> dict:
    catalog = Catalog(data_dir, cache_dir=None)
    return {name: getattr(catalog, name) for name in SUBJECTS}


def _entries(cache: Path) -> dict[str, Path]:
    return {path.name.split("-")[0]: path for path in cache.glob("*.entry")}


def _entry_parts(entry: Path) -> tuple[list[bytes], bytes, bytes]:
    """(header fields, copy of the data file, payload)."""
    header, _, body = entry.read_bytes().partition(b"\n")
    fields = header.split(b" ")
    raw_size = int(fields[4])
    return fields, body[:raw_size], body[raw_size:]


def _rewrite(entry: Path, plain, *, checksum: bool) -> None:
    """The entry with another payload; with `checksum` False the header keeps the old checksum (and length)."""
    fields, raw, _ = _entry_parts(entry)
    payload = marshal.dumps(plain)
    if checksum:
        fields[5], fields[6] = b"%d" % len(payload), b"%08x" % zlib.crc32(payload)
    entry.write_bytes(b" ".join(fields) + b"\n" + raw + payload)


def _pharma_mean(data_dir: Path | None, cache: Path | None) -> int:
    return query.find_industry(Catalog(data_dir, cache_dir=cache), "pharma").annual_mean


# --- what an entry holds is what a warm command reads ------------------------------------------


def test_a_warm_command_reads_the_entry_and_only_while_the_file_is_unchanged(data_copy, tmp_path):
    cache = tmp_path / "cache"
    roles = Catalog(data_copy, cache_dir=cache).roles
    entry = _entries(cache)["roles"]
    forged = (roles[0]._replace(title="From the cache"), *roles[1:])
    _rewrite(entry, cache_module.encode_records(forged), checksum=True)  # a checksum-valid entry: what a reader trusts
    assert Catalog(data_copy, cache_dir=cache).roles[0].title == "From the cache"
    path = data_copy / "roles.yaml"
    path.write_text(path.read_text().replace("title: Health agency administrator", "title: Agency chief", 1))
    assert Catalog(data_copy, cache_dir=cache).roles[0].title == "Agency chief"
    assert len(list(cache.glob("roles-*"))) == 1  # the new entry replaced the old one


def test_every_subject_reads_back_exactly_as_parsed(tmp_path):
    cache = tmp_path / "cache"
    _warm(None, cache)
    assert set(_entries(cache)) == set(SUBJECTS)
    warm = Catalog(cache_dir=cache)
    fresh = _fresh()
    for name in SUBJECTS:
        value = getattr(warm, name)
        if name == "oews":
            assert value.release == fresh[name].release and value.estimates == fresh[name].estimates
        else:
            assert value == fresh[name], name


@pytest.mark.parametrize("where", ["first byte", "last byte of a piece", "first byte of a piece", "last byte", "appended",
                                   "cut short"])
def test_a_file_compared_a_piece_at_a_time_is_served_only_while_every_byte_is_the_same(data_copy, tmp_path, monkeypatch,
                                                                                        where):
    """Catalogs compare a data file with its entry's copy while reading it, a piece at a time (pieces of 7 bytes here,
    so that the file is many pieces): a change in any piece, or a file longer or shorter, is a new build."""
    monkeypatch.setattr(cache_module, "_PIECE_BYTES", 7)
    cache = tmp_path / "cache"
    path = data_copy / "roles.yaml"
    assert Catalog(data_copy, cache_dir=cache).roles == _fresh()["roles"]
    entry = _entries(cache)["roles"]
    forged = _fresh()["roles"]
    forged = (forged[0]._replace(title="From the cache"), *forged[1:])
    _rewrite(entry, cache_module.encode_records(forged), checksum=True)
    assert Catalog(data_copy, cache_dir=cache).roles[0].title == "From the cache"  # the same bytes: served
    raw = path.read_bytes()
    at = {"first byte": 0, "last byte of a piece": 13, "first byte of a piece": 14, "last byte": len(raw) - 1}.get(where)
    if at is not None:
        edited = raw[:at] + (b"X" if raw[at:at + 1] != b"X" else b"Y") + raw[at + 1:]
    else:
        edited = raw + b"# more\n" if where == "appended" else raw[:-1]
    path.write_bytes(edited)
    catalog = Catalog(data_copy, cache_dir=cache)
    try:
        roles = catalog.roles
    except DataError:  # read, and refused as it now is: not served from the entry
        return
    assert catalog.files_built == 1 and roles[0].title != "From the cache"


# --- damage ------------------------------------------------------------------------------------


def test_any_flipped_bit_in_any_entry_is_caught(tmp_path):
    """Every bit of every header, and 300 bits at random places of each entry's copy and payload."""
    cache = tmp_path / "cache"
    catalog = _warm(None, cache)
    store = catalog.cache
    rng = random.Random(11)
    for subject, entry in _entries(cache).items():
        good = entry.read_bytes()
        source, raw = catalog.origins[subject], catalog.origins[subject].read_bytes()
        assert store.load(subject, source, raw) is not None
        header_bits = (good.index(b"\n") + 1) * 8
        positions = list(range(header_bits)) + [rng.randrange(header_bits, len(good) * 8) for _ in range(300)]
        for bit in positions:
            damaged = bytearray(good)
            damaged[bit // 8] ^= 1 << (bit % 8)
            entry.write_bytes(bytes(damaged))
            with pytest.raises(LookupError):
                store.load(subject, source, raw)
        entry.write_bytes(good)


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage", "zeroed middle", "doubled", "flipped payload byte"])
def test_a_damaged_wage_entry_is_rebuilt_from_the_file(tmp_path, damage):
    cache = tmp_path / "cache"
    assert _pharma_mean(None, cache) == PHARMA_MEAN
    entry = _entries(cache)["oews"]
    good = entry.read_bytes()
    damaged = {"empty": b"", "truncated": good[: len(good) // 2], "garbage": os.urandom(len(good)),
               "zeroed middle": good[: len(good) // 3] + bytes(len(good) // 3) + good[2 * len(good) // 3:],
               "doubled": good + good, "flipped payload byte": good[:-100] + bytes([good[-100] ^ 0xFF]) + good[-99:]}[damage]
    entry.write_bytes(damaged)
    assert _pharma_mean(None, cache) == PHARMA_MEAN
    assert entry.read_bytes() == good  # rebuilt


@pytest.mark.parametrize("edit", ["new mean", "inserted row", "deleted row", "swapped rows", "renamed key"])
def test_edited_rows_are_never_served(tmp_path, edit):
    """Editing the wage rows inside an entry (as an UPDATE or INSERT did to the old SQLite cache) is caught."""
    from array import array

    cache = tmp_path / "cache"
    assert _pharma_mean(None, cache) == PHARMA_MEAN
    entry = _entries(cache)["oews"]
    release, (area_codes, industry_codes, name_keys, positions, offsets, blob) = marshal.loads(_entry_parts(entry)[2])
    starts = array("I")
    starts.frombytes(offsets)
    rows = [blob[a:b] for a, b in zip(starts, starts[1:], strict=False)]
    at = industry_codes.split("\n").index("325400")
    pharma = marshal.loads(rows[at])
    if edit == "new mean":
        rows[at] = marshal.dumps(pharma[:10] + (186034,) + pharma[11:])
    elif edit == "inserted row":
        rows.insert(at, marshal.dumps(pharma[:10] + (99,) + pharma[11:]))
    elif edit == "deleted row":
        del rows[at]
    elif edit == "swapped rows":
        rows[at], rows[at + 1] = rows[at + 1], rows[at]
    else:  # the hospitals row made to answer for pharma
        industry_codes = industry_codes.replace("\n622000\n", "\n325400\n")
    lengths = [0]
    for row in rows:
        lengths.append(lengths[-1] + len(row))
    edited = (area_codes, industry_codes, name_keys, positions, array("I", lengths).tobytes(), b"".join(rows))
    _rewrite(entry, (release, edited), checksum=False)
    assert _pharma_mean(None, cache) == PHARMA_MEAN


def test_an_entry_for_other_bytes_or_another_subject_is_not_used(data_copy, tmp_path):
    cache = tmp_path / "cache"
    _warm(data_copy, cache)
    entries = _entries(cache)
    # An entry built from other bytes (an earlier version of the file), with every checksum right.
    fields, raw, payload = _entry_parts(entries["roles"])
    roles = cache_module.decode_records(marshal.loads(payload))
    other_raw = raw.replace(b"Health agency administrator", b"Health agency administrat0r", 1)
    forged = marshal.dumps(cache_module.encode_records((roles[0]._replace(title="Stale"), *roles[1:])))
    fields[5], fields[6] = b"%d" % len(forged), b"%08x" % zlib.crc32(forged)
    entries["roles"].write_bytes(b" ".join(fields) + b"\n" + other_raw + forged)
    # The credentials entry swapped for the associations entry: right checksums, wrong subject and bytes.
    entries["credentials"].write_bytes(entries["associations"].read_bytes())
    catalog = Catalog(data_copy, cache_dir=cache)
    assert catalog.roles[0].title == "Health agency administrator"
    assert catalog.credentials == _fresh(data_copy)["credentials"]


def test_an_entry_written_by_code_with_another_record_layout_is_not_decoded(tmp_path, monkeypatch):
    """Same app version and same source files, but the record classes' fields differ (a bytecode-only upgrade)."""
    cache = tmp_path / "cache"
    assert _pharma_mean(None, cache) == PHARMA_MEAN
    _ = Catalog(cache_dir=cache).sources  # an entry of records (Source) as well as the wage rows

    class Fact(Record):  # the same name, a field more, in front: old entries would decode shifted
        kind: str
        text: str
        sources: tuple[str, ...]
        period: str | None = None

    classes = tuple(Fact if cls.__name__ == "Fact" else cls for cls in cache_module.RECORD_CLASSES)
    before = cache_module.stamp()
    monkeypatch.setattr(cache_module, "RECORD_CLASSES", classes)
    cache_module.stamp.cache_clear()
    try:
        assert cache_module.stamp() != before
        assert before.split(b"/")[:2] == cache_module.stamp().split(b"/")[:2]  # same version and Python
        catalog = Catalog(cache_dir=cache)
        for subject in ("oews", "sources"):
            path = catalog.locate(subject)
            with pytest.raises(LookupError):
                catalog.cache.load(subject, path, path.read_bytes())
    finally:
        cache_module.stamp.cache_clear()


def test_the_stamp_covers_an_install_without_sources(tmp_path, monkeypatch):
    """Only .pyc files: the stamp still changes with the code that builds records."""
    package = tmp_path / "hmcareer"
    for name in cache_module._RECORD_CODE:
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / f"{name}.pyc").write_bytes(b"bytecode of " + name.encode())
    monkeypatch.setattr(cache_module, "_PACKAGE", package)
    stamps = []
    for content in (b"one", b"two"):
        (package / "catalog/schema.pyc").write_bytes(content)
        cache_module.stamp.cache_clear()
        stamps.append(cache_module.stamp())
    cache_module.stamp.cache_clear()
    assert stamps[0] != stamps[1]


def test_reading_an_entry_runs_nothing_and_changes_no_class(tmp_path):
    """An entry may only hold plain values; whatever else it holds, with right checksums, is refused and rebuilt."""
    cache = tmp_path / "cache"
    _ = Catalog(cache_dir=cache).sources
    entry = _entries(cache)["sources"]
    snapshot = {cls: dict(vars(cls)) for cls in cache_module.RECORD_CLASSES}
    hostile = [compile("import os; os.system('touch pwned')", "x", "exec"),
               {"bls-oews-may2025": [10**6, "x"]}, {"bls-oews-may2025": [-1, "x"]},
               {"bls-oews-may2025": ["Source", "a", "b"]}, {"bls-oews-may2025": [0]}, frozenset({1}), b"bytes"]
    for value in hostile:
        _rewrite(entry, value, checksum=True)
        sources = Catalog(cache_dir=cache).sources
        assert sources == _fresh()["sources"], value
    assert {cls: dict(vars(cls)) for cls in cache_module.RECORD_CLASSES} == snapshot
    assert not (Path.cwd() / "pwned").exists()


def test_a_write_through_a_shared_mapping_is_seen(data_copy, tmp_path):
    """A write through mmap can leave ctime and size unchanged; the file is still compared with the entry."""
    cache = tmp_path / "cache"
    assert query.national_total(Catalog(data_copy, cache_dir=cache)).annual_mean == 140970
    path = data_copy / "oews.jsonl"
    before = path.stat()
    with path.open("r+b") as f, mmap.mmap(f.fileno(), 0) as mapped:
        at = mapped.find(b"67.77, 140970")
        mapped[at: at + 13] = b"67.78, 140980"  # the national row, hourly and annual together
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert query.national_total(Catalog(data_copy, cache_dir=cache)).annual_mean == 140980


def test_a_named_pipe_or_symlink_in_place_of_an_entry_is_not_followed(data_copy, tmp_path):
    cache = tmp_path / "cache"
    _warm(data_copy, cache)
    entries = _entries(cache)
    elsewhere = tmp_path / "elsewhere.entry"
    elsewhere.write_bytes(entries["roles"].read_bytes())
    entries["roles"].unlink()
    entries["roles"].symlink_to(elsewhere)
    entries["oews"].unlink()
    os.mkfifo(entries["oews"])  # reading it would wait for a writer forever
    catalog = Catalog(data_copy, cache_dir=cache)
    assert len(catalog.roles) == 7 and catalog.oews.release.name == "May 2025"
    assert not entries["roles"].is_symlink() and entries["roles"].is_file()  # replaced, not written through
    assert elsewhere.read_bytes() != b"" and entries["oews"].is_file()


# --- what is kept and what is removed -------------------------------------------------------------


def test_records_that_fail_the_checks_are_never_cached(data_copy, tmp_path):
    cache = tmp_path / "cache"
    path = data_copy / "roles.yaml"
    path.write_text(path.read_text().replace("title: Clinical manager", "title: !!binary Q2xpbmljYWw=", 1))
    for _ in range(2):
        with pytest.raises(DataError) as info:
            _ = Catalog(data_copy, cache_dir=cache).roles
        assert "roles[clinical-manager].title: expected text, got bytes" in str(info.value.problems[0])
    assert not list(cache.glob("roles-*"))


def test_orphaned_superseded_and_old_format_files_are_removed_and_others_kept(data_copy, tmp_path):
    cache = tmp_path / "cache"
    gone = tmp_path / "gone"
    gone.mkdir()
    (gone / "roles.yaml").write_bytes((data_copy / "roles.yaml").read_bytes())
    _ = Catalog(gone, cache_dir=cache).roles
    (orphan,) = cache.glob("roles-*.entry")
    (gone / "roles.yaml").unlink()
    gone.rmdir()
    legacy = ["roles-0123abcd.json", "roles-0123abcd.cache", "oews-89abcdef.sqlite", "oews-89abcdef.source",
              "oews-89abcdef.stat", "oews-89abcdef.1234.tmp", "oews-89abcdef.1234.source-tmp"]
    for name in legacy:
        (cache / name).write_text("old")
    killed = cache / ".credentials-00000000.entry.0123456789abcdef.tmp"  # a writer killed mid-write, long ago
    killed.write_text("half")
    os.utime(killed, (1, 1))
    writing = cache / ".sources-00000000.entry.fedcba9876543210.tmp"  # a writer at work right now
    writing.write_text("half")
    mine = cache / "notes.txt"
    mine.write_text("not hmcareer's")
    hidden = cache / ".notes.tmp"  # old, and named like a temporary file, but not one hmcareer writes
    hidden.write_text("not hmcareer's")
    os.utime(hidden, (1, 1))
    _ = Catalog(data_copy, cache_dir=cache).roles
    names = {p.name for p in cache.iterdir()}
    assert orphan.name not in names and killed.name not in names
    assert not names & set(legacy)
    assert {writing.name, mine.name, hidden.name} <= names
    assert len(list(cache.glob("roles-*.entry"))) == 1


def test_a_killed_writers_leftover_goes_even_when_nothing_is_written(tmp_path):
    cache = tmp_path / "cache"
    _ = Catalog(cache_dir=cache).roles
    killed = cache / ".roles-00000000.entry.0123456789abcdef.tmp"
    killed.write_text("half")
    os.utime(killed, (1, 1))
    _ = Catalog(cache_dir=cache).roles  # warm: reads, writes nothing
    assert not killed.exists()


def test_an_entry_never_takes_its_mode_from_what_it_replaces(tmp_path):
    cache = tmp_path / "cache"
    _ = Catalog(cache_dir=cache).roles
    entry = _entries(cache)["roles"]
    target = tmp_path / "shared-file"
    target.write_text("x")
    target.chmod(0o4755)
    entry.unlink()
    entry.symlink_to(target)
    _ = Catalog(cache_dir=cache).roles
    assert entry.is_file() and not entry.is_symlink()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600 and target.read_text() == "x"


def test_sigterm_is_handled_before_a_temporary_file_exists(tmp_path, monkeypatch):
    from hmcareer import atomic

    seen = []
    real_open = os.open

    def watching_open(path, flags, mode=0o777, **kwargs):
        if str(path).endswith(".tmp"):
            seen.append(signal.getsignal(signal.SIGTERM))
        return real_open(path, flags, mode, **kwargs)

    monkeypatch.setattr(atomic.os, "open", watching_open)
    _ = Catalog(cache_dir=tmp_path / "cache").roles
    assert seen and all(callable(handler) and handler not in (signal.SIG_DFL, signal.SIG_IGN) for handler in seen)
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # and put back after


def test_one_entry_per_data_file_however_often_it_changes(data_copy, tmp_path):
    cache = tmp_path / "cache"
    path = data_copy / "roles.yaml"
    for n in range(3):
        path.write_text(path.read_text().replace("title: Health agency administrator" if n == 0 else f"title: Chief {n - 1}",
                                                 f"title: Chief {n}", 1))
        assert Catalog(data_copy, cache_dir=cache).roles[0].title == f"Chief {n}"
    assert len(list(cache.glob("roles-*"))) == 1


# --- where the cache lives --------------------------------------------------------------------------


def _run(*args: str, env: dict[str, str], cwd: Path | None = None, user: int | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("HMCAREER_", "XDG_"))}
    environment.update(env)
    return subprocess.run([sys.executable, "-m", "hmcareer", *args], env=environment, cwd=cwd, capture_output=True, text=True,
                          timeout=60, preexec_fn=(lambda: os.setuid(user)) if user is not None else None)


def _pharma_from(result: subprocess.CompletedProcess) -> int:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["selected"][0]["annual_mean"]


def test_locations_that_are_not_safe_to_use_mean_no_cache_and_one_line(tmp_path):
    target = tmp_path / "target"
    target.mkdir()
    link = tmp_path / "link"
    link.symlink_to(target)
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    cases = {link: "it is a symbolic link", shared: "anyone may write to it", a_file: "it is not a folder"}
    for location, why in cases.items():
        r = _run("salary", "-i", "pharma", "-f", "json", env={"HMCAREER_CACHE_DIR": str(location)})
        assert _pharma_from(r) == PHARMA_MEAN
        assert r.stderr == (f"hmcareer: not using the cache at {location}: {why}; set HMCAREER_CACHE_DIR to another folder "
                            "(commands still work, only slower)\n")
    assert not list(target.iterdir()) and not list(shared.iterdir())


def test_a_relative_cache_setting_writes_nothing_where_the_command_runs(tmp_path):
    r = _run("salary", "-i", "pharma", "-f", "json", env={"HMCAREER_CACHE_DIR": "cache"}, cwd=tmp_path)
    assert _pharma_from(r) == PHARMA_MEAN
    assert r.stderr == "hmcareer: not using a cache: HMCAREER_CACHE_DIR must be an absolute path, not 'cache'\n"
    home = tmp_path / "home"
    home.mkdir()
    r = _run("salary", "-i", "pharma", "-f", "json", env={"XDG_CACHE_HOME": "relative", "HOME": str(home)}, cwd=tmp_path)
    assert _pharma_from(r) == PHARMA_MEAN and r.stderr == ""  # the XDG spec: ignore a relative path, use ~/.cache
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]
    assert list((home / ".cache" / "hmcareer").glob("*.entry"))


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a folder to another user (as `sudo hmcareer` does)")
def test_another_users_cache_is_neither_used_nor_fatal(tmp_path):
    """After `sudo hmcareer`, ~/.cache/hmcareer may be root's: the user's commands must still work (here the other way round)."""
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 65534, 65534)
    for args in (("salary", "-i", "pharma", "-f", "json"), ("--version",)):
        r = _run(*args, env={"HMCAREER_CACHE_DIR": str(theirs)})
        assert r.returncode == 0, r.stderr
        assert r.stderr == (f"hmcareer: not using the cache at {theirs}: it belongs to another user; set HMCAREER_CACHE_DIR "
                            "to another folder (commands still work, only slower)\n")
    assert not list(theirs.iterdir())


@pytest.mark.skipif(os.geteuid() != 0 or not Path("/usr/bin/setpriv").exists(), reason="needs root and setpriv to drop "
                    "root's power to read any folder")
def test_a_cache_folder_that_cannot_be_read_is_neither_used_nor_fatal(tmp_path):
    unreadable = tmp_path / "unreadable"
    unreadable.mkdir(mode=0o700)
    _ = Catalog(cache_dir=unreadable).oews  # entries a reader might have used
    unreadable.chmod(0)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HMCAREER_", "XDG_"))}
    env["HMCAREER_CACHE_DIR"] = str(unreadable)
    for args in (("salary", "-i", "pharma", "-f", "json"), ("--version",)):
        # Without capabilities root is an ordinary user: a folder of mode 000 cannot be read.
        r = subprocess.run(["/usr/bin/setpriv", "--bounding-set=-all", "--inh-caps=-all", sys.executable, "-m", "hmcareer",
                            *args], env=env, capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        assert r.stderr == (f"hmcareer: not using the cache at {unreadable}: it cannot be read; set HMCAREER_CACHE_DIR to "
                            "another folder (commands still work, only slower)\n")
        if args[0] == "salary":
            assert _pharma_from(r) == PHARMA_MEAN
    unreadable.chmod(0o700)


def test_a_cache_location_that_cannot_be_made_only_costs_speed(tmp_path):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    catalog = Catalog(cache_dir=blocker / "cache")
    assert len(catalog.roles) == 7 and catalog.oews.release.name == "May 2025"
    assert catalog.warnings == [f"hmcareer: not using the cache at {blocker / 'cache'}: Not a directory"]


def _refuse(*args, **kwargs):
    raise PermissionError(13, "Read-only file system")


@pytest.mark.parametrize("warm", [True, False])
def test_a_read_only_cache_is_read_and_left_as_it_is(data_copy, tmp_path, monkeypatch, warm):
    cache = tmp_path / "cache"
    cache.mkdir()
    if warm:
        _ = Catalog(data_copy, cache_dir=cache).roles, Catalog(data_copy, cache_dir=cache).oews.estimates
    entries = sorted(cache.iterdir())
    cache.chmod(0o555)
    # root ignores file modes: refuse the final rename too, as a read-only file system would.
    monkeypatch.setattr(os, "replace", _refuse)
    try:
        catalog = Catalog(data_copy, cache_dir=cache)
        assert len(catalog.roles) == 7
        assert query.find_metro(catalog, "boston") == query.find_metro(Catalog(data_copy, cache_dir=None), "boston")
        path = data_copy / "roles.yaml"
        path.write_text(path.read_text().replace("title: Health agency administrator", "title: Agency chief", 1))
        assert Catalog(data_copy, cache_dir=cache).roles[0].title == "Agency chief"
    finally:
        cache.chmod(0o755)
    assert sorted(cache.iterdir()) == entries  # nothing written, no temporary files left behind


def test_no_home_means_no_cache_and_nothing_created(monkeypatch, tmp_path):
    from hmcareer.catalog import default_cache_dir

    monkeypatch.delenv("HMCAREER_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "nonexistent"))
    assert default_cache_dir() is None
    assert len(Catalog().roles) == 7 and not (tmp_path / "nonexistent").exists()


# --- writers at the same time, and writers that are stopped ----------------------------------------


def test_twenty_cold_starts_at_once_all_show_the_files_figures(tmp_path):
    cache = tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if not k.startswith("HMCAREER_")}
    env["HMCAREER_CACHE_DIR"] = str(cache)
    command = [sys.executable, "-m", "hmcareer", "salary", "-i", "pharma", "-f", "json"]
    processes = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(20)]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0 and err == "", err
        assert json.loads(out)["selected"][0]["annual_mean"] == PHARMA_MEAN
    assert sorted(p.name.split("-")[0] for p in cache.iterdir()) == ["claims", "industry_aliases", "oews", "sources"]
    assert _pharma_mean(None, cache) == PHARMA_MEAN


STOPPED_MID_WRITE = """
import os, signal, sys
from hmcareer.catalog import Catalog, cache

real_replace = os.replace

def stop_first(src, dst):
    os.kill(os.getpid(), signal.SIGTERM)  # arrives with the whole entry written, before it is renamed into place
    real_replace(src, dst)

os.replace = stop_first
Catalog(cache_dir=sys.argv[1]).oews
print("not stopped")
"""


def test_a_writer_stopped_by_sigterm_leaves_nothing_behind(tmp_path):
    cache = tmp_path / "cache"
    r = subprocess.run([sys.executable, "-c", STOPPED_MID_WRITE, str(cache)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 128 + signal.SIGTERM and "not stopped" not in r.stdout, r.stderr
    assert list(cache.iterdir()) == []
    assert _pharma_mean(None, cache) == PHARMA_MEAN
    assert sorted(p.name.split("-")[0] for p in cache.iterdir()) == ["industry_aliases", "oews"]


def test_validate_never_uses_the_cache(data_copy, tmp_path):
    cache = tmp_path / "cache"
    _warm(data_copy, cache)
    path = data_copy / "oews.jsonl"
    path.write_text(path.read_text().replace("67.77, 140970", "67.77, 150970", 1))
    from hmcareer.catalog import validate

    problems, _ = validate(Catalog(data_copy, cache_dir=cache, check_keys=True))
    assert [str(p) for p in problems][0].endswith("annual mean 150970 does not match hourly 67.77 x 2080 = 140962")


def test_a_damaged_entry_never_reaches_a_command(tmp_path):
    """End to end: every byte of the wage entry's payload region flipped in turn, in 40 places, through the CLI runner."""
    from typer.testing import CliRunner

    from hmcareer.cli import app

    cache = tmp_path / "cache"
    runner = CliRunner()
    env = {"HMCAREER_CACHE_DIR": str(cache)}
    assert json.loads(runner.invoke(app, ["salary", "-i", "pharma", "-f", "json"], env=env).stdout)["selected"][0][
        "annual_mean"] == PHARMA_MEAN
    entry = _entries(cache)["oews"]
    good = entry.read_bytes()
    start = good.index(b"\n") + 1
    rng = random.Random(5)
    for at in sorted(rng.sample(range(start, len(good)), 40)):
        entry.write_bytes(good[:at] + bytes([good[at] ^ 0x01]) + good[at + 1:])
        result = runner.invoke(app, ["salary", "-i", "pharma", "-f", "json"], env=env)
        assert json.loads(result.stdout)["selected"][0]["annual_mean"] == PHARMA_MEAN, at
