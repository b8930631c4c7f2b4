"""Textual's parsed stylesheet, kept between runs in the user's cache folder.

Textual parses the app's CSS (factex.tcss) and the default CSS of every widget class it meets on
each start: ~8 kB of CSS at ~6 k instructions a character, ~50 M instructions before the first
frame (4% of a first start, more than factex's own modules take to import). The rules it makes
from a piece of CSS depend only on that text, where it was read from, its scope and priority,
the theme's variables and Textual's own code, so they are kept: `Stylesheet` (the app's) reads
the rules of a piece from the file kept by an earlier run when all of that is the same, and
parses it as Textual does otherwise; `store` writes what this run parsed, once the app has ended.

The file is the user's own (the cache folder, never the workspace: `explorer.core.loading.cache`),
named by Textual's version and the stamps of its CSS modules (another Textual never reads it),
and read, as the card cache is, by an unpickler that builds nothing but Textual's CSS classes: a
tampered file cannot run code, it is only not used. Any failure to read it means a parse as
before. `FACTEX_CACHE=0` turns it off with the card cache.

The rules of the CSS a first start parses (the main view's, dark and light) also ship with factex,
in SHIPPED (`python -m explorer.app.shipcss` writes it): so a start with no cache at all parses
none of it either. Its pieces are keyed as above, but by where the CSS was read inside Textual's or
factex's package (not the folder they are installed in), and the file holds the Textual version it
was made with (pyproject pins it): another Textual, other CSS (a changed factex.tcss), another
theme, or a file that fails to read, and the piece is parsed as Textual does.
tests/test_stylecache.py fails when the file is out of date with the CSS.

The variables of the dark and light themes' colour systems ship too (`theme_variables`).

The styles written as text in what factex draws (a row's "bold $text-accent") are kept and
shipped the same way, keyed by their text and the variables (`Stylesheet.parse_style`): Textual
parses each once a run (~0.5 M instructions each, ~7 M of a first frame).
"""

from __future__ import annotations

import io
import os
import pickle
import sys

from pathlib import Path

from textual.css.stylesheet import Stylesheet as _TextualStylesheet
from textual.style import Style as _Style

VERSION = 1
MAX_BYTES = 4 << 20
KEEP_BYTES = 1 << 20  # (more than this kept: only the pieces of the last run that parsed any)

# What parsed rules are made of (Textual 8.2), and nothing else: a rule set, its selectors and
# its styles, with their values. A piece whose rules need another class is not kept.
_ALLOWED = {
    ("textual.css.model", "RuleSet"),
    ("textual.css.model", "Selector"),
    ("textual.css.model", "SelectorSet"),
    ("textual.css.model", "SelectorType"),
    ("textual.css.model", "CombinatorType"),
    ("textual.css.model", "_check_universal"),
    ("textual.css.model", "_check_type"),
    ("textual.css.model", "_check_class"),
    ("textual.css.model", "_check_id"),
    ("textual.css.styles", "Styles"),
    ("textual.css.scalar", "Scalar"),
    ("textual.css.scalar", "Unit"),
    ("textual.css.scalar", "ScalarOffset"),
    ("textual.color", "Color"),
    ("textual.style", "Style"),  # (a style parsed from its text: Stylesheet.parse_style)
    ("textual.geometry", "Spacing"),
    ("textual.layouts.horizontal", "HorizontalLayout"),
    ("textual.layouts.vertical", "VerticalLayout"),
    ("textual.layouts.grid", "GridLayout"),
    ("functools", "partial"),
    ("builtins", "getattr"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
}


def _dict_method(obj, name: str):
    """The one `getattr` a parsed rule needs: a `Styles` keeps its rules dict's `get` and
    `__contains__` (bound methods pickle as getattr(the dict, name)). Nothing else."""
    if type(obj) is dict and name in ("get", "__contains__"):
        return getattr(obj, name)
    raise pickle.UnpicklingError(f"getattr({type(obj).__name__}, {name!r}) is not allowed in a styles cache")


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a styles cache")
        if (module, name) == ("builtins", "getattr"):
            return _dict_method
        return super().find_class(module, name)


def _loads(data: bytes):
    return _Unpickler(io.BytesIO(data)).load()


STYLE = "style"  # (the first item of a parsed style's key; a piece of CSS's is its text)
VARIABLES = "variables"  # (the first item of a theme's colour system's key: see theme_variables)


def pickled(value) -> bytes | None:
    """A piece as kept: the rules of a piece of CSS or a parsed style (its fields alone: not
    what drawing with it cached on it), pickled; None if it does not read back with the
    unpickler above."""
    if type(value) is _Style:
        import dataclasses

        value = dataclasses.replace(value)
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        back = _loads(data)
    except Exception:  # noqa: BLE001 - a piece that does not read back is not kept
        return None
    if type(back) is _Style or (isinstance(back, list) and all(type(r).__name__ == "RuleSet" for r in back)):
        return data
    return None


SHIPPED = Path(__file__).with_name("parsed-css.pickle")


def _textual_versions(package: str) -> list[str]:
    """The names of Textual's installed metadata folders beside its `package` folder
    ("textual-8.2.8.dist-info"; found without importlib.metadata, ~25 ms)."""
    with os.scandir(os.path.dirname(package)) as entries:
        return sorted(e.name for e in entries if e.name.startswith("textual-") and e.name.endswith(".dist-info"))


def _textual_stamp() -> str | None:
    """Textual's version (its installed metadata folder's name) and the size and time of each
    module of its CSS package; None if not found."""
    import textual.css

    try:
        css = os.path.dirname(os.path.abspath(textual.css.__file__))
        package = os.path.dirname(css)
        parts = [sys.version, str(VERSION)]
        parts += _textual_versions(package)
        with os.scandir(css) as entries:
            for e in entries:
                if e.name.endswith(".py"):
                    st = e.stat()
                    parts.append("\0".join((e.name, str(st.st_size), str(st.st_mtime_ns))))
    except (OSError, TypeError, ValueError):
        return None
    if len(parts) < 3:
        return None  # (no version found: never kept)
    from explorer.core.digests import sha256

    return sha256("\n".join(sorted(parts)).encode()).hexdigest()[:24]


def cache_path():
    """The file of this Textual's parsed rules, or None (the cache off, Textual's version unknown)."""
    from explorer.core.loading import cache

    if not cache.enabled():
        return None
    stamp = _textual_stamp()
    if stamp is None:
        return None
    return cache.cache_dir() / f"styles-{stamp}.pickle"


def _read(path) -> dict:
    """The kept pieces ({key: pickled rules}), {} if none can be trusted: a regular file of the
    user's, not writable by others, opened without following a link."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except (OSError, TypeError):
        return {}
    try:
        import stat

        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES:
            return {}
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            return {}
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        kept = _Unpickler(io.BytesIO(data)).load()
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, IndexError,
            KeyError, ImportError, RecursionError):
        return {}
    finally:
        os.close(fd)
    if not isinstance(kept, dict) or kept.get("v") != VERSION or not isinstance(kept.get("pieces"), dict):
        return {}
    return kept["pieces"]


def _packages() -> tuple[tuple[str, str], ...]:
    """(folder, name) of the packages whose CSS ships parsed: Textual's and factex's."""
    import textual

    return ((os.path.dirname(os.path.abspath(textual.__file__)) + os.sep, "textual/"),
            (os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep, "explorer/"))


def _shipped_version() -> str | None:
    """The Textual the shipped rules are for: the name of its metadata folder, if exactly one."""
    try:
        found = _textual_versions(_packages()[0][0].rstrip(os.sep))
    except (OSError, TypeError, ValueError):
        return None
    return found[0] if len(found) == 1 else None


def read_shipped(path=None) -> dict:
    """The shipped pieces ({key: pickled rules}) if they were made with the installed Textual,
    else (or on any failure to read them) {}."""
    version = _shipped_version()
    if version is None:
        return {}
    try:
        with open(SHIPPED if path is None else path, "rb") as fh:
            shipped = _Unpickler(io.BytesIO(fh.read(MAX_BYTES + 1))).load()
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, IndexError,
            KeyError, ImportError, RecursionError):
        return {}
    if (not isinstance(shipped, dict) or shipped.get("v") != VERSION or shipped.get("textual") != version
            or not isinstance(shipped.get("pieces"), dict)):
        return {}
    return shipped["pieces"]


def theme_variables(theme, pieces: dict) -> dict[str, str] | None:
    """The variables Textual makes of `theme`'s colour system (`theme.to_color_system().generate()`,
    ~6.5 M instructions of each start), from the shipped `pieces` when they hold them for this
    very theme (all its fields: another theme of the same name is not it); else None."""
    data = pieces.get((VARIABLES, repr(theme)))
    if data is None:
        return None
    try:
        variables = _loads(data)
    except Exception:  # noqa: BLE001 - anything wrong with the piece: Textual makes them
        return None
    if type(variables) is dict and all(type(k) is str and type(v) is str for k, v in variables.items()):
        return variables
    return None


class Stylesheet(_TextualStylesheet):
    """Textual's stylesheet, taking a piece's rules from those kept by an earlier run or shipped
    with factex when its text, origin, scope, priority and the variables are the same (see the
    module's doc)."""

    def __init__(self, *, variables: dict[str, str] | None = None, kept: dict | None = None,
                 shipped: dict | None = None) -> None:
        super().__init__(variables=variables)
        self.kept = kept if kept is not None else {}  # key -> pickled rules (read from the file)
        self.shipped = shipped if shipped is not None else {}  # key -> pickled rules (SHIPPED)
        self.parsed: dict = {}  # key -> rules parsed by Textual in this run (to keep)
        self.used: set = set()  # the kept pieces this run read
        self.used_shipped: set = set()  # the shipped pieces this run read
        self._variables_key: str | None = None
        self._packages = _packages() if self.shipped else ()

    def _shipped_key(self, key: tuple) -> tuple | None:
        """`key` with where its CSS was read from inside Textual's or factex's package, or None
        (read from anywhere else: never shipped). A style's key is read from nowhere: as it is."""
        if key[0] == STYLE:
            return key
        path, name = key[1]
        for folder, package in self._packages:
            if path.startswith(folder):
                return (key[0], (package + path[len(folder):].replace(os.sep, "/"), name), *key[2:])
        return None

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._variables_key = None

    def _variables_digest(self) -> str:
        if self._variables_key is None:  # (a digest: the theme's ~150 variables in each key of the file were 5 kB)
            from explorer.core.digests import sha256

            self._variables_key = sha256(repr(sorted(self._variables.items())).encode()).hexdigest()
        return self._variables_key

    def _key(self, css, read_from, is_default_rules, tie_breaker, scope) -> tuple:
        return (css, tuple(read_from), bool(is_default_rules), tie_breaker, scope, self._variables_digest())

    def parse_style(self, style_text):
        """Textual's parse of a style written as text ("bold $text-accent", a span's style in a
        row): from the kept or shipped pieces when parsed before with the same variables. Each
        text Textual parses the first time in a run (~0.5 M instructions each, ~15 of them in
        the first frame: the styles of the rows, the evidence and the status line)."""
        if type(style_text) is not str or style_text in self._style_parse_cache:
            return super().parse_style(style_text)
        key = (STYLE, style_text, self._variables_digest())
        for pieces, found in ((self.kept, self.used), (self.shipped, self.used_shipped)):
            pickled = pieces.get(key)
            if pickled is None:
                continue
            try:
                style = _loads(pickled)
            except Exception:  # noqa: BLE001 - anything wrong with a kept piece: parse it as Textual does
                style = None
            if type(style) is _Style:
                self._style_parse_cache[style_text] = style
                found.add(key)
                return style
        style = super().parse_style(style_text)
        self.parsed[key] = style
        return style

    def _parse_rules(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        cache_key = (css, read_from, is_default_rules, tie_breaker, scope)
        try:
            return self._parse_cache[cache_key]  # (Textual's own: parsed once in this run)
        except KeyError:
            pass
        key = self._key(css, read_from, is_default_rules, tie_breaker, scope)
        shipped_key = self._shipped_key(key) if self.shipped else None
        for pieces, found, k in ((self.kept, self.used, key), (self.shipped, self.used_shipped, shipped_key)):
            pickled = pieces.get(k) if k is not None else None
            if pickled is None:
                continue
            try:
                rules = _loads(pickled)
            except Exception:  # noqa: BLE001 - anything wrong with a kept piece: parse it as Textual does
                rules = None
            if isinstance(rules, list) and all(type(r).__name__ == "RuleSet" for r in rules):
                self._parse_cache[cache_key] = rules
                found.add(k)
                return rules
        rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        if not any(rule.errors for rule in rules):
            self.parsed[key] = rules
        return rules


def install(app, shipped: bool = True, pieces: dict | None = None) -> None:
    """Give `app` (not yet running) a `Stylesheet` reading the kept rules and (`shipped`) those
    shipped with factex (its variables as the theme set them; nothing has been read into it yet).
    `pieces`: the shipped pieces, when already read."""
    path = cache_path()
    kept = _read(path) if path is not None else {}
    old = app.stylesheet
    if shipped and pieces is None:
        pieces = read_shipped()
    app.stylesheet = Stylesheet(variables=old._variables, kept=kept, shipped=pieces if shipped else None)
    app.stylesheet.source = old.source.copy()
    app._styles_cache_path = path


def store(app) -> bool:
    """Write the rules `app`'s stylesheet parsed in this run beside those it read (each piece
    pickled alone, and kept only if it reads back with the unpickler above), if it parsed any.
    Failures are ignored (it is only a cache)."""
    sheet = getattr(app, "stylesheet", None)
    path = getattr(app, "_styles_cache_path", None)
    if not isinstance(sheet, Stylesheet) or path is None or not sheet.parsed:
        return False
    import tempfile

    pieces = dict(sheet.kept)
    if sum(len(data) for data in pieces.values()) > KEEP_BYTES:  # (other themes, older CSS: only this run's)
        pieces = {key: sheet.kept[key] for key in sheet.used}
    for key, rules in sheet.parsed.items():
        data = pickled(rules)
        if data is not None:
            pieces[key] = data
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".styles-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump({"v": VERSION, "pieces": pieces}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, pickle.PicklingError, RecursionError):
        return False
    return True

