"""Quote anchoring: find a quote in its source, verbatim except for typography.

A quote is normalised (see `explorer.core.text`) and searched for in the source's normalised text,
which each source computes once. A match maps back to exact offsets into the original text. As in
the W3C Web Annotation TextQuoteSelector, an optional `prefix`/`suffix` (or an `occurrence` number)
picks one match when the quote occurs more than once. A quote that is not found gets the closest
passage of the source and what differs, so a typo is fixed in seconds.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_left
from functools import cached_property
from itertools import accumulate, count
from operator import add
from dataclasses import dataclass
from typing import NamedTuple

from explorer.core.safetext import visible
from explorer.core.sources import Source
from explorer.core.text import normalize_quote

MAX_LISTED = 6


class Anchor(NamedTuple):
    """Where a quote stands: `source.text[start:end]` is the quoted span, untouched.

    A named tuple: immutable like a frozen dataclass, and about three times faster to make (a load
    makes one per quote)."""

    source: str
    start: int
    end: int
    line: int
    column: int
    paragraph: int


@dataclass
class AnchorResult:
    anchor: Anchor | None = None
    error: str | None = None


_ABSENT = object()  # what `postings.get` gives for a token no source holds


# --- whole words ---------------------------------------------------------------------------------

# Scripts written without spaces between words (Han, Hiragana, Katakana, Bopomofo, Yi, Thai, Lao,
# Tibetan, Myanmar, Khmer, Javanese...): a quote may start or end anywhere in a run of them.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\u1a20-\u1aaf"
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3031-\u303c\u3040-\u30ff\u3100-\u312f"
    "\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua980-\ua9ff\uaa60-\uaadf"
    "\uf900-\ufaff\uff66-\uff9f\U00016fe0-\U00016fff\U0001b000-\U0001b2ff\U00020000-\U0003ffff]"
)


def is_word_char(c: str) -> bool:
    """Letters and digits of any script, and the marks that belong to them (a word's inside)."""
    if c.isalnum():
        return True
    return not c.isascii() and unicodedata.category(c)[0] == "M"


def cuts_word(before: str, after: str) -> bool:
    """Would a quote's edge between the characters `before` and `after` cut a word in two?

    Only between two word characters, and never in a script written without spaces."""
    return (is_word_char(before) and is_word_char(after)
            and _UNSPACED.match(before) is None and _UNSPACED.match(after) is None)


def is_whole(hay: str, start: int, end: int) -> bool:
    """Does `hay[start:end]` begin and end at word boundaries of `hay`?"""
    return ((start == 0 or end == start or not cuts_word(hay[start - 1], hay[start]))
            and (end >= len(hay) or end == start or not cuts_word(hay[end - 1], hay[end])))


def whole_word_span(hay: str, start: int, end: int) -> tuple[int, int]:
    """`[start, end)` widened to the whole words its edges cut."""
    while start > 0 and cuts_word(hay[start - 1], hay[start]):
        start -= 1
    while end < len(hay) and end > 0 and cuts_word(hay[end - 1], hay[end]):
        end += 1
    return start, end


class SourceIndex:
    """Where a quote occurs, without scanning the sources for it.

    Every space-delimited token of each normalised source is indexed once with where it starts
    (its postings). A quote's interior tokens (all but its first and last, which may be parts of
    words) are whole tokens of any passage that matches it, so every occurrence of the quote
    holds its rarest interior token at a known distance from its start: checking the few places
    that token occurs finds every occurrence, with no scan (and so also proves there is no other).

    A quote of one or two tokens, or of only very common words, has no such anchor; for it the
    index narrows the sources down (a quote's first token ends a source token and its last one
    begins one) and the remaining sources are scanned.
    """

    MAX_EDGE_TOKENS = 64  # an edge token that begins or ends more tokens than this is no filter
    MAX_POSTINGS = 16  # a token that occurs more often than this does not pin a quote down

    def __init__(self, sources: list[Source]):
        self.sources = sources
        self._position = {source.id: i for i, source in enumerate(sources)}
        self._all = (1 << len(sources)) - 1
        self._shift = max(1, len(sources).bit_length())
        self._low = (1 << self._shift) - 1
        # token -> where it occurs, each place coded as (start << shift) | source number
        postings: dict[str, list[int]] = {}
        get = postings.get
        shift = self._shift
        for i, source in enumerate(sources):
            tokens = source.normalized.split(" ")
            # Token k starts after the k tokens and k spaces before it (C-level iterators).
            for token, start in zip(tokens, map(add, accumulate(map(len, tokens), initial=0), count())):
                places = get(token)
                if places is None:
                    postings[token] = [start << shift | i]
                else:
                    places.append(start << shift | i)
        # A common word never pins a quote down: keep only that it occurs (most of the memory).
        limit = self.MAX_POSTINGS
        for token, places in postings.items():
            if len(places) > limit:
                postings[token] = None
        self.postings: dict[str, list[int] | None] = postings

    @cached_property
    def masks(self) -> dict[str, int]:
        """token -> bitmask of the sources holding it (bit i: sources[i])."""
        masks: dict[str, int] = {}
        get = masks.get
        for i, source in enumerate(self.sources):
            bit = 1 << i
            for token in set(source.normalized.split(" ")):
                masks[token] = get(token, 0) | bit
        return masks

    @cached_property
    def _sorted(self) -> list[str]:
        return sorted(self.postings)

    @cached_property
    def _reversed(self) -> list[str]:
        return sorted(t[::-1] for t in self.postings)

    def _edge(self, table: list[str], prefix: str, flip: bool) -> int:
        """Sources holding a token that begins with `prefix` (in `table`); all when too many."""
        if not prefix:
            return self._all
        i = bisect_left(table, prefix)
        found = 0
        masks = self.masks
        for n, token in enumerate(table[i : i + self.MAX_EDGE_TOKENS + 1]):
            if not token.startswith(prefix):
                break
            if n == self.MAX_EDGE_TOKENS:
                return self._all
            found |= masks[token[::-1] if flip else token]
        return found

    def _candidate_mask(self, tokens: list[str]) -> int:
        if len(tokens) < 2 or len(self.sources) < 2:
            return self._all
        keep = self._all
        masks = self.masks
        for token in tokens[1:-1]:
            keep &= masks.get(token, 0)
            if keep & (keep - 1) == 0:  # one source or none left
                return keep
        keep &= self._edge(self._reversed, tokens[0][::-1], True)
        if keep & (keep - 1):
            keep &= self._edge(self._sorted, tokens[-1], False)
        return keep

    def find(self, nquote: str, within: list[Source] | None = None, whole: bool = True) -> list[tuple[Source, int]]:
        """Every occurrence of the normalised quote, as (source, start in its normalised text),
        in the indexed sources, or only in those of them listed in `within`.

        Only whole-word occurrences count (see `is_whole`), unless `whole` is false. Every anchor
        passes through here (or through `find_all`, which keeps the same rule), so `occurrence`,
        `prefix` and `suffix` only ever choose among whole-word matches."""
        only = self._all
        if within is not None and within is not self.sources:
            only = 0
            for source in within:
                i = self._position.get(source.id)
                if i is None or self.sources[i] is not source:  # not indexed here: scan it
                    return [(s, pos) for s in within for pos in find_all(s, nquote, whole)]
                only |= 1 << i
        tokens = nquote.split(" ")
        if len(tokens) > 2:
            postings = self.postings
            best = None
            best_offset = offset = len(tokens[0]) + 1
            for token in tokens[1:-1]:
                places = postings.get(token, _ABSENT)
                if places is _ABSENT:
                    return []  # a whole word of the quote is nowhere
                if places is not None and (best is None or len(places) < len(best)):
                    best, best_offset = places, offset
                    if len(places) <= 2:
                        break
                offset += len(token) + 1
            if best is not None and len(best) <= self.MAX_POSTINGS:
                hits = []
                shift, low, sources = self._shift, self._low, self.sources
                edges = _edges(nquote) if whole else None
                for code in best:
                    i = code & low
                    start = (code >> shift) - best_offset
                    if start >= 0 and only >> i & 1:
                        hay = sources[i].normalized
                        if hay.startswith(nquote, start) and (edges is None or _whole_at(hay, start, len(nquote), edges)):
                            hits.append((sources[i], start))
                return hits
        keep = self._candidate_mask(tokens) & only
        hits = []
        while keep:
            low = keep & -keep
            keep ^= low
            source = self.sources[low.bit_length() - 1]
            hits.extend((source, pos) for pos in find_all(source, nquote, whole))
        return hits


def _edges(nquote: str) -> tuple[bool, bool]:
    """Whether the quote's first and last characters are word characters: only then can its
    edges cut a word."""
    return is_word_char(nquote[0]), is_word_char(nquote[-1])


def _whole_at(hay: str, start: int, length: int, edges: tuple[bool, bool]) -> bool:
    end = start + length
    if edges[0] and start > 0 and cuts_word(hay[start - 1], hay[start]):
        return False
    if edges[1] and end < len(hay) and cuts_word(hay[end - 1], hay[end]):
        return False
    return True


def find_all(source: Source, nquote: str, whole: bool = True) -> list[int]:
    """Start positions (in the normalised text) of every occurrence of a normalised quote; only
    whole-word ones unless `whole` is false."""
    hay = source.normalized
    hits: list[int] = []
    i = hay.find(nquote)
    if i < 0:
        return hits
    edges = _edges(nquote) if whole else (False, False)
    check = edges[0] or edges[1]
    n = len(nquote)
    while i >= 0:
        if not check or _whole_at(hay, i, n, edges):
            hits.append(i)
        i = hay.find(nquote, i + 1)
    return hits


def anchor_quote(
    quote: str,
    sources: list[Source],
    *,
    prefix: str | None = None,
    suffix: str | None = None,
    occurrence: int | None = None,
    index: SourceIndex | None = None,
) -> AnchorResult:
    """Anchor `quote` in one of `sources` (usually exactly one).

    With an `index` holding those sources, only the places that can hold the quote are searched.
    """
    nq = normalize_quote(quote)
    if not nq:
        return AnchorResult(error="quote is empty")
    if not sources:
        return AnchorResult(error="there is no source to find the quote in")
    if index is not None:
        hits = index.find(nq, sources)
    else:
        hits = [(source, pos) for source in sources for pos in find_all(source, nq)]
    if not hits:
        if index is not None:
            inside = index.find(nq, sources, whole=False)
        else:
            inside = [(source, pos) for source in sources for pos in find_all(source, nq, whole=False)]
        if inside:
            return AnchorResult(error=_inside_words(nq, inside, len(sources) > 1))
        return AnchorResult(error=_not_found(nq, sources))
    if len(hits) > 1 or prefix is not None or suffix is not None or occurrence is not None:
        error = _pick(hits, nq, prefix, suffix, occurrence)
        if error:
            return AnchorResult(error=error)
    source, npos = hits[0]
    start, end, line, column, para_start, para_end = source.locate(npos, npos + len(nq))
    if para_start != para_end:
        return AnchorResult(
            error=f"quote spans paragraphs {para_start} and {para_end} of {source.id}: split it into one evidence item per paragraph"
        )
    return AnchorResult(anchor=Anchor(source.id, start, end, line, column, para_start))


def _inside_words(nq: str, hits: list[tuple[Source, int]], name_source: bool) -> str:
    """The error for a quote found only inside words: where, and the whole words it cuts."""
    source, npos = hits[0]
    hay = source.normalized
    nend = npos + len(nq)
    wstart, wend = whole_word_span(hay, npos, nend)
    edges = []
    if wstart < npos:
        first_end = whole_word_span(hay, npos, npos + 1)[1]
        edges.append(f"starts inside '{_clip(visible(_original(source, wstart, first_end)), 40)}'")
    if wend > nend:
        last_start = whole_word_span(hay, nend - 1, nend)[0]
        edges.append(f"ends inside '{_clip(visible(_original(source, last_start, wend)), 40)}'")
    start, _ = source.to_original(wstart, wend)
    where = f"{source.id} line {source.line_of(start)}" if name_source else f"line {source.line_of(start)}"
    more = f" (and {len(hits) - 1} more place{'s' if len(hits) > 2 else ''})" if len(hits) > 1 else ""
    return (f"quote is not found as whole words: it {' and '.join(edges)} ({where}){more}; "
            f'the whole words are "{_clip(visible(_original(source, wstart, wend)))}"')


def _original(source: Source, nstart: int, nend: int) -> str:
    start, end = source.to_original(nstart, nend)
    return source.text[start:end]


def _pick(hits: list[tuple[Source, int]], nq: str, prefix, suffix, occurrence) -> str | None:
    """Narrow `hits` (in place) to the one occurrence meant, or say why that fails."""
    in_sources = sorted({s.id for s, _ in hits})
    if len(in_sources) > 1:
        return f"quote is found in {len(in_sources)} sources ({', '.join(in_sources)}): add `source:` to pick one"
    total = len(hits)
    if prefix is not None or suffix is not None:
        hits[:] = [h for h in hits if _context_ok(h[0], h[1], len(nq), prefix, suffix)]
        if not hits:
            what = " and ".join(w for w, v in (("prefix", prefix), ("suffix", suffix)) if v is not None)
            return f"the {what} matches none of the quote's {total} occurrence(s)"
    if occurrence is not None:
        if not 1 <= occurrence <= len(hits):
            return (f"occurrence {occurrence} asked for, but the quote occurs {len(hits)} time(s)"
                    + (" with that prefix/suffix" if len(hits) != total else ""))
        hits[:] = [hits[occurrence - 1]]
    if len(hits) > 1:
        source = hits[0][0]
        lines = [str(source.line_of(source.to_original(p, p + len(nq))[0])) for _, p in hits[:MAX_LISTED]]
        more = f" and {len(hits) - MAX_LISTED} more" if len(hits) > MAX_LISTED else ""
        return (f"quote occurs {len(hits)} times in {source.id} (lines {', '.join(lines)}{more}): "
                "make it longer, or add `occurrence: N` or a `prefix`/`suffix` to pick one")
    return None


def _context_ok(source: Source, npos: int, nlen: int, prefix: str | None, suffix: str | None) -> bool:
    """Does the text just before (after) the occurrence end (start) with the prefix (suffix), as
    whole words?"""
    hay = source.normalized
    if prefix is not None:
        np = normalize_quote(prefix)
        if np:
            lo = max(0, npos - len(np) - 2)
            before = hay[lo:npos].rstrip()
            if not before.endswith(np) or not is_whole(hay, lo + len(before) - len(np), lo + len(before)):
                return False
    if suffix is not None:
        ns = normalize_quote(suffix)
        if ns:
            hi = npos + nlen
            after = hay[hi : hi + len(ns) + 2]
            start = hi + len(after) - len(after.lstrip())
            if not hay.startswith(ns, start) or not is_whole(hay, start, start + len(ns)):
                return False
    return True


# --- "did you mean" -----------------------------------------------------------------------------


@dataclass
class Passage:
    source: Source
    nstart: int
    nend: int
    ratio: float


def closest_passage(nq: str, sources: list[Source]) -> Passage | None:
    """The passage of `sources` most like the normalised quote `nq`, if any is close."""
    best: Passage | None = None
    for source in sources:
        hay = source.normalized
        if not hay:
            continue
        for cand in _candidate_starts(nq, hay):
            lo = max(0, cand - 10)
            window = hay[lo : cand + len(nq) + 10]
            matcher = difflib.SequenceMatcher(None, nq, window, autojunk=False)
            blocks = [b for b in matcher.get_matching_blocks() if b.size]
            if not blocks:
                continue
            # The passage runs from where the quote's first matched character lands to where its last does.
            first, last = blocks[0], blocks[-1]
            nstart = lo + first.b - first.a
            nend = lo + last.b + last.size + (len(nq) - last.a - last.size)
            nstart = max(0, nstart)
            # The end is a guess when the quote's tail differs: try nearby word ends, keep the best.
            for end in _word_ends(hay, nend, len(nq)):
                ratio = difflib.SequenceMatcher(None, nq, hay[nstart:end], autojunk=False).ratio()
                if best is None or ratio > best.ratio:
                    best = Passage(source, nstart, end, ratio)
    if best is None or best.ratio < 0.5:
        return None
    return best


def _word_ends(hay: str, guess: int, qlen: int) -> list[int]:
    """Candidate passage ends near `guess`: the guess itself and word ends within a few words."""
    slack = max(12, qlen // 5)
    lo, hi = max(0, guess - slack), min(len(hay), guess + slack)
    ends = {min(len(hay), guess)}
    ends.update(i for i in range(lo, hi) if hay[i] == " " and i > 0)
    ends.add(hi)
    return sorted(ends)


def _candidate_starts(nq: str, hay: str) -> list[int]:
    """Where in `hay` the quote might start: from its longest found prefix, suffix and word runs."""
    cands: list[int] = []
    # Longest prefix present (monotone, so binary search).
    lo, hi = 0, len(nq)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if nq[:mid] in hay:
            lo = mid
        else:
            hi = mid - 1
    if lo >= 4:
        cands.append(hay.find(nq[:lo]))
    lo, hi = 0, len(nq)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if nq[-mid:] in hay:
            lo = mid
        else:
            hi = mid - 1
    if lo >= 4:
        cands.append(hay.find(nq[-lo:]) - (len(nq) - lo))
    # Runs of three words, each voting for where the quote would start.
    words = nq.split(" ")
    offset = 0
    starts = []
    for w in words:
        starts.append(offset)
        offset += len(w) + 1
    for i in range(0, max(1, len(words) - 2), 2):
        chunk = " ".join(words[i : i + 3])
        if len(chunk) < 6:
            continue
        pos = hay.find(chunk)
        if pos >= 0:
            cands.append(pos - starts[i])
        if len(cands) > 24:
            break
    if not cands:
        low_hay, low_q = hay.lower(), nq.lower()
        pos = low_hay.find(low_q[: max(4, len(low_q) // 3)])
        if pos >= 0:
            cands.append(pos)
    return sorted({max(0, c) for c in cands})


LONG_QUOTE = 2000  # beyond this, "did you mean" compares only the quote's start (difflib is quadratic)


def _not_found(nq: str, sources: list[Source]) -> str:
    where = sources[0].id if len(sources) == 1 else f"{len(sources)} sources"
    if len(nq) > LONG_QUOTE:
        return _long_not_found(nq, sources, where)
    passage = closest_passage(nq, sources)
    if passage is None:
        return f"quote not found in {where}, and no passage is close to it"
    source = passage.source
    found = source.normalized[passage.nstart : passage.nend]
    start, end = source.to_original(passage.nstart, passage.nend)
    shown = _clip(visible(source.text[start:end]))
    line = source.line_of(start)
    src = f" {source.id}" if len(sources) > 1 else ""
    diffs = describe_differences(nq, found)
    return f'quote not found in {where}; did you mean "{shown}" ({src.strip() + " " if src else ""}line {line})? {diffs}'


def _long_not_found(nq: str, sources: list[Source], where: str) -> str:
    """For a very long quote: how far its start matches, and where it stops matching."""
    best = (0, None, -1)
    for source in sources:
        lo, hi = 0, len(nq)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if nq[:mid] in source.normalized:
                lo = mid
            else:
                hi = mid - 1
        if lo > best[0]:
            best = (lo, source, source.normalized.find(nq[:lo]))
    matched, source, npos = best
    if source is None or matched < 20:
        return f"quote not found in {where} ({len(nq):,} characters), and its start matches no passage"
    start, _ = source.to_original(npos, npos + matched)
    at = npos + matched
    theirs = _clip(visible(source.normalized[at : at + 30]), 40)
    ours = _clip(visible(nq[matched : matched + 30]), 40)
    return (f"quote not found in {where} ({len(nq):,} characters): its first {matched:,} characters match from "
            f"line {source.line_of(start)}, then the quote has '{ours}' where the source has '{theirs}'")


def describe_differences(quote: str, found: str, limit: int = 3) -> str:
    """Say briefly how `quote` differs from `found`, word by word."""
    if quote.lower() == found.lower():
        return "differs only in case"
    qw, fw = quote.split(" "), found.split(" ")
    matcher = difflib.SequenceMatcher(None, qw, fw, autojunk=False)
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        q, f = " ".join(qw[i1:i2]), " ".join(fw[j1:j2])
        if tag == "replace":
            parts.append(f"'{_clip(visible(q), 40)}' where the source has '{_clip(visible(f), 40)}'")
        elif tag == "delete":
            parts.append(f"'{_clip(visible(q), 40)}' is not in the source")
        else:
            parts.append(f"the source also has '{_clip(visible(f), 40)}'")
    if not parts:
        return ""
    more = f" (+{len(parts) - limit} more)" if len(parts) > limit else ""
    return "Differs: " + "; ".join(parts[:limit]) + more


def _clip(text: str, width: int = 160) -> str:
    if len(text) <= width:
        return text
    half = (width - 1) // 2
    return text[:half] + "…" + text[-half:]
