"""Text saved from a page's HTML source holds character references ("AT&amp;T", "&quot;a
disaster,&quot;", "Smith&#39;s") where a reader sees the characters: a quote typed as read is not
found. `factex check` warns once, at the first, naming what they stand for; `factex add` writes
them as the characters, so the quotes then match."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import HTML_REFERENCE, Source
from explorer.core.loading.loader import Loader

REFS = ["&amp;", "&quot;", "&#39;", "&#x27;", "&rsquo;", "&mdash;", "&nbsp;", "&eacute;", "&#8220;"]
WORDS = ["The", "deal", "between", "AT", "T", "and", "Time", "Warner", "was", "a", "disaster", "lawyer", "said"]


def _workspace(root, text: str):
    (root / "facts").mkdir()
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_text(text, encoding="utf-8")
    return root


@settings(max_examples=40)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(["", "", *REFS])), min_size=3, max_size=20),
       st.integers(0, 3))
def test_check_warns_once_at_the_first_reference_and_add_writes_the_characters(tmp_path_factory, parts, blank_lines):
    from explorer.cli import main

    body = " ".join(word + ref for word, ref in parts)
    text = "Title\n" + "\n" * blank_lines + body + ".\n"
    root = _workspace(tmp_path_factory.mktemp("ws"), text)
    base = Loader(root, use_cache=False).load(save=False)
    warned = [p for p in base.problems if "HTML character references" in p.message]
    refs = [ref for _, ref in parts if ref]
    if not refs:
        assert warned == []
        return
    (problem,) = warned
    first = text.index(refs[0])
    assert (problem.file, problem.line, problem.column) == ("seeds/a.txt", 2 + blank_lines, first - text.rindex("\n", 0, first))
    assert f"'{refs[0]}' for " in problem.message
    # factex add writes each as the character it stands for; a quote typed as read then anchors
    page = root / "page.txt"
    page.write_text(text, encoding="utf-8")
    (root / "seeds" / "a.txt").unlink()
    assert main(["add", str(page), str(root), "--id", "b"]) == 0
    added = (root / "seeds" / "b.txt").read_text(encoding="utf-8")
    assert HTML_REFERENCE.search(added) is None, added
    read = " ".join(html.unescape(word + ref) for word, ref in parts).replace("\xa0", " ")
    assert anchor_quote(read, [Source("b", "seeds/b.txt", added, "0" * 64)]).anchor is not None, (read, added)


def test_an_ampersand_that_is_no_reference_is_not_warned_about(tmp_path):
    root = _workspace(tmp_path, "Title\n\nAT&T and R&D; Procter & Gamble; &c. and &copy without its semicolon.\n")
    base = Loader(root, use_cache=False).load(save=False)
    assert not [p for p in base.problems if "HTML" in p.message]
