"""A card's parse runs no Python for the resolver: what the composer calls for every node (resolve,
descend_resolver, ascend_resolver) is a builtin, and a node written without a tag has the tag ""
(yamlsafe.IMPLICIT). What the cards say is read as before: the data of generated cards equals
PyYAML's own reading of them with every scalar as text; explicit tags are refused as before."""

import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.cardformat import yamlsafe
from explorer.core.cardformat.yamlsafe import parse_card


def _python_calls(fn):
    """The Python functions (by qualified name) called while `fn()` runs."""
    called = []

    def profile(frame, event, arg):
        if event == "call":
            called.append(frame.f_code.co_qualname)

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return called


CARD = """kind: relation
subject: e-1
predicate: met
object: e-2
qualifiers:
  date: 2024-02-30
evidence:
  - quote: "They met, she said."
    source: src-1
  - quote: 'No: never.'
"""


def test_composing_a_card_runs_no_python_for_the_resolver():
    called = _python_calls(lambda: yamlsafe._compose(CARD))
    assert "_compose" in called
    resolver = {"resolve", "descend_resolver", "ascend_resolver", "__init__"}
    assert not [name for name in called if name.startswith(("_TextLoader.", "BaseResolver.", "Resolver."))
                or name in resolver], called


def test_a_node_without_a_tag_has_the_implicit_tag_and_reads_as_text():
    root = yamlsafe._compose(CARD)
    assert root.tag == yamlsafe.IMPLICIT == ""
    assert all(k.tag == "" and (v.tag == "" or v.__class__ is not yaml.ScalarNode) for k, v in root.value)
    assert parse_card(CARD).data == {
        "kind": "relation", "subject": "e-1", "predicate": "met", "object": "e-2", "qualifiers": {"date": "2024-02-30"},
        "evidence": [{"quote": "They met, she said.", "source": "src-1"}, {"quote": "No: never."}]}


@pytest.mark.parametrize("text, data", [
    ("a: ! x", {"a": "x"}),  # (a lone ! is no tag)
    ("a: !<!> x", {"a": "x"}),
    ("a: !!str x", {"a": "x"}),
    ("a: !!str null", {"a": None}),
    ("a: !<tag:yaml.org,2002:str> x", {"a": "x"}),
    ("a: !!seq [x]", {"a": ["x"]}),
    ("!!map {a: b}", {"a": "b"}),
    ("a: ~\nb: ''\nc: null", {"a": None, "b": "", "c": None}),
])
def test_tags_that_say_what_typing_nothing_says_read_as_before(text, data):
    doc = parse_card(text)
    assert (doc.data, doc.issues) == (data, [])


@pytest.mark.parametrize("text, message", [
    ("a: !!int 3", "YAML tags are not allowed here (!!int): write plain text"),
    ("a: !e x", "YAML tags are not allowed here (!e): write plain text"),
    ("a: !!map [x]", "YAML tags are not allowed here (!!map)"),
    ("!!int 1: b", "a key must be plain text"),
    ("a: !!seq {b: c}", "YAML tags are not allowed here (!!seq)"),
])
def test_other_tags_are_still_refused(text, message):
    assert [i.message for i in parse_card(text).issues] == [message]


def test_an_empty_verbatim_tag_cannot_be_written():
    # (so "" can only be the composer's own mark of a node without a tag)
    assert parse_card("a: !<> x").issues[0].message.startswith("YAML syntax error")


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
_KEY = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True)
_VALUE = st.recursive(_TEXT, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEY, inner, max_size=3),
                      max_leaves=8)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(_KEY, _VALUE, min_size=1, max_size=5))
def test_generated_cards_read_as_pyyaml_reads_them_with_every_scalar_as_text(data):
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=False)
    expected = yaml.load(text, Loader=yaml.BaseLoader)  # (every scalar text, as typed)

    def nulls(value):  # (a plain null is None in a card; safe_dump quotes every other one)
        if isinstance(value, dict):
            return {k: nulls(v) for k, v in value.items()}
        if isinstance(value, list):
            return [nulls(v) for v in value]
        return value

    doc = parse_card(text)
    assert doc.issues == []
    assert doc.data == nulls(expected) == data
