"""The shipped stance model: the library API, reading the question, the floor it reaches on our own set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from indexer.extract.evaluation import macro_f1

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "stance_ours.yml"
DEMO = FIXTURE.with_name("stance_demo.yml")
# Reached by the shipped model on tests/fixtures/stance_ours.yml (sides 0.75, 3-class 0.53, 2 of
# 15 neutral texts neutral) and stance_demo.yml (sides 0.52); model card:
# indexer/encoders/data/stance.md. A retrained model must not fall below these. The model
# before it, trained without our news-style lines (scripts/data/news_stance.yml), reached 0.68,
# 0.53, 4 of 15 and 0.30. Its neutral threshold is set on real news (0.94): the training dev
# motions' 0.75 kept 5 of 15 neutral texts of our set neutral but a quarter of argued news quotes.
FLOOR_SIDES_F1 = 0.70
FLOOR_THREE_CLASS_F1 = 0.50
FLOOR_NEUTRAL_RECALL = 0.10
FLOOR_DEMO_SIDES_F1 = 0.45
# The same demo set with the sides centred on the question, as `agora index` does for an issue
# (reached: 0.59; crowd motions lose 0.005-0.01 by it: bench/RESULTS.md), and with each named
# speaker's quotes pooled as well (reached: 0.65).
FLOOR_DEMO_CENTRED_F1 = 0.55
FLOOR_DEMO_BY_SPEAKER_F1 = 0.60


def our_set() -> list[tuple[str, str, str]]:
    """(question, text, gold label) for every debate, wording and text of the fixture."""
    flip = {"for": "against", "against": "for", "neutral": "neutral"}
    out = []
    for debate in yaml.safe_load(FIXTURE.read_text()):
        for q in debate["questions"]:
            for label in ("for", "against", "neutral"):
                for text in debate.get(label, []):
                    out.append((q["text"], text, flip[label] if q.get("flip") else label))
    return out


def sides_f1(rows: list[tuple[str, str, str]]) -> tuple[float, list[bool], float]:
    """(for/against macro-F1 on the argued rows, whether each neutral row came out neutral,
    3-class macro-F1 on every row)."""
    import indexer

    got = {}
    for question in dict.fromkeys(q for q, _, _ in rows):
        texts = [t for q, t, _ in rows if q == question]
        got.update({(question, t): r.label for t, r in zip(texts, indexer.stance(texts, question), strict=True)})
    sided = [(q, t, g) for q, t, g in rows if g != "neutral"]
    f1 = macro_f1([g for *_, g in sided], [got[(q, t)] for q, t, _ in sided], ("for", "against"))
    three = macro_f1([g for *_, g in rows], [got[(q, t)] for q, t, _ in rows], ("for", "against", "neutral"))
    return f1, [got[(q, t)] == "neutral" for q, t, g in rows if g == "neutral"], three


def test_one_result_per_text_in_order():
    import indexer

    texts = ["Nobody does their best work with a stopwatch on every keystroke.",
             "The company said the programme would begin in March.",
             "Recording keystrokes lets us train assistants that will save every employee hours each week."]
    question = "Should employers record what employees type?"
    results = indexer.stance(texts, question)
    assert len(results) == 3 and all(r.label in ("for", "against", "neutral") for r in results)
    assert all(0.0 <= r.score <= 1.0 for r in results)
    alone = [indexer.stance([t], question)[0] for t in texts]
    # int8 activations are scaled per batch: scores move a little with the batch, labels do not
    assert [r.label for r in alone] == [r.label for r in results]
    assert all(abs(a.score - r.score) < 0.1 for a, r in zip(alone, results, strict=True))
    assert indexer.stance([], question) == []


def test_a_negated_question_swaps_the_sides():
    """"X must not ..." is asked as "X must ..." and the answer flipped back."""
    from indexer.encoders.stance import probabilities

    texts = ["Nobody does their best work with a stopwatch on every keystroke.",
             "Security teams need a full record of activity to catch data theft early."]
    asked = probabilities([("Employers must record what employees type", t) for t in texts])
    negated = probabilities([("Employers must not record what employees type", t) for t in texts])
    for a, n in zip(asked, negated, strict=True):
        assert (a["for"], a["against"], a["neutral"]) == (n["against"], n["for"], n["neutral"])
    assert probabilities([("Employers must not record what employees type", t) for t in texts],
                         normalise=False) != negated


def test_floors_on_our_own_sets():
    f1, neutral, three = sides_f1(our_set())
    assert f1 >= FLOOR_SIDES_F1, f"sides macro-F1 {f1:.3f} below the floor {FLOOR_SIDES_F1}"
    assert three >= FLOOR_THREE_CLASS_F1, f"3-class macro-F1 {three:.3f} below the floor {FLOOR_THREE_CLASS_F1}"
    assert sum(neutral) / len(neutral) >= FLOOR_NEUTRAL_RECALL
    demo = yaml.safe_load(DEMO.read_text())
    f1, *_ = sides_f1([(demo["question"], t, label) for label in ("for", "against") for t in demo[label]])
    assert f1 >= FLOOR_DEMO_SIDES_F1, f"demo sides macro-F1 {f1:.3f} below the floor {FLOOR_DEMO_SIDES_F1}"


def test_centring_an_issue_puts_the_demo_quotes_on_their_sides():
    import numpy as np

    from indexer.encoders.stance import by_speaker, centred, probabilities

    demo = yaml.safe_load(DEMO.read_text())
    rows = [(t, label) for label in ("for", "against", "neutral") for t in demo[label]]
    raw = probabilities([(demo["question"], t) for t, _ in rows])
    probs = centred(raw)
    margins = [np.log(p["for"]) - np.log(p["against"]) for p in probs]
    assert abs(float(np.mean(margins))) < 0.01
    assert [p["neutral"] for p in probs] == [p["neutral"] for p in raw]
    f1 = _sides_f1(rows, probs)
    assert f1 >= FLOOR_DEMO_CENTRED_F1, f"centred demo sides macro-F1 {f1:.3f} below {FLOOR_DEMO_CENTRED_F1}"
    f1 = _sides_f1(rows, by_speaker(probs, demo_speakers([t for t, _ in rows])))
    assert f1 >= FLOOR_DEMO_BY_SPEAKER_F1, f"demo sides by speaker {f1:.3f} below {FLOOR_DEMO_BY_SPEAKER_F1}"


def _sides_f1(rows: list[tuple[str, str]], probs: list[dict[str, float]]) -> float:
    from indexer.encoders.stance import decide

    sided = [(label, decide(p, 2.0).label) for (_, label), p in zip(rows, probs, strict=True) if label != "neutral"]
    return macro_f1([g for g, _ in sided], [p for _, p in sided], ("for", "against"))


def demo_speakers(texts: list[str]) -> list[str]:
    """Who says each demo text, as `agora index` pools them: the committed demo corpus's units."""
    from indexer.index.stances import speakers
    from indexer.model.kb import KnowledgeBase
    from indexer.model.units import all_units

    units = {u.plain_text.rstrip("."): u for u in all_units(KnowledgeBase.open(Path(__file__).parents[2]))}
    found = [units.get(t.rstrip(".")) for t in texts]
    said = speakers([u for u in found if u is not None])
    named = iter(said)
    return [next(named) if u is not None else "" for u in found]


def test_a_tampered_model_is_refused(tmp_path, monkeypatch):
    from importlib import resources

    from indexer.encoders.classifier import Classifier
    from indexer.errors import ModelError

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # no marker of an earlier check
    shipped = Path(str(resources.files("indexer.encoders.data")))
    shutil.copy(shipped / "stance.json", tmp_path / "stance.json")
    data = bytearray((shipped / "stance.onnx").read_bytes())
    data[-1] ^= 0xFF
    (tmp_path / "stance.onnx").write_bytes(bytes(data))
    with pytest.raises(ModelError, match="sha256"):
        Classifier("stance", tmp_path)
    assert Classifier("stance", shipped).labels == ["for", "against", "neutral"]


def test_a_speaker_keeps_a_side_within_a_debate():
    """A quote whose own words barely lean is pulled to its speaker's other quotes; a lone
    speaker, and text with no speaker, keep their own answer."""
    from indexer.encoders.stance import by_speaker, decide

    probs = [{"for": 0.10, "against": 0.80, "neutral": 0.10},  # Ruiz, clearly against
             {"for": 0.15, "against": 0.75, "neutral": 0.10},  # Ruiz, clearly against
             {"for": 0.45, "against": 0.40, "neutral": 0.15},  # Ruiz, barely for
             {"for": 0.45, "against": 0.40, "neutral": 0.15},  # Okafor alone, barely for
             {"for": 0.45, "against": 0.40, "neutral": 0.15}]  # no speaker
    joined = by_speaker(probs, ["ruiz", "ruiz", "ruiz", "okafor", ""])
    assert [decide(p, 0.9).label for p in joined] == ["against", "against", "against", "for", "for"]
    assert joined[3:] == [{"for": 0.45, "against": 0.4, "neutral": 0.15}] * 2
    assert [p["neutral"] for p in joined] == [p["neutral"] for p in probs]
    assert all(abs(p["for"] + p["against"] - q["for"] - q["against"]) < 1e-4
               for p, q in zip(joined, probs, strict=True))
