"""Reading every unit of the corpus (what index, publish, export and the stakeholder list do
first): the YAML parsed and validated, against the parsed-units cache, cold and warm, and
after 10 articles changed.

    python bench/units_load.py [ARTICLES]    (12 units an article; default 2000)
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from _corpus import build, synthetic_units

from indexer.model.articles import Corpus
from indexer.model.kb import KnowledgeBase
from indexer.model.unit_cache import FILE
from indexer.model.units import UnitsFile, all_units, save_units, unit_slugs, units_path


def timed(fn) -> tuple[float, int]:
    started = time.perf_counter()
    n = fn()
    return time.perf_counter() - started, n


def bare_yaml(kb: KnowledgeBase) -> int:
    """The bare component: the C YAML loader and pydantic on every file, nothing else."""
    import yaml

    n = 0
    for slug in unit_slugs(kb):
        data = yaml.load(units_path(kb, slug).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        n += len(UnitsFile.model_validate(data).units)
    return n


def main() -> None:
    articles = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        kb = build(Path(tmp) / "kb", articles)
        rows = [("YAML + pydantic (bare)", *timed(lambda: bare_yaml(kb)))]
        (kb.state_dir / FILE).unlink(missing_ok=True)
        rows.append(("all_units, cold (fills the cache)", *timed(lambda: sum(1 for _ in all_units(kb)))))
        rows.append(("all_units, warm", *timed(lambda: sum(1 for _ in all_units(kb)))))
        rng = random.Random(5)
        for article in rng.sample(list(Corpus(kb).articles()), 10):
            save_units(kb, article.slug, synthetic_units(article, rng))
        rows.append(("all_units, 10 articles changed", *timed(lambda: sum(1 for _ in all_units(kb)))))
    print(f"{articles} articles\n")
    print(f"{'read':36} {'seconds':>8} {'units':>8} {'µs/unit':>8}")
    for name, seconds, n in rows:
        print(f"{name:36} {seconds:8.2f} {n:8d} {1e6 * seconds / max(n, 1):8.1f}")


if __name__ == "__main__":
    main()
