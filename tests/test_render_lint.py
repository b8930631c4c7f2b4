"""The wrong way to put text on screen is hard: app code that hands Textual a string built from
data, where Textual would parse it as markup or pass its control characters, fails this test.

The rule (see `explorer/app/render.py`): workspace text reaches the screen only through
`render.text()`/`para()`/`line()`/`plain()` (which make it visible and literal) and the wrappers
built on them (`render.set_title`, `render.palette_hit`, `FactexApp.notify`). This test reads the
app's source and refuses:

- `border_title`, `border_subtitle`, `title`, `sub_title` set to anything but a constant (use
  `render.set_title`), outside render.py;
- `Hit(...)`/`DiscoveryHit(...)` outside render.py (use `render.palette_hit`), and
  `Content.from_markup`, `matcher.highlight` or `markup=True` anywhere;
- `Static(...)`/`Label(...)` given text other than a constant (they would parse it), and
  `Content(...)`, `Content.assemble` parts, `.update(...)`, `.notify(...)` or `empty_text` given an
  f-string that formats anything but a count, a fixed word of the app, or `visible(...)`.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

APP = REPO / "explorer" / "app"
TITLE_ATTRS = {"border_title", "border_subtitle", "title", "sub_title"}
# Formatted values that are not workspace text: counts and the app's own words.
SAFE_CALLS = {"len", "visible", "key_label", "int", "round", "line_of"}
SAFE_NAMES = {
    "n", "count", "total", "shown", "done", "errors", "warnings", "covered", "pct", "words", "more", "suffix",
    "certainty", "c", "key_width", "desc_width", "description", "kind", "severity", "step", "i", "line",
}
SAFE_ATTRS = {"certainty", "certainty_filter", "severity", "total", "done", "paragraph", "line", "column", "current",
              "key", "description", "tooltip"}


def _safe_value(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        return name in SAFE_CALLS
    if isinstance(node, ast.Name):
        return node.id in SAFE_NAMES or node.id.isupper()
    if isinstance(node, ast.Attribute):
        return node.attr in SAFE_ATTRS or node.attr.isupper()
    if isinstance(node, ast.BinOp):
        return _safe_value(node.left) and _safe_value(node.right)
    if isinstance(node, ast.Subscript):  # a table of the app's own words
        table = node.value
        return (isinstance(table, ast.Name) and table.id.isupper()) or (isinstance(table, ast.Attribute) and table.attr.isupper())
    if isinstance(node, ast.IfExp):
        return _safe_value(node.body) and _safe_value(node.orelse)
    return False


def _constant_or_plain(node: ast.expr) -> bool:
    """A constant (or a choice of constants), or text already made safe by `render.plain()`."""
    if isinstance(node, ast.IfExp):
        return _constant_or_plain(node.body) and _constant_or_plain(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "plain"
    return isinstance(node, ast.Constant)


def _unsafe_fstring(node: ast.expr) -> ast.FormattedValue | None:
    """The first formatted value of an f-string (or of either side of a `+`) that may be data."""
    if isinstance(node, ast.JoinedStr):
        for value in node.values:
            if isinstance(value, ast.FormattedValue) and not _safe_value(value.value):
                return value
    if isinstance(node, ast.BinOp):
        return _unsafe_fstring(node.left) or _unsafe_fstring(node.right)
    if isinstance(node, ast.IfExp):
        return _unsafe_fstring(node.body) or _unsafe_fstring(node.orelse)
    return None


def violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_render = path.name == "render.py"
    out = []

    def where(node) -> str:
        return f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path.name}:{node.lineno}"

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and not in_render:
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr in TITLE_ATTRS and not _constant_or_plain(node.value):
                    out.append(f"{where(node)}: {target.attr} set from data; use render.set_title()")
                if isinstance(target, ast.Attribute) and target.attr == "empty_text" and _unsafe_fstring(node.value):
                    out.append(f"{where(node)}: empty_text formats data; use render.plain()")
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in ("Hit", "DiscoveryHit") and not in_render:
            out.append(f"{where(node)}: {name}() outside render.py; use render.palette_hit()")
        if name in ("from_markup", "highlight"):
            out.append(f"{where(node)}: {name}() parses markup")
        if any(k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is True for k in node.keywords):
            out.append(f"{where(node)}: markup=True")
        if name in ("Static", "Label") and node.args and not isinstance(node.args[0], ast.Constant):
            out.append(f"{where(node)}: {name}() given text that is not a constant; update it with Content")
        # (`notify()` is left out: FactexApp.notify makes every notification literal and visible.)
        if name in ("Content", "update", "append") and node.args:
            bad = _unsafe_fstring(node.args[0])
            if bad is not None:
                out.append(f"{where(node)}: {name}() formats {ast.unparse(bad.value)!r}; use render.text()/line()")
        if name == "assemble":
            for arg in node.args:
                first = arg.elts[0] if isinstance(arg, ast.Tuple) and arg.elts else arg
                bad = _unsafe_fstring(first)
                if bad is not None:
                    out.append(f"{where(node)}: assemble() formats {ast.unparse(bad.value)!r}; use render.text()/line()")
    return out


def test_app_code_puts_no_data_on_screen_but_through_render():
    found = [v for path in sorted(APP.rglob("*.py")) for v in violations(path)]
    assert not found, "\n".join(found)


def test_the_lint_catches_the_wrong_way(tmp_path):
    """Each rule fires on the mistake it is there for (and the lint is not vacuous)."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "pane.border_title = f'Relations of {name}'\n"
        "yield Hit(1, title, cb)\n"
        "Content.from_markup(x)\n"
        "self.notify(f'Created {card.rel}')\n"
        "Static(source.title)\n"
        "Content.assemble((f'{source.path} x', 'dim'))\n"
        "hint.update(Content(f'{message.error}'))\n"
        "self.app.notify('x', markup=True)\n"
        "pane.empty_text = 'No entities' + (f' of type {self.type_filter}' if self.type_filter else '')\n",
        encoding="utf-8")
    found = violations(bad)
    assert len(found) == 8, "\n".join(found)  # every line but the notify that FactexApp.notify makes safe


# -- the chokepoint itself, on generated text ----------------------------------------------------

import unicodedata  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from explorer.core.safetext import UNSAFE_CATEGORIES  # noqa: E402

_HOSTILE = st.lists(st.one_of(
    st.sampled_from(["[", "]", "/", "[/]", "[link=x]", "[@click=app.quit]", "\x1b", "\x07", "\x9b", "\u202e",
                     "\u2061", "\U000e0041", "\u2028", "\r", "\n", "\t", "\udcff", "$", "\\"]),
    st.characters(codec=None),
), max_size=20).map("".join)


@settings(max_examples=75, deadline=None)
@given(_HOSTILE, _HOSTILE)
def test_render_keeps_any_text_literal_and_visible(a, b):
    """Whatever the text, what `render` hands Textual is literal (its brackets all there, no
    style or link made from it) and holds no unsafe character."""
    from textual.content import Content

    from explorer.app import render

    for content in (render.text(a), render.para(a), render.line(Content("x: "), a, (b, "bold"))):
        plain = content.plain
        assert not [c for c in plain if c != "\n" and unicodedata.category(c) in UNSAFE_CATEGORIES]
        assert plain.count("[") >= a.count("[")  # nothing was taken for markup
        for span in content.spans:
            style = str(span.style)
            assert "link" not in style and "@click" not in style
    shown = render.plain("t ", a)
    assert not [c for c in shown if unicodedata.category(c) in UNSAFE_CATEGORIES]
