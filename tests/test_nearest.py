""""Did you mean" for a quote that is not found: the closest passage on whole words, on the right
line, and what differs in words a person uses; and it stays near-linear (no timing asserted here:
bench/didyoumean.py measures it)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import SourceIndex, anchor_quote
from explorer.core.anchoring.nearest import MAX_CELLS, align, closest_passage, _tokens
from explorer.core.anchoring.sources import Source
from explorer.core.text import key_text, normalize_quote

TEXT = (
    "Title of the story\n"
    "\n"
    "Jos\u00e9 Mar\u00eda Aznar met the mayor of M\u00e1laga on Friday.\n"
    "The mayor said he was drunken\u00a0that night; nobody agreed.\n"
    "\n"
    "Kim Jong Un -- who rarely travels -- arrived in Vladivostok at 9 a.m. on Tuesday.\n"
    "\u00abNo voy a dimitir\u00bb, dijo el alcalde.\n"
)


def src(text: str = TEXT, sid: str = "story") -> Source:
    return Source(sid, f"seeds/{sid}.txt", text, "0" * 64)


def error(quote: str, text: str = TEXT) -> str:
    r = anchor_quote(quote, [src(text)])
    assert r.anchor is None
    return r.error


CASES = [
    # (typed, the whole message after "quote not found in story; ")
    ("Jose Maria Aznar met the mayor",
     'did you mean "Jos\u00e9 Mar\u00eda Aznar met the mayor" (line 3)? It differs only in accents: '
     "the source has 'Jos\u00e9 Mar\u00eda'."),
    ("the mayor of Malaga",
     'did you mean "the mayor of M\u00e1laga" (line 3)? It differs only in accents: the source has \'M\u00e1laga\'.'),
    ("the Mayor said he was",
     'did you mean "The mayor said he was" (line 4)? It differs only in case: the source has \'The mayor\'.'),
    ("JOSE maria aznar",
     'did you mean "Jos\u00e9 Mar\u00eda Aznar" (line 3)? It differs only in case and accents: '
     "the source has 'Jos\u00e9 Mar\u00eda Aznar'."),
    ("he was drunk that night",
     'did you mean "he was drunken\u00a0that night" (line 4)? You typed \'drunk\', the source has \'drunken\'.'),
    ("drunken that night, nobody agreed",
     'did you mean "drunken\u00a0that night; nobody agreed" (line 4)? The source has \';\' where you typed \',\'.'),
    ("who rarely travels arrived in Vladivostok",
     'did you mean "who rarely travels -- arrived in Vladivostok" (line 6)? The source has \'--\' after \'travels\'.'),
    ("arrived in Vladivostock at 9 a.m.",
     'did you mean "arrived in Vladivostok at 9 a.m." (line 6)? You typed \'Vladivostock\', the source has \'Vladivostok\'.'),
    ('"No voy a dimitir", dijo el alcade',
     'did you mean "\u00abNo voy a dimitir\u00bb, dijo el alcalde" (line 7)? You typed \'alcade\', the source has \'alcalde\'.'),
    ("the mayor said he was really drunken",
     'did you mean "The mayor said he was drunken" (line 4)? The source does not have \'really\' here; '
     "the source has 'The' (case)."),
]


@pytest.mark.parametrize("typed, message", CASES)
def test_help_names_the_passage_its_line_and_what_differs(typed, message):
    assert error(typed) == "quote not found in story; " + message


def test_no_passage_close():
    assert error("completely unrelated words about quantum chromodynamics") == (
        "quote not found in story, and no passage is close to it")


def test_names_the_source_among_several():
    other = src("Other\n\nNothing to see here at all.\n", "other")
    r = anchor_quote("he was drunk that night", [other, src()])
    assert r.error.startswith('quote not found in 2 sources; did you mean "he was drunken\u00a0that night" (story line 4)?')


def test_index_picks_the_source_and_a_passage_on_the_right_line():
    sources = [src(f"Filler {n}\n\n" + "Some words about boats and harbours. " * 20 + "\n", f"f{n}") for n in range(8)]
    sources.insert(5, src())
    index = SourceIndex(sources)
    r = anchor_quote("arrived in Vladivostock at 9 a.m. on Tuesday", sources, index=index)
    assert '"arrived in Vladivostok at 9 a.m. on Tuesday" (story line 6)' in r.error


def test_cjk_passage():
    text = "标题\n\n俄罗斯总统普京向朝鲜领导人金正恩赠送了一辆汽车。\n"
    r = anchor_quote("普京向朝鲜领导人金正日赠送了", [src(text)])
    assert r.error == ('quote not found in story; did you mean "普京向朝鲜领导人金正恩赠送了" (line 3)? '
                       "You typed '日', the source has '恩'.")


def test_long_misspelt_quote_against_a_long_source():
    words = [f"w{n}x{n * 7 % 13}" for n in range(12000)]
    text = "Long\n\n" + " ".join(words) + "\n"
    quote_words = words[5000:5300]
    quote_words[10] = "typo"
    quote_words[200] = "other"
    del quote_words[100]
    r = anchor_quote(" ".join(quote_words), [src(text)])
    assert '(line 3)' in r.error
    assert f"you typed 'typo', the source has '{words[5010]}'" in r.error.lower()


def test_the_alignment_band_keeps_the_work_bounded():
    # a pathological pair: nothing lines up; the alignment stays within its budget of cells
    q = " ".join("ab"[i % 2] for i in range(3000))
    w = " ".join("ba"[i % 3 == 0] for i in range(3600))
    qt, wt = _tokens(q, key_text(q), 0, len(q)), _tokens(w, key_text(w), 0, len(w))
    result = align(qt, wt, 0)
    assert result is not None
    n = len(qt)
    assert n * (2 * max(16, min(n // 6 + 8, MAX_CELLS // n)) + 1) <= MAX_CELLS * 2 + n * 33


def test_closest_passage_is_on_whole_words():
    s = src()
    p = closest_passage(normalize_quote("ayor said he was drunk that night"), [s])
    assert s.normalized[p.nstart : p.nend] == "mayor said he was drunken that night"


def test_a_very_long_quote_is_compared_by_its_start():
    quote = "the mayor of M\u00e1laga on Friday. The mayor said he was sober " + "and so on " * 500
    r = anchor_quote(quote, [src()])
    assert r.error == ("quote not found in story (5,058 characters): its first 53 characters match from line 3, "
                       "then the quote has 'sober and so on and so on and ' where the source has "
                       "'drunken that night; nobody agr'")
    r = anchor_quote("Jose Maria Aznar met the mayor of Malaga. " * 200, [src()])
    assert r.error == ('quote not found in story (8,399 characters); its start is closest to "Jos\u00e9 Mar\u00eda Aznar met '
                       'the mayor of M\u00e1laga on Friday.\u2424The mayor said" (line 3)')


# Words whose letters carry combining marks, which Python's `\w` does not hold: Devanagari vowel
# signs, viramas and nasal marks, Bengali, Tamil, Arabic vowel points, Hebrew points. Each word is
# letters with marks on them; a quote of some of the sentence's words with one word mistyped
# (a mark dropped or another letter) must get its passage and that word, whole.
_SCRIPTS = {
    "devanagari": ("\u0915\u0916\u0917\u091c\u0924\u0926\u0928\u092a\u092e\u0930\u0932\u0938\u0939",
                   "\u093e\u093f\u0940\u0941\u0942\u0947\u0948\u094b\u094c\u0902\u094d"),
    "bengali": ("\u0995\u0997\u099c\u09a4\u09a6\u09a8\u09aa\u09ae\u09b0\u09b2\u09b8",
                "\u09be\u09bf\u09c0\u09c1\u09c7\u09cb\u0982\u09cd"),
    "tamil": ("\u0b95\u0b9a\u0b9f\u0ba4\u0ba8\u0baa\u0bae\u0baf\u0bb0\u0bb2\u0bb5",
              "\u0bbe\u0bbf\u0bc0\u0bc1\u0bc6\u0bca\u0bcd"),
    "arabic": ("\u0628\u062a\u062c\u062f\u0631\u0633\u0639\u0641\u0642\u0643\u0644\u0645\u0646",
               "\u064e\u064f\u0650\u0651\u0652\u064b"),
    "hebrew": ("\u05d1\u05d2\u05d3\u05db\u05dc\u05de\u05e0\u05e1\u05e4\u05e8\u05e9\u05ea",
               "\u05b0\u05b4\u05b5\u05b6\u05b7\u05b8\u05b9\u05bc"),
}


@st.composite
def _marked_sentence(draw):
    script = draw(st.sampled_from(sorted(_SCRIPTS)))
    letters, marks = _SCRIPTS[script]
    syllable = st.tuples(st.sampled_from(letters), st.sampled_from(marks)).map("".join)
    word = st.lists(syllable, min_size=2, max_size=4).map("".join)
    words = draw(st.lists(word, min_size=8, max_size=12, unique=True))
    start = draw(st.integers(0, len(words) - 6))
    quoted = words[start : start + 5]
    k = draw(st.integers(1, 3))  # the mistyped word is inside the quote
    wrong = quoted[k][:-1]  # its last mark dropped
    if wrong in words or not wrong:
        wrong = quoted[k] + marks[0] + letters[0]
    typed = quoted[:k] + [wrong] + quoted[k + 1 :]
    return " ".join(words), " ".join(typed), quoted[k], wrong, script


@given(_marked_sentence())
@settings(max_examples=60, deadline=None)
def test_words_with_combining_marks_get_their_passage_and_the_whole_word(case):
    """A vowel point of Hebrew or Arabic left out is said as such (see the next test); any other
    mark left out, or a letter added, is a change of the word, shown whole."""
    text, typed, word, wrong, script = case
    message = error(typed, "Title\n\n" + text + ".\n")
    assert message.startswith("quote not found in story; did you mean"), message
    if script in ("arabic", "hebrew") and wrong == word[:-1]:
        assert f"It differs only in vowel marks: the source has '{word}' (" in message, message
    else:
        assert f"You typed '{wrong}', the source has '{word}'." in message, message


# Persian, Urdu and Kurdish text has its own yeh and kaf (ی ک) and digits (۱۲۳); an Arabic keyboard
# types ي (or ى) and ك and ١٢٣, which look the same. A quote typed so got "no passage is close to
# it" (half its words "differed"); it must get its passage and the characters named.
_FA_LETTERS = "\u0627\u0628\u067e\u062a\u062f\u0631\u0632\u0633\u0645\u0646\u0648\u0647\u06cc\u06a9\u06af"
_SWAP = {"\u06cc": "\u064a", "\u06a9": "\u0643", "\u06f1": "\u0661", "\u06f2": "\u0662", "\u06f4": "\u0664"}


@st.composite
def _persian_typed_on_an_arabic_keyboard(draw):
    word = st.text(st.sampled_from(_FA_LETTERS + "\u06f1\u06f2\u06f4"), min_size=3, max_size=7)
    words = draw(st.lists(word, min_size=6, max_size=10, unique=True))
    start = draw(st.integers(0, len(words) - 4))
    quoted = " ".join(words[start : start + 4])
    typed = "".join(_SWAP.get(c, c) for c in quoted)
    assume(typed != quoted)
    return " ".join(words), quoted, typed


@given(_persian_typed_on_an_arabic_keyboard())
@settings(max_examples=60, deadline=None)
def test_arabic_keyboard_letters_in_a_persian_quote_are_named(case):
    text, quoted, typed = case
    message = error(typed, "Title\n\n" + text + ".\n")
    if all(c == t or c.isdigit() for c, t in zip(quoted, typed)):  # only digits: said as such (see below)
        assert message.startswith(f'quote not found in story; did you mean "{quoted}" (line 3)? It differs only in '
                                  "how its digits are written: the source has "), message
        return
    assert message.startswith(f'quote not found in story; did you mean "{quoted}" (line 3)? It differs only in '
                              "letters or digits that look alike (another keyboard's): the source has "), message
    first = next(c for c, t in zip(quoted, typed) if c != t)
    assert f"'{first}' (U+{ord(first):04X}) where you typed '{_SWAP[first]}'" in message


@st.composite
def _persian_with_half_spaces(draw):
    word = st.text(st.sampled_from(_FA_LETTERS), min_size=2, max_size=5)
    words = draw(st.lists(word, min_size=6, max_size=10, unique=True))
    joiners = draw(st.lists(st.sampled_from(["\u200c", ""]), min_size=len(words), max_size=len(words)))
    assume(len({"".join(words[i : i + 2]) for i in range(len(words) - 1)} & set(words)) == 0)
    start = draw(st.integers(0, len(words) - 4))
    k = draw(st.integers(start, start + 2))  # words k and k + 1 are one word in the source
    text = "".join(w + (joiners[k] if i == k else " ") for i, w in enumerate(words)).strip()
    typed = " ".join(words[start : start + 4])
    return text, typed, words[k] + joiners[k] + words[k + 1]


@given(_persian_with_half_spaces())
@settings(max_examples=60, deadline=None)
def test_a_space_typed_for_a_half_space_gets_its_passage(case):
    """می گوید typed for می‌گوید (a zero-width non-joiner, which a keyboard may not have) got "no
    passage is close to it" when the quote was short."""
    text, typed, joined = case
    message = error(typed, "Title\n\n" + text + ".\n")
    assert message.startswith("quote not found in story; did you mean"), message
    assert f"The source writes '{joined}' as one word" in message, message


# --- what differs, as a reader sees it: whole characters, whole numbers, readable quote marks ----

from explorer.core.anchoring.nearest import describe_differences  # noqa: E402
from explorer.core.text import extends_cluster  # noqa: E402

# clusters (a base and the marks on it) of scripts with and without spaces between words
CLUSTERS = ["\u0e0b\u0e48", "\u0e14\u0e48", "\u0e01\u0e34", "\u0e19", "\u0e32", "\u0915\u093e", "\u092e\u0902",
            "\u0930\u093f", "\u0915", "q\u0307", "a", "\u05e9\u05c1"]


@st.composite
def words_with_a_mark_left_out(draw):
    words = draw(st.lists(st.lists(st.sampled_from(CLUSTERS), min_size=1, max_size=4).map("".join), min_size=2, max_size=5))
    found = " ".join(words)
    marks = [i for i, c in enumerate(found) if extends_cluster(c)]
    assume(marks)
    i = draw(st.sampled_from(marks))
    return found[:i] + found[i + 1 :], found


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(words_with_a_mark_left_out())
def test_a_mark_left_out_is_named_with_the_letter_it_sits_on(case):
    typed, found = case
    said = describe_differences(normalize_quote(typed), normalize_quote(found))
    assert said
    # every piece the message quotes starts on a letter, never on a bare mark ('่' alone)
    pieces = said.split("'")[1::2]
    assert pieces and not any(p and extends_cluster(p[0]) for p in pieces), said


def test_a_thai_tone_mark_left_out_names_its_syllable():
    assert describe_differences("\u0e41\u0e0b\u0e14\u0e48\u0e32\u0e19", "\u0e41\u0e0b\u0e48\u0e14\u0e48\u0e32\u0e19") == (
        "you typed '\u0e0b', the source has '\u0e0b\u0e48'")


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.lists(st.integers(0, 999), min_size=2, max_size=4), st.sampled_from([".", ","]), st.sampled_from(["", "\uc5b5\uc6d0"]))
def test_a_number_typed_without_its_separators_is_named_whole(groups, sep, unit):
    source_has = str(groups[0] + 1) + "".join(sep + f"{g:03d}" for g in groups[1:]) + unit
    typed = source_has.replace(sep, "")
    text = f"Linde beschäftigt in dem Segment etwa {source_has} Mitarbeiter. Die größten Standorte sind in Texas."
    assert error(f"etwa {typed} Mitarbeiter", text).endswith(f"You typed '{typed}', the source has '{source_has}'.")


def test_a_straight_quote_typed_for_another_is_named_readably():
    assert describe_differences('the "Wall" said', "the 'Wall' said") == (
        "the source has \"'\" where you typed '\"' (2 times)")


@pytest.mark.parametrize("typed, source_has", [
    ("\u0938\u094d\u0935\u093e\u092e\u0940 \u0905\u0927\u094b\u0915\u094d\u0937\u091c\u093e\u0928\u0928\u094d\u0926",
     "\u0905\u0927\u094b\u0915\u094d\u0937\u091c\u093e\u0928\u0902\u0926"),  # a half न typed for the anusvara
    ("Muenchner Linde-Konzern", "M\u00fcnchner"),  # ue typed for \u00fc: the right one of two "Linde-Konzern"
])
def test_a_short_quote_with_one_word_misspelt_still_finds_its_passage(typed, source_has):
    text = ("Der Linde-Konzern muss verkaufen. \u0938\u094d\u0935\u093e\u092e\u0940 \u0905\u0927\u094b\u0915\u094d\u0937"
            "\u091c\u093e\u0928\u0902\u0926 \u0928\u0947 \u0915\u0939\u093e\u0964 Wird der M\u00fcnchner Linde-Konzern "
            "Teile verkaufen.")
    s = src(text)
    passage = closest_passage(normalize_quote(typed), [s])
    assert passage is not None and source_has in s.normalized[passage.nstart : passage.nend]
    assert source_has in passage.differences


# a space left out or typed inside a word: Korean spaces words by rules people often get wrong
SPACED_WORDS = ["\ucd5c", "\ud68c\uc7a5\uc758", "\ub300\ub9ac\uc778\ub2e8\uc740", "\ub178", "\uad00\uc7a5",
                "Kartellbeh\u00f6rden", "zur", "Bedingung", "\u0930\u093e\u092e", "\u092e\u0902\u0926\u093f\u0930", "of", "the"]


@st.composite
def respaced(draw):
    words = draw(st.lists(st.sampled_from(SPACED_WORDS), min_size=3, max_size=12))
    text = " ".join(words) + "."
    a = draw(st.integers(0, len(words) - 2))
    b = draw(st.integers(a + 1, min(len(words), a + 5)))
    quote_words = words[a:b]
    k = draw(st.integers(0, len(quote_words) - 1))
    word = quote_words[k]
    if k + 1 < len(quote_words) and draw(st.booleans()):  # two words run together
        ours, theirs = word + quote_words[k + 1], word + " " + quote_words[k + 1]
        quote = " ".join(quote_words[:k] + [ours] + quote_words[k + 2 :])
    else:  # a word split in two, between two letters
        cuts = [i for i in range(1, len(word)) if not extends_cluster(word[i])]
        assume(cuts)
        i = draw(st.sampled_from(cuts))
        ours, theirs = word[:i] + " " + word[i:], word
        quote = " ".join(quote_words[:k] + [ours] + quote_words[k + 1 :])
    assume(normalize_quote(quote) not in normalize_quote(text))
    return text, quote, ours, theirs


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(respaced())
def test_a_space_left_out_or_added_is_named_with_its_words(case):
    text, quote, ours, theirs = case
    message = error(quote, text)
    assert "did you mean" in message, message
    assert f"{ours}', the source has '" in message and f"the source has '{theirs}" in message, message


def test_a_short_quote_that_differs_only_in_spacing_is_close():
    text = "\ucd5c \ud68c\uc7a5 \uce21\uc774 1000\uc5b5\uc6d0 \uc99d\uc5ec \uc758\ud639\uc744 \ubc18\ubc15\ud588\ub2e4."
    assert error("\ucd5c\ud68c\uc7a5", text) == (
        "quote not found in story; did you mean \"\ucd5c \ud68c\uc7a5\" (line 1)? It differs only in spacing: "
        "you typed '\ucd5c\ud68c\uc7a5', the source has '\ucd5c \ud68c\uc7a5'.")


WRAPPED_WORDS = ["the", "minister", "said", "talks", "would", "continue", "until", "Friday", "unions",
                 "agreed", "budget", "strike", "police", "reported", "crowd", "outside", "parliament"]


@settings(max_examples=40)
@given(st.permutations(WRAPPED_WORDS),
       st.lists(st.sampled_from(["\n", "\r\n", "\n    ", " \n"]), min_size=20, max_size=20),
       st.sets(st.integers(0, 19), min_size=1, max_size=8), st.data())
def test_did_you_mean_over_wrapped_lines_is_a_passage_that_can_be_typed_back(words, breaks, wrap_at, data):
    """A hand-wrapped source (wire copy): the passage "did you mean" offers never shows a line
    break as a marker, and written back into the card as offered it is found."""
    seps = [breaks[i] if i in wrap_at else " " for i in range(len(words) - 1)]
    text = "Wire story\n\n" + "".join(w + s for w, s in zip(words, seps)) + words[-1] + ".\n"
    i = data.draw(st.integers(0, len(words) - 6))
    typed_words = words[i : i + 6]
    k = data.draw(st.integers(0, 5))
    assume(len(typed_words[k]) > 4)
    typed_words[k] = typed_words[k][:2] + typed_words[k][3:]  # a letter left out
    typed = " ".join(typed_words)
    result = anchor_quote(typed, [src(text)])
    assume(result.anchor is None and "did you mean" in result.error)
    offered = result.error.split('did you mean "', 1)[1].split('" (line', 1)[0]
    assert "\u2424" not in offered and "\n" not in offered, result.error
    assert anchor_quote(offered, [src(text)]).anchor is not None, result.error
