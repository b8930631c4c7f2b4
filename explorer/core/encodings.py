"""What a card or source file that is not what factex reads is, said so that its owner can fix it.

Cards and sources are UTF-8 text (a byte-order mark is allowed). The files people bring are not
always: Windows Notepad and Word save "Unicode" as UTF-16, older articles come as Windows-1252 or
Latin-1, and a card edited by two people lands with git's merge conflict markers in it. Each says
here what it is and what to do, instead of a bare byte offset or a YAML syntax error.
"""

from __future__ import annotations

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def utf16(raw: bytes) -> str | None:
    """If `raw` is UTF-16 text: how that shows ("a UTF-16 byte-order mark", ...); else None.
    Without a mark, text of mostly ASCII letters has a NUL in every other byte."""
    if raw[:2] in _UTF16_BOMS and raw[:4] not in (b"\xff\xfe\x00\x00",):
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
        return f"{kind} is UTF-16 text ({how}): save it as UTF-8"
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


def conflict_message(kind: str) -> str:
    return (f"{kind} holds git merge conflict markers (<<<<<<< ======= >>>>>>>): it was left mid-merge; "
            "keep the right side and delete the marker lines")
