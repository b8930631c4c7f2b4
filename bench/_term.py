"""A real terminal for the benches: a program on a pseudo-terminal, its screen read as it is drawn.

`Terminal(argv)` starts `argv` on a 120x40 pty (TERM=xterm-256color) and reads everything it
writes. Every chunk read is fed to a terminal emulator (pyte, when installed) so `screen()` is what
a person would see; `wait_for(test)` returns the time at which the chunk that made `test(screen)`
true was read. The clock of a bench starts when the process is spawned (or a key is written) and
stops there: process exit is never timed.

The emulator costs some time per chunk; the read times are taken before the chunk is emulated, so
that cost delays only the bench's own loop, never the figure (a chunk waiting in the pty while the
emulator runs is read with the time it was read, slightly late: a bias against factex, never for it).
Without pyte, the screen is approximated by the written text with escape sequences removed (good
enough for finding a title; `pip install pyte` for the real thing).

factex may draw its last start's first frame before Textual is even imported (explorer/app/
lastframe.py): a picture of the facts, hundreds of milliseconds before any app takes a key.
`app_started` is the read time of the chunk in which Textual's driver turned its modes on (it
asks for bracketed paste, which the stored frame never does); with `app_frames_only`, the screen
is wiped there, so what shows from then on is what the app itself drew.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

try:
    import pyte
except ImportError:  # pragma: no cover - the stripped-text fallback
    pyte = None

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
_ESCAPES = re.compile(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78DEHMNOcn]")


def compile_factex() -> None:
    """Byte-compile factex's modules, as installing it does: the runs below never write bytecode
    (PYTHONDONTWRITEBYTECODE), and without this every start would compile each module changed
    since its last .pyc (170 ms for explorer/core/loading/loader.py alone), a cost the baseline, whose
    Textual is compiled, never pays. Called once by each bench before it measures."""
    import compileall

    compileall.compile_dir(str(REPO / "explorer"), quiet=1)


def clean_env(extra: dict | None = None) -> dict:
    """The environment of every run: the user's config and cache left out, a known terminal."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTEX_", "XDG_", "TEXTUAL"))}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8", PYTHONDONTWRITEBYTECODE="1")
    env["XDG_CONFIG_HOME"] = str(Path("/nonexistent-factex-bench-config"))
    if extra:
        env.update(extra)
    return env


# `Terminal(boost=None)` follows this: a bench that sets it runs every program it measures boosted.
BOOST = False


def _boost(pid: int) -> None:
    """The program's session's scheduling group (Linux's autogroup, one per session: each program
    starts its own) gets the highest priority, so the program gets the CPU it asks for as on an
    idle machine, whatever else runs on the shared one (root or CAP_SYS_NICE; else nothing
    changes, see `Terminal.boosted`). Set from here as soon as it is started, not in the child
    before its exec: a preexec function makes Python fork the bench's whole process instead of
    vfork-ing it, ~300 pages copied and faulted in the child, counted as the program's."""
    try:
        with open(f"/proc/{pid}/autogroup", "w") as fh:
            fh.write("-20")
    except OSError:
        pass


class Terminal:
    APP_START = b"\x1b[?2004h"  # (Textual's driver: bracketed paste on, as its modes are set)

    def __init__(self, argv: list[str], env: dict | None = None, cols: int = 120, rows: int = 40,
                 app_frames_only: bool = False, boost: bool | None = None):
        """`boost` (default: the module's BOOST): run the program at the highest priority (see
        `_boost`); `boosted` says whether it is."""
        self.cols, self.rows = cols, rows
        self.app_frames_only = app_frames_only
        self.app_started: float | None = None
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.master = master
        if pyte is not None:
            self._screen = pyte.Screen(cols, rows)
            self._stream = pyte.ByteStream(self._screen)
        else:
            self._text = b""
        self.started = time.perf_counter()
        boost = BOOST if boost is None else boost
        self.env = env
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env or clean_env(),
                                     close_fds=True, cwd=REPO, start_new_session=True)
        if boost:
            _boost(self.proc.pid)
        os.close(slave)
        self.boosted = boost and _autogroup_nice(self.proc.pid) == -20
        self.last_read = self.started
        self.read_cpu = (0.0, 0.0)  # (cpu_now() at the last read: see wait_for)
        self.read_faults = 0  # (faults_now() at the last read)

    @classmethod
    def offline(cls, cols: int = 120, rows: int = 40) -> "Terminal":
        """A terminal with no program: only what is fed to it (`feed`) is on its screen (a test
        replaying a session's output)."""
        t = cls.__new__(cls)
        t.cols, t.rows, t.app_frames_only, t.app_started = cols, rows, False, None
        t.boosted = False
        t.master, t.proc, t.env = -1, None, None
        if pyte is not None:
            t._screen = pyte.Screen(cols, rows)
            t._stream = pyte.ByteStream(t._screen)
        else:
            t._text = b""
        t.started = t.last_read = time.perf_counter()
        t.read_cpu, t.read_faults = (0.0, 0.0), 0
        return t

    # -- reading ---------------------------------------------------------------------------------

    def _read(self, timeout: float) -> bool:
        """Read what is there (waiting up to `timeout`); False when nothing came."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 1 << 20)
        except OSError:
            return False
        if not data:
            return False
        self.last_read = time.perf_counter()
        self.read_cpu = self.cpu_now()  # (before the emulator runs: the program goes on meanwhile)
        self.read_faults = self.faults_now()
        self.feed(data, self.last_read)
        return True

    def feed(self, data: bytes, stamp: float) -> None:
        """Emulate `data`, read at `stamp` (see the module's text for `app_started`)."""
        if self.app_started is None and self.APP_START in data:
            self.app_started = stamp
            if self.app_frames_only:
                before, after = data.split(self.APP_START, 1)
                self.feed(before, stamp)
                if pyte is not None:
                    self._screen.reset()
                else:
                    self._text = b""
                data = after
        if pyte is not None:
            self._stream.feed(data)
        else:
            self._text = (self._text + _ESCAPES.sub(b"", data))[-200_000:]

    def cpu(self) -> float:
        """CPU seconds (user + system, all threads) the program has used so far: far steadier than
        wall time on a busy machine (a helper process it started is not counted)."""
        return self.cpu_now()[0]

    def cpu_now(self) -> tuple[float, float]:
        """(CPU seconds the program has used so far, the same with the helper processes it has
        waited for: a child's CPU is added to its parent's when the parent reaps it)."""
        try:
            with open(f"/proc/{self.proc.pid}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            tick = os.sysconf("SC_CLK_TCK")
            own = (int(fields[11]) + int(fields[12])) / tick
            return own, own + (int(fields[13]) + int(fields[14])) / tick
        except (OSError, ValueError, IndexError):
            return float("nan"), float("nan")

    def faults_now(self) -> int:
        """The page faults the program has taken so far (minor: a page first touched, or copied
        after a fork). Each costs the kernel ~2-5 us here (more on a busy machine), work that
        callgrind's instruction counts leave out (bench/instructions.py)."""
        try:
            with open(f"/proc/{self.proc.pid}/stat", "rb") as fh:
                return int(fh.read().rsplit(b")", 1)[1].split()[7])
        except (OSError, ValueError, IndexError):
            return -1

    def screen(self) -> str:
        if pyte is not None:
            return "\n".join(self._screen.display)
        return self._text.decode("utf-8", "replace")

    def wait_for(self, test, timeout: float = 120.0) -> float:
        """Read until `test(screen)` holds; the time (perf_counter) of the read that made it so.
        `read_cpu` is then the program's CPU time at that read (taken before the emulator ran:
        the program goes on working while it runs, ~20 ms for a full screen), `read_faults` its
        page faults."""
        deadline = time.perf_counter() + timeout
        if test(self.screen()):
            return self.last_read
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None and not self._read(0):
                raise RuntimeError(f"{self.proc.args} exited with {self.proc.returncode} before the screen was ready:\n{self.screen()}")
            if self._read(0.05) and test(self.screen()):
                return self.last_read
        raise TimeoutError(f"{self.proc.args}: the screen was not ready after {timeout} s:\n{self.screen()}{self.hung()}")

    def hung(self) -> str:
        """What a program that stopped drawing is doing, for the bench's error (a start that
        stayed on "Loading cards 26,000/30,000…" for 300 s once, and not in 110 tries since):
        its threads' states, Python and native stacks (gdb, when installed: a thread waiting for the
        interpreter's lock shows `take_gil`, a lock `futex`/`sem_wait`, a read `select`/`poll`),
        and the error factex wrote to last-error.txt in the run's cache folder, if any."""
        import glob
        import shutil

        out = []
        pid = self.proc.pid if self.proc is not None else None
        if pid is not None and self.proc.poll() is None:
            for task in sorted(glob.glob(f"/proc/{pid}/task/*")):
                try:
                    name = Path(task, "comm").read_text().strip()
                    state = Path(task, "stat").read_text().rsplit(")", 1)[1].split()[0]
                    wchan = Path(task, "wchan").read_text().strip()
                except OSError:
                    continue
                out.append(f"thread {Path(task).name} {name}: state {state}, waiting in {wchan or '-'}")
            if shutil.which("gdb"):
                try:
                    # (Python's own stacks where the interpreter ships its gdb helpers, then C's)
                    done = subprocess.run(["gdb", "-p", str(pid), "-batch", "-nx", "-iex", "set auto-load safe-path /", "-ex", "set print frame-arguments none",
                                           "-ex", "thread apply all py-bt", "-ex", "thread apply all bt 12"],
                                          capture_output=True, text=True, timeout=60)
                    out.append("\n".join(line for line in done.stdout.splitlines()
                                         if line.startswith(("#", "Thread", "Traceback", "  "))))
                except (OSError, subprocess.SubprocessError):
                    pass
        cache = (self.env or {}).get("XDG_CACHE_HOME")
        if cache:
            for path in glob.glob(os.path.join(cache, "**", "last-error.txt"), recursive=True):
                try:
                    out.append(f"{path}:\n" + Path(path).read_text(errors="replace")[-4000:])
                except OSError:
                    pass
        return ("\n\nWhat it was doing:\n" + "\n".join(out)) if out else ""

    def drain(self, quiet: float = 0.05, limit: float = 2.0) -> None:
        """Read until nothing has come for `quiet` seconds."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end and self._read(quiet):
            pass

    # -- writing ---------------------------------------------------------------------------------

    def send(self, data: str | bytes) -> float:
        """Write keys; the time they were written."""
        os.write(self.master, data.encode() if isinstance(data, str) else data)
        return time.perf_counter()

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
        self.proc.wait()
        os.close(self.master)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _autogroup_nice(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/autogroup") as fh:
            return int(fh.read().rsplit("nice", 1)[1])
    except (OSError, ValueError, IndexError):
        return None


BASELINE = [sys.executable, str(HERE / "_label.py")]


def factex(workspace: str | os.PathLike) -> list[str]:
    return [sys.executable, "-m", "explorer", os.fspath(workspace)]


def label_shown(screen: str) -> bool:
    return "hello from a bare Textual app" in screen


_RELATIONS_OF = re.compile(r"Relations of (.+?) \((\d+)\)")
_ENTITIES = re.compile(r"Entities \(([\d,]+)\)")


def facts_shown(screen: str, entities: int | None = None) -> bool:
    """The entity list (with `entities` entities, when given) and its first entity's relations."""
    m = _ENTITIES.search(screen)
    if m is None or (entities is not None and int(m.group(1).replace(",", "")) != entities):
        return False
    rel = _RELATIONS_OF.search(screen)
    if rel is None:
        return False
    # The relations pane lists them (its first row is on screen): "No relations" only for none.
    return int(rel.group(2)) == 0 or "No relations" not in screen


def relations_title(screen: str) -> str | None:
    m = _RELATIONS_OF.search(screen)
    return m.group(1) if m else None


def median_spread(values: list[float]) -> str:
    import statistics

    values = sorted(values)
    return f"{statistics.median(values):.3f} s (min {values[0]:.3f}, max {values[-1]:.3f})"
