"""How fast is `factex search` on a big workspace, compared with fzf over the same lines?

    python bench/search.py [--sources 100 --entities 10000 --relations 20000 --seed 1]
                           [--repeat 7] [--fzf-repeat 5] [--keep]

Uses the synthetic workspace of `bench/synth.py` (reusing `bench/out/synth` when its `.synth.json`
marker records the same parameters and generator; else generating into a temporary folder, or into
`bench/out/synth` with `--keep`), loads it, builds the search index (the build time is printed),
then, for a fixed list of queries, prints the median time of `SearchIndex.search(query)` and the
median time of `fzf --filter QUERY` (run as a process, as a person would) over a file holding the
same searchable text, one line per record (each record's folded fields joined by " | "), written
once. fzf gets the part of the query it understands (field filters are dropped).

Goal: every query at most 1x fzf's time, and none over 100 ms. This is a report: it always exits 0
and says plainly when the goal is missed. Textual's `textual.fuzzy.Matcher` is not used anywhere
(it is exponential on long text); the pathological queries (one letter seven times, against long
quotes) are in the list.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True  # keep bench/ free of __pycache__
BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
for p in (str(REPO), str(BENCH)):
    if p not in sys.path:
        sys.path.insert(0, p)

import synth  # noqa: E402
from explorer.core.search import SearchIndex, parse_query  # noqa: E402
from explorer.core.loading.loader import Loader  # noqa: E402

DEFAULT_OUT = BENCH / "out" / "synth"
GOAL_RATIO = 1.0
GOAL_MS = 100.0

# (label, factex query, what fzf is given)
QUERIES = [
    ("short", "kim", "kim"),
    ("long", "north korean ballistic missile", "north korean ballistic missile"),
    ("exact", "'missile", "'missile"),
    ("exact", "'harbour", "'harbour"),  # (the synthetic text has no missiles; it has harbours)
    ("negated", "kim !jong", "kim !jong"),
    ("filter", "type:person kim", "kim"),
    ("filter", "certainty:hedged russia", "russia"),
    ("or", "tass | kcna", "tass | kcna"),
    ("prefix+suffix", "^kim un$", "^kim un$"),
    ("pathological", "aaaaaaa", "aaaaaaa"),
    ("pathological", "eeeeeee", "eeeeeee"),
    ("no match", "zqxjvkw", "zqxjvkw"),
    ("one letter", "e", "e"),
]


def _marker_ok(folder: Path, params: dict) -> bool:
    try:
        marker = json.loads((folder / synth.MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return marker.get("complete") is True and all(marker.get(k) == v for k, v in params.items())


def searchable_lines(index: SearchIndex) -> list[str]:
    """One line per record: its folded searchable fields, as the index holds them."""
    out = []
    for kind in index.kinds.values():
        for rec in range(kind.count):
            out.append(" | ".join(line for _, line in kind.lines(rec)))
    return out


def time_factex(index: SearchIndex, query: str, repeat: int) -> tuple[float, int]:
    times = []
    total = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        results = index.search(query)
        times.append(time.perf_counter() - t0)
        total = results.total
    return statistics.median(times) * 1000, total


def time_fzf(fzf: str, path: Path, query: str, repeat: int) -> tuple[float, int]:
    times = []
    count = 0
    for _ in range(repeat):
        with open(path, "rb") as fh:
            t0 = time.perf_counter()
            proc = subprocess.run([fzf, "--filter", query], stdin=fh, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - t0)
        count = proc.stdout.count(b"\n")
    return statistics.median(times) * 1000, count


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark factex search against fzf --filter.")
    p.add_argument("--sources", type=int, default=100)
    p.add_argument("--entities", type=int, default=10000)
    p.add_argument("--relations", type=int, default=20000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeat", type=int, default=7, help="runs of each factex query (default 7)")
    p.add_argument("--fzf-repeat", type=int, default=5, help="runs of each fzf query (default 5)")
    p.add_argument("--keep", action="store_true", help=f"generate into {DEFAULT_OUT.relative_to(REPO)} for reuse")
    a = p.parse_args(argv)

    params = synth.params_of(a.sources, a.entities, a.relations, a.seed)
    tmp = None
    if _marker_ok(DEFAULT_OUT, params):
        root, how = DEFAULT_OUT, "reused"
    else:
        if a.keep:
            root = DEFAULT_OUT
        else:
            tmp = tempfile.TemporaryDirectory(prefix="factex-bench-")
            root = Path(tmp.name)
        t0 = time.perf_counter()
        synth.generate(root, a.sources, a.entities, a.relations, a.seed)
        how = f"generated in {time.perf_counter() - t0:.1f} s"
    try:
        return run(root, how, max(1, a.repeat), max(1, a.fzf_repeat))
    finally:
        if tmp is not None:
            tmp.cleanup()


def run(root: Path, how: str, repeat: int, fzf_repeat: int) -> int:
    print(f"workspace: {root} ({how})")
    load_avg = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
          + (f", load average {load_avg[0]:.2f}" if load_avg else "")
          + f"; factex median of {repeat}, fzf median of {fzf_repeat}")
    t0 = time.perf_counter()
    base = Loader(root).load()
    print(f"loaded in {time.perf_counter() - t0:.1f} s: {len(base.entities)} entities, {len(base.relations)} "
          f"relations, {len(base.sources)} sources, {len(base.errors)} errors")

    builds = []
    index = None
    for _ in range(3):
        index = None
        gc.collect()
        t0 = time.perf_counter()
        index = SearchIndex(base)
        builds.append(time.perf_counter() - t0)
    assert index is not None
    sizes = ", ".join(f"{k} {v.count}" for k, v in index.kinds.items())
    text_mb = sum(len(v.low) for v in index.kinds.values()) / 1e6
    print(f"index built in {statistics.median(builds):.2f} s (median of 3; min {min(builds):.2f} s): "
          f"{sizes} records, {text_mb:.1f} MB of searchable text")

    fzf = shutil.which("fzf") or ("/usr/bin/fzf" if Path("/usr/bin/fzf").exists() else None)
    lines_file = None
    if fzf:
        version = subprocess.run([fzf, "--version"], capture_output=True, text=True).stdout.strip()
        lines = searchable_lines(index)
        fd, name = tempfile.mkstemp(prefix="factex-bench-lines-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        lines_file = Path(name)
        print(f"fzf {version}: {len(lines)} lines ({lines_file.stat().st_size / 1e6:.1f} MB), "
              "one per record, written once")
    else:
        print("fzf not found: only factex is timed")
    print()

    rows = []
    try:
        for label, query, fzf_query in QUERIES:
            parse_query(query)  # a malformed query in this list is a bug in the benchmark
            gc.collect()
            ms, total = time_factex(index, query, repeat)
            f_ms, f_count = time_fzf(fzf, lines_file, fzf_query, fzf_repeat) if fzf else (None, None)
            rows.append((label, query, ms, total, f_ms, f_count))
    finally:
        if lines_file is not None:
            lines_file.unlink(missing_ok=True)

    print(f"{'query':<34}{'kind':<14}{'factex ms':>10}{'fzf ms':>9}{'ratio':>7}{'matches':>9}{'fzf lines':>10}")
    for label, query, ms, total, f_ms, f_count in rows:
        ratio = f"{ms / f_ms:.2f}" if f_ms else "-"
        f_text = f"{f_ms:.1f}" if f_ms is not None else "-"
        f_lines = str(f_count) if f_count is not None else "-"
        print(f"{query:<34}{label:<14}{ms:>10.1f}{f_text:>9}{ratio:>7}{total:>9}{f_lines:>10}")
    print()
    worst = max(rows, key=lambda r: r[2])
    slow = [r for r in rows if r[2] > GOAL_MS]
    over = [r for r in rows if r[4] and r[2] > GOAL_RATIO * r[4]]
    print(f"slowest factex query: {worst[1]!r} at {worst[2]:.1f} ms")
    goal = f"goal: every query <= {GOAL_RATIO:g}x fzf and none over {GOAL_MS:g} ms"
    if not slow and not over and fzf:
        print(f"{goal}: MET")
    else:
        missed = []
        if slow:
            missed.append("over 100 ms: " + ", ".join(f"{r[1]!r} ({r[2]:.0f} ms)" for r in slow))
        if over:
            missed.append("slower than fzf: " + ", ".join(f"{r[1]!r} ({r[2] / r[4]:.2f}x)" for r in over))
        if not fzf:
            missed.append("fzf not found, so the ratio is unmeasured")
        print(f"*** {goal}: MISSED; " + "; ".join(missed) + " ***")
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # a report: say what failed, still exit 0
        import traceback

        traceback.print_exc()
        print(f"benchmark failed: {exc}")
    sys.exit(0)
