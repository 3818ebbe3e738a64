"""Argument-to-key-point matching on IBM ArgKP-2021 (dev, derived), as in the KPA-2021 task.

Each argument is matched to its most similar key point of the same topic and stance by
cosine similarity of the same MiniLM embeddings Agora uses for key points. Per topic and
stance, matches are ranked by score and the top half is kept; average precision counts a
labelled match as correct. Strict: unlabelled pairs count as wrong; relaxed: as right.
mAP is the mean over topic-stance groups.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import numpy as np
from _shared import DATA, require, table

from indexer.encoders import load_embedder
from indexer.index.cache import EmbeddingCache


def load():
    path = require(DATA / "arguments" / "ibm-argkp" / "ArgKP-2021_dev.derived.csv")
    labels, groups = {}, defaultdict(lambda: (set(), set()))
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["topic"], row["stance"])
            labels[(row["argument"], row["key_point"])] = int(row["label"])
            groups[key][0].add(row["argument"])
            groups[key][1].add(row["key_point"])
    return labels, groups


def average_precision(flags: list[int]) -> float:
    hits, total = 0, 0.0
    for i, flag in enumerate(flags, start=1):
        if flag:
            hits += 1
            total += hits / i
    return total / max(hits, 1) if flags else 0.0


def main() -> None:
    labels, groups = load()
    embedder = load_embedder()
    cache = EmbeddingCache(Path.home() / ".cache" / "agora" / "bench-embeddings.sqlite", embedder.name, embedder.dim)
    strict, relaxed, accuracy = [], [], []
    for args, kps in groups.values():
        args, kps = sorted(args), sorted(kps)
        a = np.stack(cache.embed(args, embedder.encode))
        k = np.stack(cache.embed(kps, embedder.encode))
        scores = a @ k.T
        best = scores.argmax(axis=1)
        ranked = sorted(range(len(args)), key=lambda i: -scores[i, best[i]])[: max(1, len(args) // 2)]
        pairs = [labels.get((args[i], kps[best[i]])) for i in ranked]
        strict.append(average_precision([p == 1 for p in pairs]))
        relaxed.append(average_precision([p != 0 for p in pairs]))
        accuracy.append(np.mean([p == 1 for p in pairs]))
    print(table([("MiniLM cosine, top-1 key point", len(groups), f"{np.mean(strict):.3f}", f"{np.mean(relaxed):.3f}",
                  f"{np.mean(accuracy):.3f}")],
                ("method", "topic-stance groups", "strict mAP", "relaxed mAP", "precision of top half")))


if __name__ == "__main__":
    main()
