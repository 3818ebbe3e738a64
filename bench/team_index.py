"""The team setup's vector index: 20,000 units of real text into a local `chroma run` server
against the embedded store, with the bare embedding of the same texts in the same run.

Texts: ArguAna passages, ArgKP arguments and sentences of the GGT news articles (real
argument and news text), up to N (default 20,000). Each store gets the same vectors in
Agora's upsert batches; then 200 queries each. Usage: python bench/team_index.py [N]
"""

from __future__ import annotations

import csv
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import DATA, ROOT, require, table

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000


def real_texts(limit: int) -> list[str]:
    texts: list[str] = []
    arguana = require(DATA / "retrieval" / "arguana" / "beir-style-derived" / "corpus.jsonl")
    texts += [json.loads(line)["text"] for line in arguana.read_text(encoding="utf-8").splitlines()]
    with (DATA / "arguments" / "ibm-argkp" / "ArgKP-2021_dev.derived.csv").open(encoding="utf-8") as fh:
        texts += [row["argument"] for row in csv.DictReader(fh)]
    for line in (DATA / "quotes" / "ggt" / "ggt_quotes_gold.derived.jsonl").read_text(encoding="utf-8").splitlines():
        body = json.loads(line).get("text", "")
        texts += [s for s in re.split(r"(?<=[.!?])\s+", body) if len(s.split()) >= 6]
    return list(dict.fromkeys(t.strip() for t in texts if t.strip()))[:limit]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "chroma"), "run", "--path", str(path), "--host",
                             "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("chroma run did not start")


def fill(kb_root: Path, url: str, vectors, dim: int, model: str) -> tuple[float, float]:
    """(seconds to upsert every vector, median query ms) into the store `url` names (embedded if empty)."""
    import numpy as np

    from indexer.index.chroma import UPSERT_BATCH, ChromaStore
    from indexer.model.kb import KnowledgeBase

    os.environ["AGORA_CHROMA_URL"] = url
    kb = KnowledgeBase.init(kb_root)
    store = ChromaStore(kb, model, dim)
    ids = [f"u{i}" for i in range(len(vectors))]
    started = time.perf_counter()
    for i in range(0, len(ids), UPSERT_BATCH):
        store.upsert(ids[i:i + UPSERT_BATCH], vectors[i:i + UPSERT_BATCH],
                     [{"kind": "claim"} for _ in ids[i:i + UPSERT_BATCH]])
    upsert = time.perf_counter() - started
    times = []
    for v in vectors[:: max(1, len(vectors) // 200)][:200]:
        t = time.perf_counter()
        store.query(np.asarray(v), 10)
        times.append((time.perf_counter() - t) * 1000)
    return upsert, sorted(times)[len(times) // 2]


def main() -> None:
    from indexer.encoders import load_embedder

    texts = real_texts(N)
    embedder = load_embedder()
    embedder.encode(texts[:64])  # warm
    started = time.perf_counter()
    vectors = embedder.encode(texts)
    embed = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        embedded = fill(Path(tmp) / "embedded", "", vectors, embedder.dim, embedder.name)
        proc, url = start_server(Path(tmp) / "server")
        try:
            served = fill(Path(tmp) / "client", url, vectors, embedder.dim, embedder.name)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    rows = [("bare embedding (ONNX MiniLM)", f"{embed:.1f}", f"{len(texts) / embed:.0f}", "", "")]
    for name, (upsert, query) in (("embedded store", embedded), ("chroma run on 127.0.0.1", served)):
        rows.append((name, f"{upsert:.1f}", f"{len(texts) / upsert:.0f}", f"{query:.1f}",
                     f"{(embed + upsert) / embed:.2f}x"))
    print(f"{len(texts)} real texts, {sum(len(t.split()) for t in texts)} words")
    print(table(rows, ("step", "seconds", "per second", "query p50 ms", "embed + store vs embed")))


if __name__ == "__main__":
    main()
