"""`agora index`: bring the vector and lexical indexes in line with corpus/units incrementally."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from ..corpus import Article, Corpus
from ..kb import KnowledgeBase
from ..units import Unit, all_units
from .cache import EmbeddingCache
from .lexical import Lexical

BATCH = 256


@dataclass
class SyncSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.added} added, {self.updated} updated, {self.removed} removed, {self.unchanged} unchanged"


def embed_text(unit: Unit) -> str:
    """What a unit is searched by: its words, without quotation marks."""
    return unit.text.strip().strip("\"“”").strip()


def unit_row(unit: Unit, article: Article) -> dict:
    row = {
        "id": unit.id, "article": unit.article, "kind": unit.kind, "stance": unit.stance,
        "speaker": unit.speaker, "stakeholders": "|" + "|".join(unit.stakeholder_ids()) + "|",
        "published": int(article.published.strftime("%Y%m%d")) if article.published else 0,
        "status": unit.status, "issues": "|" + "|".join(article.topics) + "|",
        "text": embed_text(unit), "title": article.title, "speaker_title": unit.speaker_title,
        "url": article.url, "confidence": unit.confidence,
    }
    row["hash"] = hashlib.sha256(json.dumps(row, sort_keys=True).encode()).hexdigest()
    return row


def wanted_rows(kb: KnowledgeBase) -> dict[str, dict]:
    """Every indexable unit (not rejected) of the corpus, as index rows."""
    articles = {a.slug: a for a in Corpus(kb).articles(errors=[])}
    rows = {}
    for unit in all_units(kb, errors=[]):
        if unit.status != "rejected" and unit.article in articles:
            rows[unit.id] = unit_row(unit, articles[unit.article])
    return rows


def open_indexes(kb: KnowledgeBase, embedder, path=None, check: bool = True):
    from .store import VectorStore

    kb.state_dir.mkdir(parents=True, exist_ok=True)
    return VectorStore(kb, embedder.name, embedder.dim, path, check), Lexical(kb.state_dir / "lexical.sqlite")


def sync_index(kb: KnowledgeBase, *, embedder=None, rebuild: bool = False,
               on_progress: Callable[[int, int], None] | None = None) -> SyncSummary:
    from .embed import kb_embedder

    embedder = embedder or kb_embedder(kb)
    with kb.write_lock():
        store, lexical = open_indexes(kb, embedder, check=not rebuild)
        try:
            if rebuild:
                store.reset()
                lexical.clear()
            summary = _sync(kb, store, lexical, embedder, on_progress)
            from ..crossref import refresh

            refresh(kb, store, embedder)
            return summary
        finally:
            lexical.close()


def _sync(kb, store, lexical: Lexical, embedder, on_progress) -> SyncSummary:
    wanted = wanted_rows(kb)
    indexed = lexical.hashes()
    stale = [i for i, row in wanted.items() if indexed.get(i) != row["hash"]]
    removed = [i for i in indexed if i not in wanted]
    store.delete(removed)
    lexical.delete(removed)
    cache = EmbeddingCache(kb.state_dir / "embeddings.sqlite", embedder.name, embedder.dim)
    try:
        for start in range(0, len(stale), BATCH):
            rows = [wanted[i] for i in stale[start:start + BATCH]]
            vectors = cache.embed([r["text"] for r in rows], embedder.encode)
            store.upsert([r["id"] for r in rows], vectors, [_chroma_meta(r) for r in rows])
            lexical.upsert(rows)  # the manifest is written last: a crash before it only re-does work
            if on_progress:
                on_progress(min(start + BATCH, len(stale)), len(stale))
    finally:
        cache.close()
    lexical.set_meta("embedding_model", embedder.name)
    updated = sum(1 for i in stale if i in indexed)
    return SyncSummary(len(stale) - updated, updated, len(removed), len(wanted) - len(stale))


def _chroma_meta(row: dict) -> dict:
    keys = ("article", "kind", "stance", "speaker", "stakeholders", "published", "status", "issues", "hash")
    return {k: row[k] for k in keys}


def delete_articles(kb: KnowledgeBase, slugs: list[str]) -> None:
    """Drop an article's units from both indexes (the caller holds the lock)."""
    from .embed import kb_embedder

    embedder = kb_embedder(kb)
    store, lexical = open_indexes(kb, embedder)
    try:
        ids = [i for i, row in lexical.rows().items() if row["article"] in set(slugs)]
        store.delete(ids)
        lexical.delete(ids)
    finally:
        lexical.close()
