"""`factex serve`: a real headless Chromium (Debian's `chromium`) opens the page on 127.0.0.1 and the
test reads what the terminal in the page shows.

The page draws the terminal on a canvas (xterm.js, WebGL or 2D), so there is no DOM text to read:
the test asks Chromium, over the DevTools protocol on a loopback port, for the xterm.js terminal
objects on the page's heap (`Runtime.queryObjects`) and reads their screen buffer, which is what the
canvas shows. Chromium may not resolve any host name but 127.0.0.1 (`--host-resolver-rules`), so
nothing leaves the machine. Everything is bounded in time; the browser and server are killed after.
"""

import asyncio
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is missing: apt-get install chromium (.ci/run does)"),
]
aiohttp = pytest.importorskip("aiohttp", reason="textual-serve is missing: pip install -e '.[test]'")
pytest.importorskip("textual_serve", reason="textual-serve is missing: pip install -e '.[test]'")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
         "--disable-extensions", "--mute-audio", "--window-size=1400,1000",
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]

READ_SCREEN = """function () {
  const isTerminal = o => { try {  // a getter of some prototypes on the heap throws: skip those
    return !!(o && o.buffer && o.buffer.active && typeof o.buffer.active.getLine === 'function' && typeof o.rows === 'number');
  } catch (e) { return false; } };
  const terms = this.filter(isTerminal);
  return terms.map(t => { const b = t.buffer.active, rows = [];
    for (let i = 0; i < t.rows; i++) { const line = b.getLine(b.viewportY + i); rows.push(line ? line.translateToString(true) : ''); }
    return rows.join('\\n'); }).join('\\n----\\n');
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, deadline: float, proc: subprocess.Popen) -> None:
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the process ended: {proc.stdout.read() if proc.stdout else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing listens on 127.0.0.1:{port}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


class CDP:
    """The few DevTools protocol calls the test needs, over Chromium's loopback websocket."""

    def __init__(self, ws):
        self.ws, self.next_id = ws, 0

    async def call(self, method: str, **params):
        self.next_id += 1
        my_id = self.next_id
        await self.ws.send_json({"id": my_id, "method": method, "params": params})
        while True:
            message = await self.ws.receive_json(timeout=60)  # (a screenshot or a heap query under a loaded machine took over 10 s)
            if message.get("id") == my_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    async def screen(self) -> str:
        """The text on the xterm.js terminals' screens, read from the page's heap."""
        proto = await self.call("Runtime.evaluate", expression="Object.prototype")
        found = await self.call("Runtime.queryObjects", prototypeObjectId=proto["result"]["objectId"])
        text = await self.call("Runtime.callFunctionOn", objectId=found["objects"]["objectId"],
                               functionDeclaration=READ_SCREEN, returnByValue=True)
        await self.call("Runtime.releaseObjectGroup", objectGroup="")
        return text["result"].get("value") or ""

    async def key(self, char: str) -> None:
        """Type a key into the terminal (its hidden textarea takes the keyboard)."""
        await self.call("Runtime.evaluate", expression="document.querySelector('.xterm-helper-textarea').focus()")
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": char, "code": f"Key{char.upper()}"}
            if kind == "keyDown":
                params["text"] = char
            await self.call("Input.dispatchKeyEvent", **params)


async def drive(debug_port: int, url: str, steps, deadline: float):
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{debug_port}/json/list") as response:
            pages = [t for t in await response.json() if t["type"] == "page"]
        async with session.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            cdp = CDP(ws)
            await cdp.call("Page.enable")
            await cdp.call("Runtime.enable")
            await cdp.call("Page.navigate", url=url)
            return await steps(cdp, deadline)


async def wait_for(cdp: CDP, deadline: float, predicate) -> str:
    text = ""
    while time.monotonic() < deadline:
        text = await cdp.screen()
        if predicate(text):
            return text
        await asyncio.sleep(0.3)
    pytest.fail(f"the page never showed it; last screen:\n{text}")


@pytest.fixture
def served(tmp_path):
    """`factex serve` for the shipped workspace and a headless Chromium with a loopback DevTools port."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "explorer", "serve", str(REPO), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
                              env={**os.environ, "FACTEX_CACHE": "0", "NO_COLOR": "1"})
    browser = None
    try:
        wait_for_port(port, time.monotonic() + 60, server)  # hang guards, not speed goals
        profile = tmp_path / "profile"
        browser = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
                                    "--remote-debugging-address=127.0.0.1", "about:blank"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        active = profile / "DevToolsActivePort"
        end = time.monotonic() + 60
        while not (active.exists() and active.read_text().strip()) and time.monotonic() < end:
            time.sleep(0.1)
        if not (active.exists() and active.read_text().strip()):
            pytest.fail("Chromium did not start within a minute")
        debug_port = int(active.read_text().split()[0])
        yield port, debug_port
    finally:
        if browser is not None:
            stop(browser)
        stop(server)


def test_the_browser_shows_the_articles_facts_read_only(served, tmp_path):
    port, debug_port = served

    async def steps(cdp, deadline):
        screen = await wait_for(cdp, deadline, lambda t: "Kim Jong Un" in t and "Vladimir Putin" in t)
        shot = await cdp.call("Page.captureScreenshot", format="png")
        (tmp_path / "serve.png").write_bytes(base64.b64decode(shot["data"]))
        await cdp.key("e")  # would open an editor: read-only says no
        after = await wait_for(cdp, deadline, lambda t: "Read-only" in t)
        return screen, after

    screen, after = asyncio.run(drive(debug_port, f"http://127.0.0.1:{port}/", steps, time.monotonic() + 60))
    assert "Entities" in screen or "entities" in screen.lower()
    assert "cannot open an editor" in after.replace("\n", " ")
    assert (tmp_path / "serve.png").stat().st_size > 10_000


def test_the_command_it_serves_is_read_only_unless_allowed(tmp_path):
    from explorer.cli.serve import command

    assert command(tmp_path / "a b", allow_edit=False).endswith("--read-only")
    assert "'" in command(tmp_path / "a b", allow_edit=False)  # the path is quoted for the shell
    assert "--read-only" not in command(tmp_path, allow_edit=True)


def test_the_pages_title_shows_the_folders_name_literally(tmp_path):
    """The page's title (the browser's tab and the page's heading) is the workspace folder's name
    as the app shows it: markup as typed, an escape or a bidi override as a marker."""
    pytest.importorskip("textual_serve")
    from explorer.cli.serve import make_server

    root = tmp_path / "news [b]\x1b]0;T\x07\u202eevil"
    (root / "facts").mkdir(parents=True)
    server = make_server(root, port=0)
    assert server.title == "factex · news [b]\u241b]0;T\u2407\u27e8U+202E\u27e9evil"


def test_what_serve_prints_holds_the_workspace_and_the_host_literally(tmp_path, capsys):
    """The line saying where the explorer is served names the folder and the address as typed,
    markup and all, escapes as markers (textual-serve's banner printed the folder through Rich's
    markup: "news [b]" lost its "[b]"; an escape in --host reached the terminal raw)."""
    pytest.importorskip("textual_serve")
    from explorer.cli import serve
    from explorer.cli.serve import make_server
    from test_hostile_cli import unsafe_in

    root = tmp_path / "news [b]\x1b]0;T\x07\u202eevil"
    (root / "facts").mkdir(parents=True)
    asyncio.run(make_server(root, port=0).on_startup(None))
    err = capsys.readouterr().err
    assert err.startswith("factex serve: ") and err.count("\n") == 1 and not unsafe_in(err), err
    assert "news [b]\u241b]0;T\u2407\u27e8U+202E\u27e9evil on http://127.0.0.1:0" in err
    host = "nowhere.invalid\x1b]0;T\x07[b]"
    assert serve.run([str(root), "--host", host, "--port", "8123"]) == 2
    err = capsys.readouterr().err
    assert not unsafe_in(err) and "cannot listen on nowhere.invalid\u241b]0;T\u2407[b]:8123" in err, err


@pytest.fixture
def serving(tmp_path):
    """`factex serve` for a small workspace on a free loopback port, its output kept (no browser)."""
    from explorer.cli import main

    assert main(["init", str(tmp_path / "ws")]) == 0
    port = free_port()
    log = open(tmp_path / "serve.log", "w+b")
    server = subprocess.Popen([sys.executable, "-m", "explorer", "serve", str(tmp_path / "ws"), "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                              env={**os.environ, "FACTEX_CACHE": "0", "NO_COLOR": "1", "XDG_CACHE_HOME": str(tmp_path / "cache")})
    try:
        wait_for_port(port, time.monotonic() + 60, server)  # (a hang guard)
        yield port, tmp_path / "serve.log"
    finally:
        stop(server)
        log.close()


def test_a_page_of_another_site_or_name_is_refused(serving):
    """Browsers let any page open a websocket to 127.0.0.1 (sending the page's Origin): a page of
    another site read the explorer's screen and typed into it. A page whose name was made to
    resolve to 127.0.0.1 (DNS rebinding) names itself in Host. Both are refused (403); the page
    itself, by any of this machine's names, and a client that is no browser (no Origin) are served."""
    port, _ = serving
    url = f"http://127.0.0.1:{port}"

    async def go():
        out = {}
        async with aiohttp.ClientSession() as session:
            for name, headers in [("other site", {"Origin": "http://evil.example"}), ("null", {"Origin": "null"}),
                                  ("same host, other port", {"Origin": f"http://127.0.0.1:{port + 1}"}),
                                  ("rebound", {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"}),
                                  ("page", {"Origin": url}), ("page by name", {"Origin": f"http://localhost:{port}"}),
                                  ("no browser", {})]:
                try:
                    async with session.ws_connect(f"{url}/ws", headers=headers, timeout=aiohttp.ClientWSTimeout(ws_close=30)) as ws:
                        await ws.send_str('["ping", "p"]')
                        while (m := await ws.receive(timeout=30)).type != aiohttp.WSMsgType.TEXT or "pong" not in m.data:
                            pass
                        out[name] = "served"
                except aiohttp.WSServerHandshakeError as exc:
                    out[name] = exc.status
            for name, host in [("page rebound", f"evil.example:{port}"), ("page", f"127.0.0.1:{port}"),
                               ("page by name", f"localhost:{port}")]:
                async with session.get(f"{url}/", headers={"Host": host}) as response:
                    out[name + " (GET /)"] = response.status
        return out

    got = asyncio.run(go())
    assert got == {"other site": 403, "null": 403, "same host, other port": 403, "rebound": 403, "page": "served",
                   "page by name": "served", "no browser": "served",
                   "page rebound (GET /)": 403, "page (GET /)": 200, "page by name (GET /)": 200}


def _messages(rng) -> list:
    """Websocket messages that are not what the page sends: not JSON, deep JSON, other shapes,
    fields of every type, sizes out of range, lone surrogates; and binary frames."""
    values = [None, True, 0, -1, 10**30, 1.5, "x", "\x1b]0;T\x07[b]\u202e", "\ud800", [], {}, "9" * 5000, [[["x"]]]]
    kinds = ["stdin", "resize", "ping", "blur", "focus", "", "quit", "\x1b[2J", 5, None]
    out = ["not json", "[" * 100_000, "{}", "[]", '"stdin"', "null", '["stdin", "\\ud800"]', "", "[1, 2"]
    for _ in range(60):
        kind = rng.choice(kinds)
        if kind == "resize" and rng.random() < 0.7:
            value = {k: rng.choice(values) for k in rng.sample(["width", "height", "x"], rng.randint(0, 3))}
        else:
            value = rng.choice(values)
        out.append(json.dumps([kind, value][: rng.randint(0, 2)] if rng.random() < 0.9 else {"type": kind}))
    out += [b"\xff\x00", b"[\"stdin\", \"x\"]"]
    return out


@pytest.mark.parametrize("seed", range(2))
def test_any_websocket_message_is_answered_or_dropped_never_a_traceback(serving, seed):
    """What a browser's websocket sends that is not what the page sends is dropped: the session
    goes on (a ping after them is answered) and the serving terminal shows no traceback (textual-
    serve ended the session with a Rich traceback and its locals for "not json", a missing field,
    a number where text goes; a terminal size of 10^30 reached the app)."""
    import random

    port, log = serving

    async def go():
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"http://127.0.0.1:{port}/ws?width=99999999999&height=-3", timeout=aiohttp.ClientWSTimeout(ws_close=30)) as ws:
                for message in _messages(random.Random(seed)):
                    await (ws.send_bytes(message) if isinstance(message, bytes) else ws.send_str(message))
                await ws.send_str('["ping", "after"]')
                while (m := await ws.receive(timeout=60)).type != aiohttp.WSMsgType.TEXT or "after" not in m.data:
                    assert m.type not in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR), m
                return json.loads(m.data)

    assert asyncio.run(go()) == ["pong", "after"]
    said = log.read_bytes().decode("utf-8", "replace")
    assert "Traceback" not in said and "╭" not in said and "Error" not in said, said


def test_the_size_a_browser_asks_for_is_bounded():
    from explorer.cli.serve import MAX_COLUMNS, MAX_ROWS, _envelope

    assert _envelope('["resize", {"width": 10000000000000, "height": -4}]') == ("resize", (MAX_COLUMNS, 1))
    assert _envelope('["resize", {"width": "120", "height": 40}]') == ("resize", (120, 40))
    assert _envelope('["resize", {"width": true}]') == ("resize", (80, 24))
    assert _envelope('["stdin", "q"]') == ("stdin", "q") and _envelope('["stdin", 5]') is None
    assert MAX_ROWS < MAX_COLUMNS


def test_a_malformed_request_is_one_line_and_no_bug(serving):
    """What aiohttp cannot answer because of what a client sent (a header line over 8 KB, a file
    name too long for the file system, a websocket asked for without its upgrade, not HTTP at
    all) is one line saying so on the serving terminal: not a bug, no last-error.txt."""
    port, log = serving
    requests = [b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nX: " % port + b"a" * 100_000 + b"\r\n\r\n",
                b"GET /static/" + b"a" * 5000 + b" HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port,
                b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port,
                b"\x1b]0;T\x07 [b]\r\n\r\n"]
    for raw in requests:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
            conn.sendall(raw)
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(65536):
                pass
    deadline = time.monotonic() + 30  # (a hang guard: the lines are written as each request ends)
    while (said := log.read_bytes().decode("utf-8", "replace")).count("a request could not be answered") < 2 \
            and time.monotonic() < deadline:
        time.sleep(0.05)
    from test_hostile_cli import unsafe_in

    assert "bug" not in said and "Traceback" not in said and not unsafe_in(said), said
    assert said.count("a request could not be answered") >= 2, said


def test_on_every_address_any_name_is_answered():
    """SECURITY.md says exactly this: on a loopback address only this machine's names are served
    (a rebinding site's own name is refused); on one other address only that address; on every
    address (0.0.0.0, ::) any Host, so a rebinding page whose Origin is its own Host is served."""
    from explorer.cli.serve import allowed_hosts, refusal

    port = 8123
    rebound = {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"}
    for host in ("127.0.0.1", "localhost", "::1"):
        assert allowed_hosts(host, port) == {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}
        assert refusal(rebound, allowed_hosts(host, port), port) == "not this server's name"
        assert refusal({}, allowed_hosts(host, port), port) == "not this server's name"
    assert allowed_hosts("127.0.0.1", 80) >= {"127.0.0.1", "localhost", "[::1]"}
    assert allowed_hosts("192.168.1.5", port) == {f"192.168.1.5:{port}"}
    assert refusal(rebound, allowed_hosts("192.168.1.5", port), port) == "not this server's name"
    for host in ("0.0.0.0", "::", ""):
        assert allowed_hosts(host, port) is None
        assert refusal(rebound, None, port) is None  # (the documented limit: rebinding is served)
        assert refusal({**rebound, "Origin": "http://other.example"}, None, port) == "a page of another site"
        assert refusal({"Host": f"evil.example:{port}", "Origin": "null"}, None, port) == "a page of another site"
        assert refusal({"Host": f"evil.example:{port}", "Origin": f"http://0.0.0.0:{port}"}, None, port) is None
    ok = {"Host": f"127.0.0.1:{port}"}
    local = allowed_hosts("127.0.0.1", port)
    assert refusal({**ok, "Origin": f"https://localhost:{port}"}, local, port) is None
    assert refusal({**ok, "Origin": f"http://127.0.0.1:{port + 1}"}, local, port) == "a page of another site"
    assert refusal({**ok, "Origin": f"ftp://127.0.0.1:{port}"}, local, port) == "a page of another site"
