"""Build the command that opens a card in the user's editor at a line. No Textual here."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

# Editors that take `file:line` (or a flag) rather than vi's `+line file`.
_COLON_STYLE = {"hx", "helix", "zed", "subl", "sublime_text"}
_GOTO_FLAG = {"code", "code-insiders", "codium", "cursor"}


def editor_command(path: Path, line: int = 1, *, environ=None) -> list[str]:
    """The argv to edit `path` at `line`, from $VISUAL or $EDITOR (default: vi).

    The path is always absolute, so a card named like an option (`-rf.yaml`) can never be read
    as one by the editor, and no shell is involved: the path is one argument, whatever it holds.
    """
    env = os.environ if environ is None else environ
    raw = env.get("VISUAL") or env.get("EDITOR") or "vi"
    try:
        argv = shlex.split(raw)
    except ValueError:
        argv = [raw]
    if not argv:
        argv = ["vi"]
    target = os.path.abspath(path)  # not resolve(): a card in a link loop must not raise
    name = Path(argv[0]).name
    line = max(1, int(line))
    if name in _GOTO_FLAG:
        return [*argv, "--goto", f"{target}:{line}"]
    if name in _COLON_STYLE:
        return [*argv, f"{target}:{line}"]
    return [*argv, f"+{line}", target]
