"""The fact base: entities, relations, evidence and problems, as plain data."""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from reprlib import recursive_repr
from typing import TYPE_CHECKING, dataclass_transform

if TYPE_CHECKING:
    from explorer.core.anchoring.sources import Anchor
    from explorer.core.anchoring.sources import Source

# Certainty, defined here once: the words in order (the first is the default) and what each means.
# The card check, the JSON Schema, the CLI's choices, the query language, the app's glyphs and
# help, and the exports all read these.
CERTAINTY_MEANINGS = {
    "stated": "the article asserts it",
    "reported": "the article relays it from a named source",
    "hedged": "the article marks it uncertain",
    "opinion": "the author's own judgement",
}
CERTAINTIES = tuple(CERTAINTY_MEANINGS)
DEFAULT_CERTAINTY = CERTAINTIES[0]
NO_SOURCE = "there is no source to find the quote in"  # (a workspace says this once, not per quote)


@dataclass_transform(frozen_default=False, field_specifiers=(field,))
def record(cls=None, /, *, slots: bool = False, frozen: bool = False):
    """`dataclass(cls, slots=..., frozen=...)`, the same class with the same `__init__`, `__repr__`,
    `__eq__` and (frozen) `__hash__`, made for a fraction of the cost: `dataclass` writes each
    method's source and compiles it (`exec`), ~1 M instructions a method, so a first start paid
    ~50 M for the ~17 classes it imports before the first frame. `__init__` is `dataclass`'s own
    code (it makes every card: it stays as fast as it was), compiled ahead of time: the classes'
    source, as `dataclass` writes it, is shipped compiled in explorer/core/inits.py (written by
    `python -m explorer.core.shipinits`), and only a class whose source is not there is compiled
    as it is made (~1 M instructions each); the others are the same few functions for every
    class, reading its fields in order. tests/test_model.py holds them to `dataclass`'s."""

    def wrap(cls):
        own_init = "__init__" in cls.__dict__  # (kept, as dataclass keeps it)
        cls = dataclass(cls, init=not _COVERED, slots=slots, frozen=frozen, repr=False, eq=False)
        if _COVERED and not own_init:
            _set_init(cls, *_init_source(cls, frozen, slots))
        every = [f for f in fields(cls)]
        compared = [f.name for f in every if f.compare]
        shown = [f.name for f in every if f.repr]
        values = _tuple_of(compared)
        name_values = [(name, attrgetter(name)) for name in shown]

        @recursive_repr()
        def __repr__(self):
            return f"{self.__class__.__qualname__}(" + ", ".join(f"{name}={get(self)!r}" for name, get in name_values) + ")"

        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return values(self) == values(other)
            return NotImplemented

        for method in (__repr__, __eq__):
            method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
            if method.__name__ not in cls.__dict__:  # (one the class writes itself is kept)
                setattr(cls, method.__name__, method)
        if "__hash__" not in cls.__dict__ or cls.__dict__["__hash__"] is None:
            if frozen:
                def __hash__(self):
                    return hash(values(self))

                __hash__.__qualname__ = f"{cls.__qualname__}.__hash__"
                cls.__hash__ = __hash__
            else:
                cls.__hash__ = None  # (as dataclass: equal by value, so not hashable)
        return cls

    return wrap if cls is None else wrap(cls)


# What `record` compiled ahead of time: {the text `dataclass` would exec: the function it makes},
# read from explorer/core/inits.py when the first record is made; and the (module, text) of each
# record made in this process (explorer/core/shipinits.py writes those of the package's).
_SHIPPED_INITS: dict | None = None
INIT_SOURCES: list[tuple[str, str]] = []
# (what _init_source reads of the dataclasses module; without it, dataclass compiles __init__ itself)
_COVERED = all(hasattr(dataclasses, name) for name in ("_FIELD", "_FIELD_INITVAR", "_HAS_DEFAULT_FACTORY"))


def _init_source(cls, frozen: bool, slots: bool) -> tuple[str, dict]:
    """The function `dataclass` would compile for the dataclass `cls`'s `__init__`, as the text it
    executes and the names that text is called with: Python 3.11's dataclasses._init_fn and
    _create_fn, written the same (the same parameters, defaults, annotations and body; a frozen
    class's fields set through object.__setattr__; __post_init__ given the InitVars)."""
    dc = dataclasses
    kinds = (dc._FIELD, dc._FIELD_INITVAR)
    every = [f for f in cls.__dataclass_fields__.values() if f._field_type in kinds]
    self_name = "__dataclass_self__" if "self" in cls.__dataclass_fields__ else "self"
    names = {f"_type_{f.name}": f.type for f in every}
    names.update({"MISSING": dc.MISSING, "_HAS_DEFAULT_FACTORY": dc._HAS_DEFAULT_FACTORY,
                  "__dataclass_builtins_object__": object})
    body = []
    for f in every:
        default = f"_dflt_{f.name}"
        if f.default_factory is not dc.MISSING:
            names[default] = f.default_factory
            value = f"{default}() if {f.name} is _HAS_DEFAULT_FACTORY else {f.name}" if f.init else f"{default}()"
        elif f.init:
            if f.default is not dc.MISSING:
                names[default] = f.default
            value = f.name
        elif slots and f.default is not dc.MISSING:
            names[default] = f.default
            value = default
        else:
            continue  # (read from the class's default)
        if f._field_type is kinds[1]:
            continue  # (an InitVar: a parameter, never set)
        body.append(f"__dataclass_builtins_object__.__setattr__({self_name},{f.name!r},{value})" if frozen
                    else f"{self_name}.{f.name}={value}")
    if hasattr(cls, "__post_init__"):
        body.append(f"{self_name}.__post_init__({','.join(f.name for f in every if f._field_type is kinds[1])})")

    def param(f) -> str:
        if f.default is not dc.MISSING:
            return f"{f.name}:_type_{f.name}=_dflt_{f.name}"
        return f"{f.name}:_type_{f.name}" + ("=_HAS_DEFAULT_FACTORY" if f.default_factory is not dc.MISSING else "")

    seen_default = None
    for f in every:
        if f.init and not f.kw_only:
            if not (f.default is dc.MISSING and f.default_factory is dc.MISSING):
                seen_default = f
            elif seen_default is not None:  # (dataclass's words: Python 3.13 names the default)
                after = f" {seen_default.name!r}" if sys.version_info >= (3, 13) else ""
                raise TypeError(f"non-default argument {f.name!r} follows default argument{after}")
    params = [self_name] + [param(f) for f in every if f.init and not f.kw_only]
    keywords = [param(f) for f in every if f.init and f.kw_only]
    if keywords:
        params += ["*", *keywords]
    names["_return_type"] = None
    lines = "\n".join(f"  {line}" for line in body or ["pass"])
    text = f"def __create_fn__({', '.join(names)}):\n def __init__({','.join(params)})->_return_type:\n{lines}\n return __init__"
    return text, names


def _set_init(cls, text: str, names: dict) -> None:
    """`cls.__init__` made from `text` (see _init_source): the shipped compiled function, or
    compiled now."""
    global _SHIPPED_INITS
    if _SHIPPED_INITS is None:
        try:
            from explorer.core import inits

            _SHIPPED_INITS = inits.MADE
        except ImportError:  # pragma: no cover - (shipinits writes it from nothing)
            _SHIPPED_INITS = {}
    INIT_SOURCES.append((cls.__module__, text))
    make = _SHIPPED_INITS.get(text)
    if make is None:
        module = sys.modules.get(cls.__module__)
        scope: dict = {}
        # (compiled as dataclass compiles it: no `from __future__ import annotations` of this
        # module, so the annotations are the fields' types, not the names that stand for them)
        exec(compile(text, "<string>", "exec", dont_inherit=True), module.__dict__ if module is not None else {}, scope)
        make = scope["__create_fn__"]
    init = make(**names)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init


def _tuple_of(names: list[str]):
    """A function giving an object's `names` attributes as a tuple (attrgetter gives one value
    alone, not a tuple of it)."""
    if len(names) == 1:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    if not names:
        return lambda obj: ()
    return attrgetter(*names)


# A workspace of 100,000 cards holds ~120,000 evidence items and as many cards, so these classes
# have `__slots__` (no per-object dict: ~100 B less each, and unpickling the snapshot does not
# make one) and pickle as their class and field values in order (`pickled_by_fields`): the
# card cache and the snapshot read back ~3x faster than with the default state dict, and any
# field added to a class is pickled with it (tests/test_model.py holds the round trip to it).


def pickled_by_fields(cls):
    """Give a slotted dataclass a `__reduce__` that pickles it as `cls(*field values)`."""
    values = attrgetter(*(f.name for f in fields(cls)))

    def __reduce__(self):
        return (self.__class__, values(self))

    cls.__reduce__ = __reduce__
    return cls


@pickled_by_fields
@record(slots=True)
class Problem:
    """The one way factex reports something wrong with a file the user wrote (a card, a source, a
    sidecar, a folder, the settings file, a brat file being imported): where it is, how bad, what
    to do. Reported and worked around, never raised (errors that stop what was asked are
    `explorer.core.errors.FactexError`s)."""

    file: str  # relative to the workspace ("" while a card's parser does not know it yet: see `at`)
    line: int  # 1-based; 0 when the problem is about the file as a whole (a setting, a file left out)
    column: int  # 1-based; 0 when not known
    severity: str  # error | warning | note
    message: str
    card: str | None = None  # the card id, when the problem belongs to a card

    @classmethod
    def in_text(cls, line: int, column: int, message: str, severity: str = "error") -> Problem:
        """A problem at a position of a text whose file the caller does not know (a card's or a
        sidecar's YAML): the loader places it with `at()`."""
        return cls("", line, column, severity, message)

    def at(self, file: str, card: str | None = None) -> Problem:
        """The same problem, in `file` (and belonging to the card `card`)."""
        return replace(self, file=file, card=card)

    def format(self) -> str:
        """`path:line:col: severity: message`, the way every problem is printed (`path: severity:
        message` for a whole file, `path:line: ...` when the column is not known)."""
        where = self.file if not self.line else f"{self.file}:{self.line}" if not self.column else \
            f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.severity}: {self.message}"

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }

    @property
    def sort_key(self):
        return (self.file, self.line, self.column, self.severity, self.message)


@pickled_by_fields
@record(slots=True)
class Evidence:
    """One quote backing a card, and where it was found in its source (`anchor`, once anchored)."""

    quote: str
    source: str | None = None  # as written on the card (None: any source)
    # How the quote's source was chosen when the quote does not name it: None (it is in one source
    # only, or names its own), "card" (the card's `source:`), "card-quotes" (the source the card's
    # other quotes come from), "earliest" (found in several sources, taken from the earliest published).
    resolved: str | None = None
    also_in: tuple = ()  # with "earliest": the other sources that hold the quote too (one summary warning, corpus.py)
    note: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None
    path: tuple = ()  # where the item stands in its card, as a path: ("evidence", 0)
    anchor: Anchor | None = None

    def to_json(self, sources: dict[str, Source]) -> dict:
        a = self.anchor
        assert a is not None
        data = {
            "source": a.source,
            "quote": self.quote,
            "start": a.start,
            "end": a.end,
            "text": sources[a.source].text[a.start : a.end],
            "line": a.line,
            "column": a.column,
            "paragraph": a.paragraph,
        }
        if self.note is not None:
            data["note"] = self.note
        return data


@record(slots=True)
class Card:
    """What entities and relations share: the id, the file, the evidence."""

    id: str
    file: str  # relative to the workspace, POSIX style
    evidence: list[Evidence] = field(default_factory=list)
    line: int = 1  # where the card's content starts
    source: str | None = None  # the card's own `source:`: its quotes' source unless they give one

    @property
    def backing_sources(self) -> list[str]:
        """The distinct sources its anchored quotes come from, in the order they first appear:
        how many sources back the fact (corroboration)."""
        return list(dict.fromkeys(ev.anchor.source for ev in self.evidence if ev.anchor is not None))

    @property
    def first_position(self) -> tuple[str, int]:
        """(source id, offset) of the first anchored quote: the order the article tells things in."""
        for ev in self.evidence:
            if ev.anchor:
                return (ev.anchor.source, ev.anchor.start)
        return ("", 0)


@pickled_by_fields
@record(slots=True)
class Entity(Card):
    """A person, organisation, place, ... the article names."""

    name: str = ""
    type: str = ""
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    same_as: str | None = None

    kind = "entity"

    def to_json(self, sources) -> dict:
        return {
            "id": self.id,
            "file": self.file,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "description": self.description,
            "same_as": self.same_as,
            "sources": self.backing_sources,
            "evidence": [ev.to_json(sources) for ev in self.evidence],
        }


@pickled_by_fields
@record(slots=True)
class Relation(Card):
    """What the article says links a subject to an object, and how certain it is."""

    subject: str = ""
    predicate: str = ""
    object: str = ""
    qualifiers: dict[str, str] = field(default_factory=dict)
    certainty: str = DEFAULT_CERTAINTY
    attribution: str | None = None

    kind = "relation"

    def to_json(self, sources) -> dict:
        return {
            "id": self.id,
            "file": self.file,
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "qualifiers": dict(self.qualifiers),
            "certainty": self.certainty,
            "attribution": self.attribution,
            "sources": self.backing_sources,
            "evidence": [ev.to_json(sources) for ev in self.evidence],
        }
