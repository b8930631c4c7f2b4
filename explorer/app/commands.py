"""Command palette (Ctrl+P): go to an entity, filter by type or certainty, open a view."""

from __future__ import annotations

from functools import partial

from textual.command import Hits, Provider
from textual.content import Content

from explorer.app import render
from explorer.core.model import CERTAINTIES
from explorer.core.navigation import card_location


class FactexCommands(Provider):
    def _commands(self):
        app = self.app
        base = app.base
        if base is None:
            return []
        main = app.main_screen
        out = [
            ("Show the article", "The whole source, cited spans highlighted", app.action_article),
            ("Show problems", "Cards that failed checking", app.action_problems),
            ("Show the timeline", "Dated facts in time order, dates read against publication", app.action_timeline),
            ("Show sources", "Every source: outlet, date, cards, coverage", app.action_sources),
            ("Show who says what", "Facts by the party they are attributed to; the article's own voice", app.action_voices),
            ("Search", "Entities, relations, quotes and the article", app.action_search),
            ("Help: keys", "Every key and its binding id", app.action_help),
            ("Clear filters", "Show every type, certainty and source",
             lambda: (main.set_type_filter(None), main.set_certainty_filter(None), main.set_source_filter(None))),
        ]
        # Titles and help are `line()` parts: workspace text in them is literal and visible.
        out = [(render.line(Content(title)), render.line(Content(help_text)), callback) for title, help_text, callback in out]
        for source in base.sources.values():
            out.append((render.line(Content("Show article: "), source.title), render.line(source.byline or source.path),
                        partial(app.action_article, source.id)))
            if len(base.sources) > 1:
                out.append((render.line(Content("Filter by source: "), source.title),
                            render.line(Content("Only the facts it backs: "), source.byline or source.path),
                            partial(main.set_source_filter, source.id)))
        for type_name in sorted({e.type for e in base.entities.values()}):
            out.append((render.line(Content("Filter entities by type: "), type_name), render.line(Content("Only entities of this type")),
                        partial(main.set_type_filter, type_name)))
        for certainty in CERTAINTIES:
            out.append((render.line(Content(f"Filter relations by certainty: {certainty}")), render.line(Content("Only relations held this way")),
                        partial(main.set_certainty_filter, certainty)))
        return out

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield render.palette_hit(None, title, callback, help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title.plain)
            if score > 0:
                yield render.palette_hit(score, title, callback, help_text, matcher=matcher)
        base = self.app.base
        if base is None or len(query) < 2:
            return
        # "Go to entity": entity names are short, so the fuzzy matcher is safe on them (never quotes).
        shown = 0
        for entity in base.entities.values():
            label = render.line(Content("Go to entity: "), entity.name)
            if len(label.plain) > 80:
                continue
            score = matcher.match(label.plain)
            if score > 0:
                yield render.palette_hit(score, label, partial(self.app.jump, card_location(entity)), entity.type, matcher=matcher)
                shown += 1
                if shown >= 50:
                    break

