from explorer.core.safetext import visible
from explorer.core.text import fold, fold_with_offsets, normalize, normalize_quote


def test_normalize_maps_every_character_back():
    text = "Kim\u2019s  car \u2014 a\u00a0b\u2026 end\n\nnext"
    norm, offsets = normalize(text)
    assert norm == "Kim's car-a b...end next"
    assert len(offsets) == len(norm) + 1 and offsets[-1] == len(text)
    # every unchanged character maps to itself in the original
    for i, ch in enumerate(norm):
        if ch not in " '-.":
            assert text[offsets[i]] == ch


def test_quote_normalisation_is_idempotent_and_strips():
    q = "  \u201cHello\u201d \u2013 world\u2026  "
    assert normalize_quote(q) == '"Hello"-world...'
    assert normalize_quote(normalize_quote(q)) == normalize_quote(q)


def test_invisible_characters_vanish():
    assert normalize("a\u200bb\u00adc\ufeff")[0] == "abc"


def test_a_word_stretched_with_tatweel_is_the_word():
    from explorer.core.anchoring.anchor import anchor_quote
    from explorer.core.anchoring.sources import Source

    text = "عنوان\n\nقال الـــرئيس إن الاجتماع انتهى.\n"  # "the president" stretched with kashidas
    source = Source("ar", "seeds/ar.txt", text, "0" * 64)
    anchor = anchor_quote("قال الرئيس", [source]).anchor
    assert anchor is not None and text[anchor.start:anchor.end] == "قال الـــرئيس"


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

import subprocess  # noqa: E402
import sys  # noqa: E402
import unicodedata  # noqa: E402
from unittest import mock  # noqa: E402

import pytest  # noqa: E402
from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from explorer.core import text as T  # noqa: E402


_SPACE_LIKE = set(T.WHITESPACE + T._INVISIBLE)
_DASH_LIKE = set("-" + T._DASHES)


def _mark_at(text: str, i: int) -> int:
    """The end of a dash run or an ellipsis starting at `i`, or `i` if none does."""
    j = i
    while j < len(text) and text[j] in _DASH_LIKE:
        j += 1
        k = _spaces_from(text, j)
        if k < len(text) and text[k] in _DASH_LIKE:  # dashes and spaces: one dash
            j = k
    if j > i:
        return j
    if text[i : i + 1] == "\u2026":
        return i + 1
    if len(text[i : i + 3]) == 3 and all(c in ".\uff0e" for c in text[i : i + 3]):
        return i + 3
    return i


def _spaces_from(text: str, i: int) -> int:
    while i < len(text) and text[i] in _SPACE_LIKE:
        i += 1
    return i


def _wordy(c: str) -> bool:
    return c.isalnum() or c == "_"


def reference_normalize(text: str) -> tuple[str, list[int], list[int]]:
    """The rules read literally, for an NFC text: (normal form, where each of its characters starts
    in the original, where it ends). A dash run or an ellipsis takes the spaces on both sides
    (-> `-`, `...`); an opening guillemet not after a word character takes the spaces after it, a
    closing one not before a word character the spaces before it (-> `"`); spaces before `!?;:`
    go; any other run of spaces and invisible characters is one space if it holds whitespace,
    else nothing; every other character maps by the one-for-one table."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def emit(chars: str, a: int, b: int) -> None:
        for c in chars:
            out.append(c)
            starts.append(a)
            ends.append(b)

    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _SPACE_LIKE:
            j = _spaces_from(text, i)
            k = _mark_at(text, j) if j < n else j
            if k > j:  # spaces, then a dash or an ellipsis
                emit("-" if text[j] in _DASH_LIKE else "...", j, k)
                i = _spaces_from(text, k)
            elif j < n and text[j] in "\u00bb\u203a" and not (j + 1 < n and _wordy(text[j + 1])):
                emit(T._GUILLEMETS[text[j]], j, j + 1)
                i = j + 1
            elif j < n and text[j] in "!?;:,.)]\uff01\uff1f\uff1b\uff1a\uff0c\uff0e\uff09\uff3d":
                i = j
            else:
                if any(ch.isspace() for ch in text[i:j]):
                    emit(" ", i, j)
                i = j
            continue
        k = _mark_at(text, i)
        if k > i:
            after = _spaces_from(text, k)
            if text[i:after] == "-" or (after - i == 3 and all(ch in ".\uff0e" for ch in text[i:after])):
                # already its normal form (a full-width dot is a dot): each character is itself
                emit(text[i:after], i, i + 1) if after == i + 1 else [emit(".", m, m + 1) for m in range(i, after)]
            else:
                emit("-" if c in _DASH_LIKE else "...", i, k)
            i = after
            continue
        if c in "\u00ab\u2039" and not (i > 0 and _wordy(text[i - 1])) and i + 1 < n and text[i + 1] in _SPACE_LIKE:
            emit(T._GUILLEMETS[c], i, i + 1)
            i = _spaces_from(text, i + 1)
            continue
        emit(T._CHAR_MAP.get(c, c), i, i + 1)
        i += 1
    return "".join(out), starts + [n], ends


def test_whitespace_table_is_every_whitespace_character():
    assert set(T.WHITESPACE) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}


SPECIAL = (T.WHITESPACE + T._INVISIBLE + "".join(T._CHAR_MAP) + "ab.\u00e9!:,)]" + "\u2026\u00ab\u00bb\u2039\u203a"
           + "\uff01\uff1a\uff0e")
texts = st.lists(st.sampled_from(SPECIAL) | st.sampled_from(["...", "--", " - ", "\u00ab ", " \u00bb", "e\u0301", "\u1100\u1161"])
                 | st.characters(codec="utf-8"), max_size=30).map("".join)


_plain_texts = st.lists(st.sampled_from([" ", "  ", "-", "--", " - ", "...", "\u2026", " ! ", ":", "\t", "\n", "a", "b.", "`", " ,", " .", ")", "]",
                                         "\u2014", "\u00a0", "\u2019", "\u00e9", "\uff01", "\uff0e"]), max_size=12).map("".join)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(_plain_texts)
def test_the_fast_path_agrees_with_the_mapped_one(text):
    assert T.normalize_text(text) == T.normalize_mapped(text)[0]


def _accent_of_a_letter(text: str, i: int) -> bool:
    """text[i] is a combining mark on a letter (or other visible character): it follows one, after
    marks only. A mark at the start of the text or after whitespace has no letter to split from
    ('\t\u0300e': the tab's span may end before it)."""
    if not unicodedata.combining(text[i]):
        return False
    j = i - 1
    while j >= 0 and unicodedata.combining(text[j]):
        j -= 1
    return j >= 0 and not text[j].isspace()


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(texts)
@example("\t\u0300e\u0301")  # (an orphan mark after whitespace, and one at the start: found in a full run)
@example("\u0300e\u0301")
@example("\uff01\u0300e\u0301")  # (a mark that composes with nothing, on a base that is not a letter,
@example("!\u0300e\u0301")  # in a text not in NFC: found when the strings of more modules were loaded)
def test_every_normal_form_agrees_with_the_definition(text):
    nfc = unicodedata.normalize("NFC", text)
    want, want_starts, want_ends = reference_normalize(nfc)
    norm, sparse = T.normalize_mapped(text)
    for piece in (0, 1, 3):  # (made a piece of the text at a time, as a long source is: the same)
        with mock.patch.object(T, "_PIECE", piece):
            norm_p, sparse_p = T.normalize_mapped(text)
        assert norm_p == norm and [getattr(sparse_p, a) for a in T.OffsetMap.__slots__] == \
            [getattr(sparse, a) for a in T.OffsetMap.__slots__]
    assert norm == want
    assert T.normalize_text(text) == want
    assert T.normalize_quote(text) == want.strip(" ")
    assert sparse[-1] == len(text) and len(sparse) == len(want) + 1
    if nfc != text:  # composed first: a span never splits a letter from its accents
        for a in range(len(norm)):
            start, end = sparse.span(a, a + 1)
            assert start < end and not _accent_of_a_letter(text, start), (a, start, end)
            assert end == len(text) or not _accent_of_a_letter(text, end), (a, start, end)
        return
    assert list(sparse) == want_starts
    dense_norm, dense = T.normalize(text)
    assert dense_norm == want and list(dense) == want_starts
    for a in range(len(norm) + 1):
        for b in range(a, min(len(norm), a + 6) + 1):
            assert sparse.span(a, b) == ((want_starts[a], want_ends[b - 1]) if b > a else (want_starts[a],) * 2)


def test_a_run_of_dots_is_read_in_threes_from_its_start_in_quotes_and_sources_alike():
    """"He paused.... then" copied from the source did not anchor: the source's map read its last
    three dots as the ellipsis (taking the space after them), the quote its first three."""
    from explorer.core.anchoring.anchor import anchor_quote
    from explorer.core.anchoring.sources import Source

    for text in ("....\t", "a.... b", "a..... b", "a...... b", "a ....", "\uff0e...\t", "x.... .... y"):
        assert T.normalize_mapped(text)[0] == T.normalize_text(text) == reference_normalize(text)[0], text
    source = Source("a", "seeds/a.txt", "Title\n\nHe paused.... then he spoke again.\n", "0" * 64)
    assert anchor_quote("He paused.... then he spoke", [source]).anchor is not None


def test_sparse_map_records_only_length_changes():
    text = "Kim\u2019s car\u00a0\u2014 a gift\n" * 50 + "end\u2026 \u200b x\n\nnext"
    norm, sparse = T.normalize_mapped(text)
    assert len(sparse._nstarts) == 52  # the dash with its spaces (50 times), the ellipsis with what follows, the blank line
    assert [sparse[i] for i in range(len(norm) + 1)] == reference_normalize(text)[1]


_NORMALISE_LONG = r"""
import re, sys
from explorer.core import text as T

def status(key):
    with open("/proc/self/status") as f:
        return int(re.search(key + r":\s+(\d+)", f.read()).group(1)) * 1024

text = sys.argv[1] * (2_000_000 // len(sys.argv[1]))
before = status("VmRSS")
norm, sparse = T.normalize_mapped(text)
print(status("VmHWM") - before, len(norm), len(sparse._nstarts), norm == T.normalize_text(text), len(text))
"""


@pytest.mark.parametrize("unit", ["Kim\u2019s \u201cgift\u201d - a car\u2026 said KCNA. ", "a\u2026", "a  b\u2014",
                                  "Kim Jong Un gave Putin an Aurus. "])
def test_a_long_source_is_normalised_a_piece_at_a_time(unit):
    """A source of about two million characters, with a change of length (a curly quote, a spaced
    dash, an ellipsis, a double space) every few characters or none: its normal form and map
    are made with the normal form's size twice (its pieces, then their join) and 8 bytes a
    number of the map, 5 an event. Before, the parts, their join and its mapping were at once
    beside a list of the events, a tuple and a string each, and the map was lists of int
    objects: 44 MB for 2 MB of the first (here 9), 400 MB for 4 MB of the second.
    The peak is the memory the process touched (Linux's VmHWM over VmRSS before), in a process
    of its own so that no memory freed by other tests is reused unseen; a quarter more than the
    bound and 2 MB are the allocator's slack. (It was measured with tracemalloc, which traced
    every allocation: 46 CPU s of the suite for these four, now ~5.)"""
    out = subprocess.run([sys.executable, "-c", _NORMALISE_LONG, unit], capture_output=True, text=True, check=True)
    peak, size, events, same, length = out.stdout.split()
    peak, size, events = int(peak), int(size), int(events)
    assert same == "True" and int(length) > 1_900_000
    assert peak < 1.25 * (2 * size + 48 * events) + 2_000_000, (peak, size, events)
