"""Each quote in the evidence pane is headed by where it stands (paragraph, line), then by its
source only where the source is not the previous quote's: a card of several quotes from one
article repeated the article's whole title (with outlet and date) under each, up to three lines
a quote at 80x24. The place comes first, so a narrow pane never cuts it."""

from __future__ import annotations

import itertools
import re

from explorer.app.render import evidence_blocks

ARTICLE = "A Test Article\n\nAlice handed Bob the keys. Bob said thanks.\n\nCarol saw it all.\n"
WIRE = "Wire Story\n\nAlice gave Bob a red car, the agency said. Carol saw it.\n"
QUOTES = {"article": ["Alice handed Bob the keys", "Bob said thanks", "Carol saw it all"],
          "wire": ["the agency said", "Alice gave Bob a red car"]}
TITLES = {"article": "A Test Article", "wire": "Wire Story"}
HEADING = re.compile(r"^── quote (\d+) of (\d+) · ¶(\d+) · line (\d+)(?:  (.*))?$")


def _headings(ws, order):
    ws.source("article.txt", ARTICLE)
    ws.source("wire.txt", WIRE)
    picks = {"article": iter(QUOTES["article"]), "wire": iter(QUOTES["wire"])}
    quotes = [next(picks[s]) for s in order]
    ws.card("fact.yaml", "kind: entity\nname: Alice Smith\ntype: person\nevidence:\n"
            + "".join(f"  - quote: {q}\n" for q in quotes))
    base = ws.load()
    assert base.errors == []
    lines = evidence_blocks(base, base.entities["fact"]).plain.splitlines()
    return [HEADING.match(line) for line in lines if line.startswith("── quote")]


def test_a_quote_names_its_source_only_where_it_changes(tmp_path):
    from conftest import Workspace

    orders = {o for n in (1, 2, 3, 4) for o in itertools.product(("article", "wire"), repeat=n)
              if o.count("article") <= 3 and o.count("wire") <= 2}
    for k, order in enumerate(sorted(orders)):
        folder = tmp_path / str(k)
        folder.mkdir()
        headings = _headings(Workspace(folder), order)
        assert len(headings) == len(order) and all(headings), order
        for i, (m, source) in enumerate(zip(headings, order)):
            assert (int(m[1]), int(m[2])) == (i + 1, len(order))
            shown = m[5]
            if i == 0 or order[i - 1] != source:
                assert shown == TITLES[source], (order, i)  # the first quote of a run names its source
            else:
                assert shown is None, (order, i)  # the same source as the quote above: not again


def test_the_place_of_a_quote_is_its_paragraph_and_line(ws):
    [m] = _headings(ws, ("article",))  # "Alice handed Bob the keys": the paragraph after the title (¶1), line 3
    assert (m[3], m[4]) == ("2", "3")
