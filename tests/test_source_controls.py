"""A source holding control characters (a NUL, an escape, a backspace...: not saved as text) is
read, and warned about once: where the first is (line, column), which ones and how many. It was
accepted without a word; a quote across one is 'not found' with nothing saying why. Tab, line and
page ends are a text's own, never warned about."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Workspace

CONTROLS = [chr(c) for c in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F]]
OWN = ["\t", "\n", "\x0b", "\x0c", "\r"]  # (a text's own: tab, line ends, page end)
WORDS = ["Alice", "met", "Bob", "in", "Paris", ".", " ", " ", "\n", "\n\n", "é", "界"]


def _problems(tmp_path, text):
    ws = Workspace(tmp_path)
    (ws.root / "seeds" / "s.txt").write_bytes(text.encode("utf-8"))
    return [p for p in ws.load().problems if p.file == "seeds/s.txt"]


@settings(max_examples=60)
@given(st.lists(st.sampled_from(WORDS + CONTROLS + OWN), min_size=1, max_size=40))
def test_the_first_control_character_is_warned_about_where_it_is(tmp_path_factory, pieces):
    text = "Title\n\n" + "".join(pieces)
    found = [p for p in _problems(tmp_path_factory.mktemp("w"), text) if "control character" in p.message]
    controls = [i for i, c in enumerate(text) if c in CONTROLS]
    if not controls:
        assert found == []
        return
    [problem] = found
    first = controls[0]
    # (a line as factex counts them: CR LF, CR and LF end one; here only "\n" ends a line
    # before the first control when no CR comes before it)
    if "\r" not in text[:first]:
        assert problem.line == text.count("\n", 0, first) + 1
        assert problem.column == first - (text.rfind("\n", 0, first) + 1) + 1
    assert problem.severity == "warning"
    assert f"holds {len(controls)} control character" in problem.message
    assert f"U+{ord(text[first]):04X}" in problem.message


def test_a_quote_beside_a_nul_anchors_and_one_across_it_is_not_found(ws):
    ws.source("s.txt", "Title\n\nAlice met Bob.\x00 Then Bob left.\n")
    ws.card("alice.yaml", "kind: entity\nname: Alice\ntype: person\nevidence:\n  - quote: Alice met Bob\n")
    ws.card("bob.yaml", "kind: entity\nname: Bob\ntype: person\nevidence:\n  - quote: Alice met Bob. Then Bob left\n")
    base = ws.load()
    assert "alice" in base.entities and base.entities["alice"].evidence[0].anchor is not None
    messages = [p.format() for p in base.problems]
    assert any(m.startswith("seeds/s.txt:3:15: warning: the text holds 1 control character (U+0000 NUL)") for m in messages), messages
    assert any(m.startswith("facts/bob.yaml:") and "error" in m for m in messages), messages
