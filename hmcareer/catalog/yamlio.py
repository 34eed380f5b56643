"""Safe YAML: parsing that refuses tags, aliases, merge keys and duplicate keys, and line numbers for problems.

A parse composes the document's nodes (with their marks) and then constructs values from them,
as yaml.load does; `parse_yaml_nodes` keeps the nodes so that the problems a builder finds get
their lines from one index of them, without parsing the file again.
"""

from __future__ import annotations

import re
from collections import deque
from functools import cache
from typing import Any

from ..errors import DataError, Problem
from ..settings import enabled
from .files import decode_text

# An anchor (&a) or alias (*a) may only start after space or a flow indicator; text that
# never matches cannot contain one, so the fast C parser is safe for it.
# Patterns used only on a parse or an error stay strings, compiled (and kept by `re`) on first use.
_MAYBE_ANCHOR = rb"(?m)(?:^|[\s\[{,:])[&*][^\s,\]}]"
# What PyYAML's safe constructors raise for a scalar its tag cannot read: 2025-02-30, !!int abc, !!bool maybe, an
# integer of thousands of digits.
_UNREADABLE = (ValueError, KeyError, TypeError, OverflowError, AttributeError)
STR_TAG = "tag:yaml.org,2002:str"
MERGE_TAG = "tag:yaml.org,2002:merge"
_TAG_NAMES = {"timestamp": "a date", "int": "a whole number", "float": "a number", "bool": "true/false", "null": "nothing (null)",
              "binary": "binary data", "set": "a set", "map": "a mapping", "seq": "a list", "omap": "an ordered mapping",
              "pairs": "pairs"}


def _yaml_problem(file: str, exc: Exception, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    if line is None and isinstance(getattr(exc, "position", None), int):  # a character the reader refuses (a control)
        line = text.count("\n", 0, exc.position) + 1
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and start is not None and line is not None and start.line + 1 != line:
        reason += f" ({context} that starts on line {start.line + 1})"  # e.g. where an unclosed quote opened
    if "python/" in str(exc) or "could not determine a constructor" in str(exc):
        reason = "YAML tags such as !!python/... are not allowed (nothing was executed)"
    return Problem(file, "", f"invalid YAML: {reason}", line)


def _loader() -> type:
    fast, pure = _loaders()
    # HMCAREER_PURE_YAML: parse as on a platform without libyaml (benchmarks and tests).
    return pure if enabled("HMCAREER_PURE_YAML") else fast


def parse_yaml(raw: bytes, file: str) -> Any:
    """Safe-load YAML text; refuse binary, non-UTF-8, tags, aliases, merge keys, duplicate keys and keys that are not
    words."""
    return parse_yaml_nodes(raw, file)[0]


def parse_yaml_nodes(raw: bytes, file: str) -> tuple[Any, Any]:
    """(value, root node) of YAML text, refused as `parse_yaml` refuses it; (None, None) for an empty document."""
    import yaml

    text = decode_text(raw, file)
    loader = None
    try:
        loader = _loader()(text)  # the pure-Python reader checks every character here
        root = loader.get_single_node()
        if root is None:
            return None, None
        if re.search(_MAYBE_ANCHOR, raw):
            _refuse_aliases(root, file)
        try:
            return loader.construct_document(root), root
        except _UNREADABLE:
            raise DataError([_unreadable_scalar(loader, root, file)]) from None
    except yaml.YAMLError as exc:
        raise DataError([_yaml_problem(file, exc, text)]) from None
    except RecursionError:
        raise DataError([Problem(file, "", "YAML nested too deeply; refusing to read it")]) from None
    finally:
        if loader is not None:
            loader.dispose()


def _refuse_aliases(root: Any, file: str) -> None:
    """Refuse a document in which a node is used twice (*name): an alias bomb is small as nodes, huge as values."""
    import yaml

    seen: set[int] = set()
    pending: list[tuple[Any, Any]] = [(root, root)]  # (node, the node or key that places it, for the line)
    while pending:
        node, place = pending.pop()
        if id(node) in seen:
            raise DataError([Problem(file, "", "invalid YAML: anchors and aliases (&name / *name) are not allowed",
                                     place.start_mark.line + 1)])
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            pending.extend(pair for key, value in reversed(node.value) for pair in ((value, key), (key, key)))
        elif isinstance(node, yaml.SequenceNode):
            pending.extend((item, node) for item in reversed(node.value))


def _unreadable_scalar(loader: Any, root: Any, file: str) -> Problem:
    """The first scalar whose tag cannot read its text, as a problem with its key path and line."""
    import yaml

    fresh = type(loader)("")  # the failed construction left its nodes marked as in progress
    try:
        for path, node in _scalars(root):
            try:
                fresh.construct_object(node, deep=True)
            except (*_UNREADABLE, yaml.YAMLError) as exc:
                tag = node.tag.rsplit(":", 1)[-1]
                what = _TAG_NAMES.get(tag, f"!!{tag}")
                shown = repr(node.value) if len(node.value) <= 40 else f"a value of {len(node.value):,} characters"
                reason = f" ({exc})" if isinstance(exc, ValueError) and tag == "timestamp" else ""
                return Problem(file, path, f"{shown} cannot be read as {what}{reason}; quote it if it is meant as text",
                               node.start_mark.line + 1)
    finally:
        fresh.dispose()
    return Problem(file, "", "a value YAML cannot read", None)


def _scalars(root: Any) -> Any:
    """(key path, node) of every scalar under `root`, keys included, in document order."""
    import yaml

    pending: list[tuple[str, Any]] = [("", root)]  # a stack: children are pushed last first
    while pending:
        path, node = pending.pop()
        if isinstance(node, yaml.ScalarNode):
            yield path, node
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                pending += [(f"{path}.{name}" if path else name, value), (path, key)]
        elif isinstance(node, yaml.SequenceNode):
            pending += [(f"{path}[{_name_of(item) or i}]", item) for i, item in reversed(list(enumerate(node.value)))]


def _name_of(node: Any) -> str | None:
    """A record's id (a wage point's year), which names it in key paths as the builders name it."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value in ("id", "year") and isinstance(value, yaml.ScalarNode):
                return value.value
    return None


@cache
def _loaders() -> tuple[type, type]:
    """(fast, pure) safe loaders, built on first use so importing this module stays cheap.

    Both refuse duplicate keys (YAML would silently keep the last one). The fast one is libyaml's
    when PyYAML has it; aliases are refused after composing (`_refuse_aliases`), before any value
    is built, so an alias bomb never expands.
    """
    import yaml

    class NoDuplicateKeys:
        """Keys are unique words: no duplicates (YAML keeps the last), and none YAML reads as something else (yes:
        would be true, null: nothing, 2025: a number)."""

        def construct_mapping(self, node, deep=False):
            seen = set()
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.tag == MERGE_TAG:  # its keys would silently give way to the mapping's own
                        raise yaml.constructor.ConstructorError(
                            None, None, "merge keys (<<) are not allowed; write the keys out", key_node.start_mark)
                    if key_node.value in seen:
                        raise yaml.constructor.ConstructorError(
                            "while reading a mapping", node.start_mark, f"duplicate key {key_node.value!r}", key_node.start_mark)
                    seen.add(key_node.value)
                    if key_node.tag != STR_TAG:
                        what = _TAG_NAMES.get(key_node.tag.rsplit(":", 1)[-1], "something else")
                        raise yaml.constructor.ConstructorError(
                            None, None, f"the key {key_node.value!r} is read by YAML as {what}, not as a word; put it in "
                                        "quotes", key_node.start_mark)
            return super().construct_mapping(node, deep)

    def no_base_60(loader: Any, node: Any) -> Any:
        """YAML 1.1 reads 53:21 as the base-60 number 3201: a typo for 53.21 would pass as a figure."""
        if ":" in node.value:
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is read by YAML as a base-60 number; write the number with a decimal point, "
                            "or quote it if it is text", node.start_mark)
        return (yaml.SafeLoader.construct_yaml_int if node.tag.endswith(":int") else yaml.SafeLoader.construct_yaml_float)(
            loader, node)

    class FastLoader(NoDuplicateKeys, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    class PureLoader(NoDuplicateKeys, yaml.SafeLoader):
        pass

    for loader in (FastLoader, PureLoader):
        for tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            loader.add_constructor(tag, no_base_60)  # on the subclass's own copy of the table
    return FastLoader, PureLoader


# --- line numbers, found only when there is a problem to report ---------------------------

_PATH_PART = r"\[([^\]]*)\]|([^.\[\]]+)"
_PATH_LABEL = r" \(.*\)$"  # as in "rows[3] (Boston / Hospitals)": a label, not part of the path
_QUOTED = r"'([^']*)'"


def with_lines(raw: bytes, problems: list[Problem]) -> list[Problem]:
    """`problems` with the YAML line of each key path filled in where it can be found (the file is parsed again)."""
    import yaml

    try:
        root = parse_yaml_nodes(raw, "")[1]
    except (DataError, yaml.YAMLError, UnicodeDecodeError, RecursionError):
        return problems
    return with_lines_of(root, problems)


def with_lines_of(root: Any, problems: list[Problem]) -> list[Problem]:
    """`problems` with the line of each key path in the parsed nodes `root`: one index of them serves all problems."""
    if root is None:
        return problems
    index = _Index()
    return [p if p.line is not None else p._replace(line=index.line_of(root, p.path, p.message)) for p in problems]


class _Index:
    """Children of sequence nodes by their `id` or `year`, built once per node when a path first goes through it."""

    def __init__(self) -> None:
        self.named: dict[int, dict[str, Any]] = {}

    def line_of(self, root: Any, path: str, message: str) -> int | None:
        """The line of the deepest node `path` reaches; inside it, the line of a value the message quotes (an unknown id)."""
        import yaml

        node, line = root, None
        for index, key in (m.groups() for m in re.finditer(_PATH_PART, re.sub(_PATH_LABEL, "", path))):
            found = self._child(node, index, key)
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

    def _child(self, node: Any, index: str | None, key: str | None) -> tuple[Any, Any] | None:
        """(child node, node whose line to report) for one path part: `key`, `[id]`, `[year]` or `[position]`."""
        import yaml

        if isinstance(node, yaml.MappingNode) and key is not None:
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    return v, k
        if isinstance(node, yaml.SequenceNode) and index is not None:
            item = self._by_name(node).get(index)  # a record is named by its id (a wage point by its year), else by position
            if item is not None:
                return item, item
            if index.isdigit() and int(index) < len(node.value):
                return node.value[int(index)], node.value[int(index)]
        return None

    def _by_name(self, node: Any) -> dict[str, Any]:

        if id(node) not in self.named:
            named: dict[str, Any] = {}
            for item in node.value:
                if (name := _name_of(item)) is not None:
                    named.setdefault(name, item)
            self.named[id(node)] = named
        return self.named[id(node)]


def _find_scalar(node: Any, value: str) -> Any:
    import yaml

    pending = deque([node])
    while pending:
        current = pending.popleft()
        if isinstance(current, yaml.ScalarNode):
            if current.value == value:
                return current
        elif isinstance(current, yaml.MappingNode):
            pending.extend(v for pair in current.value for v in pair)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
    return None
