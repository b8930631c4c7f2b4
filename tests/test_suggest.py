"""Uncarded-name suggestions, measured: recall and precision against hand-made gold lists.

Gold lists: the proper names a careful carder would card, each with the forms that count as it
(an acronym, the surname alone). Written by hand from the texts. `python -m pytest
tests/test_suggest.py -s` prints the figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.anchoring.sources import Source
from explorer.core.suggest import suggest_in_source
from explorer.core.text import normalize_quote

from conftest import REPO

DATA = Path(__file__).parent / "data" / "articles"

GOLD = {
    "kim-aurus-gift.txt": [
        "Kim Jong Un|Kim", "Vladimir Putin|Putin|Pal Putin", "Oliver Parken", "Russia", "Ukraine",
        "North Korea|DPRK|Democratic People's Republic of Korea", "United Nations|U.N.",
        "Korean Central News Agency|KCNA", "Pyongyang", "TASS", "Aurus", "Aurus Senat|Aurus Senat Limousine",
        "Moscow", "Mercedes S-class Pullman Guard", "Maybach", "Mercedes Maybach", "Mercedes", "Rolls Royce",
        "Pak Jong Chon", "Central Committee of the Workers' Party of Korea|WPK Central Committee",
        "Workers' Party of Korea|WPK", "Kim Yo Jong", "KCTV", "Kim Jong Il", "Kim Il Sung", "Donald Trump|Trump",
        "the Beast|Presidential Limousines", "Secret Service", "Singapore", "Vostochny Cosmodrome|Vostochny",
        "Russia's Far East|Far East", "Kremlin", "Dmitry Peskov", "European Union", "South Korea", "KN-23",
        "John Kirby", "White House", "National Security Council|NSC", "United States|U.S.",
    ],
    "ap-beirut-2024-10-04.txt": [
        "Israel", "Beirut", "Lebanon", "Syria", "Hezbollah", "Dahiyeh", "National News Agency",
        "Salah Ghandour Hospital", "Bint Jbeil", "World Health Organization", "Mohammed Rashid Skafi|Skafi",
        "Masnaa Border Crossing", "Iran", "Associated Press|AP", "Hassan Nasrallah", "Nadav Shoshani|Shoshani",
        "Abbas Araghchi|Araghchi", "Tehran", "Nabih Berri", "Ali Khamenei|Ayatollah Ali Khamenei", "UNICEF",
        "United Nations|U.N.", "Gaza", "Stephane Dujarric", "West Bank", "Tulkarem", "Palestinian Health Ministry",
        "Iron Dome",
    ],
    "ap-zaporizhzhia-2022-05-11.txt": [
        "Zaporizhzhia|ZAPORIZHZHIA", "Ukraine", "Associated Press|AP", "Kremlin", "Iryna Venediktova|Venediktova",
        "Vadin Shyshimarin|Shyshimarin", "Chupakhivka", "Moscow", "Kyiv", "Bucha", "Kherson", "Russia",
        "Vladimir Putin", "Kirill Stremousov", "RIA Novosti", "Crimean Peninsula|Crimea", "Dmitry Peskov",
        "Mykhailo Podolyak", "Mariupol", "Azov Regiment", "Azovstal", "Volodymyr Zelenskyy", "Kharkiv", "Donbas",
        "Snake Island", "Black Sea", "British Ministry of Defense|Ministry of Defense", "Tom Marzec-Manser", "ICIS",
        "Zongqiang Luo", "Rystad Energy",
    ],
    # German: every noun is capitalised, so the German rules apply (explorer.core.suggest.is_german)
    "bundesregierung-nato-2024-07-12.txt": [
        "Olaf Scholz|Scholz", "NATO", "Washington|Washington, D.C.|D.C.", "Ukraine", "Indo-Pazifik",
        "Deutschland", "Annalena Baerbock", "Boris Pistorius",
    ],
}
GOLD.update({
    # real stories from tests/real (each with its licence there), as a carder would card them
    "cnn-trump-testimony.txt": [
        "Donald Trump|Trump", "New York", "Arthur Engoron|Engoron", "Chris Kise|Kise", "Letitia James|James",
        "Kevin Wallace|Wallace", "Alina Habba", "Trump Tower", "Mar-a-Lago", "Trump Organization",
    ],
    "reuters/seeds/glasgow-ebola.txt": [
        "Gartnavel General Hospital|Gartnavel Hospital", "Glasgow", "Scotland", "London", "Reuters", "Ebola",
        "Sierra Leone", "British Airways", "Casablanca", "Morocco", "Heathrow", "BBC", "Royal Free", "Cameron",
        "William Pooley|Pooley", "Liberia", "Guinea", "World Health Organization", "Andy Bruce", "Ankur Banerjee",
        "Bengaluru", "Joyjeet Das",
    ],
    "cnn/seeds/cnn-thanksgiving-storm.txt": [
        "CNN", "Pennsylvania", "United States", "Steve Cowan|Cowan", "Pennsylvania Department of Transportation",
        "Todd Borek", "Great Lakes", "Upper Midwest|Midwest", "Northeast", "Latasha Abney|Abney", "AAA",
        "Washington", "Reagan National Airport", "New York", "JFK|John F. Kennedy", "Delta", "TSA", "Brian M. Good",
        "Newark", "San Diego", "Macy's Thanksgiving Day Parade|Thanksgiving Day Parade|Macy's|Macy", "James Hall",
        "New York Police Department", "Puerto Rico", "Jose Ramirez", "LaGuardia", "Newark-Liberty",
        "Federal Aviation Administration", "Philadelphia International Airport", "American Airlines",
        "Kent Powell", "US Airways", "Todd Lehmacher", "US Airways Express", "Amtrak", "Ellie Hall", "Canada",
        "Appalachians", "Chad Myers", "Sarah Martini", "Pittsburgh", "National Highway Traffic Safety Administration",
        "Rockies", "Texas", "Oklahoma|OK", "iReport", "Thanksgiving", "Cat in the Hat", "M&Ms", "DC", "NC",
        "Seqret Watson", "Northwest Arkansas", "KFSM", "Jennifer Peterson", "Virginia", "Massachusetts", "WUSA",
        "Bahamas", "Jason Carroll", "Ben Brumfield", "Dave Hennen", "Aaron Cooper", "Alexandra Field",
        "Shannon Travis", "Greg Botelho",
    ],
    "heraldsun/seeds/data-retention.txt": [
        "Andrew Shearer", "Justin Bassi", "George Brandis", "Australian Federal Police", "Andrew Colvin",
        "Malcolm Turnbull", "News Corporation", "Fairfax", "ABC", "Walkley", "Tony Abbott|Abbott",
        "Data Retention Bill", "Parliament", "Press Council", "Joint Committee on Intelligence and Security",
        "David Weisbrot", "Britain", "RSPCA", "Ombudsman", "ASIO", "Inspector-General of Intelligence and Security",
        "UK", "Bill Shorten", "House of Representatives", "Senate", "Stephen Conroy|Conroy", "Labor",
        "Laurie Oakes", "Nine Network",
    ],
    "elpais/seeds/listas-de-espera.txt": [
        "EL PAÍS", "Extremadura", "Castilla-La Mancha", "María Dolores de Cospedal", "Consejería de Sanidad",
        "Canarias", "La Rioja|Rioja", "Aragón", "Ministerio de Sanidad", "Ana Mato",
        "José Luis Rodríguez Zapatero", "Salvador G. Tena|Tena", "Bellvitge de Barcelona|Bellvitge", "Barcelona",
        "José Luis Vera", "Carmen Flores", "Defensor del Paciente", "Laura Martínez",
        "Hospital de Albacete|Albacete",
    ],
    "guardian/seeds/whale-strandings.txt": [
        "Hori Parata|Parata", "New Zealand", "Northland", "Māori", "Ngātiwai", "Pātaua", "Aotearoa",
        "Te Kaurinui Robert Parata|Te Kaurinui|Kauri|Te Kaurinui Parata|Te Kaurinui Robert", "Whangārei",
        "Manu Taupunga", "New Zealand Department of Conservation|Department of Conservation", "Project Jonah",
        "Stewart Island", "Ninety Mile Beach|Ninety Mile", "Chatham Islands", "Buck Cullen|Cullen", "Kaiarahi",
        "Taranaki|South Taranaki", "Kaupokonui", "Hihiaua Cultural Centre", "Tāne Mahuta", "Whangārei Harbour",
        "Tamaterau", "Kaitaia", "Jamie Werner|Werner",
    ],
    "liberation/seeds/nepal-seisme.txt": [
        "Népal", "Laurent Fabius", "Roissy", "Airbus A350", "Quai d’Orsay", "Airbus", "Katmandou", "Paris",
        "Emirats", "France", "ministère des Affaires étrangères|Affaires",
    ],
    "folha/seeds/tite-lula.txt": [
        "Jair Bolsonaro|Bolsonaro", "Tite", "Copa Libertadores|Libertadores", "Corinthians",
        "Luiz Inácio Lula da Silva|Lula", "Brasil", "Instituto Lula|Instituto", "São Braz", "Caixas",
        "Rio de Janeiro", "Grande Círculo", "SporTV", "Copa América", "Palmeiras", "CBF", "Campeonato Brasileiro",
    ],
    "italian/seeds/rocco-catalano.txt": [
        "Rocco Catalano|Catalano", "Londra", "Glasgow", "Scuola d'Arte di Glasgow", "Northampton University",
    ],
    "efe/seeds/infanta-castro.txt": [
        "José Castro|Castro", "Pedro Horrach|Horrach", "Juzgado de Instrucción 3 de Palma|Juzgado de Instrucción",
        "Palma", "Efe", "Fiscalía Anticorrupción", "Antonio Salinas", "Madrid",
        "Cristina de Borbón y Grecia|Cristina de Borbón|infanta Cristina|Cristina", "Hacienda Pública",
        "caso Nóos|Nóos|Noos", "Miquel Roca", "Audiencia de Palma|Audiencia", "Vía Alemania", "Casa Real",
        "Aizoon", "Iñaki Urdangarin|Urdangarin", "Instituto Nóos",
    ],
    # Chinese: no capitals, so only people are found, by a middle dot or a title (see the goals)
    "chinadaily/seeds/us-china-summit.txt": [
        "约翰·米勒-怀特", "侯赛因·阿斯卡里", "雅思娜·佩拉夫妮", "哈立德·泰穆尔·阿克拉姆|阿克拉姆", "翁诗杰", "严玉洁", "王辉",
        "中国日报", "旧金山", "联合国", "美中合作基金会", "克罗地亚地缘经济论坛", "巴基斯坦人类命运共同体研究中心",
        "亚太“一带一路”共策会", "瑞典“一带一路”研究所", "美国", "中国", "瑞典", "克罗地亚", "巴基斯坦",
    ],
    "wapo/seeds/tunisia-museum-attack.txt": [
        "Tunisia", "Cairo|CAIRO", "Arab Spring", "North Africa", "Islamic State", "Bardo National Museum|Bardo",
        "Tunis", "Habib Essid|Essid", "Italy", "Poland", "Germany", "Spain", "Mediterranean", "Syria", "Washington",
        "White House", "Josh Earnest", "U.S.|United States", "Lotfi Azzouz|Azzouz", "Amnesty International", "London",
        "World Travel and Tourism Council", "Ennahda", "Egypt", "Muslim Brotherhood", "U.S. Embassy", "Muhammad",
        "Ansar al-Sharia", "al-Qaeda", "Rachid Ghannouchi", "Libya", "Sirte", "Interior Ministry", "Djerba",
        "Ajmi Lourimi|Lourimi", "Heba Habib",
    ],
    "bbc-chinese/seeds/leung-apology.txt": [
        "梁振英", "何俊仁", "唐英年", "黄国健", "黄毓民", "陈伟业", "梁国雄", "立法会", "香港", "民主党", "自由党", "工联会",
        "终审法院", "北京", "太平山", "人民力量", "社会民主连线",
    ],
    # Vietnamese (VnExpress): every syllable of a name capitalised, titles of one capitalised syllable
    # ("Bí thư", "Phó chủ tịch", "Ông") before names
    "vietnamese/seeds/dinh-la-thang-san-bay.txt": [
        "Đinh La Thăng|Thăng", "Tân Sơn Nhất", "TP HCM|HCM", "Thành ủy TP HCM|Thành ủy",
        "Cảng vụ Hàng không miền Nam|Cảng vụ", "Trần Doãn Mậu|Mậu", "Cảng Hàng không Việt Nam", "Đỗ Tất Bình",
        "Sở Giao thông Vận tải TP HCM|Sở Giao thông Vận tải", "BRT", "Cát Lái", "Thiên Ngôn", "Việt Nam", "GTVT",
        "Tết",
    ],
    "vietnamese/seeds/nam-trung-bo-lu.txt": [
        "Nam Trung Bộ", "Bình Định", "Khánh Hòa", "Nha Trang|TP Nha Trang", "Tuy Phước", "Phước Thuận", "Phước Hòa",
        "Phước Thắng", "Phước Nghĩa", "Quy Nhơn|TP Quy Nhơn", "An Nhơn", "Trần Châu", "UBND tỉnh Bình Định|UBND",
        "Phú Yên", "Tuy Hòa|TP Tuy Hòa", "UBND Phú Yên", "Đông Hòa", "Tây Hòa", "Phú Hòa", "Ba Hạ|sông Ba Hạ",
        "Hinh|sông Hinh", "Cam Lâm", "Ninh Hòa", "Vạn Ninh", "Khánh Vĩnh", "Quốc lộ 1A", "Xuân Ngọc", "Đỗ Thị Em",
        "Phạm Văn Đồng", "Cam Ranh|TP Cam Ranh", "Vĩnh Lương", "Trung tâm dự báo khí tượng và thủy văn Trung ương",
        "Quảng Ngãi", "Bình Thuận", "Thừa Thiên Huế|Huế", "Ninh Thuận", "Quảng Nam",
    ],
    # Indonesian: a government press release and Kompas.com's wire story of the same resignation
    "indonesian/seeds/mahfud-mundur-setkab.txt": [
        "Joko Widodo|Jokowi", "Pratikno", "Mensesneg|Menteri Sekretaris Negara",
        "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan|Menko Polhukam", "Mahfud MD|Mahfud",
        "Istana Merdeka", "Jakarta", "Kabinet Indonesia Maju", "Indonesia|RI", "Tedjo|Pak Tedjo",
        "Luhut|Pak Luhut", "Wiranto|Pak Wiranto",
    ],
    "indonesian/seeds/mahfud-mundur-kompas.txt": [
        "Jakarta|JAKARTA", "Kompas|KOMPAS.com|Kompas.com", "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan|Menko Polhukam",
        "Mahfud MD|Mahfud", "Kabinet Indonesia Maju|KIM", "Joko Widodo|Jokowi", "Pratikno", "Istana Negara",
        "Jusuf Kalla", "Ganjar Pranowo", "PDI Perjuangan|PDI-P", "Komisi Pemberantasan Korupsi|KPK",
        "Erry Rijana Hardjapamekas|Erry Rijana",
    ],
})
# What each article must reach (the German rules trade recall for precision: a noun after an
# article, "im Indo-Pazifik", is not suggested). The real stories, before the rules for roles
# inside a name, middle initials, dates, credits and the like: Reuters 95% / 88%, CNN 88% / 82%,
# Herald Sun 62% / 66%; after: 100% / 100%, 94% / 96%, 86% / 90%.
# CNN's Trump testimony, before a title of several words parted a name ("New York Attorney General
# Letitia James"): 80% / 89%; after: 90% / 100%; and with "Mar-a-Lago" after a colon: 100% / 100%.
GOAL = {"bundesregierung-nato-2024-07-12.txt": (0.85, 0.85), "cnn-trump-testimony.txt": (0.95, 0.95), "reuters/seeds/glasgow-ebola.txt": (0.95, 0.95),
        "cnn/seeds/cnn-thanksgiving-storm.txt": (0.90, 0.90), "heraldsun/seeds/data-retention.txt": (0.85, 0.85),
        # (El País, before a sentence's first word written in lower case elsewhere was left out of a
        # name and a generic word before "de" and a name: 79% / 79%)
        "elpais/seeds/listas-de-espera.txt": (0.90, 0.90),
        # (the Guardian, before harbours, "New Zealanders" and "Jamie Werner of Ngātiwai": 96% / 91%;
        # Libération, before French places, elisions and "Français": 82% / 75%)
        "guardian/seeds/whale-strandings.txt": (0.95, 0.92), "liberation/seeds/nepal-seisme.txt": (0.95, 0.95),
        # (Folha, before a Romance language's lower-case demonyms, "pelo Corinthians" left out as one: 94% / 100%,
        # and typed: six of its sixteen names a person, "Rio de Janeiro", "Copa América" among them)
        "folha/seeds/tite-lula.txt": (1.0, 0.95),
        # (Italian, before "di" joined a name: 80% / 80%, "Scuola d'Arte" a person)
        "italian/seeds/rocco-catalano.txt": (1.0, 1.0),
        # (Chinese, before names without a middle dot were read: China Daily 20% / 100%, the BBC 0%)
        "chinadaily/seeds/us-china-summit.txt": (0.35, 1.0), "bbc-chinese/seeds/leung-apology.txt": (0.35, 1.0),
        # (the Washington Post, before regions, followers of a faith, institutions headed by a title's word and
        # the rest of tests/test_suggest_world_news.py: 86% / 70%)
        "wapo/seeds/tunisia-museum-attack.txt": (0.95, 0.88),
        # (Vietnamese as it was first carded, pinned where it stands: a title of one capitalised syllable
        # read as a name, "Bí", "Giám", "Phó Tổng"; the flood story, before its decomposed paragraph was
        # read composed: 86% / 85%, "Ba Ha" for "Ba Hạ"; then 89% / 88% before "Ông" (Mr) came off a name)
        "vietnamese/seeds/dinh-la-thang-san-bay.txt": (0.60, 0.40), "vietnamese/seeds/nam-trung-bo-lu.txt": (0.91, 0.87),
        # (Indonesian, before "di" (at) stopped joining names, "Mahfud di Istana", day and month names stopped
        # being suggested, "Kamis", "Rabu", "Oktober", and titles were taken off, "Presiden", "Pak": the press
        # release 91% / 68%, Kompas 84% / 48%)
        "indonesian/seeds/mahfud-mundur-setkab.txt": (1.0, 0.75), "indonesian/seeds/mahfud-mundur-kompas.txt": (0.92, 0.62)}
# The type each of these names is suggested as.
TYPES = {
    "Scotland": "country", "Sierra Leone": "country", "Casablanca": "place", "Royal Free": "organization",
    "British Airways": "organization", "Andy Bruce": "person", "Pennsylvania": "place", "Great Lakes": "place",
    "Thanksgiving Day Parade": "event", "James Hall": "person", "Brian M. Good": "person",
    "American Airlines": "organization", "US Airways": "organization", "Data Retention Bill": "law",
    "Andrew Colvin": "person", "Australian Federal Police": "organization", "George Brandis": "person",
    "Malcolm Turnbull": "person", "Bill Shorten": "person", "Senate": "organization",
    # (a disease was an organisation, the holiday "Happy Thanksgiving" a person, "Neighbouring Liberia" a person)
    "Ebola": "disease", "Thanksgiving": "event", "Liberia": "country",
    "Jamie Werner": "person", "Ngātiwai": "organization", "Whangārei Harbour": "place", "Ninety Mile Beach": "place",
    "Project Jonah": "organization", "Népal": "country", "Katmandou": "place", "Quai d’Orsay": "place",
    "Airbus A350": "thing",
    # (Folha: each a person but Tite, an organisation, and Brasil; "Lula" a second organisation)
    "Tite": "person", "Copa Libertadores": "event", "Rio de Janeiro": "place", "São Braz": "place", "Brasil": "country",
    "Copa América": "event", "Campeonato Brasileiro": "event", "Luiz Inácio Lula da Silva": "person",
    "Corinthians": "organization", "Scuola d'Arte di Glasgow": "organization",
    # (a newspaper and an agency: people)
    "EL PAÍS": "organization",
    # (Efe: courts, the treasury, the royal household people, a street a person, Palma an organisation)
    "Juzgado de Instrucción": "organization", "Audiencia de Palma": "organization", "Hacienda Pública": "organization",
    "Casa Real": "organization", "Vía Alemania": "place", "Palma": "place", "Instituto Nóos": "organization",
    # (the Washington Post: the region "Africa" an organisation, the event "Spring", the Brotherhood a person,
    # "Ansar al-Sharia" a person, London an organisation)
    "North Africa": "place", "Arab Spring": "event", "Muslim Brotherhood": "organization",
    "Ansar al-Sharia": "organization", "London": "place", "Interior Ministry": "organization",
    "Mediterranean": "place", "Habib Essid": "person",
    # (VnExpress: every province, district and river a person, "Ông Trần Châu" a person with his "Mr")
    "Quảng Ngãi": "place", "Bình Thuận": "place", "Phú Yên": "place", "Tuy Phước": "place", "Khánh Hòa": "place",
    "Trần Châu": "person",
}


def _key(name: str) -> str:
    key = normalize_quote(name).lower().replace("\u2019", "'")
    return key[4:] if key.startswith("the ") else key


def score(file: str) -> tuple[float, float, list[str], list[str]]:
    path = (REPO / "seeds" / file) if file == "kim-aurus-gift.txt" else DATA / file if "/" not in file else REPO / "tests" / "real" / file
    text = path.read_text(encoding="utf-8")
    # every entity card removed: nothing is covered
    suggestions = suggest_in_source(Source("s", file, text, "0" * 64), covered=[])
    gold = [{_key(f) for f in item.split("|")} for item in GOLD[file]]
    found = set()
    wrong = []
    for sug in suggestions:
        forms = {_key(sug.name), *(_key(a) for a in sug.aliases)}
        hits = [i for i, g in enumerate(gold) if forms & g]
        if hits:
            found.update(hits)
        else:
            wrong.append(sug.name)
    missed = [GOLD[file][i].split("|")[0] for i in range(len(gold)) if i not in found]
    recall = len(found) / len(gold)
    precision = (len(suggestions) - len(wrong)) / max(1, len(suggestions))
    return recall, precision, missed, wrong


@pytest.mark.parametrize("file", list(GOLD))
def test_suggestion_recall_and_precision(file):
    recall, precision, missed, wrong = score(file)
    print(f"\n{file}: recall {recall:.0%}, precision {precision:.0%}; missed {missed}; not names to card {wrong}")
    min_recall, min_precision = GOAL.get(file, (0.90, 0.60))
    assert recall >= min_recall, missed
    assert precision >= min_precision, wrong


def test_suggested_types_of_real_names():
    got = {}
    for file in GOLD:
        if "/" in file:
            text = (REPO / "tests" / "real" / file).read_text(encoding="utf-8")
            got.update({s.name: s.type for s in suggest_in_source(Source("s", file, text, "0" * 64), covered=[])})
    assert {name: got.get(name) for name in TYPES} == TYPES


_FIRSTS = ["Andrew", "Maria", "Kofi", "Ngozi", "Pedro", "Yuki"]
_LASTS = ["Colvin", "Okonjo", "Sanchez", "Tanaka", "Brandis", "Lehmacher"]
_ORGS = ["Australian Federal Police", "New York Police Department", "Bank of England", "World Food Programme"]
_ROLES = ["Commissioner", "Chief", "Governor", "Director", "Spokesman", "Minister"]
_PLACES = [("Glasgow", "Scotland"), ("Lagos", "Nigeria"), ("Austin", "Texas"), ("Porto", "Portugal")]
_MONTHS = ["January", "March", "May", "December"]


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(_FIRSTS), st.sampled_from(_LASTS), st.sampled_from(_ORGS), st.sampled_from(_ROLES),
       st.sampled_from(_PLACES), st.sampled_from(_MONTHS), st.integers(1, 28), st.sampled_from("BFMJ"))
def test_roles_initials_dates_and_credits_as_a_story_writes_them(first, last, org, role, place, month, day, initial):
    """What a news story writes around names is not part of them: a role inside a capitalised run
    ("Australian Federal Police Commissioner Andrew Colvin": the police, and a person), a middle
    initial ("Brian M. Good": one name), a date after a place ("Glasgow, Scotland December 29"),
    "-area" after a place, a credit line's "Editing by" and a hashtag."""
    city, region = place
    person, other = f"{first} {last}", f"{first} {initial}. {last}son"
    text = (f"{org} {role} {person} said the victims were flown to {city}, {region} {month} {day}, 2014. "
            f"A doctor, {other}, said {city}-area hospitals were full. #{city}24\n\n"
            f"(Reporting by {person} in {city}; Editing by {other})")
    got = {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}
    assert got[person].type == "person" and got[other].type == "person", sorted(got)
    assert got[org].type == "organization"
    assert city in got and region in got
    for name in got:
        assert month not in name and role not in name and not name.startswith(("Editing", "Reporting")), name
        assert not name.endswith(("-area", "24")), name
    for s in got.values():
        assert all(text[o.start : o.end] == o.text for o in s.occurrences)


_LOWER_STARTS = {"es": ("En", "en"), "fr": ("À", "à"), "cs": ("V", "v"), "pl": ("Tymczasem", "tymczasem")}
_GENERIC = ["Ejecutivo", "Servicio", "Equipo", "Entorno"]


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(sorted(_LOWER_STARTS)), st.sampled_from(["Canarias", "Bercy", "Praha", "Hongkong"]),
       st.sampled_from(_GENERIC), st.sampled_from(["José Luis Rodríguez Zapatero", "Ana Mato", "Laura Martínez"]))
def test_a_sentences_first_word_and_a_generic_word_before_a_name_are_not_in_it(lang, place, generic, person):
    """A word that starts a sentence and that the text writes in lower case elsewhere is the
    sentence's, not the name's ("En Canarias" is Canarias), in any language; so is one capitalised
    word before "de" and a name of two words ("el Ejecutivo de José Luis Rodríguez Zapatero")."""
    cap, low = _LOWER_STARTS[lang]
    text = (f"Los datos llegaron {low} marzo. {cap} {place} la espera crece. El {generic} de {person} "
            f"decidió callar, y {person} no habló.")
    got = {s.name for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}
    assert place in got and person in got, got
    assert not any(name.startswith((cap + " ", generic)) for name in got), got


def test_titles_are_stripped_and_surnames_join_the_name():
    text = ("Russian President Vladimir Putin spoke, as Kremlin spokesman Dmitry Peskov said. "
            "Israeli Lt. Col. Nadav Shoshani told reporters. \u201cNo,\u201d Shoshani said.")
    got = {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64))}
    assert {"Vladimir Putin", "Dmitry Peskov", "Kremlin", "Nadav Shoshani"} <= set(got)
    assert got["Nadav Shoshani"].aliases == ["Shoshani"] and len(got["Nadav Shoshani"].occurrences) == 2
    assert got["Vladimir Putin"].type == "person" and got["Kremlin"].type == "organization"
    for s in got.values():
        for o in s.occurrences:
            assert text[o.start : o.end] == o.text


def test_covered_names_are_left_out():
    text = "Alice Smith met Bob Jones in Paris."
    cov = [(0, 11)]
    names = [s.name for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=cov)]
    assert "Alice Smith" not in names and "Bob Jones" in names and "Paris" in names


def test_german_nouns_titles_and_sentence_starts_are_not_names():
    text = ("Berlin. Bundeskanzlerin Angela Merkel (CDU) ist in ihrer ersten Regierungserklärung auf ihre Gegner "
            "zugegangen. „Die in Berlin haben etwas gelernt“, sagte sie. Schlechte Kommunikation sei der Grund. "
            "Auf dem Parteitag in Stuttgart saßen drei ehemalige Vorsitzende in der ersten Reihe: Armin Laschet, "
            "Annegret Kramp-Karrenbauer und Merkel. Die Stimmung in der Union war besser, als Merz mit 89 Prozent "
            "gewählt wurde. Merz sprach von der Sicherheit und der Verteidigung der Ukraine.")
    source = Source("s", "s", text, "0" * 64)
    got = {s.name: s for s in suggest_in_source(source)}
    assert {"Angela Merkel", "Berlin", "CDU", "Stuttgart", "Armin Laschet", "Annegret Kramp-Karrenbauer", "Merz",
            "Ukraine"} <= set(got), sorted(got)
    for noun in ("Regierungserklärung", "Gegner", "Schlechte Kommunikation", "Kommunikation", "Parteitag",
                 "Vorsitzende", "Reihe", "Stimmung", "Union", "Prozent", "Sicherheit", "Verteidigung", "Bundeskanzlerin"):
        assert noun not in got, noun
    assert got["Angela Merkel"].aliases == ["Merkel"]  # (CDU) is her party: not an alias of hers
    assert got["Angela Merkel"].type == "person"
    # the same rules never touch English text
    english = Source("e", "e", "The Korean Central News Agency (KCNA) said the Union and the Parliament met.", "0" * 64)
    names = {s.name: s for s in suggest_in_source(english)}
    assert names["Korean Central News Agency"].aliases == ["KCNA"]


_GERMAN = ("Die Bundesregierung in Berlin hat am Montag beschlossen, dass Bundeskanzler Olaf Scholz nach "
           "Washington reist. Der Sprecher Steffen Hebestreit sagte, die Europäische Kommission sei informiert. "
           "Am Dienstag traf Scholz den Präsidenten Joe Biden im Weißen Haus.\n")


@settings(max_examples=40)
@given(st.lists(st.integers(1, 10_000), max_size=25))
def test_soft_hyphens_inside_words_change_no_suggestion(cuts):
    """A German article with soft hyphens in its long words ("Bundes\\u00adkanzler") gets the
    suggestions it gets without them, named without them, each occurrence at its exact place in
    the text (it was split at each one: "Mon", "Ab")."""
    inner = sorted({c % len(_GERMAN) for c in cuts if 0 < c % len(_GERMAN) < len(_GERMAN)
                    and _GERMAN[c % len(_GERMAN) - 1].isalpha() and _GERMAN[c % len(_GERMAN)].isalpha()})
    text, last = "", 0
    for i in inner:
        text += _GERMAN[last:i] + "\u00ad"
        last = i
    text += _GERMAN[last:]
    want = suggest_in_source(Source("s", "s", _GERMAN, "0" * 64), covered=[])
    got = suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])
    assert [(s.name, s.type, s.aliases) for s in got] == [(s.name, s.type, s.aliases) for s in want]
    for g, w in zip(got, want):
        assert [o.text.replace("\u00ad", "") for o in g.occurrences] == [o.text for o in w.occurrences]
        assert all(text[o.start:o.end] == o.text for o in g.occurrences)


# --- names beside a script written without spaces (Japanese, Chinese, Thai) ----------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from explorer.core.text import UNSPACED_CHARS  # noqa: E402
import re  # noqa: E402

_UNSPACED = re.compile(f"[{UNSPACED_CHARS}]")
RUNS = ["\u5730\u5143\u5f53\u5c40\u8005\u304c", "\u306b\u660e\u3089\u304b\u306b\u3057\u305f\u3002", "\u300c",
        "\u300d\u3068\u8ff0\u3079\u305f\u3002", "\u0e1c\u0e39\u0e49\u0e2a\u0e37\u0e48\u0e2d\u0e02\u0e48\u0e32\u0e27",
        "\u9999\u6e2f\u884c\u653f\u957f\u5b98"]
NAMES = ["AFP", "Boko Haram", "Aminu ABUBAKAR", "Ramadan", "DNA", "Eid", "Damboa"]


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(st.sampled_from(RUNS), st.sampled_from(NAMES)), min_size=2, max_size=8))
def test_a_name_never_runs_into_a_script_without_spaces(parts):
    text = "".join(RUNS[0] + run + name + RUNS[5] for run, name in parts) + RUNS[1]
    found = suggest_in_source(Source("s", "seeds/s.txt", text, "0" * 64))
    assert found, text
    for s in found:
        assert not _UNSPACED.search(s.name), (s.name, text)
    # the names glued to Japanese are found as the names they are
    assert {s.name for s in found} <= set(NAMES), ({s.name for s in found}, text)


def test_a_japanese_story_is_not_a_headline_of_its_latin_names():
    text = ("\u3010\u0036\u6708\u0031\u0038\u65e5 AFP\u3011\u30ca\u30a4\u30b8\u30a7\u30ea\u30a2\u5317\u6771\u90e8\u30dc\u30eb"
            "\u30ce\uff08Borno\uff09\u5dde\u3067\u3001\u300c\u30dc\u30b3\u30fb\u30cf\u30e9\u30e0\uff08Boko Haram\uff09\u300d"
            "\u304c\u653b\u6483\u3057\u305f\u3002\u5730\u5143\u5f53\u5c40\u8005\u304c17\u65e5\u3001AFP\u306b\u660e\u3089"
            "\u304b\u306b\u3057\u305f\u3002")
    names = {s.name for s in suggest_in_source(Source("s", "seeds/s.txt", text, "0" * 64))}
    assert {"AFP", "Boko Haram"} <= names and not any(_UNSPACED.search(n) for n in names)


def test_wire_copy_names_wrapped_across_lines_and_its_dateline():
    """Wire copy wraps its lines by hand: a name split by the wrap is one name, a wrapped line's
    first word does not start a sentence, and the dateline's capitals are the place it was filed
    from (not an organisation's acronym), its short month no name."""
    text = (REPO / "tests" / "articles" / "tower-commission-wire.txt").read_text(encoding="utf-8")
    got = {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64))}
    assert {"John Tower", "Stephen Hess", "Washington", "Texas"} <= set(got), sorted(got)
    assert "John" not in got and "Feb" not in got
    assert got["Washington"].type == "place" and got["John Tower"].type == "person"
    assert "John\nTower" in [o.text for o in got["John Tower"].occurrences]
    for o in got["John Tower"].occurrences:
        assert text[o.start : o.end] == o.text
    for dateline in ("LONDON, March 3 (Reuters) - The", "NEW YORK, N.Y. -- The", "PARIS (AP) \u2014 The",
                     "GENEVA, Switzerland - The", "KYIV, Sept 3 - The"):
        place = dateline.split(",")[0].split(" (")[0]
        story = f"Headline of the story\n\n    {dateline} minister said on Tuesday that talks with\nthe unions would go on.\n"
        found = {s.name: s for s in suggest_in_source(Source("s", "s", story, "0" * 64))}
        assert found[place].type == "place", (dateline, {n: s.type for n, s in found.items()})
        assert not {"Sept", "March", "Reuters", "AP"} & {n for n, s in found.items() if s.type == "place"}


def test_a_transcripts_speakers_are_people_and_its_labels_no_names():
    text = ("Transcript of the press conference\n\nPUTIN: We have never threatened anyone in Washington.\n\n"
            "QUESTION: Mr President, what about the European Union?\n\nPUTIN: The sanctions hurt Europe more.\n\n"
            "MACRON: France will stand with Ukraine, as I told Olaf Scholz.\n\nQ: And Russia?\n\n"
            "NOTE: This transcript was edited.\n")
    got = {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64))}
    assert got["PUTIN"].type == got["MACRON"].type == got["Olaf Scholz"].type == "person"
    assert len(got["PUTIN"].occurrences) == 2
    assert not {"QUESTION", "Q", "NOTE"} & set(got), sorted(got)
    # capitals mid-line before a colon are not a speaker: an acronym stays an organisation's
    assert {s.name: s.type for s in suggest_in_source(Source("s", "s", "Talks were held in Geneva with the help of UNHCR: a first.\n", "0" * 64))}["UNHCR"] == "organization"


def test_a_name_an_entity_has_is_not_uncarded_where_no_mention_of_it_is_found():
    """The shipped byline is "byOliver Parken": no whole-word mention of the card "Oliver Parken"
    (a mention never starts inside a word), and the card's own name was listed as uncarded."""
    from explorer.core.loading.loader import Loader
    from explorer.core.mentions import mentions_of
    from explorer.core.suggest import suggest

    base = Loader(REPO).load()
    assert base.entities["oliver-parken"].name == "Oliver Parken"
    assert not [m for m in mentions_of(base).in_source("kim-aurus-gift") if m.entity == "oliver-parken"]
    assert "Oliver Parken" not in [s.name for s in suggest(base)]


# --- Romance languages: the kind first, titles in lower case, demonyms in lower case ------------

_KINDS = [("Copa", "event"), ("Campeonato", "event"), ("Coupe", "event"), ("Lei", "law"), ("Rio", "place"),
          ("São", "place"), ("San", "place"), ("Porto", "place"), ("República", "country")]
_ROMANCE_TITLED = [("o técnico", "Tite"), ("o presidente", "Lula"), ("el presidente", "Sánchez"),
                   ("le ministre", "Darmanin"), ("a deputada", "Tabata")]
_CLUBS = ["Corinthians", "Palmeiras", "Flamengo"]


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(_KINDS), st.sampled_from(["Libertadores", "Brasileiro", "Verde", "Branco"]),
       st.sampled_from(_ROMANCE_TITLED), st.sampled_from(_CLUBS), st.sampled_from(["Brasil", "Espanha", "França"]))
def test_a_romance_story_types_names_by_their_first_word_and_a_lower_case_title(kind, rest, titled, club, country):
    """Portuguese, Spanish and French put a name's kind first ("Copa América", "Rio de Janeiro",
    "Lei Maria da Penha"), write titles in lower case before a name ("o técnico Tite") and demonyms
    in lower case (so "pelo Corinthians" is no demonym): tests/real/folha had six of its sixteen
    names typed as people, Tite an organisation, Corinthians left out."""
    (head, want), (title, person) = kind, titled
    name = f"{head} {rest}"
    text = (f"Segundo a imprensa, {title} {person} declarou que errou. Ele não era presidente, mas foi ao jogo "
            f"da {name} de 2012, conquistada pelo {club}. O {club} e o {country} não comentaram, e {person} "
            f"disse que a {name} é um dos seus títulos. Que seja dada a possibilidade de estudo para todos.")
    got = {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}
    assert got[name].type == want, {n: s.type for n, s in got.items()}
    assert got[person].type == "person" and got[club].type == "organization" and got[country].type == "country"
    assert head not in got  # (the kind alone is no name: "antes da Copa")


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(["Te Kaurinui Robert Parata", "Luiz Inácio Lula da Silva", "Maria Dolores de Cospedal",
                        "Ana Maria Braga Neto"]), st.data())
def test_a_persons_shorter_forms_join_their_whole_name(whole, data):
    """"Te Kaurinui", "Te Kaurinui Robert" and "Te Kaurinui Parata" were three more people beside
    "Te Kaurinui Robert Parata" (tests/real/guardian); "Lula" an organisation beside "Luiz Inácio
    Lula da Silva" (tests/real/folha). A shorter form holding the whole name's words in order,
    with its first, joins it; a form two names could hold joins neither."""
    words = whole.split()
    names = [w for w in words if w[0].isupper()]
    keep = data.draw(st.lists(st.sampled_from(range(len(names))), min_size=2, max_size=len(names) - 1, unique=True))
    keep = sorted({0, *keep})
    short = " ".join(names[k] for k in keep)
    middle = names[1] if len(names) > 2 else None
    text = (f"The elder, {whole}, was called in to help, and {short} spoke to reporters at the beach. "
            + (f"Everyone knows {middle} there. " if middle and middle not in short.split() else "")
            + "The whales were calling out to each other.")
    got = suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])
    people = [s for s in got if s.type == "person"]
    assert [s.name for s in people] == [whole], [(s.name, s.type, s.aliases) for s in got]
    assert short in people[0].aliases or short == whole
    for s in got:
        assert all(text[o.start : o.end] == o.text for o in s.occurrences)
    # two whole names that could each hold the form: it joins neither
    two = "The leader Kim Jong Un met his sister Kim Yo Jong, and Kim Jong spoke first."
    assert "Kim Jong" in {s.name for s in suggest_in_source(Source("s", "s", two, "0" * 64), covered=[])}


@pytest.mark.parametrize("text, name, kind", [
    ("Police said Boko Haram fighters attacked Damboa on Sunday, and Boko Haram denied it.", "Boko Haram", "organization"),
    ("The update to OS X arrived on Monday, Apple said.", "OS X", "thing"),
    ("The programme was aired by BBC Persian and later by CNN Arabic.", "BBC Persian", "organization"),
    ("RIA Novosti reported the strike.", "RIA Novosti", "organization"),
])
def test_an_armed_group_and_a_name_headed_by_an_acronym_are_no_people(text, name, kind):
    # ("Boko Haram" and "OS X" were people: two capitalised words)
    got = {s.name: s.type for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}
    assert got.get(name) == kind, got


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(st.sampled_from([("Bank of England", "England"), ("University of Glasgow", "Glasgow"),
                        ("Scuola d'Arte di Glasgow", "Glasgow"), ("Museu Nacional do Brasil", "Brasil"),
                        ("Ministério das Relações Exteriores", "Relações Exteriores")]),
       st.sampled_from(["Vladimir Putin", "Hori Parata"]))
def test_a_name_of_a_carded_name_is_no_mention_of_it(named, person):
    """"Bank of England", "Scuola d'Arte di Glasgow" (tests/real/italian) were left out once
    England or Glasgow was carded: the mention reached the name's end, and a mention that does
    covers the name ("Vladimir Putin" by a carded "Putin"). After a connector inside the name it
    does not: the institution is a name of its own."""
    whole, carded = named
    text = f"The {whole} said so on Monday. In {carded}, {person} agreed, and {person.split()[-1]} left."
    import re as _re
    spans = sorted((m.start(), m.end()) for m in _re.finditer(_re.escape(carded) + "|" + person.split()[-1], text))
    got = {s.name: s for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=spans,
                                                owners=[f"e{k}" for k in range(len(spans))])}
    assert whole in got and got[whole].alias_of is None, sorted(got)
    assert person not in got and carded not in got


def test_an_italian_school_and_a_surname_that_is_a_connector():
    # "di" joins an Italian name, and a school is an organisation; a capitalised "Das" ends a name
    text = ("Catalano aveva studiato design presso la Scuola d'Arte di Glasgow, dove insegna. "
            "Reporting by Joyjeet Das in Bengaluru.")
    got = {s.name: s.type for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}
    assert got.get("Scuola d'Arte di Glasgow") == "organization" and got.get("Joyjeet Das") == "person", got


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(["ha scherzato", "ha detto", "disse", "afirmou", "dijo", "a déclaré", "explicó"]),
       st.sampled_from(["Obama", "Tite", "Sánchez", "Macron", "Comey"]))
def test_a_name_after_a_romance_verb_of_saying_is_a_persons(said, name):
    """"Chi non può gestire un account Twitter, ...", ha scherzato Obama (tests/real/italian): Obama
    was an organisation, the type a lone capitalised word gets. After a verb of saying that only a
    Romance language has, even in a story too short to tell its language by, it is a person."""
    text = f'"Non è possibile", {said} {name}, e su Twitter non ha commentato.'
    got = {s.name: s.type for s in suggest_in_source(Source("s", "s", text, "0" * 64), covered=[])}
    assert got.get(name) == "person" and got.get("Twitter") == "organization", got

# --- a long line is read a piece of its words at a time, with the same names ------------------

_LINE_WORDS = ["Kim", "Jong", "Un", "of", "the", "for", "de", "Bank", "KCNA", "U.N.", "President", "said",
               "Russia's", "Mr.", "New", "York-area", "January", "5", "Hospital", "del", "Albacete", "by", "Werner",
               "Ngātiwai", "WASHINGTON", "PUTIN", "the", "people", "Reporting"]
_LINE_SEPS = [" ", " ", " ", "  ", ", ", ". ", ": ", " (", ") ", " \"", "\" ", " - ", "\n", "\n\n", "; "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_LINE_WORDS), st.sampled_from(_LINE_SEPS)), min_size=1, max_size=80),
       st.integers(1, 12))
def test_a_line_read_in_pieces_has_the_names_of_the_whole(parts, size):
    """A 50 MB source of one line had its words kept at once (three objects each: 2 GB); a line is
    read a piece at a time, a piece ending where no name goes on. Whatever the pieces, the names,
    their kinds and places are those of the line read at once."""
    import explorer.core.suggest as suggest

    text = "".join(w + s for w, s in parts)
    source = Source("a", "seeds/a.txt", text, "0" * 64)
    whole, suggest._PIECE_TOKENS = suggest._PIECE_TOKENS, 1 << 40
    try:
        expected = [s.to_json() for s in suggest_in_source(source)]
        suggest._PIECE_TOKENS = size
        assert [s.to_json() for s in suggest_in_source(source)] == expected
    finally:
        suggest._PIECE_TOKENS = whole


def test_a_long_line_keeps_a_piece_of_its_words_at_a_time(monkeypatch):
    """The words of a source of one long line are never all kept: each piece handed on holds
    about _PIECE_TOKENS words and the few after it, and the names are found all the same."""
    import explorer.core.suggest as suggest

    sizes = []
    real = suggest._names_in
    monkeypatch.setattr(suggest, "_names_in", lambda text, toks, own, *rest: sizes.append(len(toks)) or real(text, toks, own, *rest))
    assert suggest._PIECE_TOKENS * 5 < 55_000  # (the real pieces: a line of 55,000 words is more than 5)
    # Pieces of 256 words here (the same code; the property test above tries other sizes against
    # the line read whole), so that 5,500 words are 21 pieces: 55,000 words, 14 pieces of the
    # real size, took ~0.7 CPU s.
    monkeypatch.setattr(suggest, "_PIECE_TOKENS", 256)
    text = "President Kim Jong Un met Vladimir Putin in Moscow, TASS said. " * 500  # 32,000 characters, 5,500 words
    found = suggest_in_source(Source("a", "seeds/a.txt", text, "0" * 64))
    assert {s.name for s in found} >= {"Kim Jong Un", "Vladimir Putin", "Moscow", "TASS"}
    assert len(sizes) > 10 and max(sizes) <= suggest._PIECE_TOKENS + 12 + 4  # (to the next sentence, and 4 more)
