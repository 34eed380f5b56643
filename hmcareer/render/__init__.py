"""Renderers: the only code that writes to the terminal."""

from __future__ import annotations

from typing import Any

from .terminal import Terminal


def emit(terminal: Terminal, catalog: Any, kind: str, result: Any, fmt: str) -> None:
    """Write `result` to stdout as a table for people, or as json, csv or markdown."""
    if fmt == "table":
        from .human import Human, show

        console = terminal.console()
        show(Human(console, catalog.sources, terminal.ascii_only), kind, result)
        return
    from . import machine

    if fmt == "json":
        body = machine.body_for(kind, result)
        text = machine.to_json(machine.document(kind, body, catalog.sources, catalog.release_name()))
    else:
        columns, rows = machine.tabular(result)
        text = machine.to_csv(columns, rows) if fmt == "csv" else machine.to_markdown(columns, rows)
    terminal.stdout.write(text)
    terminal.stdout.flush()
