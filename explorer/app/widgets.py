"""Widgets: a virtual list that renders only the rows on screen, so 100k rows cost nothing."""

from __future__ import annotations

from typing import Callable, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual


def _plain(content: Content) -> Content:
    """The same text with bold kept but no colours."""
    return Content(content.plain, [span for span in content.spans if isinstance(span.style, str) and span.style.strip() == "bold"])


class VirtualList(ScrollView, can_focus=True):
    """A one-line-per-row list with a cursor. Rows are rendered on demand from a callback.

    `set_rows(count, render, selectable)` replaces the rows: `render(i)` gives the `Content` of row
    `i` (or a `(left, right)` pair, the right part aligned right and never cut); rows for which `selectable(i)` is false (group headers) are skipped by the cursor.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g,home", "first", "First", show=False, id="list.first"),
        Binding("G,end", "last", "Last", show=False, id="list.last"),
        Binding("pagedown,ctrl+d", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup,ctrl+u", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter", "select", "Open", show=False, id="list.select"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"virtual-list--cursor", "virtual-list--empty"}

    DEFAULT_CSS = """
    VirtualList {
        height: 1fr;
        overflow-x: hidden;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        & > .virtual-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .virtual-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .virtual-list--empty { color: $foreground-muted; text-style: italic; }
    }
    """

    cursor: reactive[int] = reactive(-1, always_update=False, init=False)

    class _ListMessage(Message):
        def __init__(self, source: "VirtualList", index: int) -> None:
            super().__init__()
            self.list = source
            self.index = index

        @property
        def control(self) -> "VirtualList":
            return self.list

    class Highlighted(_ListMessage):
        """The cursor moved to row `index` (-1: no row)."""

    class Selected(_ListMessage):
        """Row `index` was opened (Enter or a double click)."""

    def __init__(self, *, empty_text: str = "Nothing here", name=None, id=None, classes=None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.empty_text = empty_text
        self._count = 0
        self._render: Callable[[int], Content] = lambda i: Content("")
        self._selectable: Callable[[int], bool] | None = None
        self._cache: dict[tuple[int, bool, int], Strip] = {}

    # -- rows --------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self._count

    def set_rows(
        self,
        count: int,
        render: Callable[[int], Content],
        selectable: Callable[[int], bool] | None = None,
        *,
        cursor: int | None = None,
    ) -> None:
        """Replace every row. The cursor goes to `cursor` (or the first selectable row)."""
        self._count = count
        self._render = render
        self._selectable = selectable
        self._cache.clear()
        self.virtual_size = Size(self.size.width, count)
        target = cursor if cursor is not None and 0 <= cursor < count else self._next_selectable(0, 1)
        if target is None:
            target = -1
        if target == self.cursor:
            self.post_message(self.Highlighted(self, target))
        self.cursor = target
        self.scroll_to_cursor()
        self.refresh()

    def _is_selectable(self, i: int) -> bool:
        return 0 <= i < self._count and (self._selectable is None or self._selectable(i))

    def _next_selectable(self, start: int, step: int) -> int | None:
        i = start
        # Bounded walk: headers are few between selectable rows.
        while 0 <= i < self._count:
            if self._is_selectable(i):
                return i
            i += step
        return None

    # -- cursor ------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        for key in [k for k in self._cache if k[0] in (old, new)]:
            del self._cache[key]
        self.refresh()
        self.post_message(self.Highlighted(self, new))

    def scroll_to_cursor(self) -> None:
        """Scroll just enough to show the cursor, once the list has its size (never before)."""
        height = self.scrollable_content_region.height
        if height <= 0:
            self.call_after_refresh(self._scroll_if_needed)
        else:
            self._scroll_if_needed()

    def _scroll_if_needed(self) -> None:
        height = self.scrollable_content_region.height
        if self.cursor < 0 or height <= 0:
            return
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def move_to(self, index: int) -> None:
        if self._is_selectable(index):
            self.cursor = index
            self.scroll_to_cursor()

    def _step(self, step: int, distance: int = 1) -> None:
        if self._count == 0:
            return
        start = self.cursor if self.cursor >= 0 else (0 if step > 0 else self._count - 1)
        target = min(max(start + step * distance, 0), self._count - 1)
        found = self._next_selectable(target, step) or self._next_selectable(target, -step)
        if found is not None:
            self.cursor = found
            self.scroll_to_cursor()

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        found = self._next_selectable(0, 1)
        if found is not None:
            self.cursor = found
            self.scroll_to(y=0, animate=False)

    def action_last(self) -> None:
        found = self._next_selectable(self._count - 1, -1)
        if found is not None:
            self.cursor = found
            self.scroll_to_cursor()

    def action_page_down(self) -> None:
        self._step(1, max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._step(-1, max(1, self.scrollable_content_region.height - 1))

    def action_select(self) -> None:
        if self._is_selectable(self.cursor):
            self.post_message(self.Selected(self, self.cursor))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)  # relative to the content: borders excluded
        if offset is None:
            return
        index = offset.y + self.scroll_offset.y
        if self._is_selectable(index):
            self.cursor = index
            if event.chain > 1:  # a double click opens, a single click only moves
                self.post_message(self.Selected(self, index))

    # -- rendering ---------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, self._count)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if self._count == 0:
            if y == 0:
                return self._strip(Content(self.empty_text), width, self.get_visual_style("virtual-list--empty"))
            return Strip.blank(width, self.rich_style)
        if index >= self._count:
            return Strip.blank(width, self.rich_style)
        is_cursor = index == self.cursor
        key = (index, is_cursor, width)
        strip = self._cache.get(key)
        if strip is None:
            style = self.get_visual_style("virtual-list--cursor") if is_cursor else self.get_visual_style()
            content = self._render(index)
            if is_cursor:  # the cursor's own colours for the whole row: row colours would clash with it
                content = tuple(_plain(c) for c in content) if isinstance(content, tuple) else _plain(content)
            strip = self._strip(content, width, style)
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[key] = strip
        return strip

    def _strip(self, content, width: int, style) -> Strip:
        if isinstance(content, tuple):  # (left, right): right-aligned part that is never cut
            left, right = content
            if right.cell_length > width // 3:
                right = right.truncate(max(1, width // 3), ellipsis=True)
            room = max(0, width - right.cell_length - 1)
            left = left.truncate(room, ellipsis=True) if left.cell_length > room else left
            content = Content.assemble(left, " " * max(1, width - left.cell_length - right.cell_length), right)
        content = content.truncate(width, ellipsis=True) if content.cell_length > width else content
        strips = Visual.to_strips(self, content, width, 1, style)
        strip = strips[0] if strips else Strip.blank(width)
        return strip.extend_cell_length(width, style.rich_style)
