"""SVG snapshots of the sources view and the source filter (update with `pytest --snapshot-update`)."""

import pytest

from apphelpers import ready, wait_for
from conftest import REPO
from explorer.app.app import FactexApp


@pytest.fixture(autouse=True)
def _fixed_theme(monkeypatch):
    monkeypatch.setenv("FACTEX_THEME", "textual-dark")


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_sources_view(snap_compare, size):
    async def before(pilot):
        from explorer.app.screens.sources import SourcesScreen

        await ready(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SourcesScreen))
        await pilot.pause()

    assert snap_compare(FactexApp(REPO, watch=False), terminal_size=size, run_before=before)


CORPUS = REPO / "examples" / "corpus"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_sources_view_of_the_example_corpus(snap_compare, size):
    """Four sources, oldest first; the cursor on Reuters."""

    async def before(pilot):
        from explorer.app.screens.sources import SourcesScreen

        await ready(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SourcesScreen))
        await pilot.press("g", "j")
        await pilot.pause()

    assert snap_compare(FactexApp(CORPUS, watch=False), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen_filtered_to_one_source(snap_compare, size):
    """`s` twice: the panes keep the facts the Reuters story backs; the titles and the status line say so."""

    async def before(pilot):
        await ready(pilot)
        await pilot.press("s", "s")
        await wait_for(pilot, lambda: pilot.app.main_screen.source_filter == "parasite-scores-historic-upset-at-sag")
        await pilot.pause()

    assert snap_compare(FactexApp(CORPUS, watch=False), terminal_size=size, run_before=before)
