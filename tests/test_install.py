"""factex installs as a tool: the wheel carries its CSS and schemas and the `factex` command."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO


# What a developer's tools make in the checkout, never looked at: a bench run's bench/out/ (its
# synthetic workspaces, 100,000 cards and more, and the caches and socket of a search server it
# started, which may still be writing while the suite runs) made this test fail or crawl.
SKIP_DIRS = {".venv", ".git", "__pycache__", ".pytest_cache", ".hypothesis"}
SKIP_PATHS = {os.path.join("bench", "out")}


def checkout_listing(root: Path = REPO) -> set[str]:
    """Every file and folder in the checkout but the ones a developer's tools make (.venv, .git,
    caches, bench/out)."""
    found = set()
    for folder, dirs, files in os.walk(root):
        rel = os.path.relpath(folder, root)
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and os.path.normpath(os.path.join(rel, d)) not in SKIP_PATHS]
        found.update(os.path.normpath(os.path.join(rel, name)) for name in (*dirs, *files))
    return found


def test_the_listing_leaves_out_what_benches_make(tmp_path):
    """bench/out/ (the benches' workspaces, caches and sockets) may change while the suite runs."""
    (tmp_path / "bench" / "out" / "synth" / "facts").mkdir(parents=True)
    (tmp_path / "bench" / "out" / "synth" / "facts" / "a.yaml").write_text("kind: entity\n")
    (tmp_path / "bench" / "load.py").write_text("")
    (tmp_path / "build").mkdir()
    assert checkout_listing(tmp_path) == {"bench", os.path.join("bench", "load.py"), "build"}


@pytest.fixture(scope="module")
def source_copy(tmp_path_factory) -> Path:
    """The project's files in a temporary folder: building there leaves nothing in the checkout
    (setuptools writes build/ and *.egg-info/ beside the sources)."""
    copy = tmp_path_factory.mktemp("src") / "factex"
    shutil.copytree(REPO, copy, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", "out", "tests"))
    return copy


@pytest.fixture(scope="module")
def wheel(tmp_path_factory, source_copy) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    before = checkout_listing()
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(source_copy)],
        capture_output=True, text=True, cwd=out,
    )
    if result.returncode != 0:
        pytest.fail(result.stdout + result.stderr)
    BUILT["new in the checkout"] = checkout_listing() - before
    (found,) = out.glob("factex-*.whl")
    return found


BUILT: dict[str, set[str]] = {}


def test_building_the_wheel_leaves_nothing_in_the_checkout(wheel):
    assert BUILT["new in the checkout"] == set()  # (build/ and factex.egg-info/ appeared there)


def test_wheel_has_the_package_data_and_the_command(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert "explorer/app/factex.tcss" in names
        assert "explorer/web/app_index.html" in names  # factex serve's page
        assert {"explorer/schema/card.schema.json", "explorer/schema/entity.schema.json"} <= names
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        assert "factex = explorer.cli:main" in zf.read(entry_points).decode()
        assert not any(n.startswith(("tests/", "facts/", "bench/")) for n in names)


def test_installed_wheel_runs(wheel, tmp_path):
    """Install the wheel into a fresh venv (dependencies taken from this one) and run it."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = next((venv / "lib").glob("python3*/site-packages"))
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    # the dependencies (textual, yaml, rich) come from the running environment
    deps = [p for p in sys.path if p.endswith("site-packages")]
    (site / "deps.pth").write_text("\n".join(deps) + "\n")
    env = {**os.environ, "NO_COLOR": "1"}
    out = subprocess.run([str(python), "-m", "explorer", "check", str(REPO)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0 and "0 errors" in out.stdout, out.stderr
    out = subprocess.run([str(python), "-c", "import explorer.app.app as a, pathlib; "
                          "print((pathlib.Path(a.__file__).parent / a.FactexApp.CSS_PATH).is_file())"],
                         capture_output=True, text=True, env=env)
    assert out.stdout.strip() == "True", out.stderr


@pytest.mark.parametrize("tool", ["uv", "pipx"])
def test_tool_install(tool, tmp_path, source_copy):
    """`uv tool install .` and `pipx install .` (both come with the `[test]` extra), from a copy of
    the sources (building in the checkout would leave build/ there)."""
    beside = Path(sys.executable).parent / tool  # the test environment's own, even when not on PATH
    exe = str(beside) if beside.exists() else shutil.which(tool)
    if exe is None:
        pytest.skip(f"{tool} is not installed: pip install -e '.[test]' installs it")
    env = {**os.environ, "UV_TOOL_DIR": str(tmp_path / "tools"), "UV_TOOL_BIN_DIR": str(tmp_path / "bin"),
           "PIPX_HOME": str(tmp_path / "pipx"), "PIPX_BIN_DIR": str(tmp_path / "bin"), "NO_COLOR": "1"}
    cmd = [exe, "tool", "install", str(source_copy)] if tool == "uv" else [exe, "install", str(source_copy)]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    factex = tmp_path / "bin" / "factex"
    assert subprocess.run([str(factex), "--version"], capture_output=True, text=True).stdout.startswith("factex ")
    out = subprocess.run([str(factex), "check", str(REPO)], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stdout + out.stderr
