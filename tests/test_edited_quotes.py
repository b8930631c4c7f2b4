"""Quotes edited as writers edit them: words left out with an ellipsis (`...`, `…`, `[...]`),
words of the writer's own in square brackets. Such a quote is not the source's words and is
never accepted; the problem says what was done and that the pieces are there, and the advice
(quote the whole passage) is a quote that is found."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Workspace

ARTICLE = ("Carmen Flores met Ana Ruiz in Madrid on Monday. The minister said the budget would be cut "
           "by a tenth, and that hospitals in the north would wait longest for new doctors.\n")
WORDS = ARTICLE.split()


def _check(quote: str):
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        ws.source("a.txt", ARTICLE)
        escaped = quote.replace("'", "''")
        ws.card("x.yaml", f"kind: entity\nname: X\ntype: person\nevidence:\n  - quote: '{escaped}'\n")
        return [(p.severity, p.message) for p in ws.load().problems]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, len(WORDS) - 1), min_size=4, max_size=6, unique=True),
       st.sampled_from(["...", " ... ", " … ", " [...] ", " […] "]))
def test_an_elided_quote_is_an_error_naming_its_parts_and_the_whole_passage_is_found(cuts, mark):
    cuts = sorted(cuts)
    # two or three runs of whole words, in order, with words left out between them
    runs = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2) if cuts[i + 1] > cuts[i]]
    runs = [r for k, r in enumerate(runs) if k == 0 or r[0] > runs[k - 1][1]]
    if len(runs) < 2:
        return
    pieces = [" ".join(WORDS[a:b]) for a, b in runs]
    if any(not p.strip(".,") for p in pieces):
        return
    got = _check(mark.join(pieces))
    assert len(got) == 1 and got[0][0] == "error"
    assert "it leaves words out" in got[0][1] and f"Its {len(pieces)} parts are there, in order (line 1)" in got[0][1]
    whole = " ".join(WORDS[runs[0][0]:runs[-1][1]])
    assert _check(whole) == []  # (the advice: the whole passage is the source's own words)


def test_a_writers_words_in_brackets_are_named_and_never_accepted():
    got = _check("[Flores] met Ana Ruiz in Madrid")
    assert got == [("error", "quote not found in a: it holds words in square brackets ('[Flores]'), a writer's own, "
                             "and a quote is one run of the source's own words. The rest is there (line 1): quote it "
                             "without them")]


def test_pieces_that_are_not_whole_words_are_no_elision():
    got = _check("Carmen Flo ... in Madrid")
    assert len(got) == 1 and "leaves words out" not in got[0][1]


def test_factex_quote_says_the_same(tmp_path, capsys):
    from explorer.cli import main

    ws = Workspace(tmp_path)
    ws.source("a.txt", ARTICLE)
    code = main(["quote", "Carmen Flores … in Madrid", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 1
    assert out == ("not found in a: it leaves words out ('...'), and a quote is one run of the source's own words. "
                   "Its 2 parts are there, in order (line 1): quote each as a quote of its own, or the whole passage, "
                   "\"Carmen Flores met Ana Ruiz in Madrid\"\n")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, len(WORDS) - 1), min_size=4, max_size=4, unique=True),
       st.sampled_from(["...", " … ", " [...] "]), st.sampled_from(["\u201c\u201d", '""', "\u00ab\u00bb", "\u201e\u201c", "''"]),
       st.booleans(), st.booleans())
def test_an_elided_quote_in_quotation_marks_the_source_lacks_is_named_with_them(cuts, mark, marks, lead, trail):
    """“Em 2012 eu errei. ... Não me posicionei politicamente.” (tests/real/folha), where the
    speaker's words go on after "politicamente.": the marks put round the whole hid the elision,
    and "did you mean" lined the closing mark up with the source's next word ("you typed '"', the
    source has 'Não'"). The pieces are found without the marks the source does not have there, and
    the problem says so, mark by mark; the quote is never accepted."""
    a, b, c, d = sorted(cuts)
    if not (b > a and d > c > b) or not (lead or trail):
        return
    pieces = [" ".join(WORDS[a:b]), " ".join(WORDS[c:d])]
    if any(not p.strip(".,") for p in pieces):
        return
    quote = (marks[0] if lead else "") + mark.join(pieces) + (marks[1] if trail else "")
    got = _check(quote)
    assert len(got) == 1 and got[0][0] == "error", got
    assert "it leaves words out" in got[0][1] and "Its 2 parts are there, in order (line 1)" in got[0][1], got
    assert ("no quotation mark before " + repr(WORDS[a])) in got[0][1] if lead else "before" not in got[0][1]
    assert ("no quotation mark after " + repr(WORDS[d - 1])) in got[0][1] if trail else "after" not in got[0][1]


def test_a_mark_typed_for_the_sources_own_is_named():
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        ws.source("a.txt", 'He said: "The budget would be cut by a tenth, and hospitals would wait." Then he left.\n')
        ws.card("x.yaml", "kind: entity\nname: X\ntype: person\nevidence:\n  - quote: \"'The budget would be cut ... and hospitals would wait'\"\n")
        got = [p.message for p in ws.load().problems]
    assert got == ["quote not found in a: it leaves words out ('...'), and a quote is one run of the source's own words. "
                   "Its 2 parts are there, in order (line 1): quote each as a quote of its own, or the whole passage, "
                   "\"The budget would be cut by a tenth, and hospitals would wait\"; "
                   "the source has '\"' where you typed \"'\"; the source has no quotation mark after 'wait'"]  # (a full stop)
