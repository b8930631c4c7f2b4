"""Select a passage of a source from the keyboard: start at a sentence, widen or shrink it by
word or by sentence. A selection never leaves its paragraph (a quote may not span two). No Textual.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from explorer.core.anchoring.sources import Source
from explorer.core.anchoring.sources import split_sentences

_WORD = re.compile(r"\S+")


@dataclass
class Selection:
    source: Source
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.source.text[self.start : self.end]


class Selector:
    """Word and sentence boundaries of one source, computed once."""

    def __init__(self, source: Source):
        self.source = source
        self.sentences = split_sentences(source.text)
        self._sentence_starts = self.sentence_starts = [s for s, _ in self.sentences]
        self.words = [(m.start(), m.end()) for m in _WORD.finditer(source.text)]
        self._word_starts = [s for s, _ in self.words]
        self._word_ends = [e for _, e in self.words]

    def _paragraph(self, offset: int) -> tuple[int, int]:
        number = self.source.paragraph_of(offset)
        if number:
            return self.source.paragraph_span(number)
        return (0, len(self.source.text))

    def sentence_at(self, offset: int) -> Selection:
        """The sentence holding `offset` (or the next one)."""
        i = max(0, bisect_right(self._sentence_starts, offset) - 1)
        if i < len(self.sentences) and self.sentences[i][1] <= offset and i + 1 < len(self.sentences):
            i += 1
        start, end = self.sentences[i] if self.sentences else (0, len(self.source.text))
        return Selection(self.source, start, end)

    def widen_word(self, sel: Selection) -> Selection:
        _, p_end = self._paragraph(sel.start)
        i = bisect_right(self._word_ends, sel.end)
        if i < len(self.words) and self.words[i][1] <= p_end:
            return Selection(sel.source, sel.start, self.words[i][1])
        return sel

    def shrink_word(self, sel: Selection) -> Selection:
        i = bisect_left(self._word_ends, sel.end) - 1
        if i >= 0 and self.words[i][1] > sel.start:
            return Selection(sel.source, sel.start, self.words[i][1])
        return sel

    def widen_sentence(self, sel: Selection) -> Selection:
        _, p_end = self._paragraph(sel.start)
        for s_start, s_end in self.sentences:
            if s_end > sel.end and s_end <= p_end:
                return Selection(sel.source, sel.start, s_end)
        return sel

    def shrink_sentence(self, sel: Selection) -> Selection:
        best = None
        for s_start, s_end in self.sentences:
            if sel.start < s_end < sel.end:
                best = s_end
        return Selection(sel.source, sel.start, best) if best is not None else sel

    def start_earlier(self, sel: Selection) -> Selection:
        """Move the start one word back (within the paragraph)."""
        p_start, _ = self._paragraph(sel.start)
        i = bisect_left(self._word_starts, sel.start) - 1
        if i >= 0 and self.words[i][0] >= p_start:
            return Selection(sel.source, self.words[i][0], sel.end)
        return sel

    def start_later(self, sel: Selection) -> Selection:
        """Move the start one word forward (the selection keeps at least one word)."""
        i = bisect_right(self._word_starts, sel.start)
        if i < len(self.words) and self.words[i][1] <= sel.end:
            return Selection(sel.source, self.words[i][0], sel.end)
        return sel
