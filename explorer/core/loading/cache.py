"""An on-disk cache of parsed and checked cards, so a new process starts warm.

Kept in the user's cache folder (`$XDG_CACHE_HOME/factex/`, never inside the workspace), one file
per workspace (`cards-KEY.pickle`), and the last checked fact base with the stamps of everything it
was read from (`base-KEY.pickle`), so an unchanged workspace starts without assembling anything. An
entry is reused only when its card's size and modification time match, and its
checked result only when the sources are byte-identical. The file is keyed by a digest of
factex's own core code, so a new version never reads an old cache.

Loading uses a restricted unpickler that can only build factex's own data classes and plain
Python containers: a tampered cache file cannot run code, it is just ignored. Each pickle is
written after its length and CRC-32 and checked before it is unpickled: a file cut short or with
a byte changed on disk is ignored too, even where it would still unpickle. `FACTEX_CACHE=0`
turns the cache off.
"""

from __future__ import annotations

import io
import os
import pickle
import struct
import sys
import tempfile
from itertools import islice
from pathlib import Path

from explorer.core.digests import sha256
from explorer.core.pausing import checkpoint

_ALLOWED = {
    ("explorer.core.loading.loader", "_Parsed"),
    ("explorer.core.cardformat.yamlsafe", "Document"),
    ("explorer.core.model", "Entity"),
    ("explorer.core.model", "Relation"),
    ("explorer.core.model", "Evidence"),
    ("explorer.core.anchoring.sources", "Anchor"),
    ("explorer.core.model", "Problem"),
    ("explorer.core.anchoring.sources", "Source"),
    ("explorer.core.anchoring.sources", "SourceSet"),
    ("explorer.core.cardformat.provenance", "SourceMeta"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a factex cache")
        return super().find_class(module, name)


_DIGEST: str | None = None


def code_digest() -> str:
    """A digest of the core modules, the cache's format and meaning: factex's version and each
    module's path, size and modification time. (Their stamps, not their text: reading and hashing
    every module took ~10 ms of each start; editing or reinstalling a module changes its stamp.)"""
    global _DIGEST
    if _DIGEST is None:
        from explorer import __version__

        h = sha256(f"{sys.version}\0{__version__}".encode())
        folder = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # explorer/core/
        stamps = []
        folders = [""]
        while folders:  # (packages too: loading/, search/, ...)
            rel = folders.pop()
            with os.scandir(os.path.join(folder, rel)) as entries:
                for entry in entries:
                    name = f"{rel}/{entry.name}" if rel else entry.name
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name != "__pycache__":
                            folders.append(name)
                    elif entry.name.endswith(".py"):
                        st = entry.stat()
                        stamps.append(f"{name}\0{st.st_size}\0{st.st_mtime_ns}")
        h.update("\n".join(sorted(stamps)).encode())
        _DIGEST = h.hexdigest()[:32]
    return _DIGEST


def enabled() -> bool:
    return os.environ.get("FACTEX_CACHE", "1") not in ("0", "no", "off", "false")


def cache_dir() -> Path:
    """The platform's cache folder for factex (platformdirs: `$XDG_CACHE_HOME/factex` or
    `~/.cache/factex` on Linux, `~/Library/Caches/factex` on macOS)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("factex", appauthor=False))


def cache_file(root: Path) -> Path:
    key = sha256(os.fsencode(os.path.realpath(root))).hexdigest()[:20]  # (a name that is not UTF-8 as its bytes)
    return cache_dir() / f"cards-{key}.pickle"


def snapshot_file(root: Path) -> Path:
    return cache_file(root).with_name(cache_file(root).name.replace("cards-", "base-", 1))


def load(root: Path) -> dict | None:
    """The cached entries of a workspace (rel path -> _Parsed), or None."""
    data = _read(cache_file(root))
    if data is None or not isinstance(data.get("cards"), dict):
        return None
    return data["cards"]


def load_snapshot(root: Path) -> dict | None:
    """The last checked fact base of a workspace with what it was read from, or None (see
    `Loader._from_snapshot`): {"key", "sources", "base": {entities, relations, problems,
    card_files, flawed, by_entity}}."""
    data = _read(snapshot_file(root))
    if data is None:
        return None
    try:
        relations = data["relations"]
        by_entity = {entity: [relations[rid] for rid in rids] for entity, rids in data["by_entity"].items()}
        base = {"entities": data["entities"], "relations": relations, "problems": data["problems"],
                "card_files": data["card_files"], "flawed": data["flawed"], "by_entity": by_entity}
        return {"key": data["key"], "sources": data["sources"], "base": base}
    except (KeyError, TypeError, AttributeError):
        return None


def save_snapshot(root: Path, snapshot: dict) -> None:
    """Write the fact base (see `load_snapshot`). Each part is written on its own, the big ones in
    chunks, so the relations an entity has are kept as their ids (the relations themselves are
    written once, with the relations)."""
    base = snapshot["base"]
    _write(snapshot_file(root), {
        "key": snapshot["key"], "sources": snapshot["sources"],
        "entities": base["entities"], "relations": base["relations"], "problems": base["problems"],
        "card_files": base["card_files"], "flawed": base["flawed"],
        "by_entity": {entity: [r.id for r in rels] for entity, rels in base["by_entity"].items()},
    })


# A cache file is a header (the code digest and the parts) followed by one pickle per part, a big
# dict in pickles of CHUNK entries, each after its length and CRC-32. The pickler forgets what it wrote between pickles: its memo of
# every object written held ~200 MB at the end of a cold check of 100,000 cards, on top of the
# cards themselves. (So no object may be shared between two parts or two chunks: each is written
# whole, and read back as its own copy.) Reading one chunk is one C call that holds the
# interpreter throughout: 2,000 cards took 20-100 ms on a busy machine, while the app read the
# card cache in the background and a key typed meanwhile waited for it; 250 take a few ms.
CHUNK = 250
# Before each pickle: its length and CRC-32 (see `_read`).
_SUM = struct.Struct("<QI")


def _read(path: Path) -> dict | None:
    if not enabled():
        return None
    import zlib

    try:
        st = path.stat()
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            return None  # not ours, or writable by others: do not trust it
        with open(path, "rb") as fh:
            stream = io.BufferedReader(fh)
            header = _Unpickler(stream).load()
            if not isinstance(header, dict) or header.get("digest") != code_digest():
                return None

            def part() -> object:
                # Each pickle is read whole and checked against its length and CRC-32 before it is
                # unpickled: a file cut short or a byte changed on disk (which can still unpickle,
                # as a string with another letter: an anchor naming no source) is not read.
                size, crc = _SUM.unpack(stream.read(_SUM.size))
                if size > st.st_size:
                    raise ValueError("a damaged cache file")
                blob = stream.read(size)
                if len(blob) != size or zlib.crc32(blob) != crc:
                    raise ValueError("a damaged cache file")
                return _Unpickler(io.BytesIO(blob)).load()

            data = {}
            for name, chunks in header["parts"]:  # (one unpickler a pickle: each numbers its objects from 0)
                if chunks is None:
                    data[name] = part()
                else:
                    whole = data[name] = {}
                    for _ in range(chunks):
                        checkpoint()  # (a background read waits here while the user types)
                        whole.update(part())
    except Exception:  # (a damaged or hostile file: unpickling errors of every kind, MemoryError, OverflowError, ...)
        return None
    return data


def save(root: Path, cards: dict) -> None:
    """Write the cache atomically; failures are ignored (it is only a cache)."""
    _write(cache_file(root), {"cards": cards})


def _write(path: Path, data: dict) -> None:
    if not enabled():
        return
    import zlib

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cards-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                parts = [(name, -(-len(value) // CHUNK) if isinstance(value, dict) and len(value) > CHUNK else None)
                         for name, value in data.items()]
                pickle.dump({"digest": code_digest(), "parts": parts}, fh, protocol=pickle.HIGHEST_PROTOCOL)

                def put(value) -> None:
                    blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
                    fh.write(_SUM.pack(len(blob), zlib.crc32(blob)))
                    fh.write(blob)

                for name, chunks in parts:
                    value = data[name]
                    if chunks is None:
                        put(value)
                        continue
                    items = iter(value.items())
                    for _ in range(chunks):
                        put(dict(islice(items, CHUNK)))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, pickle.PicklingError, RecursionError):
        pass
