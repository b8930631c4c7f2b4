"""The timeline: dated facts in time order, each with what its date was read as, its certainty and
its source (explorer.core.timeline); the expressions that could not be read, after them."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.content import Content

from explorer.app import render
from explorer.app.screens.factlist import FactListScreen, Row

DATE_WIDTH = 24  # the widest reading ("2024, before 2024-02-20") fits


class TimelineScreen(FactListScreen):
    LIST_ID = "timeline"
    EMPTY = "No dated facts: no relation has a date qualifier or a quote that states a date."

    BINDINGS = [
        Binding("escape", "close", "Back", tooltip="Back to the panes", id="timeline.close"),
    ]

    def build(self, base):
        from explorer.core.timeline import timeline

        found = timeline(base, self.only(base))
        width = min(DATE_WIDTH, max((len(d.date.reading) for d in found.dated), default=4))
        rows = [Row(partial(render.timeline_row, base, d, width), d.relation, partial(render.timeline_detail, base, d))
                for d in found.dated]
        if found.unread:
            rows.append(Row(partial(render.section_row, "unread: no date read", len(found.unread))))
            rows += [Row(partial(render.timeline_row, base, d, width), d.relation, partial(render.timeline_detail, base, d))
                     for d in found.unread]
        n, count = len(found.dated), len(found.unread)
        head = Content.assemble(
            ("Timeline", "bold"),
            (f"  {n:,} dated fact{'s' if n != 1 else ''}", render.MUTED),
            (f", {count:,} expression{'s' if count != 1 else ''} unread" if count else "", render.MUTED),
        )
        return rows, Content.assemble(self.filtered(base, head), ("   enter: go to the fact", render.MUTED))
