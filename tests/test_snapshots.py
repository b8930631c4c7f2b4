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
        await pilot.press("a", "g", "tab", "tab", "tab", "tab", "tab", "j")  # from the top: a cited span, then reading on
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


# -- every screen at three terminal sizes (issue 13, item 8) ------------------------------------

SIZES = {"120x40": (120, 40), "80x24": (80, 24), "60x20": (60, 20)}


def _problem_workspace(tmp_path):
    import shutil

    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copytree(REPO / "facts", tmp_path / "facts")
    (tmp_path / "facts" / "broken.yaml").write_text(
        "kind: relation\nsubject: putin\npredicate: met\nobject: kim-jong-un\nevidence: [not in the article]\n")
    return tmp_path


async def _main(pilot):
    await ready(pilot)
    await pilot.press("tab")
    await pilot.pause()


async def _article(pilot):
    await ready(pilot)
    await pilot.press("a", "g", "tab", "tab", "j")  # (from the top)
    await pilot.pause()


async def _search(pilot):
    await ready(pilot)
    await pilot.press("slash", *"aurus")
    search = pilot.app.screen
    # (the final query's results: a prefix's may be listed for a moment on a busy machine)
    await wait_for(pilot, lambda: search.shown_query == "aurus" and any(kind == "hit" for kind, _ in search.rows))
    # The cursor shown, not blinking: a blink under load drew it off now and then.
    search.search_field.cursor_blink = False
    await pilot.pause()


async def _problems(pilot):
    await ready(pilot)
    await pilot.press("exclamation_mark")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", ["main", "article", "search", "problems"])
def test_screen_at_size(snap_compare, tmp_path, screen, size):
    root = _problem_workspace(tmp_path) if screen == "problems" else REPO
    before = {"main": _main, "article": _article, "search": _search, "problems": _problems}[screen]
    assert snap_compare(FactexApp(root, watch=False), terminal_size=SIZES[size], run_before=before)
