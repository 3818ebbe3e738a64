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


def test_token_batches_bound_attention_memory():
    """onnxruntime keeps its largest batch's memory for the life of the process: a batch of long
    texts holds few rows, every text is in exactly one batch, and each batch has similar lengths."""
    from indexer.encoders.minilm import ATTENTION_BUDGET, token_batches

    lengths = [12, 256, 40, 256, 256, 9, 128, *([30] * 100), 256, 256, 256]
    batches = list(token_batches(lengths, 64))
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert all(len(b) <= 64 and len(b) * max(lengths[i] for i in b) ** 2 <= ATTENTION_BUDGET for b in batches)
    assert [len(b) for b in batches if max(lengths[i] for i in b) == 256] == [4, 3]
    assert max(lengths[i] for i in batches[0]) <= 30


def test_padded_encodings_match_the_tokenizers_batch_padding():
    from tokenizers import Tokenizer

    from indexer.encoders.minilm import MINILM_PACKAGE, model_path, padded

    tokenizer = Tokenizer.from_file(str(model_path(MINILM_PACKAGE) / "tokenizer.json"))
    texts = ["Short one.", "A rather longer sentence about keystroke logging at work."]
    tokenizer.no_padding()
    ids, mask, types = padded(tokenizer.encode_batch(texts))
    tokenizer.enable_padding()
    expected = tokenizer.encode_batch(texts)
    assert ids.tolist() == [e.ids for e in expected] and mask.tolist() == [e.attention_mask for e in expected]
    assert types.tolist() == [e.type_ids for e in expected]


def test_many_texts_are_tokenized_a_part_at_a_time_and_embedded_as_together(monkeypatch):
    """#21: the encodings of every text at once held 200 MB for 10,000 article leads; the texts are
    tokenized TOKENIZED_AT_ONCE at a time, each text's vector as when all were one part."""
    import numpy as np

    from indexer.encoders import minilm

    texts = [f"Text {i}: " + "keystroke logging at work " * (i % 7) for i in range(23)]
    whole = minilm.load_embedder().encode(texts)
    monkeypatch.setattr(minilm, "TOKENIZED_AT_ONCE", 5)
    parts = minilm.load_embedder().encode(texts)
    assert parts.shape == (23, 384) and np.allclose(whole, parts, atol=1e-5)
