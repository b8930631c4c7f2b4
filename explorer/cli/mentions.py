"""`factex mentions [WORKSPACE] [--entity ID] [--format json]`: where the sources name each entity."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import options



def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex mentions",
        description="List every mention of each entity's name and aliases in the sources: whole words, "
        "typography folded as quotes are, case-sensitive where the name has a capital, the longest name "
        "winning where two overlap. Names that several entities use (an alias of one that is the name "
        "of another) are reported first.",
        epilog="examples:\n"
        "  factex mentions                       every entity's mentions\n"
        "  factex mentions --entity kim-jong-un  one entity's\n"
        "  factex mentions --format json         {\"mentions\": [...], \"shared_names\": [...]}",
        formatter_class=options.HelpFormatter,
    )
    options.add_workspace(p)
    p.add_argument("--entity", metavar="ID", help="only this entity's mentions")
    options.add_format(p, ("text", "json"))
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    base = options.load(options.workspace(p, args))
    if base is None:
        return 2
    from explorer.core.mentions import mentions_of
    from explorer.core.paragraphs import one_line
    from explorer.core.safetext import visible

    if args.entity is not None and args.entity not in base.entities:
        return options.unknown("mentions", "entity", args.entity, base.entities)
    mentions = mentions_of(base)
    if args.entity is not None:
        listed = mentions.of(args.entity)
        clashes = [c for c in mentions.clashes if any(e == args.entity for e, _ in c.uses)]
    else:
        listed = [m for source in base.sources for m in mentions.in_source(source)]
        clashes = mentions.clashes
    if args.format == "json":
        from explorer.core.safetext import JSONArray

        options.json_dump({
            "mentions": JSONArray((m.to_json() for m in listed), len(listed)),  # (made as written)
            "counts": {eid: mentions.count(eid) for eid in ([args.entity] if args.entity else base.entities)},
            "shared_names": [c.to_json() for c in clashes],
        })
        print()
        return 0
    for clash in clashes:
        print(f"shared name: {visible(clash.message())}")
    for m in listed:
        source = base.sources[m.source]
        also = f" (also {', '.join(m.others)})" if m.others else ""
        print(f"{options.display_path(base.root, source.path)}:{m.line}:{m.column}: {visible(m.entity)}: "
              f"{visible(one_line(m.text))}{visible(also)}")  # (a name wrapped onto the next line: one line)
    n = len(listed)
    print(f"{n:,} mention{'s' if n != 1 else ''}" + (f" of {visible(args.entity)}" if args.entity else
          f" of {sum(1 for e in base.entities if mentions.count(e)):,} entities in {len(base.sources):,} source"
          + ("s" if len(base.sources) != 1 else "")), file=sys.stderr)
    return 0
