"""Who says what (explorer/core/voices.py) and `factex voices --format json`."""

from __future__ import annotations

import json

from explorer.cli import main
from explorer.core.model import CERTAINTIES
from explorer.core.voices import ARTICLE, RELAYED, voices

from conftest import REPO


def _shipped():
    from explorer.core.loading.loader import Loader

    return Loader(REPO).load()


def test_every_relation_is_under_its_voice_once_and_relayed_ones_under_the_relayer_too():
    base = _shipped()
    found = voices(base)
    own = [(v.key, rid) for v in found.voices for c, ids in v.groups.items() if c != RELAYED for rid in ids]
    assert sorted(rid for _, rid in own) == sorted(base.relations)  # one source: each once
    for key, rid in own:
        rel = base.relations[rid]
        assert key == (rel.attribution or ARTICLE + "kim-aurus-gift")
    kcna = found.of("kcna")
    assert kcna.groups[RELAYED] == ["kim-has-special-personal-relations-with-putin"]
    assert set(kcna.groups["reported"]) == {r.id for r in base.relations.values() if r.attribution == "kcna"}
    article = found.of(ARTICLE + "kim-aurus-gift")
    # the article's opinions and hedges apart from what it asserts
    assert list(article.groups) == [c for c in CERTAINTIES if c in article.groups]
    assert set(article.groups["opinion"]) == {r.id for r in base.relations.values()
                                              if r.certainty == "opinion" and not r.attribution}
    # parties first, most facts first; the article's own voice last
    sizes = [len(v) for v in found.voices if v.kind == "party"]
    assert sizes == sorted(sizes, reverse=True) and found.voices[-1].kind == "article"


def _two_sources(ws):
    ws.source("a.txt", "KCNA said Alice met Bob. Alice met Bob, we think.\n")
    ws.source("b.txt", "KCNA said again Alice met Bob. Carol agreed that Alice met Bob.\n")
    for name, n, quote in (("alice", "Alice", "said Alice"), ("bob", "Bob", "met Bob."), ("kcna", "KCNA", "KCNA said Alice")):
        ws.card(f"{name}.yaml", f"""
            kind: entity
            name: {n}
            type: person
            evidence:
              - quote: {quote}
                source: a
        """)
    ws.card("carol.yaml", """
        kind: entity
        name: Carol
        type: person
        evidence:
          - Carol agreed
    """)
    ws.card("met-a.yaml", """
        kind: relation
        subject: alice
        predicate: met
        object: bob
        certainty: reported
        attribution: kcna
        evidence:
          - KCNA said Alice met Bob
    """)
    ws.card("met-b.yaml", """
        kind: relation
        subject: alice
        predicate: met
        object: bob
        certainty: reported
        attribution: kcna
        evidence:
          - KCNA said again Alice met Bob
    """)
    ws.card("met-carol.yaml", """
        kind: relation
        subject: alice
        predicate: Met
        object: bob
        certainty: reported
        attribution: carol
        evidence:
          - Carol agreed that Alice met Bob
    """)
    ws.card("met-own.yaml", """
        kind: relation
        subject: alice
        predicate: met
        object: bob
        certainty: hedged
        evidence:
          - Alice met Bob, we think
    """)


def test_a_partys_claims_from_every_source_together_and_who_else_says_so(ws):
    _two_sources(ws)
    base = ws.load()
    assert not base.errors, [p.format() for p in base.errors]
    found = voices(base)
    kcna = found.of("kcna")
    assert kcna.groups == {"reported": ["met-a", "met-b"]} and kcna.sources == ["a", "b"]
    assert found.also[("kcna", "met-a")] == ["carol", ARTICLE + "a"]
    assert found.also[("carol", "met-carol")] == ["kcna", ARTICLE + "a"]
    assert [v.key for v in found.voices] == ["kcna", "carol", ARTICLE + "a"]  # b has no own-voice fact


def test_cli_voices_json(capsys, ws):
    assert main(["voices", str(REPO), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    text = (REPO / "seeds" / "kim-aurus-gift.txt").read_text(encoding="utf-8")
    keys = [v["key"] for v in data["voices"]]
    assert keys[0] == "kcna" and keys[-1] == "article:kim-aurus-gift"
    for v in data["voices"]:
        assert sum(v["counts"].values()) == len(v["facts"])
        assert (v["party"] is None) == (v["kind"] == "article")
        for f in v["facts"]:
            assert f["quote"] in text
            if v["kind"] == "party" and f["said_by"] != v["party"]:
                assert f["relayed_by"] == v["party"]
    _two_sources(ws)
    assert main(["voices", str(ws.root), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    kcna = data["voices"][0]
    assert [f["also_said_by"] for f in kcna["facts"]] == [["carol", "article:a"]] * 2
    assert main(["voices", str(ws.root)]) == 0
    out = capsys.readouterr()
    assert "(also: Carol, " in out.out and "2 attributing parties, 1 article voice" in out.err
