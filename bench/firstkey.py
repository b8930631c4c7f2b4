"""The first key, typed as soon as the screen shows what it is for, against a bare Textual app.

    python bench/firstkey.py [--runs 9] [--as-is]

Each run starts a fresh process on a 120x40 pseudo-terminal (`bench/_term.py`), waits for

  baseline   a bare Textual app with one binding (bench/_labelkey.py): its Label;
  article    `factex` on this repository: the entity list and the first entity's relations (the
             facts), with the card cache warm, and cold (an empty cache: a first start);

then sends `j` at once and stops the clock when the screen shows the key handled (the bare app's
Label changed; factex's relations pane titled with the next entity). The figure is that time,
from the key written to its effect on screen: what a person who presses a key as the screen
comes waits for (issue 15: keyboard first, fast as felt). factex shows the facts from the app
(`app_frames_only`: the picture of the last start's first frame, drawn before Textual is
imported, does not count as the facts shown, since no key is handled yet) and starts its work
after the first frame then (the search index, the mentions, the watches), which the key must
not wait for.

Runs are interleaved (each round: the baseline and each case, the order turned each round);
figures are medians (min-max) in milliseconds, and the ratio is the median over the rounds of
factex / that round's baseline. Programs run boosted (see bench/onscreen.py) unless `--as-is`,
and so does the bench itself: it emulates each frame (~20 ms for a full screen) before it reads
the next, and at the usual priority on a busy machine it read the key's frame tens of
milliseconds after it was written.
A report: always exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _term  # noqa: E402

REPO = HERE.parent
BARE = [sys.executable, str(HERE / "_labelkey.py")]


def key_bare(_cache: str) -> float:
    with _term.Terminal(BARE) as t:
        t.wait_for(_term.label_shown)
        sent = t.send("j")
        return t.wait_for(lambda s: "moved on by a key" in s) - sent


def key_article(cache: str) -> float:
    with _term.Terminal(_term.factex(REPO), env=_term.clean_env({"XDG_CACHE_HOME": cache}),
                        app_frames_only=True) as t:
        t.wait_for(lambda s: t.app_started is not None and _term.facts_shown(s))
        first = _term.relations_title(t.screen())
        sent = t.send("j")
        return t.wait_for(lambda s: _term.relations_title(s) not in (None, first)) - sent


def fill_cache(cache: str) -> None:
    with _term.Terminal(_term.factex(REPO), env=_term.clean_env({"XDG_CACHE_HOME": cache})) as t:
        t.wait_for(_term.facts_shown)
        t.drain(quiet=1.0, limit=5.0)
        t.send("q")
        t.proc.wait(timeout=120)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=9)
    p.add_argument("--as-is", action="store_true", help="the machine's usual priority (default: boosted)")
    a = p.parse_args(argv)
    _term.BOOST = not a.as_is
    boosted = _term.Terminal(["true"]).boosted if _term.BOOST else False
    if _term.BOOST:
        _term._boost(os.getpid())
    _term.compile_factex()
    with tempfile.TemporaryDirectory(prefix="factex-bench-warm-") as warm:
        fill_cache(warm)
        cases = [("bare Textual app: j after its Label", key_bare, "warm"),
                 ("factex, the article, warm: j after the facts", key_article, "warm"),
                 ("factex, the article, no cache: j after the facts", key_article, "cold")]
        for _name, fn, _cache in cases:  # (unmeasured: the files in the OS's cache)
            fn(warm)
        got: dict[str, list[float]] = {name: [] for name, *_ in cases}
        ratios: dict[str, list[float]] = {name: [] for name, *_ in cases}
        loads = [os.getloadavg()[0]]
        for r in range(a.runs):
            order = cases[r % len(cases):] + cases[: r % len(cases)]
            this = {}
            for name, fn, cache in order:
                if cache == "cold":
                    with tempfile.TemporaryDirectory(prefix="factex-bench-cold-") as cold:
                        this[name] = fn(cold)
                else:
                    this[name] = fn(warm)
            for name, value in this.items():
                got[name].append(value)
                ratios[name].append(value / this[cases[0][0]])
            loads.append(os.getloadavg()[0])
            print(f"round {r + 1}/{a.runs}: " + ", ".join(f"{this[n] * 1000:.0f}" for n, *_ in cases)
                  + f" ms (load {loads[-1]:.1f})", file=sys.stderr)
    print(f"the first key in a 120x40 pty, {a.runs} interleaved rounds, load average {min(loads):.1f}-{max(loads):.1f}, "
          f"{'boosted' if boosted else 'usual priority'}; ms from the key written to its effect on screen")
    print(f"{'':<50}{'median':>7}{'min':>6}{'max':>6}{'ratio':>8}{'(min-max)':>13}")
    for name, *_ in cases:
        v = got[name]
        print(f"{name:<50}{statistics.median(v) * 1000:>7.0f}{min(v) * 1000:>6.0f}{max(v) * 1000:>6.0f}"
              f"{statistics.median(ratios[name]):>7.2f}x ({min(ratios[name]):.2f}-{max(ratios[name]):.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
