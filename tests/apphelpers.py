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


async def press_at_once(pilot, *keys: str):
    """Press `keys` as `pilot.press` does (the same key events, in the same order, through the
    app's own queue), but without Textual's wait for the app to be idle after each key (two waits
    of at least 20 ms of wall time a key): the events are all queued, then the app handles them in
    turn and the Pilot waits once, as when a terminal delivers several keys in one read. For typing
    where what matters is the result of the keys, not a screen between two of them. Keys that
    arrive together are not all handled in their order: a printable key is inserted by the focused
    input at once, a key it handles by a binding (backspace, delete, the arrows, home, end)
    bubbles up to the app first, so it may take effect after printable keys that follow it
    (Textual 8.2.8: backspace then "s" typed together into "zed" gives "zed", one at a time
    "zes"). Where the order of such keys matters, press them one at a time (`pilot.press`)."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    app = pilot.app
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        original = REPLACED_KEYS.get(key, key)
        try:
            char = unicodedata.lookup(_get_unicode_name_from_key(original))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app.post_message(event)
    await pilot._wait_for_screen()
    await pilot.pause()
