"""`factex mentions`, `factex suggest`, `factex timeline`: JSON outputs checked against the sources."""

from __future__ import annotations

import json

from explorer.cli import main

from conftest import REPO


def run_json(capsys, *argv) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_mentions_json_offsets_are_the_source_text(capsys):
    data = run_json(capsys, "mentions", str(REPO), "--format", "json")
    text = (REPO / "seeds" / "kim-aurus-gift.txt").read_text(encoding="utf-8")
    assert len(data["mentions"]) > 100
    for m in data["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
        assert m["source"] == "kim-aurus-gift"
    assert data["counts"]["kim-il-sung"] == 1
    assert {"name": "Pyongyang", "entities": [{"id": "pyongyang", "as": "name"}, {"id": "north-korea", "as": "alias"}]} in data["shared_names"]


def test_mentions_of_one_entity_and_unknown_entity(capsys):
    data = run_json(capsys, "mentions", str(REPO), "--entity", "pyongyang", "--format", "json")
    assert [m["text"] for m in data["mentions"]] == ["Pyongyang", "Pyongyang"]
    assert all(m["also"] == ["north-korea"] for m in data["mentions"])
    assert main(["mentions", str(REPO), "--entity", "pyongyng"]) == 2
    assert "unknown entity 'pyongyng'" in capsys.readouterr().err


def test_mentions_text_lists_shared_names_and_paths(capsys):
    assert main(["mentions", str(REPO), "--entity", "pyongyang"]) == 0
    out = capsys.readouterr().out
    assert "shared name: 'Pyongyang' is the name of pyongyang, and the alias of north-korea" in out
    assert "kim-aurus-gift.txt:12:196: pyongyang: Pyongyang (also north-korea)" in out


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
