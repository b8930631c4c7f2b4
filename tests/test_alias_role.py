"""An alias missing from a card is named for what it is: "the surname of Ronald Reagan" only for a
person's last name; any other form, of a place, an organisation or a person's first name, is
"another name of ...". `factex suggest` said "Nóos: the surname of Instituto Nóos?" of the
organisation, and "Ba: the surname of thủy điện sông Ba Hạ?" of a Vietnamese dam (tests/real/vietnamese);
the app's notice after E said so too."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.model import Entity
from explorer.core.suggest import alias_role

NAMES = ["Ronald Reagan", "Instituto Nóos", "Kim Jong Un", "thủy điện sông Ba Hạ", "Sierra Leone", "Tite"]


@given(st.sampled_from(NAMES), st.sampled_from(["person", "organization", "place", "event"]), st.data())
@settings(max_examples=60, deadline=None, derandomize=True, database=None)
def test_surname_only_for_a_persons_last_name(name, kind, data):
    words = name.split(" ")
    form = data.draw(st.sampled_from(words))
    owner = Entity(id="e", file="facts/e.yaml", name=name, type=kind)
    said = alias_role(form, owner)
    if kind == "person" and len(words) > 1 and form == words[-1]:
        assert said == f"the surname of {name}"
    else:
        assert said == f"another name of {name}"


def test_factex_suggest_names_an_organisations_other_name(tmp_path, capsys):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "facts").mkdir()
    (tmp_path / "seeds" / "story.txt").write_text(
        "Headline\n\nThe Instituto Nóos was founded in Palma. Later, Nóos said it had done nothing wrong.\n",
        encoding="utf-8")
    (tmp_path / "facts" / "noos.yaml").write_text(
        "kind: entity\nname: Instituto Nóos\ntype: organization\nevidence:\n  - quote: The Instituto Nóos was founded\n",
        encoding="utf-8")
    assert main(["suggest", str(tmp_path)]) == 0
    line = next(li for li in capsys.readouterr().out.splitlines() if ": Nóos" in li)
    assert ": organization: Nóos: another name of Instituto Nóos? add it to the aliases of " in line, line
