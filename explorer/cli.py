"""The `factex` command line. Heavy modules (Textual, the app) are imported only when needed."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from explorer import __version__

EXPORT_FORMATS = ("json", "jsonl", "csv", "dot", "graphml")  # as in explorer.core.export, without importing it
CERTAINTY_CHOICES = ("stated", "reported", "hedged", "opinion")  # explorer.core.model.CERTAINTIES

COMMANDS = ("check", "export", "search", "quote", "new", "schema", "help")


class _HelpFormatter(argparse.HelpFormatter):
    """Wraps paragraphs to the terminal; keeps text written with line breaks (examples) as it is."""

    def _fill_text(self, text, width, indent):
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


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
        epilog="Commands: factex check | export | search | quote | new | schema (factex COMMAND --help for each). "
        "A workspace is a folder holding facts/ (the cards) and seeds/ (the articles); "
        "by default the current folder or the nearest parent holding facts/. "
        "Example: factex ~/news/aurus",
    )
    p.add_argument("workspace", nargs="?", help="the workspace to open (default: found from the current folder)")
    p.add_argument("--version", action="version", version=f"factex {__version__}")
    return p


def _parser_check() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="factex check",
        description="Check every card: YAML, fields, references, and that each quote is in its source. "
        "Prints one line per problem as path:line:col: severity: message, then a summary.",
        epilog="Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error.\n\n"
        "examples:\n"
        "  factex check                 check the workspace around the current folder\n"
        "  factex check ~/news -q       only the summary line\n"
        "  factex check --format json   problems and summary as JSON",
        formatter_class=_HelpFormatter,
    )
    p.add_argument("workspace", nargs="?", help="folder holding facts/ and seeds/")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--quiet", "-q", action="store_true", help="print only the summary line")
    return p


def _parser_export() -> argparse.ArgumentParser:
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
        "           predicate/certainty/attribution/...\n\n"
        "examples:\n"
        "  factex export > facts.json\n"
        "  factex export --format csv > relations.csv\n"
        "  factex export --format dot | dot -Tsvg > graph.svg",
        formatter_class=_HelpFormatter,
    )
    p.add_argument("workspace", nargs="?", help="folder holding facts/ and seeds/")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="json", help="output format (default: json)")
    return p


def _parser_schema() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="factex schema",
        description="Print the JSON Schema (draft 2020-12) of a card, made from the card format's field tables. "
        "Editors with a YAML language server use it for completion, hover help and checking as you type; "
        "the shipped copies are in explorer/schema/ (see README, Editor support).",
        epilog="examples:\n"
        "  factex schema > card.schema.json\n"
        "  factex schema --kind relation",
        formatter_class=_HelpFormatter,
    )
    p.add_argument("--kind", choices=("card", "entity", "relation"), default="card",
                   help="which schema: any card (oneOf on kind, the default), or one kind")
    return p


def _parser_quote() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="factex quote",
        description="Show where a passage stands in the sources (source, line, paragraph, with its line "
        "of context), matched as card quotes are: verbatim except for typography (whitespace, curly "
        "quotes, dashes, ellipses). Every occurrence is listed; when there is none, the nearest "
        "passages and how they differ.",
        epilog="Exit status: 0 found, 1 not found, 2 usage error.\n\n"
        "examples:\n"
        "  factex quote \"presented with a car made in Russia\"\n"
        "  factex quote \"Kim Jong Un's luxury car\" ~/news --source kim-aurus-gift",
        formatter_class=_HelpFormatter,
    )
    p.add_argument("text", help="the passage to look for")
    p.add_argument("workspace", nargs="?", help="folder holding facts/ and seeds/")
    p.add_argument("--source", metavar="ID", help="look only in this source (its file name in seeds/ without extension)")
    return p


def _parser_new() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="factex new",
        description="Create a new card file: facts/entities/ID.yaml or facts/relations/ID.yaml. Quotes are "
        "checked against the sources before anything is written; an existing file is never replaced.",
        epilog="examples:\n"
        "  factex new entity \"Kim Jong Un\" --type person --quote \"North Korean leader Kim Jong Un\"\n"
        "  factex new relation vladimir-putin \"gifted an Aurus car to\" kim-jong-un --quote \"...\"\n\n"
        "factex new entity --help and factex new relation --help tell more.",
        formatter_class=_HelpFormatter,
    )
    sub = p.add_subparsers(dest="kind", metavar="{entity,relation}", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--quote", action="append", default=[], metavar="TEXT",
                        help="a quote from the source backing the card (repeat for more); checked before writing")
    common.add_argument("--source", metavar="ID", help="the source the quotes are from (needed only when a quote is in several)")
    common.add_argument("--id", help="the card's id (its file name); default: made from the name (entity) or from "
                        "subject-predicate-object (relation), with -2, -3, ... added when taken")
    common.add_argument("--workspace", "-w", metavar="WORKSPACE",
                        help="folder holding facts/ and seeds/ (default: found from the current folder)")

    e = sub.add_parser(
        "entity", parents=[common], prog="factex new entity",
        help="a person, organisation, country, place, thing, ...",
        description="Create facts/entities/ID.yaml for something the article names. The id is made from the "
        "name (kebab-case; -2, -3, ... when taken) unless --id is given. Fields you do not give are left "
        "in the card as a commented template. Prints the new card's path.",
        epilog="Exit status: 0 written; 1 not written (a quote not found, a bad type, the id taken);\n2 usage error.\n\n"
        "examples:\n"
        "  factex new entity \"Kim Jong Un\" --type person --quote \"North Korean leader Kim Jong Un pictured\"\n"
        "  factex new entity \"Aurus Motors\" --type organization --alias Aurus --id aurus-motors",
        formatter_class=_HelpFormatter,
    )
    e.add_argument("name", help="the name the explorer shows")
    e.add_argument("--type", help="a short lowercase word: person, organization, country, place, vehicle, ...")
    e.add_argument("--alias", action="append", default=[], help="another name the article uses (repeat for more)")
    e.add_argument("--description", help="one or two sentences")

    r = sub.add_parser(
        "relation", parents=[common], prog="factex new relation",
        help="what the article says connects two entities",
        description="Create facts/relations/ID.yaml, read as the sentence \"SUBJECT PREDICATE OBJECT\". "
        "SUBJECT, OBJECT (and --attribution) must be ids of existing entities. The id is made from "
        "subject-predicate-object unless --id is given. Prints the new card's path.",
        epilog="Exit status: 0 written; 1 not written (an unknown entity, a quote not found, the id taken);\n2 usage error.\n\n"
        "examples:\n"
        "  factex new relation vladimir-putin \"gifted an Aurus car to\" kim-jong-un \\\n"
        "      --quote \"Kim Jong Un Gifted Russian-Made Luxury Car From Pal Putin\"\n"
        "  factex new relation kim-yo-jong \"conveyed Kim Jong Un's thanks to\" vladimir-putin \\\n"
        "      --certainty reported --attribution kcna --qualifier date=\"February 18\" --quote \"...\"",
        formatter_class=_HelpFormatter,
    )
    r.add_argument("subject", help="the entity id the sentence starts with")
    r.add_argument("predicate", help="a short verb phrase")
    r.add_argument("object", help="the entity id the sentence ends with")
    r.add_argument("--certainty", choices=CERTAINTY_CHOICES, help="stated (the default when left out), reported, hedged or opinion")
    r.add_argument("--attribution", metavar="ID", help="the entity id of who says so (for reported facts)")
    r.add_argument("--qualifier", action="append", default=[], metavar="KEY=VALUE",
                   help="a qualifier such as date=\"February 18\" (repeat for more)")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            command, rest = argv[0], argv[1:]
            if command == "help":
                _parser_app().print_help()
                return 0
            return {
                "check": cmd_check, "export": cmd_export, "search": cmd_search,
                "quote": cmd_quote, "new": cmd_new, "schema": cmd_schema,
            }[command](rest)
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
        f"{cards:,} card{'s' if cards != 1 else ''} ({len(base.entities):,} entities and {len(base.relations):,} relations valid), "
        f"{len(base.sources):,} source{'s' if len(base.sources) != 1 else ''}: "
        f"{errors:,} error{'s' if errors != 1 else ''}, {warnings:,} warning{'s' if warnings != 1 else ''}"
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
    if args.format == "json":
        json.dump(base.to_json(), sys.stdout, indent=2, ensure_ascii=sys.stdout.isatty())
        sys.stdout.write("\n")
        return 0
    from explorer.core.export import export

    sys.stdout.write(export(base, args.format, ensure_ascii=sys.stdout.isatty()))
    return 0


def cmd_schema(argv: list[str]) -> int:
    args = _parser_schema().parse_args(argv)
    from explorer.core.schema import schema_json

    sys.stdout.write(schema_json(args.kind))
    return 0


def _find_root(workspace) -> Path | None:
    from explorer.core.workspace import WorkspaceError, find_workspace

    try:
        return find_workspace(workspace)
    except WorkspaceError as exc:
        print(f"factex: {exc}", file=sys.stderr)
        return None


def cmd_quote(argv: list[str]) -> int:
    args = _parser_quote().parse_args(argv)
    from explorer.core.authoring import context, locate_quote, nearest_passages
    from explorer.core.cards import did_you_mean
    from explorer.core.safetext import visible
    from explorer.core.sources import read_sources
    from explorer.core.text import normalize_quote

    if not normalize_quote(args.text):
        print("factex quote: the text to look for is empty", file=sys.stderr)
        return 2
    root = _find_root(args.workspace)
    if root is None:
        return 2
    sources = read_sources(root, root / "seeds").sources
    if args.source is not None:
        if args.source not in sources:
            print(f"factex quote: unknown source '{visible(args.source)}'{visible(did_you_mean(args.source, sources))}", file=sys.stderr)
            return 2
        sources = {args.source: sources[args.source]}
    if not sources:
        print(f"factex quote: no sources in {visible(_display_path(root, 'seeds'))}/", file=sys.stderr)
        return 1
    mark = ("\x1b[7m", "\x1b[27m") if _colour(sys.stdout) else ("", "")

    def show(p, head: str) -> None:
        where = f"{_display_path(root, p.source.path)}:{p.line}:{p.column}"
        para = f"paragraph {p.paragraph}" if not p.spans_paragraphs else f"paragraphs {p.paragraph}-{p.end_paragraph} (a card quote may not span paragraphs)"
        print(f"{visible(where)}: {visible(p.source.id)} line {p.line}, {para}{head}")
        before, middle, after = (visible(part.replace("\r\n", " ").replace("\n", " ")) for part in context(p))
        print(f"  {before}{mark[0]}{middle}{mark[1]}{after}")

    found = locate_quote(args.text, sources.values())
    if found:
        for p in found:
            show(p, "")
        in_sources = sorted({p.source.id for p in found})
        n = len(found)
        summary = f"{n} occurrence{'s' if n != 1 else ''} in {', '.join(visible(s) for s in in_sources)}"
        if len(in_sources) > 1:
            summary += ": a card quoting it needs `source:`"
        elif n > 1:
            summary += ": a card quoting it needs `occurrence: N` or a `prefix`/`suffix` (or a longer quote)"
        print(summary)
        return 0
    where = f"{len(sources)} source{'s' if len(sources) != 1 else ''}" if len(sources) != 1 else visible(next(iter(sources)))
    near = nearest_passages(args.text, sources.values())
    if not near:
        print(f"not found in {where}, and no passage is close to it")
        return 1
    print(f"not found in {where}; the nearest passage{'s' if len(near) > 1 else ''}:")
    for p in near:
        show(p, f" ({round(p.ratio * 100)}% alike)")
        if p.differences:
            print(f"  {p.differences}")
    return 1


def cmd_new(argv: list[str]) -> int:
    args = _parser_new().parse_args(argv)
    from explorer.core.authoring import AuthoringError, create_card, new_entity_card, new_relation_card
    from explorer.core.safetext import visible
    from explorer.core.workspace import Loader

    root = _find_root(args.workspace)
    if root is None:
        return 2
    loader = Loader(root)
    base = loader.load()
    try:
        if args.kind == "entity":
            card = new_entity_card(
                root, args.name, type=args.type, quotes=args.quote, id=args.id, source=args.source,
                aliases=args.alias, description=args.description, base=base,
            )
        else:
            qualifiers = {}
            for item in args.qualifier:
                key, eq, value = item.partition("=")
                if not eq:
                    print(f"factex new relation: --qualifier takes KEY=VALUE, not '{visible(item)}'", file=sys.stderr)
                    return 2
                qualifiers[key.strip()] = value
            card = new_relation_card(
                root, args.subject, args.predicate, args.object, certainty=args.certainty,
                attribution=args.attribution, qualifiers=qualifiers, quotes=args.quote, id=args.id,
                source=args.source, base=base,
            )
    except AuthoringError as exc:
        message = str(exc).replace("add `source:`", "give --source")  # the checker's words, for the card
        print(f"factex new {args.kind}: {visible(message)}", file=sys.stderr)
        return 1
    try:
        create_card(card.path, card.text)
    except FileExistsError:
        print(f"factex new {args.kind}: {visible(_display_path(root, card.rel))} exists; not replaced", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"factex new {args.kind}: cannot write {visible(_display_path(root, card.rel))}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(visible(_display_path(root, card.rel)))
    # What the checker says about the new card, e.g. a field left to fill in (the loader re-reads
    # only what changed). These say the same as `card.notes`, with the line to go to.
    for p in loader.load().problems:
        if p.file == card.rel:
            print(f"{visible(_display_path(root, p.file))}:{p.line}:{p.column}: {p.severity}: {visible(p.message)}", file=sys.stderr)
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
