"""Run a `factex` command in a forked process that has the command line imported already.

`tests/test_corpus.py` runs `factex check` and `factex export` over each of its ~140 hostile
workspaces. Started as `python -m explorer`, each paid for an interpreter and its imports (~0.2 CPU
s, half the corpus's CPU); forked from a `multiprocessing` fork server that preloaded this module, each
pays only for its own work. The server also runs `check` and `export --format json` once over a small
workspace of its own when it starts (`_warm_up`), so what each command loads or compiles on first
use (PyYAML, the checks, lazily compiled patterns: ~0.1 CPU s for `check`, ~0.2 for `export`) is
done once, not once a case. Each command still runs in a process of its own, under its own memory
limit, with its own working folder, environment and standard streams (files, not a terminal, as a
pipe would be), and exits with what `main()` returned; an exception that escapes `main()` prints its
traceback, as the interpreter would.
"""

from __future__ import annotations

import gc
import io
import os
import resource
import sys
import tempfile
import traceback

import explorer.cli  # noqa: F401  (preloaded: what every command needs)
import explorer.cli.check  # noqa: F401
import explorer.cli.export  # noqa: F401
import explorer.core.loading.loader  # noqa: F401


# Started by tests/test_corpus.py's `_forks()` with this folder on PYTHONPATH: put it back as it was.
# (Only the fork server has it: the test's own process imports this module too, to name `run` as
# the forks' target, and neither runs commands nor needs the warm-up below.)
_IN_FORK_SERVER = "FACTEX_TEST_PYTHONPATH" in os.environ
if _IN_FORK_SERVER:
    _was = os.environ.pop("FACTEX_TEST_PYTHONPATH")
    if _was:
        os.environ["PYTHONPATH"] = _was[1:]
    else:
        os.environ.pop("PYTHONPATH", None)

_IMPORTED_IN = os.getpid()


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
    if _IMPORTED_IN == os.getpid():  # the fork server failed to preload this module
        print("cli_runner: not preloaded by the fork server; each command paid for its imports", file=sys.stderr)
        sys.stderr.flush()
        os._exit(121)
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


_WARM_SOURCE = "A Title\n\nAlice Smith met Bob Jones in Paris. Bob said it was fine.\n"
_WARM_CARDS = {
    "alice.yaml": "kind: entity\nname: Alice Smith\ntype: person\naliases: [Alice]\nevidence:\n  - quote: Alice Smith met Bob Jones\n",
    "bob.yaml": "kind: entity\nname: Bob Jones\ntype: person\nevidence: [Bob said]\n",
    "met.yaml": "kind: relation\nsubject: alice\npredicate: met\nobject: bob\nevidence: [Alice Smith met Bob]\n",
    "broken.yaml": "kind: entity\nname: [\n",  # the problem paths too
    "lost.yaml": "kind: entity\nname: Lost\ntype: person\nevidence: [not in the text]\n",
}


def _warm_up() -> None:
    """Run `check` and `export --format json` once, here in the fork server, over a workspace of
    its own (a temporary folder, its output thrown away), so that every forked command starts with
    the modules and lazily built tables those commands use already loaded. What a command prints
    or returns depends only on its own workspace and arguments: nothing of this run is kept but
    imported modules and compiled patterns (and this workspace's entry in the card cache, under
    its own path)."""
    from explorer.cli import main

    cwd = os.getcwd()
    saved = sys.stdout, sys.stderr
    with tempfile.TemporaryDirectory(prefix="factex-warm-") as folder:
        root = os.path.join(folder, "ws")
        os.makedirs(os.path.join(root, "facts"))
        os.makedirs(os.path.join(root, "seeds"))
        with open(os.path.join(root, "seeds", "article.txt"), "w", encoding="utf-8") as fh:
            fh.write(_WARM_SOURCE)
        for name, text in _WARM_CARDS.items():
            with open(os.path.join(root, "facts", name), "w", encoding="utf-8") as fh:
                fh.write(text)
        os.chdir(root)
        try:
            for argv in (["check", root], ["export", "--format", "json", root]):
                sys.stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
                sys.stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
                try:
                    main(argv)
                except SystemExit:
                    pass
        finally:
            sys.stdout, sys.stderr = saved
            os.chdir(cwd)
    gc.collect()
    gc.freeze()  # what is here now stays: the forks do not copy it when the collector runs


if _IN_FORK_SERVER:
    _warm_up()
