"""Make untrusted text safe to show: nothing in it may reach the terminal as a control code.

Card and source text is shown literally. Control characters (C0 and C1, including ESC, which starts
every ANSI and OSC escape sequence), bidirectional overrides and isolates, and zero-width characters
are replaced by visible markers, so `"\\e[2J"` shows as `␛[2J` and a right-to-left override cannot
reorder what a person reads. Tabs become spaces; newlines are kept only where the caller allows.
"""

from __future__ import annotations

import re

# C0 controls map to the Unicode "control pictures" block (U+2400 + code), DEL to U+2421.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + _ZERO_WIDTH + "\ud800-\udfff\ue000-\uf8ff\ufff9-\ufffb]"
)
_UNSAFE_WITH_NEWLINES = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f" + _BIDI + _ZERO_WIDTH + "\ud800-\udfff\ue000-\uf8ff\ufff9-\ufffb]"
)


def _marker(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if code < 0x20:
        if ch == "\n":
            return "\u2424"  # ␤
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\u27e8U+{code:04X}\u27e9"  # ⟨U+202E⟩


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control, bidi and invisible character replaced by a visible marker.

    Tabs become four spaces. With `keep_newlines`, `\\n` is kept (and `\\r\\n` becomes `\\n`);
    otherwise a newline shows as `␤`.
    """
    if keep_newlines:
        text = text.replace("\r\n", "\n")
    text = text.replace("\t", "    ")
    if text.isascii() and text.isprintable():
        return text
    pattern = _UNSAFE if keep_newlines else _UNSAFE_WITH_NEWLINES
    return pattern.sub(_marker, text)
