"""`pip install .` alone (no extras) gives a working agora: every runtime dependency is declared."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT


@pytest.mark.slow
def test_plain_pip_install_adds_an_html_page(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    install = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", str(ROOT)], capture_output=True,
                             text=True, timeout=1800)
    assert install.returncode == 0, install.stderr[-2000:]
    agora = str(venv / "bin" / "agora")
    assert subprocess.run([agora, "init", str(tmp_path / "kb")], capture_output=True, timeout=120).returncode == 0
    added = subprocess.run([agora, "add", str(EXAMPLES / "facial-recognition-schools.html"), "--no-index",
                            "--kb", str(tmp_path / "kb")], capture_output=True, text=True, timeout=600)
    assert added.returncode == 0 and "1 added" in added.stderr, added.stderr
