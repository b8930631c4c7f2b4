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
