"""Make untrusted text safe to show: nothing in it may reach the terminal as a control code.

`visible()` is the one function every piece of workspace text passes through on its way to a
screen (the app's `render.text()` and the command line's terminal output both call it). It
replaces with a visible marker every character that a terminal would act on or that a reader
could not see:

- C0 and C1 controls (so ESC, which starts every ANSI and OSC escape sequence, BEL, and the 8-bit
  CSI U+009B) and DEL: C0 as the "control pictures" (`␛`, `␇`, `␀`), the others as `⟨U+009B⟩`;
- every format character (Unicode category Cf: bidi overrides and isolates, zero-width
  characters, soft hyphen, invisible operators U+2061-2064, U+180E, U+206A-206F, interlinear
  annotation, tag characters U+E0000-E007F, ...);
- the line and paragraph separators U+2028/U+2029 (categories Zl, Zp);
- private-use characters (Co) and lone surrogates (Cs). A lone surrogate U+DC80-U+DCFF is how
  Python carries a byte of a file name that is not UTF-8 (PEP 383); it shows as `⟨0xFF⟩`.

Tabs become spaces; newlines are kept only where the caller allows. Markup syntax (`[bold]`) is
not touched: text reaches Textual only as `Content`, which never parses it.
"""

from __future__ import annotations

import re
import unicodedata

# The code point ranges of categories Cc, Cf, Zl, Zp, Cs and Co (Unicode 14, Python 3.11), written
# out so that importing this module costs nothing; `tests/test_safetext.py` checks the table
# against the running Python's `unicodedata` for every code point, and `_is_unsafe` below catches
# a character a newer Unicode adds to those categories.
_RANGES = (
    (0x0000, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C),
    (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xD800, 0xF8FF),
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD),
)
_TABLE_UNICODE = "14.0.0"
_TABLE_IS_CURRENT = unicodedata.unidata_version == _TABLE_UNICODE
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co"})


def _class(ranges, keep: str = "") -> str:
    parts = []
    for lo, hi in ranges:
        if lo == hi:
            parts.append(re.escape(chr(lo)))
        else:
            parts.append(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
    return "[" + "".join(parts) + "]"


# A tab is handled before the pattern runs; a newline is unsafe unless the caller keeps it.
_UNSAFE = re.compile(_class(_RANGES))
_UNSAFE_KEEP_NEWLINES = re.compile(r"(?!\n)" + _class(_RANGES))


def _is_unsafe(ch: str) -> bool:
    return unicodedata.category(ch) in UNSAFE_CATEGORIES


def marker(ch: str) -> str:
    """The visible stand-in for one unsafe character."""
    code = ord(ch)
    if code < 0x20:
        return "\u2424" if ch == "\n" else chr(0x2400 + code)  # ␤, ␛, ␇, ␀, ...
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\u27e80x{code - 0xDC00:02X}\u27e9"  # ⟨0xFF⟩
    return f"\u27e8U+{code:04X}\u27e9"  # ⟨U+202E⟩


def _marker(match: re.Match[str]) -> str:
    return marker(match.group())


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control, format, separator, private-use and surrogate character replaced
    by a visible marker.

    Tabs become four spaces. With `keep_newlines`, `\\n` is kept and `\\r\\n` or a lone `\\r`
    becomes `\\n` (every line end counts as one); otherwise a newline shows as `␤` (and `\\r`
    as `␍`).
    """
    if text.isascii():
        if text.isprintable():
            return text
    elif text.isprintable():
        return text  # isprintable() is False for every unsafe category (and for Zs spaces)
    if keep_newlines and "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.replace("\t", "    ")
    text = (_UNSAFE_KEEP_NEWLINES if keep_newlines else _UNSAFE).sub(_marker, text)
    if _TABLE_IS_CURRENT or text.isascii():
        return text
    # A Python with a newer Unicode than the table's: what it adds to an unsafe category is
    # marked one character at a time.
    return "".join(marker(c) if c not in "\n " and not c.isprintable() and _is_unsafe(c) else c for c in text)


def is_visible(text: str, *, keep_newlines: bool = False) -> bool:
    """True when `visible()` would leave `text` as it is."""
    return visible(text, keep_newlines=keep_newlines) == text


# -- text leaving factex on a stream ----------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def json_safe(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with every lone surrogate written as
    its `\\uXXXX` escape. A file name byte that is not UTF-8 is carried by Python as a surrogate
    U+DC80-U+DCFF (PEP 383); as an escape the JSON stays valid UTF-8 whatever the names hold,
    and `json.loads` + `os.fsencode` give the original bytes back. (Surrogates can stand only
    inside JSON strings, so the replacement is always inside one.)"""
    if text.isascii():
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _stream_errors(exc: UnicodeError):
    """The `factex` codec error handler for standard output and error: a file name byte that is
    not UTF-8 (a surrogate U+DC80-U+DCFF) is written as that byte to a UTF-8 stream (the name as
    it is on disk); anything else a stream's encoding cannot hold is written as a backslash escape
    (`\\xe9`, `\\u2028`). Nothing a workspace holds can make printing fail."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    if exc.encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig") and all(
        0xDC80 <= ord(c) <= 0xDCFF for c in chunk
    ):
        return bytes(ord(c) - 0xDC00 for c in chunk), exc.end
    out = []
    for c in chunk:
        code = ord(c)
        out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out), exc.end


def safe_streams() -> None:
    """Make `sys.stdout` and `sys.stderr` unable to fail on what they are given (whatever the
    locale or PYTHONIOENCODING): see `_stream_errors`."""
    import codecs
    import sys

    try:
        codecs.lookup_error("factex")
    except LookupError:
        codecs.register_error("factex", _stream_errors)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="factex")
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot change
                pass
