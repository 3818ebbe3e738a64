"""`agora publish` speed: full and incremental (one new article) at several corpus sizes,
and the size of the browser search index.
Usage: python bench/publish_speed.py [SIZES...]   (default 100 1000)
Targets: 1,000 articles <= 20 s, 5,000 <= 90 s, incremental <= 25% of full, index <= 15 MB at 1,000."""

from __future__ import annotations

import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from _corpus import build, synthetic_units
from _shared import table

from indexer.model.articles import Article, Corpus
from indexer.model.units import save_units
from indexer.publish.site import publish


def measure(n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        kb = build(Path(tmp) / "kb", n)
        t = time.perf_counter()
        publish(kb)
        full = time.perf_counter() - t
        article = Article(title="One more report", body=Corpus(kb).get("generated-report-00000").body + " New.",
                          slug="one-more-report")
        Corpus(kb).save(article)
        save_units(kb, article.slug, synthetic_units(article, random.Random(9)))
        t = time.perf_counter()
        summary = publish(kb)
        incremental = time.perf_counter() - t
        index = (kb.site_dir / "search" / "search_index.json").stat().st_size
    return {"articles": n, "full s": f"{full:.1f}", "incremental s": f"{incremental:.1f}",
            "incremental/full": f"{incremental / full:.0%}", "pages rewritten": summary.written,
            "search index MB": f"{index / 1e6:.1f}"}


def main() -> None:
    sizes = [int(s) for s in sys.argv[1:]] or [100, 1000]
    rows = [measure(n) for n in sizes]
    print(table([tuple(r.values()) for r in rows], tuple(rows[0])))
    print(json.dumps({"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))


if __name__ == "__main__":
    main()
