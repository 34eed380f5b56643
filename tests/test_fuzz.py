"""Property test: any arguments give exit 0, 1 or 2, never a traceback, and valid JSON when JSON succeeded.

Commands and their options are read from the Typer app, so a new command is fuzzed without
editing this file. --output and --force are left out (they would write files; tests of their
own cover them), and so is --debug (it shows tracebacks on purpose).
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.main import get_command
from typer.testing import CliRunner

from hmcareer.cli import app

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
