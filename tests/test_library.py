"""The library surface a notebook uses (the README's example): open, add, index, search, publish, remove."""

from __future__ import annotations

from conftest import EXAMPLES

import indexer
from indexer import Agora


def test_notebook_session(tmp_path, monkeypatch):
    monkeypatch.setenv("AGORA_EMBEDDING_MODEL", "fake")  # the real model is tested in tests/index
    kb = Agora.init(tmp_path / "kb")
    assert Agora(kb.kb.root).kb.root == kb.kb.root
    names = ("keystroke-monitoring-bank.txt", "gig-worker-algorithmic-pay.txt")
    results = kb.add([str(EXAMPLES / name) for name in names])
    assert [r.status for r in results] == ["added", "added"]
    assert {a.slug for a in kb.articles()} == {r.slug for r in results} and kb.units()
    assert kb.index().added > 10
    hits = kb.search("keystroke logging", n=3, kind="quote")
    assert hits and all(h.kind == "quote" for h in hits)
    assert indexer.search("keystroke logging", kb=kb.kb.root, n=3, kind="quote") == hits
    pages = kb.publish(build=False)
    assert pages.written > 5 and (kb.kb.docs_dir / "articles" / f"{results[0].slug}.md").exists()
    assert kb.extract([results[0].slug]) > 0
    assert kb.remove([results[1].slug]) == [results[1].slug]
    assert not (kb.kb.docs_dir / "articles" / f"{results[1].slug}.md").exists()
    assert all(h.article != results[1].slug for h in kb.search("pay", n=50))


def test_atomic_writes_keep_files_readable(tmp_path):
    """mkstemp creates 0600 files: pages and corpus files must still be readable by others."""
    import os
    import stat

    from indexer.atomic import atomic_write_text

    new = tmp_path / "page.md"
    atomic_write_text(new, "x")
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~_umask_now()
    os.chmod(new, 0o640)
    atomic_write_text(new, "y")
    assert stat.S_IMODE(new.stat().st_mode) == 0o640


def _umask_now() -> int:
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    return mask
