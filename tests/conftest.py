from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent


def _cache_bytecode() -> None:
    """Bytecode is written (to __pycache__ folders, which git ignores) even when the environment
    says not to (PYTHONDONTWRITEBYTECODE=1, as on the machine this project is built on). Without
    it every pytest worker compiled factex, the test modules and the asserts pytest rewrites from
    source, and so did every `python -m explorer` a test starts: ~3 CPU s a worker and ~0.1 s a
    command, every run. Done when this file is first imported, in pytest's main process before the
    xdist workers start, so they and every command a test runs inherit it; that process also
    compiles the package once, before the workers would each compile it. FACTEX_TEST_BYTECODE=0
    keeps the environment's setting."""
    if not sys.dont_write_bytecode or os.environ.get("FACTEX_TEST_BYTECODE") == "0":
        return
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False
    if "PYTEST_XDIST_WORKER" not in os.environ:
        import compileall

        compileall.compile_dir(REPO / "explorer", quiet=2)


_cache_bytecode()

# An error factex did not expect is one line for a user (explorer.cli._unexpected, the app's
# _handle_exception); in the tests it is raised as it is, so that a bug fails its test with its
# traceback (tests/test_hostile_cli.py checks the user's side, without this).
os.environ.setdefault("FACTEX_DEBUG", "1")

# Deterministic on a busy machine: Hypothesis's health checks time the generation of examples,
# and on 2 shared cores "too slow" and "large base example" failed a run now and then with
# nothing wrong in the code. Timing goals live in bench/, never in tests.
# Deterministic from run to run: each property test draws the same examples every time (seeded
# from the test's name: derandomize), and no example database replays failures found on another
# run or machine. A test's own @settings keep these unless they say otherwise.
settings.register_profile(
    "factex",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example, HealthCheck.data_too_large],
    deadline=None,
    derandomize=True,
    database=None,
)
settings.load_profile("factex")

ARTICLE = REPO / "seeds" / "kim-aurus-gift.txt"

SOURCE_TEXT = (
    "A Test Article\n"
    "\n"
    "Alice Smith met Bob Jones in Paris on March 3. Alice\u00a0gave Bob a red car \u2014 a gift.\n"
    "\n"
    "Bob said: \u201cIt\u2019s the best car\u2026 ever.\u201d The car cost $245,000.\n"
    "\n"
    "Alice Smith is a painter. Alice Smith lives in Paris.\n"
)


class Workspace:
    """A temporary workspace with helpers to write cards and sources."""

    def __init__(self, root: Path):
        self.root = root
        (root / "facts").mkdir()
        (root / "seeds").mkdir()

    def source(self, name: str, text: str | bytes) -> Path:
        path = self.root / "seeds" / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def card(self, rel: str, text: str | bytes) -> Path:
        path = self.root / "facts" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def load(self):
        from explorer.core.loading.loader import Loader

        return Loader(self.root).load()

    def problems(self):
        return [p.format() for p in self.load().problems]

    def basic(self):
        """Two entities and a relation between them, all valid."""
        self.source("article.txt", SOURCE_TEXT)
        self.card("alice.yaml", """
            kind: entity
            name: Alice Smith
            type: person
            aliases: [Alice]
            evidence:
              - quote: Alice Smith met Bob Jones
        """)
        self.card("bob.yaml", """
            kind: entity
            name: Bob Jones
            type: person
            evidence:
              - Bob said
        """)
        self.card("alice-gave-bob-car.yaml", """
            kind: relation
            subject: alice
            predicate: gave a red car to
            object: bob
            evidence:
              - quote: Alice gave Bob a red car
        """)
        return self


@pytest.fixture
def ws(tmp_path) -> Workspace:
    return Workspace(tmp_path)


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """Tests never touch the user's card cache: each session gets its own cache folder."""
    import os

    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    # No search server starts from a test (a `factex search` would start one in the background
    # and leave it running): only tests/test_server.py turns it on, and stops what it starts.
    old_server = os.environ.get("FACTEX_SERVER")
    os.environ["FACTEX_SERVER"] = "0"
    yield
    if old_server is None:
        os.environ.pop("FACTEX_SERVER", None)
    else:
        os.environ["FACTEX_SERVER"] = old_server
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(autouse=True)
def _checkout_named_factex(monkeypatch):
    """The app names the workspace by its folder (the status line, the sources view); this
    checkout's folder is named differently on each machine (a worktree, CI's clone), so on screen
    it is always "factex": snapshots stay the same everywhere. Other workspaces keep their names."""
    from pathlib import Path

    try:
        from explorer.app import render
    except ImportError:  # pragma: no cover
        return
    real = render.workspace_name
    repo = REPO.resolve()
    monkeypatch.setattr(render, "workspace_name", lambda root: "factex" if Path(root).resolve() == repo else real(root))


@pytest.fixture(autouse=True)
def _steady_cursor(request, monkeypatch):
    """Snapshots do not depend on how long a test took: an Input's cursor blinks off 0.5 s after
    the last key, and on a loaded machine the search snapshots were taken after that now and then
    (the cursor missing from "aurus"). In snapshot tests the blink timer does nothing: the cursor
    shows where it is, as in the stored snapshots, however long the test waited."""
    if "snap_compare" in request.fixturenames:
        from textual.widgets import Input

        monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


_PARSED_CSS: dict = {}  # (css, where read, default, tie breaker, scope, variables) -> Textual's rules
_CSS_KEPT_BY_RUN = {"on": True}


def _keep_parsed_css() -> None:
    """Each app a test starts parses the same CSS again (factex.tcss and the DEFAULT_CSS of every
    widget, ~8 kB), and again at each theme change (the footer tests go through the 21 themes):
    ~4% of the app tests' CPU. Textual keeps what it parsed for one stylesheet (its
    _parse_cache, keyed by the text, where it was read, its scope and priority); here the rules
    are kept for the whole test process, keyed by that and the stylesheet's variables (the
    theme's), as factex itself keeps them between runs for a user (explorer/app/stylecache.py).
    Textual's stylesheets already share one parse of a piece among all the nodes it styles, and
    never change rules once made. tests/test_stylecache.py, which compares Textual's own parse
    with what factex keeps, parses as Textual does. CSS that fails to parse is not kept (it
    raises again, as in Textual)."""
    from textual.css.stylesheet import Stylesheet

    if getattr(Stylesheet._parse_rules, "kept_by_the_tests", False):
        return
    parse = Stylesheet._parse_rules

    def _parse_rules(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        if not _CSS_KEPT_BY_RUN["on"]:
            return parse(self, css, read_from, is_default_rules, tie_breaker, scope)
        variables = self.__dict__.get("_tests_variables_key")
        if variables is None or variables[0] is not self._variables:
            variables = self._tests_variables_key = (self._variables, tuple(sorted(self._variables.items())))
        key = (css, read_from, is_default_rules, tie_breaker, scope, variables[1])
        rules = _PARSED_CSS.get(key)
        if rules is None:
            rules = _PARSED_CSS[key] = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
        return rules

    _parse_rules.kept_by_the_tests = True
    Stylesheet._parse_rules = _parse_rules


@pytest.fixture(autouse=True)
def _css_parsed_once(request, monkeypatch):
    """See _keep_parsed_css; installed once Textual is imported (by the test modules that use it:
    nothing here imports Textual for the tests that check it is not imported)."""
    if "textual.css.stylesheet" in sys.modules:
        _keep_parsed_css()
    if request.module.__name__.rpartition(".")[2] == "test_stylecache":
        monkeypatch.setitem(_CSS_KEPT_BY_RUN, "on", False)


def pytest_configure(config):
    """Before the xdist workers start, the main process writes what each of them would otherwise
    make on its own in a fresh checkout: the test modules with their asserts rewritten by pytest
    (cached beside them, as pytest caches them: ~3 CPU s a process for the ~100 modules, paid by
    all four workers at once on a first run) and the bytecode of the helper modules. Nothing is
    imported; a file pytest cannot rewrite is left to the worker that imports it, as before.
    Then, while the workers start, it makes Hypothesis's character table (_hypothesis_tables)."""
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    _rewrite_ahead(config)
    import threading

    threading.Thread(target=_hypothesis_tables, daemon=True).start()


def _hypothesis_tables():
    """Hypothesis's table of the characters UTF-8 encodes (the default alphabet of `st.text()`
    and of `st.characters(codec="utf-8")`), made once in the main process: Hypothesis builds it
    by encoding each of the 1.1 million code points (~2 CPU s) and keeps it in
    .hypothesis/unicode_data, which a fresh checkout (CI) does not have, so each worker that drew
    a text built it too (up to 4 x 2 CPU s). A worker that needs it before this thread has written
    it builds it itself, as before."""
    try:
        import warnings

        from hypothesis import strategies as st
        from hypothesis.errors import HypothesisSideeffectWarning

        # (Hypothesis warns that a plugin builds its table at start-up: here that is the point;
        # this process only hands out the tests, and the warning was four lines on every run)
        warnings.filterwarnings("ignore", category=HypothesisSideeffectWarning)
        st.characters(codec="utf-8").validate()
    except Exception:  # noqa: BLE001 - pragma: no cover - the workers build it, as before
        pass


def _rewrite_ahead(config):
    if sys.dont_write_bytecode:
        return
    try:
        from _pytest.assertion import rewrite

        state = config.stash[rewrite.assertstate_key]
    except (ImportError, AttributeError, KeyError):  # pragma: no cover - another pytest
        return
    import compileall

    tests = Path(__file__).resolve().parent
    for path in sorted(tests.glob("*.py")):
        if not path.name.startswith("test_"):
            compileall.compile_file(str(path), quiet=2)
            continue
        try:
            cache_dir = rewrite.get_cache_dir(path)
            pyc = cache_dir / (path.name[:-3] + rewrite.PYC_TAIL)
            if rewrite._read_pyc(path, pyc) is not None or not rewrite.try_makedirs(cache_dir):
                continue
            source_stat, code = rewrite._rewrite_test(path, config)
            rewrite._write_pyc(state, code, source_stat, pyc)
        except Exception:  # noqa: BLE001 - pragma: no cover - the worker rewrites it as before
            continue


def pytest_xdist_auto_num_workers(config):
    """`-n auto`: two workers a core. Most app tests wait on the app (events, workers, a
    subprocess) more than they compute: on 2 cores 4 workers ran the suite in 2 min 22 s,
    2 in 3 min 4 s, 6 in 2 min 32 s."""
    return max(2, min(16, 2 * (os.cpu_count() or 1)))


# The longest tests (several CPU seconds each, or long waits on other processes), run first:
# pytest-xdist hands out tests in collection order, and one of these handed out last was the
# last to finish, with the other workers idle (test_w3c and test_watch sort late). Each entry is
# one unit with its rough cost in CPU seconds (measured with the whole suite on 4 workers); a
# whole module where a module-scoped fixture is shared (test_install's wheel, test_w3c's export),
# so it is still set up once. A name that no longer matches only loses its place in the queue.
LONG_FIRST = {  # (seconds each took in a quiet run of the suite, 2026-12-02)
    "tests/test_install.py::": 16,
    "tests/test_hostile_app.py::test_every_screen": 14.5,
    "tests/test_hostile_app.py::test_a_short_session": 5.3,
    "tests/test_app.py::test_command_palette_goes_to_an_entity_and_filters": 7.5,
    "tests/test_integrity.py::test_a_whole_session_changes_no_card_and_no_source": 7,
    "tests/test_server.py::test_the_helper_ends_when_quiet_and_only_the_next_edit_starts_it_again": 5.7,
    "tests/test_anchor.py::test_index_finds_what_a_scan_finds": 4.6,
    "tests/test_corpus.py::test_corpus_case[source-3-mb]": 4,
    "tests/test_integrity.py::test_live_reload_survives_deletes_renames_truncation_and_a_vanishing_folder": 3.4,
    "tests/test_app.py::test_search_to_a_passage_opens_the_article_and_n_steps_hits": 3.2,
    "tests/test_footer_sketch.py::test_the_sketch_and_the_stand_in_draw_the_cells_of_the_keys_in_every_theme": 5,
    "tests/test_serve.py::test_the_browser_shows_the_articles_facts_read_only": 2.7,
    "tests/test_app.py::test_a_long_source_is_rendered_a_screenful_at_a_time": 2.7,
    "tests/test_lastframe.py::test_the_app_ends_when_its_terminal_is_gone": 2.6,
}


def pytest_collection_modifyitems(config, items):
    """The LONG_FIRST units go first, spread over the workers: xdist's `load` scheduler starts
    each of N workers on a run of (tests / N) // 4 consecutive tests, so each unit goes to the run
    with the least cost so far (largest first), and ordinary tests fill the rest of each run.
    Every worker computes the same order (xdist checks that they collected the same list)."""
    units: dict[str, list] = {prefix: [] for prefix in LONG_FIRST}
    rest = []
    for item in items:
        prefix = next((p for p in LONG_FIRST if item.nodeid.startswith(p)), None)
        (units[prefix] if prefix is not None else rest).append(item)
    workers = getattr(config, "workerinput", {}).get("workercount", 1)
    chunk = max(2, len(items) // workers // 4)
    runs: list[list] = [[] for _ in range(workers)]
    cost = [0.0] * workers
    for prefix, unit in sorted(units.items(), key=lambda kv: -LONG_FIRST[kv[0]]):
        w = cost.index(min(cost))
        runs[w] += unit
        cost[w] += LONG_FIRST[prefix]
    ordered = []
    for run in runs:
        take = max(0, chunk - len(run))
        ordered += run + rest[:take]
        del rest[:take]
    items[:] = ordered + rest



# Textual's Pilot waits for the app to be idle after each key and each pause (`pilot.press`,
# `pilot.pause()`): textual._wait.wait_for_idle sleeps 20 ms at a time until the process used
# under 1 ms of CPU in one sleep, at least once a key and twice a `press`, whatever the app had
# to do. An app test of 80 keys slept 5 s of its 6.3 s (0.3 s of CPU), and the suite's 4 workers
# on 2 cores left a core idle whenever three of them slept. Here the sleeps are 5 ms (idle: under
# 0.5 ms of CPU in one): 2066 tests in 96.8 s instead of 109-118 s on this 2-core machine, quiet.
# What a test waits for is a condition (apphelpers.wait_for), never an amount of time; a test
# that passed only because 20 ms was long enough for Textual to finish something was waiting
# for the wrong thing.
IDLE_SLEEP = 0.005


@pytest.fixture(autouse=True)
def _short_idle_waits():
    """See IDLE_SLEEP; set once Textual is imported (by the test modules that use it)."""
    wait = sys.modules.get("textual._wait")
    if wait is not None and wait.SLEEP_GRANULARITY != IDLE_SLEEP:
        wait.SLEEP_GRANULARITY = IDLE_SLEEP
        wait.SLEEP_IDLE = IDLE_SLEEP / 10
