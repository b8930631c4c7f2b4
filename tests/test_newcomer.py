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
