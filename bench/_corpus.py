"""A generated knowledge base for speed benchmarks: articles from our samples' sentences,
with synthetic units written directly (so publish can be timed without extraction)."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path

from _shared import ROOT

from indexer.model.articles import Article, Corpus
from indexer.model.kb import KnowledgeBase
from indexer.model.units import StakeholderRef, Unit, save_units, unit_id

SPEAKERS = ["Ana Ruiz", "Tom Okafor", "Priya Raman", "Helen Marsh", "Dr. Kwame Asante", "Laura Bennett"]
GROUPS = ["employees", "users", "regulators", "unions", "students", "parents"]


def sentences() -> list[str]:
    out = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        out += [s for s in re.split(r"(?<=[.!?])\s+", path.read_text()) if len(s.split()) > 6]
    return out


def article_texts(n: int, words: int = 800, seed: int = 1) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    pool = sentences()
    out = []
    for i in range(n):
        paragraphs, count = [], 0
        while count < words:
            para = " ".join(rng.sample(pool, 4))
            paragraphs.append(para)
            count += len(para.split())
        out.append((f"Generated report {i} on data and work", "\n\n".join(paragraphs)))
    return out


def build(root: Path, n: int, seed: int = 1) -> KnowledgeBase:
    """n articles of ~800 words with 12 synthetic units each."""
    kb = KnowledgeBase.init(root)
    from indexer.publish.config import ensure_mkdocs_config

    ensure_mkdocs_config(kb)
    rng = random.Random(seed)
    corpus = Corpus(kb)
    for i, (title, body) in enumerate(article_texts(n, seed=seed)):
        article = Article(title=title, body=body, slug=f"generated-report-{i:05d}",
                          published=date(2025, 1, 1) + timedelta(days=i % 600), source="Bench Times")
        corpus.save(article)
        save_units(kb, article.slug, synthetic_units(article, rng))
    return kb


def synthetic_units(article: Article, rng: random.Random) -> list[Unit]:
    units, pos = [], 0
    for match in list(re.finditer(r"[^.!?]+[.!?]", article.body))[::3][:12]:
        start, end = match.start() + (len(match.group()) - len(match.group().lstrip())), match.end()
        if start < pos:
            continue
        kind = rng.choice(["claim", "quote", "risk", "opportunity"])
        units.append(Unit(id=unit_id(article.id, start, end), article=article.slug, kind=kind,
                          text=article.body[start:end], start=start, end=end,
                          speaker=rng.choice(SPEAKERS) if kind == "quote" else "",
                          stance=rng.choice(["for", "against", "neutral"]),
                          stakeholders=[StakeholderRef(id=rng.choice(GROUPS), role="affected")]))
        pos = end
    return units
