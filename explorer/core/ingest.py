"""`factex add`: a saved web page, a Markdown file or a plain text made into a source in `seeds/`,
with its sidecar (`seeds/ID.yaml`) filled from what the page says about itself. No Textual here.

- **A web page** (`.html`, `.htm`, `.xhtml`, or a download that says it is HTML): the article's
  text and metadata (title, authors, date, canonical address, outlet, language) are extracted by
  trafilatura (https://trafilatura.readthedocs.io), the field's standard extractor, imported only
  here and only when a page is added (`factex check`, the app and the other commands never load
  it). Each paragraph of the article becomes one line, paragraphs separated by a blank line, as
  factex reads paragraphs; the headline is the first paragraph.
- **Markdown** (`.md`, `.markdown`): kept as it is (saved as `ID.md`); a YAML front matter block
  (`---` ... `---`), when there is one, is taken off the text and read for the sidecar's fields.
- **Plain text** (anything else): kept as it is (saved as `ID.txt`).

Whatever the input, the text saved is clean UTF-8: a byte-order mark, NUL and other control
characters, soft hyphens and zero-width spaces (invisible, and they split words that a quote
would have to match) are dropped, the ligatures of text taken from a PDF (`ﬁ`, `ﬂ`, `ﬃ`) are
written out as their letters, tabs become spaces, line ends become `\\n`, trailing spaces go.
Input that is not UTF-8 is read as UTF-16 when it starts with its byte-order mark, else as
Windows-1252 (said in the notes).

The new files are written through `files.Workspace.create` (never over an existing file, never
through a link out of the workspace): the id is made from the title (or the file name) and is
one no file in `seeds/` uses yet, whatever its extension (`-2`, `-3`, ... when taken).
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from explorer.core.errors import FactexError, AddError, FileError
from explorer.core.layout import SOURCES_DIR
from explorer.core.cardformat.fields import DATE_RE, LANGUAGE_RE, URL_RE
from explorer.core.cardformat.provenance import SIDECAR_SUFFIX, SourceMeta, guess_title
from explorer.core.safetext import quoted
from explorer.core.anchoring.sources import HTML_REFERENCE, named_references

if TYPE_CHECKING:
    import os

MAX_INPUT_BYTES = 32 << 20  # a web page or text file larger than this is refused
MIN_ARTICLE_WORDS = 15  # less than this from a web page is navigation, not an article
FETCH_TIMEOUT = 20.0  # seconds, for `factex add URL`: the longest wait for any one answer
FETCH_DEADLINE = 60.0  # seconds, for `factex add URL`: the whole fetch (a server trickling bytes)
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
USER_AGENT = "factex (https://pypi.org/project/factex/; adds one article to a fact base)"


@dataclass
class Extracted:
    """A source ready to be written: its text, its suffix (`.txt` or `.md`) and its sidecar."""

    text: str
    suffix: str
    meta: SourceMeta
    kind: str  # html | markdown | text
    notes: list[str] = field(default_factory=list)  # what the user should know


@dataclass
class Added:
    id: str
    text_path: str  # relative to the workspace
    sidecar_path: str
    extracted: Extracted


# --- what kind of input --------------------------------------------------------------------------


def kind_of(name: str, data: bytes, content_type: str | None = None) -> str:
    """`html`, `markdown` or `text`: from the content type of a download, the file's extension,
    else from the first bytes (a page saved without an extension)."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if ctype in ("text/markdown", "text/x-markdown"):
        return "markdown"
    lower = name.lower().rsplit("?", 1)[0]
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower():
        return "html"
    return "text"


# --- clean text ----------------------------------------------------------------------------------

# Characters dropped from a source's text: controls (but line ends and tabs, handled below), the
# byte-order mark, soft hyphen, zero-width space and word joiner. They are invisible, and inside a
# word they stop a quote typed by a person from matching.
_DROP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff]")
_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# The Latin ligatures text taken from a PDF carries (U+FB00-U+FB06: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ), written out as
# their letters: a reader sees "finance", a quote typed so must match.
_LIGATURES = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}


def clean_text(text: str) -> str:
    """`text` as a clean source: see the module's docstring. Idempotent."""
    text = _LINE_ENDS.sub("\n", text)
    text = _DROP.sub("", text).replace("\t", " ").translate(_LIGATURES)
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines).strip("\n")
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text + "\n" if text else ""


def decode(data: bytes, notes: list[str]) -> str:
    """Bytes of a text file as text: UTF-8 (a byte-order mark allowed), UTF-32 or UTF-16 with its
    mark, else Windows-1252 (said in `notes`)."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # (before UTF-16: its mark starts alike)
        try:
            return data.decode("utf-32")
        except UnicodeDecodeError:
            pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    notes.append(f"not UTF-8 (byte 0x{data[where]:02x} at offset {where}): read as Windows-1252; check the text")
    return text


# --- extraction ----------------------------------------------------------------------------------


def extract(data: bytes, kind: str, *, url: str | None = None, name: str = "") -> Extracted:
    """The source made from `data` (see the module's docstring); AddError when there is no text."""
    if len(data) > MAX_INPUT_BYTES:
        raise AddError(f"{name or 'the page'} is {len(data) / (1 << 20):.0f} MiB; at most {MAX_INPUT_BYTES >> 20} MiB is read")
    if kind == "html":
        return extract_html(data, url=url)
    notes: list[str] = []
    text = decode(data, notes)
    meta = SourceMeta()
    if kind == "markdown":
        text, front = _front_matter(text, notes)
        meta = front
    if "&" in text and HTML_REFERENCE.search(text) is not None:  # (text saved from a page's HTML source)
        import html

        n = sum(1 for _ in HTML_REFERENCE.finditer(text))
        shown = named_references(text)
        text = HTML_REFERENCE.sub(lambda m: html.unescape(m.group()), text)
        notes.append(f"{n:,} HTML character reference{'s' if n != 1 else ''} ({shown}) written as the "
                     "characters they stand for")
    text = clean_text(text)
    if not text.strip():
        raise AddError(f"{name or 'the input'} holds no text")
    if url and not meta.url:
        meta.url = url
    if not meta.title:
        # only a headline is the article's title; a text that starts with its story (a lead,
        # a dateline) gets none rather than its first sentence cut short, and its id is made
        # from the file's name (glasgow-ebola.txt: 'glasgow-ebola', not 'london-reuters-a-...')
        meta.title = guess_title(text, "", lead=False) or None
        if meta.title is None:
            notes.append("no headline at the top of the text: the sidecar has no title; write it there "
                         "(title: ...)")
    return Extracted(text, ".md" if kind == "markdown" else ".txt", meta, kind, notes)


def extract_html(data: bytes, *, url: str | None = None) -> Extracted:
    """The article in a web page, and what the page says about it, by trafilatura."""
    try:
        import trafilatura  # imported here only: 0.4-0.9 s (measured on a busy 2-core machine) no other command pays
    except ImportError as exc:  # pragma: no cover - a broken install
        raise AddError(f"reading a web page needs trafilatura and lxml_html_clean ({exc}); "
                       "reinstall factex or `pip install trafilatura lxml_html_clean`") from None
    tree = trafilatura.load_html(data)
    if tree is None:
        raise AddError("the page cannot be read as HTML")
    language = _page_language(tree)
    doc = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, favor_precision=True,
        # The date the page states in its metadata, or none: htmldate's "extensive search" reads
        # dates out of the running text and URL and turned a page's broken date "2024-99-99"
        # into 2024-01-01. A guessed publication date would silently misdate every relative date
        # in the article (see core/timeline.py); none asks the user to fill it in.
        date_extraction_params={"extensive_search": False, "original_date": True,
                                "outputformat": "%Y-%m-%d", "max_date": _dt.date.today().isoformat()},
    )
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if len(body.split()) < MIN_ARTICLE_WORDS:
        found = f" (only {len(body.split())} words)" if body.strip() else ""
        raise AddError(f"no article text found in the page{found}: is it the article itself, not a front page or a login page?")
    notes: list[str] = []
    title = _one_line(doc.title)
    outlet = _one_line(doc.sitename)
    if title and outlet:
        title = _strip_site_suffix(title, outlet, getattr(doc, "hostname", None))
    meta = SourceMeta(
        title=title or None,
        url=_url(getattr(doc, "url", None)) or _url(url),
        outlet=outlet or None,
        authors=_authors(doc.author),
        published=_date(doc.date),
        language=language,
    )
    paragraphs = [p.strip() for p in doc.text.split("\n") if p.strip()]
    if title and paragraphs and not _is_headline(paragraphs[0], title):
        paragraphs.insert(0, title)  # the headline is part of what a card may quote
    text = clean_text("\n\n".join(paragraphs))
    missing = [name for name, value in (("title", meta.title), ("author", meta.authors), ("date", meta.published),
                                        ("address", meta.url), ("outlet", meta.outlet)) if not value]
    if missing:
        notes.append(f"the page does not say its {', '.join(missing)}: fill in the sidecar by hand")
    return Extracted(text, ".txt", meta, "html", notes)


def _is_headline(first: str, title: str) -> bool:
    """Whether the article's first paragraph already is a headline (then the title is not added):
    the title itself, or a short line without a full stop ("Coronavirus: New York ramps up ...")."""
    from explorer.core.text import fold

    a, b = fold(first).casefold().strip(), fold(title).casefold().strip()
    if a == b or (b and b in a and len(a) < 2 * len(b)):
        return True
    return len(a.split()) <= 20 and not a.endswith((".", "\"", "\u201d", ":"))


def _page_language(tree) -> str | None:
    """The page's language: `<html lang>`, else `og:locale`, else a Content-Language meta."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for meta in tree.iter("meta"):
        prop = (meta.get("property") or meta.get("name") or meta.get("http-equiv") or "").lower()
        if prop in ("og:locale", "content-language", "language", "dc.language"):
            candidates.append(meta.get("content"))
    for value in candidates:
        if value:
            tag = value.strip().replace("_", "-").split(",")[0].strip()
            if LANGUAGE_RE.match(tag):
                parts = tag.split("-")
                return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])
    return None


def _one_line(value) -> str:
    return " ".join(str(value).split()) if value else ""


# What a page's author field holds when no one is named: a content system's placeholders ("Username"
# on the Washington Post's page of the Bardo attack, whose reporter the page names elsewhere).
_NOT_AUTHORS = {"no author", "none", "unknown", "anonymous", "admin", "staff", "n/a", "username", "user name", "user",
                "guest", "author", "authors", "administrator", "webmaster", "editor", "editors", "root", "null",
                "undefined", "default", "system", "wordpress", "by", "posted by", "written by"}


def _authors(value) -> list[str]:
    """trafilatura's author field ('A; B') as a list of names, without placeholders."""
    out = []
    for part in re.split(r";|\|", _one_line(value)):
        name = part.strip(" ,")
        if name and name.casefold() not in _NOT_AUTHORS and name not in out:
            out.append(name)
    return out


def _date(value) -> str | None:
    text = _one_line(value)
    return text if text and DATE_RE.match(text) else None


def _url(value) -> str | None:
    text = _one_line(value)
    return text if text and URL_RE.match(text) else None


_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\u00b7:-]\s+")
_TITLE_DATE = re.compile(r"^[\d./\- ]+$")


def _strip_site_suffix(title: str, outlet: str, hostname: str | None) -> str:
    """'Headline | The Japan Times' -> 'Headline'; 'Headline | DW | 19.01.2020' -> 'Headline':
    trailing parts that are the outlet, the site's name or a date."""
    names = {outlet.casefold()}
    if hostname:
        host = hostname.casefold().removeprefix("www.")
        names |= {host, host.split(".")[0]}
    names |= {n.split(".")[0] for n in list(names)}
    parts = _SEPARATORS.split(title)
    seps = _SEPARATORS.findall(title)
    while len(parts) > 1:
        last = parts[-1].strip().casefold()
        if last in names or _TITLE_DATE.match(last) or last.removeprefix("the ") in names:
            parts.pop()
            seps.pop()
        else:
            break
    out = parts[0]
    for sep, part in zip(seps, parts[1:]):
        out += sep + part
    return out.strip() or title


def _front_matter(text: str, notes: list[str]) -> tuple[str, SourceMeta]:
    """A Markdown file's YAML front matter: taken off the text, its known fields kept."""
    from explorer.core.cardformat.cards import Issues
    from explorer.core.cardformat.provenance import SOURCE_FIELDS, SYNONYMS, check_sidecar
    from explorer.core.cardformat.yamlsafe import parse_card

    m = re.match(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", text, re.S)
    if not m:
        return text, SourceMeta()
    doc = parse_card(m.group(1))
    body = text[m.end():]
    if doc.issues or not isinstance(doc.data, dict):
        notes.append("the front matter is not a YAML mapping: taken off the text, not read")
        return body, SourceMeta()
    known = {}
    for key, value in doc.data.items():
        name = str(key).lower()
        name = name if name in SOURCE_FIELDS else SYNONYMS.get(name, "")
        if name and name not in known:
            known[name] = value
    doc.data = known
    issues = Issues(doc)
    meta = check_sidecar(doc, issues)
    if issues.items:
        notes.append("some front matter fields were not usable and were left out")
    return body, meta


# --- fetching ------------------------------------------------------------------------------------


@dataclass
class Fetched:
    data: bytes
    content_type: str | None
    url: str  # after redirects


class _PastDeadline(TimeoutError):
    """The fetch as a whole took longer than its deadline."""


class _DeadlineReader(io.RawIOBase):
    """A socket's reads, each given at most what is left of the deadline (and never more than the
    timeout): a server that sends a byte now and then cannot keep a fetch going past it, in its
    headers or its body."""

    def __init__(self, sock, deadline: float, timeout: float, clock) -> None:
        self._sock, self._deadline, self._timeout, self._clock = sock, deadline, timeout, clock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = self._deadline - self._clock()
        if left <= 0:
            raise _PastDeadline()
        self._sock.settimeout(min(self._timeout, left))
        try:
            return self._sock.recv_into(buffer)
        except TimeoutError:
            if self._clock() >= self._deadline:
                raise _PastDeadline() from None
            raise

    def close(self) -> None:
        if not self.closed:
            super().close()
            self._sock._decref_socketios()  # (as socket.SocketIO does: the socket closes with its last reader)


class _DeadlineSocket:
    """A connected socket whose `makefile` (what http.client reads the answer from) is a
    `_DeadlineReader`; everything else is the socket's own."""

    def __init__(self, sock, deadline: float, timeout: float, clock) -> None:
        self._sock = sock
        self._reader = (deadline, timeout, clock)

    def makefile(self, mode="rb", *args, **kwargs):
        self._sock._io_refs += 1  # (as socket.makefile does: a close of the connection waits for the reader)
        return io.BufferedReader(_DeadlineReader(self._sock, *self._reader))

    def __getattr__(self, name):
        return getattr(self._sock, name)


def _opener(deadline: float, timeout: float, clock):
    """A urllib opener that reads every answer under the deadline, and follows a redirect only to
    another http:// or https:// address (urllib also follows one to ftp://)."""
    import http.client
    import urllib.request

    def wrapped(base):
        class Connection(base):
            def connect(self) -> None:
                super().connect()
                self.sock = _DeadlineSocket(self.sock, deadline, timeout, clock)
        return Connection

    plain, secure = wrapped(http.client.HTTPConnection), wrapped(http.client.HTTPSConnection)

    class Plain(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(plain, req)

    class Secure(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(secure, req, context=self._context)

    class Redirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if not URL_RE.match(newurl) and "://" in newurl:
                raise AddError(f"{req.full_url} redirected to {newurl}, which is not a web address")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(Plain, Secure, Redirects)


def fetch(url: str, *, timeout: float = FETCH_TIMEOUT, deadline: float = FETCH_DEADLINE, clock=None) -> Fetched:
    """Download `url` (http or https only, at most MAX_INPUT_BYTES, within `deadline` seconds in
    all, `timeout` for any one answer); AddError in one line when it cannot be had (no network, a
    bad address, an HTTP error, an answer that is not HTTP, a server too slow). `clock`: the
    monotonic clock the deadline is read on (a test gives its own)."""
    import http.client
    import socket
    import time
    import urllib.error
    import urllib.request

    if not URL_RE.match(url):
        raise AddError(f"not a web address: {url} (give an http:// or https:// address, or a file)")
    clock = clock or time.monotonic
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"})
    slow = f"cannot fetch {url}: no whole answer in {deadline:.0f} s (a server that slow is left; save the page in a browser and `factex add` the file)"
    try:
        with _opener(clock() + deadline, timeout, clock).open(request, timeout=timeout) as response:
            final = response.geturl()
            if not final.lower().startswith(("http://", "https://")):
                raise AddError(f"{url} redirected to {final}, which is not a web address")
            data = response.read(MAX_INPUT_BYTES + 1)
            ctype = response.headers.get("Content-Type")
    except urllib.error.HTTPError as exc:
        raise AddError(f"cannot fetch {url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, _PastDeadline):
            raise AddError(slow) from None
        if isinstance(reason, socket.gaierror):
            why = "the host name cannot be resolved (no network?)"
        elif isinstance(reason, (TimeoutError, socket.timeout)):
            why = f"no answer in {timeout:.0f} s (no network?)"
        else:
            why = f"{getattr(reason, 'strerror', None) or reason} (no network?)"
        raise AddError(f"cannot fetch {url}: {why}; save the page in a browser and `factex add` the file") from None
    except _PastDeadline:
        raise AddError(slow) from None
    except (TimeoutError, socket.timeout):
        raise AddError(f"cannot fetch {url}: no answer in {timeout:.0f} s (no network?)") from None
    except OSError as exc:
        raise AddError(f"cannot fetch {url}: {exc.strerror or exc} (no network?)") from None
    except (http.client.HTTPException, ValueError) as exc:  # not an HTTP answer: a bad status line, 100+ headers, ...
        raise AddError(f"cannot fetch {url}: the server's answer is not HTTP that can be read "
                       f"({type(exc).__name__}); save the page in a browser and `factex add` the file") from None
    if len(data) > MAX_INPUT_BYTES:
        raise AddError(f"{url} is over {MAX_INPUT_BYTES >> 20} MiB; not read")
    return Fetched(data, ctype, final)


def today() -> str:
    return _dt.date.today().isoformat()


# --- writing -------------------------------------------------------------------------------------


def sidecar_text(meta: SourceMeta, origin: str) -> str:
    """The sidecar's YAML: the fields that have a value, each written so that it reads back as
    exactly that text, under a comment saying where it came from."""
    from explorer.core.authoring import yaml_scalar

    lines = [f"# {_comment(origin)}"] if origin else []
    lines.append("# Filled in by `factex add` from what the page says about itself: check it, edit it freely.")
    for name in ("title", "url", "outlet", "authors", "published", "retrieved", "language"):
        value = getattr(meta, name)
        if not value:
            continue
        if name == "authors":
            lines.append("authors:")
            lines.extend(f"  - {yaml_scalar(a)}" for a in value)
        else:
            lines.append(f"{name}: {yaml_scalar(value)}")
    return "\n".join(lines) + "\n"


def _comment(text: str) -> str:
    from explorer.core.safetext import visible

    return visible(" ".join(text.split()))[:300]


def source_id(meta: SourceMeta, fallback: str) -> str:
    """An id made from the title (its first six words, at most 48 characters), else from
    `fallback` (the file name): 'Losing face: 6,000 surgical masks ...' -> losing-face-6-000-surgical-masks."""
    from explorer.core.layout import card_slug

    for text in (meta.title, fallback):
        slug = "-".join(card_slug(text or "", max_length=48).split("-")[:6])
        if slug:
            return slug
    return "article"


def taken_ids(ws) -> set[str]:
    """Every stem of a name in seeds/ as a key (`layout.id_key`: case and normal form folded): an
    id none of whose files may exist yet."""
    from explorer.core.layout import id_key

    try:
        if ws.kind(SOURCES_DIR) == "missing":
            return set()
        _, entries = ws.scandir(SOURCES_DIR)
    except FileError as problem:
        raise AddError(f"cannot read {SOURCES_DIR}/: {problem.message}") from None
    return {id_key(name.rsplit(".", 1)[0]) for name, _ in entries}


def add_source(root: str | os.PathLike, extracted: Extracted, *, wanted_id: str | None = None,
               fallback: str = "article", origin: str = "") -> Added:
    """Write `seeds/ID.txt` (or `.md`) and `seeds/ID.yaml` in the workspace `root`, never over a
    file; AddError when the id asked for is taken or the files cannot be written."""
    from explorer.core import files
    from explorer.core.anchoring.sources import SOURCE_SUFFIXES
    from explorer.core.layout import check_id, id_key

    try:
        ws = files.Workspace(root)
    except OSError as exc:
        raise AddError(f"cannot open the workspace: {exc.strerror or exc}") from None
    with ws:
        taken = taken_ids(ws)
        if wanted_id is not None:
            stem, dot, ext = wanted_id.strip().rpartition(".")
            if dot and stem and f".{ext.casefold()}" in (*SOURCE_SUFFIXES, SIDECAR_SUFFIX):  # (x.txt made x.txt.txt)
                raise AddError(f"{quoted(wanted_id)} cannot be a source id: the id is the source's file name without "
                               f".{ext}; did you mean {quoted(stem)}?")
            try:
                sid = check_id(wanted_id)
            except FactexError as exc:
                raise AddError(str(exc).replace("cannot be an id: an id is the card's", "cannot be a source id: it is the source's")) from None
            if id_key(sid) in taken:
                raise AddError(f"{SOURCES_DIR}/ already has a file named {sid}.*; choose another --id")
        else:
            base = source_id(extracted.meta, fallback)
            sid, n = base, 2
            while id_key(sid) in taken:
                sid, n = f"{base}-{n}", n + 1
        text_rel = f"{SOURCES_DIR}/{sid}{extracted.suffix}"
        side_rel = f"{SOURCES_DIR}/{sid}{SIDECAR_SUFFIX}"
        try:
            ws.create(text_rel, extracted.text.encode("utf-8"))
            ws.create(side_rel, sidecar_text(extracted.meta, origin).encode("utf-8"))
        except FileError as problem:
            raise AddError(f"nothing more written: {problem.message}") from None
    return Added(sid, text_rel, side_rel, extracted)


def is_url(text: str) -> bool:
    return bool(re.match(r"^https?://", text, re.I))
