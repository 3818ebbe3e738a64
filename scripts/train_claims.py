"""Train Agora's argument detector: is a sentence an argument unit at all (argument / none)?

Fine-tuned from the bundled all-MiniLM-L6-v2 on sentences whose licence allows shipping a
derived model: IBM claim stance (CC-BY-SA 3.0; sentences of its Wikipedia articles that hold
a marked claim are arguments, the others are not), IBM evidence (CC-BY-SA 3.0; evidence
sentences are arguments, "not evidence" ones are not), IBM ArgQ-30k arguments (CC-BY-SA 3.0)
and our own narration lines (scripts/data/narration.txt). The copy of claim stance holds the
articles of 30 motions only: 20 train (4 of them as dev), 10 drawn with a fixed seed and any
evidence topic naming them are held out for bench/claims_eval.py; UKP is never read.
Negatives are the non-claim sentences without any cue of arguing (see `plain`).

    python scripts/train_claims.py        # writes indexer/encoders/data/argument.onnx

Seeded; about 10 minutes on 2 CPU cores. Never run by the tests.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from finetune import (  # noqa: E402
    MAX_TOKENS,
    build_model,
    export,
    macro_f1,
    probabilities,
    provenance,
    seeded_minilm,
    train,
)

DATA = ROOT.parent / "shared" / "data" / "arguments"
OUT = ROOT / "indexer" / "encoders" / "data"
LABELS = ("none", "argument")
DEV_MOTIONS = 4
TRAIN_MOTIONS = 20
HOLDOUT_SEED = 29
NEGATIVES_PER_CLAIM = 3
BETA = 2.0  # the threshold favours recall: a missed argument is lost, a wrong one is one click to reject


@dataclass(frozen=True)
class Sentence:
    text: str
    label: str
    motion: str
    source: str


def claim_sentences(split: str) -> list[Sentence]:
    """Every sentence of the claim-stance articles of a split: argument when it holds a marked claim."""
    rows = list(csv.DictReader((DATA / "ibm-claim-stance" / "claim_stance_dataset.csv").open(encoding="utf-8")))
    claims: dict[str, list[str]] = {}
    motion_of: dict[str, str] = {}
    for r in rows:
        if r["split"] == split:
            claims.setdefault(r["claims.article.cleanFile"], []).append(r["claims.claimOriginalText"].lower())
            motion_of[r["claims.article.cleanFile"]] = r["topicText"]
    out = []
    for name, found in sorted(claims.items()):
        path = DATA / "ibm-claim-stance" / name
        if not path.exists():  # the copy holds some of the articles only
            continue
        for sent in sentences(path.read_text(encoding="utf-8", errors="replace")):
            label = "argument" if any(c[:60] in sent.lower() for c in found) else "none"
            out.append(Sentence(sent, label, motion_of[name], "claim-stance"))
    return out


def split_motions(articles: list[Sentence]) -> tuple[list[str], list[str]]:
    """(training motions, held-out motions) of the claim-stance articles present: a seeded draw."""
    motions = sorted({s.motion for s in articles})
    held = set(random.Random(HOLDOUT_SEED).sample(motions, len(motions) - TRAIN_MOTIONS))
    return [m for m in motions if m not in held], sorted(held)


def plain(sentence: Sentence) -> bool:
    """No cue of arguing at all: a safe "none" (a non-claim sentence of these corpora often argues
    something the annotators did not mark; those are left out rather than taught as none)."""
    from indexer.extract.cues import ARGUABLE_RE

    return sentence.label == "argument" or not ARGUABLE_RE.search(sentence.text)


def balanced(pool: list[Sentence], ratio: int, rng: random.Random) -> list[Sentence]:
    """All argument sentences and `ratio` times as many others (articles are mostly narration)."""
    positives = [s for s in pool if s.label == "argument"]
    negatives = [s for s in pool if s.label == "none"]
    return positives + rng.sample(negatives, min(len(negatives), ratio * len(positives)))


def sentences(text: str) -> list[str]:
    out = []
    for paragraph in text.split("\n"):
        for sent in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", paragraph):
            sent = " ".join(sent.split())
            if 6 <= len(sent.split()) <= 80:
                out.append(sent)
    return out


def evidence(excluded: list[str]) -> list[Sentence]:
    out = []
    for name in ("train.csv", "test.csv"):
        with (DATA / "ibm-evidence" / name).open(newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                concept = r["the concept of the topic"].lower()
                if not any(concept in m.lower() for m in excluded):
                    out.append(Sentence(r["candidate"], "argument" if r["label"] == "1" else "none", r["topic"],
                                        "evidence"))
    return out


def argq(excluded: list[str], limit: int, rng: random.Random) -> list[Sentence]:
    with (DATA / "ibm-argq-30k" / "arg_quality_rank_30k.csv").open(newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if float(r["WA"]) >= 0.6]
    rng.shuffle(rows)
    return [Sentence(r["argument"].strip(), "argument", r["topic"], "argq") for r in rows[:limit]
            if not any(r["topic"].split(" ", 2)[-1].lower() in m.lower() for m in excluded)]


def narration() -> list[Sentence]:
    lines = (Path(__file__).parent / "data" / "narration.txt").read_text().splitlines()
    return [Sentence(line.strip(), "none", "", "ours") for line in lines if line.strip() and not line.startswith("#")]


def f_beta(gold: list[str], chosen, beta: float) -> float:
    tp = sum(g == "argument" and c for g, c in zip(gold, chosen, strict=True))
    precision, recall = tp / max(int(sum(chosen)), 1), tp / max(gold.count("argument"), 1)
    return (1 + beta**2) * precision * recall / max(beta**2 * precision + recall, 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--max-minutes", type=float, default=30.0)
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"{DATA} is absent: training needs ../shared/data")

    rng = random.Random(args.seed)
    folder, tokenizer = seeded_minilm(args.seed)

    articles = claim_sentences("test")
    train_motions, test_motions = split_motions(articles)
    pool = [s for s in articles if s.motion in train_motions]
    dev_motions = set(rng.sample(train_motions, DEV_MOTIONS))
    dev = [s for s in pool if s.motion in dev_motions]
    train_set = balanced([s for s in pool if s.motion not in dev_motions and plain(s)], NEGATIVES_PER_CLAIM, rng)
    train_set += [s for s in evidence(test_motions + sorted(dev_motions)) if plain(s)]
    train_set += argq(test_motions, 4000, rng) + narration() * 3
    rng.shuffle(train_set)
    counts = {c: sum(s.label == c for s in train_set) for c in LABELS}
    print(f"train: {len(train_set)} sentences {counts}; dev: {len(dev)} sentences of {len(dev_motions)} motions",
          flush=True)

    model = build_model(folder, len(LABELS))
    started = time.time()
    steps = train(model, train_set, tokenizer, args.epochs, args.lr, args.batch, rng, args.max_minutes, LABELS,
                  pair=False)
    minutes = (time.time() - started) / 60
    probs = probabilities(model, dev, tokenizer, len(LABELS), pair=False)
    gold = [s.label for s in dev]
    threshold = max((round(0.05 * i, 2) for i in range(2, 19)), key=lambda t: f_beta(gold, probs[:, 1] >= t, BETA))
    pred = ["argument" if p[1] >= threshold else "none" for p in probs]
    tp = sum(g == p == "argument" for g, p in zip(gold, pred, strict=True))
    dev_scores = {"macro_f1": round(macro_f1(gold, pred, LABELS), 3),
                  "precision": round(tp / max(pred.count("argument"), 1), 3),
                  "recall": round(tp / max(gold.count("argument"), 1), 3)}
    print(f"dev: threshold {threshold}  {dev_scores}", flush=True)

    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "argument.onnx"
    export(model, tokenizer, target, pair=False)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    meta = {"labels": list(LABELS), "max_tokens": MAX_TOKENS, "argument_threshold": threshold, "sha256": digest,
            "base": "all-MiniLM-L6-v2", "seed": args.seed, "epochs": args.epochs, "lr": args.lr,
            "batch": args.batch, "steps": steps, "sentences": len(train_set), "counts": counts,
            "train_minutes": round(minutes, 1), "held_out_motions": test_motions,
            "threshold_set_on": f"F{BETA:g} on the dev motions",
            "dev_motions": sorted(dev_motions), "dev": dev_scores, "bytes": target.stat().st_size,
            **provenance(args.out, "argument", "bench/claims_eval.py")}
    (args.out / "argument.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB, sha256 {digest[:12]}) in {minutes:.1f} min")


if __name__ == "__main__":
    main()
