"""Hostile workspaces, generated from a seed: what a stranger's checkout may hold.

`generate(root, seed)` writes a workspace under `root` whose cards, sources, sidecars and file
names are drawn (reproducibly, from `random.Random(seed)`) from the pieces below: markup that Rich
and Textual would interpret (`[/]`, `[link=...]`, `[@click=...]`), terminal escapes (OSC 52, OSC
0, CSI, the 8-bit CSI U+009B, BEL), bidi overrides and isolates, zero-width and tag characters,
line separators, bytes that are not UTF-8, NULs, byte-order marks, CR-only line ends, YAML tags,
anchors and aliases, duplicate keys, values YAML 1.1 reads as something else (`no`, `1:30`,
dates), deep nesting, very long lines and names, names that differ only in case or normal form,
names holding newlines, links out of the workspace, in a loop, to a pipe and to /dev/zero, pipes,
unreadable files and folders named like cards. Most cards are valid and quote their source (so
their text reaches every view); the rest are broken in one of the ways above.

Beside them, what a team working through git and editors leaves (`_team`): cards, sources and
sidecars left mid-merge, git mergetool's copies, .orig and .rej files, swap, lock, backup and
auto-save files, .git folders and .DS_Store, look-alike ids and names, one id in two folders,
UTF-16, a Git LFS pointer, file names that are no id; and one valid card (`GOOD_ID`) quoting a plain source, which must load whatever else is there.

tests/test_hostile_cli.py runs every command over generated workspaces; the sweep script
(`python tests/hostile.py DIR SEEDS...`) writes them for a look by hand.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

# Text that must show literally: Rich/Textual markup, terminal escapes, invisible characters.
MARKUP = ["[/]", "[link=https://evil.example]L[/link]", "[@click=app.quit]Q[/]", "[bold]B", "[b", "[/b]",
          "[on red]", "\\[x]", "[reverse blink]"]
ESCAPES = ["\x1b]52;c;cHduZWQ=\x07", "\x1b]0;PWNED\x07", "\x1b[2J", "\x1b[31m", "\x07", "\x9b31m", "\x1b]8;;http://x\x1b\\",
           "\x7f", "\x08\x08", "\r", "\x00", "\x1bP+q\x1b\\"]
INVISIBLE = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u061c", "\u200b", "\u200e", "\u2061", "\U000e0041",
             "\ufeff", "\u2028", "\u2029", "\x85", "\u00ad", "\ue000", "\U000f0000", "\u034f",
             "e" + "\u0301" * 30]
WORDS = ["Kim", "Alice", "Bob", "met", "said", "gave", "the", "car", "Москва", "東京", "مرحبا", "नमस्ते", "🙂", "’", "…"]
YAML_ODD = ["no", "yes", "1:30", "2024-02-30", "2024-01-01", "012", "0x1F", "~", "null", ".inf", "1e3", "9" * 60,
            "on", "off", "y", "n"]
PAYLOADS = MARKUP + ESCAPES + INVISIBLE


def payload(rng: random.Random, n: int | None = None) -> str:
    """A short text mixing words with hostile pieces."""
    n = n if n is not None else rng.randint(1, 5)
    return " ".join(rng.choice(PAYLOADS) if rng.random() < 0.5 else rng.choice(WORDS) for _ in range(n))


def name_payload(rng: random.Random) -> str:
    """A file name's stem: hostile, but a legal name (no `/`, no NUL)."""
    kinds = [
        lambda: "zed [b] " + rng.choice(["\x1b]0;T\x07", "\u202e", "\u2061", "\x9b", "\U000e0041"]),
        lambda: "line\nbreak",
        lambda: "x" * rng.choice([100, 200, 240]),
        lambda: "東京" * 60,
        lambda: "-rf",
        lambda: " lead and trail ",
        lambda: "Kim",  # collides with kim, KIM (case) on a case-insensitive file system
        lambda: "KIM",
        lambda: "caf\u00e9",
        lambda: "cafe\u0301",  # the same name in NFD
        lambda: "..dots..",
        lambda: "a:b*c?\"<>|",
        lambda: "[link=x]y[/link]",
        lambda: "%s%n%x",
        lambda: "${HOME}$(id)`id`",
    ]
    return rng.choice(kinds)()


def q(text: str) -> str:
    """`text` as a YAML double-quoted scalar (every character escaped that YAML needs)."""
    out = []
    for c in text:
        code = ord(c)
        if c in '"\\':
            out.append("\\" + c)
        elif code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F or c in "\u2028\u2029\ufeff" or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _source_text(rng: random.Random, names: list[str]) -> str:
    paras = []
    for _ in range(rng.randint(2, 6)):
        words = [rng.choice(names) if rng.random() < 0.3 else payload(rng, 1) for _ in range(rng.randint(3, 20))]
        paras.append(" ".join(words) + ".")
    return "Title " + payload(rng) + "\n\n" + "\n\n".join(paras) + "\n"


def _write(path: Path, data: bytes | str) -> None:
    try:
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        path.write_bytes(data)
    except OSError:
        pass  # a name the file system refuses (too long): left out


def _link(target: str, path: Path) -> None:
    try:
        os.symlink(target, path)
    except OSError:
        pass


def broken_card(rng: random.Random) -> bytes | str:
    """A card broken in one of many ways."""
    p = payload(rng)
    options = [
        lambda: f"kind: entity\nname: [{p}\n",
        lambda: f"kind: entity\nname: {q(p)}\ntype: person\n{q(p)}: x\n",
        lambda: f"kind: entity\nname: {q(p)}\ntype: {q(p)}\nevidence: [{q(p)}]\n",
        lambda: "kind: !!python/object/apply:os.system ['touch pwned']\nname: x\n",
        lambda: "kind: !foo entity\nname: !!binary aGk=\n",
        lambda: "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b]\n",
        lambda: "kind: entity\nname: A\nname: B\ntype: person\ntype: place\n",
        lambda: f"kind: entity\nname: {rng.choice(YAML_ODD)}\ntype: {rng.choice(YAML_ODD)}\naliases: [{rng.choice(YAML_ODD)}, {rng.choice(YAML_ODD)}]\n",
        lambda: "kind: " + "[" * rng.choice([100, 5000]) + "]" * 100 + "\n",
        lambda: "kind: entity\nname: " + "{a: " * 300 + "b" + "}" * 300 + "\n",
        lambda: b"kind: entity\nname: \xff\xfe\xc0\x80\ntype: person\n",
        lambda: b"kind: entity\nname: N\x00\ntype: person\n",
        lambda: "\ufeff\ufeffkind: entity\nname: bom\n",
        lambda: "kind: entity\rname: Cr\rtype: person\r",
        lambda: "",
        lambda: "# only a comment\n",
        lambda: "---\nkind: entity\n---\nkind: relation\n",
        lambda: "- a\n- b\n",
        lambda: "just a scalar\n",
        lambda: "kind: entity\nname: " + "x" * rng.choice([10_000, 300_000]) + "\n",
        lambda: "kind: entity\nname: X\ntype: person\nevidence:\n  - quote: a\n    occurrence: " + "9" * 5000 + "\n",
        lambda: "kind: relation\nsubject: ../../etc/passwd\npredicate: p\nobject: /dev/zero\nevidence: [x]\n",
        lambda: f"kind: entity\nname: X\ntype: person\nevidence:\n  - quote: x\n    source: {q('../' * 5 + 'etc/passwd')}\n",
        lambda: "kind: entity\nname: X\ntype: person\nevidence:\n  - quote: x\n    source: /dev/zero\n",
        lambda: "<<: {kind: entity}\nname: X\n",
        lambda: "%YAML 1.1\n%TAG ! tag:evil,2000:\n---\nkind: !x entity\n",
        lambda: "kind: entity\nname: \"\\x1b]0;T\\x07\\u202e\\U000e0041\"\ntype: person\n",
        lambda: "kind: entity\nname: X\ntype: person\nevidence:\n" + "  - quote: Kim\n" * 2000,
        lambda: "kind: entity\nname: X\ntype: person\ndescription: |\n" + "  line\n" * 50_000,
        lambda: "\t kind: entity\n",
        lambda: "kind: entity\nname: X\ntype: person\nevidence: [{quote: Kim, prefix: " + q(p) + ", suffix: " + q(p) + "}]\n",
        lambda: bytes(rng.randrange(256) for _ in range(rng.randint(1, 400))),
    ]
    return rng.choice(options)()


def generate(root: Path, seed: int, *, specials: bool = True, big: bool = True) -> Path:
    """Write a hostile workspace at `root` (made if missing); the same seed writes the same one.
    `specials`: pipes, links and unreadable files too; `big`: the larger pieces (a long line, a
    many-line card) too."""
    rng = random.Random(seed)
    facts, seeds = root / "facts", root / "seeds"
    (facts / "entities").mkdir(parents=True, exist_ok=True)
    (facts / "relations").mkdir(parents=True, exist_ok=True)
    seeds.mkdir(parents=True, exist_ok=True)
    # The entities' names: ordinary words and hostile text.
    names = [rng.choice(WORDS[:3]) + " " + payload(rng, 2) if rng.random() < 0.7 else rng.choice(WORDS) for _ in range(rng.randint(2, 6))]
    source_ids = []
    for i in range(rng.randint(1, 3)):
        stem = f"src{i}" if rng.random() < 0.6 else name_payload(rng)
        text = _source_text(rng, names)
        if rng.random() < 0.2:
            text = text.replace("\n", rng.choice(["\r", "\r\n", "\u2028", "\x85"]))
        data = text.encode("utf-8", "surrogateescape")
        if rng.random() < 0.15:
            data = b"\xef\xbb\xbf" + data
        if rng.random() < 0.15:
            data = data + b" \xff\xfe broken " + b"\x00"
        ext = rng.choice([".txt", ".txt", ".md", ".html"])
        _write(seeds / f"{stem}{ext}", data)
        source_ids.append((stem, text))
        if rng.random() < 0.5:  # a sidecar
            meta = rng.choice([
                f"title: {q(payload(rng))}\noutlet: {q(payload(rng))}\nurl: {q('javascript:alert(1)' + payload(rng, 1))}\n"
                f"published: {rng.choice(YAML_ODD)}\nauthors: [{q(payload(rng))}]\nlanguage: {q(payload(rng, 1))}\n",
                broken_card(rng),
                f"title: {q(payload(rng))}\npublished: 2024-01-01\nretrieved: 1:30\nauthors: no\n",
            ])
            _write(seeds / f"{stem}.yaml", meta)
    ids = []
    for i in range(rng.randint(2, 8)):
        name = rng.choice(names)
        stem = f"e{i}" if rng.random() < 0.6 else name_payload(rng)
        src_stem, text = rng.choice(source_ids)
        # A quote that is in the source: a run of its words.
        words = text.split("\n\n")[-1].split(" ")
        a = rng.randrange(len(words))
        quote = " ".join(words[a : a + rng.randint(1, 4)]).strip() or "x"
        body = (f"kind: entity\nname: {q(name)}\ntype: {rng.choice(['person', 'organization', 'place', q(payload(rng, 1))])}\n"
                f"aliases: [{q(payload(rng))}]\ndescription: {q(payload(rng))}\n"
                f"evidence:\n  - quote: {q(quote)}\n    note: {q(payload(rng))}\n")
        if len(source_ids) > 1 or rng.random() < 0.3:
            body += f"    source: {q(src_stem)}\n"
        _write(facts / "entities" / f"{stem}.yaml", body)
        ids.append(stem)
    for i in range(rng.randint(0, 5)):
        if len(ids) < 2:
            break
        s, o = rng.sample(ids, 2)
        src_stem, text = rng.choice(source_ids)
        words = text.split("\n\n")[-1].split(" ")
        a = rng.randrange(len(words))
        quote = " ".join(words[a : a + rng.randint(1, 4)]).strip() or "x"
        body = (f"kind: relation\nsubject: {q(s)}\npredicate: {q('met ' + payload(rng))}\nobject: {q(o)}\n"
                f"qualifiers: {{date: {rng.choice(YAML_ODD)}, place: {q(payload(rng))}, amount: {q(payload(rng, 1))}}}\n"
                f"certainty: {rng.choice(['stated', 'reported', 'hedged', 'opinion', q(payload(rng, 1))])}\n"
                f"attribution: {q(rng.choice(ids + [payload(rng)]))}\n"
                f"evidence:\n  - quote: {q(quote)}\n    source: {q(src_stem)}\n")
        _write(facts / "relations" / f"r{i}-{rng.choice(['', name_payload(rng)])}.yaml", body)
    for i in range(rng.randint(1, 6)):
        data = broken_card(rng)
        if not big and len(data) > 20_000:
            continue
        _write(facts / f"broken{i}{rng.choice(['', ' ' + name_payload(rng)])}.yaml", data)
    # Ids that collide: the same id by case, by normal form, in two folders.
    if rng.random() < 0.5:
        _write(facts / "entities" / "dup.yaml", "kind: entity\nname: Dup\ntype: person\n")
        _write(facts / "relations" / "dup.yaml", "kind: entity\nname: Dup2\ntype: person\n")
        _write(facts / "DUP.yaml", "kind: entity\nname: Dup3\ntype: person\n")
    _team(rng, root)
    _no_ids(random.Random(f"ids {seed}"), root)  # (an RNG of its own: every other draw as it was)
    _heavy(random.Random(f"heavy {seed}"), root, big)
    if specials:
        _specials(rng, root, big)
    # A settings file of the workspace's own (factex reads none from a workspace; it must not care).
    if rng.random() < 0.3:
        _write(root / ".factex.toml", "[keys]\n\"app.quit\" = \"\x1b\"\n")
    return root


# A valid card and its source, plain text, that every command must still read whatever is beside
# them (tests assert it loads: `GOOD_ID`).
GOOD_ID = "good-anchor"
GOOD_SOURCE = "plain-source"
GOOD_TEXT = "Plain Source\n\nAnna Berg met Carl Dahl in Oslo on Monday. They talked for an hour.\n"
GOOD_CARD = (f"kind: entity\nname: Anna Berg\ntype: person\nevidence:\n  - quote: Anna Berg met Carl Dahl\n"
             f"    source: {GOOD_SOURCE}\n")
# Look-alike letters: Cyrillic and Greek letters a reader takes for Latin ones.
LOOKALIKE = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441", "i": "\u0456", "x": "\u0445",
             "y": "\u0443", "s": "\u0455", "n": "\u03bd"}


def conflicted(rng: random.Random, text: str) -> str:
    """`text` as git leaves it mid-merge: one of its lines in conflict (diff3 style or not)."""
    lines = text.split("\n")
    i = rng.randrange(max(1, len(lines) - 1))
    ours, theirs = lines[i], lines[i] + " " + payload(rng, 1) if rng.random() < 0.5 else lines[i].upper()
    base = [f"||||||| {rng.choice(['base', 'merged common ancestors', 'abc1234'])}", lines[i]] if rng.random() < 0.4 else []
    block = ["<<<<<<< " + rng.choice(["HEAD", "ours", "Updated upstream", "feature/\x1b]0;T\x07"]), ours, *base, "=======", theirs,
             ">>>>>>> " + rng.choice(["feature", "theirs", "Stashed changes", "a1b2c3d (Rename Kim)"])]
    return "\n".join(lines[:i] + block + lines[i + 1:])


def _team(rng: random.Random, root: Path) -> None:
    """What a team working through git and editors leaves: cards and sources mid-merge, git
    mergetool's copies, .orig and .rej files, swap, lock, backup and auto-save files, a .git
    folder and .DS_Store inside, ids and names with look-alike letters, two teammates' cards of
    one id, UTF-16 with a byte-order mark; and one valid card with its plain source."""
    facts, seeds = root / "facts", root / "seeds"
    _write(seeds / f"{GOOD_SOURCE}.txt", GOOD_TEXT)
    _write(facts / "entities" / f"{GOOD_ID}.yaml", GOOD_CARD)
    other = "kind: entity\nname: Carl Dahl\ntype: person\nevidence:\n  - quote: Carl Dahl in Oslo\n    source: plain-source\n"
    picks = rng.sample(range(10), rng.randint(2, 6))
    for pick in picks:
        if pick == 0:  # a card and a source left mid-merge
            _write(facts / "relations" / "merged.yaml", conflicted(rng, other))
            _write(seeds / "merged.txt", conflicted(rng, GOOD_TEXT))
        elif pick == 1:  # git mergetool stopped: its copies beside the card
            for side in rng.sample(["BASE", "LOCAL", "REMOTE", "BACKUP"], rng.randint(1, 4)):
                _write(facts / "entities" / f"{GOOD_ID}_{side}_{rng.randrange(100, 99999)}.yaml", GOOD_CARD)
            _write(seeds / f"{GOOD_SOURCE}_REMOTE_{rng.randrange(100, 99999)}.txt", GOOD_TEXT)
        elif pick == 2:  # a merge's and a patch's leftovers
            _write(facts / "entities" / f"{GOOD_ID}.yaml.orig", GOOD_CARD)
            _write(facts / "entities" / f"{GOOD_ID}.yaml.rej", "@@ -1 +1 @@\n-kind: entity\n+kind: \x1b]0;T\x07\n")
            _write(seeds / f"{GOOD_SOURCE}.txt.orig", GOOD_TEXT)
        elif pick == 3:  # editors' files: swap, lock (a broken link), backup, auto-save
            for folder, name in ((facts / "entities", f"{GOOD_ID}.yaml"), (seeds, f"{GOOD_SOURCE}.txt")):
                _write(folder / f".{name}.swp", b"b0VIM 9.0\x00\x00\x1b]0;T\x07" + bytes(rng.randrange(256) for _ in range(64)))
                _link(f"user@host.{rng.randrange(9999)}:1700000000", folder / f".#{name}")
                _write(folder / f"{name}~", GOOD_CARD if folder == facts / "entities" else GOOD_TEXT)
                _write(folder / f"#{name}#", "kind: [\n")
        elif pick == 4:  # a .git folder and Finder's .DS_Store inside
            for folder in (facts, seeds):
                (folder / ".git" / "objects").mkdir(parents=True, exist_ok=True)
                _write(folder / ".git" / "objects" / "card.yaml", "kind: [\n")
                _write(folder / ".git" / "HEAD", "ref: refs/heads/\x1b]0;T\x07\n")
                _write(folder / ".DS_Store", b"\x00\x00\x00\x01Bud1" + bytes(range(256)))
        elif pick == 5:  # an id and a name with look-alike letters
            word = rng.choice(["anna", "carl", "oslo", "paris", "spy"])
            alike = "".join(LOOKALIKE.get(c, c) if rng.random() < 0.5 else c for c in word)
            alike = alike if alike != word else LOOKALIKE.get(word[0], "\u0430") + word[1:]
            _write(facts / "entities" / f"{word}.yaml", other)
            _write(facts / "relations" / f"{alike}.yaml", other.replace("Carl", "C" + LOOKALIKE["a"] + "rl"))
        elif pick == 6:  # two teammates' cards of one id, in two folders
            _write(facts / "entities" / "carl.yaml", other)
            _write(facts / "relations" / "Carl.yaml", other.replace("Carl Dahl\n", "Carl D.\n", 1))
        elif pick == 7:  # UTF-16 with a byte-order mark
            codec = rng.choice(["utf-16", "utf-16-le", "utf-16-be"])
            bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
            _write(facts / "entities" / "wide.yaml", bom + other.encode(codec))
            _write(seeds / "wide.txt", bom + GOOD_TEXT.encode(codec))
            # and a source checked out without git-lfs: LFS's pointer to it
            _write(seeds / "tracked.txt", "version https://git-lfs.github.com/spec/v1\noid sha256:" + "4d7a" * 16 + "\nsize 123456\n")
        elif pick == 8:  # a card renamed with a name of bidi and invisible characters
            tail = rng.choice(["lmay", "\u200b", "\u2066x\u2069"])
            _write(facts / "entities" / ("carl\u202e" + tail + ".yaml"), other)
        elif pick == 9:  # a sidecar mid-merge
            _write(seeds / f"{GOOD_SOURCE}.yaml", conflicted(rng, "title: Plain Source\noutlet: The Paper\npublished: 2024-01-01\n"))


# File names whose stem is no id (explorer.core.layout.id_problem): nothing, dots, a space, a dash,
# combining marks alone, zero-width and bidi characters, a space at an end.
NO_IDS = ["", ".", "..", " ", "-", "_", "\u0301", "\u0301\u0308", "\u200b", "\u200b\u0301", "\u2066\u2069", "\u3000",
          " anna", "anna ", "an\u200bna", "carl\u202elmay", "x\ty", "\ufeffbom", "\u00a0"]


def _no_ids(rng: random.Random, root: Path) -> None:
    """A card and an article or two named with no id: each one error at its 1:1."""
    for stem in rng.sample(NO_IDS, rng.randint(1, 3)):
        _write(root / "facts" / rng.choice(["", "entities"]) / f"{stem}.yaml", GOOD_CARD.replace("Anna Berg\n", "Anna B.\n", 1))
    if rng.random() < 0.5:
        stem = rng.choice([s for s in NO_IDS if s not in ("", ".", "..")])
        _write(root / "seeds" / f"{stem}{rng.choice(['.txt', '.md'])}", GOOD_TEXT)


def _heavy(rng: random.Random, root: Path, big: bool) -> None:
    """A card or two made to cost: a "billion laughs" of nine levels of aliases, a card of one
    line of 1 MB (20 KB when not `big`), a block nested thousands deep, a flow mapping nested
    thousands deep, a value of a million digits, tags naming Python."""
    levels = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 9))
    pieces = [
        lambda: ("laughs", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + levels + "kind: entity\nname: *l8\n"),
        lambda: ("oneline", "{kind: entity, type: person, name: " + "x" * ((1 << 20) if big else 20_000) + "}"),
        lambda: ("nested", "kind: entity\nname: X\ntype: person\nevidence:\n" + "".join("  " * i + "- \n" for i in range(1, 3000))),
        lambda: ("flow", "kind: entity\nname: " + "{a: " * 5000 + "b" + "}" * 5000 + "\n"),
        lambda: ("digits", "kind: entity\nname: X\ntype: person\nevidence:\n  - quote: Anna\n    occurrence: " + "7" * 1_000_000 + "\n"),
        lambda: ("tags", "kind: !!python/object/new:os.system [touch pwned]\nname: !!python/name:os.getcwd\n"),
    ]
    for make in rng.sample(pieces, rng.randint(1, 3)):
        name, text = make()
        _write(root / "facts" / f"heavy-{name}.yaml", text)


def _specials(rng: random.Random, root: Path, big: bool) -> None:
    facts, seeds = root / "facts", root / "seeds"
    picks = rng.sample(range(12), rng.randint(2, 8))
    for pick in picks:
        if pick == 0:
            os.mkfifo(facts / f"pipe{rng.randrange(99)}.yaml")
        elif pick == 1:
            os.mkfifo(seeds / f"pipe{rng.randrange(99)}.txt")
        elif pick == 2:
            (facts / "folder.yaml").mkdir(exist_ok=True)
            (seeds / "folder.txt").mkdir(exist_ok=True)
        elif pick == 3:
            _link("/etc/passwd", facts / "passwd.yaml")
            _link("/etc/hostname", seeds / "hostname.txt")
        elif pick == 4:
            _link("/dev/zero", facts / "zero.yaml")
            _link("/dev/zero", seeds / "zero.txt")
        elif pick == 5:
            _link("loop.yaml", facts / "loop.yaml")
            _link("loop.txt", seeds / "loop.txt")
            _link(".", facts / "self")
            _link("..", facts / "up")
        elif pick == 6:
            _link("/etc", facts / "etc")
            _link("/", seeds / "root")
        elif pick == 7:
            p = facts / "unreadable.yaml"
            _write(p, "kind: entity\nname: U\ntype: person\n")
            p.chmod(0)
            d = facts / "closed"
            d.mkdir(exist_ok=True)
            _write(d / "inside.yaml", "kind: entity\nname: In\ntype: person\n")
            d.chmod(0)
        elif pick == 8:
            _link("/nonexistent/dangling", facts / "dangling.yaml")
        elif pick == 9:
            (facts / ("d" * 200) / ("e" * 200) / ("f" * 200)).mkdir(parents=True, exist_ok=True)
            _write(facts / ("d" * 200) / ("e" * 200) / ("f" * 200) / "deep.yaml", "kind: entity\nname: Deep\ntype: person\n")
        elif pick == 10:
            _write(seeds / "long.txt", b"word " * (200_000 if big else 2000) + b"\n")
        elif pick == 11:
            bad = os.fsdecode(b"bad\xff\xfename")
            _write(facts / f"{bad}.yaml", "kind: entity\nname: Bytes\ntype: person\n")
            _write(seeds / f"{bad}.txt", "A text named in bytes.\n")


if __name__ == "__main__":  # python tests/hostile.py DIR SEED...
    out = Path(sys.argv[1])
    for s in sys.argv[2:]:
        print(generate(out / f"ws{s}", int(s)))
