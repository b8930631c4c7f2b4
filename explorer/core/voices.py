"""Who says what: the facts grouped by whose claim they are. No Textual here.

A relation with an `attribution:` is the claim of that party (an entity: KCNA, Dmitry Peskov, South
Korea's intelligence agency); one without is stated by the article in its own voice, each source's
own voice apart. A claim passed on by another party (`relayed_by: kcna`) is listed under that party
too, as relayed. Within a voice the facts are grouped by certainty (stated, reported, hedged,
opinion), so that an article's opinions and hedges stand apart from what it asserts. A party's
claims from every source are together (the party is an entity id, the same in all of them), and a
claim that another voice makes too (the same subject, predicate and object) names it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from explorer.core.model import CERTAINTIES

if TYPE_CHECKING:
    from collections.abc import Collection
    from explorer.core.model import Relation
    from explorer.core.loading.loader import FactBase

ARTICLE = "article:"  # the key prefix of a source's own voice: "article:kim-aurus-gift"
RELAYED = "relayed"  # the group of a party's facts that another party said and it relayed
RELAY_KEYS = ("relayed_by", "via", "reported_by", "according_to")  # qualifiers naming who passed a claim on


@dataclass
class Voice:
    """One party (an entity) or one article's own voice, with the facts it is the source of."""

    key: str  # the entity id, or ARTICLE + source id
    name: str
    kind: str  # "party" | "article"
    groups: dict[str, list[str]] = field(default_factory=dict)  # certainty (then RELAYED) -> relation ids
    sources: list[str] = field(default_factory=list)  # the sources its facts come from

    @property
    def relation_ids(self) -> list[str]:
        return [rid for ids in self.groups.values() for rid in ids]

    def __len__(self) -> int:
        return sum(len(ids) for ids in self.groups.values())


@dataclass
class Voices:
    voices: list[Voice]  # the parties (most facts first), then each article's own voice
    also: dict[tuple[str, str], list[str]]  # (voice key, relation id) -> the other voices saying the same

    def of(self, key: str) -> Voice | None:
        return next((v for v in self.voices if v.key == key), None)

    def to_json(self, base: FactBase) -> dict:
        def fact(voice: Voice, rid: str) -> dict:
            rel = base.relations[rid]
            first = next((ev for ev in rel.evidence if ev.anchor is not None), None)
            return {"relation": rid, "sentence": base.sentence(rel), "certainty": rel.certainty,
                    "sources": rel.backing_sources, "file": rel.file,
                    "quote": base.sources[first.anchor.source].text[first.anchor.start:first.anchor.end] if first else None,
                    "said_by": rel.attribution, "relayed_by": next((rel.qualifiers[k] for k in RELAY_KEYS
                                                                    if rel.qualifiers.get(k) in base.entities), None),
                    "also_said_by": self.also.get((voice.key, rid), [])}

        return {"voices": [{"key": v.key, "party": v.key if v.kind == "party" else None, "name": v.name,
                            "kind": v.kind, "sources": v.sources,
                            "counts": {c: len(ids) for c, ids in v.groups.items()},
                            "facts": [fact(v, rid) for rid in v.relation_ids]} for v in self.voices]}


def _sentence_key(rel: Relation) -> tuple[str, str, str]:
    return (rel.subject, " ".join(rel.predicate.casefold().split()), rel.object)


def voices(base: FactBase, only: Collection[str] | None = None) -> Voices:
    """Every relation under the voice it is the claim of; with `only`, just those relations (the
    ids of the facts one source backs, when the panes are filtered to it)."""
    parties: dict[str, list[Relation]] = {}
    relayed: dict[str, list[Relation]] = {}
    own: dict[str, list[Relation]] = {}
    for rel in base.relations.values():
        if only is not None and rel.id not in only:
            continue
        for key in RELAY_KEYS:
            relayer = rel.qualifiers.get(key)
            if relayer in base.entities and relayer != rel.attribution:
                relayed.setdefault(relayer, []).append(rel)
        if rel.attribution:
            parties.setdefault(rel.attribution, []).append(rel)
        else:
            for source in rel.backing_sources or [rel.first_position[0]]:
                own.setdefault(source, []).append(rel)

    def make(key: str, name: str, kind: str, rels: list[Relation], passed_on: list[Relation] = ()) -> Voice:
        rank = {c: n for n, c in enumerate(CERTAINTIES)}
        rels = sorted(rels, key=lambda r: (rank.get(r.certainty, 99), r.first_position))
        groups: dict[str, list[str]] = {}
        for rel in rels:
            groups.setdefault(rel.certainty, []).append(rel.id)
        if passed_on:
            groups[RELAYED] = [r.id for r in sorted(passed_on, key=lambda r: r.first_position)]
        sources = list(dict.fromkeys(s for rel in (*rels, *passed_on) for s in rel.backing_sources))
        return Voice(key, name, kind, groups, sources)

    out = [make(pid, base.entity_name(pid), "party", parties.get(pid, []), relayed.get(pid, []))
           for pid in dict.fromkeys([*parties, *relayed])]
    out.sort(key=lambda v: (-len(v), v.name.casefold()))
    for source_id in base.sources:
        if source_id in own:
            source = base.sources[source_id]
            name = source.title + (f" ({source.meta.outlet})" if source.meta.outlet else "")
            out.append(make(ARTICLE + source_id, name, "article", own[source_id]))

    said: dict[tuple[str, str, str], list[str]] = {}
    for voice in out:
        for rid in (r for c, ids in voice.groups.items() if c != RELAYED for r in ids):
            said.setdefault(_sentence_key(base.relations[rid]), []).append(voice.key)
    also = {}
    for voice in out:
        for rid in (r for c, ids in voice.groups.items() if c != RELAYED for r in ids):
            others = [k for k in dict.fromkeys(said.get(_sentence_key(base.relations[rid]), [])) if k != voice.key]
            if others:
                also[(voice.key, rid)] = others
    return Voices(out, also)


def voice_name(base: FactBase, key: str) -> str:
    """The name of a voice's key: the entity's name, or the source's title."""
    if key.startswith(ARTICLE):
        source = base.sources.get(key[len(ARTICLE):])
        return source.title if source is not None else key
    return base.entity_name(key)
