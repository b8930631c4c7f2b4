"""Every `factex` command's argument parser and help formatter (see explorer.cli.options, which
hands them out: imported only when a command makes its parser)."""

from __future__ import annotations

import argparse
import sys


class ArgumentParser(argparse.ArgumentParser):
    """Every command's parser: options may stand anywhere among the positionals, as people type
    them (`factex quote TEXT --source X WS`, `factex new entity NAME --type person WS`). Plain
    argparse takes an optional positional (WORKSPACE) as missing as soon as an option comes
    between it and the positional before it, then calls the workspace an unrecognized
    argument. Options are read first, then the positionals in order (argparse's intermixed
    parsing); a parser with subcommands reads its subcommand's arguments this way."""

    _reading = False

    def _print_message(self, message, file=None):
        # (argparse drops an OSError here: `factex --help > /dev/full` lost its help silently,
        # exit status 0; raised, cli.run_command says it in one line, exit status 1)
        if message:
            (file or sys.stderr).write(message)

    def parse_known_args(self, args=None, namespace=None):
        if self._reading or self._subparsers is not None or (args is not None and "--" in args):
            # (`--`: what follows is positional, `factex search -- -kim`; Python 3.11's intermixed
            # parsing read it as options again)
            return super().parse_known_args(args, namespace)
        self._reading = True  # (the intermixed parsing calls this again, for each pass)
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._reading = False

    def error(self, message: str):
        """A usage error, its message through safetext.visible: argparse quotes what it could not
        read as it was typed (`unrecognized arguments: ...`), and an argument may hold anything a
        file name holds (`factex check *`)."""
        from explorer.core.safetext import visible

        super().error(visible(message))


class HelpFormatter(argparse.HelpFormatter):
    """Wraps paragraphs to the terminal; keeps text written with line breaks (examples) as it is."""

    def _fill_text(self, text, width, indent):
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)
