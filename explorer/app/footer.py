"""The compact footer of factex's views: Textual's Footer, cut to the keys that fit the width.

Imported once a view other than the main one's first frame needs it: the main view's first frame
draws a FooterSketch (explorer.app.widgets), which this replaces.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Footer

from explorer.app.widgets import KEYS_AFTER_QUIET, SKETCH_CLASSES, SKETCH_CSS, KeysSketch


class FitFooter(Footer, KeysSketch):
    """The compact footer, cut to the keys that fit the width (never overflowing): a screen's own
    keys come first, then the app's; `?` (help, which lists them all) always keeps its place."""

    # (the sketch's colours: explorer.app.widgets.SKETCH_CSS)
    DEFAULT_CSS = "FitFooter {\n" + SKETCH_CSS + "}\n"
    COMPONENT_CLASSES: ClassVar[set[str]] = set(SKETCH_CLASSES)

    # The footer's first keys are drawn as one line (`_sketch`, the very cells the keys draw), and
    # the key widgets made once that frame is on screen: making, styling, laying out and drawing
    # ten of them was ~90 M instructions of a first start (7% of it) before the facts could show.
    _sketch: tuple | None = None  # ((key display, description), ...), the palette's, its width
    _sketched = False

    def compose(self) -> ComposeResult:
        from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

        if not self._bindings_ready:
            return
        groups, shown, palette = self._plan()
        width = self.app.size.width
        self.styles.grid_size_columns = len(shown)
        if not self._sketched:
            self._sketched = True
            self._sketch = self._sketch_of(groups, shown, palette, width)
            if self._sketch is not None:
                # The key widgets, once the sketch is on screen (the main screen knows when its
                # first frame is: a start-up batch runs call_after_refresh before any frame).
                # (made in the footer's own context: its keys bind their `compact` to it)
                # (and after a key typed as the facts show: app.turns.UiFirst.when_idle)
                ui_first = getattr(self.app, "ui_first", None)
                getattr(self.screen, "after_first_frame", self.call_after_refresh)(
                    lambda: self.call_later(self._keys_after_sketch) if ui_first is None
                    else ui_first.when_idle(lambda: self.call_later(self._keys_after_sketch)))
                return
        if self._sketch is not None:
            self._sketch = None
            self.refresh()
        # Each key gets the compact class now: FooterKey's `compact` (True, or the footer's through
        # the data binding) would add it once the key is mounted, and restyle the key for it (ten
        # restyles in the first frame of each start).
        compact = " -compact" if self.compact else ""
        for group, members in groups:
            members = [(a, items) for a, items in members if a in shown]
            if not members:
                continue
            if group is not None and len(members) > 1:
                with KeyGroup(classes="-compact" if group.compact else ""):
                    for _, items in members:
                        binding, enabled, tooltip = items[0]
                        yield FooterKey(binding.key, self.app.get_key_display(binding), "", binding.action,
                                        disabled=not enabled, tooltip=tooltip or binding.description,
                                        classes="-grouped" + compact).data_bind(compact=Footer.compact)
                yield FooterLabel(group.description)
            else:
                for _, items in members:
                    binding, enabled, tooltip = items[0]
                    yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description,
                                    binding.action, disabled=not enabled, classes=compact.strip(),
                                    tooltip=tooltip).data_bind(compact=Footer.compact)
        if palette is not None:
            _, binding, enabled, tooltip = palette
            yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                            classes="-command-palette -compact", disabled=not enabled,  # (its `compact` is True)
                            tooltip=binding.tooltip or binding.description)

    async def _keys_after_sketch(self) -> None:
        if self._sketch is None or not self.is_attached:
            return
        # Not while keys come: making the key widgets (mounted, styled, laid out, drawn: 20-70 ms)
        # right after the search box's first frame held back the echo of the second and third
        # keys typed after `/`. The sketch draws the very cells they will; they only add clicks.
        typing = getattr(self.app, "_typing", None)
        if typing is not None and typing():
            self.set_timer(KEYS_AFTER_QUIET, lambda: self.call_later(self._keys_after_sketch))
            return
        self._last_shown = None
        await self.recompose()

    def render_lines(self, crop):
        sketch = self._sketch
        if sketch is None or self.children:
            return super().render_lines(crop)
        return self._draw_sketch(sketch, crop)

    def on_resize(self) -> None:
        if self._bindings_ready:
            self.call_after_refresh(self.recompose)

    def _keys_shown(self) -> tuple:
        """What compose() draws from: the width and each shown binding as it stands."""
        return (self.app.size.width, self.show_command_palette, tuple(
            (b.key, b.action, b.description, b.show, b.group, enabled, tooltip)
            for _, b, enabled, tooltip in self.screen.active_bindings.values()))

    async def recompose(self) -> None:
        # Textual recomposes the footer on every bindings change and resize (seven times while
        # the app starts, each making ten keys and styling them: a fifth of a start's CPU); the
        # keys are made again only when what they show has changed.
        if self._bindings_ready and self.is_attached:
            shown = self._keys_shown()
            if shown == getattr(self, "_last_shown", None) and (self.children or self._sketch is not None):
                return  # (the same keys: as widgets, or sketched until the first frame is drawn)
            self._last_shown = shown
        await super().recompose()
