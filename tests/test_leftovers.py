"""What editors and git leave beside the cards and sources (explorer.core.layout: `hidden_name`,
`leftover`), read the same way by every path: a full load (the app and every command), a reload
after file events (the watcher), the watcher's filter, and `factex diff`'s reading of a commit.

- Hidden: dot names (.git, .DS_Store, vim's .card.yaml.swp, emacs' .#card.yaml lock, a broken
  link), backups (card.yaml~) and emacs' auto-saves (#card.yaml#): never read, never reported.
- Left by a merge: git mergetool's copies (card_BASE_1234.yaml, _LOCAL_, _REMOTE_, _BACKUP_), a
  merge's .orig, a patch's .rej: not read, one warning each at path:1:1 saying what it is (a
  mergetool copy read as a card was a second, stale entity with every name of the first). In
  facts/ a name that is not a card's (alice.yaml.orig) is not read nor said, as notes.txt.
"""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.layout import hidden_name, leftover
from explorer.core.loading.loader import Loader

from conftest import SOURCE_TEXT

GOOD = "kind: entity\nname: Alice Smith\ntype: person\nevidence:\n  - quote: Alice Smith met Bob Jones\n"
OTHER = "kind: entity\nname: Bob Jones\ntype: person\nevidence:\n  - quote: Bob said\n"

# (name pattern, is a leftover that is said): {} is the card's or source's own file name
HIDDEN = [".{}.swp", ".{}.swo", ".#{}", "{}~", "#{}#", ".DS_Store", ".git", ".{}.tmp"]
LEFT = ["{stem}_BASE_1234{ext}", "{stem}_LOCAL_99{ext}", "{stem}_REMOTE_7{ext}", "{stem}_BACKUP_31337{ext}",
        "{}.orig", "{}.rej"]


def two_card_workspace(root):
    """An article, a card in facts/ and one in facts/sub/, loaded once: (root, its loader)."""
    (root / "facts" / "sub").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "seeds" / "article.txt").write_text(SOURCE_TEXT)
    (root / "facts" / "alice.yaml").write_text(GOOD)
    (root / "facts" / "sub" / "bob.yaml").write_text(OTHER)
    loader = Loader(root, use_cache=False)
    loader.load(save=False)
    return root, loader


def _make(path: str, how: str) -> None:
    if how == "link":  # (emacs' lock is a broken link)
        os.symlink("user@host.4242:1700000000", path)
    elif how == "dir":
        os.makedirs(os.path.join(path, "objects"), exist_ok=True)
        with open(os.path.join(path, "objects", "x.yaml"), "w") as fh:
            fh.write(OTHER)
    else:
        with open(path, "w") as fh:
            fh.write(how)


def _name(pattern: str, name: str) -> str:
    stem, ext = os.path.splitext(name)
    return pattern.replace("{stem}", stem).replace("{ext}", ext).replace("{}", name)


pieces = st.lists(st.tuples(st.sampled_from(["facts", "facts/sub", "seeds"]), st.sampled_from(HIDDEN + LEFT),
                            st.sampled_from(["copy", "link", "dir"])), min_size=1, max_size=6, unique_by=lambda p: p[:2])


@settings(max_examples=25)
@given(pieces)
def test_leftovers_are_read_alike_by_a_load_a_reload_and_the_watcher(tmp_path_factory, picked):
    root, loader = two_card_workspace(tmp_path_factory.mktemp("ws"))
    said, changed = set(), set()
    for folder, pattern, how in picked:
        own = {"facts": "alice.yaml", "facts/sub": "bob.yaml", "seeds": "article.txt"}[folder]
        name = _name(pattern, own)
        rel = f"{folder}/{name}"
        if pattern in LEFT and how == "dir":
            how = "copy"  # (a folder so named is a folder: walked)
        _make(str(root / rel), {"copy": (root / folder / own).read_text() if pattern in LEFT else GOOD}.get(how, how))
        changed.add(rel)
        if how == "dir":
            changed |= {f"{rel}/objects", f"{rel}/objects/x.yaml"}  # (what file events name inside it)
        assert hidden_name(name) == (pattern in HIDDEN) and (leftover(name) is not None) == (pattern in LEFT), name
        if pattern in LEFT and (folder == "seeds" or name.endswith(".yaml")):
            said.add(rel)  # (in facts/ a file not named as a card, alice.yaml.orig, is not read nor said, as notes.txt)
    fresh = Loader(root, use_cache=False).load(save=False)
    again = loader.load(save=False, changed=changed)  # the watcher's way
    assert loader.last_fingerprint == loader.fingerprint()
    assert again.to_json() == fresh.to_json()
    # the two cards as they were, nothing else read; one warning for each leftover, saying what it is
    assert sorted(fresh.entities) == ["alice", "bob"]
    assert fresh.card_files == {"alice": "facts/alice.yaml", "bob": "facts/sub/bob.yaml"}
    assert [s.path for s in fresh.sources.values()] == ["seeds/article.txt"]
    assert {p.file for p in fresh.problems} == said, [p.format() for p in fresh.problems]
    for p in fresh.problems:
        assert (p.line, p.column, p.severity) == (1, 1, "warning")
        assert p.message.startswith("not read as a ") and ("mergetool" in p.message or ".orig" in p.message or ".rej" in p.message)


def test_the_watcher_ignores_hidden_names_and_reports_leftovers(tmp_path):
    from explorer.app.watch import FileWatcher

    (tmp_path / "facts").mkdir()
    (tmp_path / "seeds").mkdir()
    watcher = FileWatcher(tmp_path, lambda *a: None)
    for folder in ("facts", "seeds"):
        for name in (".a.yaml.swp", ".#a.yaml", "a.yaml~", "#a.yaml#", "#a.txt#", ".DS_Store"):
            assert not watcher.relevant(None, str(tmp_path / folder / name)), name
        for inside in (".git/objects/ab/cd.yaml", ".git/objects/ab", ".git/HEAD", "sub/.hidden/a.yaml", ".idea/x.yaml"):
            assert not watcher.relevant(None, str(tmp_path / folder / inside)), inside  # (no walk enters a hidden folder)
    assert watcher.relevant(None, str(tmp_path / "facts" / "a_BASE_12.yaml"))
    assert watcher.relevant(None, str(tmp_path / "facts" / "v1.2" / "a.yaml"))
    assert watcher.relevant(None, str(tmp_path / "seeds" / "a.txt.orig"))


def test_names_that_only_look_like_leftovers_are_cards():
    for name in ("alice.yaml", "a_b.yaml", "base_BASE.yaml", "x_BASE_12a.yaml", "x_base_12.yaml", "_BASE_1.yaml",
                 "x_BASE_\u0661.yaml", "#.yaml", "origin.yaml", "a.orig.yaml"):
        assert leftover(name) is None and not hidden_name(name), name


def test_diff_reads_a_commit_as_a_load_reads_a_folder(ws, capsys, monkeypatch):
    """A dot file or backup committed by mistake (an emacs lock is a link: it was a note 'a link
    or submodule ... not read') is not read from a commit, as from a folder; a committed
    mergetool copy is the same warning on both sides."""
    from test_diff import commit, git

    ws.basic()
    os.symlink("user@host.1:2", ws.root / "facts" / ".#alice.yaml")
    (ws.root / "facts" / "alice.yaml~").write_text(GOOD)
    (ws.root / "facts" / "alice_REMOTE_4242.yaml").write_text(GOOD)
    os.symlink("user@host.1:2", ws.root / "seeds" / ".#article.txt")
    git(ws.root, "init", "-q", "-b", "main")
    commit(ws.root, "one")
    monkeypatch.chdir(ws.root)
    assert main(["diff", "HEAD"]) == 0
    out, err = capsys.readouterr()
    assert "note:" not in out and err == "", out
    assert "0 introduced, 0 fixed" in out


def test_a_link_out_or_in_a_loop_is_said_alike_in_facts_and_seeds(ws):
    """A link that is not named as a card or a source (to /etc, to itself) is said the same way in
    both folders: in seeds/ a link to / said 'not read as a source: a source is a UTF-8 text file'."""
    ws.basic()
    for folder in ("facts", "seeds"):
        os.symlink("/etc", ws.root / folder / "etc")
        os.symlink("loop", ws.root / folder / "loop")
    said = {(p.file, p.line, p.column, p.severity, p.message) for p in ws.load().problems}
    assert said == {(f"{folder}/{name}", 1, 1, "error", message) for folder in ("facts", "seeds") for name, message in (
        ("etc", "folder or file is a link to outside the workspace; not read"), ("loop", "link loop (too many links); not read"))}


def test_a_card_named_in_capitals_is_said_not_read(ws, tmp_path):
    """Bob.YAML, carol.Yml (as some editors and systems save them): not read, one warning saying
    why, by a load and by the reload after their file events (they vanished with nothing said)."""
    from explorer.app.watch import FileWatcher

    ws.basic()
    loader = Loader(ws.root, use_cache=False)
    loader.load(save=False)
    for name in ("dave.YAML", "erin.Yml", "sub/frank.yAmL"):
        ws.card(name, GOOD)
    changed = {"facts/dave.YAML", "facts/erin.Yml", "facts/sub", "facts/sub/frank.yAmL"}
    fresh = Loader(ws.root, use_cache=False).load(save=False)
    assert loader.load(save=False, changed=changed).to_json() == fresh.to_json()
    said = sorted((p.file, p.line, p.column, p.severity) for p in fresh.problems)
    assert said == [(f"facts/{n}", 1, 1, "warning") for n in ("dave.YAML", "erin.Yml", "sub/frank.yAmL")]
    assert all("small letters" in p.message for p in fresh.problems)
    assert sorted(fresh.entities) == ["alice", "bob"]
    watcher = FileWatcher(ws.root, lambda *a: None)
    assert watcher.relevant(None, str(ws.root / "facts" / "gina.YAML"))
