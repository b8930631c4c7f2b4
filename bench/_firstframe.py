"""Run by bench/startup.py: start an app, exit right after its first frame."""

import sys
mode = sys.argv[1]
if mode == "baseline":
    from textual.app import App
    from textual.widgets import Label

    class Bench(App):
        def compose(self):
            yield Label("hello")

        def on_mount(self):
            self.call_after_refresh(self.exit)

    Bench().run()
else:
    from explorer.app.app import FactexApp

    class Bench(FactexApp):
        def on_mount(self):
            super().on_mount()
            self.call_after_refresh(self.exit)

    Bench(sys.argv[2], watch=False).run()
