"""Words a hyphen breaks across a line end, as text taken from a PDF (a court filing, a report)
has them: "ac-\\ncount". A quote typed as the reader reads it ("account") is found, with exact
offsets into the source as it is (`Source.unbroken`, `anchor.unbroken_hits`); a quote that keeps
the hyphen is found as before; a name's own hyphen before a capital stays."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source
from explorer.core.authoring import locate_quote

WORDS = ["defendant", "transferred", "account", "government", "republic", "prosecution", "statement",
         "offshore", "controlled", "according", "funds", "filed", "tribunal", "evidence"]


def src(text: str) -> Source:
    return Source("report", "seeds/report.txt", text, "0" * 64)


@settings(max_examples=60)
@given(st.permutations(WORDS), st.lists(st.tuples(st.integers(2, 6), st.sampled_from(["-\n", "-\r\n", "-\n   "])),
                                        min_size=len(WORDS), max_size=len(WORDS)),
       st.sets(st.integers(0, len(WORDS) - 1), max_size=6), st.data())
def test_a_quote_of_words_broken_at_line_ends_is_found_with_exact_offsets(words, cuts, broken, data):
    pieces = []
    for k, word in enumerate(words):
        at, brk = cuts[k]
        at = min(at, len(word) - 2)  # (inside the word, a lower-case letter after the break)
        pieces.append(word[:at] + brk + word[at:] if k in broken else word)
    text = "Filing\n\n" + " ".join(pieces) + ".\n"
    source = src(text)
    i = data.draw(st.integers(0, len(words) - 3))
    j = data.draw(st.integers(i + 1, len(words)))
    quote = " ".join(words[i:j])
    result = anchor_quote(quote, [source])
    assert result.anchor is not None, result.error
    start = len("Filing\n\n") + sum(len(p) + 1 for p in pieces[:i])
    end = start + len(" ".join(pieces[i:j]))
    assert (result.anchor.start, result.anchor.end) == (start, end)
    assert result.anchor.line == text.count("\n", 0, start) + 1 and result.anchor.paragraph == 2
    (passage,) = locate_quote(quote, [source])  # factex quote finds it where the card does
    assert (passage.start, passage.end) == (start, end)


def test_the_hyphen_kept_is_found_too_and_a_capital_keeps_its_hyphen():
    text = "Filing\n\nThe state-\nowned bank of Jean-\nPierre Dupont lent it.\n"
    source = src(text)
    for quote in ("The state-owned bank", "The stateowned bank", "Jean-Pierre Dupont"):
        assert anchor_quote(quote, [source]).anchor is not None, quote
    assert anchor_quote("JeanPierre Dupont", [source]).anchor is None  # (a name's hyphen, not a break)
    assert src("No break here: state-owned.\n").unbroken is None


def test_a_checked_card_over_a_pdf_text(tmp_path):
    from explorer.core.loading.loader import Loader

    (tmp_path / "facts").mkdir()
    (tmp_path / "seeds").mkdir()
    text = ("Court filing\n\nThe defendant transferred the funds to an offshore ac-\ncount controlled by the gov-\n"
            "ernment, according to the prosecution's state-\nment filed on 12 May.\n")
    (tmp_path / "seeds" / "report.txt").write_text(text, encoding="utf-8")
    (tmp_path / "facts" / "x.yaml").write_text(
        "kind: entity\nname: X\ntype: person\nevidence:\n"
        "  - quote: an offshore account controlled by the government\n", encoding="utf-8")
    (tmp_path / "facts" / "y.yaml").write_text(
        "kind: entity\nname: Y\ntype: person\nevidence:\n  - quote: the prosecution's statment filed\n", encoding="utf-8")
    base = Loader(tmp_path, use_cache=False).load(save=False)
    (problem,) = [p for p in base.problems if p.severity == "error"]
    assert "quote not found" in problem.message and problem.file.endswith("y.yaml") and problem.line == 5
    (card,) = base.entities.values()
    (ev,) = [e for e in card.evidence if e.anchor is not None]
    assert text[ev.anchor.start : ev.anchor.end] == "an offshore ac-\ncount controlled by the gov-\nernment"


LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}


@settings(max_examples=30)
@given(st.lists(st.sampled_from(["finance", "office", "efficiency", "flow", "staff", "baffled", "affluent"]),
                min_size=2, max_size=6))
def test_a_ligature_of_pdf_text_is_named_where_a_quote_types_its_letters(words):
    """Text taken from a PDF writes 'fi' as one character, U+FB01, which looks like the letters
    typed: the error names it; `factex add` writes ligatures out, so the quote then matches."""
    from explorer.core.ingest import clean_text

    typed = " ".join(words)
    with_ligatures = typed
    for lig, letters in sorted(LIGATURES.items(), key=lambda kv: -len(kv[1])):
        with_ligatures = with_ligatures.replace(letters, lig)
    text = f"Report\n\nThe ministry said {with_ligatures} today.\n"
    result = anchor_quote(f"said {typed} today", [src(text)])
    assert result.anchor is None
    import re

    named = re.findall(r"U\+(FB0[0-6]), read as '(\w+)'", result.error)
    assert named and all(LIGATURES[chr(int(code, 16))] == letters for code, letters in named), result.error
    assert "a ligature, as text taken from a PDF has them" in result.error
    assert result.error.count("a ligature") == 1
    added = clean_text(text)
    assert added == text.replace(with_ligatures, typed)
    assert anchor_quote(f"said {typed} today", [src(added)]).anchor is not None
