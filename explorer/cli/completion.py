"""`factex completion bash|zsh|fish`: a completion script, made from the commands' own parsers."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import options

SHELLS = ("bash", "zsh", "fish")  # explorer.core.completion.SHELLS
_PATH_METAVARS = {"WORKSPACE", "DIR", "FILE", "PATH"}


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex completion",
        description="Print a shell completion script for factex: commands, options, their values, and "
        "files or folders where a command takes a path.",
        epilog="examples:\n"
        "  source <(factex completion bash)                     in ~/.bashrc\n"
        "  source <(factex completion zsh)                      in ~/.zshrc, after compinit\n"
        "  factex completion fish > ~/.config/fish/completions/factex.fish",
        formatter_class=options.HelpFormatter,
    )
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    return p


def spec():
    """The completion spec of every command, read from its argparse parser."""
    from explorer.cli import APP, COMMANDS, command
    from explorer.core.completion import Command, Spec

    commands = []
    for name in COMMANDS:
        p = command(name).parser()
        c = Command(name, help=(p.description or "").split(". ")[0].split(": ")[0][:70], paths=False)
        _read(p, c)
        commands.append(c)
    top = [o for a in command(APP).parser()._actions for o in a.option_strings]
    return Spec("factex", commands, top)


def _read(p: argparse.ArgumentParser, c) -> None:
    positional_paths = False
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            c.words = list(action.choices)
            for sub in action.choices.values():
                _read(sub, c)
            continue
        if action.option_strings:
            for opt in action.option_strings:
                if opt not in c.options:
                    c.options.append(opt)
                if action.choices:
                    c.choices[opt] = [str(x) for x in action.choices]
                elif (action.metavar or "") in _PATH_METAVARS and opt not in c.path_options:
                    c.path_options.append(opt)
        elif action.choices and not c.words:
            c.words = [str(x) for x in action.choices]
        elif (action.metavar or action.dest.upper()) in _PATH_METAVARS:
            positional_paths = True
    if positional_paths:
        c.paths = True


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    from explorer.core.completion import script

    sys.stdout.write(script(args.shell, spec()))
    return 0
