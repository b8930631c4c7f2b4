"""`factex export [WORKSPACE] --format F`: the whole checked fact base, in one of FORMATS."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import options

# As in explorer.core.export.FORMATS (a test keeps the two equal), without importing the loader,
# and the formats that write a folder (--output) rather than print.
FOLDER_FORMATS = ("brat",)
FORMATS = ("json", "jsonl", "csv", "dot", "graphml", "w3c", *FOLDER_FORMATS)


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
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
        "           and a TextPositionSelector (offsets in Unicode code points), the fact as the body\n"
        "  brat     brat standoff, written into the folder --output names (made if missing, never over a\n"
        "           file): ID.txt and ID.ann per source, and annotation.conf\n\n"
        "examples:\n"
        "  factex export > facts.json\n"
        "  factex export --format csv > relations.csv\n"
        "  factex export --format dot | dot -Tsvg > graph.svg\n"
        "  factex export --format brat --output corpus/",
        formatter_class=options.HelpFormatter,
    )
    options.add_workspace(p)
    options.add_format(p, FORMATS)
    p.add_argument("--output", "-o", metavar="DIR", help="the folder to write (--format brat only)")
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    if (args.format in FOLDER_FORMATS) != (args.output is not None):
        p.error(f"--format {args.format} writes a folder: give --output DIR" if args.format in FOLDER_FORMATS
                else f"--output is for --format {', '.join(FOLDER_FORMATS)}; {args.format} prints (redirect it with >)")
    base = options.load(options.workspace(p, args))
    if base is None:
        return 2
    if args.format == "json":
        from explorer.core.export import with_dates

        options.json_dump(with_dates(base))
        return 0
    if args.format == "brat":
        return _brat(base, args.output)
    from explorer.core.export import export

    text = export(base, args.format, ensure_ascii=options.json_ascii())
    if sys.stdout.isatty():
        # On a terminal, the same escaping as everything else shown there (safetext.visible):
        # no control, format or separator character from a card reaches it. To a pipe or a
        # file the export is exact.
        from explorer.core.safetext import visible

        text = visible(text, keep_newlines=True)
    sys.stdout.write(text)
    return 0


def _brat(base, output: str) -> int:
    from explorer.core.brat import export_brat
    from explorer.core.safetext import visible

    try:
        written = export_brat(base, output)
    except (FileExistsError, OSError) as exc:
        print(f"factex export: {visible(str(exc) if isinstance(exc, FileExistsError) else f'{output}: {exc.strerror or exc}')}",
              file=sys.stderr)
        return 1
    for note in written.notes:
        print(f"factex export: {visible(note.format())}", file=sys.stderr)
    documents = len(base.sources)
    print(f"{visible(output)}: {documents} document{'s' if documents != 1 else ''} (.txt and .ann) and annotation.conf")
    return 0
