"""The footer's first keys are drawn as one line (FitFooter's sketch) and made as widgets once that
frame is on screen: the sketch must draw exactly the cells the key widgets draw."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region

from explorer.app.app import FactexApp
from explorer.app.screens.main import MainScreen

from apphelpers import ready

REPO = Path(__file__).resolve().parent.parent


def _cells(strip) -> list:
    """What reaches the terminal: each cell's character, colours and attributes (not the mouse
    offsets Textual keeps beside them)."""
    return [(ch, str(seg.style), seg.style.link if seg.style else None) for seg in strip for ch in seg.text]


def _sketched(footer) -> list:
    """The footer's line as its sketch draws it, in place of its key widgets."""
    groups, shown, palette = footer._plan()
    footer._sketch = footer._sketch_of(groups, shown, palette, footer.app.size.width)
    assert footer._sketch is not None
    kids = footer._nodes
    footer._nodes = type(kids)(footer)
    try:
        return _cells(footer.render_lines(Region(0, 0, footer.size.width, 1))[0])
    finally:
        footer._nodes, footer._sketch = kids, None


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)])
async def test_the_sketch_draws_the_cells_of_the_keys_in_every_theme(size):
    """Every theme at 120 columns; at the others, a dark, a light, and one whose footer keys have
    a background of their own."""
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        footer = app.screen.query_one("FitFooter")
        assert footer.query("FooterKey") and footer._sketch is None  # (the widgets, once drawn)
        themes = app.available_themes if size[0] == 120 else ("textual-dark", "textual-light", "solarized-light")
        for theme in sorted(themes):
            app.theme = theme
            await pilot.pause()
            real = _cells(app.screen._compositor.render_strips()[-1])
            assert _sketched(footer) == real, (theme, size)


async def test_the_first_frame_shows_the_sketch_and_the_keys_follow(monkeypatch):
    seen = []
    real = MainScreen._compositor_refresh

    def refresh(self):
        drawn = not self.app._batch_count
        real(self)
        if drawn and not seen:
            footer = self.query_one("FitFooter")
            seen.append((len(footer.children), footer._sketch is not None))

    monkeypatch.setattr(MainScreen, "_compositor_refresh", refresh)
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        footer = app.screen.query_one("FitFooter")
        assert seen == [(0, True)]
        assert len(footer.query("FooterKey")) == 9 and footer._sketch is None


async def test_a_footer_with_a_group_of_keys_is_made_as_widgets_at_once():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("a")
        await pilot.pause()
        footer = app.screen.query_one("FitFooter")
        groups, shown, palette = footer._plan()
        assert any(g is not None and len([a for a, _ in m if a in shown]) > 1 for g, m in groups)
        assert footer._sketch_of(groups, shown, palette, app.size.width) is None
        assert footer.query("KeyGroup")
