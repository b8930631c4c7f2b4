"""`factex init [DIR]`: an empty workspace (facts/, seeds/ and a short README on what goes where)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explorer.cli import options

README = """\
# A factex workspace

- `seeds/` holds the articles (sources): one UTF-8 text file each, `ID.txt` or `ID.md`, the text
  exactly as published. Next to it, an optional `ID.yaml` says where it comes from:

      title: The headline
      url: https://...
      outlet: The Paper
      authors: [A. Writer]
      published: '2024-02-20'
      language: en

  `factex add PAGE.html` (or a web address, or a .md/.txt file) writes both for you from a saved
  web page; a page left in seeds/ as it is is not a source.
- `facts/` holds the cards, small YAML files you write: `facts/entities/ID.yaml` for the people,
  organisations, places and things the articles name, `facts/relations/ID.yaml` for what they say
  connects them, each with verbatim quotes from a source. `factex new entity NAME --quote TEXT`
  writes one for you; in the app, `a` opens an article, `v` selects a passage, `E`/`R` make a card.
- `card.schema.json` (optional, `factex schema > card.schema.json`): the card format for YAML
  editors (completion, field help, wrong fields underlined). Kept here, every card factex writes
  points at it, the same first line whoever on the team wrote the card.

Then: `factex check` checks every card against the sources; `factex` opens the explorer.
"""


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex init",
        description="Make an empty workspace: DIR/facts/entities/, DIR/facts/relations/, DIR/seeds/ and a "
        "short DIR/README.md on what goes where. Nothing that exists is replaced.",
        epilog="Exit status: 0 made (or already a workspace: only what was missing is added); 2 usage error.\n\n"
        "examples:\n"
        "  factex init ~/news/aurus\n"
        "  factex init            the current folder",
        formatter_class=options.HelpFormatter,
    )
    p.add_argument("dir", nargs="?", default=".", metavar="DIR", help="the folder to make a workspace of (default: here)")
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    from explorer.core.safetext import visible

    root = Path(args.dir)
    if root.exists() and not root.is_dir():
        print(f"factex init: {visible(str(root))} exists and is not a folder", file=sys.stderr)
        return 2
    from explorer.core import files
    from explorer.core.errors import FileError

    made = []
    try:
        root.mkdir(parents=True, exist_ok=True)  # the folder named is trusted; below it nothing is
        with files.Workspace(root) as ws:
            for sub in ("facts/entities", "facts/relations", "seeds"):
                if ws.make_folders(sub):  # (never through a facts/ or seeds/ that links out)
                    made.append(sub + "/")
            try:
                ws.create("README.md", README.encode("utf-8"))
                made.append("README.md")
            except FileError as problem:
                if problem.kind != "exists":
                    raise
    except FileError as problem:
        print(f"factex init: cannot make {visible(str(root))}: {visible(problem.message)}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"factex init: cannot make {visible(str(root))}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    where = visible(str(root))
    if made:
        print(f"{where}: made {', '.join(made)}")
    else:
        print(f"{where} is already a workspace; nothing changed")
    print(f"Next: put an article's text in {where}/seeds/ (ID.txt), write cards in {where}/facts/, "
          f"then factex check {where}")
    return 0
