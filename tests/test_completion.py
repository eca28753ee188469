"""Shell completion (`connecttui completion bash|zsh|fish`), run in the real shells.

bash and fish are asked for completions the way they ask when tab is pressed; zsh (whose
completion only runs inside its line editor) loads the script and registers it, and the
protocol it calls answers with the names.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


@pytest.fixture
def shell_env(home, tmp_path):
    db = tmp_path / "people.db"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    for name in ("Ada Lovelace", "Alan Turing", "[bold]Eve[/bold]"):
        subprocess.run([BIN / "connecttui", "--db", str(db), "add", name], env=env, check=True,
                       capture_output=True)
    return env, str(db)


def need(shell: str) -> str:
    path = shutil.which(shell)
    assert path, f"{shell} is not installed: scripts/system-deps.sh installs it (make test)"
    return path


def run(argv, env) -> str:
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def bash_complete(env, words: list[str]) -> list[str]:
    script = ('eval "$(connecttui completion bash)"; COMP_WORDS=(' + " ".join(words) + ");"
              f" COMP_CWORD={len(words) - 1}; _connecttui_completion connecttui;"
              ' printf "%s\\n" "${COMPREPLY[@]}"')
    return [line for line in run([need("bash"), "-c", script], env).splitlines() if line]


def test_bash_completes_commands(shell_env):
    env, _ = shell_env
    assert bash_complete(env, ["connecttui", "up"]) == ["upcoming"]
    assert "completion" in bash_complete(env, ["connecttui", "co"])


def test_bash_completes_names_as_one_argument(shell_env):
    env, db = shell_env
    assert bash_complete(env, ["connecttui", "--db", db, "log", "A"]) == [
        "Ada\\ Lovelace", "Alan\\ Turing"]
    assert bash_complete(env, ["connecttui", "--db", db, "show", "tur"]) == ["Alan\\ Turing"]
    # after a comma, the last name is completed and the first kept
    assert bash_complete(env, ["connecttui", "--db", db, "log", "Ada,al"]) == [
        "Ada,Alan\\ Turing"]


def test_bash_completion_escapes_brackets(shell_env):
    env, db = shell_env
    assert bash_complete(env, ["connecttui", "--db", db, "show", "eve"]) == [
        "\\[bold\\]Eve\\[/bold\\]"]


def test_fish_completes_commands_and_names(shell_env):
    env, db = shell_env
    fish = need("fish")
    out = run([fish, "-c", "connecttui completion fish | source; "
               f"complete -C 'connecttui --db {db} log al'"], env)
    assert out.splitlines() == ["Alan Turing"]
    out = run([fish, "-c", "connecttui completion fish | source; complete -C 'connecttui upc'"],
              env)
    assert out.split("\t")[0] == "upcoming"


def test_zsh_loads_and_registers_the_script(shell_env):
    env, db = shell_env
    out = run([need("zsh"), "-f", "-c",
               'autoload -Uz compinit && compinit -u -D; eval "$(connecttui completion zsh)";'
               ' print -r -- $_comps[connecttui]'], env)
    assert out.strip() == "_connecttui_completion"
    protocol = {**env, "_CONNECTTUI_COMPLETE": "zsh_complete",
                "COMP_WORDS": f"connecttui --db {db} show ada", "COMP_CWORD": "4"}
    assert run([BIN / "connecttui"], protocol).splitlines()[:2] == ["plain", "Ada Lovelace"]


def test_unknown_shell_is_one_line(shell_env):
    env, _ = shell_env
    result = subprocess.run([BIN / "connecttui", "completion", "tcsh"], env=env,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "tcsh" in result.stderr and "Traceback" not in result.stderr


def test_completion_never_creates_a_database(shell_env, tmp_path):
    env, _ = shell_env
    missing = tmp_path / "nobody-here.db"
    assert bash_complete(env, ["connecttui", "--db", str(missing), "log", "A"]) == []
    assert not missing.exists()
