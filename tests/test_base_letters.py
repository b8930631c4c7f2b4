"""Letters Unicode gives no decomposition although readers take them for a Latin letter with a
mark (Turkish ı, Polish ł, Vietnamese and South Slavic đ, Norwegian ø, Maltese ħ) fold to their
base letter as accents do: a search typed on a keyboard without them finds them ('sirbistan' finds
Sırbistan, 'lodz' finds Łódź), and a quote typed so is never accepted but told "differs only in
accents: the source has 'Sırbistan'" (it was "you typed 'Sirbistan', the source has 'Sırbistan'",
and a small letter besides was called a look-alike letter). Found carding a Turkish article
(tests/real/turkish)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.loading.loader import Loader
from explorer.core.search import SearchIndex
from explorer.core.text import BASE_LETTERS, fold, fold_for_scan, fold_with_offsets, key_text

LETTERS = list("abcdeiklmnorsuzIKLOSZçğşöüéàİÇŞÖÜ") + list(BASE_LETTERS)
WORDS = st.lists(st.text(alphabet=st.sampled_from(LETTERS), min_size=1, max_size=10), min_size=1, max_size=6)


@given(WORDS)
@settings(max_examples=80, deadline=None)
def test_every_fold_takes_the_base_letter_one_for_one(words):
    text = " ".join(words)
    folded = fold(text)
    assert not set(folded) & set(BASE_LETTERS), folded
    assert folded == "".join(fold(c) for c in text)
    assert fold_for_scan(text) == folded.lower()  # what narrows a search agrees with what it matches
    again, offsets = fold_with_offsets(text)  # what highlights a hit
    assert again == folded and len(offsets) == len(folded)
    assert all(c in fold(text[i]) for c, i in zip(folded, offsets))
    assert key_text(text) == folded.lower()  # what "did you mean" compares by


SOURCE = (
    "Bu yılın başlarında Seagal'a Sırbistan vatandaşlığı verildi.\n\n"
    "Lech Wałęsa przyjechał wczoraj do Łodzi.\n\n"
    "Ông Đặng Văn Lâm đến Đà Nẵng.\n\n"
    "Hun flyttet til Tromsø i fjor.\n"
)
TYPED = {  # a quote as a keyboard without the letter types it -> what the source has
    "Seagal'a Sirbistan vatandaşlığı verildi": "Sırbistan",
    "Lech Walesa przyjechał wczoraj": "Wałęsa",
    "do Lodzi": "Łodzi",
    "Ông Dặng Văn Lâm đến Đà Nẵng": "Đặng",
    "flyttet til Tromso i fjor": "Tromsø",
}


def test_a_quote_typed_with_the_base_letter_is_refused_and_told_it_differs_in_accents(ws, capsys, monkeypatch):
    ws.source("news.txt", SOURCE)
    for n, quote in enumerate(TYPED):
        ws.card(f"e{n}.yaml", f"kind: entity\nname: E{n}\ntype: thing\nevidence:\n  - quote: \"{quote}\"\n")
    monkeypatch.setenv("FACTEX_CACHE", "0")
    assert main(["check", str(ws.root)]) == 1
    out = capsys.readouterr().out.splitlines()
    for n, has in enumerate(TYPED.values()):
        line = next(line for line in out if f"facts/e{n}.yaml:" in line)
        assert "error: quote not found" in line, line
        assert "differs only in accents" in line and f"'{has}'" in line, line


def test_a_search_typed_with_the_base_letter_finds_and_highlights_the_word(ws):
    ws.source("news.txt", SOURCE)
    ws.card("e.yaml", "kind: entity\nname: Sırbistan\ntype: country\nevidence: [Sırbistan]\n")
    index = SearchIndex(Loader(ws.root, use_cache=False).load(save=False))
    for term, word in (("sirbistan", "Sırbistan"), ("walesa", "Wałęsa"), ("lodzi", "Łodzi"),
                       ("dang", "Đặng"), ("tromso", "Tromsø")):
        hits = [h for h in index.search(term).hits if h.kind == "passage"]
        assert hits, term
        spelled = "".join(hits[0].text[i] for i in hits[0].positions)
        assert spelled == word, (term, spelled)
