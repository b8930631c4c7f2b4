"""A seeds/ whose every article is refused (left mid-merge, a Git LFS pointer, not UTF-8, a name
that is no id, a pipe, a link out) says so in the one error that no card loads, naming the files
and why (it said "seeds/ holds no source (a .txt or .md article) ...; put the articles in seeds/",
as if the folder were empty, to a team whose articles were all there)."""

from __future__ import annotations

import os
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.loading.loader import Loader

import hostile

TEXT = "A Title\n\nAnna Berg met Carl Dahl in Oslo on Monday.\n\nThey talked.\n"
CARD = "kind: entity\nname: Anna Berg\ntype: person\nevidence:\n  - quote: Anna Berg met Carl Dahl\n"
LFS = "version https://git-lfs.github.com/spec/v1\noid sha256:" + "4d7a" * 16 + "\nsize 6997\n"

# kind -> (what the file is made of, words the reason says)
KINDS = {
    "merge": "merge conflict markers",
    "lfs": "Git LFS pointer",
    "latin1": "UTF-8",
    "utf16": "UTF-16",
    "noid": "its id",
    "pipe": "not a regular file",
    "outside": "link to outside",
}


def _make(seeds, n: int, kind: str, rng: random.Random) -> str:
    name = f"a{n}.txt" if kind != "noid" else "-" * (n + 1) + ".txt"
    path = seeds / name
    if kind == "merge":
        path.write_text(hostile.conflicted(rng, TEXT))
    elif kind == "lfs":
        path.write_text(LFS)
    elif kind == "latin1":
        path.write_bytes(TEXT.replace("Oslo", "Malm\u00f6").encode("latin-1"))
    elif kind == "utf16":
        path.write_bytes(TEXT.encode("utf-16"))
    elif kind == "noid":
        path.write_text(TEXT)
    elif kind == "pipe":
        os.mkfifo(path)
    elif kind == "outside":
        os.symlink("/etc/hostname", path)
    return f"seeds/{name}"


@settings(max_examples=25)
@given(st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=5), st.booleans(), st.integers(0, 99))
def test_seeds_whose_every_article_is_refused_say_which_and_why(tmp_path_factory, kinds, with_card, seed):
    root = tmp_path_factory.mktemp("ws")
    (root / "facts").mkdir()
    seeds = root / "seeds"
    seeds.mkdir()
    if with_card:
        (root / "facts" / "anna.yaml").write_text(CARD)
    rng = random.Random(seed)
    made = [(_make(seeds, n, kind, rng), kind) for n, kind in enumerate(kinds)]
    base = Loader(root, use_cache=False).load(save=False)
    first = base.problems[0]
    assert (first.file, first.line, first.column) == ("seeds", 1, 1)
    assert first.severity == ("error" if with_card else "warning")
    assert f"no article in seeds/ could be read ({len(made)} refused: " in first.message, first.message
    assert "holds no source" not in first.message and "put the articles in" not in first.message
    for rel, kind in sorted(made)[:3]:  # (the first three by name, and how many more)
        said = first.message.split(rel + " ", 1)
        assert len(said) == 2, (rel, first.message)
        assert KINDS[kind] in said[1].split(", seeds/")[0], (kind, first.message)
    assert (f"and {len(made) - 3} more" in first.message) == (len(made) > 3)
    # each file's own error is still there, at the file
    assert {p.file for p in base.problems[1:] if p.severity == "error"} == {rel for rel, _ in made}
    # one article that reads beside them: no such error, the card loads
    (seeds / "good.txt").write_text(TEXT)
    base = Loader(root, use_cache=False).load(save=False)
    assert not any(p.file == "seeds" for p in base.problems)
    assert list(base.entities) == (["anna"] if with_card else [])


def test_an_empty_seeds_folder_still_says_to_put_the_articles_there(tmp_path):
    (tmp_path / "facts").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "notes.yaml").write_text("title: [\n")  # (a sidecar's error refuses no article)
    (tmp_path / "facts" / "anna.yaml").write_text(CARD)
    first = Loader(tmp_path, use_cache=False).load(save=False).problems[0]
    assert first.message.startswith("seeds/ holds no source (a .txt or .md article)")
    assert first.message.endswith("put the articles in seeds/")


def test_a_seeds_that_is_no_folder_says_why_no_card_loads(tmp_path):
    """seeds/ as a file, a link to outside the workspace: 'seeds/ could not be read (why)' (a file
    said 'no seeds/ folder' with what to do about errors, a link out 'seeds/ holds no source')."""
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "anna.yaml").write_text(CARD)
    for make, why in ((lambda p: p.write_text(TEXT), "is not a folder"),
                      (lambda p: os.symlink("/etc", p), "is a link to outside the workspace")):
        seeds = tmp_path / "seeds"
        if seeds.is_symlink() or seeds.exists():
            seeds.unlink()
        make(seeds)
        first = Loader(tmp_path, use_cache=False).load(save=False).problems[0]
        assert (first.file, first.severity) == ("seeds", "error")
        assert first.message.startswith(f"seeds/ could not be read ({why}): the quotes of 1 card have nothing"), first.message
        assert first.message.endswith("the error at each says what to do")
