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
