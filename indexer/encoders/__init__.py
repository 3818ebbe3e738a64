"""Sentence encoders: the bundled all-MiniLM-L6-v2 (weights checked), ONNX or torch, and a
fake for fast tests; Agora's own classifiers fine-tuned from it (stance, argument detector),
shipped as int8 ONNX files in data/. Below extract and index, which both use them."""

from .minilm import MINILM_PACKAGE, Embedder, FakeEmbedder, LazyEmbedder, kb_embedder, load_embedder

__all__ = ["MINILM_PACKAGE", "Embedder", "FakeEmbedder", "LazyEmbedder", "kb_embedder", "load_embedder", "unload"]


def unload() -> None:
    """Let every session go, the embedder's and the classifiers' (the next call loads what it
    needs): onnxruntime keeps a session's largest batch's memory while the session lives."""
    from ..memory import give_back
    from .classifier import unload as unload_classifiers

    load_embedder.cache_clear()
    unload_classifiers()
    give_back()
