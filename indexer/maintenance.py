"""Operations that touch several derived stores at once: removing articles, repairs."""

from __future__ import annotations

from .corpus import Corpus
from .kb import KnowledgeBase
from .units import units_path


def remove_articles(kb: KnowledgeBase, slugs: list[str]) -> list[str]:
    """Remove articles, their units, their index entries and their generated page."""
    corpus = Corpus(kb)
    removed = []
    with kb.write_lock():
        for slug in slugs:
            corpus.remove(slug)
            units_path(kb, slug).unlink(missing_ok=True)
            from .publish.paths import article_page

            article_page(kb, slug).unlink(missing_ok=True)
            removed.append(slug)
        _drop_from_index(kb, removed)
    return removed


def _drop_from_index(kb: KnowledgeBase, slugs: list[str]) -> None:
    """Best effort: a missing or unreadable index is reported and repaired by `agora doctor`."""
    if not (kb.state_dir / "chroma").exists() and not kb.settings.chroma_url:
        return
    from .index.sync import delete_articles

    delete_articles(kb, slugs)
