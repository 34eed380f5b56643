"""The explorer's `save [FILE]`: the last answer to a markdown file or a web page, an existing file only if the user agrees.

A mixin of the Explorer (explore.py): it uses the explorer's ask, screen and catalog, and imports nothing of it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .explore_flow import GoBack


class SaveAnswer:
    """Needs `self.c`, `self.screen` and `self.ask` (see explore.Explorer)."""

    c: Any
    screen: Any
    ask: Any

    def save(self, name: str) -> None:
        """The last answer to a file: markdown or HTML by the name's ending, in any case (.md, .HTML); a bare ending
        (.html) takes the default name; a file of the same name, or one differing only in case, only if the user agrees."""
        from .atomic import write_atomically
        from .render.document import FORMATS, answer_document, default_name

        if self.screen.shown is None:
            self.screen.hint("Nothing to save yet: open a view first, then type save.")
            return
        if not name or name.lower() in FORMATS:  # no name, or only an ending: the view's own name
            path = default_name(self.screen.shown, os.path.exists, name.lower() or ".md")
        else:
            path = Path(os.path.expanduser(name))
        fmt = FORMATS.get(path.suffix.lower())
        if fmt is None:
            self.screen.hint(f"{name!r} does not end in .md or .html: type save answer.md for markdown, save answer.html "
                             "for a web page.")
            return
        if path.is_dir():
            self.screen.hint(f"{str(path)!r} is a folder; give a file name, such as {str(path / path.name)!r}.md.")
            return
        taken = _same_name(path)
        if taken is not None and not self._agrees(f"{taken} exists; replace it? y/n" if taken == path else
                                                  f"{taken} exists (the name differs only in case); save anyway? y/n"):
            self.screen.say("Not saved; the file is as it was.")
            return
        try:
            write_atomically(path, (answer_document(self.c, self.screen.shown, fmt).encode("utf-8"),),
                             replace=os.path.lexists(path), durable=True)
        except OSError as exc:
            self.screen.hint(f"Could not save to {str(path)!r}: {exc.strerror or exc}.")
            return
        self.screen.say(f"Saved the last answer to {path} ({fmt}).")

    def _agrees(self, question: str) -> bool:
        """y or yes; the global words (home, q, a section's name) do what they do at every prompt, b means no."""
        try:
            return self.ask(question).lower() in ("y", "yes")
        except GoBack:
            return False


def _same_name(path: Path) -> Path | None:
    """The file `path` would replace: itself, or one whose name differs only in case (one file on a disk that ignores
    case, such as macOS's or Windows's)."""
    if os.path.lexists(path):
        return path
    try:
        return next((p for p in path.parent.iterdir() if p.name.lower() == path.name.lower()), None)
    except OSError:
        return None
