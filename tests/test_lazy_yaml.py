"""A workspace whose cards are all in the plain part of YAML (yamlsafe._plain_card: all of the
shipped article's) loads without importing PyYAML (its import, most of it compiling regular
expressions, was a fifth of a first start's load, on the way to the first facts); a card that
needs libyaml still imports it and reads as before."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

LOAD = """
import json, sys
from explorer.core.loading.loader import Loader
base = Loader(sys.argv[1], use_cache=False).load()
print(json.dumps({"yaml": "yaml" in sys.modules, "entities": sorted(base.entities), "relations": len(base.relations),
                  "problems": [p.format() for p in base.problems]}))
"""


def _load(root) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", LOAD, str(root)], capture_output=True, text=True, env=env, check=True, cwd=REPO)
    return json.loads(out.stdout)


def test_plain_cards_load_without_pyyaml(ws):
    ws.basic()
    for i in range(12):  # (the shapes the article's cards take: lists inline and in blocks, quotes)
        ws.card(f"entities/p{i}.yaml", f"# a comment\nkind: entity\nname: 'Person {i}'\ntype: person\n"
                f"aliases: [P{i}, Pers {i}]\nevidence:\n  - quote: \"Alice Smith met Bob Jones\"\n    note: seen {i}\n")
    got = _load(ws.root)
    assert got["yaml"] is False, got
    assert got["entities"] == sorted(["alice", "bob"] + [f"p{i}" for i in range(12)]) and got["relations"] == 1
    assert got["problems"] == []


@pytest.mark.parametrize("card", [
    "kind: entity\nname: &n Carol\ntype: person\naliases: [*n]\nevidence: [Bob said]\n",  # an alias
    "kind: entity\nname: >\n  Carol\ntype: person\nevidence: [Bob said]\n",  # a block scalar
    "kind: entity\nname: [Carol\n",  # broken
])
def test_a_card_that_needs_libyaml_reads_as_before(ws, card):
    from explorer.core.loading.loader import Loader

    ws.basic()
    ws.card("carol.yaml", card)
    got = _load(ws.root)
    here = Loader(ws.root, use_cache=False).load()
    assert got["yaml"] is True
    assert got["entities"] == sorted(here.entities) and got["problems"] == [p.format() for p in here.problems]
