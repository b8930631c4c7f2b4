"""Project conventions: one version everywhere, a changelog entry for it, the licence pyproject names."""

import re
import tomllib

from explorer import __version__

from conftest import REPO


def test_version_is_the_same_in_pyproject_and_the_package():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["version"] == __version__


def test_changelog_has_an_entry_for_this_version():
    changelog = (REPO / "CHANGELOG.md").read_text()
    versions = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, re.M)
    assert versions and versions[0] == __version__, versions  # newest first


def test_licence_file_is_the_one_pyproject_names():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["license"] == {"text": "MIT"}
    assert (REPO / "LICENSE").read_text().startswith("MIT License\n")
