"""Helpers for the tests of names found in a source (explorer.core.mentions)."""

from __future__ import annotations

from explorer.core.anchoring.sources import Source
from explorer.core.mentions import NameIndex
from explorer.core.model import Entity


def names_found(text: str, *names: str, language: str | None = None) -> list[tuple[str, int, int]]:
    """(name, start, end) of each mention NameIndex finds of `names` (entities of their own) in a
    source holding `text`, whose sidecar says `language` if given."""
    source = Source("a", "seeds/a.txt", text, "0" * 64)
    if language:
        source.meta.language = language
    entities = [Entity(id=f"e{k}", file=f"facts/e{k}.yaml", name=n, type="place") for k, n in enumerate(names)]
    return [(m.name, m.start, m.end) for m in NameIndex.build(entities).find(source)]
