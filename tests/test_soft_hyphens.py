"""Soft hyphens (U+00AD), the hyphenation hints German and Dutch web articles carry in long words:
a quote typed without them matches, with exact offsets into the source, and a reader does not
see them in the article (between two letters, `safetext.visible`), while the citations of a
paragraph that holds them are still drawn where they are (`safetext.visible_mapped`)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source

WORDS = ["Bundesregierung", "Mon", "tag", "beschlossen", "Ausschuss", "Gesundheitsministerium", "und", "der"]


def _hyphenated(word: str, cuts: list[int]) -> str:
    """`word` with a soft hyphen at each cut strictly inside it."""
    inner = sorted({c % (len(word) - 1) + 1 for c in cuts}) if len(word) > 1 else []
    out, last = [], 0
    for c in inner:
        out.append(word[last:c])
        last = c
    out.append(word[last:])
    return "\u00ad".join(out)


@settings(max_examples=60)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.lists(st.integers(0, 40), max_size=3)), min_size=2, max_size=8),
       st.data())
def test_a_quote_typed_without_soft_hyphens_matches_with_exact_offsets(words, data):
    source_words = [_hyphenated(w, cuts) for w, cuts in words]
    text = "Anfang. " + " ".join(source_words) + " Ende.\n"
    source = Source("a", "seeds/a.txt", text, "0" * 64)
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i + 1, len(words)))
    quote = " ".join(w for w, _ in words[i:j])
    result = anchor_quote(quote, [source])
    if result.error and "quote occurs" in result.error:
        return  # (the same words twice: occurrence picks one, tested elsewhere)
    assert result.error is None, result.error
    start = len("Anfang. ") + sum(len(w) + 1 for w in source_words[:i])
    end = start + len(" ".join(source_words[i:j]))
    assert (result.anchor.start, result.anchor.end) == (start, end)
    assert text[result.anchor.start:result.anchor.end].replace("\u00ad", "") == quote


ARTICLE = ("Ein Titel\n\nDie Bundes\u00adregierung hat am Mon\u00adtag be\u00adschlos\u00adsen, "
           "dass der Aus\u00adschuss tagt. Ein \u202eVerweis\u202c bleibt sichtbar.\n")


@pytest.fixture
def german(tmp_path):
    (tmp_path / "facts").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "facts" / "b.yaml").write_text(
        "kind: entity\nname: Bundesregierung\ntype: organization\nevidence:\n"
        "  - Die Bundesregierung hat am Montag beschlossen\n  - der Ausschuss tagt\n", encoding="utf-8")
    return tmp_path


async def test_the_article_hides_soft_hyphens_in_words_and_draws_its_citations_where_they_are(german):
    from explorer.app import render
    from explorer.app.app import FactexApp
    from explorer.app.screens.article import ArticleScreen

    from apphelpers import ready, wait_for

    app = FactexApp(german, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        assert not [p for p in app.base.problems if p.severity == "error"], app.base.problems
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        screen = app.screen
        source = app.base.sources[screen.source_id]
        p = source.paragraph_of(ARTICLE.index("Die")) - 1
        content = screen._paragraph_content(p)
        shown = content.plain
        assert "\u00ad" not in shown and "U+00AD" not in shown
        assert "Die Bundesregierung hat am Montag beschlossen" in shown
        assert "\u27e8U+202E\u27e9Verweis\u27e8U+202C\u27e9" in shown  # a bidi override stays visible
        for cited in ("Die Bundesregierung hat am Montag beschlossen", "der Ausschuss tagt"):
            at = shown.index(cited)
            # (the span the reading cursor is on, where `a` opened the article, in the current quote's style)
            styled = {(s.start, s.end) for s in content.spans if str(s.style) in (render.CITED_STYLE, render.QUOTE_STYLE)}
            assert (at, at + len(cited)) in styled, (cited, content.spans)
