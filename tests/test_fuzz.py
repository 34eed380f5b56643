"""Property tests: any arguments give exit 0, 1 or 2, never a traceback, and valid JSON when JSON succeeded; any values
in a data file give its records or one clear data error.

Commands and their options are read from the Typer app, so a new command is fuzzed without
editing this file. --output and --force are left out (they would write files; tests of their
own cover them), and so is --debug (it shows tracebacks on purpose).
"""

from __future__ import annotations

import json
import re
import signal
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.main import get_command
from typer.testing import CliRunner

from hmcareer.catalog import SUBJECTS, Catalog, bundled_data_dir, file_name
from hmcareer.cli import app
from hmcareer.errors import DataError, describe

NOT_FUZZED = {"output", "force", "help"}


def _commands() -> dict[str, tuple[list[tuple[str, bool]], int]]:
    """Each command's options (name, is a flag) and how many positional arguments it takes."""
    commands = {}
    for name, command in get_command(app).commands.items():
        options = [(p.opts[0], p.is_flag) for p in command.params if p.param_type_name == "option" and p.name not in NOT_FUZZED]
        arguments = sum(1 for p in command.params if p.param_type_name == "argument")
        commands[name] = (options, arguments)
    return commands


COMMANDS = _commands()

VALUES = st.one_of(
    # Any unicode, control characters and the empty string included, but not NUL: a real argv cannot hold it.
    st.text(st.characters(blacklist_characters="\x00"), max_size=24),
    st.sampled_from(["", " ", "-", "all", "pharma", "nurs", "NY", "new york", "boston", "springfield", "clinical", "nha",
                     "cpam", "aaham", "states", "metros", "lq", "MEDIAN", "622100", "bls-oews-may2025", "[bold]", "\x1b[31m",
                     "../../etc/passwd", "/dev/null", "-1", "0", "nan", "1e309"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.just("9" * 5000),  # more digits than Python will turn into an int by default
)


@st.composite
def command_lines(draw) -> list[str]:
    name = draw(st.sampled_from(sorted(COMMANDS)))
    options, arguments = COMMANDS[name]
    argv = ["--no-color"] if draw(st.booleans()) else []
    if draw(st.integers(0, 4)) == 0:
        argv += ["--data-dir", draw(st.one_of(VALUES, st.sampled_from([".", "/", "/dev/null"])))]
    argv.append(name)
    argv += draw(st.lists(VALUES, max_size=arguments + 1))
    for option, is_flag in draw(st.lists(st.sampled_from(options), max_size=4)) if options else []:
        argv += [option] if is_flag else [option, draw(VALUES)]
    if any(o == "--format" for o, _ in options) and draw(st.booleans()):
        argv += ["--format", "json"]
    return argv


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(argv=command_lines())
# Inputs that once crashed, kept so they are tried on every run whatever the generator draws:
@example(argv=["validate", "9" * 5000])  # a name too long for the file system
@example(argv=["--data-dir", "9" * 5000, "roles"])
def test_any_arguments_end_cleanly(argv):
    result = CliRunner().invoke(app, argv)
    context = f"hmcareer {argv!r}: exit {result.exit_code}\n{result.stderr}"
    assert result.exception is None or isinstance(result.exception, SystemExit), context
    assert result.exit_code in (0, 1, 2), context
    assert "Traceback" not in result.stdout + result.stderr, context
    if result.exit_code == 0 and argv[-2:] == ["--format", "json"]:
        json.loads(result.stdout)


# --- the data loader ----------------------------------------------------------------------

YAML_SUBJECTS = [name for name in SUBJECTS if file_name(name).endswith(".yaml")]
# `key: value` lines of a data file (list items included): the values are what the generator replaces.
KEY_VALUE = re.compile(r"(?m)^(\s*(?:- )?[a-z_]+: )(\S.*)$")
YAML_SCALARS = st.one_of(
    st.sampled_from([
        "2026-13-45", "0000-01-01", "2025-02-30", "2025-05-15", "12:30:00", "!!float abc", "!!int abc", "!!bool maybe",
        "!!timestamp x", "!!binary ###", "!!set x", "!!map x", "!!omap [1]", "!!str [1]", "!!python/name:os.system", "!x",
        "9" * 5000, "-" + "9" * 400, "1e999", ".nan", "-.inf", "0x1F", "0o17", "1_000", "+1", "-0", "yes", "no", "on", "null",
        "~", "true", "False", "&a x", "*a", "[", "{", "'", '"', "|", ">", "? x", "- x", "@x", "`x", "%x", "[1, [2, [3]]]",
        "{a: 1}", "[]", "{}", "''", '"\\x1b[31m red"', '"\\u202e evil"', '"a\\u2028b"',
    ]),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20),  # raw: may break YAML
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=20).map(json.dumps),  # a quoted string of anything
    st.integers(-(10**30), 10**30).map(str),
    st.floats().map(repr),
)


def _hang_guard(signum, frame):
    raise AssertionError("the loader ran for over 20 s")  # a hang, not a timing: a clean read takes well under 1 s


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(subject=st.sampled_from(YAML_SUBJECTS), data=st.data())
def test_any_values_in_a_data_file_end_in_records_or_one_data_error(subject, data):
    """Generated documents of the real files' structure with random scalars, tags, dates, huge numbers and unicode give
    the records or a DataError whose first problem makes one line with exit 1: never another exception or a hang."""
    original = (bundled_data_dir() / file_name(subject)).read_text(encoding="utf-8")
    spots = list(KEY_VALUE.finditer(original))
    chosen = sorted(data.draw(st.sets(st.integers(0, len(spots) - 1), min_size=1, max_size=4)), reverse=True)
    text = original
    for i in chosen:
        text = text[: spots[i].start(2)] + data.draw(YAML_SCALARS) + text[spots[i].end(2):]
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, file_name(subject)).write_text(text, encoding="utf-8")
        previous = signal.signal(signal.SIGALRM, _hang_guard)
        signal.alarm(20)
        try:
            getattr(Catalog(Path(folder), cache_dir=None, check_keys=True), subject)
        except DataError as exc:
            message, code = describe(exc)
            assert code == 1 and "\n" not in message and message.startswith("data error: "), message
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
