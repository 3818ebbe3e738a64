"""Two and four writers on one knowledge base: all succeed, nothing is lost or half-written."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import EXAMPLES, ROOT

from indexer.model.articles import Corpus
from indexer.model.kb import KnowledgeBase


def _spawn(kb_root, *sources):
    env = {**os.environ, "AGORA_KB": str(kb_root)}
    return subprocess.Popen([sys.executable, "-m", "indexer", "add", "--no-extract", "--quiet", *sources],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_four_concurrent_adds(tmp_path):
    kb = KnowledgeBase.init(tmp_path / "kb")
    files = sorted(str(p) for p in EXAMPLES.iterdir())
    procs = [_spawn(kb.root, *files[i::4]) for i in range(4)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outs]
    assert len(Corpus(kb).slugs()) == len(files)
    assert not list(kb.corpus_dir.rglob(".*.tmp"))


def test_same_file_twice_at_once_lands_once(tmp_path):
    kb = KnowledgeBase.init(tmp_path / "kb")
    f = str(EXAMPLES / "predictive-policing.txt")
    procs = [_spawn(kb.root, f) for _ in range(2)]
    for p in procs:
        p.communicate(timeout=300)
    assert [p.returncode for p in procs] == [0, 0]
    assert len(Corpus(kb).slugs()) == 1


def test_lock_released_when_holder_is_killed(tmp_path):
    """The next writer gets the lock and sweeps the temporary file the killed one was writing."""
    kb = KnowledgeBase.init(tmp_path / "kb")
    half = kb.units_dir / ".killed-mid-write.yml.x1y2z3.tmp"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from indexer.model.kb import KnowledgeBase\n"
        f"kb = KnowledgeBase.open({str(kb.root)!r})\n"
        "with kb.write_lock():\n"
        f"    Path({str(half)!r}).write_text('units: [half')\n"
        "    print('locked', flush=True); time.sleep(60)")],
        cwd=ROOT, stdout=subprocess.PIPE)
    assert holder.stdout.readline().strip() == b"locked"
    waiting = _spawn(kb.root, str(EXAMPLES / "predictive-policing.txt"))
    holder.kill()
    holder.wait()
    _, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0
    assert len(Corpus(kb).slugs()) == 1
    assert not half.exists()


def test_add_while_search_and_publish_run(tmp_path):
    """Readers and the publisher do not block or corrupt a writer, nor it them."""
    from indexer.encoders import FakeEmbedder
    from indexer.index.index import sync_index

    kb = KnowledgeBase.init(tmp_path / "kb")
    files = sorted(str(p) for p in EXAMPLES.iterdir())
    subprocess.run([sys.executable, "-m", "indexer", "add", "--no-extract", "-q", *files[:8]], cwd=ROOT,
                   env={**os.environ, "AGORA_KB": str(kb.root)}, check=True, capture_output=True)
    sync_index(kb, embedder=FakeEmbedder())
    env = {**os.environ, "AGORA_KB": str(kb.root), "AGORA_EMBEDDING_MODEL": "fake"}
    readers = [subprocess.Popen([sys.executable, "-m", "indexer", *args], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for args in (["search", "keystroke trust", "--json"], ["publish"], ["search", "children", "--json"])]
    writer = _spawn(kb.root, *files[8:])
    outs = [p.communicate(timeout=300) for p in [*readers, writer]]
    assert all(p.returncode == 0 for p in [*readers, writer]), [o[1][-300:] for o in outs]
    assert len(Corpus(kb).slugs()) == len(files)
