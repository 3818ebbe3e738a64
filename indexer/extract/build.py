"""Article -> argument units: run the extractors over one parsed Doc and type the results."""

from __future__ import annotations

from ..model.articles import Article
from ..model.stakeholders import Registry
from ..model.units import Unit, unit_id
from ..model.vocab import KIND_PRIORITY
from ..textnorm import is_boilerplate
from .claims import Finding, extract_claims
from .cues import modality_of, stance_of
from .people import Cast, build_cast
from .quotes import Quote, extract_quotes
from .tagging import tag_stakeholders

EXTRACTOR_VERSION = "rules-1"


def units_from_doc(doc, article: Article, registry: Registry, claim_method: str = "model") -> list[Unit]:
    cast = build_cast(doc, article.title)
    text = article.body
    quotes = [q for q in extract_quotes(doc, cast) if not _in_furniture(text, q.start, q.end)]
    spans = [(q.start, q.end) for q in quotes]
    claims = extract_claims(doc, spans, claim_method)
    units = [_quote_unit(q, doc, article, cast, registry) for q in quotes]
    units += [_claim_unit(f, doc, article, cast, registry) for f in claims]
    return _one_per_span(units)


def _quote_unit(q: Quote, doc, article: Article, cast: Cast, registry: Registry) -> Unit:
    body = article.body[q.start:q.end]
    stance, confidence = stance_of(body, "quote")
    return Unit(
        id=unit_id(article.id, q.start, q.end), article=article.slug, kind="quote", text=body,
        start=q.start, end=q.end, speaker=q.speaker.name if q.speaker else "",
        speaker_title=q.speaker.title if q.speaker else "", quote_type=q.quote_type, cue=q.cue,
        stakeholders=tag_stakeholders(doc, q.start, q.end, "quote", q.speaker, cast, registry),
        stance=stance, modality=modality_of(body), confidence=round(min(q.confidence, confidence + 0.3), 2),
    )


def _claim_unit(f: Finding, doc, article: Article, cast: Cast, registry: Registry) -> Unit:
    body = article.body[f.start:f.end]
    stance, _ = stance_of(body, f.kind)
    return Unit(
        id=unit_id(article.id, f.start, f.end), article=article.slug, kind=f.kind, text=body,
        start=f.start, end=f.end, cue=f.cue,
        stakeholders=tag_stakeholders(doc, f.start, f.end, f.kind, None, cast, registry),
        stance=stance, modality=modality_of(body), confidence=f.confidence,
    )


def _in_furniture(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return is_boilerplate(text[line_start: line_end if line_end >= 0 else len(text)])


def _one_per_span(units: list[Unit]) -> list[Unit]:
    best: dict[str, Unit] = {}
    for unit in units:
        if unit.id not in best or KIND_PRIORITY[unit.kind] < KIND_PRIORITY[best[unit.id].kind]:
            best[unit.id] = unit
    return sorted(best.values(), key=lambda u: (u.start, u.end))
