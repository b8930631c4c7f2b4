"""`factex suggest [WORKSPACE] [--source ID] [--format json]`: names in the sources no entity covers yet."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import options


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex suggest",
        description="List the names in the sources that no entity's name or alias covers yet: capitalised "
        "names, acronyms, names in quotes, with titles stripped (\"Russian President Vladimir Putin\" -> "
        "\"Vladimir Putin\"), grouped when they recur, each with a guessed type and where it occurs.",
        epilog="examples:\n"
        "  factex suggest                          every source\n"
        "  factex suggest --source kim-aurus-gift  one source\n"
        "  factex suggest --format json            {\"suggestions\": [{name, type, source, why, aliases, alias_of, occurrences}]}",
        formatter_class=options.HelpFormatter,
    )
    options.add_workspace(p)
    p.add_argument("--source", metavar="ID", help="only this source (its file name in seeds/ without extension)")
    options.add_format(p, ("text", "json"))
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    base = options.load(options.workspace(p, args))
    if base is None:
        return 2
    from explorer.core.safetext import visible
    from explorer.core.suggest import alias_role, suggest

    if args.source is not None and args.source not in base.sources:
        return options.unknown("suggest", "source", args.source, base.sources)
    found = suggest(base, args.source)
    if args.format == "json":
        options.json_dump({"suggestions": [s.to_json() for s in found]})
        print()
        return 0
    for s in found:
        source = base.sources[s.source]
        o = s.first
        also = f" (also {', '.join(s.aliases)})" if s.aliases else ""
        times = f" ×{len(s.occurrences)}" if len(s.occurrences) > 1 else ""
        owner = base.entities.get(s.alias_of) if s.alias_of else None
        missing = (f": {visible(alias_role(s.name, owner))}? add it to the aliases of "
                   f"{options.display_path(base.root, owner.file)}") if owner is not None else ""
        print(f"{options.display_path(base.root, source.path)}:{o.line}:{o.column}: {visible(s.type)}: "
              f"{visible(s.name)}{visible(also)}{times}{missing}")
    n = len(found)
    print(f"{n:,} uncarded name{'s' if n != 1 else ''}", file=sys.stderr)
    return 0
