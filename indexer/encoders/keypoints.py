"""Key points: groups of texts that make the same point, each named by its most central member.

The vectors come from Agora's key point encoder (a MiniLM bi-encoder fine-tuned on ArgKP-2021 by
scripts/train_keypoints.py); the grouping is scikit-learn's average-linkage agglomerative
clustering under a cosine distance threshold chosen on dev motions. The result does not depend
on the order of the texts: they are clustered in a canonical order and mapped back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

MODEL = "keypoints"
MAX_EXACT = 3000  # above this, a fixed sample is clustered and the rest join its nearest group


@dataclass(frozen=True)
class KeyPoint:
    text: str  # the representative statement
    members: list[int] = field(default_factory=list)  # indices into the texts given


def encoder(folder: str = ""):
    from .classifier import load_encoder

    return load_encoder(MODEL, folder)


def threshold(folder: str = "") -> float:
    return float(encoder(folder).card["group_threshold"])


def key_points(texts: list[str], min_size: int = 2, folder: str = "") -> list[KeyPoint]:
    """The key points of `texts`, largest first; texts that share their point with no other are left out."""
    if not texts:
        return []
    model = encoder(folder)
    vectors = model.encode(list(texts))
    groups = group_vectors(vectors, texts, float(model.card["group_threshold"]), min_size)
    return [KeyPoint(text=texts[representative(vectors, g, texts)], members=g) for g in groups]


def group_vectors(vectors, texts: list[str], distance: float, min_size: int = 2) -> list[list[int]]:
    """Groups of indices (each sorted; largest group first) whose average cosine distance is under `distance`."""
    n = len(texts)
    if n == 0 or n < min_size:
        return []
    order = sorted(range(n), key=lambda i: (_digest(texts[i]), texts[i], i))  # canonical, order-free
    sample, rest = order[:MAX_EXACT], order[MAX_EXACT:]
    labels = dict(zip(sample, _cluster(vectors[sample], distance), strict=True))
    if rest:
        _join_nearest(vectors, sample, rest, labels, distance)
    groups: dict[int, list[int]] = {}
    for i, label in labels.items():
        if label >= 0:
            groups.setdefault(label, []).append(i)
    found = [sorted(g) for g in groups.values() if len(g) >= min_size]
    found.sort(key=lambda g: (-len(g), min(texts[i] for i in g)))
    return found


def _cluster(matrix, distance: float) -> list[int]:
    if len(matrix) == 1:
        return [0]
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                    distance_threshold=distance)
    return [int(x) for x in model.fit_predict(matrix)]


def _join_nearest(vectors, sample: list[int], rest: list[int], labels: dict[int, int], distance: float) -> None:
    """Each text beyond the sample joins the group whose centroid is nearest, if near enough."""
    import numpy as np

    ids = sorted(set(labels.values()))
    centroids = np.stack([vectors[[i for i in sample if labels[i] == c]].mean(axis=0) for c in ids])
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)
    for start in range(0, len(rest), 4096):
        block = rest[start:start + 4096]
        scores = vectors[block] @ centroids.T
        best = scores.argmax(axis=1)
        for row, i in enumerate(block):
            labels[i] = ids[best[row]] if 1 - scores[row, best[row]] <= distance else -1


def representative(vectors, members: list[int], texts: list[str]) -> int:
    """The member closest on average to the others; among near ties, the shorter statement."""
    sub = vectors[members]
    centrality = (sub @ sub.T).mean(axis=1)
    return min(members, key=lambda m: (-round(float(centrality[members.index(m)]), 2), len(texts[m]), texts[m]))


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
