"""Search over a fact base: entities, relations, evidence quotes and the article text itself.

Pure Python (standard library only), no Textual: the app and `factex search` share it.

What is searched
    entity    its name (the display text), aliases, type and description
    relation  its sentence ("Vladimir Putin gifted an Aurus car to Kim Jong Un", the display text),
              its qualifiers ("place: Pyongyang"; a value naming an entity reads as its name) and
              who it is attributed to (the attribution's name and aliases)
    quote     the quoted text as the source has it (display), and the quote's note
    passage   every sentence of every source (`split_sentences`), so text no card cites yet is found

Everything is compared typography- and accent-folded (`explorer.core.text.fold`): `Russia's` finds
`Russia’s`, a space finds a non-breaking space, `Pyongyang` finds `Pyŏngyang`.

Query syntax (fzf's extended syntax, with field filters)
    kim jong       every space-separated term must match (each may match a different field)
    kmjn           fuzzy: the letters in order; word starts and consecutive runs rank higher
    'word          exact substring            'word'   exact, at word boundaries
    ^word          the field starts with it   word$    the field ends with it   ^word$  equals
    !word          excludes records whose text (or an entity's alias) contains `word`
                   (also !^word, !word$; !'word excludes fuzzy matches), as fzf does
    a | b          either term
    \\ \\! \\' \\^ \\$ \\|   a backslash makes the next character literal (`in\\ 2018` is one term)
    Smart case, per term: case-insensitive unless the term has a capital letter.

Field filters narrow the results (several filters all apply; `a,b` means either value; `!field:`
excludes):
    type:person        entities of that type. Only entities have types, so `type:` shows no
                       relations, quotes or passages: `type:person kim` lists persons only.
    certainty:hedged   relations with that certainty, and the quotes behind them
    by:kcna            relations attributed to that entity (id, name or alias), and their quotes
    source:ID          quotes and passages in that source, and the cards citing it
    sources:1          entities and relations backed by that many distinct sources (and their
                       quotes): sources:1 single-source facts, sources:>1 corroborated ones
                       (also >=N, <N, <=N, and a,b for either)
    kind:relation      entity, relation, quote or passage (plurals are accepted)
An empty query with filters lists everything that passes them (in article/alphabetical order).
A query with neither terms nor filters gives no hits. A malformed query (a lone `!`, an unknown
field, an unknown certainty, kind, type, source or attribution) raises `QueryError`, whose
`.hint` is a short sentence for a person.

Ranking is fzf's score (a match, word-start, camelCase and run bonuses, gap penalties), taking
the better of a few alignments (fzf's v1, the letters as one run, each letter at a word start),
plus a bonus for the field that matched (an entity's name most, then aliases, a relation's
sentence, ...); ties go to entities, then relations, quotes, passages, then to the shorter text.
`limit` applies to the ranked list over all kinds; `Results.counts` has each kind's total.

The package, along its seams
    kinds     the kinds of results, their titles and the words for them (one table)
    query     the query language: a string to terms and filters
    score     fzf's scoring of one term in one line
    lines     the tagged line format the index holds its text in (its one-page spec)
    table     one kind's records and big strings (`KindTable`, made by `build_table`)
    index     `SearchIndex`: a fact base to tables; filters resolved; `search()`
    run       one query run over the tables: match, rank, hits
    narrow    the records one query may match, indexed alone (a cold `factex search`)

How it is fast
    Each kind keeps its folded searchable lines in one big string (`text \\t MARK TAG \\n` per
    line, shortest record first, and a lower-cased copy for smart case). A term becomes a regular
    expression that cannot backtrack (`k(?:[^\\ti]*+i[^\\tm]*+m... | skip the line)`, possessive)
    run over the big string in C; `findall` returns the tags of the matching records. The most
    selective term runs first; later ones run over a string of the candidates only. A quote that
    is a whole sentence of its source shares that passage's line instead of being scanned twice.
    Only a bounded pool of candidates (where the term starts a word, then where its letters are
    close, then the shortest texts, read from the start of the big string until enough are found)
    is scored precisely in Python, and only the hits returned get highlight positions. Nothing
    here can take exponential time on long text (Textual's `fuzzy.Matcher` can, so it is not used).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Each name is imported from its module when first asked for (PEP 562): `from
# explorer.core.search import KIND_TITLES` (the search screen, opened as the user types `/`)
# reads the kinds' table only; the index and its query machinery (~25 ms of CPU to import,
# on the UI thread as the keys after `/` waited) are imported by the first search, off it.
_WHERE = {
    "QueryError": "explorer.core.errors",
    "SearchIndex": "explorer.core.search.index",
    "KIND_TITLES": "explorer.core.search.kinds", "KIND_WORDS": "explorer.core.search.kinds",
    "KINDS": "explorer.core.search.kinds", "kind_named": "explorer.core.search.kinds",
    "unknown_kind": "explorer.core.search.kinds",
    "FIELDS": "explorer.core.search.query", "Filter": "explorer.core.search.query",
    "Query": "explorer.core.search.query", "Term": "explorer.core.search.query",
    "parse_query": "explorer.core.search.query",
    "Hit": "explorer.core.search.results", "Results": "explorer.core.search.results",
    "SearchCancelled": "explorer.core.search.run",
    "score_term": "explorer.core.search.score",
}

__all__ = [
    "FIELDS", "KINDS", "KIND_TITLES", "KIND_WORDS", "Filter", "Hit", "Query", "QueryError", "Results",
    "SearchCancelled", "SearchIndex", "Term", "kind_named", "parse_query", "score_term", "unknown_kind",
]


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:  # (a submodule not imported yet: `from explorer.core.search import store`)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:
    from explorer.core.errors import QueryError
    from explorer.core.search.index import SearchIndex
    from explorer.core.search.kinds import KIND_TITLES, KIND_WORDS, KINDS, kind_named, unknown_kind
    from explorer.core.search.query import FIELDS, Filter, Query, Term, parse_query
    from explorer.core.search.results import Hit, Results
    from explorer.core.search.run import SearchCancelled
    from explorer.core.search.score import score_term
