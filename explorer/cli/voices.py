"""`factex voices [WORKSPACE] [--format json]`: who says what. The facts grouped by the party they
are attributed to, each article's own voice apart, and by certainty within each."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import options


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex voices",
        description="List the facts by whose claim they are: each attributing party (a relation's "
        "`attribution:`) with the facts it is the source of, from every source together, then the facts "
        "each article states in its own voice; within each, by certainty (stated, reported, hedged, "
        "opinion), so that opinions and hedges stand apart. A claim another voice makes too names it.",
        epilog="examples:\n"
        "  factex voices                 every voice\n"
        "  factex voices --source ID     only the facts that source backs\n"
        "  factex voices --format json   {\"voices\": [{key, party, name, kind, sources, counts, facts}]}",
        formatter_class=options.HelpFormatter,
    )
    options.add_workspace(p)
    options.add_source(p)
    options.add_format(p, ("text", "json"))
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    base = options.load(options.workspace(p, args))
    if base is None:
        return 2
    from explorer.core.safetext import visible
    from explorer.core.voices import RELAYED, voice_name, voices

    only, status = options.only_source("voices", base, args.source)
    if status:
        return status
    found = voices(base, only)
    if args.format == "json":
        options.json_dump(found.to_json(base))
        return 0
    for voice in found.voices:
        n = len(voice)
        what = "the article's own voice" if voice.kind == "article" else visible(voice.key)
        print(f"{visible(voice.name)} ({what}): {n} fact{'s' if n != 1 else ''}, "
              f"{len(voice.sources)} source{'s' if len(voice.sources) != 1 else ''}")
        for certainty, ids in voice.groups.items():
            print(f"  {certainty} ({len(ids)})")
            for rid in ids:
                rel = base.relations[rid]
                also = found.also.get((voice.key, rid))
                also_text = f"  (also: {', '.join(voice_name(base, k) for k in also)})" if also else ""
                if certainty == RELAYED and rel.attribution:
                    also_text = f"  (said by {base.entity_name(rel.attribution)})"
                sources = f"  [{', '.join(rel.backing_sources)}]" if len(base.sources) > 1 else ""
                print(f"    {visible(base.sentence(rel))}{visible(sources)}{visible(also_text)}")
    parties = sum(1 for v in found.voices if v.kind == "party")
    print(f"{parties:,} attributing part{'ies' if parties != 1 else 'y'}, "
          f"{len(found.voices) - parties:,} article voice{'s' if len(found.voices) - parties != 1 else ''}",
          file=sys.stderr)
    return 0
