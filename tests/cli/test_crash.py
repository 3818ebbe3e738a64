"""kill -9 at random moments: acknowledged articles survive intact, nothing half-written stays,
and `agora doctor --repair` brings the index and site back in line."""

from __future__ import annotations

import json
import os
import random

import pytest
from reliability_helpers import ACK_RE, generate_articles, run_and_kill

from indexer.model.articles import Corpus, text_sha256
from indexer.model.kb import KnowledgeBase

RUNS = int(os.environ.get("AGORA_CRASH_RUNS", "4"))


def _intact(kb: KnowledgeBase) -> int:
    articles = list(Corpus(kb).articles())  # raises on any unreadable file
    assert all(text_sha256(a.body) == a.sha256 for a in articles)
    return len(articles)


@pytest.mark.slow
def test_kill_during_add_of_a_200_article_batch(tmp_path):
    rng = random.Random(3)
    kb = KnowledgeBase.init(tmp_path / "kb")
    survived = 0
    for run in range(RUNS):
        folder = tmp_path / f"batch-{run}"
        generate_articles(folder, 200, seed=run)
        _, err = run_and_kill(["add", str(folder), "--no-extract"], kb.root, rng.uniform(0.4, 1.2))
        acked = {m.group("slug") for m in ACK_RE.finditer(err)}
        present = set(Corpus(kb).slugs())
        assert acked <= present, acked - present
        _intact(kb)
        survived += len(acked)
    leftovers = list(kb.corpus_dir.rglob(".*.tmp"))
    from indexer.atomic import remove_stale_temps

    remove_stale_temps(kb.corpus_dir)
    assert not list(kb.corpus_dir.rglob(".*.tmp"))
    print(f"{RUNS} kills during add: {survived} acknowledged articles all intact; {len(leftovers)} temp files cleaned")


@pytest.mark.slow
def test_kill_during_extract_index_publish_then_repair(tmp_path, agora):
    folder = tmp_path / "batch"
    generate_articles(folder, 40)
    kb = KnowledgeBase.init(tmp_path / "kb")
    assert agora("add", str(folder), "--no-extract", "--quiet", kb=kb).returncode == 0
    rng = random.Random(5)
    for command in (["extract", "--all", "--quiet"], ["index"], ["publish"]):
        for _ in range(max(1, RUNS // 2)):
            run_and_kill(command, kb.root, rng.uniform(1.5, 5.0))
            assert _intact(kb) == 40
    agora("extract", "--all", "--quiet", kb=kb)
    repaired = agora("doctor", "--repair", "--json", kb=kb)
    report = json.loads(repaired.stdout)
    assert report["healthy"], report
    assert agora("publish", kb=kb).returncode == 0
