"""A terminal narrower or lower than any layout (1-5 columns, one line, a narrow window over many
problems): every view opens and takes its keys, nothing raised. The article view measured its
paragraphs only once its text had a cell of width, and read the measures before that (an
IndexError at the first frame at 1-5 columns); the problems view's head had no hint short enough
when its counts filled the width (StopIteration at 12 columns). Each took the whole app down."""

from __future__ import annotations

import pytest

from explorer.app.app import FactexApp

from apphelpers import ready

KEYS = (["j", "j", "enter"], ["tab", "j"], ["a", "j", "J", "G"], ["escape"], ["o", "j", "enter", "escape"],
        ["exclamation_mark", "j", "enter", "escape"], ["slash", "a", "enter"], ["escape"], ["t"], ["escape"],
        ["v"], ["escape"])


@pytest.mark.parametrize("size", [(1, 24), (3, 1), (5, 5), (12, 40)])
async def test_every_view_opens_on_a_terminal_too_small_for_it(ws, size):
    ws.basic()
    ws.card("broken.yaml", "kind: entity\nname: [x]\n")  # (problems to list)
    ws.card("broken2.yaml", "kind: relation\nsubject: nobody\n")
    app = FactexApp(ws.root)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        for keys in KEYS:
            await pilot.press(*keys)
            await pilot.pause()
        assert app.is_running
