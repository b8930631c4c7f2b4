"""Every command over generated hostile workspaces (tests/hostile.py): no traceback, every JSON
output reads back, and nothing a card, a source or a file name holds reaches the output as a
control, bidi or invisible character, in any format, to a pipe as to a terminal. The workspace is
left as it was.

In-process (`explorer.cli.main`, the output captured as a pipe would get it), so that many
commands over several workspaces take a few seconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.safetext import UNSAFE_CATEGORIES, json_safe, json_text, xml_char_refs

import hostile

# What may stand raw in an output: a newline, and a CSV's line ends (\r\n, RFC 4180).
_ALLOWED = {"\n"}


def unsafe_in(text: str, allowed=frozenset(_ALLOWED)) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in text if c not in allowed and unicodedata.category(c) in UNSAFE_CATEGORIES
                   and not _kept_joiner(text, c)})


def _kept_joiner(text: str, c: str) -> bool:
    return c in "\u200c\u200d"  # (kept between letters of joining scripts: spelling, see safetext)


def snapshot(root) -> dict:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            st_ = os.lstat(path)
            if stat.S_ISREG(st_.st_mode):
                with open(path, "rb") as fh:
                    out[path] = hashlib.sha256(fh.read()).hexdigest()
            else:
                out[path] = (stat.S_IFMT(st_.st_mode), os.readlink(path) if stat.S_ISLNK(st_.st_mode) else None)
    return out


def commands(ws: str, out: str) -> list[list[str]]:
    c = [["check", "--format", f, ws] for f in ("text", "json", "github", "sarif")]
    c += [["export", "--format", f, ws] for f in ("json", "jsonl", "csv", "dot", "graphml", "w3c")]
    c.append(["export", "--format", "brat", "--output", out, ws])
    for query in ("kim", "[/]", "\u202e", "'met", "\x1b[2J"):
        c += [["search", "--format", f, query, ws] for f in ("text", "json")]
    c += [["quote", q, ws] for q in ("Kim", "said", "[/]", "met \x1b")]
    c += [[name, "--format", f, ws] for name in ("mentions", "suggest", "timeline", "voices") for f in ("text", "json")]
    return c


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("FACTEX_SERVER", "0")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    monkeypatch.setenv("FACTEX_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.chdir(tmp_path)


# A workspace folder's name may be anything a file name may hold: every path printed holds it.
FOLDER_NAMES = ["ws", "ws\nnew line", "ws \x1b]0;T\x07 [b]\u202e", "ws\udcff", " ws ends in a space "]


@pytest.mark.parametrize("seed", range(6))
def test_every_command_over_a_generated_hostile_workspace(seed, tmp_path, capsys):
    ws = hostile.generate(tmp_path / FOLDER_NAMES[seed % len(FOLDER_NAMES)], seed, big=False)
    before = snapshot(ws)
    for argv in commands(str(ws), str(tmp_path / f"brat{seed}")):
        code = main(list(argv))
        out, err = capsys.readouterr()
        assert code in (0, 1, 2), (argv, code, err)
        allowed = _ALLOWED | {"\r"} if argv[:3] == ["export", "--format", "csv"] else _ALLOWED
        assert not unsafe_in(out, allowed), (argv, unsafe_in(out, allowed))
        assert not unsafe_in(err), (argv, unsafe_in(err))
        if "json" in argv or "sarif" in argv or "w3c" in argv or "jsonl" in argv:
            if code != 2:
                for doc in (out.splitlines() if "jsonl" in argv else [out]):
                    json.loads(doc)
        if argv[:3] == ["check", "--format", "json"]:
            _assert_problems_placed(ws, json.loads(out)["problems"], seen_by_check := [])
        if argv[:3] == ["check", "--format", "text"]:
            _assert_problem_lines(out)
        if argv[:3] == ["export", "--format", "json"]:  # the valid card beside it all is read
            assert hostile.GOOD_ID in {e["id"] for e in json.loads(out)["entities"]}
    assert snapshot(ws) == before
    # The commands that write: each file they make is inside the workspace, each line they print clean.
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>T {hostile.payload(__import__('random').Random(seed), 4)}</title></head><body>"
                    "<article><p>" + "Kim said many words here today. " * 20 + "</p></article></body></html>")
    for argv in (["add", str(page), str(ws)], ["new", "entity", "Kim \x1b[2J", "--type", "person", str(ws)],
                 ["import", "brat", str(tmp_path / f"brat{seed}"), str(ws)],
                 ["init", str(tmp_path / FOLDER_NAMES[(seed + 1) % len(FOLDER_NAMES)] / "new")]):
        code = main(list(argv))
        out, err = capsys.readouterr()
        assert code in (0, 1, 2), (argv, code, err)
        assert not unsafe_in(out) and not unsafe_in(err), (argv, out, err)
    made = set(snapshot(ws)) - set(before)
    assert made and all(p.startswith(str(ws) + os.sep) for p in made)


_PROBLEM_LINE = re.compile(r"^.+:[1-9][0-9]*:[1-9][0-9]*: (error|warning|note): \S")
_SUMMARY = re.compile(r"^[0-9]+ cards? \(|^Quote sources: ")


def _assert_problem_lines(out: str) -> None:
    """Every line `factex check` prints is a problem as path:line:col: severity: message, or its
    summary; a message is one line, whatever the workspace's text holds."""
    for line in out.splitlines():
        assert _PROBLEM_LINE.match(line) or _SUMMARY.match(line), line


def _assert_problems_placed(ws, problems: list[dict], seen: list) -> None:
    """Every problem names a file or folder of the workspace (as its name is spelt), a line and a
    column from 1; a problem of a file's text is at a line the file has."""
    for p in problems:
        assert p["line"] >= 1 and p["column"] >= 1, p
        path = os.path.join(str(ws), p["file"])
        assert os.path.lexists(path), p
        st_ = os.lstat(path)
        if stat.S_ISREG(st_.st_mode) and p["line"] > 1:
            with open(path, "rb") as fh:
                data = fh.read()
            lines = data.count(b"\n") + data.count(b"\r") + 1
            assert p["line"] <= lines, p


def _committed(ws) -> bool:
    """The workspace in a git repository of its own, committed (a team's checkout): False when git
    cannot (a name it refuses)."""
    import subprocess

    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    for args in (["init", "-q"], ["add", "-A", "--ignore-errors"], ["commit", "-q", "-m", "team's work"]):
        done = subprocess.run(["git", *args], cwd=ws, env=env, capture_output=True)
        if done.returncode != 0 and args[0] != "add":
            return False
    return True


@pytest.mark.parametrize("seed", range(6, 10))
def test_factex_diff_over_a_generated_hostile_workspace_in_git(seed, tmp_path, capsys, monkeypatch):
    """factex diff reads a commit of a hostile workspace (through git's object store) as a load
    reads its folder, and says what changed: no traceback, no escape, the JSON reads back, the
    valid card is in both sides, nothing in the working tree is touched."""
    ws = hostile.generate(tmp_path / FOLDER_NAMES[seed % len(FOLDER_NAMES)], seed, big=False)
    if not _committed(ws):
        pytest.skip("git refused the workspace")  # pragma: no cover
    (ws / "facts" / "entities" / "added.yaml").write_text(hostile.GOOD_CARD.replace("Anna Berg\n", "Anna B.\n", 1))
    before = snapshot(ws)
    monkeypatch.chdir(ws)
    for argv in (["diff"], ["diff", "HEAD", "--format", "json"], ["diff", "HEAD", "HEAD"], ["diff", "\x1b]0;T\x07"]):
        code = main(list(argv))
        out, err = capsys.readouterr()
        assert code in (0, 2), (argv, code, err)
        assert not unsafe_in(out) and not unsafe_in(err), (argv, unsafe_in(out), unsafe_in(err))
        if "json" in argv:
            data = json.loads(out)
            assert [e["id"] for e in data["entities"]["added"]] == ["added"], data["entities"]
    assert snapshot(ws) == before


# -- the one path every JSON output takes --------------------------------------------------------

_ANY = st.text(st.characters(blacklist_categories=()), max_size=30)
_JSON = st.recursive(st.none() | st.booleans() | st.integers() | _ANY,
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_ANY, inner, max_size=4), max_leaves=12)


@settings(max_examples=75)
@given(_JSON, st.booleans(), st.sampled_from([2, None]))
def test_json_text_reads_back_equal_and_holds_no_unsafe_character(data, ascii_only, indent):
    text = json_text(data, indent=indent, ensure_ascii=ascii_only)
    assert json.loads(text) == data
    assert not unsafe_in(text)


@settings(max_examples=75)
@given(_JSON, st.booleans(), st.integers(1, 40))
def test_json_written_a_piece_at_a_time_is_json_text(data, ascii_only, size):
    """Every command's JSON (options.json_dump) is written a piece at a time, each through
    json_safe: cut anywhere, the pieces are json_text's text."""
    from explorer.core.safetext import json_pieces

    pieces = list(json_pieces(data, ensure_ascii=ascii_only, size=size))
    assert "".join(pieces) == json_text(data, ensure_ascii=ascii_only) == json_safe(json.dumps(data, indent=2, ensure_ascii=ascii_only))
    assert all(not unsafe_in(p) for p in pieces)


_LONG_JSON = r"""
import io, re
from explorer.cli import options

def status(key):
    with open("/proc/self/status") as f:
        return int(re.search(key + r":\s+(\d+)", f.read()).group(1)) * 1024

class Counting(io.TextIOBase):
    written = 0
    encoding = "utf-8"

    def write(self, text):
        self.written += len(text)
        return len(text)

data = {"mentions": [{"entity": "alice", "source": "one", "start": i * 27, "end": i * 27 + 11, "line": 1,
                      "column": i * 27 + 1, "text": "Alice\u202e Smith", "name": "Alice Smith"} for i in range(20_000)]}
options.json_dump({"mentions": data["mentions"][:2]}, Counting())  # (what a first answer imports and compiles)
out = Counting()
with open("/proc/self/clear_refs", "w") as f:  # the peak so far (the data's making) is forgotten
    f.write("5")
before = status("VmRSS")
options.json_dump(data, out)
print(status("VmHWM") - before, out.written)
"""


def test_a_long_json_answer_is_not_held_whole_as_text():
    """20,000 mentions (of 400,000: a 5 MB source naming two entities over and over) as `factex
    mentions --format json` writes them: Python's indented encoder makes a few strings a value;
    held at once and joined they took 950 MB of the command's for 81 MB of output. Written a
    piece at a time, the memory beyond the data is a piece's.
    The peak is the memory the process touched (Linux's VmHWM, reset once the data is made, over
    VmRSS then), in a process of its own so that no memory freed by other tests is reused unseen;
    a quarter more than the bound and 2 MB are the allocator's slack, as in tests/test_text.py.
    (It was measured with tracemalloc, which traced every allocation: ~2.5 CPU s for this test.)"""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _LONG_JSON], capture_output=True, text=True, check=True)
    peak, written = (int(n) for n in out.stdout.split())
    assert written > 4_000_000
    assert peak < 1.25 * (written // 4) + 2_000_000, (peak, written)


def test_json_text_escapes_what_json_dumps_leaves_raw():
    text = json_text(["\u202e\x7f\x9b\u2028\U000e0041\udcff\ue000"], indent=None)
    assert text == '["\\u202e\\u007f\\u009b\\u2028\\udb40\\udc41\\udcff\\ue000"]'


@settings(max_examples=200)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="&<>\x00\x01\x02\x03\x04\x05\x06\x07\x08"
                             "\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\r\ufffe\uffff"),
               max_size=40))
def test_xml_char_refs_read_back_equal(text):
    import xml.etree.ElementTree as ET

    shown = xml_char_refs(f"<a b=\"{text.replace(chr(34), '&quot;')}\">{text}</a>")
    assert not unsafe_in(shown, {"\n", "\t"})
    element = ET.fromstring(shown)
    assert element.text in (text, None if text == "" else text)
    assert re.sub("[\t\n]", " ", element.get("b")) == re.sub("[\t\n]", " ", text)  # (attribute value normalisation)


# -- an error factex did not expect ---------------------------------------------------------------


def test_a_bug_is_one_line_and_its_traceback_goes_to_a_file(tmp_path, capsys, monkeypatch):
    """Whatever escapes a command or the app (a bug) reaches the user as one line naming it, its
    text shown literally, never as a traceback; the traceback is in the cache folder's
    last-error.txt. FACTEX_DEBUG=1 (the tests' default) raises it instead."""
    import explorer.cli.check

    monkeypatch.delenv("FACTEX_DEBUG")

    def broken(argv):
        raise ValueError("boom \x1b]0;T\x07 [b]x\u202e")

    monkeypatch.setattr(explorer.cli.check, "run", broken)
    assert main(["check"]) == 70
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert "ValueError: boom \u241b]0;T\u2407 [b]x\u27e8U+202E\u27e9" in err and not unsafe_in(err)
    crash = tmp_path / "cache" / "factex" / "last-error.txt"
    assert str(crash) in err and "Traceback" in crash.read_text() and "in broken" in crash.read_text() and not unsafe_in(crash.read_text())
    monkeypatch.setenv("FACTEX_DEBUG", "1")
    with pytest.raises(ValueError):
        main(["check"])

    # The app: what Textual prints when it ends on such an error is that one line.
    from pathlib import Path

    from explorer.app.app import FactexApp

    monkeypatch.delenv("FACTEX_DEBUG")
    app = FactexApp(Path(tmp_path), watch=False)
    try:
        raise KeyError("\x1b[2J")
    except KeyError as exc:
        app._handle_exception(exc)
    (line,) = app._exit_renderables
    assert str(line).startswith("factex: stopped on an error it did not expect, a bug (KeyError: ") and not unsafe_in(str(line))
    assert app.return_code == 1


@pytest.mark.parametrize("argv", [
    ["check", ".", "\x1b]0;T\x07\u202e"], ["--\x1b[2J"], ["search", "kim", "--limit=\x9b2J"],
    ["new", "entity", "X", "--type", "person", "--bogus", "\x1b"], ["export", "--format", "\u202ejson"],
])
def test_a_usage_error_quotes_what_was_typed_literally(argv, capsys):
    """argparse quotes an argument it cannot read as it was typed; an argument may hold anything a
    file name holds (`factex check *` in a stranger's folder): its escapes show as markers."""
    with pytest.raises(SystemExit) as ended:
        main(argv)
    assert ended.value.code == 2
    out, err = capsys.readouterr()
    assert "error:" in err and not unsafe_in(err) and not unsafe_in(out)


def test_a_thread_ending_on_a_bug_writes_no_traceback_over_the_screen(tmp_path, monkeypatch):
    """While the app runs, `threading.excepthook` is explorer.core.crash's (FACTEX_DEBUG unset):
    a thread that ends on an error nothing caught writes its traceback to last-error.txt and its
    one line waits for the app to end (Python's default printed the traceback over the screen)."""
    import threading

    from explorer.core import crash

    monkeypatch.setattr(crash, "deferred", [])
    monkeypatch.setattr(threading, "excepthook", crash.thread_excepthook)

    def boom():
        raise RuntimeError("\x1b]0;T\x07 in a thread")

    thread = threading.Thread(target=boom, name="factex-watch")
    thread.start()
    thread.join()
    (line,) = crash.deferred
    assert line.startswith("factex: factex-watch stopped on an error it did not expect, a bug (RuntimeError: ")
    assert not unsafe_in(line)
    assert "in boom" in (tmp_path / "cache" / "factex" / "last-error.txt").read_text()


def test_an_output_that_cannot_be_written_is_one_line_and_a_closed_one_is_nowhere(tmp_path, monkeypatch, capsys):
    """`factex check > /dev/full` (no space left): one line saying so, exit 1, not 'a bug' nor a
    traceback as Python ends; `factex check >&-` (standard output closed): the status as ever."""
    import errno
    import io
    import sys

    ws = hostile.generate(tmp_path / "ws", 1, specials=False, big=False)

    class Full(io.StringIO):
        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.delenv("FACTEX_DEBUG")
    for argv in (["check", str(ws)], ["export", str(ws)], ["check", "--format", "json", str(ws)]):
        monkeypatch.setattr(sys, "stdout", Full())
        assert main(argv) == 1
        assert capsys.readouterr().err == "factex: cannot write the output: No space left on device\n"
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["check", str(ws)]) in (0, 1)
    assert capsys.readouterr().err == ""


# factex mentions --format json made a record of each mention before writing the first (400,000
# records at once): safetext.JSONArray hands them to the encoder one at a time, as they are written.
@settings(max_examples=50, deadline=None)
@given(values=st.lists(st.dictionaries(st.text(max_size=5), st.one_of(st.text(max_size=20), st.integers(), st.none())),
                       max_size=40), size=st.integers(1, 64))
def test_a_json_array_made_as_written_is_the_same_json_and_is_never_held_whole(values, size):
    import json

    from explorer.core.safetext import JSONArray, json_pieces, json_text

    made = []

    def each():
        for v in values:
            made.append(v)
            yield v

    data = {"mentions": JSONArray(each(), len(values)), "counts": {"a": 1}}
    pieces = json_pieces(data, size=size)
    first = next(pieces, "")
    if len(values) > 3:
        assert len(made) < len(values)  # the first piece out before every value was made
    text = first + "".join(pieces)
    assert text == json_text({"mentions": values, "counts": {"a": 1}})
    assert json.loads(text)["mentions"] == values


def test_mentions_json_writes_its_first_piece_before_every_record_is_made(ws, monkeypatch):
    import io
    import sys as _sys

    from explorer.cli import mentions as cli_mentions
    from explorer.core import mentions as core_mentions

    ws.basic()
    ws.source("many.txt", "Alice Smith met Bob Jones. " * 3000 + "\n")
    made = []
    real = core_mentions.Mention.to_json
    monkeypatch.setattr(core_mentions.Mention, "to_json", lambda self: (made.append(1), real(self))[1])

    class Out(io.StringIO):
        at_first = None

        def write(self, text):
            if self.at_first is None and text.strip():
                self.at_first = len(made)
            return super().write(text)

    out = Out()
    monkeypatch.setattr(_sys, "stdout", out)
    monkeypatch.setenv("FACTEX_CACHE", "0")
    assert cli_mentions.run(["--format", "json", str(ws.root)]) == 0
    n = len(json.loads(out.getvalue())["mentions"])
    assert n >= 6000 and len(made) == n
    assert out.at_first < n // 2, (out.at_first, n)  # (main: every record made before the first write)


@pytest.mark.parametrize("argv", [["--help"], ["help"], ["check", "--help"], ["--version"]])
def test_help_and_usage_to_a_full_disk_say_so(tmp_path, argv):
    """`factex --help > /dev/full`: the help is written as argparse exits, so it was flushed only
    as Python ended, silently, exit status 0. Now the one line and exit 1, as for any command."""
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "explorer", *argv], stdout=full, stderr=subprocess.PIPE,
                              text=True, cwd=tmp_path, env={**os.environ, "FACTEX_SERVER": "0"})
    assert done.returncode == 1 and done.stderr.endswith("factex: cannot write the output: No space left on device\n"), (
        done.returncode, done.stderr)
