"""The site at 10,000 articles (#21, item 2): `agora publish` in full and after 10 new articles,
against a bare `mkdocs build` of the same pages, with the peak memory, the site's size and the
browser search index's size.

The knowledge base is made from real text: the 274 real articles of `scale_real.py` (GGT and
scrapinghub's gold bodies) go through `agora add` once, and are then repeated as later editions
(a new slug, id and title; the same body and the units extraction found in it) up to the size
asked; `agora index` then runs its cross-article pass over all of them. Extracting 10,000
articles would take hours and tell nothing new about publishing.

    python bench/site_scale.py 10000              # builds the knowledge base in a temporary folder
    python bench/site_scale.py 10000 --kb DIR     # keeps it in DIR (made if absent) for another run
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from _shared import DATA, ROOT, require, table
from scale_real import AGORA, real_articles, run, write_editions

sys.path.insert(0, str(ROOT))

NEW_ARTICLES = 10
# Real news pages that none of the knowledge base's articles repeat (they come from GGT and
# scrapinghub): the new articles of the incremental step, added as a user adds them.
NEW_PAGES = [("bbc-1", "cnn", "guardian-1", "nytimes-1", "nytimes-2", "aclu", "breitbart", "salon-1",
              "seattletimes-1", "nytimes-3"),
             ("nytimes-4", "nytimes-5", "medicalnewstoday", "msn", "herald-sun-1", "citylab-1", "buzzfeed-1",
              "engadget", "ars-1", "lemonde-1")]


def editions(kb_root: Path, n: int, tag: str = "e") -> list[str]:
    """Repeat the extracted articles as editions until there are n; the new slugs."""
    from indexer.model.articles import Corpus
    from indexer.model.kb import KnowledgeBase
    from indexer.model.units import load_units, save_units

    kb = KnowledgeBase.open(kb_root)
    corpus = Corpus(kb)
    base = sorted(s for s in corpus.slugs() if f"-{tag}" not in s)
    have, made = len(list(corpus.slugs())), []
    for i in range(have, n):
        slug, number = base[i % len(base)], i // len(base) + 1
        article, units = corpus.get(slug), load_units(kb, slug)
        new_id = hashlib.sha256(f"{article.id}{tag}{number}".encode()).hexdigest()[:12]
        new = replace(article, slug=f"{slug}-{tag}{number}", id=new_id, title=f"{article.title} ({tag}{number})",
                      published=article.published + timedelta(days=number) if article.published else None)
        corpus.save(new)
        save_units(kb, new.slug, [u.model_copy(update={"id": new_id + u.id[len(article.id):], "article": new.slug})
                                  for u in units])
        made.append(new.slug)
    return made


def knowledge_base(root: Path, n: int) -> None:
    """root holds a knowledge base of n articles, indexed (made if absent)."""
    if (root / "corpus").is_dir() and (root / ".agora" / "crossref.jsonl").exists():
        return
    with tempfile.TemporaryDirectory() as tmp:
        write_editions(Path(tmp) / "in", real_articles(), 0, len(real_articles()))
        subprocess.run([*AGORA, "init", str(root)], check=True, capture_output=True)
        print(f"agora add {len(real_articles())} real articles: {run([*AGORA, 'add', str(Path(tmp) / 'in')], root)}",
              flush=True)
    editions(root, n)
    print(f"agora index of {n:,} articles: {run([*AGORA, 'index'], root)}", flush=True)


def bare_mkdocs(root: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(root / "mkdocs.yml"),
                        "--site-dir", str(Path(tmp) / "site")], cwd=root, check=True, capture_output=True)
        return time.perf_counter() - started


def measure(root: Path, n: int) -> list[tuple]:
    knowledge_base(root, n)
    for folder in (root / "site", root / "docs"):
        shutil.rmtree(folder, ignore_errors=True)
    (root / ".agora" / "page-bases.json").unlink(missing_ok=True)
    full = run([*AGORA, "publish", "--full"], root)
    mkdocs = bare_mkdocs(root)
    site = root / "site"
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    search = (site / "search" / "search_index.json").stat().st_size
    pages = sum(1 for _ in site.rglob("index.html"))
    rows = [(f"{n:,}", "agora publish --full", f"{full[0]:.1f}", f"{full[0] / mkdocs:.2f}x mkdocs build "
             f"({mkdocs:.1f} s)", f"{full[1]:,}")]
    print(f"{n:,} articles: {pages:,} pages, site {size / 1e6:.0f} MB, search index {search / 1e6:.2f} MB")
    for names in NEW_PAGES:
        rows += incremental(root, n, names)
    return rows


def incremental(root: Path, n: int, names: tuple[str, ...]) -> list[tuple]:
    """agora add of real news pages never seen, agora index, then the timed agora publish."""
    pages = require(DATA / "html" / "readability" / "test-pages")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            shutil.copy(pages / name / "source.html", Path(tmp) / f"{name}.html")
        add = run([*AGORA, "add", tmp, "--quiet"], root)
    index = run([*AGORA, "index"], root)
    again = run([*AGORA, "publish", "--json"], root, keep_output=True)
    written = json.loads(again[2])["written"]
    return [(f"{n:,}", f"agora add, {len(names)} new", f"{add[0]:.1f}", "", f"{add[1]:,}"),
            (f"{n:,}", "agora index after them", f"{index[0]:.1f}", "", f"{index[1]:,}"),
            (f"{n:,}", "agora publish after them", f"{again[0]:.1f}", f"{written:,} pages written",
             f"{again[1]:,}")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("articles", type=int, nargs="?", default=10000)
    parser.add_argument("--kb", type=Path, help="keep the knowledge base here")
    args = parser.parse_args()
    if args.kb:
        rows = measure(args.kb.resolve(), args.articles)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            rows = measure(Path(tmp) / "kb", args.articles)
    print(table(rows, ("articles", "step", "seconds", "against", "peak MB")))


if __name__ == "__main__":
    main()
