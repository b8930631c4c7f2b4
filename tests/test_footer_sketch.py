"""The footer's first keys are drawn as one line (FitFooter's sketch; on the main view's first frame,
FooterSketch, which FitFooter replaces) and made as widgets once that frame is on screen: the
sketch must draw exactly the cells the key widgets draw."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region

from explorer.app.app import FactexApp
from explorer.app.screens.main import MainScreen
from explorer.app.widgets import FooterSketch

from apphelpers import ready, wait_for

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
async def test_the_sketch_and_the_stand_in_draw_the_cells_of_the_keys_in_every_theme(size):
    """FitFooter's sketch, and FooterSketch in FitFooter's place, draw the line its key widgets
    drew. Every theme at 120 columns; at the others, a dark, a light, and one whose footer keys
    have a background of their own. (One app and one pass over the themes for the key widgets'
    line, which both are compared with: each theme change restyles and redraws the whole screen.)"""
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: bool(app.screen.query("FooterKey")))
        footer = app.screen.query_one("FitFooter")
        assert footer.query("FooterKey") and footer._sketch is None  # (the widgets, once drawn)
        themes = sorted(app.available_themes) if size[0] == 120 else ["textual-dark", "textual-light", "solarized-light"]
        real = {}
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            real[theme] = _cells(app.screen._compositor.render_strips()[-1])
            assert _sketched(footer) == real[theme], (theme, size)
        stand_in = FooterSketch(None)  # (stays: nothing replaces it)
        await app.screen.mount(stand_in, after=footer)
        await footer.remove()
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            assert _cells(app.screen._compositor.render_strips()[-1]) == real[theme], (theme, size)


async def test_the_first_frame_shows_the_sketch_and_the_keys_follow(monkeypatch):
    """The main view's first frame has FooterSketch, not Textual's Footer (whose module is not
    imported by then); FitFooter replaces it with its key widgets, and no cell of the line changes."""
    import sys

    seen = []
    real = MainScreen._compositor_refresh

    def refresh(self):
        drawn = not self.app._batch_count
        real(self)
        if drawn and not seen:
            seen.append((len(self.query(FooterSketch)), len(self.query("FitFooter")), "textual.widgets._footer" in sys.modules,
                         _cells(self._compositor.render_strips()[-1])))

    monkeypatch.delitem(sys.modules, "textual.widgets._footer", raising=False)
    monkeypatch.delitem(sys.modules, "explorer.app.footer", raising=False)
    monkeypatch.setattr(MainScreen, "_compositor_refresh", refresh)
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: bool(app.screen.query("FitFooter")))
        await pilot.pause()
        footer = app.screen.query_one("FitFooter")
        assert [s[:3] for s in seen] == [(1, 0, False)]
        assert len(footer.query("FooterKey")) == 9 and footer._sketch is None and not app.screen.query(FooterSketch)
        assert _cells(app.screen._compositor.render_strips()[-1]) == seen[0][3]


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


async def test_the_app_or_its_screen_gone_while_the_keys_are_made_is_no_error(monkeypatch):
    """FitFooter takes the stand-in's place with an await in between (mounting it): the app may
    end meanwhile (q typed as the footer is swapped; a test's app closing under load). Reading the
    new footer's keys then raised NoScreen ("node has no screen") from the swap."""
    monkeypatch.setattr(FooterSketch, "_replace_later", lambda self, now=False: None)  # (swapped below)
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        sketch = app.screen.query_one(FooterSketch)
        screen = sketch.screen
        real_mount = screen.mount

        async def mount_then_gone(widget, *args, **kwargs):
            await real_mount(widget, *args, **kwargs)
            await widget.remove()  # (what the app ending does to it)

        monkeypatch.setattr(screen, "mount", mount_then_gone)
        await sketch.replace(now=True)  # raised NoScreen
        assert not app.screen.query("FitFooter")
