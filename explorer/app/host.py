"""What a screen may read of the app it runs in, as a type: the screens annotate `app: Host` and so
never import the App (which imports them). To change what is shown or touch a file, a screen posts
a message (explorer.app.messages) instead. The App (explorer.app.app.FactexApp) is the one Host;
tests/test_contracts.py checks it has everything named here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App as _App

    from explorer.app.turns import UiFirst
    from explorer.core.loading.config import Settings
    from explorer.core.search import SearchIndex
    from explorer.core.loading.loader import FactBase
else:
    # (a type checker reads an App; the running program needs only the names below, and a
    # subclass of App is ~1.8 M instructions to make: Textual's __init_subclass__ walks all of it)
    _App = object


class Host(_App):
    """Not instantiated: a description of FactexApp for the screens' annotations."""

    root: Path
    settings: Settings
    base: FactBase | None  # None until the first load lands
    search_index: SearchIndex | None
    last_query: str | None
    ui_first: UiFirst  # (a worker steps aside while a key or results are drawn)

    def ensure_search_index(self, base: FactBase, damaged: SearchIndex | None = None) -> SearchIndex: ...


HOST_METHODS = ("ensure_search_index",)


class ShowsFacts:
    """A screen that shows the fact base: it reads `app.base` when it mounts, and the App gives it
    each new base (after a reload) with `show_base(base)` once it is mounted."""

    def show_base(self, base: FactBase) -> None:
        raise NotImplementedError
