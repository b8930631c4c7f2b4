"""Run several `factex` commands from one freshly started interpreter, each in a process forked
from it, with the interpreter's own standard streams.

    python tests/cli_batch.py OUT_DIR COMMANDS_JSON [WARM_JSON]

What a fresh interpreter decides when it starts (the locale, PYTHONIOENCODING, PYTHONUTF8: the
encoding and error handler of `sys.stdout` and `sys.stderr`) is decided once, by this interpreter,
started with the environment under test. Each command then runs in a child forked from it: its
file descriptors 1 and 2 are files (OUT_DIR/N.out, OUT_DIR/N.err; 0 is /dev/null), while the
`sys.stdout` and `sys.stderr` objects are the interpreter's, untouched, as `python -m explorer`
would have them. It runs `main(argv)` as explorer/__main__.py does (`raise SystemExit(main())`):
an exception that escapes prints its traceback and exits 1, and output that cannot be flushed at
the end exits 120, as the interpreter would. OUT_DIR/N.status holds the exit status.

This saves an interpreter start and the command line's imports for every command but the first
(tests/test_names_and_line_ends.py runs 10 commands under each of 4 locales).

WARM_JSON, when given, lists commands this interpreter runs itself first, before any fork, over
a workspace of their own (a copy of the one under test, elsewhere), their output thrown away
(streams of the same encoding and error handler as its own): what the commands import or compile
on first use (PyYAML, the checks, the exporters, the search, lazily compiled patterns) is then done
once, not once a command (~half of a batch's CPU). Nothing of that run is kept but modules and
compiled patterns, and what it cached under its own workspace's path; an exception that escapes
one ends the batch with its traceback.
"""

from __future__ import annotations

import json
import os
import sys
import traceback

# what the commands import (only imports: no command runs in this process)
import explorer.cli  # noqa: F401
import explorer.cli.check  # noqa: F401
import explorer.cli.export  # noqa: F401
import explorer.core.loading.loader  # noqa: F401


def _child(argv: list[str], out: str, err: str) -> None:
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    for fd, path in ((1, out), (2, err)):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    sys.argv = ["factex", *argv]
    code: object = 1
    try:
        from explorer.cli import main

        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    except BaseException:  # what the interpreter prints for an uncaught exception
        traceback.print_exc()
        code = 1
    try:
        sys.stdout.flush()
    except BaseException:
        traceback.print_exc()
        code = 120
    try:
        sys.stderr.flush()
    except BaseException:
        pass
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # SystemExit("message"): printed to stderr, status 1
        print(code, file=sys.stderr)
        sys.stderr.flush()
        status = 1
    os._exit(status & 0xFF)


def _warm_up(commands: list[list[str]]) -> None:
    import io

    from explorer.cli import main

    saved = sys.stdout, sys.stderr
    try:
        for argv in commands:
            sys.stdout, sys.stderr = (io.TextIOWrapper(io.BytesIO(), encoding=stream.encoding, errors=stream.errors)
                                      for stream in saved)
            try:
                main(argv)
            except SystemExit:
                pass
    finally:
        sys.stdout, sys.stderr = saved


def main() -> None:
    out_dir, commands = sys.argv[1], json.loads(sys.argv[2])
    if len(sys.argv) > 3:
        _warm_up(json.loads(sys.argv[3]))
    sys.stdout.flush()
    sys.stderr.flush()
    for n, argv in enumerate(commands):
        out, err = os.path.join(out_dir, f"{n}.out"), os.path.join(out_dir, f"{n}.err")
        pid = os.fork()
        if pid == 0:
            try:
                _child(argv, out, err)
            finally:
                os._exit(125)  # (not reached)
        _, wait_status = os.waitpid(pid, 0)
        with open(os.path.join(out_dir, f"{n}.status"), "w", encoding="ascii") as fh:
            fh.write(str(os.waitstatus_to_exitcode(wait_status)))


if __name__ == "__main__":
    main()
