"""Reading values out of parsed data while recording a Problem (file + key path) for each mismatch."""

from __future__ import annotations

import datetime
import math
import re
from typing import Any

from ..errors import Problem
from ..models import Fact, NamedValue

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Problems kept per file: enough to fix a file in rounds, and a broken file of any size is reported in linear time.
MAX_PROBLEMS = 50
# Entries a list may hold: the longest bundled one (sources) has under 200; building a record costs tens of microseconds.
MAX_ENTRIES = 5000
EMPTY_LIST = "the list is empty; it needs one entry at least"


class _ReadKeys(dict):
    """A mapping that remembers which of its keys were looked at."""

    def __init__(self, value: dict):
        super().__init__(value)
        self.read: set[Any] = set()

    def get(self, key: Any, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: Any) -> bool:
        self.read.add(key)
        return super().__contains__(key)

    def items(self) -> Any:  # a free-form map (industry aliases) is read whole
        self.read.update(self.keys())
        return super().items()


class Checker:
    """Reads values out of parsed data, recording a Problem (file + key path) for each mismatch.

    With `track_keys` (for `hmcareer validate`, not every command) it also reports keys no
    builder read: a typo such as `titel:` would otherwise be silently ignored.
    """

    def __init__(self, file: str, track_keys: bool = False):
        self.file = file
        self.problems: list[Problem] = []
        self.omitted = 0  # problems past MAX_PROBLEMS: counted, not kept
        self.tracked: dict[int, tuple[str, _ReadKeys]] | None = {} if track_keys else None

    def problem(self, path: str, message: str, line: int | None = None) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(self.file, path, message, line))
        else:
            self.omitted += 1

    def mapping(self, value: Any, path: str) -> dict:
        if isinstance(value, dict):
            if self.tracked is None or isinstance(value, _ReadKeys):
                return value
            if id(value) not in self.tracked:  # the same node may be asked for twice; track it once
                self.tracked[id(value)] = (path, _ReadKeys(value))
            return self.tracked[id(value)][1]
        self.problem(path, f"expected a mapping, got {kind_of(value)}")
        return {}

    def unknown_keys(self) -> None:
        for path, node in (self.tracked or {}).values():
            for key in sorted(node.keys() - node.read, key=str):
                known = ", ".join(sorted(map(str, node.read)))
                # A "key" with spaces and no value is usually text after an unquoted comma in {a: x, y}.
                why = "text after an unquoted comma? Quote the value" if " " in str(key) and node[key] is None else "a typo?"
                self.problem(join_path(path, str(key)), f"unknown key ({why})" + (f"; known here: {known}" if known else ""))

    def seq(self, parent: dict, key: str, path: str, required: bool = True) -> list:
        """The list under `key`; a required one must be there and hold one entry at least (an empty list of
        responsibilities or quick facts would show as an empty section)."""
        value = parent.get(key)
        if value is None:
            if required:
                self.problem(join_path(path, key), "missing required key" if key not in parent else EMPTY_LIST)
            return []
        if not isinstance(value, list):
            self.problem(join_path(path, key), f"expected a list, got {kind_of(value)}")
            return []
        if required and not value:
            self.problem(join_path(path, key), EMPTY_LIST)
        if len(value) > MAX_ENTRIES:  # a builder's work grows with the entries: refuse before building any
            self.problem(join_path(path, key), f"{len(value):,} entries, more than the {MAX_ENTRIES:,} a list in a data file "
                                               "may hold; is this the right file?")
            return []
        return value

    def text(self, parent: dict, key: str, path: str, required: bool = True) -> str | None:
        value = parent.get(key)
        if value is None:
            if required:
                self.problem(join_path(path, key), "missing required key" if key not in parent else "must not be empty")
            return None
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()  # an unquoted YAML date such as 2026-05-15
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(join_path(path, key), f"expected text, got {kind_of(value)}")
            return None
        if required and isinstance(value, str) and not value.strip():
            self.problem(join_path(path, key), "must not be empty")
            return None
        return str(value)

    def texts(self, parent: dict, path: str, *keys: str) -> dict[str, str]:
        """Required text keys by name, for a record's keyword arguments; a missing one reads as "" (its problem recorded)."""
        return {key: self.text(parent, key, path) or "" for key in keys}

    def optional_texts(self, parent: dict, path: str, *keys: str) -> dict[str, str | None]:
        """Optional text keys by name; a missing one reads as None."""
        return {key: self.text(parent, key, path, required=False) for key in keys}

    def number(self, parent: dict, key: str, path: str, kind: type = int, required: bool = False):
        value = parent.get(key)
        if value is None:
            if required:
                self.problem(join_path(path, key), "missing required key")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int)):
            self.problem(join_path(path, key), f"expected {'a whole number' if kind is int else 'a number'}, got {kind_of(value)}")
            return None
        if not is_finite(value):
            self.problem(join_path(path, key), f"expected a finite number up to {MAX_FIGURE:,}, got {value!r}")
            return None
        if value < 0:
            self.problem(join_path(path, key), "must not be negative")
        return kind(value)

    def flag(self, parent: dict, key: str, path: str) -> bool:
        value = parent.get(key, False)
        if not isinstance(value, bool):
            self.problem(join_path(path, key), f"expected true or false, got {kind_of(value)}")
            return False
        return value

    def strings(self, parent: dict, key: str, path: str, required: bool = False) -> tuple[str, ...]:
        out = []
        for i, item in enumerate(self.seq(parent, key, path, required)):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                self.problem(f"{join_path(path, key)}[{i}]", f"expected text, got {kind_of(item)}")
            elif isinstance(item, str) and not item.strip():
                self.problem(f"{join_path(path, key)}[{i}]", "must not be empty")
            else:
                out.append(str(item))
        return tuple(out)

    def source_ids(self, parent: dict, path: str, required: bool = True) -> tuple[str, ...]:
        ids = self.strings(parent, "sources", path, required)
        if required and "sources" in parent and not ids:
            self.problem(join_path(path, "sources"), "must name at least one source id")
        return ids

    def fact(self, value: Any, path: str) -> Fact | None:
        if value is None:
            return None
        node = self.mapping(value, path)
        text = self.text(node, "text", path)
        period = self.text(node, "period", path, required=False)
        quoted = node.get("quoted")  # marks a verbatim quotation, whose figures need no period of their own
        if text and period is None and re.search(r"\d", text) and not quoted:
            self.problem(join_path(path, "period"), "a fact that states a figure needs its reference period")
        return Fact(text or "", self.source_ids(node, path), period)

    def facts(self, parent: dict, key: str, path: str, required: bool = False) -> tuple[Fact, ...]:
        items = self.seq(parent, key, path, required)
        return tuple(f for i, v in enumerate(items) if (f := self.fact(v, f"{join_path(path, key)}[{i}]")))

    def named(self, value: Any, path: str) -> NamedValue | None:
        if value is None:
            return None
        node = self.mapping(value, path)
        return NamedValue(self.text(node, "value", path) or "", self.source_ids(node, path))


# BLS annual figures are hourly x 2,080 from unrounded hourly values, rounded to $10.
ANNUAL_TOLERANCE = 15.5
def out_of_order(figures: list[tuple[str, Any]]) -> list[tuple[str, Any, str, Any]]:
    """(name, value, next name, next value) wherever a figure the list gives exceeds the next one given (None skipped):
    percentiles go up."""
    shown = [(name, value) for name, value in figures if value is not None]
    return [(a, va, b, vb) for (a, va), (b, vb) in zip(shown, shown[1:], strict=False) if va > vb]


def annual_disagrees(hourly: float | None, annual: int | None) -> bool:
    """Whether a wage stated both ways breaks BLS's rule: the annual figure is the hourly one x 2,080 hours."""
    return hourly is not None and annual is not None and abs(hourly * 2080 - annual) > ANNUAL_TOLERANCE


# No count or wage comes near this; larger values are typos.
MAX_FIGURE = 10**12


def is_finite(value: int | float) -> bool:
    """False for .nan, .inf and implausibly huge numbers (JSON and arithmetic would choke on them)."""
    try:
        return math.isfinite(value) and abs(value) <= MAX_FIGURE
    except OverflowError:
        return False


def join_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def compact_name(name: str) -> str:
    """A name as name checks compare it: without case, accents, punctuation or spaces ("C.R.C.E." = "crce")."""
    from ..vocabulary import normalize

    return normalize(name).replace(" ", "")


def distinct_names(ck: Checker, kind: str, named: list[tuple[str, str, tuple[tuple[str, str], ...]]]) -> None:
    """Every name a user can type for a record (its id, title, aliases...) must lead to that record alone, compared as
    lookups compare them, and closer still (`compact_name`: "C.R.C.E." is "crce"). `named`: (key path, id, ((field,
    name), ...)) per record. Ids are claimed first, so a name equal to another record's id is the one reported."""

    owners = {compact_name(ident): (ident, "id") for _, ident, _ in reversed(named)}
    for path, ident, names in named:
        for field, name in names:
            key = compact_name(name)
            if not key:
                if name:  # an empty one is reported as missing where it is read
                    ck.problem(join_path(path, field), f"{name!r} holds no letter or digit; a name must")
                continue
            owner, owner_field = owners.setdefault(key, (ident, field))
            if owner != ident:
                ck.problem(join_path(path, field), f"{name!r} also names the {kind} {owner!r} (its {owner_field}); a name a user "
                                                  f"types must lead to one {kind}")


def records(ck: Checker, raw: Any, key: str, may_be_empty: bool = False) -> list[tuple[str, dict]]:
    """The list under `key` as (path, mapping) pairs; checks unique `id`s, and that there is one at least (an empty
    list of roles would make every view about roles print nothing)."""
    root = ck.mapping(raw, "")
    items = ck.seq(root, key, "", required=not may_be_empty)
    out, seen = [], set()
    for i, item in enumerate(items):
        path = f"{key}[{i}]"
        if not isinstance(item, dict):  # one problem for it, not one for each key it lacks
            ck.mapping(item, path)
            continue
        node = ck.mapping(item, path)
        ident = node.get("id")
        if ident is not None and (not isinstance(ident, str) or not ID_RE.match(ident)):
            ck.problem(f"{path}.id", f"ids are lowercase letters, digits and '-', got {ident!r}")
        elif ident is not None:
            if ident in seen:
                ck.problem(f"{path}.id", f"duplicate id {ident!r}")
            seen.add(ident)
            path = f"{key}[{ident}]"
        out.append((path, node))
    return out
