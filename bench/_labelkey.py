"""The baseline of bench/firstkey.py: a bare Textual app showing one Label, whose `j` changes it."""

from textual.app import App
from textual.widgets import Label


class Bare(App):
    BINDINGS = [("j", "next", "Next")]

    def compose(self):
        yield Label("hello from a bare Textual app")

    def action_next(self):
        self.query_one(Label).update("moved on by a key")


Bare().run()
