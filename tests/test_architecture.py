"""The shape of the code: imports flow one way, nothing reaches into private names, modules stay readable."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "hmcareer"
MAX_LINES = 700
# Libraries whose private names (a leading underscore) hmcareer must not use: their layout changes between releases.
GUARDED = ("rich", "typer", "click")


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute module a `from ... import` names."""
    if node.level == 0:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _imports(module: str, path: Path) -> list[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every import anywhere in the module, TYPE_CHECKING included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(module, path, node)
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                found.append((submodule, None, node.lineno) if submodule in MODULES else (source, alias.name, node.lineno))
    return found


def _graph() -> dict[str, set[str]]:
    return {module: {target for target, _, _ in _imports(module, path) if target in MODULES and target != module}
            for module, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_checker_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_inside_hmcareer():
    assert _cycles(_graph()) == []


def test_data_flows_one_way():
    """The data layer knows nothing of queries, views or the CLI; views never import the CLI or the explorer."""
    graph = _graph()

    def reaches(start: str) -> set[str]:
        seen, pending = set(), [start]
        while pending:
            for target in graph[pending.pop()] - seen:
                seen.add(target)
                pending.append(target)
        return seen

    for module in MODULES:
        below = reaches(module)
        if module.startswith(("hmcareer.catalog", "hmcareer.models", "hmcareer.record", "hmcareer.vocabulary")):
            assert not {m for m in below if m.startswith(("hmcareer.query", "hmcareer.matching", "hmcareer.render",
                                                            "hmcareer.cli", "hmcareer.explore"))}, module
        if module.startswith(("hmcareer.query", "hmcareer.matching")):
            assert not {m for m in below if m.startswith(("hmcareer.render", "hmcareer.cli", "hmcareer.explore"))}, module
        if module.startswith("hmcareer.render"):
            assert not {m for m in below if m.startswith(("hmcareer.cli", "hmcareer.explore"))}, module


def test_no_module_imports_another_modules_private_names():
    offences = [f"{MODULES[module].relative_to(REPO)}:{line}: {name} from {target}"
                for module, path in MODULES.items() for target, name, line in _imports(module, path)
                if name and name.startswith("_") and not name.startswith("__") and target.startswith("hmcareer")]
    assert offences == []


def test_no_private_api_of_rich_or_typer():
    offences = []
    for path in MODULES.values():
        tree = ast.parse(path.read_text(), str(path))
        guarded_names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] in GUARDED:
                if any(part.startswith("_") for part in node.module.split(".")):
                    offences.append(f"{path.name}:{node.lineno}: from {node.module}")
                for alias in node.names:
                    guarded_names.add(alias.asname or alias.name)
                    if alias.name.startswith("_"):
                        offences.append(f"{path.name}:{node.lineno}: {alias.name} from {node.module}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] in GUARDED:
                        guarded_names.add((alias.asname or alias.name).split(".")[0])
                        if any(part.startswith("_") for part in alias.name.split(".")):
                            offences.append(f"{path.name}:{node.lineno}: import {alias.name}")
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in guarded_names
                    and node.attr.startswith("_") and not node.attr.startswith("__")):
                offences.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    assert offences == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_readable_in_one_sitting(module):
    assert len(MODULES[module].read_text().splitlines()) <= MAX_LINES
