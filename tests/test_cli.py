import json
import os
import subprocess
import sys

from explorer.cli import main

from conftest import REPO


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_check_clean_exits_0(ws, capsys):
    ws.basic()
    code, out, _ = run(["check", str(ws.root)], capsys)
    assert code == 0
    assert out.strip() == "3 cards (2 entities and 1 relations valid), 1 source: 0 errors, 0 warnings"


def test_check_with_errors_exits_1_and_prints_clickable_lines(ws, capsys, monkeypatch):
    ws.basic()
    ws.card("bad.yaml", "kind: entity\nname: X\ntype: person\nalias: [x]\nevidence: [Bob said]\n")
    monkeypatch.chdir(ws.root)
    code, out, _ = run(["check"], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "facts/bad.yaml:4:1: error: unknown field 'alias' on an entity card; did you mean 'aliases'?"
    assert lines[-1].endswith("1 error, 0 warnings")


def test_workspace_found_from_a_subfolder(ws, capsys, monkeypatch):
    ws.basic()
    monkeypatch.chdir(ws.root / "facts")
    assert run(["check"], capsys)[0] == 0


def test_check_outside_a_workspace_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["check"], capsys)
    assert code == 2 and "no facts/ folder" in err and out == ""
    assert run(["check", str(tmp_path / "nope")], capsys)[0] == 2


def test_check_json(ws, capsys):
    ws.basic()
    ws.card("bad.yaml", "kind: entity\n")
    code, out, _ = run(["check", str(ws.root), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1
    assert data["summary"]["errors"] == len(data["problems"]) >= 1
    assert set(data["problems"][0]) == {"file", "line", "column", "severity", "message"}


def test_check_output_never_carries_terminal_escapes(ws, capsys):
    ws.basic()
    ws.card("evil.yaml", 'kind: entity\nname: X\ntype: person\nevidence: [{quote: Bob said, source: "\\e]52;c;cHduZWQ=\\a\\e[2J"}]\n')
    code, out, _ = run(["check", str(ws.root)], capsys)
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out
    assert "\u241b]52;c;" in out


def test_export_json_contract(ws, capsys):
    ws.basic()
    ws.card("bad.yaml", "kind: entity\nname: X\n")
    code, out, _ = run(["export", str(ws.root), "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"sources", "entities", "relations", "problems"}
    (source,) = data["sources"]
    assert set(source) >= {"id", "path", "title", "sha256"} and source["path"] == "seeds/article.txt"
    ent = {e["id"]: e for e in data["entities"]}
    assert set(ent) == {"alice", "bob"}  # the broken card is left out...
    assert set(ent["alice"]) >= {"id", "file", "name", "type", "aliases", "description", "evidence"}
    assert ent["alice"]["file"] == "facts/alice.yaml"
    (rel,) = data["relations"]
    assert set(rel) >= {"id", "file", "subject", "predicate", "object", "qualifiers", "certainty", "attribution", "evidence"}
    ev = rel["evidence"][0]
    assert set(ev) >= {"source", "quote", "start", "end", "text"}
    text = (ws.root / "seeds" / "article.txt").read_text(encoding="utf-8")
    assert text[ev["start"] : ev["end"]] == ev["text"] == "Alice\u00a0gave Bob a red car"
    assert any(p["file"] == "facts/bad.yaml" for p in data["problems"])  # ...and listed here


def test_help_and_version(capsys):
    import pytest

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and "factex 0." in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "path:line:col" in capsys.readouterr().out


def test_python_dash_m_and_console_script_work():
    env = {**os.environ, "NO_COLOR": "1"}
    out = subprocess.run([sys.executable, "-m", "explorer", "check", str(REPO)], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 errors" in out.stdout
