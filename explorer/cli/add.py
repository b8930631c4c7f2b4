"""`factex add FILE|URL [WORKSPACE]`: a saved web page, Markdown or plain text made into a source in
seeds/ with its sidecar (title, url, outlet, authors, published, language from the page)."""

from __future__ import annotations

import argparse
import os
import stat
import sys

from explorer.cli import options
from explorer.core.errors import AddError


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex add",
        description="Make a source of an article: a saved web page (.html), a Markdown file or a plain text, "
        "or a web address (fetched when there is a network). Writes seeds/ID.txt (or .md), the article's clean "
        "UTF-8 text, one paragraph per paragraph, and seeds/ID.yaml, its sidecar, filled from what the page "
        "says about itself: title, canonical address, outlet, authors, publication date, language. A web "
        "page's text and metadata are extracted by trafilatura. Nothing that exists is ever replaced: the id "
        "is made from the title and is one no file in seeds/ uses yet.",
        epilog="Exit status: 0 added; 1 it cannot be added (no article text, no network, a file there); "
        "2 usage error.\n\n"
        "examples:\n"
        "  factex add ~/Downloads/article.html                the page saved from a browser\n"
        "  factex add https://example.org/news/story news/    fetch it, add it to the workspace news/\n"
        "  factex add notes.md --id interview-2024-03         a Markdown text, under that id\n"
        "  factex add page.html --dry-run                     show the text and sidecar; write nothing",
        formatter_class=options.HelpFormatter,
    )
    p.add_argument("input", metavar="FILE|URL", help="a saved web page, a .md or .txt file, or an http(s) address")
    options.add_workspace(p)
    p.add_argument("--id", metavar="ID", help="the source's id, its file name in seeds/ (default: made from the title)")
    p.add_argument("--url", metavar="URL", help="where the page was published, when the saved page does not say")
    p.add_argument("--dry-run", action="store_true", help="print the text and the sidecar that would be written; write nothing")
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    from explorer.core import ingest
    from explorer.core.safetext import visible

    def fail(message: str, status: int = 1) -> int:
        print(f"factex add: {visible(message)}", file=sys.stderr)
        return status

    root = None
    if not args.dry_run:
        root = options.find_root(options.workspace(p, args))
        if root is None:
            return 2
    if args.url is not None and not ingest.is_url(args.url):
        return fail(f"--url must be an http:// or https:// address, not '{args.url}'", 2)
    try:
        if ingest.is_url(args.input):
            fetched = ingest.fetch(args.input)
            kind = ingest.kind_of(fetched.url, fetched.data, fetched.content_type)
            extracted = ingest.extract(fetched.data, kind, url=args.url or fetched.url, name=args.input)
            if not extracted.meta.url:
                extracted.meta.url = fetched.url
            extracted.meta.retrieved = ingest.today()
            origin = f"Added by factex add from {fetched.url} on {ingest.today()}."
            fallback = fetched.url.rstrip("/").rsplit("/", 1)[-1].split("?")[0] or "article"
        else:
            data = _read_input(args.input)
            kind = ingest.kind_of(args.input, data)
            extracted = ingest.extract(data, kind, url=args.url, name=os.path.basename(args.input))
            if args.url and not extracted.meta.url:
                extracted.meta.url = args.url
            origin = f"Added by factex add from the file {os.path.basename(args.input)}."
            fallback = os.path.basename(args.input).rsplit(".", 1)[0]
        if args.dry_run:
            sys.stdout.write(visible(extracted.text, keep_newlines=True) if _tty() else extracted.text)
            print("---")
            sys.stdout.write(visible(ingest.sidecar_text(extracted.meta, origin), keep_newlines=True))
            for note in extracted.notes:
                print(f"note: {visible(note)}", file=sys.stderr)
            return 0
        added = ingest.add_source(root, extracted, wanted_id=args.id, fallback=fallback, origin=origin)
    except AddError as exc:
        return fail(str(exc))
    _report(root, added)
    return 0


def _tty() -> bool:
    return sys.stdout.isatty()


def _read_input(path: str) -> bytes:
    """The file the user named (trusted as a path, but not to be a pipe or a huge file)."""
    from explorer.core import ingest

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise AddError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise AddError(f"{path} is not a regular file")
        if st.st_size > ingest.MAX_INPUT_BYTES:
            raise AddError(f"{path} is {st.st_size / (1 << 20):.0f} MiB; at most {ingest.MAX_INPUT_BYTES >> 20} MiB is read")
        from explorer.core.files import read_fd

        return read_fd(fd, st.st_size + 1)
    except OSError as exc:
        if isinstance(exc, AddError):
            raise
        raise AddError(f"cannot read {path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _report(root, added) -> None:
    from explorer.core.safetext import visible

    ex = added.extracted
    meta = ex.meta
    words = len(ex.text.split())
    from explorer.core import paragraphs as paragraphs_of

    paragraphs = paragraphs_of.count(ex.text)  # (as the app counts them: wire copy's indented first lines too)
    print(f"{options.display_path(root, added.text_path)}: {words:,} words in {paragraphs:,} paragraphs ({ex.kind})")
    said = []
    if meta.title:
        said.append(f"title: {meta.title}")
    if meta.outlet:
        said.append(f"outlet: {meta.outlet}")
    if meta.authors:
        said.append(f"by: {', '.join(meta.authors)}")
    if meta.published:
        said.append(f"published: {meta.published}")
    if meta.url:
        said.append(f"url: {meta.url}")
    if meta.language:
        said.append(f"language: {meta.language}")
    print(f"{options.display_path(root, added.sidecar_path)}: " + (visible("; ".join(said)) if said else "nothing known yet"))
    for note in ex.notes:
        print(f"note: {visible(note)}")
    print(f"Next: factex suggest --source {visible(added.id)} lists the names to card; in the app, `a` reads it.")
