"""Property-based tests: whatever text or structure a card holds, the loader only ever reports
problems; every anchored quote's span is the quote under the typography rules; and any search
query either runs or is refused with a `QueryError`.

Deterministic (derandomized) and bounded, so CI always runs the same examples quickly.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import REPO, SOURCE_TEXT
from corpus import BASE_IDS, write_base

FUZZ = settings(
    max_examples=75,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

ENTITY_FIELDS = ["kind", "name", "type", "aliases", "description", "evidence"]
RELATION_FIELDS = ["kind", "subject", "predicate", "object", "qualifiers", "certainty", "attribution", "evidence"]
EVIDENCE_FIELDS = ["quote", "source", "note", "prefix", "suffix", "occurrence"]
ALL_FIELDS = sorted(set(ENTITY_FIELDS + RELATION_FIELDS + EVIDENCE_FIELDS))
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


# -- strategies ----------------------------------------------------------------------------------

# Text that stresses YAML: indicators, tags, anchors, aliases, document markers, tabs, controls,
# byte-order marks, bidi controls, typography that quotes are normalised over.
YAML_BITS = [
    ":", ": ", "- ", "-", "? ", "[", "]", "{", "}", ",", "#", "&a", "&b ", "*a", "*b", "!", "!!", "!!str ",
    "!!python/object/apply:os.system ", "!!python/name:os.system", "!!binary ", "!!set ", "!foo ", "!<tag:x> ",
    "%TAG ! tag:yaml.org,2002:\n", "%YAML 1.1\n", "---", "---\n", "...", "...\n", "|", "|-", ">", ">+", "'", '"',
    "\\", "\\e[2J", "\\x9b", "\\u202e", "\\0", "\t", "\n", "\r\n", "\r", "\n  ", "\n    ", "\n- ", "  ",
    "\x00", "\x1b[31m", "\x85", "\u2028", "\ufeff", "\u202e", "\u200b", "<<: ", "~", "null", "no", "yes",
    "1:30", "012", "0x1F", "2024-02-30", "1e3", ".inf", "9" * 40, "kind: entity\n", "kind: relation\n",
    "type: person\n", "evidence:\n  - ", "quote: ", "source: article\n", "source: ../../etc/passwd\n",
    "occurrence: 2\n", "subject: alice\n", "object: bob\n", "predicate: met\n",
    "Alice Smith met Bob Jones", "Bob said", "Alice gave Bob a red car", "It's the best car... ever.",
    "Alice Smith", "a gift", "— ", "’", "“", "…", "\u00a0",
]


PARAGRAPHS = [p for p in SOURCE_TEXT.split("\n") if p.strip()]


def _retype(quote: str) -> str:
    """As typed on an ordinary keyboard: straight quotes, plain spaces, hyphens, three dots."""
    return (quote.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
            .replace("\u2014", "-").replace("\u2026", "...").replace("\u00a0", " "))


@st.composite
def source_quote(draw) -> str:
    """A piece of the article: whole words of one paragraph, or any slice; sometimes retyped."""
    if draw(st.booleans()):
        words = draw(st.sampled_from(PARAGRAPHS)).split(" ")
        start = draw(st.integers(0, len(words) - 1))
        end = draw(st.integers(start + 1, min(len(words), start + 8)))
        quote = " ".join(words[start:end])
    else:
        start = draw(st.integers(0, len(SOURCE_TEXT) - 1))
        end = draw(st.integers(start + 1, min(len(SOURCE_TEXT), start + 60)))
        quote = SOURCE_TEXT[start:end]
    return _retype(quote) if draw(st.booleans()) else quote


yaml_bits = st.lists(st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=8)), max_size=40).map("".join)


@st.composite
def yaml_lines(draw) -> str:
    """Line-structured YAML-ish text: keys (mostly real field names), indentation, scalars."""
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        indent = " " * draw(st.sampled_from([0, 0, 0, 2, 4, 1, 3]))
        lead = draw(st.sampled_from(["", "", "- ", "? ", "\t"]))
        key = draw(st.one_of(st.sampled_from(ALL_FIELDS), st.text(max_size=6)))
        sep = draw(st.sampled_from([": ", ":", " : ", ": ", ": "]))
        value = draw(st.one_of(st.sampled_from(YAML_BITS), source_quote(), yaml_bits, st.just("")))
        if draw(st.booleans()):
            value = repr(value) if draw(st.booleans()) else f'"{value}"'
        lines.append(f"{indent}{lead}{key}{sep}{value}")
    return draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines) + draw(st.sampled_from(["\n", "", "\r\n"]))


yaml_text = st.one_of(yaml_lines(), yaml_bits, st.text(max_size=200))


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["", " ", "no", "1:30", "012", "2024-02-30", "alice", "bob", "article", "../../etc/passwd",
                     "[bold]x[/]", "\x1b[2J", "\u202e", "entity", "relation", "stated", "reported", "person"]),
    source_quote(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.one_of(st.sampled_from(ALL_FIELDS), st.text(max_size=6)), inner, max_size=4)),
    max_leaves=12,
)


@st.composite
def evidence_item(draw):
    if draw(st.integers(0, 3)) == 0:
        return draw(st.one_of(source_quote(), values))
    item = {"quote": draw(st.one_of(source_quote(), source_quote(), values))}
    for key in draw(st.lists(st.sampled_from(EVIDENCE_FIELDS[1:] + ["qoute", "text"]), max_size=3, unique=True)):
        if key == "source":
            item[key] = draw(st.sampled_from(["article", "nope", "../seeds/article", None]))
        elif key == "occurrence":
            item[key] = draw(st.one_of(st.integers(-2, 5), st.sampled_from(["1", "2", "012", "x"])))
        elif key in ("prefix", "suffix"):
            item[key] = draw(st.one_of(source_quote(), st.text(max_size=10)))
        else:
            item[key] = draw(values)
    return item


@st.composite
def plausible_card(draw):
    """A card that is nearly right: right fields and types, quotes taken from the article."""
    kind = draw(st.sampled_from(["entity", "relation"]))
    evidence = []
    for _ in range(draw(st.integers(1, 3))):
        item = {"quote": draw(source_quote())}
        if draw(st.integers(0, 3)) == 0:
            item["occurrence"] = draw(st.integers(1, 3))
        if draw(st.integers(0, 4)) == 0:
            item["source"] = "article"
        evidence.append(item if draw(st.booleans()) else item["quote"])
    if kind == "entity":
        card = {"kind": kind, "name": draw(st.text(min_size=1, max_size=20)), "type": "person",
                "aliases": draw(st.lists(st.text(min_size=1, max_size=10), max_size=2))}
    else:
        card = {"kind": kind, "subject": draw(st.sampled_from(["alice", "bob"])),
                "predicate": draw(st.text(min_size=1, max_size=20)), "object": draw(st.sampled_from(["alice", "bob"])),
                "certainty": draw(st.sampled_from(["stated", "reported", "hedged", "opinion"]))}
    card["evidence"] = evidence
    return card


@st.composite
def card_structure(draw):
    if draw(st.booleans()):
        return draw(plausible_card())
    kind = draw(st.sampled_from(["entity", "relation", "entity", "relation", "person", None]))
    fields = ENTITY_FIELDS if kind != "relation" else RELATION_FIELDS
    card: dict = {}
    if kind is not None or draw(st.booleans()):
        card["kind"] = kind
    for name in fields[1:]:
        if draw(st.integers(0, 5)) == 0:
            continue  # sometimes missing
        if name == "evidence":
            card[name] = draw(st.lists(evidence_item(), max_size=4))
        elif name in ("subject", "object", "attribution"):
            card[name] = draw(st.one_of(st.sampled_from(sorted(BASE_IDS) + ["fuzz", "nobody"]), values))
        elif name == "type":
            card[name] = draw(st.one_of(st.sampled_from(["person", "place", "Person", "a b"]), values))
        elif name == "certainty":
            card[name] = draw(st.one_of(st.sampled_from(["stated", "reported", "hedged", "opinion", "sure"]), values))
        elif name == "qualifiers":
            card[name] = draw(st.one_of(st.dictionaries(st.sampled_from(["date", "place", "Bad Key", "amount"]),
                                                        st.one_of(st.sampled_from(["March 3", "2024-02-30", "paris", "$245,000"]), values),
                                                        max_size=3), values))
        elif name == "aliases":
            card[name] = draw(st.one_of(st.lists(st.one_of(st.text(max_size=10), scalars), max_size=3), values))
        else:
            card[name] = draw(st.one_of(st.text(min_size=1, max_size=20), values))
    for extra in draw(st.lists(st.one_of(st.sampled_from(ALL_FIELDS), st.text(max_size=6)), max_size=2)):
        card.setdefault(extra, draw(values))
    return card


# -- the workspace ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "ws"
    (root / "facts").mkdir(parents=True)
    (root / "seeds").mkdir()
    write_base(root)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def load_with(root, data: bytes):
    """Load the workspace with `data` as one more card, afresh (no caches)."""
    from explorer.core.loading.loader import Loader

    (root / "facts" / "fuzz.yaml").write_bytes(data)
    return Loader(root, use_cache=False).load()


def assert_sound(base, data: bytes, *, report: bool = True) -> None:
    """Only problems escape; each is well formed; the other cards still load; every anchored span
    is its quote under the typography rules."""
    from explorer.core.text import normalize_quote

    try:
        text = data.decode("utf-8-sig")
        lines = len(LINE_BREAK.findall(text)) + 1
    except UnicodeDecodeError:
        lines = data.count(b"\n") + 1
    for p in base.problems:
        assert isinstance(p.message, str) and p.message.strip(), p
        assert p.severity in ("error", "warning", "note"), p
        assert isinstance(p.line, int) and p.line >= 1 and isinstance(p.column, int) and p.column >= 1, p
        if p.file == "facts/fuzz.yaml":
            assert p.line <= lines + 1, f"line {p.line} of a {lines}-line card: {p}"
        else:
            assert p.file.startswith("facts/") and p.card in BASE_IDS | {"fuzz"}, p
    assert BASE_IDS <= set(base.entities) | set(base.relations), [p.format() for p in base.problems]
    if report:
        event("the fuzzed card is valid" if "fuzz" in base.entities or "fuzz" in base.relations else "the fuzzed card has problems")
    for card in (*base.entities.values(), *base.relations.values()):
        assert card.evidence, card
        for ev in card.evidence:
            assert ev.anchor is not None, (card.id, ev)
            source = base.sources[ev.anchor.source]
            span = source.text[ev.anchor.start:ev.anchor.end]
            assert span and normalize_quote(span) == normalize_quote(ev.quote), (card.id, ev.quote, span)
            assert source.line_of(ev.anchor.start) == ev.anchor.line
    json.dumps(base.to_json())  # the export contract holds for whatever loaded


# -- (a) generated YAML text -----------------------------------------------------------------------


@FUZZ
@given(text=yaml_text)
def test_generated_yaml_text_only_gives_problems(workspace, text):
    data = text.encode("utf-8", "surrogatepass")
    assert_sound(load_with(workspace, data), data)


@FUZZ
@given(data=st.one_of(st.binary(max_size=300), yaml_text.map(lambda t: t.encode("utf-8", "surrogatepass")).flatmap(
    lambda b: st.tuples(st.just(b), st.binary(max_size=6), st.integers(0, max(0, len(b)))).map(
        lambda t: t[0][:t[2]] + t[1] + t[0][t[2]:]))))
def test_generated_bytes_only_give_problems(workspace, data):
    """Raw bytes, and YAML text with a few arbitrary bytes spliced in (invalid UTF-8, NUL, ...)."""
    assert_sound(load_with(workspace, data), data)


# -- (b) generated card structures -----------------------------------------------------------------


@FUZZ
@given(card=card_structure(), style=st.sampled_from([None, '"', "'", "|"]), flow=st.booleans())
def test_generated_cards_only_give_problems_and_quotes_anchor_exactly(workspace, card, style, flow):
    text = yaml.safe_dump(card, allow_unicode=True, default_style=style, default_flow_style=flow, sort_keys=False)
    data = text.encode("utf-8", "surrogatepass")
    base = load_with(workspace, data)
    assert_sound(base, data)


def test_generated_cards_do_anchor_sometimes(workspace):
    """The structure strategy reaches valid cards with anchored quotes (or the property above is empty)."""
    card = {"kind": "entity", "name": "Fuzz", "type": "person",
            "evidence": [{"quote": "It's the best car... ever."}, "Alice gave\nBob"]}
    data = yaml.safe_dump(card).encode()
    base = load_with(workspace, data)
    assert "fuzz" in base.entities, [p.format() for p in base.problems]
    assert_sound(base, data, report=False)


# -- (c) the search query parser -------------------------------------------------------------------

QUERY_BITS = ["kim", "Kim", "jong", "putin", "aurus", "'", "'car", "car'", "^", "^kim", "$", "kim$", "!", "!kim",
              "!^", "!'", "|", " | ", "\\", "\\ ", "\\!", "\\'", "\\^", "\\$", "\\|", " ", "  ", "\t", ":",
              "type:", "type:person", "type:person,place", "!type:", "certainty:", "certainty:hedged",
              "certainty:sure", "by:", "by:kcna", "by:nobody", "source:", "source:kim-aurus-gift", "source:nope",
              "kind:", "kind:quote", "kind:quotes", "kind:nope", "field:", "TYPE:person", "type:a,", ",", ",,",
              "’", "“", "…", "\u00a0", "é", "ŏ", "\u0301", "\x00", "\x1b", "\u202e", "[bold]", "*", ".*", "(", ")",
              "+", "?", "{2}", "a" * 60]
queries = st.one_of(st.text(max_size=40), st.lists(st.one_of(st.sampled_from(QUERY_BITS), st.text(max_size=4)),
                                                   max_size=8).map("".join))


@pytest.fixture(scope="module")
def search():
    import explorer.core.search

    return explorer.core.search


@pytest.fixture(scope="module")
def shipped(search):
    """The shipped fact base and its search index."""
    from explorer.core.loading.loader import Loader

    base = Loader(REPO, use_cache=False).load()
    return base, search.SearchIndex(base)


@FUZZ
@given(query=queries)
def test_any_query_parses_or_is_refused_with_a_hint(search, query):
    try:
        parsed = search.parse_query(query)
    except search.QueryError as exc:
        assert isinstance(exc.hint, str) and exc.hint.strip()
        assert exc.position is None or 0 <= exc.position <= len(query)
    else:
        assert parsed is not None


@FUZZ
@given(query=queries, limit=st.sampled_from([1, 5, 50]), kinds=st.sampled_from([None, {"entity"}, {"quote", "passage"}]))
def test_any_query_searches_or_is_refused(search, shipped, query, limit, kinds):
    base, index = shipped
    try:
        results = index.search(query, kinds=kinds, limit=limit)
    except search.QueryError as exc:
        assert isinstance(exc.hint, str) and exc.hint.strip()
        event("refused")
        return
    event("hits" if results.hits else "no hits")
    assert len(results.hits) <= limit and results.total >= len(results.hits)
    for hit in results.hits:
        assert hit.kind in search.KINDS and (kinds is None or hit.kind in kinds)
        assert all(0 <= i < len(hit.text) for i in hit.positions), hit
        assert list(hit.positions) == sorted(set(hit.positions)), hit
        if hit.start is not None:
            assert hit.source in base.sources and 0 <= hit.start <= hit.end <= len(base.sources[hit.source].text), hit


def _walk_with_positions(text: str):
    """What the walker makes of it when it records where everything stands."""
    from explorer.core.cardformat import yamlsafe

    root = yamlsafe._compose(text)
    issues = []
    try:
        data = yamlsafe._Walker(issues, text, yamlsafe._Tables()).walk(root, ()) if root is not None else None
    except yamlsafe._Stop:
        data = None
    return data, [(i.line, i.column, i.message) for i in issues]


# Well-formed YAML, so the walkers get past the parser: nested block and flow collections, keys
# from a small set (duplicates), nulls plain and quoted, tags, merge keys, complex keys.
_KEYS = ["quote", "kind", "a", "<<", "'<<'", "name", "q"]
_SCALARS = ["x", "~", "null", "''", "'~'", '"null"', "no", "1:30", "!!str x", "!!int 3", "!foo x", "!!null ''",
            "|\n{i}  block", "'it''s'", '"\\e[2J"', "[]", "{}", "[a, ~, 'b']", "{a: 1, a: 2}", "{a: ~}"]


@st.composite
def yaml_tree(draw, indent: int = 0, depth: int = 0) -> str:
    pad = " " * indent
    kind = draw(st.sampled_from(["map", "map", "seq", "scalar"] if depth < 3 else ["scalar"]))
    if kind == "scalar":
        return draw(st.sampled_from(_SCALARS)).replace("{i}", pad)
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        child = draw(yaml_tree(indent + 2, depth + 1))
        nested = "\n" in child or child.startswith(("  ", "- ")) or ": " in child and not child.startswith(("[", "{", "'", '"', "!", "|"))
        if kind == "map":
            key = draw(st.sampled_from(_KEYS * 3 + ["? [k]\n" + pad]))
            head = f"{pad}{key}" if key.startswith("?") else f"{pad}{key}:"
            if key.startswith("?"):
                lines.append(f"{head}: {child}" if not nested else f"{head}: x")
            else:
                lines.append(f"{head}\n{child}" if nested and not child.startswith("|") else f"{head} {child.strip() if not child.startswith('|') else child}")
        else:
            lines.append(f"{pad}- {child.strip()}" if not nested else f"{pad}-\n{child}")
    return "\n".join(lines)


yaml_documents = st.builds(lambda tree: tree + "\n", yaml_tree())


@FUZZ
@given(st.one_of(yaml_documents, yaml_documents, yaml_text.map(lambda text: text.replace("*", ""))))
def test_lean_walk_agrees_with_the_positional_walk(text):
    """Clean cards are read without recording positions; that reading must be the same data and
    the same problems as when the walker records them."""
    from explorer.core.cardformat.yamlsafe import parse_card

    try:
        want = _walk_with_positions(text)
    except (yaml.YAMLError, RecursionError):
        return  # a syntax error: both paths report it before walking
    event("walked: " + ("problems" if want[1] else "clean"))
    doc = parse_card(text)
    if want[0] is None and not want[1]:
        return  # empty: "card is empty"
    assert (doc.data, [(i.line, i.column, i.message) for i in doc.issues]) == want
