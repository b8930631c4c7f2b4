import json
import os
import subprocess
import sys

import pytest

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
    assert out.strip() == "3 cards (2 entities and 1 relation valid), 1 source: 0 errors, 0 warnings"


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
    assert "(factex init makes one here)" in err  # what to do about it
    assert run(["check", str(tmp_path / "nope")], capsys)[0] == 2
    (tmp_path / "a b").mkdir()
    code, out, err = run(["check", str(tmp_path / "a b")], capsys)
    assert code == 2 and f"(factex init '{tmp_path / 'a b'}' makes them)" in err


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


def test_each_command_imports_without_textual():
    """A fresh interpreter per command: importing the command's module and building its parser
    loads neither Textual nor the app; only the explorer itself (`app`) does. (One interpreter
    imports the command line, as `factex` does before it picks the command, and forks a copy of
    itself per command: each copy starts from exactly that, without paying Python's start.)"""
    from explorer.cli import APP, COMMANDS

    script = (
        "import os, sys\n"
        "from explorer.cli import command\n"
        "def loaded():\n"
        "    return ','.join(sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'explorer.app'))))\n"
        "assert loaded() == '', loaded()\n"
        "for name in sys.argv[1:]:\n"
        "    sys.stdout.flush()\n"
        "    pid = os.fork()\n"
        "    if pid == 0:\n"
        "        module = command(name)\n"
        "        module.parser()\n"
        "        print(name + '=' + loaded(), flush=True)\n"
        "        os._exit(0)\n"
        "    assert os.waitpid(pid, 0)[1] == 0, name\n"
        "# and the check is real: the app module does load Textual when it runs the app\n"
        "import explorer.app.app\n"
        "print('app module loads textual=' + str('textual' in sys.modules))\n"
    )
    names = [*COMMANDS, APP]
    out = subprocess.run([sys.executable, "-c", script, *names], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines == [f"{name}=" for name in names] + ["app module loads textual=True"], (
        "each line `factex NAME=` and the modules it loads: " + out.stdout + out.stderr)


# Every command, run to its end in a fresh interpreter, with arguments that exercise its work (or
# fail as a user's mistake would, after the imports a real run makes). A new command must be added.
_RUN = {
    "check": lambda r, t: ["check", r], "export": lambda r, t: ["export", r, "--format", "json"],
    "search": lambda r, t: ["search", "putin", r], "quote": lambda r, t: ["quote", "Putin", r],
    "new": lambda r, t: ["new", "relation", "nobody", "x", "nobody", "-w", r], "schema": lambda r, t: ["schema"],
    "import": lambda r, t: ["import", "brat", f"{t}/no-such-folder", f"{t}/imported"],
    "diff": lambda r, t: ["diff", "-w", r, "HEAD"], "completion": lambda r, t: ["completion", "bash"],
    "serve": lambda r, t: ["serve", r, "--port", "8123"], "init": lambda r, t: ["init", f"{t}/new"],
    "add": lambda r, t: ["add", f"{t}/no-such-page.html", r], "mentions": lambda r, t: ["mentions", r],
    "suggest": lambda r, t: ["suggest", r], "timeline": lambda r, t: ["timeline", r],
    "voices": lambda r, t: ["voices", r], "server": lambda r, t: ["server", "status", r],
}
# One interpreter imports the command line (as `factex` does before it picks the command; with
# `serve` run only to the point of listening: its server is made, textual-serve imported, but not
# started) and forks a copy of itself per command, each run to its end in its own folder: what each
# copy has loaded is what a fresh `factex NAME ...` would have, without paying Python's start and the
# command line's imports 17 times. Each copy writes its status, the modules it loaded and the end of
# its output to N.json; an exception that escapes prints its traceback to the interpreter's stderr.
_RUN_SCRIPT = """
import sys, io, os, contextlib, json, traceback
import explorer.cli.serve as serve
real = serve.make_server
def make_server(*a, **k):
    server = real(*a, **k)
    server.serve = lambda: None
    return server
serve.make_server = make_server
from explorer.cli import main
out_dir, commands = sys.argv[1], json.loads(sys.argv[2])
sys.stdout.flush()
sys.stderr.flush()
for n, (cwd, argv) in enumerate(commands):
    pid = os.fork()
    if pid == 0:
        try:
            os.chdir(cwd)
            with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()) as err:
                try:
                    status = main(argv)
                except SystemExit as e:
                    status = e.code
            loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'explorer.app')))
            with open(os.path.join(out_dir, f"{n}.json"), "w", encoding="utf-8") as fh:
                json.dump({"status": status, "loaded": loaded, "out": out.getvalue()[-500:], "err": err.getvalue()[-500:]}, fh)
        except BaseException:
            traceback.print_exc()
            sys.stderr.flush()
            os._exit(1)
        os._exit(0)
    os.waitpid(pid, 0)
"""


def test_every_command_is_run_without_textual_below():
    from explorer.cli import COMMANDS

    assert set(_RUN) == set(COMMANDS), "give the new command a run in _RUN"


def test_each_command_runs_without_textual(tmp_path):
    """`factex NAME ...`, for every command, run to its end in a copy of an interpreter that has
    imported only the command line (as a fresh `factex` has), loads neither Textual nor the app
    (only the explorer itself does: test above). One test for all (one interpreter: as 17
    parametrized tests sharing it, xdist could hand them to several workers, each starting it)."""
    names = sorted(_RUN)
    commands = []
    for name in names:
        folder = tmp_path / name
        folder.mkdir()
        commands.append((str(folder), _RUN[name](str(REPO), str(folder))))
    proc = subprocess.run([sys.executable, "-c", _RUN_SCRIPT, str(tmp_path), json.dumps(commands)],
                          capture_output=True, text=True, cwd=tmp_path)
    wrong = {}
    for n, name in enumerate(names):
        path = tmp_path / f"{n}.json"
        if not path.exists():
            wrong[name] = f"no result (exit {proc.returncode}): {proc.stderr[-3000:]}"
            continue
        result = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(result["status"], int):  # the command ended on its own, with a status
            wrong[name] = result
        elif "Traceback" in result["err"]:
            wrong[name] = result
        elif result["loaded"]:
            wrong[name] = f"factex {name} loads {result['loaded']}"
    assert not wrong, "\n".join(f"{name}: {what}" for name, what in wrong.items())


def test_workspace_is_given_the_same_way_to_every_command(ws, capsys, monkeypatch, tmp_path_factory):
    """Positional WORKSPACE or -w/--workspace, for every command that reads one."""
    ws.basic()
    root = str(ws.root)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)  # not a workspace: the command must use the one given
    commands = {
        "check": ["check"], "export": ["export"], "search": ["search", "alice"],
        "quote": ["quote", "red car"],
    }
    for name, argv in commands.items():
        for given in ([root], ["-w", root], ["--workspace", root], [root, "-w", root]):
            code, out, err = run([*argv, *given], capsys)
            assert code == 0, (name, given, err)
    for given in ([root], ["-w", root]):
        code, out, err = run(["new", "entity", f"Carol {len(given)}", *given, "--type", "person",
                              "--quote", "Alice Smith is a painter"], capsys)
        assert code == 0, err
        code, out, err = run(["new", "relation", "alice", f"knows {len(given)}", "bob", *given,
                              "--quote", "Alice Smith met Bob Jones"], capsys)
        assert code == 0, err
    # the same folder twice is fine; two different ones is a usage error naming both
    import pytest

    with pytest.raises(SystemExit) as exc:
        main(["check", root, "-w", str(elsewhere)])
    assert exc.value.code == 2 and "given twice" in capsys.readouterr().err


def test_every_command_reports_a_missing_workspace_the_same_way(tmp_path, capsys):
    missing = str(tmp_path / "nope")
    messages = set()
    for argv in (["check", missing], ["export", missing], ["search", "x", missing], ["quote", "x", missing],
                 ["new", "entity", "X", missing], ["-w", missing]):
        code, out, err = run(argv, capsys)
        assert code == 2 and out == "", argv
        messages.add(err)
    assert messages == {f"factex: {missing}: no such folder\n"}


def test_kind_words_are_the_same_on_the_command_line_and_in_a_query(ws, capsys):
    """`--kind article` and `kind:article` (and every other kind word) pick the same hits."""
    from explorer.core.search import KIND_WORDS

    ws.basic()
    for word in KIND_WORDS:
        a = run(["search", "car", str(ws.root), "--kind", word, "--format", "json"], capsys)
        b = run(["search", f"car kind:{word}", str(ws.root), "--format", "json"], capsys)
        assert a[0] == b[0] and a[0] in (0, 1), (word, a[2])
        assert json.loads(a[1])["results"] == json.loads(b[1])["results"], word
    code, out, _ = run(["search", "car", str(ws.root), "--kind", "article"], capsys)
    assert code == 0 and out.startswith("Article passages")
