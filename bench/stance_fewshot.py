"""Learning from the analyst: how many reviewed units per side an issue needs before its
stance reaches macro-F1 0.90, on motions the stance model never trained on (ArgKP's 28).

For each motion (asked as written, and in one reworded form never trained on), k arguments
per side play the analyst's reviewed units; the rest are scored. Methods: `model` (the
shipped cross-encoder, no adaptation), `calibrated` (a per-issue logistic regression on the
model's for/against log-odds: shifts and scales the decision) and `adapted` (the same plus
the MiniLM sentence embedding, a SetFit-style head on the shared encoder: what index/stances.py
runs once an issue has FEW_SHOT_MIN reviewed units per side). Five seeds per k.

    python bench/stance_fewshot.py
"""

from __future__ import annotations

import random
import sys

from _shared import DATA, ROOT, require, table

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from indexer.extract.evaluation import macro_f1  # noqa: E402

KS = (0, 2, 4, 8, 16, 32)
SEEDS = 5


def main() -> None:
    require(DATA / "arguments")
    import numpy as np
    import stance_data

    from indexer.encoders import load_embedder
    from indexer.encoders.stance import probabilities
    from indexer.index.stances import adapt

    rng = random.Random(3)
    by_motion: dict[str, list] = {}
    for a in stance_data.argkp():
        by_motion.setdefault(a.motion, []).append(a)
    embedder = load_embedder()
    results = {(form, k, m): [] for form in ("as written", "reworded") for k in KS
               for m in ("model", "calibrated", "adapted")}
    for motion, args in sorted(by_motion.items()):
        vectors = embedder.encode([a.text for a in args])
        gold = np.array([a.stance > 0 for a in args])
        wordings = stance_data.forms(motion, evaluation=True)
        reworded = rng.choice([w for w in wordings[1:] if w[1] > 0] or wordings)
        for form, (question, direction) in (("as written", (motion, 1)), ("reworded", reworded)):
            probs = probabilities([(question, a.text) for a in args])
            truth = gold if direction > 0 else ~gold
            for k in KS:
                for seed in range(SEEDS):
                    pick = random.Random(seed)
                    pos = [i for i in range(len(args)) if truth[i]]
                    neg = [i for i in range(len(args)) if not truth[i]]
                    if len(pos) < k + 5 or len(neg) < k + 5:
                        continue
                    shown = pick.sample(pos, k) + pick.sample(neg, k)
                    rest = [i for i in range(len(args)) if i not in set(shown)]
                    base = [probs[i]["for"] >= probs[i]["against"] for i in rest]
                    results[(form, k, "model")].append(macro_f1(truth[rest].tolist(), base, (True, False)))
                    if not k:
                        continue
                    for method, use_vectors in (("calibrated", False), ("adapted", True)):
                        predict = adapt([probs[i] for i in shown], [bool(truth[i]) for i in shown],
                                        vectors[shown] if use_vectors else None)
                        pred = predict([probs[i] for i in rest], vectors[rest] if use_vectors else None)
                        results[(form, k, method)].append(macro_f1(truth[rest].tolist(), pred, (True, False)))
    rows = []
    for form in ("as written", "reworded"):
        for k in KS:
            cells = []
            for m in ("model", "calibrated", "adapted"):
                got = results[(form, k, m)]
                cells.append(f"{sum(got) / len(got):.3f}" if got else "-")
            rows.append((form, k, *cells))
    print("macro-F1 for/against on the units not reviewed, mean over 28 unseen motions x 5 seeds")
    print(table(rows, ("question", "reviewed per side", "model", "calibrated", "adapted")))


if __name__ == "__main__":
    main()
