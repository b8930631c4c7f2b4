"""SVG snapshots of the timeline, voices and suggestion views at three sizes (update with
`pytest tests/test_snapshots_views.py --snapshot-update`, then look at them). The README shows the
120x40 ones."""

import pytest

from explorer.app.app import FactexApp

from apphelpers import ready, wait_for
from conftest import REPO

SIZES = {"120x40": (120, 40), "80x24": (80, 24), "60x20": (60, 20)}


@pytest.fixture(autouse=True)
def _fixed_theme(monkeypatch):
    monkeypatch.setenv("FACTEX_THEME", "textual-dark")


async def _timeline(pilot):
    from explorer.app.screens.timeline import TimelineScreen

    await ready(pilot)
    await pilot.press("t")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, TimelineScreen))
    await pilot.press("j", "j", "j", "j", "j")  # Kim Jong Un met Vladimir Putin, last September
    await pilot.pause()


async def _voices(pilot):
    from explorer.app.screens.voices import VoicesScreen

    await ready(pilot)
    await pilot.press("w")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, VoicesScreen))
    await pilot.press("j", "j", "j", "j")  # KCNA relays Kim Yo Jong's claim
    await pilot.pause()


async def _suggestions(pilot):
    from explorer.app.screens.article import ArticleScreen
    from explorer.app.screens.suggestions import SuggestionList

    await ready(pilot)
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ArticleScreen))
    await pilot.press("g", "c")  # (the article from the top)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SuggestionList))
    await pilot.press("j", "j")
    await pilot.pause()


def _uncarded(tmp_path):
    """The shipped article with its entity cards less five, and no relations (as in test_app_views)."""
    import shutil

    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copytree(REPO / "facts" / "entities", tmp_path / "facts" / "entities")
    for name in ("dmitry-peskov", "john-kirby", "tass", "kremlin", "pak-jong-chon"):
        (tmp_path / "facts" / "entities" / f"{name}.yaml").unlink()
    return tmp_path


VIEWS = {"timeline": _timeline, "voices": _voices, "suggestions": _suggestions}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", VIEWS)
def test_view_at_size(snap_compare, tmp_path, view, size):
    root = _uncarded(tmp_path) if view == "suggestions" else REPO
    assert snap_compare(FactexApp(root, watch=False), terminal_size=SIZES[size], run_before=VIEWS[view])
