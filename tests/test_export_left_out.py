"""`factex export` says what it leaves out: every format is made from the cards and articles that
check clean, so a card with an error, a relation naming one, and an article that cannot be read
(saved as Windows-1252, left mid-merge by git, an LFS pointer) are not in it; a brat corpus had no
document for such an article, and the export said "1 document" and exited 0 with nothing said of
the rest. Now one line on standard error names them ("left out, with errors ...: 2 cards (...) and 1
source (seeds/bad.txt); run factex check"), for every format; a workspace that checks clean gets
none. One place: explorer/cli/export.run, which every format goes through."""

from __future__ import annotations

import random

import pytest

from explorer.cli import main
from explorer.cli.export import FORMATS

BAD_SOURCES = {
    "cp1252.txt": "Title\n\nCaf\xe9 owner spoke.\n".encode("cp1252"),
    "merged.txt": b"Title\n\n<<<<<<< HEAD\nOne line.\n=======\nAnother line.\n>>>>>>> theirs\n",
    "tracked.txt": b"version https://git-lfs.github.com/spec/v1\noid sha256:" + b"4d7a" * 16 + b"\nsize 123456\n",
}


def _card(name: str, quote: str) -> str:
    return f"kind: entity\nname: {name}\ntype: person\nevidence:\n  - quote: {quote}\n"


def _workspace(root, seed: int):
    rng = random.Random(seed)
    (root / "seeds").mkdir()
    (root / "facts").mkdir()
    names = [f"Person{k}" for k in range(rng.randint(2, 5))]
    (root / "seeds" / "good.txt").write_text("Title\n\n" + " ".join(f"{n} spoke." for n in names) + "\n", encoding="utf-8")
    left: list[str] = []
    for n in names:
        (root / "facts" / f"{n.lower()}.yaml").write_text(_card(n, f"{n} spoke"), encoding="utf-8")
    for k in range(rng.randint(0, 3)):  # cards whose quote is nowhere
        (root / "facts" / f"typo{k}.yaml").write_text(_card(f"Typo{k}", f"Nobody{k} whispered loudly"), encoding="utf-8")
        left.append(f"facts/typo{k}.yaml")
    if left and rng.random() < 0.6:  # a relation held back by one of them
        (root / "facts" / "held.yaml").write_text(
            f"kind: relation\nsubject: {names[0].lower()}\npredicate: met\nobject: typo0\n"
            f"evidence:\n  - quote: {names[0]} spoke\n", encoding="utf-8")
        left.append("facts/held.yaml")
    bad = sorted(rng.sample(sorted(BAD_SOURCES), rng.randint(0, len(BAD_SOURCES))))
    for name in bad:
        (root / "seeds" / name).write_bytes(BAD_SOURCES[name])
    return sorted(left), [f"seeds/{name}" for name in bad]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", range(6))
def test_what_the_export_leaves_out_is_named(fmt, seed, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FACTEX_CACHE", "0")
    root = tmp_path / "ws"
    root.mkdir()
    cards, sources = _workspace(root, seed * 7 + len(fmt))
    argv = ["export", str(root), "--format", fmt] + (["--output", str(tmp_path / "out")] if fmt == "brat" else [])
    assert main(argv) == 0
    err = [line for line in capsys.readouterr().err.splitlines() if "left out" in line]
    if not cards and not sources:
        assert err == []
        return
    parts = []
    if cards:
        parts.append(f"{len(cards)} card{'s' if len(cards) != 1 else ''} ({', '.join(cards)})")
    if sources:
        parts.append(f"{len(sources)} source{'s' if len(sources) != 1 else ''} ({', '.join(sources)})")
    assert err == [f"factex export: left out, with errors (or naming a card that has them): {' and '.join(parts)}; "
                   "run factex check"]
    if fmt == "brat":
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["annotation.conf", "good.ann", "good.txt"]
