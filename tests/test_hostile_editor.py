"""The editor flows of the app (`E`/`R`: a new card from a selected passage; `e`: edit the card
under the cursor) with a hostile $VISUAL: missing (its name full of markup and escapes), one that
deletes the file it is given, one that puts a link to a file outside the workspace (or to another
card) in its place, one that puts a pipe there, one that writes bytes that are not text, one that
writes a card whose every value is markup and escapes. Whatever it does, the app keeps running,
says what happened in one literal notification, shows nothing a terminal would act on, writes no
card but through its one safe writer (never over a file, never through a link, never outside the
workspace: /etc/passwd is never copied into a card), and touches no other card.
"""

from __future__ import annotations

import os
import sys

import pytest

from explorer.app.app import FactexApp

from apphelpers import ready, wait_for
from test_hostile_app import ESCAPES, MARKUP, _assert_clean, _terminal_output

PAYLOAD = f"Zed {MARKUP} {ESCAPES} end"

# Each editor is a Python script run on the file (its last argument); `missing` is no program at all.
EDITORS = {
    "missing": None,
    "deletes": "os.unlink(path)",
    "links-out": "os.unlink(path); os.symlink('/etc/passwd', path)",
    "links-to-a-card": "os.unlink(path); os.symlink(os.path.join(root, 'facts', 'bob.yaml'), path)",
    "pipe": "os.unlink(path); os.mkfifo(path)",
    "binary": "open(path, 'wb').write(b'kind: entity\\x00\\xff\\xfe' + bytes(range(256)) * 64)",
    "hostile-text": "open(path, 'a', encoding='utf-8').write('\\nnote: ' + PAYLOAD + '\\n')",
    "folder": "os.unlink(path); os.mkdir(path)",
    "fails": "sys.stderr.write(PAYLOAD); sys.exit(3)",
}


def _editor(tmp_path, root, how: str) -> str:
    if EDITORS[how] is None:
        return "/nonexistent/zed[/]\x1b]0;T\x07\u202e"
    script = tmp_path / f"editor-{how}.py"
    script.write_text(f"import os, sys\nPAYLOAD = {PAYLOAD!r}\nroot = {str(root)!r}\npath = sys.argv[-1]\n"
                      f"{EDITORS[how]}\nopen({str(tmp_path / 'ran')!r}, 'a').write(path + '\\n')\n", encoding="utf-8")
    return f"{sys.executable} {script}"


def _files(root) -> dict:
    out = {}
    for folder, dirs, names in os.walk(root):
        for name in dirs + names:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                out[path] = ("link", os.readlink(path))
            elif os.path.isfile(path):
                with open(path, "rb") as fh:
                    out[path] = fh.read()
            else:
                out[path] = "other"
    return out


# (a relation card, R, takes the entity card's path: two editors are enough for it)
CASES = [(flow, how) for flow in ("E", "e") for how in sorted(EDITORS)] + [("R", "links-out"), ("R", "pipe")]


@pytest.mark.parametrize(("flow", "how"), CASES)
async def test_the_editor_flows_with_a_hostile_editor(ws, tmp_path_factory, monkeypatch, flow, how):
    ws.basic()
    root = ws.root
    tmp_path = tmp_path_factory.mktemp("editor")  # (outside the workspace)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("VISUAL", _editor(tmp_path, root, how))
    before = _files(root)
    app = FactexApp(root, watch=False)
    seen: list[str] = []
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, 60)
        if flow == "e":
            from explorer.core.navigation import Location

            app.main_screen.go_to(Location(entity="bob"))
            await pilot.pause()
            keys = ["e"]
        else:
            keys = ["a", "tab", "v", flow]
        told = len(app._notifications)
        base = app.base
        await pilot.press(*keys)
        # the flow ends with what it says (an error, "Nothing saved", "Saved ...") and a reload
        await wait_for(pilot, lambda: any(not n.message.startswith("New card") for n in list(app._notifications)[told:])
                       or app.base is not base, 60)
        await wait_for(pilot, lambda: not app._loading, 60)
        await pilot.pause()
        assert app.is_running
        _assert_clean(app, f"{flow} with an editor that {how}", seen)
        said = [n.message for n in app._notifications]
        assert said, "nothing was said"
        if flow != "e" and how in ("links-out", "links-to-a-card", "folder", "pipe"):  # (it said "its draft is gone")
            what = {"folder": "a folder", "pipe": "a pipe or a device"}.get(how, "a link, which factex never follows")
            assert any(m.startswith("The new card was not saved: its draft .factex-drafts/") and f"is now {what}" in m
                       for m in said), said
        if how == "missing":
            assert any("cannot run editor '/nonexistent/zed[/]" in m for m in said), said
            assert "cannot run editor" in _terminal_output(app)[1]
    after = _files(root)
    # nothing outside the workspace's facts/ (and the drafts' folder) changed; no card but the one
    # edited or made changed; nothing read through a link came into a card
    changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    for path in changed:
        rel = os.path.relpath(path, root)
        assert rel.startswith(("facts", ".factex-drafts")), (rel, after.get(path))
        if flow == "e":
            assert rel == "facts/bob.yaml" or rel.startswith(".factex-drafts"), rel
        data = after.get(path)
        if isinstance(data, bytes):
            assert b"root:x:0:0" not in data and b"root:" not in data[:5], rel
    for path, data in after.items():
        if path in before or not path.endswith(".yaml") or not isinstance(data, bytes):
            continue
        assert "/facts/" in path or "/.factex-drafts/" in path, path  # a new card, where new cards go
