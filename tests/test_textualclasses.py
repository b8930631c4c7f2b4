"""explorer.app.textualclasses: Textual's making of a widget class, each base class read once,
gives every class the reactives (in their order) and computes Textual's own code gives it."""

from __future__ import annotations

import random

import pytest

from explorer.app import textualclasses


def _textuals(cls) -> tuple[list, frozenset]:
    """What Textual 8.2.8's DOMNode.__init_subclass__ makes of `cls`: its reactives and computes."""
    from textual.reactive import Reactive

    reactives: dict = {}
    for base in reversed(cls.__mro__):
        reactives.update({name: value for name, value in base.__dict__.items() if isinstance(value, Reactive)})
    computes = frozenset([name.lstrip("_")[8:] for name in dir(cls) if name.startswith(("_compute_", "compute_"))])
    return list(reactives.items()), computes


def _all_subclasses(root) -> list:
    seen, todo = [], [root]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.append(sub)
                todo.append(sub)
    return seen


def test_it_is_in_place_under_this_textual():
    import explorer.app.app  # noqa: F401 - installs it, before Textual's widget classes

    from textual.dom import DOMNode

    assert textualclasses.install()
    assert DOMNode.__dict__["__init_subclass__"].__func__.__module__ == textualclasses.__name__


def test_every_widget_class_gets_what_textual_would_give_it():
    import explorer.app.app  # noqa: F401
    import explorer.app.screens.main  # noqa: F401
    import explorer.app.widgets  # noqa: F401
    import textual.widgets
    from textual.dom import DOMNode

    for name in textual.widgets.__all__:  # (every widget's module: textual.widgets imports them when asked)
        getattr(textual.widgets, name)
    classes = _all_subclasses(DOMNode)
    assert len(classes) > 100
    for cls in classes:
        assert (list(cls._reactives.items()), cls._computes) == _textuals(cls), cls


@pytest.mark.parametrize("seed", range(25))
def test_generated_classes_with_reactives_and_computes_in_bases_and_mixins(seed):
    """Classes made after it is in place: reactives and compute methods in widget bases, in plain
    mixins, overridden, and a reactive added to a base, or put in place of one, after a class of
    it was made."""
    from textual.reactive import reactive, var
    from textual.widget import Widget

    assert textualclasses.install()
    rng = random.Random(seed)
    names = [f"r{i}" for i in range(6)]

    def namespace() -> dict:
        ns = {}
        for name in rng.sample(names, rng.randint(0, 4)):
            ns[name] = rng.choice((reactive, var))(rng.randint(0, 9))
        for name in rng.sample(names, rng.randint(0, 2)):
            ns[rng.choice(("compute_", "_compute_")) + name] = lambda self: 0
        if rng.random() < 0.3:
            ns["plain"] = rng.randint(0, 9)
        return ns

    made = [Widget]
    mixins = [type(f"Mixin{seed}_{i}", (), namespace()) for i in range(3)]
    for i in range(12):
        base = rng.choice(made)
        free = [m for m in mixins if m not in base.__mro__]
        bases = (rng.choice(free), base) if free and rng.random() < 0.4 else (base,)
        cls = type(f"Generated{seed}_{i}", bases, namespace())
        made.append(cls)
        if rng.random() < 0.2:  # a reactive set on a class once subclasses of it exist
            target = rng.choice(made[1:])
            setattr(target, rng.choice(names), reactive(rng.randint(0, 9)))
    for cls in made[1:]:
        fresh = type(cls.__name__ + "Sub", (cls,), {})  # (made now: reads what its bases hold now)
        assert (list(fresh._reactives.items()), fresh._computes) == _textuals(fresh)


def _textuals_bindings(cls) -> list:
    """What Textual 8.2.8's DOMNode._merge_bindings makes of `cls`: (key, its bindings) in order."""
    from textual.binding import BindingsMap
    from textual.dom import DOMNode

    maps = []
    for base in reversed(cls.__mro__):
        if issubclass(base, DOMNode):
            if not base._inherit_bindings:
                maps.clear()
            maps.append(BindingsMap(base.__dict__.get("BINDINGS", [])))
    keys: dict = {}
    for bindings in maps:
        for key, key_bindings in bindings.key_to_bindings.items():
            keys[key] = key_bindings
    return list(keys.items())


def test_every_widget_class_gets_the_bindings_textual_would_give_it_in_lists_of_its_own():
    import explorer.app.app  # noqa: F401
    import explorer.app.screens.main  # noqa: F401
    import textual.widgets
    from textual.dom import DOMNode

    for name in textual.widgets.__all__:
        getattr(textual.widgets, name)
    classes = _all_subclasses(DOMNode)
    lists, kept = {}, []
    for cls in classes:
        merged = cls._merge_bindings()
        kept.append(merged)  # (alive: no list's id is another's after it)
        assert list(merged.key_to_bindings.items()) == _textuals_bindings(cls), cls
        for bindings in merged.key_to_bindings.values():  # (a bind() on one class's map: no other's)
            assert id(bindings) not in lists, (cls, lists.get(id(bindings)))
            lists[id(bindings)] = cls


@pytest.mark.parametrize("seed", range(10))
def test_generated_bindings_in_bases_overridden_and_replaced(seed):
    from textual.binding import Binding
    from textual.widget import Widget

    assert textualclasses.install()
    rng = random.Random(seed)
    keys = ["a", "b", "ctrl+x", "j,down", "k"]

    def bindings() -> list:
        made = []
        for key in rng.sample(keys, rng.randint(0, 3)):
            made.append(Binding(key, f"act_{rng.randint(0, 5)}", "what") if rng.random() < 0.7
                        else (key, f"act_{rng.randint(0, 5)}", "what"))
        return made

    made = [Widget]
    for i in range(10):
        ns = {"BINDINGS": bindings()} if rng.random() < 0.7 else {}
        cls = type(f"Bound{seed}_{i}", (rng.choice(made),), ns, inherit_bindings=rng.random() < 0.8)
        made.append(cls)
        assert list(cls._merged_bindings.key_to_bindings.items()) == _textuals_bindings(cls)
        if rng.random() < 0.3:  # BINDINGS changed on a class once subclasses of it exist
            target = rng.choice(made[1:])
            if rng.random() < 0.5 and "BINDINGS" in target.__dict__:
                target.BINDINGS.append(Binding("z", "later", "later"))
            else:
                target.BINDINGS = bindings()
    for cls in made[1:]:
        fresh = type(cls.__name__ + "Sub", (cls,), {})
        assert list(fresh._merged_bindings.key_to_bindings.items()) == _textuals_bindings(fresh)


def _functions():
    """Handlers of every kind: every function of Textual's and factex's widget classes, and
    generated signatures, wrapped or not."""
    import functools
    import inspect

    import explorer.app.app  # noqa: F401
    from textual.dom import DOMNode

    for cls in _all_subclasses(DOMNode):
        for value in vars(cls).values():
            if inspect.isfunction(value):
                yield value

    def a(x, /, y, *args, z, **kw): ...
    def b(): ...
    def c(self, event=None): ...
    def d(*, only): ...
    async def e(self, message): ...
    yield from (a, b, c, d, e)

    @functools.wraps(a)
    def wrapped(*args, **kwargs): ...
    yield wrapped
    yield functools.partial(a, 1)
    signed = lambda q, r: None  # noqa: E731
    signed.__signature__ = inspect.signature(b)
    yield signed
    yield len
    yield print


def test_a_handlers_parameters_are_counted_as_inspect_counts_them():
    import inspect

    from textual import _callback

    assert textualclasses.install()
    count = _callback._count_parameters
    assert count.__module__ == textualclasses.__name__
    functions = list(_functions())
    assert len(functions) > 500
    for function in functions:
        try:
            expected = len(inspect.signature(function).parameters)
        except (TypeError, ValueError) as exc:  # (no signature: Textual's own count raises it too)
            with pytest.raises(type(exc)):
                count(function)
            continue
        assert count(function) == expected, function


def test_a_strips_caches_are_made_when_first_asked_for_as_textual_makes_them():
    from rich.segment import Segment
    from rich.style import Style
    from textual.cache import FIFOCache
    from textual.strip import Strip

    assert textualclasses.install()
    assert textualclasses._textuals_strip_init is not None
    theirs = Strip.__new__(Strip)
    textualclasses._textuals_strip_init(theirs, [Segment("ab")], 2)
    made = {name: getattr(theirs, name) for name in Strip.__slots__ if isinstance(getattr(theirs, name, None), FIFOCache)}
    assert set(made) == set(textualclasses.STRIP_CACHES)
    ours = Strip([Segment("ab")], 2)
    for name, cache in made.items():
        mine = getattr(ours, name)
        assert isinstance(mine, FIFOCache) and mine._maxsize == cache._maxsize and len(mine) == 0, name
        assert getattr(ours, name) is mine  # (made once)
    for name in ("_segments", "_cell_length", "_render_cache", "_link_ids", "_cell_count"):
        assert getattr(ours, name) == getattr(theirs, name), name
    with pytest.raises(AttributeError):
        ours.no_such_thing
    # what strips do with their caches, alike
    strip = Strip([Segment("hello ", Style(bold=True)), Segment("world")])
    assert strip.crop(2, 8) is strip.crop(2, 8) and strip.crop(2, 8).text == "llo wo"
    assert strip.divide([3, 11])[1].text == "lo world" and strip.cell_length == 11
    assert strip.extend_cell_length(14).cell_length == 14 and strip.extend_cell_length(14).text == "hello world   "
