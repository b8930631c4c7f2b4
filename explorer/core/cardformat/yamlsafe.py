"""Read one YAML card safely, keeping where every key and value stands.

PyYAML is used only as a parser (libyaml when available). No tag is ever constructed, so no code
runs; scalars are always text (`no`, `1:30`, `2024-02-30`, `012` stay as typed); duplicate keys,
tags and aliases are errors with a line and column; one document per file.

The result is plain data (`dict`, `list`, `str`, `None`) plus, on demand, a table of positions keyed
by the path to each value, e.g. `("evidence", 0, "quote")`. Positions are needed only to report a
problem, so they are not kept at first: the card's text is, and the first question about a
position parses it again (once) with a walker that records them. A clean card never pays for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from explorer.core.encodings import conflict_line, conflict_message, lfs_message, lookalike, not_utf8, utf16
from explorer.core.model import Problem
from explorer.core.regexes import compiled
from explorer.core.safetext import clip, quoted


class _Yaml:
    """The yaml package (PyYAML), imported at its first use (`_libyaml`): a card in the plain part
    of YAML (`_plain_card`: all 149 of the shipped article's) is read without it, and its import
    (~10 ms, most of it compiling its regular expressions) was a fifth of the load of a first
    start, which runs while Textual is imported (in the helper process, explorer/app/preload.py),
    on a busy 2-core machine beside it, before the facts can show."""

    def __getattr__(self, name: str):
        return getattr(_libyaml(), name)


yaml = _Yaml()
# PyYAML's node classes and the loader that composes a card's nodes (explorer/core/cardformat/
# libyaml.py), once `_libyaml` has imported them.
_TextLoader = _ScalarNode = _SequenceNode = _MappingNode = None


def _libyaml():
    global yaml, _TextLoader, _ScalarNode, _SequenceNode, _MappingNode
    from explorer.core.cardformat import libyaml

    _TextLoader, _ScalarNode, _SequenceNode, _MappingNode = (
        libyaml._TextLoader, libyaml.yaml.ScalarNode, libyaml.yaml.SequenceNode, libyaml.yaml.MappingNode)
    yaml = libyaml.yaml
    return yaml


STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"


# A node written without a tag has this tag (explorer/core/cardformat/libyaml.py _TextLoader).
IMPLICIT = ""
_NULLS = {"", "~", "null", "Null", "NULL"}

MAX_CARD_BYTES = 1 << 20  # 1 MiB: a card is a few hundred bytes; anything near this is not a card


Path = tuple  # a path to a value: ("evidence", 0, "quote")


class Document:
    """A parsed card: its data, where it starts, its YAML issues, and (on demand) where each value
    and key stands, 1-based."""

    __slots__ = ("data", "issues", "line", "text", "_tables")

    def __init__(self, data: object = None, issues: list[Problem] | None = None, *, line: int = 1,
                 text: str | None = None):
        self.data = data
        self.issues: list[Problem] = issues if issues is not None else []
        self.line = line  # where the card's content starts
        self.text = text  # kept to find positions when a problem needs one
        self._tables: _Tables | None = None

    # Positions are found again from the text, so they are not worth caching on disk.
    def __getstate__(self):
        return (self.data, self.issues, self.line, self.text)

    def __setstate__(self, state):
        self.data, self.issues, self.line, self.text = state
        self._tables = None

    def _positions(self) -> _Tables:
        if self._tables is None:
            self._tables = _Tables()
            if self.text is not None:
                try:
                    root = _compose(self.text)
                    if root is not None:
                        _Walker([], self.text, self._tables).walk(root, ())
                except (yaml.YAMLError, _Stop, RecursionError):  # pragma: no cover - parsed once already
                    pass
        return self._tables

    @property
    def value_pos(self) -> dict[Path, tuple[int, int]]:
        return self._positions().value_pos

    @property
    def key_pos(self) -> dict[Path, tuple[int, int]]:
        return self._positions().key_pos

    @property
    def plain(self) -> set[Path]:
        """The paths of scalars written without quotes."""
        return self._positions().plain

    def pos(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Where the value at `path` stands (or its key), falling back to the nearest parent."""
        tables = self._positions()
        value_pos = tables.value_pos
        table = tables.key_pos if key else value_pos
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in value_pos:
                return value_pos[p]
            p = p[:-1]
        return value_pos.get((), (self.line, 1))


@dataclass
class _Tables:
    value_pos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    plain: set[Path] = field(default_factory=set)


def decode_card(raw: bytes, what: str = "card") -> tuple[str | None, Problem | None]:
    """Decode a card's bytes as UTF-8 (a byte-order mark is allowed), or say where it fails.
    `what` the file is, as its problems name it (a source's sidecar is read as a card is)."""
    if len(raw) > MAX_CARD_BYTES:
        size = len(raw) / (1 << 20)
        return None, Problem.in_text(1, 1, f"{what} is {size:.1f} MiB; a {what} may be at most 1 MiB")
    if utf16(raw) is not None:  # (before the NUL check: UTF-16 text is full of them)
        return None, Problem.in_text(1, 1, not_utf8(what, raw, 0))
    if b"\x00" in raw:
        line, col = _line_col_bytes(raw, raw.index(b"\x00"))
        return None, Problem.in_text(line, col, f"{what} contains a NUL byte: this is a binary file, not YAML")
    # (what raw.decode("utf-8-sig") does, without its codec's Python-level function: a
    # byte-order mark is dropped; an error's offset counts from after it, and so does its place)
    body = raw[3:] if raw[:3] == b"\xef\xbb\xbf" else raw
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line, col = _line_col_bytes(body, exc.start)
        return None, Problem.in_text(line, col, not_utf8(what, body, exc.start))


def _line_col_bytes(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    line_start = raw.rfind(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", "replace")) + 1
    return line, col


def _compose(text: str):
    if _TextLoader is None:
        _libyaml()
    loader = _TextLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def parse_card(text: str, what: str = "card") -> Document:
    """Parse card text into a `Document`. Problems are collected, never raised; they name the file
    as `what` (a source's sidecar is read as a card is)."""
    doc = Document(text=text)
    marker = conflict_line(text)
    if marker is not None:  # (YAML would say "could not find expected ':'", or even parse it)
        doc.issues.append(Problem.in_text(marker, 1, conflict_message(what)))
        return doc
    if text.startswith("version ") and (lfs := lfs_message(what, text)) is not None:  # (YAML reads it as one text)
        doc.issues.append(Problem.in_text(1, 1, lfs))
        return doc
    found = lookalike(text)  # (an en dash for `-`, a no-break space as indentation, a full-width colon)
    if found is not None:
        doc.issues.append(Problem.in_text(*found))
        return doc
    plain = _plain_card(text)
    if plain is not None:  # (most cards: read without libyaml's node objects, see _plain_card)
        doc.data, doc.line = plain
        return doc
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        doc.issues.append(_syntax_issue(exc, text, what))
        return doc
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (raw ESC, C1, ...)
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        doc.issues.append(Problem.in_text(line, col, f"{what} holds the control character U+{code:04X}, which YAML does not allow "
                                               f"as is: write it as an escape inside double quotes (\\u{code:04X})"))
        return doc
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        doc.issues.append(Problem.in_text(1, 1, f"YAML error: {exc}"))
        return doc
    except RecursionError:
        doc.issues.append(Problem.in_text(1, 1, "YAML is nested too deeply"))
        return doc
    if root is None:
        doc.issues.append(Problem.in_text(1, 1, f"{what} is empty"))
        return doc
    doc.line = root.start_mark.line + 1
    # An alias is possible only with a `*` in the text: then the walker tracks every node (and
    # records positions while at it); otherwise it records nothing.
    tables = _Tables() if "*" in text else None
    try:
        doc.data = _Walker(doc.issues, text, tables).walk(root, ())
    except _Stop:
        doc.data = None
    except RecursionError:
        doc.data = None
        doc.issues.append(Problem.in_text(1, 1, "YAML is nested too deeply"))
    doc._tables = tables
    return doc


# --- the plain card: read line by line ---------------------------------------------------------
#
# Most cards are written in a small part of YAML: block mappings and lists, one line per value,
# keys of letters, digits, `_` and `-`, values plain or quoted on their line (or a list of plain
# values in brackets), comments on lines of their own. `_plain_card` reads such a card by its
# lines (one regular expression over the text, then a walk by indentation) as libyaml and the
# walker read it, in half their time (libyaml makes a node object for every key and value). It
# declines (None) anything else, which libyaml reads as before: a character YAML reads its own way
# or refuses (a tab, a control character, a line separator, a byte-order mark inside), a # after
# anything on its line, a value that starts with an indicator (a tag, an anchor or alias, a block
# scalar, a mapping in braces, `-`, `?`, `:`), a quoted value that goes on past its line or has
# an escape, a plain value with `: ` or a final `:`, a value that goes on to a line indented more,
# a list item that is empty or a list itself, a duplicate key, nesting deeper than 32. Whatever
# it reads, libyaml reads the same (data, and the line the card starts on); wherever they could
# differ, or YAML has something to say, libyaml reads it (tests/test_plain_cards.py).

# What the plain reading leaves to libyaml: every character outside "\n", " "-"~", U+00A0-U+2027,
# U+202A-U+D7FF, U+E000-U+FEFE, U+FF00-U+FFFD and the planes above (a tab, a control character,
# a line or paragraph separator, a surrogate, a byte-order mark, a non-character). Written as
# the few ranges left out, not as the negation of the many let in: the same characters, and the
# pattern compiles in ~0.4 ms instead of ~4.9 (the regex compiler fills its map one character at
# a time over each range: ~63,000 of them), on every start that reads a card
# (tests/test_plain_cards.py holds the two to the same characters).
_UNPLAIN = compiled("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# An ASCII text (most cards) holds one of those characters when its bytes are not all "\n" or " "-"~":
# told by deleting those bytes (one pass in C), not by the pattern's search, which calls a
# character-set test for each character of every card (14.9 M calls at 30,000 cards).
_PLAIN_ASCII = bytes([0x0A, *range(0x20, 0x7F)])


def _unplain(text: str) -> bool:
    """Does `text` hold a character the plain reading leaves to libyaml (`_UNPLAIN`)?"""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _PLAIN_ASCII))
    return _UNPLAIN.search(text) is not None


# Each line: indentation, a list item's dash, a key and its colon, the rest. Possessive (`*+`,
# `?+`): the rest matches whatever comes before it, so a match never goes back to try less, and
# the engine keeps nothing to go back to (a fifth of its instructions over the cards).
_LINE = compiled(r"^( *+)(- ++|-$)?+(?:([A-Za-z_][A-Za-z0-9_-]{0,127}+):(?: ++|$))?+(.*+)", re.M)
_LEAD = compiled(r"(?:[ \n]*#[^\n]*)*[ \n]*")  # blank lines and comments before a card
_UNFLOW = compiled("[][{},:#'\"]")  # what a plain value inside [...] leaves to libyaml
_INDICATORS = frozenset("-?:,[]{}#&*!|>%@`'\"")


class _Decline(Exception):
    pass


def _plain_value(v: str) -> str | list | None:
    """The value `v` written on one line (not empty, no trailing space): plain, simply quoted, or
    a list of plain values in brackets; _Decline for any other."""
    c = v[0]
    if c in _INDICATORS:
        if c == "[" and v[-1] == "]":  # a list of plain values: [a, b]
            items = v[1:-1].split(",")
            if len(items) > 1 and not items[-1].strip(" "):
                del items[-1]  # ([a, b, ]: a comma may end the list)
            items = [item.strip(" ") for item in items]
            if items == [""]:
                return []
            for item in items:
                if not item or item[0] in _INDICATORS or _UNFLOW.search(item) is not None:
                    raise _Decline
            return [None if item in _NULLS else item for item in items]
        if len(v) > 1 and v[-1] == c:
            inner = v[1:-1]
            if c == "'" and "'" not in inner.replace("''", ""):
                return inner.replace("''", "'")
            if c == '"' and '"' not in inner and "\\" not in inner:
                return inner
        raise _Decline
    if ": " in v or v[-1] == ":":
        raise _Decline
    return None if v in _NULLS else v


def _plain_card(text: str) -> tuple[object, int] | None:
    """(data, the line it starts on) of a card written in the plain part of YAML (see above),
    else None."""
    if _unplain(text):  # (also a tab)
        return None
    lines = [(len(pad), dash, key, v) for pad, dash, key, v in _LINE.findall(text) if dash or key or v]
    if "#" in text:  # a line of its own that starts with # is a comment; # anywhere else: declined
        for _, dash, key, v in lines:
            if "#" in v and (dash or key or v[0] != "#"):
                return None
        lines = [line for line in lines if line[1] or line[2] or line[3][0] != "#"]
    if not lines:
        return None
    # (functions of the module, given the lines: nested ones would refer to each other, a cycle
    # that kept every card's lines until a garbage collection, and a load pauses the collector)
    try:
        data, end = _plain_block(lines, 0, lines[0][0], 0)
    except _Decline:
        return None
    if end != len(lines):
        return None
    return data, text.count("\n", 0, _LEAD.match(text).end()) + 1  # (the line its first key is on)


def _plain_block(lines: list, i: int, ind: int, depth: int):
    if depth > 32:
        raise _Decline
    return _plain_sequence(lines, i, ind, depth) if lines[i][1] else _plain_mapping(lines, i, ind, depth)


def _plain_mapping(lines: list, i: int, ind: int, depth: int):
    """The mapping whose keys are the lines from `i` indented `ind`, and the line after it."""
    n = len(lines)
    result: dict[str, object] = {}
    while i < n:
        at, dash, key, v = lines[i]
        if at != ind:
            if at < ind:
                break
            raise _Decline
        if dash or not key or key in result:
            raise _Decline
        i += 1
        if v:
            if v[-1] == " ":
                v = v.rstrip(" ")
            if v[0] in _INDICATORS or ": " in v or v[-1] == ":":
                result[key] = _plain_value(v)
            else:
                result[key] = None if v in _NULLS else v
            if i < n and lines[i][0] > ind:
                raise _Decline  # (the value goes on, or YAML refuses what follows)
        elif i < n and lines[i][0] > ind:
            result[key], i = _plain_block(lines, i, lines[i][0], depth + 1)
        elif i < n and lines[i][0] == ind and lines[i][1]:
            result[key], i = _plain_sequence(lines, i, ind, depth + 1)  # (a list at its key's indentation)
        else:
            result[key] = None
    return result, i


def _plain_sequence(lines: list, i: int, ind: int, depth: int):
    """The list whose items are the lines from `i` that start with a dash indented `ind`, and the
    line after it."""
    n = len(lines)
    items: list[object] = []
    while i < n:
        at, dash, key, v = lines[i]
        if at != ind or not dash:
            if at <= ind:
                break
            raise _Decline
        if dash == "-" or not (key or v):
            raise _Decline  # (a dash alone: its item is on the lines below)
        if key:  # a mapping, from the column after the dash
            lines[i] = (at + len(dash), "", key, v)
            value, i = _plain_mapping(lines, i, at + len(dash), depth + 1)
            items.append(value)
            continue
        if v[-1] == " ":
            v = v.rstrip(" ")
        items.append(_plain_value(v))
        i += 1
        if i < n and lines[i][0] > ind:
            raise _Decline
    return items, i


MAX_DUPLICATES = 100  # duplicate keys listed per card; the rest are counted in the last one


def _duplicate(issues: list[Problem], key_node, key: str, first_line: int, count: int) -> None:
    """Report the `count`-th duplicate key of a mapping: the first `MAX_DUPLICATES` each, the
    rest as one problem counting them (updated in place)."""
    mark = key_node.start_mark
    if count <= MAX_DUPLICATES:
        issues.append(Problem.in_text(mark.line + 1, mark.column + 1, _duplicate_message(key, first_line)))
        return
    more = count - MAX_DUPLICATES
    issue = Problem.in_text(mark.line + 1, mark.column + 1,
                      f"and {more:,} more duplicate key{'s' if more != 1 else ''} here (the first {MAX_DUPLICATES} are listed)")
    if more == 1:
        issues.append(issue)
    else:
        issues[-1] = issue


class _Stop(Exception):
    pass


# What the walker says.
_MAX_DEPTH = 64
_TOO_DEEP = f"YAML is nested more than {_MAX_DEPTH} levels deep"
_KEY_NOT_TEXT = "a key must be plain text"
_MERGE_KEY = "YAML merge keys (<<) are not allowed: write the fields out"


def _tag_message(tag: str, *, scalar: bool = False) -> str:
    return f"YAML tags are not allowed here ({_show_tag(tag)})" + (": write plain text" if scalar else "")


def _duplicate_message(key: str, first_line: int) -> str:
    return f"duplicate key {quoted(key)} (first at line {first_line}); a key may appear only once"


class _Walker:
    """Turns a composed node tree into data, checking it (tags, keys, duplicates, merge keys,
    depth). Given `tables`, it also records where every value and key stands and which scalars
    are plain, and tracks every node it has seen, which is how it finds aliases (an alias makes a
    node appear twice). Without `tables` it records nothing: the common case, a clean card."""

    __slots__ = ("issues", "text", "tables", "seen")

    def __init__(self, issues: list[Problem], text: str, tables: _Tables | None = None):
        self.issues = issues
        self.text = text
        self.tables = tables
        self.seen: set[int] = set()

    def fail(self, node, message: str):
        self.issues.append(Problem.in_text(node.start_mark.line + 1, node.start_mark.column + 1, message))
        raise _Stop

    def walk(self, node, path: Path | None, depth: int = 0):
        """The data of `node`; `path` (where it stands in the card) only matters with tables."""
        tables = self.tables
        if tables is not None:
            if id(node) in self.seen:
                self.alias_error()
            self.seen.add(id(node))
        if depth > _MAX_DEPTH:
            self.fail(node, _TOO_DEEP)
        if tables is not None:
            tables.value_pos[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        cls = node.__class__
        if cls is _ScalarNode:
            if node.tag and node.tag != STR_TAG:  # (IMPLICIT, "", is plain text)
                self.fail(node, _tag_message(node.tag, scalar=True))
            value = node.value
            if not node.style:
                if tables is not None:
                    tables.plain.add(path)
                if value in _NULLS:
                    return None
            return value
        if cls is _SequenceNode:
            if node.tag and node.tag != SEQ_TAG:
                self.fail(node, _tag_message(node.tag))
            if tables is None:
                return [self.walk(item, None, depth + 1) for item in node.value]
            return [self.walk(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        if cls is _MappingNode:
            if node.tag and node.tag != MAP_TAG:
                self.fail(node, _tag_message(node.tag))
            return self.mapping(node, path, depth)
        self.fail(node, "unexpected YAML node")  # pragma: no cover

    def mapping(self, node, path: Path | None, depth: int) -> dict[str, object]:
        tables = self.tables
        result: dict[str, object] = {}
        first_lines: dict[str, int] | None = None  # each key's first line, made at the first duplicate
        duplicates = 0
        for key_node, value_node in node.value:
            if tables is not None:
                if id(key_node) in self.seen:
                    self.alias_error()
                self.seen.add(id(key_node))
            if key_node.__class__ is not _ScalarNode or (key_node.tag and key_node.tag != STR_TAG):
                self.fail(key_node, _KEY_NOT_TEXT)
            key = key_node.value
            if key in result:
                if first_lines is None:  # found once, not once per duplicate
                    first_lines = {}
                    for k, _ in node.value:
                        if k.__class__ is _ScalarNode:
                            first_lines.setdefault(k.value, k.start_mark.line + 1)
                duplicates += 1
                _duplicate(self.issues, key_node, key, first_lines[key], duplicates)
                continue
            if key == "<<" and not key_node.style:
                self.fail(key_node, _MERGE_KEY)
            if tables is None:
                if value_node.__class__ is _ScalarNode and (not value_node.tag or value_node.tag == STR_TAG):
                    value = value_node.value  # the common case, inlined: a text value
                    result[key] = None if not value_node.style and value in _NULLS else value
                else:
                    result[key] = self.walk(value_node, None, depth + 1)
            else:
                key_path = path + (key,)
                tables.key_pos[key_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.walk(value_node, key_path, depth + 1)
        return result

    def alias_error(self):
        """An alias (*name) made a node appear twice; find the first alias to report it."""
        line, col = 1, 1
        try:
            for event in yaml.parse(self.text, Loader=_TextLoader):
                if isinstance(event, yaml.AliasEvent):
                    line, col = event.start_mark.line + 1, event.start_mark.column + 1
                    break
        except yaml.YAMLError:  # pragma: no cover - the text composed once already
            pass
        self.issues.append(Problem.in_text(line, col, "YAML aliases (*name) are not allowed: write the value out"))
        raise _Stop


def _show_tag(tag: str) -> str:
    if tag.startswith("tag:yaml.org,2002:"):
        return "!!" + tag[len("tag:yaml.org,2002:"):]
    return tag


_KEY_VALUE = compiled(r"^(\s*(?:-\s+)?(?:[A-Za-z_][\w-]*:\s+)?)(\S.*?)\s*$")


def _quote_hint(line: str) -> tuple[int, str] | None:
    """For a syntax error on a line whose value starts with a quote mark as typed from the article
    (`- quote: "We will win," Flores said`, `- 'Tis the season, he said`): YAML read the mark as
    the start of a quoted value, which ends before the text does (or never ends). Where the value
    starts, and the whole value quoted so that it is read as typed."""
    m = _KEY_VALUE.match(line)
    if m is None or m.group(2)[:1] not in "'\"":
        return None
    value = m.group(2)
    mark = value[0]
    i, closed = 1, None
    while i < len(value):  # where YAML's quoted value ends
        c = value[i]
        if mark == '"' and c == "\\":
            i += 2
            continue
        if c == mark:
            if mark == "'" and value[i + 1 : i + 2] == "'":
                i += 2
                continue
            closed = i
            break
        i += 1
    after = value[closed + 1 :] if closed is not None else ""
    if closed is not None and (not after.strip() or after.lstrip().startswith("#")):
        return None  # a quoted value that ends where the text does: the error is elsewhere
    if closed is not None and " #" in after:
        value = value[: closed + 1] + after[: after.index(" #")].rstrip()  # (what follows ` #` is a comment)
    if "'" not in value:
        suggestion = f"'{value}'"
    elif '"' not in value and "\\" not in value:
        suggestion = f'"{value}"'
    else:
        suggestion = "'" + value.replace("'", "''") + "'"
    if len(suggestion) > 60:
        suggestion = clip(suggestion, 57)
    shown = value[: closed + 1] if closed is not None else mark
    if len(shown) > 60:  # (its two ends, as the suggestion: a 200,000-character value made a message as long)
        shown = clip(shown, 57)
    why = (f"YAML reads {shown} as the whole value and cannot read what follows it" if closed is not None
           else f"YAML reads {mark} as the start of a quoted value that is never closed")
    return len(m.group(1)) + 1, f"YAML syntax error: this value starts with a quote mark, so {why}: put the whole value in quotes, {suggestion}"


BLOCK_KEY = compiled(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):\s*[|>][-+1-9]{0,2}\s*(?:#.*)?$")


def _block_hint(lines: list[str], at: int) -> tuple[int, int, str] | None:
    """For a syntax error at or after the first line of a block of text (`quote: >` or `|`, then
    the text) that is not indented more than its key (`quote`), as YAML needs (YAML reads the
    text as keys, and fails on it or a line after): where the text starts, and what to do."""
    if not 0 < at <= len(lines):
        return None
    for k in range(at - 1, max(0, at - 20), -1):  # the nearest `key: >` above the error's line
        m = BLOCK_KEY.match(lines[k - 1])
        if m is None:
            continue
        first = k + 1
        while first <= len(lines) and not lines[first - 1].strip():
            first += 1
        if first > at:
            return None
        text_line = lines[first - 1]
        key_col = len(m.group(1))
        if len(text_line) - len(text_line.lstrip(" ")) > key_col:
            return None  # indented as it must be: the error is another
        return (first, 1, f"YAML syntax error: the text of a block ({m.group(2)}: followed by > or |) must be indented "
                          f"more than `{m.group(2)}`: start its lines with {key_col + 2} spaces")
    return None


def _colon_hint(line: str) -> tuple[int, str] | None:
    """For YAML's "mapping values are not allowed here": a value (a quote, most often) holding
    ": ", which YAML reads as a key of its own. Where the value starts, and what to do."""
    m = _KEY_VALUE.match(line)
    if m is None or ": " not in m.group(2) or m.group(2)[:1] in "'\"":
        return None
    value = m.group(2)
    before = value[: value.index(": ")]
    yaml_quoted = "'" + value.replace("'", "''") + "'"
    if len(yaml_quoted) > 60:
        yaml_quoted = clip(yaml_quoted, 57)
    return (len(m.group(1)) + 1,
            f"YAML syntax error: this value has ': ' in it (after {quoted(before[-20:])}), which YAML reads as a new key: "
            f"put the whole value in quotes, {yaml_quoted} (double any ' inside)")


def _dash_hint(line: str) -> tuple[int, str] | None:
    """For YAML's "block sequence entries are not allowed here": a value that starts with "- " (a
    line of dialogue pasted with its dash, `- quote: - We will win - he said`), which YAML reads as
    a list item. Where the value starts, and the whole value quoted so that it is read as typed."""
    m = _KEY_VALUE.match(line)
    if m is None or not m.group(1).rstrip().endswith(":") or not m.group(2).startswith("- "):
        return None
    value = m.group(2)
    yaml_quoted = "'" + value.replace("'", "''") + "'"
    if len(yaml_quoted) > 60:
        yaml_quoted = clip(yaml_quoted, 57)
    return (len(m.group(1)) + 1,
            "YAML syntax error: this value starts with '- ', which YAML reads as a list item: "
            f"put the whole value in quotes, {yaml_quoted} (double any ' inside)")


def _syntax_issue(exc: yaml.MarkedYAMLError, text: str, what: str = "card") -> Problem:
    mark = exc.problem_mark or exc.context_mark
    at_end = mark is not None and not text[mark.index:].strip() if hasattr(mark, "index") and mark.index is not None else False
    if exc.context_mark and ("end of stream" in (exc.problem or "") or at_end):
        mark = exc.context_mark  # an unclosed quote or bracket: point at where it opened
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "syntax error"
    if "expected a single document" in (exc.context or "") or "but found another document" in problem:
        return Problem.in_text(line, col, f"{what} holds more than one YAML document (---): " + ("put one card in each file" if what == "card" else "keep one"))
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1] and "cannot start any token" in problem:
        return Problem.in_text(line, lines[line - 1].index("\t") + 1, "YAML syntax error: a tab is used for indentation; use spaces")
    for at in sorted({mark.line + 1 if mark else 0, exc.context_mark.line + 1 if exc.context_mark else 0}):
        block = _block_hint(lines, at)
        if block is not None:
            return Problem.in_text(*block)
    for at in {mark.line + 1 if mark else 0, exc.context_mark.line + 1 if exc.context_mark else 0}:
        if 0 < at <= len(lines):
            hint = _quote_hint(lines[at - 1])
            if hint is not None:
                return Problem.in_text(at, hint[0], hint[1])
    if problem == "could not find expected ':'" and exc.context_mark is not None and 0 < exc.context_mark.line + 1 <= len(lines):
        # YAML reads a key of at most 1024 characters on one line (a simple key): past that it
        # says it found no colon, on a line that has one
        key_line = lines[exc.context_mark.line]
        start = exc.context_mark.column
        colon = key_line.find(": ", start)
        if colon < 0 and key_line.endswith(":"):
            colon = len(key_line) - 1
        if colon - start > 1024:
            return Problem.in_text(exc.context_mark.line + 1, start + 1,
                                   f"YAML syntax error: this key is {colon - start:,} characters long; YAML reads a key of "
                                   "at most 1,024")
    if problem.startswith("mapping values are not allowed") and 0 < line <= len(lines):
        hint = _colon_hint(lines[line - 1])
        if hint is not None:
            return Problem.in_text(line, hint[0], hint[1])
    if problem.startswith("block sequence entries are not allowed") and 0 < line <= len(lines):
        hint = _dash_hint(lines[line - 1])
        if hint is not None:
            return Problem.in_text(line, hint[0], hint[1])
    message = f"YAML syntax error: {problem}"
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        message += f" ({exc.context} at line {exc.context_mark.line + 1})"
    elif exc.context and mark is exc.context_mark:
        message += f" ({exc.context} that starts here and is never closed)"
    return Problem.in_text(line, col, message)
