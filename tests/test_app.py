"""The explorer driven from the keyboard, as a person would."""

from __future__ import annotations

import sys
import textwrap

import pytest

from explorer.app.app import FactexApp
from explorer.app.screens.article import ArticleScreen
from explorer.app.screens.help import HelpScreen
from explorer.app.screens.main import MainScreen
from explorer.app.screens.problems import ProblemsScreen
from explorer.app.widgets import VirtualList

from apphelpers import palette_settled, press_at_once, ready, wait_for
from conftest import REPO

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _fixed_theme(monkeypatch):
    monkeypatch.setenv("FACTEX_THEME", "textual-dark")


def main_screen(app) -> MainScreen:
    return app.main_screen


async def test_starts_on_the_article_and_lists_entities_by_type():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = main_screen(app)
        assert main.entity_rows[0] == ("h", "person", 10)
        assert main.entity == "kim-jong-un"  # most connected person first
        assert app.focused.id == "entities"
        assert len(main.relation_ids) == len(app.base.relations_of("kim-jong-un"))
        # relations are in the order the article tells them
        positions = [app.base.relations[r].first_position for r in main.relation_ids]
        assert positions == sorted(positions)


async def test_j_k_g_G_move_and_skip_headers():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = main_screen(app)
        entities = app.query_one("#entities", VirtualList)
        await pilot.press("j")
        assert main.entity == "vladimir-putin"
        await pilot.press("k", "k")
        assert entities.cursor == 1 and main.entity == "kim-jong-un"  # row 0 is the PERSON header
        await pilot.press("G")
        assert entities.cursor == entities.row_count - 1
        await pilot.press("g")
        assert entities.cursor == 1
        await pilot.press("down", "up")
        assert entities.cursor == 1


async def test_tab_moves_between_panes_and_evidence_follows():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = main_screen(app)
        assert "Evidence · entity" in app.query_one("#evidence").border_title
        await pilot.press("tab")
        assert app.focused.id == "relations"
        assert "Evidence · relation" in app.query_one("#evidence").border_title
        body = str(app.query_one("#evidence-body").render())
        assert app.base.sentence(app.base.relations[main.relation]) in body
        # on to the evidence, to scroll it: it still shows the relation read, and e edits that
        await pilot.press("tab")
        assert app.focused.id == "evidence"
        assert "Evidence · relation" in app.query_one("#evidence").border_title
        assert str(app.query_one("#evidence-body").render()) == body
        assert main.edit_target() == (app.base.relations[main.relation].file, app.base.relations[main.relation].line)
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused.id == "entities"
        assert "Evidence · entity" in app.query_one("#evidence").border_title
        await pilot.press("shift+tab")  # (the evidence, reached from the entity list: the entity's)
        assert app.focused.id == "evidence" and "Evidence · entity" in app.query_one("#evidence").border_title


async def test_enter_follows_a_relation_and_history_goes_back_and_forward():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = main_screen(app)
        await pilot.press("enter")  # on an entity: go to its relations
        assert app.focused.id == "relations"
        rel = app.base.relations[main.relation]
        other = rel.object if rel.subject == "kim-jong-un" else rel.subject
        await pilot.press("enter")  # follow
        assert main.entity == other
        await pilot.press("backspace")
        assert main.entity == "kim-jong-un"
        assert main.relation == rel.id
        await pilot.press("alt+right")
        assert main.entity == other
        await pilot.press("alt+left")
        assert main.entity == "kim-jong-un"


async def test_article_view_highlights_cited_spans_and_jumps_to_cards():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a", "g")  # (a opens at the entity's first quote or mention; g to the top)
        assert isinstance(app.screen, ArticleScreen)
        article = app.screen
        assert article.spans and article.current == -1  # the reading cursor on the headline
        head = str(app.screen.query_one("#article-head").render())
        assert "coverage" in head and "Kim Jong Un Gifted" in head
        await pilot.press("tab", "tab", "tab")  # from cited span to cited span
        assert article.current == 2
        start, end, cards = article.spans[2]
        cites = str(app.screen.query_one("#article-cites").render())
        assert "Span 3 of" in cites
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        card = app.base.card(cards[0])
        main = main_screen(app)
        assert main.entity in (card.id, getattr(card, "subject", None))
        await pilot.press("backspace")  # back to where we were in the article
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.spans[app.screen.current][0] == start
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_help_screen_lists_keys_with_binding_ids():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = str(app.screen.query_one("Static").render())
        for needle in ("app.quit", "app.search", "list.down", "article.next", "hedged"):
            assert needle in shown
        assert shown.index("Everywhere") < shown.index("Article")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        # from a view, that view's keys come first (c, E, R are in no footer)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await pilot.press("question_mark")
        shown = str(app.screen.query_one("Static").render())
        assert shown.splitlines()[2] == "Article (this view)"
        assert shown.index("article.suggestions") < shown.index("Everywhere")


async def test_q_quits():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


def broken_workspace(ws):
    ws.basic()
    ws.card("broken.yaml", "kind: entity\nname: Broken\ntype: person\nevidence: [This quote is not in the article]\n")
    return ws


async def test_problems_pane_and_status_count(ws):
    broken_workspace(ws)
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        status = str(app.screen.query_one("#status").render())
        assert "1 error" in status
        assert set(app.base.entities) == {"alice", "bob"}  # the valid cards still work
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        assert app.screen.problems[0].file == "facts/broken.yaml"
        detail = str(app.screen.query_one("#problems-detail").render())
        assert "facts/broken.yaml:4:12" in detail and "quote not found" in detail
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, MainScreen)


FAKE_EDITOR = textwrap.dedent("""
    import pathlib, sys
    log = pathlib.Path(sys.argv[0]).with_suffix(".log")
    log.write_text(repr(sys.argv[1:]))
    path = pathlib.Path(sys.argv[-1])
    text = path.read_text()
    path.write_text(text.replace("name: Bob Jones", "name: Robert Jones"))
""")


def _fake_editor(tmp_path, monkeypatch):
    """$EDITOR is FAKE_EDITOR (it logs its arguments beside itself and renames Bob Jones)."""
    editor = tmp_path / "fake_editor.py"
    editor.write_text(FAKE_EDITOR)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    return editor


async def _edit_bob(pilot, app):
    """Bob's card opened with e (from the main view, on bob) and saved by the fake editor, to the
    reload that shows it; the main view."""
    from explorer.core.navigation import Location

    main = main_screen(app)
    main.go_to(Location(entity="bob"))
    await pilot.pause()
    await pilot.press("e")
    await wait_for(pilot, lambda: app.base.entities["bob"].name == "Robert Jones")
    return main


async def test_e_opens_the_editor_at_the_card_line_and_reloads(ws, tmp_path, monkeypatch):
    ws.basic()
    editor = _fake_editor(tmp_path, monkeypatch)
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = await _edit_bob(pilot, app)
        args = eval(editor.with_suffix(".log").read_text())
        assert args == ["+1", str((ws.root / "facts" / "bob.yaml").resolve())]
        assert main.entity == "bob"  # the selection survives the reload


async def _events_reload(pilot, app, rels):
    """What the file watcher does for events naming `rels` (from its own thread), to the end of
    the reload it starts and the message that reload posts."""
    import asyncio

    await asyncio.to_thread(app._files_changed, [("modified", str(app.root / rel)) for rel in rels])
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_events_for_a_card_the_app_already_reloaded_keep_the_facts_and_say_nothing(ws, tmp_path, monkeypatch):
    """A card saved in the editor: the app reloads and says so; the file watcher's events for that
    same write (and an editor's swap file) come a moment later. Nothing changed since: the same
    fact base stays, no second "Reloaded" toast, nothing redrawn. A real change still reloads."""
    ws.basic()
    _fake_editor(tmp_path, monkeypatch)
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = await _edit_bob(pilot, app)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(n.message.startswith("Reloaded") for n in app._notifications)  # the app's own reload
        app.clear_notifications()
        base = app.base
        shown = []
        monkeypatch.setattr(type(main), "show_base", lambda self, b: shown.append(b))
        await _events_reload(pilot, app, ["facts/bob.yaml", "facts/.bob.yaml.swp"])
        assert app.base is base
        assert [n.message for n in app._notifications if n.message.startswith("Reloaded")] == []
        assert shown == []
        # a real change, even of the same size: read, shown and said
        card = ws.root / "facts" / "bob.yaml"
        card.write_text(card.read_text().replace("Robert Jones", "Rupert Jones"))
        await _events_reload(pilot, app, ["facts/bob.yaml"])
        assert app.base is not base and app.base.entities["bob"].name == "Rupert Jones"
        assert shown == [app.base]
        assert any(n.message.startswith("Reloaded") for n in app._notifications)


async def test_editor_that_cannot_start_is_reported_not_raised(ws, monkeypatch):
    ws.basic()
    monkeypatch.setenv("VISUAL", "/nonexistent/editor")
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert any("cannot run editor" in n.message for n in app._notifications)
        app.read_only = True  # (factex --read-only in a terminal: factex serve is not the way out)
        await pilot.press("e")
        await pilot.pause()
        said = [n.message for n in app._notifications if n.message.startswith("Read-only")]
        assert said == ["Read-only: cannot open an editor here (started with --read-only)."]


async def test_live_reload_picks_up_changes_and_keeps_selection(ws, monkeypatch):
    import explorer.app.app as app_module

    monkeypatch.setattr(app_module, "RELOAD_INTERVAL", 0.05)
    ws.basic()
    app = FactexApp(ws.root)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = main_screen(app)
        await pilot.press("j")
        assert main.entity == "bob"
        # an editor that saves by writing a temp file and renaming it over the card
        tmp = ws.root / "facts" / ".bob.yaml.tmp"
        tmp.write_text("kind: entity\nname: Bobby\ntype: person\nevidence: [Bob said]\n")
        tmp.replace(ws.root / "facts" / "bob.yaml")
        await wait_for(pilot, lambda: app.base.entities.get("bob") and app.base.entities["bob"].name == "Bobby")
        assert main.entity == "bob"
        # a half-written card: reported as a problem, the app keeps going
        (ws.root / "facts" / "alice.yaml").write_text("kind: entity\nname: [unclosed")
        await wait_for(pilot, lambda: "alice" not in app.base.entities)
        assert any(p.file == "facts/alice.yaml" for p in app.base.problems)
        assert "1 error" in str(app.screen.query_one("#status").render()) or app.base.errors
        # a new card appears
        ws.card("carol.yaml", "kind: entity\nname: Carol\ntype: person\nevidence: [Alice Smith is a painter]\n")
        await wait_for(pilot, lambda: "carol" in app.base.entities)


UNTRUSTED = [
    "[bold]not bold[/bold]", "[/]", "price [/", "[sic]", "[Sic]", "[@click=app.quit]click me[/]",
    "[link=https://example.com]x[/link]",
]


async def test_untrusted_card_text_is_shown_literally_and_never_runs(ws):
    ws.basic()
    aliases = "\n".join(f"  - {value!r}" for value in UNTRUSTED)
    ws.card("evil.yaml",
            'kind: entity\nname: "Evil \\e[2J\\e]0;pwned\\a \\e]52;c;cHduZWQ=\\a \\u202eevil\\u2066 \\x9b"\n'
            f"type: person\naliases:\n{aliases}\n"
            'description: "[@click=app.quit]press[/] \\e[31mred"\nevidence: [Bob said]\n')
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "evil" in app.base.entities
        main = main_screen(app)
        from explorer.core.navigation import Location
        main.go_to(Location(entity="evil"))
        await pilot.pause()
        screen = app.export_screenshot()
        for value in UNTRUSTED:
            assert value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(" ", "&#160;") in screen \
                or value in screen.replace("&#160;", " ")
        plain = screen.replace("&#160;", " ")
        assert "␛[2J" in plain and "␛]52;c;" in plain and "⟨U+202E⟩" in plain and "⟨U+009B⟩" in plain
        assert "\x1b" not in str(app.query_one("#evidence-body").render())
        # clicking the literal "[@click=app.quit]" text runs nothing
        await pilot.click("#evidence-body")
        await pilot.pause()
        assert app.is_running


async def test_search_flow_jumps_and_records_history():
    from explorer.app.screens.search import SearchScreen

    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = main_screen(app)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"peskov")
        search = app.screen
        await wait_for(pilot, lambda: search.shown_query == "peskov" and any(kind == "hit" for kind, _ in search.rows))
        first = next(value for kind, value in search.rows if kind == "hit")
        assert first.kind == "entity" and first.card == "dmitry-peskov"
        # keys typed into the search box never fire app bindings (q, a, e, ! ...)
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        assert main.entity == "dmitry-peskov"
        await pilot.press("backspace")
        assert main.entity == "kim-jong-un"
        await pilot.press("alt+right")
        assert main.entity == "dmitry-peskov"


async def test_typing_in_search_never_fires_bindings():
    from explorer.app.screens.search import SearchScreen

    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"qae!?", "backspace")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-input").value == "qae!"
        assert app.is_running
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_search_to_a_passage_opens_the_article_and_n_steps_hits():
    from explorer.app.screens.search import SearchScreen

    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"kind:passage sanctions")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await wait_for(pilot, lambda: search.shown_query == "kind:passage sanctions"
                       and any(kind == "hit" for kind, _ in search.rows))
        await pilot.press("enter")
        assert isinstance(app.screen, ArticleScreen)
        article = app.screen
        # the last search's hits are marked in the article (found off the UI thread)
        await wait_for(pilot, lambda: article.hits)
        await pilot.press("n")
        first = article.hit
        await pilot.press("n")
        assert article.hit == (first + 1) % len(article.hits)


async def test_command_palette_goes_to_an_entity_and_filters():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = main_screen(app)
        await pilot.press("ctrl+p")
        # (typed in one go: the query is what matters here, not a search and a list drawn for each
        # of its letters; the palette's fuzzy search: the entity's command comes first)
        await press_at_once(pilot, *"kirby")
        await wait_for(pilot, lambda: palette_settled(app, "kirby"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.entity == "john-kirby")
        await pilot.press("ctrl+p")
        await press_at_once(pilot, *"type: country")
        await wait_for(pilot, lambda: palette_settled(app, "type: country"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.type_filter == "country")
        assert all(app.base.entities[v].type == "country" for k, v, _ in main.entity_rows if k == "e")
        assert "filter: country (esc clears)" in str(main.status_bar.render())
        await pilot.press("escape")  # out of the filter as out of everything else
        assert main.type_filter is None and "filter:" not in str(main.status_bar.render())
        assert sum(k == "e" for k, _, _ in main.entity_rows) == len(app.base.entities)


async def test_mouse_click_moves_and_second_click_follows():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = main_screen(app)
        entities = app.query_one("#entities", VirtualList)
        await pilot.click("#entities", offset=(4, 3))  # inside the border: row 3 of the list
        assert entities.cursor == 2 + entities.scroll_offset.y and main.entity == "vladimir-putin"
        relations = app.query_one("#relations", VirtualList)
        await pilot.click("#relations", offset=(4, 1))
        assert main.entity == "vladimir-putin" and app.focused is relations  # one click: focus only
        rel = app.base.relations[main.relation]
        other = rel.object if rel.subject == "vladimir-putin" else rel.subject
        await pilot.double_click("#relations", offset=(4, 1))
        assert main.entity == other


FILLING_EDITOR = textwrap.dedent("""
    import pathlib, sys
    path = pathlib.Path(sys.argv[-1])
    text = path.read_text()
    text = text.replace("\\nname:", "\\nname: Paris  #").replace("\\ntype:", "\\ntype: place  #")
    path.write_text(text)
""")

IDLE_EDITOR = "import sys\n"
# saves the template with a note but fills in nothing: the card is kept, with its problems
NOTE_EDITOR = "import pathlib, sys\npath = pathlib.Path(sys.argv[-1])\npath.write_text(path.read_text() + '# to do\\n')\n"


async def _make_card_from_selection(ws, tmp_path, monkeypatch, editor_code, kind_key="E", build=None):
    (build or ws.basic)()
    editor = tmp_path / "editor.py"
    editor.write_text(editor_code)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    before = {p: p.read_bytes() for p in (ws.root / "facts").rglob("*.yaml")}
    app = FactexApp(ws.root, watch=False)
    return app, before


async def test_new_entity_card_from_a_selected_passage(ws, tmp_path, monkeypatch):
    app, before = await _make_card_from_selection(ws, tmp_path, monkeypatch, FILLING_EDITOR)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a", "g")  # (the top of the article)
        article = app.screen
        await pilot.press("tab", "v")  # the sentence at the first cited span
        assert article.selection.text == "Alice Smith met Bob Jones in Paris on March 3."
        await pilot.press("shift+left")  # shrink (nothing smaller by sentence): unchanged
        for _ in range(5):
            await pilot.press("greater_than_sign")  # start at "in"
        await pilot.press("left", "left", "left")  # end at "Paris"
        assert article.selection.text == "in Paris"
        await pilot.press("less_than_sign")
        assert article.selection.text == "Jones in Paris"
        await pilot.press("E")
        await wait_for(pilot, lambda: "paris" in app.base.entities)  # the id follows the name given
        card = app.base.entities["paris"]
        assert card.name == "Paris" and card.type == "place"
        assert app.base.sources["article"].text[card.evidence[0].anchor.start:card.evidence[0].anchor.end] == "Jones in Paris"
        assert main_screen(app).entity == "paris"  # shown once it checks clean
    for path, data in before.items():
        assert path.read_bytes() == data  # no other card touched


async def test_unfilled_new_card_shows_its_problems_and_is_kept(ws, tmp_path, monkeypatch):
    app, before = await _make_card_from_selection(ws, tmp_path, monkeypatch, NOTE_EDITOR)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a", "g", "tab", "v", "R")
        # (the view filled: its list exists once it is mounted, `problems` once it is filled)
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen) and hasattr(app.screen, "problems"))
        new = [p for p in (ws.root / "facts" / "relations").glob("new-relation-*.yaml")]
        assert len(new) == 1
        text = new[0].read_text()
        assert 'quote: Alice Smith met Bob Jones in Paris on March 3.' in text
        assert "subject: alice" in text  # the entity the user was on
        problem = app.screen.problems[app.screen.query_one("#problems", VirtualList).cursor]
        assert problem.file == f"facts/relations/{new[0].name}"
        # pressing R again makes another file; it never overwrites the first
        await pilot.press("escape", "a", "g", "tab", "v", "R")
        await wait_for(pilot, lambda: len(list((ws.root / "facts" / "relations").glob("new-relation-*.yaml"))) == 2)
        assert new[0].read_text() == text


async def test_malformed_query_shows_a_hint_not_an_error():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", "exclamation_mark")
        hint = app.screen.query_one("#search-hint")
        await wait_for(pilot, lambda: str(hint.render()).strip() != "")
        assert app.is_running
        await pilot.press(*"foo:bar")
        await wait_for(pilot, lambda: "field" in str(hint.render()).lower())


async def test_a_long_source_is_rendered_a_screenful_at_a_time(tmp_path):
    """An article of hundreds of paragraphs (~1,500 lines, 50 screenfuls) opens without making a
    widget per paragraph: only the paragraphs on screen are rendered, each to the lines it was
    measured to wrap to, and moving to a span far down shows it. (300 paragraphs, not 3,000: each
    of those bugs fails as well with them, at a tenth of the measuring, indexing and finding of
    mentions)"""
    from explorer.app.articletext import ArticleText

    (tmp_path / "facts").mkdir()
    (tmp_path / "seeds").mkdir()
    words = "the minister said that a report on harbour trade and grain prices was published today".split()
    paragraphs = [" ".join(words[(i + k) % len(words)] for k in range(40 + i % 30)) + f" Paragraph {i}." for i in range(300)]
    (tmp_path / "seeds" / "report.txt").write_text("A Long Report\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (tmp_path / "facts" / "first.yaml").write_text("kind: entity\nname: First\ntype: thing\nevidence:\n  - Paragraph 5.\n")
    (tmp_path / "facts" / "last.yaml").write_text("kind: entity\nname: Last\ntype: thing\nevidence:\n  - Paragraph 299.\n")
    app = FactexApp(tmp_path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await pilot.pause()
        body = app.screen.query_one("#article-body", ArticleText)
        assert body.paragraph_count == 301 and not body.children  # no widget per paragraph
        assert 0 < len(body._strips) < 40  # a screenful rendered, not 300 paragraphs
        assert all(len(body._strips[i]) == body._heights[i] for i in body._strips.keys())
        first_shown = body.paragraph_at(body.scroll_offset.y)
        assert first_shown <= 6 <= first_shown + 30  # the first cited span is on screen
        await pilot.press("G", "tab")  # the last sentence, then its cited span, 300 paragraphs down
        await pilot.pause()
        assert app.screen.current == 1
        shown = "\n".join(body.render_line(y).text for y in range(body.scrollable_content_region.height))
        assert "Paragraph 299." in shown
        assert all(len(body._strips[i]) == body._heights[i] for i in body._strips.keys())
        await pilot.resize_terminal(70, 30)  # narrower: measured again, same place
        await pilot.pause()
        shown = "\n".join(body.render_line(y).text for y in range(body.scrollable_content_region.height))
        assert "299." in shown
        assert all(len(body._strips[i]) == body._heights[i] for i in body._strips.keys())


async def test_a_paragraph_of_a_whole_document_is_drawn_piece_by_piece_and_loses_nothing(tmp_path):
    """A hard-wrapped text file with no blank line is one paragraph: it is measured and drawn in
    pieces (a cursor move redrew all of it: minutes at 5 MB), and every word shows, in order."""
    from explorer.app.articletext import ArticleText

    (tmp_path / "facts").mkdir()
    (tmp_path / "seeds").mkdir()
    words = [f"w{i}" for i in range(12000)]
    lines = [" ".join(words[i : i + 11]) for i in range(0, len(words), 11)]  # hard-wrapped, no blank line
    (tmp_path / "seeds" / "doc.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "facts" / "x.yaml").write_text("kind: entity\nname: X\ntype: thing\nevidence:\n  - w11990 w11991\n")
    app = FactexApp(tmp_path, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await pilot.pause()
        body = app.screen.query_one("#article-body", ArticleText)
        assert body.paragraph_count == 1 and len(body._pieces[0]) > 20
        drawn = len(body._piece_strips)
        assert 0 < drawn <= 3  # a screenful of pieces, not the whole document
        await pilot.press("j", "j")  # the cursor moves: only the pieces on screen are drawn again
        await pilot.pause()
        assert len(body._piece_strips) <= 3
        height = body.virtual_size.height
        shown = " ".join(body._line_of_long_paragraph(0, k).text.strip() for k in range(body._heights[0]))
        assert shown.split() == words and height == body._heights[0] + 1
        await pilot.press("tab")  # the cited span at the end of the document, far down
        await pilot.pause()
        screen_text = "\n".join(body.render_line(y).text for y in range(body.scrollable_content_region.height))
        assert "w11990 w11991" in screen_text


async def test_a_workspace_folder_removed_while_open_is_said_and_the_facts_stay(ws, tmp_path):
    """Deleting or moving the workspace folder while the app runs: a literal error notification,
    the last facts still shown, no traceback (the reload worker used to raise WorkspaceError)."""
    import shutil

    root = tmp_path / "moved"
    shutil.copytree(ws.basic().root, root)
    app = FactexApp(root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        base = app.base
        shutil.rmtree(root)
        app.load_facts(True)
        await wait_for(pilot, lambda: any("Cannot load the workspace" in str(n.message) for n in app._notifications))
        assert app.is_running and app.base is base and "alice" in app.base.entities


async def test_a_card_from_a_passage_whose_words_repeat_cites_the_one_selected(ws, tmp_path, monkeypatch):
    """The same words stand twice in the article: the new card quotes the one the user selected
    (`occurrence: 2`), and the checker anchors it there."""
    def build():
        ws.source("article.txt", "Title\n\nThe talks ended. Kim met Putin.\n\nLater, Kim met Putin.\n")
        ws.card("talks.yaml", "kind: entity\nname: Talks\ntype: event\nevidence: [The talks ended.]\n")

    app, _ = await _make_card_from_selection(ws, tmp_path, monkeypatch, FILLING_EDITOR, build=build)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        article = app.screen
        await pilot.press("G", "v", "greater_than_sign")
        assert article.selection.text == "Kim met Putin."
        await pilot.press("E")
        await wait_for(pilot, lambda: "paris" in app.base.entities)
        anchor = app.base.entities["paris"].evidence[0].anchor
        source = app.base.sources["article"]
        assert (anchor.start, anchor.end) == (source.text.rindex("Kim met Putin."), len(source.text) - 1)
    assert "    occurrence: 2" in (ws.root / "facts" / "entities" / "paris.yaml").read_text(encoding="utf-8")


async def test_entity_rows_drawn_while_the_mentions_module_is_being_imported_do_not_fail(monkeypatch):
    """The mentions worker imports explorer.core.mentions while the lists are drawn: a module half
    imported by another thread is in sys.modules already (its spec `_initializing`, its functions
    not all defined). A row drawn then shows no mention count; it ended the app in a traceback."""
    import types

    from explorer.app.screens.main import imported

    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = main_screen(app)
        half = types.ModuleType("explorer.core.mentions")
        half.__spec__ = types.SimpleNamespace(_initializing=True)  # (as importlib marks a module being run)
        monkeypatch.setitem(sys.modules, "explorer.core.mentions", half)
        assert imported("explorer.core.mentions") is None
        rows = [main._render_entity(i) for i in range(len(main.entity_rows))]
        assert len(rows) == len(main.entity_rows)
        monkeypatch.undo()
        assert imported("explorer.core.mentions") is sys.modules["explorer.core.mentions"]


def test_the_evidence_pane_of_a_workspace_without_cards_says_what_to_do_next(ws):
    from explorer.app.screens.main import _nothing_shown

    assert _nothing_shown(None) == "Loading cards…"
    said = _nothing_shown(ws.load())  # factex init's workspace: nothing at all
    assert "seeds/" in said and "factex add" in said
    ws.source("article.txt", "Alice Smith met Bob Jones in Paris.\n")
    said = _nothing_shown(ws.load())
    assert "press a" in said.lower() and "v to select" in said and "factex add" not in said
    ws.card("bad.yaml", "kind: entity\nname: Alice\n")  # every card broken: the problems say why
    assert "press ! " in _nothing_shown(ws.load())
    ws.card("bad.yaml", "kind: entity\nname: Alice Smith\ntype: person\nevidence: [Alice Smith]\n")
    assert _nothing_shown(ws.load()) == "Nothing selected."


async def test_a_long_entity_name_is_shortened_in_the_relations_title_and_its_count_stays(ws):
    name = "Joint Interagency Committee for the Oversight of Luxury Vehicle Transfers Between States"
    ws.source("article.txt", f"The {name} met Alice Smith in Paris.\n")
    ws.card("committee.yaml", f"kind: entity\nname: {name}\ntype: organization\nevidence: ['{name}']\n")
    ws.card("alice.yaml", "kind: entity\nname: Alice Smith\ntype: person\nevidence: [Alice Smith]\n")
    ws.card("met.yaml", "kind: relation\nsubject: committee\npredicate: met\nobject: alice\n"
                        "evidence: ['met Alice Smith in Paris']\n")
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.base is not None)
        main = main_screen(app)
        main.go_to(__import__("explorer.core.navigation", fromlist=["Location"]).Location(entity="committee"))
        await pilot.pause()
        relations = app.query_one("#relations", VirtualList)
        for size in ((80, 24), (60, 20), (120, 30)):  # (side by side, stacked, wide)
            await pilot.resize_terminal(*size)
            await pilot.pause()
            title = str(relations.border_title)
            assert title.startswith("Relations of Joint") and title.endswith(" (1)") and "…" in title
            assert len(title) <= relations.size.width - 4


async def test_a_selection_in_a_small_terminal_still_shows_how_to_make_the_card_and_cancel(ws):
    ws.basic()
    ws.source("article.txt", "A Test Article\n\n" + " ".join(["Alice Smith met Bob Jones in Paris on March 3."] * 6) + "\n")
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for(pilot, lambda: app.base is not None)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await pilot.press("j", "v", "L", "L", "L")  # (a long selection: its text fills the bar)
        await wait_for(pilot, lambda: app.screen.selection is not None)
        await pilot.pause()
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "E new entity card · R new relation card · Esc cancel" in shown
        assert "Selected " in shown


async def test_a_long_source_title_in_the_filtered_titles_and_status_leaves_their_counts_and_keys(ws):
    title = "Flint flake tool partially covered by birch tar adds to evidence of Neanderthal complex thinking"
    ws.source("one.txt", "Alice Smith met Bob Jones in Paris.\n")
    (ws.root / "seeds" / "one.yaml").write_text(f"title: {title}\n")
    ws.source("two.txt", "Carol Reed lives in Rome.\n")
    ws.card("alice.yaml", "kind: entity\nname: Alice Smith\ntype: person\nevidence: [{quote: Alice Smith, source: one}]\n")
    ws.card("bob.yaml", "kind: entity\nname: Bob Jones\ntype: person\nevidence: [{quote: Bob Jones, source: one}]\n")
    ws.card("met.yaml", "kind: relation\nsubject: alice\npredicate: met\nobject: bob\n"
                        "evidence: [{quote: met Bob Jones, source: one}]\n")
    ws.card("carol.yaml", "kind: entity\nname: Carol Reed\ntype: person\nevidence: [{quote: Carol Reed, source: two}]\n")
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: app.base is not None)
        main = main_screen(app)
        await pilot.press("s")
        assert main.source_filter == "one"
        entities, relations = app.query_one("#entities", VirtualList), app.query_one("#relations", VirtualList)
        for size in ((120, 30), (100, 24), (80, 24), (60, 20)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            for pane in (entities, relations):
                shown = str(pane.border_title)
                assert shown.endswith(")") and len(shown) <= pane.size.width - 4, (size, shown)
            assert str(relations.border_title).endswith(" (1)")
            assert "(s/S next, esc all)" in str(main.status_bar.render())


async def test_enter_on_a_problem_of_a_folder_opens_no_editor_and_says_why(ws, tmp_path, monkeypatch):
    editor = tmp_path / "editor.py"
    editor.write_text("import pathlib, sys\npathlib.Path(sys.argv[0]).with_suffix('.log').write_text(repr(sys.argv[1:]))\n")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    app = FactexApp(ws.root, watch=False)  # (no source: a warning on the seeds/ folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.base is not None)
        assert [p.file for p in app.base.problems] == ["seeds"]
        await pilot.press("a")  # (no article to show: what to do about it)
        assert any(n.message.startswith("No source to show: put an article in seeds/") for n in app._notifications)
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        await pilot.press("enter")
        await pilot.pause()
        assert not editor.with_suffix(".log").exists()  # (it was run on the folder)
        assert any(n.message.startswith("seeds/ is a folder, not a card to open: seeds/ holds no source")
                   for n in app._notifications)
        await pilot.press("e")
        await pilot.pause()
        assert not editor.with_suffix(".log").exists()


async def test_esc_in_stacked_panes_brings_the_entity_list_back(ws):
    ws.basic()
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for(pilot, lambda: app.base is not None)
        main = main_screen(app)
        entities = app.query_one("#entities", VirtualList)
        await pilot.press("enter")  # to the relations: they stack over the evidence
        await pilot.pause()
        assert app.focused.id == "relations" and main.has_class("-stacked") and not entities.display
        await pilot.press("tab")  # (and from the evidence)
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is entities and entities.display


async def test_a_card_saved_broken_from_the_editor_opens_the_problems_on_it(ws, tmp_path, monkeypatch):
    ws.basic()
    editor = tmp_path / "breaking_editor.py"
    editor.write_text("import pathlib, sys\npath = pathlib.Path(sys.argv[-1])\n"
                      "path.write_text(path.read_text() + 'name: [unclosed\\n')\n")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = main_screen(app)
        main.go_to(__import__("explorer.core.navigation", fromlist=["Location"]).Location(entity="bob"))
        await pilot.pause()
        await pilot.press("e")
        # (pushed, then mounted: its problems are listed, the cursor placed, when it mounts)
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen) and hasattr(app.screen, "problems"))
        screen = app.screen
        assert screen.problems[screen.listing.cursor].file == "facts/bob.yaml"
        assert any(n.message.startswith("facts/bob.yaml has 1 problem now") for n in app._notifications)


async def test_the_search_footer_shows_enter_goes_to_the_result(ws):
    ws.basic()
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.base is not None)
        await pilot.press("slash", *"bob")
        await pilot.pause()
        footer = app.screen._compositor.render_strips()[-1].text
        assert "Go to result" in footer and "Close search" in footer


async def test_a_on_a_relation_opens_the_article_at_its_quote(ws):
    ws.basic()
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.base is not None)
        main = main_screen(app)
        main.go_to(__import__("explorer.core.navigation", fromlist=["Location"]).Location(entity="alice"))
        await pilot.press("enter")  # to Alice's relations: the relation's evidence is read
        assert main.relation == "alice-gave-bob-car"
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen) and app.screen.cursor is not None)
        anchor = app.base.relations["alice-gave-bob-car"].evidence[0].anchor
        assert app.screen.cursor[0] <= anchor.start < app.screen.cursor[1]


async def test_the_panes_are_restyled_once_when_shown_again(monkeypatch):
    """Back on the main screen (Esc from the article), Textual's resume handler (it restyles every
    node, ~17 ms on a real article) runs once: MainScreen's own handler also called it, and Textual
    calls each class's handler in turn, so it ran twice for each return to the panes."""
    from collections import Counter

    from textual.screen import Screen

    seen: Counter = Counter()
    resume = Screen._on_screen_resume

    def counted(self, event):
        if isinstance(self, MainScreen):
            seen[id(event)] += 1
        return resume(self, event)

    monkeypatch.setattr(Screen, "_on_screen_resume", counted)
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for returns in (1, 2):
            await pilot.press("a")
            await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
            await pilot.press("escape")
            # the screen is on top before its resume event is handled: wait for that event
            await wait_for(pilot, lambda: len(seen) >= 1 + returns)
            await pilot.pause()
    assert len(seen) == 3 and set(seen.values()) == {1}, seen  # (the first show and two returns)


async def test_enter_on_a_problem_goes_to_its_card_and_e_edits_it_at_the_line(tmp_path, monkeypatch):
    """The problems view of the CNN story: Enter on a problem goes to its card in the panes (a ⚠
    card, a relation held back by one), as a search pick does; on a card that does not load (Todd
    Borek's YAML), it opens the editor at that line; `e` opens any of them there. Enter opened
    the editor on every one: the view had no way to the card."""
    import shutil

    from explorer.core.navigation import Location

    root = tmp_path / "cnn"
    shutil.copytree(REPO / "tests" / "real" / "cnn", root)
    editor = tmp_path / "editor.py"
    editor.write_text("import pathlib, sys\npathlib.Path(sys.argv[0]).with_suffix('.log').write_text(repr(sys.argv[1:]))\n")
    log = editor.with_suffix(".log")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    app = FactexApp(root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        problems = list(app.base.problems)
        assert {p.file for p in problems} >= {"facts/entities/seqret-watson.yaml", "facts/entities/todd-borek.yaml",
                                              "facts/relations/watson-told-kfsm.yaml"}
        for n, p in enumerate(problems):
            if not isinstance(app.screen, ProblemsScreen):  # (after the editor, a card still broken shows them)
                await pilot.press("exclamation_mark")
            await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen) and hasattr(app.screen, "problems"))
            app.screen.listing.cursor = n
            await pilot.pause()
            await pilot.press("e")
            await wait_for(pilot, lambda: log.exists())
            assert eval(log.read_text())[-2:] == [f"+{p.line}", str(root / p.file)], p
            log.unlink()
            await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen) and hasattr(app.screen, "problems"))
            app.screen.listing.cursor = n
            await pilot.pause()
            await pilot.press("enter")
            card = app.base.card(p.file.rsplit("/", 1)[-1][:-5])
            if card is None:  # (it does not load: nothing in the panes shows it)
                await wait_for(pilot, lambda: log.exists())
                assert eval(log.read_text())[-2:] == [f"+{p.line}", str(root / p.file)], p
                log.unlink()
                continue
            await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
            want = Location(entity=card.subject, relation=card.id) if card.kind == "relation" else Location(entity=card.id)
            main = app.main_screen
            assert (main.entity, main.relation if card.kind == "relation" else None) == (want.entity, want.relation), p
            assert not log.exists()


async def test_enter_on_a_problem_of_a_source_opens_the_article_there(ws):
    """A warning on a source (its quotes taken from an earlier one): Enter opens that article."""
    from conftest import SOURCE_TEXT

    ws.basic()
    ws.source("article.yaml", "published: '2024-03-01'\n")
    ws.source("older.txt", SOURCE_TEXT)
    ws.source("older.yaml", "published: '2024-02-01'\n")
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert [p.file for p in app.base.problems] == ["seeds/article.txt"]
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen) and hasattr(app.screen, "problems"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        assert app.screen.source_id == "article"
        await pilot.press("backspace")  # (and Back returns to the problem)
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        assert app.screen.listing.cursor == 0


async def test_back_after_enter_on_a_problem_returns_to_that_problem(tmp_path):
    """Working through the problems of the CNN story: Enter on a problem goes to its card, Back
    (⌫) returns to the problems view on that same row, so j and Enter go on to the next; Back
    again returns to where the panes were before `!`. Back went to the panes as they were before
    `!`: the problem list and the place in it were lost."""
    import shutil

    root = tmp_path / "cnn"
    shutil.copytree(REPO / "tests" / "real" / "cnn", root)
    app = FactexApp(root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = app.main_screen
        before = (main.entity, main.relation)
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen) and hasattr(app.screen, "problems"))
        problems = app.screen
        shown = [n for n, p in enumerate(problems.problems) if problems._location(p) is not None]
        assert len(shown) >= 2, [p.file for p in problems.problems]
        for n in shown:
            problems.listing.cursor = n
            await pilot.pause()
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
            await pilot.press("backspace")
            await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
            await pilot.pause()
            assert app.screen is problems and problems.listing.cursor == n, (n, problems.problems[n])
        # (the list is one step, however many problems were gone through: Back leaves it)
        await pilot.press("backspace")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert (main.entity, main.relation) == before


async def _problems_of_cnn(tmp_path, pilot_app=None):
    import shutil

    root = tmp_path / "cnn"
    shutil.copytree(REPO / "tests" / "real" / "cnn", root)
    return root


async def _enter_problem(pilot, app, n):
    """From the problems view: the cursor on row `n`, Enter (to its card in the panes)."""
    problems = app.screen
    problems.listing.cursor = n
    await pilot.pause()
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_forward_after_back_from_a_problem_returns_to_its_card_and_bang_leaves_the_list(tmp_path):
    """Enter on a problem, Back (the list, on that row), Forward: the card Enter went to, again.
    Back to the list and `!`: the panes (the list's key closes it, as Esc does); Back from there
    returns to where the panes were before the list was opened, and Forward to the list, on
    that row."""
    app = FactexApp(await _problems_of_cnn(tmp_path), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = app.main_screen
        await pilot.press("j")
        await pilot.pause()
        before = main.location()
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen) and app.screen.problems)
        problems = app.screen
        n = [i for i, p in enumerate(problems.problems) if problems._location(p) is not None][1]
        target = problems._location(problems.problems[n])
        await _enter_problem(pilot, app, n)
        assert main.location() == target
        await pilot.press("backspace")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        assert problems.listing.cursor == n
        await pilot.press("alt+right")  # Forward: the card again
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert main.location() == target
        await pilot.press("alt+right")  # (nothing further: the bell, nothing moves)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and main.location() == target
        await pilot.press("backspace")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        await pilot.press("exclamation_mark")  # `!` after Back: leaves the list for the panes
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("backspace")
        await wait_for(pilot, lambda: main.location() == before)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("alt+right")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        assert problems.listing.cursor == n


async def test_back_to_the_problems_after_a_reload_returns_to_the_same_problem(tmp_path):
    """Enter on a problem, then a reload that removes a problem listed before it (its card
    fixed in another window) and one that adds a problem before it: Back returns to the problem
    Enter went from, not to the row it had. With that problem itself gone, to the one after it."""
    import shutil

    root = await _problems_of_cnn(tmp_path)
    app = FactexApp(root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen) and app.screen.problems)
        problems = app.screen
        listed = list(problems.problems)
        n = [i for i, p in enumerate(listed) if problems._location(p) is not None][-1]
        chosen = listed[n]
        earlier = next(p for p in listed[:n] if p.file != chosen.file)
        await _enter_problem(pilot, app, n)

        async def reload() -> None:
            old = app.base
            app.load_facts(True)
            await wait_for(pilot, lambda: app.base is not old)
            await pilot.pause()

        (root / earlier.file).unlink()  # an earlier problem's card gone: the rows move up
        await reload()
        assert all(p.file != earlier.file for p in app.base.problems)
        await pilot.press("backspace")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        await pilot.pause()
        assert problems.problems[problems.listing.cursor] == chosen
        await _enter_problem(pilot, app, problems.listing.cursor)
        (root / "facts" / "aaa-broken.yaml").write_text("kind: entity\nname: [\n", encoding="utf-8")
        await reload()  # a problem before all the others: the rows move down
        await pilot.press("backspace")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        await pilot.pause()
        assert problems.problems[problems.listing.cursor] == chosen
        # the problem itself gone (its card removed): the one after where it was
        row = problems.listing.cursor
        after = problems.problems[row + 1] if row + 1 < len(problems.problems) else None
        await _enter_problem(pilot, app, row)
        (root / chosen.file).unlink()
        await reload()
        await pilot.press("backspace")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        await pilot.pause()
        shown = problems.problems[problems.listing.cursor]
        assert shown.file != chosen.file
        if after is not None and after.file != chosen.file:
            assert shown == after
