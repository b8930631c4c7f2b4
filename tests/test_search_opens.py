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
