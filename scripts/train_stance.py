"""Train Agora's stance model: a cross-encoder (question, text) -> for / against / neutral.

Fine-tuned from the bundled all-MiniLM-L6-v2 on IBM ArgQ-30k, IBM claim stance (CC-BY-SA
3.0), idebate's points and counterpoints (ArguAna, CC-BY-SA 4.0) and our own news-style lines
(scripts/data/news_stance.yml), with encyclopedic non-claim sentences and IBM evidence "not
evidence" sentences as neutral. Motions are
reworded and negated (scripts/motions.py) so the model reads the question. Exported to ONNX
with int8 weights, written with its sha256 and model card.

    python scripts/train_stance.py                       # the shipped model (holds out ArgKP's motions)
    python scripts/train_stance.py --holdout argq --out /tmp/stance-b   # the cross-collection check

Seeded; about 16-30 minutes on 2 CPU cores. Never run by the tests. The neutral threshold is
then set on real news: `python bench/stance_eval.py --calibrate-news`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

import stance_data  # noqa: E402
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
from stance_data import LABELS  # noqa: E402

OUT = ROOT / "indexer" / "encoders" / "data"
DEV_MOTIONS = 4
# An idebate thesis this close (MiniLM cosine) to a held-out motion or question is the same
# debate in other words (IBM drew many motions from idebate): it stays out of training.
NEAR_HELD_OUT = 0.5
# The questions the benchmark asks of UKP's topics and of the demo's issues: never trained on.
HELD_QUESTIONS = [
    "Should abortion be legal?", "Cloning should be allowed", "We should keep the death penalty",
    "Should gun control be stricter?", "We should legalize marijuana", "Should the minimum wage be raised?",
    "Nuclear energy is a good way to produce power", "Pupils should wear school uniforms",
    "Should companies train AI models on people's posts, records and recordings without explicit consent?",
    "Should schools and platforms collect children's faces, chats and data to keep them safe and learning?",
    "Should employers record what employees type, say and do at work, to manage them or to train AI?",
]


def far_from(arguments, held: list[str], folder: Path) -> list:
    """The arguments whose motion is not a rewording of a held-out motion."""
    from sentence_transformers import SentenceTransformer

    encoder = SentenceTransformer(str(folder), device="cpu")
    motions = sorted({a.motion for a in arguments})
    near = (encoder.encode(motions, normalize_embeddings=True)
            @ encoder.encode(held, normalize_embeddings=True).T).max(axis=1)
    kept = {m for m, s in zip(motions, near, strict=True) if s < NEAR_HELD_OUT}
    return [a for a in arguments if a.motion in kept]


def split(holdout: str, rng: random.Random, folder: Path):
    """(train arguments, dev arguments, neutral extras, description) with whole motions held out."""
    argq = stance_data.argq()
    claims = stance_data.claim_stance()
    argkp = stance_data.argkp()
    if holdout == "argkp":
        held = {a.motion for a in argkp}
        pool = [a for a in argq if a.motion not in held] + [a for a in claims if a.motion not in held]
        test_claims = {a.motion for a in stance_data.claim_stance("test")}
        pool = [a for a in pool if a.motion not in test_claims]
        pool += far_from(stance_data.arguana(), sorted(held | test_claims) + HELD_QUESTIONS, folder)
        note = ("ArgQ-30k, claim stance and idebate (ArguAna train and validation debates), minus ArgKP's "
                f"28 motions, claim stance's test motions and every idebate debate within {NEAR_HELD_OUT} "
                "cosine of those or of the benchmark's UKP and demo questions")
    elif holdout == "argq":
        kp_motions = {a.motion for a in argkp}
        test = {a.motion for a in argq if a.motion not in kp_motions}
        pool = argkp + [a for a in stance_data.claim_stance("train") if a.motion not in test]
        note = "ArgKP and claim stance (train), tested on the ArgQ motions that ArgKP lacks"
    else:
        raise SystemExit(f"--holdout must be argkp or argq, not {holdout!r}")
    motions = sorted({a.motion for a in pool})
    dev = set(rng.sample(motions, DEV_MOTIONS))
    train = [a for a in pool if a.motion not in dev]
    trained = {a.motion for a in train}
    extras = stance_data.background(trained, 2500, rng) + stance_data.not_evidence(trained, 1500, rng)
    return train, [a for a in pool if a.motion in dev], extras, note


def decide(probs, threshold: float) -> list[str]:
    """A side unless the neutral probability reaches the threshold."""
    return ["neutral" if p[2] >= threshold else ("for" if p[0] >= p[1] else "against") for p in probs]


def calibrate(probs, gold: list[str]) -> float:
    """The neutral threshold that maximises 3-class macro-F1 on the held-out dev motions."""
    candidates = [round(0.05 * i, 2) for i in range(4, 20)]
    return max(candidates, key=lambda t: (macro_f1(gold, decide(probs, t), LABELS), -abs(t - 0.5)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdout", default="argkp", help="argkp (the shipped model) or argq")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--neutral-share", type=float, default=0.3)
    parser.add_argument("--news-repeat", type=int, default=6,
                        help="wordings per line of our news-style set (scripts/data/news_stance.yml); 0 leaves it out")
    parser.add_argument("--limit", type=int, default=0, help="train on this many arguments only (a quick trial)")
    parser.add_argument("--max-minutes", type=float, default=40.0)
    args = parser.parse_args()
    if not stance_data.DATA.exists():
        raise SystemExit(f"{stance_data.DATA} is absent: training needs ../shared/data")

    rng = random.Random(args.seed)
    folder, tokenizer = seeded_minilm(args.seed)

    train_args, dev_args, extras, note = split(args.holdout, rng, folder)
    if args.limit:
        train_args = rng.sample(train_args, min(args.limit, len(train_args)))
    pairs = stance_data.training_pairs(train_args, args.neutral_share, rng, extras)
    if args.news_repeat:
        pairs += stance_data.news(args.news_repeat, rng)
        rng.shuffle(pairs)
        note += f"; our news-style lines (scripts/data/news_stance.yml), {args.news_repeat} wordings each"
    dev = stance_data.evaluation_pairs(dev_args, rng, unrelated=len(dev_args) // 2)
    dev += [stance_data.Pair(m, t, "neutral", m, "background") for m, t in stance_data.background(
        {a.motion for a in dev_args}, 300, rng)]
    counts = {c: sum(p.label == c for p in pairs) for c in LABELS}
    print(f"{note}\ntrain: {len(train_args)} arguments, {len(pairs)} pairs {counts}; dev: {len(dev)} pairs", flush=True)

    model = build_model(folder, len(LABELS))
    started = time.time()
    steps = train(model, pairs, tokenizer, args.epochs, args.lr, args.batch, rng, args.max_minutes, LABELS)
    minutes = (time.time() - started) / 60

    probs = probabilities(model, dev, tokenizer, len(LABELS))
    gold = [p.label for p in dev]
    threshold = calibrate(probs, gold)
    pred = decide(probs, threshold)
    sided = [i for i, g in enumerate(gold) if g != "neutral"]
    dev_scores = {"macro_f1_3": round(macro_f1(gold, pred, LABELS), 3),
                  "macro_f1_sides": round(macro_f1([gold[i] for i in sided],
                                                   decide(probs[sided], 2.0), ("for", "against")), 3)}
    print(f"dev: threshold {threshold}  {dev_scores}", flush=True)

    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "stance.onnx"
    export(model, tokenizer, target)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    meta = {"labels": list(LABELS), "max_tokens": MAX_TOKENS, "neutral_threshold": threshold, "sha256": digest,
            "base": "all-MiniLM-L6-v2", "trained_on": note, "holdout": args.holdout, "seed": args.seed,
            "news_repeat": args.news_repeat,
            "epochs": args.epochs, "lr": args.lr, "batch": args.batch, "steps": steps, "pairs": len(pairs),
            "train_minutes": round(minutes, 1), "dev_motions": sorted({a.motion for a in dev_args}),
            "dev": dev_scores, "bytes": target.stat().st_size,
            **provenance(args.out, "stance", "bench/stance_eval.py")}
    (args.out / "stance.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB, sha256 {digest[:12]}) in {minutes:.1f} min")


if __name__ == "__main__":
    main()
