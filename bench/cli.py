"""`factex search QUERY` end to end, as a person runs it, against `fzf --filter` on the same records.

    python bench/cli.py [--sizes 30000,100000] [--runs 7] [--cold-runs 2] [--queries kim,...]

For each size, uses the synthetic workspace of `bench/synth.py` in `bench/out/synth-N` (generated
there the first time: about 10 s for 30,000 cards, 80 s for 100,000; `bench/out/` is not
committed) and writes the index's searchable records to a file, one line per record (each
record's folded fields joined by " | ", as `bench/search.py` gives fzf). Then:

  cold      `factex search` with no cache at all (the card cache, the fact-base snapshot and the
            stored index removed; no server), against the load goal's baseline: a new process
            that walks facts/, reads every card and parses it with PyYAML's CSafeLoader (as
            bench/load.py's baseline, plus the interpreter's start). Interleaved, `--cold-runs`
            times; wall and CPU (user+system) seconds until the command exits. Goal: within 1.5x
            (bench/load.py). A cold search stores its card cache and index after its answer, in
            a child of its own (cli/search.py save_after_answer): that child is waited for (its
            lock) before the next run, and its wall time is reported apart. Each round's CPU
            ratio is printed too (how much the rounds differ is how noisy the machine was);
            `--runs 0` runs only these.
  warm      for each query, in turns:
              server   `factex search QUERY WORKSPACE` answered by the workspace's search server
                       (started first with `factex server start`, stopped at the end)
              stat     the same with FACTEX_SERVER=0: the in-process search, which stat-checks
                       every card and reads the stored index (core/search/store.py)
              fzf      `fzf --filter QUERY < records`
            each a new process timed until it exits (output to a pipe); medians of `--runs`.
  edit      a card rewritten (a comment added), then at once `factex search` with the server,
            which reloads that card before answering; `--runs` times (the card is restored).
            The server's status is printed after the warm searches and after the edits: its
            peak memory, and its helper process's (started by the first edit) now and at peak.

The caches live in a folder of their own (`XDG_CACHE_HOME=bench/out/cache`), the server's socket
in `bench/out/run` (XDG_RUNTIME_DIR), never the user's. The commands run with bytecode caching
on (PYTHONDONTWRITEBYTECODE removed from their environment), as an installed factex runs.

fzf: `apt-get install fzf` (Debian/Ubuntu) when it is missing; without it only factex is timed.
Goal (issue #18): factex at most 1x fzf at 30,000 and 100,000 cards, warm. A report: always exits 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True  # keep bench/ free of __pycache__
BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
for p in (str(REPO), str(BENCH)):
    if p not in sys.path:
        sys.path.insert(0, p)

import synth  # noqa: E402

OUT = BENCH / "out"
CACHE = OUT / "cache"
GOAL = 1.0
SIZES = {30000: (100, 10000, 20000), 100000: (300, 33000, 67000)}  # cards: sources, entities, relations
QUERIES = ["kim", "'harbour", "north korean ballistic missile", "type:person kim", "zqxjvkw"]
# (main() with no arguments: run as the program, as the `factex` script runs it)
FACTEX = [sys.executable, "-c", "import sys; from explorer.cli import main; sys.exit(main())"]
VENV = OUT / "venv"


def installed_python() -> str:
    """A Python that imports factex as an installed package does: `bench/out/venv`, a venv whose
    site-packages lists this checkout and the dependencies' folder in a plain .pth file. The
    editable install of the checkout's .venv imports its finder (pathlib, re, urllib, ...) at
    every interpreter start, 15-20 ms that an installed factex never pays."""
    import site
    import sysconfig

    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(VENV)], check=True)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    deps = [p for p in site.getsitepackages() if os.path.isdir(p)] or [sysconfig.get_paths()["purelib"]]
    Path(purelib, "factex-bench.pth").write_text("\n".join([str(REPO), *deps]) + "\n", encoding="utf-8")
    return str(python)


def workspace(cards: int) -> Path:
    """The synthetic workspace of `cards` cards (a third entities, two thirds relations)."""
    sources, entities, relations = SIZES.get(cards) or (max(10, cards // 300), cards // 3, cards - cards // 3)
    root = OUT / f"synth-{cards}"
    params = synth.params_of(sources, entities, relations, 1)
    try:
        import json

        marker = json.loads((root / synth.MARKER).read_text(encoding="utf-8"))
        if marker.get("complete") is True and all(marker.get(k) == v for k, v in params.items()):
            return root
    except (OSError, ValueError):
        pass
    print(f"generating {root.relative_to(REPO)} ({sources} sources, {entities} entities, {relations} relations)...",
          flush=True)
    synth.generate(root, sources, entities, relations, 1)
    return root


RUN = OUT / "run"


def env(**extra: str) -> dict:
    e = dict(os.environ)
    e["XDG_CACHE_HOME"] = str(CACHE)
    e["XDG_RUNTIME_DIR"] = str(RUN)
    e.pop("FACTEX_CACHE", None)
    e.pop("FACTEX_SERVER", None)
    e.pop("PYTHONDONTWRITEBYTECODE", None)  # (an installed factex has its bytecode compiled)
    e["PYTHONPATH"] = str(REPO)
    e.update(extra)
    return e


def run(cmd: list[str], stdin=None, **extra: str) -> tuple[float, int, int, bytes, float]:
    """(seconds until it exited, exit status, peak RSS in KiB, what it printed, CPU seconds)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env(**extra))
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, proc.returncode, usage.ru_maxrss, out, usage.ru_utime + usage.ru_stime


BASELINE = """
import os, sys, yaml
n = 0
for folder, dirs, files in os.walk(os.path.join(sys.argv[1], "facts")):
    dirs.sort()
    for name in sorted(files):
        if name.endswith((".yaml", ".yml")) and not name.startswith("."):
            with open(os.path.join(folder, name), encoding="utf-8") as fh:
                yaml.load(fh.read(), Loader=yaml.CSafeLoader)
            n += 1
"""


def records_file(root: Path) -> Path:
    """The index's records, one line each, for fzf (written once per workspace)."""
    path = OUT / f"{root.name}.records"
    if path.exists() and path.stat().st_mtime > (root / synth.MARKER).stat().st_mtime:
        return path
    # (in a process of its own: a fork of this one would count its memory in factex's peak)
    subprocess.run([sys.executable, __file__, "--write-records", str(root), str(path)], env=env(), check=True)
    return path


def write_records(root: str, path: str) -> None:
    from explorer.core.search import SearchIndex
    from explorer.core.loading.loader import Loader

    index = SearchIndex(Loader(root).load())
    with open(path, "w", encoding="utf-8") as fh:
        for kind in index.kinds.values():
            for rec in range(kind.count):
                fh.write(" | ".join(line for _, line in kind.lines(rec)) + "\n")


def clear_caches() -> None:
    wait_saved()
    shutil.rmtree(CACHE / "factex", ignore_errors=True)


def wait_saved() -> float:
    """Wait for the child a cold `factex search` leaves storing its cache and index (it holds
    `saving.lock` in the cache folder: see cli/search.py save_after_answer); the seconds waited."""
    import fcntl

    t0 = time.perf_counter()
    try:
        fd = os.open(CACHE / "factex" / "saving.lock", os.O_RDWR)
    except OSError:
        return 0.0
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    finally:
        os.close(fd)
    return time.perf_counter() - t0


def server(action: str, root: Path) -> str:
    out = subprocess.run([*FACTEX, "server", action, str(root)], capture_output=True, text=True, env=env())
    return (out.stdout + out.stderr).strip()


def after_edits(root: Path, query: str, runs: int) -> list[float]:
    """Seconds of `factex search QUERY` run at once after a card is written (`runs` times; the
    card gets its own bytes back at the end)."""
    card = next((root / "facts").rglob("*.yaml"))
    original = card.read_bytes()
    times = []
    try:
        for i in range(runs):
            card.write_bytes(original + f"\n# bench edit {i}\n".encode())
            times.append(run([*FACTEX, "search", query, str(root)])[0])
    finally:
        card.write_bytes(original)
    return times


def bench(cards: int, runs: int, cold_runs: int, queries: list[str], fzf: str | None) -> tuple[list, dict]:
    root = workspace(cards)
    records = records_file(root)
    lines = sum(1 for _ in open(records, "rb"))
    print(f"\n{cards:,} cards: {root.relative_to(REPO)}; fzf reads {lines:,} records "
          f"({records.stat().st_size / 1e6:.1f} MB)", flush=True)
    RUN.mkdir(mode=0o700, exist_ok=True)
    server("stop", root)
    cold = {"factex": [], "factex_cpu": [], "baseline": [], "baseline_cpu": [], "rss": [], "after": []}
    for i in range(cold_runs):
        for which in (("baseline", "factex") if i % 2 == 0 else ("factex", "baseline")):
            if which == "factex":
                clear_caches()
                t, _, peak, _, cpu = run([*FACTEX, "search", queries[0], str(root)], FACTEX_SERVER="0")
                cold["rss"].append(peak)
                cold["after"].append(wait_saved())  # (the store after the answer: not timed above)
            else:
                t, _, _, _, cpu = run([sys.executable, "-c", BASELINE, str(root)])
            cold[which].append(t)
            cold[which + "_cpu"].append(cpu)
    if not runs:  # (cold runs only)
        return [], cold
    if not cold_runs:
        clear_caches()
        run([*FACTEX, "search", queries[0], str(root)], FACTEX_SERVER="0")
    run([*FACTEX, "search", queries[0], str(root)], FACTEX_SERVER="0")  # (the stored index written)
    wait_saved()
    started = time.perf_counter()
    print(f"server start: {server('start', root)} ({time.perf_counter() - started:.1f} s)", flush=True)
    rows, edits = [], []
    try:
        for query in queries:
            got = {"server": [], "stat": [], "fzf": [], "rss_server": [], "rss_stat": []}
            fzf_query = " ".join(w for w in query.split() if ":" not in w)  # fzf has no field filters
            outputs = set()
            for i in range(runs):
                order = ["server", "stat", "fzf"]
                order = order[i % 3:] + order[: i % 3]  # (each goes first in turn)
                for which in order:
                    if which == "fzf":
                        if fzf:
                            with open(records, "rb") as fh:
                                got["fzf"].append(run([fzf, "--filter", fzf_query], stdin=fh)[0])
                        continue
                    t, code, peak, out, _ = run([*FACTEX, "search", query, str(root)],
                                                **({"FACTEX_SERVER": "0"} if which == "stat" else {}))
                    got[which].append(t)
                    got["rss_" + which].append(peak)
                    outputs.add((code, out))
            if len(outputs) != 1:
                print(f"!! {query!r}: the server's output differs from the in-process search's")
            rows.append((cards, query, got))
        warm_status = server("status", root)
        edits = after_edits(root, queries[0], runs)
        status = server("status", root)
    finally:
        server("stop", root)
    if edits:
        print(f"first search after an edit (a card rewritten, then at once `factex search {queries[0]}`, "
              f"the server reloading it first): median {statistics.median(edits):.2f} s "
              f"({min(edits):.2f}-{max(edits):.2f}) of {len(edits)}; the server's first edit since it "
              f"started: {edits[0]:.2f} s" + (f", the later ones' median {statistics.median(edits[1:]):.2f} s"
                                              if len(edits) > 1 else ""))
    print(f"server after the warm searches (an unchanged workspace): {warm_status}")
    print(f"server after the edits too: {status}")
    import re

    answered = re.search(r"(\d+) searches", status)
    expected = runs * len(queries) + len(edits)
    if not answered or int(answered.group(1)) != expected:
        print(f"!! the server answered {answered.group(1) if answered else 'no'} of the {expected} "
              "searches timed as its own: the others ran in-process (do not edit explorer/ while this runs)")
    return rows, cold


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="factex search end to end against fzf --filter.")
    p.add_argument("--sizes", default="30000,100000", help="card counts, comma-separated (default 30000,100000)")
    p.add_argument("--runs", type=int, default=7, help="runs of each command per query (default 7; 0: the cold "
                   "runs only)")
    p.add_argument("--cold-runs", type=int, default=2, help="cold runs (and baseline runs) per size (default 2)")
    p.add_argument("--queries", default=",".join(QUERIES), help="queries, comma-separated")
    p.add_argument("--editable", action="store_true",
                   help="run factex with this Python (the checkout's editable install and its finder) "
                   "instead of an interpreter that imports it as an installed package")
    a = p.parse_args(argv)
    fzf = shutil.which("fzf")
    python = sys.executable if a.editable else installed_python()
    FACTEX[0] = python
    starts = [run([python, "-c", "pass"])[0] for _ in range(5)]
    print(f"factex runs with {os.path.relpath(python, REPO)} ({'editable install' if a.editable else 'as installed'}); "
          f"`python -c pass` {statistics.median(starts) * 1000:.0f} ms")
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; medians of {a.runs} interleaved runs")
    if fzf:
        print("fzf " + subprocess.run([fzf, "--version"], capture_output=True, text=True).stdout.strip())
    else:
        print("fzf not found (apt-get install fzf): only factex is timed")
    rows, colds = [], []
    for size in (int(s) for s in a.sizes.split(",") if s.strip()):
        got, cold = bench(size, max(0, a.runs), max(0, a.cold_runs), [q for q in a.queries.split(",") if q.strip()], fzf)
        rows += got
        colds.append((size, cold))

    if rows:
        warm_table(rows)
    cold_lines(colds)
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


def warm_table(rows) -> bool:
    """The warm searches' table; whether the goal was met at every call."""
    print(f"\n{'cards':>8}  {'query':<32}{'server s':>9}{'ratio':>7}{'max s':>7}{'ratio':>7}{'stat s':>8}{'ratio':>7}"
          f"{'fzf s':>8}{'MiB':>5}{'MiB':>5}")
    met = True
    compared = any(got["fzf"] for _, _, got in rows)
    for cards, query, got in rows:
        f = statistics.median(got["fzf"]) if got["fzf"] else None
        cells = []
        for which in ("server", "stat"):
            m = statistics.median(got[which])
            cells.append(f"{m:>{9 if which == 'server' else 8}.3f}" + (f"{m / f:>6.2f}x" if f else f"{'-':>7}"))
            if which == "server":  # (the slowest call: the goal holds for every one)
                w = max(got[which])
                cells.append(f"{w:>7.3f}" + (f"{w / f:>6.2f}x" if f else f"{'-':>7}"))
        worst = max(got["server"]) / f if f else None
        met &= worst is not None and worst <= GOAL
        print(f"{cards:>8,}  {query:<32}{''.join(cells)}{(f'{f:.3f}' if f else '-'):>8}"
              f"{max(got['rss_server']) / 1024:>5.0f}{max(got['rss_stat']) / 1024:>5.0f}")
    print("(server: answered by the search server, median, then the slowest call; ratios to fzf's median; "
          "stat: FACTEX_SERVER=0, the in-process search; MiB: peak memory of the command's process, "
          "server then stat; the server's own memory is in its status line above)")
    if not compared:  # (nothing to hold factex to: say so, not that the goal was missed)
        print("\ngoal not measured: fzf was not found (apt-get install fzf), so there is no baseline")
        return False
    print("\ngoal met: factex (with its server) at most 1x fzf at every call of every query" if met
          else "\ngoal NOT met at every call (see the server's ratio columns)")
    return met


def cold_lines(colds) -> None:
    """The cold searches against the load goal's baseline: medians, and each round's CPU ratio
    (factex's run and the baseline's run of the same round, one after the other)."""
    for size, cold in colds:
        if not cold["factex"]:
            continue
        fx, base = statistics.median(cold["factex"]), statistics.median(cold["baseline"])
        fxc, basec = statistics.median(cold["factex_cpu"]), statistics.median(cold["baseline_cpu"])
        print(f"cold at {size:,} cards: factex search {fx:.2f} s ({fxc:.2f} s CPU, {max(cold['rss']) / 1024:.0f} MiB) "
              f"vs CSafeLoader parse {base:.2f} s ({basec:.2f} s CPU): {fx / base:.2f}x wall, {fxc / basec:.2f}x CPU "
              f"(goal <= 1.5x: {'met' if fxc / basec <= 1.5 else 'NOT met'}); then its child stored the "
              f"cache and index for {statistics.median(cold['after']):.2f} s more (median wall, after the answer)")
        rounds = [f"{f / b:.2f}" for f, b in zip(cold["factex_cpu"], cold["baseline_cpu"])]
        print(f"  each round's CPU ratio: {', '.join(rounds)}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write-records"]:
        write_records(*sys.argv[2:4])
        sys.exit(0)
    sys.exit(main())
