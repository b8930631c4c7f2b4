"""`factex` and `factex WORKSPACE` are read without making the parser (explorer/cli/app.py `plain`)."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from explorer.cli import app as cli_app
from explorer.cli import options


def _parsed(argv: list[str]) -> tuple[str | None, bool]:
    p = cli_app.parser()
    args = p.parse_args(argv)
    return options.workspace(p, args), args.read_only


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=12), max_size=1))
def test_a_plain_line_is_read_as_the_parser_reads_it(argv):
    plain = cli_app.plain(argv)
    if plain is False:
        assert argv and argv[0].startswith("-")  # (only an option goes to the parser)
    else:
        assert (plain, False) == _parsed(argv)


def test_options_and_more_arguments_go_to_the_parser():
    for argv in (["--read-only"], ["-w", "x"], ["x", "--read-only"], ["x", "y"], ["--version"], ["-h"], ["-"]):
        assert cli_app.plain(argv) is False
    assert cli_app.plain([]) is None and cli_app.plain(["ws"]) == "ws"
