"""The helper process of a large load: it checks a share of the cards, and whatever it does, the
fact base is the one a single process makes.

The workspace is a small synthetic one (bench/synth.py) with a few broken cards added; the size
threshold is lowered so that a helper starts for it.
"""

from __future__ import annotations

import sys
import textwrap

import pytest

from conftest import REPO
from explorer.core import helper
from explorer.core.workspace import Loader

sys.path.insert(0, str(REPO / "bench"))
import synth  # noqa: E402


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    root = tmp_path_factory.mktemp("synth")
    synth.generate(root, sources=3, entities=40, relations=80, seed=7)
    facts = root / "facts"
    (facts / "broken-yaml.yaml").write_text("kind: entity\nname: [unclosed\n", encoding="utf-8")
    (facts / "typo.yaml").write_text(textwrap.dedent("""\
        kind: entity
        name: Nobody
        type: person
        evidence:
          - quote: a sentence that is in no source at all
        """), encoding="utf-8")
    (facts / "dangling.yaml").write_text(textwrap.dedent("""\
        kind: relation
        subject: nobody-at-all
        predicate: met
        object: typo
        evidence:
          - quote: a sentence that is in no source either
        """), encoding="utf-8")
    return root


def load(root, monkeypatch, *, share):
    monkeypatch.setattr(helper, "MIN_CARDS", 0)
    monkeypatch.setattr(helper, "share", lambda cards, source_bytes: share(cards))
    return Loader(root, use_cache=False).load().to_json()


def single(root, monkeypatch):
    return load(root, monkeypatch, share=lambda cards: 0)


def test_a_helper_checks_a_share_and_the_fact_base_is_the_same(big, monkeypatch):
    from explorer.core import workspace

    answers, reads = [], []
    real_result, real_read = helper.Job.result, workspace.read_card
    monkeypatch.setattr(helper.Job, "result", lambda self, *a: answers.append(real_result(self, *a)) or answers[-1])
    monkeypatch.setattr(workspace, "read_card", lambda path, size=None, **kw: reads.append(path) or real_read(path, size, **kw))
    shared = load(big, monkeypatch, share=lambda cards: cards // 2)
    assert answers and answers[0] is not None and len(answers[0][1]) > 50  # the helper did its share
    assert len(reads) + len(answers[0][1]) == 123  # and this process read only the rest, once
    expected = single(big, monkeypatch)
    assert shared == expected
    assert len(expected["entities"]) >= 40 and len(expected["relations"]) >= 80
    assert {p["file"] for p in expected["problems"]} >= {"facts/broken-yaml.yaml", "facts/typo.yaml", "facts/dangling.yaml"}


@pytest.mark.parametrize("program", [
    "import sys; sys.exit(3)",                                             # fails
    "import sys; sys.stdout.write('hello')",                               # answers nonsense
    "import sys; sys.stdout.buffer.write(b'factex-helper 1\\n' + b'x' * 99)",  # a broken answer
    "import sys, pickle; sys.stdout.buffer.write(b'factex-helper 1\\n'"
    " + pickle.dumps(__import__('os').system))",                            # a forbidden object
    "no such python",                                                      # does not run
])
def test_whatever_the_helper_does_the_fact_base_is_the_same(big, monkeypatch, program):
    monkeypatch.setattr(helper, "_BOOT", program)
    assert load(big, monkeypatch, share=lambda cards: cards // 2) == single(big, monkeypatch)


def test_entries_from_the_helper_are_checked_like_cached_ones(big, monkeypatch):
    """A card changed after the helper read it (its stamp differs), or sources that changed
    meanwhile: the loader does not take the helper's word for it."""
    real = helper.Job.result

    def stale(self, *a):
        key, entries = real(self, *a)
        for entry in entries.values():
            entry.stamp = (-1, -1, -1, -1)
            if entry.checked and entry.checked[0] is not None:
                entry.checked[0].evidence.clear()  # would show if it were used
        return key, entries

    monkeypatch.setattr(helper.Job, "result", stale)
    assert load(big, monkeypatch, share=lambda cards: cards // 2) == single(big, monkeypatch)

    monkeypatch.setattr(helper.Job, "result", lambda self: ("other sources", real(self)[1]))
    assert load(big, monkeypatch, share=lambda cards: cards // 2) == single(big, monkeypatch)


def test_the_share_pays_for_itself(monkeypatch):
    monkeypatch.setenv("FACTEX_JOBS", "2")
    assert helper.share(helper.MIN_CARDS - 1, 0) == 0
    big = helper.share(30000, 3_000_000)
    assert 30000 * 0.3 < big < 30000 * 0.5  # a little less than half: the helper starts later
    assert helper.share(30000, 300_000_000) == 0  # indexing huge sources twice would not pay
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # a bundled app: no Python to start
    assert helper.share(30000, 3_000_000) == 0
    monkeypatch.delattr(sys, "frozen")
    monkeypatch.setenv("FACTEX_JOBS", "1")
    assert helper.share(30000, 3_000_000) == 0
    monkeypatch.setenv("FACTEX_JOBS", "many")
    assert helper.jobs() in (1, 2)


def test_a_load_stopped_by_its_progress_report_leaves_no_helper_and_a_usable_loader(big, monkeypatch):
    """The app stops a load it no longer wants (quitting) by raising from the progress report:
    the helper is gone at once, and the same loader loads fully next time."""
    jobs = []
    real_start = helper.start
    monkeypatch.setattr(helper, "MIN_CARDS", 0)
    monkeypatch.setattr(helper, "share", lambda cards, source_bytes: cards // 2)
    monkeypatch.setattr(helper, "start", lambda root, rels: jobs.append(real_start(root, rels)) or jobs[-1])

    class Stop(Exception):
        pass

    def progress(done, total):
        if jobs:  # the helper is running: the user quits
            raise Stop

    loader = Loader(big, use_cache=False)
    with pytest.raises(Stop):
        loader.load(progress=progress)
    assert jobs and jobs[0].proc.poll() is not None  # killed, not left running
    assert loader.load().to_json() == single(big, monkeypatch)


def test_a_load_with_a_helper_leaves_the_fingerprint_of_what_it_read(big, monkeypatch):
    monkeypatch.setattr(helper, "MIN_CARDS", 0)
    monkeypatch.setattr(helper, "share", lambda cards, source_bytes: cards // 2)
    loader = Loader(big, use_cache=False)
    loader.load()
    assert loader.last_fingerprint == loader.fingerprint()
