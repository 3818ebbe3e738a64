"""Agora's library: ingest -> extract -> index -> publish. The CLI is a thin layer over it.

Heavy libraries (spaCy, torch, chromadb) are imported lazily by the functions that need them.
"""

from __future__ import annotations

__version__ = "0.1.0"


def search(query: str, **kwargs):
    """Search the argument units of a knowledge base; see `indexer.index.search.search`."""
    from .index.search import search as _search

    return _search(query, **kwargs)
