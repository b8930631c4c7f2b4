"""The baseline of the screen benches: a bare Textual app showing one Label (run by bench/*.py)."""

from textual.app import App
from textual.widgets import Label


class Bare(App):
    def compose(self):
        yield Label("hello from a bare Textual app")


Bare().run()
