"""Search argument units by meaning (dense), by words (BM25) or both fused (RRF)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date

from ..model.vocab import Mode

RRF_K = 60
OVERFETCH = 20


@dataclass
class Filters:
    kind: str | None = None
    stakeholder: str | None = None
    stance: str | None = None
    issue: str | None = None
    article: str | None = None
    since: date | None = None
    until: date | None = None

    def active(self) -> bool:
        return any(v is not None for v in asdict(self).values())

    def sql(self) -> tuple[str, list]:
        clauses, params = ["1=1"], []
        for column in ("kind", "stance", "article"):
            if getattr(self, column):
                clauses.append(f"{column} = ?")
                params.append(getattr(self, column))
        for column, value in (("stakeholders", self.stakeholder), ("issues", self.issue)):
            if value:
                clauses.append(f"instr({column}, ?) > 0")
                params.append(f"|{value}|")
        if self.since:
            clauses.append("published >= ?")
            params.append(int(self.since.strftime("%Y%m%d")))
        if self.until:
            clauses.append("published > 0 AND published <= ?")
            params.append(int(self.until.strftime("%Y%m%d")))
        return " AND ".join(clauses), params


@dataclass
class Hit:
    id: str
    score: float
    kind: str
    stance: str
    text: str
    speaker: str
    speaker_title: str
    stakeholders: list[str] = field(default_factory=list)
    article: str = ""
    title: str = ""
    published: str = ""
    url: str = ""
    similarity: float | None = None  # cosine between the query and the unit; None in lexical mode

    @property
    def match(self) -> int | None:
        """The similarity as a person reads it: 0-100."""
        return None if self.similarity is None else max(0, round(100 * self.similarity))

    def as_dict(self) -> dict:
        return {**asdict(self), "match": self.match}

    @classmethod
    def from_row(cls, row: dict, score: float) -> Hit:
        pub = str(row["published"] or "")
        return cls(id=row["id"], score=round(score, 4), kind=row["kind"], stance=row["stance"], text=row["text"],
                   speaker=row["speaker"] or "", speaker_title=row["speaker_title"] or "",
                   stakeholders=[s for s in row["stakeholders"].split("|") if s], article=row["article"],
                   title=row["title"], published=f"{pub[:4]}-{pub[4:6]}-{pub[6:]}" if len(pub) == 8 else "",
                   url=row["url"] or "")


def run_search(index, query: str, *, filters: Filters | None = None, n: int = 10,
               mode: Mode = "hybrid") -> list[Hit]:
    filters = filters or Filters()
    stances = _issue_stances(index, filters.issue)
    if stances is not None:  # an issue the index knows: its units, on its question's sides
        rest = replace(filters, issue=None, stance=None)
        allowed = {uid for uid, s in stances.items() if filters.stance in (None, s)}
        if rest.active():
            allowed &= index.lexical.filtered_ids(*rest.sql())
    else:
        allowed = index.lexical.filtered_ids(*filters.sql()) if filters.active() else None
    if allowed is not None and not allowed:
        return []
    vector = index.embedder.encode([query])[0] if mode != "lexical" else None
    ranked = _ranked(index, query, vector, n, mode, allowed)
    rows = index.lexical.get([i for i, _ in ranked[:n]])
    hits = [Hit.from_row(rows[i], s) for i, s in ranked[:n] if i in rows]
    if vector is not None:
        hits = _with_similarity(index, hits, vector)
    return [replace(h, stance=stances.get(h.id, h.stance)) for h in hits] if stances else hits


def _with_similarity(index, hits: list[Hit], vector) -> list[Hit]:
    vectors = index.store.vectors([h.id for h in hits]) if hits else {}
    return [replace(h, similarity=round(float(vectors[h.id] @ vector), 4)) if h.id in vectors else h for h in hits]


def good_match(hits: list[Hit], threshold: float) -> bool:
    """Whether any hit is close enough in meaning to count as an answer (see the setting
    `good_match`, calibrated by bench/match_eval.py)."""
    return any(h.similarity is not None and h.similarity >= threshold for h in hits)


def _issue_stances(index, issue: str | None) -> dict[str, str] | None:
    """unit id -> stance toward the issue's question, when the cross-article pass knows the issue."""
    if not issue:
        return None
    from .results import load

    found = load(index.kb, links=False).issues.get(issue)
    return dict(found.stances) if found and found.stances else None


def _ranked(index, query: str, vector, n: int, mode: Mode, allowed: set[str] | None) -> list[tuple[str, float]]:
    depth = max(n * OVERFETCH, 100)
    dense = _dense(index, vector, depth, allowed) if mode in ("dense", "hybrid") else []
    if mode == "dense":
        return dense
    lexical = _keep(index.lexical.search(query, depth * (1 if allowed is None else 5)), allowed)
    return lexical if mode == "lexical" else rrf([dense, lexical])


def _dense(index, vector, depth: int, allowed: set[str] | None) -> list[tuple[str, float]]:
    hits = _keep(index.store.query(vector, depth), allowed)
    if allowed is not None and len(hits) < min(depth, len(allowed)) // OVERFETCH:
        hits = _exact(index, vector, allowed, depth)  # a narrow filter: score its few units exactly
    return hits


def _exact(index, vector, allowed: set[str], depth: int) -> list[tuple[str, float]]:
    vectors = index.store.vectors(sorted(allowed)[:50_000])
    scored = [(i, float(v @ vector)) for i, v in vectors.items()]
    return sorted(scored, key=lambda x: -x[1])[:depth]


def _keep(hits: list[tuple[str, float]], allowed: set[str] | None) -> list[tuple[str, float]]:
    return hits if allowed is None else [h for h in hits if h[0] in allowed]


def rrf(rankings: list[list[tuple[str, float]]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Reciprocal rank fusion: sum of 1 / (k + rank) over the rankings a result is in."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, (uid, _) in enumerate(ranking, start=1):
            scores[uid] = scores.get(uid, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda x: -x[1])
