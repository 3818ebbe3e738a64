"""The corpus read once: every readable article and unit, for a command that needs both more
than once (`agora index` builds its index rows, then its debates, from the same read)."""

from __future__ import annotations

from typing import NamedTuple

from ..errors import CorpusFileError
from .articles import Article, Corpus
from .kb import KnowledgeBase
from .units import Unit, all_units


class Snapshot(NamedTuple):
    articles: dict[str, Article]
    units: list[Unit]
    errors: list[CorpusFileError]


def read_corpus(kb: KnowledgeBase) -> Snapshot:
    """Articles by slug and every unit; unreadable files go to `errors`."""
    errors: list[CorpusFileError] = []
    articles = Corpus(kb).by_slug(errors=errors)
    return Snapshot(articles, list(all_units(kb, errors=errors)), errors)
