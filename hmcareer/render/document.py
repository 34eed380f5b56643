"""An answer as a file people keep: markdown (each view's own, as `--format markdown` gives it) or a small web page.

`answer_document` is the one way in, so that better renderers (a career brief's HTML) can take over behind it.
"""

from __future__ import annotations

import html
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import emit
from .human import SOURCES_HINT
from .registry import view_for
from .terminal import Terminal

FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
PAGE_WIDTH = 100  # the columns the markdown's text is laid out in
# The web page's text is laid out this wide, so that no paragraph is broken into lines: the page (pre-wrap) wraps it to
# the reader's window; tables still take only the width their cells need.
HTML_WIDTH = 1000

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }}
pre {{ font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85rem; white-space: pre-wrap; }}
@media print {{ body {{ margin: 0; max-width: none; }} pre {{ font-size: 8pt; }} }}
</style>
</head>
<body>
<h1>{title}</h1>
<pre>{body}</pre>
<h2>Sources</h2>
<pre>{sources}</pre>
</body>
</html>
"""


def _drawn(catalog: Any, result: Any, list_sources: bool = False) -> str:
    """The view's table text, plain, as a pipe gets it."""
    buffer = io.StringIO()
    emit(Terminal(buffer, sys.stderr, color=False, width=HTML_WIDTH, unicode=True), catalog, result, "table",
         commands=False, list_sources=list_sources)
    # The explorer's pointer to its `sources` word: here the sources are listed under the answer.
    return buffer.getvalue().replace(f"; {SOURCES_HINT}.", "; listed under Sources below.")


def answer_document(catalog: Any, result: Any, fmt: str) -> str:
    """`result` as markdown, or as one self-contained HTML page (no scripts, styles inline) holding its text and its
    sources with their addresses; every data text escaped."""
    if fmt == "markdown":
        buffer = io.StringIO()
        emit(Terminal(buffer, sys.stderr, color=False, width=PAGE_WIDTH, unicode=True), catalog, result, "markdown")
        return buffer.getvalue()
    title, _, text = _drawn(catalog, result).strip("\n").partition("\n")  # the view's first line heads the page
    return PAGE.format(title=html.escape(title.strip() or "hmcareer"), body=_linked(text.strip("\n")),
                       sources=_linked(_drawn(catalog, result, list_sources=True).rstrip()))


def _linked(text: str) -> str:
    """`text` escaped for HTML, each web address in it a link (the address escaped as well)."""
    import re

    parts = re.split(r"(https?://[^\s<>\"']*[^\s<>\"'.,;:)\]])", text)
    return "".join(f'<a href="{html.escape(part)}">{html.escape(part)}</a>' if i % 2 else html.escape(part)
                   for i, part in enumerate(parts))


def default_name(result: Any, exists: Callable[[str], bool], ending: str = ".md") -> Path:
    """A file named after the view, `hmcareer-salary.md`, numbered past the names already taken."""
    stem = f"hmcareer-{view_for(result).kind}"
    number = 1
    while exists(name := f"{stem}{'' if number == 1 else f'-{number}'}{ending}"):
        number += 1
    return Path(name)
