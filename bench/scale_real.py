"""Scale on real news (#21, item 5): `agora add`, `index` and `publish` as a user runs them, over
the Gender Gap Tracker's 98 articles and scrapinghub's 181 gold article bodies, repeated to
the size asked (a repeat is a later edition: the same text with one line added), each step
against its bare component in the same run, the peak memory of each command, and the growth
exponent from the half-size run.

    python bench/scale_real.py            # 500 and 1,000 articles
    python bench/scale_real.py 250 500    # a quicker pair
    python bench/scale_real.py --report   # the last run's table again (bench/out/scale_real.json)

`agora add` ingests, extracts and indexes; the `agora index` after it has only the cross-article
pass left. Bare components: spaCy `nlp.pipe` over the stored bodies on as many processes as `agora add`
uses; MiniLM encoding of each distinct unit text once (what any pipeline that skips repeats
must do) and a bare Chroma upsert of those vectors; `mkdocs build` of the pages `agora publish`
wrote. The editions share most sentences, so the index's embedding cache answers a repeat
from memory, as it does for syndicated copies in a real newsroom.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import DATA, ROOT, require, table

sys.path.insert(0, str(ROOT))

AGORA = [sys.executable, "-m", "indexer"]
NEW_ARTICLES = 10


def real_articles() -> list[tuple[str, str]]:
    """(title, body) of every real article: GGT's texts and scrapinghub's gold bodies."""
    out = []
    ggt = require(DATA / "quotes" / "ggt" / "ggt_quotes_gold.derived.jsonl")
    for line in ggt.open(encoding="utf-8"):
        row = json.loads(line)
        out.append((row["url"].rstrip("/").rsplit("/", 1)[-1].replace("-", " ")[:80], row["text"]))
    gold = json.loads(require(DATA / "html" / "scrapinghub" / "ground-truth.json").read_text())
    for row in gold.values():
        body = row["articleBody"].strip()
        out.append((body.split(".", 1)[0][:80], body))
    return [(t.strip() or "Untitled", b) for t, b in out if len(b.split()) >= 80]


def write_editions(folder: Path, pool: list[tuple[str, str]], start: int, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + count):
        title, body = pool[i % len(pool)]
        edition = i // len(pool)
        if edition:
            title, body = f"{title} (edition {edition + 1})", f"{body}\n\nUpdated in edition {edition + 1}."
        (folder / f"a{i:05d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def run(args: list[str], cwd: Path, keep_output: bool = False) -> tuple:
    """Seconds and peak RSS (MB, the largest process of the command) of one CLI command (and
    with keep_output, what it printed)."""
    rss = cwd / ".rss"
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-q", "-f", "%M", "-o", str(rss), *args], cwd=cwd,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"{' '.join(args[2:])} failed: {result.stderr.strip().splitlines()[-1:]}")
    peak = int(rss.read_text().split()[-1]) // 1024
    return (seconds, peak, result.stdout) if keep_output else (seconds, peak)


def bare(kb_root: Path, workers: int) -> dict[str, float]:
    """The bare components on the same input, timed in this process."""
    import numpy as np

    from indexer.encoders import load_embedder
    from indexer.extract import BATCH_SIZE
    from indexer.extract.pipeline import load_nlp
    from indexer.index.rows import wanted_rows
    from indexer.index.store import open_store
    from indexer.model.articles import Corpus
    from indexer.model.kb import KnowledgeBase

    kb = KnowledgeBase.open(kb_root)
    bodies = [a.body for a in Corpus(kb).articles()]
    nlp = load_nlp(kb.settings.spacy_model)
    started = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=BATCH_SIZE, n_process=workers):
        pass
    spacy_s = time.perf_counter() - started
    rows = wanted_rows(kb)
    texts = sorted({r["text"] for r in rows.values()})
    embedder = load_embedder(kb.settings.embedding_model, kb.settings.embedding_backend)
    started = time.perf_counter()
    vectors = embedder.encode(texts)
    embed_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(KnowledgeBase.init(Path(tmp) / "bare"), embedder.name, embedder.dim)
        started = time.perf_counter()
        for i in range(0, len(texts), 1000):
            store.upsert([f"u{j}" for j in range(i, min(i + 1000, len(texts)))], list(np.asarray(vectors[i:i + 1000])),
                         [{"k": 1}] * len(vectors[i:i + 1000]))
        upsert_s = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f",
                        str(kb_root / "mkdocs.yml"), "--site-dir", str(Path(tmp) / "site")],
                       cwd=kb_root, check=True, capture_output=True)
        mkdocs_s = time.perf_counter() - started
    return {"spacy": spacy_s, "embed": embed_s, "upsert": upsert_s, "mkdocs": mkdocs_s,
            "bodies": len(bodies), "units": len(rows), "distinct": len(texts),
            "words": sum(len(b.split()) for b in bodies)}


def measure(n: int, pool: list[tuple[str, str]]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        root, kb_root = Path(tmp), Path(tmp) / "kb"
        write_editions(root / "in", pool, 0, n)
        write_editions(root / "more", pool, n, NEW_ARTICLES)
        subprocess.run([*AGORA, "init", str(kb_root)], check=True, capture_output=True)
        steps = {"add": run([*AGORA, "add", str(root / "in")], kb_root),
                 "index": run([*AGORA, "index"], kb_root),
                 "publish": run([*AGORA, "publish"], kb_root)}
        components = bare(kb_root, workers=min(2, os.cpu_count() or 1))
        later = [run([*AGORA, "add", str(root / "more")], kb_root), run([*AGORA, "index"], kb_root),
                 run([*AGORA, "publish"], kb_root)]
        steps["add 10 more"], steps["index 10 more"], steps["publish 10 more"] = later
        site = sum(f.stat().st_size for f in (kb_root / "site").rglob("*") if f.is_file())
        search = (kb_root / "site" / "search" / "search_index.json").stat().st_size
        pages = sum(1 for _ in (kb_root / "site").rglob("index.html"))
    return {"n": n, "steps": steps, "bare": components, "site_mb": site / 1e6, "search_mb": search / 1e6,
            "pages": pages}


def growth(small: dict, large: dict, step: str) -> str:
    a, b = small["steps"][step][0], large["steps"][step][0]
    return f"n^{math.log(b / a) / math.log(large['n'] / small['n']):.2f}"


def report(results: list[dict]) -> None:
    rows = []
    for r in results:
        s, b = r["steps"], r["bare"]
        # `agora add` ingests, extracts (spaCy, then Agora's argument and stance models) and indexes
        # (embedding, upsert, cross-article pass); the `agora index` after it has only the last to do
        pairs = [("agora add", "add", b["spacy"] + b["embed"] + b["upsert"], "nlp.pipe + encode + upsert"),
                 ("agora index", "index", None, ""), ("agora publish", "publish", b["mkdocs"], "mkdocs build"),
                 ("add 10 more", "add 10 more", None, ""), ("index 10 more", "index 10 more", None, ""),
                 ("publish 10 more", "publish 10 more", None, "")]
        for label, step, bare_s, what in pairs:
            seconds, rss = s[step]
            if bare_s:
                ratio = f"{seconds / bare_s:.2f}x {what}"
            elif step == "index":
                ratio = "cross-article pass only"
            else:
                ratio = f"{seconds / s[step.split()[0]][0]:.0%} of full"
            rows.append((f"{r['n']:,}", label, f"{seconds:.1f}", ratio, f"{rss:,}"))
    print(table(rows, ("articles", "step", "seconds", "against the bare components", "peak MB")))
    for r in results:
        b = r["bare"]
        print(f"{r['n']:,} articles: {b['words']:,} words, {b['units']:,} units ({b['distinct']:,} distinct texts), "
              f"{r['pages']:,} pages, site {r['site_mb']:.0f} MB, search index {r['search_mb']:.1f} MB; bare: "
              f"nlp.pipe {b['spacy']:.1f} s, encode {b['embed']:.1f} s, upsert {b['upsert']:.1f} s, "
              f"mkdocs {b['mkdocs']:.1f} s")
    if len(results) > 1:
        print("growth from the smaller run: " + ", ".join(
            f"{step} {growth(results[0], results[-1], step)}" for step in ("add", "index", "publish")))


def main() -> None:
    out = ROOT / "bench" / "out"
    if sys.argv[1:] == ["--report"]:  # the last run's table again
        return report(json.loads((out / "scale_real.json").read_text()))
    sizes = [int(s) for s in sys.argv[1:]] or [500, 1000]
    pool = real_articles()
    out.mkdir(exist_ok=True)
    results = []
    for n in sorted(sizes):  # each size reported as it ends: the larger run takes the better part of an hour
        results.append(measure(n, pool))
        report(results)
        (out / "scale_real.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
