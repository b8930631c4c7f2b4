"""Problems as `factex check` reports them: text, GitHub Actions workflow commands, SARIF 2.1.0.

Every format goes through `shown()`, so the path, line, column, severity and message are the same
in all of them: the path as the user can click it (relative to the current folder when the card is
below it), and the message with control, bidi and invisible characters made visible (see
`explorer.core.safetext`). No Textual here.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from explorer import __version__
from explorer.core.model import Problem
from explorer.core.safetext import json_text, visible

FORMATS = ("text", "json", "github", "sarif")

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# One rule per severity: the checker's problems carry no finer code of their own.
SARIF_RULES = (
    ("factex.error", "error", "A card or source that factex check rejects: the card is left out of the fact base."),
    ("factex.warning", "warning", "A card that loads but looks wrong (a qualifier not in its quotes, a reported fact without attribution, ...)."),
)


def display_path(root: Path, rel: str, cwd: str | None = None) -> str:
    """A problem's path as the user can click it: relative to the current folder when the file is
    below it, else the full path."""
    full = Path(root) / rel
    try:
        shown = os.path.relpath(full, cwd)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(full)
    return str(full) if shown.startswith("..") else shown


@dataclass(frozen=True)
class Shown:
    """One problem as every format shows it."""

    path: str
    line: int
    column: int
    severity: str
    message: str
    card: str | None
    # The path exactly as on disk (relative as `path` is), where `path` shows some of its
    # characters as markers (a control, bidi or invisible character, a byte that is not UTF-8):
    # SARIF percent-encodes it; a GitHub annotation cannot carry it (see github_command).
    exact_path: str | None = None

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"


def known_files(base) -> frozenset[str]:
    """The workspace's files a problem's message may name (as the loader writes them, relative to
    the workspace): every card's, every source's, every problem's own."""
    return frozenset((*base.card_files.values(), *(s.path for s in base.sources.values()),
                      *(p.file for p in base.problems)))


# Where a message names a file of the workspace: `facts/` or `seeds/` starting a word (after a
# space, a parenthesis or a comma), and ends it may have.
_NAMED = re.compile(r"(?<![^\s(,])(?:facts|seeds)/")
_NAMED_END = re.compile(r"[\s),;:]|\Z")


# A user's text in a message is always quoted (safetext.quoted: '...', "...", «...», ...; a field's
# value also in backquotes), starting a word, its closing mark not inside it: a path there is the
# user's, never one factex put, and is left as typed.
_OPENING = re.compile("(?:(?<=[\\s(\\[,:])|^)([\"'`\u00ab\u2039\u300c\u300e\u3010\u300a\u3008])")
_CLOSING = {"\u00ab": "\u00bb", "\u2039": "\u203a", "\u300c": "\u300d", "\u300e": "\u300f", "\u3010": "\u3011",
            "\u300a": "\u300b", "\u3008": "\u3009"}


def _quoted_spans(message: str) -> list[tuple[int, int]]:
    """The (start, end) of each quoted text in `message`, in order (one pass)."""
    spans, at = [], 0
    while (m := _OPENING.search(message, at)) is not None:
        mark = m.group(1)
        end = message.find(_CLOSING.get(mark, mark), m.end())
        if end < 0:
            break
        spans.append((m.start(), end + 1))
        at = end + 1
    return spans


def paths_shown(message: str, root: Path, cwd: str | None, known: frozenset[str]) -> str:
    """`message` with each file of the workspace it names (one of `known`, relative to the
    workspace as the loader writes it) shown as the problem's own path is, by display_path: from
    inside facts/, `facts/a.yaml` is `a.yaml`, and a file outside the current folder its full
    path. Only a known file's whole name counts (text that only starts like one, a value holding
    `facts/x`, is left as it is), and only outside the quoted values (a card's value holding a
    known file's name is the user's text, left as typed). Work in proportion to the message
    times the longest known path."""
    if not known or "/" not in message:
        return message
    longest = max(map(len, known))
    quoted_spans = _quoted_spans(message)
    q = 0
    out, at = [], 0
    for m in _NAMED.finditer(message):
        start = m.start()
        if start < at:
            continue
        while q < len(quoted_spans) and quoted_spans[q][1] <= start:
            q += 1
        if q < len(quoted_spans) and quoted_spans[q][0] <= start:
            continue  # (inside a quoted value)
        found = None
        for end in _NAMED_END.finditer(message, m.end(), min(len(message), start + longest + 1)):
            if message[start:end.start()] in known:
                found = end.start()  # (the longest: a name may hold a space or a comma)
        if found is None:
            continue
        out.append(message[at:start])
        out.append(display_path(root, message[start:found], cwd))
        at = found
    if not out:
        return message
    out.append(message[at:])
    return "".join(out)


def shown(root: Path, problem: Problem, cwd: str | None = None, known: frozenset[str] = frozenset()) -> Shown:
    """One problem as every text format shows it. `known` (see known_files): the files its message
    may name, shown as its path is."""
    path = display_path(root, problem.file, cwd)
    safe = visible(path)
    return Shown(
        safe,
        max(1, problem.line),
        max(1, problem.column),
        problem.severity,
        visible(paths_shown(problem.message, root, cwd, known)),
        problem.card,
        None if safe == path else path,
    )


# --- GitHub Actions -----------------------------------------------------------------------------
# Workflow commands, `::error file=F,line=L,col=C,title=T::MESSAGE`, escaped as the runner
# unescapes them (actions/toolkit, packages/core/src/command.ts): in the message `%`, CR and LF;
# in a property value also `:` and `,`.


def github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(s: Shown) -> str:
    """One workflow command. A path holding a character shown as a marker (a control, bidi or
    invisible character, a byte that is not UTF-8) cannot be given as the annotation's `file`: raw,
    it would reach the log and the terminal; marked, it names no file of the repository. Such a
    problem is an annotation of the run, its location written at the start of the message as the
    text output writes it."""
    level = "error" if s.severity == "error" else "warning"
    if s.exact_path is not None:
        return f"::{level} title={github_property('factex check')}::{github_data(f'{s.path}:{s.line}:{s.column}: {s.message}')}"
    props = {"file": s.path, "line": str(s.line), "col": str(s.column), "title": "factex check"}
    joined = ",".join(f"{k}={github_property(v)}" for k, v in props.items())
    return f"::{level} {joined}::{github_data(s.message)}"


def to_github(root: Path, problems: list[Problem], summary: str, cwd: str | None = None,
              known: frozenset[str] = frozenset()) -> str:
    """One workflow command per problem, then the summary as a plain log line."""
    lines = [github_command(shown(root, p, cwd, known)) for p in problems]
    lines.append(summary)
    return "\n".join(lines) + "\n"


# --- SARIF 2.1.0 --------------------------------------------------------------------------------


def sarif_uri(path: str) -> str:
    """A path as a SARIF `artifactLocation.uri`: a relative URI reference (slashes, percent-encoded),
    or a `file:` URI for an absolute path."""
    posix = path.replace(os.sep, "/") if os.sep != "/" else path
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(os.fsencode(posix), safe="/")  # (a byte that is not UTF-8 as itself: %FF)


def to_sarif(root: Path, problems: list[Problem], cwd: str | None = None, known: frozenset[str] = frozenset()) -> dict:
    """A SARIF 2.1.0 log with one run of factex and one result per problem."""
    rule_index = {rule_id: i for i, (rule_id, _, _) in enumerate(SARIF_RULES)}
    results = []
    for p in problems:
        s = shown(root, p, cwd, known)
        rule_id = "factex.error" if s.severity == "error" else "factex.warning"
        result = {
            "ruleId": rule_id,
            "ruleIndex": rule_index[rule_id],
            "level": "error" if s.severity == "error" else "warning",
            "message": {"text": s.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": sarif_uri(s.exact_path or s.path)},
                    "region": {"startLine": s.line, "startColumn": s.column},
                },
            }],
        }
        if s.card is not None:
            result["properties"] = {"card": s.card}
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "factex",
                "version": __version__,
                "rules": [
                    {"id": rule_id, "shortDescription": {"text": text},
                     "defaultConfiguration": {"level": level}}
                    for rule_id, level, text in SARIF_RULES
                ],
            }},
            # columns count characters (code points) of the decoded card, as factex check prints them
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def sarif_text(root: Path, problems: list[Problem], cwd: str | None = None, *, ensure_ascii: bool = False,
               known: frozenset[str] = frozenset()) -> str:
    return json_text(to_sarif(root, problems, cwd, known), ensure_ascii=ensure_ascii) + "\n"
