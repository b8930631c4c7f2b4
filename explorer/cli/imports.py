"""`factex import brat DIR [WORKSPACE]`: a brat standoff corpus becomes cards and sources."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explorer.cli import options


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex import",
        description="Read annotations made elsewhere into a workspace: new cards under facts/ and the "
        "texts under seeds/. Nothing is written over an existing file; what cannot be mapped is "
        "reported and left out.",
        epilog="Exit status: 0 everything imported; 1 something was left out (each is reported); 2 usage error.\n\n"
        "examples:\n"
        "  factex import brat ~/brat/data/news ~/facts/news   a brat corpus into a new workspace\n"
        "  factex import brat corpus/                         into the current folder",
        formatter_class=options.HelpFormatter,
    )
    p.add_argument("format", choices=("brat",), help="the format of DIR: brat (standoff: NAME.txt with NAME.ann)")
    p.add_argument("dir", metavar="DIR", help="the folder holding the annotations")
    options.add_workspace(p, help="the workspace to import into (made if missing; default: the current folder)")
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    from explorer.core.brat import import_brat
    from explorer.core.safetext import visible

    corpus = Path(args.dir)
    if not corpus.is_dir():
        print(f"factex import: {visible(args.dir)}: not a folder", file=sys.stderr)
        return 2
    root = Path(options.workspace(p, args) or ".")
    if root.exists() and not root.is_dir():
        print(f"factex import: {visible(str(root))}: not a folder", file=sys.stderr)
        return 2
    try:
        result = import_brat(corpus, root)
    except OSError as exc:
        print(f"factex import: {visible(str(exc.filename or root))}: {visible(exc.strerror or str(exc))}", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(f"factex import: {visible(problem.format())}", file=sys.stderr)
    n, s, left = len(result.cards), len(result.sources), len(result.problems)
    print(f"{n} card{'s' if n != 1 else ''} and {s} source{'s' if s != 1 else ''} written into {visible(str(root))}; "
          f"{left} thing{'s' if left != 1 else ''} left out")
    return 1 if result.problems else 0
