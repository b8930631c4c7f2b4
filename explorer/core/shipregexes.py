"""`python -m explorer.core.shipregexes`: write explorer/core/regexcode.py, the code of every pattern
factex compiles through `explorer.core.regexes.compiled` (and so every `text.LazyPattern`), as
this interpreter's regex compiler makes it (see explorer/core/regexes.py).

Run it after adding or changing such a pattern: tests/test_regexes.py fails until it is run (a
pattern whose code is not there is compiled as `re.compile` does, as before).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from explorer.core import regexes

CODE = Path(__file__).resolve().with_name("regexcode.py")
HEAD = '''"""The code of each pattern factex compiles through explorer.core.regexes.compiled, as the regex
compiler of ENGINE makes it: {(pattern, flags): (flags, code (an array of words, as bytes), groups, group names, group of each)}.
Written by `python -m explorer.core.shipregexes`; do not edit."""

# fmt: off
# ruff: noqa

'''


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
    lines = [HEAD, f"ENGINE = {regexes.engine()!r}\n", "CODES = {\n"]
    for pattern, flags in patterns():
        lines.append(f"    ({pattern!r}, {flags!r}): {regexes.code_of(pattern, flags)!r},\n")
    lines.append("}\n")
    return "".join(lines)


def main() -> None:
    CODE.write_text(text(), encoding="utf-8")
    print(f"wrote {CODE}")


if __name__ == "__main__":
    main()
