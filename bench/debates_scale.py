"""The debates at scale (#19 item 5): `agora index` on a knowledge base of UNITS units (default
200,000), then again after 10 new articles, timed by phase. Articles are 12 real argument
texts of one topic each (IBM ArgQ, ArgKP, IBM evidence candidates and claim-stance Wikipedia
articles, ArguAna), so that discovery has topics to find; each unit has a kind and a side at
random (seeded), and three curated issues take their questions from three of the topics.

    python bench/debates_scale.py [UNITS] [--kb DIR]

With --kb the built knowledge base is kept in DIR and reused by the next run (the first,
full index embeds every text: about 20 minutes at 200,000 units on 2 cores).
"""

from __future__ import annotations

import csv
import json
import random
import re
import resource
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from _shared import DATA, require

from indexer.model.articles import Article, Corpus
from indexer.model.kb import KnowledgeBase
from indexer.model.units import Unit, save_units, unit_id

PER_ARTICLE = 12
NEW_ARTICLES = 10
HELD_RUNS = 5  # each run adds articles never seen before, up to this many runs
CURATED = 3


def topical_texts() -> dict[str, list[str]]:
    """topic -> distinct real texts of that topic (a sentence or a short argument each)."""
    args = DATA / "arguments"
    found: dict[str, list[str]] = defaultdict(list)
    with require(args / "ibm-argq-30k" / "arg_quality_rank_30k.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            found[row["topic"]].append(row["argument"])
    with (args / "ibm-argkp" / "ArgKP-2021_dev.derived.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            found[row["topic"]].append(row["argument"])
    for name in ("train.csv", "test.csv"):
        with (args / "ibm-evidence" / name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                found[row["topic"]].append(row["candidate"])
    for folder in sorted((args / "ibm-claim-stance" / "articles").iterdir()):
        for path in sorted(folder.iterdir()):
            found[f"wikipedia {folder.name}"] += sentences(path.read_text(encoding="utf-8", errors="replace"))
    corpus = DATA / "retrieval" / "arguana" / "beir-style-derived" / "corpus.jsonl"
    for line in corpus.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        found[doc["title"] or doc["_id"].split("-")[1]] += sentences(doc["text"])
    seen: set[str] = set()
    out = {}
    for topic, texts in found.items():
        fresh = [t for t in (" ".join(t.split()) for t in texts) if t not in seen and not seen.add(t)]
        if len(fresh) >= PER_ARTICLE:
            out[topic] = fresh
    return out


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if 6 <= len(s.split()) <= 60]


def article_of(topic: str, texts: list[str], number: int, rng: random.Random) -> tuple[Article, list[Unit]]:
    body = "\n\n".join(texts)
    article = Article(title=f"{topic.rstrip('.')}: report {number}", body=body, slug=f"report-{number:06d}",
                      published=date(2025, 1, 1) + timedelta(days=number % 600), source="Bench Times")
    units, pos = [], 0
    for text in texts:
        start = body.index(text, pos)
        pos = start + len(text)
        kind = rng.choice(["claim", "claim", "quote", "risk", "opportunity"])
        units.append(Unit(id=unit_id(article.id, start, pos), article=article.slug, kind=kind, text=text,
                          start=start, end=pos, speaker=f"Speaker {rng.randrange(300)}" if kind == "quote" else "",
                          stance=rng.choice(["for", "against", "neutral"])))
    return article, units


def build(root: Path, n_units: int) -> tuple[KnowledgeBase, list[tuple[str, list[str]]]]:
    """The knowledge base of about n_units units, and the texts of the articles held back."""
    kb = KnowledgeBase.init(root)
    rng = random.Random(3)
    chunks = [(topic, texts[i:i + PER_ARTICLE]) for topic, texts in sorted(topical_texts().items())
              for i in range(0, len(texts) - PER_ARTICLE + 1, PER_ARTICLE)]
    rng.shuffle(chunks)
    held, chunks = chunks[:NEW_ARTICLES * HELD_RUNS], chunks[NEW_ARTICLES * HELD_RUNS:]
    wanted = -(-n_units // PER_ARTICLE)
    corpus = Corpus(kb)
    for number in range(wanted):
        topic, texts = chunks[number % len(chunks)]
        article, units = article_of(topic, texts, number, rng)
        corpus.save(article)
        save_units(kb, article.slug, units)
    topics = sorted({t for t, _ in chunks})
    for topic in topics[:: max(1, len(topics) // CURATED)][:CURATED]:
        slug = re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-")[:40]
        (kb.issues_dir / f"{slug}.yml").write_text(f"question: {json.dumps(topic)}\ntitle: {json.dumps(topic)}\n")
    (root / "held.json").write_text(json.dumps(held))
    return kb, held


def phases() -> dict[str, float]:
    """Seconds spent in each phase of `agora index`, by wrapping the functions that do them
    (some phases hold others: the debates hold everything from assigning to key points)."""
    from indexer.index import crossref, discovery, index

    spent: dict[str, float] = defaultdict(float)

    def timed(owner, name: str, label: str) -> None:
        inner = getattr(owner, name)

        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - started

        setattr(owner, name, wrapper)

    timed(index, "read_corpus", "read the corpus")
    timed(index.Index, "sync", "embed and store new units")
    timed(crossref, "stored_vectors", "read every vector back")
    timed(crossref, "compute", "the debates (all below)")
    timed(crossref, "issue_basis", "digest each issue")
    timed(crossref, "assign_issues", "assign articles to issues")
    timed(discovery, "discover", "discover issues")
    timed(crossref, "update_related", "related across issues")
    timed(crossref, "issue_stances", "stance per issue")
    timed(crossref, "keypoints", "key points")
    timed(crossref, "related", "related (exact pairs)")
    timed(crossref, "offer_rows", "related (patched)")
    timed(crossref, "load", "read the last result")
    timed(crossref, "save", "write the result")
    return spent


def index_run(kb: KnowledgeBase, label: str, spent: dict[str, float]) -> None:
    from indexer.index.index import sync_index

    spent.clear()
    started = time.perf_counter()
    summary = sync_index(kb)
    total = time.perf_counter() - started
    print(f"\n{label}: {total:.1f} s ({summary}); peak RSS so far "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    for name, seconds in sorted(spent.items(), key=lambda x: -x[1]):
        print(f"  {name:32} {seconds:7.1f} s")


def main() -> None:
    args = sys.argv[1:]
    keep = Path(args[args.index("--kb") + 1]) if "--kb" in args else None
    numbers = [a for a in args if a.isdigit()]
    n_units = int(numbers[0]) if numbers else 200_000
    spent = phases()
    with tempfile.TemporaryDirectory() as tmp:
        root = keep or Path(tmp) / "kb"
        if (root / "held.json").exists():
            kb, held = KnowledgeBase.open(root), json.loads((root / "held.json").read_text())
        else:
            started = time.perf_counter()
            kb, held = build(root, n_units)
            print(f"built {n_units:,} units in {time.perf_counter() - started:.0f} s")
            index_run(kb, "first index (everything embedded)", spent)
        if not held:
            raise SystemExit(f"{root} has no held-back articles left: build a new one")
        new, held = held[:NEW_ARTICLES], held[NEW_ARTICLES:]
        (root / "held.json").write_text(json.dumps(held))
        count = len(Corpus(kb).slugs())
        rng = random.Random(count)
        corpus = Corpus(kb)
        for i, (topic, texts) in enumerate(new):
            article, units = article_of(topic, texts, count + i, rng)
            corpus.save(article)
            save_units(kb, article.slug, units)
        index_run(kb, f"index after {len(new)} new articles ({count + len(new):,} articles)", spent)


if __name__ == "__main__":
    main()
