"""Every `$ hmcareer ...` example in the README shows what the command prints today (at 80 columns, in a pipe).
An example of the explorer pipes its choices in: `$ printf 'salary\\nboston, hartford\\nq\\n' | hmcareer explore`.

An example may leave lines out ("..." on a line of its own) or cut a line short ("..." inside it);
everything else it shows must be a line of the real output, in the same order.
"""

from __future__ import annotations

import re
import shlex

import pytest
from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
PIPED = re.compile(r"\$ printf '(?P<typed>[^']*)' \| (?P<command>hmcareer .*)")


def _examples() -> list[tuple[str, list[str]]]:
    """(command, lines shown) for each `$ hmcareer` line inside a fenced block of the README."""
    examples: list[tuple[str, list[str]]] = []
    in_block, current = False, None
    for line in README.splitlines():
        if line.startswith("```"):
            in_block, current = not in_block, None
        elif in_block and (line.startswith("$ hmcareer") or PIPED.fullmatch(line)):
            current = (line[2:], [])
            examples.append(current)
        elif current is not None:
            current[1].append(line.rstrip())
    return examples


EXAMPLES = _examples()


def _fragments(line: str) -> list[str]:
    """The parts of an example line to find in one output line: what stands between its elisions."""
    return [" ".join(part.split()) for part in line.split("...") if part.strip()]


def test_the_readme_has_examples():
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[command for command, _ in EXAMPLES])
def test_readme_example_is_what_the_command_prints(hm, command, shown):
    piped = PIPED.fullmatch(f"$ {command}")
    typed = piped["typed"].replace("\\n", "\n") if piped else None
    r = hm(*shlex.split(piped["command"] if piped else command)[1:], env={"COLUMNS": "80"}, input=typed)
    assert r.code == 0, r.err
    output = [" ".join(line.split()) for line in r.out.splitlines()]
    at = 0
    for line in shown:
        parts = _fragments(line)
        if not parts:
            continue
        found = next((i for i in range(at, len(output)) if _in_order(parts, output[i])), None)
        assert found is not None, f"{command}: not printed (in this order): {line!r}"
        at = found + 1


def _in_order(parts: list[str], line: str) -> bool:
    at = 0
    for part in parts:
        at = line.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True
