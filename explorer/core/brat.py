"""brat standoff (https://brat.nlplab.org/standoff.html): export a fact base, import a brat corpus.

Export writes, per source, `ID.txt` (the source's decoded text: UTF-8, no byte-order mark, line
ends as in the source) and `ID.ann`, plus one `annotation.conf`:

- `T` lines: each entity evidence item is a span typed with the entity's type (`person`, ...);
  each relation evidence item is a span of type `Fact`. Offsets count characters (code points) of
  the `.txt`, as brat's own server reads it. A span crossing a line break is written as brat writes
  it: one fragment per line (`START END;START END`), the text fragments joined by a space.
- `R` lines: each relation, once per document, between a mention of its subject and one of its
  object (the mentions nearest its first evidence span). A relation whose subject or object has no
  mention in that document has no `R` line there (its `Fact` spans and notes still carry it).
  The relation type is the predicate with every run of other characters than letters, digits,
  `-` and `_` made one `_` (brat types cannot hold spaces).
- `A` lines: `Certainty` (stated, reported, hedged, opinion) and `Attribution` (an entity id) on
  each `Fact` span.
- `#` lines: `AnnotatorNotes` on each span and relation, `factex {json}` holding the card's id and
  fields, so that importing the export gives back the same facts.

Import reads every `NAME.txt` with a `NAME.ann` beside it (subfolders too). Spans with a factex note
become the cards they came from; other spans become entities (one per type and text), and other `R`
lines relations (the predicate is the type with `_` read as a space; the evidence is the passage from
the first argument to the end of the second). What cannot be mapped (events, normalisations,
equivalences, spans that are not whole words of the text or cross paragraphs, unknown attributes,
lines brat itself would refuse) is reported, one message per line, and left out. Nothing is ever
written over an existing file: a source already in `seeds/` is used when it is byte-identical,
and a document whose source differs is skipped with a message.

No Textual here.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from explorer.core.errors import AuthoringError
from explorer.core.model import CERTAINTIES, Problem
from explorer.core.layout import FACTS_DIR, FOLDERS, SOURCES_DIR, id_key, safe_id, unique_id
from explorer.core.safetext import quoted
from explorer.core.loading.loader import FactBase

FACT_TYPE = "Fact"
NOTE_TYPE = "AnnotatorNotes"
NOTE_PREFIX = "factex "
_TYPE_CHARS = re.compile(r"[^A-Za-z0-9_-]+")


def brat_type(text: str) -> str:
    """A brat type name from free text: runs of other characters than A-Z a-z 0-9 - _ become `_`."""
    return _TYPE_CHARS.sub("_", text).strip("_") or "fact"


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span cut at line breaks, as brat writes a span over several lines (empty pieces dropped)."""
    pieces, i = [], start
    for m in re.finditer(r"[\r\n]+", text[start:end]):
        a, b = start + m.start(), start + m.end()
        if a > i:
            pieces.append((i, a))
        i = b
    if end > i:
        pieces.append((i, end))
    return pieces


def _one_line(text: str) -> str:
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


@dataclass
class Written:
    files: list[str] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # what brat cannot show (severity "note")


def _note(payload: dict) -> str:
    return NOTE_PREFIX + json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def ann_documents(base: FactBase) -> tuple[dict[str, str], str, list[Problem]]:
    """({source id: .ann text}, annotation.conf text, notes on the cards brat cannot show whole)."""
    entity_types: set[str] = set()
    relation_types: set[str] = set()
    attributions: set[str] = set()
    notes: list[Problem] = []
    docs: dict[str, list[str]] = {sid: [] for sid in base.sources}
    counters: dict[str, dict[str, int]] = {sid: {"T": 0, "R": 0, "A": 0, "#": 0} for sid in base.sources}
    mentions: dict[str, dict[str, list[tuple[int, str]]]] = {sid: {} for sid in base.sources}  # sid -> entity -> [(start, T)]

    def next_id(sid: str, prefix: str) -> str:
        counters[sid][prefix] += 1
        return f"{prefix}{counters[sid][prefix]}"

    def span(sid: str, type_: str, start: int, end: int, note: dict) -> str:
        text = base.sources[sid].text
        pieces = fragments(text, start, end)
        tid = next_id(sid, "T")
        where = ";".join(f"{a} {b}" for a, b in pieces)
        shown = " ".join(text[a:b] for a, b in pieces)
        docs[sid].append(f"{tid}\t{type_} {where}\t{shown}")
        docs[sid].append(f"{next_id(sid, '#')}\t{NOTE_TYPE} {tid}\t{_note(note)}")
        return tid

    for e in base.entities.values():
        for index, ev in enumerate(e.evidence):
            if ev.anchor is None:
                continue
            type_ = brat_type(e.type)
            entity_types.add(type_)
            note = {"entity": e.id, "evidence": index, "name": e.name, "type": e.type}
            if e.aliases:
                note["aliases"] = e.aliases
            if e.description is not None:
                note["description"] = e.description
            if ev.note is not None:
                note["note"] = ev.note
            sid = ev.anchor.source
            tid = span(sid, type_, ev.anchor.start, ev.anchor.end, note)
            mentions[sid].setdefault(e.id, []).append((ev.anchor.start, tid))

    for r in base.relations.values():
        first: dict[str, int] = {}
        for index, ev in enumerate(r.evidence):
            if ev.anchor is None:
                continue
            sid = ev.anchor.source
            note = {"relation": r.id, "evidence": index, "subject": r.subject, "predicate": r.predicate,
                    "object": r.object}
            if r.qualifiers:
                note["qualifiers"] = r.qualifiers
            if ev.note is not None:
                note["note"] = ev.note
            tid = span(sid, FACT_TYPE, ev.anchor.start, ev.anchor.end, note)
            docs[sid].append(f"{next_id(sid, 'A')}\tCertainty {tid} {r.certainty}")
            if r.attribution is not None:
                attributions.add(r.attribution)
                docs[sid].append(f"{next_id(sid, 'A')}\tAttribution {tid} {r.attribution}")
            first.setdefault(sid, ev.anchor.start)
        for sid, at in first.items():
            subj, obj = mentions[sid].get(r.subject), mentions[sid].get(r.object)
            if not subj or not obj:
                missing = " and ".join(x for x, m in ((r.subject, subj), (r.object, obj)) if not m)
                notes.append(Problem(r.file, r.line, 0, "note",
                                     f"{missing} has no span in {sid}; no brat R line there (its Fact spans carry it)",
                                     card=r.id))
                continue
            nearest = lambda ms: min(ms, key=lambda m: (abs(m[0] - at), m[0]))[1]  # noqa: E731
            type_ = brat_type(r.predicate)
            relation_types.add(type_)
            rid = next_id(sid, "R")
            docs[sid].append(f"{rid}\t{type_} Arg1:{nearest(subj)} Arg2:{nearest(obj)}")
            docs[sid].append(f"{next_id(sid, '#')}\t{NOTE_TYPE} {rid}\t{_note({'relation': r.id})}")

    conf = ["[entities]", *sorted(entity_types), FACT_TYPE, "", "[relations]"]
    conf += [f"{t}\tArg1:<ENTITY>, Arg2:<ENTITY>" for t in sorted(relation_types)]
    conf += ["", "[events]", "", "[attributes]", f"Certainty\tArg:{FACT_TYPE}, Value:{'|'.join(CERTAINTIES)}"]
    if attributions:
        conf.append(f"Attribution\tArg:{FACT_TYPE}, Value:{'|'.join(sorted(attributions))}")
    return ({sid: "".join(line + "\n" for line in lines) for sid, lines in docs.items()},
            "\n".join(conf) + "\n", notes)


def document_names(sids) -> dict[str, str]:
    """The file name (without .txt or .ann) each source is written under: its id when that is a
    safe file name (`layout.safe_id`: no path, no control, bidi or invisible character, not
    hidden, not a reserved name) that no earlier source's name equals whatever the case or normal
    form (`layout.id_key`: `Kim` and `kim`, a composed `é` and `e` + accent are one file on macOS
    and Windows, and a corpus is often copied there); else a safe name made from it, with `-2`,
    `-3`, ... when taken. So a corpus never names a file outside its folder, and no two of its
    files are one on any file system."""
    taken: set[str] = {id_key("annotation")}  # (annotation.conf's stem: kept apart, to be sure)
    names: dict[str, str] = {}
    for sid in sids:
        stem = unique_id(safe_id(sid, "document"), taken)
        taken.add(id_key(stem))
        names[sid] = stem
    return names


def export_brat(base: FactBase, out: str | os.PathLike) -> Written:
    """Write the brat corpus into folder `out` (made if missing), never over an existing file."""
    from explorer.core.authoring import create_card

    out = Path(out)
    if (out.exists() or out.is_symlink()) and not out.is_dir():  # (a file, a pipe, a device, a broken link)
        raise FileExistsError(f"{out}: exists and is not a folder; nothing written")
    result = Written()
    anns, conf, result.notes = ann_documents(base)
    plan = [("annotation.conf", conf)]
    names = document_names(anns)
    for sid, ann in anns.items():
        stem = names[sid]
        plan += [(f"{stem}.txt", base.sources[sid].text), (f"{stem}.ann", ann)]
        if stem != unicodedata.normalize("NFC", sid):  # (a name only composed is no news)
            result.notes.append(Problem(base.sources[sid].path, 1, 0, "note",
                                        f"source {quoted(sid)} is written as {stem}.txt and {stem}.ann: "
                                        + ("another source is written under the same name on macOS and Windows (the two ids differ only "
                                           "in case or in how an accent is encoded)"
                                           if safe_id(sid, "") == unicodedata.normalize("NFC", sid) else
                                           "its id is not a safe file name (a control, bidi or invisible character, a "
                                           "name reserved on Windows, ...)")))
    taken = [name for name, _ in plan if (out / name).exists() or (out / name).is_symlink()]
    if taken:
        raise FileExistsError(f"{out}: {', '.join(taken)} already there; nothing written (choose an empty folder)")
    for name, text in plan:
        create_card(out / name, text)  # exclusive create: never replaces a file
        result.files.append(name)
    return result


# --- reading .ann files -----------------------------------------------------------------------------


@dataclass
class Span:
    id: str
    type: str
    pieces: list[tuple[int, int]]
    text: str
    line: int

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


@dataclass
class Ann:
    spans: dict[str, Span] = field(default_factory=dict)
    relations: list[tuple[str, str, str, str, int]] = field(default_factory=list)  # id, type, arg1, arg2, line
    attributes: list[tuple[str, str, str, str, int]] = field(default_factory=list)  # id, type, target, value, line
    notes: dict[str, list[str]] = field(default_factory=dict)  # target -> note texts
    problems: list[Problem] = field(default_factory=list)  # at their line; `.at(file)` places them


def parse_ann(text: str, doc_text: str) -> Ann:
    """The lines of a .ann file, read as brat's server reads them; what it would refuse, or what
    factex does not map, goes to `problems` (at its line, in no file yet)."""
    ann = Ann()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        ident, tab, rest = line.partition("\t")
        if not tab or not re.fullmatch(r"[TRAEMN#*]\d*|[TRAEMN#]\w*\d+", ident):
            ann.problems.append(Problem.in_text(number, 0, f"not a brat annotation line (ID, a tab, then the annotation): {line[:60]!r}", "warning"))
            continue
        data, _, tail = rest.partition("\t")
        kind = ident[0]
        if kind == "T":
            m = re.fullmatch(r"(\S+) (\d+ \d+(?:;\d+ \d+)*)\s*", data)
            if not m:
                ann.problems.append(Problem.in_text(number, 0, f"{ident}: a text-bound annotation is `{ident}\\tTYPE START END\\tTEXT`", "warning"))
                continue
            # (an offset of more digits than any text has characters is outside it: Python reads
            # no more than 4,300 digits, and a longer one ended the import in a traceback)
            pieces = [tuple(int(x) if len(x) <= 18 else -1 for x in p.split()) for p in m.group(2).split(";")]
            if any(a > b or a < 0 or b > len(doc_text) for a, b in pieces):
                ann.problems.append(Problem.in_text(number, 0, f"{ident}: offsets outside the text (it has {len(doc_text)} characters)", "warning"))
                continue
            shown = " ".join(doc_text[a:b] for a, b in pieces)
            if not tail.startswith(shown):
                ann.problems.append(Problem.in_text(number, 0, f"{ident}: its text {tail[:40]!r} is not the text at its offsets {shown[:40]!r}", "warning"))
                continue
            ann.spans[ident] = Span(ident, m.group(1), pieces, shown, number)
        elif kind == "R":
            m = re.fullmatch(r"(\S+) (\w+):(\S+) (\w+):(\S+)\s*", data)
            if not m or m.group(2) == m.group(4):
                ann.problems.append(Problem.in_text(number, 0, f"{ident}: a relation is `{ident}\\tTYPE Arg1:ID Arg2:ID`", "warning"))
                continue
            ann.relations.append((ident, m.group(1), m.group(3), m.group(5), number))
        elif kind in "AM":
            parts = data.split(" ", 2)
            if len(parts) < 2:
                ann.problems.append(Problem.in_text(number, 0, f"{ident}: an attribute is `{ident}\\tNAME TARGET [VALUE]`", "warning"))
                continue
            ann.attributes.append((ident, parts[0], parts[1], parts[2] if len(parts) > 2 else "true", number))
        elif kind == "#":
            parts = data.split()
            if len(parts) != 2:
                ann.problems.append(Problem.in_text(number, 0, f"{ident}: a note is `{ident}\\tAnnotatorNotes TARGET\\tTEXT`", "warning"))
                continue
            ann.notes.setdefault(parts[1], []).append(tail)
        else:
            what = {"E": "an event", "N": "a normalisation", "*": "an equivalence"}.get(kind, "this annotation")
            ann.problems.append(Problem.in_text(number, 0, f"{ident}: {what} has no factex equivalent; left out", "warning"))
    return ann


def _factex_note(ann: Ann, target: str) -> dict | None:
    for note in ann.notes.get(target, []):
        if note.startswith(NOTE_PREFIX):
            try:
                data = json.loads(note[len(NOTE_PREFIX):])
            except (ValueError, RecursionError):  # (not JSON; or arrays nested thousands deep)
                return None
            return _note_fields(data) if isinstance(data, dict) else None
    return None


_NOTE_TEXTS = ("entity", "relation", "name", "type", "description", "subject", "predicate", "object", "note")


def _note_fields(data: dict) -> dict:
    """The fields of a factex note that have the type factex writes them with: texts, `aliases` a
    list of texts, `qualifiers` an object of texts or numbers, `evidence` a whole number. A field of
    another type (a note edited by hand, or made to break the import: an object where a text goes,
    a list for the qualifiers) is left out, as if the note did not hold it."""
    fields = {key: data[key] for key in _NOTE_TEXTS if isinstance(data.get(key), str)}
    aliases = data.get("aliases")
    if isinstance(aliases, list) and all(isinstance(a, str) for a in aliases):
        fields["aliases"] = aliases
    qualifiers = data.get("qualifiers")
    if isinstance(qualifiers, dict) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                            for v in qualifiers.values()):
        fields["qualifiers"] = qualifiers
    evidence = data.get("evidence")
    if isinstance(evidence, int) and not isinstance(evidence, bool):
        fields["evidence"] = evidence
    return fields


# --- import -------------------------------------------------------------------------------------------


@dataclass
class Imported:
    sources: list[str] = field(default_factory=list)  # written under seeds/
    cards: list[str] = field(default_factory=list)  # written under facts/
    problems: list[Problem] = field(default_factory=list)  # what could not be mapped or written


@dataclass
class _Card:
    kind: str
    id: str
    fields: dict
    evidence: list[tuple[int, str, int, int, str | None]]  # (order, source id, start, end, note)


def _left_out(file: str, message: str, line: int = 0) -> Problem:
    """What an import could not take: a problem with `file` (at `line`, when known)."""
    return Problem(file, line, 0, "warning", message)


def _corpus_texts(cws, result: Imported, rel_dir: str = "", depth: int = 0) -> list[str]:
    """Every `*.txt` of the corpus, as paths relative to it, in name order (sub-folders too);
    folders are entered as they are, never through a link."""
    from explorer.core.errors import FileError

    try:
        _, entries = cws.scandir(rel_dir)
    except FileError as problem:
        result.problems.append(_left_out(rel_dir or ".", f"{problem.message}; left out"))
        return []
    found = []
    for name, kind in sorted(entries):
        rel = f"{rel_dir}/{name}" if rel_dir else name
        if kind == "dir" and depth < 64:
            found += _corpus_texts(cws, result, rel, depth + 1)
        elif kind == "link" and not name.endswith(".txt"):
            continue
        elif name.endswith(".txt"):
            found.append(rel)
    return found


def import_brat(corpus: str | os.PathLike, root: str | os.PathLike) -> Imported:
    """Read the brat corpus in folder `corpus` into the workspace `root` (facts/ and seeds/ made
    when missing). Never writes over a file; reports what it cannot map."""
    from explorer.core.authoring import existing_ids
    from explorer.core.layout import card_slug, id_key, safe_id, unique_id
    from explorer.core.cardformat.fields import WORD_RE
    from explorer.core.safetext import visible
    from explorer.core.anchoring.sources import read_sources

    from explorer.core import files
    from explorer.core.anchoring.sources import MAX_SOURCE_BYTES
    from explorer.core.errors import FileError

    corpus, root = Path(corpus), Path(root)
    result = Imported()
    for folder in (FACTS_DIR, SOURCES_DIR):
        try:
            (root / folder).mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # (a broken link, a file: the writes below say so, each where it fails)

    # The corpus is read as a workspace is (`files.Workspace`): a link out of it, a named pipe or
    # a device named like a document is left out with a warning, never opened; nothing is
    # followed out of the folder, and no read blocks or runs unbounded.
    docs: list[tuple[str, str, str]] = []  # (document id, its .txt and its .ann, relative to the corpus)
    seen: dict[str, str] = {}
    with contextlib.ExitStack() as stack:
        cws = stack.enter_context(files.Workspace(corpus))
        for rel in _corpus_texts(cws, result):
            ann_rel = rel[: -len(".txt")] + ".ann"
            try:
                ann_kind = cws.kind(ann_rel)
            except FileError as problem:
                result.problems.append(_left_out(ann_rel, f"{problem.message}; left out"))
                continue
            if ann_kind != "file":
                result.problems.append(_left_out(rel, "no .ann beside it; left out" if ann_kind == "missing" else
                                                 f"{ann_rel} is not a regular file (a pipe, a device or a folder); left out"))
                continue
            sid = rel.rsplit("/", 1)[-1][: -len(".txt")]
            if visible(sid) != sid:  # (control, bidi or invisible characters: a name never put in seeds/)
                sid = safe_id(sid, "document")
            if sid.startswith("."):
                result.problems.append(_left_out(rel, "a name starting with '.' is not read as a source in seeds/; left out"))
                continue
            if sid in seen:
                result.problems.append(_left_out(rel, f"another document is named {sid} ({seen[sid]}); left out"))
                continue
            seen[sid] = rel
            docs.append((sid, rel, ann_rel))

        # Sources first: a document is read only against the text that ends up in seeds/. They
        # are written together (`files.Batch`: a few syncs, not two a file), linked into place
        # before the cards are made from them.
        parsed: dict[str, Ann] = {}
        ann_rels: dict[str, str] = {}  # document -> its .ann, relative to the corpus
        source_of: dict[str, tuple[str, str]] = {}  # seeds/ path -> (document, its .txt in the corpus)
        ws = stack.enter_context(files.Workspace(root))
        new_sources = stack.enter_context(ws.batch())
        for sid, rel, ann_rel in docs:
            try:
                raw, _ = cws.read(rel, MAX_SOURCE_BYTES, "document")
            except FileError as problem:
                said = problem.message.replace("outside the workspace", "outside the folder")
                result.problems.append(_left_out(rel, f"{said}; left out"))
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                result.problems.append(_left_out(rel, "not UTF-8 text (brat reads UTF-8); left out"))
                continue
            if text.startswith("\ufeff"):
                result.problems.append(_left_out(rel, "starts with a byte-order mark, which brat counts as a character and factex does not; left out"))
                continue
            target = f"{SOURCES_DIR}/{sid}.txt"
            try:
                new_sources.add(target, text.encode("utf-8"))
                source_of[target] = (sid, rel)
            except FileError as problem:
                same = False
                if problem.kind == "exists":
                    with contextlib.suppress(FileError):
                        same = ws.read(target, MAX_SOURCE_BYTES, "source")[0] == text.encode("utf-8")
                    if not same:
                        result.problems.append(_left_out(rel, f"{target} exists with other text; left out (not replaced)"))
                        continue
                else:  # seeds/ a link out of the workspace, ...
                    result.problems.append(_left_out(rel, f"not written: {problem.message}; left out"))
                    continue
            try:
                ann_text = cws.read(ann_rel, MAX_SOURCE_BYTES, "annotation")[0].decode("utf-8")
            except FileError as problem:
                result.problems.append(_left_out(ann_rel, f"{problem.message}; left out"))
                continue
            except UnicodeDecodeError:
                result.problems.append(_left_out(ann_rel, "not UTF-8; left out"))
                continue
            ann = parse_ann(ann_text, text)
            result.problems.extend(p.at(ann_rel) for p in ann.problems)
            parsed[sid] = ann
            ann_rels[sid] = ann_rel
        for target, problem in new_sources.commit():
            sid, rel = source_of[target]
            if problem is None:
                result.sources.append(target)
            else:  # (its name taken, its folder gone, since it was added)
                parsed.pop(sid, None)
                result.problems.append(_left_out(rel, f"not written: {problem.message}; left out"))

    sources = read_sources(root, root / SOURCES_DIR).sources
    taken = existing_ids(root)
    cards: dict[tuple, _Card] = {}
    order = 0

    def card(kind: str, key: tuple, fields: dict, wanted: str) -> _Card:
        """The card for `key`, made on first use with id `wanted` (or wanted-2, ... when taken)."""
        if key not in cards:
            card_id = unique_id(safe_id(wanted, kind) if wanted else kind, taken)
            taken[id_key(card_id)] = kind
            cards[key] = _Card(kind, card_id, fields, [])
        return cards[key]

    entity_of: dict[tuple[str, str], str] = {}  # (document, T id) -> entity card id
    for sid, ann in parsed.items():
        if sid not in sources:
            result.problems.append(_left_out(ann_rels[sid], f"its source could not be read back from {SOURCES_DIR}/; left out"))
            continue
        attrs = {(target, name): value for _, name, target, value, _ in ann.attributes}
        for a_id, name, target, _, line in ann.attributes:
            if name not in ("Certainty", "Attribution") or target not in ann.spans or ann.spans[target].type != FACT_TYPE:
                result.problems.append(_left_out(ann_rels[sid], f"{a_id}: attribute {name} on {target} has no factex equivalent; left out", line))
        for span in sorted(ann.spans.values(), key=lambda s: (s.start, s.id)):
            order += 1
            note = _factex_note(ann, span.id) or {}
            index = note.get("evidence") if isinstance(note.get("evidence"), int) else order
            ev = (index, sid, span.start, span.end, note.get("note"))
            if span.type == FACT_TYPE:
                if not isinstance(note.get("relation"), str):
                    result.problems.append(_left_out(ann_rels[sid], f"{span.id}: a Fact span without its factex note; left out", span.line))
                    continue
                fields = {k: note.get(k) for k in ("subject", "predicate", "object", "qualifiers")}
                fields["certainty"] = attrs.get((span.id, "Certainty"))
                fields["attribution"] = attrs.get((span.id, "Attribution"))
                card("relation", ("relation", note["relation"]), fields, note["relation"]).evidence.append(ev)
                continue
            if isinstance(note.get("entity"), str):
                fields = {k: note.get(k) for k in ("name", "type", "aliases", "description")}
                c = card("entity", ("entity", note["entity"]), fields, note["entity"])
            else:  # a span of another brat corpus: one entity per type and text
                type_ = span.type.lower().replace("_", "-")
                if not WORD_RE.match(type_):  # (a type with control characters, a path: its words, or none)
                    type_ = card_slug(type_, max_length=32)
                    type_ = type_ if WORD_RE.match(type_) else "thing"
                name = " ".join(span.text.split())
                c = card("entity", ("brat-entity", type_, name.casefold()), {"name": name, "type": type_},
                         card_slug(name) or "entity")
            c.evidence.append(ev)
            entity_of[(sid, span.id)] = c.id
        for r_id, type_, arg1, arg2, line in ann.relations:
            note = _factex_note(ann, r_id)
            if note and isinstance(note.get("relation"), str):
                continue  # factex's own: the relation comes from its Fact spans
            s, o = entity_of.get((sid, arg1)), entity_of.get((sid, arg2))
            if s is None or o is None:
                result.problems.append(_left_out(ann_rels[sid], f"{r_id}: an argument is not an imported span; left out", line))
                continue
            a, b = ann.spans[arg1], ann.spans[arg2]
            start, end = min(a.start, b.start), max(a.end, b.end)
            predicate = " ".join(type_.replace("_", " ").split())
            fields = {"subject": s, "predicate": predicate, "object": o}
            order += 1
            c = card("relation", ("brat-relation", s, predicate, o), fields, card_slug(s, predicate, o))
            c.evidence.append((order, sid, start, end, None))

    # A factex entity whose id was taken got another: relations name it by the new one.
    renamed = {key[1]: c.id for key, c in cards.items() if key[0] == "entity"}
    for key, c in cards.items():
        if key[0] == "relation":
            for field_name in ("subject", "object", "attribution"):
                value = c.fields.get(field_name)
                if isinstance(value, str):
                    c.fields[field_name] = renamed.get(value, value)
    _write_cards(root, cards, sources, ann_rels, result)
    return result


def _whole_words(text: str, start: int, end: int) -> bool:
    """The span neither starts nor ends inside a word (a card quote must be whole words)."""
    inside = lambda i: 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()  # noqa: E731
    return not inside(start) and not inside(end)


def _write_cards(root: Path, cards: dict, sources: dict, ann_rels: dict[str, str], result: Imported) -> None:
    """Each card through the one card template (`authoring.card_text`, as `factex new` writes
    them), read back to check it says what was meant, and created, never over a file."""
    from explorer.core import files

    # The cards are written together (`files.Batch`): each whole under a hidden name, then synced
    # once and linked into place, never over a file; an error or Ctrl-C on the way leaves no card
    # half-written and no hidden file behind. (Each created and synced alone, 20,000 took 168 s.)
    with files.Workspace(root) as ws, ws.batch() as batch:
        _write_batch(root, cards, sources, ann_rels, result, batch)


def _write_batch(root: Path, cards: dict, sources: dict, ann_rels: dict[str, str], result: Imported, batch) -> None:
    from explorer.core.authoring import card_text, locate_quote, schema_comment, verify_round_trip
    from explorer.core.errors import FileError

    card_of: dict[str, str] = {}  # rel -> "kind id", of each card added to the batch
    schema_lines: dict[str, str] = {}  # kind -> its cards' first line (the same for each)

    def written(rel: str, card: str, problem) -> None:
        if problem is None:
            result.cards.append(rel)
        elif problem.kind == "exists":
            result.problems.append(_left_out(rel, "exists; not replaced"))
        else:  # facts/ a link out of the workspace, ...
            result.problems.append(_left_out(rel, f"{card}: not written: {problem.message}"))

    for c in cards.values():
        evidence, problems = [], []
        for _, sid, start, end, note in sorted(c.evidence, key=lambda e: (e[0], e[1], e[2])):
            source = sources[sid]
            quote = source.text[start:end]
            places = [p for p in locate_quote(quote, [source])]
            hits = [i for i, p in enumerate(places, 1) if (p.start, p.end) == (start, end)]
            if not quote.strip() or not hits or not _whole_words(source.text, start, end):
                problems.append((sid, f"{start}-{end} {quote[:40]!r} is not whole words of the text"))
                continue
            if places[hits[0] - 1].spans_paragraphs:
                problems.append((sid, f"{start}-{end} {quote[:40]!r} spans two paragraphs"))
                continue
            item = {"quote": quote, "source": sid}
            if len(places) > 1:
                item["occurrence"] = str(hits[0])  # (as a card reads back: every scalar is text)
            if note is not None:
                item["note"] = note
            evidence.append(item)
        rel = f"{FACTS_DIR}/{FOLDERS[c.kind]}/{c.id}.yaml"
        for sid, what in problems:
            result.problems.append(_left_out(ann_rels[sid], f"{c.kind} {c.id}: evidence {what}; left out"))
        if not evidence:
            result.problems.append(_left_out(rel, f"{c.kind} {c.id}: no evidence left; no card written"))
            continue
        f = c.fields
        if c.kind == "entity":
            values = {"name": str(f.get("name") or c.id), "type": str(f.get("type") or "thing"),
                      "aliases": [str(a) for a in f.get("aliases") or []],
                      "description": None if f.get("description") is None else str(f["description"])}
        else:
            values = {key: str(f.get(key) or "") for key in ("subject", "predicate", "object")}
            values["qualifiers"] = {str(k): str(v) for k, v in (f.get("qualifiers") or {}).items()}
            values["certainty"] = f.get("certainty") or None
            values["attribution"] = f.get("attribution") or None
        if c.kind not in schema_lines:
            schema_lines[c.kind] = schema_comment(root / FACTS_DIR / FOLDERS[c.kind], root)
        text = card_text(c.kind, values, evidence, schema_lines[c.kind])
        try:
            verify_round_trip(text, {"kind": c.kind, **{k: v for k, v in values.items() if v}}, evidence)
            batch.add(rel, text.encode("utf-8"))
            card_of[rel] = f"{c.kind} {c.id}"
        except FileError as problem:
            written(rel, f"{c.kind} {c.id}", problem)
        except AuthoringError as exc:
            result.problems.append(_left_out(rel, f"{c.kind} {c.id}: {exc}; no card written"))
    for rel, problem in batch.commit():
        written(rel, card_of[rel], problem)
