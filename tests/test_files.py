"""`files.Workspace`: the one way cards and sources are opened and new cards written.

Links in and out, loops, swaps between the walk and the open (made to happen at a fixed point by
wrapping the loader's walk), FIFOs, unreadable folders, and writes through a link out.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core import files
from explorer.core.loading import loader as loader_mod
from explorer.core.authoring import card_from_passage, new_entity_card, write_card
from explorer.core.loading.loader import Loader
from explorer.core.errors import FileError

import inprocess
from conftest import SOURCE_TEXT

SECRET = "TOP SECRET outside the workspace"
CARD = "kind: entity\nname: {name}\ntype: person\nevidence:\n  - quote: Alice Smith met Bob Jones\n"


@pytest.fixture
def layout(tmp_path):
    """A workspace `ws/` beside a folder `outside/` holding a card and a source that must never be read."""
    root = tmp_path / "ws"
    (root / "facts").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "seeds" / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (root / "facts" / "alice.yaml").write_text(CARD.format(name="Alice"), encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(CARD.format(name=SECRET), encoding="utf-8")
    (outside / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    return root, outside


def load(root):
    return Loader(root, use_cache=False).load()


def names(base):
    return sorted(e.name for e in base.entities.values())


def messages(base):
    return [p.format() for p in base.problems]


def assert_secret_unread(base):
    text = repr(base.to_json())
    assert SECRET not in text


# -- resolving -------------------------------------------------------------------------------


def test_links_inside_are_followed_and_links_out_refused(layout):
    root, outside = layout
    os.symlink("alice.yaml", root / "facts" / "alias.yaml")  # inside: read (a second card, same text)
    os.symlink(outside / "secret.yaml", root / "facts" / "abs-out.yaml")
    os.symlink("../../outside/secret.yaml", root / "facts" / "rel-out.yaml")
    os.symlink(str(root / "facts" / "alice.yaml"), root / "facts" / "abs-in.yaml")  # absolute, but inside
    os.symlink("../facts/../../outside", root / "facts" / "dir-out")
    base = load(root)
    assert_secret_unread(base)
    assert names(base) == ["Alice", "Alice", "Alice"]
    out = [m for m in messages(base) if "outside" in m]
    assert any("abs-out.yaml" in m for m in out) and any("rel-out.yaml" in m for m in out)
    assert any("dir-out" in m for m in out)


def test_link_loops_are_one_problem_each(layout):
    root, _ = layout
    os.symlink("loop-b.yaml", root / "facts" / "loop-a.yaml")
    os.symlink("loop-a.yaml", root / "facts" / "loop-b.yaml")
    os.symlink("self.yaml", root / "facts" / "self.yaml")
    os.symlink(".", root / "facts" / "here")  # a folder link to itself: walked once
    os.symlink("..", root / "facts" / "up")  # to the workspace: walked, facts/ not twice
    base = load(root)
    msgs = messages(base)
    for name in ("loop-a.yaml", "loop-b.yaml", "self.yaml"):
        assert any(name in m and "loop" in m for m in msgs), msgs
    assert names(base) == ["Alice"]


@pytest.mark.parametrize("target", ["../outside", "loop", "missing"])
def test_facts_or_seeds_that_cannot_be_used_is_a_clear_problem(tmp_path, target):
    root = tmp_path / "ws"
    root.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(CARD.format(name=SECRET), encoding="utf-8")
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    for folder in ("facts", "seeds"):
        if target == "loop":
            os.symlink(folder, root / folder)
        elif target == "missing":
            os.symlink("nowhere", root / folder)
        else:
            os.symlink(target, root / folder)
    base = load(root)
    assert_secret_unread(base)
    msgs = messages(base)
    assert any(m.startswith("facts:") and "error" in m for m in msgs), msgs
    assert any(m.startswith("seeds:") and "error" in m for m in msgs), msgs
    result = inprocess.factex("check", root)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert SECRET not in result.stdout


def test_permission_errors_become_problems(layout, monkeypatch):
    """An unreadable folder or file (made so where the system would refuse it: these tests may
    run as root, who reads everything) is a problem naming it; the rest loads."""
    root, _ = layout
    real_open = os.open

    def refusing(path, flags, mode=0o777, *, dir_fd=None):
        if path in ("seeds", "alice.yaml", "article.txt"):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, mode, dir_fd=dir_fd)

    monkeypatch.setattr(os, "open", refusing)
    base = load(root)
    msgs = messages(base)
    assert any(m.startswith("facts/alice.yaml") and "Permission denied" in m for m in msgs), msgs
    assert any(m.startswith("seeds") and "Permission denied" in m for m in msgs), msgs


# -- swaps between the walk and the open -------------------------------------------------------


def _swap_after_walk(monkeypatch, swap):
    """Run `swap()` after the loader has listed the cards and before it opens any."""
    real = loader_mod.Loader._walk

    def walk_then_swap(self, ws, *args):
        found = real(self, ws, *args)
        swap()
        return found

    monkeypatch.setattr(loader_mod.Loader, "_walk", walk_then_swap)


def test_a_card_swapped_for_a_link_out_after_the_walk_is_not_read(layout, monkeypatch):
    root, outside = layout
    card = root / "facts" / "alice.yaml"

    def swap():
        card.unlink()
        os.symlink(outside / "secret.yaml", card)

    _swap_after_walk(monkeypatch, swap)
    base = load(root)
    assert_secret_unread(base)
    assert any("alice.yaml" in m and "outside" in m for m in messages(base)), messages(base)


def test_a_card_swapped_for_a_fifo_after_the_walk_does_not_block(layout, monkeypatch):
    root, _ = layout
    card = root / "facts" / "alice.yaml"

    def swap():
        card.unlink()
        os.mkfifo(card)

    _swap_after_walk(monkeypatch, swap)
    base = load(root)  # would block forever reading a FIFO with no writer
    assert any("alice.yaml" in m and "not a regular file" in m for m in messages(base)), messages(base)


def test_a_card_swapped_between_the_check_and_the_open(layout, monkeypatch):
    """The narrowest gap: after the name was looked at (a regular file) and before it is opened,
    it becomes a link out. O_NOFOLLOW refuses it, so nothing outside is read."""
    root, outside = layout
    card = root / "facts" / "alice.yaml"
    real_open = os.open

    def swapping_open(path, flags, mode=0o777, *, dir_fd=None):
        if path == "alice.yaml" and dir_fd is not None and not os.path.islink(card):
            card.unlink()
            os.symlink(outside / "secret.yaml", card)
        return real_open(path, flags, mode, dir_fd=dir_fd)

    monkeypatch.setattr(os, "open", swapping_open)
    base = load(root)
    assert_secret_unread(base)
    assert any("alice.yaml" in m for m in messages(base)), messages(base)


def test_a_folder_swapped_for_a_link_out_after_the_walk(layout, monkeypatch):
    root, outside = layout
    (root / "facts" / "people").mkdir()
    (root / "facts" / "people" / "secret.yaml").write_text(CARD.format(name="Inside"), encoding="utf-8")

    def swap():
        (root / "facts" / "people" / "secret.yaml").unlink()
        (root / "facts" / "people").rmdir()
        os.symlink(outside, root / "facts" / "people")

    _swap_after_walk(monkeypatch, swap)
    base = load(root)
    assert_secret_unread(base)
    # (the folder that was walked is read through the descriptor of the walk: its card is gone)
    assert any("people/secret.yaml" in m and "error" in m for m in messages(base)), messages(base)


def test_a_source_swapped_for_a_link_out_or_a_fifo(layout, monkeypatch):
    root, outside = layout
    src = root / "seeds" / "article.txt"
    real_open = os.open

    def swapping_open(path, flags, mode=0o777, *, dir_fd=None):
        if path == "article.txt" and dir_fd is not None and not os.path.islink(src):
            src.unlink()
            os.symlink(outside / "secret.txt", src)
        return real_open(path, flags, mode, dir_fd=dir_fd)

    monkeypatch.setattr(os, "open", swapping_open)
    base = load(root)
    assert SECRET not in repr([s.text for s in base.sources.values()])
    assert any(m.startswith("seeds/article.txt") for m in messages(base)), messages(base)
    monkeypatch.setattr(os, "open", real_open)
    src.unlink()
    os.mkfifo(src)
    base = load(root)
    assert any(m.startswith("seeds/article.txt") and "not a regular file" in m for m in messages(base))


# -- writing ---------------------------------------------------------------------------------


def test_new_cards_are_never_written_through_a_link_out(layout):
    root, outside = layout
    os.symlink(outside, root / "facts" / "entities")
    card = new_entity_card(root, "Bob Jones", type="person", quotes=["Bob said"])
    with pytest.raises(OSError, match="outside"):
        write_card(card)
    assert sorted(os.listdir(outside)) == ["secret.txt", "secret.yaml"]
    passage = card_from_passage(root, "entity", "Bob said")
    with pytest.raises(OSError, match="outside"):
        write_card(passage)
    assert sorted(os.listdir(outside)) == ["secret.txt", "secret.yaml"]
    result = inprocess.factex("new", "entity", "Bob Jones", "--type", "person", "--quote", "Bob said", "-w", root)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "outside" in result.stderr, result.stderr
    assert sorted(os.listdir(outside)) == ["secret.txt", "secret.yaml"]


def test_new_cards_go_through_links_inside_and_never_replace(layout):
    root, _ = layout
    (root / "facts" / "real-entities").mkdir()
    os.symlink("real-entities", root / "facts" / "entities")
    card = new_entity_card(root, "Bob Jones", type="person", quotes=["Bob said"])
    write_card(card)
    assert (root / "facts" / "real-entities" / "bob-jones.yaml").read_text() == card.text
    (root / "facts" / "real-entities" / "bob-jones.yaml").write_text("mine\n")
    with pytest.raises(FileExistsError):
        write_card(card)
    assert (root / "facts" / "real-entities" / "bob-jones.yaml").read_text() == "mine\n"
    # a dangling link where the card goes is an existing name: not replaced, not followed
    os.symlink("/tmp/factex-should-not-exist", root / "facts" / "real-entities" / "x.yaml")
    with files.Workspace(root) as ws, pytest.raises(FileError):
        ws.create("facts/real-entities/x.yaml", b"x")
    assert not os.path.exists("/tmp/factex-should-not-exist")
    assert not [n for n in os.listdir(root / "facts" / "real-entities") if n.startswith(".")]  # no temporary left


@pytest.mark.parametrize("meanwhile", ["a file", "a dangling link", "a link out", "the folder a link out"])
def test_a_batch_never_replaces_a_name_taken_after_it_was_added(layout, meanwhile):
    """files.Batch (factex import's thousands of cards) links each into place only at its commit: a
    name taken by then is reported, not replaced nor followed, and nothing hidden is left."""
    root, outside = layout
    with files.Workspace(root) as ws, ws.batch() as batch:
        batch.add("facts/people/a.yaml", b"kind: entity\nname: A\n")
        batch.add("facts/people/b.yaml", b"kind: entity\nname: B\n")
        with pytest.raises(FileError, match="exists"):
            batch.add("facts/alice.yaml", b"x")
        assert not (root / "facts" / "people" / "a.yaml").exists()  # not seen before the commit
        taken = root / "facts" / "people" / "a.yaml"
        if meanwhile == "a file":
            taken.write_text("mine\n")
        elif meanwhile == "a dangling link":
            os.symlink("/tmp/factex-should-not-exist", taken)
        elif meanwhile == "a link out":
            os.symlink(outside / "secret.yaml", taken)
        else:  # the folder moved and a link out put in its place: the cards go where it went
            os.rename(root / "facts" / "people", root / "facts" / "gone")
            os.symlink(outside, root / "facts" / "people")
        done = dict(batch.commit())
    if meanwhile == "the folder a link out":
        assert sorted(os.listdir(root / "facts" / "gone")) == ["a.yaml", "b.yaml"]
    else:
        assert done["facts/people/a.yaml"] is not None
    assert sorted(os.listdir(outside)) == ["secret.txt", "secret.yaml"]
    assert (outside / "secret.yaml").read_text() == CARD.format(name=SECRET)
    assert not os.path.exists("/tmp/factex-should-not-exist")
    if meanwhile == "a file":
        assert taken.read_text() == "mine\n" and done["facts/people/a.yaml"].kind == "exists"
        assert done["facts/people/b.yaml"] is None and (root / "facts/people/b.yaml").read_text() == "kind: entity\nname: B\n"
    assert not [p for p in root.rglob(".factex-*")]  # no temporary left


def test_a_batch_left_before_its_commit_leaves_nothing(layout):
    root, _ = layout
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    with pytest.raises(KeyboardInterrupt):
        with files.Workspace(root) as ws, ws.batch() as batch:
            for i in range(20):
                batch.add(f"facts/{i}.yaml", b"kind: entity\n")
            raise KeyboardInterrupt
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == before


def test_a_long_name_in_a_wide_script_fits(layout):
    """The temporary name is short: a card whose name is near the file system's limit is written."""
    root, _ = layout
    name = "\u3067\u3042\u308b" * 26 + "x.yaml"  # 78 characters, 240 bytes in UTF-8
    with files.Workspace(root) as ws:
        ws.create(f"facts/{name}", b"kind: entity\n")
    assert (root / "facts" / name).exists()


# -- generated layouts -------------------------------------------------------------------------

_NAMES = st.sampled_from(["a", "b", "c", "..", ".", "facts", "x.yaml"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(links=st.lists(st.tuples(st.sampled_from(["facts/a", "facts/b", "facts/c", "facts/x.yaml", "facts/d/x.yaml"]),
                                st.lists(_NAMES, min_size=1, max_size=5), st.booleans()), max_size=6))
def test_generated_link_layouts_never_escape_or_hang(tmp_path_factory, links):
    """Any layout of links (relative, absolute, to outside, in loops): the load ends, reads nothing
    outside, and never raises."""
    tmp = tmp_path_factory.mktemp("gen")
    root, outside = tmp / "ws", tmp / "outside"
    (root / "facts" / "d").mkdir(parents=True)
    (root / "seeds").mkdir()
    outside.mkdir()
    (outside / "x.yaml").write_text(CARD.format(name=SECRET))
    (outside / "facts").mkdir()
    (outside / "facts" / "x.yaml").write_text(CARD.format(name=SECRET))
    for where, parts, absolute in links:
        path = root / where
        if os.path.lexists(path):
            continue
        target = "/".join(parts)
        if absolute:
            target = str((outside if parts[0] == "facts" else root) / target)
        os.symlink(target, path)
    base = load(root)
    assert_secret_unread(base)
    with files.Workspace(root) as ws:
        for rel, _ in Loader(root, use_cache=False).card_paths():
            try:
                parts, name, _ = ws.resolve(rel)
            except FileError:
                continue
            real = os.path.realpath(os.path.join(root, *parts, name))
            assert real.startswith(os.path.realpath(root) + os.sep), (rel, real)


def test_ids_keep_the_marks_that_make_a_letter():
    from explorer.core.layout import card_slug

    assert card_slug("\u3067\u3042\u308b") == "\u3067\u3042\u308b"  # である, not てある
    assert card_slug("Z\u00fcrich Caf\u00e9") == "zurich-cafe"


def test_loads_leave_no_descriptor_open(layout):
    """Every folder and file descriptor is closed again (a leak pushed descriptors past what
    select() takes, and the load helper's answer was lost)."""
    root, _ = layout
    (root / "facts" / "sub").mkdir()
    (root / "facts" / "sub" / "b.yaml").write_text(CARD.format(name="B"))
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(20):
        loader = Loader(root, use_cache=False)
        loader.load()
        loader.fingerprint()
        load(root)
    assert len(os.listdir("/proc/self/fd")) <= before + 1


@pytest.mark.parametrize("what", ["sidecar", "source", "document"])
def test_a_file_over_its_limit_is_too_big_said_once(tmp_path, what):
    """`Workspace.read` of a file over its limit says so as a `too-big` problem: it was raised
    inside the `except OSError` that wraps a failed read (FileError is an OSError), so it came out
    as 'cannot read sidecar: cannot read sidecar: sidecar is 3.0 MiB; ...' and of the kind `error`."""
    (tmp_path / "big.txt").write_bytes(b"x" * 100)
    with files.Workspace(tmp_path) as ws:
        with pytest.raises(FileError) as got:
            ws.read("big.txt", 10, what)
    assert got.value.kind == "too-big" and got.value.message.startswith(f"{what} is ") and "cannot read" not in got.value.message
