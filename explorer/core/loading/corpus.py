"""A workspace of many sources: which source a quote comes from, one entity carded twice, and how
many sources back a fact. No Textual here.

Which source a quote comes from (deterministic, the same on every load):

1. the quote's own `source:`;
2. else the card's `source:`;
3. else the one source holding it, when only one does;
4. else (the quote is in several sources, e.g. an article and a later revision of it) the source
   most of the card's other quotes come from (ties: the earliest published, then by id), silently;
5. else, when none of the card's other quotes settle it, the earliest published of those sources
   (a source without a `published` date in its sidecar counts as the latest; ties by id). This is
   deterministic, so it is not a warning on each card: one warning per set of overlapping sources
   (`overlap_warnings`, on the later source's file) says how many cards and quotes were taken from
   which source, and the line that takes a card's quotes from the other.

So adding an article to a workspace never turns a clean card into an error, and adding a revision
of an article adds one warning, not one per card. `factex check` says how many quotes were placed
by each rule.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

from explorer.core.anchoring.anchor import Anchor, anchor_at, anchor_hits, anchor_quote, picked_by_prefix
from explorer.core.cardformat.cards import did_you_mean
from explorer.core.layout import LOOKALIKES, lookalike_letters
from explorer.core.pausing import checkpoint
from explorer.core.regexes import compiled
from explorer.core.text import fold, normalize_quote
from explorer.core.safetext import quoted

if TYPE_CHECKING:
    from explorer.core.cardformat.cards import Issues
    from explorer.core.model import Entity
    from explorer.core.anchoring.sources import Source

RESOLVED_HOW = {
    "card": "take the card's `source:`",
    "card-quotes": "were in several sources and were placed where the card's other quotes are",
    "earliest": "were in several sources and were taken from the earliest published (one warning per set of sources)",
}


def source_order(source: "Source") -> tuple:
    """Earliest published first; a source without a date after those with one; then by id."""
    published = source.meta.published
    return (published is None, published or "", source.id)


def anchor_card(card, issues: "Issues", sources: dict[str, "Source"], sources_all: list["Source"], index) -> None:
    """Anchor every quote of `card` (see the module's rules); problems go to `issues`."""
    card_source = card.source
    if card_source is not None and card_source not in sources:
        _unknown_source(issues, ("source",), card_source, sources)
        card_source = False  # quotes without their own source cannot be placed; said once, above
    several: list = []  # quotes found in more than one source: placed once the others are
    # Each quote's occurrences, looked up once per card: a card quoting one phrase 10,000 times
    # (with `occurrence: 1..10000`) looked all its 10,000 places up for each quote (O(n^2): over
    # 200 s for a 570 KB card). A copy is handed on (`_pick` narrows the list in place).
    found: dict = {}

    def find(nq: str, within: list, key) -> list:
        hits = found.get((nq, key))
        if hits is None:
            hits = found[(nq, key)] = index.find(nq, within)
        return list(hits)

    for n, ev in enumerate(card.evidence):
        if issues.full and any(item.severity == "error" for item in issues.items):
            # A card with this many problems, errors among them, does not load: its other quotes are
            # not looked for (60,000 quotes not in a 120 KB article, within a card's 1 MiB, took
            # 12 CPU s, each searched for and its closest passage worked out).
            issues.unchecked = len(card.evidence) - n
            break
        wanted = ev.source if ev.source is not None else card_source
        if wanted is False:
            continue
        if wanted is not None:
            source = sources.get(wanted)
            if source is None:
                _unknown_source(issues, ev.path + ("source",), wanted, sources)
                continue
            if ev.source is None:
                ev.resolved = "card"
            if index is not None:
                nq = normalize_quote(ev.quote)
                if nq:
                    within = [source]
                    hits = (picked_by_prefix(source, nq, ev.prefix, ev.suffix, ev.occurrence, index)
                            if ev.prefix else None) or find(nq, within, source.id)
                    if not (len(hits) == 1 and _placed(ev, nq, hits[0])):
                        _place_found(ev, nq, hits, within, issues, index)
                    continue
            _place(ev, [source], issues, index)
            continue
        if len(sources_all) > 1 and index is not None:
            # Looked up once in every source: which sources hold it, and where (each quote was
            # looked up twice, which was a fifth of a cold load).
            nq = normalize_quote(ev.quote)
            if nq:
                hits = find(nq, sources_all, None)
                if len(hits) == 1 and _placed(ev, nq, hits[0]):
                    continue
                holding = list({source.id: source for source, _ in hits}.values())
                if len(holding) > 1:
                    several.append((ev, nq, hits, holding))
                else:
                    _place_found(ev, nq, hits, sources_all, issues, index)
                continue
        if index is not None and sources_all:
            nq = normalize_quote(ev.quote)
            if nq:
                hits = ((picked_by_prefix(sources_all[0], nq, ev.prefix, ev.suffix, ev.occurrence, index)
                         if ev.prefix and len(sources_all) == 1 else None) or find(nq, sources_all, None))
                if not (len(hits) == 1 and _placed(ev, nq, hits[0])):
                    _place_found(ev, nq, hits, sources_all, issues, index)
                continue
        _place(ev, sources_all, issues, index)
    if not several:
        return
    counts = Counter(ev.anchor.source for ev in card.evidence if ev.anchor is not None)
    for ev, nq, hits, holding in several:
        known = [s for s in holding if counts.get(s.id)]
        if known:
            best = min(known, key=lambda s: (-counts[s.id], source_order(s)))
            ev.resolved = "card-quotes"
        else:
            best = min(holding, key=source_order)
            ev.resolved = "earliest"
            ev.also_in = tuple(sorted(s.id for s in holding if s.id != best.id))
        _place_found(ev, nq, [hit for hit in hits if hit[0] is best], [best], issues, index)


def overlap_warnings(base) -> list:
    """One warning per set of overlapping sources whose quotes rule 5 placed (the earliest
    published taken): how many cards and quotes, which source they were taken from, and how to
    take a card's quotes from another. On the latest of the other sources (a revision, usually),
    line 1; the cards themselves stay quiet (the choice is deterministic)."""
    from explorer.core.model import Problem

    groups: dict[tuple[str, tuple], dict] = {}
    for n, card in enumerate((*base.entities.values(), *base.relations.values())):
        if not n & 255:
            checkpoint()
        for ev in card.evidence:
            if ev.resolved == "earliest" and ev.anchor is not None and ev.also_in:
                group = groups.setdefault((ev.anchor.source, ev.also_in), {"cards": {}, "quotes": 0})
                group["cards"].setdefault(card.id, card.file)
                group["quotes"] += 1
    out = []
    for (taken, others), group in sorted(groups.items()):
        present = [base.sources[o] for o in others if o in base.sources]
        if taken not in base.sources or not present:
            continue
        where = max(present, key=source_order)
        cards = group["cards"]
        n, q = len(cards), group["quotes"]
        example = min(cards.values())
        out.append(Problem(where.path, 1, 1, "warning", (
            f"{q:,} quote{'s' if q != 1 else ''} of {n:,} card{'s' if n != 1 else ''} (e.g. {example}) "
            f"{'are' if q != 1 else 'is'} also in {', '.join(others)}: taken from {taken}, the earliest published. "
            f"To take a card's quotes from {where.id} instead, add `source: {where.id}` to it"
        )))
    return out


def _place(ev, candidates, issues: "Issues", index) -> None:
    _settle(ev, anchor_quote(ev.quote, candidates, prefix=ev.prefix, suffix=ev.suffix, occurrence=ev.occurrence,
                             index=index), issues)


def _place_found(ev, nq: str, hits, candidates, issues: "Issues", index) -> None:
    """`_place` for a quote already looked up: `hits` are its occurrences in `candidates`."""
    _settle(ev, anchor_hits(nq, hits, candidates, prefix=ev.prefix, suffix=ev.suffix, occurrence=ev.occurrence,
                            index=index), issues)


def _placed(ev, nq: str, hit) -> bool:
    """The common case, without `anchor_hits`' general path: a quote found in exactly one place
    (`hit`), with no prefix, suffix or occurrence to choose by, is anchored there (True) unless
    it spans paragraphs (False: `anchor_hits` says so). The same anchor `anchor_hits` makes."""
    if ev.prefix is not None or ev.suffix is not None or ev.occurrence is not None:
        return False
    source, npos = hit
    found = anchor_at(source, npos, npos + len(nq))
    if found.__class__ is not Anchor:
        return False
    ev.anchor = found
    return True


def _settle(ev, result, issues: "Issues") -> None:
    if result.error:
        issues.error(ev.path + ("quote",), result.error)
    else:
        ev.anchor = result.anchor


def _unknown_source(issues: "Issues", path, value: str, sources) -> None:
    hint = " (a source id is a file name in seeds/ without its extension, never a path)" if "/" in value or "\\" in value else ""
    # `source: seeds/a.txt` or `source: a.txt`: the file name of a source, whose id is its stem
    stem = value.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0] if "." in value or "/" in value else None
    if stem and stem != value and stem in sources:
        issues.error(path, f"unknown source {quoted(value)}: a source id is the file name in seeds/ without its "
                           f"extension, never a path; write {quoted(stem)}")
        return
    issues.error(path, f"unknown source {quoted(value)}{hint}" + did_you_mean(value, sources))


def resolution_counts(cards) -> Counter:
    """How many anchored quotes were placed by each rule (the keys of RESOLVED_HOW)."""
    counts: Counter = Counter()
    for card in cards:
        for ev in card.evidence:
            if ev.anchor is not None and ev.resolved:
                counts[ev.resolved] += 1
    return counts


# --- one real thing, carded twice -----------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 17)  # (a reload compares every entity's names again: most are the same)
def name_key(name: str) -> str:
    """A name as compared for "the same name": case, accents and typography folded, punctuation
    and spacing ignored ("Kim Jong-un" = "kim jong un", "Pyŏngyang" = "Pyongyang")."""
    folded = fold(name)
    if folded.isascii():  # (most names: what the general way below gives, without a step per character)
        return " ".join(_ASCII_WORDS.findall(folded.lower()))
    return _name_key(folded)


_ASCII_WORDS = compiled("[a-z0-9]+")


def _name_key(folded: str) -> str:
    """`name_key` of a folded name, the general way (any script). Cyrillic and Greek letters that
    look like Latin ones are those letters (layout.LOOKALIKES): "Kіm Jong Un" with a Cyrillic `і`
    is the name "Kim Jong Un" (two entities that look alike in every pane)."""
    folded = unicodedata.normalize("NFKD", folded)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold().translate(LOOKALIKES)
    return " ".join("".join(c if c.isalnum() else " " for c in folded).split())


def _keys_of(entity: "Entity") -> dict[str, str]:
    """The entity's name keys (`name_key`), each with the first of its names (name, then
    aliases) that has it."""
    keys: dict[str, str] = {}
    for name in (entity.name, *entity.aliases):
        key = name_key(name)
        if key and key not in keys:
            keys[key] = name
    return keys


def _pair(a: "Entity", b: "Entity") -> tuple["Entity", str, "Entity", str] | None:
    """Two entities sharing a name or alias, as (first by file, its name, second, its name):
    the first of the first's names (name, then aliases) whose key the second holds, and the
    second's first name with that key; None when they share none, or their `same_as` both say
    and differ (known to be different things). A function of the two alone, so a reload that
    changed neither keeps what was said of them."""
    if a.file > b.file:
        a, b = b, a
    if a.same_as and b.same_as and a.same_as != b.same_as:
        return None
    b_keys = _keys_of(b)
    for key, a_name in _keys_of(a).items():
        if key in b_keys:
            return a, a_name, b, b_keys[key]
    return None


def same_names(entities: list["Entity"]) -> list[tuple["Entity", str, "Entity", str]]:
    """Pairs of entities sharing a name or alias (as `name_key` compares them): (first, its name,
    second, its name), each pair once, in file order (see `_pair`). Entities whose `same_as` both
    say and differ are known to be different things and are not paired."""
    return [p for _, p in sorted(SameThings.index(entities)[2].items())]


def same_as_groups(entities: list["Entity"]) -> list[list["Entity"]]:
    """Entities that give the same `same_as` (two cards of one real thing), each group in file
    order, the groups in the order of their first files."""
    groups: dict[str, list["Entity"]] = {}
    for entity in entities:
        if entity.same_as:
            groups.setdefault(entity.same_as.strip(), []).append(entity)
    return sorted((sorted(g, key=lambda e: e.file) for g in groups.values() if len(g) > 1), key=lambda g: g[0].file)


def same_thing_warnings(root, entities: list["Entity"]) -> list:
    """A warning for each pair of entities that share a name or alias, and for each group that
    gives one `same_as`: on the later file of the pair, naming both files, suggesting a merge."""
    return SameThings(root, entities).problems


def _pair_warning(root, pair) -> "Problem":
    from explorer.core.model import Problem

    a, a_name, b, b_name = pair
    role_a = "the name" if a_name == a.name else "an alias"
    role_b = "name" if b_name == b.name else "alias"
    line, column = _position_of(root, b, b_name)
    letters = lookalike_letters(b_name, a_name) if b_name != a_name else None
    alike = f", or looks like it ({letters}: type one of them again)" if letters is not None else ""
    return Problem(b.file, line, column, "warning", (
        f"{role_b} {quoted(b_name)} is also {role_a} of {a.id} ({a.file}){alike}: if they are one real thing, merge "
        f"the two cards into one (its evidence may come from several sources); if not, "
        + ("drop the alias, or " if role_b == "alias" or role_a == "an alias" else "")
        + "give each a different `same_as:` (e.g. a Wikidata id)"
    ), b.id)


def _group_warnings(root, group: list["Entity"]) -> list:
    from explorer.core.model import Problem

    first = group[0]
    out = []
    for other in group[1:]:
        line, column = _position_of(root, other, other.same_as)
        out.append(Problem(other.file, line, column, "warning", (
            f"`same_as: {other.same_as}` is also on {first.id} ({first.file}): two cards of one real "
            "thing; merge them into one"
        ), other.id))
    return out


class SameThings:
    """The "one real thing carded twice" warnings of a set of entities (`same_thing_warnings`),
    kept with what made them, so that a reload that changed a few entities works out only what
    those touch (`changed`): the pairs sharing one of their name keys, the `same_as` groups they
    were or are in. Each pair's and group's warnings depend on its own entities only, so the
    result is the one made from scratch (tests/test_incremental.py holds it so)."""

    def __init__(self, root, entities=None, *, _parts=None) -> None:
        self.root = root
        if _parts is not None:
            self.owners, self.same_as, self.pairs, self.said, self.groups = _parts
        else:
            self.owners, self.same_as, pairs = self.index(entities or [])
            self.pairs = {key: (pair, _pair_warning(root, pair)) for key, pair in pairs.items()}
            self.said = {}
            for value, group in self.same_as.items():
                if len(group) > 1:
                    self.said[value] = _group_warnings(root, sorted(group, key=lambda e: e.file))
            self.groups = None
        self._problems: list | None = None

    @staticmethod
    def index(entities):
        """(name key -> its entities, same_as -> its entities, (first id, second id) -> pair)."""
        owners: dict[str, list] = {}
        same_as: dict[str, list] = {}
        pairs: dict[tuple[str, str], tuple] = {}
        for n, entity in enumerate(entities):
            if not n & 63:
                checkpoint()
            for key in _keys_of(entity):
                holders = owners.setdefault(key, [])
                for other in holders:
                    SameThings._add_pair(pairs, entity, other)
                holders.append(entity)
            if entity.same_as:
                same_as.setdefault(entity.same_as.strip(), []).append(entity)
        return owners, same_as, pairs

    @staticmethod
    def _add_pair(pairs: dict, x, y) -> None:
        if x is y or x.id == y.id:
            return
        a, b = (x, y) if x.file <= y.file else (y, x)
        key = (a.file, b.file)
        if key not in pairs:
            pair = _pair(a, b)
            if pair is not None:
                pairs[key] = pair

    @property
    def problems(self) -> list:
        if self._problems is None:
            out = [warning for _, warning in self.pairs.values()]
            for said in self.said.values():
                out += said
            self._problems = out
        return self._problems

    def changed(self, leaving, entering) -> "SameThings":
        """The warnings once the entities `leaving` (left the fact base, or replaced) and
        `entering` (came in, or replace one) have: a new object, this one stays as it is."""
        leaving = [e for e in leaving]
        entering = [e for e in entering]
        if not leaving and not entering:
            return self
        owners = dict(self.owners)
        same_as = dict(self.same_as)
        pairs = dict(self.pairs)
        said = dict(self.said)
        gone = {id(e) for e in leaving}
        files = {e.file for e in leaving} | {e.file for e in entering}
        for key in [k for k in pairs if k[0] in files or k[1] in files]:
            del pairs[key]
        values = set()
        for entity in leaving:
            for key in _keys_of(entity):
                rest = [e for e in owners.get(key, ()) if id(e) not in gone]
                if rest:
                    owners[key] = rest
                else:
                    owners.pop(key, None)
            if entity.same_as:
                value = entity.same_as.strip()
                values.add(value)
                rest = [e for e in same_as.get(value, ()) if id(e) not in gone]
                if rest:
                    same_as[value] = rest
                else:
                    same_as.pop(value, None)
        found: dict[tuple[str, str], tuple] = {}
        for entity in entering:
            for key in _keys_of(entity):
                holders = owners.get(key)
                holders = [*holders, entity] if holders else [entity]
                owners[key] = holders
                for other in holders:
                    self._add_pair(found, entity, other)
            if entity.same_as:
                value = entity.same_as.strip()
                values.add(value)
                same_as[value] = [*same_as.get(value, ()), entity]
        for key, pair in found.items():
            pairs[key] = (pair, _pair_warning(self.root, pair))
        for value in values:
            said.pop(value, None)
            group = same_as.get(value)
            if group is not None and len(group) > 1:
                said[value] = _group_warnings(self.root, sorted(group, key=lambda e: e.file))
        return SameThings(self.root, _parts=(owners, same_as, pairs, said, None))


def _position_of(root, card, text: str) -> tuple[int, int]:
    """Line and column of `text` in the card's file (the card's first line if it is not found):
    only read for the few cards that get such a warning."""
    import os
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(os.path.join(root, card.file), flags)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return card.line, 1
            lines = os.read(fd, 1 << 20).decode("utf-8", "replace").splitlines()
        finally:
            os.close(fd)
    except OSError:
        return card.line, 1
    for n, line in enumerate(lines, 1):
        col = line.find(text)
        if col >= 0 and not line.lstrip().startswith("#"):
            return n, col + 1
    return card.line, 1


# --- corroboration ----------------------------------------------------------------------------------


def backing_sources(card) -> list[str]:
    """The distinct sources a card's anchored quotes come from, in the order they first appear."""
    seen: dict[str, None] = {}
    for ev in card.evidence:
        if ev.anchor is not None:
            seen.setdefault(ev.anchor.source, None)
    return list(seen)


# --- the sources of a workspace, and what one source backs -------------------------------------------


class SourceStats:
    """One source as the sources view lists it: how many cards quote it (entities and relations),
    and its coverage (sentences backed by at least one quote, of all its sentences)."""

    __slots__ = ("source", "entities", "relations", "covered", "sentences")

    def __init__(self, source: "Source", entities: int, relations: int, covered: int, sentences: int) -> None:
        self.source = source
        self.entities = entities
        self.relations = relations
        self.covered = covered
        self.sentences = sentences

    @property
    def cards(self) -> int:
        return self.entities + self.relations

    @property
    def coverage(self) -> float:
        return self.covered / self.sentences if self.sentences else 0.0


def source_stats(base) -> list[SourceStats]:
    """Every source of the fact base, earliest published first (undated last, then by id), with
    its card counts and coverage: one pass over the cards, one sentence split per source."""
    entities: Counter = Counter()
    relations: Counter = Counter()
    spans: dict[str, list] = {sid: [] for sid in base.sources}
    for cards, counter in ((base.entities.values(), entities), (base.relations.values(), relations)):
        for card in cards:
            seen = set()
            for ev in card.evidence:
                a = ev.anchor
                if a is None or a.source not in spans:
                    continue
                spans[a.source].append((a.start, a.end, card.id))
                seen.add(a.source)
            for sid in seen:
                counter[sid] += 1
    out = []
    for source in sorted(base.sources.values(), key=source_order):
        cited = sorted(spans[source.id])
        covered, total = base.coverage(source.id, cited)
        out.append(SourceStats(source, entities[source.id], relations[source.id], covered, total))
    return out


def backed_by(base, source_id: str) -> tuple[set[str], set[str]]:
    """(entity ids, relation ids) of the facts one source backs: the relations with a quote from
    it, and the entities with a quote from it or taking part in one of those relations (so every
    relation listed can be reached from the entity list)."""
    relations = {r.id for r in base.relations.values()
                 if any(ev.anchor is not None and ev.anchor.source == source_id for ev in r.evidence)}
    entities = {e.id for e in base.entities.values()
                if any(ev.anchor is not None and ev.anchor.source == source_id for ev in e.evidence)}
    for rid in relations:
        rel = base.relations[rid]
        entities.update(x for x in (rel.subject, rel.object) if x in base.entities)
    return entities, relations
