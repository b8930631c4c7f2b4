"""What every `factex` command shares: the workspace argument, `--format`, the one workspace error,
paths as the user can click them, colour on a terminal only.

Nothing here imports Textual or the app; the core is imported inside the functions that need it, so
`factex --help` and every command's argument parsing stay quick.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from explorer.core.loading.loader import FactBase

WORKSPACE_HELP = "folder holding facts/ and seeds/ (default: found from the current folder)"


def __getattr__(name: str):
    """`ArgumentParser` and `HelpFormatter` (explorer.cli.parsing), imported when a command first
    makes its parser: `factex [WORKSPACE]`, the explorer's start, makes none, and argparse (with
    gettext) is ~2 ms and ~100 page faults of that start's path to its first frame."""
    if name in ("ArgumentParser", "HelpFormatter"):
        from explorer.cli import parsing

        return getattr(parsing, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def add_workspace(parser: argparse.ArgumentParser, help: str = WORKSPACE_HELP, positional: bool = True) -> None:
    """The workspace, given the same way to every command: a last positional WORKSPACE, or
    `-w/--workspace WORKSPACE` anywhere on the line (`workspace()` reads whichever was given)."""
    if positional:
        parser.add_argument("workspace", nargs="?", metavar="WORKSPACE", help=help)
    parser.add_argument("-w", "--workspace", dest="workspace_option", metavar="WORKSPACE",
                        help="the workspace, as an option" if positional else help)


def workspace(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str | None:
    """The workspace the user gave (None: find it from the current folder); both ways at once with
    different values is a usage error."""
    positional = getattr(args, "workspace", None)
    option = getattr(args, "workspace_option", None)
    if positional is not None and option is not None and positional != option:
        parser.error(f"the workspace is given twice ('{positional}' and -w '{option}'); give it once")
    return option if option is not None else positional


def add_format(parser: argparse.ArgumentParser, choices: tuple[str, ...], default: str | None = None) -> None:
    default = default or choices[0]
    parser.add_argument("--format", choices=choices, default=default, help=f"output format (default: {default})")


def add_source(parser: argparse.ArgumentParser) -> None:
    """`--source ID`: only the facts one source backs (as the app's source filter shows them)."""
    parser.add_argument("--source", metavar="ID", help="only the facts this source backs (a quote from it)")


def only_source(command: str, base: FactBase, given: str | None) -> tuple[set[str] | None, int]:
    """(the relation ids `--source` keeps, or None for all; 0, or 2 after saying the source is unknown)."""
    if given is None:
        return None, 0
    if given not in base.sources:
        return None, unknown(command, "source", given, base.sources)
    from explorer.core.loading.corpus import backed_by

    return backed_by(base, given)[1], 0


def colour(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def display_path(root: Path, rel: str) -> str:
    """A path as every command prints it for the user to click: relative to the current folder
    when possible, through safetext.visible (the workspace's folder or a file's name may hold a
    newline, an escape, a bidi override: each shows as a marker). For text output only: JSON
    carries the exact path."""
    from explorer.core.report import display_path as shown_path
    from explorer.core.safetext import visible

    return visible(shown_path(root, rel))


def find_root(given: str | None) -> Path | None:
    """The workspace folder, or None after printing the one workspace error (exit status 2)."""
    from explorer.core.errors import WorkspaceError
    from explorer.core.layout import find_workspace

    try:
        return find_workspace(given)
    except WorkspaceError as exc:
        from explorer.core.safetext import visible

        print(f"factex: {visible(str(exc))}", file=sys.stderr)
        return None


def load(given: str | None) -> FactBase | None:
    """The checked fact base of the workspace, or None after printing the workspace error."""
    root = find_root(given)
    if root is None:
        return None
    from explorer.core.loading.loader import Loader

    return Loader(root, reloads=False).load()


def json_ascii(stream=None) -> bool:
    """Whether JSON written to `stream` (standard output) has its non-ASCII characters as `\\uXXXX`
    escapes: on a terminal, and on a stream whose encoding is not UTF-8 (PYTHONIOENCODING=ascii,
    a Latin-1 locale), which would write them as its own `\\xe9` escapes: not JSON. Elsewhere the
    text is exact UTF-8. Every command that prints JSON asks this."""
    import codecs

    stream = stream or sys.stdout
    try:
        utf8 = codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name == "utf-8"
    except LookupError:
        utf8 = False
    return stream.isatty() or not utf8


def json_dump(data, stream=None) -> None:
    """JSON as every command prints it: indented, non-ASCII kept only where it is written as is."""
    from explorer.core.safetext import json_pieces

    stream = stream or sys.stdout
    # (control, bidi and invisible characters, and a file name byte that is not UTF-8, are
    # written as their `\uXXXX` escapes: see safetext.json_safe; a piece at a time, so that a
    # long answer is not held whole as text besides its data)
    for piece in json_pieces(data, ensure_ascii=json_ascii(stream)):
        stream.write(piece)
    stream.write("\n")


def unknown(command: str, what: str, given: str, known) -> int:
    """Say that `given` names no `what` among `known` (with the nearest id), as every command says
    it; the exit status of a usage error."""
    from explorer.core.cardformat.cards import did_you_mean
    from explorer.core.safetext import visible

    print(f"factex {command}: unknown {what} '{visible(given)}'{visible(did_you_mean(given, known))}", file=sys.stderr)
    return 2
