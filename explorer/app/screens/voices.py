"""Who says what: the facts grouped by the party they are attributed to (from every source
together), then each article's own voice, with opinions and hedges apart (explorer.core.voices)."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.content import Content

from explorer.app import render
from explorer.app.screens.factlist import FactListScreen, Row


class VoicesScreen(FactListScreen):
    LIST_ID = "voices"
    EMPTY = "No relations yet."

    BINDINGS = [
        Binding("escape", "close", "Back", tooltip="Back to the panes", id="voices.close"),
    ]

    def build(self, base):
        from explorer.core.voices import RELAYED, voices

        found = voices(base, self.only(base))
        rows: list[Row] = []
        for voice in found.voices:
            rows.append(Row(partial(render.voice_header, voice)))
            for group, ids in voice.groups.items():
                # opinions and hedges apart: a group title wherever a voice has more than one kind
                if len(voice.groups) > 1 or voice.kind == "article":
                    rows.append(Row(partial(render.voice_group_row, group, len(ids))))
                for rid in ids:
                    rel = base.relations[rid]
                    rows.append(Row(partial(render.voice_row, base, rel, group == RELAYED), rid,
                                    partial(render.voice_detail, base, found, voice, rel)))
        n = sum(1 for v in found.voices if v.kind == "party")
        count = len(found.voices) - n
        head = Content.assemble(
            ("Who says what", "bold"),
            (f"  {n:,} attributing part{'ies' if n != 1 else 'y'}", render.MUTED),
            (f", {count:,} article voice{'s' if count != 1 else ''}", render.MUTED),
        )
        return rows, Content.assemble(self.filtered(base, head), ("   enter: go to the fact", render.MUTED))
