"""How long does finding every mention take, compared with the load it follows?

    python bench/mentions.py [--sources 100 --entities 10000 --relations 20000 --seed 1] [--repeat 3]

Uses the synthetic workspace of `bench/synth.py` (reusing `bench/out/synth` when it matches, as
`bench/load.py` does; else generating into a temporary folder), then measures, `--repeat` times,
the median of:

  (a) the load: `Loader(root).load()` on a fresh Loader, as factex runs it (the baseline);
  (b) mentions: `find_mentions(base)` on the loaded fact base: every entity name and alias in
      every source (explorer/core/mentions.py: one index over all names, one pass per source).

The goal is (b) well under (a): at most a quarter of it. This is a report: it always exits 0 and
says plainly when the goal is missed.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True
BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
for p in (str(REPO), str(BENCH)):
    if p not in sys.path:
        sys.path.insert(0, p)

import synth  # noqa: E402
from load import DEFAULT_OUT, _marker_ok  # noqa: E402
from explorer.core.mentions import find_mentions  # noqa: E402
from explorer.core.loading.loader import Loader  # noqa: E402

GOAL = 0.25


def timed(fn):
    gc.collect()
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark finding mentions against loading.")
    p.add_argument("--sources", type=int, default=100)
    p.add_argument("--entities", type=int, default=10000)
    p.add_argument("--relations", type=int, default=20000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeat", type=int, default=3)
    a = p.parse_args(argv)
    params = synth.params_of(a.sources, a.entities, a.relations, a.seed)
    tmp = None
    if _marker_ok(DEFAULT_OUT, params):
        root, how = DEFAULT_OUT, "reused"
    else:
        tmp = tempfile.TemporaryDirectory(prefix="factex-bench-")
        root = Path(tmp.name)
        t, _ = timed(lambda: synth.generate(root, a.sources, a.entities, a.relations, a.seed))
        how = f"generated in {t:.1f} s"
    try:
        print(f"workspace: {root} ({how})")
        loads, finds = [], []
        for _ in range(max(1, a.repeat)):
            t_load, base = timed(lambda: Loader(root, use_cache=False).load(save=False))
            t_find, mentions = timed(lambda: find_mentions(base))
            loads.append(t_load)
            finds.append(t_find)
        names = sum(1 + len(e.aliases) for e in base.entities.values())
        chars = sum(len(s.text) for s in base.sources.values())
        total = sum(len(v) for v in mentions.by_source.values())
        load, find = statistics.median(loads), statistics.median(finds)
        print(f"{len(base.entities) + len(base.relations):,} cards, {names:,} names and aliases, "
              f"{len(base.sources)} sources ({chars:,} characters): {total:,} mentions, {len(mentions.clashes)} shared names")
        print(f"(a) load, no card cache:   {load:6.3f} s  (median of {len(loads)})")
        print(f"(b) find every mention:    {find:6.3f} s  = {find / load:.2f}x the load")
        print(f"goal: at most {GOAL:.2f}x the load: {'met' if find <= GOAL * load else 'MISSED'}")
        return 0
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
