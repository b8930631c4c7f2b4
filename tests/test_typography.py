"""Typography folds both ways: a quote typed on a keyboard anchors to the source's exact span.

Unit cases for each rule of `explorer.core.text`, and a property test: a quote cut from a
generated source at whole-word boundaries and retyped with keyboard typography anchors to exactly
the span it was cut from.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.anchor import anchor_quote
from explorer.core.anchoring.sources import Source
from explorer.core.text import normalize_quote


def src(text: str, sid: str = "s") -> Source:
    return Source(sid, f"seeds/{sid}.txt", text, "0" * 64)


def anchored(quote: str, text: str) -> str:
    s = src(text)
    r = anchor_quote(quote, [s])
    assert r.error is None, r.error
    return text[r.anchor.start : r.anchor.end]


# (what the source has, what a person types): each must anchor, to exactly the source's text
FOLDS = [
    ("rich\u2014thanks to", "rich - thanks to"),
    ("rich\u2014thanks to", "rich-thanks to"),
    ("rich \u2014 thanks to", "rich--thanks to"),
    ("Kim Jong Un -- who", "Kim Jong Un - who"),
    ("Kim Jong Un -- who", "Kim Jong Un \u2014 who"),
    ("Kim Jong Un -- who", "Kim Jong Un-who"),
    ("the years 1990\u20132000", "the years 1990-2000"),
    ("a \u2212 b", "a - b"),
    ("said that \u2026 and", "said that ... and"),
    ("said that \u2026 and", "said that...and"),
    ("said that\u2026 and", "said that ... and"),
    ("said that ... and", "said that\u2026 and"),
    ("a dit\u00a0: \u00ab\u202fJe viens\u202f\u00bb.", 'a dit: "Je viens".'),
    ("a dit : \u00ab Je viens \u00bb.", 'a dit : "Je viens".'),
    ("dijo: \u00abNo voy\u00bb, y", 'dijo: "No voy", y'),
    ("He said \u201cno\u201d and \u2018yes\u2019", "He said \"no\" and 'yes'"),
    ("He said \u201eja\u201c und", 'He said "ja" und'),
    ("Kim\u2019s car", "Kim's car"),
    ("Kim's car", "Kim\u2019s car"),
    ("a 5\u2032 board", "a 5' board"),
    ("Oui\u00a0! Vraiment\u202f?", "Oui! Vraiment?"),
    # Hebrew geresh and gershayim, typed from a keyboard as ' and " (and the other way round)
    ("\u05dc\u05d5\u05d7\u05dd \u05e6\u05d4\u05f4\u05dc \u05e0\u05de\u05e6\u05d0", 'לוחם צה"ל נמצא'),
    ('אחרי הביקור בארה"ב: הלחץ', "אחרי הביקור בארה\u05f4ב: הלחץ"),
    ("\u05d2\u05f3\u05d5\u05e0\u05e1\u05d5\u05df", "ג'ונסון"),
    # corner brackets (Japanese, Traditional Chinese) typed as straight or curly quotes
    ("をまとめ、「国民の多くが自衛隊を容認している」と", 'をまとめ、"国民の多くが自衛隊を容認している"と'),
    ("「テロ等準備罪」を新設する", "\u201cテロ等準備罪\u201dを新設する"),
    ("『新しい日本』", "'新しい日本'"),
    ("\uff08\u4e2d\u56fd\uff09\u56fd\u5bb6", "(\u4e2d\u56fd)\u56fd\u5bb6"),
    ("(\u4e2d\u56fd)\u56fd\u5bb6", "\uff08\u4e2d\u56fd\uff09\u56fd\u5bb6"),
    ("\uff21\uff22\uff23 \uff11\uff12\uff13", "ABC 123"),
    ("Jose\u0301 Mari\u0301a", "Jos\u00e9 Mar\u00eda"),
    ("Jos\u00e9 Mar\u00eda", "Jose\u0301 Mari\u0301a"),
    ("a long\u00a0line\nwrapped  here", "a long line wrapped here"),
    ("in\u00adcredible news", "incredible news"),
    ("zero\u200bwidth", "zerowidth"),
]


@pytest.mark.parametrize("source, typed", FOLDS)
def test_keyboard_typography_anchors_to_the_source_text(source, typed):
    text = f"Title\n\nBefore. {source} after.\n"
    assert anchored(typed, text) == source


# what must NOT fold: case, accents, letters, digits
NOT_FOLDS = [
    ("Jos\u00e9", "Jose"),
    ("Jose", "Jos\u00e9"),
    ("Paris", "paris"),
    ("drunken", "drunk"),
    ("1990", "1991"),
    ("na\u00efve", "naive"),
    ("stra\u00dfe", "strasse"),
    ("\uff21BC", "aBC"),
]


@pytest.mark.parametrize("source, typed", NOT_FOLDS)
def test_case_accents_letters_digits_never_fold(source, typed):
    s = src(f"Title\n\nThe word {source} here.\n")
    assert anchor_quote(f"word {typed} here", [s]).anchor is None


def test_folding_is_symmetric_in_quote_and_source():
    for a, b in FOLDS:
        assert normalize_quote(a) == normalize_quote(b), (a, b)


# -- the property ---------------------------------------------------------------------------------

# Word forms: plain, accented (composed or decomposed), full-width, with a soft hyphen inside, CJK.
_STEMS = ["alba", "Jos\u00e9", "Jose\u0301", "\uff34\uff4f\uff4b\uff59\uff4f", "in\u00adcredible", "na\u00efve", "Kim", "stra\u00dfe"]
# What stands between words in a source, and how a person might type each
_SEPARATORS = {
    " ": [" "],
    "\u00a0": [" "],
    "\n": [" "],
    " \u2014 ": [" - ", "-", " -- ", "--"],
    "\u2014": ["-", " - "],
    " -- ": [" - ", "-", " -- "],
    "\u2013": ["-"],
    ", ": [", "],
    ": ": [": "],
    "\u2019": ["'"],
    " \u00ab\u202f": [' "'],
    "\u202f\u00bb ": ['" '],
    " \u201c": [' "'],
    "\u201d ": ['" '],
    "\u2026 ": ["... ", "...", " ... "],
    " ... ": ["\u2026", " ... ", "..."],
    " \uff08": [" ("],
    "\uff09 ": [") "],
    "\u00a0! ": ["! ", " ! "],
}


@st.composite
def cut_and_retyped(draw):
    n = draw(st.integers(2, 14))
    words = [f"{draw(st.sampled_from(_STEMS))}{i}" for i in range(n)]  # unique: every word has its number
    seps = [draw(st.sampled_from(sorted(_SEPARATORS))) for _ in range(n - 1)]
    text = "Title\n\n" + words[0]
    spans = [(len(text) - len(words[0]), len(text))]
    for word, sep in zip(words[1:], seps):
        text += sep
        spans.append((len(text), len(text) + len(word)))
        text += word
    text += ".\n"
    i = draw(st.integers(0, n - 1))
    j = draw(st.integers(i, min(n - 1, i + 6)))
    typed = []
    for k in range(i, j + 1):
        word = words[k]
        word = word.replace("\u00ad", "")
        word = unicodedata.normalize("NFKC", word) if draw(st.booleans()) else unicodedata.normalize("NFC", word)
        if word.startswith(("Jos", "na")) and draw(st.booleans()):
            word = unicodedata.normalize("NFD", word)
        typed.append(word)
        if k < j:
            typed.append(draw(st.sampled_from(_SEPARATORS[seps[k]])))
    return text, spans[i][0], spans[j][1], "".join(typed)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(cut_and_retyped())
def test_a_retyped_quote_anchors_to_exactly_its_span(case):
    text, start, end, typed = case
    s = src(text)
    r = anchor_quote(typed, [s])
    assert r.error is None, (r.error, typed, text[start:end])
    assert (r.anchor.start, r.anchor.end) == (start, end), (typed, text[r.anchor.start : r.anchor.end], text[start:end])


# -- YAML's "mapping values are not allowed": say what to do, at the quote -------------------------

from explorer.core.cardformat.yamlsafe import parse_card  # noqa: E402


@pytest.mark.parametrize("line, column, value", [
    ('  - quote: But, he added: "The worst is over.', 12, "'But, he added: \"The worst is over.'"),
    ("description: Note: a minister.", 14, "'Note: a minister.'"),
])
def test_a_colon_in_a_value_gets_a_hint_at_the_value(line, column, value):
    doc = parse_card("kind: entity\nname: X\ntype: person\nevidence:\n  - fine\n" + line + "\n")
    assert len(doc.issues) == 1
    issue = doc.issues[0]
    assert (issue.line, issue.column) == (6, column)
    assert issue.message.startswith("YAML syntax error: this value has ': ' in it")
    assert f"put the whole value in quotes, {value}" in issue.message


def test_a_colon_in_a_shorthand_quote_is_one_problem_with_the_hint(ws):
    ws.source("a.txt", "T\n\nBut, he added: it's over.\n")
    ws.card("x.yaml", """
        kind: entity
        name: X
        type: person
        evidence:
          - But, he added: it's over.
    """)
    base = ws.load()
    assert [p.format() for p in base.problems] == [
        "facts/x.yaml:5:5: error: this quote has ': ' in it (after 'But, he added'), which YAML reads as a key and its "
        "value: put the whole quote in quotes, 'But, he added: it''s over.' (double any ' inside)"]
