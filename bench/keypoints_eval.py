"""Key points on motions the key point encoder never trained on (ArgKP-2021, CDLA-Sharing-1.0).

Per motion and side of the 8 held-out motions (scripts/keypoint_data.py), the arguments with
exactly one gold key point are grouped and compared with the annotators' key points:
adjusted mutual information (AMI; a text left out of every group counts as a group of its own)
and B-cubed F1. Matching mAP is KPA-2021's: each argument is matched to its most similar gold key
point, the top half by score is kept, and a labelled match counts as correct (strict).
Order: the same groups after 5 shuffles of the input (AMI between runs; 1.0 = order-free).

Across collections: ArguAna counter-argument retrieval (nDCG@10, dense only, own id excluded),
the encoder against plain MiniLM.

Methods: `leader` (Agora's key points before: plain MiniLM, leader clustering at 0.55),
`minilm` (plain MiniLM, the same agglomerative grouping, threshold chosen on the dev motions),
`minilm-oracle` (the same, its threshold chosen on the held-out motions themselves: an upper
bound for plain MiniLM), `agora` (the shipped key point encoder and its threshold).

    python bench/keypoints_eval.py [--arguana N]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path

from _shared import DATA, ROOT, require, table
from keypoints_argkp import average_precision

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

LEADER_THRESHOLD = 0.55


def bcubed_f1(gold: list[str], labels: list[int]) -> float:
    precision = recall = 0.0
    for i in range(len(gold)):
        same_pred = [j for j in range(len(gold)) if labels[j] == labels[i]]
        same_gold = [j for j in range(len(gold)) if gold[j] == gold[i]]
        both = sum(gold[j] == gold[i] for j in same_pred)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    p, r = precision / len(gold), recall / len(gold)
    return 2 * p * r / (p + r) if p + r else 0.0


def labels_of(groups: list[list[int]], n: int) -> list[int]:
    labels = [-1 - i for i in range(n)]
    for k, members in enumerate(groups):
        for m in members:
            labels[m] = k
    return labels


def leader(vectors, n: int) -> list[list[int]]:
    leaders, groups = [], []
    for i in range(n):
        hits = [k for k, v in enumerate(leaders) if float(v @ vectors[i]) >= LEADER_THRESHOLD]
        if hits:
            groups[hits[0]].append(i)
        else:
            leaders.append(vectors[i])
            groups.append([i])
    return [g for g in groups if len(g) > 1]


def matching_map(group, args_vectors, point_vectors) -> float:
    scores = args_vectors @ point_vectors.T
    best = scores.argmax(axis=1)
    ranked = sorted(range(len(group.arguments)), key=lambda i: -scores[i, best[i]])[: max(1, len(group.arguments) // 2)]
    return average_precision([group.key_points[best[i]] in group.matches[group.arguments[i]] for i in ranked])


def minilm_threshold(encode, dev_groups) -> float:
    from sklearn.metrics import adjusted_mutual_info_score

    from indexer.encoders.keypoints import group_vectors

    cached = [(args, [g.gold(a) for a in args], encode(args))
              for g in dev_groups for args in [[a for a in g.arguments if g.gold(a)]]]
    best, best_score = 0.5, -1.0
    for t in [round(0.30 + 0.05 * i, 2) for i in range(11)]:
        score = sum(adjusted_mutual_info_score(gold, labels_of(group_vectors(v, a, t), len(a)))
                    for a, gold, v in cached) / len(cached)
        best, best_score = (t, score) if score > best_score else (best, best_score)
    return best


def evaluate(groups, encoders: dict, thresholds: dict) -> list[tuple]:
    import numpy as np
    from sklearn.metrics import adjusted_mutual_info_score

    from indexer.encoders.keypoints import group_vectors

    rows = []
    for method, encode in encoders.items():
        ami, b3, maps, covered, found, singles, stable = [], [], [], [], [], [], []
        for g in groups:
            args = [a for a in g.arguments if g.gold(a)]
            gold = [g.gold(a) for a in args]
            v = encode(args)
            if method == "leader":
                grouped = leader(v, len(args))
            else:
                grouped = group_vectors(v, args, thresholds[method])
                rng = random.Random(7)
                for _ in range(5):
                    perm = list(range(len(args)))
                    rng.shuffle(perm)
                    again = group_vectors(v[perm], [args[i] for i in perm], thresholds[method])
                    back = labels_of([[perm[m] for m in grp] for grp in again], len(args))
                    stable.append(adjusted_mutual_info_score(labels_of(grouped, len(args)), back))
            labels = labels_of(grouped, len(args))
            ami.append(adjusted_mutual_info_score(gold, labels))
            b3.append(bcubed_f1(gold, labels))
            maps.append(matching_map(g, encode(g.arguments), encode(g.key_points)))
            covered.append(sum(len(x) for x in grouped) / len(args))
            found.append(len(grouped))
            singles.append(len(args) - sum(len(x) for x in grouped))
        rows.append((method, f"{np.mean(ami):.3f}", f"{np.mean(b3):.3f}", f"{np.mean(maps):.3f}",
                     f"{np.mean(covered):.0%}", f"{sum(found)}", f"{sum(singles)}",
                     f"{np.mean(stable):.3f}" if stable else "-", str(thresholds.get(method, LEADER_THRESHOLD))))
    return rows


def arguana(encoders: dict, limit: int) -> list[tuple]:
    root = DATA / "retrieval" / "arguana" / "beir-style-derived"
    if not root.exists():
        return []
    import numpy as np
    from retrieval_arguana import load

    corpus, queries, qrels = load(root)
    chosen = [q for q in sorted(qrels) if q in queries]
    chosen = chosen[:limit] if limit else chosen
    ids = [d["_id"] for d in corpus]
    position = {d: i for i, d in enumerate(ids)}
    rows = []
    for method, encode in encoders.items():
        if method in ("leader", "minilm-oracle"):
            continue
        docs = encode([(d.get("title", "") + " " + d["text"]).strip() for d in corpus])
        q = encode([queries[i] for i in chosen])
        scores = q @ docs.T
        total = 0.0
        for row, qid in enumerate(chosen):
            s = scores[row].copy()
            if qid in position:
                s[position[qid]] = -9
            ranked = [ids[j] for j in np.argsort(-s)[:10]]
            rels = qrels[qid]
            dcg = sum(rels.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked))
            ideal = sum(r / math.log2(i + 2) for i, r in enumerate(sorted(rels.values(), reverse=True)[:10]))
            total += dcg / ideal if ideal else 0.0
        rows.append((method, len(chosen), f"{total / len(chosen):.3f}"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--arguana", type=int, default=0, help="ArguAna queries to run (0 = all, -1 = none)")
    parser.add_argument("--model", default="", help="folder of a key point model to test (default: shipped)")
    parser.add_argument("--threshold", type=float, default=0.0, help="grouping distance (default: the model's)")
    args = parser.parse_args()
    import keypoint_data

    require(keypoint_data.DATA / keypoint_data.FILE)
    import numpy as np

    from indexer.encoders import load_embedder
    from indexer.encoders.keypoints import encoder
    from indexer.index.cache import EmbeddingCache

    ours = encoder(args.model)
    embedder = load_embedder()
    cache = EmbeddingCache(Path.home() / ".cache" / "agora" / "bench-embeddings.sqlite", embedder.name, embedder.dim)

    def minilm(texts):
        return np.stack(cache.embed(list(texts), embedder.encode))

    _, held_out = keypoint_data.split()
    groups = [g for g in keypoint_data.groups() if g.topic in held_out]
    dev = [g for g in keypoint_data.groups() if g.topic in ours.card["dev_motions"]]
    encoders = {"leader": minilm, "minilm": minilm, "minilm-oracle": minilm, "agora": ours.encode}
    thresholds = {"minilm": minilm_threshold(minilm, dev), "minilm-oracle": minilm_threshold(minilm, groups),
                  "agora": args.threshold or float(ours.card["group_threshold"])}
    n = sum(len([a for a in g.arguments if g.gold(a)]) for g in groups)
    print(f"{len(held_out)} held-out motions, {len(groups)} motion-sides, {n} arguments with one gold key point "
          f"({sum(len({g.gold(a) for a in g.arguments if g.gold(a)}) for g in groups)} gold key points)\n")
    print(table(evaluate(groups, encoders, thresholds),
                ("method", "AMI", "B3 F1", "mAP", "grouped", "groups", "left out", "order AMI", "threshold")))
    if args.arguana >= 0:
        rows = arguana(encoders, args.arguana)
        if rows:
            print("\nArguAna counter-argument retrieval (dense, own id excluded)\n")
            print(table(rows, ("method", "queries", "nDCG@10")))


if __name__ == "__main__":
    main()
