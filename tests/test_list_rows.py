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

        @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
