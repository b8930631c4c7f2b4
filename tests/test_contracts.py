"""The package's layers and import hygiene, as contracts (import-linter, configured in pyproject.toml):
the core never imports the app, the command line or Textual; the app never imports the command line;
only `explorer.cli.app` imports the app; no two modules or packages of one package import each other
(no import cycles); inside the core, a layer imports only the layers below it (the `layers`
contract lists them; a new module of the core must be given its layer); all counting imports inside functions (not those under TYPE_CHECKING, which never run)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


# lint-imports, from this interpreter, on the package in `cwd` (first on sys.path), with no cache
# written into the work tree
LINT = ("import sys; sys.path.insert(0, '.'); from importlinter.cli import lint_imports_command; "
        "sys.argv[1:] = ['--no-cache', '--no-logo']; lint_imports_command()")


def _lint(cwd):
    import importlinter  # noqa: F401 - a clear failure here when the [test] extra is not installed

    return subprocess.run([sys.executable, "-c", LINT], capture_output=True, text=True, cwd=cwd)


def test_import_contracts_are_kept():
    out = _lint(REPO)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout and "6 kept" in out.stdout, out.stdout[-2000:]


def test_the_contracts_catch_a_broken_layer(tmp_path):
    """The same contracts on a copy of the package with one forbidden import and one cycle added:
    both are reported (so a green run above means something)."""
    import shutil

    shutil.copytree(REPO / "explorer", tmp_path / "explorer", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    with open(tmp_path / "explorer" / "core" / "text.py", "a", encoding="utf-8") as f:
        f.write("\n\ndef _bad():\n    import textual  # noqa\n")
    with open(tmp_path / "explorer" / "core" / "safetext.py", "a", encoding="utf-8") as f:
        f.write("\n\ndef _cycle():\n    from explorer.core import export  # noqa\n")
    with open(tmp_path / "explorer" / "core" / "anchoring" / "anchor.py", "a", encoding="utf-8") as f:
        f.write("\n\ndef _up():\n    from explorer.core.search import index  # noqa\n")
    with open(tmp_path / "explorer" / "cli" / "check.py", "a", encoding="utf-8") as f:
        f.write("\n\ndef _slow():\n    import trafilatura  # noqa\n")
    out = _lint(tmp_path)
    assert out.returncode != 0
    assert "The core never imports the app, the command line or Textual BROKEN" in out.stdout, out.stdout[-3000:]
    assert "No import cycles" in out.stdout and "BROKEN" in out.stdout.split("No import cycles")[1], out.stdout[-3000:]
    flat = " ".join(out.stdout.split())  # (lint-imports wraps long contract names)
    assert "a layer imports only the layers below it: no back edges BROKEN" in flat, out.stdout[-3000:]
    assert "explorer.core.anchoring.anchor -> explorer.core.search.index" in flat, out.stdout[-3000:]
    assert "no other command nor the app pays for it BROKEN" in flat, out.stdout[-3000:]


def test_the_app_is_the_host_the_screens_are_typed_against(tmp_path):
    """Screens annotate `app: Host` instead of importing the App; the App has all of Host."""
    from explorer.app.app import FactexApp
    from explorer.app.host import HOST_METHODS, Host
    from explorer.core.loading.config import Settings

    (tmp_path / "facts").mkdir()
    app = FactexApp(tmp_path, watch=False, settings=Settings())
    for name in Host.__annotations__:
        assert hasattr(app, name), name
    for name in HOST_METHODS:
        assert callable(getattr(app, name)), name


def test_screens_ask_the_app_by_message_and_never_write_its_state():
    """Messages up, data down: a screen reads what the App passes down (the fact base, the
    search index, the last query) and may notify or close itself, but it changes nothing of the
    App's: no call of the App's own methods (jump, edit_file, ...), no assignment to an App
    attribute, no use of its history (the navigator writes it, from Navigate and Moved messages)."""
    import ast

    allowed_calls = {"notify", "call_from_thread", "ensure_search_index", "bell"}
    offenders = []
    for path in sorted((REPO / "explorer" / "app" / "screens").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute) and node.value.attr == "app":
                offenders.append(f"{path.name}:{node.lineno}: an alias of self.app (use self.app, so it is checked)")
            # self.app.NAME
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) \
                    and node.value.attr == "app" and isinstance(node.value.value, ast.Name) \
                    and node.value.value.id == "self":
                parent_call = any(isinstance(p, ast.Call) and p.func is node for p in ast.walk(tree))
                if node.attr in ("history", "navigator"):
                    offenders.append(f"{path.name}:{node.lineno}: self.app.{node.attr}")
                elif parent_call and node.attr not in allowed_calls:
                    offenders.append(f"{path.name}:{node.lineno}: self.app.{node.attr}()")
                elif isinstance(node.ctx, ast.Store):
                    offenders.append(f"{path.name}:{node.lineno}: self.app.{node.attr} = ...")
    assert offenders == [], offenders


def test_the_navigator_alone_writes_the_history():
    from explorer.app.navigator import Navigator
    from explorer.core.navigation import Location

    nav = Navigator()
    nav.moved(Location())  # nothing shown yet: not a place
    assert len(nav.history) == 0
    a, b, c = Location(entity="a"), Location(entity="b"), Location(view="article", source="s", offset=4)
    nav.moved(a)
    nav.visit(b)
    nav.moved(Location(entity="b", relation="r"))  # the cursor moved on b: same step
    nav.moved(c, step=True)
    assert len(nav.history) == 3
    assert nav.back() == Location(entity="b", relation="r") and nav.back() == a and nav.back() is None
    assert nav.forward() == Location(entity="b", relation="r")
    nav.visit(a)  # a new step drops the forward ones
    assert nav.forward() is None and len(nav.history) == 3


def test_no_module_imports_itself_through_others():
    """Module by module (a package's __init__ and its modules included), the import graph has no
    cycle: the strongly connected components of grimp's graph are all single modules."""
    import grimp

    graph = grimp.build_graph("explorer", exclude_type_checking_imports=True, cache_dir=None)
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    # Tarjan's algorithm, iteratively
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    assert cycles == [], cycles
