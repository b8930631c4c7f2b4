"""The `factex` command line. Heavy modules (Textual, the app) are imported only when needed."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from explorer import __version__

COMMANDS = ("check", "export", "search", "help")


def _colour(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _display_path(root: Path, rel: str) -> str:
    """A problem's path as the user can click it: relative to the current folder when possible."""
    full = root / rel
    try:
        shown = os.path.relpath(full)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(full)
    return str(full) if shown.startswith("..") else shown


def _parser_app() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="factex",
        description="Explore the facts of a news article: entities, relations and the quotes behind them.",
        epilog="Commands: factex check | export | search (factex COMMAND --help for each). "
        "A workspace is a folder holding facts/ (the cards) and seeds/ (the articles); "
        "by default the current folder or the nearest parent holding facts/.",
    )
    p.add_argument("workspace", nargs="?", help="the workspace to open (default: found from the current folder)")
    p.add_argument("--version", action="version", version=f"factex {__version__}")
    return p


def _parser_check() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="factex check",
        description="Check every card: YAML, fields, references, and that each quote is in its source. "
        "Prints one line per problem as path:line:col: severity: message, then a summary.",
        epilog="Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error.",
    )
    p.add_argument("workspace", nargs="?", help="folder holding facts/ and seeds/")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--quiet", "-q", action="store_true", help="print only the summary line")
    return p


def _parser_export() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="factex export",
        description="Print the whole checked fact base. Cards with errors are left out and listed under problems.",
    )
    p.add_argument("workspace", nargs="?", help="folder holding facts/ and seeds/")
    p.add_argument("--format", choices=("json",), default="json", help="output format (default: json)")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            command, rest = argv[0], argv[1:]
            if command == "help":
                _parser_app().print_help()
                return 0
            return {"check": cmd_check, "export": cmd_export, "search": cmd_search}[command](rest)
        return cmd_app(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped to a program that stopped reading (`factex export | head`): not an error.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:  # pragma: no cover
            pass
        return 0


def _load(workspace):
    from explorer.core.workspace import Loader, WorkspaceError, find_workspace

    try:
        root = find_workspace(workspace)
    except WorkspaceError as exc:
        print(f"factex: {exc}", file=sys.stderr)
        return None
    return Loader(root).load()


def cmd_check(argv: list[str]) -> int:
    args = _parser_check().parse_args(argv)
    base = _load(args.workspace)
    if base is None:
        return 2
    from explorer.core.safetext import visible

    errors, warnings = len(base.errors), len(base.warnings)
    cards = len(base.card_files)
    summary = (
        f"{cards} card{'s' if cards != 1 else ''} ({len(base.entities)} entities and {len(base.relations)} relations valid), "
        f"{len(base.sources)} source{'s' if len(base.sources) != 1 else ''}: "
        f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    )
    if args.format == "json":
        out = {
            "problems": [p.to_json() for p in base.problems],
            "summary": {
                "cards": cards, "entities": len(base.entities), "relations": len(base.relations),
                "sources": len(base.sources), "errors": errors, "warnings": warnings,
            },
        }
        print(json.dumps(out, indent=2, ensure_ascii=sys.stdout.isatty()))
        return 1 if errors else 0
    colour = _colour(sys.stdout)
    red, yellow, bold, reset = ("\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[0m") if colour else ("", "", "", "")
    if not args.quiet:
        for p in base.problems:
            sev = f"{red}error{reset}" if p.severity == "error" else f"{yellow}warning{reset}"
            print(f"{bold}{visible(_display_path(base.root, p.file))}:{p.line}:{p.column}:{reset} {sev}: {visible(p.message)}")
    print(summary)
    return 1 if errors else 0


def cmd_export(argv: list[str]) -> int:
    args = _parser_export().parse_args(argv)
    base = _load(args.workspace)
    if base is None:
        return 2
    json.dump(base.to_json(), sys.stdout, indent=2, ensure_ascii=sys.stdout.isatty())
    sys.stdout.write("\n")
    return 0


def cmd_search(argv: list[str]) -> int:
    from explorer.search_cli import run

    return run(argv)


def cmd_app(argv: list[str]) -> int:
    args = _parser_app().parse_args(argv)
    from explorer.core.workspace import WorkspaceError, find_workspace

    try:
        root = find_workspace(args.workspace)
    except WorkspaceError as exc:
        print(f"factex: {exc}", file=sys.stderr)
        return 2
    from explorer.app.app import FactexApp

    app = FactexApp(root)
    app.run()
    return app.return_code or 0
