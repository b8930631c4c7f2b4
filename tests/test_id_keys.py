"""Ids that differ only in case or in Unicode normal form (`Putin` and `putin`, `José` composed and
decomposed) are one id (explorer.core.layout.id_key): a reader cannot tell them apart, and on
macOS, Windows and in git checkouts their files land in one place. Two such cards are one
duplicate-id error at the second, naming the first; a relation naming any spelling is held back by
it; a relation naming an id not as its only card spells it is an error saying which card that is;
`factex new` refuses such an id. The same in a full load and in a reload after file events
(`Loader._assemble_changed`)."""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import SOURCE_TEXT
from explorer.core.errors import AuthoringError
from explorer.core.layout import id_key
from explorer.core.loading.loader import Loader

ENTITY = "kind: entity\nname: {name}\ntype: person\nevidence:\n  - quote: Alice Smith met Bob Jones\n"
RELATION = ("kind: relation\nsubject: {s}\npredicate: met\nobject: bob\n"
            "evidence:\n  - quote: Alice Smith met Bob Jones\n")
BOB = "kind: entity\nname: Bob Jones\ntype: person\nevidence:\n  - Bob said\n"

LETTERS = "abzéüñçåøıß"  # (ß: case-folded in a way lower() does not; ı is not i in any case)


@st.composite
def spellings(draw):
    """An id and two other spellings of it: each letter's case and the normal form drawn."""
    base = draw(st.text(alphabet=LETTERS, min_size=1, max_size=6))

    def spell() -> str:
        cased = "".join(c.upper() if draw(st.booleans()) and c.upper().casefold() == c.casefold() else c for c in base)
        return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), cased)

    return base, spell(), spell()


def _workspace() -> Path:
    root = Path(tempfile.mkdtemp(prefix="factex-ids-"))
    (root / "facts" / "b").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "seeds" / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (root / "facts" / "bob.yaml").write_text(BOB, encoding="utf-8")
    return root


def _problems(base) -> list[str]:
    return [p.format() for p in base.problems]


@settings(max_examples=25)
@given(spellings())
@example(("putin", "Putin", "PUTIN"))
@example(("jos\u00e9", "jose\u0301", "JOSE\u0301"))
def test_ids_one_but_for_case_or_normal_form_are_one_duplicated_id(ids):
    first, second, named = ids
    if first == second:
        return  # (the same file)
    root = _workspace()
    try:
        a, b = f"facts/{first}.yaml", f"facts/b/{second}.yaml"
        (root / a).write_text(ENTITY.format(name="One"), encoding="utf-8")
        (root / "facts" / "rel.yaml").write_text(RELATION.format(s=f'"{named}"'), encoding="utf-8")
        live = Loader(root, use_cache=False)
        live.load(save=False)
        (root / b).write_text(ENTITY.format(name="Two"), encoding="utf-8")
        got = live.load(save=False, changed={b})  # a reload after the file event
        fresh = Loader(root, use_cache=False).load(save=False)
        for base in (got, fresh):
            found = _problems(base)
            dup = [p for p in found if "duplicate id" in p]
            one, other = sorted([a, b])  # (the first in path order is named by the other's error)
            assert len(dup) == 1 and dup[0].startswith(f"{other}:1:1: error: ") and one in dup[0], found
            assert first not in base.entities and second not in base.entities
            held = [p for p in found if p.startswith("facts/rel.yaml:")]
            assert len(held) == 1 and ": note: held back: " in held[0] and a in held[0] and b in held[0], found
            assert "rel" not in base.relations
        assert got.to_json() == fresh.to_json()
        # the second card gone: the first loads again, and so does a relation naming it as spelled
        (root / b).unlink()
        (root / "facts" / "rel.yaml").write_text(RELATION.format(s=f'"{first}"'), encoding="utf-8")
        got = live.load(save=False, changed={b, "facts/rel.yaml"})
        assert not [p for p in _problems(got) if ": error: " in p or ": note: " in p], _problems(got)
        assert first in got.entities and "rel" in got.relations
    finally:
        shutil.rmtree(root, ignore_errors=True)


@settings(max_examples=25)
@given(spellings())
@example(("putin", "Putin", "PUTIN"))
@example(("jos\u00e9", "jose\u0301", "jose\u0301"))
def test_a_relation_naming_an_id_not_as_its_file_spells_it_says_which_card_that_is(ids):
    first, named, _ = ids
    if first == named:
        return
    root = _workspace()
    try:
        (root / f"facts/{first}.yaml").write_text(ENTITY.format(name="One"), encoding="utf-8")
        (root / "facts" / "rel.yaml").write_text(RELATION.format(s=f'"{named}"'), encoding="utf-8")
        live = Loader(root, use_cache=False)
        for base in (live.load(save=False), Loader(root, use_cache=False).load(save=False)):
            found = [p for p in _problems(base) if p.startswith("facts/rel.yaml:")]
            assert len(found) == 1 and ": error: " in found[0], found
            assert f"facts/{first}.yaml" in found[0] and "differ only in" in found[0], found
        # the card renamed to the spelling the relation uses: a reload takes it
        (root / f"facts/{first}.yaml").rename(root / f"facts/{named}.yaml")
        got = live.load(save=False, changed={f"facts/{first}.yaml", f"facts/{named}.yaml"})
        assert not _problems(got) and "rel" in got.relations, _problems(got)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@settings(max_examples=25)
@given(spellings())
@example(("putin", "Putin", "Putin"))
@example(("jos\u00e9", "jose\u0301", "jose\u0301"))
def test_new_refuses_an_id_that_is_an_existing_one_but_for_case_or_normal_form(ids):
    from explorer.core.authoring import new_entity_card

    first, wanted, _ = ids
    root = _workspace()
    try:
        (root / f"facts/{first}.yaml").write_text(ENTITY.format(name="One"), encoding="utf-8")
        with pytest.raises(AuthoringError, match=re.escape(f"facts/{first}.yaml")):
            new_entity_card(root, "Someone", type="person", quotes=["Alice Smith met Bob Jones"], id=wanted)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_id_key_folds_case_and_normal_form_only():
    assert id_key("Putin") == id_key("PUTIN") == "putin"
    assert id_key("jos\u00e9") == id_key("JOSE\u0301")
    assert id_key("jose") != id_key("jos\u00e9")  # accents never fold
    plain = "kim-jong-un"
    assert id_key(plain) is plain  # (no copy of an id that is its own key)


def test_an_id_given_decomposed_is_written_composed(tmp_path):
    """`factex new --id` with a decomposed accent (as some keyboards and macOS file names give it)
    writes the composed id: the one a reference typed anywhere else matches."""
    from explorer.core.authoring import new_entity_card

    root = _workspace()
    try:
        card = new_entity_card(root, "Someone", type="person", quotes=["Alice Smith met Bob Jones"], id="jose\u0301")
        assert card.id == "jos\u00e9" and card.path.name == "jos\u00e9.yaml"
    finally:
        shutil.rmtree(root, ignore_errors=True)
