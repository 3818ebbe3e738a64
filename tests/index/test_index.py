"""Indexing and search: fast tests on a fake embedder, then the real MiniLM, embedded and server Chroma."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import EXAMPLES, FIXTURES, ROOT, serve_process

from indexer import Agora
from indexer.encoders import FakeEmbedder
from indexer.index.doctor import diagnose, repair
from indexer.index.index import Index, sync_index
from indexer.index.search import Filters, rrf
from indexer.model.kb import KnowledgeBase


@pytest.fixture(scope="module")
def demo_kb(tmp_path_factory):
    kb = KnowledgeBase.init(tmp_path_factory.mktemp("search") / "kb")
    Agora(kb).add([str(EXAMPLES), str(FIXTURES / "seed_paraphrase.txt")])
    return kb


@pytest.fixture
def fake_kb(demo_kb, tmp_path):
    copy = tmp_path / "kb"
    shutil.copytree(demo_kb.root, copy, ignore=shutil.ignore_patterns(".agora"))
    return KnowledgeBase(copy)


def test_rrf_prefers_results_in_both_lists():
    fused = rrf([[("a", 1), ("b", 1)], [("b", 1), ("c", 1)]])
    assert fused[0][0] == "b"


def test_incremental_sync(fake_kb):
    fake = FakeEmbedder()
    first = sync_index(fake_kb, embedder=fake)
    assert first.added > 100 and first.removed == 0
    assert sync_index(fake_kb, embedder=fake).added == 0
    units_file = next(fake_kb.units_dir.glob("northgate*.yml"))
    text = units_file.read_text()
    first_stance = re.search(r"stance: (\w+)", text)
    other = "neutral" if first_stance.group(1) != "neutral" else "against"
    units_file.write_text(text[:first_stance.start(1)] + other + text[first_stance.end(1):])
    changed = sync_index(fake_kb, embedder=fake)
    assert (changed.added, changed.updated) == (0, 1)
    units_file.unlink()
    assert sync_index(fake_kb, embedder=fake).removed > 5


def test_a_copied_article_file_is_indexed_once_and_not_again_on_each_sync(fake_kb):
    """A unit id is its article's content hash and offsets: an article file copied under another
    slug repeats its units' ids. One row each is indexed, and the next sync has nothing to do
    (it wrote the two copies in turn, every run, at 200,000 units 68,592 rows)."""
    fake = FakeEmbedder()
    units_file = next(fake_kb.units_dir.glob("northgate*.yml"))
    slug = units_file.stem
    (fake_kb.articles_dir / "copy-of-northgate.md").write_text(
        (fake_kb.articles_dir / f"{slug}.md").read_text().replace(f"slug: {slug}", "slug: copy-of-northgate"))
    (fake_kb.units_dir / "copy-of-northgate.yml").write_text(units_file.read_text().replace(slug, "copy-of-northgate"))
    first = sync_index(fake_kb, embedder=fake)
    again = sync_index(fake_kb, embedder=fake)
    assert first.added > 100 and (again.added, again.updated, again.removed) == (0, 0, 0)
    assert diagnose(fake_kb, fake).healthy


def test_a_large_knowledge_base_embeds_before_it_reads_the_store_and_indexes_the_same(fake_kb, tmp_path,
                                                                                      monkeypatch):
    """#21: from RELEASE_MIN units, a sync embeds the changed texts first and lets the embedder go
    before Chroma's graph is read (the two were 540 MB of the peak together at 130,000 units);
    the index is the one a sync in one pass builds, and the progress counts the texts embedded."""
    from indexer import encoders, memory
    from indexer.index import chroma

    plain = tmp_path / "plain"
    shutil.copytree(fake_kb.root, plain)
    fake = FakeEmbedder()
    sync_index(KnowledgeBase(plain), embedder=fake)
    events, progress = [], []
    upsert, unload = chroma.ChromaStore.upsert, encoders.unload
    monkeypatch.setattr(memory, "RELEASE_MIN", 0)
    monkeypatch.setattr(encoders, "unload", lambda: (events.append("unload"), unload()))
    monkeypatch.setattr(chroma.ChromaStore, "upsert", lambda self, *a: (events.append("upsert"), upsert(self, *a)))
    summary = sync_index(fake_kb, embedder=fake, on_progress=lambda done, total: progress.append((done, total)))
    assert events[0] == "unload" and "upsert" in events
    assert progress[-1][0] == progress[-1][1] > 100
    with Index(fake_kb, fake) as ahead, Index(KnowledgeBase(plain), fake) as one_pass:
        assert ahead.lexical.hashes() == one_pass.lexical.hashes() and summary.added == len(ahead.lexical.hashes())
        ids = sorted(one_pass.lexical.hashes())
        assert ahead.store.vectors(ids).keys() == one_pass.store.vectors(ids).keys() == set(ids)


def test_filters_and_modes(fake_kb):
    fake = FakeEmbedder()
    sync_index(fake_kb, embedder=fake)
    searcher = Index.open(fake_kb, fake)
    for mode in ("dense", "lexical", "hybrid"):
        hits = searcher.search("keystroke monitoring trust", n=5, mode=mode)
        assert hits and len(hits) <= 5
    risks = searcher.search("privacy", filters=Filters(kind="risk"), n=50)
    assert risks and all(h.kind == "risk" for h in risks)
    emp = searcher.search("data", filters=Filters(stakeholder="employees", stance="against"), n=50)
    assert emp and all("employees" in h.stakeholders and h.stance == "against" for h in emp)
    from datetime import date

    recent = searcher.search("data", filters=Filters(since=date(2026, 9, 1)), n=50)
    assert recent and all(h.published >= "2026-09-01" for h in recent)
    assert searcher.search("data", filters=Filters(article="no-such-article")) == []


def test_model_mismatch_says_rebuild(fake_kb):
    sync_index(fake_kb, embedder=FakeEmbedder())

    class Other(FakeEmbedder):
        name = "other-model"

    from indexer.errors import IndexError_

    with pytest.raises(IndexError_, match="--rebuild"):
        Index.open(fake_kb, Other())
    assert sync_index(fake_kb, embedder=Other(), rebuild=True).added > 100


def test_doctor_finds_and_repairs(fake_kb):
    fake = FakeEmbedder()
    sync_index(fake_kb, embedder=fake)
    assert diagnose(fake_kb, fake).healthy
    with Index(fake_kb, fake) as index:
        some = sorted(index.store.ids())[:3]
        index.store.delete(some)  # vectors lost, as after a damaged segment
    (fake_kb.articles_dir / ".x.md.tmp").write_text("half")
    report = diagnose(fake_kb, fake)
    assert not report.healthy
    assert any("missing from the index" in p for p in report.problems)
    assert any("temporary file" in p for p in report.problems)
    repair(fake_kb, fake)
    assert diagnose(fake_kb, fake).healthy


@pytest.mark.slow
def test_real_model_search_cli(demo_kb, agora):
    out = agora("index", kb=demo_kb)
    assert out.returncode == 0, out.stderr
    res = agora("search", "keystroke tracking erodes trust between staff and managers", "--json", "-n", "5",
                kb=demo_kb)
    hits = json.loads(res.stdout)
    assert any("trust" in h["text"] for h in hits[:3])
    sides = json.loads(agora("search", "monitoring workers", "--sides", "--json", kb=demo_kb).stdout)
    assert all(h["stance"] == "for" for h in sides["for"]) and all(h["stance"] == "against" for h in sides["against"])
    bad = agora("search", "x", "--kind", "nonsense", kb=demo_kb)
    assert bad.returncode == 2 and "must be one of" in bad.stderr.decode()
    doctor = agora("doctor", "--json", kb=demo_kb)
    assert json.loads(doctor.stdout)["healthy"], doctor.stdout


@pytest.mark.slow
def test_search_tables_fit_80_columns_with_short_ids_and_a_match_a_person_reads(demo_kb, agora):
    from indexer.model.units import short_id

    assert agora("index", kb=demo_kb).returncode == 0
    narrow = {"COLUMNS": "80"}
    query = "keystroke tracking erodes trust"
    hits = json.loads(agora("search", query, "--json", "-n", "5", kb=demo_kb).stdout)
    assert all(h["match"] == max(0, round(100 * h["similarity"])) and 0 <= h["match"] <= 100 for h in hits)
    assert hits[0]["match"] >= 40  # a good match (setting good_match)
    shown = agora("search", query, "-n", "5", kb=demo_kb, env=narrow).stdout.decode()
    assert max(len(line) for line in shown.splitlines()) <= 80, shown
    assert all(short_id(h["id"]) in shown for h in hits) and "no good match" not in shown
    nothing = agora("search", "banana smoothie recipe", "-n", "3", kb=demo_kb, env=narrow).stdout.decode()
    assert "no good match for 'banana smoothie recipe'" in nothing
    wide = agora("search", "monitoring workers", "--sides", "-n", "3", kb=demo_kb, env={"COLUMNS": "200"})
    assert any("for: " in line and "against: " in line for line in wide.stdout.decode().splitlines())
    stacked = agora("search", "monitoring workers", "--sides", "-n", "3", kb=demo_kb, env=narrow).stdout.decode()
    assert max(len(line) for line in stacked.splitlines()) <= 80


def test_short_ids_and_slug_prefixes_name_units_and_articles(fake_kb, agora):
    from indexer.index.results import load
    from indexer.model.articles import Corpus
    from indexer.model.units import all_units, short_id

    sync_index(fake_kb, embedder=FakeEmbedder())
    linked = load(fake_kb).related  # the units an issue holds (which ones depends on the fake vectors)
    unit = next(u for u in all_units(fake_kb) if u.id in linked)
    full = json.loads(agora("related", unit.id, "--json", kb=fake_kb).stdout)
    assert json.loads(agora("related", short_id(unit.id), "--json", kb=fake_kb).stdout) == full
    article = Corpus(fake_kb).get(unit.article)
    for ref in (unit.article[:12], article.id[:6]):
        shown = agora("show", ref, kb=fake_kb, env={"COLUMNS": "80"})
        assert shown.returncode == 0, shown.stderr
        assert article.title in shown.stdout.decode() and short_id(unit.id) in shown.stdout.decode()
    as_json = json.loads(agora("show", article.id[:6], "--json", kb=fake_kb).stdout)
    assert unit.id in {u["id"] for u in as_json["units"]}
    ambiguous = agora("show", "s", kb=fake_kb)
    err = ambiguous.stderr.decode()
    assert ambiguous.returncode != 0 and err.startswith("error: ") and "give more of the slug" in err
    accepted = agora("unit", "accept", short_id(unit.id), "--by", "tester", kb=fake_kb)
    assert accepted.returncode == 0, accepted.stderr
    assert next(u for u in all_units(fake_kb) if u.id == unit.id).status == "accepted"
    listed = agora("list", kb=fake_kb, env={"COLUMNS": "80"}).stdout.decode()
    assert max(len(line) for line in listed.splitlines()) <= 80
    assert all(a.id[:6] in listed for a in Corpus(fake_kb).articles())
    (fake_kb.issues_dir / "workplace-monitoring.yml").write_text(
        f"title: Workplace monitoring\nquestion: Should employers record keystrokes?\narticles: [{unit.article}]\n")
    issues = agora("issues", kb=fake_kb, env={"COLUMNS": "80"}).stdout.decode()
    assert max(len(line) for line in issues.splitlines()) <= 80 and "workplace-monitoring" in issues
    fake = {"AGORA_EMBEDDING_MODEL": "fake"}
    prefix = agora("remove", unit.article[:10], kb=fake_kb, env=fake)  # no slug prefixes for remove
    assert prefix.returncode != 0 and "no article" in prefix.stderr.decode(), prefix.stderr
    removed = agora("remove", article.id[:6], kb=fake_kb, env=fake)
    assert removed.returncode == 0 and unit.article in removed.stderr.decode(), removed.stderr
    assert unit.article not in Corpus(fake_kb).slugs()


@pytest.mark.slow
def test_library_search_returns_typed_hits(demo_kb):
    import indexer

    sync_index(demo_kb)
    hits = indexer.search("facial recognition of children at school", kb=demo_kb, n=3)
    assert hits and hits[0].title.startswith("Schools in Riverside County")


@pytest.fixture
def chroma_server(tmp_path):
    yield from serve_process([str(ROOT / ".venv" / "bin" / "chroma"), "run", "--path", str(tmp_path / "server"),
                              "--host", "127.0.0.1"], {"ANONYMIZED_TELEMETRY": "False"})


@pytest.mark.slow
def test_server_mode(fake_kb, chroma_server, monkeypatch):
    monkeypatch.setenv("AGORA_CHROMA_URL", chroma_server)
    monkeypatch.setenv("AGORA_CHROMA_TOKEN", "team-secret")
    kb = KnowledgeBase.open(fake_kb.root)
    fake = FakeEmbedder()
    summary = sync_index(kb, embedder=fake)
    assert summary.added > 100
    assert not (kb.state_dir / "chroma").exists()
    hits = Index.open(kb, fake).search("privacy", filters=Filters(kind="risk"), n=5)
    assert hits and all(h.kind == "risk" for h in hits)
    assert diagnose(kb, fake).healthy


@pytest.mark.slow
def test_two_knowledge_bases_share_one_server_safely(demo_kb, tmp_path, chroma_server, monkeypatch, agora):
    monkeypatch.setenv("AGORA_CHROMA_URL", chroma_server)
    fake = FakeEmbedder()
    kbs = []
    for name in ("team-a", "team-b"):
        shutil.copytree(demo_kb.root, tmp_path / name, ignore=shutil.ignore_patterns(".agora", "kb-id"))
        kbs.append(KnowledgeBase.open(tmp_path / name))
    a, b = kbs
    assert a.id != b.id
    total = sync_index(a, embedder=fake).added
    assert sync_index(b, embedder=fake).added == total
    assert diagnose(a, fake).healthy and diagnose(b, fake).healthy  # nobody's units look orphaned
    repair(a, fake)
    assert diagnose(b, fake).healthy and len(Index.open(b, fake).search("privacy", n=5, mode="dense")) == 5
    with Index(b, fake) as index:
        index.store.reset()  # as a server that comes back empty
    assert sync_index(b, embedder=fake).added == total
    env = {"AGORA_CHROMA_URL": "http://127.0.0.1:9", "AGORA_EMBEDDING_MODEL": "fake"}
    for args in (("index",), ("search", "privacy")):
        out = agora(*args, kb=b, env=env)
        err = out.stderr.decode()
        assert out.returncode == 1 and "cannot reach the Chroma server" in err and err.count("\n") == 1, err


def test_lazy_embedder_does_not_load_when_nothing_to_embed(fake_kb, monkeypatch):
    from indexer.encoders import minilm as embed

    monkeypatch.setenv("AGORA_EMBEDDING_MODEL", "fake")
    kb = KnowledgeBase.open(fake_kb.root)
    sync_index(kb)
    monkeypatch.setattr(embed, "load_embedder", lambda *a: pytest.fail("model loaded"))
    assert sync_index(kb, rebuild=True).added > 100  # every vector comes from the cache


@pytest.mark.slow
def test_readers_survive_rebuilds_and_serve_follows_the_index(fake_kb, tmp_path, agora):
    import subprocess
    import sys
    import time

    import httpx

    env = {"AGORA_EMBEDDING_MODEL": "fake"}
    assert agora("index", kb=fake_kb, env=env).returncode == 0
    full_env = {**__import__("os").environ, **env, "AGORA_KB": str(fake_kb.root)}
    server = serve_process([sys.executable, "-m", "indexer", "serve"], full_env)
    url = next(server)
    try:
        def hits(q: str) -> list:
            reply = httpx.get(url + "/api/search", params={"q": q, "n": 5, "mode": "lexical"}, timeout=60)
            assert reply.status_code == 200, reply.text
            return reply.json()["hits"]

        assert not hits("zanzibarian")
        (tmp_path / "new.txt").write_text("Zanzibarian workers\n\nZanzibarian call-centre staff said the "
                                          "zanzibarian keystroke logs were unfair, a union leader said.\n")
        assert agora("add", str(tmp_path / "new.txt"), "--quiet", kb=fake_kb, env=env).returncode == 0
        assert hits("zanzibarian")  # indexed after the server started: seen
        rebuild = subprocess.Popen([sys.executable, "-m", "indexer", "index", "--rebuild"], cwd=ROOT, env=full_env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        searches = []
        while rebuild.poll() is None:
            searches.append(agora("search", "keystroke", "--json", kb=fake_kb, env=env))
            time.sleep(0.2)
        assert rebuild.wait() == 0, rebuild.stderr.read()
        assert searches and all(s.returncode == 0 and json.loads(s.stdout) for s in searches), \
            [s.stderr.decode()[-300:] for s in searches if s.returncode]
        assert hits("zanzibarian") and hits("keystroke")
    finally:
        server.close()


def test_the_debates_read_the_stores_vectors_from_the_cache_or_else_the_store(fake_kb):
    import numpy as np

    from indexer.index.crossref import stored_vectors
    from indexer.model.snapshot import read_corpus

    fake = FakeEmbedder()
    sync_index(fake_kb, embedder=fake)
    units = read_corpus(fake_kb).units
    with Index(fake_kb, fake) as index, index.cache() as cache:
        ids = set(index.lexical.hashes())
        stored = index.store.vectors(sorted(ids))
        table = stored_vectors(index.store, ids, cache, units)
        same = lambda a, b: np.allclose(a, b, atol=1e-6)  # noqa: E731  Chroma normalises what it stores
        assert set(table) == ids and all(same(table[i], stored[i]) for i in ids)
        assert table.rows(table.ids) is table.matrix  # in its own order: the matrix, not a copy
        some = sorted(ids)[:5]
        assert same(table.rows(some), np.stack([stored[i] for i in some]))
        with cache.db:
            cache.db.execute("DELETE FROM vectors")  # a cache removed by hand: the store answers
        table = stored_vectors(index.store, ids, cache, units)
        assert set(table) == ids and all(same(table[i], stored[i]) for i in ids)


def test_index_with_nothing_new_stops_early_and_anything_new_is_indexed(fake_kb, agora):
    """A second `agora index` over the same corpus, settings and code does nothing (the results
    are not even rewritten); an analyst's decision, an issue file or a lost result file makes it
    work again, and so does a run killed half-way (the digest is forgotten until a run ends)."""
    from indexer.index.results import FILE, load
    from indexer.model.units import all_units, short_id

    fake = {"AGORA_EMBEDDING_MODEL": "fake"}
    first = agora("index", kb=fake_kb, env=fake)
    assert first.returncode == 0, first.stderr
    crossref = fake_kb.state_dir / FILE
    written = crossref.stat().st_mtime_ns
    again = agora("index", kb=fake_kb, env=fake)
    assert again.returncode == 0 and " 0 added" in " " + again.stderr.decode() + again.stdout.decode()
    assert crossref.stat().st_mtime_ns == written
    unit = next(u for u in all_units(fake_kb) if u.kind == "quote")
    assert agora("unit", "reject", short_id(unit.id), kb=fake_kb).returncode == 0
    assert agora("index", kb=fake_kb, env=fake).returncode == 0
    assert crossref.stat().st_mtime_ns != written and unit.id not in load(fake_kb).related
    written = crossref.stat().st_mtime_ns
    (fake_kb.issues_dir / "new.yml").write_text("title: New\nquestion: Should employers record keystrokes?\n")
    assert agora("index", kb=fake_kb, env=fake).returncode == 0
    assert "new" in load(fake_kb).issues and crossref.stat().st_mtime_ns != written
    crossref.unlink()
    assert agora("index", kb=fake_kb, env=fake).returncode == 0 and crossref.exists()
    other = agora("index", kb=fake_kb)  # another embedder: not the same inputs, so it looks
    assert other.returncode == 1 and "--rebuild" in other.stderr.decode()
