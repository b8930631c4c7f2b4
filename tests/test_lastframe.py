"""The last start's first frame, drawn before Textual is imported (explorer/app/lastframe.py)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from explorer.app import lastframe
from explorer.core.loading import cache

REPO = Path(__file__).resolve().parent.parent
FRAME = "\x1b[1;1H\x1b[38;2;254;166;43;48;2;18;18;18m╭─ Entities (2) ─╮\x1b[0m\n\x1b[2;1HAlice Smith  é 漢字"


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("FACTEX_CONFIG", str(tmp_path / "none.toml"))
    for k in list(os.environ):
        if k.startswith("TEXTUAL_") or k == "FACTEX_FRAME":
            monkeypatch.delenv(k)
    ws = tmp_path / "ws"
    (ws / "facts").mkdir(parents=True)
    (ws / "seeds").mkdir()
    snap = cache.snapshot_file(ws)
    snap.parent.mkdir(parents=True)
    snap.write_bytes(b"a snapshot")
    return ws


def test_a_stored_frame_is_drawn_only_while_everything_it_depends_on_holds(root, monkeypatch, tmp_path):
    assert lastframe.store(root, (120, 40), FRAME)
    assert lastframe.load(root, (120, 40)) == FRAME
    assert lastframe.load(root, (80, 24)) is None  # another terminal size
    monkeypatch.setenv("COLORTERM", "something-else")
    assert lastframe.load(root, (120, 40)) is None  # another kind of terminal
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("FACTEX_CONFIG", str(tmp_path / "none.toml"))
    assert lastframe.load(root, (120, 40)) == FRAME
    (tmp_path / "none.toml").write_text("theme = 'textual-light'\n")
    assert lastframe.load(root, (120, 40)) is None  # the settings changed
    (tmp_path / "none.toml").unlink()
    assert lastframe.load(root, (120, 40)) == FRAME
    snap = cache.snapshot_file(root)
    snap.write_bytes(b"another snapshot")  # the facts changed: the snapshot was written again
    assert lastframe.load(root, (120, 40)) is None
    assert lastframe.load(tmp_path, (120, 40)) is None  # another workspace
    monkeypatch.setenv("FACTEX_FRAME", "0")
    assert lastframe.draw(root) is None


def test_no_frame_without_the_snapshot_it_shows(root):
    cache.snapshot_file(root).unlink()
    assert not lastframe.store(root, (120, 40), FRAME)
    assert lastframe.load(root, (120, 40)) is None


UNSAFE = ["\x1b]0;PWNED\x07", "\x1b]8;;https://evil.example/\x1b\\", "\x1b[?1049l", "\x1b[6n", "\x1b[2J", "\x07",
          "\x00", "\r", "\x08", "\x7f", "\x9b2J", "\x85", "\u202e", "\u2066", "\x1bP", "\x1b ", "\x1b[1;1 ", "\x1b[99999;1H"]
# (a lone ESC or an unfinished sequence is followed here by a space: inserted before the frame's
# own "m" or "H", "\x1b[1;1" made a whole, safe SGR or cursor move, which the frame may hold)


@settings(max_examples=60)
@given(where=st.integers(0, len(FRAME)), bad=st.sampled_from(UNSAFE), extra=st.text(max_size=5))
def test_a_frame_holding_anything_but_text_colours_and_cursor_moves_is_never_stored_nor_drawn(where, bad, extra):
    text = FRAME[:where] + bad + extra + FRAME[where:]
    assert lastframe.SAFE.fullmatch(text) is None


def test_a_tampered_frame_file_is_not_drawn(root):
    assert lastframe.store(root, (120, 40), FRAME)
    path = lastframe.frame_file(root)
    data = path.read_bytes()
    path.write_bytes(data.replace("Alice".encode(), b"\x1b]0;PWNED\x07", 1))
    assert lastframe.load(root, (120, 40)) is None
    path.write_bytes(data[:-3] + b"\xff\xfe")  # not UTF-8
    assert lastframe.load(root, (120, 40)) is None
    path.write_bytes(b"garbage")
    assert lastframe.load(root, (120, 40)) is None


def test_the_frame_file_is_read_only_as_a_regular_file_of_ones_own(root, tmp_path):
    assert lastframe.store(root, (120, 40), FRAME)
    path = lastframe.frame_file(root)
    real = tmp_path / "elsewhere.frame"
    real.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(real)
    assert lastframe.load(root, (120, 40)) is None  # not through a link
    path.unlink()
    os.mkfifo(path)
    assert lastframe.load(root, (120, 40)) is None  # a FIFO neither (and without blocking)
    path.unlink()
    path.write_bytes(b"x" * (lastframe.MAX_BYTES + 1))
    assert lastframe.load(root, (120, 40)) is None
    # A store never writes through a link or over a FIFO: it replaces the name.
    path.unlink()
    path.symlink_to(real)
    assert lastframe.store(root, (120, 40), FRAME)
    assert not path.is_symlink() and real.read_bytes().endswith(FRAME.encode())


def test_draw_writes_the_frame_and_finish_gives_the_terminal_back(root, monkeypatch):
    assert lastframe.store(root, (120, 40), FRAME)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    before = termios.tcgetattr(follower)
    term = os.fdopen(follower, "w", encoding="utf-8", closefd=False)
    tin = os.fdopen(follower, "r", encoding="utf-8", closefd=False)
    monkeypatch.setattr(sys, "__stderr__", term)
    monkeypatch.setattr(sys, "__stdin__", tin)
    try:
        drawn = lastframe.draw(root)
        assert drawn is not None
        out = os.read(leader, 1 << 20).decode().replace("\r\n", "\n")  # (the terminal's ONLCR)
        assert out == "\x1b[?1049h\x1b[?25l\x1b[?2026h" + FRAME + "\x1b[?2026l"
        quiet = termios.tcgetattr(follower)
        assert not quiet[3] & termios.ECHO and not quiet[3] & termios.ICANON  # keys wait, unechoed
        drawn.finish(textual_ran=False)
        assert termios.tcgetattr(follower) == before
        assert os.read(leader, 1 << 20).decode() == "\x1b[?1049l\x1b[?25h"  # the alternate screen left
    finally:
        os.close(leader)
        os.close(follower)


def _run(root: Path, env: dict, steps: list[tuple[bytes, bytes]]) -> tuple[bytes, list]:
    """factex on `root` in a 120x40 pty: for each (wait for, then type) step, read until the output
    holds the first, then type the second; then until it has ended. Its output, and the
    terminal's settings once it has."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "explorer", str(root)], stdin=follower, stdout=follower,
                            stderr=follower, env=env, cwd=root, start_new_session=True)
    output = bytearray()

    def pump(seconds: float, want: bytes | None = None) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and (want is None or want not in output):
            if proc.poll() is not None and not select.select([leader], [], [], 0)[0]:
                return
            if select.select([leader], [], [], 0.05)[0]:
                output.extend(os.read(leader, 65536))

    try:
        for want, keys in steps:
            pump(30, want)
            assert want in output, (want, bytes(output[-2000:]))
            os.write(leader, keys)
        pump(15, b"\x1b[?1049l")  # Textual leaves the alternate screen
        proc.wait(timeout=15)
        return bytes(output), termios.tcgetattr(follower)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(leader)
        os.close(follower)


def test_a_second_start_draws_the_first_frame_of_the_first_at_once_and_keys_typed_meanwhile_count(tmp_path):
    """Through a real terminal, on a workspace with hostile names: the first session stores its
    first frame (safe: Textual drew the names with their controls as markers); the second draws
    it before anything else, byte for byte, and a key typed while it shows is not lost."""
    root = tmp_path / "ws"
    (root / "facts").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_text("Alice Smith met Bob Jones in Paris. Evil text here.\n", encoding="utf-8")
    (root / "facts" / "alice.yaml").write_text("kind: entity\nname: Alice Smith\ntype: person\nevidence: [Alice Smith met]\n")
    (root / "facts" / "bob.yaml").write_text("kind: entity\nname: Bob Jones\ntype: person\nevidence: [Bob Jones]\n")
    (root / "facts" / "evil.yaml").write_text(
        'kind: entity\nname: "Zed \\e]0;PWNED\\a \\e[2J [/] [link=http://x]y \\u202ert"\ntype: person\n'
        "evidence: [text here]\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO), "TERM": "xterm-256color", "COLORTERM": "truecolor",
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "FACTEX_CONFIG": str(tmp_path / "none.toml"),
           "FACTEX_THEME": "textual-dark"}
    for k in ("NO_COLOR", "FACTEX_FRAME", "COLUMNS", "LINES"):
        env.pop(k, None)
    env = {k: v for k, v in env.items() if not k.startswith("TEXTUAL_")}

    first, _ = _run(root, env, [(b"Relations of Alice Smith", b""), (b"1 source", b"q")])
    frames = list((tmp_path / "cache" / "factex").glob("frame-*.frame"))
    assert len(frames) == 1, "the first session kept no frame"
    head, _, body = frames[0].read_bytes().partition(b"\n")
    text = body.decode()
    assert lastframe.SAFE.fullmatch(text) and "Alice Smith" in text and "Zed ␛]0;PWNED␇" in text
    # A whole screen: each of the 40 rows drawn from its first column, 120 cells wide.
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text).replace("\n", "")
    rows = re.split(r"\x1b\[(\d+);1H", plain)[1:]
    assert [int(n) for n in rows[::2]] == list(range(1, 41))
    assert all(len(row) == 120 for row in rows[1::2])
    assert "Relations of Alice Smith" in plain

    leader, follower = pty.openpty()  # (the terminal's settings before: cooked, echoing)
    before = termios.tcgetattr(follower)
    os.close(leader)
    os.close(follower)
    # `j` is typed as soon as the drawn frame has ended, long before Textual is up.
    second, after = _run(root, env, [(b"\x1b[?2026l", b"j"), (b"Relations of Bob Jones", b"q")])
    assert second.replace(b"\r\n", b"\n").startswith(b"\x1b[?1049h\x1b[?25l\x1b[?2026h" + body + b"\x1b[?2026l")
    assert after[3] & termios.ECHO and after[3] & termios.ICANON and after[3] == before[3]
    # `j`, typed while the drawn frame showed and before Textual was up, moved to Bob Jones.
    assert b"Relations of Bob Jones" in second
    for payload in (b"\x1b]0;PWNED", b"\x1b[2J", b"\xe2\x80\xae", b"\x1b]8;"):
        assert payload not in first and payload not in second


def test_the_app_ends_when_its_terminal_is_gone(tmp_path):
    """A terminal closed without a hangup signal (here: the pty's other end closed, the app in a
    session of its own): the app ends instead of reading end-of-file at 100% of a core."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL_")}
    env.update(PYTHONPATH=str(REPO), TERM="xterm-256color", XDG_CACHE_HOME=str(tmp_path / "cache"),
               FACTEX_CONFIG=str(tmp_path / "none.toml"))
    proc = subprocess.Popen([sys.executable, "-m", "explorer", str(REPO)], stdin=follower, stdout=follower,
                            stderr=follower, env=env, start_new_session=True)
    os.close(follower)
    output = bytearray()
    try:
        deadline = time.monotonic() + 60
        while b"Relations of" not in output and time.monotonic() < deadline and proc.poll() is None:
            if select.select([leader], [], [], 0.05)[0]:
                output.extend(os.read(leader, 65536))
        assert b"Relations of" in output
        os.close(leader)
        leader = None
        proc.wait(timeout=60)  # (a hang guard: it ends within the two-second check, not a timing goal)
    finally:
        if leader is not None:
            os.close(leader)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
