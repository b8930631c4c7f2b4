"""`factex check --format github|sarif`: the same problems, paths and lines as the text output,
read back by a workflow-command parser written from GitHub's rules and validated against the
official SARIF 2.1.0 JSON Schema (tests/data/sarif-schema-2.1.0.json, see tests/data/README.md)."""

import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core import report

import inprocess
from conftest import REPO

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is missing: pip install -e '.[test]'")

SARIF_SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
FORMATS = jsonschema.FormatChecker()


def validator():
    # the schema's "uri" and "uri-reference" formats are checked only with rfc3986-validator installed
    assert {"uri", "uri-reference"} <= set(FORMATS.checkers), "pip install -e '.[test]' (rfc3986-validator)"
    return jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=FORMATS)


# --- a reader of GitHub workflow commands, from the runner's rules ---------------------------------
# (actions/runner ActionCommand.TryParseV2: `::command k=v,k=v::data`; data unescapes %0D %0A %25,
# property values also %3A %2C.)

_DATA = {"%0D": "\r", "%0A": "\n", "%25": "%"}
_PROP = {**_DATA, "%3A": ":", "%2C": ","}


def _unescape(text: str, table: dict[str, str]) -> str:
    return re.sub("%(?:0D|0A|25|3A|2C)", lambda m: table.get(m.group(), m.group()), text)


def parse_workflow_command(line: str):
    """(command, {property: value}, data), or None when the line is not a command."""
    if not line.startswith("::"):
        return None
    end = line.find("::", 2)
    if end < 0:
        return None
    head, data = line[2:end], line[end + 2 :]
    name, _, props_text = head.partition(" ")
    props = {}
    if props_text:
        for pair in props_text.split(","):
            key, eq, value = pair.partition("=")
            assert eq, f"property without '=' in {line!r}"
            props[key] = _unescape(value, _PROP)
    return name, props, _unescape(data, _DATA)


# --- a workspace with problems of every shape --------------------------------------------------------


@pytest.fixture
def broken(ws):
    ws.basic()
    ws.card("bad.yaml", "kind: entity\nname: X\ntype: person\nalias: [x]\nevidence: [Bob said]\n")
    ws.card("sub/odd, name: 100%.yaml", "kind: entity\nname: Y\ntype: person\nevidence: [not in the article]\n")
    ws.card("esc.yaml", "kind: entity\nname: Z\ntype: person\nevidence: [\"\\e[2J::warning::hi\\r\\n%0A\"]\n")
    ws.card("warn.yaml", """
        kind: relation
        subject: alice
        predicate: met
        object: bob
        certainty: reported
        evidence: [Alice Smith met Bob Jones]
    """)
    ws.card("yaml-error.yaml", "kind: entity\nname: 'unclosed\n")
    return ws


def factex(*args, cwd):
    """`factex ARGS` in `cwd`, run in this process (tests/inprocess.py): these tests are about
    what `check` prints and returns."""
    env = {**os.environ, "NO_COLOR": "1", "FACTEX_CACHE": "0"}
    return inprocess.factex(*args, cwd=cwd, env=env)


def text_lines(out: str) -> list[str]:
    """The problem lines of `factex check` (then come the quote-source note and the summary)."""
    return [line for line in out.splitlines()[:-1] if not line.startswith("Quote sources: ")]


def test_github_commands_say_what_check_says(broken):
    text = factex("check", cwd=broken.root)
    github = factex("check", "--format", "github", cwd=broken.root)
    assert text.returncode == github.returncode == 1
    expected = text_lines(text.stdout)
    assert len(expected) >= 5 and any("100%" in line for line in expected)
    commands = github.stdout.splitlines()
    assert commands[-1] == text.stdout.splitlines()[-1]  # the summary, as a plain log line
    rebuilt = []
    for line in commands[:-1]:
        name, props, message = parse_workflow_command(line)
        assert name in ("error", "warning") and props["title"] == "factex check"
        assert set(props) == {"file", "line", "col", "title"}
        rebuilt.append(f"{props['file']}:{props['line']}:{props['col']}: {name}: {message}")
    assert rebuilt == expected
    assert "warning" in {parse_workflow_command(c)[0] for c in commands[:-1]}


def test_sarif_is_valid_and_says_what_check_says(broken):
    text = factex("check", cwd=broken.root)
    sarif = factex("check", "--format", "sarif", cwd=broken.root)
    assert sarif.returncode == 1
    log = json.loads(sarif.stdout)
    validator().validate(log)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    rebuilt = []
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        (loc,) = result["locations"]
        phys = loc["physicalLocation"]
        uri = phys["artifactLocation"]["uri"]
        assert not urlsplit(uri).scheme  # relative to where factex check ran, as the text output
        region = phys["region"]
        rebuilt.append(f"{unquote(uri)}:{region['startLine']}:{region['startColumn']}: {result['level']}: {result['message']['text']}")
    assert rebuilt == text_lines(text.stdout)
    assert {r.get("properties", {}).get("card") for r in run["results"]} >= {"bad", "warn"}


def test_clean_workspace_gives_an_empty_valid_log_and_exit_0(ws):
    ws.basic()
    sarif = factex("check", "--format", "sarif", cwd=ws.root)
    assert sarif.returncode == 0
    log = json.loads(sarif.stdout)
    validator().validate(log)
    assert log["runs"][0]["results"] == []
    github = factex("check", "--format", "github", cwd=ws.root)
    assert github.returncode == 0 and github.stdout.splitlines()[-1].endswith("0 errors, 0 warnings")
    assert not any(line.startswith("::") for line in github.stdout.splitlines())


def test_a_workspace_elsewhere_gets_full_paths_as_file_uris(broken, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    text = factex("check", str(broken.root), cwd=elsewhere)
    log = json.loads(factex("check", str(broken.root), "--format", "sarif", cwd=elsewhere).stdout)
    validator().validate(log)
    rebuilt = []
    for r in log["runs"][0]["results"]:
        uri = urlsplit(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        path = Path(unquote(uri.path))
        assert uri.scheme == "file" and path.is_absolute() and path.exists()
        region = r["locations"][0]["physicalLocation"]["region"]
        rebuilt.append(f"{path}:{region['startLine']}:{region['startColumn']}: {r['level']}: {r['message']['text']}")
    assert rebuilt == text_lines(text.stdout)


@settings(max_examples=30, deadline=None)
@given(name=st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=8)
       .map(lambda t: t + "\u202e") | st.sampled_from(["a\udcffb", "x\x1b]0;T\x07", "\u2028", "e\u200b"]))
def test_a_path_shown_with_markers_is_never_a_files_address_and_sarif_gets_its_bytes(name, tmp_path_factory):
    """A card whose file name holds a control, bidi or invisible character, or a byte that is
    not UTF-8: the GitHub annotation carries no `file` (the name with markers is no file of the
    repository, the raw name would reach the log raw) and says where in its message, as the text
    output does; the SARIF location percent-encodes the name's exact bytes."""
    root = tmp_path_factory.mktemp("ws")
    (root / "facts").mkdir()
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_text("Text.\n")
    try:
        (root / "facts" / f"{name}.yaml").write_bytes(b"kind: entity\n")
    except OSError:
        return  # a name this file system refuses
    problems = report.shown(root, report.Problem(f"facts/{name}.yaml", 1, 1, "error", "card is missing name"), str(root))
    text = problems.text()
    command = report.github_command(problems)
    assert "\n" not in command and "\r" not in command
    kind, props, message = parse_workflow_command(command)
    if problems.path == f"facts/{name}.yaml":  # nothing in the name to mark
        assert props["file"] == problems.path
        return
    assert kind == "error" and set(props) == {"title"} and message == text.replace(": error: ", ": ", 1)
    uri = report.sarif_uri(problems.exact_path)
    assert FORMATS.conforms(uri, "uri-reference") and uri.isascii()
    from urllib.parse import unquote_to_bytes

    assert (root / os.fsdecode(unquote_to_bytes(uri))).exists()


# --- escaping, with generated text -------------------------------------------------------------------

any_text = st.text(st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(path=any_text.filter(bool), message=any_text, line=st.integers(1, 10**6), col=st.integers(1, 10**4),
       severity=st.sampled_from(["error", "warning"]))
def test_any_text_survives_a_workflow_command(path, message, line, col, severity):
    s = report.Shown(path, line, col, severity, message, None)
    command = report.github_command(s)
    assert "\n" not in command and "\r" not in command  # one line: nothing in it can start another command
    name, props, data = parse_workflow_command(command)
    assert (name, props["file"], props["line"], props["col"], data) == (severity, path, str(line), str(col), message)


@settings(max_examples=100, deadline=None)
@given(path=st.lists(st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=12),
                     min_size=1, max_size=3).map("/".join))
def test_any_relative_path_is_a_valid_sarif_uri_and_comes_back(path):
    uri = report.sarif_uri(path)
    assert validator() and FORMATS.conforms(uri, "uri-reference")
    assert unquote(uri) == path


# --- pre-commit -------------------------------------------------------------------------------------


def test_pre_commit_manifest_is_valid_and_its_hooks_run(broken, tmp_path_factory):
    import shlex

    import yaml

    manifest = REPO / ".pre-commit-hooks.yaml"
    from pre_commit.main import main as pre_commit  # (what `python -m pre_commit` runs)

    assert pre_commit(["validate-manifest", str(manifest)]) == 0
    hooks = yaml.safe_load(manifest.read_text())
    assert {h["id"] for h in hooks} == {"factex-check", "factex-check-github"}
    clean = tmp_path_factory.mktemp("clean")
    for hook in hooks:
        files = re.compile(hook["files"])
        assert files.search("facts/entities/kim.yaml") and files.search("news/seeds/a.txt")
        assert not files.search("README.md") and not files.search("facts/notes.txt")
        argv = shlex.split(hook["entry"])
        assert argv[0] == "factex"  # the console script pip installs for language: python
        assert factex(*argv[1:], cwd=broken.root).returncode == 1
        (clean / "facts").mkdir(exist_ok=True)
        (clean / "seeds").mkdir(exist_ok=True)
        assert factex(*argv[1:], cwd=clean).returncode == 0


def test_a_file_a_message_names_is_shown_as_the_problems_own_path_from_any_folder(ws, tmp_path_factory):
    """A message naming another card (held back by it, a duplicate id) names it as the problem's
    own path is shown, from wherever `factex check` runs: from inside facts/ `entities/x.yaml`,
    not `facts/entities/x.yaml` (which names nothing from there). File names with spaces, commas,
    parentheses and colons; folders at each depth; a quoted value that only starts like a path
    stays as written. Every format that shows paths relative to the current folder (text,
    github, sarif) says the same."""
    import random

    rng = random.Random(4)
    ws.basic()
    pieces = ["a", "b c", "d, e", "(f)", "g: h", "ij"]
    names = []
    for i in range(6):
        folder = "/".join(rng.sample(["deep", "er", "x y"], rng.randrange(3)))
        name = f"{rng.choice(pieces)}{i}"
        names.append((f"{folder}/" if folder else "") + name)
    bad, *others = names
    ws.card(f"{bad}.yaml", "kind: entity\nname: Broken\ntype: person\nalias: [x]\nevidence: [Bob said]\n")
    for i, rel in enumerate(others[:3]):  # each held back by the broken card
        ws.card(f"{rel}.yaml", f"kind: relation\nsubject: alice\npredicate: knows{i}\nobject: '{bad.rsplit('/', 1)[-1]}'\n"
                               "certainty: stated\nevidence: [Alice Smith met Bob Jones]\n")
    dup = others[3].rsplit("/", 1)[-1]
    ws.card(f"{others[3]}.yaml", "kind: entity\nname: One\ntype: person\nevidence: [Alice Smith met Bob Jones]\n")
    ws.card(f"other/{dup}.yaml", "kind: entity\nname: Two\ntype: person\nevidence: [Alice Smith met Bob Jones]\n")
    ws.card("looks.yaml", "kind: relation\nsubject: alice\npredicate: p\nobject: 'x facts/alice.yamlx'\n"
                          "certainty: stated\nevidence: [Alice Smith met Bob Jones]\n")
    files = sorted(str(p.relative_to(ws.root)) for p in (ws.root / "facts").rglob("*.yaml"))
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    folders = [ws.root, ws.root / "facts", ws.root / "facts" / "other", ws.root.parent, elsewhere,
               *{(ws.root / "facts" / rel).parent for rel in names[:5]}]
    for cwd in folders:
        text = factex("check", os.path.relpath(ws.root, cwd), cwd=cwd)
        lines = text_lines(text.stdout)
        own = {}  # each file with problems: its path as its problem lines show it
        for f in files:
            shown = [line.split(":", 1)[0] for line in lines if line.startswith(tuple(
                {os.path.relpath(ws.root / f, cwd) + ":", os.path.join(os.path.relpath(ws.root, cwd), f) + ":"}))]
            if shown:
                own[f] = shown[0]
                assert (Path(cwd) / shown[0]).resolve() == (ws.root / f).resolve()
        assert len(own) >= 7, (cwd, lines)
        named = 0
        for line in lines:
            message = line.split(": ", 2)[2]
            for f, path in own.items():
                forms = {f, os.path.relpath(ws.root / f, cwd), os.path.join(os.path.relpath(ws.root, cwd), f)}
                said = {form for form in forms for at in [m.start() for m in re.finditer(re.escape(form), message)]
                        if at == 0 or message[at - 1] in " ("}
                if said:
                    named += 1
                    # the problem's own path, and no other form (those it ends with are in it)
                    assert path in said and all(path.endswith(s) for s in said), (cwd, line, path, said)
        assert named >= 5, (cwd, lines)
        assert "'x facts/alice.yamlx'" in text.stdout
        github = factex("check", os.path.relpath(ws.root, cwd), "--format", "github", cwd=cwd)
        sarif = json.loads(factex("check", os.path.relpath(ws.root, cwd), "--format", "sarif", cwd=cwd).stdout)
        messages = [line.split(": ", 2)[2] for line in lines]
        assert [parse_workflow_command(c)[2] for c in github.stdout.splitlines()[:-1]] == messages
        assert [r["message"]["text"] for r in sarif["runs"][0]["results"]] == messages


# A card's value that holds a workspace file's name is the user's text: a message quoting it (an
# unknown entity, a duplicate alias) shows it as typed, from any folder; only the file factex put in
# the message is shown as the problem's own path is. (4e9c122 rewrote both.)
@settings(max_examples=200, deadline=None)
@given(before=st.sampled_from(["", " ", "x ", "(", ", ", "a: "]), after=st.sampled_from(["", " y", ")", ",", ":", "; z"]),
       apostrophe=st.booleans(), double=st.booleans(), cwd=st.sampled_from(["", "facts", "facts/entities", "..", "/elsewhere"]))
def test_a_quoted_value_naming_a_file_is_left_as_typed_and_only_factex_s_own_path_is_shown_anew(
        before, after, apostrophe, double, cwd):
    from explorer.core.safetext import quoted

    root = Path("/w/ws")
    known = frozenset({"facts/entities/alice.yaml", "facts/b c.yaml", "seeds/a.txt"})
    value = f"{before}facts/entities/alice.yaml{after}" + ("'" if apostrophe else "") + ('"' if double else "")
    message = (f"`object` names unknown entity {quoted(value)}, like {quoted(value, double=True)}; "
               f"`subject` names 'x', whose card has errors (facts/b c.yaml); seeds/a.txt has it")
    where = None if cwd == "" else str(root / cwd) if not cwd.startswith("/") else cwd
    shown = report.paths_shown(message, root, where, known)
    assert quoted(value) in shown and quoted(value, double=True) in shown  # as typed
    assert f"({report.display_path(root, 'facts/b c.yaml', where)})" in shown
    assert shown.endswith(f"; {report.display_path(root, 'seeds/a.txt', where)} has it")


def test_check_shows_a_value_naming_a_card_as_typed_from_inside_facts(ws):
    ws.basic()
    ws.card("looks.yaml", "kind: relation\nsubject: alice\npredicate: p\nobject: 'x facts/alice.yaml y'\n"
                          "certainty: stated\nevidence: [Alice Smith met Bob Jones]\n")
    out = factex("check", "..", cwd=ws.root / "facts")
    line = next(x for x in text_lines(out.stdout) if x.startswith("looks.yaml:"))
    assert "'x facts/alice.yaml y'" in line, line
