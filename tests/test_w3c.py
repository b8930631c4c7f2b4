"""`factex export --format w3c`: every annotation passes the W3C Web Annotation test suite's MUST
assertions (tests/data/w3c-annotation-tests, see tests/data/README.md), and its selectors, read back
the way an annotation client anchors them, land on the quoted text of the source."""

import hashlib
import json
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from explorer.core.w3c import CONTEXT_CHARS, annotations

import inprocess
from conftest import REPO

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is missing: pip install -e '.[test]'")
from referencing import Registry, Resource  # noqa: E402  (comes with jsonschema)
from referencing.jsonschema import DRAFT4  # noqa: E402

SUITE = REPO / "tests" / "data" / "w3c-annotation-tests"


def _suite():
    resources = []
    for path in sorted(SUITE.rglob("*.json")):
        contents = json.loads(path.read_text())
        resources.append((contents["id"], Resource.from_contents(contents, default_specification=DRAFT4)))
    registry = Registry().with_resources(resources)
    musts = json.loads((SUITE / "annotations" / "annotationMusts.test").read_text())["assertions"]
    checker = jsonschema.FormatChecker()
    assert "uri" in checker.checkers, "pip install -e '.[test]' (rfc3986-validator checks the uri format)"
    assertions = []
    for rel in musts:
        schema = json.loads((SUITE / rel).read_text())
        assert schema["assertionType"] == "must" and schema["expectedResult"] == "valid"
        assertions.append((rel, jsonschema.Draft4Validator(schema, registry=registry, format_checker=checker)))
    return assertions


MUSTS = _suite()


def failed_musts(annotation: dict) -> list[str]:
    return [rel for rel, validator in MUSTS if not validator.is_valid(annotation)]


def anchor_quote(text: str, selector: dict) -> list[int]:
    """Where a TextQuoteSelector anchors: every start of prefix + exact + suffix in the text."""
    prefix, exact, suffix = selector.get("prefix", ""), selector["exact"], selector.get("suffix", "")
    whole, found, i = prefix + exact + suffix, [], 0
    while (i := text.find(whole, i)) >= 0:
        found.append(i + len(prefix))
        i += 1
    return found


def source_text(annotation: dict, root: Path = REPO) -> str:
    """The annotated text: the file the target names, or for a web address the workspace's copy
    (its id is factex:source), checked by its SHA-256."""
    uri = urlsplit(annotation["target"]["source"])
    if uri.scheme == "file":
        raw = Path(unquote(uri.path)).read_bytes()
    else:
        (path,) = [p for p in (root / "seeds").iterdir() if p.stem == annotation["target"]["factex:source"] and p.suffix in (".txt", ".md")]
        raw = path.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == annotation["target"]["factex:sha256"]
    return raw.decode("utf-8-sig")  # the decoded text, without a byte-order mark


# Keys whose values the MUSTs compare with fixed words (the rest they judge by form: a string, a
# number, an IRI).
_WORDS = {"type", "motivation", "@context", "format", "language", "textDirection", "purpose", "processingLanguage"}
_URI = jsonschema.FormatChecker()


def _shape(value, key: str = ""):
    """An annotation's structure: its keys, the types of its values, and the values compared with
    fixed words. Two annotations of one shape pass or fail the same MUSTs but for the IRIs'
    form, which `check_annotations` checks in each."""
    if isinstance(value, dict):
        return {k: _shape(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v, key) for v in value]
    return value if key in _WORDS else type(value).__name__


def check_annotations(annos: list[dict]) -> None:
    """Every annotation passes the MUSTs (run once for each shape of annotation: the article's
    192 have 17 shapes, and the MUSTs cost ~60 ms an annotation), its IRIs are IRIs, and its
    selectors land on its quote."""
    shapes = set()
    for anno in annos:
        shape = json.dumps(_shape(anno), sort_keys=True)
        if shape not in shapes:
            shapes.add(shape)
            assert failed_musts(anno) == [], anno["id"]
        assert _URI.conforms(anno["id"], "uri") and _URI.conforms(anno["target"]["source"], "uri"), anno["id"]
        text = source_text(anno)
        quote, position = anno["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"] and quote["exact"]
        assert anchor_quote(text, quote) == [start], "the quote selector does not pick one place"
        assert len(quote.get("prefix", "")) <= CONTEXT_CHARS and len(quote.get("suffix", "")) <= CONTEXT_CHARS


@pytest.fixture(scope="module")
def shipped():
    env = {**os.environ, "FACTEX_CACHE": "0"}
    out = inprocess.factex("export", REPO, "--format", "w3c", env=env)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_the_article_exports_one_valid_anchored_annotation_per_evidence_item(shipped):
    facts = json.loads(inprocess.factex("export", REPO).stdout)
    items = [(c["id"], ev) for c in facts["entities"] + facts["relations"] for ev in c["evidence"]]
    assert len(shipped) == len(items) > 100
    assert len({a["id"] for a in shipped}) == len(shipped)  # ids unique
    for anno, (card_id, ev) in zip(shipped, items):
        assert anno["body"]["factex:card"] == card_id
        quote, position = anno["target"]["selector"]
        assert (position["start"], position["end"], quote["exact"]) == (ev["start"], ev["end"], ev["text"])
        assert anno["target"]["factex:source"] == ev["source"]
    # the article's sidecar gives no web address: the target is the file
    assert {a["target"]["source"] for a in shipped} == {(REPO / "seeds" / "kim-aurus-gift.txt").resolve().as_uri()}
    check_annotations(shipped)


def test_the_body_is_the_fact(shipped):
    facts = json.loads(inprocess.factex("export", REPO).stdout)
    relations = {r["id"]: r for r in facts["relations"]}
    entities = {e["id"]: e for e in facts["entities"]}
    for anno in shipped:
        body = anno["body"]
        assert body["type"] == "TextualBody" and body["value"]
        if body["factex:kind"] == "relation":
            r = relations[body["factex:card"]]
            assert anno["motivation"] == "describing"
            assert (body["factex:subject"], body["factex:predicate"], body["factex:object"], body["factex:certainty"]) == (
                r["subject"], r["predicate"], r["object"], r["certainty"])
            assert body.get("factex:attribution") == r["attribution"]
            assert {q["factex:key"]: q["factex:value"] for q in body.get("factex:qualifiers", [])} == r["qualifiers"]
            assert body["value"] == f"{entities[r['subject']]['name']} {r['predicate']} {entities[r['object']]['name']}"
        else:
            e = entities[body["factex:card"]]
            assert anno["motivation"] == "identifying"
            assert (body["factex:name"], body["factex:type"]) == (e["name"], e["type"])
    assert {a["body"].get("factex:certainty") for a in shipped} >= {"stated", "reported", "hedged", "opinion"}


def test_the_w3c_suite_catches_broken_annotations(shipped):
    """The suite's assertions can fail: each break of a MUST is caught."""
    good = shipped[0]
    breaks = {
        "no target": lambda a: a.pop("target"),
        "id not an IRI": lambda a: a.__setitem__("id", "not an iri"),
        "wrong type": lambda a: a.__setitem__("type", "Note"),
        "no context": lambda a: a.pop("@context"),
        "negative start": lambda a: a["target"]["selector"][1].__setitem__("start", -1),
        "quote without exact": lambda a: a["target"]["selector"][0].pop("exact"),
    }
    for name, brk in breaks.items():
        anno = json.loads(json.dumps(good))
        brk(anno)
        assert failed_musts(anno), name


def test_offsets_count_code_points_of_the_decoded_text(ws):
    """Emoji outside the BMP (two UTF-16 units), combining marks, a byte-order mark and CRLF."""
    text = "\ufeffTitle \U0001F600\r\n\r\nCafe\u0301 \U0001F30D owners said: \u201cthe car is \U0001F697 fast\u201d. Again the car is fast.\r\n"
    ws.source("emoji.txt", text.encode("utf-8").decode("utf-8"))
    ws.card("car.yaml", """
        kind: entity
        name: the car
        type: vehicle
        evidence:
          - quote: "the car is \U0001F697 fast"
    """)
    base = ws.load()
    assert base.problems == [], [p.format() for p in base.problems]
    (anno,) = annotations(base)
    check_annotations([anno])
    decoded = text[1:]
    quote, position = anno["target"]["selector"]
    assert position["start"] == decoded.index("the car is")  # code points: each emoji counts one
    assert len(decoded[: position["start"]].encode("utf-16-le")) // 2 == position["start"] + 2  # UTF-16 would differ


def test_a_quote_near_the_start_or_end_has_a_short_prefix_or_suffix(ws):
    ws.source("a.txt", "Alice met Bob")
    ws.card("alice.yaml", "kind: entity\nname: Alice\ntype: person\nevidence: [Alice]\n")
    ws.card("bob.yaml", "kind: entity\nname: Bob\ntype: person\nevidence: [Bob]\n")
    annos = annotations(ws.load())
    check_annotations(annos)
    alice, bob = (a["target"]["selector"][0] for a in annos)
    assert "prefix" not in alice and alice["suffix"] == " met Bob"
    assert bob["prefix"] == "Alice met " and "suffix" not in bob


def test_the_target_is_the_url_from_the_sidecar(ws):
    ws.basic()
    (ws.root / "seeds" / "article.yaml").write_text("title: A Test Article\nurl: https://news.example.org/a?id=1&x=%C3%A9\n")
    base = ws.load()
    assert base.problems == [], [p.format() for p in base.problems]
    annos = annotations(base)
    assert {a["target"]["source"] for a in annos} == {"https://news.example.org/a?id=1&x=%C3%A9"}
    for anno in annos:
        assert failed_musts(anno) == []
        quote, position = anno["target"]["selector"]
        text = source_text(anno, ws.root)
        assert text[position["start"] : position["end"]] == quote["exact"]
