"""Folders nested very deep inside facts/ (a stranger's workspace): read to layout.MAX_DEPTH,
then one problem for the first folder beyond, and no walk (the loader's, the app's watcher's, the
search server's inotify watch) goes further. 2,000 folders deep took factex check 240 s: each
folder is reached a name at a time from the workspace, ~depth^2 work, and the watchers recursed as
deep."""

from __future__ import annotations

import os

import pytest

from explorer.core import files
from explorer.core.layout import MAX_DEPTH
from explorer.core.loading.loader import Loader

import inprocess

CARD = "kind: entity\nname: {name}\ntype: person\nevidence:\n  - quote: Alice Smith met Bob Jones\n"


def deep_workspace(root, depth: int, name: str = "d"):
    """facts/ holding a card, and a chain of `depth` folders named `name` with a card at its bottom."""
    from conftest import SOURCE_TEXT

    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (root / "facts").mkdir()
    (root / "facts" / "top.yaml").write_text(CARD.format(name="Top"), encoding="utf-8")
    fd = os.open(root / "facts", os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir(name, dir_fd=fd)
            sub = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = sub
        card = os.open("bottom.yaml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(card, CARD.format(name="Bottom").encode())
        os.close(card)
    finally:
        os.close(fd)
    return root


@pytest.mark.parametrize("depth", [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 2, 4 * MAX_DEPTH])
def test_folders_deeper_than_the_limit_are_one_problem_and_the_walk_stops(tmp_path, monkeypatch, depth):
    root = deep_workspace(tmp_path / "ws", depth)
    listed = []
    real_scandir = files.Workspace.scandir
    monkeypatch.setattr(files.Workspace, "scandir", lambda self, rel, *a, **k: (listed.append(rel), real_scandir(self, rel, *a, **k))[1])
    base = Loader(root, use_cache=False).load()
    names = sorted(e.name for e in base.entities.values())
    deep = [p for p in base.problems if "deep" in p.message]
    if depth <= MAX_DEPTH:
        assert names == ["Bottom", "Top"] and not deep
    else:
        assert names == ["Top"]
        (problem,) = deep
        assert problem.file == "facts/" + "/".join(["d"] * (MAX_DEPTH + 1)) and problem.severity == "error"
        assert f"more than {MAX_DEPTH} folders deep" in problem.message
    assert len([rel for rel in listed if rel.startswith("facts")]) == min(depth, MAX_DEPTH) + 1  # none beyond
    monkeypatch.undo()
    out = inprocess.factex("check", root, env={"FACTEX_CACHE": "0"})
    assert "Traceback" not in out.stderr and out.returncode == (1 if depth > MAX_DEPTH else 0), out.stdout + out.stderr
    if depth > MAX_DEPTH:
        line = next(x for x in out.stdout.splitlines() if "deep" in x)
        assert line.startswith(str(root / "facts" / "d")) and ":1:1: error: folder more than" in line


def test_the_watchers_go_no_deeper_than_a_load_reads(tmp_path):
    from explorer.app.watch import FileWatcher

    root = deep_workspace(tmp_path / "ws", 3 * MAX_DEPTH)
    watcher = FileWatcher(root, lambda *a: None)
    folders = watcher.watched_folders(watcher.folders())
    assert len([f for f in folders if "/facts" in f]) == MAX_DEPTH + 1  # facts/ and 32 below it
    from explorer.core import inotify

    watch = inotify.Watch(str(root))
    try:
        assert len([rel for rel in watch._dirs.values() if rel.startswith("facts")]) == MAX_DEPTH + 1
    finally:
        watch.close()
