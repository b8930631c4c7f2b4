"""fzf's scoring of one term in one line: fzf's v1 scores (match, word-start, camelCase and run
bonuses, gap penalties), taking the better of a few candidate alignments.

In a name-like line any fuzzy match counts; in prose only a tight one (see `tight`). Every function
here is pure and takes time linear (or, bounded by constant tries, near-linear) in the line."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from explorer.core.search.lines import lower

if TYPE_CHECKING:
    from explorer.core.search.query import Term

SCORE_MATCH = 16
SCORE_GAP_START = -3
SCORE_GAP_EXTENSION = -1
BONUS_BOUNDARY = SCORE_MATCH // 2
BONUS_NON_WORD = SCORE_MATCH // 2
BONUS_CAMEL123 = BONUS_BOUNDARY + SCORE_GAP_EXTENSION
BONUS_CONSECUTIVE = -(SCORE_GAP_START + SCORE_GAP_EXTENSION)
BONUS_FIRST_CHAR_MULTIPLIER = 2
BONUS_BOUNDARY_WHITE = BONUS_BOUNDARY + 2
BONUS_BOUNDARY_DELIMITER = BONUS_BOUNDARY + 1

_WHITE, _NONWORD, _DELIMITER, _LOWER, _UPPER, _LETTER, _NUMBER = range(7)
_DELIMITERS = set("/,:;|")


def _classify(ch: str) -> int:
    if ch.isspace():
        return _WHITE
    if ch in _DELIMITERS:
        return _DELIMITER
    if ch.islower():
        return _LOWER
    if ch.isupper():
        return _UPPER
    if ch.isdigit():
        return _NUMBER
    if ch.isalpha() or unicodedata.category(ch).startswith("L"):
        return _LETTER
    return _NONWORD

_CLASS: dict[str, int] = {chr(i): _classify(chr(i)) for i in range(256)}


def _char_class(ch: str) -> int:
    cls = _CLASS.get(ch)
    if cls is None:
        cls = _classify(ch)
        if len(_CLASS) < 65536:
            _CLASS[ch] = cls
    return cls


def _bonus_for(prev: int, cls: int) -> int:
    if cls > _NONWORD:
        if prev == _WHITE:
            return BONUS_BOUNDARY_WHITE
        if prev == _DELIMITER:
            return BONUS_BOUNDARY_DELIMITER
        if prev == _NONWORD:
            return BONUS_BOUNDARY
    if (prev == _LOWER and cls == _UPPER) or (prev != _NUMBER and cls == _NUMBER):
        return BONUS_CAMEL123
    if cls in (_NONWORD, _DELIMITER):
        return BONUS_NON_WORD
    if cls == _WHITE:
        return BONUS_BOUNDARY_WHITE
    return 0

_BONUS = [[_bonus_for(p, c) for c in range(7)] for p in range(7)]


def _bonus_at(line: str, i: int) -> int:
    return _BONUS[_char_class(line[i - 1]) if i > 0 else _WHITE][_char_class(line[i])]


def _score_positions(line: str, positions: list[int] | range) -> int:
    """fzf's score of a match at `positions` (ascending) in `line` (case as written)."""
    score = 0
    prev = -2
    first_bonus = 0
    cls = _char_class
    for k, p in enumerate(positions):
        bonus = _BONUS[cls(line[p - 1]) if p > 0 else _WHITE][cls(line[p])]
        score += SCORE_MATCH
        if k and p == prev + 1:
            if bonus >= BONUS_BOUNDARY and bonus > first_bonus:
                first_bonus = bonus
            bonus = max(bonus, first_bonus, BONUS_CONSECUTIVE)
        else:
            if k:
                score += SCORE_GAP_START + SCORE_GAP_EXTENSION * (p - prev - 2)
            first_bonus = bonus
        score += bonus * BONUS_FIRST_CHAR_MULTIPLIER if k == 0 else bonus
        prev = p
    return score


def _is_word_start(line: str, i: int) -> bool:
    return _bonus_at(line, i) >= BONUS_CAMEL123


@lru_cache(maxsize=1024)
def _word_start_regex(ch: str) -> re.Pattern:
    """`ch` right after a character that is not a letter or digit."""
    e = re.escape(ch)
    return re.compile(f"{e}(?<=[\\W_]{e})")


def _fuzzy(line: str, cmp: str, pat: str) -> tuple[int, list[int]] | None:
    """Best of a few candidate alignments of `pat` in `cmp` (the line as compared), scored on `line`."""
    find = cmp.find
    n = len(pat)
    best: tuple[int, list[int]] | None = None
    if n > 1:
        # the letters as one run: at a word start nothing (much) beats it
        occ = find(pat)
        tries = 0
        while occ >= 0 and tries < 8:
            run = range(occ, occ + n)
            s = _score_positions(line, run)
            if best is None or s > best[0]:
                best = (s, list(run))
            if _is_word_start(line, occ):
                return best
            occ = find(pat, occ + 1)
            tries += 1
    idx = find(pat[0])
    if idx < 0:
        return None
    first = idx
    for c in pat[1:]:
        idx = find(c, idx + 1)
        if idx < 0:
            return None
    # fzf v1: the first occurrence, shrunk backwards, then matched forwards within the window
    j = idx
    for c in reversed(pat[:-1]):
        j = cmp.rfind(c, first, j)
    v1 = [j]
    for c in pat[1:]:
        j = find(c, j + 1)
        v1.append(j)
    s = _score_positions(line, v1)
    if best is None or s > best[0]:
        best = (s, v1)
    # each letter at the next word start (acronyms: kcna -> Korean Central News Agency), else at
    # its next occurrence
    ws: list[int] = []
    k = 0
    for c in pat:
        if k == 0 and cmp.startswith(c):
            j = 0
        else:
            m = _word_start_regex(c).search(cmp, k)  # (the look-behind sees before k)
            j = m.start() if m is not None else find(c, k)
        if j < 0:
            return best
        ws.append(j)
        k = j + 1
    if ws != v1:
        s = _score_positions(line, ws)
        if s > best[0]:
            best = (s, ws)
    return best


def _exact(line: str, cmp: str, term: Term) -> tuple[int, list[int]] | None:
    pat, n, mode = term.text, len(term.text), term.mode
    if mode == "prefix":
        return (_score_positions(line, range(n)), list(range(n))) if cmp.startswith(pat) else None
    if mode == "suffix":
        if not cmp.endswith(pat):
            return None
        r = range(len(cmp) - n, len(cmp))
        return _score_positions(line, r), list(r)
    if mode == "equal":
        return (_score_positions(line, range(n)), list(range(n))) if cmp == pat else None
    best = None
    occ = cmp.find(pat)
    tries = 0
    while occ >= 0 and tries < 16:
        if mode != "boundary" or _at_boundary(cmp, occ, n):
            r = range(occ, occ + n)
            s = _score_positions(line, r)
            if best is None or s > best[0]:
                best = (s, list(r))
        occ = cmp.find(pat, occ + 1)
        tries += 1
    return best


def _word_char(ch: str) -> bool:
    return ch.isalnum()


def _at_boundary(cmp: str, occ: int, n: int) -> bool:
    before = cmp[occ - 1] if occ > 0 else " "
    after = cmp[occ + n] if occ + n < len(cmp) else " "
    return not _word_char(before) and not _word_char(after)

# -- tight fuzzy matches in prose ------------------------------------------------------------------
#
# In a name, "kmjn" meaning "Kim Jong Un" is what fuzzy search is for. In a paragraph, the letters
# of almost any word are found in order somewhere ("aurus" in "artillery shells ... ukraine ...
# russia"), so there a fuzzy match counts only when it is tight, one of:
#   - the term as one run, starting a word (or anywhere, for a term of 4 letters or more);
#   - for a term of 4 letters or more, the letters in runs that each start a word, a run after
#     the first starting the next word or the one after it: either every run of at least two
#     letters but the last ("kimjong": Kim Yo Jong, "auruss": Aurus Senat), or every run one
#     letter at consecutive words (an acronym: "kcna": Korean Central News Agency).
# Matching picks, letter by letter, the next letter if it follows, else the start of the next word
# if it is that letter, else the start of the word after: the same greedy choice in the regular
# expression that pre-selects (`lines.chunk_regex`, possessive and atomic: linear) and in `chunked`,
# which checks the runs and gives the positions.

MAX_CHUNKED = 24  # a longer term matches prose only as one run
_WORD_START = re.compile(r"(?<![^\W_])")
_WORD_REST = re.compile(r"[^\W_]*")  # the rest of a word
_SEPARATORS = re.compile(r"(?:[^\w\t]|_)+")  # between two words (never past the line's end)


def tight(line: str, cmp: str, pat: str) -> tuple[int, list[int]] | None:
    """Best tight alignment of `pat` in `cmp` (the line as compared), scored on `line`."""
    n = len(pat)
    find = cmp.find
    best: tuple[int, list[int]] | None = None
    occ = find(pat)
    tries = 0
    while occ >= 0 and tries < 16:
        if n >= 4 or _WORD_START.match(cmp, occ):
            run = range(occ, occ + n)
            s = _score_positions(line, run)
            if best is None or s > best[0]:
                best = (s, list(run))
        occ = find(pat, occ + 1)
        tries += 1
    if n < 4 or n > MAX_CHUNKED:
        return best
    starts = 0
    occ = find(pat[0])
    while occ >= 0 and starts < 64:
        if _WORD_START.match(cmp, occ):
            starts += 1
            got = chunked(cmp, pat, occ)
            if got is not None:
                s = _score_positions(line, got)
                if best is None or s > best[0]:
                    best = (s, got)
        occ = find(pat[0], occ + 1)
    return best


def _next_word(cmp: str, p: int) -> int:
    """Where the word after the one holding `p` starts (-1: none on this line)."""
    end = _WORD_REST.match(cmp, p + 1).end()
    sep = _SEPARATORS.match(cmp, end)
    if sep is None or sep.end() >= len(cmp) or cmp[sep.end()] == "\t":
        return -1
    return sep.end()


def chunked(cmp: str, pat: str, start: int) -> list[int] | None:
    """The greedy run-by-run alignment of `pat` from `start` if its runs make a tight match."""
    positions = [start]
    runs = [1]
    skipped = False  # a word was skipped (an acronym may not)
    p = start
    for c in pat[1:]:
        if p + 1 < len(cmp) and cmp[p + 1] == c:
            p += 1
            runs[-1] += 1
        else:
            q = _next_word(cmp, p)
            if q >= 0 and cmp[q] != c:
                q = _next_word(cmp, q)
                skipped = True
            if q < 0 or cmp[q] != c:
                return None
            runs.append(1)
            p = q
        positions.append(p)
    if all(r >= 2 for r in runs[:-1]):
        return positions
    if all(r == 1 for r in runs) and not skipped:
        return positions
    return None


def score_term(line: str, term: Term, lowered: str | None = None, loose: bool = True) -> tuple[int, list[int]] | None:
    """(score, positions) of `term` in the folded `line`, or None when it does not match.
    `loose`: the line is a name-like field (any fuzzy match), else prose (tight matches only)."""
    cmp = line if term.case_sensitive else (lowered if lowered is not None else lower(line))
    if term.mode == "fuzzy":
        return _fuzzy(line, cmp, term.text) if loose or term.negate else tight(line, cmp, term.text)
    return _exact(line, cmp, term)

