"""What a field of a card, an evidence item or a source's sidecar is (`FieldSpec`), and the patterns
its types are checked against. The tables are in `cards.py` (cards, evidence) and `provenance.py`
(sidecars); `cards.check_value()` is the one check of every type; `schema.py` describes each type in
JSON Schema. Imports only `model.record` and `text.LazyPattern`: a sidecar's table costs nothing to import (the patterns compile
when first matched).
"""

from __future__ import annotations

from explorer.core.model import record
from explorer.core.text import LazyPattern


@record(frozen=True)
class FieldSpec:
    """One field of a card, of an evidence item or of a source's sidecar: `check_value()` checks
    a value of any of these types, and `schema.py` describes it in JSON Schema."""

    name: str
    # cards: text | word | id | kind | texts | qualifiers | certainty | evidence | count
    # sidecars (blank means not given): line | names (a list, or one name) | url | date | language
    type: str
    required: bool = False
    help: str = ""


WORD_RE = LazyPattern(r"^[a-z][a-z0-9-]{0,31}$")
KEY_RE = LazyPattern(r"^[a-z][a-z0-9_-]{0,31}$")
DATE_RE = LazyPattern(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$")
URL_RE = LazyPattern(r"^https?://[^\s/?#]+[^\s]*$")
LANGUAGE_RE = LazyPattern(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
