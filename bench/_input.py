"""The baseline of bench/keys.py: a bare Textual app with one Input, in a bordered box."""

from textual.app import App
from textual.containers import Vertical
from textual.widgets import Input


class Bare(App):
    CSS = "#box { border: round $accent; height: 10; } Input { border: none; height: 1; }"

    def compose(self):
        with Vertical(id="box"):
            yield Input()

    def on_mount(self):
        self.query_one("#box").border_title = "Type here"
        self.query_one(Input).focus()


Bare().run()
