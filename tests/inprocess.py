"""`factex ARGS` run in the test's own process, through the entry point the `factex` script calls
(`explorer.cli.main`), for tests about what a command prints and returns rather than about its
process (its interpreter, its imports, its locale, its signals: those tests start one).

A `python -m explorer ...` started for that paid for an interpreter and the command line's imports,
0.1-0.2 CPU s a command, most of what a small `check` or `export` costs. Here the command sees what
the child saw: its working folder and environment (given as they would be, and put back after),
standard streams that are not terminals, UTF-8 as a pipe has them (strict for stdout,
backslashreplace for stderr), read back as `subprocess.run(..., text=True)` reads them. An
exception that escapes `main()` fails the test with its traceback (tests run with FACTEX_DEBUG=1,
as the children they replace did).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys


def _stream(errors: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors=errors, write_through=True)


def _read(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return io.TextIOWrapper(io.BytesIO(stream.buffer.getvalue()), encoding="utf-8", errors="strict").read()


def factex(*args: str, cwd=None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`factex ARGS` in folder `cwd` (this process's when None) with the environment `env` (this
    process's when None): its exit status, stdout and stderr, as a CompletedProcess."""
    from explorer.cli import main

    argv = [str(a) for a in args]
    saved_env, saved_cwd, saved_streams = dict(os.environ), os.getcwd(), (sys.stdout, sys.stderr)
    out, err = _stream("strict"), _stream("backslashreplace")
    try:
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        if cwd is not None:
            os.chdir(cwd)
        sys.stdout, sys.stderr = out, err
        try:
            status = main(argv)
        except SystemExit as exc:  # (argparse's --help and usage errors)
            status = exc.code
    finally:
        sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    if status is None:
        status = 0
    elif not isinstance(status, int):
        print(status, file=err)
        status = 1
    return subprocess.CompletedProcess(["factex", *argv], status, _read(out), _read(err))
