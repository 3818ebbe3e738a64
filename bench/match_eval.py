"""Calibrate `good_match`: the cosine above which a search result counts as an answer.

Chosen on the demo knowledge base (corpus/ of this repository): short searches a reader
types that its units answer (bench/data/demo_queries.txt) against everyday searches that
nothing in it answers (bench/data/offtopic_queries.txt); the lowest threshold of the best
balanced accuracy, so that a weak but real match is not called no match. Checked on
collections it was not chosen on: ArgKP's key points over the crowd arguments of their
motions, and ArguAna's passages over their counter-arguments (own passage excluded), against
the same everyday searches over each.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from _shared import DATA, require, table

from indexer.encoders import load_embedder

ROOT = Path(__file__).resolve().parents[1]
def queries_in(name: str) -> list[str]:
    lines = (ROOT / "bench" / "data" / name).read_text(encoding="utf-8").splitlines()
    return [q for q in lines if q and not q.startswith("#")]


OFFTOPIC = queries_in("offtopic_queries.txt")
DEMO = queries_in("demo_queries.txt")
LIMIT = int(sys.argv[1]) if len(sys.argv) > 1 else 500


def best(query_vectors, doc_vectors, exclude=None) -> np.ndarray:
    scores = query_vectors @ doc_vectors.T
    if exclude is not None:
        scores[np.arange(len(exclude)), exclude] = -1
    return scores.max(axis=1)


def separate(answerable: np.ndarray, unanswerable: np.ndarray) -> tuple[float, float]:
    grid = np.arange(0.10, 0.70, 0.01)
    accuracy = [((answerable >= t).mean() + (unanswerable < t).mean()) / 2 for t in grid]
    i = int(np.argmax(accuracy))
    return round(float(grid[i]), 2), float(accuracy[i])


def argkp() -> tuple[list[str], list[str]]:
    """(key points, arguments) of ArgKP's dev motions: the arguments that match a key point."""
    import csv

    with (DATA / "arguments" / "ibm-argkp" / "ArgKP-2021_dev.derived.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["label"] == "1"]
    return sorted({r["key_point"] for r in rows}), sorted({r["argument"] for r in rows})


def demo_units() -> list[str]:
    from indexer.model.kb import KnowledgeBase
    from indexer.model.units import usable_units

    return [u.plain_text for u in usable_units(KnowledgeBase.open(ROOT))]


def main() -> None:
    from retrieval_arguana import load

    corpus, queries, qrels = load(require(DATA / "retrieval" / "arguana" / "beir-style-derived"))
    embedder = load_embedder()
    ids = [d["_id"] for d in corpus]
    docs = embedder.encode([(d.get("title", "") + " " + d["text"]).strip() for d in corpus])
    qids = [q for q in qrels if q in queries][:LIMIT]
    position = {d: i for i, d in enumerate(ids)}
    answerable = best(embedder.encode([queries[q] for q in qids]), docs,
                      exclude=np.array([position.get(q, 0) for q in qids]))
    off = embedder.encode(OFFTOPIC)
    unanswerable = best(off, docs)
    unit_vectors = embedder.encode(demo_units())
    demo_on, demo_off = best(embedder.encode(DEMO), unit_vectors), best(off, unit_vectors)
    threshold, accuracy = separate(demo_on, demo_off)
    points, arguments = argkp()
    argument_vectors = embedder.encode(arguments)
    short, short_off = best(embedder.encode(points), argument_vectors), best(off, argument_vectors)
    collections = (("demo (chosen on)", demo_on, demo_off), ("ArgKP key points", short, short_off),
                   ("ArguAna passages", answerable, unanswerable))
    rows = [(name, len(on), *(f"{np.percentile(on, p):.2f}" for p in (5, 50)), f"{on.min():.2f}",
             f"{np.percentile(no, 95):.2f}", f"{no.max():.2f}") for name, on, no in collections]
    print(table(rows, ("collection", "answerable", "p5", "median", "min", "everyday p95", "everyday max")))
    print(f"chosen threshold t = {threshold} (balanced accuracy {accuracy:.3f} on the demo)")
    rates = [(f"{t:.2f}", *(f"{(on >= t).mean():.0%} / {(no < t).mean():.0%}" for _, on, no in collections))
             for t in sorted({threshold, 0.35, 0.40, 0.45})]
    print(table(rates, ("t", *(f"{name}: answerable >= t / everyday < t" for name, _, _ in collections))))


if __name__ == "__main__":
    main()
