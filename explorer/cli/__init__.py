"""The `factex` command line: `main()` and the command table.

Each command is a module of this package with `parser()` and `run(argv) -> exit status`; what they
share (the workspace argument, `--format`, the workspace error, paths) is in `options`. A command's
module is imported only when it runs, and only `app` imports Textual, so `factex check` and the
others start without it. To add a command: write `explorer/cli/NAME.py` and add a line to COMMANDS.
"""

from __future__ import annotations

import os
import sys

# Nothing else at the top: `factex search` asks the search server before importing anything more
# (see main and cli/client.py); every command imports what it needs when it runs.

# factex NAME ... -> the module explorer.cli.MODULE. Without a command name, `factex [WORKSPACE]`
# runs the module `app` (the explorer); `factex help` prints its help.
COMMANDS = {
    "check": "check",
    "export": "export",
    "search": "search",
    "quote": "quote",
    "new": "new",
    "schema": "schema",
    "import": "imports",
    "diff": "diff",
    "completion": "completion",
    "serve": "serve",
    "init": "init",
    "add": "add",
    "mentions": "mentions",
    "suggest": "suggest",
    "timeline": "timeline",
    "voices": "voices",
    "server": "server",
}
APP = "app"


def command(name: str):
    """The module of command `name` (or of the app, for APP), imported now."""
    import importlib

    return importlib.import_module(f"explorer.cli.{APP if name == APP else COMMANDS[name]}")


def main(argv: list[str] | None = None) -> int:
    """Run `factex ARGV` (the program's own arguments when None: then this is the program, and
    may leave work to a child of its own once its answer is out, see cli/search.py). Whatever
    happens, no traceback: an error factex did not expect is one line (`_unexpected`)."""
    try:
        return _main(argv)
    except Exception as exc:
        return _unexpected(exc)


def _main(argv: list[str] | None) -> int:
    as_program = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "search":
        # The workspace's search server answers, if one runs (see cli/client.py): before
        # anything else is imported. Without one (or one that does not answer) the search runs
        # here, and then starts one for next time.
        from explorer.cli import client

        status = client.try_search(argv[1:])
        if status is not None:
            return status
        status = run_command(argv)
        # A cold search stores its cache and index after its answer (run as the program: in a
        # child of its own, see cli/search.py), and then starts the server; else it starts now.
        searched = sys.modules.get("explorer.cli.search")
        if searched is None or not searched.save_after_answer(then=client.autostart, detach=as_program):
            client.autostart()
        elif as_program:
            # The child has what it stores. Tearing down the fact base and the index here (0.5 s
            # of CPU at 30,000 cards) would also copy every page of them that the child shares.
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass
            os._exit(status)
        return status
    return run_command(argv)


def run_command(argv: list[str]) -> int:
    """Run `factex ARGV` in this process (the search server runs searches through this too)."""
    from explorer.core.errors import FactexError
    from explorer.core.safetext import safe_streams

    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:  # closed by the caller (`factex check >&-`): written to nowhere
            setattr(sys, name, open(os.devnull, "w"))
    safe_streams()  # file names that are not UTF-8, a strict or ASCII locale: printing never fails
    try:
        try:
            if argv and argv[0] == "help":
                command(APP).parser().print_help()
                status = 0
            elif argv and argv[0] in COMMANDS:
                status = command(argv[0]).run(argv[1:])
            else:
                status = command(APP).run(argv)
        except SystemExit:  # (--help, --version, a usage error: argparse's exit, its text still buffered)
            sys.stdout.flush()
            raise
        sys.stdout.flush()  # (what cannot be written, a full disk, is said here, not as Python ends)
        return status
    except FactexError as exc:  # a command that did not catch it: its message, never a traceback
        from explorer.core.safetext import visible

        print(f"factex: {visible(str(exc))}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped to a program that stopped reading (`factex export | head`): not an error.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:  # pragma: no cover
            pass
        return 0
    except OSError as exc:
        import errno

        if exc.errno not in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG, errno.EIO):  # (no space, ...)
            return _unexpected(exc)
        # Standard output cannot be written (a full disk, a device gone): said in one line.
        try:
            sys.stdout = open(os.devnull, "w")  # (what is still buffered goes nowhere, quietly)
            print(f"factex: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        except Exception:  # pragma: no cover - standard error itself is gone
            pass
        return 1
    except Exception as exc:
        return _unexpected(exc)


def _unexpected(exc: Exception) -> int:
    """A bug: one line on standard error, the traceback in a file (explorer.core.crash.unexpected),
    exit status 70 (EX_SOFTWARE). With FACTEX_DEBUG=1 the exception is raised as it is."""
    if os.environ.get("FACTEX_DEBUG"):
        raise exc
    from explorer.core.crash import unexpected

    try:
        print(unexpected(exc), file=sys.stderr)
    except Exception:  # pragma: no cover - standard error itself is gone
        pass
    return 70
