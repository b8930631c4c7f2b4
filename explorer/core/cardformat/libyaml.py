"""PyYAML, and the loader that composes a card's nodes: imported by yamlsafe only when a card
is not in the plain part of YAML that it reads itself (explorer/core/cardformat/yamlsafe.py
`_libyaml`), or when a card's positions are asked for."""

from __future__ import annotations

import operator

import yaml
import yaml.reader
from yaml.resolver import BaseResolver

try:  # libyaml is 5-10x faster; the pure-Python parser gives the same nodes.
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser as _ParserBase
    from yaml.reader import Reader
    from yaml.scanner import Scanner
    from yaml.composer import Composer

    class _Parser(Reader, Scanner, _ParserBase, Composer):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _ParserBase.__init__(self)
            Composer.__init__(self)


# What the composer calls for every node: `resolve(kind, value, implicit)` for a node written
# without a tag, `descend_resolver(parent, index)` before it and `ascend_resolver()` after it.
# Builtins, so that no Python runs (three Python calls a node were a twentieth of a card's
# parse): `resolve` gives "" (IMPLICIT), and the other two's answers are not used. A node written
# without a tag so has the tag "", which no tag written in a card can be (libyaml and PyYAML
# refuse `!<>`; a lone `!` is resolved too): the walker reads "" as the kind's own tag, as
# typing no tag means plain text, a list or a mapping.
IMPLICIT = ""


class _TextLoader(_Parser, BaseResolver):
    """Composes nodes without implicit typing: every node written without a tag has the tag
    IMPLICIT, and so every such scalar is text. (No __init__ of its own: the parser's, in C with
    libyaml; no resolver state is needed.)"""

    resolve = staticmethod(IMPLICIT.format)  # (format: a builtin taking any arguments)
    descend_resolver = staticmethod(operator.is_)
    ascend_resolver = staticmethod(tuple)
