"""Run a `factex` command in a forked process that has the command line imported already.

`tests/test_corpus.py` runs `factex check` and `factex export` over each of its ~140 hostile
workspaces. Started as `python -m explorer`, each paid for an interpreter and its imports (~0.2 CPU
s, half the corpus's CPU); forked from a `multiprocessing` fork server that preloaded this module, each
pays only for its own work. Each command still runs in a process of its own, under its own memory
limit, with its own working folder, environment and standard streams (files, not a terminal, as a
pipe would be), and exits with what `main()` returned; an exception that escapes `main()` prints its
traceback, as the interpreter would.
"""

from __future__ import annotations

import io
import os
import resource
import sys
import traceback

import explorer.cli  # noqa: F401  (preloaded: what every command needs)
import explorer.cli.check  # noqa: F401
import explorer.cli.export  # noqa: F401
import explorer.core.loading.loader  # noqa: F401


def run(argv: list[str], cwd: str, out_path: str, err_path: str, env: dict[str, str], memory: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    os.chdir(cwd)
    os.environ.update(env)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    for fd, path in ((1, out_path), (2, err_path)):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    # as Python sets them up for a pipe: UTF-8 (the locale here), strict out, backslashreplace err
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="strict")
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="backslashreplace",
                                  line_buffering=True)
    code: object = 1
    try:
        from explorer.cli import main

        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    except BaseException:  # what the interpreter would print for an uncaught exception
        traceback.print_exc()
        code = 1
    finally:
        try:
            sys.stdout.flush()
        except BaseException:
            traceback.print_exc()
            code = 120
        sys.stderr.flush()
    usage = resource.getrusage(resource.RUSAGE_SELF)  # (a forked child's count starts at zero)
    with open(out_path + ".cpu", "w", encoding="ascii") as fh:
        fh.write(repr(usage.ru_utime + usage.ru_stime))
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))
