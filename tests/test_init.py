"""`factex init [DIR]`: an empty workspace with a README on what goes where, never over a file."""

from __future__ import annotations

import pytest

from explorer.cli import main


def test_init_makes_an_empty_workspace_and_check_says_what_to_do_next(tmp_path, capsys):
    root = tmp_path / "news"
    assert main(["init", str(root)]) == 0
    assert (root / "facts" / "entities").is_dir() and (root / "facts" / "relations").is_dir() and (root / "seeds").is_dir()
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "`seeds/`" in readme and "`facts/`" in readme and "factex check" in readme
    capsys.readouterr()
    main(["check", str(root)])  # an empty workspace: check says to put the articles in seeds/
    assert "put the articles in seeds/" in capsys.readouterr().out


def test_init_never_replaces_anything(tmp_path, capsys):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("An article\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("mine\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 0
    assert (tmp_path / "README.md").read_text() == "mine\n"
    assert (tmp_path / "seeds" / "a.txt").read_text() == "An article\n"
    assert (tmp_path / "facts" / "entities").is_dir()
    assert "made facts/entities/, facts/relations/" in capsys.readouterr().out
    assert main(["init", str(tmp_path)]) == 0
    assert "already a workspace; nothing changed" in capsys.readouterr().out


def test_init_on_a_file_is_a_usage_error(tmp_path, capsys):
    path = tmp_path / "file"
    path.write_text("x")
    assert main(["init", str(path)]) == 2
    assert "not a folder" in capsys.readouterr().err


@pytest.mark.parametrize("link", ["facts", "seeds", "facts/entities", "README.md"])
def test_init_makes_nothing_through_a_link_out_of_the_folder(tmp_path, capsys, link):
    """A folder cloned from a stranger may hold facts/ (or seeds/, or README.md) as a link to a
    folder of yours: `factex init` made facts/entities/ and facts/relations/ in it."""
    root, outside = tmp_path / "ws", tmp_path / "outside"
    outside.mkdir()
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    (root / link).symlink_to(outside if link != "README.md" else outside / "README.md")
    code = main(["init", str(root)])
    err = capsys.readouterr().err
    assert list(outside.iterdir()) == []
    if link == "README.md":
        assert code == 0 and (root / "facts" / "entities").is_dir()
    else:
        assert code == 2 and f"{link} is a link to outside the workspace" in err, err
