"""Issue 13: the explorer a newcomer trusts. Each test drives the app as a person would."""

from __future__ import annotations

import pytest

from explorer.app.app import FactexApp
from explorer.app.widgets import VirtualList

from apphelpers import ready, wait_for

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _fixed_theme(monkeypatch):
    monkeypatch.setenv("FACTEX_THEME", "textual-dark")


def row_text(widget: VirtualList, index: int) -> str:
    """What the list shows on row `index` (rendered as on screen)."""
    content = widget._render(index)
    if hasattr(content, "fit"):  # a row laid out for the width
        content = content.fit(200)
    if isinstance(content, tuple):
        return " ".join(c.plain for c in content)
    return content.plain


def evidence_text(app) -> str:
    return str(app.screen.query_one("#evidence-body").render())


async def reload(pilot, ws, change) -> None:
    """Change the workspace, reload as `e` does, and wait for the new base to be shown."""
    app = pilot.app
    old = app.base
    change()
    app.load_facts(True)
    await wait_for(pilot, lambda: app.base is not old)
    await pilot.pause()


RELATIONS = {
    "alice-met-bob.yaml": ("alice", "met", "bob", "Alice Smith met Bob Jones in Paris"),
    "alice-gave-bob-car.yaml": ("alice", "gave a red car to", "bob", "Alice gave Bob a red car"),
    "alice-lives-in-paris.yaml": ("alice", "lives in", "paris", "Alice Smith lives in Paris"),
}


def three_relations(ws):
    ws.basic()
    ws.card("paris.yaml", "kind: entity\nname: Paris\ntype: place\nevidence: [Bob Jones in Paris]\n")
    for name, (s, p, o, q) in RELATIONS.items():
        ws.card(name, f"kind: relation\nsubject: {s}\npredicate: {p}\nobject: {o}\nevidence: [{q}]\n")
    return ws


# -- 1. every pane shows the new facts after a reload ------------------------------------------


async def test_reload_refreshes_relations_and_evidence_in_place(ws):
    three_relations(ws)
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = app.main_screen
        assert main.entity == "alice"
        await pilot.press("tab", "j")
        assert main.relation == "alice-gave-bob-car"
        relations = app.query_one("#relations", VirtualList)
        assert "gave a red car to" in row_text(relations, relations.cursor)
        assert "gave a red car to" in evidence_text(app)

        path = ws.root / "facts" / "alice-gave-bob-car.yaml"
        await reload(pilot, ws, lambda: path.write_text(path.read_text().replace("gave a red car to", "handed a car to")))
        assert main.relation == "alice-gave-bob-car"  # the same relation, by id
        assert "handed a car to" in row_text(relations, relations.cursor)
        assert "handed a car to" in evidence_text(app)
        assert "gave a red car" not in evidence_text(app)

        # an entity renamed: its row, the relations that name it and the evidence all follow
        bob = ws.root / "facts" / "bob.yaml"
        await reload(pilot, ws, lambda: bob.write_text(bob.read_text().replace("Bob Jones", "Robert Jones")))
        assert "Robert Jones" in row_text(relations, relations.cursor)
        assert "Robert Jones" in evidence_text(app)
        entities = app.query_one("#entities", VirtualList)
        assert any("Robert Jones" in row_text(entities, i) for i in range(entities.row_count))

        # the entity pane's evidence too
        await pilot.press("shift+tab")
        alice = ws.root / "facts" / "alice.yaml"
        await reload(pilot, ws, lambda: alice.write_text(alice.read_text() + "description: Paints in oils.\n"))
        assert main.entity == "alice"
        assert "Paints in oils." in evidence_text(app)


async def test_a_vanished_relation_moves_the_cursor_to_its_neighbour(ws):
    three_relations(ws)
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = app.main_screen
        await pilot.press("tab")
        order = list(main.relation_ids)
        await pilot.press("j")
        gone = main.relation
        assert gone == order[1]
        await reload(pilot, ws, lambda: (ws.root / "facts" / f"{gone}.yaml").unlink())
        assert main.relation == order[2]  # the one that took its place
        assert app.focused.id == "relations"
        assert app.base.sentence(app.base.relations[order[2]]) in evidence_text(app)
        # the last one vanishes: its neighbour is the one before
        await pilot.press("G")
        last = main.relation
        await reload(pilot, ws, lambda: (ws.root / "facts" / f"{last}.yaml").unlink())
        assert main.relation == order[0]


async def test_a_vanished_entity_moves_the_cursor_to_its_neighbour(ws):
    three_relations(ws)
    ws.card("carol.yaml", "kind: entity\nname: Carol\ntype: person\nevidence: [Alice Smith is a painter]\n")
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = app.main_screen
        people = [v for k, v, _ in main.entity_rows if k == "e"]
        await pilot.press("j")
        gone = main.entity
        assert gone == people[1]
        await reload(pilot, ws, lambda: (ws.root / "facts" / f"{gone}.yaml").unlink())
        assert main.entity == people[2]
        assert app.base.entities[people[2]].name in evidence_text(app)
        assert f"Relations of {app.base.entities[people[2]].name}" in app.query_one("#relations").border_title


# -- 2. the article view's reading cursor ------------------------------------------------------

import sys
import textwrap

from explorer.app.screens.article import ArticleScreen

FRESH_ARTICLE = (
    "Harbour Reopens\n"
    "\n"
    "The port of Tarin reopened on Monday. Ships queued for a week. Traders were relieved.\n"
    "\n"
    "Mayor Ana Ruiz said the dredging was finished. Grain prices fell.\n"
    "\n"
    "The ferry company Blue Line resumed its service to Dalmar.\n"
)

NAMING_EDITOR = textwrap.dedent("""
    import pathlib, sys
    path = pathlib.Path(sys.argv[-1])
    text = path.read_text()
    text = text.replace("\\nname:", "\\nname: Ana Ruiz  #").replace("\\ntype:", "\\ntype: person  #")
    path.write_text(text)
""")


def fresh_workspace(ws, tmp_path, monkeypatch, editor_code=NAMING_EDITOR):
    ws.source("harbour.txt", FRESH_ARTICLE)
    editor = tmp_path / "editor.py"
    editor.write_text(editor_code)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    return ws


def cursor_text(article) -> str:
    start, end = article.cursor
    return article.app.base.sources[article.source_id].text[start:end]


async def test_in_a_new_workspace_any_sentence_can_become_a_card(ws, tmp_path, monkeypatch):
    fresh_workspace(ws, tmp_path, monkeypatch)
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a")
        article = app.screen
        assert isinstance(article, ArticleScreen)
        assert cursor_text(article) == "Harbour Reopens"  # the top of the article
        await pilot.press("j", "j")
        assert cursor_text(article) == "Ships queued for a week."
        await pilot.press("k")
        assert cursor_text(article) == "The port of Tarin reopened on Monday."
        await pilot.press("J")  # the next paragraph
        assert cursor_text(article) == "Mayor Ana Ruiz said the dredging was finished."
        assert "no card cites this yet" in str(article.query_one("#article-cites").render())
        await pilot.press("v")
        assert article.selection.text == "Mayor Ana Ruiz said the dredging was finished."
        for _ in range(4):
            await pilot.press("left")
        assert article.selection.text == "Mayor Ana Ruiz said"
        await pilot.press("E")
        await wait_for(pilot, lambda: any(e.name == "Ana Ruiz" for e in app.base.entities.values()))
        card = next(e for e in app.base.entities.values() if e.name == "Ana Ruiz")
        anchor = card.evidence[0].anchor
        assert app.base.sources[anchor.source].text[anchor.start:anchor.end] == "Mayor Ana Ruiz said"


async def test_u_jumps_to_the_next_uncarded_paragraph_and_tab_to_cited_spans(ws, tmp_path, monkeypatch):
    fresh_workspace(ws, tmp_path, monkeypatch)
    ws.card("tarin.yaml", "kind: entity\nname: Tarin\ntype: place\nevidence: [The port of Tarin]\n")
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a")
        article = app.screen
        await pilot.press("u")  # the headline is uncarded too: from it, the next uncarded one
        assert cursor_text(article) == "Mayor Ana Ruiz said the dredging was finished."
        await pilot.press("u")
        assert cursor_text(article) == "The ferry company Blue Line resumed its service to Dalmar."
        await pilot.press("shift+tab")  # back to the cited span
        assert cursor_text(article) == "The port of Tarin"
        assert "cited by 1 card" in str(article.query_one("#article-cites").render())
        await pilot.press("j")  # from a span, reading goes on with the next sentence
        assert cursor_text(article) == "Ships queued for a week."
        await pilot.press("k", "enter")
        assert app.main_screen.entity == "tarin"


async def test_search_hits_and_n_move_the_cursor_and_v_starts_there(ws, tmp_path, monkeypatch):
    fresh_workspace(ws, tmp_path, monkeypatch)
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"'grain")
        search = app.screen
        await wait_for(pilot, lambda: search.shown_query == "'grain" and any(kind == "hit" for kind, _ in search.rows))
        await pilot.press("enter")
        article = app.screen
        assert isinstance(article, ArticleScreen)
        assert cursor_text(article) == "Grain prices fell."
        await wait_for(pilot, lambda: article.hits)  # the search's hits, found off the UI thread
        await pilot.press("v")
        assert article.selection.text == "Grain prices fell."
        await pilot.press("escape", "g")
        assert cursor_text(article) == "Harbour Reopens"
        await pilot.press("n")
        assert cursor_text(article) == "Grain prices fell."
        # a reload keeps the reader where they were
        old = app.base
        app.load_facts(True)
        await wait_for(pilot, lambda: app.base is not old)
        await pilot.pause()
        assert cursor_text(article) == "Grain prices fell."


# -- 3. search: group headers give the total and what is shown --------------------------------

from conftest import REPO


async def test_search_group_headers_show_total_and_shown():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", "a")
        search = app.screen
        await wait_for(pilot, lambda: any(kind == "hit" for kind, _ in search.rows))
        listing = search.query_one("#search-results", VirtualList)
        results = app.search_index.search("a", limit=200)
        assert results.total > 200  # more than the list shows
        headers = {value[0]: row_text(listing, i) for i, (kind, value) in enumerate(search.rows) if kind == "h"}
        shown = {k: len(v) for k, v in results.groups().items()}
        for kind, text in headers.items():
            total = results.counts[kind]
            assert f"{total:,}" in text
            assert (f"showing {shown[kind]}" in text) is (shown[kind] < total), text
        assert any("showing" in text for text in headers.values())


# -- 4. a cancelled new card leaves nothing behind; a saved one is named after its name ---------

IDLE_EDITOR = "import sys\n"


def workspace_files(root) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


async def _new_card(ws, tmp_path, monkeypatch, editor_code, key="E"):
    fresh_workspace(ws, tmp_path, monkeypatch, editor_code)
    ws.card("tarin.yaml", "kind: entity\nname: Tarin\ntype: place\nevidence: [The port of Tarin]\n")
    before = workspace_files(ws.root)
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a", "J", "v")
        old = app.base
        await pilot.press(key)
        await wait_for(pilot, lambda: app.base is not old or any("Nothing saved" in n.message for n in app._notifications))
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        entities = dict(app.base.entities)
        reloaded = app.base is not old
    return before, workspace_files(ws.root), messages, entities, reloaded


@pytest.mark.parametrize("key", ["E", "R"])
async def test_a_cancelled_new_card_leaves_nothing_behind(ws, tmp_path, monkeypatch, key):
    before, after, messages, _, reloaded = await _new_card(ws, tmp_path, monkeypatch, IDLE_EDITOR, key)
    assert after == before  # no card, no draft, nothing changed
    assert not any((ws.root / name).exists() for name in (".factex-drafts",))
    assert not list((ws.root / "facts").rglob("new-*"))
    assert any("Nothing saved" in m for m in messages)
    # nothing changed, so nothing is reloaded: no "Reloaded" toast beside "Nothing saved"
    assert not reloaded and not any(m.startswith("Reloaded") for m in messages), messages


async def test_a_saved_new_card_is_named_after_its_name_and_never_replaces_a_file(ws, tmp_path, monkeypatch):
    ws.card("entities/ana-ruiz.yaml", "# someone else's card with that name\nkind: entity\nname: Ana\ntype: person\n"
                                      "evidence: [Mayor Ana Ruiz]\n")
    before, after, messages, entities, _ = await _new_card(ws, tmp_path, monkeypatch, NAMING_EDITOR)
    added = set(after) - set(before)
    assert added == {"facts/entities/ana-ruiz-2.yaml"}, added  # the name's slug, next free
    assert all(after[name] == data for name, data in before.items())  # nothing else touched
    assert entities["ana-ruiz-2"].name == "Ana Ruiz"
    assert "name: Ana Ruiz" in after["facts/entities/ana-ruiz-2.yaml"].decode()
    assert not (ws.root / ".factex-drafts").exists()


def test_finish_draft_removes_only_what_it_wrote(ws, tmp_path):
    """A draft the user changed is moved in; one replaced by a link or changed is never removed."""
    from explorer.core.authoring import card_from_passage, finish_draft, write_draft

    ws.source("harbour.txt", FRESH_ARTICLE)
    card = card_from_passage(ws.root, "entity", "Grain prices fell.")
    draft = write_draft(ws.root, card)
    assert draft.path.read_bytes() == draft.data and ".factex-drafts" in draft.path.parts
    assert not (ws.root / "facts" / "entities").exists()
    # the user saves something else under the draft's name: moved in, the draft gone
    draft.path.write_text(card.text.replace("\nname:", "\nname: Grain  #").replace("\ntype:", "\ntype: thing  #"))
    card_id, message = finish_draft(ws.root, draft)
    assert card_id == "grain" and (ws.root / "facts" / "entities" / "grain.yaml").is_file()
    assert not draft.path.exists()
    # a draft replaced by a link to another file is not followed, not removed
    draft2 = write_draft(ws.root, card)
    target = tmp_path / "elsewhere.txt"
    target.write_bytes(draft2.data)
    draft2.path.unlink()
    draft2.path.symlink_to(target)
    assert finish_draft(ws.root, draft2)[0] is None
    assert target.read_bytes() == draft2.data and draft2.path.is_symlink()


# -- 5. hints agree: check and new guess the same entity; the evidence pane shows the id -------


def test_check_and_new_suggest_the_entity_an_unknown_id_meant(ws):
    from explorer.core.authoring import AuthoringError, new_relation_card

    ws.basic()
    ws.card("bob.yaml", "kind: entity\nname: Bob Jones\ntype: person\naliases: [Bobby]\nevidence: [Bob said]\n")
    for typed, meant in (("smith", "alice"), ("Alice Smith", "alice"), ("bobby", "bob"), ("jones", "bob"), ("alise", "alice")):
        ws.card("r.yaml", f"kind: relation\nsubject: {typed}\npredicate: met\nobject: bob\nevidence: [Alice Smith met Bob Jones]\n")
        problems = [p for p in ws.load().problems if p.file == "facts/r.yaml"]
        assert problems and f"did you mean '{meant}'" in problems[0].message, (typed, problems)
        with pytest.raises(AuthoringError) as err:
            new_relation_card(ws.root, typed, "met", "bob", quotes=["Alice Smith met Bob Jones"])
        assert f"did you mean '{meant}'" in str(err.value), typed


def test_shipped_cards_putin_and_kim_are_guessed():
    from explorer.core.cardformat.cards import EntityNames
    from explorer.core.loading.loader import Loader

    base = Loader(REPO).load()
    names = EntityNames((e.id, e.name, e.aliases, len(e.evidence)) for e in base.entities.values())
    assert names.guess("putin")[0] == "vladimir-putin"
    assert names.guess("kim")[0] == "kim-jong-un"


async def test_the_evidence_pane_shows_the_entity_id(ws):
    ws.basic()
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.main_screen.entity == "alice"
        assert "id: alice" in evidence_text(app)


# -- 8. a layout for every terminal ------------------------------------------------------------


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)])
async def test_a_relation_row_always_shows_subject_predicate_and_object(ws, size):
    ws.basic()
    long_name = "The Extraordinarily Long-Named International Committee for the Study of Red Cars"
    ws.card("alice.yaml", f"kind: entity\nname: {long_name}\ntype: organization\naliases: [Alice]\n"
                          "evidence: [Alice Smith met Bob Jones]\n")
    ws.card("alice-gave-bob-car.yaml", "kind: relation\nsubject: alice\npredicate: handed over with great "
            "ceremony and at considerable expense a red car to\nobject: bob\ncertainty: reported\nattribution: bob\n"
            "evidence: [Alice gave Bob a red car]\n")
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("tab")
        await pilot.pause()
        relations = app.query_one("#relations", VirtualList)
        width = relations.scrollable_content_region.width
        shown = relations.render_line(0).text
        assert len(shown.rstrip()) <= width
        assert "The Ex" in shown and "ed Cars" in shown  # the subject's start and end
        assert "handed" in shown and "car to" in shown  # the predicate's
        assert "Bob Jones" in shown  # the object, whole
        assert shown.index("The Ex") < shown.index("handed") < shown.index("Bob Jones")


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_small_terminals_stack_the_panes_and_the_footer_fits(size):
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        main = app.main_screen
        for keys in ((), ("tab",)):
            await pilot.press(*keys)
            await pilot.pause()
            shown = [w for w in ("#entities", "#relations", "#evidence") if main.query_one(w).display
                     and main.query_one(w).region.width > 0]
            for pane in shown:
                region = main.query_one(pane).region
                assert region.width >= 20 and region.height >= 4, (pane, region)
            footer = main.query_one("FitFooter")
            assert sum(child.region.width for child in footer.children) <= size[0]
            assert footer.query("FooterKey").first().region.x >= 0
            assert any("Help" in str(k.description) or k.key == "question_mark" for k in footer.query("FooterKey"))
        if size[0] < 80:  # stacked: the entity list gave way to the relations and evidence
            assert not main.query_one("#entities").display and main.query_one("#evidence").display


# -- 6. a span cited by several cards: choose any; the certainty filter is the whole view's -----


async def test_a_span_cited_by_several_cards_offers_a_picker(ws):
    three_relations(ws)
    # a second card citing the same span as alice-met-bob
    ws.card("meeting.yaml", "kind: entity\nname: The meeting\ntype: event\nevidence: [Alice Smith met Bob Jones in Paris]\n")
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a")
        article = app.screen
        for _ in range(len(article.spans)):
            await pilot.press("tab")
            if len(article.cards_at_cursor()) >= 2:
                break
        cards = article.cards_at_cursor()
        assert {"alice-met-bob", "meeting"} <= set(cards)
        await pilot.press("enter")
        from explorer.app.screens.picker import CardPicker

        picker = app.screen
        assert isinstance(picker, CardPicker) and picker.card_ids == cards
        target = cards.index("meeting")
        await pilot.press(*["j"] * target, "enter")
        await wait_for(pilot, lambda: app.main_screen.entity == "meeting")
        # and the other one, from the same span
        await pilot.press("backspace")
        await pilot.press("enter")
        await pilot.press(*["j"] * cards.index("alice-met-bob"), "enter")
        await wait_for(pilot, lambda: app.main_screen.relation == "alice-met-bob")


async def test_the_certainty_filter_applies_to_the_whole_view(ws):
    three_relations(ws)
    ws.card("alice-lives-in-paris.yaml", "kind: relation\nsubject: alice\npredicate: lives in\nobject: paris\n"
            "certainty: hedged\nevidence: [Alice Smith lives in Paris]\n")
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = app.main_screen
        main.set_certainty_filter("hedged")
        await pilot.pause()
        listed = {v: n for k, v, n in main.entity_rows if k == "e"}
        assert listed == {"alice": 1, "paris": 1}  # bob has no hedged relation; counts are hedged ones
        assert "hedged" in app.query_one("#entities").border_title
        for entity in listed:
            main.go_to(__import__("explorer.core.navigation", fromlist=["Location"]).Location(entity=entity))
            await pilot.pause()
            assert [app.base.relations[r].certainty for r in main.relation_ids] == ["hedged"]
        main.set_certainty_filter(None)
        await pilot.pause()
        assert {v for k, v, _ in main.entity_rows if k == "e"} == {"alice", "bob", "paris"}


# -- 7. rough edges: key names, j/k in the evidence pane, whole hints, one toast of a kind --------


async def test_help_names_keys_as_the_footer_does():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        text = str(app.screen.query_one("#help-text").render())
        for name in ("less_than_sign", "greater_than_sign", "shift+right", "right_curly_bracket", "question_mark"):
            assert name not in text.replace("article.", "").replace("app.", ""), name
        assert "Shift+→" in text and "  < " in text and "Ctrl+P" in text


async def test_j_and_k_scroll_the_evidence_pane_when_it_has_focus():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        evidence = app.query_one("#evidence")
        entity = app.main_screen.entity
        evidence.focus()
        await pilot.pause()
        assert evidence.max_scroll_y > 2
        await pilot.press("j", "j", "j")
        assert evidence.scroll_y == 3
        await pilot.press("k")
        assert evidence.scroll_y == 2
        assert app.main_screen.entity == entity  # the lists did not move


async def test_a_long_search_hint_is_shown_whole():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"foo:bar")
        hint = app.screen.query_one("#search-hint")
        await wait_for(pilot, lambda: "field" in str(hint.render()).lower())
        await pilot.pause()
        full = str(hint.render())
        assert len(full) > hint.region.width  # longer than a line...
        assert hint.region.height >= 2  # ...so it wraps instead of being cut off


async def test_toasts_of_a_kind_coalesce(ws):
    ws.basic()
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for _ in range(4):
            old = app.base
            app.load_facts(True)
            await wait_for(pilot, lambda: app.base is not old)
        await pilot.pause()
        reloaded = [n for n in app._notifications if n.message.startswith("Reloaded")]
        assert len(reloaded) == 1
        app.notify("Something else")
        await pilot.pause()
        assert len(list(app._notifications)) == 2  # a toast of another kind stays


RECORDING_EDITOR = textwrap.dedent("""
    import pathlib, shutil, sys
    shutil.copy(sys.argv[-1], sys.argv[0] + ".draft")
""")


async def test_a_relation_drafted_from_the_article_lists_the_ids_its_quote_names(ws, tmp_path, monkeypatch):
    # the object of a relation made with R had to be typed as an id looked up or remembered;
    # the draft now lists, under `object:`, the entities the quoted passage names
    fresh_workspace(ws, tmp_path, monkeypatch, editor_code=RECORDING_EDITOR)
    ws.card("ana-ruiz.yaml", "kind: entity\nname: Ana Ruiz\ntype: person\nevidence: [Mayor Ana Ruiz said]\n")
    ws.card("blue-line.yaml", "kind: entity\nname: Blue Line\ntype: organization\nevidence: [The ferry company Blue Line]\n")
    ws.card("dalmar.yaml", "kind: entity\nname: Dalmar\ntype: place\nevidence: [its service to Dalmar]\n")
    ws.card("tarin.yaml", "kind: entity\nname: Tarin\ntype: place\nevidence: [The port of Tarin]\n")
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a")
        article = app.screen
        await pilot.press("J", "J", "J")
        assert cursor_text(article) == "The ferry company Blue Line resumed its service to Dalmar."
        await pilot.press("v", "R")
        await wait_for(pilot, lambda: (tmp_path / "editor.py.draft").exists())
    draft = (tmp_path / "editor.py.draft").read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(draft) if line.startswith("object:"))
    assert draft[at + 1] == "#   named in the quote: blue-line, dalmar"
    assert not (ws.root / "facts" / "relations").exists()  # left unchanged: nothing saved


async def test_a_new_card_ends_with_one_toast_saying_how_it_checked(ws, tmp_path, monkeypatch):
    # "Saved facts/entities/ana-ruiz.yaml", "Reloaded: 1 entities, 0 relations" and "New card
    # facts/entities/ana-ruiz.yaml checks clean." stood one over the other, half the evidence
    # pane at 80x24
    fresh_workspace(ws, tmp_path, monkeypatch)
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("a", "J", "J", "v", "left", "left", "left", "left", "E")
        await wait_for(pilot, lambda: any("checks clean" in n.message for n in app._notifications))
        messages = [n.message for n in app._notifications]
        assert not any(m.startswith("Reloaded") for m in messages), messages
        assert [m for m in messages if "ana-ruiz" in m] == ["New card facts/entities/ana-ruiz.yaml checks clean."]
