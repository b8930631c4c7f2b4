"""A frame is drawn once: the main view does not draw the whole screen a second time straight after
laying it out and drawing it whole (a repaint of the screen asked for before that layout, left
asked for, made the update timer's next frame draw it all again: ~21 KB at 120x40 written for
nothing as the facts showed, before a key typed then), and the status line changes without
laying the screen out (it is one row, as wide as the screen, whatever it says)."""

from __future__ import annotations

from tests.apphelpers import ready


def _count_full_frames(app):
    compositor = app.screen._compositor
    counted = []
    full = compositor.render_full_update

    def counting(*args, **kwargs):
        counted.append(1)
        return full(*args, **kwargs)

    compositor.render_full_update = counting
    return counted


def _count_layouts(screen):
    counted = []
    layout = screen._refresh_layout

    def counting(*args, **kwargs):
        counted.append(1)
        return layout(*args, **kwargs)

    screen._refresh_layout = counting
    return counted


async def test_a_resize_draws_the_screen_whole_once(ws):
    """Laying the screen out for its new size sets the screen's own size, which asks for a repaint
    of the screen (as its mount and the app's sub-title set at start do): drawn with the layout's
    whole frame, not again by the next tick."""
    from explorer.app.app import FactexApp

    app = FactexApp(ws.basic().root, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.pause()
        for size in [(120, 40), (80, 24), (60, 20), (90, 50), (100, 30)]:
            fulls = _count_full_frames(app)
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert len(fulls) == 1, (size, len(fulls))
            assert not app.screen._repaint_required
            assert "Alice Smith" in app.screen.entities_list.render_line(1).text


async def test_the_status_line_changes_without_a_layout(ws):
    from explorer.app.app import FactexApp

    app = FactexApp(ws.basic().root, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause()
        screen = app.screen
        for progress in ["Reloading 1/3 cards…", "a much longer progress line " * 8, "", "界" * 70]:
            layouts = _count_layouts(screen)
            screen.update_status(progress or None)
            await pilot.pause()
            await pilot.pause()
            assert not layouts, progress
            shown = screen.status_bar.render_line(0).text
            assert len(shown) == 120 or shown.startswith(" ")
            assert (progress[:15] if progress else "1 source") in shown


async def test_a_key_is_drawn_in_one_frame(ws):
    """j, k, G, g on the entity list: one frame each, holding everything the key changed. What
    asked to be drawn again while the key's frame was being made (the entity list's scrollbar,
    as the layout set the list's length again) came a frame later, at the next tick."""
    from explorer.app.app import FactexApp

    ws.basic()
    for i in range(40):  # (a list longer than the pane: it has a scrollbar)
        ws.card(f"p{i}.yaml", f"""
            kind: entity
            name: Person{i:02d}
            type: person
            evidence:
              - Alice Smith
            aliases: [P{i}]
        """)
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.pause()
        drawn = []
        display = app._display

        def counting(screen, renderable):
            if renderable is not None:
                drawn.append(type(renderable).__name__)
            return display(screen, renderable)

        app._display = counting
        for key in ["j", "j", "k", "G", "g", "j"]:
            drawn.clear()
            await pilot.press(key)
            for _ in range(4):  # (the update timer's next ticks: nothing left to draw)
                await pilot.pause(0.02)
            assert len(drawn) == 1, (key, drawn)
