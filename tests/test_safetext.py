"""`visible()`: the one function workspace text passes through on its way to a screen."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core import safetext
from explorer.core.safetext import UNSAFE_CATEGORIES, visible


def test_the_table_is_every_unsafe_code_point_of_this_python():
    """Every code point of categories Cc, Cf, Zl, Zp, Cs, Co, and no other, is marked."""
    marked = [c for c in range(sys.maxunicode + 1) if c != 0x09 and visible(chr(c)) != chr(c)]
    wanted = [c for c in range(sys.maxunicode + 1) if c != 0x09 and unicodedata.category(chr(c)) in UNSAFE_CATEGORIES]
    assert marked == wanted


def test_the_mark_table_is_every_combining_mark_of_this_python():
    from explorer.core.safetext import MARK_CATEGORIES, _mark_run

    # (each code point checked, the matching done by map: a Python loop took 0.8 CPU s)
    nines = [chr(c) * 9 for c in range(sys.maxunicode + 1)]
    runs = [m is not None for m in map(_mark_run().fullmatch, nines)]
    marks = [unicodedata.category(nine[0]) in MARK_CATEGORIES for nine in nines]
    if runs != marks:
        c = next(c for c, (run, mark) in enumerate(zip(runs, marks)) if run != mark)
        assert runs[c] == marks[c], hex(c)



def test_the_marks_asked_of_unicodedata_are_every_mark_of_this_python():
    """Under a Unicode other than the table's (Python 3.12: 15.0), the marks come from
    `unicodedata` over the blocks where marks are: those blocks hold every mark there is."""
    from explorer.core.safetext import MARK_CATEGORIES, _marks_of_this_python

    asked = {c for lo, hi in _marks_of_this_python() for c in range(lo, hi + 1)}
    assert asked == {c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in MARK_CATEGORIES}

@settings(max_examples=200, deadline=None)
@given(st.integers(0, 40), st.sampled_from(["\u0301", "\u20dd", "\u05b4", "\u0e48", "\ufe0f", "\U000e0100"]))
def test_runs_of_combining_marks_are_cut_with_a_count(n, mark):
    from explorer.core.safetext import MAX_MARKS

    shown = visible("Z" + mark * n + "x")
    if n <= MAX_MARKS:
        assert shown == "Z" + mark * n + "x"  # a real script's stack is untouched
    else:
        assert shown == "Z" + mark * MAX_MARKS + f"\u27e8+{n - MAX_MARKS} marks\u27e9x"
    assert visible(shown) == shown


def test_every_combining_mark_is_at_or_above_u0300():
    """What `_MARK_RUN_POSSIBLE` stands on: a run of marks is a run of characters U+0300 and up."""
    from explorer.core.safetext import MARK_CATEGORIES

    assert min(c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in MARK_CATEGORIES) >= 0x300


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(
    st.text(st.characters(codec=None), max_size=6),
    st.builds(lambda c, n: c * n, st.sampled_from("\u0300\u0301\u036f\u20dd\u05b4\u0e48\ufe0f\U000e0100\u02ff\u00e9\u4e2d"),
              st.integers(1, 12))), max_size=6).map("".join))
def test_the_quick_check_for_a_run_of_marks_changes_nothing(text):
    """`visible()` searches for a run of marks only where a run of characters U+0300 and up is:
    what it gives is what searching every text gives."""
    quick = safetext._MARK_RUN_POSSIBLE
    try:
        safetext._MARK_RUN_POSSIBLE = safetext.re.compile("")  # (every text searched, as before)
        everywhere = [visible(text), visible(text, keep_newlines=True)]
    finally:
        safetext._MARK_RUN_POSSIBLE = quick
    assert [visible(text), visible(text, keep_newlines=True)] == everywhere


def test_a_text_of_few_letters_above_u02ff_compiles_no_table_of_marks(monkeypatch):
    """The first frame's texts (English with a few curly quotes and accents) never compile the
    table of marks (~8 M instructions)."""
    def compiled():
        raise AssertionError("the table of marks was compiled")

    monkeypatch.setattr(safetext, "_mark_run", compiled)
    for text in ("Russia\u2019s \u201cgift\u201d \u2014 Pyŏngyang, Zürich, café\u2026", "\u4e2d\u6587" * 4, "e\u0301" * 20):
        assert visible(text) == text


def test_zalgo_is_linear_and_short():
    shown = visible("Zalgo " + "\u0301" * 200_000 + " end")
    assert shown.endswith("\u27e8+199992 marks\u27e9 end") and len(shown) < 40


def test_the_issue_s_examples_are_marked():
    for ch in ("\x1b", "\x07", "\x9b", "\x7f", "\u202e", "\u2061", "\u2064", "\u180e", "\u206a", "\u206f",
               "\U000e0041", "\U000e007f", "\u2028", "\u2029", "\ufeff", "\u200b", "\ue000", "\udcff"):
        shown = visible("a" + ch + "b")
        assert ch not in shown and shown.startswith("a") and shown.endswith("b") and len(shown) >= 3, repr(ch)


def test_markers():
    assert visible("\x1b[2J") == "\u241b[2J"
    assert visible("\x7f") == "\u2421"
    assert visible("\u202e") == "\u27e8U+202E\u27e9"
    assert visible("\U000e0041") == "\u27e8U+E0041\u27e9"
    assert visible("x\udcffy") == "x\u27e80xFF\u27e9y"  # a file name byte that is not UTF-8
    assert visible("a\nb") == "a\u2424b"
    assert visible("a\tb") == "a    b"
    assert visible("plain [bold] [/] text") == "plain [bold] [/] text"  # markup is Content's business


def test_line_ends_with_keep_newlines():
    assert visible("a\r\nb\rc\nd\u2028e", keep_newlines=True) == "a\nb\nc\nd\u27e8U+2028\u27e9e"


def test_ordinary_text_is_untouched():
    for text in ("Pyŏngyang", "Russia\u2019s \u201cgift\u201d \u2014 ok\u2026", "\u00a0nbsp", "日本語である", "emoji 👍🏽",
                 "a\u0301 combining", "عربي", "Tiếng Việt", "हिन्दी", "བོད་སྐད་", "בְּרֵאשִׁית", "❤️"):
        assert visible(text) == text


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec=None)))
def test_visible_output_holds_no_unsafe_character(text):
    for keep in (False, True):
        shown = visible(text, keep_newlines=keep)
        bad = [c for i, c in enumerate(shown) if unicodedata.category(c) in UNSAFE_CATEGORIES
               and not (keep and c == "\n") and not safetext.joiner_kept(shown, i)]
        assert not bad, (text, shown)
        assert visible(shown, keep_newlines=keep) == shown  # idempotent: nothing left to mark


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec=None, blacklist_characters="\r\t")))
def test_keeping_newlines_marks_what_the_pattern_marks(text):
    """Text whose only unprintable characters are line ends is returned as it is, without the
    pattern (not compiled at start-up); anything else goes through it as before."""
    if len(text) > safetext.MAX_MARKS and safetext._mark_run().search(text):
        text = safetext._mark_run().sub(safetext._cut_marks, text)
    assert visible(text, keep_newlines=True) == safetext._unsafe_keep_newlines().sub(safetext._marker, text) \
        or not safetext._TABLE_IS_CURRENT


def test_a_newer_unicode_is_covered_one_character_at_a_time(monkeypatch):
    """On a Python whose Unicode is newer than the table, the category check still marks."""
    monkeypatch.setattr(safetext, "_TABLE_IS_CURRENT", False)
    monkeypatch.setattr(safetext, "_unsafe", lambda: safetext.re.compile("[\x00-\x1f]"))  # a table that misses most
    assert "\u2061" not in visible("a\u2061b\u00a0c")
    assert visible("a\u2061b\u00a0c") == "a\u27e8U+2061\u27e9b\u00a0c"


# Persian, Urdu, Kurdish, Pashto, Sindhi words and Indic conjuncts: a ZWNJ or ZWJ between two of
# their letters is spelling (it changes the letters' shapes) and is shown as it is; the same
# characters anywhere else (Latin letters, a text's edge, emoji, beside another format character)
# are marked.
_PERSIAN = "\u0627\u0628\u067e\u062a\u0645\u06cc\u06a9\u06af\u0647\u0646\u0648\u0631"
_INDIC = "\u0915\u0937\u094d\u0930\u0995\u09cd\u0dc1\u0d9a\u0dca\u0d9c"
_JOINER = st.sampled_from(["\u200c", "\u200d"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(st.sampled_from(_PERSIAN + _INDIC), min_size=1, max_size=4), _JOINER),
                min_size=1, max_size=6),
       st.text(st.sampled_from(_PERSIAN), min_size=1, max_size=3))
def test_joiners_inside_words_of_joining_and_indic_scripts_are_kept(parts, last):
    word = "".join(a + j for a, j in parts) + last
    for keep in (False, True):
        assert visible(word, keep_newlines=keep) == word
        assert visible("\u0622\u0646 " + word + " \u06a9\u0647", keep_newlines=keep) == "\u0622\u0646 " + word + " \u06a9\u0647"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["a", "Z", "\u00e9", "1", " ", "\U0001f468", "\u200b", "\u202e", "", "\u05d0", "\u4e2d"]),
       _JOINER, st.sampled_from(["b", "\u0628", "\u0915", "", " ", "\U0001f469", "\u202c", "\u200c"]),
       st.booleans())
def test_joiners_elsewhere_are_marked(before, joiner, after, swap):
    if swap:
        before, after = after, before
    if before and after and before in _PERSIAN + _INDIC and after in _PERSIAN + _INDIC:
        return
    shown = visible(before + joiner + after)
    assert f"\u27e8U+{ord(joiner):04X}\u27e9" in shown, (before, joiner, after, shown)


def test_importing_it_compiles_no_pattern_and_printable_text_needs_none():
    """The unsafe characters' pattern (~14 M instructions to compile) is compiled when text that
    is not all printable first needs it, not when the module is imported (every start)."""
    import subprocess
    import sys

    code = ("import re; seen = []; real = re.compile\n"
            "re.compile = lambda *a, **k: seen.append(a[0]) or real(*a, **k)\n"
            "from explorer.core import safetext\n"
            "unsafe = lambda: any(safetext._class(safetext._RANGES) in p for p in seen)\n"
            "assert safetext.visible('Kim Jong Un, “Aurus”') == 'Kim Jong Un, “Aurus”'\n"
            "print(unsafe(), safetext.visible('a\\x1bb') == 'a\\u241bb', unsafe())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True", "True"]


def test_a_soft_hyphen_in_a_word_is_not_shown_and_anywhere_else_is_marked():
    """A soft hyphen between two letters or digits is a hyphenation hint (German and Dutch web
    articles carry many): not shown. At a word's edge, beside a space or another format character,
    it can only hide something, and is marked."""
    assert visible("Die Bundes\u00adregierung hat be\u00adschlos\u00adsen") == "Die Bundesregierung hat beschlossen"
    assert visible("\u0411\u0443\u00ad\u043d\u0434") == "\u0411\u0443\u043d\u0434"
    for text in ("\u00adx", "x\u00ad", "a \u00adb", "a\u00ad b", "a\u00ad\u00adb", "a\u00ad\u202eb", "\u00ad"):
        assert "\u27e8U+00AD\u27e9" in visible(text), repr(text)


_SPECIAL = "ab \u00ad\u202e\u200d\u0628\t\r\n\x1b\u0301\udcff\u2028"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_SPECIAL, max_size=30) | st.text(st.characters(codec=None), max_size=30), st.booleans())
def test_visible_mapped_is_visible_with_where_each_offset_stands(text, keep):
    shown, mapped = safetext.visible_mapped(text, keep_newlines=keep)
    at = [mapped[i] for i in range(len(mapped))]
    assert shown == visible(text, keep_newlines=keep)
    assert len(at) == len(text) + 1 and at[0] == 0 and at[-1] == len(shown)
    assert all(a <= b for a, b in zip(at, at[1:]))  # a span maps to a span
    for i, c in enumerate(text):  # a character shown as it is stands where its offset says
        if c.isprintable() and unicodedata.category(c) not in safetext.MARK_CATEGORIES:
            assert shown[at[i]] == c, (text, i)


# -- cutting a shown text short ----------------------------------------------------------------

_PIECES = st.lists(st.one_of(
    st.sampled_from(["a", "é", "Ж", "中", " ", "⟨", "⟩", "\u202e", "\u2066", "\x9b", "\x1b", "\u200b", "\udcff",
                     "\U000e0041", "\ue000", "e\u0301", "\u0915\u093f", "\U0001f44d\U0001f3fd", "\u0301" * 30]),
    st.text(min_size=1, max_size=3)), min_size=1, max_size=60)


def _cut_inside_a_marker_or_letter(shown: str, at: int) -> bool:
    import re

    marker = re.compile("\u27e8(?:U\\+[0-9A-F]{4,6}|0x[0-9A-F]{2}|\\+[0-9]+ marks)\u27e9")
    if any(m.start() < at < m.end() for m in marker.finditer(shown)):
        return True
    return 0 < at < len(shown) and (unicodedata.category(shown[at]) in ("Mn", "Mc", "Me")
                                    or marker.match(shown, at) is not None and shown[at:].startswith("\u27e8+"))


# A message quotes a long text by its two ends (safetext.quoted, the anchoring's passages, YAML
# hints, a crash's one line): cut from the shown text, a cut could split a marker (`⟨U+20` …) or
# leave an accent without its letter. Every cut is between whole markers and letters.
@settings(max_examples=300, deadline=None)
@given(pieces=_PIECES, width=st.integers(0, 120))
def test_a_shown_text_is_cut_between_whole_markers_and_letters(pieces, width):
    from explorer.core.safetext import clip, clip_end

    shown = visible("".join(pieces))
    for out, tail in ((clip(shown, width), True), (clip_end(shown, width), False)):
        assert len(out) <= max(width, 1) or len(shown) <= width
        if len(shown) <= width:
            assert out == shown
            continue
        head, _, rest = out.partition("\u2026") if "\u2026" not in shown else (out[: out.rindex("\u2026")] if not tail else None, None, None)
        if head is None:  # (the text holds its own …: find the cut by the prefix kept)
            head = next(out[:k] for k in range(len(out), -1, -1) if shown.startswith(out[:k]) and out[k:k + 1] == "\u2026")
            rest = out[len(head) + 1:]
        assert shown.startswith(head) and not _cut_inside_a_marker_or_letter(shown, len(head))
        if tail:
            assert shown.endswith(rest) and not _cut_inside_a_marker_or_letter(shown, len(shown) - len(rest))
    # the app's rows and titles, cut to a number of cells
    from rich.cells import cell_len

    from explorer.app.render import middle_truncate

    out = middle_truncate(shown, width)
    if out != shown and "\u2026" not in shown and width > 1:
        head, rest = out.split("\u2026")
        assert cell_len(out) <= max(width, 1)
        assert shown.startswith(head) and not _cut_inside_a_marker_or_letter(shown, len(head))
        assert shown.endswith(rest) and not _cut_inside_a_marker_or_letter(shown, len(shown) - len(rest))


def test_a_message_quoting_a_long_passage_of_invisible_characters_shows_whole_markers(tmp_path):
    """factex check on a card whose quote, not found, is close to a passage of bidi overrides
    and controls: each marker in the message is whole."""
    import re

    import inprocess

    root = tmp_path / "ws"
    (root / "facts").mkdir(parents=True)
    (root / "seeds").mkdir()
    payload = "\u202e\x9b\u2066" * 60
    (root / "seeds" / "a.txt").write_text(f"Alice {payload} met Bob.\n", encoding="utf-8")
    (root / "facts" / "alice.yaml").write_text(
        "kind: entity\nname: Alice\ntype: person\nevidence:\n  - quote: \"Alice " + "\\u202e\\x9b\\u2066" * 59
        + " met Bob\"\n", encoding="utf-8")
    out = inprocess.factex("check", root, env={"FACTEX_CACHE": "0"})
    assert "Traceback" not in out.stderr and "alice.yaml" in out.stdout, out.stdout + out.stderr
    text = out.stdout
    opened = [m.start() for m in re.finditer("\u27e8", text)]
    whole = {m.start() for m in re.finditer("\u27e8(?:U\\+[0-9A-F]{4,6}|0x[0-9A-F]{2}|\\+[0-9]+ marks)\u27e9", text)}
    assert opened and set(opened) <= whole, text
