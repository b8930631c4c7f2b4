"""Authoring: new cards, and finding where a passage stands in the sources. No Textual here.

The app never rewrites, reformats or deletes a card; it creates a new card only when asked, and never
over an existing file. `new_entity_card` and `new_relation_card` check what they are given (quotes
are anchored with the checker's own matching, entity ids must exist) and return the card's text and
path without writing anything; `create_card` then writes it, refusing to replace any file.

    card = new_entity_card(root, "Kim Jong Un", type="person", quotes=["North Korean leader"])
    create_card(card.path, card.text)
"""

from __future__ import annotations

import unicodedata

import contextlib
import errno
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.resolver import Resolver

from explorer.core.anchoring.anchor import anchor_quote, find_all, unbroken_hits
from explorer.core.anchoring.nearest import closest_passage
from explorer.core.cardformat.cards import EVIDENCE_FIELDS, FIELDS_BY_KIND, EntityNames
from explorer.core.cardformat.fields import KEY_RE, WORD_RE, FieldSpec
from explorer.core.errors import AuthoringError, FileError
from explorer.core.layout import FACTS_DIR, FOLDERS, SOURCES_DIR, card_slug, check_id, how_ids_differ, id_key, unique_id
from explorer.core.model import CERTAINTIES, DEFAULT_CERTAINTY
from explorer.core.anchoring.sources import Source, read_sources
from explorer.core.text import normalize_quote
from explorer.core.safetext import quoted, visible
from explorer.core.cardformat.yamlsafe import parse_card

SCHEMA_FILE = "card.schema.json"
COMMENT_COLUMN = 34  # trailing comments line up here, as in docs/card-format.md


@dataclass
class NewCard:
    """A card ready to be written: `create_card(card.path, card.text)`."""

    kind: str
    id: str
    path: Path  # where it goes
    rel: str  # the same, relative to the workspace, POSIX style
    text: str
    notes: list[str] = field(default_factory=list)  # what is still to fill in, and warnings
    line: int = 1  # where to open the editor on it: the first field to fill in
    root: Path | None = None  # the workspace it goes in (`write_card` writes it there)


# --- ids ----------------------------------------------------------------------------------------

def existing_ids(root: str | os.PathLike) -> dict[str, str]:
    """Every card id's key under facts/ (`layout.id_key`: case and normal form folded) -> its
    first file, relative to the workspace."""
    from explorer.core.loading.loader import Loader

    found: dict[str, str] = {}
    for rel, _ in Loader(root).card_paths():
        name = rel.rsplit("/", 1)[-1]
        found.setdefault(id_key(name[: name.rfind(".")]), rel)
    return found


def _choose_id(root: Path, kind: str, wanted: str | None, derived: str) -> str:
    taken = existing_ids(root)
    if wanted is not None:
        card_id = check_id(wanted)
        rel = taken.get(id_key(card_id))
        if rel is not None:
            name = rel.rsplit("/", 1)[-1]
            other = name[: name.rfind(".")]
            same = "" if other == card_id else f" as {quoted(other)} ({how_ids_differ(card_id, other)})"
            raise AuthoringError(f"a card with the id {quoted(card_id)} exists{same}: {rel}; ids are unique across facts/")
        return card_id
    return unique_id(derived or kind, taken)


# --- YAML text ----------------------------------------------------------------------------------

_RESOLVER = Resolver()
_PLAIN_OK = re.compile(r"[^\W\d_][\w .,;'()/$%&+!?\u2019-]*")
_RISKY_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
# Characters YAML may carry literally but that should never hide in a card: controls, bidi and
# invisible characters, line and paragraph separators. Written as escapes instead.
_ESCAPE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff\ufff9-\ufffb]"
)
_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0", "\x1b": "\\e"}


def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar that every YAML reader reads back as exactly this text.

    Plain when that is unambiguous (it starts with a letter, holds no YAML syntax, and no YAML
    version would read it as a number, date, boolean or null); double-quoted otherwise, with
    control, bidi and invisible characters written as escapes so they cannot hide in the card.
    """
    if (
        _PLAIN_OK.fullmatch(value)
        and not value.endswith(" ")
        and value.casefold() not in _RISKY_WORDS
        and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"
    ):
        return value
    out = []
    for ch in value:
        if ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif _ESCAPE.match(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _commented(left: str, help_text: str) -> str:
    pad = max(1, COMMENT_COLUMN - len(left))
    return f"{left}{' ' * pad}# {help_text}" if help_text else left


def schema_comment(card_dir: Path, root: Path) -> str:
    """The first line of a new card: where editors find the card schema, relative to the card.

    A copy the workspace keeps when it has one, so that every card of a team's workspace points
    at the same file whoever wrote it: `card.schema.json` saved at the workspace's top
    (`factex schema > card.schema.json`, as the README says) or in `facts/`, or
    `explorer/schema/` in the factex repository. Otherwise the schema installed with factex
    (a path on this machine).
    """
    installed = Path(__file__).resolve().parent.parent / "schema" / SCHEMA_FILE
    try:
        for local in (root / SCHEMA_FILE, root / "facts" / SCHEMA_FILE, root / "explorer" / "schema" / SCHEMA_FILE):
            # (only a name written into a comment; is_file() is False on a link loop or a pipe)
            if local.is_file():
                where = os.path.relpath(local, card_dir)
                break
        else:
            # (abspath, not resolve(): a link loop in the workspace must not raise here)
            where = os.path.relpath(installed, os.path.abspath(card_dir))
    except ValueError:  # pragma: no cover - another drive on Windows
        where = installed.as_posix()
    return f"# yaml-language-server: $schema={Path(where).as_posix()}"


_EXAMPLES = {"texts": "another name", "qualifiers": "date: February 18", "certainty": DEFAULT_CERTAINTY}


def card_text(kind: str, values: dict, evidence: list[dict], schema_line: str) -> str:
    """The text of a new card, in the field table's order: given fields filled in, the optional
    ones as a commented template, required ones left blank when not given (the checker then says
    what to fill in)."""
    lines = [schema_line]
    for spec in FIELDS_BY_KIND[kind].values():
        name, value = spec.name, values.get(spec.name)
        if spec.type == "kind":
            lines.append(f"kind: {kind}")
        elif spec.type == "evidence":
            lines.extend(_evidence_lines(spec, evidence))
        elif value not in (None, [], {}, ""):
            lines.extend(_field_lines(spec, value))
        elif spec.required:
            lines.append(_commented(f"{name}:", spec.help))
        else:
            lines.extend(_template_lines(spec))
    return "\n".join(lines) + "\n"


def _field_lines(spec: FieldSpec, value) -> list[str]:
    if spec.type == "texts":
        return [f"{spec.name}:", *(f"  - {yaml_scalar(v)}" for v in value)]
    if spec.type == "qualifiers":
        return [f"{spec.name}:", *(f"  {k}: {yaml_scalar(v)}" for k, v in value.items())]
    return [f"{spec.name}: {yaml_scalar(value)}"]


def _template_lines(spec: FieldSpec) -> list[str]:
    example = _EXAMPLES.get(spec.type)
    if spec.type == "texts":
        return [_commented(f"# {spec.name}:", spec.help), f"#   - {example}"]
    if spec.type == "qualifiers":
        return [_commented(f"# {spec.name}:", spec.help), f"#   {example}"]
    return [_commented(f"# {spec.name}: {example or ''}".rstrip(), spec.help)]


def _evidence_lines(spec: FieldSpec, evidence: list[dict]) -> list[str]:
    lines = [_commented("evidence:", spec.help)]
    if not evidence:
        return lines + [_commented("  - quote:", EVIDENCE_FIELDS["quote"].help)]
    for item in evidence:
        lines.append(f"  - quote: {yaml_scalar(item['quote'])}")
        if item.get("source"):
            lines.append(f"    source: {yaml_scalar(item['source'])}")
        if item.get("occurrence"):
            lines.append(f"    occurrence: {int(item['occurrence'])}")
        if item.get("note") is not None:
            lines.append(f"    note: {yaml_scalar(item['note'])}")
    if not any(item.get("note") is not None for item in evidence):
        lines.append(_commented("    # note:", EVIDENCE_FIELDS["note"].help))
    return lines


def verify_round_trip(text: str, expected: dict, evidence: list[dict]) -> None:
    """The card must read back exactly as meant; anything else is a bug, never written."""
    doc = parse_card(text)
    data = doc.data if not doc.issues and isinstance(doc.data, dict) else None
    if evidence:
        expected = {**expected, "evidence": evidence}
    if data is None or any(data.get(k) != v for k, v in expected.items()):
        raise AuthoringError("cannot write this card as YAML that reads back the same; is some text not valid Unicode?")


# --- checking what is given ---------------------------------------------------------------------


def _sources_of(root: Path, base) -> dict[str, Source]:
    if base is not None:
        return base.sources
    return read_sources(root, root / SOURCES_DIR).sources


def _text(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    if not value.strip():
        raise AuthoringError(f"the {what} is empty")
    return value.strip()


def check_quotes(quotes, sources: dict[str, Source], source: str | None = None) -> list[dict]:
    """Anchor each quote as the checker will; the evidence items, or AuthoringError with the
    checker's message (the closest passage and what differs when a quote is not found). A quote
    is its text, or (text, occurrence): which of its occurrences is meant (1 = first)."""
    if source is not None:
        if source not in sources:
            from explorer.core.cardformat.cards import did_you_mean

            raise AuthoringError(f"unknown source '{source}' (a source id is a file name in seeds/ without its extension)"
                                 + did_you_mean(source, sources))
        candidates = [sources[source]]
    else:
        candidates = list(sources.values())
    items = []
    found_in = []
    for given in quotes:
        quote, occurrence = given if isinstance(given, tuple) else (given, None)
        if not quote.strip():
            raise AuthoringError("a quote is empty")
        result = anchor_quote(quote, candidates, occurrence=occurrence)
        if result.error:
            raise AuthoringError(result.error)
        items.append({"quote": quote, **({"occurrence": str(occurrence)} if occurrence is not None else {})})
        found_in.append(result.anchor.source)
    # In a workspace of several sources the card says where its quotes are, so that an article
    # added later (a revision repeating the same sentences) cannot make them ambiguous: one
    # card-level `source:` when they share one (see pin_source), else a `source:` on each quote.
    if (source is not None or len(sources) > 1) and len(set(found_in)) > 1:
        for item, sid in zip(items, found_in):
            item["source"] = sid
    return items, (found_in[0] if found_in and len(set(found_in)) == 1 and (source is not None or len(sources) > 1) else None)


def _entity_ref(base, value: str, role: str) -> str:
    """An entity id given for `role`, checked against the fact base."""
    value = value.strip()
    if value in base.entities:
        return value
    if value in base.relations:
        raise AuthoringError(f"{role} {quoted(value)} is a relation, not an entity")
    if value in base.card_files:
        raise AuthoringError(f"{role} {quoted(value)} names a card that has errors ({base.card_files[value]}): fix that card first")
    guess = _guess_entity(base, value)
    hint = (f"; did you mean {quoted(guess)} ({base.entities[guess].name})?" if guess else
            f": no entity card has this id yet: card the entity first (factex new entity NAME --id {quoted(value)}), "
            "or correct the id")
    raise AuthoringError(f"{role} {quoted(value)} is not an entity id{hint}")


def _guess_entity(base, value: str) -> str | None:
    """The entity `value` most likely meant: the same guess `factex check` gives."""
    names = EntityNames((e.id, e.name, e.aliases, len(e.evidence)) for e in base.entities.values())
    found = names.guess(value, limit=1)
    return found[0] if found else None


# --- new cards ----------------------------------------------------------------------------------


def _place(root: Path, kind: str, card_id: str) -> tuple[Path, str]:
    rel = f"{FACTS_DIR}/{FOLDERS[kind]}/{card_id}.yaml"
    return root / rel, rel


def new_entity_card(
    root: str | os.PathLike,
    name: str,
    *,
    type: str | None = None,
    quotes=(),
    id: str | None = None,
    source: str | None = None,
    aliases=(),
    description: str | None = None,
    base=None,
) -> NewCard:
    """A new entity card (not yet written) at facts/entities/<id>.yaml.

    The id comes from the name unless given, made unique across facts/. Every quote must anchor in
    the sources (`source` picks one); `base` is a loaded FactBase to reuse (else sources are read).
    Raises AuthoringError saying what is wrong.
    """
    root = Path(root)
    name = _text(name, "name")
    if type is not None:
        type = type.strip()
        if not WORD_RE.match(type):
            lower = card_slug(type, max_length=32)
            raise AuthoringError(f"the type must be a short lowercase word (like person or place), not '{type}'"
                                 + (f"; did you mean '{lower}'?" if lower and WORD_RE.match(lower) else ""))
    aliases = [_text(a, "alias") for a in aliases]
    description = _text(description, "description")
    evidence, pinned = check_quotes(quotes, _sources_of(root, base), source)
    card_id = _choose_id(root, "entity", id, card_slug(name))
    path, rel = _place(root, "entity", card_id)
    values = {"name": name, "type": type, "aliases": aliases, "description": description, "source": pinned}
    text = card_text("entity", values, evidence, schema_comment(path.parent, root))
    verify_round_trip(text, {"kind": "entity", **{k: v for k, v in values.items() if v}}, evidence)
    notes = []
    if type is None:
        notes.append("fill in `type:` (a short lowercase word: person, organization, country, place, ...)")
    if not evidence:
        notes.append("add a quote under `evidence:`: the card does not check clean without one")
    return NewCard("entity", card_id, path, rel, text, notes, root=root)


def new_relation_card(
    root: str | os.PathLike,
    subject: str,
    predicate: str,
    object: str,
    *,
    certainty: str | None = None,
    attribution: str | None = None,
    qualifiers: dict[str, str] | None = None,
    quotes=(),
    id: str | None = None,
    source: str | None = None,
    base=None,
) -> NewCard:
    """A new relation card (not yet written) at facts/relations/<id>.yaml, read as the sentence
    "subject predicate object". Subject, object and attribution must be ids of valid entities.

    The id comes from subject-predicate-object unless given, made unique across facts/. `base` is
    a loaded FactBase to reuse (else the workspace is loaded). Raises AuthoringError.
    """
    root = Path(root)
    if base is None:
        from explorer.core.loading.loader import Loader

        base = Loader(root).load()
    predicate = _text(predicate, "predicate").strip()
    subject = _entity_ref(base, subject, "subject")
    object = _entity_ref(base, object, "object")
    if attribution is not None:
        attribution = _entity_ref(base, attribution, "attribution")
    if certainty is not None and certainty not in CERTAINTIES:
        raise AuthoringError(f"certainty must be one of {', '.join(CERTAINTIES)}, not '{certainty}'")
    qualifiers = dict(qualifiers or {})
    for key, value in qualifiers.items():
        if not KEY_RE.match(key):
            raise AuthoringError(f"qualifier key '{key}' must be a short lowercase word (like date or place)")
        _text(value, f"qualifier `{key}`")
    evidence, pinned = check_quotes(quotes, base.sources, source)
    card_id = _choose_id(root, "relation", id, card_slug(subject, predicate, object))
    path, rel = _place(root, "relation", card_id)
    values = {"subject": subject, "predicate": predicate, "object": object, "qualifiers": qualifiers,
              "certainty": certainty, "attribution": attribution, "source": pinned}
    text = card_text("relation", values, evidence, schema_comment(path.parent, root))
    verify_round_trip(text, {"kind": "relation", **{k: v for k, v in values.items() if v}}, evidence)
    notes = []
    if not evidence:
        notes.append("add a quote under `evidence:`: the card does not check clean without one")
    if certainty == "reported" and attribution is None:
        notes.append("a reported fact should say who reports it: add `attribution:`")
    if subject == object:
        notes.append(f"the relation links '{subject}' to itself")
    return NewCard("relation", card_id, path, rel, text, notes, root=root)


def write_card(card: NewCard) -> Path:
    """Write a new card in its workspace through `files.Workspace.create`: never over an
    existing file (FileExistsError), never through a link out of the workspace (a `facts/entities`
    that is a link to elsewhere is refused with an OSError saying so), never half-written."""
    root = card.root if card.root is not None else Path(str(card.path)[: -len(card.rel)] or ".")
    return create_card(card.path, card.text, root=root, rel=card.rel)


def create_card(path: str | os.PathLike, text: str, *, root: str | os.PathLike | None = None, rel: str | None = None) -> Path:
    """Write a new card file, never over an existing one (FileExistsError if `path` exists).

    With `root` and `rel`, the file is made at `rel` inside the workspace `root` by
    `files.Workspace.create` (folders reached without following a link out, `O_CREAT|O_EXCL`);
    without, `path`'s own folder (made if missing) is taken as the trusted place to write in.
    The text goes to a short hidden temporary file in the same folder first, then is linked into
    place: a link never replaces a file, and a reader never sees a half-written card.
    """
    from explorer.core import files

    path = Path(path)
    if root is None or rel is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        root, rel = path.parent, path.name
    with files.Workspace(root) as ws:
        try:
            ws.create(rel, text.encode("utf-8"))
        except FileError as problem:
            if problem.kind == "exists":
                raise FileExistsError(errno.EEXIST, problem.message, str(path)) from None
            raise
    return path


# --- where a passage stands ---------------------------------------------------------------------


@dataclass
class Passage:
    """A span of a source: `source.text[start:end]`."""

    source: Source
    start: int
    end: int
    line: int
    column: int
    paragraph: int  # of the start (1-based; 0 between paragraphs)
    end_paragraph: int
    ratio: float = 1.0  # how alike the quote is (1.0: found)
    differences: str = ""  # for a near passage: how the quote differs

    @property
    def spans_paragraphs(self) -> bool:
        return self.paragraph != self.end_paragraph


def _passage(source: Source, start: int, end: int, **extra) -> Passage:
    return Passage(source, start, end, source.line_of(start), source.column_of(start),
                   source.paragraph_of(start), source.paragraph_of(max(start, end - 1)), **extra)


def locate_quote(quote: str, sources) -> list[Passage]:
    """Every place `quote` stands in `sources`, matched as quotes are (typography aside)."""
    nq = normalize_quote(quote)
    if not nq:
        return []
    found = []
    sources = list(sources)
    for source in sources:
        for npos in find_all(source, nq):
            start, end = source.to_original(npos, npos + len(nq))
            found.append(_passage(source, start, end))
    if not found:  # a word a hyphen breaks across a line end ("ac-\ncount") read whole, as a card's quote is
        by_id = {source.id: source for source in sources}
        for whole, npos in unbroken_hits(nq, sources):
            start, end = whole.to_original(npos, npos + len(nq))
            found.append(_passage(by_id[whole.id], start, end))
    return found


def nearest_passages(quote: str, sources, limit: int = 3) -> list[Passage]:
    """The passages most like `quote` (at most one per source), the closest first."""
    nq = normalize_quote(quote)
    if not nq:
        return []
    near = []
    for source in sources:
        p = closest_passage(nq, [source])
        if p is None:
            continue
        start, end = source.to_original(p.nstart, p.nend)
        diffs = p.differences
        near.append(_passage(source, start, end, ratio=p.ratio, differences=diffs))
    near.sort(key=lambda p: -p.ratio)
    return near[:limit]


CONTEXT_CHARS = 8  # characters of a line taken per cell of context (marks and joiners take none)


def context(passage: Passage, width: int = 60) -> tuple[str, str, str]:
    """(before, passage, after): the passage within its line(s), cut to `width` terminal cells
    each side (a Chinese or Japanese character takes two, a mark on a letter none: a line of
    Japanese was twice as wide as one of English). Raw text: pass each part through `visible()`
    before printing."""
    source = passage.source
    text = source.text
    starts = source.line_starts  # (CR LF, CR and LF each end a line)
    line_start = starts[source.line_of(passage.start) - 1]
    last = source.line_of(max(passage.start, passage.end - 1))
    line_end = starts[last] if last < len(starts) else len(text)
    while line_end > passage.end and text[line_end - 1] in "\r\n":
        line_end -= 1
    # Only what can be shown is taken of the line (a character takes at most two cells; marks on
    # it none, CONTEXT_CHARS allows a few per character): a source of one 50 MB line copied the
    # whole line before each occurrence, `factex quote` over its 55,000 places took minutes.
    room = CONTEXT_CHARS * max(width, 1)
    cut_before, cut_after = passage.start - line_start > room, line_end - passage.end > room
    before = text[max(line_start, passage.start - room) : passage.start]
    middle = text[passage.start : passage.end]
    after = text[passage.end : min(line_end, passage.end + room)]
    before = before.lstrip()
    after = after.rstrip()
    if cut_before and _cells(before) <= width:
        before = "\u2026" + before
    elif _cells(before) > width:
        cut, used = len(before), 0
        while cut > 1 and used + _cell(before[cut - 1]) <= width:
            cut -= 1
            used += _cell(before[cut])
        while cut < len(before) and _joins_previous(before[cut], before[cut - 1]):
            cut += 1  # not a vowel sign or accent without its letter
        before = "\u2026" + before[cut:]
    if cut_after and _cells(after) <= width:
        after += "\u2026"
    elif _cells(after) > width:
        cut, used = 0, 0
        while cut < len(after) and used + _cell(after[cut]) <= width:
            used += _cell(after[cut])
            cut += 1
        while 0 < cut < len(after) and _joins_previous(after[cut], after[cut - 1]):
            cut += 1  # a letter's marks stay with it
        if cut < len(after):  # (the marks may run to the line's end: then nothing is cut)
            after = after[:cut] + "\u2026"
    return before, middle, after


def _cell(c: str) -> int:
    """The cells a character takes in a terminal: two for a wide (East Asian) one, none for a
    nonspacing mark or a format character, else one (as the C library's `wcwidth` counts)."""
    if c < "\u0300":
        return 1
    if unicodedata.east_asian_width(c) in "WF":
        return 2
    return 0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else 1


def _cells(text: str) -> int:
    return len(text) if text.isascii() else sum(map(_cell, text))


def _joins_previous(c: str, previous: str) -> bool:
    """Is `c` drawn with the character before it: a combining mark, a joiner, a letter after a
    virama (the second half of an Indic conjunct, त्र)?"""
    return (c in "\u200c\u200d" or previous in "\u200c\u200d" or unicodedata.category(c)[0] == "M"
            or unicodedata.combining(previous) == 9)


# --- a card from a passage (the app's "new card from selection") --------------------------------


def pin_passage(source: Source, start: int, end: int) -> dict:
    """The evidence item that anchors exactly at `source.text[start:end]`, as the checker will read
    it: the quote, and `occurrence: N` when the same words stand in the source more than once (so
    the card cites the passage the user chose, not the first one like it). AuthoringError when no
    card can cite exactly that span (it cuts a word, or spans two paragraphs)."""
    quote = source.text[start:end]
    if not quote.strip():
        raise AuthoringError("the passage is empty")
    result = anchor_quote(quote, [source])
    if result.anchor is not None:  # the only place these words stand
        return {"quote": quote}
    nq = normalize_quote(quote)
    spans = [source.to_original(p, p + len(nq)) for p in find_all(source, nq)] if nq else []
    # the occurrence that is the span (or, typography trimming an edge, overlaps it the most)
    overlap = [(min(e, end) - max(s, start), -abs(s - start), n) for n, (s, e) in enumerate(spans, 1)]
    best = max(overlap, default=None)
    if best is not None and best[0] > 0:
        n = best[2]
        pinned = anchor_quote(quote, [source], occurrence=n)
        if pinned.anchor is not None and (pinned.anchor.start, pinned.anchor.end) == spans[n - 1]:
            return {"quote": quote, "occurrence": str(n)}
    raise AuthoringError(result.error or f"the passage cannot be quoted (line {source.line_of(start)})")



def card_from_passage(root: str | os.PathLike, kind: str, quote: str, source_id: str | None = None,
                      subject: str | None = None, values: dict[str, str] | None = None,
                      occurrence: str | None = None, mentioned: list[str] = ()) -> NewCard:
    """A new card holding `quote` exactly (with `source:` and `occurrence:` when given: see
    `pin_passage` for the item that cites one span of a source), the other fields a commented
    template to fill in.

    The file gets an unused name from the quote's first words. The card does not check clean
    until it is filled in (that is the point: the editor opens on it next).
    """
    root = Path(root)
    words = " ".join(quote.split()[:5])
    named = (values or {}).get("name")  # a card made whole (a suggested name): named after it
    card_id = unique_id((card_slug(named) if named else card_slug(f"new {kind} {words}")) or f"new-{kind}",
                        existing_ids(root))
    path, rel = _place(root, kind, card_id)
    values = {**({"subject": subject} if kind == "relation" and subject else {}), **(values or {})}
    evidence = [{"quote": quote, **({"source": source_id} if source_id else {}),
                 **({"occurrence": occurrence} if occurrence else {})}]
    text = card_text(kind, values, evidence, schema_comment(path.parent, root))
    if kind == "relation" and mentioned and not values.get("object"):
        # the ids to pick the object (or another subject) from, under `object:`: the entities the
        # quoted passage names, so no id has to be looked up or remembered
        ids = ", ".join(visible(n) for n in dict.fromkeys(mentioned))
        head, sep, tail = text.partition("\nobject:")
        line_end = tail.index("\n") + 1
        text = head + sep + tail[:line_end] + f"#   named in the quote: {ids}\n" + tail[line_end:]
    verify_round_trip(text, {"kind": kind, **values}, evidence)
    return NewCard(kind, card_id, path, rel, text, ["fill in the template, then save and quit"], line=_first_blank(text),
                   root=root)


def _first_blank(text: str) -> int:
    """The line of the first required field left blank in a new card's text (where the editor
    opens), else 1."""
    for number, line in enumerate(text.splitlines(), 1):
        key, colon, rest = line.partition(":")
        if colon and key.isidentifier() and (not rest.strip() or rest.lstrip().startswith("#")) and key != "evidence":
            return number
    return 1


# --- drafts: a new card from the app, written outside facts/ until it is saved -------------------
#
# `E`/`R` in the article view write the template to DRAFTS_DIR (at the same depth as facts/<kind>/,
# so the schema comment's relative path holds in both places), open the editor on it, then
# `finish_draft`: unchanged (a cancelled edit) -> the draft is removed and nothing is left; changed
# -> it is linked into facts/<kind>/ under an id that follows what the user wrote (the name, or
# subject-predicate-object), never over an existing file, and the draft removed. factex removes
# only a file it created in this action and that is byte-identical to what it wrote or read.

DRAFTS_DIR = ".factex-drafts"


@dataclass
class Draft:
    kind: str
    provisional: str  # the id if nothing better can be read from the card
    path: Path
    data: bytes  # what was written


def write_draft(root: str | os.PathLike, card: NewCard) -> Draft:
    """Write a new card's template as a draft (never over an existing file)."""
    root = Path(root)
    folder = root / DRAFTS_DIR / FOLDERS[card.kind]
    path = folder / f"{card.id}.yaml"
    n = 2
    while path.exists() or path.is_symlink():
        path = folder / f"{card.id}-{n}.yaml"
        n += 1
    create_card(path, card.text, root=root, rel=path.relative_to(root).as_posix())
    return Draft(card.kind, card.id, path, card.text.encode("utf-8"))


def _not_a_draft(root: Path, path: Path) -> str:
    """Why a draft could not be read after the editor: gone, or something else in its place (a
    link, which is never followed: an editor that saves through a link to /etc/passwd or to
    another card must not make a card of it; a folder; a pipe), left there."""
    import stat

    try:
        st = os.lstat(path)
    except OSError:
        return "The new card was not saved (its draft is gone)."
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = str(path)
    if stat.S_ISLNK(st.st_mode):
        what = "a link, which factex never follows"
    elif stat.S_ISDIR(st.st_mode):
        what = "a folder"
    else:
        what = "a pipe or a device, not a file"
    return f"The new card was not saved: its draft {rel} is now {what}; it is left there."


def key_line(root: str | os.PathLike, rel: str, keys: tuple[str, ...] = ("aliases:", "# aliases:", "name:")) -> int:
    """The line of the card `rel` where the first of `keys` found starts a line (where an editor
    opens it to add an alias); 1 when none does, or when `rel` is no longer a regular file of at
    most 1 MiB inside the workspace (a pipe, a link, a folder or nothing put there since it was
    loaded). Read through files.Workspace: never blocks on a pipe, never follows a link."""
    from explorer.core.cardformat.yamlsafe import MAX_CARD_BYTES
    from explorer.core.files import Workspace

    try:
        with Workspace(root) as ws:
            data, _ = ws.read(rel, MAX_CARD_BYTES, "card")
    except OSError:
        return 1
    lines = data.decode("utf-8", "replace").splitlines()
    for key in keys:
        found = next((n for n, text in enumerate(lines, 1) if text.startswith(key)), None)
        if found is not None:
            return found
    return 1


def _read_exactly(path: Path) -> bytes | None:
    """The bytes of a regular file (not through a link), or None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        import stat

        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _remove_if_same(path: Path, data: bytes) -> bool:
    """Remove `path` only if it still holds exactly `data` (a file factex wrote just now)."""
    if _read_exactly(path) != data:
        return False
    with contextlib.suppress(OSError):
        os.unlink(path)
        _prune(path.parent)
        return True
    return False


def _prune(folder: Path) -> None:
    """Remove the drafts folders if they are empty (os.rmdir never removes anything else)."""
    for f in (folder, folder.parent):
        if f.name in (DRAFTS_DIR, *FOLDERS.values()):
            with contextlib.suppress(OSError):
                os.rmdir(f)


def draft_id(kind: str, text: str) -> str:
    """The id a filled-in card's own fields give: its name, or subject-predicate-object."""
    doc = parse_card(text)
    data = doc.data if isinstance(doc.data, dict) else {}

    def field_text(key: str) -> str:
        value = data.get(key)
        return value.strip() if isinstance(value, str) else ""

    if kind == "entity":
        return card_slug(field_text("name"))
    parts = [field_text(k) for k in ("subject", "predicate", "object")]
    return card_slug(*parts) if all(parts) else ""


def finish_draft(root: str | os.PathLike, draft: Draft) -> tuple[str | None, str]:
    """After the editor: (the new card's id, or None; a sentence for the user)."""
    root = Path(root)
    data = _read_exactly(draft.path)
    if data is None:
        return None, _not_a_draft(root, draft.path)
    if data == draft.data:
        _remove_if_same(draft.path, draft.data)
        return None, "Nothing saved: the new card was left unchanged."
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # kept where it is: nothing is lost
        return None, f"The new card is not UTF-8 text; it is still at {draft.path}"
    base = draft_id(draft.kind, text) or draft.provisional
    taken = existing_ids(root)
    for _ in range(100):
        card_id = unique_id(base, taken)
        path, rel = _place(root, draft.kind, card_id)
        try:
            # written through the one safe writer: never over a file, never through a link out
            create_card(path, text, root=root, rel=rel)
        except FileExistsError:
            taken[id_key(card_id)] = rel
            continue
        _remove_if_same(draft.path, data)
        return card_id, f"Saved {rel}"
    return None, f"Could not find a free name for the new card; it is still at {draft.path}"
