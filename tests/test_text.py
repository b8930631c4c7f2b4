from explorer.core.safetext import visible
from explorer.core.text import fold, fold_with_offsets, normalize, normalize_quote


def test_normalize_maps_every_character_back():
    text = "Kim\u2019s  car \u2014 a\u00a0b\u2026 end\n\nnext"
    norm, offsets = normalize(text)
    assert norm == "Kim's car - a b... end next"
    assert len(offsets) == len(norm) + 1 and offsets[-1] == len(text)
    # every unchanged character maps to itself in the original
    for i, ch in enumerate(norm):
        if ch not in " '-.":
            assert text[offsets[i]] == ch


def test_quote_normalisation_is_idempotent_and_strips():
    q = "  \u201cHello\u201d \u2013 world\u2026  "
    assert normalize_quote(q) == '"Hello" - world...'
    assert normalize_quote(normalize_quote(q)) == normalize_quote(q)


def test_invisible_characters_vanish():
    assert normalize("a\u200bb\u00adc\ufeff")[0] == "abc"


def test_fold_strips_accents_and_keeps_case():
    assert fold("Pyŏngyang Russia\u2019s Café") == "Pyongyang Russia's Cafe"
    folded, offsets = fold_with_offsets("é\u2019x")
    assert folded == "e'x" and offsets == [0, 1, 2]


def test_visible_makes_controls_and_bidi_visible():
    shown = visible("a\x1b[2Jb\x9b\u202e\u2066\x00\u200b\nc")
    assert "\x1b" not in shown and "\x9b" not in shown and "\u202e" not in shown
    assert shown.startswith("a\u241b[2Jb\u27e8U+009B\u27e9\u27e8U+202E\u27e9\u27e8U+2066\u27e9\u2400\u27e8U+200B\u27e9")
    assert shown.endswith("\u2424c")
    assert visible("x\r\ny", keep_newlines=True) == "x\ny"
    assert visible("plain [bold] text") == "plain [bold] text"


# -- the normalisation against a character-by-character definition ------------------------------

import sys  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from explorer.core import text as T  # noqa: E402


def reference_normalize(text: str) -> tuple[str, list[int]]:
    """The rules read literally: a maximal run of whitespace and invisible characters becomes one
    space if it holds any whitespace (else nothing); every other character maps by the table."""
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(text):
        if text[i].isspace() or text[i] in T._INVISIBLE:
            j = i
            while j < len(text) and (text[j].isspace() or text[j] in T._INVISIBLE):
                j += 1
            if any(c.isspace() for c in text[i:j]):
                out.append(" ")
                offsets.append(i)
            i = j
            continue
        for c in T._CHAR_MAP.get(text[i], text[i]):
            out.append(c)
            offsets.append(i)
        i += 1
    offsets.append(len(text))
    return "".join(out), offsets


def test_whitespace_table_is_every_whitespace_character():
    assert set(T.WHITESPACE) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}


SPECIAL = T.WHITESPACE + T._INVISIBLE + "".join(T._CHAR_MAP) + "ab.é"
texts = st.text(alphabet=st.sampled_from(SPECIAL) | st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(texts)
def test_every_normal_form_agrees_with_the_definition(text):
    want, want_offsets = reference_normalize(text)
    norm, sparse = T.normalize_mapped(text)
    assert norm == want
    assert list(sparse) == want_offsets and len(sparse) == len(want_offsets)
    assert sparse[-1] == len(text)
    dense_norm, dense = T.normalize(text)
    assert dense_norm == want and list(dense) == want_offsets
    assert T.normalize_text(text) == want
    assert T.normalize_quote(text) == want.strip(" ")
    for a in range(len(norm) + 1):
        for b in range(a, min(len(norm), a + 6) + 1):
            assert sparse.span(a, b) == ((want_offsets[a], want_offsets[b - 1] + 1) if b > a else (want_offsets[a],) * 2)


def test_sparse_map_records_only_length_changes():
    text = "Kim\u2019s car\u00a0\u2014 a gift\n" * 50 + "end\u2026 \u200b x\n\nnext"
    norm, sparse = T.normalize_mapped(text)
    assert len(sparse._nstarts) == 3  # the ellipsis, the run around the zero-width space, the blank line
    assert [sparse[i] for i in range(len(norm) + 1)] == reference_normalize(text)[1]
