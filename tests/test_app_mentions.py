"""Mentions in the app: the counts beside each entity, names styled in the article, m / M."""

from __future__ import annotations

import pytest

from explorer.app import render
from explorer.app.app import FactexApp
from explorer.app.screens.article import ArticleScreen
from explorer.core.mentions import found_mentions
from explorer.core.navigation import Location

from apphelpers import ready, wait_for
from conftest import REPO

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _fixed_theme(monkeypatch):
    monkeypatch.setenv("FACTEX_THEME", "textual-dark")


async def test_entity_pane_shows_mention_count_beside_relation_count():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = app.main_screen
        mentions = found_mentions(app.base)
        i = main._entity_index("kim-jong-un")
        left, right = main._render_entity(i)
        assert right.plain.split() == [str(len(app.base.relations_of("kim-jong-un"))), str(mentions.count("kim-jong-un"))]
        assert main.query_one("#entities").border_subtitle == "relations · mentions"


async def test_m_steps_through_the_entitys_mentions_and_styles_them():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = app.main_screen
        main.go_to(Location(entity="kim-il-sung"))
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen) and app.screen.mention_index == 0)
        screen = app.screen
        source = app.base.sources[screen.source_id]
        [only] = found_mentions(app.base).of("kim-il-sung")
        assert source.text[only.start : only.end] == "Kim Il Sung"
        cites = screen.query_one("#article-cites").render()
        assert "Mention 1 of 1 of Kim Il Sung" in str(cites)
        # the paragraph shows the stepped-to mention in its own style, other names in the mention style
        p = source.paragraph_of(only.start) - 1
        content = screen._paragraph_content(p)
        pstart = source.paragraphs[p][0]
        styles_at = lambda offset: {str(s.style) for s in content.spans if s.start <= offset - pstart < s.end}
        assert render.MENTION_CURRENT_STYLE in styles_at(only.start)
        kim = next(m for m in found_mentions(app.base).in_source(screen.source_id)
                   if m.entity == "kim-jong-un" and source.paragraph_of(m.start) == p + 1)
        assert render.MENTION_STYLE in styles_at(kim.start)
        # the cited-span style is not the mention style: a reader tells them apart
        assert render.MENTION_STYLE not in (render.CITED_STYLE, render.QUOTE_STYLE)


async def test_m_and_M_wrap_round_the_mentions():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("m")  # Kim Jong Un, the first entity
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen) and app.screen.mention_index == 0)
        screen = app.screen
        total = len(found_mentions(app.base).of("kim-jong-un"))
        await pilot.press("m", "m")
        assert screen.mention_index == 2
        await pilot.press("M", "M", "M")
        assert screen.mention_index == total - 1
        await pilot.press("j")  # moving the span cursor shows the span again
        assert "Mention" not in str(screen.query_one("#article-cites").render())


@pytest.mark.parametrize("name", ["Jones", "Bob", "Bob Jones", "Smith met Bob"])
async def test_a_flawed_cards_mention_shown_over_a_checked_ones_is_drawn_alone(ws, name):
    """A ⚠ card's mention (its quote is not in the source: found apart, in no source's list)
    that m/M steps to is drawn whole in the current mention's style, and the checked cards'
    mentions it overlaps keep their style on their other letters only: never two styles on one
    letter (they were both applied: the checked one's under the ⚠ one's, or, starting at the same
    letter, the checked one alone as if it were the current). The ⚠ names cover the cases: the end
    of a checked name, its start, the same span, and two checked names at once."""
    ws.basic()
    ws.card("flawed-one.yaml", f"kind: entity\nname: {name}\ntype: person\nevidence: [Nobody said this at all]\n")
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "flawed-one" in app.base.flawed and "flawed-one" not in app.base.entities
        app.show_mentions("flawed-one")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen) and app.screen._current_mention() is not None)
        screen = app.screen
        current = screen._current_mention()
        source = app.base.sources[screen.source_id]
        assert source.text[current.start : current.end] == name
        pstart, pend = source.paragraphs[source.paragraph_of(current.start) - 1]
        marks = screen.mention_marks(pstart, pend)
        assert all(b <= c for (_, b, _), (c, _, _) in zip(marks, marks[1:])), marks  # one style a letter
        assert (current.start, current.end, render.MENTION_CURRENT_STYLE) in marks
        checked = [m for m in found_mentions(app.base).in_source(screen.source_id) if pstart <= m.start < pend]
        assert any(m.start < current.end and m.end > current.start for m in checked)  # (the case at stake)
        for m in checked:
            for at in range(m.start, m.end):
                if not current.start <= at < current.end:
                    assert any(a <= at < b and style in (render.MENTION_STYLE, render.MENTION_FOCUS_STYLE)
                               for a, b, style in marks), (m, at, marks)
        content = screen._paragraph_content(source.paragraph_of(current.start) - 1)
        styles_at = lambda offset: {str(s.style) for s in content.spans if s.start <= offset - pstart < s.end}
        for at in range(current.start, current.end):
            assert render.MENTION_CURRENT_STYLE in styles_at(at)
            assert not styles_at(at) & {render.MENTION_STYLE, render.MENTION_FOCUS_STYLE}
