"""Stance toward a question: for, against or neutral, from Agora's cross-encoder (model card:
encoders/data/stance.md). Neutral only when the model's neutral probability reaches the
threshold calibrated on held-out motions."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.vocab import Stance
from .classifier import load_classifier
from .questions import positive_form


@dataclass(frozen=True)
class StanceResult:
    label: Stance
    score: float  # neutral: its probability; a side: its share of for + against (how sure the side is)


def stance(texts: list[str], question: str, *, model: str = "") -> list[StanceResult]:
    """`indexer.stance(["Nobody does their best work with a stopwatch on"], "Should employers
    record what employees type?")` -> [StanceResult(label="against", score=...)]."""
    return stance_pairs([(question, text) for text in texts], model=model)


def stance_pairs(pairs: list[tuple[str, str]], *, model: str = "") -> list[StanceResult]:
    """Stance of each (question, text) pair: many questions in one batched run."""
    rows = probabilities(pairs, model=model)
    threshold = neutral_threshold(model) if rows else 0.0
    return [decide(row, threshold) for row in rows]


def probabilities(pairs: list[tuple[str, str]], *, model: str = "", normalise: bool = True) -> list[dict[str, float]]:
    """{for, against, neutral} probabilities of each (question, text) pair. The model is asked the
    question's positive wording (questions.py) and for/against swapped back where that flipped it."""
    if not pairs:
        return []
    classifier = load_classifier("stance", model)
    asked = [positive_form(q) if normalise else (q, 1) for q, _ in pairs]
    rows = classifier.probabilities([t for _, t in pairs], [q for q, _ in asked])
    out = []
    for (_, direction), row in zip(asked, rows, strict=True):
        p = dict(zip(classifier.labels, (round(float(x), 5) for x in row), strict=True))
        out.append(p if direction > 0 else {**p, "for": p["against"], "against": p["for"]})
    return out


def neutral_threshold(model: str = "") -> float:
    return load_classifier("stance", model).card["neutral_threshold"]


def decide(p: dict[str, float], threshold: float | None = None) -> StanceResult:
    """Neutral when its probability reaches the calibrated threshold, else the likelier side."""
    threshold = neutral_threshold() if threshold is None else threshold
    if p["neutral"] >= threshold:
        return StanceResult("neutral", round(p["neutral"], 4))
    side = "for" if p["for"] >= p["against"] else "against"
    return StanceResult(side, round(share(p, side), 4))


def share(p: dict[str, float], side: str) -> float:
    """How sure the model is of a side: that side's share of for + against."""
    return p[side] / max(p["for"] + p["against"], 1e-9)


def log_odds(probs: list[dict[str, float]]):
    """The for/against log-odds of each pair, as an array."""
    import numpy as np

    return np.array([np.log(max(p["for"], 1e-6)) - np.log(max(p["against"], 1e-6)) for p in probs])


def with_margins(probs: list[dict[str, float]], margins) -> list[dict[str, float]]:
    """The probabilities with for/against re-split by the given log-odds; the neutral kept."""
    import numpy as np

    shares = 1.0 / (1.0 + np.exp(-np.asarray(margins, dtype=float)))
    return [{"for": round(float(share * (p["for"] + p["against"])), 5),
             "against": round(float((1 - share) * (p["for"] + p["against"])), 5), "neutral": p["neutral"]}
            for p, share in zip(probs, shares, strict=True)]


def by_speaker(probs: list[dict[str, float]], speakers: list[str], weight: float = 2.0) -> list[dict[str, float]]:
    """The probabilities with each pair's for/against log-odds joined by its speaker's other
    pairs: + weight x their sum / (their number + 1). People keep their side within a debate,
    and one quote of theirs often carries too few of the question's words to show it ("We are
    not watching people" from the bank's chief operating officer). "" is no speaker. Measured on our
    demo issue and on GGT's real news quotes (bench/RESULTS.md)."""
    margins = log_odds(probs)
    rows: dict[str, list[int]] = {}
    for i, who in enumerate(speakers):
        if who:
            rows.setdefault(who, []).append(i)
    joined = margins.copy()
    for members in rows.values():
        total = margins[members].sum()
        for i in members:
            joined[i] += weight * (total - margins[i]) / len(members)
    return with_margins(probs, joined)


def centred(probs: list[dict[str, float]]) -> list[dict[str, float]]:
    """The probabilities with each pair's for/against log-odds less their mean over `probs` (the
    units of one question): a long or compound question tilts every answer one way, and news
    quotes carry too little of the question's words to outweigh it (bench/RESULTS.md). The
    neutral probability is kept."""
    if not probs:
        return []
    margins = log_odds(probs)
    return with_margins(probs, margins - margins.mean())
