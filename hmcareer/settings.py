"""Yes/no settings from the environment, all read one way.

HMCAREER_DEBUG, HMCAREER_NO_CACHE (catalog/cache.py) and HMCAREER_PURE_YAML (catalog/yamlio.py) are on
for 1, true, yes or on, and off for 0, false, no, off or empty, in any case and with spaces around;
unset is off. Any other value is ignored (off) with one line on stderr (`warn_about_flags`), so
that HMCAREER_NO_CACHE=0 never turns the cache off and a typo is never silently taken for yes.
NO_COLOR follows its own convention (no-color.org): any non-empty value.
"""

from __future__ import annotations

import os
from collections.abc import Callable

FLAGS = ("HMCAREER_DEBUG", "HMCAREER_NO_CACHE", "HMCAREER_PURE_YAML")
ON = frozenset({"1", "true", "yes", "on"})
OFF = frozenset({"", "0", "false", "no", "off"})


def flag(name: str) -> bool | None:
    """Whether the setting `name` is on (unset: False); None for a value that means neither."""
    value = os.environ.get(name)
    if value is None:
        return False
    word = value.strip().lower()
    return True if word in ON else False if word in OFF else None


def enabled(name: str) -> bool:
    """Whether the setting `name` is on; a value that means neither counts as off."""
    return flag(name) is True


def warn_about_flags(warn: Callable[[str], None]) -> None:
    """One line for each setting whose value means neither on nor off."""
    for name in FLAGS:
        if flag(name) is None:
            warn(f"hmcareer: ignoring {name}={os.environ[name]!r}: it takes 1, true, yes or on, or 0, false, no or off")
