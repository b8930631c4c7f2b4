"""The search index on disk, beside the card cache, so a second `factex search` starts warm.

One file per workspace, `search-KEY.idx` in the card cache's folder (`cache.cache_dir()`, the same
KEY as the card cache's `cards-KEY.pickle`). It holds the index's tables as plain arrays and
strings (see `table.KindTable`) and is memory-mapped: a query decodes only what it touches (the
lower-cased strings of the kinds it scans, the records it shows), never an object per record.

When it is used: the file records a digest of the workspace (`workspace_stamp`: the name, size,
modification and change times and inode of every entry under `facts/` and `seeds/`, the same
stamps the card cache and the fact-base snapshot compare) and of factex's core code. It is read
only when both are equal now, so it is rebuilt exactly when a card or a source is added, removed or
written (or factex changes). A workspace whose `facts/` or `seeds/` holds a symbolic link has no
stamp (what a link points to can change without the link changing): it is never stored.

File format: `MAGIC`, the header's length (8 bytes, little-endian) and CRC-32 (4), the header (`marshal`: plain
containers, strings and numbers; marshal builds no class and runs nothing), then the blobs the
header points into (UTF-8 strings, arrays of 64-bit integers, marshalled blocks of records), each
placed by the header with its CRC-32, checked when the blob is first read (a damaged file: a header
that does not match is not read; a blob that does not raises `DamagedIndex`, which every searcher of
a stored index catches to search one built from the cards). Written atomically (a temporary file renamed over the old one); read only when it
belongs to this user and nobody else may write it, and its size is the one the header says.
`FACTEX_CACHE=0` turns it off, as it does the card cache.

An index read back is updated as a built one is (`SearchIndex.update`, the app after an edit, the
search server's helper): what that needs is in the file too (each record's sort key and filter
values in its block; where its lines are in the scan strings), read only when an update asks.
The updated index is an overlay: the changed cards' records made again, every other record read
from the file through `table.Layered` (see `table.update_table`).
"""

from __future__ import annotations

import marshal
import mmap
import os
import stat as statmod
import sys
import time
import zlib
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from explorer.core.errors import FactexError
from explorer.core.search.table import STRINGS, KindTable, Record, TableState, _Counter

if TYPE_CHECKING:
    from explorer.core.search.index import SearchIndex

MAGIC = b"factex search index 3\n"
_BLOCK = 8  # records per marshalled block: one block is decoded to show one of its records
_CODE: str | None = None


# -- what the index is keyed by ------------------------------------------------------------------

def _hasher():
    try:
        from _blake2 import blake2b  # (what hashlib gives, without importing OpenSSL: quicker)
    except ImportError:  # pragma: no cover
        from hashlib import blake2b
    return blake2b(digest_size=20)


def code_digest() -> str:
    """A digest of factex's core modules (the index's meaning and format): the Python version and
    every module's path, size and modification time (a changed module is a new file or a new time)."""
    global _CODE
    if _CODE is None:
        h = _hasher()
        h.update(sys.version.encode())
        core = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        stack = [core]
        while stack:
            folder = stack.pop()
            with os.scandir(folder) as it:
                for entry in sorted(it, key=lambda e: e.name):
                    if entry.is_dir() and not entry.name.startswith(("_", ".")):
                        stack.append(entry.path)
                    elif entry.name.endswith(".py"):
                        st = entry.stat()
                        h.update(f"{entry.path}\0{st.st_size} {st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
        _CODE = h.hexdigest()
    return _CODE


class _NoStamp(Exception):
    pass


_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


RACY_NS = 2_000_000_000  # a file written this close to the stamp may change again unseen (see Stamp)


class Stamp:
    """What `workspace_stamp` saw: `digest`, and whether it is settled.

    A file's times come from a coarse clock (a few milliseconds): a card written, stamped and
    written again within one tick with the same size would keep its stamp. So an index is stored
    only when the newest modification time is `RACY_NS` older than the moment of the stamp (as git
    does with "racily clean" files); a workspace edited just now is searched, not stored."""

    __slots__ = ("digest", "newest", "taken")

    def __init__(self, digest: str, newest: int, taken: int):
        self.digest, self.newest, self.taken = digest, newest, taken

    @property
    def settled(self) -> bool:
        return self.newest < self.taken - RACY_NS


def workspace_stamp(root: str | os.PathLike, taken: int | None = None) -> Stamp | None:
    """What the index is made from: every entry under `facts/` (names starting with `.` skipped,
    as the loader skips them) and `seeds/`, by name, size, modification and change times and
    inode. None when that cannot be told from the entries alone (a symbolic link, an unreadable
    folder): then nothing is stored or read. `taken`: when the files the index is made from
    began to be read (`time.time_ns()`), for a stamp taken after they were (see `Stamp`; the
    caller then makes sure that what was read is what the stamp describes)."""
    taken = time.time_ns() if taken is None else taken
    h = _hasher()
    newest = [0]
    try:
        top = os.open(os.fspath(root), os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        for folder, skip_dots in (("facts", True), ("seeds", False)):
            try:
                fd = os.open(folder, _DIR_FLAGS, dir_fd=top)
            except FileNotFoundError:
                h.update(f"\0{folder} missing\0".encode())
                continue
            except OSError:
                return None  # a link (O_NOFOLLOW), not a folder, or unreadable
            try:
                _stamp_folder(fd, folder, skip_dots, h, newest)
            finally:
                os.close(fd)
    except (_NoStamp, OSError):
        return None
    finally:
        os.close(top)
    return Stamp(h.hexdigest(), newest[0], taken)


def _stamp_folder(fd: int, rel: str, skip_dots: bool, h, newest: list[int]) -> None:
    names: list[str] = []
    numbers = array("q")
    add, keep = numbers.extend, names.append
    folders = []
    S_ISLNK, S_ISDIR = statmod.S_ISLNK, statmod.S_ISDIR
    with os.scandir(fd) as it:
        for entry in it:
            name = entry.name
            if skip_dots and name[0] == ".":
                continue
            st = entry.stat(follow_symlinks=False)
            mode = st.st_mode
            if S_ISLNK(mode):
                raise _NoStamp(name)
            if S_ISDIR(mode):
                folders.append(name)
            keep(name)
            add((mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    if names:
        newest[0] = max(newest[0], max(numbers[2::5]))
    # In the folder's own order: an unchanged folder lists its entries in the same order, and
    # another order only costs a rebuild.
    h.update(rel.encode("utf-8", "surrogateescape") + b"\0")
    h.update("\0".join(names).encode("utf-8", "surrogateescape") + b"\0")
    h.update(numbers.tobytes())
    for name in folders:
        sub = os.open(name, _DIR_FLAGS, dir_fd=fd)
        try:
            _stamp_folder(sub, f"{rel}/{name}", skip_dots, h, newest)
        finally:
            os.close(sub)


def index_file(root: str | os.PathLike) -> Path:
    from explorer.core.loading import cache

    card_file = cache.cache_file(Path(root))
    return card_file.with_name(card_file.name.replace("cards-", "search-", 1).replace(".pickle", ".idx"))


# -- writing ------------------------------------------------------------------------------------

def save(root: str | os.PathLike, stamp: Stamp | None, index: SearchIndex, extra: dict | None = None) -> Path | None:
    """Write the index of the workspace as it was when `stamp` was taken (take the stamp before
    loading: a change during the load then makes the next stamp differ). Nothing is written for
    a stamp that is not settled (see `Stamp`). Failures are ignored (it is only a cache); returns
    the file written, or None."""
    from explorer.core.loading import cache

    if stamp is None or not stamp.settled or not cache.enabled():
        return None
    if any(table.tag_ids is not None for table in index.kinds.values()):
        # An updated index (SearchIndex.update): its tags are not its record ids plus `first`,
        # which is what this file's reader takes them to be. The same records, built anew.
        if index.base is None:
            return None
        from explorer.core.search.index import SearchIndex

        index = SearchIndex(index.base)
    blobs: list[bytes] = []
    at = [0]

    def put(data: bytes) -> tuple[int, int]:
        pad = -at[0] % 8  # (aligned: arrays of integers are read in place)
        if pad:
            blobs.append(bytes(pad))
            at[0] += pad
        blobs.append(data)
        where = (at[0], len(data), zlib.crc32(data))
        at[0] += len(data)
        return where

    kinds = {}
    for name, table in index.kinds.items():
        strings: dict[str, tuple[int, int]] = {}
        seen: dict[int, tuple[int, int]] = {}
        ascii_only = {}
        for key in STRINGS:
            text = table.strings[key]
            strings[key] = seen.get(id(text)) or put(text.encode("utf-8", "surrogatepass"))
            seen[id(text)] = strings[key]
            ascii_only[key] = text.isascii()
        records = table.records
        st = table.state
        if st is not None:  # (what `update_table` needs of each record: its sort key and filters)
            keys, metas = st.sort_keys, st.metas
            rows = [(*_record_row(r), keys[i], metas[i]) for i, r in enumerate(records)]
        else:
            rows = [_record_row(r) for r in records]
        blocks = [put(marshal.dumps(rows[i : i + _BLOCK])) for i in range(0, table.count, _BLOCK)]
        del rows
        kinds[name] = {
            "count": table.count, "first": table.first, "width": table.width, "strings": strings,
            "ascii": ascii_only,
            "starts": put(array("q", table.starts).tobytes()),
            "first_line": put(array("q", table.first_line).tobytes()),
            "segs": put(bytes(table.segs)),
            "natural": put(array("q", table.natural).tobytes()),
            "natural_rank": put(array("q", table.natural_rank).tobytes()),
            "filters": put(marshal.dumps({k: put(array("q", v).tobytes()) for k, v in table.filter_ids.items()})),
            "records": blocks,
            "shared_ids": table.shared_ids, "shared_many": table.shared_many,
        }
        if st is not None:
            kinds[name]["update"] = {
                "scan_starts": put(array("q", st.scan_starts).tobytes()),
                "loose_starts": put(array("q", st.loose_starts).tobytes()),
                "skip": put(bytes(st.skip)),
                "p_spans": put(marshal.dumps(dict(st.p_spans))) if st.p_spans is not None else None,
                "span_sks": put(marshal.dumps(dict(st.span_sks))) if st.span_sks is not None else None,
            }
    names = put(marshal.dumps(index.names()))
    entity_ids = put(marshal.dumps(list(index.entity_ids)))
    header = {
        "code": code_digest(), "stamp": stamp.digest, "extra": dict(extra or {}), "kinds": kinds,
        "types": index.types, "source_ids": index.source_ids, "attributions": index.attributions,
        "names": names, "entity_ids": entity_ids, "blobs": at[0],
    }
    head = marshal.dumps(header)
    path = index_file(root)
    try:
        import tempfile

        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".search-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(MAGIC)
                fh.write(len(head).to_bytes(8, "little"))
                fh.write(zlib.crc32(head).to_bytes(4, "little"))
                fh.write(head)
                for blob in blobs:
                    fh.write(blob)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError, RecursionError):
        return None
    return path


def _record_row(rec: Record) -> tuple:
    return (rec.card, rec.evidence, rec.source, rec.start, rec.end, rec.text, rec.detail,
            tuple(tuple(f) for f in rec.fields))


# -- reading ------------------------------------------------------------------------------------

def _plain_loads(data) -> object:
    """Plain containers, strings, bytes and numbers, as `marshal` wrote them (marshal builds no
    class and runs nothing; nothing read here is ever run or called)."""
    out = marshal.loads(data)
    if type(out) not in _PLAIN:
        raise ValueError("not a search index")
    return out


_PLAIN = (dict, list, tuple, bytes, str, int)


def load(root: str | os.PathLike, stamp: Stamp | None) -> tuple[SearchIndex, dict] | None:
    """The stored index of the workspace and the `extra` saved with it, when it was made from
    exactly what `stamp` describes and by this code; else None."""
    if stamp is None:
        return None
    return _load(root, lambda header: header.get("stamp") == stamp.digest)


def load_of_snapshot(root: str | os.PathLike, key: bytes | None) -> tuple[SearchIndex, dict] | None:
    """The stored index of the fact base held by the card cache's snapshot of digest `key`
    (`Loader.early_key`), when it was stored with that digest (`extra["snapshot"]`, the loader's
    `read_digest()` of the fact base indexed) and by this code; else None. No stamp to take: the
    app's first search, typed as the snapshot's fact base shows, searches that very fact base
    (one stat of every file less, ~0.1 s of CPU at 30,000 cards, while keys are being typed)."""
    if not key:
        return None

    def same(header: dict) -> bool:
        extra = header.get("extra")
        return isinstance(extra, dict) and extra.get("snapshot") == key

    return _load(root, same)


def _load(root, accept) -> tuple[SearchIndex, dict] | None:
    from explorer.core.loading import cache

    if not cache.enabled():
        return None
    try:
        with open(index_file(root), "rb") as fh:
            st = os.fstat(fh.fileno())
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                return None  # not ours, or writable by others: do not trust it
            if fh.read(len(MAGIC)) != MAGIC:
                return None
            size = int.from_bytes(fh.read(8), "little")
            crc = int.from_bytes(fh.read(4), "little")
            head = fh.read(size)
            if len(head) != size or zlib.crc32(head) != crc:
                return None
            header = _plain_loads(head)
            if not isinstance(header, dict) or header.get("code") != code_digest() or not accept(header):
                return None
            base = len(MAGIC) + 12 + size
            if st.st_size != base + header["blobs"]:
                return None
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        return _index_from(header, mm, base), header["extra"]
    except (OSError, ValueError, KeyError, TypeError, EOFError, AttributeError, IndexError, DamagedIndex):
        return None


def _index_from(header: dict, mm: mmap.mmap, base: int) -> SearchIndex:
    from explorer.core.search.index import SearchIndex

    blob = _Blobs(mm, base)

    def ints(where) -> memoryview:
        return blob(where).cast("q")  # in place: nothing copied

    kinds = {}
    for name, k in header["kinds"].items():
        records = _Records(k["records"], k["count"], blob)
        kinds[name] = KindTable(
            kind=name, count=k["count"], first=k["first"], width=k["width"],
            strings=_Strings({key: k["strings"][key] for key in STRINGS}, k["ascii"], blob),
            starts=ints(k["starts"]), first_line=ints(k["first_line"]), segs=blob(k["segs"]),
            natural=ints(k["natural"]), natural_rank=ints(k["natural_rank"]),
            filter_ids=_Filters(lambda w=k["filters"]: _decoded(blob(w)), ints),
            records=records,
            shared_ids=k["shared_ids"], shared_many=k["shared_many"],
        )
    # What `SearchIndex.update` needs (see table.TableState), read from the file when asked: the
    # records of the changed cards are made again, the rest stays in the file (update_table).
    total = sum(k["count"] for k in header["kinds"].values())
    width = max(k["width"] for k in header["kinds"].values())
    counter = _Counter(total, 16**width)
    for name, k in header["kinds"].items():
        up = k.get("update")
        if up is None:
            continue
        table = kinds[name]
        lazy = (lambda w: _Lazy(lambda: _decoded(blob(w))) if w is not None else None)
        table.state = TableState(
            sort_keys=_Field(table.records, 1), metas=_Field(table.records, 2),
            scan_starts=ints(up["scan_starts"]), loose_starts=ints(up["loose_starts"]), skip=blob(up["skip"]),
            p_spans=lazy(up["p_spans"]), span_sks=lazy(up["span_sks"]),
            passages=kinds["passage"] if up["p_spans"] is not None else None, counter=counter)
    return SearchIndex.from_parts(
        kinds, header["types"], header["source_ids"], header["attributions"],
        entity_ids=_once(lambda: frozenset(_decoded(blob(header["entity_ids"])))),
        names=lambda: _decoded(blob(header["names"])),
    )


class DamagedIndex(FactexError):
    """The stored index is damaged (a blob whose CRC-32 is not the one written, or that does not
    decode): raised when the blob is first read, which may be during a search, long after `load`.
    Whoever searches a stored index catches it and searches an index built from the cards instead,
    as if none were stored (`discard` removes the file, so the next command builds and stores it)."""


def discard(root: str | os.PathLike) -> None:
    """Remove the stored index of the workspace (it was found damaged). Failures are ignored."""
    try:
        os.unlink(index_file(root))
    except OSError:
        pass


class _Blobs:
    """The blobs of a file, each checked against its CRC-32 when first read (`DamagedIndex` if it
    does not match): a search pays for the blobs it touches, once."""

    __slots__ = ("view", "base", "checked")

    def __init__(self, mm: mmap.mmap, base: int) -> None:
        self.view, self.base, self.checked = memoryview(mm), base, set()

    def __call__(self, where) -> memoryview:
        at, n, crc = where
        data = self.view[self.base + at : self.base + at + n]
        if where not in self.checked:  # (not `at`: an empty blob shares its offset with the next)
            if len(data) != n or zlib.crc32(data) != crc:
                raise DamagedIndex(f"blob at {at}")
            self.checked.add(where)
        return data

    def part(self, where, start: int, end: int) -> memoryview:
        """Bytes `start:end` of the blob at `where` (checked whole first)."""
        data = self(where)
        return data[start:end]


def _decoded(data) -> object:
    """`_plain_loads` of a blob read after `load`: what does not decode is a damaged index."""
    try:
        return _plain_loads(data)
    except (ValueError, EOFError, TypeError) as exc:
        raise DamagedIndex(str(exc)) from None


def _once(make):
    got: list = []

    def value():
        if not got:
            got.append(make())
        return got[0]
    return value


class _Strings(Mapping):
    """The big strings of a table, each decoded from the file when first asked for."""

    def __init__(self, where: dict[str, tuple[int, int]], ascii_only: dict[str, bool], blob):
        self._where, self._ascii, self._blob, self._got = where, ascii_only, blob, {}

    def piece(self, key: str, start: int, end: int) -> str:
        """`self[key][start:end]`, without decoding the whole string when it is ASCII (then its
        characters are its bytes)."""
        got = self._got.get(key)
        if got is not None or not self._ascii[key]:
            return self[key][start:end]
        where = self._where[key]
        try:
            return str(self._blob.part(where, start, max(start, min(end, where[1]))), "ascii")
        except UnicodeDecodeError as exc:
            raise DamagedIndex(str(exc)) from None

    def __getitem__(self, key: str) -> str:
        got = self._got.get(key)
        if got is None:
            where = self._where[key]
            for other, text in self._got.items():  # the same blob (scan_low is low when nothing is shared)
                if self._where[other] == where:
                    got = text
                    break
            else:
                try:
                    got = str(self._blob(where), "utf-8", "surrogatepass")
                except UnicodeDecodeError as exc:
                    raise DamagedIndex(str(exc)) from None
            self._got[key] = got
        return got

    def __iter__(self):
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


class _Filters(Mapping):
    """(field, value) -> record ids (read in place), the table of them read when a filter first
    needs it."""

    def __init__(self, make, ints):
        self._make, self._ints, self._raw = make, ints, None

    def _table(self) -> dict:
        if self._raw is None:
            self._raw = self._make()
        return self._raw

    def __getitem__(self, key):
        return self._ints(self._table()[key])

    def __iter__(self):
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


class _Records:
    """The records of a table, a block of them decoded when one of its records is asked for."""

    def __init__(self, blocks: list, count: int, blob):
        self._blocks, self._count, self._blob, self._got = blocks, count, blob, {}

    def __len__(self) -> int:
        return self._count

    def row(self, i: int) -> tuple:
        """(the record, its sort key, its filters' values) of record `i` (the last two None when
        the file has none: a table that is not updated)."""
        if i < 0:
            i += self._count
        if not 0 <= i < self._count:
            raise IndexError(i)
        block = self._got.get(i // _BLOCK)
        if block is None:
            rows = _decoded(self._blob(self._blocks[i // _BLOCK]))
            try:
                block = self._got[i // _BLOCK] = [
                    (Record(*row[:7], tuple(map(tuple, row[7]))), *(row[8:10] if len(row) > 8 else (None, None)))
                    for row in rows]
            except (TypeError, IndexError, ValueError) as exc:
                raise DamagedIndex(str(exc)) from None
        return block[i % _BLOCK]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._count))]
        return self.row(i)[0]

    def __iter__(self):
        return (self[i] for i in range(self._count))


class _Field:
    """The sort keys (1) or the filters' values (2) of a table's records, by record id, decoded
    with their record's block."""

    __slots__ = ("records", "field")

    def __init__(self, records: _Records, field: int) -> None:
        self.records, self.field = records, field

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self.records)))]
        return self.records.row(i)[self.field]


class _Lazy(Mapping):
    """A dict read from the file when first asked."""

    def __init__(self, make) -> None:
        self._make, self._got = make, None

    def _dict(self) -> dict:
        if self._got is None:
            self._got = self._make()
        return self._got

    def __getitem__(self, key):
        return self._dict()[key]

    def __contains__(self, key) -> bool:
        return key in self._dict()

    def get(self, key, default=None):
        return self._dict().get(key, default)

    def __iter__(self):
        return iter(self._dict())

    def __len__(self) -> int:
        return len(self._dict())
