"""Across articles: issue assignment, key points, related and counter arguments, blindspots.

Computed at index time from the unit vectors (`agora index`) and written to
.agora/crossref.json (derived, rebuildable); the site and `agora related` only read it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from .atomic import atomic_write_text
from .corpus import Article, Corpus
from .kb import KnowledgeBase
from .units import Unit, all_units

RELATED_K = 3
RELATED_FLOOR = 0.3
KNN = 50
KNN_REBUILD_SHARE = 0.5  # above this share of new units, the exact all-pairs pass is cheaper
KEYPOINT_THRESHOLD = 0.55
BLOCK = 4096


@dataclass
class KeyPoint:
    representative: str
    units: list[str]
    articles: int
    stakeholders: int
    first_seen: str
    last_seen: str


def compute(kb: KnowledgeBase, vectors: dict, issue_vectors: dict[str, object], previous: dict | None = None,
            store=None) -> dict:
    """vectors: unit id -> unit vector; issue_vectors: issue slug -> vector of its question.
    With the previous result and the vector store, related arguments are updated only around
    new or changed units (kNN through the index) instead of recomputed over all pairs."""
    import numpy as np

    from .publish.issues import load_issues

    articles = {a.slug: a for a in Corpus(kb).articles(errors=[])}
    units = [u for u in all_units(kb, errors=[]) if u.status != "rejected" and u.id in vectors
             and u.article in articles]
    matrix = np.stack([vectors[u.id] for u in units]) if units else np.zeros((0, 1), dtype=np.float32)
    issues = load_issues(kb)
    assignment = assign_issues(kb, issues, units, matrix, issue_vectors)
    links = update_related(units, vectors, previous or {}, store) if previous and store else related(units, matrix)
    return {
        "issues": assignment,
        "related": {uid: {rel: [i for i, _ in pairs] for rel, pairs in v.items()} for uid, v in links.items()},
        "related_scores": links,
        "related_keys": {u.id: _key(u) for u in units if u.stance in ("for", "against")},
        "keypoints": {slug: keypoints([u for u in units if u.article in set(arts)], vectors, articles)
                      for slug, arts in assignment.items()},
        "blindspots": {slug: blindspots([u for u in units if u.article in set(arts)])
                       for slug, arts in assignment.items()},
        "trends": {slug: trends([u for u in units if u.article in set(arts)], articles)
                   for slug, arts in assignment.items()},
    }


def assign_issues(kb, issues, units: list[Unit], matrix, issue_vectors: dict) -> dict[str, list[str]]:
    """Pinned articles, plus articles whose mean unit vector is close to the issue's question."""
    import numpy as np

    by_article: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        by_article[u.article].append(i)
    threshold = kb.settings.issue_threshold
    out = {}
    for issue in issues:
        chosen = set(issue.articles)
        vector = issue_vectors.get(issue.slug)
        if vector is not None:
            for slug, rows in by_article.items():
                centroid = matrix[rows].mean(axis=0)
                score = float(centroid @ vector / max(np.linalg.norm(centroid), 1e-9))
                if score >= threshold:
                    chosen.add(slug)
        out[issue.slug] = sorted(chosen - set(issue.removed))
    return out


def _key(unit: Unit) -> str:
    return f"{unit.stance}|{unit.article}"


def update_related(units: list[Unit], vectors: dict, previous: dict, store) -> dict:
    """Keep the previous links of unchanged units; find neighbours of new or changed units with
    the index's kNN and offer each of them to its neighbours' lists."""
    keys = {u.id: _key(u) for u in units if u.stance in ("for", "against")}
    old_keys = previous.get("related_keys", {})
    fresh = [uid for uid, key in keys.items() if old_keys.get(uid) != key]
    if len(fresh) > KNN_REBUILD_SHARE * max(len(keys), 1):
        import numpy as np

        argued = [u for u in units if u.id in keys]
        return related(argued, np.stack([vectors[u.id] for u in argued]) if argued else np.zeros((0, 1)))
    links = {uid: {rel: [p for p in pairs if p[0] in keys and p[0] not in fresh] for rel, pairs in v.items()}
             for uid, v in previous.get("related_scores", {}).items() if uid in keys and uid not in fresh}
    for uid in fresh:
        links[uid] = {"also": [], "counter": []}
        for other, score in store.query(vectors[uid], KNN):
            if other == uid or other not in keys or keys[other].split("|")[1] == keys[uid].split("|")[1]:
                continue
            rel = "also" if keys[other].split("|")[0] == keys[uid].split("|")[0] else "counter"
            _offer(links[uid][rel], other, score)
            if other in links:
                _offer(links[other][rel], uid, score)
    return links


def _offer(pairs: list, uid: str, score: float) -> None:
    """Insert (uid, score) into a best-first list of at most RELATED_K above the floor."""
    if score <= RELATED_FLOOR or any(p[0] == uid for p in pairs):
        return
    pairs.append([uid, round(float(score), 4)])
    pairs.sort(key=lambda p: -p[1])
    del pairs[RELATED_K:]


def related(units: list[Unit], matrix) -> dict[str, dict[str, list]]:
    """For each argued unit, the nearest units of other articles on the same and the other side
    (exact, over all pairs in blocks): {id: {"also": [[id, score]...], "counter": [...]}}."""
    import numpy as np

    argued = [i for i, u in enumerate(units) if u.stance in ("for", "against")]
    if not argued:
        return {}
    sub = matrix[argued]
    stance = np.array([units[i].stance == "for" for i in argued])
    article = np.array([units[i].article for i in argued])
    out = {}
    for start in range(0, len(argued), BLOCK):
        scores = sub[start:start + BLOCK] @ sub.T
        for row, i in enumerate(argued[start:start + BLOCK]):
            s = scores[row].copy()
            s[article == units[i].article] = -2  # other articles only
            same = np.where(stance == stance[start + row], s, -2)
            other = np.where(stance != stance[start + row], s, -2)
            out[units[i].id] = {"also": _top(same, argued, units), "counter": _top(other, argued, units)}
    return out


def _top(scores, argued: list[int], units: list[Unit]) -> list:
    import numpy as np

    order = np.argsort(-scores)[:RELATED_K]
    return [[units[argued[j]].id, round(float(scores[j]), 4)] for j in order if scores[j] > RELATED_FLOOR]


def keypoints(units: list[Unit], vectors: dict, articles: dict[str, Article]) -> dict[str, list[dict]]:
    """Leader clustering per side: a unit joins the first key point whose representative is
    close enough, else starts one. Representatives are the most confident sourced units."""
    out = {}
    for side in ("for", "against"):
        ordered = sorted((u for u in units if u.stance == side and u.kind in ("quote", "claim", "risk", "opportunity")),
                         key=lambda u: (u.kind != "quote", not u.speaker, -u.confidence, u.id))
        clusters = _leader_clusters(ordered, vectors)
        out[side] = [_describe(c, articles).__dict__ for c in sorted(clusters, key=lambda c: -len(c))]
    return out


def _leader_clusters(ordered: list[Unit], vectors: dict) -> list[list[Unit]]:
    """Each unit joins the first leader within the threshold, else leads a new cluster."""
    import numpy as np

    clusters: list[list[Unit]] = []
    leaders = np.zeros((0, 1), dtype=np.float32)
    for u in ordered:
        v = vectors[u.id]
        hits = np.flatnonzero(leaders @ v >= KEYPOINT_THRESHOLD) if len(clusters) else []
        if len(hits):
            clusters[hits[0]].append(u)
        else:
            clusters.append([u])
            leaders = v[None, :] if leaders.shape[1] != v.shape[0] else np.vstack([leaders, v])
    return clusters


def _describe(cluster: list[Unit], articles: dict[str, Article]) -> KeyPoint:
    dates = sorted(str(articles[u.article].published) for u in cluster if articles[u.article].published)
    return KeyPoint(representative=cluster[0].id, units=[u.id for u in cluster],
                    articles=len({u.article for u in cluster}),
                    stakeholders=len({s for u in cluster for s in u.stakeholder_ids()}),
                    first_seen=dates[0] if dates else "", last_seen=dates[-1] if dates else "")


def blindspots(units: list[Unit]) -> dict[str, list[str]]:
    spoken = {s.id for u in units for s in u.stakeholders if s.role == "speaker"}
    discussed = Counter(s.id for u in units for s in u.stakeholders if s.role in ("affected", "beneficiary"))
    sides = {side: any(u.stance == side and u.speaker for u in units) for side in ("for", "against")}
    return {"unquoted_stakeholders": [sid for sid, _ in discussed.most_common() if sid not in spoken][:8],
            "sides_without_sourced_arguments": [side for side, ok in sides.items() if not ok]}


def trends(units: list[Unit], articles: dict[str, Article]) -> dict[str, dict[str, int]]:
    """Units per month and side."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: {"for": 0, "against": 0})
    for u in units:
        published = articles[u.article].published
        if published and u.stance in ("for", "against"):
            out[published.strftime("%Y-%m")][u.stance] += 1
    return dict(sorted(out.items()))


def refresh(kb: KnowledgeBase, store, embedder) -> dict:
    """Recompute from the index's vectors and write .agora/crossref.json."""
    import numpy as np

    from .publish.issues import load_issues

    ids = sorted(store.ids())
    vectors = {}
    for i in range(0, len(ids), 5000):
        vectors.update(store.vectors(ids[i:i + 5000]))
    issues = load_issues(kb)
    texts = [" ".join([i.question, i.title, *i.aliases, i.description]) for i in issues]
    issue_vectors = dict(zip([i.slug for i in issues], embedder.encode(texts), strict=True)) if issues else {}
    data = compute(kb, {k: np.asarray(v, dtype=np.float32) for k, v in vectors.items()}, issue_vectors,
                   previous=load(kb), store=store)
    atomic_write_text(kb.state_dir / "crossref.json", json.dumps(data, ensure_ascii=False))
    return data


def load(kb: KnowledgeBase) -> dict:
    path = kb.state_dir / "crossref.json"
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}  # derived data: `agora index` rebuilds it
