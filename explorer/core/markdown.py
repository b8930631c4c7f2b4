"""A Markdown article as its reader reads it: the text with its inline markup invisible.

An article saved as Markdown (`.md`: a blog post, a press release, a project's announcement) holds
markup its reader never sees: `**bold**`, `_emphasis_`, `` `code` ``, a link's brackets and its
address (`[Ingress object](http://...)` reads "Ingress object"), a block quote's `>`, a list's
`-`, a heading's `#`, a backslash escape. A person quoting it copies the page as shown. So a quote
not found in the text as it stands is looked for in `rendered(text)`: the same text, each markup
character replaced by a zero-width space (U+200B), which matching never sees. Every offset holds, so
the anchor is the article's own text, `text[start:end]`, markup and all; a quote that types the
markup is found in the text as it is, as before.

Principle: the quote must be the reader's words, verbatim, on whole words; the markup is how the
page was written, not words (as a soft hyphen or a zero-width space is not), and "[KubeCon](https://
kubecon.io/)," is read "KubeCon," whether a quote types the link or not. Words the markup runs
together stay together: `the[Job object](...)` reads "theJob object", as the page shows it.

A character reference (`&nbsp;`, `&amp;`, `&mdash;`, `&#8217;`, any of HTML's names) is markup too:
the page shows the character it stands for, so it reads as that character followed by zero-width
spaces (`5&nbsp;million` reads "5 million", `AT&amp;T` "AT&T"), outside code spans, where
CommonMark keeps it as written. A quote that begins or ends with such a character takes the whole
reference (`references()`: the anchor never cuts `&mdash;` to `&`).

Not a Markdown parser: the inline forms of CommonMark that news and announcements use, each a
regular expression over one line, replaced length for length. Code blocks, tables and HTML are left
as they stand (a quote of them types them as they are).
"""

from __future__ import annotations

import re

from explorer.core.text import LazyPattern

ZW = "\u200b"

# Each pattern's groups named `m...` are markup (blanked), the rest kept.
_PATTERNS = [
    # a link or an image: [text](address "title"), ![alt](address), [text][ref]
    LazyPattern(r"(?P<m1>!?\[)(?P<t>[^\[\]\n]*)(?P<m2>\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)|\]\[[^\[\]\n]*\])"),
    # an automatic link: <https://...>
    LazyPattern(r"(?P<m1><)(?P<t>(?:https?|mailto):[^<>\s]+)(?P<m2>>)"),
    # code: `code`, ``code``
    LazyPattern(r"(?P<m1>`+)(?P<t>[^`\n]+?)(?P<m2>(?P=m1))(?!`)"),
    # strong emphasis and strikethrough: **text**, __text__, ~~text~~
    LazyPattern(r"(?P<m1>\*\*|__|~~)(?=\S)(?P<t>[^\n]*?\S)(?P<m2>(?P=m1))"),
    # emphasis: *text*, _text_ (not inside a word: snake_case and 2*3*4 stay)
    LazyPattern(r"(?<![\w*\\])(?P<m1>\*)(?=[^\s*])(?P<t>[^*\n]*?[^\s*\\])(?P<m2>\*)(?![\w*])"),
    LazyPattern(r"(?<![\w\\])(?P<m1>_)(?=[^\s_])(?P<t>[^_\n]*?[^\s_\\])(?P<m2>_)(?!\w)"),
    # a line's block markers: a block quote's >, a heading's #, a list item's -, *, +, 1.
    LazyPattern(r"(?m)^(?P<m1>[ \t]{0,3}(?:>[ \t]?)+|[ \t]{0,3}#{1,6}[ \t]+|[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)"),
    # a backslash escape: \* \_ \[ ...
    LazyPattern(r"(?P<m1>\\)(?=[\\`*_{}\[\]()#+\-.!>~|])"),
]


# A character reference as CommonMark reads one: &name; (HTML's names), &#digits;, &#xhex;.
_REFERENCE = LazyPattern(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CODE = LazyPattern(r"(`+)[^`\n]+?\1(?!`)")


def references(text: str) -> list[tuple[int, int, str]]:
    """Every character reference of `text` read as Markdown reads it, outside code spans: (start,
    end, the characters it stands for); a name HTML does not know is text, and no reference."""
    if "&" not in text:
        return []
    import html

    code = [m.span() for m in _CODE.finditer(text)] if "`" in text else []
    found = []
    for m in _REFERENCE.finditer(text):
        a, b = m.span()
        if code and any(x <= a < y for x, y in code):
            continue
        read = html.unescape(m.group())
        if read != m.group() and 0 < len(read) < b - a:
            found.append((a, b, read))
    return found


def _blank(m: re.Match) -> str:
    text = m.group()
    out = []
    at = m.start()
    for name in ("m1", "m2"):
        if name in m.re.groupindex and m.group(name) is not None:
            a, b = m.span(name)
            out.append((a - at, b - at))
    chars = list(text)
    for a, b in out:
        chars[a:b] = ZW * (b - a)
    return "".join(chars)


def rendered(text: str) -> str:
    """`text` with its Markdown markup replaced by zero-width spaces, length for length (see the
    module's docstring); `text` itself when it has none."""
    out = text
    for pattern in _PATTERNS[:6]:
        for _ in range(3):  # nested emphasis (***a***, **[a](b)**): a few passes
            changed = pattern.sub(_blank, out)
            if changed == out:
                break
            out = changed
    for pattern in _PATTERNS[6:]:
        out = pattern.sub(_blank, out)
    refs = references(text)  # (last: the character a reference stands for is never markup, "&#42;")
    if refs:  # each reference: its characters, then zero-width spaces (length for length)
        pieces, last = [], 0
        for a, b, read in refs:
            if out[a:b] == text[a:b]:
                pieces += [out[last:a], read, ZW * (b - a - len(read))]
                last = b
        pieces.append(out[last:])
        out = "".join(pieces)
    return out
