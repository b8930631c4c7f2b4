"""The sources view (`o`, and the palette), the source filter on the main panes (`f` there, `s`/`S`
on the main screen, Esc clears), and the workspace named in the status line."""

from __future__ import annotations

import pytest

from apphelpers import ready, wait_for
from explorer.app.app import FactexApp
from explorer.app.screens.article import ArticleScreen
from explorer.app.screens.main import MainScreen
from explorer.app.screens.sources import SourcesScreen
from explorer.app.widgets import VirtualList
from explorer.core.loading.config import Settings


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def corpus(tmp_path):
    """Three sources (one undated, one with nothing cited) and five cards; Bob is in two."""
    root = tmp_path / "three-papers"
    _write(root / "seeds" / "alpha.txt", "Alpha headline\n\nAlice met Bob in Paris. It rained.\n")
    _write(root / "seeds" / "alpha.yaml", "title: Alpha headline\noutlet: The Alpha Times\npublished: '2024-01-05'\n")
    _write(root / "seeds" / "beta.txt", "Beta headline\n\nBob met Carol in Rome. Carol left.\n")
    _write(root / "seeds" / "beta.yaml", "title: Beta headline\noutlet: Beta Wire\nauthors: [B. Writer]\npublished: '2024-02-01'\n")
    _write(root / "seeds" / "gamma.txt", "Gamma headline\n\nNothing here is cited by any card at all.\n")
    _write(root / "facts" / "alice.yaml", "kind: entity\nname: Alice\ntype: person\nevidence:\n  - quote: Alice met Bob\n")
    _write(root / "facts" / "bob.yaml", "kind: entity\nname: Bob\ntype: person\nevidence:\n  - quote: Bob met Carol\n")
    _write(root / "facts" / "carol.yaml", "kind: entity\nname: Carol\ntype: person\nevidence:\n  - quote: Carol left\n")
    _write(root / "facts" / "dave.yaml", "kind: entity\nname: Dave\ntype: person\nevidence:\n  - quote: It rained\n")
    _write(root / "facts" / "alice-met-bob.yaml",
           "kind: relation\nsubject: alice\npredicate: met\nobject: bob\nevidence:\n  - quote: Alice met Bob in Paris\n")
    _write(root / "facts" / "bob-met-carol.yaml",
           "kind: relation\nsubject: bob\npredicate: met\nobject: carol\nevidence:\n  - quote: Bob met Carol in Rome\n")
    return root


def app_for(root) -> FactexApp:
    return FactexApp(root, watch=False, settings=Settings())


def entity_ids(main: MainScreen) -> list[str]:
    return [value for kind, value, _ in main.entity_rows if kind == "e"]


def fitted(row, width: int = 100) -> str:
    left, right = row.fit(width)
    return " ".join(left.plain.split()) + " | " + " ".join(right.plain.split())


async def test_o_opens_the_sources_view_with_every_source_oldest_first(corpus):
    app = app_for(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen))
        screen = app.screen
        assert [s.source.id for s in screen.stats] == ["alpha", "beta", "gamma"]  # undated last
        counts = [(s.source.id, s.entities, s.relations) for s in screen.stats]
        assert counts == [("alpha", 2, 1), ("beta", 2, 1), ("gamma", 0, 0)]
        rows = [fitted(screen.query_one("#sources", VirtualList)._render(i)) for i in range(3)]
        assert rows[0].startswith("Alpha headline") and "The Alpha Times · 2024-01-05" in rows[0]
        assert rows[0].endswith("| 3 cards 67%")  # headline, 2 sentences: "Alice met Bob in Paris." and "It rained." cited
        assert rows[2].endswith("| 0 cards 0%")
        head = screen.query_one("#sources-head").render().plain
        assert "Sources of three-papers" in head and "3 sources" in head
        await pilot.press("j")
        detail = screen.query_one("#sources-detail").render().plain
        assert "Beta Wire · B. Writer · published 2024-02-01" in detail and "seeds/beta.txt · seeds/beta.yaml" in detail
        assert "1 entity and 1 relation quote it" in detail or "2 entities and 1 relation quote it" in detail
        await pilot.press("j", "e")  # gamma has no sidecar: e says what to write
        assert any(n.message.startswith("gamma has no sidecar to edit: write seeds/gamma.yaml")
                   for n in app._notifications)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen))
        await pilot.press("o")  # the same key closes it
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_enter_opens_the_article_of_the_highlighted_source(corpus):
    app = app_for(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("o", "j", "j", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        assert app.screen.source_id == "gamma"
        await pilot.press("S")  # and S steps back through the sources, as the view lists them
        await wait_for(pilot, lambda: app.screen.source_id == "beta")
        await pilot.press("s", "s")
        await wait_for(pilot, lambda: app.screen.source_id == "alpha")


async def test_f_limits_the_panes_to_the_facts_one_source_backs_and_esc_shows_all_again(corpus):
    app = app_for(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main_screen
        assert sorted(entity_ids(main)) == ["alice", "bob", "carol", "dave"]
        await pilot.press("o", "j", "f")  # beta
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen) and main.source_filter == "beta")
        assert sorted(entity_ids(main)) == ["bob", "carol"]  # alice and dave are only in alpha
        title = str(main.query_one("#entities").border_title)
        assert title == "Entities · from Beta headline (2)"
        status = main.query_one("#status").render().plain
        assert "from Beta headline" in status and "esc all" in status
        main.go_to(main.location().__class__(entity="bob"))
        await pilot.pause()
        assert main.relation_ids == ["bob-met-carol"]  # not alice-met-bob, from alpha
        assert "from Beta headline" in str(main.query_one("#relations").border_title)
        await pilot.press("escape")
        await wait_for(pilot, lambda: main.source_filter is None)
        assert sorted(entity_ids(main)) == ["alice", "bob", "carol", "dave"]
        assert str(main.query_one("#entities").border_title) == "Entities (4)"
        assert "from Beta" not in main.query_one("#status").render().plain


async def test_s_and_S_step_the_filter_through_the_sources_both_ways(corpus):
    app = app_for(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main_screen
        seen = []
        for _ in range(4):
            await pilot.press("s")
            await pilot.pause()
            seen.append(main.source_filter)
        assert seen == ["alpha", "beta", "gamma", None]  # past the last: every source again
        assert sorted(entity_ids(main)) == ["alice", "bob", "carol", "dave"]
        await pilot.press("S")
        await pilot.pause()
        assert main.source_filter == "gamma"
        assert entity_ids(main) == [] and "No entities" in main.query_one("#entities", VirtualList).empty_text
        await pilot.press("S")
        await pilot.pause()
        assert main.source_filter == "beta"


async def test_going_to_a_fact_the_filter_hides_clears_the_filter(corpus):
    from explorer.core.navigation import Location

    app = app_for(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        main = app.main_screen
        main.set_source_filter("beta")
        await pilot.pause()
        app.jump(Location(entity="dave"))  # a search pick, a followed link: dave is only in alpha
        await pilot.pause()
        assert main.source_filter is None and main.entity == "dave"


async def test_the_palette_offers_the_view_and_a_filter_per_source(corpus):
    from explorer.app.commands import FactexCommands

    app = app_for(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        provider = FactexCommands(app.screen)
        titles = [t.plain for t, _, _ in provider._commands()]
        assert "Show sources" in titles
        assert {"Filter by source: Alpha headline", "Filter by source: Beta headline", "Filter by source: Gamma headline"} <= set(titles)
        callback = next(cb for t, _, cb in provider._commands() if t.plain == "Filter by source: Alpha headline")
        callback()
        await pilot.pause()
        assert app.main_screen.source_filter == "alpha"
        clear = next(cb for t, _, cb in provider._commands() if t.plain == "Clear filters")
        clear()
        await pilot.pause()
        assert app.main_screen.source_filter is None


async def test_the_status_line_names_the_workspace(corpus):
    app = app_for(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.main_screen.query_one("#status").render().plain.startswith(" three-papers · 4 entities")


async def test_a_source_title_with_markup_is_shown_literally_in_the_view(corpus):
    (corpus / "seeds" / "alpha.yaml").write_text("title: \"[bold]Alpha[/] \\e[2J\"\noutlet: '[link=x]o[/link]'\n", encoding="utf-8")
    app = app_for(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen))
        rows = [fitted(app.screen.query_one("#sources", VirtualList)._render(i)) for i in range(3)]
        assert any(r.startswith("[bold]Alpha[/] ␛[2J") and "[link=x]o[/link]" in r for r in rows)


@pytest.mark.parametrize("given", [".", "..", "facts/..", "./"])
async def test_a_workspace_opened_as_dots_is_named_by_its_folder(corpus, monkeypatch, given):
    # `factex .` (or `factex ..` from facts/) named the workspace "." or ".." in the status line
    # and the sources view's header
    monkeypatch.chdir(corpus / "facts" if given == ".." else corpus)
    app = app_for(given)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        status = app.main_screen.query_one("#status").render().plain
        assert status.startswith(" three-papers · ") or status.startswith("three-papers · "), status
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen))
        assert "Sources of three-papers" in app.screen.query_one("#sources-head").render().plain
