"""`/` opens the search without importing what the first keys typed after it do not need.

The keys typed right after `/` wait for the search screen: everything the UI thread does before it
takes them (and draws them) is an echo that much later. Importing the search index's modules
(`explorer.core.search` imported them all for the search screen's one table of kind titles: ~10
ms of CPU) or Textual's TextArea (imported only to ask whether the focused widget is one: ~14 ms)
there held those keys back; the index is imported by the first search, on its worker thread."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO

SCRIPT = r"""
import asyncio, json, os, sys
from pathlib import Path
from explorer.app.app import FactexApp
from explorer.core.loading.config import Settings

async def main():
    import explorer.app.screens.search  # (what importing the search screen imports: nothing else runs yet)
    imported = sorted(m for m in sys.modules if m.startswith("explorer.core.search"))
    root = Path(sys.argv[1])
    app = FactexApp(root, watch=False, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        while app.search_index is None:  # (a small workspace's index is built at once, on a worker)
            await pilot.pause(0.01)
        before = set(sys.modules)
        await pilot.press("slash")
        await pilot.pause()
        screen = type(app.screen).__name__
    print(json.dumps({"imported": imported, "screen": screen, "new": sorted(set(sys.modules) - before)}))

asyncio.run(main())
"""


def test_the_search_opens_without_the_index_or_the_text_area_modules(tmp_path):
    (tmp_path / "facts").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTEX_", "XDG_"))}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True,
                         cwd=REPO, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["imported"] == ["explorer.core.search", "explorer.core.search.kinds"]
    assert got["screen"] == "SearchScreen"
    assert not [m for m in got["new"] if m.startswith("textual.widgets._text_area")]


def test_the_search_package_gives_each_name_from_its_module():
    import explorer.core.search as search
    from explorer.core.errors import QueryError
    from explorer.core.search import index, kinds, query, results, run, score

    for name in search.__all__:
        assert getattr(search, name) is not None, name
    assert search.SearchIndex is index.SearchIndex and search.KIND_TITLES is kinds.KIND_TITLES
    assert search.parse_query is query.parse_query and search.Results is results.Results
    assert search.SearchCancelled is run.SearchCancelled and search.score_term is score.score_term
    assert search.QueryError is QueryError
    assert set(search.__all__) <= set(dir(search))
    try:
        search.no_such_name  # noqa: B018
    except AttributeError:
        pass
    else:
        raise AssertionError("an unknown name is an AttributeError")


async def test_the_search_opens_with_one_layout_and_no_restyle_of_what_was_just_styled(monkeypatch):
    """Textual restyled every node of the search screen as it was first shown (styled as they
    mounted, a moment before), and the screen's first layout sent it a Resize to that very
    size, for which it was laid out again, the view beneath it too: ~8 ms of CPU as the keys
    typed after `/` waited. A terminal resized while it is open still lays both out."""
    from textual.css.stylesheet import Stylesheet
    from textual.screen import Screen

    from explorer.app.app import FactexApp
    from explorer.app.screens.search import SearchScreen

    from apphelpers import ready, wait_for

    restyled: list = []
    laid_out: list = []
    update_nodes = Stylesheet.update_nodes
    refresh_layout = Screen._refresh_layout

    def recording_update_nodes(self, nodes, animate=False):
        nodes = list(nodes)
        restyled.append(nodes)
        return update_nodes(self, nodes, animate)

    def recording_refresh_layout(self, size=None, scroll=False):
        laid_out.append((type(self).__name__, size))
        return refresh_layout(self, size, scroll)

    monkeypatch.setattr(Stylesheet, "update_nodes", recording_update_nodes)
    monkeypatch.setattr(Screen, "_refresh_layout", recording_refresh_layout)
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        # the footer's key widgets replace its first frame's sketch once that frame is drawn (a
        # layout of the main view): a start from the card cache's snapshot can be ready before
        # (it failed so in a full run, a test of the worker having stored the cache first)
        from explorer.app.footer import FitFooter

        await wait_for(pilot, lambda: bool(app.main_screen.query(FitFooter)))
        footer = app.main_screen.query_one(FitFooter)
        await wait_for(pilot, lambda: footer._sketch is None and bool(footer.children))
        await pilot.pause()
        restyled.clear()
        laid_out.clear()
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert not [nodes for nodes in restyled if screen in nodes]  # (the screen and all below it: not again)
        assert [name for name, _ in laid_out if name != "SearchScreen"] == []  # (not the view beneath)
        assert [size for name, size in laid_out if name == "SearchScreen" and size is not None] == [app.size]
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        await wait_for(pilot, lambda: screen.query_one("#search-box").outer_size.width == 72)  # (90% of 80 columns)
        assert app.main_screen._compositor.size == (80, 30)


async def test_the_keys_typed_after_slash_echo_from_the_search_box_s_first_frame(monkeypatch):
    """The keys a person types right after `/` wait for the search box to take them. It took them
    after the next refresh as Textual runs it (a layout and a frame after the first), and its
    footer's key widgets were made right after the first frame (20-70 ms: mounted, styled, laid
    out, drawn), as the second and third keys came. Now the input takes keys at the first frame,
    and the footer keeps its sketch (the very cells of its keys) until the typing pauses.
    (per-key echo, the app idle, `/` then 12 keys 60 ms apart in a real terminal, medians of 9
    interleaved runs on tests/real/cnn: see the commit that made it so)"""
    from textual.widgets._footer import FooterKey

    from explorer.app.app import FactexApp
    from explorer.app.screens.search import SearchScreen
    from explorer.app.footer import FitFooter

    from apphelpers import ready, wait_for

    frames: list = []
    refresh = SearchScreen._compositor_refresh

    def counted(self):
        if not self._taking_keys:
            frames.append(self)
        return refresh(self)

    monkeypatch.setattr(SearchScreen, "_compositor_refresh", counted)
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"kim")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await wait_for(pilot, lambda: screen.search_field.value == "kim")
        assert len(frames) == 1  # (the keys taken once the box was drawn once)
        footer = screen.query_one(FitFooter)
        assert footer._sketch is not None and not footer.query(FooterKey)  # (not made while the keys come)
        app._last_key = 0.0  # (the typing paused)
        await wait_for(pilot, lambda: footer._sketch is None and bool(footer.query(FooterKey)))
