"""Sentence encoders: the bundled all-MiniLM-L6-v2 (weights checked), ONNX or torch, and a
fake for fast tests; Agora's own classifiers fine-tuned from it (stance, argument detector),
shipped as int8 ONNX files in data/. Below extract and index, which both use them."""

from .minilm import MINILM_PACKAGE, Embedder, FakeEmbedder, LazyEmbedder, kb_embedder, load_embedder

__all__ = ["MINILM_PACKAGE", "Embedder", "FakeEmbedder", "LazyEmbedder", "kb_embedder", "load_embedder"]
