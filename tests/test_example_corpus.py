"""The example corpus (examples/corpus/, see its README): four real articles in four styles open,
check clean and browse; a revision of an article added beside it breaks no card and adds one
warning at most (none for cards that pin their source)."""

from __future__ import annotations

import json
import shutil

import pytest

from apphelpers import ready, wait_for
from conftest import REPO
from explorer.cli import main
from explorer.core.loading.loader import Loader

CORPUS = REPO / "examples" / "corpus"
REUTERS = "parasite-scores-historic-upset-at-sag"
JAPAN_TIMES = "losing-face-6-000-surgical-masks"
PHYS_ORG = "flint-flake-tool-partially-covered-by"


def test_the_corpus_checks_clean(capsys):
    assert main(["check", str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("4 sources: 0 errors, 0 warnings")


def test_four_sources_in_four_styles_with_their_provenance_and_cards(capsys):
    assert main(["export", str(CORPUS), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    sources = {s["id"]: s for s in data["sources"]}
    assert {sid: (s["outlet"], s["published"]) for sid, s in sources.items()} == {
        "kim-aurus-gift": ("The War Zone", "2024-02-20"),
        REUTERS: ("Reuters", "2020-01-20"),
        JAPAN_TIMES: ("The Japan Times", "2020-02-18"),
        PHYS_ORG: ("Phys.org", "2019-10-22"),
    }
    per_source = {sid: 0 for sid in sources}
    for card in (*data["entities"], *data["relations"]):
        for sid in card["sources"]:
            per_source[sid] += 1
    assert all(n >= 15 for n in per_source.values()), per_source
    # Every certainty is used, with attributions, as a careful carder writes them.
    rels = [r for r in data["relations"] if set(r["sources"]) & {REUTERS, JAPAN_TIMES, PHYS_ORG}]
    assert {r["certainty"] for r in rels} == {"stated", "reported", "hedged", "opinion"}
    assert all(r["attribution"] for r in rels if r["certainty"] == "reported")
    # One real thing carded once, with evidence from two articles.
    both = {e["id"] for e in data["entities"] if len(e["sources"]) == 2}
    assert {"south-korea", "donald-trump"} <= both


def test_the_added_articles_are_what_factex_add_makes_of_the_saved_pages(tmp_path):
    ws = tmp_path / "ws"
    assert main(["init", str(ws)]) == 0
    for page in ("reuters.com.parasite.html", "japantimes.co.jp.surgical.html", "phys.org.tool.html"):
        assert main(["add", str(REPO / "tests" / "data" / "pages" / page), str(ws)]) == 0
    for sid in (REUTERS, JAPAN_TIMES, PHYS_ORG):
        assert (ws / "seeds" / f"{sid}.txt").read_bytes() == (CORPUS / "seeds" / f"{sid}.txt").read_bytes()
    assert (CORPUS / "seeds" / "kim-aurus-gift.txt").read_bytes() == (REPO / "seeds" / "kim-aurus-gift.txt").read_bytes()


def _copy(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    return root


def _anchors(base):
    return {c.id: [ev.anchor for ev in c.evidence] for c in (*base.entities.values(), *base.relations.values())}


def test_a_revision_of_an_article_breaks_no_card_and_adds_one_warning_not_one_per_card(tmp_path, capsys):
    root = _copy(tmp_path)
    before = Loader(root, use_cache=False).load()
    # The shipped article, revised the next day: a new headline word and a paragraph added; most
    # of the text (and so most quotes of its cards, which do not pin their source) is in both.
    text = (root / "seeds" / "kim-aurus-gift.txt").read_text(encoding="utf-8")
    revision = text.replace("Pal Putin", "Pal Putin (Updated)", 1).replace(
        "In the meantime,", "UPDATE: KCNA has since shown the car.\n\nIn the meantime,")
    (root / "seeds" / "kim-aurus-gift-updated.txt").write_text(revision, encoding="utf-8")
    (root / "seeds" / "kim-aurus-gift-updated.yaml").write_text("title: Kim Jong Un Gifted Russian-Made Luxury Car (Updated)\n"
                                                               "outlet: The War Zone\npublished: '2024-02-21'\n", encoding="utf-8")
    # ... and the Japan Times brief, revised: its cards pin their source, so nothing is even asked.
    brief = (root / "seeds" / f"{JAPAN_TIMES}.txt").read_text(encoding="utf-8")
    (root / "seeds" / f"{JAPAN_TIMES}-v2.txt").write_text(brief + "\nThe police later arrested a suspect.\n", encoding="utf-8")
    after = Loader(root, use_cache=False).load()
    assert after.errors == []
    assert _anchors(after) == _anchors(before)  # every quote stays where it was
    assert [(p.file, p.line) for p in after.warnings] == [("seeds/kim-aurus-gift-updated.txt", 1)]
    assert main(["check", str(root)]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("6 sources: 0 errors, 1 warning")
    assert "quotes of 149 cards" in out and "taken from kim-aurus-gift, the earliest published" in out


async def test_the_corpus_browses_sources_view_and_source_filter():
    from explorer.app.app import FactexApp
    from explorer.app.screens.main import MainScreen
    from explorer.app.screens.sources import SourcesScreen
    from explorer.core.loading.config import Settings

    app = FactexApp(CORPUS, watch=False, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen))
        assert [s.source.id for s in app.screen.stats] == [PHYS_ORG, REUTERS, JAPAN_TIMES, "kim-aurus-gift"]
        await pilot.press("g", "j", "f")  # (the cursor starts on the article being read) Reuters
        main_screen = app.main_screen
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen) and main_screen.source_filter == REUTERS)
        shown = {value for kind, value, _ in main_screen.entity_rows if kind == "e"}
        assert {"parasite", "bong-joon-ho", "south-korea", "donald-trump"} <= shown
        assert not shown & {"kim-jong-un", "neanderthals", "kobe"}


@pytest.mark.parametrize("article", [REUTERS, JAPAN_TIMES, PHYS_ORG])
def test_each_added_article_is_carded_in_good_part(article):
    """Coverage (sentences backed by a quote): Reuters 12/28, The Japan Times 7/10, Phys.org 11/17."""
    base = Loader(CORPUS, use_cache=False).load()
    covered, total = base.coverage(article)
    assert covered / total >= 0.4, (article, covered, total)
