"""What a first start (no card cache, no stored frame) does before its facts are on screen.

factex runs on a real terminal (a pty) with an empty cache folder, as a user's first start does;
once the facts show (the app's `facts_shown`), it writes down which modules it has imported and
which of its lazily compiled patterns were compiled, and quits. Each thing listed here costs the
first frame instructions that nothing on it needs (the numbers: docs/speed.md).
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Started instead of `python -m explorer ROOT`: the same start, with a report when the facts show.
_DRIVER = r"""
import importlib.abc, importlib.machinery, json, os, sys

class Hook(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "explorer.app.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        exec_module = spec.loader.exec_module

        def patched(module):
            exec_module(module)
            init = module.FactexApp.__init__

            def __init__(self, *args, facts_shown=None, **kwargs):
                def shown():
                    from explorer.core import safetext
                    from explorer.core.text import LazyPattern
                    lazies = {}
                    for mod in list(sys.modules.values()):
                        if getattr(mod, "__name__", "").startswith("explorer."):
                            for k, v in list(vars(mod).items()):
                                if isinstance(v, LazyPattern):
                                    lazies[f"{mod.__name__}.{k}"] = "match" in vars(v)
                    from textual.dom import DOMNode
                    classes, todo = [], [DOMNode]
                    while todo:
                        for sub in todo.pop().__subclasses__():
                            classes.append(f"{sub.__module__}.{sub.__qualname__}")
                            todo.append(sub)
                    with open(os.environ["FIRST_FRAME_REPORT"], "w") as f:
                        json.dump({"modules": sorted(sys.modules), "lazies": lazies, "classes": sorted(set(classes)),
                                   "mark_run": safetext._mark_run.cache_info().currsize,
                                   "unsafe": safetext._unsafe.cache_info().currsize}, f)
                    if facts_shown is not None:
                        facts_shown()
                    self.exit()
                init(self, *args, facts_shown=shown, **kwargs)

            module.FactexApp.__init__ = __init__

        spec.loader.exec_module = patched
        return spec

sys.meta_path.insert(0, Hook())
sys.argv = ["factex", sys.argv[1]]
from explorer.cli import main
raise SystemExit(main())
"""


def _first_start(tmp_path) -> dict:
    report = tmp_path / "report.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL_", "FACTEX_", "XDG_"))}
    env.update(PYTHONPATH=str(REPO), TERM="xterm-256color", COLORTERM="truecolor", XDG_CACHE_HOME=str(tmp_path / "cache"),
               FACTEX_CONFIG=str(tmp_path / "none.toml"), FIRST_FRAME_REPORT=str(report))
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen([sys.executable, "-c", _DRIVER, str(REPO)], stdin=follower, stdout=follower,
                            stderr=follower, env=env, cwd=REPO, start_new_session=True)
    output = bytearray()
    try:
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if select.select([leader], [], [], 0.05)[0]:
                try:
                    output.extend(os.read(leader, 65536))
                except OSError:
                    break
        assert proc.wait(timeout=15) == 0, bytes(output[-3000:])
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(leader)
        os.close(follower)
    assert report.exists(), bytes(output[-3000:])
    return json.loads(report.read_text())


def test_a_first_start_shows_its_facts_without_what_the_first_frame_does_not_need(tmp_path):
    got = _first_start(tmp_path)
    modules = set(got["modules"])
    assert "explorer.app.screens.main" in modules  # (the report is the first frame's)
    # OpenSSL's libcrypto (hashlib, ~11 M instructions): the digests are Python's own (core.digests).
    assert not modules & {"hashlib", "_hashlib"}
    # argparse and gettext (only a command's parser needs them: `factex WORKSPACE` makes none),
    # and the anchoring (the snapshot's anchors are explorer.core.anchoring.sources's, the rest
    # is for a load that reads cards): ~400 page faults and ~5 M instructions of the start.
    assert not modules & {"argparse", "gettext", "explorer.core.anchoring.anchor"}
    # The other views and what only they use.
    assert not {m for m in modules if m.startswith(("explorer.core.search", "explorer.core.mentions",
                                                    "explorer.core.timeline", "explorer.app.watch",
                                                    "explorer.app.articletext", "explorer.app.screens.search",
                                                    "explorer.app.screens.article"))}
    # No pattern compiled that nothing on the first frame matches (text.LazyPattern): the
    # sentence splitter's, the card checks', the stored frame's, ... (~25 M instructions).
    compiled = sorted(name for name, done in got["lazies"].items() if done)
    assert compiled == [] and len(got["lazies"]) >= 20
    # No Textual class of factex's but those the first frame shows: Textual's __init_subclass__
    # walks the whole class for each (~1.6 M instructions a widget, ~1.8 M an App, more a Screen);
    # the Host the screens are typed against is a plain class when the program runs.
    ours = {c.rsplit(".", 1)[-1] for c in got["classes"] if c.startswith("explorer.")}
    assert ours == {"FactexApp", "MainScreen", "VirtualList", "EvidenceScroll", "FooterSketch"}
    # Nor Textual's Footer, its module and its five classes (~20 M instructions with what it asks
    # the screen): the first frame's footer is FooterSketch, the cells of its keys.
    assert not modules & {"textual.widgets._footer", "textual.widgets._label", "explorer.app.footer"}
    # Nor safetext's tables: the first frame's text is printable, with no run of marks.
    assert got["mark_run"] == 0 and got["unsafe"] == 0
