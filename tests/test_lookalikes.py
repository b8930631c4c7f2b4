"""Cards as people type them: a no-break space copied from a web page or an ideographic space
typed with a CJK input method as indentation, a list's `-` autocorrected into a dash, a full-width
colon, no space after a colon. Each is one problem at the character, naming it and what to type;
text that merely holds such characters (a description with "– " bullets) is text."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SOURCE_TEXT, Workspace
from explorer.core.encodings import _COLONS, _DASHES, _SPACES

CARD = [  # (line, whether it is indented, whether it is a list item, the key on it)
    ("kind: entity", None),
    ("name: Alice Smith", None),
    ("type: person", None),
    ("aliases:", None),
    ("  - Alice", "item"),
    ("evidence:", None),
    ("  - quote: Alice Smith met Bob Jones", "item"),
    ("    note: the first meeting", "indented"),
]


def _problems(text: str) -> tuple:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        ws.source("article.txt", SOURCE_TEXT)
        ws.card("alice.yaml", text.encode())
        base = ws.load()
        return base, [(p.line, p.column, p.message) for p in base.problems]


def test_the_card_as_typed_right_loads():
    base, problems = _problems("\n".join(line for line, _ in CARD) + "\n")
    assert problems == [] and "alice-smith" in base.entities or "alice" in base.entities


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(CARD) - 1), st.sampled_from(["space", "dash", "colon"]), st.data())
def test_a_look_alike_where_yaml_needs_its_own_character_is_one_problem_there(index, kind, data):
    line, role = CARD[index]
    if kind == "space" and role is None or kind == "dash" and role != "item":
        kind = "colon"  # (no indentation, or no list item, on this line: change its colon)
    lines = [ln for ln, _ in CARD]
    if kind == "space":
        char = data.draw(st.sampled_from(sorted(_SPACES)))
        width = len(line) - len(line.lstrip(" "))
        n = data.draw(st.integers(1, width))
        new = " " * (width - n) + char * n + line[width:]
        col = width - n + 1
        want = f"this line is indented with {_SPACES[char]}, which YAML reads as text, not as indentation: indent with plain spaces"
    elif kind == "dash":
        char = data.draw(st.sampled_from(sorted(_DASHES)))
        col = line.index("-") + 1
        new = line.replace("-", char, 1)
        want = (f"this list item starts with '{char}' ({_DASHES[char]}), not '-', so YAML reads it as text "
                "(an autocorrect?): type a hyphen-minus '-'")
    else:
        if ":" not in line:
            return
        char = data.draw(st.sampled_from(sorted(_COLONS)))
        col = line.index(":") + 1
        new = line.replace(":", char, 1)
        key = line[: line.index(":")].strip(" -")
        want = f"'{char}' ({_COLONS[char]}) is not YAML's ':': type ':' and a space after '{key}'"
    lines[index] = new
    _, problems = _problems("\n".join(lines) + "\n")
    assert problems == [(index + 1, col, want)]


def test_such_characters_in_text_are_text():
    text = ("kind: entity\nname: Alice Smith\ntype: person\ndescription: |\n  Notes – first:\n  – a painter\n"
            "  \u00a0indented by the article\n  注意：a note\n  – note: kept\n  \u00a0- a bullet\n  note： kept\n"
            "evidence:\n  - quote: Alice Smith met Bob Jones\n    note: \u2013 as the article says\n")
    _, problems = _problems(text)
    assert problems == []


def test_no_space_after_a_colon_in_a_list_of_quotes_says_so():
    text = "kind: entity\nname: Alice Smith\ntype: person\nevidence:\n  - quote:Alice Smith met Bob Jones\n"
    _, problems = _problems(text)
    assert problems == [(5, 5, "this is read as one quote, 'quote:Alice Smith met Bob Jones', because YAML needs a "
                               "space after the colon: write 'quote: Alice Smith met Bob Jones'")]


_PIECES = ["kind: entity", "key:", "- ", "  ", "\t", "\n", "\r\n", "text", " # c", ": ", "|", ">-", "\"q\"",
           *_SPACES, *_DASHES, *_COLONS, "\u2014 aside \u2014", "a\u00a0b"]


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_the_look_alikes_tried_by_line_are_those_the_whole_search_finds(text):
    # lookalike() tries its pattern only at the starts of the lines holding a look-alike
    # character (_lookalike_matches): the very matches finditer finds over the whole card.
    from explorer.core import encodings

    assert [m.span() for m in encodings._lookalike_matches(text)] == \
        [m.span() for m in encodings._LOOKALIKE.finditer(text)]


def test_a_long_line_of_dashes_gives_the_same_matches():
    # (a look-alike character found again on a line already taken goes on from the line's end)
    from explorer.core import encodings

    text = "quote: " + "\u2014" * 100_000 + "\n- \u2014 x\n"
    assert [m.span() for m in encodings._lookalike_matches(text)] == \
        [m.span() for m in encodings._LOOKALIKE.finditer(text)]
