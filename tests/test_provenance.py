"""Source provenance: sidecars (seeds/ID.yaml), titles, files in seeds/ that are not sources."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.cardformat.provenance import SOURCE_FIELDS, TITLE_LENGTH, guess_title
from explorer.core.cardformat.schema import card_schema

from conftest import REPO

jsonschema = pytest.importorskip("jsonschema")


def problems_of(ws, name):
    return [p for p in ws.problems() if p.startswith(f"seeds/{name}")]


def test_sidecar_fields_and_title(ws):
    ws.basic()
    ws.source("article.yaml", (
        "title: The Real Headline\nurl: https://example.org/news/1\noutlet: Example Times\n"
        "authors: [Ann Writer, Bo Reporter]\npublished: 2024-02-20\nretrieved: 2024-02-21T10:00Z\nlanguage: en-GB\n"
    ))
    base = ws.load()
    assert base.problems == []
    source = base.sources["article"]
    assert source.title == "The Real Headline"
    assert source.sidecar == "seeds/article.yaml"
    assert source.meta.authors == ["Ann Writer", "Bo Reporter"]
    assert source.meta.published == "2024-02-20"  # text as typed, never a date object
    assert source.byline == "Example Times · Ann Writer, Bo Reporter · 2024-02-20"
    data = base.to_json()["sources"][0]
    assert data["id"] == "article" and data["title"] == "The Real Headline"  # the contract's names stay
    assert {k: data[k] for k in ("url", "outlet", "authors", "published", "retrieved", "language")} == {
        "url": "https://example.org/news/1", "outlet": "Example Times", "authors": ["Ann Writer", "Bo Reporter"],
        "published": "2024-02-20", "retrieved": "2024-02-21T10:00Z", "language": "en-GB",
    }


def test_one_author_may_be_written_without_a_list(ws):
    ws.basic()
    ws.source("article.yaml", "authors: Ann Writer\n")
    assert ws.load().sources["article"].meta.authors == ["Ann Writer"]


def test_a_source_without_sidecar_has_empty_fields_in_the_export(ws):
    ws.basic()
    data = ws.load().to_json()["sources"][0]
    assert data["title"] == "A Test Article"
    assert data["url"] is None and data["authors"] == [] and data["published"] is None


def test_sidecar_problems_have_positions_and_the_good_fields_stay(ws):
    ws.basic()
    ws.source("article.yaml", "title: Kept\nauthor: Ann\npublished: 20 Feb 2024\nurl: javascript:alert(1)\nlanguage: English language\n")
    found = problems_of(ws, "article.yaml")
    assert "seeds/article.yaml:2:1: error: unknown field 'author' in a source sidecar; did you mean 'authors'?" in found
    assert any(p.startswith("seeds/article.yaml:3:12: error: `published` must be a date written YYYY-MM-DD") for p in found)
    assert any(p.startswith("seeds/article.yaml:4:6: error: `url` must be an http:// or https:// address") for p in found)
    assert any(p.startswith("seeds/article.yaml:5:11: error: `language` must be a language tag") for p in found)
    base = ws.load()
    assert base.sources["article"].title == "Kept"
    assert base.entities and base.relations  # the cards are untouched by a bad sidecar


@pytest.mark.parametrize("text, expected", [
    ("title: !!python/object/apply:os.system ['true']\n", "tags are not allowed"),
    ("title: a\ntitle: b\n", "duplicate key"),
    ("- a list\n", "must be a mapping"),
    ("title: [unclosed\n", "seeds/article.yaml:"),
])
def test_bad_sidecars_are_problems_never_crashes(ws, text, expected):
    ws.basic()
    ws.source("article.yaml", text)
    found = problems_of(ws, "article.yaml")
    assert found and any(expected in p for p in found), found
    assert ws.load().sources["article"].title == "A Test Article"


def test_sidecar_that_is_a_link_is_not_read(ws, tmp_path):
    ws.basic()
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("title: From Outside\n")
    (ws.root / "seeds" / "article.yaml").symlink_to(outside)
    assert ws.load().sources["article"].title == "A Test Article"
    assert any("sidecar is a link" in p for p in problems_of(ws, "article.yaml"))


def test_sidecar_without_its_source_and_files_that_are_not_sources_are_reported(ws):
    ws.basic()
    ws.source("orphan.yaml", "title: Nobody\n")
    ws.source("page.html", "<html><body>An article</body></html>")
    ws.source("notes.pdf", b"%PDF-1.4")
    ws.source("README.md", "what goes where\n")  # a README is a source (.md) and that is fine
    found = ws.problems()
    assert "seeds/orphan.yaml:1:1: warning: sidecar of a source that is not here: no orphan.txt or orphan.md in seeds/" in found
    assert ("seeds/page.html:1:1: warning: not read as a source: a web page: `factex add` it (from anywhere) to make "
            "its text and sidecar, then take the page out of seeds/") in found
    assert any(p.startswith("seeds/notes.pdf:1:1: warning: not read as a source") for p in found)
    assert not [p for p in found if "error" in p]


@pytest.mark.parametrize("text, title", [
    ("Features\n\nKim Jong Un Gifted Russian-Made Luxury Car From Pal Putin\n\nBody.\n",
     "Kim Jong Un Gifted Russian-Made Luxury Car From Pal Putin"),
    ("# A Markdown Title\n\nBody text.\n", "A Markdown Title"),
    ("By Jane Doe\nFebruary 20, 2024\nThe Actual Headline Here\n", "The Actual Headline Here"),
    ("Second Article\n\nCarol flew.\n", "Second Article"),
    (" ".join(["word"] * 60) + ".\n\nShort Heading Later\n", "Short Heading Later"),
    ("", "fallback-id"),
    # a quoted sentence is no headline either (a Reuters story's seventh line was its title)
    ("Headline Of The Story\n\n\"However, having been diagnosed in the very early stages, the risk to others is low.\"\n",
     "Headline Of The Story"),
    ("The lead is a long sentence of the story with more than twelve words in it today.\n\n"
     "\u201cA quote that is also a long sentence of more than twelve words, ending right here.\u201d\n",
     None),
    # a short sentence far down the story is no headline (a Reuters story with no headline line was
    # titled by its seventh paragraph, "British Prime Minister Cameron has been informed, ...")
    ("1 of 2. A general view of the hospital is seen in Glasgow, Scotland December 29, 2014.\n\n"
     "LONDON (Reuters) - " + " ".join(["word"] * 40) + ".\n\n"
     "British Prime Minister Cameron has been informed, the Scottish government added.\n\n"
     "(Reporting by Andy Bruce in London; Editing by Joyjeet Das)\n",
     "LONDON (Reuters) - " + " ".join(["word"] * 20) + "…"),
    # with no headline, the lead: not a line that speaks to the reader or a gallery's counter
    *[(f"{promo}\n\n(CNN) -- " + " ".join(["Storm"] * 30) + ".\n\n\"We dodged a bullet,\" said Steve Cowan.\n",
       "(CNN) -- " + " ".join(["Storm"] * 18) + "…")
      for promo in ("Are you in the grips of the storm? Please share your videos, pictures and stories at iReport.",
                    "Click here to follow the story as it happens across the whole of the country today.",
                    "3 of 12. People walk through the snow in the centre of the town on the morning of the storm.")],
    # a caption, credit or pointer line above the headline is not the headline
    *[(f"{label} Reuters/Jane Doe, a file picture of the harbour\n\nHeadline Of The Story Today\n\nThe lead.\n",
       "Headline Of The Story Today")
      for label in ("Photo:", "PHOTO:", "Source:", "Image :", "Read more:", "Foto:", "Fuente:", "Quelle:", "Crédit :")],
])
def test_guessed_titles(text, title):
    got = guess_title(text, "fallback-id")
    if title is None:  # (no line reads as a headline: the first line, cut short)
        assert text.startswith(got.rstrip("\u2026")), got
    else:
        assert got == title


@pytest.mark.parametrize("second", [
    "Seven decades later, Parata, 75, has now overseen more than 500 strandings.",
    "“Man’s greed in the ocean is hurting the whales,” says Parata, an elder of the tribe.",
])
@pytest.mark.parametrize("caption", [
    "Hori Parata at his Pātaua farm, the place where he was born and grew up",
    "Whāngārei Harbour seen from Tamaterau",
    "Clockwise from top: small whale bones",
])
def test_a_caption_under_the_first_paragraphs_is_no_headline(second, caption):
    # The Guardian's whale story (tests/real/guardian) has no headline line; it was titled by its
    # photo caption under the third paragraph. With no headline above the story, the lead.
    lead = ("Whale whisperer Hori Parata was just seven years old when he attended his first mass stranding, "
            "a beaching of porpoises in New Zealand’s Northland, on the deserted stretch of sand.")
    title = guess_title(f"{lead}\n\n{second}\n\n{caption}\n\nMore of the story follows here.\n", "x")
    assert title.endswith("…") and lead.startswith(title[:-1]), title


def test_a_lead_paragraph_alone_is_cut_short():
    lead = " ".join(f"word{i}" for i in range(60)) + "."
    title = guess_title(lead, "x")
    assert title.endswith("…") and len(title) <= TITLE_LENGTH and lead.startswith(title[:-1])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_a_guessed_title_is_one_line_from_the_text(text):
    title = guess_title(text, "fallback")
    assert "\n" not in title and len(title) <= TITLE_LENGTH
    assert title == "fallback" or title.rstrip("…").strip() in text or title.rstrip("…") in text


def test_shipped_sidecar():
    from explorer.core.loading.loader import Loader

    base = Loader(REPO, use_cache=False).load()
    source = base.sources["kim-aurus-gift"]
    assert source.meta.outlet == "The War Zone"
    assert source.meta.authors == ["Oliver Parken"]
    assert source.meta.published == "2024-02-20"
    assert source.title == "Kim Jong Un Gifted Russian-Made Luxury Car From Pal Putin"
    schema = card_schema("source")
    data = yaml.safe_load((REPO / "seeds" / "kim-aurus-gift.yaml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    jsonschema.Draft7Validator(schema).validate(data)


def test_source_schema_follows_the_field_table_and_rejects_what_the_checker_does():
    schema = card_schema("source")
    assert list(schema["properties"]) == list(SOURCE_FIELDS)
    assert schema["additionalProperties"] is False
    v = jsonschema.Draft202012Validator(schema)
    assert not list(v.iter_errors({"title": "t", "authors": "One Name", "published": "2024-02"}))
    for bad in ({"author": "x"}, {"published": "20 Feb 2024"}, {"url": "ftp://x"}, {"language": "English"}):
        assert list(v.iter_errors(bad)), bad


def test_factex_schema_prints_the_source_schema(capsys):
    assert main(["schema", "--kind", "source"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "factex source sidecar"


def test_the_days_of_the_calendar_are_the_days_datetime_takes():
    # cards._real_day works the calendar out (importing datetime cost each card load ~4.5 M
    # instructions): the same days as datetime.date, for Feb 29 of every year the pattern takes,
    # and every month's days 00-31 of years on each side of each leap rule and at the ends.
    import datetime

    from explorer.core.cardformat.cards import _real_day

    def takes(y, m, d):
        try:
            datetime.date(y, m, d)
        except ValueError:
            return False
        return True

    days = [(y, 2, 29) for y in range(10000)]
    days += [(y, m, d) for y in (0, 1, 3, 4, 100, 400, 1600, 1700, 1900, 2000, 2023, 2024, 2100, 9996, 9999)
             for m in range(0, 14) for d in range(0, 32)]
    for y, m, d in days:
        assert _real_day(f"{y:04d}-{m:02d}-{d:02d}") == takes(y, m, d), (y, m, d)
    assert _real_day("\u0662\u0660\u0662\u0664-02-29")  # (\d takes any digit; int() reads them as datetime did)


@settings(max_examples=150, deadline=None)
@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 31), st.sampled_from(["", "T10:30", " 09:00:00Z"]),
       st.sampled_from(["published", "retrieved"]))
def test_a_sidecar_date_is_a_day_of_the_calendar(year, month, day, time, field):
    """The date pattern takes days 01-31 in every month; 2024-02-30 is a problem at the value, as
    is any other day the calendar does not have, and the source keeps its other fields."""
    import datetime

    from explorer.core.cardformat.provenance import sidecar_from_bytes

    value = f"{year:04d}-{month:02d}-{day:02d}{time}"
    meta, problems = sidecar_from_bytes(f"title: Kept\n{field}: '{value}'\n".encode())
    try:
        datetime.date(year, month, day)
        real = True
    except ValueError:
        real = False
    said = [p.format() for p in problems]
    assert meta.title == "Kept"
    if real:
        assert not said and getattr(meta, field) == value
    else:
        assert said == [f":2:{len(field) + 3}: error: `{field}` is not a day of the calendar: '{value[:10]}'"], said
        assert getattr(meta, field) is None
