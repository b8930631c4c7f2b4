"""The whole test suite's time on this machine, against the goal of 2 minutes (issue 15, goal 6).

    python bench/suite.py [--runs 1] [--fresh]

Runs the suite as the README's second quick-start line does (`python -m pytest`, its workers as
pyproject.toml sets them: `-n auto`, two a core), `--runs` times one after another, and prints
pytest's own time ("N passed in X s", from its start to its end, collection included), the wall
time of the whole command, the CPU time of every process it ran (user + system), the load average
around each run, and the median against the goal. `--fresh` runs it as CI does instead: a clone
of this checkout's HEAD in a temporary folder, `CI=true bash .ci/run` there (a new venv, the
install, then the suite), with the install's time apart. A report: it exits 0 whatever it finds,
1 only if a run failed.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOAL = 120.0  # seconds: "the whole test suite under 2 minutes on 2 cores"
PASSED = re.compile(r"(\d+) passed(?:, (\d+) \w+)*.* in ([0-9.]+)s")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def run_once(fresh: bool) -> dict:
    """One run: pytest's own seconds, the command's wall and CPU seconds, how many passed."""
    load_before = _load()
    with tempfile.TemporaryDirectory(prefix="factex-suite-") as tmp:
        if fresh:
            where = Path(tmp) / "clone"
            subprocess.run(["git", "clone", "-q", str(REPO), str(where)], check=True)
            cmd = ["bash", ".ci/run"]
            env = {**os.environ, "CI": "true"}
        else:
            where = REPO
            cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"]
            env = dict(os.environ)
        cpu0, t0 = _children_cpu(), time.perf_counter()
        out = subprocess.run(cmd, cwd=where, env=env, capture_output=True, text=True)
        wall, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    # pytest's summary line, the last such line of its output (a library may print after it)
    lines = [line for line in (out.stdout + "\n" + out.stderr).splitlines() if PASSED.search(line)]
    tail = lines[-1:] or [(out.stdout + out.stderr).strip().splitlines()[-1:] or [""]][0]
    m = PASSED.search(tail[0])
    failed = out.returncode != 0 or m is None or " failed" in tail[0] or " error" in tail[0]
    return {"pytest": float(m.group(3)) if m else float("nan"), "passed": int(m.group(1)) if m else 0,
            "wall": wall, "cpu": cpu, "failed": failed, "tail": tail[0], "load": f"{load_before} -> {_load()}"}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--fresh", action="store_true", help="a fresh clone through .ci/run, as CI runs it")
    a = p.parse_args(argv)
    how = "a fresh clone, CI=true bash .ci/run (venv, install, suite)" if a.fresh else "python -m pytest in this checkout"
    print(f"the test suite, {how}, {os.cpu_count()} cores, {a.runs} run(s)")
    runs = []
    for k in range(a.runs):
        r = run_once(a.fresh)
        runs.append(r)
        extra = f", the rest (venv, install) {r['wall'] - r['pytest']:.1f} s" if a.fresh else ""
        print(f"run {k + 1}/{a.runs}: {r['passed']:,} passed, pytest {r['pytest']:.1f} s, the command {r['wall']:.1f} s"
              f"{extra}, {r['cpu']:.0f} CPU s (load {r['load']}){'  FAILED: ' + r['tail'] if r['failed'] else ''}")
    times = [r["pytest"] for r in runs]
    median = statistics.median(times)
    print(f"{'what':<40}{'median':>8}{'min':>8}{'max':>8}{'goal':>8}{'ratio':>8}")
    print(f"{'the suite (pytest: N passed in X s)':<40}{median:>8.1f}{min(times):>8.1f}{max(times):>8.1f}"
          f"{GOAL:>8.0f}{median / GOAL:>7.2f}x   {'met' if median <= GOAL and not any(r['failed'] for r in runs) else 'NOT met'}")
    print(f"{'CPU seconds of every process (median)':<40}{statistics.median(r['cpu'] for r in runs):>8.0f}")
    return 1 if any(r["failed"] for r in runs) else 0


if __name__ == "__main__":
    raise SystemExit(main())
