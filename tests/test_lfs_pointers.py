"""A card, a source or a sidecar that git LFS tracks, in a checkout made without git-lfs: the file
holds LFS's pointer (`version https://git-lfs.github.com/spec/v1`, the object's id and size), not
the text. It is one error at its 1:1 naming the pointer and what to run; a source so checked out
made every quote of every card 'not found in kim-aurus-gift, and no passage is close to it', with
nothing saying why. The other files load; an article that merely starts with such a line is text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SOURCE_TEXT, Workspace

OTHER_TEXT = "Other Article\n\nCarol Diaz spoke in Lima.\n"


@st.composite
def pointers(draw):
    version = draw(st.sampled_from(["https://git-lfs.github.com/spec/v1", "https://hawser.github.com/spec/v1"]))
    oid = "sha256:" + draw(st.text("0123456789abcdef", min_size=64, max_size=64))
    lines = [f"version {version}", f"oid {oid}"]
    size = draw(st.integers(0, 10**12))
    if draw(st.booleans()):
        lines.append(f"size {size}")
    if draw(st.booleans()):
        lines.insert(1, "ext-0-foo sha256:" + "0" * 64)
    return "\n".join(lines) + "\n", size if "size" in lines[-1] else None


@settings(max_examples=20)
@given(pointers(), st.sampled_from(["source", "card", "sidecar"]))
def test_a_git_lfs_pointer_is_one_error_naming_it(tmp_path_factory, pointer, which):
    text, size = pointer
    ws = Workspace(tmp_path_factory.mktemp("ws"))
    ws.source("article.txt", SOURCE_TEXT)
    ws.source("other.txt", OTHER_TEXT)
    ws.card("carol.yaml", "kind: entity\nname: Carol Diaz\ntype: person\nevidence:\n  - quote: Carol Diaz\n    source: other\n")
    path = {"source": "seeds/article.txt", "card": "facts/alice.yaml", "sidecar": "seeds/other.yaml"}[which]
    (ws.root / path).write_text(text)
    base = ws.load()
    mine = [p for p in base.problems if p.file == path]
    assert [(p.line, p.column, p.severity) for p in mine] == [(1, 1, "error")], [p.format() for p in base.problems]
    (problem,) = mine
    assert problem.message.startswith(f"{which} is a Git LFS pointer") and "git lfs pull" in problem.message
    assert size is None or f"{size:,} bytes" in problem.message
    assert "carol" in base.entities  # the rest loads
    assert ("article" in base.sources) == (which != "source")


def test_an_article_that_only_starts_like_a_pointer_is_text(ws):
    text = "version https://git-lfs.github.com/spec/v1\n\nGit LFS keeps large files out of the repository. " + "It is a tool. " * 80
    ws.source("article.txt", text)
    ws.card("lfs.yaml", "kind: entity\nname: Git LFS\ntype: thing\nevidence: [Git LFS keeps large files]\n")
    base = ws.load()
    assert "article" in base.sources and not base.errors
