"""Claims, risks and opportunities: sentences and list items that argue something."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..textnorm import is_boilerplate
from .cues import ARGUABLE_RE, first_cue, modality_of, polarity
from .lexicons import lexicons

_LABEL_RE = re.compile(r"^\s*(?:[•*-]\s*)?(?P<label>risks?|opportunit(?:y|ies)|benefits?|harms?|concerns?)\s*:\s*",
                       re.I)
MIN_WORDS, MAX_WORDS = 6, 80
SENTENCE_CONFIDENCE = 0.85  # below an explicitly labelled list item ("Risks: ...", 0.9)


@dataclass
class Finding:
    start: int
    end: int
    kind: str  # claim | risk | opportunity
    cue: str
    confidence: float


def extract_claims(doc, quote_spans: list[tuple[int, int]], method: str = "model") -> list[Finding]:
    """Labelled list items, then sentences outside quotes that the argument detector (or, with
    method "rules", the cue rules) takes for an argument. A quoted sentence is the quote's."""
    findings, candidates = [], []
    for sent in doc.sents:
        labelled = _labelled_item(sent)
        if labelled is not None:
            findings.append(labelled)
        elif _is_assertion(sent, sent.text.strip()) and not _quoted(sent, quote_spans):
            candidates.append(sent)
    if method == "rules":
        findings += [f for f in map(_sentence_unit, candidates) if f is not None]
    else:
        findings += _model_units(candidates)
    return sorted(findings, key=lambda f: f.start)


def _model_units(sents) -> list[Finding]:
    from .kinds import argument_kind

    out = []
    for sent, result in zip(sents, argument_kind([s.text.strip() for s in sents], sents), strict=True):
        if result.label != "none":
            start, end = _bounds(sent)
            out.append(Finding(start, end, result.label, result.cue, round(min(result.score, SENTENCE_CONFIDENCE), 2)))
    return out


def rule_finding(sent) -> Finding | None:
    """The cue rules alone on one sentence (the baseline of bench/claims_eval.py)."""
    return _labelled_item(sent) or (_sentence_unit(sent) if _is_assertion(sent, sent.text.strip()) else None)


def _bounds(sent) -> tuple[int, int]:
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    return start, start + len(sent.text.strip())


def _labelled_item(sent) -> Finding | None:
    """'Risks: X could lead to Y' list items; the unit is the text after the label."""
    match = _LABEL_RE.match(sent.text)
    if not match:
        return None
    label = match.group("label").lower()
    kind = "opportunity" if label.startswith(("opportunit", "benefit")) else "risk"
    start = sent.start_char + match.end()
    text = sent.text[match.end():].rstrip()
    return Finding(start, start + len(text), kind, match.group("label"), 0.9) if len(text) > 10 else None


def _sentence_unit(sent) -> Finding | None:
    text = sent.text.strip()
    start, end = _bounds(sent)
    benefit, risk = polarity(text)
    modal = modality_of(text) in ("could", "will")
    if modal and risk > benefit:
        return Finding(start, end, "risk", first_cue(text, lexicons().risk_re), 0.6)
    if modal and benefit > risk:
        return Finding(start, end, "opportunity", first_cue(text, lexicons().benefit_re), 0.6)
    if ARGUABLE_RE.search(text) or benefit or risk:
        cue = first_cue(text, ARGUABLE_RE)
        return Finding(start, end, "claim", cue, 0.5)
    return None


def _is_assertion(sent, text: str) -> bool:
    """A declarative sentence with a verb; not a heading, question, byline or furniture."""
    words = [t for t in sent if t.is_alpha]
    if not MIN_WORDS <= len(words) <= MAX_WORDS or text.endswith("?") or is_boilerplate(text):
        return False
    if text[-1:] not in ".!\"”’)" and "\n" not in text:
        return False  # headings and captions have no final punctuation
    if re.match(r"^\s*(?:by\s|\d+\.\s)", text, re.I) or "\n" in text.strip():
        return False
    if _CALL_TO_ACTION_RE.search(text) or _imperative(sent):
        return False
    return any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in sent)


_CALL_TO_ACTION_RE = re.compile(r"\b(?:here'?s what|what you need to know|read more|sign up|subscribe|click|"
                                r"follow us|share this)\b", re.I)


def _imperative(sent) -> bool:
    """'Stay informed...', 'Consider...': a bare verb with no subject opens the sentence."""
    words = [t for t in sent if not t.is_punct and not t.is_space and t.text != "•"]
    root = sent.root
    return bool(words) and root.tag_ == "VB" and words[0].i == root.i and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children)


def _quoted(sent, spans: list[tuple[int, int]]) -> bool:
    """Any part of the sentence is a quote ("\"...,\" said X, a researcher at Y."): it is the quote's."""
    return any(min(sent.end_char, e) > max(sent.start_char, s) for s, e in spans)
