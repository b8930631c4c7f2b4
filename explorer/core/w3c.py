"""W3C Web Annotations (JSON-LD) of the fact base: one annotation per evidence item.

Each annotation's target is the source (its URL when the source has one, else its file as a `file:`
URI) narrowed by two selectors of the Web Annotation Data Model (https://www.w3.org/TR/annotation-model/):

- `TextQuoteSelector`: `exact` is the source's own text of the span (not the card's quote, which may
  differ in typography), with up to `CONTEXT` characters of `prefix` and `suffix`;
- `TextPositionSelector`: `start` and `end` count Unicode code points of the source's decoded text
  (UTF-8, without a byte-order mark), as the model asks (section 4.2.5), which are Python string
  offsets and the `start`/`end` of `factex export --format json`.

The body is the fact: a `TextualBody` whose `value` reads it as a sentence, with the card's fields
under the `factex:` prefix (declared in the `@context`, so a JSON-LD processor keeps them).
No Textual here.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from explorer import __version__
from explorer.core.model import Entity, Evidence, Relation
from explorer.core.loading.loader import FactBase

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
VOCAB = "urn:factex:vocab#"
CONTEXT = [ANNO_CONTEXT, {"factex": VOCAB}]
CONTEXT_CHARS = 32  # prefix and suffix length, as Hypothesis uses
_IDS = uuid.UUID("6f0c0a8e-3b8c-5d0e-9a41-fac7e5000000")  # namespace for annotation ids


def source_iri(base: FactBase, source_id: str) -> str:
    """The source as an IRI: its URL from the sidecar when it has one, else its file's `file:` URI."""
    source = base.sources[source_id]
    meta = getattr(source, "meta", None)
    url = getattr(meta, "url", None)
    if isinstance(url, str) and url.strip():
        return url.strip()
    return (Path(base.root).resolve() / source.path).as_uri()


def annotation_id(card_id: str, index: int) -> str:
    """A stable id: the same card's same evidence item gets the same id in every export."""
    return "urn:uuid:" + str(uuid.uuid5(_IDS, f"{card_id}/evidence/{index}"))


def selectors(text: str, start: int, end: int) -> list[dict]:
    quote = {"type": "TextQuoteSelector", "exact": text[start:end]}
    prefix, suffix = text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]
    if prefix:
        quote["prefix"] = prefix
    if suffix:
        quote["suffix"] = suffix
    return [quote, {"type": "TextPositionSelector", "start": start, "end": end}]


def _body(base: FactBase, card: Entity | Relation, ev: Evidence) -> dict:
    body: dict = {"type": "TextualBody", "format": "text/plain", "factex:kind": card.kind, "factex:card": card.id,
                  "factex:file": card.file}
    if isinstance(card, Entity):
        body["value"] = f"{card.name} ({card.type})"
        body["purpose"] = "identifying"
        body["factex:name"] = card.name
        body["factex:type"] = card.type
        if card.aliases:
            body["factex:aliases"] = list(card.aliases)
        if card.description is not None:
            body["factex:description"] = card.description
    else:
        body["value"] = base.sentence(card)
        body["purpose"] = "describing"
        body["factex:subject"] = card.subject
        body["factex:predicate"] = card.predicate
        body["factex:object"] = card.object
        body["factex:certainty"] = card.certainty
        if card.attribution is not None:
            body["factex:attribution"] = card.attribution
        if card.qualifiers:
            body["factex:qualifiers"] = [{"factex:key": k, "factex:value": v} for k, v in card.qualifiers.items()]
    if ev.note is not None:
        body["factex:note"] = ev.note
    return body


def annotations(base: FactBase) -> list[dict]:
    """One annotation per anchored evidence item of every valid card, entities first."""
    out = []
    generator = {"type": "Software", "name": f"factex {__version__}"}
    for card in (*base.entities.values(), *base.relations.values()):
        for index, ev in enumerate(card.evidence):
            a = ev.anchor
            if a is None:
                continue
            source = base.sources[a.source]
            out.append({
                "@context": CONTEXT,
                "id": annotation_id(card.id, index),
                "type": "Annotation",
                "motivation": "identifying" if card.kind == "entity" else "describing",
                "generator": generator,
                "body": _body(base, card, ev),
                "target": {
                    "source": source_iri(base, a.source),
                    "selector": selectors(source.text, a.start, a.end),
                    "factex:source": a.source,
                    "factex:sha256": source.sha256,
                },
            })
    return out


def to_w3c(base: FactBase, *, ensure_ascii: bool = False) -> str:
    """The annotations as one JSON-LD document: an array of annotations, each with its `@context`."""
    from explorer.core.safetext import json_text

    return json_text(annotations(base), ensure_ascii=ensure_ascii) + "\n"
