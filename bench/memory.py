"""Peak memory of `factex check` on a large workspace, and what each structure costs per card.

    python bench/memory.py [--workspace bench/out/synth100k] [--runs 3] [--breakdown]

Make the 100,000-card workspace first (about a minute):

    python bench/synth.py bench/out/synth100k --sources 333 --entities 33333 --relations 66667

Each round runs, in fresh processes (interleaved, so a busy machine disturbs them alike):

  baseline  read every card and keep what `yaml.load(text, Loader=yaml.CSafeLoader)` gives
            (the cards' data in plain Python, and nothing else);
  cold      `factex check -q WORKSPACE` with an empty card cache (it parses, checks, anchors and
            writes the cache);
  warm      the same again with that cache (it starts from the cache's snapshot).

and reports the peak resident memory of each (ru_maxrss). Goal (issue 15): `factex check` at
100,000 cards under 400 MB. `--breakdown` then loads the workspace in this process and measures
each structure the loader keeps (the deep size of its objects, each object counted once, in the
order listed) per card.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GOAL_MB = 400

BASELINE = r"""
import os, sys, yaml
kept = []
for folder, dirs, files in os.walk(os.path.join(sys.argv[1], "facts")):
    for name in files:
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(folder, name), encoding="utf-8") as fh:
                kept.append(yaml.load(fh.read(), Loader=yaml.CSafeLoader))
print(len(kept))
"""


def peak_mb(argv: list[str], env: dict) -> float:
    """Peak resident memory (MB) of a child process run to its end."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, *argv], env=env, cwd=REPO, capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def deep_size(obj, seen: set[int]) -> int:
    """The size of `obj` and everything it refers to that `seen` does not hold yet."""
    import gc

    size = 0
    todo = [obj]
    while todo:
        o = todo.pop()
        if id(o) in seen or isinstance(o, type):
            continue
        seen.add(id(o))
        size += sys.getsizeof(o)
        todo.extend(gc.get_referents(o))
    return size


def breakdown(root: Path) -> None:
    import gc

    sys.path.insert(0, str(REPO))
    from explorer.core.loading.loader import Loader

    gc.disable()
    loader = Loader(root, use_cache=False)
    base = loader.load(save=False)
    cards = len(base.card_files)
    seen: set[int] = set()
    # Shared first: what other structures point to is counted once, with the first that holds it.
    parts = [
        ("sources (texts, sidecars)", base.sources),
        ("model: entities, relations, evidence, anchors", (base.entities, base.relations)),
        ("fact base indexes: by_entity, card_files", (base.by_entity, base.card_files)),
        ("problems", base.problems),
        ("parse cache: parsed YAML data and card texts", {rel: entry.doc for rel, entry in loader._cache.items()}),
        ("parse cache: the rest (stamps, checked results)", loader._cache),
        ("reload memo (card results, cross-checks)", loader._memo),
        ("last walk (paths, stamps, where each card is)", loader._last_walk),
        ("source index (anchoring)", loader._index),
    ]
    print(f"\nper structure, {cards:,} cards (deep size; each object counted once, with the first that holds it):")
    total = 0
    for label, obj in parts:
        size = deep_size(obj, seen)
        total += size
        print(f"  {label:<52}{size / 1e6:>9.1f} MB {size / cards:>8.0f} B/card")
    print(f"  {'all of them':<52}{total / 1e6:>9.1f} MB {total / cards:>8.0f} B/card")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workspace", type=Path, default=HERE / "out" / "synth100k")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--breakdown", action="store_true")
    a = p.parse_args(argv)
    root = a.workspace.resolve()
    if not (root / "facts").is_dir():
        print(f"no workspace at {root}: make it with bench/synth.py (see --help)")
        return 0
    results: dict[str, list[float]] = {"baseline": [], "cold": [], "warm": []}
    for r in range(a.runs):
        with tempfile.TemporaryDirectory(prefix="factex-bench-mem-") as cache:
            env = dict(os.environ, XDG_CACHE_HOME=cache)
            check = [sys.executable, "-m", "explorer", "check", "-q", str(root)]
            order = [("baseline", [sys.executable, "-c", BASELINE, str(root)]), ("cold", check), ("warm", check)]
            if r % 2:
                order = [order[1], order[2], order[0]]  # (warm always follows the cold run that filled the cache)
            for name, cmd in order:
                results[name].append(peak_mb(cmd, env))
        print(f"round {r + 1}/{a.runs}: " + ", ".join(f"{k} {v[-1]:.0f} MB" for k, v in results.items()), file=sys.stderr)
    base = statistics.median(results["baseline"])
    print(f"peak resident memory, {root.name}, median of {a.runs} interleaved rounds (min-max)")
    print(f"{'what':<44}{'MB':>8}{'min':>7}{'max':>7}{'x baseline':>12}   goal")
    for name, label in (("baseline", "baseline: every card's CSafeLoader data kept"),
                        ("cold", "factex check, no cache"), ("warm", "factex check, card cache warm")):
        values = results[name]
        med = statistics.median(values)
        goal = "" if name == "baseline" else f"<= {GOAL_MB} MB: {'met' if med <= GOAL_MB else 'MISSED'}"
        print(f"{label:<44}{med:>8.0f}{min(values):>7.0f}{max(values):>7.0f}{med / base:>11.2f}x   {goal}")
    if a.breakdown:
        breakdown(root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
