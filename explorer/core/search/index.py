"""`SearchIndex`: the searchable records of a fact base, built once, and `search()` over them.

Building reads every entity, relation, quote and source sentence of a `FactBase` into records
(`table.Record`) and one `KindTable` per kind; a search parses the query (`query`), resolves its
filters against what the fact base names (types, sources, entities), and runs it (`run.Run`).
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Callable, Collection, NamedTuple

from explorer.core.errors import QueryError
from explorer.core.pausing import checkpoint
from explorer.core.search.kinds import KINDS
from explorer.core.search.lines import lower, one_line
from explorer.core.search.query import Filter, count_matches, hint, parse_query, suggest
from explorer.core.search.results import Results
from explorer.core.search.run import Memo, Run, make_hit
from explorer.core.search.table import KindTable, Record, _Counter, build_table, passage_spans, sort_key, update_table
from explorer.core.text import fold

if TYPE_CHECKING:
    from explorer.core.loading.loader import FactBase


class Selection(NamedTuple):
    """The records a partial index holds, each list in the fact base's order: entities,
    relations, (card, the numbers of its quotes held, in order), and by source id the
    (start, end) of the paragraphs whose sentences are held (`sources.paragraphs`). None: every
    record of that kind."""

    entities: list | None
    relations: list | None
    quotes: list | None
    paragraphs: dict[str, list[tuple[int, int]]] | None

    def kinds(self) -> frozenset[str]:
        """The kinds held in part."""
        return frozenset(k for k, got in zip(("entity", "relation", "quote", "passage"), self) if got is not None)

    def widened(self, kind: str) -> Selection:
        """The same, with every record of `kind`."""
        return self._replace(**{{"entity": "entities", "relation": "relations", "quote": "quotes",
                                 "passage": "paragraphs"}[kind]: None})


class SearchIndex:
    """Folded searchable records of a fact base, built once; `search()` runs queries over them.

    With `only` (a `Selection`, see `narrow.narrowed`), the index holds only the records it
    names: searches for the query it was chosen for give what the whole index gives, or raise
    `NeedsWhole` where the answer depends on records of a kind it does not hold."""

    partial: frozenset[str] = frozenset()  # the kinds of which it holds only some records (`only`)
    only: Selection | None = None
    # Of those kinds: where, in the table's big string, the lines end that lie in the first third
    # of the whole kind's string (what `Run.pool` reads for close matches; see `narrow.third`).
    thirds: dict[str, int] = {}
    units = None  # (a partial index: what `narrow` made it from, `narrow._Units`)
    anew = False  # made by `update` as a new index of the whole fact base (too much had changed)

    def __init__(self, base: FactBase, only: Selection | None = None):
        self.base = base
        enabled = gc.isenabled()
        gc.disable()  # hundreds of thousands of small objects: no point in collecting meanwhile
        try:
            self._build(base, only)
        finally:
            if enabled:
                gc.enable()
        if only is not None:
            self.only = only
            self.partial = only.kinds()
            self.thirds = {}

    def _build(self, base: FactBase, only: Selection | None = None) -> None:
        from explorer.core.anchoring.sources import paragraph_sentences, split_sentences

        source_order = {sid: n for n, sid in enumerate(base.sources)}
        names = {eid: e.name for eid, e in base.entities.items()}

        entity_rows: list[Record] = []
        entity_metas: list[tuple] = []
        entity_keys: list[tuple] = []
        # (checkpoint(): every 64 cards, where a build in the app waits while a key is drawn;
        # a whole build takes ~2 s of CPU at 30,000 cards, see explorer.core.pausing)
        for n, ent in enumerate(base.entities.values() if only is None or only.entities is None else only.entities):
            if not n & 63:
                checkpoint()
            rec, meta, key = entity_row(ent)
            entity_rows.append(rec)
            entity_metas.append(meta)
            entity_keys.append(key)

        relation_rows: list[Record] = []
        relation_metas: list[tuple] = []
        relation_keys: list[tuple] = []
        for n, rel in enumerate(base.relations.values() if only is None or only.relations is None else only.relations):
            if not n & 63:
                checkpoint()
            rec, meta, key = relation_row(rel, base, names, source_order)
            relation_rows.append(rec)
            relation_metas.append(meta)
            relation_keys.append(key)

        quote_rows_: list[Record] = []
        quote_metas: list[tuple] = []
        quote_keys: list[tuple] = []
        sources = base.sources
        cards = ((card, None) for card in (*base.entities.values(), *base.relations.values()))
        for n, (card, numbers) in enumerate(cards if only is None or only.quotes is None else only.quotes):
            if not n & 63:
                checkpoint()
            rows = quote_rows(card, sources, source_order)
            for rec, meta, key in rows if numbers is None else [rows[n] for n in numbers]:
                quote_rows_.append(rec)
                quote_metas.append(meta)
                quote_keys.append(key)

        passage_rows: list[Record] = []
        passage_metas: list[tuple] = []
        for sid, source in sources.items():
            checkpoint()
            text = source.text
            meta = (("source", sid),)
            if only is None or only.paragraphs is None:
                spans = split_sentences(text)
            else:
                spans = [span for para in only.paragraphs.get(sid, ()) for span in paragraph_sentences(text, *para)]
            for start, end in spans:
                sentence = one_line(text[start:end])
                if sentence:
                    passage_rows.append(Record(None, None, sid, start, end, sentence,
                                               f"{sid}:{source.line_of(start)}", (("passage", sentence),)))
                    passage_metas.append(meta)

        total = len(entity_rows) + len(relation_rows) + len(quote_rows_) + len(passage_rows)
        width = 1
        while 16**width < max(2 * total, total + 1024):  # (room for the tags of updates: see update())
            width += 1
        passages = build_table("passage", passage_rows, passage_metas, None, 0, width)
        first = len(passage_rows)
        entities = build_table("entity", entity_rows, entity_metas, entity_keys, first, width)
        first += len(entity_rows)
        relations = build_table("relation", relation_rows, relation_metas, relation_keys, first, width)
        first += len(relation_rows)
        quotes = build_table("quote", quote_rows_, quote_metas, quote_keys, first, width, passages, passage_spans(passages))
        first += len(quote_rows_)
        counter = _Counter(first, 16**width)  # (one for the three kinds updated: tags stay unique)
        for table in (entities, relations, quotes):
            table.state.counter = counter
        self._finish(base, {"entity": entities, "relation": relations, "quote": quotes, "passage": passages})

    def _finish(self, base: FactBase, kinds: dict[str, KindTable]) -> None:
        self.kinds: dict[str, KindTable] = kinds
        self.memo = Memo()
        self.types = sorted({e.type.lower() for e in base.entities.values()})
        self.source_ids = list(base.sources)
        self.attributions = sorted({r.attribution for r in base.relations.values() if r.attribution})
        self._entity_ids = lambda: base.entities
        self._make_names = lambda: entity_names(base)
        self._names = None  # built when `by:` first needs it

    def update(self, base: FactBase) -> SearchIndex:
        """The index of `base`, a reload of this index's fact base: only the records of the
        cards that changed (and of the relations naming an entity that changed, whose sentences
        hold its name) are made again; the rest is taken over as it is. Searches give what a
        new `SearchIndex(base)` gives (tests/test_search_update.py). A new index: this one is
        left as it was (a search may be running over it). Built anew when the sources changed,
        or when too much did."""
        old = self.base
        if old is None or base.sources is not old.sources and base.sources != old.sources:
            index = SearchIndex(base)
            index.anew = True
            return index
        enabled = gc.isenabled()
        gc.disable()
        try:
            index = self._updated(old, base)
        finally:
            if enabled:
                gc.enable()
        if index is None:
            index = SearchIndex(base)
            index.anew = True
        return index

    @property
    def updatable(self) -> bool:
        """Whether `update` can make the next index from this one's tables: built here, or read
        back from a stored index (whose records then stay in the file: an overlay of the changed
        cards' records is made, see `table.update_table`)."""
        return all(self.kinds[k].state is not None for k in ("entity", "relation", "quote"))

    def rebased(self, base: FactBase) -> SearchIndex:
        """This index for `base`, a fact base equal to its own (the same cards, other objects):
        its tables as they are; the next `update` compares card objects with `base`'s."""
        index = SearchIndex.__new__(SearchIndex)
        index.base = base
        index._finish(base, self.kinds)
        index.memo = self.memo
        return index

    def _updated(self, old: FactBase, base: FactBase) -> SearchIndex | None:
        kinds = self.kinds
        if not self.updatable:
            return None
        changed_entities = _changed(old.entities, base.entities)
        changed_relations = _changed(old.relations, base.relations)
        if len(changed_entities) + len(changed_relations) > max(1000, (len(base.entities) + len(base.relations)) // 4):
            return None  # (as quick to build anew)
        # relations whose record names a changed entity (as subject, object or by)
        redo_relations = set(changed_relations)
        if changed_entities:
            ch = set(changed_entities)
            for r in base.relations.values():
                if (r.subject in ch or r.object in ch or r.attribution in ch
                        or (r.qualifiers and not ch.isdisjoint(r.qualifiers.values()))):
                    redo_relations.add(r.id)
        source_order = {sid: n for n, sid in enumerate(base.sources)}
        old_names = _Names(old)
        names = _Names(base)
        tables = dict(kinds)
        # entities (what goes: the sort keys of the old cards' records, made again to be found)
        gone, rows = [], []
        for eid in changed_entities:
            ent = old.entities.get(eid)
            if ent is not None:
                rec, _, nk = entity_row(ent)
                gone.append(sort_key(rec, nk))
            ent = base.entities.get(eid)
            if ent is not None:
                rows.append(entity_row(ent))
        tables["entity"] = update_table(kinds["entity"], gone, rows)
        # relations
        gone, rows = [], []
        for rid in redo_relations:
            rel = old.relations.get(rid)
            if rel is not None:
                rec, _, nk = relation_row(rel, old, old_names, source_order)
                gone.append(sort_key(rec, nk))
            rel = base.relations.get(rid)
            if rel is not None:
                rows.append(relation_row(rel, base, names, source_order))
        tables["relation"] = update_table(kinds["relation"], gone, rows)
        # quotes: every quote of a changed card
        gone, rows = [], []
        for (before, after), ids in (((old.entities, base.entities), changed_entities),
                                     ((old.relations, base.relations), changed_relations)):
            for cid in ids:
                card = before.get(cid)
                if card is not None:
                    gone += [sort_key(rec, nk) for rec, _, nk in quote_rows(card, old.sources, source_order)]
                card = after.get(cid)
                if card is not None:
                    rows += quote_rows(card, base.sources, source_order)
        tables["quote"] = update_table(kinds["quote"], gone, rows, kinds["passage"])
        if any(t is None for t in tables.values()):
            return None
        index = SearchIndex.__new__(SearchIndex)
        index.base = base
        index._finish(base, tables)
        return index

    @classmethod
    def from_parts(cls, kinds: dict[str, KindTable], types: list[str], source_ids: list[str],
                   attributions: list[str], entity_ids: Callable[[], Collection[str]],
                   names: Callable[[], dict[str, str]]) -> SearchIndex:
        """An index from its tables and what its filters name (as `store` reads them back);
        `entity_ids` and `names` are asked only when a `by:` filter needs them."""
        self = cls.__new__(cls)
        self.base = None
        self.memo = Memo()
        self.kinds = kinds
        self.types, self.source_ids, self.attributions = types, source_ids, attributions
        self._entity_ids, self._make_names, self._names = entity_ids, names, None
        return self

    @property
    def entity_ids(self) -> Collection[str]:
        return self._entity_ids()

    def names(self) -> dict[str, str]:
        """name_key(id, name or alias) -> entity id."""
        if self._names is None:
            self._names = self._make_names()
        return self._names

    def _entity_named(self, value: str) -> str | None:
        """The entity a `by:` value names: its id, or (folded, any case, spaces or hyphens) its
        name or an alias."""
        if value in self.entity_ids:
            return value
        return self.names().get(name_key(value))

    # -- filters ---------------------------------------------------------------------------------

    def _resolve(self, flt: Filter) -> tuple[str, ...]:
        """The filter's values as the index keys them; QueryError for values that name nothing."""
        if flt.field == "type":
            out = []
            for v in flt.values:
                key = v.lower()
                if key not in self.types:
                    listing = ", ".join(self.types[:12]) + (", ..." if len(self.types) > 12 else "")
                    raise QueryError(hint(f"no entity has type '{v}'", suggest(key, self.types),
                                           f"Types: {listing}" if listing else ""), flt.position)
                out.append(key)
            return tuple(out)
        if flt.field == "source":
            out = []
            for v in flt.values:
                if v in self.source_ids:
                    out.append(v)
                    continue
                lowered = {s.lower(): s for s in self.source_ids}
                if v.lower() in lowered:
                    out.append(lowered[v.lower()])
                    continue
                raise QueryError(hint(f"unknown source '{v}'", suggest(v, list(self.source_ids)),
                                       "A source id is a file name in seeds/ without its extension."), flt.position)
            return tuple(out)
        if flt.field == "sources":
            present = {int(v) for kind in self.kinds.values() for (f, v) in kind.filter_ids if f == "sources"}
            return tuple(str(n) for n in sorted(present) if any(count_matches(v, n) for v in flt.values))
        if flt.field == "by":
            out = []
            for v in flt.values:
                ent = self._entity_named(v)
                if ent is None:
                    guess = suggest(v.lower(), self.attributions or list(self.entity_ids))
                    raise QueryError(hint(f"no entity '{v}' for `by:`", guess,
                                           "Give an entity id, name or alias."), flt.position)
                out.append(ent)
            return tuple(out)
        return flt.values

    # -- search ----------------------------------------------------------------------------------

    def search(self, query: str, *, kinds: set[str] | None = None, limit: int = 50, stop=None) -> Results:
        """Run `query`; the best `limit` hits over all kinds, ranked. Raises QueryError.

        `stop()`, if given, is asked between slices of the work (each a few milliseconds): when
        it returns True the search ends with `SearchCancelled`. With it, the search also lets
        other threads run between slices (the app's UI thread, while it types)."""
        q = parse_query(query)
        if kinds is not None:
            unknown = set(kinds) - set(KINDS)
            if unknown:
                raise QueryError(f"unknown kind '{sorted(unknown)[0]}'; kinds: {', '.join(KINDS)}")
        if q.empty:
            return Results([], 0, {k: 0 for k in KINDS})
        filters = [(f, self._resolve(f)) for f in q.filters]
        limit = max(0, int(limit))
        run = Run(self.kinds, q, self.memo, stop, partial=self.partial, thirds=self.thirds)
        ranked: list[tuple[tuple, KindTable, str, object]] = []
        counts: dict[str, int] = {}
        for kind_name in KINDS:
            kind = self.kinds[kind_name]
            counts[kind_name] = 0
            if (kinds is not None and kind_name not in kinds) or not kind.count:
                continue
            allowed = kind.allowed(filters)
            if allowed is not None and not allowed:
                continue
            cands = run.match(kind, allowed)
            counts[kind_name] = len(cands)
            if cands:
                ranked.extend(run.rank(kind, cands, limit))
        ranked.sort(key=lambda r: r[0])
        hits = [make_hit(kind, tag, info) for _, kind, tag, info in ranked[:limit]]
        return Results(hits, sum(counts.values()), counts)

    def warm(self) -> None:
        """Make now what every search shares and each table makes at its first use: its record
        tags and their set (an index read back makes them lazily: 0.1-0.2 s at 30,000 cards,
        which a session's first key paid). The app calls it in the background."""
        for table in self.kinds.values():
            if table.count:
                table.tags
                table.all


def name_key(name: str) -> str:
    return " ".join(lower(fold(name)).replace("-", " ").replace("_", " ").split())


def entity_names(base: FactBase) -> dict[str, str]:
    """name_key(id, name or alias) -> entity id, the first entity to claim a key keeping it."""
    names: dict[str, str] = {}
    for ent in base.entities.values():
        for name in (ent.id, ent.name, *ent.aliases):
            names.setdefault(name_key(name), ent.id)
    return names


def entity_row(ent) -> tuple[Record, tuple, tuple]:
    """An entity's record, what its filters need, and its place in the listing (by name)."""
    fields = [("name", ent.name)]
    fields += [("alias", a) for a in ent.aliases]
    fields.append(("type", ent.type))
    if ent.description:
        fields.append(("description", ent.description))
    meta = [("type", ent.type.lower())]
    backing = {ev.anchor.source for ev in ent.evidence if ev.anchor}
    meta += [("source", s) for s in backing]
    meta.append(("sources", str(len(backing))))
    return (Record(ent.id, None, None, None, None, one_line(ent.name), ent.type, tuple(fields)), tuple(meta),
            (ent.name.casefold(), ent.id))


def relation_row(rel, base, names, source_order) -> tuple[Record, tuple, tuple]:
    """A relation's record (its sentence names its entities), filters, and place (article order)."""
    sentence = one_line(f"{names.get(rel.subject, rel.subject)} {rel.predicate} {names.get(rel.object, rel.object)}")
    fields = [("sentence", sentence)]
    for key, value in rel.qualifiers.items():
        fields.append(("qualifier", f"{key}: {names.get(value, value)}"))
    detail = rel.certainty
    meta = [("certainty", rel.certainty)]
    if rel.attribution:
        by = base.entities.get(rel.attribution)
        detail += f" · by {by.name if by else rel.attribution}"
        fields.append(("by", by.name if by else rel.attribution))
        if by is not None:
            fields += [("by", a) for a in by.aliases]
        meta.append(("by", rel.attribution))
    backing = {ev.anchor.source for ev in rel.evidence if ev.anchor}
    meta += [("source", s) for s in backing]
    meta.append(("sources", str(len(backing))))
    src, off = rel.first_position
    return (Record(rel.id, None, None, None, None, sentence, detail, tuple(fields)), tuple(meta),
            (source_order.get(src, len(source_order)), off, rel.id))


def quote_rows(card, sources, source_order) -> list[tuple[Record, tuple, tuple]]:
    """A card's quotes: each one's record, filters and place (article order)."""
    no_source = len(source_order)
    out = []
    card_meta: list[tuple[str, str]] = [("sources", str(len({ev.anchor.source for ev in card.evidence if ev.anchor})))]
    if card.kind == "relation":
        card_meta.append(("certainty", card.certainty))
        if card.attribution:
            card_meta.append(("by", card.attribution))
    for n, ev in enumerate(card.evidence):
        a = ev.anchor
        if a is not None and a.source in sources:
            text = one_line(sources[a.source].text[a.start : a.end])
            key = (source_order[a.source], a.start, card.id, n)
            meta = (*card_meta, ("source", a.source))
            where = (a.source, a.start, a.end)
        else:
            text = one_line(ev.quote)
            key = (no_source + 1, 0, card.id, n)
            meta = tuple(card_meta)
            where = (None, None, None)
        fields = (("quote", text), ("note", ev.note)) if ev.note else (("quote", text),)
        out.append((Record(card.id, n, *where, text, card.id, fields), meta, key))
    return out


class _Names:
    """Entity id -> name, read from the fact base when asked (an update names few entities)."""

    def __init__(self, base) -> None:
        self.entities = base.entities

    def get(self, eid, default=None):
        ent = self.entities.get(eid)
        return ent.name if ent is not None else default


def _changed(old: dict, new: dict) -> list[str]:
    """The ids whose card came, went or is another object of other values (a fact base read
    back apart from the other, as the search server's helper compares a stale snapshot with
    the cards as they are, has every card another object: equal ones make equal records)."""
    if old.keys() == new.keys():
        return [k for k, v in new.items() if old[k] is not v and old[k] != v]
    out = [k for k, v in new.items() if (o := old.get(k)) is not v and o != v]
    out += [k for k in old if k not in new]
    return out
