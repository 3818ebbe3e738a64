"""Stance toward a question, on motions and collections the model never trained on.

Each argument is scored against its motion as written and against reworded and negated
wordings drawn from templates that training never used (scripts/motions.py), where the right
answer stays or flips. Methods in one table: Agora's cross-encoder with the question put in
its positive wording (`model`) and as asked (`model, raw question`), the cue rules, and rules
where cues decide, else the model; `centred per question`: each question's for/against log-odds
less their mean over its texts, as `agora index` does for an issue of 20 argued units or more.
"sides" = macro-F1 over for/against when a side must be picked; "3-class" adds arguments
paired with an unrelated motion, whose answer is neutral.

    python bench/stance_eval.py                   # the shipped model (trained without ArgKP's motions)
    python bench/stance_eval.py --model /tmp/stance-b   # a model trained with --holdout argq
    python bench/stance_eval.py --speed           # 20,000 pairs, timed against bare onnxruntime
    python bench/stance_eval.py --calibrate-news  # the neutral threshold, set on real news (GGT)
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path

from _shared import DATA, ROOT, require, table

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from indexer.extract.evaluation import macro_f1  # noqa: E402

# UKP's topics as the questions a news issue would ask; "for" in UKP is for the first wording.
UKP_QUESTIONS = {
    "abortion": "Should abortion be legal?", "cloning": "Cloning should be allowed",
    "death_penalty": "We should keep the death penalty", "gun_control": "Should gun control be stricter?",
    "marijuana_legalization": "We should legalize marijuana", "minimum_wage": "Should the minimum wage be raised?",
    "nuclear_energy": "Nuclear energy is a good way to produce power",
    "school_uniforms": "Pupils should wear school uniforms",
}
UKP_LABELS = {"Argument_for": "for", "Argument_against": "against", "NoArgument": "neutral"}


class Methods:
    """Each method's (side forced, 3-class) answers for (question, text) pairs."""

    def __init__(self, model: str, baselines: bool) -> None:
        self.model, self.baselines = model, baselines

    def cross_encoder(self, pairs, normalise: bool = True, centre: bool = False, speakers: bool = False):
        from indexer.encoders.stance import by_speaker, centred, decide, neutral_threshold, probabilities

        probs = probabilities([(p.question, p.text) for p in pairs], model=self.model, normalise=normalise)
        if centre or speakers:  # as an issue's units are, per question: the log-odds less their
            by_question: dict[str, list[int]] = {}  # mean over its texts, a speaker's pooled
            for i, p in enumerate(pairs):
                by_question.setdefault(p.question, []).append(i)
            for rows in by_question.values():
                joined = centred([probs[i] for i in rows]) if centre else [probs[i] for i in rows]
                said = [pairs[i].speaker for i in rows]
                for i, p in zip(rows, by_speaker(joined, said) if speakers else joined, strict=True):
                    probs[i] = p
        threshold = neutral_threshold(self.model)
        return ["for" if r["for"] >= r["against"] else "against" for r in probs], [decide(r, threshold).label
                                                                                  for r in probs]

    def rules(self, pairs):
        from indexer.extract.cues import polarity

        out = []
        for p in pairs:
            benefit, risk = polarity(p.text)
            out.append("neutral" if benefit == risk else ("for" if benefit > risk else "against"))
        return [("for" if o == "neutral" else o) for o in out], out

    def all(self, pairs):
        out = {"model": self.cross_encoder(pairs),
               "model, centred per question": self.cross_encoder(pairs, centre=True),
               "model, raw question": self.cross_encoder(pairs, False)}
        if any(p.speaker for p in pairs):  # as `agora index` does for an issue
            out["model, by speaker"] = self.cross_encoder(pairs, speakers=True)
            out["model, centred, by speaker"] = self.cross_encoder(pairs, centre=True, speakers=True)
        if self.baselines:
            out["rules"] = self.rules(pairs)
            out["rules, else model"] = ([r if r3 != "neutral" else m for r, r3, m in zip(
                out["rules"][0], out["rules"][1], out["model"][0], strict=True)],
                [r if r != "neutral" else m for r, m in zip(out["rules"][1], out["model"][1], strict=True)])
        return out


def score_collection(name: str, pairs, methods: Methods, rows: list, summary: dict) -> None:
    answers = methods.all(pairs)
    forms = ["original", "reworded", "negated"]
    for method, (sides, three) in answers.items():
        cells = []
        for form in forms:
            idx = [i for i, p in enumerate(pairs) if p.form == form and p.label != "neutral"]
            cells.append(macro_f1([pairs[i].label for i in idx], [sides[i] for i in idx], ("for", "against"))
                         if idx else float("nan"))
        sided = [i for i, p in enumerate(pairs) if p.label != "neutral"]
        every = macro_f1([pairs[i].label for i in sided], [sides[i] for i in sided], ("for", "against"))
        gold = [p.label for p in pairs]
        f3 = macro_f1(gold, three, ("for", "against", "neutral"))
        neutral = sum(three[i] == "neutral" for i in sided) / max(len(sided), 1)
        rows.append((name, method, *(f"{c:.3f}" for c in cells), f"{min(cells):.3f}", f"{every:.3f}", f"{f3:.3f}",
                     f"{neutral:.0%}"))
        summary.setdefault(name, {})[method] = {"forms": dict(zip(forms, cells, strict=True)), "sides": every,
                                                "three_class": f3, "neutral_on_argued": neutral}


def ukp_pairs(rng: random.Random):
    from stance_data import Pair

    root = require(DATA / "arguments" / "ukp")
    csv.field_size_limit(10**7)
    pairs = []
    for path in sorted(root.glob("*.tsv")):
        with path.open(newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if r.get("annotation") in UKP_LABELS and r["set"] == "test":
                    question = UKP_QUESTIONS[r["topic"].replace(" ", "_")]
                    pairs.append(Pair(question, r["sentence"], UKP_LABELS[r["annotation"]], r["topic"]))
    return pairs


def demo_pairs():
    """The demo's workplace-monitoring units with the side a reader gives them (tests/fixtures)."""
    import yaml
    from stance_data import Pair

    from indexer.index.stances import speakers
    from indexer.model.kb import KnowledgeBase
    from indexer.model.units import all_units

    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "stance_demo.yml").read_text())
    units = {u.plain_text.rstrip("."): u for u in all_units(KnowledgeBase.open(ROOT))}
    texts = [(text, label) for label in ("for", "against", "neutral") for text in data[label]]
    found = [units[t.rstrip(".")] for t, _ in texts if t.rstrip(".") in units]
    said = dict(zip((u.plain_text.rstrip(".") for u in found), speakers(found), strict=True))
    return [Pair(data["question"], text, label, "demo", speaker=said.get(text.rstrip("."), ""))
            for text, label in texts]


def ggt_pairs():
    """Real news: GGT's gold quotes with the side we gave them toward a question on their article
    (bench/data/ggt_stance.yml); one "question" per article."""
    import yaml
    from stance_data import Pair

    articles = {r["doc_id"]: r for r in map(json.loads, require(DATA / "quotes" / "ggt" /
                                                                 "ggt_quotes_gold.derived.jsonl").open())}
    pairs = []
    for item in yaml.safe_load((ROOT / "bench" / "data" / "ggt_stance.yml").read_text()):
        quotes = articles[item["doc"]]["quotes"]
        assert len(quotes) == item["quotes"], f"{item['doc']}: the gold quotes changed"
        said, last = [], ""
        for q in quotes:  # the annotators' resolved speaker; a quote without one continues the last
            last = q.get("reference") or q.get("speaker") or last
            said.append(last)
        pairs += [Pair(item["question"], " ".join(quotes[i]["quote"].strip('"\u201c\u201d ,').split()), label,
                       item["doc"], speaker=said[i]) for i, label in item["labels"].items() if label != "skip"]
    return pairs


def ours_pairs():
    """Our news-style set (tests/fixtures/stance_ours.yml): four debates, each asked three ways."""
    import yaml
    from stance_data import Pair

    flip = {"for": "against", "against": "for", "neutral": "neutral"}
    pairs = []
    for debate in yaml.safe_load((ROOT / "tests" / "fixtures" / "stance_ours.yml").read_text()):
        for i, q in enumerate(debate["questions"]):
            form = "original" if i == 0 else ("negated" if q.get("flip") else "reworded")
            pairs += [Pair(q["text"], text, flip[label] if q.get("flip") else label, debate["questions"][0]["text"],
                           form) for label in ("for", "against", "neutral") for text in debate.get(label, [])]
    return pairs


def calibrate_on_news(model: str) -> None:
    """Set the model's neutral threshold to the one that maximises 3-class macro-F1 on GGT's real
    news quotes (questions no training used): the dev motions of training are crowd arguments
    and unrelated motions, whose threshold leaves argued news quotes neutral."""
    from indexer.encoders.stance import decide, probabilities

    folder = Path(model) if model else ROOT / "indexer" / "encoders" / "data"
    pairs = ggt_pairs()
    probs = probabilities([(p.question, p.text) for p in pairs], model=model)
    gold = [p.label for p in pairs]
    candidates = [round(0.5 + 0.01 * i, 2) for i in range(50)]
    best = max(candidates, key=lambda t: (macro_f1(gold, [decide(p, t).label for p in probs],
                                                   ("for", "against", "neutral")), t))
    card = json.loads((folder / "stance.json").read_text())
    card.setdefault("neutral_threshold_dev", card["neutral_threshold"])
    card["neutral_threshold"] = best
    card["neutral_threshold_from"] = "GGT real news quotes (bench/data/ggt_stance.yml), 3-class macro-F1"
    (folder / "stance.json").write_text(json.dumps(card, indent=2) + "\n")
    print(f"neutral threshold {best} (the dev motions gave {card['neutral_threshold_dev']})")


def speed(model: str, n: int = 20_000) -> None:
    """Stance for n (unit, question) pairs against the bare ONNX session on the same inputs."""
    import numpy as np
    import stance_data

    from indexer.encoders.classifier import load_classifier
    from indexer.encoders.stance import stance_pairs

    rng = random.Random(7)
    args = stance_data.argkp()
    pairs = [(rng.choice(stance_data.forms(a.motion, evaluation=True))[0], a.text)
             for a in (rng.choice(args) for _ in range(n))]
    classifier = load_classifier("stance", model)
    started = time.perf_counter()
    stance_pairs(pairs, model=model)
    ours = time.perf_counter() - started
    tok = classifier.tokenizer
    tok.enable_truncation(classifier.card["max_tokens"], strategy="only_second")
    encodings = tok.encode_batch(pairs)
    started = time.perf_counter()
    for i in range(0, n, 32):
        chunk = encodings[i:i + 32]
        width = max(len(e.ids) for e in chunk)
        ids = np.zeros((len(chunk), width), dtype=np.int64)
        mask, types = np.zeros_like(ids), np.zeros_like(ids)
        for row, e in enumerate(chunk):
            ids[row, :len(e.ids)], mask[row, :len(e.ids)], types[row, :len(e.ids)] = e.ids, 1, e.type_ids
        classifier.session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})
    bare = time.perf_counter() - started
    print(table([(f"{n:,}", f"{ours:.1f} s", f"{n / ours:.0f}", f"{bare:.1f} s (unsorted batches)",
                  f"{ours / bare:.2f}x")], ("pairs", "indexer.stance", "pairs/s", "bare onnxruntime", "ratio")))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="", help="folder with stance.onnx and stance.json (default: shipped)")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--limit", type=int, default=2500, help="arguments per collection")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--calibrate-news", action="store_true",
                        help="set the model's neutral threshold on GGT's real news quotes")
    args = parser.parse_args()
    require(DATA / "arguments")
    if args.speed:
        return speed(args.model)
    if args.calibrate_news:
        return calibrate_on_news(args.model)
    import stance_data

    folder = Path(args.model) if args.model else ROOT / "indexer" / "encoders" / "data"
    card = json.loads((folder / "stance.json").read_text())
    rng = random.Random(11)
    collections = []
    if card["holdout"] == "argkp":
        collections.append(("ArgKP (28 unseen motions)", stance_data.argkp()))
        collections.append(("claim stance test (unseen motions)", stance_data.claim_stance("test")))
    else:
        kp = {a.motion for a in stance_data.argkp()}
        collections.append(("ArgQ (43 motions ArgKP lacks)", [a for a in stance_data.argq() if a.motion not in kp]))
    methods = Methods(args.model, not args.no_baselines)
    rows, summary = [], {"model_card": {k: card[k] for k in ("trained_on", "neutral_threshold", "sha256")}}
    for name, arguments in collections:
        sample = rng.sample(arguments, min(args.limit, len(arguments)))
        pairs = stance_data.evaluation_pairs(sample, rng, unrelated=len(sample) // 4)
        score_collection(name, pairs, methods, rows, summary)
    if card["holdout"] == "argkp":
        score_collection("UKP test, 8 topics (3-class)", ukp_pairs(rng), methods, rows, summary)
    score_collection("Agora demo issue (ours)", demo_pairs(), methods, rows, summary)
    score_collection("our news-style set (4 debates x 3 wordings)", ours_pairs(), methods, rows, summary)
    if (DATA / "quotes" / "ggt").exists():
        score_collection("GGT real news quotes (8 articles)", ggt_pairs(), methods, rows, summary)
    print(f"trained on: {card['trained_on']}; neutral threshold {card['neutral_threshold']}")
    print(table(rows, ("collection", "method", "original", "reworded", "negated", "worst form", "sides",
                       "3-class", "neutral on argued")))
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / f"stance-{card['holdout']}.json").write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
