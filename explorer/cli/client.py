"""The search server's client: `factex search` asks a running server first (`try_search`).

Imported by `explorer.cli.main` before anything else, so it imports almost nothing (os, sys;
socket only when a server's socket is there). When anything is unusual (an option it does not
know, no workspace found, no server, a server that does not answer within `ACK_TIMEOUT`, a
server that says it cannot answer this one) it returns None and the command runs in-process,
exactly as without a server. What it sends: the arguments, the current folder, whether stdout
and stderr are terminals, their encodings, the terminal's size and the few environment variables
the output depends on (`ENVIRONMENT`); the server runs the same code as the in-process command
with those, so the output is byte for byte the same (tests/test_server.py compares them).

Where the servers are: `server_dir()`, a folder only this user may enter (0700, owned by the
user, not a link): `$XDG_RUNTIME_DIR/factex`, else `$XDG_CACHE_HOME/factex/servers` (or
`~/.cache/factex/servers`). One server per workspace: its socket's name is a digest of the
workspace's real path, device and inode (`socket_name`). `FACTEX_SERVER=0` (or `FACTEX_CACHE=0`)
turns the server off: no client, no start. Linux only (the server needs inotify).

The protocol (version `PROTOCOL`): the request is `PROTOCOL`, a 4-byte length, then fields
separated by NUL (`kind`, then `key=value` pairs, then the arguments after `--`). The reply:
`+` at once (alive), `.` now and then while it works, then either `F` (run it yourself) or `=`,
the exit status (4 bytes, signed) and the output as chunks (1 byte: 1 stdout or 2 stderr; 4
bytes length; the bytes), in the order they were written, ended by a 0 byte.
"""

from __future__ import annotations

import os
import sys

PROTOCOL = b"FXS1"
MAX_REQUEST = 1 << 20
ACK_TIMEOUT = 1.0  # no sign of life in this long: a wedged server; run in-process
BEAT_TIMEOUT = 5.0  # the server sends a beat every BEAT seconds while it works
BEAT = 0.5
ENVIRONMENT = ("NO_COLOR", "TERM")  # what the search's output depends on (besides the terminal)
OFF = ("0", "no", "off", "false")

# Options of `factex search` that take a value (see cli/search.py): the client reads past them.
_VALUED = {"-k", "--kind", "-n", "--limit", "--format"}
_WORKSPACE = {"-w", "--workspace"}


def enabled() -> bool:
    """Whether a server may be used or started: Linux, and neither FACTEX_SERVER nor FACTEX_CACHE
    turned off."""
    env = os.environ
    return (sys.platform.startswith("linux") and env.get("FACTEX_SERVER", "1").lower() not in OFF
            and env.get("FACTEX_CACHE", "1") not in OFF)


def server_dir(create: bool = False) -> str | None:
    """The folder of this user's server sockets, if it is safe to use (ours, 0700, a real
    folder); made when `create`. None otherwise."""
    env = os.environ
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        folder = os.path.join(runtime, "factex")
    else:
        cache = env.get("XDG_CACHE_HOME", "")
        if not (cache and os.path.isabs(cache)):
            cache = os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(cache, "factex", "servers")
    if create:
        try:
            os.makedirs(os.path.dirname(folder), mode=0o700, exist_ok=True)
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return None
    try:
        st = os.lstat(folder)
    except OSError:
        return None
    if not (st.st_mode & 0o170000 == 0o040000 and st.st_uid == os.getuid() and not st.st_mode & 0o077):
        return None
    return folder


def socket_name(real: str, st: os.stat_result) -> str:
    """The name of the socket of the workspace whose real path is `real` and stat `st`."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover
        from hashlib import blake2b
    key = os.fsencode(real) + b"\0%d\0%d" % (st.st_dev, st.st_ino)
    return "ws-" + blake2b(key, digest_size=10).hexdigest()


def socket_path(root: str | os.PathLike, create: bool = False) -> str | None:
    """The socket of the workspace `root`'s server (None: no safe place for one)."""
    folder = server_dir(create)
    if folder is None:
        return None
    try:
        real = os.path.realpath(root)
        st = os.stat(real)
    except (OSError, ValueError):
        return None
    path = os.path.join(folder, socket_name(real, st) + ".sock")
    return path if len(os.fsencode(path)) < 104 else None  # (sun_path holds 108 bytes)


def workspace_of(argv: list[str]) -> str | None:
    """The workspace `factex search ARGV` runs in, read as argparse would, or None when the
    arguments hold anything this reading is not sure of (then the command runs in-process,
    where argparse says what it means)."""
    positional: list[str] = []
    option = None
    i, n = 0, len(argv)
    only_positional = False
    while i < n:
        arg = argv[i]
        i += 1
        if only_positional or arg == "-" or not arg.startswith("-"):
            positional.append(arg)
            continue
        if arg == "--":
            only_positional = True
            continue
        name, eq, value = arg.partition("=")
        if name in _VALUED or name in _WORKSPACE:
            if not eq:
                if i >= n or argv[i].startswith("-"):
                    return None
                value = argv[i]
                i += 1
            if name in _WORKSPACE:
                if option is not None and option != value:
                    return None
                option = value
            continue
        if arg[:2] in ("-k", "-n") and len(arg) > 2:
            continue  # -kquote, -n5
        if arg[:2] == "-w" and len(arg) > 2:
            if option is not None and option != arg[2:]:
                return None
            option = arg[2:]
            continue
        return None  # --help, an abbreviation, anything else: argparse decides, in-process
    if not positional or len(positional) > 2:
        return None
    given = positional[1] if len(positional) == 2 else None
    if given is not None and option is not None and given != option:
        return None
    given = option if option is not None else given
    if given is not None:
        return given if given and os.path.isdir(os.path.join(given, "facts")) else None
    try:
        here = os.getcwd()
    except OSError:
        return None
    while True:  # as find_workspace: the current folder or the nearest parent with facts/
        if os.path.isdir(os.path.join(here, "facts")):
            return here
        up = os.path.dirname(here)
        if up == here:
            return None
        here = up


def terminal_size() -> tuple[int, int]:
    """The size `shutil.get_terminal_size()` gives in this process (argparse wraps to it)."""
    env = os.environ
    try:
        columns = int(env["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    try:
        lines = int(env["LINES"])
    except (KeyError, ValueError):
        lines = 0
    if columns <= 0 or lines <= 0:
        try:
            size = os.get_terminal_size(sys.__stdout__.fileno())
        except (AttributeError, ValueError, OSError):
            size = os.terminal_size((80, 24))
        columns = columns if columns > 0 else (size.columns or 80)
        lines = lines if lines > 0 else (size.lines or 24)
    return columns, lines


def request(kind: str, argv: list[str] = (), **fields: str) -> bytes:
    parts = [kind.encode()]
    parts += [os.fsencode(f"{k}={v}") for k, v in fields.items()]
    parts.append(b"--")
    parts += [os.fsencode(a) for a in argv]
    body = b"\0".join(parts)
    if b"\0" in b"".join(os.fsencode(a) for a in argv):  # pragma: no cover - argv cannot hold NUL
        raise ValueError("NUL in an argument")
    return PROTOCOL + len(body).to_bytes(4, "big") + body


def search_request(argv: list[str]) -> bytes | None:
    out, err = sys.stdout, sys.stderr
    if out is None or err is None:
        return None
    try:
        cwd = os.getcwd()
        out_tty, err_tty = out.isatty(), err.isatty()
        out_enc, err_enc = out.encoding, err.encoding
    except (OSError, ValueError, AttributeError):
        return None
    columns, lines = terminal_size()
    fields = {"cwd": cwd, "tty": f"{int(out_tty)}{int(err_tty)}", "out": out_enc, "err": err_enc,
              "columns": str(columns), "lines": str(lines)}
    for name in ENVIRONMENT:
        value = os.environ.get(name)
        if value is not None:
            fields["env." + name] = value
    return request("search", argv, **fields)


class _Unanswered(Exception):
    """The server did not answer (absent, dead, wedged, or it said to run it in-process)."""


class _Passed(_Unanswered):
    """The server said to run the command in-process (not its workspace, or it is ending)."""


def ask(path: str, data: bytes, *, ack_timeout: float | None = None) -> tuple[int, list[tuple[int, bytes]]]:
    """Send `data` to the server at `path`; (exit status, output chunks), or _Unanswered."""
    import _socket  # (the C module: `socket` imports enum, selectors and more, ~10 ms)

    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM | _socket.SOCK_CLOEXEC)
    try:
        sock.settimeout(ACK_TIMEOUT if ack_timeout is None else ack_timeout)
        try:
            sock.connect(path)
            sock.sendall(data)
            reply = _Reader(sock)
            if reply.take(1) != b"+":
                raise _Unanswered("no greeting")
            sock.settimeout(BEAT_TIMEOUT)
            while True:
                mark = reply.take(1)
                if mark == b".":
                    continue
                if mark == b"F":
                    raise _Passed("the server passed")
                if mark != b"=":
                    raise _Unanswered("a bad reply")
                break
            status = int.from_bytes(reply.take(4), "big", signed=True)
            chunks = []
            while True:
                fd = reply.take(1)[0]
                if fd == 0:
                    break
                if fd not in (1, 2):
                    raise _Unanswered("a bad reply")
                size = int.from_bytes(reply.take(4), "big")
                chunks.append((fd, reply.take(size)))
            return status, chunks
        except (OSError, IndexError) as exc:  # (a timeout is an OSError)
            raise _Unanswered(str(exc)) from None
    finally:
        sock.close()


class _Reader:
    def __init__(self, sock):
        self.sock, self.buf = sock, bytearray()

    def take(self, n: int) -> bytes:
        while len(self.buf) < n:
            got = self.sock.recv(max(1 << 16, n - len(self.buf)))
            if not got:
                raise _Unanswered("the server hung up")
            self.buf += got
        out = bytes(self.buf[:n])
        del self.buf[:n]
        return out


# What the last try_search saw, for the in-process search deciding whether to start a server.
last: dict = {"socket": None, "state": None, "root": None}


def try_search(argv: list[str]) -> int | None:
    """`factex search ARGV` answered by the workspace's server: its output printed and its exit
    status returned; None when there is no server to answer (run the command in-process)."""
    last["socket"] = last["state"] = last["root"] = None
    if not enabled():
        return None
    root = workspace_of(argv)
    if root is None:
        return None
    last["root"] = root
    path = socket_path(root)
    if path is None:
        last["state"] = "absent" if server_dir() is None else None  # (no folder yet: no server)
        return None
    last["socket"] = path
    try:
        st = os.lstat(path)
    except OSError:
        last["state"] = "absent"
        return None
    if st.st_mode & 0o170000 != 0o140000 or st.st_uid != os.getuid():
        last["state"] = "foreign"
        return None
    data = search_request(argv)
    if data is None:
        return None
    try:
        status, chunks = ask(path, data)
    except _Passed:
        last["state"] = "passed"
        return None
    except _Unanswered:
        last["state"] = "unanswered"
        return None
    last["state"] = "answered"
    return write_out(status, chunks)


def write_out(status: int, chunks) -> int:
    """Print the server's output as the in-process command would have, and its status."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    for fd, data in chunks:
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(fd, view):]
        except BrokenPipeError:
            if fd == 1:
                return 0  # as main(): a reader that stopped reading is not an error
        except OSError:
            if fd == 1:
                return 1
    return status


def autostart() -> None:
    """After an in-process search: start the workspace's server when the client found none (and
    the server may run; a server that declined this workspace within the hour is not tried)."""
    if last.get("state") not in ("absent", "unanswered") or not enabled():
        return
    root, path = last.get("root"), last.get("socket")
    if not root:
        return
    if path:
        try:
            st = os.stat(path[: -len(".sock")] + ".declined")
            import time

            if time.time() - st.st_mtime < 3600:
                return
        except OSError:
            pass
    spawn(root)


def spawn(root: str) -> None:
    """Start `factex server run ROOT` in the background, in a session of its own."""
    import subprocess

    cmd = [sys.executable, "-c", "import sys; from explorer.cli import main; sys.exit(main(sys.argv[1:]))",
           "server", "run", os.path.realpath(root)]
    # (the folder this factex is imported from comes first: the server runs the same code)
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([top, *filter(None, [env.get("PYTHONPATH")])])
    try:
        subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         cwd="/", env=env, start_new_session=True, close_fds=True)
    except OSError:
        pass
