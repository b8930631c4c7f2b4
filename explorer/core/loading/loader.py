"""Load a workspace (a folder holding `facts/` and `seeds/`) into a checked fact base.

Loading never stops at a bad card: every problem becomes a `Problem` with the card's path, line and
column, and the other cards load. Cards with errors are left out of the fact base (and so are
relations that name them). A `Loader` keeps parsed cards keyed by path, size and modification time,
so reloading after an edit re-reads only what changed.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import stat as stat_mod
import sys
import threading
import unicodedata
import bisect
from bisect import bisect_left
from dataclasses import InitVar, field
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.core import files
from explorer.core.errors import FileError, LoadCancelled, WorkspaceError
from explorer.core.layout import (CARD_SUFFIXES, FACTS_DIR, MAX_DEPTH, SOURCES_DIR, card_id_of, hidden_name, how_ids_differ, id_key, id_problem,
                                  id_problem_message, leftover)
from explorer.core.safetext import quoted
from explorer.core.pausing import checkpoint
from explorer.core.model import NO_SOURCE, Entity, Problem, Relation, pickled_by_fields, record
from explorer.core.anchoring.sources import Source, read_sources, split_sentences
from explorer.core.text import LazyPattern, normalize_text

if TYPE_CHECKING:
    from explorer.core.anchoring.anchor import SourceIndex
    from explorer.core.cardformat.cards import Issues
    from explorer.core.cardformat.yamlsafe import Document


def _import_checking() -> None:
    """Import parsing, checking and anchoring (PyYAML, the card rules, the source index) when a
    load needs them: an unchanged workspace starts from the card cache's snapshot without any of
    them, and the app's first frame does not wait for their imports."""
    global SourceIndex, anchor_quote, Issues, did_you_mean, validate_card, anchor_card, SameThings, EntityNames
    global overlap_warnings
    global MAX_CARD_BYTES, Document, decode_card, parse_card
    if "parse_card" in globals():
        return
    from explorer.core.anchoring.anchor import SourceIndex, anchor_quote
    from explorer.core.cardformat.cards import EntityNames, Issues, did_you_mean, validate_card
    from explorer.core.loading.corpus import SameThings, anchor_card, overlap_warnings
    from explorer.core.cardformat.yamlsafe import MAX_CARD_BYTES, Document, decode_card, parse_card


_CHUNK = 1000  # cards read, then checked, at a time by a full assembly (see Loader._prepare)
MAX_CHANGES_LOOKED_AT = 1000  # more changed paths than this: walk every folder again


@record
class FactBase:
    """The checked facts of a workspace. Only cards without errors are in `entities`/`relations`."""

    root: Path
    sources: dict[str, Source] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: dict[str, Relation] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    card_files: dict[str, str] = field(default_factory=dict)  # id -> file, for every card read
    # The cards left out only because quotes of theirs are not in the sources (each such quote an
    # error, and no other error), and the relations held back by a card they name: listed by the
    # app, marked, with their quotes that are; never in `entities`/`relations`, so never exported,
    # searched or counted (see `flawed_card`).
    flawed: dict[str, Entity | Relation] = field(default_factory=dict)
    # Each entity's relations in the article's order (see `by_entity`): given (a snapshot's, a
    # reload's), else worked out from `relations` when first asked.
    by_entity: InitVar[dict[str, list[Relation]] | None] = None
    _by_entity: dict[str, list[Relation]] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self, by_entity) -> None:
        self._by_entity = by_entity

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def held_back(self) -> list[Problem]:
        """Cards left out only because a card they name has errors (severity "note"): the root
        cause is that card's error, counted once, there."""
        return [p for p in self.problems if p.severity == "note"]

    def _get_by_entity(self) -> dict[str, list[Relation]]:
        """entity id -> its relations in both directions, in the order the article tells them
        (by their first anchored quote's place, then id). Worked out when first asked, not by
        the load: a command that never lists an entity's relations never pays for the sort."""
        if self._by_entity is None:
            self._by_entity = by_entity_of(self.relations.values())
        return self._by_entity

    def _set_by_entity(self, value: dict[str, list[Relation]]) -> None:
        self._by_entity = value

    def relations_of(self, entity_id: str) -> list[Relation]:
        """The entity's relations in both directions, in the order the article tells them."""
        return self.by_entity.get(entity_id, [])

    def card(self, card_id: str) -> Entity | Relation | None:
        """A card of the fact base, else one left out by its quotes (`flawed`), else None."""
        return self.entities.get(card_id) or self.relations.get(card_id) or self.flawed.get(card_id)

    def entity_name(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id) or self.flawed.get(entity_id)
        return entity.name if entity else entity_id

    def sentence(self, relation: Relation) -> str:
        """The relation read as a sentence: 'Vladimir Putin gifted an Aurus car to Kim Jong Un'."""
        return f"{self.entity_name(relation.subject)} {relation.predicate} {self.entity_name(relation.object)}"

    def citations(self, source_id: str) -> list[tuple[int, int, str]]:
        """(start, end, card id) of every anchored quote in a source, in text order."""
        spans = []
        for card in (*self.entities.values(), *self.relations.values()):
            for ev in card.evidence:
                if ev.anchor and ev.anchor.source == source_id:
                    spans.append((ev.anchor.start, ev.anchor.end, card.id))
        spans.sort()
        return spans

    def coverage(self, source_id: str, spans: list[tuple[int, int, str]] | None = None) -> tuple[int, int]:
        """(sentences backed by at least one quote, all sentences) of a source.

        `spans` are the source's `citations()`, when the caller has them already.
        """
        source = self.sources[source_id]
        sentences = split_sentences(source.text)
        if spans is None:
            spans = self.citations(source_id)
        starts = [s for s, _, _ in spans]
        covered = 0
        for s_start, s_end in sentences:
            # any quote overlapping the sentence?
            i = bisect_left(starts, s_end)
            if any(end > s_start for _, end, _ in spans[max(0, i - 64) : i]):
                covered += 1
        return covered, len(sentences)

    def to_json(self) -> dict:
        return {
            "sources": [
                {"id": s.id, "path": s.path, "title": s.title, "sha256": s.sha256, **s.meta.to_json()}
                for s in self.sources.values()
            ],
            "entities": [e.to_json(self.sources) for e in self.entities.values()],
            "relations": [r.to_json(self.sources) for r in self.relations.values()],
            "problems": [p.to_json() for p in self.problems],
        }


FactBase.by_entity = property(FactBase._get_by_entity, FactBase._set_by_entity)  # type: ignore[assignment]


def by_entity_of(relations) -> dict[str, list[Relation]]:
    """Each entity's relations in both directions, in the article's order (`FactBase.by_entity`)."""
    by_entity: dict[str, list[Relation]] = {}
    for rel_card in sorted(relations, key=_article_order):
        by_entity.setdefault(rel_card.subject, []).append(rel_card)
        if rel_card.object != rel_card.subject:
            by_entity.setdefault(rel_card.object, []).append(rel_card)
    return by_entity


def _article_order(card: Relation) -> tuple:
    return card.first_position, card.id


@record
class _Walked:
    """What a walk of facts/ found beside the list of cards (kept per thread: a poll may walk
    while a load does)."""

    problems: list[Problem]  # folders that could not be read, links out, ...
    # card -> its stamp when walked (see _Parsed.stamp), for the cards that were plain files (not
    # links) in a folder the walk read: such a card is opened in that folder (`where`). None: a
    # walk that took no stamps (`_walk`), until the card is read.
    stamps: dict[str, int | None]
    folders: dict[str, tuple[str, ...]] = field(default_factory=dict)  # folder walked -> its real folder

    def where(self, rel: str) -> tuple[tuple[str, ...], str] | None:
        """(real folder, name) of a card that was a plain file when walked, else None."""
        if rel not in self.stamps:
            return None
        folder, _, name = rel.rpartition("/")
        parts = self.folders.get(folder)
        return (parts, name) if parts is not None else None


@record
class _Memo:
    """What the last assembly found, so that the next one redoes only what a change can touch."""

    sources_key: str  # the sources it was made against (other sources: nothing is reused)
    # card path -> what reading it gave: the (card, problems) checked, the Document of a card
    # that does not parse, or why it could not be read. The same object again means unchanged.
    results: dict[str, object] = field(default_factory=dict)
    # relation card path -> (its card, the problems its cross-check found, whether "did you
    # mean" was asked: then any entity's change may change them)
    checks: dict[str, tuple] = field(default_factory=dict)
    entity_cards: set[str] = field(default_factory=set)  # ids of the entity cards read
    same_things: "SameThings | None" = None  # the same-name warnings of its entities (corpus.SameThings)
    # For a reload that changed few cards (`Loader._assemble_changed`): the fact base made, the
    # overlap warnings, the walk (paths) and each card's stamp in its order; `derived` holds
    # what is worked out from these when first needed (see `_Derived`), then kept up to date.
    base: FactBase | None = None
    overlap: list[Problem] = field(default_factory=list)
    paths: list = field(default_factory=list)
    stamps: list | dict = field(default_factory=list)
    derived: "_Derived | None" = None


@record
class _Derived:
    """What a full assembly worked out about every card, kept per card or id so that a reload
    changes only the entries of the cards it looked at (all copied on write: the memo a load
    started from stays whole if that load is stopped)."""

    stamps: dict[str, tuple]  # card path -> its stamp
    id_files: dict[str, list[str]]  # an id's key (layout.id_key: case and normal form folded) -> its files, in path order
    own: dict[str, list[Problem]]  # card path -> the problems said of it (its own and its cross-check's)
    dups: dict[str, list[Problem]]  # duplicated id -> the errors said of its files after the first
    broken: set[str]  # ids whose card could not be read or validated
    duplicated: set[str]  # the ids (every spelling) whose key has several files
    entity_ids: set[str]  # entity cards' ids, less the duplicated
    good_entities: set[str]  # the same, without errors of their own
    naming: dict[str, set[str]]  # id -> the relation cards (paths) naming it (subject, object, by)
    guessed: set[str]  # relation cards whose check asked "did you mean" or named an id not as its
    # file spells it (any entity change, any card gone, matters)
    # cards looked at by every reload: not plain files when walked (links, pipes), or read with
    # another stamp than the walk saw (written meanwhile)
    special: set[str] = field(default_factory=set)


def _has_errors(problems) -> bool:
    return any(p.severity == "error" for p in problems)


def _is_relation(result) -> bool:
    """Whether a card's result (see _Memo.results) is a checked relation card."""
    return result.__class__ is tuple and isinstance(result[0], Relation)


@pickled_by_fields
@record(slots=True)
class _Parsed:
    """A card file as the cache keeps it: its stamp, its parsed document, its checked result."""

    stamp: int  # size, mtime_ns, inode, ctime_ns: see _stamp_of (a tuple, _NO_STAMP, when it could not be read)
    # Once checked, a card's parsed data and text are let go (`_check`): its document keeps its
    # first line and its YAML problems only.
    doc: Document
    checked: tuple | None = None  # (card or None, issue items) after validation and anchoring
    sources_key: str | None = None  # the sources that anchoring used (ids and digests)


class _ReadAgain:
    """Where the values of a checked card stand, for the problems its cross-check finds (an
    unknown entity, say): its text is not kept after the check (`Loader._check`), so the card is
    read again (through `files.Workspace`) when the first problem asks. A card written since
    it was read (another stamp) is not trusted for positions: its problems take its first line."""

    __slots__ = ("_loader", "_rel", "_entry", "_doc")

    def __init__(self, loader: Loader, rel: str, entry: _Parsed):
        self._loader, self._rel, self._entry, self._doc = loader, rel, entry, None

    def pos(self, path, *, key: bool = False) -> tuple[int, int]:
        if self._doc is None:
            again = self._loader._read_entry(os.path.join(self._loader.root, self._rel), self._rel)
            same = again.stamp == self._entry.stamp and not again.doc.issues
            self._doc = again.doc if same else Document(line=self._entry.doc.line)
        return self._doc.pos(path, key=key)


class Loader:
    """Loads a workspace, re-parsing only the cards that changed since the last load."""

    def __init__(self, root: str | os.PathLike, *, use_cache: bool = True, reloads: bool = True):
        """`reloads=False`: this loader loads once (a command line's check or export), so what
        only a next load would use is let go as soon as the cards are checked: the source index
        (~30 MB at 100,000 cards), before the checks across cards make their own."""
        self.root = Path(root)
        self.use_cache = use_cache
        self._reloads = reloads
        self._first_load = True
        self._dirty = False
        self._cache: dict[str, _Parsed] = {}
        self._sources_stamp: tuple | None = None
        self._sources = None
        self._index: SourceIndex | None = None
        self._last_fingerprint: int | None = None  # see last_fingerprint
        self._read_of: tuple | None = None  # (paths, stamps, sources stamp, walk problems) of the last assembly
        self._cards_pending = False  # started from the snapshot: the card cache is read when needed
        self._read_key_now: tuple | None = None  # what the last load read (stamps, sources, walk problems)
        self._saved_key: tuple | None = None  # the same, for the snapshot on disk
        self._last_base: FactBase | None = None
        self._local = threading.local()  # each thread its own open workspace (a poll may run beside a load)
        self._stop = None  # a load's stop(), see load()
        self._changed = None  # a load's `changed`, see load()
        self._last_walk: tuple[list, _Walked] | None = None  # the last load's walk, see _walk_again
        self._memo: _Memo | None = None  # what the last assembly found, card by card
        self.prepared: tuple[bool, FactBase | None] = (False, None)  # see prepare_reloads
        self._finish_later = False  # see load
        self._unfinished = None  # what a load with `finish_later` left to `finish()`
        # With `keep_stale` set, a first load that finds the snapshot stale keeps it here:
        # (its key's digest, its fact base), see `read_digest` (the search server's helper
        # updates the stored index of that fact base instead of building one).
        self.keep_stale = False
        self.stale: tuple[bytes, FactBase] | None = None
        # The digest of the key of the last snapshot read (`read_digest` of the load it was saved
        # by): what an index stored of that snapshot's fact base records (store.load_of_snapshot).
        self.early_key: bytes | None = None

    @property
    def last_fingerprint(self) -> int | None:
        """fingerprint() of what the last load read (worked out when first asked: a reload
        after file events never needs it)."""
        if self._last_fingerprint is None and self._read_of is not None:
            paths, stamps, sources_stamp, _ = self._read_of
            self._last_fingerprint = hash((tuple([(path, stamps[rel]) for rel, path, _ in paths]), sources_stamp))
        return self._last_fingerprint

    @last_fingerprint.setter
    def last_fingerprint(self, value: int | None) -> None:
        self._last_fingerprint = value

    @property
    def _read_key(self) -> tuple | None:
        """What the last load read: every card's stamp, the sources' stamp, the walk's problems."""
        if self._read_key_now is None and self._read_of is not None:
            paths, stamps, sources_stamp, walk_problems = self._read_of
            pairs: list[tuple] = []
            for at in range(0, len(paths), 4096):  # (a background preparation's checkpoints between)
                checkpoint()
                pairs += [(rel, stamps[rel]) for rel, _, _ in paths[at:at + 4096]]
            self._read_key_now = (tuple(pairs), sources_stamp, tuple((p.file, p.message) for p in walk_problems))
        return self._read_key_now

    @_read_key.setter
    def _read_key(self, value: tuple | None) -> None:
        self._read_key_now = value
        self._read_of = None

    def _read(self, paths, stamps: dict, sources_stamp, walk_problems) -> None:
        """What an assembly read: last_fingerprint and _read_key are worked out from it when asked."""
        self._read_of = (paths, stamps, sources_stamp, walk_problems)
        self._last_fingerprint = self._read_key_now = None

    def card_paths(self) -> list[tuple[str, str]]:
        """(relative POSIX path, path) of every card under facts/, sorted by relative path."""
        return [(rel, path) for rel, path, _ in self._walk_cards()]

    @property
    def _files(self) -> files.Workspace | None:
        """The open workspace of the load, walk or fingerprint running in this thread."""
        return getattr(self._local, "files", None)

    @_files.setter
    def _files(self, value: files.Workspace | None) -> None:
        self._local.files = value

    @contextlib.contextmanager
    def _workspace(self):
        """The open workspace (`files.Workspace`) that every read of a load goes through."""
        if self._files is not None:
            yield self._files
            return
        try:
            self._files = files.Workspace(self.root)
        except OSError as exc:
            raise WorkspaceError(f"{self.root}: cannot open the workspace folder: {exc.strerror or exc}") from None
        try:
            yield self._files
        finally:
            self._files.close()
            self._files = None

    def _walk_cards(self, stat: bool = True) -> list[tuple[str, str, str | None]]:
        """(relative POSIX path, path, problem) of every card under facts/, sorted.

        `problem` says why a card file must not be read: a link to outside the workspace, a link
        loop, or not a regular file. Links are resolved by `files.Workspace` (never followed by
        the system), links to folders only within the workspace; names starting with `.` are
        skipped. `stat`: see `_walk`.
        """
        with self._workspace() as ws:
            return self._walk(ws, stat)

    @property
    def _walked(self) -> _Walked:
        """What the last walk in this thread found beside the card list."""
        walked = getattr(self._local, "walked", None)
        return walked if walked is not None else _Walked([], {})

    def _walk(self, ws: files.Workspace, stat: bool = True) -> list[tuple[str, str, str | None]]:
        """See `_walk_cards`. Each plain card file's stamp is taken from the folder's listing
        (one `lstat` each) when `stat`; without, when no card is cached to compare it with (a
        first load), its stamp is None until `_parse` opens it and takes its `fstat`'s: one
        system call less per card, and the stamp of exactly what was read."""
        root = os.fspath(self.root)
        in_root = os.path.join(root, "")  # (+ rel: os.path.join(root, rel), a relative path)
        found: list[tuple[str, str, str | None]] = []
        problems: list[Problem] = []
        stamps: dict[str, int] = {}
        stats: dict[str, os.stat_result] = {}
        folders: dict[str, tuple[str, ...]] = {}
        seen_dirs: set[tuple[str, ...]] = set()
        try:
            top = ws.kind(FACTS_DIR)
        except FileError as problem:
            top = "bad"
            what = "is a link to outside the workspace" if problem.kind == "outside" else problem.message
            problems.append(Problem(FACTS_DIR, 1, 1, "error",
                                    f"{FACTS_DIR}/ {what}; no card is read" if problem.kind == "outside" else f"{FACTS_DIR}/: {problem.message}; no card is read"))
        if top == "missing" and os.path.islink(os.path.join(root, FACTS_DIR)):
            problems.append(Problem(FACTS_DIR, 1, 1, "error", f"{FACTS_DIR} is a broken link; no card is read"))
        if top not in ("dir", "missing", "bad"):
            problems.append(Problem(FACTS_DIR, 1, 1, "error", f"{FACTS_DIR} is not a folder; no card is read"))
        stack = [FACTS_DIR] if top == "dir" else []
        while stack:
            rel_folder = stack.pop()
            try:
                stats.clear()
                real, entries = ws.scandir(rel_folder, stats if stat else None)
            except FileError as problem:
                problems.append(Problem(rel_folder, 1, 1, "error", f"cannot read folder: {problem.message}"))
                continue
            if real in seen_dirs:
                continue
            seen_dirs.add(real)
            folders[rel_folder] = real
            for n, (name, listed) in enumerate(entries):
                if not n & 63:
                    checkpoint()
                if hidden_name(name):
                    continue
                kind = listed
                rel = f"{rel_folder}/{name}"
                is_card = name.endswith(CARD_SUFFIXES)
                problem = None
                if is_card and (what := leftover(name)) is not None:
                    problems.append(Problem(rel, 1, 1, "warning", f"not read as a card: {what}"))
                    continue
                if is_card and (why := id_problem(stem := name[: name.rfind(".")])) is not None:
                    problems.append(Problem(rel, 1, 1, "error", id_problem_message("card", stem, why, name[len(stem):])))
                    continue
                if kind == "link":
                    try:
                        kind = ws.kind(rel)
                    except FileError as failure:
                        if failure.kind == "outside":
                            message = f"{'card' if is_card else 'folder or file'} is a link to outside the workspace; not read"
                        elif failure.kind == "loop":
                            message = "link loop (too many links); not read"
                        else:
                            message = f"cannot read: {failure.message}"
                        if not is_card:
                            problems.append(Problem(rel, 1, 1, "error", message))
                            continue
                        kind, problem = "bad", message
                if kind == "dir":
                    if rel.count("/") > MAX_DEPTH:  # (facts/a is 1 deep)
                        problems.append(Problem(rel, 1, 1, "error", f"folder more than {MAX_DEPTH} folders deep inside "
                                                                     f"{FACTS_DIR}/; nothing in it is read"))
                        continue
                    stack.append(rel)
                    continue
                if not is_card:
                    if kind == "file" and name[-4:].lower() in (".yml", "yaml") and name.lower().endswith(CARD_SUFFIXES):
                        problems.append(Problem(rel, 1, 1, "warning", "not read as a card: a card's file name ends in .yaml "
                                                                      "or .yml, in small letters; rename it"))
                    continue
                if problem is None and kind != "file":  # a FIFO would block a read forever; a dangling link
                    problem = "not a regular file (a broken link, a pipe or a device); not read"
                found.append((rel, in_root + rel, problem))
                if not stat:
                    if listed == "file" and problem is None:
                        stamps[rel] = None  # a plain file in a folder just read; stamped when read
                    continue
                st = stats.get(name)
                if st is not None:  # a plain file (not a link) in a folder just read
                    stamps[rel] = _stamp_of(st)
        found.sort()
        self._local.walked = _Walked(problems, stamps, folders)
        self._local.looked_at = None  # (every card was looked at)
        return found

    def _walk_again(self, ws: files.Workspace, changed) -> list[tuple[str, str, str | None]] | None:
        """The last load's walk with only the cards in `changed` (relative paths that file events
        said were written, added or removed) looked at again: one stat each instead of a walk of
        every folder. None when that cannot be sure (no walk to start from, a path that is not a
        card file in a folder walked then, a link, a new folder, many changes): walk everything."""
        last = self._last_walk
        if last is None or len(changed) > MAX_CHANGES_LOOKED_AT:
            return None
        found, walked = last
        stamps = dict(walked.stamps)
        added, removed = [], set()
        root = os.fspath(self.root)
        for rel in changed:
            if rel.startswith(SOURCES_DIR + "/"):
                continue  # the sources' own stamps say whether they changed
            if not rel.startswith(FACTS_DIR + "/"):
                return None  # facts/ itself, or the workspace folder: walk everything
            folder, _, name = rel.rpartition("/")
            if hidden_name(name) or ("/." in folder and any(hidden_name(part) for part in folder.split("/"))):
                continue  # a walk never lists it, nor enters a hidden folder
            if leftover(name) is not None or (name.endswith(CARD_SUFFIXES) and id_problem(card_id_of(name)) is not None):
                return None  # (the walk says what it is)
            parts = walked.folders.get(folder)
            if not name.endswith(CARD_SUFFIXES) and name.lower().endswith(CARD_SUFFIXES):
                return None  # (Card.YAML: the walk says it is not read)
            if not name.endswith(CARD_SUFFIXES):
                if rel in walked.folders or parts is None:
                    return None  # a folder walked then (removed or renamed), or in a new one
                try:
                    st = ws.stat_in(parts, name)
                except FileError:
                    return None
                if st is None or stat_mod.S_ISREG(st.st_mode):
                    continue  # a file that is not a card (notes.txt), or one gone: never read
                return None  # a folder made (or a link to one): walk everything
            if parts is None:
                return None
            if rel not in stamps:
                i = bisect_left(found, (rel,))
                if i < len(found) and found[i][0] == rel:
                    return None  # listed with a problem last time (a link, a pipe): walk again
            try:
                st = ws.stat_in(parts, name)
            except FileError:
                return None
            if st is None:  # removed
                if stamps.pop(rel, None) is not None:
                    removed.add(rel)
            elif stat_mod.S_ISREG(st.st_mode):
                if rel not in stamps:
                    added.append((rel, os.path.join(root, rel), None))
                stamps[rel] = _stamp_of(st)
            else:
                return None  # a link, a folder, a pipe: the full walk says what it is
        self._local.looked_at = {rel for rel in changed if rel.startswith(FACTS_DIR + "/")}
        if removed:
            found = [item for item in found if item[0] not in removed]
        if added:
            found = found.copy() if not removed else found
            for item in added:
                bisect.insort(found, item)
        self._local.walked = _Walked(walked.problems, stamps, walked.folders)
        return found

    def _stamp(self, rel: str) -> int | tuple:
        """A card's stamp: as the walk saw it, or looked up now (a link, say)."""
        stamp = self._walked.stamps.get(rel)
        return stamp if stamp is not None else _card_stamp(self._files, rel)

    def fingerprint(self) -> int:
        """A number that changes when any card or source is added, removed, or written. A load
        leaves the one of what it read in `last_fingerprint`: the same number while nothing
        changes."""
        with self._workspace() as ws:
            cards = tuple((path, self._stamp(rel)) for rel, path, _ in self._walk(ws))
            return hash((cards, self._sources_stamp_now(ws)))

    def unchanged(self) -> bool:
        """Whether every card and source has the stamp (size, modification and change times,
        inode) it had when the last load read it, and the walk finds the same cards with the same
        problems: then what that load made is what the workspace holds now. One walk and one
        stat per card; the loader's own state (its last walk) is left as it was."""
        key = self._read_key
        if key is None:
            return False
        local = self._local
        kept = getattr(local, "walked", None), getattr(local, "looked_at", None)
        try:
            with self._workspace() as ws:
                paths = self._walk(ws)
                cards = tuple([(rel, self._stamp(rel)) for rel, _, _ in paths])
                now = (cards, self._sources_stamp_now(ws), tuple((p.file, p.message) for p in self._walked.problems))
        except WorkspaceError:
            return False
        finally:
            local.walked, local.looked_at = kept
        return now == key

    def load(self, progress=None, *, save: bool = True, stop=None, changed=None, early=None,
             finish_later: bool = False) -> FactBase:
        """Load and check the workspace. `progress(done, total)` is called now and then, if given.

        `changed`, if given, is what file events said changed since the last load of this loader
        (paths relative to the workspace, POSIX style): only those cards are looked at again
        instead of every card's stamp (see `_walk_again`).

        `stop()`, if given, is asked before every card read: when
        it returns True the load ends at once with `LoadCancelled` (quitting the app mid-load).

        With `save=False` the on-disk card cache is not written here: call `save_cache()` once
        the fact base is in use (writing 30,000 cards takes about half a second).

        `early(base)`, if given, is called on a first load with the fact base of the card cache's
        snapshot as soon as it is read, before the walk that decides whether it still holds (one
        stat per card: about as long again at 30,000 cards), so a screen can show it meanwhile.
        The load then returns that very object when nothing changed, or a freshly checked one.

        `finish_later=True` (with `save=False`): a load that checks every card returns its fact
        base before working out what neither its cards nor its errors depend on: the warnings
        across cards (one thing carded twice, quotes in several sources; its `problems` are
        unsorted until then). `finish()` does that; so does the next `load`,
        `save_cache` or `prepare_reloads`. A cold `factex search` answers from the cards, and
        its child finishes the fact base before storing it."""
        # Loading allocates many small objects that all stay alive; the cyclic garbage collector
        # would walk that growing heap again and again (3x slower on 30,000 cards). Nothing here
        # makes cycles worth collecting, so pause it for the duration.
        was_enabled = gc.isenabled()
        gc.disable()
        self.finish()
        self._stop = stop
        self._changed = changed
        self._early = early
        self._finish_later = finish_later and not save
        try:
            base = self._load(progress)
            if save:
                self.save_cache()
            return base
        finally:
            self._finish_later = False
            if was_enabled:
                gc.enable()

    def finish(self) -> None:
        """Finish the fact base of a load made with `finish_later` (nothing when none waits)."""
        unfinished, self._unfinished = self._unfinished, None
        if unfinished is not None:
            was_enabled = gc.isenabled()
            gc.disable()
            try:
                unfinished()
            finally:
                if was_enabled:
                    gc.enable()

    def forget(self, rels) -> None:
        """Read these files again at the next load even if their stamps look unchanged: file
        events said they were written, and on a coarse file clock a second write of the same size
        can keep the first one's stamp (relative POSIX paths; any path under seeds/ has the
        sources read again). Used by the search server, which must never answer from before an
        edit."""
        if self._cards_pending:
            self.warm()  # (else the card cache read later would put the old entries back)
        for rel in rels:
            if rel.startswith(SOURCES_DIR + "/"):
                self._sources_stamp = None
            else:
                self._cache.pop(rel, None)

    def save_cache(self) -> None:
        """Write the on-disk card cache, and the snapshot of the fact base, if the last load
        changed them."""
        from explorer.core.loading import cache

        self.finish()
        snapshot_stale = self._read_key is not None and self._read_key != self._saved_key and self._last_base is not None
        if (self._dirty or snapshot_stale) and self.use_cache:
            was_enabled = gc.isenabled()
            gc.disable()  # (pickling tens of thousands of objects: no cycles to look for)
            try:
                if self._dirty:
                    cache.save(self.root, self._cache)
                if snapshot_stale:
                    cache.save_snapshot(self.root, self._snapshot(self._last_base))
                    self._saved_key = self._read_key
            finally:
                if was_enabled:
                    gc.enable()
        self._dirty = False
        self._last_base = None

    def warm(self) -> None:
        """Read the card cache now if a start from the snapshot left it unread, so the first
        reload after an edit re-checks only what changed without waiting for it."""
        from explorer.core.loading import cache

        if self._cards_pending:
            self._cards_pending = False
            was_enabled = gc.isenabled()
            gc.disable()
            try:
                cards = cache.load(self.root) or {}
            finally:
                if was_enabled:
                    gc.enable()
            setdefault = self._cache.setdefault
            for n, (rel, entry) in enumerate(cards.items()):
                if not n & 1023:
                    checkpoint()
                setdefault(rel, entry)

    def prepare_reloads(self, progress=None) -> FactBase | None:
        """Make the first reload after an edit as quick as the ones after it: read the card
        cache (`warm`), work out once what a reload after a few changed cards starts from (a
        start from the snapshot has not), and index the sources for anchoring the changed
        cards' quotes. About a second of CPU at 30,000 cards, best spent while nothing happens
        (the app calls it in the background after the first screen). Returns the fact base
        the next reload will start from when it had to be made and equals the last one loaded
        (the same stamps read), else None.

        Also left in `prepared`: (whether every card was walked and stamped here, the fact base
        made here when it differs from the last one loaded, else None). A caller that watches the
        files with events started before this call then knows what is on disk: the walk's
        result, and the events since. `progress(done, total)` is called every few hundred cards.
        Every part of it (the cache read, the walk, the assembly, the sources' index) reaches a
        `checkpoint()` every few milliseconds: the app runs it `pausing` while the user types."""
        from explorer.core.anchoring.anchor import SourceIndex

        self.finish()
        self.warm()
        made = None
        walked, differs = False, None
        if self._memo is None or self._memo.base is None:
            before = self._read_key
            checkpoint()
            was_enabled = gc.isenabled()
            gc.disable()
            try:
                with self._workspace():
                    self._changed = None  # (every card walked and stamped: what is there now)
                    made = self._assemble(progress)
                    walked = True
            finally:
                if was_enabled:
                    gc.enable()
            checkpoint()
            if before is None or self._read_key != before:
                differs, made = made, None  # (something changed since the last load)
            checkpoint()
        if self._index is None and self._sources is not None and self._sources.sources:
            self._index = SourceIndex(list(self._sources.sources.values()))
        if self._memo is not None and self._memo.base is not None:
            self._derive(self._memo)
        self.prepared = (walked, differs)
        # The fact base the next reload starts from, when it holds exactly what the last load
        # gave (read from the same stamps): its caller can take it in place of that one, so
        # the reload changes only the cards that changed (not every card object).
        return made

    def _load(self, progress) -> FactBase:
        with self._workspace():  # every read of the load goes through files.Workspace
            return self._load_in_workspace(progress)

    def _load_in_workspace(self, progress) -> FactBase:
        from explorer.core.loading import cache

        if self._first_load:
            self._first_load = False
            if self.use_cache:
                base = self._from_snapshot(progress, self._early)
                if base is not None:
                    return base
                self._cache = cache.load(self.root) or {}
        elif self._cards_pending:
            self.warm()
        self._dirty = False
        base = self._assemble(progress)
        self._last_base = base
        return base

    # -- the snapshot: an unchanged workspace starts from its last checked fact base -----------

    _BASE_FIELDS = ("entities", "relations", "problems", "card_files", "flawed", "by_entity")

    def read_digest(self) -> bytes | None:
        """The digest of what the last load read (every card's stamp, the sources', the walk's
        problems): the key its snapshot is stored under. An index stored with it is the index
        of that snapshot's fact base (see `stale`)."""
        return _key_digest(self._read_key)

    def _snapshot(self, base: FactBase) -> dict:
        return {"key": _key_digest(self._read_key), "sources": self._sources,
                "base": {name: getattr(base, name) for name in self._BASE_FIELDS}}

    def _from_snapshot(self, progress, early=None) -> FactBase | None:
        """The fact base of the last load, when every card and source has the same stamp (size,
        modification and change times, inode) as then; None otherwise. Nothing is parsed, checked
        or anchored: walking the folders and one stat per card decide. `early`: see `load`."""
        from explorer.core.loading import cache

        snapshot = cache.load_snapshot(self.root)
        if snapshot is None:
            return None
        try:
            sources, fields = snapshot["sources"], snapshot["base"]
            base = FactBase(self.root, sources.sources, **{name: fields[name] for name in self._BASE_FIELDS})
            stored_key = snapshot["key"]
        except (KeyError, TypeError, AttributeError):
            return None
        del snapshot
        self.early_key = stored_key if isinstance(stored_key, bytes) else None
        if early is not None:
            early(base)
        paths = self._walk_cards()
        self._last_walk = (paths, self._walked)
        total = len(paths)
        stamps = []
        for done, (rel, path, _) in enumerate(paths):
            if not done & 255:
                checkpoint()
            if progress is not None and done % 2000 == 0:
                progress(done * total // (2 * total or 1), total)
            stamps.append((rel, self._stamp(rel)))
        sources_stamp = self._sources_stamp_now(self._files)
        key = (tuple(stamps), sources_stamp, tuple((p.file, p.message) for p in self._walked.problems))
        if sources_stamp is None or stored_key != _key_digest(key):
            if self.keep_stale and isinstance(stored_key, bytes):
                self.stale = (stored_key, base)
            return None
        self._sources, self._sources_stamp = sources, sources_stamp
        self._read_key = self._saved_key = key
        self._cards_pending = True
        # the same number fingerprint() gives while nothing changes
        self.last_fingerprint = hash((tuple((path, stamp) for (_, path, _), (_, stamp) in zip(paths, stamps)), sources_stamp))
        if progress is not None:
            progress(total, total)
        return base

    def _assemble(self, progress) -> FactBase:
        _import_checking()
        base = FactBase(self.root)
        src = self._read_sources()
        base.sources = src.sources
        problems = base.problems
        problems.extend(src.problems)

        sources_all = list(base.sources.values())
        if self._index is not None and self._index.sources != sources_all:
            self._index = None

        def index() -> SourceIndex:
            # Built only when a card needs anchoring: not at all when every card is cached.
            if self._index is None:
                self._index = SourceIndex(sources_all)
            return self._index

        sources_key = _sources_key(sources_all)

        cards: list[tuple[Entity | Relation, Issues, str]] = []
        id_files: dict[str, list[str]] = {}  # see _Derived.id_files
        card_files: dict[str, str] = {}  # id, as its file spells it -> its first file
        broken: set[str] = set()  # ids whose card could not be read or validated at all
        unanchored = 0  # cards whose quotes had no source to be looked for in
        paths = self._walk_again(self._files, self._changed) if self._changed is not None else None
        if paths is None:
            # Nothing cached (a first load): no stamp to compare, so the walk takes none; each
            # card's is its fstat's when it is read.
            paths = self._walk_cards(stat=bool(self._cache))
        self._last_walk = (paths, self._walked)
        total = len(paths)
        context = (sources_key, base.sources, sources_all, index)
        if self._memo is not None and self._memo.base is not None and self._memo.sources_key == sources_key and sources_all:
            fast = self._assemble_changed(base, src.problems, paths, context)
            if fast is not None:
                if progress is not None:
                    progress(total, total)
                return fast
        problems.extend(self._walked.problems)
        if progress is not None:
            progress = _forward_only(progress)
        # What each card was last time (see _Memo): the ids of the cards that changed since are
        # the only ones whose standing (valid, broken, duplicated, an entity) may have changed.
        memo = self._memo if self._memo is not None and self._memo.sources_key == sources_key else _Memo(sources_key)
        last_results = memo.results
        results: dict[str, object] = {}
        changed_ids: set[str] = set()
        entities_changed = False  # an entity card (or one that may be) changed, came or went
        cache = self._cache
        walk_stamps = self._walked.stamps
        stop = self._stop
        card_stamps: list[tuple] = []  # each card's stamp, in the order of `paths`
        ready: dict[str, _Parsed] = {}
        for done, (rel, path, unreadable) in enumerate(paths):
            if done % 500 == 0 and progress is not None:
                progress(done, total)
            if not done & 63:
                checkpoint()
            if done % _CHUNK == 0:
                ready = self._prepare(paths[done:done + _CHUNK], context)
            name = rel[rel.rfind("/") + 1:]
            # (card_id_of, inlined: this loop sees every card; interned, as the ids cards name are)
            card_id = sys.intern(name[: name.rfind(".")])
            key = id_key(card_id)
            same_id = id_files.get(key)
            if same_id is None:
                id_files[key] = [rel]
                card_files[card_id] = rel
            else:
                same_id.append(rel)
                card_files.setdefault(card_id, rel)
            entry = ready.get(rel)  # (read just now by _prepare, or not to be read)
            if entry is None:
                entry = cache.get(rel)
                if entry is not None and entry.sources_key is not None and entry.sources_key != sources_key:
                    del cache[rel]  # checked against other sources, and its text is not kept: read it again
                    entry = None
                if unreadable or entry is None or entry.stamp != walk_stamps.get(rel, _NO_STAMP):
                    # A card to read (or to say why not): the load may be stopped before each one.
                    if stop is not None and stop():
                        raise LoadCancelled
                    if unreadable:
                        card_stamps.append(self._stamp(rel))
                        problems.append(Problem(rel, 1, 1, "error", unreadable, card_id))
                        broken.add(card_id)
                        result = results[rel] = unreadable
                        entry = None
                    else:
                        entry = self._parse(path, rel)
            if entry is not None:
                card_stamps.append(entry.stamp)
                doc = entry.doc
                if doc.issues:
                    for issue in doc.issues:
                        problems.append(issue.at(rel, card_id))
                    broken.add(card_id)
                    result = results[rel] = doc
                else:
                    if entry.checked is None or entry.sources_key != sources_key:
                        self._check(entry, rel, card_id, context)
                    # Unchanged card, unchanged sources: its validation and anchors still hold.
                    result = results[rel] = entry.checked
            last = last_results.get(rel)
            if last is not result and not (last.__class__ is str and last == result):
                changed_ids.add(card_id)
                entities_changed = entities_changed or not (_is_relation(last) and _is_relation(result))
            if result.__class__ is not tuple:
                continue
            card, items = result
            if not sources_all:  # no source at all: said once for the workspace, not per quote
                items = [item for item in items if item.message != NO_SOURCE]
                if card is not None and card.evidence:
                    unanchored += 1
            if card is None:
                broken.add(card_id)
                for item in items:
                    problems.append(item.at(rel, card_id))
            else:
                cards.append((card, items, rel))
        went = False  # a card gone since
        for rel in last_results.keys() - results.keys():
            went = True
            changed_ids.add(card_id_of(rel))
            entities_changed = entities_changed or not _is_relation(last_results[rel])
        if last_results:  # (a reload: on a first load every card is new and every check is made)
            changed_ids = _with_same_keys(changed_ids, id_files)
        checkpoint()  # (here and below: between two passes over every card)
        entity_cards = {c.id for c, _, _ in cards if c.__class__ is Entity}
        # A relation card added with an entity's id, say, makes that entity a duplicate.
        entities_changed = entities_changed or not changed_ids.isdisjoint(entity_cards | memo.entity_cards)
        checkpoint()
        rels = [rel for rel, _, _ in paths]
        checkpoint()
        card_stamps = dict(zip(rels, card_stamps))
        self._read(paths, card_stamps, self._sources_stamp, self._walked.problems)
        checkpoint()
        for stale in cache.keys() - results.keys():
            del cache[stale]
            self._dirty = True
        checkpoint()
        if not self._reloads:
            self._index = None  # (every quote is anchored; see __init__)

        # Duplicate ids (ids that differ only in case or normal form are one): one error for
        # each file after the first, naming the first.
        duplicated = _duplicated(id_files)
        if duplicated:
            for key in sorted({id_key(cid) for cid in duplicated}):
                problems.extend(_duplicate_errors(key, id_files[key], results))
        base.card_files = card_files
        checkpoint()

        entity_ids = entity_cards - duplicated
        # Entities that will be usable: no errors of their own.
        good_entities = {c.id for c, items, _ in cards if c.__class__ is Entity and not _has_errors(items)} - duplicated
        checkpoint()
        all_ids = id_files
        names: list[EntityNames] = []  # built on first need: which entity an unknown id meant

        guessed: list[bool] = []

        def guess(value: str | None) -> str:
            guessed.append(True)
            if value is None:  # (only marked: the check depends on every id)
                return ""
            if not names:
                names.append(EntityNames((c.id, c.name, c.aliases, len(c.evidence)) for c, _, _ in cards
                                         if isinstance(c, Entity) and c.id in entity_ids))
            return names[0].did_you_mean(value)

        # A relation's cross-check depends on the relation and on the standing of the ids it
        # names (and, for "did you mean", on every entity): it is done again only when one of
        # those changed, else last time's findings are taken (see _Memo).
        checks: dict[str, tuple] = {}
        last_checks = memo.checks
        for i, (card, items, rel) in enumerate(cards):
            if not i & 63:
                checkpoint()
            if card.__class__ is not Relation:
                continue
            last = last_checks.get(rel)
            if (last is not None and last[0] is card and not (last[2] and (entities_changed or went))
                    and card.subject not in changed_ids and card.object not in changed_ids
                    and card.attribution not in changed_ids):
                checks[rel] = last
                found = last[1]
            elif _clean_relation(card, good_entities):
                checks[rel] = (card, (), False)  # (what _check_relation finds of it: nothing)
                continue
            else:
                issues = Issues(_ReadAgain(self, rel, cache[rel]))
                issues.items = list(items)  # (what the card has already counts toward its cap)
                guessed.clear()
                self._check_relation(card, issues, entity_ids, good_entities, all_ids, broken, base, id_files, guess)
                found = tuple(issues.items[len(items):])  # (mostly empty: the one empty tuple, not a list a card)
                checks[rel] = (card, found, bool(guessed))
            if found:
                cards[i] = (card, [*items, *found], rel)
        for i, (card, items, rel) in enumerate(cards):
            if not i & 255:
                checkpoint()
            if items:
                for item in items:
                    problems.append(item.at(rel, card.id))
                if _has_errors(items) or any(p.severity == "note" for p in items):
                    if sources_all and card.id not in duplicated and flawed_card(card, items):
                        base.flawed[card.id] = card
                    continue  # (a note: held back by a card it names, see FactBase.held_back)
            if card.id in duplicated or not sources_all:
                continue
            if card.__class__ is Entity:
                base.entities[card.id] = card
            else:
                base.relations[card.id] = card
        def finish() -> None:
            # What neither the cards nor their errors depend on: the warnings across cards, the
            # memo a reload starts from (each entity's relations are worked out when first
            # asked: FactBase.by_entity).
            # One real thing carded twice: entities sharing a name or alias (explorer.core.loading.corpus).
            if entities_changed or memo.same_things is None:
                same_things = SameThings(self.root, list(base.entities.values()))
            else:
                same_things = memo.same_things
            checkpoint()
            problems.extend(same_things.problems)
            # Quotes in several sources (a revision of an article): one warning per set of sources.
            overlap = overlap_warnings(base)
            checkpoint()
            problems.extend(overlap)
            self._memo = _Memo(sources_key, results, checks, entity_cards, same_things, base if sources_all else None,
                               overlap, paths, card_stamps)
            problems.sort(key=lambda p: p.sort_key)
            checkpoint()

        if self._finish_later and sources_all:
            self._unfinished = finish  # (see load's `finish_later`)
        else:
            finish()
        if not sources_all:  # the one cause of every quote going unchecked: said first
            folder = self.root / SOURCES_DIR
            refused = _refused_sources(src.problems)
            why = refused or (f"{SOURCES_DIR}/ holds no source (a .txt or .md article)" if folder.is_dir()
                              else f"no {SOURCES_DIR}/ folder")
            cards_told = f"the quotes of {unanchored:,} card{'s' if unanchored != 1 else ''} have" if unanchored else "quotes have"
            todo = "the error at each says what to do" if refused else f"put the articles in {SOURCES_DIR}/"
            if total:  # cards that cannot load: the error, said once and first
                problems.insert(0, Problem(SOURCES_DIR, 1, 1, "error", f"{why}: {cards_told} nothing to be checked against, "
                                                                       f"so no card loads; {todo}"))
            else:  # a new, empty workspace is not broken: say what comes next
                problems.insert(0, Problem(SOURCES_DIR, 1, 1, "warning", f"{why}{'' if refused else ' yet'}; {todo}"))
        if progress is not None:
            progress(total, total)
        return base

    # -- a reload that changed few cards -----------------------------------------------------------

    def _derive(self, memo: _Memo) -> _Derived:
        """What the full assembly that made `memo` worked out about each card (see _Derived)."""
        if memo.derived is not None:
            return memo.derived
        stamps = memo.stamps if isinstance(memo.stamps, dict) else dict(zip([r for r, _, _ in memo.paths], memo.stamps))
        checkpoint()
        id_files: dict[str, list[str]] = {}
        for n, (rel, _, _) in enumerate(memo.paths):
            if not n & 255:
                checkpoint()
            id_files.setdefault(id_key(card_id_of(rel)), []).append(rel)
        own: dict[str, list[Problem]] = {}
        broken: set[str] = set()
        entity_ids: set[str] = set()
        good: set[str] = set()
        for n, (rel, result) in enumerate(memo.results.items()):
            if not n & 255:
                checkpoint()
            check = memo.checks.get(rel)
            got, is_broken = _card_problems(rel, result, check[1] if check is not None else ())
            if got:
                own[rel] = got
            cid = card_id_of(rel)
            if is_broken:
                broken.add(cid)
            elif result[0].__class__ is Entity:
                entity_ids.add(cid)
                if not _has_errors(result[1]):
                    good.add(cid)
        checkpoint()
        duplicated = _duplicated(id_files)
        checkpoint()
        naming: dict[str, set[str]] = {}
        guessed: set[str] = set()
        for n, (rel, (card, _, asked)) in enumerate(memo.checks.items()):
            if not n & 255:
                checkpoint()
            for value in {card.subject, card.object, card.attribution}:
                if value:
                    naming.setdefault(value, set()).add(rel)
            if asked:
                guessed.add(rel)
        derived = _Derived(stamps, id_files, own, {}, broken, duplicated, entity_ids - duplicated,
                           good - duplicated, naming, guessed)
        for key, files_ in id_files.items():
            if len(files_) > 1:
                derived.dups[key] = _duplicate_errors(key, files_, memo.results)
        walk_stamps = self._walked.stamps
        special = derived.special = set()
        paths = memo.paths
        for at in range(0, len(paths), 2048):
            checkpoint()
            special.update(rel for rel, _, problem in paths[at:at + 2048]
                           if problem or walk_stamps.get(rel, _NO_STAMP) != stamps.get(rel))
        memo.derived = derived
        return derived

    def _assemble_changed(self, base: FactBase, source_problems, paths, context) -> FactBase | None:
        """The fact base of the last assembly with only the cards whose stamps changed (and
        those a change can touch) looked at again: work in proportion to what changed, not to
        the workspace. The result is the one a full assembly gives (tests/test_incremental.py).
        None: a full assembly is needed."""
        from explorer.core.cardformat.cards import EntityNames, Issues

        sources_key = context[0]
        memo = self._memo
        last = memo.base
        old = self._derive(memo)
        walk_stamps = self._walked.stamps
        old_stamps = old.stamps
        cache = self._cache
        stop = self._stop
        # the cards to look at: added, written (another stamp), or not plain files (links);
        # after a walk of only what file events named (`_walk_again`), just those
        looked_at = getattr(self._local, "looked_at", None)
        if looked_at is None:
            look = [item for item in paths if item[2] or old_stamps.get(item[0]) is None
                    or old_stamps[item[0]] != walk_stamps.get(item[0], _NO_STAMP)]
        else:
            look = []
            for rel in sorted(looked_at | old.special):
                i = bisect_left(paths, (rel,))
                if i < len(paths) and paths[i][0] == rel:
                    look.append(paths[i])
        added = sum(1 for rel, _, _ in look if rel not in old_stamps)
        removed: set[str] = set()
        if len(paths) - added != len(old_stamps):
            if looked_at is None:
                removed = old_stamps.keys() - {rel for rel, _, _ in paths}
            else:
                present = {rel for rel, _, _ in look}
                removed = {rel for rel in looked_at | old.special if rel in old_stamps and rel not in present}
        results = dict(memo.results)
        stamps = dict(old_stamps)
        last_results = memo.results
        changed_ids: set[str] = set()
        entities_changed = False
        for rel, path, unreadable in look:
            if stop is not None and stop():
                raise LoadCancelled
            card_id = card_id_of(rel)
            entry = cache.get(rel)
            if entry is not None and entry.sources_key is not None and entry.sources_key != sources_key:
                del cache[rel]  # checked against other sources, and its text is not kept: read it again
                entry = None
            if unreadable:
                stamps[rel] = self._stamp(rel)
                result = unreadable
            else:
                if entry is None or entry.stamp != walk_stamps.get(rel, _NO_STAMP):
                    entry = self._parse(path, rel)
                stamps[rel] = entry.stamp
                if entry.doc.issues:
                    result = entry.doc
                else:
                    if entry.checked is None or entry.sources_key != sources_key:
                        self._check(entry, rel, card_id, context)
                    result = entry.checked
            results[rel] = result
            prev = last_results.get(rel)
            if prev is not result and not (prev.__class__ is str and prev == result):
                changed_ids.add(card_id)
                entities_changed = entities_changed or not (_is_relation(prev) and _is_relation(result))
        # A reload after file events that changed nothing since the last assembly (events for a
        # card the last load already read, an editor's swap file): every card looked at has the
        # stamp and result it had, none came or went, the sources and the walk's problems are
        # the same. That fact base is what the workspace holds: return that very object (a
        # caller can tell nothing changed: nothing redrawn or announced), its read key as it was.
        # (A reload asked for without events, after the editor closed, gives a fresh one.)
        read_of = self._read_of
        if (self._changed is not None and not changed_ids and not added and not removed and read_of is not None and base.sources is last.sources
                and (self._walked.problems is read_of[3] or list(self._walked.problems) == list(read_of[3]))
                and all(stamps[rel] == old_stamps.get(rel, _NO_STAMP) for rel, _, _ in look)):
            return last
        for rel in removed:
            del results[rel]
            del stamps[rel]
            changed_ids.add(card_id_of(rel))
            entities_changed = entities_changed or not _is_relation(last_results[rel])
            if cache.pop(rel, None) is not None:
                self._dirty = True
        looked = {rel for rel, _, _ in look if results[rel] is not last_results.get(rel)} | removed

        # ids: their files, and whether each is duplicated, broken, an entity, a good one
        id_files = old.id_files
        touched = {id_key(card_id_of(rel)) for rel in looked}  # (keys: see _Derived.id_files)
        if added or removed:
            id_files = dict(id_files)
            for rel, _, _ in look:
                if rel not in old_stamps:
                    key = id_key(card_id_of(rel))
                    files_ = id_files.get(key)
                    id_files[key] = sorted([*files_, rel]) if files_ else [rel]
            for rel in removed:
                key = id_key(card_id_of(rel))
                rest = [f for f in id_files[key] if f != rel]
                if rest:
                    id_files[key] = rest
                else:
                    del id_files[key]
        # every spelling of a touched key, before and after
        spellings = {card_id_of(f) for key in touched for files_ in (old.id_files.get(key, ()), id_files.get(key, ()))
                     for f in files_}
        changed_ids |= spellings | touched
        duplicated, broken = set(old.duplicated), set(old.broken)
        entity_ids, good_entities = set(old.entity_ids), set(old.good_entities)
        entity_cards = set(memo.entity_cards)
        for cid in spellings:
            duplicated.discard(cid), broken.discard(cid), entity_ids.discard(cid), good_entities.discard(cid)
            entity_cards.discard(cid)
        for key in touched:
            files_ = id_files.get(key, ())
            for rel in files_:
                cid = card_id_of(rel)
                if len(files_) > 1:
                    duplicated.add(cid)
                result = results[rel]
                if result.__class__ is not tuple or result[0] is None:
                    broken.add(cid)
                elif result[0].__class__ is Entity:
                    entity_cards.add(cid)
                    if len(files_) == 1:
                        entity_ids.add(cid)
                        if not _has_errors(result[1]):
                            good_entities.add(cid)
        entities_changed = entities_changed or not changed_ids.isdisjoint(entity_cards | memo.entity_cards)
        card_files = base.card_files = dict(last.card_files)
        for cid in spellings:
            card_files.pop(cid, None)
        for key in touched:
            for rel in id_files.get(key, ()):
                card_files.setdefault(card_id_of(rel), rel)

        # relations to check again: those looked at, those naming a changed id, and (when an
        # entity changed) those whose check asked "did you mean"
        naming = old.naming
        guessed = set(old.guessed)
        recheck = {rel for rel in looked if rel in results and _is_relation(results[rel])}
        for cid in changed_ids:
            recheck.update(naming.get(cid, ()))
        if entities_changed or removed:
            recheck.update(guessed)
        checks = dict(memo.checks)
        naming = dict(naming)
        for rel in looked:
            before = memo.checks.get(rel)
            if before is not None:
                card = before[0]
                for value in {card.subject, card.object, card.attribution}:
                    if value and rel in naming.get(value, ()):
                        naming[value] = naming[value] - {rel}
                        if not naming[value]:
                            del naming[value]
                checks.pop(rel, None)
                guessed.discard(rel)
        names: list[EntityNames] = []
        asked: list[bool] = []

        def guess(value: str | None) -> str:
            asked.append(True)
            if value is None:  # (only marked: the check depends on every id)
                return ""
            if not names:
                names.append(EntityNames((r[0].id, r[0].name, r[0].aliases, len(r[0].evidence))
                                         for r in (results[rel] for rel, _, _ in paths)
                                         if r.__class__ is tuple and r[0].__class__ is Entity and r[0].id in entity_ids))
            return names[0].did_you_mean(value)

        for rel in sorted(recheck):
            result = results.get(rel)
            if not _is_relation(result):
                continue
            card, items = result
            issues = Issues(_ReadAgain(self, rel, cache[rel]))
            issues.items = list(items)
            asked.clear()
            self._check_relation(card, issues, entity_ids, good_entities, id_files, broken, base, id_files, guess)
            checks[rel] = (card, tuple(issues.items[len(items):]), bool(asked))
            guessed.discard(rel)
            if asked:
                guessed.add(rel)
            if rel in looked:
                for value in {card.subject, card.object, card.attribution}:
                    if value:
                        naming[value] = naming.get(value, frozenset()) | {rel}

        # each affected card's problems, and whether it is in the fact base
        affected = looked | recheck
        for key in touched:
            affected.update(id_files.get(key, ()))
        own = dict(old.own)
        dups = dict(old.dups)
        for key in touched:
            dups.pop(key, None)
            if len(id_files.get(key, ())) > 1:
                dups[key] = _duplicate_errors(key, id_files[key], results)
        # the cards of the fact base: each affected card leaves it, stays (replaced in place,
        # keeping the order) or comes in
        entities, relations = dict(last.entities), dict(last.relations)
        incoming: dict[tuple[bool, str], Entity | Relation] = {}
        flawed = {cid: card for cid, card in last.flawed.items() if card.file not in affected}
        for rel in affected:
            result = results.get(rel)
            if result is None:
                own.pop(rel, None)
                continue
            check = checks.get(rel)
            got, _ = _card_problems(rel, result, check[1] if check is not None else ())
            if got:
                own[rel] = got
            else:
                own.pop(rel, None)
            card = result[0] if result.__class__ is tuple else None
            if card is not None and card.id not in duplicated and not any(p.severity in ("error", "note") for p in got):
                incoming[(card.__class__ is Entity, card.id)] = card
            elif card is not None and card.id not in duplicated and flawed_card(card, got):
                flawed[card.id] = card
        leaving: list = []  # cards that left (or were replaced): for by_entity and the warnings below
        entering: list = []  # cards that came in (or replaced one)
        reorder = False
        for rel in affected:
            was = last_results.get(rel)
            if was.__class__ is tuple and was[0] is not None:
                card = was[0]
                is_entity = card.__class__ is Entity
                home = entities if is_entity else relations
                if home.get(card.id) is card:
                    new_card = incoming.pop((is_entity, card.id), None)
                    if new_card is card:
                        continue  # the same card, still in
                    leaving.append(card)
                    if new_card is not None:
                        home[card.id] = new_card  # (in place: the order stays, unless it moved to another file)
                        entering.append(new_card)
                        reorder = reorder or new_card.file != card.file
                    else:
                        del home[card.id]
        for key, card in incoming.items():
            entering.append(card)
            home = entities if key[0] else relations
            if card.id not in home:
                reorder = True
            home[card.id] = card
        if reorder:  # (a fresh load lists cards in path order)
            entities = dict(sorted(entities.items(), key=lambda kv: kv[1].file))
            relations = dict(sorted(relations.items(), key=lambda kv: kv[1].file))
        base.entities, base.relations = entities, relations
        base.flawed = flawed

        if last._by_entity is not None:  # (else this one too is worked out when first asked)
            by_entity = dict(last.by_entity)
            left = {id(c) for c in leaving}
            moved = [c for c in (*leaving, *entering) if c.__class__ is Relation]
            for eid in {e for c in moved for e in (c.subject, c.object)}:
                mine = [r for r in by_entity.get(eid, ()) if id(r) not in left]
                mine += [c for c in entering if c.__class__ is Relation and eid in (c.subject, c.object)]
                if mine:
                    mine.sort(key=_article_order)
                    by_entity[eid] = mine
                else:
                    by_entity.pop(eid, None)
            base.by_entity = by_entity

        # "one real thing carded twice": worked out again only for the entities that came, went
        # or changed (corpus.SameThings: the pairs sharing one of their names, their same_as groups)
        same_things = memo.same_things
        if same_things is None:
            same_things = SameThings(self.root, list(entities.values()))
        else:
            same_things = same_things.changed([c for c in leaving if c.__class__ is Entity],
                                              [c for c in entering if c.__class__ is Entity])
        if any(ev.resolved == "earliest" for c in (*leaving, *entering) for ev in c.evidence):
            from explorer.core.loading.corpus import overlap_warnings

            overlap = overlap_warnings(base)
        else:
            overlap = memo.overlap
        problems = [*source_problems, *self._walked.problems]
        for got in own.values():
            problems += got
        for got in dups.values():
            problems += got
        problems += same_things.problems
        problems += overlap
        problems.sort(key=lambda p: p.sort_key)
        base.problems = problems

        special = set(old.special)
        for rel, _, problem in look:
            if problem or walk_stamps.get(rel, _NO_STAMP) != stamps[rel]:
                special.add(rel)
            else:
                special.discard(rel)
        special -= removed
        self._read(paths, stamps, self._sources_stamp, self._walked.problems)
        self._memo = _Memo(sources_key, results, checks, entity_cards, same_things, base, overlap, paths, stamps,
                           _Derived(stamps, id_files, own, dups, broken, duplicated, entity_ids, good_entities,
                                    naming, guessed, special))
        return base

    # -- steps ---------------------------------------------------------------------------------

    def _sources_stamp_now(self, ws: files.Workspace | None = None) -> tuple | None:
        """Name, size, times and inode of every file in seeds/ (None: it cannot be read)."""
        if ws is None:
            with self._workspace() as ws:
                return self._sources_stamp_now(ws)
        try:
            if ws.kind(SOURCES_DIR) != "dir":
                return ()
            _, entries = ws.scandir(SOURCES_DIR)
            stamps = []
            for name, _ in sorted(entries):
                try:
                    st = ws.lstat(f"{SOURCES_DIR}/{name}")
                    stamps.append((name, st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns))
                except FileError as problem:
                    stamps.append((name, problem.kind))
            return tuple(stamps)
        except FileError:
            return None

    def _read_sources(self):
        with self._workspace() as ws:
            stamp = self._sources_stamp_now(ws)
            if stamp is not None and stamp == self._sources_stamp and self._sources is not None:
                return self._sources
            self._sources = read_sources(self.root, ws=ws)
            self._sources_stamp = stamp
            return self._sources

    def _parse(self, path: str, rel: str, *, parse: bool = True) -> _Parsed:
        """The card's entry: the cached one when its stamp is unchanged, else read now (and
        cached). With `parse=False` a card read is neither parsed nor cached yet: its Document
        holds its text (or why it could not be read) until `_parsed()` finishes it."""
        walked = self._walked
        cached = self._cache.get(rel)
        if cached is not None and cached.stamp == walked.stamps.get(rel):
            return cached  # unchanged since it was read: not even opened
        entry = self._read_entry(path, rel, cached, parse=parse)
        if parse and entry is not cached and entry.stamp is not _NO_STAMP:
            self._cache[rel] = entry
        return entry

    def _parsed(self, rel: str, entry: _Parsed) -> None:
        """Finish an entry that `_parse(parse=False)` read: parse its text, and cache it."""
        doc = entry.doc
        if not doc.issues:
            entry.doc = parse_card(doc.text)
        self._cache[rel] = entry

    def _read_entry(self, path: str, rel: str, cached: _Parsed | None = None, *, parse: bool = True) -> _Parsed:
        """Open and parse a card (`cached`, when given and its stamp is still the file's, is
        returned instead of reading it; `parse`: see `_parse`)."""
        ws = self._files
        if ws is None:  # (a load reads every card in its open workspace: no context to enter then)
            with self._workspace():
                return self._read_entry(path, rel, cached, parse=parse)
        walked = self._walked
        where = walked.where(rel)
        try:
            fd, st = ws.open_in(*where, rel) if where is not None else ws.open_file(rel)
        except FileError as problem:
            return _Parsed(_NO_STAMP, Document(None, [Problem.in_text(1, 1, card_problem(problem))]))
        try:
            # Size and mtime alone miss a file replaced by one with the same size and mtime (cp -p,
            # rsync -a, tar x): the inode and ctime change then.
            stamp = _stamp_of(st)
            walk_stamps = walked.stamps
            if where is not None:
                seen = walk_stamps[rel]
                if seen is None:
                    walk_stamps[rel] = stamp  # (a walk that took no stamps: this is what was read)
                elif seen == stamp:
                    stamp = seen  # (one int object for the walk's stamp and the card's)
            if cached is not None and cached.stamp == stamp:
                return cached
            return _Parsed(stamp, read_card(path, st.st_size, fd=fd, parse=parse))
        finally:
            os.close(fd)

    def _prepare(self, chunk, context) -> dict[str, _Parsed]:
        """Read and parse the cards of `chunk` (a slice of the walk) that must be read, then
        check those not checked against these sources: what the assembly's loop would do card by
        card, done first for a chunk of cards, one kind of work at a time (reading every card of
        the chunk, then parsing them, then validating and anchoring them). The same work, a
        quarter less CPU at 30,000 cards: each pass keeps its code and data in the processor's
        caches. The entries read, by card."""
        cache = self._cache
        walk_stamps = self._walked.stamps
        stop = self._stop
        read: dict[str, _Parsed] = {}
        sources_key = context[0]
        for rel, path, unreadable in chunk:  # reading (system calls) ...
            if unreadable:
                continue
            entry = cache.get(rel)
            if entry is not None and entry.sources_key is not None and entry.sources_key != sources_key:
                del cache[rel]  # checked against other sources, and its text is not kept: read it again
                entry = None
            if entry is None or entry.stamp != walk_stamps.get(rel, _NO_STAMP):
                if stop is not None and stop():  # (the load may be stopped before each card read)
                    raise LoadCancelled
                read[rel] = self._parse(path, rel, parse=False)
        for rel, entry in read.items():  # ... then parsing (libyaml) ...
            if entry.stamp is not _NO_STAMP and cache.get(rel) is not entry:  # (read just now)
                self._parsed(rel, entry)
        for rel, _, unreadable in chunk:  # ... then validating and anchoring
            entry = read.get(rel) or cache.get(rel)
            if (not unreadable and entry is not None and not entry.doc.issues
                    and (entry.checked is None or entry.sources_key != sources_key)):
                self._check(entry, rel, card_id_of(rel), context)
        return read

    def _check(self, entry: _Parsed, rel: str, card_id: str, context) -> None:
        """Validate a parsed card and anchor its quotes; the result is kept with the entry."""
        sources_key, sources, sources_all, index = context
        card_id = sys.intern(card_id)  # (as the ids that relations name are: one string object)
        doc = entry.doc
        if doc.data is None and doc.text is not None:  # checked before: its data was let go
            doc = entry.doc = parse_card(doc.text)
        issues = Issues(doc)
        card = validate_card(card_id, rel, doc, issues)
        if card is not None:
            self._anchor(card, issues, sources, sources_all, index())
        issues.finish()
        entry.checked = (card, tuple(issues.items))
        entry.sources_key = sources_key
        # The card is built: neither its parsed data nor its text is kept (~550 B a card). The
        # card belongs to the user and is never rewritten: when its positions are needed again
        # (a cross-check's problem, `_ReadAgain`) or it must be checked against other sources
        # (`_stale`), it is read again.
        doc.data = doc.text = doc._tables = None
        if not doc.issues:
            doc.issues = _NO_ISSUES  # type: ignore[assignment]
        self._dirty = True

    def _anchor(self, card, issues: Issues, sources: dict[str, Source], sources_all: list[Source], index) -> None:
        # Which source each quote comes from, in a workspace of several: see explorer.core.loading.corpus.
        anchor_card(card, issues, sources, sources_all, index)

    def _check_relation(self, rel: Relation, issues: Issues, entity_ids, good_entities, all_ids, broken, base, id_files,
                        guess=None) -> None:
        waits: list[tuple[str, str]] = []  # (field, why): the cards with errors this one names
        for field_name in ("subject", "object", "attribution"):
            value = getattr(rel, field_name)
            if not value:
                continue
            if value in good_entities:
                continue
            key = id_key(value)
            if key != value and guess is not None:
                guess(None)  # (named not as a key: whether it names a card depends on every card's spelling)
            files = id_files.get(key, ())
            if len(files) > 1:  # the duplicate id is the one error; this card waits for it
                waits.append((field_name, f"`{field_name}` names {quoted(value)}, an id that {len(files)} cards share "
                                          f"({', '.join(files)})"))
            elif files and (spelled := card_id_of(files[0])) != value:
                issues.error((field_name,), f"`{field_name}` names {quoted(value)}, but the card's id is {quoted(spelled)} "
                                            f"({files[0]}): {how_ids_differ(value, spelled)}; write the id as its file is named")
                if guess is not None:
                    guess(None)
            elif value in entity_ids or value in broken:
                waits.append((field_name, f"`{field_name}` names {quoted(value)}, whose card has errors "
                                          f"({base.card_files.get(value, value)})"))
            elif files:
                issues.error((field_name,), f"`{field_name}` {quoted(value)} is a relation, not an entity")
            else:
                hint = guess(value) if guess else did_you_mean(value, entity_ids)
                issues.error((field_name,), f"`{field_name}` names unknown entity {quoted(value)}"
                             + (hint or f": no entity card has this id yet: card the entity first (factex new entity "
                                        f"NAME --id {quoted(value)}), or correct the id"))
        if waits:  # one note for the card, however many of the cards it names have errors
            issues.note((waits[0][0],), "held back: " + " and ".join(why for _, why in waits)
                        + "; it loads once " + ("that card is" if len(waits) == 1 else "those are") + " fixed")
        if rel.subject and rel.subject == rel.object:
            issues.warning(("object",), f"relation links {quoted(rel.subject)} to itself")
        if rel.qualifiers:
            said = None
            for key, value in rel.qualifiers.items():
                if _DIGIT.search(value) is None:
                    continue  # no number or date to look for
                if said is None:
                    said = " ".join(normalize_text(ev.quote) for ev in rel.evidence)
                missing = missing_numbers(value, said)
                if missing:
                    shown = ", ".join(quoted(m) for m in missing[:10]) + (f" and {len(missing) - 10:,} more" if len(missing) > 10 else "")
                    issues.warning(("qualifiers", key), f"qualifier `{key}` has {shown}, which the quotes do not contain")
        issues.finish()



def _clean_relation(rel: Relation, good_entities) -> bool:
    """Whether `Loader._check_relation` would find nothing to say of a relation, known without
    asking it (most relations of a load): the ids it names are usable entities, it does not link
    one to itself, and its quotes hold every number and date of its qualifiers (what
    `_check_relation` looks for, looked for the same way)."""
    subject, obj, by = rel.subject, rel.object, rel.attribution
    if subject not in good_entities or obj not in good_entities or subject == obj:
        return False
    if by and by not in good_entities:
        return False
    qualifiers = rel.qualifiers
    if not qualifiers:
        return True
    said = None
    for value in qualifiers.values():
        if _DIGIT.search(value) is None:
            continue  # no number or date to look for
        if said is None:
            said = " ".join(normalize_text(ev.quote) for ev in rel.evidence)
        if missing_numbers(value, said):
            return False
    return True


def flawed_card(card, problems) -> bool:
    """Whether `card` is left out for its quotes only (`FactBase.flawed`): as many errors as
    quotes that could not be anchored (a quote not in the source, not whole words, ambiguous,
    naming an unknown source) and no other error; or, a relation, held back by a card it names."""
    errors = held = 0
    for p in problems:
        if p.severity == "error":
            errors += 1
        elif p.severity == "note":
            held += 1
    return (errors > 0 or held > 0) and errors == sum(1 for ev in card.evidence if ev.anchor is None)


def _card_problems(rel: str, result, found) -> tuple[list[Problem], bool]:
    """The problems said of one card (its own, and `found` by its cross-check), as a full
    assembly says them, and whether it is broken (could not be read or validated at all)."""
    card_id = card_id_of(rel)
    if result.__class__ is str:
        return [Problem(rel, 1, 1, "error", result, card_id)], True
    if result.__class__ is not tuple:  # a Document that does not parse
        return [issue.at(rel, card_id) for issue in result.issues], True
    card, items = result
    if card is None:
        return [item.at(rel, card_id) for item in items], True
    return [item.at(rel, card.id) for item in (*items, *found)], False


def _duplicated(id_files: dict[str, list[str]]) -> set[str]:
    """Every id, as its files spell it, whose key (layout.id_key) several files share."""
    return {card_id_of(f) for files_ in id_files.values() if len(files_) > 1 for f in files_}


def _with_same_keys(ids: set[str], id_files: dict[str, list[str]]) -> set[str]:
    """`ids` with their keys and every spelling their keys' files have (`Putin` changed: a
    relation naming `putin` may be freed or held back by it)."""
    extra: set[str] = set()
    for cid in ids:
        key = id_key(cid)
        if key is not cid:  # (id_key gives the id itself when it is its own key)
            extra.add(key)
        files_ = id_files.get(key)
        if files_ is not None and len(files_) > 1:
            extra.update(card_id_of(f) for f in files_)
    return ids | extra if extra else ids


def _refused_sources(problems: list[Problem]) -> str | None:
    """When seeds/ holds articles but none could be read: which and why, in a few words each (a
    source left mid-merge, checked out as a Git LFS pointer, not UTF-8, ...), for the one error that
    says no card loads (it said "seeds/ holds no source", as if the folder were empty). None when
    no article was refused."""
    folder = [p for p in problems if p.severity == "error" and p.file == SOURCES_DIR]
    if folder:  # (seeds/ itself cannot be read, is a link out, is a file, ...: said at it, and why here)
        why = folder[0].message.split(";")[0].removeprefix(SOURCES_DIR + "/ ").removeprefix(SOURCES_DIR + " ")
        return f"{SOURCES_DIR}/ could not be read ({why.rsplit(': ', 1)[-1]})"
    refused = [p for p in problems if p.severity == "error" and p.file.startswith(SOURCES_DIR + "/")
               and not p.file.endswith(".yaml")]  # (a sidecar's error refuses no article)
    if not refused:
        return None
    said = []
    for p in refused[:3]:
        why = p.message.removeprefix("not read as a source: ").removeprefix("source ")
        if why.startswith("cannot read source: "):  # (the system's reason: Permission denied, ...)
            why = f"cannot be read ({why.rsplit(': ', 1)[-1]})"
        cut = min((i for i in (why.find(": "), why.find("; ")) if i > 0), default=len(why))
        said.append(f"{p.file} {why[:cut]}")
    more = f", and {len(refused) - 3:,} more" if len(refused) > 3 else ""
    n = len(refused)
    return (f"no article in {SOURCES_DIR}/ could be read ({n:,} refused: " + ", ".join(said) + more + ")")


def _duplicate_errors(key: str, files_: list[str], results) -> list[Problem]:
    """The problems a full assembly says of a duplicated id (`key`, see layout.id_key): an error
    for each file after the first, naming the first; and on the first, which is left out too, a
    note naming the others (a teammate's card of the same id: the first card vanished from the
    app with nothing said at its own file)."""
    def card_of(rel):
        result = results.get(rel)
        return result[0] if result.__class__ is tuple else None

    first = card_id_of(files_[0])
    others = ", ".join(files_[1:])
    out = [Problem(files_[0], 1, 1, "note", f"held back: its id {quoted(first)} is also the id of {others} (the error is "
                                            f"there); it loads once one of them is renamed", first)]
    for f in files_[1:]:
        cid = card_id_of(f)
        if cid == first:
            said = f"duplicate id {quoted(cid)}: {files_[0]} has the same file name; "
        else:
            said = (f"duplicate id {quoted(cid)}: {files_[0]} has the id {quoted(first)}, the same id "
                    f"({how_ids_differ(cid, first)}); ")
        out.append(Problem(f, 1, 1, "error", f"{said}rename one{_merge_hint(card_of(files_[0]), card_of(f))}", cid))
    return out


def card_problem(problem: FileError) -> str:
    """What a card that cannot be opened gets as its problem."""
    if problem.kind == "outside":
        return "card is a link to outside the workspace; not read"
    if problem.kind == "not-regular":
        return "not a regular file (a broken link, a pipe or a device); not read"
    if problem.kind == "loop":
        return "link loop (too many links); not read"
    return f"cannot read card: {problem.message}"


def read_card(path, size: int | None = None, *, fd: int | None = None, parse: bool = True) -> Document:
    """Parse one card from an open descriptor (`fd`, as `files.Workspace.open_file` gives; the
    caller closes it) or, without one, from `path` opened the same careful way. Problems land in
    the document, never raise. With `parse=False`, the Document of a card read holds only its
    text (`parse_card` it)."""
    own = fd is None
    _import_checking()
    try:
        if own:
            fd = os.open(path, files.READ_FLAGS)
            st = os.fstat(fd)
            if not stat_mod.S_ISREG(st.st_mode):
                return Document(None, [Problem.in_text(1, 1, "not a regular file (a broken link, a pipe or a device); not read")])
            size = st.st_size if size is None else size
        if size is not None and size > MAX_CARD_BYTES:  # do not even read a huge file
            text, issue = None, Problem.in_text(1, 1, f"card is {size / (1 << 20):.1f} MiB; a card may be at most 1 MiB")
        else:
            # Read what stat said plus one byte (a file growing meanwhile is caught), never a
            # fixed 1 MiB buffer: allocating that for every card costs more than parsing it.
            raw = files.read_fd(fd, (size if size is not None else MAX_CARD_BYTES) + 1, size)
            if len(raw) > MAX_CARD_BYTES:
                text, issue = None, Problem.in_text(1, 1, "card grew over 1 MiB while being read; a card may be at most 1 MiB")
            else:
                text, issue = decode_card(raw)
    except OSError as exc:
        return Document(None, [Problem.in_text(1, 1, f"cannot read card: {exc.strerror or exc}")])
    finally:
        if own and fd is not None:
            os.close(fd)
    if issue is not None:
        return Document(None, [issue])
    return parse_card(text) if parse else Document(None, [], text=text)


_NUMBER = LazyPattern(r"\d+(?:[.,]\d+)*")
_DIGIT = LazyPattern(r"\d")
_ISO_DATE = LazyPattern(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
# a month written short before a day, as wire copy writes it ("Feb 27", "Sept. 3")
_SHORT_MONTH = LazyPattern(r"\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?\s*\d")
_SHORT_MONTHS = {"jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june", "jul": "july",
                 "aug": "august", "sep": "september", "sept": "september", "oct": "october", "nov": "november",
                 "dec": "december"}


def _ascii_digits(text: str) -> str:
    """`text` with every script's digits written as ASCII ones (Bengali ২০২১, Devanagari २०२१ and
    Persian ۲۰۲۱ are 2021), so a qualifier typed `2021` is found in a quote that writes ২০২১."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c for c in text)


def _numbers(text: str) -> set[str]:
    out = set()
    for n in _NUMBER.findall(_ascii_digits(text)):
        plain = n.replace(",", "")
        out.add(plain)
        out.add(plain.lstrip("0") or "0")
    return out


def missing_numbers(value: str, quoted: str) -> list[str]:
    """Numbers and dates in a qualifier value that the quotes do not contain: of a date whose day
    and month they hold ("Feb 27", as wire copy writes the current year's), the year alone."""
    have = _numbers(quoted)
    missing = []
    months_quoted: set[str] | None = None  # (the months the quotes name: looked for at the first date)

    def date(m: re.Match) -> str:
        nonlocal months_quoted
        year, month, day = m.groups()
        month_name = _MONTHS[int(month) - 1] if 1 <= int(month) <= 12 else None
        if months_quoted is None:
            lower = quoted.lower()
            months_quoted = {name for name in _MONTHS if name in lower}
            months_quoted |= {_SHORT_MONTHS[short] for short in _SHORT_MONTH.findall(lower)}
        if str(int(day)) not in have or month_name not in months_quoted:
            missing.append(m.group())
        elif _ascii_digits(year) not in have:
            missing.append(year)  # (its day and month are quoted: what the quotes lack is the year)
        return " "

    # One pass: each date is checked and cut out (replacing each date's text everywhere, once per
    # date, was quadratic: 95,000 dates took a minute). A value without a hyphen holds no date.
    rest = _ISO_DATE.sub(date, value) if "-" in value else value
    for n in _NUMBER.findall(rest):
        plain = _ascii_digits(n.replace(",", ""))
        if plain not in have and (plain.lstrip("0") or "0") not in have:
            missing.append(n)
    return missing


_NO_STAMP = (-1, -1, -1, -1)  # (a tuple: equal to no stamp, see _stamp_of)
_INO = (1 << 64) - 1


def _stamp_of(st: os.stat_result) -> int:
    """A card file's stamp: its size, modification time, inode and change time, as one int
    (~60 B, where the 4-tuple with its ints took ~220: one for each of 100,000 cards, twice).
    Exact: each field is a digit of base 2**64 (the times signed, from -2**63; the inode
    unsigned), so two stamps are equal only when all four fields are."""
    return (((st.st_size << 64) + st.st_mtime_ns << 64) + (st.st_ino & _INO) << 64) + st.st_ctime_ns
_NO_ISSUES = ()  # a checked card's document without YAML problems: one empty tuple for all, not a list each


def _card_stamp(ws: files.Workspace, rel: str) -> int | tuple:
    """A card file's size, modification time, inode and change time, as `_parse` takes them."""
    try:
        st = ws.lstat(rel)
    except FileError:
        return _NO_STAMP
    return _stamp_of(st)


def _merge_hint(a, b) -> str:
    """When two cards sharing an id name the same thing: say they could be one."""
    if isinstance(a, Entity) and isinstance(b, Entity):
        names_a = {n.casefold() for n in (a.name, *a.aliases)}
        if b.name.casefold() in names_a or a.name.casefold() in {n.casefold() for n in b.aliases}:
            return f" or, as both name {quoted(b.name)}, merge them into one card"
    return ""


def _forward_only(progress):
    """`progress`, called only when the count moves forward (two passes each report theirs)."""
    last = -1

    def report(done: int, total: int) -> None:
        nonlocal last
        if done > last or done == total:
            last = done
            progress(done, total)

    return report


def _sources_key(sources: list[Source]) -> str:
    """What a card's anchors depend on: the sources' ids and contents."""
    # (A quote found in several sources is taken from the earliest published: the dates count.)
    # A digest: every cached card keeps it and every load compares it with each card's (the
    # joined text is ~80 B a source).
    from explorer.core.digests import blake2b

    joined = "|".join(f"{s.id}:{s.sha256}:{s.meta.published or ''}" for s in sources)
    return blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def _key_digest(key) -> bytes | None:
    """What the snapshot keeps of a load's key (every card's stamp, the sources', the walk's
    problems): a digest, not the 30,000 tuples themselves (unpickling them cost ~0.1 s a start).
    The same key gives the same digest in any process (the cards' paths and integer stamps are
    hashed as bytes, the rest through `repr`)."""
    from explorer.core.digests import blake2b

    if key is None:
        return None
    cards, *rest = key
    h = blake2b(digest_size=20)
    h.update(repr(rest).encode("utf-8", "surrogatepass"))
    h.update(len(cards).to_bytes(8, "little"))
    h.update("\0".join([rel for rel, _ in cards]).encode("utf-8", "surrogatepass"))
    h.update(repr([stamp for _, stamp in cards]).encode("utf-8", "surrogatepass"))  # (ints: see _stamp_of)
    return h.digest()
