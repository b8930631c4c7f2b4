"""Chinese names a carder would card: a foreign person's name transliterated, its parts joined by
a middle dot (约翰·米勒-怀特, 哈立德·泰穆尔·阿克拉姆), between a title (主席, 所长) and a verb of
saying (认为, 指出). `factex suggest` offered nothing at all for a Chinese story, which has no
capitals to find names by (found carding China Daily's story in newspaper4k's test data)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.suggest import suggest_in_source

NAMES = ["约翰·米勒-怀特", "侯赛因·阿斯卡里", "雅思娜·佩拉夫妮", "哈立德·泰穆尔·阿克拉姆", "安东尼·布林肯", "让-伊夫·勒德里昂·马克"]
BEFORE = ["美中合作基金会执行主席", "瑞典“一带一路”研究所副所长", "克罗地亚地缘经济论坛主席", "美国国务卿", "。"]
AFTER = ["认为", "指出", "表示", "说", "强调"]


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(NAMES), st.sampled_from(BEFORE), st.sampled_from(AFTER), st.sampled_from(AFTER))
def test_a_transliterated_name_between_a_title_and_a_verb_is_a_person_and_its_surname_an_alias(name, before, verb, verb2):
    surname = name.rsplit("·", 1)[1]
    text = (f"在美国旧金山举行的中美元首会晤吸引了全世界的目光。\n\n{before}{name}{verb}，中美合作共赢符合国际社会利益。\n\n"
            f"{surname}{verb2}，媒体应该发挥更具建设性的作用。\n")
    got = {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}
    assert name in got, sorted(got)
    person = got[name]
    assert person.type == "person" and [o.text for o in person.occurrences] == [name, surname], person
    for s in got.values():
        assert all(text[o.start : o.end] == o.text for o in s.occurrences), s
