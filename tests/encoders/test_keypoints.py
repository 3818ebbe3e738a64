"""The shipped key point encoder: the library API, order independence, the floor on our own set."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
import yaml

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "keypoints_ours.yml"
# Reached by the shipped encoder at its threshold on tests/fixtures/keypoints_ours.yml (AMI
# 0.596; plain MiniLM 0.202 at the same distance). The held-out ArgKP figure is in the model
# card (indexer/encoders/data/keypoints.md). A retrained model must not fall below these.
FLOOR_AMI = 0.55
FLOOR_PURE_SHARE = 0.8  # of grouped texts, the share in a group whose majority point is theirs


def our_set() -> tuple[list[str], list[str]]:
    data = yaml.safe_load(FIXTURE.read_text())
    pairs = [(t, name) for name, items in data["points"].items() for t in items]
    pairs += [(t, f"loner-{i}") for i, t in enumerate(data["loners"])]
    return [t for t, _ in pairs], [g for _, g in pairs]


def labels_of(points, n: int) -> list[int]:
    labels = [-1 - i for i in range(n)]
    for k, point in enumerate(points):
        for m in point.members:
            labels[m] = k
    return labels


def test_key_points_api_and_floor():
    from sklearn.metrics import adjusted_mutual_info_score

    import indexer

    texts, gold = our_set()
    points = indexer.key_points(texts)
    assert points and all(len(p.members) >= 2 and p.text in [texts[m] for m in p.members] for p in points)
    assert [len(p.members) for p in points] == sorted((len(p.members) for p in points), reverse=True)
    members = [m for p in points for m in p.members]
    assert len(members) == len(set(members))  # a text is in one key point at most
    assert adjusted_mutual_info_score(gold, labels_of(points, len(texts))) >= FLOOR_AMI
    pure = sum(max(sum(gold[m] == g for m in p.members) for g in {gold[m] for m in p.members}) for p in points)
    assert pure / len(members) >= FLOOR_PURE_SHARE
    assert indexer.key_points([]) == [] and indexer.key_points(["One lone statement."]) == []


def test_the_same_groups_whatever_the_order():
    import indexer

    texts, _ = our_set()
    first = {frozenset(texts[m] for m in p.members) for p in indexer.key_points(texts)}
    for seed in range(3):
        shuffled = texts[:]
        random.Random(seed).shuffle(shuffled)
        again = indexer.key_points(shuffled)
        assert {frozenset(shuffled[m] for m in p.members) for p in again} == first


def test_large_inputs_are_sampled_not_all_pairs(monkeypatch):
    """Beyond MAX_EXACT texts the rest join the nearest group of a fixed sample: still order-free."""
    import numpy as np

    from indexer.encoders import keypoints

    monkeypatch.setattr(keypoints, "MAX_EXACT", 10)
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(3, 8))
    vectors = np.concatenate([c + 0.05 * rng.normal(size=(12, 8)) for c in centres])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    texts = [f"text {i}" for i in range(len(vectors))]
    groups = keypoints.group_vectors(vectors, texts, 0.2)
    assert sorted(len(g) for g in groups) == [12, 12, 12]
    perm = rng.permutation(len(texts))
    again = keypoints.group_vectors(vectors[perm], [texts[i] for i in perm], 0.2)
    assert {frozenset(int(perm[m]) for m in g) for g in again} == {frozenset(g) for g in groups}


def test_a_tampered_encoder_is_refused(tmp_path, monkeypatch):
    from importlib import resources

    from indexer.encoders.classifier import Encoder
    from indexer.errors import ModelError

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    shipped = Path(str(resources.files("indexer.encoders.data")))
    shutil.copy(shipped / "keypoints.json", tmp_path / "keypoints.json")
    data = bytearray((shipped / "keypoints.onnx").read_bytes())
    data[-1] ^= 0xFF
    (tmp_path / "keypoints.onnx").write_bytes(bytes(data))
    with pytest.raises(ModelError, match="sha256"):
        Encoder("keypoints", tmp_path)
    vectors = Encoder("keypoints", shipped).encode(["Keystroke logging destroys trust."])
    assert vectors.shape == (1, 384) and abs(float((vectors ** 2).sum()) - 1) < 1e-3


def test_every_shipped_model_has_its_card():
    """Each ONNX file travels with its card: what it was trained on, under which licences, held-out scores."""
    import json
    from importlib import resources

    folder = Path(str(resources.files("indexer.encoders.data")))
    models = sorted(folder.glob("*.onnx"))
    assert {m.stem for m in models} == {"stance", "argument", "keypoints"}
    for model in models:
        card = model.with_suffix(".md").read_text()
        assert all(f"## {section}" in card for section in ("Data", "Licenses", "Held-out scores")), model
        meta = json.loads(model.with_suffix(".json").read_text())
        assert meta["card"] == model.with_suffix(".md").name and meta["license"] and meta["sources"]
        assert any(isinstance(v, dict) for v in meta["performance"].values()), model
        assert model.stat().st_size <= 25_000_000


def test_a_texts_output_does_not_depend_on_its_batch():
    """Every shipped model keeps int8 weights but computes in float: a sentence scored alone or
    among longer ones gets the same numbers (with int8 activations, scaled per batch, 'That does
    nothing to solve the problem.' was a claim alone and none beside two narration lines)."""
    import numpy as np

    from indexer.encoders.classifier import Encoder, load_classifier

    text = "That does nothing to solve the problem."
    others = ["The council voted on Thursday evening after a long and heated debate about the budget.",
              "The software was installed on 4,000 laptops last spring by the city's IT department."]
    argument = load_classifier("argument", "")
    alone, batched = argument.probabilities([text]), argument.probabilities([*others, text])
    assert np.abs(alone[0] - batched[-1]).max() < 1e-4
    question = "Should employers record what employees type?"
    stance = load_classifier("stance", "")
    alone, batched = stance.probabilities([text], [question]), stance.probabilities([*others, text], [question] * 3)
    assert np.abs(alone[0] - batched[-1]).max() < 1e-4
    encoder = Encoder("keypoints")
    assert np.abs(encoder.encode([text])[0] - encoder.encode([*others, text])[-1]).max() < 1e-4
