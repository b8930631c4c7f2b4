"""A source's sidecar (seeds/ID.yaml) that cannot be read is named a sidecar, never a card: left
mid-merge by git, empty, binary, UTF-16, not UTF-8, holding a raw control character or two YAML
documents, it is one problem at its place ("sidecar holds git merge conflict markers", where it
said "card holds ..." of a file that is no card), and its source still loads under its guessed title."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SOURCE_TEXT, Workspace

GOOD = "title: The Test\noutlet: The Paper\npublished: 2024-03-04\n"


def _conflicted(text: str) -> str:
    lines = text.splitlines()
    return "\n".join([lines[0], "<<<<<<< HEAD", lines[1], "=======", lines[1] + " Weekly", ">>>>>>> feature", *lines[2:]]) + "\n"


BROKEN = {  # what is written: (bytes, line, words the problem says)
    "conflict": (_conflicted(GOOD).encode(), 2, "sidecar holds git merge conflict markers"),
    "empty": (b"# nothing yet\n", 1, "sidecar is empty"),
    "nul": (b"title: T\x00\n", 1, "sidecar contains a NUL byte"),
    "utf16": ("\ufeff" + GOOD).encode("utf-16-le"), 
    "latin1": (b"title: Caf\xe9\n", 1, "sidecar is not valid UTF-8"),
    "control": (b"title: T\x1b[2J\n", 1, "sidecar holds the control character U+001B"),
    "documents": (b"title: T\n---\ntitle: U\n", 2, "sidecar holds more than one YAML document"),
}
BROKEN["utf16"] = (BROKEN["utf16"], 1, "sidecar is UTF-16 text")


@settings(max_examples=20)
@given(st.sampled_from(sorted(BROKEN)), st.booleans())
def test_a_broken_sidecar_is_one_problem_naming_it_and_its_source_loads(tmp_path_factory, kind, crlf):
    data, line, words = BROKEN[kind]
    if crlf and kind not in ("utf16",):
        data = data.replace(b"\n", b"\r\n")
    ws = Workspace(tmp_path_factory.mktemp("ws"))
    ws.source("article.txt", SOURCE_TEXT)
    (ws.root / "seeds" / "article.yaml").write_bytes(data)
    base = ws.load()
    (problem,) = [p for p in base.problems if p.file == "seeds/article.yaml"]
    assert problem.line == line and problem.column >= 1 and words in problem.message, problem.format()
    assert "card" not in problem.message
    assert list(base.sources) == ["article"] and base.sources["article"].title == "A Test Article"
