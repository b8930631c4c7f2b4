"""The model classes: slotted, and pickled (for the card cache and the snapshot) as their class and
every field's value, so a field added later is cached with the rest."""

from __future__ import annotations

import dataclasses
import inspect
import io
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import Anchor
from explorer.core.loading import cache
from explorer.core.model import Entity, Evidence, Problem, Relation, record

CLASSES = (Problem, Evidence, Entity, Relation)

# Any value a field may hold, nested a little: what matters is that each field comes back as it was.
values = st.recursive(
    st.none() | st.text(max_size=8) | st.integers() | st.booleans(),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)


def restricted_round_trip(obj):
    """Through the card cache's own unpickler, as a cache file is read."""
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return cache._Unpickler(io.BytesIO(data)).load()


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_no_object_carries_a_dict(cls):
    obj = cls(**{f.name: None for f in dataclasses.fields(cls)})
    assert not hasattr(obj, "__dict__")
    with pytest.raises(AttributeError):
        obj.not_a_field = 1


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_field_survives_the_cache(cls, data):
    fields = {f.name: data.draw(values, label=f.name) for f in dataclasses.fields(cls)}
    obj = cls(**fields)
    back = restricted_round_trip(obj)
    assert back.__class__ is cls
    assert {name: getattr(back, name) for name in fields} == fields


def test_a_card_with_its_evidence_and_anchor_survives_the_cache():
    ev = Evidence("a quote", source="src-1", path=("evidence", 0), anchor=Anchor("src-1", 10, 17, 2, 3, 1))
    rel = Relation("r-1", "facts/r-1.yaml", [ev], line=2, subject="a", predicate="met", object="b",
                   qualifiers={"when": "2024"}, certainty="reported", attribution="c")
    back = restricted_round_trip([rel, Problem("facts/x.yaml", 1, 2, "error", "bad", "x")])
    assert back[0] == rel and back[0].evidence[0].anchor == ev.anchor
    assert back[1] == Problem("facts/x.yaml", 1, 2, "error", "bad", "x")
    assert dataclasses.replace(back[1], file="y").file == "y"


# -- model.record: dataclass's class, with __repr__, __eq__ and __hash__ not compiled per class ----

def _twins(**options):
    """The same classes made by `dataclass` and by `record` (a base, a subclass, one field)."""
    made = []
    for make in (dataclasses.dataclass, record):
        @make(**options)
        class Base:
            a: int
            b: object = None
            c: list = dataclasses.field(default_factory=list)

        @make(**options)
        class Sub(Base):
            d: str = ""

        @make(**options)
        class One:
            x: object = None

        made.append((Base, Sub, One))
    return made


_TWINS: dict[tuple, list] = {}


def _twins_once(**options):
    """`_twins(**options)`, made once for each set of options: the classes do not depend on the
    values drawn (making them again for each example, three dataclasses compiled each time, was
    most of the property test's time)."""
    key = tuple(sorted(options.items()))
    if key not in _TWINS:
        _TWINS[key] = _twins(**options)
    return _TWINS[key]


@pytest.mark.parametrize("options", [{}, {"slots": True}, {"frozen": True}, {"slots": True, "frozen": True}])
@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(values, values, values), min_size=2, max_size=2))
def test_a_record_is_the_dataclass_it_stands_for(options, rows):
    """Equal, unequal, repr, hashable or not, signature: what dataclass makes, for any values."""
    (dBase, dSub, dOne), (rBase, rSub, rOne) = _twins_once(**options)
    for d, r, make in ((dBase, rBase, lambda cls, a, b, c: cls(a, b, c)), (dSub, rSub, lambda cls, a, b, c: cls(a, b, list(c) if isinstance(c, list) else [c], d=repr(a))),
                       (dOne, rOne, lambda cls, a, b, c: cls(a))):
        assert str(inspect.signature(d)) == str(inspect.signature(r))
        assert [f.name for f in dataclasses.fields(d)] == [f.name for f in dataclasses.fields(r)]
        objs = [(make(d, *row), make(r, *row)) for row in rows]
        for (d1, r1) in objs:
            assert repr(d1) == repr(r1)
            for (d2, r2) in objs:
                assert (d1 == d2) == (r1 == r2) and (d1 != d2) == (r1 != r2)
            try:
                want = hash(d1)
            except TypeError as exc:
                with pytest.raises(TypeError):
                    hash(r1)
                assert "unhashable" in str(exc)
            else:
                assert hash(r1) == want
        assert (objs[0][1] == objs[0][0]) is False  # (another class: never equal, as dataclass)
    if options.get("frozen"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            rBase(1).a = 2


def test_a_record_s_repr_of_itself_is_dataclass_s():
    (dBase, _, _), (rBase, _, _) = _twins()
    d, r = dBase(1), rBase(1)
    d.b, r.b = d, r
    assert repr(d) == repr(r) == "test_a_record_s_repr_of_itself_is_dataclass_s.<locals>._twins.<locals>.Base(a=1, b=..., c=[])".replace(
        "test_a_record_s_repr_of_itself_is_dataclass_s.<locals>.", "")


# -- model.record's __init__: dataclass's own, compiled ahead (explorer/core/inits.py) -------------

def test_the_shipped_inits_are_those_of_the_record_classes():
    """explorer/core/inits.py holds the __init__ of every record class of the package, as they
    are now: a class changed without `python -m explorer.core.shipinits` compiles its __init__
    at each start again (~1 M instructions of a first frame each)."""
    from explorer.core import inits, shipinits

    assert shipinits.text() == shipinits.INITS.read_text(encoding="utf-8"), (
        "explorer/core/inits.py is out of date with the record classes: write it again with "
        "`python -m explorer.core.shipinits`")
    made = [cls for cls in (Problem, Evidence, Entity, Relation)]
    assert all(cls.__init__.__code__.co_filename == inits.__file__ for cls in made)


# One field of a generated class: how it is declared (see _layout_class).
FIELD_KINDS = ("required", "default", "factory", "no-init default", "no-init factory", "no-init", "initvar",
               "initvar default", "keyword", "keyword default", "keyword factory")


def _layout_class(make, kinds: list[str], *, named_self: bool, post_init: bool, **options):
    """A class of the fields `kinds` (field i named f{i}, or the first `self`), made by `make`
    (dataclass or record) with `options`; its __post_init__ (if any) keeps what it is given."""
    names = ["self" if named_self and i == 0 else f"f{i}" for i in range(len(kinds))]
    annotations, namespace = {}, {}
    for name, kind in zip(names, kinds):
        annotations[name] = dataclasses.InitVar[int] if kind.startswith("initvar") else list
        if kind in ("default", "initvar default"):
            namespace[name] = len(name)
        elif kind == "factory":
            namespace[name] = dataclasses.field(default_factory=list)
        elif kind == "no-init default":
            namespace[name] = dataclasses.field(default=7, init=False)
        elif kind == "no-init factory":
            namespace[name] = dataclasses.field(default_factory=dict, init=False)
        elif kind == "no-init":
            namespace[name] = dataclasses.field(init=False)
        elif kind.startswith("keyword"):
            namespace[name] = dataclasses.field(kw_only=True, **(
                {"default": 3} if kind == "keyword default" else {"default_factory": list} if kind == "keyword factory" else {}))
    namespace["__annotations__"] = annotations
    if post_init:
        def __post_init__(obj, *given):
            obj.__class__.given.append(given)

        namespace["__post_init__"] = __post_init__
        namespace["given"] = []
    return make(**options)(type("Layout", (), namespace))


@settings(max_examples=75, deadline=None)
@given(kinds=st.lists(st.sampled_from(FIELD_KINDS), max_size=6), named_self=st.booleans(), post_init=st.booleans(),
       frozen=st.booleans(), slots=st.booleans(), data=st.data())
def test_a_record_s_init_is_dataclass_s(kinds, named_self, post_init, frozen, slots, data):
    """For generated classes (fields required, with defaults or factories, left out of __init__,
    InitVars, keyword-only; frozen or not, slotted or not, a field named `self`, a __post_init__):
    the same error when the class cannot be made, else the same signature and the same objects
    made from the same arguments (fresh factory values each time, InitVars handed on)."""
    made, errors = [], []
    for make in (dataclasses.dataclass, record):
        try:
            made.append(_layout_class(make, kinds, named_self=named_self and bool(kinds), post_init=post_init,
                                      frozen=frozen, slots=slots))
        except TypeError as exc:
            errors.append(str(exc))
    assert len(errors) in (0, 2) and len(set(errors)) <= 1
    if errors:
        return
    d, r = made
    assert str(inspect.signature(d)) == str(inspect.signature(r))
    params = list(inspect.signature(d).parameters.values())
    args, kwargs = [], {}
    for p in params:
        if p.default is not inspect.Parameter.empty and data.draw(st.booleans(), label=f"leave {p.name} out"):
            continue
        value = data.draw(st.lists(st.integers(), max_size=2), label=p.name)
        if p.kind is inspect.Parameter.KEYWORD_ONLY or (kwargs or data.draw(st.booleans(), label="by name")):
            kwargs[p.name] = value
        else:
            args.append(value)
    objs = [(cls(*args, **kwargs), cls(*args, **kwargs)) for cls in (d, r)]
    for (d1, d2), (r1, r2) in [objs]:
        for f in dataclasses.fields(d):
            present = [hasattr(o, f.name) for o in (d1, r1)]
            assert present[0] == present[1]
            if present[0]:
                assert getattr(d1, f.name) == getattr(r1, f.name)
                assert (getattr(d1, f.name) is getattr(d2, f.name)) == (getattr(r1, f.name) is getattr(r2, f.name))
    if post_init:
        assert d.given == r.given and len(r.given) == 2
    if frozen and dataclasses.fields(r):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(objs[1][0], dataclasses.fields(r)[0].name, 1)
