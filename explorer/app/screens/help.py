"""The help screen: every key, what it does, and its binding id (for remapping)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from explorer.app import render
from explorer.app.widgets import SteadySize
from explorer.core.model import CERTAINTIES

KEY_NAMES = {
    "question_mark": "?", "exclamation_mark": "!", "slash": "/", "backspace": "Backspace", "enter": "Enter",
    "escape": "Esc", "pagedown": "PgDn", "pageup": "PgUp", "space": "Space", "home": "Home", "end": "End",
    "down": "↓", "up": "↑", "left": "←", "right": "→", "alt+left": "Alt+←", "alt+right": "Alt+→", "f1": "F1",
    "tab": "Tab", "shift+tab": "Shift+Tab", "ctrl+p": "Ctrl+P", "ctrl+d": "Ctrl+D", "ctrl+u": "Ctrl+U",
}


_MODIFIERS = {"shift": "Shift", "ctrl": "Ctrl", "alt": "Alt", "meta": "Meta", "super": "Super"}


def key_name(key: str) -> str:
    """One key as a person reads it, as the footer shows it: `<`, `Shift+→`, `Ctrl+P`, `G`."""
    from textual.keys import key_to_character

    if key in KEY_NAMES:
        return KEY_NAMES[key]
    *modifiers, base = key.split("+")
    if base in KEY_NAMES:
        name = KEY_NAMES[base]
    else:
        character = key_to_character(base)
        name = character if character is not None else base.replace("_", " ")
        if len(name) == 1 and modifiers:
            name = name.upper()
    return "+".join([*(_MODIFIERS.get(m, m.title()) for m in modifiers), name])


def key_label(keys: str) -> str:
    return " ".join(key_name(k) for k in keys.split(","))


def help_content(sections: list[tuple[str, list[Binding]]], width: int = 120) -> Content:
    """Every key of `sections` (title, bindings), what it does and its binding id, laid out for
    `width` columns: the id in a column of its own where it fits, else under the description."""
    every = [b for _, bindings in sections for b in bindings]
    key_width = max(len(key_label(b.key)) for b in every) + 2
    desc_width = max(len(b.tooltip or b.description) for b in every) + 2
    id_width = max(len(b.id or "") for b in every)
    one_line = 2 + key_width + desc_width + id_width <= width
    lines: list[Content] = [Content("factex keys").stylize("bold $text-primary"), Content("")]
    for title, bindings in sections:
        lines.append(Content(title).stylize("bold underline"))
        for b in bindings:
            description = b.tooltip or b.description
            if one_line:
                lines.append(Content.assemble(
                    (f"  {key_label(b.key):<{key_width}}", "bold $text-accent"),
                    (f"{description:<{desc_width}}", ""),
                    (b.id or "", "$foreground-muted"),
                ))
            else:  # narrow: the id on a line of its own, under the description
                lines.append(Content.assemble((f"  {key_label(b.key):<{key_width}}", "bold $text-accent"), (description, "")))
                if b.id:
                    lines.append(Content.assemble((" " * (2 + key_width), ""), (b.id, "$foreground-muted")))
        lines.append(Content(""))
    lines.append(Content("Certainty").stylize("bold underline"))
    for c in CERTAINTIES:
        lines.append(Content.assemble(
            (f"  {render.CERTAINTY_GLYPH[c]} {c:<20}", "bold " + render.CERTAINTY_STYLE[c]),
            (render.CERTAINTY_MEANING[c], ""),
        ))
    lines.append(Content(""))
    lines.append(Content("Binding ids can be remapped (see the README). Press Esc or ? to close.").stylize("$foreground-muted"))
    return Content("\n").join(lines)


class HelpScreen(SteadySize, ModalScreen):
    """The keys of `sections` (the app's binding_sections(): title, bindings)."""

    # (here, not in factex.tcss: parsed when the view is first opened, not before the first frame)
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen #help { width: 100; max-width: 95%; height: 90%; border: round $accent; background: $surface; padding: 0 1; }
    """

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="help.close")]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        self.box = VerticalScroll(id="help")
        self.box.border_title = "Help"
        self.text = Static(id="help-text", markup=False)
        with self.box:
            yield self.text

    def on_resize(self) -> None:
        self.text.update(help_content(self.sections, self.box.scrollable_content_region.width or self.size.width))
