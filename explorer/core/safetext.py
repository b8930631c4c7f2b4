"""Make untrusted text safe to show: nothing in it may reach the terminal as a control code.

`visible()` is the one function every piece of workspace text passes through on its way to a
screen (the app's `render.text()` and the command line's terminal output both call it). It
replaces with a visible marker every character that a terminal would act on or that a reader
could not see:

- C0 and C1 controls (so ESC, which starts every ANSI and OSC escape sequence, BEL, and the 8-bit
  CSI U+009B) and DEL: C0 as the "control pictures" (`␛`, `␇`, `␀`), the others as `⟨U+009B⟩`;
- every format character (Unicode category Cf: bidi overrides and isolates, zero-width
  characters, soft hyphen, invisible operators U+2061-2064, U+180E, U+206A-206F, interlinear
  annotation, tag characters U+E0000-E007F, ...), except a ZWNJ or ZWJ between two letters of a
  joining or Indic script, where it is spelling (see `_JOINING`), and a soft hyphen between two
  letters or digits, a hyphenation hint, which is not shown at all (`soft_hyphen_hidden`);
- the line and paragraph separators U+2028/U+2029 (categories Zl, Zp);
- private-use characters (Co) and lone surrogates (Cs). A lone surrogate U+DC80-U+DCFF is how
  Python carries a byte of a file name that is not UTF-8 (PEP 383); it shows as `⟨0xFF⟩`;
- a run of more than `MAX_MARKS` combining marks on one character ("Zalgo" text) is cut to its
  first `MAX_MARKS` and a count (`⟨+19992 marks⟩`): it draws nothing readable, and measuring its
  width is quadratic in the terminal libraries.

Tabs become spaces; newlines are kept only where the caller allows. Markup syntax (`[bold]`) is
not touched: text reaches Textual only as `Content`, which never parses it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right

from explorer.core.regexes import compiled

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

# Combining marks (categories Mn, Me, Unicode 14), hex ranges: a run of more than MAX_MARKS of them
# on one character ("Zalgo" text) is cut short with a visible count. Real scripts stack at most a
# few (Vietnamese two, Devanagari and Tibetan four or five); thousands of them draw nothing
# readable, and every width computation over such a run in Rich/Textual is quadratic (a name
# with 20,000 marks froze the app for 90 s on one search). Checked against `unicodedata` by
# tests/test_safetext.py, like the table above.
_MARK_RANGES = """
300-36F 483-489 591-5BD 5BF 5C1-5C2 5C4-5C5 5C7 610-61A 64B-65F 670 6D6-6DC 6DF-6E4 6E7-6E8
6EA-6ED 711 730-74A 7A6-7B0 7EB-7F3 7FD 816-819 81B-823 825-827 829-82D 859-85B 898-89F
8CA-8E1 8E3-902 93A 93C 941-948 94D 951-957 962-963 981 9BC 9C1-9C4 9CD 9E2-9E3 9FE A01-A02
A3C A41-A42 A47-A48 A4B-A4D A51 A70-A71 A75 A81-A82 ABC AC1-AC5 AC7-AC8 ACD AE2-AE3 AFA-AFF
B01 B3C B3F B41-B44 B4D B55-B56 B62-B63 B82 BC0 BCD C00 C04 C3C C3E-C40 C46-C48 C4A-C4D
C55-C56 C62-C63 C81 CBC CBF CC6 CCC-CCD CE2-CE3 D00-D01 D3B-D3C D41-D44 D4D D62-D63 D81 DCA
DD2-DD4 DD6 E31 E34-E3A E47-E4E EB1 EB4-EBC EC8-ECD F18-F19 F35 F37 F39 F71-F7E F80-F84
F86-F87 F8D-F97 F99-FBC FC6 102D-1030 1032-1037 1039-103A 103D-103E 1058-1059 105E-1060
1071-1074 1082 1085-1086 108D 109D 135D-135F 1712-1714 1732-1733 1752-1753 1772-1773
17B4-17B5 17B7-17BD 17C6 17C9-17D3 17DD 180B-180D 180F 1885-1886 18A9 1920-1922 1927-1928
1932 1939-193B 1A17-1A18 1A1B 1A56 1A58-1A5E 1A60 1A62 1A65-1A6C 1A73-1A7C 1A7F 1AB0-1ACE
1B00-1B03 1B34 1B36-1B3A 1B3C 1B42 1B6B-1B73 1B80-1B81 1BA2-1BA5 1BA8-1BA9 1BAB-1BAD 1BE6
1BE8-1BE9 1BED 1BEF-1BF1 1C2C-1C33 1C36-1C37 1CD0-1CD2 1CD4-1CE0 1CE2-1CE8 1CED 1CF4
1CF8-1CF9 1DC0-1DFF 20D0-20F0 2CEF-2CF1 2D7F 2DE0-2DFF 302A-302D 3099-309A A66F-A672
A674-A67D A69E-A69F A6F0-A6F1 A802 A806 A80B A825-A826 A82C A8C4-A8C5 A8E0-A8F1 A8FF
A926-A92D A947-A951 A980-A982 A9B3 A9B6-A9B9 A9BC-A9BD A9E5 AA29-AA2E AA31-AA32 AA35-AA36
AA43 AA4C AA7C AAB0 AAB2-AAB4 AAB7-AAB8 AABE-AABF AAC1 AAEC-AAED AAF6 ABE5 ABE8 ABED FB1E
FE00-FE0F FE20-FE2F 101FD 102E0 10376-1037A 10A01-10A03 10A05-10A06 10A0C-10A0F 10A38-10A3A
10A3F 10AE5-10AE6 10D24-10D27 10EAB-10EAC 10F46-10F50 10F82-10F85 11001 11038-11046 11070
11073-11074 1107F-11081 110B3-110B6 110B9-110BA 110C2 11100-11102 11127-1112B 1112D-11134
11173 11180-11181 111B6-111BE 111C9-111CC 111CF 1122F-11231 11234 11236-11237 1123E 112DF
112E3-112EA 11300-11301 1133B-1133C 11340 11366-1136C 11370-11374 11438-1143F 11442-11444
11446 1145E 114B3-114B8 114BA 114BF-114C0 114C2-114C3 115B2-115B5 115BC-115BD 115BF-115C0
115DC-115DD 11633-1163A 1163D 1163F-11640 116AB 116AD 116B0-116B5 116B7 1171D-1171F
11722-11725 11727-1172B 1182F-11837 11839-1183A 1193B-1193C 1193E 11943 119D4-119D7
119DA-119DB 119E0 11A01-11A0A 11A33-11A38 11A3B-11A3E 11A47 11A51-11A56 11A59-11A5B
11A8A-11A96 11A98-11A99 11C30-11C36 11C38-11C3D 11C3F 11C92-11CA7 11CAA-11CB0 11CB2-11CB3
11CB5-11CB6 11D31-11D36 11D3A 11D3C-11D3D 11D3F-11D45 11D47 11D90-11D91 11D95 11D97
11EF3-11EF4 16AF0-16AF4 16B30-16B36 16F4F 16F8F-16F92 16FE4 1BC9D-1BC9E 1CF00-1CF2D
1CF30-1CF46 1D167-1D169 1D17B-1D182 1D185-1D18B 1D1AA-1D1AD 1D242-1D244 1DA00-1DA36
1DA3B-1DA6C 1DA75 1DA84 1DA9B-1DA9F 1DAA1-1DAAF 1E000-1E006 1E008-1E018 1E01B-1E021
1E023-1E024 1E026-1E02A 1E130-1E136 1E2AE 1E2EC-1E2EF 1E8D0-1E8D6 1E944-1E94A E0100-E01EF
"""
MARK_CATEGORIES = frozenset({"Mn", "Me"})
MAX_MARKS = 8


def _class(ranges, keep: str = "") -> str:
    parts = []
    for lo, hi in ranges:
        if lo == hi:
            parts.append(re.escape(chr(lo)))
        else:
            parts.append(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
    return "[" + "".join(parts) + "]"


def _mark_class() -> str:
    if not _TABLE_IS_CURRENT:
        return _class(_marks_of_this_python())
    ranges = []
    for part in _MARK_RANGES.split():
        lo, _, hi = part.partition("-")
        ranges.append((int(lo, 16), int(hi or lo, 16)))
    return _class(ranges)


def _marks_of_this_python() -> list[tuple[int, int]]:
    """The combining marks of the running Python's Unicode, when it is not the table's (Python
    3.12 knows Unicode 15, which adds marks such as U+0ECE): asked of `unicodedata` once, over the
    blocks where Unicode puts marks (U+0300-U+1FFFF and the variation selectors of U+E0000-U+E0FFF;
    ~20 ms), instead of cutting runs of the marks Unicode 14 knew only."""
    category, ranges = unicodedata.category, []
    for c in (*range(0x300, 0x20000), *range(0xE0000, 0xE1000)):
        if category(chr(c)) in MARK_CATEGORIES:
            if ranges and ranges[-1][1] == c - 1:
                ranges[-1] = (ranges[-1][0], c)
            else:
                ranges.append((c, c))
    return ranges


@functools.cache
def _mark_run() -> re.Pattern[str]:
    """Runs of more than MAX_MARKS marks (compiled on the first non-ASCII text: 1.5 ms that an
    ASCII-only start-up does not pay)."""
    return re.compile(_mark_class() + "{%d,}" % (MAX_MARKS + 1))


# Every combining mark is at U+0300 or above: a run of more than MAX_MARKS of them is a run of as
# many such characters, which most texts (English, French, German, ... with their few accented
# letters, all below U+0300) never hold. Only a text that holds one is searched with
# `_mark_run()`, whose table of marks took ~8 M instructions to compile on the first frame.
_MARK_RUN_POSSIBLE = compiled("[^\x00-\u02ff]{%d,}" % (MAX_MARKS + 1))


def _cut_marks(match: re.Match[str]) -> str:
    run = match.group()
    return f"{run[:MAX_MARKS]}\u27e8+{len(run) - MAX_MARKS} marks\u27e9"


# The zero-width non-joiner and joiner (U+200C, U+200D) are spelling in the scripts whose letters
# join or form conjuncts: Persian writes می‌گوید and آن‌ها with a ZWNJ (nearly every sentence of a
# Persian, Urdu, Kurdish or Pashto article holds some), Indic scripts choose a conjunct's form with
# them. There they change the letters' shapes, so they are not invisible, and a marker in every
# other word made such an article unreadable. Between two characters of these scripts (Arabic,
# Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic presentation forms; Devanagari to Sinhala) they
# are kept; anywhere else (between Latin letters, where they could only hide a difference, at a
# text's edge, beside an emoji) they are marked like every other format character.
_JOINING = (
    (0x0606, 0x061B), (0x061D, 0x06DC), (0x06DE, 0x070E), (0x0710, 0x088F), (0x0898, 0x08E1),
    (0x08E3, 0x0DFF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFC),
)
_JOINERS = "\u200c\u200d"
_J = _class(_JOINING)
_JOINER_KEPT = f"(?<={_J})[{_JOINERS}](?={_J})"
# A tab is handled before the pattern runs; a newline is unsafe unless the caller keeps it.
@functools.cache
def _unsafe() -> re.Pattern[str]:
    """The unsafe characters (compiled when first asked for: ~14 M instructions, a tenth of what
    factex's modules cost to import, that a first frame whose text is all printable never needs)."""
    return re.compile(f"(?!{_JOINER_KEPT})" + _class(_RANGES))


@functools.cache
def _unsafe_keep_newlines() -> re.Pattern[str]:
    """`_unsafe()` that lets newlines through (compiled when first asked for: the command line's
    output never asks)."""
    return re.compile(f"(?!\\n|{_JOINER_KEPT})" + _class(_RANGES))


def joiner_kept(text: str, i: int) -> bool:
    """Is `text[i]` a ZWNJ or ZWJ that `visible()` keeps (between two letters of a joining or
    Indic script)?"""
    return (text[i] in _JOINERS and 0 < i < len(text) - 1
            and any(lo <= ord(text[i - 1]) <= hi for lo, hi in _JOINING)
            and any(lo <= ord(text[i + 1]) <= hi for lo, hi in _JOINING))


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


def soft_hyphen_hidden(text: str, i: int) -> bool:
    """Is `text[i]` a soft hyphen that `visible()` does not show: one between two letters or
    digits, where it is a hyphenation hint (German and Dutch articles carry many: "Bundes\u00adregierung").
    Anywhere else it is marked like every other format character."""
    return (text[i] == "\u00ad" and 0 < i < len(text) - 1
            and text[i - 1].isalnum() and text[i + 1].isalnum())


def _marker(match: re.Match[str]) -> str:
    ch = match.group()
    if ch == "\u00ad" and soft_hyphen_hidden(match.string, match.start()):
        return ""
    return marker(ch)


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
    else:
        if len(text) > MAX_MARKS and _MARK_RUN_POSSIBLE.search(text) is not None \
                and (runs := _mark_run()).search(text) is not None:
            text = runs.sub(_cut_marks, text)
        if text.isprintable():
            return text  # isprintable() is False for every unsafe category (and for Zs spaces)
    if keep_newlines and "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.replace("\t", "    ")
    if keep_newlines and text.replace("\n", "").isprintable():
        return text  # only line ends, which are kept: nothing to mark (and no pattern compiled)
    text = (_unsafe_keep_newlines() if keep_newlines else _unsafe()).sub(_marker, text)
    if _TABLE_IS_CURRENT or text.isascii():
        return text
    # A Python with a newer Unicode than the table's: what it adds to an unsafe category is
    # marked one character at a time.
    return "".join(marker(c) if c not in "\n " and not c.isprintable() and _is_unsafe(c) and not joiner_kept(text, i) else c
                   for i, c in enumerate(text))


def visible_mapped(text: str, *, keep_newlines: bool = False) -> tuple[str, "OffsetMap"]:
    """`visible(text)` and where each offset of `text` stands in it (`at[i]`, for i from 0 to
    len(text)): a span of the text, `[s, e)`, is `[at[s], at[e])` of what is shown, with every
    marker or hidden soft hyphen inside it. For drawing highlights on text whose shown form is not
    the same length (a marker is longer than its character, a soft hyphen in a word is not shown).
    The same steps as `visible()`, each one's replacements kept (tests/test_safetext.py checks the
    two agree); an offset is looked up by bisection, so a megabyte paragraph costs what its
    replacements cost, not a Python step per character."""
    shown = visible(text, keep_newlines=keep_newlines)
    passes: list[tuple[list[int], list[int], list[int]]] = []
    if shown == text:
        return shown, OffsetMap(len(text), passes)
    cur = text

    def apply(pattern, repl) -> None:
        nonlocal cur
        starts: list[int] = []
        ends: list[int] = []
        shift = [0]  # shift[k]: how much the replacements before event k moved the text
        pieces: list[str] = []
        last = 0
        for m in pattern.finditer(cur):
            a, b = m.span()
            r = repl(m) if callable(repl) else repl
            pieces.append(cur[last:a])
            pieces.append(r)
            starts.append(a)
            ends.append(b)
            shift.append(shift[-1] + len(r) - (b - a))
            last = b
        if starts:
            pieces.append(cur[last:])
            cur = "".join(pieces)
            passes.append((starts, ends, shift))

    if not cur.isascii() and len(cur) > MAX_MARKS:
        apply(_mark_run(), _cut_marks)
    if keep_newlines:
        apply(re.compile("\r\n|\r"), "\n")  # (compiled when first asked for: re keeps them)
    apply(re.compile("\t"), "    ")
    apply(_unsafe_keep_newlines() if keep_newlines else _unsafe(), _marker)
    if not (_TABLE_IS_CURRENT or cur.isascii()):
        apply(re.compile(".", re.S), lambda m: marker(m.group()) if (m.group() not in "\n " and not m.group().isprintable()
                                                     and _is_unsafe(m.group()) and not joiner_kept(m.string, m.start()))
              else m.group())
    assert cur == shown, (text, cur, shown)
    return cur, OffsetMap(len(text), passes)


class OffsetMap:
    """Offsets of a text (0 to its length) to offsets of what `visible_mapped` made of it: an
    offset inside a replaced run (a character shown as a marker, a hidden soft hyphen) stands at
    the start of what replaced it, the offset after the run after it."""

    __slots__ = ("_n", "_passes")

    def __init__(self, n: int, passes) -> None:
        self._n, self._passes = n, passes

    def __len__(self) -> int:
        return self._n + 1

    def __getitem__(self, i: int) -> int:
        if i < 0:
            i += self._n + 1
        if not 0 <= i <= self._n:
            raise IndexError(i)
        for starts, ends, shift in self._passes:
            k = bisect_right(starts, i) - 1
            if k >= 0 and i < ends[k]:
                i = starts[k] + shift[k]
            else:
                i += shift[k + 1]
        return i


QUOTED_MAX = 80  # characters of a user's text a message quotes: the two ends of a longer one


# Marks that quote a text holding both `'` and `"` (an opening mark, its closing one), so that
# what is between them is the text exactly, never escaped: the first whose closing mark the text
# does not hold. (Not ⟨⟩: `visible()` writes its markers in them.)
_OTHER_MARKS = (("\u00ab", "\u00bb"), ("\u2039", "\u203a"), ("\u300c", "\u300d"), ("\u300e", "\u300f"),
                ("\u3010", "\u3011"), ("\u300a", "\u300b"), ("\u3008", "\u3009"))
_CLOSING = dict(_OTHER_MARKS)


# -- cutting a long text short --------------------------------------------------------------------

@functools.cache
def _a_marker() -> re.Pattern[str]:
    """A marker `visible()` writes (compiled when a text is first cut: not at the app's start)."""
    return re.compile("\u27e8(?:U\\+[0-9A-F]{4,6}|0x[0-9A-F]{2}|\\+[0-9]+ marks)\u27e9")


_MARKER_LONGEST = 24  # characters of the longest marker `visible()` writes
_JOINS_LONGEST = 64  # a cut moves over at most so many marks (`visible()` keeps MAX_MARKS a letter)


def _joins_previous(text: str, i: int) -> bool:
    """Does the character at `i` belong with the one before it: a combining mark (categories Mn,
    Mc, Me: accents, vowel signs, variation selectors), a joiner, an emoji skin tone, or the
    `⟨+N marks⟩` that stands for a letter's marks past the first MAX_MARKS?"""
    ch = text[i]
    if ch == "\u27e8":
        m = _a_marker().match(text, i)
        return m is not None and m.group().endswith(" marks\u27e9")
    return (ch >= "\u0300" and unicodedata.category(ch) in ("Mn", "Mc", "Me")) or ch == "\u200d" \
        or "\U0001f3fb" <= ch <= "\U0001f3ff"


def boundary(text: str, i: int, forward: bool = False) -> int:
    """The place nearest `i` (before it, or after it with `forward`) where `text` may be cut: never
    inside a marker `visible()` wrote (`⟨U+202E⟩`, `⟨0xFF⟩`, `⟨+19992 marks⟩`) nor between a letter
    and its marks."""
    i = max(0, min(i, len(text)))
    j = text.rfind("\u27e8", max(0, i - _MARKER_LONGEST), i)
    if j >= 0 and (m := _a_marker().match(text, j)) is not None and i < m.end():
        i = m.end() if forward else j
    for _ in range(_JOINS_LONGEST):
        if not 0 < i < len(text) or not _joins_previous(text, i):
            break
        if forward:
            m = _a_marker().match(text, i)
            i = m.end() if m is not None else i + 1
        else:
            i -= 1
            j = text.rfind("\u27e8", max(0, i - _MARKER_LONGEST), i + 1)
            if j >= 0 and (m := _a_marker().match(text, j)) is not None and i < m.end():
                i = j  # (stepped back into a marker: to its start)
    return i


def clip(text: str, width: int) -> str:
    """`text` in at most `width` characters: its two ends around a `…` when longer, cut between
    whole markers and letters (`boundary`), so a cut never shows half a `⟨U+202E⟩` or an accent
    without its letter."""
    if len(text) <= width:
        return text
    half = max(0, (width - 1) // 2)
    return text[: boundary(text, half)] + "\u2026" + text[boundary(text, len(text) - half, forward=True):]


def clip_end(text: str, width: int) -> str:
    """`text` in at most `width` characters: its start and a `…` when longer, cut as `clip` cuts."""
    if len(text) <= width:
        return text
    return text[: boundary(text, max(0, width - 1))] + "\u2026"


def quoted(text: str, *, double: bool = False) -> str:
    """`text` in quotes for a message, so that where it starts and ends is never in doubt,
    whatever it holds, and what is between the marks is the text exactly, never escaped (a
    passage is copied from here into a card: a backslash the source does not have would make it
    another quote). `'x'` (`"x"` with `double`, for a passage); `"it's"` when it holds a `'` but
    no `"`; `'say "no"'` when it holds a `"` but no `'`; a text holding both between marks whose
    closing one it does not hold: `«"I'm here," she said»` (then `‹ ›`, `「 」`, ...). Where it can,
    the form is also YAML's own for that text (a `"` form holding a backslash is not: YAML reads
    escapes there, so a passage with a backslash and no `'` is quoted `'...'`). `unquoted()` reads
    any of them back. Every message that quotes a user's text (a value, a word of a quote, a
    suggestion, a passage) quotes it with this: a value that is one `'` shows as `"'"`, never as
    three quote marks. (Unsafe characters are left to `visible()`, which every message passes
    through on its way to a screen.) A value longer than QUOTED_MAX characters is quoted by its two
    ends around a `…`: a value of a million digits is not a million-character message. (A passage,
    `double`, is cut to the words around it by its caller.)"""
    if len(text) > QUOTED_MAX and not double:
        text = clip(text, QUOTED_MAX - 1)
    if "'" not in text and (not double or '"' in text or "\\" in text):
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    for opening, closing in _OTHER_MARKS:
        if closing not in text:
            return opening + text + closing
    held = set(text)  # (a text holding every one of those marks: any symbol it does not hold, on both sides)
    for code in range(0x2190, 0x110000):
        mark = chr(code)
        if mark not in held and mark not in _CLOSING and unicodedata.category(mark) == "So":
            return mark + text + mark
    # (it holds every symbol there is: its two ends hold fewer)
    return quoted(clip(text, QUOTED_MAX - 1), double=double)


def unquoted(shown: str) -> tuple[str, str]:
    """The text `quoted()` quoted at the start of `shown`, and what follows it."""
    end = shown.index(_CLOSING.get(shown[0], shown[0]), 1)
    return shown[1:end], shown[end + 1:]


# -- text leaving factex on a stream ----------------------------------------------------------------

def _json_escape(match: re.Match[str]) -> str:
    return json_escape(match.group())


def json_escape(ch: str) -> str:
    """One character as its JSON escape."""
    code = ord(ch)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # an astral character: JSON writes it as a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_safe(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with every character `visible()`
    would mark written as its `\\uXXXX` escape (a pair of them above U+FFFF): C0 and C1 controls
    and DEL (json.dumps escapes only C0), bidi overrides and isolates, zero-width, tag, private-use
    and line-separator characters, lone surrogates. The JSON reads back equal (`json.loads`), and
    printed to a terminal or piped into `less` no character of it acts as a control or reorders a
    line. A file name byte that is not UTF-8 is carried by Python as a surrogate U+DC80-U+DCFF
    (PEP 383); as an escape the JSON stays valid UTF-8 whatever the names hold, and `json.loads` +
    `os.fsencode` give the original bytes back. Such characters can stand only inside JSON strings
    (json.dumps writes nothing else but ASCII punctuation, spaces and newlines), so every
    replacement is inside one. Every command's JSON passes through here (`json_text`)."""
    if text.isascii() and "\x7f" not in text:
        return text
    if text.replace("\n", "").isprintable():
        return text
    text = _unsafe_keep_newlines().sub(_json_escape, text)
    if _TABLE_IS_CURRENT:
        return text
    return "".join(json_escape(c) if c != "\n" and _is_unsafe(c) else c for c in text)


def json_text(data, *, indent: int | None = 2, ensure_ascii: bool = False, separators=None) -> str:
    """`data` as JSON text (no final newline), as every command and export writes it: through
    `json_safe`, so no control, bidi or invisible character is written raw. (Indented, made a
    piece at a time: see json_pieces.)"""
    import json

    if indent is not None and separators is None:
        return "".join(json_pieces(data, indent=indent, ensure_ascii=ensure_ascii))
    return json_safe(json.dumps(data, indent=indent, ensure_ascii=ensure_ascii, separators=separators))


class JSONArray(list):
    """A JSON array of `count` values made one at a time, as `json_pieces` writes them: to Python's
    pure-Python encoder (the indented one, which iterates it) it is a list, but its values are
    never all held at once (`factex mentions --format json` made a record of each of 400,000
    mentions before writing the first)."""

    def __init__(self, values, count: int) -> None:
        super().__init__()
        self._values, self._count = values, count

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return self._count


def json_pieces(data, *, indent: int | None = 2, ensure_ascii: bool = False, size: int = 1 << 16):
    """`json_text(data)` in pieces of about `size` characters, each through `json_safe` (which
    works character by character, so the pieces are the whole text's, cut anywhere). Indented
    JSON is made by Python's pure-Python encoder, a few strings a value: all of them held at
    once and joined made 950 MB for the 81 MB of 400,000 mentions; a piece at a time, the
    memory is the data's."""
    import json

    held: list[str] = []
    n = 0
    for chunk in json.JSONEncoder(indent=indent, ensure_ascii=ensure_ascii).iterencode(data):
        held.append(chunk)
        n += len(chunk)
        if n >= size:
            yield json_safe("".join(held))
            held.clear()
            n = 0
    if held:
        yield json_safe("".join(held))


def xml_char_refs(text: str) -> str:
    """XML (or HTML) text with every character `visible()` would mark, but a newline or tab,
    written as a character reference (`&#x202E;`): read back the same by any parser, never raw
    on a terminal. (For text outside markup and inside attribute values alike; the characters XML
    cannot hold at all, most C0 controls, must be dealt with before.)"""
    if text.replace("\n", "").replace("\t", "").isprintable():
        return text
    return _unsafe_keep_newlines().sub(
        lambda m: m.group() if m.group() == "\t" else f"&#x{ord(m.group()):X};", text)


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
