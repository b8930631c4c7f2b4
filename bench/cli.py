"""`factex search QUERY` end to end, as a person runs it, against `fzf --filter` on the same records.

    python bench/cli.py [--sizes 30000,100000] [--runs 7] [--queries kim,...]

For each size, uses the synthetic workspace of `bench/synth.py` in `bench/out/synth-N` (generated
there the first time: about 10 s for 30,000 cards, 80 s for 100,000; `bench/out/` is not
committed), writes the index's searchable records to a file, one line per record (each record's
folded fields joined by " | ", as `bench/search.py` gives fzf), runs `factex search` once to warm
its caches (the card cache, the fact-base snapshot, the stored search index), then times, for
each query and in turns (factex, fzf, factex, fzf, ...):

    factex    `factex search QUERY WORKSPACE` as a new process, until it exits (output to a pipe)
    fzf       `fzf --filter QUERY < records`, until it exits (output to a pipe)

Medians of `--runs` runs, the spread (min-max) of factex's, and factex's peak memory (max RSS, from
`wait4`). The cold figure is one run with the stored index and caches removed. The caches live in
a folder of their own (`XDG_CACHE_HOME=bench/out/cache`), never the user's.

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
FACTEX = [sys.executable, "-c", "import sys; from explorer.cli import main; sys.exit(main(sys.argv[1:]))"]


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


def env() -> dict:
    e = dict(os.environ)
    e["XDG_CACHE_HOME"] = str(CACHE)
    e.pop("FACTEX_CACHE", None)
    e["PYTHONPATH"] = str(REPO)
    return e


def run(cmd: list[str], stdin=None) -> tuple[float, int, int, bytes]:
    """(seconds until it exited, exit status, peak RSS in KiB, what it printed)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env())
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, proc.returncode, usage.ru_maxrss, out


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
    shutil.rmtree(CACHE / "factex", ignore_errors=True)


def bench(cards: int, runs: int, queries: list[str], fzf: str | None) -> list[tuple]:
    root = workspace(cards)
    records = records_file(root)
    lines = sum(1 for _ in open(records, "rb"))
    print(f"\n{cards:,} cards: {root.relative_to(REPO)}; fzf reads {lines:,} records "
          f"({records.stat().st_size / 1e6:.1f} MB)")
    clear_caches()
    cold, _, cold_rss, _ = run([*FACTEX, "search", queries[0], str(root)])
    warm1, _, _, _ = run([*FACTEX, "search", queries[0], str(root)])
    print(f"cold (no cache at all): {cold:.2f} s, {cold_rss / 1024:.0f} MiB; first warm run {warm1:.2f} s")
    rows = []
    for query in queries:
        fx, fz, rss = [], [], []
        fzf_query = " ".join(w for w in query.split() if ":" not in w)  # fzf has no field filters
        for _ in range(runs):
            t, code, peak, _ = run([*FACTEX, "search", query, str(root)])
            fx.append(t)
            rss.append(peak)
            if fzf:
                with open(records, "rb") as fh:
                    fz.append(run([fzf, "--filter", fzf_query], stdin=fh)[0])
        rows.append((cards, query, fx, fz, max(rss)))
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="factex search end to end against fzf --filter.")
    p.add_argument("--sizes", default="30000,100000", help="card counts, comma-separated (default 30000,100000)")
    p.add_argument("--runs", type=int, default=7, help="runs of each command per query (default 7)")
    p.add_argument("--queries", default=",".join(QUERIES), help="queries, comma-separated")
    a = p.parse_args(argv)
    fzf = shutil.which("fzf")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.2f}; "
          f"medians of {a.runs} interleaved runs")
    if fzf:
        print("fzf " + subprocess.run([fzf, "--version"], capture_output=True, text=True).stdout.strip())
    else:
        print("fzf not found (apt-get install fzf): only factex is timed")
    rows = []
    for size in (int(s) for s in a.sizes.split(",") if s.strip()):
        rows += bench(size, max(1, a.runs), [q for q in a.queries.split(",") if q.strip()], fzf)

    print(f"\n{'cards':>8}  {'query':<32}{'factex s':>9}{'(min-max)':>14}{'fzf s':>8}{'ratio':>7}{'goal':>6}"
          f"{'MiB':>6}")
    met = True
    for cards, query, fx, fz, rss in rows:
        m = statistics.median(fx)
        f = statistics.median(fz) if fz else None
        ratio = m / f if f else None
        ok = ratio is not None and ratio <= GOAL
        met &= ok
        spread = f"{min(fx):.2f}-{max(fx):.2f}"
        print(f"{cards:>8,}  {query:<32}{m:>9.3f}{spread:>14}{(f'{f:.3f}' if f else '-'):>8}"
              f"{(f'{ratio:.2f}x' if ratio else '-'):>7}{'<=1x':>6}{rss / 1024:>6.0f}")
    print("\ngoal met: factex at most 1x fzf for every query" if met
          else "\ngoal NOT met for every query (see the ratio column)")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write-records"]:
        write_records(*sys.argv[2:4])
        sys.exit(0)
    sys.exit(main())
