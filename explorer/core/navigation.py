"""Back/forward history of where the user has been, like a browser's. No Textual here."""

from __future__ import annotations

from explorer.core.model import record


@record(frozen=True)
class Location:
    """A place in the explorer: the highlighted entity and relation, a spot in an article, or a row
    of the problems view (view "problems", `offset` the row: Back after Enter there returns to it)."""

    entity: str | None = None
    relation: str | None = None
    view: str = "main"  # "main" | "article" | "problems"
    source: str | None = None
    offset: int | None = None


def card_location(card) -> Location:
    """Where the explorer shows a card (an Entity or a Relation): an entity selected in the list;
    a relation selected among the relations of its subject. The one place that says so."""
    if card.kind == "relation":
        return Location(entity=card.subject, relation=card.id)
    return Location(entity=card.id)


class History:
    """A browser-style history: visiting drops the forward entries; back and forward move."""

    def __init__(self, limit: int = 500):
        self._items: list[Location] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> Location | None:
        return self._items[self._index] if self._index >= 0 else None

    def visit(self, location: Location) -> None:
        if self.current == location:
            return
        del self._items[self._index + 1 :]
        self._items.append(location)
        if len(self._items) > self._limit:
            del self._items[0]
        self._index = len(self._items) - 1

    def replace(self, location: Location) -> None:
        """Update where we are now without adding a step (plain cursor moves)."""
        if self._index < 0:
            self.visit(location)
        else:
            self._items[self._index] = location

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._items) - 1

    def back(self) -> Location | None:
        if not self.can_go_back:
            return None
        self._index -= 1
        return self._items[self._index]

    def forward(self) -> Location | None:
        if not self.can_go_forward:
            return None
        self._index += 1
        return self._items[self._index]

    def __len__(self) -> int:
        return len(self._items)
