"""Linux inotify through ctypes (the standard library has none): what changed in a workspace's
`facts/` and `seeds/` since the last look, exactly.

Why inotify and not a polling or debouncing watcher: the kernel queues an inotify event inside the
very system call that writes, creates, renames or removes a file. So once a writer's call has
returned, its event is in the queue, and a reader that drains the queue without blocking
(`Watch.drain()`) has seen every change finished before it started. The search server
(`explorer/cli/server.py`) drains before answering each request; its answers are never older than
the files.

What inotify cannot say is reported as "look at everything again" (`Changes.full`): a queue
overflow, a watched folder made, removed or renamed, a watch dropped. A symbolic link seen under
a watched folder sets `Changes.link`: what it points to can change without an event in its
folder, and so can a file with a second (hard) link elsewhere; `Watch.links` counts both, and the
caller does not trust the watch while there are any (the server then exits).

Folders are opened relative to their parent with `O_NOFOLLOW` and watched through their open
descriptor (`/proc/self/fd/N`): a link swapped in for a folder is never followed. Names starting
with `.` in `facts/` are skipped, as the loader skips them. `available()` is False on systems
without inotify (macOS, others): then there is no server.
"""

from __future__ import annotations

import ctypes
import errno
import os
import stat as statmod
import struct

from explorer.core.errors import FactexError
from explorer.core.layout import hidden_name

IN_MODIFY = 0x2
IN_ATTRIB = 0x4
IN_CLOSE_WRITE = 0x8
IN_MOVED_FROM = 0x40
IN_MOVED_TO = 0x80
IN_CREATE = 0x100
IN_DELETE = 0x200
IN_DELETE_SELF = 0x400
IN_MOVE_SELF = 0x800
IN_UNMOUNT = 0x2000
IN_Q_OVERFLOW = 0x4000
IN_IGNORED = 0x8000
IN_ONLYDIR = 0x1000000
IN_DONT_FOLLOW = 0x2000000
IN_EXCL_UNLINK = 0x4000000
IN_ISDIR = 0x40000000
IN_NONBLOCK = os.O_NONBLOCK
IN_CLOEXEC = getattr(os, "O_CLOEXEC", 0o2000000)

_NAMES = (IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE)
MASK = _NAMES | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK
_EVENT = struct.Struct("iIII")
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
FOLDERS = ("facts", "seeds")

_libc = None


def _lib():
    global _libc
    if _libc is None:
        lib = ctypes.CDLL(None, use_errno=True)
        lib.inotify_init1.argtypes = [ctypes.c_int]
        lib.inotify_init1.restype = ctypes.c_int
        lib.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
        lib.inotify_add_watch.restype = ctypes.c_int
        _libc = lib
    return _libc


def available() -> bool:
    """Whether this system has inotify (Linux with the calls in its C library)."""
    if not os.path.isdir("/proc/self/fd"):
        return False
    try:
        lib = _lib()
        return hasattr(lib, "inotify_init1") and hasattr(lib, "inotify_add_watch")
    except (OSError, AttributeError):
        return False


class WatchError(FactexError, OSError):
    """The watch cannot be set up (too many watches, a folder that cannot be opened, a link)."""


class Changes:
    """What a drain found: `paths` (relative POSIX paths of the names that changed, in `facts/`
    or `seeds/`), `full` (look at everything again), `gone` (the workspace folder itself, or its
    `facts/`, was removed or moved away, or its file system unmounted), `link` (a symbolic link
    appeared)."""

    __slots__ = ("paths", "full", "gone", "link")

    def __init__(self) -> None:
        self.paths: set[str] = set()
        self.full = self.gone = self.link = False

    def __bool__(self) -> bool:
        return bool(self.paths) or self.full or self.gone or self.link


class Watch:
    """An inotify watch over a workspace's `facts/` and `seeds/` trees and the workspace folder.

    `fd` can be given to select/poll; `drain()` reads every queued event without blocking. After a
    drain says `full`, call `rewatch()` (before reading the files again: a change made while the
    files are read is then seen by the next drain)."""

    def __init__(self, root: str):
        self.root = root
        fd = _lib().inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if fd < 0:
            err = ctypes.get_errno()
            raise WatchError(err, os.strerror(err))
        self.fd = fd
        self._dirs: dict[int, str] = {}  # watch descriptor -> folder, relative ("" the root)
        self.links = 0
        self.rewatch()

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def _add(self, dir_fd: int, rel: str, mask: int = MASK) -> None:
        wd = _lib().inotify_add_watch(self.fd, f"/proc/self/fd/{dir_fd}".encode(), mask)
        if wd < 0:
            err = ctypes.get_errno()
            raise WatchError(err, f"cannot watch {rel or '.'}: {os.strerror(err)}")
        self._dirs[wd] = rel

    def rewatch(self) -> None:
        """Watch every folder now (the old watches replaced); count the links found (`links`)."""
        # A new inotify instance: the old queue and watches go with the old descriptor.
        if self._dirs:
            old = self.fd
            fd = _lib().inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
            if fd < 0:
                err = ctypes.get_errno()
                raise WatchError(err, os.strerror(err))
            # (the new one in the old one's number: select() callers keep theirs)
            os.dup2(fd, old, inheritable=False)
            os.close(fd)
        self._dirs = {}
        self.links = 0
        top = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
        try:
            self._add(top, "", _NAMES | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)
            for folder in FOLDERS:
                try:
                    fd = os.open(folder, _DIR_FLAGS, dir_fd=top)
                except FileNotFoundError:
                    continue  # made later: an event in the root says so
                except OSError as exc:
                    if exc.errno == errno.ELOOP or exc.errno == errno.ENOTDIR:
                        self.links += 1
                        continue
                    raise WatchError(exc.errno, f"cannot open {folder}: {exc.strerror}") from None
                try:
                    self._walk(fd, folder, folder == "facts", 0)
                finally:
                    os.close(fd)
        finally:
            os.close(top)

    def _walk(self, fd: int, rel: str, skip_dots: bool, depth: int) -> None:
        from explorer.core.layout import MAX_DEPTH

        self._add(fd, rel)
        if depth >= MAX_DEPTH:  # (no load reads deeper: a folder 2,000 deep recursed as deep)
            return
        with os.scandir(fd) as it:
            entries = [(e.name, e.stat(follow_symlinks=False)) for e in it
                       if not (skip_dots and e.name.startswith("."))]
        for name, st in entries:
            mode = st.st_mode
            if statmod.S_ISLNK(mode) or (statmod.S_ISREG(mode) and st.st_nlink > 1):
                # A link, or a file with another name elsewhere (written through that name, it
                # changes without an event here): the watch cannot vouch for it.
                self.links += 1
            elif statmod.S_ISDIR(mode):
                try:
                    sub = os.open(name, _DIR_FLAGS, dir_fd=fd)
                except OSError as exc:
                    if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.ENOENT):
                        self.links += exc.errno == errno.ELOOP
                        continue  # (replaced or removed since listed: its event is queued)
                    raise WatchError(exc.errno, f"cannot open {rel}/{name}: {exc.strerror}") from None
                try:
                    self._walk(sub, f"{rel}/{name}", skip_dots, depth + 1)
                finally:
                    os.close(sub)

    def pending(self) -> bool:
        """Whether events are waiting (without reading them)."""
        import select

        return bool(select.select([self.fd], [], [], 0)[0])

    def drain(self, into: Changes | None = None) -> Changes:
        """Every event queued now, read without blocking, as `Changes`."""
        changes = into if into is not None else Changes()
        while True:
            try:
                data = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                return changes
            except InterruptedError:
                continue
            if not data:
                return changes
            self._parse(data, changes)

    def _parse(self, data: bytes, changes: Changes) -> None:
        at, size = 0, _EVENT.size
        while at + size <= len(data):
            wd, mask, _cookie, length = _EVENT.unpack_from(data, at)
            name_bytes = data[at + size : at + size + length].split(b"\0", 1)[0]
            at += size + length
            if mask & IN_Q_OVERFLOW:
                changes.full = True
                continue
            folder = self._dirs.get(wd)
            if folder is None:
                continue  # an event of a watch already replaced
            if mask & IN_IGNORED or mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT):
                if folder == "" or mask & IN_UNMOUNT:
                    changes.gone = True
                changes.full = True
                continue
            name = os.fsdecode(name_bytes)
            if folder == "":
                if name in FOLDERS:
                    if name == "facts" and mask & (IN_DELETE | IN_MOVED_FROM):
                        changes.gone = True
                    changes.full = True
                continue  # other names beside facts/ and seeds/ mean nothing to a search
            if folder.startswith("facts") and hidden_name(name):
                continue  # the loader never reads it
            if mask & IN_ISDIR:
                changes.full = True  # a folder made, removed or renamed: watch again, walk again
                continue
            if mask & (IN_CREATE | IN_MOVED_TO | IN_ATTRIB):  # (a new hard link: IN_ATTRIB)
                try:
                    st = os.lstat(os.path.join(self.root, folder, name))
                except OSError:
                    st = None
                if st is not None and (statmod.S_ISLNK(st.st_mode)
                                       or (statmod.S_ISREG(st.st_mode) and st.st_nlink > 1)):
                    changes.link = True
                elif st is not None and statmod.S_ISDIR(st.st_mode):
                    changes.full = True
            changes.paths.add(f"{folder}/{name}")


# File systems where every change is made through this kernel, so inotify sees it (a network or
# FUSE file system can change under it unseen): their `statfs` magic numbers.
LOCAL_FILESYSTEMS = {
    0xEF53: "ext2/3/4", 0x58465342: "xfs", 0x9123683E: "btrfs", 0x01021994: "tmpfs",
    0x794C7630: "overlayfs", 0x2FC12FC1: "zfs", 0xF2F52010: "f2fs", 0x52654973: "reiserfs",
    0x3153464A: "jfs", 0xCA451A4E: "bcachefs", 0x858458F6: "ramfs", 0xF15F: "ecryptfs",
    0x2011BAB0: "exfat", 0x4D44: "vfat", 0x5346544E: "ntfs",
}


def filesystem(path: str) -> int | None:
    """The `statfs` type number of the file system holding `path` (None: unknown)."""
    try:
        lib = _lib()
        statfs = lib.statfs
    except (OSError, AttributeError):
        return None
    buf = ctypes.create_string_buffer(512)  # (struct statfs is 120 bytes on 64-bit Linux)
    if statfs(os.fsencode(path), buf) != 0:
        return None
    return ctypes.c_long.from_buffer(buf).value & 0xFFFFFFFF


def local(path: str) -> bool:
    """Whether `path` is on a file system inotify sees every change of (see LOCAL_FILESYSTEMS)."""
    return filesystem(path) in LOCAL_FILESYSTEMS
