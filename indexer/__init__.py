"""Agora's library: ingest -> extract -> index -> publish. The CLI is a thin layer over it.

    import indexer
    kb = indexer.open_kb("my-kb")                 # or indexer.init("my-kb")
    indexer.add(kb, ["article.html", "https://example.org/story"])
    indexer.index(kb)
    for hit in indexer.search("keystroke tracking erodes trust", kb=kb, stance="against"):
        print(hit.score, hit.speaker, hit.text)
    indexer.publish(kb)

Heavy libraries (spaCy, torch, chromadb) are imported lazily by the functions that need them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .model.kb import KnowledgeBase

__version__ = "0.1.0"
__all__ = ["KnowledgeBase", "add", "extract", "index", "init", "open_kb", "publish", "remove", "search"]


def open_kb(path: Path | str | None = None) -> KnowledgeBase:
    """An existing knowledge base (default: AGORA_KB or the current folder)."""
    return KnowledgeBase.open(path)


def init(path: Path | str) -> KnowledgeBase:
    """Create a knowledge base: corpus/, docs/ and mkdocs.yml."""
    from .publish.config import ensure_mkdocs_config

    kb = KnowledgeBase.init(path)
    ensure_mkdocs_config(kb)
    return kb


def add(kb: KnowledgeBase, sources: Iterable[str], **options):
    """Add files, folders, URLs or '-' and extract their units; see `indexer.ingest.add_sources`."""
    from .ingest import add_sources

    return add_sources(kb, sources, **options)


def extract(kb: KnowledgeBase, slugs: list[str] | None = None, **options) -> int:
    """Re-extract the named articles (or all); an analyst's decisions are kept. Returns the unit count."""
    from .extract import extract_slugs

    return extract_slugs(kb, slugs, **options)


def index(kb: KnowledgeBase, *, rebuild: bool = False, **options):
    """Sync the search index with corpus/units and recompute the cross-article results."""
    from .index.index import sync_index

    return sync_index(kb, rebuild=rebuild, **options)


def search(query: str, **kwargs):
    """Search the argument units of a knowledge base; see `indexer.index.search.search`."""
    from .index.search import search as _search

    return _search(query, **kwargs)


def publish(kb: KnowledgeBase, *, build: bool = True):
    """Write the generated pages under docs/ and build the site."""
    from .publish.site import publish as _publish

    return _publish(kb, build=build)


def remove(kb: KnowledgeBase, slugs: list[str]) -> list[str]:
    """Remove articles with their units, index entries and generated page."""
    from .index.index import delete_articles
    from .model.articles import Corpus
    from .model.units import units_path
    from .publish.paths import article_page

    corpus = Corpus(kb)
    removed = []
    with kb.write_lock():
        for slug in slugs:
            corpus.remove(slug)
            units_path(kb, slug).unlink(missing_ok=True)
            article_page(kb, slug).unlink(missing_ok=True)
            removed.append(slug)
        delete_articles(kb, removed)  # best effort: `agora doctor` reports what is left
    return removed
