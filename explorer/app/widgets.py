"""Widgets: a virtual list that renders only the rows on screen, so 100k rows cost nothing."""

from __future__ import annotations

from typing import Callable, ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget
from textual.containers import Horizontal, Vertical, VerticalScroll


def _no_actions(content: Content) -> bool:
    """No span of `content` can carry a click action (`@click`: only a style given as a string
    can, written with an `@`): the link style Textual puts on such spans has nothing to do."""
    return all(isinstance(span.style, str) and "@" not in span.style for span in content.spans)


def _plain(content: Content) -> Content:
    """The same text with bold kept but no colours."""
    return Content(content.plain, [span for span in content.spans if isinstance(span.style, str) and span.style.strip() == "bold"])


def children_cover(widget, crop) -> bool:
    """Whether the children of `widget`, as the screen last laid them out, cover every cell of
    `crop` (a region of the widget, as `render_lines` is given): then nothing the widget draws
    there is seen (the compositor fills each cell from the topmost widget that has it)."""
    try:
        visible = widget.screen._compositor.visible_widgets
        region, _ = visible[widget]
    except Exception:  # noqa: BLE001 - no screen or map yet: not known to be covered
        return False
    x0 = region.x + crop.x
    x1 = x0 + crop.width
    y0 = region.y + crop.y
    boxes = []
    for child in widget._nodes:
        shown = visible.get(child)
        if shown is not None:
            box = shown[0].intersection(shown[1])
            if box.width and box.height:
                boxes.append(box)
    y1 = y0 + crop.height
    edges = sorted({y0, *(b.y for b in boxes if y0 < b.y < y1), *(b.bottom for b in boxes if y0 < b.bottom < y1)})
    for y in edges:  # (each band of rows between two edges has the same boxes)
        x = x0
        for box in sorted((b for b in boxes if b.y <= y < b.bottom), key=lambda b: b.x):
            if box.x > x:
                return False
            x = max(x, box.right)
        if x < x1:
            return False
    return True


class DrawnByChildren:
    """A container whose children fill it: where they cover it whole (as laid out now), its own
    lines (the background the children hide) are not drawn, blank lines stand for them. Textual
    draws every line of every widget, seen or not: the main view's screen and its two containers
    were ~17 M instructions of a first frame (120x40), none of it on screen."""

    def render_lines(self, crop):
        if children_cover(self, crop):
            blank = Strip.blank(crop.width)
            return [blank] * crop.height
        return super().render_lines(crop)


class SteadySize:
    """A screen laid out again only for a size it was not laid out at. Each layout of a screen
    sends the screen a Resize to its own size (its first layout, then each that changes its
    scroll area), for which Textual's Screen._on_resize lays the whole screen out again and draws
    it, and the screen beneath too: three layouts of the main view as the app started, the last
    ones just as the facts showed (a key typed then waited ~80 ms more for them: bench/firstkey.py).
    A Resize to the size the screen's compositor has stops here, after the screen's own
    `on_resize` (Textual calls each class's handler, the subclass's first): what changed since is
    laid out by the screen's next update anyway. A terminal resized is another size: Textual's way.
    Not the article view: its text sets its own height as it is laid out and scrolls to the cursor
    once it has (ArticleText.scroll_to_paragraph), which the second layout made reachable (`a`
    then `G` at once left the view at the top: tests/test_app_reading.py)."""

    def _on_resize(self, event) -> None:
        if event.size == self._compositor.size and not (
                self.app.HORIZONTAL_BREAKPOINTS or self.app.VERTICAL_BREAKPOINTS
                or self.HORIZONTAL_BREAKPOINTS or self.VERTICAL_BREAKPOINTS):
            event.stop()
            event.prevent_default()  # (not Screen._on_resize, which Textual would call next)


def sized_in_layout(widget):
    """`widget` (a leaf: a Static whose content sets its height), its size set by a layout without
    asking for another: Textual sets a widget's virtual size as a reactive that lays the whole
    screen out again, and a leaf's virtual size lays nothing out (the layout that gave it its
    height gave its container's too). The evidence pane's text changes height with each card:
    two layouts of the screen for each j. Made so on the instance (see drawn_by_children)."""
    own = type(widget)._size_updated

    def _size_updated(size, virtual_size, container_size, layout: bool = True) -> bool:
        return own(widget, size, virtual_size, container_size, False)

    widget._size_updated = _size_updated
    return widget


def drawn_by_children(container):
    """`container` (a Horizontal, a Vertical: whose children fill it), drawn as DrawnByChildren
    draws (blank lines where its children cover it), returned. Made so on the instance, not by a
    class of its own: Textual's `__init_subclass__` walks the whole class for each widget class,
    ~1.6 M instructions a class of a first start (the main view's row of panes and its right
    column were two such classes)."""
    own = type(container).render_lines

    def render_lines(crop):
        if children_cover(container, crop):
            return [Strip.blank(crop.width)] * crop.height
        return own(container, crop)

    container.render_lines = render_lines
    return container


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

    # (repaint=False: watch_cursor redraws the two rows it changes, not the whole list)
    cursor: reactive[int] = reactive(-1, always_update=False, init=False, repaint=False)

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
        self._empty_wrapped: tuple[tuple[int, str] | None, list[Content]] = (None, [])
        self._count = 0
        self._render: Callable[[int], Content] = lambda i: Content("")
        self._selectable: Callable[[int], bool] | None = None
        self._cache: LRUCache[tuple[int, bool, int], Strip] = LRUCache(2000)  # (row, is cursor, width)
        # Called with the row as soon as a key or a click moves the cursor, before the Highlighted
        # message is posted: what follows the cursor (the panes beside it) is then drawn in the
        # same frame as the cursor, not a frame or more later (see `_moved`).
        self.follow: Callable[[int], object] | None = None

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
        self._set_height(count)
        self._place_cursor(cursor, count)

    def update_rows(self, count: int, dirty: tuple[int, int | None], *, cursor: int | None = None) -> None:
        """The same rows (render and selectable as before) with some changed: those from
        `dirty[0]` to `dirty[1]` (None: to the end) are drawn again, the others are kept as
        drawn. The cursor goes to `cursor` as in `set_rows`; the list keeps its scroll."""
        self._count = count
        first, last = dirty
        for key in [k for k in self._cache.keys() if k[0] >= first and (last is None or k[0] <= last)]:
            self._cache.discard(key)
        self._set_height(count)
        self._place_cursor(cursor, count)

    def _set_height(self, count: int) -> None:
        """The list is `count` rows long. Setting `virtual_size` lays the whole screen out again
        (Textual's reactive is `layout=True`), which cost about as much as drawing the rows: the
        search results list changed length with each key. Only the scrollbar depends on the
        length, so once the list has a size it is updated in place (`Widget._scroll_update`, as
        a layout would; Textual is pinned), and a scrollbar that appears or goes still lays the
        screen out (its own reactive does)."""
        size = Size(self.size.width, count)
        if size == self.virtual_size:
            return
        if not self.size.height:  # (not laid out yet: the layout to come sizes it)
            self.virtual_size = size
            return
        self.set_reactive(VirtualList.virtual_size, size)
        self._scroll_update(size)
        self.refresh()

    def _place_cursor(self, cursor: int | None, count: int) -> None:
        """The cursor to `cursor` (or the first selectable row), announced even when it stays."""
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
        for key in [k for k in self._cache.keys() if k[0] in (old, new)]:
            self._cache.discard(key)
        # The two rows the cursor left and came to, not the whole list: a move drew and wrote
        # every row on screen again (~10 KB to the terminal for each j in a 40-row list). A move
        # that scrolls draws the list whole anyway (scroll_to refreshes it).
        for row in (old, new):
            if 0 <= row < self._count:
                self.refresh_line(row)
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
            self._moved()

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        found = self._next_selectable(0, 1)
        if found is not None:
            self.cursor = found
            self.scroll_to(y=0, animate=False)
            self._moved()

    def action_last(self) -> None:
        found = self._next_selectable(self._count - 1, -1)
        if found is not None:
            self.cursor = found
            self.scroll_to_cursor()
            self._moved()

    def _moved(self) -> None:
        """A key (or a click) moved the cursor: `follow` is told at once, in the key's own turn.
        Through the Highlighted message alone, the screen's own queue had it after the refresh
        that drew the cursor: the panes followed a frame later (the next tick of the screen's
        update timer, ~17-30 ms), and the work waiting for the key to be on screen
        (app.turns.UiFirst) started between the two. The message still comes after."""
        if self.follow is not None and self.cursor >= 0:
            self.follow(self.cursor)

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
            self._moved()
            if event.chain > 1:  # a double click opens, a single click only moves
                self.post_message(self.Selected(self, index))

    # -- rendering ---------------------------------------------------------------------------

    def _size_updated(self, size, virtual_size, container_size, layout: bool = True) -> bool:
        # A ScrollView's virtual size is its own (the rows: _set_height), whatever a layout
        # passes, which differs from it: Textual's ScrollView took that difference for a change
        # at every layout of the screen and updated the scrollbars (each list's scrollbar drawn
        # again, ~2.7 ms of a key's 25 at 120x40, and in a frame of its own). Only the list's
        # size and its container's are changes.
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def on_resize(self) -> None:
        self._cache.clear()
        # (in place, as the rows' count is: the search box's first layout sized its results list,
        # and setting `virtual_size` laid the screen out again before the input took keys)
        self._set_height(self._count)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def redraw(self) -> None:
        """Render every row again (what the rows show changed, not how many there are)."""
        self._cache.clear()
        self.refresh()

    _drawing: tuple | None = None  # (see render_lines)

    def render_lines(self, crop):
        # What every row of one drawing shares, found once for all of them (the scroll, the
        # width, the two styles, how a row is made: ~40 rows on a first frame asked for each
        # anew, ~1/5 of drawing a row).
        self._drawing = self._drawing_state()
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = None

    def _drawing_state(self) -> tuple:
        rules = self.styles
        direct = (self.text_selection is None and rules.content_align == ("left", "top")
                  and rules.text_align in ("left", "start") and not rules.line_pad)
        links = self.auto_links and not self.screen._selecting
        return (self.scroll_offset.y, self.scrollable_content_region.width, direct, links,
                self.get_visual_style(), self.get_visual_style("virtual-list--cursor"), {})

    def render_line(self, y: int) -> Strip:
        drawing = self._drawing or self._drawing_state()
        index = drawing[0] + y
        width = drawing[1]
        if self._count == 0:  # (the message wrapped to the width: cut, "No dated facts: ... or a quo…")
            lines = self._empty_lines(width)
            if 0 <= y < len(lines):
                return self._strip(lines[y], width, self.get_visual_style("virtual-list--empty"))
            return Strip.blank(width, self.rich_style)
        if index >= self._count:
            return Strip.blank(width, self.rich_style)
        is_cursor = index == self.cursor
        key = (index, is_cursor, width)
        strip = self._cache.get(key)
        if strip is None:
            style = drawing[5] if is_cursor else drawing[4]
            content = self._render(index)
            fit = getattr(content, "fit", None)
            if fit is not None:  # a row that lays itself out for the width
                content = fit(width)
            if is_cursor:  # the cursor's own colours for the whole row: row colours would clash with it
                content = tuple(_plain(c) for c in content) if isinstance(content, tuple) else _plain(content)
            strip = self._strip(content, width, style)
            self._cache.set(key, strip)
        return strip

    def _empty_lines(self, width: int) -> list[Content]:
        """`empty_text` in lines of at most `width` cells (made once per width and text)."""
        key = (width, self.empty_text)
        if self._empty_wrapped[0] != key:
            self._empty_wrapped = (key, Content(self.empty_text).wrap(max(width, 1)) or [Content("")])
        return self._empty_wrapped[1]

    def _strip(self, content, width: int, style) -> Strip:
        if isinstance(content, tuple):  # (left, right): right-aligned part that is never cut
            left, right = content
            if right.cell_length > width // 3:
                right = right.truncate(max(1, width // 3), ellipsis=True)
            room = max(0, width - right.cell_length - 1)
            left = left.truncate(room, ellipsis=True) if left.cell_length > room else left
            content = Content.assemble(left, " " * max(1, width - left.cell_length - right.cell_length), right)
        content = content.truncate(width, ellipsis=True) if content.cell_length > width else content
        strip = self._one_line(content, style) if width > 0 else None
        if strip is None:
            strips = Visual.to_strips(self, content, width, 1, style)
            strip = strips[0] if strips else Strip.blank(width)
        return strip.extend_cell_length(width, style.rich_style)

    def _one_line(self, content: Content, style) -> Strip | None:
        """The strip `Visual.to_strips` makes of a row that is one line already cut to the width,
        made directly (None: not such a row, or the list is in a state the direct way does not
        cover). Textual's general way wraps, splits, expands tabs and aligns each row anew (a
        third longer a row, measured under load), and the results list draws ~30 rows for each
        query typed (a results list drawn while a key comes in delays that key's echo)."""
        plain = content.plain
        drawing = self._drawing or self._drawing_state()
        if "\n" in plain or "\t" in plain or not drawing[2]:
            return None
        x = 0
        segments = []
        add = segments.append
        # The rows of one drawing share their styles at the same columns (a count's, a marker's):
        # each made once (Textual's style sum and the Rich style with its offset, for selection).
        made = drawing[6]
        for text, text_style in content.render(style, end="", parse_style=self._get_style):
            key = (style, text_style, x)
            rich = made.get(key)
            if rich is None:
                rich = made[key] = (style + text_style).rich_style_with_offset(x, 0)
            add(Segment(text, rich))
            x += len(text)
        strip = Strip(segments, content.cell_length)
        if drawing[3] and not _no_actions(content):
            strip = strip._apply_link_style(self.link_style)  # (links are styled where a span has an action)
        return strip


KEYS_AFTER_QUIET = 0.25  # s: how often a footer waiting for a pause in the typing looks again

# The colours of the keys' two parts and of the command palette key's left edge, as Textual's
# FooterKey gives them (its DEFAULT_CSS), for the sketch a footer draws (KeysSketch): the rules
# of a footer class's DEFAULT_CSS, under its name.
SKETCH_CSS = """
    & > .fit-footer--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
    & > .fit-footer--description { color: $footer-description-foreground; background: $footer-description-background; }
    & > .fit-footer--item { background: $footer-item-background; }
    & > .fit-footer--edge { color: $foreground 20%; }
"""
SKETCH_CLASSES = frozenset({"fit-footer--key", "fit-footer--description", "fit-footer--item", "fit-footer--edge"})


class KeysSketch:
    """Which keys a compact footer shows at its width (a screen's own keys first, then the app's;
    `?` (help, which lists them all) always keeps its place), and those keys drawn as one line, the
    very cells Textual's key widgets draw (the sketch). Shared by FitFooter (explorer.app.footer)
    and FooterSketch, which stands in for it on the main view's first frame. A plain class: a
    widget class's own each (Textual's `__init_subclass__` walks every widget class)."""

    KEEP = ("help", "select")  # actions always shown (help lists every key; v starts a card)

    def _plan(self) -> tuple:
        """(the bindings shown grouped as Textual's Footer groups them, the actions that fit,
        the command palette's binding or None)."""
        from collections import defaultdict
        from itertools import groupby

        active = self.screen.active_bindings
        by_action: dict[str, list] = defaultdict(list)
        for _, binding, enabled, tooltip in active.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        width = self.app.size.width
        palette = None
        if getattr(self, "show_command_palette", True) and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        budget = width - (len(self.app.get_key_display(palette[1])) + len(palette[1].description) + 4 if palette else 0)

        def cost(items) -> int:
            binding = items[0][0]
            return len(self.app.get_key_display(binding)) + 1 + len(binding.description) + 1

        # what fits, in order; keys to keep are counted first
        keep = [a for a, items in by_action.items() if a.rsplit(".", 1)[-1] in self.KEEP]
        used = sum(cost(by_action[a]) for a in keep)
        shown: list[str] = []
        groups = [(g, list(items)) for g, items in groupby(by_action.items(), lambda kv: kv[1][0][0].group)]
        for group, members in groups:
            if group is not None and len(members) > 1:
                # (each key and a space, the label and a space, and the group's first key's left margin)
                need = sum(len(self.app.get_key_display(items[0][0])) + 1 for _, items in members) + len(group.description) + 2
                if used + need <= budget:
                    used += need
                    shown.extend(a for a, _ in members)
                continue
            for action, items in members:
                if action in keep:
                    shown.append(action)
                elif used + cost(items) <= budget:
                    used += cost(items)
                    shown.append(action)
        return groups, shown, palette

    def _sketch_of(self, groups, shown, palette, width) -> tuple | None:
        """What the sketch draws, when it can draw exactly what the key widgets will: single
        keys, each enabled, with plain one-cell-per-character labels, all fitting; else None."""
        from rich.cells import cell_len

        keys = []
        for group, members in groups:
            members = [(a, items) for a, items in members if a in shown]
            if group is not None and len(members) > 1:
                return None  # (a group's keys and label: made as widgets at once)
            for _, items in members:
                binding, enabled, _ = items[0]
                keys.append((self.app.get_key_display(binding), binding.description, enabled))
        right = None
        if palette is not None:
            right = (self.app.get_key_display(palette[1]), palette[1].description, palette[2])
        texts = [k + (" " + d if d else "") for k, d, _ in keys + ([right] if right else [])]
        if not all(e for *_, e in keys + ([right] if right else [])) or any(
                cell_len(t) != len(t) or not t.isprintable() for t in texts):
            return None
        used = sum(len(t) + 1 for t in texts[:len(keys)])
        edge = len(texts[-1]) + 2 if right else 0  # (its left edge, its text, the margin after it)
        if used + edge > width:
            return None
        return tuple(k[:2] for k in keys), right[:2] if right else None, width

    def _draw_sketch(self, sketch: tuple, crop) -> list[Strip]:
        """The lines of `crop` with the sketch's keys on the first."""
        from rich.style import Style as RichStyle

        keys, right, width = sketch
        base = self.rich_style
        gap = RichStyle(bgcolor=base.bgcolor)
        item = base + self.get_component_rich_style("fit-footer--item")
        key_style = item + self.get_component_rich_style("fit-footer--key")
        description_style = item + self.get_component_rich_style("fit-footer--description")

        def key(display: str, description: str) -> list:
            return [Segment(display, key_style)] + ([Segment(" " + description, description_style)] if description else [])

        segments, used = [], 0
        for display, description in keys:
            segments += key(display, description) + [Segment(" ", gap)]
            used += len(display) + (len(description) + 1 if description else 0) + 1
        if right is not None:
            tail = len(right[0]) + (len(right[1]) + 1 if right[1] else 0) + 2
            segments.append(Segment(" " * (self.size.width - used - tail), gap))
            edge = item + self.get_component_rich_style("fit-footer--edge")
            segments += [Segment("▏", edge)] + key(*right) + [Segment(" ", gap)]
        strip = Strip(segments).extend_cell_length(self.size.width, gap).crop(crop.x, crop.x + crop.width)
        return [strip] + [Strip.blank(crop.width, gap)] * (crop.height - 1)


class FooterSketch(KeysSketch, Widget):
    """The main view's footer on its first frame: its keys drawn as one line (the sketch: the
    cells FitFooter's key widgets draw), and FitFooter in its place once that frame is on screen
    and the typing pauses. FitFooter is Textual's Footer: its module and the five widget classes
    it makes (Footer, FooterKey, FooterLabel, KeyGroup, Label) and the bindings it asks the
    screen for at each recompose were ~20 M instructions of a first start before the facts could
    show, for the cells this draws."""

    # (Footer's own box, as its DEFAULT_CSS gives it, and the sketch's colours)
    DEFAULT_CSS = "FooterSketch {\n    color: $footer-foreground; background: $footer-background; dock: bottom; height: 1;\n" + SKETCH_CSS + "}\n"
    COMPONENT_CLASSES: ClassVar[set[str]] = set(SKETCH_CLASSES)

    _replaced = False

    def __init__(self, make_footer: Callable[[], Widget] | None) -> None:
        """`make_footer`: makes the footer that replaces this one (FitFooter; None: none does)."""
        super().__init__()
        self._make_footer = make_footer

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # Once the first frame is drawn and what waited for it has run (the facts said shown,
        # the work that follows the load started).
        getattr(self.screen, "after_first_frame", self.call_after_refresh)(lambda: self.call_after_refresh(self._replace_later))

    def _replace_later(self, now: bool = False) -> None:
        if not self.is_attached:
            return
        # (in this one's own context, not the screen's: a key's message to the screen, the
        # cursor moved, is not held back while the footer's keys are made)
        ui_first = getattr(self.app, "ui_first", None)
        if now or ui_first is None:
            self.call_later(self.replace, now)
        else:  # (after a key typed as the facts show: app.turns.UiFirst.when_idle)
            ui_first.when_idle(lambda: self.call_later(self.replace))

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        self.refresh()  # (drawn again from the keys as they now are)

    def render_lines(self, crop) -> list[Strip]:
        groups, shown, palette = self._plan()
        sketch = self._sketch_of(groups, shown, palette, self.app.size.width)
        if sketch is None:  # (keys it cannot draw as FitFooter would: FitFooter at once)
            self._replace_later(True)
            return [Strip.blank(crop.width, self.rich_style)] * crop.height
        return self._draw_sketch(sketch, crop)

    async def replace(self, now: bool = False) -> None:
        """FitFooter in this one's place, its key widgets made at once (not while keys come:
        making them, 20-70 ms, held back the echo of keys typed right after a first frame)."""
        if self._replaced or not self.is_attached or self._make_footer is None:
            return
        typing = getattr(self.app, "_typing", None)
        if not now and typing is not None and typing():
            self.set_timer(KEYS_AFTER_QUIET, self._replace_later)
            return
        self._replaced = True
        footer = self._make_footer()
        footer._sketched = True  # (its keys as widgets at once: this was their sketch)
        footer.set_reactive(type(footer)._bindings_ready, True)
        screen = self.screen
        with self.app.batch_update():
            await screen.mount(footer, after=self)
            if not (footer.is_attached and screen.is_attached):  # (the app ended, or its screen went, meanwhile)
                return
            footer._last_shown = footer._keys_shown()  # (the keys it made: not made again at its first resize)
            await self.remove()


class EvidenceScroll(VerticalScroll):
    """The evidence pane: scrolls with j/k (and g/G) as well as the arrows when it has focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="evidence.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="evidence.up"),
        Binding("g", "scroll_home", "Top", show=False, id="evidence.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="evidence.bottom"),
    ]
