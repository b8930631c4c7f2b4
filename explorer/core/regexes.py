"""Regular expressions compiled ahead of time: `compiled(pattern, flags)` is `re.compile`'s pattern.

Python's regex compiler is written in Python; a character class holding characters past U+00FF
(a dash, a space, an invisible character of `text.py`) costs it ~0.2 ms each, and the patterns a
first load compiles (the card reader's, the sources' normal form, the fields') were ~82 M
instructions, half of reading the shipped article's cards. `python -m explorer.core.shipregexes`
writes each pattern's code, as this very compiler makes it, to `explorer/core/regexcode.py`;
`compiled()` hands that code to the engine (`_sre.compile`, what `re.compile` ends with) when the
interpreter is the one the code was made by (implementation, version, the engine's magic number
and code size), and calls `re.compile` for anything else: another Python, a pattern not shipped
(or changed since: the text and flags are the key), any error. The engine checks the code it is
given; tests/test_regexes.py holds the shipped file to what the compiler makes now, each pattern
to `re.compile`'s (equal patterns: the same text, flags and code).
"""

from __future__ import annotations

import re
import sys

ASKED: set = set()  # every (pattern, flags) asked for in this process (what the ship writes)


def engine() -> tuple:
    """What the shipped code must have been made by to be used here."""
    import _sre
    from array import array

    return (sys.implementation.name, tuple(sys.version_info[:3]), _sre.MAGIC, _sre.CODESIZE, sys.maxunicode,
            sys.byteorder, array("I").itemsize)


_SHIPPED: dict | None = None


def _table(name: str) -> dict:
    try:
        from explorer.core import regexcode

        return getattr(regexcode, name) if tuple(regexcode.ENGINE) == engine() else {}
    except Exception:  # noqa: BLE001 - no shipped code: compile as usual
        return {}


def _shipped() -> dict:
    global _SHIPPED
    if _SHIPPED is None:
        _SHIPPED = _table("CODES")
    return _SHIPPED


def _made(pattern, made) -> re.Pattern:
    import _sre
    from array import array

    final, code, groups, groupindex, indexgroup = made
    return _sre.compile(pattern, final, array("I", code).tolist(), groups, dict(groupindex), indexgroup)


def seed_start() -> int:
    """Put the patterns that the modules of the app's start (Textual, Rich, the standard library)
    compile as they are imported (`regexcode.START`) into `re`'s own cache of compiled patterns,
    where `re.compile` looks first: each is then made from its shipped code, not compiled (~85 M
    instructions of every start of the app, Textual's CSS tokenizer most of them). Only with the
    interpreter the code was made by (whose `re` keeps that cache as a dict keyed by the
    pattern's type, text and flags); a pattern changed since (another Textual) is not a key, and
    is compiled as before. Returns how many were put there."""
    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict) or sys.version_info[:2] != (3, 11):
        return 0
    room = getattr(re, "_MAXCACHE", 0) - len(cache)
    seeded = 0
    for (pattern, flags), made in _table("START").items():
        key = (type(pattern), pattern, flags)
        if seeded >= room or key in cache:
            continue
        try:
            cache[key] = _made(pattern, made)
        except Exception:  # noqa: BLE001 - the engine refused it: compiled when asked, as usual
            continue
        seeded += 1
    return seeded


def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`, from the shipped code when there is code for this pattern."""
    flags = int(flags)
    ASKED.add((pattern, flags))
    made = _shipped().get((pattern, flags))
    if made is not None:
        try:
            return _made(pattern, made)
        except Exception:  # noqa: BLE001 - the engine refused it: compile as usual
            pass
    return re.compile(pattern, flags)


def code_of(pattern: str, flags: int = 0) -> tuple:
    """What `compiled` hands the engine for `pattern`, as this interpreter's compiler makes it
    (for `python -m explorer.core.shipregexes` and the tests: the compiler's own steps, as
    `re._compiler.compile` takes them). The code is kept as the bytes of an array of its words:
    a table of them loads ~10x faster than one of tuples of ints."""
    from array import array
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(flags | parsed.state.flags), array("I", code).tobytes(), parsed.state.groups - 1, tuple(sorted(groupindex.items())),
            tuple(indexgroup))
