"""The article view: the whole source as a reader, every cited span highlighted."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from explorer.app import render
from explorer.app.host import ShowsFacts
from explorer.app.messages import ChooseCard, ChooseSuggestion, CreateCard, Moved, Navigate, ShowPanes
from explorer.app.screens.mentions_view import ArticleMentions
from explorer.app.articletext import ArticleText
from explorer.app.footer import FitFooter
from explorer.core.navigation import Location, card_location
from explorer.core.paragraphs import prose
from explorer.core.safetext import visible, visible_mapped

if TYPE_CHECKING:
    from explorer.app.host import Host


_SENTENCES = Binding.Group("Sentence")
_SPANS = Binding.Group("Cited")
_HITS = Binding.Group("Hit")

CURSOR_STYLE = "on $primary-muted"


class ArticleScreen(ArticleMentions, ShowsFacts, Screen):
    """Read a source with a reading cursor (a sentence, or a cited span), jump to the cards that
    cite it, and select any passage from it to make a card."""

    app: "Host"
    # (here, not in factex.tcss: parsed when the view is first opened, not before the first frame)
    DEFAULT_CSS = """
    ArticleScreen #article-head { height: auto; max-height: 4; padding: 0 1; background: $panel; }
    ArticleScreen #article-body { height: 1fr; padding: 0 2; }
    ArticleScreen #article-cites { height: auto; max-height: 7; border-top: solid $panel; padding: 0 1; }
    ArticleScreen.-short #article-head { max-height: 2; text-wrap: nowrap; text-overflow: ellipsis; }
    ArticleScreen.-short #article-cites { max-height: 4; }
    """

    BINDINGS = [
        # The footer must fit 80 columns: short labels there, the full text (tooltip) in ? help.
        Binding("down,j", "next_sentence", "Next sentence", id="article.next_sentence", group=_SENTENCES),
        Binding("up,k", "previous_sentence", "Previous sentence", id="article.previous_sentence", group=_SENTENCES),
        Binding("J,right_curly_bracket", "next_paragraph", "Next paragraph", show=False, id="article.next_paragraph"),
        Binding("K,left_curly_bracket", "previous_paragraph", "Previous paragraph", show=False,
                id="article.previous_paragraph"),
        Binding("tab,right_square_bracket", "next_span", "Next cited span", id="article.next", group=_SPANS),
        Binding("shift+tab,left_square_bracket", "previous_span", "Previous cited span", id="article.previous",
                group=_SPANS),
        Binding("u", "next_uncarded", "Uncarded", tooltip="Next paragraph no card cites yet", id="article.next_uncarded"),
        Binding("U", "previous_uncarded", "Previous uncarded paragraph", show=False, id="article.previous_uncarded"),
        Binding("enter", "open_card", "Card", tooltip="Go to the card citing the text at the cursor", id="article.open"),
        Binding("n", "next_hit", "Next search hit", id="article.next_hit", group=_HITS),
        Binding("N", "previous_hit", "Previous search hit", id="article.previous_hit", group=_HITS),
        Binding("m", "next_mention", "Next mention", tooltip="Next mention of the current entity, across sources", show=False, id="article.next_mention"),
        Binding("M", "previous_mention", "Previous mention", show=False, id="article.previous_mention"),
        Binding("s", "next_source", "Next source", show=False, id="article.next_source"),
        Binding("S", "previous_source", "Previous source", show=False, id="article.previous_source"),
        Binding("g,home", "first_sentence", "First", show=False, id="article.first"),
        Binding("G,end", "last_sentence", "Last", show=False, id="article.last"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="article.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="article.page_up"),
        Binding("v", "select", "Select", tooltip="Select the sentence at the cursor, for a card",
                id="article.select"),
        Binding("right,l", "widen_word", "Widen by a word", show=False, id="article.widen_word"),
        Binding("left,h", "shrink_word", "Shrink by a word", show=False, id="article.shrink_word"),
        Binding("shift+right,L", "widen_sentence", "Widen by a sentence", show=False, id="article.widen_sentence"),
        Binding("shift+left,H", "shrink_sentence", "Shrink by a sentence", show=False, id="article.shrink_sentence"),
        Binding("less_than_sign", "start_earlier", "Start a word earlier", show=False, id="article.start_earlier"),
        Binding("greater_than_sign", "start_later", "Start a word later", show=False, id="article.start_later"),
        Binding("E", "new_card('entity')", "New entity card", show=False, id="article.new_entity"),
        Binding("c", "suggestions", "Uncarded names", tooltip="Names in this source no entity covers yet",
                show=False, id="article.suggestions"),
        Binding("R", "new_card('relation')", "New relation card", show=False, id="article.new_relation"),
        Binding("escape", "close", "Back", tooltip="Back to the panes", id="article.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # The article mode's one screen: the App opens it at a source with `open()`.
        self._reset(None)

    def _reset(self, source: str | None, offset: int | None = None, *, record: bool = True,
               mention: str | None = None, entity: str | None = None, cite: str | None = None,
               subject: str | None = None) -> None:
        self.subject = subject  # the entity the article was opened for (a, m): a new relation's subject
        self.pending_mention = mention  # an entity whose first mention (from `offset` on) to show once mounted
        self.record = record  # add a history step on the first move (False when travelling back)
        self.source_id = source
        self.start_offset = offset
        self.start_cite = cite  # the card whose quote starts at `offset` (of the spans starting there, its)
        self.focus_entity = entity  # the entity chosen in the panes: its mentions stand out
        self.spans: list[tuple[int, int, list[str]]] = []  # merged cited spans with their cards
        self.current = -1  # the cited span the cursor is on (-1: the cursor is on a sentence)
        self.cursor: tuple[int, int] | None = None  # the reading cursor: (start, end) in the source
        self.hits: list[tuple[int, int]] = []
        self.hit = -1
        self.selection = None  # explorer.core.anchoring.selection.Selection while selecting a passage
        self._selector = None
        self._para_spans: list[list[int]] = []  # per paragraph: the spans that overlap it
        self.mention_entity, self.mention_index, self.mention_fresh = None, -1, False

    def open(self, source: str, offset: int | None = None, *, record: bool = True,
             mention: str | None = None, entity: str | None = None, cite: str | None = None,
             subject: str | None = None) -> None:
        """Show `source` at `offset` (a cited span starting there, card `cite`'s if it has one
        there, else the sentence holding it), the mention of entity `mention` there highlighted;
        `record` adds a history step on the first move. `subject`: the entity the article is read
        for (opened from it), a new relation card's subject; None when opened at a place (a search
        hit, a source, an uncarded name, the history), which implies no entity."""
        self._reset(source, offset, record=record, mention=mention, entity=entity, cite=cite, subject=subject)
        if self.is_mounted:
            self._show_opened()

    @property
    def article_body(self) -> ArticleText:
        """The article's text."""
        return self.query_one("#article-body", ArticleText)

    @property
    def article_head(self) -> Static:
        """The title and coverage line."""
        return self.query_one("#article-head", Static)

    @property
    def cites_bar(self) -> Static:
        """What cites the sentence at the cursor."""
        return self.query_one("#article-cites", Static)

    def compose(self) -> ComposeResult:
        yield Static(id="article-head", markup=False)
        yield ArticleText(id="article-body")
        yield Static(id="article-cites", markup=False)
        yield FitFooter(compact=True)

    def on_resize(self) -> None:
        # A short terminal: the head and the cards at the cursor take fewer lines, the text more.
        self.set_class(self.size.height < 30, "-short")

    def on_mount(self) -> None:
        self._show_opened()

    def _show_opened(self) -> None:
        self.show_base(self.app.base)
        self.show_pending_mention()

    # -- content -----------------------------------------------------------------------------

    def show_base(self, base) -> None:
        if self.source_id not in base.sources:
            if not base.sources:
                self.post_message(ShowPanes())
                return
            self.source_id = next(iter(base.sources))
        source = base.sources[self.source_id]
        merged: dict[tuple[int, int], list[str]] = {}
        citations = base.citations(self.source_id)
        for start, end, card in citations:
            merged.setdefault((start, end), [])
            if card not in merged[(start, end)]:
                merged[(start, end)].append(card)
        self.spans = [(s, e, cards) for (s, e), cards in sorted(merged.items())]
        covered, total = base.coverage(self.source_id, citations)
        pct = f"{100 * covered / total:.0f}%" if total else "n/a"
        head = Content.assemble(
            render.text(source.title, "bold"),
            render.text(f"  {source.byline}" if source.byline else "", "$foreground-muted"),
            "\n",
            render.text(source.path, "$foreground-muted"),
            (f" · {len(self.spans)} cited spans · coverage {covered}/{total} sentences ({pct})", "$foreground-muted"),
            ("   ", ""),
            ("cited", "bold " + render.CITED_STYLE),
            (" uncited", render.UNCITED_STYLE),
            ("  ", ""),
            ("▌", "$text-warning"),
            (" not yet carded", "$foreground-muted"),
        )
        if len(base.sources) > 1:
            head = head.append(Content(f"   s: next source ({len(base.sources)})").stylize("$foreground-muted"))
        self.article_head.update(head)
        # Which spans touch which paragraph: one sweep over the spans (sorted by start).
        paragraphs = source.paragraphs
        self._para_spans = para_spans = [[] for _ in paragraphs]
        starts = [s for s, _ in paragraphs]
        for n, (s, e, _) in enumerate(self.spans):
            p = max(0, bisect_right(starts, s) - 1)
            while p < len(paragraphs) and paragraphs[p][0] < e:
                if paragraphs[p][1] > s:
                    para_spans[p].append(n)
                p += 1
        self.current = -1
        self._compute_hits()
        self.article_body.set_paragraphs(
            len(paragraphs), self._paragraph_content,
            lambda i: visible(prose(source.text[paragraphs[i][0] : paragraphs[i][1]]), keep_newlines=True),
            lambda i: not para_spans[i],
        )
        if self.start_offset is not None:  # opened at a place (a search hit, a quote, history)
            self._place_cursor(self.start_offset, cite=self.start_cite)
            self.start_offset = self.start_cite = None
        elif self.cursor is not None:  # reloaded: stay where the reader was
            self._place_cursor(min(self.cursor[0], len(source.text)), record=False)
        else:  # the top of the article
            self._set_cursor(self._sentence_range(0), -1, record=False)
        self._show_cites()

    def _place_cursor(self, offset: int, record: bool = True, cite: str | None = None) -> None:
        """The cursor on the cited span starting at `offset` if there is one (of several, the
        first citing card `cite`), else on the sentence holding it."""
        starts = [s for s, _, _ in self.spans]
        idx = bisect_right(starts, offset) - 1
        if cite is not None:
            idx = next((n for n in range(bisect_left(starts, offset), idx + 1) if cite in self.spans[n][2]), idx)
        if idx >= 0 and self.spans[idx][0] == offset:
            self._set_cursor(self.spans[idx][:2], idx, record=record)
        else:
            self._set_cursor(self._sentence_range(offset), -1, record=record)

    def _render_paragraph(self, i: int) -> None:
        """Draw paragraph `i` again (its marks changed)."""
        self.article_body.refresh_paragraph(i)

    def _paragraph_content(self, i: int) -> Content:
        base = self.app.base
        source = base.sources[self.source_id]
        start, end = source.paragraphs[i]
        marks: list[tuple[int, int, str]] = []
        for n in self._para_spans[i]:
            s, e, _ = self.spans[n]
            style = render.QUOTE_STYLE if n == self.current else render.CITED_STYLE
            marks.append((max(s, start), min(e, end), style))
        marks.extend(self.mention_marks(start, end))
        cursor = self.cursor
        if cursor is not None and self.current < 0 and cursor[0] < end and cursor[1] > start:
            marks.append((max(cursor[0], start), min(cursor[1], end), CURSOR_STYLE))
        sel = self.selection
        if sel is not None and sel.start < end and sel.end > start:
            marks.append((max(sel.start, start), min(sel.end, end), "reverse bold"))
        for n, (s, e) in enumerate(self.hits):
            if s < end and e > start:
                marks.append((max(s, start), min(e, end), "bold reverse $text-warning" if n == self.hit else "underline $text-warning"))
        text = prose(source.text[start:end])  # (hand-wrapped lines read as prose; as long: offsets hold)
        shown = visible(text, keep_newlines=True)
        content = Content(shown).stylize(render.UNCITED_STYLE)
        if shown == text:
            for s, e, style in marks:
                content = content.stylize(style, s - start, e - start)
        else:  # a marker is longer than its character, a soft hyphen in a word not shown: mapped
            _, at = visible_mapped(text, keep_newlines=True)
            for s, e, style in marks:
                content = content.stylize(style, at[s - start], at[e - start])
        return content

    def _paragraph_of(self, offset: int) -> int:
        source = self.app.base.sources[self.source_id]
        return max(0, source.paragraph_of(offset) - 1)

    # -- moving the reading cursor ------------------------------------------------------------

    def _sentence_range(self, offset: int) -> tuple[int, int]:
        sel = self._selector_for_source().sentence_at(offset)
        return sel.start, sel.end

    def _sentence_index(self) -> int:
        """The index of the sentence the cursor is in (or the last one starting before it)."""
        starts = self._selector_for_source().sentence_starts
        return max(0, bisect_right(starts, self.cursor[0] if self.cursor else 0) - 1)

    def _paragraphs_of(self, span: tuple[int, int] | None) -> range:
        if span is None:
            return range(0)
        return range(self._paragraph_of(span[0]), self._paragraph_of(max(span[0], span[1] - 1)) + 1)

    def _set_cursor(self, span: tuple[int, int], current: int = -1, *, record: bool = True) -> None:
        """Move the reading cursor to `span` (a sentence, or cited span number `current`)."""
        old, old_current = self.cursor, self.current
        self.mention_fresh = False  # the panel below shows the cursor, not a mention
        self.cursor = (span[0], span[1])
        self.current = current
        touched = set(self._paragraphs_of(old)) | set(self._paragraphs_of(self.cursor))
        for n in (old_current, current):
            if 0 <= n < len(self.spans):
                touched.update(self._paragraphs_of(self.spans[n][:2]))
        for p in touched:
            self._render_paragraph(p)
        self._scroll_to_offset(span[0], keep_if_visible=True)
        self._show_cites()
        if not record:
            return
        here = Location(view="article", source=self.source_id, offset=span[0])
        self.post_message(Moved(here, step=self.record))
        self.record = False

    def _move(self, index: int) -> None:
        """The cursor on cited span `index`."""
        if not self.spans:
            self.app.notify("No card cites this article yet: v selects the sentence at the cursor.", timeout=3)
            return
        index = max(0, min(index, len(self.spans) - 1))
        self._set_cursor(self.spans[index][:2], index)

    def _move_sentence(self, index: int) -> None:
        sentences = self._selector_for_source().sentences
        if sentences:
            self._set_cursor(sentences[max(0, min(index, len(sentences) - 1))])

    def action_next_sentence(self) -> None:
        starts = self._selector_for_source().sentence_starts
        i = bisect_right(starts, self.cursor[0]) if self.cursor else 0
        if i < len(starts):
            self._move_sentence(i)

    def action_previous_sentence(self) -> None:
        starts = self._selector_for_source().sentence_starts
        i = bisect_left(starts, self.cursor[0]) - 1 if self.cursor else 0
        if i >= 0:
            self._move_sentence(i)

    def action_first_sentence(self) -> None:
        self._move_sentence(0)

    def action_last_sentence(self) -> None:
        self._move_sentence(len(self._selector_for_source().sentences) - 1)

    def _move_paragraph(self, index: int) -> None:
        paragraphs = self.app.base.sources[self.source_id].paragraphs
        if 0 <= index < len(paragraphs):
            self._set_cursor(self._sentence_range(paragraphs[index][0]))

    def action_next_paragraph(self) -> None:
        self._move_paragraph(self._paragraph_of(self.cursor[0]) + 1 if self.cursor else 0)

    def action_previous_paragraph(self) -> None:
        if self.cursor is None:
            return
        p = self._paragraph_of(self.cursor[0])
        start = self.app.base.sources[self.source_id].paragraphs[p][0]
        # Inside a paragraph: to its start; at its start: to the one before.
        self._move_paragraph(p if self.cursor[0] > start else p - 1)

    def _uncarded(self, step: int) -> None:
        p = self._paragraph_of(self.cursor[0]) if self.cursor else -1
        n = len(self._para_spans)
        i = p + step
        while 0 <= i < n:
            if not self._para_spans[i]:
                self._move_paragraph(i)
                return
            i += step
        self.app.notify("No paragraph " + ("after" if step > 0 else "before") + " this one is uncarded.", timeout=2)

    def action_next_uncarded(self) -> None:
        self._uncarded(1)

    def action_previous_uncarded(self) -> None:
        self._uncarded(-1)

    def cards_at_cursor(self) -> list[str]:
        """The cards citing text at the cursor: its span's, or those of every span in its sentence."""
        if 0 <= self.current < len(self.spans):
            return list(self.spans[self.current][2])
        if self.cursor is None:
            return []
        start, end = self.cursor
        cards: list[str] = []
        p = self._paragraph_of(start)
        for n in self._para_spans[p] if p < len(self._para_spans) else ():
            s, e, ids = self.spans[n]
            if s < end and e > start:
                cards.extend(c for c in ids if c not in cards)
        return cards

    def _scroll_to_offset(self, offset: int, keep_if_visible: bool = False) -> None:
        p = self._paragraph_of(offset)
        paragraphs = self.app.base.sources[self.source_id].paragraphs
        if p < len(paragraphs):
            start, end = paragraphs[p]
            fraction = min(1.0, max(0.0, (offset - start) / max(1, end - start)))
            self.article_body.scroll_to_paragraph(p, fraction, keep_if_visible=keep_if_visible)

    def _show_cites(self) -> None:
        base = self.app.base
        cites = self.cites_bar
        if self.selection is not None:
            sel = self.selection
            words = len(sel.text.split())
            source = base.sources[self.source_id]
            # What to do with it first: in a short or narrow terminal the bar shows 3 lines, and
            # the selected text (up to 200 characters) pushed E, R and Esc out of sight.
            cites.update(Content.assemble(
                ("E", "bold $text-accent"), (" new entity card · ", "$foreground-muted"),
                ("R", "bold $text-accent"), (" new relation card · ", "$foreground-muted"),
                ("Esc", "bold $text-accent"), (" cancel · ← → a word · Shift+← → a sentence · < > move the start\n",
                                                "$foreground-muted"),
                (f"Selected {words} word{'s' if words != 1 else ''}, line {source.line_of(sel.start)}: ", "bold"),
                render.text(sel.text[:200] + ("…" if len(sel.text) > 200 else "")),
            ))
            return
        mention = self.mention_line()
        if mention is not None:
            cites.update(mention)
            return
        if self.cursor is None:
            cites.update(Content(""))
            return
        source = base.sources[self.source_id]
        start, end = self.cursor
        cards = self.cards_at_cursor()
        where = f"¶{self._paragraph_of(start) + 1} · line {source.line_of(start)}"
        if 0 <= self.current < len(self.spans):
            here = f"Span {self.current + 1} of {len(self.spans)} · {where}"
        else:
            sentences = self._selector_for_source().sentences
            here = f"Sentence {self._sentence_index() + 1} of {len(sentences)} · {where}"
        if not cards:
            cites.update(Content.assemble(
                (here + " · no card cites this yet · ", "$foreground-muted"),
                ("v", "bold $text-accent"), (" select it to make a card · ", "$foreground-muted"),
                ("u", "bold $text-accent"), (" next uncarded paragraph", "$foreground-muted"),
            ))
            return
        n = len(cards)
        lines = [render.text(f"{here} · cited by {n} card{'s' if n != 1 else ''} (enter: "
                             + ("go to it)" if n == 1 else "choose one)"), "$foreground-muted")]
        for card_id in cards[:4]:
            card = base.card(card_id)
            if card is None:
                continue
            if card.kind == "relation":
                left, right = render.relation_row(base, card)
                lines.append(Content.assemble(left, "  ", right))
            else:
                lines.append(Content.assemble(("◼ ", "$text-primary"), render.text(card.name, "bold"), render.text(f"  {card.type}", "$foreground-muted")))
        if n > 4:
            lines.append(Content(f"… and {n - 4} more").stylize("$foreground-muted"))
        cites.update(Content("\n").join(lines))

    def action_next_span(self) -> None:
        if self.current >= 0:
            self._move(self.current + 1)
            return
        # From a sentence: the first cited span at or after it.
        starts = [s for s, _, _ in self.spans]
        self._move(bisect_left(starts, self.cursor[0]) if self.cursor else 0)

    def action_previous_span(self) -> None:
        if self.current >= 0:
            self._move(max(0, self.current - 1))
            return
        starts = [s for s, _, _ in self.spans]
        self._move(max(0, bisect_left(starts, self.cursor[0]) - 1) if self.cursor else 0)

    def action_page_down(self) -> None:
        self.article_body.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.article_body.scroll_page_up(animate=False)

    def action_open_card(self) -> None:
        cards = self.cards_at_cursor()
        if not cards:
            self.app.notify("No card cites the text at the cursor.", timeout=2)
            return
        if len(cards) == 1:
            self.open_card(cards[0])
            return
        self.post_message(ChooseCard(cards, f"{len(cards)} cards cite this"))

    def open_card(self, card_id: str) -> None:
        card = self.app.base.card(card_id)
        if card is None:
            return
        self.post_message(Navigate(card_location(card)))

    def action_next_source(self, step: int = 1) -> None:
        from explorer.core.loading.corpus import source_order

        ids = [s.id for s in sorted(self.app.base.sources.values(), key=source_order)]  # as the sources view lists them
        if len(ids) > 1:
            self.source_id = ids[(ids.index(self.source_id) + step) % len(ids)]
            self.cursor, self.current = None, -1
            self.show_base(self.app.base)

    def action_previous_source(self) -> None:
        self.action_next_source(-1)

    def action_close(self) -> None:
        if self.selection is not None:
            self._set_selection(None)
            return
        self.post_message(ShowPanes())

    # -- selecting a passage to make a card from ----------------------------------------------

    def _selector_for_source(self):
        from explorer.core.anchoring.selection import Selector

        source = self.app.base.sources[self.source_id]
        if self._selector is None or self._selector.source is not source:
            self._selector = Selector(source)
        return self._selector

    def _set_selection(self, selection) -> None:
        old = self.selection
        self.selection = selection
        touched = set()
        for sel in (old, selection):
            if sel is not None:
                touched.update(range(self._paragraph_of(sel.start), self._paragraph_of(max(sel.start, sel.end - 1)) + 1))
        for p in touched:
            self._render_paragraph(p)
        if selection is not None:
            self._scroll_to_offset(selection.start)
        self._show_cites()

    def action_select(self) -> None:
        if self.selection is not None:
            self._set_selection(None)
            return
        # The sentence at the reading cursor (on a cited span: the sentence holding it).
        self._set_selection(self._selector_for_source().sentence_at(self.cursor[0] if self.cursor else 0))

    def _adjust(self, how: str) -> None:
        if self.selection is None:
            self.action_select() if how in ("widen_word", "widen_sentence") else None
            return
        self._set_selection(getattr(self._selector_for_source(), how)(self.selection))

    def action_widen_word(self) -> None:
        self._adjust("widen_word")

    def action_shrink_word(self) -> None:
        self._adjust("shrink_word")

    def action_widen_sentence(self) -> None:
        self._adjust("widen_sentence")

    def action_shrink_sentence(self) -> None:
        self._adjust("shrink_sentence")

    def action_start_earlier(self) -> None:
        self._adjust("start_earlier")

    def action_start_later(self) -> None:
        self._adjust("start_later")

    def action_new_card(self, kind: str) -> None:
        if self.selection is None:
            self.app.notify("Select a passage first: v selects the sentence at the cursor.", timeout=3)
            return
        sel = self.selection
        self._set_selection(None)
        self.post_message(CreateCard(kind, self.source_id, sel.start, sel.end,
                                     subject=self.subject if kind == "relation" else None))

    def action_suggestions(self) -> None:
        if self.source_id is not None:
            self.post_message(ChooseSuggestion(self.source_id))

    def edit_target(self):
        for card_id in self.cards_at_cursor():
            card = self.app.base.card(card_id)
            if card is not None:
                return card.file, card.line
        return None

    # -- search hits (n / N) -----------------------------------------------------------------

    def _compute_hits(self) -> None:
        """Mark the last search's hits in this source: the query runs again off the UI thread (it
        may take a while over a large workspace), and the hits are drawn when it is done."""
        self.hits, self.hit = [], -1
        index, query = self.app.search_index, self.app.last_query
        if index is None or not query:
            return
        self._find_hits(index, query, self.source_id, self.start_offset)

    @work(thread=True, exclusive=True, group="article-hits", description="find the search hits in the article")
    def _find_hits(self, index, query: str, source_id: str, at: int | None) -> None:
        from explorer.core.search.store import DamagedIndex

        try:
            results = index.search(query, kinds={"passage", "quote"}, limit=500)
        except ValueError:
            return
        except DamagedIndex:  # (the stored index it read: the search screen's next search builds one)
            return
        spans = sorted({(h.start, h.end) for h in results.hits if h.source == source_id and h.start is not None})
        try:
            self.app.call_from_thread(self._hits_found, source_id, spans, at)
        except RuntimeError:  # the app has ended meanwhile
            pass

    def _hits_found(self, source_id: str, spans: list[tuple[int, int]], at: int | None) -> None:
        if source_id != self.source_id or not self.is_mounted:
            return  # another article is shown by now
        self.hits = spans
        if at is not None:  # opened at a hit: n goes on from it
            self.hit = next((n for n, (s, _) in enumerate(spans) if s == at), -1)
        for p in sorted({self._paragraph_of(s) for s, _ in spans}):
            self._render_paragraph(p)

    def _move_hit(self, step: int) -> None:
        if not self.hits:
            self.app.notify("No search hits in this article (search with / first).", timeout=2)
            return
        old = self.hit
        if old < 0 and self.cursor is not None:  # the first step: the hit after (before) the cursor
            starts = [s for s, _ in self.hits]
            self.hit = (bisect_right(starts, self.cursor[0]) if step > 0 else bisect_left(starts, self.cursor[0]) - 1) % len(self.hits)
        else:
            self.hit = (self.hit + step) % len(self.hits)
        for n in {old, self.hit}:
            if 0 <= n < len(self.hits):
                self._render_paragraph(self._paragraph_of(self.hits[n][0]))
        # The reading cursor goes with it: v then selects the sentence of the hit.
        self._set_cursor(self._sentence_range(self.hits[self.hit][0]))

    def action_next_hit(self) -> None:
        self._move_hit(1)

    def action_previous_hit(self) -> None:
        self._move_hit(-1)
