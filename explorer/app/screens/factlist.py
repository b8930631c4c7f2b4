"""A list of facts in groups, with a detail pane; Enter goes to the highlighted fact. The timeline
and the voices view (who says what) are made of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from explorer.app import render
from explorer.app.host import ShowsFacts
from explorer.app.messages import Navigate
from explorer.app.footer import FitFooter
from explorer.app.widgets import SteadySize, VirtualList
from explorer.core.navigation import card_location

if TYPE_CHECKING:
    from explorer.app.host import Host
    from explorer.core.loading.loader import FactBase


@dataclass
class Row:
    """One row of a fact list: a group's header (`relation` None) or a fact."""

    render: Callable[[], object]  # the row's Content, (left, right) or render.Fitted
    relation: str | None = None
    detail: Callable[[], Content] | None = None


class FactListScreen(ShowsFacts, SteadySize, Screen):
    """Subclasses give `LIST_ID`, `EMPTY`, and `rows(base) -> (rows, head)`."""

    app: "Host"
    DEFAULT_CSS = """
    #factlist-head { height: 1; padding: 0 1; background: $panel; }
    .factlist { border: round $panel; }
    .factlist:focus { border: round $accent; }
    #factlist-detail { height: auto; max-height: 6; padding: 0 1; border-top: solid $panel; }
    """
    LIST_ID = "facts"
    EMPTY = "No facts"

    def __init__(self, source: str | None = None) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self.source = source  # the main panes' source filter: only the facts this source backs

    def only(self, base: FactBase) -> set[str] | None:
        """The relation ids the list keeps (None: all): those the filtered source backs."""
        if self.source is None or self.source not in base.sources:
            return None
        from explorer.core.loading.corpus import backed_by

        return backed_by(base, self.source)[1]

    def filtered(self, base: FactBase, head: Content) -> Content:
        """The list's title, naming the source it is filtered to."""
        if self.source is None or self.source not in base.sources:
            return head
        return Content.assemble(head, (" · ", render.MUTED), render.source_filter_label(base, self.source))

    @property
    def listing(self) -> VirtualList:
        """The list of facts."""
        return self.query_one(VirtualList)

    @property
    def head_bar(self) -> Static:
        """The list's title."""
        return self.query_one("#factlist-head", Static)

    @property
    def detail_pane(self) -> Static:
        """The highlighted fact in full."""
        return self.query_one("#factlist-detail", Static)

    def compose(self) -> ComposeResult:
        yield Static(id="factlist-head", markup=False)
        yield VirtualList(id=self.LIST_ID, empty_text=self.EMPTY, classes="factlist")
        yield Static(id="factlist-detail", markup=False)
        yield FitFooter(compact=True)

    def on_mount(self) -> None:
        if self.app.base is not None:
            self.show_base(self.app.base)
        self.listing.focus()

    def build(self, base: FactBase) -> tuple[list[Row], Content]:
        raise NotImplementedError

    # From this many relations on, the list is built off the UI thread (the timeline of 30,000
    # cards took 3 s to read its dates: the keys, and quitting, waited for it).
    IN_WORKER_FROM = 2000

    def show_base(self, base: FactBase) -> None:
        if len(base.relations) < self.IN_WORKER_FROM:
            self._show_built(base, *self.build(base))
            return
        self.head_bar.update(Content.assemble(("Reading the facts…", "$foreground-muted")))
        self._build_in_worker(base)

    @work(thread=True, exclusive=True, group="factlist", description="build the fact list")
    def _build_in_worker(self, base: FactBase) -> None:
        rows, head = self.build(base)
        try:
            self.app.call_from_thread(self._built, base, rows, head)
        except RuntimeError:  # the app has ended meanwhile
            pass

    def _built(self, base: FactBase, rows: list[Row], head: Content) -> None:
        if base is self.app.base and self.is_mounted:  # (else a newer fact base is being shown)
            self._show_built(base, rows, head)

    def _show_built(self, base: FactBase, rows: list[Row], head: Content) -> None:
        listing = self.listing
        was = self.rows[listing.cursor].relation if 0 <= listing.cursor < len(self.rows) else None
        self.rows = rows
        self.head_bar.update(head)
        cursor = next((i for i, r in enumerate(self.rows) if was is not None and r.relation == was), None)
        listing.set_rows(len(self.rows), lambda i: self.rows[i].render(), lambda i: self.rows[i].relation is not None,
                         cursor=cursor)

    @property
    def current(self) -> str | None:
        """The id of the highlighted fact."""
        listing = self.listing
        return self.rows[listing.cursor].relation if 0 <= listing.cursor < len(self.rows) else None

    @on(VirtualList.Highlighted)
    def _show_detail(self, event: VirtualList.Highlighted) -> None:
        detail = self.detail_pane
        row = self.rows[event.index] if 0 <= event.index < len(self.rows) else None
        detail.update(row.detail() if row is not None and row.detail is not None else Content(""))

    @on(VirtualList.Selected)
    def _open(self, event: VirtualList.Selected) -> None:
        row = self.rows[event.index] if 0 <= event.index < len(self.rows) else None
        base = self.app.base
        if row is None or row.relation is None or base is None or row.relation not in base.relations:
            return
        self.post_message(Navigate(card_location(base.relations[row.relation])))

    def edit_target(self):
        base = self.app.base
        rel = base.relations.get(self.current) if base is not None and self.current else None
        return (rel.file, rel.line) if rel is not None else None

    def action_close(self) -> None:
        self.dismiss()
