"""The tagged line format: how the index holds its records as text, and the patterns run over it.

One page, the whole format
--------------------------
Each kind (entity, relation, quote, passage) keeps its records in one *big string*. A record is
one or more lines, one per searchable field, its display text first:

    \n FOLDED TEXT \t MARK TAG \n FOLDED TEXT \t MARK TAG \n ...

FOLDED TEXT  the field as `fold_all` makes it: typography and accents folded (`text.fold`), line
             breaks and the spaces around them one space (`one_line`), control characters spaces.
             It never holds a tab, a line break or a control character; neither does a folded
             query term (`fold_term`), so no term can match across a line's end or into its tail.
MARK         one control character saying what the line is:
               \x01 NAME         a line that names the record (display text, an alias), prose
               \x02 OTHER        any other prose line (a description, a note, a qualifier)
               \x03 NAME_LOOSE   a naming line that is name-like (an entity's name or alias)
               \x04 OTHER_LOOSE  another name-like line (a type, who a relation is by)
             `!term` looks only at the naming lines (\x01, \x03). In name-like (loose) lines any
             fuzzy match counts (the letters in order); in prose only a tight one (`score.tight`).
TAG          the record's number, unique over all kinds, in fixed-width hexadecimal whose 16
             digits are the characters \x10..\x1f (`tags`). Passages are numbered first, then
             entities, relations, quotes; in a kind, shortest display text first.

Every line also exists in a lower-cased copy of the big string (for case-insensitive terms); the
two have the same length. A pattern ends with `END` (or `END_NAMES`, `END_LOOSE`), whose one group
is the tag, so `pattern.findall(big)` is the list of the matching records' tags. A gap between two
letters of a fuzzy term is `[^\tc]*+` (possessive: it cannot leave the line or backtrack) and the
rest of a line is skipped with `[^\t]*+`: every pattern here runs in time linear in the string.

Derived strings (see `table.KindTable`): `scan_*` leaves out the quote lines that are exactly a
passage (they match where the passage does), `loose_*` holds only the name-like lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, islice, product

from explorer.core.text import ASCII_CHANGES, DIGIT_GROUP, fold, join_digit_groups, normalize_text

CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def lower(text: str) -> str:
    """`text.lower()`, keeping each character whose lower case is longer (so offsets stay)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def fold_term(text: str) -> str:
    """A query term folded as the lines are."""
    text = fold(text)
    # Lines never hold tabs or line breaks (fold makes every run of whitespace one space), and
    # control characters are spaces in the searchable lines (see fold_all).
    return CONTROL.sub(" ", text)


# The marks and the tags (see the docstring).
NAME, OTHER = "\x01", "\x02"  # prose: held to tight fuzzy matches (see score.tight)
NAME_LOOSE, OTHER_LOOSE = "\x03", "\x04"  # names, aliases, types: any fuzzy match
_DIGITS = "".join(chr(0x10 + d) for d in range(16))
END = r"\t[\x01-\x04]([\x10-\x1f]+)"
END_NAMES = r"\t[\x01\x03]([\x10-\x1f]+)"
END_LOOSE = r"\t[\x03\x04]([\x10-\x1f]+)"

_DIGITS_TO_HEX = str.maketrans(_DIGITS, "0123456789abcdef")


def tag_number(tag: str) -> int:
    """The number a tag stands for."""
    return int(tag.translate(_DIGITS_TO_HEX), 16)


def tags(first: int, count: int, width: int) -> list[str]:
    """The tags of `count` records numbered from `first` (`first + count` fits in `width`
    digits). The numbers in order are the `width`-digit products of the digits: made and joined
    in C, four times as fast as formatting each number (a kind's tags are made at its first
    search: 30,000 cards have ~100,000 records)."""
    return list(map("".join, islice(product(_DIGITS, repeat=width), first, first + count)))


@lru_cache(maxsize=512)
def term_regex(text: str, mode: str, names_only: bool = False, loose_only: bool = False) -> re.Pattern:
    """A pattern whose findall over a kind's big string gives the tags of the matching records.
    `loose_only`: only in name-like lines (a fuzzy term in prose is matched by `run_regex` and
    `chunk_regex`)."""
    e = re.escape
    end = END_NAMES if names_only else END_LOOSE if loose_only else END
    tail = r"[^\t]*+" + end
    if mode == "fuzzy":
        if len(text) == 1:
            # (a line whose mark `end` refuses is skipped whole, not tried again at each letter)
            return re.compile(f"{e(text)}(?:{tail}|[^\\t]*+)")
        gaps = "".join(f"[^\\t{e(c)}]*+{e(c)}" for c in text[1:])
        # On failure, skip the rest of this line so the engine does not retry from every later
        # occurrence of the first letter (that keeps `aaaaaaa` linear): the first occurrence
        # followed by the earliest of each next letter finds the letters if they are there.
        return re.compile(f"{e(text[0])}(?:{gaps}{tail}|[^\\t]*+)")
    if mode == "exact":
        return re.compile(e(text) + tail)
    if mode == "boundary":
        return re.compile(f"{e(text)}(?<=[\\W_]{e(text)})(?![^\\W_]){tail}")
    if mode == "prefix":
        return re.compile(f"\\n{e(text)}{tail}")
    if mode == "suffix":
        return re.compile(e(text) + end)
    if mode == "equal":
        return re.compile(f"\\n{e(text)}{end}")
    raise ValueError(mode)


@lru_cache(maxsize=512)
def tight_regex(text: str) -> re.Pattern:
    """The term's letters with at most two characters between each: compact matches."""
    e = re.escape
    gaps = "".join(f"[^\\t{e(c)}]{{0,2}}{e(c)}" for c in text[1:])
    return re.compile(f"{e(text[0])}{gaps}[^\\t]*+{END}")


@lru_cache(maxsize=512)
def strong_regex(text: str) -> re.Pattern:
    """The term as one run starting a word: the matches fzf ranks highest."""
    e = re.escape(text)
    return re.compile(f"{e}(?<=[\\W_]{e})[^\\t]*+{END}")


@lru_cache(maxsize=512)
def chunk_regex(text: str) -> re.Pattern:
    """Pre-selects tight run-by-run matches (a superset of what `score.chunked` accepts): each letter
    next, else starting the next word, else the word after (atomic: never revisited)."""
    e = re.escape
    rest, sep = r"[^\W_]*+", r"(?:[^\w\t]|_)++"
    word = rf"{rest}{sep}"
    steps = "".join(f"(?>{e(c)}|{word}(?:[^\\W_]{word})??{e(c)})" for c in text[1:])
    first = f"{e(text[0])}(?<![^\\W_]{e(text[0])})"  # (the letter first: the engine scans for it in C)
    return re.compile(f"{first}{steps}[^\\t]*+{END}")


@lru_cache(maxsize=512)
def run_regex(text: str) -> re.Pattern:
    """The term as one run: starting a word, or anywhere for a term of 4 letters or more."""
    if len(text) >= 4:
        return re.compile(re.escape(text) + r"[^\t]*+" + END)
    return strong_regex(text)

_BREAKS = re.compile(r"\s*[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]\s*")


def one_line(text: str) -> str:
    """The text on one line: line breaks (and the spaces around them) become one space."""
    if text.isprintable():
        return text.strip()
    return _BREAKS.sub(" ", text).strip()

# ASCII characters that `fold` changes (whitespace, the backtick...), found by asking `fold` itself,
# control characters (made spaces), and what changes an ASCII text's length (a double space, spaces
# around a dash, `--`, `...`): an ASCII line with none of them is its own folded form.
_ASCII_FOLDED = "".join(c for c in map(chr, range(128)) if fold(c) != c or CONTROL.match(c))
_NEEDS_FOLD = re.compile("[" + re.escape(_ASCII_FOLDED) + "]|" + ASCII_CHANGES.pattern)


def fold_all(texts: list[str]) -> list[str]:
    """`fold` of every text (typography and accents), with control characters made spaces."""
    needs = _NEEDS_FOLD.search
    out = list(texts)
    dirty = [i for i, t in enumerate(texts) if not t.isascii() or needs(t)]
    if not dirty:
        return _join_digit_groups_of(out)
    # typography first, all at once (`fold` begins with the same normalisation); then accents,
    # one by one, for the few texts still not plain ASCII
    joined = "\x00".join([texts[i] for i in dirty])
    if joined.count("\x00") == len(dirty) - 1:
        folded = normalize_text(joined).split("\x00")
    else:  # a text holds \x00 itself
        folded = [fold(texts[i]) for i in dirty]
    for i, f in zip(dirty, folded):
        if not f.isascii():
            f = fold(f)
        out[i] = f if f.isprintable() else CONTROL.sub(" ", f)
    return _join_digit_groups_of(out)


def _join_digit_groups_of(texts: list[str]) -> list[str]:
    """`texts` with the thousands separators of their numbers dropped (`text.DIGIT_GROUP`, as `fold`
    does): found in one scan of them all, the few texts that hold one joined again."""
    joined = "\x00".join(texts)
    found = DIGIT_GROUP.search(joined)
    if found is None:
        return texts
    ends = list(accumulate(len(t) + 1 for t in texts))
    for i in sorted({bisect_right(ends, m.start()) for m in DIGIT_GROUP.finditer(joined, found.start())}):
        texts[i] = join_digit_groups(texts[i])
    return texts
    return out

