"""Where a source comes from: its sidecar (`seeds/ID.yaml` next to `seeds/ID.txt`), and a title
for a source that has none. No Textual here.

A sidecar is a small YAML mapping read with the cards' safe reader (every scalar is text, no tag
is ever constructed), checked against the field table below; the JSON Schema in
`explorer/schema/source.schema.json` is generated from the same table. Every field is optional:

    title: Kim Jong Un Gifted Russian-Made Luxury Car From Pal Putin
    url: https://www.twz.com/news-features/kim-jong-un-gifted-russian-made-luxury-car-from-pal-putin
    outlet: The War Zone
    authors: [Oliver Parken]
    published: 2024-02-20
    retrieved: 2024-02-21
    language: en

A problem in a sidecar is reported like a card's (`path:line:col: message`) and the source still
loads, with the fields that were good.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import TYPE_CHECKING

from explorer.core.cardformat.fields import FieldSpec
from explorer.core.model import Problem, record
from explorer.core.regexes import compiled
from explorer.core.text import LazyPattern
from explorer.core.safetext import quoted

if TYPE_CHECKING:  # (the YAML reader and the card rules are imported when a sidecar is read)
    from explorer.core.cardformat.cards import Issues
    from explorer.core.cardformat.yamlsafe import Document

SIDECAR_SUFFIX = ".yaml"
MAX_SIDECAR_BYTES = 1 << 20  # as a card (explorer.core.cardformat.yamlsafe.MAX_CARD_BYTES)


SOURCE_FIELDS: dict[str, FieldSpec] = {
    f.name: f
    for f in (
        FieldSpec("title", "line", False, "The article's headline, as the outlet gives it."),
        FieldSpec("url", "url", False, "Where the article was published (its canonical http(s) address)."),
        FieldSpec("outlet", "line", False, "Who published it: a newspaper, agency, site or broadcaster."),
        FieldSpec("authors", "names", False, "Who wrote it (a list; one name may be written without the list)."),
        FieldSpec("published", "date", False, "When it was published: YYYY-MM-DD (or YYYY-MM, YYYY; a time may follow)."),
        FieldSpec("retrieved", "date", False, "When this copy was taken: YYYY-MM-DD (or with a time)."),
        FieldSpec("language", "language", False, "Its language as a BCP 47 tag: en, de, pt-BR, ..."),
    )
}
SYNONYMS = {"author": "authors", "by": "authors", "byline": "authors", "headline": "title", "link": "url",
            "source": "outlet", "publisher": "outlet", "site": "outlet", "sitename": "outlet", "date": "published",
            "accessed": "retrieved", "lang": "language"}



@record
class SourceMeta:
    """What a sidecar says about its source. Empty fields are None (or an empty list)."""

    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    retrieved: str | None = None
    language: str | None = None

    def to_json(self) -> dict:
        return {"url": self.url, "outlet": self.outlet, "authors": list(self.authors),
                "published": self.published, "retrieved": self.retrieved, "language": self.language}


def check_sidecar(doc: "Document", issues: "Issues") -> SourceMeta:
    """The sidecar's fields; every problem goes to `issues` (the good fields are kept)."""
    from explorer.core.cardformat.cards import check_value, did_you_mean

    meta = SourceMeta()
    data = doc.data
    if data is None:
        return meta  # an empty file: nothing said yet
    if not isinstance(data, dict):
        issues.error((), "a source sidecar must be a mapping of fields (title, url, outlet, authors, published, ...)")
        return meta
    for key, value in data.items():
        spec = SOURCE_FIELDS.get(key)
        if spec is None:
            guess = SYNONYMS.get(str(key).lower())
            hint = f"; did you mean {quoted(guess)}?" if guess else did_you_mean(str(key), SOURCE_FIELDS)
            issues.error((key,), f"unknown field {quoted(key)} in a source sidecar{hint}", key=True)
            continue
        if value is None:
            continue
        checked = check_value(spec, value, (key,), issues, doc)
        if checked is not None:
            setattr(meta, key, checked)
    return meta


def sidecar_from_bytes(raw: bytes) -> tuple[SourceMeta, list[Problem]]:
    """A sidecar's fields and problems from its bytes (as `files.Workspace.read` gives them)."""
    from explorer.core.cardformat.cards import Issues
    from explorer.core.cardformat.yamlsafe import decode_card, parse_card

    text, issue = decode_card(raw, "sidecar")
    if issue is not None:
        return SourceMeta(), [issue]
    doc = parse_card(text, "sidecar")
    if doc.issues:
        return SourceMeta(), list(doc.issues)
    issues = Issues(doc)
    meta = check_sidecar(doc, issues)
    return meta, list(issues.items)


# --- a title for a source without one ------------------------------------------------------------

# Lines that are page furniture, not a headline: section labels, bylines, credits, video stubs.
_LABEL_WORDS = {
    "features", "feature", "news", "opinion", "analysis", "world", "politics", "business", "home", "menu",
    "advertisement", "video", "video thumbnail", "photo", "share", "subscribe", "sign in", "breaking news",
    "live", "exclusive", "editorial", "comment", "sport", "sports", "culture", "science", "technology",
    "tech", "health", "europe", "asia", "americas", "africa", "middle east", "latest", "top stories",
}
_BYLINE = LazyPattern(r"^(by\b|by[A-Z]|written by\b|posted\b|updated\b|published\b)", re.IGNORECASE)
_DATE_LINE = LazyPattern(
    r"^(\w+ \d{1,2}, \d{4}|\d{1,2} \w+ \d{4}|\d{4}-\d{2}-\d{2})\b"
    # or a line that is a date stamp and nothing else, after a weekday of one to three words, with
    # a time and a zone: "Thứ ba, 13/12/2016 | 14:16 GMT+7" (VnExpress), "Senin, 05 Feb 2024 10:00
    # WIB", "Tuesday, March 3, 2015 9:41 AM EST", "13.12.2016, 14:16 Uhr" (it was taken for the title)
    r"|^(?:[^\W\d_]+(?: [^\W\d_]+){0,2},?\s+)?"
    r"(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}\.? [^\W\d_]+\.? \d{4}|[^\W\d_]+\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:\s*[|,\-\u2013\u2014\u00b7/]?\s*\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:[A-Z]{2,5}|Uhr|h)(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?\s*$")
# a caption, credit or pointer line above a story ("Photo: Reuters/...", "Source: AP", "Read more: ...")
_CAPTION = LazyPattern(
    r"^(source|sources|photo|photos|photograph|picture|image|images|caption|credit|credits|video|watch|"
    r"read more|related|see also|file photo|foto|fotos|fuente|quelle|bild|crédit|crédits|légende)\s*:"
    # or a caption that ends with its credit: "... for two years. Source: Supplied", "... Picture: AFP"
    r"|.*?[.!?\u201d\u2019\"')]\s+(source|photo|picture|image|credit|foto|fuente|quelle|bild|crédit)s?\s*:\s*[^.!?]{1,60}$",
    re.IGNORECASE,
)
# a line that speaks to the reader ("Please share your videos ... at iReport.", "Click here to ...")
# or a gallery's counter ("1 of 2. A general view of ..."): never the story's title
_PROMO = LazyPattern(
    r"^(.*\b(please share|share your (videos|photos|pictures|stories)|send us your|click here|tap here|"
    r"sign up (for|to)|follow us on|subscribe to)\b|\d+ of \d+\.\s)",
    re.IGNORECASE,
)
MAX_TITLE_WORDS = 25
TITLE_LENGTH = 120


# YAML front matter at a Markdown file's start (---, its lines, ---), and its title line
_FRONT_MATTER = compiled(r"---[ \t]*\r?\n((?:.*\r?\n)*?)---[ \t]*(?:\r?\n|$)")
_FRONT_TITLE = compiled(r"(?m)^title:[ \t]*(.*?)[ \t]*\r?$")


def guess_title(text: str, fallback: str, *, lead: bool = True) -> str:
    """A title for a source that has no sidecar title: a Markdown `# heading`, else the first
    of its first lines that reads like a headline (not a section label such as "Features", a
    byline, a date, or a long lead paragraph), else (with `lead`, to name it on screen) the first
    line of the story cut short, else `fallback`. Without `lead`, only a headline: what `factex
    add` writes into a sidecar as the article's title."""
    cut = _cut if lead else str.strip  # (a sidecar's title is the whole headline)
    lines = []
    i, n = 0, len(text)
    front = _FRONT_MATTER.match(text, 0, 4000) if text.startswith("---") else None
    if front is not None:  # a Markdown article's YAML front matter (Jekyll, Hugo): its title, else skipped
        named = _FRONT_TITLE.search(front.group(1))
        if named is not None and named.group(1).strip(" \t\"'"):
            return cut(named.group(1).strip(" \t").strip("\"'").strip())
        i = front.end()
    while i < n and len(lines) < 12:  # only the opening lines, each looked at up to 1,000 characters
        j = text.find("\n", i)
        j = n if j < 0 else j
        for part in text[i : min(j, i + 1000)].splitlines():  # (\r, \u2028, ... end lines too)
            if part.strip():
                lines.append(part.strip())
        i = j + 1
    for line in lines:
        if line.startswith("# "):
            return cut(line[2:].strip())
    story = 0  # lines of the story itself passed: after two, the headline is not further down
    for line in lines:
        plain = line.lstrip("#").strip()
        words = plain.split()
        lowered = plain.lower().rstrip(":|")
        if len(words) > MAX_TITLE_WORDS or (plain.rstrip("\"'\u201d\u2019\u00bb)").endswith(".")
                                            and len(words) > 4 and not _PROMO.match(plain)):
            story += 1
            if story >= 2:
                break  # (a photo caption under the third paragraph was taken for the title)
        if (
            len(words) < 2
            or lowered in _LABEL_WORDS
            or _BYLINE.match(plain)
            or _DATE_LINE.match(plain)
            or _CAPTION.match(plain)
            or _PROMO.match(plain)
            or len(words) > MAX_TITLE_WORDS
            or plain.startswith(("(", "["))  # a credit or a note: "(Reporting by ...; Editing by ...)"
            # a paragraph of a language written without spaces (Japanese, Chinese, Thai): long,
            # or ended as a sentence ends there
            or len(plain) > 2 * TITLE_LENGTH
            or plain.rstrip("\"'\u201d\u2019\u00bb)\u300d\u300f").endswith(("\u3002", "\uff0e", "\u0964"))
            # a sentence (a quote's too): a headline of five words or more has no full stop
            or (plain.rstrip("\"'\u201d\u2019\u00bb)").endswith(".") and len(words) > 4)
        ):
            continue
        return cut(plain)
    if not lead:
        return fallback
    for line in lines:  # no headline: the first line that is the story's own (a lead), cut short
        plain = line.lstrip("#").strip()
        if not (_PROMO.match(plain) or _CAPTION.match(plain) or _BYLINE.match(plain) or _DATE_LINE.match(plain)
                or plain.lower().rstrip(":|") in _LABEL_WORDS):
            return _cut(plain)
    if lines:
        return _cut(lines[0])
    return fallback


def _cut(line: str) -> str:
    if len(line) <= TITLE_LENGTH:
        return line
    cut = line[: TITLE_LENGTH - 1]
    if " " in cut[TITLE_LENGTH // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "…"
