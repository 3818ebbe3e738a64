"""Helpers for crash and fuzz tests: a generated corpus and kill -9 at random moments."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import EXAMPLES, ROOT

ACK_RE = re.compile(r"^added: (?P<source>\S+) -> (?P<slug>[a-z0-9-]+)$", re.M)


def generate_articles(folder: Path, n: int, seed: int = 1) -> list[Path]:
    """n distinct articles built from our samples' sentences (written by us, shuffled)."""
    rng = random.Random(seed)
    sentences = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", path.read_text()) if len(s.split()) > 6]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        body = "\n\n".join(" ".join(rng.sample(sentences, 3)) for _ in range(6))
        path = folder / f"generated-{i:04d}.txt"
        path.write_text(f"Generated report number {i} on workplace data\n\n{body}\n")
        paths.append(path)
    return paths


def run_and_kill(args: list[str], kb_root: Path, delay: float, env: dict | None = None) -> tuple[int, str]:
    """Start `agora ARGS`, SIGKILL it after *delay* seconds; (returncode, stderr so far)."""
    env = {**os.environ, **(env or {}), "AGORA_KB": str(kb_root)}
    proc = subprocess.Popen([sys.executable, "-m", "indexer", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(delay)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err.decode(errors="replace")
