"""The related/counter pass of `agora index` over a whole knowledge base: the exact all-pairs
comparison against the vector index's neighbours (what runs past EXACT_MAX argued units), on
real texts at two sizes, with the growth exponent of each and how many units get the same
links. Texts as in team_index.py (ArguAna, ArgKP, GGT sentences), embedded with MiniLM; each
unit gets a side and an article of 12 units at random (seeded).

    python bench/related_speed.py [N ...]    (default 4000 8000)
"""

from __future__ import annotations

import math
import random
import sys
import tempfile
import time
from pathlib import Path

from _shared import table
from team_index import real_texts

from indexer.index import links
from indexer.index.links import related, update_related
from indexer.model.kb import KnowledgeBase
from indexer.model.units import Unit


def units_of(texts: list[str]) -> list[Unit]:
    rng = random.Random(7)
    return [Unit(id=f"u{i}", article=f"a{i // 12}", kind="claim", text=t, start=0, end=len(t),
                 stance=rng.choice(["for", "against"])) for i, t in enumerate(texts)]


def link_ids(result) -> dict:
    return {u: (set(r.ids("also")), set(r.ids("counter"))) for u, r in result.items()}


def main() -> None:
    import numpy as np

    from indexer.encoders import load_embedder
    from indexer.index.store import open_store

    sizes = [int(a) for a in sys.argv[1:]] or [4000, 8000]
    texts = real_texts(max(sizes))
    embedder = load_embedder()
    all_vectors = np.asarray(embedder.encode(texts), dtype=np.float32)
    rows, seconds = [], {}
    for n in sizes:
        units, matrix = units_of(texts[:n]), all_vectors[:n]
        vectors = {u.id: matrix[i] for i, u in enumerate(units)}
        started = time.perf_counter()
        exact = related(units, matrix)
        t_exact = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as tmp:
            kb = KnowledgeBase.init(Path(tmp) / "kb")
            store = open_store(kb, embedder.name, embedder.dim)
            for i in range(0, n, 256):
                batch = units[i:i + 256]
                store.upsert([u.id for u in batch], [vectors[u.id] for u in batch], [{"article": u.article}
                                                                                     for u in batch])
            links.EXACT_MAX = links.FRESH_CELLS = 0  # the path past EXACT_MAX at any size
            started = time.perf_counter()
            nearest = update_related(units, vectors, {}, {}, store.query_many)
            t_knn = time.perf_counter() - started
        a, b = link_ids(exact), link_ids(nearest)
        same = sum(a[u] == b.get(u) for u in a) / max(len(a), 1)
        seconds[n] = (t_exact, t_knn)
        rows.append((n, f"{t_exact:.1f}", f"{t_knn:.1f}", f"{100 * same:.1f}%"))
    print(table(rows, ("units", "exact all pairs s", "index neighbours s", "same links")))
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        grow = [math.log(seconds[hi][k] / seconds[lo][k]) / math.log(hi / lo) for k in (0, 1)]
        print(f"\ngrowth exponent {lo} -> {hi}: exact {grow[0]:.2f}, neighbours {grow[1]:.2f}")


if __name__ == "__main__":
    main()
