"""The bundled MiniLM: the ONNX export gives sentence-transformers' vectors."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_onnx_export_matches_sentence_transformers(tmp_path, monkeypatch):
    import numpy as np

    from indexer.encoders.minilm import MINILM_PACKAGE, MiniLM, OnnxMiniLM, export_onnx, model_path, onnx_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = model_path(MINILM_PACKAGE)
    path = export_onnx(folder)
    assert path == onnx_path(folder) and path.exists()
    texts = ["Keystroke tracking erodes trust.", "", "x " * 400,
             "Faster onboarding could reduce stress for new employees, the bank said on Tuesday."]
    a, b = MiniLM().encode(texts), OnnxMiniLM(path=path).encode(texts)
    assert a.shape == b.shape == (4, 384)
    assert np.min(np.sum(a * b, axis=1)) >= 0.9999
