"""Agora's own small models: the bundled MiniLM fine-tuned into classifiers (scripts/train_*.py),
shipped in encoders/data as int8 ONNX files beside a JSON card that holds their sha256."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ModelError
from .minilm import MINILM_PACKAGE, model_path, run_batches, session_options, verify_file

BATCH_SIZE = 32


class OnnxModel:
    """A model of ours in encoders/data: its card, its sha256 checked, the MiniLM tokenizer."""

    def __init__(self, name: str, folder: Path | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        folder = folder or Path(str(resources.files("indexer.encoders.data")))
        path, card = folder / f"{name}.onnx", folder / f"{name}.json"
        if not path.exists() or not card.exists():
            raise ModelError(f"the {name} model is missing from {folder}; reinstall agora-kb")
        self.card = json.loads(card.read_text())
        verify_file(path, self.card["sha256"])
        self.tokenizer = Tokenizer.from_file(str(model_path(MINILM_PACKAGE) / "tokenizer.json"))
        self.tokenizer.no_padding()  # the file pads to a fixed width; token_batches pads each batch
        options = session_options(_threads or max(1, min(4, os.cpu_count() or 1)))
        # The weights are int8 behind DequantizeLinear (scripts/finetune.py weight_only): fold them
        # to float once at load, so a text's score never depends on the batch it is in.
        options.add_session_config_entry("session.disable_quant_qdq", "1")
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def run(self, texts: list[str], questions: list[str] | None, width: int):
        """The model's output row per text (or (question, text) pair), batched by length."""
        import numpy as np

        inputs = list(zip(questions, texts, strict=True)) if questions is not None else list(texts)
        strategy = "only_second" if questions is not None else "longest_first"
        self.tokenizer.enable_truncation(self.card["max_tokens"], strategy=strategy)
        out = np.zeros((len(inputs), width), dtype=np.float32)
        for rows, _, output in run_batches(self.session, self.tokenizer.encode_batch(inputs), BATCH_SIZE):
            out[rows] = output
        return out


class Classifier(OnnxModel):
    """Class probabilities for texts, or for (question, text) pairs, through onnxruntime."""

    def __init__(self, name: str, folder: Path | None = None) -> None:
        super().__init__(name, folder)
        self.labels: list[str] = self.card["labels"]

    def probabilities(self, texts: list[str], questions: list[str] | None = None):
        """One row of class probabilities per text (in `labels` order)."""
        import numpy as np

        logits = self.run(texts, questions, len(self.labels))
        if not len(logits):
            return logits
        exp = np.exp(logits - logits.max(axis=1, keepdims=True))
        return exp / exp.sum(axis=1, keepdims=True)


class Encoder(OnnxModel):
    """L2-normalised sentence vectors from one of our fine-tuned bi-encoders."""

    def encode(self, texts: list[str]):
        return self.run(texts, None, self.card["dim"])


_threads = 0  # 0: one per core, up to 4


def use_threads(n: int) -> None:
    """Threads of the sessions this process opens from now on: a forked extraction worker runs
    beside its siblings and its parent, so more than one each only makes them wait on the cores."""
    global _threads
    _threads = n


@lru_cache(maxsize=8)
def model_card(name: str) -> dict:
    """A shipped model's card alone (its sha256, threshold and scores), without loading the model."""
    try:
        return json.loads((resources.files("indexer.encoders.data") / f"{name}.json").read_text())
    except (OSError, ValueError) as exc:
        raise ModelError(f"the {name} model's card is unreadable ({exc}); reinstall agora-kb") from None


def load_classifier(name: str, folder: str = "") -> Classifier:
    """One session per model and process: a forked extraction worker never uses its parent's."""
    return _load(Classifier, name, folder, os.getpid())


def load_encoder(name: str, folder: str = "") -> Encoder:
    return _load(Encoder, name, folder, os.getpid())


@lru_cache(maxsize=8)
def _load(kind: type, name: str, folder: str, pid: int):
    return kind(name, Path(folder) if folder else None)


def unload() -> None:
    """Let every session go (the next call loads what it needs): onnxruntime keeps a session's
    largest batch's memory while the session lives."""
    _load.cache_clear()
