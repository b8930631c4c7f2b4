"""`factex mentions`, `factex suggest`, `factex timeline`: JSON outputs checked against the sources."""

from __future__ import annotations

import json

from explorer.cli import main

from conftest import REPO


def run_json(capsys, *argv) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def _clash(ws):
    ws.basic()
    ws.card("paris.yaml", """
        kind: entity
        name: Paris
        type: place
        evidence:
          - Bob Jones in Paris
    """)
    ws.card("france.yaml", """
        kind: entity
        name: France
        type: country
        aliases: [Paris]
        evidence:
          - Bob Jones in Paris
    """)
    return ws


def test_mentions_json_offsets_are_the_source_text(capsys):
    data = run_json(capsys, "mentions", str(REPO), "--format", "json")
    text = (REPO / "seeds" / "kim-aurus-gift.txt").read_text(encoding="utf-8")
    assert len(data["mentions"]) > 100
    for m in data["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
        assert m["source"] == "kim-aurus-gift"
    assert data["counts"]["kim-il-sung"] == 1


def test_mentions_of_one_entity_shared_names_and_unknown_entity(capsys, ws):
    _clash(ws)
    data = run_json(capsys, "mentions", str(ws.root), "--entity", "paris", "--format", "json")
    assert [m["text"] for m in data["mentions"]] == ["Paris", "Paris"]
    assert all(m["also"] == ["france"] for m in data["mentions"])
    assert data["shared_names"] == [{"name": "Paris", "entities": [{"id": "paris", "as": "name"}, {"id": "france", "as": "alias"}]}]
    assert main(["mentions", str(ws.root), "--entity", "pariss"]) == 2
    assert "unknown entity 'pariss'" in capsys.readouterr().err
    assert main(["mentions", str(ws.root), "--entity", "paris"]) == 0
    out = capsys.readouterr().out
    assert "shared name: 'Paris' is the name of paris, and the alias of france" in out
    assert "article.txt:3:30: paris: Paris (also france)" in out


def test_suggest_json_lists_uncarded_names_with_offsets(capsys, ws):
    ws.basic()  # Alice Smith and Bob Jones are carded; Paris is not
    data = run_json(capsys, "suggest", str(ws.root), "--format", "json")
    text = (ws.root / "seeds" / "article.txt").read_text(encoding="utf-8")
    names = {s["name"]: s for s in data["suggestions"]}
    assert "Paris" in names and "Alice Smith" not in names and "Bob Jones" not in names
    assert names["Paris"]["type"] == "place" and len(names["Paris"]["occurrences"]) == 2
    for s in data["suggestions"]:
        for o in s["occurrences"]:
            assert text[o["start"] : o["end"]] == o["text"]
    assert main(["suggest", str(ws.root), "--source", "nope"]) == 2


def test_suggest_on_the_shipped_article(capsys):
    data = run_json(capsys, "suggest", str(REPO), "--source", "kim-aurus-gift", "--format", "json")
    names = [s["name"] for s in data["suggestions"]]
    assert "Kim Jong Un" not in names and "Vladimir Putin" not in names  # carded
