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


@pytest.mark.slow
def test_acknowledged_but_unextracted_articles_are_finished_by_the_next_run(tmp_path, agora):
    kb = KnowledgeBase.init(tmp_path / "kb")
    generate_articles(tmp_path / "in", 12, seed=5)
    # the state a kill between writing the articles and extracting them leaves
    assert agora("add", str(tmp_path / "in"), "--no-extract", "--quiet", kb=kb).returncode == 0
    doctor = json.loads(agora("doctor", "--json", kb=kb).stdout)
    assert sum("not yet extracted" in p for p in doctor["problems"]) == 12
    again = agora("add", str(tmp_path / "in"), "--quiet", kb=kb)
    assert again.returncode == 0 and "0 added, 12 unchanged" in again.stderr.decode()
    assert len(list(kb.units_dir.glob("*.yml"))) == 12
    for path in list(kb.units_dir.glob("*.yml"))[:5]:
        path.unlink()
    repaired = agora("doctor", "--repair", "--json", kb=kb, env={"AGORA_EMBEDDING_MODEL": "fake"})
    assert json.loads(repaired.stdout)["healthy"], repaired.stdout
    assert len(list(kb.units_dir.glob("*.yml"))) == 12


def test_an_unreadable_corpus_file_stops_index_and_publish_and_nothing_derived_is_lost(tmp_path, agora):
    kb = KnowledgeBase.init(tmp_path / "kb")
    fake = {"AGORA_EMBEDDING_MODEL": "fake"}
    generate_articles(tmp_path / "in", 3, seed=7)
    assert agora("add", str(tmp_path / "in"), "--quiet", kb=kb, env=fake).returncode == 0
    assert agora("index", kb=kb, env=fake).returncode == 0
    written = json.loads(agora("publish", "--no-build", "--json", kb=kb).stdout)
    pages = sorted(p.name for p in (kb.docs_dir / "articles").glob("*.md"))
    assert written["built"] is False and written["written"] == len(written["written_pages"])
    assert {f"articles/{p.removesuffix('.md')}/" for p in pages if p != "index.md"} <= set(written["written_pages"])
    broken = next(kb.units_dir.glob("*.yml"))
    broken.write_text(broken.read_text().replace("units:", "units: [unclosed", 1))
    index = agora("index", kb=kb, env=fake)
    assert index.returncode == 1 and broken.name in index.stderr.decode() and "removed" not in index.stderr.decode()
    publish = agora("publish", "--no-build", kb=kb)
    assert publish.returncode == 1 and broken.name in publish.stderr.decode()
    assert sorted(p.name for p in (kb.docs_dir / "articles").glob("*.md")) == pages
    report = json.loads(agora("doctor", "--json", kb=kb, env=fake).stdout)
    assert report["problems"]  # reported, not repaired away
    assert any("not built yet" in note for note in report["notes"])  # the pages `--no-build` wrote


def _site_complete(kb: KnowledgeBase) -> bool:
    index = kb.site_dir / "search" / "search_index.json"
    if not index.exists():
        return False
    located = {d["location"].split("#")[0] for d in json.loads(index.read_text())["docs"]}
    return all((kb.site_dir / "articles" / s / "index.html").exists() and f"articles/{s}/" in located
               for s in Corpus(kb).slugs())


@pytest.mark.slow
def test_a_killed_publish_leaves_the_previous_site_and_the_next_one_completes_it(tmp_path, agora):
    kb = KnowledgeBase.init(tmp_path / "kb")
    generate_articles(tmp_path / "a", 20, seed=11)
    assert agora("add", str(tmp_path / "a"), "--quiet", "--no-index", kb=kb).returncode == 0
    assert agora("publish", kb=kb).returncode == 0 and _site_complete(kb)
    generate_articles(tmp_path / "b", 20, seed=12)
    assert agora("add", str(tmp_path / "b"), "--quiet", "--no-index", kb=kb).returncode == 0
    rng = random.Random(13)
    for _ in range(max(2, RUNS // 2)):
        run_and_kill(["publish"], kb.root, rng.uniform(0.5, 3.0))
        assert (kb.site_dir / "index.html").exists() and (kb.site_dir / "search" / "search_index.json").exists()
    doctor = json.loads(agora("doctor", "--json", kb=kb, env={"AGORA_EMBEDDING_MODEL": "fake"}).stdout)
    assert any(p.startswith("site:") for p in doctor["problems"]) or _site_complete(kb)
    assert agora("publish", kb=kb).returncode == 0 and _site_complete(kb)


def _healthy(kb: KnowledgeBase, agora, acked: set[str]) -> list[str]:
    """What is wrong after the re-run: acknowledged articles missing or unextracted, doctor's findings."""
    env = {"AGORA_EMBEDDING_MODEL": "fake"}
    wrong = [f"acknowledged {s} missing" for s in sorted(acked - set(Corpus(kb).slugs()))]
    wrong += [f"{s} not extracted" for s in sorted(acked) if not (kb.units_dir / f"{s}.yml").exists()]
    doctor = agora("doctor", "--json", kb=kb, env=env)
    wrong += json.loads(doctor.stdout or '{"problems": ["doctor printed nothing"]}')["problems"]
    return wrong


@pytest.mark.slow
def test_random_kills_of_every_writer_always_heal(tmp_path, agora):
    """kill -9 add, extract, index, publish, unit edit and import at random moments; after the
    killed command is run again (then index and publish, as a user would), all is well."""
    rng = random.Random(int(os.environ.get("AGORA_CRASH_SEED", "17")))
    env = {"AGORA_EMBEDDING_MODEL": "fake"}
    kb = KnowledgeBase.init(tmp_path / "kb")
    generate_articles(tmp_path / "seed", 8, seed=99)
    assert agora("add", str(tmp_path / "seed"), "--quiet", kb=kb, env=env).returncode == 0
    assert agora("publish", kb=kb).returncode == 0
    acked, unhealed, kills = set(Corpus(kb).slugs()), [], 0
    for run in range(RUNS * 2):
        command = _random_command(rng, kb, tmp_path, run)
        code, err = run_and_kill(command, kb.root, rng.uniform(0.2, 2.5), env=env)
        kills += code == -9
        acked |= {m.group("slug") for m in ACK_RE.finditer(err)}
        again = agora(*command, kb=kb, env=env)
        acked |= {m.group("slug") for m in ACK_RE.finditer(again.stderr.decode())}
        agora("index", kb=kb, env=env)
        agora("publish", kb=kb)
        wrong = _healthy(kb, agora, acked)
        if wrong or not _site_complete(kb):
            unhealed.append((command[0], wrong[:3]))
    print(f"random kills: {kills} killed of {RUNS * 2} runs, {len(unhealed)} unhealed states, "
          f"{len(acked)} acknowledged articles")
    assert not unhealed, unhealed


def _random_command(rng: random.Random, kb: KnowledgeBase, tmp_path, run: int) -> list[str]:
    from indexer.model.units import all_units

    kind = rng.choice(["add", "add", "extract", "index", "publish", "edit", "import"])
    if kind == "add":
        folder = tmp_path / f"batch-{run}"
        generate_articles(folder, rng.randint(3, 12), seed=1000 + run)
        return ["add", str(folder)]
    if kind == "extract":
        return ["extract", "--all", "--quiet"]
    if kind in ("index", "publish"):
        return [kind]
    units = list(all_units(kb, errors=[]))
    if kind == "edit" and units:
        return ["unit", "edit", rng.choice(units).id, "--stance", rng.choice(["for", "against"]), "--by", "Bot"]
    export = tmp_path / f"export-{run}.jsonl"
    export.write_text("".join(json.dumps({**u.model_dump(), "status": "accepted"}) + "\n" for u in units[:20]))
    return ["import", str(export)]
