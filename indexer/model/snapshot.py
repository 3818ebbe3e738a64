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
    """Articles by slug and every unit; unreadable files go to `errors`. A unit id is its
    article's content hash and offsets, so an article file copied under another slug repeats
    its ids: the first unit of an id is the one kept (the index and the debates take a unit once;
    a sync wrote the two copies in turn, and the stances failed)."""
    errors: list[CorpusFileError] = []
    articles = Corpus(kb).by_slug(errors=errors)
    seen: set[str] = set()
    units = [u for u in all_units(kb, errors=errors) if u.id not in seen and not seen.add(u.id)]
    return Snapshot(articles, units, errors)
