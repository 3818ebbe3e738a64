"""The vector store behind a small interface. Chroma (chroma.py) is the one backend today;
another is one module implementing `VectorStore` and one line in `open_store`."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..model.kb import KnowledgeBase


class VectorStore(Protocol):
    """Unit vectors by id, L2-normalised; scores are cosine similarities."""

    def count(self) -> int: ...

    def ids(self) -> set[str]: ...

    def upsert(self, ids: list[str], vectors: list, metadatas: list[dict]) -> None: ...

    def delete(self, ids: list[str]) -> None: ...

    def query(self, vector, n: int) -> list[tuple[str, float]]: ...

    def query_many(self, vectors: list, n: int) -> list[list[tuple[str, float]]]: ...

    def vectors(self, ids: list[str]) -> dict: ...

    def reset(self) -> None: ...


def open_store(kb: KnowledgeBase, model: str, dim: int, *, path: Path | None = None,
               check: bool = True) -> VectorStore:
    """The store of *kb*: embedded in .agora/ (or *path*), or on the server named by chroma_url."""
    from .chroma import ChromaStore

    return ChromaStore(kb, model, dim, path=path, check=check)


def swap_in(current: Path, fresh: Path) -> None:
    """Replace the embedded store at *current* by the one built at *fresh*."""
    from .chroma import swap_in as chroma_swap_in

    chroma_swap_in(current, fresh)


def forget_clients() -> None:
    """Drop the store clients cached in this process, so the next open reads the files anew."""
    from .chroma import forget_clients as chroma_forget

    chroma_forget()
