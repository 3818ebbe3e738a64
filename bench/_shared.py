"""Helpers shared by the benchmarks: where ../shared/data is, and token-level scores."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def require(path: Path) -> Path:
    """Exit 0 with a message when the shared evaluation data is absent."""
    if not path.exists():
        print(f"skipped: {path} is absent (the evaluation data lives in ../shared/data)")
        sys.exit(0)
    return path


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def prf(predicted: str, gold: str) -> tuple[float, float, float]:
    """Token-bag precision, recall and F1 (as scrapinghub's article-extraction benchmark)."""
    p, g = Counter(tokens(predicted)), Counter(tokens(gold))
    common = sum((p & g).values())
    precision = common / max(sum(p.values()), 1)
    recall = common / max(sum(g.values()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def table(rows: list[tuple], headers: tuple[str, ...]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([line.format(*headers), line.format(*["-" * w for w in widths])]
                     + [line.format(*map(str, r)) for r in rows])
