"""`factex timeline [WORKSPACE] [--format json]`: the dated facts in time order, dates read against
each source's publication date; the expressions that could not be read, listed as such."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import options


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex timeline",
        description="List the relations that carry a date, in time order: the dates in their qualifiers "
        "(date:, since:, disclosed: ...) or, failing those, the dates their quotes state, read against the "
        "publication date in the source's sidecar (seeds/ID.yaml): \"last September\" in an article of "
        "2024-02-20 is 2023-09. Each line gives what was read, its precision (day, month, year, range), "
        "what the text says, the certainty and the source. Expressions that cannot be read (\"recently\", "
        "\"at that time\", a relative date with no publication date) are listed after, never guessed.",
        epilog="examples:\n"
        "  factex timeline                 dated facts, then the unread expressions\n"
        "  factex timeline --source ID     only the facts that source backs\n"
        "  factex timeline --format json   {\"dated\": [...], \"unread\": [...]}",
        formatter_class=options.HelpFormatter,
    )
    options.add_workspace(p)
    options.add_source(p)
    options.add_format(p, ("text", "json"))
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    base = options.load(options.workspace(p, args))
    if base is None:
        return 2
    from explorer.core.safetext import quoted, visible
    from explorer.core.timeline import timeline

    only, status = options.only_source("timeline", base, args.source)
    if status:
        return status
    found = timeline(base, only)
    if args.format == "json":
        options.json_dump(found.to_json(base))
        return 0
    width = max((len(d.date.reading) for d in found.dated), default=0)
    for d in found.dated:
        rel = base.relations[d.relation]
        who = f" per {base.entity_name(rel.attribution)}" if rel.attribution else ""
        print(f"{visible(d.date.reading):<{width}}  {d.date.precision:<5}  {visible(base.sentence(rel))}"
              f"  [{rel.certainty}{visible(who)}; {visible(d.source)}; {visible(d.date.where)}: "
              f"\"{visible(d.date.text)}\"]")
    for d in found.unread:
        rel = base.relations[d.relation]
        print(f"unread: {visible(rel.file)}: {visible(d.date.where)}: {visible(quoted(d.date.text))}: "
              f"{visible(d.date.reading)}")
    n, u = len(found.dated), len(found.unread)
    print(f"{n:,} dated fact{'s' if n != 1 else ''}, {u:,} expression{'s' if u != 1 else ''} unread", file=sys.stderr)
    return 0
