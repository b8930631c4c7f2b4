"""The virtual list draws a one-line row directly (`VirtualList._one_line`), not through Textual's
general `Visual.to_strips`: the strips must be the same, segment for segment (text, style, the
offsets text selection reads), for any row the app may give it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.content import Content, Span
from textual.style import Style as TStyle
from textual.visual import Visual

from explorer.app.widgets import VirtualList

STYLES = [
    "bold",
    "italic",
    "reverse",
    "bold underline $text-accent",
    "$foreground-muted",
    "$text-warning",
    "bold $text-primary",
    "strike",
    "on $primary",
    "@click=app.bell",  # an action: Textual styles it as a link
    "bold @click=app.quit",
    TStyle(bold=True, italic=True),  # a style object, not a string
]
# Wide (CJK), combining, emoji, right-to-left, zero-width: cells are not characters.
ALPHABET = st.sampled_from(list("abc XYZ,.·—…") + ["界", "語", "e\u0301", "👍", "ש", "\u200b", "é", "ﬁ", "[", "]", "\\"])


@st.composite
def rows(draw):
    text = "".join(draw(st.lists(ALPHABET, max_size=40)))
    spans = []
    for _ in range(draw(st.integers(0, 4))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, len(text)))
        spans.append(Span(a, b, draw(st.sampled_from(STYLES))))
    content = Content(text, spans)
    if draw(st.booleans()):  # a row with a right-aligned part (entity counts, sources)
        right = Content(draw(st.sampled_from(["", "12", "1 source · hedged", "界界"])), [Span(0, 2, "$foreground-muted")])
        return (content, right)
    return content


class ListApp(App):
    def compose(self) -> ComposeResult:
        yield VirtualList(id="rows")


def general(lst: VirtualList, content, width: int, style):
    """What `_strip` gave before the direct way: Textual's general rendering of the row."""
    lst_one_line = lst._one_line
    lst._one_line = lambda content, style: None
    try:
        return lst._strip(content, width, style)
    finally:
        lst._one_line = lst_one_line


async def test_direct_rows_are_textuals_rows():
    app = ListApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        lst = app.query_one(VirtualList)
        styles = [lst.get_visual_style(), lst.get_visual_style("virtual-list--cursor")]

        # (100 rows: each of the direct way's mistakes tried, offsets in bytes, no link style, the
        # offset or the column left out of a shared style, a tab drawn directly, fails within them)
        @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(rows(), st.integers(1, 90), st.sampled_from([0, 1]))
        def same(row, width, which):
            style = styles[which]
            direct = lst._strip(row, width, style)
            assert list(direct) == list(general(lst, row, width, style))
            assert direct.cell_length == width

        same()
        # and the direct way is the one taken for such rows
        assert lst._one_line(Content("plain row"), styles[0]) is not None
        assert lst._one_line(Content("two\nlines"), styles[0]) is None
        assert lst._one_line(Content("a\ttab"), styles[0]) is None


@given(st.lists(st.integers(0, 60), max_size=30))
def test_match_runs_cover_the_positions_exactly(positions):
    """A hit's matched letters are drawn as runs: the same letters, each once, and no two runs
    touching (they would be one)."""
    from explorer.app.screens.search import runs

    got = runs(positions)
    covered = [p for a, b in got for p in range(a, b)]
    assert covered == sorted(set(positions))
    assert all(b1 < a2 for (_, b1), (a2, _) in zip(got, got[1:]))


class TwoInputs(App):
    CSS = "Input { height: 1; border: none; padding: 0 1; width: 24; }"

    def compose(self) -> ComposeResult:
        from textual.widgets import Input

        from explorer.app.screens.search import QueryInput

        yield Input(id="textual")
        yield QueryInput(id="ours")


async def test_the_query_input_types_as_textuals_input_without_laying_out():
    """The search's input (QueryInput) holds, shows and scrolls what Textual's Input does for any
    keys, including text wider than the box, also when several keys arrive at once (in order:
    "kim", backspace, "s" is "kis"); and typing in it lays nothing out."""
    from textual.widgets import Input

    from apphelpers import press_at_once

    app = TwoInputs()
    async with app.run_test(size=(40, 4)) as pilot:
        await pilot.pause()
        theirs, ours = app.query_one("#textual", Input), app.query_one("#ours", Input)
        layouts = []
        screen = app.screen
        original = screen._refresh_layout
        screen._refresh_layout = lambda *a, **k: (layouts.append(1), original(*a, **k))[1]

        async def typed(widget, keys, runs):
            widget.value = ""
            widget.focus()
            await pilot.pause()
            at = 0
            for run in runs:  # (each run of keys arrives at once, as typed fast or pasted; the app settles between runs)
                await press_at_once(pilot, *keys[at:at + run])
                at += run
            lines = [widget.render_line(0).text]
            return widget.value, widget.cursor_position, widget.scroll_offset, lines, widget.virtual_size

        import random

        draw = random.Random(7)  # (generated key sequences, the same in every run)
        for n in range(6):
            keys = [draw.choice(["left", "right", "home", "end", "backspace", "delete"] + list("ab 界é👍xyz.-"))
                    for _ in range(draw.randint(0, 30))]
            cut = random.Random(n)
            runs = []
            while sum(runs) < len(keys):
                runs.append(cut.randint(1, 8))
            # (Textual's typed one key at a time; ours as the keys arrive, several at once: in
            # Textual's Input a bound key arriving with others ran after them, see QueryInput._on_key)
            want = await typed(theirs, keys, [1] * len(keys))
            layouts.clear()
            got = await typed(ours, keys, runs)
            assert got == want, keys
            assert not layouts, keys  # (typing drew the input again, it laid nothing out)


async def test_a_list_changing_length_shows_what_a_layout_would():
    """A list's length is set in place (no layout): its rows, scrollbar and scroll are what the
    screen shows after a full layout, for lengths crossing the height (the scrollbar appears and
    goes) and a cursor anywhere."""
    import random

    app = ListApp()
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.pause()
        lst = app.query_one(VirtualList)
        layouts = []  # (layouts the list asked for)
        original = lst.refresh

        def refresh(*regions, layout=False, **kw):
            if layout:
                layouts.append(1)
            return original(*regions, layout=layout, **kw)

        lst.refresh = refresh
        draw = random.Random(11)
        for n in range(30):
            count = draw.choice([0, 1, 5, 9, 10, 11, 40, draw.randint(0, 300)])
            cursor = draw.randint(0, max(0, count - 1)) if count else None
            before_count = lst.row_count
            layouts.clear()
            lst.set_rows(count, lambda i: Content(f"row {i} " + "x" * (i % 37)), cursor=cursor)
            await pilot.pause()
            height = lst.size.height
            if (before_count > height) == (count > height):  # (the scrollbar neither appeared nor went)
                assert not layouts, (before_count, count)  # (a scrollbar that comes or goes does)
            shown = app.export_screenshot()
            offset = lst.scroll_offset
            lst.refresh(layout=True)  # what a full layout makes of the same list
            await pilot.pause()
            assert app.export_screenshot() == shown, (before_count, count, cursor)
            assert lst.scroll_offset == offset


async def test_a_results_count_too_long_for_its_line_is_shown_whole():
    """The hint keeps the screen's layout only while the count fits its one line: in a narrow
    terminal the count wraps and the hint grows to show all of it."""
    from pathlib import Path

    from explorer.app.app import FactexApp
    from explorer.app.screens.search import SearchScreen
    from tests.apphelpers import ready, wait_for

    app = FactexApp(Path(__file__).resolve().parent.parent, watch=False)  # (the shipped article)
    async with app.run_test(size=(30, 20)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        screen = app.screen
        hint = screen.hint_bar
        await pilot.press(*"peskov")  # "13 results": one line
        await wait_for(pilot, lambda: screen.shown_query == "peskov")
        await pilot.pause()
        assert len(str(hint.render())) <= hint.content_size.width and hint.content_size.height == 1
        screen.search_field.value = "a"  # "287 results (showing 200)": longer than the line
        await wait_for(pilot, lambda: screen.shown_query == "a")
        await pilot.pause()
        count = str(hint.render())
        assert "showing" in count and len(count) > hint.content_size.width
        assert hint.content_size.height >= 2, count


async def test_the_rows_of_one_drawing_share_their_styles_and_are_still_textuals_rows():
    """The rows drawn together (one `render_lines`: ~50 on a first frame, ~30 a query typed) make
    each style they share at a column once (Textual's style sum and its Rich style with the
    offset): each row is still what Textual's general rendering gives."""
    app = ListApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        lst = app.query_one(VirtualList)
        styles = [lst.get_visual_style(), lst.get_visual_style("virtual-list--cursor")]
        real = TStyle.rich_style_with_offset
        made = []

        def counted(self, x, y):
            made.append((self, x))
            return real(self, x, y)

        # (50 drawings of up to 12 rows: the first four mistakes above fail within them too)
        @settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(st.lists(rows(), min_size=1, max_size=12), st.integers(1, 90), st.sampled_from([0, 1]))
        def same(drawn, width, which):
            style = styles[which]
            lst._drawing = lst._drawing_state()  # (one drawing, as render_lines makes it)
            TStyle.rich_style_with_offset = counted
            try:
                first = [lst._strip(row, width, style) for row in drawn]
                made.clear()
                again = [lst._strip(row, width, style) for row in drawn]  # (every style made already)
                assert made == []
            finally:
                TStyle.rich_style_with_offset = real
                lst._drawing = None
            for row, strip, strip_again in zip(drawn, first, again):
                assert list(strip) == list(strip_again) == list(general(lst, row, width, style))

        same()


async def test_a_cursor_move_redraws_the_two_rows_it_changes_and_they_are_right():
    """Moving the cursor asks Textual to draw again the row it left and the row it came to, not
    the whole list (every row on screen was written to the terminal again for each j: ~10 KB
    for the entities list). For generated moves (with header rows the cursor skips, and moves
    that scroll), what is on screen after each (the rows drawn again, the others as they were)
    is what the list draws afresh."""
    import random

    app = ListApp()
    async with app.run_test(size=(60, 12)) as pilot:
        lst = app.query_one(VirtualList)
        rows = [f"{'HEAD' if i % 7 == 0 else 'row'} {i}" for i in range(60)]
        lst.set_rows(len(rows), lambda i: Content(rows[i]), lambda i: i % 7 != 0)
        lst.focus()
        await pilot.pause()
        asked: list = []
        real = lst.refresh

        def refresh(*regions, **kwargs):
            asked.append(regions)
            return real(*regions, **kwargs)

        lst.refresh = refresh
        height = lst.size.height
        shown = [list(lst.render_line(y)) for y in range(height)]
        rng = random.Random(15)
        moved = 0
        for _ in range(80):
            key = rng.choice(["down", "up", "down", "j", "k", "pagedown", "pageup", "home", "end"])
            before, top = lst.cursor, lst.scroll_offset.y
            asked.clear()
            await pilot.press(key)
            await pilot.pause()
            if lst.scroll_offset.y != top or any(not regions for regions in asked):
                assert lst.scroll_offset.y != top or lst.cursor == before, (key, asked)  # (whole: only to scroll)
                shown = [list(lst.render_line(y)) for y in range(height)]
            else:
                moved += lst.cursor != before
                for region in (r for regions in asked for r in regions):
                    for y in range(max(region.y, 0), min(region.bottom, height)):
                        shown[y] = list(lst.render_line(y))
            lst._cache.clear()
            assert shown == [list(lst.render_line(y)) for y in range(height)], (key, before, lst.cursor)
        assert moved >= 20  # (the case at stake: moves that do not scroll)
