"""`factex schema [--kind K]`: the JSON Schema of a card (no workspace needed)."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import options

KINDS = ("card", "entity", "relation", "source")  # explorer.core.cardformat.schema.SCHEMA_KINDS, "card" first (the default)


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex schema",
        description="Print the JSON Schema (draft 2020-12) of a card, made from the card format's field tables. "
        "Editors with a YAML language server use it for completion, hover help and checking as you type; "
        "the shipped copies are in explorer/schema/ (see README, Editor support).",
        epilog="examples:\n"
        "  factex schema > card.schema.json\n"
        "  factex schema --kind relation",
        formatter_class=options.HelpFormatter,
    )
    p.add_argument("--kind", choices=KINDS, default="card",
                   help="which schema: any card (oneOf on kind, the default), one kind, or a source's sidecar (seeds/ID.yaml)")
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    from explorer.core.cardformat.schema import schema_json

    sys.stdout.write(schema_json(args.kind))
    return 0
