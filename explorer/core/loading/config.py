"""User settings from `$XDG_CONFIG_HOME/factex/config.toml` (or the platform's equivalent).

```toml
theme = "textual-light"        # any Textual theme name
editor = "nvim"                # overrides $VISUAL / $EDITOR for `e`
live_reload = true             # watch cards and sources for changes

[keys]                         # remap by binding id (see the ? help screen)
"app.search" = "slash,ctrl+f"
"list.down" = "down,j,ctrl+n"
```

A bad setting is reported (a `Problem` about the settings file, which the app shows) and its default
is used; a broken file means all defaults. `$FACTEX_CONFIG` names another file. No Textual import here.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import field
from pathlib import Path

from explorer.core.model import Problem, record
from explorer.core.text import LazyPattern
from explorer.core.safetext import quoted

KNOWN = ("theme", "editor", "live_reload", "keys")
_KEY_SPEC = LazyPattern(r"^[a-z0-9_+\-]+(,[a-z0-9_+\-]+)*$", re.IGNORECASE)


@record
class Settings:
    """The user's settings (config.toml) and what was wrong in them."""

    theme: str | None = None
    editor: str | None = None
    live_reload: bool = True
    keys: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    problems: list[Problem] = field(default_factory=list)


_TOML_PLACE = LazyPattern(r" \(at line ([0-9]+), column ([0-9]+)\)$")


def _problem(path: Path, message: str) -> Problem:
    """A problem with the settings file as a whole (what TOML reports says its own line)."""
    return Problem(str(path), 0, 0, "warning", message)


def config_path() -> Path:
    """`$FACTEX_CONFIG`, else `config.toml` in the platform's settings folder for factex
    (platformdirs: `$XDG_CONFIG_HOME/factex` or `~/.config/factex` on Linux, `~/Library/Application
    Support/factex` on macOS, `%APPDATA%\\factex` on Windows)."""
    if os.environ.get("FACTEX_CONFIG"):
        return Path(os.environ["FACTEX_CONFIG"])
    import platformdirs

    return Path(platformdirs.user_config_dir("factex", appauthor=False, roaming=True)) / "config.toml"


MAX_SETTINGS_BYTES = 1 << 20


def _read_settings(path: Path) -> bytes:
    """The settings file's bytes: a regular file of at most MAX_SETTINGS_BYTES, opened without
    blocking (a named pipe there hung the start for good) and read to that limit."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(0, "not a regular file")
        if st.st_size > MAX_SETTINGS_BYTES:
            raise OSError(0, f"larger than {MAX_SETTINGS_BYTES >> 20} MiB")
        with os.fdopen(os.dup(fd), "rb") as fh:
            return fh.read(MAX_SETTINGS_BYTES + 1)
    finally:
        os.close(fd)


def load_settings(path: Path | None = None, *, binding_ids=None, themes: set[str] | None = None) -> Settings:
    """Read settings; problems are collected in `Settings.problems`, never raised.

    `binding_ids` (a set, or a function giving it, called only if there is a [keys] table: the
    app's bindings live in modules not worth importing at start-up otherwise) validates remaps."""
    path = config_path() if path is None else path
    settings = Settings(path=path)
    try:
        raw = _read_settings(path)
    except FileNotFoundError:
        return settings
    except OSError as exc:
        settings.problems.append(_problem(path, f"cannot read settings: {exc.strerror or exc}; using defaults"))
        return settings
    import tomllib  # (only when there is a settings file)

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:  # (at its line and column, as a card's is)
        from explorer.core.encodings import not_utf8

        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        settings.problems.append(Problem(str(path), line, column, "warning", f"{not_utf8('settings file', raw, exc.start)}; using defaults"))
        return settings
    except (ValueError, RecursionError) as exc:  # (a TOMLDecodeError, a number of 4,300 digits and
        # more, arrays or tables nested thousands deep: tomllib reads them by recursion)
        said = (str(exc) if isinstance(exc, tomllib.TOMLDecodeError) else
                "values nested too deep to read" if isinstance(exc, RecursionError) else "a number too long to read")
        at = _TOML_PLACE.search(said) if isinstance(exc, tomllib.TOMLDecodeError) else None
        if at is not None:  # "Illegal character '\x1b' (at line 2, column 15)": said at 2:15
            settings.problems.append(Problem(str(path), int(at.group(1)), int(at.group(2)), "warning",
                                             f"{said[:at.start()]}; using defaults"))
        else:
            settings.problems.append(_problem(path, f"{said}; using defaults"))
        return settings
    for key in data:
        if key not in KNOWN:
            settings.problems.append(_problem(path, f"unknown setting {quoted(key)} (known: {', '.join(KNOWN)})"))
    theme = data.get("theme")
    if theme is not None:
        if not isinstance(theme, str) or (themes is not None and theme not in themes):
            settings.problems.append(_problem(path, f"theme {theme!r} is not a known theme; using the default"))
        else:
            settings.theme = theme
    editor = data.get("editor")
    if editor is not None:
        if not isinstance(editor, str) or not editor.strip():
            settings.problems.append(_problem(path, "editor must be a command, like \"nvim\"; using $VISUAL/$EDITOR"))
        else:
            settings.editor = editor
    live = data.get("live_reload")
    if live is not None:
        if not isinstance(live, bool):
            settings.problems.append(_problem(path, "live_reload must be true or false; using true"))
        else:
            settings.live_reload = live
    keys = data.get("keys")
    if keys is not None:
        if not isinstance(keys, dict):
            settings.problems.append(_problem(path, "[keys] must be a table of binding id = \"keys\""))
        else:
            if callable(binding_ids):
                binding_ids = binding_ids()
            for binding_id, spec in keys.items():
                if binding_ids is not None and binding_id not in binding_ids:
                    settings.problems.append(_problem(path, f"[keys] unknown binding id {quoted(binding_id)} (see the ? help screen)"))
                elif not isinstance(spec, str) or not _KEY_SPEC.match(spec.replace(" ", "")):
                    settings.problems.append(_problem(path, f"[keys] {binding_id} = {spec!r} is not a key list like \"ctrl+f,slash\""))
                else:
                    settings.keys[binding_id] = spec.replace(" ", "")
    return settings
