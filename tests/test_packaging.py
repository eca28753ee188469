"""`pip install .` and `pipx install .` give a working `connecttui` (issue 9).

The project is built and installed for real, not in editable mode, so a file missing from
the package (the stylesheet, a migration) shows up here. pipx installs everything, as a
user would; the pip test installs only connecttui and lets the new environment see the test
environment's dependencies through a .pth file, to keep the suite quick.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DEPENDENCIES = sysconfig.get_paths()["purelib"]


def run(argv, env=None, cwd=None) -> str:
    result = subprocess.run([str(a) for a in argv], env=env, cwd=cwd, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, f"{argv}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def site_packages(venv: Path) -> Path:
    return next(venv.glob("lib/python3*/site-packages"))


def see_dependencies(venv: Path) -> None:
    (site_packages(venv) / "test-dependencies.pth").write_text(DEPENDENCIES + "\n")


def check_installed(connecttui: Path, venv: Path, home: Path) -> None:
    """The command runs from the installed copy (not this checkout) with its data files."""
    env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
    assert run([connecttui, "--version"], env).strip() == "connecttui, version 0.1.0"
    python = next(venv.glob("bin/python3*"))
    where = run([python, "-c", "import connecttui.tui, pathlib; "
                 "p = pathlib.Path(connecttui.tui.__file__).parent; "
                 "print(p); print((p / 'app.tcss').is_file())"], env, cwd=home).split()
    assert Path(where[0]).is_relative_to(venv), "imported from the checkout, not the install"
    assert where[1] == "True", "app.tcss is missing from the package"
    db = home / "people.db"
    run([connecttui, "--db", db, "add", "Ada Lovelace", "--birthday", "12-10"], env)
    assert "Ada Lovelace" in run([connecttui, "--db", db, "upcoming", "--days", "366"], env)
    assert "_connecttui_completion" in run([connecttui, "completion", "bash"], env)


@pytest.fixture
def home(tmp_path):
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def test_pip_install_dot(tmp_path, home):
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv])
    see_dependencies(venv)
    run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-deps", ROOT],
        cwd=tmp_path)
    check_installed(venv / "bin" / "connecttui", venv, home)


def test_pipx_install_dot(tmp_path, home):
    """The whole install, dependencies from the registry (pip's cache makes it quick after
    `make test` has installed them once): pipx checks every dependency's metadata itself."""
    env = {**os.environ, "PIPX_HOME": str(tmp_path / "pipx"),
           "PIPX_BIN_DIR": str(tmp_path / "bin"), "PIPX_MAN_DIR": str(tmp_path / "man")}
    run([BIN / "pipx", "install", ROOT], env, cwd=tmp_path)
    venv = tmp_path / "pipx" / "venvs" / "connecttui"
    check_installed(tmp_path / "bin" / "connecttui", venv, home)
