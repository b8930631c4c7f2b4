"""The timeline, voices and suggestion views in the app: keys, palette, Enter jumps, E makes a card."""

from __future__ import annotations

import pytest

from explorer.app.app import FactexApp
from explorer.app.screens.main import MainScreen
from explorer.app.screens.timeline import TimelineScreen
from explorer.core.timeline import timeline

from apphelpers import open_uncarded, ready, wait_for
from conftest import REPO

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _fixed_theme(monkeypatch):
    monkeypatch.setenv("FACTEX_THEME", "textual-dark")


async def test_t_lists_dated_facts_in_time_order_and_enter_goes_to_the_fact():
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
        screen = app.screen
        expected = timeline(app.base)
        facts = [r.relation for r in screen.rows if r.relation is not None]
        assert facts == [d.relation for d in expected.dated] + [d.relation for d in expected.unread]
        head = str(screen.query_one("#factlist-head").render())
        assert f"{len(expected.dated)} dated facts" in head
        # down to the fact of February 18: its reading and its source in the detail pane
        target = next(i for i, r in enumerate(screen.rows) if r.relation == "gifted-aurus-presented-to-kim-in-pyongyang")
        for _ in range(target):
            await pilot.press("j")
        await pilot.pause()
        detail = str(screen.query_one("#factlist-detail").render())
        assert "February 18" in detail and "2024-02-18" in detail and "published 2024-02-20" in detail
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        main = app.main_screen
        assert (main.entity, main.relation) == ("gifted-aurus", "gifted-aurus-presented-to-kim-in-pyongyang")
        # back returns to where the user was before; t again opens it, t closes it
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_a_large_fact_base_s_timeline_is_built_off_the_ui_thread(monkeypatch):
    """From IN_WORKER_FROM relations on, the list is read in a worker: the view opens at once with
    a 'Reading' head, then shows the same rows as when built in place."""
    import threading

    from explorer.app.screens.factlist import FactListScreen

    built_on = []
    original = TimelineScreen.build

    def build(self, base):
        built_on.append(threading.current_thread() is threading.main_thread())
        return original(self, base)

    monkeypatch.setattr(TimelineScreen, "build", build)
    monkeypatch.setattr(FactListScreen, "IN_WORKER_FROM", 0)
    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen) and app.screen.rows)
        expected = timeline(app.base)
        facts = [r.relation for r in app.screen.rows if r.relation is not None]
        assert facts == [d.relation for d in expected.dated] + [d.relation for d in expected.unread]
        assert built_on == [False]
        assert f"{len(expected.dated)} dated facts" in str(app.screen.query_one("#factlist-head").render())


async def test_the_timeline_is_in_the_command_palette():
    from explorer.app.commands import FactexCommands

    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        titles = [title.plain for title, _, _ in FactexCommands(app.screen)._commands()]
        assert "Show the timeline" in titles
        callback = next(cb for title, _, cb in FactexCommands(app.screen)._commands() if title.plain == "Show the timeline")
        callback()
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))


async def test_a_workspace_without_dates_shows_an_empty_timeline(ws):
    ws.basic()
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.base is not None)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
        assert app.screen.rows == []
        await pilot.press("enter", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_empty_timeline_says_all_of_why_at_a_narrow_width(ws, size):
    """At 60 and 80 columns the empty timeline's message is wrapped, never cut: it ended "or a
    quo…" at 60 columns and "states a dat…" at 80."""
    from explorer.app.widgets import VirtualList

    ws.basic()
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: app.base is not None)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen) and app.screen.rows == [])
        await pilot.pause()
        listing = app.screen.query_one("#timeline", VirtualList)
        shown = [listing.render_line(y).text.rstrip() for y in range(listing.size.height)]
        assert " ".join(" ".join(shown).split()) == TimelineScreen.EMPTY, shown
        assert all(len(line) <= listing.size.width for line in shown)


async def test_w_lists_facts_by_voice_and_enter_goes_to_the_fact():
    from explorer.app.screens.voices import VoicesScreen
    from explorer.core.voices import voices

    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, VoicesScreen))
        screen = app.screen
        found = voices(app.base)
        facts = [r.relation for r in screen.rows if r.relation is not None]
        assert facts == [rid for v in found.voices for rid in v.relation_ids]
        # the first fact is highlighted (headers are skipped), KCNA's
        assert screen.current == found.voices[0].relation_ids[0]
        detail = str(screen.query_one("#factlist-detail").render())
        assert "per Korean Central News Agency" in detail and "presented with a car" in detail
        # down to the article's own opinions
        target = next(i for i, r in enumerate(screen.rows)
                      if r.relation == found.of("article:kim-aurus-gift").groups["opinion"][0])
        await pilot.press("G")
        await pilot.pause()
        listing = screen.query_one("#voices")
        listing.move_to(target)
        await pilot.pause()
        assert "in the article's own voice" in str(screen.query_one("#factlist-detail").render())
        rel = app.base.relations[screen.current]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.main_screen.relation == rel.id
        await pilot.press("backspace")  # back: to where the user was before w
        await pilot.pause()


async def test_who_says_what_is_in_the_command_palette():
    from explorer.app.commands import FactexCommands
    from explorer.app.screens.voices import VoicesScreen

    app = FactexApp(REPO, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        callback = next(cb for title, _, cb in FactexCommands(app.screen)._commands()
                        if title.plain == "Show who says what")
        callback()
        await wait_for(pilot, lambda: isinstance(app.screen, VoicesScreen))
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


def _uncarded_workspace(tmp_path):
    """The shipped article with its entity cards less five, and no relations: five names to card."""
    import shutil

    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copytree(REPO / "facts" / "entities", tmp_path / "facts" / "entities")
    for name in ("dmitry-peskov", "john-kirby", "tass", "kremlin", "pak-jong-chon"):
        (tmp_path / "facts" / "entities" / f"{name}.yaml").unlink()
    return tmp_path


async def test_c_lists_the_uncarded_names_and_enter_goes_to_the_first_mention(tmp_path):
    from explorer.app.screens.article import ArticleScreen
    from explorer.core.suggest import suggest

    root = _uncarded_workspace(tmp_path)
    app = FactexApp(root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_uncarded(pilot)
        names = [s.name for s in app.screen.suggestions]
        assert names == [s.name for s in suggest(app.base, "kim-aurus-gift")]
        assert {"Dmitry Peskov", "John Kirby", "TASS", "Pak Jong Chon"} <= set(names)
        peskov = names.index("Dmitry Peskov")
        for _ in range(peskov):
            await pilot.press("j")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        text = app.base.sources["kim-aurus-gift"].text
        screen = app.screen
        await wait_for(pilot, lambda: screen.cursor is not None and "Dmitry Peskov" in text[screen.cursor[0]:screen.cursor[1]])


@pytest.mark.parametrize("end", ["\r\n", "\r", "\n"])
async def test_c_shows_a_name_in_its_line_whatever_ends_the_lines(tmp_path, end):
    # a Reuters story saved with CR LF line ends: the context of its first name ended in "␍"

    lines = ["1 of 2. A general view of Gartnavel General Hospital is seen in Glasgow, Scotland December 29, 2014.", "",
             "LONDON (Reuters) - A healthcare worker has been diagnosed with Ebola in Glasgow.", "",
             "The patient is being treated in isolation at Glasgow's Gartnavel Hospital."]
    (tmp_path / "seeds").mkdir()
    (tmp_path / "facts").mkdir()
    (tmp_path / "seeds" / "ebola.txt").write_bytes(end.join(lines).encode() + end.encode())
    app = FactexApp(tmp_path, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_uncarded(pilot)
        screen = app.screen
        for i, s in enumerate(screen.suggestions):
            if i:
                await pilot.press("j")
            await wait_for(pilot, lambda: screen.listing.cursor == i)
            shown = screen.context_pane.render().plain
            line = lines[s.first.line - 1]
            assert "\u240d" not in shown and "\u2424" not in shown, shown
            tail = f"  line {s.first.line}"
            assert shown.endswith(tail) and shown[: -len(tail)] in line and s.name in shown, shown
            assert not shown[:1].isspace(), shown


async def test_c_shows_a_wire_story_s_indented_line_from_its_first_word(tmp_path):
    # wire copy indents each paragraph's first line: the context read "     WASHINGTON, Feb 27 - ..."

    (tmp_path / "seeds").mkdir()
    (tmp_path / "facts").mkdir()
    (tmp_path / "seeds" / "wire.txt").write_text(
        "REAGAN'S PROSPECTS DIM\n\n    WASHINGTON, Feb 27 - The Tower Commission report, which\nsays President "
        "Reagan was ignorant.\n    \tPrivate analyst Stephen Hess told Reuters.\n", encoding="utf-8")
    app = FactexApp(tmp_path, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_uncarded(pilot)
        screen = app.screen
        shown = []
        for i, s in enumerate(screen.suggestions):
            if i:
                await pilot.press("j")
            await wait_for(pilot, lambda: screen.listing.cursor == i)
            shown.append(screen.context_pane.render().plain)
        assert any(t.startswith("WASHINGTON, Feb 27 - The Tower Commission report, which  line 3") for t in shown), shown
        assert any(t.startswith("Private analyst Stephen Hess told Reuters.  line 5") for t in shown), shown
        assert not any(t[:1].isspace() for t in shown), shown


EDIT_NOTHING = "import sys\n"  # an editor that saves the card as it was given


def _editor(tmp_path, monkeypatch, script: str):
    """$EDITOR (and no $VISUAL) set to `script`, a Python program given the card's path."""
    import sys

    editor = tmp_path / "editor.py"
    editor.write_text(script)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    return editor


async def test_E_on_a_suggestion_makes_an_entity_card_quoting_its_first_mention(tmp_path, monkeypatch):
    root = _uncarded_workspace(tmp_path / "ws")
    _editor(tmp_path, monkeypatch, EDIT_NOTHING)
    before = sorted(p.name for p in (root / "facts" / "entities").iterdir())
    app = FactexApp(root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_uncarded(pilot)
        names = [s.name for s in app.screen.suggestions]
        for _ in range(names.index("Dmitry Peskov")):
            await pilot.press("j")
        await pilot.press("E")
        await wait_for(pilot, lambda: app.base.entities.get("dmitry-peskov") is not None)
        card = app.base.entities["dmitry-peskov"]
        assert (card.name, card.type) == ("Dmitry Peskov", "person")
        [ev] = card.evidence
        text = app.base.sources["kim-aurus-gift"].text
        assert text[ev.anchor.start:ev.anchor.end] == ev.quote and "Dmitry Peskov" in ev.quote
        assert ev.anchor.start <= text.index("Dmitry Peskov") < ev.anchor.end  # its first mention
    after = sorted(p.name for p in (root / "facts" / "entities").iterdir())
    assert after == sorted(before + ["dmitry-peskov.yaml"])  # one new file, nothing else touched


async def test_after_E_the_uncarded_names_are_back_where_the_user_was(tmp_path, monkeypatch):
    """Carding the names one after another: once the editor closes on a card that checks clean,
    the list is back over the article (it left the user on the panes), the carded name gone from
    it and the cursor on the next name not carded yet."""
    from explorer.app.screens.suggestions import SuggestionList

    root = _uncarded_workspace(tmp_path / "ws")
    _editor(tmp_path, monkeypatch, EDIT_NOTHING)
    app = FactexApp(root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_uncarded(pilot)
        for name in ("Dmitry Peskov", "John Kirby"):
            names = [s.name for s in app.screen.suggestions]
            k = names.index(name)
            while app.screen.listing.cursor != k:
                await pilot.press("j" if app.screen.listing.cursor < k else "k")
            await pilot.press("E")
            await wait_for(pilot, lambda: isinstance(app.screen, SuggestionList) and name not in
                           [s.name for s in app.screen.suggestions])
            assert app.current_mode == "article"
            now = [s.name for s in app.screen.suggestions]
            following = next((n for n in names[k + 1:] if n in now), now[-1])  # (the next name not carded yet)
            await wait_for(pilot, lambda: app.screen.listing.cursor == now.index(following))


ADD_ALIAS = """import sys
path = sys.argv[-1]
open(sys.argv[0] + ".args", "w").write(" ".join(sys.argv[1:]))
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(text.replace("type: person\\n", "type: person\\naliases: [Reagan]\\n"))
"""


@pytest.mark.parametrize("whole", [True, False])
async def test_E_on_a_carded_persons_surname_opens_that_card_to_add_the_alias(tmp_path, monkeypatch, whole):
    # "President Reagan" with Ronald Reagan carded and no alias "Reagan": E made a second person
    from explorer.app import render

    root = tmp_path / "ws"
    (root / "seeds").mkdir(parents=True)
    (root / "facts" / "entities").mkdir(parents=True)
    named = "Ronald Reagan" if whole else "The president"
    (root / "seeds" / "tower.txt").write_text(
        f"REAGAN'S PROSPECTS DIM\n\n{named} spoke on Monday. Later, President Reagan was ignorant about the deal.\n",
        encoding="utf-8")
    card = root / "facts" / "entities" / "ronald-reagan.yaml"
    card.write_text(f"kind: entity\nname: Ronald Reagan\ntype: person\nevidence:\n  - quote: {named} spoke\n",
                    encoding="utf-8")
    _editor(tmp_path, monkeypatch, ADD_ALIAS)
    app = FactexApp(root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_uncarded(pilot)
        names = [s.name for s in app.screen.suggestions]
        k = names.index("Reagan")
        assert app.screen.suggestions[k].alias_of == "ronald-reagan"
        left, right = render.suggestion_row(app.screen.suggestions[k])
        assert left.plain.endswith("  alias of ronald-reagan?") and right.plain == "name"
        width = 52  # the list's width in a 60-column terminal: the right part is cut past a third, the left never here
        assert right.cell_length <= width // 3 and left.cell_length <= width - right.cell_length - 1
        for _ in range(k):
            await pilot.press("j")
        await pilot.press("E")
        await wait_for(pilot, lambda: "Reagan" in app.base.entities["ronald-reagan"].aliases)
        assert (tmp_path / "editor.py.args").read_text() == f"+2 {card}"  # at its name: no aliases yet
        assert sorted(p.name for p in (root / "facts" / "entities").iterdir()) == ["ronald-reagan.yaml"]  # no new card
        assert app.base.problems == []
        from explorer.core.suggest import suggest

        assert "Reagan" not in [s.name for s in suggest(app.base, "tower")]
        from explorer.app.screens.suggestions import SuggestionList

        await wait_for(pilot, lambda: isinstance(app.screen, SuggestionList))  # the list again, for the next name
        assert "Reagan" not in [s.name for s in app.screen.suggestions]


@pytest.mark.parametrize("key", ["t", "w"])
async def test_the_timeline_and_voices_keep_the_panes_source_filter(key):
    """Filtered to one source in the panes, `t` and `w` list only the facts that source backs, and
    say so in their title."""
    from explorer.app.screens.voices import VoicesScreen
    from explorer.core.loading.corpus import backed_by

    corpus = REPO / "examples" / "corpus"
    app = FactexApp(corpus, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        source = "losing-face-6-000-surgical-masks"
        app.main_screen.set_source_filter(source)
        await pilot.pause()
        await pilot.press(key)
        view = TimelineScreen if key == "t" else VoicesScreen
        await wait_for(pilot, lambda: isinstance(app.screen, view) and app.screen.rows)
        listed = {r.relation for r in app.screen.rows if r.relation is not None}
        backed = backed_by(app.base, source)[1]
        assert listed and listed <= backed
        everything = timeline(app.base) if key == "t" else None
        if everything is not None:  # every dated fact of the source is there, none of the others
            assert listed == {d.relation for d in (*everything.dated, *everything.unread)} & backed
        head = str(app.screen.query_one("#factlist-head").render())
        assert "from " + app.base.sources[source].title in head


async def test_a_list_opened_from_the_article_closes_back_to_the_article(ws):
    from explorer.app.screens.article import ArticleScreen
    from explorer.app.screens.sources import SourcesScreen

    ws.basic()
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.base is not None)
        await pilot.press("a", "j", "j")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen) and app.screen.cursor is not None)
        article, cursor = app.screen, app.screen.cursor
        for key, view in (("t", TimelineScreen), ("o", SourcesScreen), ("w", None)):
            await pilot.press(key)
            await wait_for(pilot, lambda: app.screen is not article and (view is None or isinstance(app.screen, view)))
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is article)
            assert article.cursor == cursor  # the reading place kept


async def test_c_with_every_name_carded_says_so(ws):

    ws.source("article.txt", "Alice Smith met Bob Jones.\n")
    ws.card("alice.yaml", "kind: entity\nname: Alice Smith\ntype: person\nevidence: [Alice Smith]\n")
    ws.card("bob.yaml", "kind: entity\nname: Bob Jones\ntype: person\nevidence: [Bob Jones]\n")
    app = FactexApp(ws.root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.base is not None)
        await open_uncarded(pilot)
        await pilot.pause()
        assert app.screen.suggestions == []
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "No uncarded names: every name here has an entity card." in shown  # (the list had no height)
