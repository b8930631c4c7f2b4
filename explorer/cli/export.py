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
    notes: list[str] = []  # what the export left out, said once it is out
    status = _run(argv, notes)
    for left in notes if status == 0 else ():  # (said once the export is out: the last thing on the terminal)
        from explorer.core.safetext import visible

        sys.stdout.flush()
        print(f"factex export: {visible(left)}", file=sys.stderr)
    return status


def _run(argv: list[str], notes: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    if (args.format in FOLDER_FORMATS) != (args.output is not None):
        p.error(f"--format {args.format} writes a folder: give --output DIR" if args.format in FOLDER_FORMATS
                else f"--output is for --format {', '.join(FOLDER_FORMATS)}; {args.format} prints (redirect it with >)")
    base = options.load(options.workspace(p, args))
    if base is None:
        return 2
    left = left_out(base)
    if left is not None:  # (what has errors is not exported: said, never silently missing)
        notes.append(left)
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


def left_out(base) -> str | None:
    """What the export leaves out because it has errors (or names a card that has): the cards and
    the sources, named, and what to run; None when nothing is. Every format is exported from the
    cards and sources that check clean, so a card or an article with an error is not in it, and a
    brat corpus has no document for such an article."""
    from explorer.core.anchoring.sources import SOURCE_SUFFIXES
    from explorer.core.layout import SOURCES_DIR

    cards = sorted({f for cid, f in base.card_files.items() if cid not in base.entities and cid not in base.relations})
    sources = sorted({p.file for p in base.errors if p.file.startswith(SOURCES_DIR + "/") and p.file.endswith(SOURCE_SUFFIXES)
                      and p.file[len(SOURCES_DIR) + 1:].rsplit(".", 1)[0] not in base.sources})
    if not cards and not sources:
        return None

    def listed(files: list[str], one: str, many: str) -> str:
        names = ", ".join(files[:5]) + (f" and {len(files) - 5:,} more" if len(files) > 5 else "")
        return f"{len(files):,} {one if len(files) == 1 else many} ({names})"

    parts = ([listed(cards, "card", "cards")] if cards else []) + ([listed(sources, "source", "sources")] if sources else [])
    return f"left out, with errors (or naming a card that has them): {' and '.join(parts)}; run factex check"


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
