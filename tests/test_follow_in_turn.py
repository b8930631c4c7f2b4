"""The panes follow a key in the key's own frame: every frame drawn after a key that moves a list's
cursor shows, beside the entity under the cursor, that entity's relations (and, on the relations
list, the relation's evidence). They followed the list's Highlighted message, which the screen's
queue had after the refresh that drew the cursor: the first frame after `j` showed the cursor on
the next entity and the relations of the one before (`bench/firstkey.py`)."""

from __future__ import annotations

import pytest

from tests.apphelpers import press_at_once, ready

N = 7  # people, each related to the next


def _workspace(ws):
    names = [f"Person{chr(65 + i)} Name{i}" for i in range(N)]
    text = (" ".join(f"{name} lives in town {i}." for i, name in enumerate(names)) + "\n\n"
            + " ".join(f"{names[i]} met {names[i + 1]} on day {i}." for i in range(N - 1)) + "\n")
    ws.source("article.txt", text)
    for i, name in enumerate(names):
        ws.card(f"p{i}.yaml", f"""
            kind: entity
            name: {name}
            type: person
            evidence:
              - {name} lives in town {i}
        """)
    for i in range(N - 1):
        ws.card(f"r{i}.yaml", f"""
            kind: relation
            subject: p{i}
            predicate: met
            object: p{i + 1}
            evidence:
              - {names[i]} met {names[i + 1]} on day {i}
        """)
    return ws


def _frames_of(app, what):
    """Record `what()` at every frame the app draws from now on."""
    seen = []
    display = app._display

    def recording(screen, renderable):
        if renderable is not None:
            seen.append(what())
        return display(screen, renderable)

    app._display = recording
    return seen


def _entity_shown(app):
    screen = app.screen
    entities = screen.entities_list
    row = screen.entity_rows[entities.cursor]
    name = app.base.entity_name(row[1])
    return name, str(screen.relations_list.border_title)


def _relation_shown(app):
    screen = app.screen
    relation = screen.relation_ids[screen.relations_list.cursor]
    return app.base.relations[relation].evidence[0].quote, str(screen.evidence_body.content)


@pytest.mark.parametrize("keys", [("j",), ("j", "j"), ("G",), ("G", "k", "k", "g"), ("end", "up", "home", "down")])
@pytest.mark.parametrize("at_once", [False, True])
async def test_every_frame_after_a_key_shows_the_relations_of_the_entity_under_the_cursor(ws, keys, at_once):
    from explorer.app.app import FactexApp

    app = FactexApp(_workspace(ws).root, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        seen = _frames_of(app, lambda: _entity_shown(app))
        start = app.screen.entities_list.cursor
        if at_once:
            await press_at_once(pilot, *keys)
        else:
            for key in keys:
                await pilot.press(key)
        await pilot.pause()
        assert app.screen.entities_list.cursor != start or keys[-1] == "g"
        assert seen, "no frame drawn after the keys"
        for name, title in seen:
            assert f"Relations of {name} (" in title, (name, title, seen)


@pytest.mark.parametrize("keys", [("j",), ("j", "j"), ("G", "k")])
async def test_every_frame_after_a_key_on_the_relations_shows_that_relations_evidence(ws, keys):
    from explorer.app.app import FactexApp

    app = FactexApp(_workspace(ws).root, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("j")  # the second person: two relations, one each way
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.focused is app.screen.relations_list and len(app.screen.relation_ids) == 2
        seen = _frames_of(app, lambda: _relation_shown(app))
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        assert seen
        for quote, body in seen:
            assert quote in body, (quote, body)
