"""Search speed: index throughput, warm query latency with and without a filter, the exact
numpy top-10 as the physical reference, and the split of a cold `agora search` process.

Usage: python bench/search_speed.py [SIZES...]   (default: 10000 100000)
Synthetic units get random unit vectors (so indexing excludes embedding); embedding
throughput is measured separately on real sentences and combined for the 'included' figure.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from _shared import ROOT, table

from indexer.encoders import load_embedder
from indexer.index.index import Index
from indexer.index.lexical import Lexical
from indexer.index.search import Filters
from indexer.index.store import open_store
from indexer.model.kb import KnowledgeBase

WORDS = ("monitoring employees privacy trust keystroke data training model consent union regulator risk "
         "benefit school children face camera workers algorithm pay audit bias police health records").split()
KINDS, STANCES = ("claim", "risk", "opportunity", "quote"), ("for", "against", "neutral")


class Fixed:
    """An embedder returning precomputed vectors (the index is measured without the model)."""

    name, dim = "all-MiniLM-L6-v2", 384

    def __init__(self, real) -> None:
        self.real = real

    def encode(self, texts):
        return self.real.encode(texts)


def synthetic(n: int, rng: random.Random) -> list[dict]:
    return [{"id": f"u{i}", "hash": str(i), "article": f"a{i // 20}", "kind": rng.choice(KINDS),
             "stance": rng.choice(STANCES), "speaker": "", "stakeholders": "|employees|" if i % 7 == 0 else "|users|",
             "published": 20260101 + i % 300, "status": "auto", "issues": "||",
             "text": " ".join(rng.choice(WORDS) for _ in range(18)), "title": "t", "speaker_title": "", "url": "",
             "confidence": 0.5} for i in range(n)]


def build(kb: KnowledgeBase, rows: list[dict], vectors: np.ndarray) -> float:
    store = open_store(kb, "all-MiniLM-L6-v2", 384)
    lexical = Lexical(Index.lexical_path(kb))
    started = time.perf_counter()
    for i in range(0, len(rows), 5000):
        chunk = rows[i:i + 5000]
        store.upsert([r["id"] for r in chunk], list(vectors[i:i + 5000]),
                     [{"kind": r["kind"], "stance": r["stance"]} for r in chunk])
        lexical.upsert(chunk)
    lexical.close()
    return len(rows) / (time.perf_counter() - started)


def latencies(fn, queries) -> tuple[float, float]:
    times = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def cold_process(kb: KnowledgeBase) -> dict:
    env = {**os.environ, "AGORA_KB": str(kb.root)}
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "indexer", "search", "employees trust", "--json", "-n", "10"],
                   env=env, capture_output=True, check=True, cwd=ROOT)
    total = time.perf_counter() - t
    probe = ("import time; t=time.perf_counter(); import indexer.cli, chromadb, onnxruntime, tokenizers; "
             "a=time.perf_counter(); from indexer.encoders import load_embedder; e=load_embedder(); "
             "b=time.perf_counter(); e.encode(['employees trust']); c=time.perf_counter(); "
             "print(a-t, b-a, c-b)")
    imports, load, encode = map(float, subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                                      check=True, cwd=ROOT).stdout.split())
    return {"cold search s": f"{total:.2f}", "imports s": f"{imports:.2f}", "model load s": f"{load:.2f}",
            "first encode s": f"{encode:.2f}"}


def measure(kb: KnowledgeBase, n: int, rng: random.Random, embedder, qv: dict, embed_rate: float) -> dict:
    vectors = np.asarray(np.random.default_rng(n).standard_normal((n, 384)), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    rate = build(kb, synthetic(n, rng), vectors)
    searcher = Index.open(kb, Fixed(embedder))
    searcher.embedder.encode = lambda texts: np.stack([qv[t] for t in texts])
    queries = list(qv)
    plain = latencies(lambda q: searcher.search(q, n=10, mode="dense"), queries)
    filtered = latencies(lambda q: searcher.search(q, n=10, mode="dense",
                                                   filters=Filters(kind="risk", stance="against")), queries)
    hybrid = latencies(lambda q: searcher.search(q, n=10, mode="hybrid"), queries)
    numpy_ref = latencies(lambda q: np.argpartition(-(vectors @ qv[q]), 10)[:10], queries)
    return {"units": n, "index units/s (no embedding)": round(rate), "index units/s (with embedding)":
            round(1 / (1 / rate + 1 / embed_rate)), "dense p50/p95 ms": f"{plain[0]:.1f}/{plain[1]:.1f}",
            "filtered p50/p95 ms": f"{filtered[0]:.1f}/{filtered[1]:.1f}",
            "hybrid p50/p95 ms": f"{hybrid[0]:.1f}/{hybrid[1]:.1f}",
            "numpy exact p50 ms": f"{numpy_ref[0]:.1f}", "p95 ratio to numpy": f"{plain[1] / numpy_ref[0]:.1f}"}


def main() -> None:
    sizes = [int(s) for s in sys.argv[1:]] or [10_000, 100_000]
    rng = random.Random(7)
    embedder = load_embedder()
    sample = [" ".join(rng.choice(WORDS) for _ in range(18)) for _ in range(1000)]
    t = time.perf_counter()
    embedder.encode(sample)
    embed_rate = len(sample) / (time.perf_counter() - t)
    queries = [" ".join(rng.choice(WORDS) for _ in range(4)) for _ in range(100)]
    query_vectors = embedder.encode(queries)
    rows_out, results = [], {"embedding units/s": round(embed_rate, 1)}
    qv = dict(zip(queries, query_vectors, strict=True))
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            kb = KnowledgeBase.init(Path(tmp) / "kb")
            row = measure(kb, n, rng, embedder, qv, embed_rate)
            if n == sizes[-1]:
                results.update(cold_process(kb))
        rows_out.append(row)
    print(table([tuple(r.values()) for r in rows_out], tuple(rows_out[0])))
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
