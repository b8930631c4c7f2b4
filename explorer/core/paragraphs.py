"""Paragraphs of a source as a reader sees them, and hard-wrapped lines read as prose.

Articles come as they were filed. Most give each paragraph one line, with a blank line between
paragraphs. Wire copy and plain-text mail wrap their lines by hand at 60-70 columns and start a
paragraph with an indented first line instead of a blank line:

    WASHINGTON, Feb 27 - The Tower Commission report, which
says President Reagan was ignorant about much of the Iran arms
deal, just about ends his prospects ...
    "This is certification of incompetence," private political
analyst Stephen Hess told Reuters ...

`paragraph_starts()` says where a run of non-blank lines holds several such paragraphs (a line
indented where the run's first line is, in a run whose other lines are not: the first-line indents
of wire copy, never a list's hanging indent or an indented block quote). `prose()` gives a
paragraph's text as it reads: the line breaks a writer's tool made inside a paragraph shown as
spaces, so the screen wraps the paragraph to its own width instead of breaking each line twice.
Every character keeps its offset (a line break's one or two characters become as many spaces), so
highlights drawn from a quote's offsets land where they did. Lines that are not a hand-wrapped
paragraph's (a list, a poem, an address, a table of short lines) keep their breaks.
"""

from __future__ import annotations

import re
import unicodedata

# (patterns as strings, compiled by `re` at their first use and cached there: the first frame,
# which imports this, pays nothing for them)
_LINE_END = r"\r\n?|\n"
# A line a list item starts: "- x", "* x", "• x", "1. x", "2) x", "a) x".
_ITEM = r"[ \t]*(?:[-*+•·–—▪◦‣]|\d{1,3}[.)]|[a-zA-Z][.)])\s"
WRAP_MIN = 40  # the longest line of a hand-wrapped paragraph has at least this many characters
WRAP_FILL = 0.5  # ... and each line but its last fills at least this part of the longest
# A line longer than this is no hand-wrapped paragraph's: a run of lines holding one is a text that
# writes one paragraph a line without blank lines between (a scraped page, VnExpress's stories of
# tests/real/vietnamese), each line a paragraph: they were all one, "579 words in 1 paragraphs",
# and a quote run on from one into the next was taken.
LINE_PARAGRAPH = 160


def _indented(line: str) -> bool:
    return line[:1] in (" ", "\t") and not line.isspace()


def paragraph_starts(lines: list[str]) -> list[int]:
    """Where paragraphs start in a run of non-blank lines (indexes into `lines`, 0 always first):
    at each indented line when the run's first line is indented and some line of it is not (wire
    copy's first-line indents); else the run is one paragraph."""
    if len(lines) < 2 or not _indented(lines[0]) or all(_indented(line) for line in lines):
        return [0]
    return [0, *(k for k in range(1, len(lines)) if _indented(lines[k]))]


def paragraph_spans(text: str, line_starts: list[int]) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of `text` (`line_starts`: where each of its lines starts):
    runs of non-blank lines, a run cut where wire copy starts a paragraph with an indented first
    line (`paragraph_starts`). A paragraph ends where its last line's text does (no line end)."""
    result: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []  # (start, end without the line end) of the run's lines

    def close() -> None:
        # (the lines are sliced only for a run whose first line is indented: a rare case)
        cuts = paragraph_starts([text[a:b] for a, b in run]) if len(run) > 1 and text[run[0][0]] in " \t" else [0]
        if cuts == [0] and len(run) > 1 and any(b - a > LINE_PARAGRAPH for a, b in run):
            cuts = list(range(len(run)))  # one paragraph a line (no hand wraps a line so long)
        for a, b in zip(cuts, [*cuts[1:], len(run)]):
            result.append((run[a][0], run[b - 1][1]))
        run.clear()

    for n, start in enumerate(line_starts):
        end = line_starts[n + 1] if n + 1 < len(line_starts) else len(text)
        line = text[start:end]
        if line.strip():
            run.append((start, start + len(line.rstrip("\r\n"))))
        elif run:
            close()
    if run:
        close()
    return result


def count(text: str) -> int:
    """How many paragraphs `text` has, as a source's are counted."""
    return len(paragraph_spans(text, [0, *(m.end() for m in re.finditer(_LINE_END, text))]))


def one_line(text: str) -> str:
    """`text` on one line, as a quote of it is typed: each line break, with the spaces and tabs
    around it, one space (as quotes match whitespace). For a passage shown to be copied into a
    card (did-you-mean) or read on a line of its own (a mention, `factex quote`'s context), where
    `␤` could not be typed back."""
    if "\n" not in text and "\r" not in text:
        return text
    return re.sub(r"[ \t]*(?:(?:\r\n?|\n)[ \t]*)+", " ", text)


def _wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in ("W", "F")


def _wrapped(lines: list[str]) -> bool:
    """A paragraph's lines (without their line ends) wrapped by hand: the longest is long, each
    but the last fills most of it, and none but the first starts a list item."""
    widths = [len(line.rstrip()) for line in lines]
    longest = max(widths)
    if longest < WRAP_MIN or any(w < longest * WRAP_FILL for w in widths[:-1]):
        return False
    return not any(re.match(_ITEM, line) for line in lines[1:])


def prose(text: str) -> str:
    """`text`, one or more paragraphs of a source, with the line breaks inside each hand-wrapped
    paragraph made spaces (as many as the break has characters, so every offset holds). A break
    between two wide (CJK) characters stays: a space there would be read as one. Blank lines, and
    the breaks of paragraphs that are not hand-wrapped, stay as they are."""
    if "\n" not in text and "\r" not in text:
        return text
    pieces = re.split(_LINE_END, text)
    ends = re.findall(_LINE_END, text)
    out: list[str] = []
    k = 0
    while k < len(pieces):
        if not pieces[k].strip():  # a blank line (or the empty piece after a final line end)
            out.append(pieces[k])
            if k < len(ends):
                out.append(ends[k])
            k += 1
            continue
        run_end = k
        while run_end + 1 < len(pieces) and pieces[run_end + 1].strip() and run_end < len(ends):
            run_end += 1
        run = pieces[k : run_end + 1]
        starts = paragraph_starts(run)
        bounds = [*starts, len(run)]
        for a, b in zip(bounds, bounds[1:]):
            para = run[a:b]
            join = len(para) > 1 and _wrapped(para)
            for i, line in enumerate(para):
                out.append(line)
                n = k + a + i
                if n >= len(ends):
                    continue
                end = ends[n]
                inside = i < len(para) - 1
                if join and inside and not (line and para[i + 1].lstrip() and _wide(line.rstrip()[-1:] or " ")
                                            and _wide(para[i + 1].lstrip()[0])):
                    out.append(" " * len(end))
                else:
                    out.append(end)
        k = run_end + 1
    return "".join(out)
