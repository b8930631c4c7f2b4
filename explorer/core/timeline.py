"""Dates of facts, read against the publication date of their source: the timeline. No Textual here.

A relation is dated by its qualifiers (`date: February 18`, `since: '2018'`, `disclosed: November
last year`) and, when none of them reads as a date, by the dates its quotes state ("... in January
this year, the U.S. government confirmed ..."). Each expression is read against the publication
date in its source's sidecar (`seeds/ID.yaml`, `published:`):

    "February 18"          in an article of 2024-02-20   2024-02-18       day
    "last September"                                     2023-09          month
    "in January this year"                               2024-01          month
    "since 2018"                                         from 2018        range
    "in 2021"                                            2021             year
    "earlier this year"                                  2024, before 2024-02-20   year

A reading keeps what the text says (`text`), what it was read as (`reading`, and the bounds
`start`/`end` as ISO dates cut to their precision, either None when open), and the `precision`
(day, month, year or range). An expression this reader does not know, a vague one ("recently", "at
that time"), or a relative one without a publication date to read it against is `unread`, with
the reason: never a guess. A date without a year ("February 18") takes the publication's year, as
news style (AP, Reuters) writes the current year's dates; a weekday alone ("on Thursday") is read
only as a day within a week of publication (a range), since the tense decides which one it is.

Relative expressions are read in English only. Absolute dates are also read in French, German,
Spanish, Italian, Portuguese and Dutch when a day or a year anchors the month ("18 février 2024",
"18. Februar", "18 de febrero de 2024", "febbraio 2024"), and day-first numeric dates with dots
("18.02.2024"); in any language, bare years (1900-2099) and ISO dates. See the README section
"Timeline" for how this reader compares with the `dateparser` package.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Collection
    from explorer.core.model import Relation
    from explorer.core.loading.loader import FactBase

PRECISIONS = ("day", "month", "year", "range", "unread")

# Qualifier keys whose value is a date (anything else is read only when its value reads wholly as
# a date and is not an entity id: `confirmed: January`). A key may give the value's direction.
DATE_KEYS = {
    "date", "dated", "when", "time", "day", "month", "year", "period", "during",
    "since", "after", "started", "began", "until", "till", "before", "ended",
    "disclosed", "confirmed", "announced", "published", "signed",
}
# Keys that give a date's direction (`since: '2018'` is from 2018; `from`, `by` and `to` only
# when their value reads as a date: `from: russia` is a place).
_FROM_KEYS = {"since", "from", "starting", "started", "start", "began", "begins"}
_UNTIL_KEYS = {"until", "till", "to", "by", "ended", "end", "ends", "through"}

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12})
WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
# Month names of other languages, read only where a day number or a year anchors them (these
# languages write them in lower case, and "mars" or "Mai" alone is a word). With and without accents.
_FOREIGN = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
FOREIGN_MONTHS: dict[str, int] = {}
for _names in _FOREIGN.values():
    for _n, _name in enumerate(_names.split(), 1):
        for _form in {_name.lower(), _name.lower().translate(str.maketrans("éûäç", "euac"))}:
            if _form not in MONTHS:  # ("april", "august", "september" ... are English too)
                FOREIGN_MONTHS[_form] = _n
# Capitalised, these are English words or names ("2 Mars bars", "Mars 2020", "Mayo 2024"): never read so.
_WORDS_TOO = {"mars", "mayo"}
MONTHS.update(FOREIGN_MONTHS)

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)")
# any month name: English (as above) or one of the other languages' (longest first)
_ANY_MONTH = "(?:" + "|".join(sorted((re.escape(m) for m in FOREIGN_MONTHS), key=len, reverse=True)) + r"|" + _MONTH + ")"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_REL = r"(?:last|this|next|past|coming)"
_NUM = (r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_EDGE = r"(?<![\w$€£¥.,])"  # a date starts after a non-word character (not inside "$2,018" or "A2018")
_END = r"(?![\w%])(?!,\d)(?!\.\d)"

# One point in time (what a range's ends are made of). The named groups say what was written.
_POINT = (
    rf"(?:(?P<iso>{_YEAR}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)"
    rf"|(?:{_WEEKDAY},?\s+)?(?P<md_month>{_MONTH})\s+(?P<md_day>{_DAY})(?:,?\s+(?P<md_year>{_YEAR}))?"
    rf"|(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<dm_day>{_DAY}|1er|\d\d?\.)\s+(?:(?:of|de|del)\s+)?(?P<dm_month>{_ANY_MONTH})"
    rf"(?:(?:,?\s+|\s+(?:de|del)\s+)(?P<dm_year>{_YEAR}))?"
    rf"|(?P<my_month>{_ANY_MONTH}),?\s+(?:(?:of|de|del)\s+)?(?P<my_year>{_YEAR})"
    rf"|(?P<dot_day>[12]\d|3[01]|0?[1-9])\.(?P<dot_month>1[0-2]|0?[1-9])\.(?P<dot_year>{_YEAR})"
    rf"|(?P<rm_rel>{_REL})\s+(?P<rm_month>{_MONTH})"
    rf"|(?P<mr_month>{_MONTH})\s+(?:of\s+)?(?P<mr_rel>last|this|next)\s+year"
    rf"|(?P<edge>earlier|later|early|late)\s+(?:in\s+)?(?P<edge_rel>this|last|next)\s+(?P<edge_unit>year|month|week)"
    rf"|(?P<ru_rel>{_REL})\s+(?P<ru_unit>year|month|week)"
    rf"|(?P<rw_rel>last|next|this|past|coming)\s+(?P<rw_day>{_WEEKDAY})"
    rf"|(?P<ago_n>{_NUM})\s+(?P<ago_unit>days?|weeks?|months?|years?)\s+ago"
    rf"|(?:the\s+)?(?P<decade>(?:1[89]|20)\d0)s"
    rf"|(?P<year>{_YEAR})"
    rf"|(?P<deictic>yesterday|today|tomorrow|tonight|last\s+night|this\s+morning|this\s+afternoon|this\s+evening)"
    rf"|(?P<weekday>{_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|(?P<bare_month>{_MONTH})"
    r")"
)
_POINT_RE = re.compile(_POINT, re.IGNORECASE)
# Vague or anaphoric expressions: found in quotes so that a reader sees them listed as unread.
_VAGUE = (r"(?P<vague>recently|lately|as\s+of\s+late|in\s+the\s+recent\s+past|in\s+recent\s+(?:days|weeks|months|years)|in\s+the\s+past"
          r"|at\s+that\s+time|at\s+the\s+time|before\s+then|since\s+then|until\s+then)")
_VAGUE_RE = re.compile(_VAGUE, re.IGNORECASE)

# In running text (a quote) a date is found with the words that lead it in; a capitalised month,
# weekday or deictic word, or a year, may stand alone. A bare month ("May") needs a leading word.
_LEAD = r"(?P<lead>since|from|after|before|until|till|through|by|in|on|during|of|as\s+of|between|early|late|mid-?)"
_FIND_RE = re.compile(
    rf"{_EDGE}(?:(?P<range_from>from|between)\s+(?P<a>{_POINT.replace('(?P<', '(?P<a_')})\s+(?:to|until|and|through)\s+(?P<b>{_POINT.replace('(?P<', '(?P<b_')})"
    rf"|(?:{_LEAD}\s+)?(?P<p>{_POINT.replace('(?P<', '(?P<p_')})"
    rf"|{_VAGUE})"
    rf"{_END}",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateReading:
    """One date expression and what it was read as."""

    text: str  # as the card or the source writes it
    start: str | None  # ISO date cut to its precision (2024, 2024-02, 2024-02-18); None: open
    end: str | None
    precision: str  # day | month | year | range | unread
    reading: str  # what it was read as, in words ("2024-02-18", "from 2018"), or why it is unread
    where: str = ""  # "date" (the qualifier's key), or "quote"

    @property
    def unread(self) -> bool:
        return self.precision == "unread"

    @property
    def sort_key(self) -> str:
        return self.start or self.end or ""

    def to_json(self) -> dict:
        return {"text": self.text, "where": self.where, "reading": self.reading, "precision": self.precision,
                "start": self.start, "end": self.end}


class _Unread(Exception):
    """The expression cannot be read: why."""


def publication_date(published: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a sidecar's `published:` (month and day None when not given)."""
    if not published:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            date(year, int(month), int(day))
    except ValueError:
        return None
    return year, int(month) if month else None, int(day) if day else None


# --- reading one expression ------------------------------------------------------------------------


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _day(word: str) -> int:
    return int(re.match(r"\d+", word).group())


def _need(pub, what: str, month: bool = False, day: bool = False):
    if pub is None:
        raise _Unread(f"{what}: the source has no publication date to read it against")
    if (month and pub[1] is None) or (day and pub[2] is None):
        raise _Unread(f"{what}: the publication date ({_iso(*pub)}) is not precise enough to read it against")
    return pub


def _checked(year: int, month: int, day: int) -> tuple[str, str, str]:
    try:
        date(year, month, day)
    except ValueError:
        raise _Unread("not a date of the calendar") from None
    iso = _iso(year, month, day)
    return iso, iso, "day"


def _point(g: dict, pub) -> tuple[str | None, str | None, str]:
    """(start, end, precision) of one point whose groups are `g` (prefix stripped)."""
    if g.get("iso"):
        parts = [int(x) for x in g["iso"].split("-")]
        if len(parts) == 3:
            return _checked(*parts)
        iso = _iso(*parts)
        return iso, iso, "month"
    if g.get("md_month") or g.get("dm_month"):
        month = _month(g.get("md_month") or g["dm_month"])
        day = _day(g.get("md_day") or g["dm_day"])
        year = g.get("md_year") or g.get("dm_year")
        if year is None:
            year = _need(pub, "a day without a year")[0]
        return _checked(int(year), month, day)
    if g.get("my_month"):
        iso = _iso(int(g["my_year"]), _month(g["my_month"]))
        return iso, iso, "month"
    if g.get("dot_day"):
        return _checked(int(g["dot_year"]), int(g["dot_month"]), int(g["dot_day"]))
    if g.get("rm_rel"):
        rel, month = g["rm_rel"].lower(), _month(g["rm_month"])
        year, pub_month, _ = _need(pub, f"{rel} {g['rm_month']}", month=True)
        if rel in ("last", "past"):
            year = year if month < pub_month else year - 1
        elif rel in ("next", "coming"):
            year = year if month > pub_month else year + 1
        iso = _iso(year, month)
        return iso, iso, "month"
    if g.get("mr_month"):
        rel = g["mr_rel"].lower()
        year = _need(pub, f"{rel} year")[0] + {"last": -1, "this": 0, "next": 1}[rel]
        iso = _iso(year, _month(g["mr_month"]))
        return iso, iso, "month"
    if g.get("edge"):
        edge, rel, unit = g["edge"].lower(), g["edge_rel"].lower(), g["edge_unit"].lower()
        start, end, precision = _relative_unit(rel, unit, pub)
        if rel == "this" and edge in ("earlier", "later"):
            # earlier this year: in the year, before the publication date
            y, m, d = _need(pub, f"{edge} this {unit}", day=unit != "year", month=unit == "month")
            now = _iso(y, m, d)
            return (start, now, precision) if edge == "earlier" else (now, end, precision)
        return start, end, precision
    if g.get("rw_rel"):
        rel = g["rw_rel"].lower()
        y, m, d = _need(pub, f"{rel} {g['rw_day']}", month=True, day=True)
        published = date(y, m, d)
        wanted = WEEKDAYS[g["rw_day"].lower()]
        if rel in ("last", "past"):  # the one before the publication day
            day = published - timedelta(days=(published.weekday() - wanted - 1) % 7 + 1)
            return day.isoformat(), day.isoformat(), "day"
        # "next Tuesday" and "this Tuesday" are read differently by different people: the week ahead
        first = published + timedelta(days=(wanted - published.weekday() - 1) % 7 + 1)
        last = first + timedelta(days=7) if rel in ("next", "coming") else first
        if rel == "this" and published.weekday() == wanted:
            first = last = published
        return first.isoformat(), last.isoformat(), "day" if first == last else "range"
    if g.get("ru_rel"):
        return _relative_unit(g["ru_rel"].lower(), g["ru_unit"].lower(), pub)
    if g.get("ago_n"):
        n = _NUMBERS.get(g["ago_n"].lower())
        if n is None:
            if not g["ago_n"].isdigit():
                raise _Unread(f"'{g['ago_n']}' is not a number")
            n = int(g["ago_n"])
        unit = g["ago_unit"].lower().rstrip("s")
        if unit == "year":
            y = _need(pub, "years ago")[0] - n
            return _iso(y), _iso(y), "year"
        if unit == "month":
            y, m, _ = _need(pub, "months ago", month=True)
            y, m = divmod(y * 12 + (m - 1) - n, 12)
            return _iso(y, m + 1), _iso(y, m + 1), "month"
        y, m, d = _need(pub, f"{unit}s ago", day=True, month=True)
        day = date(y, m, d) - timedelta(days=n * (7 if unit == "week" else 1))
        if unit == "week":
            return day.isoformat(), (day + timedelta(days=6)).isoformat(), "range"
        return day.isoformat(), day.isoformat(), "day"
    if g.get("decade"):
        first = int(g["decade"])
        return _iso(first), _iso(first + 9), "range"
    if g.get("year"):
        return g["year"], g["year"], "year"
    if g.get("deictic"):
        word = " ".join(g["deictic"].lower().split())
        y, m, d = _need(pub, word, month=True, day=True)
        shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        day = (date(y, m, d) + timedelta(days=shift)).isoformat()
        return day, day, "day"
    if g.get("weekday"):
        y, m, d = _need(pub, g["weekday"], month=True, day=True)
        published = date(y, m, d)
        wanted = WEEKDAYS[g["weekday"].lower()]
        days = [published + timedelta(days=k) for k in range(-6, 7) if (published + timedelta(days=k)).weekday() == wanted]
        if len(days) == 1:  # (the publication day itself: only that one in ±6 days)
            return days[0].isoformat(), days[0].isoformat(), "day"
        return days[0].isoformat(), days[-1].isoformat(), "range"
    if g.get("bare_month"):
        year = _need(pub, "a month without a year")[0]
        iso = _iso(year, _month(g["bare_month"]))
        return iso, iso, "month"
    raise _Unread("not a date this reader knows")  # pragma: no cover (every alternative is above)


def _relative_unit(rel: str, unit: str, pub) -> tuple[str, str, str]:
    shift = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[rel]
    if unit == "year":
        y = _need(pub, f"{rel} year")[0] + shift
        return _iso(y), _iso(y), "year"
    if unit == "month":
        y, m, _ = _need(pub, f"{rel} month", month=True)
        y, m = divmod(y * 12 + (m - 1) + shift, 12)
        return _iso(y, m + 1), _iso(y, m + 1), "month"
    y, m, d = _need(pub, f"{rel} week", month=True, day=True)
    monday = date(y, m, d) - timedelta(days=date(y, m, d).weekday()) + timedelta(weeks=shift)
    return monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "range"


def _groups(match: re.Match, prefix: str) -> dict:
    n = len(prefix)
    return {k[n:]: v for k, v in match.groupdict().items() if v is not None and k.startswith(prefix)}


def _describe(start: str | None, end: str | None) -> str:
    if start == end:
        return start or ""
    if start and end and start[:4] == end[:4] and end.startswith(start):
        return f"{start}, before {end}"  # earlier this year
    if start and end and start[:4] == end[:4] and start.startswith(end):
        return f"{end}, after {start}"  # later this year
    if start and end:
        return f"{start} to {end}"
    return f"from {start}" if start else f"until {end}"


def _reading(text: str, match: re.Match, pub, where: str, direction: str | None = None) -> DateReading:
    """The reading of one match of _FIND_RE (or of the whole of a value). Whatever the numbers in
    it, never raises: a number of thousands of digits (Python reads at most 4,300), a year out of
    the calendar ("9999999 years ago", the day after 9999-12-31) is unread, with the reason."""
    try:
        got = _read_match(text, match, pub, where, direction)
    except (ValueError, OverflowError):
        return DateReading(text, None, None, "unread", "a number too large to be a date", where)
    for iso in (got.start, got.end):
        if iso is not None and not (iso[:1].isdigit() and 1 <= int(iso.split("-")[0]) <= 9999):
            return DateReading(text, None, None, "unread", "outside the calendar (years 1 to 9999)", where)
    return got


def _read_match(text: str, match: re.Match, pub, where: str, direction: str | None = None) -> DateReading:
    if match.group("vague"):
        return DateReading(text, None, None, "unread", "vague: no date in the words themselves", where)
    try:
        if match.group("range_from"):
            a_start, _, _ = _point(_groups(match, "a_"), pub)
            _, b_end, _ = _point(_groups(match, "b_"), pub)
            return DateReading(text, a_start, b_end, "range", f"{a_start} to {b_end}", where)
        start, end, precision = _point(_groups(match, "p_"), pub)
    except _Unread as why:
        return DateReading(text, None, None, "unread", str(why), where)
    lead = " ".join((match.group("lead") or "").lower().split()) or direction or ""
    if lead in ("since", "from", "as of"):
        return DateReading(text, start, None, "range", f"from {start}", where)
    if lead == "after":
        return DateReading(text, _after(end), None, "range", f"after {end}", where)
    if lead == "before":
        return DateReading(text, None, _before(start), "range", f"before {start}", where)
    if lead in ("until", "till", "through", "by"):
        return DateReading(text, None, end, "range", f"{lead} {end}", where)
    if lead in ("early", "late", "mid", "mid-") and precision in ("year", "month"):
        return DateReading(text, start, end, precision, f"{lead.rstrip('-')} {start}", where)
    return DateReading(text, start, end, precision, _describe(start, end), where)


def _after(iso: str) -> str:
    """The first date at the same precision after `iso`: after 2018 is from 2019."""
    parts = [int(x) for x in iso.split("-")]
    if len(parts) == 1:
        return _iso(parts[0] + 1)
    if len(parts) == 2:
        y, m = divmod(parts[0] * 12 + parts[1], 12)
        return _iso(y, m + 1)
    return (date(*parts) + timedelta(days=1)).isoformat()


def _before(iso: str) -> str:
    """The last date at the same precision before `iso`: before 2018 is until 2017."""
    parts = [int(x) for x in iso.split("-")]
    if len(parts) == 1:
        return _iso(parts[0] - 1)
    if len(parts) == 2:
        y, m = divmod(parts[0] * 12 + parts[1] - 2, 12)
        return _iso(y, m + 1)
    return (date(*parts) - timedelta(days=1)).isoformat()


_VALUE_FIX = re.compile(r"^\s*(?:(?:in|on|at|during)\s+)?(?P<rest>.*?)[\s.,;]*$", re.IGNORECASE | re.DOTALL)


def read_date(value: str, published: str | None, key: str = "") -> DateReading:
    """Read a whole qualifier value as one date expression (`key` may give its direction:
    `since: '2018'` is from 2018). Anything else is unread, with the reason."""
    key = key.lower()
    direction = ("from" if key in _FROM_KEYS else "after" if key == "after" else "before" if key == "before"
                 else "until" if key in _UNTIL_KEYS else None)
    rest = _VALUE_FIX.match(value).group("rest")
    match = _FIND_RE.fullmatch(rest)
    if match is not None and not (match.group("p") is not None and _lowercase_name(match)):
        return _reading(value, match, publication_date(published), key or "value", direction)
    return DateReading(value, None, None, "unread", "not a date expression this reader knows", key or "value")


def _lowercase_name(match: re.Match) -> bool:
    """A month or weekday written in lower case ("may", "march") is a word, not a date."""
    for name in ("p_md_month", "p_dm_month", "p_my_month", "p_rm_month", "p_mr_month", "p_weekday", "p_bare_month",
                 "p_rw_day"):
        word = match.group(name)
        if word and not word[0].isupper() and word.lower().rstrip(".") not in FOREIGN_MONTHS:
            return True  # (other languages write their months in lower case: "18 février")
        if word and word[0].isupper() and word.lower() in _WORDS_TOO:
            return True
    return False


def find_dates(text: str, published: str | None) -> list[tuple[int, int, DateReading]]:
    """(start, end, reading) of every date expression in running text, in order."""
    pub = publication_date(published)
    out = []
    for match in _FIND_RE.finditer(text):
        if match.group("p") is not None:
            if _lowercase_name(match):
                continue
            if match.group("p_bare_month") and not match.group("lead"):
                continue  # "May" alone is more often a word than a month
            if match.group("p_weekday") and not match.group("p_weekday")[0].isupper():
                continue
        elif match.group("range_from") is not None:
            pass
        out.append((match.start(), match.end(), _reading(match.group(), match, pub, "quote")))
    return out


# --- the timeline -----------------------------------------------------------------------------------


def is_date_key(key: str) -> bool:
    return key.lower() in DATE_KEYS


@dataclass(frozen=True)
class Dated:
    """A relation and one reading of a date it carries."""

    relation: str  # the relation's id
    source: str  # the source the date was read against (its first quote's)
    date: DateReading


def relation_dates(base: FactBase, rel: Relation) -> list[DateReading]:
    """Every date expression of a relation, read: its date qualifiers first; then, when none of
    them reads as a date, the dates its quotes state."""
    source_id = rel.first_position[0]
    source = base.sources.get(source_id)
    published = source.meta.published if source is not None else None
    readings = []
    for key, value in rel.qualifiers.items():
        if value in base.entities:
            continue
        reading = read_date(value, published, key.lower())
        if reading.unread and not is_date_key(key):
            continue
        readings.append(reading)
    if any(not r.unread for r in readings):
        return readings
    seen = set()
    for ev in rel.evidence:
        if ev.anchor is None:
            continue
        quote_source = base.sources[ev.anchor.source]
        quoted = quote_source.text[ev.anchor.start:ev.anchor.end]
        for _, _, reading in find_dates(quoted, quote_source.meta.published):
            key = (reading.text, reading.start, reading.end, reading.precision)
            if key not in seen:
                seen.add(key)
                readings.append(reading)
    return readings


@dataclass
class Timeline:
    dated: list[Dated]  # read dates, in time order
    unread: list[Dated]  # expressions that could not be read, in card order

    def to_json(self, base: FactBase) -> dict:
        def item(d: Dated) -> dict:
            rel = base.relations[d.relation]
            return {"relation": rel.id, "sentence": base.sentence(rel), "certainty": rel.certainty,
                    "attribution": rel.attribution, "source": d.source, "file": rel.file, **d.date.to_json()}

        return {"dated": [item(d) for d in self.dated], "unread": [item(d) for d in self.unread]}


def timeline(base: FactBase, only: Collection[str] | None = None) -> Timeline:
    """Every dated relation of the fact base in time order (a relation with several dates is
    listed at each), and every date expression left unread; with `only`, just those relations
    (the ids of the facts one source backs, when the panes are filtered to it)."""
    dated, unread = [], []
    order = {rid: n for n, rid in enumerate(base.relations)}
    for rel in base.relations.values():
        if only is not None and rel.id not in only:
            continue
        source = rel.first_position[0]
        for reading in relation_dates(base, rel):
            (unread if reading.unread else dated).append(Dated(rel.id, source, reading))
    precision_rank = {p: n for n, p in enumerate(("range", "year", "month", "day"))}
    dated.sort(key=lambda d: (d.date.sort_key, precision_rank.get(d.date.precision, 0), order[d.relation]))
    return Timeline(dated, unread)
