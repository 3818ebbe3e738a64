"""Links between units of different articles: for each argued unit, the nearest on its side
("also argued") and on the other ("counterpoints"), RELATED_K of each above RELATED_FLOOR.

Exact over all pairs, in blocks of SCORE_CELLS scores; after new articles, only the new units
are placed (exactly while they are few, through the index's neighbours past that) and offered
to the others' lists. `crossref.py` asks for them over the whole corpus and within each issue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model.units import Unit
from ..model.vocab import SIDES
from .vectors import stack

RELATED_K = 3
RELATED_FLOOR = 0.3
KNN = 50
KNN_REBUILD_SHARE = 0.5  # above this share of new units, the exact all-pairs pass is cheaper...
EXACT_MAX = 20_000  # ...up to this many argued units; above, every unit asks the index for its neighbours
QUERY_BATCH = 256
FRESH_CELLS = 500_000_000  # new units x argued units placed exactly from the vectors (a few seconds)
BLOCK = 4096
SCORE_CELLS = 2_000_000  # rows x units scored at once: about 60 MB of scores, masks and ranks


class Link(NamedTuple):  # a pair in the file: 200,000 units' links read as tuples, not as models
    id: str
    score: float


@dataclass(slots=True)
class Related:
    """The nearest units of other articles on the same side (also) and the other (counter). A
    slotted dataclass, not a model: a knowledge base of 130,000 units holds 100,000 of them."""

    also: list[Link] = field(default_factory=list)
    counter: list[Link] = field(default_factory=list)

    def ids(self, relation: str) -> list[str]:
        return [link.id for link in getattr(self, relation)]


class Placement(NamedTuple):
    """What a unit's links depend on: when its side or article changes, they are recomputed."""

    stance: str
    article: str


class Neighbours:
    """The index's KNN nearest units of each of some units, asked by the sync that stored them,
    while Chroma's graph was in memory anyway: the links are then placed without reading the
    graph again, or holding every vector (at 132,000 units, 280 and 200 MB)."""

    def __init__(self, vocabulary: list[str]) -> None:
        self.vocabulary, self.column = vocabulary, {uid: i for i, uid in enumerate(vocabulary)}
        self.row: dict[str, int] = {}
        self._found, self._scores = [], []

    def add(self, ids: list[str], found: list[list[tuple[str, float]]]) -> None:
        """Keep the neighbours of `ids` (as the store answered) as numbers, not strings."""
        import numpy as np

        block = np.full((len(ids), KNN), -1, dtype=np.int32)
        scores = np.zeros((len(ids), KNN), dtype=np.float32)
        for r, (uid, pairs) in enumerate(zip(ids, found, strict=True)):
            self.row[uid] = len(self.row)
            kept = [(self.column[other], score) for other, score in pairs[:KNN] if other in self.column]
            if kept:
                block[r, :len(kept)], scores[r, :len(kept)] = zip(*kept, strict=True)
        self._found.append(block)
        self._scores.append(scores)

    def __contains__(self, uid: object) -> bool:
        return uid in self.row

    def of(self, uids: list[str]) -> list[list[tuple[str, float]]]:
        import numpy as np

        if len(self._found) > 1:
            self._found, self._scores = [np.concatenate(self._found)], [np.concatenate(self._scores)]
        found, scores = self._found[0], self._scores[0]
        return [[(self.vocabulary[j], float(s)) for j, s in zip(found[self.row[u]], scores[self.row[u]], strict=True)
                 if j >= 0] for u in uids]


def through_index(fresh: int, now: int) -> bool:
    """True when `update_related` places `fresh` new units among `now` argued ones through the
    index's neighbours: too many for the exact passes over the vectors."""
    all_pairs = fresh > KNN_REBUILD_SHARE * max(now, 1) and now <= EXACT_MAX
    return not all_pairs and fresh * now > FRESH_CELLS


def placements(units: Iterable[Unit]) -> dict[str, Placement]:
    return {u.id: Placement(u.stance, u.article) for u in units if u.stance in SIDES}


def related(units: list[Unit], matrix, rows: set[str] | None = None) -> dict[str, Related]:
    """For each argued unit (of `rows`, when given), the nearest units of other articles on the
    same and the other side (exact, over all pairs, a block of rows at a time within SCORE_CELLS;
    the matrix's rows are read in place, never copied whole)."""
    import numpy as np

    argued = [i for i, u in enumerate(units) if u.stance in SIDES]
    if not argued:
        return {}
    ids = [u.id for u in units]
    side = np.array([u.stance == "for" for u in units])
    unargued = np.array([u.stance not in SIDES for u in units])
    article = np.unique([u.article for u in units], return_inverse=True)[1]
    asked = np.array([i for i in argued if rows is None or ids[i] in rows], dtype=int)
    out = {}
    step = max(1, min(BLOCK, SCORE_CELLS // len(units)))
    for start in range(0, len(asked), step):
        block = asked[start:start + step]
        scores = matrix[block] @ matrix.T
        scores[:, unargued] = -2
        scores[article[block, None] == article[None, :]] = -2  # other articles only
        same = side[block, None] == side[None, :]
        also, counter = _top(np.where(same, scores, -2), ids), _top(np.where(same, -2, scores), ids)
        for j, a, c in zip(block, also, counter, strict=True):
            out[ids[j]] = Related(also=a, counter=c)
    return out


def _top(scores, ids: list[str]) -> list[list[Link]]:
    """Per row of scores, the RELATED_K best columns above the floor, best first (ties by column)."""
    import numpy as np

    k = min(RELATED_K, scores.shape[1])
    best = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    values = np.take_along_axis(scores, best, axis=1)
    order = np.lexsort((best, -values), axis=1)
    best, values = np.take_along_axis(best, order, axis=1), np.take_along_axis(values, order, axis=1)
    return [[Link(id=ids[j], score=round(float(v), 4)) for j, v in zip(row, vals, strict=True) if v > RELATED_FLOOR]
            for row, vals in zip(best, values, strict=True)]


def update_related(units: list[Unit], vectors: Mapping, before: Mapping[str, Related],
                   placed_before: Mapping[str, Placement], nearest, placed: dict[str, Placement] | None = None,
                   rows: set[str] | None = None, matrix=None, known: Neighbours | None = None) -> dict[str, Related]:
    """The links of the units of `rows` (default: all), to any argued unit, from the last run's
    (`before`, and where each unit was then, `placed_before`): an unchanged unit keeps its links;
    new or changed units are placed exactly, from the vectors in memory (`matrix`: those of
    `units` in their order, when the caller has it), while they are few (FRESH_CELLS), else by
    the index's neighbours (`nearest`: vectors, n -> the n nearest of each), each offered to its
    neighbours' lists. When most units are new, all pairs are compared exactly,
    unless there are more than EXACT_MAX: that pass grows with the square of the units, the
    index's neighbours do not. `known`: the neighbours the sync already asked the index for (then
    `vectors` is not read for the units it holds)."""
    now = placed if placed is not None else placements(units)
    asked = set(now) if rows is None else rows & set(now)
    if not asked:
        return {}
    fresh = [uid for uid, place in now.items() if placed_before.get(uid) != place]
    if len(fresh) > KNN_REBUILD_SHARE * max(len(now), 1) and len(now) <= EXACT_MAX:
        return related(units, stack(vectors, [u.id for u in units]) if matrix is None else matrix, rows=asked)
    changed = set(fresh)
    links = {uid: _still_valid(r, now, changed) for uid, r in before.items() if uid in asked and uid not in changed}
    if not through_index(len(fresh), len(now)):  # all units with their matrix: a copy of the argued rows was 200 MB
        matrix = stack(vectors, [u.id for u in units]) if matrix is None else matrix
        links.update(related(units, matrix, rows=changed & asked))
        offer_rows(links, units, matrix, changed)
        return links
    links = {uid: Related(list(r.also), list(r.counter)) for uid, r in links.items()}  # changed in place below
    for start in range(0, len(fresh), QUERY_BATCH):
        batch = fresh[start:start + QUERY_BATCH]
        answers = (known.of(batch) if known is not None and all(u in known for u in batch)
                   else nearest([vectors[u] for u in batch], KNN))
        for uid, found in zip(batch, answers, strict=True):
            _link_neighbours(links, uid, found, now, asked)
    return links


def _still_valid(links: Related, now: Mapping[str, Placement], changed: set[str]) -> Related:
    """The links to units still argued and unchanged: the same record when all are (shared with
    the last run's result, so it is copied before it changes)."""
    def valid(link: Link) -> bool:
        return link.id in now and link.id not in changed

    if all(valid(link) for link in links.also) and all(valid(link) for link in links.counter):
        return links
    return Related([link for link in links.also if valid(link)], [link for link in links.counter if valid(link)])


def _link_neighbours(links: dict[str, Related], uid: str, found, now: dict[str, Placement], asked: set[str]) -> None:
    """Offer each neighbour of other articles to *uid*'s lists (when it is asked for), and *uid*
    to the neighbour's."""
    if uid in asked:
        links[uid] = Related()
    for other, score in found:
        if other == uid or other not in now or now[other].article == now[uid].article:
            continue
        relation = "also" if now[other].stance == now[uid].stance else "counter"
        if uid in links:
            _offer(getattr(links[uid], relation), other, score)
        if other in links:
            _offer(getattr(links[other], relation), uid, score)


def offer_rows(links: dict[str, Related], units: list[Unit], matrix, rows: set[str]) -> None:
    """Offer each unit of `links` the nearest `rows` units of other articles, by side: with the
    lists they had before the rows changed, they become what a full pass gives. The lists are
    scored a block at a time, within SCORE_CELLS. A unit's `Related` is replaced by a copy
    before its lists change, so the previous result's, which `links` may share, stay as they were."""
    import numpy as np

    argued = [i for i, u in enumerate(units) if u.stance in SIDES]
    asked = [i for i in argued if units[i].id in rows]
    targets = [i for i in argued if units[i].id in links]
    if not asked or not targets:
        return
    rows_matrix = matrix[asked]
    asked_article = np.array([units[i].article for i in asked])[:, None]
    asked_side = np.array([units[i].stance for i in asked])[:, None]
    k, copied = min(RELATED_K, len(asked)), set()
    step = max(1, SCORE_CELLS // len(asked))
    for start in range(0, len(targets), step):
        block = targets[start:start + step]
        scores = rows_matrix @ matrix[block].T
        scores[asked_article == np.array([units[i].article for i in block])] = -2
        same = asked_side == np.array([units[i].stance for i in block])
        for relation, where in (("also", same), ("counter", ~same)):
            masked = np.where(where, scores, -2)
            worst = np.array([_worst(getattr(links[units[t].id], relation)) for t in block])
            best = np.argpartition(-masked, k - 1, axis=0)[:k]
            for col in np.flatnonzero((masked > worst).any(axis=0)):  # the few lists a row can enter
                uid = units[block[col]].id
                for row in best[:, col]:
                    if masked[row, col] > RELATED_FLOOR:
                        if uid not in copied:
                            links[uid] = Related(also=list(links[uid].also),
                                                                 counter=list(links[uid].counter))
                            copied.add(uid)
                        _offer(getattr(links[uid], relation), units[asked[row]].id, masked[row, col])


def merge_links(into: dict[str, Related], found: dict[str, Related]) -> None:
    """A unit of several issues keeps the best links over all of them (in a copy: `into` may
    share the previous result's)."""
    for uid, links in found.items():
        if uid not in into:
            into[uid] = links
            continue
        into[uid] = merged = Related(also=list(into[uid].also), counter=list(into[uid].counter))
        for relation in ("also", "counter"):
            for link in getattr(links, relation):
                _offer(getattr(merged, relation), link.id, link.score)


def _offer(links: list[Link], uid: str, score: float) -> None:
    """Insert (uid, score) into a best-first list of at most RELATED_K above the floor."""
    if score <= RELATED_FLOOR or any(p.id == uid for p in links):
        return
    links.append(Link(id=uid, score=round(float(score), 4)))
    links.sort(key=lambda p: -p.score)
    del links[RELATED_K:]


def _worst(links: list[Link]) -> float:
    """The score a new link must beat to enter a full list (the floor while it is not full)."""
    return links[-1].score if len(links) >= RELATED_K else RELATED_FLOOR
