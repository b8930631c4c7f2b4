"""SVG snapshots of the main screens at a fixed size (update with `pytest --snapshot-update`)."""

import pytest

from explorer.app.app import FactexApp

from apphelpers import ready, wait_for
from conftest import REPO

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _fixed_theme(monkeypatch):
    monkeypatch.setenv("FACTEX_THEME", "textual-dark")


def test_main_screen(snap_compare):
    assert snap_compare(FactexApp(REPO, watch=False), terminal_size=SIZE, run_before=ready)


def test_main_screen_relation_evidence(snap_compare):
    async def before(pilot):
        await ready(pilot)
        await pilot.press("tab", "j", "j", "j")
        main = pilot.app.main_screen
        await wait_for(pilot, lambda: main.relation == main.relation_ids[3] and main._showing[1] == main.relation)
        await pilot.pause()

    assert snap_compare(FactexApp(REPO, watch=False), terminal_size=SIZE, run_before=before)


def test_main_screen_narrow(snap_compare):
    assert snap_compare(FactexApp(REPO, watch=False), terminal_size=(80, 24), run_before=ready)


def test_article_view(snap_compare):
    async def before(pilot):
        await ready(pilot)
        await pilot.press("a", "tab", "tab", "tab", "tab", "tab", "j")  # a cited span, then reading on
        await pilot.pause()

    assert snap_compare(FactexApp(REPO, watch=False), terminal_size=SIZE, run_before=before)


def test_help_screen(snap_compare):
    async def before(pilot):
        await ready(pilot)
        await pilot.press("question_mark")

    assert snap_compare(FactexApp(REPO, watch=False), terminal_size=SIZE, run_before=before)


def test_article_mentions(snap_compare):
    """Names of entities in the mention style; m has stepped to a mention of Vladimir Putin."""

    async def before(pilot):
        from explorer.core.navigation import Location

        await ready(pilot)
        pilot.app.main_screen.go_to(Location(entity="vladimir-putin"))
        await pilot.press("m", "m", "m")
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "mention_index", -1) == 2)
        await pilot.pause()

    assert snap_compare(FactexApp(REPO, watch=False), terminal_size=SIZE, run_before=before)
