"""Across articles: issue assignment, key points, related/counter arguments, blindspots, trends."""

from __future__ import annotations

import shutil

import pytest
from conftest import EXAMPLES

from indexer import Agora
from indexer.encoders import FakeEmbedder
from indexer.index.index import Index, sync_index
from indexer.index.results import FILE, load
from indexer.model.kb import KnowledgeBase
from indexer.model.units import all_units


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    kb = KnowledgeBase.init(tmp_path_factory.mktemp("cross") / "kb")
    Agora(kb).add([str(EXAMPLES)])
    return kb


@pytest.fixture
def cross_kb(base, tmp_path):
    shutil.copytree(base.root, tmp_path / "kb", ignore=shutil.ignore_patterns(".agora"))
    kb = KnowledgeBase(tmp_path / "kb")
    slugs = sorted(p.stem for p in kb.articles_dir.glob("*.md"))
    bank = next(s for s in slugs if s.startswith("northgate"))
    police = next(s for s in slugs if s.startswith("police"))
    (kb.issues_dir / "monitoring.yml").write_text(
        "title: Workplace monitoring\nquestion: Should employers monitor employees keystrokes screenshots at work?\n"
        f"aliases: [bossware]\narticles: [{police}]\nremoved: [{bank}]\n")
    return kb, bank, police


def test_crossref_after_index(cross_kb):
    kb, bank, police = cross_kb
    sync_index(kb, embedder=FakeEmbedder())
    data = load(kb)
    assigned = data.issues["monitoring"].articles
    assert police in assigned and bank not in assigned  # pinned stays, removed never comes back
    units = {u.id: u for u in all_units(kb)}
    within: dict[str, list[dict]] = {}  # unit id -> the stances of each issue it belongs to
    for result in data.issues.values():
        for uid in result.stances:
            within.setdefault(uid, []).append(result.stances)
    for uid, links in data.related.items():
        for relation in ("also", "counter"):
            for other in links.ids(relation):
                assert units[other].article != units[uid].article
                if uid in within:  # counterpoints come from the same issue, sided toward its question
                    assert any(other in s and (s[other] == s[uid]) == (relation == "also") for s in within[uid])
                else:
                    assert (units[other].stance == units[uid].stance) == (relation == "also")
    stances = data.issues["monitoring"].stances  # toward the issue's question
    assert set(stances) == {u.id for u in units.values() if u.article in set(assigned)}
    for side in ("for", "against"):
        members = [i for kp in data.issues["monitoring"].keypoints[side] for i in kp.units]
        assert len(members) == len(set(members))
        assert all(stances[i] == side for i in members)
    spots = data.issues["monitoring"].blindspots.model_dump()
    assert set(spots) == {"unquoted_stakeholders", "sides_without_sourced_arguments"}
    assert all(set(v) == {"for", "against"} for v in data.issues["monitoring"].trends.values())


def test_related_cli_and_site(cross_kb, agora):
    kb, _, _ = cross_kb
    sync_index(kb, embedder=FakeEmbedder())
    uid = next(iter(load(kb).related))
    out = agora("related", uid, "--json", kb=kb)
    found = __import__("json").loads(out.stdout)
    assert out.returncode == 0 and set(found) == {"sides", "also", "counter"}
    data = load(kb)  # the side shown is the one the links follow: toward the issue's question
    inside = next(u for u in data.issues["monitoring"].stances if u in data.related)
    head = agora("related", inside, kb=kb).stdout.decode().splitlines()[0]
    assert f"{data.issues['monitoring'].stances[inside]} in monitoring" in head, head
    from indexer.publish.site import publish

    publish(kb, build=False)
    page = (kb.docs_dir / "issues" / "monitoring.md").read_text()
    assert "## Key points" in page and "## Blindspots" in page


def test_related_updates_incrementally_like_a_full_pass(cross_kb):
    kb, bank, _ = cross_kb
    fake = FakeEmbedder()
    moved = kb.articles_dir / f"{bank}.md"
    held = moved.read_text()
    moved.unlink()  # index without one article, then add it back: an incremental update
    sync_index(kb, embedder=fake)
    moved.write_text(held)
    sync_index(kb, embedder=fake)
    incremental = {u: {r: set(v.ids(r)) for r in ("also", "counter")} for u, v in load(kb).related.items()}
    (kb.state_dir / FILE).unlink()
    sync_index(kb, embedder=fake)
    full = {u: {r: set(v.ids(r)) for r in ("also", "counter")} for u, v in load(kb).related.items()}
    assert set(incremental) == set(full)
    agree = sum(set(incremental[u]["also"]) == set(full[u]["also"]) and
                set(incremental[u]["counter"]) == set(full[u]["counter"]) for u in full)
    assert agree >= 0.9 * len(full), (agree, len(full))


def indexed_without(kb, slug: str):
    """Index without the article, then put it back (the next index is an incremental one); the
    result indexed without it."""
    path = kb.articles_dir / f"{slug}.md"
    held = path.read_text()
    path.unlink()
    sync_index(kb, embedder=FakeEmbedder())
    path.write_text(held)
    return load(kb)


def test_an_unchanged_issue_keeps_its_result_and_the_rest_match_a_full_pass(cross_kb, monkeypatch):
    """#19: after new articles, an issue whose question, articles and units are as before is not
    computed again (no stance asked, no key point grouped), and the whole result is what a full
    pass gives; a new article joins the proposal it is nearest without renaming any."""
    from indexer.index import crossref, stances
    from indexer.model.issues import load_discovery

    kb, bank, _ = cross_kb
    fake, before = FakeEmbedder(), indexed_without(kb, bank)
    proposals = load_discovery(kb)
    asked = []
    monkeypatch.setattr(crossref, "issue_stances", lambda kb, issue, *a, _real=stances.issue_stances, **k: asked.append(
        issue.slug) or _real(kb, issue, *a, **k))
    sync_index(kb, embedder=fake)
    after, found = load(kb), load_discovery(kb)
    changed = {slug for slug, r in after.issues.items() if bank in r.articles}
    assert "monitoring" not in changed and changed  # the bank article is kept out of monitoring, not out of all
    assert sorted(asked) == sorted(changed)
    for slug in set(after.issues) - changed:
        assert after.issues[slug] == before.issues[slug]
    assert [(p.slug, p.title, p.question) for p in found.issues] == [
        (p.slug, p.title, p.question) for p in proposals.issues]  # joined, not discovered again
    assert found.discovered == proposals.discovered and bank not in found.discovered
    monkeypatch.undo()
    (kb.state_dir / FILE).unlink()
    sync_index(kb, embedder=fake)
    full = load(kb)
    assert after.issues.keys() == full.issues.keys()
    for slug, result in full.issues.items():
        mine = after.issues[slug]
        assert mine.model_dump(exclude={"keypoints"}) == result.model_dump(exclude={"keypoints"}), slug
        assert {s: [k.units for k in v] for s, v in mine.keypoints.items()} == {
            s: [k.units for k in v] for s, v in result.keypoints.items()}, slug
    inside = {uid for r in full.issues.values() for uid in r.stances}
    assert {u: {r: set(after.related[u].ids(r)) for r in ("also", "counter")} for u in inside if u in full.related} == {
        u: {r: set(full.related[u].ids(r)) for r in ("also", "counter")} for u in inside if u in full.related}


def test_a_patched_issue_links_as_a_full_pass_and_keeps_its_key_points(cross_kb, monkeypatch):
    """#19: an issue that changed a little is patched: the links of its units are what a full pass
    gives, and its key points keep their members while the new units join the nearest."""
    from indexer.index import crossref

    kb, bank, _ = cross_kb
    fake, before = FakeEmbedder(), indexed_without(kb, bank)
    monkeypatch.setattr(crossref, "PATCH_SHARE", 1.0)
    patched, calls = [], []
    monkeypatch.setattr(crossref, "joined_keypoints", lambda *a, _real=crossref.joined_keypoints: patched.append(
        a[0]) or _real(*a))
    monkeypatch.setattr(crossref, "offer_rows", lambda links, units, m, rows, _real=crossref.offer_rows: calls.append(
        (len(links), len(rows))) or _real(links, units, m, rows))
    sync_index(kb, embedder=fake)
    after = load(kb)
    assert patched and any(kept and redone for kept, redone in calls)  # some units kept their links, some were redone
    monkeypatch.undo()
    (kb.state_dir / FILE).unlink()
    sync_index(kb, embedder=fake)
    full = load(kb)
    inside = {uid for r in full.issues.values() for uid in r.stances if uid in full.related}
    assert {u: {r: after.related[u].ids(r) for r in ("also", "counter")} for u in inside} == {
        u: {r: full.related[u].ids(r) for r in ("also", "counter")} for u in inside}
    for slug, result in after.issues.items():
        if slug not in before.issues or result == before.issues[slug]:
            continue
        # a unit that left the issue or changed side (the issue's centre moved) leaves its point
        left = {u for u, side in before.issues[slug].stances.items() if result.stances.get(u) != side}
        for side, points in before.issues[slug].keypoints.items():
            now = [set(k.units) for k in result.keypoints[side]]
            for point in points:
                kept = set(point.units) - left
                assert len(kept) < 2 or any(kept <= group for group in now), (slug, side)
            assert all(result.stances[i] == side for group in now for i in group)


def test_an_issue_computed_again_with_no_unit_moved_keeps_its_links(tmp_path):
    """An issue whose result is computed again while no unit joins, leaves or changes side (here
    an article's date moved, which changes its trend) keeps its units' links as a full pass gives
    them: they were dropped (24 of the demo's units lost every link) until a full pass. On the
    demo's corpus with the real model: its hiring-audit proposal shares no unit with another
    issue, so no unit of it is redone."""
    from dataclasses import replace
    from datetime import date

    from conftest import ROOT

    from indexer.model.articles import Corpus

    shutil.copytree(ROOT / "corpus", tmp_path / "kb" / "corpus")
    kb = KnowledgeBase(tmp_path / "kb")
    sync_index(kb)
    before = load(kb)
    slug = "audit-and-bias"
    assert all(not set(r.stances) & set(before.issues[slug].stances) for s, r in before.issues.items() if s != slug)
    corpus = Corpus(kb)
    moved = before.issues[slug].articles[0]
    corpus.save(replace(corpus.get(moved), published=date(2020, 1, 1)))
    sync_index(kb)
    after = load(kb)
    assert after.issues[slug].basis != before.issues[slug].basis
    assert after.issues[slug].stances == before.issues[slug].stances
    (kb.state_dir / FILE).unlink()
    sync_index(kb)
    full = load(kb)
    inside = [uid for uid in full.issues[slug].stances if uid in full.related]
    assert inside and {u: after.related.get(u) for u in inside} == {u: full.related[u] for u in inside}


def test_past_exact_max_the_first_pass_asks_the_index_for_neighbours(cross_kb, monkeypatch):
    """#21: no all-pairs pass over a large knowledge base; the index's neighbours give the same links.
    No issue here, so that every unit takes its links from the whole corpus."""
    from indexer.index import crossref, links

    kb, _, _ = cross_kb
    (kb.issues_dir / "monitoring.yml").unlink()
    (kb.root / "agora.yml").write_text("discover_issues: false\n")
    fake = FakeEmbedder()
    sync_index(kb, embedder=fake)
    assert not load(kb).issues
    exact = {u: {r: [link.score for link in getattr(v, r)] for r in ("also", "counter")}
             for u, v in load(kb).related.items()}
    calls = []
    monkeypatch.setattr(links, "EXACT_MAX", 0)
    monkeypatch.setattr(links, "FRESH_CELLS", 0)
    for module in (crossref, links):  # over the whole corpus (links) and within each issue (crossref)
        monkeypatch.setattr(module, "related", lambda units, matrix, _real=links.related, **rows: calls.append(
            {u.id for u in units}) or _real(units, matrix, **rows))
    (kb.state_dir / FILE).unlink()
    sync_index(kb, embedder=fake)
    nearest = {u: {r: [link.score for link in getattr(v, r)] for r in ("also", "counter")}
               for u, v in load(kb).related.items()}  # scores: links of equal score may be other units
    assert not any(set(exact) <= called for called in calls)  # no pass over all pairs
    assert set(nearest) == set(exact) and len(exact) > 50
    agree = sum(nearest[u] == exact[u] for u in exact)
    assert agree >= 0.9 * len(exact), (agree, len(exact))


def test_issue_stance_follows_the_question_and_the_analyst(cross_kb):
    """Units are asked toward the issue's question; the negated question swaps every side; an
    analyst's stance survives both; the cache holds only what the current questions use."""
    import json

    from indexer.curation import edit_unit

    kb, _, police = cross_kb
    path = kb.issues_dir / "monitoring.yml"
    path.write_text(path.read_text().replace("Should employers monitor", "Employers should monitor"))
    sync_index(kb, embedder=FakeEmbedder())
    first = load(kb).issues["monitoring"].stances
    quote = next(u for u in all_units(kb) if u.article == police and u.kind == "quote")
    edit_unit(kb, quote.id, by="analyst", stance="neutral")
    path.write_text(path.read_text().replace("Employers should monitor", "Employers should not monitor"))
    sync_index(kb, embedder=FakeEmbedder())
    second = load(kb).issues["monitoring"].stances
    argued = {u.id for u in all_units(kb) if u.kind in ("quote", "claim") and u.id in first and u.id in second
              and u.id != quote.id}
    swap = {"for": "against", "against": "for", "neutral": "neutral"}
    assert argued and all(second[i] == swap[first[i]] for i in argued)
    assert second[quote.id] == "neutral"
    cache = json.loads((kb.state_dir / "stance-cache.json").read_text())
    asked = sum(len({u.plain_text for u in all_units(kb) if u.kind in ("quote", "claim") and u.id in r.stances})
                for r in load(kb).issues.values())  # each question (proposed issues' too) with its texts
    assert len(cache) == asked  # the old question's answers are gone


def test_issue_stance_adapts_to_reviewed_units():
    from indexer.index.stances import adapt

    probs = [{"for": 0.6, "against": 0.3, "neutral": 0.1}] * 4 + [{"for": 0.5, "against": 0.4, "neutral": 0.1}] * 4
    # the analyst says the model's mild "for" is against on this issue, its strong "for" is for
    predict = adapt(probs, [True] * 4 + [False] * 4)
    assert predict([{"for": 0.62, "against": 0.28, "neutral": 0.1}, {"for": 0.48, "against": 0.42, "neutral": 0.1}]) \
        == [True, False]


def test_related_scores_a_bounded_block_of_rows_at_a_time(monkeypatch):
    """The exact pass holds rows x units scores at once (SCORE_CELLS), never 4,096 x all units: the
    links are the same whatever the block, from other articles only, on the right side."""
    import numpy as np

    from indexer.index import links as crossref
    from indexer.model.units import Unit

    rng = np.random.default_rng(3)
    matrix = rng.normal(size=(60, 16)).astype(np.float32) + 2.0
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    units = [Unit(id=f"u{i}", article=f"a{i % 7}", kind="claim", text=f"text {i}", start=0, end=1,
                  stance=("for", "against", "neutral")[i % 3]) for i in range(60)]
    whole = crossref.related(units, matrix)
    monkeypatch.setattr(crossref, "SCORE_CELLS", 45)  # one row of 40 argued units at a time
    blocked = crossref.related(units, matrix)
    assert whole == blocked
    by_id = {u.id: u for u in units}
    assert len(whole) == 40 and all(len(r.also) == crossref.RELATED_K for r in whole.values())
    for uid, links in whole.items():
        assert all(by_id[link.id].article != by_id[uid].article for link in links.also + links.counter)
        assert all(by_id[link.id].stance == by_id[uid].stance for link in links.also)
        assert all(by_id[link.id].stance not in (by_id[uid].stance, "neutral") for link in links.counter)
        assert [link.score for link in links.also] == sorted((link.score for link in links.also), reverse=True)


def test_new_units_offered_to_every_list_give_a_full_pass_within_bounded_blocks(monkeypatch):
    """An incremental index places new units exactly: their own lists over all units, and each
    older list offered them, a block of lists at a time within SCORE_CELLS (at 130,000 units the
    new x all scores took 350 MB at once). The lists are what a full pass gives."""
    import numpy as np

    from indexer.index import links as crossref
    from indexer.model.units import Unit

    rng = np.random.default_rng(8)  # no two scores of a list tie once rounded
    matrix = rng.normal(size=(90, 32)).astype(np.float32) + 1.0
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    units = [Unit(id=f"u{i}", article=f"a{i % 11}", kind="claim", text=f"text {i}", start=0, end=1,
                  stance=("for", "against", "neutral")[i % 3]) for i in range(90)]
    new = {f"u{i}" for i in range(0, 90, 7)}
    full = crossref.related(units, matrix)
    old = [i for i, u in enumerate(units) if u.id not in new]
    for cells in (crossref.SCORE_CELLS, 20):
        monkeypatch.setattr(crossref, "SCORE_CELLS", cells)
        links = crossref.related([units[i] for i in old], matrix[old])
        links |= crossref.related(units, matrix, rows=new)
        crossref.offer_rows(links, units, matrix, new)
        assert links == full, cells


def test_new_units_outside_every_issue_link_as_a_full_pass_whether_placed_exactly_or_by_neighbours(monkeypatch):
    """#21: after new articles, the units outside every issue keep their links and take the new
    units where a full pass puts them: exactly from the vectors while the new units are few
    (FRESH_CELLS), else through the index's neighbours (here exact ones); only the units asked
    for get links."""
    import numpy as np

    from indexer.index import links
    from indexer.index.vectors import VectorTable
    from indexer.model.units import Unit

    rng = np.random.default_rng(8)
    matrix = rng.normal(size=(90, 32)).astype(np.float32) + 1.0
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    units = [Unit(id=f"u{i}", article=f"a{i % 11}", kind="claim", text=f"text {i}", start=0, end=1,
                  stance=("for", "against", "neutral")[i % 3]) for i in range(90)]
    vectors = VectorTable([u.id for u in units], matrix)
    old = [i for i in range(90) if i % 7]
    before = links.related([units[i] for i in old], matrix[old])
    placed = links.placements(units[i] for i in old)
    asked = {u.id for u in units[::2]}
    full = links.related(units, matrix, rows=asked)

    def nearest(rows, n):
        scores = np.asarray(rows) @ matrix.T
        return [[(units[j].id, float(row[j])) for j in np.argsort(-row)[:n]] for row in scores]

    for cells in (links.FRESH_CELLS, 0):
        monkeypatch.setattr(links, "FRESH_CELLS", cells)
        found = links.update_related(units, vectors, before, placed, nearest, rows=asked)
        assert found == full, cells
    assert before == links.related([units[i] for i in old], matrix[old])  # the last result as it was


def test_a_first_index_places_the_links_from_the_neighbours_its_sync_asked_for(cross_kb, monkeypatch, tmp_path):
    """#21: a first index of many units asks the index for each new argued unit's neighbours while
    its sync holds Chroma's graph; the debates place the links from them, reading neither the
    graph again nor the vectors (at 132,000 units, 280 and 200 MB), and get what the graph gives."""
    from indexer import memory
    from indexer.index import crossref, links

    kb, _, _ = cross_kb
    (kb.issues_dir / "monitoring.yml").unlink()
    (kb.root / "agora.yml").write_text("discover_issues: false\n")  # every unit takes its links from the corpus
    through_graph = KnowledgeBase(shutil.copytree(kb.root, tmp_path / "graph"))
    monkeypatch.setattr(links, "EXACT_MAX", 0)
    monkeypatch.setattr(links, "FRESH_CELLS", 0)  # a knowledge base too large for the exact passes
    sync_index(through_graph, embedder=FakeEmbedder())  # fewer than RELEASE_MIN units: the graph is asked
    asked, given = [], []
    nearest, update = Index.nearest, crossref.update_related
    monkeypatch.setattr(Index, "nearest", lambda self, *a: asked.append(a) or nearest(self, *a))
    monkeypatch.setattr(crossref, "update_related", lambda units, vectors, *a: given.append(len(vectors)) or update(
        units, vectors, *a))
    monkeypatch.setattr(memory, "RELEASE_MIN", 0)
    sync_index(kb, embedder=FakeEmbedder())
    assert not asked and given == [0]
    found = load(kb).related
    assert len(found) > 50 and found == load(through_graph).related


def test_a_first_index_computes_the_stances_without_the_vectors_and_reads_them_again_if_it_must(cross_kb,
                                                                                                  monkeypatch):
    """#21: on a first index whose links come from the sync's neighbours, the stances run without
    the vectors (200 MB at 130,000 units) unless an issue adapts to the analyst; when the last
    result turns out to hold the units' places (the vector index was lost, its results kept),
    the vectors are read again and the links are the last ones."""
    from indexer import memory
    from indexer.index import crossref, links

    kb, _, _ = cross_kb
    (kb.root / "agora.yml").write_text("discover_issues: false\n")
    monkeypatch.setattr(links, "EXACT_MAX", 0)
    monkeypatch.setattr(links, "FRESH_CELLS", 0)
    monkeypatch.setattr(memory, "RELEASE_MIN", 0)
    given, stances = [], crossref.issue_stances
    monkeypatch.setattr(crossref, "issue_stances", lambda kb, issue, units, cache, vectors: given.append(
        len(vectors)) or stances(kb, issue, units, cache, vectors))
    sync_index(kb, embedder=FakeEmbedder())
    assert given == [0] and load(kb).issues["monitoring"].stances
    (kb.issues_dir / "monitoring.yml").unlink()
    sync_index(kb, embedder=FakeEmbedder())
    first = load(kb)
    assert not first.issues and len(first.related) > 50
    shutil.rmtree(Index.vectors_path(kb))
    Index.lexical_path(kb).unlink()
    sync_index(kb, embedder=FakeEmbedder())  # every unit stored again; the last result places them all
    assert load(kb).related == first.related


def test_a_large_knowledge_base_lets_the_models_and_the_store_go_and_gets_the_same_result(cross_kb, monkeypatch):
    """#21: from RELEASE_MIN units, the debates let the embedder and the classifiers go once they
    are done with them, and Chroma's graph is let go before the vectors are read (at 130,000 units
    `agora index` went from 2.3 to 1.3 GB, then to under 1 GB); what is asked later loads again."""
    from indexer import encoders
    from indexer.encoders import classifier
    from indexer.index import crossref

    kb, _, _ = cross_kb
    sync_index(kb, embedder=FakeEmbedder())
    kept = load(kb)
    (kb.state_dir / FILE).unlink()
    (kb.state_dir / "stance-cache.json").unlink()
    released = []

    def release():
        unload()
        released.append(classifier._load.cache_info().currsize)

    unload = encoders.unload
    monkeypatch.setattr(crossref, "RELEASE_MIN", 0)
    monkeypatch.setattr(encoders, "unload", release)
    sync_index(kb, embedder=FakeEmbedder())
    # before the vectors, after the last embedding, the stances, the links placed, the key points
    assert released == [0, 0, 0, 0, 0]
    assert load(kb) == kept
    with Index(kb, embedder=FakeEmbedder()) as index:
        index.release_store()
        assert index.store.count() == len(index.lexical.hashes()) > 0  # opened again on first use


def test_only_a_named_speaker_pools_its_units():
    """A named person or organisation keeps a side across its quotes; a claim has no speaker and
    a group ("employees") is many people."""
    from indexer.index.stances import speakers
    from indexer.model.units import StakeholderRef, Unit

    def unit(kind: str, who: str) -> Unit:
        refs = [StakeholderRef(id=who, role="speaker")] if who else []
        return Unit(id=f"{kind}-{who}", article="a", kind=kind, text="x", start=0, end=1, stakeholders=refs)

    assert speakers([unit("quote", "tom-okafor"), unit("quote", "employees"), unit("claim", ""),
                     unit("quote", "")]) == ["tom-okafor", "", "", ""]


def test_an_article_near_every_question_joins_the_debates_it_is_nearest(kb):
    """#19: an article on AI at work in general is near every question about AI (on the demo,
    Northgate's keystroke article scored 0.50 on a hiring-audit question, 0.64 on workplace
    monitoring); it joins by question only within issue_margin of its nearest question, its own
    issues' or those placed before (`rivals`). Pinned articles stay."""
    import numpy as np

    from indexer.index.crossref import assign_issues
    from indexer.model.issues import Issue
    from indexer.model.units import Unit

    def unit(article: str, i: int) -> Unit:
        return Unit(id=f"{article}-{i}", article=article, kind="claim", text="x", start=0, end=1)

    def at(cosine: float, axis: int) -> list[float]:  # a unit vector at this cosine to the given axis
        v = np.zeros(3)
        v[axis], v[2] = cosine, (1 - cosine ** 2) ** 0.5
        return v.tolist()

    units = [unit("general", 0), unit("audit", 0)]
    matrix = np.asarray([[0.64, 0.50, (1 - 0.64 ** 2 - 0.50 ** 2) ** 0.5], at(0.49, 1)], dtype=np.float32)
    work, audit = Issue(slug="work", title="Work", question="q1"), Issue(slug="audit", title="Audit", question="q2")
    vectors = {"work": [1.0, 0.0, 0.0], "audit": [0.0, 1.0, 0.0]}
    assert assign_issues(kb, [work, audit], units, matrix, vectors) == {"work": ["general"], "audit": ["audit"]}
    assert assign_issues(kb, [audit], units, matrix, {"audit": vectors["audit"]},
                         rivals={"work": vectors["work"]}) == {"audit": ["audit"]}
    assert assign_issues(kb, [audit], units, matrix, {"audit": vectors["audit"]}) == {"audit": ["audit", "general"]}
    pinned = audit.model_copy(update={"articles": ["general"]})
    assert assign_issues(kb, [work, pinned], units, matrix, vectors)["audit"] == ["audit", "general"]
    (kb.root / "agora.yml").write_text("issue_margin: 1.0\n")
    assert assign_issues(KnowledgeBase(kb.root), [work, audit], units, matrix, vectors)["audit"] == ["audit", "general"]


def test_a_company_that_acts_on_its_staff_gives_employers_a_voice():
    """A blindspot is a stakeholder nobody speaks for. Northgate Bank logs its staff's keystrokes
    and is quoted: employers are heard (the demo guide said they never were)."""
    from indexer.index.crossref import blindspots
    from indexer.model.units import StakeholderRef, Unit

    def unit(kind: str, i: int, *refs: tuple[str, str], speaker: str = "") -> Unit:
        return Unit(id=f"a-{i}", article="a", kind=kind, text="x", start=0, end=1, speaker=speaker,
                    stakeholders=[StakeholderRef(id=s, role=r) for s, r in refs])

    acts = unit("claim", 0, ("northgate-bank", "actor"), ("employees", "affected"))
    says = unit("quote", 1, ("northgate-bank", "speaker"), speaker="Northgate Bank")
    costs = unit("risk", 2, ("employers", "affected"))
    assert "employers" not in blindspots([acts, says, costs]).unquoted_stakeholders
    assert "employers" in blindspots([says, costs]).unquoted_stakeholders  # a bank that acts on nobody's staff
    assert "employers" in blindspots([acts, costs]).unquoted_stakeholders  # an employer that says nothing
