"""`factex diff`: real git repositories made in a temporary folder; git itself is the reference for
what changed and for "nothing was checked out"."""

import json
import os
import subprocess

import pytest

from explorer.cli import main

from conftest import SOURCE_TEXT

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo, *args) -> str:
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env={**os.environ, **GIT_ENV})
    assert out.returncode == 0, out.stderr
    return out.stdout


def commit(repo, message) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def diff_json(capsys, *argv) -> dict:
    code = main(["diff", *argv, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def ids(section) -> list[str]:
    return sorted(c["id"] for c in section)


@pytest.fixture
def history(ws, monkeypatch):
    """Two commits: the basic workspace, then a commit that changes a bit of everything."""
    ws.basic()
    git(ws.root, "init", "-q", "-b", "main")
    first = commit(ws.root, "one")
    # a paragraph above everything: every quote moves
    ws.source("article.txt", SOURCE_TEXT.replace("A Test Article\n", "A Test Article\n\nA new first paragraph.\n"))
    ws.card("paris.yaml", "kind: entity\nname: Paris\ntype: place\nevidence: [Paris on March 3]\n")
    ws.card("alice.yaml", """
        kind: entity
        name: Alice Smith
        type: painter
        aliases: [Alice, Ms Smith]
        evidence:
          - quote: Alice Smith met Bob Jones
            note: first meeting
    """)
    ws.card("alice-gave-bob-car.yaml", """
        kind: relation
        subject: alice
        predicate: gave a red car to
        object: bob
        certainty: reported
        attribution: bob
        evidence:
          - quote: Alice gave Bob a red car
          - quote: a gift
    """)
    (ws.root / "facts" / "bob.yaml").write_text("kind: entity\nname: Bob Jones\ntype: person\nevidence: [Bob sayd]\n")
    second = commit(ws.root, "two")
    monkeypatch.chdir(ws.root)
    return ws, first, second


def test_between_two_revisions(history, capsys):
    ws, first, second = history
    result = diff_json(capsys, first, second)
    assert result["from"].startswith(first[:12]) and result["to"].startswith(second[:12])
    e, r = result["entities"], result["relations"]
    assert ids(e["added"]) == ["paris"] and e["removed"] == []
    (alice,) = e["changed"]
    assert alice["fields"] == {"type": {"from": "person", "to": "painter"},
                               "aliases": {"from": ["Alice"], "to": ["Alice", "Ms Smith"]}}
    (moved,) = alice["evidence"]["moved"]
    assert moved["to"]["start"] - moved["from"]["start"] == len("\nA new first paragraph.\n")
    assert moved["from"]["text"] == moved["to"]["text"] == "Alice Smith met Bob Jones"
    assert alice["evidence"]["note"] == [{"quote": "Alice Smith met Bob Jones", "from": None, "to": "first meeting"}]
    # bob's quote no longer anchors: bob, and the relation naming him, are broken, with the reasons
    (bob,) = e["broken"]
    assert bob["id"] == "bob" and any("quote not found" in p["message"] for p in bob["problems"])
    assert ids(r["broken"]) == ["alice-gave-bob-car"] and r["changed"] == [] and r["added"] == []
    introduced = [p["file"] for p in result["problems"]["introduced"]]
    assert "facts/bob.yaml" in introduced and "facts/alice-gave-bob-car.yaml" in introduced
    assert result["problems"]["fixed"] == []
    # git agrees on which cards changed
    changed_files = set(git(ws.root, "diff", "--name-only", first, second).split())
    reported = {c["file"] for s in (e, r) for k in ("added", "changed", "broken") for c in s[k]}
    assert reported <= changed_files


def test_a_revision_against_the_working_tree_checks_nothing_out(history, capsys):
    ws, first, second = history
    (ws.root / "facts" / "bob.yaml").write_text("kind: entity\nname: Bob Jones\ntype: person\nevidence: [Bob said]\n")
    (ws.root / "facts" / "alice-gave-bob-car.yaml").unlink()
    status, head, index = git(ws.root, "status", "--porcelain"), git(ws.root, "rev-parse", "HEAD"), git(ws.root, "ls-files", "-s")
    result = diff_json(capsys)  # HEAD against the working tree
    assert result["to"] == "the working tree" and result["from"].startswith("HEAD (")
    assert ids(result["entities"]["added"]) == ["bob"]  # valid again
    assert ids(result["relations"]["removed"]) == []  # it was not valid at HEAD either
    assert {p["file"] for p in result["problems"]["fixed"]} == {"facts/bob.yaml", "facts/alice-gave-bob-car.yaml"}
    assert result["problems"]["introduced"] == []
    older = diff_json(capsys, first)  # one revision: it against the working tree
    assert ids(older["relations"]["removed"]) == ["alice-gave-bob-car"]
    assert (git(ws.root, "status", "--porcelain"), git(ws.root, "rev-parse", "HEAD"), git(ws.root, "ls-files", "-s")) == (
        status, head, index)


def test_text_output_reads_as_a_review(history, capsys):
    ws, first, second = history
    assert main(["diff", first, second]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"facts from {first[:12]}")
    assert '+ entity paris: "Paris" (place)  facts/paris.yaml' in out
    assert '~ entity alice: type: "person" -> "painter"' in out
    assert any(line.startswith('~ entity alice: evidence moved "Alice Smith met Bob Jones" article:3 [') for line in out)
    assert "! entity bob: no longer checks clean  facts/bob.yaml" in out
    assert out[-1].startswith("entities: 1 added, 0 removed, 1 changed, 1 broken; relations: 0 added")


def test_a_workspace_in_a_subfolder_of_the_repository(tmp_path, capsys, monkeypatch):
    from conftest import Workspace

    (tmp_path / "news").mkdir()
    ws = Workspace(tmp_path / "news").basic()
    (tmp_path / "README").write_text("x\n")
    git(tmp_path, "init", "-q", "-b", "main")
    first = commit(tmp_path, "one")
    ws.card("paris.yaml", "kind: entity\nname: Paris\ntype: place\nevidence: [Paris on March 3]\n")
    commit(tmp_path, "two")
    monkeypatch.chdir(tmp_path)
    result = diff_json(capsys, first, "HEAD", "-w", "news")
    assert ids(result["entities"]["added"]) == ["paris"] and result["entities"]["changed"] == []


def test_untrusted_text_is_shown_literally(history, capsys):
    ws, first, second = history
    ws.card("evil.yaml", 'kind: entity\nname: "\\e[2J\\u202eEvil"\ntype: person\nevidence: [Bob said]\n')
    assert main(["diff"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "␛[2J⟨U+202E⟩Evil" in out


def test_usage_errors(ws, capsys, monkeypatch, tmp_path):
    ws.basic()
    monkeypatch.chdir(ws.root)
    assert main(["diff"]) == 2
    assert "not a git repository" in capsys.readouterr().err.lower()
    git(ws.root, "init", "-q", "-b", "main")
    commit(ws.root, "one")
    assert main(["diff", "no-such-branch"]) == 2
    assert "unknown revision 'no-such-branch'" in capsys.readouterr().err
    assert main(["diff", "--", "--output=/tmp/x"]) == 2  # never passed to git as an option
    assert "not a revision" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["diff", "a", "b", "c"])
