"""Start-up: time until the first frame, as a ratio to a bare Textual app showing one Label.

Each run starts a fresh Python process in a real pseudo-terminal (120x40) and measures the wall
time from spawning it to its exit, where the app exits as soon as its first frame has been
painted. The baseline and factex run interleaved in the same session, so machine noise hits
both alike. Goal (issue 3): factex on the article <= 1.3x the baseline; on the 30,000-card
synthetic workspace, about the same (cards load after the first frame).

    python bench/startup.py [--runs 15] [--synthetic]   # --synthetic also measures bench/out/synth
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

CHILD = HERE / "_firstframe.py"  # the app to time; exits after its first frame


def run_once(args: list[str]) -> float:
    """Spawn `python CHILD args` on a pty, drain its output, return seconds until it exits."""
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    import fcntl
    import struct
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(CHILD), *args], stdin=slave, stdout=slave, stderr=slave,
                            env=env, close_fds=True, cwd=REPO)
    os.close(slave)
    while proc.poll() is None:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                pass
    elapsed = time.perf_counter() - start
    os.close(master)
    if proc.returncode != 0:
        raise SystemExit(f"child {args} exited with {proc.returncode}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--synthetic", action="store_true", help="also measure the 30,000-card synthetic workspace")
    args = parser.parse_args()
    cases = {"baseline (Label app)": ["baseline"], "factex, the article": ["factex", str(REPO)]}
    if args.synthetic:
        sys.path.insert(0, str(HERE))
        import synth
        from load import DEFAULT_OUT, _marker_ok

        synth_root = DEFAULT_OUT
        if not _marker_ok(synth_root, synth.params_of(100, 10000, 20000, 1)):
            synth.generate(synth_root, 100, 10000, 20000, 1)
        cases["factex, 30,000 cards"] = ["factex", str(synth_root)]
    for argv in cases.values():  # warm the OS caches and .pyc files once
        run_once(argv)
    times: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(args.runs):
        for name, argv in cases.items():
            times[name].append(run_once(argv))
    base = statistics.median(times["baseline (Label app)"])
    print(f"first frame, median of {args.runs} runs (process start to first paint, 120x40 pty)")
    print(f"{'case':<26}{'median s':>10}{'ratio':>8}")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:<26}{med:>10.3f}{med / base:>8.2f}x")
    ratio = statistics.median(times["factex, the article"]) / base
    print(f"goal: factex on the article <= 1.30x baseline: {'met' if ratio <= 1.3 else 'MISSED'} ({ratio:.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
