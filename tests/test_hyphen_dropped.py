"""A quote that leaves a word's hyphen out altogether ("PDIP" typed for "PDI-P", "ecommerce" for
"e-commerce", "coop" for "co-op") gets the whole passage, the source's own words, and the word
named: "the source has 'PDI-P' where you typed 'PDIP'". Word by word the alignment lined the typed
word up with the part before the hyphen: did you mean offered "... PDI Perjuangan (PDI-", a passage
ending inside a word, with "you typed 'PDIP)', the source has 'PDI-'"; typed in the middle of a
quote, a word after it was dropped ("you typed 'PDIP) Keputusan', the source has 'PDI-P'"). Found
carding Kompas.com's story of tests/real/indonesian."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source
from explorer.core.safetext import quoted

WORDS = ["calon", "wakil", "presiden", "nomor", "urut", "pendamping", "yang", "diusung", "partai", "resmi",
         "menteri", "kabinet", "surat", "kepada", "dalam", "pertemuan"]
COMPOUNDS = ["PDI-P", "e-commerce", "co-op", "X-ray", "T-shirt", "anti-korupsi", "pasca-pemilu", "Covid-19",
             "re-election", "non-partisan", "mid-term", "PKS-PDI-P"]


@st.composite
def _case(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=8, max_size=12, unique=True))
    compound = draw(st.sampled_from(COMPOUNDS))
    k = draw(st.integers(0, len(words)))
    bracket = draw(st.booleans())  # the compound in brackets, as an acronym after its name
    shown = f"({compound})" if bracket else compound
    source_words = words[:k] + [shown] + words[k:]
    a = draw(st.integers(0, k))
    b = draw(st.integers(k + 1, len(source_words)))
    passage = " ".join(source_words[a:b])
    typed = passage.replace(compound, compound.replace("-", ""))
    return " ".join(source_words), typed, passage, compound


@given(_case())
@settings(max_examples=80, deadline=None)
def test_a_hyphen_left_out_of_a_word_gets_the_whole_passage_and_the_word_named(case):
    text, typed, passage, compound = case
    r = anchor_quote(typed, [Source("story", "seeds/story.txt", "Title\n\n" + text + ".\n", "0" * 64)])
    assert r.anchor is None  # never accepted: the source has the hyphen
    head = f"quote not found in story; did you mean {quoted(passage, double=True)} (line 3)? "
    assert r.error.startswith(head), r.error  # the whole passage, never one ending inside the word
    ours = compound.replace("-", "")
    # the word named, in the alignment's words where it lined them up, else in these
    assert r.error[len(head):] in (f"The source has {quoted(compound)} where you typed {quoted(ours)}.",
                                   f"You typed {quoted(ours)}, the source has {quoted(compound)}."), r.error


def test_the_kompas_pdi_p():
    text = ("Pengunduran diri Mahfud tak lain karena dirinya maju sebagai calon wakil presiden (cawapres) nomor urut 3 "
            "pendamping Ganjar Pranowo yang diusung PDI Perjuangan (PDI-P). Keputusan Mahfud menanggalkan posisinya.\n")
    src = [Source("story", "seeds/story.txt", text, "0" * 64)]
    r = anchor_quote("Ganjar Pranowo yang diusung PDI Perjuangan (PDIP)", src)
    assert r.error == ('quote not found in story; did you mean "Ganjar Pranowo yang diusung PDI Perjuangan (PDI-P)" '
                       "(line 1)? The source has 'PDI-P' where you typed 'PDIP'.")
    r = anchor_quote("diusung PDI Perjuangan (PDIP). Keputusan Mahfud", src)
    assert r.error == ('quote not found in story; did you mean "diusung PDI Perjuangan (PDI-P). Keputusan Mahfud" '
                       "(line 1)? You typed 'PDIP', the source has 'PDI-P'.")


def test_a_dash_between_words_is_no_hyphen_left_out():
    # the normalised text writes "war - peace" as "war-peace": that is no word's hyphen to name
    text = "Title\n\nThey spoke of war - peace and hope, of rights and duties.\n"
    r = anchor_quote("of warpeace and hope", [Source("story", "seeds/story.txt", text, "0" * 64)])
    assert r.anchor is None and "'war - peace' where you typed" not in r.error, r.error
    r = anchor_quote("of warpeace and hope", [Source("story", "seeds/story.txt", text.replace(" - ", "-"), "0" * 64)])
    assert r.error == ('quote not found in story; did you mean "of war-peace and hope" (line 3)? The source has '
                       "'war-peace' where you typed 'warpeace'.")
