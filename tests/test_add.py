"""`factex add FILE|URL`: saved pages of real news sites (tests/data/pages/, see its README) become
clean sources with their sidecars; nothing is ever written over a file; a URL is fetched (here from
a server on the loopback address), and an address that cannot be reached fails in one line."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import inprocess
from conftest import REPO
from explorer.cli import main
from explorer.core import ingest
from explorer.core.cardformat.provenance import SourceMeta, sidecar_from_bytes

PAGES = REPO / "tests" / "data" / "pages"

# What each saved page must give: the id made from its title, the sidecar's fields, the first
# words of the article's first paragraph after the headline, and a sentence from its end.
EXPECTED = {
    "reuters.com.parasite.html": dict(
        id="parasite-scores-historic-upset-at-sag",
        title="'Parasite' scores historic upset at SAG awards, boosting Oscar chances",
        outlet="Reuters", authors=["Jill Serjeant"], published="2020-01-20", language="en",
        url="https://www.reuters.com/article/us-awards-sag-idUSKBN1ZI0EH",
        lead="LOS ANGELES (Reuters) - South Korean thriller “Parasite” was the upset winner",
        inside="Phoenix’s terrifying performance as a loner who finds fame through violence in “Joker” has swept awards season.",
    ),
    "japantimes.co.jp.surgical.html": dict(
        id="losing-face-6-000-surgical-masks",
        title="Losing face: 6,000 surgical masks stolen from Kobe hospital",  # " | The Japan Times" taken off
        outlet="The Japan Times", authors=[], published="2020-02-18", language="en-US",  # "No Author" is no author
        url="https://www.japantimes.co.jp/news/2020/02/18/national/crime-legal/6000-surgical-masks-stolen/",
        lead="KOBE – A total of 6,000 surgical masks have been lost at a hospital in Kobe",
        inside="The room is usually locked, the officials said.",
    ),
    "phys.org.tool.html": dict(
        id="flint-flake-tool-partially-covered-by",
        title="Flint flake tool partially covered by birch tar adds to evidence of Neanderthal complex thinking",
        outlet="Phys.org", authors=["Bob Yirka"], published="2019-10-22", language="en-US",
        url="https://phys.org/news/2019-10-flint-flake-tool-partially-birch.html",
        lead="A team of researchers affiliated with several institutions in The Netherlands",
        inside="carbon dating showed it to be approximately 50,000 years old.",
    ),
    "bbc.com.52241221.html": dict(
        id="new-york-ramps-up-mass-burials",
        title="New York ramps up mass burials amid virus outbreak",
        outlet="BBC News", authors=[], published="2020-04-10", language="en",
        url="https://www.bbc.com/news/world-us-canada-52241221",
        lead="Images have emerged of coffins being buried in a mass grave in New York City",
        inside="Workers in hazmat outfits were seen stacking wooden coffins in deep trenches in Hart Island.",
        headline="Coronavirus: New York ramps up mass burials amid outbreak",  # the page's own, not its <title>
    ),
}


@pytest.fixture
def workspace(tmp_path):
    root = tmp_path / "news"
    assert main(["init", str(root)]) == 0
    return root


def seeds(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "seeds").iterdir())}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_a_saved_news_page_becomes_a_clean_source_with_its_sidecar(workspace, page, capsys):
    want = EXPECTED[page]
    assert main(["add", str(PAGES / page), str(workspace)]) == 0
    out = capsys.readouterr().out
    text_file = workspace / "seeds" / f"{want['id']}.txt"
    sidecar = workspace / "seeds" / f"{want['id']}.yaml"
    assert set(seeds(workspace)) == {text_file.name, sidecar.name}
    assert f"seeds/{want['id']}.txt" in out and f"title: {want['title']}" in out

    raw = text_file.read_bytes()
    text = raw.decode("utf-8")  # clean UTF-8: no mark, no CR, no control, no markup left
    assert not raw.startswith(b"\xef\xbb\xbf") and "\r" not in text
    assert not any(c in text for c in "\x00\u00ad\u200b\ufeff") and "<p" not in text and "</" not in text
    assert text.endswith(".\n") or text.endswith("\n") and not text.endswith("\n\n")
    paragraphs = text[:-1].split("\n\n")
    assert paragraphs[0] == want.get("headline", want["title"])  # the headline is the first paragraph (quotable)
    assert paragraphs[1].startswith(want["lead"]) or any(p.startswith(want["lead"]) for p in paragraphs[1:4])
    assert want["inside"] in text
    assert all(p.strip() and "\n" not in p for p in paragraphs)  # one line per paragraph, one blank line between

    meta, problems = sidecar_from_bytes(sidecar.read_bytes())
    assert problems == []
    assert (meta.title, meta.outlet, meta.authors, meta.published, meta.url, meta.language) == (
        want["title"], want["outlet"], want["authors"], want["published"], want["url"], want["language"])
    assert meta.retrieved is None  # a saved file: when it was taken is not known

    assert main(["check", str(workspace)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_all_four_pages_in_one_workspace_check_clean_and_export_their_provenance(workspace, capsys):
    for page in EXPECTED:
        assert main(["add", str(PAGES / page), str(workspace)]) == 0
    capsys.readouterr()
    assert main(["export", str(workspace), "--format", "json"]) == 0
    sources = {s["id"]: s for s in json.loads(capsys.readouterr().out)["sources"]}
    assert set(sources) == {w["id"] for w in EXPECTED.values()}
    for want in EXPECTED.values():
        s = sources[want["id"]]
        assert (s["title"], s["outlet"], s["published"], s["url"]) == (want["title"], want["outlet"], want["published"], want["url"])


def test_adding_never_writes_over_a_file(workspace, capsys):
    page = PAGES / "japantimes.co.jp.surgical.html"
    (workspace / "seeds" / "losing-face-6-000-surgical-masks.yaml").write_text("title: mine\n", encoding="utf-8")
    before = seeds(workspace)
    assert main(["add", str(page), str(workspace)]) == 0  # the id is taken (by a sidecar alone): -2
    assert main(["add", str(page), str(workspace)]) == 0  # and again: -3
    after = seeds(workspace)
    assert after["losing-face-6-000-surgical-masks.yaml"] == before["losing-face-6-000-surgical-masks.yaml"]
    assert {"losing-face-6-000-surgical-masks-2.txt", "losing-face-6-000-surgical-masks-3.txt"} <= set(after)
    capsys.readouterr()
    # An id asked for that is taken: nothing written, one line, exit 1.
    assert main(["add", str(page), str(workspace), "--id", "losing-face-6-000-surgical-masks-2"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already has a file named losing-face-6-000-surgical-masks-2" in err
    assert seeds(workspace) == after
    # An id that is not a file name.
    assert main(["add", str(page), str(workspace), "--id", "../out"]) == 1
    assert "cannot be a source id" in capsys.readouterr().err
    assert seeds(workspace) == after


def test_a_seeds_folder_that_is_a_link_out_is_never_written_through(tmp_path, capsys):
    root = tmp_path / "ws"
    (root / "facts").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "seeds").symlink_to(outside)
    assert main(["add", str(PAGES / "phys.org.tool.html"), str(root)]) == 1
    assert list(outside.iterdir()) == []
    assert "outside the workspace" in capsys.readouterr().err


def test_markdown_keeps_its_text_and_its_front_matter_fills_the_sidecar(workspace, tmp_path, capsys):
    md = tmp_path / "interview.md"
    md.write_bytes(
        "---\ntitle: 'An interview: part 1'\nauthor: Ana Ruiz\ndate: 2024-03-01\nurl: https://example.org/a\n"
        "tags: [x]\n---\n# An interview\r\n\r\nShe said: \u201cno\u00adthing\u200b changed.\u201d\t \r\n".encode("utf-8"))
    assert main(["add", str(md), str(workspace)]) == 0
    text = (workspace / "seeds" / "an-interview-part-1.md").read_text(encoding="utf-8")
    assert text == "# An interview\n\nShe said: \u201cnothing changed.\u201d\n"
    meta, problems = sidecar_from_bytes((workspace / "seeds" / "an-interview-part-1.yaml").read_bytes())
    assert problems == [] and (meta.title, meta.authors, meta.published, meta.url) == (
        "An interview: part 1", ["Ana Ruiz"], "2024-03-01", "https://example.org/a")


def test_plain_text_not_in_utf8_is_read_as_windows_1252_and_said(workspace, tmp_path, capsys):
    txt = tmp_path / "old-file.txt"
    txt.write_bytes("Caf\u00e9 owners said \u201cyes\u201d.\r\n".encode("cp1252"))
    assert main(["add", str(txt), str(workspace)]) == 0
    out = capsys.readouterr().out
    assert "read as Windows-1252" in out
    assert (workspace / "seeds" / "cafe-owners-said-yes.txt").read_text(encoding="utf-8") == "Caf\u00e9 owners said \u201cyes\u201d.\n"


def test_a_page_without_an_article_and_a_missing_file_fail_in_one_line(workspace, tmp_path, capsys):
    empty = tmp_path / "front.html"
    empty.write_text("<html><head><title>Home</title></head><body><nav>Menu</nav></body></html>", encoding="utf-8")
    assert main(["add", str(empty), str(workspace)]) == 1
    assert main(["add", str(tmp_path / "nope.html"), str(workspace)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "no article text" in err[0] and "cannot read" in err[1]
    assert seeds(workspace) == {}


def test_a_date_the_page_does_not_state_is_never_guessed(workspace, tmp_path, capsys):
    page = tmp_path / "undated.html"
    page.write_text(
        '<html><head><title>A report</title><meta property="article:published_time" content="2024-99-99">'
        "</head><body><article><h1>A report</h1><p>" + "Officials said on Tuesday that the talks in 2024 went well. " * 6
        + "</p><p>" + "Nobody else said anything about the talks at all that day. " * 6 + "</p></article></body></html>",
        encoding="utf-8")
    assert main(["add", str(page), str(workspace)]) == 0
    sidecar = (workspace / "seeds" / "a-report.yaml").read_text(encoding="utf-8")
    assert "published" not in sidecar  # not 2024-01-01, which a text search made of it
    assert "date" in capsys.readouterr().out  # and the user is told to fill it in


@pytest.fixture
def server():
    """A web server on the loopback address serving tests/data/pages/."""
    handler = functools.partial(QuietHandler, directory=str(PAGES))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_a_url_is_fetched_and_its_retrieval_date_kept(workspace, server, capsys):
    assert main(["add", f"{server}/reuters.com.parasite.html", str(workspace)]) == 0
    meta, problems = sidecar_from_bytes((workspace / "seeds" / "parasite-scores-historic-upset-at-sag.yaml").read_bytes())
    assert problems == []
    assert meta.url == "https://www.reuters.com/article/us-awards-sag-idUSKBN1ZI0EH"  # the page's canonical address
    assert meta.retrieved == ingest.today()
    assert main(["add", f"{server}/missing.html", str(workspace)]) == 1
    assert "the server answered 404" in capsys.readouterr().err


def test_without_a_network_a_url_fails_cleanly_in_one_line(workspace):
    import socket

    with socket.socket() as s:  # a port nobody listens on: refused, as with no network
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = inprocess.factex("add", f"http://127.0.0.1:{port}/a.html", workspace)
    assert result.returncode == 1
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert result.stderr.startswith("factex add: cannot fetch") and "Traceback" not in result.stderr
    assert seeds(workspace) == {}


def test_dry_run_writes_nothing(workspace, capsys):
    assert main(["add", str(PAGES / "phys.org.tool.html"), str(workspace), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Flint flake tool") and "\n---\n" in out and "outlet: Phys.org" in out
    assert seeds(workspace) == {}


def test_a_html_page_left_in_seeds_is_reported_with_what_to_do(workspace, capsys):
    (workspace / "seeds" / "page.html").write_bytes((PAGES / "phys.org.tool.html").read_bytes())
    assert main(["check", str(workspace)]) in (0, 1)
    out = capsys.readouterr().out
    assert "seeds/page.html:1:1: warning: not read as a source" in out and "factex add" in out


# --- the single points: clean text, and a sidecar that reads back as written ----------------------

@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_clean_text_is_idempotent_and_leaves_nothing_invisible(text):
    cleaned = ingest.clean_text(text)
    assert ingest.clean_text(cleaned) == cleaned
    assert "\r" not in cleaned and "\t" not in cleaned and not ingest._DROP.search(cleaned)
    assert "\n\n\n" not in cleaned and not any(line != line.rstrip() for line in cleaned.split("\n"))


one_line = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40).map(
    lambda s: " ".join(s.split())).filter(bool)


@settings(max_examples=100, deadline=None)
@given(title=one_line, outlet=st.none() | one_line, authors=st.lists(one_line, max_size=3),
       published=st.none() | st.sampled_from(["2024", "2024-02", "2024-02-20", "2024-02-20T10:00:00Z"]),
       url=st.none() | st.sampled_from(["https://example.org/a?b=c#d", "http://x.y/no:yes#'q'"]))
def test_a_sidecar_written_by_add_reads_back_as_exactly_what_was_written(title, outlet, authors, published, url):
    meta = SourceMeta(title=title, outlet=outlet, authors=authors, published=published, url=url, language="en")
    text = ingest.sidecar_text(meta, "Added from a file named\nwith: 'odd' [/] chars")
    read, problems = sidecar_from_bytes(text.encode("utf-8"))
    assert problems == []
    assert read == meta


@pytest.mark.parametrize("wanted", ["x.txt", "x.md", "X.TXT", "x.yaml", "Losing-Face", "lo\u0301sing", "LO\u0301SING"])
def test_an_id_that_is_a_file_name_or_one_taken_but_for_case_or_form_is_refused(workspace, capsys, wanted):
    """`--id x.txt` wrote seeds/x.txt.txt (as `factex new --id kim.yaml` wrote kim.yaml.yaml); an
    id that an existing source's has but for case or normal form (layout.id_key) is taken."""
    page = PAGES / "japantimes.co.jp.surgical.html"
    (workspace / "seeds" / "losing-face.txt").write_text("Some text.\n", encoding="utf-8")
    (workspace / "seeds" / "l\u00f3sing.txt").write_text("Some text.\n", encoding="utf-8")
    before = seeds(workspace)
    capsys.readouterr()
    assert main(["add", str(page), str(workspace), "--id", wanted]) == 1
    err = capsys.readouterr().err
    assert "did you mean 'x'" in err.lower() or "already has a file named" in err, err
    assert seeds(workspace) == before


@pytest.fixture
def endless():
    """A web server on the loopback address whose answers never end: `/body` sends its headers and
    then bytes as fast as it can, `/headers` its status line and then nothing."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve(conn):
        with conn:
            try:
                path = conn.recv(65536).split(b" ")[1]
                if path == b"/headers":
                    conn.sendall(b"HTTP/1.1 200 OK\r\n")
                    conn.recv(1)  # until the client goes
                    return
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>")
                while True:
                    conn.sendall(b"word " * 8192)
            except OSError:
                pass

    def accept():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def test_a_server_that_never_ends_its_answer_is_left_at_the_deadline(endless):
    """A server trickling its answer (each read well within the timeout) cannot hold `factex add`
    past the fetch's deadline, in the body or the headers. The clock is the test's: each read of
    the answer takes a second of it (the body), or the first read is already past (the headers)."""
    ticks = iter(range(10**9))
    with pytest.raises(ingest.AddError, match="no whole answer in 5 s"):
        ingest.fetch(f"{endless}/body", deadline=5, clock=lambda: next(ticks))
    said = iter([0.0])
    with pytest.raises(ingest.AddError, match="no whole answer in 50 s"):
        ingest.fetch(f"{endless}/headers", deadline=50, clock=lambda: next(said, 1000.0))


def test_an_answer_that_is_not_http_or_redirects_elsewhere_is_one_line(endless):
    import socket

    answers = {
        "/status": b"garbage\r\n\r\n",
        "/headers": b"HTTP/1.1 200 OK\r\n" + b"X-A: b\r\n" * 200 + b"\r\n",
        "/line": b"HTTP/1.1 200 OK\r\nX: " + b"a" * 70000 + b"\r\n\r\n",
        "/chunks": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "/ftp": b"HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1/x\r\n\r\n",
    }
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                try:
                    conn.sendall(answers[conn.recv(65536).split(b" ")[1].decode()])
                except OSError:
                    pass

    threading.Thread(target=serve, daemon=True).start()
    try:
        for path in answers:
            with pytest.raises(ingest.AddError) as raised:
                ingest.fetch(f"http://127.0.0.1:{listener.getsockname()[1]}{path}")
            assert "\n" not in str(raised.value)
            assert ("not a web address" if path == "/ftp" else "not HTTP that can be read") in str(raised.value)
    finally:
        listener.close()


REAL_TEXTS = sorted(p for p in (REPO / "tests" / "real").glob("*/seeds/*") if p.suffix == ".txt")


def test_a_plain_text_gets_a_headline_for_its_title_or_none_never_its_lead_cut_short(workspace, tmp_path, capsys):
    """`factex add` of a plain text that starts with its story (a dateline, a lead: most texts
    copied from a page's body) wrote that first sentence cut short as the article's title
    ('LONDON (Reuters) - A healthcare worker has been diagnosed ... from Sierra…') and made the id
    of it (london-reuters-a-healthcare-worker-has). Over the real stories of tests/real: a title
    written is a whole line of the text; with none, the id is the file's name and a note says to
    write the title; the same text under a headline is titled and named by it."""
    assert len(REAL_TEXTS) >= 25
    headline = "Officials Confirm the Findings of the Inquiry"
    for n, path in enumerate(REAL_TEXTS):
        text = path.read_text(encoding="utf-8")
        lines = {line.strip() for line in text.splitlines()}
        ws = tmp_path / f"ws{n}"
        assert main(["init", str(ws)]) == 0
        for body, name in ((text, path.name), (f"{headline}\n\n{text}", f"headed-{path.name}")):
            copy = tmp_path / name
            copy.write_text(body, encoding="utf-8")
            capsys.readouterr()
            assert main(["add", str(copy), str(ws)]) == 0, path
            out = capsys.readouterr().out
            sid = out.split(": ", 1)[0].removeprefix("seeds/").rsplit(".", 1)[0].rsplit("/", 1)[-1]
            meta = sidecar_from_bytes((ws / "seeds" / f"{sid}.yaml").read_bytes())[0]
            if body is text:
                if meta.title is None:
                    assert sid == path.stem and "no headline at the top of the text" in out, (path, out)
                else:
                    assert meta.title in lines, (path, meta.title)
            else:
                assert meta.title == headline and sid == "officials-confirm-the-findings-of-the", (path, meta, sid)
