"""The factex app: a thin shell that loads the facts, keeps them fresh, and hosts the screens."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING
from pathlib import Path

from explorer.app import textualclasses

textualclasses.install()  # (before Textual's widget classes are made: ~440,000 bytecodes of the start)

from textual import events, work  # noqa: E402
from textual.app import App, SuspendNotSupported  # noqa: E402
from textual.binding import Binding
from textual.message import Message

from explorer.app.host import ShowsFacts
from explorer.app.messages import ChooseCard, CreateCard, EditCard, FilterSource, Moved, Navigate, ShowPanes
from explorer.app.navigator import Navigator
from explorer.app.turns import UiFirst
from explorer.core.errors import FactexError
from explorer.core.navigation import Location, card_location

if TYPE_CHECKING:
    from explorer.app.screens.main import MainScreen

RELOAD_INTERVAL = 1.0
INDEX_LATER_CARDS = 5000  # from this many cards on, the search index is built a moment after the facts show
INDEX_DELAY = 1.5
QUIET_BEFORE_WORK = 0.8  # s without a key before background work starts (large workspaces)


class FactsLoaded(Message):
    """A worker finished loading (or reloading) the fact base."""

    def __init__(self, base, reloaded: bool) -> None:
        super().__init__()
        self.base = base
        self.reloaded = reloaded


class _LoadCancelled(Exception):
    """Raised from a load's progress report when its worker was cancelled (the app is quitting)."""


class LoadProgress(Message):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


def detect_theme(environ=None) -> str:
    """A light or dark theme to match the terminal: $FACTEX_THEME, else $COLORFGBG, else dark."""
    env = os.environ if environ is None else environ
    chosen = env.get("FACTEX_THEME")
    if chosen:
        return chosen
    fgbg = env.get("COLORFGBG", "")
    background = fgbg.rsplit(";", 1)[-1] if fgbg else ""
    if background.isdigit() and int(background) in (7, 15):
        return "textual-light"
    return "textual-dark"


def binding_sections() -> list[tuple[str, list[Binding]]]:
    """Every owner of key bindings, once: the help screen lists them under these titles, and
    remapped binding ids are checked against them. A new screen with bindings goes here."""
    from explorer.app.screens.article import ArticleScreen
    from explorer.app.screens.help import HelpScreen
    from explorer.app.screens.main import MainScreen
    from explorer.app.screens.picker import CardPicker
    from explorer.app.screens.problems import ProblemsScreen
    from explorer.app.screens.search import SearchScreen
    from explorer.app.screens.timeline import TimelineScreen
    from explorer.app.screens.sources import SourcesScreen
    from explorer.app.screens.suggestions import SuggestionList
    from explorer.app.screens.voices import VoicesScreen
    from explorer.app.widgets import EvidenceScroll, VirtualList

    return [
        ("Everywhere", FactexApp.BINDINGS + [Binding("tab,shift+tab", "", "Next / previous pane", id="(focus)"),
                                            Binding("ctrl+p", "", "Command palette: go to entity, filters, views", id="(palette)")]),
        ("Lists", VirtualList.BINDINGS),
        ("Evidence pane (when it has focus)", EvidenceScroll.BINDINGS),
        ("Main screen", MainScreen.BINDINGS + [Binding("enter", "", "On a relation: follow it to the other entity", id="list.select")]),
        ("Article", ArticleScreen.BINDINGS),
        ("Search", SearchScreen.BINDINGS),
        ("Problems", ProblemsScreen.BINDINGS),
        ("Timeline", TimelineScreen.BINDINGS + [Binding("enter", "", "Go to the fact", id="list.select")]),
        ("Sources", SourcesScreen.BINDINGS),
        ("Who says what", VoicesScreen.BINDINGS + [Binding("enter", "", "Go to the fact", id="list.select")]),
        ("Choosing a card", CardPicker.BINDINGS),
        ("Uncarded names (c in the article)", SuggestionList.BINDINGS),
        ("Help", HelpScreen.BINDINGS),
    ]


def sections_for(screen) -> list[tuple[str, list[Binding]]]:
    """binding_sections() with the keys of the view `screen` first, "(this view)": the keys a
    view hides from its footer (c, E, R, m in the article) were below every other view's."""
    from explorer.app.screens.main import MainScreen

    sections = binding_sections()
    if isinstance(screen, MainScreen):  # (the front door: the keys of every view first, as they were)
        return sections
    own = getattr(type(screen), "BINDINGS", None)
    for i, (title, bindings) in enumerate(sections):
        if i and own and bindings[:len(own)] == list(own):
            return [(f"{title} (this view)", bindings)] + sections[:i] + sections[i + 1:]
    return sections


def all_binding_ids() -> set[str]:
    """Every binding id in the app, for validating remaps (the pseudo-ids in parentheses are not)."""
    return {b.id for _, bindings in binding_sections() for b in bindings
            if getattr(b, "id", None) and not b.id.startswith("(")}


def _factex_commands():
    from explorer.app.commands import FactexCommands

    return FactexCommands


def _styled_now(screen):
    """A view's screen, made as its mode is first shown. Textual then refreshes the whole CSS
    (parses every rule again, twice, and restyles every node: ~20 ms of each start) for any new
    mode screen, in case the theme changed since the stylesheet was parsed; the screen is styled
    from the stylesheet as it stands, so when its variables are the current theme's there is
    nothing to refresh (a theme change still refreshes it, as before)."""
    app = screen.app
    if app.stylesheet._variables == app.get_css_variables():
        screen._css_update_count = app._css_update_count
    return screen


def _main_view():
    from explorer.app.screens.main import MainScreen

    return _styled_now(MainScreen())


def _article_view():
    from explorer.app.screens.article import ArticleScreen

    return _styled_now(ArticleScreen())


def _problems_view():
    from explorer.app.screens.problems import ProblemsScreen

    return _styled_now(ProblemsScreen())


_drivers: dict[type, type] = {}


def _keys_first(driver_class: type) -> type:
    """`driver_class` telling the app of each key as its input thread reads it (UiFirst.coming),
    so that background work steps aside before the UI thread even has the key."""
    made = _drivers.get(driver_class)
    if made is None:
        def process_message(self, message) -> None:
            if type(message) is events.Key:
                ui_first = getattr(self._app, "ui_first", None)
                if ui_first is not None:
                    ui_first.coming()
            driver_class.process_message(self, message)

        made = _drivers[driver_class] = type(driver_class.__name__, (driver_class,), {"process_message": process_message})
    return made


class FactexApp(App):
    """Explore the facts of a workspace."""

    # The views are Textual modes, each one screen that lives as long as the app (the article
    # keeps its reader, the problems their cursor); search, help and pickers are pushed above the
    # current view and dismissed with their result.
    MODES = {"main": _main_view, "article": _article_view, "problems": _problems_view}
    DEFAULT_MODE = "main"

    CSS_PATH = "factex.tcss"
    TITLE = "factex"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        # A priority key: taken when the app reads it, so the keys typed after it (a query typed
        # in one go, or read in one go at start-up) go to the search it opens, in order, and
        # never to the main screen's keys ("a" the article, "o" the sources, "q" quit).
        Binding("slash", "search", "Search", priority=True, id="app.search"),
        Binding("a", "article", "Article", id="app.article"),
        Binding("exclamation_mark", "problems", "Problems", id="app.problems"),
        Binding("t", "timeline", "Timeline", tooltip="Dated facts in time order", show=False, id="app.timeline"),
        Binding("o", "sources", "Sources", tooltip="Every source: outlet, date, cards, coverage", id="app.sources"),
        Binding("w", "voices", "Who says what", tooltip="Facts by whose claim they are", show=False, id="app.voices"),
        Binding("e", "edit", "Edit", id="app.edit"),
        Binding("backspace,alt+left", "back", "Back", id="app.back"),
        Binding("alt+right", "forward", "Forward", show=False, id="app.forward"),
    ]

    def __init__(self, root: str | os.PathLike, *, watch: bool = True, settings=None, preload=None,
                 read_only: bool = False, facts_shown=None, keep_styles: bool = False) -> None:
        """`facts_shown`: called once, after the first frame that shows the facts is drawn.
        `keep_styles`: read the rules Textual parsed from the CSS in an earlier run, and keep
        those of this one (`store_styles`): see explorer/app/stylecache.py (the command line's app)."""
        from explorer.app.cells import break_cjk_lines, match_terminal

        match_terminal()  # a spacing vowel sign takes a cell, as the terminal draws it (before any measure)
        break_cjk_lines()  # a line of Chinese or Japanese breaks between its characters, not only at spaces
        # (read before Textual's __init__, which asks for the theme's variables: see get_css_variables)
        self._shipped_styles = None
        if keep_styles:
            from explorer.app import stylecache

            self._shipped_styles = stylecache.read_shipped()
        super().__init__()
        self._facts_shown = facts_shown
        from explorer.core.loading.config import load_settings

        self.root = Path(root)
        # Read-only (`factex --read-only`, and `factex serve` unless --allow-edit): nothing opens an
        # editor or writes a card. edit_file() and new_card_from_passage() are the only two ways to.
        self.read_only = read_only
        if settings is None:
            settings = load_settings(binding_ids=all_binding_ids, themes=set(self.available_themes))
        self.settings = settings
        self.base = None
        self.loader = None
        self.search_index = None
        self.last_query: str | None = None
        self.navigator = Navigator()  # the one writer of the back/forward history
        self.watch_files = watch and settings.live_reload
        self._loading = False
        self._pending_card: str | None = None
        self._pending_edit: str | None = None  # a card file edited with e: its problems shown after the reload
        self._back_to_names: tuple[str, tuple[str, ...]] | None = None  # the uncarded names to show after an edit: (source, names after the one carded)
        self.mentions_shown = None  # the fact base whose mentions the screens show
        self._next_poll = 0.0
        self._poll_failure: str | None = None  # why the last poll could not look (said once)
        self._watcher = None
        # Set once the file watcher is started (or known not to be: no watching, or polling
        # instead); the loader's preparation waits for it (see _start_watching and _warm_loader).
        self._watch_decided = threading.Event()
        if not self.watch_files:
            self._watch_decided.set()
        # What file events said changed since the last load began (workspace-relative paths), for
        # the next reload to look at only those; None: not known, look at everything.
        self._changes: set[str] | None = None
        self._changes_lock = threading.Lock()
        self._cache_dirty = False  # a reload's card cache is written when the app ends
        self._unverified = None  # the preload's early fact base, shown while it is checked
        self._snapshot_holds = None  # the fact base the card cache's snapshot is known to hold
        self._first_frame = None  # (base, size, text): see _capture_first_frame
        self._index_lock = threading.Lock()
        self._adopted = None  # (shown, same): the last fact base `_adopt` replaced, and by which
        self._last_key = 0.0  # (time.monotonic() of the last key typed)
        self.ui_first = UiFirst(self)  # (keys and results drawn before the search goes on)
        self._background_lock = threading.Lock()  # one background job at a time (see _background_turn)
        self._index_stored = False  # the search index was read from the one stored (nothing to store)
        self._finding_mentions = None  # the fact base whose mentions a thread is finding now
        # A load started before the app (explorer.app.preload), and the lock every use of the
        # loader holds: a reload never runs while another load or a cache write is under way.
        self._preload = preload
        self._loader_lock = preload.lock if preload is not None else threading.Lock()
        if preload is not None:
            self.loader = preload.loader
        theme = settings.theme or detect_theme()
        if theme not in self.available_themes:  # ($FACTEX_THEME with a typo: Textual refuses it)
            from explorer.core.model import Problem

            settings.problems.append(Problem("FACTEX_THEME", 0, 0, "warning",
                                             f"FACTEX_THEME {theme!r} is not a known theme; using the default"))
            theme = detect_theme({k: v for k, v in os.environ.items() if k != "FACTEX_THEME"})
        self.theme = theme
        if settings.keys:
            self.set_keymap(settings.keys)
        self.COMMANDS = App.COMMANDS | {_factex_commands}  # (imported when the palette opens)
        if keep_styles:
            from explorer.app import stylecache

            # (after the theme is set: its variables are in each kept piece's key)
            stylecache.install(self, pieces=self._shipped_styles)

    def get_driver_class(self):
        return _keys_first(super().get_driver_class())

    def get_css_variables(self) -> dict[str, str]:
        """Textual's, worked out once a theme: making the theme's colour system again cost ~3 M
        instructions of each start, when the main view's screen asks whether the stylesheet's
        variables are the theme's (`_styled_now`). A new dict each call, as Textual's."""
        theme = self.current_theme
        kept = self.__dict__.get("_css_variables_kept")
        if kept is not None and kept[0] is theme:
            self.theme_variables = dict(kept[1])
            return dict(kept[1])
        shipped = self.__dict__.get("_shipped_styles")
        made = None
        if shipped:
            # The theme's colour system as shipped with factex (the command line's app: see
            # stylecache.theme_variables), combined as Textual's get_css_variables does.
            from explorer.app import stylecache

            made = stylecache.theme_variables(theme, shipped)
        if made is None:
            variables = super().get_css_variables()
        else:
            variables = {**self.get_theme_variable_defaults(), **made, **theme.variables}
            self.theme_variables = variables
        self._css_variables_kept = (theme, dict(variables))
        return variables

    def notify(self, message, *, title: str = "", severity="information", timeout=None, markup: bool = False) -> None:
        """Every notification is literal: a `str` (a file name, an error quoting a path, a
        setting's value) is shown as typed with unsafe characters made visible, never parsed as
        markup (`[Errno 2]`, `[/]` or `[link=...]` in it are text). `markup` is ignored."""
        from textual.content import Content

        from explorer.app import render

        text = message.plain if isinstance(message, Content) else render.plain(str(message))
        title = render.plain(str(title))
        # One toast of a kind at a time: a showing one with the same severity, title and lead words
        # ("Reloaded", "Could not create the card", ...) is replaced, not stacked.
        kind = (severity, title, text.split(":", 1)[0][:48])
        for old in list(self._notifications):
            if (old.severity, old.title, old.message.split(":", 1)[0][:48]) == kind:
                self._unnotify(old, refresh=False)
        super().notify(text, title=title, severity=severity, timeout=timeout, markup=False)

    def format_title(self, title: str, sub_title: str):
        """The header: the app's title and the workspace folder, literal and visible."""
        from explorer.app import render

        return super().format_title(render.plain(title), render.plain(sub_title))

    @property
    def main_screen(self) -> "MainScreen":
        """The panes (the main view's screen)."""
        return self.get_screen_stack("main")[0]

    def all_screens(self) -> list:
        """Every screen alive: each view's, and those pushed above them."""
        screens = []
        for mode in self.MODES:
            try:
                screens += self.get_screen_stack(mode)
            except KeyError:  # a view not opened yet
                pass
        return screens

    def switch_mode(self, mode: str):
        self._switching_view = True
        try:
            return super().switch_mode(mode)
        finally:
            self._switching_view = False

    def delay_update(self, delay: float = 0.05) -> None:
        # Textual masks a mode switch by holding every paint until a timer; but a view is switched
        # and filled in one handler, so there is nothing to mask, and the timer only runs once the
        # new view's work is done: the view showed 0.1-0.3 s later in a real terminal.
        if not getattr(self, "_switching_view", False):
            super().delay_update(delay)

    def show_view(self, mode: str):
        """Switch to view `mode` ("main", "article", "problems") and return its screen. A search,
        help or picker left open above the current view closes first."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.switch_mode(mode)
        return self.get_screen_stack(mode)[0]

    def call_from_thread(self, callback, *args, **kwargs):
        """What a worker hands to the UI thread (as Textual's call_from_thread: the callback's
        result, or its exception); dropped, None, once the app is ending: the screens it would
        show something on are being taken down (a fact base taken over as the user quit raised
        NoMatches from the main screen's lists). Ending is quitting (`_exit`) or being shut down
        without it (`_running` off: a test's app at the end of run_test), checked as the thread
        hands the callback over and again when the UI thread would run it; a worker waiting for
        an app that ends meanwhile is let go.

        An error the callback raises ends the app as an error on its own loop does
        (`_handle_exception`: the one line, the details in last-error.txt), and still goes back to
        the thread, marked as said (explorer.core.crash says it once). Before, it went back to the
        thread only: a thread that is not a worker (the load started before the app, explorer.app.
        preload) ended on it unseen, and the app waited for it for ever ("Loading cards…")."""
        import asyncio
        import concurrent.futures
        from functools import partial

        from textual._callback import invoke

        if self._exit or not self._running:
            return None
        loop = self._loop
        if loop is None:
            raise RuntimeError("App is not running")
        if self._thread_id == threading.get_ident():
            raise RuntimeError("The `call_from_thread` method must run in a different thread from the app")
        call = partial(callback, *args, **kwargs)

        async def run_callback():
            if self._exit or not self._running:
                return None
            with self._context():
                try:
                    return await invoke(call)
                except Exception as error:
                    error.factex_reported = True
                    self._handle_exception(error)
                    raise

        coroutine = run_callback()
        try:
            future = asyncio.run_coroutine_threadsafe(coroutine, loop)
        except RuntimeError:  # (its loop closed meanwhile)
            coroutine.close()  # (never to run: not a "coroutine was never awaited" warning)
            if self._exit or not self._running:
                return None
            raise
        while True:
            try:
                return future.result(timeout=0.25)
            except concurrent.futures.TimeoutError:
                if self._exit or not self._running or loop.is_closed():
                    future.cancel()  # (a loop that stopped never runs it)
                    return None

    async def on_event(self, event) -> None:
        if type(event) is not events.Key:
            await super().on_event(event)
        elif not event.is_forwarded:
            self._last_key = time.monotonic()  # (background work waits for a pause: _background_turn)
            self.ui_first.busy()  # (the search steps aside until the key is on screen)
            await super().on_event(event)
            if event.is_forwarded:
                # Sent on to the focused widget (no priority binding took it): the UI stays busy
                # until that widget has had it, then until the refresh after (if it stopped the
                # key, an input that typed it) or after the key came back here (its bindings:
                # below). A refresh drawn before that does not show the key, and the work
                # waiting for a key to be drawn went on before the key was even handled.
                self.ui_first.hold()
                (self.focused or self.screen).call_later(self._key_handled, event)
        else:
            await super().on_event(event)  # (back from the focused widget: the bindings are run)
            self.ui_first.busy()

    def _key_handled(self, event) -> None:
        """After the focused widget had a key: one it stopped is handled (one that goes on up is
        handled once back at the App: on_event)."""
        if event._stop_propagation:  # (Textual's flag: Message has no public reading of it)
            self.ui_first.busy()

    def on_load(self) -> None:
        # Before the first screen is composed: a load started before the app (explorer.app.preload)
        # that is ready now is taken here, so the main screen mounts with the facts and the first
        # frame shows them (not "Loading cards…" and a second frame).
        preload = self._preload
        if preload is None:
            return
        if preload.result is not None and preload.result[0] == "ok":
            self._preload_done(preload.result)
            self._preload_taken = True
        elif preload.early is not None:
            self._show_early(preload.early)

    def on_mount(self) -> None:
        from explorer.app import render

        self.sub_title = render.plain(str(self.root))

        stdin = sys.__stdin__
        if not self.is_headless and stdin is not None and stdin.isatty():
            self.set_interval(2.0, lambda: self._check_terminal(stdin.fileno()))
        for problem in self.settings.problems:
            self.notify(problem.format(), title="Settings", severity="warning", timeout=8)
        if self._preload is not None:
            self._preload.typing = self._typing  # (its check of the snapshot waits while keys come)
            if not getattr(self, "_preload_taken", False):
                result = self._preload.listen(self._preload_event)
                if result is not None:
                    self._preload_done(result)
                else:
                    self._loading = True
                    # (handed over between on_load and listen(): the listener missed it)
                    if self._preload.early is not None:
                        self._show_early(self._preload.early)
        else:
            self.load_facts()
        if self.watch_files:
            # (a moment after the first frame, when the keys typed as it showed have been taken:
            # watching is not what the user waits for; see _start_watching)
            self.set_timer(QUIET_BEFORE_WORK, self._start_watching)

    def _check_terminal(self, fd: int) -> None:
        """End when the terminal is gone (its other end closed without a hangup signal: a
        terminal emulator killed, a pty's owner gone): Textual's input thread would read its end
        of file in a loop at 100% of a core for ever. One ioctl every two seconds."""
        import termios

        try:
            termios.tcgetattr(fd)
        except termios.error:
            self.exit(return_code=1)
        except (OSError, ValueError):
            pass

    # -- loading -----------------------------------------------------------------------------

    def _preload_event(self, event: str, value) -> None:
        """From the preload's thread."""
        if event == "progress":
            self.post_message(LoadProgress(*value))
        else:
            try:
                self.call_from_thread(self._show_early if event == "early" else self._preload_done, value)
            except RuntimeError:  # the app has ended meanwhile
                pass

    def _show_early(self, base) -> None:
        """The last session's fact base (the card cache's snapshot), shown while the preload checks
        that no card or source changed since (one stat per card: about a second at 30,000 cards);
        it then hands over that very base, or a freshly checked one, which replaces it."""
        if self.base is not None:
            return
        self._loading = True
        self._unverified = base
        self.on_facts_loaded(FactsLoaded(base, False))
        self.call_after_refresh(self._preload.frame_shown.set)  # (the check waits for this frame)

    def _preload_done(self, result) -> None:
        self._loading = False
        shown, self._unverified = self._unverified, None
        if result[0] != "ok":
            self.load_facts()  # load again the usual way, which reports what is wrong
            return
        if result[1] is self._preload.early:  # the card cache's snapshot holds this very base
            self._snapshot_holds = result[1]
            if self._first_frame is not None:
                self.ui_first.when_idle(self.store_first_frame)  # (a file written: after the keys)
        if result[1] is shown:  # nothing changed since the last session: it stays
            if self.base is shown and self.is_mounted:
                self.main_screen.update_status()
            return
        self.on_facts_loaded(FactsLoaded(result[1], shown is not None))

    def on_unmount(self) -> None:
        if self._preload is not None:
            self._preload.cancelled = True
            self._preload.frame_shown.set()
        if self._watcher is not None:
            self._watcher.stop()

    def _capture_first_frame(self) -> None:
        """Keep the first frame that showed the facts, as Textual wrote it, for the next start
        to draw before Textual is imported (explorer.app.lastframe; stored when the app ends)."""
        if self.is_headless or self._driver is None or self.screen is not self.main_screen:
            return
        from explorer.app import lastframe

        if not lastframe.enabled():
            return
        try:
            text = self.screen._compositor.render_full_update().render_segments(self.console)
        except Exception:  # noqa: BLE001 - a nicety: no frame next time
            return
        self._first_frame = (self.base, (self.size.width, self.size.height), text)
        if self._snapshot_holds is self.base:
            self.ui_first.when_idle(self.store_first_frame)

    def store_first_frame(self) -> None:
        """Store the frame kept by _capture_first_frame if the card cache's snapshot is the fact
        base it shows (the next start shows that snapshot first); else drop a stored one. Called
        once both are known (the snapshot was unchanged), and when the app ends (after the
        card cache is written)."""
        from explorer.app import lastframe

        kept, self._first_frame = self._first_frame, None
        if kept is not None and kept[0] is self.base and self.base is not None:
            lastframe.store(self.root, kept[1], kept[2])
        elif kept is not None:
            lastframe.forget(self.root)

    def _handle_exception(self, error: Exception) -> None:
        """An exception nothing caught (a bug) ends the app, as Textual does; what is printed after
        it is one line, not Textual's traceback with its locals (explorer.core.crash.unexpected:
        the traceback goes to a file). FACTEX_DEBUG=1 keeps Textual's traceback."""
        super()._handle_exception(error)
        if self._exit_renderables and not os.environ.get("FACTEX_DEBUG"):
            from rich.text import Text

            from explorer.core.crash import unexpected

            self._exit_renderables[:] = [Text(unexpected(error))]

    def store_styles(self) -> None:
        """Keep the rules Textual parsed from the CSS in this run for the next (the command line
        calls this once the app has ended; nothing is written when every piece was read)."""
        from explorer.app import stylecache

        stylecache.store(self)

    def save_cache(self) -> None:
        """Write the card cache if a reload left it to write (the command line calls this once
        the app has ended: rewriting 30,000 cards takes the GIL for about a second, which a
        reload after each saved card must not)."""
        if self._cache_dirty and self.loader is not None:
            with self._loader_lock:
                self.loader.save_cache()
            self._cache_dirty = False

    def _take_changes(self) -> set[str] | None:
        with self._changes_lock:
            changes, self._changes = self._changes, set()
            return changes

    def _add_changes(self, changes: set[str] | None) -> None:
        """More for the next reload to look at (None: everything)."""
        with self._changes_lock:
            if changes is None or self._changes is None:
                self._changes = None
            else:
                self._changes |= changes

    @work(thread=True, exclusive=True, group="load", description="load the cards")
    def load_facts(self, reloaded: bool = False, from_events: bool = False) -> None:
        """Load (or reload) the fact base off the UI thread; the first frame never waits for it.
        `from_events`: a reload after file events, which looks only at the paths they named."""
        from textual.worker import get_current_worker

        from explorer.core.errors import LoadCancelled
        from explorer.core.heap import long_lived
        from explorer.core.loading.loader import Loader

        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            # Threads cannot be stopped from outside, and quitting waits for this one: a load
            # checks here (every few hundred cards) whether it is still wanted.
            if worker.is_cancelled:
                raise _LoadCancelled
            self.post_message(LoadProgress(done, total))

        self._loading = True
        try:
            with self._loader_lock:  # (a cache write or an earlier load ends first)
                if worker.is_cancelled:
                    return
                if self.loader is None:
                    self.loader = Loader(self.root)
                # What file events said changed since the last load (a load that looks at
                # everything covers them too): taken and, if this load does not finish, given
                # back as "look at everything", both while holding the loader.
                changes = self._take_changes()
                try:
                    # Quitting waits for this thread: the loader asks before every card whether
                    # the load is still wanted (a card takes at most about a second, however
                    # hostile). A reload after file events looks at the changed cards only.
                    with long_lived():
                        base = self.loader.load(progress=progress, save=False, stop=lambda: worker.is_cancelled,
                                                changed=changes if from_events else None)
                except BaseException:
                    self._add_changes(None)
                    raise
                # (what was read, stamp by stamp, is the loader's last_fingerprint: a card
                # written while loading changes the next fingerprint and the poll, if the app
                # polls, picks it up; worked out only then, 0.1 s at 30,000 cards)
                self.post_message(FactsLoaded(base, reloaded))
                if reloaded:
                    self._cache_dirty = True  # written when the app ends (save_cache)
                else:
                    # The first load: write the card cache now (about half a second for 30,000
                    # cards), still "loading" so that no reload starts meanwhile.
                    self.loader.save_cache()
        except (_LoadCancelled, LoadCancelled):
            return
        except (FactexError, OSError) as exc:
            # The workspace folder went away or became unreadable while the app ran (a deleted
            # or moved folder): say so and keep showing the last facts; never a traceback.
            message = str(exc) if isinstance(exc, FactexError) else f"{self.root}: {exc.strerror or exc}"
            self.call_from_thread(self.notify, f"Cannot load the workspace: {message}", severity="error", timeout=10)
        finally:
            self._loading = False

    def _start_watching(self) -> None:
        """File events (explorer/app/watch.py) when the system has them; else poll the stamps.

        Not while keys typed at start-up are being taken (a person types `/` and a query as soon
        as the facts show): the watcher's three threads, each started by a wait on the UI thread
        for the interpreter, held those keys back by up to a tenth of a second on a busy machine.
        It starts once the keys pause (QUIET_BEFORE_WORK), as the other background work does.
        Nothing written meanwhile is missed: the loader's preparation waits for it and compares
        what is on disk with what was loaded (_warm_loader)."""
        if self._exit:
            return
        quiet = time.monotonic() - self._last_key
        if quiet < QUIET_BEFORE_WORK:
            self.set_timer(QUIET_BEFORE_WORK - quiet, self._start_watching)
            return
        from explorer.app.watch import FileWatcher

        self._watcher = FileWatcher(self.root, self._files_changed, self._watch_failed).start(wait=0)
        # Until a walk made once the watches are in place (_warm_loader), the events alone cannot
        # say what changed since the cards were loaded: the next reload looks at every card.
        self._add_changes(None)
        if self._watcher is None:
            self.set_interval(RELOAD_INTERVAL, self._poll_files)
        else:
            self._caught_up_with_disk(self._watcher)
        self._watch_decided.set()

    @work(thread=True, exclusive=True, group="watch-start", description="look for cards written before the watches")
    def _caught_up_with_disk(self, watcher) -> None:
        """Once the watches are in place: a card written since the cards were loaded, before any
        watch could see it, is read now (one stat per card: a small workspace's milliseconds)."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        while not watcher.ready.wait(0.1) or self.base is None or self._loading:
            if worker.is_cancelled or watcher.failed is not None:
                return  # (polling takes over: it looks at every card)
        if self._large(self.base):
            return  # (its loader's preparation does this, in a pause: _warm_loader)
        with self._loader_lock:
            loader = self.loader
            if loader is None or worker.is_cancelled:
                return
            try:
                same = loader.unchanged()
            except (FactexError, OSError):
                same = False
        if not same:
            self.call_from_thread(self.load_facts, True)

    def _watch_failed(self) -> None:
        """From the watcher's thread: file events stopped working; poll instead."""
        self._add_changes(None)  # (events may have been missed: the next reload looks at all)
        try:
            self.call_from_thread(self.set_interval, RELOAD_INTERVAL, self._poll_files)
        except RuntimeError:  # the app has ended
            pass

    def _files_changed(self, changes) -> None:
        """From the watcher's thread: cards or sources were written, added or removed."""
        root = os.path.abspath(self.root)
        rels = set()
        for _change, path in changes:
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            if rel.startswith("../") or rel in ("..", "."):
                rels = None  # not a path below the workspace: look at everything
                break
            rels.add(rel)
        self._add_changes(rels)  # (added to what the next reload looks at)
        try:
            self.call_from_thread(self._reload_after_change)
        except RuntimeError:  # the app has ended
            pass

    def _reload_after_change(self) -> None:
        # A reload under way is superseded (it stops at its next progress report); the new one
        # waits for the loader and re-checks only the cards whose stamps changed.
        self.load_facts(True, from_events=True)

    @work(thread=True, exclusive=True, group="poll", description="look for changed cards")
    def _poll_files(self) -> None:
        import time

        if self._loading or self.loader is None or time.monotonic() < self._next_poll:
            return
        started = time.monotonic()
        try:
            changed = self.loader.fingerprint() != self.loader.last_fingerprint
            self._poll_failure = None
        except (FactexError, OSError) as exc:
            # The workspace folder went away or became unreadable: the reload says so, once (not
            # a reload, and a notification, every second until it comes back).
            why = str(exc)
            changed, self._poll_failure = why != self._poll_failure, why
        # Watching costs at most about a tenth of the time: a workspace with tens of thousands of
        # cards is checked every few seconds instead of every second.
        self._next_poll = started + 10 * (time.monotonic() - started)
        if changed:
            self.call_from_thread(self.load_facts, True)

    def on_load_progress(self, message: LoadProgress) -> None:
        if self.base is None and message.total > 1000:
            self.main_screen.update_status(f"Loading cards {message.done:,}/{message.total:,}…")
        elif self._unverified is not None and self.base is self._unverified and message.total > 1000:
            self.main_screen.update_status(f"Checking the cards for changes since the last session "
                                           f"{message.done:,}/{message.total:,}…")

    def on_facts_loaded(self, message: FactsLoaded) -> None:
        import gc

        old = self.base
        if message.reloaded and message.base is old:
            # The loader found nothing changed since the fact base shown (file events for a card
            # the app's own reload already read, an editor's swap file): nothing to redraw and no
            # "Reloaded" toast. A card saved meanwhile is still concluded on.
            edited, self._pending_edit = self._pending_edit, None
            if self._pending_card is not None:
                self._show_new_card(old)
            elif edited is not None:
                self._show_edited_card(old, edited)
            return
        self.base = message.base
        for screen in self.all_screens():
            # A screen not mounted yet shows the base itself when it mounts.
            if isinstance(screen, ShowsFacts) and screen.is_mounted:
                screen.show_base(message.base)
        if message.reloaded and old is not None and self._pending_card is None:
            # (after a new card, the toast that says how it checked is the one to read)
            n = len(message.base.errors)
            self.notify(
                f"Reloaded: {len(message.base.entities)} entities, {len(message.base.relations)} relations"
                + (f", {n} error{'s' if n != 1 else ''}" if n else ""),
                timeout=2,
            )
        if message.reloaded and old is not None:
            from explorer.core.mentions import carry_over

            carry_over(old, message.base)  # (relations edited only: the mentions are the same)
        # The fact base lives until the next reload: move it (and everything alive now) out of
        # the garbage collector's reach, so no full collection walks it again (0.5 s at 30,000
        # cards, 2 s at 100,000, at random moments while the user types or moves).
        first = old is None
        del old
        gc.freeze()
        if message.reloaded:
            self._after_load(message)
        else:
            # The first load: the search index, the mentions and the card cache's read start once
            # the facts are on screen; a thread started sooner would take the GIL from that frame.
            # (`facts_shown` is told first: before those threads are started.)
            if first and self._facts_shown is not None:
                self.call_after_refresh(self._facts_shown)
            # (after a key typed as the facts show: app.turns.UiFirst.when_idle)
            self.call_after_refresh(self.ui_first.when_idle, lambda: self._after_load(message))
            if first:
                self.call_after_refresh(self._capture_first_frame)
        edited, self._pending_edit = self._pending_edit, None
        if self._pending_card is not None:
            self._show_new_card(message.base)
        elif edited is not None and message.reloaded:
            self._show_edited_card(message.base, edited)

    def _after_load(self, message: FactsLoaded) -> None:
        """What is built in the background once a fact base is shown."""
        base = message.base
        if base is not self.base:
            return
        if message.reloaded and self.search_index is not None:
            # The index of the last fact base is updated (only the changed cards' records: a
            # few milliseconds), once the screen shows the reload.
            self.call_after_refresh(lambda: self.base is base and self.build_search_index(base))
            if not self._large(base):
                self.find_mentions(base)
            else:
                self.set_timer(INDEX_DELAY, lambda: self.base is base and self.find_mentions(base))
        elif not self._large(base):
            self.build_search_index(base)
            self.find_mentions(base)
        else:
            # A large index takes seconds of the GIL: let the first keys (moving through the
            # list just shown) go first. Search builds it at once if asked before.
            self.set_timer(INDEX_DELAY, lambda: self.base is base and self.build_search_index(base))
            self.set_timer(INDEX_DELAY, lambda: self.base is base and self.find_mentions(base))
            if not message.reloaded:
                # Started from the snapshot: read the card cache now, in the background, so the
                # first reload after a saved card re-checks that card only (about a second of
                # CPU at 30,000 cards, which that save would otherwise wait for).
                self.set_timer(INDEX_DELAY, self._warm_loader)

    def _show_new_card(self, base) -> None:
        card_id, self._pending_card = self._pending_card, None
        card = base.card(card_id)
        file = card.file if card is not None else next((p.file for p in base.problems if p.card == card_id), None)
        for old in list(self._notifications):  # "Saved ...", "New card ...: edit it ...": said, now concluded
            if file is not None and file in old.message:
                self._unnotify(old, refresh=False)
        if card is not None:
            self.notify(f"New card {card.file} checks clean.", timeout=3)
            if not self._names_again():
                self.jump(card_location(card))
            return
        mine = [p for p in base.problems if p.card == card_id]
        self._back_to_names = None  # (its problems come first)
        if not mine:
            return
        self.notify(f"The new card {mine[0].file} has {len(mine)} problem{'s' if len(mine) != 1 else ''}: "
                    "press e on it to edit it again.", severity="warning", timeout=6)
        self.show_view("problems").open(focus_file=mine[0].file)

    def _show_edited_card(self, base, rel: str) -> None:
        """A card saved with problems from the editor: the problems view opens on it (the card
        vanished from the panes, the cursor went to another entity, and only a count said why)."""
        mine = [p for p in base.problems if p.file == rel]
        if not mine:
            self._names_again()
            return
        self._back_to_names = None
        self.notify(f"{rel} has {len(mine)} problem{'s' if len(mine) != 1 else ''} now: Enter opens it at that line again.",
                    severity="warning", timeout=6)
        self.show_view("problems").open(focus_file=rel)

    def new_card_from_passage(self, kind: str, source_id: str, start: int, end: int,
                              subject: str | None = None, values: dict[str, str] | None = None) -> None:
        """Create a card quoting a passage exactly (never over an existing file), then edit it."""
        if self._refuse_in_read_only("make a card"):
            return
        from explorer.core.authoring import card_from_passage, finish_draft, pin_passage, write_draft
        from explorer.core.errors import FactexError

        base = self.base
        try:  # the selected span itself, not the first passage with the same words
            item = pin_passage(base.sources[source_id], start, end)
        except FactexError as exc:
            self.notify(f"Could not create the card: {exc}", severity="error", timeout=6)
            return
        text, occurrence = item["quote"], item.get("occurrence")
        pin = source_id if len(base.sources) > 1 else None
        if values:  # a whole card (a suggested name, its type and mention): written, then edited
            from explorer.core.authoring import write_card

            try:
                card = card_from_passage(self.root, kind, text, pin, subject, values, occurrence)
                write_card(card)
            except (OSError, FactexError, ValueError) as exc:
                self.notify(f"Could not create the card: {exc}", severity="error", timeout=6)
                return
            self._pending_card = card.id
            self.notify(f"New card {card.rel}: edit it or close the editor to keep it.", timeout=3)
            self.edit_file(card.rel, card.line)
            return
        mentioned: list[str] = []
        if kind == "relation":  # the entities the passage names: the ids to pick the object from
            from explorer.core.mentions import found_mentions

            found = found_mentions(base)
            mentioned = [m.entity for m in (found.in_source(source_id) if found is not None else ())
                         if m.start < end and m.end > start]
        try:
            card = card_from_passage(self.root, kind, text, pin, subject, occurrence=occurrence, mentioned=mentioned)
            # The template is a draft outside facts/ until it is saved: a cancelled edit leaves
            # nothing behind, and the card's id follows the name the user gives it.
            draft = write_draft(self.root, card)
        except (OSError, FactexError, ValueError) as exc:
            self.notify(f"Could not create the card: {exc}", severity="error", timeout=6)
            return

        def finish() -> bool:
            try:
                card_id, message = finish_draft(self.root, draft)
            except (OSError, ValueError) as exc:
                self.notify(f"Could not save the new card: {exc}", severity="error", timeout=6)
                return False
            self._pending_card = card_id
            self.notify(message, severity="information" if card_id else "warning", timeout=3)
            return card_id is not None  # (nothing saved: nothing to reload, no "Reloaded" toast)

        self.edit_file(draft.path.relative_to(self.root).as_posix(), card.line, after=finish)

    @work(thread=True, exclusive=True, group="warm", description="read the card cache")
    def _warm_loader(self) -> None:
        """Get the loader ready for the first reload (Loader.prepare_reloads), and from then on
        trust the file events alone to say what changed (a reload then stats those paths only,
        not every card), once a walk made after the watches were in place says what is there."""
        from textual.worker import get_current_worker

        from explorer.core.heap import long_lived
        from explorer.core.pausing import pausing

        worker = get_current_worker()
        while not self._watch_decided.wait(0.25):  # (the watcher starts once start-up keys pause)
            if worker.is_cancelled:
                return
        watcher = self._watcher
        watching = watcher is not None and watcher.ready.wait(5.0) and watcher.failed is None
        if self.base is None:
            return
        with self._background_turn(self.base) as go:  # (when the user pauses; one job at a time)
            if not go:
                return
            while not self._loader_lock.acquire(timeout=0.25):  # (a reload, the cache being written)
                if worker.is_cancelled:
                    return
            try:
                if self.loader is None or worker.is_cancelled:
                    return
                base = self.base
                recording = False
                if watching:
                    with self._changes_lock:
                        if self._changes is None:
                            self._changes = set()  # the events from now on: what changes after this walk
                            recording = True
                try:
                    # (a large workspace's preparation waits at every checkpoint while keys come)
                    with long_lived(), pausing(self._yield_to_typing) if self._large(base) else nullcontext():
                        same = self.loader.prepare_reloads()
                    walked, differs = self.loader.prepared
                    if recording and not walked and self.loader.fingerprint() != self.loader.last_fingerprint:
                        self._add_changes(None)  # (written since the last load, before the watches: look at all)
                        differs = None
                        self.call_from_thread(self.load_facts, True)
                except (FactexError, OSError):
                    self._add_changes(None)  # (the next reload says what is wrong)
                    return
            finally:
                self._loader_lock.release()
        if same is not None:
            self.call_from_thread(self._adopt, base, same)
        elif differs is not None:
            self.post_message(FactsLoaded(differs, True))  # (the workspace changed since it was loaded)
            self._cache_dirty = True

    def _adopt(self, shown, same) -> None:
        """Take `same` (the loader's fact base, equal to the one shown, read from the same
        stamps) in place of `shown`, so that the next reload, made from it, changes only the
        card objects of the cards that changed: the search index is then updated, not built
        again, and the mentions carried over. Never waits for a build in progress (the index
        lock is held for a whole build: seconds at 30,000 cards): what is built for `shown`
        is taken over by `same` when it is done (`_adopted`)."""
        from explorer.core.mentions import found_mentions

        if self.base is not shown:
            return  # (reloaded meanwhile)
        self._adopted = (shown, same)
        found = found_mentions(shown)
        if found is not None:
            same.__dict__["_mentions"] = found
        self.base = same
        for screen in self.all_screens():
            if isinstance(screen, ShowsFacts) and screen.is_mounted:
                screen.show_base(same)
        if found is not None and self.mentions_shown is shown:
            self.mentions_shown = same  # (the screens show its mentions: the ones found for `shown`)
        if found is None and self._finding_mentions is not shown:
            self.find_mentions(same)
        index = self.search_index
        if index is None or index.base is not same:
            self.build_search_index(same)  # (a rebase of `shown`'s once it is built: no second build)

    @staticmethod
    def _large(base) -> bool:
        """A workspace whose background work takes long enough to compete with typing."""
        return len(base.entities) + len(base.relations) >= INDEX_LATER_CARDS

    @contextmanager
    def _background_turn(self, base):
        """Run a background job of a large workspace (the mentions, the loader's preparation, the
        search index) when the user has paused typing (QUIET_BEFORE_WORK without a key) and no
        other such job runs. Each holds the interpreter for seconds at 30,000 cards; while a
        thread holds it, the UI thread gets it only every few milliseconds, and keys typed at
        start-up (or a search typed while three such jobs ran) echoed hundreds of milliseconds
        late. Yields False if the worker was cancelled while it waited. A small workspace's
        jobs take milliseconds: they run at once."""
        from textual.worker import get_current_worker

        if not self._large(base):
            yield True
            return
        worker = get_current_worker()
        while True:
            if worker.is_cancelled:
                yield False
                return
            quiet = time.monotonic() - self._last_key
            if quiet >= QUIET_BEFORE_WORK and self._background_lock.acquire(timeout=0.05):
                break
            time.sleep(min(0.25, max(0.02, QUIET_BEFORE_WORK - quiet)))
        try:
            yield True
        finally:
            self._background_lock.release()

    def _typing(self) -> bool:
        """Whether the user is typing (a key less than QUIET_BEFORE_WORK ago); any thread."""
        return time.monotonic() - self._last_key < QUIET_BEFORE_WORK

    def _yield_to_typing(self, *_progress) -> None:
        """Called by a background job between its pieces (a source's mentions, a few hundred
        cards): waits while the user types, so a job that started in a pause never competes
        with the keys that follow it."""
        while time.monotonic() - self._last_key < QUIET_BEFORE_WORK:
            time.sleep(0.05)

    @work(thread=True, exclusive=True, group="mentions", description="find the mentions")
    def find_mentions(self, base) -> None:
        """Every entity's mentions (explorer.core.mentions), found off the UI thread after a load."""
        from textual.worker import get_current_worker

        from explorer.core.heap import long_lived
        from explorer.core.mentions import mentions_of
        from explorer.core.pausing import pausing

        if get_current_worker().is_cancelled:
            return  # (a newer one asked before this one started)
        self._finding_mentions = base
        try:
            with self._background_turn(base) as go:
                if not go:
                    return
                # (a large workspace's: waits at every checkpoint while keys come; a small
                # one's, found as the facts show, while a key typed is not on screen yet)
                with long_lived(), pausing(self._yield_to_typing if self._large(base) else self._key_first):
                    mentions_of(base)
        finally:
            self._finding_mentions = None
        self.call_from_thread(self._mentions_found, base)

    def _mentions_found(self, base) -> None:
        from explorer.core.mentions import found_mentions

        if base is not self.base:
            adopted = self._adopted
            if adopted is None or adopted[0] is not base or adopted[1] is not self.base:
                return
            if found_mentions(self.base) is None:  # (found for the base `self.base` took over)
                self.base.__dict__["_mentions"] = found_mentions(base)
            base = self.base
        for screen in self.all_screens():
            if screen.is_mounted and hasattr(screen, "mentions_found"):
                screen.mentions_found()
        self.mentions_shown = base  # (tests wait for this)

    def on_show_mentions(self, message) -> None:
        self.show_mentions(message.entity)

    def show_mentions(self, entity_id: str) -> None:
        """The article view at the entity's first mention; m / M step through the rest."""
        from explorer.core.mentions import found_mentions

        mentions = found_mentions(self.base)
        if mentions is None or not mentions.of(entity_id):
            self.notify("No mentions found yet." if mentions is None else "No mention of it in any source.", timeout=2)
            return
        first = mentions.of(entity_id)[0]
        if self.current_mode == "main":
            self.navigator.moved(self.main_screen.location())
        self.show_view("article").open(first.source, first.start, mention=entity_id, entity=entity_id, subject=entity_id)

    # Every worker names itself: without a description, Textual formats the call's arguments,
    # and `repr()` of a fact base is tens of megabytes (0.7-1.8 s on the UI thread at 30,000).
    @work(thread=True, exclusive=True, group="index", description="build the search index")
    def build_search_index(self, base) -> None:
        with self._background_turn(base) as go:
            if go:
                from explorer.core.search.store import DamagedIndex

                index = self.ensure_search_index(base)
                try:
                    index.warm()  # (in a pause, not on the first key)
                except DamagedIndex:
                    with self._index_lock:
                        self._damaged_index(index)

    def ensure_search_index(self, base, damaged=None):
        """The search index of `base`, built once (from any thread) however many ask for it;
        after a reload, the last one updated (`SearchIndex.update`: the changed cards only).
        `damaged`: an index a search found the stored index it was read from damaged in
        (`store.DamagedIndex`): dropped, and one built from the cards instead (stored again when
        the app ends), as when none was stored."""
        from explorer.core.heap import long_lived
        from explorer.core.pausing import pausing
        from explorer.core.search import SearchIndex
        from explorer.core.search.store import DamagedIndex

        with self._index_lock:
            if damaged is not None:
                self._damaged_index(damaged)
            last = self.search_index
            if last is not None and last.base is base:
                return last
            adopted = self._adopted  # ((shown, same): `same` took the place of an equal `shown`)
            # The build (~2 s of CPU at 30,000 cards; ~10 ms for the shipped article, as its
            # facts show and the first key comes) steps aside at its checkpoints while a key typed
            # is not on screen yet (not for the whole of the typing: a search may be waiting for
            # this very index); never on the UI thread, which draws that key.
            keys_first = threading.current_thread() is not threading.main_thread()
            with long_lived(), pausing(self._key_first) if keys_first else nullcontext():
                if last is not None and adopted is not None and last.base is adopted[0] and base is adopted[1]:
                    index = last.rebased(base)
                elif last is not None and last.base is not None and last.updatable:
                    try:
                        index = last.update(base)
                    except DamagedIndex:  # (the stored one it was read from: built from the cards)
                        self._damaged_index(last)
                        index = SearchIndex(base)
                else:
                    index = self._stored_index(base) or SearchIndex(base)
            now, adopted = self.base, self._adopted  # (again: it may have come meanwhile)
            if base is now:
                self.search_index = index
            elif adopted is not None and base is adopted[0] and now is adopted[1]:
                self.search_index = index.rebased(now)  # (built for the base `now` took over)
            return index

    def _damaged_index(self, index) -> None:
        """`index` was read from a stored index found damaged: dropped, and its file removed."""
        from explorer.core.search import store

        self.search_index = None  # (`index`, or one sharing its tables: rebased, updated)
        self._index_stored = False
        store.discard(self.root)

    def _key_first(self) -> None:
        """At a checkpoint of the index's build beside the UI thread: wait while a key typed (or
        results that came) is not on screen yet (app.turns.UiFirst)."""
        self.ui_first.wait(lambda: self._exit)

    def _stored_index(self, base):
        """The index a command stored (`factex search`, the search server, an earlier session:
        core/search/store.py), memory-mapped, if it was stored for the workspace as it is now:
        nothing to build (2 CPU s at 30,000 cards), and it answers at once. Only for a workspace
        large enough for that to matter; a small one is built in milliseconds. A reload after an
        edit updates it (`SearchIndex.update`: the changed cards' records made again, the others
        left in the file), as it does a built one."""
        if not self._large(base):
            return None
        from explorer.core.search import store

        try:
            got = None
            preload = self._preload
            if preload is not None and base is preload.early:
                # The card cache's snapshot's fact base, shown as it is checked or once it was
                # found to hold: the index stored of that very fact base, if any, needs no stamp
                # (a walk of every file, ~0.1 s of CPU, while the first keys are being typed).
                got = store.load_of_snapshot(self.root, preload.loader.early_key)
            if got is None:
                got = store.load(self.root, store.workspace_stamp(self.root))
        except (OSError, ValueError):
            return None
        if got is None:
            return None
        index = got[0]
        index.base = base  # (the workspace as it is now: the base shown, or one a reload replaces)
        self._index_stored = True
        return index

    def store_search_index(self) -> None:
        """Keep the search index built in this session for the next one (and for `factex
        search`), if none is stored for the workspace as it is now. The command line calls this
        once the app has ended. The stamp is taken first, then the cards are checked to be
        the ones the index was made from (the loader's fingerprint): a card written since makes
        the stored index unused, never stale (`store.load` compares stamps)."""
        index, base, loader, adopted = self.search_index, self.base, self.loader, self._adopted
        if index is None or base is None or loader is None or self._index_stored:
            return
        if index.base is not base and not (adopted is not None and adopted[0] is index.base and adopted[1] is base):
            return  # (the index of another fact base; one `base` took the place of is as good)
        if not index.updatable or not self._large(base):
            return
        from explorer.core.search import store

        try:
            with self._loader_lock:
                stamp = store.workspace_stamp(self.root)
                if stamp is None or store.load(self.root, stamp) is not None:
                    return
                if self._loading or loader.fingerprint() != loader.last_fingerprint:
                    return  # (changed since the last load, whose fact base is the one shown)
                extra = {"errors": len(base.errors)}
                key = loader.read_digest()
                if key is not None:
                    extra["snapshot"] = key  # (the next start's first search maps it: _stored_index)
                store.save(self.root, stamp, index, extra)
        except (OSError, ValueError, FactexError):
            return

    # -- actions -----------------------------------------------------------------------------

    def action_help(self) -> None:
        from explorer.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(sections_for(self.screen)))

    def action_search(self) -> None:
        from explorer.app.screens.search import SearchScreen

        from textual.actions import SkipAction
        from textual.widgets import Input

        # (a "/" typed into a field is the field's; a TextArea is one only once its module was
        # imported: importing it to ask took ~14 ms of the UI thread as the query's keys came)
        text_area = sys.modules.get("textual.widgets._text_area")
        fields = (Input,) if text_area is None else (Input, text_area.TextArea)
        if isinstance(self.screen, SearchScreen) or isinstance(self.focused, fields):
            raise SkipAction()
        # (before the cards are loaded too: the search waits for them)
        # One search screen for the app's life (installed): opened again, its widgets are
        # there, laid out, and the first key typed after `/` goes into its input at once
        # (a new screen each time was composed, styled and laid out first: 55 ms median, 80 max
        # from the key 30 ms after `/` to its echo). It shows the last query, selected.
        if self.is_screen_installed("search"):
            self.get_screen("search").reopen(self.last_query or "")
        else:
            self.install_screen(SearchScreen(self.last_query or ""), "search")
        self.push_screen("search", callback=self._search_done)

    def _search_done(self, pick) -> None:
        """The search screen's result: the query to offer next time, and where to go (or None)."""
        if pick is None:
            return
        if pick.query:
            self.last_query = pick.query
        if pick.location is not None:
            self.jump(pick.location)

    # -- what screens ask (messages up) ------------------------------------------------------

    def on_choose_card(self, message: ChooseCard) -> None:
        from explorer.app.screens.picker import CardPicker
        from explorer.core.navigation import card_location

        message.stop()

        def chosen(card_id: str | None) -> None:
            card = self.base.card(card_id) if card_id is not None and self.base is not None else None
            if card is not None:
                self.jump(card_location(card))

        self.push_screen(CardPicker(self.base, message.card_ids, message.heading), chosen)

    def on_navigate(self, message: Navigate) -> None:
        message.stop()
        self.jump(message.location, focus=message.focus)

    def on_moved(self, message: Moved) -> None:
        message.stop()
        self.navigator.moved(message.location, step=message.step)

    def on_edit_card(self, message: EditCard) -> None:
        message.stop()
        self.edit_file(message.file, message.line)

    def on_create_card(self, message: CreateCard) -> None:
        message.stop()
        self.new_card_from_passage(message.kind, message.source_id, message.start, message.end, message.subject,
                                   message.values)

    def on_choose_suggestion(self, message) -> None:
        message.stop()
        self.show_uncarded(message.source_id)

    def show_uncarded(self, source_id: str, after: tuple[str, ...] | None = None) -> None:
        """The article's uncarded names (explorer.core.suggest), the cursor on the first of the
        names `after` still listed (else the last row; `after` None: the first): Enter goes
        to the first mention, E makes an entity card quoting it, named and typed as suggested (or
        opens the card a surname is an alias of), and once edited the list is back, where it was."""
        from explorer.app.screens.suggestions import SuggestionList
        from explorer.core.suggest import evidence_span, suggest

        base = self.base
        if base is None or source_id not in base.sources:
            return
        found = suggest(base, source_id)
        names = [s.name for s in found]
        at = next((names.index(name) for name in after if name in names), len(found) - 1) if after is not None else 0

        def chosen(result) -> None:
            if result is None or self.base is not base:
                return
            action, s = result
            first = s.first
            if action == "go":
                self.jump(Location(view="article", source=source_id, offset=first.start))
                return
            # (the list again once edited, on the next name not carded yet)
            self._back_to_names = (source_id, tuple(names[names.index(s.name) + 1:]))
            owner = base.entities.get(s.alias_of) if s.alias_of else None
            if owner is not None:  # a carded person's surname: the alias goes on that card, by the user
                self._add_alias(owner, s.name)
                return
            start, end = evidence_span(base.sources[source_id], first.start, first.end)
            self.new_card_from_passage("entity", source_id, start, end, values={"name": s.name, "type": s.type})

        self.push_screen(SuggestionList(base, source_id, found, cursor=at), chosen)

    def _names_again(self) -> bool:
        """After a card made (or an alias added) from the uncarded names: the list again, over the
        article, the cursor where it was (the user was going down it; they were left on the panes)."""
        back, self._back_to_names = self._back_to_names, None
        if back is None or self.base is None:
            return False
        self.show_view("article")
        self.show_uncarded(*back)
        return True

    def _add_alias(self, entity, alias: str) -> None:
        """Open `entity`'s card at its `aliases:` (else the commented one, else its `name:`) for the user to add `alias`:
        the cards are the user's, factex never rewrites one."""
        if self._refuse_in_read_only("open an editor"):
            return
        from explorer.core.authoring import key_line

        line = key_line(self.root, entity.file)  # (a card `factex new` wrote has the commented template)
        from explorer.core.suggest import alias_role

        self.notify(f"{alias} is {alias_role(alias, entity)}: add it to the aliases of {entity.file}.",
                    timeout=4)
        self.edit_file(entity.file, line)

    def on_show_panes(self, message: ShowPanes) -> None:
        message.stop()
        self.show_view("main")

    def action_article(self, source: str | None = None, offset: int | None = None, record: bool = True) -> None:
        if self.base is None or not self.base.sources:
            self.notify("No source to show: put an article in seeds/ (factex add FILE or URL writes it there).",
                        severity="warning")
            return
        if self.current_mode == "article" and source is None and len(self.screen_stack) == 1:
            self.show_view("main")  # `a` again: back to the panes
            return
        cite = mention = subject = None
        if source is None:  # (the a key: the article of the card being read, for its entity)
            subject = self.main_screen.entity if self.current_mode == "main" else None
            source = self._current_source(reading=True)
            if offset is None and self.current_mode == "main":
                offset, cite, mention = self._where_to_read(source)
        if record and self.current_mode == "main":
            self.navigator.moved(self.main_screen.location())
        self.show_view("article").open(source, offset, record=record, entity=self.main_screen.entity, cite=cite,
                                       mention=mention, subject=subject)

    def _where_to_read(self, source: str) -> tuple[int | None, str | None, str | None]:
        """Where `a` opens `source` for the card being read, as (offset, the card whose quote starts
        there, the entity whose mention is there): a relation (the relations list, or the evidence
        reached from it) at its first quote; an entity at its first quote or its first mention,
        whichever comes first (it opened at the top, the entity somewhere below)."""
        from explorer.core.mentions import found_mentions

        main = self.main_screen
        card = self.base.card(main.relation if main.on_relation and main.relation else main.entity or "")
        if card is None:
            return None, None, None
        quote = min((ev.anchor.start for ev in card.evidence if ev.anchor and ev.anchor.source == source), default=None)
        if card.kind == "entity" and not (quote is None and self.base.flawed.get(card.id) is card):
            # (a ⚠ card none of whose quotes is here: at the passage its quote should have been)
            mentions = found_mentions(self.base)
            first = next((m.start for m in mentions.of(card.id) if m.source == source), None) if mentions else None
            if first is not None and (quote is None or first < quote):
                return first, None, card.id
        if quote is None and self.base.flawed.get(card.id) is card:
            return self._closest_to_bad_quote(card, source), None, None
        return quote, (card.id if quote is not None else None), None

    def _closest_to_bad_quote(self, card, source_id: str) -> int | None:
        """A card left out by a quote not in the source, none of its quotes in this one: where
        the passage closest to that quote starts (what its error's "did you mean" quotes), said
        in a toast; it opened at the top of the article, the passage to compare somewhere below."""
        from explorer.core.authoring import nearest_passages

        source = self.base.sources[source_id]
        for ev in card.evidence:
            if ev.anchor is None:
                near = nearest_passages(ev.quote, [source], limit=1)
                if near:
                    line = near[0].line
                    what = card.name if card.kind == "entity" else self.base.sentence(card)
                    self.notify(f"{what}: its quote is not in the source; the closest passage, line {line}, is at "
                                "the cursor.", timeout=6)
                    return near[0].start
        return None

    def _current_source(self, reading: bool = False) -> str:
        """The source of the relation under the cursor, else of the entity; `reading` (the article
        of the card being read): on the entity list, the entity's, not that of the relation last
        highlighted in the other pane."""
        base = self.base
        main = self.main_screen
        for card_id in ((main.entity,) if reading and not main.on_relation else (main.relation, main.entity)):
            card = base.card(card_id) if card_id else None
            if card is not None:
                for ev in card.evidence:
                    if ev.anchor:
                        return ev.anchor.source
        return next(iter(base.sources))

    def action_problems(self) -> None:
        if self.current_mode == "problems" and len(self.screen_stack) == 1:
            self.show_view("main")  # `!` again: back to the panes
            return
        if self.base is None:
            return
        self.show_view("problems").open()

    def action_timeline(self) -> None:
        from explorer.app.screens.timeline import TimelineScreen

        self._show_view(TimelineScreen)

    def action_voices(self) -> None:
        from explorer.app.screens.voices import VoicesScreen

        self._show_view(VoicesScreen)

    def _show_view(self, screen_class) -> None:
        """A view over the whole fact base (timeline, voices): its key again closes it."""
        if isinstance(self.screen, screen_class):
            self.pop_screen()
            return
        from explorer.app.screens.main import MainScreen

        if self.base is None:
            return
        if isinstance(self.screen, MainScreen):
            self.navigator.moved(self.main_screen.location())
        self._over_this_view()
        self.push_screen(screen_class(self.main_screen.source_filter))

    def _over_this_view(self) -> None:
        """Close what is open above the current view (a search, help, another list), keeping the
        view: a list opened from the article, its Esc goes back to the article, the reading
        cursor where it was (it went to the panes)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_sources(self) -> None:
        from explorer.app.screens.sources import SourcesScreen

        if isinstance(self.screen, SourcesScreen):
            self.pop_screen()
            return
        if self.base is None:
            return
        self._over_this_view()
        main = self.main_screen
        self.push_screen(SourcesScreen(main.source_filter or (self._current_source() if self.base.sources else None)))

    def on_filter_source(self, message: FilterSource) -> None:
        message.stop()
        self.show_view("main").set_source_filter(message.source_id)

    def action_back(self) -> None:
        self._travel(self.navigator.back())

    def action_forward(self) -> None:
        self._travel(self.navigator.forward())

    def _travel(self, location: Location | None) -> None:
        if location is None:
            self.bell()
            return
        if location.view == "article" and location.source:
            self.action_article(location.source, location.offset, record=False)
            return
        if location.view == "problems":
            if self.base is not None:
                self.show_view("problems").open(row=location.offset)
            return
        self.show_view("main").go_to(location)

    def jump(self, location: Location, focus: str | None = None) -> None:
        """Go somewhere new, recording it in the history (search results, article, problems,
        a followed relation); `focus` names the main screen's pane to focus."""
        if self.current_mode == "main" and len(self.screen_stack) == 1:
            self.navigator.moved(self.main_screen.location())
        if location.view == "main":
            main = self.show_view("main")
            main.go_to(location, focus=focus)
            self.navigator.visit(main.location())
        else:
            self.navigator.visit(location)
            self.action_article(location.source, location.offset, record=False)

    def _refuse_in_read_only(self, what: str) -> bool:
        if not self.read_only:
            return False
        # (in a terminal it was started with --read-only: `factex serve` is not how to lift it)
        how = "factex serve --allow-edit allows it" if self.is_web else "started with --read-only"
        self.notify(f"Read-only: cannot {what} here ({how}).", severity="warning")
        return True

    def action_edit(self) -> None:
        target = getattr(self.screen, "edit_target", lambda: None)()
        if target is None:
            why = getattr(self.screen, "no_edit_reason", lambda: None)()
            self.notify(why or "No card here to edit.", severity="warning")
            return
        self.edit_file(*target)

    def edit_file(self, rel: str, line: int = 1, after=None) -> None:
        """Open a card in $VISUAL/$EDITOR at a line, then (`after()`, and unless it returns False)
        reload."""
        if self._refuse_in_read_only("open an editor"):
            return
        from explorer.core.editor import editor_command

        environ = {**os.environ, "VISUAL": self.settings.editor} if self.settings.editor else None
        command = editor_command(self.root / rel, line, environ=environ)
        error: str | None = None

        def run() -> None:
            nonlocal error
            try:
                result = subprocess.run(command, check=False)
                if result.returncode not in (0, None):
                    error = f"{command[0]} exited with status {result.returncode}"
            except OSError as exc:
                error = f"cannot run editor {command[0]!r}: {exc.strerror or exc}"

        try:
            with self.suspend():
                run()
        except SuspendNotSupported:
            run()  # headless (tests, Textual web): run it without handing over the terminal
        if error:
            self.notify(error + " (set $VISUAL or $EDITOR)", severity="error", timeout=6)
            self._back_to_names = None
        if after is not None:
            if after() is False:
                return
        elif self._pending_card is None and not error:
            self._pending_edit = rel
        self.load_facts(True)

