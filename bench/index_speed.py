"""`agora index`'s embedding and storing against the bare embedder on the same real texts (#21
item 1: >= 90% of the bare throughput).

The real articles of `scale_real.py` (GGT's and scrapinghub's) are added and extracted without
an index; then, in this process, `Index.sync` embeds and stores every unit from nothing (no
embedding cache), and the bare embedder encodes the same distinct texts in the same batches
(shortest first, BATCH at a time) and a bare Chroma store takes them. Each is run `--runs` times
in turn; the best of each is kept.

    python bench/index_speed.py            # 279 articles, 3 runs
    python bench/index_speed.py 140 --runs 2
    PROFILE=1 python bench/index_speed.py 279 --runs 1   # where Index.sync's time goes
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import ROOT, table
from scale_real import AGORA, real_articles, write_editions

sys.path.insert(0, str(ROOT))

PROFILE = bool(os.environ.get("PROFILE"))  # print a cProfile of each Index.sync


def synced(kb_root: Path, copy: Path) -> float:
    """Seconds of `Index.sync` in a copy of the knowledge base that has no index yet, only the
    parsed units extraction left (Chroma keeps a client per path: a deleted index must not be
    opened again in this process)."""
    from indexer.index.index import Index
    from indexer.model.kb import KnowledgeBase
    from indexer.model.unit_cache import FILE

    shutil.copytree(kb_root, copy, ignore=shutil.ignore_patterns(".agora"))
    source, kb = KnowledgeBase.open(kb_root).state_dir, KnowledgeBase.open(copy)
    kb.state_dir.mkdir(parents=True, exist_ok=True)
    for part in (FILE, f"{FILE}-wal"):
        if (source / part).exists():
            shutil.copy(source / part, kb.state_dir / part)
    started = time.perf_counter()
    with Index(kb) as index:
        if PROFILE:
            import cProfile
            import pstats

            with cProfile.Profile() as prof:
                index.sync()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        else:
            index.sync()
    return time.perf_counter() - started


def bare(kb, texts: list[str]) -> float:
    """Seconds of the bare embedder and a bare Chroma store over the same texts and batches."""
    import numpy as np

    from indexer.encoders import load_embedder
    from indexer.index.index import BATCH
    from indexer.index.store import open_store
    from indexer.model.kb import KnowledgeBase

    embedder = load_embedder(kb.settings.embedding_model, kb.settings.embedding_backend)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(KnowledgeBase.init(Path(tmp) / "bare"), embedder.name, embedder.dim)
        started = time.perf_counter()
        for i in range(0, len(texts), BATCH):
            chunk = texts[i:i + BATCH]
            vectors = np.asarray(embedder.encode(chunk))
            store.upsert([f"u{j}" for j in range(i, i + len(chunk))], list(vectors), [{"k": 1}] * len(chunk))
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=279, help="articles")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from indexer.index.rows import wanted_rows
    from indexer.model.kb import KnowledgeBase

    with tempfile.TemporaryDirectory() as tmp:
        root, kb_root = Path(tmp), Path(tmp) / "kb"
        pool = real_articles()
        write_editions(root / "in", pool, 0, min(args.n, len(pool)))
        subprocess.run([*AGORA, "init", str(kb_root)], check=True, capture_output=True)
        subprocess.run([*AGORA, "add", str(root / "in"), "--no-extract", "--quiet"], cwd=kb_root, check=True,
                       capture_output=True)
        subprocess.run([*AGORA, "extract", "--all", "--quiet"], cwd=kb_root, check=True, capture_output=True)
        kb = KnowledgeBase.open(kb_root)
        rows = wanted_rows(kb)
        texts = sorted({r["text"] for r in rows.values()}, key=lambda t: (len(t), t))
        ours, theirs = [], []
        for run in range(args.runs):
            theirs.append(bare(kb, texts))
            ours.append(synced(kb_root, root / f"copy{run}"))
    best, base = min(ours), min(theirs)
    print(table([(f"{len(rows):,} units ({len(texts):,} distinct)", f"{base:.2f} s", f"{best:.2f} s",
                  f"{base / best:.0%}", " / ".join(f"{s:.2f}" for s in ours))],
                ("texts", "bare embed + store", "Index.sync", "of bare throughput", "runs")))


if __name__ == "__main__":
    main()
