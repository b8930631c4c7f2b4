"""The index of one kind: its records, and the big strings of tagged lines they are joined into.

`build_table()` makes a `KindTable` from the records of one kind (see `lines` for the format);
the table answers what a run asks: which lines a record has, which records a filter keeps, the
big string of some candidates only.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Iterable, Mapping, NamedTuple, Sequence

from explorer.core.search.lines import NAME, NAME_LOOSE, OTHER, OTHER_LOOSE, fold_all, lower, tag_number, tags as make_tags
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
SEGMENT_CODES = tuple(SEGMENTS)  # a line's field, as one byte: its place here
_CODE = {seg: n for n, seg in enumerate(SEGMENT_CODES)}
STRINGS = ("big", "low", "scan_big", "scan_low", "loose_big", "loose_low")


class Record(NamedTuple):
    """One searchable record. A tuple of strings and numbers: the garbage collector stops
    tracking it, so a collection never walks the index's hundreds of thousands of records."""

    card: str | None
    evidence: int | None
    source: str | None
    start: int | None
    end: int | None
    text: str
    detail: str
    fields: tuple[tuple[str, str], ...]  # (segment, raw text); the first is the display text


@dataclass(slots=True)
class KindTable:
    """The searchable records of one kind and the big strings their lines are joined into.

    Record ids are ranks: shortest display text first. A record's tag is its id plus `first`, in
    `width` digits (see `lines.tags`), except for a quote that is exactly a passage: it has that
    passage's tag (`shared_ids`). Everything here is plain arrays, strings and small dicts, so a
    table can be written to disk and read back (`store`) without building an object per record;
    what a query does not touch (records, filters, the cased strings) is read when first asked.
    """

    kind: str
    count: int  # how many records
    first: int  # the tag number of record 0
    width: int  # digits in a tag
    strings: Mapping[str, str]  # the big strings by name (STRINGS; see `lines`), possibly lazy
    starts: Sequence[int]  # by record id, and one past the last: where its lines start in `big`
    first_line: Sequence[int]  # by record id, and one past the last: its first line's number
    segs: bytes  # by line number: the line's field (its place in SEGMENT_CODES)
    natural: Sequence[int]  # record ids in listing order (alphabetical for entities, else article order)
    natural_rank: Sequence[int]  # by record id: its place in `natural`
    filter_ids: Mapping[tuple[str, str], Sequence[int]]  # (field, value) -> record ids, possibly lazy
    records: Sequence[Record]  # by record id (display text, card, offsets, raw fields), possibly lazy
    shared_ids: dict[str, int] = field(default_factory=dict)  # passage tag -> the quote that took it
    shared_many: dict[str, list[str]] = field(default_factory=dict)  # passage tag -> more quotes with its text
    _tags: list[str] | None = None
    _all: frozenset[str] | None = None
    _sets: dict = field(default_factory=dict)

    # -- the big strings (see `lines`) --------------------------------------------------------

    @property
    def big(self) -> str:
        return self.strings["big"]

    @property
    def low(self) -> str:
        return self.strings["low"]

    @property
    def scan_big(self) -> str:
        return self.strings["scan_big"]

    @property
    def scan_low(self) -> str:
        return self.strings["scan_low"]

    @property
    def loose_big(self) -> str:
        return self.strings["loose_big"]

    @property
    def loose_low(self) -> str:
        return self.strings["loose_low"]

    # -- tags and record ids --------------------------------------------------------------------

    @property
    def shared_keys(self):
        """The passage tags that quotes took (the quotes that are exactly a passage)."""
        return self.shared_ids.keys()

    def id_of(self, tag: str) -> int:
        got = self.shared_ids.get(tag)
        return got if got is not None else tag_number(tag) - self.first

    @property
    def tags(self) -> list[str]:
        """Every record's tag, by record id."""
        if self._tags is None:
            tags = make_tags(self.first, self.count, self.width)
            for tag, rec in self.shared_ids.items():
                tags[rec] = tag
            self._tags = tags
        return self._tags

    def tag_of(self, rec: int) -> str:
        return self.tags[rec]

    @property
    def all(self) -> frozenset[str]:
        if self._all is None:
            self._all = frozenset(self.tags)
        return self._all

    def filter_tags(self, key: tuple[str, str]) -> set[str] | frozenset[str]:
        """The tags of the records that have this (field, value)."""
        got = self._sets.get(key)
        if got is None:
            ids = self.filter_ids.get(key)
            tags = self.tags
            got = self._sets[key] = frozenset([tags[i] for i in ids]) if ids is not None else frozenset()
        return got

    # -- what a run asks ------------------------------------------------------------------------

    def expand_shared(self, passages: set[str], into: set[str]) -> None:
        """Add to `into` the quotes whose text is one of these passages."""
        into |= passages & self.shared_ids.keys()
        for p in self.shared_many.keys() & passages:
            into.update(self.shared_many[p])

    def corpus(self, cands: Iterable[str] | None, cased: bool) -> str:
        """The big string (`cased`) or its lower-cased copy, of the candidates only (None: all)."""
        key = "big" if cased else "low"
        if cands is None:
            return self.strings[key]
        starts, id_of, piece = self.starts, self.id_of, self._piece
        return "\n" + "".join([piece(key, starts[r], starts[r + 1]) for r in map(id_of, cands)])

    def lines(self, rec: int) -> list[tuple[str, str]]:
        """The record's lines as (field, folded text); its display line first."""
        chunk = self._piece("big", self.starts[rec], self.starts[rec + 1])
        texts = [line[: line.rindex("\t")] for line in chunk.split("\n")[:-1]]
        segs = self.segs[self.first_line[rec] : self.first_line[rec + 1]]
        return [(SEGMENT_CODES[code], text) for code, text in zip(segs, texts)]

    def _piece(self, key: str, start: int, end: int) -> str:
        """`strings[key][start:end]`; a stored table decodes just that piece when it can."""
        piece = getattr(self.strings, "piece", None)
        return piece(key, start, end) if piece is not None else self.strings[key][start:end]

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
                    chosen |= self.filter_tags((flt.field, v))
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

    def has_tight(self, tag: str, text: str, case_sensitive: bool) -> bool:
        """Whether a prose line of the record holds a tight match of a fuzzy term."""
        for seg, line in self.lines(self.id_of(tag)):
            if seg not in LOOSE_SEGMENTS:
                if tight(line, line if case_sensitive else lower(line), text) is not None:
                    return True
        return False


def build_table(kind: str, records: list[Record], metas: list[tuple], natural_keys: list | None, first: int,
                width: int, passages: KindTable | None = None, passage_spans: dict | None = None) -> KindTable:
    """The table of `records` of one kind.

    `metas`: what the filters need of each record, ((field, value), ...).
    `natural_keys`: sort keys of the listing order (None: as given). `first` numbers the records
    globally (tags are unique over all kinds), in `width` digits. With `passages` (and
    `passage_spans`, (source, start, end) -> passage tag), a quote that is exactly a sentence of
    its source takes that passage's tag and is left out of the whole-string scans: it matches
    exactly where the passage does (see `expand_shared`).
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
    metas = [metas[i] for i in order]
    records = [records[i] for i in order]
    natural_rank_by_id = [natural_rank[old] for old in order]
    raw: list[str] = []
    segs: list[int] = []
    owner: list[int] = []
    first_line = [0] * (n + 1)
    code = _CODE
    for i, rec in enumerate(records):
        first_line[i] = len(raw)
        for seg, text in rec.fields:
            raw.append(text)
            segs.append(code[seg])
            owner.append(i)
    first_line[n] = len(raw)

    tags = make_tags(first, n, width)
    skip: set[int] = set()  # lines left out of the whole-string scans
    shared_ids: dict[str, int] = {}  # passage tag -> the quote that takes it
    shared_many: dict[str, list[str]] = {}  # passage tag -> further quotes with its text
    known: dict[int, str] = {}  # line -> its folded text, taken from the passage
    if passages is not None and passage_spans:
        for i, rec in enumerate(records):
            p_tag = passage_spans.get((rec.source, rec.start, rec.end))
            if p_tag is None:
                continue
            if p_tag not in shared_ids:
                tags[i] = p_tag
                shared_ids[p_tag] = i
                shared_many[p_tag] = []
            else:
                shared_many[p_tag].append(tags[i])
            skip.add(first_line[i])
            known[first_line[i]] = passages.lines(passages.id_of(p_tag))[0][1]
    if known:
        todo = [j for j in range(len(raw)) if j not in known]
        lines = list(raw)
        for j, line in zip(todo, fold_all([raw[j] for j in todo])):
            lines[j] = line
        for j, line in known.items():
            lines[j] = line
    else:
        lines = fold_all(raw)
    shared_many = {p: q for p, q in shared_many.items() if q}
    by_natural = [0] * n
    for new_id, old in enumerate(order):
        by_natural[natural_rank[old]] = new_id

    loose_codes = {_CODE[s] for s in LOOSE_SEGMENTS}
    name_codes = {_CODE[s] for s in NAME_SEGMENTS}
    marks = [(NAME_LOOSE if c in loose_codes else NAME) if c in name_codes
             else (OTHER_LOOSE if c in loose_codes else OTHER) for c in segs]
    parts = [f"{line}\t{mark}{tags[i]}\n" for line, mark, i in zip(lines, marks, owner)]
    big = "\n" + "".join(parts)
    low = big.lower()
    if len(low) != len(big):  # pragma: no cover - a character whose lower case is longer
        parts = [lower(p) for p in parts]
        low = "\n" + "".join(parts)
    # where each record's lines are in the big strings, for building candidate sub-strings
    offsets = list(accumulate(map(len, parts), initial=1))
    starts = [offsets[f] for f in first_line]
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
    filter_lists: dict[tuple[str, str], list[int]] = {}
    for i, meta in enumerate(metas):
        for key in meta:
            got = filter_lists.get(key)
            if got is None:
                filter_lists[key] = [i]
            else:
                got.append(i)
    return KindTable(
        kind=kind, count=n, first=first, width=width,
        strings=dict(zip(STRINGS, (big, low, scan_big, scan_low, loose_big, loose_low))),
        starts=array("q", starts), first_line=array("q", first_line), segs=bytes(segs),
        natural=array("q", by_natural), natural_rank=array("q", natural_rank_by_id),
        filter_ids={key: array("q", ids) for key, ids in filter_lists.items()},
        records=records, shared_ids=shared_ids, shared_many=shared_many, _tags=tags,
    )


def passage_spans(table: KindTable) -> dict[tuple, str]:
    """(source, start, end) -> tag of every passage of a table of passages."""
    tags = table.tags
    return {(r.source, r.start, r.end): tags[i] for i, r in enumerate(table.records)}
