"""One query run over the tables of the index: which records match, how they rank, and the hits.

`Run.match()` narrows a kind's records term by term with whole-string scans (the most selective
term first; later terms over the candidates only), remembering scans that kinds share;
`Run.rank()` scores a bounded pool of the candidates with `score_record()`; `make_hit()` turns a
ranked record into a `Hit` with highlight positions in its display text.
"""

from __future__ import annotations

import heapq
import re
import threading
import time
from itertools import islice

from explorer.core.errors import FactexError
from explorer.core.search.kinds import KINDS
from explorer.core.search.lines import chunk_regex, lower, one_line, run_regex, strong_regex, term_regex, tight_regex
from explorer.core.search.query import Query, Term
from explorer.core.search.results import Hit
from explorer.core.search.score import MAX_CHUNKED, score_term
from explorer.core.search.table import LOOSE_SEGMENTS, SEGMENTS, KindTable
from explorer.core.text import fold_with_offsets

SLICE = 1 << 16  # characters of a big string scanned in one C call when the caller may stop us
POOL_MIN = 100  # records of a kind scored precisely: at least this many, or half again `limit`
KIND_ORDER = {k: n for n, k in enumerate(KINDS)}
# A term that is a name or an alias whole ("kim" for the alias Kim, "tass" for TASS) says which
# entity is meant: it outranks names that only begin with it (Kim Il Sung, Kim Jong Il), which the
# prefix bonus alone ranks first by their shorter field or earlier place.
WHOLE_FIELD = 32
WHOLE_SEGMENTS = frozenset({"name", "alias"})


class SearchCancelled(FactexError):
    """A search stopped because its caller's `stop()` said so (a newer query superseded it)."""

    def __init__(self, message: str = "the search was stopped: a newer one superseded it"):
        super().__init__(message)


class NeedsWhole(FactexError):
    """A partial index (`SearchIndex(base, only=...)`) was asked what depends on the records of
    `kind` it does not hold (where the first third of the kind's whole big string ends): tell it
    (`SearchIndex.thirds`, see `narrow.third`), or search an index holding every record of that
    kind (`Selection.widened`). Caught by the cold search (`cli.search.Cold`), as SearchCancelled
    is by the app's."""

    def __init__(self, kind: str):
        super().__init__(f"the search needs every {kind} record")
        self.kind = kind


class Memo:
    """Whole-string scans remembered across queries (`(kind, pattern, cased)` -> tags, never
    modified): typing `harbour a`, `harbour au`... scans `harbour` once. Bounded; thread-safe (a
    superseded search may still be finishing a slice in its thread)."""

    def __init__(self, size: int = 64):
        self.size = size
        self._got: dict = {}
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            got = self._got.pop(key, None)
            if got is not None:
                self._got[key] = got  # most recently used last
            return got

    def put(self, key, value) -> None:
        with self._lock:
            self._got[key] = value
            while len(self._got) > self.size:
                del self._got[next(iter(self._got))]


class Run:
    """One query being run: remembers whole-string scans so kinds can share them."""

    def __init__(self, tables: dict[str, KindTable], q: Query, memo: Memo | None = None, stop=None,
                 partial: frozenset[str] = frozenset(), thirds: dict[str, int] | None = None):
        self.tables = tables
        self.partial = partial  # the kinds whose tables hold only the records that may match (NeedsWhole)
        self.thirds = thirds or {}  # of those: where the lines in the first third of the whole kind's string end
        self.q = q
        self.memo = memo if memo is not None else Memo()
        self.stop = stop
        self.positive = sorted(q.positive, key=selectivity)
        self.groups = [g for g in (tuple(t for t in grp if not t.negate) for grp in q.groups) if g]

    # -- scanning, in slices ---------------------------------------------------------------------

    def pause(self) -> None:
        """Between two slices of work: stop if the caller says so (a newer query superseded this
        one), and let the other threads run. A C call such as a regex scan holds the GIL for its
        whole length; between slices, `sleep(0)` hands the GIL over at once (the UI thread needs
        it many times to echo one key: waiting the interpreter's 5 ms switch interval each time
        adds up)."""
        if self.stop is not None:
            if self.stop():
                raise SearchCancelled
            time.sleep(0)

    def slices(self, text: str, end: int | None = None):
        """(start, end) of the slices of `text` (up to `end`) a scan runs over one by one: about
        SLICE characters each, cut after a line's end, so no line is cut. Each slice starts at the
        line break before its first line (a pattern may begin with it: `^word`)."""
        n = len(text) if end is None else min(end, len(text))
        if self.stop is None or n <= SLICE:
            yield 0, n
            return
        a = 0
        while True:
            b = text.find("\n", a + SLICE, n)
            if b < 0 or b + 1 >= n:
                yield a, n
                return
            yield a, b + 1
            self.pause()
            a = b

    def findall(self, pattern: re.Pattern, text: str) -> set[str]:
        """The tags `pattern` finds in `text` (a big string or part of one), slice by slice."""
        found: set[str] = set()
        for a, b in self.slices(text):
            found.update(pattern.findall(text, a, b))
        found.discard("")
        return found

    def finditer(self, pattern: re.Pattern, text: str, end: int):
        for a, b in self.slices(text, end):
            yield from pattern.finditer(text, a, b)

    # -- scanning --------------------------------------------------------------------------------

    def full(self, kind: KindTable, pattern: re.Pattern, cased: bool) -> set[str]:
        """The tags of every record of `kind` whose lines `pattern` finds (do not modify it)."""
        key = (kind.kind, pattern.pattern, cased)
        got = self.memo.get(key)
        if got is not None:
            return got
        found = self.findall(pattern, kind.scan_big if cased else kind.scan_low)
        if kind.shared_keys:
            # quotes that are a whole sentence: they match where the passage does
            kind.expand_shared(self.full(self.tables["passage"], pattern, cased), found)
        self.memo.put(key, found)
        return found

    def scan(self, kind: KindTable, term: Term, cands) -> set[str]:
        """The records of `kind` where `term` matches, among `cands` (None: all)."""
        if term.mode == "fuzzy" and not term.negate:
            # Any fuzzy match in a name-like line; a tight one in prose: the term as a run
            # (pure regex), or run by run (pre-selected by regex, checked by `_tight`).
            cased = term.case_sensitive
            found = self.find(kind, run_regex(term.text), cased, cands)
            if kind.loose_low:
                loose = term_regex(term.text, "fuzzy", loose_only=True)
                if cands is not None and len(cands) * 4 < kind.count:
                    found = found | self.find(kind, loose, cased, cands)
                else:
                    key = (kind.kind, "loose", loose.pattern, cased)
                    got = self.memo.get(key)
                    if got is None:
                        got = self.findall(loose, kind.loose_big if cased else kind.loose_low)
                        self.memo.put(key, got)
                    found = found | (got if cands is None else got & cands)
            if 4 <= len(term.text) <= MAX_CHUNKED:
                maybe = self.find(kind, chunk_regex(term.text), cased, cands) - found
                if maybe:
                    found = found | {tag for tag in maybe if kind.has_tight(tag, term.text, cased)}
            return found
        return self.find(kind, term_regex(term.text, term.mode, term.negate), term.case_sensitive, cands)

    def find(self, kind: KindTable, pattern: re.Pattern, cased: bool, cands) -> set[str]:
        """The tags of the records of `kind` among `cands` (None: all) whose lines `pattern` finds."""
        # A literal finds its way through the whole string at C speed; a fuzzy pattern costs
        # about as much per character as copying candidates out, so only few are worth copying.
        if cands is not None and len(cands) * 4 < kind.count:
            return self.findall(pattern, kind.corpus(cands, cased))
        found = self.full(kind, pattern, cased)
        return found if cands is None else found & cands

    def match(self, kind: KindTable, allowed) -> set[str] | frozenset[str]:
        """The records of `kind` that pass the filters and every term."""
        q = self.q
        cands = allowed  # None: every record of the kind
        for group in self.positive:
            if len(group) == 1:
                cands = self.scan(kind, group[0], cands)  # (possibly the memo's set: never modified)
            else:
                matched: set[str] = set()
                for term in group:
                    matched |= self.scan(kind, term, cands)
                cands = matched
            if not cands:
                return set()
        for group in q.groups:
            if len(group) < 2 or not any(t.negate for t in group):
                continue
            everyone = kind.all if cands is None else cands
            matched = set()
            for term in group:
                found = self.scan(kind, term, cands)
                matched |= (everyone - found) if term.negate else found
            cands = matched
            if not cands:
                return set()
        for group in q.groups:
            if len(group) == 1 and group[0].negate:
                cands = (kind.all if cands is None else cands) - self.scan(kind, group[0], cands)
                if not cands:
                    return set()
        return kind.all if cands is None else cands

    # -- ranking ---------------------------------------------------------------------------------

    def rank(self, kind: KindTable, cands, limit: int) -> list[tuple[tuple, KindTable, str, object]]:
        order = KIND_ORDER[kind.kind]
        if limit == 0:
            return []
        if not self.groups:
            # a listing: alphabetical (entities) or article order
            tags = kind.tags
            if len(cands) == kind.count:
                chosen = [tags[i] for i in kind.natural[:limit]]
            elif len(cands) * 16 > kind.count:
                chosen = list(islice((t for t in map(tags.__getitem__, kind.natural) if t in cands), limit))
            else:
                rank = kind.natural_rank
                id_of = kind.id_of
                chosen = heapq.nsmallest(limit, cands, key=lambda t: rank[id_of(t)])
            return [((0, order, n), kind, tag, None) for n, tag in enumerate(chosen)]
        size = max(POOL_MIN, limit + limit // 2)
        pool = list(cands) if len(cands) <= size else self.pool(kind, cands, size)
        scored = []
        score = score_record
        for n, tag in enumerate(pool):
            if n % 32 == 31:
                self.pause()
            rec = kind.id_of(tag)
            info = score(kind, rec, self.groups)
            # (record ids go shortest display text first: the shorter text wins a tie)
            scored.append(((-info[0], order, rec), kind, tag, info))
        scored.sort(key=lambda r: r[0])
        return scored[:limit]

    def pool(self, kind: KindTable, cands, size: int) -> list[str]:
        """A cheap pre-selection of `size` records to score: where the main term starts a word,
        then where its letters are close together, then the shortest texts.

        Lines are stored shortest record first, so each tier is read from the start of the big
        string and only until enough records are found."""
        main = self.positive[0] if self.positive else ()
        terms = [t for t in main if t.mode in ("fuzzy", "exact") and len(t.text) > 1]
        pool: list[str] = []
        taken: set[str] = set()
        for tier in (strong_regex, tight_regex):
            if tier is tight_regex and (len(terms) != 1 or terms[0].mode != "fuzzy"):
                continue  # (for a | b, word starts and then the shortest texts will do)
            found: set[str] = set()
            for term in terms:
                corpus = kind.big if term.case_sensitive else kind.low
                # close letters are common or telling only among short texts: read a third
                if tier is strong_regex:
                    end = len(corpus)
                elif kind.kind in self.partial:  # (a third of the whole kind's string, told by its index)
                    end = self.thirds.get(kind.kind)
                    if end is None:
                        raise NeedsWhole(kind.kind)
                else:
                    end = len(corpus) // 3
                n = 0
                for m in self.finditer(tier(term.text), corpus, end):
                    tag = m.group(1)
                    if tag in cands and tag not in taken and tag not in found:
                        found.add(tag)
                        n += 1
                        if n + len(pool) >= size:
                            break
            # several terms (a | b): keep the shortest records among what they found
            fresh = sorted(found, key=kind.id_of)[: size - len(pool)]
            pool += fresh
            taken.update(fresh)
            if len(pool) >= size:
                return pool
        rest = cands - taken if taken else cands
        pool += islice(filter(rest.__contains__, kind.tags), size - len(pool))
        return pool


def score_record(kind: KindTable, rec: int, groups) -> tuple[int, list[int], str]:
    """(score, positions in the folded display line, note on another field that matched).

    Each group (of OR-ed terms) scores its best line, plus that field's bonus. The display
    line is highlighted for the groups it serves best; when some groups are served better by
    another field, the note names the field that serves most of them.
    """
    first = 0  # the display line
    record_lines = kind.lines(rec)
    lowered: dict[int, str] = {}
    total = 0
    positions: set[int] = set()
    elsewhere: dict[int, list[int]] = {}  # line -> scores of the groups served elsewhere
    where: dict[int, set[int]] = {}  # line -> the positions matched in it
    for group in groups:
        best = None  # ((score with the field's bonus, score), line, positions)
        whole = 0
        seen: dict[int, tuple[int, list[int]]] = {}  # line -> its best (score, positions) here
        for term in group:
            for j, (seg, line) in enumerate(record_lines):
                low = None
                if not term.case_sensitive:
                    low = lowered.get(j)
                    if low is None:
                        low = lowered[j] = lower(line)
                got = score_term(line, term, low, seg in LOOSE_SEGMENTS)
                if got is None:
                    continue
                key = (got[0] + SEGMENTS[seg][1], got[0])
                if not whole and seg in WHOLE_SEGMENTS and not term.negate and _whole(line, term, low):
                    whole = WHOLE_FIELD  # to the record's score; the highlight stays where it was
                if best is None or key > best[0]:
                    best = (key, j, got[1])
                if j not in seen or got[0] > seen[j][0]:
                    seen[j] = got
        if best is None:
            continue
        total += best[0][0] + whole
        if best[1] == first:
            positions.update(best[2])
        else:
            for j, (score, pos) in seen.items():
                if j != first:
                    elsewhere.setdefault(j, []).append(score)
                    where.setdefault(j, set()).update(pos)
    note = None
    if elsewhere:
        j = max(elsewhere, key=lambda j: (len(elsewhere[j]), sum(elsewhere[j]), -j))
        note = (j - first, sorted(where.get(j, ())))
    return total, sorted(positions), note


def _whole(line: str, term: Term, low: str | None) -> bool:
    """The term's text is the whole field (spaces at its ends aside), in the term's case rule."""
    text = term.text
    if len(text) != len(line.strip()) and len(text) != len(line):
        return False
    return (line if term.case_sensitive else (low if low is not None else lower(line))).strip() == text


def make_hit(kind: KindTable, tag: str, info) -> Hit:
    rec = kind.records[kind.id_of(tag)]
    positions: tuple[int, ...] = ()
    score = 0
    detail = rec.detail
    if info is not None:
        score, folded_pos, note = info
        if folded_pos:
            folded, offsets = fold_with_offsets(rec.text)
            positions = tuple(sorted({offsets[p] for p in folded_pos if p < len(offsets)}))
        if note is not None:
            field, where = note
            seg, raw = rec.fields[field]
            if raw not in detail:
                if seg == "by":  # "reported · by Korean Central News Agency (KCNA)"
                    detail = f"{detail} ({one_line(raw)})"
                else:  # "person · alias: North Korean leader"
                    detail = f"{detail} · {field_note(seg, raw, where)}" if detail else field_note(seg, raw, where)
    return Hit(kind.kind, rec.card, rec.evidence, rec.source, rec.start, rec.end, rec.text, detail,
               positions, score)


def field_note(seg: str, raw: str, where: list[int], width: int = 60) -> str:
    """"alias: Kim"; a long field is cut to a window around where it matched."""
    text = one_line(raw)
    if len(text) > width:
        start = 0
        if where:
            folded, offsets = fold_with_offsets(text)
            first = offsets[where[0]] if where[0] < len(offsets) else 0
            if first + 20 > width:  # the match would be cut off: show the words before it
                start = first - width // 3
                while start > 0 and not text[start - 1].isspace() and first - start < width // 2:
                    start -= 1
        piece = text[start : start + width - 1].rstrip()
        text = ("…" if start else "") + piece + ("…" if start + width - 1 < len(text) else "")
    return f"{SEGMENTS[seg][0]}: {text}"


def selectivity(group: tuple[Term, ...]) -> tuple:
    """Sort key: the group most likely to leave few candidates (and cheapest to scan) first."""
    exact = all(t.mode != "fuzzy" for t in group)
    shortest = min(len(t.text) for t in group)
    return (len(group), not exact, -shortest)

