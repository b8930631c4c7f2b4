"""Textual's parsed CSS kept between runs (explorer/app/stylecache.py)."""

from __future__ import annotations

import os
import pickle

import pytest
from textual.layout import Layout

from explorer.app import stylecache
from explorer.app.app import FactexApp
from explorer.app.footer import FitFooter

from apphelpers import ready, wait_for
from conftest import REPO

SIZE = (120, 40)


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("FACTEX_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.delenv("FACTEX_CACHE", raising=False)
    monkeypatch.delenv("FACTEX_THEME", raising=False)
    monkeypatch.delenv("COLORFGBG", raising=False)
    monkeypatch.setattr(stylecache, "SHIPPED", tmp_path / "no-shipped-css.pickle")  # (the kept rules alone)
    return tmp_path / "cache"


def _values(rules: dict) -> dict:
    """A styles' rules, a layout by its kind (layouts compare by identity; each parse makes its own)."""
    return {k: (type(v).__name__ if isinstance(v, Layout) else v) for k, v in rules.items()}


def _rule_sets(rules) -> list:
    return [(r.selector_set, _values(r.styles.get_rules()), r.styles.important, r.errors, r.is_default_rules,
             r.tie_breaker, r.selector_names, r.pseudo_classes) for r in rules]


async def _run(**kwargs) -> tuple[FactexApp, list, list]:
    """An app on the article, kept styles or not: (the app, every node's styles, the rules)."""
    app = FactexApp(REPO, watch=False, **kwargs)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        styled = [(type(node).__name__, node.id, _values(node._css_styles.get_rules()), _values(node.styles.get_rules()))
                  for node in [app, *app.screen.walk_children(with_self=True)]]
        rules = _rule_sets(app.stylesheet.rules)
    return app, styled, rules


async def test_the_rules_read_back_are_those_textual_parses_and_style_every_widget_alike(cache_home):
    parsed_app, parsed_styles, parsed_rules = await _run()  # Textual's own parse, nothing kept
    first, first_styles, first_rules = await _run(keep_styles=True)
    assert isinstance(first.stylesheet, stylecache.Stylesheet) and first.stylesheet.parsed
    assert not first.stylesheet.used  # (nothing kept yet: every piece parsed)
    assert stylecache.store(first)
    second, second_styles, second_rules = await _run(keep_styles=True)
    assert second.stylesheet.used and not second.stylesheet.parsed  # every piece read, none parsed
    assert not stylecache.store(second)  # (nothing new: nothing written)
    assert second_rules == parsed_rules == first_rules
    assert second_styles == parsed_styles == first_styles


async def test_another_theme_parses_as_textual_does(cache_home, monkeypatch):
    first, _, _ = await _run(keep_styles=True)
    assert stylecache.store(first)
    monkeypatch.setenv("FACTEX_THEME", "textual-light")  # other variables: no kept piece is theirs
    _, light_styles, light_rules = await _run(keep_styles=True)
    _, plain_styles, plain_rules = await _run()
    assert light_rules == plain_rules and light_styles == plain_styles


class _Boom:
    def __reduce__(self):
        return (os.system, ("true",))


def _kept_file(app) -> os.PathLike:
    path = stylecache.cache_path()
    assert path is not None and path == app._styles_cache_path
    return path


async def test_a_tampered_or_foreign_file_is_not_used(cache_home, monkeypatch):
    first, _, _ = await _run(keep_styles=True)
    assert stylecache.store(first)
    path = _kept_file(first)
    kept = stylecache._read(path)
    assert kept
    boom = pickle.dumps(_Boom())
    pieces = pickle.dumps({"v": stylecache.VERSION, "pieces": {k: boom for k in kept}})
    called = []
    monkeypatch.setattr(os, "system", lambda *a: called.append(a))
    # A piece that would run code when read, in place of each kept piece: parsed as Textual does.
    path.write_bytes(pieces)
    app, styles, _ = await _run(keep_styles=True)
    assert not called and not app.stylesheet.used and app.stylesheet.parsed
    # The whole file built so: not read at all.
    path.write_bytes(boom)
    assert stylecache._read(path) == {} and not called
    # A file others may write: not read.
    assert stylecache.store(first)
    assert stylecache._read(path)
    os.chmod(path, 0o666)
    assert stylecache._read(path) == {}
    # The cache off: neither read nor written.
    monkeypatch.setenv("FACTEX_CACHE", "0")
    assert stylecache.cache_path() is None
    off, _, _ = await _run(keep_styles=True)
    assert not off.stylesheet.used and not stylecache.store(off)


def test_only_textual_css_classes_and_a_rules_dicts_own_methods_are_built():
    with pytest.raises(pickle.UnpicklingError):
        stylecache._loads(pickle.dumps(_Boom()))
    with pytest.raises(pickle.UnpicklingError):  # getattr on anything but a dict's get / __contains__
        stylecache._loads(pickle.dumps(getattr(os, "getcwd")))
    with pytest.raises(pickle.UnpicklingError):
        stylecache._loads(pickle.dumps({}.pop.__self__.keys))  # (a dict's other methods)


# The rules shipped with factex (stylecache.SHIPPED): a start with no cache at all parses no CSS.

SHIPPED = stylecache.SHIPPED
STALE = f"{SHIPPED.name} is out of date with the CSS: write it again with `python -m explorer.app.shipcss`"


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_a_start_with_no_cache_reads_every_piece_from_the_shipped_rules(cache_home, monkeypatch, theme):
    monkeypatch.setattr(stylecache, "SHIPPED", SHIPPED)
    monkeypatch.setenv("FACTEX_THEME", theme)
    app, styles, rules = await _run(keep_styles=True)
    assert app.stylesheet.used_shipped and not app.stylesheet.used
    assert not app.stylesheet.parsed, STALE + f": {[key[1] for key in app.stylesheet.parsed]} parsed"
    assert not stylecache.store(app)  # (nothing parsed: nothing kept in the user's cache either)
    _, plain_styles, plain_rules = await _run()  # Textual's own parse
    assert rules == plain_rules and styles == plain_styles


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_styles_of_the_rows_are_read_from_the_shipped_pieces_as_textual_parses_them(cache_home, monkeypatch, theme):
    """The styles written as text in the rows, the evidence and the status line ("bold
    $text-accent") are read, not parsed, on a start with no cache, and are Textual's parse."""
    monkeypatch.setattr(stylecache, "SHIPPED", SHIPPED)
    monkeypatch.setenv("FACTEX_THEME", theme)
    app, _, _ = await _run(keep_styles=True)
    read = {key[1] for key in app.stylesheet.used_shipped if key[0] == stylecache.STYLE}
    assert {"bold", "$foreground-muted", "bold $text-accent"} <= read
    plain, _, _ = await _run()
    for text in read:
        ours, textual = app.stylesheet._style_parse_cache[text], plain.stylesheet._style_parse_cache[text]
        assert (ours, repr(ours)) == (textual, repr(textual)), text


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_theme_s_variables_are_read_from_the_shipped_pieces_as_textual_makes_them(cache_home, monkeypatch, theme):
    """The command line's app reads its theme's colour system from the shipped pieces (Textual
    made it anew at each start) and gets the very variables Textual's get_css_variables gives."""
    from textual.app import App
    from textual.theme import BUILTIN_THEMES

    monkeypatch.setattr(stylecache, "SHIPPED", SHIPPED)
    monkeypatch.setenv("FACTEX_THEME", theme)
    pieces = stylecache.read_shipped()
    assert stylecache.theme_variables(BUILTIN_THEMES[theme], pieces) == BUILTIN_THEMES[theme].to_color_system().generate()
    made = []
    real = type(BUILTIN_THEMES[theme]).to_color_system
    monkeypatch.setattr(type(BUILTIN_THEMES[theme]), "to_color_system", lambda self: made.append(self.name) or real(self))
    app = FactexApp(REPO, watch=False, keep_styles=True)
    assert app.current_theme.name == theme and theme not in made  # (read, not made)
    ours = (app.get_css_variables(), app.theme_variables)
    assert list(ours[0].items()) == list(App.get_css_variables(app).items()) and ours[1] == app.theme_variables
    # Another theme of the same name (a user's colours): made by Textual.
    other = type(BUILTIN_THEMES[theme])(name=theme, primary="#123456")
    assert stylecache.theme_variables(other, pieces) is None


async def _search_styles(**kwargs) -> tuple[FactexApp, list]:
    """An app on the article with the search opened by `/`: (the app, the search screen's nodes' styles)."""
    app = FactexApp(REPO, watch=False, **kwargs)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert type(app.screen).__name__ == "SearchScreen"
        # the footer's key widgets, made once the keys pause (FitFooter._keys_after_sketch): in
        # one run and not the other under load, they were two nodes more ('FooterKey')
        footer = app.screen.query_one(FitFooter)
        await wait_for(pilot, lambda: bool(footer.children), 10.0)
        styled = [(type(node).__name__, node.id, _values(node._css_styles.get_rules()), _values(node.styles.get_rules()))
                  for node in app.screen.walk_children(with_self=True)]
    return app, styled


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_search_opened_with_no_cache_reads_its_css_from_the_shipped_rules(cache_home, monkeypatch, theme):
    """`/` typed as the app shows the facts: the search screen's CSS (its own, its Input's) was
    parsed as the keys typed after `/` waited for the screen (the bench kills each session, so
    nothing is ever kept; a user's first search is the same)."""
    monkeypatch.setattr(stylecache, "SHIPPED", SHIPPED)
    monkeypatch.setenv("FACTEX_THEME", theme)
    app, styles = await _search_styles(keep_styles=True)
    assert app.stylesheet.used_shipped and not app.stylesheet.used
    assert not app.stylesheet.parsed, STALE + f": {[key[1] for key in app.stylesheet.parsed]} parsed"
    _, plain_styles = await _search_styles()  # Textual's own parse
    assert styles == plain_styles


def _shipped_boom(path) -> None:
    """A file in place of SHIPPED whose every piece would run code when read."""
    pieces = stylecache.read_shipped(SHIPPED)
    assert pieces
    with open(SHIPPED, "rb") as fh:
        shipped = pickle.load(fh)
    boom = pickle.dumps(_Boom())
    shipped["pieces"] = {key: boom for key in pieces}
    path.write_bytes(pickle.dumps(shipped))


async def test_shipped_rules_of_another_textual_or_css_or_a_bad_file_are_parsed_as_textual_does(
        cache_home, monkeypatch, tmp_path):
    _, plain_styles, plain_rules = await _run()
    # Made with another Textual: not read.
    monkeypatch.setattr(stylecache, "SHIPPED", SHIPPED)
    monkeypatch.setattr(stylecache, "_textual_versions", lambda package: ["textual-0.1.0.dist-info"])
    assert stylecache.read_shipped() == {}
    app, styles, rules = await _run(keep_styles=True)
    assert not app.stylesheet.used_shipped and app.stylesheet.parsed
    assert rules == plain_rules and styles == plain_styles
    monkeypatch.undo()
    monkeypatch.setattr(stylecache, "SHIPPED", SHIPPED)
    # Other CSS (factex.tcss changed): that piece is parsed, the others read.
    tcss = FactexApp.CSS_PATH
    changed = tmp_path / "factex.tcss"
    changed.write_text((REPO / "explorer" / "app" / tcss).read_text() + "\n#nothing { width: 3; }\n")
    monkeypatch.setattr(FactexApp, "CSS_PATH", str(changed))
    app, _, rules = await _run(keep_styles=True)
    assert app.stylesheet.used_shipped
    assert [key[1] for key in app.stylesheet.parsed] == [(str(changed), "")]
    assert any("nothing" in str(rule.selector_set) for rule in app.stylesheet.rules)
    monkeypatch.setattr(FactexApp, "CSS_PATH", tcss)
    # Pieces that would run code when read: parsed instead, nothing run.
    monkeypatch.setattr(stylecache, "SHIPPED", tmp_path / "boom.pickle")
    _shipped_boom(stylecache.SHIPPED)
    called = []
    monkeypatch.setattr(os, "system", lambda *a: called.append(a))
    app, styles, rules = await _run(keep_styles=True)
    assert not called and not app.stylesheet.used_shipped and app.stylesheet.parsed
    assert rules == plain_rules and styles == plain_styles
    # No file, or not a pickle: parsed.
    for content in (None, b"not a pickle"):
        if content is None:
            stylecache.SHIPPED.unlink()
        else:
            stylecache.SHIPPED.write_bytes(content)
        assert stylecache.read_shipped() == {}
