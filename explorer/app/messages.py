"""What screens ask of the App, as messages (messages up, data down).

A screen never calls the App's methods to change what is shown or to touch files: it posts one of
these, and the App (explorer.app.app.FactexApp) handles it. The App passes data down: the fact
base to each screen, and the location to a screen it shows.
"""

from __future__ import annotations

from textual.message import Message

from explorer.core.navigation import Location


class Navigate(Message):
    """Go to `location`, as a new step in the history (a search pick, a card from the article, a
    followed relation). `focus` names the main screen's pane to focus there, if any."""

    def __init__(self, location: Location, focus: str | None = None) -> None:
        super().__init__()
        self.location = location
        self.focus = focus


class Moved(Message):
    """The user is now at `location` on the screen they are on (a cursor move): the current step
    of the history becomes it, or with `step` a new step is recorded (the article view's first
    span when it was opened by hand)."""

    def __init__(self, location: Location, step: bool = False) -> None:
        super().__init__()
        self.location = location
        self.step = step


class EditCard(Message):
    """Open the card `file` (relative to the workspace) in the user's editor at `line`."""

    def __init__(self, file: str, line: int = 1) -> None:
        super().__init__()
        self.file = file
        self.line = line


class CreateCard(Message):
    """Make a new `kind` card quoting source `source_id` from `start` to `end`, then edit it; a
    relation card's template starts with `subject` (the entity the user came from) if given."""

    def __init__(self, kind: str, source_id: str, start: int, end: int, subject: str | None = None,
                 values: dict[str, str] | None = None) -> None:
        super().__init__()
        self.kind = kind
        self.subject = subject
        self.values = values or {}  # fields to fill in the template (an entity's name and type)
        self.source_id = source_id
        self.start = start
        self.end = end


class ShowPanes(Message):
    """Leave the view the user is in (the article, the problems) for the entity and relation panes."""


class ShowMentions(Message):
    """Show the article at the first mention of entity `entity` (m / M then step through them)."""

    def __init__(self, entity: str) -> None:
        super().__init__()
        self.entity = entity


class ChooseCard(Message):
    """Several cards cite what the user is on: let them choose one (`card_ids`) and go to it."""

    def __init__(self, card_ids: list[str], heading: str) -> None:
        super().__init__()
        self.card_ids = card_ids
        self.heading = heading


class FilterSource(Message):
    """Limit the main screen's entity and relation panes to the facts one source backs
    (`source_id`), or show them all again (None)."""

    def __init__(self, source_id: str | None) -> None:
        super().__init__()
        self.source_id = source_id


class ChooseSuggestion(Message):
    """List the names in source `source_id` that no entity covers yet (explorer.core.suggest)."""

    def __init__(self, source_id: str) -> None:
        super().__init__()
        self.source_id = source_id
