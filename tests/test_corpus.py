"""Every case of the corpus (tests/corpus.py) through `factex check`, `factex export` and the app.

For each case: the right problems (path, line, severity, message) are reported by all three; the
other cards still load; no traceback; every command ends within the case's time limit and a 2 GiB
address-space limit; nothing from a card reaches the screen as a control code; no payload ran; and
every file of the workspace (and around it) is byte-identical afterwards, none added or removed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import re
import shlex
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from apphelpers import ready, wait_for
from conftest import REPO
from corpus import BASE_IDS, CASES, Case, write_base

SIZE = (120, 40)
MEMORY_LIMIT = 2 << 30

# What must never reach the terminal from a card or a source: C0 controls (ESC starts every ANSI
# and OSC sequence, BEL ends OSC), DEL and C1 controls (U+009B is a one-character CSI), bidi
# overrides and isolates, zero-width characters and the byte-order mark.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# What Textual itself writes to draw a frame: colours (SGR) and cursor moves. Nothing else.
TEXTUAL_OWN = re.compile(r"\x1b\[[0-9;]*[mH]")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("FACTEX_THEME", "textual-dark")
    monkeypatch.setenv("FACTEX_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.chdir(tmp_path)


# -- helpers -----------------------------------------------------------------------------------


def snapshot(folder: Path, skip: set[str]) -> dict[str, tuple]:
    """Every entry under `folder` (links not followed) and what it holds."""
    result: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        rel_dir = os.path.relpath(dirpath, folder)
        dirnames[:] = [d for d in dirnames if os.path.normpath(os.path.join(rel_dir, d)) not in skip]
        for name in (*dirnames, *filenames):
            path = os.path.join(dirpath, name)
            rel = os.path.normpath(os.path.join(rel_dir, name))
            if rel in skip:
                continue
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                result[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(st.st_mode):
                result[rel] = ("dir",)
            elif stat.S_ISREG(st.st_mode):
                try:
                    with open(path, "rb") as fh:
                        digest = hashlib.file_digest(fh, "sha256").hexdigest()
                except PermissionError:
                    digest = "unreadable"
                result[rel] = ("file", st.st_size, digest, stat.S_IMODE(st.st_mode))
            else:
                result[rel] = ("special", stat.S_IFMT(st.st_mode))
    return result


def _limit_memory():  # runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


_FORKS = None


def _forks():
    """A fork server that has the command line imported (see tests/cli_runner.py)."""
    global _FORKS
    if _FORKS is None:
        import multiprocessing
        from multiprocessing import forkserver

        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["cli_runner"])
        # The fork server imports its preload with the interpreter's own sys.path, not the
        # parent's (Python 3.11 to 3.13 ignore the sys_path they pass it): without this folder on
        # PYTHONPATH the import failed silently and every command imported cli_runner (and the
        # command line) itself. cli_runner puts PYTHONPATH back as it was, for the commands.
        old = os.environ.get("PYTHONPATH")
        os.environ["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parent), *([old] if old else [])])
        os.environ["FACTEX_TEST_PYTHONPATH"] = "" if old is None else "=" + old
        try:
            forkserver.ensure_running()
        finally:
            del os.environ["FACTEX_TEST_PYTHONPATH"]
            if old is None:
                del os.environ["PYTHONPATH"]
            else:
                os.environ["PYTHONPATH"] = old
        _FORKS = context
    return _FORKS


def start_commands(root: Path) -> dict[str, tuple]:
    """Start `factex check` and `factex export --format json` side by side, each in a process of
    its own bounded in memory (and, when collected, in time)."""
    import cli_runner

    env = {"NO_COLOR": "1", "COLUMNS": "200"}
    started = {}
    for name, args in (("check", ["check"]), ("export", ["export", "--format", "json"])):
        out, err = root.parent / f"tools/{name}.out", root.parent / f"tools/{name}.err"
        proc = _forks().Process(target=cli_runner.run,
                                args=([*args, str(root)], str(root), str(out), str(err), env, MEMORY_LIMIT))
        proc.start()
        started[name] = (proc, out, err)
    return started


def finish_commands(procs: dict[str, tuple], deadline: float, timeout: float) -> dict[str, subprocess.CompletedProcess]:
    results = {}
    try:
        for name, (proc, out, err) in procs.items():
            proc.join(max(0.1, deadline - time.monotonic()))
            if proc.is_alive():
                pytest.fail(f"`factex {name}` did not finish within {timeout:.0f} s")
            results[name] = subprocess.CompletedProcess(
                ["factex", name], proc.exitcode, out.read_bytes().decode("utf-8", "replace"),
                err.read_bytes().decode("utf-8", "replace"))
    finally:
        for proc, _, _ in procs.values():
            if proc.is_alive():
                proc.kill()
                proc.join()
    return results


def check_line(file: str, line: int | None, severity: str, substring: str) -> re.Pattern:
    """The `path:line:col: severity: message` line `factex check` prints for an expectation."""
    from explorer.core.safetext import visible

    return re.compile(
        "^" + re.escape(visible(file.rstrip("/"))) + "/?:" + (str(line) if line else r"\d+") + r":\d+: "
        + re.escape(severity) + ": .*" + re.escape(visible(substring)),
        re.M,
    )


def matches(problem: dict, expectation: tuple) -> bool:
    file, line, severity, substring = expectation
    return (problem["file"].rstrip("/") == file.rstrip("/") and (line is None or problem["line"] == line)
            and problem["severity"] == severity and substring in problem["message"])


def card_id(file: str) -> str | None:
    if not file.startswith("facts/"):
        return None
    name = file.rsplit("/", 1)[-1]
    return name[: name.rfind(".")]


def screen_text(app) -> str:
    """What the current screen shows, as text: one line per terminal row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def terminal_output(app) -> str:
    """What the app would write to the terminal to draw the current screen in full."""
    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", legacy_windows=False, safe_box=False)
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return update.render_segments(console)


def assert_screen_safe(app, where: str) -> str:
    text = screen_text(app)
    bad = UNSAFE.search(text)
    assert bad is None, f"{where}: control character {bad.group()!r} on screen: {text[max(0, bad.start() - 60):bad.end() + 20]!r}"
    raw = TEXTUAL_OWN.sub("", terminal_output(app)).replace("\n", "").replace("\r", "")
    bad = UNSAFE.search(raw)
    assert bad is None, f"{where}: {bad.group()!r} written to the terminal: {raw[max(0, bad.start() - 60):bad.end() + 20]!r}"
    return text


def status_text(app) -> str:
    return str(app.main_screen.query_one("#status").render())


RECORDING_EDITOR = """
import json, os, sys
with open(os.environ["FACTEX_TEST_EDITOR_LOG"], "w", encoding="utf-8") as fh:
    json.dump(sys.argv[1:], fh)
"""


# -- the test ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_corpus_case(case: Case, tmp_path, monkeypatch):
    root = tmp_path / "ws"
    (root / "facts").mkdir(parents=True)
    (root / "seeds").mkdir()
    if case.base:
        write_base(root)
    extra = case.build(root)
    expect = [*case.expect, *(extra if isinstance(extra, list) else [])]
    tools = tmp_path / "tools"
    tools.mkdir()
    before = snapshot(tmp_path, skip={"tools"})

    loads = set(BASE_IDS if case.base else ()) if case.loads is None else set(case.loads)
    bad = set(case.bad) | {cid for f, _, sev, _ in expect if sev == "error" and (cid := card_id(f))}
    assert not loads & bad, "a case cannot expect a card both valid and broken"
    exit_status = case.exit if case.exit is not None else int(any(sev == "error" for _, _, sev, _ in expect))

    # 1, 2: the command line
    # (first, and on their own: a load that never ends would keep the app's loader thread busy)
    out = finish_commands(start_commands(root), time.monotonic() + case.timeout, case.timeout)
    if case.cpu is not None:  # (each command wrote the CPU time it used)
        cpu = sum(float((tools / f"{name}.out.cpu").read_text()) for name in ("check", "export"))
        assert cpu < case.cpu, f"check and export took {cpu:.1f} CPU seconds (bound: {case.cpu:.0f})"
    check, export = out["check"], out["export"]
    for name, result in out.items():
        assert "Traceback" not in result.stderr, f"factex {name} crashed:\n{result.stderr[-3000:]}"
    assert check.returncode == exit_status, f"check exited {check.returncode}:\n{check.stdout[-3000:]}\n{check.stderr[-2000:]}"
    for expectation in expect:
        assert check_line(*expectation).search(check.stdout), f"check did not print {expectation}:\n{check.stdout[-3000:]}"
    assert UNSAFE.search(check.stdout + check.stderr) is None, f"control characters in check output: {check.stdout[-2000:]!r}"
    assert check.stdout.rstrip("\n").rsplit("\n", 1)[-1].startswith(tuple("0123456789")), "no summary line"

    assert export.returncode == 0, export.stderr[-2000:]
    data = json.loads(export.stdout)
    valid = {item["id"] for item in (*data["entities"], *data["relations"])}
    assert loads <= valid, f"cards that should still load: {sorted(loads - valid)}; problems: {data['problems'][:10]}"
    assert not bad & valid, f"cards with errors were exported as valid: {sorted(bad & valid)}"
    for expectation in expect:
        assert any(matches(p, expectation) for p in data["problems"]), f"export lacks {expectation}: {data['problems'][:10]}"
    for p in data["problems"]:
        assert p["line"] >= 1 and p["column"] >= 1 and p["severity"] in ("error", "warning", "note"), p
    if case.export_check is not None:
        case.export_check(data, root)

    # 3: the app
    from explorer.app.app import FactexApp
    from explorer.app.screens.article import ArticleScreen
    from explorer.app.screens.main import MainScreen
    from explorer.app.screens.problems import ProblemsScreen
    from explorer.core.navigation import Location

    if case.edit:
        script = tools / "recording_editor.py"
        script.write_text(RECORDING_EDITOR)
        monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
        monkeypatch.setenv("FACTEX_TEST_EDITOR_LOG", str(tools / "argv.json"))

    app = FactexApp(root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, case.timeout)  # (the 10 MB source's search index takes seconds on a busy machine)
        base = app.base
        problems = [p.to_json() for p in base.problems]
        for expectation in expect:
            assert any(matches(p, expectation) for p in problems), f"app lacks {expectation}"
        assert loads <= set(base.entities) | set(base.relations)
        assert len(base.errors) == sum(p["severity"] == "error" for p in data["problems"]), "app and export disagree"
        errors = len(base.errors)
        if errors:
            assert f"{errors} error{'s' if errors != 1 else ''}" in status_text(app)
        shown = assert_screen_safe(app, "main screen")

        if case.focus is not None:
            main = app.main_screen
            main.go_to(Location(entity=case.focus))
            await pilot.pause()
            assert main.entity == case.focus
            shown = assert_screen_safe(app, f"main screen on {case.focus!r}")
            for view in case.views:
                if view == "article":
                    await pilot.press("a")
                    await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
                    await pilot.pause()
                    shown += "\n" + assert_screen_safe(app, "article")
                    await pilot.press("escape")
                    await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
            if case.search and importlib.util.find_spec("explorer.core.search") is not None:
                from explorer.app.screens.search import SearchScreen

                await pilot.press("slash")
                await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
                await pilot.press(*case.search)
                await wait_for(pilot, lambda: app.screen.shown_query == case.search
                               and any(kind == "hit" for kind, _ in app.screen.rows))
                await pilot.pause()
                shown += "\n" + assert_screen_safe(app, f"search for {case.search!r}")
                await pilot.press("escape")
                await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
            for literal in case.show:
                assert literal in shown, f"{literal!r} is not shown literally:\n{shown}"

        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        await pilot.pause()
        assert_screen_safe(app, "problems screen")
        if case.name.startswith("screen-"):
            for _ in base.problems[1:]:  # each problem's detail, in turn
                await pilot.press("j")
                assert_screen_safe(app, "problem detail")
        if case.edit:  # (else the app quits from the problems screen: going back drew nothing checked)
            await pilot.press("exclamation_mark")
            await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))

        for cid in case.edit:  # open each card in the recording editor
            log = tools / "argv.json"
            log.unlink(missing_ok=True)
            before_edit = app.base
            app.main_screen.go_to(Location(entity=cid))
            await pilot.pause()
            assert app.main_screen.entity == cid
            await pilot.press("e")
            await wait_for(pilot, log.exists)
            argv = json.loads(log.read_text(encoding="utf-8"))
            target = os.path.realpath(root / "facts" / f"{cid}.yaml")
            assert argv and argv[-1] == target, (cid, argv)  # absolute: never read as an option or a +command
            assert os.path.isabs(argv[-1]) and not any(a.startswith("-") for a in argv), (cid, argv)
            await wait_for(pilot, lambda: app.base is not before_edit and app.base is not None)  # reloaded
        assert app.is_running
        await pilot.press("q")
    assert app.return_code in (0, None)

    after = snapshot(tmp_path, skip={"tools"})
    assert after == before, f"the workspace changed: {sorted(set(after.items()) ^ set(before.items()))[:10]}"
    traces = [str(p) for p in tmp_path.rglob("*PWNED*") if "PWNED" in p.name and "facts" not in p.parts]
    assert not traces, f"a payload ran: {traces}"


# -- a real terminal -----------------------------------------------------------------------------


def test_nothing_from_cards_reaches_a_real_terminal(tmp_path):
    """Run `factex` in a pseudo-terminal over hostile cards and a hostile source, open the
    problems and the article, quit, and look at every byte it wrote: no escape sequence, C1 or bidi
    control from the cards gets through, and their visible markers do."""
    import fcntl
    import pty
    import select
    import struct
    import termios
    import time

    root = tmp_path / "ws"
    (root / "facts").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "seeds" / "evil.txt").write_text(
        "Evil Title \x1b]0;PWNED-SOURCE\x07\n\nThe \x1b]52;c;cHduZWQ=\x07 clip and \u202eturned\u202c text here.\n",
        encoding="utf-8")
    (root / "facts" / "evil.yaml").write_text(
        'kind: entity\nname: "Aaa \\e]0;PWNED-TITLE\\a \\e]8;;https://evil.example/\\e\\\\x \\x9b2J \\u202ert"\n'
        'type: person\ndescription: "\\e]52;c;cHduZWQ=\\a \\e[6n \\u2066iso\\u2069 \\u200b"\n'
        "evidence:\n  - quote: text here\n", encoding="utf-8")
    (root / "facts" / "broken.yaml").write_text(
        'kind: entity\nname: B\ntype: person\n"\\e]0;PWNED-KEY\\a": x\nevidence: [clip]\n', encoding="utf-8")

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "PYTHONPATH": str(REPO), "TERM": "xterm-256color", "COLORTERM": "truecolor",
           "FACTEX_CONFIG": str(tmp_path / "none.toml"), "FACTEX_THEME": "textual-dark"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "explorer", str(root)], stdin=slave, stdout=slave, stderr=slave,
                            env=env, cwd=tmp_path, start_new_session=True, preexec_fn=_limit_memory)
    os.close(slave)
    output = bytearray()

    def pump(seconds: float, until: bytes | None = None) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready_fds, _, _ = select.select([master], [], [], 0.05)
            if ready_fds:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                output.extend(chunk)
                if until is not None and until in output:
                    return

    try:
        pump(20, until="Aaa ␛]0;PWNED-TITLE".encode())
        os.write(master, b"!")  # the problems
        pump(10, until=b"enter: go to the card")
        os.write(master, b"a")  # the article
        pump(10, until=b"coverage")
        pump(0.3)
        os.write(master, b"q")
        pump(10)  # until the app has quit and closed the terminal
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    text = output.decode("utf-8", "replace")
    assert "Traceback" not in text, text[-3000:]
    assert "Aaa ␛]0;PWNED-TITLE␇" in text, "the card never showed"
    for payload in ("\x1b]0;PWNED", "\x1b]52;", "\x1b]8;;https://evil", "\x1b[6n", "\u009b", "\u202e", "\u2066", "\u200b"):
        assert payload not in text, f"{payload!r} reached the terminal"
    assert "␛]0;PWNED-KEY␇" in text  # the problems screen showed the hostile key, as markers
    assert "␛]0;PWNED-SOURCE␇" in text  # the article showed the hostile source, as markers
