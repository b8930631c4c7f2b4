"""The names in a source that no entity covers yet (explorer.core.suggest), over the article view:
Enter goes to the first mention, E makes an entity card quoting it, Esc goes back."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from explorer.app import render
from explorer.app.widgets import SteadySize, VirtualList


class SuggestionList(SteadySize, ModalScreen):
    """Dismisses with ("go", suggestion), ("card", suggestion) or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Back", id="suggestions.cancel"),
        Binding("E", "card", "New entity card", tooltip="An entity card quoting the first mention, named and typed",
                id="suggestions.card"),
    ]

    DEFAULT_CSS = """
    SuggestionList { align: center middle; }
    #suggestions-box { width: 90%; max-width: 110; height: auto; max-height: 90%; border: round $accent;
                       background: $surface; }
    #suggestions { height: auto; min-height: 1; max-height: 24; border: none; }  /* (min: its "No uncarded names" line) */
    #suggestions-context { height: auto; max-height: 3; padding: 0 1; border-top: solid $panel; }
    """

    def __init__(self, base, source_id: str, suggestions, cursor: int = 0) -> None:
        super().__init__()
        self.base = base
        self.source_id = source_id
        self.suggestions = list(suggestions)
        self.start_row = max(0, min(cursor, len(self.suggestions) - 1))

    @property
    def listing(self) -> VirtualList:
        """The uncarded names."""
        return self.query_one("#suggestions", VirtualList)

    @property
    def context_pane(self) -> Static:
        """The highlighted name in its sentence."""
        return self.query_one("#suggestions-context", Static)

    def compose(self) -> ComposeResult:
        box = Vertical(id="suggestions-box")
        n = len(self.suggestions)
        render.set_title(box, "Uncarded names in ", self.base.sources[self.source_id].title, f" ({n})")
        box.border_subtitle = "enter: first mention · E: new entity card · esc: back"
        with box:
            yield VirtualList(id="suggestions", empty_text="No uncarded names: every name here has an entity card.")
            yield Static(id="suggestions-context", markup=False)

    def on_mount(self) -> None:
        n = len(self.suggestions)
        listing = self.listing
        listing.set_rows(n, lambda i: render.suggestion_row(self.suggestions[i]), cursor=self.start_row if n else None)
        listing.focus()

    @on(VirtualList.Highlighted, "#suggestions")
    def _show_context(self, event: VirtualList.Highlighted) -> None:
        context = self.context_pane
        if 0 <= event.index < len(self.suggestions):
            context.update(render.suggestion_context(self.base.sources[self.source_id], self.suggestions[event.index]))

    @property
    def current(self):
        listing = self.listing
        return self.suggestions[listing.cursor] if 0 <= listing.cursor < len(self.suggestions) else None

    @on(VirtualList.Selected, "#suggestions")
    def _go(self, event: VirtualList.Selected) -> None:
        self.dismiss(("go", self.suggestions[event.index]))

    def action_card(self) -> None:
        if self.current is not None:
            self.dismiss(("card", self.current))

    def action_cancel(self) -> None:
        self.dismiss(None)
