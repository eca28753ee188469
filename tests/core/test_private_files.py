"""open_private: a file is 0600 once opened, whether it is new, existed wider, or the
umask would have cut or kept other bits."""

from __future__ import annotations

import os
import stat

from connecttui.core.private_files import open_private


def mode_of(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_is_private_whatever_the_umask(tmp_path):
    old = os.umask(0o277)
    try:
        os.close(open_private(tmp_path / "new", os.O_WRONLY | os.O_EXCL))
    finally:
        os.umask(old)
    assert mode_of(tmp_path / "new") == 0o600


def test_an_existing_readable_file_is_made_private(tmp_path):
    path = tmp_path / "old"
    path.write_text("kept")
    path.chmod(0o644)
    os.close(open_private(path, os.O_WRONLY | os.O_APPEND))
    assert mode_of(path) == 0o600
    assert path.read_text() == "kept"
