"""Files that are not what factex reads, as teams bring them: a card left mid-merge by git, a
card or an article saved as UTF-16 (Windows "Unicode") or Windows-1252. Each is one problem that
says what the file is and what to do, at the right place; the rest of the workspace loads."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SOURCE_TEXT, Workspace

ALICE = "kind: entity\nname: Alice Smith\ntype: person\nevidence:\n  - quote: Alice Smith met Bob Jones\n"
BOB = "kind: entity\nname: Bob Jones\ntype: person\nevidence:\n  - quote: Bob said\n"

# A card's lines that git could leave on either side of a conflict (each a whole YAML line).
SIDE_LINES = st.lists(st.sampled_from([
    "name: Alice Smith", "name: Alice B. Smith", "type: person", "aliases: [Alice]",
    "  - quote: Alice Smith met Bob Jones", "    note: checked", "description: a painter",
]), max_size=3)


def _problems(files: dict[str, bytes], sources: dict[str, bytes] | None = None) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        ws.source("article.txt", SOURCE_TEXT)
        for name, raw in (sources or {}).items():
            ws.source(name, raw)
        ws.card("bob.yaml", BOB)
        for name, raw in files.items():
            ws.card(name, raw)
        base = ws.load()
        return base, [(p.file, p.line, p.column, p.severity, p.message) for p in base.problems]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 5), SIDE_LINES, SIDE_LINES, st.sampled_from(["HEAD", "ours", ""]),
       st.sampled_from(["feature/x", "theirs", ""]), st.booleans(), st.booleans())
def test_a_card_left_mid_merge_is_one_problem_at_its_first_marker(at, ours, theirs, left, right, diff3, crlf):
    """Wherever git put the conflict (whatever both sides hold, with or without the diff3 base
    section, CRLF or LF): one error at the `<<<<<<<` line, saying what it is; the other cards load."""
    lines = ALICE.rstrip("\n").split("\n")
    at = min(at, len(lines))
    block = [f"<<<<<<< {left}".rstrip(), *ours]
    if diff3:
        block += ["||||||| base", "name: Alice"]
    block += ["=======", *theirs, f">>>>>>> {right}".rstrip()]
    text = "\n".join(lines[:at] + block + lines[at:]) + "\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    base, problems = _problems({"alice.yaml": text.encode()})
    assert problems == [("facts/alice.yaml", at + 1, 1, "error",
                         "card holds git merge conflict markers (<<<<<<< ======= >>>>>>>): it was left mid-merge; "
                         "keep the right side and delete the marker lines")]
    assert "bob-jones" in base.entities or "bob" in base.entities


def test_marker_like_lines_that_are_no_conflict_are_text():
    """A `=======` underline, or `<<<<<<<` with no closing `>>>>>>>`, inside a block of text is
    what the card says, not a conflict (a quote may hold an underline from the article)."""
    text = ALICE + "description: |\n  Heading\n  =======\n  <<<<<<< not a merge\n"
    base, problems = _problems({"alice.yaml": text.encode()})
    assert problems == []


def test_a_source_left_mid_merge_is_an_error_at_its_marker_and_an_underline_is_not():
    article = SOURCE_TEXT + "\nNotes\n=====\n<<<<<<< HEAD\nan edit\n=======\nanother\n>>>>>>> other\n"
    base, problems = _problems({}, {"merged.txt": article.encode(), "underlined.txt": b"Title\n=======\nText.\n"})
    line = article[: article.index("<<<<<<<")].count("\n") + 1
    assert [p for p in problems if p[0].startswith("seeds/")] == [
        ("seeds/merged.txt", line, 1, "error",
         "source holds git merge conflict markers (<<<<<<< ======= >>>>>>>): it was left mid-merge; "
         "keep the right side and delete the marker lines")]
    assert "underlined" in base.sources and "merged" not in base.sources


TEXTS = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x2FFF, blacklist_categories=("Cs",)), min_size=1, max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(["utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le-ascii"]), st.booleans())
def test_utf16_cards_and_sources_are_named_as_such(value, encoding, is_card):
    """Notepad's and Word's "Unicode" (UTF-16, with a byte-order mark; or without one when the
    text is mostly ASCII): the problem says UTF-16 and to save as UTF-8, never 'a NUL byte: a
    binary file' or a bare byte offset."""
    if encoding == "utf-16-le-ascii":
        text = "kind: entity\nname: " + "".join(c for c in value if c.isascii() and c.isalnum()) + "x\n"
        raw = text.encode("utf-16-le")
        how = "every other byte is a NUL, as in UTF-16 text without a byte-order mark"
    else:
        text = "kind: entity\nname: " + value.replace("\n", " ") + "\n"
        raw = {"utf-16": lambda t: t.encode("utf-16"),
               "utf-16-le-bom": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
               "utf-16-be-bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be")}[encoding](text)
        how = "it starts with a UTF-16 byte-order mark"
    kind = "card" if is_card else "source"
    _, problems = _problems({"alice.yaml": raw} if is_card else {}, None if is_card else {"unicode.txt": raw})
    file = "facts/alice.yaml" if is_card else "seeds/unicode.txt"
    assert [p for p in problems if p[0] == file] == [(file, 1, 1, "error", f"{kind} is UTF-16 text ({how}): save it as UTF-8")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30),
       st.sampled_from("áéíóúñçüÄÖßàèœ€–’“"), st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30),
       st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=30), st.booleans())
def test_windows_1252_text_is_named_with_the_character_it_holds(before, letter, after, rest, is_card):
    """An article or a card saved as Windows-1252 / Latin-1: the problem is at the first such byte
    (line and column as an editor shows them), names the byte and the letter it stands for there.
    (The letter is followed by ASCII: `á` and two no-break spaces in Windows-1252 are E1 A0 A0,
    which happens to be valid UTF-8, and no reader can tell.)"""
    text = ("name: " if is_card else "") + before + letter + " " + after + rest.replace("\x7f", "")
    raw = text.encode("cp1252", errors="replace")
    offset = len(("name: " if is_card else "") + before)
    kind = "card" if is_card else "source"
    _, problems = _problems({"alice.yaml": raw} if is_card else {}, None if is_card else {"old.txt": raw})
    file = "facts/alice.yaml" if is_card else "seeds/old.txt"
    mine = [p for p in problems if p[0] == file]
    assert len(mine) == 1
    _, line, column, severity, message = mine[0]
    assert (line, column, severity) == (1, offset + 1, "error")
    assert message == (f"{kind} is not valid UTF-8 (byte 0x{letter.encode('cp1252')[0]:02x} at offset {offset}): "
                       f"it reads as Windows-1252 or Latin-1 text, where this byte is '{letter}'; save it as UTF-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(["utf-32", "utf-32-be-bom", "utf-32-le-ascii", "utf-32-be-ascii"]), st.booleans())
def test_utf32_cards_and_sources_are_named_as_such(value, encoding, is_card):
    """A file saved as UTF-32 (with its byte-order mark, or without one when mostly ASCII) was
    called UTF-16 text (its mark starts as UTF-16's does, and its NULs are in every other byte
    too): the problem says UTF-32 and to save as UTF-8."""
    if encoding.endswith("-ascii"):
        text = "kind: entity\nname: " + "".join(c for c in value if c.isascii() and c.isalnum()) + "x\n"
        raw = text.encode("utf-32-le" if encoding == "utf-32-le-ascii" else "utf-32-be")
        how = "three bytes in every four are NULs, as in UTF-32 text without a byte-order mark"
    else:
        text = "kind: entity\nname: " + value.replace("\n", " ") + "\n"
        raw = text.encode("utf-32") if encoding == "utf-32" else b"\x00\x00\xfe\xff" + text.encode("utf-32-be")
        how = "it starts with a UTF-32 byte-order mark"
    kind = "card" if is_card else "source"
    _, problems = _problems({"alice.yaml": raw} if is_card else {}, None if is_card else {"wide.txt": raw})
    file = "facts/alice.yaml" if is_card else "seeds/wide.txt"
    assert [p for p in problems if p[0] == file] == [(file, 1, 1, "error", f"{kind} is UTF-32 text ({how}): save it as UTF-8")]


def test_factex_add_reads_utf32_with_its_mark():
    """`factex add` of an article saved as UTF-32 read it as UTF-16 (its mark starts alike): NULs
    between the letters. It is read as the UTF-32 it is."""
    from explorer.core.ingest import decode

    text = "Alice Smith met Bob Jones in Zürich.\n"
    for raw in (text.encode("utf-32"), b"\x00\x00\xfe\xff" + text.encode("utf-32-be")):
        assert decode(raw, []) == text
