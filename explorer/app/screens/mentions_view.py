"""Mentions in the article view: every entity name styled, and a key that steps through the
current entity's mentions across sources. A mixin for `ArticleScreen`, kept apart so the article
screen only calls in at a few points."""

from __future__ import annotations

from bisect import bisect_left

from textual.content import Content

from explorer.app import render


from explorer.core.mentions import found_mentions as mentions_ready  # a worker finds them after each load


class ArticleMentions:
    """Mixin: `self.app`, `self.source_id`, `_render_paragraph`, `_scroll_to_offset`, `show_base`."""

    mention_entity: str | None = None  # whose mentions m / M step through
    mention_index: int = -1  # which of them is shown (-1: none)
    mention_fresh: bool = False  # the panel below shows that mention (until the cursor moves)

    def mention_marks(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Style marks for the mentions within [start, end) of the current source."""
        mentions = mentions_ready(self.app.base)
        if mentions is None:
            return []
        found = mentions.in_source(self.source_id)
        starts = [m.start for m in found]
        current = self._current_mention()
        if current is not None and current.source != self.source_id:
            current = None
        focus = self.mention_entity or self.focus_entity
        marks = []
        listed = False  # the current mention is one of the source's (a ⚠ card's is in none)
        for m in found[bisect_left(starts, start) : bisect_left(starts, end)]:
            if current is not None and (m.start, m.end) == (current.start, current.end):
                marks.append((m.start, min(m.end, end), render.MENTION_CURRENT_STYLE))
                listed = True
                continue
            style = (render.MENTION_FOCUS_STYLE if focus is not None and (m.entity == focus or focus in m.others)
                     else render.MENTION_STYLE)
            if current is not None and m.start < current.end and m.end > current.start:
                # A checked card's mention that a ⚠ card's mention shown (m/M) overlaps: the
                # current one is drawn whole, this one around it, never both on the same letters.
                # (Not shown, a ⚠ card's mention is not drawn: the checked card's is.)
                pieces = ((m.start, current.start), (current.end, m.end))
            else:
                pieces = ((m.start, m.end),)
            marks.extend((max(a, start), min(b, end), style) for a, b in pieces if min(b, end) > max(a, start))
        if current is not None and not listed and start <= current.start < end:  # (a ⚠ card's)
            marks.append((current.start, min(current.end, end), render.MENTION_CURRENT_STYLE))
        marks.sort()
        return marks

    def _current_mention(self):
        mentions = mentions_ready(self.app.base)
        if mentions is None or self.mention_entity is None:
            return None
        found = mentions.of(self.mention_entity)
        return found[self.mention_index] if 0 <= self.mention_index < len(found) else None

    def mention_line(self) -> Content | None:
        """What the footer panel says about the mention shown, if one is."""
        m = self._current_mention()
        if m is None or not self.mention_fresh:
            return None
        base = self.app.base
        total = len(mentions_ready(base).of(self.mention_entity))
        source = base.sources[m.source]
        also = f" (a name {', '.join(m.others)} also uses)" if m.others else ""
        return Content.assemble(
            render.text(f"Mention {self.mention_index + 1} of {total} of ", "$foreground-muted"),
            render.text(base.entity_name(self.mention_entity), "bold"),
            (": ", "$foreground-muted"),
            render.text(m.text, render.MENTION_FOCUS_STYLE),
            render.text(f" · {source.id} line {m.line}{also} · m/M next/previous", "$foreground-muted"),
        )

    def step_mention(self, step: int, entity: str | None = None) -> None:
        base = self.app.base
        mentions = mentions_ready(base)
        if mentions is None:
            self.app.notify("Still finding mentions…", timeout=2)
            return
        entity = entity or self.mention_entity or self.focus_entity
        if entity is None or (entity not in base.entities and entity not in base.flawed):
            self.app.notify("No entity chosen: pick one in the entities pane first.", timeout=3)
            return
        found = mentions.of(entity)
        if not found:
            self.app.notify(f"No mentions of {render.visible(base.entity_name(entity))} in any source.", timeout=3)
            return
        if entity != self.mention_entity or not 0 <= self.mention_index < len(found):
            # Start from where the reader is: the first mention at or after the cursor in this source.
            here = self.reading_offset()
            order = list(base.sources)
            pos = (order.index(self.source_id) if self.source_id in order else 0, here)
            keys = [(order.index(m.source), m.start) for m in found]
            index = bisect_left(keys, pos) if step > 0 else bisect_left(keys, pos) - 1
            index %= len(found)
        else:
            index = (self.mention_index + step) % len(found)
        old = self._current_mention()
        self.mention_entity, self.mention_index = entity, index
        new = found[index]
        if new.source != self.source_id:
            self.source_id = new.source
            self.show_base(base)
        else:
            for m in (old, new):
                if m is not None and m.source == self.source_id:
                    self._render_paragraph(self._paragraph_of(m.start))
        self._scroll_to_offset(new.start)
        self.mention_fresh = True
        self._show_cites()

    def reading_offset(self) -> int:
        spans, current = getattr(self, "spans", []), getattr(self, "current", -1)
        return spans[current][0] if 0 <= current < len(spans) else 0

    def action_next_mention(self) -> None:
        self.step_mention(1)

    def action_previous_mention(self) -> None:
        self.step_mention(-1)

    def show_pending_mention(self) -> None:
        entity, self.pending_mention = getattr(self, "pending_mention", None), None
        mentions = mentions_ready(self.app.base)
        if entity is None or mentions is None or not mentions.of(entity):
            return
        # The entity's first mention from the reading cursor on, in this source (the view was
        # opened at it): the one before it made current, then one step on.
        found = mentions.of(entity)
        at = self.cursor[0] if getattr(self, "cursor", None) else 0
        index = next((n for n, m in enumerate(found) if m.source == self.source_id and m.start >= at), 0)
        self.mention_entity, self.mention_index = entity, (index - 1) % len(found)
        self.step_mention(1)

    def mentions_found(self) -> None:
        """The mentions are ready (they are found after the cards load): draw them."""
        body = self.article_body
        body.notify_style_update()
        body.refresh()
