"""Stance toward each issue's question: the issue's argued units re-asked by the stance model.

Answers are cached by (question, text) in .agora/stance-cache.json (derived), so a new
article costs its own units only and a changed question re-asks that issue alone. An
analyst's reviewed unit keeps its stance; an issue's sides are centred on its own units (the
model leans one way on some questions) and a named speaker's units lean toward that speaker's
others; once an issue has a few reviewed per side the others adapt to them; with
`stance_method` other than `model` every unit keeps the stance extraction gave it."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import NamedTuple

from ..atomic import atomic_write_text
from ..model.issues import Issue
from ..model.kb import KnowledgeBase
from ..model.units import Unit
from ..model.vocab import ARGUED_KINDS, SIDES

FILE = "stance-cache.json"
FEW_SHOT_MIN = 8  # reviewed units per side before an issue's stance adapts to the analyst (bench/stance_fewshot.py)
CENTRE_MIN = 20  # argued units an issue needs before its sides are centred (encoders/stance.centred)


class Sides(NamedTuple):
    stances: dict[str, str]  # unit id -> stance toward the issue's question
    sureness: dict[str, float]  # argued unit id -> the model's share for that side (1.0: the analyst's)


def key(question: str, text: str) -> str:
    return hashlib.sha1(f"{question}\n{text}".encode()).hexdigest()[:20]


class StanceCache:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.path = kb.state_dir / FILE
        try:
            found = json.loads(self.path.read_text())
        except (OSError, ValueError):
            found = {}
        found = found if isinstance(found, dict) else {}
        self.answers: dict[str, dict[str, float]] = {
            k: v for k, v in found.items() if isinstance(v, dict) and set(v) == {"for", "against", "neutral"}}
        self.used: set[str] = set()

    def keep(self, question: str, units: list[Unit]) -> None:
        """Mark the answers of an issue whose result is reused as used: `save` keeps them."""
        self.used.update(key(question, u.plain_text) for u in units if u.kind in ARGUED_KINDS)

    def save(self) -> None:
        """Keep only what this run used: answers for removed units or old questions go."""
        atomic_write_text(self.path, json.dumps({k: self.answers[k] for k in sorted(self.used)}))


def issue_stances(kb: KnowledgeBase, issue: Issue, units: list[Unit], cache: StanceCache,
                  vectors: dict | None = None) -> Sides:
    """The stance toward the issue's question of every unit; only argued kinds are re-asked.
    The analyst's side for this issue (`issue.stances`) wins, then a reviewed unit's own stance.
    Once the analyst has decided FEW_SHOT_MIN units per side, the sides adapt to them (`adapt`)."""
    out = {u.id: issue.stances.get(u.id, u.stance) for u in units}
    if kb.settings.stance_method != "model" or not issue.question.strip():
        return Sides(out, {})
    from ..encoders.stance import by_speaker, centred, decide, neutral_threshold

    argued = [u for u in units if u.kind in ARGUED_KINDS]
    probs = _probabilities(issue.question, argued, cache)
    if len(argued) >= CENTRE_MIN:  # once centred, a speaker's units can be pooled without pooling the tilt
        probs = dict(zip(probs, by_speaker(centred(list(probs.values())), speakers(argued)), strict=True))
    threshold = neutral_threshold()
    decided = _decided(issue, argued)
    auto = [u for u in argued if u.id not in decided]
    out.update({u.id: decide(probs[u.id], threshold).label for u in auto})
    shown = [u.model_copy(update={"stance": decided[u.id]}) for u in argued if decided.get(u.id) in SIDES]
    counts = Counter(u.stance for u in shown)
    if vectors is not None and min(counts["for"], counts["against"]) >= FEW_SHOT_MIN:
        import numpy as np

        sided = [u for u in auto if out[u.id] in SIDES and u.id in vectors]
        shown = [u for u in shown if u.id in vectors]
        if sided and shown:
            predict = adapt([probs[u.id] for u in shown], [u.stance == "for" for u in shown],
                            np.stack([vectors[u.id] for u in shown]))
            sides = predict([probs[u.id] for u in sided], np.stack([vectors[u.id] for u in sided]))
            out.update({u.id: "for" if side else "against" for u, side in zip(sided, sides, strict=True)})
    return Sides(out, {u.id: 1.0 if u.id in decided else _sureness(probs[u.id], out[u.id]) for u in argued})


def adapts(kb: KnowledgeBase, issue: Issue, units: list[Unit]) -> bool:
    """True when the issue's sides adapt to the analyst's (FEW_SHOT_MIN decided per side): only
    then does `issue_stances` read the unit vectors."""
    if kb.settings.stance_method != "model" or not issue.question.strip():
        return False
    counts = Counter(_decided(issue, [u for u in units if u.kind in ARGUED_KINDS]).values())
    return min(counts["for"], counts["against"]) >= FEW_SHOT_MIN


def _decided(issue: Issue, argued: list[Unit]) -> dict[str, str]:
    """The analyst's side of each unit they decided: for this issue, or reviewed."""
    return {u.id: issue.stances.get(u.id, u.stance) for u in argued if u.reviewed or u.id in issue.stances}


def speakers(units: list[Unit]) -> list[str]:
    """Each unit's named speaker, "" for a claim or a group ("employees" are many people)."""
    from ..model.stakeholders import builtin_groups

    groups = {g.id for g in builtin_groups()}
    return [u.speaker_id if u.kind == "quote" and u.speaker_id not in groups else "" for u in units]


def _sureness(p: dict[str, float], stance: str) -> float:
    """The side's share of for + against (neutral: its probability). The share picked the demo
    guide's sides better than the lead over the other side, which favours texts the model thinks
    less neutral whichever side they take."""
    from ..encoders.stance import share

    return round(share(p, stance) if stance in SIDES else p["neutral"], 3)


def _probabilities(question: str, units: list[Unit], cache: StanceCache) -> dict[str, dict[str, float]]:
    """unit id -> the model's probabilities toward the question, asking only what the cache lacks."""
    from ..encoders.stance import probabilities

    keys = {u.id: key(question, u.plain_text) for u in units}
    missing = {keys[u.id]: u.plain_text for u in units if keys[u.id] not in cache.answers}  # a text once
    for k, p in zip(missing, probabilities([(question, text) for text in missing.values()]), strict=True):
        cache.answers[k] = p
    cache.used.update(keys.values())
    return {u.id: cache.answers[keys[u.id]] for u in units}


def with_stances(units: list[Unit], stances: dict[str, str]) -> list[Unit]:
    """Copies of the units carrying the issue-relative stance (the others unchanged)."""
    return [u.model_copy(update={"stance": stances[u.id]}) if stances.get(u.id, u.stance) != u.stance else u
            for u in units]


def margins(probs: list[dict[str, float]]):
    """The model's for/against log-odds of each pair, as a column."""
    from ..encoders.stance import log_odds

    return log_odds(probs).reshape(-1, 1)


def adapt(probs: list[dict[str, float]], sides: list[bool], vectors=None):
    """A per-issue head fitted on the analyst's reviewed units (sides: True = for): the model's
    log-odds and, when given, the units' sentence vectors. Returns predict(probs, vectors) -> sides."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    def features(p, v):
        x = margins(p)
        return np.hstack([x, v]) if v is not None else x

    head = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit(features(probs, vectors), sides)
    return lambda p, v=None: [bool(x) for x in head.predict(features(p, v))]
