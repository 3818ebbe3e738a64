"""Sentence encoders: the bundled all-MiniLM-L6-v2 (weights checked), ONNX or torch, and a
fake for fast tests. Below extract and index, which both embed text."""

from .minilm import MINILM_PACKAGE, Embedder, FakeEmbedder, LazyEmbedder, kb_embedder, load_embedder

__all__ = ["MINILM_PACKAGE", "Embedder", "FakeEmbedder", "LazyEmbedder", "kb_embedder", "load_embedder"]
