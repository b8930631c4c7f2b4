"""Typography-insensitive text: the normalisation that quote anchoring and search share.

`normalize()` maps a text to a canonical form in which what a keyboard types differently, and a
reader does not see as different, is one thing:

- every run of whitespace (any Unicode space, non-breaking or thin, tab, line or paragraph break)
  is one space;
- curly, straight, low-9, prime, Hebrew (geresh, gershayim) and CJK quotation marks (corner
  brackets too) and apostrophes are `'` and `"`; guillemets
  are `"` (`‹ ›`: `'`), without the spaces French and Spanish put inside them (`« Oui »`: `"Oui"`);
- a dash of any kind (hyphen, non-breaking hyphen, minus, en and em dash, `--`, `---`), with or
  without spaces around it, is `-`: `a - b`, `a -- b`, `a—b` and `a — b` are all `a-b` (a run of
  dashes and spaces is one dash);
- an ellipsis, `…` or `...`, with or without spaces around it, is `...`;
- no space before `!`, `?`, `;` and `:` (the French `Oui !` is `Oui!`), nor before `,`, `.`, `)`
  and `]` (a page turned into text often has "the Journal , said");
- full-width ASCII forms (`（`, `Ａ`, `１`) are ASCII, as NFKC makes them (and nothing else NFKC does);
- accented letters are composed (NFC), so a decomposed `José` equals a composed one;
- invisible characters (zero-width spaces and joiners, soft hyphens, byte order marks, bidi
  controls) are gone, and so is the Arabic tatweel that stretches a word to justify a line.

Case, accents, letters and digits are kept: `Jose` is not `José`, `drunk` is not `drunken`. The
normalisation returns, with the normalised text, a map from every normalised position back to the
original text, so a match found in the normalised text maps back to exact original offsets.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from heapq import merge

from explorer.core.layout import LOOKALIKES
from explorer.core.regexes import compiled as _compiled

# Characters that normalise to something else, one for one. Whitespace, dashes and the ellipsis
# are also handled by the events below when they come with spaces or in runs.
class LazyPattern:
    """A regular expression compiled at its first use, not at import: the big character classes
    below take milliseconds each to compile, which every `factex` start (and the app's first
    frame, which needs none of them) paid. After the first use, `match`, `finditer`, ... are the
    compiled pattern's own methods, found without a detour. Compiled from the code shipped for it
    when there is (explorer/core/regexes.py)."""

    def __init__(self, pattern, flags: int = 0) -> None:
        self._source = (pattern, flags)  # the pattern, or a function that makes it

    def __getattr__(self, name: str):
        pattern, flags = self.__dict__["_source"]
        compiled = _compiled(pattern() if callable(pattern) else pattern, flags)
        for attr in ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split", "pattern", "flags"):
            self.__dict__[attr] = getattr(compiled, attr)
        return getattr(compiled, name)


# (Hebrew writes abbreviations and its quotations with a geresh and gershayim, U+05F3 and U+05F4,
# in typeset text and with ' and " from a keyboard: צה״ל is צה"ל. Chinese and Japanese quote with
# corner brackets, 「」 and 『』, where others type “” or "".)
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u02b9\u0060\u00b4\u05f3\u300e\u300f"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036\u02ba\u301d\u301e\u301f\u05f4\u300c\u300d"
_GUILLEMETS = {"\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'"}
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
# Zero-width characters, soft hyphens, byte order marks and bidi controls: invisible formatting
# that a quote typed by hand never contains; and the Arabic tatweel (kashida, U+0640), which only
# stretches a word to justify a line ("الـــعربية" is "العربية").
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u0640"

# Every character Python (and `\s` in `re`) counts as whitespace; a test checks the list is whole.
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"

# Full-width ASCII forms (U+FF01..U+FF5E), as NFKC maps them.
_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}

_CHAR_MAP: dict[str, str] = {}  # one character -> its normal form, where that is one character
_CHAR_MAP.update(_FULLWIDTH)
_CHAR_MAP.update({c: "'" for c in _SINGLE_QUOTES})
_CHAR_MAP.update({c: '"' for c in _DOUBLE_QUOTES})
_CHAR_MAP.update(_GUILLEMETS)
_CHAR_MAP.update({c: "-" for c in _DASHES})
_CHAR_MAP.update({c: " " for c in WHITESPACE if c != " "})
for _c, _r in list(_CHAR_MAP.items()):  # full-width forms of quotes and the backtick go on
    _CHAR_MAP[_c] = _CHAR_MAP.get(_r, _r)
_CHAR_MAP = {c: r for c, r in _CHAR_MAP.items() if c != r}
_ONE_FOR_ONE_RE = LazyPattern("[" + re.escape("".join(_CHAR_MAP)) + "]")

_S = "[" + re.escape(WHITESPACE + _INVISIBLE) + "]"  # a space or an invisible character
_D = "[" + re.escape("-" + _DASHES) + "]"  # a dash
_ELLIPSIS = "(?:\u2026|[.\uff0e]{3})"
# The places where the normal form differs in length from the original ("events"): a dash or an
# ellipsis with the spaces around it; the inner side of a guillemet; spaces before `!?;:`; a run
# of two or more spaces or invisible characters; a lone invisible character. (A single dash, a
# plain `...` or `"` are matched too when they come first; they are no event and are skipped.)
_I = "[" + re.escape(_INVISIBLE) + "]"
_NS = "[" + re.escape(WHITESPACE.replace(" ", "")) + "]"  # whitespace other than a plain space
_OPENING = "[\u00ab\u2039]"
_CLOSING = "[\u00bb\u203a]"
# punctuation that takes no space before it: `!?;:` (a French text has one), and `,.)]` (a page
# turned into text often has one: "the Wall Street Journal , said")
_PUNCT = "[!?;:,.)\\]\uff01\uff1f\uff1b\uff1a\uff0c\uff0e\uff09\uff3d]"
# The places where the normal form differs in length from the original ("events"), matched at
# their start: a dash run or an ellipsis with the spaces around it; a closing guillemet with the
# spaces before it; spaces before `!?;:`; a run of two or more spaces or invisible characters; a
# lone invisible character; an opening guillemet (not after a word character) with the spaces
# after it. A lone dash or a plain `...` is matched too, and is no event.
_EVENT_AT_PATTERN = (
    f"(?P<mark>{_S}*(?:{_D}(?:{_S}*{_D})*|{_ELLIPSIS}){_S}*)"
    f"|(?P<closing>{_S}+{_CLOSING}(?!\\w))"
    f"|(?P<gone>{_S}+(?={_PUNCT}))"
    f"|(?P<run>{_S}{{2,}})"
    f"|(?P<invisible>{_I})"
    f"|(?P<opening>(?<!\\w){_OPENING}{_S}+)"
)
# Where events can be, found fast: a character of an event other than a plain space (a plain
# space is every other character of a text; the regex engine skips in C to the next character of
# the leading set), in a context that makes an event. Two plain spaces are looked for apart.
_TRIGGER_PATTERN = (
    "[" + re.escape(WHITESPACE.replace(" ", "") + _INVISIBLE + "-" + _DASHES + "\u2026.\uff0e\u00ab\u2039\u00bb\u203a!?;:,)]\uff01\uff1f\uff1b\uff1a\uff0c\uff09\uff3d") + "](?:"
    f"(?<={_D})(?:(?<={_S}{_D})|(?={_D}|{_S}))"
    "|(?<=\u2026)"
    rf"|(?<=[.\uff0e])(?:(?<={_S}[.\uff0e])[.\uff0e]{{2}}|[.\uff0e]{{2}}(?={_S}))"
    f"|(?<={_CLOSING})(?<={_S}{_CLOSING})"
    f"|(?<={_OPENING})(?={_S})"
    f"|(?<={_PUNCT})(?<={_S}{_PUNCT})"
    f"|(?<={_I})"
    rf"|(?<={_NS})(?:(?<={_S}{_NS})|(?={_S}|{_D}|{_ELLIPSIS}|{_CLOSING}|{_PUNCT}))"
    ")"
)
_SPACE_SET = frozenset(WHITESPACE + _INVISIBLE)
# [_EVENT_AT, _TRIGGER], compiled on first use (~10 ms with the regex compiler, ~50 M instructions:
# most starts need neither; a first load's sources do, from the shipped code)
_EVENT_AT = LazyPattern(_EVENT_AT_PATTERN)
_TRIGGER = LazyPattern(_TRIGGER_PATTERN)
_EVENT_REGEXES = [_EVENT_AT, _TRIGGER]


def _event_regexes() -> list:
    return _EVENT_REGEXES

# An ASCII text is its own normal form unless it holds one of these.
ASCII_CHANGES = LazyPattern(r"[\t\n\x0b\x0c\r\x1c-\x1f`]|  | -|- |--|\.\.\.| [!?;:,.)\]]")
_WHITESPACE_SET = frozenset(WHITESPACE)
_SPACES = WHITESPACE + _INVISIBLE


def _event_text(m: re.Match) -> tuple[str, int, int]:
    """What an event becomes, and the part of it (start, end within it) that the normalised
    characters stand for: a dash stands for the dash, not the spaces around it."""
    s = m.group()
    kind = m.lastgroup
    if kind == "run":
        return (" " if any(c in _WHITESPACE_SET for c in s) else ""), 0, len(s)
    if kind == "gone" or kind == "invisible":  # spaces before `!?;:`, an invisible character
        return "", 0, len(s)
    core = s.strip(_SPACES)
    lead = len(s) - len(s.lstrip(_SPACES))
    first = core[0]
    if first in _GUILLEMETS:  # an opening one with the spaces after it, or a closing one
        return _GUILLEMETS[first], lead, lead + 1
    if first == "\u2026" or first == "." or first == "\uff0e":
        return "...", lead, lead + len(core)
    return "-", lead, lead + len(core)  # dashes


_ASCII_ELLIPSIS = LazyPattern(r" ?\.\.\. ?")
_ASCII_GONE = LazyPattern(r" (?=[!?;:,.)\]])")


def _normalize_plain(text: str) -> str:
    """The normal form of a text with no guillemet or invisible character, whose other special
    characters are already mapped one for one, without a map (what `normalize_mapped` gives; a
    test checks they agree)."""
    if "  " in text or not text.isprintable():
        text = _ascii_runs(text)
    if "-" in text:
        # a run of dashes and spaces holding a dash is one dash (spaces are single by now)
        if " -" in text:
            text = text.replace(" -", "-")
        if "- " in text:
            text = text.replace("- ", "-")
        while "--" in text:
            text = text.replace("--", "-")
    if "..." in text:
        text = _ASCII_ELLIPSIS.sub("...", text)
    if _ASCII_GONE.search(text) is not None:
        text = _ASCII_GONE.sub("", text)
    if "`" in text:
        text = text.replace("`", "'")
    return text


def _ascii_runs(text: str) -> str:
    """Every run of whitespace one space, keeping one at either end if there is one."""
    inner = " ".join(text.split())
    if not inner:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + inner + (" " if text[-1].isspace() else "")


def _replace_one(match: re.Match) -> str:
    return _CHAR_MAP[match.group()]


_NOT_PLAIN = LazyPattern("[" + re.escape(_INVISIBLE) + "\u00ab\u00bb\u2039\u203a]")


def normalize_text(text: str) -> str:
    """The normalised form of `text`, without the offset map."""
    if text.isascii():
        return _normalize_plain(text)
    if _NOT_PLAIN.search(text) is None and unicodedata.is_normalized("NFC", text):
        return _normalize_plain(_ONE_FOR_ONE_RE.sub(_replace_one, text).replace("\u2026", "..."))
    return normalize_mapped(text)[0]


def normalize_quote(text: str) -> str:
    """A quote as it is matched: normalised, with no space at either end."""
    return normalize_text(text).strip(" ")


class OffsetMap:
    """Where each character of a normalised text came from in the original, stored sparsely.

    Normalising keeps most characters where they are, shifted by what was removed or added
    before them; only the spans whose length changed are recorded (a few per paragraph). Index it
    like a list: `offsets[i]` is the original index of normalised character `i`, and
    `offsets[len(normalised)]` is the original length. `span()` maps a normalised span to the
    original span it stands for.
    """

    __slots__ = ("_nstarts", "_nends", "_ostarts", "_oends", "_shifts", "_length")

    def __init__(self, nstarts, nends, ostarts, oends, shifts, length: int):
        self._nstarts = nstarts  # where each replacement starts in the normalised text
        self._nends = nends  # and ends
        self._ostarts = ostarts  # where what it stands for starts in the original
        self._oends = oends  # and ends
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
            return self._ostarts[k]  # inside a replacement: where what it stands for starts
        return i + self._shifts[k]

    def _end(self, i: int) -> int:
        """Where what normalised character `i` stands for ends in the original."""
        k = bisect_right(self._nstarts, i) - 1
        if k < 0:
            return i + 1
        if i < self._nends[k]:
            return self._oends[k]
        return i + self._shifts[k] + 1

    def __iter__(self):
        return (self._at(i) for i in range(self._length))

    def span(self, nstart: int, nend: int) -> tuple[int, int]:
        """The original span of normalised `[nstart, nend)`: from where its first character's
        original starts to where its last one's ends (a `"` made of ` »` ends after the `»`).
        (`_at(nstart)` and `_end(nend - 1)`, inlined: every anchor is placed through here; the
        last character's replacement is the first one's or none after it, when no replacement
        starts between them.)"""
        nstarts = self._nstarts
        k = bisect_right(nstarts, nstart) - 1
        if k < 0:
            start = nstart
        elif nstart < self._nends[k]:
            start = self._ostarts[k]
        else:
            start = nstart + self._shifts[k]
        if nend <= nstart:
            return start, start
        last = nend - 1
        if k + 1 < len(nstarts) and nstarts[k + 1] <= last:
            k = bisect_right(nstarts, last, k + 1) - 1
        if k < 0:
            return start, nend
        if last < self._nends[k]:
            return start, self._oends[k]
        return start, nend + self._shifts[k]


def _triggers(text: str):
    """Positions where an event may be, in order (see `_TRIGGER_PATTERN`)."""
    found = (m.start() for m in _event_regexes()[1].finditer(text))
    i = text.find("  ")
    if i < 0:
        return found
    return merge(found, _doubles(text, i))  # (one at a time: a list was 36 bytes a place)


def _doubles(text: str, i: int):
    while i >= 0:
        yield i
        i = text.find("  ", i + 2)


_DOTS = ".\uff0e"


def _events(text: str) -> Iterator[tuple[int, int, str, int, int]]:
    """(start, end, replacement, core start, core end) of every place where the normal form's
    length differs from the original's, in order; one at a time (a long source's were a list of
    a tuple and a string each, ~250 bytes an event, beside the map kept from them)."""
    done = 0  # the end of the last event: nothing before it starts another
    spaces = _SPACE_SET
    match = _event_regexes()[0].match
    for i in _triggers(text):
        if i < done:
            continue
        if text[i] in _DOTS:  # a run of dots is read in threes from its start: "...." is "..." and "."
            run = i
            while run > done and text[run - 1] in _DOTS:
                run -= 1
            if (i - run) % 3:
                i = run + (i - run + 2) // 3 * 3
                if text[i:i + 3].strip(_DOTS) or len(text[i:i + 3]) < 3:
                    continue  # (the dots left over after the last three)
        start = i
        while start > done and text[start - 1] in spaces:
            start -= 1
        m = match(text, start)
        if m is None and start < i:  # the spaces before it are not part of this event
            m = match(text, i)
            start = i
        if m is None:
            continue
        repl, a, b = _event_text(m)
        if repl == m.group():  # a lone hyphen, a plain "...": no change of length
            continue
        yield start, m.end(), repl, start + a, start + b
        done = m.end()


_PIECE = 65536  # characters of the original joined and mapped at a time (normalize_mapped)


def normalize_mapped(text: str) -> tuple[str, OffsetMap]:
    """Normalise `text`, keeping a sparse map from normalised positions to original ones."""
    if not unicodedata.is_normalized("NFC", text):
        return _normalize_decomposed(text)
    # (Arrays of machine integers, 8 bytes an event: as lists, 40 a number with its int object; a
    # source that is an ellipsis every other character has an event every two characters.)
    nstarts, nends, ostarts, oends, shifts = array("q"), array("q"), array("q"), array("q"), array("q")
    parts: list[str] = []
    # The normalised text made a piece at a time (the parts of ~64K characters joined and their
    # characters mapped, then the pieces joined): a 10 MB source's parts, their join and its
    # mapping were three copies of it at once, beside the text.
    done: list[str] = []
    held = 0  # characters in `parts`
    one_for_one, replace_one = _ONE_FOR_ONE_RE.sub, _replace_one
    pos = 0  # in the original
    npos = 0  # in the normalised text
    for start, end, repl, core_start, core_end in _events(text):
        npos += start - pos
        parts.append(text[pos:start])
        parts.append(repl)
        held += start - pos
        if held > _PIECE:
            done.append(one_for_one(replace_one, "".join(parts)))
            parts.clear()
            held = 0
        nstarts.append(npos)
        ostarts.append(core_start)
        oends.append(core_end)
        npos += len(repl)
        nends.append(npos)
        shifts.append(end - npos)
        pos = end
    parts.append(text[pos:])
    npos += len(text) - pos
    done.append(one_for_one(replace_one, "".join(parts)))
    del parts
    joined = done[0] if len(done) == 1 else "".join(done)
    return joined, OffsetMap(nstarts, nends, ostarts, oends, shifts, npos + 1)


# Characters that NFC may join to the character before them although their combining class is 0
# (Hangul vowels and final consonants, some Indic and other vowel signs); with every character of
# nonzero combining class they are what can follow a base in one composed character. A test checks
# this list against all of Unicode.
_COMPOSES_AFTER = frozenset(
    "\u09be\u09d7\u0b3e\u0b56\u0b57\u0bbe\u0bd7\u0cc2\u0cd5\u0cd6\u0d3e\u0d57\u0dcf\u0ddf\u102e\u1b35"
    + "".join(map(chr, range(0x1161, 0x1176))) + "".join(map(chr, range(0x11A8, 0x11C3)))
    + "\U000110ba\U00011127\U0001133e\U00011357\U000114b0\U000114ba\U000114bd\U000115af\U00011930"
)


def _normalize_decomposed(text: str) -> tuple[str, OffsetMap]:
    """`normalize_mapped` for a text that is not in NFC (rare): compose it, then normalise the
    composed text, and map through both steps."""
    composed: list[str] = []
    starts: list[int] = []  # for each composed character: where it starts in `text`
    ends: list[int] = []  # and ends
    i, n = 0, len(text)
    combining = unicodedata.combining
    while i < n:
        j = i + 1
        while j < n and (combining(text[j]) or text[j] in _COMPOSES_AFTER):
            j += 1
        cluster = text[i:j]
        out = unicodedata.normalize("NFC", cluster) if j > i + 1 or not unicodedata.is_normalized("NFC", cluster) else cluster
        if len(out) == len(cluster) and (j == i + 1 or text[i].isspace() or combining(text[i])):
            composed.append(out)
            starts.extend(range(i, j))
            ends.extend(range(i + 1, j + 1))
        else:  # (marks that stay apart on a base, as on "!̀", map with it: no span splits them)
            composed.append(out)
            starts.extend([i] * len(out))
            ends.extend([j] * len(out))
        i = j
    nfc = "".join(composed)
    norm, inner = normalize_mapped(nfc)
    # compose the two maps, densely (this text is rare), then store it sparsely again
    nstarts: list[int] = []
    nends: list[int] = []
    ostarts: list[int] = []
    oends: list[int] = []
    shifts: list[int] = []
    starts.append(len(text))
    ends.append(len(text))
    shift = 0
    for k in range(len(norm) + 1):
        a = inner._at(k)
        o_start = starts[a]
        o_end = ends[inner._end(k) - 1] if k < len(norm) else len(text)
        if o_start != k + shift or (k < len(norm) and o_end != o_start + 1):
            nstarts.append(k)
            ostarts.append(o_start)
            if k < len(norm) and o_end != o_start + 1:
                nends.append(k + 1)
                oends.append(o_end)
                shift = o_end - (k + 1)
            else:
                nends.append(k)
                oends.append(o_start)
                shift = o_start - k
            shifts.append(shift)
    return norm, OffsetMap(nstarts, nends, ostarts, oends, shifts, len(norm) + 1)


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


# Letters that Unicode gives no decomposition although a reader takes them for a Latin letter with a
# mark (a stroke, a missing dot): what a keyboard without them types instead. Turkish and Azeri ı
# (whose dotted capital İ does decompose, to I and a dot), Polish Ł, Vietnamese and South Slavic Đ,
# Danish and Norwegian Ø, Maltese Ħ. One letter for one, so positions carry over. Letters of their
# own (ß, æ, œ, ð, þ) are not folded.
BASE_LETTERS = {"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ħ": "h", "Ħ": "H"}
_BASE_TABLE = str.maketrans(BASE_LETTERS)


# A thousands separator between digits (9,000; 27.662; 1'000, the apostrophe of Swiss usage): a
# comma, full stop or apostrophe after a digit and before exactly three more. Search drops it on
# both sides, so '9000' finds "9,000" and '9,000' finds "9000" (a decimal, 3.5 or 3,14159, keeps
# its mark). Only search: a quote keeps every character (did you mean says "you typed '7842', the
# source has '7,842'").
DIGIT_GROUP = LazyPattern(r"[,.'](?<=\d[,.'])(?=\d{3}(?!\d))")  # (the mark first: the engine scans for it in C)


def join_digit_groups(text: str) -> str:
    """`text` without the thousands separators of its numbers (see DIGIT_GROUP)."""
    if not ("," in text or "." in text or "'" in text):
        return text
    if len(text) < _LONG_GROUPED or not text.isascii():
        return DIGIT_GROUP.sub("", text)
    # A long ASCII text (what a search folds as one string): its bytes with every digit made "0"
    # and the full stop ",", where a separator is in "0,000" or "0'000" not followed by a digit,
    # found by `bytes.find` (the regular expression stops at every comma and full stop of prose:
    # twice the time for the 10 MB of a 100,000-card workspace's quotes). Only ASCII: DIGIT_GROUP's
    # \d also takes the digits of other scripts.
    marked = text.encode("ascii").translate(_GROUP_MARKS)
    find = marked.find
    cut = []
    for group in (b"0,000", b"0'000"):
        at = find(group)
        while at >= 0:
            if marked[at + 5 : at + 6] != b"0":
                cut.append(at + 1)
            at = find(group, at + 4)  # (the next can start at the group's last digit, no sooner)
    if not cut:
        return text
    cut.sort()
    pieces, start = [], 0
    for at in cut:
        pieces.append(text[start:at])
        start = at + 1
    pieces.append(text[start:])
    return "".join(pieces)


_LONG_GROUPED = 4096  # (`join_digit_groups`: a shorter text is left to the regular expression)
_GROUP_MARKS = bytes.maketrans(b"123456789.", b"000000000,")


def fold(text: str) -> str:
    """Normalise typography and strip accents, and join digit groups: the form search compares
    (case kept)."""
    text = normalize_text(text)
    if text.isascii():
        return join_digit_groups(text)
    decomposed = unicodedata.normalize("NFKD", text)
    return join_digit_groups("".join(c for c in decomposed if not unicodedata.combining(c)).translate(_BASE_TABLE))


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Like `fold`, keeping for each folded character the index of its original character."""
    out: list[str] = []
    offsets: list[int] = []
    norm, norm_offsets = normalize(text)
    if norm.isascii():
        out, offsets = norm, list(norm_offsets[:-1])
    else:
        for i, ch in enumerate(norm):
            if ch.isascii():
                out.append(ch)
                offsets.append(norm_offsets[i])
                continue
            for d in unicodedata.normalize("NFKD", ch):
                if not unicodedata.combining(d):
                    out.append(BASE_LETTERS.get(d, d))
                    offsets.append(norm_offsets[i])
        out = "".join(out)
    joined = join_digit_groups(out)
    if len(joined) != len(out):  # (the separators dropped, and where they were)
        gone = {m.start() for m in DIGIT_GROUP.finditer(out)}
        offsets = [o for k, o in enumerate(offsets) if k not in gone]
    return joined, offsets


_KEY_CHARS: dict[str, str] = {  # a character -> its key character (a cache, seeded with:)
    # the letters an Arabic keyboard types where Persian, Urdu and Kurdish text has their own
    # (ي ى for ی, ك for ک: they look alike, most of all inside a word), and the Arabic-Indic and
    # Persian digits, so "did you mean" finds the passage and names what differs; and Urdu's heh goal
    # and do-chashmi heh (ہ ھ) and its ۃ, which an Arabic or a Persian keyboard types as ه and ة
    "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9",
    "\u06c1": "\u0647", "\u06be": "\u0647", "\u06c3": "\u0629",
    **{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)},
}


def _key_char(c: str) -> str:
    k = _KEY_CHARS.get(c)
    if k is None and c.isdecimal():  # any script's digit is its ASCII digit (Devanagari २०२४ is 2024)
        k = _KEY_CHARS[c] = str(unicodedata.decimal(c))
    if k is None:
        base = "".join(BASE_LETTERS.get(d, d) for d in unicodedata.normalize("NFD", c) if not unicodedata.combining(d))
        low = base.lower() if len(base) == 1 else c.lower()
        k = low if len(low) == 1 else c
        if k != c:  # the key of what it folds to: ئ is ي with a hamza, and ي keys as ی
            k = _key_char(k)
        else:  # a Cyrillic, Greek or Armenian letter that looks like a Latin one keys as it
            k = LOOKALIKES.get(ord(c), c)  # ("ВВС" typed "BBC": they look the same, and differ)
        _KEY_CHARS[c] = k
    return k


def key_text(text: str) -> str:
    """`text` lower-cased and without accents, one character for one, so positions carry over:
    what "did you mean" compares by, to find a passage that differs only in case or accents.
    (A character whose lower case or base letter is not one character is kept as it is.)"""
    low = text.lower()
    if low.isascii() and len(low) == len(text):
        return low
    if len(low) != len(text):  # a rare letter whose lower case is two characters (U+0130)
        return "".join(map(_key_char, text))
    odd = {c for c in set(low) if not c.isascii() and _key_char(c) != c}
    if not odd:
        return low
    table = {ord(c): _key_char(c) for c in odd}
    pattern = re.compile("[" + re.escape("".join(sorted(odd))) + "]")
    return pattern.sub(lambda m: table[ord(m.group())], low)


# --- whole words ---------------------------------------------------------------------------------

# Scripts written without spaces between words (Han, Hiragana, Katakana, Bopomofo, Yi, Thai, Lao,
# Tibetan, Myanmar, Khmer, Javanese...): a quote may start or end anywhere in a run of them.
UNSPACED_CHARS = (
    "\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\u1a20-\u1aaf"
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3031-\u303c\u3040-\u30ff\u3100-\u312f"
    "\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua980-\ua9ff\uaa60-\uaadf"
    "\uf900-\ufaff\uff66-\uff9f\U00016fe0-\U00016fff\U0001b000-\U0001b2ff\U00020000-\U0003ffff"
)
_UNSPACED = LazyPattern("[" + UNSPACED_CHARS + "]")


def mark_class() -> str:
    """A character class of every combining mark (categories Mn, Mc, Me): the vowel signs,
    viramas and nuktas of Indic scripts, Arabic and Hebrew vowel points, Thai vowels and tones,
    combining accents. Python's `\\w` does not hold them, so a regular expression that takes
    `[^\\W_]+` for a word cuts "प्रधानमंत्री" into six pieces; `(?:[^\\W_]|MARKS)+` keeps it whole.
    Made from `unicodedata` at its first use (~25 ms), so it is the running Python's Unicode."""
    if not _MARK_CLASS:
        marks = [c for c in range(0x300, 0x20000) if unicodedata.category(chr(c))[0] == "M"]
        marks += [c for c in range(0xE0100, 0xE01F0)]  # variation selectors (no mark beyond them)
        ranges: list[list[int]] = []
        for c in marks:
            if ranges and ranges[-1][1] == c - 1:
                ranges[-1][1] = c
            else:
                ranges.append([c, c])
        _MARK_CLASS.append("[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                                         for a, b in ranges) + "]")
    return _MARK_CLASS[0]


_MARK_CLASS: list[str] = []


def is_word_char(c: str) -> bool:
    """Letters and digits of any script, and the marks that belong to them (a word's inside)."""
    if c.isalnum():
        return True
    return not c.isascii() and unicodedata.category(c)[0] == "M"


# Thai and Lao, written without spaces, have no word edge a rule can find without a dictionary,
# but their spelling says where a syllable (so a word) cannot end: a leading vowel (เ แ โ ใ ไ, Lao
# ເ ແ ໂ ໃ ໄ) is written before the consonant it is spoken after, so it always has its syllable's
# consonant after it; a following vowel (ะ า ำ ๅ, Lao ະ າ ຳ) and the repetition and abbreviation
# marks (ๆ ฯ, ໆ ຯ) always have the syllable or word they belong to before them. An edge after the
# first kind or before the second cuts a syllable: "หายตัวไปเ" ends inside เมื่อ, "ขาเป็น" starts
# inside เขา, "แซ่ด่" ends inside ด่าน. (Vowel signs and tone marks above and below are marks:
# an edge before one cuts a character, as in any script.) Japanese likewise: a prolonged sound
# mark, a small kana or an iteration mark never starts a word ("人" of "人々" cuts it), as no line
# starts with one (explorer/app/cells.py).
_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")
_SYLLABIC = LazyPattern("[\u0e01-\u0e4e\u0e81-\u0ece]")  # Thai and Lao letters, vowels and marks
_FOLLOWING_VOWELS = frozenset("\u0e30\u0e32\u0e33\u0e45\u0e46\u0e2f\u0eb0\u0eb2\u0eb3\u0ec6\u0eaf"
                              # Japanese: the prolonged sound mark, the small kana and the iteration
                              # marks belong to the kana or kanji before them (コンピューター, 人々)
                              "ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々ゝゞヽヾ"
                              "\u31f0\u31f1\u31f2\u31f3\u31f4\u31f5\u31f6\u31f7\u31f8\u31f9\u31fa\u31fb\u31fc\u31fd\u31fe\u31ff")


def cuts_word(before: str, after: str) -> bool:
    """Would a quote's edge between the characters `before` and `after` cut a word in two?

    Only between two word characters; in a script written without spaces, only where its spelling
    says a syllable goes on (Thai and Lao vowels written before or after their consonant)."""
    if not (is_word_char(before) and is_word_char(after)):
        return False
    if _UNSPACED.match(before) is None and _UNSPACED.match(after) is None:
        return True
    return before in _LEADING_VOWELS or after in _FOLLOWING_VOWELS


def is_whole(hay: str, start: int, end: int) -> bool:
    """Does `hay[start:end]` begin and end at word boundaries of `hay`?"""
    return ((start == 0 or end == start or not cuts_word(hay[start - 1], hay[start]))
            and (end >= len(hay) or end == start or not cuts_word(hay[end - 1], hay[end])))


def whole_word_span(hay: str, start: int, end: int) -> tuple[int, int]:
    """`[start, end)` widened to the whole words its edges cut. In Thai and Lao, where an edge
    cuts a syllable (see `cuts_word`), to where one surely starts: a leading vowel, or the end of
    the run of the script (a space, a mark of punctuation): "ขาเป็น" widens to "เขาเป็น",
    "หายตัวไปเ" to "หายตัวไปเมื่อ"."""
    first, last = start, end
    while start > 0 and (cuts_word(hay[start - 1], hay[start]) or _is_mark(hay[start])):
        start -= 1  # (a mark goes with the letter before it: whole characters too)
    while end < len(hay) and end > 0 and (cuts_word(hay[end - 1], hay[end]) or _is_mark(hay[end])):
        end += 1
    if start != first and _SYLLABIC.match(hay[start]):
        start = syllable_start(hay, start)
    if end != last and _SYLLABIC.match(hay[end - 1]):
        end = syllable_end(hay, end)
    return start, end


def _is_mark(c: str) -> bool:
    return c >= "\u0300" and unicodedata.category(c)[0] == "M"


def syllable_start(hay: str, i: int) -> int:
    """Where a Thai or Lao syllable holding `hay[i]` surely starts, without a dictionary: back to
    its leading vowel, or to the start of the run of the script (see `cuts_word`)."""
    while i > 0 and hay[i] not in _LEADING_VOWELS and _SYLLABIC.match(hay[i - 1]):
        i -= 1
    return i


def syllable_end(hay: str, i: int) -> int:
    """Where a Thai or Lao syllable going on at `hay[i]` surely has ended: before the next leading
    vowel, or at the end of the run of the script."""
    while i < len(hay) and hay[i] not in _LEADING_VOWELS and _SYLLABIC.match(hay[i]):
        i += 1
    return i


def syllabic(c: str) -> bool:
    """Is `c` a Thai or Lao letter, vowel or mark?"""
    return _SYLLABIC.match(c) is not None


_SCAN_CHANGES: dict[str, str] = {}  # a character -> what `fold_for_scan` makes of it (cache)
_ASCII_BYTES = bytes(range(128))


def _scan_char(c: str) -> str:
    got = _SCAN_CHANGES.get(c)
    if got is None:
        mapped = "" if c in _INVISIBLE else _CHAR_MAP.get(c, c)
        got = "".join([BASE_LETTERS.get(d, d) for d in unicodedata.normalize("NFKD", mapped)
                       if not unicodedata.combining(d)])
        _SCAN_CHANGES[c] = got
    return got


def fold_for_scan(text: str) -> str:
    """`text` lower-cased, with what `fold` does to each character done, in a few passes however
    long `text` is: typography mapped one for one, invisible characters gone, compatibility
    decomposition, accents stripped. What `fold` does to runs of spaces, dashes and the like is
    not done. So a run of letters and digits that `fold` of a piece of `text` holds, lower-cased,
    is in the same piece of this (the same characters, in the same order, with nothing between),
    and where a letter or digit starts a word there, one starts here. What narrows a search to
    the records that may match relies on it (`search.narrow`; tests/test_narrow.py). A control
    character (which a searched line holds as a space) stays as it is; so does `\x00`."""
    if text.isascii():
        return join_digit_groups(text).lower()
    changes = {}
    # (the characters past ASCII: the text's UTF-8 with every ASCII byte deleted, decoded)
    for c in set(text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")):
        got = _scan_char(c)
        if got != c:
            changes[c] = got
    if len(changes) > 64 or any(d in changes for got in changes.values() for d in got):
        # (one pass that looks each character up: past a few changes, and where what one makes,
        # such as the apostrophe of U+0149, is changed too, which a second pass would redo)
        text = text.translate({ord(c): got for c, got in changes.items()})
    else:
        for c, got in changes.items():
            text = text.replace(c, got)
    return join_digit_groups(text).lower()


# --- grapheme clusters (what a reader sees as one character) --------------------------------------

# A quote may not start or end inside a grapheme cluster (UAX #29, as far as the practical cases go):
# before a combining mark (Mn, Mc, Me: an accent written apart, a vowel sign, a variation selector
# FE00-FE0F or E0100-E01EF, the keycap U+20E3), an emoji modifier (skin tones, U+1F3FB-U+1F3FF), a
# tag character (U+E0020-U+E007F, of a subdivision flag) or a zero-width joiner; after a zero-width
# joiner (what it joins: 👨‍👩‍👧); between the two regional indicators of a flag (paired from the
# start of their run: 🇫🇷🇺🇸 is 🇫🇷 and 🇺🇸, never 🇷🇺); between CR and LF. (The zero-width
# non-joiner, which UAX #29 also counts as extending, is left out: it is invisible and normalising
# drops it, so no quote could end before one; between letters it is inside a word anyway.)
_ZWJ = "\u200d"


def extends_cluster(c: str) -> bool:
    """Does `c` belong to the character before it (no cluster boundary before `c`)?"""
    o = ord(c)
    if o < 0x300:
        return False
    if o == 0x200D or 0x1F3FB <= o <= 0x1F3FF or 0xE0020 <= o <= 0xE007F:
        return True
    return unicodedata.category(c)[0] == "M"


def is_regional_indicator(c: str) -> bool:
    return "\U0001f1e6" <= c <= "\U0001f1ff"


def cuts_cluster(text: str, i: int) -> bool:
    """Is offset `i` of `text` inside a grapheme cluster (a quote's edge there would cut what a
    reader sees as one character in two)? The ends of `text` are boundaries."""
    if i <= 0 or i >= len(text):
        return False
    before, after = text[i - 1], text[i]
    if extends_cluster(after) or before == _ZWJ:
        return True
    if before == "\r":
        return after == "\n"
    if is_regional_indicator(after) and is_regional_indicator(before):
        run = 1  # the regional indicators before `i`, back to the start of their run
        j = i - 2
        while j >= 0 and is_regional_indicator(text[j]):
            run += 1
            j -= 1
        return run % 2 == 1
    return False


MAX_CLUSTER = 64  # a cluster is shown at most this many code points on either side of a cut


def cluster_span(text: str, i: int) -> tuple[int, int]:
    """The grapheme cluster that offset `i` cuts, as (start, end) in `text` (at most MAX_CLUSTER
    code points either side of `i`)."""
    start = end = i
    while start > i - MAX_CLUSTER and cuts_cluster(text, start):
        start -= 1
    end = i + 1 if i < len(text) else i
    while end < i + MAX_CLUSTER and cuts_cluster(text, end):
        end += 1
    return start, end


def code_points(text: str, limit: int = 12) -> str:
    """'U+1F44F U+1F3FD': the code points of `text` (a cluster), the first `limit` of them."""
    shown = " ".join(f"U+{ord(c):04X}" for c in text[:limit])
    return shown + (" …" if len(text) > limit else "")
