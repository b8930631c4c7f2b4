"""Start-up: time until the first frame is on screen, as a ratio to a bare Textual app's Label.

    python bench/startup.py [--runs 9] [--synthetic]   # --synthetic also times bench/out/synth

Each run starts a fresh process (the real `factex` command, `python -m explorer`) on a 120x40
pseudo-terminal whose output goes through a terminal emulator (bench/_term.py), and stops the clock
when the first frame is on the screen: the bare app's Label; factex's "Entities" pane. Process exit
is never timed (it used to be, adding ~0.2 s to both sides and pulling the ratio toward 1), and the
app is not subclassed (a subclass's `on_mount` calling `super()` made Textual start the load twice).
Runs are interleaved; medians, spread and the median over rounds of the ratio are printed.

The first frame is not what a user waits for: bench/onscreen.py times the facts on screen.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _term  # noqa: E402

REPO = HERE.parent


def first_frame(screen: str) -> bool:
    return "Entities" in screen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--synthetic", action="store_true", help="also measure the 30,000-card synthetic workspace")
    args = parser.parse_args()
    _term.compile_factex()
    cases = {"baseline (Label app)": (_term.BASELINE, _term.label_shown),
             "factex, the article": (_term.factex(REPO), first_frame)}
    if args.synthetic:
        import onscreen

        onscreen.ensure_synth()
        cases["factex, 30,000 cards"] = (_term.factex(onscreen.SYNTH), first_frame)
    times: dict[str, list[float]] = {k: [] for k in cases}
    ratios: dict[str, list[float]] = {k: [] for k in cases}
    with tempfile.TemporaryDirectory(prefix="factex-bench-") as cache:
        env = _term.clean_env({"XDG_CACHE_HOME": cache})

        def run(argv, test) -> float:
            with _term.Terminal(argv, env=env) as t:
                return t.wait_for(test) - t.started

        for argv, test in cases.values():  # warm the OS caches and the card cache once
            run(argv, test)
        names = list(cases)
        for r in range(args.runs):
            got = {name: run(*cases[name]) for name in names[r % len(names):] + names[: r % len(names)]}
            for name in names:
                times[name].append(got[name])
                ratios[name].append(got[name] / got[names[0]])
    base = statistics.median(times[names[0]])
    print(f"first frame on screen, {args.runs} interleaved rounds (120x40 pty); median (min-max) s; ratio: median over rounds")
    print(f"{'case':<26}{'median s':>10}{'min':>7}{'max':>7}{'ratio':>8}")
    for name, values in times.items():
        print(f"{name:<26}{statistics.median(values):>10.3f}{min(values):>7.2f}{max(values):>7.2f}{statistics.median(ratios[name]):>7.2f}x")
    ratio = statistics.median(ratios["factex, the article"])
    print(f"(baseline median {base:.3f} s) goal: factex on the article <= 1.30x: {'met' if ratio <= 1.3 else 'MISSED'} ({ratio:.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
