"""Issue discovery on the sample corpus: are the three curated issues found without them?

The repository's own articles and units are copied into a throwaway knowledge base without
corpus/issues/, indexed with the real MiniLM, and each curated issue is compared with the
proposal that overlaps it most (Jaccard over articles: the proposal's own group, and after
assignment by its question) and its drafted question with the analyst's (cosine of their
MiniLM vectors; the question of another group of the same articles scores about 0.3-0.4).
The drafted titles and questions are printed for reading.

With --headlines, the headlines of mozilla/readability's real pages (../shared/data/html) are
drafted one by one, as a proposal's headline candidates are (truecased with their body; those
in another language left out, as `draft` does): how many give a question, and which, to read.

    python bench/discovery_eval.py [--headlines]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from _shared import DATA, ROOT, require, table

sys.path.insert(0, str(ROOT))


def recovered(kb_root: Path) -> tuple[list[tuple], list]:
    from indexer.index.index import sync_index
    from indexer.index.results import load
    from indexer.model.issues import issue_files, load_proposals
    from indexer.model.kb import KnowledgeBase

    curated = issue_files(KnowledgeBase(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase.init(Path(tmp) / "kb")
        for folder in ("articles", "units"):
            shutil.rmtree(kb.root / "corpus" / folder)
            shutil.copytree(kb_root / "corpus" / folder, kb.root / "corpus" / folder)
        sync_index(kb)
        proposals, cross = load_proposals(kb), load(kb)
    from indexer.encoders import load_embedder

    embedder = load_embedder()
    rows = []
    for issue in curated:
        gold = set(issue.articles)
        best = max(proposals, key=lambda p: jaccard(gold, set(p.articles)), default=None)
        if best is None:
            rows.append((issue.slug, len(gold), "-", "0.00", "0.00", "-"))
            continue
        assigned = set(cross.issues[best.slug].articles) if best.slug in cross.issues else set(best.articles)
        drafted, asked = embedder.encode([best.question, issue.question])
        rows.append((issue.slug, len(gold), best.slug, f"{jaccard(gold, set(best.articles)):.2f}",
                     f"{jaccard(gold, assigned):.2f}", f"{float(drafted @ asked):.2f}"))
    return rows, proposals


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b)


def headlines() -> None:
    import html
    import json
    import re

    from indexer.index.discovery import questions_from
    from indexer.ingest.language import detect_language
    from indexer.model.kb import KnowledgeBase
    from indexer.textnorm import truecase

    pages = sorted(require(DATA / "html" / "readability" / "test-pages").glob("*/expected-metadata.json"))
    heads = []
    for meta in pages:
        title = json.loads(meta.read_text(encoding="utf-8")).get("title") or ""
        body = html.unescape(re.sub(r"<[^>]+>", " ", (meta.parent / "expected.html").read_text(encoding="utf-8")))
        if title and detect_language(body).startswith("en"):
            heads.append(truecase(title, body))
    with tempfile.TemporaryDirectory() as tmp:
        drafted = [q for q in questions_from(KnowledgeBase.init(Path(tmp) / "kb"), heads) if q]
    print(f"{len(pages)} pages, {len(heads)} English headlines, {len(drafted)} questions drafted:")
    for q in drafted:
        print(f"- {q}")


def main() -> None:
    if "--headlines" in sys.argv:
        headlines()
        return
    rows, proposals = recovered(ROOT)
    print(table(rows, ("curated issue", "articles", "best proposal", "Jaccard (group)", "Jaccard (assigned)",
                       "question cosine")))
    print(f"\n{len(proposals)} proposals:")
    for p in proposals:
        print(f"- {p.title} ({len(p.articles)} articles): {p.question}")


if __name__ == "__main__":
    main()
