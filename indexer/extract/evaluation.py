"""`agora eval`: score the current extractor against the analyst's reviewed units."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.articles import Corpus
from ..model.kb import KnowledgeBase
from ..model.units import load_units, unit_slugs


@dataclass
class EvalReport:
    accepted: int = 0
    rejected: int = 0
    edited: int = 0
    added: int = 0
    still_rejected: int = 0     # rejected units the extractor still proposes
    still_found: int = 0        # accepted/edited units it still proposes
    added_found: int = 0        # analyst-added units it now finds (overlap >= 0.5)

    @property
    def precision(self) -> float:
        """Of the machine units an analyst judged, the share they kept."""
        judged = self.accepted + self.edited + self.rejected
        return (self.accepted + self.edited) / judged if judged else 0.0

    @property
    def recall_of_added(self) -> float:
        return self.added_found / self.added if self.added else 0.0

    def as_dict(self) -> dict:
        return {**self.__dict__, "precision": round(self.precision, 3),
                "recall_of_added": round(self.recall_of_added, 3)}


def evaluate(kb: KnowledgeBase) -> EvalReport:
    from ..model.stakeholders import load_registry
    from . import extract_articles

    report = EvalReport()
    corpus = Corpus(kb)
    reviewed = {slug: [u for u in load_units(kb, slug) if u.reviewed] for slug in unit_slugs(kb)}
    reviewed = {s: us for s, us in reviewed.items() if us}
    if not reviewed:
        return report
    fresh = extract_articles([corpus.get(s) for s in reviewed], model=kb.settings.spacy_model,
                             registry=load_registry(kb))
    for slug, units in reviewed.items():
        spans = [(u.start, u.end) for u in fresh.get(slug, [])]
        ids = {u.id for u in fresh.get(slug, [])}
        for u in units:
            if u.origin == "analyst":
                report.added += 1
                report.added_found += any(_overlap(u.start, u.end, s, e) >= 0.5 for s, e in spans)
            elif u.status == "rejected":
                report.rejected += 1
                report.still_rejected += u.id in ids
            else:
                report.accepted += u.status == "accepted"
                report.edited += u.status == "edited"
                report.still_found += u.id in ids
    return report


def _overlap(s1: int, e1: int, s2: int, e2: int) -> float:
    return max(0, min(e1, e2) - max(s1, s2)) / max(e1 - s1, 1)


def macro_f1(gold: list, pred: list, classes) -> float:
    """The mean over `classes` of each class's F1 (a class never predicted nor gold scores 0)."""
    scores = []
    for c in classes:
        tp = sum(g == p == c for g, p in zip(gold, pred, strict=True))
        wrong = sum((g == c) != (p == c) for g, p in zip(gold, pred, strict=True))
        scores.append(2 * tp / max(2 * tp + wrong, 1))
    return sum(scores) / len(scores)
