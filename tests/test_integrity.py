"""Never lose or change the user's data, and keep up with the disk.

1. A whole session of the app over a copy of the shipped workspace (navigation, article, search,
   help, problems, an editor round-trip, a forced reload) leaves every card and source
   byte-identical, and adds or removes nothing.
2. Live reload keeps working, and the app keeps running, while cards are deleted, renamed,
   replaced by rename, truncated mid-write, and their folder removed and restored: after each step
   the app's fact base becomes what a fresh load of the disk gives.
3. A card replaced by another of the same size and modification time (`cp -p`, `rsync -a`,
   `tar x` all keep the time) is read again, live and in a new process.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from apphelpers import ready, wait_for
from conftest import REPO, SOURCE_TEXT

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("FACTEX_THEME", "textual-dark")
    monkeypatch.setenv("FACTEX_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("VISUAL", raising=False)


def tree(root: Path) -> dict[str, str]:
    """Every file and folder under root, with its SHA-256 (links are reported as links)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames:
            out[os.path.relpath(os.path.join(dirpath, name), root)] = "dir"
        for name in filenames:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if os.path.islink(path):
                out[rel] = "link:" + os.readlink(path)
            else:
                with open(path, "rb") as fh:
                    out[rel] = hashlib.file_digest(fh, "sha256").hexdigest()
    return out


def snapshot_of(base) -> tuple:
    """What matters of a fact base: the valid cards (with their content) and the problems."""
    cards = {}
    for card in (*base.entities.values(), *base.relations.values()):
        cards[card.id] = (card.file, getattr(card, "name", None), getattr(card, "predicate", None),
                          tuple((ev.quote, ev.anchor) for ev in card.evidence))
    return cards, sorted(p.format() for p in base.problems)


def fresh(root: Path):
    from explorer.core.loading.loader import Loader

    return Loader(root, use_cache=False).load()


# -- 1. a session changes nothing --------------------------------------------------------------

LOOKING_EDITOR = """
import json, os, sys
path = sys.argv[-1]
with open(path, "rb") as fh:  # an editor that opens the card and quits without saving
    fh.read()
with open(os.environ["FACTEX_TEST_EDITOR_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
"""


async def test_a_whole_session_changes_no_card_and_no_source(tmp_path, monkeypatch):
    from explorer.app.app import FactexApp
    from explorer.app.screens.article import ArticleScreen
    from explorer.app.screens.help import HelpScreen
    from explorer.app.screens.main import MainScreen
    from explorer.app.screens.problems import ProblemsScreen

    root = tmp_path / "ws"
    root.mkdir()
    shutil.copytree(REPO / "facts", root / "facts")
    shutil.copytree(REPO / "seeds", root / "seeds")
    # one broken card, so the problems view has something to open
    (root / "facts" / "entities" / "zz-broken.yaml").write_text("kind: entity\nname: Broken\ntype: person\nevidence: [Not in the article at all]\n")
    before = tree(root)

    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "editor.py").write_text(LOOKING_EDITOR)
    log = tools / "editor.log"
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(tools / 'editor.py'))}")
    monkeypatch.setenv("FACTEX_TEST_EDITOR_LOG", str(log))

    app = FactexApp(root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = app.main_screen
        first = main.entity
        # navigation
        await pilot.press("j", "G", "g", "down")
        await pilot.press("tab", "j", "enter")  # follow a relation
        assert main.entity is not None
        await pilot.press("backspace", "alt+right", "shift+tab")
        # the article, from span to span, to a card and back
        await pilot.press("a")
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("j", "j", "G", "enter")
        await pilot.press("backspace", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        # search
        if importlib.util.find_spec("explorer.core.search") is not None:
            from explorer.app.screens.search import SearchScreen

            await pilot.press("slash")
            assert isinstance(app.screen, SearchScreen)
            await pilot.press(*"aurus")
            await wait_for(pilot, lambda: app.screen.shown_query == "aurus" and any(kind == "hit" for kind, _ in app.screen.rows))
            await pilot.press("down", "enter")
            await wait_for(pilot, lambda: not isinstance(app.screen, SearchScreen))
            await pilot.press("slash", *"!'", "escape")  # the last query comes back; a malformed one
            await wait_for(pilot, lambda: not isinstance(app.screen, SearchScreen))
        # help and problems
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("G")
        # an editor round-trip from the problems view (e opens the card at its line)...
        await pilot.press("e")
        await wait_for(pilot, lambda: log.exists())
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        # ... and from the panes (e on the highlighted card)
        main.go_to(__import__("explorer.core.navigation", fromlist=["Location"]).Location(entity=first))
        await pilot.pause()
        await pilot.press("e")
        await wait_for(pilot, lambda: len(log.read_text().splitlines()) == 2)
        # a forced reload
        old = app.base
        app.load_facts(True)
        await wait_for(pilot, lambda: app.base is not old)
        await pilot.pause()
        assert app.is_running
        await pilot.press("q")

    edited = [line for line in log.read_text().splitlines()]
    assert len(edited) == 2 and all(str(root.resolve()) in line for line in edited), edited
    assert tree(root) == before, "the session changed, added or removed files in the workspace"


# -- 2. live reload while the disk changes under it ----------------------------------------------

ENTITY = "kind: entity\nname: {name}\ntype: person\nevidence: [{quote}]\n"


def live_workspace(root: Path) -> None:
    (root / "facts" / "entities").mkdir(parents=True)
    (root / "facts" / "relations").mkdir()
    (root / "seeds").mkdir()
    (root / "seeds" / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    ent = root / "facts" / "entities"
    (ent / "alice.yaml").write_text(ENTITY.format(name="Alice Smith", quote="Alice Smith met Bob Jones"))
    (ent / "bob.yaml").write_text(ENTITY.format(name="Bob Jones", quote="Bob said"))
    (ent / "carol.yaml").write_text(ENTITY.format(name="Carol", quote="a gift"))
    (ent / "dave.yaml").write_text(ENTITY.format(name="Dave", quote="The car cost"))
    (root / "facts" / "relations" / "alice-gave-bob-car.yaml").write_text(
        "kind: relation\nsubject: alice\npredicate: gave a red car to\nobject: bob\nevidence: [Alice gave Bob a red car]\n")


async def test_live_reload_survives_deletes_renames_truncation_and_a_vanishing_folder(tmp_path, monkeypatch):
    import explorer.app.app as app_module
    from explorer.app.app import FactexApp

    monkeypatch.setattr(app_module, "RELOAD_INTERVAL", 0.05)
    root = tmp_path / "ws"
    root.mkdir()
    live_workspace(root)
    ent = root / "facts" / "entities"

    app = FactexApp(root, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)

        async def settles(step: str):
            """The app's fact base becomes what a fresh load of the disk gives; the app runs on."""
            want = snapshot_of(fresh(root))
            try:
                await wait_for(pilot, lambda: app.base is not None and snapshot_of(app.base) == want, timeout=10)
            except AssertionError:
                got = snapshot_of(app.base)
                raise AssertionError(f"after {step}: the app shows {sorted(got[0])} {got[1]}, the disk holds "
                                     f"{sorted(want[0])} {want[1]}") from None
            assert app.is_running, step
            await pilot.press("j", "k")  # the panes still respond
            return want

        # a card is deleted
        (ent / "carol.yaml").unlink()
        await settles("deleting carol.yaml")
        assert "carol" not in app.base.entities

        # a card is renamed
        os.rename(ent / "dave.yaml", ent / "david.yaml")
        await settles("renaming dave.yaml to david.yaml")
        assert "david" in app.base.entities and "dave" not in app.base.entities

        # a card is replaced by rename (how most editors save)
        tmp = ent / ".bob.yaml.swp"
        tmp.write_text(ENTITY.format(name="Robert Jones", quote="Bob said"))
        os.replace(tmp, ent / "bob.yaml")
        await settles("replacing bob.yaml by rename")
        assert app.base.entities["bob"].name == "Robert Jones"

        # a card truncated to half, mid-write: a problem, the rest still loads ...
        full = (ent / "alice.yaml").read_bytes()
        with open(ent / "alice.yaml", "r+b") as fh:
            fh.truncate(len(full) // 2)
        await settles("truncating alice.yaml to half")
        assert "alice" not in app.base.entities
        assert any(p.file == "facts/entities/alice.yaml" and p.severity == "error" for p in app.base.problems)
        assert "bob" in app.base.entities
        status = str(app.main_screen.query_one("#status").render())
        assert "error" in status
        # ... and the write completes
        with open(ent / "alice.yaml", "r+b") as fh:
            fh.seek(len(full) // 2)
            fh.write(full[len(full) // 2:])
        await settles("finishing the write of alice.yaml")
        assert "alice" in app.base.entities and "alice-gave-bob-car" in app.base.relations

        # the entities folder disappears (a branch switch, a move) and comes back
        shutil.move(ent, tmp_path / "entities-away")
        await settles("removing facts/entities/")
        assert not app.base.entities
        assert any(p.file == "facts/relations/alice-gave-bob-car.yaml" for p in app.base.problems)
        shutil.move(tmp_path / "entities-away", ent)
        await settles("restoring facts/entities/")
        assert {"alice", "bob", "david"} <= set(app.base.entities)
        assert "alice-gave-bob-car" in app.base.relations

        # the sources folder disappears and comes back
        shutil.move(root / "seeds", tmp_path / "seeds-away")
        await settles("removing seeds/")
        shutil.move(tmp_path / "seeds-away", root / "seeds")
        await settles("restoring seeds/")
        assert "alice-gave-bob-car" in app.base.relations
        assert app.is_running
        await pilot.press("q")


# -- 3. a replacement with the same size and time ------------------------------------------------


def _replace_keeping_size_and_time(path: Path, text: str) -> None:
    """What `cp -p`, `rsync -a` or `tar x` do: new content, the old size and modification time."""
    old = path.stat()
    data = text.encode()
    assert len(data) == old.st_size
    tmp = path.with_name("." + path.name + ".new")
    tmp.write_bytes(data)
    os.utime(tmp, ns=(old.st_atime_ns, old.st_mtime_ns))
    os.replace(tmp, path)


GOOD = ENTITY.format(name="Alice Smith", quote="Alice Smith met Bob Jones")
BAD = ENTITY.format(name="Alice Smith", quote="Alice Smith met Bob Jonez")  # same size, a typo


def test_a_card_replaced_with_the_same_size_and_time_is_read_again_by_a_new_process(tmp_path):
    root = tmp_path / "ws"
    root.mkdir()
    live_workspace(root)
    card = root / "facts" / "entities" / "alice.yaml"
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}

    def check() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "explorer", "check", str(root)], cwd=root, env=env,
                              capture_output=True, text=True, timeout=60)

    assert check().returncode == 0  # fills the card cache
    _replace_keeping_size_and_time(card, BAD)
    second = check()
    assert second.returncode == 1 and "quote not found" in second.stdout, (
        "the new content of alice.yaml was never read (a stale cache entry was used):\n" + second.stdout)


async def test_a_card_replaced_with_the_same_size_and_time_is_reloaded_live(tmp_path, monkeypatch):
    import explorer.app.app as app_module
    from explorer.app.app import FactexApp

    monkeypatch.setattr(app_module, "RELOAD_INTERVAL", 0.05)
    root = tmp_path / "ws"
    root.mkdir()
    live_workspace(root)
    card = root / "facts" / "entities" / "alice.yaml"
    app = FactexApp(root, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "alice" in app.base.entities
        _replace_keeping_size_and_time(card, BAD)
        try:
            await wait_for(pilot, lambda: "alice" not in app.base.entities, timeout=3)
        except AssertionError:
            raise AssertionError("alice.yaml was replaced (same size and time) and the app still shows the old card") from None
        assert any(p.file == "facts/entities/alice.yaml" and "quote not found" in p.message for p in app.base.problems)
        await pilot.press("q")
