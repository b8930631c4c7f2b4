"""A key longer than YAML reads (1,024 characters on its line: a "simple key") is said so, at the
key: 'this key is 200,000 characters long; YAML reads a key of at most 1,024'; YAML said "could
not find expected ':'" of a line holding one. A key within the limit is an unknown field. (A long key
indented under another is still YAML's own message, at its colon.)"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SOURCE_TEXT, Workspace


@settings(max_examples=15)
@given(st.integers(900, 4000), st.sampled_from([": 1", ": [a, b]", ":"]), st.sampled_from(["k", "é"]))
def test_a_key_longer_than_yaml_reads_is_said_at_the_key(tmp_path_factory, length, rest, letter):
    ws = Workspace(tmp_path_factory.mktemp("ws"))
    ws.source("article.txt", SOURCE_TEXT)
    key = letter * length
    ws.card("a.yaml", f"kind: entity\nname: A\ntype: person\n{key}{rest}\nevidence: [Bob said]\n")
    (problem,) = ws.load().problems
    if length > 1024:
        assert (problem.line, problem.column) == (4, 1), problem.format()
        assert problem.message == f"YAML syntax error: this key is {length:,} characters long; YAML reads a key of at most 1,024"
    else:
        assert "this key is" not in problem.message and "could not find expected ':'" not in problem.message
