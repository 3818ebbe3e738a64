"""On-disk embedding cache keyed by (model, text hash): rebuilds and repairs re-embed nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..model.articles import text_sha256


class EmbeddingCache:
    def __init__(self, path: Path, model: str, dim: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, hash TEXT, vector BLOB, "
                        "PRIMARY KEY (model, hash))")
        self.model, self.dim = model, dim

    def embed(self, texts: list[str], encode) -> list:
        """Vectors for *texts*, computing with *encode* only those not cached."""
        import numpy as np

        hashes = [text_sha256(t) for t in texts]
        found = self._get(set(hashes))
        missing = sorted({h: t for h, t in zip(hashes, texts, strict=True) if h not in found}.items())
        if missing:
            vectors = encode([t for _, t in missing])
            new = {h: np.asarray(v, dtype=np.float32) for (h, _), v in zip(missing, vectors, strict=True)}
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                                    [(self.model, h, v.tobytes()) for h, v in new.items()])
            found.update(new)
        return [found[h] for h in hashes]

    def cached(self, texts: list[str]) -> dict[str, object]:
        """{text: vector} of the texts already cached (nothing is computed)."""
        hashes = {text_sha256(t): t for t in texts}
        return {hashes[h]: v for h, v in self._get(set(hashes)).items()}

    def _get(self, hashes: set[str]) -> dict:
        import numpy as np

        out, keys = {}, list(hashes)
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            rows = self.db.execute(f"SELECT hash, vector FROM vectors WHERE model = ? AND hash IN "
                                   f"({', '.join('?' * len(chunk))})", [self.model, *chunk])
            out.update({h: np.frombuffer(v, dtype=np.float32) for h, v in rows})
        return out

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> EmbeddingCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
