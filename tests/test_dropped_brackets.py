"""A quote that leaves out what the article has in square brackets (a writer's own words inside
what someone said: "So this decision [of gifting a vehicle] was made", "a disaster [sic] for") is
told what it left out and given the whole passage: a person quoting the speaker drops the
insertion, or types its words without the brackets. Did-you-mean offered a passage that began or
ended inside the brackets ("] did helped the city", "It was a disaster [sic"), or "You typed
'nothing', the source has '['". The quote is still not accepted: a quote is the article's own
text. One place (`anchor._edited`, which a card's check and `factex quote` both ask)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.anchoring.anchor import anchor_quote, edited_quote
from explorer.core.anchoring.sources import Source
from explorer.core.safetext import quoted

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa", "lambda", "sigma", "omega", "rho",
         "tau", "phi", "chi", "psi"]
INSERTED = ["sic", "the police", "Labour", "of gifting a vehicle", "Democratic People's Republic of Korea", "he", "2014"]
SHIPPED = Path(__file__).resolve().parent.parent / "seeds" / "kim-aurus-gift.txt"


def source(text: str, name: str = "story.txt") -> Source:
    return Source("story", f"seeds/{name}", text, "0" * 64)


@st.composite
def _story(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=8, max_size=12, unique=True))
    k = draw(st.integers(2, len(words) - 2))
    inserted = draw(st.sampled_from(INSERTED))
    glued = draw(st.booleans())  # "Labour[he]" is rare; "word [insert] word" is how it is written
    written = " ".join(words[:k]) + (" " if not glued else "") + f"[{inserted}] " + " ".join(words[k:])
    text = "Headline here\n\n\u201c" + written + ",\u201d she said.\n"
    a = draw(st.integers(0, k - 1))
    b = draw(st.integers(k + 1, len(words)))
    return text, words, k, a, b, inserted


@given(_story())
@settings(max_examples=80, deadline=None)
def test_a_quote_that_drops_the_insertion_is_told_what_it_left_out_and_the_whole_passage(case):
    text, words, k, a, b, inserted = case
    quote = " ".join(words[a:b])
    r = anchor_quote(quote, [source(text)])
    assert r.anchor is None
    assert r.error.startswith(f"quote not found in story: it leaves out {quoted(f'[{inserted}]')}, a writer's own words"), r.error
    passage = r.error.split("quote the whole passage, ", 1)[1].split(", or the words", 1)[0][1:-1]
    assert passage.replace(f"[{inserted}]", "").replace("  ", " ").strip() == quote
    assert anchor_quote(passage, [source(text)]).anchor is not None  # (what it offers anchors)
    assert edited_quote(quote, [source(text)]) == r.error.removeprefix("quote not found in story: ")


@given(_story())
@settings(max_examples=60, deadline=None)
def test_a_quote_that_types_the_inserted_words_without_brackets_is_told_so(case):
    text, words, k, a, b, inserted = case
    if text.count("[") != 1 or f" [{inserted}]" not in text:
        return
    quote = " ".join(words[a:k] + inserted.split() + words[k:b])
    r = anchor_quote(quote, [source(text)])
    assert r.anchor is None
    assert r.error.startswith(f"quote not found in story: it leaves out the square brackets of {quoted(f'[{inserted}]')}"), r.error
    passage = r.error.rsplit("quote ", 1)[1][1:-1]
    assert anchor_quote(passage, [source(text)]).anchor is not None


def test_a_markdown_link_is_no_insertion():
    text = "Title\n\nRead more about the [Ingress object](http://example.org/ingress) here.\n"
    assert anchor_quote("Read more about the Ingress object here.", [source(text, "story.md")]).anchor is not None
    assert edited_quote("Read more about the here.", [source(text, "story.md")]) is None


def test_the_shipped_article_s_insertions(tmp_path, capsys, monkeypatch):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "facts").mkdir()
    (tmp_path / "seeds" / "kim-aurus-gift.txt").write_bytes(SHIPPED.read_bytes())
    monkeypatch.setenv("FACTEX_CACHE", "0")
    assert main(["quote", "So this decision was made", str(tmp_path)]) == 1
    assert capsys.readouterr().out == (
        "not found in kim-aurus-gift: it leaves out '[of gifting a vehicle]', a writer's own words the source has in "
        "square brackets inside what was said, and a quote is the source's own text, brackets and all (line 38): "
        "quote the whole passage, \"So this decision [of gifting a vehicle] was made\", or the words before and after "
        "it as quotes of their own\n")
    assert main(["quote", "the top leaders of the DPRK Democratic People's Republic of Korea and Russia", str(tmp_path)]) == 1
    assert capsys.readouterr().out == (
        "not found in kim-aurus-gift: it leaves out the square brackets of \"[Democratic People's Republic of Korea]\", "
        "a writer's own words inside what was said, and a quote is the source's own text, brackets and all (line 20): "
        "quote \"the top leaders of the DPRK [Democratic People's Republic of Korea] and Russia\"\n")
