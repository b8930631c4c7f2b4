"""The search screen is made once and shown again by each `/` (FactexApp.action_search): its
input takes the first key typed after `/` at once. Shown again, it is as a new one would be:
the last query, selected, its results listed from the top and searched again after a reload."""

from __future__ import annotations

from explorer.app.app import FactexApp
from explorer.app.screens.main import MainScreen
from explorer.app.screens.search import SearchScreen
from apphelpers import ready, wait_for

SIZE = (120, 40)


def hits(screen, kind: str | None = None) -> list[str]:
    return [value.text for row, value in screen.rows if row == "hit" and kind in (None, value.kind)]


async def test_slash_shows_the_one_search_screen_with_the_last_query_selected(ws):
    ws.basic()
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", "b", "o", "b")
        first = app.screen
        assert isinstance(first, SearchScreen)
        await wait_for(pilot, lambda: first.shown_query == "bob")
        first.results_list.move_to(len(first.rows) - 1)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.last_query == "bob"
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        again = app.screen
        assert again is first  # the same screen, not composed again
        field = again.search_field
        assert field.value == "bob" and field.selected_text == "bob" and field.has_focus
        assert hits(again) and again.results_list.cursor == 1  # (row 0: the group's title)
        await pilot.press("a", "l")  # typing replaces the query
        await wait_for(pilot, lambda: again.shown_query == "al")
        assert field.value == "al" and any("Alice" in h for h in hits(again))
        await pilot.press("enter")  # and a pick goes where it says
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.last_query == "al"
        await pilot.press("slash", "b", "o")  # the keys right after `/` go into the input, in order
        await wait_for(pilot, lambda: again.shown_query == "bo")
        assert app.screen is again and field.value == "bo"


async def test_the_search_shown_again_after_a_reload_lists_the_new_facts(ws):
    ws.basic()
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", "j", "o", "n", "e", "s")
        screen = app.screen
        await wait_for(pilot, lambda: screen.shown_query == "jones")
        assert [h for h in hits(screen, "entity") if "Jones" in h] == ["Bob Jones"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        ws.card("bob.yaml", "kind: entity\nname: Robert Jones\ntype: person\nevidence: [Bob said]\n")
        old = app.base
        app.load_facts(True)
        await wait_for(pilot, lambda: app.base is not old and app.base.entities["bob"].name == "Robert Jones")
        await pilot.press("slash")
        await wait_for(pilot, lambda: app.screen is screen and screen._listed_base is app.base)
        assert screen.search_field.value == "jones"
        assert [h for h in hits(screen, "entity") if "Jones" in h] == ["Robert Jones"]


async def test_a_query_cleared_and_closed_gives_the_last_one_again(ws):
    """As when each `/` made a new screen: closing with an empty input keeps the last query."""
    ws.basic()
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", "b", "o", "b", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("slash", "backspace")
        screen = app.screen
        await wait_for(pilot, lambda: screen.search_field.value == "")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        assert screen.search_field.value == "bob" and screen.search_field.selected_text == "bob"
        await wait_for(pilot, lambda: screen.shown_query == "bob")
        assert hits(screen)
