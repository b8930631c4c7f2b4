"""Instructions to the first frame: factex's first start against the bare Textual app, counted.

    python bench/instructions.py [--keep DIR]

Wall time on a shared 2-core machine swings by a factor of two from run to run; the number of
instructions a process executes does not. Each program runs once under `valgrind --tool=callgrind`
on a 120x40 pty (`bench/_term.py`) and exits as soon as Textual has written its first frame:

  baseline   the bare Textual app showing one Label (bench/_label.py);
  factex     `factex` on this repository with an empty cache (a first start: no card cache, no
             stored frame), whose first frame must show the facts (checked on the emulated screen);
  used before  the same first start of this workspace (no card cache for it, no stored frame),
             after `factex` was used once on another workspace: what it keeps for any workspace
             (Textual's parsed CSS, explorer/app/stylecache.py) is in the cache folder.

The program is started through this script (`--inside`), which exits at the first frame and marks
where the start stands (the interpreter up, Textual's `textual.app` imported, `App.run` called, the
frame written) with a call to getppid, at which callgrind dumps what was counted so far. It prints
the instructions of each part and of the whole, and the ratio of the totals; factex's helper
process (the cards read on another core, explorer/app/preload.py) is printed apart. The goal
(issue 15.1) is about wall time: `bench/onscreen.py` measures that.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKS = ("the interpreter and this script", "to `import textual.app`", "`textual.app` imported",
         "to `App.run`", "`App.run` to the first frame")


def _inside(what: str, argv: list[str]) -> None:
    """Run the program in this process; exit at its first frame, marking the parts on the way."""
    import importlib.abc
    import importlib.machinery
    import runpy

    def mark() -> None:
        os.getppid()  # (callgrind --dump-before=getppid)

    class Hook(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name != "textual.app":
                return None
            sys.meta_path.remove(self)
            mark()
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            exec_module = spec.loader.exec_module

            def patched(module):
                exec_module(module)
                mark()
                app_class = module.App
                run, display = app_class.run, app_class._display

                def app_run(self, *args, **kwargs):
                    mark()
                    return run(self, *args, **kwargs)

                def first_display(self, screen, renderable):
                    display(self, screen, renderable)
                    if renderable is not None and not self._batch_count and self._driver is not None:
                        mark()
                        self._driver.flush()
                        self._driver._writer_thread.stop()  # (what was written is on the terminal)
                        os._exit(0)

                app_class.run, app_class._display = app_run, first_display

            spec.loader.exec_module = patched
            return spec

    mark()
    sys.meta_path.insert(0, Hook())
    if what != "baseline":
        # The check that the card cache's snapshot holds waits for the first frame, at most
        # FRAME_WAIT (5 s): a real start draws it ~0.1 s after, but under callgrind the wait could
        # end first, and whether that check (~7 M) was counted depended on the timing.
        from explorer.app import preload

        preload.FRAME_WAIT = 3600.0
    if what == "baseline":
        sys.argv = [str(HERE / "_label.py")]
        runpy.run_path(sys.argv[0], run_name="__main__")
    else:
        sys.argv = ["factex", *argv]
        runpy.run_module("explorer", run_name="__main__", alter_sys=True)


def _count(path: str) -> int:
    with open(path) as fh:
        for line in fh:
            if line.startswith("summary:"):
                return int(line.split()[1])
    return 0


def used_before(cache: str) -> None:
    """Fill `cache` as factex's use on another workspace would (a folder with no card): the
    article's card cache stays empty, what factex keeps for any workspace (the parsed CSS,
    explorer/app/stylecache.py) is there."""
    import _term

    with tempfile.TemporaryDirectory(prefix="factex-bench-other-") as other:
        os.makedirs(os.path.join(other, "facts"))
        os.makedirs(os.path.join(other, "seeds"))
        with _term.Terminal(_term.factex(other), env=_term.clean_env({"XDG_CACHE_HOME": cache})) as t:
            t.wait_for(lambda screen: "Entities" in screen, timeout=120)
            t.drain(quiet=1.0, limit=5.0)
            t.send("q")
            t.proc.wait(timeout=120)


def measure(what: str, out: str, before: bool = False) -> tuple[list[int], list[int]]:
    """(the instructions of each part of the main process, the totals of any other process).
    `before`: factex was used on another workspace before (see used_before)."""
    import _term

    name = what + ("-before" if before else "")
    argv = ["valgrind", "--tool=callgrind", "--dump-before=getppid", f"--log-file={out}/{name}.log.%p",
            f"--callgrind-out-file={out}/{name}.%p", sys.executable, __file__, "--inside", what, str(HERE.parent)]
    with tempfile.TemporaryDirectory(prefix="factex-bench-cold-") as cache:
        if before:
            used_before(cache)
        t = _term.Terminal(argv, env=_term.clean_env({"XDG_CACHE_HOME": cache}))
        try:
            while t.proc.poll() is None:
                t._read(0.05)
            t.drain(0.2, 2)
            screen = t.screen()
        finally:
            t.close()
    shown = _term.label_shown(screen) if what == "baseline" else _term.facts_shown(screen)
    if not shown:
        raise SystemExit(f"{what}: the first frame did not show what it should:\n{screen}")
    main = Path(glob.glob(f"{out}/{name}.*.1")[0]).name.split(".")[1]  # (the process that dumped parts)
    parts = [_count(f"{out}/{name}.{main}.{k}") for k in range(1, len(MARKS) + 1)]
    others = [_count(f) for f in glob.glob(f"{out}/{name}.[0-9]*") if Path(f).name.count(".") == 1
              and Path(f).name.split(".")[1] != main]
    return parts, others


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--inside"]:
        _inside(argv[1], argv[2:])
        return 0
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--keep", help="keep callgrind's files in this folder (callgrind_annotate reads them)")
    a = p.parse_args(argv)
    sys.path.insert(0, str(HERE))
    import _term

    _term.compile_factex()
    out = a.keep or tempfile.mkdtemp(prefix="factex-callgrind-")
    os.makedirs(out, exist_ok=True)
    started = time.perf_counter()
    base, _ = measure("baseline", out)
    mine, others = measure("factex", out)
    again, others_again = measure("factex", out, before=True)
    print(f"instructions (millions) to the first frame, 120x40 pty, callgrind ({time.perf_counter() - started:.0f} s)")
    print(f"{'part':<36}{'bare app':>10}{'factex':>10}{'used before':>13}")
    for name, b, f, g in zip(MARKS, base, mine, again):
        print(f"{name:<36}{b / 1e6:>10.1f}{f / 1e6:>10.1f}{g / 1e6:>13.1f}")
    print(f"{'total':<36}{sum(base) / 1e6:>10.1f}{sum(mine) / 1e6:>10.1f}{sum(again) / 1e6:>13.1f}")
    print(f"{'ratio':<36}{'':>10}{sum(mine) / sum(base):>9.2f}x{sum(again) / sum(base):>12.2f}x")
    for label, helpers in (("factex", others), ("used before", others_again)):
        for other in helpers:
            print(f"factex's helper process ({label}; another core): {other / 1e6:.1f} M")
    if not a.keep:
        import shutil

        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
