"""Two articles whose file names differ only in case or in how an accent is encoded
(seeds/Story.txt and seeds/story.txt, a composed and a decomposed `é`) are one id, as two cards'
ids are: one error naming both and how they differ, neither loads (a checkout on macOS or Windows
keeps one file of the two, and a reader cannot tell which a card's `source:` means). They loaded as
two sources, and every quote in both was ambiguous or found in the one the user did not mean."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import Workspace

STEM = st.text(st.sampled_from("abcdeéklmnoz"), min_size=2, max_size=8)


def _variant(draw, stem: str) -> str:
    how = draw(st.sampled_from(["upper", "title", "nfd"]))
    if how == "upper":
        return stem.upper()
    if how == "title":
        return stem.title()
    return unicodedata.normalize("NFD", stem)


@st.composite
def _two_stems(draw):
    stem = draw(STEM)
    other = _variant(draw, stem)
    assume(other != stem)
    return stem, other


@given(_two_stems())
@settings(max_examples=30, deadline=None)
def test_sources_whose_names_differ_only_in_case_or_encoding_are_one_id(stems):
    first, second = sorted(stems)
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        ws.source(f"{first}.txt", "Title\n\nAlice met Bob.\n")
        ws.source(f"{second}.txt", "Title\n\nAlice met Carol.\n")
        base = ws.load()
        assert not base.sources
        errors = [p.format() for p in base.problems if "one id" in p.message and p.file != "seeds"]  # (seeds: why none loads)
        assert len(errors) == 1, [p.format() for p in base.problems]
        assert errors[0].startswith(f"seeds/{second}.txt:1:1: error: two sources have one id, '{first}' and "
                                    f"'{second}' (seeds/{first}.txt and seeds/{second}.txt): they differ only in ")
        assert errors[0].endswith("a checkout on macOS or Windows keeps one file of the two; rename one")


def test_one_stem_with_two_suffixes_keeps_its_message(ws):
    ws.source("story.txt", "Title\n\nAlice met Bob.\n")
    ws.source("story.md", "Title\n\nAlice met Bob.\n")
    assert "seeds/story.txt:1:1: error: two sources have the id 'story': seeds/story.md and seeds/story.txt; rename one" \
        in ws.problems()
