"""The article view's text: a long text of paragraphs, wrapped, rendering only the lines on screen.

Apart from `widgets` (where it was): the main screen's first frame does not use it, and making
the class cost each start ~2 M instructions.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Callable, ClassVar

from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from explorer.app.widgets import _plain


class ArticleText(ScrollView):
    """A long text of paragraphs, wrapped, rendering only the lines on screen.

    A widget per paragraph costs Textual about a millisecond each to mount, style and lay out, so
    an 8,000-paragraph source took many seconds to open. Here a paragraph is a callback:
    `render(i)` gives its styled `Content`, `plain(i)` the same text unstyled (to measure how many
    lines it wraps to), `flagged(i)` whether it gets a bar (a paragraph no card cites). Only the
    paragraphs on screen are rendered; `refresh_paragraph(i)` redraws one after its styling changed.
    Paragraphs are separated by a blank line; each line has a two-cell gutter (the bar, a space).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-text--flagged", "article-text--bar"}

    DEFAULT_CSS = """
    ArticleText {
        height: 1fr;
        overflow-x: hidden;
        scrollbar-gutter: stable;  /* a scrollbar appearing would change the width: measure again */
        & > .article-text--flagged { color: $text-muted; }
        & > .article-text--bar { color: $warning; }
    }
    """

    GUTTER = 2
    # A paragraph longer than this (characters) is wrapped and drawn in pieces of about this size,
    # cut at a line end or a space: a whole document with no blank line in it (a hard-wrapped text
    # file) is one paragraph, and wrapping all of it again on each cursor move took seconds at
    # 250 KB and minutes at 5 MB. Only the pieces on screen are drawn.
    PIECE = 2000

    @classmethod
    def _cuts(cls, text: str) -> list[tuple[int, int]]:
        """(start, end) of the pieces of a long paragraph; the line end or space cut at is in none."""
        out = []
        pos, n, size = 0, len(text), cls.PIECE
        while n - pos > size:
            limit = pos + size
            cut = text.rfind("\n", pos + size // 2, limit)
            if cut < 0:
                cut = text.rfind(" ", pos + size // 2, limit)
            if cut < 0:  # no space in a long run (a URL, a script without spaces): cut in it
                out.append((pos, limit))
                pos = limit
            else:
                out.append((pos, cut))
                pos = cut + 1
        out.append((pos, n))
        return out

    def __init__(self, *, name=None, id=None, classes=None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._count = 0
        self._render: Callable[[int], Content] = lambda i: Content("")
        self._plain: Callable[[int], str] = lambda i: ""
        self._flagged: Callable[[int], bool] = lambda i: False
        self._width = -1  # the text width the layout below was made for
        self._tops: list[int] = []  # first line of each paragraph
        self._heights: list[int] = []
        self._strips: LRUCache[int, list[Strip]] = LRUCache(500)  # drawn paragraphs
        self._pieces: dict[int, list[tuple[int, int, int]]] = {}  # long paragraphs: (start, end, lines) of each piece
        self._piece_strips: LRUCache[tuple[int, int], list[Strip]] = LRUCache(500)  # drawn pieces: (paragraph, piece)
        self._contents: LRUCache[int, Content] = LRUCache(8)  # the rendered Content of a long paragraph, for its pieces
        self._focus: tuple[int, float] | None = None  # the paragraph last scrolled to, and where in it
        self._scrolls = 0  # scroll requests made: one waiting for the layout runs only if none came after it

    @property
    def paragraph_count(self) -> int:
        return self._count

    def set_paragraphs(self, count: int, render: Callable[[int], Content], plain: Callable[[int], str],
                       flagged: Callable[[int], bool]) -> None:
        self._count = count
        self._render, self._plain, self._flagged = render, plain, flagged
        self._width = -1
        self._clear_drawn()
        self._focus = None
        self._layout()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def refresh_paragraph(self, i: int) -> None:
        if i in self._pieces:
            self._contents.discard(i)
            for key in [key for key in self._piece_strips.keys() if key[0] == i]:
                self._piece_strips.discard(key)
            self.refresh()
        elif i in self._strips:
            self._strips.discard(i)
            self.refresh()

    def _clear_drawn(self) -> None:
        self._strips.clear()
        self._piece_strips.clear()
        self._contents.clear()

    def _layout(self) -> None:
        """Measure every paragraph at the current width: how many lines each wraps to (about
        60 us a paragraph; done again only when the width changes)."""
        width = self.scrollable_content_region.width - self.GUTTER
        if width == self._width and len(self._heights) == self._count:
            return
        if width < 1:  # not laid out yet: measuring now would wrap at one cell a line
            return
        keep = self._in_view() if self._heights else None
        self._width = width
        self._clear_drawn()
        tops, heights = [], []
        y = 0
        pieces: dict[int, list[tuple[int, int, int]]] = {}
        for i in range(self._count):
            plain = self._plain(i)
            if len(plain) <= self.PIECE:
                lines = max(1, len(Content(plain).wrap(width)))
            else:  # a long paragraph: measured (and drawn) piece by piece
                cut = []
                for a, b in self._cuts(plain):
                    cut.append((a, b, max(1, len(Content(plain[a:b]).wrap(width)))))
                pieces[i] = cut
                lines = sum(n for _, _, n in cut)
            tops.append(y)
            heights.append(lines)
            y += lines + 1  # and the blank line after it
        self._pieces = pieces
        self._tops, self._heights = tops, heights
        self.virtual_size = Size(self.scrollable_content_region.width, y)
        if keep is not None and self._count:  # the width changed: keep in view what was
            focus, top = keep
            if focus is not None:
                self.scroll_to_paragraph(*focus)
            else:
                self.scroll_to(y=self._tops[min(top, self._count - 1)], animate=False, immediate=True)

    def _in_view(self) -> tuple[tuple[int, float] | None, int]:
        """(the paragraph last scrolled to, if it is on screen; the paragraph at the top), by the
        current measurements: what a new width should keep in view."""
        top_line = self.scroll_offset.y
        focus = self._focus
        if focus is not None and focus[0] < len(self._tops):
            first = self._tops[focus[0]]
            if not (first < top_line + max(1, self.scrollable_content_region.height)
                    and first + self._heights[focus[0]] > top_line):
                focus = None
        return focus, self.paragraph_at(top_line)

    def paragraph_at(self, y: int) -> int:
        """The paragraph shown at line `y` of the whole text (or the one before a blank line)."""
        return max(0, bisect_right(self._tops, y) - 1)

    def scroll_to_paragraph(self, i: int, fraction: float = 0.0, *, keep_if_visible: bool = False) -> None:
        """Centre paragraph `i` on screen, at `fraction` of the way through it (a long paragraph
        is not all on screen: where in it to look). With `keep_if_visible`, do not scroll when
        that line is on screen already (a reading cursor moving down the page).

        The last request wins: one made before the text is laid out waits for the layout, and is
        dropped if another comes meanwhile (the view opened at a card, then `G` typed with `a`:
        the cursor went to the end, then the opening's scroll, run late, took the view back to
        the card, the cursor off screen)."""
        self._scrolls += 1
        self._scroll_when_laid_out(self._scrolls, i, fraction, keep_if_visible)

    def _scroll_when_laid_out(self, request: int, i: int, fraction: float, keep_if_visible: bool) -> None:
        if request != self._scrolls:  # a later request replaced this one
            return
        if self.scrollable_content_region.height <= 0:  # not laid out yet
            self.call_after_refresh(self._scroll_when_laid_out, request, i, fraction, keep_if_visible)
            return
        self._layout()
        if not 0 <= i < self._count or len(self._heights) != self._count:
            return  # (not laid out: a terminal narrower than the gutter leaves no room for text)
        self._focus = (i, fraction)
        line = self._tops[i] + int(fraction * max(0, self._heights[i] - 1))
        view = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if keep_if_visible and top <= line < top + view and (
                self._heights[i] > view or top <= self._tops[i] and self._tops[i] + self._heights[i] <= top + view):
            return
        if self._heights[i] <= view:  # the whole paragraph fits: centre it
            line = self._tops[i] + self._heights[i] // 2
        self.scroll_to(y=max(0, line - view // 2), animate=False, immediate=True)

    def on_resize(self) -> None:
        self._layout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._clear_drawn()

    def _draw(self, i: int, content: Content) -> list[Strip]:
        flagged = self._flagged(i)
        style = self.get_visual_style("article-text--flagged") if flagged else self.get_visual_style()
        width = self._width
        lines = Visual.to_strips(self, content, width, None, style, pad=True)
        gutter = Strip.blank(self.GUTTER, style.rich_style)
        if flagged:
            bar = self.get_visual_style("article-text--bar")
            gutter = Strip.join([Strip(list(Content("▌").render_segments(bar))), Strip.blank(1, style.rich_style)])
        return [Strip.join([gutter, line.extend_cell_length(width, style.rich_style)]) for line in lines]

    def _paragraph_strips(self, i: int) -> list[Strip]:
        strips = self._strips.get(i)
        if strips is None:
            strips = self._draw(i, self._render(i))
            self._strips.set(i, strips)
        return strips

    def _line_of_long_paragraph(self, i: int, k: int) -> Strip | None:
        """Line `k` of long paragraph `i`: only the piece holding it is drawn."""
        for j, (a, b, lines) in enumerate(self._pieces[i]):
            if k < lines:
                break
            k -= lines
        else:
            return None
        strips = self._piece_strips.get((i, j))
        if strips is None:
            content = self._contents.get(i)
            if content is None:
                content = self._render(i)
                self._contents.set(i, content)
            strips = self._draw(i, content[a:b])
            self._piece_strips.set((i, j), strips)
        return strips[k] if k < len(strips) else None

    def render_line(self, y: int) -> Strip:
        self._layout()
        full = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        blank = Strip.blank(full, self.rich_style)
        if not self._count or len(self._heights) != self._count:
            return blank  # (not laid out: a terminal narrower than the gutter leaves no room for text)
        i = self.paragraph_at(line)
        k = line - self._tops[i]
        if k >= self._heights[i]:
            return blank  # the blank line after a paragraph
        if i in self._pieces:
            strip = self._line_of_long_paragraph(i, k)
            return blank if strip is None else strip.crop_extend(0, full, self.rich_style)
        strips = self._paragraph_strips(i)
        if k >= len(strips):  # (measured and rendered wrapping disagree: never seen, but stay safe)
            return blank
        return strips[k].crop_extend(0, full, self.rich_style)
