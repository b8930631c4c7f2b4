"""`python -m explorer.core.shipinits`: write explorer/core/inits.py, the `__init__` of every class
made with `explorer.core.model.record`, compiled ahead of time (see `record`).

Run it after adding a record class or changing one's fields: tests/test_model.py fails until it
is run (a class whose `__init__` is not there is compiled as it is made, as `dataclass` does).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from explorer.core import model

INITS = Path(__file__).resolve().with_name("inits.py")
HEAD = '''"""The `__init__` of each class made with explorer.core.model.record, as `dataclass` would compile it
(explorer.core.model._init_source): {the text dataclass executes: the function it defines}.
Written by `python -m explorer.core.shipinits`; do not edit."""

# fmt: off
# ruff: noqa

MADE = {}
'''


def record_modules() -> list[str]:
    """The modules of the package that make record classes (those whose text says `@record`)."""
    package = Path(model.__file__).resolve().parents[1]
    return sorted(".".join(path.relative_to(package.parent).with_suffix("").parts)
                  for path in package.rglob("*.py") if "@record" in path.read_text(encoding="utf-8")
                  and path.stem != "shipinits")


def shipped() -> list[str]:
    """The text of each record class's `__init__` of the package made so far, sorted, once each."""
    return sorted({text for module, text in model.INIT_SOURCES if module.split(".")[0] == "explorer"})


def text() -> str:
    """What explorer/core/inits.py holds: every record module imported, each record's text."""
    for name in record_modules():
        importlib.import_module(name)
    parts = [HEAD]
    for source in shipped():
        parts.append(f"\n{source}\nMADE[{source!r}] = __create_fn__\n")
    return "".join(parts)


if __name__ == "__main__":
    INITS.write_text(text(), encoding="utf-8")
    print(f"{INITS}: {len(shipped())} record classes' __init__")
