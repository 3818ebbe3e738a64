"""Across articles: issue assignment, key points, related and counter arguments, blindspots.

Computed at index time from the unit vectors (`agora index`) and written to
.agora/crossref.jsonl (derived, rebuildable) as one typed record, `CrossRef` (results.py); the
site, `agora issues` and `agora related` only read it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from functools import lru_cache, partial

from pydantic import BaseModel

from ..memory import RELEASE_MIN
from ..model.articles import Article
from ..model.issues import Issue, Proposals, load_discovery, load_issues, save_proposals
from ..model.kb import KnowledgeBase
from ..model.snapshot import Snapshot, read_corpus
from ..model.stakeholders import EMPLOYERS, acting_employers
from ..model.units import Unit, all_units, expand_unit_id, monthly_sides, usable_units
from ..model.vocab import KINDS, SIDES
from .cache import EmbeddingCache
from .links import (
    Neighbours,
    Placement,
    Related,
    merge_links,
    offer_rows,
    placements,
    related,
    through_index,
    update_related,
)
from .results import Blindspots, CrossRef, IssueResult, KeyPoint, load, save
from .stances import Sides, StanceCache, adapts, issue_stances, with_stances
from .vectors import VectorTable, stack

POINT_DIM = 384
PATCH_SHARE = 0.1  # an issue whose units changed (new, gone, other side) by less than this share is patched:
# new units join its key points, and only the links the change touches are recomputed


class IssueSummary(BaseModel):
    slug: str
    status: str
    title: str
    question: str
    articles: int
    pinned: int
    counts: dict[str, int]


class RelatedUnits(BaseModel):
    unit: Unit
    also: list[Unit]
    counter: list[Unit]
    sides: dict[str, str] = {}  # issue slug -> the unit's side there, which the links follow


# -- computing ------------------------------------------------------------------------

def compute(kb: KnowledgeBase, vectors: Mapping | Callable[[], Mapping], embed,
            previous: CrossRef | Callable[..., CrossRef] | None = None, nearest=None, stance_cache=None,
            embed_points=None, rediscover: bool = False, snapshot: Snapshot | None = None,
            release=None, known: Neighbours | None = None) -> CrossRef:
    """vectors: unit id -> unit vector, or what reads them (then let go once the links are placed);
    embed: texts -> their vectors (for questions and articles); previous: the last result, or
    what reads it (`load`, with and without its links: each part is read when it is needed);
    nearest: vectors, n -> the index's n nearest units of each (Index.nearest); release: lets the
    models go, on a knowledge base of RELEASE_MIN units or more, as soon as each is done; known:
    the neighbours the sync asked the index for (Index.neighbours), used for the units they hold.
    Proposed issues are discovered first (when the setting is on) and stored beside the
    result. With the previous result and the index, related arguments are updated only around
    new or changed units instead of recomputed over all pairs, and an issue whose question,
    articles and units are as before keeps its previous result."""
    cache = stance_cache or StanceCache(kb)
    embed_points = embed_points or _remembered(point_encoder(None))  # a cache (refresh) remembers them
    articles, every, _ = snapshot or read_corpus(kb)
    let_go = release if release is not None and len(every) >= RELEASE_MIN else lambda: None
    curated = load_issues(kb, proposed=False)
    asked = _question_vectors(curated, embed)
    if kb.settings.discover_issues:
        _embed_leads(articles, every, embed)
    let_go()  # the embedder, before the vectors are read (a new proposal's question loads it again)
    reread = vectors if callable(vectors) else lambda given=vectors: given
    vectors = reread()
    units = [u for u in every if u.status != "rejected" and u.id in vectors and u.article in articles]
    matrix = _matrix(units, vectors)
    by_slug, assignment = _assigned(kb, curated, asked, units, matrix, vectors, articles, embed, rediscover)
    let_go()  # nothing is embedded from here on
    last = _last(previous, links=False)
    members, published = _members(assignment, units), {slug: a.published for slug, a in articles.items()}
    bases = {slug: issue_basis(kb, by_slug[slug], chosen, members[slug], published)
             for slug, chosen in assignment.items()}
    before = last.issues if last is not None else {}
    kept = {slug for slug, basis in bases.items() if slug in before and before[slug].basis == basis}
    for slug in kept:
        cache.keep(by_slug[slug].question, members[slug])
    placed = placements(units)
    changed = [slug for slug in assignment if slug not in kept]
    if nearest is not None and not before and _placed_as_known(known, placed, None) and not any(
            adapts(kb, by_slug[slug], members[slug]) for slug in changed):
        vectors, matrix = {}, None  # a first index: nothing below reads them (at 130,000 units, 200 MB)
    sides = {slug: issue_stances(kb, by_slug[slug], members[slug], cache, vectors) for slug in changed}
    let_go()  # the stance model, before the last links are read
    last = _last(previous, links=True, issues_of=last)
    # a unit of an issue is answered from within its issues only; the rest keep the global links
    in_issue = {u.id for chosen in members.values() for u in chosen}
    outside = {u.id for u in units if u.id not in in_issue}
    if nearest is not None and _placed_as_known(known, placed, last):  # the vectors are not read from here on
        vectors, matrix = {}, None
    elif matrix is None:  # let go above, but the last result holds units placed otherwise
        vectors = reread()
        matrix = _matrix(units, vectors)
    links = (update_related(units, vectors, last.related if last else {}, last.placements if last else {},
                            nearest, placed, outside, matrix, known)
             if nearest is not None else related(units, matrix, rows=outside))
    del vectors, matrix  # not read from here on: at 130,000 units, 200 MB let go (when the caller keeps none)
    let_go()  # the index's store, when many new units were placed through its neighbours (its graph, 280 MB)
    issues = {slug: before[slug] if slug in kept else
              issue_result(chosen, members[slug], sides[slug], embed_points, articles, published, bases[slug],
                           before.get(slug)) for slug, chosen in assignment.items()}
    let_go()  # the key point encoder: the links below read its vectors from the cache
    within = _within_links(issues, kept, units, embed_points, last)
    return CrossRef(issues=issues, related=links | within, placements=placed)


def _placed_as_known(known: Neighbours | None, placed: dict[str, Placement], last: CrossRef | None) -> bool:
    """True when the argued units new since the last result (all of them, on a first index) are
    placed through the index, from the neighbours the sync asked for: the links need no vector."""
    if known is None:
        return False
    before = last.placements if last is not None else {}
    fresh = [uid for uid, place in placed.items() if before.get(uid) != place]
    return through_index(len(fresh), len(placed)) and all(uid in known for uid in fresh)


def _embed_leads(articles: dict[str, Article], units: list[Unit], embed) -> None:
    """Embed (into the cache) the lead of every article discovery reads, while the unit vectors
    are not yet in memory: it then reads them from the cache."""
    from .discovery import lead

    argued = {u.article for u in units if u.status != "rejected"}
    embed([lead(a) for slug, a in articles.items() if slug in argued])


def _assigned(kb: KnowledgeBase, curated: list[Issue], asked: dict, units: list[Unit], matrix, vectors: Mapping,
              articles: dict[str, Article], embed, rediscover: bool) -> tuple[dict[str, Issue], dict[str, list[str]]]:
    """The issues by slug, the analyst's then the proposed ones (discovered when the setting is
    on, and stored), and the articles of each."""
    assignment = assign_issues(kb, curated, units, matrix, asked)
    found = Proposals()
    if kb.settings.discover_issues:  # after the analyst's issues are placed: a group they cover is theirs
        from .discovery import discover

        found = discover(kb, units, vectors, articles, assignment, embed,
                         previous=None if rediscover else load_discovery(kb))
    save_proposals(kb, found)
    assignment |= assign_issues(kb, found.issues, units, matrix, _question_vectors(found.issues, embed), asked)
    return {i.slug: i for i in [*curated, *found.issues]}, assignment


def _last(previous: CrossRef | Callable[..., CrossRef] | None, links: bool,
          issues_of: CrossRef | None = None) -> CrossRef | None:
    """The last result from `previous` (a result, or what reads one): read without its links
    unless `links`; with `issues_of`, the issues already read are kept rather than read twice."""
    if not callable(previous):
        return previous
    found = previous(links=links)
    if issues_of is not None:
        found.issues = issues_of.issues
    return found


def issue_result(chosen: list[str], members: list[Unit], sides: Sides, embed_points, articles: dict[str, Article],
                 published: dict, basis: str, before: IssueResult | None = None) -> IssueResult:
    """The issue's result from its units' stances toward its question (`sides`): key points
    (patched from `before` when little changed), blindspots and trends."""
    stances, sureness = sides
    members = with_stances(members, stances)
    points, moved = embed_points(members), moved_units(before, stances)
    found = (keypoints(members, points, articles, keypoint_distance()) if moved is None else
             joined_keypoints(before.keypoints, members, points, articles, keypoint_distance(), moved))
    return IssueResult(articles=chosen, stances=stances, sureness=sureness, basis=basis, keypoints=found,
                       blindspots=blindspots(members), trends=monthly_sides(members, published))


def moved_units(before: IssueResult | None, stances: dict[str, str]) -> set[str] | None:
    """The units new to the issue or on another side than before; None when there is no before
    or when they (and the units gone) are more than PATCH_SHARE of it: then all is recomputed."""
    if before is None:
        return None
    moved = {uid for uid, side in stances.items() if before.stances.get(uid) != side}
    gone = len(set(before.stances) - set(stances))
    return moved if len(moved) + gone <= PATCH_SHARE * max(len(stances), 1) else None


def _within_links(issues: dict[str, IssueResult], kept: set[str], units: list[Unit], embed_points,
                  previous: CrossRef | None) -> dict[str, Related]:
    """Each issue unit's links within its issues, ranked by the key point encoder: computed for
    the issues that changed (in a patched one, for the units the change touches, the others
    offered the moved units), and for the units changed issues share with others; the rest as
    before."""
    by_id = {u.id: u for u in units}
    before = previous.issues if previous is not None else {}
    reused = previous.related if previous is not None else {}
    now, then = _membership(issues), _membership(before)
    changed = {uid for slug, r in issues.items() if slug not in kept for uid in r.stances}
    changed |= {uid for uid, slugs in now.items() if previous is not None and then.get(uid) != slugs}
    within: dict[str, Related] = {}
    for slug, result in sorted(issues.items()):
        ids = [uid for uid in result.stances if uid in by_id]
        moved = moved_units(before.get(slug), result.stances) if slug not in kept else None
        if slug in kept:
            rows = {uid for uid in ids if uid in changed}
        elif moved is None:
            rows = set(ids)
        else:
            stale = moved | (set(before[slug].stances) - set(result.stances))
            rows = {uid for uid in ids if uid in moved or len(now[uid]) > 1 or uid not in reused
                    or any(link.id in stale for link in (*reused[uid].also, *reused[uid].counter))}
        if not rows:
            if moved is not None:  # computed again (a date, the question's words) with no unit moved
                within.update({uid: reused[uid] for uid in ids})
            continue
        members = with_stances([by_id[uid] for uid in ids], result.stances)
        matrix = _matrix(members, embed_points(members))
        merge_links(within, related(members, matrix, rows=rows))
        if moved is not None:
            kept_links = {uid: reused[uid] for uid in ids if uid not in rows}
            offer_rows(kept_links, members, matrix, rows)
            within.update(kept_links)
    for slug in kept:
        for uid in issues[slug].stances:
            if uid not in changed and uid in reused:
                within[uid] = reused[uid]
    return within


def _membership(issues: dict[str, IssueResult]) -> dict[str, tuple[str, ...]]:
    """unit id -> the slugs of its issues, in order (tuples: a set each took 60 MB at 130,000 units)."""
    out: dict[str, tuple[str, ...]] = {}
    for slug, result in sorted(issues.items()):
        for uid in result.stances:
            out[uid] = (*out.get(uid, ()), slug)
    return out


def _remembered(embed_points):
    """embed_points that encodes each unit once per run (an issue's units are read twice), for a
    run without the embedding cache: with it, the vectors are read from the cache again rather
    than held (at 130,000 units, 150 MB)."""
    known: dict = {}

    def encode(units: list[Unit]) -> dict:
        known.update(embed_points([u for u in units if u.id not in known]))
        return {u.id: known[u.id] for u in units}

    return encode


def _members(assignment: dict[str, list[str]], units: list[Unit]) -> dict[str, list[Unit]]:
    by_article: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        by_article[u.article].append(u)
    return {slug: [u for a in chosen for u in by_article.get(a, [])] for slug, chosen in assignment.items()}


def issue_basis(kb: KnowledgeBase, issue: Issue, chosen: list[str], members: list[Unit], published: dict) -> str:
    """A digest of everything an issue's result is computed from: its question and the analyst's
    sides, its articles and their dates, its units as saved, the models, the settings and Agora's
    code (a new release that finds blindspots otherwise recomputes every issue once)."""
    import hashlib

    digest = hashlib.sha1()
    for part in (issue.question, json_of(issue.stances), json_of(chosen), kb.settings.stance_method,
                 _model_key(), _code_key(), json_of({a: str(published.get(a)) for a in chosen})):
        digest.update(part.encode() + b"\0")
    for u in members:
        digest.update(u.model_dump_json().encode())
    return digest.hexdigest()


def json_of(value) -> str:
    import json

    return json.dumps(value, sort_keys=True)


@lru_cache(maxsize=1)
def _code_key() -> str:
    from .freshness import code

    return code()


def _model_key() -> str:
    """The stance and key point models (a new release of either recomputes every issue)."""
    from ..encoders.classifier import model_card

    points = model_card("keypoints")
    return f"{model_card('stance')['sha256']} {points['sha256']} {points['group_threshold']}"


def point_encoder(cache) -> object:
    """units -> {unit id: key point vector}, through the embedding cache when one is given."""
    from ..encoders.keypoints import encoder

    def encode(units: list[Unit]) -> dict:
        texts = [u.text for u in units]
        if not texts:
            return {}
        # the model is loaded when a text is not in the cache: an index where no issue changed never loads it
        found = cache.embed(texts, lambda missing: encoder().encode(missing)) if cache is not None \
            else encoder().encode(texts)
        return {u.id: v for u, v in zip(units, found, strict=True)}

    return encode


def point_model_name() -> str:
    from ..encoders.classifier import model_card

    return f"agora-keypoints-{model_card('keypoints')['sha256'][:12]}"


def keypoint_distance() -> float:
    from ..encoders.keypoints import threshold

    return threshold()


def _question_vectors(issues: list[Issue], embed) -> dict:
    return dict(zip([i.slug for i in issues], embed([i.search_text for i in issues]), strict=True))


def _matrix(units: list[Unit], vectors: Mapping):
    return stack(vectors, [u.id for u in units])


def assign_issues(kb, issues: list[Issue], units: list[Unit], matrix, issue_vectors: dict,
                  rivals: dict | None = None) -> dict[str, list[str]]:
    """Pinned articles, plus articles whose mean unit vector is close to the issue's question
    and within `issue_margin` of the question (of these issues or of `rivals`, the vectors of
    issues placed before) it is closest to: an article about AI at work in general is near every
    question about AI, and belongs to the debates it is nearest."""
    import numpy as np

    numbered: dict[str, int] = {}  # not np.unique: an array of every unit's slug took 80 MB at 130,000 units
    rows = np.fromiter((numbered.setdefault(u.article, len(numbered)) for u in units), dtype=np.intp, count=len(units))
    slugs = np.array(list(numbered), dtype=object)
    # the sum of an article's unit vectors points where their mean does: only the cosine is used.
    # Summed by runs of one article (the corpus is read article by article, not in slug order):
    # sorting the rows by article copied the whole matrix (200 MB at 130,000 units).
    centroids = np.zeros((len(slugs), matrix.shape[1] if len(slugs) else 1), dtype=np.float32)
    if len(slugs):
        runs = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        np.add.at(centroids, rows[runs], np.add.reduceat(matrix, runs, axis=0))
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)
    questions = [*issue_vectors.values(), *(rivals or {}).values()]
    best = (centroids @ np.asarray(questions).T).max(axis=1) if questions and len(slugs) else np.zeros(len(slugs))
    floor = np.maximum(kb.settings.issue_threshold, best - kb.settings.issue_margin)
    out = {}
    for issue in issues:
        chosen = set(issue.articles)
        vector = issue_vectors.get(issue.slug)
        if vector is not None and len(slugs):
            chosen.update(str(s) for s in slugs[centroids @ np.asarray(vector) >= floor])
        out[issue.slug] = sorted(chosen - set(issue.removed))
    return out


def keypoints(units: list[Unit], point_vectors: dict, articles: dict[str, Article],
              distance: float) -> dict[str, list[KeyPoint]]:
    """Per side, the units that make the same point (the key point encoder's vectors, grouped
    by encoders.keypoints: order-free); a unit whose point nobody else makes is in none."""
    import numpy as np

    from ..encoders.keypoints import group_vectors, representative

    out = {}
    for side in SIDES:
        chosen = sorted((u for u in units if u.stance == side and u.kind in KINDS and u.id in point_vectors),
                        key=lambda u: u.id)
        if not chosen:
            out[side] = []
            continue
        matrix = np.stack([point_vectors[u.id] for u in chosen])
        texts = [u.text for u in chosen]
        found = []
        for group in group_vectors(matrix, texts, distance):
            lead = representative(matrix, group, texts)
            found.append(_describe([chosen[lead]] + [chosen[m] for m in group if m != lead], articles))
        out[side] = found
    return out


def joined_keypoints(previous: dict[str, list[KeyPoint]], units: list[Unit], point_vectors: dict,
                     articles: dict[str, Article], distance: float, moved: set[str]) -> dict[str, list[KeyPoint]]:
    """The previous key points without the units gone or moved, each moved unit in the key point
    of its side whose centroid is nearest, within `distance` (a unit that joins none waits for
    the next full grouping, as one whose point nobody else made)."""
    import numpy as np

    from ..encoders.keypoints import representative

    by_id = {u.id: u for u in units}
    out = {}
    for side in SIDES:
        groups = [[i for i in kp.units if i in by_id and i not in moved] for kp in previous.get(side, [])]
        groups = [g for g in groups if g]
        new = sorted(i for i in moved if by_id[i].stance == side and by_id[i].kind in KINDS and i in point_vectors)
        if new and groups:
            centroids = np.stack([np.mean([point_vectors[i] for i in g], axis=0) for g in groups])
            centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)
            scores = np.stack([point_vectors[i] for i in new]) @ centroids.T
            for uid, best, score in zip(new, scores.argmax(axis=1), scores.max(axis=1), strict=True):
                if 1 - score <= distance:
                    groups[best].append(uid)
        found = []
        for group in (sorted(g) for g in groups if len(g) >= 2):
            texts = [by_id[i].text for i in group]
            lead = group[representative(np.stack([point_vectors[i] for i in group]), list(range(len(group))), texts)]
            found.append(_describe([by_id[lead]] + [by_id[i] for i in group if i != lead], articles))
        found.sort(key=lambda kp: (-len(kp.units), min(by_id[i].text for i in kp.units)))
        out[side] = found
    return out


def _describe(cluster: list[Unit], articles: dict[str, Article]) -> KeyPoint:
    dates = sorted(str(articles[u.article].published) for u in cluster if articles[u.article].published)
    return KeyPoint(representative=cluster[0].id, units=[u.id for u in cluster],
                    articles=len({u.article for u in cluster}),
                    stakeholders=len({s for u in cluster for s in u.stakeholder_ids()}),
                    first_seen=dates[0] if dates else "", last_seen=dates[-1] if dates else "")


def blindspots(units: list[Unit]) -> Blindspots:
    """Stakeholders the issue's articles discuss whom no quote gives a voice (not as the named
    speaker, nor through a speaker of their group, by name or title: "warehouse workers" and
    "a science teacher" give employees and teachers a voice; a company that acts on its staff
    gives employers one), and a side that no quoted source argues."""
    from ..extract.lexicons import lexicons, self_description

    lex = lexicons()
    spoken = {s.id for u in units for s in u.stakeholders if s.role == "speaker"}
    employers = acting_employers(units)
    for u in units:
        if u.kind == "quote" and u.speaker:  # "science teacher", "warehouse workers": their group speaks
            who = " ".join(self_description(text) for text in (u.speaker, u.speaker_title))
            spoken.update(lex.groups[m.group(0).lower()] for m in lex.group_re.finditer(who))
            if u.speaker_id in employers:
                spoken.add(EMPLOYERS)
    discussed = Counter(s.id for u in units for s in u.stakeholders if s.role in ("affected", "beneficiary"))
    sides = {side: any(u.stance == side and u.kind == "quote" and u.speaker for u in units) for side in SIDES}
    return Blindspots(unquoted_stakeholders=[sid for sid, _ in discussed.most_common() if sid not in spoken][:8],
                      sides_without_sourced_arguments=[side for side, ok in sides.items() if not ok])


# -- storing and reading ------------------------------------------------------------

def refresh(index, *, rediscover: bool = False, snapshot: Snapshot | None = None) -> CrossRef:
    """Recompute from the index's vectors and write .agora/crossref.jsonl (with `rediscover`,
    discovery groups every article again)."""
    from ..encoders import unload

    kb = index.kb
    snapshot = snapshot or read_corpus(kb)
    cache = StanceCache(kb)
    with index.cache() as embeddings:
        def embed(texts: list[str]) -> list:
            return embeddings.embed(texts, index.embedder.encode) if texts else []

        def release() -> None:
            unload()
            index.release_store()

        index.release_store()  # opened again for vectors the cache lacks, or to place many new units at once
        with EmbeddingCache(embeddings.path, point_model_name(), POINT_DIM) as points:
            # the vectors are read in compute, not here: it lets them go once the stances are known
            data = compute(kb, lambda: stored_vectors(index, set(index.lexical.hashes()), embeddings, snapshot.units),
                           embed, previous=partial(load, kb), nearest=index.nearest, stance_cache=cache,
                           embed_points=point_encoder(points), rediscover=rediscover, snapshot=snapshot,
                           release=release, known=index.neighbours)
    index.neighbours = None
    save(kb, data)
    cache.save()
    return data


def stored_vectors(store, ids: set[str], embeddings: EmbeddingCache, units: list[Unit]) -> VectorTable:
    """The vectors of the units of `ids` (the index's manifest: what `store` holds, an Index or
    a VectorStore), in the order of `units`. A unit's vector is the embedding of its text, so it
    is read from the embedding cache by text (3 s at 132,000 units; Chroma took 7 s, and as long
    again to list its ids); only what the cache lacks is asked of the store."""
    import numpy as np

    texts = {u.id: u.plain_text for u in units if u.id in ids}
    found = embeddings.cached(list(texts.values()))
    vectors = {uid: found[text] for uid, text in texts.items() if text in found}
    rest = sorted(ids - set(vectors))
    for i in range(0, len(rest), 5000):
        vectors.update(store.vectors(rest[i:i + 5000]))
    order = [uid for uid in dict.fromkeys([*texts, *rest]) if uid in vectors]  # the corpus's order first
    matrix = np.empty((len(order), embeddings.dim), dtype=np.float32)
    for i, uid in enumerate(order):
        matrix[i] = vectors.pop(uid)  # each cached blob is let go once copied
    return VectorTable(order, matrix)


def issue_summaries(kb: KnowledgeBase) -> list[IssueSummary]:
    """`agora issues`: each curated, then proposed issue with its articles and stance counts."""
    cross = load(kb, links=False)
    units = usable_units(kb)
    rows = []
    for issue in load_issues(kb):
        articles = set(cross.articles_of(issue))
        stances = Counter(u.stance for u in cross.issue_units(issue, units))
        rows.append(IssueSummary(slug=issue.slug, status=issue.status, title=issue.title, question=issue.question,
                                 articles=len(articles), pinned=len(issue.articles),
                                 counts={s: stances[s] for s in ("for", "against", "neutral")}))
    return rows


def related_units(kb: KnowledgeBase, unit_id: str) -> RelatedUnits | None:
    """`agora related`: the unit and its links as units; None when it has none (neutral, or not indexed)."""
    from ..errors import UnitNotFound

    units = {u.id: u for u in all_units(kb, errors=[])}  # one pass, not one per id
    unit = units.get(expand_unit_id(kb, unit_id))
    if unit is None:
        raise UnitNotFound(f"no unit {unit_id!r} (ids look like <article-id>-<start>-<end>; see `agora search`)")
    cross = load(kb)
    links = cross.related.get(unit.id)
    if links is None:
        return None
    found = {rel: [units[i] for i in links.ids(rel) if i in units] for rel in ("also", "counter")}
    sides = {slug: r.stances[unit.id] for slug, r in sorted(cross.issues.items()) if unit.id in r.stances}
    return RelatedUnits(unit=unit, sides=sides, **found)
