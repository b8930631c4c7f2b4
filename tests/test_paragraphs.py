"""Hand-wrapped articles (wire copy, plain-text mail) read as prose: a paragraph that starts with
an indented first line is a paragraph of its own, and the line breaks a writer's tool put inside
a paragraph are shown as spaces, every offset kept (explorer/core/paragraphs.py)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.loading.loader import Loader
from explorer.core.paragraphs import paragraph_starts, prose

from conftest import REPO

WIRE = (REPO / "tests" / "articles" / "tower-commission-wire.txt").read_text(encoding="utf-8")


def test_wire_copy_has_a_paragraph_for_each_indented_first_line():
    source = Source("wire", "seeds/wire.txt", WIRE, "0" * 64)
    paragraphs = [WIRE[s:e] for s, e in source.paragraphs]
    assert [p.split()[0] for p in paragraphs] == ["REAGAN'S", "WASHINGTON,", '"This', '"It\'s', "In", "Reuter"]
    assert paragraphs[2].endswith("report made public today.")
    # a quote's paragraph number is the paragraph it is in
    assert source.paragraph_of(WIRE.index("board chairman")) == 5


def test_a_hand_wrapped_paragraph_reads_as_prose_with_every_offset_kept():
    shown = prose(WIRE)
    assert len(shown) == len(WIRE)
    assert "much of the Iran arms deal, just about" in shown
    assert "board chairman John Tower, a longtime" in shown
    # the breaks between paragraphs and before the next paragraph's indent stay
    assert "political analysts said.\n    \"This" in shown
    assert shown.startswith("REAGAN'S PROSPECTS DIM AFTER TOWER REPORT\n\n")
    assert all(a == b or (a in "\r\n" and b == " ") for a, b in zip(WIRE, shown))


def test_lists_poems_and_hanging_indents_keep_their_lines():
    for text in (
        "Demands of the strikers:\n- higher wages for every nurse in the region\n- a shorter week for all of them\n",
        "1. The first point made at length by the minister today\n2. The second point made at length as well\n",
        "Roses are red,\nViolets are blue,\nThe minister said\nIt was nothing new.\n",
        "10 Downing Street\nLondon\nSW1A 2AA\n",
        "- the first item of a list, long enough to be wrapped by hand\n  onto a second line as lists are\n"
        "- the second item of the list\n",
    ):
        assert prose(text) == text, text
        lines = text.splitlines()
        assert paragraph_starts(lines) == [0], text


def test_a_break_between_two_cjk_characters_stays():
    text = "北京市政府今天宣布了一项新的计划，旨在改善空气质量并减少交通拥堵问题，" * 2 + "\n" + "该计划将于明年开始实施。" * 4 + "\n"
    assert prose(text) == text


def test_carriage_returns_become_as_many_spaces():
    text = "The minister said on Tuesday that the talks would go on until\r\nan agreement was reached by both sides.\r\n"
    assert prose(text) == text.replace("until\r\nan", "until  an")


LINE = st.text(st.sampled_from("ab  \t-1.•北"), min_size=0, max_size=70)


@settings(max_examples=100)
@given(st.lists(st.tuples(LINE, st.sampled_from(["\n", "\r\n", "\r"])), max_size=12), LINE)
def test_prose_changes_only_line_breaks_inside_a_paragraph(lines, last):
    text = "".join(line + end for line, end in lines) + last
    shown = prose(text)
    assert len(shown) == len(text)
    for i, (a, b) in enumerate(zip(text, shown)):
        assert a == b or (a in "\r\n" and b == " "), (text, i)
    # a blank line (a paragraph break) is never joined: both breaks around it stay
    source = Source("g", "seeds/g.txt", text, "0" * 64)
    for s, e in source.paragraphs:
        assert text[s:e].strip() and s <= e
    for (_, e1), (s2, _) in zip(source.paragraphs, source.paragraphs[1:]):
        between = shown[e1:s2]
        assert any(c in "\r\n" for c in between), (text, between)


def _wire_workspace(ws) -> Path:
    ws.source("wire.txt", WIRE)
    ws.card("tower.yaml", "kind: entity\nname: John Tower\ntype: person\nevidence:\n"
                          "  - quote: board chairman John Tower, a longtime Reagan supporter\n")
    return ws.root


def test_the_evidence_pane_shows_the_quote_in_its_own_paragraph_as_prose(ws):
    from explorer.app import render

    base = Loader(_wire_workspace(ws), use_cache=False).load(save=False)
    (ev,) = base.entities["tower"].evidence
    content = render.quote_in_paragraph(base, ev)
    assert content.plain.startswith("    In one of the most direct criticisms, board chairman John Tower, a longtime")
    assert content.plain.endswith('the nature of this operation."')
    quoted = [content.plain[s.start:s.end] for s in content.spans if str(s.style) == render.QUOTE_STYLE]
    assert quoted == ["board chairman John Tower, a longtime Reagan supporter"]


async def test_the_article_view_draws_a_wire_paragraph_as_prose_with_its_citation_in_place(ws):
    from explorer.app import render
    from explorer.app.app import FactexApp
    from explorer.app.screens.article import ArticleScreen

    from apphelpers import ready, wait_for

    app = FactexApp(_wire_workspace(ws), watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        screen = app.screen
        source = app.base.sources[screen.source_id]
        p = source.paragraph_of(WIRE.index("board chairman")) - 1
        content = screen._paragraph_content(p)
        assert "\n" not in content.plain and "John Tower, a longtime" in content.plain
        at = content.plain.index("board chairman")
        cited = {(s.start, s.end) for s in content.spans if str(s.style) in (render.CITED_STYLE, render.QUOTE_STYLE)}
        assert (at, at + len("board chairman John Tower, a longtime Reagan supporter")) in cited


def test_factex_add_counts_the_paragraphs_the_app_shows(tmp_path, capsys):
    from explorer.cli import main

    (tmp_path / "facts").mkdir()
    (tmp_path / "seeds").mkdir()
    page = tmp_path / "wire.txt"
    page.write_text(WIRE, encoding="utf-8")
    assert main(["add", str(page), str(tmp_path)]) == 0
    source = Source("wire", "seeds/wire.txt", WIRE, "0" * 64)
    assert len(source.paragraphs) == 6
    assert "113 words in 6 paragraphs" in capsys.readouterr().out


def test_factex_mentions_lists_a_name_wrapped_onto_the_next_line_on_one_line(ws, capsys):
    from explorer.cli import main

    main(["mentions", str(_wire_workspace(ws))])
    out = capsys.readouterr().out
    assert "wire.txt:12:58: tower: John Tower\n" in out, out
