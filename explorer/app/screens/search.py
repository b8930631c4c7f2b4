"""The search overlay: type, see ranked results grouped by kind, Enter to jump, Esc to go back."""

from __future__ import annotations

import unicodedata

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from explorer.app import render
from explorer.app.footer import FitFooter
from explorer.app.widgets import SteadySize, VirtualList
from explorer.core.navigation import Location, card_location
from explorer.core.safetext import visible, visible_mapped
from explorer.core.search import KIND_TITLES

if TYPE_CHECKING:
    from explorer.app.host import Host

MATCH_STYLE = "bold underline $text-accent"


class QueryInput(Input):
    """An Input that does not lay the screen out again on each key.

    Textual's Input sets its `virtual_size` (a `layout=True` reactive) on every change of its
    value: each key typed laid out and drew the whole screen again, the search's results list
    and its scrollbar included (~4.5 of the ~5 CPU ms a key cost at 30,000 cards, against ~0.7
    ms for the input alone). With a fixed size (`height: 1` and a width from its container),
    the input's width on screen never depends on its text: its virtual size is set in place
    and only the input is drawn again. An input sized by its text (auto) keeps Textual's way."""

    # Enter here is the Input's own binding (hidden), which hid the screen's "Go to result" from
    # the footer: the one key to learn after typing was not on it. The same id: one remap for both.
    BINDINGS = [Binding("enter", "submit", "Go to result", id="search.open")]

    _fixed_value_change = False

    async def _on_key(self, event: events.Key) -> None:
        # A key the input itself binds (backspace, delete, the arrows, home, end, enter) is run
        # here, in turn with the printable keys around it. Left to Textual, it bubbles up to the
        # App to be looked up there while the keys after it are already typed into the input:
        # keys that arrive in one read (fast typing, a slow link) ran out of order, "kim",
        # backspace, "s" gave "kim" instead of "kis" (Textual 8.2.8, in a real terminal too).
        if not event.is_printable:
            bindings = self._bindings
            if self.app._keymap:  # (the user's remapped keys, applied to a copy as Textual's lookup does)
                bindings = bindings.copy()
                bindings.apply_keymap(self.app._keymap)
            for binding in bindings.key_to_bindings.get(event.key, ()):
                name = binding.action
                if binding.priority or not name.isidentifier() or not hasattr(self, f"action_{name}"):
                    continue  # (an action with arguments or of another namespace: Textual's way)
                if self.check_action(name, ()) is True:
                    event.stop()
                    event.prevent_default()
                    await self.run_action(name)
                    return
        await super()._on_key(event)

    def _watch_value(self, value: str) -> None:
        if self.styles.auto_dimensions or not self.size.height:
            super()._watch_value(value)
            return
        self._fixed_value_change = True  # (refresh: what the value change asks is drawn, not laid out)
        try:
            super()._watch_value(value)
        finally:
            self._fixed_value_change = False

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):
        if self._fixed_value_change:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class SearchScreen(SteadySize, ModalScreen):
    """Search across entities, relations, quotes and the article."""

    # (here, not in factex.tcss: parsed when the view is first opened, not before the first frame)
    DEFAULT_CSS = """
    SearchScreen { align: center top; background: $background; }
    SearchScreen #search-box { width: 90%; max-width: 120; height: 80%; margin-top: 2; border: round $accent; background: $surface; }
    SearchScreen #search-input { border: none; height: 1; padding: 0 1; }
    SearchScreen #search-hint { height: auto; max-height: 3; padding: 0 1; }
    SearchScreen #search-results { border: none; }
    """

    app: "Host"

    BINDINGS = [
        Binding("escape", "close", "Close search", id="search.close"),
        Binding("down", "move(1)", "Next result", show=False, id="search.down"),
        Binding("up", "move(-1)", "Previous result", show=False, id="search.up"),
        Binding("pagedown", "move(10)", "Page down", show=False, id="search.page_down"),
        Binding("pageup", "move(-10)", "Page up", show=False, id="search.page_up"),
        Binding("enter", "open", "Go to result", id="search.open"),
    ]

    class Done(Message):
        def __init__(self, query: str, results, error: str | None, base=None) -> None:
            super().__init__()
            self.query = query
            self.results = results
            self.error = error
            self.base = base  # (the fact base searched)

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.rows: list[tuple[str, object]] = []
        self.shown_query: str | None = None
        self._early = ""  # keys typed before the input took keys (see on_key)
        self._taking_keys = False
        self._hint_one_line = False  # the hint shows a count that fits its one line (see on_search_screen_done)
        self._listed_base = None  # the fact base the results listed were found in

    def reopen(self, query: str) -> None:
        """Before the screen is shown again (the app keeps one: FactexApp.action_search): the
        last query, selected (typing replaces it, an arrow key keeps it), the results listed
        from the top, and searched again if the query or the fact base (a reload) changed
        since they were listed."""
        self.initial = query
        self._early = ""
        field = self.search_field
        if field.value != query:
            field.value = query  # (Input.Changed: searched, as typed)
        elif self.shown_query != query or self._listed_base is not self.app.base:
            self.run_search(query)
        field.cursor_position = len(query)
        if query:
            field.select_all()
        field.focus()
        listing = self.results_list
        first = listing._next_selectable(0, 1) if listing.row_count else None
        if first is not None:
            listing.move_to(first)
        listing.scroll_to(y=0, animate=False, immediate=True)

    @property
    def search_field(self) -> Input:
        """Where the query is typed."""
        return self.query_one("#search-input", Input)

    @property
    def hint_bar(self) -> Static:
        """What the query means, or why it is malformed."""
        return self.query_one("#search-hint", Static)

    @property
    def results_list(self) -> VirtualList:
        """The hits, in groups."""
        return self.query_one("#search-results", VirtualList)

    def compose(self) -> ComposeResult:
        self._styled_at = self.app._css_update_count  # (its nodes are styled as they mount: _on_screen_resume)
        box = Vertical(id="search-box")
        box.border_title = "Search"
        with box:
            yield QueryInput(
                value=self.initial,
                placeholder="Search: letters in order · 'exact ^prefix suffix$ !not a|b · type: certainty: by: source: kind:",
                id="search-input",
            )
            yield Static(id="search-hint", markup=False)
            yield VirtualList(id="search-results", empty_text="Type to search entities, relations, quotes and the article.")
        yield FitFooter(compact=True)  # (the search's own keys: the screen behind is not seen)

    def _on_screen_resume(self, event) -> None:
        # Textual restyles every node of a screen each time it is shown, in case the CSS changed
        # while it was not; shown the first time, its nodes were styled as they were mounted, a
        # moment ago: nothing to restyle unless the CSS was refreshed since (a theme change).
        # (Textual calls Screen's own handler after this one.)
        if not getattr(self, "_resumed", False):
            self._resumed = True
            if getattr(self, "_styled_at", None) == self.app._css_update_count:
                event.refresh_styles = False

    def on_mount(self) -> None:
        if self.initial:
            self.run_search(self.initial)
        # The input takes keys once it has been laid out and drawn: a key Textual's Input got
        # straight after it was mounted, as the app started (keys typed at once after `/`),
        # stopped it for good (nothing typed showed, ever). At the screen's first frame (see
        # _compositor_refresh): after the next refresh, as Textual runs it, came a layout and a
        # frame later, and the first keys typed after `/` waited for them.
        self.call_after_refresh(self._take_keys)

    def _compositor_refresh(self) -> None:
        super()._compositor_refresh()
        if not self._taking_keys and self.is_current and self._compositor.size and not self.app._batch_count:
            self.call_next(self._take_keys)

    def _take_keys(self) -> None:
        if self._taking_keys:
            return
        field = self.search_field
        field.focus()
        self._taking_keys = True
        if self._early:  # (typed before the input took keys: they replace the last query)
            field.value, self._early = self._early, ""
            field.cursor_position = len(field.value)
        elif self.initial:
            field.select_all()

    def on_key(self, event: events.Key) -> None:
        """A printable key that reached the screen, not the input: typed right after `/`, before
        the input took keys (a person types `/` and the query in one go; at start-up keys typed
        meanwhile come in one read). It goes into the query, in order, never to the keys of
        the screens behind (where `a` opens the article and `q` quits)."""
        if not event.is_printable or not event.character:
            return
        event.stop()
        event.prevent_default()
        if not self._taking_keys:
            self._early += event.character
            return
        field = self.search_field
        if not field.has_focus:
            field.focus()
        field.insert_text_at_cursor(event.character)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self.action_open()

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        # The key is in the input now: its search starts once the screen shows it. (The App's
        # busy() as the key came was answered by any refresh, often one drawing the last
        # results before the input had the key: the search then took the interpreter from the
        # key's own frame, which came with the search's results, 40-60 ms after the key.)
        self.app.ui_first.busy()
        self._draw_now(self.search_field)
        self.run_search(event.value)

    def _draw_now(self, widget) -> None:
        """Draw `widget` at once, not at the screen's next update tick. Textual draws what changed
        on a timer of 60 ticks a second, a grid the tick of the last results frame set: a key
        typed just after results were drawn waited for the next tick with the UI thread idle
        (per-key timelines of bench/keys.py: 20-30 ms from the input taking the key to its frame,
        the search waiting for that frame meanwhile). The input alone is drawn (a millisecond);
        `_on_timer_update` is what the tick calls (it lays out first if a layout is pending)."""
        if self.is_current:
            self._dirty_widgets.add(widget)
            self.call_next(self._on_timer_update)

    @work(thread=True, exclusive=True, group="search", description="search")
    def run_search(self, query: str) -> None:
        """Search off the UI thread. A newer keystroke supersedes this one: starting it cancels
        this worker, and the search stops at its next slice (a few milliseconds of work), so a
        stale search is abandoned, not finished; between slices it lets the UI thread run, so
        the keys typed meanwhile echo at once."""
        from textual.worker import get_current_worker

        from explorer.core.errors import QueryError
        from explorer.core.search import SearchCancelled

        import time

        worker = get_current_worker()
        while self.app.base is None:  # (opened as the app starts: the cards are still loading)
            if worker.is_cancelled:
                return
            time.sleep(0.02)
        base = self.app.base
        index = self.app.ensure_search_index(base)  # (up to date: updated after a reload)
        if worker.is_cancelled:
            return
        ui_first = self.app.ui_first
        ui_first.wait(lambda: worker.is_cancelled)  # (the key typed is drawn first)
        if worker.is_cancelled:
            return

        def stop() -> bool:  # (between two slices of the search: the UI thread first)
            ui_first.wait(lambda: worker.is_cancelled)
            return worker.is_cancelled

        from explorer.core.search.store import DamagedIndex

        try:
            try:
                results = index.search(query, limit=200, stop=stop)
            except DamagedIndex:  # (the stored index it read: searched again over one built from the cards)
                index = self.app.ensure_search_index(self.app.base, damaged=index)
                results = index.search(query, limit=200, stop=stop)
            error = None
        except SearchCancelled:
            return
        except QueryError as exc:
            results, error = None, exc.hint
        self.post_message(self.Done(query, results, error, base))

    def on_search_screen_done(self, message: Done) -> None:
        if message.query != self.search_field.value:
            return  # superseded
        self.app.ui_first.busy()  # (a search started meanwhile steps aside while the results are drawn)
        hint = self.hint_bar
        listing = self.results_list
        if message.error:
            hint.update(render.text(message.error, "$text-warning"))
            self._hint_one_line = False
            return
        results = message.results
        rows: list[tuple[str, object]] = []
        for kind, hits in results.groups().items():
            if hits:
                rows.append(("h", (kind, len(hits), results.counts.get(kind, len(hits)))))
                rows.extend(("hit", h) for h in hits)
        self.rows = rows
        self.shown_query = message.query  # (the query whose results are listed)
        self._listed_base = message.base
        shown = sum(1 for r in rows if r[0] == "hit")
        if message.query.strip():
            more = f" (showing {shown})" if results.total > shown else ""
            count = f"{results.total} result{'s' if results.total != 1 else ''}{more}"
            # A count that fits the hint's line replacing one that did keeps the screen's layout
            # (laying the whole screen out again cost more than drawing the rows).
            fits = len(count) <= hint.content_size.width
            hint.update(Content(count).stylize("$foreground-muted"), layout=not (fits and self._hint_one_line))
            self._hint_one_line = fits
        else:
            hint.update("")
            self._hint_one_line = False
        listing.empty_text = "No match." if message.query.strip() else "Type to search entities, relations, quotes and the article."
        listing.set_rows(len(rows), self._render_row, lambda i: self.rows[i][0] == "hit")

    def _render_row(self, i: int) -> Content:
        kind, value = self.rows[i]
        if kind == "h":
            return group_header(*value)
        return hit_content(value)

    def action_move(self, step: int) -> None:
        listing = self.results_list
        listing._step(1 if step > 0 else -1, abs(step))

    def action_open(self) -> None:
        listing = self.results_list
        if 0 <= listing.cursor < len(self.rows) and self.rows[listing.cursor][0] == "hit":
            self._jump(self.rows[listing.cursor][1])

    @on(VirtualList.Selected, "#search-results")
    def _selected(self, event: VirtualList.Selected) -> None:
        self._jump(self.rows[event.index][1])

    def _jump(self, hit) -> None:
        self.dismiss(SearchPick(self.search_field.value, hit_location(self.app.base, hit)))

    def action_close(self) -> None:
        self.dismiss(SearchPick(self.search_field.value, None))


@dataclass(frozen=True)
class SearchPick:
    """What the search screen returns (its dismiss result): the query as typed, to offer again,
    and where to go (None: closed without a pick)."""

    query: str
    location: Location | None


def hit_location(base, hit) -> Location | None:
    if hit.kind == "passage":
        return Location(view="article", source=hit.source, offset=hit.start)
    card = base.card(hit.card) if hit.card else None
    return card_location(card) if card is not None else None


def group_header(group: str, shown: int, total: int) -> Content:
    """"QUOTES 48 · showing 12": how many matched, and how many of them are listed."""
    count = f" {total:,}" if shown >= total else f" {total:,} · showing {shown:,}"
    return Content.assemble((KIND_TITLES.get(group, group).upper(), "bold $text-primary"), (count, "$foreground-muted"))


# A hit whose first matched letter lies further into its text than this many characters is shown
# from a little before it ("…" and the words just before the match): a passage is a whole paragraph
# of the article, and its row, cut at the list's width, showed its start and never the match.
FAR = 40
LEAD = 24  # characters kept before the match (at least), from the start of a word


def shown_part(text: str, positions) -> tuple[str, list[int]]:
    """The part of a hit's text its row shows, and the matched positions in it (see FAR)."""
    positions = [p for p in positions if 0 <= p < len(text)]
    first = min(positions, default=0)
    if first <= FAR:
        return text, positions
    cut = text.rfind(" ", 0, first - LEAD) + 1 or first - LEAD  # a word's start, or LEAD before
    while cut < first and (unicodedata.category(text[cut])[0] == "M" or text[cut] in "\u200c\u200d\ufe0f"):
        cut += 1  # (never a mark or a joiner without what it belongs to)
    return "…" + text[cut:], [p - cut + 1 for p in positions]


def hit_content(hit) -> Content:
    text, positions = shown_part(hit.text, hit.positions)
    shown = visible(text)
    content = Content(shown)
    if shown == text:
        for start, end in runs(positions):
            content = content.stylize(MATCH_STYLE, start, end)
    else:  # a marker is longer than its character, a soft hyphen in a word not shown: mapped
        _, at = visible_mapped(text)
        for start, end in runs(positions):
            content = content.stylize(MATCH_STYLE, at[start], at[end])
    detail = render.text(f"  {hit.detail}", "$foreground-muted") if hit.detail else Content("")
    return Content.assemble("  ", content, detail)


def runs(positions) -> list[tuple[int, int]]:
    """(start, end) of each run of consecutive positions: `harb` matched is one span to draw,
    not four (each span is a segment of its own, and drawing a row costs by the segment)."""
    out: list[tuple[int, int]] = []
    for pos in sorted(set(positions)):
        if out and out[-1][1] == pos:
            out[-1] = (out[-1][0], pos + 1)
        else:
            out.append((pos, pos + 1))
    return out
