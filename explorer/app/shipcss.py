"""`python -m explorer.app.shipcss`: write the parsed CSS shipped with factex (explorer/app/stylecache.py).

Run it after changing factex.tcss, a widget's DEFAULT_CSS or Textual's version:
tests/test_stylecache.py fails until it is run.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from explorer.app import stylecache
from explorer.app.app import FactexApp


def ship(path=None, themes=("textual-dark", "textual-light")) -> int:
    """Write stylecache.SHIPPED: the rules of every piece of CSS a first start of the article parses in each
    of `themes`, and the search it opens with `/` (the app run headless on this repository, nothing
    kept or shipped read), each
    piece pickled alone and checked to read back. Returns how many pieces it holds."""
    import asyncio

    version = stylecache._shipped_version()
    if version is None:
        raise SystemExit("Textual's version is not found: nothing written")
    repo = Path(__file__).resolve().parents[2]
    pieces: dict = {}

    async def start(theme: str) -> None:
        os.environ["FACTEX_THEME"] = theme
        app = FactexApp(repo, watch=False)
        if app.theme != theme:  # (the user's settings chose another)
            raise SystemExit(f"the theme is {app.theme}, not {theme}: run with FACTEX_CONFIG=/nonexistent")
        stylecache.install(app, shipped=False)
        app.stylesheet.kept = {}
        async with app.run_test(size=(120, 40), tooltips=True, notifications=True) as pilot:
            await pilot.pause()  # (tooltips and notifications on, as in a terminal: their widgets' CSS)
            # The search, as `/` opens it: its CSS parsed as the keys typed after `/` wait.
            await pilot.press("slash")
            await pilot.pause()
        sheet = app.stylesheet
        sheet._packages = stylecache._packages()
        pieces[(stylecache.VARIABLES, repr(app.current_theme))] = pickle.dumps(
            app.current_theme.to_color_system().generate(), protocol=pickle.HIGHEST_PROTOCOL)
        for key, rules in sheet.parsed.items():
            portable = sheet._shipped_key(key)
            data = stylecache.pickled(rules)
            if portable is not None and data is not None:
                pieces[portable] = data

    theme_before = os.environ.get("FACTEX_THEME")
    try:
        for theme in themes:
            asyncio.run(start(theme))
    finally:
        if theme_before is None:
            os.environ.pop("FACTEX_THEME", None)
        else:
            os.environ["FACTEX_THEME"] = theme_before
    with open(stylecache.SHIPPED if path is None else path, "wb") as fh:
        pickle.dump({"v": stylecache.VERSION, "textual": version, "pieces": dict(sorted(pieces.items(), key=repr))}, fh,
                    protocol=pickle.HIGHEST_PROTOCOL)
    return len(pieces)


if __name__ == "__main__":
    print(f"{stylecache.SHIPPED}: {ship()} pieces of parsed CSS")
