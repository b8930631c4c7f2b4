"""The last start's first frame, drawn again before Textual is imported.

Importing Textual and laying out a real screen takes most of factex's start (a bare Textual app
needs ~0.3 s to show one Label here). When a workspace opens as it did last time (the card
cache's snapshot is the same file, the terminal the same size and kind, the same settings and
code), its first frame is the same too: factex stored it (the very bytes Textual wrote for it,
`capture`) and writes them to the terminal at once (`draw`), then starts as usual. Textual's own
first frame paints the same cells over them, so the user reads the facts a few milliseconds
after launch, and every key typed meanwhile waits in the terminal for the app (nothing echoes).

What is drawn is checked first: the file must be the user's own (the cache folder, never the
workspace), a regular file not reached through a link, and hold nothing but text, colours and
cursor moves (`SAFE`); anything else is not drawn. `FACTEX_FRAME=0` turns this off.

No Textual here: this runs before it is imported.
"""

from __future__ import annotations

import os
import sys

from explorer.core.text import LazyPattern

VERSION = 1
MAX_BYTES = 4 << 20
MAGIC = b"factex-frame"

# A frame is text, line ends, SGR colour/attribute sequences and absolute cursor moves: nothing
# else (no OSC, no mode changes, no other C0/C1 control or DEL, no bidi override) is ever drawn.
SAFE = LazyPattern(
    r"(?:[^\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\x1b\[[0-9;:]*m|\x1b\[[0-9]{1,4};[0-9]{1,4}H)*"
)

# The environment Textual reads to decide what it writes (colours, driver, theme).
_ENV = ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "COLORFGBG", "FACTEX_THEME", "FACTEX_CONFIG",
        "TERM_PROGRAM", "TEXTUAL_COLOR_SYSTEM", "TEXTUAL_ANIMATIONS")


def enabled(environ=None) -> bool:
    env = os.environ if environ is None else environ
    if env.get("FACTEX_FRAME", "1").lower() in ("0", "no", "off", "false"):
        return False
    if any(k.startswith("TEXTUAL_") and k not in _ENV for k in env):
        return False  # a driver, a headless run, devtools, ...: not the plain terminal app
    from explorer.core.loading import cache

    return cache.enabled()


def _stamp(path) -> list | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size, st.st_ino, st.st_dev]


def key(root, size: tuple[int, int], environ=None) -> dict:
    """What the first frame depends on, besides the facts (the snapshot's stamp, added by store)."""
    from explorer.core.loading import cache, config

    env = os.environ if environ is None else environ
    return {
        "v": VERSION,
        "root": os.path.realpath(root),
        "size": list(size),
        "env": [env.get(k) for k in _ENV],
        "code": cache.code_digest() + _app_stamp(),
        "settings": _stamp(config.config_path()),
    }


def _app_stamp() -> str:
    """The app's modules and Textual's version (the frame is theirs)."""
    folder = os.path.dirname(os.path.abspath(__file__))
    stamps = []
    for rel in ("", "screens"):
        with os.scandir(os.path.join(folder, rel)) as entries:
            for e in entries:
                if e.name.endswith((".py", ".tcss")):
                    st = e.stat()
                    stamps.append("\0".join((rel, e.name, str(st.st_size), str(st.st_mtime_ns))))
    # Textual's own modules, found without importing it (importlib.metadata took ~25 ms here):
    # installing another version changes their stamps.
    try:
        from importlib.util import find_spec

        spec = find_spec("textual")
        folder = os.path.dirname(spec.origin)
        for name in ("__init__.py", "app.py", "_compositor.py"):
            st = os.stat(os.path.join(folder, name))
            stamps.append("\0".join(("textual", name, str(st.st_size), str(st.st_mtime_ns))))
    except (AttributeError, TypeError, ValueError, ImportError, OSError):
        stamps.append("textual?")  # (never matches a stored frame)
    from explorer.core.digests import sha256

    return sha256("\n".join(sorted(stamps)).encode()).hexdigest()[:16]


def frame_file(root):
    from explorer.core.loading import cache

    snap = cache.snapshot_file(root)
    return snap.with_name(snap.name.replace("base-", "frame-", 1)).with_suffix(".frame")


def _terminal():
    """The terminal factex would draw on (Textual writes to stderr), or None."""
    out = sys.__stderr__
    try:
        if out is None or not out.isatty() or not sys.__stdin__.isatty():
            return None
        size = os.get_terminal_size(out.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return out, (size.columns, size.lines)


def _read(path) -> bytes | None:
    """The frame file's bytes: a regular file of the user's, opened without following a link."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        import stat

        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES or st.st_uid != os.getuid():
            return None
        chunks = []
        left = st.st_size + 1
        while left > 0:
            chunk = os.read(fd, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        return data if len(data) <= MAX_BYTES else None
    finally:
        os.close(fd)


def load(root, size, environ=None) -> str | None:
    """The stored frame for this workspace and terminal if it still holds, else None."""
    from explorer.core.loading import cache

    data = _read(frame_file(root))
    if not data or not data.startswith(MAGIC + b" "):
        return None
    head, sep, body = data.partition(b"\n")
    if not sep:
        return None
    try:
        import json

        stored = json.loads(head[len(MAGIC) + 1:])
        text = body.decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    want = key(root, size, environ)
    want["snapshot"] = _stamp(cache.snapshot_file(root))
    if want["snapshot"] is None or stored != want:
        return None
    if SAFE.fullmatch(text) is None:
        return None
    return text


class Drawn:
    """A frame on the terminal before Textual started: `finish()` gives the terminal back."""

    def __init__(self, out, attrs) -> None:
        self.out = out
        self.attrs = attrs  # the terminal's settings before (no echo was set meanwhile)

    def finish(self, textual_ran: bool) -> None:
        import termios

        if not textual_ran:  # Textual left nothing to undo: leave the alternate screen ourselves
            try:
                self.out.write("\x1b[?1049l\x1b[?25h")
                self.out.flush()
            except (OSError, ValueError):
                pass
        try:
            termios.tcsetattr(sys.__stdin__.fileno(), termios.TCSADRAIN, self.attrs)
        except (OSError, ValueError, termios.error):
            pass


def draw(root, environ=None) -> Drawn | None:
    """Draw the stored first frame of `root` if it still holds; None if nothing was drawn.
    Never raises: a frame is a nicety."""
    try:
        if not enabled(environ):
            return None
        terminal = _terminal()
        if terminal is None:
            return None
        out, size = terminal
        text = load(root, size, environ)
        if text is None:
            return None
        import termios

        fd = sys.__stdin__.fileno()
        attrs = termios.tcgetattr(fd)
        quiet = list(attrs)
        quiet[3] &= ~(termios.ECHO | termios.ICANON)  # keys wait for the app, unechoed
        termios.tcsetattr(fd, termios.TCSANOW, quiet)
        # The alternate screen, the cursor hidden, and the frame in one synchronized update.
        out.write("\x1b[?1049h\x1b[?25l\x1b[?2026h" + text + "\x1b[?2026l")
        out.flush()
        return Drawn(out, attrs)
    except Exception:  # noqa: BLE001 - never let a nicety stop the app
        return None


def store(root, size, text: str, environ=None) -> bool:
    """Keep `text` (the first frame Textual wrote at `size`) for the next start, beside the card
    cache's snapshot it shows (written first: the frame is only good for that snapshot)."""
    from explorer.core.loading import cache

    try:
        if not enabled(environ) or SAFE.fullmatch(text) is None:
            return False
        stored = key(root, size, environ)
        stored["snapshot"] = _stamp(cache.snapshot_file(root))
        if stored["snapshot"] is None:
            return False
        path = frame_file(root)
        import json

        data = MAGIC + b" " + json.dumps(stored, separators=(",", ":")).encode() + b"\n" + text.encode()
        if len(data) > MAX_BYTES:
            return False
        if _read(path) == data:
            return True  # (the same frame as last time: nothing to write)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        return True
    except Exception:  # noqa: BLE001 - never let a nicety stop the app
        return False


def forget(root) -> None:
    try:
        os.unlink(frame_file(root))
    except OSError:
        pass
