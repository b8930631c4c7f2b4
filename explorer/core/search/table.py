"""The index of one kind: its records, and the big strings of tagged lines they are joined into.

`build_table()` makes a `KindTable` from the records of one kind (see `lines` for the format);
the table answers what a run asks: which lines a record has, which records a filter keeps, the
big string of some candidates only.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from bisect import bisect_left, insort
from itertools import accumulate
from typing import Iterable, Mapping, NamedTuple, Sequence

from explorer.core.pausing import checkpoint
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
    # An updated table's tags are not its record ids plus `first` (see `update_table`): tag -> id.
    tag_ids: "Mapping[str, int] | None" = None
    state: "TableState | None" = None  # what `update_table` needs (a table built here, not read back)

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
        if got is not None:
            return got
        ids = self.tag_ids
        return tag_number(tag) - self.first if ids is None else ids[tag]

    @property
    def tags(self) -> list[str]:
        """Every record's tag, by record id."""
        if self._tags is None:
            tags = make_tags(self.first, self.count, self.width)
            for tag, rec in self.shared_ids.items():
                tags[rec] = tag
            self._tags = tags
        return self._tags

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


def _fold_all_pausing(texts: list[str], chunk: int = 4096) -> list[str]:
    """`fold_all(texts)`, a chunk of texts at a time with a checkpoint before each: folding every
    line of a kind at 30,000 cards is one call of ~0.1 s that no other thread can interrupt."""
    out: list[str] = []
    for at in range(0, len(texts), chunk):
        checkpoint()
        out += fold_all(texts[at : at + chunk])
    return out


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
        checkpoint()
        for rank, i in enumerate(sorted(range(n), key=natural_keys.__getitem__)):
            natural_rank[i] = rank
    # Record ids are ranks: shortest display text first (fzf's tie-break), and the big
    # strings hold them in that order, so a cheap pre-selection reads from the start.
    checkpoint()  # (here and below: between two passes over every record; see explorer.core.pausing)
    order = sorted(range(n), key=lambda i: len(records[i].text) * (n + 1) + natural_rank[i])
    checkpoint()
    metas = [metas[i] for i in order]
    records = [records[i] for i in order]
    natural_rank_by_id = [natural_rank[old] for old in order]
    raw: list[str] = []
    segs: list[int] = []
    owner: list[int] = []
    first_line = [0] * (n + 1)
    code = _CODE
    for i, rec in enumerate(records):
        if not i & 255:
            checkpoint()
        first_line[i] = len(raw)
        for seg, text in rec.fields:
            raw.append(text)
            segs.append(code[seg])
            owner.append(i)
    first_line[n] = len(raw)

    checkpoint()
    tags = make_tags(first, n, width)
    skip: set[int] = set()  # lines left out of the whole-string scans
    shared_ids: dict[str, int] = {}  # passage tag -> the quote that takes it
    shared_many: dict[str, list[str]] = {}  # passage tag -> further quotes with its text
    known: dict[int, str] = {}  # line -> its folded text, taken from the passage
    if passages is not None and passage_spans:
        for i, rec in enumerate(records):
            if not i & 255:
                checkpoint()
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
        for j, line in zip(todo, _fold_all_pausing([raw[j] for j in todo])):
            lines[j] = line
        for j, line in known.items():
            lines[j] = line
    else:
        lines = _fold_all_pausing(raw)
    checkpoint()
    shared_many = {p: q for p, q in shared_many.items() if q}
    by_natural = [0] * n
    for new_id, old in enumerate(order):
        by_natural[natural_rank[old]] = new_id

    loose_codes = {_CODE[s] for s in LOOSE_SEGMENTS}
    name_codes = {_CODE[s] for s in NAME_SEGMENTS}
    marks = [(NAME_LOOSE if c in loose_codes else NAME) if c in name_codes
             else (OTHER_LOOSE if c in loose_codes else OTHER) for c in segs]
    checkpoint()
    parts = [f"{line}\t{mark}{tags[i]}\n" for line, mark, i in zip(lines, marks, owner)]
    checkpoint()
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
    checkpoint()
    state = None
    if natural_keys is not None:
        # where each record's lines are in the scan and loose strings, for `update_table`
        scan_lens = [0 if j in skip else len(part) for j, part in enumerate(parts)] if skip else None
        loose_set = set(loose)
        loose_lens = [len(part) if j in loose_set else 0 for j, part in enumerate(parts)]
        checkpoint()
        scan_acc = list(accumulate(scan_lens, initial=1)) if skip else offsets
        loose_acc = list(accumulate(loose_lens, initial=1))
        checkpoint()
        sort_keys = [(len(records[i].text), natural_keys[old]) for i, old in enumerate(order)]
        state = TableState(sort_keys=sort_keys, metas=metas,
                           scan_starts=array("q", [scan_acc[f] for f in first_line]),
                           loose_starts=array("q", [loose_acc[f] for f in first_line]),
                           skip=bytes(1 if first_line[i] in skip else 0 for i in range(n)),
                           p_spans=passage_spans if passages is not None else None, passages=passages)
        checkpoint()
        if passages is not None:
            span_sks: dict = {}
            for i, rec in enumerate(records):
                if not i & 255:
                    checkpoint()
                span = (rec.source, rec.start, rec.end)
                if passage_spans and span in passage_spans:
                    span_sks.setdefault(span, set()).add(sort_keys[i])
            state.span_sks = {span: frozenset(v) for span, v in span_sks.items()}
    checkpoint()
    filter_lists: dict[tuple[str, str], list[int]] = {}
    for i, meta in enumerate(metas):
        if not i & 255:
            checkpoint()
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
        records=records, shared_ids=shared_ids, shared_many=shared_many, _tags=tags, state=state,
    )


def passage_spans(table: KindTable) -> dict[tuple, str]:
    """(source, start, end) -> tag of every passage of a table of passages."""
    tags = table.tags
    return {(r.source, r.start, r.end): tags[i] for i, r in enumerate(table.records)}


# -- updating a table ---------------------------------------------------------------------------


class _Counter:
    """The next free tag number of an index's updated tables (one for the kinds that are
    updated, so tags stay unique over all kinds), and where the tags' width ends."""

    def __init__(self, start: int, limit: int) -> None:
        self.next = start
        self.limit = limit

    def take(self, count: int) -> int | None:
        """The first of `count` fresh numbers; None when the width has no room left."""
        if self.next + count > self.limit:
            return None
        first = self.next
        self.next += count
        return first


@dataclass(slots=True)
class TableState:
    """What a table keeps to be updated (`update_table`), by record id unless said. A table read
    back from a stored index (`store`) has one too, whose sequences read the file when asked."""

    sort_keys: Sequence  # (length of the display text, listing key): what record ids are sorted by
    metas: Sequence  # what the filters need of each record
    scan_starts: Sequence[int]  # where its lines are in the scan strings, and one past the last
    loose_starts: Sequence[int]  # the same in the loose strings
    skip: bytes  # 1: its first line is a passage's (left out of the scans)
    p_spans: Mapping | None = None  # (quotes) (source, start, end) -> the passage tag
    passages: "KindTable | None" = None
    counter: _Counter | None = None
    span_sks: Mapping | None = None  # (quotes) passage span -> the sort keys of the quotes that are it
    # An updated table: its records, metas and sort keys are those of the table first built or
    # read back (`bases`: its records, metas, sort keys) by `src` (record id -> a base record id,
    # or ~ a place in `extra`: (record, meta, sort key) of the records made since).
    bases: tuple | None = None
    src: "array | None" = None
    extra: list | None = None


class Layered:
    """One of an updated table's sequences by record id (records, metas or sort keys: `field`),
    read through `src` from the table first built or read back, or from the records made since.
    Nothing is copied per record: a stored table's records stay in the file until asked for."""

    __slots__ = ("base", "src", "extra", "field")

    def __init__(self, base: Sequence, src: array, extra: list, field: int) -> None:
        self.base, self.src, self.extra, self.field = base, src, extra, field

    def __len__(self) -> int:
        return len(self.src)

    def __getitem__(self, i):
        if i.__class__ is slice:
            return [self[j] for j in range(*i.indices(len(self.src)))]
        s = self.src[i]
        return self.base[s] if s >= 0 else self.extra[~s][self.field]

    def __iter__(self):
        return map(self.__getitem__, range(len(self.src)))


class _TagIds(Mapping):
    """tag -> record id of an updated table: a tag of the first table's numbering by where its
    record went (`pos`), a tag taken since by a dict (`fresh`)."""

    def __init__(self, first: int, pos: array, fresh: dict) -> None:
        self.first, self.pos, self.fresh = first, pos, fresh

    def __getitem__(self, tag: str) -> int:
        got = self.fresh.get(tag)
        if got is not None:
            return got
        n = tag_number(tag) - self.first
        if 0 <= n < len(self.pos):
            got = self.pos[n]
            if got >= 0:
                return got
        raise KeyError(tag)

    def __iter__(self):
        raise TypeError("not iterable")  # (never asked: only looked up)

    def __len__(self) -> int:
        return len(self.fresh) + sum(1 for x in self.pos if x >= 0)


class _Keys:
    """The listing keys of the records `ids` names, as a sequence (for bisect)."""

    __slots__ = ("ids", "keys")

    def __init__(self, ids: list, keys: Sequence) -> None:
        self.ids, self.keys = ids, keys

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, p: int):
        return self.keys[self.ids[p]][1]


def _as_ints(seq) -> array:
    """An array of 64-bit integers of `seq` (an array, a list, or a memoryview of a stored file)."""
    if isinstance(seq, array):
        return seq
    if isinstance(seq, memoryview):
        out = array("q")
        out.frombytes(seq.cast("B") if seq.format != "B" else seq)
        return out
    return array("q", seq)


def update_table(old: KindTable, gone: list, rows: list, passages: KindTable | None = None) -> KindTable | None:
    """`old` with the records whose sort keys are in `gone` ((length of the display text,
    listing key), as `sort_key` gives them) left out and `rows` ((record, meta, listing key): the
    changed records among them) put in: the table `build_table` makes of the same records,
    record ids, big strings and filters alike, except for the tags (a record that stays keeps its
    tag, a new one takes a fresh number: no other line is written again). None when it cannot be
    (no room left for tags, a lower case of another length): build anew.

    Work in proportion to what changed, plus copies at C speed (the big strings are joined from
    the unchanged stretches of the old ones) and a few passes over the record ids."""
    st = old.state
    if st is None or st.counter is None:
        return None
    if not gone and not rows:
        return old
    kind = old.kind
    old_keys = st.sort_keys
    n_old = old.count
    dropped: set[int] = set()
    for sk in gone:
        i = bisect_left(old_keys, sk)
        if i < n_old and old_keys[i] == sk:
            dropped.add(i)
    rows = [(r, meta, nk) for r, meta, nk in rows]
    span_sks = st.span_sks
    if span_sks is not None:
        # (quotes) every quote sharing a passage with one that goes or comes is put in again:
        # which of them comes first (and takes the passage's tag) may change
        p_spans = st.p_spans
        affected = {(old.records[j].source, old.records[j].start, old.records[j].end) for j in dropped}
        affected |= {(r.source, r.start, r.end) for r, _, _ in rows}
        affected = {span for span in affected if span in p_spans}
        new_nks = {nk for _, _, nk in rows}
        for span in affected:
            for sk in span_sks.get(span, ()):
                j = bisect_left(old_keys, sk)
                if j < n_old and old_keys[j] == sk and j not in dropped:
                    dropped.add(j)
                    if sk[1] not in new_nks:
                        rows.append((old.records[j], st.metas[j], sk[1]))
        if affected:
            span_sks = dict(span_sks)
            for span in affected:
                span_sks.pop(span, None)
            for r, _, nk in rows:
                span = (r.source, r.start, r.end)
                if span in affected:
                    span_sks[span] = span_sks.get(span, frozenset()) | {(len(r.text), nk)}
    rows.sort(key=lambda row: (len(row[0].text), row[2]))

    # runs: (first, end) of old ids kept in a stretch, or ~(a row's index), in the new id order
    events = [(bisect_left(old_keys, (len(r.text), nk)), 0, i) for i, (r, _, nk) in enumerate(rows)]
    events += [(j, 1, 0) for j in dropped]
    events.sort()
    runs: list = []
    cur = 0
    for at, what, i in events:
        if cur < at:
            runs.append((cur, at))
            cur = at
        if what == 0:
            runs.append(~i)
        else:
            cur = at + 1
    if cur < n_old:
        runs.append((cur, n_old))
    new_of_old = [-1] * n_old
    row_id = [0] * len(rows)
    n = 0
    for run in runs:
        if run.__class__ is tuple:
            j, j1 = run
            new_of_old[j:j1] = range(n, n + j1 - j)
            n += j1 - j
        else:
            row_id[~run] = n
            n += 1

    # tags of the rows: a quote that is exactly a passage takes the passage's tag if it comes first
    fresh = st.counter.take(len(rows))
    if fresh is None:
        return None
    row_tags = make_tags(fresh, len(rows), old.width) if rows else []
    shared_ids: dict[str, int] = {}
    shared_many: dict[str, list[str]] = {}
    row_shared: dict[int, str] = {}  # row -> the passage tag its first line is
    if span_sks is not None:
        p_spans = st.p_spans
        redone = {p_spans[span] for span in affected}
        shared_ids = {p_tag: new_of_old[holder] for p_tag, holder in old.shared_ids.items()}
        shared_many = dict(old.shared_many)
        for p_tag in redone:
            shared_ids.pop(p_tag, None)
            shared_many.pop(p_tag, None)
        for i in sorted(range(len(rows)), key=row_id.__getitem__):
            r = rows[i][0]
            p_tag = p_spans.get((r.source, r.start, r.end))
            if p_tag is None:
                continue
            row_shared[i] = p_tag
            if p_tag not in shared_ids:
                shared_ids[p_tag] = row_id[i]
                row_tags[i] = p_tag
            else:
                shared_many.setdefault(p_tag, []).append(row_tags[i])

    # the rows' lines
    raw: list[str] = []
    for r, _, _ in rows:
        raw += [text for _, text in r.fields]
    folded = fold_all(raw)
    passages = passages or st.passages
    made = []
    at = 0
    for i, (r, _, _) in enumerate(rows):
        codes = [_CODE[seg] for seg, _ in r.fields]
        lines = folded[at : at + len(codes)]
        at += len(codes)
        if i in row_shared:
            lines[0] = passages.lines(passages.id_of(row_shared[i]))[0][1]
        tag = row_tags[i]
        parts = [f"{line}\t{_mark(c)}{tag}\n" for line, c in zip(lines, codes)]
        big = "".join(parts)
        low = big.lower()
        if len(low) != len(big):
            return None
        loose = "".join([p for p, c in zip(parts, codes) if c in _LOOSE_CODES])
        made.append((big, low, codes, len(parts[0]) if i in row_shared else 0, loose, loose.lower()))

    # join the unchanged stretches of the old strings and the rows between them
    S = old.strings
    olds = [S[name] for name in STRINGS]
    pieces: list[list[str]] = [[] for _ in STRINGS]
    offsets_of = (old.starts, old.starts, st.scan_starts, st.scan_starts, st.loose_starts, st.loose_starts)
    starts: list[int] = []
    scan_starts: list[int] = []
    loose_starts: list[int] = []
    first_line: list[int] = []
    outs = ((starts, old.starts, 0), (scan_starts, st.scan_starts, 1), (loose_starts, st.loose_starts, 2),
            (first_line, old.first_line, 3))
    segs_parts: list[bytes] = []
    tags: list[str] = []
    skip = bytearray()
    # the records, metas and sort keys: the first table's, by `src` (see TableState)
    if st.src is None:
        bases, old_src, extra = (old.records, st.metas, old_keys), None, []
    else:
        bases, old_src, extra = st.bases, st.src, list(st.extra)
    src = array("q")
    at_extra = len(extra)
    extra += [(r, meta, (len(r.text), nk)) for r, meta, nk in rows]
    pos = [1, 1, 1, 0]  # where the next record starts: big, scan, loose strings, lines
    tags_old, o_first = old.tags, old.first_line
    for run in runs:
        if run.__class__ is tuple:
            j, j1 = run
            for k in range(6):
                text, o = olds[k], offsets_of[k]
                if text:
                    pieces[k].append(text[o[j] : o[j1]])
            for out, o, c in outs:
                d = pos[c] - o[j]
                out += [x + d for x in o[j:j1]] if d else o[j:j1]
                pos[c] += o[j1] - o[j]
            segs_parts.append(old.segs[o_first[j] : o_first[j1]])
            src.extend(range(j, j1)) if old_src is None else src.extend(old_src[j:j1])
            tags += tags_old[j:j1]
            skip += st.skip[j:j1]
            continue
        i = ~run
        r, meta, nk = rows[i]
        big, low, codes, first_len, loose, loose_low = made[i]
        for out, c in ((starts, 0), (scan_starts, 1), (loose_starts, 2), (first_line, 3)):
            out.append(pos[c])
        for k, piece in enumerate((big, low, big[first_len:], low[first_len:], loose, loose_low)):
            pieces[k].append(piece)
        pos[0] += len(big)
        pos[1] += len(big) - first_len
        pos[2] += len(loose)
        pos[3] += len(codes)
        segs_parts.append(bytes(codes))
        src.append(~(at_extra + i))
        tags.append(row_tags[i])
        skip.append(1 if first_len else 0)
    for out, c in ((starts, 0), (scan_starts, 1), (loose_starts, 2), (first_line, 3)):
        out.append(pos[c])
    strings = dict(zip(STRINGS, ["\n" + "".join(p) for p in pieces]))
    if not any(skip):  # (as build_table: the scan strings are the big ones)
        strings["scan_big"], strings["scan_low"] = strings["big"], strings["low"]
    if pos[2] == 1:
        strings["loose_big"] = strings["loose_low"] = ""
    records, metas, sort_keys = (Layered(seq, src, extra, f) for f, seq in enumerate(bases))
    # tag -> record id: a first table's record by where it went, a record made since by a dict
    where = array("q", [-1]) * len(bases[0])
    taken: dict[str, int] = {}
    for new_id, s in enumerate(src):
        if s >= 0:
            where[s] = new_id
        else:
            taken[tags[new_id]] = new_id

    # the listing order: the old one, less what went, with the rows put in where they go
    ids = list(map(new_of_old.__getitem__, old.natural))
    if dropped:
        ids = [x for x in ids if x >= 0]
    listing = _Keys(ids, sort_keys)
    for i in sorted(range(len(rows)), key=lambda i: rows[i][2]):
        at = bisect_left(listing, rows[i][2])
        ids.insert(at, row_id[i])
    natural = array("q", ids)
    natural_rank = array("q", [0]) * n
    for rank, i in enumerate(ids):
        natural_rank[i] = rank
    # the filters
    # (old ids below `lo` keep their number, those from `hi` on move by `delta`: a list that has
    # none between is taken over as it is, or moved)
    changed_at = [j for j in dropped] + [e[0] for e in events if e[1] == 0]
    lo, hi = min(changed_at), max(changed_at) + 1
    delta = len(rows) - len(dropped)
    filter_ids: dict = {}
    for key, ids in old.filter_ids.items():
        a = bisect_left(ids, lo)
        b = bisect_left(ids, hi, a)
        if a == b and (not delta or b == len(ids)):
            filter_ids[key] = ids
            continue
        mid = [x for x in map(new_of_old.__getitem__, ids[a:b]) if x >= 0]
        tail = _as_ints(ids[b:]) if not delta else array("q", [x + delta for x in ids[b:]])
        filter_ids[key] = _as_ints(ids[:a]) + array("q", mid) + tail
    for key in {key for _, meta, _ in rows for key in meta}:
        got = list(filter_ids.get(key, ()))
        for i, (_, meta, _) in enumerate(rows):
            if key in meta:
                insort(got, row_id[i])
        filter_ids[key] = array("q", got)
    filter_ids = {key: ids for key, ids in filter_ids.items() if len(ids)}
    state = TableState(sort_keys=sort_keys, metas=metas, scan_starts=array("q", scan_starts),
                       loose_starts=array("q", loose_starts), skip=bytes(skip), p_spans=st.p_spans,
                       passages=st.passages, counter=st.counter, span_sks=span_sks,
                       bases=bases, src=src, extra=extra)
    return KindTable(
        kind=kind, count=n, first=old.first, width=old.width, strings=strings,
        starts=array("q", starts), first_line=array("q", first_line), segs=b"".join(segs_parts),
        natural=natural, natural_rank=natural_rank, filter_ids=filter_ids, records=records,
        shared_ids=shared_ids, shared_many=shared_many, _tags=tags,
        tag_ids=_TagIds(old.first, where, taken), state=state,
    )


def sort_key(rec: Record, natural_key: tuple) -> tuple:
    """What record ids are sorted by: the display text's length, then the listing order."""
    return (len(rec.text), natural_key)


_LOOSE_CODES = {_CODE[s] for s in LOOSE_SEGMENTS}
_NAME_CODES = {_CODE[s] for s in NAME_SEGMENTS}


def _mark(code: int) -> str:
    if code in _NAME_CODES:
        return NAME_LOOSE if code in _LOOSE_CODES else NAME
    return OTHER_LOOSE if code in _LOOSE_CODES else OTHER
