"""Helpers for driving the app with the Pilot."""

from __future__ import annotations

import asyncio


async def wait_for(pilot, predicate, timeout: float = 10.0):
    """Let the app run until `predicate()` holds (workers finish, messages land)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)


async def ready(pilot, timeout: float = 10.0):
    app = pilot.app
    import importlib.util

    has_search = importlib.util.find_spec("explorer.core.search") is not None
    await wait_for(pilot, lambda: app.base is not None and (app.search_index is not None or not has_search), timeout)
    # the mentions (entity pane counts, names in the article) are found by a worker after the load
    await wait_for(pilot, lambda: app.mentions_shown is app.base, timeout)
    await pilot.pause()




def palette_settled(app, typed: str) -> bool:
    """The command palette is open with `typed` in its input and has listed the commands that
    match it: its search (a worker that gathers from the providers) has ended."""
    from textual.command import CommandList, CommandPalette
    from textual.widgets import Input

    palette = app.screen
    if not isinstance(palette, CommandPalette) or palette.query_one(Input).value != typed:
        return False
    if any(w.node is palette and w.group == CommandPalette._GATHER_COMMANDS_GROUP and not w.is_finished
           for w in app.workers):
        return False
    return palette.query_one(CommandList).option_count > 0


async def open_uncarded(pilot):
    """From the main view: the article view (a), then its uncarded names (c); the names' screen."""
    from explorer.app.screens.article import ArticleScreen
    from explorer.app.screens.suggestions import SuggestionList

    app = pilot.app
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(app.screen, SuggestionList))
    return app.screen
