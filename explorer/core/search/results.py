"""What a search gives back: ranked `Hit`s and their counts per kind."""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.core.search.kinds import KINDS


@dataclass(frozen=True)
class Hit:
    kind: str  # "entity" | "relation" | "quote" | "passage"
    card: str | None  # entity or relation id (for quotes: the citing card's id); None for passages
    evidence: int | None  # index into card.evidence for quotes, else None
    source: str | None  # source id for quotes and passages
    start: int | None  # offsets into source.text for quotes and passages
    end: int | None
    text: str  # the display line
    detail: str  # secondary text; says which field matched when it was not `text`
    positions: tuple[int, ...]  # indices into `text` of the matched characters
    score: int

    def to_json(self) -> dict:
        return {
            "kind": self.kind, "card": self.card, "evidence": self.evidence, "source": self.source,
            "start": self.start, "end": self.end, "text": self.text, "detail": self.detail,
            "positions": list(self.positions), "score": self.score,
        }


@dataclass
class Results:
    hits: list[Hit]  # ranked, best first
    total: int  # how many records matched before the limit
    counts: dict[str, int] = field(default_factory=dict)  # kind -> how many matched before the limit

    def groups(self) -> dict[str, list[Hit]]:
        """kind -> hits (in rank order), in the order entity, relation, quote, passage."""
        out: dict[str, list[Hit]] = {k: [] for k in KINDS}
        for hit in self.hits:
            out[hit.kind].append(hit)
        return out

