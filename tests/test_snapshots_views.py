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


VIEWS = {"timeline": _timeline, "voices": _voices}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", VIEWS)
def test_view_at_size(snap_compare, view, size):
    assert snap_compare(FactexApp(REPO, watch=False), terminal_size=SIZES[size], run_before=VIEWS[view])
