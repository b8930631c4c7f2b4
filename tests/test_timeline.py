"""The timeline's date reader (explorer/core/timeline.py): every date expression of the shipped
article read as a careful reader reads it, real articles' expressions, unread ones listed, and
the JSON of `factex timeline` and `factex export`."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.timeline import PRECISIONS, find_dates, publication_date, read_date, timeline

from conftest import ARTICLE, REPO

PUBLISHED = "2024-02-20"  # seeds/kim-aurus-gift.yaml

# Every date expression in seeds/kim-aurus-gift.txt, in text order, with what it means there:
# (text as found, reading, precision). Read by hand from the article: vague and anaphoric ones
# have no date of their own and must come out unread.
SHIPPED_ARTICLE = [
    ("on February 18", "2024-02-18", "day"),
    ("since 2018", "from 2018", "range"),
    ("before then", None, "unread"),  # "then" is 2018, named a sentence earlier
    ("in 2021", "2021", "year"),
    ("in the past", None, "unread"),
    ("as of late", None, "unread"),
    ("In 2018", "2018", "year"),
    ("last September", "2023-09", "month"),
    ("at that time", None, "unread"),
    ("recently", None, "unread"),
    ("in the recent past", None, "unread"),
    ("In November last year", "2023-11", "month"),
    ("in January this year", "2024-01", "month"),
    ("earlier this year", "2024, before 2024-02-20", "year"),
]

# The date qualifiers of the shipped cards: (key, value, reading, precision).
SHIPPED_QUALIFIERS = [
    ("date", "February 18", "2024-02-18", "day"),
    ("date", "last September", "2023-09", "month"),
    ("disclosed", "November last year", "2023-11", "month"),
    ("confirmed", "January", "2024-01", "month"),
    ("since", "2018", "from 2018", "range"),
    ("period", "before 2018", "before 2018", "range"),
    ("date", "2021", "2021", "year"),
    ("date", "2018", "2018", "year"),
]


def test_every_date_expression_of_the_shipped_article_is_read_as_meant():
    text = ARTICLE.read_text(encoding="utf-8")
    found = [(text[s:e], r.reading if not r.unread else None, r.precision) for s, e, r in find_dates(text, PUBLISHED)]
    assert found == SHIPPED_ARTICLE


@pytest.mark.parametrize("key,value,reading,precision", SHIPPED_QUALIFIERS)
def test_the_shipped_qualifiers(key, value, reading, precision):
    r = read_date(value, PUBLISHED, key)
    assert (r.reading, r.precision, r.text, r.where) == (reading, precision, value, key)


def test_the_issue_examples_with_their_bounds():
    cases = {
        "February 18": ("2024-02-18", "2024-02-18", "day"),
        "last September": ("2023-09", "2023-09", "month"),
        "in January this year": ("2024-01", "2024-01", "month"),
        "since 2018": ("2018", None, "range"),
        "in 2021": ("2021", "2021", "year"),
        "earlier this year": ("2024", "2024-02-20", "year"),
        "before 2018": (None, "2017", "range"),
    }
    for text, expected in cases.items():
        r = read_date(text, PUBLISHED, "date")
        assert (r.start, r.end, r.precision) == expected, text


# Expressions of the real articles under tests/articles and tests/real, against their dates.
REAL = [
    # tests/articles/tower-commission.txt, Reuters, 26 February 1987 (a Thursday)
    ("1987-02-26", "today", "1987-02-26", "day"),
    ("1987-02-26", "last November", "1986-11", "month"),
    # tests/real/cnn: the Wednesday before Thanksgiving 2013 (27 November)
    ("2013-11-27", "Wednesday", "2013-11-27", "day"),
    ("2013-11-27", "Tomorrow", "2013-11-28", "day"),
    ("2013-11-27", "last night", "2013-11-26", "day"),
    ("2013-11-27", "Thursday", "2013-11-21 to 2013-11-28", "range"),  # the tense says which: not read here
    # tests/data/articles/ap-beirut-2024-10-04.txt (a Friday)
    ("2024-10-04", "Friday", "2024-10-04", "day"),
    ("2024-10-04", "Friday evening", "2024-10-04", "day"),
    ("2024-10-04", "late September", "late 2024-09", "month"),
    ("2024-10-04", "since 2000", "from 2000", "range"),
    ("2024-10-04", "Thursday", "2024-10-03 to 2024-10-10", "range"),
    ("2024-10-04", "a year ago", "2023", "year"),
    ("2024-10-04", "this week", "2024-09-30 to 2024-10-06", "range"),
    # tests/data/articles/ap-zaporizhzhia-2022-05-11.txt (a Wednesday)
    ("2022-05-11", "Wednesday", "2022-05-11", "day"),
    ("2022-05-11", "in February", "2022-02", "month"),
    ("2022-05-11", "last month", "2022-04", "month"),
    ("2022-05-11", "in 2014", "2014", "year"),
    ("2022-05-11", "Yesterday", "2022-05-10", "day"),
    # tests/real/elpais (27 October 2012): absolute dates and years are read; relative Spanish words are not
    ("2012-10-27", "diciembre de 2010", "2010-12", "month"),
    ("2012-10-27", "junio de 2012", "2012-06", "month"),
    ("2012-10-27", "en 2003", None, "unread"),
    ("2012-10-27", "2003", "2003", "year"),
    ("2012-10-27", "En junio de este año", None, "unread"),
    # tests/real/bbc-chinese (10 December 2012)
    ("2012-12-10", "12月10日", None, "unread"),
    ("2012-12-10", "去年", None, "unread"),
]


@pytest.mark.parametrize("published,text,reading,precision", REAL)
def test_real_article_expressions(published, text, reading, precision):
    r = read_date(text, published, "date")
    assert (r.reading if not r.unread else None, r.precision) == (reading, precision)


def test_running_text_finds_dates_with_their_lead_words_only_where_they_are_dates():
    text = "In May 2019 they met. It may rain on March 3, 2020. He paid $2,018 for 2018 cars in the 1990s."
    found = [(text[s:e], r.reading) for s, e, r in find_dates(text, "2024-02-20")]
    assert found == [("In May 2019", "2019-05"), ("on March 3, 2020", "2020-03-03"), ("2018", "2018"),
                     ("in the 1990s", "1990 to 1999")]


def test_relative_dates_without_a_publication_date_are_unread_with_the_reason():
    r = read_date("last September", None, "date")
    assert r.unread and "no publication date" in r.reading
    r = read_date("last September", "2024", "date")  # a year is not enough for a month
    assert r.unread and "not precise enough" in r.reading
    assert read_date("in 2021", None, "date").reading == "2021"
    assert read_date("February 30, 2024", None, "date").unread
    assert read_date("the day the war began", PUBLISHED, "date").unread


def test_publication_dates():
    assert publication_date("2024-02-20") == (2024, 2, 20)
    assert publication_date("2024-02-20T10:00:00Z") == (2024, 2, 20)
    assert publication_date("2024") == (2024, None, None)
    assert publication_date("2024-02-31") is None
    assert publication_date(None) is None


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789 -,.") + ["January", "last", "this", "year", "since", "before",
                                                          "May", "in", "ago", "2018", "Tuesday", "earlier", "week",
                                                          "the", "s", "from", "to", " ", " "]), max_size=12).map("".join),
       st.sampled_from([None, "2024", "2024-02", "2024-02-20", "2024-12-31", "1900-01-01"]))
def test_reading_never_fails_and_bounds_are_ordered(value, published):
    for r in [read_date(value, published, "date"), *(r for _, _, r in find_dates(value, published))]:
        assert r.precision in PRECISIONS
        if r.unread:
            assert r.start is None and r.end is None and r.reading
        else:
            assert r.start or r.end
            if r.start and r.end:
                assert r.start[:len(r.end)] <= r.end or r.end.startswith(r.start[:4])


def test_timeline_of_the_shipped_workspace_is_in_time_order():
    from explorer.core.loading.loader import Loader

    base = Loader(REPO).load()
    tl = timeline(base)
    keys = [d.date.sort_key for d in tl.dated]
    assert keys == sorted(keys)
    by_id = {d.relation: d.date for d in tl.dated}
    assert by_id["gifted-aurus-presented-to-kim-in-pyongyang"].reading == "2024-02-18"
    assert by_id["kim-met-putin-at-vostochny"].reading == "2023-09"
    # dated by its quote, having no date qualifier
    assert by_id["north-korea-to-receive-fighters-from-russia"].where == "quote"
    assert {d.date.text for d in tl.unread} >= {"recently", "before then"}


def test_cli_timeline_json(capsys):
    assert main(["timeline", str(REPO), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dated"] and data["unread"]
    text = ARTICLE.read_text(encoding="utf-8")
    for item in data["dated"]:
        assert set(item) >= {"relation", "sentence", "certainty", "attribution", "source", "file", "text", "where",
                             "reading", "precision", "start", "end"}
        assert item["precision"] in PRECISIONS and item["precision"] != "unread"
        assert item["text"] in text or item["where"] != "quote"
    starts = [i["start"] or i["end"] for i in data["dated"]]
    assert starts == sorted(starts)
    assert all(i["precision"] == "unread" and i["start"] is None for i in data["unread"])


def test_cli_timeline_text_and_a_workspace_without_dates(capsys, ws):
    assert main(["timeline", str(REPO)]) == 0
    out = capsys.readouterr()
    assert "2024-02-18" in out.out and "unread:" in out.out and "dated facts" in out.err
    ws.basic()
    assert main(["timeline", str(ws.root)]) == 0
    out = capsys.readouterr()
    assert "0 dated facts" in out.err


def test_export_json_carries_the_normalised_dates(capsys):
    assert main(["export", str(REPO), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rels = {r["id"]: r for r in data["relations"]}
    assert rels["aurus-supplies-putin-armored-limousines"]["dates"] == [
        {"text": "2018", "where": "since", "reading": "from 2018", "precision": "range", "start": "2018", "end": None}]
    assert all("dates" in r for r in rels.values())
    assert main(["export", str(REPO), "--format", "jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any(item.get("dates") for item in lines if item["kind"] == "relation")


def test_weekdays_named_relatively():
    # 2013-11-27 is a Wednesday
    read = lambda text: read_date(text, "2013-11-27", "date").reading
    assert read("last Wednesday") == "2013-11-20"
    assert read("last Tuesday") == "2013-11-26"
    assert read("this Thursday") == "2013-11-28"
    assert read("next Wednesday") == "2013-12-04 to 2013-12-11"  # people disagree: the range, not a guess
    assert read_date("last Wednesday", "2013-11", "date").unread


def test_cli_timeline_and_voices_with_source_keep_only_what_it_backs(capsys):
    import json

    from explorer.cli import main
    from explorer.core.loading.corpus import backed_by
    from explorer.core.loading.loader import Loader

    corpus = REPO / "examples" / "corpus"
    base = Loader(corpus).load()
    for source in base.sources:
        backed = backed_by(base, source)[1]
        assert main(["timeline", str(corpus), "--source", source, "--format", "json"]) == 0
        listed = json.loads(capsys.readouterr().out)
        ids = {d["relation"] for d in listed["dated"] + listed["unread"]}
        assert ids <= backed
        assert main(["voices", str(corpus), "--source", source, "--format", "json"]) == 0
        said = json.loads(capsys.readouterr().out)
        assert {f["relation"] for v in said["voices"] for f in v["facts"]} == backed
    assert main(["timeline", str(corpus), "--source", "no-such-source"]) == 2
    assert "unknown source 'no-such-source'" in capsys.readouterr().err


@pytest.mark.parametrize("text,found", [
    ("Le 18 février 2024, le président a parlé.", [("18 février 2024", "2024-02-18")]),
    ("le 1er mars 2024", [("1er mars 2024", "2024-03-01")]),
    ("Am 18. Februar traf er Kim.", [("18. Februar", "2024-02-18")]),  # no year: the publication's
    ("im März 2023", [("März 2023", "2023-03")]),
    ("Am 18.02.2024 um 10 Uhr", [("18.02.2024", "2024-02-18")]),
    ("el 18 de febrero de 2024 se reunió", [("18 de febrero de 2024", "2024-02-18")]),
    ("il 3 maggio 2023 a Roma", [("3 maggio 2023", "2023-05-03")]),
    ("em 1 de março de 2022", [("1 de março de 2022", "2022-03-01")]),
    ("op 12 mei 2021", [("12 mei 2021", "2021-05-12")]),
    ("in februari 2020", [("in februari 2020", "2020-02")]),
    # what stays unread or is not a date: a month name alone, English words, an impossible day
    ("en mars, il a dit", []),
    ("2 Mars bars and a Mayo 2024 clinic", []),
    ("I think 5 may be enough", []),
    ("am 31.02.2024", [("31.02.2024", "not a date of the calendar")]),
])
def test_absolute_dates_of_other_languages(text, found):
    assert [(text[a:b], r.reading) for a, b, r in find_dates(text, "2024-02-20")] == found


_FORMS = ["{n}", "in {n}", "{n}-01-01", "01.01.{n}", "January {n}", "January 1, {n}", "{n} years ago", "{n} months ago",
          "the {n}s", "early {n}", "after {n}", "before {n}", "since {n}", "from {n} to {n}", "{n} BC", "May {n}",
          "after 9999-12-31", "before 0001-01-01", "{n} days ago", "last {n} years"]


@settings(max_examples=150)
@given(st.sampled_from(_FORMS), st.integers(0, 5000).map(lambda k: "9" * k or "0") | st.integers(0, 10 ** 12).map(str),
       st.sampled_from([None, "2024-05-01", "2024", "0001-01-01", "9999-12-31"]))
def test_any_number_in_a_date_is_read_or_unread_never_an_error(form, n, published):
    """A qualifier or a quote may hold a number of any size: Python reads at most 4,300 digits
    (a 5,000-digit year made `factex timeline` end in a traceback), a date past 9999-12-31 or
    thousands of years ago is outside the calendar. Each is a reading or an unread expression."""
    text = form.format(n=n)
    for reading in (read_date(text, published, "date"), *(r for _, _, r in find_dates(text, published))):
        for iso in (reading.start, reading.end):
            if iso is not None:
                assert 1 <= int(iso.split("-")[0]) <= 9999, (text, reading)
