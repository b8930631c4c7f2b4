"""A Markdown article's character references (`&nbsp;`, `&amp;`, `&mdash;`, `&#8217;`, `&ldquo;`...)
read as the characters its page shows: a quote typed as the page reads ("5 million", "AT&T's",
'"Bob"', " - " for the dash) anchors on the file's own text, each reference whole (never `&` or
`;` of one at the anchor's edge); it was "did you mean ';million'" and "no passage is close to it",
and the file got a warning telling its author to add it again with `factex add`, though Markdown
writes characters so (tests/real/kubernetes ends its lines with `&nbsp;`). A .txt keeps its
warning and its references as they stand; inside a code span a reference is what it says."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source, read_sources
from explorer.core.markdown import rendered
from explorer.core.text import normalize_quote

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa", "lambda", "sigma", "omega", "rho"]
# (how the file writes the gap between two words, how a person types it)
JOINS = [("&nbsp;", " "), (" &mdash; ", " - "), ("&mdash;", "-"), (" &ndash; ", " - "), ("&amp;", "&"),
         (" &amp; ", " & "), ("&#8217;s ", "'s "), ("&rsquo;s ", "'s "), ("&#x2019;s ", "'s "), ("&#160;", " "),
         (" &hellip; ", " ... "), ("&eacute;", "é")]
QUOTES = [("&ldquo;", "&rdquo;", '"'), ("&laquo;", "&raquo;", '"'), ("&#8220;", "&#8221;", '"'), ("&lsquo;", "&rsquo;", "'")]


def source(text: str, name: str = "story.md") -> Source:
    return Source("story", f"seeds/{name}", text, "0" * 64)


@st.composite
def _with_references(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=8, max_size=12, unique=True))
    written, typed = [words[0]], [words[0]]
    for w in words[1:]:
        join, typed_join = draw(st.sampled_from([(" ", " "), (" ", " "), *JOINS]))
        written[-1:] = [written[-1] + join + w]
        typed[-1:] = [typed[-1] + typed_join + w]
    k = draw(st.integers(1, len(words) - 1))
    opening, closing, mark = draw(st.sampled_from(QUOTES))
    # a quoted word or two at the end, its closing reference the last thing a quote may take
    text = "Title line\n\n" + written[0] + " " + opening + "Word" + closing + ".\n"
    page = typed[0] + " " + mark + "Word" + mark + "."
    # the quote: from a word after the first to the end, or to the closing quotation mark
    starts = [i for i in range(1, len(page)) if page[i - 1] == " " and page[i].isalpha()][:k] or [0]
    start = starts[-1]
    end = draw(st.sampled_from([len(page), len(page) - 1]))
    return text, page[start:end]


@given(_with_references())
@settings(max_examples=120, deadline=None)
def test_a_quote_typed_as_the_page_reads_its_references_anchors_on_whole_references(case):
    text, quote = case
    r = anchor_quote(quote, [source(text)])
    assert r.anchor is not None, (text, quote, r.error)
    exact = text[r.anchor.start : r.anchor.end]
    assert normalize_quote(html.unescape(exact)) == normalize_quote(quote), (exact, quote)
    # never a reference cut at an edge: what the anchor holds unescapes as the page shows it
    assert not exact.endswith(("&", ";")) or exact.endswith(tuple(f"&{n};" for n in ("rdquo", "raquo", "rsquo"))
                                                              + ("&#8221;",)), exact
    assert html.unescape(exact) == rendered(text)[r.anchor.start : r.anchor.end].replace("\u200b", "")


def test_the_edges_take_the_whole_reference():
    text = "Title\n\nIt costs 5&nbsp;million &mdash; said AT&amp;T&#8217;s chief &ldquo;Bob&rdquo;.\n"
    cases = {
        "5 million": "5&nbsp;million",
        "costs 5 million -": "costs 5&nbsp;million &mdash;",
        "- said": "&mdash; said",
        "AT&T's chief": "AT&amp;T&#8217;s chief",
        '"Bob"': "&ldquo;Bob&rdquo;",
        'chief "Bob': "chief &ldquo;Bob",
    }
    for quote, want in cases.items():
        r = anchor_quote(quote, [source(text)])
        assert r.anchor is not None and text[r.anchor.start : r.anchor.end] == want, (quote, r.error)


def test_a_reference_in_a_code_span_is_what_it_says_and_a_text_file_keeps_its_references():
    text = "Title\n\nUse `a&amp;b` here &amp; there, and &#42;no emphasis&#42;.\n"
    assert anchor_quote("a&b", [source(text)]).anchor is None
    assert anchor_quote("a&amp;b", [source(text)]).anchor is not None
    assert anchor_quote("*no emphasis*", [source(text)]).anchor is not None  # (a reference is never markup)
    assert anchor_quote("here & there", [source(text, "story.txt")]).anchor is None
    assert anchor_quote("here &amp; there", [source(text, "story.txt")]).anchor is not None


def test_only_a_text_file_is_warned_of_its_references(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "post.md").write_text("Title\n\nAT&amp;T said so.&nbsp;\n", encoding="utf-8")
    (tmp_path / "seeds" / "wire.txt").write_text("Title\n\nAT&amp;T said so.\n", encoding="utf-8")
    problems = read_sources(tmp_path).problems
    assert [(p.file, p.severity) for p in problems] == [("seeds/wire.txt", "warning")], problems
