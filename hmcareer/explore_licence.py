"""The explorer's nursing home administrator licence pages: from the NHA role or the licence credential, ask for a
state, show its requirements in full (or the table of every state), and carry the state into the role's path.

A mixin of the Explorer (explore.py): it uses the explorer's ask, screen and loop, and imports nothing of it.
"""

from __future__ import annotations

from typing import Any

from .licensing import NHA_LICENCE, licence_detail, licence_table


class LicenceSection:
    """Needs `self.c`, `self.screen`, `self.ask` and `self.loop` (see explore.Explorer)."""

    c: Any
    screen: Any
    ask: Any
    loop: Any
    licence_state: str | None = None  # the state last chosen: the NHA path shows its licence steps

    @staticmethod
    def needs_state_licence(subject: Any) -> bool:
        """A role whose licence is the NHA's, or the licence itself."""
        return getattr(subject, "licence", None) == NHA_LICENCE or getattr(subject, "id", None) == NHA_LICENCE

    def licence_pages(self) -> None:
        """Ask for a state until the user goes back (b): its requirements in full, or every state for Enter."""
        self.screen.say("The nursing home administrator licence is set state by state. Type a state (OH, ohio, "
                        "new york), Enter for every state, b to go back.", "dim")
        self.loop(self.licence_page)

    def licence_page(self) -> None:
        text = self.ask("state")  # b raises GoBack: the loop ends
        if not text:
            self.screen.result(licence_table(self.c))
            return
        detail = licence_detail(self.c, text)  # an unknown name is a UsageError: the loop says so and asks again
        self.licence_state = detail.state.code
        self.screen.result(detail)
        self.screen.say(f"{detail.state.name} is kept for this session: the nursing home administrator's path now "
                        "shows its licence steps. Another state, Enter for all, or b.", "dim")
