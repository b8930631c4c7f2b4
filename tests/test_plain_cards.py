"""A card written in the plain part of YAML is read line by line (yamlsafe._plain_card), without
libyaml's node objects: whatever that reading accepts, libyaml and the walker read the same (data,
the line the card starts on, no problem), and whatever it declines is read by libyaml as before.
Generated texts mix the forms cards are written in with the ones YAML reads its own way (tags,
anchors, flow collections, block scalars, comments after a value, values with ': ' or a final
':', quotes with escapes, continued lines, odd indentation, tabs, line separators, duplicate
keys), and the shipped cards take the line-by-line reading."""

import re
import subprocess
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from explorer.core.cardformat import yamlsafe
from explorer.core.cardformat.yamlsafe import parse_card

REPO = Path(__file__).resolve().parent.parent


@contextmanager
def _libyaml_only():
    with mock.patch.object(yamlsafe, "_plain_card", lambda text: None):
        yield


def _reading(doc):
    return doc.data, doc.line, [(p.line, p.column, p.message) for p in doc.issues]


def _agrees(text: str) -> bool:
    """True when the line-by-line reading took the card; either way, it reads as libyaml does."""
    with _libyaml_only():
        want = _reading(parse_card(text))
    plain = yamlsafe._plain_card(text)
    if plain is not None:
        assert want[2] == [], (text, want)
        assert (plain[0], plain[1]) == want[:2], (text, plain, want)
    assert _reading(parse_card(text)) == want, text
    return plain is not None


_KEYS = ["kind", "name", "quote", "source", "evidence", "aliases", "no", "on", "true", "x-y", "_k", "Key9",
         "<<", "a b", "1", "é", "-k", "k:", "'q'", '"q"', "? k", "k" * 130, "kind"]
_VALUES = ["x", "Kim Jong Un", "no", "yes", "on", "~", "null", "Null", "NULL", "", "2024-02-30", "1:30", "012",
           "0x1F", "1e3", ".inf", "a: b", "a:", "a:b", "http://x.y/z?a=b", "-x", "- x", "--", "?x", "? x", ":x",
           ": x", "x #y", "#y", "x#y", "*a", "&a x", "!x", "!!str x", "! x", "|", ">", "|-", "[a]", "[a, b]",
           "[a, b, ]", "[]", "[ ]", "[a,,b]", "[a, [b]]", "[a: b]", "[a:b]", "['a', b]", "[~, null, x]", "[-a]",
           "{a: b}", "a, b", "x]", "x}", "x,", "@x", "`x", "%x", "'q'", "'it''s'", "'a' 'b'", "'x'y", "''",
           "'''", "'", '"q"', '"a\\nb"', '"a\'b"', '"', '""', '"a" b', "x\ty", "\tx", "é", "Kim Jong‐un",
           "“quoted,” he said", "\u00a0x", "x\u00a0", "a\u2028b", "a\u2029b", "a\x85b", "\ufeffx", "a\x7fb",
           "a\x1bb", "x  y", "x   ", "a'b", 'a"b', "<<", "=", "\\", "a\\b", "...", "---", "%YAML 1.1",
           "It said: no", "A — B", "🙂 ok", "Ж", "a\r", "x\\"]
_PADS = ["", "", "", " ", "  ", "    ", "\t"]


@st.composite
def _tree(draw, depth=0):
    kind = draw(st.sampled_from(["map", "map", "seq", "value"] if depth < 3 else ["value"]))
    if kind == "value":
        return draw(st.sampled_from(_VALUES))
    if kind == "seq":
        return [draw(_tree(depth + 1)) for _ in range(draw(st.integers(0, 3)))]
    return [(draw(st.sampled_from(_KEYS)), draw(_tree(depth + 1))) for _ in range(draw(st.integers(0, 4)))]


def _render(tree, indent: int, step: int, compact: bool, dash: str) -> list[tuple[int, str]]:
    """(indentation, line) pairs of a tree: a mapping is a list of (key, value), a list a list."""
    if isinstance(tree, list) and tree and isinstance(tree[0], tuple):
        out = []
        for key, value in tree:
            if isinstance(value, str):
                out.append((indent, f"{key}: {value}" if value else f"{key}:"))
            else:
                out.append((indent, f"{key}:"))
                inner = indent if compact and value and not isinstance(value[0], tuple) else indent + step
                out += _render(value, inner, step, compact, dash)
        return out
    if isinstance(tree, list):
        out = []
        for item in tree:
            if isinstance(item, str):
                out.append((indent, f"{dash}{item}"))
            else:
                body = _render(item, indent + len(dash), step, compact, dash)
                if body:
                    out.append((indent, dash + body[0][1]))
                    out += body[1:]
                else:
                    out.append((indent, dash.rstrip(" ")))
        return out
    return [(indent, tree)]


@st.composite
def cards(draw) -> str:
    tree = draw(_tree())
    if not (isinstance(tree, list) and tree and isinstance(tree[0], tuple)):
        tree = [("kind", "entity"), ("evidence", tree)]
    lines = _render(tree, draw(st.sampled_from([0, 0, 2])), draw(st.integers(1, 4)), draw(st.booleans()),
                    draw(st.sampled_from(["- ", "- ", "-  ", "-"])))
    text = [" " * indent + line for indent, line in lines]
    for _ in range(draw(st.integers(0, 3))):  # a few lines changed: indentation, comments, blank lines
        at = draw(st.integers(0, len(text)))
        what = draw(st.sampled_from(["pad", "comment", "blank", "trailing", "join", "doc"]))
        if what == "pad" and at < len(text):
            text[at] = draw(st.sampled_from(_PADS)) + text[at]
        elif what == "comment":
            text.insert(at, draw(st.sampled_from(_PADS)) + "# a comment: with - things [x]")
        elif what == "blank":
            text.insert(at, draw(st.sampled_from(["", "  ", "\t"])))
        elif what == "trailing" and at < len(text):
            text[at] += draw(st.sampled_from(["  ", " # note", "\t", ":", " :"]))
        elif what == "join" and 0 < at < len(text):
            text[at - 1] += draw(st.sampled_from(["\r", "\u2028", "\x85"])) + text.pop(at)
        elif what == "doc":
            text.insert(at, draw(st.sampled_from(["---", "...", "? x", "%YAML 1.1"])))
    return "\n".join(text) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards())
@example("kind: entity\nname: Kim\naliases: [Kim Jong Un, KJU]\nevidence:\n  - quote: a\n")
@example("a:\n- x\n- y: z\n  w: v\nb: ''\n")
@example("  a: x\n  b: y\n")
@example("\n\n# c\nkind: x\n")
@example("a: x\n b: y\n")
@example("a:\n  - x\n  b: y\n")
@example("a: b\n- c\n")
@example("a: x\na: y\n")
def test_what_the_plain_reading_takes_libyaml_reads_the_same(text):
    _agrees(text)


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("ab: -\n#'\"[],~\t\u00a0é"), max_size=40))
def test_any_text_reads_as_libyaml_reads_it(text):
    _agrees(text)


TYPICAL = [
    "kind: relation\nsubject: e-1\npredicate: met\nobject: e-2\ncertainty: hedged\nevidence:\n"
    "  - quote: It could be that Anselm met Kek.\n    source: src-038\n",
    "kind: entity\nname: Leona Meithmol\ntype: person\naliases:\n  - Meithmol\n"
    "description: A retired customs officer.\nevidence:\n  - Leona Meithmol — a retired customs officer\n",
    "# yaml-language-server: $schema=../../explorer/schema/card.schema.json\nkind: relation\nsubject: a\n"
    "predicate: said\nobject: b\nqualifiers:\n  date: 2024-02-30\n  place: Seoul\nevidence:\n"
    "- quote: 'No: never.'\n  prefix: \"He said \"\n  occurrence: 2\n- quote: “We won,” she said\n",
    "kind: entity\nname: Boko Haram\naliases: [Boko Haram, BH]\nsame_as: Q49441\n",
]


def test_cards_as_they_are_written_take_the_plain_reading():
    for text in TYPICAL:
        assert _agrees(text), text


def test_the_shipped_cards_read_as_libyaml_reads_them_and_most_take_the_plain_reading():
    names = subprocess.run(["git", "ls-files", "*.yaml"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    taken = 0
    for name in names:
        raw = (REPO / name).read_bytes()
        text, problem = yamlsafe.decode_card(raw)
        if text is not None:
            taken += _agrees(text)
    assert len(names) > 400 and taken > 0.9 * len(names)


def test_the_plain_reading_leaves_to_libyaml_exactly_the_characters_outside_its_ranges():
    # _UNPLAIN is written as the few ranges left out (it compiles ~10x faster than the negation of
    # the ranges let in): the very characters of that negation, every code point checked.
    allowed = ((0x0A, 0x0A), (0x20, 0x7E), (0xA0, 0x2027), (0x202A, 0xD7FF), (0xE000, 0xFEFE),
               (0xFF00, 0xFFFD), (0x10000, 0x10FFFF))
    negation = re.compile("[^" + "".join(f"{chr(a)}-{chr(b)}" for a, b in allowed).replace("\n-\n", "\n") + "]")
    left, start = [], 0  # the code points between the ranges (they are in order, apart)
    for a, b in allowed:
        assert start <= a <= b
        left += range(start, a)
        start = b + 1
    left += range(start, 0x110000)
    assert [chr(c) for c in left] == yamlsafe._UNPLAIN.findall("".join(map(chr, left)))
    # (each code point checked, the matching done by map: a Python loop took 1.2 CPU s)
    chars = list(map(chr, range(0x110000)))
    ours = [m is None for m in map(yamlsafe._UNPLAIN.match, chars)]
    theirs = [m is None for m in map(negation.match, chars)]
    if ours != theirs:
        c = next(c for c, (a, b) in enumerate(zip(ours, theirs)) if a != b)
        assert ours[c] == theirs[c], hex(c)


def test_the_plain_reading_leaves_nothing_for_the_collector():
    # A load pauses the garbage collector: a cycle a card's reading left (its lines, kept by
    # nested functions referring to each other) stayed until the load ended, 190 MB instead of
    # 109 MB at 30,000 cards.
    import gc

    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        for text in TYPICAL * 10:
            assert yamlsafe._plain_card(text) is not None
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()


_ASCII_ALL = "".join(map(chr, range(128)))


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(_ASCII_ALL + "\u00a0é\x85\u2028\ufeff\U0001f600"), max_size=60)
       | st.text(st.sampled_from(_ASCII_ALL), max_size=60))
@example("kind: entity\nname: Kim\n")
@example("kind: entity\r\nname: Kim\r\n")
@example("a: b\x7f")
@example("")
def test_an_ascii_card_is_told_plain_as_the_pattern_tells_it(text):
    # An ASCII card's characters are checked by its bytes (_unplain), not by _UNPLAIN's search:
    # the same answer for every text, ASCII or not; each ASCII character alone too.
    assert yamlsafe._unplain(text) == (yamlsafe._UNPLAIN.search(text) is not None)


def test_each_ascii_character_is_told_plain_as_the_pattern_tells_it():
    for c in _ASCII_ALL:
        assert yamlsafe._unplain(f"a: b{c}c\n") == (yamlsafe._UNPLAIN.search(c) is not None), repr(c)


# The line pattern as it was written before its quantifiers were made possessive.
_GREEDY_LINE = re.compile(r"^( *)(- +|-$)?(?:([A-Za-z_][A-Za-z0-9_-]{0,127}):(?: +|$))?(.*)", re.M)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab_-: \n#'\"[]\tZ9é\r"), max_size=80) | cards()
       | st.builds(lambda n, rest: "k" * n + rest, st.integers(120, 135), st.sampled_from([": x", ":", ":x", " : x", "-"])))
@example("- - x\n-\n- \n  -  key:  v\nkey:\n" + "a" * 127 + ": v\n" + "a" * 128 + ": v\n")
def test_the_possessive_line_pattern_reads_lines_as_the_greedy_one(text):
    # _LINE's quantifiers are possessive (no state kept to go back to): the rest of a line, `.*`,
    # matches whatever comes before it, so the first way found is the match either way.
    assert yamlsafe._LINE.findall(text) == _GREEDY_LINE.findall(text)
