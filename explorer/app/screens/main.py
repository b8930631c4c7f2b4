"""The main screen: entities, the highlighted entity's relations, and the evidence behind them."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from explorer.app import render
from explorer.app.host import ShowsFacts
from explorer.app.messages import Moved, Navigate, ShowMentions
from explorer.app.widgets import DrawnByChildren, EvidenceScroll, FooterSketch, SteadySize, VirtualList, drawn_by_children, sized_in_layout
from explorer.core.model import CERTAINTIES
from explorer.core.navigation import Location

if TYPE_CHECKING:
    from explorer.app.host import Host
    from explorer.core.loading.loader import FactBase

TYPE_ORDER = ("person", "organization", "country", "place", "event", "vehicle", "weapon")
# A reload that changed at most this many entities' rows moves those rows (MainScreen._update_rows);
# more, and the list is made again (about 0.1 s at 10,000 entities)
INCREMENTAL_LIMIT = 500


def _type_order(type_name: str) -> tuple:
    return (TYPE_ORDER.index(type_name) if type_name in TYPE_ORDER else len(TYPE_ORDER), type_name)


def _group_start(groups: dict[str, int], type_name: str) -> int:
    """The row of a type's header, the groups being in `groups`' order with their sizes."""
    i = 0
    for name, n in groups.items():
        if name == type_name:
            return i
        i += n + 1
    raise KeyError(type_name)


def _find(rows: list, keys: dict, groups: dict[str, int], type_name: str, key: tuple) -> int:
    """Where the row with sort key `key` is (or goes) in its type's group."""
    from bisect import bisect_left

    lo = _group_start(groups, type_name) + 1
    return bisect_left(rows, key, lo, lo + groups[type_name], key=lambda row: keys[row[1]][1])


def _changed_entities(old, new, limit: int) -> set[str] | None:
    """The entities whose row may differ between two fact bases (a card or its relations not
    the same objects: a reload keeps every unchanged card's); None when more than `limit`."""
    changed: set[str] = set()
    for ours, theirs in ((old.entities, new.entities), (old.by_entity, new.by_entity)):
        for eid, value in theirs.items():
            if ours.get(eid) is not value:
                changed.add(eid)
        changed.update(ours.keys() - theirs.keys())  # (gone)
        if len(changed) > limit:
            return None
    return changed


def _fit_footer():
    from explorer.app.footer import FitFooter

    return FitFooter(compact=True)


class MainScreen(ShowsFacts, DrawnByChildren, SteadySize, Screen):
    """Entities on the left; relations and evidence on the right."""

    app: "Host"

    BINDINGS = [
        Binding("right,l", "focus_relations", "Relations", show=False, id="main.focus_relations"),
        Binding("left,h", "focus_entities", "Entities", show=False, id="main.focus_entities"),
        Binding("m", "mentions", "Mentions", tooltip="The entity's mentions in the sources (m/M step)", show=False, id="main.mentions"),
        Binding("s", "step_source(1)", "Next source", tooltip="Show only the facts the next source backs", show=False, id="main.next_source"),
        Binding("S", "step_source(-1)", "Previous source", tooltip="Show only the facts the previous source backs", show=False,
                id="main.previous_source"),
        Binding("escape", "clear_filters", "Clear filters", tooltip="Show every source, type and certainty again", show=False,
                id="main.clear_source"),
    ]

    def __init__(self) -> None:
        # (the class _set_stack gives it while the entity list has focus, from the start: the
        # first resize and focus then change no class, and restyle nothing)
        super().__init__(classes="-on-entities")
        self.entity_rows: list[tuple[str, str, int]] = []  # (kind "h"/"e", type or id, count)
        self.relation_ids: list[str] = []
        self.entity: str | None = None
        self.relation: str | None = None
        self.type_filter: str | None = None
        self.certainty_filter: str | None = None
        self.source_filter: str | None = None  # only the facts this source backs (s / S, the sources view)
        # The evidence pane shows the card of the list focused last: Tab from a relation to the
        # evidence keeps that relation's quotes (it showed the entity's, the relation lost).
        self._from_relations = False
        self._showing: tuple | None = None
        # What the entity rows were made from, for a reload to move only the rows it changed:
        # (fact base, filters), each shown entity's (type, sort key, count), each type's rows
        self._shown: tuple | None = None
        self._row_keys: dict[str, tuple] = {}
        self._groups: dict[str, int] = {}
        self._dirty_rows: tuple[int, int | None] | None = None  # see _update_rows

    def compose(self) -> ComposeResult:
        with drawn_by_children(Horizontal(id="panes")):
            yield VirtualList(id="entities", empty_text="Loading cards…")
            with drawn_by_children(Vertical(id="right")):
                yield VirtualList(id="relations", empty_text="No relations")
                with EvidenceScroll(id="evidence"):
                    yield sized_in_layout(Static(id="evidence-body", markup=False))
        yield Static(id="status", markup=False)
        yield FooterSketch(_fit_footer)  # (FitFooter once the first frame is drawn: see FooterSketch)

    # -- the widgets, typed (one place names each id) ---------------------------------------------

    @property
    def entities_list(self) -> VirtualList:
        return self.query_one("#entities", VirtualList)

    @property
    def relations_list(self) -> VirtualList:
        return self.query_one("#relations", VirtualList)

    @property
    def evidence_pane(self) -> EvidenceScroll:
        return self.query_one("#evidence", EvidenceScroll)

    @property
    def evidence_body(self) -> Static:
        return self.query_one("#evidence-body", Static)

    @property
    def status_bar(self) -> Static:
        return self.query_one("#status", Static)

    def on_mount(self) -> None:
        self.entities_list.follow = self._entity_at  # (the panes follow a key in its own turn)
        self.relations_list.follow = self._relation_at
        self.entities_list.border_title = "Entities"
        self.entities_list.border_subtitle = "relations · mentions"
        self.relations_list.border_title = "Relations"
        self.evidence_pane.border_title = "Evidence"
        self.entities_list.focus()
        if self.app.base is not None:
            self.show_base(self.app.base)
        self.update_status()

    def _compositor_refresh(self) -> None:
        # While the app starts, Textual lays the screen out and renders it whole inside a batch,
        # then drops that frame (App._display draws nothing in a batch): a full render of the
        # three panes thrown away (~35 ms of each start). Rendered once the batch is over
        # instead: what is left dirty (the whole screen) is drawn by the next refresh, which
        # the screen's next idle moment asks for (_repaint_required) if nothing else does.
        if self.app._batch_count and not self.app.is_inline and self is self.app.screen:
            self._repaint_required = self._frame_deferred = True
            return
        compositor = self._compositor
        if not self.app._batch_count and self is self.app.screen:
            # What asked to be drawn again while this frame was being made (a scrollbar's thumb,
            # moved as the layout gave its pane its new length) is drawn in it: Textual drew it
            # only at the update timer's next tick, a frame later (the evidence pane's scrollbar
            # showed the last card's length for one frame after each j, ~25 ms).
            pending = {widget for widget in compositor.visible_widgets if widget._repaint_regions}
            if pending:
                compositor.update_widgets(pending)
        whole = compositor.size.region in compositor._dirty_regions  # (render_update draws it all)
        super()._compositor_refresh()
        if self.app._batch_count:
            return
        if whole and self is self.app.screen and not self.app.is_inline:
            # Every cell was drawn again: a repaint of the screen asked for before (its mount, the
            # app's sub-title, its own size set by the first layouts, none drawn by the update
            # timer) is done too. Left asked for, the timer's next frame drew the whole screen a
            # second time, straight after laying it out and drawing it whole: a full frame (~21 KB
            # at 120x40) written for nothing as the facts showed, before a key typed then.
            self._repaint_required = False
            self._exchange_repaint_regions()
        if getattr(self, "_frame_deferred", False):
            self._repaint_required = self._frame_deferred = False  # (that frame is drawn)
        waiting, self._after_first_frame = getattr(self, "_after_first_frame", None), ()
        for callback in waiting or ():
            self.call_next(callback)
        if self._callbacks:
            # What waits for a frame (call_after_refresh: the first frame's capture, the work
            # started once the facts show) runs once it is drawn, as when Textual draws from its
            # update timer; a frame drawn straight from a layout would leave them to the next tick.
            self.call_next(self._invoke_and_clear_callbacks)

    def after_first_frame(self, callback) -> None:
        """Call `callback` once the screen's first frame is on the terminal (at once after it).
        Not call_after_refresh: inside Textual's start-up batch that runs before any frame."""
        waiting = getattr(self, "_after_first_frame", None)
        if waiting == ():  # (drawn already)
            self.call_after_refresh(callback)
        else:
            self._after_first_frame = [*(waiting or ()), callback]

    def _refresh_layout(self, size=None, scroll: bool = False) -> None:
        # The same for layouts: Textual lays the screen out twice inside its start-up batch (the
        # mode's screen sized, then the app's first resize), each frame of them dropped; it is
        # laid out once the batch is over, when the screen's next idle moment asks for it.
        if self.app._batch_count and not self.app.is_inline and self is self.app.screen:
            self._layout_required = True
            return
        super()._refresh_layout(size, scroll)

    def _on_screen_resume(self, event) -> None:
        # Textual restyles every node of a screen each time it is shown, in case the CSS changed
        # while it was not. When the view is first shown its nodes were styled as they were
        # mounted, a moment ago, from the stylesheet as it stands (see app._styled_now): nothing
        # to restyle then, unless the CSS was refreshed since (a theme change).
        # (Textual calls Screen's own handler after this one, with the same event: calling it
        # here too restyled every node twice on each return to the panes, ~17 ms each time)
        if not getattr(self, "_resumed", False):
            self._resumed = True
            if self._css_update_count == self.app._css_update_count:
                event.refresh_styles = False

    def on_resize(self, event) -> None:
        width = event.size.width  # (the screen's own size is the old one until its layout)
        self.set_class(width < 100, "-narrow")
        # Below 80 columns the panes stack, two at a time: the entity list over the relations
        # while choosing an entity, the relations over the evidence while reading them.
        self.set_class(width < 80, "-stacked")
        self._set_stack()
        self.call_after_refresh(self._refit_titles)  # (once the panes have their new widths)

    def _refit_titles(self) -> None:
        if self.base is not None:
            self._entities_title(self.base)
            self._relations_title()

    def _set_stack(self) -> None:
        focused = self.focused
        on_entities = focused is None or getattr(focused, "id", None) == "entities"
        self.set_class(on_entities, "-on-entities")
        self.set_class(not on_entities, "-on-right")

    @property
    def base(self) -> "FactBase | None":
        return self.app.base

    # -- filling the panes -------------------------------------------------------------------

    def show_base(self, base: "FactBase") -> None:
        """Show a (re)loaded fact base, keeping the selection where it still exists."""
        if self.source_filter is not None and self.source_filter not in base.sources:
            self.source_filter = None  # (the source went away in a reload)
        shown = self._shown
        filters = (self.type_filter, self.certainty_filter, self.source_filter)
        changed = None
        if shown is not None and shown[1] == filters and self.source_filter is None and not (shown[0].flawed or base.flawed):
            changed = _changed_entities(shown[0], base, INCREMENTAL_LIMIT)
        self._shown = (base, filters)
        if changed is None or not self._update_rows(base, changed):
            self._fill_entities(base)
        self._entities_title(base)
        # Every pane shows the new facts now, not when the cursor next moves: the relations
        # (the same one kept by id, or its neighbour) and the evidence.
        before = self.entity
        entities = self.entities_list
        rows = self.entity_rows
        keep = self._entity_index(self.entity)
        if keep is None and self.entity is not None and rows:
            # The entity vanished (or is filtered out): its neighbour, the one now in its place.
            keep = self._nearest_entity(min(max(entities.cursor, 0), len(rows) - 1))
        self.entity = rows[keep][1] if keep is not None else None
        if self._dirty_rows is None:
            entities.set_rows(len(rows), self._render_entity, lambda i: self.entity_rows[i][0] == "e", cursor=keep)
        else:
            entities.update_rows(len(rows), self._dirty_rows, cursor=keep)
        if keep is None:
            self.entity = rows[entities.cursor][1] if 0 <= entities.cursor < len(rows) else None
        same = self.entity == before
        self._fill_relations(keep=self.relation if same else None,
                             near=self.relations_list.cursor if same else None)
        self._showing = None
        self._show_evidence()
        self._remember()
        self.update_status()

    def _sort_key(self, entity, count: int) -> tuple:
        # (the file last: one card per file, so no two entities tie, and a reload that moves
        # one row (_update_rows) puts it where a fresh sort would)
        return (-count, entity.name.lower(), entity.file)

    def _fill_entities(self, base: "FactBase") -> None:
        """Every entity row, worked out from the whole fact base (a first show, a filter)."""
        groups: dict[str, list] = {}
        certainty = self.certainty_filter
        self._backed = self._backed_by(base)
        keys: dict[str, tuple] = {}
        # (with the cards left out by a quote not in the source, or held back, marked: FactBase.flawed)
        flawed = [c for c in base.flawed.values() if c.kind == "entity"] if base.flawed else ()
        for entity in (*base.entities.values(), *flawed) if flawed else base.entities.values():
            if self.type_filter and entity.type != self.type_filter:
                continue
            if self._backed is not None and entity.id not in self._backed[0]:
                continue
            # With a certainty or source filter the whole view follows it: counts are of those
            # relations, and an entity with none of them is left out.
            count = len(self._relations(base, entity.id))
            if certainty and not count:
                continue
            keys[entity.id] = (entity.type, self._sort_key(entity, count), count)
            groups.setdefault(entity.type, []).append(entity.id)
        order = sorted(groups, key=_type_order)
        rows: list[tuple[str, str, int]] = []
        for type_name in order:
            members = groups[type_name]
            rows.append(("h", type_name, len(members)))
            members.sort(key=lambda eid: keys[eid][1])
            rows.extend(("e", eid, keys[eid][2]) for eid in members)
        self.entity_rows = rows
        self._row_keys = keys
        self._groups = {type_name: len(groups[type_name]) for type_name in order}
        self._dirty_rows = None

    def _update_rows(self, base: "FactBase", changed: set[str]) -> bool:
        """Move, add or remove only the rows of the entities in `changed` (a reload that changed
        a few cards), each put in its place by bisection, where `_fill_entities` would sort it.
        False (and nothing changed) when a type's group comes or goes: then the whole list."""
        rows, keys, groups = self.entity_rows, dict(self._row_keys), dict(self._groups)
        certainty = self.certainty_filter
        wanted: dict[str, tuple] = {}
        for eid in changed:
            entity = base.entities.get(eid)
            if entity is None or (self.type_filter and entity.type != self.type_filter):
                continue
            count = len(self._relations(base, eid))
            if certainty and not count:
                continue
            wanted[eid] = (entity.type, self._sort_key(entity, count), count)
        sizes = dict(groups)
        for eid in changed:
            if eid in keys:
                sizes[keys[eid][0]] -= 1
        for type_name, _, _ in wanted.values():
            if type_name not in sizes:
                return False  # a new group
            sizes[type_name] += 1
        if any(n <= 0 for n in sizes.values()):
            return False  # a group left empty
        before = len(rows)
        rows = list(rows)
        touched: list[int] = []
        for eid in changed:
            old = keys.get(eid)
            if old is None:
                continue
            i = _find(rows, keys, groups, old[0], old[1])
            if i >= len(rows) or rows[i][1] != eid:
                return False  # (not where its key says: never so, but the whole list is right)
            del rows[i]
            groups[old[0]] -= 1
            del keys[eid]
            touched.append(i)
        for eid, new in wanted.items():
            keys[eid] = new
            i = _find(rows, keys, groups, new[0], new[1])
            rows.insert(i, ("e", eid, new[2]))
            groups[new[0]] += 1
            touched.append(i)
        for type_name, n in groups.items():
            h = _group_start(groups, type_name)
            if rows[h][2] != n:
                rows[h] = ("h", type_name, n)
                touched.append(h)
        self.entity_rows, self._row_keys, self._groups = rows, keys, groups
        # The rows drawn again: from the first touched to the last (each later move shifts an
        # earlier one's row by at most one), or to the end when rows came or went.
        ops = len(touched)
        if not touched:
            self._dirty_rows = (0, -1)
        else:
            self._dirty_rows = (max(0, min(touched) - ops), max(touched) + ops if len(rows) == before else None)
        return True

    def _entities_title(self, base: "FactBase") -> None:
        entities = self.entities_list
        certainty = self.certainty_filter
        entities.empty_text = render.plain("No entities", *((" of type ", self.type_filter) if self.type_filter else ()),
                                           *((f" with {certainty} relations",) if certainty else ()))
        n = len(self._row_keys)
        filters = " ".join(f for f in (self.type_filter, certainty) if f)
        # (the source's title shortened to the pane, so that the count stays on it)
        room = (entities.outer_size.width or 40) - 6 - render.line("Entities · ", filters, " ", f" ({n})").cell_length
        source = (render.source_filter_label(base, self.source_filter, room),) if self.source_filter else ()
        if source and room < 13:  # (no room for a title: the relations' title and the status line name it)
            short = render.line("Entities · ", filters, " " if filters else "", "filtered", f" ({n})")
            source = ("filtered",) if short.cell_length + 6 <= (entities.outer_size.width or 40) else ()
        if filters or source:
            render.set_title(entities, "Entities · ", filters, " " if filters and source else "", *source, f" ({n})")
        else:
            render.set_title(entities, f"Entities ({n})")

    def _nearest_entity(self, index: int) -> int | None:
        """The entity row at `index`, or the nearest one after it, or before it."""
        for step in (1, -1):
            i = index
            while 0 <= i < len(self.entity_rows):
                if self.entity_rows[i][0] == "e":
                    return i
                i += step
        return None

    def _render_entity(self, i: int) -> Content:
        kind, value, count = self.entity_rows[i]
        if kind == "h":
            return render.type_header(value, count)
        # Found by a worker after the load, which imports explorer.core.mentions: until then there
        # are none, and the first frame does not import the module (~13 M instructions) to learn it.
        found = imported("explorer.core.mentions")
        mentions = found.found_mentions(self.base) if found is not None else None
        entity = self.base.entities.get(value)
        if entity is None:  # (left out: FactBase.flawed; its mentions found apart, Mentions.flawed)
            return render.entity_row(self.base.flawed[value], count, mentions.count(value) if mentions else None,
                                     flawed=True)
        return render.entity_row(entity, count, mentions.count(value) if mentions else None)

    def _entity_index(self, entity_id: str | None) -> int | None:
        got = self._row_keys.get(entity_id) if entity_id is not None else None
        if got is None:
            return None
        i = _find(self.entity_rows, self._row_keys, self._groups, got[0], got[1])
        return i if i < len(self.entity_rows) and self.entity_rows[i][1] == entity_id else None

    def _fill_relations(self, keep: str | None = None, near: int | None = None) -> None:
        """Show the current entity's relations, the cursor on `keep` if it is there, else on the
        row at index `near` (the neighbour of a relation that vanished), else on the first."""
        base = self.base
        relations = self.relations_list
        if base is None or self.entity is None:
            self.relation_ids = []
            relations.set_rows(0, lambda i: Content(""))
            render.set_title(relations, "Relations")
            return
        rels = self._relations(base, self.entity)
        self.relation_ids = [r.id for r in rels]
        self._relations_title()
        relations.empty_text = "No relations" + (f" that are {self.certainty_filter}" if self.certainty_filter else "") \
            + (" backed by this source" if self.source_filter else "")
        cursor = self.relation_ids.index(keep) if keep in self.relation_ids else None
        if cursor is None and near is not None and near >= 0 and self.relation_ids:
            cursor = min(near, len(self.relation_ids) - 1)
        self.relation = self.relation_ids[cursor] if cursor is not None else (self.relation_ids[0] if self.relation_ids else None)
        focus = self.entity
        relations.set_rows(len(rels), lambda i: self._relation_row(base, self.relation_ids[i], focus), cursor=cursor)

    @staticmethod
    def _relation_row(base, relation_id: str, focus: str | None):
        rel = base.relations.get(relation_id)
        if rel is None:  # (left out, or held back: FactBase.flawed)
            return render.relation_row_fitted(base, base.flawed[relation_id], focus, flawed=True)
        return render.relation_row_fitted(base, rel, focus)

    def _relations_title(self) -> None:
        """'Relations of NAME (N)', the name shortened in its middle to fit the pane: a long name
        ran the title off the pane's edge, and the count with it."""
        base, relations = self.base, self.relations_list
        if base is None or self.entity is None:
            return
        suffix = f" · {self.certainty_filter}" if self.certainty_filter else ""
        count = f" ({len(self.relation_ids)})"
        room = (relations.outer_size.width or self.size.width) - 6  # (the border's corners and padding)
        room -= render.line("Relations of ", suffix, count).cell_length
        name = render.line(base.entity_name(self.entity)).plain  # (made visible first, then cut)
        if self.source_filter is None:
            render.set_title(relations, "Relations of ", render.middle_truncate(name, max(8, room)), suffix, count)
            return
        # the name and the source's title shortened together, the longer first
        title = render.source_filter_label(base, self.source_filter).plain[len("from "):]
        name, title = render.fit_parts([name, title], max(16, room - len(" · from ")), minimum=8)
        render.set_title(relations, "Relations of ", name, suffix, " · from ", title, count)

    # -- reacting to the cursor --------------------------------------------------------------

    @on(VirtualList.Highlighted, "#entities")
    def _entity_highlighted(self, event: VirtualList.Highlighted) -> None:
        if event.index == event.list.cursor:  # (else a later move is on its way: its own message)
            self._entity_at(event.index)

    def _entity_at(self, index: int) -> None:
        """The entity list's cursor is on row `index`: the relations and evidence follow it
        (told at once by a key, VirtualList.follow, and by the list's Highlighted message)."""
        new = self.entity_rows[index][1] if 0 <= index < len(self.entity_rows) and self.entity_rows[index][0] == "e" else None
        if new != self.entity or self._showing is None:
            self.entity = new
            self._entity_changed()

    def _entity_changed(self) -> None:
        self._fill_relations(keep=self.relation)
        self._show_evidence()
        self._remember()

    @on(VirtualList.Highlighted, "#relations")
    def _relation_highlighted(self, event: VirtualList.Highlighted) -> None:
        if event.index == event.list.cursor:  # (else a later move is on its way: its own message)
            self._relation_at(event.index)

    def _relation_at(self, index: int) -> None:
        self.relation = self.relation_ids[index] if 0 <= index < len(self.relation_ids) else None
        self._show_evidence()
        self._remember()

    @property
    def on_relation(self) -> bool:
        """Whether the relation is what the user reads: the relations list has focus, or the
        evidence pane has it and was reached from the relations list."""
        focused = self.focused
        return focused is self.relations_list or (self._from_relations and focused is self.evidence_pane)

    def on_descendant_focus(self) -> None:
        focused = self.focused
        if focused is self.relations_list or focused is self.entities_list:
            self._from_relations = focused is self.relations_list
        self._set_stack()
        self._show_evidence()

    @on(VirtualList.Selected, "#entities")
    def _entity_selected(self) -> None:
        self.action_focus_relations()

    @on(VirtualList.Selected, "#relations")
    def _relation_selected(self, event: VirtualList.Selected) -> None:
        self.follow(self.relation_ids[event.index])

    def _show_evidence(self) -> None:
        base = self.base
        body = self.evidence_body
        card = None
        if base is not None:
            card = self._card_read(base)
        key = (id(base), card.id if card else None)
        if key == self._showing:
            return
        self._showing = key
        if card is None:
            body.update(Content(_nothing_shown(base)).stylize("$foreground-muted italic"))
        else:
            body.update(render.evidence_blocks(base, card))
            self.evidence_pane.scroll_home(animate=False)
        self.evidence_pane.border_title = (
            "Evidence · relation" if card is not None and card.kind == "relation" else "Evidence · entity"
        )

    def _remember(self) -> None:
        if self.entity is not None:
            self.post_message(Moved(self.location()))

    # -- navigation --------------------------------------------------------------------------

    def location(self) -> Location:
        return Location(entity=self.entity, relation=self.relation if self.on_relation else None)

    def follow(self, relation_id: str) -> None:
        """Go to the entity at the other end of a relation, recording it in the history."""
        rel = self.base.card(relation_id)
        if rel is None or rel.kind != "relation":
            return
        other = rel.object if rel.subject == self.entity else rel.subject
        self.post_message(Moved(Location(entity=self.entity, relation=relation_id)))
        self.post_message(Navigate(Location(entity=other), focus="relations"))

    def go_to(self, location: Location, focus: str | None = None) -> None:
        """Show a location: highlight its entity, and its relation if it has one."""
        base = self.base
        if base is None:
            return
        entity = base.card(location.entity) if location.entity else None
        if location.entity and (entity is None or entity.kind != "entity"):
            return
        if entity is not None and self.type_filter and entity.type != self.type_filter:
            self.type_filter = None
            self.show_base(base)
        if location.relation and self.certainty_filter and location.relation in base.relations \
                and base.relations[location.relation].certainty != self.certainty_filter:
            self.certainty_filter = None
            self.show_base(base)
        if location.entity and self.source_filter and self._entity_index(location.entity) is None:
            self.source_filter = None  # (the source filter hides it)
            self.show_base(base)
        if location.relation and self.source_filter and self._backed is not None and location.relation not in self._backed[1]:
            self.source_filter = None
            self.show_base(base)
        if location.entity and self.certainty_filter and self._entity_index(location.entity) is None:
            self.certainty_filter = None  # (the entity has no relation held that way)
            self.show_base(base)
        entities = self.entities_list
        index = self._entity_index(location.entity)
        if index is not None:
            self.entity = location.entity
            self.relation = location.relation
            self._fill_relations(keep=location.relation)
            entities.move_to(index)
        target = focus or ("relations" if location.relation else "entities")
        (self.relations_list if target == "relations" else self.entities_list).focus()
        self._showing = None
        self._show_evidence()

    def action_mentions(self) -> None:
        if self.entity is not None:
            self.post_message(ShowMentions(self.entity))

    def mentions_found(self) -> None:
        # (a query, not query_one: when the app is closing the list may be gone already)
        for entities in self.query("#entities").results(VirtualList):
            entities.redraw()

    def action_focus_relations(self) -> None:
        self.relations_list.focus()

    def action_focus_entities(self) -> None:
        self.entities_list.focus()

    def set_type_filter(self, type_name: str | None) -> None:
        self.type_filter = type_name
        if self.base is not None:
            self.show_base(self.base)

    def set_certainty_filter(self, certainty: str | None) -> None:
        self.certainty_filter = certainty
        if self.base is not None:
            self.show_base(self.base)

    # -- the source filter: only the facts one source backs ------------------------------------

    _backed: tuple[set[str], set[str]] | None = None

    def _backed_by(self, base) -> tuple[set[str], set[str]] | None:
        if self.source_filter is None:
            return None
        from explorer.core.loading.corpus import backed_by  # (imports the card rules: only when filtering)

        return backed_by(base, self.source_filter)

    def _relations(self, base, entity_id: str) -> list:
        """The entity's relations that the filters keep (certainty, source); after them, those
        left out by a quote not in the source or held back (FactBase.flawed), marked."""
        rels = base.relations_of(entity_id)
        if base.flawed:
            rels = [*rels, *(c for c in base.flawed.values() if c.kind == "relation" and entity_id in (c.subject, c.object))]
        if self.certainty_filter:
            rels = [r for r in rels if r.certainty == self.certainty_filter]
        if self._backed is not None:
            rels = [r for r in rels if r.id in self._backed[1]]
        return rels

    def set_source_filter(self, source_id: str | None) -> None:
        self.source_filter = source_id
        if self.base is not None:
            self.show_base(self.base)
            if source_id is not None:
                self.entities_list.focus()

    def action_step_source(self, step: int) -> None:
        """The source filter on the next (or previous) source, earliest published first; from
        the last source on to all of them, then the first again."""
        from explorer.core.loading.corpus import source_order

        base = self.base
        if base is None or not base.sources:
            return
        ids = [s.id for s in sorted(base.sources.values(), key=source_order)]
        if len(ids) == 1 and self.source_filter is None:
            self.notify("One source: every fact here is from it.", timeout=2)
            return
        here = ids.index(self.source_filter) if self.source_filter in ids else (-1 if step > 0 else len(ids))
        nxt = here + step
        self.set_source_filter(ids[nxt] if 0 <= nxt < len(ids) else None)

    def action_clear_filters(self) -> None:
        """Esc: every source, type and certainty again (a type or certainty filter set from the
        palette stayed until the palette cleared it: Esc did nothing)."""
        if self.type_filter is None and self.certainty_filter is None and self.source_filter is None:
            if self.has_class("-stacked") and self.focused is not self.entities_list:
                self.entities_list.focus()  # (stacked, the entity list hidden: Esc brings it back)
            return
        self.type_filter = self.certainty_filter = None
        self.set_source_filter(None)

    def edit_target(self) -> tuple[str, int] | None:
        """The card file and line under the cursor, for the editor."""
        base = self.base
        card = self._card_read(base) if base is not None else None
        if card is None:
            return None
        if base.flawed.get(card.id) is card:  # (left out by a quote not in the source: at that quote)
            line = min((p.line for p in base.errors if p.file == card.file and p.line), default=card.line)
            return card.file, line
        return card.file, card.line

    def _card_read(self, base):
        """The card the evidence pane shows: the relation read, else the highlighted entity (one
        left out by a quote not in the source, or held back, too: FactBase.flawed)."""
        if self.on_relation and self.relation:
            card = base.card(self.relation)
            if card is not None and card.kind == "relation":
                return card
        card = base.card(self.entity) if self.entity else None
        return card if card is not None and card.kind == "entity" else None

    # -- status ------------------------------------------------------------------------------

    def update_status(self, progress: str | None = None) -> None:
        status = self.status_bar
        base = self.base
        if base is None:
            status.update(Content(progress or "Loading cards…").stylize("$foreground-muted"), layout=False)
            return
        # (the title cut to 40 cells: a long one hid the '(s/S next, esc all)' after it)
        source = render.source_filter_label(base, self.source_filter, 40) if self.source_filter else None
        # (layout=False: the status line is one row, as wide as the screen whatever it says; each
        # update laid the whole screen out again, one as the facts show and with each reload)
        status.update(status_line(base, progress, self.type_filter, self.certainty_filter, source,
                                  workspace=render.workspace_name(self.app.root)), layout=False)


def _nothing_shown(base) -> str:
    """What the evidence pane says when no card is selected: in a workspace with no card yet,
    what to do next (it said "Nothing selected." to someone who had nothing to select)."""
    if base is None:
        return "Loading cards…"
    if base.entities:
        return "Nothing selected."
    if base.errors:
        return "No card checks clean yet: press ! to see the problems, then Enter to open a card at its line."
    if not base.sources:
        return ("No cards and no source yet. Put an article in seeds/ (factex add FILE or URL writes it "
                "there with its sidecar), then press a to read it, v to select a passage and E to make "
                "an entity card from it (R for a relation card).")
    return "No cards yet. Press a to read the article, v to select a passage, E to make an entity card from it (R for a relation card)."


def status_line(base, progress=None, type_filter=None, certainty_filter=None, source=None, workspace=None) -> Content:
    parts = [
        render.line((" " + workspace, "bold $text-accent"), (" ·", "$foreground-muted")) if workspace else Content(""),
        # A source filter first, where a narrow terminal still shows it.
        Content.assemble((" ", ""), source.stylize("bold $text-accent"), (" (s/S next, esc all) ·", "$foreground-muted"))
        if source is not None else Content(""),
        Content(f" {len(base.entities):,} entit{'ies' if len(base.entities) != 1 else 'y'}"
                f" · {len(base.relations):,} relation{'s' if len(base.relations) != 1 else ''}"
                f" · {len(base.sources):,} source{'s' if len(base.sources) != 1 else ''}"),
    ]
    errors, warnings = len(base.errors), len(base.warnings)
    if errors or warnings:
        label = []
        if errors:
            label.append(f"{errors:,} error{'s' if errors != 1 else ''}")
        if warnings:
            label.append(f"{warnings:,} warning{'s' if warnings != 1 else ''}")
        if base.held_back:
            label.append(f"{len(base.held_back):,} held back")
        parts.append(Content("  ⚠ " + ", ".join(label) + " (press !)").stylize("bold $text-error" if errors else "bold $text-warning"))
    if type_filter or certainty_filter:
        parts.append(Content.assemble(("  filter: " + " ".join(f for f in (type_filter, certainty_filter) if f), "$text-accent"),
                                      (" (esc clears)", "$foreground-muted")))

    if progress:
        parts.append(Content("  " + progress).stylize("$foreground-muted"))
    legend = Content.assemble(
        "   ",
        *(
            Content(f"{render.CERTAINTY_GLYPH[c]} {c} ").stylize(render.CERTAINTY_STYLE[c])
            for c in CERTAINTIES
        ),
    )
    parts.append(legend)
    return Content("").join(parts)


def imported(name: str):
    """The module `name` if it has been imported, wholly; else None (never imported here). A module
    that another thread is importing right now is in `sys.modules` already, half made: a row drawn
    then read `found_mentions` from the mentions module while the mentions worker imported it, and
    the app ended in a traceback (AttributeError: partially initialized module)."""
    module = sys.modules.get(name)
    if module is None or getattr(getattr(module, "__spec__", None), "_initializing", False):
        return None
    return module
