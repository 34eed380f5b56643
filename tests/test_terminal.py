"""Terminal hygiene: data text printed literally, no escape codes unless wanted, narrow terminals,
ASCII-only encodings and pipes that close early."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from hmcareer import query
from hmcareer.catalog import Catalog
from hmcareer.cli import app
from hmcareer.render import emit
from hmcareer.render.terminal import Terminal, printable

ANSI = re.compile(r"\x1b\[")
HOSTILE_TITLE = "[bold]Clin[/] \x1b[31mred\x07 \u202eevil"
SHOWN_TITLE = "[bold]Clin[/] \\x1b[31mred\\x07 \\u202eevil"

# One or more invocations of every data command, covering each view.
VIEWS = [
    ["roles"], ["roles", "nha"],
    ["salary"], ["salary", "-i", "pharma", "-i", "hospitals"], ["salary", "--state", "all", "--top", "5"],
    ["salary", "--metro", "boston"], ["salary", "-s", "NY", "--percentiles", "--hourly"], ["salary", "--where", "metros"],
    ["salary", "--history"],
    ["certs"], ["certs", "cpam"], ["education"], ["paths"], ["associations"], ["outlook"],
    ["sources"], ["sources", "bls-oews-may2025"],
    ["paths", "nha", "--from", "nurse", "--degree", "associate", "--years", "3"],
    ["match", "--background", "nurse", "--degree", "bachelor", "--years", "4", "--interest", "ltc"],
    ["search", "nursing", "home"],
    ["claims"], ["claims", "--verdict", "out-of-date"],
    ["occupations"], ["occupations", "11-9111"], ["occupations", "29-2072"],
    ["switch", "--from", "rn", "--metro", "boston"], ["switch", "--from", "29-1229", "--metro", "bend, or"],
    ["salary", "--occupation", "29-1229", "--metro", "bend, or", "--percentiles"],
    ["match", "--occupation", "lpn", "--state", "OH"], ["search", "epic"],
    ["licence"], ["licence", "AZ"], ["license", "HI"], ["paths", "nha", "--state", "OH"], ["certs", "NHA", "--state", "OR"],
]


@pytest.fixture
def hostile_data(data_copy):
    """A data copy whose clinical manager title carries Rich markup, an escape sequence, a bell and a bidi override."""
    path = data_copy / "roles.yaml"
    title = json.dumps(HOSTILE_TITLE)  # a YAML double-quoted string takes JSON's escapes
    path.write_text(path.read_text().replace("title: Clinical manager", f"title: {title}", 1))
    return data_copy


def test_printable_spells_out_control_characters():
    assert printable("a\x1b[31mb\x07c\x9bd\u202ee\tf\ng") == "a\\x1b[31mb\\x07c\\x9bd\\u202ee\tf\ng"
    assert printable("caf\u00e9 \u2014 ok") == "caf\u00e9 \u2014 ok"


@pytest.mark.parametrize("command", [["roles"], ["roles", "clinical-manager"], ["paths", "clinical-manager"],
                                     ["certs", "cnml"], ["roles", "-f", "csv"], ["roles", "-f", "markdown"]])
def test_data_text_is_printed_literally(hm, hostile_data, command):
    r = hm("--data-dir", str(hostile_data), *command, env={"COLUMNS": "200"})  # wide enough for the title on one line
    assert r.code == 0, r.err
    # Markdown escapes its own markup characters (a backslash before each): what it shows is the title all the same.
    shown = re.sub(r"\\(.)", r"\1", r.out) if "markdown" in command else r.out
    assert SHOWN_TITLE in shown
    assert "\x1b" not in r.out and "\x07" not in r.out and "\u202e" not in r.out


def test_json_keeps_the_exact_text_escaped(hm, hostile_data):
    r = hm("--data-dir", str(hostile_data), "roles", "clinical-manager", "-f", "json")
    assert r.code == 0, r.err
    assert "\x1b" not in r.out and "\u202e" not in r.out
    assert json.loads(r.out)["record"]["title"] == HOSTILE_TITLE


def test_markup_in_data_never_styles_a_colour_terminal(hostile_data):
    out = io.StringIO()
    catalog = Catalog(hostile_data, cache_dir=None)
    emit(Terminal(out, io.StringIO(), color=True, width=200), catalog, query.list_roles(catalog), "table")
    text = out.getvalue()
    assert ANSI.search(text)  # the terminal is colourful ...
    assert SHOWN_TITLE in text  # ... but the title's markup and escapes are shown, not obeyed
    assert "\x1b[31mred" not in text and "\x07" not in text


def test_user_input_echoed_in_errors_is_printable(hm):
    r = hm("roles", "\x1b[2Jgone")
    assert r.code == 2
    assert "\x1b" not in r.err and "\\x1b[2Jgone" in r.err


@pytest.mark.parametrize("setting", [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {"args": ["--no-color"]}])
def test_no_escape_codes_when_asked(hm, setting):
    forced = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    assert ANSI.search(hm("salary", "-i", "pharma", env=forced).out)  # Rich would colour this ...
    env = {**forced, **{k: v for k, v in setting.items() if k != "args"}}
    r = hm(*setting.get("args", []), "salary", "-i", "pharma", env=env)
    assert r.code == 0 and "$251,570" in r.out
    assert not ANSI.search(r.out)  # ... but not when told not to


@pytest.fixture(scope="module")
def both_consoles(tmp_path_factory):
    """A command's output to a pipe as hmcareer prints it (PlainConsole, without rich.console) and as Rich's own console
    prints it there: TTY_COMPATIBLE=0 hands the output to Rich, which reads it as "not a terminal" (Rich 13 ignores it
    and asks the stream, which says the same)."""
    runner = CliRunner()
    cache = str(tmp_path_factory.mktemp("console-cache"))

    def run(args: list[str], columns: int) -> tuple[str, str]:
        outputs = []
        for extra in ({}, {"TTY_COMPATIBLE": "0"}):
            result = runner.invoke(app, args, env={"HMCAREER_CACHE_DIR": cache, "COLUMNS": str(columns), **extra})
            assert result.exit_code == 0, (args, result.stderr)
            outputs.append(result.stdout)
        return outputs[0], outputs[1]

    return run


@pytest.mark.parametrize("columns", [40, 100])
def test_a_pipe_gets_exactly_what_richs_console_prints(both_consoles, columns):
    for command in VIEWS:
        plain, rich_console = both_consoles(command, columns)
        assert plain == rich_console, command


def test_tabs_wide_characters_and_trailing_spaces_print_as_rich_prints_them(both_consoles, data_copy):
    """Data text with tabs, wide characters and runs of no-break spaces prints the same either way."""
    path = data_copy / "roles.yaml"
    title = json.dumps("Clinical\tmanager \u5e73\u6210 \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0 end\t\u00a0\u00a0")
    path.write_text(path.read_text().replace("title: Clinical manager", f"title: {title}", 1))
    for command in (["roles"], ["roles", "clinical-manager"], ["paths", "clinical-manager"]):
        for columns in (40, 80):
            plain, rich_console = both_consoles(["--data-dir", str(data_copy), *command], columns)
            assert plain == rich_console, (command, columns)
            assert "\t" not in plain and "Clinical" in plain


@pytest.mark.parametrize("width", [20, 80])
def test_plain_console_prints_any_text_as_richs_console_does(width):
    from rich.console import Console
    from rich.text import Text

    from hmcareer.render.terminal import PlainConsole

    texts = [Text("a\tb\tc   " + " " * 90), Text("\u5e73\u6210\t\u00e9\n\n  x  \n"), Text(""), Text("\n"),
             Text.assemble(("bold", "bold"), " and ", ("dim\tgrey", "dim"), "\u00a0" * 30), Text("y" * 200 + "\tz")]
    for text in texts:
        ours, theirs = io.StringIO(), io.StringIO()
        PlainConsole(ours, width, 24).print(text.copy(), soft_wrap=True)
        Console(file=theirs, width=width, color_system=None, no_color=True, highlight=False, emoji=False).print(
            text.copy(), soft_wrap=True)
        assert ours.getvalue() == theirs.getvalue(), text


def test_a_command_to_a_pipe_does_not_import_richs_console():
    code = ("import sys; sys.argv = ['hmcareer', 'roles']\n"
            "from hmcareer.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(str('rich.console' in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "COLUMNS": "80"})
    assert done.stdout.startswith("Management roles") and done.stderr.endswith("False")


def test_every_data_command_is_checked_for_layout():
    """test_layout.py renders every view in VIEWS to a pipe at 40 to 200 columns: lines fit, nothing is cut or
    broken, and the output carries no escape codes and no trailing spaces."""
    commands = get_command(app).commands
    data_commands = {name for name, c in commands.items() if any("--format" in getattr(p, "opts", ()) for p in c.params)}
    assert data_commands == {command[0] for command in VIEWS}


def test_forty_columns_keeps_names_whole(hm):
    out = hm("roles", env={"COLUMNS": "40"}).out
    assert "health-agency-administrator\n" in out
    assert "Health agency administrator *" in out
    out = hm("salary", "-i", "pharma", env={"COLUMNS": "40"}).out
    assert "\nPharmaceutical and Medicine\nManufacturing\n  code:      325400\n" in out  # the name heads its block
    assert re.search(r"mean: +\$251,570", out)


def test_sixty_columns_keeps_the_pay_table(hm):
    out = hm("salary", "--state", "all", "--top", "2", env={"COLUMNS": "60"}).out
    # The bar and the code gave way; the figures, jobs per 1,000 and the LQ stay.
    assert re.search(r"California +75,090 +\$159,170 +\$141,480 +4\.12 +1\.07", out)
    assert max(len(line) for line in out.splitlines()) <= 60


def _run(args, **env):
    environment = {**os.environ, "HMCAREER_NO_CACHE": "1", **env}
    environment.pop("HMCAREER_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "hmcareer", *args], capture_output=True, env=environment, timeout=60)


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LANG": "C", "LC_ALL": "C"}])
def test_plain_locales_and_encodings_work(env):
    for args, expected in ((["paths", "clinical-manager"], "certification: CNML"), (["salary", "-i", "pharma"], "$251,570"),
                           (["roles", "nha"], "Nursing home administrator")):
        r = _run(args, **env)
        assert r.returncode == 0 and r.stderr == b"", r.stderr
        assert expected in r.stdout.decode("utf-8")
        if env.get("PYTHONIOENCODING") == "ascii":
            r.stdout.decode("ascii")  # box drawing, bullets and bars fell back to ASCII


def test_output_to_a_pipe_that_closes_early_ends_quietly():
    hm_command = f"{sys.executable} -m hmcareer"
    for command in ("salary", "salary --metro all"):  # the second is larger than a pipe buffer
        r = subprocess.run(f"{hm_command} {command} | head -1; echo \"exit=${{PIPESTATUS[0]}}\" >&2", shell=True,
                           executable="/bin/bash", capture_output=True, text=True, timeout=60,
                           env={**os.environ, "HMCAREER_NO_CACHE": "1"})
        assert r.stdout == "Medical and Health Services Managers (11-9111): annual pay, OEWS May 2025\n"
        assert r.stderr == "exit=0\n"


def test_a_reader_gone_before_the_first_write_ends_quietly():
    process = subprocess.Popen([sys.executable, "-m", "hmcareer", "salary"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "HMCAREER_NO_CACHE": "1"})
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""
    process.stderr.close()


@pytest.mark.parametrize("columns", ["45", "50", "55", "60", "70", "80", "100"])
def test_table_words_stay_whole_at_any_width(hm, columns):
    out = hm("certs", env={"COLUMNS": columns}).out
    records = json.loads(hm("certs", "-f", "json").out)["records"]
    split = [word for x in records for word in f"{x['name']} {x['status']}".split() if word not in out]
    assert split == []


# A stream that cannot carry every character: ASCII, latin-1, and the C locale with Python's UTF-8 mode turned off.
NARROW_ENCODINGS = [{"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "latin-1"},
                    {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}]
MIDDLE_DOT_SOURCE = "national-skills-exchange-11-9111"  # its note reads "Job Zone 4 · Considerable Preparation"


def _run_narrow(args, env):
    environment = {**os.environ, "HMCAREER_NO_CACHE": "1", **env}
    for name in ("HMCAREER_DATA_DIR", "PYTHONUTF8", "PYTHONIOENCODING", "LC_ALL"):
        if name not in env:
            environment.pop(name, None)
    return subprocess.run([sys.executable, "-m", "hmcareer", *args], capture_output=True, env=environment, timeout=60)


@pytest.mark.parametrize("env", NARROW_ENCODINGS, ids=["ascii", "latin-1", "C"])
def test_json_stays_exact_whatever_the_encoding(env):
    for args in (["sources", MIDDLE_DOT_SOURCE], ["education"]):  # a middle dot; a right single quotation mark
        exact = _run_narrow([*args, "-f", "json"], {"PYTHONIOENCODING": "utf-8"})
        r = _run_narrow([*args, "-f", "json"], env)
        assert r.returncode == 0 and r.stderr == b"", r.stderr
        text = r.stdout.decode("ascii")  # every non-ASCII character escaped, none replaced
        assert "?" not in text.replace("?", "") and json.loads(text) == json.loads(exact.stdout.decode("utf-8"))
    assert "Job Zone 4 \\u00b7 Considerable" in _run_narrow(["sources", MIDDLE_DOT_SOURCE, "-f", "json"], env).stdout.decode()


def test_people_formats_on_ascii_show_a_question_mark_and_csv_says_so():
    """Tables, csv and markdown are text for people: a character the stream's encoding lacks becomes '?' (never a
    crash). A table says nothing (its box and bullets fall back to ASCII as well); csv and markdown, which people
    save and feed to programs, say in one line on stderr what was lost and how to keep it."""
    env = {"PYTHONIOENCODING": "ascii"}
    r = _run_narrow(["sources", MIDDLE_DOT_SOURCE], env)
    assert r.returncode == 0 and r.stderr == b""
    assert re.search(rb"Job Zone 4 \?\s+Considerable", r.stdout)
    for fmt in ("csv", "markdown"):
        r = _run_narrow(["sources", MIDDLE_DOT_SOURCE, "-f", fmt], env)
        assert r.returncode == 0 and b"Job Zone 4 ? Considerable" in r.stdout
        assert r.stderr.decode() == (f"hmcareer: standard output's encoding (ascii) lacks 1 character(s) of this {fmt}, "
                                     "shown as '?'; use --output FILE (always UTF-8) or --format json for the exact text\n")


def test_latin1_shows_what_latin1_has():
    r = _run_narrow(["sources", MIDDLE_DOT_SOURCE, "-f", "csv"], {"PYTHONIOENCODING": "latin-1"})
    assert r.returncode == 0 and r.stderr == b"" and "Job Zone 4 \u00b7 Considerable".encode("latin-1") in r.stdout
    r = _run_narrow(["education"], {"PYTHONIOENCODING": "latin-1"})  # a checked claim's U+2019 is not in latin-1
    assert r.returncode == 0 and r.stderr == b"" and re.search(rb"master\?s\s+degree", r.stdout)


def test_output_files_are_utf8_whatever_the_encoding(tmp_path):
    target = tmp_path / "sources.csv"
    r = _run_narrow(["sources", MIDDLE_DOT_SOURCE, "-f", "csv", "-o", str(target)], {"PYTHONIOENCODING": "ascii"})
    assert r.returncode == 0 and "Job Zone 4 \u00b7 Considerable" in target.read_text(encoding="utf-8")


# --- sizes: a COLUMNS or LINES that no terminal has is unknown, on a terminal as in a pipe -------------

NONSENSE_SIZES = ["0", "-5", "abc", "1000000000", "9" * 5000, " ", "80x"]


@pytest.mark.parametrize("columns", NONSENSE_SIZES)
def test_a_pipe_ignores_nonsense_sizes(hm, columns):
    expected = hm("roles", env={"COLUMNS": "100"}).out
    assert hm("roles", env={"COLUMNS": columns, "LINES": "0"}).out == expected  # the pipe default: 100 columns


@contextlib.contextmanager
def _pty_of_size(rows: int, cols: int):
    """A pseudo-terminal of that size (as a text stream of its follower side)."""
    import fcntl
    import struct
    import termios

    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    try:
        with os.fdopen(follower, "w") as stream:
            yield stream
    finally:
        os.close(leader)


@pytest.mark.parametrize("columns", [*NONSENSE_SIZES, None])
def test_a_terminal_with_nonsense_sizes_uses_its_real_size(monkeypatch, columns):
    from hmcareer.render.terminal import screen_size

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setenv("LINES", "0")
    with _pty_of_size(33, 77) as tty:
        assert screen_size(tty, True) == (77, 33)
        assert Terminal(tty, io.StringIO()).console().size == (77, 33)
    with _pty_of_size(0, 0) as tty:  # a terminal that reports no size at all
        assert screen_size(tty, True) == (80, 25)
    monkeypatch.setenv("COLUMNS", "120")  # a sane COLUMNS still wins, as in Rich
    monkeypatch.setenv("LINES", "50")
    with _pty_of_size(33, 77) as tty:
        assert screen_size(tty, True) == (120, 50)


def _spawn(args, columns: str, **env):
    pexpect = pytest.importorskip("pexpect")
    environment = {**os.environ, "COLUMNS": columns, "LINES": "0", "TERM": "xterm", "HMCAREER_NO_CACHE": "1", **env}
    environment.pop("NO_COLOR", None)
    return pexpect.spawn(sys.executable, ["-m", "hmcareer", *args], env=environment, encoding="utf-8", timeout=30,
                         dimensions=(30, 90))


@pytest.mark.parametrize("columns", ["0", "-1", "wide", "1000000000"])
def test_commands_on_a_terminal_with_nonsense_columns(columns):
    pexpect = pytest.importorskip("pexpect")
    child = _spawn(["roles"], columns)
    try:
        child.expect(pexpect.EOF)
    finally:
        child.close()
    out = re.sub(r"\x1b\[[0-9;]*m", "", child.before)
    assert child.exitstatus == 0
    assert "nursing-home-administrator" in out and "Sources:" in out
    assert max(len(line) for line in out.split("\r\n")) <= 90  # drawn for the terminal's real 90 columns


@pytest.mark.parametrize("columns", ["0", "1000000000"])
def test_the_explorer_on_a_terminal_with_nonsense_columns(columns):
    pexpect = pytest.importorskip("pexpect")
    child = _spawn(["explore"], columns)
    try:
        child.expect("Main menu")
        child.expect("choose> ")
        menu = re.sub(r"\x1b\[[0-9;]*m", "", child.before)
        assert "what each management role does" in menu and "find my fit" in menu
        assert max(len(line) for line in menu.split("\r\n")) <= 90
        child.sendline("q")
        child.expect("Goodbye.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
