"""What a card or source file that is not what factex reads is, said so that its owner can fix it.

Cards and sources are UTF-8 text (a byte-order mark is allowed). The files people bring are not
always: Windows Notepad and Word save "Unicode" as UTF-16, older articles come as Windows-1252 or
Latin-1, and a card edited by two people lands with git's merge conflict markers in it. Each says
here what it is and what to do, instead of a bare byte offset or a YAML syntax error.
"""

from __future__ import annotations

import re

from explorer.core.text import LazyPattern

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


def utf32(raw: bytes) -> str | None:
    """If `raw` is UTF-32 text: how that shows; else None. Without a mark, text of mostly ASCII
    letters has three NULs in every four bytes. (It was called UTF-16 text: its NULs are in every
    other byte too.)"""
    if raw[:4] in _UTF32_BOMS:
        return "it starts with a UTF-32 byte-order mark"
    sample = raw[:4096]
    if len(sample) >= 16 and b"\x00\x00\x00" in sample:
        lanes = [sample[k::4] for k in range(4)]
        if sum(lane.count(0) >= 0.9 * len(lane) for lane in lanes) == 3:
            return "three bytes in every four are NULs, as in UTF-32 text without a byte-order mark"
    return None


def utf16(raw: bytes) -> str | None:
    """If `raw` is UTF-16 (or UTF-32) text: how that shows ("a UTF-16 byte-order mark", ...);
    else None. Without a mark, text of mostly ASCII letters has a NUL in every other byte."""
    wide = utf32(raw)
    if wide is not None:
        return wide
    if raw[:2] in _UTF16_BOMS:
        return "it starts with a UTF-16 byte-order mark"
    sample = raw[:4096]
    if len(sample) >= 8 and b"\x00" in sample:
        even, odd = sample[0::2], sample[1::2]
        for half in (even, odd):
            if half.count(0) >= 0.9 * len(half):
                return "every other byte is a NUL, as in UTF-16 text without a byte-order mark"
    return None


def not_utf8(kind: str, raw: bytes, start: int) -> str:
    """The message for `raw` (a card's or a source's bytes, `kind` "card" or "source") that fails
    to decode as UTF-8 at byte `start`: the byte, and what the file probably is."""
    how = utf16(raw)
    if how is not None:
        return f"{kind} is {'UTF-32' if utf32(raw) is not None else 'UTF-16'} text ({how}): save it as UTF-8"
    byte = raw[start]
    message = f"{kind} is not valid UTF-8 (byte 0x{byte:02x} at offset {start})"
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return message + ": save it as UTF-8"
    shown = bytes([byte]).decode("cp1252")
    return (message + f": it reads as Windows-1252 or Latin-1 text, where this byte is '{shown}'; save it as UTF-8"
            if shown.isprintable() and not shown.isspace() else message + ": save it as UTF-8")


MARKERS = ("<<<<<<<", "=======", ">>>>>>>")


def conflict_line(text: str) -> int | None:
    """The line (1-based) of the first git merge conflict marker in `text`, or None: a line that
    starts with `<<<<<<<`, with a later one that starts with `>>>>>>>` (a line of `=======` alone
    can be an underline in an article; the pair cannot)."""
    if "<<<<<<<" not in text:  # (the common case: one scan in C)
        return None
    at = 0 if text.startswith("<<<<<<<") else text.find("\n<<<<<<<")
    while at >= 0:
        start = at if text.startswith("<<<<<<<", at) else at + 1
        if text.find("\n>>>>>>>", start) >= 0:
            return text.count("\n", 0, start) + 1
        at = text.find("\n<<<<<<<", start + 1)
    return None


# A file that git LFS tracks, in a checkout made without git-lfs (or before `git lfs pull`): the
# file holds LFS's pointer to the content, not the content (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md).
_LFS_VERSIONS = ("version https://git-lfs.github.com/spec/v1\n", "version https://hawser.github.com/spec/v1\n")


def lfs_message(kind: str, text: str) -> str | None:
    """The message for a `kind` ("card", "source", "sidecar") whose text is a Git LFS pointer (a
    pointer is at most 1024 bytes: its version line first, then sorted `key value` lines), or None."""
    if not text.startswith(_LFS_VERSIONS) or len(text) > 1024:
        return None
    fields = dict(line.partition(" ")[::2] for line in text.splitlines()[1:] if line)
    oid, size = fields.get("oid", ""), fields.get("size", "")
    what = []
    if oid:
        what.append(oid[:19] + "\u2026" if len(oid) > 20 else oid)
    if size.isdigit() and size.isascii():
        what.append(f"{int(size):,} bytes")
    about = f" ({', '.join(what)})" if what else ""
    return (f"{kind} is a Git LFS pointer{about}, not the file itself: git-lfs was not installed when it was checked out; "
            "run `git lfs install` and `git lfs pull`")


def conflict_message(kind: str) -> str:
    return (f"{kind} holds git merge conflict markers (<<<<<<< ======= >>>>>>>): it was left mid-merge; "
            "keep the right side and delete the marker lines")


# Characters that look like YAML's structure but are not, as a person's keyboard, editor or
# chat client types them: indentation copied from a web page or typed with a CJK input method,
# a list's `-` turned into a dash by autocorrect, a full-width colon.
_SPACES = {"\u00a0": "a no-break space, U+00A0", "\u2007": "a figure space, U+2007",
           "\u202f": "a narrow no-break space, U+202F", "\u3000": "an ideographic (full-width) space, U+3000"}
_DASHES = {"\u2010": "a hyphen, U+2010", "\u2011": "a non-breaking hyphen, U+2011", "\u2012": "a figure dash, U+2012",
           "\u2013": "an en dash, U+2013", "\u2014": "an em dash, U+2014", "\u2015": "a horizontal bar, U+2015",
           "\u2212": "a minus sign, U+2212", "\uff0d": "a full-width hyphen-minus, U+FF0D"}
_COLONS = {"\uff1a": "a full-width colon, U+FF1A", "\ufe55": "a small colon, U+FE55", "\ua789": "a modifier colon, U+A789"}
def _lookalike_source() -> str:
    spaces, dashes, colons = ("".join(d) for d in (_SPACES, _DASHES, _COLONS))
    return (rf"^(?P<indent>[ \t]*)(?:"
            rf"(?P<space>[{spaces}])[ \t{spaces}]*(?=-[ \t]|[A-Za-z_][\w-]*[ \t]*:)"  # indented with a look-alike space
            rf"|(?P<dash>[{dashes}])[ \t{spaces}]+\S"  # a list item's dash
            rf"|(?:-[ \t]+)?[A-Za-z_][\w-]*[ \t]*(?P<colon>[{colons}])"  # a key's colon
            rf")")


_LOOKALIKE = LazyPattern(_lookalike_source, re.M)
_ANY = (*_SPACES, *_DASHES, *_COLONS)
_BLOCK_TEXT = LazyPattern(r":[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$")  # `key: |` or `key: >-`: a block of text


def lookalike(text: str) -> tuple[int, int, str] | None:
    """(line, column, message) of the first character in `text` (a card) that stands where YAML
    needs a space, a list's `-` or a key's `:`, and only looks like one; None if there is none.
    A dash counts only where a list is expected (after a line ending in `:`, or beside other list
    items), so a description's "– " bullets are text."""
    if text.isascii() or not any(c in text for c in _ANY):  # (most cards: no regular expression run)
        return None
    lines = None
    for m in _lookalike_matches(text):
        line = text.count("\n", 0, m.start()) + 1
        kind = m.lastgroup
        at = m.start(kind)
        col = at - m.start() + 1
        char = text[at]
        if lines is None:
            lines = text.split("\n")
        if _in_block_text(lines, line - 1, len(m.group("indent"))):
            continue  # (text: a description's "– " bullets, an article's lines)
        if kind == "space":
            return line, col, (f"this line is indented with {_SPACES[char]}, which YAML reads as text, "
                               "not as indentation: indent with plain spaces")
        if kind == "colon":
            from explorer.core.safetext import quoted

            key = text[m.start():at].strip(" \t-")
            return line, col, f"'{char}' ({_COLONS[char]}) is not YAML's ':': type ':' and a space after {quoted(key)}"
        before = next((ln.rstrip() for ln in reversed(lines[: line - 1]) if ln.strip()), "")
        indent = len(m.group("indent"))
        if before.endswith(":") or before[:indent + 2] == " " * indent + "- ":
            return line, col, (f"this list item starts with '{char}' ({_DASHES[char]}), not '-', so YAML reads it "
                               "as text (an autocorrect?): type a hyphen-minus '-'")
    return None


def _lookalike_matches(text: str):
    """`_LOOKALIKE.finditer(text)`, tried only at the starts of the lines that hold a look-alike
    character: a match lies within one line, from its start, and holds one. (The search tried
    the pattern at every character of the card: an em dash in a quote made every card that
    holds one cost ~250 tries, a fifth of the instructions of reading it.)"""
    starts = set()
    for c in _ANY:
        i = text.find(c)
        while i >= 0:
            starts.add(text.rfind("\n", 0, i) + 1)
            end = text.find("\n", i)  # (the line is tried once: on to the next line)
            i = text.find(c, end + 1) if end >= 0 else -1
    match = _LOOKALIKE.match
    for start in sorted(starts):
        m = match(text, start)
        if m is not None:
            yield m


def _in_block_text(lines: list[str], index: int, indent: int) -> bool:
    """Whether line `index` (indented by `indent`) is inside a block of text (`key: |` or `>`):
    the nearest line above it that is indented less opens one."""
    for ln in reversed(lines[:index]):
        if not ln.strip():
            continue
        if len(ln) - len(ln.lstrip(" ")) < indent:
            return _BLOCK_TEXT.search(ln.rstrip("\r")) is not None
    return False
