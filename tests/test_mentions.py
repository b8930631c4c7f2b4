"""Mentions: every occurrence of each entity's name and aliases, whole words, longest first."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from explorer.core.mentions import NameIndex, find_mentions, mentions_of
from explorer.core.model import Entity
from explorer.core.anchoring.sources import Source
from explorer.core.text import normalize_quote

from conftest import REPO


def src(text: str, sid: str = "a") -> Source:
    return Source(sid, f"seeds/{sid}.txt", text, "0" * 64)


def ent(eid: str, name: str, *aliases: str) -> Entity:
    return Entity(id=eid, file=f"facts/{eid}.yaml", name=name, type="person", aliases=list(aliases))


def found(text: str, *entities: Entity) -> list[tuple[str, str]]:
    s = src(text)
    return [(m.entity, s.text[m.start : m.end]) for m in NameIndex.build(entities).find(s)]


def test_longest_name_wins_and_words_are_whole():
    kim = ent("kim-jong-un", "Kim Jong Un", "Kim")
    sister = ent("kim-yo-jong", "Kim Yo Jong")
    text = "Kim Jong Un met Kim Yo Jong. Kim smiled; Kimchi and kim are not him. Kim's car."
    assert found(text, kim, sister) == [
        ("kim-jong-un", "Kim Jong Un"), ("kim-yo-jong", "Kim Yo Jong"), ("kim-jong-un", "Kim"), ("kim-jong-un", "Kim"),
    ]


def test_typography_folds_and_offsets_are_the_original_text():
    russia = ent("russia", "Russia's Far East")
    text = "In Russia\u2019s\u00a0Far   East today."
    s = src(text)
    [m] = NameIndex.build([russia]).find(s)
    assert s.text[m.start : m.end] == "Russia\u2019s\u00a0Far   East" == m.text
    assert (m.line, m.column) == (1, 4)


def test_case_sensitive_only_where_the_name_has_capitals():
    vehicles = ent("armored-vehicles", "armored vehicles")
    tass = ent("tass", "TASS")
    assert found("Armored vehicles and ARMORED VEHICLES; TASS, Tass, tass.", vehicles, tass) == [
        ("armored-vehicles", "Armored vehicles"), ("armored-vehicles", "ARMORED VEHICLES"), ("tass", "TASS"),
    ]


def test_names_ending_in_punctuation_and_hyphens():
    un = ent("un", "United Nations", "U.N.")
    kn = ent("kn-23", "KN-23")
    assert found("U.N. sanctions; the KN-23 missile; KN-235 is another; U.N", un, kn) == [
        ("un", "U.N."), ("kn-23", "KN-23"),
    ]


def test_clash_between_an_alias_and_a_name_is_reported_and_credited_to_the_name():
    pyongyang = ent("pyongyang", "Pyongyang")
    nk = ent("north-korea", "North Korea", "Pyongyang")
    index = NameIndex.build([nk, pyongyang])
    [clash] = index.clashes
    assert clash.uses == (("pyongyang", "name"), ("north-korea", "alias"))
    assert clash.message() == "'Pyongyang' is the name of pyongyang, and the alias of north-korea"
    [m] = index.find(src("Talks in Pyongyang."))
    assert m.entity == "pyongyang" and m.others == ("north-korea",)


def test_shipped_article_mentions(tmp_path):
    from explorer.core.loading.loader import Loader

    base = Loader(REPO).load()
    mentions = mentions_of(base)
    assert mentions_of(base) is mentions  # once per load
    texts = [m.text for m in mentions.of("kim-jong-un")]
    assert texts.count("Kim Jong Un") >= 2 and "Kim" in texts
    # "Kim" never inside the names of his father, grandfather or sister
    source = base.sources["kim-aurus-gift"]
    for m in mentions.of("kim-jong-un"):
        assert not source.text.startswith(("Kim Il Sung", "Kim Jong Il", "Kim Yo Jong"), m.start)
    assert [m.text for m in mentions.of("kim-il-sung")] == ["Kim Il Sung"]


# --- generated: the guarantees hold for any names and text ------------------------------------

WORDS = ["Kim", "kim", "Jong", "Un", "Aurus", "aurus", "Senat", "U.S.", "KN-23", "Russia's", "Russia\u2019s", "far", "East"]
SEPS = [" ", "  ", "\u00a0", "\n", ", ", "-", "'s ", "x"]


@st.composite
def texts_and_names(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
    seps = draw(st.lists(st.sampled_from(SEPS), min_size=len(words), max_size=len(words)))
    text = "".join(w + s for w, s in zip(words, seps))
    names = draw(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=6))
    return text, names


def _occurrences(hay: str, name: str) -> list[tuple[int, int]]:
    """Brute force: every whole-word occurrence of one name (the reference)."""
    sensitive = name != name.lower()
    flags = 0 if sensitive else re.IGNORECASE
    left = r"(?<!\w)" if re.match(r"\w", name) else ""
    right = r"(?!\w)" if re.search(r"\w$", name) else ""
    return [(m.start(), m.end()) for m in re.finditer(f"(?=({left}{re.escape(name)}{right}))", hay, flags)
            for m in [re.compile(left + re.escape(name) + right, flags).match(hay, m.start())] if m]


@settings(max_examples=75, deadline=None)
@given(texts_and_names())
def test_mentions_are_whole_words_disjoint_and_longest(case):
    text, names = case
    s = src(text)
    entities = [ent(f"e{i}", n) for i, n in enumerate(names)]
    mentions = NameIndex.build(entities).find(s)
    spans = [(m.start, m.end) for m in mentions]
    assert spans == sorted(spans)
    for (a, b), (c, d) in zip(spans, spans[1:]):
        assert b <= c, "mentions overlap"
    hay = s.normalized
    norm_spans = []
    for m in mentions:
        name = normalize_quote(m.name)
        got = normalize_quote(m.text)
        assert got == name if name != name.lower() else got.lower() == name.lower()
        # whole words in the original text
        assert m.start == 0 or not (text[m.start - 1].isalnum() and text[m.start].isalnum())
        assert m.end == len(text) or not (text[m.end - 1].isalnum() and text[m.end].isalnum())
    for m in mentions:
        norm_spans.append(next((a, b) for a, b in _occurrences(hay, normalize_quote(m.name))
                               if s.to_original(a, b) == (m.start, m.end)))
    # every occurrence of every name is covered by a mention at least as long that overlaps it
    for name in {normalize_quote(n) for n in names}:
        for a, b in _occurrences(hay, name):
            over = [(c, d) for c, d in norm_spans if c < b and a < d]
            assert over, f"{name!r} at {a} not reported"
            assert any(d - c >= b - a for c, d in over)


def test_find_mentions_over_a_workspace(ws):
    ws.basic()
    base = ws.load()
    mentions = find_mentions(base)
    assert [m.text for m in mentions.of("alice")] == ["Alice Smith", "Alice", "Alice Smith", "Alice Smith"]
    assert [m.text for m in mentions.of("bob")] == ["Bob Jones"]
    assert all(m.source == "article" for m in mentions.in_source("article"))


# --- a long source is read a piece at a time, with the same mentions ----------------------------

# Words of every script the finder treats apart: marks, scripts without spaces (a word a character),
# Korean particles and Bengali endings, Hebrew and Arabic prefixes written onto a name, names that start or end off a word.
PIECE_WORDS = ["Kim", "kim", "Jong", "Un", "U.S.", "KN-23", "Russia\u2019s", "e\u0301te\u0301", "प्रधानमंत्री",
               "金正恩", "金", "正恩", "노소영", "노소영이", "최", "회장의", "ירושלים", "בירושלים", "ובירושלים",
               "بيروت", "وبيروت", "والجيش", "الجيش", "กรุงเทพ", "তৃণমূল", "তৃণমূলের", "মমতার", "Venäjä", "Venäjän", "Hong Kongille", "ja", "että", "on", "'Ndrangheta", "_x", "\u0301"]
PIECE_SEPS = [" ", "  ", "\n", ", ", "-", "", "。", "_", "\u00a0"]


@st.composite
def long_texts_and_names(draw):
    words = draw(st.lists(st.sampled_from(PIECE_WORDS), min_size=1, max_size=60))
    seps = draw(st.lists(st.sampled_from(PIECE_SEPS), min_size=len(words), max_size=len(words)))
    names = draw(st.lists(st.lists(st.sampled_from(PIECE_WORDS), min_size=1, max_size=3).map(" ".join),
                          min_size=1, max_size=6))
    return "".join(w + s for w, s in zip(words, seps)), names, draw(st.integers(1, 40))


@settings(max_examples=300, deadline=None)
@given(long_texts_and_names())
def test_a_source_read_in_pieces_has_the_mentions_of_the_whole(case):
    """A 50 MB source of one line took 2.5 GB to split into words at once; it is split a piece at a
    time, each piece cut where no word goes across. Whatever the pieces, the mentions are those
    of the whole text read at once: pieces of 1 to 40 characters against one piece."""
    import explorer.core.mentions as mentions

    text, names, size = case
    index = NameIndex.build([ent(f"e{i}", n) for i, n in enumerate(names)])
    whole, mentions._PIECE = mentions._PIECE, 1 << 40
    try:
        expected = [m.to_json() for m in index.find(src(text))]
        mentions._PIECE = size
        assert [m.to_json() for m in index.find(src(text))] == expected
    finally:
        mentions._PIECE = whole


def test_a_long_source_is_split_a_piece_at_a_time(monkeypatch):
    """The memory of finding mentions in one long line is a piece's words, not the line's: no split
    is handed more than a piece and the longest name's reach, and every mention is still found."""
    import explorer.core.mentions as mentions

    lengths = []

    class Recording:
        def __init__(self, pattern):
            self.pattern = pattern

        def split(self, text):
            lengths.append(len(text))
            return self.pattern.split(text)

    monkeypatch.setattr(mentions, "_SPLIT_ASCII", Recording(mentions._SPLIT_ASCII))
    monkeypatch.setattr(mentions, "_SPLIT", Recording(mentions._SPLIT))
    assert mentions._PIECE * 5 < 940_000  # (the real pieces: a line of 940,000 characters is more than 5)
    # Pieces of 4,096 characters here (the same code; the property test above tries every size
    # against the line read whole), so that 47,000 characters are 11 pieces: 940,000 characters,
    # 7 pieces of the real size, took ~1 CPU s.
    monkeypatch.setattr(mentions, "_PIECE", 1 << 12)
    text = "Kim Jong Un met the Senat in Moscow, said Kim. " * 1_000  # 47,000 characters, one line
    found = NameIndex.build([ent("kju", "Kim Jong Un", "Kim"), ent("senat", "Senat")]).find(src(text))
    assert [m.text for m in found[:3]] == ["Kim Jong Un", "Senat", "Kim"] and len(found) == 3_000
    assert len(lengths) > 10 and max(lengths) <= mentions._PIECE + len("Kim Jong Un") + 16 + 64
