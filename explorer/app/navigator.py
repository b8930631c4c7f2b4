"""The navigator: the one writer of the back/forward history.

Screens never write the history: they post `Navigate` (go somewhere new) and `Moved` (the cursor is
somewhere else) messages, and the App hands both to its navigator.
"""

from __future__ import annotations

from explorer.core.navigation import History, Location


class Navigator:
    def __init__(self, history: History | None = None) -> None:
        self.history = history if history is not None else History()

    def moved(self, location: Location, step: bool = False) -> None:
        """Where the user is now: the current step, or a new one with `step`."""
        if location.view == "main" and location.entity is None:
            return  # nothing shown yet: no place to come back to
        current = self.history.current
        if step and not (location.view == "problems" and current is not None and current.view == "problems"):
            self.history.visit(location)  # (the problems view is one step: its row is replaced)
        else:
            self.history.replace(location)

    def visit(self, location: Location) -> None:
        """A new step: going back returns to the one before."""
        self.history.visit(location)

    def back(self) -> Location | None:
        return self.history.back()

    def forward(self) -> Location | None:
        return self.history.forward()
