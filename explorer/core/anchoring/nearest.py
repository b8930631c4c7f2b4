""""Did you mean": the passage of the sources closest to a quote that is not found, and what differs.

Near-linear in the quote's and the sources' length, in three steps:

1. Where to look. The quote's words (lower-cased, without accents, so a quote that differs only in
   case or accents still finds its passage) are looked for, as whole words, in each candidate
   source's key text (its normalised text lower-cased and without accents, position for
   position). Each place a word is found votes for where the quote would start there. With many
   sources, the source index's postings of the quote's exact words first pick the few sources
   worth looking in. Each search is a C-level `str.find`; a word found too often votes for nothing.
2. How the quote lines up. Around the few best-voted places, the quote's tokens (words, and each
   punctuation mark) are aligned with the source's by a banded edit distance over tokens
   (substituting, dropping or adding a token costs 1; a token that differs only in case or
   accents almost nothing): the cost is bounded by the quote's length times the band.
3. What differs, in words a person uses: "differs only in accents: the source has 'José'", "you
   typed 'drunk', the source has 'drunken'", "the source has ';' where you typed ','".

difflib, which this replaces, compared every candidate start and end with a quadratic similarity:
a misspelt 2,000-character quote took over ten minutes. rapidfuzz's `partial_ratio_alignment`
was measured too (see README): exact and fast on one source, but about 15 ms per 30 KB source
that does not hold the passage, so 1.5 s for a quote looked for in 100 sources; the token votes
narrow that down to one window first, and the alignment of a window needs no C extension.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from explorer.core.safetext import visible
from explorer.core.anchoring.sources import Source
from explorer.core.text import BASE_LETTERS, UNSPACED_CHARS, LazyPattern, is_word_char, key_text, mark_class
from explorer.core.safetext import clip, quoted

# A token: one character of a script written without spaces with the marks on it (Thai "ซ่" is
# one, so a tone mark left out is "you typed 'ซ', the source has 'ซ่'", never a bare mark), a run
# of other letters and digits with the marks on them (a word of an Indic script, or of Arabic with
# its vowels, is one token: Python's `\\w` holds no mark), or a run of one punctuation mark (`...`
# is one token). A number with separators between its digit groups, "6.000", "3,12", "1,000억원",
# is one token too: "6000" typed for "6.000" is "you typed '6000', the source has '6.000'"; so is a
# time, "14.45" or "14:45", which a person types with the separator of their own habit; and so is a
# number whose groups a space parts, as French and others write them ("2 209": "2209" typed for it).
_TOKEN = LazyPattern(lambda: f"[{UNSPACED_CHARS}](?:{mark_class()})*"
                             f"|(?<!\\d)\\d{{1,3}}(?: \\d{{3}})+(?!\\d|[.,:]\\d)"  # (groups parted by spaces: "2 209", French)
                             f"|\\d+(?:[.,:]\\d+)+(?:[^\\W_{UNSPACED_CHARS}]|{mark_class()})*"
                             f"|(?:[^\\W_{UNSPACED_CHARS}]|{mark_class()})+|([^\\w\\s])\\1*|_+")
_UNSPACED_RUN = LazyPattern(f"[{UNSPACED_CHARS}]+")

MAX_PROBES = 48  # words of a quote looked for
MAX_HITS = 24  # a word found more often than this in a source votes for nothing there
MAX_SOURCES = 3  # with an index, the sources whose text is searched
MIN_RATIO = 0.5  # a passage less alike than this is not offered
MAX_CELLS = 400_000  # the alignment's budget: quote tokens times band width


@dataclass
class Passage:
    """A passage of `source`'s normalised text, `[nstart, nend)`, most like a quote."""

    source: Source
    nstart: int
    nend: int
    ratio: float
    differences: str = ""


def closest_passage(nq: str, sources: list[Source], index=None) -> Passage | None:
    """The passage of `sources` most like the normalised quote `nq`, if any is close.

    `index` (a `SourceIndex` over the sources) picks the sources worth searching when there are
    many."""
    if not nq or not sources:
        return None
    if nq[0] in _MARKS or nq[-1] in _MARKS:
        marked = _stray_marks(nq, sources if len(sources) <= MAX_SOURCES else sources[:MAX_SOURCES * 8])
        if marked is not None:
            return marked
    qkey = key_text(nq)
    probes = _probes(nq, qkey)
    if not probes:
        return _joined_words(nq, sources[:MAX_SOURCES * 8]) or _respaced(nq, sources[:MAX_SOURCES * 8])
    within = sources
    if index is not None and len(sources) > MAX_SOURCES:
        likely = index.likely_sources(nq, sources, MAX_SOURCES)
        if likely:
            within = likely
    places = _places(probes, nq, within)
    if not places and within is not sources:
        places = _places(probes, nq, sources)
    best: Passage | None = None
    qtokens = _tokens(nq, qkey, 0, len(nq))
    for source, diag in places:
        passage = _align_at(nq, qtokens, source, diag)
        if passage is not None and (best is None or passage.ratio > best.ratio):
            best = passage
    # (the sources searched for it spelt otherwise: all of a few; of many, those its words pick,
    # which a quote whose one long word is misspelt picks by its short ones: "في الوقتنفسه,")
    wide = sources if len(sources) <= MAX_SOURCES * 8 else within
    if best is None or best.ratio < MIN_RATIO or (best.ratio < 1.0 and len(nq) <= MAX_RESPACED):
        # no word of it found where it stands, or not all (its words voted for other places, as
        # often as for its own): its letters vote
        for source, diag in _gram_places(nq, qkey, wide):
            if any(source is s and abs(diag - d) < 8 for s, d in places):
                continue  # (aligned there already)
            passage = _align_at(nq, qtokens, source, diag)
            if passage is not None and (best is None or passage.ratio > best.ratio):
                best = passage
    if best is None or best.ratio < 1.0:
        looked = sources if len(sources) <= MAX_SOURCES else within
        joined = (_joined_words(nq, looked) or _apostrophes(nq, looked) or _accent_apostrophes(nq, looked)
                  or _possessives(nq, looked))
        if joined is not None:
            return joined
        hyphened = _hyphens(nq, looked) or _hyphens_left_out(nq, looked)
        if hyphened is not None and (best is None or best.source is not hyphened.source
                                     or (best.nstart, best.nend) != (hyphened.nstart, hyphened.nend)):
            return hyphened  # (the alignment lined the words up wrong; where it has the passage, it says it well)
    if best is None or best.ratio < MIN_RATIO:
        return _respaced(nq, wide)
    return best


_MARKS = "\"'"  # every quotation mark, as a normalised quote has it (“ ” « » „ ‘ ’ ...)
_NEAR_MARK = 2  # a mark this close to the passage's edge in the source: a punctuation slip, not a stray mark


def _stray_marks(nq: str, sources: list[Source]) -> Passage | None:
    """The quote found once the quotation marks at its edges that the source does not have there
    are left out: a writer puts a speaker's words in quotes ("“Oscar Isaac has had a pretty stellar
    year.”") or closes the marks where the excerpt stops (“He doesn't want to be a gangster, and he
    has never wanted to be one.” of a speech going on after "one."). Word by word that lined up
    the stray mark with the source's next word: "you typed '"', the source has 'And'", a passage
    one word too long. None when the quote is not so found, or when the source has a mark just
    beyond the passage (`organs"` typed for `organs,”`: the comma is what differs)."""
    from explorer.core.text import is_whole

    lead = len(nq) - len(nq.lstrip(_MARKS))
    trail = len(nq) - len(nq.rstrip(_MARKS))
    tries = [(a, b) for a in range(lead + 1) for b in range(trail + 1) if a or b]
    tries.sort(key=lambda t: t[0] + t[1])  # keep as many of the typed marks as the source has
    for a, b in tries:
        bare = nq[a : len(nq) - b].strip(" ")
        if len(bare) < 2 or not any(c.isalnum() for c in bare):
            continue
        for source in sources:
            hay = source.normalized
            at = hay.find(bare)
            while at >= 0:
                end = at + len(bare)
                if (is_whole(hay, at, end)
                        and not (a and any(c in _MARKS for c in hay[max(0, at - _NEAR_MARK) : at]))
                        and not (b and any(c in _MARKS for c in hay[end : end + _NEAR_MARK]))):
                    start_word, end_word = bare.split(" ")[0], bare.split(" ")[-1]
                    where = [f"before {quoted(_clip(visible(start_word)))}"] if a else []
                    where += [f"after {quoted(_clip(visible(end_word)))}"] if b else []
                    return Passage(source, at, end, 1.0, f"the source has no quotation mark {' nor '.join(where)}: "
                                   "leave the mark out (a quote is the source's own words)")
                at = hay.find(bare, at + 1)
    return None


MAX_RESPACED = 300  # a quote longer than this (characters) is not looked for with other spaces


def _respaced(nq: str, sources: list[Source]) -> Passage | None:
    """The quote found with spaces where it has none, or none where it has them, as a passage
    that says where ("최회장" typed for "최 회장": Korean spaces words by rules people often get
    wrong; two words run together, one split in two). Tried only when nothing else is close."""
    import re

    squeezed = nq.replace(" ", "")
    if len(squeezed) < 2 or len(nq) > MAX_RESPACED:
        return None
    pattern = re.compile(" ?".join(map(re.escape, squeezed)))
    for source, m, found in _other_spellings(pattern, nq, sources):
        pairs: dict[tuple[str, str], None] = {}
        i = j = 0  # in the quote, in the passage: the same characters but for spaces
        while i < len(nq) and j < len(found):
            if nq[i] == found[j]:
                i, j = i + 1, j + 1
                continue
            ours, theirs = _word_at(nq, i), _word_at(found, j)
            pairs[(ours, theirs)] = None
            i, j = (i + 1, j) if nq[i] == " " else (i, j + 1)
        said = "; ".join(f"you typed {quoted(_clip(visible(a)))}, the source has {quoted(_clip(visible(b)))}"
                         for a, b in pairs)
        return Passage(source, m.start(), m.end(), 1.0, f"differs only in spacing: {said}")
    return None


def _other_spellings(pattern, nq: str, sources: list[Source]):
    """(source, match, text) of each place `pattern` finds on whole words that is not `nq` itself."""
    from explorer.core.text import is_whole

    for source in sources:
        hay = source.normalized
        for m in pattern.finditer(hay):
            found = m.group()
            if found != nq and is_whole(hay, m.start(), m.end()):
                yield source, m, found


def _apostrophes(nq: str, sources: list[Source]) -> Passage | None:
    """The quote found with an apostrophe left out or put in inside its words ("Univas customers"
    typed for "Univa’s customers", "dont" for "don't"), as a passage that names each word: word
    by word it lined up "Univas" with the "s" after the apostrophe, a passage starting inside a
    name. None if it is not so found."""
    import re

    bare = nq.replace("'", "")
    if len(nq) > MAX_RESPACED or len(bare) < 2 or not any(c.isalpha() for c in bare):
        return None
    pattern = re.compile("".join(re.escape(c) + ("'?" if c.isalnum() and n + 1 < len(bare) and bare[n + 1].isalnum() else "")
                                 for n, c in enumerate(bare)))
    for source, m, found in _other_spellings(pattern, nq, sources):
        ours, theirs = nq.split(" "), found.split(" ")
        if len(ours) != len(theirs):
            continue
        shown: dict[str, None] = {}
        at = m.start()
        for typed, word in zip(ours, theirs):
            if typed != word:
                start, end = source.to_original(at, at + len(word))
                text = source.text[start:end]
                shown[quoted(_clip(visible(text.replace("\u200b", "") if source.__dict__.get("rendered") else text)))] = None
            at += len(word) + 1
        return Passage(source, m.start(), m.end(), 1.0, f"differs only in apostrophes: the source has {', '.join(shown)}")
    return None


_ACCENT_APOSTROPHE = LazyPattern(r"(?<=[AEIOUaeiou])'(?![^\W_])")  # "e'", "perche'", "citta'": an accent typed so


def _accented(vowel: str) -> str:
    """A character class of `vowel` and every letter that is it with an accent (e: e è é ê ë ...)."""
    import unicodedata

    same = [chr(c) for c in range(0xC0, 0x250) if unicodedata.normalize("NFD", chr(c))[0] == vowel]
    return "[" + vowel + "".join(same) + "]"


def _accent_apostrophes(nq: str, sources: list[Source]) -> Passage | None:
    """The quote found where it types an accented vowel as the vowel and an apostrophe, as an
    Italian keyboard's users do ("e'" for "è", "perche'" for "perché", "citta'" for "città"): it
    was "the source does not have "'" here (4 times)", never saying the accents differ. The
    passage, and the words with their accents named. None if it is not so found."""
    import re

    from explorer.core.text import is_whole

    cuts = list(_ACCENT_APOSTROPHE.finditer(nq))
    if not cuts or len(nq) > MAX_RESPACED:
        return None
    parts, last = [], 0
    for m in cuts:
        parts += [re.escape(nq[last : m.start() - 1]), "(" + _accented(nq[m.start() - 1]) + ")"]
        last = m.end()
    pattern = re.compile("".join(parts) + re.escape(nq[last:]))
    for source in sources:
        hay = source.normalized
        for m in pattern.finditer(hay):
            if not is_whole(hay, m.start(), m.end()) or all(m.group(k) == nq[c.start() - 1] for k, c in enumerate(cuts, 1)):
                continue
            said: dict[str, None] = {}
            for k in range(1, len(cuts) + 1):
                j = m.start(k)
                a = max(hay.rfind(" ", m.start(), j) + 1, m.start())
                b = j + 1
                start, end = source.to_original(a, b)
                said[quoted(_clip(visible(source.text[start:end])))] = None
            return Passage(source, m.start(), m.end(), 1.0, "differs only in accents, each typed as an apostrophe after "
                           f"its letter: the source has {', '.join(said)}")
    return None


_POSSESSIVE = LazyPattern(r"(?<=[^\W\d_])'s?(?![^\W_])")  # "Putin's", "Reuters'" (a normalised quote's apostrophe)


def _possessives(nq: str, sources: list[Source]) -> Passage | None:
    """The quote found without the possessive a writer put on a name ("The gift from Vladimir
    Putin's" of "The gift from Vladimir Putin was", "leader Kim Jong Un's" of "leader Kim Jong Un.
    Russia"): word by word it lined the "'s" up with the source's next words ("you typed "'s", the
    source has 'was a'", a passage run on into the next paragraph). None if it is not so found."""
    import re

    from explorer.core.text import is_whole

    cuts = list(_POSSESSIVE.finditer(nq))
    if not cuts or len(nq) > MAX_RESPACED:
        return None
    bare = _POSSESSIVE.sub("", nq)
    if len(bare) < 2 or not any(c.isalpha() for c in bare):
        return None
    for source in sources:
        hay = source.normalized
        at = hay.find(bare)
        while at >= 0:
            if is_whole(hay, at, at + len(bare)):
                words = [re.findall(r"[^\W_]+", nq[: m.start()])[-1] for m in cuts]
                said = ", ".join(f"{quoted(m.group())} after {quoted(_clip(visible(w)))}" for m, w in zip(cuts, words))
                return Passage(source, at, at + len(bare), 1.0,
                               f"the source does not have {said}: leave it out (a quote is the source's own words)")
            at = hay.find(bare, at + 1)
    return None


_SEPARATOR = LazyPattern(r"(?<=\w)[ -](?=\w)")
_HYPHENS = ("-", "\u2010", "\u2011")  # a hyphen as typed or set (U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN)
_IN_WORD_HYPHENS = (*_HYPHENS, "\u2013")  # (and an en dash set inside a word: Nepali "जिल्ला–जिल्लामा")


def _hyphens(nq: str, sources: list[Source]) -> Passage | None:
    """The quote found with a hyphen where it has a space, or a space or nothing where it has a
    hyphen, case aside ("Attorney General" typed for "Attorney-General", "high powered" for
    "HIGH-powered"), as the whole passage with each word named: word by word the quote lined
    up its first word with the hyphen ("did you mean "-General George Brandis"? You typed
    'Attorney', the source has '-'"), a passage starting inside a word. None if not so found."""
    import re

    from explorer.core.text import is_whole

    seps = list(_SEPARATOR.finditer(nq))
    if not seps or len(nq) > MAX_RESPACED:
        return None
    parts, last = [], 0
    for m in seps:
        parts += [re.escape(nq[last : m.start()]), "([ -]?)" if m.group() == "-" else "([ -])"]
        last = m.end()
    pattern = re.compile("".join(parts) + re.escape(nq[last:]), re.IGNORECASE)
    for source in sources:
        hay = source.normalized
        for m in pattern.finditer(hay):
            changed = [k for k, sep in enumerate(seps, 1) if m.group(k) != sep.group()]
            if not changed or not is_whole(hay, m.start(), m.end()):
                continue  # (the same separators: case alone differs, which the alignment says)
            if any(m.group(k) == "-" and source.text[slice(*source.to_original(m.start(k), m.end(k)))] not in _HYPHENS
                   for k in changed):
                continue  # a dash between words ("travels -- arrived", "a—b"), not a compound's hyphen
            said: dict[str, None] = {}
            for k in changed:
                i, j = seps[k - 1].start(), m.start(k)  # the separator, in the quote and in the source
                a, b = nq.rfind(" ", 0, i) + 1, nq.find(" ", i + 1)
                typed = nq[a : b if b >= 0 else len(nq)]
                a, b = hay.rfind(" ", m.start(), j) + 1, hay.find(" ", j + 1, m.end())
                a, b = max(a, m.start()), b if b >= 0 else m.end()
                start, end = source.to_original(a, b)
                said[f"the source has {quoted(_clip(visible(source.text[start:end])))} where you typed "
                     f"{quoted(_clip(visible(typed)))}"] = None
            return Passage(source, m.start(), m.end(), 1.0, "; ".join(said))
    return None


def _in_word_hyphen(text: str, start: int, end: int) -> bool:
    """Is text[start:end] one hyphen between two letters or digits?"""
    return (end == start + 1 and text[start] in _IN_WORD_HYPHENS and start > 0 and end < len(text)
            and text[start - 1].isalnum() and text[end].isalnum())


def _hyphens_left_out(nq: str, sources: list[Source]) -> Passage | None:
    """The quote found with a hyphen inside a word that it leaves out altogether ("PDIP" typed for
    "PDI-P", "ecommerce" for "e-commerce"), as the whole passage with each such word named: word by
    word the typed word lined up with the part before the hyphen, a passage ending inside a word
    ("(PDI-"), or a word after it dropped. A hyphen may stand between any two letters or digits of
    a word of the quote; the source's must be a hyphen between two word characters (a dash between
    words, "war - peace", is no word's). None if the quote is not so found."""
    import re

    from explorer.core.text import is_whole

    if len(nq) > MAX_RESPACED or not any(c.isalnum() for c in nq):
        return None
    inner = [n for n in range(len(nq) - 1) if nq[n].isalnum() and nq[n + 1].isalnum()]
    if not inner:
        return None
    parts, last = [], 0
    for n in inner:
        parts.append(re.escape(nq[last : n + 1]) + "(-?)")
        last = n + 1
    pattern = re.compile("".join(parts) + re.escape(nq[last:]))
    for source in sources:
        hay = source.normalized
        for m in pattern.finditer(hay):
            put = [k for k in range(1, len(inner) + 1) if m.group(k)]
            if not put or not is_whole(hay, m.start(), m.end()):
                continue
            if not all(_in_word_hyphen(source.text, *source.to_original(m.start(k), m.end(k))) for k in put):
                continue  # (a dash between words, "war - peace", which the normalised text writes "war-peace")
            said: dict[str, None] = {}
            for k in put:
                j = m.start(k)  # the hyphen, in the normalised source; the quote's letter before it
                i = inner[k - 1]
                a, b = nq.rfind(" ", 0, i) + 1, nq.find(" ", i + 1)
                typed = nq[a : b if b >= 0 else len(nq)]
                a, b = max(hay.rfind(" ", m.start(), j) + 1, m.start()), hay.find(" ", j + 1, m.end())
                start, end = source.to_original(a, b if b >= 0 else m.end())
                theirs = source.text[start:end]
                # (the word, without the brackets or punctuation the quote has around it too)
                lead = len(typed) - len(typed.lstrip("([{\"'"))
                trail = len(typed) - len(typed.rstrip(")]}\"'.,;:!?"))
                typed, theirs = typed[lead : len(typed) - trail], theirs[lead : len(theirs) - trail]
                said[f"the source has {quoted(_clip(visible(theirs)))} where you typed {quoted(_clip(visible(typed)))}"] = None
            return Passage(source, m.start(), m.end(), 1.0, "; ".join(said))
    return None


def _word_at(text: str, i: int) -> str:
    """The words around a space at `i` (or around the gap before `text[i]`)."""
    a = text.rfind(" ", 0, i - 1 if text[i] == " " else i) + 1
    b = text.find(" ", i + 1)
    return text[a : b if b >= 0 else len(text)]


# Persian, Urdu, Kurdish and Pashto write many words in two parts joined by a zero-width non-joiner
# (می‌گوید, رئیس‌جمهور); a keyboard without one types a space. The normalised source has nothing
# there (the ZWNJ is invisible), so such a quote has a word too many and a word too few, and a
# short one was "not close". A space between two letters of these scripts may stand for nothing.
_ARABIC_LETTER = "[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c9]"
_OPTIONAL_SPACE = LazyPattern(f"(?<={_ARABIC_LETTER}) (?={_ARABIC_LETTER})")


def _joined_words(nq: str, sources: list[Source]) -> Passage | None:
    """The quote found with some of its spaces between Arabic-script letters standing for nothing
    (the source joins those words), as a passage that says so; None if it is not so found."""
    import re

    from explorer.core.text import is_whole

    gaps = [m.start() for m in _OPTIONAL_SPACE.finditer(nq)]
    if not gaps or len(gaps) > 32:
        return None
    parts, last = [], 0
    for g in gaps:
        parts.append(re.escape(nq[last:g]))
        last = g + 1
    parts.append(re.escape(nq[last:]))
    pattern = re.compile("(?: ?)".join(f"({p})" if i else p for i, p in enumerate(parts)))
    for source in sources:
        hay = source.normalized
        for m in pattern.finditer(hay):
            if not is_whole(hay, m.start(), m.end()):
                continue
            # where a space was dropped: the group after it starts right after the one before
            joined = [k for k in range(1, len(parts)) if hay[m.start(k) - 1 : m.start(k)] != " "]
            if not joined:
                continue
            words = []
            for k in joined:
                a, b = m.start(k) - 1, m.start(k)
                while a > m.start() and hay[a - 1] != " ":
                    a -= 1
                while b < m.end() and hay[b] != " ":
                    b += 1
                start, end = source.to_original(a, b)
                words.append(_clip(visible(source.text[start:end])))
            said = ", ".join(quoted(w) for w in dict.fromkeys(words))
            return Passage(source, m.start(), m.end(), 1.0,
                           f"the source writes {said} as one word{' each' if len(words) > 1 else ''} (a zero-width "
                           "non-joiner, or nothing, where you typed a space)")
    return None


# --- 1. where to look ----------------------------------------------------------------------------


def _probes(nq: str, qkey: str) -> list[tuple[int, str, bool]]:
    """(offset in the quote, key, whole word?) of the quote's words worth looking for: words of
    three or more characters, and three-character pieces of runs written without spaces."""
    found: list[tuple[int, str, bool]] = []
    for m in _TOKEN.finditer(nq):
        a, b = m.span()
        if b - a >= 3 and is_word_char(nq[a]) and _UNSPACED_RUN.match(nq, a) is None:
            found.append((a, qkey[a:b], True))
            key = qkey[a:b]
            if key[:1].isdigit() and key.translate(_SEPARATORS) != key:  # a number: looked for with the other separators too
                found.extend((a, key.translate(other), True) for other in _OTHER_SEPARATORS if key.translate(other) != key)
    for m in _UNSPACED_RUN.finditer(nq):
        a, b = m.span()
        if b - a < 2:
            continue
        for i in range(a, max(a + 1, b - 2), 2):
            found.append((i, qkey[i : min(b, i + 3)], False))
    if len(found) <= MAX_PROBES:
        return found
    # the longest words (the most telling), spread over the quote: sort by length, keep order
    keep = sorted(range(len(found)), key=lambda k: -len(found[k][1]))[:MAX_PROBES]
    return [found[k] for k in sorted(keep)]


def _occurrences(hay: str, key: str, whole: bool) -> tuple[list[int], bool]:
    """Where `key` occurs in `hay` (as a whole word if `whole`), the first MAX_HITS of them, and
    whether there are more."""
    hits: list[int] = []
    n = len(key)
    i = hay.find(key)
    while i >= 0:
        if not whole or ((i == 0 or not is_word_char(hay[i - 1])) and (i + n >= len(hay) or not is_word_char(hay[i + n]))):
            if len(hits) == MAX_HITS:
                return hits, True
            hits.append(i)
        i = hay.find(key, i + 1)
    return hits, False


def _places(probes, nq: str, sources: list[Source], limit: int = 3) -> list[tuple[Source, int]]:
    """The few (source, normalised start) where the most of the quote's words line up."""
    width = max(16, len(nq) // 10)  # votes this close together are one place
    votes: dict[tuple[int, int], dict[int, int]] = {}  # (source, bucket) -> {probe: its start}
    keys: dict[str, list[int]] = {}
    for k, (_, key, _whole) in enumerate(probes):
        keys.setdefault(key, []).append(k)
    common: list[tuple[int, str, list[int]]] = []  # words found too often to vote, kept in case
    for s_number, source in enumerate(sources):
        hay = source.key
        for key, ks in keys.items():
            hits, more = _occurrences(hay, key, probes[ks[0]][2])
            if more:
                common.append((s_number, key, hits))
                continue
            _vote(votes, probes, ks, hits, s_number, width)
    if not votes:  # every word written with vowel marks on one side only (a pointed text: see VOWEL_MARKS)
        _vote_without_vowel_marks(votes, probes, sources, width)
    if not votes:  # only common words (a quote of "the", "said", ...): their first places vote
        for s_number, key, hits in common:
            _vote(votes, probes, keys[key], hits, s_number, width)
    if not votes:
        return []
    scored = []
    for (s_number, bucket), ballots in votes.items():
        merged = dict(ballots)
        for near in (bucket - 1, bucket + 1):
            for k, start in votes.get((s_number, near), {}).items():
                merged.setdefault(k, start)
        score = sum(len(probes[k][1]) for k in merged)
        scored.append((score, s_number, bucket, _densest(sorted(merged.values()))))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    chosen: list[tuple[Source, int]] = []
    taken: set[tuple[int, int]] = set()
    for score, s_number, bucket, start in scored:
        if (s_number, bucket) in taken:
            continue
        if score * 2 < scored[0][0]:  # far behind the best: not worth aligning
            break
        taken.update((s_number, bucket + d) for d in (-1, 0, 1))
        if any(other is sources[s_number] and abs(other_start - start) < width for other, other_start in chosen):
            continue  # the same place, voted for from a neighbouring bucket
        chosen.append((sources[s_number], start))
        if len(chosen) == limit:
            break
    return chosen


GRAM = 4  # characters of a piece of a quote that votes where it stands (_gram_places); 2 in Chinese
MAX_GRAMS = 64  # pieces of a quote looked for, at most (spread over its start)
GRAM_HITS = 96  # a piece found more often than this in a source votes for nothing there
GRAM_SPREAD = 2  # votes this close together are for one start (a letter dropped or doubled shifts the rest)


def _gram_places(nq: str, qkey: str, sources: list[Source], limit: int = 3) -> list[tuple[Source, int]]:
    """Where a quote none of whose words votes for its passage stands, found by its letters: every
    GRAM characters of it (case and accents aside, the spaces between words too) vote for where the
    quote would start, in each source, and the starts most of them agree on win. A short quote with
    a typo in its one long word ("Memoris of the", "restrts it if", "das in an") had no word of three
    letters or more to look for, or only common ones voting anywhere: "no passage is close to it".
    Only for a quote whose words found nothing close."""
    # (Chinese, Japanese, Thai: every two characters, where a word is one or two of them)
    size = 2 if 2 * sum(map(len, _UNSPACED_RUN.findall(nq))) >= len(nq) else GRAM
    if len(qkey) < size + 1:
        return []
    grams: dict[str, list[int]] = {}
    for i in range(0, len(qkey) - size + 1):
        gram = qkey[i : i + size]
        if sum(is_word_char(c) for c in gram) >= min(2, size - 1):
            grams.setdefault(gram, []).append(i)
        if len(grams) >= MAX_GRAMS:
            break
    found: list[tuple[int, int, Source]] = []
    for number, source in enumerate(sources):
        hay = source.key
        counts: dict[int, int] = {}
        for gram, at in grams.items():
            hits, more = [], False
            i = hay.find(gram)
            while i >= 0:
                if len(hits) == GRAM_HITS:
                    more = True
                    break
                hits.append(i)
                i = hay.find(gram, i + 1)
            if more:
                continue
            for pos in hits:
                for offset in at:
                    counts[pos - offset] = counts.get(pos - offset, 0) + 1
        if not counts:
            continue
        starts = sorted(counts)
        lo, total = 0, 0
        for hi, start in enumerate(starts):  # the votes within GRAM_SPREAD of each start
            total += counts[start]
            while start - starts[lo] > 2 * GRAM_SPREAD:
                total -= counts[starts[lo]]
                lo += 1
            if total >= 2:
                found.append((-total, number, max(0, starts[lo] + GRAM_SPREAD)))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    chosen: list[tuple[Source, int]] = []
    for total, number, start in found:
        if any(s is sources[number] and abs(at - start) <= len(nq) for s, at in chosen):
            continue
        chosen.append((sources[number], start))
        if len(chosen) == limit:
            break
    return chosen


def _vote_without_vowel_marks(votes, probes, sources: list[Source], width: int) -> None:
    """`_places`' votes with the vowel marks of the quote's words and of each source left out: a
    quote typed without the points of a fully pointed text (a verse, a poem, a children's book)
    or with the points its source has not shares no word with it as written. Only when no word
    voted (a source's text stripped and searched again is no cost paid by other quotes)."""
    keys: dict[str, list[int]] = {}
    for k, (_, key, _whole) in enumerate(probes):
        keys.setdefault(key.translate(_NO_VOWEL_MARKS) or key, []).append(k)
    quote_marked = any(k != probes[ks[0]][1] for k, ks in keys.items())
    for s_number, source in enumerate(sources):
        hay = source.key
        marks = [m.start() for m in _VOWEL_MARK.finditer(hay)]
        if not marks and not quote_marked:
            continue
        bare = hay.translate(_NO_VOWEL_MARKS) if marks else hay
        for key, ks in keys.items():
            hits, more = _occurrences(bare, key, probes[ks[0]][2])
            if not more:
                _vote(votes, probes, ks, [_with_marks(h, marks) for h in hits], s_number, width)


def _with_marks(i: int, marks: list[int]) -> int:
    """The index in a text of its character `i` once the characters at `marks` (sorted) are left out."""
    j = i
    while True:
        k = i + bisect_right(marks, j)
        if k == j:
            return j
        j = k


def _vote(votes, probes, ks: list[int], hits: list[int], s_number: int, width: int) -> None:
    for k in ks:
        offset = probes[k][0]
        for pos in hits:
            start = pos - offset
            votes.setdefault((s_number, start // width), {}).setdefault(k, start)


def _densest(starts: list[int], spread: int = 8) -> int:
    """The start most ballots agree on (within `spread` characters): words found where the quote
    stands all vote for about the same start, stray ones anywhere."""
    best, best_count, lo = starts[0], 0, 0
    for hi, value in enumerate(starts):
        while value - starts[lo] > spread:
            lo += 1
        if hi - lo + 1 > best_count:
            best_count, best = hi - lo + 1, starts[(lo + hi) // 2]
    return best


# --- 2. how the quote lines up -------------------------------------------------------------------


# The vowel marks of Hebrew (niqqud, the cantillation marks, the rafe of Yiddish פֿ) and of Arabic
# and Persian (harakat: fatha, damma, kasra, tanwin, shadda, sukun, the superscript alef, the
# Quranic marks), which most text leaves out and a person types without: "הרבה" for "הִרבה",
# "مخصوصا" for "مخصوصاً". A token's key is without them, so such a word lines up with the source's
# as a fold ("differs only in vowel marks: the source has 'הִרבה' (hiriq)"), never a change that
# shows two words a terminal draws alike. Only here: a quote keeps every mark (`normalize` keeps
# them; a quote without the source's marks is not found). Hamza and madda are named apart (see
# `_HAMZA`); the vowel signs of Indic scripts are letters, not marks a writer leaves out.
VOWEL_MARKS = "".join(chr(c) for c in (*range(0x0591, 0x05BE), 0x05BF, 0x05C1, 0x05C2, 0x05C4, 0x05C5, 0x05C7,
                                       *range(0x064B, 0x0653), *range(0x0656, 0x0660), 0x0670,
                                       *range(0x06D6, 0x06DD), *range(0x06DF, 0x06E5), 0x06E7, 0x06E8,
                                       *range(0x06EA, 0x06EE)))
_VOWEL_MARK = LazyPattern("[" + VOWEL_MARKS + "]")
_NO_VOWEL_MARKS = str.maketrans("", "", VOWEL_MARKS)


def _tokens(text: str, key: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """(start, end, exact text, key) of every token of `text[start:end]`; the key without vowel
    marks (see VOWEL_MARKS)."""
    tokens = [(m.start(), m.end(), m.group(), key[m.start() : m.end()]) for m in _TOKEN.finditer(text, start, end)]
    if _VOWEL_MARK.search(text, start, end) is not None:
        tokens = [(a, b, t, k.translate(_NO_VOWEL_MARKS) or k) for a, b, t, k in tokens]
    return tokens


def _align_at(nq: str, qtokens, source: Source, diag: int) -> Passage | None:
    hay = source.normalized
    slack = 24 + len(nq) // 4
    lo = max(0, diag - slack)
    hi = min(len(hay), diag + len(nq) + slack)
    lo = hay.rfind(" ", 0, lo) + 1 if lo > 0 else 0  # whole tokens only
    space = hay.find(" ", hi)
    hi = len(hay) if space < 0 else space
    wtokens = _tokens(hay, source.key, lo, hi)
    if not wtokens or not qtokens:
        return None
    hint = bisect_left([t[0] for t in wtokens], max(lo, diag))
    aligned = align(qtokens, wtokens, hint)
    if aligned is None:
        return None
    ops, first, last = aligned
    if first is None:
        return None
    ops, first, last = _edges_left_out(ops, first, last, qtokens, wtokens)
    if sum(wtokens[j][2].count('"') for j in range(first, last + 1)) % 2:
        # a quotation mark the passage opens and the source closes just after it (or the other
        # way round): the passage takes it, and says so, not half a quotation
        if last + 1 < len(wtokens) and wtokens[last + 1][2] == '"' and wtokens[last + 1][0] == wtokens[last][1]:
            ops = [*ops, ("insert", None, last + 1)]
            last += 1
        elif first > 0 and wtokens[first - 1][2] == '"' and wtokens[first - 1][1] == wtokens[first][0]:
            ops = [("insert", None, first - 1), *ops]
            first -= 1
    ratio = _ratio(ops, qtokens, wtokens, first, last)
    passage = Passage(source, wtokens[first][0], wtokens[last][1], ratio)
    passage.differences = _describe(ops, qtokens, wtokens, nq, source)
    return passage


EDGE_GAP = 8  # tokens of the source, at most, between a quote's edge word and the rest (_edges_left_out)


def _ratio(ops, qtokens, wtokens, first: int, last: int) -> float:
    """How alike the quote and the passage `wtokens[first:last + 1]` lined up by `ops` are, 0 to 1.
    ("joined": a quote token that is the source's token and the next one without the space.)"""
    matched = sum(len(qtokens[i][3]) if op != "replace" else _alike(qtokens[i][3], wtokens[j][3])
                  for op, i, j in ops if op in ("equal", "fold", "replace", "joined"))
    qchars = sum(len(t[3]) for t in qtokens)
    wchars = sum(len(wtokens[j][3]) for j in range(first, last + 1))
    return 2 * matched / (qchars + wchars) if qchars + wchars else 0.0


def _edges_left_out(ops, first: int, last: int, qtokens, wtokens):
    """The alignment `(ops, first, last)`, or one more alike that lines the quote's first (last)
    word up otherwise, when the alignment replaced it with a word of the source:

    - the source has that very word a few tokens before (after), the words between left out: a
      word left out just after a quote's first word ("المبادرة أي وقتٍ" of "المبادرة من أي وقتٍ",
      "maahanmuuton ehdokas julisti," of "maahanmuuton rajoittamiseen republikaanipuolueen ehdokas
      julisti,") cost the alignment as much as another first word typed, and it took the word next
      to the rest: "did you mean "من أي وقتٍ"? You typed 'المبادرة', the source has 'من'";
    - it is the source's word and the one before (after) it with the space between them dropped
      ("receivea copy." of "receive a copy."): it was "did you mean "a copy."? You typed
      'receivea', the source has 'a'". Lined up as "joined": "you typed 'receivea', the source
      has 'receive a'";
    - it is a mark typed where the source goes on with a word, the rest all alike ("Milliarden
      Dollar und." of "Milliarden Dollar und beschäftigt": it was the other place, "Milliarden
      Dollar."): the mark is left out.

    (A word lined up with a mark, "Attorney" with the "-" of "Attorney-General", is `_hyphens`' to say.)"""
    n = len(qtokens) - 1
    best = (_ratio(ops, qtokens, wtokens, first, last), ops, first, last)
    head = ops[0]
    if head[0] == "replace" and head[1] == 0 and is_word_char(wtokens[head[2]][2][0]):
        key, j = qtokens[0][3], head[2]
        tries = []
        if j > 0 and wtokens[j - 1][3] + wtokens[j][3] == key and wtokens[j - 1][1] < wtokens[j][0]:
            tries.append(([("joined", 0, j - 1), ("insert", None, j), *ops[1:]], j - 1))
        if not is_word_char(qtokens[0][2][0]) and n > 0 and all(op[0] in ("equal", "fold") for op in ops[1:]):
            tries.append(([("delete", 0, None), *ops[1:]], ops[1][2]))  # (a mark typed before the rest, all alike)
        if not _alike(key, wtokens[j][3]):
            j0 = next((k for k in range(j - 1, max(-1, j - 1 - EDGE_GAP), -1) if wtokens[k][3] == key), None)
            if j0 is not None:
                kind = "equal" if wtokens[j0][2] == qtokens[0][2] else "fold"
                tries.append(([(kind, 0, j0), *(("insert", None, k) for k in range(j0 + 1, j + 1)), *ops[1:]], j0))
        for new, start in tries:
            ratio = _ratio(new, qtokens, wtokens, start, last)
            if ratio > best[0]:
                best = (ratio, new, start, last)
    if best[1] is not ops:
        best = _realigned(best, qtokens, wtokens)
    ratio, ops, first, last = best
    tail = ops[-1]
    if n > 0 and tail[0] == "replace" and tail[1] == n and is_word_char(wtokens[tail[2]][2][0]):
        key, j = qtokens[n][3], tail[2]
        tries = []
        if j + 1 < len(wtokens) and wtokens[j][3] + wtokens[j + 1][3] == key and wtokens[j][1] < wtokens[j + 1][0]:
            tries.append(([*ops[:-1], ("joined", n, j), ("insert", None, j + 1)], j + 1))
        if not is_word_char(qtokens[n][2][0]) and all(op[0] in ("equal", "fold") for op in ops[:-1]):
            tries.append(([*ops[:-1], ("delete", n, None)], ops[-2][2]))  # (a mark typed after the rest, all alike)
        if not _alike(key, wtokens[j][3]):
            j1 = next((k for k in range(j + 1, min(len(wtokens), j + 1 + EDGE_GAP)) if wtokens[k][3] == key), None)
            if j1 is not None:
                kind = "equal" if wtokens[j1][2] == qtokens[n][2] else "fold"
                tries.append(([*ops[:-1], *(("insert", None, k) for k in range(j, j1)), (kind, n, j1)], j1))
        for new, end in tries:
            ratio2 = _ratio(new, qtokens, wtokens, first, end)
            if ratio2 > best[0]:
                best = (ratio2, new, first, end)
    if best[1] is not ops:
        best = _realigned(best, qtokens, wtokens)
    return best[1], best[2], best[3]


def _realigned(found, qtokens, wtokens):
    """`found` (ratio, ops, first, last), or the best alignment of the whole quote with exactly
    `wtokens[first:last + 1]` when that is as alike: the edge word moved, the words between lined
    up again ("calon (PDIP) wakil" of "calon (PDI-P) wakil": "(" with "(", not with "-")."""
    ratio, ops, first, last = found
    aligned = align(qtokens, wtokens[first : last + 1], 0, free_ends=False)
    if aligned is None:
        return found
    again = [(op, i, None if j is None else j + first) for op, i, j in aligned[0]]
    if not again or again[0][0] == "insert" or again[-1][0] == "insert":
        return found  # (a passage does not begin or end with a word the quote does not have)
    ratio2 = _ratio(again, qtokens, wtokens, first, last)
    return (ratio2, again, first, last) if ratio2 >= ratio else found


_OTHER_SEPARATORS = [str.maketrans({a: b for a in ".,:" if a != b}) for b in ".,:"]  # ("14:45" looked for as "14.45" too)
_SEPARATORS = str.maketrans("", "", ".,: ")  # (a time's too: "14:45" typed for "14.45"; "2 209" for "2209")


def _alike(a: str, b: str) -> int:
    """How many characters two words that stand for each other share at their start and end, if
    that is most of them ("अधोक्षजानन्द" typed for "अधोक्षजानंद": 10; "Muenchner" for "Münchner":
    8, as keys; two words that merely share a letter: 0). A misspelt word counts for what it got
    right: a short quote with one is still close to its passage, and of two places that differ
    from the quote by a word, the one whose word is nearly the quote's wins."""
    n = min(len(a), len(b))
    if a.translate(_SEPARATORS) == b.translate(_SEPARATORS):  # a number's digit groups: "6000", "6.000"
        return n
    head = 0
    while head < n and a[head] == b[head]:
        head += 1
    if len(a) == len(b) and head + 1 < n and a[head] == b[head + 1] and a[head + 1] == b[head]:
        head += 2  # two letters swapped ("udn" for "und"): they are the same letters
        while head < n and a[head] == b[head]:
            head += 1
    tail = 0
    while tail < n - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    same = head + tail
    return same if 2 * same >= max(len(a), len(b)) and same >= 2 else 0


def align(qtokens, wtokens, hint: int = 0, free_ends: bool = True):
    """Align the quote's tokens with a window's: (ops, first, last window token used), ops being
    ("equal" | "fold" | "replace", i, j), ("delete", i, None) or ("insert", None, j).

    A banded edit distance: quote token i is compared with window tokens near `hint + i`. With
    `free_ends`, the window's tokens before and after the passage cost nothing. A narrow band is
    tried first: when it finds few differences, a wider one could not find fewer that matter."""
    n, m = len(qtokens), len(wtokens)
    wide = max(16, min(n // 6 + 8, MAX_CELLS // max(1, n)))
    if not free_ends:
        wide = max(wide, abs(m - n) + 8)
    if wide > 12 and free_ends:
        narrow = _align(qtokens, wtokens, hint, True, 12)
        if narrow is not None and narrow[0] <= max(2.0, n / 16):
            return narrow[1]
    result = _align(qtokens, wtokens, hint, free_ends, wide)
    return None if result is None else result[1]


def _align(qtokens, wtokens, hint: int, free_ends: bool, band: int):
    """`align` with a given band: (cost, (ops, first, last)) or None."""
    n, m = len(qtokens), len(wtokens)
    inf = float("inf")
    qkeys = [t[3] for t in qtokens]
    qexact = [t[2] for t in qtokens]
    wkeys = [t[3] for t in wtokens]
    wexact = [t[2] for t in wtokens]
    # a number written with other separators ("14:45" for "14.45", "7842" for "7,842"), and a
    # quotation mark of the other kind (" typed for '), is half a difference: of two places, the
    # one with the same digits, or with quotation marks where the quote has them, lines up
    qnums = [k.translate(_SEPARATORS) if k[:1].isdigit() else None for k in qkeys]
    wnums = [k.translate(_SEPARATORS) if k[:1].isdigit() else None for k in wkeys]
    lo_prev = max(0, hint - band) if free_ends else 0
    hi_prev = min(m, hint + band) if free_ends else min(m, band)
    prev = [0.0] * (hi_prev - lo_prev + 1) if free_ends else [float(j) for j in range(lo_prev, hi_prev + 1)]
    rows = [(lo_prev, None)]
    for i in range(1, n + 1):
        centre = hint + i
        lo, hi = max(0, centre - band), min(m, centre + band)
        if lo > hi:
            return None
        cur = [inf] * (hi - lo + 1)
        how = bytearray(hi - lo + 1)
        qk, qe, qn = qkeys[i - 1], qexact[i - 1], qnums[i - 1]
        plen = len(prev)
        for j in range(lo, hi + 1):
            pj = j - lo_prev
            best, choice = inf, 0
            if 0 <= pj < plen:  # the quote token stands alone
                best, choice = prev[pj] + 1.0, 1
            if j > 0 and 0 <= pj - 1 < plen:  # the two tokens line up
                wk = wkeys[j - 1]
                cost = prev[pj - 1] + (0.0 if wk == qk and wexact[j - 1] == qe else 0.01 if wk == qk
                                       else 0.5 if qn is not None and wnums[j - 1] == qn
                                       else 0.5 if qk in _MARKS and wk in _MARKS else 1.0)
                if cost <= best:
                    best, choice = cost, 0
            if j > lo:  # the window token stands alone
                cost = cur[j - lo - 1] + 1.0
                if cost < best:
                    best, choice = cost, 2
            cur[j - lo] = best
            how[j - lo] = choice
        rows.append((lo, how))
        prev, lo_prev = cur, lo
    if free_ends:
        # the lowest cost; of equal ones the longest passage (a last word misspelt is replaced,
        # not dropped)
        end = min(range(len(prev)), key=lambda k: (prev[k], -k)) + lo_prev
    else:
        if not lo_prev <= m < lo_prev + len(prev):
            return None
        end = m
    cost = prev[end - lo_prev]
    # walk back
    ops = []
    i, j = n, end
    while i > 0:
        lo, how = rows[i]
        choice = how[j - lo]
        if choice == 0:
            i, j = i - 1, j - 1
            op = "equal" if wkeys[j] == qkeys[i] and wexact[j] == qexact[i] else "fold" if wkeys[j] == qkeys[i] else "replace"
            ops.append((op, i, j))
        elif choice == 1:
            i -= 1
            ops.append(("delete", i, None))
        else:
            j -= 1
            ops.append(("insert", None, j))
    if not free_ends:
        while j > 0:
            j -= 1
            ops.append(("insert", None, j))
    ops.reverse()
    used = [j for _, _, j in ops if j is not None]
    if not used:
        return cost, (ops, None, None)
    # a passage does not begin or end with a token the quote does not have
    while ops and ops[0][0] == "insert" and free_ends:
        ops.pop(0)
    while ops and ops[-1][0] == "insert" and free_ends:
        ops.pop()
    used = [j for _, _, j in ops if j is not None]
    if not used:
        return cost, (ops, None, None)
    return cost, (ops, used[0], used[-1])


# --- 3. what differs -----------------------------------------------------------------------------


def _strip_accents(text: str) -> str:
    """`text` without its accents, the letters of `text.BASE_LETTERS` (ı, ł, đ, ø...) their base letter."""
    return "".join(BASE_LETTERS.get(c, c) for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _fold_kind(q: str, w: str) -> tuple[bool, bool]:
    """Whether the typed token `q` and the source's `w` (alike by `key_text`) differ in case, in
    accents (both when their lengths differ); neither: they differ in look-alike letters."""
    if q.lower() == w.lower() or q.casefold() == w.casefold():
        return True, False
    if _strip_accents(q) == _strip_accents(w):
        return False, True
    if _strip_accents(q).lower() == _strip_accents(w).lower() or len(q) != len(w):
        return True, True
    return False, False


# The marks an Arabic writer calls by their own name, not accents: hamza (and madda) on or under a
# letter (أ إ آ ؤ ئ). (Vowel marks and niqqud are not folded by `key_text`: one left out is a
# change, "you typed ..., the source has ...".)
_HAMZA = {"\u0653", "\u0654", "\u0655"}


def _mark_name(c: str) -> str:
    return "hamza" if c in _HAMZA else "vowel marks" if c in VOWEL_MARKS else "accents"


def _vowel_marks_said(q: str, w: str) -> str:
    """The vowel marks one of the (typed, source's) tokens has and the other lacks, by name:
    ' (hiriq)', ' (fathatan, shadda)'; '' if none. A terminal draws a mark so small, or so far
    from where it belongs, that the word needs saying what it has."""
    names: dict[str, None] = {}
    for c in q + w:
        if c in VOWEL_MARKS and q.count(c) != w.count(c):
            name = unicodedata.name(c, f"U+{ord(c):04X}").lower()
            for prefix in ("hebrew point ", "hebrew accent ", "hebrew mark ", "arabic small high ", "arabic "):
                if name.startswith(prefix):
                    name = name[len(prefix):]
                    break
            names[name] = None
    return f" ({', '.join(names)})" if names else ""


def _accent_names(pairs) -> str:
    """What the marks that differ between each (typed, source's) token pair are called: 'accents',
    'hamza', or both joined by 'and'."""
    names: dict[str, None] = {}
    for q, w in pairs:
        mq = [c for c in unicodedata.normalize("NFD", q) if unicodedata.combining(c)]
        mw = [c for c in unicodedata.normalize("NFD", w) if unicodedata.combining(c)]
        for c in mq + mw:
            if mq.count(c) != mw.count(c):
                names[_mark_name(c)] = None
    return " and ".join(names) or "accents"


def _fold_words(kinds, pairs, none: str = "accents") -> str:
    """'case', the accents' name (see `_accent_names`), or both, for the `_fold_kind` of each pair."""
    case, accents = any(k[0] for k in kinds), any(k[1] for k in kinds)
    marks = _accent_names([p for p, k in zip(pairs, kinds) if k[1]]) if accents else ""
    return f"case and {marks}" if case and accents else "case" if case else marks if accents else none


def _describe(ops, qtokens, wtokens, nq: str, source: Source | None, found: str | None = None, limit: int = 3) -> str:
    """What differs between the quote and the passage, in words: see the module's docstring."""

    def theirs(j1: int, j2: int) -> str:
        a, b = wtokens[j1][0], wtokens[j2][1]
        if source is not None:
            start, end = source.to_original(a, b)
            text = source.text[start:end]
            return _clip(visible(text.replace("\u200b", "") if source.__dict__.get("rendered") else text))
        return _clip(visible(found[a:b]))

    def ours(i1: int, i2: int) -> str:
        return _clip(visible(nq[qtokens[i1][0] : qtokens[i2][1]]))

    # runs of the same kind: changes (replace/delete/insert together) and folds
    runs: list[list] = []
    for op in ops:
        kind = "equal" if op[0] == "equal" else "fold" if op[0] == "fold" else "change"
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(op)
        else:
            runs.append([kind, [op]])
    folds = [r[1] for r in runs if r[0] == "fold"]
    changes = [(k, r[1]) for k, r in enumerate(runs) if r[0] == "change"]
    if not changes and not folds:  # every word and mark the same: what differs is between them
        if not ops:
            return ""
        # where: each gap between two tokens that is a space in one and nothing in the other, said
        # by the source's words around it ("It differs only in spacing" told no one where:
        # "U.S.government" typed for "U.S. government", "50%" for "50 %"). (Not what was typed:
        # the quote is read with its spaces around marks made the source's way.)
        hay = source.normalized if source is not None else found
        pairs = [(i, j) for _, i, j in ops if i is not None and j is not None]
        said: dict[str, None] = {}
        for (i1, j1), (i2, j2) in zip(pairs, pairs[1:]):
            if hay is None or i2 != i1 + 1 or j2 != j1 + 1:
                continue
            q_gap, w_gap = nq[qtokens[i1][1] : qtokens[i2][0]], hay[wtokens[j1][1] : wtokens[j2][0]]
            if q_gap == w_gap or q_gap.replace(" ", "") != w_gap.replace(" ", ""):
                continue
            wa, wb = hay.rfind(" ", 0, wtokens[j1][0]) + 1, hay.find(" ", wtokens[j2][1])
            wb = wb if wb >= 0 else len(hay)
            if source is not None:
                wa, wb = source.to_original(wa, wb)
                theirs_text = source.text[wa:wb]
            else:
                theirs_text = hay[wa:wb]
            said[quoted(_clip(visible(theirs_text)))] = None
        if not said:
            return "differs only in spacing"
        parts = list(said)
        more = f" (+{len(parts) - limit} more)" if len(parts) > limit else ""
        return "differs only in spacing: the source has " + ", ".join(parts[:limit]) + more
    if not changes:
        kinds, pairs = [], []
        forms: dict[tuple[str, str], None] = {}  # (the source's, the quote's) look-alike characters
        for run in folds:
            for _, i, j in run:
                q, w = qtokens[i][2], wtokens[j][2]
                in_case, in_accents = kind = _fold_kind(q, w)
                kinds.append(kind)
                pairs.append((q, w))
                if not (in_case or in_accents):  # Arabic and Persian letters or digits that look alike (ي and ی, ٤ and ۴)
                    forms.update(((b, a), None) for a, b in zip(q, w) if a != b and a.lower() != b.lower())
        if forms and all(unicodedata.digit(w, None) is not None and unicodedata.digit(w, None) == unicodedata.digit(q, None)
                         for w, q in forms):  # the same number in another script's digits: say which
            scripts = dict.fromkeys(_digits_name(w) for w, _ in forms)
            said = ", ".join(f"{quoted(theirs(run[0][2], run[-1][2]))} where you typed {quoted(ours(run[0][1], run[-1][1]))}"
                             for run in folds[:limit])
            more = f" (+{len(folds) - limit} more)" if len(folds) > limit else ""
            return f"differs only in how its digits are written: the source has {said}{more} ({' and '.join(scripts)})"
        if forms:
            pairs = list(forms)
            said = ", ".join(f"{quoted(w)} (U+{ord(w):04X}) where you typed {quoted(q)} (U+{ord(q):04X})" for w, q in pairs[:limit])
            more = f" (+{len(pairs) - limit} more)" if len(pairs) > limit else ""
            return f"differs only in letters or digits that look alike (another keyboard's): the source has {said}{more}"
        what = _fold_words(kinds, pairs)
        shown = ", ".join(f"{quoted(theirs(run[0][2], run[-1][2]))}"
                          f"{_vowel_marks_said(''.join(qtokens[i][2] for _, i, _ in run), ''.join(wtokens[j][2] for _, _, j in run))}"
                          for run in folds[:limit])
        more = f" (+{len(folds) - limit} more)" if len(folds) > limit else ""
        return f"differs only in {what}: the source has {shown}{more}"
    parts: list[str] = []
    ligatures = False  # a word of the source written with a ligature (text taken from a PDF)
    for k, run in changes:
        qi = [i for _, i, _ in run if i is not None]
        wj = [j for _, _, j in run if j is not None]
        if qi and wj:
            q, w = ours(qi[0], qi[-1]), theirs(wj[0], wj[-1])
            if not any(is_word_char(c) for c in q + w):
                parts.append(f"the source has {quoted(w)} where you typed {quoted(q)}")
            else:
                hint = _look_alike(q, w)
                ligatures = ligatures or bool(hint)
                parts.append(f"you typed {quoted(q)}, the source has {quoted(w)}{hint}")
        elif qi:
            parts.append(f"the source does not have {quoted(ours(qi[0], qi[-1]))} here")
        else:
            before = _neighbour(runs, k, -1)
            after = _neighbour(runs, k, 1)
            w = theirs(wj[0], wj[-1])
            if before is not None:
                parts.append(f"the source has {quoted(w)} after {quoted(theirs(before, before))}")
            elif after is not None:
                parts.append(f"the source has {quoted(w)} before {quoted(theirs(after, after))}")
            else:
                parts.append(f"the source also has {quoted(w)}")
    for run in folds:
        if len(parts) >= limit + 1:
            break
        pairs = [(qtokens[i][2], wtokens[j][2]) for _, i, j in run]
        what = _fold_words([_fold_kind(q, w) for q, w in pairs], pairs, "look-alike letters")
        parts.append(f"the source has {quoted(theirs(run[0][2], run[-1][2]))} ({what})")
    counts: dict[str, int] = {}
    for part in parts:  # the same difference twice is said once, with how many times
        counts[part] = counts.get(part, 0) + 1
    parts = [part if n == 1 else f"{part} ({n} times)" for part, n in counts.items()]
    more = f" (+{len(parts) - limit} more)" if len(parts) > limit else ""
    said = "; ".join(parts[:limit]) + more
    if ligatures:  # (what such a character is, said once)
        said += (": a ligature, as text taken from a PDF has them; quote the source as it is, or add the text"
                 " again with factex add, which writes ligatures out")
    return said


def _digits_name(c: str) -> str:
    """What the digits `c` is one of are called: 'Extended Arabic-Indic digits, as Persian and Urdu
    write them', 'Arabic-Indic digits', 'ASCII digits'."""
    if c.isascii():
        return "ASCII digits"
    name = unicodedata.name(c, "").split(" DIGIT ")[0].title()
    if c in "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9":
        return f"{name} digits, as Persian and Urdu write them"
    return f"{name} digits" if name else f"U+{ord(c):04X}"


def _look_alike(typed: str, theirs: str) -> str:
    """What a person cannot see when the source's words are the typed ones written with
    compatibility characters, a ligature of text taken from a PDF (`ﬁnance` for `finance`): each
    such character, its code point and what it reads as; else ''."""
    nfkc = unicodedata.normalize
    if typed == theirs or nfkc("NFKC", theirs) != nfkc("NFKC", typed):
        return ""
    odd = [c for c in dict.fromkeys(theirs) if nfkc("NFKC", c) != c and c not in typed]
    if not odd:
        return ""
    said = ", ".join(f"{quoted(c)} is one character, U+{ord(c):04X}, read as {quoted(nfkc('NFKC', c))}" for c in odd[:3])
    return f" ({said})"



def _neighbour(runs, k: int, step: int) -> int | None:
    """The window token next to run k on the side `step`, if that run lines up with the source."""
    n = k + step
    if 0 <= n < len(runs) and runs[n][0] != "change":
        op = runs[n][1][-1 if step < 0 else 0]
        return op[2]
    return None


def describe_differences(quote: str, found: str, limit: int = 3) -> str:
    """Say how the normalised `quote` differs from the normalised passage `found`, word by word."""
    qtokens = _tokens(quote, key_text(quote), 0, len(quote))
    wtokens = _tokens(found, key_text(found), 0, len(found))
    if not qtokens or not wtokens:
        return ""
    aligned = align(qtokens, wtokens, 0, free_ends=False)
    if aligned is None:
        return ""
    return _describe(aligned[0], qtokens, wtokens, quote, None, found, limit)


def _clip(text: str, width: int = 60) -> str:
    # (between whole markers and letters: half a `⟨U+202E⟩` is no marker, an accent alone no letter)
    return clip(text, width)
