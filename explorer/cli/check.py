"""`factex check [WORKSPACE]`: every problem as path:line:col: severity: message, then a summary."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import options


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex check",
        description="Check every card: YAML, fields, references, and that each quote is in its source. "
        "Prints one line per problem as path:line:col: severity: message, then a summary.",
        epilog="Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error.\n\n"
        "examples:\n"
        "  factex check                 check the workspace around the current folder\n"
        "  factex check ~/news -q       only the summary line\n"
        "  factex check --format json   problems and summary as JSON\n"
        "  factex check --format github annotations on a pull request (GitHub Actions workflow commands)\n"
        "  factex check --format sarif > factex.sarif   SARIF 2.1.0, for code scanning",
        formatter_class=options.HelpFormatter,
    )
    options.add_workspace(p)
    options.add_format(p, ("text", "json", "github", "sarif"))
    p.add_argument("--quiet", "-q", action="store_true", help="print only the summary line")
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    base = options.load(options.workspace(p, args))
    if base is None:
        return 2
    from explorer.core import report

    errors, warnings, held = len(base.errors), len(base.warnings), len(base.held_back)
    cards = len(base.card_files)
    summary = (
        f"{cards:,} card{'s' if cards != 1 else ''} ({_count(len(base.entities), 'entity', 'entities')} and "
        f"{_count(len(base.relations), 'relation', 'relations')} valid), "
        f"{len(base.sources):,} source{'s' if len(base.sources) != 1 else ''}: "
        f"{errors:,} error{'s' if errors != 1 else ''}, {warnings:,} warning{'s' if warnings != 1 else ''}"
        + (f", {held:,} held back by them" if held else "")
    )
    from explorer.core.loading.corpus import RESOLVED_HOW, resolution_counts

    placed = resolution_counts((*base.entities.values(), *base.relations.values()))
    if args.format == "json":
        options.json_dump({
            "problems": [p.to_json() for p in base.problems],
            "summary": {
                "cards": cards, "entities": len(base.entities), "relations": len(base.relations),
                "sources": len(base.sources), "errors": errors, "warnings": warnings, "held_back": held,
                "quote_sources": {how: placed.get(how, 0) for how in RESOLVED_HOW},
            },
        })
        return 1 if errors else 0
    if args.format == "github":
        sys.stdout.write(report.to_github(base.root, base.problems, summary, known=report.known_files(base)))
        return 1 if errors else 0
    if args.format == "sarif":
        sys.stdout.write(report.sarif_text(base.root, base.problems, ensure_ascii=options.json_ascii(),
                                           known=report.known_files(base)))
        return 1 if errors else 0
    colour = options.colour(sys.stdout)
    red, yellow, bold, reset = ("\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[0m") if colour else ("", "", "", "")
    if not args.quiet:
        known = report.known_files(base)  # (the files a message names, shown as its path is)
        for p in base.problems:  # the same fields as every other format (explorer.core.report.shown)
            s = report.shown(base.root, p, known=known)
            sev = (f"{red}error{reset}" if s.severity == "error" else f"{yellow}warning{reset}" if s.severity == "warning"
                   else s.severity)
            print(f"{bold}{s.path}:{s.line}:{s.column}:{reset} {sev}: {s.message}")
    if placed and not args.quiet:
        # Which source a quote that does not name one was taken from (README: Quotes in a corpus).
        parts = [f"{n:,} quote{'s' if n != 1 else ''} {RESOLVED_HOW[how] if n != 1 else RESOLVED_HOW[how].replace('were ', 'was ').replace('take ', 'takes ')}"
                 for how in RESOLVED_HOW if (n := placed.get(how))]
        print("Quote sources: " + "; ".join(parts))
    print(summary)
    return 1 if errors else 0


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"
