"""The kinds of search results, named once: their order, their group titles and the words for them.

The query language (`kind:article`), `factex search --kind article`, the CLI's group headers and
the app's search screen all read this one table, so a word that works in one place works in all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindName:
    name: str  # the kind, as a Hit has it
    title: str  # the group title over its results
    words: tuple[str, ...]  # what a person may type for it (besides `name`)


KIND_TABLE = (
    KindName("entity", "Entities", ("entities",)),
    KindName("relation", "Relations", ("relations",)),
    KindName("quote", "Quotes", ("quotes", "evidence")),
    KindName("passage", "Article passages", ("passages", "article", "text")),
)

KINDS = tuple(k.name for k in KIND_TABLE)
KIND_TITLES = {k.name: k.title for k in KIND_TABLE}
# The words for a kind, in a query (`kind:article`) and on the command line (`--kind article`) alike.
KIND_WORDS = {word: k.name for k in KIND_TABLE for word in (k.name, *k.words)}


def kind_named(word: str) -> str | None:
    """The kind a word names (any case, singular or plural, or a synonym), or None."""
    return KIND_WORDS.get(word.strip().lower())


def unknown_kind(word: str) -> str:
    """"unknown kind 'x'; did you mean 'y'? Kinds: entity, relation, quote, passage." """
    from explorer.core.cardformat.cards import suggest

    guess = suggest(word.lower(), list(KIND_WORDS))
    text = f"unknown kind '{word}'" + (f"; did you mean '{KIND_WORDS[guess]}'?" if guess else ".")
    return f"{text} Kinds: {', '.join(KINDS)}"
