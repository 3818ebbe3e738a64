"""A small stance classifier over MiniLM embeddings of (unit, issue), trained on UKP.

Trained by bench/stance_ukp.py --save; the weights ship in data/stance_lr.npz (a few KB).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..model.vocab import ARGUED_KINDS


def combine(sentences, topics):
    """Features [s, t, s*t] for sentence and topic embeddings (rows aligned)."""
    import numpy as np

    return np.hstack([sentences, topics, sentences * topics]).astype(np.float32)


@lru_cache(maxsize=1)
def _weights():
    import numpy as np

    with resources.files("indexer.extract.data").joinpath("stance_lr.npz").open("rb") as fh:
        data = np.load(fh, allow_pickle=False)
        return data["coef"], data["intercept"], [str(c) for c in data["classes"]]


def predict(sentence_vectors, topic_vectors) -> list[tuple[str, float]]:
    """(stance, probability) per row; 'none' maps to neutral."""
    import numpy as np

    coef, intercept, classes = _weights()
    logits = combine(sentence_vectors, topic_vectors) @ coef.T + intercept
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    best = probs.argmax(axis=1)
    names = {"for": "for", "against": "against", "none": "neutral"}
    return [(names[classes[i]], float(probs[row, i])) for row, i in enumerate(best)]


def refine_neutral(units: list, topic: str) -> int:
    """Give the classifier's stance to quotes and claims the cue rules left neutral."""
    from ..encoders import load_embedder

    undecided = [u for u in units if u.stance == "neutral" and u.kind in ARGUED_KINDS]
    if not undecided:
        return 0
    embedder = load_embedder()
    vectors = embedder.encode([u.text for u in undecided])
    topic_vector = embedder.encode([topic])
    import numpy as np

    for unit, (stance, prob) in zip(undecided, predict(vectors, np.repeat(topic_vector, len(undecided), 0)),
                                    strict=True):
        unit.stance, unit.confidence = stance, round(min(unit.confidence, prob), 2)
    return len(undecided)
