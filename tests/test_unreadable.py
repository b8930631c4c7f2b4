"""Files and folders the user may not read (chmod 000, another user's checkout), as a user who
is not root sees them (the suite may run as root, who reads everything: then each command runs
under `setpriv` with the capabilities that bypass file permissions dropped). Each is one problem
at its path saying why, the rest loads, and no message says a folder is empty or missing when it
could not be looked in."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import inprocess
from conftest import REPO, SOURCE_TEXT

GOOD = "kind: entity\nname: Alice Smith\ntype: person\nevidence:\n  - quote: Alice Smith met Bob Jones\n"
OTHER = "kind: entity\nname: Bob Jones\ntype: person\nevidence:\n  - quote: Bob said\n"
_DROP = "-dac_override,-dac_read_search,-fowner"


def _check(root, tmp_path) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "explorer", "check", "--format", "json", str(root)]
    if os.geteuid() == 0:  # (root reads a file of mode 000: drop what lets it)
        argv = ["setpriv", f"--bounding-set={_DROP}", f"--inh-caps={_DROP}", *argv]
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(tmp_path / "cache"), "FACTEX_SERVER": "0"}
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def workspace(tmp_path):
    root = tmp_path / "ws"
    (root / "facts" / "closed").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "facts" / "alice.yaml").write_text(GOOD)
    (root / "facts" / "bob.yaml").write_text(OTHER)
    (root / "facts" / "closed" / "carl.yaml").write_text(GOOD.replace("Alice Smith\n", "Carl\n", 1))
    yield root
    for folder, dirs, files in os.walk(root):  # (so that pytest can remove it)
        os.chmod(folder, 0o755)
        for d in dirs:
            os.chmod(os.path.join(folder, d), 0o755)


def test_an_unreadable_card_folder_and_article_are_each_said(workspace, tmp_path):
    (workspace / "seeds" / "article.txt").write_text(SOURCE_TEXT)
    (workspace / "seeds" / "locked.txt").write_text(SOURCE_TEXT.replace("Paris", "Rome"))
    os.chmod(workspace / "seeds" / "locked.txt", 0)
    os.chmod(workspace / "facts" / "bob.yaml", 0)
    os.chmod(workspace / "facts" / "closed", 0)
    done = _check(workspace, tmp_path)
    assert done.returncode == 1 and done.stderr == "", done.stderr
    problems = {p["file"]: p for p in json.loads(done.stdout)["problems"]}
    assert set(problems) == {"seeds/locked.txt", "facts/bob.yaml", "facts/closed"}, problems
    for p in problems.values():
        assert (p["line"], p["column"], p["severity"]) == (1, 1, "error") and "Permission denied" in p["message"], p
    assert json.loads(done.stdout)["summary"]["entities"] == 1  # (alice: the rest loads)


@pytest.mark.parametrize("locked", ["every article", "seeds/"])
def test_articles_that_cannot_be_read_are_not_said_to_be_missing(workspace, tmp_path, locked):
    for name in ("a.txt", "b.md"):
        (workspace / "seeds" / name).write_text(SOURCE_TEXT)
        if locked == "every article":
            os.chmod(workspace / "seeds" / name, 0)
    if locked == "seeds/":
        os.chmod(workspace / "seeds", 0)
    done = _check(workspace, tmp_path)
    first = json.loads(done.stdout)["problems"][0]
    assert first["file"] == "seeds" and first["severity"] == "error"
    if locked == "seeds/":
        assert first["message"].startswith("seeds/ could not be read (Permission denied): the quotes of 3 cards"), first
    else:
        assert first["message"].startswith("no article in seeds/ could be read (2 refused: seeds/a.txt cannot be read "
                                           "(Permission denied), seeds/b.md cannot be read (Permission denied)): "), first
    assert "holds no source" not in first["message"] and "put the articles" not in first["message"]


def test_a_workspace_that_cannot_be_looked_in_says_so(workspace, tmp_path):
    os.chmod(workspace, 0)
    done = _check(workspace, tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"factex: {workspace}: cannot look inside: Permission denied\n"  # (it said: no facts/ folder here)


def test_every_command_that_writes_says_a_read_only_workspace_in_one_line(tmp_path):
    """A workspace on a read-only path (a mounted share, another user's checkout): each command
    that writes says it cannot, in one line naming where and why, and writes nothing."""
    root = tmp_path / "ws"
    for folder in ("facts/entities", "facts/relations", "seeds"):  # (as factex init makes them)
        (root / folder).mkdir(parents=True)
    (root / "seeds" / "article.txt").write_text(SOURCE_TEXT)
    (root / "facts" / "alice.yaml").write_text(GOOD)
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Paris talks</title></head><body><article><p>"
                    + "Alice Smith met Bob Jones in Paris on a sunny Monday morning. " * 12 + "</p></article></body></html>")
    brat = tmp_path / "brat"
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(tmp_path / "cache"), "FACTEX_SERVER": "0"}
    assert inprocess.factex("export", "--format", "brat", "--output", brat, root, env=env).returncode == 0
    for folder, dirs, files in os.walk(root):
        for name in files:
            os.chmod(os.path.join(folder, name), 0o444)
        os.chmod(folder, 0o555)
    before = sorted(os.walk(root))
    try:
        for argv in (["new", "entity", "Bob", "--type", "person", "--quote", "Bob said", str(root)],
                     ["add", str(page), str(root)], ["import", "brat", str(brat), str(root)],
                     ["init", str(root / "sub")], ["export", "--format", "brat", "--output", str(root / "out"), str(root)]):
            command = [sys.executable, "-m", "explorer", *argv]
            if os.geteuid() == 0:
                command = ["setpriv", f"--bounding-set={_DROP}", f"--inh-caps={_DROP}", *command]
            done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
            lines = done.stderr.splitlines()
            assert done.returncode in (1, 2) and "Traceback" not in done.stderr, (argv, done.stderr)
            said = [line for line in lines if "Permission denied" in line]
            assert len(said) == 1 and said[0].startswith(f"factex {argv[0]}"), (argv, done.stderr)
            assert said[0].count("cannot write") <= 1, said[0]  # (it said "cannot write X: cannot write X: ...")
        assert sorted(os.walk(root)) == before
    finally:
        for folder, _, _ in os.walk(root):
            os.chmod(folder, 0o755)
