"""Argument and stance on the UKP Sentential Argument Mining corpus, cross-topic.

For each of the 8 topics, a model is trained on the other 7 topics' train sets and scored
on this topic's test set (never train and test on one topic); macro-F1 over
for / against / none. Published BERT systems reach about 0.63.

Methods: `rules` (Agora's cue lexicon, no training) and `embed-lr` (MiniLM embeddings of
sentence and topic, [s, t, s*t], logistic regression fitted here, on the other topics).
UKP is CC BY-NC: nothing fitted on it ships (bench/stance_eval.py scores the shipped model).
"""

from __future__ import annotations

import csv
from pathlib import Path

from _shared import DATA, require, table

LABELS = {"Argument_for": "for", "Argument_against": "against", "NoArgument": "none"}
CLASSES = ("for", "against", "none")


def load() -> list[dict]:
    root = require(DATA / "arguments" / "ukp")
    rows = []
    csv.field_size_limit(10**7)
    for path in sorted(root.glob("*.tsv")):
        with path.open(newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if r.get("annotation") in LABELS:
                    rows.append({"topic": r["topic"], "text": r["sentence"], "label": LABELS[r["annotation"]],
                                 "set": r["set"]})
    return rows


def macro_f1(gold: list[str], pred: list[str]) -> float:
    scores = []
    for c in CLASSES:
        tp = sum(g == p == c for g, p in zip(gold, pred, strict=True))
        fp = sum(p == c != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == c != p for g, p in zip(gold, pred, strict=True))
        prec, rec = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        scores.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(scores) / len(scores)


def rules(rows: list[dict]) -> list[str]:
    from indexer.extract.cues import polarity

    out = []
    for r in rows:
        benefit, risk = polarity(r["text"])
        out.append("none" if benefit == risk else ("for" if benefit > risk else "against"))
    return out


def features(rows: list[dict]):
    import numpy as np

    from indexer.encoders import load_embedder
    from indexer.index.cache import EmbeddingCache

    embedder = load_embedder()
    cache = EmbeddingCache(Path.home() / ".cache" / "agora" / "bench-embeddings.sqlite", embedder.name, embedder.dim)
    s = np.stack(cache.embed([r["text"] for r in rows], embedder.encode))
    t = np.stack(cache.embed([r["topic"] for r in rows], embedder.encode))
    return np.hstack([s, t, s * t]).astype(np.float32)


def main() -> None:
    rows = load()
    topics = sorted({r["topic"] for r in rows})
    x = features(rows)
    from sklearn.linear_model import LogisticRegression

    y = [r["label"] for r in rows]
    results = []
    for topic in topics:
        train = [i for i, r in enumerate(rows) if r["topic"] != topic and r["set"] == "train"]
        test = [i for i, r in enumerate(rows) if r["topic"] == topic and r["set"] == "test"]
        model = LogisticRegression(max_iter=2000, C=1.0, class_weight="balanced").fit(x[train], [y[i] for i in train])
        gold = [y[i] for i in test]
        by_rules = rules([rows[i] for i in test])
        by_model = list(model.predict(x[test]))
        hybrid = [m if r == "none" else r for r, m in zip(by_rules, by_model, strict=True)]
        results.append((topic, len(test), f"{macro_f1(gold, by_rules):.3f}", f"{macro_f1(gold, by_model):.3f}",
                        f"{macro_f1(gold, hybrid):.3f}"))
    mean = lambda col: sum(float(r[col]) for r in results) / len(results)  # noqa: E731
    results.append(("mean", sum(r[1] for r in results), f"{mean(2):.3f}", f"{mean(3):.3f}", f"{mean(4):.3f}"))
    print(table(results, ("held-out topic", "test sentences", "rules macro-F1", "embed-lr macro-F1",
                          "rules, else embed-lr")))


if __name__ == "__main__":
    main()
