"""What changed in the facts between two git revisions, or a revision and the working tree.

A revision's workspace is read from git's object store (`git ls-tree` and `git cat-file --batch`),
never checked out: the blobs under the workspace's `facts/` and `seeds/` are written into a private
temporary folder and loaded as any workspace is, then compared with the other side. The working
tree, HEAD, the index and the branch are left alone. No Textual here.

The comparison says, for entities and relations: which were added and removed (as valid facts),
which changed and how (field by field, and evidence added, removed, moved to other offsets or
with another note), which were valid and no longer are (with the problems that say why, such as a
quote that no longer anchors); and which problems were introduced and fixed (compared without
their line and column, which move with any edit above them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from explorer.core.errors import GitError
from explorer.core.model import Entity, Problem, Relation
from explorer.core.layout import FACTS_DIR, SOURCES_DIR, hidden_name
from explorer.core.loading.loader import FactBase, Loader

WORKTREE = None  # the working tree, as a side of the comparison
ENTITY_FIELDS = ("name", "type", "aliases", "description")
RELATION_FIELDS = ("subject", "predicate", "object", "qualifiers", "certainty", "attribution")


def _git(cwd: Path, *args: str, input: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=input, capture_output=True, check=False,
                              env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"})
    except FileNotFoundError:
        raise GitError("git is not installed (apt-get install git)") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[0] if message else f"git {args[0]} failed")
    return done.stdout


@dataclass
class Repo:
    top: Path  # the repository's top folder
    prefix: str  # the workspace's path inside it, "" or ending in "/"

    @classmethod
    def of(cls, root: Path) -> "Repo":
        # (as the file system spells them: a folder's name may hold bytes that are not UTF-8, a
        # newline, or spaces at its end; git prints it raw, ending the line)
        top = os.fsdecode(_git(root, "rev-parse", "--show-toplevel")[:-1])
        prefix = os.fsdecode(_git(root, "rev-parse", "--show-prefix")[:-1])
        return cls(Path(top), prefix)

    def commit(self, rev: str) -> str:
        """The commit id `rev` names, or GitError."""
        if rev.startswith("-"):
            raise GitError(f"'{rev}' is not a revision")
        try:
            return _git(self.top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").decode().strip()
        except GitError:
            raise GitError(f"unknown revision '{rev}'") from None

    def materialize(self, commit: str, into: Path) -> list[str]:
        """Write the workspace's facts/ and seeds/ as they are in `commit` into folder `into`;
        the paths left out (links, submodules), as messages."""
        paths = [f"{self.prefix}{FACTS_DIR}", f"{self.prefix}{SOURCES_DIR}"]
        listing = _git(self.top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *paths)
        blobs, skipped = [], []
        for entry in listing.split(b"\0"):
            if not entry:
                continue
            meta, _, raw_path = entry.partition(b"\t")
            mode, kind, sha = meta.decode().split()
            path = os.fsdecode(raw_path)
            rel = path[len(self.prefix):]
            parts = rel.split("/")
            if any(hidden_name(p) for p in parts[1:]):
                continue  # (a dot file, an editor's backup: never read from a folder either)
            if kind != "blob" or mode == "120000" or any(p in ("", ".", "..") for p in parts):
                skipped.append(f"{rel}: a link or submodule in {commit[:12]}; not read")
                continue
            blobs.append((sha, rel))
        if not blobs:
            return skipped
        out = _git(self.top, "cat-file", "--batch", input="".join(f"{sha}\n" for sha, _ in blobs).encode())
        pos = 0
        for sha, rel in blobs:
            header_end = out.index(b"\n", pos)
            header = out[pos:header_end].split()
            size = int(header[2])
            data = out[header_end + 1 : header_end + 1 + size]
            pos = header_end + 1 + size + 1
            target = into.joinpath(*rel.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return skipped


@dataclass
class Side:
    label: str  # "HEAD (1a2b3c4d5e6f)" or "the working tree"
    base: FactBase
    notes: list[str]


def load_side(root: Path, repo: Repo, rev: str | None, scratch: Path) -> Side:
    if rev is WORKTREE:
        return Side("the working tree", Loader(root).load(), [])
    commit = repo.commit(rev)
    folder = scratch / commit
    (folder / FACTS_DIR).mkdir(parents=True, exist_ok=True)
    notes = repo.materialize(commit, folder)
    base = Loader(folder, use_cache=False).load(save=False)
    return Side(f"{rev} ({commit[:12]})" if rev != commit else commit[:12], base, notes)


# --- comparing ----------------------------------------------------------------------------------------


def _evidence_key_items(card: Entity | Relation, base: FactBase) -> dict[tuple, dict]:
    """Evidence items by (quote, its place among equal quotes of the card)."""
    seen: Counter = Counter()
    items = {}
    for ev in card.evidence:
        seen[ev.quote] += 1
        a = ev.anchor
        where = None
        if a is not None:
            where = {"source": a.source, "start": a.start, "end": a.end, "line": a.line,
                     "text": base.sources[a.source].text[a.start : a.end]}
        items[(ev.quote, seen[ev.quote])] = {"quote": ev.quote, "note": ev.note, "at": where}
    return items


def _compare_card(old: Entity | Relation, new: Entity | Relation, old_base: FactBase, new_base: FactBase) -> dict | None:
    fields = ENTITY_FIELDS if isinstance(old, Entity) else RELATION_FIELDS
    changed = {}
    for name in fields:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            changed[name] = {"from": a, "to": b}
    before, after = _evidence_key_items(old, old_base), _evidence_key_items(new, new_base)
    evidence = {
        "added": [after[k] for k in after if k not in before],
        "removed": [before[k] for k in before if k not in after],
        "moved": [{"quote": before[k]["quote"], "from": before[k]["at"], "to": after[k]["at"]}
                  for k in before if k in after and _place(before[k]["at"]) != _place(after[k]["at"])],
        "note": [{"quote": before[k]["quote"], "from": before[k]["note"], "to": after[k]["note"]}
                 for k in before if k in after and before[k]["note"] != after[k]["note"]],
    }
    evidence = {k: v for k, v in evidence.items() if v}
    moved_file = old.file != new.file
    if not changed and not evidence and not moved_file:
        return None
    out = {"id": new.id, "file": new.file}
    if moved_file:
        out["renamed_from"] = old.file
    if changed:
        out["fields"] = changed
    if evidence:
        out["evidence"] = evidence
    return out


def _place(at: dict | None):
    return None if at is None else (at["source"], at["start"], at["end"])


def _summary(card: Entity | Relation, base: FactBase) -> dict:
    data = {"id": card.id, "file": card.file}
    if isinstance(card, Entity):
        data.update(name=card.name, type=card.type)
    else:
        data.update(subject=card.subject, predicate=card.predicate, object=card.object, certainty=card.certainty,
                    sentence=base.sentence(card))
    return data


def _problem_key(p: Problem) -> tuple:
    return (p.file, p.severity, p.message)


def compare(old: Side, new: Side) -> dict:
    """The differences between two sides, as plain data (the `--format json` output)."""
    result: dict = {"from": old.label, "to": new.label}
    new_problems: dict[str, list[Problem]] = {}
    for p in new.base.problems:
        new_problems.setdefault(p.file, []).append(p)
    for kind, a, b in (("entities", old.base.entities, new.base.entities),
                       ("relations", old.base.relations, new.base.relations)):
        section: dict = {"added": [], "removed": [], "changed": [], "broken": []}
        for cid, card in b.items():
            if cid not in a:
                section["added"].append(_summary(card, new.base))
        for cid, card in a.items():
            if cid in b:
                diff = _compare_card(card, b[cid], old.base, new.base)
                if diff:
                    section["changed"].append(diff)
            elif cid in new.base.card_files:  # the card is still there, but no longer checks clean
                file = new.base.card_files[cid]
                section["broken"].append({**_summary(card, old.base), "file": file,
                                          "problems": [p.to_json() for p in new_problems.get(file, [])]})
            else:
                section["removed"].append(_summary(card, old.base))
        result[kind] = section
    before = Counter(_problem_key(p) for p in old.base.problems)
    after = Counter(_problem_key(p) for p in new.base.problems)
    introduced, fixed = after - before, before - after
    result["problems"] = {
        "introduced": [p.to_json() for p in new.base.problems if _take(introduced, _problem_key(p))],
        "fixed": [p.to_json() for p in old.base.problems if _take(fixed, _problem_key(p))],
    }
    notes = [f"{old.label}: {n}" for n in old.notes] + [f"{new.label}: {n}" for n in new.notes]
    if notes:
        result["notes"] = notes
    return result


def _take(counter: Counter, key) -> bool:
    if counter[key] > 0:
        counter[key] -= 1
        return True
    return False


def diff(root: str | os.PathLike, old_rev: str | None = "HEAD", new_rev: str | None = WORKTREE) -> dict:
    """Compare the workspace at `root` between `old_rev` and `new_rev` (WORKTREE: the files as
    they are). Raises GitError for a usage error."""
    root = Path(root)
    repo = Repo.of(root)
    scratch = Path(tempfile.mkdtemp(prefix="factex-diff-"))
    try:
        old = load_side(root, repo, old_rev, scratch)
        new = load_side(root, repo, new_rev, scratch)
        return compare(old, new)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# --- text -----------------------------------------------------------------------------------------------


def to_text(result: dict) -> str:
    """The differences as a reviewer reads them, one line per change (untrusted text made visible)."""
    from explorer.core.safetext import visible as v

    def q(text) -> str:
        return '"' + v(str(text)) + '"'

    def at(where: dict | None) -> str:
        return "not anchored" if where is None else f"{v(where['source'])}:{where['line']} [{where['start']}:{where['end']}]"

    lines = [f"facts from {v(result['from'])} to {v(result['to'])}"]
    for kind, one in (("entities", "entity"), ("relations", "relation")):
        section = result[kind]
        for c in section["added"]:
            what = f"{q(c['name'])} ({v(c['type'])})" if one == "entity" else q(c["sentence"])
            lines.append(f"+ {one} {v(c['id'])}: {what}  {v(c['file'])}")
        for c in section["removed"]:
            what = f"{q(c['name'])} ({v(c['type'])})" if one == "entity" else q(c["sentence"])
            lines.append(f"- {one} {v(c['id'])}: {what}  {v(c['file'])}")
        for c in section["changed"]:
            head = f"~ {one} {v(c['id'])}"
            if "renamed_from" in c:
                lines.append(f"{head}: file {v(c['renamed_from'])} -> {v(c['file'])}")
            for name, change in c.get("fields", {}).items():
                lines.append(f"{head}: {name}: {q(change['from'])} -> {q(change['to'])}")
            ev = c.get("evidence", {})
            for item in ev.get("added", []):
                lines.append(f"{head}: evidence added {q(item['quote'])} at {at(item['at'])}")
            for item in ev.get("removed", []):
                lines.append(f"{head}: evidence removed {q(item['quote'])}")
            for item in ev.get("moved", []):
                lines.append(f"{head}: evidence moved {q(item['quote'])} {at(item['from'])} -> {at(item['to'])}")
            for item in ev.get("note", []):
                lines.append(f"{head}: evidence note {q(item['quote'])}: {q(item['from'])} -> {q(item['to'])}")
        for c in section["broken"]:
            lines.append(f"! {one} {v(c['id'])}: no longer checks clean  {v(c['file'])}")
            for p in c["problems"]:
                lines.append(f"    {v(p['file'])}:{p['line']}:{p['column']}: {p['severity']}: {v(p['message'])}")
    for label, key in (("problem introduced", "introduced"), ("problem fixed", "fixed")):
        for p in result["problems"][key]:
            lines.append(f"{'!' if key == 'introduced' else '='} {label}: {v(p['file'])}:{p['line']}:{p['column']}: "
                         f"{p['severity']}: {v(p['message'])}")
    for note in result.get("notes", []):
        lines.append(f"  note: {v(note)}")
    counts = []
    for kind in ("entities", "relations"):
        s = result[kind]
        counts.append(f"{kind}: {len(s['added'])} added, {len(s['removed'])} removed, {len(s['changed'])} changed, "
                      f"{len(s['broken'])} broken")
    p = result["problems"]
    counts.append(f"problems: {len(p['introduced'])} introduced, {len(p['fixed'])} fixed")
    lines.append("; ".join(counts))
    return "\n".join(lines) + "\n"
