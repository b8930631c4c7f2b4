"""`python -m explorer.core.shipregexes`: write explorer/core/regexcode.py, the code of every pattern
factex compiles through `explorer.core.regexes.compiled` (and so every `text.LazyPattern`), and of
every pattern the modules of the app's start compile as they are imported (`START_MODULES`:
Textual's, Rich's, the standard library's, put in `re`'s cache by `regexes.seed_start`), as this
interpreter's regex compiler makes it (see explorer/core/regexes.py).

Run it after adding or changing such a pattern: tests/test_regexes.py fails until it is run (a
pattern whose code is not there is compiled as `re.compile` does, as before).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from explorer.core import regexes

CODE = Path(__file__).resolve().with_name("regexcode.py")
HEAD = '''"""The code of each pattern factex compiles through explorer.core.regexes.compiled, as the regex
compiler of ENGINE makes it: {(pattern, flags): (flags, code (an array of words, as bytes), groups, group names, group of each)};
START the same for the patterns of the app's start (explorer.core.shipregexes.START_MODULES).
Written by `python -m explorer.core.shipregexes`; do not edit."""

# fmt: off
# ruff: noqa

'''


# What the app imports before its first frame (explorer/cli/app.py, Textual's terminal driver and
# its input parser), imported in a fresh interpreter to find the patterns they compile.
START_MODULES = ("explorer.cli.app", "explorer.app.lastframe", "explorer.app.preload", "explorer.app.app",
                 "explorer.app.screens.main", "textual.drivers.linux_driver", "textual._xterm_parser")

_START = """
import re, sys
re.purge()
for name in sys.argv[1:]:
    __import__(name)
print(repr(sorted(((p, f) for t, p, f in re._cache), key=repr)))
"""


def start_patterns() -> list:
    """The patterns in `re`'s cache once a fresh interpreter has imported START_MODULES (with the
    same environment whoever runs this: what a module compiles may depend on it)."""
    import ast
    import os
    import subprocess
    import sys

    package = Path(regexes.__file__).resolve().parents[2]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "TERM": "xterm-256color",
           "PYTHONPATH": str(package), "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run([sys.executable, "-c", _START, *START_MODULES], env=env, cwd=package,
                         capture_output=True, text=True, check=True).stdout
    return ast.literal_eval(out)


def pattern_modules() -> list[str]:
    """The modules of the package that compile patterns through `compiled` or `LazyPattern`."""
    package = Path(regexes.__file__).resolve().parents[1]
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.stem in ("regexes", "regexcode", "shipregexes"):
            continue
        text = path.read_text(encoding="utf-8")
        if "LazyPattern(" in text or "compiled(" in text and "import compiled" in text:
            found.append(".".join(path.relative_to(package.parent).with_suffix("").parts))
    return found


def patterns() -> list[tuple[str, int]]:
    """Every pattern those modules compile at import or hold as a `LazyPattern`, sorted."""
    from explorer.core.text import LazyPattern

    for name in pattern_modules():
        module = importlib.import_module(name)
        for value in list(vars(module).values()):
            if isinstance(value, LazyPattern):
                value.pattern  # (compiled through `compiled`, which notes it)
    return sorted(regexes.ASKED)


def text() -> str:
    ours = patterns()
    lines = [HEAD, f"ENGINE = {regexes.engine()!r}\n", "CODES = {\n"]
    for pattern, flags in ours:
        lines.append(f"    ({pattern!r}, {flags!r}): {regexes.code_of(pattern, flags)!r},\n")
    lines.append("}\nSTART = {\n")
    for pattern, flags in start_patterns():
        if (pattern, flags) not in ours:
            lines.append(f"    ({pattern!r}, {flags!r}): {regexes.code_of(pattern, flags)!r},\n")
    lines.append("}\n")
    return "".join(lines)


def main() -> None:
    CODE.write_text(text(), encoding="utf-8")
    print(f"wrote {CODE}")


if __name__ == "__main__":
    main()
