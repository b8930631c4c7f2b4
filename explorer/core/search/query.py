"""The query language: a query string to a `Query` of terms and field filters (see the package
docstring for the syntax), or a `QueryError` whose `.hint` is a short sentence for a person.

Terms are folded as the index's lines are (`lines.fold_term`), so the same text matches."""

from __future__ import annotations

import re
from dataclasses import dataclass

from explorer.core.errors import QueryError
from explorer.core.search.kinds import kind_named, unknown_kind
from explorer.core.search.lines import fold_term, lower

FIELDS = ("type", "certainty", "by", "source", "sources", "kind")


def suggest(value: str, choices) -> str | None:
    """The nearest of `choices` (`cards.suggest`, imported only when a hint needs it)."""
    from explorer.core.cardformat.cards import suggest as nearest

    return nearest(value, choices)

@dataclass(frozen=True)
class Term:
    text: str  # folded; lower-cased unless case_sensitive
    mode: str  # "fuzzy" | "exact" | "boundary" | "prefix" | "suffix" | "equal"
    negate: bool = False
    case_sensitive: bool = False
    raw: str = ""  # as typed
    position: int = 0  # where it starts in the query


@dataclass(frozen=True)
class Filter:
    field: str  # one of FIELDS
    values: tuple[str, ...]
    negate: bool = False
    position: int = 0


@dataclass(frozen=True)
class Query:
    groups: tuple[tuple[Term, ...], ...]  # AND of ORs
    filters: tuple[Filter, ...]

    @property
    def empty(self) -> bool:
        return not self.groups and not self.filters

    @property
    def positive(self) -> tuple[tuple[Term, ...], ...]:
        """Groups that can only be met by a match (no negated alternative)."""
        return tuple(g for g in self.groups if not any(t.negate for t in g))


_FIELD_TOKEN = re.compile(r"([A-Za-z]+):")
_SPECIAL_HINTS = {
    "!": "a lone `!` excludes nothing: put the word right after it, as in !jong",
    "'": "a lone `'` matches nothing: put the word right after it, as in 'missile",
    "^": "a lone `^` matches nothing: put the start of the text right after it, as in ^kim",
    "$": "a lone `$` matches nothing: put it right after the end of the text, as in un$ (\\$ is a dollar sign)",
}


def _tokens(query: str) -> list[tuple[list[tuple[str, bool]], int]]:
    """Split on unescaped whitespace: each token is [(char, escaped)], with its start offset."""
    tokens: list[tuple[list[tuple[str, bool]], int]] = []
    current: list[tuple[str, bool]] = []
    start = 0
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch == "\\" and i + 1 < n:
            if not current:
                start = i
            current.append((query[i + 1], True))
            i += 2
            continue
        if ch.isspace():
            if current:
                tokens.append((current, start))
                current = []
            i += 1
            continue
        if not current:
            start = i
        current.append((ch, False))
        i += 1
    if current:
        tokens.append((current, start))
    return tokens


def _plain(chars: list[tuple[str, bool]]) -> str:
    return "".join(c for c, _ in chars)


def parse_query(query: str) -> Query:
    """Parse a query (see the module docstring); raises QueryError with a hint when malformed."""
    items: list[tuple[object, int]] = []  # (Term | Filter | "|", position)
    for chars, pos in _tokens(query):
        if chars == [("|", False)]:
            items.append(("|", pos))
            continue
        flt = _parse_filter(chars, pos)
        if flt is not None:
            items.append((flt, pos))
            continue
        term = _parse_term(chars, pos, _plain(chars))
        if term is not None:
            items.append((term, pos))
    groups: list[tuple[Term, ...]] = []
    filters: list[Filter] = []
    current: list[Term] = []
    pending_or: int | None = None  # where an `|` waits for its right-hand term
    for item, pos in items:
        if item == "|":
            if not current or pending_or is not None:
                raise QueryError("`|` needs a search term on each side, as in tass | kcna", pos)
            pending_or = pos
        elif isinstance(item, Filter):
            if pending_or is not None:
                raise QueryError(f"`|` joins search terms, not filters; for either value write {item.field}:a,b", pos)
            filters.append(item)
        elif pending_or is not None:
            current.append(item)
            pending_or = None
        else:
            if current:
                groups.append(tuple(current))
            current = [item]
    if pending_or is not None:
        raise QueryError("`|` needs a search term on each side, as in tass | kcna", pending_or)
    if current:
        groups.append(tuple(current))
    return Query(tuple(groups), tuple(filters))


def hint(problem: str, guess: str | None = None, listing: str = "") -> str:
    """"unknown kind 'x'; did you mean 'y'? Kinds: a, b." """
    text = problem + (f"; did you mean '{guess}'?" if guess else ".")
    return f"{text} {listing}".strip()


_COUNT_FILTER = re.compile(r"^(>=|<=|>|<)?\d{1,6}$")


def count_matches(value: str, n: int) -> bool:
    """Whether `n` sources pass a `sources:` value (`3`, `>1`, `>=2`, `<2`, `<=1`)."""
    m = re.match(r"^(>=|<=|>|<)?(\d+)$", value)
    op, k = m.group(1), int(m.group(2))
    return {None: n == k, ">": n > k, ">=": n >= k, "<": n < k, "<=": n <= k}[op]


def _parse_filter(chars: list[tuple[str, bool]], pos: int) -> Filter | None:
    negate = bool(chars) and chars[0] == ("!", False)
    body = chars[1:] if negate else chars
    text = _plain(body)
    m = _FIELD_TOKEN.match(text)
    if not m or any(esc for _, esc in body[: m.end()]):
        return None
    name = m.group(1).lower()
    value = text[m.end():]
    if name not in FIELDS:
        guess = suggest(name, FIELDS)
        raise QueryError(hint(f"unknown field '{m.group(1)}:'", guess and f"{guess}:",
                               f"Fields: {', '.join(f + ':' for f in FIELDS)}; to search for the text, "
                               f"write \\{text}"), pos)
    values = tuple(v.strip() for v in value.split(",") if v.strip())
    if not values:
        example = {"type": "type:person", "certainty": "certainty:hedged", "by": "by:kcna",
                   "source": "source:ID", "sources": "sources:>1", "kind": "kind:relation"}[name]
        raise QueryError(f"`{name}:` needs a value, as in {example}", pos)
    if name == "kind":
        out = []
        for v in values:
            k = kind_named(v)
            if k is None:
                raise QueryError(unknown_kind(v), pos)
            out.append(k)
        values = tuple(out)
    elif name == "sources":
        for v in values:
            if not _COUNT_FILTER.match(v):
                raise QueryError(f"`sources:` takes a number of sources, as in sources:1 or sources:>1, not '{v}'", pos)
    elif name == "certainty":
        from explorer.core.model import CERTAINTIES

        out = []
        for v in values:
            if v.lower() not in CERTAINTIES:
                raise QueryError(hint(f"unknown certainty '{v}'", suggest(v.lower(), CERTAINTIES),
                                       f"Certainties: {', '.join(CERTAINTIES)}"), pos)
            out.append(v.lower())
        values = tuple(out)
    return Filter(name, values, negate, pos)


def _parse_term(chars: list[tuple[str, bool]], pos: int, raw: str) -> Term | None:
    negate = False
    body = list(chars)
    if body and body[0] == ("!", False):
        negate = True
        body = body[1:]
        if not body:
            raise QueryError(_SPECIAL_HINTS["!"], pos)
    mode = "fuzzy"
    if body and body[0] == ("'", False):
        body = body[1:]
        if not body:
            raise QueryError(_SPECIAL_HINTS["'"], pos)
        if negate:
            mode = "fuzzy"  # fzf: !'word excludes fuzzy matches
        elif len(body) > 1 and body[-1] == ("'", False):
            body = body[:-1]
            mode = "boundary"
        else:
            mode = "exact"
    else:
        if body and body[0] == ("^", False):
            body = body[1:]
            mode = "prefix"
            if not body:
                raise QueryError(_SPECIAL_HINTS["^"], pos)
        if body and body[-1] == ("$", False):
            if len(body) == 1:
                raise QueryError(_SPECIAL_HINTS["$"] if mode == "fuzzy" else _SPECIAL_HINTS["^"], pos)
            body = body[:-1]
            mode = "equal" if mode == "prefix" else "suffix"
        if negate and mode == "fuzzy":
            mode = "exact"  # fzf: !word excludes exact (substring) matches
    text = fold_term(_plain(body))
    if not text:
        return None  # only invisible characters: nothing to match
    case_sensitive = text != lower(text)
    if not case_sensitive:
        text = lower(text)
    return Term(text, mode, negate, case_sensitive, raw, pos)
