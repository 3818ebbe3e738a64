"""Train Agora's key point encoder: sentence vectors under which arguments that make the same
point are close, so that grouping them (indexer.key_points) finds the annotators' key points.

Fine-tuned from the bundled all-MiniLM-L6-v2 as a bi-encoder on IBM ArgKP-2021 (CDLA-Sharing-1.0):
an argument is pulled towards its key point and towards another argument of the same key
point, and pushed from a key point of its side labelled "no match" and from the rest of the
batch (in-batch negatives; pairs that share a key point are masked). Of the 28 motions, 8
drawn with a fixed seed are held out for bench/keypoints_eval.py; the grouping threshold is
chosen on 4 more (dev) together with our own news-style statements
(tests/fixtures/keypoints_ours.yml); the other 16 are trained on.

    python scripts/train_keypoints.py     # writes indexer/encoders/data/keypoints.onnx

Seeded; about 10 minutes on 2 CPU cores. Never run by the tests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

import keypoint_data  # noqa: E402
from finetune import export, provenance, schedule, seeded_minilm, update  # noqa: E402

OUT = ROOT / "indexer" / "encoders" / "data"
DEV_MOTIONS = 4
MAX_TOKENS = 96
SCALE = 20.0


@dataclass(frozen=True)
class Example:
    anchor: str
    positive: str
    negative: str
    matches: frozenset[str]  # the anchor's key points: any of them in the batch is no negative
    point: str  # the key point the positive stands for


def examples(groups: list[keypoint_data.Group], rng: random.Random) -> list[Example]:
    out = []
    for g in groups:
        by_point: dict[str, list[str]] = {}
        for a in g.arguments:
            for p in g.matches[a]:
                by_point.setdefault(p, []).append(a)
        for a in g.arguments:
            matches = frozenset(g.matches[a])
            others = sorted(g.misses[a]) or [p for p in g.key_points if p not in matches]
            for p in sorted(matches):
                negative = rng.choice(others) if others else rng.choice(g.key_points)
                out.append(Example(a, p, negative, matches, p))
                peers = [b for b in by_point[p] if b != a]
                if peers:
                    out.append(Example(a, rng.choice(peers), rng.choice(others) if others else negative, matches, p))
    return out


def build(folder: Path):
    import torch
    from transformers import AutoModel

    class BiEncoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(folder))

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return torch.nn.functional.normalize(pooled, dim=-1)

    return BiEncoder()


def embed(model, tokenizer, texts: list[str]):
    enc = tokenizer(texts, truncation=True, max_length=MAX_TOKENS, padding=True, return_tensors="pt")
    return model(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"])


def train(model, tokenizer, data: list[Example], epochs: float, lr: float, batch: int, rng: random.Random) -> int:
    import torch

    steps = math.ceil(len(data) / batch * epochs)
    optimizer, scheduler = schedule(model, steps, lr, warmup_share=1 / 10)
    model.train()
    step, start, running = 0, time.time(), 0.0
    while step < steps:
        order = list(range(len(data)))
        rng.shuffle(order)
        for i in range(0, len(order) - batch + 1, batch):
            chunk = [data[j] for j in order[i:i + batch]]
            a = embed(model, tokenizer, [e.anchor for e in chunk])
            c = embed(model, tokenizer, [e.positive for e in chunk] + [e.negative for e in chunk])
            scores = SCALE * a @ c.T
            masked = torch.tensor([[j != r and (chunk[j].point in e.matches if j < batch
                                               else chunk[j - batch].negative in e.matches)
                                    for j in range(2 * batch)] for r, e in enumerate(chunk)])
            scores = scores.masked_fill(masked, -1e4)
            loss = torch.nn.functional.cross_entropy(scores, torch.arange(batch))
            update(model, loss, optimizer, scheduler)
            step += 1
            running = 0.95 * running + 0.05 * loss.item() if step > 1 else loss.item()
            if step % 25 == 0:
                print(f"step {step}/{steps}  loss {running:.3f}  {(time.time() - start) / 60:.1f} min", flush=True)
            if step >= steps:
                break
    return step


def vectors(model, tokenizer, texts: list[str]):
    import numpy as np
    import torch

    model.eval()
    with torch.no_grad():
        out = [embed(model, tokenizer, texts[i:i + 64]).numpy() for i in range(0, len(texts), 64)]
    return np.concatenate(out) if out else np.zeros((0, 384), dtype=np.float32)


def own_statements() -> tuple[list[str], list[str]]:
    """(texts, gold point) of our own news-style statements (tests/fixtures/keypoints_ours.yml):
    one side of one issue, as key points appear in Agora; each loner is a point of its own."""
    import yaml

    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "keypoints_ours.yml").read_text())
    pairs = [(t, name) for name, items in data["points"].items() for t in items]
    pairs += [(t, f"loner-{i}") for i, t in enumerate(data["loners"])]
    return [t for t, _ in pairs], [g for _, g in pairs]


def choose_threshold(model, tokenizer, groups: list[keypoint_data.Group]) -> tuple[float, dict]:
    """The grouping distance with the best AMI, averaged over two dev sets of different styles:
    the dev motions (crowd arguments) and our own news-style statements."""
    from sklearn.metrics import adjusted_mutual_info_score

    from indexer.encoders.keypoints import group_vectors

    cached = []
    for g in groups:
        args = [a for a in g.arguments if g.gold(a)]
        cached.append((args, [g.gold(a) for a in args], vectors(model, tokenizer, args)))
    texts, gold = own_statements()
    own = (texts, gold, vectors(model, tokenizer, texts))

    def ami(args, gold, v, threshold) -> float:
        labels = [-1 - i for i in range(len(args))]  # left out: a group of its own
        for n, members in enumerate(group_vectors(v, args, threshold)):
            for m in members:
                labels[m] = n
        return adjusted_mutual_info_score(gold, labels)

    scores = {}
    for threshold in [round(0.30 + 0.05 * i, 2) for i in range(11)]:
        motions = sum(ami(*c, threshold) for c in cached) / len(cached)
        ours = ami(*own, threshold)
        scores[threshold] = {"dev_motions": round(motions, 4), "own_statements": round(ours, 4),
                             "mean": round((motions + ours) / 2, 4)}
        print(f"dev threshold {threshold}: {scores[threshold]}", flush=True)
    best = max(scores, key=lambda t: scores[t]["mean"])
    return best, scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not keypoint_data.available():
        sys.exit(f"ArgKP is not at {keypoint_data.DATA}: see ../shared/data/README.md")
    rng = random.Random(args.seed)
    folder, tokenizer = seeded_minilm(args.seed)
    train_motions, held_out = keypoint_data.split()
    dev_motions = sorted(random.Random(args.seed).sample(train_motions, DEV_MOTIONS))
    groups = keypoint_data.groups()
    training = [g for g in groups if g.topic in train_motions and g.topic not in dev_motions]
    data = examples(training, rng)
    print(f"{len(data)} examples from {len({g.topic for g in training})} motions", flush=True)
    model = build(folder)
    start = time.time()
    steps = train(model, tokenizer, data, args.epochs, args.lr, args.batch, rng)
    minutes = round((time.time() - start) / 60, 1)
    threshold, dev = choose_threshold(model, tokenizer, [g for g in groups if g.topic in dev_motions])
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "keypoints.onnx"
    export(model, tokenizer, target, pair=False, output="embedding")
    card = {"kind": "embedding", "dim": 384, "max_tokens": 128, "group_threshold": threshold,
            "sha256": hashlib.sha256(target.read_bytes()).hexdigest(), "base": "all-MiniLM-L6-v2",
            "trained_on": f"ArgKP-2021, {len({g.topic for g in training})} motions",
            "seed": args.seed, "epochs": args.epochs, "lr": args.lr, "batch": args.batch, "steps": steps,
            "examples": len(data), "train_minutes": minutes, "dev_motions": dev_motions,
            "held_out_motions": held_out, "dev_ami": dev, "bytes": target.stat().st_size,
            **provenance(args.out, "keypoints", "bench/keypoints_eval.py")}
    (args.out / "keypoints.json").write_text(json.dumps(card, indent=2) + "\n")
    print(json.dumps({k: card[k] for k in ("group_threshold", "steps", "train_minutes", "bytes")}))


if __name__ == "__main__":
    main()
