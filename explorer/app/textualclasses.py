"""Textual's making of a widget class, with what it reads of each base class read once.

Each new DOMNode class (every widget, screen and app class: Textual's own as its modules are
imported, then factex's) has Textual's `DOMNode.__init_subclass__` walk every class of its MRO,
each one's whole `__dict__` (Widget's holds ~450 names, DOMNode's ~200), for the reactives, and
then `dir()` of the class for the compute methods: ~10,000 bytecodes a class, about ~440,000 of
the ~2.5 million the main thread runs from `import textual.app` to factex's first frame. Then
`_merge_bindings` makes each base's BINDINGS into bindings again (every key parsed), ~65,000
more. The same results, made from what each base class holds of its own (its reactives, its
compute methods' names, its bindings), found the first time it is a base and kept (checked each
time it is used, see `_holds` and `_bindings_of`). And the count of a handler's parameters Textual
asks `inspect.signature` for (`textual._callback`, once for each handler: ~34,000 bytecodes of a
first frame) is read from a plain function's code (`_counter`).

`install()` puts them in place of Textual's before Textual's widget classes are made, each only
where Textual's is the code it was written against (Textual 8.2.8's, known by the names its code
uses): any other is left as it is. tests/test_textualclasses.py holds every DOMNode class's
reactives (in their order), computes and bindings, and the parameters of every handler, to what
Textual's own code makes of them.
"""

from __future__ import annotations

import weakref

# The names Textual 8.2.8's DOMNode.__init_subclass__ uses and its local variables' (Python 3.11)
KNOWN = (("super", "__init_subclass__", "_reactives", "reversed", "__mro__", "update", "__dict__", "items",
          "_inherit_css", "_inherit_bindings", "_inherit_component_classes", "set", "_css_bases", "__name__",
          "_css_type_name", "add", "_merge_bindings", "_merged_bindings", "frozenset", "_css_type_names", "dir",
          "_computes"),
         ("cls", "inherit_css", "inherit_bindings", "inherit_component_classes", "reactives", "base",
          "css_type_names", "bases"))
# and its DOMNode._merge_bindings
KNOWN_MERGE = (("reversed", "__mro__", "issubclass", "DOMNode", "_inherit_bindings", "clear", "append", "BindingsMap",
                "__dict__", "get", "key_to_bindings", "items", "from_keys"),
               ("cls", "bindings", "base", "keys", "bindings_", "key", "key_bindings", "new_bindings"))
# and Strip.__init__
KNOWN_STRIP = (("list", "_segments", "_cell_length", "FIFOCache", "_divide_cache", "_crop_cache", "_style_cache",
                "_filter_cache", "_line_length_cache", "_crop_extend_cache", "_offsets_cache", "_render_cache",
                "_link_ids", "_cell_count"), ("self", "segments", "cell_length"))
# Each cache a Strip makes, and its size (Textual 8.2.8's Strip.__init__)
STRIP_CACHES = {"_divide_cache": 4, "_crop_cache": 16, "_style_cache": 16, "_filter_cache": 4,
                "_line_length_cache": 4, "_crop_extend_cache": 4, "_offsets_cache": 4}
# and textual._callback._count_parameters
KNOWN_COUNT = (("len", "signature", "parameters"), ("func",))
_PREFIXES = ("_compute_", "compute_")

# base class -> (len(base.__dict__) when read, its own reactives, the names of its compute methods)
_own: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# base class -> (its BINDINGS, a tuple of them then, the key_to_bindings BindingsMap makes of them)
_bindings: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_installed = False
_textuals_strip_init = None  # (Textual's Strip.__init__, once replaced: tests/test_textualclasses.py)


def _read(base, reactive_type) -> tuple:
    namespace = base.__dict__
    reactives = {name: value for name, value in namespace.items() if isinstance(value, reactive_type)}
    return len(namespace), reactives, [name for name in namespace if name.startswith(_PREFIXES)]


def _holds(known: tuple, namespace) -> bool:
    """Whether what was read of a class still holds: no name added or taken away, each reactive
    the same object. (A plain attribute replaced by a reactive after the class was read, the
    same number of names, would not be seen: nothing does that, Textual sets a widget class's
    reactives as it makes it.)"""
    if known[0] != len(namespace):
        return False
    for name, value in known[1].items():
        if namespace.get(name) is not value:
            return False
    return True


def install() -> bool:
    """Put the init below in place of Textual's `DOMNode.__init_subclass__` (once; importing
    textual.dom, which makes no widget class). False where Textual's is not the one it replaces."""
    global _installed
    if _installed:
        return True
    from textual.dom import DOMNode
    from textual.reactive import Reactive

    if not _same_code(getattr(DOMNode.__dict__.get("__init_subclass__"), "__func__", None), KNOWN):
        return False
    from textual.binding import BindingsMap

    own = _own

    def __init_subclass__(cls, inherit_css: bool = True, inherit_bindings: bool = True,
                          inherit_component_classes: bool = True) -> None:
        # Textual's DOMNode.__init_subclass__ (8.2.8), the reactives and computes excepted.
        super(DOMNode, cls).__init_subclass__()

        reactives = cls._reactives = {}
        computes: set[str] = set()
        for base in reversed(cls.__mro__):
            if base is cls:  # (its own, read now: Widget's __init_subclass__ adds to it after this)
                known = _read(base, Reactive)
            else:
                known = own.get(base)
                if known is None or not _holds(known, base.__dict__):
                    known = own[base] = _read(base, Reactive)
            if known[1]:
                reactives.update(known[1])
            if known[2]:
                computes.update(known[2])

        cls._inherit_css = inherit_css
        cls._inherit_bindings = inherit_bindings
        cls._inherit_component_classes = inherit_component_classes
        css_type_names: set[str] = set()
        bases = cls._css_bases(cls)
        cls._css_type_name = bases[0].__name__
        for base in bases:
            css_type_names.add(base.__name__)
        cls._merged_bindings = cls._merge_bindings()
        cls._css_type_names = frozenset(css_type_names)
        cls._computes = frozenset([name.lstrip("_")[8:] for name in computes])

    def _merge_bindings(cls) -> BindingsMap:
        # Textual's DOMNode._merge_bindings (8.2.8), each base's BINDINGS made into bindings once
        # (Binding.make_bindings parses every key of every base again for each new class). Each
        # class's merged map holds lists of its own, as when each base's map was made anew.
        maps = []
        for base in reversed(cls.__mro__):
            if issubclass(base, DOMNode):
                if not base._inherit_bindings:
                    maps.clear()
                maps.append(_bindings_of(base, BindingsMap))
        keys: dict = {}
        for key_to_bindings in maps:
            keys.update(key_to_bindings)
        return BindingsMap.from_keys({key: list(bindings) for key, bindings in keys.items()})

    if _same_code(getattr(DOMNode.__dict__.get("_merge_bindings"), "__func__", None), KNOWN_MERGE):
        DOMNode._merge_bindings = classmethod(_merge_bindings)
    from textual import _callback

    if _same_code(_callback._count_parameters, KNOWN_COUNT):
        _callback._count_parameters = _counter(_callback._count_parameters)
    from textual.strip import Strip

    if _same_code(Strip.__init__, KNOWN_STRIP) and "__getattr__" not in Strip.__dict__:
        _lazy_caches(Strip)
    DOMNode.__init_subclass__ = classmethod(__init_subclass__)
    _installed = True
    return True


def _bindings_of(base, bindings_map) -> dict:
    """`BindingsMap(base.__dict__.get("BINDINGS", [])).key_to_bindings`, made once for each base
    (again if its BINDINGS are not the same list of the same bindings)."""
    declared = base.__dict__.get("BINDINGS", [])
    known = _bindings.get(base)
    if known is None or known[0] is not declared or known[1] != tuple(declared):
        known = _bindings[base] = (declared, tuple(declared), bindings_map(declared).key_to_bindings)
    return known[2]


def _counter(textuals):
    """Textual's count of a handler's parameters (`len(inspect.signature(func).parameters)`, once
    for each handler, ~1,000 bytecodes of inspect a time), read from the code of a plain function
    that nothing wraps: what `signature` reads there. Anything else is left to `textuals`."""
    from types import FunctionType

    def _count_parameters(func) -> int:
        if type(func) is FunctionType:
            attributes = func.__dict__
            if not attributes or not ("__wrapped__" in attributes or "__signature__" in attributes
                                      or "_partialmethod" in attributes):
                code = func.__code__
                flags = code.co_flags
                return code.co_argcount + code.co_kwonlyargcount + bool(flags & 0x04) + bool(flags & 0x08)
        return textuals(func)

    return _count_parameters


def _lazy_caches(strip_class) -> None:
    """Each of a Strip's seven caches made when it is first asked for, not as the strip is made:
    a first frame makes ~1,100 strips (each line of each widget, and again through the filters)
    and uses about one cache in two (~7,700 FIFOCaches, ~0.4 MB, ~100 page faults). A cache not
    made yet is an empty slot: reading it finds none and comes to `__getattr__`, which makes it."""
    from textual.cache import FIFOCache

    caches = STRIP_CACHES

    def __init__(self, segments, cell_length: int | None = None) -> None:
        self._segments = list(segments)
        self._cell_length = cell_length
        self._render_cache = None
        self._link_ids = None
        self._cell_count = None

    def __getattr__(self, name: str):
        size = caches.get(name)
        if size is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        cache = FIFOCache(size)
        setattr(self, name, cache)
        return cache

    global _textuals_strip_init
    _textuals_strip_init = strip_class.__init__
    __init__.__doc__ = _textuals_strip_init.__doc__
    strip_class.__init__ = __init__
    strip_class.__getattr__ = __getattr__


def _same_code(function, known: tuple) -> bool:
    code = getattr(function, "__code__", None)
    return code is not None and (code.co_names, code.co_varnames) == known
