"""`factex [WORKSPACE]`: the explorer itself (the only command that imports Textual)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from explorer import __version__
from explorer.cli import options

if TYPE_CHECKING:
    import argparse


def parser() -> argparse.ArgumentParser:
    from explorer.cli import COMMANDS

    names = " | ".join(COMMANDS)
    p = options.ArgumentParser(
        prog="factex",
        description="Explore the facts of a news article: entities, relations and the quotes behind them.",
        epilog=f"Commands: factex {names} (factex COMMAND --help for each). "
        "A workspace is a folder holding facts/ (the cards) and seeds/ (the articles); "
        "by default the current folder or the nearest parent holding facts/. "
        "Example: factex ~/news/aurus",
    )
    options.add_workspace(p, help="the workspace to open (default: found from the current folder)")
    p.add_argument("--read-only", action="store_true",
                   help="keys that open an editor or write a card do nothing (factex serve uses this)")
    p.add_argument("--version", action="version", version=f"factex {__version__}")
    return p


def plain(argv: list[str]) -> str | None | bool:
    """The workspace of a plain `factex` (None) or `factex WORKSPACE`, read as the parser reads
    them, without making it (~6 M instructions of each start); False for anything else (an
    option, more arguments: the parser reads those)."""
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        return False
    return argv[0] if argv else None


def run(argv: list[str]) -> int:
    given = plain(argv)
    read_only = False
    if given is False:
        p = parser()
        args = p.parse_args(argv)
        given, read_only = options.workspace(p, args), args.read_only
    root = options.find_root(given)
    if root is None:
        return 2
    # No collector passes while factex and Textual are imported and the first screen is built
    # (about 30 M instructions of each start, ~2%, in passes that find nothing to free): from
    # here until the facts are on screen, or the app ends. Then everything alive is frozen out of
    # the collector's reach and collection is back on (explorer.core.heap).
    from contextlib import ExitStack

    from explorer.core.heap import long_lived

    if not os.environ.get("FACTEX_DEBUG"):
        # A thread that ends on an error nothing caught (a bug) writes no traceback over the
        # screen: its one line is printed once the app has ended (explorer.core.crash).
        import threading

        from explorer.core import crash

        threading.excepthook = crash.thread_excepthook
    starting = ExitStack()
    starting.enter_context(long_lived())
    drawn = preload = app = None
    try:
        # The last start's first frame, if it still holds, is on the terminal before Textual is
        # imported (explorer.app.lastframe); Textual's own first frame paints the same cells.
        from explorer.app import lastframe

        drawn = lastframe.draw(root)
        # The patterns Textual, Rich and the standard library compile as the app's modules are
        # imported, made from their shipped code instead (~85 M instructions: explorer.core.regexes)
        from explorer.core.regexes import seed_start

        seed_start()
        # Start loading the cards now: they load while Textual is imported, and a small
        # workspace's facts are in the first frame.
        from explorer.app.preload import Preload

        preload = Preload(root, wait_for_frame=True, helper=True)
        from explorer.app.app import FactexApp

        app = FactexApp(root, preload=preload, read_only=read_only, facts_shown=starting.close,
                        keep_styles=True)
        app.run()
    finally:
        starting.close()
        if preload is not None:
            preload.cancel()
        if drawn is not None:
            drawn.finish(textual_ran=app is not None and app._driver is not None)
        if app is not None:
            app.save_cache()  # what the reloads left to write (after the screen is gone)
            app.store_search_index()  # (for the next session and `factex search`)
            app.store_first_frame()  # (after the cache: the frame is only good for its snapshot)
            app.store_styles()  # (Textual's parsed CSS, for the next start of any workspace)
        crashed = sys.modules.get("explorer.core.crash")
        for line in getattr(crashed, "deferred", ()):
            print(line, file=sys.stderr)
    return app.return_code or 0
