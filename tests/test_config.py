"""Settings: a good file applies, a bad setting is reported and its default used."""

import sys
import textwrap

import pytest

from explorer.app.app import FactexApp, all_binding_ids
from explorer.core.loading.config import config_path, load_settings

from apphelpers import ready
from conftest import REPO


def write(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(textwrap.dedent(text))
    return path


def test_missing_file_means_defaults(tmp_path):
    s = load_settings(tmp_path / "none.toml")
    assert (s.theme, s.editor, s.live_reload, s.keys, s.problems) == (None, None, True, {}, [])


def test_good_settings(tmp_path):
    path = write(tmp_path, """
        theme = "textual-light"
        editor = "nvim -u NONE"
        live_reload = false
        [keys]
        "app.search" = "slash,ctrl+f"
    """)
    s = load_settings(path, binding_ids=all_binding_ids(), themes={"textual-light", "textual-dark"})
    assert (s.theme, s.editor, s.live_reload, s.keys, s.problems) == (
        "textual-light", "nvim -u NONE", False, {"app.search": "slash,ctrl+f"}, [])


def test_bad_settings_are_reported_and_defaults_used(tmp_path):
    path = write(tmp_path, """
        theme = "no-such-theme"
        editor = 42
        live_reload = "yes"
        colour = "red"
        [keys]
        "app.serch" = "ctrl+f"
        "app.quit" = "ctrl+q; rm -rf /"
    """)
    s = load_settings(path, binding_ids=all_binding_ids(), themes={"textual-dark"})
    assert (s.theme, s.editor, s.live_reload, s.keys) == (None, None, True, {})
    text = "\n".join(p.format() for p in s.problems)
    for needle in ("no-such-theme", "editor must be a command", "live_reload must be true or false",
                   "unknown setting 'colour'", "unknown binding id 'app.serch'", "is not a key list"):
        assert needle in text


def test_broken_toml_means_defaults_and_one_message(tmp_path):
    s = load_settings(write(tmp_path, "theme = [unclosed\n"))
    assert s.theme is None and len(s.problems) == 1 and "using defaults" in s.problems[0].message


def test_config_path_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("FACTEX_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config_path() == tmp_path / "factex" / "config.toml"
    monkeypatch.setenv("FACTEX_CONFIG", str(tmp_path / "x.toml"))
    assert config_path() == tmp_path / "x.toml"


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG folders are Linux's")
def test_linux_folders_are_the_same_as_before_platformdirs(monkeypatch, tmp_path):
    """platformdirs finds the folders; on Linux they are still ~/.config/factex and ~/.cache/factex."""
    from explorer.core.loading.cache import cache_dir, cache_file

    for name in ("FACTEX_CONFIG", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert config_path() == tmp_path / ".config" / "factex" / "config.toml"
    assert cache_dir() == tmp_path / ".cache" / "factex"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert config_path() == tmp_path / "cfg" / "factex" / "config.toml"
    assert cache_file(tmp_path).parent == tmp_path / "cache" / "factex"


async def test_the_app_applies_settings_and_shows_problems(tmp_path, monkeypatch):
    monkeypatch.delenv("FACTEX_THEME", raising=False)
    path = write(tmp_path, f"""
        theme = "textual-light"
        editor = "{sys.executable} -c pass"
        live_reload = false
        nonsense = 1
        [keys]
        "app.search" = "ctrl+f"
    """)
    monkeypatch.setenv("FACTEX_CONFIG", str(path))
    app = FactexApp(REPO)
    assert app.theme == "textual-light" and app.watch_files is False
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert any("unknown setting 'nonsense'" in n.message for n in app._notifications)
        await pilot.press("ctrl+f")  # remapped
        from explorer.app.screens.search import SearchScreen
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape", "slash")  # the old key no longer searches
        assert not isinstance(app.screen, SearchScreen)


def test_help_lists_every_binding_id_that_can_be_remapped():
    """One list of binding owners: every id a remap may name is on the ? help screen, at any width."""
    from explorer.app.app import binding_sections
    from explorer.app.screens.help import help_content

    ids = all_binding_ids()
    assert {"problems.close", "help.close", "app.quit", "list.down", "search.open"} <= ids
    for width in (120, 60):
        shown = help_content(binding_sections(), width).plain
        assert all(binding_id in shown for binding_id in ids), sorted(i for i in ids if i not in shown)


def _pipe(path):
    import os

    os.mkfifo(path)


@pytest.mark.parametrize("make", [
    lambda p: p.write_text("theme = " + "9" * 5000 + "\n"),  # Python reads at most 4,300 digits
    lambda p: p.write_bytes(b"theme = 'x'\n" + b"#" * (2 << 20)),  # larger than the limit
    _pipe,  # a named pipe: reading it blocked the start for good
    lambda p: p.mkdir(),
    lambda p: p.write_bytes(b"\xff\xfe"),
    lambda p: p.write_text('theme = "\x1b[2J"\n'),
    lambda p: p.write_text("theme = " + "[" * 5000 + "]" * 5000 + "\n"),  # tomllib recurses: RecursionError
    lambda p: p.write_text("keys = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"),
], ids=["long-number", "huge", "pipe", "folder", "not-utf8", "control", "deep-arrays", "deep-tables"])
def test_any_settings_file_means_defaults_and_one_problem_never_an_error(tmp_path, make):
    path = tmp_path / "config.toml"
    make(path)
    settings = load_settings(path)
    assert len(settings.problems) == 1 and settings.problems[0].message.endswith("using defaults"), settings.problems


def test_a_theme_named_in_the_environment_that_does_not_exist_is_a_problem_not_an_error(tmp_path, monkeypatch):
    """`FACTEX_THEME` with a typo (or escapes): Textual refused the theme and the app did not
    start. It is now a settings problem (shown as the others are), and the default theme is used."""
    from explorer.app.app import FactexApp
    from explorer.core.loading.config import Settings

    monkeypatch.setenv("FACTEX_THEME", "textual-drak\x1b[2J")
    monkeypatch.setenv("COLORFGBG", "0;15")
    app = FactexApp(tmp_path, watch=False, settings=Settings())
    assert app.theme == "textual-light"  # (what the terminal's colours say, as without FACTEX_THEME)
    (problem,) = app.settings.problems
    assert problem.message.startswith("FACTEX_THEME 'textual-drak") and problem.message.endswith("using the default")


from hypothesis import given, settings as hsettings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@hsettings(max_examples=40)
@given(st.integers(0, 6), st.integers(0, 20), st.sampled_from(["\x1b", "\x07", "=", "\x00"]), st.booleans())
def test_a_broken_settings_file_is_said_at_its_line_and_column(tmp_path_factory, lines_before, indent, bad, as_bytes):
    """A settings file TOML cannot read, or that is not UTF-8, is one problem at the line and column
    where it breaks (it was `config.toml: warning: Illegal character '\\x1b' (at line 2, column 15)`,
    the place in its words and none in the problem, or the codec's "in position 0")."""
    path = tmp_path_factory.mktemp("cfg") / "config.toml"
    head = "".join(f"# note {n}\n" for n in range(lines_before)) + " " * indent
    if as_bytes:
        path.write_bytes(head.encode() + b"theme = '\xff'\n")
        column = indent + len("theme = '") + 1
    else:
        path.write_text(head + f"theme = 'x{bad}'\n" if bad != "=" else head + "theme = = 'x'\n")
        column = indent + len("theme = 'x") + 1 if bad != "=" else indent + len("theme = ") + 1
    (problem,) = load_settings(path).problems
    assert (problem.line, problem.column) == (lines_before + 1, column), problem.format()
    assert problem.message.endswith("; using defaults") and "(at line" not in problem.message
    assert problem.format().startswith(f"{path}:{lines_before + 1}:{column}: warning: ")
