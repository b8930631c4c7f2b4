"""The problems view: every card that failed checking, with path:line and message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from explorer.app import render
from explorer.app.host import ShowsFacts
from explorer.app.messages import EditCard, Moved, Navigate, ShowPanes
from explorer.app.footer import FitFooter
from explorer.app.widgets import SteadySize, VirtualList

if TYPE_CHECKING:
    from explorer.app.host import Host


class ProblemsScreen(ShowsFacts, SteadySize, Screen):
    app: "Host"
    # (here, not in factex.tcss: parsed when the view is first opened, not before the first frame)
    DEFAULT_CSS = """
    ProblemsScreen #problems-head { height: 1; padding: 0 1; background: $panel; }
    ProblemsScreen #problems { border: round $panel; }
    ProblemsScreen #problems-detail { height: auto; max-height: 6; padding: 0 1; border-top: solid $panel; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.focus_file: str | None = None  # put the cursor on this card's first problem
        self.focus_row: int | None = None  # or on this row
        self._entered: tuple[int, object] | None = None  # (row, problem) Enter went from last

    def open(self, focus_file: str | None = None, row: int | None = None) -> None:
        """Show the problems (again), the cursor on `focus_file`'s first problem if given, or on
        `row` (Back to the problem Enter left: that very problem, wherever a reload since put it,
        or the one after where it was if it is gone)."""
        self.focus_file = focus_file
        self.focus_row = row
        if row is not None and self._entered is not None and self._entered[0] == row:
            self.focus_row = self._entered[1]
        if self.is_mounted and self.app.base is not None:
            self.show_base(self.app.base)

    BINDINGS = [
        Binding("escape", "close", "Back to panes", id="problems.close"),
    ]

    @property
    def listing(self) -> VirtualList:
        """The list of problems."""
        return self.query_one("#problems", VirtualList)

    @property
    def head_bar(self) -> Static:
        """The view's title."""
        return self.query_one("#problems-head", Static)

    @property
    def detail_pane(self) -> Static:
        """The highlighted problem in full."""
        return self.query_one("#problems-detail", Static)

    def compose(self) -> ComposeResult:
        yield Static(id="problems-head", markup=False)
        yield VirtualList(id="problems", empty_text="No problems: every card checks clean.")
        yield Static(id="problems-detail", markup=False)
        yield FitFooter(compact=True)

    def on_mount(self) -> None:
        self.show_base(self.app.base)
        self.listing.focus()

    def show_base(self, base) -> None:
        listing = self.listing
        # (the problem highlighted: still highlighted after a reload that added or removed others)
        shown = getattr(self, "problems", ())  # (`problems` is set once the list is filled: tests wait for it)
        was = shown[listing.cursor] if 0 <= listing.cursor < len(shown) else None
        self.problems = list(base.problems)
        errors, warnings, held = len(base.errors), len(base.warnings), len(base.held_back)
        counts = f"  {errors:,} error{'s' if errors != 1 else ''}, {warnings:,} warning{'s' if warnings != 1 else ''}"
        if held:
            counts += f", {held:,} held back by them"
        # (the same counts in fewer cells, for a narrow terminal: no count of none, "held back")
        named = ((errors, "error", "errors"), (warnings, "warning", "warnings"), (held, "held back", "held back"))
        short = ", ".join(f"{n:,} {one if n == 1 else many}" for n, one, many in named if n) or "0 errors"
        self._counts = (counts, "  " + short)
        self._show_head()
        cursor = min(listing.cursor, len(self.problems) - 1) if listing.cursor >= 0 else None
        if was is not None and self.problems:
            cursor = self._place_of(was)
        if self.focus_file is not None:
            cursor = next((i for i, p in enumerate(self.problems) if p.file == self.focus_file), cursor)
            self.focus_file = None
        if self.focus_row is not None and self.problems:
            row = self.focus_row
            cursor = min(row, len(self.problems) - 1) if isinstance(row, int) else self._place_of(row)
            self.focus_row = None
        listing.set_rows(len(self.problems), lambda i: render.problem_row(self.problems[i]), cursor=cursor)

    def _place_of(self, problem) -> int:
        """The row of `problem` in the list shown, or if it is gone (fixed, or moved to another
        line), of the one that follows where it was (the list is in file, line order): the next
        to work on."""
        key = problem.sort_key
        for i, p in enumerate(self.problems):
            if p == problem or p.sort_key > key:
                return i
        return len(self.problems) - 1

    # what Enter and e do, as much of it as the head has room for (a hint cut short misleads)
    HINTS = ("   enter: go to the card · e: edit it at the line", "  enter: go to it · e: edit", "")

    def _show_head(self) -> None:
        # The counts in full and a hint if one fits beside them; else the short counts, so that
        # the hint still shows on a narrow terminal (at 60 columns "4 errors, 0 warnings, 1 held
        # back by them" left no room for any: nothing on the view said what Enter and e do).
        room = (self.size.width or 80) - 2 - len("Problems")
        full, short = self._counts
        counts, hint = next(((c, h) for c, h in ((full, self.HINTS[0]), (full, self.HINTS[1]), (short, self.HINTS[1]))
                             if len(c) + len(h) <= room), (short, ""))
        self.head_bar.update(Content.assemble(("Problems", "bold"), (counts, "$foreground-muted"),
                                              (hint, "$foreground-muted")))

    def on_resize(self) -> None:
        if getattr(self, "_counts", None) is not None:
            self._show_head()

    @on(VirtualList.Highlighted, "#problems")
    def _show_detail(self, event: VirtualList.Highlighted) -> None:
        detail = self.detail_pane
        if 0 <= event.index < len(self.problems):
            p = self.problems[event.index]
            detail.update(Content.assemble(
                render.text(f"{p.file}:{p.line}:{p.column}", "bold"), "\n", render.para(p.message)
            ))
        else:
            detail.update("")

    @on(VirtualList.Selected, "#problems")
    def _open(self, event: VirtualList.Selected) -> None:
        """Enter: to the card in the panes (a card that checks, a ⚠ one, one held back), to the line
        in the article (a source's problem); a file the panes do not show (a card that does not
        load, a sidecar, the settings) is opened in the editor at that line, as `e` opens any."""
        p = self.problems[event.index]
        location = self._location(p)
        if location is not None:
            from explorer.core.navigation import Location

            # (a step of its own: Back returns here, to this row, to go on with the next problem)
            self._entered = (event.index, p)
            self.post_message(Moved(Location(view="problems", offset=event.index), step=True))
            self.post_message(Navigate(location))
            return
        if not self._is_file(p):
            # (a problem of a folder, "seeds/ holds no source": the editor was opened on the folder)
            self.notify(render.plain(p.file, "/ is a folder, not a card to open: ", p.message), severity="warning")
            return
        self.post_message(EditCard(p.file, p.line))

    def _location(self, p):
        """Where the explorer shows the file of problem `p`, if it shows it (else None)."""
        from explorer.core.layout import card_id_of
        from explorer.core.navigation import Location, card_location

        base = self.app.base
        card = base.card(card_id_of(p.file))
        if card is not None and card.file == p.file:
            return card_location(card)
        source = next((s for s in base.sources.values() if s.path == p.file), None)
        if source is not None:
            starts = source.line_starts
            line = min(max(p.line, 1), len(starts))
            offset = min(starts[line - 1] + max(p.column - 1, 0), len(source.text))
            return Location(view="article", source=source.id, offset=offset)
        return None

    def _is_file(self, p) -> bool:
        return not (self.app.root / p.file).is_dir()

    def edit_target(self):
        listing = self.listing
        if 0 <= listing.cursor < len(self.problems):
            p = self.problems[listing.cursor]
            return (p.file, p.line) if self._is_file(p) else None
        return None

    def action_close(self) -> None:
        self.post_message(ShowPanes())
