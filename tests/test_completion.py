"""`factex completion bash|zsh|fish`: each script is loaded into its real shell and asked to complete."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

FACTEX = [sys.executable, "-m", "explorer"]


def script(shell: str) -> str:
    out = subprocess.run([*FACTEX, "completion", shell], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("completion") / "factex.bash"
    path.write_text(script("bash"))
    return path


def bash_complete(script_path: Path, line: str, cwd: Path) -> list[str]:
    """Source the script in a real bash, then run its completion function on `line` as bash does
    on Tab (COMP_WORDS/COMP_CWORD), and return COMPREPLY."""
    words = line.split(" ")
    program = f"""
source {script_path}
complete -p factex
COMP_WORDS=({' '.join(repr(w) if w else "''" for w in words)})
COMP_CWORD={len(words) - 1}
COMP_LINE={line!r}
COMP_POINT=${{#COMP_LINE}}
_factex
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    out = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], capture_output=True, text=True, cwd=cwd)
    assert out.returncode == 0, out.stderr
    first, *rest = out.stdout.splitlines()
    assert first == "complete -F _factex factex"  # `complete -p factex`: the function is registered
    return [r for r in rest if r]


def test_bash_completes_commands_options_and_values(bash_script, tmp_path):
    (tmp_path / "facts").mkdir()
    (tmp_path / "fancy dir").mkdir()
    assert bash_complete(bash_script, "factex ch", tmp_path) == ["check"]
    assert set(bash_complete(bash_script, "factex ", tmp_path)) >= {
        "check", "export", "search", "quote", "new", "schema", "import", "diff", "completion", "facts"}
    assert bash_complete(bash_script, "factex check --format ", tmp_path) == ["text", "json", "github", "sarif"]
    assert bash_complete(bash_script, "factex check --fo", tmp_path) == ["--format"]
    assert "w3c" in bash_complete(bash_script, "factex export --format ", tmp_path)
    assert bash_complete(bash_script, "factex new ", tmp_path) == ["entity", "relation"]
    assert bash_complete(bash_script, "factex new relation a b c --certainty h", tmp_path) == ["hedged"]
    assert bash_complete(bash_script, "factex import ", tmp_path) == ["brat"]
    assert bash_complete(bash_script, "factex completion f", tmp_path) == ["fish"]
    assert bash_complete(bash_script, "factex check fa", tmp_path) == ["facts", "fancy dir"]
    assert bash_complete(bash_script, "factex -", tmp_path) == ["-h", "--help", "-w", "--workspace", "--read-only", "--version"]


def test_bash_compgen_through_the_function(bash_script, tmp_path):
    """`compgen -F` runs the registered function as programmable completion does (bash passes the
    command, the word and the previous word as arguments; COMP_WORDS is empty there)."""
    (tmp_path / "check-me").mkdir()
    program = f"source {bash_script}; compgen -F _factex -- ch 2>/dev/null; echo --; compgen -F _factex -- sch 2>/dev/null"
    out = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], capture_output=True, text=True, cwd=tmp_path)
    first, second = out.stdout.split("--\n")
    assert first.split() == ["check", "check-me"] and second.split() == ["schema"], out.stderr


def test_every_command_and_option_of_the_parsers_is_in_the_scripts():
    from explorer.cli import COMMANDS, command

    text = script("bash")
    for name in COMMANDS:
        assert f"        {name})" in text
        for action in command(name).parser()._actions:
            for opt in action.option_strings:
                assert opt in text, (name, opt)


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is missing: apt-get install fish (.ci/run does)")
def test_fish_completes_through_its_own_complete_command(tmp_path):
    path = tmp_path / "factex.fish"
    path.write_text(script("fish"))
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "XDG_DATA_HOME": str(tmp_path / "data")}

    def complete(line):
        out = subprocess.run(["fish", "--no-config", "-c", f"source {path}; complete -C {line!r}"],
                             capture_output=True, text=True, cwd=tmp_path, env=env)
        assert out.returncode == 0, out.stderr
        return [row.split("\t")[0] for row in out.stdout.splitlines()]

    assert complete("factex ch") == ["check"]
    assert complete("factex check --format ") == ["github", "json", "sarif", "text"]
    assert complete("factex new ") == ["entity", "relation"]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is missing: apt-get install zsh (.ci/run does)")
def test_zsh_loads_the_script_and_registers_the_completion(tmp_path):
    path = tmp_path / "factex.zsh"
    path.write_text(script("zsh"))
    # _bash_complete (zsh's bashcompinit) calls the function under `emulate sh` with the command,
    # the word and the previous word, COMP_WORDS and COMP_CWORD set; zsh's compadd then filters
    program = (f"autoload -U compinit && compinit -u -D; source {path}; print -r -- $_comps[factex]; "
               "f() { emulate -L sh; COMP_WORDS=(factex check --format g); COMP_CWORD=3; _factex factex g --format; "
               "print -r -- ${COMPREPLY[@]}; }; f")
    out = subprocess.run(["zsh", "-f", "-c", program], capture_output=True, text=True, cwd=tmp_path,
                         env={**os.environ, "HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["_bash_complete -F _factex", "text json github sarif"]
