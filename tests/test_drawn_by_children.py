"""A container its children cover is not drawn (explorer.app.widgets.children_cover): only where
every cell it would draw is a child's; a gap anywhere (a margin, a child narrower than it, a
child scrolled or clipped away) and it is drawn as Textual draws it."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings, strategies as st
from textual.geometry import Region

from explorer.app.widgets import children_cover


class _Node(SimpleNamespace):
    __hash__ = object.__hash__


def _widget(region: Region, children: list[tuple[Region, Region]]):
    nodes = [object() for _ in children]
    widget = _Node(_nodes=nodes + [object()])  # (the last: not laid out, display: none)
    visible = {widget: (region, region), **{node: shown for node, shown in zip(nodes, children)}}
    widget.screen = SimpleNamespace(_compositor=SimpleNamespace(visible_widgets=visible))
    return widget


SCREEN = Region(0, 0, 120, 40)


def test_the_main_views_layout_is_covered_and_a_gap_is_not():
    panes, status, footer = Region(0, 0, 120, 38), Region(0, 38, 120, 1), Region(0, 39, 120, 1)
    assert children_cover(_widget(SCREEN, [(panes, SCREEN), (status, SCREEN), (footer, SCREEN)]), SCREEN.reset_offset)
    # No status line: its row is the screen's own.
    assert not children_cover(_widget(SCREEN, [(panes, SCREEN), (footer, SCREEN)]), SCREEN.reset_offset)
    # ... but a crop of the rows the panes cover is covered.
    assert children_cover(_widget(SCREEN, [(panes, SCREEN), (footer, SCREEN)]), Region(3, 2, 50, 30))
    # A column left between two panes (a margin).
    left, right = Region(0, 0, 40, 40), Region(41, 0, 79, 40)
    assert not children_cover(_widget(SCREEN, [(left, SCREEN), (right, SCREEN)]), SCREEN.reset_offset)
    # A child whose clip (a scrolled parent) leaves part of it unseen does not cover that part.
    assert not children_cover(_widget(SCREEN, [(SCREEN, Region(0, 0, 120, 20))]), SCREEN.reset_offset)
    # Not laid out (no screen map yet): drawn.
    assert not children_cover(SimpleNamespace(_nodes=[], screen=None), SCREEN)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 12), st.integers(-3, 12), st.integers(0, 12), st.integers(0, 12)), max_size=5),
       st.tuples(st.integers(0, 9), st.integers(0, 9), st.integers(1, 10), st.integers(1, 10)))
def test_covered_exactly_when_every_cell_of_the_crop_is_a_childs(rects, crop):
    region = Region(2, 3, 10, 10)
    children = [(Region(*r), Region(0, 0, 100, 100)) for r in rects]
    crop = Region(*crop)
    cells = {(x, y) for r, clip in children for x in range(r.x, r.right) for y in range(r.y, r.bottom)}
    wanted = all((region.x + crop.x + dx, region.y + crop.y + dy) in cells
                 for dx in range(crop.width) for dy in range(crop.height))
    assert children_cover(_widget(region, children), crop) == wanted


async def test_a_container_made_drawn_by_children_draws_blank_only_where_its_children_cover_it():
    """drawn_by_children(container): the main view's row of panes and its right column, drawn so
    on the instance (no class of their own): blank lines where the children cover it, Textual's
    own lines where they do not."""
    from textual.app import App
    from textual.containers import Horizontal
    from textual.strip import Strip
    from textual.widgets import Static

    from explorer.app.widgets import drawn_by_children

    class Two(App):
        CSS = "#row { background: red; } #row > Static { width: 1fr; height: 1fr; } #row > #gap { height: 5; }"

        def compose(self):
            with drawn_by_children(Horizontal(id="row")):
                yield Static("left")
                yield Static("right", id="gap")

    app = Two()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        row = app.query_one("#row")
        covered, gap = Region(0, 0, 40, 5), Region(0, 5, 40, 5)  # (the right child is 5 rows high)
        assert row.render_lines(covered) == [Strip.blank(40)] * 5
        assert row.render_lines(gap) == Horizontal.render_lines(row, gap)
        assert row.render_lines(gap) != [Strip.blank(40)] * 5  # (its red background)
