"""File names are data (any bytes, any locale), and CR, CR LF and LF all end a line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.safetext import json_safe, visible
from explorer.core.anchoring.sources import Source
from explorer.core.anchoring.sources import split_sentences
from explorer.core.loading.loader import Loader

from conftest import REPO, SOURCE_TEXT

BAD = b"caf\xe9-\xff\xfe"  # Latin-1 bytes: not UTF-8


def _odd_names_workspace(root):
    (root / "facts").mkdir(parents=True)
    (root / "seeds").mkdir()
    seeds = os.fsencode(root / "seeds")
    facts = os.fsencode(root / "facts")
    with open(seeds + b"/" + BAD + b".txt", "wb") as fh:
        fh.write(SOURCE_TEXT.encode())
    with open(facts + b"/" + BAD + b".yaml", "wb") as fh:
        fh.write(b"kind: entity\nname: Alice\ntype: person\nevidence:\n  - quote: Alice Smith met Bob Jones\n")
    with open(facts + b"/broken-" + BAD + b".yaml", "wb") as fh:
        fh.write(b"kind: entity\nname: [\n")
    with open(facts + b"/rel.yaml", "wb") as fh:
        fh.write(b"kind: relation\nsubject: " + BAD + b"\npredicate: met\nobject: nobody\nevidence: [Alice]\n")
    return root


@pytest.fixture
def odd_names(tmp_path):
    if sys.platform == "darwin":  # pragma: no cover - APFS refuses names that are not UTF-8
        pytest.skip("names must be UTF-8 here")
    return _odd_names_workspace(tmp_path / "ws")


COMMANDS = [
    ["check"], ["check", "--format", "json"], ["export"], ["export", "--format", "jsonl"],
    ["export", "--format", "csv"], ["export", "--format", "dot"], ["export", "--format", "graphml"],
    ["search", "alice"], ["search", "alice", "--format", "json"], ["quote", "Alice Smith"],
]


@pytest.mark.parametrize("env", [
    {"PYTHONIOENCODING": "utf-8:strict"},
    {"LC_ALL": "C", "LANG": "C"},
    {"PYTHONIOENCODING": "ascii"},
    {"LC_ALL": "C.UTF-8", "PYTHONUTF8": "1"},
], ids=["utf8-strict", "C", "ascii", "utf8-mode"])
def test_non_utf8_names_under_any_locale(odd_names, env, tmp_path):
    """Every command prints a workspace whose names are not UTF-8 without a traceback, whatever
    the locale; the JSON is valid UTF-8 and gives the original bytes back.

    One interpreter is started under the locale; each command runs in a process forked from it,
    with that interpreter's own stdout and stderr (tests/cli_batch.py), after the interpreter has
    run them all once over a copy of the workspace elsewhere (what they import and compile on
    first use, done once)."""
    out = tmp_path / "out"
    out.mkdir()
    batch = [[*command, "-w", str(odd_names)] for command in COMMANDS]
    elsewhere = _odd_names_workspace(tmp_path / "warm")
    warm = [[*command, "-w", str(elsewhere)] for command in COMMANDS]
    started = subprocess.run([sys.executable, str(REPO / "tests" / "cli_batch.py"), str(out), json.dumps(batch),
                              json.dumps(warm)],
                             capture_output=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO), **env})
    assert started.returncode == 0 and not started.stderr, started.stderr.decode("utf-8", "replace")
    for n, command in enumerate(COMMANDS):
        result = subprocess.CompletedProcess(command, int((out / f"{n}.status").read_text()),
                                             (out / f"{n}.out").read_bytes(), (out / f"{n}.err").read_bytes())
        assert b"Traceback" not in result.stderr, (command, result.stderr.decode("utf-8", "replace"))
        assert result.returncode in (0, 1), (command, result.returncode, result.stderr)
        if "json" in command and command[0] != "search":
            data = json.loads(result.stdout.decode("utf-8"))  # valid UTF-8, valid JSON
            files = {p["file"] for p in data["problems"]} | {e["file"] for e in data.get("entities", [])}
            assert any(os.fsencode(f).endswith(BAD + b".yaml") for f in files), files
        if command == ["export", "--format", "jsonl"]:
            for line in result.stdout.decode("utf-8").splitlines():
                json.loads(line)


def test_json_carries_name_bytes_as_escapes(odd_names):
    base = Loader(odd_names, use_cache=False).load()
    from explorer.core.export import to_json

    text = to_json(base)
    text.encode("utf-8")  # no lone surrogate left raw
    assert "\\udce9" in text and "\\udcff" in text
    data = json.loads(text)
    assert os.fsencode(data["sources"][0]["path"]) == b"seeds/" + BAD + b".txt"


def test_names_shown_on_screen_with_visible_escapes(odd_names):
    base = Loader(odd_names, use_cache=False).load()
    shown = [visible(p.file) for p in base.problems]
    assert any("caf\u27e80xE9\u27e9-\u27e80xFF\u27e9\u27e80xFE\u27e9" in s for s in shown), shown


@settings(max_examples=100, deadline=None)
@given(st.binary(min_size=1, max_size=12).filter(lambda b: b"/" not in b and b"\x00" not in b))
def test_any_name_bytes_survive_json(name):
    decoded = os.fsdecode(name)
    text = json_safe(json.dumps({"file": decoded}, ensure_ascii=False))
    text.encode("utf-8")
    assert os.fsencode(json.loads(text)["file"]) == name
    shown = visible(decoded)
    shown.encode("utf-8")


# -- line ends --------------------------------------------------------------------------------


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_cr_crlf_and_lf_all_end_lines_and_paragraphs(eol):
    text = eol.join(["Title", "", "First para line one.", "line two.", "", "Second para."]) + eol
    source = Source("s", "seeds/s.txt", text, "0")
    assert len(source.line_starts) == 7
    assert [text[s:e] for s, e in source.paragraphs] == ["Title", f"First para line one.{eol}line two.", "Second para."]
    second = text.index("Second")
    assert source.line_of(second) == 6 and source.column_of(second) == 1 and source.paragraph_of(second) == 3
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert "Second para." in sentences and not any("two." in s and "Second" in s for s in sentences)


def test_a_quote_across_a_cr_paragraph_break_is_not_in_one_paragraph(ws):
    ws.source("cr.txt", "Title\r\rAlice met Bob.\r\rBob left town.\r")
    ws.card("a.yaml", "kind: entity\nname: A\ntype: person\nevidence:\n  - quote: Alice met Bob\n")
    base = ws.load()
    anchor = base.entities["a"].evidence[0].anchor
    assert (anchor.line, anchor.paragraph) == (3, 2)
    assert base.sources["cr"].text[anchor.start:anchor.end] == "Alice met Bob"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(st.characters(blacklist_characters="\r\n"), max_size=8),
                          st.sampled_from(["\n", "\r\n", "\r"])), max_size=12))
def test_line_starts_agree_with_splitlines_on_cr_lf(lines):
    text = "".join(body + eol for body, eol in lines)
    source = Source("s", "seeds/s.txt", text, "0")
    # str.splitlines also splits at other separators; with only CR/LF in the text they agree.
    plain = all(not any(c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029" for c in body) for body, _ in lines)
    if plain:
        expected, at = [0], 0
        for line in text.splitlines(keepends=True):
            at += len(line)
            if line.endswith(("\r", "\n")):
                expected.append(at)
        assert source.line_starts == expected
