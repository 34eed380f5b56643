"""Safe YAML: parsing that refuses tags, anchors, aliases and duplicate keys, and line numbers for problems.

Loading never keeps YAML positions (that would slow every parse); once a problem is found, the
file is composed again (nodes with marks, nothing constructed) to find the line of its key path.
"""

from __future__ import annotations

import os
import re
from functools import cache
from typing import Any

from ..errors import DataError, Problem
from .files import decode_text

# An anchor (&a) or alias (*a) may only start after space or a flow indicator; text that
# never matches cannot contain one, so the fast C parser is safe for it.
# Patterns used only on a parse or an error stay strings, compiled (and kept by `re`) on first use.
_MAYBE_ANCHOR = rb"(?m)(?:^|[\s\[{,:])[&*][^\s,\]}]"


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


def _loader_for(raw: bytes) -> type:
    fast, pure, strict = _loaders()
    if re.search(_MAYBE_ANCHOR, raw):
        return strict
    # HMCAREER_PURE_YAML: parse as on a platform without libyaml (benchmarks and tests).
    return pure if os.environ.get("HMCAREER_PURE_YAML") else fast


def parse_yaml(raw: bytes, file: str) -> Any:
    """Safe-load YAML text; refuse binary, non-UTF-8, tags, anchors/aliases and duplicate keys."""
    import yaml

    text = decode_text(raw, file)
    try:
        return yaml.load(text, Loader=_loader_for(raw))  # noqa: S506 - both loaders are safe loaders
    except yaml.YAMLError as exc:
        raise DataError([_yaml_problem(file, exc)]) from None
    except RecursionError:
        raise DataError([Problem(file, "", "YAML nested too deeply; refusing to read it")]) from None


@cache
def _loaders() -> tuple[type, type, type]:
    """(fast, pure, strict) safe loaders, built on first use so importing this module stays cheap.

    All refuse duplicate keys (YAML would silently keep the last one). The strict one is pure
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


# --- line numbers, found only when there is a problem to report ---------------------------

_PATH_PART = r"\[([^\]]*)\]|([^.\[\]]+)"
_PATH_LABEL = r" \(.*\)$"  # as in "rows[3] (Boston / Hospitals)": a label, not part of the path
_QUOTED = r"'([^']*)'"


def with_lines(raw: bytes, problems: list[Problem]) -> list[Problem]:
    """`problems` with the YAML line of each key path filled in where it can be found."""
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

    node, line = root, None
    for index, key in (m.groups() for m in re.finditer(_PATH_PART, re.sub(_PATH_LABEL, "", path))):
        found = _child(node, index, key)
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


def _child(node: Any, index: str | None, key: str | None) -> tuple[Any, Any] | None:
    """(child node, node whose line to report) for one path part: `key`, `[id]`, `[year]` or `[position]`."""
    import yaml

    if isinstance(node, yaml.MappingNode) and key is not None:
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v, k
    if isinstance(node, yaml.SequenceNode) and index is not None:
        for item in node.value:  # a record is named by its id (a wage point by its year), else by position
            if isinstance(item, yaml.MappingNode) and any(
                    k.value in ("id", "year") and isinstance(v, yaml.ScalarNode) and v.value == index for k, v in item.value):
                return item, item
        if index.isdigit() and int(index) < len(node.value):
            return node.value[int(index)], node.value[int(index)]
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
