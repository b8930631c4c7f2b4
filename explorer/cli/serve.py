"""`factex serve [WORKSPACE]`: the explorer in a web browser, through textual-serve (a library of
the Textual project), read-only by default.

Each browser tab gets its own `factex` process (textual-serve runs the command and relays its
screen over a websocket); this process never imports Textual or the app. The server listens on
127.0.0.1 unless told otherwise, and the explorer runs with --read-only unless --allow-edit. The
page (explorer/web/app_index.html) is textual-serve's own, less its web font from another host, so
it loads nothing from outside the machine.
"""

from __future__ import annotations

import argparse
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


def make_server(root: Path, *, host: str = "127.0.0.1", port: int = 8000, allow_edit: bool = False):
    import textual_serve
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
