"""Choose one of several cards (a span cited by more than one): Enter opens it, Esc goes back."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen

from explorer.app import render
from explorer.app.widgets import SteadySize, VirtualList


class CardPicker(SteadySize, ModalScreen[str | None]):
    """A list of cards; dismisses with the chosen card's id (or None)."""

    BINDINGS = [Binding("escape", "cancel", "Back", id="picker.cancel")]

    DEFAULT_CSS = """
    CardPicker { align: center middle; }
    #picker-box { width: 90%; max-width: 110; height: auto; max-height: 80%; border: round $accent;
                  background: $surface; }
    #picker-list { height: auto; max-height: 20; border: none; }
    """

    def __init__(self, base, card_ids: list[str], title: str) -> None:
        super().__init__()
        self.base = base
        self.card_ids = [c for c in card_ids if base.card(c) is not None]
        self.title_text = title

    def compose(self) -> ComposeResult:
        box = Vertical(id="picker-box")
        render.set_title(box, self.title_text)
        box.border_subtitle = "enter: open · esc: back"
        self.listing = VirtualList(id="picker-list", empty_text="No card")
        with box:
            yield self.listing

    def on_mount(self) -> None:
        listing = self.listing
        listing.set_rows(len(self.card_ids), self._row)
        listing.focus()

    def _row(self, i: int):
        card = self.base.card(self.card_ids[i])
        if card.kind == "relation":
            return render.relation_row_fitted(self.base, card)
        return (Content.assemble(("◼ ", "$text-primary"), render.text(card.name, "bold")),
                render.text(card.type, "$foreground-muted"))

    @on(VirtualList.Selected, "#picker-list")
    def _chosen(self, event: VirtualList.Selected) -> None:
        self.dismiss(self.card_ids[event.index])

    def action_cancel(self) -> None:
        self.dismiss(None)
