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


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(["", "", *REFS])), min_size=3, max_size=20))
def test_add_names_the_references_the_text_holds(parts):
    """factex add's note named "(&amp;, &quot;, ...)" whatever the text held: BBC Ukrainian's story
    (tests/real/ukrainian), which holds two &quot; and no &amp;, was told it had "&amp;". It names
    the first three different ones the text holds, with what each stands for, as check's warning does."""
    from explorer.core.ingest import extract

    body = " ".join(word + ref for word, ref in parts)
    notes = extract(("Title\n\n" + body + ".\n").encode(), "text", name="page.txt").notes
    said = [n for n in notes if "HTML character reference" in n]
    refs = list(dict.fromkeys(ref for _, ref in parts if ref))
    if not refs:
        assert said == []
        return
    (note,) = said
    n = sum(1 for _, ref in parts if ref)
    shown = ", ".join(f"'{r}' for {_quoted(html.unescape(r))}" for r in refs[:3]) + (", ..." if len(refs) > 3 else "")
    assert note == f"{n} HTML character reference{'s' if n != 1 else ''} ({shown}) written as the characters they stand for"
    for ref in REFS:
        assert (f"'{ref}'" in note) == (ref in refs[:3]), (ref, note)


def _quoted(s: str) -> str:
    from explorer.core.safetext import quoted

    return quoted(s)


def test_add_names_the_bbc_storys_references(tmp_path):
    from explorer.core.ingest import extract

    text = 'розповідала в ефірі програми &quot;Факти&quot; з Оксаною Гутцайт на телеканалі ICTV.\n'
    notes = extract(("Заголовок\n\n" + text).encode(), "text", name="page.txt").notes
    assert "2 HTML character references ('&quot;' for '\"') written as the characters they stand for" in notes
