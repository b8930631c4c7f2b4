"""Every screen of the app over a workspace whose every string is a hostile payload.

The workspace's names, aliases, descriptions, predicates, qualifiers, notes, quotes, source
title and text, and its card and source file names all carry markup (`[/]`, `[link=...]`,
`[@click=app.quit]`), escape sequences (OSC 52, OSC 0, CSI), BEL, the 8-bit CSI U+009B, a bidi
override, an invisible operator, a tag character and a line separator. The test visits every
screen, the command palette (discovery and search), the search hint, and notifications (a bad
setting, an editor that fails), and after each step renders the whole screen as the terminal
would get it. What must hold: the app is still running, no markup was interpreted (the payload's
brackets show as typed, and no link or click action exists), and apart from Textual's own colour
and cursor sequences not one control, format or separator character reaches the terminal.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from explorer.app.app import FactexApp
from explorer.core.authoring import yaml_scalar
from explorer.core.loading.config import Settings
from explorer.core.model import Problem
from explorer.core.safetext import UNSAFE_CATEGORIES

from apphelpers import palette_settled, press_at_once, ready, wait_for

MARKUP = "[/] [link=https://evil.example]L[/link] [@click=app.quit]Q[/] [bold]B"
ESCAPES = "\x1b]52;c;cHduZWQ=\x07 \x1b]0;PWNED\x07 \x1b[2J \x07 \x9b31m \u202eRTL \u2061 \U000e0041 \u2028 \x7f"
PAYLOAD = f"Zed {MARKUP} {ESCAPES} end"
NAME_PAYLOAD = "zed [b] \x1b]0;T\x07 \u202e\u2061\U000e0041\x9b"  # a file name (no / or NUL): no id, not read
NAME_MARKUP = "zed [b] [@click=app.quit]Q [on red] ${HOME}"  # a file name that is an id: read, shown as it is

# What Textual itself writes: SGR colours and cursor moves. Anything else is the payload.
_OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;:]*[mH]")


def _q(value: str) -> str:
    return yaml_scalar(value)


def hostile_workspace(root):
    (root / "facts").mkdir(parents=True)
    (root / "seeds").mkdir()
    source = f"Title {PAYLOAD}\n\nFirst para says {PAYLOAD} here.\n\nSecond {MARKUP} para.\n"
    (root / "seeds" / f"{NAME_MARKUP}.txt").write_text(source, encoding="utf-8")
    (root / "seeds" / f"{NAME_PAYLOAD}.txt").write_text(source, encoding="utf-8")  # (its name is no id: its problem shows it)
    (root / "facts" / f"{NAME_PAYLOAD}.yaml").write_text("kind: entity\nname: Hidden\ntype: person\n", encoding="utf-8")
    (root / "facts" / f"{NAME_MARKUP}.yaml").write_text(
        f"kind: entity\nname: {_q(PAYLOAD)}\ntype: person\naliases: [{_q(MARKUP)}]\n"
        f"description: {_q(PAYLOAD)}\nevidence:\n  - quote: {_q('says ' + PAYLOAD)}\n    note: {_q(PAYLOAD)}\n",
        encoding="utf-8")
    (root / "facts" / "other.yaml").write_text(
        f"kind: entity\nname: {_q('Other ' + MARKUP)}\ntype: place\nevidence:\n  - {_q('Second ' + MARKUP)}\n",
        encoding="utf-8")
    (root / "facts" / "rel.yaml").write_text(
        f"kind: relation\nsubject: {_q(NAME_MARKUP)}\npredicate: {_q('met ' + PAYLOAD)}\nobject: other\n"
        f"qualifiers: {{place: {_q(PAYLOAD + ' 1999')}}}\ncertainty: reported\nattribution: other\n"
        f"evidence:\n  - quote: {_q('First para says')}\n", encoding="utf-8")
    # Broken cards: their problems quote the payload (a bad key, a bad value, a file name).
    (root / "facts" / f"broken {NAME_PAYLOAD}.yaml").write_text(
        f"kind: entity\nname: B\ntype: person\n{_q(PAYLOAD)}: x\nevidence: [{_q(PAYLOAD + ' not there')}]\n",
        encoding="utf-8")
    (root / "facts" / "bad-type.yaml").write_text(
        f"kind: entity\nname: C\ntype: {_q(PAYLOAD)}\nevidence: [Second]\n", encoding="utf-8")
    (root / "facts" / "syntax.yaml").write_text(f"kind: entity\nname: [{PAYLOAD}\n", encoding="utf-8")
    hostile_files(root)


def hostile_files(root) -> None:
    """What a stranger's checkout holds beside its cards: a pipe and a folder named like cards,
    links out of the workspace and in a loop, a card and an article of 10 MB on one line, bytes
    that are not UTF-8, a NUL, a byte-order mark, CR-only and CRLF line ends, an alias bomb, a
    Python tag, a huge number, deep nesting, soft hyphens."""
    import os

    facts, seeds = root / "facts", root / "seeds"
    os.mkfifo(facts / "pipe.yaml")
    os.mkfifo(seeds / "pipe.txt")
    (facts / "folder.yaml").mkdir()
    os.symlink("/etc/passwd", facts / "passwd.yaml")
    os.symlink("/etc/hostname", seeds / "hostname.txt")
    os.symlink("/etc", facts / "etc")
    os.symlink("loop.yaml", facts / "loop.yaml")
    os.symlink(".", facts / "self")
    (facts / "huge.yaml").write_bytes(b"kind: entity\nname: " + b"x" * (10 * 1024 * 1024) + b"\n")
    (seeds / "long.txt").write_bytes(b"word " * (200 * 1024))  # (1 MB on one line: 10 MB is tests/test_fuzz's)
    (facts / "latin1.yaml").write_bytes(b"kind: entity\nname: \xff\xfe\ntype: person\n")
    (seeds / "latin1.txt").write_bytes(b"Some \xff\xfe bytes.\n")
    (facts / "nul.yaml").write_bytes(b"kind: entity\nname: N\x00\ntype: person\n")
    (seeds / "nul.txt").write_bytes(b"A NUL \x00 here.\n")
    (facts / "bom.yaml").write_bytes("\ufeffkind: entity\r\nname: Bom\r\ntype: person\r\nevidence: [Second]\r\n".encode())
    (facts / "cr.yaml").write_bytes(b"kind: entity\rname: Cr\rtype: person\revidence: [Second]\r")
    (seeds / "cr.txt").write_bytes("\ufeffCR only\rDie Bundes\u00adregierung tagt.\r\rpara\r".encode())
    (facts / "bomb.yaml").write_text("a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b]\n")
    (facts / "python.yaml").write_text("kind: !!python/object/apply:os.system ['touch pwned']\nname: x\n")
    (facts / "number.yaml").write_text("kind: entity\nname: N\ntype: person\nevidence:\n  - quote: Second\n"
                                       "    occurrence: " + "9" * 5000 + "\n")
    (facts / "deep.yaml").write_text("kind: " + "[" * 20000 + "]" * 20000 + "\n")


def _terminal_output(app) -> tuple[str, str]:
    """(raw, plain): what the terminal would get for the whole current screen, and its text."""
    update = app.screen._compositor.render_full_update()
    raw = update.render_segments(app.console)
    plain = "\n".join("".join(seg.text for strip in line for seg in strip) for line in update.strips)
    return raw, plain


def _assert_clean(app, where: str, seen: list[str]) -> None:
    assert app.is_running, f"the app stopped at {where}"
    raw, plain = _terminal_output(app)
    rest = _OWN_SEQUENCES.sub("", raw)
    bad = sorted({f"U+{ord(c):04X}" for c in rest if c != "\n" and unicodedata.category(c) in UNSAFE_CATEGORIES})
    assert not bad, f"{where}: {bad} reached the terminal"
    assert "\x1b]" not in raw, f"{where}: an OSC sequence (a link, a title, a clipboard write) was emitted"
    for line in app.screen._compositor.render_full_update().strips:
        for strip in line:
            for seg in strip:
                style = seg.style
                if style is not None and (style.link or (style.meta or {}).get("@click")):
                    assert False, f"{where}: a link or click action from the workspace: {seg!r}"
    seen.append(plain)


@pytest.fixture(autouse=True)
def _fixed_theme(monkeypatch):
    monkeypatch.setenv("FACTEX_THEME", "textual-dark")


async def test_every_screen_over_a_hostile_workspace(tmp_path, monkeypatch):
    root = tmp_path / "ws"
    hostile_workspace(root)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    monkeypatch.setenv("VISUAL", "/nonexistent/zed[/]\x1b]0;T\x07\u202e")  # one word: the editor's name
    settings = Settings(problems=[Problem("theme", 0, 0, "warning", f"unknown theme {PAYLOAD}")])
    app = FactexApp(root, watch=False, settings=settings)
    seen: list[str] = []
    async with app.run_test(size=(120, 40), notifications=True, tooltips=True) as pilot:
        await ready(pilot, 120)  # (a guard against a hang: a loaded machine takes its time)
        await pilot.pause()
        _assert_clean(app, "main screen with a settings notification", seen)
        assert app.base.entities and app.base.relations and app.base.problems
        # Every entity and each of its relations, the evidence pane showing them.
        main = app.main_screen
        for _ in range(len(main.entity_rows) + 1):
            await pilot.press("j")
            await pilot.pause()
            _assert_clean(app, f"entity {main.entity!r}", seen)
        await pilot.press("g", "tab")
        for _ in range(3):
            await pilot.press("j")
            await pilot.pause()
            _assert_clean(app, "relations", seen)
        await pilot.press("shift+tab")
        # The article view, with its cited spans.
        await pilot.press("a")
        await pilot.pause()
        _assert_clean(app, "article", seen)
        await pilot.press("j")
        await pilot.pause()
        _assert_clean(app, "article, a cited span", seen)
        await pilot.press("v")
        await pilot.pause()
        _assert_clean(app, "article, a selection", seen)
        await pilot.press("escape", "escape")
        # Problems.
        await pilot.press("exclamation_mark")
        await pilot.pause()
        for _ in range(8):
            _assert_clean(app, "problems", seen)
            await pilot.press("j")
            await pilot.pause()
        # The editor fails: its error is a notification quoting the payload.
        await pilot.press("e")
        await wait_for(pilot, lambda: any("cannot run editor" in n.message for n in app._notifications))
        await wait_for(pilot, lambda: "cannot run editor" in _terminal_output(app)[1])  # (its toast drawn)
        _assert_clean(app, "editor error notification", seen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main)
        # Search: results and the hint.
        from explorer.app.screens.search import SearchScreen

        answered: list[str] = []  # the queries whose results (or hint) the search screen has shown
        shown = SearchScreen.on_search_screen_done

        def done(screen, message):
            shown(screen, message)
            answered.append(message.query)

        monkeypatch.setattr(SearchScreen, "on_search_screen_done", done)
        for query in ("zed", "[/]", "source:nothing", "!"):
            await pilot.press("slash")
            await pilot.pause()
            await press_at_once(pilot, *query)  # (typed as fast as keys come: the answer to the whole query is checked)
            await wait_for(pilot, lambda: query in answered)
            await pilot.pause()
            _assert_clean(app, f"search {query!r}", seen)
            await pilot.press("escape")
            await pilot.pause()
        # The command palette: every command, then a search that lists the entities.
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: palette_settled(app, ""))
        await pilot.pause()
        _assert_clean(app, "palette", seen)
        await press_at_once(pilot, *"zed")
        await wait_for(pilot, lambda: palette_settled(app, "zed"))
        await pilot.pause()
        _assert_clean(app, "palette search", seen)
        await pilot.press("backspace", "backspace", "backspace", "s", "h", "o", "w")  # (one at a time: see press_at_once)
        await wait_for(pilot, lambda: palette_settled(app, "show"))
        await pilot.pause()
        _assert_clean(app, "palette: show article", seen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        _assert_clean(app, "help", seen)
        await pilot.press("escape")
        app.load_facts(True)  # a reload notification
        await wait_for(pilot, lambda: "Reloaded: " in _terminal_output(app)[1])
        _assert_clean(app, "reload", seen)
        assert app.is_running
    everything = "\n".join(seen)
    # Markup was shown, not interpreted.
    for literal in ("[/]", "[link=https://evil.example]", "[@click=app.quit]", "[bold]B"):
        assert literal in everything, f"{literal} never showed as text"
    # The escapes showed as markers.
    for marker in ("\u241b]52;c;", "\u241b]0;PWNED\u2407", "\u27e8U+009B\u27e9", "\u27e8U+202E\u27e9", "\u27e8U+2061\u27e9",
                   "\u27e8U+E0041\u27e9", "\u27e8U+2028\u27e9"):
        assert marker in everything, f"{marker} never showed"
    assert "Show article: Title Zed" in everything  # the palette's article command, literal
    assert "cannot run editor" in everything and "/nonexistent/zed[/]" in everything  # the editor's error, literal
    assert "unknown theme Zed [/]" in everything  # the settings notification, literal
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize("seed", [29])  # (cards, a source and a sidecar mid-merge, mergetool copies, .git, look-alike ids, a bidi name)
async def test_a_short_session_over_a_generated_hostile_workspace(seed, tmp_path, monkeypatch):
    """The app over workspaces that tests/hostile.py generates (what strangers' checkouts and a
    team working through git leave: cards mid-merge, mergetool copies, editors' files, look-alike
    ids, pipes, links, bytes that are not UTF-8, ...), watched as a user's is: every view shows
    nothing a terminal would act on, the valid card beside it all is there, a card renamed as git
    renames it is picked up (one entity, under its new id), and factex changes no file."""
    import os

    import hostile
    from test_hostile_cli import snapshot

    root = hostile.generate(tmp_path / "ws", seed, big=False)
    before = snapshot(root)
    monkeypatch.setenv("VISUAL", "/nonexistent/editor")
    app = FactexApp(root, watch=True)
    seen: list[str] = []
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await ready(pilot, 120)
        _assert_clean(app, "main screen", seen)
        assert hostile.GOOD_ID in app.base.entities
        main = app.main_screen
        for _ in range(min(len(main.entity_rows), 12)):
            await pilot.press("j")
            await pilot.pause()
            _assert_clean(app, f"entity {main.entity!r}", seen)
        for key, where in (("a", "article"), ("j", "article, next sentence"), ("escape", "back"), ("o", "sources"),
                           ("j", "sources, next"), ("escape", "back"), ("exclamation_mark", "problems"), ("j", "problems, next"),
                           ("G", "problems, last"), ("escape", "back"), ("question_mark", "help"), ("escape", "back")):
            await pilot.press(key)
            await pilot.pause()
            _assert_clean(app, where, seen)
        await pilot.press("slash", "a", "n", "n", "a")
        await pilot.pause(0.3)
        _assert_clean(app, "search", seen)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: palette_settled(app, ""))
        _assert_clean(app, "palette", seen)
        await pilot.press("escape")
        await pilot.pause()
        # A teammate's rename lands (git pull): the card under its new name, a swap file and a
        # mergetool copy beside it.
        await wait_for(pilot, lambda: app._watcher is not None, 30)
        entities = root / "facts" / "entities"
        os.rename(entities / f"{hostile.GOOD_ID}.yaml", entities / "anna-berg.yaml")
        (entities / ".anna-berg.yaml.swp").write_bytes(b"b0VIM\x00\x1b]0;T\x07")
        (entities / "anna-berg_LOCAL_4242.yaml").write_text(hostile.GOOD_CARD)
        await wait_for(pilot, lambda: "anna-berg" in app.base.entities and hostile.GOOD_ID not in app.base.entities, 30)
        assert [e.id for e in app.base.entities.values() if e.name == "Anna Berg"] == ["anna-berg"]
        assert any(p.file == "facts/entities/anna-berg_LOCAL_4242.yaml" and "mergetool" in p.message for p in app.base.problems)
        await pilot.pause()
        _assert_clean(app, "after the rename", seen)
        assert app.is_running
    after = snapshot(root)
    moved = {str(entities / f"{hostile.GOOD_ID}.yaml"): str(entities / "anna-berg.yaml")}
    made = {str(entities / ".anna-berg.yaml.swp"), str(entities / "anna-berg_LOCAL_4242.yaml")}
    assert {moved.get(p, p): h for p, h in before.items()} == {p: h for p, h in after.items() if p not in made}
