"""factex export: every format read back with a real reader, and untrusted card text kept in its place."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from explorer.cli import main
from explorer.core.export import CSV_COLUMNS, EDGE_STYLES, GRAPHML_NS, export, to_dot, to_graphml

# A name with everything that breaks naive writers: quotes, backslashes (one before the closing
# quote), a newline, markup, entities, an escape sequence and a bidi override.
EVIL_NAME = 'Evil "Corp" \\ C:\\new\nline <b>bold</b> & co &amp; \x1b[31m \u202e end\\'
EVIL_YAML = '"Evil \\"Corp\\" \\\\ C:\\\\new\\nline <b>bold</b> & co &amp; \\e[31m \\u202e end\\\\"'


@pytest.fixture
def base(ws):
    ws.basic()
    ws.card("evil.yaml", f"""
        kind: entity
        name: {EVIL_YAML}
        type: organization
        description: "Says \\"hi\\"\\r\\nthen <leaves> & goes"
        aliases: ["a;b", 'x"y']
        evidence:
          - Alice Smith is a painter
    """)
    ws.card("evil-rel.yaml", """
        kind: relation
        subject: evil
        predicate: "paid \\"$245,000\\" to\\\\"
        object: bob
        qualifiers:
          amount: $245,000
          note: "a=b; c"
        certainty: opinion
        attribution: alice
        evidence:
          - The car cost $245,000
          - quote: Bob said
    """)
    ws.card("hedged.yaml", """
        kind: relation
        subject: bob
        predicate: may live in
        object: alice
        certainty: hedged
        evidence: [Alice Smith lives in Paris]
    """)
    ws.card("reported.yaml", """
        kind: relation
        subject: alice
        predicate: is said to be
        object: evil
        certainty: reported
        attribution: bob
        evidence: [Alice Smith is a painter]
    """)
    ws.card("broken.yaml", "kind: entity\nname: Broken\n")
    b = ws.load()
    assert b.entities["evil"].name == EVIL_NAME
    assert {p.file for p in b.problems} == {"facts/broken.yaml"}  # the only card with errors
    return b


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_is_unchanged(base, capsys):
    code, out, _ = run(["export", str(base.root)], capsys)
    assert code == 0
    from explorer.core.export import with_dates

    # the fact base as it loaded, each relation with its normalised dates (explorer.core.timeline)
    data = with_dates(base)
    assert [{k: v for k, v in r.items() if k != "dates"} for r in data["relations"]] == base.to_json()["relations"]
    assert json.loads(out) == json.loads(json.dumps(data))  # exact data, whatever it holds
    assert out == json.dumps(data, indent=2, ensure_ascii=False).replace("\u202e", "\\u202e").replace("\x1b", "\\u001b") + "\n"
    assert "\u202e" not in out and "\x1b" not in out  # written as escapes (safetext.json_safe)
    assert export(base, "json") == out
    code, out2, _ = run(["export", str(base.root), "--format", "json"], capsys)
    assert out2 == out


def test_csv_one_row_per_evidence_item(base, capsys):
    code, out, _ = run(["export", str(base.root), "--format", "csv"], capsys)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    records = [dict(zip(CSV_COLUMNS, row)) for row in rows[1:]]
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)
    assert len(records) == sum(len(r.evidence) for r in base.relations.values()) == 5
    evil = [r for r in records if r["relation_id"] == "evil-rel"]
    assert len(evil) == 2
    first = evil[0]
    assert first["subject_id"] == "evil" and first["subject_name"] == EVIL_NAME  # exact data
    assert first["predicate"] == 'paid "$245,000" to\\'
    assert first["object_id"] == "bob" and first["object_name"] == "Bob Jones"
    assert first["certainty"] == "opinion" and first["attribution"] == "alice"
    assert first["qualifiers"] == "amount=$245,000; note=a=b; c"
    assert first["quote"] == "The car cost $245,000" and first["source"] == "article"
    text = (base.root / "seeds" / "article.txt").read_text(encoding="utf-8")
    assert text[int(first["start"]) : int(first["end"])] == "The car cost $245,000"
    assert first["file"] == "facts/evil-rel.yaml"
    assert {r["relation_id"] for r in records} == set(base.relations)


def test_jsonl_one_object_per_line_with_a_kind(base, capsys):
    code, out, _ = run(["export", str(base.root), "--format", "jsonl"], capsys)
    assert code == 0
    lines = out.split("\n")
    assert lines[-1] == ""
    items = [json.loads(line) for line in lines[:-1]]
    from explorer.core.export import with_dates

    data = with_dates(base)
    by_kind = {k: [dict((f, v) for f, v in i.items() if f != "kind") for i in items if i["kind"] == k]
               for k in ("source", "entity", "relation", "problem")}
    assert by_kind == {"source": data["sources"], "entity": data["entities"], "relation": data["relations"],
                       "problem": data["problems"]}
    assert [i["kind"] for i in items] == sorted((i["kind"] for i in items), key=["source", "entity", "relation", "problem"].index)


def test_jsonl_keeps_one_record_per_line_whatever_the_text(ws):
    ws.source("article.txt", "Line\u2028sep and next\u0085line and para\u2029graph.\n")
    ws.card("x.yaml", 'kind: entity\nname: "a\\Lb\\Nc\\Pd"\ntype: thing\nevidence: ["Line\\Lsep and next\\Nline"]\n')
    b = ws.load()
    assert not b.problems, b.problems
    out = export(b, "jsonl")
    assert len(out.splitlines()) == len(out.split("\n")) - 1 == 2  # str.splitlines agrees
    assert json.loads(out.splitlines()[1])["name"] == "a\u2028b\x85c\u2029d"


def test_graphml_reads_back(base):
    out = to_graphml(base)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.encode("utf-8"))
    ns = {"g": GRAPHML_NS}
    assert root.tag == f"{{{GRAPHML_NS}}}graphml"
    keys = {(k.get("for"), k.get("attr.name")): k.get("id") for k in root.findall("g:key", ns)}
    for name in ("name", "type"):
        assert ("node", name) in keys
    for name in ("predicate", "certainty", "attribution"):
        assert ("edge", name) in keys
    (graph,) = root.findall("g:graph", ns)
    assert graph.get("edgedefault") == "directed"

    def data(el):
        names = {v: k[1] for k, v in keys.items()}
        return {names[d.get("key")]: d.text for d in el.findall("g:data", ns)}

    nodes = {n.get("id"): data(n) for n in graph.findall("g:node", ns)}
    assert set(nodes) == set(base.entities)
    # XML cannot hold ESC: it becomes its visible marker; everything else is exact.
    assert nodes["evil"]["name"] == EVIL_NAME.replace("\x1b", "\u241b")
    assert nodes["evil"]["description"] == 'Says "hi"\r\nthen <leaves> & goes'  # even the CR
    assert nodes["evil"]["aliases"] == 'a;b; x"y'
    edges = {e.get("id"): (e.get("source"), e.get("target"), data(e)) for e in graph.findall("g:edge", ns)}
    assert set(edges) == set(base.relations)
    src, dst, attrs = edges["evil-rel"]
    assert (src, dst) == ("evil", "bob")
    assert attrs["predicate"] == 'paid "$245,000" to\\' and attrs["certainty"] == "opinion"
    assert attrs["attribution"] == "alice"
    assert "attribution" not in edges["hedged"][2]


def test_graphml_opens_in_networkx(base, tmp_path):
    nx = pytest.importorskip("networkx", reason="networkx is missing: pip install -e '.[test]'")
    path = tmp_path / "facts.graphml"
    path.write_text(to_graphml(base), encoding="utf-8")
    g = nx.read_graphml(path)
    assert set(g.nodes) == set(base.entities)
    assert g.nodes["evil"]["type"] == "organization"
    assert g.number_of_edges() == len(base.relations)


def test_graphml_node_ids_that_are_not_xml_names(ws):
    ws.source("article.txt", "Alice met Bob.\n")
    ws.card("a b.yaml", "kind: entity\nname: A\ntype: person\nevidence: [Alice]\n")
    ws.card("n0.yaml", "kind: entity\nname: N\ntype: person\nevidence: [Bob]\n")
    ws.card("r.yaml", "kind: relation\nsubject: a b\npredicate: met\nobject: n0\nevidence: [Alice met Bob]\n")
    b = ws.load()
    assert not b.problems
    root = ET.fromstring(to_graphml(b))
    ids = [n.get("id") for n in root.iter(f"{{{GRAPHML_NS}}}node")]
    assert len(set(ids)) == 2 and "n0" in ids and "a b" not in ids
    (edge,) = root.iter(f"{{{GRAPHML_NS}}}edge")
    assert edge.get("source") in ids and edge.get("source") != "n0" and edge.get("target") == "n0"


# --- DOT ----------------------------------------------------------------------------------------

_DOT_TOKEN = re.compile(r'\s+|//[^\n]*|"(?:[^"\\]|\\.)*"|->|[{}\[\];=,]|[A-Za-z_][A-Za-z0-9_]*|.', re.S)


def dot_tokens(text: str) -> list[str]:
    """Tokens of a DOT file, with quoted strings as single tokens (the Graphviz lexer's rules)."""
    tokens = []
    pos = 0
    while pos < len(text):
        m = _DOT_TOKEN.match(text, pos)
        token = m.group()
        if token.startswith('"') and (len(token) < 2 or not token.endswith('"')):
            raise AssertionError(f"unterminated string at {pos}")
        if not token.isspace() and not token.startswith("//"):
            tokens.append(token)
        pos = m.end()
    return tokens


def unquote(token: str) -> str:
    """A DOT label's text as Graphviz shows it: \\" is ", \\\\ is \\, \\n is a line break."""
    assert token[0] == token[-1] == '"'
    return re.sub(r'\\(.)', lambda m: {"n": "\n"}.get(m.group(1), m.group(1)), token[1:-1]).replace("&amp;", "&")


def statements(text: str) -> list[list[str]]:
    tokens = dot_tokens(text)
    assert tokens[:3] == ["digraph", "factex", "{"] and tokens[-1] == "}"
    body, out, current = tokens[3:-1], [], []
    for token in body:
        if token == ";":
            out.append(current)
            current = []
        else:
            current.append(token)
    assert current == []
    return out


def attributes(stmt: list[str]) -> dict[str, str]:
    i = stmt.index("[")
    assert stmt[-1] == "]"
    attrs = {}
    parts = stmt[i + 1 : -1]
    while parts:
        key, eq, value, *parts = parts
        assert eq == "="
        attrs[key] = value
        if parts:
            assert parts[0] == ","
            parts = parts[1:]
    return attrs


def test_dot_structure_and_escaping(base):
    out = to_dot(base)
    assert "\x1b" not in out and "\u202e" not in out  # shown as markers, never raw
    stmts = statements(out)
    nodes = [s for s in stmts if len(s) > 1 and s[0].startswith('"') and s[1] == "["]
    edges = [s for s in stmts if len(s) > 3 and s[1] == "->"]
    assert len(nodes) == len(base.entities) and len(edges) == len(base.relations)
    labels = {unquote(s[0]): unquote(attributes(s)["label"]) for s in nodes}
    shown = EVIL_NAME.replace("\x1b", "\u241b").replace("\u202e", "\u27e8U+202E\u27e9")
    assert labels["evil"] == shown + "\n(organization)"
    assert labels["alice"] == "Alice Smith\n(person)"
    styles = {}
    for s in edges:
        attrs = attributes(s)
        styles[unquote(attrs["id"])] = attrs["style"]
        if unquote(attrs["id"]) == "evil-rel":
            assert (unquote(s[0]), unquote(s[2])) == ("evil", "bob")
            assert unquote(attrs["label"]) == 'paid "$245,000" to\\'
    assert styles == {"alice-gave-bob-car": "solid", "evil-rel": "bold", "hedged": "dotted", "reported": "dashed"}
    assert set(EDGE_STYLES) == {"stated", "reported", "hedged", "opinion"}


def test_dot_escapes_html_entities_only_in_labels():
    from explorer.core.export import dot_quote

    assert dot_quote("a &amp; b & c", label=True) == '"a &amp;amp; b & c"'
    assert dot_quote('say "x"\\') == '"say \\"x\\"\\\\"'
    assert dot_quote("two\nlines\r\nthree") == '"two\\nlines\\nthree"'
    assert dot_quote("\x00\x07") == '"\u2400\u2407"'


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is missing: apt-get install graphviz (.ci/run does)")
def test_dot_renders_with_graphviz(base):
    out = subprocess.run(["dot", "-Tjson"], input=to_dot(base), capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    graph = json.loads(out.stdout)
    names = {o["name"]: o for o in graph["objects"]}
    assert set(names) == set(base.entities)
    assert len(graph["edges"]) == len(base.relations)
    assert {e["style"] for e in graph["edges"]} == {"solid", "bold", "dotted", "dashed"}


def test_every_format_from_the_command_line(base, capsys):
    for fmt in ("json", "jsonl", "csv", "dot", "graphml"):
        code, out, err = run(["export", str(base.root), "--format", fmt], capsys)
        # (the fixture holds a card with an error: every format says it is left out)
        assert code == 0 and out and err == ("factex export: left out, with errors (or naming a card that has them): "
                                             "1 card (facts/broken.yaml); run factex check\n"), fmt
    with pytest.raises(SystemExit):
        main(["export", "--format", "xml"])
    assert "invalid choice" in capsys.readouterr().err


def test_export_help_says_what_each_format_holds(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert "one row per evidence item" in out and "graphml" in out and "example" in out


def test_the_command_line_offers_every_format():
    from explorer.cli.export import FOLDER_FORMATS
    from explorer.cli.export import FORMATS as EXPORT_FORMATS
    from explorer.core.export import FORMATS

    assert sorted(f for f in EXPORT_FORMATS if f not in FOLDER_FORMATS) == sorted(FORMATS)


def test_csv_cells_are_never_spreadsheet_formulas(ws, capsys):
    """Card text is untrusted: a quote or predicate that a spreadsheet would run as a formula is
    exported with a leading apostrophe; the JSON export keeps it exact."""
    ws.source("article.txt", "Title\n\n=HYPERLINK(\"http://x\",\"click\") said Alice.\n\n-1+1 and @SUM(A1) too.\n")
    ws.card("alice.yaml", "kind: entity\nname: '@alice'\ntype: person\nevidence:\n  - said Alice\n")
    ws.card("sum.yaml", "kind: entity\nname: '+Sum'\ntype: thing\nevidence:\n  - '@SUM(A1)'\n")
    ws.card("r.yaml", """
        kind: relation
        subject: alice
        predicate: "=1+2 wrote"
        object: sum
        evidence:
          - quote: '=HYPERLINK("http://x","click")'
          - quote: '-1+1 and'
    """)
    code, out, _ = run(["export", str(ws.root), "--format", "csv"], capsys)
    assert code == 0
    rows = [dict(zip(CSV_COLUMNS, row)) for row in list(csv.reader(io.StringIO(out, newline="")))[1:]]
    assert [r["quote"] for r in rows] == ["'=HYPERLINK(\"http://x\",\"click\")", "'-1+1 and"]
    assert {r["predicate"] for r in rows} == {"'=1+2 wrote"}
    assert {r["subject_name"] for r in rows} == {"'@alice"} and {r["object_name"] for r in rows} == {"'+Sum"}
    for row in rows:  # offsets still point at the exact quoted text
        text = (ws.root / "seeds" / "article.txt").read_text(encoding="utf-8")
        assert text[int(row["start"]) : int(row["end"])] == row["quote"][1:]
    code, out, _ = run(["export", str(ws.root), "--format", "json"], capsys)
    assert json.loads(out)["relations"][0]["predicate"] == "=1+2 wrote"
