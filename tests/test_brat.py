"""brat standoff: the export read by a brat reader written here from the format's documentation
(https://brat.nlplab.org/standoff.html and https://brat.nlplab.org/configuration.html), the import,
and the round trip (export, import into an empty workspace, check clean, the same facts)."""

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from explorer.cli import main

import inprocess
from conftest import REPO


# --- a brat reader, from the documentation ------------------------------------------------------------


@dataclass
class BratDoc:
    text: str
    spans: dict = field(default_factory=dict)  # T id -> (type, [(start, end)], text)
    relations: dict = field(default_factory=dict)  # R id -> (type, {role: T id})
    attributes: dict = field(default_factory=dict)  # A id -> (name, target, value)
    notes: dict = field(default_factory=dict)  # # id -> (type, target, text)


def read_brat_doc(txt: Path) -> BratDoc:
    """Read NAME.txt and NAME.ann as the standoff documentation describes them; any line that is
    not one of its forms fails the test."""
    raw = txt.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "brat counts a byte-order mark as a character"
    doc = BratDoc(raw.decode("utf-8"))
    ids = set()
    for line in txt.with_suffix(".ann").read_bytes().decode("utf-8").split("\n"):
        if not line:
            continue
        ident, rest = line.split("\t", 1)
        assert ident not in ids, f"duplicate id {ident}"
        ids.add(ident)
        if ident.startswith("T"):
            m = re.fullmatch(r"T\d+\t([^\s]+) (\d+ \d+(?:;\d+ \d+)*)\t([^\t]*)", line)
            assert m, line
            pieces = [tuple(int(x) for x in p.split(" ")) for p in m.group(2).split(";")]
            for start, end in pieces:
                assert 0 <= start < end <= len(doc.text)
                assert "\n" not in doc.text[start:end]
            # the text is the spans' text, fragments joined by a space
            assert m.group(3) == " ".join(doc.text[a:b] for a, b in pieces), line
            doc.spans[ident] = (m.group(1), pieces, m.group(3))
        elif ident.startswith("R"):
            m = re.fullmatch(r"R\d+\t([^\s]+) (Arg1):(T\d+) (Arg2):(T\d+)", line)
            assert m, line
            doc.relations[ident] = (m.group(1), {"Arg1": m.group(3), "Arg2": m.group(5)})
        elif ident.startswith("A"):
            m = re.fullmatch(r"A\d+\t([^\s]+) ([TRE]\d+)(?: ([^\s]+))?", line)
            assert m, line
            doc.attributes[ident] = (m.group(1), m.group(2), m.group(3))
        elif ident.startswith("#"):
            m = re.fullmatch(r"#\d+\t(AnnotatorNotes) ([TRE]\d+)\t([^\t]*)", line)
            assert m, line
            doc.notes[ident] = (m.group(1), m.group(2), m.group(3))
        else:
            pytest.fail(f"unexpected line {line!r}")
    for _, args in doc.relations.values():
        assert all(a in doc.spans for a in args.values())
    for _, target, _ in (*doc.attributes.values(), *doc.notes.values()):
        assert target in doc.spans or target in doc.relations
    return doc


def read_conf(path: Path) -> dict:
    """annotation.conf: its four sections; relation and attribute lines as TYPE\\tARGS."""
    sections, current = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        m = re.fullmatch(r"\[(\w+)\]", line.strip())
        if m:
            current = sections.setdefault(m.group(1), {})
            continue
        name, _, args = line.partition("\t")
        current[name.strip()] = args.strip()
    assert set(sections) == {"entities", "relations", "events", "attributes"}
    return sections


def check_against_conf(doc: BratDoc, conf: dict) -> None:
    for type_, _, _ in doc.spans.values():
        assert type_ in conf["entities"]
    for type_, _ in doc.relations.values():
        assert conf["relations"][type_] == "Arg1:<ENTITY>, Arg2:<ENTITY>"
    for name, target, value in doc.attributes.values():
        spec = dict(part.strip().split(":", 1) for part in conf["attributes"][name].split(","))
        assert doc.spans[target][0] == spec["Arg"] and value in spec["Value"].split("|")


def merged(pieces):
    return pieces[0][0], pieces[-1][1]


# --- export -------------------------------------------------------------------------------------------


def export_json(root) -> dict:
    out = inprocess.factex("export", root, env={**os.environ, "FACTEX_CACHE": "0"})
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_the_article_exports_as_a_brat_corpus_brat_can_read(tmp_path, capsys):
    out = tmp_path / "corpus"
    assert main(["export", str(REPO), "--format", "brat", "--output", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["annotation.conf", "kim-aurus-gift.ann", "kim-aurus-gift.txt"]
    conf = read_conf(out / "annotation.conf")
    doc = read_brat_doc(out / "kim-aurus-gift.txt")
    check_against_conf(doc, conf)
    facts = export_json(REPO)
    source_text = (REPO / "seeds" / "kim-aurus-gift.txt").read_bytes().decode("utf-8-sig")
    assert doc.text == source_text
    # one T per evidence item, typed by the entity's type, or Fact for a relation
    expected = sorted((e["type"], ev["start"], ev["end"]) for e in facts["entities"] for ev in e["evidence"])
    expected += sorted(("Fact", ev["start"], ev["end"]) for r in facts["relations"] for ev in r["evidence"])
    got = [(t, *merged(p)) for t, p, _ in doc.spans.values()]
    assert sorted(got) == sorted(expected)
    # one R per relation, between spans of its subject and its object
    notes = {target: json.loads(text[len("factex "):]) for _, target, text in doc.notes.values()}
    relations = {r["id"]: r for r in facts["relations"]}
    r_lines = {notes[rid]["relation"]: (type_, args) for rid, (type_, args) in doc.relations.items()}
    assert set(r_lines) == set(relations)
    for rid, (type_, args) in r_lines.items():
        r = relations[rid]
        assert notes[args["Arg1"]]["entity"] == r["subject"] and notes[args["Arg2"]]["entity"] == r["object"]
        assert type_ == re.sub(r"[^A-Za-z0-9_-]+", "_", r["predicate"]).strip("_")
    # certainty and attribution as attributes of each Fact span
    facts_by_span = {tid: notes[tid]["relation"] for tid, (t, _, _) in doc.spans.items() if t == "Fact"}
    for name, target, value in doc.attributes.values():
        r = relations[facts_by_span[target]]
        assert value == (r["certainty"] if name == "Certainty" else r["attribution"])
    assert sum(1 for a in doc.attributes.values() if a[0] == "Certainty") == len(facts_by_span)


def test_export_never_writes_over_a_file(tmp_path, capsys):
    out = tmp_path / "corpus"
    out.mkdir()
    (out / "kim-aurus-gift.ann").write_text("mine\n")
    assert main(["export", str(REPO), "--format", "brat", "-o", str(out)]) == 1
    assert "already there" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["kim-aurus-gift.ann"]
    assert (out / "kim-aurus-gift.ann").read_text() == "mine\n"


@pytest.mark.parametrize("make", ["file", "pipe", "dangling link"])
def test_export_into_something_that_is_not_a_folder_says_so_in_one_line(tmp_path, capsys, make):
    out = tmp_path / "corpus"
    {"file": lambda: out.write_text("mine\n"), "pipe": lambda: os.mkfifo(out),
     "dangling link": lambda: out.symlink_to(tmp_path / "nowhere")}[make]()
    assert main(["export", str(REPO), "--format", "brat", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"factex export: {out}: exists and is not a folder; nothing written\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


def test_output_goes_with_brat_only(capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["export", str(REPO), "--format", "brat"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["export", str(REPO), "--format", "json", "-o", str(tmp_path / "x")])
    assert exc.value.code == 2 and not (tmp_path / "x").exists()


# --- round trip ---------------------------------------------------------------------------------------


def facts_of(data: dict) -> tuple[dict, dict]:
    def evidence(card):
        return sorted((ev["source"], ev["start"], ev["end"], ev.get("note")) for ev in card["evidence"])

    entities = {e["id"]: (e["name"], e["type"], e["aliases"], e["description"], evidence(e)) for e in data["entities"]}
    relations = {r["id"]: (r["subject"], r["predicate"], r["object"], r["qualifiers"], r["certainty"],
                           r["attribution"], evidence(r)) for r in data["relations"]}
    return entities, relations


def round_trip(source_root: Path, tmp_path: Path, capsys):
    corpus, target = tmp_path / "corpus", tmp_path / "imported"
    assert main(["export", str(source_root), "--format", "brat", "-o", str(corpus)]) == 0
    code = main(["import", "brat", str(corpus), str(target)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert main(["check", str(target)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    return target


def test_round_trip_of_the_article_gives_the_same_facts(tmp_path, capsys):
    target = round_trip(REPO, tmp_path, capsys)
    before, after = export_json(REPO), export_json(target)
    assert facts_of(after) == facts_of(before)
    assert len(after["entities"]) > 30 and len(after["relations"]) > 30 and after["problems"] == []


def test_round_trip_with_emoji_crlf_line_breaks_and_repeated_quotes(ws, tmp_path, capsys):
    ws.source("doc.txt", "Title \U0001F600\r\n\r\nAlice Smith met Bob\r\nJones. Alice Smith \u00e9 said \u201chi\u201d.\r\n\r\nBob Jones left.\r\n")
    ws.card("alice.yaml", """
        kind: entity
        name: Alice "A" Smith
        type: person
        aliases: ['no', "x: y"]
        evidence:
          - quote: Alice Smith
            occurrence: 2
            note: the second one
    """)
    ws.card("bob.yaml", "kind: entity\nname: Bob Jones\ntype: person\nevidence: [Bob Jones left]\n")
    ws.card("met.yaml", """
        kind: relation
        subject: alice
        predicate: "met (in a\\ttab: ok)"
        object: bob
        qualifiers: {place: "here"}
        certainty: reported
        attribution: bob
        evidence:
          - quote: Alice Smith met Bob Jones
    """)
    assert ws.problems() == []
    target = round_trip(ws.root, tmp_path, capsys)
    assert facts_of(export_json(target)) == facts_of(export_json(ws.root))
    doc = read_brat_doc(tmp_path / "corpus" / "doc.txt")
    (fact,) = [p for t, p, _ in doc.spans.values() if t == "Fact"]
    assert len(fact) == 2  # the quote crosses a line break: two fragments, as brat writes it


def test_imported_cards_are_written_as_factex_new_writes_them(ws, tmp_path, capsys):
    """One card template: an imported card has the same lines as the card `factex new` makes
    from the same fields (the optional fields left as a commented template)."""
    from explorer.core.authoring import new_entity_card

    ws.source("doc.txt", "Alice Smith met Bob Jones.\n")
    ws.card("alice.yaml", "kind: entity\nname: 'Alice: #1'\ntype: person\nevidence: [Alice Smith met]\n")
    target = round_trip(ws.root, tmp_path, capsys)
    imported = (target / "facts" / "entities" / "alice.yaml").read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    (fresh / "facts").mkdir(parents=True)
    (fresh / "seeds").mkdir()
    (fresh / "seeds" / "doc.txt").write_text("Alice Smith met Bob Jones.\n", encoding="utf-8")
    made = new_entity_card(fresh, "Alice: #1", type="person", quotes=["Alice Smith met"], id="alice")
    # The same lines but the first (the schema's path) and the quote's source, which an import
    # always names (a brat corpus has many documents).
    assert [line for line in imported.splitlines()[1:] if line != "    source: doc"] == made.text.splitlines()[1:]
    assert "# description:" in imported and "# note:" in imported


def test_export_notes_a_relation_brat_cannot_draw_as_a_problem_of_its_card(ws, tmp_path, capsys):
    ws.source("doc.txt", "Alice Smith met Bob Jones. They talked.\n")
    ws.card("alice.yaml", "kind: entity\nname: Alice Smith\ntype: person\nevidence: [Alice Smith met]\n")
    ws.card("bob.yaml", "kind: entity\nname: Bob Jones\ntype: person\nevidence: [met Bob Jones]\n")
    ws.card("sub/talked.yaml", "kind: relation\nsubject: alice\npredicate: talked to\nobject: bob\nevidence: [They talked]\n")
    ws.source("other.txt", "Elsewhere, they talked again.\n")
    ws.card("again.yaml", "kind: relation\nsubject: alice\npredicate: talked again to\nobject: bob\n"
                          "evidence:\n  - quote: they talked again\n    source: other\n")
    assert ws.problems() == []
    assert main(["export", str(ws.root), "--format", "brat", "-o", str(tmp_path / "corpus")]) == 0
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "factex export: facts/again.yaml:1: note: alice and bob has no span in other; no brat R line there "
        "(its Fact spans carry it)"]


# --- import of another brat corpus ---------------------------------------------------------------------


def write_corpus(folder: Path, docs: dict[str, tuple[str, str]], conf: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (text, ann) in docs.items():
        (folder / f"{name}.txt").write_bytes(text.encode("utf-8"))
        (folder / f"{name}.ann").write_bytes(ann.encode("utf-8"))
    if conf:
        (folder / "annotation.conf").write_text(conf)
    return folder


TEXT = "Sony bought Columbia Pictures in 1989.\n\nThe deal was announced in Tokyo.\n"


def test_a_foreign_corpus_becomes_entities_and_relations(tmp_path, capsys):
    ann = (
        "T1\tOrganization 0 4\tSony\n"
        "T2\tOrganization 12 29\tColumbia Pictures\n"
        "T3\tGeographical_entity 66 71\tTokyo\n"
        "R1\tAcquired Arg1:T1 Arg2:T2\n"
        "A1\tNegation T1\n"
        "E1\tTransaction:T1 Buyer:T1\n"
        "N1\tReference T1 Wikipedia:534366\tSony\n"
        "T4\tOrganization 5 9\tboug\n"  # not whole words: left out
        "T5\tDate 33 37;44 48\t1989 deal\n"  # two pieces across a paragraph
        "garbage line\n"
    )
    corpus = write_corpus(tmp_path / "corpus", {"sony": (TEXT, ann)})
    target = tmp_path / "ws"
    code = main(["import", "brat", str(corpus), str(target)])
    out, err = capsys.readouterr()
    assert code == 1  # some lines were left out, each reported
    for needle in ("A1: attribute Negation", "E1: an event", "N1: a normalisation", "not a brat annotation line",
                   "'boug' is not whole words", "spans two paragraphs"):
        assert needle in err, err
    assert main(["check", str(target)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    data = export_json(target)
    entities = {e["id"]: e for e in data["entities"]}
    assert {e["name"] for e in entities.values()} == {"Sony", "Columbia Pictures", "Tokyo"}
    assert entities["tokyo"]["type"] == "geographical-entity"
    (r,) = data["relations"]
    assert (r["subject"], r["predicate"], r["object"]) == ("sony", "Acquired", "columbia-pictures")
    assert r["evidence"][0]["text"] == "Sony bought Columbia Pictures"


def test_import_never_writes_over_a_file_and_says_so(tmp_path, capsys):
    target = tmp_path / "ws"
    (target / "facts" / "entities").mkdir(parents=True)
    (target / "seeds").mkdir()
    mine = target / "facts" / "entities" / "sony.yaml"
    mine.write_text("kind: entity\nname: Sony Corp\ntype: organization\nevidence: [Sony]\n")
    (target / "seeds" / "other.txt").write_text("Something else entirely.\n")
    corpus = write_corpus(tmp_path / "corpus", {
        "sony": (TEXT, "T1\tOrganization 0 4\tSony\n"),
        "other": ("Sony again.\n", "T1\tOrganization 0 4\tSony\n"),
    })
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    code = main(["import", "brat", str(corpus), str(target)])
    err = capsys.readouterr().err
    assert code == 1 and "seeds/other.txt exists with other text" in err
    for path, data in before.items():
        assert path.read_bytes() == data  # nothing replaced
    new = sorted(p.relative_to(target).as_posix() for p in target.rglob("*.yaml") if p not in before)
    assert new == ["facts/entities/sony-2.yaml"]  # the taken id got the next free one
    assert "Sony" in (target / "facts/entities/sony-2.yaml").read_text()


def test_import_of_a_missing_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["import", "brat", str(tmp_path / "none"), str(tmp_path / "ws")]) == 2
    assert "not a folder" in capsys.readouterr().err and not (tmp_path / "ws").exists()


# A corpus from a stranger is untrusted, like a workspace: a document that is a link to a file
# outside the corpus (a key, a password file) must not be copied into seeds/, a named pipe must
# not block the import, and a workspace whose facts/ or seeds/ is a link out gets nothing written
# through it.
@pytest.mark.parametrize("linked", ["", "seeds", "facts", "seeds,facts"])
def test_import_reads_no_link_out_nor_a_pipe_and_writes_nothing_through_a_link_out(tmp_path, capsys, linked):
    import threading

    secret = tmp_path / "secret.txt"
    secret.write_text("PRIVATE KEY material\n")
    corpus = write_corpus(tmp_path / "corpus", {"sony": (TEXT, "T1\tOrganization 0 4\tSony\n")})
    (corpus / "key.txt").symlink_to(secret)
    (corpus / "key.ann").write_text("T1\tThing 0 7\tPRIVATE\n")
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "pipe.ann").write_text("")
    (corpus / "sub").mkdir()
    os.mkfifo(corpus / "sub" / "doc.ann")
    (corpus / "sub" / "doc.txt").write_text(TEXT)
    target, outside = tmp_path / "ws", tmp_path / "outside"
    target.mkdir()
    for name in filter(None, linked.split(",")):
        (outside / name).mkdir(parents=True)
        (target / name).symlink_to(outside / name)
    done: list = []
    worker = threading.Thread(target=lambda: done.append(main(["import", "brat", str(corpus), str(target)])), daemon=True)
    worker.start()
    worker.join(30)
    if worker.is_alive():  # blocked opening the pipe: release it, then fail
        for fifo in (corpus / "pipe.txt", corpus / "sub" / "doc.ann"):
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
        worker.join(10)
        pytest.fail("factex import blocked on a named pipe")
    err = capsys.readouterr().err
    assert done == [1]
    assert "key.txt: warning: key.txt is a link to outside the folder; not read; left out" in err
    assert "pipe.txt: warning: pipe.txt is not a regular file" in err
    assert "sub/doc.txt: warning: sub/doc.ann is not a regular file" in err
    written = [p for p in (*target.rglob("*"), *outside.rglob("*")) if p.is_file()]
    assert not any(b"PRIVATE" in p.read_bytes() for p in written)
    assert not any(p.is_file() for p in outside.rglob("*"))  # nothing through a link out
    if "seeds" in linked:
        assert "sony.txt: warning: not written: cannot write in seeds: seeds is a link to outside the workspace" in err
    else:
        assert (target / "seeds" / "sony.txt").read_text() == TEXT
        if "facts" in linked:
            assert "not written: cannot write in facts" in err
        else:
            assert (target / "facts" / "entities" / "sony.yaml").is_file()


# What an annotation's note or a document's name may hold: a path out, control and bidi
# characters, markup, a Windows device name, nothing but punctuation.
HOSTILE_NAMES = ["../../evil", "a/b", "..", "\x1b[2J", "e\x1b]0;T\x07", "\u202eevil", "[link=x]y[/]", "CON",
                 "x.yaml", "\u00ad", "tab\there", "ok-id"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_imported_ids_and_names_are_safe_whatever_the_corpus_says(tmp_path, capsys, name):
    """A factex note's entity and relation ids, a foreign span's type and a document's name
    become file names: each is an id `factex new` would accept (or its slug), never a path out
    of facts/ or seeds/, never a control character; relations name the entities as written."""
    from explorer.core.layout import check_id
    from explorer.core.safetext import visible

    text = "Alice Smith met Bob Jones in Paris.\n"
    note = lambda d: "factex " + json.dumps(d)  # noqa: E731
    ann = (f"T1\tPerson 0 11\tAlice Smith\nT2\tPerson 16 25\tBob Jones\nT3\tFact 0 25\tAlice Smith met Bob Jones\n"
           f"T4\t{name.replace(chr(9), ' ').replace(' ', '_') or 'X'} 29 34\tParis\n"
           f"#1\tAnnotatorNotes T1\t{note({'entity': name, 'name': 'Alice Smith', 'type': 'person'})}\n"
           f"#2\tAnnotatorNotes T2\t{note({'entity': 'bob', 'name': 'Bob Jones', 'type': 'person'})}\n"
           f"#3\tAnnotatorNotes T3\t{note({'relation': name + '-rel', 'subject': name, 'predicate': 'met', 'object': 'bob'})}\n")
    doc = name if "/" not in name and name not in ("..",) else "doc"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"{doc}.txt").write_text(text, encoding="utf-8")
    (corpus / f"{doc}.ann").write_text(ann, encoding="utf-8")
    target = tmp_path / "ws"
    main(["import", "brat", str(corpus), str(target)])
    capsys.readouterr()
    written = [p for p in tmp_path.rglob("*") if p.is_file() and corpus not in p.parents]
    for path in written:
        rel = path.relative_to(target)
        assert rel.parts[0] in ("facts", "seeds"), rel
        stem = path.name.rsplit(".", 1)[0]
        assert visible(stem) == stem, rel
        if rel.parts[0] == "facts":
            assert check_id(stem) == stem, rel
    assert any(p.parent.name == "relations" for p in written), written
    assert main(["check", str(target)]) == 0, capsys.readouterr().out


_ANN_BITS = ["T1", "T2", "R1", "A1", "E1", "N1", "#1", "*", "\t", " ", ";", "\n", "Person", "Fact", "Arg1:T1", "Arg2:T2",
             "AnnotatorNotes", "factex ", '{"entity": "x", "evidence": 9}', '{"evidence": ' + "9" * 5000 + "}",
             "0", "5", "12", "-1", "9" * 30, "9" * 5000, "Alice", "x\x1b[2J", "\u202e"]


@settings(max_examples=200)
@given(st.lists(st.sampled_from(_ANN_BITS), max_size=40).map("".join))
@example("T1\tPerson 0 " + "9" * 5000 + "\tAlice\n")
@example("T1\tPerson " + "9" * 5000 + " 5;0 5\tAlice\n")
def test_any_annotation_file_parses_into_spans_inside_the_text_or_problems(ann_text):
    """Whatever a .ann holds (offsets of 5,000 digits ended the import in a traceback: Python
    reads at most 4,300), parsing gives spans inside the text and problems, never an error."""
    from explorer.core.brat import parse_ann

    doc = "Alice Smith met Bob Jones.\n"
    ann = parse_ann(ann_text, doc)
    for span in ann.spans.values():
        assert all(0 <= a <= b <= len(doc) for a, b in span.pieces)


# --- the corpus's file names -----------------------------------------------------------------------

_SOURCE_NAMES = st.lists(
    st.sampled_from(["Kim", "kim", "KIM", "caf\u00e9", "cafe\u0301", "CAF\u00c9", "x\x1b]0;T\x07", "r\u202etxt", "..", ".hidden",
                     "a b", "-rf", "CON", "nul", "kim-2", "Kim-2", "annotation", "x" * 240, "e\u200b", "a\udcffb", "line\nbreak"])
    | st.text(st.characters(exclude_characters="/\x00"), min_size=1, max_size=12),
    min_size=1, max_size=8, unique=True)


@settings(max_examples=100, deadline=None)
@given(_SOURCE_NAMES)
def test_corpus_file_names_are_safe_and_never_one_file_on_any_file_system(sids):
    from explorer.core.brat import document_names
    from explorer.core.layout import check_id, id_key

    names = document_names(sids)
    assert list(names) == sids
    keys = [id_key(n) for n in names.values()]
    assert len(set(keys)) == len(keys) and id_key("annotation") not in keys  # not even by case or normal form
    for sid, stem in names.items():
        assert check_id(stem) == stem  # a safe file name: no path, no control or invisible character, not hidden
    first = {}
    for sid in sids:  # a source whose id is safe keeps it, unless an earlier one took its file name
        first.setdefault(id_key(sid), sid)
    for sid in sids:
        try:
            safe = check_id(sid) == sid
        except Exception:
            safe = False
        if safe and first[id_key(sid)] == sid and id_key(sid) != id_key("annotation") \
                and not any(names[o] != o and id_key(names[o]) == id_key(sid) for o in sids[: sids.index(sid)]):
            assert names[sid] == sid


def test_sources_one_file_by_case_or_holding_escapes_get_names_of_their_own(tmp_path, capsys):
    root = tmp_path / "ws"
    (root / "facts").mkdir(parents=True)
    (root / "seeds").mkdir()
    # (Kim and kim, café composed and decomposed, are one id: errors, not exported; Lee and LEE!
    # are two ids whose safe file names differ only in case; a name holding escapes is no id: an
    # error, not exported; a:b*c? names a file Windows cannot make)
    for name in ("Kim", "kim", "caf\u00e9", "cafe\u0301", "x\x1b]0;T\x07", "Lee", "LEE!", "a:b*c?"):
        (root / "seeds" / f"{name}.txt").write_text(f"{name} said hi.\n")
    out = tmp_path / "corpus"
    assert main(["export", str(root), "--format", "brat", "--output", str(out)]) == 0
    _, err = capsys.readouterr()
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 7 and len({n.casefold() for n in written}) == 7
    assert all(n.isascii() and not set(n) & set(':*?"<>|') for n in written) and not any("\x1b" in n for n in written)
    assert "written as Lee-2.txt" in err and "written as a-b-c.txt" in err and "\x1b" not in err
    texts = sorted((out / n).read_text() for n in written if n.endswith(".txt"))
    assert texts == sorted(f"{name} said hi.\n" for name in ("a:b*c?", "Lee", "LEE!"))


_JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                           max_leaves=6)
_NOTE_KEYS = ["entity", "relation", "name", "type", "aliases", "description", "subject", "predicate", "object",
              "qualifiers", "note", "evidence"]


@settings(max_examples=20, deadline=None)
@given(entity=st.dictionaries(st.sampled_from(_NOTE_KEYS), _JSON_VALUE, max_size=6),
       relation=st.dictionaries(st.sampled_from(_NOTE_KEYS), _JSON_VALUE, max_size=6),
       deep=st.sampled_from(["", "[" * 100_000 + "]" * 100_000, '{"entity": ' + '{"a":' * 50_000 + "1" + "}" * 50_000 + "}"]))
def test_a_factex_note_of_any_shape_is_imported_or_left_out_never_an_error(entity, relation, deep, tmp_path_factory):
    """A factex note edited by hand or made to break the import (an object where a text goes, a
    list for the qualifiers, JSON nested 100,000 deep) never ends `factex import brat` in an error:
    a field of another type than factex writes is left out, and every card it writes is a file."""
    from explorer.core.brat import import_brat

    tmp = tmp_path_factory.mktemp("notes")
    corpus, root = tmp / "corpus", tmp / "ws"
    corpus.mkdir()
    (root / "facts").mkdir(parents=True)
    (root / "seeds").mkdir()
    (corpus / "a.txt").write_text("Alice Smith met Bob Jones in Paris.\n")
    (corpus / "a.ann").write_text(
        "T1\tPerson 0 11\tAlice Smith\nT2\tPerson 16 25\tBob Jones\nT3\tFact 0 25\tAlice Smith met Bob Jones\n"
        f"R1\tmet Arg1:T1 Arg2:T2\n"
        f"#1\tAnnotatorNotes T1\tfactex {json.dumps({'entity': 'alice', **entity})}\n"
        f"#2\tAnnotatorNotes T2\tfactex {deep or json.dumps(entity)}\n"
        f"#3\tAnnotatorNotes T3\tfactex {json.dumps({'relation': 'r', **relation})}\n"
        f"#4\tAnnotatorNotes R1\tfactex {json.dumps(relation)}\n")
    result = import_brat(corpus, root)
    assert all((root / rel).is_file() for rel in result.sources)
    assert all(p.is_file() and p.suffix == ".yaml" for p in (root / "facts").rglob("*") if not p.is_dir())


# --- many cards: written together, never half ----------------------------------------------------


def many_names(n: int) -> tuple[str, str]:
    """One document naming n people, each a span: n cards."""
    words = [f"Name{i}" for i in range(n)]
    ann, pos = [], 0
    for i, w in enumerate(words):
        ann.append(f"T{i + 1}\tPerson {pos} {pos + len(w)}\t{w}")
        pos += len(w) + 1
    return " ".join(words) + "\n", "\n".join(ann) + "\n"


def workspace_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# 20,000 cards took 168 s: each was synced twice (the file, its folder), ~9 ms a sync. They are
# synced together now (files.Batch): the number of syncs does not grow with the cards.
@settings(max_examples=6, deadline=None)
@given(n=st.integers(1, 120), docs=st.integers(1, 4))
def test_an_import_syncs_a_few_times_whatever_the_number_of_cards(tmp_path_factory, n, docs):
    from unittest import mock

    from explorer.core import files
    from explorer.core.brat import import_brat

    tmp = tmp_path_factory.mktemp("many")
    corpus = write_corpus(tmp / "corpus", {f"doc{d}": many_names(n) for d in range(docs)})
    syncs = []
    real_fsync, real_all = os.fsync, getattr(files, "_sync_all", None)
    with mock.patch("os.fsync", lambda fd: (syncs.append(fd), real_fsync(fd))), \
            mock.patch.object(files, "_sync_all", lambda fd: (syncs.append(fd), real_all(fd)), create=True):
        result = import_brat(corpus, tmp / "ws")
    assert not result.problems and len(result.cards) == n and len(result.sources) == docs
    assert len(syncs) <= 6, len(syncs)  # two batches: the file system once, each folder once
    assert sorted(p.name for p in (tmp / "ws" / "facts").rglob("*")) == sorted(
        ["entities", *(f"name{i}.yaml" for i in range(n))])


# Ctrl-C at any step of the writing leaves every card and source there whole, as a full import
# writes it; an error leaves each whole and valid (what it stopped is left out). Nothing replaced,
# and no hidden temporary file behind.
@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 12), call=st.sampled_from(["write", "link", "unlink", "fsync"]),
       at=st.integers(1, 30), after=st.booleans(), error=st.sampled_from([KeyboardInterrupt, OSError]))
def test_an_import_stopped_anywhere_leaves_only_whole_files(tmp_path_factory, n, call, at, after, error):
    from unittest import mock

    from explorer.core.brat import import_brat

    tmp = tmp_path_factory.mktemp("stop")
    corpus = write_corpus(tmp / "corpus", {"doc": many_names(n), "other": ("Name0 again.\n", "T1\tPerson 0 5\tName0\n")})
    import_brat(corpus, tmp / "full")
    full = workspace_files(tmp / "full")
    root = tmp / "ws"
    (root / "facts" / "entities").mkdir(parents=True)
    (root / "facts" / "entities" / "name1.yaml").write_text("kind: entity\nname: Mine\n")
    before = workspace_files(root)
    real = getattr(os, call)
    calls = []

    def stopping(*args, **kwargs):
        calls.append(args)
        if len(calls) == at and not after:
            raise error(5, "stopped")
        out = real(*args, **kwargs)
        if len(calls) == at:
            raise error(5, "stopped")
        return out

    with mock.patch(f"os.{call}", stopping):
        try:
            import_brat(corpus, root)
        except (KeyboardInterrupt, OSError):
            pass
    now = workspace_files(root)
    assert not [p for p in root.rglob(".*")], "a hidden temporary file left"
    for rel, data in before.items():
        assert now[rel] == data  # nothing replaced
    new = [rel for rel in now if rel not in before]
    if error is KeyboardInterrupt:
        for rel in new:
            assert now[rel] == full[rel if rel != "facts/entities/name1-2.yaml" else "facts/entities/name1.yaml"], rel
    else:
        from explorer.core.loading.loader import Loader

        base = Loader(root).load()
        assert not [p for p in base.problems if p.file in new and p.severity == "error"]
        assert all(now[rel].endswith(b"\n") for rel in new)
