"""The article's own cards: they must check clean and cover the article."""

import hashlib

import pytest

from explorer.core.anchoring.sources import split_sentences
from explorer.core.loading.loader import Loader

from conftest import REPO


@pytest.fixture(scope="module")
def base():
    return Loader(REPO).load()


def test_shipped_cards_check_clean(base):
    assert [p.format() for p in base.problems] == []


# The SHA-256 of the article as it was handed to the project (shared/seeds/kim-aurus-gift.txt),
# recorded here so the check needs nothing outside this repository.
ARTICLE_SHA256 = "6a09cfdae59c80d13fd829dd90a61a3d5fa7cff9d21a1d1f5d1683a2ef1130e6"


def test_seed_is_the_given_article_byte_for_byte():
    assert hashlib.sha256((REPO / "seeds" / "kim-aurus-gift.txt").read_bytes()).hexdigest() == ARTICLE_SHA256


def test_whole_article_is_carded(base):
    assert len(base.entities) > 30 and len(base.relations) > 30
    source = base.sources["kim-aurus-gift"]
    cited = base.citations("kim-aurus-gift")
    # every paragraph that states something (more than a caption) has at least one card citing it
    for number, (start, end) in enumerate(source.paragraphs, 1):
        if end - start < 120:
            continue
        assert any(s < end and e > start for s, e, _ in cited), f"paragraph {number} has no card: {source.text[start:start+80]!r}"


def test_key_facts_are_there(base):
    sentences = {base.sentence(r): r for r in base.relations.values()}
    gift = [r for r in base.relations.values() if r.subject == "vladimir-putin" and r.object == "kim-jong-un" and "gift" in r.predicate]
    assert gift, sorted(sentences)
    certainties = {r.certainty for r in base.relations.values()}
    assert certainties == {"stated", "reported", "hedged", "opinion"}
    reported = [r for r in base.relations.values() if r.certainty == "reported"]
    assert {"kcna", "tass", "dmitry-peskov", "john-kirby"} <= {r.attribution for r in reported}
    for r in reported:
        assert r.attribution in base.entities


def test_sentence_coverage_is_measured(base):
    covered, total = base.coverage("kim-aurus-gift")
    assert total == len(split_sentences(base.sources["kim-aurus-gift"].text))
    assert 0 < covered <= total
