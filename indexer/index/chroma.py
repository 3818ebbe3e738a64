"""The vector store in ChromaDB: embedded PersistentClient by default, a server on request.

The only module that imports chromadb.

Chroma's default embedding function is never used (it downloads a model): vectors are
always computed by us and passed in. The embedded client is not safe for several writer
processes, so every write happens under the knowledge base's lock.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

from ..errors import IndexError_
from ..model.kb import KnowledgeBase

COLLECTION = "agora_units"
UPSERT_BATCH = 1000


def chroma_client(kb: KnowledgeBase, path: Path | None = None):
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    url = kb.settings.chroma_url
    if url:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise IndexError_(f"chroma_url {url!r} must look like http://127.0.0.1:8000")
        headers = {"Authorization": f"Bearer {kb.settings.chroma_token}"} if kb.settings.chroma_token else None
        try:
            return chromadb.HttpClient(host=parsed.hostname, port=parsed.port or 8000,
                                       ssl=parsed.scheme == "https", headers=headers, settings=settings)
        except Exception as exc:
            raise IndexError_(f"cannot reach the Chroma server at {url} ({exc.__class__.__name__})") from None
    return chromadb.PersistentClient(path=str(path or kb.state_dir / "chroma"), settings=settings)


def collection_name(kb: KnowledgeBase) -> str:
    """Embedded: the one collection of .agora/chroma. On a shared server: one per knowledge base."""
    return f"{COLLECTION}_{kb.id}" if kb.settings.chroma_url else COLLECTION


class ChromaStore:
    def __init__(self, kb: KnowledgeBase, model: str, dim: int, *, path: Path | None = None,
                 check: bool = True) -> None:
        self.url = kb.settings.chroma_url
        self.client = chroma_client(kb, path)
        self.name, self.model, self.dim = collection_name(kb), model, dim
        self.collection = self._reach(self.client.get_or_create_collection, self.name, embedding_function=None,
                                      metadata={"hnsw:space": "cosine", "embedding_model": model, "dim": dim})
        if check:
            self.check_model()

    def _reach(self, call, *args, **kwargs):
        """Run a Chroma call; a server that cannot be reached is one clean line, not a traceback."""
        try:
            return call(*args, **kwargs)
        except IndexError_:
            raise
        except Exception as exc:
            if not self.url or not _is_connection_error(exc):
                raise
            raise IndexError_(f"cannot reach the Chroma server at {self.url} ({exc.__class__.__name__}); "
                              "is `chroma run` up?") from None

    def check_model(self) -> None:
        meta = self.collection.metadata or {}
        if meta.get("embedding_model") != self.model or int(meta.get("dim", self.dim)) != self.dim:
            raise IndexError_(f"the index was built with {meta.get('embedding_model')!r} "
                              f"({meta.get('dim')} dimensions), not {self.model!r}: run `agora index --rebuild`")

    def count(self) -> int:
        return self._reach(self.collection.count)

    def ids(self) -> set[str]:
        out, offset = set(), 0
        while True:
            got = self._reach(self.collection.get, include=[], limit=5000, offset=offset)["ids"]
            out.update(got)
            if len(got) < 5000:
                return out
            offset += len(got)

    def upsert(self, ids: list[str], vectors: list, metadatas: list[dict]) -> None:
        for i in range(0, len(ids), UPSERT_BATCH):
            batch = slice(i, i + UPSERT_BATCH)
            self._reach(self.collection.upsert, ids=ids[batch], embeddings=[v.tolist() for v in vectors[batch]],
                        metadatas=metadatas[batch])

    def delete(self, ids: list[str]) -> None:
        for i in range(0, len(ids), UPSERT_BATCH):
            self._reach(self.collection.delete, ids=ids[i:i + UPSERT_BATCH])

    def query(self, vector, n: int) -> list[tuple[str, float]]:
        # no count() first: it costs as much as the query, and Chroma caps n_results itself
        result = self._reach(self.collection.query, query_embeddings=[vector.tolist()], n_results=n,
                             include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(result["ids"][0], result["distances"][0], strict=True)]

    def query_many(self, vectors: list, n: int) -> list[list[tuple[str, float]]]:
        """The n nearest of each vector, in one request."""
        if not vectors:
            return []
        result = self._reach(self.collection.query, query_embeddings=[v.tolist() for v in vectors], n_results=n,
                             include=["distances"])
        return [[(i, 1.0 - d) for i, d in zip(ids, distances, strict=True)]
                for ids, distances in zip(result["ids"], result["distances"], strict=True)]

    def vectors(self, ids: list[str]) -> dict:
        import numpy as np

        got = self._reach(self.collection.get, ids=ids, include=["embeddings"])
        return {i: np.asarray(v, dtype=np.float32) for i, v in zip(got["ids"], got["embeddings"], strict=True)}

    def reset(self) -> None:
        self._reach(self.client.delete_collection, self.name)
        self.collection = self._reach(
            self.client.get_or_create_collection, self.name, embedding_function=None,
            metadata={"hnsw:space": "cosine", "embedding_model": self.model, "dim": self.dim})


def _is_connection_error(exc: Exception) -> bool:
    names = {c.__name__ for c in type(exc).__mro__}
    return bool(names & {"ConnectError", "ConnectTimeout", "ReadTimeout", "RemoteProtocolError", "ReadError",
                         "ConnectionError", "ConnectionRefusedError", "TransportError"})


def forget_clients() -> None:
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # chroma caches one client per path in-process


def swap_in(current: Path, fresh: Path) -> None:
    forget_clients()
    old = current.with_name(current.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if current.exists():
        current.rename(old)
    fresh.rename(current)
    shutil.rmtree(old, ignore_errors=True)
