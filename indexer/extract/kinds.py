"""What kind of argument unit a sentence is: claim, risk, opportunity, or none.

Whether it argues at all is the argument detector's call (encoders/data/argument.md: MiniLM
fine-tuned on IBM's claim and evidence sentences); which kind is the cue lexicon's: a
possible harm ("could", "will") is a risk, a possible gain an opportunity, and everything
else, remedies and recommendations ("should", "must") included, a claim."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .cues import ARGUABLE_RE, first_cue, modality_of, polarity
from .lexicons import lexicons


@dataclass(frozen=True)
class KindResult:
    label: Literal["claim", "risk", "opportunity", "none"]
    score: float  # how likely the text is an argument unit at all, in [0, 1]
    cue: str = ""


def argument_kind(texts: list[str], sents: list | None = None, *, syntax: bool = True) -> list[KindResult]:
    """`indexer.argument_kind(["That does nothing to solve the problem."])` -> [KindResult("claim", ...)].

    The detector's score, then what the parse says (forms.py): narration argues nothing, and a
    plain judgement ("That is a ridiculous approach ...") argues even when the detector doubts it.
    *sents* are the texts' spaCy spans when the caller has parsed them (extraction); else the
    texts are parsed here. `syntax=False` is the detector alone (bench/claims_eval.py)."""
    from ..encoders.classifier import load_classifier

    if not texts:
        return []
    classifier = load_classifier("argument")
    column = classifier.labels.index("argument")
    threshold = classifier.card["argument_threshold"]
    scores = [round(float(row[column]), 4) for row in classifier.probabilities(list(texts))]
    forms = _forms(texts, sents) if syntax else [("", "")] * len(texts)
    out = []
    for text, score, (told, judgement) in zip(texts, scores, forms, strict=True):
        if told or not (score >= threshold or (judgement and score >= JUDGED_FLOOR)):
            out.append(KindResult("none", score))
        else:
            kind, cue = kind_of(text)
            out.append(KindResult(kind, score, cue or judgement))
    return out


JUDGED_FLOOR = 0.3  # a judgement the detector scores this low is rarely an argument (claims_eval)


def _forms(texts: list[str], sents: list | None) -> list[tuple[str, str]]:
    """(narration form, judgement word) of each text: narration when every sentence of it narrates."""
    from .forms import judges, narrates

    if sents is None:
        from ..model.settings import Settings
        from .pipeline import load_nlp

        sents = list(load_nlp(Settings.load().spacy_model).pipe(texts))
    out = []
    for span in sents:
        parts = list(span.sents)
        told = [narrates(s) for s in parts]
        out.append((told[0] if all(told) else "", next((w for w in map(judges, parts) if w), "")))
    return out


_MODAL_RE = re.compile(r"\b(?:could|may|might|can|will|would|shall)\b|'ll\b", re.I)
_RELATIVE_RE = re.compile(r"\b(?:that|which|who)\s*$", re.I)


def predicts(text: str) -> bool:
    """Whether the text itself says what could or will happen: a modal verb that is not inside a
    relative clause ("a bill that would ban ..." reports a proposal; "researchers warn of a
    risk" names one without predicting it)."""
    return any(not _RELATIVE_RE.search(text[:m.start()]) for m in _MODAL_RE.finditer(text))


def kind_of(text: str) -> tuple[str, str]:
    """(kind, cue) of a text known to argue."""
    benefit, risk = polarity(text)
    possible = modality_of(text) in ("could", "will") and predicts(text)
    if possible and risk > benefit:
        return "risk", first_cue(text, lexicons().risk_re)
    if possible and benefit > risk:
        return "opportunity", first_cue(text, lexicons().benefit_re)
    return "claim", first_cue(text, ARGUABLE_RE)
