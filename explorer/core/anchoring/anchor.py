"""Quote anchoring: find a quote in its source, verbatim except for typography.

A quote is normalised (see `explorer.core.text`) and searched for in the source's normalised text,
which each source computes once. A match maps back to exact offsets into the original text. As in
the W3C Web Annotation TextQuoteSelector, an optional `prefix`/`suffix` (or an `occurrence` number)
picks one match when the quote occurs more than once. A quote that is not found gets the closest
passage of the source and what differs, so a typo is fixed in seconds.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cached_property
from itertools import accumulate, count
from operator import add

from explorer.core.model import NO_SOURCE, record
from explorer.core.pausing import checkpoint
from explorer.core.safetext import clip, quoted, visible
from explorer.core.anchoring.sources import _BRACKETED, Anchor, Source  # noqa: F401 - Anchor: also named here
from explorer.core.paragraphs import one_line
from explorer.core.text import (cluster_span, code_points, cuts_cluster, cuts_word, extends_cluster, is_regional_indicator,
                                is_whole, is_word_char, normalize_quote, syllabic, syllable_end, syllable_start,
                                whole_word_span, LazyPattern, UNSPACED_CHARS)

MAX_LISTED = 6


@record
class AnchorResult:
    """Where a quote was found in its source, or why it was not."""

    anchor: Anchor | None = None
    error: str | None = None


_ABSENT = object()  # what `postings.get` gives for a token no source holds
_COMMON = []  # (while the index is built: a token with too many places; never appended to)


PIECE = 1 << 16  # characters of a source split into tokens at a time (SourceIndex)


def _token_pieces(text: str):
    """`text.split(" ")` a piece at a time: (the tokens of a piece, where the piece starts), each
    piece ending at a space at least `piece` characters on (or at the end), so that together they
    are the whole text's tokens, in order. A 10 MB source of one line split at once made 1.7
    million strings at once (~120 MB) where the index keeps a few thousand."""
    n, at, piece = len(text), 0, PIECE
    while True:
        end = text.find(" ", at + piece) if at + piece < n else -1
        if end < 0:
            yield text[at:].split(" "), at
            return
        yield text[at:end].split(" "), at
        at = end + 1


class SourceIndex:
    """Where a quote occurs, without scanning the sources for it.

    Every space-delimited token of each normalised source is indexed once with where it starts
    (its postings). A quote's interior tokens (all but its first and last, which may be parts of
    words) are whole tokens of any passage that matches it, so every occurrence of the quote
    holds its rarest interior token at a known distance from its start: checking the few places
    that token occurs finds every occurrence, with no scan (and so also proves there is no other).

    A quote of two tokens, or whose interior words are all common, is pinned down by its edges
    instead when they are rare: its first token ends a source token and its last one begins
    one, so the places of the few source tokens that end (or begin) so hold every occurrence
    (`_edge_starts`). A quote of one token, or with common edges too, has no such anchor; for it
    the index narrows the sources down by the same rule and the remaining sources are scanned.
    """

    MAX_EDGE_TOKENS = 64  # an edge token that begins or ends more tokens than this is no filter
    MAX_POSTINGS = 16  # a token that occurs more often than this does not pin a quote down
    MAX_EDGE_PLACES = 64  # the places a quote's edge words give to check, at most (see _edge_starts)
    SCANS_BEFORE_COMMON = 32  # quotes scanned for before the common tokens' table is made (_candidate_mask)
    _unmasked = 0  # the quotes that were so far

    def __init__(self, sources: list[Source]):
        self.sources = sources
        self._position = {source.id: i for i, source in enumerate(sources)}
        self._all = (1 << len(sources)) - 1
        self._shift = max(1, len(sources).bit_length())
        self._low = (1 << self._shift) - 1
        # token -> where it occurs, each place coded as (start << shift) | source number. A common
        # word (more than MAX_POSTINGS places) never pins a quote down: only that it occurs is
        # kept (None), and its places stop being listed as soon as there are too many (most of
        # the words of an article are common: their places were listed, then let go).
        postings: dict[str, list[int] | None] = {}
        get = postings.get
        shift, limit = self._shift, self.MAX_POSTINGS
        common = _COMMON
        for i, source in enumerate(sources):
            checkpoint()
            source.normalized  # noqa: B018 (made now, between two checkpoints)
            checkpoint()
            for tokens, first in _token_pieces(source.normalized):
                # Token k starts after the k tokens and k spaces before it (C-level iterators).
                for token, start in zip(tokens, map(add, accumulate(map(len, tokens), initial=first), count())):
                    places = get(token)
                    if places is None:
                        postings[token] = [start << shift | i]
                    elif places is not common:
                        if len(places) < limit:
                            places.append(start << shift | i)
                        else:
                            postings[token] = common
        checkpoint()
        for n, (token, places) in enumerate(postings.items()):
            if not n & 4095:
                checkpoint()
            if places is common:
                postings[token] = None
        self.postings: dict[str, list[int] | None] = postings

    def mask(self, token: str, common: bool = True) -> int:
        """The sources holding `token`, as a bitmask (bit i: sources[i]); 0 when none does. A
        rare token's from its postings; a common one's from `_common`, made when first asked
        (most loads never ask: a quote's rare words or edges find it), or, with `common` false,
        every source (a superset: what a scan then looks through)."""
        places = self.postings.get(token, _ABSENT)
        if places is None:
            return self._common[token] if common else self._all
        if places is _ABSENT:
            return 0
        low, found = self._low, 0
        for code in places:
            found |= 1 << (code & low)
        return found

    @cached_property
    def _common(self) -> dict[str, int]:
        """Each common token (no postings kept) -> the bitmask of the sources holding it."""
        common = {token for token, places in self.postings.items() if places is None}
        masks = dict.fromkeys(common, 0)
        for i, source in enumerate(self.sources):
            bit = 1 << i
            for token in common.intersection(source.normalized.split(" ")):
                masks[token] |= bit
        return masks

    def likely_sources(self, nquote: str, within: list[Source], limit: int) -> list[Source]:
        """The sources of `within` holding the most of the quote's less common words (by their
        length), best first: where a quote that is not found is most likely misquoted from."""
        score: dict[int, int] = {}
        postings, low = self.postings, self._low
        allowed = {self._position.get(s.id) for s in within}
        for token in set(nquote.split(" ")):
            places = postings.get(token)
            if not places:
                continue
            for i in {code & low for code in places}:
                if i in allowed:
                    score[i] = score.get(i, 0) + len(token)
        best = sorted(score, key=lambda i: (-score[i], i))[:limit]
        by_id = {s.id: s for s in within}  # (the sources as given: a Markdown one may be its reading)
        return [by_id[self.sources[i].id] for i in best if self.sources[i].id in by_id]

    @cached_property
    def _sorted(self) -> list[str]:
        return sorted(self.postings)

    @cached_property
    def _reversed(self) -> list[str]:
        return sorted(t[::-1] for t in self.postings)

    def _beginning(self, table: list[str], prefix: str) -> list[str] | None:
        """The tokens of `table` (sorted) that begin with `prefix` (not empty); None when there
        are more than MAX_EDGE_TOKENS."""
        i = bisect_left(table, prefix)
        # (the tokens beginning with `prefix` are table[i:j]: counted before any is looked at)
        last = i + self.MAX_EDGE_TOKENS
        j = bisect_left(table, prefix + "\U0010ffff", i, min(last + 1, len(table)))
        while j <= last and j < len(table) and table[j].startswith(prefix):
            j += 1  # (a token with U+10FFFF just after the prefix sorts after the bound)
        if j > last:
            return None
        return table[i:j]

    def _edge(self, table: list[str], prefix: str, flip: bool, common: bool = True) -> int:
        """Sources holding a token that begins with `prefix` (in `table`); all when too many.
        (`common`: see `mask`.)"""
        if not prefix:
            return self._all
        tokens = self._beginning(table, prefix)
        if tokens is None:
            return self._all
        found = 0
        mask = self.mask
        for token in tokens:
            found |= mask(token[::-1] if flip else token, common)
        return found

    def _edge_starts(self, tokens: list[str], length: int) -> list[tuple[int, int]] | None:
        """Where a quote of these `tokens` (two or more; `length` characters in all) can start,
        as (source number, start), in order, from the places of the source tokens its edges can
        be part of: its first token is followed by a space, so it ends a source token (the
        quote starts that far before the token's end), and its last one follows a space, so it
        begins one. The edge with fewer places is taken (the first when it has two at most);
        None when neither has few enough (a
        source token it can be part of is common, or there are too many such tokens, or more
        than MAX_EDGE_PLACES places in all): the sources are scanned then."""
        limit, most = self.MAX_POSTINGS, self.MAX_EDGE_PLACES
        postings, shift, low = self.postings, self._shift, self._low
        best = None
        for edge, first in ((tokens[0], True), (tokens[-1], False)):
            if not edge:
                continue
            found = self._beginning(self._reversed, edge[::-1]) if first else self._beginning(self._sorted, edge)
            if found is None:
                continue
            starts = []
            for token in found:
                if first:
                    token = token[::-1]
                places = postings[token]
                if places is None or len(places) > limit:
                    starts = None
                    break
                back = len(token) - len(edge) if first else len(edge) - length  # (token start -> quote start)
                starts += [(code & low, (code >> shift) + back) for code in places]
                if len(starts) > most:
                    starts = None
                    break
            if starts is not None and (best is None or len(starts) < len(best)):
                best = starts
                if len(best) <= 2:
                    break  # (few enough: the other edge is not looked at)
        if best is not None:
            best.sort()
        return best

    def _candidate_mask(self, tokens: list[str]) -> int:
        """The sources that may hold a quote of these `tokens`. The first SCANS_BEFORE_COMMON
        quotes asked about (before the common tokens' table is made) count a common token as
        in every source: scanning a few quotes costs less than that table."""
        if len(tokens) < 2 or len(self.sources) < 2:
            return self._all
        common = "_common" in self.__dict__ or self._unmasked >= self.SCANS_BEFORE_COMMON
        if not common:
            self._unmasked += 1
        keep = self._all
        mask = self.mask
        for token in tokens[1:-1]:
            keep &= mask(token, common)
            if keep & (keep - 1) == 0:  # one source or none left
                return keep
        keep &= self._edge(self._reversed, tokens[0][::-1], True, common)
        if keep & (keep - 1):
            keep &= self._edge(self._sorted, tokens[-1], False, common)
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
                for code in best:
                    i = code & low
                    start = (code >> shift) - best_offset
                    if start >= 0 and only >> i & 1:
                        hay = sources[i].normalized
                        if hay.startswith(nquote, start) and (not whole or whole_at(sources[i], hay, start, len(nquote))):
                            hits.append((sources[i], start))
                return hits
        if len(tokens) > 1:  # (no rare inner word: where its edge words can be)
            starts = self._edge_starts(tokens, len(nquote))
            if starts is not None:
                sources = self.sources
                hits = []
                for i, start in starts:
                    if start >= 0 and only >> i & 1:
                        hay = sources[i].normalized
                        if hay.startswith(nquote, start) and (not whole or whole_at(sources[i], hay, start, len(nquote))):
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


def whole_at(source: Source, hay: str, start: int, length: int, edges: tuple[bool, bool] | None = None) -> bool:
    """Does the match `hay[start:start + length]` (of `source.normalized`) have whole words and
    whole characters at both ends? The one place a match's edges are accepted: every anchor,
    every count of occurrences, `factex quote`, the app's new card and every mention of an
    entity's name (`mentions.NameIndex.find`) pass through here.
    `edges`: `_edges` of the match, when the caller has it."""
    end = start + length
    before = hay[start - 1] if start else " "
    after = hay[end] if end < len(hay) else " "
    # Most matches stand between spaces or ASCII punctuation (no word character, never part of
    # a cluster) and start with a character that joins nothing before it: whole, as the general
    # checks below would find, at a fraction of their cost.
    if (before < "\x80" and after < "\x80" and not before.isalnum() and not after.isalnum()
            and hay[start] < "\u0300" and not source.joins):
        return True
    if edges is None:
        edges = is_word_char(hay[start]), is_word_char(hay[end - 1])
    return _words_at(hay, start, length, edges) and not _cuts_cluster(source, hay, start, end)


def _words_at(hay: str, start: int, length: int, edges: tuple[bool, bool]) -> bool:
    """Does the match begin and end at word boundaries (where its edge is a word character)?"""
    end = start + length
    if edges[0] and start > 0 and cuts_word(hay[start - 1], hay[start]):
        return False
    if edges[1] and end < len(hay) and cuts_word(hay[end - 1], hay[end]):
        return False
    return True


def _may_join(c: str) -> bool:
    """Could a cluster go on across the edge before `c` (of the normalised text)?"""
    return c >= "\u0300" and (extends_cluster(c) or is_regional_indicator(c))


def _cuts_cluster(source: Source, hay: str, start: int, end: int) -> bool:
    """Does the match `hay[start:end]` start or end inside a grapheme cluster of the source's
    original text (`text.cuts_cluster`)? Judged on the original offsets: normalising composes
    accents and drops zero-width joiners, so the normalised text alone cannot tell. Most matches
    are settled by the normalised characters after their edges, which only a mark, a modifier, a
    tag or a regional indicator (or a joiner the source holds) leave open."""
    if not source.joins and not _may_join(hay[start]) and (end >= len(hay) or not _may_join(hay[end])):
        return False
    ostart, oend = source.to_original(start, end)
    text = source.text
    return cuts_cluster(text, ostart) or cuts_cluster(text, oend)


def find_all(source: Source, nquote: str, whole: bool = True) -> list[int]:
    """Start positions (in the normalised text) of every occurrence of a normalised quote; only
    whole-word ones unless `whole` is false."""
    hay = source.normalized
    hits: list[int] = []
    i = hay.find(nquote)
    if i < 0:
        return hits
    n = len(nquote)
    if not whole:
        while i >= 0:
            hits.append(i)
            i = hay.find(nquote, i + 1)
        return hits
    edges = _edges(nquote)
    while i >= 0:
        if whole_at(source, hay, i, n, edges):
            hits.append(i)
        i = hay.find(nquote, i + 1)
    return hits


def unbroken_hits(nq: str, sources) -> list[tuple[Source, int]]:
    """Where a normalised quote found nowhere as the sources are is found once each word a hyphen
    breaks across a line end ("ac-\ncount", text from a PDF) is read whole (`Source.unbroken`):
    (that reading of the source, position), whose offsets are the source's own."""
    return [(whole, pos) for source in sources if (whole := source.unbroken) is not None for pos in find_all(whole, nq)]


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
        return AnchorResult(error=NO_SOURCE)
    picked = picked_by_prefix(sources[0], nq, prefix, suffix, occurrence, index) if prefix and len(sources) == 1 else None
    if picked:
        hits = picked
    elif index is not None:
        hits = index.find(nq, sources)
    else:
        hits = [(source, pos) for source in sources for pos in find_all(source, nq)]
    return anchor_hits(nq, hits, sources, prefix=prefix, suffix=suffix, occurrence=occurrence, index=index)


def anchor_hits(
    nq: str,
    hits: list[tuple[Source, int]],
    sources: list[Source],
    *,
    prefix: str | None = None,
    suffix: str | None = None,
    occurrence: int | None = None,
    index: SourceIndex | None = None,
) -> AnchorResult:
    """The rest of `anchor_quote`, for a caller that has looked the quote up already: `nq` is the
    normalised quote (not empty) and `hits` its whole-word occurrences in `sources` (what
    `index.find(nq, sources)` gives)."""
    if not hits:
        hits = unbroken_hits(nq, sources)
    if not hits:
        if index is not None:
            inside = index.find(nq, sources, whole=False)
        else:
            inside = [(source, pos) for source in sources for pos in find_all(source, nq, whole=False)]
        if inside:
            return AnchorResult(error=_inside(nq, inside, len(sources) > 1))
        return AnchorResult(error=_not_found(nq, sources, index))
    if len(hits) > 1 or prefix is not None or suffix is not None or occurrence is not None:
        error = _pick(hits, nq, prefix, suffix, occurrence, len(sources) == 1)
        if error:
            return AnchorResult(error=error)
    source, npos = hits[0]
    found = anchor_at(source, npos, npos + len(nq))
    return AnchorResult(anchor=found) if found.__class__ is Anchor else AnchorResult(error=found)


def anchor_at(source: Source, nstart: int, nend: int) -> Anchor | str:
    """The anchor of the match `[nstart, nend)` of `source.normalized` (a quote's one place), or
    the error when it spans paragraphs: every anchor is made here."""
    start, end, line, column, para_start, para_end = source.locate(nstart, nend)
    if para_start != para_end:
        return f"quote spans paragraphs {para_start} and {para_end} of {source.id}: split it into one evidence item per paragraph"
    return Anchor(source.id, start, end, line, column, para_start)


def inside_words(quote: str, sources: list[Source]) -> str | None:
    """What `anchor_quote` says of a quote found only inside words ("quote is not found as whole
    words: it ends inside 'मोदी' (line 3); the whole words are ..."), or None when the quote is
    not inside a word of `sources` (found whole, or not at all)."""
    nq = normalize_quote(quote)
    if not nq or any(find_all(source, nq) for source in sources):
        return None
    hits = [(source, pos) for source in sources for pos in find_all(source, nq, whole=False)]
    return _inside(nq, hits, len(sources) > 1) if hits else None


def _inside(nq: str, hits: list[tuple[Source, int]], name_source: bool) -> str:
    """The error for a quote found only inside words or inside characters (`hits`: every place
    it is found, none of them whole): inside characters when some place has whole words (it only
    cuts a character), else inside words."""
    edges = _edges(nq)
    cut = [(source, pos) for source, pos in hits if _words_at(source.normalized, pos, len(nq), edges)]
    return _inside_characters(nq, cut, name_source) if cut else _inside_words(nq, hits, name_source)


def _inside_characters(nq: str, hits: list[tuple[Source, int]], name_source: bool) -> str:
    """The error for a quote whose every whole-word occurrence starts or ends inside a character
    (a grapheme cluster: 👏 of 👏🏽, half a flag, an emoji before its joiner, a letter before its
    accent): where, each cluster it cuts with its code points, and the whole characters."""
    source, npos = hits[0]
    start, end = source.to_original(npos, npos + len(nq))
    text = source.text
    edges = []
    wstart, wend = start, end
    first = None  # where the first character cut starts
    for at, verb in ((start, "starts"), (end, "ends")):
        if cuts_cluster(text, at):
            a, b = cluster_span(text, at)
            first = a if first is None else first
            wstart, wend = min(wstart, a), max(wend, b)
            edges.append(f"{verb} inside the character {quoted(_clip(visible(text[a:b]), 100))} ({code_points(text[a:b])})")
    where = f"{visible(source.path)}:{source.line_of(first)}:{source.column_of(first)}"
    more = f" (and {len(hits) - 1} more place{'s' if len(hits) > 2 else ''})" if len(hits) > 1 else ""
    return (f"quote is not found as whole characters: it {' and '.join(edges)} ({where}){more}; "
            f'the whole characters are "{_clip(visible(text[wstart:wend]))}"')


def _inside_words(nq: str, hits: list[tuple[Source, int]], name_source: bool) -> str:
    """The error for a quote found only inside words: where, and the whole words it cuts."""
    source, npos = hits[0]
    hay = source.normalized
    nend = npos + len(nq)
    wstart, wend = whole_word_span(hay, npos, nend)
    edges = []
    if wstart < npos:
        first_end = whole_word_span(hay, npos, npos + 1)[1]
        if syllabic(hay[npos]):  # (Thai, Lao: the syllable it starts in, whole)
            first_end = max(first_end, syllable_end(hay, npos + 1))
        edges.append(f"starts inside {quoted(_clip(visible(_original(source, wstart, first_end)), 40))}")
    if wend > nend:
        last_start = whole_word_span(hay, nend - 1, nend)[0]
        if syllabic(hay[nend - 1]):
            last_start = min(last_start, syllable_start(hay, nend - 1))
        edges.append(f"ends inside {quoted(_clip(visible(_original(source, last_start, wend)), 40))}")
    start, _ = source.to_original(wstart, wend)
    where = f"{source.id} line {source.line_of(start)}" if name_source else f"line {source.line_of(start)}"
    more = f" (and {len(hits) - 1} more place{'s' if len(hits) > 2 else ''})" if len(hits) > 1 else ""
    return (f"quote is not found as whole words: it {' and '.join(edges)} ({where}){more}; "
            f'the whole words are {quoted(_clip(visible(_original(source, wstart, wend))), double=True)}')


def _original(source: Source, nstart: int, nend: int) -> str:
    start, end = source.to_original(nstart, nend)
    return source.text[start:end]


def _pick(hits: list[tuple[Source, int]], nq: str, prefix, suffix, occurrence, one_source: bool = False) -> str | None:
    """Narrow `hits` (in place) to the one occurrence meant, or say why that fails. `one_source`:
    the hits are all in one source (looked up in one), not counted again."""
    in_sources = () if one_source else sorted({s.id for s, _ in hits})
    if len(in_sources) > 1:
        return f"quote is found in {len(in_sources)} sources ({', '.join(in_sources)}): add `source:` to pick one"
    total = len(hits)
    if prefix is not None or suffix is not None:
        np, ns = (normalize_quote(prefix) if prefix is not None else None), (normalize_quote(suffix) if suffix is not None else None)
        hits[:] = [h for h in hits if _context_fits(h[0].normalized, h[1], len(nq), np, ns)]
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
        starts = [source.to_original(p, p + len(nq))[0] for _, p in hits[:MAX_LISTED]]
        places = [f"{source.line_of(o)}:{source.column_of(o)}" for o in starts]
        more = f" and {len(hits) - MAX_LISTED} more" if len(hits) > MAX_LISTED else ""
        told = _telling_prefixes(source, [p for _, p in hits], len(nq))
        how = "" if told is None else ": " + ", ".join(
            f"`prefix: {quoted(words, double=True)}` picks the one at {place}" for words, place in zip(told, places))
        return (f"quote occurs {len(hits)} times in {source.id} (at line:column {', '.join(places)}{more}): "
                "make it longer, or add `occurrence: N` or a `prefix`/`suffix` to pick one" + how)
    return None


# --- a prefix picking one of many occurrences -------------------------------------------------------
#
# A live blog repeats a heading under each update's time ("13:10 GMT. What we know so far"), and a
# card per update quotes it with `prefix: "13:10 GMT."`. Each such quote looked all of the heading's
# occurrences up and tried the prefix on each: 4,000 quotes of a phrase 4,000 times took 17 s. The
# occurrences of a quote in a source are now looked up once, and kept by the last characters
# before each: a prefix is tried only on the occurrences that end as it does.

MANY = 64  # occurrences of a quote from which the ones a prefix picks are looked up by its end
_LAST = 64  # characters of a prefix's end (at most) they are kept by: one table for each length up to it
_TABLES = 8  # tables a quote keeps (of prefixes of as many lengths; then it forgets the oldest)
_KEPT = 1 << 20  # occurrences a source keeps, of all its quotes (then it forgets them all): each is
# looked up anyway for every quote of it, so this keeps the memory within a few times that


class _Befores:
    """The whole-word occurrences of one normalised quote in one source, in order, and, for each
    length k up to _LAST, by the k characters that end the text before each (less the one or two
    spaces a prefix may leave out): a prefix can pick only the occurrences its own last k
    characters end."""

    def __init__(self, hay: str, positions: list[int]) -> None:
        self.hay, self.positions, self.by = hay, positions, {}

    def fitting(self, nlen: int, np: str, ns: str | None) -> list[int]:
        k = min(_LAST, len(np))
        table = self.by.get(k)
        if table is None:
            if len(self.by) >= _TABLES:
                del self.by[next(iter(self.by))]
            table = self.by[k] = {}
            hay = self.hay
            for p in self.positions:
                window = hay[max(0, p - k - 2) : p]
                before = window.rstrip()
                if len(window) - len(before) <= 2:
                    table.setdefault(before[-k:], []).append(p)
        # (the exact check on each, as for every quote: the table only leaves out those that cannot fit)
        return [p for p in table.get(np[-k:], ()) if _context_fits(self.hay, p, nlen, np, ns)]


def picked_by_prefix(source: Source, nq: str, prefix: str | None, suffix: str | None, occurrence: int | None,
                     index: SourceIndex | None = None) -> list[tuple[Source, int]] | None:
    """The occurrences of the normalised quote `nq` in `source` that `prefix` (and `suffix`) pick,
    as `index.find` gives occurrences, so that `anchor_hits` says of them all it says of all the
    quote's occurrences: None (look them all up) unless the quote occurs at least MANY times, the
    prefix is not empty, and some occurrence (the `occurrence`-th among them) fits it."""
    np = normalize_quote(prefix) if prefix is not None else ""
    if not np:
        return None
    kept = source.__dict__.get("_befores")
    if kept is None:
        kept = source.__dict__["_befores"] = {}
    befores = kept.get(nq)
    if befores is None:
        positions = [p for _, p in index.find(nq, [source])] if index is not None else find_all(source, nq)
        size = source.__dict__.get("_befores_kept", 0) + len(positions) + 1
        if size > _KEPT:
            kept.clear()
            size = len(positions) + 1
        source.__dict__["_befores_kept"] = size
        befores = kept[nq] = _Befores(source.normalized, positions) if len(positions) >= MANY else False
    if befores is False:
        return None
    fit = befores.fitting(len(nq), np, normalize_quote(suffix) if suffix is not None else None)
    if not fit or occurrence is not None and not 1 <= occurrence <= len(fit):
        return None  # (what is wrong is said of all the occurrences)
    return [(source, p) for p in fit]


TOLD_AT_MOST = 3  # occurrences a message gives the telling prefix of
_WORD_BEFORE = LazyPattern(r"(\S+)\s*$")


def _telling_prefixes(source: Source, npositions: list[int], nlen: int, words: int = 4) -> list[str] | None:
    """For each occurrence of a quote, the fewest words just before it (as the source writes them,
    on the same line or paragraph) that no other occurrence has before it: what a `prefix` that
    picks it says. A live blog repeats its headings ("What we know so far") under each update's
    time ("13:10 GMT"), a speech its refrain. In a script written without spaces, the fewest
    characters. None when there are more than TOLD_AT_MOST or one has no such words within
    `words` (a paragraph's first words)."""
    if len(npositions) > TOLD_AT_MOST:
        return None
    hay = source.normalized
    told = []
    for npos in npositions:
        for start in _starts_before(hay, npos, words):
            a, b = source.to_original(start, start + len(hay[start:npos].rstrip()))
            words_before = source.text[a:b]
            if [q for q in npositions if _context_ok(source, q, nlen, words_before, None)] == [npos]:
                told.append(words_before)
                break
        else:
            return None
    return told


def _starts_before(hay: str, npos: int, words: int):
    """Where the last 1, 2, ... `words` words before `npos` start, within its paragraph; in a run
    of a script written without spaces, the last 2, 4, ... 12 characters."""
    start = npos
    for _ in range(words):
        m = _WORD_BEFORE.search(hay, max(0, start - 80), start)
        if m is None or "\n\n" in hay[m.start() : npos]:
            return
        word = m.group(1)
        if len(word) > 12 and _UNSPACED_CHAR.search(word):
            end = m.start(1) + len(word)
            for n in (2, 4, 6, 8, 12):
                yield end - n
            return
        start = m.start()
        yield start


_UNSPACED_CHAR = LazyPattern("[" + UNSPACED_CHARS + "]")


def _context_ok(source: Source, npos: int, nlen: int, prefix: str | None, suffix: str | None) -> bool:
    """Does the text just before (after) the occurrence end (start) with the prefix (suffix), as
    whole words?"""
    return _context_fits(source.normalized, npos, nlen, None if prefix is None else normalize_quote(prefix),
                         None if suffix is None else normalize_quote(suffix))


def _context_fits(hay: str, npos: int, nlen: int, np: str | None, ns: str | None) -> bool:
    """`_context_ok` with the prefix and suffix normalised (once for all of a quote's occurrences)."""
    if np is not None:
        if np:
            lo = max(0, npos - len(np) - 2)
            before = hay[lo:npos].rstrip()
            if not before.endswith(np) or not is_whole(hay, lo + len(before) - len(np), lo + len(before)):
                return False
    if ns is not None:
        if ns:
            hi = npos + nlen
            after = hay[hi : hi + len(ns) + 2]
            start = hi + len(after) - len(after.lstrip())
            if not hay.startswith(ns, start) or not is_whole(hay, start, start + len(ns)):
                return False
    return True


# --- "did you mean" -----------------------------------------------------------------------------


LONG_QUOTE = 3000  # of a longer quote, "did you mean" compares the start (the first 3,000 characters)


def _as_read(source: Source) -> Source:
    """A Markdown source as rendered (`Source.unbroken`), any other as it is."""
    if source.path[-3:].lower() == ".md":
        return source.unbroken or source
    return source


def shown_text(source: Source, start: int, end: int) -> str:
    """`source.text[start:end]` as a reader sees it: a Markdown source's rendered reading without
    the zero-width spaces that stand for its markup."""
    text = source.text[start:end]
    return text.replace("\u200b", "") if source.__dict__.get("rendered") else text


def _not_found(nq: str, sources: list[Source], index: SourceIndex | None = None) -> str:
    where = sources[0].id if len(sources) == 1 else f"{len(sources)} sources"
    edited = _edited(nq, sources)
    if edited is not None:
        return f"quote not found in {where}: {edited}"
    if len(nq) > LONG_QUOTE:
        return _long_not_found(nq, sources, where, index)
    from explorer.core.anchoring.nearest import closest_passage  # (only for a quote not found)

    # a Markdown source as its reader reads it (see Source.unbroken): the passage as the page shows it
    passage = closest_passage(nq, [_as_read(s) for s in sources], index)
    if passage is None:
        return f"quote not found in {where}, and no passage is close to it"
    source = passage.source
    start, end = source.to_original(passage.nstart, passage.nend)
    shown = _clip(visible(one_line(shown_text(source, start, end))))  # (a wrapped passage as typed: no ␤)
    line = source.line_of(start)
    src = f"{source.id} " if len(sources) > 1 else ""
    diffs = f" It {passage.differences}." if passage.differences.startswith("differs") else (
        f" {passage.differences[0].upper()}{passage.differences[1:]}." if passage.differences else "")
    para_start, para_end = source.locate(passage.nstart, passage.nend)[4:]
    if para_start != para_end:  # (fixed as it says, it would span them: "split it", as a quote that does is told)
        diffs += (f" That passage spans paragraphs {para_start} and {para_end}: split it into one evidence item per "
                  f"paragraph.")
    return f'quote not found in {where}; did you mean {quoted(shown, double=True)} ({src}line {line})?{diffs}'


_ELISION = LazyPattern(r"\s*(?:\[\s*\.{3,}\s*\]|\.{3,}|\[[^\[\]]{1,60}\])\s*")  # `...`, `[...]`, `[a writer's words]`


def edited_quote(quote: str, sources) -> str | None:
    """What `factex quote` and a card's check say of a quote edited as writers edit one (words left
    out, or the writer's own in brackets) whose pieces are the source's own words; else None."""
    return _edited(normalize_quote(quote), list(sources))


def _edited(nq: str, sources: list[Source]) -> str | None:
    """A quote edited as a writer edits one, whose pieces are the source's own words in order: an
    elision (`...`, `…`, `[...]`) leaving words out, or words of the writer's own in square brackets
    (`[Flores] said`). Each piece is found, as whole words, after the one before it, in one
    source: say what was done and what to quote instead. None when it is not that."""
    dropped = _dropped_brackets(nq, sources)
    if dropped is not None:
        return dropped
    if "..." not in nq and "[" not in nq:
        return _joined(nq, sources)
    marks = _ELISION.findall(nq)
    typed = [p for p in _ELISION.split(nq) if p.strip()]
    if not marks or not typed:
        return None
    # The quotation marks a writer puts round the whole ("“Em 2012 eu errei. ... Não me posicionei
    # politicamente.”", where the speaker's words go on after "politicamente."): the pieces are
    # looked for with them, then without those the source does not have there.
    lead = len(typed[0]) - len(typed[0].lstrip(_EDGE_MARKS))
    trail = len(typed[-1]) - len(typed[-1].rstrip(_EDGE_MARKS))
    for a, b in sorted(((a, b) for a in range(lead + 1) for b in range(trail + 1)), key=sum):
        pieces = list(typed)
        pieces[0] = pieces[0][a:]
        pieces[-1] = pieces[-1][: len(pieces[-1]) - b]
        if not all(any(c.isalnum() for c in p) for p in pieces):
            continue
        for source in sources:
            hay = source.normalized
            placed = _placed(source, [piece.strip(" ") for piece in pieces])
            if placed is not None:
                first, at = placed
                line = source.line_of(source.to_original(first, first + 1)[0])
                src = f"{source.id} " if len(sources) > 1 else ""
                mark = marks[0].strip()
                what = ("it leaves words out (" + quoted(mark) + ")" if "..." in mark
                        else "it holds words in square brackets (" + quoted(_clip(mark, 40)) + "), a writer's own")
                said = []  # (at each mark left out, what the source has there: its own mark, or none)
                for cut, where, typed_mark, word in ((a, first - 1, typed[0][:a], "before " + pieces[0].split()[0]),
                                                     (b, at, typed[-1][len(typed[-1]) - b :], "after " + pieces[-1].split()[-1])):
                    if cut:
                        there = hay[where] if 0 <= where < len(hay) and hay[where] in _EDGE_MARKS else None
                        said.append(f"the source has {quoted(there)} where you typed {quoted(typed_mark)}" if there else
                                    f"the source has no quotation mark {word.split()[0]} {quoted(_clip(visible(word.split(' ', 1)[1])))}")
                marked = "".join(f"; {one}" for one in said)
                if len(pieces) == 1:
                    return (f"{what}, and a quote is one run of the source's own words. The rest is there "
                            f"({src}line {line}): quote it without them{marked}")
                # the whole passage, to copy, where one quote may take it: within a paragraph ("or the
                # whole passage" was said of parts paragraphs apart too, which no quote spans)
                start, stop = source.to_original(first, at)
                if "\n\n" in source.text[start:stop].replace("\r", ""):
                    return (f"{what}, and a quote is one run of the source's own words. Its {len(pieces)} parts are "
                            f"there, in order, in different paragraphs ({src}line {line}): quote each as a quote of "
                            f"its own{marked}")
                whole = quoted(_clip(visible(source.text[start:stop])), double=True)
                return (f"{what}, and a quote is one run of the source's own words. Its {len(pieces)} parts are "
                        f"there, in order ({src}line {line}): quote each as a quote of its own, or the whole passage, "
                        f"{whole}{marked}")
    return None


def _placed(source: Source, pieces: list[str], tries: int = 64) -> tuple[int, int] | None:
    """Where the pieces of an elided quote stand in order, as whole words, in `source.normalized`:
    (where the first starts, where the last ends), the shortest placing within one paragraph among
    those from the first `tries` places of the first piece, else the first of all; None if
    nowhere. (The first piece's first place could be a paragraph before the one that holds them all;
    a common first word, "chuyến ... cũng gặp khó" in Vietnamese, the sentence before the one meant.)"""
    hay, start, found, best = source.normalized, 0, None, None
    for _ in range(tries):
        at, first = start, None
        for piece in pieces:
            pos = hay.find(piece, at)
            while pos >= 0 and not is_whole(hay, pos, pos + len(piece)):
                pos = hay.find(piece, pos + 1)
            if pos < 0:
                return best or found
            first = pos if first is None else first
            at = pos + len(piece)
        a, b = source.to_original(first, at)
        if "\n\n" not in source.text[a:b].replace("\r", "") and (best is None or at - first < best[1] - best[0]):
            best = first, at
        found = found or (first, at)
        start = first + 1
    return best or found


_EDGE_MARKS = "\"'"  # every quotation mark, as a normalised quote writes it (“ ” « » „ ‘ ’ ...)


def _dropped_brackets(nq: str, sources: list[Source]) -> str | None:
    """A quote that leaves out words the source has in square brackets, a writer's own inside what
    someone said ("nothing did helped" for "nothing [the police] did helped", "a disaster for" for
    "a disaster [sic] for"): what it leaves out and the whole passage to quote; None when it is not
    that. (Did-you-mean offered a passage that began or ended inside the brackets: "] did helped".)"""
    for words in (True, False):
        for source in sources:
            whole = source.unbracketed if words else source.unbracket_marked
            if whole is None:
                continue
            for npos in find_all(whole, nq):
                start, end = whole.to_original(npos, npos + len(nq))
                text = source.text
                if "\n\n" in text[start:end].replace("\r", ""):
                    continue
                found = [m for m in _BRACKETED.finditer(text, max(0, start - 64), end + 64)
                         if m.end() > start and m.start() < end]
                if not found:
                    continue
                groups = [m.group().strip() for m in found]  # (a group the quote starts or ends in: all of it)
                start = min(start, found[0].start() + len(found[0].group()) - len(found[0].group().lstrip()))
                end = max(end, found[-1].end())
                shown = ", ".join(quoted(_clip(visible(g), 60)) for g in dict.fromkeys(groups))
                passage = quoted(_clip(visible(text[start:end])), double=True)
                where = f"{source.id + ' ' if len(sources) > 1 else ''}line {source.line_of(start)}"
                if not words:
                    return (f"it leaves out the square brackets of {shown}, a writer's own words inside what was said, "
                            f"and a quote is the source's own text, brackets and all ({where}): quote {passage}")
                them = "them" if len(groups) > 1 else "it"
                return (f"it leaves out {shown}, a writer's own words the source has in square brackets inside "
                        f"what was said, and a quote is the source's own text, brackets and all ({where}): quote "
                        f"the whole passage, {passage}, or the words before and after {them} as quotes of their own")
    return None


JOINED_GAP = 200  # characters of the source at most between the two runs a quote joins
JOINED_QUOTE = 600  # a longer quote, or one against more sources than JOINED_SOURCES, is not tried
JOINED_SOURCES = 24


JOINED_TRIES = 64  # places of the first run tried, at most, in each source


def _whole_find(hay: str, piece: str, at: int, stop: int | None = None) -> int:
    """Where `piece` is next in `hay[at:stop]` as whole words, or -1."""
    stop = len(hay) if stop is None else stop
    pos = hay.find(piece, at, stop)
    while pos >= 0 and not is_whole(hay, pos, pos + len(piece)):
        pos = hay.find(piece, pos + 1, stop)
    return pos


def _joined(nq: str, sources: list[Source]) -> str | None:
    """A quote whose words are the source's own in two runs, with the source's words between them
    left out and no mark saying so: a statement joined across the attribution that interrupts it
    ("«Был момент, — сказал господин Панвалкар, — когда он чувствовал...»" quoted as "Был момент,
    когда он чувствовал..."), or across a sentence. Each run of two words or more, whole words, the
    second after the first in the same paragraph, at most JOINED_GAP characters later, two words or
    more between them. What was left out, and the whole passage to quote instead; None when it is
    not that."""
    ends = [m.end() for m in _WORD_RUN.finditer(nq)]
    if len(ends) < 4 or len(nq) > JOINED_QUOTE or len(sources) > JOINED_SOURCES:
        return None
    typed = [nq, nq[1:].lstrip()] if nq.startswith('"') else [nq]  # (and without an opening mark typed round the whole)
    for source in sources:
        hay = source.normalized
        for nq in typed:
            ends = [m.end() for m in _WORD_RUN.finditer(nq)]
            lo, hi = 0, len(ends) - 2  # how many of the quote's first words the source holds, at most
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if nq[: ends[mid - 1]].rstrip(_JOINING) in hay:
                    lo = mid
                else:
                    hi = mid - 1
            for k in range(lo, max(lo - 3, 2) - 1, -1):  # (a few shorter first runs, should the longest mislead)
                # (the mark a person typed to join the two, "each other. It was" for the source's "each
                # other,” says Werner. “It was", is neither run's; the source's own is tried first)
                for head in dict.fromkeys((nq[: ends[k - 1]], nq[: ends[k - 1]].rstrip(_JOINING))):
                    said = _joined_at(source, sources, head, nq[ends[k - 1] :].strip())
                    if said is not None:
                        return said
    return None


def _joined_at(source: Source, sources: list[Source], head: str, tail: str) -> str | None:
    """_joined's finding for one first run and the rest, in one source; None if they are not there."""
    hay = source.normalized
    pos, tries = _whole_find(hay, head, 0), 0
    while pos >= 0 and tries < JOINED_TRIES:  # (a 10 MB source holds a common run many times)
        tries += 1
        end = pos + len(head)
        rest = tail
        after = _whole_find(hay, rest, end + 1, end + JOINED_GAP + len(rest) + 1)
        if after < 0 and rest.endswith('"'):  # (the closing mark typed round the whole, not the source's there)
            rest = rest.rstrip('"').rstrip()
            after = _whole_find(hay, rest, end + 1, end + JOINED_GAP + len(rest) + 1)
        if after > end and len(_WORDS_IN.findall(hay, end, after)) >= 2:
            start, stop = source.to_original(pos, after + len(rest))
            if "\n\n" not in source.text[start:stop].replace("\r", ""):
                gap = _clip(visible(source.text[slice(*source.to_original(end, after))].strip()), 60)
                line = source.line_of(start)
                src = f"{source.id} " if len(sources) > 1 else ""
                whole = _clip(visible(source.text[start:stop]))
                return (f"it leaves out {quoted(gap)}, which the source has between its words, and a quote is "
                        f"one run of the source's own words. Both parts are there, in order ({src}line {line}): "
                        f"quote each as a quote of its own, or the whole passage, {quoted(whole, double=True)}")
        pos = _whole_find(hay, head, pos + 1)
    return None


_WORD_RUN = LazyPattern(r"\S+")
_JOINING = ".,;:"  # what may end the first run of a joined quote without being the source's there
_WORDS_IN = LazyPattern(r"[^\W_]+")  # (a gap of one word, or of marks only, is did-you-mean's: "the source has 'on' after 'said'")


def _long_not_found(nq: str, sources: list[Source], where: str, index) -> str:
    """For a very long quote: how far its start matches, and where it stops matching; or, when
    its start matches nothing, the passage closest to its first words."""
    best = (0, None, -1)
    for source in sources:
        lo, hi = 0, len(nq)
        while lo < hi:  # the longest prefix found (presence is monotone in the length)
            mid = (lo + hi + 1) // 2
            if nq[:mid] in source.normalized:
                lo = mid
            else:
                hi = mid - 1
        if lo > best[0]:
            best = (lo, source, source.normalized.find(nq[:lo]))
    matched, source, npos = best
    size = f"{len(nq):,} characters"
    if source is not None and matched >= 20:
        start, _ = source.to_original(npos, npos + matched)
        at = npos + matched
        theirs = _clip(visible(source.normalized[at : at + 30]), 40)
        ours = _clip(visible(nq[matched : matched + 30]), 40)
        src = f"{source.id} " if len(sources) > 1 else ""
        return (f"quote not found in {where} ({size}): its first {matched:,} characters match from "
                f"{src}line {source.line_of(start)}, then the quote has {quoted(ours)} where the source has {quoted(theirs)}")
    cut = nq.rfind(" ", 0, 80)  # its first words
    from explorer.core.anchoring.nearest import closest_passage

    passage = closest_passage(nq[: cut if cut > 0 else 80], sources, index)
    if passage is None:
        return f"quote not found in {where} ({size}), and no passage is close to its start"
    source = passage.source
    start, end = source.to_original(passage.nstart, passage.nend)
    src = f"{source.id} " if len(sources) > 1 else ""
    return (f'quote not found in {where} ({size}); its start is closest to "{_clip(visible(source.text[start:end]))}" '
            f"({src}line {source.line_of(start)})")


def _clip(text: str, width: int = 160) -> str:
    # (between whole markers and letters: half a `⟨U+202E⟩` is no marker, an accent alone no letter)
    return clip(text, width)
