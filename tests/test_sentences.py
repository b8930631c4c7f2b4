"""Sentences split as a reader would: abbreviations, initials, decimals, times, closing quotes and
brackets, Chinese stops. Coverage, `v` selection and search passages all use this split."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.core.anchoring.selection import Selector
from explorer.core.anchoring.sources import Source, split_sentences

# (text, its sentences); None: the text is one sentence
TABLE = [
    ("He left. She stayed.", ["He left.", "She stayed."]),
    ("Brian M. Good said he, too, was expecting a horrible trip.", None),
    ("The parade's 9 a.m. ET scheduled start. It rained.", ["The parade's 9 a.m. ET scheduled start.", "It rained."]),
    ("It was the U.S. Navy. Then it left.", ["It was the U.S. Navy.", "Then it left."]),
    ("Mr. Smith met Dr. Jones on Feb. 18 in St. Louis. They talked.",
     ["Mr. Smith met Dr. Jones on Feb. 18 in St. Louis.", "They talked."]),
    ('"We dodged a bullet." He smiled.', ['"We dodged a bullet."', "He smiled."]),
    ("\u201cIt is over.\u201d She said so. (It was.) Then?", ["\u201cIt is over.\u201d", "She said so.", "(It was.)", "Then?"]),
    ("It cost 3.5 million. That was 27.662 euros.", ["It cost 3.5 million.", "That was 27.662 euros."]),
    ("John F. Kennedy and Newark-Liberty. Delays followed.", ["John F. Kennedy and Newark-Liberty.", "Delays followed."]),
    ("Que se lo digan a Salvador G. Tena, de 67 a\u00f1os. \u00bfNo deber\u00edan? S\u00ed.",
     ["Que se lo digan a Salvador G. Tena, de 67 a\u00f1os.", "\u00bfNo deber\u00edan?", "S\u00ed."]),
    ("\u00abIl n'y a pas de sujet.\u00bb Et pour rappel, oui.", ["\u00abIl n'y a pas de sujet.\u00bb", "Et pour rappel, oui."]),
    ("\u6881\u632f\u82f1\u9053\u6b49\u3002\u4e00\u4e9b\u8bae\u5458\u6b22\u8fce\u3002",
     ["\u6881\u632f\u82f1\u9053\u6b49\u3002", "\u4e00\u4e9b\u8bae\u5458\u6b22\u8fce\u3002"]),
    ("See No. 5 for details. Then go.", ["See No. 5 for details.", "Then go."]),
    ("Wait... Then what?", ["Wait...", "Then what?"]),
    ("First line\nof one paragraph. Second.\n\nNew paragraph", ["First line\nof one paragraph.", "Second.", "New paragraph"]),
    # Hindi's danda, the Arabic question mark, the Urdu full stop (real articles end every sentence
    # with them: a paragraph was one sentence)
    ("\u092e\u094b\u0926\u0940 \u0928\u0947 \u092d\u093e\u0937\u0923 \u0926\u093f\u092f\u093e\u0964 \u0938\u0902\u0938\u0926 \u091a\u0932 \u0930\u0939\u0940 \u0939\u0948\u0964",
     ["\u092e\u094b\u0926\u0940 \u0928\u0947 \u092d\u093e\u0937\u0923 \u0926\u093f\u092f\u093e\u0964", "\u0938\u0902\u0938\u0926 \u091a\u0932 \u0930\u0939\u0940 \u0939\u0948\u0964"]),
    ("\u0647\u0644 \u0642\u0627\u0644 \u0630\u0644\u0643\u061f \u0646\u0639\u0645 \u0642\u0627\u0644.", ["\u0647\u0644 \u0642\u0627\u0644 \u0630\u0644\u0643\u061f", "\u0646\u0639\u0645 \u0642\u0627\u0644."]),
    ("\u0648\u06c1 \u0622\u06cc\u0627\u06d4 \u067e\u06be\u0631 \u0686\u0644\u0627 \u06af\u06cc\u0627\u06d4", ["\u0648\u06c1 \u0622\u06cc\u0627\u06d4", "\u067e\u06be\u0631 \u0686\u0644\u0627 \u06af\u06cc\u0627\u06d4"]),
    # German quotes close with \u201c and open with \u201e; French \u00ab with its space; a Russian line of
    # dialogue opens with a dash, and the words after a question in lower case go on
    ("Aber Sie sagen nichts.\u201c Der Oppositionsf\u00fchrer monierte.", ["Aber Sie sagen nichts.\u201c", "Der Oppositionsf\u00fchrer monierte."]),
    ("Er sagte: \u201eNein.\u201c \u201eUnd Sie?\u201c fragte er.", ["Er sagte: \u201eNein.\u201c", "\u201eUnd Sie?\u201c fragte er."]),
    ("Il a dit. \u00ab\u00a0Je viens\u00a0\u00bb, dit-il.", ["Il a dit.", "\u00ab\u00a0Je viens\u00a0\u00bb, dit-il."]),
    ("\u041e\u043d\u0430 \u0443\u0448\u043b\u0430. \u2014 \u041a\u0443\u0434\u0430? \u2014 \u0441\u043f\u0440\u043e\u0441\u0438\u043b \u043e\u043d.",
     ["\u041e\u043d\u0430 \u0443\u0448\u043b\u0430.", "\u2014 \u041a\u0443\u0434\u0430? \u2014 \u0441\u043f\u0440\u043e\u0441\u0438\u043b \u043e\u043d."]),
    ("\u00bfQu\u00e9? \u00e9l no sabe. Nada.", ["\u00bfQu\u00e9? \u00e9l no sabe.", "Nada."]),
]


@pytest.mark.parametrize("text, want", TABLE)
def test_sentences_split_as_a_reader_would(text, want):
    assert [text[a:b] for a, b in split_sentences(text)] == (want or [text])


def test_the_real_wire_story_keeps_its_initials_and_times_whole():
    text = (Path(__file__).parent / "real" / "cnn" / "seeds" / "cnn-thanksgiving-storm.txt").read_text(encoding="utf-8")
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert "Brian M. Good said he, too, was expecting a horrible trip when he departed New York for Newark to get a flight to San Diego." in sentences
    assert "A decision will be made Thursday morning before the parade's 9 a.m. ET scheduled start." in sentences
    assert "In 1997, a woman spent more than three weeks in a coma after the Cat in the Hat balloon -- tossed by heavy winds -- struck a pole that hit her." in sentences


def test_v_selects_the_whole_sentence_at_the_cursor():
    text = "Title\n\nBrian M. Good said so. Then he left.\n"
    source = Source("s", "seeds/s.txt", text, "0" * 64)
    sel = Selector(source).sentence_at(text.index("Good"))
    assert sel.text == "Brian M. Good said so."


@pytest.mark.parametrize("text", [
    "word " * 200_000,  # a megabyte on one line, with no full stop
    "x" * 5_000 + " tail",  # a run with no space at all
    "a\u0301" * 3_000,  # a letter and its mark, never parted
    ("Kurz. " + "lang " * 1_000 + "Ende. ") * 3,
])
def test_a_sentence_is_never_longer_than_max_sentence(text):
    """A page turned into text may have no full stop for a megabyte: its sentences (search
    passages, `v` selections) are cut at spaces into pieces of at most MAX_SENTENCE characters,
    covering the same words in order."""
    from explorer.core.anchoring.sources import MAX_SENTENCE

    spans = split_sentences(text)
    assert spans and all(0 < e - s <= MAX_SENTENCE + 8 for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")
    assert not any(e < len(text) and text[e] == "\u0301" for _, e in spans)  # a mark stays with its letter
