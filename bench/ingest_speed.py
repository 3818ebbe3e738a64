"""Ingest throughput: add + extract + index on generated ~800-word articles, against each
component run bare on the same text (nlp.pipe, encoding, Chroma upsert), and peak memory.
Usage: python bench/ingest_speed.py [ARTICLES]   (default 200); extrapolates to 10,000.
Targets: pipeline >= 85% of its slowest bare component; 10,000 articles <= 25 minutes; <= 2 GB."""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from _corpus import article_texts
from _shared import table

from indexer import Agora
from indexer.encoders import load_embedder
from indexer.extract import BATCH_SIZE
from indexer.extract.pipeline import load_nlp
from indexer.index.index import sync_index
from indexer.index.rows import wanted_rows
from indexer.index.store import open_store
from indexer.model.kb import KnowledgeBase

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200


def main() -> None:
    texts = article_texts(N, seed=11)
    words = sum(len(b.split()) for _, b in texts)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, (title, body) in enumerate(texts):
            (folder / f"a{i:05d}.txt").write_text(f"{title}\n\n{body}\n")
        kb = KnowledgeBase.init(Path(tmp) / "kb")
        embedder = load_embedder(kb.settings.embedding_model, kb.settings.embedding_backend)
        nlp = load_nlp(kb.settings.spacy_model)
        t = time.perf_counter()
        Agora(kb).add([str(folder)])
        add_s = time.perf_counter() - t
        t = time.perf_counter()
        sync_index(kb, embedder=embedder)
        index_s = time.perf_counter() - t
        unit_texts = [r["text"] for r in wanted_rows(kb).values()]
        t = time.perf_counter()
        list(nlp.pipe([b for _, b in texts], batch_size=BATCH_SIZE))
        bare_nlp = time.perf_counter() - t
        t = time.perf_counter()
        vectors = embedder.encode(unit_texts)
        bare_embed = time.perf_counter() - t
        store = open_store(KnowledgeBase.init(Path(tmp) / "bare"), embedder.name, embedder.dim)
        t = time.perf_counter()
        store.upsert([f"u{i}" for i in range(len(vectors))], list(np.asarray(vectors)), [{"k": 1}] * len(vectors))
        bare_upsert = time.perf_counter() - t
    total = add_s + index_s
    bound = bare_nlp + bare_embed + bare_upsert
    rows = [("agora add (parse + extract + write)", f"{add_s:.1f}", f"{N / add_s:.1f}"),
            ("agora index (embed + upsert + crossref)", f"{index_s:.1f}", f"{N / index_s:.1f}"),
            ("pipeline total", f"{total:.1f}", f"{N / total:.1f}"),
            ("bare nlp.pipe", f"{bare_nlp:.1f}", f"{N / bare_nlp:.1f}"),
            ("bare encoding of the units", f"{bare_embed:.1f}", f"{N / bare_embed:.1f}"),
            ("bare Chroma upsert", f"{bare_upsert:.1f}", f"{N / bare_upsert:.1f}"),
            ("sum of bare components", f"{bound:.1f}", f"{N / bound:.1f}")]
    print(table(rows, ("stage", "seconds", "articles/s")))
    result = {"articles": N, "words": words, "units": len(unit_texts), "pipeline_vs_bare_sum": round(bound / total, 2),
              "extrapolated_10k_minutes": round(total / N * 10_000 / 60, 1),
              "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
