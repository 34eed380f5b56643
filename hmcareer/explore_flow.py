"""How the explorer's menus hand control back: the user went back, left, or sent nothing."""


class GoBack(Exception):
    """The user typed b: leave the current menu."""


class Leave(Exception):
    """The user typed q: leave the explorer."""


class NoInput(Exception):
    """stdin is not a terminal and nothing arrived in time."""
