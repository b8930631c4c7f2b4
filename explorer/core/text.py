"""Typography-insensitive text: the normalisation that quote anchoring and search share.

`normalize()` maps a text to a canonical form in which runs of whitespace (including non-breaking
spaces and line breaks) are one space, curly quotes and apostrophes are straight, dashes are
hyphens, an ellipsis is `...`, and invisible characters (zero-width spaces, soft hyphens, byte
order marks) are gone. Case and words are kept. It also returns, for every character of the
normalised text, the index of the character of the original text it came from, so a match found
in the normalised text maps back to exact offsets in the original.
"""

from __future__ import annotations

import re
import unicodedata
from array import array

# Characters that normalise to something else. Whitespace is handled by the regex below.
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u02b9\u0060\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u02ba"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# Zero-width characters, soft hyphens, byte order marks and bidi controls: invisible formatting
# that a quote typed by hand never contains.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"

_CHAR_MAP: dict[str, str] = {}
_CHAR_MAP.update({c: "'" for c in _SINGLE_QUOTES})
_CHAR_MAP.update({c: '"' for c in _DOUBLE_QUOTES})
_CHAR_MAP.update({c: "-" for c in _DASHES})
_CHAR_MAP.update({c: "" for c in _INVISIBLE})
_CHAR_MAP["\u2026"] = "..."

# Only what changes: runs of 2+ whitespace, any whitespace that is not a plain space, and the
# characters above. Single plain spaces (most of a text) need no work.
_SPECIAL = re.compile(
    r"\s{2,}|[^\S ]|["
    + re.escape(_SINGLE_QUOTES + _DOUBLE_QUOTES + _DASHES + _INVISIBLE + "\u2026")
    + "]"
)
_TRANSLATE = str.maketrans(_CHAR_MAP)
_SPACES = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """The normalised form of `text`, without the offset map (fast path for short strings)."""
    return _SPACES.sub(" ", text.translate(_TRANSLATE))


def normalize_quote(text: str) -> str:
    """A quote as it is matched: normalised, with no space at either end."""
    return normalize_text(text).strip()


def normalize(text: str) -> tuple[str, array]:
    """Normalise `text` and map each normalised character back to its original index.

    Returns `(normalised, offsets)` where `offsets[i]` is the index in `text` of the character
    that produced `normalised[i]`, and `offsets[len(normalised)] == len(text)`.
    """
    parts: list[str] = []
    offsets = array("l")
    pos = 0
    for match in _SPECIAL.finditer(text):
        start = match.start()
        if start > pos:
            parts.append(text[pos:start])
            offsets.extend(range(pos, start))
        token = match.group()
        if token[0].isspace():
            parts.append(" ")
            offsets.append(start)
        else:
            repl = _CHAR_MAP[token]
            if repl:
                parts.append(repl)
                offsets.extend([start] * len(repl))
        pos = match.end()
    if pos < len(text):
        parts.append(text[pos:])
        offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    return "".join(parts), offsets


def fold(text: str) -> str:
    """Normalise typography and strip accents: the form search compares (case kept)."""
    text = normalize_text(text)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Like `fold`, keeping for each folded character the index of its original character."""
    out: list[str] = []
    offsets: list[int] = []
    norm, norm_offsets = normalize(text)
    if norm.isascii():
        return norm, list(norm_offsets[:-1])
    for i, ch in enumerate(norm):
        if ch.isascii():
            out.append(ch)
            offsets.append(norm_offsets[i])
            continue
        for d in unicodedata.normalize("NFKD", ch):
            if not unicodedata.combining(d):
                out.append(d)
                offsets.append(norm_offsets[i])
    return "".join(out), offsets
