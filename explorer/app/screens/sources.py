"""The sources view: every source of the workspace with its outlet, date, number of cards and
coverage; Enter opens its article, `f` limits the main panes to the facts it backs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from explorer.app import render
from explorer.app.host import ShowsFacts
from explorer.app.messages import FilterSource, Navigate
from explorer.app.footer import FitFooter
from explorer.app.widgets import SteadySize, VirtualList
from explorer.core.navigation import Location

if TYPE_CHECKING:
    from explorer.app.host import Host


class SourcesScreen(ShowsFacts, SteadySize, Screen):
    """Every source, earliest published first."""

    app: "Host"

    DEFAULT_CSS = """
    SourcesScreen #sources-head { height: 1; width: 1fr; padding: 0 1; background: $panel; }
    SourcesScreen #sources { border: round $accent; border-title-color: $text; height: 1fr; }
    SourcesScreen #sources-detail { height: auto; max-height: 50%; padding: 0 1; border: round $panel; }
    """

    BINDINGS = [
        Binding("enter", "open", "Open", tooltip="Open the highlighted source's article", id="sources.open", priority=True),
        Binding("f", "filter", "Filter", tooltip="Show only the facts this source backs", id="sources.filter"),
        Binding("F", "clear_filter", "Clear filter", show=False, id="sources.clear_filter"),
        Binding("escape", "close", "Back", id="sources.close"),
    ]

    def __init__(self, current: str | None = None) -> None:
        super().__init__()
        self.stats: list = []
        self.current = current  # the source to put the cursor on (the one filtered on, if any)

    @property
    def listing(self) -> VirtualList:
        """The list of sources."""
        return self.query_one("#sources", VirtualList)

    @property
    def head_bar(self) -> Static:
        """The view's title."""
        return self.query_one("#sources-head", Static)

    @property
    def detail_pane(self) -> Static:
        """The highlighted source in full."""
        return self.query_one("#sources-detail", Static)

    def compose(self) -> ComposeResult:
        yield Static(id="sources-head", markup=False)
        yield VirtualList(id="sources", empty_text="No sources: put articles in seeds/ (factex add PAGE.html)")
        yield Static(id="sources-detail", markup=False)
        yield FitFooter(compact=True)

    def on_mount(self) -> None:
        if self.app.base is not None:
            self.show_base(self.app.base)
        self.listing.focus()

    def show_base(self, base) -> None:
        from explorer.core.loading.corpus import source_stats

        listing = self.listing
        keep = self.source_id() or self.current
        self.stats = source_stats(base)
        cards = len(base.entities) + len(base.relations)
        n = len(self.stats)
        self.head_bar.update(render.line(
            ("Sources of ", "bold"), (render.workspace_name(self.app.root), "bold $text-accent"),
            (f"  {n} source{'s' if n != 1 else ''} · {cards:,} cards · oldest first", render.MUTED),
        ))
        render.set_title(listing, f"Sources ({n})")
        render.set_title(listing, "cards · coverage", subtitle=True)
        ids = [s.source.id for s in self.stats]
        cursor = ids.index(keep) if keep in ids else None
        listing.set_rows(n, lambda i: render.source_row(self.stats[i]), cursor=cursor)
        self._show_detail()

    def source_id(self) -> str | None:
        listing = self.listing
        if 0 <= listing.cursor < len(self.stats):
            return self.stats[listing.cursor].source.id
        return None

    @on(VirtualList.Highlighted, "#sources")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.detail_pane
        listing = self.listing
        if 0 <= listing.cursor < len(self.stats):
            detail.update(render.source_detail(self.stats[listing.cursor], self.app.base))
        else:
            detail.update(Content(""))

    @on(VirtualList.Selected, "#sources")
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        sid = self.source_id()
        if sid is not None:
            self.post_message(Navigate(Location(view="article", source=sid)))

    def action_filter(self) -> None:
        sid = self.source_id()
        if sid is not None:
            self.post_message(FilterSource(sid))

    def action_clear_filter(self) -> None:
        self.post_message(FilterSource(None))

    def action_close(self) -> None:
        self.dismiss(None)

    def edit_target(self):
        """`e` opens the highlighted source's sidecar when it has one."""
        sid = self.source_id()
        source = self.app.base.sources.get(sid) if sid and self.app.base else None
        if source is not None and source.sidecar:
            return source.sidecar, 1
        return None

    def no_edit_reason(self) -> str | None:
        """Why `e` opens nothing here (the app said "No card here to edit.")."""
        sid = self.source_id()
        if sid is None:
            return None
        return (f"{sid} has no sidecar to edit: write seeds/{sid}.yaml (title:, outlet:, published:, ...), "
                "or factex add writes one with the article.")
