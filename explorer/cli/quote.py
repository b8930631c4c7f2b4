"""`factex quote TEXT [WORKSPACE]`: where a passage stands in the sources, or the nearest passages."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import options


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex quote",
        description="Show where a passage stands in the sources (source, line, paragraph, with its line "
        "of context), matched as card quotes are: verbatim except for typography (whitespace, curly "
        "quotes, dashes, ellipses). Every occurrence is listed; when there is none, the nearest "
        "passages and how they differ.",
        epilog="Exit status: 0 found, 1 not found, 2 usage error.\n\n"
        "examples:\n"
        "  factex quote \"presented with a car made in Russia\"\n"
        "  factex quote \"Kim Jong Un's luxury car\" ~/news --source kim-aurus-gift",
        formatter_class=options.HelpFormatter,
    )
    p.add_argument("text", help="the passage to look for")
    options.add_workspace(p)
    p.add_argument("--source", metavar="ID", help="look only in this source (its file name in seeds/ without extension)")
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    given = options.workspace(p, args)
    from explorer.core.authoring import context, locate_quote, nearest_passages
    from explorer.core.paragraphs import one_line
    from explorer.core.safetext import visible
    from explorer.core.anchoring.sources import read_sources
    from explorer.core.text import normalize_quote

    if not normalize_quote(args.text):
        print("factex quote: the text to look for is empty", file=sys.stderr)
        return 2
    root = options.find_root(given)
    if root is None:
        return 2
    display_path = options.display_path
    sources = read_sources(root, root / "seeds").sources
    if args.source is not None:
        if args.source not in sources:
            return options.unknown("quote", "source", args.source, sources)
        sources = {args.source: sources[args.source]}
    if not sources:
        print(f"factex quote: no sources in {visible(display_path(root, 'seeds'))}/", file=sys.stderr)
        return 1
    mark = ("\x1b[7m", "\x1b[27m") if options.colour(sys.stdout) else ("", "")

    shown_paths: dict[str, str] = {}  # (each source's path worked out once, not once per occurrence)

    def show(p, head: str) -> None:
        path = shown_paths.get(p.source.path)
        if path is None:
            path = shown_paths[p.source.path] = visible(display_path(root, p.source.path))
        where = f"{path}:{p.line}:{p.column}"
        para = f"paragraph {p.paragraph}" if not p.spans_paragraphs else f"paragraphs {p.paragraph}-{p.end_paragraph} (a card quote may not span paragraphs)"
        print(f"{where}: {visible(p.source.id)} line {p.line}, {para}{head}")
        before, middle, after = (visible(one_line(part)) for part in context(p))
        print(f"  {before}{mark[0]}{middle}{mark[1]}{after}")

    found = locate_quote(args.text, sources.values())
    if found:
        for p in found:
            show(p, "")
        in_sources = sorted({p.source.id for p in found})
        n = len(found)
        summary = f"{n} occurrence{'s' if n != 1 else ''} in {', '.join(visible(s) for s in in_sources)}"
        if len(in_sources) > 1:
            summary += ": a card quoting it needs `source:`"
        elif n > 1:
            summary += ": a card quoting it needs `occurrence: N` or a `prefix`/`suffix` (or a longer quote)"
        print(summary)
        return 0
    where = f"{len(sources)} source{'s' if len(sources) != 1 else ''}" if len(sources) != 1 else visible(next(iter(sources)))
    from explorer.core.anchoring.anchor import edited_quote, inside_words

    edited = edited_quote(args.text, sources.values())
    if edited is not None:  # words left out, or a writer's own in brackets: said as a card's check says it
        print(f"not found in {where}: {visible(edited)}")
        return 1
    inside = inside_words(args.text, list(sources.values()))
    if inside is not None:  # there, but only as part of a word (or a character): say so, as a card's check does
        what, _, rest = inside.partition(": ")  # "quote is not found as whole words" (or "... characters")
        print(f"not found in {where} {what.removeprefix('quote is not found ')}: {visible(rest)}")
    near = nearest_passages(args.text, sources.values())
    if inside is not None and not near:
        return 1
    if not near:
        print(f"not found in {where}, and no passage is close to it")
        return 1
    nearest = f"the nearest passage{'s' if len(near) > 1 else ''}:"
    print(nearest[0].upper() + nearest[1:] if inside is not None else f"not found in {where}; {nearest}")
    for p in near:
        show(p, f" ({round(p.ratio * 100)}% alike)")
        if p.differences:
            print(f"  {visible(p.differences)}")
    return 1
