"""What the index holds of each unit: one row (filters, display, content hash) per unit."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from ..model.articles import Article
from ..model.kb import KnowledgeBase
from ..model.snapshot import Snapshot, read_corpus
from ..model.units import Unit

VECTOR_META = ("article", "kind", "stance", "speaker", "stakeholders", "published", "status", "issues", "hash")


def unit_row(unit: Unit, article: Article) -> dict:
    row = {
        "id": unit.id, "article": unit.article, "kind": unit.kind, "stance": unit.stance,
        "speaker": unit.speaker, "stakeholders": "|" + "|".join(unit.stakeholder_ids()) + "|",
        "published": int(article.published.strftime("%Y%m%d")) if article.published else 0,
        "status": unit.status, "issues": "|" + "|".join(article.topics) + "|",
        "text": unit.plain_text, "title": article.title, "speaker_title": unit.speaker_title,
        "url": article.url, "confidence": unit.confidence,
    }
    row["hash"] = hashlib.sha256(json.dumps(row, sort_keys=True).encode()).hexdigest()
    return row


def wanted_rows(kb: KnowledgeBase, *, strict: bool = True, snapshot: Snapshot | None = None) -> dict[str, dict]:
    """Every indexable unit (not rejected) of the corpus (as read, or as in `snapshot`), as index
    rows. Strict: an unreadable corpus file stops here (CorpusFileError naming it), so its units
    are never taken for removed."""
    return {row["id"]: row for row in index_rows(kb, strict=strict, snapshot=snapshot)}


def index_rows(kb: KnowledgeBase, *, strict: bool = True, snapshot: Snapshot | None = None) -> Iterator[dict]:
    """The rows of `wanted_rows` one at a time (a sync keeps only the changed ones: all of them
    took 110 MB at 130,000 units)."""
    articles, units, errors = snapshot or read_corpus(kb)
    if errors and strict:
        raise errors[0]
    for unit in units:
        if unit.status != "rejected" and unit.article in articles:
            yield unit_row(unit, articles[unit.article])


def vector_meta(row: dict) -> dict:
    return {k: row[k] for k in VECTOR_META}
