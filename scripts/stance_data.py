"""The open argument corpora as (question, text, label) pairs for the stance model.

Labels: "for", "against", "neutral". Only CC-BY-SA / CDLA-Sharing data trains a shipped
model (IBM ArgQ-30k, IBM claim stance, IBM evidence, ArgKP); UKP (CC BY-NC) is read by the
benchmark alone.
"""

from __future__ import annotations

import csv
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from motions import forms, lower_first

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "arguments"
ARGUANA = DATA.parent / "retrieval" / "arguana" / "beir-style-derived"
LABELS = ("for", "against", "neutral")


@dataclass(frozen=True)
class Argument:
    motion: str
    text: str
    stance: int  # +1 for the motion, -1 against
    collection: str


@dataclass(frozen=True)
class Pair:
    question: str
    text: str
    label: str
    motion: str  # the motion it came from: held-out splits are by motion
    form: str = "original"  # original, reworded, negated, unrelated, background
    speaker: str = ""  # who said it, where an evaluation set knows (pooled as `agora index` does)


def argq(min_confidence: float = 0.6) -> list[Argument]:
    with (DATA / "ibm-argq-30k" / "arg_quality_rank_30k.csv").open(newline="", encoding="utf-8") as fh:
        return [Argument(r["topic"], r["argument"].strip(), int(r["stance_WA"]), "argq")
                for r in csv.DictReader(fh) if float(r["stance_WA_conf"]) >= min_confidence]


def claim_stance(split: str | None = None) -> list[Argument]:
    with (DATA / "ibm-claim-stance" / "claim_stance_dataset.csv").open(newline="", encoding="utf-8") as fh:
        return [Argument(r["topicText"], r["claims.claimCorrectedText"].strip(),
                         1 if r["claims.stance"] == "PRO" else -1, "claim-stance")
                for r in csv.DictReader(fh) if split in (None, r["split"])]


def argkp() -> list[Argument]:
    seen, out = set(), []
    with (DATA / "ibm-argkp" / "ArgKP-2021_dev.derived.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            key = (r["topic"], r["argument"])
            if key not in seen:
                seen.add(key)
                out.append(Argument(r["topic"], r["argument"].strip(), int(r["stance"]), "argkp"))
    return out


def arguana_motion(thesis: str) -> str | None:
    """An idebate thesis as a motion `forms` can reword ("This House would X" -> "We should X")."""
    text = re.sub(r"\s*\([^)]*\)$", "", " ".join(thesis.split()).rstrip(". "))
    m = re.match(r"(?i)(?:this house|th) ?(?:would|w),? (.+)", text)
    if m:
        return f"We should {lower_first(m.group(1))}"
    m = re.match(r"(?i)(?:this house|th) ?(?:supports|opposes|believes in) (.+)", text)
    if m:
        verb = "oppose" if "oppose" in text.lower()[:25] else "support"
        return f"We should {verb} {m.group(1)}"
    m = re.match(r"(?i)(?:this house believes(?: that)?|thbt) (.+)", text)
    if m:
        return m.group(1)[:1].upper() + m.group(1)[1:]
    return text if re.search(r"\b(?:should|must|is|are)\b", text) and not text.endswith("?") else None


def arguana(splits: tuple[str, ...] = ("training", "validation")) -> list[Argument]:
    """idebate points (CC-BY-SA 4.0): a point's heading and its opening sentences, each with the
    point's side. A point ("pro01a") argues its side; its counter ("pro01b") the other one."""
    debates = {d["debate_id"]: d for d in map(json.loads, (ARGUANA / "debates.jsonl").open(encoding="utf-8"))}
    out = []
    for row in map(json.loads, (ARGUANA / "corpus.jsonl").open(encoding="utf-8")):
        debate_id, point = row["_id"].rsplit("-", 1)
        m = re.fullmatch(r"(pro|con)\d+([ab])", point)
        debate = debates.get(debate_id)
        motion = arguana_motion(debate["thesis"]) if debate and m else None
        if motion is None or debate["split"] not in splits:
            continue
        stance = (1 if m.group(1) == "pro" else -1) * (1 if m.group(2) == "a" else -1)
        heading, _, body = row["text"].partition("  ")
        if m.group(2) == "a" and body and len(heading.split()) <= 25:
            out.append(Argument(motion, heading.strip(), stance, "arguana"))
        else:
            body = row["text"]
        lead = " ".join(re.split(r"(?<=[.!?])\s+", " ".join(body.split()))[:2])
        if 5 <= len(lead.split()) <= 80:
            out.append(Argument(motion, lead, stance, "arguana"))
    return out


def background(motions: set[str], limit: int, rng: random.Random) -> list[tuple[str, str]]:
    """(motion, sentence) pairs of encyclopedic sentences that are not claims: neutral text on topic."""
    rows = list(csv.DictReader((DATA / "ibm-claim-stance" / "claim_stance_dataset.csv").open(encoding="utf-8")))
    claims: dict[str, list[str]] = {}
    files: dict[str, str] = {}
    for r in rows:
        if r["topicText"] in motions:
            claims.setdefault(r["claims.article.cleanFile"], []).append(r["claims.claimOriginalText"].lower())
            files[r["claims.article.cleanFile"]] = r["topicText"]
    out = []
    for name, motion in sorted(files.items()):
        path = DATA / "ibm-claim-stance" / name
        if not path.exists():  # the copy holds some of the articles only
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for sent in re.split(r"(?<=[.!?])\s+", text):
            sent = " ".join(sent.split())
            if 50 <= len(sent) <= 250 and not any(c[:40] in sent.lower() for c in claims[name]):
                out.append((motion, sent))
    rng.shuffle(out)
    return out[:limit]


def not_evidence(motions: set[str], limit: int, rng: random.Random) -> list[tuple[str, str]]:
    out = []
    for name in ("train.csv", "test.csv"):
        with (DATA / "ibm-evidence" / name).open(newline="", encoding="utf-8") as fh:
            out += [(r["topic"], r["candidate"]) for r in csv.DictReader(fh)
                    if r["label"] == "0" and r["topic"] in motions]
    rng.shuffle(out)
    return out[:limit]


def news(repeat: int, rng: random.Random) -> list[Pair]:
    """Our own news-style lines (scripts/data/news_stance.yml): each sided line with its debate's
    question and `repeat` - 1 wordings of its motion, each neutral line with the question and one
    wording, and a third of the sided lines with another debate's question as neutral."""
    import yaml

    debates = yaml.safe_load((Path(__file__).parent / "data" / "news_stance.yml").read_text())
    pairs = []
    for d in debates:
        wordings = forms(d["motion"])
        others = [o["question"] for o in debates if o is not d]
        for side in ("for", "against"):
            for text in d[side]:
                pairs.append(Pair(d["question"], text, side, d["motion"]))
                for question, direction in rng.sample(wordings, min(repeat - 1, len(wordings))):
                    pairs.append(Pair(question, text, label_of(1 if side == "for" else -1, direction), d["motion"],
                                      "negated" if direction < 0 else "reworded"))
                if rng.random() < 1 / 3:
                    pairs.append(Pair(rng.choice(others), text, "neutral", d["motion"], "unrelated"))
        for text in d["neutral"]:
            for question in (d["question"], rng.choice(wordings)[0]):
                pairs.append(Pair(question, text, "neutral", d["motion"], "background"))
    return pairs


def label_of(stance: int, direction: int) -> str:
    return "for" if stance * direction > 0 else "against"


def training_pairs(arguments: list[Argument], neutral_share: float, rng: random.Random,
                   extra_neutral: list[tuple[str, str]] = ()) -> list[Pair]:
    """Each argument with its motion as written and one rewording; a share with an unrelated motion.
    (Pairing every argument with both a side-keeping and a side-flipping wording, and twice as
    many templates, scored lower on unseen collections: see the model card.)"""
    by_motion: dict[str, list[tuple[str, int]]] = {}
    for a in arguments:
        by_motion.setdefault(a.motion, forms(a.motion))
    motions = sorted(by_motion)
    pairs = []
    for a in arguments:
        wordings = by_motion[a.motion]
        pairs.append(Pair(a.motion, a.text, label_of(a.stance, 1), a.motion))
        if len(wordings) > 1:
            question, direction = rng.choice(wordings[1:])
            pairs.append(Pair(question, a.text, label_of(a.stance, direction), a.motion,
                              "negated" if direction < 0 else "reworded"))
        if rng.random() < neutral_share:
            other = rng.choice([m for m in motions if m != a.motion])
            pairs.append(Pair(rng.choice(by_motion[other])[0], a.text, "neutral", a.motion, "unrelated"))
    for motion, text in extra_neutral:
        wordings = by_motion.get(motion) or forms(motion)
        pairs.append(Pair(rng.choice(wordings)[0], text, "neutral", motion, "background"))
    rng.shuffle(pairs)
    return pairs


def evaluation_pairs(arguments: list[Argument], rng: random.Random, unrelated: int = 0) -> list[Pair]:
    """Each argument against every evaluation wording of its motion (templates never trained on)."""
    by_motion = {a.motion: forms(a.motion, evaluation=True) for a in arguments}
    motions = sorted(by_motion)
    pairs = []
    for a in arguments:
        for i, (question, direction) in enumerate(by_motion[a.motion]):
            form = "original" if i == 0 else ("negated" if direction < 0 else "reworded")
            pairs.append(Pair(question, a.text, label_of(a.stance, direction), a.motion, form))
    for a in rng.sample(arguments, min(unrelated, len(arguments))):
        other = rng.choice([m for m in motions if m != a.motion])
        pairs.append(Pair(rng.choice(by_motion[other])[0], a.text, "neutral", a.motion, "unrelated"))
    return pairs
