"""A carded alias that begins a longer name (John Tower's alias "Tower", in "the Tower Commission")
no longer hides that name from `factex suggest` and the app's uncarded names: a suggestion was
left out when any mention overlapped it, so "Tower Commission" was never offered, never carded,
and each of its mentions went to John Tower. A mention now covers only a name it reaches the end
of ("John Tower", "Vladimir Putin" by "Putin"). Once the longer name is carded, its mentions are
its own (the longest name wins). Found on tests/articles/tower-commission.txt (a Reuters story of
1987 on the Tower Commission report)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Workspace
from explorer.core.mentions import mentions_of
from explorer.core.suggest import suggest

ARTICLES = Path(__file__).parent / "articles"
SURNAMES = ["Tower", "Baker", "Holloway", "Marsh", "Pemberton", "Quill", "Rutledge", "Stanton"]
BODIES = ["Commission", "Institute", "Foundation", "Committee", "Museum"]
FIRST = ["John", "Mary", "Walter", "Edith"]


def _card(ws: Workspace, cid: str, name: str, aliases: list[str], quote: str) -> None:
    ws.card(f"{cid}.yaml", f"kind: entity\nname: {name}\ntype: person\naliases: {aliases}\nevidence:\n  - quote: {quote}\n")


@given(st.sampled_from(SURNAMES), st.sampled_from(BODIES), st.sampled_from(FIRST), st.booleans())
@settings(max_examples=25, deadline=None)
def test_a_longer_name_after_a_carded_alias_is_suggested_and_once_carded_its_mentions_are_its_own(surname, body, first, card_it):
    longer = f"{surname} {body}"
    text = (f"The {longer} said on Monday that it had finished its work.\n\n"
            f"Its chairman, {first} {surname}, spoke to reporters for an hour.\n\n"
            f"The {longer} will meet again, {surname} said.\n")
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        ws.source("story.txt", text)
        _card(ws, "chair", f"{first} {surname}", [surname], f"chairman, {first} {surname}, spoke")
        if card_it:
            ws.card("body.yaml", f"kind: entity\nname: {longer}\ntype: organization\nevidence:\n  - quote: The {longer} said\n")
        base = ws.load()
        names = {s.name for s in suggest(base)}
        assert f"{first} {surname}" not in names and surname not in names  # carded
        credited = [(m.entity, m.text) for m in mentions_of(base).in_source("story")]
        if card_it:
            assert longer not in names
            assert credited == [("body", longer), ("chair", f"{first} {surname}"), ("body", longer), ("chair", surname)]
        else:
            assert longer in names, sorted(names)


def test_the_tower_commission_is_suggested_when_only_john_tower_is_carded():
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        ws.source("tower.txt", (ARTICLES / "tower-commission.txt").read_text(encoding="utf-8"))
        _card(ws, "john-tower", "John Tower", ["Tower"], "board chairman John Tower, a longtime Reagan supporter")
        got = {s.name: s for s in suggest(ws.load())}
        assert got["Tower Commission"].type == "organization"
        assert len(got["Tower Commission"].occurrences) == 3
        assert "John Tower" not in got and "Tower" not in got
