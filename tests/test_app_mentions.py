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
