"""`agora export --format sqlite` speed and size on a generated knowledge base, against the
bare sqlite-utils insert of the same rows in the same run.
Usage: python bench/export_speed.py [ARTICLES...]   (default 1000)"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from _corpus import build
from _shared import table

from indexer.publish.context import SiteContext
from indexer.publish.database import write_database


def measure(n: int) -> tuple:
    import sqlite_utils

    with tempfile.TemporaryDirectory() as tmp:
        kb = build(Path(tmp) / "kb", n)
        started = time.perf_counter()
        ctx = SiteContext.load(kb)
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        counts = write_database(ctx, Path(tmp) / "kb.db")
        written = time.perf_counter() - started
        size = (Path(tmp) / "kb.db").stat().st_size
        rows = [{"id": u.id, "article": u.article, "kind": u.kind, "text": u.plain_text, "speaker": u.speaker}
                for u in ctx.units]
        started = time.perf_counter()
        bare = sqlite_utils.Database(Path(tmp) / "bare.db")
        bare["units"].insert_all(rows, pk="id", batch_size=2000)
        bare_s = time.perf_counter() - started
    return (n, counts["units"], f"{loaded:.1f}", f"{written:.1f}", f"{bare_s:.2f}", f"{size / 1e6:.1f}")


def main() -> None:
    sizes = [int(s) for s in sys.argv[1:]] or [1000]
    rows = [measure(n) for n in sizes]
    print(table(rows, ("articles", "units", "load corpus s", "export s", "bare units insert s", "database MB")))
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


if __name__ == "__main__":
    main()
