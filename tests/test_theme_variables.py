"""The app's CSS variables are Textual's for the theme in use, worked out once a theme."""

from __future__ import annotations

from textual.app import App
from textual.theme import Theme

from explorer.app.app import FactexApp

from conftest import REPO


async def test_each_themes_variables_are_textuals_and_made_once(monkeypatch):
    made = []
    to_color_system = Theme.to_color_system

    def counted(self):
        made.append(self.name)
        return to_color_system(self)

    monkeypatch.setattr(Theme, "to_color_system", counted)
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for name in ("textual-light", "nord", "textual-dark", "textual-light", "nord"):
            app.theme = name
            await pilot.pause()
            made.clear()
            mine = app.get_css_variables()
            assert made == []  # (the theme's variables were made when it was set)
            assert mine == App.get_css_variables(app) and mine is not app.get_css_variables()
            assert app.stylesheet._variables == mine
