"""ArguAna counter-argument retrieval through Agora's own index code: nDCG@10, Recall@100.

Each ArguAna passage becomes a unit in a throwaway knowledge base; each query is searched
in dense, lexical and hybrid mode (its own id excluded). Anchors: BM25 0.315 (BEIR),
all-MiniLM-L6-v2 about 0.50 (MTEB).
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
import time
from pathlib import Path

from _shared import DATA, require, table

from indexer.encoders import load_embedder
from indexer.index.cache import EmbeddingCache
from indexer.index.index import Index
from indexer.index.lexical import Lexical
from indexer.index.search import _ranked
from indexer.index.store import open_store
from indexer.model.kb import KnowledgeBase

LIMIT = int(sys.argv[1]) if len(sys.argv) > 1 else 0  # queries to run (0 = all)


def load(root: Path):
    corpus = [json.loads(line) for line in (root / "corpus.jsonl").read_text().splitlines()]
    queries = {q["_id"]: q["text"] for q in map(json.loads, (root / "queries.jsonl").read_text().splitlines())}
    qrels: dict[str, dict[str, int]] = {}
    for line in (root / "qrels" / "test.tsv").read_text().splitlines()[1:]:
        qid, did, rel = line.split("\t")
        qrels.setdefault(qid, {})[did] = int(rel)
    return corpus, queries, qrels


def build(kb: KnowledgeBase, corpus: list[dict], embedder) -> None:
    store = open_store(kb, embedder.name, embedder.dim)
    lexical = Lexical(Index.lexical_path(kb))
    cache = EmbeddingCache(Path.home() / ".cache" / "agora" / "bench-embeddings.sqlite", embedder.name, embedder.dim)
    for i in range(0, len(corpus), 512):
        docs = corpus[i:i + 512]
        texts = [(d.get("title", "") + " " + d["text"]).strip() for d in docs]
        vectors = cache.embed(texts, embedder.encode)
        store.upsert([d["_id"] for d in docs], vectors, [{"kind": "claim"} for _ in docs])
        lexical.upsert([{"id": d["_id"], "hash": "", "article": "", "kind": "claim", "stance": "neutral",
                         "speaker": "", "stakeholders": "||", "published": 0, "status": "auto", "issues": "||",
                         "text": t, "title": "", "speaker_title": "", "url": "", "confidence": 1.0}
                        for d, t in zip(docs, texts, strict=True)])


def ndcg_at_10(ranked: list[str], rels: dict[str, int]) -> float:
    dcg = sum(rels.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sum(r / math.log2(i + 2) for i, r in enumerate(sorted(rels.values(), reverse=True)[:10]))
    return dcg / ideal if ideal else 0.0


def main() -> None:
    root = require(DATA / "retrieval" / "arguana" / "beir-style-derived")
    corpus, queries, qrels = load(root)
    embedder = load_embedder()
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase.init(Path(tmp) / "kb")
        started = time.perf_counter()
        build(kb, corpus, embedder)
        print(f"indexed {len(corpus)} passages in {time.perf_counter() - started:.0f}s")
        index = Index.open(kb, embedder)
        qids = [q for q in qrels if q in queries][: LIMIT or None]
        rows = []
        for mode in ("lexical", "dense", "hybrid"):
            ndcg = recall = 0.0
            for qid in qids:
                vector = index.embedder.encode([queries[qid]])[0] if mode != "lexical" else None
                ranked = [i for i, _ in _ranked(index, queries[qid], vector, 101, mode, None) if i != qid][:100]
                ndcg += ndcg_at_10(ranked, qrels[qid])
                recall += len(set(ranked) & set(qrels[qid])) / len(qrels[qid])
            rows.append((mode, f"{ndcg / len(qids):.3f}", f"{recall / len(qids):.3f}", len(qids)))
    print(table(rows, ("mode", "nDCG@10", "Recall@100", "queries")))
    print("anchors: BM25 0.315 (BEIR), all-MiniLM-L6-v2 ~0.50 (MTEB)")


if __name__ == "__main__":
    main()
