"""Command palette (Ctrl+P): go to an entity, filter by type or certainty, open a view."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from explorer.core.model import CERTAINTIES
from explorer.core.navigation import card_location
from explorer.core.safetext import visible


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
            ("Search", "Entities, relations, quotes and the article", app.action_search),
            ("Help: keys", "Every key and its binding id", app.action_help),
            ("Clear filters", "Show every type and certainty", lambda: (main.set_type_filter(None), main.set_certainty_filter(None))),
        ]
        for source in base.sources.values():
            # (Palette text is read as markup: workspace text is escaped and made visible.)
            out.append((f"Show article: {_literal(source.title)}", _literal(source.byline or source.path),
                        partial(app.action_article, source.id)))
        for type_name in sorted({e.type for e in base.entities.values()}):
            out.append((f"Filter entities by type: {type_name}", "Only entities of this type", partial(main.set_type_filter, type_name)))
        for certainty in CERTAINTIES:
            out.append((f"Filter relations by certainty: {certainty}", "Only relations held this way", partial(main.set_certainty_filter, certainty)))
        return out

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
        base = self.app.base
        if base is None or len(query) < 2:
            return
        # "Go to entity": entity names are short, so the fuzzy matcher is safe on them (never quotes).
        shown = 0
        for entity in base.entities.values():
            label = f"Go to entity: {entity.name}"
            if len(label) > 80:
                continue
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(self.app.jump, card_location(entity)), help=entity.type)
                shown += 1
                if shown >= 50:
                    break


def _literal(value: str) -> str:
    """Workspace text for the palette, which reads its strings as markup: shown as typed."""
    return escape(visible(value))
