"""Patterns compiled ahead of time (explorer/core/regexes.py): the shipped code is the compiler's,
each pattern made from it is `re.compile`'s, and a first load compiles none of factex's patterns."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core import regexcode, regexes

REPO = Path(__file__).resolve().parent.parent
# The table is used only under the interpreter it was made by (Python 3.11.7 here); under another,
# each pattern is compiled as before, and the tests below check that instead, or make the table
# for this interpreter first (`_made_here`).
SHIPPED_HERE = tuple(regexcode.ENGINE) == regexes.engine()


def _made_here(monkeypatch) -> None:
    """The shipped table's patterns, with their code as this interpreter's compiler makes it."""
    if not SHIPPED_HERE:
        monkeypatch.setattr(regexcode, "ENGINE", regexes.engine())
        for name in ("CODES", "START"):
            monkeypatch.setattr(regexcode, name, {key: regexes.code_of(*key) for key in getattr(regexcode, name)})
        monkeypatch.setattr(regexes, "_SHIPPED", None)


def _same(a: re.Pattern, b: re.Pattern) -> None:
    # (Pattern equality compares the text, the flags and the code itself)
    assert a == b and a.flags == b.flags and a.groups == b.groups and a.groupindex == b.groupindex, a.pattern


def test_the_shipped_code_is_what_the_compiler_makes_now():
    # In a fresh process (what it notes is every pattern asked for there): stale until
    # `python -m explorer.core.shipregexes` is run again after a pattern changed or was added.
    code = "import sys; from explorer.core import shipregexes; sys.stdout.write(shipregexes.text())"
    made = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True).stdout
    shipped = (REPO / "explorer/core/regexcode.py").read_text(encoding="utf-8")
    if not SHIPPED_HERE:  # (another interpreter's code: as many of factex's patterns; the text of
        # those built from unicodedata's tables differs with its version, 3.12's Unicode 15, and
        # the standard library's START patterns with the interpreter)
        made, shipped = (text.partition("CODES = {")[2].partition("\n}\n")[0].count("\n    (") for text in (made, shipped))
    assert made == shipped, "explorer/core/regexcode.py is stale: run python -m explorer.core.shipregexes"


def test_each_shipped_pattern_is_made_from_its_code_and_equals_re_compile(monkeypatch):
    _made_here(monkeypatch)
    expected = {key: re.compile(*key) for key in regexcode.CODES}

    def refused(*args, **kwargs):
        raise AssertionError("compiled by the regex compiler")

    monkeypatch.setattr(re, "compile", refused)
    monkeypatch.setattr(re._compiler, "compile", refused)
    for (pattern, flags), want in expected.items():
        _same(regexes.compiled(pattern, flags), want)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(regexcode.CODES)), st.text(alphabet=st.sampled_from(
    "aZ09 -\t\n.,:;!?'\"#[]{}|>\u00a0\u2014\u2013\u2026\u00ab\u00bb\u2019\u200b\u3000\uff01\u0640"), max_size=40))
def test_a_shipped_pattern_finds_what_re_compile_finds(key, text):
    ours, theirs = regexes.compiled(*key), re.compile(*key)
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]
    assert [m.groups() for m in ours.finditer(text)] == [m.groups() for m in theirs.finditer(text)]


def test_another_interpreter_or_pattern_is_compiled_as_re_compile_does(monkeypatch):
    key = next(iter(regexcode.CODES))
    _same(regexes.compiled("(?P<x>new)[\u2014-]", re.M), re.compile("(?P<x>new)[\u2014-]", re.M))
    monkeypatch.setattr(regexes, "_SHIPPED", None)
    monkeypatch.setattr(regexcode, "ENGINE", ("cpython", (3, 99, 0)) + tuple(regexcode.ENGINE[2:]))
    compiles = []
    real = re._compiler.compile
    monkeypatch.setattr(re._compiler, "compile", lambda p, f=0: compiles.append(p) or real(p, f))
    re.purge()
    _same(regexes.compiled(*key), real(*key))
    assert compiles == [key[0]]
    # code the engine refuses is compiled again
    monkeypatch.setattr(regexes, "_SHIPPED", {key: (32, b"\x00\x00\x00\x00", 0, (), (None,))})
    re.purge()
    _same(regexes.compiled(*key), real(*key))


# A first load of the shipped workspace, as the helper process of a first start runs it: every
# pattern of factex's it needs (the card reader's, the fields', the sources' normal form) comes
# from the shipped code; the compiler runs for none of them (it was ~82 M instructions).
_LOAD = r"""
import json, os, sys, tempfile
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp()
import re._compiler
real = re._compiler.compile
ours = []
def compile(p, flags=0):
    caller = sys._getframe(1)  # (frames, not traceback's lines: Python 3.13 reads them with tokenize)
    while "/re/" in caller.f_code.co_filename:
        caller = caller.f_back
    if "/explorer/" in caller.f_code.co_filename:  # (a pattern of factex's own, not of a module it imports)
        ours.append(f"{caller.f_code.co_filename}:{caller.f_lineno}")
    return real(p, flags)
re._compiler.compile = compile
from explorer.core.loading.loader import Loader
base = Loader(sys.argv[1]).load(save=True)
assert base.entities and base.relations
print(json.dumps(ours))
"""


def test_a_first_load_compiles_none_of_factexs_patterns():
    out = subprocess.run([sys.executable, "-c", _LOAD, str(REPO)], cwd=REPO, capture_output=True, text=True, check=True)
    assert (json.loads(out.stdout) == []) == SHIPPED_HERE  # (another interpreter compiles them, as before)


def test_the_start_patterns_are_made_from_their_code_and_equal_re_compile(monkeypatch):
    # (Textual's, Rich's and the standard library's patterns that the app's modules compile as
    # they are imported: regexes.seed_start puts them in re's cache, made from the shipped code)
    assert regexcode.START
    _made_here(monkeypatch)
    expected = {key: re._compiler.compile(*key) for key in regexcode.START}
    cache = {}
    monkeypatch.setattr(re, "_cache", cache)
    if sys.version_info[:2] != (3, 11):  # (re's cache is another shape there: nothing is put in it)
        assert regexes.seed_start() == 0 and cache == {}
        return
    monkeypatch.setattr(re._compiler, "compile", lambda *a: (_ for _ in ()).throw(AssertionError("compiled")))
    assert regexes.seed_start() == len(expected)
    for (pattern, flags), want in expected.items():
        _same(re.compile(pattern, flags), want)
    assert regexes.seed_start() == 0  # (what is there already is left as it is)


_STARTS = r"""
import json, re, sys
from explorer.core.regexes import seed_start
from explorer.core.shipregexes import START_MODULES
re.purge()
seeded = seed_start()
real = re._compiler.compile
compiled = []
re._compiler.compile = lambda p, flags=0: compiled.append(repr(p)[:60]) or real(p, flags)
for name in START_MODULES:
    __import__(name)
print(json.dumps([seeded, compiled]))
"""


def test_the_apps_modules_import_without_compiling_a_pattern():
    # (each was ~1 M instructions, Textual's CSS tokenizer's ~7 M: ~85 M of every start of the app)
    out = subprocess.run([sys.executable, "-c", _STARTS], cwd=REPO, capture_output=True, text=True, check=True)
    seeded, compiled = json.loads(out.stdout)
    if SHIPPED_HERE:
        assert seeded > 50 and compiled == []
    else:  # (another interpreter: nothing seeded, each compiled as before)
        assert seeded == 0 and len(compiled) > 50
