"""factex's date reader (explorer/core/timeline.py) against the `dateparser` package, on every
date expression of the shipped article and of the real articles in tests/.

    python bench/dates.py            (dateparser is not a dependency: pip install dateparser first
                                      to compare; without it only factex's readings are printed)

For each expression: what a careful reader takes it to mean (the expected reading), what factex
reads, and what dateparser 1.5 reads with RELATIVE_BASE set to the publication date and
PREFER_DATES_FROM "past". A dateparser reading counts as right when its date falls in the expected
period and it claims no more precision than the text gives (it fills a missing month or day from the
base date, so "in 2021" becomes 2021-02-20: that is counted as wrong, a silent guess). Prints the
count right for each, and the time of importing dateparser and of its first and later parses.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from explorer.core.timeline import read_date  # noqa: E402
from test_timeline import REAL, SHIPPED_ARTICLE, PUBLISHED  # noqa: E402

# (publication date, expression, what it means there, its precision). In the other languages
# factex reads only bare years: an unread expression is a miss, not a wrong reading.
CASES = [(PUBLISHED, text, reading, precision) for text, reading, precision in SHIPPED_ARTICLE]
MEANS = {("2013-11-27", "Thursday"): ("2013-11-28", "day"), ("2024-10-04", "Thursday"): ("2024-10-03", "day"),
         ("2012-10-27", "en 2003"): ("2003", "year"), ("2012-10-27", "En junio de este año"): ("2012-06", "month"),
         ("2012-12-10", "12月10日"): ("2012-12-10", "day"), ("2012-12-10", "去年"): ("2011", "year")}
CASES += [(published, text, *MEANS.get((published, text), (reading, precision)))
          for published, text, reading, precision in REAL]
CASES += [
    ("2012-10-27", "De diciembre de 2010 a junio de 2012", "2010-12 to 2012-06", "range"),
    ("2013-04-05", "aujourd'hui", "2013-04-05", "day"),
    ("2012-12-10", "星期三（11日）", "2012-12-11", "day"),
    ("2012-12-10", "11月中旬", "2012-11", "month"),
]


def _bounds(meaning: str) -> tuple[str, str]:
    if " to " in meaning:
        lo, hi = meaning.split(" to ")
        return lo, hi
    if meaning.startswith("from "):
        return meaning[5:], "9999"
    if ", before " in meaning:
        lo, hi = meaning.split(", before ")
        return lo, hi
    return meaning, meaning


def main() -> None:
    try:
        started = time.perf_counter()
        import dateparser
        imported = time.perf_counter() - started
    except ImportError:
        dateparser = None
    from datetime import datetime

    tally = {"factex": [0, 0, 0, 0], "dateparser": [0, 0, 0, 0]}  # right, left unread, wrong, a range holding it
    first = None
    print(f"{'expression':38} {'meaning':24} {'factex':24} dateparser")
    for published, text, meaning, precision in CASES:
        r = read_date(text, published, "date")
        got = None if r.unread else r.reading
        if got == meaning:
            tally["factex"][0] += 1
        elif got is None:
            tally["factex"][1] += 1
        elif meaning is not None and r.precision == "range" and (r.start or "0000") <= _bounds(meaning)[0] \
                and _bounds(meaning)[1] <= (r.end or "9999"):
            tally["factex"][3] += 1  # a range that holds it: less precise, not wrong
        else:
            tally["factex"][2] += 1
        shown = "-"
        if dateparser is not None:
            t = time.perf_counter()
            value = dateparser.parse(text, settings={"RELATIVE_BASE": datetime.fromisoformat(published),
                                                     "PREFER_DATES_FROM": "past"})
            first = first if first is not None else time.perf_counter() - t
            shown = value.date().isoformat() if value else "None"
            if value is None:
                tally["dateparser"][0 if meaning is None else 1] += 1
            elif meaning is None:
                tally["dateparser"][2] += 1
            else:
                lo, hi = _bounds(meaning)
                # in the period meant, and no month or day made up where the text gives none
                right = lo <= shown[:len(lo)] and shown[:len(hi)] <= hi and precision == "day"
                tally["dateparser"][0 if right else 2] += 1
        print(f"{text:38} {str(meaning):24} {str(got):24} {shown}")
    n = len(CASES)
    print(f"\n{n} expressions (a vague one is right when left unread)")
    for name, (right, unread, wrong, ranged) in tally.items():
        if name == "dateparser" and dateparser is None:
            print("dateparser: not installed (pip install dateparser to compare)")
            continue
        print(f"{name}: {right} right, {ranged} read as a range that holds it, {unread} left unread, {wrong} wrong "
              f"(a date in another period, or a month or day made up)")
    if dateparser is not None:
        print(f"dateparser {dateparser.__version__}: import {imported * 1000:.0f} ms, first parse {first * 1000:.0f} ms")


if __name__ == "__main__":
    main()
