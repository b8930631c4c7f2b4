"""The problems view's head says what Enter and e do wherever it can: the counts are shortened (no
count of none, "held back") before the hint is dropped. At 60 columns the head was "Problems
4 errors, 0 warnings, 1 held back by them" and nothing on the view said what Enter and e do
there (the footer has no room for e either). A hint is shown whole or not at all, every count
that is not none is always shown, and the view opens at any width (under ~54 columns it stopped
factex with StopIteration until 7d8363d)."""

from __future__ import annotations

import re

import pytest

from tests.apphelpers import ready, wait_for


def _hostile(ws, errors: int, held: int):
    ws.basic()
    for i in range(errors):  # (a quote not in the article: an error)
        ws.card(f"bad{i}.yaml", f"""
            kind: entity
            name: Bad Person{i}
            type: person
            evidence:
              - quote: words nobody wrote {i}
        """)
    for i in range(held):  # (a relation held back by a card with errors: counted apart)
        ws.card(f"held{i}.yaml", f"""
            kind: relation
            subject: bad0
            predicate: knew {i}
            object: bob
            evidence:
              - quote: Bob said
        """)
    return ws


@pytest.mark.parametrize("errors,held", [(1, 0), (4, 1), (12, 3)])
async def test_the_head_keeps_its_hint_and_counts_at_every_width(ws, errors, held):
    from explorer.app.app import FactexApp
    from explorer.app.screens.problems import ProblemsScreen

    app = FactexApp(_hostile(ws, errors, held).root, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        base = app.base
        assert len(base.errors) == errors and len(base.held_back) == held
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        for width in [20, 32, 44, 50, 56, 60, 64, 70, 80, 100, 120]:
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            await pilot.pause()
            head = app.screen.head_bar.render_line(0).text.rstrip()
            assert len(head) <= width, (width, head)
            if width >= 44:  # (narrower, the head is cut with an ellipsis: the view still opens)
                assert re.search(rf"\b{errors} errors?\b", head), (width, head)
                if held:
                    assert f"{held} held back" in head, (width, head)
            hints = [h.strip() for h in ProblemsScreen.HINTS if h]
            shown = [h for h in hints if h in head]
            assert shown or width < 60 or errors > 9, (width, head)  # (at 60 columns a hint fits beside a few)
            assert not re.search(r"enter: go to[^·]*$", head), (width, head)  # (never cut)
