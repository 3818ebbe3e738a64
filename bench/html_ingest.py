"""HTML ingestion quality on real pages: body-text token P/R/F1 and metadata accuracy.

Runs Agora's own ingestion (decode -> trafilatura -> furniture removal) over
../shared/data/html/scrapinghub (gold articleBody) and ../shared/data/html/readability
(gold expected.html and expected-metadata.json).
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys

from _shared import DATA, prf, require, table

from indexer.errors import InputError
from indexer.ingest.add import _parse, parse_bytes
from indexer.textnorm import is_boilerplate, normalize_text

DROPPED = {}  # set -> furniture lines removed from trafilatura's text


def ingest(data: bytes, label: str, collection: str = ""):
    try:
        raw = _parse(data, label, "html", "")
        DROPPED[collection] = DROPPED.get(collection, 0) + sum(
            is_boilerplate(line) for line in normalize_text(raw.text).split("\n"))
        return parse_bytes(data, label, "html")
    except InputError:
        return None


def scrapinghub() -> dict:
    root = require(DATA / "html" / "scrapinghub")
    gold = json.loads((root / "ground-truth.json").read_text())
    scores, failed = [], 0
    for sha, item in gold.items():
        draft = ingest(gzip.decompress((root / "html" / f"{sha}.html.gz").read_bytes()), sha, "scrapinghub")
        failed += draft is None
        scores.append(prf(draft.text if draft else "", item["articleBody"]))
    return _summary("scrapinghub", scores, failed)


def readability() -> tuple[dict, dict]:
    root = require(DATA / "html" / "readability" / "test-pages")
    from lxml import html as lxml_html

    scores, failed, meta = [], 0, {"title": [], "byline": [], "date": []}
    for case in sorted(p for p in root.iterdir() if p.is_dir()):
        draft = ingest((case / "source.html").read_bytes(), case.name, "readability")
        failed += draft is None
        gold_text = lxml_html.fromstring((case / "expected.html").read_bytes()).text_content()
        scores.append(prf(draft.text if draft else "", gold_text))
        expected = json.loads((case / "expected-metadata.json").read_text())
        _score_metadata(draft, expected, meta)
    accuracy = {k: (f"{100 * sum(v) / len(v):.1f}% of {len(v)}" if v else "n/a") for k, v in meta.items()}
    return _summary("readability", scores, failed), accuracy


def _score_metadata(draft, expected: dict, meta: dict) -> None:
    fold = lambda s: re.sub(r"\W+", " ", s or "").strip().lower()  # noqa: E731
    if expected.get("title"):
        got = fold(draft.title if draft else "")
        want = fold(expected["title"])
        meta["title"].append(bool(got) and (got == want or got in want or want in got))
    if expected.get("byline"):
        got = fold(" ".join(draft.authors) if draft else "")
        want = fold(expected["byline"])
        meta["byline"].append(bool(got) and (got in want or want in got))
    if expected.get("publishedTime"):
        got = draft.published.isoformat() if draft and draft.published else ""
        meta["date"].append(got == expected["publishedTime"][:10])


def _summary(name: str, scores: list, failed: int) -> dict:
    p, r, f = (statistics.mean(s[i] for s in scores) for i in range(3))
    return {"set": name, "pages": len(scores), "failed": failed,
            "precision": f"{p:.3f}", "recall": f"{r:.3f}", "f1": f"{f:.3f}",
            "furniture lines dropped": DROPPED.get(name, 0)}


def main() -> None:
    rows = [scrapinghub()]
    read, meta = readability()
    rows.append(read)
    print(table([tuple(r.values()) for r in rows], tuple(rows[0])))
    print()
    print(table([(k, v) for k, v in meta.items()], ("readability metadata", "accuracy")))
    target = float(rows[0]["f1"])
    print(f"\nscrapinghub body F1 {target:.3f} (target >= 0.90): {'met' if target >= 0.90 else 'MISSED'}")
    sys.exit(0)


if __name__ == "__main__":
    main()
