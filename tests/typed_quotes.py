"""Quotes as people type them, cut from the real articles of tests/real/*/seeds, and what
`factex check` makes of each.

A case is a real span of a source (whole words, 3-60 of them, standing once in its workspace's
sources; a few run across a paragraph end) typed with one slip of the kind a person makes:
keyboard typography for the page's (straight quotes for curly ones and back, a hyphen for a dash,
a line break or a non-breaking or zero-width space pasted from the web, full-width punctuation in
Chinese or Japanese, a tatweel), which must be accepted with the source's exact span; or a real
change (a letter missing, doubled or swapped, a word's case, accents or vowel marks left out, a
space dropped, a word left out with or without `...`, a quote cut inside a word, an Arabic
keyboard's letters for a Persian one's, Thai typed without its spaces), which must be refused with
help: the error names the passage meant (did-you-mean's passage overlaps it, or the message names
its line).

`classify` says which of four a case's outcome is: "accepted right" (the anchor's text is the
typed text up to the documented typography, at whole words), "accepted wrong", "helpful refusal",
"unhelpful refusal". Run as a script it prints the counts per story and per slip class:

    .venv/bin/python tests/typed_quotes.py [SPANS_PER_SOURCE]
"""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from explorer.core.anchoring.anchor import SourceIndex, _as_read, anchor_quote, whole_at
from explorer.core.anchoring.sources import Source, read_sources
from explorer.core.text import normalize_quote

REAL = Path(__file__).parent / "real"
STORIES = sorted(p.name for p in REAL.iterdir() if (p / "seeds").is_dir())

TYPOGRAPHY = "typography"  # must be accepted, at the source's exact span
SLIP = "slip"  # must be refused, with the passage meant named
OUTCOMES = ("accepted right", "accepted wrong", "helpful refusal", "unhelpful refusal")


@dataclass(frozen=True)
class Case:
    story: str
    source: str  # the source id the span was cut from
    start: int  # the span, in the source's original text
    end: int
    slip: str
    kind: str  # TYPOGRAPHY or SLIP
    typed: str


@lru_cache(maxsize=None)
def workspace(story: str) -> tuple[dict[str, Source], SourceIndex]:
    sources = read_sources(REAL / story, REAL / story / "seeds").sources
    return sources, SourceIndex(list(sources.values()))


# --- the slips ------------------------------------------------------------------------------------

_CURLY = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'}
_DASHES = "\u2013\u2014\u2212"
_MARKS = re.compile("[\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0670]")  # Latin accents, niqqud, harakat
_ARABIC = re.compile("[\u0600-\u06ff]")
_THAI = re.compile("[\u0e00-\u0e7f]")
_CJK = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")
_FULLWIDTH_PUNCT = re.compile("[\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e]")
_MARKUP = re.compile(r"[&*\[\]()`#>_|<]")
_WORD = re.compile(r"[^\W\d_]{3,}")  # a word of three letters or more (no marks: a slip inside it is one letter's)


def _spaces(text: str) -> list[int]:
    return [m.start() for m in re.finditer(r"(?<=\S) (?=\S)", text)]


def _one_space(rng, text, to):
    spaces = _spaces(text)
    if not spaces:
        return None
    i = rng.choice(spaces)
    return text[:i] + to + text[i + 1 :]


def _letter(rng, text):
    """A letter inside a word, not its first nor last (i), for a typo; in Chinese or Japanese, a
    character not at the quote's edge."""
    spots = [i for m in _WORD.finditer(text) if not _CJK.search(m.group()) and not _THAI.search(m.group())
             for i in range(m.start() + 1, m.end() - 1)]
    spots += [m.start() for m in _CJK.finditer(text, 1, len(text) - 2)]
    return rng.choice(spots) if spots else None


def straight_quotes(rng, text):
    if not any(c in _CURLY for c in text):
        return None
    return "".join(_CURLY.get(c, c) for c in text)


def curly_quotes(rng, text):
    if "'" not in text and '"' not in text:
        return None
    out, opened = [], False
    for k, c in enumerate(text):
        if c == "'":
            out.append("\u2019" if k and text[k - 1].isalnum() else "\u2018")
        elif c == '"':
            out.append("\u201d" if opened else "\u201c")
            opened = not opened
        else:
            out.append(c)
    return "".join(out)


def hyphen_for_dash(rng, text):
    if not any(c in _DASHES for c in text):
        return None
    return "".join("-" if c in _DASHES else c for c in text)


def double_space(rng, text):
    return _one_space(rng, text, "  ")


def line_break(rng, text):
    return _one_space(rng, text, "\n")


def nbsp(rng, text):
    return _one_space(rng, text, "\u00a0")


def zero_width(rng, text):
    i = rng.randrange(1, len(text))
    return text[:i] + rng.choice("\u200b\u200c\u2060\ufeff") + text[i:]


def tatweel(rng, text):
    spots = [m.start() + 1 for m in re.finditer("[\u0628-\u064a](?=[\u0628-\u064a])", text)]
    if not spots:
        return None
    i = rng.choice(spots)
    return text[:i] + "\u0640" + text[i:]


def fullwidth_to_ascii(rng, text):
    """Chinese and Japanese typed with a Western keyboard's punctuation: `,` for `，`, `:` for `：`."""
    if not _FULLWIDTH_PUNCT.search(text):
        return None
    return _FULLWIDTH_PUNCT.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)


def ascii_to_fullwidth(rng, text):
    """A Chinese or Japanese keyboard's full-width forms of ASCII punctuation, digits and letters."""
    if not _CJK.search(text) or not re.search(r"[,:;!?()0-9A-Za-z]", text):
        return None
    return re.sub(r"[,:;!?()0-9A-Za-z]", lambda m: chr(ord(m.group()) + 0xFEE0), text)


def letter_missing(rng, text):
    i = _letter(rng, text)
    return None if i is None else text[:i] + text[i + 1 :]


def letter_extra(rng, text):
    i = _letter(rng, text)
    return None if i is None else text[:i] + text[i] + text[i:]


def letter_swapped(rng, text):
    i = _letter(rng, text)
    if i is None or text[i] == text[i + 1] or not text[i + 1].isalpha():
        return None
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def case(rng, text):
    words = [m for m in re.finditer(r"[^\W\d_]+", text) if m.group()[0].lower() != m.group()[0].upper()]
    if not words:
        return None
    m = rng.choice(words)
    w = m.group()
    other = w[0].lower() + w[1:] if w[0].isupper() else w[0].upper() + w[1:]
    return text[: m.start()] + other + text[m.end() :]


def marks_left_out(rng, text):
    """Accents, niqqud or Arabic vowel marks left out (the whole quote typed without them)."""
    bare = unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", text)))
    return None if bare == unicodedata.normalize("NFC", text) else bare


def space_dropped(rng, text):
    spaces = [i for i in _spaces(text) if text[i - 1].isalnum() and text[i + 1].isalnum()]
    if not spaces:
        return None
    i = rng.choice(spaces)
    return text[:i] + text[i + 1 :]


def _words_out(rng, text, mark):
    spaces = _spaces(text)
    if len(spaces) < 4:
        return None
    k = rng.randrange(1, len(spaces) - 2)
    n = rng.randint(1, min(3, len(spaces) - 1 - k))
    a, b = spaces[k - 1], spaces[k - 1 + n]
    return text[:a] + mark + text[b + 1 :]


def ellipsis_dots(rng, text):
    return _words_out(rng, text, " ... ")


def ellipsis_char(rng, text):
    return _words_out(rng, text, " \u2026 ")


def ellipsis_bracket(rng, text):
    return _words_out(rng, text, " [...] ")


def word_left_out(rng, text):
    return _words_out(rng, text, " ")


def cut_start(rng, text):
    m = re.match(r"[^\W_]{4,}", text)
    return None if m is None or _CJK.match(text) or _THAI.match(text) else text[rng.randint(1, 2) :]


def cut_end(rng, text):
    m = re.search(r"[^\W_]{4,}$", text)
    return None if m is None or _CJK.search(text[-1]) or _THAI.search(text[-1]) else text[: -rng.randint(1, 2)]


def persian_letters(rng, text):
    """An Arabic keyboard's ي and ك for the Persian ی and ک, or the other way round."""
    if not _ARABIC.search(text):
        return None
    swapped = text.translate(str.maketrans("\u064a\u0643\u06cc\u06a9", "\u06cc\u06a9\u064a\u0643"))
    return None if swapped == text else swapped


def thai_unspaced(rng, text):
    spaces = [i for i in _spaces(text) if _THAI.match(text[i - 1]) and _THAI.match(text[i + 1])]
    if not spaces:
        return None
    i = rng.choice(spaces)
    return text[:i] + text[i + 1 :]


def cjk_full_stop(rng, text):
    """`.` and `,` typed for the ideographic `。` and `、`."""
    if "\u3002" not in text[:-1] and "\u3001" not in text:
        return None
    return text.replace("\u3002", ".").replace("\u3001", ",")


def double_hyphen(rng, text):
    """`--` typed for a dash, spaced or not."""
    if not any(c in "\u2013\u2014" for c in text):
        return None
    return re.sub("\\s*[\u2013\u2014]\\s*", " -- ", text)


def trailing_dots(rng, text):
    """`...` typed where the quote stops and the sentence goes on."""
    return text.rstrip(".,;:!?\u3002") + "..."


def leading_dots(rng, text):
    return "..." + text


def quoted_whole(rng, text):
    """Quotation marks typed round the whole, as a writer quotes someone."""
    return '"' + text + '"'


def _comma(rng, text, to):
    spots = [m.start() for m in re.finditer(r"(?<=\w),(?= )", text)]
    if not spots:
        return None
    i = rng.choice(spots)
    return text[:i] + to + text[i + 1 :]


def comma_dropped(rng, text):
    return _comma(rng, text, "")


def period_for_comma(rng, text):
    return _comma(rng, text, ".")


def full_stop_added(rng, text):
    return None if text[-1] in ".!?\u3002\"'\u201d\u00bb" else text + "."


def full_stop_dropped(rng, text):
    """The quote's last full stop left off: the rest is the source's own words (accepted)."""
    return text[:-1] if text[-1] == "." else None


SLIPS = {
    "exact": (lambda rng, text: text, TYPOGRAPHY),
    "straight quotes": (straight_quotes, TYPOGRAPHY),
    "curly quotes": (curly_quotes, TYPOGRAPHY),
    "hyphen for dash": (hyphen_for_dash, TYPOGRAPHY),
    "double space": (double_space, TYPOGRAPHY),
    "line break": (line_break, TYPOGRAPHY),
    "nbsp": (nbsp, TYPOGRAPHY),
    "zero-width": (zero_width, TYPOGRAPHY),
    "tatweel": (tatweel, TYPOGRAPHY),
    "full-width to ASCII": (fullwidth_to_ascii, TYPOGRAPHY),
    "ASCII to full-width": (ascii_to_fullwidth, TYPOGRAPHY),
    "letter missing": (letter_missing, SLIP),
    "letter extra": (letter_extra, SLIP),
    "letters swapped": (letter_swapped, SLIP),
    "case": (case, SLIP),
    "marks left out": (marks_left_out, SLIP),
    "space dropped": (space_dropped, SLIP),
    "... for words": (ellipsis_dots, SLIP),
    "\u2026 for words": (ellipsis_char, SLIP),
    "[...] for words": (ellipsis_bracket, SLIP),
    "word left out": (word_left_out, SLIP),
    "cut at start": (cut_start, SLIP),
    "cut at end": (cut_end, SLIP),
    "yeh/kaf": (persian_letters, SLIP),
    "Thai unspaced": (thai_unspaced, SLIP),
    "CJK full stop": (cjk_full_stop, SLIP),
    "-- for dash": (double_hyphen, TYPOGRAPHY),
    "trailing ...": (trailing_dots, SLIP),
    "leading ...": (leading_dots, SLIP),
    "quoted whole": (quoted_whole, SLIP),
    "comma dropped": (comma_dropped, SLIP),
    "period for comma": (period_for_comma, SLIP),
    "full stop added": (full_stop_added, SLIP),
    "full stop dropped": (full_stop_dropped, SLIP),
    "across paragraphs": (None, SLIP),
}


# --- the spans --------------------------------------------------------------------------------------


def _unique(source: Source, story: str, start: int, end: int) -> bool:
    """Does the span stand once in its workspace's sources, anchored at exactly its offsets?"""
    sources, index = workspace(story)
    r = anchor_quote(source.text[start:end], list(sources.values()), index=index)
    return r.anchor is not None and (r.anchor.source, r.anchor.start, r.anchor.end) == (source.id, start, end)


def spans(story: str, per_source: int, seed: int = 0):
    """(source, start, end) of `per_source` spans of each source: whole words (3-60 of them) of one
    paragraph, standing once in the workspace."""
    sources, _ = workspace(story)
    for sid in sorted(sources):
        source = sources[sid]
        rng = random.Random(f"{seed}:{story}:{sid}")
        text = source.text
        # (Chinese and Japanese have no spaces: a span is 6-60 of their characters)
        unspaced = len(_CJK.findall(text)) > len(text) // 3
        words = [(m.start(), m.end()) for m in re.finditer(r"\S" if unspaced else r"\S+", text)]
        found, tries = 0, 0
        while found < per_source and tries < per_source * 20 and len(words) > 3:
            tries += 1
            k = rng.randrange(len(words) - 3)
            n = min(rng.choice((6, 10, 16, 25, 40, 60) if unspaced else (3, 5, 8, 12, 20, 40, 60)), len(words) - k)
            start, end = words[k][0], words[k + n - 1][1]
            para = source.paragraph_of(start)
            if para == 0:
                continue
            end = min(end, source.paragraphs[para - 1][1])
            end = len(text[start:end].rstrip()) + start
            if (end - start < 6 if unspaced else len(text[start:end].split()) < 3) or not _unique(source, story, start, end):
                continue
            if source.path.endswith(".md") and _MARKUP.search(text, start, end):  # (copied from the page as shown)
                continue
            found += 1
            yield source, start, end


def across_paragraphs(story: str, per_source: int, seed: int = 0):
    """(source, start, end) of spans running from a paragraph's last words into the next's first."""
    sources, _ = workspace(story)
    for sid in sorted(sources):
        source = sources[sid]
        rng = random.Random(f"{seed}:across:{story}:{sid}")
        paras = source.paragraphs
        for _ in range(per_source):
            if len(paras) < 2:
                return
            p = rng.randrange(len(paras) - 1)
            (a, b), (c, d) = paras[p], paras[p + 1]
            head = [m.start() + a for m in re.finditer(r"\S+", source.text[a:b])][-3:]
            tail = [m.end() + c for m in re.finditer(r"\S+", source.text[c:d])][:3]
            if head and tail:
                yield source, head[0], tail[-1]


def cases(story: str, per_source: int = 6, seed: int = 0):
    for source, start, end in spans(story, per_source, seed):
        text = source.text[start:end]
        for slip, (make, kind) in SLIPS.items():
            if make is None:
                continue
            rng = random.Random(f"{seed}:{slip}:{source.id}:{start}")
            typed = make(rng, text)
            if typed is None or (kind == SLIP and normalize_quote(typed) == normalize_quote(text)):
                continue
            yield Case(story, source.id, start, end, slip, kind, typed)
    for source, start, end in across_paragraphs(story, max(1, per_source // 3), seed):
        yield Case(story, source.id, start, end, "across paragraphs", SLIP, source.text[start:end])


# --- what check makes of a case ------------------------------------------------------------------


@dataclass
class Outcome:
    outcome: str
    error: str | None
    why: str = ""


def _nspan(source: Source, start: int, end: int) -> tuple[int, int]:
    """The normalised span of the original `[start, end)` (what anchored it)."""
    offsets = source.norm_offsets
    lo, hi = 0, len(source.normalized)
    # the first normalised position at or after start, the last ending at or before end
    import bisect

    class _View:
        def __len__(self):
            return hi + 1

        def __getitem__(self, i):
            return offsets[i]

    a = bisect.bisect_left(_View(), start)
    b = bisect.bisect_left(_View(), end)
    return a, b


def classify(case: Case) -> Outcome:
    sources, index = workspace(case.story)
    result = anchor_quote(case.typed, list(sources.values()), index=index)
    if result.anchor is not None:
        a = result.anchor
        source = sources[a.source]
        got = source.text[a.start : a.end]
        if normalize_quote(got) != normalize_quote(case.typed):
            return Outcome("accepted wrong", None, f"anchored {got!r}, typed {case.typed!r}")
        npos, nend = _nspan(source, a.start, a.end)
        if not whole_at(source, source.normalized, npos, nend - npos):
            return Outcome("accepted wrong", None, f"inside words: {got!r}")
        if case.kind == TYPOGRAPHY and (a.source, a.start, a.end) != (case.source, case.start, case.end):
            return Outcome("accepted wrong", None, f"anchored {a.start}-{a.end}, cut from {case.start}-{case.end}")
        return Outcome("accepted right", None)
    error = result.error or ""
    return Outcome("helpful refusal" if _helpful(case, error, sources, index) else "unhelpful refusal", error)


def _helpful(case: Case, error: str, sources: dict[str, Source], index: SourceIndex) -> bool:
    """Does the error name the passage the case was cut from? A did-you-mean's passage must overlap
    at least half of it; any other finding must name its line (and its source when there are more)."""
    source = sources[case.source]
    if "did you mean" in error:
        from explorer.core.anchoring.nearest import closest_passage

        nq = normalize_quote(case.typed)
        passage = closest_passage(nq, [_as_read(s) for s in sources.values()], index)
        if passage is None or passage.source.id != case.source:
            return False
        start, end = passage.source.to_original(passage.nstart, passage.nend)
        overlap = min(end, case.end) - max(start, case.start)
        return overlap * 2 >= case.end - case.start and (end - start) <= 2 * (case.end - case.start) + 40
    lines = {int(n) for n in re.findall(r"\bline (\d+)", error)}
    lines |= {int(n) for n in re.findall(r"\b(\d+):\d+\b", error)}  # (line:column, as an ambiguous quote's places)
    first, last = source.line_of(case.start), source.line_of(max(case.start, case.end - 1))
    if case.slip == "across paragraphs":
        return f"spans paragraphs {source.paragraph_of(case.start)} and" in error
    return any(first <= n <= last for n in lines) and (len(sources) == 1 or case.source in error)


def report(per_source: int = 6, seed: int = 0, stories=STORIES) -> dict:
    """Counts per story and per slip class: {("story", name) or ("slip", name): {outcome: n}}."""
    import time

    counts: dict = {}
    slowest = (0.0, None)
    bad = []
    for story in stories:
        for c in cases(story, per_source, seed):
            t = time.perf_counter()
            o = classify(c)
            took = time.perf_counter() - t
            slowest = max(slowest, (took, c), key=lambda x: x[0])
            for key in (("story", story), ("slip", c.slip)):
                row = counts.setdefault(key, dict.fromkeys(OUTCOMES, 0))
                row[o.outcome] += 1
            if o.outcome in ("accepted wrong", "unhelpful refusal") or (c.kind == TYPOGRAPHY and o.outcome != "accepted right"):
                bad.append((c, o))
    counts["slowest"] = slowest
    counts["bad"] = bad
    return counts


def _print(counts: dict, show: int) -> None:
    print(f"{'':28} {'right':>6} {'wrong':>6} {'help':>6} {'nohelp':>6}")
    for kind in ("story", "slip"):
        for (k, name), row in sorted((k, v) for k, v in counts.items() if isinstance(k, tuple) and k[0] == kind):
            print(f"{kind[:5]} {name:22} " + " ".join(f"{row[o]:6}" for o in OUTCOMES))
    total = dict.fromkeys(OUTCOMES, 0)
    for k, row in counts.items():
        if isinstance(k, tuple) and k[0] == "slip":
            for o in OUTCOMES:
                total[o] += row[o]
    print(f"{'total':28} " + " ".join(f"{total[o]:6}" for o in OUTCOMES))
    took, c = counts["slowest"]
    print(f"slowest case {took:.3f} s: {c}")
    for c, o in counts["bad"][:show]:
        print(f"--- {c.story}/{c.source} {c.slip} ({c.kind}) {c.start}-{c.end}: {o.outcome}")
        print(f"    typed: {c.typed!r}")
        print(f"    {o.why or o.error}")


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 6  # spans of each source
    show = int(sys.argv[2]) if len(sys.argv) > 2 else 40  # failures shown
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    _print(report(n, seed, sys.argv[4:] or STORIES), show)
