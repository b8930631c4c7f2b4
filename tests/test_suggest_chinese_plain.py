"""Chinese names written without a middle dot (梁振英, 翁诗杰): `factex suggest` found only the
transliterated foreign names, whose parts a dot joins, and so none of the Chinese people of the
BBC's Hong Kong story (tests/real/bbc-chinese) nor China Daily's Malaysian and editors
(tests/real/chinadaily). A title before the name or a credit line, a common surname, a verb of
saying, a particle or punctuation after it: a person, then found wherever it stands."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.suggest import suggest_in_source

_TITLES = ["行政长官", "会长", "主席", "议员", "发言人", "部长", "司长", "外长", "教授"]
_NAMES = ["梁振英", "翁诗杰", "王辉", "何俊仁", "黄国健", "陈伟业", "欧阳娜娜", "李强", "張德江"]
_AFTER = ["表示", "指出", "认为", "说，", "在", "的", "也", "。", "向", "、"]
_ORGS = ["亚太共策会", "立法会", "香港政府", "外交部", "北京大学"]


def _names(text: str) -> dict:
    return {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(_ORGS), st.sampled_from(_TITLES), st.sampled_from(_NAMES), st.sampled_from(_AFTER),
       st.sampled_from(_NAMES), st.booleans())
def test_a_titled_chinese_name_is_a_person_wherever_it_stands(org, title, name, after, editor, credit):
    text = (f"{org}{title}{name}{after}国际社会高度关注中美如何改善双边关系。"
            f"此前，{name}曾多次访问北京。媒体往往对此采取敌对态度。")
    if credit:
        text += f"\n\n（编辑：{editor} 王辉）"
    got = _names(text)
    assert name in got and got[name].type == "person", (text, sorted(got))
    assert len(got[name].occurrences) == text.count(name), (text, got[name].occurrences)
    if credit:
        assert editor in got and "王辉" in got, (text, sorted(got))
    for n, s in got.items():
        assert title not in n and not n.endswith(("表示", "指出", "认为", "说")), (text, n)
        assert all(text[o.start : o.end] == o.text for o in s.occurrences)


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(_TITLES), st.sampled_from(["表示", "指出", "们普遍指责", "欢迎此举", "也批评政府"]))
def test_a_title_before_no_name_gives_none(title, rest):
    """A title followed by a verb, a plural or a word that no surname starts names no one."""
    got = _names(f"亚太共策会{title}{rest}，国际社会高度关注中美如何改善双边关系。")
    assert not got, sorted(got)


def test_dotted_names_keep_their_reading_and_japanese_is_left_alone():
    got = _names("瑞典研究所副所长侯赛因·阿斯卡里指出，会长翁诗杰表示，合作共赢。")
    assert set(got) == {"侯赛因·阿斯卡里", "翁诗杰"}, sorted(got)
    # Japanese writes its titles after the name and has kana: this rule does not read it
    japanese = "首相官邸で会長王さんが話した。" * 3 + "地元当局者が17日、AFPに明らかにした。" * 8
    assert not any("\u4e00" <= c <= "\u9fff" for n in _names(japanese) for c in n)
