"""`factex serve [WORKSPACE]`: the explorer in a web browser, through textual-serve (a library of
the Textual project), read-only by default.

Each browser tab gets its own `factex` process (textual-serve runs the command and relays its
screen over a websocket); this process never imports Textual or the app. The server listens on
127.0.0.1 unless told otherwise, and the explorer runs with --read-only unless --allow-edit. The
page (explorer/web/app_index.html) is textual-serve's own, less its web font from another host, so
it loads nothing from outside the machine.

What reaches it from a browser is checked (`_guard`, every request passes through it): a page of
another site may open a websocket to 127.0.0.1 (browsers allow it, sending the page's Origin) and
would read the explorer's screen and type into it, so a websocket whose Origin is not the page's
own is refused; a page whose host name was made to resolve here (DNS rebinding) names itself in
the Host header, so on a loopback address only this machine's names are answered. A message over
the websocket that is not what the page sends is dropped (`_envelope`), sizes are bounded, and
what textual-serve and aiohttp log is one line through safetext.visible (`_OneLine`): a malformed
message ended in a traceback with its locals on the serving terminal.
"""

from __future__ import annotations

import argparse
import json
import logging
import shlex
import sys
from pathlib import Path

from explorer.cli import options

LOOPBACK = ("127.0.0.1", "localhost", "::1")
WEB = Path(__file__).resolve().parent.parent / "web"


def command(root: Path, allow_edit: bool) -> str:
    """The shell command textual-serve runs for each browser session."""
    parts = [sys.executable, "-m", "explorer", "-w", str(Path(root).resolve())]
    if not allow_edit:
        parts.append("--read-only")
    return " ".join(shlex.quote(p) for p in parts)


# A terminal's size as a browser may ask for it (columns, rows): anything outside is brought inside.
MAX_COLUMNS, MAX_ROWS = 1000, 500


def _names(hosts, port: int) -> set[str]:
    out = set()
    for name in hosts:
        shown = f"[{name}]" if ":" in name else name
        out.add(f"{shown}:{port}")
        if port == 80:
            out.add(shown)
    return out


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """The Host headers a request may carry (lower case), or None for any: on a loopback address,
    this machine's names with the port; on one address, that address; on every address (0.0.0.0,
    ::), any, since the names other machines know it by are not known here."""
    if host in ("", "0.0.0.0", "::"):
        return None
    return frozenset(_names(LOOPBACK if host.lower() in LOOPBACK else (host.lower(),), port))


def refusal(headers, allowed: frozenset[str] | None, port: int) -> str | None:
    """Why a request with these headers is refused, or None: a Host not in `allowed`, or an Origin
    (a browser sends one with every websocket) that is not a page of this server: http://HOST, or
    this machine's or an allowed name with this server's port (the page names the websocket by the
    address listened on, which may not be the name the page was opened by)."""
    host = (headers.get("Host") or "").strip().lower()
    if allowed is not None and host not in allowed:
        return "not this server's name"
    origin = headers.get("Origin")
    if origin is None:  # (not a browser's request from a page)
        return None
    scheme, _, netloc = origin.strip().lower().partition("://")
    pages = {host} | (allowed or set()) | _names((*LOOPBACK, "0.0.0.0", "::"), port)
    if scheme not in ("http", "https") or netloc not in pages:
        return "a page of another site"
    return None


def _size(value, default: int, most: int) -> int:
    """A size from a browser: an int (not a bool) within 1..most, else `default` or the bound."""
    if isinstance(value, str):
        try:
            value = int(value.strip()) if len(value) < 12 else default
        except ValueError:
            value = default
    if not isinstance(value, int) or isinstance(value, bool):
        value = default
    return max(1, min(most, value))


def _envelope(data) -> tuple | None:
    """A websocket message as the page sends it (["stdin", text], ["resize", {width, height}],
    ["ping", data], ["blur"], ["focus"]), as (kind, value); None for anything else."""
    try:
        envelope = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    kind, value = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind == "stdin":
        return (kind, value) if isinstance(value, str) else None
    if kind == "resize":
        if not isinstance(value, dict):
            return None
        return kind, (_size(value.get("width"), 80, MAX_COLUMNS), _size(value.get("height"), 24, MAX_ROWS))
    if kind == "ping":
        return (kind, value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None
    if kind in ("blur", "focus"):
        return kind, None
    return None


def _refused_request(exc: BaseException) -> bool:
    """A request aiohttp could not answer because of what it held (a header line over 8 KB, a
    file name too long for the file system, a websocket asked for without its upgrade) or a
    connection the browser dropped: a client's doing, not a bug of factex."""
    from aiohttp import http_exceptions, web

    return isinstance(exc, (web.HTTPException, http_exceptions.HttpProcessingError, OSError))


class _OneLine(logging.Handler):
    """What textual-serve and aiohttp log (an error in a browser's session, a malformed request),
    as one line on standard error through safetext.visible; an exception's traceback goes to
    last-error.txt (explorer.core.crash), never to the terminal."""

    def emit(self, record: logging.LogRecord) -> None:
        from explorer.core.crash import unexpected
        from explorer.core.safetext import visible

        try:
            exc = record.exc_info[1] if record.exc_info else None
            if exc is not None and _refused_request(exc):  # (what a client sent: said, not a bug)
                said = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                line = f"factex serve: a request could not be answered: {visible(said)[:200]}"
            elif exc is not None:
                line = unexpected(exc).replace("factex: stopped on", "factex serve: a browser's session stopped on", 1)
            else:
                line = f"factex serve: {visible(record.getMessage())}"
            print(line[:500], file=sys.stderr, flush=True)
        except Exception:  # (nowhere to say it)
            pass


def make_server(root: Path, *, host: str = "127.0.0.1", port: int = 8000, allow_edit: bool = False):
    import textual_serve
    from aiohttp import WSMsgType, web
    from textual_serve.server import Server

    from explorer.core.safetext import visible

    statics = Path(textual_serve.__file__).resolve().parent / "static"
    # (the folder's name as the app shows it: a bidi override or an escape in it is a marker on
    # the page and in the browser's tab, which the template's HTML escaping leaves as they are)
    title = f"factex · {visible(Path(root).resolve().name)}"

    class _Server(Server):
        async def on_startup(self, app) -> None:
            # (textual-serve's own banner prints the command, the workspace's path in it, through
            # Rich's markup: a folder named "news [b]" lost its "[b]" and turned the line bold)
            print(f"factex serve: {visible(str(Path(root).resolve()))} on {visible(self.public_url)}; Ctrl+C stops it",
                  file=sys.stderr, flush=True)

        def initialize_logging(self) -> None:
            handler = _OneLine(logging.WARNING)
            top = logging.getLogger()
            top.handlers[:] = [handler]
            top.setLevel(logging.WARNING)

        async def _make_app(self):
            app = await super()._make_app()
            app.middlewares.append(_guard)
            return app

        async def _process_messages(self, websocket, app_service) -> None:
            async for message in websocket:
                got = _envelope(message.data) if message.type == WSMsgType.TEXT else None
                if got is None:
                    continue
                kind, value = got
                if kind == "stdin":
                    await app_service.send_bytes(value.encode("utf-8", "replace"))
                elif kind == "resize":
                    await app_service.set_terminal_size(*value)
                elif kind == "ping":
                    await websocket.send_json(["pong", value])
                elif kind == "blur":
                    await app_service.blur()
                elif kind == "focus":
                    await app_service.focus()

    allowed = allowed_hosts(host, port)

    @web.middleware
    async def _guard(request, handler):
        why = refusal(request.headers, allowed, port)
        if why is not None:
            return web.Response(status=403, text=f"factex serve: refused: {why}\n")
        if request.path == "/ws":  # (the terminal's first size, as the page asks: bounded)
            query = request.rel_url.query
            width, height = _size(query.get("width", "80"), 80, MAX_COLUMNS), _size(query.get("height", "24"), 24, MAX_ROWS)
            if (query.get("width"), query.get("height")) != (str(width), str(height)):
                request = request.clone(rel_url=request.rel_url.update_query(width=width, height=height))
        return await handler(request)

    return _Server(command(root, allow_edit), host=host, port=port, title=title, statics_path=statics, templates_path=WEB)


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex serve",
        description="Serve the explorer to a web browser: open the address it prints. Each tab runs its own "
        "explorer. Read-only unless --allow-edit: the keys that open an editor or write a card do nothing. "
        "Listens on this machine only (127.0.0.1) unless --host says otherwise.",
        epilog="Needs textual-serve: pip install 'factex[serve]'. Stop it with Ctrl+C.\n\n"
        "examples:\n"
        "  factex serve                          http://127.0.0.1:8000 for the workspace here\n"
        "  factex serve ~/news --port 9000\n"
        "  factex serve --host 0.0.0.0           every machine that can reach this one may browse (read-only)",
        formatter_class=options.HelpFormatter,
    )
    options.add_workspace(p)
    p.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    p.add_argument("--allow-edit", action="store_true",
                   help="let the browser open an editor (on this machine) and write new cards")
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    if not 0 < args.port < 65536:
        p.error("--port must be between 1 and 65535")
    root = options.find_root(options.workspace(p, args))
    if root is None:
        return 2
    try:
        server = make_server(root, host=args.host, port=args.port, allow_edit=args.allow_edit)
    except ImportError:
        print("factex serve: needs textual-serve: pip install 'factex[serve]' (or pip install textual-serve)", file=sys.stderr)
        return 2
    from explorer.core.safetext import visible

    if args.host not in LOOPBACK:
        print(f"factex serve: listening on {visible(args.host)}: other machines can open the explorer"
              + ("" if not args.allow_edit else ", and edit cards"), file=sys.stderr)
    try:
        server.serve()
    except OSError as exc:
        print(f"factex serve: cannot listen on {visible(args.host)}:{args.port}: {visible(str(exc.strerror or exc))}", file=sys.stderr)
        return 2
    return 0
