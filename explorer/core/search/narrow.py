"""One query answered without indexing the whole fact base: an index of the records that may match.

A cold `factex search` (nothing stored yet) answers one query and exits. Building the whole index
for it (every record folded, sorted, joined) cost as much as a second of CPU at 30,000 cards.
`narrowed(base, query)` finds, with a few whole-string scans of the cards' and sources' own
text, a superset of the records the query can match, and builds a `SearchIndex` of those only
(`SearchIndex(base, only=...)`, through the very same code). Its `search(query)` gives what
`SearchIndex(base).search(query)` gives: the same hits in the same order, the same counts
(tests/test_narrow.py holds the two equal on generated workspaces and queries).

Why a superset is enough: whether a record matches depends on its own lines only, and records
keep their order (shortest display text, then the listing order) when others are left out. The
one thing that depends on the whole kind, where the first third of its big string ends (`Run.pool`
reads close matches there), the partial index does not guess: it raises `NeedsWhole`, and the
caller searches the whole index.

What may match (a record that fails this cannot match): every positive group of the query (a
group with no negated alternative) has a term that some line of the record can match. A term's
letters and digits (ASCII, lower-cased) must be in the line as `fold` makes it: any fuzzy match in
a name-like line (the letters in order), a tight one in prose (`score.tight`: the term as one run,
or its first letter starting a word), and an exact term as one run (the longest run of its
letters and digits, starting a word where the term does). The scans look for that in one string
per kind and per sort of line (name-like or prose), each record's lines one *unit* (a source's
sentences: its paragraph), folded as a whole by `text.fold_for_scan`, which keeps letters and
digits as `fold` does, and word starts. A query with no such group (only filters or exclusions)
gives None: the whole index answers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import partial
from itertools import accumulate
from typing import TYPE_CHECKING

from explorer.core.search.index import SearchIndex, Selection
from explorer.core.search.kinds import KINDS
from explorer.core.search.query import Term, parse_query
from explorer.core.search.score import MAX_CHUNKED
from explorer.core.search.table import Record
from explorer.core.text import fold_for_scan

if TYPE_CHECKING:
    from explorer.core.loading.loader import FactBase

UNIT = "\x00"  # between two units of a scanned string
LINE = "\x01"  # between two lines of a unit (a scan may run across it: that only finds more)
_RUNS = re.compile(r"[a-z0-9]+")
_WORD_START = r"(?<![^\W_])"  # not after a letter or digit (as strong_regex and chunk_regex say)


def narrowed(base: FactBase, query: str, kinds: set[str] | None = None) -> SearchIndex | None:
    """An index of the records of `base` that may match `query` (see the module docstring), or
    None when the query says nothing that narrows. Raises QueryError as a search would."""
    q = parse_query(query)
    groups = []
    for group in q.positive:
        wanted = [needs(term) for term in group]
        if all(w is not None for w in wanted):
            groups.append(wanted)
    if not groups and not q.empty:
        return None
    wanted_kinds = set(KINDS) if kinds is None else set(kinds) & set(KINDS)
    units = _Units(base)
    chosen: dict[str, list[int]] = {}
    for kind in KINDS:
        if kind not in wanted_kinds or q.empty:
            chosen[kind] = []
            continue
        strings = units.strings(kind)
        if strings is None:
            return None  # (a text holds the separator itself)
        keep: set[int] | None = None
        for group in groups:
            found: set[int] = set()
            for prose, loose in group:
                for patterns, scanned in ((prose, strings[0]), (loose, strings[1])):
                    if scanned is not None:
                        for pattern in patterns:
                            found |= _units_found(pattern, scanned)
            keep = found if keep is None else keep & found
            if not keep:
                break
        chosen[kind] = sorted(keep or ())
    index = SearchIndex(base, only=units.selection(chosen))
    index.units = units  # (what `third` may take over)
    return index


def needs(term: Term) -> tuple[list[re.Pattern], list[re.Pattern]] | None:
    """What a line must hold for `term` to match it: (patterns for prose lines, for name-like
    lines), a line matching one of its list or none, each pattern run over units folded by
    `fold_for_scan` (see `_scanned`). None: nothing can be said (the term has no ASCII letter or
    digit)."""
    text = term.text
    runs = _RUNS.findall(text.lower())
    if not runs:
        return None
    longest = max(runs, key=len)
    at_start = text[:1].isascii() and text[:1].isalnum() and longest == runs[0]  # (the term starts with it)
    anywhere = _run(longest, False)
    if term.mode == "fuzzy":
        letters = "".join(runs)
        loose = [_in_order(letters)]
        if len(text) < 4:  # strong_regex: the term as one run starting a word
            prose = [_run(longest, at_start)]
        elif len(text) <= MAX_CHUNKED:  # run_regex (one run anywhere), or chunk_regex
            plain = letters == text.lower()
            prose = [anywhere, _chunked(letters) if plain else _in_order(letters)]
        else:
            prose = [anywhere]
        return prose, loose
    pattern = _run(longest, at_start and term.mode in ("boundary", "prefix", "equal"))
    return [pattern], [pattern]


_REST = r"[^\x00]*+"  # the rest of the unit (so a unit is found once)


def _run(letters: str, word_start: bool) -> re.Pattern:
    """`letters` as one run (starting a word, if asked)."""
    if word_start:  # (the letters first: the engine looks for them in C, then looks behind)
        return re.compile(f"{letters}(?<![^\\W_]{letters}){_REST}")
    return re.compile(letters + _REST)


def _in_order(letters: str) -> re.Pattern:
    """The letters in order in a unit: tried once from each unit's start (after its separator),
    each letter the first of its kind after the one before, so the scan is linear."""
    steps = "".join(f"[^\\x00{c}]*+{c}" for c in letters)
    return re.compile(f"\\x00{steps}")


def _chunked(letters: str) -> re.Pattern:
    """`lines.chunk_regex(letters)` with a unit's end where a line's is: each letter next, else
    starting the next word, else the word after, the first starting a word. It runs over the
    same letters and separators as the searched line (`fold_for_scan`), so it finds what
    chunk_regex finds there."""
    rest, sep = r"[^\W_]*+", r"(?:[^\w\x00]|_)++"
    word = rf"{rest}{sep}"
    steps = "".join(f"(?>{c}|{word}(?:[^\\W_]{word})??{c})" for c in letters[1:])
    first = f"{letters[0]}(?<![^\\W_]{letters[0]})"
    return re.compile(f"{first}{steps}{_REST}")


def _units_found(pattern: re.Pattern, scanned: str) -> set[int]:
    """The units of `scanned` (each after a separator, `_scanned`) where `pattern` matches: a
    match is in the unit of its last character (never a separator), the number of separators
    before it less one, counted on from the match before."""
    found = set()
    count = scanned.count
    n = -1
    at = 0
    for m in pattern.finditer(scanned):
        end = m.end() - 1
        n += count(UNIT, at, end)
        at = end
        found.add(n)
    return found


class _Units:
    """The units of each kind, in the fact base's order, and what their lines say, as strings."""

    def __init__(self, base: FactBase) -> None:
        self.base = base
        self.held: dict[str, int] | None = None  # (`third`: see `_held`)
        self.passages_between: tuple[int, int] | None = None  # (see `_passages_between`)
        self.entities = list(base.entities.values())
        self.relations = list(base.relations.values())
        self.paragraph_keys: list[tuple[str, int, int]] = []  # per passage unit: (source, start, end)
        self.sentences: list[str] | None = None  # per relation: its sentence (before `one_line`)
        self.names: dict[str, str] | None = None  # entity id -> name (for `third`'s relations)

    def strings(self, kind: str):
        """(prose string, name-like string or None), folded (`_scanned`); None when a text holds a
        separator."""
        base = self.base
        loose: list[str] | None = None
        if kind == "entity":
            loose = [LINE.join((e.name, *e.aliases, e.type)) for e in self.entities]
            prose = [e.description or "" for e in self.entities]
        elif kind == "relation":
            entities = base.entities
            self.names = {eid: e.name for eid, e in entities.items()}
            name = self.names.get
            relations = self.relations
            prose = [f"{name(r.subject, r.subject)} {r.predicate} {name(r.object, r.object)}" for r in relations]
            self.sentences = prose[:]  # (for `third`)
            loose = [""] * len(relations)
            for i, r in enumerate(relations):
                if r.qualifiers:
                    prose[i] += LINE + LINE.join([f"{k}: {name(v, v)}" for k, v in r.qualifiers.items()])
                if r.attribution:
                    by = entities.get(r.attribution)
                    loose[i] = LINE.join((by.name, *by.aliases)) if by is not None else r.attribution
        elif kind == "quote":
            texts = {sid: source.text for sid, source in base.sources.items()}
            evidence = [ev for card in (*self.entities, *self.relations) for ev in card.evidence]
            # (what `third` asks of the whole index, known now: not another walk over every card)
            self.held = {"entity": len(self.entities), "relation": len(self.relations), "quote": len(evidence)}
            prose = [texts[a.source][a.start : a.end] if (a := ev.anchor) is not None and a.source in texts else ev.quote
                     for ev in evidence]
            for i, ev in enumerate(evidence):
                if ev.note:
                    prose[i] += LINE + ev.note
        else:
            from explorer.core.anchoring.sources import paragraphs

            prose, keys = [], self.paragraph_keys
            keys.clear()
            for sid, source in base.sources.items():
                text = source.text
                for start, end in paragraphs(text):
                    prose.append(text[start:end])
                    keys.append((sid, start, end))
        scanned = [_scanned(prose)]
        scanned.append(_scanned(loose) if loose is not None else None)
        if scanned[0] is None or (loose is not None and scanned[1] is None):
            return None
        return scanned

    def selection(self, chosen: dict[str, list[int]]) -> Selection:
        cards = (*self.entities, *self.relations)
        firsts = list(accumulate([len(card.evidence) for card in cards], initial=0))  # each card's first quote unit
        quotes: list = []
        c = 0
        for i in chosen["quote"]:
            c = bisect_right(firsts, i, c) - 1
            if quotes and quotes[-1][0] is cards[c]:
                quotes[-1][1].append(i - firsts[c])
            else:
                quotes.append((cards[c], [i - firsts[c]]))
        paragraphs: dict[str, list[tuple[int, int]]] = {}
        for i in chosen["passage"]:
            sid, start, end = self.paragraph_keys[i]
            paragraphs.setdefault(sid, []).append((start, end))
        return Selection([self.entities[i] for i in chosen["entity"]],
                         [self.relations[i] for i in chosen["relation"]], quotes, paragraphs)


def _scanned(units: list[str]) -> str | None:
    """The units folded as one string (`fold_for_scan`), each after a separator; None when a unit
    holds the separator. (Where each unit starts is counted when a scan finds something,
    `_units_found`: splitting the string to measure every unit cost more than the scans.)"""
    if not units:
        return ""
    folded = fold_for_scan(UNIT + UNIT.join(units))
    if folded.count(UNIT) != len(units):
        return None
    return folded


def third(base: FactBase, index: SearchIndex, kind: str) -> int | None:
    """Where, in the big string of `index`'s partial `kind` table, the lines end that lie in the
    first third of the whole kind's big string (what `Run.pool` reads for close letters): the
    whole kind's lines are measured (their texts as the whole index makes them, folded lengths,
    sort keys; never joined or sorted into tables), and the table's lines placed among them.
    None when the whole index's tag width cannot be told without splitting every source into
    sentences."""
    sources = base.sources
    units = index.units
    lines, counts, keys = _measured(base, kind, units.sentences if units is not None else None,
                                    units.names if units is not None else None)
    # the tag width: from how many records the whole index has (see SearchIndex._build)
    held = _held(base, units)
    if kind == "passage":
        low = high = len(keys)
    else:
        low, high = _passages_between(base, units)
    rest = sum(n for k, n in held.items() if k != kind) + (len(keys) if kind != "passage" else 0)
    width = _width(rest + low)
    if _width(rest + high) != width:
        return None
    # each record's lines' length in the whole string
    acc = list(accumulate(_folded_lengths(lines), initial=0))
    bounds = list(accumulate(counts, initial=0))
    extra = 3 + width  # (a line's tab, mark, tag and line end)
    sizes = [acc[b] - acc[a] + (b - a) * extra for a, b in zip(bounds, bounds[1:])]
    cut = (1 + acc[-1] + len(lines) * extra) // 3
    table = index.kinds[kind]
    if kind == "passage":
        order = {sid: n for n, sid in enumerate(sources)}
        mine = [(len(r.text), order[r.source], r.start) for r in table.records]
    else:
        mine = [(n, *nk) for n, nk in table.state.sort_keys]  # (flat, as `keys`)
    # where each of the table's records starts in the whole string: after every record whose
    # key is smaller (each record's size put in the bucket of the first of them it comes before)
    ordered = sorted(mine)
    buckets = [0] * (len(ordered) + 1)
    for at, size in zip(map(partial(bisect_right, ordered), keys), sizes):
        buckets[at] += size
    starts = dict(zip(ordered, [1 + before for before in accumulate(buckets)]))
    # the table's lines in order, each placed in the whole string: the first past the cut ends it
    sub = table.width
    for i, key in enumerate(mine):
        full, offset = starts[key], table.starts[i]
        for _, line in table.lines(i):
            if full + len(line) + 2 + width > cut:
                return offset
            full += len(line) + 3 + width
            offset += len(line) + 3 + sub
    return len(table.big)


def _held(base: FactBase, units: _Units | None) -> dict[str, int]:
    """How many records of each card kind the whole index has (the same for every kind `third`
    is asked about: worked out once per `units`)."""
    got = units.held if units is not None else None
    if got is None:
        cards = (*base.entities.values(), *base.relations.values())
        got = {"entity": len(base.entities), "relation": len(base.relations),
               "quote": sum([len(card.evidence) for card in cards])}
        if units is not None:
            units.held = got
    return got


def _passages_between(base: FactBase, units: _Units | None) -> tuple[int, int]:
    """The fewest and most passages the whole index can have: a paragraph holds one sentence at
    least, and one more at most for each stop in it (worked out once per `units`)."""
    got = units.passages_between if units is not None else None
    if got is None:
        from explorer.core.anchoring.sources import paragraphs

        sources = base.sources
        low = (len(units.paragraph_keys) if units is not None and units.paragraph_keys
               else sum([len(paragraphs(s.text)) for s in sources.values()]))
        got = low, low + sum([source.text.count(c) for source in sources.values() for c in ".!?\u2026\u3002\uff01\uff1f"])
        if units is not None:
            units.passages_between = got
    return got


def _one_lines(texts: list[str]) -> list[str]:
    """`[one_line(text) for text in texts]`: when no text holds a line break (the usual case, told
    in one pass), each text stripped."""
    if "".join(texts).isprintable():
        return list(map(str.strip, texts))
    from explorer.core.search.lines import one_line

    return list(map(one_line, texts))


def _measured(base: FactBase, kind: str, sentences: list[str] | None = None,
              names: dict[str, str] | None = None) -> tuple[list[str], list[int], list[tuple]]:
    """Every record of `kind` as the whole index makes it (`index.entity_row` and the others):
    the raw texts of its lines, in order, how many lines each has, and its sort key (the length
    of its display text, then its place in the listing, in one flat tuple). `sentences`: the
    relations' sentences, and `names` the entities' (id -> name), when made already (`_Units`)."""
    from explorer.core.anchoring.sources import split_sentences
    from explorer.core.search.index import quote_rows
    from explorer.core.search.lines import one_line

    lines: list[str] = []
    counts: list[int] = []
    keys: list[tuple] = []
    add = lines.append
    source_order = {sid: n for n, sid in enumerate(base.sources)}
    if kind == "entity":  # (as entity_row)
        ents = list(base.entities.values())
        for e, shown in zip(ents, _one_lines([e.name for e in ents])):
            add(e.name)
            lines += e.aliases
            add(e.type)
            if e.description:
                add(e.description)
            counts.append(2 + len(e.aliases) + (1 if e.description else 0))
            keys.append((len(shown), e.name.casefold(), e.id))
    elif kind == "relation":  # (as relation_row)
        entities = base.entities
        name = (names if names is not None else {eid: e.name for eid, e in entities.items()}).get
        no_source = len(source_order)
        if sentences is None:
            sentences = [f"{name(r.subject, r.subject)} {r.predicate} {name(r.object, r.object)}" for r in base.relations.values()]
        for r, sentence in zip(base.relations.values(), _one_lines(sentences)):
            add(sentence)
            n = 1
            if r.qualifiers:
                for k, v in r.qualifiers.items():
                    add(f"{k}: {name(v, v)}")
                n += len(r.qualifiers)
            if r.attribution:
                by = entities.get(r.attribution)
                add(by.name if by else r.attribution)
                n += 1
                if by is not None:
                    lines += by.aliases
                    n += len(by.aliases)
            counts.append(n)
            for ev in r.evidence:  # (r.first_position, without a call for each relation)
                if (a := ev.anchor) is not None:
                    keys.append((len(sentence), source_order.get(a.source, no_source), a.start, r.id))
                    break
            else:
                keys.append((len(sentence), source_order.get("", no_source), 0, r.id))
    elif kind == "quote":
        for card in (*base.entities.values(), *base.relations.values()):
            for rec, _, nk in quote_rows(card, base.sources, source_order):
                lines += [text for _, text in rec.fields]
                counts.append(len(rec.fields))
                keys.append((len(rec.text), *nk))
    else:  # (as SearchIndex._build)
        for sid, source in base.sources.items():
            text, order = source.text, source_order[sid]
            for start, end in split_sentences(text):
                sentence = one_line(text[start:end])
                if sentence:
                    add(sentence)
                    counts.append(1)
                    keys.append((len(sentence), order, start))
    return lines, counts, keys


def _folded_lengths(texts: list[str]) -> list[int]:
    """`[len(line) for line in lines.fold_all(texts)]`, folding only the texts fold changes.

    Whether any text holds what fold changes (or a thousands separator, which it drops) is told
    in a few passes at C speed over the texts' UTF-8 bytes (`_clean`); the usual texts hold none."""
    from explorer.core.search.lines import fold_all
    from explorer.core.text import DIGIT_GROUP

    lengths = list(map(len, texts))
    joined = UNIT.join(texts)
    if joined.count(UNIT) != len(texts) - 1 > 0:  # (a text holds the separator)
        return [len(line) for line in fold_all(texts)]
    data = joined.encode("utf-8", "surrogatepass")
    folds, groups = _clean(data, len(data) == len(joined))
    if not folds and not groups:
        return lengths  # (the usual case)
    starts = list(accumulate([n + 1 for n in lengths], initial=0))
    dirty: list[int] = []
    if folds:  # (which texts hold something fold changes, found in one pass: one match a text)
        dirty = [bisect_right(starts, m.start()) - 1 for m in _dirty().finditer(joined)]
        for i, line in zip(dirty, fold_all([texts[i] for i in dirty])):
            lengths[i] = len(line)
    if groups:  # (fold_all drops the separators of the texts it folded; of the others, here)
        folded = set(dirty)
        for m in DIGIT_GROUP.finditer(joined):
            i = bisect_right(starts, m.start()) - 1
            if i not in folded:
                lengths[i] -= 1
    return lengths


# (`_clean`) Spaces and dashes made " ", digits "0", the marks a space before which `fold` drops
# ",": a double space, a space before or after a dash, "--" are then "  "; a space before such a
# mark " ,"; "..." ",,,"; a thousands separator "0,000" or "0'000" (each found maybe too often,
# never missed).
_MARKS = bytes.maketrans(b" -0123456789!?;:,.)]", b"  0000000000,,,,,,,,")
_OTHERS: list[bytes] = []  # the ASCII bytes `fold` leaves as they are, and the separator (made once)


def _clean(data: bytes, ascii: bool) -> tuple[bool, bool]:
    """(may a text of `data`, the texts' UTF-8 joined by UNIT, hold what `fold` changes; may it
    hold a thousands separator): each False only when none does. `ascii`: `data` is all ASCII
    (else some text holds a character past ASCII, which `fold_all` folds)."""
    if not _OTHERS:
        from explorer.core.search.lines import _ASCII_FOLDED

        _OTHERS.append(bytes(b for b in range(128) if chr(b) not in _ASCII_FOLDED or chr(b) == UNIT))
    # (every byte deleted but those `fold` changes: what is left is one of them, if any)
    folds = not ascii or bool(data.translate(None, _OTHERS[0]))
    marks = data.translate(_MARKS)
    return folds or b"  " in marks or b" ," in marks or b",,," in marks, b"0,000" in marks or b"0'000" in marks


_DIRTY: list[re.Pattern] = []


def _dirty() -> re.Pattern:
    """What `lines.fold_all` folds a text for, never the separator between texts; a match runs to
    the end of its text (one match a text)."""
    if not _DIRTY:
        from explorer.core.search.lines import _NEEDS_FOLD

        _DIRTY.append(re.compile(f"(?!\\x00)(?:[^\\x00-\\x7f]|{_NEEDS_FOLD.pattern}){_REST}"))
    return _DIRTY[0]


def _width(total: int) -> int:
    """The tag width of an index of `total` records (as `SearchIndex._build` works it out)."""
    width = 1
    while 16**width < max(2 * total, total + 1024):
        width += 1
    return width
