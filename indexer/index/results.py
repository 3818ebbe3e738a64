"""The debates' results, `CrossRef`, and their file .agora/crossref.jsonl (derived, rebuildable).

One JSON document per line: the first holds the issues' results, each other line one unit's
links and placement. Read a line at a time, the links of 130,000 units take what they hold
(about 130 MB), not that again for the parsed document (one JSON document peaked at 350 MB);
a reader that needs only the issues (search, the issue commands) stops after the first line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from ..atomic import atomic_writer
from ..model.issues import Issue
from ..model.kb import KnowledgeBase
from ..model.units import Unit
from .links import Link, Placement, Related

FILE = "crossref.jsonl"
OLD_FILES = ("crossref.json",)  # one document, before 2026-12: removed when the new file is written


class KeyPoint(BaseModel):
    representative: str
    units: list[str]
    articles: int
    stakeholders: int
    first_seen: str
    last_seen: str


class Blindspots(BaseModel):
    unquoted_stakeholders: list[str] = []
    sides_without_sourced_arguments: list[str] = []


class IssueResult(BaseModel):
    articles: list[str] = []
    stances: dict[str, str] = {}  # unit id -> stance toward this issue's question
    sureness: dict[str, float] = {}  # argued unit id -> how sure that stance is (stances.Sides)
    keypoints: dict[str, list[KeyPoint]] = {}
    blindspots: Blindspots = Blindspots()
    trends: dict[str, dict[str, int]] = {}
    basis: str = ""  # digest of what this was computed from (issue_basis): while it holds, it is reused


class Head(BaseModel):
    """The file's first line."""

    issues: dict[str, IssueResult] = {}


@dataclass
class CrossRef:
    issues: dict[str, IssueResult] = field(default_factory=dict)
    related: dict[str, Related] = field(default_factory=dict)
    placements: dict[str, Placement] = field(default_factory=dict)

    def articles_of(self, issue: Issue) -> list[str]:
        """The issue's articles: as assigned at index time, else the analyst's pinned ones."""
        found = self.issues.get(issue.slug)
        return found.articles if found else issue.articles

    def issue_units(self, issue: Issue, units: list[Unit]) -> list[Unit]:
        """The units of the issue's articles, each with its stance toward the issue's question."""
        from .stances import with_stances

        chosen = set(self.articles_of(issue))
        found = self.issues.get(issue.slug)
        return with_stances([u for u in units if u.article in chosen], found.stances if found else {})


def save(kb: KnowledgeBase, cross: CrossRef) -> None:
    """Write the results atomically, a line at a time."""
    with atomic_writer(kb.state_dir / FILE) as fh:
        for line in _lines(cross):
            fh.write(line.encode("utf-8") + b"\n")
    for name in OLD_FILES:
        (kb.state_dir / name).unlink(missing_ok=True)


def _lines(cross: CrossRef) -> Iterator[str]:
    yield Head(issues=cross.issues).model_dump_json()
    for uid in sorted(cross.related.keys() | cross.placements.keys()):
        place, links = cross.placements.get(uid), cross.related.get(uid)
        yield json.dumps([uid, *(place or ("", "")), *((links.also, links.counter) if links else (None, None))],
                         ensure_ascii=False, separators=(",", ":"))


def load(kb: KnowledgeBase, *, links: bool = True) -> CrossRef:
    """The last computed results (without the links and placements, unless `links`); empty when
    none, or unreadable: `agora index` computes them again."""
    try:
        with (kb.state_dir / FILE).open("rb") as fh:
            cross = CrossRef(issues=Head.model_validate_json(fh.readline()).issues)
            if links:
                _read_links(fh, cross)
            return cross
    except (OSError, ValueError, TypeError, ValidationError):
        return CrossRef()


def _read_links(lines, cross: CrossRef) -> None:
    ids: dict[str, str] = {}  # one string per unit id, however many lists name it

    def parsed(pairs: list) -> list[Link]:
        return [Link(ids.setdefault(str(i), str(i)), float(score)) for i, score in pairs]

    for line in lines:
        uid, stance, article, also, counter = json.loads(line)
        uid, article = ids.setdefault(str(uid), str(uid)), ids.setdefault(str(article), str(article))
        if stance:
            cross.placements[uid] = Placement(str(stance), article)
        if also is not None:
            cross.related[uid] = Related(parsed(also), parsed(counter))

