"""A message that quotes a user's text says unambiguously where that text starts and ends, whatever
it holds (`safetext.quoted`): a value that is one `'` showed as `'''`, a passage holding `"` as
`""...""`. The checker's messages are read back here and must give the text that was typed."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from explorer.core.authoring import yaml_scalar
from explorer.core.loading.loader import Loader
from explorer.core.safetext import quoted, unquoted

# quote marks of every kind, backslashes, and what surrounds them
TEXT = st.text(alphabet="'\"\\ab ,;:-", min_size=1, max_size=8)


@settings(max_examples=150)
@given(TEXT | st.text() | st.text(min_size=70, max_size=120), st.booleans(), st.text(max_size=5))
@example("'", False, "")
@example("'", False, "' and 'x'")
def test_what_is_quoted_reads_back_whatever_follows_it(text, double, after):
    from explorer.core.safetext import QUOTED_MAX

    got, rest = unquoted(quoted(text, double=double) + after)
    assert rest == after
    if len(text) <= QUOTED_MAX or double:
        assert got == text
    else:  # a long text: its two ends
        half = QUOTED_MAX // 2 - 1
        assert got == text[:half] + "\u2026" + text[-half:]


def test_a_long_value_is_quoted_by_its_two_ends(tmp_path):
    """A card's 5,000-digit `occurrence` was quoted whole in its error."""
    root = tmp_path
    (root / "facts").mkdir()
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_text("Bob said so.\n", encoding="utf-8")
    (root / "facts" / "b.yaml").write_text("kind: entity\nname: B\ntype: " + "X" * 3000 + "\nevidence:\n  - quote: Bob said\n"
                                            "    occurrence: " + "9" * 5000 + "\n", encoding="utf-8")
    problems = Loader(root, use_cache=False).load(save=False).problems
    assert len(problems) == 2 and all(len(p.message) < 300 for p in problems), problems


def _read_back(message: str, before: str) -> str:
    assert before in message, message
    return unquoted(message[message.index(before) + len(before):])[0]


@settings(max_examples=30)
@given(TEXT.map(str.strip).filter(lambda v: v and v != "-"))
@example("'")
@example("x'")
@example("'\"")
def test_the_checker_quotes_values_and_suggestions_readably(tmp_path_factory, value):
    root = tmp_path_factory.mktemp("quoted")
    (root / "facts").mkdir()
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_text("He said it's over, and then \"we left\".\n", encoding="utf-8")
    (root / "facts" / "r.yaml").write_text(
        f"kind: relation\nsubject: {yaml_scalar(value)}\npredicate: met\nobject: {yaml_scalar(value + 'x')}\n"
        f"certainty: {yaml_scalar(value)}\nevidence:\n  - He said\n", encoding="utf-8")
    (root / "facts" / "e.yaml").write_text(
        f"kind: entity\nname: E\ntype: person\nevidence:\n  - {yaml_scalar('He said it ' + value + ' over')}\n",
        encoding="utf-8")
    messages = [p.message for p in Loader(root, use_cache=False).load(save=False).problems]
    subject = next(m for m in messages if m.startswith("`subject` names"))
    assert _read_back(subject, "unknown entity ") == value
    obj = next(m for m in messages if m.startswith("`object` names"))
    assert _read_back(obj, "unknown entity ") == value + "x"
    certainty = next(m for m in messages if m.startswith("`certainty`"))
    assert _read_back(certainty, "not ") == value
    quote = next((m for m in messages if m.startswith("quote not found")), None)
    if quote is not None and "did you mean " in quote:
        passage = _read_back(quote, "did you mean ")
        assert passage in "He said it's over, and then \"we left\"."
        if "where you typed " in quote:
            typed = _read_back(quote, "where you typed ")
            assert typed in value


@settings(max_examples=300)
@given(TEXT | st.text() | st.text(min_size=70, max_size=120), st.booleans())
@example("I'm \"here\"", True)
@example("'\"\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f\u3010\u3011\u300a\u300b\u3008\u3009", False)
def test_what_is_quoted_is_the_text_exactly_between_two_marks(text, double):
    """Never an escape: a passage holding both `'` and `"` was quoted as Python's repr does
    (`'"I\\'m spinning," he said'`), and a user copying it into a card got a backslash the source
    does not have."""
    from explorer.core.safetext import QUOTED_MAX

    shown = quoted(text, double=double)
    if len(text) <= QUOTED_MAX or double:
        assert shown[1:-1] == text, shown


# words of a passage: apostrophes, quote marks of every kind, backslashes, control characters
# and letters of other scripts, next to plain words
_PIECES = st.sampled_from(["I'm", '"yes', 'no,"', "C:\\new", "\\", "'", "\u00abnon\u00bb", "\u201cwell\u201d",
                           "it\u2019s", "a\x1bb", "\x07", "K\u0131r\u0131m'daki", "\u00e7ok", "\u0645\u0631\u062d\u0628\u0627",
                           "\u65e5\u672c", "caf\u00e9", "said", "the", "bridge", "over", "water"])


@settings(max_examples=80, deadline=None)
@given(st.lists(_PIECES, min_size=2, max_size=8), st.lists(_PIECES, max_size=4))
@example(['"I', "get", "on", "the", "highway,"], ['I\'m', 'spinning,"', "said"])
def test_did_you_mean_gives_the_sources_passage_exactly(before, after):
    """The passage "did you mean" offers for a quote with a typo reads back (`unquoted`) as the
    source's own text, character for character (its control characters as `visible()` shows
    them): whatever quote marks, apostrophes, backslashes or scripts it holds."""
    from explorer.core.anchoring.anchor import anchor_quote
    from explorer.core.anchoring.sources import Source
    from explorer.core.safetext import visible

    passage = " ".join([*before, "and", "the", "next", "thing", "I", "know", "spinning", *after])
    source = Source("story", "seeds/story.txt", "Title\n\n" + passage + "\n", "0" * 64)
    r = anchor_quote(passage.replace("spinning", "spining"), [source])
    assert r.anchor is None and "did you mean " in r.error, r.error
    got = _read_back(r.error, "did you mean ")
    assert "spinning" in got and got in visible(passage), (got, passage)
    at = r.error.index("did you mean ") + len("did you mean ") + 1
    assert r.error[at : at + len(got)] == got, r.error  # (as it is shown: no escape)
