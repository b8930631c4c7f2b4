"""The one way factex opens a file in a workspace: cards, sources, folders, and new cards.

A workspace is untrusted: any name in it may be a link (to a file outside, to itself, to a named
pipe), and any of them may be swapped for another between two looks. So nothing here opens a
path by name from the top, checks it, and opens it again. Instead:

- The workspace folder itself (the one you named) is opened once; everything below it is
  reached one name at a time relative to an open folder (`os.open(name, dir_fd=...)`), with
  `O_NOFOLLOW` (a link is never followed by the kernel), `O_NONBLOCK` (a named pipe swapped in
  cannot block the open) and `O_CLOEXEC`.
- A link is read (`readlink`) and resolved by `Workspace.resolve`, factex's own walk: at most `MAX_LINKS`
  links per path (a loop is a problem, not a hang), `..` never above the workspace, an absolute
  target only inside the workspace's real folder. A link out of the workspace is a problem and
  nothing behind it is opened. `Path.resolve()` and `os.path.realpath()` are never used on
  workspace paths.
- A file is read only from the descriptor that was opened, after `fstat` says it is a regular
  file, and never more than the caller's size cap.
- A new file is created with `O_CREAT | O_EXCL | O_NOFOLLOW` in a folder reached the same way
  (folders it needs are made with `mkdir` relative to their parent), so it never replaces a file
  and never lands outside the workspace.

Every failure is a `FileError` whose message says what is wrong in words a user can act on.
Tests: `tests/test_files.py` (links in and out, loops, swaps between walk and open, FIFOs,
permissions, created files), and the hostile corpus in `tests/test_corpus.py`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat as stat_mod
from collections import OrderedDict

from explorer.core.errors import FileError
from explorer.core.pausing import checkpoint

MAX_LINKS = 32  # links followed while resolving one path (Linux allows 40)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
READ_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _refuse_existing(dir_fd: int, name: str, rel: str) -> None:
    """FileError (`exists`) if anything is at `name` in the folder `dir_fd` (a link too, not
    followed): the one check every new file passes before it is written."""
    try:
        os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise FileError(f"cannot write {rel}: {_reason(exc)}") from None
    raise FileError(f"{rel} exists; not replaced", "exists")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


class Workspace:
    """Open files of one workspace by relative POSIX path, never leaving it.

    Keep one for a load (it caches a few open folders) and `close()` it, or use it as a context
    manager. Relative paths are as factex shows them (`facts/people/kim.yaml`).
    """

    def __init__(self, root: str | os.PathLike, *, max_open_dirs: int = 64) -> None:
        self.root = os.fspath(root)
        # The folder the user named is trusted (it may be a link itself); below it nothing is.
        self.root_fd = os.open(self.root, _DIR_FLAGS)
        self._root_real: str | None = None
        self._dirs: OrderedDict[tuple[str, ...], int] = OrderedDict()
        self._max_dirs = max_open_dirs

    # -- lifetime ------------------------------------------------------------------------------

    def close(self) -> None:
        for fd in self._dirs.values():
            with contextlib.suppress(OSError):
                os.close(fd)
        self._dirs.clear()
        if self.root_fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.root_fd)
            self.root_fd = -1

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:  # pragma: no cover - a safety net; callers close
        with contextlib.suppress(Exception):
            self.close()

    @property
    def root_real(self) -> str:
        """The workspace's real folder, for absolute links that point back into it."""
        if self._root_real is None:
            self._root_real = os.path.realpath(self.root)  # the trusted root only
        return self._root_real

    # -- resolving -----------------------------------------------------------------------------

    def _dir_fd(self, parts: tuple[str, ...]) -> int:
        """An open descriptor of the real (link-free) folder `parts` below the root."""
        if not parts:
            return self.root_fd
        fd = self._dirs.get(parts)
        if fd is not None:
            self._dirs.move_to_end(parts)
            return fd
        parent = self._dir_fd(parts[:-1])
        try:
            fd = os.open(parts[-1], _DIR_FLAGS | _NOFOLLOW, dir_fd=parent)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.EMLINK):  # a link appeared since the walk read it
                raise FileError(f"{'/'.join(parts)} changed into a link while being read; not read", "outside") from None
            if exc.errno == errno.ENOTDIR:
                raise FileError(f"{'/'.join(parts)} is not a folder", "not-folder") from None
            if exc.errno == errno.ENOENT:
                raise FileError(f"{'/'.join(parts)}: no such folder", "missing") from None
            raise FileError(f"cannot open folder {'/'.join(parts)}: {_reason(exc)}") from None
        self._dirs[parts] = fd
        if len(self._dirs) > self._max_dirs:
            _, old = self._dirs.popitem(last=False)
            with contextlib.suppress(OSError):
                os.close(old)
        return fd

    def resolve(self, rel: str, *, final_link: bool = True) -> tuple[tuple[str, ...], str, os.stat_result | None]:
        """(real folder parts, last name, its lstat or None if it does not exist) of `rel`, every
        link on the way resolved by a bounded walk that never leaves the workspace. With
        `final_link`, a link as the last name is resolved too (the name returned is then not a
        link); without, the last name is returned as it is, unlooked-at (stat None).

        Raises FileError: `outside` (a link or `..` out of the workspace), `loop` (too many
        links), `not-folder`, `missing` (a folder on the way is missing), `error`.
        """
        todo = [p for p in rel.split("/") if p not in ("", ".")][::-1]  # a stack: next part last
        done: list[str] = []
        links = 0
        while todo:
            name = todo.pop()
            if name == "..":
                if not done:
                    raise FileError(f"{rel} leads outside the workspace; not read", "outside")
                done.pop()
                continue
            last = not todo
            if last and not final_link:
                return tuple(done), name, None
            if not last and (*done, name) in self._dirs:  # a real folder opened before
                done.append(name)
                continue
            parent = self._dir_fd(tuple(done))
            try:
                st = os.stat(name, dir_fd=parent, follow_symlinks=False)
            except FileNotFoundError:
                if last:
                    return tuple(done), name, None
                raise FileError(f"{'/'.join([*done, name])}: no such folder", "missing") from None
            except OSError as exc:
                raise FileError(f"cannot read {'/'.join([*done, name])}: {_reason(exc)}") from None
            if stat_mod.S_ISLNK(st.st_mode):
                links += 1
                if links > MAX_LINKS:
                    raise FileError(f"{rel}: too many links (a link loop?); not read", "loop")
                try:
                    target = os.readlink(name, dir_fd=parent)
                except OSError as exc:
                    raise FileError(f"cannot read link {'/'.join([*done, name])}: {_reason(exc)}") from None
                if target.startswith("/"):
                    inside = _inside_parts(target, self.root_real)
                    if inside is None:
                        raise FileError(f"{rel} is a link to outside the workspace; not read", "outside")
                    done = []
                    todo.extend(reversed(inside))
                else:
                    todo.extend(p for p in reversed(target.split("/")) if p not in ("", "."))
                continue
            if last:
                return tuple(done), name, st
            if not stat_mod.S_ISDIR(st.st_mode):
                raise FileError(f"{'/'.join([*done, name])} is not a folder", "not-folder")
            done.append(name)
        # Nothing left to name: `rel` (or a link in it) is the workspace folder itself.
        raise FileError(f"{rel or '.'} is the workspace folder itself; not read", "not-regular")

    # -- reading -------------------------------------------------------------------------------

    def lstat(self, rel: str) -> os.stat_result:
        """The stat of what `rel` finally names (links resolved inside the workspace)."""
        _, _, st = self.resolve(rel)
        if st is None:
            raise FileError(f"{rel}: no such file", "missing")
        return st

    def open_file(self, rel: str) -> tuple[int, os.stat_result]:
        """An open read-only descriptor of the regular file `rel`, and its `fstat`."""
        parts, name, st = self.resolve(rel)
        if st is None:
            raise FileError(f"{rel}: no such file", "missing")
        if not stat_mod.S_ISREG(st.st_mode):  # a pipe, a device, a socket, a folder: never opened
            raise FileError(f"{rel} is not a regular file (a pipe, a device or a folder); not read", "not-regular")
        return self.open_in(parts, name, rel)

    def stat_in(self, parts: tuple[str, ...], name: str) -> os.stat_result | None:
        """The lstat of `name` in the real folder `parts` (as `scandir` gave it), None if there is
        none; nothing resolved again."""
        try:
            return os.stat(name, dir_fd=self._dir_fd(parts), follow_symlinks=False)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise FileError(f"cannot read {'/'.join((*parts, name))}: {_reason(exc)}") from None

    def open_in(self, parts: tuple[str, ...], name: str, rel: str) -> tuple[int, os.stat_result]:
        """`open_file` for the file `name` in the real folder `parts` (as `scandir` gave it, where
        `name` was a regular file, not a link): nothing is resolved again. The open still refuses
        a name that became a link since (O_NOFOLLOW) and the `fstat` anything not a regular file;
        `rel` is the path the problems name."""
        parent = self._dir_fd(parts)
        try:
            fd = os.open(name, READ_FLAGS, dir_fd=parent)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.EMLINK):
                raise FileError(f"{rel} changed into a link while being read; not read", "outside") from None
            if exc.errno == errno.ENOENT:
                raise FileError(f"{rel}: no such file", "missing") from None
            raise FileError(f"cannot read {rel}: {_reason(exc)}") from None
        try:
            st = os.fstat(fd)  # what was opened, whatever the name says now
            if not stat_mod.S_ISREG(st.st_mode):
                raise FileError(f"{rel} is not a regular file (a pipe, a device or a folder); not read", "not-regular")
        except BaseException:
            os.close(fd)
            raise
        return fd, st

    def read(self, rel: str, limit: int, what: str = "file") -> tuple[bytes, os.stat_result]:
        """The bytes of the regular file `rel` and its stat; FileError `too-big` when it holds
        more than `limit` bytes (then at most `limit + 1` bytes were read)."""
        fd, st = self.open_file(rel)
        if st.st_size > limit:  # (said as it is: not inside the `except OSError` below, FileError being one)
            os.close(fd)
            raise FileError(f"{what} is {st.st_size / (1 << 20):.1f} MiB; at most {limit / (1 << 20):.0f} MiB is read", "too-big")
        try:
            data = read_fd(fd, min(st.st_size, limit) + 1)
        except OSError as exc:
            raise FileError(f"cannot read {what}: {_reason(exc)}") from None
        finally:
            os.close(fd)
        if len(data) > limit:  # it grew since fstat
            raise FileError(f"{what} is over {limit / (1 << 20):.0f} MiB; not read", "too-big")
        return data, st

    def scandir(self, rel_dir: str, stats: dict | None = None) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
        """(real folder parts, [(name, kind)]) of a folder, `kind` one of `dir`, `file`, `link`,
        `other` (as the entry itself is, links not followed: resolve a link with `resolve`).
        With `stats`, the `lstat` of each `file` is put there by name (one system call each, no
        path resolved again). `""` (or `.`) lists the workspace folder itself."""
        if rel_dir in ("", "."):
            parts: tuple[str, ...] = ()
        else:
            parts, name, _ = self.resolve(rel_dir)
            parts = (*parts, name)
        fd = self._dir_fd(parts)
        out = []
        try:
            # (scandir duplicates the descriptor itself and closes only its duplicate)
            with os.scandir(fd) as entries:
                for entry in entries:
                    if not len(out) & 63:
                        checkpoint()  # (a background walk waits here while the user types)
                    try:  # (a plain file first, the most common: not a link then, nor a folder)
                        if entry.is_file(follow_symlinks=False):
                            kind = "file"
                        elif entry.is_symlink():
                            kind = "link"
                        elif entry.is_dir(follow_symlinks=False):
                            kind = "dir"
                        else:
                            kind = "other"
                    except OSError:
                        kind = "other"
                    if stats is not None and kind == "file":
                        with contextlib.suppress(OSError):  # (gone since: its open says so)
                            stats[entry.name] = entry.stat(follow_symlinks=False)
                    out.append((entry.name, kind))
        except OSError as exc:
            raise FileError(f"cannot read folder {rel_dir}: {_reason(exc)}") from None
        return parts, out

    def kind(self, rel: str) -> str:
        """What `rel` finally is: `dir`, `file`, `other`, or `missing`; links resolved inside the
        workspace (FileError for one out of it or a loop)."""
        try:
            st = self.lstat(rel)
        except FileError as problem:
            if problem.kind == "missing":
                return "missing"
            raise
        if stat_mod.S_ISDIR(st.st_mode):
            return "dir"
        return "file" if stat_mod.S_ISREG(st.st_mode) else "other"

    # -- writing -------------------------------------------------------------------------------

    def create(self, rel: str, data: bytes) -> None:
        """Write a new file at `rel`, never over an existing one and never outside the workspace.

        Missing folders are made (each relative to its parent, never through a link out). The
        bytes go to a short hidden temporary name in the same folder first and are then linked
        into place, so a reader never sees a half-written file and an existing file is never
        replaced (FileError `exists`). Where hard links are not supported, the file is created
        with O_EXCL directly.
        """
        folder, _, name = rel.rpartition("/")
        parts = self._make_dirs(folder)
        dir_fd = self._dir_fd(parts)
        _refuse_existing(dir_fd, name, rel)
        tmp = self._write_new(dir_fd, None, data, rel)
        try:
            try:
                os.link(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
            except FileExistsError:
                raise FileError(f"{rel} exists; not replaced", "exists") from None
            except (OSError, NotImplementedError):  # no hard links here: create it in place
                self._write_new(dir_fd, name, data, rel)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=dir_fd)
        with contextlib.suppress(OSError):
            os.fsync(dir_fd)

    def batch(self) -> Batch:
        """New files written together (`Batch`): many at the cost of a few syncs, not two each."""
        return Batch(self)

    def make_folders(self, folder: str) -> bool:
        """Make the folder `folder` and the ones it is in, each relative to its parent, never
        through a link out (FileError, nothing made there); whether any was made."""
        try:
            if self.kind(folder) == "dir":
                return False
        except FileError:
            pass  # (said below, where it fails)
        self._make_dirs(folder)
        return True

    def _make_dirs(self, folder: str) -> tuple[str, ...]:
        done: tuple[str, ...] = ()
        for part in [p for p in folder.split("/") if p not in ("", ".")]:
            try:
                parts, name, _ = self.resolve("/".join((*done, part)))
            except FileError as problem:
                why = problem.message.removesuffix("; not read")
                raise FileError(f"cannot write in {folder}: {why}; nothing written", problem.kind) from None
            try:
                os.mkdir(name, 0o777, dir_fd=self._dir_fd(parts))
            except FileExistsError:
                pass
            except OSError as exc:
                raise FileError(f"cannot make folder {folder}: {_reason(exc)}") from None
            done = (*parts, name)
            self._dir_fd(done)  # it must be a real folder (not a link, not a file)
        return done

    @staticmethod
    def _write_new(dir_fd: int, name: str | None, data: bytes, rel: str, sync: bool = True) -> str:
        """Create `name` (or a fresh short hidden name) with O_EXCL, write and (`sync`) sync it."""
        while True:
            import secrets  # (here: loading never writes, and the app's start should not pay for it)

            target = name or f".factex-{secrets.token_hex(6)}.tmp"  # hidden: the loader skips it
            try:
                fd = os.open(target, _CREATE_FLAGS, 0o666, dir_fd=dir_fd)  # the umask applies
            except FileExistsError:
                if name is not None:
                    raise FileError(f"{rel} exists; not replaced", "exists") from None
                continue  # pragma: no cover - a 48-bit collision
            except OSError as exc:
                raise FileError(f"cannot write {rel}: {_reason(exc)}") from None
            break
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if sync:
                os.fsync(fd)
        except BaseException as exc:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(target, dir_fd=dir_fd)
            if isinstance(exc, OSError):
                raise FileError(f"cannot write {rel}: {_reason(exc)}") from None
            raise
        os.close(fd)
        return target


def _sync_all(fd: int) -> None:
    """Everything written to the file system holding `fd` on disk: syncfs(2) (Linux), else sync(2)."""
    try:
        import ctypes

        if ctypes.CDLL(None, use_errno=True).syncfs(fd) == 0:
            return
    except (OSError, AttributeError, ImportError):  # pragma: no cover - no syncfs here
        pass
    os.sync()


class Batch:
    """New files written together, as `Workspace.create` writes one, for an import of thousands.

    `add` writes each under a short hidden name in its folder (made as `create` makes it), and
    syncs nothing; `commit` syncs the file system once, links each into place under its name
    (a link never replaces a file: a name taken meanwhile is `exists`) and syncs each folder once.
    `create` syncs each file and its folder, two syncs a file: `factex import` of 20,000 cards
    took 168 s. A name a reader sees is always the whole file, on disk before it is linked; leaving
    the batch (done, an error, Ctrl-C) removes whatever was added and not linked. Use it as a
    context manager.
    """

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._staged: list[tuple[tuple[str, ...], str, str, str]] = []  # (folder, hidden name, name, rel)
        self._next = 0  # the first not yet linked
        self._folders: dict[str, tuple[str, ...]] = {}  # folder -> its parts, as made

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc) -> None:
        self.discard()

    def add(self, rel: str, data: bytes) -> None:
        """Write `data` for `rel` under a hidden name; FileError (`exists`) if `rel` exists now."""
        folder, _, name = rel.rpartition("/")
        parts = self._folders.get(folder)
        if parts is None:  # (made once a batch: its descriptor says it is still the real folder)
            parts = self._folders[folder] = self.ws._make_dirs(folder)
        dir_fd = self.ws._dir_fd(parts)
        _refuse_existing(dir_fd, name, rel)
        tmp = self.ws._write_new(dir_fd, None, data, rel, sync=False)
        self._staged.append((parts, tmp, name, rel))

    def commit(self) -> list[tuple[str, FileError | None]]:
        """Link every file added into place, in order: (rel, None) for each written, (rel,
        FileError) for each not (a file took its name meanwhile, its folder went)."""
        if self._next >= len(self._staged):
            return []
        _sync_all(self.ws.root_fd)
        out: list[tuple[str, FileError | None]] = []
        folders: set[tuple[str, ...]] = set()
        while self._next < len(self._staged):
            parts, tmp, name, rel = self._staged[self._next]
            try:
                dir_fd = self.ws._dir_fd(parts)
                try:
                    os.link(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
                except FileExistsError:
                    raise FileError(f"{rel} exists; not replaced", "exists") from None
                except (OSError, NotImplementedError):  # no hard links here: create it in place
                    fd = os.open(tmp, READ_FLAGS, dir_fd=dir_fd)
                    try:
                        data = read_fd(fd, os.fstat(fd).st_size + 1)
                    finally:
                        os.close(fd)
                    self.ws._write_new(dir_fd, name, data, rel)
                folders.add(parts)
                out.append((rel, None))
            except FileError as problem:
                out.append((rel, problem))
            except OSError as exc:
                out.append((rel, FileError(f"cannot write {rel}: {_reason(exc)}")))
            finally:
                with contextlib.suppress(OSError, FileError):
                    os.unlink(tmp, dir_fd=self.ws._dir_fd(parts))
            self._next += 1
        for parts in folders:
            with contextlib.suppress(OSError, FileError):
                os.fsync(self.ws._dir_fd(parts))
        return out

    def discard(self) -> None:
        """Remove every file added and not linked."""
        while self._next < len(self._staged):
            parts, tmp, _, _ = self._staged[self._next]
            self._next += 1
            with contextlib.suppress(OSError, FileError):
                os.unlink(tmp, dir_fd=self.ws._dir_fd(parts))


def read_fd(fd: int, size: int, whole: int | None = None) -> bytes:
    """Up to `size` bytes from a descriptor: usually one read for a regular file. `whole`: the
    size its `fstat` gave; a first read that returns exactly that many bytes is taken as all of
    it (no second read to see the end: the bytes the stamp describes)."""
    data = os.read(fd, size)
    if 0 < len(data) < size and len(data) != whole:
        chunks = [data]
        got = len(data)
        while got < size:
            chunk = os.read(fd, size - got)
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        data = b"".join(chunks)
    return data


def _inside_parts(target: str, root_real: str) -> list[str] | None:
    """An absolute link target as parts below the workspace's real folder (a `..` in them is
    walked like any other, physically), or None if it does not start there."""
    stripped = "/" + target.strip("/")
    if stripped == root_real:
        return []
    prefix = root_real.rstrip("/") + "/"
    if not stripped.startswith(prefix):
        return None
    return [p for p in stripped[len(prefix):].split("/") if p not in ("", ".")]
