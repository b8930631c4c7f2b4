"""Options may stand anywhere among a command's positionals, as people type them: every command
reads `factex quote TEXT --source X WS` as `factex quote TEXT WS --source X` (plain argparse took
WS for an unrecognized argument once an option came before it)."""

from __future__ import annotations

import importlib
from itertools import permutations

import pytest

# command module -> (positionals, options with their values), one use each
CASES = {
    "quote": (["some text", "ws"], [["--source", "s1"]]),
    "search": (["kim", "ws"], [["--limit", "3"], ["--kind", "entity"], ["--format", "json"]]),
    "check": (["ws"], [["--format", "json"]]),
    "export": (["ws"], [["--format", "csv"], ["--output", "out"]]),
    "mentions": (["ws"], []),
    "timeline": (["ws"], []),
    "voices": (["ws"], []),
    "diff": (["HEAD~1", "HEAD"], [["-w", "ws"]]),
    "new": (["entity", "Kim Jong Un", "ws"], [["--type", "person"], ["--quote", "Kim Jong Un"], ["--id", "kim"]]),
}


def placements(command: str):
    """Every way to put the options (each with its value, in any order) around the positionals;
    for `new`, after its subcommand word (the word itself comes first)."""
    positionals, opts = CASES[command]
    head, rest = (positionals[:1], positionals[1:]) if command == "new" else ([], positionals)
    for order in permutations(opts):
        # each option goes into one of the len(rest)+1 gaps between the positionals
        gaps = len(rest) + 1
        for where in range(gaps ** len(order)):
            slots = [[] for _ in range(gaps)]
            for opt in order:
                slots[where % gaps].extend(opt)
                where //= gaps
            argv = list(head)
            for i in range(gaps):
                argv += slots[i]
                if i < len(rest):
                    argv.append(rest[i])
            yield argv


@pytest.mark.parametrize("command", sorted(CASES))
def test_options_anywhere_among_the_positionals(command):
    parser = importlib.import_module(f"explorer.cli.{command}").parser
    positionals, opts = CASES[command]
    want = vars(parser().parse_args(positionals + [x for o in opts for x in o]))
    seen = 0
    for argv in placements(command):
        assert vars(parser().parse_args(argv)) == want, argv
        seen += 1
    assert seen >= 1


def test_a_double_dash_still_ends_the_options():
    from explorer.cli.search import parser

    args = parser().parse_args(["--limit", "2", "--", "-kim", "ws"])
    assert (args.query, args.workspace, args.limit) == ("-kim", "ws", 2)
