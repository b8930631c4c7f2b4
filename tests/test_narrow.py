"""A cold search answers from an index of only the records that may match its query
(`core.search.narrow`): whatever the workspace and the query, that index gives what the whole
index gives (the same hits, in the same order, with the same details, positions and scores, the
same counts, the same query errors), or says it cannot (`NeedsWhole`, None) and the whole one
answers. Workspaces and queries are generated, with the typography, accents, invisible characters
and odd letters folding deals with; the pool of candidates scored precisely is made small so
that its pre-selection (which reads the index in order) runs too."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from explorer.core.errors import QueryError
from explorer.core.loading.loader import Loader
from explorer.core.search import SearchIndex
from explorer.core.search import run as run_mod
from explorer.core.search.lines import fold_all
from explorer.core.search.narrow import UNIT, _folded_lengths, _scanned, _units_found, narrowed, needs, third
from explorer.core.search.query import parse_query
from explorer.core.search.run import NeedsWhole
from explorer.core.text import fold, fold_for_scan

# Words with what folding has to get right: accents (composed and not), typography, invisible
# characters, ligatures, full-width letters, a modifier apostrophe, Greek sigmas, the Kelvin sign,
# dotless and dotted i, sharp s, the Arabic tatweel, underscores, digits.
WORDS = ["Kim", "kim", "Jong", "Un", "harbour", "Ha\u0301rbour", "Pyo\u0306ngyang", "Py\u014fngyang", "missile",
         "ballistic", "North", "Korean", "k\u02bcim", "K\u200bim", "ki\u00adm", "\ufb01sh", "\uff2bim", "\u03a3\u03af\u03c3\u03c5\u03c6\u03bf\u03c2",
         "\u0131kim", "\u0130kim", "stra\u00dfe", "\u212aelvin", "a", "b", "ab", "kmj", "k_im", "o\u2019clock", "U.S.",
         "Mr.", "3.5", "x\u2014y", "e\u0301te\u0301", "\u00abOui\u00bb", "na\u00efve", "Kim-Jong", "KIM", "\u0645\u0640\u0640\u0631",
         "\u00bd", "\u2026", "\u201cquoted\u201d", "ki m", "harbor", "board", "bay", "Vogaultgru", "drauvoth",
         "\u0149kim\u02bc", "7,842", "1'000", "9.000", "12,345,678"]
SPACES = [" ", " ", " ", "\u00a0", "\n", " - ", " \u2014 ", "  "]

words = st.sampled_from(WORDS)
sentence = st.builds(lambda ws, seps, end: "".join(w + s for w, s in zip(ws, seps)).strip() + end,
                     st.lists(words, min_size=2, max_size=8), st.lists(st.sampled_from(SPACES), min_size=8, max_size=8),
                     st.sampled_from([". ", "! ", "? ", ".\n\n", ". ", "\u3002"]))
source_text = st.lists(sentence, min_size=1, max_size=6).map(lambda ss: "A Title\n\n" + "".join(ss) + "\n")


def _quote_of(text: str, draw) -> str:
    """Some words of one sentence of `text`, as a person would type them (spaces plain)."""
    body = text.split("\n\n", 1)[1]
    pieces = [p for p in re.split(r"(?<=[.!?\u3002])\s+", body) if p.strip()]
    piece = draw(st.sampled_from(pieces)).split()
    start = draw(st.integers(0, len(piece) - 1))
    end = draw(st.integers(start + 1, len(piece)))
    return " ".join(piece[start:end])


@st.composite
def workspaces(draw):
    texts = draw(st.lists(source_text, min_size=1, max_size=2))
    entities = []
    for n in range(draw(st.integers(1, 5))):
        src = draw(st.integers(0, len(texts) - 1))
        entities.append({
            "id": f"e{n}", "name": " ".join(draw(st.lists(words, min_size=1, max_size=3))),
            "type": draw(st.sampled_from(["person", "place", "kimchi", "org"])),
            "aliases": draw(st.lists(words, max_size=2)),
            "description": draw(st.one_of(st.none(), st.lists(words, min_size=1, max_size=4).map(" ".join))),
            "quotes": [(f"src{src}", _quote_of(texts[src], draw), draw(st.one_of(st.none(), words)))
                       for _ in range(draw(st.integers(1, 2)))],
        })
    relations = []
    for n in range(draw(st.integers(0, 5))):
        src = draw(st.integers(0, len(texts) - 1))
        ids = [e["id"] for e in entities]
        relations.append({
            "id": f"r{n}", "subject": draw(st.sampled_from(ids)), "object": draw(st.sampled_from(ids)),
            "predicate": " ".join(draw(st.lists(words, min_size=1, max_size=2))),
            "certainty": draw(st.sampled_from(["stated", "hedged", "reported"])),
            "attribution": draw(st.one_of(st.none(), st.sampled_from(ids))),
            "qualifiers": draw(st.dictionaries(st.sampled_from(["place", "when"]),
                                               st.one_of(st.sampled_from(ids), words), max_size=2)),
            "quotes": [(f"src{src}", _quote_of(texts[src], draw), draw(st.one_of(st.none(), words)))
                       for _ in range(draw(st.integers(1, 2)))],
        })
    return texts, entities, relations


def _scalar(value) -> str:
    return json.dumps(value)  # a YAML double-quoted scalar: every character escaped as JSON does


def _write(root: Path, texts, entities, relations) -> None:
    (root / "seeds").mkdir(parents=True)
    (root / "facts").mkdir()
    for n, text in enumerate(texts):
        (root / "seeds" / f"src{n}.txt").write_text(text, encoding="utf-8")

    def evidence(quotes) -> str:
        out = "evidence:\n"
        for src, quote, note in quotes:
            out += f"  - quote: {_scalar(quote)}\n    source: {src}\n    occurrence: 1\n"
            if note:
                out += f"    note: {_scalar(note)}\n"
        return out

    for e in entities:
        card = f"kind: entity\nname: {_scalar(e['name'])}\ntype: {_scalar(e['type'])}\n"
        if e["aliases"]:
            card += "aliases: [" + ", ".join(map(_scalar, e["aliases"])) + "]\n"
        if e["description"]:
            card += f"description: {_scalar(e['description'])}\n"
        (root / "facts" / f"{e['id']}.yaml").write_text(card + evidence(e["quotes"]), encoding="utf-8")
    for r in relations:
        card = (f"kind: relation\nsubject: {r['subject']}\npredicate: {_scalar(r['predicate'])}\n"
                f"object: {r['object']}\ncertainty: {r['certainty']}\n")
        if r["attribution"]:
            card += f"attribution: {r['attribution']}\n"
        if r["qualifiers"]:
            card += "qualifiers:\n" + "".join(f"  {k}: {_scalar(v)}\n" for k, v in r["qualifiers"].items())
        (root / "facts" / f"{r['id']}.yaml").write_text(card + evidence(r["quotes"]), encoding="utf-8")


def _term(draw) -> str:
    word = fold(draw(words)) if draw(st.booleans()) else draw(words)
    word = word.replace(" ", "")
    if len(word) > 1 and draw(st.booleans()):  # a piece of it
        a = draw(st.integers(0, len(word) - 1))
        word = word[a : draw(st.integers(a + 1, len(word)))]
    if len(word) > 2 and draw(st.booleans()):  # some of its letters, in order
        keep = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
        word = "".join(c for c, k in zip(word, keep) if k) or word
    word = draw(st.sampled_from([word, word.lower(), word.upper(), word.title()]))
    word = re.sub(r"([\\!'^$|])", r"\\\1", word)
    mode = draw(st.sampled_from(["", "", "", "'", "^", "$", "'$", "!", "!^"]))
    if mode.endswith("$"):
        return mode[:-1] + word + "$"
    if mode == "'$":
        return "'" + word + "'"
    return mode + word


@st.composite
def queries(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        part = _term(draw)
        if draw(st.integers(0, 4)) == 0:
            part += " | " + _term(draw)
        parts.append(part)
    if draw(st.integers(0, 3)) == 0:
        parts.append(draw(st.sampled_from(["type:person", "kind:quote", "kind:passage,entity", "sources:1",
                                           "certainty:hedged", "by:e0", "source:src0", "!type:place", "type:nope"])))
    return " ".join(parts)


def _answer(index, query: str, limit: int):
    try:
        got = index.search(query, limit=limit)
    except QueryError as exc:
        return ("error", str(exc), exc.position)
    return (got.total, got.counts, [(h.kind, h.card, h.evidence, h.source, h.start, h.end, h.text, h.detail,
                                     h.positions, h.score) for h in got.hits])


@settings(max_examples=60)
@example(ws=(["A Title\n\nKim Kim. \n", "A Title\n\nKim Kim. Kim harbour a o\u2019clock. Kim-Jong 12,345,678. Kim Kim "
              "harbour \u0149kim\u02bc 7,842. harbor Vogaultgru. \n"],
             [{"id": "e0", "name": "Kim", "type": "person", "aliases": [], "description": None,
               "quotes": [("src0", "Kim", None)]}], []),
         qs=["Kim | Kim type:person"], limit=1, pool=1)  # (thousands separators: fold drops them)
@given(ws=workspaces(), qs=st.lists(queries(), min_size=1, max_size=6), limit=st.sampled_from([1, 2, 3, 50]),
       pool=st.sampled_from([1, 2, 100]))
def test_the_narrowed_index_answers_as_the_whole_one(ws, qs, limit, pool):
    root = Path(tempfile.mkdtemp(prefix="factex-narrow-"))
    pool_min = run_mod.POOL_MIN
    run_mod.POOL_MIN = pool  # (how many candidates are scored precisely at least)
    try:
        _write(root, *ws)
        base = Loader(root, use_cache=False).load(save=False)
        whole = SearchIndex(base)
        for query in qs:
            try:
                index = narrowed(base, query)
            except QueryError as exc:
                assert _answer(whole, query, limit) == ("error", str(exc), exc.position), query
                continue
            if index is None:  # nothing narrows it (only filters, exclusions, no letter or digit)
                continue
            assert index.partial and not whole.partial and index.only.kinds() == index.partial
            for kind in sorted(index.partial):
                _check_third(base, index, whole, kind)
            while True:
                try:
                    got = _answer(index, query, limit)
                    break
                except NeedsWhole as exc:  # told where the kind's first third ends, or every record of it
                    assert exc.kind in index.partial and exc.kind not in index.thirds
                    end = third(base, index, exc.kind) if len(query) % 2 else None
                    if end is not None:
                        index.thirds[exc.kind] = end
                    else:
                        index = SearchIndex(base, only=index.only.widened(exc.kind))
            assert got == _answer(whole, query, limit), query
    finally:
        run_mod.POOL_MIN = pool_min
        shutil.rmtree(root, ignore_errors=True)


def _check_third(base, index, whole, kind) -> None:
    """`third` says, for each line of the partial table, whether the same line of the whole
    table ends (its tag whole) within the first third of the whole big string."""
    end = third(base, index, kind)
    assert end is not None  # (small workspaces: the tag width is known)
    part, full = index.kinds[kind], whole.kinds[kind]
    where = {}  # the whole table's records by what they are
    for i, rec in enumerate(full.records):
        where[(rec.card, rec.evidence, rec.source, rec.start, rec.text)] = i
    cut = len(full.big) // 3
    for i, rec in enumerate(part.records):
        j = where[(rec.card, rec.evidence, rec.source, rec.start, rec.text)]
        p_at, w_at = part.starts[i], full.starts[j]
        for (_, line), (_, same) in zip(part.lines(i), full.lines(j)):
            assert line == same
            assert (p_at + len(line) + 3 + part.width <= end) == (w_at + len(line) + 2 + full.width <= cut), kind
            p_at += len(line) + 3 + part.width
            w_at += len(line) + 3 + full.width


def test_it_narrows_and_holds_only_what_may_match(ws):
    ws.basic()
    base = Loader(ws.root, use_cache=False).load(save=False)
    whole = SearchIndex(base)
    index = narrowed(base, "painter")
    held = {kind: table.count for kind, table in index.kinds.items()}
    assert held["entity"] == 0 and held["relation"] == 0 and 0 < held["passage"] < whole.kinds["passage"].count
    assert [h.text for h in index.search("painter").hits] == [h.text for h in whole.search("painter").hits]
    assert narrowed(base, "type:person") is None  # only a filter: nothing to narrow by
    assert narrowed(base, "!alice") is None
    with pytest.raises(QueryError):
        narrowed(base, "'")


def test_a_partial_index_asks_for_the_whole_where_the_answer_needs_it(ws, monkeypatch):
    """Close matches are read from the first third of a kind's whole big string: a partial index
    cannot tell where that ends, and says which kind; the cold search then answers from an index
    holding every record of that kind."""
    from explorer.cli.search import Cold

    ws.source("article.txt", "A Title\n\nXalxc One met Yalyc Two and Zalzc Three.\n")
    for n, name in enumerate(["Xalxc One", "Yalyc Two", "Zalzc Three"]):
        ws.card(f"e{n}.yaml", f"kind: entity\nname: {name}\ntype: person\nevidence: [{name}]\n")
    base = Loader(ws.root, use_cache=False).load(save=False)
    monkeypatch.setattr(run_mod, "POOL_MIN", 1)  # three candidates, one scored: the pool is chosen
    index = narrowed(base, "alc")
    assert index.kinds["entity"].count == 3
    with pytest.raises(NeedsWhole) as raised:
        index.search("alc", limit=1)
    assert raised.value.kind == "entity"
    widened = SearchIndex(base, only=index.only.widened("entity"))
    assert widened.partial == {"relation", "quote", "passage"}
    assert _answer(widened, "alc", 1) == _answer(SearchIndex(base), "alc", 1)
    assert _answer(index, "'alc", 1) == _answer(SearchIndex(base), "'alc", 1)  # (an exact term: no close letters read)
    cold = Cold(base)
    assert _answer(cold, "alc", 1) == _answer(SearchIndex(base), "alc", 1)
    assert cold._whole is None  # (every entity, only: not the whole index)


SCAN_TEXT = st.text(st.sampled_from(list("kimKIM _-.,'\n\t") + ["\u00e9", "\u0301", "\u2019", "\u2014", "\u00a0", "\u200b",
                                                                   "\u00ad", "\ufb01", "\uff2b", "\u02bc", "\u0149", "\u03a3",
                                                                   "\u03c2", "\u212a", "\u0131", "\u0130", "\u00df", "\u0640",
                                                                   "\u00ab", "\u00bb", "\u2026", "\x01", "\u3002", "\u00bd"]),
                    max_size=40)


@settings(max_examples=300)
@example(text="\xa0\u00ab\u0149\u02bc\u0301", cut=(0, 3))  # (U+0149 makes U+02BC, itself changed: one pass)
@given(text=SCAN_TEXT, cut=st.tuples(st.integers(0, 40), st.integers(0, 40)))
def test_fold_for_scan_keeps_the_words_fold_makes(text, cut):
    """The words (runs of letters and digits) of `fold` of any piece of a text, lower-cased, are
    the words of the same piece of `fold_for_scan` of the whole text, in order: what a scan of the
    whole finds in a piece is what a search finds in that piece's line."""
    a, b = sorted(cut)
    words_of = re.compile(r"[^\W_]+").findall
    piece = text[a:b]
    scanned = fold_for_scan(text[:a] + "\x00" + piece + "\x00" + text[b:]).split("\x00")[1]
    assert [w.casefold() for w in words_of(fold(piece).lower())] == [w.casefold() for w in words_of(scanned)]


@settings(max_examples=100)
@given(units=st.lists(st.one_of(SCAN_TEXT, st.lists(words, max_size=6).map(" ".join)), max_size=12),
       term=st.composite(lambda draw: _term(draw))())
def test_a_scan_finds_each_unit_a_pattern_matches_on_its_own(units, term):
    """The units a scan of all of them joined finds (`_units_found`, counting where each unit
    starts as it goes) are those where the pattern matches the unit folded on its own: the first
    unit, empty units, a match at a unit's first or last character, units that hold no letter."""
    try:
        q = parse_query(term)
    except QueryError:
        return
    scanned = _scanned(units)
    assert scanned is not None and scanned.count(UNIT) == len(units)
    for group in q.positive:
        for t in group:
            wanted = needs(t)
            if wanted is None:
                continue
            for pattern in (*wanted[0], *wanted[1]):
                alone = {i for i, unit in enumerate(units) if pattern.search(UNIT + fold_for_scan(unit))}
                assert _units_found(pattern, scanned) == alone, (pattern.pattern, units)


# Pieces of what `fold_all` changes the length of: runs of spaces, dashes, dots, a space before a
# mark, thousands separators (ASCII digits and others), control characters, accents, ligatures.
LENGTH_PIECES = (list("ab XY09,.'-!?;:)]`\t\n\x1f\x7f") + ["  ", "...", "--", " - ", " ,", "7,842", "1'000", "9.000",
                 "12,345,678", "3.14159", "\u0661,\u0660\u0660\u0660", "\u00e9", "e\u0301", "\u2019", "\u2014",
                 "\u00a0", "\ufb01", "\u2026", "\u200b", "\u00ad", "K\u0131m"])


@settings(max_examples=300)
@example(texts=["7,842 people"])  # (an ASCII text whose only change is a thousands separator dropped)
@example(texts=["a", "1'000", "x\u00e9 9.000"])
@given(texts=st.lists(st.lists(st.sampled_from(LENGTH_PIECES), max_size=10).map("".join), min_size=1, max_size=8))
def test_folded_lengths_are_the_lengths_of_the_folded_lines(texts):
    """`third` measures a kind's lines as the whole index folds them (`fold_all`) without folding
    every one: what it measures is those lengths, for every text, plain or not."""
    assert _folded_lengths(texts) == [len(line) for line in fold_all(texts)]
