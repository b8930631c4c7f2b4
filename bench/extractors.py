"""How `factex add` chose its extractor: trafilatura against readability-lxml and goose3 on the
saved news pages of tests/data/pages/ (and any page given on the command line).

Not a dependency of factex: run it in a scratch environment that has the three,
    python -m venv /tmp/x && /tmp/x/bin/pip install trafilatura lxml_html_clean readability-lxml goose3
    /tmp/x/bin/python bench/extractors.py [PAGE.html ...]
and read, per page and extractor: time, words, paragraphs, the metadata found, and the first and
last paragraph (where boilerplate shows up, or the article is cut). The README's "Adding articles"
section gives what it printed and why trafilatura was chosen.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

PAGES = Path(__file__).resolve().parent.parent / "tests" / "data" / "pages"


def with_trafilatura(html: bytes):
    import trafilatura

    d = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                    favor_precision=True).as_dict()  # as factex add calls it
    return d.get("text") or "", {k: d.get(k) for k in ("title", "author", "date", "url", "sitename")}


def with_readability(html: bytes):
    import lxml.html
    from readability import Document

    doc = Document(html)
    root = lxml.html.fromstring(doc.summary(html_partial=True))
    paras = [re.sub(r"\s+", " ", p.text_content()).strip() for p in root.iter("p", "h1", "h2", "h3", "li")]
    return "\n".join(p for p in paras if p), {"title": doc.short_title()}


def with_goose(html: bytes):
    from goose3 import Goose

    a = Goose({"enable_image_fetching": False}).extract(raw_html=html.decode("utf-8", "replace"))
    return a.cleaned_text or "", {"title": a.title, "author": "; ".join(a.authors or []), "date": a.publish_date,
                                  "url": a.canonical_link, "sitename": (a.opengraph or {}).get("site_name")}


def main(paths: list[str]) -> None:
    pages = [Path(p) for p in paths] or sorted(PAGES.glob("*.html"))
    for page in pages:
        html = page.read_bytes()
        print("=" * 20, page.name)
        for name, fn in (("trafilatura", with_trafilatura), ("readability", with_readability), ("goose3", with_goose)):
            t = time.perf_counter()
            try:
                text, meta = fn(html)
            except Exception as exc:  # noqa: BLE001 - a comparison: say it and go on
                print(f"  {name}: failed: {exc!r}")
                continue
            ms = (time.perf_counter() - t) * 1000
            lines = [line for line in text.splitlines() if line.strip()]
            found = {k: (str(v)[:50] if v else None) for k, v in meta.items()}
            print(f"  {name}: {ms:.0f} ms, {len(text.split())} words, {len(lines)} paragraphs; {json.dumps(found)}")
            print("     first:", lines[0][:100] if lines else "")
            print("     last: ", lines[-1][:100] if lines else "")


if __name__ == "__main__":
    main(sys.argv[1:])
