"""`factex serve`: the explorer in a browser, through textual-serve (a library of the Textual project).

Each browser tab gets its own `factex` process (textual-serve runs the command and relays its
screen over a websocket). The server listens on 127.0.0.1 unless told otherwise, and the explorer
runs read-only unless `allow_edit`: the keys that open an editor or write a card do nothing.
The page is textual-serve's own, less its web font from another host, so it loads nothing from
outside the machine.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

WEB = Path(__file__).resolve().parent / "web"


def command(root: Path, allow_edit: bool) -> str:
    """The shell command textual-serve runs for each browser session."""
    parts = [sys.executable, "-m", "explorer", "-w", str(Path(root).resolve())]
    if not allow_edit:
        parts.append("--read-only")
    return " ".join(shlex.quote(p) for p in parts)


def make_server(root: Path, *, host: str = "127.0.0.1", port: int = 8000, allow_edit: bool = False):
    import textual_serve
    from textual_serve.server import Server

    statics = Path(textual_serve.__file__).resolve().parent / "static"
    title = f"factex · {Path(root).resolve().name}"
    return Server(command(root, allow_edit), host=host, port=port, title=title,
                  statics_path=statics, templates_path=WEB)


def serve(root: Path, *, host: str = "127.0.0.1", port: int = 8000, allow_edit: bool = False) -> None:
    make_server(root, host=host, port=port, allow_edit=allow_edit).serve()
