"""Cue words in a span: risk/benefit polarity, modality, and stance toward the issue."""

from __future__ import annotations

import re

from .lexicons import lexicons

_BUT_RE = re.compile(r"\b(?:but|however|yet|although|though|while)\b", re.I)
NEGATION_WINDOW = 4


def polarity(text: str) -> tuple[float, float]:
    """(benefit score, risk score). Cues after a contrastive 'but' weigh double; a
    negation just before a cue moves it to the other side."""
    lex = lexicons()
    benefit = risk = 0.0
    pivot = _BUT_RE.search(text)
    for pattern, is_risk in ((lex.benefit_re, False), (lex.risk_re, True)):
        for match in pattern.finditer(text):
            weight = 2.0 if pivot and match.start() > pivot.start() else 1.0
            flipped = _negated(text, match.start(), lex.negations)
            if is_risk != flipped:
                risk += weight
            else:
                benefit += weight
    return benefit, risk


def _negated(text: str, pos: int, negations: frozenset[str]) -> bool:
    before = re.findall(r"[\w']+", text[max(0, pos - 40):pos].lower())[-NEGATION_WINDOW:]
    return any(w in negations or w.endswith("n't") for w in before)


def stance_of(text: str, kind: str) -> tuple[str, float]:
    """Stance toward the practice the article debates: for (its benefits), against (its harms)."""
    if kind == "risk":
        return "against", 0.8
    if kind == "opportunity":
        return "for", 0.8
    benefit, risk = polarity(text)
    if benefit == risk:
        return "neutral", 0.5
    margin = abs(benefit - risk) / (benefit + risk)
    return ("for" if benefit > risk else "against"), round(0.5 + 0.4 * margin, 2)


def modality_of(text: str) -> str:
    words = set(re.findall(r"[\w']+", text.lower()))
    lower = text.lower()
    for mood in ("should", "could", "will"):
        if any((c in words) if " " not in c else (c in lower) for c in lexicons().modality[mood]):
            return mood
    return "is"


ARGUABLE_RE = re.compile(
    r"\b(?:should|must|need(?:s)? to|could|may|might|will|would|can|because|lead(?:s)? to|result(?:s)? in|"
    r"cause[sd]?|means?|risk|threat|benefit|better|worse|more|less|too|only|never|unfair|fair|ethical|"
    r"privacy|trust|harm|bias|safe|danger|crucial|critical|important|significant|increasingly|"
    r"argue|concern|reflect|signal|linked|evidence|rarely|often)\b", re.I)


def first_cue(text: str, pattern: re.Pattern[str]) -> str:
    match = pattern.search(text)
    return match.group(0).lower() if match else ""
