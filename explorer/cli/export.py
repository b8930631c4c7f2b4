"""`factex export [WORKSPACE] --format F`: the whole checked fact base, in one of FORMATS."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import options

# As in explorer.core.export.FORMATS (a test keeps the two equal), without importing the loader.
FORMATS = ("json", "jsonl", "csv", "dot", "graphml", "w3c")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="factex export",
        description="Print the whole checked fact base. Cards with errors are left out (json and jsonl "
        "list them under problems).",
        epilog="formats:\n"
        "  json     the public JSON contract (see README): sources, entities, relations, problems\n"
        "  jsonl    JSON Lines: one object per line, each with a \"kind\": source, entity, relation, problem\n"
        "  csv      one row per evidence item of each relation (a relation with two quotes has two rows):\n"
        "           relation_id, subject_id, subject_name, predicate, object_id, object_name, certainty,\n"
        "           attribution, qualifiers (key=value; ...), quote, source, start, end, file\n"
        "  dot      Graphviz: entities as nodes, relations as edges labelled by the predicate; line style\n"
        "           by certainty: stated solid, reported dashed, hedged dotted, opinion bold\n"
        "  graphml  GraphML for Gephi, yEd, Cytoscape, networkx: nodes with name/type/..., edges with\n"
        "           predicate/certainty/attribution/...\n"
        "  w3c      W3C Web Annotations (JSON-LD), one per evidence item: the source with a TextQuoteSelector\n"
        "           and a TextPositionSelector (offsets in Unicode code points), the fact as the body\n\n"
        "examples:\n"
        "  factex export > facts.json\n"
        "  factex export --format csv > relations.csv\n"
        "  factex export --format dot | dot -Tsvg > graph.svg",
        formatter_class=options.HelpFormatter,
    )
    options.add_workspace(p)
    options.add_format(p, FORMATS)
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    base = options.load(options.workspace(p, args))
    if base is None:
        return 2
    if args.format == "json":
        options.json_dump(base.to_json())
        return 0
    from explorer.core.export import export

    sys.stdout.write(export(base, args.format, ensure_ascii=sys.stdout.isatty()))
    return 0
