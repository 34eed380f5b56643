"""Hostile text in the data: escape sequences, bidi and zero-width characters in every text field of a user data
directory, through every command, format and explorer menu; none of them may reach the terminal raw."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from test_explore import session
from typer.main import get_command

from hmcareer.catalog import Catalog, bundled_data_dir, validate
from hmcareer.cli import app
from hmcareer.explore import Explorer
from hmcareer.render.terminal import Terminal, printable

# What must never reach the output raw, by Unicode category (the test's own definition): control characters but
# newline and tab (ESC, BEL, C1...), format characters (bidi overrides, isolates and marks; zero-width characters),
# line and paragraph separators, surrogates.
HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs"}
# Put before and after each text. A text with a figure gets the sequences that hold digits (OSC 52 writes the
# clipboard, CSI 2J clears the screen, OSC 8 makes a link); one without gets sequences without digits, since a fact
# with no reference period must state no figure (the catalog checks that).
HEAD = "\x1b]52;c;aGk=\x07\x1b[2J\u202e\u2066\u200f\u202a\u202d "
TAIL = " \u200b\u200c\u200d\u2060\ufeff\u2028\u2029\u061c\u200e\x85\x9b\x1b]8;;https://x.invalid/\x1b\\\u202c\u2069"
PLAIN_HEAD = "\x1bc\x1b[H\x9b\x07\x08\r\x00\u202e\u2067\u2068\u200f\u202b "
PLAIN_TAIL = " \u200b\ufeff\u2028\u2029\u061c\u202c\u2069\x7f\x1b]\x07"
# Keys whose values are not free text (ids, references, vocabularies) are found by the catalog's own checks (below);
# these are free text the catalog does not check but the code relies on. education.yaml's degree `level` must be a
# DEGREE_LEVELS id: any other text makes `paths --from` and `match` fail with an internal error (a data-layer bug,
# reported: the catalog should check it).
UNCHECKED_STRUCTURE: dict[str, set[str]] = {}
# Text the views show: these must stay hostile, or the test would prove nothing.
MUST_STAY_HOSTILE = {"roles.yaml": {"title", "summary", "aliases", "text"}, "credentials.yaml": {"name", "abbreviation"},
                     "associations.yaml": {"name"}, "sources.yaml": {"title", "publisher"},
                     "education.yaml": {"name"}, "occupation.yaml": {"text"}}


def hidden(text: str) -> list[str]:
    return sorted({char for char in text if char not in "\n\t" and unicodedata.category(char) in HIDDEN})


def hostile(text: str) -> str:
    return HEAD + text + TAIL if re.search(r"\d", text) else PLAIN_HEAD + text + PLAIN_TAIL


def _mutated(value, keep: set[str], key: str | None = None):
    if isinstance(value, dict):
        return {k: _mutated(v, keep, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_mutated(v, keep, key) for v in value]
    return hostile(value) if isinstance(value, str) and key not in keep else value


def _hostile_wage_file(source: Path, target: Path) -> None:
    """oews.jsonl with hostile area and industry names (the codes stay: lookups and checks use them)."""
    header, *rows = source.read_text(encoding="utf-8").splitlines()
    columns = json.loads(header)["columns"]
    names = [columns.index("area_name"), columns.index("industry_name")]
    lines = [header]
    for line in rows:
        row = json.loads(line)
        for i in names:
            row[i] = hostile(row[i])
        lines.append(json.dumps(row))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _hostile_onet_file(source: Path, target: Path) -> None:
    """An O*NET profile whose names, technology examples and task texts are hostile."""
    profile = json.loads(source.read_text(encoding="utf-8"))
    for table in profile.values():
        if isinstance(table, dict) and "columns" in table:
            names = [i for i, column in enumerate(table["columns"]) if column in ("name", "example", "commodity_title", "text")]
            for row in table["rows"]:
                for i in names:
                    row[i] = hostile(row[i])
    target.write_text(json.dumps(profile), encoding="utf-8")


def _hostile_licensing_file(source: Path, target: Path) -> None:
    """The licence facts with hostile texts, names, notes and source titles (codes, ids, statuses, URLs stay)."""
    data = json.loads(source.read_text(encoding="utf-8"))
    for state in data["states"]:
        state["name"] = hostile(state["name"])
        for field in state["fields"].values():
            field["text"] = hostile(field["text"])
        state["short"] = {key: hostile(value) for key, value in state["short"].items()}
    for key in ("federal", "nab", "conflicts"):
        for note in data[key]:
            note["label"], note["text"] = hostile(note["label"]), hostile(note["text"])
    for src in data["sources"]:
        src["publisher"], src["title"], src["date"] = hostile(src["publisher"]), hostile(src["title"]), hostile(src["date"])
    target.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory) -> Path:
    """A data directory whose every free-text value carries HEAD/TAIL (or PLAIN_HEAD/PLAIN_TAIL).

    Every string is made hostile; the keys the catalog then rejects (ids, references, vocabularies, tags) are put
    back, file by file, until the catalog validates the directory.
    """
    target = tmp_path_factory.mktemp("hostile") / "data"
    # The other occupations' tables and O*NET profiles come from the bundled data, but for the registered nurses' and
    # the managers', written hostile below (the rest are the same kind of text, read by the same code).
    shutil.copytree(bundled_data_dir(), target, ignore=shutil.ignore_patterns("occupations", "onet"))
    _hostile_wage_file(bundled_data_dir() / "oews.jsonl", target / "oews.jsonl")
    _hostile_licensing_file(bundled_data_dir() / "nha_licensing.json", target / "nha_licensing.json")
    for folder in ("occupations", "onet"):
        (target / folder).mkdir()
    _hostile_wage_file(bundled_data_dir() / "occupations" / "29-1141.jsonl", target / "occupations" / "29-1141.jsonl")
    for soc in ("11-9111", "29-1141"):
        _hostile_onet_file(bundled_data_dir() / "onet" / f"{soc}.json", target / "onet" / f"{soc}.json")
    keep = {name: set(keys) for name, keys in UNCHECKED_STRUCTURE.items()}
    for _ in range(6):
        for path in sorted(bundled_data_dir().glob("*.yaml")):
            data = _mutated(yaml.safe_load(path.read_text(encoding="utf-8")), keep.get(path.name, set()))
            (target / path.name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        problems, _ = validate(Catalog(target, cache_dir=None, check_keys=True))
        if not problems:
            break
        for problem in problems:
            key = re.sub(r"\[[^\]]*\]", "", problem.path).rpartition(".")[2]
            keep.setdefault(Path(problem.file).name, set()).add(key)
    else:
        raise AssertionError(f"the hostile data never validated: {problems[:3]}")
    for name, keys in MUST_STAY_HOSTILE.items():
        assert not keys & keep.get(name, set()), (name, keys & keep[name])
    return target


@pytest.fixture
def shared_cache(monkeypatch, tmp_path_factory):
    """One cache for every run over the hostile data: each file is parsed once, not once per command."""
    monkeypatch.setenv("HMCAREER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "hostile-cache"))


def test_the_test_hides_what_the_issue_names():
    for char in "\x1b\x07\x9b\u202e\u2066\u2069\u200e\u200f\u061c\u200b\u200c\u200d\u2060\ufeff\u2028\u2029":
        assert hidden(char) == [char], hex(ord(char))
    assert hidden("tab\tand\nnewline \u00e9\u00b7\u2014 \U0001f600") == []


def test_printable_escapes_every_hidden_character_in_unicode():
    """Every character of the hidden categories (in this Python's Unicode), one by one, is spelled out."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char not in "\n\t" and unicodedata.category(char) in HIDDEN:
            shown = printable(f"a{char}b")
            assert hidden(shown) == [] and len(shown) > 3, hex(code)


# Every view of every data command, found by id or code (the names, aliases and abbreviations are hostile too).
VIEWS = [
    ["roles"], ["roles", "nursing-home-administrator"],
    ["salary"], ["salary", "-i", "pharma", "-i", "622000"], ["salary", "--state", "all", "--top", "5"],
    ["salary", "--metro", "all", "--top", "5"], ["salary", "-s", "NY", "--percentiles", "--hourly"],
    ["salary", "--industry", "all"], ["salary", "--where", "metros"], ["salary", "--where", "states"], ["salary", "--history"],
    ["certs"], ["certs", "cpam"], ["certs", "--role", "nursing-home-administrator"], ["education"], ["paths"],
    ["paths", "nursing-home-administrator"], ["associations"], ["outlook"], ["sources"], ["sources", "bls-oews-may2025"],
    ["paths", "nursing-home-administrator", "--from", "nurse", "--degree", "associate", "--years", "3"],
    ["match", "--background", "nurse", "--degree", "bachelor", "--years", "4", "--interest", "ltc"],
    ["search", "nursing", "home"], ["search", "cpam"], ["claims"],
    ["occupations", "29-1141"], ["occupations", "11-9111"], ["switch", "--from", "29-1141", "--metro", "0014460"],
    ["salary", "--occupation", "29-1141", "--state", "25"], ["match", "--occupation", "29-1141", "--state", "25"],
    ["licence"], ["licence", "AZ"], ["license", "HI"], ["paths", "nursing-home-administrator", "--state", "OH"],
    ["certs", "nha-licence", "--state", "OR"],
]


def test_every_data_command_is_in_the_hostile_views():
    commands = get_command(app).commands
    data_commands = {name for name, c in commands.items() if any("--format" in getattr(p, "opts", ()) for p in c.params)}
    assert data_commands == {view[0] for view in VIEWS}


@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_no_hidden_character_reaches_any_format(hm, hostile_dir, shared_cache, view):
    for fmt in ("table", "csv", "markdown"):
        r = hm("--data-dir", str(hostile_dir), *view, "--format", fmt, env={"COLUMNS": "120"})
        assert r.code == 0, (fmt, r.err)
        assert hidden(r.out) == [] and hidden(r.err) == [], fmt
        assert "\\u202e" in r.out and "\\x1b" in r.out, fmt  # the hostile text is there, spelled out
    r = hm("--data-dir", str(hostile_dir), *view, "--format", "json")
    assert r.code == 0 and hidden(r.out) == [] and "\\u202e" in r.out
    document = json.loads(r.out)
    assert any(HEAD in value or PLAIN_HEAD in value for value in _strings(document))  # JSON keeps the exact text


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("view", [["roles"], ["roles", "nursing-home-administrator"], ["salary", "-i", "622000"],
                                  ["paths", "nursing-home-administrator"], ["sources"]], ids=" ".join)
def test_a_colour_terminal_gets_only_our_own_styles(hm, hostile_dir, shared_cache, view):
    r = hm("--data-dir", str(hostile_dir), *view, env={"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "120"})
    assert r.code == 0 and "\x1b[" in r.out  # coloured ...
    assert hidden(re.sub(r"\x1b\[[0-9;]*m", "", r.out)) == []  # ... and nothing but colour


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "json"])
def test_output_files_get_the_same_escapes(hm, hostile_dir, shared_cache, tmp_path, fmt):
    target = tmp_path / f"roles.{fmt}"
    r = hm("--data-dir", str(hostile_dir), "roles", "-f", fmt, "-o", str(target))
    assert r.code == 0, r.err
    text = target.read_text(encoding="utf-8")
    assert hidden(text) == [] and "\\u202e" in text


def test_messages_quoting_data_are_escaped(hm, hostile_dir, shared_cache):
    r = hm("--data-dir", str(hostile_dir), "salary", "--metro", "springfield")  # several metros: their names are listed
    assert r.code == 2 and "matches several" in r.err
    assert hidden(r.err) == [] and "\\u202e" in r.err
    r = hm("validate", str(hostile_dir))
    assert r.code == 0 and hidden(r.err) == []


def test_typed_hidden_characters_are_escaped_in_messages(hm):
    r = hm("roles", "zzz\u202e\u200b\u2028\x9b")
    assert r.code == 2 and hidden(r.err) == [] and "zzz\\u202e\\u200b\\u2028\\x9b" in r.err


# Every menu of the explorer: numbers and ids only, since names and abbreviations are hostile.
WALKS = [
    ("1", "nursing-home-administrator", "1", "2", "1", "1", "b", "b", "b", "3", "b", "b"),
    ("2", "1", "2", "3", "4", "5", "622000", "NY", "springfield", "1", "zzzz", "b"),
    ("3", "1", "2", "b"),
    ("4", "cpam", "1", "b", "b", "b"),
    ("5", "6"),
    ("7", "nurse", "bachelor", "", "4", "", "", "leadership", "1", "1", "b", "b"),
    ("8", "nursing", "1", "b", "8", "cpam", "1", "b"),
]


@pytest.fixture(scope="session")
def hostile_catalog(hostile_dir) -> Catalog:
    return Catalog(hostile_dir, cache_dir=None)


@pytest.mark.parametrize("walk", WALKS, ids=" ".join)
def test_no_hidden_character_reaches_the_explorer(hostile_catalog, walk):
    code, out, err = session(hostile_catalog, *walk, "q", width=120, raw=True)
    assert code == 0 and err == ""
    assert hidden(out) == []
    assert "\\u202e" in out and "\\x1b" in out
    assert "not an option" not in out.replace("'zzzz' is not an option", "")  # every step went where it was meant to


def test_explorer_menu_titles_and_options_are_escaped(hostile_catalog):
    code, out, _ = session(hostile_catalog, "1", "q", width=200, raw=True)
    role = hostile_catalog.roles[0]
    assert printable(role.title) in out and role.title not in out
    code, out, _ = session(hostile_catalog, "1", role.id, "q", width=200, raw=True)
    assert f"{printable(role.title)}: more" in out  # the role's own menu title


def test_the_explorer_on_a_colour_terminal_shows_only_our_styles(hostile_catalog):
    out, err = io.StringIO(), io.StringIO()
    feed = iter(["1", "1", "b", "2", "springfield", "b", "q"])
    code = Explorer(hostile_catalog, Terminal(out, err, color=True, width=120), lambda prompt: next(feed)).run()
    assert code == 0 and "\x1b[" in out.getvalue()
    assert hidden(re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())) == []


# --- Click's usage errors: one line, exit 2 --------------------------------------------------------------------


@pytest.mark.parametrize("args, line", [
    (["salary", "--top", "0"], "--top: 0 is not in the range x>=1 (see hmcareer salary -h)"),
    (["roles", "--format", "xml"], "--format: 'xml' is not one of 'table', 'json', 'csv', 'markdown' (see hmcareer roles -h)"),
    (["roles", "--bogus"], "no such option: --bogus (see hmcareer roles -h)"),
    (["roles", "--forc"], "no such option: --forc; did you mean --force or --format or --sources? (see hmcareer roles -h)"),
    (["rolez"], "no such command 'rolez'; did you mean 'roles'? (see hmcareer -h)"),
    (["--data-dir"], "option '--data-dir' requires an argument (see hmcareer -h)"),
    (["roles", "-o", ""], "--output: needs a file name ('' is none), or - for the terminal (see hmcareer roles -h)"),
    (["--data-dir", "", "roles"], "--data-dir: needs a folder name ('' is none) (see hmcareer -h)"),
    (["--data-dir=", "roles"], "--data-dir: needs a folder name ('' is none) (see hmcareer -h)"),
    (["roles", "\x1b[2J\u202e"], "unknown role '\\x1b[2J\\u202e'. Run `hmcareer roles` to list them."),
])
def test_every_usage_error_is_one_line(hm, args, line):
    r = hm(*args)
    assert (r.code, r.out, r.err) == (2, "", f"hmcareer: {line}\n")


def test_an_unknown_command_lists_the_commands(hm):
    r = hm("nosuch")
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith("hmcareer: no such command 'nosuch'; commands: explore, roles, salary, ")  # as help lists them
    assert r.err.endswith(", validate (see hmcareer -h)\n") and r.err.count("\n") == 1


def test_a_missing_argument_and_escapes_in_usage_errors(hm):
    """(Click's and Typer's wording of these differs between versions; the shape is the same.)"""
    r = hm("search")
    assert r.code == 2 and r.err.startswith("hmcareer: missing argument ") and r.err.endswith("(see hmcareer search -h)\n")
    r = hm("roles", "nha", "extra")
    assert r.code == 2 and re.fullmatch(r"hmcareer: got unexpected extra argument\S* \(extra\) \(see hmcareer roles -h\)\n", r.err)
    r = hm("\x1b]52;c;aGk=\x07")  # an unknown command quoting a clipboard write
    assert r.code == 2 and hidden(r.err) == [] and "'\\x1b]52;c;aGk=\\x07'" in r.err


def test_help_version_and_no_arguments_are_unchanged(hm):
    for args in (["-h"], ["--help"], ["salary", "-h"]):
        r = hm(*args)
        assert r.code == 0 and r.out.startswith("Usage: hmcareer") and r.err == ""
    assert hm("--version").out.startswith("hmcareer ")
    r = hm()
    assert r.code == 0 and r.out.startswith("Usage: hmcareer")


def test_an_empty_data_dir_variable_means_not_set(hm):
    r = hm("sources", "-f", "json", env={"HMCAREER_DATA_DIR": ""})
    assert r.code == 0 and json.loads(r.out)["data_dir"] is None


# --- closed streams and readers that go away (real processes: a closed descriptor is not /dev/null) -------------


def _sh(command: str, stdin=None) -> subprocess.CompletedProcess:
    """`hmcareer COMMAND` run by sh, which applies COMMAND's redirections (<&-, >&-, 2>&-) before starting it."""
    env = {**os.environ, "HMCAREER_NO_CACHE": "1"}
    env.pop("HMCAREER_DATA_DIR", None)
    return subprocess.run(["sh", "-c", f"exec {shlex.quote(sys.executable)} -m hmcareer {command}"], stdin=stdin,
                          capture_output=True, text=True, env=env, timeout=60)


CLOSED_STDOUT = "hmcareer: standard output is closed; nothing to write the answer to\n"


@pytest.mark.parametrize("command, code, out, err", [
    # stdin closed: read as empty input, as from /dev/null
    ("'<&-'", 0, "Usage: hmcareer", ""),
    ("explore '<&-'", 0, "hmcareer explore:", ""),
    ("match '<&-'", 2, "", "hmcareer: give at least one answer, e.g. --background nurse --interest leadership "
                           "(or run hmcareer match in a terminal for the questions)\n"),
    # stderr closed: messages go nowhere, the exit code stays what it is
    ("roles nosuchrole '2>&-'", 2, "", ""),
    ("salary --top 0 '2>&-'", 2, "", ""),
    ("--data-dir /nonexistent roles '2>&-'", 2, "", ""),
    # stdout closed: one line and exit 1 at the first write; usage errors stay 2; --output needs no stdout
    ("roles '>&-'", 1, "", CLOSED_STDOUT),
    ("roles -f json '>&-'", 1, "", CLOSED_STDOUT),
    ("roles nosuchrole '>&-'", 2, "", "hmcareer: unknown role 'nosuchrole'. Run `hmcareer roles` to list them.\n"),
    ("-h '>&-'", 1, "", CLOSED_STDOUT),
    ("--version '>&-'", 1, "", CLOSED_STDOUT),
    ("'>&-'", 1, "", CLOSED_STDOUT),
    ("explore '>&-'", 1, "", CLOSED_STDOUT),
    # all three closed
    ("roles '<&-' '>&-' '2>&-'", 1, "", ""),
    ("roles nosuchrole '<&-' '>&-' '2>&-'", 2, "", ""),
])
def test_closed_standard_streams(command, code, out, err):
    r = _sh(command.replace("'", ""), stdin=subprocess.DEVNULL)
    assert r.returncode == code, r.stderr
    assert r.stdout.startswith(out) and (out or r.stdout == "")
    assert r.stderr == err
    if "explore '<&-'" in command:
        assert r.stdout.endswith("Goodbye.\n")


def test_output_file_with_stdout_closed(tmp_path):
    target = tmp_path / "roles.txt"
    r = _sh(f"roles -o {shlex.quote(str(target))} '>&-'".replace("'>&-'", ">&-"))
    assert (r.returncode, r.stderr) == (0, f"hmcareer: wrote {target}\n")
    assert "Nursing home administrator" in target.read_text()


@pytest.mark.parametrize("args", [["salary", "--metro", "all", "-f", "json"], ["salary", "--metro", "all", "-f", "csv"],
                                  ["salary", "--metro", "all", "-f", "markdown"], ["salary", "--metro", "all"],
                                  ["--version"], ["explore"]])
def test_a_reader_gone_before_the_first_write_ends_quietly_with_0(args):
    env = {**os.environ, "HMCAREER_NO_CACHE": "1"}
    process = subprocess.Popen([sys.executable, "-m", "hmcareer", *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env)
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""
    process.stderr.close()


@pytest.mark.parametrize("command", ["salary --metro all -f json", "salary --metro all -f csv", "salary --metro all"])
def test_a_reader_that_stops_early_ends_quietly_with_0(command):
    r = subprocess.run(f"{shlex.quote(sys.executable)} -m hmcareer {command} | head -1; echo \"exit=${{PIPESTATUS[0]}}\" >&2",
                       shell=True, executable="/bin/bash", capture_output=True, text=True, timeout=60,
                       env={**os.environ, "HMCAREER_NO_CACHE": "1"})
    assert len(r.stdout.splitlines()) == 1 and r.stderr == "exit=0\n"


# --- names: letters NFKD does not decompose ------------------------------------------------------------------------


@pytest.mark.parametrize("typed, normal", [
    ("Kırşehir", "kirsehir"), ("Øresund", "oresund"), ("Łódź", "lodz"), ("Đakovo", "dakovo"), ("Straße", "strasse"),
    ("Ærø", "aero"), ("Œuvre", "oeuvre"), ("Þórr", "thorr"), ("Sæþórsdóttir", "saethorsdottir"), ("ǿ", "o"),
    ("ħ ŧ ŋ ĸ ƒ ƶ ɨ", "h t ng k f z i"), ("Mayagüez", "mayaguez"),
])
def test_letters_without_a_decomposition_keep_their_ascii_spelling(typed, normal):
    from hmcareer.vocabulary import normalize

    assert normalize(typed) == normal


def test_a_dotless_i_finds_what_an_i_finds(hm):
    assert hm("roles", "clınıcal manager", "-f", "json").out == hm("roles", "clinical manager", "-f", "json").out
    r = hm("salary", "--metro", "mayagüez", "-f", "json")
    assert r.code == 0 and json.loads(r.out)["selected"][0]["area_name"] == "Mayaguez, PR"


# --- yes/no settings: one rule for every HMCAREER_ variable -----------------------------------------------------


def _cache_entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.entry")) if cache.exists() else []


@pytest.mark.parametrize("value, cached", [("0", True), ("false", True), ("no", True), ("off", True), ("", True),
                                           (" Off ", True), ("1", False), ("true", False), ("YES", False), ("on", False)])
def test_hmcareer_no_cache_values(hm, tmp_path, monkeypatch, value, cached):
    cache = tmp_path / "flag-cache"
    monkeypatch.setenv("HMCAREER_CACHE_DIR", str(cache))
    r = hm("roles", env={"HMCAREER_NO_CACHE": value})
    assert r.code == 0 and r.err == ""
    assert bool(_cache_entries(cache)) is cached


@pytest.mark.parametrize("name", ["HMCAREER_NO_CACHE", "HMCAREER_DEBUG"])
def test_a_value_that_means_neither_is_ignored_with_one_line(hm, tmp_path, monkeypatch, name):
    cache = tmp_path / "flag-cache"
    monkeypatch.setenv("HMCAREER_CACHE_DIR", str(cache))
    r = hm("roles", "nosuchrole", env={name: "maybe"})
    assert r.code == 2 and r.err == (f"hmcareer: ignoring {name}='maybe': it takes 1, true, yes or on, or 0, false, no or off\n"
                                     "hmcareer: unknown role 'nosuchrole'. Run `hmcareer roles` to list them.\n")
    assert hm("roles", env={name: "maybe"}).code == 0
    assert _cache_entries(cache)  # ignored means off: the cache is used, no traceback was shown


# --- --output to a device, a pipe or an open descriptor: nothing to replace, so no --force ---------------------------


def test_output_to_dev_stdout_in_a_pipeline():
    r = _sh("roles -f csv -o /dev/stdout")  # stdout is the test's pipe
    assert (r.returncode, r.stderr) == (0, "hmcareer: wrote /dev/stdout\n")
    assert r.stdout == _sh("roles -f csv").stdout and r.stdout.startswith("id,title,")


def test_output_to_dev_stdout_appends_to_the_file_behind_it(tmp_path):
    target = tmp_path / "log.txt"
    target.write_text("kept\n")
    r = _sh(f"roles -f csv -o /dev/stdout >> {shlex.quote(str(target))}")
    assert (r.returncode, r.stderr) == (0, "hmcareer: wrote /dev/stdout\n")
    assert target.read_text() == "kept\n" + _sh("roles -f csv").stdout


def test_output_to_a_descriptor_as_process_substitution_gives_it():
    """`-o >(cmd)` hands hmcareer /dev/fd/N, the write end of a pipe: the same here with a pipe of our own."""
    read_end, write_end = os.pipe()
    env = {**os.environ, "HMCAREER_NO_CACHE": "1"}
    r = subprocess.run([sys.executable, "-m", "hmcareer", "roles", "-f", "csv", "-o", f"/dev/fd/{write_end}"],
                       pass_fds=(write_end,), capture_output=True, text=True, env=env, timeout=60)
    os.close(write_end)
    with os.fdopen(read_end) as piped:
        assert (r.returncode, r.stderr) == (0, f"hmcareer: wrote /dev/fd/{write_end}\n")
        assert piped.read() == _sh("roles -f csv").stdout


def test_output_to_a_named_pipe(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there, so hmcareer's open does not wait
    try:
        r = _sh(f"roles -f csv -o {shlex.quote(str(fifo))}")
        assert (r.returncode, r.stderr) == (0, f"hmcareer: wrote {fifo}\n")
        assert os.read(reader, 1 << 16).decode() == _sh("roles -f csv").stdout
    finally:
        os.close(reader)


def test_output_to_a_named_pipe_nobody_reads_fails_at_once(hm, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # opening it to write would wait for a reader forever
    r = hm("roles", "-o", str(fifo))
    assert (r.code, r.err) == (2, f"hmcareer: cannot write {fifo}: no program is reading from that pipe. Choose another "
                                  "--output path\n")


def test_an_enormous_value_is_not_echoed_whole(hm):
    r = hm("roles", "x" * 100_000)
    assert (r.code, r.err) == (2, "hmcareer: unknown role 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'... (100,000 characters). "
                                  "Run `hmcareer roles` to list them.\n")


def test_a_data_folder_without_any_data_file_is_named(hm, tmp_path):
    r = hm("--data-dir", str(tmp_path), "roles", "nha")
    assert r.code == 0 and "Nursing home administrator" in r.out
    assert r.err == f"hmcareer: note: {tmp_path} holds none of the data files; the bundled data is used. Is it the right folder?\n"


def test_output_to_dev_null_needs_no_force_but_a_file_does(hm, tmp_path):
    assert (hm("roles", "-o", "/dev/null").code, hm("roles", "-o", os.devnull).err) == (0, "hmcareer: wrote /dev/null\n")
    existing = tmp_path / "roles.txt"
    existing.write_text("mine")
    r = hm("roles", "-o", str(existing))
    assert r.code == 2 and "already exists; add --force" in r.err and existing.read_text() == "mine"


def test_output_to_dev_stdout_when_stdout_is_closed():
    r = _sh("roles -o /dev/stdout >&-")
    assert (r.returncode, r.stderr) == (1, "hmcareer: cannot write /dev/stdout: that descriptor was closed when "
                                           "hmcareer started\n")
