"""factex suggest does work in proportion to the text, whatever the text repeats: a surname looked
for once per text, a place tested against the names found by bisection, a queue for Turkish
suffixes, the last few words for German nouns. Each of these was quadratic: 91 s for a 200 KB
text naming one "Jamie Werner of Ngatiwai" 4,000 times. What is suggested is unchanged
(tests/test_suggest.py and the real articles hold that); these hold the work to the text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core import suggest
from explorer.core.anchoring.sources import Source


def _source(text: str) -> Source:
    return Source("a", "seeds/a.txt", text, "0" * 64)


def test_a_surname_is_looked_for_once_however_often_the_name_recurs(monkeypatch):
    looks = []
    real = re.finditer
    monkeypatch.setattr(suggest.re, "finditer", lambda pattern, *a, **k: (looks.append(pattern) if "Werner" in str(pattern) else None) or real(pattern, *a, **k))
    found = suggest.suggest_in_source(_source("ranger Jamie Werner of Ngatiwai says Werner. " * 500))
    assert {s.name for s in found} >= {"Jamie Werner", "Ngatiwai"}
    assert len(looks) == 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["约翰·米勒", "米勒", "说，", "主席", "哈立德·泰穆尔·阿克拉姆", "阿克拉姆", "认为。", "在北京", "·"]),
                min_size=1, max_size=40))
def test_a_chinese_surname_alone_is_a_candidate_exactly_where_no_name_holds_it(parts):
    text = "".join(parts)
    cands = suggest._chinese_names(text)
    names = [(c.start, c.end) for c in cands if "·" in c.name]
    tails = {c.name.split("·")[-1] for c in cands if "·" in c.name}
    alone = {(c.start, c.name) for c in cands if "·" not in c.name}
    expected = {(m.start(), tail) for tail in tails if len(tail) >= 2 for m in re.finditer(re.escape(tail), text)
                if not any(a <= m.start() < b for a, b in names)}
    assert alone == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Kırım'daki", "Hong", "Kong'un", "Rusya'nın", "Seagal'a", "Sırbistan", "dedi", "ve", "ığş", ". "]),
                min_size=1, max_size=40))
def test_turkish_suffixes_cut_every_candidate_as_before(words):
    """The queue gives what the list popped at its front gave: each candidate cut at each suffix,
    in order."""
    text = " ".join(words)
    cands = [suggest._Cand(m.start(), m.end(), m.group(), "name") for m in re.finditer(r"\S+(?: \S+)*", text)]
    got = [(c.start, c.end, c.name) for c in suggest._turkish_names(text, list(cands))]
    expected, todo = [], [(c.start, c.end) for c in cands]
    while todo:
        start, end = todo.pop(0)
        m = suggest._TR_SUFFIX.search(text, start, end)
        if m is None:
            expected.append((start, end, text[start:end]))
            continue
        if m.start() > start:
            expected.append((start, m.start(), text[start : m.start()]))
        rest = m.end() + len(text[m.end() : end]) - len(text[m.end() : end].lstrip())
        if rest < end:
            todo.insert(0, (rest, end))
    assert got == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["der", "die", "Die", "zwei", "75-jährige", "Frau", "Berlin", "Regierung", "in", ". ", ", ", "3"]),
                min_size=1, max_size=40))
def test_german_nouns_are_read_from_the_last_few_words(words):
    """The nouns after an article are what reading every word at once gave."""
    text = " ".join(words)
    toks = [(m.start(), m.end(), m.group()) for m in suggest._WORD.finditer(text)]
    expected = set()
    for i, (s, _, w) in enumerate(toks):
        if not w[:1].isupper():
            continue
        for back in range(1, 4):
            if i - back < 0:
                break
            ps, pe, pw = toks[i - back]
            if text[pe:toks[i - back + 1][0]].strip():
                break
            if (pw.lower() in suggest._DE_ARTICLES or pw.lower() in suggest._DE_NUMBERS or pw.isdigit()) and (
                    pw[:1].islower() or back == 1 and ps == 0 or re.search(r"[.!?:;„“\"(]\s*$", text[max(0, ps - 3):ps])):
                expected.add(w)
                break
            if not (pw[:1].islower() or pw[:1].isdigit()) or pw in suggest._DE_FUNCTION:
                break
    assert suggest._german_nouns(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list(".!?:,;\"“([ \t-—…'’") + ["中", "a", "7", "_", "»"]), max_size=30))
def test_a_sentence_start_is_read_from_the_end_of_what_stands_before(before):
    """What stands between two words says whether the second starts a sentence as the patterns
    over all of it said (they are now tried on its last run of non-word characters only)."""
    expected = bool(re.search(r"[.!?:]\W*$", before) or re.search(r"[\"“(\[]\s*$", before)
                    and re.search(r"[.!?:,]\s*[\"“(\[]\s*$", before))
    assert suggest._sentence_start(before) == expected


def test_a_long_run_of_dots_before_a_word_of_another_script_is_read_once(monkeypatch):
    """A run of full stops before a character of a script without spaces (a word character, but no
    token's) was searched again from each full stop: 20,000 took 6.7 s. The run is read once: the
    patterns see only the non-word characters that end it."""
    seen = []
    search = re.search
    monkeypatch.setattr(suggest.re, "search", lambda pattern, string, *a: seen.append(len(string)) or search(pattern, string, *a))
    found = suggest.suggest_in_source(_source("Alpha " + "." * 20_000 + "中 Beta gamma."))
    assert [s.name for s in found] == ["Beta"] and max(seen) < 100  # (Alpha: a sentence's first word, capitalised nowhere else)
