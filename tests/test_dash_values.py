"""A value pasted with a line of dialogue's dash (`- quote: - Nie chciałbym - powiedział`), which
YAML reads as a list item, says so and what to write: "this value starts with '- ', which YAML
reads as a list item: put the whole value in quotes, '- Nie chciałbym - powiedział'" (it was
YAML's "block sequence entries are not allowed in this context"). Writing the value as said makes
the card valid, the value read as typed. Found carding a Polish article (tests/real/polish)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.loading.loader import Loader

SOURCE = "— Nie chciałbym wywierać presji — powiedział tłumom.\n\n- We will win - he said, and left.\n"
LINES = ["- Nie chciałbym wywierać presji - powiedział", "- We will win - he said", "- We will win"]


@given(st.sampled_from(LINES), st.sampled_from(["  - quote: {}", "  - {}"]))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_value_starting_with_a_dash_says_to_quote_it_and_quoting_it_works(ws, value, form):
    ws.source("a.txt", SOURCE)
    card = "kind: entity\nname: Someone\ntype: person\nevidence:\n" + form.format(value) + "\n"
    ws.card("someone.yaml", card)
    problems = [p.format() for p in Loader(ws.root, use_cache=False).load(save=False).problems]
    quoted = "'" + value.replace("'", "''") + "'"
    assert len(problems) == 1, problems
    assert problems[0].endswith(f"this value starts with '- ', which YAML reads as a list item: put the whole value in "
                                f"quotes, {quoted} (double any ' inside)"), problems
    ws.card("someone.yaml", card.replace(value, quoted))
    base = Loader(ws.root, use_cache=False).load(save=False)
    assert not base.problems, [p.format() for p in base.problems]
    [ev] = base.entities["someone"].evidence
    assert ev.quote == value
