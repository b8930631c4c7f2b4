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
from bisect import bisect_right

# Characters that normalise to something else. Whitespace is handled by the regex below.
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u02b9\u0060\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u02ba"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# Zero-width characters, soft hyphens, byte order marks and bidi controls: invisible formatting
# that a quote typed by hand never contains.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"

# Every character Python (and `\s` in `re`) counts as whitespace; a test checks the list is whole.
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"

_CHAR_MAP: dict[str, str] = {}
_CHAR_MAP.update({c: "'" for c in _SINGLE_QUOTES})
_CHAR_MAP.update({c: '"' for c in _DOUBLE_QUOTES})
_CHAR_MAP.update({c: "-" for c in _DASHES})
_CHAR_MAP.update({c: "" for c in _INVISIBLE})
_CHAR_MAP["\u2026"] = "..."

# The one-for-one replacements (quotes, dashes, a single whitespace character other than a space):
# they keep every offset, so they need no bookkeeping.
_ONE_FOR_ONE = {c: r for c, r in _CHAR_MAP.items() if len(r) == 1} | {c: " " for c in WHITESPACE if c != " "}
_ONE_FOR_ONE_RE = re.compile("[" + re.escape("".join(_ONE_FOR_ONE)) + "]")
# What changes the length: a run of two or more whitespace or invisible characters (one space,
# or nothing if it holds no whitespace), a lone invisible character (nothing), an ellipsis (...).
# Two simple patterns scan faster than one alternation.
_RUN = re.compile("[" + re.escape(WHITESPACE + _INVISIBLE) + "]{2,}")
_LONE = re.compile("[" + re.escape(_INVISIBLE) + "…]")
_SPECIAL_CHARS = re.compile("[" + re.escape("".join(_CHAR_MAP)) + "]")  # all but whitespace
_SPACES = re.compile(r"\s+")


def _replace_one(match: re.Match) -> str:
    return _ONE_FOR_ONE[match.group()]


def _replace_special(match: re.Match) -> str:
    return _CHAR_MAP[match.group()]


def _replace_chars(text: str) -> str:
    """Quotes, dashes, ellipses and invisible characters replaced; whitespace untouched."""
    if text.isascii():  # the one ASCII character to replace is the backtick
        return text.replace("`", "'") if "`" in text else text
    return _SPECIAL_CHARS.sub(_replace_special, text)


def normalize_text(text: str) -> str:
    """The normalised form of `text`, without the offset map (fast path for short strings)."""
    return _SPACES.sub(" ", _replace_chars(text))


def normalize_quote(text: str) -> str:
    """A quote as it is matched: normalised, with no space at either end."""
    return " ".join(_replace_chars(text).split())


class OffsetMap:
    """Where each character of a normalised text came from in the original, stored sparsely.

    Normalising keeps most characters where they are, shifted by what was removed or added
    before them; only the spans whose length changed are recorded (a few per paragraph). Index it
    like a list: `offsets[i]` is the original index of normalised character `i`, and
    `offsets[len(normalised)]` is the original length.
    """

    __slots__ = ("_nstarts", "_nends", "_ostarts", "_shifts", "_length")

    def __init__(self, nstarts, nends, ostarts, shifts, length: int):
        self._nstarts = nstarts  # where each resized span starts in the normalised text
        self._nends = nends  # and ends
        self._ostarts = ostarts  # where it starts in the original
        self._shifts = shifts  # original index minus normalised index after it
        self._length = length  # len(normalised) + 1

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, i: int) -> int:
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError("offset out of range")
        return self._at(i)

    def _at(self, i: int) -> int:
        k = bisect_right(self._nstarts, i) - 1
        if k < 0:
            return i
        if i < self._nends[k]:
            return self._ostarts[k]  # inside a replacement: its original start
        return i + self._shifts[k]

    def __iter__(self):
        return (self._at(i) for i in range(self._length))

    def span(self, nstart: int, nend: int) -> tuple[int, int]:
        """The original span of normalised `[nstart, nend)`: from where its first character came
        from to just after where its last one did."""
        start = self._at(nstart)
        return (start, self._at(nend - 1) + 1) if nend > nstart else (start, start)


def normalize_mapped(text: str) -> tuple[str, OffsetMap]:
    """Normalise `text`, keeping a sparse map from normalised positions to original ones."""
    nstarts: list[int] = []
    nends: list[int] = []
    ostarts: list[int] = []
    shifts: list[int] = []
    parts: list[str] = []
    pos = 0  # in the original
    npos = 0  # in the normalised text
    events = [(m.start(), m.end(), " " if any(c in WHITESPACE for c in m.group()) else "") for m in _RUN.finditer(text)]
    lone = [m.start() for m in _LONE.finditer(text)]
    if lone:  # rare: an invisible character outside a run, or an ellipsis
        run_starts = [e[0] for e in events]
        for i in lone:
            k = bisect_right(run_starts, i) - 1
            if k < 0 or i >= events[k][1]:
                events.append((i, i + 1, "..." if text[i] == "\u2026" else ""))
        events.sort()
    for start, end, repl in events:
        npos += start - pos
        parts.append(text[pos:start])
        parts.append(repl)
        nstarts.append(npos)
        ostarts.append(start)
        npos += len(repl)
        nends.append(npos)
        shifts.append(end - npos)
        pos = end
    parts.append(text[pos:])
    npos += len(text) - pos
    return _ONE_FOR_ONE_RE.sub(_replace_one, "".join(parts)), OffsetMap(nstarts, nends, ostarts, shifts, npos + 1)


def normalize(text: str) -> tuple[str, array]:
    """Normalise `text` and map each normalised character back to its original index.

    Returns `(normalised, offsets)` where `offsets[i]` is the index in `text` of the character
    that produced `normalised[i]`, and `offsets[len(normalised)] == len(text)`.
    """
    norm, sparse = normalize_mapped(text)
    offsets = array("l")
    n = shift = 0  # the next normalised index to fill, and the shift of the stretch it starts
    for nstart, nend, ostart, next_shift in zip(sparse._nstarts, sparse._nends, sparse._ostarts, sparse._shifts):
        offsets.extend(range(n + shift, nstart + shift))
        offsets.extend([ostart] * (nend - nstart))
        n, shift = nend, next_shift
    offsets.extend(range(n + shift, len(norm) + 1 + shift))
    return norm, offsets


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
