"""`factex diff [REV] [REV]`: what changed in the facts between two git revisions, or a revision
and the working tree."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import options


def parser() -> argparse.ArgumentParser:
    p = options.ArgumentParser(
        prog="factex diff",
        description="Compare the facts of the workspace between two git revisions, or a revision and the "
        "working tree: entities and relations added, removed and changed (field by field), evidence that "
        "moved or no longer anchors, problems introduced and fixed. Revisions are read from git's object "
        "store, never checked out.",
        epilog="No revision: HEAD against the working tree. One: that revision against the working tree.\n"
        "Exit status: 0 compared (whether or not anything changed), 2 usage error (not in a git repository,\n"
        "an unknown revision, no workspace).\n\n"
        "examples:\n"
        "  factex diff                      what the working tree changes since the last commit\n"
        "  factex diff main                 since the branch left main (or main's tip)\n"
        "  factex diff main feature         between two branches, as a reviewer reads a pull request\n"
        "  factex diff HEAD~3 HEAD --format json",
        formatter_class=options.HelpFormatter,
    )
    p.add_argument("revisions", nargs="*", metavar="REV", help="a git revision (commit, branch, tag, HEAD~2, ...); at most two")
    p.add_argument("-w", "--workspace", dest="workspace_option", metavar="WORKSPACE",
                   help=options.WORKSPACE_HELP)
    options.add_format(p, ("text", "json"))
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    if len(args.revisions) > 2:
        p.error("give at most two revisions")
    root = options.find_root(args.workspace_option)
    if root is None:
        return 2
    from explorer.core import gitdiff
    from explorer.core.errors import GitError
    from explorer.core.safetext import visible

    revs = list(args.revisions)
    old = revs[0] if revs else "HEAD"
    new = revs[1] if len(revs) > 1 else gitdiff.WORKTREE
    try:
        result = gitdiff.diff(root, old, new)
    except GitError as exc:
        print(f"factex diff: {visible(str(exc))}", file=sys.stderr)
        return 2
    if args.format == "json":
        options.json_dump(result)
    else:
        sys.stdout.write(gitdiff.to_text(result))
    return 0
