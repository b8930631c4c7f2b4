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

import gc
import heapq
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, islice
from typing import TYPE_CHECKING, Iterable

from explorer.core.cards import suggest
from explorer.core.errors import QueryError
from explorer.core.model import CERTAINTIES
from explorer.core.text import ASCII_CHANGES, fold, fold_with_offsets, normalize_text
from explorer.core.sources import split_sentences

if TYPE_CHECKING:
    from explorer.core.workspace import FactBase

KINDS = ("entity", "relation", "quote", "passage")
FIELDS = ("type", "certainty", "by", "source", "sources", "kind")
KIND_TITLES = {"entity": "Entities", "relation": "Relations", "quote": "Quotes", "passage": "Article passages"}
# The words for a kind, in a query (`kind:article`) and on the command line (`--kind article`) alike.
KIND_WORDS = {
    "entity": "entity", "entities": "entity", "relation": "relation", "relations": "relation",
    "quote": "quote", "quotes": "quote", "evidence": "quote", "passage": "passage",
    "passages": "passage", "article": "passage", "text": "passage",
}


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


# -- the query -----------------------------------------------------------------------------------

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


def _hint(problem: str, guess: str | None = None, listing: str = "") -> str:
    """"unknown kind 'x'; did you mean 'y'? Kinds: a, b." """
    text = problem + (f"; did you mean '{guess}'?" if guess else ".")
    return f"{text} {listing}".strip()


_COUNT_FILTER = re.compile(r"^(>=|<=|>|<)?\d{1,6}$")


def _count_matches(value: str, n: int) -> bool:
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
        raise QueryError(_hint(f"unknown field '{m.group(1)}:'", guess and f"{guess}:",
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
            k = KIND_WORDS.get(v.lower())
            if k is None:
                guess = suggest(v.lower(), list(KIND_WORDS))
                raise QueryError(_hint(f"unknown kind '{v}'", guess and KIND_WORDS[guess],
                                       f"Kinds: {', '.join(KINDS)}"), pos)
            out.append(k)
        values = tuple(out)
    elif name == "sources":
        for v in values:
            if not _COUNT_FILTER.match(v):
                raise QueryError(f"`sources:` takes a number of sources, as in sources:1 or sources:>1, not '{v}'", pos)
    elif name == "certainty":
        out = []
        for v in values:
            if v.lower() not in CERTAINTIES:
                raise QueryError(_hint(f"unknown certainty '{v}'", suggest(v.lower(), CERTAINTIES),
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
    text = _fold_term(_plain(body))
    if not text:
        return None  # only invisible characters: nothing to match
    case_sensitive = text != _lower(text)
    if not case_sensitive:
        text = _lower(text)
    return Term(text, mode, negate, case_sensitive, raw, pos)


def _fold_term(text: str) -> str:
    text = fold(text)
    # Lines never hold tabs or line breaks (fold makes every run of whitespace one space), and
    # control characters are spaces in the searchable lines (see _fold_all).
    return _CONTROL.sub(" ", text)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# -- scoring (fzf's v1 scores, with a smarter choice of which occurrence to score) ---------------

SCORE_MATCH = 16
SCORE_GAP_START = -3
SCORE_GAP_EXTENSION = -1
BONUS_BOUNDARY = SCORE_MATCH // 2
BONUS_NON_WORD = SCORE_MATCH // 2
BONUS_CAMEL123 = BONUS_BOUNDARY + SCORE_GAP_EXTENSION
BONUS_CONSECUTIVE = -(SCORE_GAP_START + SCORE_GAP_EXTENSION)
BONUS_FIRST_CHAR_MULTIPLIER = 2
BONUS_BOUNDARY_WHITE = BONUS_BOUNDARY + 2
BONUS_BOUNDARY_DELIMITER = BONUS_BOUNDARY + 1

_WHITE, _NONWORD, _DELIMITER, _LOWER, _UPPER, _LETTER, _NUMBER = range(7)
_DELIMITERS = set("/,:;|")


def _classify(ch: str) -> int:
    if ch.isspace():
        return _WHITE
    if ch in _DELIMITERS:
        return _DELIMITER
    if ch.islower():
        return _LOWER
    if ch.isupper():
        return _UPPER
    if ch.isdigit():
        return _NUMBER
    if ch.isalpha() or unicodedata.category(ch).startswith("L"):
        return _LETTER
    return _NONWORD


_CLASS: dict[str, int] = {chr(i): _classify(chr(i)) for i in range(256)}


def _char_class(ch: str) -> int:
    cls = _CLASS.get(ch)
    if cls is None:
        cls = _classify(ch)
        if len(_CLASS) < 65536:
            _CLASS[ch] = cls
    return cls


def _bonus_for(prev: int, cls: int) -> int:
    if cls > _NONWORD:
        if prev == _WHITE:
            return BONUS_BOUNDARY_WHITE
        if prev == _DELIMITER:
            return BONUS_BOUNDARY_DELIMITER
        if prev == _NONWORD:
            return BONUS_BOUNDARY
    if (prev == _LOWER and cls == _UPPER) or (prev != _NUMBER and cls == _NUMBER):
        return BONUS_CAMEL123
    if cls in (_NONWORD, _DELIMITER):
        return BONUS_NON_WORD
    if cls == _WHITE:
        return BONUS_BOUNDARY_WHITE
    return 0


_BONUS = [[_bonus_for(p, c) for c in range(7)] for p in range(7)]


def _bonus_at(line: str, i: int) -> int:
    return _BONUS[_char_class(line[i - 1]) if i > 0 else _WHITE][_char_class(line[i])]


def _score_positions(line: str, positions: list[int] | range) -> int:
    """fzf's score of a match at `positions` (ascending) in `line` (case as written)."""
    score = 0
    prev = -2
    first_bonus = 0
    cls = _char_class
    for k, p in enumerate(positions):
        bonus = _BONUS[cls(line[p - 1]) if p > 0 else _WHITE][cls(line[p])]
        score += SCORE_MATCH
        if k and p == prev + 1:
            if bonus >= BONUS_BOUNDARY and bonus > first_bonus:
                first_bonus = bonus
            bonus = max(bonus, first_bonus, BONUS_CONSECUTIVE)
        else:
            if k:
                score += SCORE_GAP_START + SCORE_GAP_EXTENSION * (p - prev - 2)
            first_bonus = bonus
        score += bonus * BONUS_FIRST_CHAR_MULTIPLIER if k == 0 else bonus
        prev = p
    return score


def _is_word_start(line: str, i: int) -> bool:
    return _bonus_at(line, i) >= BONUS_CAMEL123


@lru_cache(maxsize=1024)
def _word_start_regex(ch: str) -> re.Pattern:
    """`ch` right after a character that is not a letter or digit."""
    e = re.escape(ch)
    return re.compile(f"{e}(?<=[\\W_]{e})")


def _fuzzy(line: str, cmp: str, pat: str) -> tuple[int, list[int]] | None:
    """Best of a few candidate alignments of `pat` in `cmp` (the line as compared), scored on `line`."""
    find = cmp.find
    n = len(pat)
    best: tuple[int, list[int]] | None = None
    if n > 1:
        # the letters as one run: at a word start nothing (much) beats it
        occ = find(pat)
        tries = 0
        while occ >= 0 and tries < 8:
            run = range(occ, occ + n)
            s = _score_positions(line, run)
            if best is None or s > best[0]:
                best = (s, list(run))
            if _is_word_start(line, occ):
                return best
            occ = find(pat, occ + 1)
            tries += 1
    idx = find(pat[0])
    if idx < 0:
        return None
    first = idx
    for c in pat[1:]:
        idx = find(c, idx + 1)
        if idx < 0:
            return None
    # fzf v1: the first occurrence, shrunk backwards, then matched forwards within the window
    j = idx
    for c in reversed(pat[:-1]):
        j = cmp.rfind(c, first, j)
    v1 = [j]
    for c in pat[1:]:
        j = find(c, j + 1)
        v1.append(j)
    s = _score_positions(line, v1)
    if best is None or s > best[0]:
        best = (s, v1)
    # each letter at the next word start (acronyms: kcna -> Korean Central News Agency), else at
    # its next occurrence
    ws: list[int] = []
    k = 0
    for c in pat:
        if k == 0 and cmp.startswith(c):
            j = 0
        else:
            m = _word_start_regex(c).search(cmp, k)  # (the look-behind sees before k)
            j = m.start() if m is not None else find(c, k)
        if j < 0:
            return best
        ws.append(j)
        k = j + 1
    if ws != v1:
        s = _score_positions(line, ws)
        if s > best[0]:
            best = (s, ws)
    return best


def _exact(line: str, cmp: str, term: Term) -> tuple[int, list[int]] | None:
    pat, n, mode = term.text, len(term.text), term.mode
    if mode == "prefix":
        return (_score_positions(line, range(n)), list(range(n))) if cmp.startswith(pat) else None
    if mode == "suffix":
        if not cmp.endswith(pat):
            return None
        r = range(len(cmp) - n, len(cmp))
        return _score_positions(line, r), list(r)
    if mode == "equal":
        return (_score_positions(line, range(n)), list(range(n))) if cmp == pat else None
    best = None
    occ = cmp.find(pat)
    tries = 0
    while occ >= 0 and tries < 16:
        if mode != "boundary" or _at_boundary(cmp, occ, n):
            r = range(occ, occ + n)
            s = _score_positions(line, r)
            if best is None or s > best[0]:
                best = (s, list(r))
        occ = cmp.find(pat, occ + 1)
        tries += 1
    return best


def _word_char(ch: str) -> bool:
    return ch.isalnum()


def _at_boundary(cmp: str, occ: int, n: int) -> bool:
    before = cmp[occ - 1] if occ > 0 else " "
    after = cmp[occ + n] if occ + n < len(cmp) else " "
    return not _word_char(before) and not _word_char(after)


# -- tight fuzzy matches in prose ------------------------------------------------------------------
#
# In a name, "kmjn" meaning "Kim Jong Un" is what fuzzy search is for. In a paragraph, the letters
# of almost any word are found in order somewhere ("aurus" in "artillery shells ... ukraine ...
# russia"), so there a fuzzy match counts only when it is tight, one of:
#   - the term as one run, starting a word (or anywhere, for a term of 4 letters or more);
#   - for a term of 4 letters or more, the letters in runs that each start a word, a run after
#     the first starting the next word or the one after it: either every run of at least two
#     letters but the last ("kimjong": Kim Yo Jong, "auruss": Aurus Senat), or every run one
#     letter at consecutive words (an acronym: "kcna": Korean Central News Agency).
# Matching picks, letter by letter, the next letter if it follows, else the start of the next word
# if it is that letter, else the start of the word after: the same greedy choice in the regular
# expression that pre-selects (`_chunk_regex`, possessive and atomic: linear) and in `_chunked`,
# which checks the runs and gives the positions.

MAX_CHUNKED = 24  # a longer term matches prose only as one run
_WORD_START = re.compile(r"(?<![^\W_])")
_WORD_REST = re.compile(r"[^\W_]*")  # the rest of a word
_SEPARATORS = re.compile(r"(?:[^\w\t]|_)+")  # between two words (never past the line's end)


def _tight(line: str, cmp: str, pat: str) -> tuple[int, list[int]] | None:
    """Best tight alignment of `pat` in `cmp` (the line as compared), scored on `line`."""
    n = len(pat)
    find = cmp.find
    best: tuple[int, list[int]] | None = None
    occ = find(pat)
    tries = 0
    while occ >= 0 and tries < 16:
        if n >= 4 or _WORD_START.match(cmp, occ):
            run = range(occ, occ + n)
            s = _score_positions(line, run)
            if best is None or s > best[0]:
                best = (s, list(run))
        occ = find(pat, occ + 1)
        tries += 1
    if n < 4 or n > MAX_CHUNKED:
        return best
    starts = 0
    occ = find(pat[0])
    while occ >= 0 and starts < 64:
        if _WORD_START.match(cmp, occ):
            starts += 1
            got = _chunked(cmp, pat, occ)
            if got is not None:
                s = _score_positions(line, got)
                if best is None or s > best[0]:
                    best = (s, got)
        occ = find(pat[0], occ + 1)
    return best


def _next_word(cmp: str, p: int) -> int:
    """Where the word after the one holding `p` starts (-1: none on this line)."""
    end = _WORD_REST.match(cmp, p + 1).end()
    sep = _SEPARATORS.match(cmp, end)
    if sep is None or sep.end() >= len(cmp) or cmp[sep.end()] == "\t":
        return -1
    return sep.end()


def _chunked(cmp: str, pat: str, start: int) -> list[int] | None:
    """The greedy run-by-run alignment of `pat` from `start` if its runs make a tight match."""
    positions = [start]
    runs = [1]
    skipped = False  # a word was skipped (an acronym may not)
    p = start
    for c in pat[1:]:
        if p + 1 < len(cmp) and cmp[p + 1] == c:
            p += 1
            runs[-1] += 1
        else:
            q = _next_word(cmp, p)
            if q >= 0 and cmp[q] != c:
                q = _next_word(cmp, q)
                skipped = True
            if q < 0 or cmp[q] != c:
                return None
            runs.append(1)
            p = q
        positions.append(p)
    if all(r >= 2 for r in runs[:-1]):
        return positions
    if all(r == 1 for r in runs) and not skipped:
        return positions
    return None


@lru_cache(maxsize=512)
def _chunk_regex(text: str) -> re.Pattern:
    """Pre-selects tight run-by-run matches (a superset of what `_chunked` accepts): each letter
    next, else starting the next word, else the word after (atomic: never revisited)."""
    e = re.escape
    rest, sep = r"[^\W_]*+", r"(?:[^\w\t]|_)++"
    word = rf"{rest}{sep}"
    steps = "".join(f"(?>{e(c)}|{word}(?:[^\\W_]{word})??{e(c)})" for c in text[1:])
    first = f"{e(text[0])}(?<![^\\W_]{e(text[0])})"  # (the letter first: the engine scans for it in C)
    return re.compile(f"{first}{steps}[^\\t]*+{_END}")


@lru_cache(maxsize=512)
def _run_regex(text: str) -> re.Pattern:
    """The term as one run: starting a word, or anywhere for a term of 4 letters or more."""
    if len(text) >= 4:
        return re.compile(re.escape(text) + r"[^\t]*+" + _END)
    return _strong_regex(text)


def score_term(line: str, term: Term, lowered: str | None = None, loose: bool = True) -> tuple[int, list[int]] | None:
    """(score, positions) of `term` in the folded `line`, or None when it does not match.
    `loose`: the line is a name-like field (any fuzzy match), else prose (tight matches only)."""
    cmp = line if term.case_sensitive else (lowered if lowered is not None else _lower(line))
    if term.mode == "fuzzy":
        return _fuzzy(line, cmp, term.text) if loose or term.negate else _tight(line, cmp, term.text)
    return _exact(line, cmp, term)


# -- regular expressions over the big strings ----------------------------------------------------

# Each line of a big string is `folded text \t MARK TAG \n`. The text never holds a tab, a line
# break or a control character, and a query term never does either; MARK and TAG are made of
# control characters only, so no term can match inside them. MARK is \x01 on the lines that name
# the record (its display text, an entity's aliases), the ones `!term` looks at, else \x02. TAG is
# a number unique over all kinds, in the 16 digits \x10..\x1f (see _Kind for the numbering).
# A gap between two letters is `[^\tc]*+`: it cannot leave the line's text, and the rest of the
# line is skipped with `[^\t]*+`, which the regex engine runs fastest.
_NAME, _OTHER = "\x01", "\x02"  # prose: held to tight fuzzy matches (see _tight)
_NAME_LOOSE, _OTHER_LOOSE = "\x03", "\x04"  # names, aliases, types: any fuzzy match
_DIGITS = "".join(chr(0x10 + d) for d in range(16))
_END = r"\t[\x01-\x04]([\x10-\x1f]+)"
_END_NAMES = r"\t[\x01\x03]([\x10-\x1f]+)"
_END_LOOSE = r"\t[\x03\x04]([\x10-\x1f]+)"


_HEX_TO_DIGITS = str.maketrans("0123456789abcdef", _DIGITS)


def _tags(first: int, count: int, width: int) -> list[str]:
    """The tags of `count` records numbered from `first`."""
    hexes = "".join([f"{i:0{width}x}" for i in range(first, first + count)]).translate(_HEX_TO_DIGITS)
    return [hexes[k : k + width] for k in range(0, len(hexes), width)]


@lru_cache(maxsize=512)
def _term_regex(text: str, mode: str, names_only: bool = False, loose_only: bool = False) -> re.Pattern:
    """A pattern whose findall over a kind's big string gives the tags of the matching records.
    `loose_only`: only in name-like lines (a fuzzy term in prose is matched by `_run_regex` and
    `_chunk_regex`)."""
    e = re.escape
    end = _END_NAMES if names_only else _END_LOOSE if loose_only else _END
    tail = r"[^\t]*+" + end
    if mode == "fuzzy":
        if len(text) == 1:
            # (a line whose mark `end` refuses is skipped whole, not tried again at each letter)
            return re.compile(f"{e(text)}(?:{tail}|[^\\t]*+)")
        gaps = "".join(f"[^\\t{e(c)}]*+{e(c)}" for c in text[1:])
        # On failure, skip the rest of this line so the engine does not retry from every later
        # occurrence of the first letter (that keeps `aaaaaaa` linear): the first occurrence
        # followed by the earliest of each next letter finds the letters if they are there.
        return re.compile(f"{e(text[0])}(?:{gaps}{tail}|[^\\t]*+)")
    if mode == "exact":
        return re.compile(e(text) + tail)
    if mode == "boundary":
        return re.compile(f"{e(text)}(?<=[\\W_]{e(text)})(?![^\\W_]){tail}")
    if mode == "prefix":
        return re.compile(f"\\n{e(text)}{tail}")
    if mode == "suffix":
        return re.compile(e(text) + end)
    if mode == "equal":
        return re.compile(f"\\n{e(text)}{end}")
    raise ValueError(mode)


@lru_cache(maxsize=512)
def _tight_regex(text: str) -> re.Pattern:
    """The term's letters with at most two characters between each: compact matches."""
    e = re.escape
    gaps = "".join(f"[^\\t{e(c)}]{{0,2}}{e(c)}" for c in text[1:])
    return re.compile(f"{e(text[0])}{gaps}[^\\t]*+{_END}")


@lru_cache(maxsize=512)
def _strong_regex(text: str) -> re.Pattern:
    """The term as one run starting a word: the matches fzf ranks highest."""
    e = re.escape(text)
    return re.compile(f"{e}(?<=[\\W_]{e})[^\\t]*+{_END}")


# -- the index -----------------------------------------------------------------------------------

# field code -> (label shown in `detail`, score bonus): the display field of each kind comes first
_SEGMENTS = {
    "name": ("name", 24), "alias": ("alias", 16), "type": ("type", 8), "description": ("description", 0),
    "sentence": ("sentence", 12), "qualifier": ("qualifier", 4), "by": ("by", 6),
    "quote": ("quote", 6), "note": ("note", 0),
    "passage": ("passage", 0),
}
_POOL_MIN = 100  # records of a kind scored precisely: at least this many, or half again `limit`
_NAME_SEGMENTS = {"name", "alias", "sentence", "quote", "passage"}
# Short name-like fields, where any fuzzy match (the letters in order) is meant; every other field
# is prose, where a fuzzy match must be tight (see `_tight`).
_LOOSE_SEGMENTS = {"name", "alias", "type", "by"}
_KIND_ORDER = {k: n for n, k in enumerate(KINDS)}
_BREAKS = re.compile(r"\s*[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]\s*")


def _one_line(text: str) -> str:
    """The text on one line: line breaks (and the spaces around them) become one space."""
    if text.isprintable():
        return text.strip()
    return _BREAKS.sub(" ", text).strip()


@dataclass(slots=True)
class _Record:
    card: str | None
    evidence: int | None
    source: str | None
    start: int | None
    end: int | None
    text: str
    detail: str
    fields: list[tuple[str, str]]  # (segment, raw text); the first is the display text
    meta: tuple = ()  # what the filters need: ((field, value), ...)


class _Kind:
    """The searchable records of one kind, and the big strings their lines are joined into.

    `first` numbers the records globally (tags are unique over all kinds). With `passages`, a
    quote that is exactly a sentence of its source takes that passage's tag and is left out of the
    whole-string scans: it matches exactly where the passage does (see `expand_shared`).
    """

    def __init__(self, kind: str, records: list[_Record], natural_keys: list | None, first: int,
                 width: int, passages: _Kind | None = None):
        self.kind = kind
        n = len(records)
        # `natural`: listing order (alphabetical for entities, article order for the rest)
        if natural_keys is None:
            natural_rank = list(range(n))
        else:
            natural_rank = [0] * n
            for rank, i in enumerate(sorted(range(n), key=natural_keys.__getitem__)):
                natural_rank[i] = rank
        # Record ids are ranks: shortest display text first (fzf's tie-break), and the big
        # strings hold them in that order, so a cheap pre-selection reads from the start.
        order = sorted(range(n), key=lambda i: len(records[i].text) * (n + 1) + natural_rank[i])
        self.records = [records[i] for i in order]
        records = self.records
        self.natural_rank = [natural_rank[old] for old in order]  # by record id
        raw: list[str] = []
        segs: list[str] = []
        owner: list[int] = []
        first_line = [0] * (n + 1)
        for i, rec in enumerate(records):
            first_line[i] = len(raw)
            for seg, text in rec.fields:
                raw.append(text)
                segs.append(seg)
                owner.append(i)
        first_line[n] = len(raw)
        self.first_line = first_line
        self.segs = segs

        tags = _tags(first, n, width)
        skip: set[int] = set()  # lines left out of the whole-string scans
        self.shared_many: dict[str, list[str]] = {}  # passage tag -> further quotes with its text
        known: dict[int, str] = {}  # line -> its folded text, taken from the passage
        if passages is not None:
            for i, rec in enumerate(records):
                p_tag = passages.by_span.get((rec.source, rec.start, rec.end))
                if p_tag is None:
                    continue
                if p_tag not in self.shared_many:
                    tags[i] = p_tag
                    self.shared_many[p_tag] = []
                else:
                    self.shared_many[p_tag].append(tags[i])
                skip.add(first_line[i])
                known[first_line[i]] = passages.lines[passages.first_line[passages.index[p_tag]]]
        if known:
            todo = [j for j in range(len(raw)) if j not in known]
            lines = list(raw)
            for j, line in zip(todo, _fold_all([raw[j] for j in todo])):
                lines[j] = line
            for j, line in known.items():
                lines[j] = line
            self.lines = lines
        else:
            self.lines = _fold_all(raw)
        self.shared_keys = frozenset(t for t in self.shared_many)  # quotes tagged as their passage
        self.shared_many = {p: q for p, q in self.shared_many.items() if q}
        self.tags = tags
        self.index: dict[str, int] = {t: i for i, t in enumerate(tags)}
        by_natural = [0] * n
        for new_id, old in enumerate(order):
            by_natural[natural_rank[old]] = new_id
        self.natural = [tags[i] for i in by_natural]

        marks = [(_NAME_LOOSE if seg in _LOOSE_SEGMENTS else _NAME) if seg in _NAME_SEGMENTS
                 else (_OTHER_LOOSE if seg in _LOOSE_SEGMENTS else _OTHER) for seg in segs]
        parts = [f"{line}\t{mark}{tags[i]}\n" for line, mark, i in zip(self.lines, marks, owner)]
        self.big = "\n" + "".join(parts)
        low = self.big.lower()
        if len(low) != len(self.big):  # pragma: no cover - a character whose lower case is longer
            parts = [_lower(p) for p in parts]
            low = "\n" + "".join(parts)
        self.low = low
        # where each record's lines are in the big strings, for building candidate sub-strings
        offsets = list(accumulate(map(len, parts), initial=1))
        at = [offsets[f] for f in first_line]
        self.span: dict[str, tuple[int, int]] = dict(zip(tags, zip(at, at[1:])))
        self.all: frozenset[str] = frozenset(tags)
        # what whole-string scans run over: the same, less the lines another kind holds too
        if skip:
            keep = [j for j in range(len(parts)) if j not in skip]
            self.scan_big = "\n" + "".join([self.big[offsets[j] : offsets[j + 1]] for j in keep])
            self.scan_low = "\n" + "".join([low[offsets[j] : offsets[j + 1]] for j in keep])
        else:
            self.scan_big, self.scan_low = self.big, self.low
        # the name-like lines alone (any fuzzy match counts there): short, and scanned on their own
        loose = [j for j, mark in enumerate(marks) if mark in (_NAME_LOOSE, _OTHER_LOOSE)]
        self.loose_big = "\n" + "".join([self.big[offsets[j] : offsets[j + 1]] for j in loose]) if loose else ""
        self.loose_low = "\n" + "".join([low[offsets[j] : offsets[j + 1]] for j in loose]) if loose else ""
        # a passage by its place in the source, for the quotes that are a whole sentence
        self.by_span = {(r.source, r.start, r.end): t for t, r in zip(tags, records)} if kind == "passage" else {}
        self.filters: dict[tuple[str, str], set[str]] = {}
        filters = self.filters
        for tag, rec in zip(tags, records):
            for key in rec.meta:
                got = filters.get(key)
                if got is None:
                    filters[key] = {tag}
                else:
                    got.add(tag)
            rec.meta = ()

    def expand_shared(self, passages: set[str], into: set[str]) -> None:
        """Add to `into` the quotes whose text is one of these passages."""
        into |= passages & self.shared_keys
        for p in self.shared_many.keys() & passages:
            into.update(self.shared_many[p])

    def corpus(self, cands: Iterable[str] | None, cased: bool) -> str:
        big = self.big if cased else self.low
        if cands is None:
            return big
        span = self.span
        return "\n" + "".join([big[a:b] for a, b in map(span.__getitem__, cands)])


# ASCII characters that `fold` changes (whitespace, the backtick...), found by asking `fold` itself,
# control characters (made spaces), and what changes an ASCII text's length (a double space, spaces
# around a dash, `--`, `...`): an ASCII line with none of them is its own folded form.
_ASCII_FOLDED = "".join(c for c in map(chr, range(128)) if fold(c) != c or _CONTROL.match(c))
_NEEDS_FOLD = re.compile("[" + re.escape(_ASCII_FOLDED) + "]|" + ASCII_CHANGES.pattern)


def _fold_all(texts: list[str]) -> list[str]:
    """`fold` of every text (typography and accents), with control characters made spaces."""
    needs = _NEEDS_FOLD.search
    out = list(texts)
    dirty = [i for i, t in enumerate(texts) if not t.isascii() or needs(t)]
    if not dirty:
        return out
    # typography first, all at once (`fold` begins with the same normalisation); then accents,
    # one by one, for the few texts still not plain ASCII
    joined = "\x00".join([texts[i] for i in dirty])
    if joined.count("\x00") == len(dirty) - 1:
        folded = normalize_text(joined).split("\x00")
    else:  # a text holds \x00 itself
        folded = [fold(texts[i]) for i in dirty]
    for i, f in zip(dirty, folded):
        if not f.isascii():
            f = fold(f)
        out[i] = f if f.isprintable() else _CONTROL.sub(" ", f)
    return out


class SearchIndex:
    """Folded searchable records of a fact base, built once; `search()` runs queries over them."""

    def __init__(self, base: FactBase):
        self.base = base
        enabled = gc.isenabled()
        gc.disable()  # hundreds of thousands of small objects: no point in collecting meanwhile
        try:
            self._build(base)
        finally:
            if enabled:
                gc.enable()

    def _build(self, base: FactBase) -> None:
        source_order = {sid: n for n, sid in enumerate(base.sources)}
        no_source = len(source_order)
        names = {eid: e.name for eid, e in base.entities.items()}

        entity_rows: list[_Record] = []
        entity_keys: list[tuple] = []
        for ent in base.entities.values():
            fields = [("name", ent.name)]
            fields += [("alias", a) for a in ent.aliases]
            fields.append(("type", ent.type))
            if ent.description:
                fields.append(("description", ent.description))
            meta = [("type", ent.type.lower())]
            backing = {ev.anchor.source for ev in ent.evidence if ev.anchor}
            meta += [("source", s) for s in backing]
            meta.append(("sources", str(len(backing))))
            entity_rows.append(_Record(ent.id, None, None, None, None, _one_line(ent.name), ent.type, fields, tuple(meta)))
            entity_keys.append((ent.name.casefold(), ent.id))

        relation_rows: list[_Record] = []
        relation_keys: list[tuple] = []
        for rel in base.relations.values():
            sentence = _one_line(f"{names.get(rel.subject, rel.subject)} {rel.predicate} {names.get(rel.object, rel.object)}")
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
            relation_rows.append(_Record(rel.id, None, None, None, None, sentence, detail, fields, tuple(meta)))
            src, off = rel.first_position
            relation_keys.append((source_order.get(src, no_source), off, rel.id))

        quote_rows: list[_Record] = []
        quote_keys: list[tuple] = []
        sources = base.sources
        for card in (*base.entities.values(), *base.relations.values()):
            card_meta: list[tuple[str, str]] = [("sources", str(len({ev.anchor.source for ev in card.evidence if ev.anchor})))]
            if card.kind == "relation":
                card_meta.append(("certainty", card.certainty))
                if card.attribution:
                    card_meta.append(("by", card.attribution))
            for n, ev in enumerate(card.evidence):
                a = ev.anchor
                if a is not None and a.source in sources:
                    text = _one_line(sources[a.source].text[a.start : a.end])
                    quote_keys.append((source_order[a.source], a.start, card.id, n))
                    meta = (*card_meta, ("source", a.source))
                    row = _Record(card.id, n, a.source, a.start, a.end, text, card.id, [("quote", text)], meta)
                else:
                    text = _one_line(ev.quote)
                    quote_keys.append((no_source + 1, 0, card.id, n))
                    row = _Record(card.id, n, None, None, None, text, card.id, [("quote", text)], tuple(card_meta))
                if ev.note:
                    row.fields.append(("note", ev.note))
                quote_rows.append(row)

        passage_rows: list[_Record] = []
        for sid, source in sources.items():
            text = source.text
            meta = (("source", sid),)
            for start, end in split_sentences(text):
                sentence = _one_line(text[start:end])
                if sentence:
                    passage_rows.append(_Record(None, None, sid, start, end, sentence,
                                                f"{sid}:{source.line_of(start)}", [("passage", sentence)], meta))

        total = len(entity_rows) + len(relation_rows) + len(quote_rows) + len(passage_rows)
        width = 1
        while 16**width < total:
            width += 1
        passages = _Kind("passage", passage_rows, None, 0, width)
        first = len(passage_rows)
        entities = _Kind("entity", entity_rows, entity_keys, first, width)
        first += len(entity_rows)
        relations = _Kind("relation", relation_rows, relation_keys, first, width)
        first += len(relation_rows)
        quotes = _Kind("quote", quote_rows, quote_keys, first, width, passages)
        self.kinds: dict[str, _Kind] = {"entity": entities, "relation": relations, "quote": quotes, "passage": passages}
        self.types = sorted({e.type.lower() for e in base.entities.values()})
        self._names: dict[str, str] | None = None  # built when `by:` first needs it
        self._attributions = sorted({r.attribution for r in base.relations.values() if r.attribution})

    def _entity_named(self, value: str) -> str | None:
        """The entity a `by:` value names: its id, or (folded, any case, spaces or hyphens) its
        name or an alias."""
        if value in self.base.entities:
            return value
        if self._names is None:
            names: dict[str, str] = {}
            for ent in self.base.entities.values():
                for name in (ent.id, ent.name, *ent.aliases):
                    names.setdefault(_name_key(name), ent.id)
            self._names = names
        return self._names.get(_name_key(value))

    # -- filters ---------------------------------------------------------------------------------

    def _resolve(self, flt: Filter) -> tuple[str, ...]:
        """The filter's values as the index keys them; QueryError for values that name nothing."""
        if flt.field == "type":
            out = []
            for v in flt.values:
                key = v.lower()
                if key not in self.types:
                    listing = ", ".join(self.types[:12]) + (", ..." if len(self.types) > 12 else "")
                    raise QueryError(_hint(f"no entity has type '{v}'", suggest(key, self.types),
                                           f"Types: {listing}" if listing else ""), flt.position)
                out.append(key)
            return tuple(out)
        if flt.field == "source":
            out = []
            for v in flt.values:
                if v in self.base.sources:
                    out.append(v)
                    continue
                lowered = {s.lower(): s for s in self.base.sources}
                if v.lower() in lowered:
                    out.append(lowered[v.lower()])
                    continue
                raise QueryError(_hint(f"unknown source '{v}'", suggest(v, list(self.base.sources)),
                                       "A source id is a file name in seeds/ without its extension."), flt.position)
            return tuple(out)
        if flt.field == "sources":
            present = {int(v) for kind in self.kinds.values() for (f, v) in kind.filters if f == "sources"}
            return tuple(str(n) for n in sorted(present) if any(_count_matches(v, n) for v in flt.values))
        if flt.field == "by":
            out = []
            for v in flt.values:
                ent = self._entity_named(v)
                if ent is None:
                    guess = suggest(v.lower(), self._attributions or list(self.base.entities))
                    raise QueryError(_hint(f"no entity '{v}' for `by:`", guess,
                                           "Give an entity id, name or alias."), flt.position)
                out.append(ent)
            return tuple(out)
        return flt.values

    def _allowed(self, kind: _Kind, filters: list[tuple[Filter, tuple[str, ...]]]) -> frozenset[str] | set[str] | None:
        allowed: frozenset[str] | set[str] | None = None
        for flt, values in filters:
            if flt.field == "kind":
                chosen: frozenset[str] | set[str] | None = None if kind.kind in values else set()
            else:
                chosen = set()
                for v in values:
                    chosen |= kind.filters.get((flt.field, v), set())
            if flt.negate:
                if chosen is None:
                    return set()
                base = kind.all if allowed is None else allowed
                allowed = base - chosen
            elif chosen is None:
                continue
            else:
                allowed = chosen if allowed is None else allowed & chosen
            if not allowed and allowed is not None:
                return set()
        return allowed

    # -- search ----------------------------------------------------------------------------------

    def search(self, query: str, *, kinds: set[str] | None = None, limit: int = 50) -> Results:
        """Run `query`; the best `limit` hits over all kinds, ranked. Raises QueryError."""
        q = parse_query(query)
        if kinds is not None:
            unknown = set(kinds) - set(KINDS)
            if unknown:
                raise QueryError(f"unknown kind '{sorted(unknown)[0]}'; kinds: {', '.join(KINDS)}")
        if q.empty:
            return Results([], 0, {k: 0 for k in KINDS})
        filters = [(f, self._resolve(f)) for f in q.filters]
        limit = max(0, int(limit))
        run = _Run(self, q)
        ranked: list[tuple[tuple, _Kind, str, object]] = []
        counts: dict[str, int] = {}
        for kind_name in KINDS:
            kind = self.kinds[kind_name]
            counts[kind_name] = 0
            if (kinds is not None and kind_name not in kinds) or not kind.records:
                continue
            allowed = self._allowed(kind, filters)
            if allowed is not None and not allowed:
                continue
            cands = run.match(kind, allowed)
            counts[kind_name] = len(cands)
            if cands:
                ranked.extend(run.rank(kind, cands, limit))
        ranked.sort(key=lambda r: r[0])
        hits = [self._hit(kind, tag, info) for _, kind, tag, info in ranked[:limit]]
        return Results(hits, sum(counts.values()), counts)

    def _score_record(self, kind: _Kind, rec: int, groups) -> tuple[int, list[int], str]:
        """(score, positions in the folded display line, note on another field that matched).

        Each group (of OR-ed terms) scores its best line, plus that field's bonus. The display
        line is highlighted for the groups it serves best; when some groups are served better by
        another field, the note names the field that serves most of them.
        """
        first, last = kind.first_line[rec], kind.first_line[rec + 1]
        lines, segs = kind.lines, kind.segs
        lowered: dict[int, str] = {}
        total = 0
        positions: set[int] = set()
        elsewhere: dict[int, list[int]] = {}  # line -> scores of the groups served elsewhere
        where: dict[int, set[int]] = {}  # line -> the positions matched in it
        for group in groups:
            best = None  # ((score with the field's bonus, score), line, positions)
            seen: dict[int, tuple[int, list[int]]] = {}  # line -> its best (score, positions) here
            for term in group:
                for j in range(first, last):
                    line = lines[j]
                    low = None
                    if not term.case_sensitive:
                        low = lowered.get(j)
                        if low is None:
                            low = lowered[j] = _lower(line)
                    got = score_term(line, term, low, segs[j] in _LOOSE_SEGMENTS)
                    if got is None:
                        continue
                    key = (got[0] + _SEGMENTS[segs[j]][1], got[0])
                    if best is None or key > best[0]:
                        best = (key, j, got[1])
                    if j not in seen or got[0] > seen[j][0]:
                        seen[j] = got
            if best is None:
                continue
            total += best[0][0]
            if best[1] == first:
                positions.update(best[2])
            else:
                for j, (score, pos) in seen.items():
                    if j != first:
                        elsewhere.setdefault(j, []).append(score)
                        where.setdefault(j, set()).update(pos)
        note = None
        if elsewhere:
            j = max(elsewhere, key=lambda j: (len(elsewhere[j]), sum(elsewhere[j]), -j))
            note = (j - first, sorted(where.get(j, ())))
        return total, sorted(positions), note

    def _hit(self, kind: _Kind, tag: str, info) -> Hit:
        rec = kind.records[kind.index[tag]]
        positions: tuple[int, ...] = ()
        score = 0
        detail = rec.detail
        if info is not None:
            score, folded_pos, note = info
            if folded_pos:
                folded, offsets = fold_with_offsets(rec.text)
                positions = tuple(sorted({offsets[p] for p in folded_pos if p < len(offsets)}))
            if note is not None:
                field, where = note
                seg, raw = rec.fields[field]
                if raw not in detail:
                    if seg == "by":  # "reported · by Korean Central News Agency (KCNA)"
                        detail = f"{detail} ({_one_line(raw)})"
                    else:  # "person · alias: North Korean leader"
                        detail = f"{detail} · {_note(seg, raw, where)}" if detail else _note(seg, raw, where)
        return Hit(kind.kind, rec.card, rec.evidence, rec.source, rec.start, rec.end, rec.text, detail,
                   positions, score)


class _Run:
    """One query being run: remembers whole-string scans so kinds can share them."""

    def __init__(self, index: SearchIndex, q: Query):
        self.index = index
        self.q = q
        self.memo: dict[tuple, object] = {}
        self.positive = sorted(q.positive, key=_selectivity)
        self.groups = [g for g in (tuple(t for t in grp if not t.negate) for grp in q.groups) if g]

    # -- scanning --------------------------------------------------------------------------------

    def full(self, kind: _Kind, pattern: re.Pattern, cased: bool) -> set[str]:
        """The tags of every record of `kind` whose lines `pattern` finds (do not modify it)."""
        key = (kind.kind, pattern.pattern, cased)
        got = self.memo.get(key)
        if got is not None:
            return got
        found = set(pattern.findall(kind.scan_big if cased else kind.scan_low))
        found.discard("")
        if kind.shared_keys:
            # quotes that are a whole sentence: they match where the passage does
            kind.expand_shared(self.full(self.index.kinds["passage"], pattern, cased), found)
        self.memo[key] = found
        return found

    def scan(self, kind: _Kind, term: Term, cands) -> set[str]:
        """The records of `kind` where `term` matches, among `cands` (None: all)."""
        if term.mode == "fuzzy" and not term.negate:
            # Any fuzzy match in a name-like line; a tight one in prose: the term as a run
            # (pure regex), or run by run (pre-selected by regex, checked by `_tight`).
            cased = term.case_sensitive
            found = self.find(kind, _run_regex(term.text), cased, cands)
            if kind.loose_low:
                loose = _term_regex(term.text, "fuzzy", loose_only=True)
                if cands is not None and len(cands) * 4 < len(kind.records):
                    found = found | self.find(kind, loose, cased, cands)
                else:
                    key = (kind.kind, "loose", loose.pattern, cased)
                    got = self.memo.get(key)
                    if got is None:
                        got = self.memo[key] = set(loose.findall(kind.loose_big if cased else kind.loose_low))
                        got.discard("")
                    found = found | (got if cands is None else got & cands)
            if 4 <= len(term.text) <= MAX_CHUNKED:
                maybe = self.find(kind, _chunk_regex(term.text), cased, cands) - found
                if maybe:
                    found = found | {tag for tag in maybe if self.tight(kind, tag, term)}
            return found
        return self.find(kind, _term_regex(term.text, term.mode, term.negate), term.case_sensitive, cands)

    def find(self, kind: _Kind, pattern: re.Pattern, cased: bool, cands) -> set[str]:
        """The tags of the records of `kind` among `cands` (None: all) whose lines `pattern` finds."""
        # A literal finds its way through the whole string at C speed; a fuzzy pattern costs
        # about as much per character as copying candidates out, so only few are worth copying.
        if cands is not None and len(cands) * 4 < len(kind.records):
            found = set(pattern.findall(kind.corpus(cands, cased)))
            found.discard("")
            return found
        found = self.full(kind, pattern, cased)
        return found if cands is None else found & cands

    @staticmethod
    def tight(kind: _Kind, tag: str, term: Term) -> bool:
        """Whether a prose line of the record holds a tight match of `term`."""
        rec = kind.index[tag]
        for j in range(kind.first_line[rec], kind.first_line[rec + 1]):
            if kind.segs[j] not in _LOOSE_SEGMENTS:
                line = kind.lines[j]
                if _tight(line, line if term.case_sensitive else _lower(line), term.text) is not None:
                    return True
        return False

    def match(self, kind: _Kind, allowed) -> set[str] | frozenset[str]:
        """The records of `kind` that pass the filters and every term."""
        q = self.q
        cands = allowed  # None: every record of the kind
        for group in self.positive:
            if len(group) == 1:
                cands = self.scan(kind, group[0], cands)  # (possibly the memo's set: never modified)
            else:
                matched: set[str] = set()
                for term in group:
                    matched |= self.scan(kind, term, cands)
                cands = matched
            if not cands:
                return set()
        for group in q.groups:
            if len(group) < 2 or not any(t.negate for t in group):
                continue
            everyone = kind.all if cands is None else cands
            matched = set()
            for term in group:
                found = self.scan(kind, term, cands)
                matched |= (everyone - found) if term.negate else found
            cands = matched
            if not cands:
                return set()
        for group in q.groups:
            if len(group) == 1 and group[0].negate:
                cands = (kind.all if cands is None else cands) - self.scan(kind, group[0], cands)
                if not cands:
                    return set()
        return kind.all if cands is None else cands

    # -- ranking ---------------------------------------------------------------------------------

    def rank(self, kind: _Kind, cands, limit: int) -> list[tuple[tuple, _Kind, str, object]]:
        order = _KIND_ORDER[kind.kind]
        if limit == 0:
            return []
        if not self.groups:
            # a listing: alphabetical (entities) or article order
            if len(cands) == len(kind.records):
                chosen = kind.natural[:limit]
            elif len(cands) * 16 > len(kind.records):
                chosen = list(islice((t for t in kind.natural if t in cands), limit))
            else:
                rank = kind.natural_rank
                index = kind.index
                chosen = heapq.nsmallest(limit, cands, key=lambda t: rank[index[t]])
            return [((0, order, n), kind, tag, None) for n, tag in enumerate(chosen)]
        size = max(_POOL_MIN, limit + limit // 2)
        pool = list(cands) if len(cands) <= size else self.pool(kind, cands, size)
        scored = []
        records = kind.records
        score = self.index._score_record
        for tag in pool:
            rec = kind.index[tag]
            info = score(kind, rec, self.groups)
            scored.append(((-info[0], order, len(records[rec].text), rec), kind, tag, info))
        scored.sort(key=lambda r: r[0])
        return scored[:limit]

    def pool(self, kind: _Kind, cands, size: int) -> list[str]:
        """A cheap pre-selection of `size` records to score: where the main term starts a word,
        then where its letters are close together, then the shortest texts.

        Lines are stored shortest record first, so each tier is read from the start of the big
        string and only until enough records are found."""
        main = self.positive[0] if self.positive else ()
        terms = [t for t in main if t.mode in ("fuzzy", "exact") and len(t.text) > 1]
        pool: list[str] = []
        taken: set[str] = set()
        for tier in (_strong_regex, _tight_regex):
            if tier is _tight_regex and (len(terms) != 1 or terms[0].mode != "fuzzy"):
                continue  # (for a | b, word starts and then the shortest texts will do)
            found: set[str] = set()
            for term in terms:
                corpus = kind.big if term.case_sensitive else kind.low
                # close letters are common or telling only among short texts: read a third
                end = len(corpus) if tier is _strong_regex else len(corpus) // 3
                n = 0
                for m in tier(term.text).finditer(corpus, 0, end):
                    tag = m.group(1)
                    if tag in cands and tag not in taken and tag not in found:
                        found.add(tag)
                        n += 1
                        if n + len(pool) >= size:
                            break
            # several terms (a | b): keep the shortest records among what they found
            fresh = sorted(found, key=kind.index.__getitem__)[: size - len(pool)]
            pool += fresh
            taken.update(fresh)
            if len(pool) >= size:
                return pool
        rest = cands - taken if taken else cands
        pool += islice(filter(rest.__contains__, kind.tags), size - len(pool))
        return pool


def _note(seg: str, raw: str, where: list[int], width: int = 60) -> str:
    """"alias: Kim"; a long field is cut to a window around where it matched."""
    text = _one_line(raw)
    if len(text) > width:
        start = 0
        if where:
            folded, offsets = fold_with_offsets(text)
            first = offsets[where[0]] if where[0] < len(offsets) else 0
            if first + 20 > width:  # the match would be cut off: show the words before it
                start = first - width // 3
                while start > 0 and not text[start - 1].isspace() and first - start < width // 2:
                    start -= 1
        piece = text[start : start + width - 1].rstrip()
        text = ("…" if start else "") + piece + ("…" if start + width - 1 < len(text) else "")
    return f"{_SEGMENTS[seg][0]}: {text}"


def _selectivity(group: tuple[Term, ...]) -> tuple:
    """Sort key: the group most likely to leave few candidates (and cheapest to scan) first."""
    exact = all(t.mode != "fuzzy" for t in group)
    shortest = min(len(t.text) for t in group)
    return (len(group), not exact, -shortest)


def _name_key(name: str) -> str:
    return " ".join(_lower(fold(name)).replace("-", " ").replace("_", " ").split())
