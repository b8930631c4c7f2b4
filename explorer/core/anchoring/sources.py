"""Source texts: the articles the cards quote, read once and indexed for anchoring."""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import field, fields
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from explorer.core.layout import SOURCES_DIR, hidden_name, how_ids_differ, id_key, id_problem, id_problem_message, leftover
from explorer.core.encodings import conflict_line, conflict_message, lfs_message, not_utf8, utf16
from explorer.core.model import Problem, record
from explorer.core.regexes import compiled
from explorer.core.paragraphs import paragraph_spans
from explorer.core.cardformat.provenance import MAX_SIDECAR_BYTES, SIDECAR_SUFFIX, SourceMeta, guess_title, sidecar_from_bytes
from explorer.core.text import LazyPattern, OffsetMap, key_text, normalize_mapped
from explorer.core.digests import sha256
from explorer.core.errors import FileError
from explorer.core.safetext import quoted


class Anchor(NamedTuple):
    """Where a quote stands: `source.text[start:end]` is the quoted span, untouched.

    A named tuple: immutable like a frozen dataclass, and about three times faster to make (a load
    makes one per quote). Here, not in explorer.core.anchoring.anchor (which names it too): the
    card cache's snapshot holds anchors, and the app's first start unpickles it before its first
    frame without needing the anchoring itself (~1.3 ms and ~120 page faults of that module)."""

    source: str
    start: int
    end: int
    line: int
    column: int
    paragraph: int


SOURCE_SUFFIXES = (".txt", ".md")
LINE_END = compiled(r"\r\n?|\n")  # every line end: CR LF, CR, LF
# An HTML character reference, as text saved from a page's HTML source carries them ("AT&amp;T",
# "&quot;a disaster,&quot;", "Smith&#39;s"): numeric ones, and the named ones such text holds.
HTML_REFERENCE = LazyPattern(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|quot|apos|lt|gt|nbsp|[lr][sd]quo|[mn]dash|hellip"
                             r"|laquo|raquo|eacute|aacute|oacute|uacute|iacute|ntilde|uuml|ouml|auml|ccedil|egrave|agrave);")
# Control characters no page shows and no quote can type (a card's YAML refuses them): a NUL, a
# backspace, an escape... in a source, it was not saved as text (a word processor's file, UTF-16
# read as bytes, a copy through a terminal). Tab, line and page ends are a text's own.
CONTROLS = LazyPattern(r"[\x00-\x08\x0e-\x1f\x7f]")
# Words in square brackets, as a writer puts them inside what someone said ("[the police]",
# "[sic]"), with the spaces before them; never a Markdown link's ("[text](address)", "[text][ref]").
_BRACKETED = LazyPattern(r"[ \t\u00a0]*\[[^\[\]\n]{1,60}\](?![(\[])")
# A hyphen after a letter at a line's end, the line end and the next line's indentation.
_LINE_HYPHEN = LazyPattern(r"(?<=[^\W\d_])-(?:\r\n?|\n)[ \t]*")
# Files in seeds/ that are neither a source nor a sidecar but are expected there (not reported).
_QUIET_NAMES = {"README", "README.md", "README.txt", "LICENSE", "NOTICE"}
MAX_SOURCE_BYTES = 64 << 20


@record
class Source:
    """One source text. Offsets everywhere are Python string indices into `text`."""

    id: str
    path: str  # relative to the workspace, POSIX style
    text: str
    sha256: str
    title: str = ""
    meta: SourceMeta = field(default_factory=SourceMeta)  # what its sidecar says (seeds/ID.yaml)
    sidecar: str | None = None  # the sidecar's path, relative to the workspace, when it has one

    @property
    def byline(self) -> str:
        """Outlet, authors and publication date, as far as the sidecar gives them: 'The War Zone ·
        Oliver Parken · 2024-02-20' (empty without a sidecar)."""
        meta = self.meta
        parts = [meta.outlet, ", ".join(meta.authors) if meta.authors else None, meta.published]
        return " · ".join(p for p in parts if p)

    # Pickled (in the card cache's snapshot) without the cached properties: they are found again.
    def __getstate__(self):
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def __setstate__(self, state):
        self.__dict__.update(state)

    @cached_property
    def unbroken(self) -> "Source | None":
        """This source with each word that a hyphen breaks across a line end read whole, as its
        reader reads it: "ac-\ncount" (text taken from a PDF, a court filing, a page set by
        hand) is "account". The hyphen becomes a soft hyphen and the line end with the
        indentation after it zero-width spaces (both invisible to matching), so every offset
        holds; its lines and paragraphs are this source's. None when no line ends so (a letter,
        a hyphen, the line end, then a lower-case letter: "Jean-\nPierre" keeps its hyphen).
        A quote is looked for here only when it is not found in the text as it is
        (`anchor.anchor_hits`), so "state-owned" typed for "state-\nowned" is found there too.
        A Markdown source (`.md`) is read as rendered, too: its inline markup (`**`, `_`, a link's
        brackets and address, a block quote's `>`) zero-width spaces (`explorer.core.markdown`)."""
        text = self.text
        markdown = self.path[-3:].lower() == ".md"
        if "-\n" not in text and "-\r" not in text and not markdown:
            return None
        pieces: list[str] = []
        last = 0
        for m in _LINE_HYPHEN.finditer(text):
            end = m.end()
            if end < len(text) and text[end].islower():
                pieces.append(text[last : m.start()])
                pieces.append("\u00ad" + "\u200b" * (end - m.start() - 1))
                last = end
        pieces.append(text[last:])
        read = "".join(pieces) if len(pieces) > 1 else text
        refs = ()
        if markdown:
            from explorer.core.markdown import references, rendered  # (only for a quote not found as it stands)

            read = rendered(read)
            refs = references(text)
        if read is text or read == text:
            return None
        whole = Source(self.id, self.path, read, self.sha256, self.title, self.meta, self.sidecar)
        if refs:  # a span that starts or ends inside a character reference takes all of it
            whole.__dict__["_norm"] = (whole._norm[0], _WholeReferences.of(whole._norm[1], refs))
        whole.__dict__["rendered"] = markdown  # (its zero-width spaces are markup: shown as nothing)
        whole.__dict__["line_starts"] = self.line_starts  # (as long as the text: the same offsets)
        whole.__dict__["paragraphs"] = self.paragraphs
        return whole

    @cached_property
    def unbracketed(self) -> "Source | None":
        """This source as read without the words a writer puts in square brackets inside what
        someone said ("nothing [the police] did helped", "a disaster [sic] for"), each group and
        the space before it zero-width spaces (invisible to matching), so every offset holds: where
        a quote that leaves such words out is found (`anchor._dropped_brackets`, only for a quote
        not found), to say so. A Markdown source is read as rendered first (a link's brackets are
        markup, not words). None when the text has no such group."""
        return self._bracket_reading(True)

    @cached_property
    def unbracket_marked(self) -> "Source | None":
        """This source as read with its writer's square brackets invisible but the words in them
        kept ("nothing [the police] did" read "nothing the police did"): where a quote that types
        the words without their brackets is found, to say so. None when it has no such group."""
        return self._bracket_reading(False)

    def _bracket_reading(self, words: bool) -> "Source | None":
        read = self.unbroken if self.path[-3:].lower() == ".md" and self.unbroken is not None else self
        text = read.text
        if "[" not in text:
            return None

        def blank(m):
            if words:
                return "\u200b" * (m.end() - m.start())
            g = m.group()
            return g.replace("[", "\u200b").replace("]", "\u200b")

        out = _BRACKETED.sub(blank, text)
        if out == text:
            return None
        whole = Source(self.id, self.path, out, self.sha256, self.title, self.meta, self.sidecar)
        whole.__dict__["line_starts"] = self.line_starts
        whole.__dict__["paragraphs"] = self.paragraphs
        return whole

    @cached_property
    def _norm(self):
        return normalize_mapped(self.text)

    # Cached properties, not properties: after the first use each is a plain attribute look-up,
    # which matters when tens of thousands of quotes are anchored.
    @cached_property
    def normalized(self) -> str:
        """The typography-normalised text (see `explorer.core.text`), computed once."""
        return self._norm[0]

    @cached_property
    def key(self) -> str:
        """The normalised text lower-cased and without accents, position for position: where
        "did you mean" looks for a quote's words (computed only when a quote is not found)."""
        return key_text(self.normalized)

    @cached_property
    def joins(self) -> bool:
        """Does the text hold a zero-width joiner? Normalising drops it, so only the original text
        shows that a quote's edge is beside one (inside a cluster: see `anchor._cuts_cluster`)."""
        return "\u200d" in self.text

    @cached_property
    def norm_offsets(self):
        """Normalised position -> original position (an `OffsetMap`)."""
        return self._norm[1]

    @cached_property
    def line_starts(self) -> list[int]:
        """Where each line starts. CR LF, a lone CR and LF each end a line (old Mac files and
        some web exports use CR alone); offsets stay offsets into `text` as decoded."""
        text = self.text
        if "\r" not in text:  # the common case, kept fast
            starts = [0]
            i = 0
            while True:
                j = text.find("\n", i)
                if j < 0:
                    break
                starts.append(j + 1)
                i = j + 1
            return starts
        return [0, *(m.end() for m in LINE_END.finditer(text))]

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) of each paragraph: runs of non-blank lines, a run cut where wire copy
        starts a paragraph with an indented first line (`paragraphs.paragraph_spans`)."""
        return paragraph_spans(self.text, self.line_starts)

    @cached_property
    def _para_starts(self) -> list[int]:
        return [s for s, _ in self.paragraphs]

    @cached_property
    def _paras_by_line(self) -> list[int] | None:
        """For each line, how many paragraphs start at or before its start: for any offset on
        the line, what `bisect_right(_para_starts, offset)` gives, as every paragraph starts where
        a line does (`paragraph_spans`). None when one does not (then the bisection is taken)."""
        starts, lines = self._para_starts, self.line_starts
        if not set(starts) <= set(lines):
            return None
        counts = []
        n, last = 0, len(starts)
        for line_start in lines:
            while n < last and starts[n] <= line_start:
                n += 1
            counts.append(n)
        return counts

    def line_of(self, offset: int) -> int:
        """1-based line number of `offset`."""
        return bisect_right(self.line_starts, offset)

    def column_of(self, offset: int) -> int:
        return offset - self.line_starts[self.line_of(offset) - 1] + 1

    def paragraph_of(self, offset: int) -> int:
        """1-based number of the paragraph holding `offset` (0 if it falls between paragraphs)."""
        n = bisect_right(self._para_starts, offset)
        if n and offset <= self.paragraphs[n - 1][1]:
            return n
        return 0

    def paragraph_span(self, number: int) -> tuple[int, int]:
        return self.paragraphs[number - 1]

    def locate(self, nstart: int, nend: int) -> tuple[int, int, int, int, int, int]:
        """A span of the normalised text as (start, end, line, column, first paragraph, last
        paragraph) of the original: everything an anchor needs, in one call (every anchor of a
        load: `line_of` and `paragraph_of` inlined, the last paragraph the first one's when the
        span ends inside it)."""
        start, end = self.norm_offsets.span(nstart, nend)
        starts = self.line_starts
        line = bisect_right(starts, start)
        column = start - starts[line - 1] + 1
        by_line = self._paras_by_line  # (a look-up instead of a second bisection, for every anchor)
        n = by_line[line - 1] if by_line is not None else bisect_right(self._para_starts, start)
        if n:
            para_end = self.paragraphs[n - 1][1]
            if start <= para_end:
                if start < end <= para_end + 1:  # (its last character, end - 1, is in it too)
                    return start, end, line, column, n, n
                return start, end, line, column, n, self.paragraph_of(end - 1)
        return start, end, line, column, 0, self.paragraph_of(end - 1)

    def to_original(self, nstart: int, nend: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original text."""
        return self.norm_offsets.span(nstart, nend)


class _WholeReferences(OffsetMap):
    """The offsets of a Markdown source read as rendered, where a character reference
    (`&mdash;`) reads as its character and zero-width spaces: a span that starts or ends inside
    one is widened to all of it, so an anchor is `&mdash;`, never `&` or `;`."""

    __slots__ = ("_rstarts", "_rends")

    @classmethod
    def of(cls, offsets: OffsetMap, refs) -> "_WholeReferences":
        new = cls.__new__(cls)
        for name in OffsetMap.__slots__:
            setattr(new, name, getattr(offsets, name))
        new._rstarts = [a for a, _, _ in refs]
        new._rends = [b for _, b, _ in refs]
        return new

    def span(self, nstart: int, nend: int) -> tuple[int, int]:
        start, end = OffsetMap.span(self, nstart, nend)
        k = bisect_right(self._rstarts, start) - 1
        if k >= 0 and start < self._rends[k]:
            start = self._rstarts[k]
        k = bisect_right(self._rstarts, end - 1) - 1
        if k >= 0 and end < self._rends[k]:
            end = self._rends[k]
        return start, end


@record
class SourceSet:
    """The sources of a workspace (id -> Source) and what was wrong reading them."""

    sources: dict[str, Source] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    missing: bool = False  # there is no seeds/ folder at all


def read_sources(root: Path, folder: Path | None = None, *, ws=None) -> SourceSet:
    """Read every source in the workspace's `seeds/` (not recursive), each through
    `files.Workspace` (no link out of the workspace followed, no pipe opened, at most
    `MAX_SOURCE_BYTES` read). Problems are collected, never raised. (`folder` is always
    `root/seeds`; it is accepted for older callers.)"""
    from explorer.core import files

    if ws is None:
        try:
            with files.Workspace(root) as ws:
                return read_sources(root, folder, ws=ws)
        except OSError as exc:
            return SourceSet(problems=[Problem(SOURCES_DIR, 1, 1, "error", f"cannot open the workspace: {exc.strerror or exc}")])
    result = SourceSet()
    try:
        kind = ws.kind(SOURCES_DIR)
    except FileError as problem:
        what = "is a link to outside the workspace" if problem.kind == "outside" else problem.message
        result.problems.append(Problem(SOURCES_DIR, 1, 1, "error", f"{SOURCES_DIR}/ {what}; no source is read"))
        return result
    if kind == "missing":
        if os.path.islink(os.path.join(root, SOURCES_DIR)):
            result.problems.append(Problem(SOURCES_DIR, 1, 1, "error", f"{SOURCES_DIR} is a broken link; no source is read"))
        else:
            result.missing = True
        return result
    if kind != "dir":
        result.problems.append(Problem(SOURCES_DIR, 1, 1, "error", f"{SOURCES_DIR} is not a folder; no source is read"))
        return result
    try:
        _, entries = ws.scandir(SOURCES_DIR)
    except FileError as problem:
        result.problems.append(Problem(SOURCES_DIR, 1, 1, "error", f"cannot read folder: {problem.message}"))
        return result
    seen: dict[str, tuple[str, str]] = {}  # id_key -> (the first source's id, its path)
    sidecars: dict[str, str] = {}
    for name, _ in sorted(entries):
        if hidden_name(name):
            continue
        what = leftover(name)
        if what is not None:
            result.problems.append(Problem(f"{SOURCES_DIR}/{name}", 1, 1, "warning", f"not read as a source: {what}"))
            continue
        stem, dot, suffix = name.rpartition(".")
        if not dot:
            stem, suffix = name, ""
        suffix = "." + suffix.lower() if dot else ""
        rel = f"{SOURCES_DIR}/{name}"
        if suffix == SIDECAR_SUFFIX:
            sidecars[stem] = rel
            continue
        if suffix not in SOURCE_SUFFIXES:
            _not_a_source(ws, rel, name, stem, suffix, result)
            continue
        rel = f"{SOURCES_DIR}/{name}"
        if (why := id_problem(stem)) is not None:  # (as a card's: what quotes name it by)
            result.problems.append(Problem(rel, 1, 1, "error", id_problem_message("source", stem, why, name[len(stem):])))
            continue
        try:
            if ws.kind(rel) == "dir":
                continue  # a folder named like a source: not a source
            raw, _ = ws.read(rel, MAX_SOURCE_BYTES, "source")
        except FileError as problem:
            if problem.kind == "outside":
                message = "source is a link to outside the workspace; not read"
            elif problem.kind in ("not-regular", "missing"):
                message = "source is not a regular file (a broken link, a pipe or a device); not read"
            elif problem.kind == "too-big":
                message = problem.message
            else:
                message = f"cannot read source: {problem.message}"
            result.problems.append(Problem(rel, 1, 1, "error", message))
            continue
        sid = stem
        key = id_key(sid)  # ids that differ only in case or normal form are one (as cards' ids)
        if key in seen:
            first_sid, first_rel = seen[key]
            if first_sid == sid:
                message = f"two sources have the id {quoted(sid)}: {first_rel} and {rel}; rename one"
            else:  # one file on macOS and Windows, and one id to a reader
                message = (f"two sources have one id, {quoted(first_sid)} and {quoted(sid)} ({first_rel} and {rel}): "
                           f"{how_ids_differ(first_sid, sid)}, and a checkout on macOS or Windows keeps one file of the "
                           "two; rename one")
            result.problems.append(Problem(rel, 1, 1, "error", message))
            result.sources.pop(first_sid, None)
            continue
        seen[key] = (sid, rel)
        try:
            if utf16(raw) is not None:
                raise UnicodeDecodeError("utf-16", raw, 0, 1, "UTF-16 text")
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            start = exc.start if exc.encoding != "utf-16" else 0
            line = raw.count(b"\n", 0, start) + 1
            col = start - (raw.rfind(b"\n", 0, start) + 1) + 1
            result.problems.append(Problem(rel, line, col, "error", not_utf8("source", raw, start)))
            continue
        marker = conflict_line(text)
        if marker is not None:
            result.problems.append(Problem(rel, marker, 1, "error", conflict_message("source")))
            continue
        if text.startswith("version ") and (lfs := lfs_message("source", text)) is not None:
            result.problems.append(Problem(rel, 1, 1, "error", lfs))  # (every quote was 'not found', nothing said why)
            continue
        if not text.strip():
            result.problems.append(Problem(rel, 1, 1, "warning", "source is empty"))
        if (control := CONTROLS.search(text)) is not None:
            result.problems.append(_controls(rel, text, control))
        if "&" in text and rel[-3:].lower() != ".md" and (ref := HTML_REFERENCE.search(text)) is not None:
            # (Markdown writes characters so: its page shows them, and a quote is read against it)
            result.problems.append(_html_references(rel, text, ref))
        result.sources[sid] = Source(sid, rel, text, sha256(raw).hexdigest(), guess_title(text, sid))
    _attach_sidecars(ws, sidecars, dict(entries), result)
    return result


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """The line and column (from 1, lines ended by LF) of `offset` in `text`: where a warning
    about a source's text points."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _controls(rel: str, text: str, first: "re.Match") -> Problem:
    """The warning for a text that holds control characters (CONTROLS): where the first is, which
    ones and how many. The text is read as it is (the quotes that do not cross them anchor)."""
    import unicodedata

    found = CONTROLS.findall(text, first.start(), first.start() + 1_000_000)
    kinds = list(dict.fromkeys(found))
    names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, _C0_NAMES.get(c, 'control'))}" for c in kinds[:3])
    line, column = _line_column(text, first.start())
    more = CONTROLS.search(text, first.start() + 1_000_000) is not None  # (not counted past a million characters)
    count = f"{'at least ' if more else ''}{len(found):,}"
    return Problem(rel, line, column, "warning", (
        f"the text holds {count} control character{'s' if len(found) != 1 else ''} ({names}{', ...' if len(kinds) > 3 else ''}), "
        "the first here, that no page shows and no quote can type: was it saved as plain text? Save it again as "
        "UTF-8 text"))


_C0_NAMES = {"\x00": "NUL", "\x01": "START OF HEADING", "\x02": "START OF TEXT", "\x03": "END OF TEXT",
             "\x04": "END OF TRANSMISSION", "\x05": "ENQUIRY", "\x06": "ACKNOWLEDGE", "\x07": "BELL",
             "\x08": "BACKSPACE", "\x0e": "SHIFT OUT", "\x0f": "SHIFT IN", "\x1b": "ESCAPE", "\x7f": "DELETE"}


def named_references(text: str, start: int = 0) -> str:
    """The HTML character references `text` holds (from `start`, in the next 100,000 characters),
    each with what it stands for, the first three different ones: "'&quot;' for '"', ..."."""
    import html

    refs = list(dict.fromkeys(m.group() for m in HTML_REFERENCE.finditer(text, start, start + 100_000)))
    return ", ".join(f"{quoted(r)} for {quoted(html.unescape(r))}" for r in refs[:3]) + (", ..." if len(refs) > 3 else "")


def _html_references(rel: str, text: str, first: "re.Match") -> Problem:
    """The warning for a text that holds HTML character references: saved from a page's HTML
    source, it says `&amp;` where a reader sees `&`, and a quote typed as read is not found."""
    shown = named_references(text, first.start())
    line, column = _line_column(text, first.start())
    return Problem(rel, line, column, "warning", (
        f"the text holds HTML character references ({shown}): it was saved from a "
        "page's HTML, and a quote must type them as they stand; add the file again with factex add, which writes "
        "them as the characters they stand for"))


def _attach_sidecars(ws, sidecars: dict[str, str], present: dict[str, str], result: SourceSet) -> None:
    """Read each source's sidecar (`seeds/ID.yaml`, through `files.Workspace` like a source):
    its fields go to `source.meta`, its title (when it gives one) replaces the guessed one, its
    problems to `result.problems`."""

    for sid, rel in sidecars.items():
        source = result.sources.get(sid)
        if source is None:
            if not any(sid + s in present for s in SOURCE_SUFFIXES):
                result.problems.append(Problem(
                    rel, 1, 1, "warning",
                    f"sidecar of a source that is not here: no {sid}.txt or {sid}.md in seeds/",
                ))
            continue
        if present.get(rel.rsplit("/", 1)[-1]) == "link":
            result.problems.append(Problem(rel, 1, 1, "error", "sidecar is a link; not read (put the file itself in seeds/)"))
            continue
        try:
            raw, _ = ws.read(rel, MAX_SIDECAR_BYTES, "sidecar")
            meta, items = sidecar_from_bytes(raw)
        except FileError as problem:
            if problem.kind == "outside":
                message = "sidecar is a link to outside the workspace; not read"
            elif problem.kind in ("not-regular", "missing"):
                message = "sidecar is not a regular file; not read"
            elif problem.kind == "too-big":
                message = problem.message
            else:
                message = f"cannot read sidecar: {problem.message}"
            meta, items = SourceMeta(), [Problem.in_text(1, 1, message)]
        for item in items:
            result.problems.append(item.at(rel))
        source.meta = meta
        source.sidecar = rel
        if meta.title:
            source.title = meta.title


def _not_a_source(ws, rel: str, name: str, stem: str, suffix: str, result: SourceSet) -> None:
    """A file in seeds/ that factex cannot read as a source: said, never silently skipped."""

    try:
        if name in _QUIET_NAMES or ws.kind(rel) == "dir":
            return
    except FileError as problem:
        if problem.kind in ("outside", "loop"):  # (said as facts/ says it of such a link)
            said = ("folder or file is a link to outside the workspace; not read" if problem.kind == "outside"
                    else "link loop (too many links); not read")
            result.problems.append(Problem(rel, 1, 1, "error", said))
            return
    if suffix in (".html", ".htm", ".xhtml"):
        hint = "a web page: `factex add` it (from anywhere) to make its text and sidecar, then take the page out of seeds/"
    elif suffix == ".yml":
        hint = f"a source's sidecar is named {stem}.yaml"
    elif suffix in (".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub"):
        hint = "save it as plain text (.txt) first"
    else:
        hint = "a source is a UTF-8 text file ending in .txt or .md"
    result.problems.append(Problem(rel, 1, 1, "warning", f"not read as a source: {hint}"))


# --- sentences ------------------------------------------------------------------------------------
# Sentences as a reader splits them (coverage, `v` selection and search passages share this).
#
# A sentence ends at `.`, `!`, `?` or an ellipsis, with the closing quotes and brackets after it, where
# whitespace and then a capital letter, a digit or an opening quote or bracket follow; or at `。！？`
# (Chinese and Japanese need no space). A full stop does not end a sentence after an abbreviation
# (Mr., Dr., Feb., St., Sr., Gen. ...), an initial ("Brian M. Good", "John F. Kennedy"), a dotted
# abbreviation ("U.S.", "a.m.", "e.g.") or "No." before a number; a decimal never has whitespace after
# its point. Rules, not a model: a news article's sentences are regular enough, and a rule that
# misfires is fixed by a line in the table `_ABBREVIATIONS`.

# Abbreviations after which a full stop does not end a sentence (compared without the stop, case
# kept): titles, months, days and the like, in English, Spanish and French.
_ABBREVIATIONS = frozenset("""
Mr Mrs Ms Mx Dr Prof Sr Sra Srta Jr St Ste Gen Col Lt Sgt Capt Cmdr Adm Gov Sen Rep Rev Hon Pres Supt Insp Det
Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
Mt Ft Ave Blvd Rd approx est vs Vs etc cf Mme Mlle Mgr Dra Dña Ud Uds Vd pág núm tel Av Co Corp Inc Ltd Bros
""".split())
_NUMBER_ABBREVIATIONS = frozenset({"No", "Nos", "no", "nos", "Nr", "nr", "Art", "art", "p", "pp", "vol", "Vol", "ch", "Ch"})
# A candidate end: the stop(s), closing quotes and brackets, then whitespace and what can start a
# sentence; or a Chinese or Japanese stop, with its closing marks.
# The stops: `.!?…`, the Devanagari danda `।` and double danda `॥` (Hindi, Marathi, Nepali, Bengali
# writes them too), the Arabic question mark `؟`, the Urdu full stop `۔`, the Armenian `։` and the
# Ethiopic `።`. The closing marks: English `” ’`, German and Czech `“ ‘` (which open a quote in
# English), `» «` and `› ‹` (French, Danish), corner brackets. What opens the next sentence may
# be an opening quote of any of these (German `„ ‚`, French `« ` with its space) or the dash that
# opens a line of dialogue in Russian, Spanish or French (`— Куда?`).
_STOPS = "[.!?\u2026\u0964\u0965\u061f\u06d4\u0589\u1362]"
_CLOSING = "[\"'\u201d\u2019\u201c\u2018)\\]\u00bb\u00ab\u203a\u2039\u300d\u300f]"
_OPENING = "[\"'\u201c\u2018\u201e\u201a(\\[\u00ab\u00bb\u2039\u203a\u00bf\u00a1\u2014\u2013]"
_END = LazyPattern(
    f"(?P<stop>{_STOPS}+)(?P<close>{_CLOSING}*)(?P<space>\\s+)"
    f"(?=(?:{_OPENING}[^\\S\\r\\n]?)*[^\\W\\d_a-z]|[\"'\u201c\u2018\u201e\u201a(\\[\u00ab]*\\d)"
    r"|(?P<cjk>[\u3002\uff01\uff1f]+)(?P<cjk_close>[\u300d\u300f\u201d\u2019\uff09\u3011]*)\s*"
)
# What follows a candidate end in lower case (the pattern's `[^\W\d_a-z]` keeps out only a-z):
# "Куда? — спросил он", "¿Qué? — preguntó" go on.
_NEXT_LETTER = LazyPattern(f"(?:{_OPENING}[^\\S\\r\\n]?)*([^\\W\\d_])")
_WORD_BEFORE = LazyPattern(r"(\S+)$")
_DOTTED = LazyPattern(r"(?:[^\W\d_]\.)+[^\W\d_]$")  # U.S, a.m, e.g (the last stop is the candidate's)
_INITIAL = LazyPattern(r"^[^\W\d_a-z]$")  # one capital letter


def _no_end(text: str, stop_at: int, stop: str, after: str) -> bool:
    """Is the full stop at `stop_at` part of an abbreviation, an initial, a dotted abbreviation?"""
    if stop != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, stop_at - 40), stop_at)
    if m is None:
        return False
    word = m.group(1).lstrip("\"'\u201c\u2018([\u00ab\u00bf\u00a1")
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    if word in _NUMBER_ABBREVIATIONS and after[:1].isdigit():
        return True
    if _INITIAL.match(word):
        return True
    return _DOTTED.search(word) is not None


# A paragraph: lines with text, up to a blank line. CR LF, CR and LF all end a line.
_PARAGRAPH = LazyPattern(r"[^\r\n]+(?:(?:\r\n?|\n)[^\S\r\n]*\S[^\r\n]*)*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: paragraphs (runs of non-blank lines) split at sentence ends."""
    result: list[tuple[int, int]] = []
    for start, end in paragraphs(text):
        result += paragraph_sentences(text, start, end)
    return result


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph holding text: each one's sentences are
    `paragraph_sentences(text, start, end)` (no sentence crosses a paragraph's end)."""
    # (only a paragraph whose first character is a space can be all spaces: its first line; the
    # others are not copied to be asked)
    return [para.span() for para in _PARAGRAPH.finditer(text)
            if not text[para.start()].isspace() or not para.group().isspace()]


def paragraph_sentences(text: str, start: int, p_end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the paragraph `text[start:p_end]` (see `paragraphs`)."""
    result = []
    for m in _END.finditer(text, start, p_end):
        if m.group("cjk"):
            end = m.end("cjk_close")
        else:
            if _no_end(text, m.start("stop"), m.group("stop"), text[m.end() : m.end() + 1]):
                continue
            nxt = _NEXT_LETTER.match(text, m.end())
            if nxt is not None and nxt.group(1).islower():  # "Куда? — спросил он": one sentence
                continue
            end = m.end("close")
        if text[start:end].strip():
            result.append((start, end))
        start = m.end()
    if text[start:p_end].strip():
        result.append((start, p_end))
    if any(e - s > MAX_SENTENCE for s, e in result):
        result = [piece for s, e in result for piece in _pieces(text, s, e)]
    return result


MAX_SENTENCE = 2000  # characters: a longer "sentence" (no full stop in a page turned into text) is cut


def _pieces(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """`text[s:e]` in pieces of at most MAX_SENTENCE characters, each cut at the last space
    before that (or, in a run without one, after a character and its marks): a 10 MB line with no
    full stop was one search passage, printed and drawn whole, and one `v` selection."""
    import unicodedata

    out = []
    while e - s > MAX_SENTENCE:
        limit = s + MAX_SENTENCE
        cut = limit
        while cut > s and not text[cut].isspace():
            cut -= 1
        if cut > s:
            end, nxt = cut, cut
            while end > s and text[end - 1].isspace():
                end -= 1
            while nxt < e and text[nxt].isspace():
                nxt += 1
        else:  # no space: after a whole character (not between a letter and its marks)
            end = limit
            while end < e and unicodedata.combining(text[end]):
                end += 1
            nxt = end
        if end > s:
            out.append((s, end))
        s = nxt
    if s < e and text[s:e].strip():
        out.append((s, e))
    return out
