"""The index of one kind: its records, and the big strings of tagged lines they are joined into.

`build_table()` makes a `KindTable` from the records of one kind (see `lines` for the format);
the table answers what a run asks: which lines a record has, which records a filter keeps, the
big string of some candidates only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate
from typing import Iterable

from explorer.core.search.lines import NAME, NAME_LOOSE, OTHER, OTHER_LOOSE, fold_all, lower, tags as make_tags
from explorer.core.search.score import tight

# field code -> (label shown in `detail`, score bonus): the display field of each kind comes first
SEGMENTS = {
    "name": ("name", 24), "alias": ("alias", 16), "type": ("type", 8), "description": ("description", 0),
    "sentence": ("sentence", 12), "qualifier": ("qualifier", 4), "by": ("by", 6),
    "quote": ("quote", 6), "note": ("note", 0),
    "passage": ("passage", 0),
}
NAME_SEGMENTS = {"name", "alias", "sentence", "quote", "passage"}
# Short name-like fields, where any fuzzy match (the letters in order) is meant; every other field
# is prose, where a fuzzy match must be tight (see `score.tight`).
LOOSE_SEGMENTS = {"name", "alias", "type", "by"}


@dataclass(slots=True)
class Record:
    card: str | None
    evidence: int | None
    source: str | None
    start: int | None
    end: int | None
    text: str
    detail: str
    fields: list[tuple[str, str]]  # (segment, raw text); the first is the display text
    meta: tuple = ()  # what the filters need: ((field, value), ...)


@dataclass(slots=True)
class KindTable:
    """The searchable records of one kind (record ids are ranks: shortest display text first),
    their folded lines, and the big strings those lines are joined into (see `lines`)."""

    kind: str
    records: list[Record]  # by record id
    tags: list[str]  # by record id
    index: dict[str, int]  # tag -> record id
    natural: list[str]  # tags in listing order (alphabetical for entities, article order else)
    natural_rank: list[int]  # by record id: its place in `natural`
    first_line: list[int]  # by record id (and one past the last): its first line in `lines`
    lines: list[str]  # folded text of every line
    segs: list[str]  # the field code of every line
    big: str  # the big string, and its lower-cased copy
    low: str
    span: dict[str, tuple[int, int]]  # tag -> where its lines are in `big`/`low`
    scan_big: str  # what whole-string scans run over (less the quotes a passage holds)
    scan_low: str
    loose_big: str  # the name-like lines alone
    loose_low: str
    filters: dict[tuple[str, str], set[str]]  # (field, value) -> tags
    shared_keys: frozenset[str] = frozenset()  # passage tags that quotes share
    shared_many: dict[str, list[str]] = field(default_factory=dict)  # passage tag -> more quotes
    by_span: dict[tuple, str] = field(default_factory=dict)  # passages: (source, start, end) -> tag
    all: frozenset[str] = frozenset()

    def expand_shared(self, passages: set[str], into: set[str]) -> None:
        """Add to `into` the quotes whose text is one of these passages."""
        into |= passages & self.shared_keys
        for p in self.shared_many.keys() & passages:
            into.update(self.shared_many[p])

    def corpus(self, cands: Iterable[str] | None, cased: bool) -> str:
        """The big string (`cased`) or its lower-cased copy, of the candidates only (None: all)."""
        big = self.big if cased else self.low
        if cands is None:
            return big
        span = self.span
        return "\n" + "".join([big[a:b] for a, b in map(span.__getitem__, cands)])

    def allowed(self, filters) -> frozenset[str] | set[str] | None:
        """The records that pass the query's filters, given as (Filter, the values it keys on);
        None: every record."""
        allowed: frozenset[str] | set[str] | None = None
        for flt, values in filters:
            if flt.field == "kind":
                chosen: frozenset[str] | set[str] | None = None if self.kind in values else set()
            else:
                chosen = set()
                for v in values:
                    chosen |= self.filters.get((flt.field, v), set())
            if flt.negate:
                if chosen is None:
                    return set()
                base = self.all if allowed is None else allowed
                allowed = base - chosen
            elif chosen is None:
                continue
            else:
                allowed = chosen if allowed is None else allowed & chosen
            if not allowed and allowed is not None:
                return set()
        return allowed

    def line_range(self, rec: int) -> range:
        """The record's lines (indices into `lines` and `segs`); its display line first."""
        return range(self.first_line[rec], self.first_line[rec + 1])

    def has_tight(self, tag: str, text: str, case_sensitive: bool) -> bool:
        """Whether a prose line of the record holds a tight match of a fuzzy term."""
        for j in self.line_range(self.index[tag]):
            if self.segs[j] not in LOOSE_SEGMENTS:
                line = self.lines[j]
                if tight(line, line if case_sensitive else lower(line), text) is not None:
                    return True
        return False


def build_table(kind: str, records: list[Record], natural_keys: list | None, first: int, width: int,
                passages: KindTable | None = None) -> KindTable:
    """The table of `records` of one kind.

    `natural_keys`: sort keys of the listing order (None: as given). `first` numbers the records
    globally (tags are unique over all kinds), in `width` digits. With `passages`, a quote that
    is exactly a sentence of its source takes that passage's tag and is left out of the
    whole-string scans: it matches exactly where the passage does (see `expand_shared`).
    """
    n = len(records)
    # `natural`: listing order (alphabetical for entities, article order for the rest)
    if natural_keys is None:
        natural_rank = list(range(n))
    else:
        natural_rank = [0] * n
        for rank, i in enumerate(sorted(range(n), key=natural_keys.__getitem__)):
            natural_rank[i] = rank
    # Record ids are ranks: shortest display text first (fzf's tie-break), and the big
    # strings hold them in that order, so a cheap pre-selection reads from the start.
    order = sorted(range(n), key=lambda i: len(records[i].text) * (n + 1) + natural_rank[i])
    records = [records[i] for i in order]
    natural_rank_by_id = [natural_rank[old] for old in order]
    raw: list[str] = []
    segs: list[str] = []
    owner: list[int] = []
    first_line = [0] * (n + 1)
    for i, rec in enumerate(records):
        first_line[i] = len(raw)
        for seg, text in rec.fields:
            raw.append(text)
            segs.append(seg)
            owner.append(i)
    first_line[n] = len(raw)

    tags = make_tags(first, n, width)
    skip: set[int] = set()  # lines left out of the whole-string scans
    shared_many: dict[str, list[str]] = {}  # passage tag -> further quotes with its text
    known: dict[int, str] = {}  # line -> its folded text, taken from the passage
    if passages is not None:
        for i, rec in enumerate(records):
            p_tag = passages.by_span.get((rec.source, rec.start, rec.end))
            if p_tag is None:
                continue
            if p_tag not in shared_many:
                tags[i] = p_tag
                shared_many[p_tag] = []
            else:
                shared_many[p_tag].append(tags[i])
            skip.add(first_line[i])
            known[first_line[i]] = passages.lines[passages.first_line[passages.index[p_tag]]]
    if known:
        todo = [j for j in range(len(raw)) if j not in known]
        lines = list(raw)
        for j, line in zip(todo, fold_all([raw[j] for j in todo])):
            lines[j] = line
        for j, line in known.items():
            lines[j] = line
    else:
        lines = fold_all(raw)
    shared_keys = frozenset(shared_many)  # quotes tagged as their passage
    shared_many = {p: q for p, q in shared_many.items() if q}
    by_natural = [0] * n
    for new_id, old in enumerate(order):
        by_natural[natural_rank[old]] = new_id

    marks = [(NAME_LOOSE if seg in LOOSE_SEGMENTS else NAME) if seg in NAME_SEGMENTS
             else (OTHER_LOOSE if seg in LOOSE_SEGMENTS else OTHER) for seg in segs]
    parts = [f"{line}\t{mark}{tags[i]}\n" for line, mark, i in zip(lines, marks, owner)]
    big = "\n" + "".join(parts)
    low = big.lower()
    if len(low) != len(big):  # pragma: no cover - a character whose lower case is longer
        parts = [lower(p) for p in parts]
        low = "\n" + "".join(parts)
    # where each record's lines are in the big strings, for building candidate sub-strings
    offsets = list(accumulate(map(len, parts), initial=1))
    at = [offsets[f] for f in first_line]
    # what whole-string scans run over: the same, less the lines another kind holds too
    if skip:
        keep = [j for j in range(len(parts)) if j not in skip]
        scan_big = "\n" + "".join([big[offsets[j] : offsets[j + 1]] for j in keep])
        scan_low = "\n" + "".join([low[offsets[j] : offsets[j + 1]] for j in keep])
    else:
        scan_big, scan_low = big, low
    # the name-like lines alone (any fuzzy match counts there): short, and scanned on their own
    loose = [j for j, mark in enumerate(marks) if mark in (NAME_LOOSE, OTHER_LOOSE)]
    loose_big = "\n" + "".join([big[offsets[j] : offsets[j + 1]] for j in loose]) if loose else ""
    loose_low = "\n" + "".join([low[offsets[j] : offsets[j + 1]] for j in loose]) if loose else ""
    filters: dict[tuple[str, str], set[str]] = {}
    for tag, rec in zip(tags, records):
        for key in rec.meta:
            got = filters.get(key)
            if got is None:
                filters[key] = {tag}
            else:
                got.add(tag)
        rec.meta = ()
    return KindTable(
        kind=kind, records=records, tags=tags, index={t: i for i, t in enumerate(tags)},
        natural=[tags[i] for i in by_natural], natural_rank=natural_rank_by_id,
        first_line=first_line, lines=lines, segs=segs, big=big, low=low,
        span=dict(zip(tags, zip(at, at[1:]))), scan_big=scan_big, scan_low=scan_low,
        loose_big=loose_big, loose_low=loose_low, filters=filters,
        shared_keys=shared_keys, shared_many=shared_many,
        # a passage by its place in the source, for the quotes that are a whole sentence
        by_span={(r.source, r.start, r.end): t for t, r in zip(tags, records)} if kind == "passage" else {},
        all=frozenset(tags),
    )
