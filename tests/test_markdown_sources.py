"""A Markdown article (`seeds/*.md`) is quoted as its page reads: a quote typed as the page shows
it ("Read more about the Ingress object.") anchors on `Read more about the [Ingress
object](http://...).`, the anchor being the article's own text, markup and all; it was "not found"
("the source has '[' after 'the'"), a link in a quote was "it leaves out '](https://...)'", and a
bold run-in head could not be quoted with its colon. Words the markup runs together stay one word
(`the[Job object](...)` reads "theJob object": "the Job object" is not found; "Job object" is, as
the file has it). Only
Markdown sources: a .txt holding asterisks is as it stands. Did-you-mean shows the passage as the
page shows it. A Markdown article's YAML front matter gives its title. Found on tests/real/
kubernetes (the Kubernetes 1.1 announcement, kubernetes/website, CC BY 4.0)."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source
from explorer.core.cardformat.provenance import guess_title
from explorer.core.markdown import rendered
from explorer.core.text import normalize_quote

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa", "lambda", "sigma", "omega", "rho"]
MARKUP = [("**", "**"), ("__", "__"), ("*", "*"), ("_", "_"), ("`", "`"), ("~~", "~~"), ("[", "](https://example.org/a_b*c)"),
          ("[", "][ref]"), ("![", "](img.png \"a title\")"), ("<", ">")]


def source(text: str, name: str = "story.md") -> Source:
    return Source("story", f"seeds/{name}", text, "0" * 64)


@st.composite
def _marked_up(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=8, max_size=12, unique=True))
    words[0] = "Opening"
    pieces = list(words)
    for k in sorted(draw(st.sets(st.integers(1, len(words) - 2), min_size=1, max_size=3))):
        opening, closing = draw(st.sampled_from(MARKUP))
        if opening == "<":
            pieces[k] = f"<https://{words[k]}.org>"
            words[k] = f"https://{words[k]}.org"
        else:
            pieces[k] = opening + words[k] + closing
    lead = draw(st.sampled_from(["", "> ", "- ", "## ", "1. "]))
    text = "Title line\n\n" + lead + " ".join(pieces) + ".\n"
    a = draw(st.integers(1, len(words) - 3))
    b = draw(st.integers(a + 2, len(words)))
    return text, " ".join(words[a:b])


@given(_marked_up())
@settings(max_examples=80, deadline=None)
def test_a_quote_typed_as_the_page_reads_anchors_on_the_markdown_source(case):
    text, quote = case
    r = anchor_quote(quote, [source(text)])
    assert r.anchor is not None, r.error
    exact = text[r.anchor.start : r.anchor.end]
    read = rendered(text)[r.anchor.start : r.anchor.end]
    assert normalize_quote(read.replace("\u200b", "")) == normalize_quote(quote), (exact, read)
    assert exact.startswith(quote.split(" ")[0])  # the anchor starts at the quote's first letter


@given(_marked_up())
@settings(max_examples=30, deadline=None)
def test_a_text_file_keeps_its_asterisks(case):
    text, quote = case
    assume(normalize_quote(quote) not in normalize_quote(text))
    assert anchor_quote(quote, [source(text, "story.txt")]).anchor is None


def test_words_the_markup_runs_together_are_one_word_and_did_you_mean_shows_the_page():
    text = "Title\n\nRead more about the[Job object](http://kubernetes.io/jobs.html).&nbsp;\n"
    r = anchor_quote("Job object", [source(text)])  # (whole words of the file as it stands: "[" ends a word)
    assert r.anchor is not None and text[r.anchor.start : r.anchor.end] == "Job object"
    r = anchor_quote("Read more about the Job object.", [source(text)])
    assert r.error == ('quote not found in story; did you mean "Read more about theJob object." (line 3)? '
                       "You typed 'the Job', the source has 'theJob'."), r.error
    r = anchor_quote("Read more about theJob object.", [source(text)])
    assert r.anchor is not None and text[r.anchor.start : r.anchor.end] == "Read more about the[Job object](http://kubernetes.io/jobs.html)."


def test_snake_case_and_arithmetic_are_not_emphasis():
    text = "Title\n\nSet max_open_files to 2*3*4 now.\n"
    assert rendered(text) == text
    assert anchor_quote("Set maxopenfiles", [source(text)]).anchor is None


def test_a_markdown_articles_front_matter_gives_its_title():
    text = '---\ntitle: " Kubernetes 1.1 Performance upgrades  "\ndate: 2015-11-09\n---\nSince the release in July.\n'
    assert guess_title(text, "x") == "Kubernetes 1.1 Performance upgrades"
    assert guess_title("---\nlayout: post\n---\n# Hello world\n\nText.\n", "x") == "Hello world"
    assert guess_title("--- a line\nHello there world\n", "x") == "--- a line"
