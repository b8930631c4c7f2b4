"""`factex new entity|relation ...`: a new card file, its quotes checked before anything is written."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import options
from explorer.core.model import CERTAINTIES  # plain data, no loader: cheap to import


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a count (1 = the first occurrence)")
    return int(text)


class _Occurrence(argparse.Action):
    """`--occurrence N` pins the `--quote` given just before it: the quote becomes (text, N)."""

    def __call__(self, parser, namespace, value, option_string=None):
        quotes = getattr(namespace, "quote", None) or []
        if not quotes or isinstance(quotes[-1], tuple):
            parser.error("--occurrence N goes right after the --quote it is for")
        quotes[-1] = (quotes[-1], value)


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex new",
        description="Create a new card file: facts/entities/ID.yaml or facts/relations/ID.yaml. Quotes are "
        "checked against the sources before anything is written; an existing file is never replaced.",
        epilog="examples:\n"
        "  factex new entity \"Kim Jong Un\" --type person --quote \"North Korean leader Kim Jong Un\"\n"
        "  factex new relation vladimir-putin \"gifted an Aurus car to\" kim-jong-un --quote \"...\"\n\n"
        "factex new entity --help and factex new relation --help tell more.",
        formatter_class=options.HelpFormatter,
    )
    sub = p.add_subparsers(dest="kind", metavar="{entity,relation}", required=True)
    common = options.ArgumentParser(add_help=False)
    common.add_argument("--quote", action="append", default=[], metavar="TEXT",
                        help="a quote from the source backing the card (repeat for more); checked before writing")
    common.add_argument("--occurrence", type=_count, action=_Occurrence, metavar="N",
                        help="which place the --quote just before it means (1 = first), when its words stand in the "
                        "source more than once")
    common.add_argument("--source", metavar="ID", help="the source the quotes are from (needed only when a quote is in several)")
    common.add_argument("--id", help="the card's id (its file name); default: made from the name (entity) or from "
                        "subject-predicate-object (relation), with -2, -3, ... added when taken")

    e = sub.add_parser(
        "entity", parents=[common], prog="factex new entity",
        help="a person, organisation, country, place, thing, ...",
        description="Create facts/entities/ID.yaml for something the article names. The id is made from the "
        "name (kebab-case; -2, -3, ... when taken) unless --id is given. Fields you do not give are left "
        "in the card as a commented template. Prints the new card's path.",
        epilog="Exit status: 0 written, and it checks clean; 1 not written (a quote not found, a bad type, the id\n"
               "taken), or written with fields still to fill in (no --quote, no --type: listed); 2 usage error.\n\n"
        "examples:\n"
        "  factex new entity \"Kim Jong Un\" --type person --quote \"North Korean leader Kim Jong Un pictured\"\n"
        "  factex new entity \"Aurus Motors\" --type organization --alias Aurus --id aurus-motors",
        formatter_class=options.HelpFormatter,
    )
    e.add_argument("name", help="the name the explorer shows")
    options.add_workspace(e)
    e.add_argument("--type", help="a short lowercase word: person, organization, country, place, vehicle, ...")
    e.add_argument("--alias", action="append", default=[], help="another name the article uses (repeat for more)")
    e.add_argument("--description", help="one or two sentences")

    r = sub.add_parser(
        "relation", parents=[common], prog="factex new relation",
        help="what the article says connects two entities",
        description="Create facts/relations/ID.yaml, read as the sentence \"SUBJECT PREDICATE OBJECT\". "
        "SUBJECT, OBJECT (and --attribution) must be ids of existing entities. The id is made from "
        "subject-predicate-object unless --id is given. Prints the new card's path.",
        epilog="Exit status: 0 written, and it checks clean; 1 not written (an unknown entity, a quote not found,\n"
               "the id taken), or written with fields still to fill in (no --quote: listed); 2 usage error.\n\n"
        "examples:\n"
        "  factex new relation vladimir-putin \"gifted an Aurus car to\" kim-jong-un \\\n"
        "      --quote \"Kim Jong Un Gifted Russian-Made Luxury Car From Pal Putin\"\n"
        "  factex new relation kim-yo-jong \"conveyed Kim Jong Un's thanks to\" vladimir-putin \\\n"
        "      --certainty reported --attribution kcna --qualifier date=\"February 18\" --quote \"...\"",
        formatter_class=options.HelpFormatter,
    )
    r.add_argument("subject", help="the entity id the sentence starts with")
    r.add_argument("predicate", help="a short verb phrase")
    r.add_argument("object", help="the entity id the sentence ends with")
    options.add_workspace(r)
    r.add_argument("--certainty", choices=CERTAINTIES,
                   help=f"{CERTAINTIES[0]} (the default when left out), {', '.join(CERTAINTIES[1:-1])} or {CERTAINTIES[-1]}")
    r.add_argument("--attribution", metavar="ID", help="the entity id of who says so (for reported facts)")
    r.add_argument("--qualifier", action="append", default=[], metavar="KEY=VALUE",
                   help="a qualifier such as date=\"February 18\" (repeat for more)")
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    given = options.workspace(p, args)
    from explorer.core.authoring import new_entity_card, new_relation_card, write_card
    from explorer.core.errors import AuthoringError
    from explorer.core.safetext import visible
    from explorer.core.loading.loader import Loader

    root = options.find_root(given)
    if root is None:
        return 2
    display_path = options.display_path
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
        message = (str(exc).replace("add `source:`", "give --source")  # the checker's words, for the card
                   .replace("add `occurrence: N` or a `prefix`/`suffix`", "give --occurrence N right after that --quote"))
        print(f"factex new {args.kind}: {visible(message)}", file=sys.stderr)
        return 1
    try:
        write_card(card)
    except FileExistsError:
        print(f"factex new {args.kind}: {visible(display_path(root, card.rel))} exists; not replaced", file=sys.stderr)
        return 1
    except OSError as exc:
        why = str(exc.strerror or exc).removeprefix(f"cannot write {card.rel}: ")  # (files' own words name it too)
        print(f"factex new {args.kind}: cannot write {visible(display_path(root, card.rel))}: {visible(why)}", file=sys.stderr)
        return 1
    print(visible(display_path(root, card.rel)))
    # What the checker says about the new card, e.g. a field left to fill in (the loader re-reads
    # only what changed). These say the same as `card.notes`, with the line to go to.
    from explorer.core import report

    errors = 0
    after = loader.load()
    known = report.known_files(after)  # (a file its message names, shown as its path is)
    for p in after.problems:
        if p.file == card.rel:
            errors += p.severity == "error"
            s = report.shown(root, p, known=known)
            print(f"{s.path}:{s.line}:{s.column}: {s.severity}: {s.message}", file=sys.stderr)
    if errors:
        # Written as a template, but not a card that checks: never a success (exit 0).
        print(f"factex new {args.kind}: written, but it does not check clean yet: fill in the above", file=sys.stderr)
        return 1
    return 0
