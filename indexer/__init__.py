"""Agora's library: ingest -> extract -> index -> publish. The CLI is a thin layer over it.

Heavy libraries (spaCy, torch, chromadb) are imported lazily by the functions that need them.
"""

from __future__ import annotations

__version__ = "0.1.0"
