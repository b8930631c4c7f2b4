import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.cardformat.yamlsafe import decode_card, parse_card


def issues(text):
    return [(i.line, i.column, i.message) for i in parse_card(text).issues]


def test_scalars_stay_text_as_typed():
    doc = parse_card("a: no\nb: 1:30\nc: 2024-02-30\nd: 012\ne: yes\nf: 1e3\ng: ~\nh:\n")
    assert doc.data == {"a": "no", "b": "1:30", "c": "2024-02-30", "d": "012", "e": "yes", "f": "1e3", "g": None, "h": None}
    assert not doc.issues


def test_quoted_null_is_text():
    assert parse_card('a: "null"\nb: ""').data == {"a": "null", "b": ""}


def test_positions_of_keys_and_values():
    doc = parse_card("name: X\nevidence:\n  - quote: hello\n    note: n\n")
    assert doc.pos(("evidence", 0, "quote")) == (3, 12)
    assert doc.pos(("evidence", 0, "note"), key=True) == (4, 5)
    assert doc.pos(("name",), key=True) == (1, 1)


def test_duplicate_keys_are_reported_at_the_second():
    assert issues("a: 1\nb: 2\na: 3\n") == [(3, 1, "duplicate key 'a' (first at line 1); a key may appear only once")]


def test_duplicate_keys_nested():
    assert issues("e:\n  - quote: x\n    quote: y\n")[0][:2] == (3, 5)


@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system ['touch /tmp/factex-pwned']",
    "a: !!python/name:os.system",
    "a: !!binary aGVsbG8=",
    "a: !!set {x, y}",
    "a: !custom thing",
    "!!python/object:object {}",
    "a: !!int 5",
])
def test_tags_are_refused_with_a_location(text):
    found = issues(text)
    assert len(found) == 1 and "tags are not allowed" in found[0][2]
    assert found[0][0] == 1


def test_aliases_are_refused():
    assert issues("a: &x [1]\nb: *x\n") == [(2, 4, "YAML aliases (*name) are not allowed: write the value out")]
    assert "aliases" in issues("x: &a [*a]")[0][2]


def test_billion_laughs_is_refused_quickly():
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]")
    start = time.perf_counter()
    found = issues("\n".join(lines))
    assert "aliases" in found[0][2]
    assert time.perf_counter() - start < 5  # bounded, not a timing goal: would run forever otherwise


def test_merge_keys_are_refused():
    assert "merge keys" in issues("<<: {a: 1}\nb: 2")[0][2]


def test_several_documents():
    assert "more than one YAML document" in issues("a: 1\n---\nb: 2\n")[0][2]


def test_syntax_errors_have_positions():
    assert issues("a: [1, 2\n")[0][:2] >= (1, 1)
    line, col, msg = issues('a: "unclosed\nb: 2\n')[0]
    assert (line, col) == (1, 4) and msg.startswith("YAML syntax error")
    assert issues("a:\n\tb: 1\n") == [(2, 1, "YAML syntax error: a tab is used for indentation; use spaces")]


def test_empty_and_comment_only():
    assert issues("") == [(1, 1, "card is empty")]
    assert issues("# nothing\n# here\n") == [(1, 1, "card is empty")]


def test_deep_nesting_is_refused():
    assert issues("[" * 10000 + "]" * 10000)
    assert issues("a: " + "[" * 100 + "]" * 100)  # beyond our own depth limit


def test_decode_card():
    assert decode_card("\ufeffa: 1".encode())[0] == "a: 1"
    text, issue = decode_card(b"name: ok\nbad: \xff\xfe\n")
    assert text is None and (issue.line, issue.column) == (2, 6) and "UTF-8" in issue.message
    text, issue = decode_card(b"\x00\x01\x02binary")
    assert "binary" in issue.message
    text, issue = decode_card(b"a: " + b"x" * (2 << 20))
    assert "at most 1 MiB" in issue.message


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12), min_size=1, max_size=4),
       st.sampled_from([b"\xff", b"\xfe", b"\xc3", b"\x80", b"\xed\xa0\x80", b"\xf8\x88"]), st.booleans())
def test_an_invalid_byte_is_placed_where_an_editor_shows_it_with_or_without_a_bom(lines, bad, bom):
    """The line and column (characters, from 1) of the first byte that is not UTF-8, counted as an
    editor shows the card: the byte-order mark, if any, is not a character of the first line."""
    before = "\n".join(lines)
    raw = (b"\xef\xbb\xbf" if bom else b"") + before.encode() + bad + b" tail\n"
    text, issue = decode_card(raw)
    assert text is None
    last = before.split("\n")[-1]
    assert (issue.line, issue.column) == (before.count("\n") + 1, len(last) + 1)
    assert f"0x{bad[0]:02x}" in issue.message


def test_crlf_positions():
    doc = parse_card("a: 1\r\nb:\r\n  - c\r\n")
    assert doc.data == {"a": "1", "b": ["c"]}
    assert doc.pos(("b", 0)) == (3, 5)


def test_huge_number_stays_text():
    assert parse_card("a: " + "9" * 5000).data == {"a": "9" * 5000}


def test_positions_are_found_only_when_asked_and_survive_pickling():
    import pickle

    doc = parse_card("# a comment\nname: X\nevidence:\n  - quote: hello\n")
    assert doc.line == 2 and doc._tables is None  # a clean card has not paid for positions
    again = pickle.loads(pickle.dumps(doc))
    assert again.data == doc.data and again.line == 2
    assert again.pos(("evidence", 0, "quote")) == (4, 12)
    assert again.pos(("evidence", 0, "nothing", "here")) == (4, 5)  # the nearest parent
    assert again.plain == {("name",), ("evidence", 0, "quote")}
    assert "_tables" not in repr(pickle.dumps(again))  # tables are never written to the cache


def test_a_clean_card_loads_without_positions(ws):
    ws.source("article.txt", "Title\n\nAlice met Bob.\n")
    ws.card("entities/alice.yaml", "kind: entity\nname: Alice\ntype: person\nevidence:\n  - Alice met Bob\n")
    ws.card("entities/bob.yaml", "kind: entity\nname: Bob\ntype: person\nevidence:\n  - quote: Bob.\n")
    from explorer.core.loading.loader import Loader

    loader = Loader(ws.root, use_cache=False)
    base = loader.load()
    assert not base.problems and set(base.entities) == {"alice", "bob"}
    assert all(entry.doc._tables is None for entry in loader._cache.values())


# A quote typed as the article has it, starting with its own quote mark, then more text.
_OPENED = st.builds(
    lambda mark, inside, rest: mark + inside + (mark + rest if rest is not None else ""),
    st.sampled_from(["\"", "'"]),
    st.text(alphabet="abc ,.;!?-'\"", min_size=1, max_size=12).filter(lambda t: t.strip() and "#" not in t),
    st.none() | st.text(alphabet="abc ,.!?'\"", min_size=1, max_size=12).filter(lambda t: t.strip() and not t.startswith(" #")),
)


@settings(max_examples=150, deadline=None)
@given(_OPENED, st.booleans())
def test_a_value_typed_with_its_own_leading_quote_mark_gets_the_quoting_that_reads_it_back(value, keyed):
    """`- quote: "We will win," Flores said`: when YAML cannot read such a line, the problem is at
    the value and says to quote it, with the quoting written out; typing that in reads the value
    back exactly as typed."""
    prefix = "  - quote: " if keyed else "  - "
    head = "kind: entity\nname: A\ntype: person\nevidence:\n"
    doc = parse_card(head + prefix + value + "\n")
    if not doc.issues:
        return  # (YAML read it: a quoted value that ends where the text does)
    issue = doc.issues[0]
    assert (issue.line, issue.column) == (5, len(prefix) + 1), issue
    assert "this value starts with a quote mark" in issue.message
    suggestion = issue.message.rsplit("put the whole value in quotes, ", 1)[1]
    if "\u2026" in suggestion:
        return  # (a long value is shown by its two ends)
    again = parse_card(head + prefix + suggestion + "\n")
    assert not again.issues
    item = again.data["evidence"][0]
    assert (item["quote"] if keyed else item) == value.rstrip()


@settings(max_examples=60)
@given(st.sampled_from(["  - quote: ", "description: ", "  - note: ", "- quote: ", "    - quote: "]),
       st.sampled_from([">", "|", ">-", "|+", "> ", "|  # the passage"]), st.integers(0, 6),
       st.lists(st.sampled_from(["We will win,", "Flores said.", '"No comment,"', "she told: reporters"]),
                min_size=1, max_size=3))
def test_a_block_of_text_not_indented_past_its_key_says_how_far_to_indent(key_line, indicator, indent, words):
    """`quote: >` (or `|`) then its text at the key's own indentation or less: YAML cannot read it
    (or reads another key), and the error says to indent it past the key, by how much; indented
    so, it reads as the text typed."""
    key_col = len(key_line) - len(key_line.lstrip(" -"))
    lines = [(" " * indent) + w for w in words]
    text = "kind: entity\nname: X\nevidence:\n" + key_line + indicator + "\n" + "\n".join(lines) + "\nafter: 1\n"
    found = issues(text)
    if indent > key_col or not found or not found[0][2].startswith("YAML syntax error"):
        return  # (readable: indented enough, or YAML took the lines for keys of their own)
    line, col, msg = found[0]
    assert "must be indented more than" in msg and line == 5, (text, found)
    need = int(msg.rsplit("start its lines with ", 1)[1].split(" ")[0])
    fixed = text.replace("\n".join(lines), "\n".join(" " * need + w for w in words))
    assert not [i for i in issues(fixed) if i[2].startswith("YAML syntax error")], fixed


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["'", '"']), st.integers(0, 3), st.sampled_from(["w", "a b", "é", "界"]), st.text("xy ,", min_size=1, max_size=5))
def test_a_quote_mark_hint_quotes_a_long_value_by_its_two_ends(mark, scale, unit, after):
    """However long the value read up to its closing mark (a key of 200,000 characters made a
    message of as many), the message quotes it by its two ends, as it does its suggestion."""
    inner = unit * (10 ** scale * 20)
    doc = parse_card(f"kind: entity\nname: A\n{mark}{inner}{mark} {after}z: 1\ntype: person\n")
    assert doc.issues
    assert all(len(issue.message) < 600 for issue in doc.issues), [len(i.message) for i in doc.issues]
